//! Pulumi property values, independent of their wire encoding.
//!
//! The engine sends values as protobuf `Struct`s in which secrets and unknowns are encoded as
//! special objects and sentinel strings. `plugin::codec` turns those into this model, so that
//! the resource code sees secrets and unknowns as what they are and never touches prost.

pub mod path;

use std::collections::BTreeMap;

/// A map of property name to value: the inputs or outputs of a resource.
pub type PropertyMap = BTreeMap<String, Value>;

/// A property map from name-value pairs (tests, and inputs built by hand).
pub fn map_of(pairs: &[(&str, Value)]) -> PropertyMap {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// One property value. Its `Debug` form never shows what a secret holds, so values can be
/// logged without leaking one.
#[derive(Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// Every number on the wire is a double, integers included.
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(PropertyMap),
    /// A value that must stay secret wherever it goes.
    Secret(Box<Value>),
    /// A value not known until the deployment runs (previews only).
    Unknown,
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Array(items) => f.debug_list().entries(items).finish(),
            Value::Object(map) => f.debug_map().entries(map).finish(),
            Value::Secret(_) => f.write_str("[secret]"),
            Value::Unknown => f.write_str("[unknown]"),
        }
    }
}

impl Value {
    pub fn string(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }

    /// A JSON document as a value (numbers as doubles, as on the wire).
    pub fn from_json(json: &serde_json::Value) -> Value {
        use serde_json::Value as Json;
        match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            Json::String(s) => Value::string(s.as_str()),
            Json::Array(items) => Value::Array(items.iter().map(Value::from_json).collect()),
            Json::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }

    pub fn strings<S: AsRef<str>>(items: &[S]) -> Value {
        Value::Array(items.iter().map(|s| Value::string(s.as_ref())).collect())
    }

    /// Wraps `self` as a secret when `secret` is true; never double-wraps.
    pub fn secret_if(self, secret: bool) -> Value {
        match self {
            Value::Secret(_) => self,
            other if secret => Value::Secret(Box::new(other)),
            other => other,
        }
    }

    /// The value with any secret wrapping removed, and whether there was one.
    pub fn reveal(&self) -> (&Value, bool) {
        match self {
            Value::Secret(inner) => (inner.reveal().0, true),
            other => (other, false),
        }
    }

    /// The value without secret wrappers at any depth; what comparisons and AWS calls use.
    pub fn revealed(&self) -> Value {
        match self {
            Value::Secret(inner) => inner.revealed(),
            Value::Array(items) => Value::Array(items.iter().map(Value::revealed).collect()),
            Value::Object(map) => {
                Value::Object(map.iter().map(|(k, v)| (k.clone(), v.revealed())).collect())
            }
            other => other.clone(),
        }
    }

    /// True when the value is, or contains, a secret.
    pub fn contains_secret(&self) -> bool {
        match self {
            Value::Secret(_) => true,
            Value::Array(items) => items.iter().any(Value::contains_secret),
            Value::Object(map) => map.values().any(Value::contains_secret),
            _ => false,
        }
    }

    /// True when the value is, or contains, an unknown.
    pub fn contains_unknown(&self) -> bool {
        match self {
            Value::Unknown => true,
            Value::Secret(inner) => inner.contains_unknown(),
            Value::Array(items) => items.iter().any(Value::contains_unknown),
            Value::Object(map) => map.values().any(Value::contains_unknown),
            _ => false,
        }
    }

    /// True for the value itself being unknown (possibly behind a secret).
    pub fn is_unknown(&self) -> bool {
        matches!(self.reveal().0, Value::Unknown)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.reveal().0, Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self.reveal().0 {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.reveal().0 {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.reveal().0 {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self.reveal().0 {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&PropertyMap> {
        match self.reveal().0 {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// A short name of the value's type, for messages such as "expected a string, got a number".
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
            Value::Secret(inner) => inner.type_name(),
            Value::Unknown => "an unknown value",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_if_wraps_once() {
        let v = Value::string("x").secret_if(true).secret_if(true);
        assert_eq!(v, Value::Secret(Box::new(Value::string("x"))));
        assert_eq!(Value::string("x").secret_if(false), Value::string("x"));
    }

    #[test]
    fn revealed_strips_secrets_at_every_depth() {
        let mut map = PropertyMap::new();
        map.insert("a".into(), Value::string("s").secret_if(true));
        let v = Value::Array(vec![Value::Object(map).secret_if(true)]);
        assert!(v.contains_secret());
        let plain = v.revealed();
        assert!(!plain.contains_secret());
        assert_eq!(
            plain
                .as_array()
                .and_then(|a| a[0].as_object())
                .and_then(|o| o["a"].as_str()),
            Some("s")
        );
    }

    #[test]
    fn debug_never_shows_a_secret() {
        let v = Value::Array(vec![
            Value::string("hunter2").secret_if(true),
            Value::string("plain"),
        ]);
        assert_eq!(format!("{v:?}"), r#"[[secret], "plain"]"#);
    }

    #[test]
    fn unknown_is_found_inside_secrets_and_lists() {
        assert!(Value::Array(vec![Value::Unknown.secret_if(true)]).contains_unknown());
        assert!(!Value::strings(&["a"]).contains_unknown());
        assert!(Value::Unknown.secret_if(true).is_unknown());
    }
}
