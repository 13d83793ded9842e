//! Cognito's rules that involve more than one property, or a property's meaning rather than
//! its form: each a small named function, run by Check after the table's own rules.
//!
//! A rule that involves a value not known yet (a preview) is skipped, never failed: it will be
//! checked again when the value is known.

use super::properties::{self, CLIENT_SECRET, GENERATE_SECRET};
use super::tokens::unit_seconds;
use crate::model;
use crate::resource::CheckFailure;
use crate::validate::{Findings, quote};
use crate::value::{PropertyMap, Value};

/// One property's state as a rule sees it.
enum Got<'a> {
    Unset,
    Unknown,
    Known(&'a Value),
}

struct Inputs<'a>(&'a PropertyMap);

impl<'a> Inputs<'a> {
    fn get(&self, name: &str) -> Got<'a> {
        match self.0.get(name) {
            None => Got::Unset,
            Some(v) if v.is_null() => Got::Unset,
            Some(v) if v.contains_unknown() => Got::Unknown,
            Some(v) => Got::Known(v.reveal().0),
        }
    }

    /// A list's items, `Some(empty)` when unset; `None` when (partly) unknown.
    fn strings(&self, name: &str) -> Option<Vec<&'a str>> {
        match self.get(name) {
            Got::Unset => Some(vec![]),
            Got::Unknown => None,
            Got::Known(v) => Some(v.as_array()?.iter().filter_map(Value::as_str).collect()),
        }
    }

    fn bool(&self, name: &str, default: bool) -> Option<bool> {
        match self.get(name) {
            Got::Unset => Some(default),
            Got::Unknown => None,
            Got::Known(v) => v.as_bool(),
        }
    }

    fn str(&self, name: &str) -> Option<Option<&'a str>> {
        match self.get(name) {
            Got::Unset => Some(None),
            Got::Unknown => None,
            Got::Known(v) => Some(v.as_str()),
        }
    }

    /// A nested object's field (an unset object has unset fields).
    fn nested(&self, object: &str, field: &str) -> Got<'a> {
        match self.get(object) {
            Got::Unset => Got::Unset,
            Got::Unknown => Got::Unknown,
            Got::Known(v) => match v.as_object().and_then(|o| o.get(field)) {
                None => Got::Unset,
                Some(f) if f.is_null() => Got::Unset,
                Some(f) if f.contains_unknown() => Got::Unknown,
                Some(f) => Got::Known(f.reveal().0),
            },
        }
    }
}

type Rule = fn(&Inputs) -> Option<CheckFailure>;

/// Every cross-property rule, in the order failures are reported.
const RULES: &[Rule] = &[
    default_redirect_is_a_callback,
    legacy_and_allow_flows_do_not_mix,
    client_credentials_stands_alone,
    generated_or_brought_not_both,
    client_credentials_needs_a_secret,
    code_and_implicit_need_callbacks,
    oauth_settings_need_the_oauth_flag,
    context_data_needs_a_secret,
    analytics_is_arn_or_id_role_and_external_id,
    rotation_excludes_refresh_token_auth,
    access_token_validity_in_range,
    id_token_validity_in_range,
    refresh_token_validity_in_range,
];

/// Advice: settings Cognito accepts but that are likely mistakes or discouraged, each a warning
/// at preview that names the property and the better choice.
const ADVICE: &[fn(&Inputs) -> Option<String>] = &[identity_provider_names_are_case_sensitive];

pub fn check(inputs: &PropertyMap, found: &mut Findings) {
    let inputs = Inputs(inputs);
    found
        .failures
        .extend(RULES.iter().filter_map(|rule| rule(&inputs)));
    found
        .warnings
        .extend(ADVICE.iter().filter_map(|advice| advice(&inputs)));
}

/// The identity providers Cognito itself offers, as their names must be written.
const BUILT_IN_PROVIDERS: [&str; 5] = [
    "COGNITO",
    "Facebook",
    "Google",
    "SignInWithApple",
    "LoginWithAmazon",
];

fn identity_provider_names_are_case_sensitive(i: &Inputs) -> Option<String> {
    let names = i.strings("supportedIdentityProviders")?;
    let (given, meant) = names.iter().find_map(|n| {
        BUILT_IN_PROVIDERS
            .iter()
            .find(|b| b.eq_ignore_ascii_case(n) && *b != n)
            .map(|b| (*n, *b))
    })?;
    Some(format!(
        "`supportedIdentityProviders` lists {given:?}, but the built-in provider is `{meant}`: names are case-sensitive, so Cognito takes {given:?} for a provider of the pool that may not exist"
    ))
}

