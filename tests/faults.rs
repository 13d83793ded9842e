//! Failures between the provider and Cognito: a fault-injecting proxy in front of moto
//! throttles, refuses, fails, delays and drops requests, before or after moto has processed
//! them. Every case must end in success or a clear error, with no duplicate client and none
//! orphaned (a client in Cognito that the engine was not told about).

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use futures::future::join_all;
use prost::Message;
use pulumi_resource_cognito::plugin::codec::encode_struct;
use pulumi_resource_cognito::plugin::proto::{google_rpc, pulumirpc as rpc};
use pulumi_resource_cognito::value::{PropertyMap, Value};
use support::calls::*;
use support::*;
use tonic::Code;

async fn env(changes_per_second: u32) -> Option<Env> {
    Env::start_with(&[
        ("maxRetries", Value::string("8")),
        (
            "poolChangesPerSecond",
            Value::string(changes_per_second.to_string()),
        ),
    ])
    .await
}

fn program(env: &Env, name: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("userPoolId", Value::string(&env.pool)),
        ("clientName", Value::string(name)),
        ("generateSecret", Value::Bool(true)),
    ]
}

async fn try_create(env: &Env, name: &str, timeout: f64) -> Result<String, tonic::Status> {
    let inputs = check(env, name, &PropertyMap::new(), &program(env, name)).await;
    env.client()
        .create(rpc::CreateRequest {
            urn: urn(name),
            r#type: TOKEN.into(),
            properties: Some(encode_struct(&inputs)),
            timeout,
            ..Default::default()
        })
        .await
        .map(|r| r.into_inner().id)
}

/// The id the engine records from a failed create, when the failure says the client exists.
fn recorded_id(status: &tonic::Status) -> Option<String> {
    let envelope = google_rpc::Status::decode(status.details()).ok()?;
    let any = envelope
        .details
        .into_iter()
        .find(|d| d.type_url.ends_with("ErrorResourceInitFailed"))?;
    Some(
        rpc::ErrorResourceInitFailed::decode(any.value.as_slice())
            .ok()?
            .id,
    )
}

