//! Table-driven validation: types, required properties, unknown names, the value constraints
//! of Cognito's API model for each row's API member, and each row's own rules.
//!
//! Unknown values (previews) are never judged. A secret value is checked like any other, but a
//! message never repeats it, and a long value is quoted short.

use crate::cognito::model::{self, ApiShape, Kind};
use crate::resource::CheckFailure;
use crate::resource::table::{Property, Rule, Shape};
use crate::value::{PropertyMap, Value};

/// What Check found: rules broken, and advice that does not stop the deployment.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Findings {
    pub failures: Vec<CheckFailure>,
    pub warnings: Vec<String>,
}

impl Findings {
    fn fail(&mut self, path: &str, reason: String) {
        self.failures.push(CheckFailure::new(path, reason));
    }
}

/// Checks `map` against the input rows of `props` and, when given, the API model's structure
/// for the same object. Returns the inputs to keep: nulls and engine-internal `__` keys
/// dropped, everything else as given (secrets too).
pub fn object(
    props: &[Property],
    api: Option<&ApiShape>,
    map: &PropertyMap,
    prefix: &str,
    out: &mut Findings,
) -> PropertyMap {
    let mut kept = PropertyMap::new();
    for (key, value) in map {
        if key.starts_with("__") || value.is_null() {
            continue;
        }
        let path = join(prefix, key);
        match props.iter().find(|p| p.is_input() && p.name == key) {
            Some(prop) => {
                let member = api.and_then(|a| model::member_of(a, prop.api));
                let value = property(prop, member, value, &path, out);
                kept.insert(key.clone(), value);
            }
            None => out.fail(&path, unknown_name(props, key, &path)),
        }
    }
    for prop in props.iter().filter(|p| p.required) {
        if !kept.contains_key(prop.name) {
            let path = join(prefix, prop.name);
            out.fail(&path, format!("`{path}` is required"));
        }
    }
    kept
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn unknown_name(props: &[Property], key: &str, path: &str) -> String {
    let close = props
        .iter()
        .filter(|p| p.is_input())
        .map(|p| {
            (
                edit_distance(&p.name.to_lowercase(), &key.to_lowercase()),
                p.name,
            )
        })
        .min();
    match close {
        Some((d, name)) if d <= 3 => {
            format!("`{path}` is not a property of this resource; did you mean `{name}`?")
        }
        _ => format!("`{path}` is not a property of this resource"),
    }
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Checks one value; returns it as it should be kept.
fn property(
    prop: &Property,
    member: Option<&ApiShape>,
    value: &Value,
    path: &str,
    out: &mut Findings,
) -> Value {
    if value.is_unknown() {
        return value.clone();
    }
    let (plain, secret) = value.reveal();
    match (prop.shape, plain) {
        (Shape::String, Value::String(_)) | (Shape::Boolean, Value::Bool(_)) => {}
        (Shape::Integer, Value::Number(n)) if integral(*n) => {}
        (Shape::Integer, Value::Number(_)) => {
            let shown = Shown::new(plain, secret);
            out.fail(
                path,
                format!("`{path}` must be a whole number, got {shown}"),
            );
            return value.clone();
        }
        (Shape::StringSet | Shape::StringList, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if !item.is_unknown() && item.as_str().is_none() {
                    out.fail(
                        &format!("{path}[{i}]"),
                        format!(
                            "`{path}` must be a list of strings, but item {i} is {}",
                            item.type_name()
                        ),
                    );
                }
            }
        }
        (Shape::AnyList, Value::Array(_)) => {}
        (Shape::Object(fields), Value::Object(map)) => {
            let kept = object(fields, member, map, path, out);
            return Value::Object(kept).secret_if(secret);
        }
        _ => {
            out.fail(
                path,
                format!(
                    "`{path}` must be {}, got {}",
                    expected(prop.shape),
                    plain.type_name()
                ),
            );
            return value.clone();
        }
    }
    if let Some(member) = member {
        let set = matches!(prop.shape, Shape::StringSet);
        constraints(member, prop.enum_type, set, plain, path, secret, out);
    }
    for rule in prop.rules {
        apply(rule, plain, path, secret, out);
    }
    value.clone()
}

fn integral(n: f64) -> bool {
    n.fract() == 0.0 && n.abs() <= i32::MAX as f64
}

fn expected(shape: Shape) -> &'static str {
    match shape {
        Shape::String => "a string",
        Shape::Integer => "a whole number",
        Shape::Boolean => "a boolean",
        Shape::StringSet | Shape::StringList => "a list of strings",
        Shape::AnyList => "a list",
        Shape::Object(_) => "an object",
    }
}

