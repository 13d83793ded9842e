//! Perpetual diffs are what users hate most in a provider: after create (or import) and a
//! refresh, the same program must show no changes. Three clients, through the real binary and
//! moto: a minimal one, one with every input set, and one made outside Pulumi and imported.

mod support;

use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::user_pool_client::properties::PROPERTIES;
use pulumi_resource_cognito::value::{PropertyMap, Value};
use rpc::diff_response::DiffChanges;
use support::calls::*;
use support::*;

/// Refreshes and diffs the same program twice: neither pass may find a change.
async fn assert_no_drift(
    env: &Env,
    id: &str,
    outputs: PropertyMap,
    inputs: PropertyMap,
    program: &[(&str, Value)],
) {
    let (mut outputs, mut inputs) = (outputs, inputs);
    for pass in ["first refresh", "second refresh"] {
        let read = read(env, id, Some((&outputs, &inputs))).await;
        assert_eq!(read.id, id, "{pass}: the client is gone");
        let (read_outputs, read_inputs) = (decode(&read.properties), decode(&read.inputs));
        // The engine's refresh diff: were the inputs Read reconstructed different from the
        // inputs in state? (Drift shows here.)
        let drift = diff(env, id, &read_outputs, &read_inputs, &inputs).await;
        assert_eq!(
            drift.changes,
            DiffChanges::DiffNone as i32,
            "{pass}: refresh shows drift: {drift:?}"
        );
        // The next `pulumi up` with the same program.
        let news = check(env, "web", &read_inputs, program).await;
        let d = diff(env, id, &read_outputs, &read_inputs, &news).await;
        assert_eq!(
            d.changes,
            DiffChanges::DiffNone as i32,
            "{pass}: the same program shows changes: {d:?}"
        );
        (outputs, inputs) = (read_outputs, news);
    }
}

#[tokio::test]
async fn a_minimal_client_shows_no_changes_after_refresh() {
    let Some(env) = Env::start().await else {
        return;
    };
    let program = [("userPoolId", Value::string(&env.pool))];
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    assert_no_drift(&env, &id, outputs, inputs, &program).await;
}

#[tokio::test]
async fn a_client_with_every_input_set_shows_no_changes_after_refresh() {
    let Some(env) = Env::start().await else {
        return;
    };
    let mut program = every_input(&env.pool);
    let set: Vec<&str> = program.iter().map(|(k, _)| *k).collect();
    for prop in PROPERTIES.iter().filter(|p| p.is_input()) {
        // Cognito takes a generated secret or the caller's, not both: the next test has the
        // other.
        if prop.name == "clientSecret" {
            continue;
        }
        assert!(
            set.contains(&prop.name),
            "the program must set every input; {} is missing",
            prop.name
        );
    }
    if env.emulator.is_strict() {
        // Emulator gap: fakecloud never stores DefaultRedirectURI, so it would read as drift.
        program.retain(|(k, _)| *k != "defaultRedirectUri");
    }
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    assert_no_drift(&env, &id, outputs, inputs, &program).await;
}

#[tokio::test]
async fn an_imported_client_shows_no_changes_with_the_matching_program() {
    let Some(env) = Env::start().await else {
        return;
    };
    let client_id = env
        .cognito
        .create_user_pool_client()
        .user_pool_id(&env.pool)
        .client_name("console-made")
        .generate_secret(true)
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(aws_sdk_cognitoidentityprovider::types::OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .callback_urls("https://console.example.com/cb")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .user_pool_client
        .and_then(|c| c.client_id)
        .unwrap_or_default();
    let id = format!("{}/{client_id}", env.pool);
    // `pulumi import`: Read from the id alone, then Check(olds = read inputs, news = program).
    let imported = read(&env, &id, None).await;
    let (outputs, read_inputs) = (decode(&imported.properties), decode(&imported.inputs));
    let program = [
        ("userPoolId", Value::string(&env.pool)),
        ("clientName", Value::string("console-made")),
        ("generateSecret", Value::Bool(true)),
        ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
        ("allowedOAuthFlows", Value::strings(&["code"])),
        ("allowedOAuthScopes", Value::strings(&["openid"])),
        (
            "callbackUrls",
            Value::strings(&["https://console.example.com/cb"]),
        ),
    ];
    let inputs = check(&env, "web", &read_inputs, &program).await;
    let d = diff(&env, &id, &outputs, &read_inputs, &inputs).await;
    assert_eq!(
        d.changes,
        DiffChanges::DiffNone as i32,
        "import then preview: {d:?}"
    );
    assert_no_drift(&env, &id, outputs, inputs, &program).await;
}

#[tokio::test]
async fn a_change_made_outside_pulumi_shows_as_drift_and_the_next_update_corrects_it() {
    let Some(env) = Env::start().await else {
        return;
    };
    let program = [
        ("userPoolId", Value::string(&env.pool)),
        ("authSessionValidity", Value::Number(5.0)),
    ];
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    let client = outputs["clientId"].as_str().unwrap_or_default().to_string();
    env.cognito
        .update_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(&client)
        .client_name(inputs["clientName"].as_str().unwrap_or_default())
        .auth_session_validity(12)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let read = read(&env, &id, Some((&outputs, &inputs))).await;
    let read_inputs = decode(&read.inputs);
    assert_eq!(
        read_inputs["authSessionValidity"],
        Value::Number(12.0),
        "refresh sees the console's change"
    );
    let news = check(&env, "web", &read_inputs, &program).await;
    let d = diff(&env, &id, &decode(&read.properties), &read_inputs, &news).await;
    assert_eq!(d.diffs, ["authSessionValidity"], "{d:?}");
    update(
        &env,
        &id,
        &decode(&read.properties),
        &read_inputs,
        &news,
        false,
    )
    .await;
    let live = describe(&env, &id).await.unwrap_or_else(|| panic!("gone"));
    assert_eq!(
        live.auth_session_validity(),
        Some(5),
        "the next up puts the program's value back"
    );
}

#[tokio::test]
async fn a_client_with_its_own_secret_shows_no_changes_after_refresh() {
    let Some(env) = Env::start().await else {
        return;
    };
    let mut program = every_input(&env.pool);
    program.retain(|(k, _)| *k != "generateSecret" && *k != "defaultRedirectUri");
    program.push((
        "clientSecret",
        Value::string("ownSecret_0123456789abcdef+").secret_if(true),
    ));
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    assert_eq!(
        outputs["clientSecret"],
        program
            .last()
            .map(|(_, v)| v.clone())
            .unwrap_or(Value::Null),
        "the client has the program's secret"
    );
    assert_no_drift(&env, &id, outputs, inputs, &program).await;
}
