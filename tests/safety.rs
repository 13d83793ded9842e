//! The paths that decide a client's fate, each once a way to lose, take over or silently revert
//! a user's client: which client a create's recovery adopts, where "not found" really means
//! gone, how token lifetimes compare with Cognito's defaults, and what an update overwrites
//! when the program ignores changes. Over gRPC, against the emulator, with faults injected and
//! changes made behind the provider's back.

mod support;

use std::time::Duration;

use prost::Message;
use pulumi_resource_cognito::plugin::proto::{google_rpc, pulumirpc as rpc};
use pulumi_resource_cognito::value::{PropertyMap, Value};
use rpc::diff_response::DiffChanges;
use support::calls::*;
use support::*;
use tonic::Code;

async fn env() -> Option<Env> {
    Env::start_with(&[
        ("maxRetries", Value::string("3")),
        ("poolChangesPerSecond", Value::string("0")),
    ])
    .await
}

fn program(pool: &str, name: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("userPoolId", Value::string(pool)),
        ("clientName", Value::string(name)),
        ("generateSecret", Value::Bool(true)),
        ("authSessionValidity", Value::Number(7.0)),
    ]
}

/// A client made outside the provider (by hand, by another stack, or the old client of a
/// replacement), in the emulator directly.
async fn namesake(env: &Env, name: &str) -> String {
    env.cognito
        .create_user_pool_client()
        .user_pool_id(&env.pool)
        .client_name(name)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .user_pool_client
        .and_then(|c| c.client_id)
        .unwrap_or_default()
}

/// The ids of the pool's clients with this name, straight from the emulator.
async fn named(env: &Env, name: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut pages = env
        .cognito
        .list_user_pool_clients()
        .user_pool_id(&env.pool)
        .max_results(60)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.unwrap_or_else(|e| panic!("{e:?}"));
        ids.extend(
            page.user_pool_clients()
                .iter()
                .filter(|c| c.client_name() == Some(name))
                .filter_map(|c| c.client_id().map(str::to_string)),
        );
    }
    ids.sort();
    ids
}

fn client_of(id: &str) -> String {
    id.split_once('/')
        .map(|(_, c)| c.to_string())
        .unwrap_or_default()
}

/// The id the engine records from a failed create (ErrorResourceInitFailed), if any.
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

#[tokio::test]
async fn a_lost_create_never_takes_a_namesake_for_the_new_client() {
    let Some(env) = env().await else { return };
    let name = "fixed-name";
    let old = namesake(&env, name).await;
    // Cognito never acted (the request failed before it), or did and the answer was lost:
    // either way the result is a new client, never the one that carried the name before.
    for fault in [
        Fault::ServerError,
        Fault::Reset,
        Fault::ServerErrorAfter,
        Fault::ResetAfter,
    ] {
        let before = named(&env, name).await;
        env.recorder.inject("CreateUserPoolClient", &[fault]);
        let inputs = check(&env, "web", &PropertyMap::new(), &program(&env.pool, name)).await;
        let (id, outputs) = try_create(&env, "web", &inputs, 0.0)
            .await
            .unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        let made = client_of(&id);
        assert!(
            !before.contains(&made),
            "{fault:?}: adopted {made}, which existed before"
        );
        let after = named(&env, name).await;
        assert_eq!(
            after.len(),
            before.len() + 1,
            "{fault:?}: exactly one new client, no duplicate: {after:?}"
        );
        assert!(after.contains(&made), "{fault:?}");
        assert!(after.contains(&old), "{fault:?}: the namesake is untouched");
        assert!(outputs["clientSecret"].contains_secret(), "{fault:?}");
    }
}

