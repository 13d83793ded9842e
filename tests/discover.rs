//! Discovering and adopting a pool's clients: `getUserPoolClients` returns every client of a
//! pool across pages, and `import-pool` writes an import document naming each one once.

mod support;

use std::collections::BTreeSet;

use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::Value;
use support::*;

/// More than one page of ListUserPoolClients (the provider asks for 60 at a time).
const CLIENTS: usize = 65;

/// Makes the clients straight in the emulator, as a person would: some share a name.
async fn hand_made(env: &Env) -> BTreeSet<(String, String)> {
    let mut made = BTreeSet::new();
    for n in 0..CLIENTS {
        let name = if n % 20 == 0 {
            "shared name".to_string()
        } else {
            format!("app {n}")
        };
        let client = env
            .cognito
            .create_user_pool_client()
            .user_pool_id(&env.pool)
            .client_name(&name)
            .send()
            .await
            .unwrap_or_else(|e| panic!("creating a client: {e:?}"))
            .user_pool_client
            .and_then(|c| c.client_id)
            .unwrap_or_else(|| panic!("no client id"));
        made.insert((client, name));
    }
    made
}

async fn invoke(env: &Env, args: &[(&str, Value)]) -> Result<rpc::InvokeResponse, tonic::Status> {
    env.client()
        .invoke(rpc::InvokeRequest {
            tok: "cognito:index:getUserPoolClients".into(),
            args: encode(args),
            ..Default::default()
        })
        .await
        .map(|r| r.into_inner())
}

#[tokio::test]
async fn every_client_of_the_pool_is_listed_across_pages() {
    let Some(env) = Env::start().await else {
        return;
    };
    let made = hand_made(&env).await;
    let res = invoke(&env, &[("userPoolId", Value::string(&env.pool))])
        .await
        .unwrap_or_else(|e| panic!("invoke: {e}"));
    assert!(res.failures.is_empty(), "{:?}", res.failures);
    let found = decode(&res.r#return);
    assert_eq!(found["userPoolId"], Value::string(&env.pool));
    let listed: BTreeSet<(String, String)> = found["clients"]
        .as_array()
        .unwrap_or_default()
        .iter()
        .map(|c| {
            let field = |k: &str| {
                c.as_object()
                    .and_then(|o| o.get(k))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            (field("clientId"), field("clientName"))
        })
        .collect();
    assert_eq!(listed, made);
    let pages = env.recorder.calls_to("ListUserPoolClients");
    assert!(pages.len() >= 2, "one page only: {} calls", pages.len());
}

#[tokio::test]
async fn a_missing_or_malformed_pool_is_said_plainly() {
    let Some(env) = Env::start().await else {
        return;
    };
    let res = invoke(&env, &[]).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.failures.len(), 1, "{:?}", res.failures);
    assert_eq!(res.failures[0].property, "userPoolId");
    let res = invoke(&env, &[("userPoolId", Value::string("not a pool"))])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.failures.len(), 1, "{:?}", res.failures);
    let err = invoke(
        &env,
        &[("userPoolId", Value::string("us-east-1_NoSuchPool9"))],
    )
    .await
    .err()
    .unwrap_or_else(|| panic!("listing a missing pool succeeded"));
    assert_eq!(err.code(), tonic::Code::NotFound, "{err}");
    assert_eq!(
        err.message(),
        "listing the app clients of user pool us-east-1_NoSuchPool9 failed: no such user pool"
    );
}

#[tokio::test]
async fn import_pool_names_every_client_once() {
    let Some(env) = Env::start().await else {
        return;
    };
    let made = hand_made(&env).await;
    let dir = std::env::temp_dir().join(format!("import-pool-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("clients.json");
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_pulumi-resource-cognito"))
        .args(["import-pool", &env.pool, "--region", REGION, "--endpoint"])
        .arg(&env.recorder.url)
        .arg("--out")
        .arg(&file)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env_remove("AWS_PROFILE")
        .output()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("wrote {CLIENTS} client(s)"))
            && stderr.contains("pulumi import --file"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let resources = doc["resources"].as_array().cloned().unwrap_or_default();
    assert_eq!(resources.len(), CLIENTS);
    let ids: BTreeSet<String> = resources
        .iter()
        .map(|r| r["id"].as_str().unwrap_or_default().to_string())
        .collect();
    let expected: BTreeSet<String> = made
        .iter()
        .map(|(id, _)| format!("{}/{id}", env.pool))
        .collect();
    assert_eq!(ids, expected);
    let names: BTreeSet<&str> = resources
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(names.len(), CLIENTS, "names are not unique");
    assert!(names.contains("sharedName") && names.contains("sharedName4"));
    assert!(names.contains("app1"), "{names:?}");
    assert!(resources.iter().all(|r| r["type"] == TOKEN));

    // The document exists now (perhaps with names edited since): kept unless --force.
    std::fs::write(&file, "edited").unwrap_or_else(|e| panic!("{e}"));
    let again = |force: bool| {
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_pulumi-resource-cognito"));
        cmd.args(["import-pool", &env.pool, "--region", REGION, "--endpoint"])
            .arg(&env.recorder.url)
            .arg("--out")
            .arg(&file)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env_remove("AWS_PROFILE");
        if force {
            cmd.arg("--force");
        }
        cmd.output()
    };
    let out = again(false).await.unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("already exists") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap_or_default(), "edited");
    let out = again(true).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap_or_default(), text);

    // A pool that does not exist: one line, and a failing exit.
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_pulumi-resource-cognito"))
        .args([
            "import-pool",
            "us-east-1_NoSuchPool9",
            "--region",
            REGION,
            "--endpoint",
        ])
        .arg(&env.recorder.url)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .output()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(
        stderr.trim(),
        "import-pool: listing the app clients of user pool us-east-1_NoSuchPool9 failed: no such user pool"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// import-pool's messages name what import-pool reads (its flags, the environment), not the
/// provider's configuration keys, which it does not read.
#[tokio::test]
async fn import_pool_names_its_own_flags_in_its_errors() {
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let endpoint = format!(
        "http://{}",
        closed.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    drop(closed);
    let run = |credentials: bool| {
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_pulumi-resource-cognito"));
        cmd.args(["import-pool", "us-east-1_Abc123", "--endpoint", &endpoint])
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_PROFILE")
            .env("AWS_CONFIG_FILE", "/nonexistent/config")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
            .env("AWS_EC2_METADATA_DISABLED", "true");
        if credentials {
            cmd.env("AWS_ACCESS_KEY_ID", "testing")
                .env("AWS_SECRET_ACCESS_KEY", "testing");
        }
        cmd.output()
    };
    let out = run(false).await.unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("no AWS credentials were found"), "{stderr}");
    assert!(
        stderr.contains("`--profile`") && stderr.contains("AWS_ACCESS_KEY_ID"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("provider's configuration") && !stderr.contains("accessKey"),
        "{stderr}"
    );

    let out = run(true).await.unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("{endpoint} (set by `--endpoint`)")),
        "{stderr}"
    );
    assert!(!stderr.contains("cognito:endpoint"), "{stderr}");
}
