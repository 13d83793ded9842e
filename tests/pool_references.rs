//! A client's references into its pool (custom scopes, identity providers, attributes) are
//! looked up at preview: a missing one is a warning naming it and what the pool has (a failure
//! with `strictPoolReferences`), nothing is created, the pool is read once per kind, a pool
//! that cannot be read is one warning, and Cognito's refusal at apply time says what is
//! missing.

mod support;

use std::time::Duration;

use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::{PropertyMap, Value};
use support::*;

/// A pool with a resource server `orders` (scope `read`), an identity provider `Corp`, and a
/// custom attribute `tier`; returns the fake engine that hears the plugin's warnings.
async fn env(strict: bool) -> Option<(Env, FakeEngine)> {
    let (engine, address) = fake_engine().await;
    let overrides: Vec<(&str, Value)> = if strict {
        vec![("strictPoolReferences", Value::string("true"))]
    } else {
        vec![]
    };
    let env = Env::start_with_args(&overrides, &[&address]).await?;
    let c = &env.cognito;
    add_resource_server(c, &env.pool, "orders", "read").await;
    c.create_identity_provider()
        .user_pool_id(&env.pool)
        .provider_name("Corp")
        .provider_type(aws_sdk_cognitoidentityprovider::types::IdentityProviderTypeType::Oidc)
        .provider_details("client_id", "corp-client")
        .provider_details("client_secret", "corp-secret")
        .provider_details("attributes_request_method", "GET")
        .provider_details("oidc_issuer", "https://idp.example.com")
        .provider_details("authorize_scopes", "openid")
        .send()
        .await
        .unwrap_or_else(|e| panic!("creating an identity provider: {e:?}"));
    c.add_custom_attributes()
        .user_pool_id(&env.pool)
        .custom_attributes(
            aws_sdk_cognitoidentityprovider::types::SchemaAttributeType::builder()
                .name("tier")
                .attribute_data_type(
                    aws_sdk_cognitoidentityprovider::types::AttributeDataType::String,
                )
                .mutable(true)
                .build(),
        )
        .send()
        .await
        .unwrap_or_else(|e| panic!("adding a custom attribute: {e:?}"));
    env.recorder.clear();
    Some((env, engine))
}

fn client(
    env: &Env,
    scopes: &[&str],
    providers: &[&str],
    read: &[&str],
) -> Vec<(&'static str, Value)> {
    vec![
        ("userPoolId", Value::string(&env.pool)),
        ("clientName", Value::string("refs")),
        ("generateSecret", Value::Bool(true)),
        ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
        ("allowedOAuthFlows", Value::strings(&["code"])),
        ("allowedOAuthScopes", Value::strings(scopes)),
        (
            "callbackUrls",
            Value::strings(&["https://app.example.com/callback"]),
        ),
        ("supportedIdentityProviders", Value::strings(providers)),
        ("readAttributes", Value::strings(read)),
    ]
}

async fn check(env: &Env, name: &str, news: &[(&str, Value)]) -> rpc::CheckResponse {
    calls::check_response(env.client(), name, &PropertyMap::new(), news).await
}

/// The warnings the engine has heard, after a moment for the last to arrive.
async fn warnings(engine: &FakeEngine) -> Vec<String> {
    tokio::time::sleep(Duration::from_millis(500)).await;
    engine.messages()
}

#[tokio::test]
async fn a_missing_scope_provider_or_attribute_is_a_warning_naming_it_and_what_the_pool_has() {
    let Some((env, engine)) = env(false).await else {
        return;
    };
    let news = client(
        &env,
        &["openid", "orders/read", "orders/write"],
        &["COGNITO", "Corp", "Okta"],
        &["email", "custom:tier", "custom:plan"],
    );
    let res = check(&env, "refs", &news).await;
    assert!(res.failures.is_empty(), "{:?}", res.failures);
    let heard = warnings(&engine).await;
    let about = |property: &str| -> Vec<&String> {
        heard
            .iter()
            .filter(|m| m.starts_with(&format!("`{property}`")))
            .collect()
    };
    let scopes = about("allowedOAuthScopes");
    assert_eq!(scopes.len(), 1, "{heard:?}");
    assert!(
        scopes[0].contains("`orders/write`")
            && scopes[0].contains("`orders/read`")
            && scopes[0].contains("`openid`")
            && !scopes[0].contains("`orders/read`, which"),
        "{}",
        scopes[0]
    );
    assert!(scopes[0].contains(&env.pool) && scopes[0].contains("fine if this program creates it"));
    let providers = about("supportedIdentityProviders");
    assert_eq!(providers.len(), 1, "{heard:?}");
    assert!(
        providers[0].contains("`Okta`") && providers[0].contains("`Corp`"),
        "{}",
        providers[0]
    );
    let attributes = about("readAttributes");
    assert_eq!(attributes.len(), 1, "{heard:?}");
    assert!(
        attributes[0].contains("`custom:plan`") && attributes[0].contains("`custom:tier`"),
        "{}",
        attributes[0]
    );
    assert_eq!(heard.len(), 3, "{heard:?}");

    // Nothing was created, and only read-only calls were made.
    for call in env.recorder.calls() {
        assert!(
            matches!(
                call.operation.as_str(),
                "ListResourceServers" | "ListIdentityProviders" | "DescribeUserPool"
            ),
            "a preview sent {}",
            call.operation
        );
    }
    // A second client in the same pool: the pool is not read again.
    check(&env, "refs2", &news).await;
    assert_eq!(env.recorder.calls_to("ListResourceServers").len(), 1);
    assert_eq!(env.recorder.calls_to("ListIdentityProviders").len(), 1);
    assert_eq!(env.recorder.calls_to("DescribeUserPool").len(), 1);
}

