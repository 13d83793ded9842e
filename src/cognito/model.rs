//! Cognito's own API model: the value constraints of each request member (lengths, ranges, list
//! sizes, patterns, enums), as botocore's cognito-idp service model states them, the data behind
//! the AWS API Reference. `schema/cognito-idp-model.json` holds the facts (extracted by
//! `sdk-gen/update-cognito-model.sh`, refreshed by `make gen`); Check enforces them and the
//! schema states them, so the provider follows Cognito as the model moves.
//!
//! Patterns are written for Java (as AWS validates) and ECMA-262 (as Smithy specifies): `\w`,
//! `\d` and `\s` are ASCII classes there, while `\p{L}` and its kin are Unicode, and a whole value
//! must match. Rust's `regex` reads `\w` as Unicode, so each pattern is translated before it is
//! compiled, once.

use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, Mutex};

use regex::Regex;
use serde_json::Value as Json;

const MODEL_JSON: &str = include_str!("../../schema/cognito-idp-model.json");

/// What a shape holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    String,
    Integer,
    Boolean,
    List,
    Structure,
    Other,
}

/// One shape of the model, with its constraints.
#[derive(Debug, Clone)]
pub struct ApiShape {
    pub name: String,
    pub kind: Kind,
    /// Length of a string (characters) or size of a list, or the bounds of an integer.
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub pattern: Option<String>,
    pub values: Vec<String>,
    /// A structure's members: name -> shape name.
    pub members: BTreeMap<String, String>,
    /// A list's item shape name.
    pub item: Option<String>,
    pub required: Vec<String>,
}

#[derive(Debug)]
pub struct Model {
    /// `botocore <version>`: where the facts come from.
    pub source: String,
    operations: BTreeMap<String, String>,
    shapes: BTreeMap<String, ApiShape>,
}

static MODEL: LazyLock<Result<Model, String>> = LazyLock::new(|| parse(MODEL_JSON));

/// The model compiled into the provider. A broken model file is a test failure (see the
/// tests below); should it ever reach a build, every constrained value fails Check rather than
/// passing unchecked.
pub fn model() -> Result<&'static Model, &'static str> {
    MODEL.as_ref().map_err(String::as_str)
}

