//! Each rule passes valid input and fails invalid input; advice warns and never fails.
use super::*;
use crate::user_pool_client::properties::{CLIENT_SECRET, GENERATE_SECRET};
use crate::user_pool_client::redirect::redirect_url;
use crate::value::{Value, map_of};

fn failures(pairs: &[(&str, Value)]) -> Vec<String> {
    let mut out = Findings::default();
    check(&map_of(pairs), &mut out);
    out.failures.into_iter().map(|f| f.property).collect()
}

fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::Object(map_of(pairs))
}

fn s(v: &str) -> Value {
    Value::string(v)
}

fn l(v: &[&str]) -> Value {
    Value::strings(v)
}

#[test]
fn a_social_provider_in_the_wrong_case_is_a_warning() {
    let warned = |providers: &[&str]| {
        let map: PropertyMap = [("supportedIdentityProviders".to_string(), l(providers))]
            .into_iter()
            .collect();
        let mut out = Findings::default();
        check(&map, &mut out);
        assert!(out.failures.is_empty(), "{out:?}");
        out.warnings
    };
    let w = warned(&["google"]);
    assert_eq!(w.len(), 1);
    assert!(
        w[0].contains("`Google`") && w[0].contains("case-sensitive"),
        "{w:?}"
    );
    assert!(warned(&["COGNITO", "MySaml"]).is_empty());
}

fn advice(pairs: &[(&str, Value)]) -> Vec<String> {
    let mut out = Findings::default();
    check(&map_of(pairs), &mut out);
    assert!(out.failures.is_empty(), "{out:?}");
    out.warnings
}

