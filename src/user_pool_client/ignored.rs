//! `ignoreChanges` on an update: Cognito's UpdateUserPoolClient replaces the whole client, so
//! an update for any other property would write the ignored property's stale value from the
//! state back over the change the user asked Pulumi to leave alone (callback URLs added by a
//! preview-deployment script, say). The update sends the live value of each ignored property
//! instead.

use crate::value::{PropertyMap, Value};

/// `news` with the value of every ignored path taken from `live` (the live client's inputs):
/// a top-level property (`callbackUrls`), a field of an object (`tokenValidityUnits.accessToken`),
/// or an item of a list, which keeps the whole live list (`callbackUrls[0]`). A path the live
/// client has no value for is removed, so Cognito's default stays.
pub fn keep_live(news: &PropertyMap, live: &PropertyMap, ignore_changes: &[String]) -> PropertyMap {
    let mut out = news.clone();
    for path in ignore_changes {
        let top_end = path.find(['.', '[']).unwrap_or(path.len());
        let (top, rest) = path.split_at(top_end);
        match rest.strip_prefix('.') {
            Some(field) if !field.contains(['.', '[']) => {
                keep_field(&mut out, live, top, field);
            }
            _ => keep(&mut out, live.get(top), top),
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

fn keep_field(out: &mut PropertyMap, live: &PropertyMap, object: &str, field: &str) {
    let live_field = live
        .get(object)
        .and_then(Value::as_object)
        .and_then(|o| o.get(field));
    let (current, secret) = match out.get(object).map(Value::reveal) {
        Some((Value::Object(map), secret)) => (map.clone(), secret),
        _ => (PropertyMap::new(), false),
    };
    let mut current = current;
    keep(&mut current, live_field, field);
    if current.is_empty() {
        out.remove(object);
    } else {
        out.insert(object.to_string(), Value::Object(current).secret_if(secret));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::map_of as map;

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
        let got = keep_live(&news, &live, &["callbackUrls".into(), "logoutUrls".into()]);
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
    fn a_nested_path_keeps_only_that_field_and_a_list_item_keeps_the_list() {
        let units = |a: &str, i: &str| {
            Value::Object(map(&[
                ("accessToken", Value::string(a)),
                ("idToken", Value::string(i)),
            ]))
        };
        let news = map(&[
            ("tokenValidityUnits", units("minutes", "minutes")),
            ("callbackUrls", Value::strings(&["https://a"])),
        ]);
        let live = map(&[
            ("tokenValidityUnits", units("days", "hours")),
            ("callbackUrls", Value::strings(&["https://a", "https://b"])),
        ]);
        let got = keep_live(
            &news,
            &live,
            &[
                "tokenValidityUnits.accessToken".into(),
                "callbackUrls[1]".into(),
            ],
        );
        assert_eq!(got["tokenValidityUnits"], units("days", "minutes"));
        assert_eq!(got["callbackUrls"], live["callbackUrls"]);
    }
}
