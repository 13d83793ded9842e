//! Diff: which inputs changed, and whether the change replaces the client.
//!
//! The old side is the old *inputs*, so outputs Cognito fills in (the secret, dates, defaults)
//! never show as changes. Replacement follows the table's update behaviour alone
//! (`crate::resource::diff`); this adds what only a client has: token lifetimes compared as durations, and
//! its secret, generated or brought.

use super::properties::{self, CLIENT_SECRET, GENERATE_SECRET, PROPERTIES};
use super::{ignored, state, tokens};
use crate::resource::table::Property;
use crate::resource::{DiffKind, DiffRequest, DiffResponse};
use crate::value::path::covered;
use crate::value::{PropertyMap, Value};

pub fn diff(req: &DiffRequest) -> DiffResponse {
    // Old engines (and states written by them) may lack old inputs; the outputs hold them too.
    let mut olds = if req.old_inputs.is_empty() {
        only_inputs(&req.old_outputs)
    } else {
        req.old_inputs.clone()
    };
    // What the program asks to ignore stays as it was, as the engine itself does before it
    // calls Diff (for an item of a list, a lifetime named by either half, a path the engine
    // wrote in another form).
    let ignored = ignored::paths(&req.ignore_changes);
    let mut news = ignored::take_ignored(&req.news, &olds, &ignored);
    // A token lifetime that comes out the same (60 minutes or 1 hour, or the default) is no
    // change, however its number and unit are written; one that differs shows as its number
    // and unit, compared as written.
    let same_tokens = tokens::same_tokens(&olds, &news);
    // Whether the client has a secret is what `generateSecret` decides: one brought with
    // `clientSecret` counts the same, so switching between the two never replaces the client.
    let has_secret = |m: &PropertyMap| {
        m.get(GENERATE_SECRET).and_then(Value::as_bool) == Some(true)
            || m.get(CLIENT_SECRET).is_some_and(|v| !v.is_null())
    };
    if has_secret(&olds) && has_secret(&news) {
        olds.remove(GENERATE_SECRET);
        news.remove(GENERATE_SECRET);
    }
    // A secret the program brings is compared with the secret the client has (the old output),
    // so a secret rotated by another path, or adopted by import, is no change; leaving it out
    // keeps the secret the client has.
    let old_secret = req
        .old_outputs
        .get(CLIENT_SECRET)
        .or_else(|| olds.get(CLIENT_SECRET))
        .map(Value::revealed);
    let secret_changed = news
        .get(CLIENT_SECRET)
        .filter(|v| !v.is_null())
        .is_some_and(|new| old_secret.as_ref() != Some(&new.revealed()) || new.is_unknown());
    olds.remove(CLIENT_SECRET);
    news.remove(CLIENT_SECRET);

    let mut res = crate::resource::diff::table(
        PROPERTIES,
        &olds,
        &news,
        &ignored,
        |prop| same_tokens.iter().any(|t| t.validity == prop.name),
        |path| !same_tokens.iter().any(|t| path == t.unit_path()),
    );
    // A rotation an earlier update left half done (the state holds the old secret's id beside
    // the new one's) is a change until the old one is deleted: the next update finishes it.
    let unfinished = state::owned_secrets(&req.old_outputs).len() > 1;
    if (secret_changed || unfinished) && !covered(&ignored, CLIENT_SECRET) {
        res.diffs.push(CLIENT_SECRET.to_string());
        let kind = if old_secret.is_some() {
            DiffKind::Update
        } else {
            DiffKind::Add
        };
        res.detailed.insert(CLIENT_SECRET.to_string(), kind);
    }
    res
}

