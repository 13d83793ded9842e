//! The shape of a property table: the rows that describe each property of a resource (or of
//! the provider's configuration) once, for Check, Diff, Read, previews and the schema to share.

use crate::value::{PropertyMap, Value};

/// What a property holds.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    String,
    Integer,
    Boolean,
    /// A list whose order carries no meaning: a reordering is no change.
    StringSet,
    /// A list whose order is kept as given.
    StringList,
    /// A list of values of any kind, kept as given (such as `triggers`).
    AnyList,
    Object(&'static [Property]),
}

/// How a change to an input reaches Cognito.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Update {
    /// UpdateUserPoolClient changes it in place.
    InPlace,
    /// Only settable at creation: a change creates a new client, then deletes the old one.
    Replace,
    /// A client secret: changed in place by adding the new secret, then deleting the old one,
    /// outside UpdateUserPoolClient.
    Rotated,
    /// Set by Cognito, never by the user.
    OutputOnly,
}

/// The value Cognito uses when a property is not set; used to tell a real value from a
/// default that Cognito reports back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AwsDefault {
    None,
    Bool(bool),
    Integer(i64),
    String(&'static str),
    /// A number of time units: the default only in the default unit. Never compared or sent
    /// as a bare number (30 hours is not the default 30 days); `tokens` compares durations.
    Duration(i64),
    /// A list that is empty unless set: sent as `[]` when unset, so removing it clears it.
    Empty,
    /// Cognito picks a value when the user gives none (such as the analytics role): a value
    /// on one side and none on the other is no difference.
    Computed,
}

/// What of the user pool a property's values name: each must exist in the pool, which Check
/// looks at when the pool id is known (see `user_pool_client::pool_refs`).
pub use crate::cognito::pool::PoolPart as PoolReference;

/// A constraint on one property's own value.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// Length in characters (not bytes).
    Length { min: usize, max: usize },
    /// The whole value must match this regular expression.
    Pattern(&'static str),
    /// Inclusive range of an integer.
    Range { min: i64, max: i64 },
    /// At most this many items in a list.
    MaxItems(usize),
    /// The value must be one of a closed set; `name` names the set as an enum in the schema.
    /// (Rows backed by the API model take their closed sets from it instead.)
    OneOf {
        name: &'static str,
        values: fn() -> &'static [&'static str],
    },
    /// The same rules for each item of a list.
    EachItem(&'static [Rule]),
    /// A check of a string's meaning: `Some(reason)` when it fails.
    Check(fn(&str) -> Option<String>),
}

#[derive(Debug, Clone, Copy)]
pub struct Property {
    /// The Pulumi name (camelCase).
    pub name: &'static str,
    /// The Cognito API field; for provider configuration, the environment variable that the
    /// AWS SDK reads for the same setting (empty when there is none).
    pub api: &'static str,
    pub shape: Shape,
    pub update: Update,
    pub required: bool,
    pub secret: bool,
    pub default: AwsDefault,
    pub rules: &'static [Rule],
    /// The schema's name for the closed set of values the API model gives this property (or
    /// each of its items), such as `ExplicitAuthFlow`.
    pub enum_type: Option<&'static str>,
    /// Where the provider enforces more than the API model says, why, in the words the schema
    /// uses instead of the model's bounds (token lifetimes are limited as durations, not as
    /// numbers).
    pub narrowed: Option<&'static str>,
    /// What of the user pool the values name, if anything.
    pub pool_reference: Option<PoolReference>,
    pub description: &'static str,
}