/// The pool's clients as (name, `<pool>/<client>` id), straight from moto.
async fn clients_in_pool(env: &Env) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut pages = env
        .cognito
        .list_user_pool_clients()
        .user_pool_id(&env.pool)
        .max_results(60)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.unwrap_or_else(|e| panic!("listing clients: {e:?}"));
        for c in page.user_pool_clients() {
            let name = c.client_name().unwrap_or_default().to_string();
            out.push((
                name,
                format!("{}/{}", env.pool, c.client_id().unwrap_or_default()),
            ));
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn a_create_survives_every_kind_of_transient_failure_without_a_duplicate() {
    let Some(env) = env(0).await else { return };
    let cases: Vec<(&str, Vec<Fault>)> = vec![
        ("throttled", vec![Fault::Throttle, Fault::Throttle]),
        ("conflict", vec![Fault::Conflict]),
        ("server-error", vec![Fault::ServerError]),
        ("server-error-after", vec![Fault::ServerErrorAfter]),
        ("reset", vec![Fault::Reset]),
        ("reset-after", vec![Fault::ResetAfter]),
    ];
    for (name, faults) in cases {
        env.recorder.inject("CreateUserPoolClient", &faults);
        let id = try_create(&env, name, 0.0)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let named: Vec<_> = clients_in_pool(&env)
            .await
            .into_iter()
            .filter(|(n, _)| n == name)
            .collect();
        assert_eq!(
            named,
            [(name.to_string(), id)],
            "{name}: exactly the reported client exists"
        );
    }
}

#[tokio::test]
async fn quotas_and_invalid_input_fail_at_once() {
    let Some(env) = env(0).await else { return };
    env.recorder.inject("CreateUserPoolClient", &[Fault::Quota]);
    let err = try_create(&env, "over-quota", 0.0)
        .await
        .err()
        .unwrap_or_else(|| panic!("created over the quota"));
    assert_eq!(err.code(), Code::ResourceExhausted);
    assert!(
        err.message().contains("LimitExceededException"),
        "{}",
        err.message()
    );
    assert_eq!(
        env.recorder.calls_to("CreateUserPoolClient").len(),
        1,
        "a hard quota is not retried"
    );
    assert!(clients_in_pool(&env).await.is_empty());
}

#[tokio::test]
async fn updates_and_deletes_retry_conflicts_throttling_and_server_errors() {
    let Some(env) = env(0).await else { return };
    let inputs = check(&env, "web", &PropertyMap::new(), &program(&env, "web")).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    let mut news = inputs.clone();
    news.insert("authSessionValidity".into(), Value::Number(9.0));
    env.recorder.inject(
        "UpdateUserPoolClient",
        &[Fault::Conflict, Fault::Throttle, Fault::ServerError],
    );
    update(&env, &id, &outputs, &inputs, &news, false).await;
    assert_eq!(
        describe(&env, &id)
            .await
            .and_then(|c| c.auth_session_validity()),
        Some(9)
    );
    env.recorder.inject(
        "DeleteUserPoolClient",
        &[Fault::Conflict, Fault::ResetAfter],
    );
    delete(&env, &id)
        .await
        .unwrap_or_else(|e| panic!("delete: {e}"));
    assert!(clients_in_pool(&env).await.is_empty());
}

#[tokio::test]
async fn a_create_that_outlives_the_timeout_is_recorded_not_orphaned() {
    let Some(env) = env(0).await else { return };
    env.recorder.inject(
        "CreateUserPoolClient",
        &[Fault::DelayAfter(Duration::from_secs(3))],
    );
    let err = try_create(&env, "slow", 1.0)
        .await
        .err()
        .unwrap_or_else(|| panic!("no timeout"));
    let in_pool = clients_in_pool(&env).await;
    assert_eq!(in_pool.len(), 1, "moto made the client");
    assert_eq!(
        recorded_id(&err),
        Some(in_pool[0].1.clone()),
        "the engine is told its id: {err:?}"
    );
    assert!(err.message().contains("timeout"), "{}", err.message());
}

#[tokio::test]
async fn fifty_parallel_creates_and_deletes_under_faults_end_cleanly() {
    let Some(env) = env(0).await else { return };
    env.recorder
        .inject_every("CreateUserPoolClient", 3, Fault::Throttle);
    env.recorder
        .inject_every("CreateUserPoolClient", 5, Fault::ServerErrorAfter);
    env.recorder
        .inject_every("CreateUserPoolClient", 7, Fault::ResetAfter);
    env.recorder
        .inject_every("CreateUserPoolClient", 11, Fault::ServerError);
    env.recorder
        .inject_every("DeleteUserPoolClient", 4, Fault::Conflict);
    env.recorder
        .inject_every("DeleteUserPoolClient", 6, Fault::ServerErrorAfter);

    let creates = (0..50).map(|i| {
        let env = &env;
        async move { try_create(env, &format!("parallel-{i}"), 0.0).await }
    });
    let results = join_all(creates).await;
    let mut known = BTreeSet::new();
    for (i, r) in results.iter().enumerate() {
        match r {
            Ok(id) => {
                known.insert(id.clone());
            }
            Err(e) => {
                assert!(
                    !e.message().is_empty(),
                    "create {i}: an error must explain itself"
                );
                if let Some(id) = recorded_id(e) {
                    known.insert(id);
                }
            }
        }
    }
    let in_pool = clients_in_pool(&env).await;
    let names: BTreeSet<_> = in_pool.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(
        names.len(),
        in_pool.len(),
        "no name twice: no duplicate client"
    );
    let ids: BTreeSet<_> = in_pool.iter().map(|(_, id)| id.clone()).collect();
    assert_eq!(
        ids, known,
        "every client in the pool was reported to the engine, and only those"
    );
    assert!(
        results.iter().filter(|r| r.is_ok()).count() >= 45,
        "retries should carry nearly all: {results:?}"
    );

    let deletes = known.iter().map(|id| {
        let env = &env;
        async move { delete(env, id).await }
    });
    for r in join_all(deletes).await {
        r.unwrap_or_else(|e| panic!("delete: {e}"));
    }
    assert!(
        clients_in_pool(&env).await.is_empty(),
        "nothing left behind"
    );
}

#[tokio::test]
async fn pacing_keeps_a_busy_pool_within_cognitos_rate_limit() {
    // Control: without pacing, twenty creates at once trip a 6-per-second limit (and still
    // succeed, through retries).
    let Some(unpaced) = env(0).await else { return };
    unpaced.recorder.limit_changes(6);
    let all = join_all((0..20).map(|i| {
        let env = &unpaced;
        async move { try_create(env, &format!("u-{i}"), 0.0).await }
    }))
    .await;
    assert!(all.iter().all(Result::is_ok), "{all:?}");
    assert!(
        unpaced.recorder.rejected_by_limit() > 0,
        "the simulated limit must bite without pacing"
    );

    let Some(paced) = env(5).await else { return };
    paced.recorder.limit_changes(6);
    let all = join_all((0..20).map(|i| {
        let env = &paced;
        async move { try_create(env, &format!("p-{i}"), 0.0).await }
    }))
    .await;
    assert!(all.iter().all(Result::is_ok), "{all:?}");
    assert_eq!(
        paced.recorder.rejected_by_limit(),
        0,
        "paced at 5 per second, no change is refused"
    );
}
