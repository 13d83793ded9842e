//! Inputs shared by tests and benchmarks.

use pulumi_resource_cognito::value::{Value, map_of};

fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::Object(map_of(pairs))
}

/// A valid client with every input set (the rules all pass, so Check exercises all of them).
pub fn every_input(pool: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("userPoolId", Value::string(pool)),
        ("clientName", Value::string("every-setting")),
        ("generateSecret", Value::Bool(true)),
        ("refreshTokenValidity", Value::Number(10.0)),
        ("accessTokenValidity", Value::Number(30.0)),
        ("idTokenValidity", Value::Number(45.0)),
        (
            "tokenValidityUnits",
            obj(&[
                ("accessToken", Value::string("minutes")),
                ("idToken", Value::string("minutes")),
                ("refreshToken", Value::string("days")),
            ]),
        ),
        (
            "readAttributes",
            Value::strings(&["name", "email", "email_verified"]),
        ),
        ("writeAttributes", Value::strings(&["name", "email"])),
        (
            "explicitAuthFlows",
            Value::strings(&["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"]),
        ),
        ("supportedIdentityProviders", Value::strings(&["COGNITO"])),
        (
            "callbackUrls",
            Value::strings(&["https://app.example.com/b", "https://app.example.com/a"]),
        ),
        (
            "logoutUrls",
            Value::strings(&["https://app.example.com/bye"]),
        ),
        (
            "defaultRedirectUri",
            Value::string("https://app.example.com/a"),
        ),
        ("allowedOAuthFlows", Value::strings(&["implicit", "code"])),
        (
            "allowedOAuthScopes",
            Value::strings(&["profile", "openid", "email"]),
        ),
        ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
        (
            "analyticsConfiguration",
            obj(&[
                (
                    "applicationId",
                    Value::string("0123456789abcdef0123456789abcdef"),
                ),
                (
                    "roleArn",
                    Value::string("arn:aws:iam::123456789012:role/pinpoint"),
                ),
                ("externalId", Value::string("external")),
                ("userDataShared", Value::Bool(true)),
            ]),
        ),
        ("preventUserExistenceErrors", Value::string("ENABLED")),
        ("enableTokenRevocation", Value::Bool(false)),
        (
            "enablePropagateAdditionalUserContextData",
            Value::Bool(true),
        ),
        ("authSessionValidity", Value::Number(7.0)),
        (
            "refreshTokenRotation",
            obj(&[
                ("feature", Value::string("ENABLED")),
                ("retryGracePeriodSeconds", Value::Number(10.0)),
            ]),
        ),
    ]
}
