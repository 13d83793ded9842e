//! Test harness: the real plugin binary over real gRPC, a Cognito emulator on loopback (moto,
//! or the strict one with `COGNITO_TEST_EMULATOR=strict`), and a recording proxy between the
//! two that keeps every Cognito request the provider sends.
//!
//! The emulators are found through `COGNITO_TEST_MOTO` (the `moto_server` executable) and
//! `COGNITO_TEST_STRICT` (the strict emulator's binary); `make test` sets both. Without them a
//! test prints why it is skipped, unless `COGNITO_TEST_REQUIRE=1`, which `make test` sets so
//! that nothing is skipped there.
#![allow(dead_code)]

pub mod calls;
pub mod engine;
pub mod fixtures;
pub mod proxy;

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pulumi_resource_cognito::plugin::codec::{decode_struct, encode_struct};
use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::{PropertyMap, Value};
use rpc::resource_provider_client::ResourceProviderClient;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpListener;
use tokio::process::{Child, Command};
use tonic::transport::Channel;

pub const TOKEN: &str = "cognito:index:UserPoolClient";
pub const REGION: &str = "us-east-1";

pub fn urn(name: &str) -> String {
    format!("urn:pulumi:test::cognito-tests::{TOKEN}::{name}")
}

pub use pulumi_resource_cognito::value::map_of as map;

pub fn encode(pairs: &[(&str, Value)]) -> Option<prost_types::Struct> {
    Some(encode_struct(&map(pairs)))
}

pub fn decode(s: &Option<prost_types::Struct>) -> PropertyMap {
    decode_struct(s.as_ref())
}

/// Whether tests that need external tools must run (under `make test`) or may skip.
pub fn required() -> bool {
    std::env::var("COGNITO_TEST_REQUIRE").is_ok_and(|v| v == "1")
}

/// Which Cognito emulator a test run uses: `COGNITO_TEST_EMULATOR=moto` (the default) or
/// `strict`. `make test` runs the integration suites once with each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// moto server (`COGNITO_TEST_MOTO` names `moto_server`): lenient, merges partial updates.
    Moto,
    /// fakecloud's Cognito (`COGNITO_TEST_STRICT` names the binary that
    /// sdk-gen/install-strict-cognito.sh builds): resets what an update leaves out, as real
    /// Cognito does, and issues real OAuth tokens.
    Strict,
}

impl Kind {
    pub fn from_env() -> Kind {
        match std::env::var("COGNITO_TEST_EMULATOR").as_deref() {
            Ok("strict") => Kind::Strict,
            Ok("moto") | Err(_) => Kind::Moto,
            Ok(other) => panic!("COGNITO_TEST_EMULATOR={other:?}: expected moto or strict"),
        }
    }
}

/// A Cognito emulator on a free loopback port, stopped when dropped.
pub struct Emulator {
    child: Child,
    pub url: String,
    pub kind: Kind,
}

/// The AWS account every emulator is, unless a test asks for another.
pub const ACCOUNT: &str = "123456789012";

impl Emulator {
    pub async fn start() -> Option<Emulator> {
        Emulator::start_in(ACCOUNT).await
    }

    /// An emulator whose one account (what STS GetCallerIdentity answers, and where its pools
    /// live) is `account`: a second emulator in another account stands for the same provider
    /// pointed at the wrong account.
    pub async fn start_in(account: &str) -> Option<Emulator> {
        match Kind::from_env() {
            Kind::Moto => Emulator::moto(account).await,
            Kind::Strict => Emulator::strict(account).await,
        }
    }

    fn executable(var: &str) -> Option<String> {
        match std::env::var(var) {
            Ok(exe) => Some(exe),
            Err(_) => {
                assert!(
                    !required(),
                    "{var} is not set: run the tests with `make test`"
                );
                eprintln!("skipped: {var} is not set (run `make test` to install the emulator)");
                None
            }
        }
    }