#[tokio::test]
async fn a_create_that_outlives_its_timeout_records_the_new_client_not_a_namesake() {
    let Some(env) = env().await else { return };
    let name = "slow-name";
    let old = namesake(&env, name).await;
    env.recorder.inject(
        "CreateUserPoolClient",
        &[Fault::DelayAfter(Duration::from_secs(3))],
    );
    let inputs = check(&env, "web", &PropertyMap::new(), &program(&env.pool, name)).await;
    let err = try_create(&env, "web", &inputs, 1.0)
        .await
        .err()
        .unwrap_or_else(|| panic!("no timeout"));
    tokio::time::sleep(Duration::from_secs(3)).await;
    let after = named(&env, name).await;
    assert_eq!(after.len(), 2, "{after:?}");
    let new = after
        .iter()
        .find(|id| **id != old)
        .cloned()
        .unwrap_or_default();
    // The answer came after the recovery looked, or before: either way no namesake is named.
    match recorded_id(&err) {
        Some(id) => assert_eq!(client_of(&id), new, "{err:?}"),
        None => assert!(!err.message().contains(&old), "{}", err.message()),
    }
}

#[tokio::test]
async fn without_permission_to_list_clients_the_original_failure_is_shown_and_nothing_adopted() {
    let Some(env) = env().await else { return };
    let name = "denied-name";
    let old = namesake(&env, name).await;
    env.recorder
        .inject("ListUserPoolClients", &[Fault::Denied, Fault::Denied]);
    env.recorder
        .inject("CreateUserPoolClient", &[Fault::ServerError]);
    let inputs = check(&env, "web", &PropertyMap::new(), &program(&env.pool, name)).await;
    let err = try_create(&env, "web", &inputs, 0.0)
        .await
        .err()
        .unwrap_or_else(|| panic!("created without a way to check"));
    let m = err.message();
    assert!(
        m.contains("InternalErrorException"),
        "the original failure: {m}"
    );
    assert!(
        m.contains("permission") && m.contains("ListUserPoolClients"),
        "says what recovery needs: {m}"
    );
    assert_eq!(recorded_id(&err), None, "nothing adopted: {err:?}");
    assert_eq!(named(&env, name).await, [old], "no client was made");

    // Listing refused before the create only: the pool cannot tell old from new, so the error
    // names the candidates and adopts none.
    env.recorder.inject("ListUserPoolClients", &[Fault::Denied]);
    env.recorder
        .inject("CreateUserPoolClient", &[Fault::ServerErrorAfter]);
    let err = try_create(&env, "web", &inputs, 0.0)
        .await
        .err()
        .unwrap_or_else(|| panic!("adopted a client it could not tell from a namesake"));
    let candidates = named(&env, name).await;
    assert_eq!(candidates.len(), 2);
    for id in &candidates {
        assert!(
            err.message().contains(id.as_str()),
            "names {id}: {}",
            err.message()
        );
    }
    assert_eq!(recorded_id(&err), None);
}

#[tokio::test]
async fn a_pool_in_another_region_is_managed_there_whatever_the_configured_region() {
    let Some(env) = env().await else { return };
    // The provider is configured for us-east-1 (Env); the pool lives in eu-west-1.
    let pool = direct_client_in(&env.emulator.url, "eu-west-1")
        .create_user_pool()
        .pool_name("elsewhere")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .user_pool
        .and_then(|p| p.id)
        .unwrap_or_default();
    assert!(pool.starts_with("eu-west-1_"), "{pool}");
    let home = direct_client_in(&env.emulator.url, "us-east-1");
    let separated = home
        .describe_user_pool()
        .user_pool_id(&pool)
        .send()
        .await
        .is_err();
    if !separated {
        // Emulator gap (strict): fakecloud answers for a pool in any region, so only the
        // signing region below shows the fix there.
        assert!(env.emulator.is_strict(), "moto keeps regions apart");
    }

    let inputs = check(&env, "web", &PropertyMap::new(), &program(&pool, "far")).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    assert!(id.starts_with(&format!("{pool}/")), "{id}");
    let refreshed = refresh_then_diff(&env, &id, &outputs, &inputs, &inputs).await;
    assert_eq!(
        refreshed.read.id, id,
        "a refresh must not forget a client in another region"
    );
    let d = refreshed.diff;
    assert_eq!(d.changes, DiffChanges::DiffNone as i32, "{d:?}");
    delete(&env, &id)
        .await
        .unwrap_or_else(|e| panic!("delete: {e}"));
    let regions: Vec<_> = env
        .recorder
        .calls()
        .into_iter()
        .map(|c| (c.operation, c.region))
        .collect();
    assert!(
        regions.iter().all(|(_, r)| r == "eu-west-1"),
        "every call is signed for the pool's region: {regions:?}"
    );
    let gone = direct_client_in(&env.emulator.url, "eu-west-1")
        .describe_user_pool_client()
        .user_pool_id(&pool)
        .client_id(client_of(&id))
        .send()
        .await;
    assert!(gone.is_err(), "deleted in its own region");
}

