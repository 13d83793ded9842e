//! `cognito:assumeRole`: the Cognito calls are signed with the assumed role's credentials, the
//! role is assumed with the base credentials, the temporary credentials are renewed before they
//! expire, and a refused assume-role is one clear error naming the role.
//!
//! STS is moto's (the real protocol, AWS_ENDPOINT_URL_STS), or a small STS on loopback where a
//! test needs to control what STS answers: short-lived credentials, or AccessDenied.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use pulumi_resource_cognito::value::Value;
use support::*;
use tokio::net::TcpListener;

/// How long the loopback STS's credentials last, in seconds.
const LIFETIME: u64 = 15;

const ROLE: &str = "arn:aws:iam::123456789012:role/cognito-deployer";

/// What the loopback STS does.
#[derive(Clone, Copy)]
enum Answer {
    /// Credentials that expire this many seconds after they are issued.
    Credentials { lifetime: u64 },
    /// 403 AccessDenied, as STS answers a caller the role's trust policy does not name.
    Denied,
}

/// One AssumeRole request: its form parameters and the access key that signed it.
#[derive(Debug, Clone)]
struct Assumed {
    params: Vec<(String, String)>,
    signed_by: String,
}

impl Assumed {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone)]
struct Sts {
    url: String,
    requests: Arc<Mutex<Vec<Assumed>>>,
}

impl Sts {
    async fn start(answer: Answer) -> Sts {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let url = format!(
            "http://{}",
            listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
        );
        let sts = Sts {
            url,
            requests: Arc::default(),
        };
        let shared = sts.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let sts = shared.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        let sts = sts.clone();
                        async move { sts.handle(req, answer).await }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        sts
    }

    fn requests(&self) -> Vec<Assumed> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    async fn handle(
        &self,
        req: hyper::Request<Incoming>,
        answer: Answer,
    ) -> Result<hyper::Response<Full<Bytes>>, hyper::Error> {
        let signed_by = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|a| a.split("Credential=").nth(1))
            .and_then(|c| c.split('/').next())
            .unwrap_or_default()
            .to_string();
        let body = req.into_body().collect().await?.to_bytes();
        let params: Vec<(String, String)> = url::form_urlencoded::parse(&body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let n = {
            let mut r = self.requests.lock().unwrap_or_else(|e| panic!("{e}"));
            r.push(Assumed { params, signed_by });
            r.len()
        };
        let (status, text) = match answer {
            Answer::Credentials { lifetime } => {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or_default();
                let expires = DateTime::from_secs((now + lifetime) as i64)
                    .fmt(Format::DateTime)
                    .unwrap_or_default();
                (
                    200,
                    format!(
                        r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAASSUMED{n:05}</AccessKeyId><SecretAccessKey>assumed-secret-{n}</SecretAccessKey><SessionToken>assumed-token-{n}</SessionToken><Expiration>{expires}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/cognito-deployer/s</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r{n}</RequestId></ResponseMetadata></AssumeRoleResponse>"#
                    ),
                )
            }
            Answer::Denied => (
                403,
                format!(
                    r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::111111111111:user/ci is not authorized to perform: sts:AssumeRole on resource: {ROLE}</Message></Error><RequestId>r{n}</RequestId></ErrorResponse>"#
                ),
            ),
        };
        Ok(hyper::Response::builder()
            .status(status)
            .header("content-type", "text/xml")
            .body(Full::new(Bytes::from(text)))
            .unwrap_or_else(|e| panic!("{e}")))
    }
}

/// A plugin whose STS is `sts_url`, configured with base keys and `assumeRole`, in front of
/// the emulator through a recorder; and a pool.
async fn env_assuming(sts_url: &str, role: &str) -> Option<Env> {
    let emulator = Emulator::start().await?;
    let recorder = Recorder::start(&emulator.url).await;
    let plugin = Plugin::start_without_aws(&[], &[("AWS_ENDPOINT_URL_STS", sts_url)]).await;
    let config = map(&[
        ("region", Value::string(REGION)),
        ("endpoint", Value::string(&recorder.url)),
        ("accessKey", Value::string("AKIABASEKEY")),
        ("secretKey", Value::string("base-secret").secret_if(true)),
        ("maxRetries", Value::string("1")),
        ("assumeRole", Value::string(role)),
    ]);
    let mut client = plugin.client.clone();
    let checked = check_then_configure(&mut client, &config).await;
    assert!(checked.failures.is_empty(), "{:?}", checked.failures);
    let cognito = direct_client(&emulator.url);
    let pool = create_pool(&emulator.url, "assume-role").await;
    recorder.clear();
    Some(Env {
        emulator,
        recorder,
        plugin,
        cognito,
        pool,
    })
}

/// The access key that signed each Cognito call so far.
fn signed_by(env: &Env) -> Vec<String> {
    env.recorder
        .calls()
        .into_iter()
        .map(|c| c.access_key)
        .collect()
}

