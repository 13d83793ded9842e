//! From Cognito's description of a client to Pulumi state: the live values (`flatten`), the
//! outputs recorded after Create, Update and Read, and the inputs Read reconstructs for
//! refresh and import.
//!
//! Cognito reports defaults the user never set and may reorder lists. A live value that means
//! the same as the user's input keeps the input's form (order, secrecy), and a default the user
//! never set is not adopted as an input, so refresh shows only real drift.

use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;
use aws_smithy_types::date_time::Format;

use super::properties::{
    CLIENT_NAME, CLIENT_SECRET, CLIENT_SECRET_IDS, GENERATE_SECRET, NAME, PROPERTIES,
};
use super::tokens;
use crate::resource::table::Property;
use crate::value::{PropertyMap, Value};

/// Every value Cognito reports for the client, under the table's names.
pub fn flatten(c: &UserPoolClientType) -> PropertyMap {
    let mut m = PropertyMap::new();
    let mut put = |name: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(name.to_string(), v);
        }
    };
    let text = |s: Option<&str>| s.map(Value::string);
    let list = |items: &[String]| (!items.is_empty()).then(|| Value::strings(items));
    let num = |n: Option<i32>| n.map(|n| Value::Number(f64::from(n)));
    let enums = |items: Vec<&str>| (!items.is_empty()).then(|| Value::strings(&items));

    put("userPoolId", text(c.user_pool_id()));
    put(CLIENT_NAME, text(c.client_name()));
    put(NAME, text(c.client_name()));
    put("clientId", text(c.client_id()));
    put(CLIENT_SECRET, text(c.client_secret()));
    put(
        GENERATE_SECRET,
        Some(Value::Bool(c.client_secret().is_some())),
    );
    // The SDK reads an absent validity as 0, which Cognito itself treats as its default.
    put(
        "refreshTokenValidity",
        num(Some(c.refresh_token_validity()).filter(|n| *n != 0)),
    );
    put("accessTokenValidity", num(c.access_token_validity()));
    put("idTokenValidity", num(c.id_token_validity()));
    put(
        "tokenValidityUnits",
        c.token_validity_units().map(|u| {
            object(&[
                ("accessToken", text(u.access_token().map(|t| t.as_str()))),
                ("idToken", text(u.id_token().map(|t| t.as_str()))),
                ("refreshToken", text(u.refresh_token().map(|t| t.as_str()))),
            ])
        }),
    );
    put("readAttributes", list(c.read_attributes()));
    put("writeAttributes", list(c.write_attributes()));
    put(
        "explicitAuthFlows",
        enums(c.explicit_auth_flows().iter().map(|f| f.as_str()).collect()),
    );
    put(
        "supportedIdentityProviders",
        list(c.supported_identity_providers()),
    );
    put("callbackUrls", list(c.callback_urls()));
    put("logoutUrls", list(c.logout_urls()));
    put(
        "defaultRedirectUri",
        text(c.default_redirect_uri()).filter(|v| v.as_str() != Some("")),
    );
    put(
        "allowedOAuthFlows",
        enums(
            c.allowed_o_auth_flows()
                .iter()
                .map(|f| f.as_str())
                .collect(),
        ),
    );
    put("allowedOAuthScopes", list(c.allowed_o_auth_scopes()));
    put(
        "allowedOAuthFlowsUserPoolClient",
        c.allowed_o_auth_flows_user_pool_client().map(Value::Bool),
    );
    put(
        "analyticsConfiguration",
        c.analytics_configuration().map(|a| {
            object(&[
                ("applicationArn", text(a.application_arn())),
                ("applicationId", text(a.application_id())),
                ("externalId", text(a.external_id())),
                ("roleArn", text(a.role_arn())),
                ("userDataShared", Some(Value::Bool(a.user_data_shared()))),
            ])
        }),
    );
    put(
        "preventUserExistenceErrors",
        text(c.prevent_user_existence_errors().map(|p| p.as_str())),
    );
    put(
        "enableTokenRevocation",
        c.enable_token_revocation().map(Value::Bool),
    );
    put(
        "enablePropagateAdditionalUserContextData",
        c.enable_propagate_additional_user_context_data()
            .map(Value::Bool),
    );
    put("authSessionValidity", num(c.auth_session_validity()));
    put(
        "refreshTokenRotation",
        c.refresh_token_rotation().map(|r| {
            object(&[
                ("feature", Some(Value::string(r.feature().as_str()))),
                (
                    "retryGracePeriodSeconds",
                    num(r.retry_grace_period_seconds()),
                ),
            ])
        }),
    );
    let date = |d: Option<&aws_smithy_types::DateTime>| {
        d.and_then(|d| d.fmt(Format::DateTime).ok())
            .map(Value::String)
    };
    put("creationDate", date(c.creation_date()));
    put("lastModifiedDate", date(c.last_modified_date()));
    m
}