fn fail(property: &str, reason: String) -> Option<CheckFailure> {
    Some(CheckFailure::new(property, reason))
}

fn default_redirect_is_a_callback(i: &Inputs) -> Option<CheckFailure> {
    let uri = i.str("defaultRedirectUri")??;
    let callbacks = i.strings("callbackUrls")?;
    if callbacks.contains(&uri) {
        return None;
    }
    // A message never repeats a secret value.
    let secret =
        i.0.get("defaultRedirectUri")
            .is_some_and(Value::contains_secret);
    let shown = if secret {
        "the (secret) URI".to_string()
    } else {
        quote(uri)
    };
    fail(
        "defaultRedirectUri",
        format!(
            "`defaultRedirectUri` must be one of `callbackUrls`, but {shown} is not among them"
        ),
    )
}

const LEGACY_FLOWS: [&str; 3] = [
    "ADMIN_NO_SRP_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY",
    "USER_PASSWORD_AUTH",
];

fn legacy_and_allow_flows_do_not_mix(i: &Inputs) -> Option<CheckFailure> {
    let flows = i.strings("explicitAuthFlows")?;
    let legacy: Vec<_> = flows.iter().filter(|f| LEGACY_FLOWS.contains(f)).collect();
    let allow: Vec<_> = flows.iter().filter(|f| f.starts_with("ALLOW_")).collect();
    if legacy.is_empty() || allow.is_empty() {
        return None;
    }
    fail(
        "explicitAuthFlows",
        format!(
            "`explicitAuthFlows` cannot mix the legacy flows ({}) with ALLOW_ flows ({}); use the ALLOW_ form of each, such as ALLOW_USER_PASSWORD_AUTH",
            join(&legacy),
            join(&allow)
        ),
    )
}

fn join(items: &[&&str]) -> String {
    items.iter().map(|s| **s).collect::<Vec<_>>().join(", ")
}

fn client_credentials_stands_alone(i: &Inputs) -> Option<CheckFailure> {
    let flows = i.strings("allowedOAuthFlows")?;
    if !flows.contains(&"client_credentials") || flows.iter().all(|f| *f == "client_credentials") {
        return None;
    }
    fail(
        "allowedOAuthFlows",
        format!(
            "`allowedOAuthFlows` may not combine client_credentials with other flows, got {}",
            flows.join(", ")
        ),
    )
}

/// Whether the client will have a secret: generated, or brought with `clientSecret`.
fn has_secret(i: &Inputs) -> Option<bool> {
    Some(i.bool(GENERATE_SECRET, false)? || !matches!(i.get(CLIENT_SECRET), Got::Unset))
}

fn generated_or_brought_not_both(i: &Inputs) -> Option<CheckFailure> {
    if !i.bool(GENERATE_SECRET, false)? || matches!(i.get(CLIENT_SECRET), Got::Unset) {
        return None;
    }
    fail(
        CLIENT_SECRET,
        "`clientSecret` and `generateSecret: true` cannot be used together: Cognito either generates a secret or takes yours. Leave out `generateSecret` to bring your own (24 to 64 characters: ASCII letters, digits, `_` and `+`)".into(),
    )
}

fn client_credentials_needs_a_secret(i: &Inputs) -> Option<CheckFailure> {
    let flows = i.strings("allowedOAuthFlows")?;
    if !flows.contains(&"client_credentials") || has_secret(i)? {
        return None;
    }
    fail(
        "allowedOAuthFlows",
        "`allowedOAuthFlows` client_credentials needs a client secret: set `generateSecret: true` or bring your own with `clientSecret`"
            .into(),
    )
}

fn code_and_implicit_need_callbacks(i: &Inputs) -> Option<CheckFailure> {
    let flows = i.strings("allowedOAuthFlows")?;
    let browser: Vec<&str> = flows
        .into_iter()
        .filter(|f| matches!(*f, "code" | "implicit"))
        .collect();
    if browser.is_empty() || !i.strings("callbackUrls")?.is_empty() {
        return None;
    }
    fail(
        "callbackUrls",
        format!(
            "`callbackUrls` must list at least one URL when `allowedOAuthFlows` has {}",
            browser.join(" and ")
        ),
    )
}