fn inputs(env: &Env, name: &str) -> pulumi_resource_cognito::value::PropertyMap {
    map(&[
        ("userPoolId", Value::string(&env.pool)),
        ("clientName", Value::string(name)),
    ])
}

#[tokio::test]
async fn cognito_calls_are_signed_with_the_role_moto_sts_issued() {
    // moto serves STS on its own port whichever emulator serves Cognito.
    let Some(sts) = Emulator::moto(ACCOUNT).await else {
        return;
    };
    let role = format!(r#"{{"roleArn":"{ROLE}","sessionName":"pulumi-test"}}"#);
    let Some(env) = env_assuming(&sts.url, &role).await else {
        return;
    };
    let (id, outputs) = calls::create(&env, "assumed", &inputs(&env, "assumed"), false).await;
    assert!(!id.is_empty(), "{outputs:?}");
    let keys: Vec<String> = signed_by(&env);
    assert!(!keys.is_empty());
    for key in &keys {
        // moto issues temporary keys as ASIA...; the base key never signs a Cognito call.
        assert!(
            key.starts_with("ASIA"),
            "a Cognito call was signed with {key}"
        );
        assert_ne!(key, "AKIABASEKEY");
    }
}

#[tokio::test]
async fn the_role_is_assumed_with_the_base_keys_and_expired_credentials_are_never_used() {
    // Each set of credentials lives 15 s. The SDK renews them when they are within a random
    // 0-5 s of expiring, so the first create (a few calls) runs on one set, and a call after
    // they expired must not go out with them.
    let sts = Sts::start(Answer::Credentials { lifetime: LIFETIME }).await;
    let started = std::time::Instant::now();
    let role = format!(
        r#"{{"roleArn":"{ROLE}","sessionName":"deploy-1","externalId":"tenant-42","durationSeconds":900}}"#
    );
    let Some(env) = env_assuming(&sts.url, &role).await else {
        return;
    };
    calls::create(&env, "first", &inputs(&env, "first"), false).await;
    // Besides AssumeRole, STS is asked for the account (GetCallerIdentity), as the role.
    let (first, identity): (Vec<_>, Vec<_>) = sts
        .requests()
        .into_iter()
        .partition(|r| r.param("Action") != Some("GetCallerIdentity"));
    assert!(
        identity.iter().all(|r| r.signed_by == "ASIAASSUMED00001"),
        "{identity:?}"
    );
    assert_eq!(first.len(), 1, "{first:?}");
    let asked = &first[0];
    assert_eq!(asked.param("Action"), Some("AssumeRole"));
    assert_eq!(asked.param("RoleArn"), Some(ROLE));
    assert_eq!(asked.param("RoleSessionName"), Some("deploy-1"));
    assert_eq!(asked.param("ExternalId"), Some("tenant-42"));
    assert_eq!(asked.param("DurationSeconds"), Some("900"));
    assert_eq!(asked.signed_by, "AKIABASEKEY");
    let signers: Vec<String> = signed_by(&env);
    assert!(
        signers.iter().all(|k| k == "ASIAASSUMED00001"),
        "{signers:?}"
    );

    // Later in a long deployment: the credentials have expired, so new ones are fetched
    // before the next call rather than sending the old ones.
    let expired = Duration::from_secs(LIFETIME + 1);
    tokio::time::sleep(expired.saturating_sub(started.elapsed())).await;
    env.recorder.clear();
    calls::create(&env, "second", &inputs(&env, "second"), false).await;
    assert!(sts.requests().len() >= 2, "{:?}", sts.requests());
    let signers: Vec<String> = signed_by(&env);
    assert!(
        !signers.is_empty() && signers.iter().all(|k| k != "ASIAASSUMED00001"),
        "calls after expiry were signed with {signers:?}"
    );
}

#[tokio::test]
async fn a_refused_assume_role_is_one_error_naming_the_role() {
    let sts = Sts::start(Answer::Denied).await;
    let role = format!(r#"{{"roleArn":"{ROLE}"}}"#);
    let Some(env) = env_assuming(&sts.url, &role).await else {
        return;
    };
    let err = calls::try_create(&env, "denied", &inputs(&env, "denied"), 0.0)
        .await
        .err()
        .unwrap_or_else(|| panic!("the create succeeded without credentials"));
    let message = err.message();
    assert!(message.contains(ROLE), "{message}");
    assert!(message.contains("AccessDenied"), "{message}");
    assert!(message.contains("`assumeRole.roleArn`"), "{message}");
    assert!(!message.contains('\n'), "{message}");
    assert!(!message.contains("Error {"), "a debug dump: {message}");
    // The base credentials were found: advice on where to set credentials would mislead.
    assert!(!message.contains("AWS_ACCESS_KEY_ID"), "{message}");
    // Nothing reached Cognito, and a refusal is not retried as if it might pass.
    assert!(env.recorder.calls().is_empty());
    assert_eq!(sts.requests().len(), 1, "{:?}", sts.requests());
}
