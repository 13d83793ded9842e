//! Whole-process measurements of the release binary (run by `make bench`, which writes
//! BENCHMARKS.md from the `name=value` lines this prints):
//!
//! - cold start: exec until the port line, median of interleaved runs with `/bin/echo`;
//! - resident memory after Handshake, Configure and GetSchema, and after 1,000 operations;
//! - per-operation overhead: the same create/read/update/delete cycles through the provider
//!   over gRPC and directly with the AWS SDK, against the same emulator (`make bench` uses the strict one, which dates clients as Cognito
//!   does).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pulumi_resource_cognito::plugin::codec::encode_struct;
use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::Value;
use rpc::resource_provider_client::ResourceProviderClient;

const PROVIDER: &str = env!("CARGO_BIN_EXE_pulumi-resource-cognito");
const STARTS: usize = 41;
const CYCLES: usize = 250; // four operations each

fn report(name: &str, value: impl std::fmt::Display) {
    println!("{name}={value}");
}

/// Time from exec to the first line on stdout.
fn time_to_first_line(program: &str, args: &[&str]) -> Duration {
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let elapsed = start.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.ends_with('\n'), "{program} printed no line");
    elapsed
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn cold_start() {
    let (mut provider, mut echo) = (Vec::new(), Vec::new());
    for _ in 0..STARTS {
        provider.push(time_to_first_line(PROVIDER, &[]));
        echo.push(time_to_first_line("/bin/echo", &["12345"]));
    }
    let (p, e) = (median(provider), median(echo));
    report("start_runs", STARTS);
    report("start_provider_us", p.as_micros());
    report("start_echo_us", e.as_micros());
    report(
        "start_ratio",
        format!("{:.2}", p.as_secs_f64() / e.as_secs_f64()),
    );
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

use pulumi_resource_cognito::value::map_of as map;

async fn provider_cycles(
    client: &mut ResourceProviderClient<tonic::transport::Channel>,
    pool: &str,
    n: usize,
) -> Duration {
    let token = "cognito:index:UserPoolClient".to_string();
    let start = Instant::now();
    for i in 0..n {
        let inputs = map(&[
            ("userPoolId", Value::string(pool)),
            ("clientName", Value::string(format!("bench-{i}"))),
            ("generateSecret", Value::Bool(true)),
            (
                "callbackUrls",
                Value::strings(&["https://a.example.com/cb"]),
            ),
            ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
        ]);
        let created = client
            .create(rpc::CreateRequest {
                r#type: token.clone(),
                properties: Some(encode_struct(&inputs)),
                ..Default::default()
            })
            .await
            .unwrap_or_else(|e| panic!("create: {e}"))
            .into_inner();
        let read = client
            .read(rpc::ReadRequest {
                id: created.id.clone(),
                r#type: token.clone(),
                ..Default::default()
            })
            .await
            .unwrap_or_else(|e| panic!("read: {e}"))
            .into_inner();
        let mut news = inputs.clone();
        news.insert("authSessionValidity".into(), Value::Number(5.0));
        client
            .update(rpc::UpdateRequest {
                id: created.id.clone(),
                r#type: token.clone(),
                olds: read.properties,
                old_inputs: Some(encode_struct(&inputs)),
                news: Some(encode_struct(&news)),
                ..Default::default()
            })
            .await
            .unwrap_or_else(|e| panic!("update: {e}"));
        client
            .delete(rpc::DeleteRequest {
                id: created.id,
                r#type: token.clone(),
                ..Default::default()
            })
            .await
            .unwrap_or_else(|e| panic!("delete: {e}"));
    }
    start.elapsed()
}

/// The same calls the provider makes for one cycle (it sends every setting on create and
/// update), straight from the SDK.
async fn sdk_cycles(
    sdk: &aws_sdk_cognitoidentityprovider::Client,
    pool: &str,
    n: usize,
) -> Duration {
    let start = Instant::now();
    for i in 0..n {
        let created = sdk
            .create_user_pool_client()
            .user_pool_id(pool)
            .client_name(format!("direct-{i}"))
            .generate_secret(true)
            .callback_urls("https://a.example.com/cb")
            .allowed_o_auth_flows_user_pool_client(true)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let id = created
            .user_pool_client
            .and_then(|c| c.client_id)
            .unwrap_or_default();
        sdk.describe_user_pool_client()
            .user_pool_id(pool)
            .client_id(&id)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        sdk.update_user_pool_client()
            .user_pool_id(pool)
            .client_id(&id)
            .client_name(format!("direct-{i}"))
            .auth_session_validity(5)
            .callback_urls("https://a.example.com/cb")
            .allowed_o_auth_flows_user_pool_client(true)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        sdk.delete_user_pool_client()
            .user_pool_id(pool)
            .client_id(&id)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
    }
    start.elapsed()
}

async fn memory_and_overhead(cognito: &str) {
    let mut child = tokio::process::Command::new(PROVIDER)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let pid = child.id().unwrap_or_default();
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ =
            tokio::io::AsyncBufReadExt::read_line(&mut tokio::io::BufReader::new(out), &mut line)
                .await;
    }
    let mut client = ResourceProviderClient::connect(format!("http://127.0.0.1:{}", line.trim()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    client
        .handshake(rpc::ProviderHandshakeRequest::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let config = map(&[
        ("region", Value::string("us-east-1")),
        ("endpoint", Value::string(cognito)),
        ("accessKey", Value::string("testing")),
        ("secretKey", Value::string("testing")),
        ("poolChangesPerSecond", Value::string("0")),
    ]);
    client
        .configure(rpc::ConfigureRequest {
            args: Some(encode_struct(&config)),
            accept_secrets: true,
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    client
        .get_schema(rpc::GetSchemaRequest::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    report("rss_after_configure_kib", rss_kib(pid));

    let sdk = {
        use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
        let conf = aws_sdk_cognitoidentityprovider::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(cognito)
            .credentials_provider(Credentials::new("testing", "testing", None, None, "bench"))
            .build();
        aws_sdk_cognitoidentityprovider::Client::from_conf(conf)
    };
    let pool = sdk
        .create_user_pool()
        .pool_name("bench")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .user_pool
        .and_then(|p| p.id)
        .unwrap_or_default();
    // Warm both paths (connections, the emulator's code paths), then alternate the measured rounds.
    sdk_cycles(&sdk, &pool, 10).await;
    provider_cycles(&mut client, &pool, 10).await;
    let (mut via_provider, mut direct) = (Duration::MAX, Duration::MAX);
    for _ in 0..2 {
        direct = direct.min(sdk_cycles(&sdk, &pool, CYCLES / 2).await);
        via_provider = via_provider.min(provider_cycles(&mut client, &pool, CYCLES / 2).await);
    }
    report("rss_after_1000_ops_kib", rss_kib(pid));
    let ops = (CYCLES / 2 * 4) as f64;
    let per_provider = via_provider.as_secs_f64() / ops * 1e3;
    let per_direct = direct.as_secs_f64() / ops * 1e3;
    report("op_provider_ms", format!("{per_provider:.3}"));
    report("op_direct_ms", format!("{per_direct:.3}"));
    report(
        "op_overhead_ms",
        format!("{:.3}", per_provider - per_direct),
    );
    report("op_ratio", format!("{:.3}", per_provider / per_direct));
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is expected.
    cold_start();
    report(
        "binary_bytes",
        std::fs::metadata(PROVIDER).map(|m| m.len()).unwrap_or(0),
    );
    let Ok(cognito) = std::env::var("BENCH_COGNITO_URL") else {
        eprintln!("BENCH_COGNITO_URL is not set: skipping memory and per-operation measurements");
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
    runtime.block_on(memory_and_overhead(&cognito));
}