#[tokio::test]
async fn token_lifetimes_compare_as_durations_not_numbers() {
    let Some(env) = env().await else { return };
    let units = |pairs: &[(&str, &str)]| {
        Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Value::string(*v)))
                .collect(),
        )
    };
    let mut thirty_hours = program(&env.pool, "lifetimes");
    thirty_hours.push(("refreshTokenValidity", Value::Number(30.0)));
    thirty_hours.push(("tokenValidityUnits", units(&[("refreshToken", "hours")])));
    let inputs = check(&env, "web", &PropertyMap::new(), &thirty_hours).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;

    // Removing the 30 (hours) means the 30-day default: a change, and the client follows.
    let mut unit_only = program(&env.pool, "lifetimes");
    unit_only.push(("tokenValidityUnits", units(&[("refreshToken", "hours")])));
    let news = check(&env, "web", &inputs, &unit_only).await;
    let d = diff(&env, &id, &outputs, &inputs, &news).await;
    assert_eq!(d.diffs, ["refreshTokenValidity"], "{d:?}");
    let outputs = update(&env, &id, &outputs, &inputs, &news, false).await;
    let live = describe(&env, &id).await.unwrap_or_else(|| panic!("gone"));
    assert_eq!(live.refresh_token_validity(), 720, "30 days, in hours");

    // An access lifetime of one day set in the console is drift, not the default hour.
    env.cognito
        .update_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(client_of(&id))
        .client_name("lifetimes")
        .auth_session_validity(7)
        .refresh_token_validity(720)
        .access_token_validity(1)
        .token_validity_units(
            aws_sdk_cognitoidentityprovider::types::TokenValidityUnitsType::builder()
                .access_token(aws_sdk_cognitoidentityprovider::types::TimeUnitsType::Days)
                .refresh_token(aws_sdk_cognitoidentityprovider::types::TimeUnitsType::Hours)
                .build(),
        )
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let Refreshed {
        read: _,
        inputs: read_inputs,
        diff: drift,
    } = refresh_then_diff(&env, &id, &outputs, &news, &news).await;
    assert_eq!(
        drift.changes,
        DiffChanges::DiffSome as i32,
        "{read_inputs:?}"
    );
    assert!(
        drift.diffs.contains(&"accessTokenValidity".to_string())
            || drift
                .detailed_diff
                .contains_key("tokenValidityUnits.accessToken"),
        "{drift:?}"
    );
}

#[tokio::test]
async fn an_update_sends_the_live_value_of_what_the_program_ignores() {
    let Some(env) = env().await else { return };
    let mut first = program(&env.pool, "ignoring");
    first.push(("allowedOAuthFlowsUserPoolClient", Value::Bool(true)));
    first.push(("allowedOAuthFlows", Value::strings(&["code"])));
    first.push(("allowedOAuthScopes", Value::strings(&["openid"])));
    first.push((
        "callbackUrls",
        Value::strings(&["https://app.example.com/cb"]),
    ));
    first.push(("accessTokenValidity", Value::Number(1.0)));
    let inputs = check(&env, "web", &PropertyMap::new(), &first).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;

    // A preview-deployment script adds a callback URL and someone sets the access token unit to
    // days, each sending the whole client as Cognito requires.
    let live_urls = ["https://app.example.com/cb", "https://pr-7.example.com/cb"];
    env.cognito
        .update_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(client_of(&id))
        .client_name("ignoring")
        .auth_session_validity(7)
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(aws_sdk_cognitoidentityprovider::types::OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .set_callback_urls(Some(live_urls.iter().map(|s| s.to_string()).collect()))
        .access_token_validity(1)
        .token_validity_units(
            aws_sdk_cognitoidentityprovider::types::TokenValidityUnitsType::builder()
                .access_token(aws_sdk_cognitoidentityprovider::types::TimeUnitsType::Days)
                .build(),
        )
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));

    // The program changes something else and ignores both; the engine sends the ignored paths
    // with the stale values from its state.
    let mut second = first.clone();
    second.retain(|(k, _)| *k != "authSessionValidity");
    second.push(("authSessionValidity", Value::Number(9.0)));
    let news = check(&env, "web", &inputs, &second).await;
    let updated = update_ignoring(
        &env,
        &id,
        &outputs,
        &inputs,
        &news,
        &["callbackUrls", "tokenValidityUnits.accessToken"],
    )
    .await
    .unwrap_or_else(|e| panic!("update: {e}"));
    let live = describe(&env, &id).await.unwrap_or_else(|| panic!("gone"));
    assert_eq!(live.callback_urls(), live_urls, "the script's URL survives");
    assert_eq!(
        live.token_validity_units()
            .and_then(|u| u.access_token())
            .map(|u| u.as_str()),
        Some("days"),
        "{live:?}"
    );
    assert_eq!(
        live.auth_session_validity(),
        Some(9),
        "the change itself is made"
    );
    assert_eq!(
        updated["callbackUrls"],
        Value::strings(&live_urls),
        "the state holds the live value"
    );
}