fn only_inputs(outputs: &PropertyMap) -> PropertyMap {
    outputs
        .iter()
        .filter(|(k, _)| properties::find(k).is_some_and(Property::is_input))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::table::{Shape, Update};
    use crate::user_pool_client::properties::{
        CLIENT_NAME, GENERATE_SECRET, PROPERTIES, USER_POOL_ID,
    };

    use crate::value::map_of as map;

    fn diff_of(old: &[(&str, Value)], new: &[(&str, Value)]) -> DiffResponse {
        diff(&DiffRequest {
            id: "pool_1/client".into(),
            urn: String::new(),
            old_outputs: PropertyMap::new(),
            old_inputs: map(old),
            news: map(new),
            ignore_changes: vec![],
        })
    }

    fn base() -> Vec<(&'static str, Value)> {
        vec![
            (USER_POOL_ID, Value::string("us-east-1_a1")),
            (CLIENT_NAME, Value::string("web")),
        ]
    }

    fn with(
        mut v: Vec<(&'static str, Value)>,
        k: &'static str,
        x: Value,
    ) -> Vec<(&'static str, Value)> {
        v.retain(|(n, _)| *n != k);
        v.push((k, x));
        v
    }

    /// A value for each row that differs from its default, so every row can be exercised.
    fn sample(prop: &Property) -> Value {
        match prop.shape {
            Shape::String => Value::string("sample_1"),
            Shape::Integer => Value::Number(7.0),
            Shape::Boolean => Value::Bool(matches!(
                prop.default,
                crate::resource::table::AwsDefault::Bool(false)
            )),
            Shape::StringSet | Shape::StringList | Shape::AnyList => Value::strings(&["x"]),
            Shape::Object(fields) => Value::Object(
                fields
                    .iter()
                    .take(1)
                    .map(|f| (f.name.to_string(), sample(f)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn every_replace_row_replaces_and_every_other_input_updates_in_place() {
        for prop in PROPERTIES.iter().filter(|p| p.is_input()) {
            let res = diff_of(&base(), &with(base(), prop.name, sample(prop)));
            assert_eq!(res.diffs, [prop.name], "{}", prop.name);
            let replaced = res.replaces == [prop.name];
            assert_eq!(replaced, prop.update == Update::Replace, "{}", prop.name);
            assert!(
                res.detailed.values().all(|k| k.is_replace() == replaced),
                "{}: {:?}",
                prop.name,
                res.detailed
            );
        }
    }

    #[test]
    fn a_set_change_shows_what_was_added_and_removed() {
        let scopes = |s: &[&str]| with(base(), "allowedOAuthScopes", Value::strings(s));
        let res = diff_of(
            &scopes(&["email", "openid"]),
            &scopes(&["profile", "openid", "email"]),
        );
        assert_eq!(res.diffs, ["allowedOAuthScopes"]);
        assert_eq!(
            res.detailed.into_iter().collect::<Vec<_>>(),
            [("allowedOAuthScopes[0]".to_string(), DiffKind::Add)],
            "profile is new, at index 0 of the new list"
        );
        let res = diff_of(&scopes(&["email", "openid"]), &scopes(&["openid", "phone"]));
        assert_eq!(
            res.detailed.into_iter().collect::<Vec<_>>(),
            [
                ("allowedOAuthScopes[0]".to_string(), DiffKind::Delete),
                ("allowedOAuthScopes[1]".to_string(), DiffKind::Add),
            ]
        );
        let res = diff_of(&base(), &scopes(&["openid"]));
        assert_eq!(
            res.detailed["allowedOAuthScopes"],
            DiffKind::Add,
            "a whole new set"
        );
    }

    #[test]
    fn same_inputs_give_no_changes() {
        assert!(!diff_of(&base(), &base()).has_changes());
    }

    #[test]
    fn reordering_a_set_is_no_change_but_reordering_a_list_is() {
        let flows = |f: &[&str]| with(base(), "explicitAuthFlows", Value::strings(f));
        assert!(
            !diff_of(
                &flows(&["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
                &flows(&["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"])
            )
            .has_changes()
        );
        let urls = |u: &[&str]| with(base(), "callbackUrls", Value::strings(u));
        assert!(
            diff_of(
                &urls(&["https://a", "https://b"]),
                &urls(&["https://b", "https://a"])
            )
            .has_changes()
        );
    }

    #[test]
    fn defaults_and_empty_lists_equal_unset() {
        for (k, v) in [
            (GENERATE_SECRET, Value::Bool(false)),
            ("enableTokenRevocation", Value::Bool(true)),
            ("authSessionValidity", Value::Number(3.0)),
            ("preventUserExistenceErrors", Value::string("LEGACY")),
            ("callbackUrls", Value::Array(vec![])),
        ] {
            assert!(
                !diff_of(&base(), &with(base(), k, v.clone())).has_changes(),
                "{k}"
            );
            assert!(
                !diff_of(&with(base(), k, v), &base()).has_changes(),
                "{k} removed"
            );
        }
    }

    #[test]
    fn kinds_say_added_removed_or_updated() {
        let scopes = with(base(), "allowedOAuthScopes", Value::strings(&["openid"]));
        assert_eq!(
            diff_of(&base(), &scopes).detailed["allowedOAuthScopes"],
            DiffKind::Add
        );
        assert_eq!(
            diff_of(&scopes, &base()).detailed["allowedOAuthScopes"],
            DiffKind::Delete
        );
        let pool2 = with(base(), USER_POOL_ID, Value::string("us-east-1_b2"));
        let res = diff_of(&base(), &pool2);
        assert_eq!(res.detailed[USER_POOL_ID], DiffKind::UpdateReplace);
        assert_eq!(res.replaces, [USER_POOL_ID]);
    }

    #[test]
    fn the_same_token_lifetime_written_differently_is_no_change() {
        let minutes = with(
            with(base(), "accessTokenValidity", Value::Number(60.0)),
            "tokenValidityUnits",
            Value::Object(map(&[("accessToken", Value::string("minutes"))])),
        );
        assert!(!diff_of(&base(), &minutes).has_changes());
        assert!(
            !diff_of(
                &minutes,
                &with(base(), "accessTokenValidity", Value::Number(1.0))
            )
            .has_changes()
        );
        let res = diff_of(
            &minutes,
            &with(minutes.clone(), "accessTokenValidity", Value::Number(30.0)),
        );
        assert_eq!(res.diffs, ["accessTokenValidity"]);
    }

    #[test]
    fn removing_a_lifetime_written_in_another_unit_is_a_change() {
        let hours = Value::Object(map(&[("refreshToken", Value::string("hours"))]));
        let thirty_hours = with(
            with(base(), "refreshTokenValidity", Value::Number(30.0)),
            "tokenValidityUnits",
            hours.clone(),
        );
        let unit_only = with(base(), "tokenValidityUnits", hours);
        let res = diff_of(&thirty_hours, &unit_only);
        assert_eq!(res.diffs, ["refreshTokenValidity"], "{res:?}");
        assert_eq!(res.detailed["refreshTokenValidity"], DiffKind::Delete);
        // 30 in the default unit (days) is the default: removing it changes nothing.
        let thirty_days = with(base(), "refreshTokenValidity", Value::Number(30.0));
        assert!(!diff_of(&thirty_days, &base()).has_changes());
    }

    #[test]
    fn a_unit_added_with_the_whole_object_is_reported_as_its_leaf() {
        let minutes = with(
            with(base(), "accessTokenValidity", Value::Number(30.0)),
            "tokenValidityUnits",
            Value::Object(map(&[("accessToken", Value::string("minutes"))])),
        );
        let res = diff_of(
            &with(base(), "accessTokenValidity", Value::Number(30.0)),
            &minutes,
        );
        assert_eq!(
            res.detailed.keys().collect::<Vec<_>>(),
            ["tokenValidityUnits.accessToken"],
            "{res:?}"
        );
        assert_eq!(
            res.detailed["tokenValidityUnits.accessToken"],
            DiffKind::Add
        );
    }

    #[test]
    fn a_role_cognito_fills_in_is_no_change() {
        let analytics = |fields: &[(&str, Value)]| {
            with(base(), "analyticsConfiguration", Value::Object(map(fields)))
        };
        let arn = (
            "applicationArn",
            Value::string("arn:aws:mobiletargeting:us-east-1:1:apps/a"),
        );
        let filled = analytics(&[
            arn.clone(),
            ("roleArn", Value::string("arn:aws:iam::1:role/svc")),
            ("userDataShared", Value::Bool(false)),
        ]);
        assert!(!diff_of(&filled, &analytics(std::slice::from_ref(&arn))).has_changes());
        let other = analytics(&[(
            "applicationArn",
            Value::string("arn:aws:mobiletargeting:us-east-1:1:apps/b"),
        )]);
        assert_eq!(
            diff_of(&filled, &other).detailed.keys().collect::<Vec<_>>(),
            ["analyticsConfiguration.applicationArn"]
        );
    }

    #[test]
    fn nested_changes_are_reported_by_path() {
        let units = |a: &str| {
            with(
                with(base(), "accessTokenValidity", Value::Number(10.0)),
                "tokenValidityUnits",
                Value::Object(map(&[
                    ("accessToken", Value::string(a)),
                    ("idToken", Value::string("hours")),
                ])),
            )
        };
        let res = diff_of(&units("minutes"), &units("seconds"));
        assert_eq!(res.diffs, ["tokenValidityUnits"]);
        assert_eq!(
            res.detailed.keys().collect::<Vec<_>>(),
            ["tokenValidityUnits.accessToken"]
        );
    }

    #[test]
    fn an_unknown_new_value_is_a_change_and_replaces_when_the_row_does() {
        let res = diff_of(&base(), &with(base(), USER_POOL_ID, Value::Unknown));
        assert_eq!(res.replaces, [USER_POOL_ID]);
        let res = diff_of(&base(), &with(base(), CLIENT_NAME, Value::Unknown));
        assert_eq!(res.detailed[CLIENT_NAME], DiffKind::Update);
    }

    #[test]
    fn secrets_compare_by_value() {
        let secret = with(base(), CLIENT_NAME, Value::string("web").secret_if(true));
        assert!(!diff_of(&base(), &secret).has_changes());
    }

    #[test]
    fn outputs_never_show_as_changes() {
        let mut req = DiffRequest {
            id: String::new(),
            urn: String::new(),
            old_outputs: map(&[("clientSecret", Value::string("s").secret_if(true))]),
            old_inputs: map(&base()),
            news: map(&base()),
            ignore_changes: vec![],
        };
        assert!(!diff(&req).has_changes());
        req.old_inputs.clear();
        req.old_outputs.extend(map(&base()));
        assert!(
            !diff(&req).has_changes(),
            "falls back to the inputs kept in the outputs"
        );
    }

    fn diff_ignoring(
        old: &[(&str, Value)],
        new: &[(&str, Value)],
        ignore: &[&str],
    ) -> DiffResponse {
        diff(&DiffRequest {
            id: "pool_1/client".into(),
            urn: String::new(),
            old_outputs: PropertyMap::new(),
            old_inputs: map(old),
            news: map(new),
            ignore_changes: ignore.iter().map(|s| s.to_string()).collect(),
        })
    }

    #[test]
    fn ignored_paths_are_read_as_the_engine_writes_them() {
        let urls = |u: &[&str]| with(base(), "logoutUrls", Value::strings(u));
        let (old, new) = (urls(&["https://a"]), urls(&["https://b"]));
        for path in [
            "logoutUrls",
            r#"["logoutUrls"]"#,
            "logoutUrls[0]",
            "logoutUrls[*]",
            "*",
        ] {
            assert!(!diff_ignoring(&old, &new, &[path]).has_changes(), "{path}");
        }
        let (old, new) = (
            urls(&["https://a", "https://x"]),
            urls(&["https://b", "https://x"]),
        );
        assert!(
            diff_ignoring(&old, &new, &["logoutUrls[1]"]).has_changes(),
            "another item changed"
        );
        assert!(!diff_ignoring(&old, &new, &["logoutUrls[0]"]).has_changes());
    }

    #[test]
    fn ignoring_either_half_of_a_lifetime_ignores_the_other() {
        let units = |u: &str| Value::Object(map(&[("accessToken", Value::string(u))]));
        let old = with(base(), "accessTokenValidity", Value::Number(1.0));
        let new = with(old.clone(), "tokenValidityUnits", units("days"));
        assert!(
            diff_ignoring(&old, &new, &[]).has_changes(),
            "1 hour to 1 day"
        );
        for path in [
            "accessTokenValidity",
            "tokenValidityUnits.accessToken",
            r#"tokenValidityUnits["accessToken"]"#,
            "tokenValidityUnits",
        ] {
            let res = diff_ignoring(&old, &new, &[path]);
            assert!(!res.has_changes(), "{path}: {res:?}");
        }
        assert!(
            diff_ignoring(&old, &new, &["idTokenValidity"]).has_changes(),
            "another token's lifetime"
        );
    }

    #[test]
    fn an_unfinished_rotation_is_a_change_until_the_old_secret_is_deleted() {
        let secret = with(base(), CLIENT_SECRET, Value::string("new").secret_if(true));
        let outputs = |ids: &[&str]| {
            map(&[
                (CLIENT_SECRET, Value::string("new").secret_if(true)),
                ("clientSecretIds", Value::strings(ids)),
            ])
        };
        let request = |ids: &[&str]| DiffRequest {
            id: "pool_1/client".into(),
            urn: String::new(),
            old_outputs: outputs(ids),
            old_inputs: map(&secret),
            news: map(&secret),
            ignore_changes: vec![],
        };
        assert!(!diff(&request(&["c--2"])).has_changes());
        let unfinished = diff(&request(&["c--1", "c--2"]));
        assert_eq!(unfinished.diffs, [CLIENT_SECRET], "{unfinished:?}");
        assert!(unfinished.replaces.is_empty());
    }
}
