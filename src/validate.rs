//! Table-driven validation: types, required properties, unknown names and each row's rules.
//!
//! Unknown values (previews) are never judged. A secret value is checked like any other, but a
//! message never repeats it.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use regex::Regex;

use crate::resource::CheckFailure;
use crate::table::{Property, Rule, Shape};
use crate::value::{PropertyMap, Value};

/// Checks `map` against the input rows of `props`, appending failures. Returns the inputs to
/// keep: nulls and engine-internal `__` keys dropped, everything else as given (secrets too).
pub fn object(
    props: &[Property],
    map: &PropertyMap,
    prefix: &str,
    failures: &mut Vec<CheckFailure>,
) -> PropertyMap {
    let mut kept = PropertyMap::new();
    for (key, value) in map {
        if key.starts_with("__") || value.is_null() {
            continue;
        }
        let path = join(prefix, key);
        match props.iter().find(|p| p.is_input() && p.name == key) {
            Some(prop) => {
                let value = property(prop, value, &path, failures);
                kept.insert(key.clone(), value);
            }
            None => failures.push(CheckFailure::new(&path, unknown_name(props, key, &path))),
        }
    }
    for prop in props.iter().filter(|p| p.required) {
        if !kept.contains_key(prop.name) {
            let path = join(prefix, prop.name);
            failures.push(CheckFailure::new(&path, format!("`{path}` is required")));
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

fn edit_distance(a: &str, b: &str) -> usize {
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
fn property(prop: &Property, value: &Value, path: &str, failures: &mut Vec<CheckFailure>) -> Value {
    if value.is_unknown() {
        return value.clone();
    }
    let (plain, secret) = value.reveal();
    let shown = Shown {
        value: plain,
        secret,
    };
    match (prop.shape, plain) {
        (Shape::String, Value::String(_)) | (Shape::Boolean, Value::Bool(_)) => {}
        (Shape::Integer, Value::Number(n)) if integral(*n) => {}
        (Shape::Integer, Value::Number(_)) => {
            failures.push(CheckFailure::new(
                path,
                format!("`{path}` must be a whole number, got {shown}"),
            ));
            return value.clone();
        }
        (Shape::StringSet | Shape::StringList, Value::Array(items)) => {
            if matches!(prop.shape, Shape::StringSet) {
                duplicates(items, path, failures);
            }
            for (i, item) in items.iter().enumerate() {
                if !item.is_unknown() && item.as_str().is_none() {
                    failures.push(CheckFailure::new(
                        format!("{path}[{i}]"),
                        format!(
                            "`{path}` must be a list of strings, but item {i} is {}",
                            item.type_name()
                        ),
                    ));
                }
            }
        }
        (Shape::Object(fields), Value::Object(map)) => {
            let kept = object(fields, map, path, failures);
            return Value::Object(kept).secret_if(secret);
        }
        _ => {
            failures.push(CheckFailure::new(
                path,
                format!(
                    "`{path}` must be {}, got {}",
                    expected(prop.shape),
                    plain.type_name()
                ),
            ));
            return value.clone();
        }
    }
    for rule in prop.rules {
        apply(rule, plain, path, secret, failures);
    }
    value.clone()
}

/// A set lists each value once; a repeat is almost always a mistake in the program.
fn duplicates(items: &[Value], path: &str, failures: &mut Vec<CheckFailure>) {
    for (i, item) in items.iter().enumerate() {
        let Some(s) = item.as_str() else { continue };
        if items[..i].iter().any(|earlier| earlier.as_str() == Some(s)) {
            let shown = if item.contains_secret() {
                "a secret value".to_string()
            } else {
                format!("{s:?}")
            };
            failures.push(CheckFailure::new(
                format!("{path}[{i}]"),
                format!("`{path}` is a set, but lists {shown} more than once"),
            ));
        }
    }
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
        Shape::Object(_) => "an object",
    }
}

/// A value as a message may show it: secrets are never repeated.
struct Shown<'a> {
    value: &'a Value,
    secret: bool,
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            _ if self.secret => f.write_str("a secret value"),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Bool(b) => write!(f, "{b}"),
            other => f.write_str(other.type_name()),
        }
    }
}

fn apply(rule: &Rule, value: &Value, path: &str, secret: bool, failures: &mut Vec<CheckFailure>) {
    let shown = Shown { value, secret };
    let fail = |failures: &mut Vec<CheckFailure>, reason: String| {
        failures.push(CheckFailure::new(path, reason));
    };
    match (rule, value) {
        (Rule::Length { min, max }, Value::String(s)) => {
            let n = s.chars().count();
            if n < *min || n > *max {
                fail(
                    failures,
                    format!("`{path}` must be {min} to {max} characters long, but {shown} has {n}"),
                );
            }
        }
        (Rule::Pattern(pattern), Value::String(s)) if !matches(pattern, s) => {
            fail(
                failures,
                format!("`{path}` must match the pattern {pattern}, got {shown}"),
            );
        }
        (Rule::Range { min, max }, Value::Number(n)) if *n < *min as f64 || *n > *max as f64 => {
            fail(
                failures,
                format!("`{path}` must be between {min} and {max}, got {shown}"),
            );
        }
        (Rule::MaxItems(max), Value::Array(items)) if items.len() > *max => {
            fail(
                failures,
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
            fail(
                failures,
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
                fail(failures, format!("`{path}`: {reason}"));
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
                        failures,
                    );
                }
            }
        }
        _ => {}
    }
}

/// Whether the whole of `s` matches `pattern`; patterns come from the tables, so they are
/// compiled once and kept.
pub fn matches(pattern: &'static str, s: &str) -> bool {
    static CACHE: LazyLock<Mutex<HashMap<&'static str, Option<Regex>>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    let Ok(mut cache) = CACHE.lock() else {
        return true; // a poisoned cache must not turn into a false failure
    };
    let regex = cache
        .entry(pattern)
        .or_insert_with(|| Regex::new(&format!("^(?:{pattern})$")).ok());
    regex.as_ref().is_none_or(|r| r.is_match(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::AwsDefault;

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
        let map = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let mut failures = vec![];
        let kept = object(PROPS, &map, "", &mut failures);
        (kept, failures)
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
    fn lengths_count_characters_not_bytes() {
        let (_, failures) = check(&[("poolId", Value::string("ééééé_1"))]);
        assert!(
            failures.iter().any(|f| f.reason.contains("has 7")),
            "{failures:?}"
        );
    }
}