#[tokio::test]
async fn a_missing_client_on_an_ignoring_update_is_a_clear_not_found() {
    let Some(env) = env().await else { return };
    let inputs = check(
        &env,
        "web",
        &PropertyMap::new(),
        &program(&env.pool, "vanishing"),
    )
    .await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    delete(&env, &id)
        .await
        .unwrap_or_else(|e| panic!("delete: {e}"));
    let err = update_ignoring(&env, &id, &outputs, &inputs, &inputs, &["callbackUrls"])
        .await
        .err()
        .unwrap_or_else(|| panic!("updated a deleted client"));
    assert_eq!(err.code(), Code::NotFound);
    assert!(
        err.message().contains("pulumi refresh"),
        "{}",
        err.message()
    );
}

#[tokio::test]
async fn a_create_the_deadline_dropped_and_cognito_committed_later_is_found_not_orphaned() {
    let Some(env) = env().await else { return };
    let name = "late-name";
    // The request is still on its way when the provider's deadline (1 s) passes; Cognito
    // makes the client a second later. The provider looks again before it gives up.
    env.recorder.inject(
        "CreateUserPoolClient",
        &[Fault::CommitLate(Duration::from_secs(2))],
    );
    let inputs = check(&env, "web", &PropertyMap::new(), &program(&env.pool, name)).await;
    let err = try_create(&env, "web", &inputs, 1.0)
        .await
        .err()
        .unwrap_or_else(|| panic!("no timeout"));
    let after = named(&env, name).await;
    assert_eq!(after.len(), 1, "{after:?}");
    let recorded = recorded_id(&err)
        .unwrap_or_else(|| panic!("the late client was not recorded: {}", err.message()));
    assert_eq!(client_of(&recorded), after[0], "{err:?}");
}

#[tokio::test]
async fn a_lost_create_does_not_adopt_a_namesake_with_another_brought_secret() {
    let Some(env) = env().await else { return };
    let name = "brought-name";
    let mine = "mySecretValue_0123456789abcdef";
    let mut with_secret: Vec<(&str, Value)> = program(&env.pool, name)
        .into_iter()
        .filter(|(k, _)| *k != "generateSecret")
        .collect();
    with_secret.push(("clientSecret", Value::string(mine).secret_if(true)));
    let inputs = check(&env, "web", &PropertyMap::new(), &with_secret).await;
    if !env.emulator.is_strict() {
        // moto does not keep a brought secret, so a namesake's secret cannot differ there.
        eprintln!("skipped on moto: it ignores a ClientSecret given to CreateUserPoolClient");
        return;
    }
    // At the moment of the provider's create, another stack makes a client with the same name
    // and settings but its own secret, and the provider's answer is lost.
    env.recorder
        .inject("CreateUserPoolClient", &[Fault::OtherSecretInstead]);
    let result = try_create(&env, "web", &inputs, 0.0).await;
    let after = named(&env, name).await;
    let mut theirs = Vec::new();
    for id in &after {
        let secret = describe(&env, &format!("{}/{id}", env.pool))
            .await
            .and_then(|c| c.client_secret);
        if secret.as_deref() == Some(OTHER_SECRET) {
            theirs.push(id.clone());
        }
    }
    assert_eq!(theirs.len(), 1, "{after:?}");
    match result {
        // Tried again: its own client, never the other one.
        Ok((id, outputs)) => {
            assert_ne!(
                client_of(&id),
                theirs[0],
                "adopted a namesake with another secret"
            );
            assert_eq!(outputs["clientSecret"], Value::string(mine).secret_if(true));
        }
        Err(e) => assert!(recorded_id(&e).is_none(), "{e}"),
    }
}

