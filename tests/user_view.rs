//! What a Pulumi user sees, at the level the engine sees it: detailed diffs that name the
//! changed leaf and the added or removed set values, Check failures in the form the engine
//! prints well, readable errors for an unreachable endpoint, missing credentials or a profile
//! that does not exist, progress while the endpoint does not answer, and advice as warnings.

mod support;

use std::time::{Duration, Instant};

use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::{PropertyMap, Value};
use rpc::property_diff::Kind;
use support::calls::*;
use support::*;
use tonic::Code;

fn units(access: &str) -> Value {
    Value::Object(map(&[("accessToken", Value::string(access))]))
}

#[tokio::test]
async fn detailed_diffs_name_the_changed_leaf_and_the_set_values_that_came_and_went() {
    let Some(env) = Env::start().await else {
        return;
    };
    let program = |unit: &str, scopes: &[&str]| {
        vec![
            ("userPoolId", Value::string(&env.pool)),
            ("accessTokenValidity", Value::Number(10.0)),
            ("tokenValidityUnits", units(unit)),
            ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
            ("allowedOAuthFlows", Value::strings(&["code"])),
            (
                "callbackUrls",
                Value::strings(&["https://app.example.com/cb"]),
            ),
            ("allowedOAuthScopes", Value::strings(scopes)),
        ]
    };
    let inputs = check(
        &env,
        "web",
        &PropertyMap::new(),
        &program("minutes", &["email", "openid"]),
    )
    .await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;

    let news = check(
        &env,
        "web",
        &inputs,
        &program("hours", &["profile", "openid", "email"]),
    )
    .await;
    let d = diff(&env, &id, &outputs, &inputs, &news).await;
    let mut keys: Vec<_> = d.detailed_diff.keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["allowedOAuthScopes[0]", "tokenValidityUnits.accessToken"],
        "{d:?}"
    );
    assert_eq!(
        d.detailed_diff["allowedOAuthScopes[0]"].kind,
        Kind::Add as i32
    );
    assert_eq!(
        d.detailed_diff["tokenValidityUnits.accessToken"].kind,
        Kind::Update as i32
    );
    assert!(d.detailed_diff.values().all(|p| p.input_diff));

    let reordered = check(
        &env,
        "web",
        &inputs,
        &program("minutes", &["openid", "email"]),
    )
    .await;
    let d = diff(&env, &id, &outputs, &inputs, &reordered).await;
    assert!(
        d.detailed_diff.is_empty() && d.diffs.is_empty(),
        "a reorder is no change: {d:?}"
    );
}

async fn check_failures(plugin: &Plugin, news: &[(&str, Value)]) -> Vec<rpc::CheckFailure> {
    calls::check_response(plugin.client.clone(), "web", &Default::default(), news)
        .await
        .failures
}

#[tokio::test]
async fn check_failures_name_a_top_level_property_once_and_quote_the_item_briefly() {
    let plugin = Plugin::start(&[]).await;
    let pool = ("userPoolId", Value::string("us-east-1_Ab1"));
    let oauth = ("allowedOAuthFlowsUserPoolClient", Value::Bool(true));
    let flows = ("allowedOAuthFlows", Value::strings(&["code"]));
    let scopes = ("allowedOAuthScopes", Value::strings(&["openid"]));

    let failures = check_failures(
        &plugin,
        &[
            pool.clone(),
            oauth.clone(),
            flows.clone(),
            scopes.clone(),
            (
                "callbackUrls",
                Value::strings(&["http://app.example.com/cb"]),
            ),
        ],
    )
    .await;
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(
        failures[0].property, "callbackUrls",
        "a key the engine can look up"
    );
    assert!(
        failures[0].reason.contains("`callbackUrls[0]`"),
        "{failures:?}"
    );
    assert!(
        failures[0].reason.contains("http://app.example.com/cb"),
        "{failures:?}"
    );

    let many: Vec<String> = (0..101)
        .map(|i| format!("https://app.example.com/{i}"))
        .collect();
    let failures = check_failures(
        &plugin,
        &[
            pool.clone(),
            oauth.clone(),
            flows.clone(),
            scopes.clone(),
            ("callbackUrls", Value::strings(&many)),
        ],
    )
    .await;
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(
        failures[0].property, "",
        "101 URLs are not echoed before the reason"
    );
    assert!(failures[0].reason.contains("at most 100"), "{failures:?}");

    let failures = check_failures(
        &plugin,
        &[
            pool.clone(),
            ("idTokenValidity", Value::Number(100_000.0)),
            (
                "tokenValidityUnits",
                Value::Object(map(&[("idToken", Value::string("seconds"))])),
            ),
        ],
    )
    .await;
    assert_eq!(failures.len(), 1, "one problem, one message: {failures:?}");

    let long = format!("https://app.example.com/{}#fragment", "x".repeat(500));
    let failures = check_failures(
        &plugin,
        &[pool, oauth, ("callbackUrls", Value::strings(&[&long]))],
    )
    .await;
    assert!(
        failures.iter().all(|f| f.reason.len() < 300),
        "a long item is quoted short: {failures:?}"
    );
}

