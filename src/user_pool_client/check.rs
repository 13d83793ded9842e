//! Check: validates the program's inputs against the property table and fills in the client
//! name when the user gave none.

use sha2::{Digest, Sha256};

use super::properties::{CLIENT_NAME, MODEL_OPERATION, PROPERTIES, USER_POOL_ID};
use super::rules;
use crate::cognito::model;
use crate::resource::validate::{self, Findings};
use crate::resource::{AutonamingMode, CheckFailure, CheckRequest, CheckResponse};
use crate::value::Value;

const NAME_MAX: usize = 128;
const SUFFIX_LEN: usize = 7;

pub fn check(req: &CheckRequest) -> CheckResponse {
    let mut found = Findings::default();
    let mut news = req.news.clone();
    if news.get(CLIENT_NAME).is_none_or(Value::is_null) {
        match client_name(req) {
            Ok(name) => {
                news.insert(CLIENT_NAME.into(), name);
            }
            Err(reason) => found.failures.push(CheckFailure::new(CLIENT_NAME, reason)),
        }
    }
    let api = match model::model() {
        Ok(_) => model::input(MODEL_OPERATION),
        Err(e) => {
            // Only a broken build gets here (a test parses the model): refuse rather than pass
            // values unchecked.
            found.failures.push(CheckFailure::new(
                USER_POOL_ID,
                format!("the provider cannot read its Cognito API model ({e}); this is a bug in pulumi-resource-cognito"),
            ));
            None
        }
    };
    // A chosen name goes through the same rules as a name the user wrote.
    let inputs = validate::object(PROPERTIES, api, &news, "", &mut found);
    rules::check(&inputs, &mut found);
    CheckResponse {
        inputs,
        failures: found.failures,
        warnings: found.warnings,
    }
}

/// The name for a client whose program gives none: the one it already has, else one from the
/// stack's autonaming configuration, else the resource name with a random suffix.
fn client_name(req: &CheckRequest) -> Result<Value, String> {
    // The engine's seed changes on every deployment, so a generated name must be carried over,
    // or every `pulumi up` would propose a new one.
    if let Some(old) = req.olds.get(CLIENT_NAME).filter(|v| !v.is_null()) {
        return Ok(old.clone());
    }
    let generated = || generate(&req.name, &req.random_seed);
    match &req.autonaming {
        None => Ok(Value::String(generated())),
        Some(a) => match a.mode {
            AutonamingMode::Disable => Err(format!(
                "`{CLIENT_NAME}` is required because autonaming is disabled for this stack"
            )),
            AutonamingMode::Enforce => Ok(Value::String(a.proposed_name.clone())),
            AutonamingMode::Propose if a.proposed_name.is_empty() => Ok(Value::String(generated())),
            AutonamingMode::Propose => Ok(Value::String(fit(&a.proposed_name, NAME_MAX))),
        },
    }
}

/// `<resource name>-<7 hex characters>`: the suffix is derived from the engine's seed, so one
/// deployment always proposes the same name; the base is cut to fit Cognito's 128 characters
/// and its characters to Cognito's name pattern.
pub fn generate(resource_name: &str, seed: &[u8]) -> String {
    let digest = Sha256::new()
        .chain_update(seed)
        .chain_update(resource_name.as_bytes())
        .finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let base = fit(resource_name, NAME_MAX - 1 - SUFFIX_LEN);
    format!("{base}-{}", &hex[..SUFFIX_LEN])
}