    pub async fn moto(account: &str) -> Option<Emulator> {
        let exe = Emulator::executable("COGNITO_TEST_MOTO")?;
        let port = free_port().await;
        let child = Command::new(exe)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_ACCOUNT_ID", account)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("starting moto_server: {e}"));
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Some(Emulator {
                    child,
                    url,
                    kind: Kind::Moto,
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("moto_server did not listen on {url} within 10s");
    }

    /// The strict emulator binds port 0 itself and prints its URL once it listens.
    async fn strict(account: &str) -> Option<Emulator> {
        let exe = Emulator::executable("COGNITO_TEST_STRICT")?;
        let mut child = Command::new(exe)
            .args(["--port", "0", "--account", account])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("starting the strict emulator: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut line = String::new();
        let read = tokio::time::timeout(
            Duration::from_secs(10),
            BufReader::new(stdout).read_line(&mut line),
        )
        .await;
        assert!(
            matches!(read, Ok(Ok(n)) if n > 0),
            "the strict emulator printed no URL within 10s"
        );
        Some(Emulator {
            child,
            url: line.trim().to_string(),
            kind: Kind::Strict,
        })
    }

    pub fn is_strict(&self) -> bool {
        self.kind == Kind::Strict
    }
}

async fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    l.local_addr()
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"))
}

#[allow(unused_imports)]
pub use engine::{FakeEngine, fake_engine};
#[allow(unused_imports)] // not every test file uses each
pub use fixtures::every_input;
#[allow(unused_imports)]
pub use proxy::{Call, Fault, OTHER_SECRET, Recorder};

/// The plugin binary, started as the engine starts it, with a gRPC client connected.
/// CheckConfig, then Configure with the inputs Check returned, as the engine does; Check's
/// answer, for the caller to look at its failures.
pub async fn check_then_configure(
    client: &mut ResourceProviderClient<Channel>,
    config: &PropertyMap,
) -> rpc::CheckResponse {
    let checked = client
        .check_config(rpc::CheckRequest {
            news: Some(encode_struct(config)),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("check config: {e}"))
        .into_inner();
    client
        .configure(rpc::ConfigureRequest {
            args: checked.inputs.clone(),
            accept_secrets: true,
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("configure: {e}"));
    checked
}

pub struct Plugin {
    pub child: Child,
    pub port: u16,
    pub client: ResourceProviderClient<Channel>,
}

impl Plugin {
    pub async fn start(args: &[&str]) -> Plugin {
        Plugin::spawn(args, &[], None).await
    }

    /// With extra environment, and everything the plugin writes to stderr kept in `log`.
    pub async fn start_logged(
        args: &[&str],
        env: &[(&str, &str)],
        log: Arc<Mutex<String>>,
    ) -> Plugin {
        Plugin::spawn(args, env, Some(log)).await
    }

    /// In an environment with nothing of AWS's but `env`: no credentials, profiles, region or
    /// endpoint from the machine running the tests.
    pub async fn start_without_aws(args: &[&str], env: &[(&str, &str)]) -> Plugin {
        let mut clean: Vec<(&str, &str)> = vec![
            ("AWS_CONFIG_FILE", "/nonexistent/aws-config"),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                "/nonexistent/aws-credentials",
            ),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ];
        clean.extend_from_slice(env);
        Plugin::spawn_in(args, &clean, None, true).await
    }

    async fn spawn(args: &[&str], env: &[(&str, &str)], log: Option<Arc<Mutex<String>>>) -> Plugin {
        Plugin::spawn_in(args, env, log, false).await
    }

    async fn spawn_in(
        args: &[&str],
        env: &[(&str, &str)],
        log: Option<Arc<Mutex<String>>>,
        without_aws: bool,
    ) -> Plugin {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pulumi-resource-cognito"));
        if without_aws {
            for (key, _) in std::env::vars() {
                if key.starts_with("AWS_") {
                    command.env_remove(key);
                }
            }
        }
        command
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(if log.is_some() {
                Stdio::piped()
            } else {
                Stdio::inherit()
            })
            .kill_on_drop(true);
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("starting the plugin: {e}"));
        if let (Some(log), Some(stderr)) = (log, child.stderr.take()) {
            tokio::spawn(async move {
                let mut lines = BufReader::new(stderr).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Ok(mut l) = log.lock() {
                        l.push_str(&line);
                        l.push('\n');
                    }
                }
            });
        }
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let port: u16 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("first stdout line {line:?} is not a port"));
        let client = ResourceProviderClient::connect(format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| panic!("connecting to the plugin: {e}"));
        Plugin {
            child,
            port,
            client,
        }
    }
}