/// A port nothing listens on.
async fn closed_port() -> u16 {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    l.local_addr()
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn configure(plugin: &Plugin, config: &[(&str, Value)]) -> Result<(), tonic::Status> {
    plugin
        .client
        .clone()
        .configure(rpc::ConfigureRequest {
            args: encode(config),
            accept_secrets: true,
            ..Default::default()
        })
        .await
        .map(|_| ())
}

async fn read_err(plugin: &Plugin, id: &str) -> tonic::Status {
    calls::try_read(plugin.client.clone(), id, None)
        .await
        .err()
        .unwrap_or_else(|| panic!("the read succeeded"))
}

#[tokio::test]
async fn an_unreachable_endpoint_is_one_sentence_within_seconds_with_each_attempt_shown() {
    let (engine, address) = fake_engine().await;
    let plugin = Plugin::start(&[&address]).await;
    let endpoint = format!("http://127.0.0.1:{}", closed_port().await);
    configure(
        &plugin,
        &[
            ("endpoint", Value::string(&endpoint)),
            ("accessKey", Value::string("testing")),
            ("secretKey", Value::string("testing").secret_if(true)),
        ],
    )
    .await
    .unwrap_or_else(|e| panic!("configure: {e}"));
    let started = Instant::now();
    let err = read_err(&plugin, "us-east-1_Ab1/client1").await;
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "bounded, not the SDK's long silent backoff"
    );
    assert_eq!(err.code(), Code::Unavailable);
    let m = err.message();
    assert!(
        m.contains(&format!(
            "cannot reach Cognito at {endpoint} (set by `cognito:endpoint`)"
        )),
        "{m}"
    );
    assert!(m.contains("refused"), "{m}");
    assert!(
        !m.contains('\n') && !m.contains("DispatchFailure") && !m.contains("ConnectorError"),
        "{m}"
    );
    let progress = engine
        .wait_for(|l| l.message.contains("attempt 1 of 3"))
        .await
        .unwrap_or_else(|| panic!("no progress reached the engine: {:?}", engine.messages()));
    assert!(progress.message.contains(&endpoint), "{}", progress.message);
}

#[tokio::test]
async fn missing_credentials_are_one_sentence_naming_where_they_were_looked_for() {
    let Some(emulator) = Emulator::start().await else {
        return;
    };
    let plugin = Plugin::start_without_aws(&[], &[]).await;
    configure(
        &plugin,
        &[
            ("region", Value::string(REGION)),
            ("endpoint", Value::string(&emulator.url)),
        ],
    )
    .await
    .unwrap_or_else(|e| panic!("configure: {e}"));
    let err = read_err(&plugin, "us-east-1_Ab1/client1").await;
    let m = err.message();
    assert_eq!(err.code(), Code::Unauthenticated, "{m}");
    assert!(m.contains("no AWS credentials were found"), "{m}");
    assert!(
        m.contains("accessKey") && m.contains("AWS_ACCESS_KEY_ID"),
        "{m}"
    );
    assert!(!m.contains("DispatchFailure") && !m.contains('\n'), "{m}");
}

