//! Check and Diff latency for a client with every property set (criterion, in process).

use criterion::{Criterion, criterion_group, criterion_main};
use pulumi_resource_cognito::resource::{CheckRequest, DiffRequest};
use pulumi_resource_cognito::user_pool_client::{check, diff};
use pulumi_resource_cognito::value::{PropertyMap, Value};
use std::hint::black_box;

fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

/// Every input set, and valid, so Check runs every rule.
pub fn every_property() -> PropertyMap {
    let pairs = [
        ("userPoolId", Value::string("us-east-1_AbCdEf123")),
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
                ("applicationId", Value::string("0123456789abcdef")),
                (
                    "roleArn",
                    Value::string("arn:aws:iam::123456789012:role/pinpoint"),
                ),
                ("externalId", Value::string("external")),
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
    ];
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn benches(c: &mut Criterion) {
    let news = every_property();
    let req = CheckRequest {
        urn: "urn:pulumi:b::p::cognito:index:UserPoolClient::c".into(),
        name: "c".into(),
        news: news.clone(),
        random_seed: vec![1; 32],
        ..Default::default()
    };
    assert!(
        check(&req).failures.is_empty(),
        "the benchmark input must be valid"
    );
    c.bench_function("check_every_property", |b| {
        b.iter(|| check(black_box(&req)))
    });
    let mut changed = news.clone();
    changed.insert("authSessionValidity".into(), Value::Number(8.0));
    let diff_req = DiffRequest {
        id: "us-east-1_AbCdEf123/c1".into(),
        urn: String::new(),
        old_outputs: news.clone(),
        old_inputs: news,
        news: changed,
        ignore_changes: vec![],
    };
    c.bench_function("diff_every_property", |b| {
        b.iter(|| diff(black_box(&diff_req)))
    });
}

criterion_group!(check_diff, benches);
criterion_main!(check_diff);