impl Property {
    pub const fn new(name: &'static str, api: &'static str, shape: Shape) -> Property {
        Property {
            name,
            api,
            shape,
            update: Update::InPlace,
            required: false,
            secret: false,
            default: AwsDefault::None,
            rules: &[],
            enum_type: None,
            narrowed: None,
            pool_reference: None,
            description: "",
        }
    }
    pub const fn replace(mut self) -> Self {
        self.update = Update::Replace;
        self
    }
    pub const fn rotated(mut self) -> Self {
        self.update = Update::Rotated;
        self
    }
    pub const fn output(mut self) -> Self {
        self.update = Update::OutputOnly;
        self
    }
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }
    pub const fn default(mut self, default: AwsDefault) -> Self {
        self.default = default;
        self
    }
    pub const fn rules(mut self, rules: &'static [Rule]) -> Self {
        self.rules = rules;
        self
    }
    pub const fn enum_type(mut self, name: &'static str) -> Self {
        self.enum_type = Some(name);
        self
    }
    pub const fn narrowed(mut self, why: &'static str) -> Self {
        self.narrowed = Some(why);
        self
    }
    pub const fn refers_to(mut self, reference: PoolReference) -> Self {
        self.pool_reference = Some(reference);
        self
    }
    pub const fn doc(mut self, description: &'static str) -> Self {
        self.description = description;
        self
    }

    pub fn is_input(&self) -> bool {
        self.update != Update::OutputOnly
    }

    pub fn is_list(&self) -> bool {
        matches!(
            self.shape,
            Shape::StringSet | Shape::StringList | Shape::AnyList
        )
    }
}

impl AwsDefault {
    /// What a create or update sends for a property the program leaves out, so that removing
    /// it restores Cognito's default: nothing for a lifetime (its unit may differ) or a value
    /// Cognito picks, `[]` for a list that is empty by default.
    pub fn sent_when_unset(self) -> Option<Value> {
        match self {
            AwsDefault::Empty => Some(Value::Array(vec![])),
            other => other.value(),
        }
    }

    fn value(self) -> Option<Value> {
        match self {
            AwsDefault::None | AwsDefault::Empty | AwsDefault::Computed => None,
            AwsDefault::Duration(_) => None,
            AwsDefault::Bool(b) => Some(Value::Bool(b)),
            AwsDefault::Integer(n) => Some(Value::Number(n as f64)),
            AwsDefault::String(s) => Some(Value::string(s)),
        }
    }
}

impl Property {
    /// The value in the form comparisons use: secrets revealed, and everything that means
    /// "not set" (absent, null, an empty list or object, the value Cognito uses by default)
    /// as `None`; sets sorted and without duplicates. Unknowns stay as they are.
    pub fn normalized(&self, value: Option<&Value>) -> Option<Value> {
        let value = value?.revealed();
        let value = match (self.shape, value) {
            (_, Value::Null) => return None,
            (_, Value::Unknown) => return Some(Value::Unknown),
            (Shape::StringSet | Shape::StringList | Shape::AnyList, Value::Array(items))
                if items.is_empty() =>
            {
                return None;
            }
            (Shape::StringSet, Value::Array(mut items)) => {
                items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                items.dedup();
                Value::Array(items)
            }
            (Shape::Object(fields), Value::Object(map)) => {
                let kept: PropertyMap = fields
                    .iter()
                    .filter_map(|f| Some((f.name.to_string(), f.normalized(map.get(f.name))?)))
                    .collect();
                if kept.is_empty() {
                    return None;
                }
                Value::Object(kept)
            }
            (_, other) => other,
        };
        if Some(&value) == self.default.value().as_ref() {
            return None;
        }
        Some(value)
    }

    /// Whether two values mean the same setting to Cognito. An unknown is never the same as
    /// anything: it may turn out to be any value.
    pub fn same(&self, a: Option<&Value>, b: Option<&Value>) -> bool {
        let (a, b) = (self.normalized(a), self.normalized(b));
        if let Shape::Object(fields) = self.shape {
            let field = |o: &Option<Value>, name: &str| match o {
                Some(Value::Object(m)) => m.get(name).cloned(),
                _ => None,
            };
            let objects = |o: &Option<Value>| o.is_none() || matches!(o, Some(Value::Object(_)));
            if objects(&a) && objects(&b) {
                return fields
                    .iter()
                    .all(|f| f.same(field(&a, f.name).as_ref(), field(&b, f.name).as_ref()));
            }
        }
        if a.as_ref().is_some_and(Value::contains_unknown)
            || b.as_ref().is_some_and(Value::contains_unknown)
        {
            return false;
        }
        a == b || (self.default == AwsDefault::Computed && (a.is_none() || b.is_none()))
    }
}
