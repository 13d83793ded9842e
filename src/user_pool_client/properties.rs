//! The property table: the one place that says what each property of a user pool client is.
//!
//! Check, Diff, Read's normalisation, preview outputs and the schema all read these rows; none
//! keeps its own list. A row gives the Pulumi name, the Cognito API field, the shape, whether a
//! change replaces the client, whether the value is secret, the value Cognito uses when the
//! property is unset, and the rules Check enforces.

use aws_sdk_cognitoidentityprovider::types::{
    ExplicitAuthFlowsType, FeatureType, OAuthFlowType, PreventUserExistenceErrorTypes,
    TimeUnitsType,
};

/// The resource's type token.
pub const TOKEN: &str = "cognito:index:UserPoolClient";

use crate::table::{AwsDefault, Property, Rule, Shape};

fn explicit_auth_flows() -> &'static [&'static str] {
    ExplicitAuthFlowsType::values()
}
fn oauth_flows() -> &'static [&'static str] {
    OAuthFlowType::values()
}
fn prevent_user_existence_errors() -> &'static [&'static str] {
    PreventUserExistenceErrorTypes::values()
}
fn time_units() -> &'static [&'static str] {
    TimeUnitsType::values()
}
fn features() -> &'static [&'static str] {
    FeatureType::values()
}

const URL: &[Rule] = &[
    Rule::Length { min: 1, max: 1024 },
    Rule::Check(super::rules::redirect_url),
];

pub const USER_POOL_ID: &str = "userPoolId";
pub const USER_POOL_ID_PATTERN: &str = r"[\w-]+_[0-9a-zA-Z]+";
pub const USER_POOL_ID_RULES: &[Rule] = &[
    Rule::Length { min: 1, max: 55 },
    Rule::Pattern(USER_POOL_ID_PATTERN),
];
pub const CLIENT_ID_PATTERN: &str = r"[\w+]+";
pub const CLIENT_ID_RULES: &[Rule] = &[
    Rule::Length { min: 1, max: 128 },
    Rule::Pattern(CLIENT_ID_PATTERN),
];
pub const CLIENT_NAME: &str = "clientName";
pub const GENERATE_SECRET: &str = "generateSecret";
pub const CLIENT_ID: &str = "clientId";
pub const CLIENT_SECRET: &str = "clientSecret";
pub const NAME: &str = "name";

pub static TOKEN_VALIDITY_UNITS: &[Property] = &[
    Property::new("accessToken", "AccessToken", Shape::String)
        .default(AwsDefault::String("hours"))
        .rules(&[Rule::OneOf {
            name: "TimeUnit",
            values: time_units,
        }])
        .doc("The unit of `accessTokenValidity`: seconds, minutes, hours (the default) or days."),
    Property::new("idToken", "IdToken", Shape::String)
        .default(AwsDefault::String("hours"))
        .rules(&[Rule::OneOf {
            name: "TimeUnit",
            values: time_units,
        }])
        .doc("The unit of `idTokenValidity`: seconds, minutes, hours (the default) or days."),
    Property::new("refreshToken", "RefreshToken", Shape::String)
        .default(AwsDefault::String("days"))
        .rules(&[Rule::OneOf {
            name: "TimeUnit",
            values: time_units,
        }])
        .doc("The unit of `refreshTokenValidity`: seconds, minutes, hours or days (the default)."),
];

pub static ANALYTICS_CONFIGURATION: &[Property] = &[
    Property::new("applicationArn", "ApplicationArn", Shape::String)
        .rules(&[Rule::Length { min: 20, max: 2048 }])
        .doc("The ARN of the Amazon Pinpoint project. When given, Cognito uses a service-linked role and `applicationId`, `roleArn` and `externalId` are not needed."),
    Property::new("applicationId", "ApplicationId", Shape::String)
        .doc("The id of the Amazon Pinpoint project, used together with `roleArn` and `externalId`."),
    Property::new("externalId", "ExternalId", Shape::String)
        .doc("The external id of the role that Cognito assumes to publish to Amazon Pinpoint."),
    Property::new("roleArn", "RoleArn", Shape::String)
        .default(AwsDefault::Computed)
        .rules(&[Rule::Length { min: 20, max: 2048 }])
        .doc("The ARN of an IAM role that lets Cognito publish events to Amazon Pinpoint."),
    Property::new("userDataShared", "UserDataShared", Shape::Boolean)
        .default(AwsDefault::Bool(false))
        .doc("Whether Cognito includes user data in the events it publishes to Amazon Pinpoint."),
];