/// Someone edits the client in the console: every setting sent, as Cognito requires.
async fn console_edit(
    env: &Env,
    id: &str,
    name: &str,
    callback_urls: &[&str],
    logout_urls: &[&str],
    access_unit: aws_sdk_cognitoidentityprovider::types::TimeUnitsType,
) {
    env.cognito
        .update_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(client_of(id))
        .client_name(name)
        .auth_session_validity(7)
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(aws_sdk_cognitoidentityprovider::types::OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .set_callback_urls(Some(callback_urls.iter().map(|s| s.to_string()).collect()))
        .set_logout_urls(Some(logout_urls.iter().map(|s| s.to_string()).collect()))
        .access_token_validity(1)
        .token_validity_units(
            aws_sdk_cognitoidentityprovider::types::TokenValidityUnitsType::builder()
                .access_token(access_unit)
                .build(),
        )
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
}

#[tokio::test]
async fn an_ignored_lifetime_keeps_its_live_number_and_unit_together() {
    use aws_sdk_cognitoidentityprovider::types::TimeUnitsType;
    let Some(env) = env().await else { return };
    // `accessTokenValidity: 1`, unit left out (hours); the console makes it 1 day.
    for ignored in [
        "accessTokenValidity",
        r#"["accessTokenValidity"]"#,
        "tokenValidityUnits.accessToken",
    ] {
        let mut first = program(&env.pool, "lifetime");
        first.push(("accessTokenValidity", Value::Number(1.0)));
        let inputs = check(&env, "web", &PropertyMap::new(), &first).await;
        let (id, outputs) = create(&env, "web", &inputs, false).await;
        console_edit(&env, &id, "lifetime", &[], &[], TimeUnitsType::Days).await;
        let mut second = first.clone();
        second.retain(|(k, _)| *k != "authSessionValidity");
        second.push(("authSessionValidity", Value::Number(9.0)));
        let news = check(&env, "web", &inputs, &second).await;
        update_ignoring(&env, &id, &outputs, &inputs, &news, &[ignored])
            .await
            .unwrap_or_else(|e| panic!("{ignored}: {e}"));
        let live = describe(&env, &id).await.unwrap_or_else(|| panic!("gone"));
        assert_eq!(live.access_token_validity(), Some(1), "{ignored}");
        assert_eq!(
            live.token_validity_units()
                .and_then(|u| u.access_token())
                .map(|u| u.as_str()),
            Some("days"),
            "{ignored}: 1 day stays 1 day, not 1 hour"
        );
        assert_eq!(live.auth_session_validity(), Some(9), "{ignored}");
    }
}

#[tokio::test]
async fn ignored_paths_in_the_engines_bracket_form_are_honoured() {
    use aws_sdk_cognitoidentityprovider::types::TimeUnitsType;
    let Some(env) = env().await else { return };
    let mut first = program(&env.pool, "brackets");
    first.push(("allowedOAuthFlowsUserPoolClient", Value::Bool(true)));
    first.push(("allowedOAuthFlows", Value::strings(&["code"])));
    first.push(("allowedOAuthScopes", Value::strings(&["openid"])));
    first.push((
        "callbackUrls",
        Value::strings(&["https://a.example.com/cb", "https://b.example.com/cb"]),
    ));
    first.push(("logoutUrls", Value::strings(&["https://a.example.com/out"])));
    let inputs = check(&env, "web", &PropertyMap::new(), &first).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    // The console changes the second callback URL and the logout URL.
    console_edit(
        &env,
        &id,
        "brackets",
        &["https://a.example.com/cb", "https://pr-9.example.com/cb"],
        &["https://console.example.com/out"],
        TimeUnitsType::Hours,
    )
    .await;
    // The program changes the first callback URL (and ignores the second), and something else.
    let mut second = first.clone();
    second.retain(|(k, _)| *k != "callbackUrls" && *k != "authSessionValidity");
    second.push((
        "callbackUrls",
        Value::strings(&["https://a2.example.com/cb", "https://b.example.com/cb"]),
    ));
    second.push(("authSessionValidity", Value::Number(9.0)));
    let news = check(&env, "web", &inputs, &second).await;
    update_ignoring(
        &env,
        &id,
        &outputs,
        &inputs,
        &news,
        &[r#"["logoutUrls"]"#, "callbackUrls[1]"],
    )
    .await
    .unwrap_or_else(|e| panic!("update: {e}"));
    let live = describe(&env, &id).await.unwrap_or_else(|| panic!("gone"));
    assert_eq!(
        live.logout_urls(),
        ["https://console.example.com/out"],
        "the whole property, named in brackets"
    );
    assert_eq!(
        live.callback_urls(),
        ["https://a2.example.com/cb", "https://pr-9.example.com/cb"],
        "the program's first item, the live second"
    );
}

/// The namesake guard costs nothing on the happy path where Cognito dates its clients: once one
/// create on the endpoint has measured the clocks, a create is one call, CreateUserPoolClient,
/// however many clients the pool has. Where the service dates nothing (moto), each create still
/// lists the namesakes first, which is the only way left to tell old from new.
#[tokio::test]
async fn a_create_is_one_call_once_the_endpoint_dates_its_clients() {
    let Some(env) = env().await else { return };
    let listed = |env: &Env| env.recorder.calls_to("ListUserPoolClients").len();
    for n in 0..3 {
        let name = format!("one-call-{n}");
        let inputs = check(&env, "web", &PropertyMap::new(), &program(&env.pool, &name)).await;
        env.recorder.clear();
        try_create(&env, "web", &inputs, 0.0)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(env.recorder.calls_to("CreateUserPoolClient").len(), 1);
        match (n, env.emulator.is_strict()) {
            // The first create on an endpoint learns whether it dates clients: it lists first.
            (0, _) | (_, false) => assert_eq!(listed(&env), 1, "create {n}"),
            (_, true) => assert_eq!(listed(&env), 0, "create {n} listed the pool"),
        }
    }
    // And the recovery by date still adopts the client a lost create made, and never a
    // namesake made before it (by more than the round trip the clocks are known to: a few ms
    // here; one made within it is a candidate too, and two candidates adopt nothing).
    let old = namesake(&env, "dated-name").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let inputs = check(
        &env,
        "web",
        &PropertyMap::new(),
        &program(&env.pool, "dated-name"),
    )
    .await;
    env.recorder.clear();
    env.recorder
        .inject("CreateUserPoolClient", &[Fault::ServerErrorAfter]);
    let (id, _) = try_create(&env, "web", &inputs, 0.0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let after = named(&env, "dated-name").await;
    assert_eq!(after.len(), 2, "no duplicate: {after:?}");
    assert_ne!(client_of(&id), old, "adopted the namesake");
    assert!(after.contains(&client_of(&id)));
    assert_eq!(
        env.recorder.calls_to("CreateUserPoolClient").len(),
        1,
        "the client the lost answer made was found, not made again"
    );

    // A namesake with other settings made at the very moment of the create (here, just
    // before it, within the clocks' uncertainty) is not this create's: it neither blocks the
    // recovery nor is adopted, and nothing is left behind.
    let name = "same-moment";
    let inputs = check(&env, "web", &PropertyMap::new(), &program(&env.pool, name)).await;
    env.recorder
        .inject("CreateUserPoolClient", &[Fault::ServerErrorAfter]);
    let other = namesake(&env, name).await;
    let (id, _) = try_create(&env, "web", &inputs, 0.0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(client_of(&id), other, "adopted the namesake");
    assert_eq!(named(&env, name).await.len(), 2, "no duplicate, no orphan");
}
