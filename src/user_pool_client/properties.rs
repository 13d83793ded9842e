//! The property table: the one place that says what each property of a user pool client is.
//!
//! Check, Diff, Read's normalisation, preview outputs and the schema all read these rows; none
//! keeps its own list. A row gives the Pulumi name, the Cognito API field, the shape, whether a
//! change replaces the client, whether the value is secret, the value Cognito uses when the
//! property is unset, and the rules Check enforces.

/// The resource's type token.
pub const TOKEN: &str = "cognito:index:UserPoolClient";

use crate::resource::table::{AwsDefault, PoolReference, Property, Rule, Shape};

/// The API operation whose request the table's rows describe: each row's `api` is a member of
/// its input, and the value constraints of that member (from Cognito's API model, see
/// `crate::cognito::model`) apply to the row. A nested object's rows are members of the member's
/// structure.
pub const MODEL_OPERATION: &str = "CreateUserPoolClient";

/// Members of the model's request that the provider does not offer, and why. A test fails
/// when the model gains one that is neither a row nor listed here.
pub const NOT_OFFERED: &[(&str, &str)] = &[(
    "PublishSecretsInAWSSecretsManager",
    "newer than aws-sdk-cognitoidentityprovider 1.144, which cannot send it",
)];

/// Callback and default redirect URLs: absolute, without a fragment, HTTPS unless on this
/// machine (the API Reference's rules for these two; logout URLs have only the model's).
const REDIRECT: &[Rule] = &[Rule::Check(super::redirect::redirect_url)];

pub const USER_POOL_ID: &str = "userPoolId";
pub const CLIENT_NAME: &str = "clientName";
pub const GENERATE_SECRET: &str = "generateSecret";
pub const CLIENT_ID: &str = "clientId";
pub const CLIENT_SECRET: &str = "clientSecret";
pub const NAME: &str = "name";
pub const CLIENT_SECRET_IDS: &str = "clientSecretIds";
pub const USER_POOL_ARN: &str = "userPoolArn";

pub static TOKEN_VALIDITY_UNITS: &[Property] = &[
    Property::new("accessToken", "AccessToken", Shape::String)
        .default(AwsDefault::String("hours"))
        .enum_type("TimeUnit")
        .doc("The unit of `accessTokenValidity`: seconds, minutes, hours (the default) or days."),
    Property::new("idToken", "IdToken", Shape::String)
        .default(AwsDefault::String("hours"))
        .enum_type("TimeUnit")
        .doc("The unit of `idTokenValidity`: seconds, minutes, hours (the default) or days."),
    Property::new("refreshToken", "RefreshToken", Shape::String)
        .default(AwsDefault::String("days"))
        .enum_type("TimeUnit")
        .doc("The unit of `refreshTokenValidity`: seconds, minutes, hours or days (the default)."),
];

pub static ANALYTICS_CONFIGURATION: &[Property] = &[
    Property::new("applicationArn", "ApplicationArn", Shape::String)
        .doc("The ARN of the Amazon Pinpoint project. When given, Cognito uses a service-linked role and `applicationId`, `roleArn` and `externalId` are not needed."),
    Property::new("applicationId", "ApplicationId", Shape::String)
        .doc("The id of the Amazon Pinpoint project, used together with `roleArn` (and optionally `externalId`)."),
    Property::new("externalId", "ExternalId", Shape::String)
        .doc("The external id of the role that Cognito assumes to publish to Amazon Pinpoint, if the role's trust policy asks for one."),
    Property::new("roleArn", "RoleArn", Shape::String)
        .default(AwsDefault::Computed)
        .doc("The ARN of an IAM role that lets Cognito publish events to Amazon Pinpoint."),
    Property::new("userDataShared", "UserDataShared", Shape::Boolean)
        .default(AwsDefault::Bool(false))
        .doc("Whether Cognito includes user data in the events it publishes to Amazon Pinpoint."),
];

