//! Property paths as the engine writes them in `ignoreChanges` and detailed diffs: `a.b`,
//! `a[0]`, `a["key with a ."]`, `["a"]`, and the wildcard `*` (`a[*]`, `a.*`, `*`). The grammar
//! is the Pulumi SDK's (`ParsePropertyPath`), read loosely the same way: a dot before a bracket
//! is tolerated, since the engine accepts such paths from older providers.

use std::fmt;
use std::str::FromStr;

use super::{PropertyMap, Value};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A property of an object: `a`, `.b`, `["c"]`.
    Key(String),
    /// An item of a list: `[0]`.
    Index(usize),
    /// Every property or item: `*`, `[*]`, `["*"]`.
    Any,
}

/// A parsed property path; `Display` writes it back in the engine's canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyPath(pub Vec<Segment>);

/// Why a path could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid property path {path:?}: {why}")]
pub struct BadPath {
    pub path: String,
    pub why: &'static str,
}

impl FromStr for PropertyPath {
    type Err = BadPath;

    fn from_str(path: &str) -> Result<Self, BadPath> {
        let bad = |why| BadPath {
            path: path.to_string(),
            why,
        };
        let mut segments = Vec::new();
        let mut rest = path;
        while let Some(c) = rest.chars().next() {
            match c {
                '.' => rest = &rest[1..],
                '[' => {
                    let inner = &rest[1..];
                    if let Some(quoted) = inner.strip_prefix('"') {
                        let (key, after) = quoted_key(quoted)
                            .ok_or_else(|| bad("a quoted key has no closing quote"))?;
                        let after = after
                            .strip_prefix(']')
                            .ok_or_else(|| bad("a quoted key has no closing bracket"))?;
                        segments.push(if key == "*" {
                            Segment::Any
                        } else {
                            Segment::Key(key)
                        });
                        rest = after;
                    } else {
                        let close = inner
                            .find(']')
                            .ok_or_else(|| bad("an index has no closing bracket"))?;
                        let index = &inner[..close];
                        segments.push(if index == "*" {
                            Segment::Any
                        } else {
                            Segment::Index(
                                index
                                    .parse()
                                    .map_err(|_| bad("an index is not a whole number"))?,
                            )
                        });
                        rest = &inner[close + 1..];
                    }
                }
                _ => {
                    let end = rest.find(['.', '[']).unwrap_or(rest.len());
                    let name = &rest[..end];
                    segments.push(if name == "*" {
                        Segment::Any
                    } else {
                        Segment::Key(name.to_string())
                    });
                    rest = &rest[end..];
                }
            }
        }
        if segments.is_empty() {
            return Err(bad("it is empty"));
        }
        Ok(PropertyPath(segments))
    }
}

/// The key of `"key"]...` (the opening quote already read) with `\"` unescaped, and what follows
/// the closing quote.
fn quoted_key(text: &str) -> Option<(String, &str)> {
    let mut key = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((key, &text[i + 1..])),
            '\\' if text[i + 1..].starts_with('"') => {
                key.push('"');
                chars.next();
            }
            other => key.push(other),
        }
    }
    None
}

impl fmt::Display for PropertyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(k) if is_name(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Key(k) => write!(f, "[\"{}\"]", k.replace('"', "\\\""))?,
                Segment::Index(n) => write!(f, "[{n}]")?,
                Segment::Any if i == 0 => f.write_str("*")?,
                Segment::Any => f.write_str("[*]")?,
            }
        }
        Ok(())
    }
}

/// Whether a key can be written after a dot: letters, digits, `_` and `$`, not starting with a
/// digit.
fn is_name(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Reads the paths of `ignoreChanges`. The engine refuses a path it cannot read before it calls
/// the provider; should one arrive anyway, the property it starts with counts as named whole,
/// which ignores more rather than less.
pub fn read_all(raw: &[String]) -> Vec<PropertyPath> {
    raw.iter()
        .map(|text| {
            text.parse().unwrap_or_else(|_| {
                let top = text.split(['.', '[']).next().unwrap_or_default();
                PropertyPath(vec![Segment::Key(top.to_string())])
            })
        })
        .collect()
}

/// Whether any of `paths` covers the place written as `path` (a property, or a diff path such
/// as `callbackUrls[0]`).
pub fn covered(paths: &[PropertyPath], path: &str) -> bool {
    path.parse::<PropertyPath>()
        .is_ok_and(|path| paths.iter().any(|p| p.covers(&path)))
}

impl PropertyPath {
    /// The top-level property the path starts with; `None` for a path that starts with `*`.
    pub fn top(&self) -> Option<&str> {
        match self.0.first() {
            Some(Segment::Key(k)) => Some(k),
            _ => None,
        }
    }

    /// Whether this path names `other` or something that contains it (a wildcard matches any
    /// one step): `callbackUrls` covers `callbackUrls[2]`, `tokenValidityUnits.*` covers
    /// `tokenValidityUnits.idToken`.
    pub fn covers(&self, other: &PropertyPath) -> bool {
        self.0.len() <= other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| a == b || *a == Segment::Any)
    }

    /// Makes every place this path names in `into` what it is in `from`: taken over where
    /// `from` has a value there (as a secret if it sits inside one), removed where it has none.
    /// Fails, leaving `into` as it was, where the two cannot be lined up: a list item missing
    /// on either side, or a step through a value that is not an object or a list.
    pub fn reset(&self, from: &PropertyMap, into: &mut PropertyMap) -> bool {
        let from = Value::Object(from.clone());
        let mut target = Value::Object(std::mem::take(into));
        let done = reset(&self.0, Some(&from), false, &mut target);
        if let Value::Object(map) = target {
            *into = map;
        }
        done
    }
}