/// Everything a lifecycle test needs: an emulator, the recorder in front of it, a configured
/// plugin, a direct SDK client for checking what Cognito holds, and a user pool.
pub struct Env {
    pub emulator: Emulator,
    pub recorder: Recorder,
    pub plugin: Plugin,
    pub cognito: aws_sdk_cognitoidentityprovider::Client,
    pub pool: String,
}

impl Env {
    pub async fn start() -> Option<Env> {
        Env::start_with(&[]).await
    }

    /// With provider configuration added to (or replacing) the defaults.
    pub async fn start_with(overrides: &[(&str, Value)]) -> Option<Env> {
        Env::start_with_args(overrides, &[]).await
    }

    /// With the plugin started with these arguments (such as a fake engine's address).
    pub async fn start_with_args(overrides: &[(&str, Value)], args: &[&str]) -> Option<Env> {
        Env::start_full(ACCOUNT, overrides, args).await
    }

    /// In an emulator of another account (see `Emulator::start_in`).
    pub async fn start_in_account(account: &str) -> Option<Env> {
        Env::start_full(account, &[], &[]).await
    }

    async fn start_full(account: &str, overrides: &[(&str, Value)], args: &[&str]) -> Option<Env> {
        let emulator = Emulator::start_in(account).await?;
        let recorder = Recorder::start(&emulator.url).await;
        // STS (the account of the credentials) is the emulator's too.
        let mut plugin = Plugin::spawn(
            args,
            &[("AWS_ENDPOINT_URL_STS", emulator.url.as_str())],
            None,
        )
        .await;
        let mut config = map(&[
            ("region", Value::string(REGION)),
            ("endpoint", Value::string(&recorder.url)),
            ("accessKey", Value::string("testing")),
            ("secretKey", Value::string("testing").secret_if(true)),
            ("maxRetries", Value::string("1")),
        ]);
        config.extend(map(overrides));
        let config = Some(encode_struct(&config));
        plugin
            .client
            .configure(rpc::ConfigureRequest {
                args: config,
                accept_secrets: true,
                ..Default::default()
            })
            .await
            .unwrap_or_else(|e| panic!("configure: {e}"));
        let cognito = direct_client(&emulator.url);
        let pool = cognito
            .create_user_pool()
            .pool_name("tests")
            .send()
            .await
            .unwrap_or_else(|e| panic!("creating a pool: {e:?}"))
            .user_pool
            .and_then(|p| p.id)
            .unwrap_or_else(|| panic!("no pool id"));
        recorder.clear();
        Some(Env {
            emulator,
            recorder,
            plugin,
            cognito,
            pool,
        })
    }

    pub fn client(&self) -> ResourceProviderClient<Channel> {
        self.plugin.client.clone()
    }
}

/// Gives the pool a resource server `identifier` with one scope (`<identifier>/<scope>`), as
/// clients asking for custom scopes need.
pub async fn add_resource_server(
    cognito: &aws_sdk_cognitoidentityprovider::Client,
    pool: &str,
    identifier: &str,
    scope: &str,
) {
    cognito
        .create_resource_server()
        .user_pool_id(pool)
        .identifier(identifier)
        .name(identifier)
        .scopes(
            aws_sdk_cognitoidentityprovider::types::ResourceServerScopeType::builder()
                .scope_name(scope)
                .scope_description(scope)
                .build()
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .send()
        .await
        .unwrap_or_else(|e| panic!("creating a resource server: {e:?}"));
}

/// Creates a user pool in the emulator directly and returns its id.
pub async fn create_pool(endpoint: &str, name: &str) -> String {
    direct_client(endpoint)
        .create_user_pool()
        .pool_name(name)
        .send()
        .await
        .unwrap_or_else(|e| panic!("creating a pool: {e:?}"))
        .user_pool
        .and_then(|p| p.id)
        .unwrap_or_else(|| panic!("no pool id"))
}

/// An SDK client that talks to the emulator directly, bypassing the provider.
pub fn direct_client(endpoint: &str) -> aws_sdk_cognitoidentityprovider::Client {
    direct_client_in(endpoint, REGION)
}

/// An SDK client that talks to the emulator directly, signing for `region`.
pub fn direct_client_in(endpoint: &str, region: &str) -> aws_sdk_cognitoidentityprovider::Client {
    use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .build();
    aws_sdk_cognitoidentityprovider::Client::from_conf(config)
}