pub static REFRESH_TOKEN_ROTATION: &[Property] = &[
    Property::new("feature", "Feature", Shape::String)
        .required()
        .default(AwsDefault::String("DISABLED"))
        .enum_type("RefreshTokenRotationFeature")
        .doc("ENABLED to issue a new refresh token on every refresh, DISABLED to keep the original one."),
    Property::new("retryGracePeriodSeconds", "RetryGracePeriodSeconds", Shape::Integer)
        .default(AwsDefault::Integer(0))
        .doc("How many seconds the previous refresh token stays valid after rotation."),
];

/// Token lifetimes are limited as durations (in the unit of `tokenValidityUnits`), which is
/// stricter than the model's bounds on the bare number (rules.rs checks them).
const ACCESS_ID_LIFETIME: &str =
    "the duration, in the unit of `tokenValidityUnits`, must be between 5 minutes and 1 day";
const REFRESH_LIFETIME: &str = "the duration, in the unit of `tokenValidityUnits.refreshToken`, must be between 60 minutes and 10 years (0 means Cognito's default)";

/// Every property of the resource, inputs first, in the order the schema lists them.
pub static PROPERTIES: &[Property] = &[
    Property::new(USER_POOL_ID, "UserPoolId", Shape::String)
        .required()
        .replace()
        .doc("The id of the user pool the client belongs to, such as `us-east-1_AbCdEf123`."),
    Property::new(CLIENT_NAME, "ClientName", Shape::String)
        .doc("The client's name: ASCII letters, digits, whitespace and `+=,.@-_`. When omitted, the provider names the client after the resource with a random suffix, and keeps that name on later updates."),
    Property::new(GENERATE_SECRET, "GenerateSecret", Shape::Boolean)
        .replace()
        .default(AwsDefault::Bool(false))
        .doc("Whether Cognito generates a client secret; false by default. Only settable at creation."),
    Property::new("refreshTokenValidity", "RefreshTokenValidity", Shape::Integer)
        .default(AwsDefault::Duration(30))
        .narrowed(REFRESH_LIFETIME)
        .doc("How long refresh tokens stay valid, in the unit of `tokenValidityUnits.refreshToken` (days unless set). Cognito's default is 30 days."),
    Property::new("accessTokenValidity", "AccessTokenValidity", Shape::Integer)
        .default(AwsDefault::Duration(1))
        .narrowed(ACCESS_ID_LIFETIME)
        .doc("How long access tokens stay valid, in the unit of `tokenValidityUnits.accessToken` (hours unless set). Cognito's default is 1 hour."),
    Property::new("idTokenValidity", "IdTokenValidity", Shape::Integer)
        .default(AwsDefault::Duration(1))
        .narrowed(ACCESS_ID_LIFETIME)
        .doc("How long ID tokens stay valid, in the unit of `tokenValidityUnits.idToken` (hours unless set). Cognito's default is 1 hour."),
    Property::new("tokenValidityUnits", "TokenValidityUnits", Shape::Object(TOKEN_VALIDITY_UNITS))
        .doc("The units of the three token validity settings."),
    Property::new("readAttributes", "ReadAttributes", Shape::StringSet)
        .refers_to(PoolReference::Attributes)
        .doc("The user attributes the client may read. When unset, it may read every standard attribute plus `email_verified` and `phone_number_verified`."),
    Property::new("writeAttributes", "WriteAttributes", Shape::StringSet)
        .refers_to(PoolReference::Attributes)
        .doc("The user attributes the client may write. When unset, it may write every standard attribute. Must include every attribute mapped from an identity provider."),
    Property::new("explicitAuthFlows", "ExplicitAuthFlows", Shape::StringSet)
        .enum_type("ExplicitAuthFlow")
        .doc("The authentication flows the client allows, such as `ALLOW_USER_SRP_AUTH` and `ALLOW_REFRESH_TOKEN_AUTH`. The legacy values (`ADMIN_NO_SRP_AUTH`, `CUSTOM_AUTH_FLOW_ONLY`, `USER_PASSWORD_AUTH`) cannot be mixed with `ALLOW_` values. When unset, Cognito allows `ALLOW_REFRESH_TOKEN_AUTH`, `ALLOW_USER_SRP_AUTH` and `ALLOW_CUSTOM_AUTH`. An `ALLOW_` value newer than the provider's API model is sent as written, with a warning at preview; any other value outside the model fails."),
    Property::new("supportedIdentityProviders", "SupportedIdentityProviders", Shape::StringSet)
        .refers_to(PoolReference::IdentityProviders)
        .default(AwsDefault::Empty)
        .doc("The identity providers users of this client may sign in with: `COGNITO`, `Facebook`, `Google`, `SignInWithApple`, `LoginWithAmazon`, or the names of the pool's SAML and OIDC providers."),
    Property::new("callbackUrls", "CallbackURLs", Shape::StringList)
        .default(AwsDefault::Empty)
        .rules(&[Rule::EachItem(REDIRECT)])
        .doc("The URLs Cognito may redirect to after sign-in. Each must be absolute, without a fragment, and HTTPS unless its host is `localhost`, `127.0.0.1` or `[::1]`; app schemes such as `myapp://callback` are allowed."),
    Property::new("logoutUrls", "LogoutURLs", Shape::StringList)
        .default(AwsDefault::Empty)
        .doc("The URLs Cognito may redirect to after sign-out."),
    Property::new("defaultRedirectUri", "DefaultRedirectURI", Shape::String)
        .rules(REDIRECT)
        .doc("The redirect URL used when a request names none; it must be one of `callbackUrls`, with the same rules."),
    Property::new("allowedOAuthFlows", "AllowedOAuthFlows", Shape::StringSet)
        .default(AwsDefault::Empty)
        .enum_type("OAuthFlow")
        .doc("The OAuth 2.0 grant types the client may use: `code`, `implicit` and `client_credentials`. `client_credentials` must be the only flow when present and needs `generateSecret`; `code` and `implicit` need at least one of `callbackUrls`."),
    Property::new("allowedOAuthScopes", "AllowedOAuthScopes", Shape::StringSet)
        .refers_to(PoolReference::Scopes)
        .default(AwsDefault::Empty)
        .doc("The OAuth scopes the client may request: `phone`, `email`, `openid`, `profile`, `aws.cognito.signin.user.admin`, or custom resource-server scopes (`<identifier>/<scope>`). With `client_credentials`, only resource-server scopes: that flow signs in no user."),
    Property::new("allowedOAuthFlowsUserPoolClient", "AllowedOAuthFlowsUserPoolClient", Shape::Boolean)
        .default(AwsDefault::Bool(false))
        .doc("Whether the client may use OAuth 2.0 features. Must be true to set OAuth flows, scopes, callback or logout URLs; when true, `allowedOAuthFlows` and `allowedOAuthScopes` are required."),
    Property::new("analyticsConfiguration", "AnalyticsConfiguration", Shape::Object(ANALYTICS_CONFIGURATION))
        .doc("Where Cognito publishes analytics events for this client (Amazon Pinpoint): either `applicationArn` alone, or `applicationId` with `roleArn` (and `externalId` when the role asks for one)."),
    Property::new("preventUserExistenceErrors", "PreventUserExistenceErrors", Shape::String)
        .default(AwsDefault::String("LEGACY"))
        .enum_type("PreventUserExistenceErrors")
        .doc("ENABLED to answer sign-in and recovery requests for unknown users with generic errors, LEGACY (the default) to say that the user does not exist."),
    Property::new("enableTokenRevocation", "EnableTokenRevocation", Shape::Boolean)
        .default(AwsDefault::Bool(true))
        .doc("Whether refresh tokens issued to this client can be revoked. On by default."),
    Property::new("enablePropagateAdditionalUserContextData", "EnablePropagateAdditionalUserContextData", Shape::Boolean)
        .default(AwsDefault::Bool(false))
        .doc("Whether the client may send the user's device and session data for threat protection. May be true only for a client with a secret."),
    Property::new("authSessionValidity", "AuthSessionValidity", Shape::Integer)
        .default(AwsDefault::Integer(3))
        .doc("How many minutes the session token of one authentication flow stays valid; 3 by default."),
    Property::new("refreshTokenRotation", "RefreshTokenRotation", Shape::Object(REFRESH_TOKEN_ROTATION))
        .doc("Refresh token rotation. Rotation cannot be combined with `ALLOW_REFRESH_TOKEN_AUTH` in `explicitAuthFlows`. Removing it turns rotation off."),
    Property::new(CLIENT_ID, "ClientId", Shape::String)
        .output()
        .doc("The id Cognito gave the client."),
    Property::new(CLIENT_SECRET, "ClientSecret", Shape::String)
        .secret()
        .rotated()
        .doc("Your own client secret, instead of one Cognito generates: leave out `generateSecret` (Cognito refuses both). Changing it rotates the secret in place: the new one is added, then the old one deleted, and the client id stays. As an output, always a secret: the client's secret, generated or yours; when `UserPoolClientSecret` resources add secrets to the client, the one Cognito reports for the client (its first), so use each resource's own `clientSecret` for the secret it manages."),
    Property::new(NAME, "ClientName", Shape::String)
        .output()
        .doc("The client's name as Cognito stores it."),
    Property::new("creationDate", "CreationDate", Shape::String)
        .output()
        .doc("When the client was created (ISO 8601)."),
    Property::new("lastModifiedDate", "LastModifiedDate", Shape::String)
        .output()
        .doc("When the client was last changed (ISO 8601)."),
    // The provider's own record: no Cognito field.
    Property::new(CLIENT_SECRET_IDS, "", Shape::StringList)
        .output()
        .doc("The ids of the client's secrets that this resource made or was given, oldest first; the last is the one `clientSecret` holds. A change of `clientSecret` deletes only these, never a secret that a `UserPoolClientSecret` or the console added. Two ids mean a rotation that has not finished: the next `pulumi up` finishes it. Empty when the client has no secret, or when the provider cannot tell which of the client's secrets is its own (a client made by an earlier release, or imported while it had two)."),
    Property::new(USER_POOL_ARN, "", Shape::String)
        .output()
        .doc("The user pool's ARN, naming the account and region it lives in, recorded when the provider made or imported the client and could learn the account of its credentials (sts:GetCallerIdentity, which needs no permission). Should the pool be deleted, this record is what lets the provider take the client for deleted, rather than for a client it is looking for in the wrong account."),
];