/// Whether a value (behind any secret) is an object or a list that a step can go into.
fn container(v: &Value) -> bool {
    matches!(v.reveal().0, Value::Object(_) | Value::Array(_))
}

/// Resets `path` inside `into` from `from` (`None`: `from` has nothing there). `secret`: the
/// value taken from `from` sits inside a secret.
fn reset(path: &[Segment], from: Option<&Value>, secret: bool, into: &mut Value) -> bool {
    let Some((step, rest)) = path.split_first() else {
        return true;
    };
    let (from, secret) = match from.map(Value::reveal) {
        Some((v, s)) => (Some(v), secret || s),
        None => (None, secret),
    };
    let into = revealed_mut(into);
    let from_obj = from.and_then(|v| match v {
        Value::Object(m) => Some(m),
        _ => None,
    });
    match (step, into) {
        (Segment::Key(k), Value::Object(dst)) => {
            reset_key(k, rest, from_obj.and_then(|m| m.get(k)), secret, dst)
        }
        // Neither side has an object here: nothing to reset.
        (Segment::Key(_), _) => from_obj.is_none(),
        (Segment::Index(i), Value::Array(dst)) => {
            let Some(Value::Array(src)) = from else {
                return false;
            };
            match (src.get(*i), dst.get_mut(*i)) {
                (Some(s), Some(d)) if rest.is_empty() => {
                    *d = s.clone().secret_if(secret);
                    true
                }
                (Some(s), Some(d)) if container(d) => reset(rest, Some(s), secret, d),
                _ => false,
            }
        }
        (Segment::Index(_), _) => false,
        (Segment::Any, Value::Object(dst)) => {
            let mut keys: Vec<String> = dst.keys().cloned().collect();
            if let Some(src) = from_obj {
                keys.extend(src.keys().filter(|k| !dst.contains_key(*k)).cloned());
            } else if from.is_some() {
                return false;
            }
            let before = dst.clone();
            for k in keys {
                if !reset_key(&k, rest, from_obj.and_then(|m| m.get(&k)), secret, dst) {
                    *dst = before;
                    return false;
                }
            }
            true
        }
        (Segment::Any, Value::Array(dst)) => {
            let Some(Value::Array(src)) = from else {
                return false;
            };
            if src.len() != dst.len() {
                return false;
            }
            let before = dst.clone();
            for (s, d) in src.iter().zip(dst.iter_mut()) {
                let done = if rest.is_empty() {
                    *d = s.clone().secret_if(secret);
                    true
                } else {
                    reset(rest, Some(s), secret, d)
                };
                if !done {
                    *dst = before;
                    return false;
                }
            }
            true
        }
        (Segment::Any, _) => from.is_none_or(|v| !container(v)),
    }
}

/// Resets the property `k` of the object `dst` (and the rest of the path within it).
fn reset_key(
    k: &str,
    rest: &[Segment],
    from: Option<&Value>,
    secret: bool,
    dst: &mut PropertyMap,
) -> bool {
    if rest.is_empty() {
        match from {
            Some(v) => dst.insert(k.to_string(), v.clone().secret_if(secret)),
            None => dst.remove(k),
        };
        return true;
    }
    match dst.get_mut(k) {
        Some(child) => reset(rest, from, secret, child),
        // Only `from` has it: the place cannot be made in `into` without the rest around it.
        None => from.is_none(),
    }
}