/// A value as a message may show it: secrets are never repeated, and long strings are cut.
struct Shown<'a> {
    value: &'a Value,
    secret: bool,
}

impl<'a> Shown<'a> {
    fn new(value: &'a Value, secret: bool) -> Self {
        Shown { value, secret }
    }
}

/// At most this many characters of a value are quoted in a message.
const QUOTE: usize = 40;

/// A string as a message quotes it: in quotes, cut short when long.
pub fn quote(s: &str) -> String {
    Shown::new(&Value::String(s.to_string()), false).to_string()
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            _ if self.secret => f.write_str("a secret value"),
            Value::String(s) if s.chars().count() > QUOTE => {
                let cut: String = s.chars().take(QUOTE).collect();
                write!(f, "{cut:?}...")
            }
            Value::String(s) => write!(f, "{s:?}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Bool(b) => write!(f, "{b}"),
            other => f.write_str(other.type_name()),
        }
    }
}

/// The API model's constraints on one value: a string's length, pattern and closed set of
/// values, an integer's range, a list's size and the constraints of each item. A set (`set`) is
/// sent without its repeats (see `ClientSettings`), so its size is the number of distinct values.
fn constraints(
    shape: &ApiShape,
    enum_type: Option<&str>,
    set: bool,
    value: &Value,
    path: &str,
    secret: bool,
    out: &mut Findings,
) {
    let shown = Shown::new(value, secret);
    match (&shape.kind, value) {
        (Kind::String, Value::String(s)) => {
            let n = s.chars().count() as i64;
            if shape.min.is_some_and(|min| n < min) || shape.max.is_some_and(|max| n > max) {
                let bounds = bounds(shape.min, shape.max, "characters long");
                out.fail(
                    path,
                    format!("`{path}` must be {bounds}, but {shown} has {n}"),
                );
                return;
            }
            if !shape.values.is_empty() {
                closed_set(&shape.values, enum_type, s, path, secret, out);
                return;
            }
            if let Some(pattern) = &shape.pattern {
                match model::whole_match(pattern, s) {
                    Ok(true) => {}
                    Ok(false) => out.fail(path, pattern_failure(path, pattern, &shown)),
                    Err(e) => out.fail(path, format!("`{path}` cannot be checked: {e}")),
                }
            }
        }
        (Kind::Integer, Value::Number(n)) => {
            let n = *n as i64;
            if shape.min.is_some_and(|min| n < min) || shape.max.is_some_and(|max| n > max) {
                let bounds = bounds(shape.min, shape.max, "");
                out.fail(path, format!("`{path}` must be {bounds}, got {shown}"));
            }
        }
        (Kind::List, Value::Array(items)) => {
            let (n, unknown) = if set {
                distinct(items)
            } else {
                (items.len(), 0)
            };
            let (n, unknown) = (n as i64, unknown as i64);
            let counted = if set { " different values" } else { " items" };
            // Unknown items may turn out to repeat known ones: only the known ones can be too
            // many at preview.
            if shape.max.is_some_and(|max| n > max) {
                let max = shape.max.unwrap_or_default();
                out.fail(
                    path,
                    format!("`{path}` may have at most {max}{counted}, but has {n}"),
                );
            }
            let n = n + unknown;
            if shape.min.is_some_and(|min| n < min) {
                let min = shape.min.unwrap_or_default();
                out.fail(
                    path,
                    format!("`{path}` must have at least {min} items, but has {n}"),
                );
            }
            let Some(item) = model::model().ok().and_then(|m| m.item(shape)) else {
                return;
            };
            for (i, v) in items.iter().enumerate() {
                let (plain, item_secret) = v.reveal();
                if !plain.is_unknown() {
                    let at = format!("{path}[{i}]");
                    constraints(
                        item,
                        enum_type,
                        false,
                        plain,
                        &at,
                        secret || item_secret,
                        out,
                    );
                }
            }
        }
        _ => {}
    }
}