#[test]
fn discouraged_settings_warn_once_naming_the_property_and_the_safer_choice() {
    let oauth = |flows: &[&str]| {
        vec![
            ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
            ("allowedOAuthFlows", l(flows)),
            ("allowedOAuthScopes", l(&["openid"])),
            ("callbackUrls", l(&["https://app.example.com/cb"])),
            ("supportedIdentityProviders", l(&["COGNITO"])),
        ]
    };
    let w = advice(&oauth(&["implicit", "code"]));
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("`allowedOAuthFlows` includes `implicit`") && w[0].contains("`code`"));
    assert!(advice(&oauth(&["code"])).is_empty());

    let password = |extra: &[(&str, Value)]| {
        let mut pairs = vec![(
            "explicitAuthFlows",
            l(&["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
        )];
        pairs.extend_from_slice(extra);
        advice(&pairs)
    };
    let w = password(&[]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("`ALLOW_USER_PASSWORD_AUTH`") && w[0].contains("`ALLOW_USER_SRP_AUTH`"));
    assert!(password(&[("generateSecret", Value::Bool(true))]).is_empty());
    // Not known yet at preview: no advice rather than a guess.
    assert!(password(&[("generateSecret", Value::Unknown)]).is_empty());

    let w = advice(&[("preventUserExistenceErrors", s("LEGACY"))]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("`preventUserExistenceErrors`") && w[0].contains("`ENABLED`"));
    assert!(advice(&[("preventUserExistenceErrors", s("ENABLED"))]).is_empty());

    let w = advice(&[("refreshTokenValidity", Value::Number(3650.0))]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("3650 days"), "{w:?}");
    // A year exactly, or a long number in a short unit, is not years.
    assert!(advice(&[("refreshTokenValidity", Value::Number(365.0))]).is_empty());
    assert!(
        advice(&[
            ("refreshTokenValidity", Value::Number(3000.0)),
            ("tokenValidityUnits", obj(&[("refreshToken", s("hours"))])),
        ])
        .is_empty()
    );
    assert!(
        !advice(&[
            ("refreshTokenValidity", Value::Number(9000.0)),
            ("tokenValidityUnits", obj(&[("refreshToken", s("hours"))])),
        ])
        .is_empty()
    );
}

#[test]
fn an_out_of_range_lifetime_is_reported_once() {
    let map: PropertyMap = [
        ("idTokenValidity".to_string(), Value::Number(100_000.0)),
        (
            "tokenValidityUnits".to_string(),
            obj(&[("idToken", s("seconds"))]),
        ),
    ]
    .into_iter()
    .collect();
    let mut out = Findings::default();
    check(&map, &mut out);
    assert!(
        out.failures.is_empty(),
        "the table reports it, not this rule: {out:?}"
    );
}

#[test]
fn each_rule_passes_valid_input_and_fails_invalid_input() {
    let oauth = ("allowedOAuthFlowsUserPoolClient", Value::Bool(true));
    let secret = (GENERATE_SECRET, Value::Bool(true));
    let cb = ("callbackUrls", l(&["https://a/cb"]));
    type Case<'a> = (&'a str, Vec<(&'a str, Value)>, Vec<&'a str>);
    let cases: Vec<Case> = vec![
        (
            "redirect in callbacks",
            vec![
                oauth.clone(),
                cb.clone(),
                ("defaultRedirectUri", s("https://a/cb")),
            ],
            vec![],
        ),
        (
            "redirect not in callbacks",
            vec![
                oauth.clone(),
                cb.clone(),
                ("defaultRedirectUri", s("https://b/cb")),
            ],
            vec!["defaultRedirectUri"],
        ),
        (
            "allow flows only",
            vec![(
                "explicitAuthFlows",
                l(&["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
            )],
            vec![],
        ),
        (
            "legacy and allow",
            vec![(
                "explicitAuthFlows",
                l(&["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
            )],
            vec!["explicitAuthFlows"],
        ),
        (
            "client_credentials alone",
            vec![
                oauth.clone(),
                secret.clone(),
                ("allowedOAuthFlows", l(&["client_credentials"])),
            ],
            vec![],
        ),
        (
            "client_credentials and code",
            vec![
                oauth.clone(),
                secret.clone(),
                cb.clone(),
                ("allowedOAuthFlows", l(&["client_credentials", "code"])),
            ],
            vec!["allowedOAuthFlows"],
        ),
        (
            "client_credentials without secret",
            vec![
                oauth.clone(),
                ("allowedOAuthFlows", l(&["client_credentials"])),
            ],
            vec!["allowedOAuthFlows"],
        ),
        (
            "code with callbacks",
            vec![
                oauth.clone(),
                cb.clone(),
                ("allowedOAuthFlows", l(&["code"])),
            ],
            vec![],
        ),
        (
            "implicit without callbacks",
            vec![oauth.clone(), ("allowedOAuthFlows", l(&["implicit"]))],
            vec!["callbackUrls"],
        ),
        (
            "oauth settings without flag",
            vec![cb.clone(), ("allowedOAuthScopes", l(&["openid"]))],
            vec!["allowedOAuthFlowsUserPoolClient"],
        ),
        (
            "context data with secret",
            vec![
                secret.clone(),
                (
                    "enablePropagateAdditionalUserContextData",
                    Value::Bool(true),
                ),
            ],
            vec![],
        ),
        (
            "context data without secret",
            vec![(
                "enablePropagateAdditionalUserContextData",
                Value::Bool(true),
            )],
            vec!["enablePropagateAdditionalUserContextData"],
        ),
        (
            "analytics arn alone",
            vec![(
                "analyticsConfiguration",
                obj(&[("applicationArn", s("arn:aws:mobiletargeting:x"))]),
            )],
            vec![],
        ),
        (
            "analytics id role external",
            vec![(
                "analyticsConfiguration",
                obj(&[
                    ("applicationId", s("a")),
                    ("roleArn", s("r")),
                    ("externalId", s("e")),
                ]),
            )],
            vec![],
        ),
        (
            "analytics arn and role",
            vec![(
                "analyticsConfiguration",
                obj(&[("applicationArn", s("a")), ("roleArn", s("r"))]),
            )],
            vec!["analyticsConfiguration"],
        ),
        (
            "analytics id without role",
            vec![("analyticsConfiguration", obj(&[("applicationId", s("a"))]))],
            vec!["analyticsConfiguration"],
        ),
        (
            "rotation without refresh auth",
            vec![
                ("explicitAuthFlows", l(&["ALLOW_USER_SRP_AUTH"])),
                ("refreshTokenRotation", obj(&[("feature", s("ENABLED"))])),
            ],
            vec![],
        ),
        (
            "rotation with refresh auth",
            vec![
                ("explicitAuthFlows", l(&["ALLOW_REFRESH_TOKEN_AUTH"])),
                ("refreshTokenRotation", obj(&[("feature", s("ENABLED"))])),
            ],
            vec!["explicitAuthFlows"],
        ),
        (
            "rotation with default flows",
            vec![("refreshTokenRotation", obj(&[("feature", s("ENABLED"))]))],
            vec!["explicitAuthFlows"],
        ),
        (
            "rotation disabled",
            vec![
                ("explicitAuthFlows", l(&["ALLOW_REFRESH_TOKEN_AUTH"])),
                ("refreshTokenRotation", obj(&[("feature", s("DISABLED"))])),
            ],
            vec![],
        ),
        (
            "access 5 minutes",
            vec![
                ("accessTokenValidity", Value::Number(5.0)),
                ("tokenValidityUnits", obj(&[("accessToken", s("minutes"))])),
            ],
            vec![],
        ),
        (
            "access 4 minutes",
            vec![
                ("accessTokenValidity", Value::Number(4.0)),
                ("tokenValidityUnits", obj(&[("accessToken", s("minutes"))])),
            ],
            vec!["accessTokenValidity"],
        ),
        (
            "id 24 hours",
            vec![("idTokenValidity", Value::Number(24.0))],
            vec![],
        ),
        (
            "id 25 hours",
            vec![("idTokenValidity", Value::Number(25.0))],
            vec!["idTokenValidity"],
        ),
        (
            "id 2 days",
            vec![
                ("idTokenValidity", Value::Number(2.0)),
                ("tokenValidityUnits", obj(&[("idToken", s("days"))])),
            ],
            vec!["idTokenValidity"],
        ),
        (
            "refresh 3650 days",
            vec![("refreshTokenValidity", Value::Number(3650.0))],
            vec![],
        ),
        (
            "refresh 3651 days",
            vec![("refreshTokenValidity", Value::Number(3651.0))],
            vec!["refreshTokenValidity"],
        ),
        (
            "refresh 59 minutes",
            vec![
                ("refreshTokenValidity", Value::Number(59.0)),
                ("tokenValidityUnits", obj(&[("refreshToken", s("minutes"))])),
            ],
            vec!["refreshTokenValidity"],
        ),
        (
            "refresh 0 means default",
            vec![("refreshTokenValidity", Value::Number(0.0))],
            vec![],
        ),
    ];
    for (name, mut pairs, want) in cases {
        // OAuth on takes flows and scopes (a rule of its own, tested below): the cases that
        // are about something else get a flow and a scope every flow takes.
        if pairs.contains(&oauth) {
            for (k, v) in [
                ("allowedOAuthFlows", l(&["code"])),
                ("allowedOAuthScopes", l(&["orders/read"])),
            ] {
                if !pairs.iter().any(|(p, _)| *p == k) {
                    pairs.push((k, v));
                }
            }
        }
        assert_eq!(failures(&pairs), want, "case {name}");
    }
}

#[test]
fn oauth_needs_flows_and_scopes_and_client_credentials_takes_no_user_scope() {
    let oauth = ("allowedOAuthFlowsUserPoolClient", Value::Bool(true));
    let secret = (GENERATE_SECRET, Value::Bool(true));
    let cb = ("callbackUrls", l(&["https://a/cb"]));
    assert_eq!(
        failures(std::slice::from_ref(&oauth)),
        ["allowedOAuthFlows"]
    );
    assert_eq!(
        failures(&[
            oauth.clone(),
            cb.clone(),
            ("allowedOAuthFlows", l(&["code"]))
        ]),
        ["allowedOAuthScopes"]
    );
    assert_eq!(
        failures(&[oauth.clone(), ("allowedOAuthScopes", l(&["openid"]))]),
        ["allowedOAuthFlows"]
    );
    // An explicit `[]` is as empty as leaving it out.
    assert_eq!(
        failures(&[
            oauth.clone(),
            ("allowedOAuthFlows", l(&[])),
            ("allowedOAuthScopes", l(&["openid"]))
        ]),
        ["allowedOAuthFlows"]
    );
    for user in [
        "openid",
        "email",
        "phone",
        "profile",
        "aws.cognito.signin.user.admin",
    ] {
        let m2m = [
            oauth.clone(),
            secret.clone(),
            ("allowedOAuthFlows", l(&["client_credentials"])),
            ("allowedOAuthScopes", l(&["orders/read", user])),
        ];
        assert_eq!(failures(&m2m), ["allowedOAuthScopes"], "{user}");
    }
    let users_with_code = [
        oauth.clone(),
        cb.clone(),
        ("allowedOAuthFlows", l(&["code"])),
        ("allowedOAuthScopes", l(&["openid", "email"])),
    ];
    assert!(failures(&users_with_code).is_empty());
    // Unknown flows or scopes wait for their values.
    assert!(failures(&[oauth.clone(), ("allowedOAuthFlows", Value::Unknown)]).is_empty());
}

#[test]
fn cognito_in_another_case_fails_and_a_social_provider_in_another_case_warns() {
    let providers = |names: &[&str]| [("supportedIdentityProviders", l(names))];
    assert_eq!(
        failures(&providers(&["cognito"])),
        ["supportedIdentityProviders"]
    );
    assert_eq!(
        failures(&providers(&["Cognito", "Google"])),
        ["supportedIdentityProviders"]
    );
    assert!(failures(&providers(&["COGNITO", "google"])).is_empty());
}

#[test]
fn rotation_with_an_explicit_empty_flow_list_names_no_refresh_token_auth() {
    let rotation = ("refreshTokenRotation", obj(&[("feature", s("ENABLED"))]));
    assert!(failures(&[rotation.clone(), ("explicitAuthFlows", l(&[]))]).is_empty());
    assert_eq!(
        failures(std::slice::from_ref(&rotation)),
        ["explicitAuthFlows"],
        "left out: the defaults"
    );
}

#[test]
fn both_secrets_wait_for_an_unknown_one_and_fail_when_it_is_known() {
    let generated = (GENERATE_SECRET, Value::Bool(true));
    assert!(failures(&[generated.clone(), (CLIENT_SECRET, Value::Unknown)]).is_empty());
    assert_eq!(
        failures(&[generated, (CLIENT_SECRET, s("mine_0123456789abcdefghij"))]),
        [CLIENT_SECRET]
    );
}

#[test]
fn rules_involving_unknowns_are_skipped() {
    let cases: Vec<Vec<(&str, Value)>> = vec![
        vec![
            ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
            ("allowedOAuthFlows", l(&["code"])),
            ("allowedOAuthScopes", l(&["openid"])),
            ("defaultRedirectUri", s("https://b")),
            ("callbackUrls", Value::Unknown),
        ],
        vec![
            ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
            ("allowedOAuthFlows", l(&["client_credentials"])),
            ("allowedOAuthScopes", l(&["orders/read"])),
            (GENERATE_SECRET, Value::Unknown),
        ],
        vec![
            ("callbackUrls", l(&["https://a"])),
            ("allowedOAuthFlowsUserPoolClient", Value::Unknown),
        ],
        vec![
            ("accessTokenValidity", Value::Number(90.0)),
            (
                "tokenValidityUnits",
                obj(&[("accessToken", Value::Unknown)]),
            ),
        ],
        vec![(
            "explicitAuthFlows",
            Value::Array(vec![s("USER_PASSWORD_AUTH"), Value::Unknown]),
        )],
    ];
    for pairs in cases {
        assert_eq!(failures(&pairs), Vec::<String>::new(), "{pairs:?}");
    }
}

#[test]
fn redirect_urls_must_be_absolute_https_without_fragment() {
    for ok in [
        "https://app.example.com/cb",
        "http://localhost:3000/cb",
        "http://127.0.0.1/cb",
        "http://[::1]:8080/",
        "myapp://callback",
    ] {
        assert_eq!(redirect_url(ok), None, "{ok}");
    }
    for bad in [
        "/relative",
        "https://a.example.com/#frag",
        "http://example.com/cb",
        "not a url",
    ] {
        assert!(redirect_url(bad).is_some(), "{bad}");
    }
}