/// The value inside any secret wrappers, for changing in place (the wrappers stay).
fn revealed_mut(v: &mut Value) -> &mut Value {
    match v {
        Value::Secret(inner) => revealed_mut(inner),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::map_of as map;

    fn parsed(path: &str) -> PropertyPath {
        path.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn key(k: &str) -> Segment {
        Segment::Key(k.to_string())
    }

    #[test]
    fn paths_read_as_the_engine_writes_them_and_print_canonically() {
        let cases: &[(&str, &[Segment], &str)] = &[
            ("logoutUrls", &[key("logoutUrls")], "logoutUrls"),
            (r#"["logoutUrls"]"#, &[key("logoutUrls")], "logoutUrls"),
            (
                "callbackUrls[1]",
                &[key("callbackUrls"), Segment::Index(1)],
                "callbackUrls[1]",
            ),
            (
                "tokenValidityUnits.accessToken",
                &[key("tokenValidityUnits"), key("accessToken")],
                "tokenValidityUnits.accessToken",
            ),
            (
                r#"tokenValidityUnits["accessToken"]"#,
                &[key("tokenValidityUnits"), key("accessToken")],
                "tokenValidityUnits.accessToken",
            ),
            (
                r#"a["key with a ."]"#,
                &[key("a"), key("key with a .")],
                r#"a["key with a ."]"#,
            ),
            (
                r#"["with \"quotes\""][2]"#,
                &[key(r#"with "quotes""#), Segment::Index(2)],
                r#"["with \"quotes\""][2]"#,
            ),
            (
                "callbackUrls[*]",
                &[key("callbackUrls"), Segment::Any],
                "callbackUrls[*]",
            ),
            (r#"a["*"]"#, &[key("a"), Segment::Any], "a[*]"),
            ("a.*", &[key("a"), Segment::Any], "a[*]"),
            ("*", &[Segment::Any], "*"),
            // Tolerated, as the engine tolerates it from older providers.
            ("a.[1]", &[key("a"), Segment::Index(1)], "a[1]"),
        ];
        for (text, segments, canonical) in cases {
            let p = parsed(text);
            assert_eq!(p.0, *segments, "{text}");
            assert_eq!(p.to_string(), *canonical, "{text}");
        }
    }

    #[test]
    fn malformed_paths_say_why() {
        for bad in ["", "a[", r#"a["b]"#, r#"a["b""#, "a[x]", "a[-1]"] {
            let err = bad.parse::<PropertyPath>().err();
            assert!(err.is_some(), "{bad:?} was read");
        }
    }

    #[test]
    fn a_path_covers_what_lies_below_it_and_a_wildcard_any_one_step() {
        let covers = |a: &str, b: &str| parsed(a).covers(&parsed(b));
        assert!(covers("callbackUrls", "callbackUrls[2]"));
        assert!(covers(r#"["callbackUrls"]"#, "callbackUrls"));
        assert!(covers("tokenValidityUnits.*", "tokenValidityUnits.idToken"));
        assert!(covers("*", "logoutUrls"));
        assert!(!covers("callbackUrls[1]", "callbackUrls[2]"));
        assert!(!covers("callbackUrls[1]", "callbackUrls"));
        assert!(!covers("logoutUrls", "callbackUrls"));
    }

    #[test]
    fn reset_takes_one_item_and_leaves_the_rest() {
        let from = map(&[("urls", Value::strings(&["a", "LIVE"]))]);
        let mut into = map(&[("urls", Value::strings(&["a2", "b"]))]);
        assert!(parsed("urls[1]").reset(&from, &mut into));
        assert_eq!(into["urls"], Value::strings(&["a2", "LIVE"]));
    }

    #[test]
    fn reset_removes_what_the_source_lacks_and_keeps_secrets() {
        let units = |pairs: &[(&str, &str)]| {
            Value::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), Value::string(*v)))
                    .collect(),
            )
        };
        let from = map(&[("units", units(&[("access", "days")]).secret_if(true))]);
        let mut into = map(&[("units", units(&[("access", "hours"), ("id", "minutes")]))]);
        assert!(parsed("units.access").reset(&from, &mut into));
        assert!(parsed("units.id").reset(&from, &mut into));
        let got = into["units"].as_object().cloned().unwrap_or_default();
        assert_eq!(
            got["access"],
            Value::string("days").secret_if(true),
            "from inside a secret"
        );
        assert!(!got.contains_key("id"), "absent at the source");
        let mut into = map(&[("other", Value::Bool(true))]);
        assert!(parsed("gone").reset(&map(&[]), &mut into));
        assert_eq!(into, map(&[("other", Value::Bool(true))]));
    }

    #[test]
    fn reset_fails_and_changes_nothing_where_items_do_not_line_up() {
        let from = map(&[("urls", Value::strings(&["a"]))]);
        let before = map(&[("urls", Value::strings(&["a", "b"]))]);
        for path in ["urls[1]", "urls[*]"] {
            let mut into = before.clone();
            assert!(!parsed(path).reset(&from, &mut into), "{path}");
            assert_eq!(into, before, "{path}");
        }
        let mut into = before.clone();
        assert!(parsed("urls[*]").reset(&map(&[("urls", Value::strings(&["x", "y"]))]), &mut into));
        assert_eq!(into["urls"], Value::strings(&["x", "y"]));
    }

    #[test]
    fn a_wildcard_resets_every_property_of_an_object() {
        let from = map(&[("u", Value::Object(map(&[("a", Value::Number(1.0))])))]);
        let mut into = map(&[(
            "u",
            Value::Object(map(&[("a", Value::Number(2.0)), ("b", Value::Number(3.0))])),
        )]);
        assert!(parsed("u.*").reset(&from, &mut into));
        assert_eq!(into["u"], Value::Object(map(&[("a", Value::Number(1.0))])));
    }
}