/// Cuts `name` to `max` characters and replaces characters Cognito does not allow in a name:
/// its pattern's `\w` and `\s` are ASCII, so `é` or `²` become `-` too.
fn fit(name: &str, max: usize) -> String {
    name.chars()
        .take(max)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == ' ' || "+=,.@-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::Autonaming;

    fn request(news: &[(&str, Value)], olds: &[(&str, Value)]) -> CheckRequest {
        let map = crate::value::map_of;
        CheckRequest {
            urn: "urn:pulumi:dev::p::cognito:index:UserPoolClient::web".into(),
            name: "web".into(),
            olds: map(olds),
            news: map(news),
            random_seed: vec![7; 32],
            autonaming: None,
        }
    }

    fn pool() -> (&'static str, Value) {
        ("userPoolId", Value::string("us-east-1_abc123"))
    }

    /// Every row's own rules on the real table: a value that passes and one that fails, and
    /// the failure names the property path.
    #[test]
    fn each_property_rule_passes_and_fails_as_documented() {
        let obj = |pairs: &[(&str, Value)]| Value::Object(crate::value::map_of(pairs));
        let n = Value::Number;
        let s = Value::string;
        let many = |count: usize, f: &dyn Fn(usize) -> String| {
            Value::Array((0..count).map(|i| Value::String(f(i))).collect())
        };
        let oauth = ("allowedOAuthFlowsUserPoolClient", Value::Bool(true));
        type Case<'a> = (&'a str, Value, Value, &'a str);
        let cases: Vec<Case> = vec![
            (
                "userPoolId",
                s("us-east-1_Ab1"),
                s("us-east-1-Ab1"),
                "userPoolId",
            ),
            (
                "userPoolId",
                s(&format!("a_{}", "b".repeat(53))),
                s(&format!("a_{}", "b".repeat(54))),
                "userPoolId",
            ),
            ("clientName", s("web app.v2@x"), s("web/app"), "clientName"),
            (
                "clientName",
                s(&"a".repeat(128)),
                s(&"a".repeat(129)),
                "clientName",
            ),
            ("clientName", s("tab\tand space"), s("Café"), "clientName"),
            (
                "authSessionValidity",
                n(15.0),
                n(16.0),
                "authSessionValidity",
            ),
            ("authSessionValidity", n(3.0), n(2.0), "authSessionValidity"),
            (
                "preventUserExistenceErrors",
                s("ENABLED"),
                s("ENABLE"),
                "preventUserExistenceErrors",
            ),
            (
                "explicitAuthFlows",
                Value::strings(&["ALLOW_USER_AUTH"]),
                Value::strings(&["ALLOW_USER_AUT"]),
                "explicitAuthFlows[0]",
            ),
            (
                "explicitAuthFlows",
                Value::strings(&[
                    "ALLOW_TOKEN_EXCHANGE_DELEGATION",
                    "ALLOW_TOKEN_EXCHANGE_IMPERSONATION",
                    "ALLOW_USER_SRP_AUTH",
                    "ALLOW_USER_SRP_AUTH",
                ]),
                Value::strings(&["ALLOW_USER_SRP_AUTH", "ALLOW_user_SRP_AUTH"]),
                "explicitAuthFlows[1]",
            ),
            (
                "callbackUrls",
                many(100, &|i| format!("https://a/{i}")),
                many(101, &|i| format!("https://a/{i}")),
                "callbackUrls",
            ),
            (
                "callbackUrls",
                Value::strings(&["myapp://cb"]),
                Value::strings(&["http://example.com/cb"]),
                "callbackUrls[0]",
            ),
            (
                "logoutUrls",
                Value::strings(&["http://example.com/bye#done"]),
                Value::strings(&["https://a/sign out"]),
                "logoutUrls[0]",
            ),
            (
                "callbackUrls",
                Value::strings(&["https://a.example.com/cb"]),
                Value::strings(&["https://a.example.com/cb\n"]),
                "callbackUrls[0]",
            ),
            (
                "callbackUrls",
                Value::strings(&["http://127.0.0.1:8080/cb", "http://[::1]/cb"]),
                Value::strings(&["https://a.example.com/sign in"]),
                "callbackUrls[0]",
            ),
            (
                "allowedOAuthScopes",
                Value::strings(&["orders/read", "openid"]),
                Value::strings(&["say \"hi\""]),
                "allowedOAuthScopes[0]",
            ),
            (
                "readAttributes",
                Value::strings(&["email", "custom:tier"]),
                Value::strings(&[""]),
                "readAttributes[0]",
            ),
            (
                "supportedIdentityProviders",
                Value::strings(&["My SAML IdP"]),
                Value::strings(&["bell\u{7}"]),
                "supportedIdentityProviders[0]",
            ),
            (
                "analyticsConfiguration",
                obj(&[
                    ("applicationId", s("0123abcdEF")),
                    ("roleArn", s("arn:aws:iam::123456789012:role/pinpoint")),
                ]),
                obj(&[
                    ("applicationId", s("not-hex")),
                    ("roleArn", s("arn:aws:iam::123456789012:role/pinpoint")),
                ]),
                "analyticsConfiguration.applicationId",
            ),
            (
                "analyticsConfiguration",
                obj(&[
                    ("applicationId", s("0123abcd")),
                    ("roleArn", s("arn:aws:iam::123456789012:role/pinpoint")),
                    ("externalId", s("ext")),
                ]),
                obj(&[
                    ("applicationId", s("0123abcd")),
                    ("roleArn", s("role pinpoint, not an ARN")),
                ]),
                "analyticsConfiguration.roleArn",
            ),
            (
                "allowedOAuthScopes",
                many(50, &|i| format!("s{i}")),
                many(51, &|i| format!("s{i}")),
                "allowedOAuthScopes",
            ),
            (
                "allowedOAuthScopes",
                Value::strings(&[&"s".repeat(256)]),
                Value::strings(&[&"s".repeat(257)]),
                "allowedOAuthScopes[0]",
            ),
            (
                "allowedOAuthFlows",
                Value::strings(&["code"]),
                Value::strings(&["codes"]),
                "allowedOAuthFlows[0]",
            ),
            (
                "supportedIdentityProviders",
                Value::strings(&[&"p".repeat(32)]),
                Value::strings(&[&"p".repeat(33)]),
                "supportedIdentityProviders[0]",
            ),
            (
                "tokenValidityUnits",
                obj(&[("accessToken", s("seconds"))]),
                obj(&[("accessToken", s("hour"))]),
                "tokenValidityUnits.accessToken",
            ),
            (
                "refreshTokenRotation",
                obj(&[("feature", s("DISABLED"))]),
                obj(&[("feature", s("ENABLE"))]),
                "refreshTokenRotation.feature",
            ),
            (
                "refreshTokenRotation",
                obj(&[
                    ("feature", s("DISABLED")),
                    ("retryGracePeriodSeconds", n(60.0)),
                ]),
                obj(&[
                    ("feature", s("DISABLED")),
                    ("retryGracePeriodSeconds", n(61.0)),
                ]),
                "refreshTokenRotation.retryGracePeriodSeconds",
            ),
            (
                "refreshTokenRotation",
                obj(&[("feature", s("DISABLED"))]),
                obj(&[("retryGracePeriodSeconds", n(1.0))]),
                "refreshTokenRotation.feature",
            ),
            (
                "analyticsConfiguration",
                obj(&[(
                    "applicationArn",
                    s("arn:aws:mobiletargeting:us-east-1:1:apps/a"),
                )]),
                obj(&[("applicationArn", s("arn:short"))]),
                "analyticsConfiguration.applicationArn",
            ),
            (
                "defaultRedirectUri",
                s("https://a/0"),
                s("https://a/#0"),
                "defaultRedirectUri",
            ),
            (
                "generateSecret",
                Value::Bool(true),
                s("yes"),
                "generateSecret",
            ),
        ];
        for (name, good, bad, path) in cases {
            let with = |v: &Value| {
                let mut news = vec![pool(), oauth.clone(), (name, v.clone())];
                if name == "defaultRedirectUri" {
                    news.push((
                        "callbackUrls",
                        Value::strings(&["https://a/0", "https://a/#0"]),
                    ));
                }
                check(&request(&news, &[])).failures
            };
            let passed = with(&good);
            assert!(
                passed.iter().all(|f| !f.property.starts_with(name)),
                "{name} = {good:?}: {passed:?}"
            );
            let failed = with(&bad);
            assert!(
                failed.iter().any(|f| f.property == path),
                "{name} = {bad:?} should fail at {path}: {failed:?}"
            );
        }
    }

    #[test]
    fn user_pool_id_is_required() {
        let res = check(&request(&[], &[]));
        assert_eq!(res.failures.len(), 1);
        assert_eq!(res.failures[0].property, "userPoolId");
    }

    #[test]
    fn a_missing_name_is_generated_from_the_resource_name_and_seed() {
        let res = check(&request(&[pool()], &[]));
        assert!(res.failures.is_empty(), "{:?}", res.failures);
        let name = res.inputs[CLIENT_NAME]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(name.starts_with("web-") && name.len() == 11, "{name}");
        assert_eq!(
            check(&request(&[pool()], &[])).inputs[CLIENT_NAME].as_str(),
            Some(name.as_str())
        );
        let mut other_seed = request(&[pool()], &[]);
        other_seed.random_seed = vec![8; 32];
        assert_ne!(
            check(&other_seed).inputs[CLIENT_NAME].as_str(),
            Some(name.as_str())
        );
    }

    #[test]
    fn the_previous_name_is_kept_when_the_program_gives_none() {
        let res = check(&request(
            &[pool()],
            &[(CLIENT_NAME, Value::string("web-1234567"))],
        ));
        assert_eq!(res.inputs[CLIENT_NAME], Value::string("web-1234567"));
    }

    #[test]
    fn the_users_name_wins() {
        let res = check(&request(
            &[pool(), (CLIENT_NAME, Value::string("mine"))],
            &[(CLIENT_NAME, Value::string("web-1234567"))],
        ));
        assert_eq!(res.inputs[CLIENT_NAME], Value::string("mine"));
    }

    #[test]
    fn generated_names_fit_cognitos_length_and_pattern() {
        let long = "a/b:".repeat(100);
        let name = generate(&long, &[1; 32]);
        assert_eq!(name.chars().count(), 128);
        assert!(model::valid("ClientNameType", &name), "{name}");
        let unusual = generate("Café²-web", &[1; 32]);
        assert!(model::valid("ClientNameType", &unusual), "{unusual}");
    }

    #[test]
    fn autonaming_modes_are_honoured() {
        let mut req = request(&[pool()], &[]);
        let mode = |req: &mut CheckRequest, mode| {
            req.autonaming = Some(Autonaming {
                proposed_name: "dev-web-x".into(),
                mode,
            });
            check(req)
        };
        assert_eq!(
            mode(&mut req, AutonamingMode::Propose).inputs[CLIENT_NAME],
            Value::string("dev-web-x")
        );
        assert_eq!(
            mode(&mut req, AutonamingMode::Enforce).inputs[CLIENT_NAME],
            Value::string("dev-web-x")
        );
        let disabled = mode(&mut req, AutonamingMode::Disable);
        assert_eq!(disabled.failures[0].property, CLIENT_NAME);
        assert!(!disabled.inputs.contains_key(CLIENT_NAME));
    }

    #[test]
    fn an_enforced_name_that_breaks_the_pattern_fails() {
        let mut req = request(&[pool()], &[]);
        req.autonaming = Some(Autonaming {
            proposed_name: "bad/name".into(),
            mode: AutonamingMode::Enforce,
        });
        let res = check(&req);
        assert_eq!(res.failures.len(), 1, "{:?}", res.failures);
        assert_eq!(res.failures[0].property, CLIENT_NAME);
        assert!(
            res.failures[0].reason.contains("\"bad/name\""),
            "{:?}",
            res.failures
        );
    }

    /// A value outside a closed set is refused in the property's own words: its path, the
    /// values it takes, never the schema's or the model's type names ("a OAuthFlow value").
    #[test]
    fn closed_set_failures_name_the_property_not_a_type() {
        let obj = |pairs: &[(&str, Value)]| Value::Object(crate::value::map_of(pairs));
        let cases = [
            (
                "allowedOAuthFlows",
                Value::strings(&["codee"]),
                "`allowedOAuthFlows[0]`",
                "code, implicit, client_credentials",
            ),
            (
                "explicitAuthFlows",
                Value::strings(&["ALLOW_USER_AUT"]),
                "`explicitAuthFlows[0]`",
                "ALLOW_USER_AUTH",
            ),
            (
                "preventUserExistenceErrors",
                Value::string("on"),
                "`preventUserExistenceErrors`",
                "ENABLED",
            ),
            (
                "tokenValidityUnits",
                obj(&[("accessToken", Value::string("hour"))]),
                "`tokenValidityUnits.accessToken`",
                "hours",
            ),
        ];
        let types: Vec<&str> = PROPERTIES
            .iter()
            .filter_map(|p| p.enum_type)
            .chain(["TimeUnit", "OAuthFlowType", "ExplicitAuthFlowsType"])
            .collect();
        for (name, value, path, lists) in cases {
            let res = check(&request(&[pool(), (name, value)], &[]));
            let reasons: Vec<&str> = res.failures.iter().map(|f| f.reason.as_str()).collect();
            let Some(reason) = reasons.iter().find(|r| r.contains(path)) else {
                panic!("no failure names {path}: {reasons:?}");
            };
            assert!(
                reason.contains("must be one of") && reason.contains(lists),
                "{reason}"
            );
            // As a word of its own: `allowedOAuthFlows` contains `OAuthFlow`.
            let words: Vec<&str> = reason
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .collect();
            for ty in &types {
                assert!(!words.contains(ty), "{reason} names the type {ty}");
            }
            for vowel in ['A', 'E', 'I', 'O', 'U'] {
                assert!(!reason.contains(&format!(" a {vowel}")), "{reason}");
            }
        }
    }
}