/// The input properties, in table order.
pub fn inputs() -> impl Iterator<Item = &'static Property> {
    PROPERTIES.iter().filter(|p| p.is_input())
}

pub fn find(name: &str) -> Option<&'static Property> {
    PROPERTIES.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_camel_case() {
        let mut seen = std::collections::BTreeSet::new();
        for p in PROPERTIES {
            assert!(seen.insert(p.name), "{} listed twice", p.name);
            assert!(
                p.name.starts_with(|c: char| c.is_ascii_lowercase()),
                "{}",
                p.name
            );
            assert!(!p.description.is_empty(), "{} has no description", p.name);
        }
    }

    use crate::resource::table::Update;

    #[test]
    fn only_user_pool_id_and_generate_secret_replace_and_the_secret_rotates() {
        let replacing: Vec<_> = PROPERTIES
            .iter()
            .filter(|p| p.update == Update::Replace)
            .map(|p| p.name)
            .collect();
        assert_eq!(replacing, [USER_POOL_ID, GENERATE_SECRET]);
        let rotated: Vec<_> = PROPERTIES
            .iter()
            .filter(|p| p.update == Update::Rotated)
            .map(|p| p.name)
            .collect();
        assert_eq!(rotated, [CLIENT_SECRET]);
    }

    #[test]
    fn only_the_client_secret_is_secret() {
        let secret: Vec<_> = PROPERTIES
            .iter()
            .filter(|p| p.secret)
            .map(|p| p.name)
            .collect();
        assert_eq!(secret, [CLIENT_SECRET]);
    }

    use crate::cognito::model::{ApiShape, Kind, Model};
    use crate::resource::table::Rule;

    fn kind_of(shape: Shape) -> Kind {
        match shape {
            Shape::String => Kind::String,
            Shape::Integer => Kind::Integer,
            Shape::Boolean => Kind::Boolean,
            Shape::StringSet | Shape::StringList | Shape::AnyList => Kind::List,
            Shape::Object(_) => Kind::Structure,
        }
    }

    /// Every input row against its member of the model's structure, recursively.
    fn agree(model: &Model, rows: &[Property], structure: &ApiShape, path: &str) {
        for row in rows.iter().filter(|r| r.is_input()) {
            let at = format!("{path}{}", row.name);
            let member = model.member(structure, row.api).unwrap_or_else(|| {
                panic!("{at}: {} is not a member of {}", row.api, structure.name)
            });
            assert_eq!(member.kind, kind_of(row.shape), "{at}: shape");
            let values = match member.kind {
                Kind::List => model
                    .item(member)
                    .map(|i| i.values.clone())
                    .unwrap_or_default(),
                _ => member.values.clone(),
            };
            assert_eq!(
                row.enum_type.is_some(),
                !values.is_empty(),
                "{at}: an enum type exactly where the model has a closed set"
            );
            // The model is the source of value constraints: a row restating or narrowing one
            // must say why (`narrowed`); only checks of meaning are the row's own.
            for rule in row.rules {
                let own = match rule {
                    Rule::Check(_) => true,
                    Rule::EachItem(inner) => inner.iter().all(|r| matches!(r, Rule::Check(_))),
                    _ => false,
                };
                assert!(own, "{at}: a value constraint outside the model: {rule:?}");
            }
            if let Shape::Object(fields) = row.shape {
                agree(model, fields, member, &format!("{at}."));
            }
        }
        for member in structure.members.keys() {
            let offered = rows.iter().any(|r| r.is_input() && r.api == member);
            let excused = path.is_empty() && NOT_OFFERED.iter().any(|(m, _)| m == member);
            assert!(
                offered || excused,
                "{path}{member}: in the model but neither a property nor in NOT_OFFERED"
            );
        }
    }

    #[test]
    fn the_table_agrees_with_cognitos_api_model() {
        let model = crate::cognito::model::model().unwrap_or_else(|e| panic!("{e}"));
        let create = model
            .input(MODEL_OPERATION)
            .unwrap_or_else(|| panic!("no {MODEL_OPERATION} in the model"));
        agree(model, PROPERTIES, create, "");
        // The update behaviour: in place exactly what UpdateUserPoolClient takes (the pool id
        // is in its request, but names the client rather than changing it).
        let update = model
            .input("UpdateUserPoolClient")
            .unwrap_or_else(|| panic!("no UpdateUserPoolClient"));
        for row in inputs() {
            let updatable = row.name != USER_POOL_ID && update.members.contains_key(row.api);
            assert_eq!(
                row.update == Update::InPlace,
                updatable,
                "{}: replace or update as UpdateUserPoolClient allows",
                row.name
            );
            if row.update == Update::Rotated {
                let add = model
                    .input("AddUserPoolClientSecret")
                    .unwrap_or_else(|| panic!("no AddUserPoolClientSecret"));
                assert!(
                    add.members.contains_key(row.api),
                    "{}: rotated by AddUserPoolClientSecret",
                    row.name
                );
            }
        }
        // What the API requires, the table requires, except the name, which Check generates.
        for required in &create.required {
            let row = inputs().find(|r| r.api == required);
            assert!(
                row.is_some_and(|r| r.required || r.name == CLIENT_NAME),
                "{required} is required by the API"
            );
        }
    }

    #[test]
    fn the_lookup_arguments_agree_with_the_model() {
        let model = crate::cognito::model::model().unwrap_or_else(|e| panic!("{e}"));
        let describe = model
            .input(crate::discovery::lookup::MODEL_OPERATION)
            .unwrap_or_else(|| panic!("no DescribeUserPoolClient"));
        // Rows without a Cognito field are the provider's own (`includeSecret`).
        for arg in crate::discovery::lookup::ARGUMENTS
            .iter()
            .filter(|a| !a.api.is_empty())
        {
            assert!(describe.members.contains_key(arg.api), "{}", arg.name);
        }
    }

    #[test]
    fn auth_flows_come_from_the_model_and_include_the_newer_ones() {
        let model = crate::cognito::model::model().unwrap_or_else(|e| panic!("{e}"));
        let flows = model
            .shape("ExplicitAuthFlowsType")
            .unwrap_or_else(|| panic!("no ExplicitAuthFlowsType"));
        assert!(
            flows
                .values
                .iter()
                .any(|v| v == "ALLOW_TOKEN_EXCHANGE_DELEGATION")
        );
    }
}