pub static REFRESH_TOKEN_ROTATION: &[Property] = &[
    Property::new("feature", "Feature", Shape::String)
        .required()
        .default(AwsDefault::String("DISABLED"))
        .rules(&[Rule::OneOf { name: "RefreshTokenRotationFeature", values: features }])
        .doc("ENABLED to issue a new refresh token on every refresh, DISABLED to keep the original one."),
    Property::new("retryGracePeriodSeconds", "RetryGracePeriodSeconds", Shape::Integer)
        .default(AwsDefault::Integer(0))
        .rules(&[Rule::Range { min: 0, max: 60 }])
        .doc("How many seconds the previous refresh token stays valid after rotation, 0 to 60."),
];

/// Every property of the resource, inputs first, in the order the schema lists them.
pub static PROPERTIES: &[Property] = &[
    Property::new(USER_POOL_ID, "UserPoolId", Shape::String)
        .required()
        .replace()
        .rules(USER_POOL_ID_RULES)
        .doc("The id of the user pool the client belongs to, such as `us-east-1_AbCdEf123`."),
    Property::new(CLIENT_NAME, "ClientName", Shape::String)
        .rules(&[Rule::Length { min: 1, max: 128 }, Rule::Pattern(r"[\w\s+=,.@-]+")])
        .doc("The client's name: letters, digits, spaces and `+=,.@-_`. When omitted, the provider names the client after the resource with a random suffix, and keeps that name on later updates."),
    Property::new(GENERATE_SECRET, "GenerateSecret", Shape::Boolean)
        .replace()
        .default(AwsDefault::Bool(false))
        .doc("Whether Cognito generates a client secret; false by default. Only settable at creation."),
    Property::new("refreshTokenValidity", "RefreshTokenValidity", Shape::Integer)
        .default(AwsDefault::Duration(30))
        .rules(&[Rule::Range { min: 0, max: 315_360_000 }])
        .doc("How long refresh tokens stay valid, in the unit of `tokenValidityUnits.refreshToken` (days unless set). The duration must be between 60 minutes and 10 years; Cognito's default is 30 days."),
    Property::new("accessTokenValidity", "AccessTokenValidity", Shape::Integer)
        .default(AwsDefault::Duration(1))
        .rules(&[Rule::Range { min: 1, max: 86_400 }])
        .doc("How long access tokens stay valid, in the unit of `tokenValidityUnits.accessToken` (hours unless set). The duration must be between 5 minutes and 1 day; Cognito's default is 1 hour."),
    Property::new("idTokenValidity", "IdTokenValidity", Shape::Integer)
        .default(AwsDefault::Duration(1))
        .rules(&[Rule::Range { min: 1, max: 86_400 }])
        .doc("How long ID tokens stay valid, in the unit of `tokenValidityUnits.idToken` (hours unless set). The duration must be between 5 minutes and 1 day; Cognito's default is 1 hour."),
    Property::new("tokenValidityUnits", "TokenValidityUnits", Shape::Object(TOKEN_VALIDITY_UNITS))
        .doc("The units of the three token validity settings."),
    Property::new("readAttributes", "ReadAttributes", Shape::StringSet)
        .doc("The user attributes the client may read. When unset, it may read every standard attribute plus `email_verified` and `phone_number_verified`."),
    Property::new("writeAttributes", "WriteAttributes", Shape::StringSet)
        .doc("The user attributes the client may write. When unset, it may write every standard attribute. Must include every attribute mapped from an identity provider."),
    Property::new("explicitAuthFlows", "ExplicitAuthFlows", Shape::StringSet)
        .rules(&[Rule::EachItem(&[Rule::OneOf { name: "ExplicitAuthFlow", values: explicit_auth_flows }])])
        .doc("The authentication flows the client allows, such as `ALLOW_USER_SRP_AUTH` and `ALLOW_REFRESH_TOKEN_AUTH`. The legacy values (`ADMIN_NO_SRP_AUTH`, `CUSTOM_AUTH_FLOW_ONLY`, `USER_PASSWORD_AUTH`) cannot be mixed with `ALLOW_` values. When unset, Cognito allows `ALLOW_REFRESH_TOKEN_AUTH`, `ALLOW_USER_SRP_AUTH` and `ALLOW_CUSTOM_AUTH`."),
    Property::new("supportedIdentityProviders", "SupportedIdentityProviders", Shape::StringSet)
        .default(AwsDefault::Empty)
        .rules(&[Rule::EachItem(&[Rule::Length { min: 1, max: 32 }])])
        .doc("The identity providers users of this client may sign in with: `COGNITO`, `Facebook`, `Google`, `SignInWithApple`, `LoginWithAmazon`, or the names of the pool's SAML and OIDC providers."),
    Property::new("callbackUrls", "CallbackURLs", Shape::StringList)
        .default(AwsDefault::Empty)
        .rules(&[Rule::MaxItems(100), Rule::EachItem(URL)])
        .doc("The URLs Cognito may redirect to after sign-in, at most 100. Each must be absolute, without a fragment, and HTTPS unless it is `http://localhost`; app schemes such as `myapp://callback` are allowed."),
    Property::new("logoutUrls", "LogoutURLs", Shape::StringList)
        .default(AwsDefault::Empty)
        .rules(&[Rule::MaxItems(100), Rule::EachItem(URL)])
        .doc("The URLs Cognito may redirect to after sign-out, at most 100, with the same rules as `callbackUrls`."),
    Property::new("defaultRedirectUri", "DefaultRedirectURI", Shape::String)
        .rules(URL)
        .doc("The redirect URL used when a request names none; it must be one of `callbackUrls`."),
    Property::new("allowedOAuthFlows", "AllowedOAuthFlows", Shape::StringSet)
        .default(AwsDefault::Empty)
        .rules(&[Rule::MaxItems(3), Rule::EachItem(&[Rule::OneOf { name: "OAuthFlow", values: oauth_flows }])])
        .doc("The OAuth 2.0 grant types the client may use: `code`, `implicit` and `client_credentials`. `client_credentials` must be the only flow when present and needs `generateSecret`; `code` and `implicit` need at least one of `callbackUrls`."),
    Property::new("allowedOAuthScopes", "AllowedOAuthScopes", Shape::StringSet)
        .default(AwsDefault::Empty)
        .rules(&[Rule::MaxItems(50), Rule::EachItem(&[Rule::Length { min: 1, max: 256 }])])
        .doc("The OAuth scopes the client may request, at most 50: `phone`, `email`, `openid`, `profile`, `aws.cognito.signin.user.admin`, or custom resource-server scopes."),
    Property::new("allowedOAuthFlowsUserPoolClient", "AllowedOAuthFlowsUserPoolClient", Shape::Boolean)
        .default(AwsDefault::Bool(false))
        .doc("Whether the client may use OAuth 2.0 features. Must be true to set OAuth flows, scopes, callback or logout URLs."),
    Property::new("analyticsConfiguration", "AnalyticsConfiguration", Shape::Object(ANALYTICS_CONFIGURATION))
        .doc("Where Cognito publishes analytics events for this client (Amazon Pinpoint): either `applicationArn` alone, or `applicationId` with `roleArn` and `externalId`."),
    Property::new("preventUserExistenceErrors", "PreventUserExistenceErrors", Shape::String)
        .default(AwsDefault::String("LEGACY"))
        .rules(&[Rule::OneOf { name: "PreventUserExistenceErrors", values: prevent_user_existence_errors }])
        .doc("ENABLED to answer sign-in and recovery requests for unknown users with generic errors, LEGACY (the default) to say that the user does not exist."),
    Property::new("enableTokenRevocation", "EnableTokenRevocation", Shape::Boolean)
        .default(AwsDefault::Bool(true))
        .doc("Whether refresh tokens issued to this client can be revoked. On by default."),
    Property::new("enablePropagateAdditionalUserContextData", "EnablePropagateAdditionalUserContextData", Shape::Boolean)
        .default(AwsDefault::Bool(false))
        .doc("Whether the client may send the user's device and session data for threat protection. May be true only for a client with a secret."),
    Property::new("authSessionValidity", "AuthSessionValidity", Shape::Integer)
        .default(AwsDefault::Integer(3))
        .rules(&[Rule::Range { min: 3, max: 15 }])
        .doc("How many minutes the session token of one authentication flow stays valid, 3 (the default) to 15."),
    Property::new("refreshTokenRotation", "RefreshTokenRotation", Shape::Object(REFRESH_TOKEN_ROTATION))
        .doc("Refresh token rotation. Rotation cannot be combined with `ALLOW_REFRESH_TOKEN_AUTH` in `explicitAuthFlows`. Removing it turns rotation off."),
    Property::new(CLIENT_ID, "ClientId", Shape::String)
        .output()
        .doc("The id Cognito gave the client."),
    Property::new(CLIENT_SECRET, "ClientSecret", Shape::String)
        .output()
        .secret()
        .doc("The client secret, when `generateSecret` is true. Always a secret."),
    Property::new(NAME, "ClientName", Shape::String)
        .output()
        .doc("The client's name as Cognito stores it."),
    Property::new("creationDate", "CreationDate", Shape::String)
        .output()
        .doc("When the client was created (ISO 8601)."),
    Property::new("lastModifiedDate", "LastModifiedDate", Shape::String)
        .output()
        .doc("When the client was last changed (ISO 8601)."),
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

    use crate::table::Update;

    #[test]
    fn only_user_pool_id_and_generate_secret_replace() {
        let replacing: Vec<_> = PROPERTIES
            .iter()
            .filter(|p| p.update == Update::Replace)
            .map(|p| p.name)
            .collect();
        assert_eq!(replacing, [USER_POOL_ID, GENERATE_SECRET]);
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

    #[test]
    fn auth_flows_come_from_the_sdk_and_include_the_newer_ones() {
        assert!(explicit_auth_flows().contains(&"ALLOW_USER_AUTH"));
    }
}