fn oauth_settings_need_the_oauth_flag(i: &Inputs) -> Option<CheckFailure> {
    if i.bool("allowedOAuthFlowsUserPoolClient", false)? {
        return None;
    }
    let mut used = Vec::new();
    for name in [
        "allowedOAuthFlows",
        "allowedOAuthScopes",
        "callbackUrls",
        "logoutUrls",
    ] {
        if !i.strings(name)?.is_empty() {
            used.push(name);
        }
    }
    if i.str("defaultRedirectUri")?.is_some() {
        used.push("defaultRedirectUri");
    }
    if used.is_empty() {
        return None;
    }
    fail(
        "allowedOAuthFlowsUserPoolClient",
        format!(
            "`allowedOAuthFlowsUserPoolClient` must be true to use {}",
            used.join(", ")
        ),
    )
}

fn context_data_needs_a_secret(i: &Inputs) -> Option<CheckFailure> {
    let name = "enablePropagateAdditionalUserContextData";
    if !i.bool(name, false)? || has_secret(i)? {
        return None;
    }
    fail(
        name,
        format!("`{name}` may be true only for a client with a secret: set `generateSecret: true`"),
    )
}

fn analytics_is_arn_or_id_role_and_external_id(i: &Inputs) -> Option<CheckFailure> {
    let object = "analyticsConfiguration";
    if !matches!(i.get(object), Got::Known(_)) {
        return None;
    }
    let mut set = Vec::new();
    for field in ["applicationArn", "applicationId", "roleArn", "externalId"] {
        match i.nested(object, field) {
            Got::Unknown => return None,
            Got::Known(_) => set.push(field),
            Got::Unset => {}
        }
    }
    // The external id is optional: the role's trust policy may not ask for one.
    let ok = set == ["applicationArn"]
        || set == ["applicationId", "roleArn"]
        || set == ["applicationId", "roleArn", "externalId"];
    if ok {
        return None;
    }
    let reason = if set.contains(&"applicationArn") {
        format!(
            "`{object}.applicationArn` must be given alone, without {}",
            set[1..].join(", ")
        )
    } else {
        let missing: Vec<_> = ["applicationId", "roleArn"]
            .into_iter()
            .filter(|f| !set.contains(f))
            .collect();
        format!(
            "`{object}` needs either `applicationArn` alone, or `applicationId` and `roleArn` (with `externalId` if the role asks for one); missing {}",
            missing.join(", ")
        )
    };
    fail(object, reason)
}

fn rotation_excludes_refresh_token_auth(i: &Inputs) -> Option<CheckFailure> {
    let Got::Known(feature) = i.nested("refreshTokenRotation", "feature") else {
        return None;
    };
    if feature.as_str() != Some("ENABLED") {
        return None;
    }
    let flows = i.strings("explicitAuthFlows")?;
    let reason = if flows.is_empty() {
        "`explicitAuthFlows` must be set when refresh token rotation is enabled: Cognito's default flows include ALLOW_REFRESH_TOKEN_AUTH, which rotation replaces"
    } else if flows.contains(&"ALLOW_REFRESH_TOKEN_AUTH") {
        "`explicitAuthFlows` may not include ALLOW_REFRESH_TOKEN_AUTH when `refreshTokenRotation.feature` is ENABLED"
    } else {
        return None;
    };
    fail("explicitAuthFlows", reason.into())
}

const MINUTE: i64 = 60;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// A validity's duration in seconds, `None` when it cannot be judged (unset, unknown, or a
/// bad unit that the table's rules report already).
fn duration(
    i: &Inputs,
    validity: &str,
    unit_field: &str,
    default_unit: &str,
) -> Option<(i64, String)> {
    let Got::Known(v) = i.get(validity) else {
        return None;
    };
    let amount = v.as_f64()? as i64;
    let unit = match i.nested("tokenValidityUnits", unit_field) {
        Got::Unset => default_unit.to_string(),
        Got::Unknown => return None,
        Got::Known(u) => u.as_str()?.to_string(),
    };
    Some((
        amount.saturating_mul(unit_seconds(&unit)?),
        format!("{amount} {unit}"),
    ))
}

