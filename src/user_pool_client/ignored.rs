//! `ignoreChanges` on an update: Cognito's UpdateUserPoolClient replaces the whole client, so
//! an update for any other property would write the ignored property's stale value from the
//! state back over the change the user asked Pulumi to leave alone (callback URLs added by a
//! preview-deployment script, say). The update sends the live value of each ignored path
//! instead, and Diff leaves the same paths out.
//!
//! Paths are read as the engine writes them (`value::path`): `logoutUrls` and `["logoutUrls"]`
//! are the same, `callbackUrls[1]` is one item, `tokenValidityUnits.*` every unit. A token
//! lifetime is a duration: its number and its unit are ignored together, whichever of the two
//! the program named, so the live "1 day" is never sent as "1 hour".

use super::tokens::{TOKENS, UNITS};
use crate::value::path::{self, PropertyPath, Segment};
use crate::value::{PropertyMap, Value};

/// The program's `ignoreChanges` paths, read, with each named lifetime's other half added.
pub fn paths(ignore_changes: &[String]) -> Vec<PropertyPath> {
    let mut out: Vec<PropertyPath> = Vec::new();
    for path in path::read_all(ignore_changes) {
        for p in lifetime_halves(&path).into_iter().chain([path]) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// The other half of each token lifetime a path names: the unit of a validity, the validity of
/// a unit, every validity for the units as a whole.
fn lifetime_halves(path: &PropertyPath) -> Vec<PropertyPath> {
    let key = |k: &str| Segment::Key(k.to_string());
    match path.0.as_slice() {
        [Segment::Key(v), ..] if v != UNITS => TOKENS
            .iter()
            .filter(|t| t.validity == v)
            .map(|t| PropertyPath(vec![key(UNITS), key(t.unit_field)]))
            .collect(),
        [Segment::Key(u)] | [Segment::Key(u), Segment::Any, ..] if u == UNITS => TOKENS
            .iter()
            .map(|t| PropertyPath(vec![key(t.validity)]))
            .collect(),
        [Segment::Key(u), Segment::Key(field), ..] if u == UNITS => TOKENS
            .iter()
            .filter(|t| t.unit_field == field)
            .map(|t| PropertyPath(vec![key(t.validity)]))
            .collect(),
        _ => vec![],
    }
}

/// `news` with every ignored path as `from` has it: the live client's inputs for an update
/// (a path the live client has no value for is removed, so Cognito's default stays), the old
/// inputs for a diff (as the engine itself does). Where the two cannot be lined up (an item one
/// list lacks), the whole property is taken from `from`.
pub fn take_ignored(news: &PropertyMap, from: &PropertyMap, paths: &[PropertyPath]) -> PropertyMap {
    let mut out = news.clone();
    for path in paths {
        if path.reset(from, &mut out) {
            continue;
        }
        match path.top() {
            Some(top) => keep(&mut out, from.get(top), top),
            None => out = from.clone(),
        }
    }
    out
}

fn keep(out: &mut PropertyMap, live: Option<&Value>, name: &str) {
    match live {
        Some(v) => out.insert(name.to_string(), v.clone()),
        None => out.remove(name),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::map_of as map;

    fn keep(news: &PropertyMap, live: &PropertyMap, ignore: &[&str]) -> PropertyMap {
        let raw: Vec<String> = ignore.iter().map(|s| s.to_string()).collect();
        take_ignored(news, live, &paths(&raw))
    }

    fn units(pairs: &[(&str, &str)]) -> Value {
        Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Value::string(*v)))
                .collect(),
        )
    }

    #[test]
    fn ignored_properties_take_the_live_value_and_the_rest_the_programs() {
        let news = map(&[
            ("callbackUrls", Value::strings(&["https://stale"])),
            ("authSessionValidity", Value::Number(5.0)),
            ("logoutUrls", Value::strings(&["https://gone"])),
        ]);
        let live = map(&[
            (
                "callbackUrls",
                Value::strings(&["https://stale", "https://preview-7"]),
            ),
            ("authSessionValidity", Value::Number(9.0)),
        ]);
        let got = keep(&news, &live, &["callbackUrls", "logoutUrls"]);
        assert_eq!(got["callbackUrls"], live["callbackUrls"]);
        assert_eq!(
            got["authSessionValidity"],
            Value::Number(5.0),
            "not ignored"
        );
        assert!(
            !got.contains_key("logoutUrls"),
            "unset live: Cognito's default stays"
        );
    }

    #[test]
    fn the_bracket_form_names_the_same_property() {
        let news = map(&[("logoutUrls", Value::strings(&["https://program"]))]);
        let live = map(&[("logoutUrls", Value::strings(&["https://live"]))]);
        for path in [r#"["logoutUrls"]"#, "logoutUrls"] {
            assert_eq!(keep(&news, &live, &[path]), live, "{path}");
        }
    }

    #[test]
    fn an_item_path_keeps_that_item_live_and_the_others_as_the_program_says() {
        let news = map(&[(
            "callbackUrls",
            Value::strings(&["https://a-new", "https://b-old"]),
        )]);
        let live = map(&[(
            "callbackUrls",
            Value::strings(&["https://a", "https://b-console"]),
        )]);
        let got = keep(&news, &live, &["callbackUrls[1]"]);
        assert_eq!(
            got["callbackUrls"],
            Value::strings(&["https://a-new", "https://b-console"])
        );
        // An item one side lacks cannot be lined up: the list is taken live, as it is.
        let short = map(&[("callbackUrls", Value::strings(&["https://a"]))]);
        assert_eq!(keep(&news, &short, &["callbackUrls[1]"]), short);
    }

    #[test]
    fn a_lifetime_is_ignored_number_and_unit_together() {
        // The program: 1, in the default unit (hours). The console: 1 day.
        let news = map(&[
            ("accessTokenValidity", Value::Number(1.0)),
            ("authSessionValidity", Value::Number(5.0)),
        ]);
        let live = map(&[
            ("accessTokenValidity", Value::Number(1.0)),
            ("tokenValidityUnits", units(&[("accessToken", "days")])),
        ]);
        for path in ["accessTokenValidity", "tokenValidityUnits.accessToken"] {
            let got = keep(&news, &live, &[path]);
            assert_eq!(got["accessTokenValidity"], Value::Number(1.0), "{path}");
            assert_eq!(
                got["tokenValidityUnits"],
                units(&[("accessToken", "days")]),
                "{path}: the live unit goes with the live number"
            );
            assert_eq!(got["authSessionValidity"], Value::Number(5.0), "{path}");
        }
        // The units as a whole: every lifetime as it is live.
        let news = map(&[
            ("idTokenValidity", Value::Number(30.0)),
            ("tokenValidityUnits", units(&[("idToken", "minutes")])),
        ]);
        let live = map(&[("idTokenValidity", Value::Number(2.0))]);
        let got = keep(&news, &live, &["tokenValidityUnits"]);
        assert_eq!(got, live, "2 hours, live, not 2 minutes");
    }
}
