//! The client's `ClientSettings` (see `cognito::settings`), built once from the checked inputs
//! and sent whole by both Create and Update.

use aws_sdk_cognitoidentityprovider::types::{
    AnalyticsConfigurationType, FeatureType, PreventUserExistenceErrorTypes,
    RefreshTokenRotationType, TimeUnitsType, TokenValidityUnitsType,
};

use super::properties::find;
use super::tokens::{TOKENS, Token, UNITS};
pub use crate::cognito::settings::ClientSettings;
use crate::error::Error;
use crate::resource::table::Shape;
use crate::value::{PropertyMap, Value};

/// Reads checked inputs. A property the user left out takes the value the table says Cognito
/// uses by default, sent explicitly: "removed from the program" then means "back to the
/// default" on every backend, whatever it does with omitted fields.
struct Reader<'a> {
    inputs: &'a PropertyMap,
}

impl Reader<'_> {
    fn get(&self, name: &str) -> Result<Option<Value>, Error> {
        let value = match self.inputs.get(name).map(Value::revealed) {
            Some(Value::Null) | None => default_of(name),
            other => other,
        };
        match value {
            Some(v) if v.contains_unknown() => Err(Error::InvalidRequest(format!(
                "`{name}` is not known yet; it cannot be sent to Cognito"
            ))),
            other => Ok(other),
        }
    }

    fn string(&self, name: &str) -> Result<Option<String>, Error> {
        self.get(name)?.map(|v| text(name, &v)).transpose()
    }

    fn int(&self, name: &str) -> Result<Option<i32>, Error> {
        self.get(name)?.map(|v| int(name, &v)).transpose()
    }

    fn bool(&self, name: &str) -> Result<Option<bool>, Error> {
        self.get(name)?
            .map(|v| v.as_bool().ok_or_else(|| wrong(name, "a boolean")))
            .transpose()
    }

    /// A list as the program gives it; a set's repeated values are sent once (the API model
    /// does not forbid repeats, and they mean nothing in a set).
    fn strings(&self, name: &str) -> Result<Option<Vec<String>>, Error> {
        let mut items = self.get(name)?.map(|v| strings(name, &v)).transpose()?;
        if let (Some(items), Some(Shape::StringSet)) = (&mut items, find(name).map(|p| p.shape)) {
            let mut seen = std::collections::HashSet::new();
            items.retain(|item| seen.insert(item.clone()));
        }
        Ok(items)
    }

    fn enums<T: for<'s> From<&'s str>>(&self, name: &str) -> Result<Option<Vec<T>>, Error> {
        Ok(self
            .strings(name)?
            .map(|items| items.iter().map(|s| T::from(s.as_str())).collect()))
    }

    fn object(&self, name: &str) -> Result<Option<PropertyMap>, Error> {
        self.get(name)?
            .map(|v| {
                v.as_object()
                    .cloned()
                    .ok_or_else(|| wrong(name, "an object"))
            })
            .transpose()
    }
}

fn default_of(name: &str) -> Option<Value> {
    find(name)?.default.sent_when_unset()
}

fn wrong(name: &str, expected: &str) -> Error {
    Error::InvalidRequest(format!("`{name}` must be {expected}"))
}

fn text(name: &str, v: &Value) -> Result<String, Error> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| wrong(name, "a string"))
}

fn int(name: &str, v: &Value) -> Result<i32, Error> {
    v.as_f64()
        .filter(|n| n.fract() == 0.0 && n.abs() <= f64::from(i32::MAX))
        .map(|n| n as i32)
        .ok_or_else(|| wrong(name, "a whole number"))
}

fn strings(name: &str, v: &Value) -> Result<Vec<String>, Error> {
    v.as_array()
        .ok_or_else(|| wrong(name, "a list of strings"))?
        .iter()
        .map(|item| text(name, item))
        .collect()
}

impl ClientSettings {
    pub fn from_inputs(inputs: &PropertyMap) -> Result<ClientSettings, Error> {
        let r = Reader { inputs };
        let client_name = r
            .string("clientName")?
            .ok_or_else(|| Error::InvalidRequest("`clientName` is missing".into()))?;
        // Units and lifetimes are sent even when unset, as Cognito's defaults, so that removing
        // them from a program restores the defaults on every backend.
        let unit_map = r.object(UNITS)?.unwrap_or_default();
        let unit = |t: &Token| {
            field(&unit_map, t.unit_field)
                .unwrap_or(t.default_unit)
                .to_string()
        };
        let validity = |t: &Token| -> Result<Option<i32>, Error> {
            Ok(r.int(t.validity)?.or_else(|| t.default_in(&unit(t))))
        };
        let [access, id, refresh] = &TOKENS;
        Ok(ClientSettings {
            client_name,
            refresh_token_validity: validity(refresh)?,
            access_token_validity: validity(access)?,
            id_token_validity: validity(id)?,
            token_validity_units: Some(
                TokenValidityUnitsType::builder()
                    .access_token(TimeUnitsType::from(unit(access).as_str()))
                    .id_token(TimeUnitsType::from(unit(id).as_str()))
                    .refresh_token(TimeUnitsType::from(unit(refresh).as_str()))
                    .build(),
            ),
            read_attributes: r.strings("readAttributes")?,
            write_attributes: r.strings("writeAttributes")?,
            explicit_auth_flows: r.enums("explicitAuthFlows")?,
            supported_identity_providers: r.strings("supportedIdentityProviders")?,
            callback_urls: r.strings("callbackUrls")?,
            logout_urls: r.strings("logoutUrls")?,
            default_redirect_uri: r.string("defaultRedirectUri")?,
            allowed_oauth_flows: r.enums("allowedOAuthFlows")?,
            allowed_oauth_scopes: r.strings("allowedOAuthScopes")?,
            allowed_oauth_flows_user_pool_client: r.bool("allowedOAuthFlowsUserPoolClient")?,
            analytics_configuration: r.object("analyticsConfiguration")?.map(|o| analytics(&o)),
            prevent_user_existence_errors: r
                .string("preventUserExistenceErrors")?
                .map(|s| PreventUserExistenceErrorTypes::from(s.as_str())),
            enable_token_revocation: r.bool("enableTokenRevocation")?,
            enable_propagate_additional_user_context_data: r
                .bool("enablePropagateAdditionalUserContextData")?,
            auth_session_validity: r.int("authSessionValidity")?,
            refresh_token_rotation: Some(rotation(r.object("refreshTokenRotation")?)?),
        })
    }
}