fn object(fields: &[(&str, Option<Value>)]) -> Value {
    Value::Object(
        fields
            .iter()
            .filter_map(|(k, v)| Some((k.to_string(), v.clone()?)))
            .collect(),
    )
}

/// The ids of the client's secrets the state holds as its own (`clientSecretIds`), oldest
/// first; none when the state records none.
pub fn owned_secrets(outputs: &PropertyMap) -> Vec<String> {
    outputs
        .get(CLIENT_SECRET_IDS)
        .and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The outputs to record: every live value, in the form of the matching input when the two
/// mean the same; the client secret always secret, and any output echoing a secret input too.
pub fn outputs(live: &PropertyMap, inputs: &PropertyMap) -> PropertyMap {
    let mut out = PropertyMap::new();
    for prop in PROPERTIES {
        let input = inputs.get(prop.name);
        let value = match (live.get(prop.name), input) {
            (l, Some(i)) if prop.is_input() && prop.same(l, Some(i)) => i.clone(),
            (Some(l), i) => l.clone().secret_if(i.is_some_and(Value::contains_secret)),
            (None, _) => continue,
        };
        out.insert(prop.name.to_string(), value);
    }
    // A secret the program brings is the client's secret as far as the state goes (Cognito may
    // report another of its secrets); always a secret.
    let secret = inputs
        .get(CLIENT_SECRET)
        .filter(|v| !v.is_null())
        .cloned()
        .or_else(|| out.remove(CLIENT_SECRET));
    if let Some(secret) = secret {
        out.insert(CLIENT_SECRET.into(), secret.secret_if(true));
    }
    if inputs.get(CLIENT_NAME).is_some_and(Value::contains_secret)
        && let Some(name) = out.remove(NAME)
    {
        out.insert(NAME.into(), name.secret_if(true));
    }
    with_every_output(out)
}

/// Every output the schema declares, null where the client has none (no secret, no
/// analytics): a program that reads an absent output would see it unknown at every preview,
/// even one that changes nothing, since an SDK takes a missing output for one not yet known.
pub fn with_every_output(mut out: PropertyMap) -> PropertyMap {
    for prop in PROPERTIES {
        out.entry(prop.name.to_string()).or_insert(Value::Null);
    }
    out
}

/// The inputs that describe the live client, as Check would return them. With the old inputs
/// (refresh), properties the user set follow the live values, and properties the user left
/// out appear only when Cognito reports something other than its default (real drift).
/// Without them (import), only non-default values are adopted; `generateSecret` comes from
/// the presence of a secret.
pub fn inputs(live: &PropertyMap, old_inputs: Option<&PropertyMap>) -> PropertyMap {
    let mut out = PropertyMap::new();
    let brought = old_inputs
        .and_then(|o| o.get(CLIENT_SECRET))
        .filter(|v| !v.is_null());
    for prop in PROPERTIES.iter().filter(|p| p.is_input()) {
        if tokens::TOKENS.iter().any(|t| t.validity == prop.name) || prop.name == tokens::UNITS {
            continue;
        }
        // The secret is never adopted from Cognito: a program's own stays as written (a
        // rotation by another path is no drift), and an import leaves it to the program.
        if prop.name == CLIENT_SECRET {
            if let Some(secret) = brought {
                out.insert(CLIENT_SECRET.into(), secret.clone());
            }
            continue;
        }
        // With a secret of its own, the client's live "has a secret" is what the program says.
        if prop.name == GENERATE_SECRET && brought.is_some() {
            if let Some(old) = old_inputs.and_then(|o| o.get(GENERATE_SECRET)) {
                out.insert(GENERATE_SECRET.into(), old.clone());
            }
            continue;
        }
        let old = old_inputs.and_then(|o| o.get(prop.name));
        if let Some(value) = input(prop, live.get(prop.name), old) {
            out.insert(prop.name.to_string(), value);
        }
    }
    lifetimes(live, old_inputs, &mut out);
    out
}

/// Token lifetimes, token by token, compared as durations. One that lasts as long as the old
/// inputs say (or, on import, as Cognito's default) keeps the old form, however Cognito writes
/// it; one that differs is adopted as Cognito reports it, number and unit, so that 1 day set
/// in the console never passes for the default hour.
fn lifetimes(live: &PropertyMap, old_inputs: Option<&PropertyMap>, out: &mut PropertyMap) {
    let none = PropertyMap::new();
    let old = old_inputs.unwrap_or(&none);
    let mut units = PropertyMap::new();
    for token in &tokens::TOKENS {
        let (validity, unit) = if token.same_in(old, live) {
            (old.get(token.validity), token.written_unit(old))
        } else {
            (live.get(token.validity), token.written_unit(live))
        };
        // A changed value keeps the secrecy of the input it replaces.
        let secret = |name: &str| old.get(name).is_some_and(Value::contains_secret);
        if let Some(v) = validity {
            out.insert(
                token.validity.into(),
                v.clone().secret_if(secret(token.validity)),
            );
        }
        if let Some(u) = unit {
            units.insert(
                token.unit_field.into(),
                u.clone().secret_if(secret(tokens::UNITS)),
            );
        }
    }
    if !units.is_empty() {
        out.insert(tokens::UNITS.into(), Value::Object(units));
    }
}

fn input(prop: &Property, live: Option<&Value>, old: Option<&Value>) -> Option<Value> {
    let live = live.map(|l| as_written(prop, l));
    let live = live.as_ref();
    match old {
        Some(old) if prop.same(live, Some(old)) => Some(old.clone()),
        Some(old) => live.cloned().map(|l| l.secret_if(old.contains_secret())),
        None => prop.normalized(live).and(live.cloned()),
    }
}

/// A live value as a program writes it, so that what import and refresh adopt passes Check. A
/// client that publishes analytics to a Pinpoint project by its ARN gives `applicationArn`
/// alone (the API Reference's AnalyticsConfigurationType: the ARN form needs no role, id or
/// external id), and Cognito fills in the role (its service-linked role): what it fills is not
/// the program's.
fn as_written(prop: &Property, live: &Value) -> Value {
    if prop.name != "analyticsConfiguration" {
        return live.clone();
    }
    match live.reveal() {
        (Value::Object(fields), secret) if fields.contains_key("applicationArn") => {
            let kept: PropertyMap = fields
                .iter()
                .filter(|(k, _)| matches!(k.as_str(), "applicationArn" | "userDataShared"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Value::Object(kept).secret_if(secret)
        }
        _ => live.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cognitoidentityprovider::types::{
        ExplicitAuthFlowsType, TimeUnitsType, TokenValidityUnitsType,
    };

    fn minimal() -> aws_sdk_cognitoidentityprovider::types::builders::UserPoolClientTypeBuilder {
        // What moto and Cognito report for a client created with only a name.
        UserPoolClientType::builder()
            .user_pool_id("us-east-1_p1")
            .client_name("web")
            .client_id("c1")
            .refresh_token_validity(30)
            .allowed_o_auth_flows_user_pool_client(false)
            .enable_token_revocation(true)
            .enable_propagate_additional_user_context_data(false)
            .auth_session_validity(3)
            .token_validity_units(TokenValidityUnitsType::builder().build())
    }

    use crate::value::map_of as map;

    #[test]
    fn import_of_a_minimal_client_adopts_no_defaults() {
        let got = inputs(&flatten(&minimal().build()), None);
        assert_eq!(
            got,
            map(&[
                ("userPoolId", Value::string("us-east-1_p1")),
                (CLIENT_NAME, Value::string("web"))
            ])
        );
    }

    #[test]
    fn what_import_adopts_of_each_analytics_form_passes_check_and_refresh_keeps_it() {
        use aws_sdk_cognitoidentityprovider::types::AnalyticsConfigurationType as Analytics;
        let service_role = "arn:aws:iam::123456789012:role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp";
        let project =
            "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef";
        let own_role = "arn:aws:iam::123456789012:role/pinpoint-events";
        let forms = [
            // The ARN form, as Cognito reports it: with the role it filled in.
            Analytics::builder()
                .application_arn(project)
                .role_arn(service_role)
                .user_data_shared(true)
                .build(),
            Analytics::builder()
                .application_id("0123456789abcdef0123456789abcdef")
                .role_arn(own_role)
                .build(),
            Analytics::builder()
                .application_id("0123456789abcdef0123456789abcdef")
                .role_arn(own_role)
                .external_id("tenant-7")
                .build(),
        ];
        for form in forms {
            let live = flatten(&minimal().analytics_configuration(form.clone()).build());
            let adopted = inputs(&live, None);
            let checked = super::super::check(&crate::resource::CheckRequest {
                name: "web".into(),
                news: adopted.clone(),
                ..Default::default()
            });
            assert!(
                checked.failures.is_empty(),
                "{form:?}: {:?}",
                checked.failures
            );
            // Refreshed against what the import wrote: no drift.
            assert_eq!(inputs(&live, Some(&adopted)), adopted, "{form:?}");
        }
    }

    #[test]
    fn import_restores_generate_secret_from_the_secret() {
        let client = minimal().client_secret("s3cr3t").build();
        let got = inputs(&flatten(&client), None);
        assert_eq!(got[GENERATE_SECRET], Value::Bool(true));
        assert!(!got.contains_key(CLIENT_SECRET) && !got.contains_key("clientId"));
    }

    #[test]
    fn refresh_keeps_the_users_order_and_secrecy_and_shows_real_drift() {
        let client = minimal()
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
            .auth_session_validity(5)
            .build();
        let old = map(&[
            (CLIENT_NAME, Value::string("web").secret_if(true)),
            (
                "explicitAuthFlows",
                Value::strings(&["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
            ),
        ]);
        let got = inputs(&flatten(&client), Some(&old));
        assert_eq!(got[CLIENT_NAME], old[CLIENT_NAME]);
        assert_eq!(got["explicitAuthFlows"], old["explicitAuthFlows"]);
        assert_eq!(
            got["authSessionValidity"],
            Value::Number(5.0),
            "changed outside Pulumi"
        );
    }

    #[test]
    fn defaults_the_provider_sent_explicitly_are_not_adopted() {
        let units = TokenValidityUnitsType::builder()
            .access_token(TimeUnitsType::Hours)
            .id_token(TimeUnitsType::Hours)
            .refresh_token(TimeUnitsType::Days)
            .build();
        let client = minimal()
            .access_token_validity(1)
            .id_token_validity(1)
            .token_validity_units(units)
            .prevent_user_existence_errors(
                aws_sdk_cognitoidentityprovider::types::PreventUserExistenceErrorTypes::Legacy,
            )
            .build();
        let old = map(&[
            ("userPoolId", Value::string("us-east-1_p1")),
            (CLIENT_NAME, Value::string("web")),
        ]);
        assert_eq!(inputs(&flatten(&client), Some(&old)), old, "refresh");
        assert_eq!(inputs(&flatten(&client), None), old, "import");
    }

    #[test]
    fn lifetimes_written_in_other_units_keep_the_programs_form() {
        let client = minimal()
            .access_token_validity(60)
            .token_validity_units(
                TokenValidityUnitsType::builder()
                    .access_token(TimeUnitsType::Minutes)
                    .build(),
            )
            .build();
        let old = map(&[
            (CLIENT_NAME, Value::string("web")),
            ("accessTokenValidity", Value::Number(1.0)),
        ]);
        let got = inputs(&flatten(&client), Some(&old));
        assert_eq!(got.get("accessTokenValidity"), Some(&Value::Number(1.0)));
        assert!(!got.contains_key("tokenValidityUnits"), "{got:?}");
    }

    #[test]
    fn a_lifetime_changed_to_one_day_in_the_console_is_drift_not_the_default() {
        let client = minimal()
            .access_token_validity(1)
            .token_validity_units(
                TokenValidityUnitsType::builder()
                    .access_token(TimeUnitsType::Days)
                    .id_token(TimeUnitsType::Hours)
                    .refresh_token(TimeUnitsType::Days)
                    .build(),
            )
            .build();
        let old = map(&[(CLIENT_NAME, Value::string("web"))]);
        for (what, old) in [("refresh", Some(&old)), ("import", None)] {
            let got = inputs(&flatten(&client), old);
            assert_eq!(
                got.get("accessTokenValidity"),
                Some(&Value::Number(1.0)),
                "{what}: {got:?}"
            );
            assert_eq!(
                got.get("tokenValidityUnits")
                    .and_then(Value::as_object)
                    .and_then(|u| u.get("accessToken")),
                Some(&Value::string("days")),
                "{what}: {got:?}"
            );
            assert!(!got.contains_key("idTokenValidity"), "{what}: {got:?}");
        }
    }

    #[test]
    fn a_removed_setting_disappears_from_refreshed_inputs() {
        let old = map(&[("callbackUrls", Value::strings(&["https://a"]))]);
        assert!(!inputs(&flatten(&minimal().build()), Some(&old)).contains_key("callbackUrls"));
    }

    #[test]
    fn outputs_wrap_the_secret_and_keep_input_forms() {
        let client = minimal()
            .client_secret("s3cr3t")
            .token_validity_units(
                TokenValidityUnitsType::builder()
                    .access_token(TimeUnitsType::Minutes)
                    .build(),
            )
            .build();
        let ins = map(&[
            (CLIENT_NAME, Value::string("web").secret_if(true)),
            (
                "tokenValidityUnits",
                Value::Object(map(&[("accessToken", Value::string("minutes"))])),
            ),
        ]);
        let out = outputs(&flatten(&client), &ins);
        assert_eq!(out[CLIENT_SECRET], Value::string("s3cr3t").secret_if(true));
        assert_eq!(out[NAME], Value::string("web").secret_if(true));
        assert_eq!(out[CLIENT_NAME], ins[CLIENT_NAME]);
        assert_eq!(out["clientId"], Value::string("c1"));
        assert_eq!(
            out["enableTokenRevocation"],
            Value::Bool(true),
            "live defaults are reported"
        );
    }
}