/// How many different known values a list has (secrets compared by what they hold), and how
/// many of its items are unknown.
fn distinct(items: &[Value]) -> (usize, usize) {
    let mut seen: Vec<Value> = Vec::new();
    let mut unknown = 0;
    for item in items {
        if item.is_unknown() {
            unknown += 1;
        } else {
            let plain = item.revealed();
            if !seen.contains(&plain) {
                seen.push(plain);
            }
        }
    }
    (seen.len(), unknown)
}

fn bounds(min: Option<i64>, max: Option<i64>, unit: &str) -> String {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    match (min, max) {
        (Some(min), Some(max)) if unit.is_empty() => format!("between {min} and {max}"),
        (Some(min), Some(max)) => format!("{min} to {max}{unit}"),
        (Some(min), None) => format!("at least {min}{unit}"),
        (None, Some(max)) => format!("at most {max}{unit}"),
        (None, None) => "valid".into(),
    }
}

/// What a pattern failure says: the pattern, and what it means where it is well known.
fn pattern_failure(path: &str, pattern: &str, shown: &Shown) -> String {
    let meaning = match pattern {
        r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+" => " (no spaces or control characters)",
        r"[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+" => " (no control characters)",
        r"[\x21\x23-\x5B\x5D-\x7E]+" => " (printable ASCII without spaces, `\"` or `\\`)",
        r"[\w\s+=,.@-]+" => " (ASCII letters, digits, whitespace and `+=,.@-_`)",
        r"^[0-9a-fA-F]+$" => " (hexadecimal digits)",
        r"[\w+]+" => " (ASCII letters, digits, `_` and `+`)",
        _ => "",
    };
    format!("`{path}` must match the pattern {pattern}{meaning}, got {shown}")
}

/// A value outside the model's closed set fails, naming the valid values and the nearest one.
/// The one exception is an explicit auth flow of the `ALLOW_` form: Cognito keeps adding those
/// (the `ALLOW_TOKEN_EXCHANGE_*` flows came after the model this provider was first built on),
/// and a user may need a new one before the next release of the provider, so such a value is
/// sent as written with a warning, and Cognito decides. Every other set (units, OAuth flows,
/// the feature switches, ...) is refused at preview, where Cognito would refuse it at apply.
fn closed_set(
    values: &[String],
    enum_type: Option<&str>,
    s: &str,
    path: &str,
    secret: bool,
    out: &mut Findings,
) {
    if values.iter().any(|v| v == s) {
        return;
    }
    let value = Value::String(s.to_string());
    let shown = Shown::new(&value, secret);
    let known = values.join(", ");
    let newer_flow = enum_type == Some("ExplicitAuthFlow")
        && s.starts_with("ALLOW_")
        && same_form(values, s)
        && !secret;
    let near = values
        .iter()
        .map(|v| (edit_distance(&v.to_lowercase(), &s.to_lowercase()), v))
        .min();
    match near {
        Some((d, _)) if newer_flow && d > 2 => {
            let model = model::model().map(|m| m.source.as_str()).unwrap_or("?");
            out.warnings.push(format!(
                "`{path}`: {shown} is not an explicit auth flow this provider knows (its Cognito API model, {model}, lists {known}); it is sent as written and Cognito decides whether it is valid"
            ));
        }
        Some((d, likely)) if d <= 2 && !secret => out.fail(
            path,
            format!("`{path}` must be one of {known}, got {shown}; did you mean {likely}?"),
        ),
        Some((_, nearest)) if !secret => out.fail(
            path,
            format!("`{path}` must be one of {known}, got {shown}; the nearest is {nearest}"),
        ),
        _ => out.fail(
            path,
            format!("`{path}` must be one of {known}, got {shown}"),
        ),
    }
}