fn field<'a>(o: &'a PropertyMap, name: &str) -> Option<&'a str> {
    o.get(name).and_then(Value::as_str)
}

fn analytics(o: &PropertyMap) -> AnalyticsConfigurationType {
    let text = |name| field(o, name).map(str::to_string);
    AnalyticsConfigurationType::builder()
        .set_application_arn(text("applicationArn"))
        .set_application_id(text("applicationId"))
        .set_external_id(text("externalId"))
        .set_role_arn(text("roleArn"))
        .set_user_data_shared(o.get("userDataShared").and_then(Value::as_bool))
        .build()
}

/// Rotation is always sent: without it, removing the setting from a program would leave
/// rotation on (Cognito keeps an omitted rotation setting as it was on some API versions).
fn rotation(o: Option<PropertyMap>) -> Result<RefreshTokenRotationType, Error> {
    let o = o.unwrap_or_default();
    let grace = o
        .get("retryGracePeriodSeconds")
        .map(|v| int("refreshTokenRotation.retryGracePeriodSeconds", v))
        .transpose()?;
    RefreshTokenRotationType::builder()
        .feature(FeatureType::from(
            field(&o, "feature").unwrap_or("DISABLED"),
        ))
        .set_retry_grace_period_seconds(grace)
        .build()
        .map_err(|e| Error::Internal(format!("building the refresh token rotation setting: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::map_of as inputs;

    #[test]
    fn unset_properties_are_sent_as_cognitos_defaults() {
        let s = ClientSettings::from_inputs(&inputs(&[("clientName", Value::string("web"))]))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.enable_token_revocation, Some(true));
        assert_eq!(s.auth_session_validity, Some(3));
        assert_eq!(
            s.prevent_user_existence_errors,
            Some(PreventUserExistenceErrorTypes::Legacy)
        );
        assert_eq!(s.refresh_token_validity, Some(30));
        assert_eq!(s.access_token_validity, Some(1));
        assert_eq!(s.callback_urls, Some(vec![]), "a removed list is cleared");
        assert_eq!(
            s.explicit_auth_flows, None,
            "Cognito's default flows are not an empty list"
        );
        assert_eq!(
            s.refresh_token_rotation.map(|r| r.feature().clone()),
            Some(FeatureType::Disabled)
        );
    }

    #[test]
    fn default_lifetimes_are_sent_in_the_units_the_user_chose() {
        let units = Value::Object(
            [
                ("refreshToken".to_string(), Value::string("hours")),
                ("accessToken".to_string(), Value::string("days")),
            ]
            .into_iter()
            .collect(),
        );
        let s = ClientSettings::from_inputs(&inputs(&[
            ("clientName", Value::string("web")),
            ("tokenValidityUnits", units),
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.refresh_token_validity, Some(720), "30 days in hours");
        assert_eq!(
            s.access_token_validity, None,
            "1 hour is no whole number of days: left to Cognito"
        );
        let sent = s
            .token_validity_units
            .unwrap_or_else(|| panic!("units not sent"));
        assert_eq!(sent.id_token(), Some(&TimeUnitsType::Hours));
    }

    #[test]
    fn secrets_and_numbers_arrive_as_plain_values() {
        let s = ClientSettings::from_inputs(&inputs(&[
            ("clientName", Value::string("web").secret_if(true)),
            ("accessTokenValidity", Value::Number(60.0)),
            (
                "explicitAuthFlows",
                Value::strings(&["ALLOW_USER_SRP_AUTH"]),
            ),
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.client_name, "web");
        assert_eq!(s.access_token_validity, Some(60));
        assert_eq!(
            s.explicit_auth_flows,
            Some(vec![
                aws_sdk_cognitoidentityprovider::types::ExplicitAuthFlowsType::AllowUserSrpAuth
            ])
        );
    }

    #[test]
    fn an_unknown_value_is_never_sent() {
        let err = ClientSettings::from_inputs(&inputs(&[
            ("clientName", Value::string("web")),
            ("callbackUrls", Value::Array(vec![Value::Unknown])),
        ]));
        assert!(matches!(err, Err(Error::InvalidRequest(m)) if m.contains("callbackUrls")));
    }
}