fn parse(text: &str) -> Result<Model, String> {
    let doc: Json = serde_json::from_str(text).map_err(|e| format!("the API model: {e}"))?;
    let source = format!(
        "{} {}",
        doc["source"]["package"].as_str().unwrap_or("?"),
        doc["source"]["version"].as_str().unwrap_or("?")
    );
    let operations = doc["operations"]
        .as_object()
        .ok_or("the API model has no operations")?
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect();
    let mut shapes = BTreeMap::new();
    for (name, s) in doc["shapes"]
        .as_object()
        .ok_or("the API model has no shapes")?
    {
        let strings = |key: &str| -> Vec<String> {
            s[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let kind = match s["type"].as_str() {
            Some("string") => Kind::String,
            Some("integer" | "long") => Kind::Integer,
            Some("boolean") => Kind::Boolean,
            Some("list") => Kind::List,
            Some("structure") => Kind::Structure,
            _ => Kind::Other,
        };
        let shape = ApiShape {
            name: name.clone(),
            kind,
            min: s["min"].as_i64(),
            max: s["max"].as_i64(),
            pattern: s["pattern"].as_str().map(str::to_string),
            values: strings("enum"),
            members: s["members"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default(),
            item: s["member"].as_str().map(str::to_string),
            required: strings("required"),
        };
        shapes.insert(name.clone(), shape);
    }
    Ok(Model {
        source,
        operations,
        shapes,
    })
}

impl Model {
    pub fn shape(&self, name: &str) -> Option<&ApiShape> {
        self.shapes.get(name)
    }

    /// The input structure of an operation, such as `CreateUserPoolClient`.
    pub fn input(&self, operation: &str) -> Option<&ApiShape> {
        self.shape(self.operations.get(operation)?)
    }

    /// A member of a structure.
    pub fn member(&self, structure: &ApiShape, name: &str) -> Option<&ApiShape> {
        self.shape(structure.members.get(name)?)
    }

    /// A list's item shape.
    pub fn item(&self, list: &ApiShape) -> Option<&ApiShape> {
        self.shape(list.item.as_deref()?)
    }

    /// Every pattern of every shape, for the test that compiles them all.
    pub fn patterns(&self) -> impl Iterator<Item = (&str, &str)> {
        self.shapes
            .values()
            .filter_map(|s| Some((s.name.as_str(), s.pattern.as_deref()?)))
    }
}

/// A member of a structure of the compiled-in model.
pub fn member_of(structure: &ApiShape, name: &str) -> Option<&'static ApiShape> {
    model().ok()?.member(structure, name)
}

/// The input structure of an operation in the compiled-in model.
pub fn input(operation: &str) -> Option<&'static ApiShape> {
    model().ok()?.input(operation)
}

/// Whether `value` meets every constraint of a string shape (used for ids, where a message
/// about the rule is given by the caller).
pub fn valid(shape: &str, value: &str) -> bool {
    let Ok(model) = model() else { return false };
    let Some(shape) = model.shape(shape) else {
        return false;
    };
    let n = value.chars().count() as i64;
    shape.min.is_none_or(|min| n >= min)
        && shape.max.is_none_or(|max| n <= max)
        && shape
            .pattern
            .as_deref()
            .is_none_or(|p| whole_match(p, value) == Ok(true))
}

/// Whether the whole of `value` matches `pattern`, read in the model's dialect. `Err` when the
/// pattern cannot be compiled: never a match.
pub fn whole_match(pattern: &str, value: &str) -> Result<bool, String> {
    static CACHE: LazyLock<Mutex<HashMap<String, Result<Regex, String>>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    // A poisoned lock still holds a usable cache: a panic elsewhere must not change a verdict.
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    let compiled = cache.entry(pattern.to_string()).or_insert_with(|| {
        Regex::new(&format!("^(?:{})$", translate(pattern)))
            .map_err(|e| format!("the pattern {pattern} cannot be compiled: {e}"))
    });
    match compiled {
        Ok(regex) => Ok(regex.is_match(value)),
        Err(e) => Err(e.clone()),
    }
}

/// A Java/ECMA-262 pattern in Rust's `regex` syntax: the ASCII meaning of `\w`, `\d` and `\s`
/// (and their negations), inside and outside character classes; everything else as written.
pub fn translate(pattern: &str) -> String {
    const WORD: &str = "A-Za-z0-9_";
    const DIGIT: &str = "0-9";
    const SPACE: &str = r" \t\n\x0B\x0C\r";
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let class = match next {
                    'w' => Some((WORD, false)),
                    'W' => Some((WORD, true)),
                    'd' => Some((DIGIT, false)),
                    'D' => Some((DIGIT, true)),
                    's' => Some((SPACE, false)),
                    'S' => Some((SPACE, true)),
                    _ => None,
                };
                match class {
                    // Inside a class a negated shorthand is a nested negated class (`[a[^0-9]]`
                    // is "a or not a digit" in the regex crate): its ASCII set, negated.
                    Some((set, true)) if in_class => {
                        out.push_str("[^");
                        out.push_str(set);
                        out.push(']');
                    }
                    Some((set, false)) if in_class => out.push_str(set),
                    Some((set, negated)) => {
                        out.push_str(if negated { "[^" } else { "[" });
                        out.push_str(set);
                        out.push(']');
                    }
                    None => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A leading `^` or `]` belongs to the class.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_parses_and_names_its_source() {
        let model = model().unwrap_or_else(|e| panic!("{e}"));
        assert!(model.source.starts_with("botocore "), "{}", model.source);
        let create = model
            .input("CreateUserPoolClient")
            .unwrap_or_else(|| panic!("no CreateUserPoolClient"));
        assert!(create.members.contains_key("ClientName"));
    }

    #[test]
    fn every_pattern_of_the_model_compiles() {
        let model = model().unwrap_or_else(|e| panic!("{e}"));
        for (shape, pattern) in model.patterns() {
            assert!(
                whole_match(pattern, "x").is_ok(),
                "{shape}: {pattern} -> {}",
                translate(pattern)
            );
        }
    }

    #[test]
    fn shorthand_classes_are_ascii_and_unicode_classes_are_unicode() {
        assert_eq!(whole_match(r"[\w\s+=,.@-]+", "web app.v2@x"), Ok(true));
        assert_eq!(whole_match(r"[\w\s+=,.@-]+", "Café"), Ok(false));
        assert_eq!(whole_match(r"[\w\s+=,.@-]+", "a²"), Ok(false));
        assert_eq!(whole_match(r"\w+", "é"), Ok(false));
        assert_eq!(whole_match(r"\d+", "٣"), Ok(false), "Arabic-Indic digit");
        assert_eq!(
            whole_match(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "https://é.example/"),
            Ok(true)
        );
        assert_eq!(
            whole_match(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "https://a/b c"),
            Ok(false)
        );
        assert_eq!(
            whole_match(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "https://a/cb\n"),
            Ok(false)
        );
        assert_eq!(whole_match(r"[\S]+", "a b"), Ok(false));
    }

    #[test]
    fn a_negated_shorthand_inside_a_class_means_what_it_says() {
        // Each once read as literal characters and a range (`(?-u:` made `?-u` a range).
        assert_eq!(whole_match(r"[\W]+", "abc"), Ok(false));
        assert_eq!(whole_match(r"[\W]+", "-!( "), Ok(true));
        assert_eq!(
            whole_match(r"[\W]+", "é"),
            Ok(true),
            "not an ASCII word character"
        );
        assert_eq!(whole_match(r"[^\S]+", " \t"), Ok(true));
        assert_eq!(whole_match(r"[^\S]+", "a"), Ok(false));
        assert_eq!(whole_match(r"[\S]+", "é?u"), Ok(true));
        assert_eq!(whole_match(r"[\D]+", "a-"), Ok(true));
        assert_eq!(whole_match(r"[\D]+", "5"), Ok(false));
        assert_eq!(whole_match(r"[a\D]+", "ab"), Ok(true));
        assert_eq!(translate(r"[\W]"), "[[^A-Za-z0-9_]]");
    }

    #[test]
    fn a_whole_value_must_match() {
        assert_eq!(whole_match(r"[0-9]+", "12a"), Ok(false));
        assert_eq!(whole_match(r"^[0-9a-fA-F]+$", "0af"), Ok(true));
        assert_eq!(whole_match(r"[0-9]+", "12\n"), Ok(false));
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_never_a_match() {
        assert!(whole_match(r"[unclosed", "anything").is_err());
    }
}
