//! The plugin as the engine sees it: the process contract and every RPC's answer to odd or
//! wrong input, through the real binary over gRPC. None of these needs Cognito.

mod support;

use std::process::Stdio;

use std::time::{Duration, Instant};

use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::Value;
use rpc::resource_provider_client::ResourceProviderClient;
use support::*;
use tonic::{Code, Request};

#[tokio::test]
async fn version_flag_prints_the_crate_version() {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_pulumi-resource-cognito"))
        .arg("--version")
        .output()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        pulumi_resource_cognito::VERSION
    );
}

#[tokio::test]
async fn stdout_holds_only_the_port_and_sigterm_ends_the_process_promptly() {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_pulumi-resource-cognito"))
        .args([
            "--logtostderr",
            "-v=9",
            "--an-unknown-flag",
            "--tracing",
            "127.0.0.1:1",
            "127.0.0.1:1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let pid = child.id().unwrap_or_else(|| panic!("no pid"));
    let mut stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut first = [0u8; 16];
    let n = tokio::io::AsyncReadExt::read(&mut stdout, &mut first)
        .await
        .unwrap_or(0);
    let line = String::from_utf8_lossy(&first[..n]).to_string();
    let port: u16 = line
        .trim_end_matches('\n')
        .parse()
        .unwrap_or_else(|_| panic!("stdout began {line:?}"));
    assert!(port > 0 && line.ends_with('\n'));
    // Signal a plugin that is serving, as the engine does when it shuts it down.
    let mut client = ResourceProviderClient::connect(format!("http://127.0.0.1:{port}"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    client
        .get_plugin_info(())
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let started = Instant::now();
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let status = tokio::time::timeout(Duration::from_secs(5), child.wait())
        .await
        .unwrap_or_else(|_| panic!("still running 5s after SIGTERM"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "{status:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    let mut rest = String::new();
    let _ = tokio::io::AsyncReadExt::read_to_string(&mut stdout, &mut rest).await;
    assert_eq!(rest, "", "nothing but the port may reach stdout");
}

#[tokio::test]
async fn handshake_info_and_schema() {
    let plugin = Plugin::start(&[]).await;
    let mut client = plugin.client.clone();
    let hs = client
        .handshake(rpc::ProviderHandshakeRequest {
            engine_address: "127.0.0.1:1".into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    assert!(hs.accept_secrets && hs.supports_autonaming_configuration);
    let info = client
        .get_plugin_info(())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    assert_eq!(info.version, pulumi_resource_cognito::VERSION);
    let schema = client
        .get_schema(rpc::GetSchemaRequest::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner()
        .schema;
    assert_eq!(
        schema,
        include_str!("../schema/schema.json"),
        "GetSchema serves the committed schema"
    );
}

#[tokio::test]
async fn configure_accepts_secrets_and_previews_and_check_config_reports_bad_keys() {
    let plugin = Plugin::start(&[]).await;
    let mut client = plugin.client.clone();
    let res = client
        .check_config(rpc::CheckRequest {
            urn: "urn:pulumi:dev::p::pulumi:providers:cognito::default".into(),
            news: encode(&[
                ("region", Value::string("us-east-1")),
                ("maxRetries", Value::string("lots")),
                ("endpont", Value::string("http://127.0.0.1:1")),
                ("secretKey", Value::string("hunter2")),
            ]),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    let keys: Vec<_> = res.failures.iter().map(|f| f.property.as_str()).collect();
    assert_eq!(
        keys,
        ["endpont", "maxRetries", "accessKey"],
        "{:?}",
        res.failures
    );
    assert!(res.failures.iter().all(|f| !f.reason.contains("hunter2")));
    assert!(
        decode(&res.inputs)["secretKey"].contains_secret(),
        "secret config comes back secret"
    );

    let res = client
        .configure(rpc::ConfigureRequest {
            args: encode(&[
                ("region", Value::string("us-east-1")),
                ("endpoint", Value::string("http://127.0.0.1:1")),
            ]),
            accept_secrets: true,
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    assert!(res.accept_secrets && res.supports_preview && res.supports_autonaming_configuration);
}

#[tokio::test]
async fn wrong_input_is_a_check_failure_not_an_error() {
    let plugin = Plugin::start(&[]).await;
    let mut client = plugin.client.clone();
    let res = client
        .check(rpc::CheckRequest {
            urn: urn("web"),
            name: "web".into(),
            r#type: TOKEN.into(),
            olds: encode(&[]),
            news: encode(&[
                ("userPoolId", Value::Number(3.0)),
                ("authSessionValidity", Value::string("ten")),
                ("callbackUrl", Value::strings(&["https://a"])),
            ]),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("check must answer, not fail: {e}"))
        .into_inner();
    let props: Vec<_> = res.failures.iter().map(|f| f.property.as_str()).collect();
    assert_eq!(
        props,
        ["authSessionValidity", "callbackUrl", "userPoolId"],
        "{:?}",
        res.failures
    );
    assert!(
        res.failures[1]
            .reason
            .contains("did you mean `callbackUrls`?")
    );
}

#[tokio::test]
async fn unknowns_pass_check_and_previews() {
    let plugin = Plugin::start(&[]).await;
    let mut client = plugin.client.clone();
    let res = client
        .check(rpc::CheckRequest {
            urn: urn("web"),
            name: "web".into(),
            r#type: TOKEN.into(),
            news: encode(&[
                ("userPoolId", Value::Unknown),
                ("callbackUrls", Value::Unknown),
            ]),
            random_seed: vec![3; 32],
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    assert!(res.failures.is_empty(), "{:?}", res.failures);
    let inputs = decode(&res.inputs);
    assert_eq!(inputs["userPoolId"], Value::Unknown);
    // The preview Create needs no configuration and no Cognito.
    let res = client
        .create(rpc::CreateRequest {
            urn: urn("web"),
            r#type: TOKEN.into(),
            properties: res.inputs,
            preview: true,
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    assert_eq!(decode(&res.properties)["clientId"], Value::Unknown);
}

#[tokio::test]
async fn unknown_tokens_unsupported_rpcs_and_missing_configuration_are_clear_errors() {
    let plugin = Plugin::start(&[]).await;
    let mut client = plugin.client.clone();
    let err = client
        .check(rpc::CheckRequest {
            urn: urn("x"),
            r#type: "cognito:index:UserPool".into(),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("an unknown resource type was accepted"));
    assert_eq!(err.code(), Code::InvalidArgument);
    assert!(
        err.message().contains("cognito:index:UserPool\"") && err.message().contains(TOKEN),
        "{}",
        err.message()
    );

    let err = client
        .invoke(rpc::InvokeRequest {
            tok: "cognito:index:nope".into(),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("an unknown function was accepted"));
    assert!(
        err.message().contains("cognito:index:nope"),
        "{}",
        err.message()
    );

    let err = client
        .create(rpc::CreateRequest {
            urn: urn("web"),
            r#type: TOKEN.into(),
            properties: encode(&[
                ("userPoolId", Value::string("us-east-1_a1")),
                ("clientName", Value::string("w")),
            ]),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("created without configuration"));
    assert_eq!(err.code(), Code::FailedPrecondition);

    // An RPC the service does not declare: answered UNIMPLEMENTED by the router.
    let channel =
        tonic::transport::Endpoint::from_shared(format!("http://127.0.0.1:{}", plugin.port))
            .unwrap_or_else(|e| panic!("{e}"))
            .connect()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready().await.unwrap_or_else(|e| panic!("{e}"));
    let path = tonic::codegen::http::uri::PathAndQuery::from_static(
        "/pulumirpc.ResourceProvider/Construct",
    );
    let codec: tonic_prost::ProstCodec<(), ()> = tonic_prost::ProstCodec::default();
    let err = grpc
        .unary(Request::new(()), path, codec)
        .await
        .err()
        .unwrap_or_else(|| panic!("Construct answered"));
    assert_eq!(err.code(), Code::Unimplemented);
}

#[tokio::test]
async fn deleting_a_client_that_is_already_gone_succeeds_with_a_warning_to_the_user() {
    let Some(emulator) = Emulator::start().await else {
        return;
    };
    let (engine, address) = fake_engine().await;
    let plugin = Plugin::start(&[&address]).await;
    let mut client = plugin.client.clone();
    client
        .configure(rpc::ConfigureRequest {
            args: encode(&[
                ("region", Value::string(REGION)),
                ("endpoint", Value::string(&emulator.url)),
                ("accessKey", Value::string("testing")),
                ("secretKey", Value::string("testing")),
            ]),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let pool = create_pool(&emulator.url, "p").await;
    let id = format!("{pool}/1example23456789");
    client
        .delete(rpc::DeleteRequest {
            id: id.clone(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("deleting a missing client must succeed: {e}"));
    for _ in 0..100 {
        if let Some(log) = engine.logs.lock().ok().and_then(|l| l.first().cloned()) {
            assert_eq!(log.severity, rpc::LogSeverity::Warning as i32);
            assert_eq!(log.urn, urn("web"));
            assert!(
                log.message.contains(&id) && log.message.contains("no longer exists"),
                "{}",
                log.message
            );
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no warning reached the engine");
}

#[tokio::test]
async fn after_cancel_no_new_operation_starts() {
    let plugin = Plugin::start(&[]).await;
    let mut client = plugin.client.clone();
    client
        .configure(rpc::ConfigureRequest {
            args: encode(&[
                ("region", Value::string("us-east-1")),
                ("endpoint", Value::string("http://127.0.0.1:1")),
            ]),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    client
        .cancel(())
        .await
        .unwrap_or_else(|e| panic!("cancel must be acknowledged: {e}"));
    let err = client
        .delete(rpc::DeleteRequest {
            id: "us-east-1_a1/c1".into(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("a delete started after cancel"));
    assert_eq!(err.code(), Code::Cancelled);
    assert!(err.message().contains("cancelled"), "{}", err.message());

    // One process serving the next engine run (PULUMI_DEBUG_PROVIDERS): its Configure starts
    // fresh, and the delete now reaches the (closed) endpoint instead of being refused.
    client
        .configure(rpc::ConfigureRequest {
            args: encode(&[
                ("region", Value::string("us-east-1")),
                ("endpoint", Value::string("http://127.0.0.1:1")),
                ("maxRetries", Value::string("0")),
            ]),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let err = client
        .delete(rpc::DeleteRequest {
            id: "us-east-1_a1/c1".into(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("a delete against a closed port succeeded"));
    assert_ne!(err.code(), Code::Cancelled, "{err:?}");
}

/// A value newer than the provider's API model passes Check with a warning the user sees; a
/// near miss of a known value fails.
#[tokio::test]
async fn an_auth_flow_newer_than_the_model_is_a_warning_not_a_failure() {
    let (engine, address) = fake_engine().await;
    let plugin = Plugin::start(&[&address]).await;
    let check = |flow: &'static str| {
        let mut client = plugin.client.clone();
        async move {
            client
                .check(rpc::CheckRequest {
                    urn: urn("web"),
                    name: "web".into(),
                    r#type: TOKEN.into(),
                    news: encode(&[
                        ("userPoolId", Value::string("us-east-1_Ab1")),
                        ("explicitAuthFlows", Value::strings(&[flow])),
                    ]),
                    random_seed: vec![1; 32],
                    ..Default::default()
                })
                .await
                .unwrap_or_else(|e| panic!("check: {e}"))
                .into_inner()
        }
    };
    let res = check("ALLOW_PASSKEY_SIGN_IN").await;
    assert!(res.failures.is_empty(), "{:?}", res.failures);
    let mut warned = None;
    for _ in 0..100 {
        warned = engine.logs.lock().ok().and_then(|l| l.first().cloned());
        if warned.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let log = warned.unwrap_or_else(|| panic!("no warning reached the engine"));
    assert_eq!(log.severity, rpc::LogSeverity::Warning as i32);
    assert_eq!(log.urn, urn("web"));
    assert!(
        log.message.contains("explicitAuthFlows[0]")
            && log.message.contains("ALLOW_PASSKEY_SIGN_IN")
            && log.message.contains("Cognito decides"),
        "{}",
        log.message
    );
    let res = check("ALLOW_USER_SRP_AUHT").await;
    assert_eq!(res.failures.len(), 1, "{:?}", res.failures);
    assert!(
        res.failures[0]
            .reason
            .contains("did you mean ALLOW_USER_SRP_AUTH")
    );
}

/// Check over gRPC, as the engine calls it at preview: the failures, by property.
async fn failures_of(plugin: &Plugin, news: &[(&str, Value)]) -> Vec<(String, String)> {
    let mut client = plugin.client.clone();
    let mut all = vec![("userPoolId", Value::string("us-east-1_Ab1"))];
    all.extend_from_slice(news);
    client
        .check(rpc::CheckRequest {
            urn: urn("web"),
            name: "web".into(),
            r#type: TOKEN.into(),
            news: encode(&all),
            random_seed: vec![1; 32],
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("check: {e}"))
        .into_inner()
        .failures
        .into_iter()
        .map(|f| (f.property, f.reason))
        .collect()
}

/// What Cognito would refuse at apply fails at preview; what it takes, or may yet take once an
/// unknown is known, does not.
#[tokio::test]
async fn check_refuses_at_preview_what_cognito_refuses_at_apply() {
    let plugin = Plugin::start(&[]).await;
    let oauth = |flows: &[&str], scopes: &[&str]| {
        vec![
            ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
            ("allowedOAuthFlows", Value::strings(flows)),
            ("allowedOAuthScopes", Value::strings(scopes)),
            (
                "callbackUrls",
                Value::strings(&["https://app.example.com/cb"]),
            ),
            ("generateSecret", Value::Bool(true)),
        ]
    };
    // A secret not known yet may turn out absent: wait for it.
    let unknown_secret = failures_of(
        &plugin,
        &[
            ("generateSecret", Value::Bool(true)),
            ("clientSecret", Value::Unknown.secret_if(true)),
        ],
    )
    .await;
    assert!(unknown_secret.is_empty(), "{unknown_secret:?}");
    // Values outside the closed sets.
    for (news, property) in [
        (
            vec![("preventUserExistenceErrors", Value::string("SOMETIMES"))],
            "preventUserExistenceErrors",
        ),
        (oauth(&["password"], &["openid"]), "allowedOAuthFlows[0]"),
        (
            vec![(
                "tokenValidityUnits",
                Value::Object(map(&[("idToken", Value::string("weeks"))])),
            )],
            "tokenValidityUnits.idToken",
        ),
        (
            vec![
                (
                    "refreshTokenRotation",
                    Value::Object(map(&[("feature", Value::string("SOMETIMES"))])),
                ),
                (
                    "explicitAuthFlows",
                    Value::strings(&["ALLOW_USER_SRP_AUTH"]),
                ),
            ],
            "refreshTokenRotation.feature",
        ),
    ] {
        let got = failures_of(&plugin, &news).await;
        // The failure names the property the engine can print; its reason, the exact path.
        let top = property.split(['.', '[']).next().unwrap_or_default();
        assert!(
            got.iter().any(|(p, r)| p == top
                && r.contains(&format!("`{property}`"))
                && r.contains("must be one of")),
            "{property}: {got:?}"
        );
    }
    // OAuth allowed, but without flows or scopes.
    let got = failures_of(
        &plugin,
        &[("allowedOAuthFlowsUserPoolClient", Value::Bool(true))],
    )
    .await;
    assert!(
        got.iter()
            .any(|(_, r)| r.contains("`allowedOAuthFlows` and `allowedOAuthScopes`")),
        "{got:?}"
    );
    // A user's scope with client_credentials.
    let got = failures_of(
        &plugin,
        &oauth(&["client_credentials"], &["openid", "orders/read"]),
    )
    .await;
    assert!(
        got.iter().any(|(p, r)| p == "allowedOAuthScopes"
            && r.contains("openid")
            && r.contains("client_credentials")),
        "{got:?}"
    );
    // Repeats are sent once: four items that are two flows pass.
    let got = failures_of(
        &plugin,
        &oauth(&["code", "code", "implicit", "implicit"], &["openid"]),
    )
    .await;
    assert!(got.is_empty(), "{got:?}");
}