#[tokio::test]
async fn references_the_pool_has_preview_without_a_word_and_without_reads_when_standard() {
    let Some((env, engine)) = env(true).await else {
        return;
    };
    let news = client(
        &env,
        &["openid", "orders/read"],
        &["COGNITO", "Corp"],
        &["email", "custom:tier"],
    );
    let res = check(&env, "refs", &news).await;
    assert!(res.failures.is_empty(), "{:?}", res.failures);
    assert!(
        warnings(&engine).await.is_empty(),
        "{:?}",
        engine.messages()
    );

    // Standard scopes and COGNITO alone need no look at the pool.
    env.recorder.clear();
    let plain = client(&env, &["openid", "email"], &["COGNITO"], &[]);
    check(&env, "plain", &plain).await;
    assert!(
        env.recorder.calls().is_empty(),
        "{:?}",
        env.recorder.calls()
    );
}

#[tokio::test]
async fn with_strict_pool_references_a_missing_reference_fails_the_preview() {
    let Some((env, _engine)) = env(true).await else {
        return;
    };
    let news = client(
        &env,
        &["orders/write"],
        &["COGNITO", "Okta"],
        &["custom:plan"],
    );
    let res = check(&env, "refs", &news).await;
    let properties: Vec<&str> = res.failures.iter().map(|f| f.property.as_str()).collect();
    assert_eq!(
        properties,
        // In the property table's order.
        [
            "readAttributes",
            "supportedIdentityProviders",
            "allowedOAuthScopes"
        ],
        "{:?}",
        res.failures
    );
    assert!(res.failures[2].reason.contains("`orders/write`"));
    assert!(res.failures[2].reason.contains("strictPoolReferences"));
    assert!(env.recorder.calls_to("CreateUserPoolClient").is_empty());
}

#[tokio::test]
async fn a_pool_that_may_not_be_read_is_one_warning_and_the_preview_goes_on() {
    let Some((env, engine)) = env(true).await else {
        return;
    };
    env.recorder.inject("ListResourceServers", &[Fault::Denied]);
    let news = client(&env, &["orders/write"], &["COGNITO"], &[]);
    let first = check(&env, "a", &news).await;
    let second = check(&env, "b", &news).await;
    // Strict or not: what cannot be read cannot fail.
    assert!(
        first.failures.is_empty() && second.failures.is_empty(),
        "{first:?} {second:?}"
    );
    let heard = warnings(&engine).await;
    assert_eq!(heard.len(), 1, "{heard:?}");
    assert!(
        heard[0].contains("cognito-idp:ListResourceServers") && heard[0].contains(&env.pool),
        "{}",
        heard[0]
    );
}

#[tokio::test]
async fn cognitos_refusal_at_apply_time_names_the_missing_scope_and_what_the_pool_has() {
    let Some((env, _engine)) = env(false).await else {
        return;
    };
    env.recorder.inject(
        "CreateUserPoolClient",
        &[Fault::Refuse("ScopeDoesNotExistException")],
    );
    let news = client(&env, &["openid", "orders/write"], &["COGNITO"], &[]);
    let inputs: PropertyMap = map(&news);
    let err = calls::try_create(&env, "refs", &inputs, 0.0)
        .await
        .err()
        .unwrap_or_else(|| panic!("the create succeeded"));
    let message = err.message();
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{message}");
    assert!(message.contains("ScopeDoesNotExistException"), "{message}");
    assert!(
        message.contains("`orders/write`, which user pool") && message.contains("`orders/read`"),
        "{message}"
    );
    assert!(!message.contains('\n'), "{message}");
}