/// Whether `s` is written like the set's values: all upper case with underscores, or all lower.
fn same_form(values: &[String], s: &str) -> bool {
    let upper = |v: &str| {
        v.starts_with(|c: char| c.is_ascii_uppercase())
            && v.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    };
    let lower = |v: &str| {
        v.starts_with(|c: char| c.is_ascii_lowercase())
            && v.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    (values.iter().all(|v| upper(v)) && upper(s)) || (values.iter().all(|v| lower(v)) && lower(s))
}

fn apply(rule: &Rule, value: &Value, path: &str, secret: bool, out: &mut Findings) {
    let shown = Shown::new(value, secret);
    match (rule, value) {
        (Rule::Length { min, max }, Value::String(s)) => {
            let n = s.chars().count();
            if n < *min || n > *max {
                out.fail(
                    path,
                    format!("`{path}` must be {min} to {max} characters long, but {shown} has {n}"),
                );
            }
        }
        (Rule::Pattern(pattern), Value::String(s)) => match model::whole_match(pattern, s) {
            Ok(true) => {}
            Ok(false) => out.fail(path, pattern_failure(path, pattern, &shown)),
            Err(e) => out.fail(path, format!("`{path}` cannot be checked: {e}")),
        },
        (Rule::Range { min, max }, Value::Number(n)) if *n < *min as f64 || *n > *max as f64 => {
            out.fail(
                path,
                format!("`{path}` must be between {min} and {max}, got {shown}"),
            );
        }
        (Rule::MaxItems(max), Value::Array(items)) if items.len() > *max => {
            out.fail(
                path,
                format!(
                    "`{path}` may have at most {max} items, but has {}",
                    items.len()
                ),
            );
        }
        (
            Rule::OneOf {
                values: allowed, ..
            },
            Value::String(s),
        ) if !allowed().contains(&s.as_str()) => {
            out.fail(
                path,
                format!(
                    "`{path}` must be one of {}, got {shown}",
                    allowed().join(", ")
                ),
            );
        }
        (Rule::Check(check), Value::String(s)) => {
            if let Some(reason) = check(s) {
                let reason = if secret {
                    "is not valid".to_string()
                } else {
                    reason
                };
                out.fail(path, format!("`{path}`: {reason}"));
            }
        }
        (Rule::EachItem(rules), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let (plain, item_secret) = item.reveal();
                if plain.is_unknown() {
                    continue;
                }
                for rule in *rules {
                    apply(
                        rule,
                        plain,
                        &format!("{path}[{i}]"),
                        secret || item_secret,
                        out,
                    );
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::table::AwsDefault;

    static NESTED: &[Property] = &[Property::new("unit", "Unit", Shape::String)
        .required()
        .rules(&[Rule::OneOf {
            name: "Unit",
            values: || &["days", "hours"],
        }])];
    static PROPS: &[Property] = &[
        Property::new("poolId", "PoolId", Shape::String)
            .required()
            .rules(&[
                Rule::Length { min: 1, max: 5 },
                Rule::Pattern(r"[a-z]+_[0-9]+"),
            ]),
        Property::new("count", "Count", Shape::Integer)
            .default(AwsDefault::Integer(3))
            .rules(&[Rule::Range { min: 3, max: 15 }]),
        Property::new("flows", "Flows", Shape::StringSet).rules(&[
            Rule::MaxItems(2),
            Rule::EachItem(&[Rule::OneOf {
                name: "Flow",
                values: || &["a", "b", "c"],
            }]),
        ]),
        Property::new("units", "Units", Shape::Object(NESTED)),
        Property::new("out", "Out", Shape::String).output(),
    ];

    fn check(pairs: &[(&str, Value)]) -> (PropertyMap, Vec<CheckFailure>) {
        let map = crate::value::map_of(pairs);
        let mut found = Findings::default();
        let kept = object(PROPS, None, &map, "", &mut found);
        (kept, found.failures)
    }

    fn failed_paths(pairs: &[(&str, Value)]) -> Vec<String> {
        check(pairs).1.into_iter().map(|f| f.property).collect()
    }

    #[test]
    fn each_rule_passes_good_values_and_names_the_property_of_bad_ones() {
        let ok = Value::string("ab_1");
        let units = |u: &str| {
            Value::Object(
                [("unit".to_string(), Value::string(u))]
                    .into_iter()
                    .collect(),
            )
        };
        type Case<'a> = (&'a str, Vec<(&'a str, Value)>, Vec<&'a str>);
        let cases: Vec<Case> = vec![
            ("valid", vec![("poolId", ok.clone())], vec![]),
            ("required", vec![], vec!["poolId"]),
            (
                "too long",
                vec![("poolId", Value::string("abc_123"))],
                vec!["poolId"],
            ),
            (
                "pattern",
                vec![("poolId", Value::string("ab-1"))],
                vec!["poolId"],
            ),
            (
                "range ok",
                vec![("poolId", ok.clone()), ("count", Value::Number(15.0))],
                vec![],
            ),
            (
                "range",
                vec![("poolId", ok.clone()), ("count", Value::Number(16.0))],
                vec!["count"],
            ),
            (
                "fraction",
                vec![("poolId", ok.clone()), ("count", Value::Number(3.5))],
                vec!["count"],
            ),
            (
                "type",
                vec![("poolId", ok.clone()), ("count", Value::string("3"))],
                vec!["count"],
            ),
            (
                "max items",
                vec![
                    ("poolId", ok.clone()),
                    ("flows", Value::strings(&["a", "b", "c"])),
                ],
                vec!["flows"],
            ),
            (
                "one of",
                vec![
                    ("poolId", ok.clone()),
                    ("flows", Value::strings(&["a", "z"])),
                ],
                vec!["flows[1]"],
            ),
            (
                "item type",
                vec![
                    ("poolId", ok.clone()),
                    ("flows", Value::Array(vec![Value::Bool(true)])),
                ],
                vec!["flows[0]"],
            ),
            (
                "nested ok",
                vec![("poolId", ok.clone()), ("units", units("days"))],
                vec![],
            ),
            (
                "nested",
                vec![("poolId", ok.clone()), ("units", units("weeks"))],
                vec!["units.unit"],
            ),
            (
                "unknown name",
                vec![("poolId", ok.clone()), ("poolID", ok.clone())],
                vec!["poolID"],
            ),
            (
                "output is not an input",
                vec![("poolId", ok.clone()), ("out", ok.clone())],
                vec!["out"],
            ),
        ];
        for (name, pairs, want) in cases {
            assert_eq!(failed_paths(&pairs), want, "case {name}");
        }
    }

    #[test]
    fn unknowns_are_never_judged() {
        let (kept, failures) = check(&[
            ("poolId", Value::Unknown),
            ("count", Value::Unknown),
            (
                "flows",
                Value::Array(vec![Value::Unknown, Value::string("a")]),
            ),
        ]);
        assert!(failures.is_empty(), "{failures:?}");
        assert_eq!(kept["poolId"], Value::Unknown);
    }

    #[test]
    fn nulls_count_as_unset_and_internal_keys_are_dropped() {
        let (kept, failures) = check(&[
            ("poolId", Value::string("ab_1")),
            ("count", Value::Null),
            ("__defaults", Value::Array(vec![])),
        ]);
        assert!(failures.is_empty());
        assert_eq!(kept.keys().collect::<Vec<_>>(), ["poolId"]);
    }

    #[test]
    fn a_failure_says_the_rule_and_the_value_but_never_a_secret() {
        let (_, failures) = check(&[("poolId", Value::string("abc_123"))]);
        assert_eq!(
            failures[0].reason,
            "`poolId` must be 1 to 5 characters long, but \"abc_123\" has 7"
        );
        let (kept, failures) = check(&[("poolId", Value::string("hidden_value").secret_if(true))]);
        assert!(
            failures.iter().all(|f| !f.reason.contains("hidden")),
            "{failures:?}"
        );
        assert!(
            kept["poolId"].contains_secret(),
            "secret inputs stay secret"
        );
    }

    #[test]
    fn a_misspelt_property_gets_a_suggestion() {
        let (_, failures) = check(&[
            ("poolId", Value::string("ab_1")),
            ("cont", Value::Number(3.0)),
        ]);
        assert!(
            failures[0].reason.contains("did you mean `count`?"),
            "{failures:?}"
        );
    }

    #[test]
    fn an_unknown_value_of_the_sets_form_is_a_warning_and_a_near_miss_a_failure() {
        let set = [
            "ALLOW_USER_SRP_AUTH".to_string(),
            "ALLOW_CUSTOM_AUTH".to_string(),
        ];
        let run = |s: &str| {
            let mut found = Findings::default();
            closed_set(
                &set,
                Some("ExplicitAuthFlow"),
                s,
                "flows[0]",
                false,
                &mut found,
            );
            found
        };
        let newer = run("ALLOW_PASSKEY_AUTH");
        assert!(newer.failures.is_empty(), "{newer:?}");
        assert!(
            newer.warnings[0].contains("sent as written and Cognito decides"),
            "{newer:?}"
        );
        let typo = run("ALLOW_USER_SRP_AUHT");
        assert!(typo.warnings.is_empty());
        assert!(
            typo.failures[0]
                .reason
                .contains("did you mean ALLOW_USER_SRP_AUTH?"),
            "{typo:?}"
        );
        assert!(
            run("allow_custom_auth").failures[0]
                .reason
                .contains("did you mean")
        );
        assert_eq!(
            run("something else").failures.len(),
            1,
            "not the set's form"
        );
    }

    #[test]
    fn only_a_newer_allow_flow_is_sent_on_trust_and_every_other_closed_set_refuses() {
        let run = |values: &[&str], enum_type: &str, s: &str| {
            let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
            let mut found = Findings::default();
            closed_set(&values, Some(enum_type), s, "p", false, &mut found);
            found
        };
        let units = ["seconds", "minutes", "hours", "days"];
        let weeks = run(&units, "TimeUnit", "weeks");
        assert!(weeks.warnings.is_empty(), "{weeks:?}");
        assert!(
            weeks.failures[0]
                .reason
                .contains("seconds, minutes, hours, days")
                && weeks.failures[0].reason.contains("the nearest is"),
            "{weeks:?}"
        );
        let flows = ["code", "implicit", "client_credentials"];
        assert_eq!(run(&flows, "OAuthFlow", "password").failures.len(), 1);
        let switch = ["ENABLED", "DISABLED"];
        let sometimes = run(&switch, "FeatureType", "SOMETIMES");
        assert_eq!(sometimes.failures.len(), 1, "{sometimes:?}");
        assert!(sometimes.warnings.is_empty());
        let legacy = ["ENABLED", "LEGACY"];
        assert_eq!(
            run(&legacy, "PreventUserExistenceErrors", "SOMETIMES")
                .failures
                .len(),
            1
        );
        // Not the ALLOW_ form of an auth flow: refused too.
        let auth = ["ALLOW_USER_SRP_AUTH", "USER_PASSWORD_AUTH"];
        assert_eq!(
            run(&auth, "ExplicitAuthFlow", "CUSTOM_PASSKEY_AUTH")
                .failures
                .len(),
            1
        );
        assert_eq!(
            run(&auth, "ExplicitAuthFlow", "ALLOW_PASSKEY_AUTH")
                .failures
                .len(),
            0
        );
    }

    #[test]
    fn a_set_counts_its_different_values_and_waits_for_unknown_ones() {
        let model = model::model().unwrap_or_else(|e| panic!("{e}"));
        let create = model
            .input("CreateUserPoolClient")
            .unwrap_or_else(|| panic!("no CreateUserPoolClient"));
        let flows = model::member_of(create, "AllowedOAuthFlows")
            .unwrap_or_else(|| panic!("no AllowedOAuthFlows"));
        let count = |items: Vec<Value>, set: bool| {
            let mut found = Findings::default();
            constraints(
                flows,
                None,
                set,
                &Value::Array(items),
                "f",
                false,
                &mut found,
            );
            found
                .failures
                .iter()
                .filter(|f| f.reason.contains("at most"))
                .count()
        };
        let s = |v: &str| Value::string(v);
        let repeated = vec![s("code"), s("code"), s("implicit"), s("implicit")];
        assert_eq!(count(repeated.clone(), true), 0, "two different values");
        assert_eq!(count(repeated, false), 1, "a list counts every item");
        let with_unknowns = vec![s("code"), Value::Unknown, Value::Unknown, Value::Unknown];
        assert_eq!(
            count(with_unknowns, true),
            0,
            "the unknowns may repeat `code`"
        );
        let too_many = vec![
            s("code"),
            s("implicit"),
            s("client_credentials"),
            s("x"),
            Value::Unknown,
        ];
        assert_eq!(
            count(too_many, true),
            1,
            "four known values are too many already"
        );
    }

    #[test]
    fn long_values_are_quoted_short() {
        let long = "x".repeat(300);
        let shown = Shown::new(&Value::String(long), false).to_string();
        assert!(shown.len() < 50 && shown.ends_with("..."), "{shown}");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let (_, failures) = check(&[("poolId", Value::string("ééééé_1"))]);
        assert!(
            failures.iter().any(|f| f.reason.contains("has 7")),
            "{failures:?}"
        );
    }
}