#[tokio::test]
async fn a_profile_that_does_not_exist_is_an_error_naming_it_and_the_files() {
    let dir = std::env::temp_dir().join(format!("cognito-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let config = dir.join("config");
    std::fs::write(&config, "[profile dev]\nregion = eu-west-1\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let config = config.to_string_lossy().to_string();
    let plugin = Plugin::start_without_aws(
        &[],
        &[
            ("AWS_CONFIG_FILE", &config),
            ("AWS_ACCESS_KEY_ID", "AKIAOTHERACCOUNT"),
            ("AWS_SECRET_ACCESS_KEY", "x"),
        ],
    )
    .await;
    let err = configure(&plugin, &[("profile", Value::string("dve"))])
        .await
        .err()
        .unwrap_or_else(|| panic!("a misspelt profile was accepted"));
    let m = err.message();
    assert!(
        m.contains("\"dve\"") && m.contains("cognito:profile"),
        "{m}"
    );
    assert!(m.contains(&config), "names the file searched: {m}");
    assert!(m.contains("dev"), "says what is there: {m}");
    configure(&plugin, &[("profile", Value::string("dev"))])
        .await
        .unwrap_or_else(|e| panic!("an existing profile: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_built_in_provider_name_in_the_wrong_case_is_a_warning_the_user_sees() {
    let (engine, address) = fake_engine().await;
    let plugin = Plugin::start(&[&address]).await;
    let failures = check_failures(
        &plugin,
        &[
            ("userPoolId", Value::string("us-east-1_Ab1")),
            ("supportedIdentityProviders", Value::strings(&["google"])),
        ],
    )
    .await;
    assert!(failures.is_empty(), "{failures:?}");
    let warning = engine
        .wait_for(|l| l.message.contains("supportedIdentityProviders"))
        .await
        .unwrap_or_else(|| panic!("no warning: {:?}", engine.messages()));
    assert_eq!(warning.severity, rpc::LogSeverity::Warning as i32);
    assert!(warning.message.contains("`Google`"), "{}", warning.message);
    // The pool's own directory, misspelt, is refused: it can only be COGNITO.
    let failures = check_failures(
        &plugin,
        &[
            ("userPoolId", Value::string("us-east-1_Ab1")),
            ("supportedIdentityProviders", Value::strings(&["cognito"])),
        ],
    )
    .await;
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].reason.contains("COGNITO"), "{failures:?}");
}

/// A web server that is not Cognito: it answers every request with `answer` (a whole HTTP
/// response) and closes the connection.
async fn not_cognito(answer: &'static str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let url = format!(
        "http://{}",
        listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                // The request's head and body arrive in one or two reads; the answer does not
                // depend on them.
                let mut buf = vec![0u8; 64 * 1024];
                let _ = socket.read(&mut buf).await;
                let _ = socket.write_all(answer.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    url
}

#[tokio::test]
async fn an_endpoint_that_answers_but_is_not_cognito_is_named_with_what_it_answered() {
    let page = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 88\r\nConnection: close\r\n\r\n<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>nginx</body></html>";
    let bare = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    for (answer, shows) in [
        (page, "<!DOCTYPE html> <html><head><title>404"),
        (bare, "empty body"),
    ] {
        let endpoint = not_cognito(answer).await;
        let plugin = Plugin::start(&[]).await;
        configure(
            &plugin,
            &[
                ("endpoint", Value::string(&endpoint)),
                ("accessKey", Value::string("testing")),
                ("secretKey", Value::string("testing").secret_if(true)),
                ("maxRetries", Value::string("0")),
            ],
        )
        .await
        .unwrap_or_else(|e| panic!("configure: {e}"));
        let err = read_err(&plugin, "us-east-1_Ab1/client1").await;
        let m = err.message();
        assert_eq!(err.code(), Code::Unavailable, "{m}");
        assert!(
            m.contains(&format!(
                "Cognito was expected at {endpoint} (set by `cognito:endpoint`), but the answer was not Cognito's: HTTP 404"
            )),
            "{m}"
        );
        assert!(m.contains(shows), "{m}");
        assert!(
            !m.contains('\n') && !m.contains("malformed") && !m.contains("unhandled error"),
            "{m}"
        );
    }
}
