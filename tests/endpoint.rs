//! Where Cognito calls go. A client is judged gone when its endpoint says "not found", so the
//! endpoint must be the one the user set: `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` when the
//! configuration names none, and `cognito:endpoint` over it.

mod support;

use pulumi_resource_cognito::plugin::codec::encode_struct;
use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::Value;
use support::*;

async fn configured(env_endpoint: &str, config_endpoint: Option<&str>) -> Plugin {
    let plugin = Plugin::start_without_aws(
        &[],
        &[
            ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", env_endpoint),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
        ],
    )
    .await;
    let mut config = map(&[
        ("region", Value::string(REGION)),
        ("maxRetries", Value::string("0")),
    ]);
    if let Some(url) = config_endpoint {
        config.insert("endpoint".into(), Value::string(url));
    }
    plugin
        .client
        .clone()
        .configure(rpc::ConfigureRequest {
            args: Some(encode_struct(&config)),
            accept_secrets: true,
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("configure: {e}"));
    plugin
}

#[tokio::test]
async fn the_environments_endpoint_is_used_and_the_configured_one_wins_over_it() {
    let Some(emulator) = Emulator::start().await else {
        return;
    };
    let recorder = Recorder::start(&emulator.url).await;
    let pool = create_pool(&emulator.url, "endpoint").await;
    let client_id = direct_client(&emulator.url)
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("web")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .user_pool_client
        .and_then(|c| c.client_id)
        .unwrap_or_else(|| panic!("no client id"));
    let id = format!("{pool}/{client_id}");

    // Only the environment names the endpoint: the client is found there.
    let plugin = configured(&recorder.url, None).await;
    let found = calls::try_read(plugin.client.clone(), &id, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        found.id, id,
        "the client was not found through the environment's endpoint"
    );
    assert!(!recorder.calls_to("DescribeUserPoolClient").is_empty());

    // The configuration names another: the environment's (a dead port) is not used.
    recorder.clear();
    let plugin = configured("http://127.0.0.1:9", Some(&recorder.url)).await;
    let found = calls::try_read(plugin.client.clone(), &id, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.id, id);
    assert!(!recorder.calls_to("DescribeUserPoolClient").is_empty());
}