fn in_range(
    i: &Inputs,
    validity: &str,
    unit_field: &str,
    default_unit: &str,
    min: i64,
    max: i64,
    range: &str,
) -> Option<CheckFailure> {
    let (seconds, shown) = duration(i, validity, unit_field, default_unit)?;
    if (min..=max).contains(&seconds) || outside_model_bounds(i, validity) {
        // A number outside the API model's own bounds is reported once, by the table.
        return None;
    }
    fail(
        validity,
        format!(
            "`{validity}` must be between {range} (in the unit of `tokenValidityUnits.{unit_field}`), got {shown}"
        ),
    )
}

/// Whether the number breaks the bounds the API model gives the validity member.
fn outside_model_bounds(i: &Inputs, validity: &str) -> bool {
    let Got::Known(v) = i.get(validity) else {
        return false;
    };
    let (Some(n), Some(row)) = (v.as_f64(), properties::find(validity)) else {
        return false;
    };
    let Some(member) = model::input(properties::MODEL_OPERATION)
        .and_then(|create| model::member_of(create, row.api))
    else {
        return false;
    };
    let n = n as i64;
    member.min.is_some_and(|min| n < min) || member.max.is_some_and(|max| n > max)
}

fn access_token_validity_in_range(i: &Inputs) -> Option<CheckFailure> {
    in_range(
        i,
        "accessTokenValidity",
        "accessToken",
        "hours",
        5 * MINUTE,
        DAY,
        "5 minutes and 1 day",
    )
}

fn id_token_validity_in_range(i: &Inputs) -> Option<CheckFailure> {
    in_range(
        i,
        "idTokenValidity",
        "idToken",
        "hours",
        5 * MINUTE,
        DAY,
        "5 minutes and 1 day",
    )
}

fn refresh_token_validity_in_range(i: &Inputs) -> Option<CheckFailure> {
    // 0 asks Cognito for its default (30 days).
    if matches!(i.get("refreshTokenValidity"), Got::Known(v) if v.as_f64() == Some(0.0)) {
        return None;
    }
    in_range(
        i,
        "refreshTokenValidity",
        "refreshToken",
        "days",
        HOUR,
        3_650 * DAY,
        "60 minutes and 10 years",
    )
}

/// The per-URL rule of `callbackUrls`, `logoutUrls` and `defaultRedirectUri`: absolute, no
/// fragment, and HTTPS unless the host is this machine (app schemes such as `myapp://` are
/// allowed).
pub fn redirect_url(s: &str) -> Option<String> {
    let shown = quote(s);
    let Ok(url) = url::Url::parse(s) else {
        return Some(format!("{shown} is not an absolute URL"));
    };
    if url.fragment().is_some() {
        return Some(format!("{shown} may not have a fragment (#...)"));
    }
    let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if url.scheme() == "http" && !loopback {
        return Some(format!(
            "{shown} must use https (http is allowed only for localhost, 127.0.0.1 and [::1])"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failures(pairs: &[(&str, Value)]) -> Vec<String> {
        let map: PropertyMap = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let mut out = Findings::default();
        check(&map, &mut out);
        out.failures.into_iter().map(|f| f.property).collect()
    }

    fn obj(pairs: &[(&str, Value)]) -> Value {
        Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    fn s(v: &str) -> Value {
        Value::string(v)
    }

    fn l(v: &[&str]) -> Value {
        Value::strings(v)
    }

    #[test]
    fn a_built_in_provider_in_the_wrong_case_is_a_warning() {
        let warned = |providers: &[&str]| {
            let map: PropertyMap = [("supportedIdentityProviders".to_string(), l(providers))]
                .into_iter()
                .collect();
            let mut out = Findings::default();
            check(&map, &mut out);
            assert!(out.failures.is_empty(), "{out:?}");
            out.warnings
        };
        let w = warned(&["cognito"]);
        assert_eq!(w.len(), 1);
        assert!(
            w[0].contains("`COGNITO`") && w[0].contains("case-sensitive"),
            "{w:?}"
        );
        assert!(warned(&["COGNITO", "MySaml"]).is_empty());
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
        for (name, pairs, want) in cases {
            assert_eq!(failures(&pairs), want, "case {name}");
        }
    }

    #[test]
    fn rules_involving_unknowns_are_skipped() {
        let cases: Vec<Vec<(&str, Value)>> = vec![
            vec![
                ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
                ("defaultRedirectUri", s("https://b")),
                ("callbackUrls", Value::Unknown),
            ],
            vec![
                ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
                ("allowedOAuthFlows", l(&["client_credentials"])),
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
}
