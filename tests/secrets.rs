//! Secrets never reach logs or error messages: a whole life cycle, with failures, at the
//! highest verbosity, and the client secret, secret key and session token are looked for in
//! everything the plugin wrote and answered.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use pulumi_resource_cognito::plugin::codec::encode_struct;
use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::{PropertyMap, Value};
use support::*;

fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{prefix}{nanos}")
}

async fn run_with_logging(rust_log: Option<&str>) {
    let Some(emulator) = Emulator::start().await else {
        return;
    };
    let recorder = Recorder::start(&emulator.url).await;
    let secret_key = unique("SecretKeyValue");
    let token = unique("SessionTokenValue");
    let log = Arc::new(Mutex::new(String::new()));
    let env: Vec<(&str, &str)> = rust_log.map(|l| vec![("RUST_LOG", l)]).unwrap_or_default();
    let plugin = Plugin::start_logged(&["--logtostderr", "-v=9"], &env, log.clone()).await;
    let mut client = plugin.client.clone();
    let mut answers = String::new();
    let mut keep = |s: String| answers.push_str(&s);

    let config = map(&[
        ("region", Value::string(REGION)),
        ("endpoint", Value::string(&recorder.url)),
        ("accessKey", Value::string("AKIAEXAMPLE")),
        ("secretKey", Value::string(&secret_key)),
        ("token", Value::string(&token)),
        ("maxRetries", Value::string("1")),
    ]);
    let checked = check_then_configure(&mut client, &config).await;
    keep(format!("{:?}", checked.failures));

    let pool = create_pool(&emulator.url, "p").await;
    let inputs = map(&[
        ("userPoolId", Value::string(&pool)),
        ("clientName", Value::string("web")),
        ("generateSecret", Value::Bool(true)),
    ]);
    let created = client
        .create(rpc::CreateRequest {
            urn: urn("web"),
            r#type: TOKEN.into(),
            properties: Some(encode_struct(&inputs)),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    let outputs = decode(&created.properties);
    let client_secret = outputs["clientSecret"]
        .reveal()
        .0
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!client_secret.is_empty());

    // Reads, a failing update, an invalid check with a secret value, a delete.
    let read = client
        .read(rpc::ReadRequest {
            id: created.id.clone(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            ..Default::default()
        })
        .await;
    keep(format!(
        "{:?}",
        read.as_ref().map(|r| r.get_ref().id.clone())
    ));
    recorder.inject(
        "UpdateUserPoolClient",
        &[Fault::ServerError, Fault::ServerError, Fault::ServerError],
    );
    let mut news = inputs.clone();
    news.insert("authSessionValidity".into(), Value::Number(5.0));
    let failed = client
        .update(rpc::UpdateRequest {
            id: created.id.clone(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            olds: Some(encode_struct(&outputs)),
            old_inputs: Some(encode_struct(&inputs)),
            news: Some(encode_struct(&news)),
            ..Default::default()
        })
        .await;
    keep(format!("{:?}", failed.err()));
    let mut bad: PropertyMap = inputs.clone();
    bad.insert(
        "clientName".into(),
        Value::string(format!("{client_secret}/bad")).secret_if(true),
    );
    let checked = client
        .check(rpc::CheckRequest {
            urn: urn("web"),
            r#type: TOKEN.into(),
            news: Some(encode_struct(&bad)),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    assert!(!checked.failures.is_empty());
    keep(format!("{:?}", checked.failures));
    client
        .delete(rpc::DeleteRequest {
            id: created.id,
            urn: urn("web"),
            r#type: TOKEN.into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    drop(client);
    drop(plugin);

    let logged = log.lock().map(|l| l.clone()).unwrap_or_default();
    assert!(
        logged.contains("create"),
        "the verbose log is empty; the test would prove nothing"
    );
    for (what, secret) in [
        ("secret key", &secret_key),
        ("session token", &token),
        ("client secret", &client_secret),
    ] {
        assert!(
            !logged.contains(secret.as_str()),
            "the {what} reached the log (RUST_LOG={rust_log:?})"
        );
        assert!(
            !answers.contains(secret.as_str()),
            "the {what} reached an error or failure message"
        );
    }
}

#[tokio::test]
async fn secrets_stay_out_of_the_most_verbose_log() {
    run_with_logging(None).await;
}

#[tokio::test]
async fn secrets_stay_out_of_a_trace_log_of_every_crate() {
    run_with_logging(Some("trace")).await;
}
