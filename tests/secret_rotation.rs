//! Client secrets over gRPC: a client that brings its own secret and rotates it in place, and
//! the UserPoolClientSecret resource (create, rotation by trigger, the two-secret limit, the
//! last secret kept, import). The clients are then used: tokens are issued with the new secret
//! and refused with the retired one.
//!
//! These need the strict emulator: moto has no client secret operations.

mod support;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;
use pulumi_resource_cognito::plugin::codec::encode_struct;
use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::{PropertyMap, Value};
use rpc::diff_response::DiffChanges;
use support::calls::*;
use support::*;

async fn env() -> Option<Env> {
    let env = Env::start_with(&[("poolChangesPerSecond", Value::string("0"))]).await?;
    if !env.emulator.is_strict() {
        eprintln!(
            "skipped on moto: it has no client secret operations (this suite runs on the strict emulator)"
        );
        return None;
    }
    // The machine-to-machine clients ask for orders/read, which needs the pool's resource
    // server.
    add_resource_server(&env.cognito, &env.pool, "orders", "read").await;
    Some(env)
}

fn worker(pool: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("userPoolId", Value::string(pool)),
        ("clientName", Value::string("worker")),
        ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
        ("allowedOAuthFlows", Value::strings(&["client_credentials"])),
        ("allowedOAuthScopes", Value::strings(&["orders/read"])),
    ]
}

fn secret(s: &str) -> Value {
    Value::string(s).secret_if(true)
}

/// The status of a client_credentials token request with this id and secret.
async fn token_status(env: &Env, client_id: &str, secret: &str) -> u16 {
    let body = format!(
        "grant_type=client_credentials&scope=orders%2Fread&client_id={client_id}&client_secret={}",
        secret.replace('+', "%2B")
    );
    let request = hyper::Request::post(format!("{}/oauth2/token", env.emulator.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|e| panic!("{e}"));
    let client = HttpClient::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let response = client
        .request(request)
        .await
        .unwrap_or_else(|e| panic!("token request: {e}"));
    let status = response.status().as_u16();
    let _ = response.into_body().collect().await;
    status
}

async fn secret_ids(env: &Env, client_id: &str) -> Vec<String> {
    env.cognito
        .list_user_pool_client_secrets()
        .user_pool_id(&env.pool)
        .client_id(client_id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .client_secrets()
        .iter()
        .filter_map(|s| s.client_secret_id().map(str::to_string))
        .collect()
}

fn text(map: &PropertyMap, key: &str) -> String {
    map.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn a_client_brings_its_own_secret_and_rotates_it_in_place() {
    let Some(env) = env().await else { return };
    let first = "firstSecret0123456789abcdef";
    let second = "second+secret_0123456789abcdef";

    // Cognito takes a generated secret or the caller's, not both: Check says so.
    let plugin = &env.plugin;
    let both = plugin
        .client
        .clone()
        .check(rpc::CheckRequest {
            urn: urn("web"),
            name: "web".into(),
            r#type: TOKEN.into(),
            news: encode(&[
                ("userPoolId", Value::string(&env.pool)),
                ("generateSecret", Value::Bool(true)),
                ("clientSecret", secret(first)),
            ]),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner()
        .failures;
    assert_eq!(both.len(), 1, "{both:?}");
    assert_eq!(both[0].property, "clientSecret");
    assert!(both[0].reason.contains("24 to 64"), "{both:?}");
    assert!(
        !both[0].reason.contains(first),
        "a secret is never repeated"
    );

    let mut program = worker(&env.pool);
    program.push(("clientSecret", secret(first)));
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    let client_id = text(&outputs, "clientId");
    assert_eq!(
        outputs["clientSecret"],
        secret(first),
        "the state has the program's secret"
    );
    assert_eq!(token_status(&env, &client_id, first).await, 200);

    // A new secret: an update in place, the same client, the old secret retired.
    let mut rotated = worker(&env.pool);
    rotated.push(("clientSecret", secret(second)));
    let news = check(&env, "web", &inputs, &rotated).await;
    let d = diff(&env, &id, &outputs, &inputs, &news).await;
    assert!(d.replaces.is_empty(), "{d:?}");
    assert_eq!(d.diffs, ["clientSecret"], "{d:?}");
    env.recorder.clear();
    let updated = update(&env, &id, &outputs, &inputs, &news, false).await;
    assert_eq!(text(&updated, "clientId"), client_id, "the client id stays");
    assert_eq!(updated["clientSecret"], secret(second));
    let added = env.recorder.calls_to("AddUserPoolClientSecret");
    assert_eq!(added.len(), 1);
    assert_eq!(
        added[0].body["ClientSecret"], second,
        "the program's own secret is sent"
    );
    assert_eq!(env.recorder.calls_to("DeleteUserPoolClientSecret").len(), 1);
    assert_eq!(secret_ids(&env, &client_id).await.len(), 1);
    assert_eq!(token_status(&env, &client_id, second).await, 200);
    assert_eq!(
        token_status(&env, &client_id, first).await,
        401,
        "the old secret is retired"
    );

    // Refresh and import: no drift, generateSecret not flipped, no replacement.
    let d = refresh_then_diff(&env, &id, &updated, &news, &news)
        .await
        .diff;
    assert_eq!(d.changes, DiffChanges::DiffNone as i32, "refresh: {d:?}");
    let imported = read(&env, &id, None).await;
    let imported_inputs = decode(&imported.inputs);
    let news = check(&env, "web", &imported_inputs, &rotated).await;
    let d = diff(
        &env,
        &id,
        &decode(&imported.properties),
        &imported_inputs,
        &news,
    )
    .await;
    assert_eq!(d.changes, DiffChanges::DiffNone as i32, "import: {d:?}");
}

async fn create_secret(
    env: &Env,
    inputs: &PropertyMap,
) -> Result<(String, PropertyMap), tonic::Status> {
    try_create_secret(env, "s", inputs).await
}

async fn read_secret(env: &Env, id: &str) -> rpc::ReadResponse {
    try_read_secret(env, id, None)
        .await
        .unwrap_or_else(|e| panic!("read: {e}"))
}

async fn delete_secret(env: &Env, id: &str) {
    try_delete_secret(env, id, &PropertyMap::new())
        .await
        .unwrap_or_else(|e| panic!("delete {id}: {e}"));
}

#[tokio::test]
async fn a_secret_resource_rotates_by_trigger_beside_the_old_one_and_keeps_the_last() {
    let Some(env) = env().await else { return };
    let mut program = worker(&env.pool);
    program.push(("generateSecret", Value::Bool(true)));
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (client, client_outputs) = create(&env, "web", &inputs, false).await;
    let client_id = text(&client_outputs, "clientId");
    let own = text(&client_outputs, "clientSecret");
    let first_id = secret_ids(&env, &client_id).await;
    assert_eq!(first_id.len(), 1);

    // A second secret beside the client's own: both work.
    let one = |trigger: f64| {
        vec![
            ("userPoolId", Value::string(&env.pool)),
            ("clientId", Value::string(&client_id)),
            ("triggers", Value::Array(vec![Value::Number(trigger)])),
        ]
    };
    let r1_inputs = check_secret(&env, "s", &one(1.0)).await;
    let (r1, r1_outputs) = create_secret(&env, &r1_inputs)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        r1.starts_with(&format!("{}/{client_id}/", env.pool)),
        "{r1}"
    );
    assert!(r1_outputs["clientSecret"].contains_secret());
    let v1 = text(&r1_outputs, "clientSecret");
    assert_eq!(token_status(&env, &client_id, &v1).await, 200);
    assert_eq!(token_status(&env, &client_id, &own).await, 200);

    // Full: a third is refused, naming the limit and the client.
    let err = create_secret(&env, &r1_inputs)
        .await
        .err()
        .unwrap_or_else(|| panic!("a third secret was added"));
    assert!(
        err.message().contains("already has 2 secrets") && err.message().contains(&client_id),
        "{}",
        err.message()
    );

    // Retire the client's first secret: import it, then delete it (not the last one).
    let first = format!("{}/{client_id}/{}", env.pool, first_id[0]);
    assert_eq!(
        read_secret(&env, &first).await.id,
        first,
        "imported by its id"
    );
    delete_secret(&env, &first).await;
    assert_eq!(
        token_status(&env, &client_id, &own).await,
        401,
        "the first secret is retired"
    );

    // Rotate by trigger: the new secret is created before the old one is deleted.
    let r2_inputs = check_secret(&env, "s", &one(2.0)).await;
    let d = env
        .client()
        .diff(rpc::DiffRequest {
            id: r1.clone(),
            urn: secret_urn("s"),
            r#type: SECRET.into(),
            olds: Some(encode_struct(&r1_outputs)),
            old_inputs: Some(encode_struct(&r1_inputs)),
            news: Some(encode_struct(&r2_inputs)),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    assert_eq!(d.replaces, ["triggers"], "{d:?}");
    assert!(!d.delete_before_replace);
    let (r2, r2_outputs) = create_secret(&env, &r2_inputs)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let v2 = text(&r2_outputs, "clientSecret");
    assert_ne!(v2, v1);
    assert_eq!(
        token_status(&env, &client_id, &v1).await,
        200,
        "the old one still works"
    );
    assert_eq!(
        token_status(&env, &client_id, &v2).await,
        200,
        "and the new one"
    );
    delete_secret(&env, &r1).await;
    assert_eq!(token_status(&env, &client_id, &v1).await, 401);
    assert_eq!(token_status(&env, &client_id, &v2).await, 200);
    assert_eq!(
        describe(&env, &client)
            .await
            .and_then(|c| c.client_id)
            .as_deref(),
        Some(client_id.as_str())
    );

    // The last secret stays with the client: the delete succeeds, and the secret still works.
    delete_secret(&env, &r2).await;
    assert_eq!(secret_ids(&env, &client_id).await.len(), 1);
    assert_eq!(token_status(&env, &client_id, &v2).await, 200);
    // Gone from the list: a refresh drops the resource.
    let gone = read_secret(&env, &r1).await;
    assert_eq!(gone.id, "", "a deleted secret reads as gone");
}

/// The secret ids the provider's state holds for a client (`clientSecretIds`).
fn held(outputs: &PropertyMap) -> Vec<String> {
    outputs
        .get("clientSecretIds")
        .and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// A secret added to the client behind the provider's back (the console, another tool).
async fn add_by_hand(env: &Env, client_id: &str, value: &str) -> String {
    env.cognito
        .add_user_pool_client_secret()
        .user_pool_id(&env.pool)
        .client_id(client_id)
        .client_secret(value)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .client_secret_descriptor()
        .and_then(|d| d.client_secret_id().map(str::to_string))
        .unwrap_or_else(|| panic!("no secret id"))
}

async fn delete_by_hand(env: &Env, client_id: &str, secret_id: &str) {
    env.cognito
        .delete_user_pool_client_secret()
        .user_pool_id(&env.pool)
        .client_id(client_id)
        .client_secret_id(secret_id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
}

#[tokio::test]
async fn a_rotation_deletes_only_a_secret_the_state_holds() {
    let (engine, address) = fake_engine().await;
    let Some(env) = Env::start_with_args(
        &[("poolChangesPerSecond", Value::string("0"))],
        &[address.as_str()],
    )
    .await
    else {
        return;
    };
    if !env.emulator.is_strict() {
        eprintln!("skipped on moto: it has no client secret operations");
        return;
    }
    add_resource_server(&env.cognito, &env.pool, "orders", "read").await;
    let first = "firstSecret0123456789abcdef";
    let mut program = worker(&env.pool);
    program.push(("clientSecret", secret(first)));
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    let client_id = text(&outputs, "clientId");
    let own = secret_ids(&env, &client_id).await;
    assert_eq!(held(&outputs), own, "the client's own secret is recorded");

    // The README's way: a second secret beside it for a consumer (here added by hand, as a
    // UserPoolClientSecret or the console would), then the client's own secret retired.
    let theirs = "theirs_0123456789abcdefghij";
    let theirs_id = add_by_hand(&env, &client_id, theirs).await;
    delete_by_hand(&env, &client_id, &own[0]).await;

    // A new `clientSecret`: added, and nothing deleted that the state does not hold.
    let second = "secondSecret0123456789abcdef";
    let mut rotated = worker(&env.pool);
    rotated.push(("clientSecret", secret(second)));
    let news = check(&env, "web", &inputs, &rotated).await;
    let updated = update(&env, &id, &outputs, &inputs, &news, false).await;
    let now = secret_ids(&env, &client_id).await;
    assert!(
        now.contains(&theirs_id),
        "{now:?}: the other secret was deleted"
    );
    assert_eq!(token_status(&env, &client_id, theirs).await, 200);
    assert_eq!(token_status(&env, &client_id, second).await, 200);
    let held_now = held(&updated);
    assert_eq!(held_now.len(), 1, "{held_now:?}");
    assert!(now.contains(&held_now[0]) && held_now[0] != theirs_id);
    let warned = engine
        .wait_for(|l| l.message.contains(&theirs_id) && l.message.contains("left alone"))
        .await;
    assert!(warned.is_some(), "{:?}", engine.messages());

    // Once more: the client holds two secrets, so there is no room for a third, and nothing
    // is deleted to make room.
    let third = "thirdSecret0123456789abcdef";
    let mut again = worker(&env.pool);
    again.push(("clientSecret", secret(third)));
    let news3 = check(&env, "web", &news, &again).await;
    let err = update_ignoring(&env, &id, &updated, &news, &news3, &[])
        .await
        .err()
        .unwrap_or_else(|| panic!("a third secret was added"));
    assert!(err.message().contains("already has 2 secrets"), "{err}");
    assert_eq!(token_status(&env, &client_id, theirs).await, 200, "kept");
    assert_eq!(token_status(&env, &client_id, second).await, 200, "kept");
    // Their consumer has moved on and the console retires theirs: now the rotation replaces
    // the one the state holds.
    delete_by_hand(&env, &client_id, &theirs_id).await;
    let updated3 = update(&env, &id, &updated, &news, &news3, false).await;
    assert_eq!(
        token_status(&env, &client_id, second).await,
        401,
        "replaced"
    );
    assert_eq!(token_status(&env, &client_id, third).await, 200);
    assert_eq!(held(&updated3), secret_ids(&env, &client_id).await);
}

/// The ErrorResourceInitFailed detail of a failed call: what the engine records.
fn recorded_state(status: &tonic::Status) -> Option<(String, PropertyMap)> {
    use prost::Message;
    use pulumi_resource_cognito::plugin::proto::google_rpc;
    let envelope = google_rpc::Status::decode(status.details()).ok()?;
    let any = envelope
        .details
        .into_iter()
        .find(|d| d.type_url.ends_with("ErrorResourceInitFailed"))?;
    let detail = rpc::ErrorResourceInitFailed::decode(any.value.as_slice()).ok()?;
    Some((detail.id, decode(&detail.properties)))
}

#[tokio::test]
async fn a_rotation_that_stops_half_way_is_recorded_and_finished_by_the_next_update() {
    let Some(env) = env().await else { return };
    let first = "firstSecret0123456789abcdef";
    let mut program = worker(&env.pool);
    program.push(("clientSecret", secret(first)));
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    let client_id = text(&outputs, "clientId");

    // The new secret is added; deleting the old one is refused this time.
    let second = "secondSecret0123456789abcdef";
    let mut rotated = worker(&env.pool);
    rotated.push(("clientSecret", secret(second)));
    let news = check(&env, "web", &inputs, &rotated).await;
    env.recorder
        .inject("DeleteUserPoolClientSecret", &[Fault::Denied]);
    let err = env
        .client()
        .update(rpc::UpdateRequest {
            id: id.clone(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            olds: Some(encode_struct(&outputs)),
            old_inputs: Some(encode_struct(&inputs)),
            news: Some(encode_struct(&news)),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("the update succeeded although the delete was refused"));
    assert!(err.message().contains("not deleted yet"), "{err}");
    let (recorded_id, partial) =
        recorded_state(&err).unwrap_or_else(|| panic!("not a partial update: {err}"));
    assert_eq!(recorded_id, id);
    assert_eq!(
        partial["clientSecret"],
        secret(second),
        "the secret as it now is"
    );
    assert_eq!(held(&partial).len(), 2, "both secrets held: {partial:?}");
    assert_eq!(
        token_status(&env, &client_id, first).await,
        200,
        "not yet retired"
    );

    // The next `up` (the engine records the new inputs with these outputs) finishes it.
    let d = diff(&env, &id, &partial, &news, &news).await;
    assert_eq!(d.diffs, ["clientSecret"], "{d:?}");
    let finished = update(&env, &id, &partial, &news, &news, false).await;
    assert_eq!(held(&finished).len(), 1);
    assert_eq!(
        token_status(&env, &client_id, first).await,
        401,
        "retired now"
    );
    assert_eq!(token_status(&env, &client_id, second).await, 200);
    assert_eq!(secret_ids(&env, &client_id).await, held(&finished));
    let d = diff(&env, &id, &finished, &news, &news).await;
    assert_eq!(d.changes, DiffChanges::DiffNone as i32, "{d:?}");
}

#[tokio::test]
async fn a_lost_secret_add_adopts_and_deletes_nothing_it_cannot_prove() {
    let Some(env) = env().await else { return };
    let mut program = worker(&env.pool);
    program.push(("generateSecret", Value::Bool(true)));
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (_, outputs) = create(&env, "web", &inputs, false).await;
    let client_id = text(&outputs, "clientId");
    let before = secret_ids(&env, &client_id).await;
    // Cognito makes the secret; the answer is lost on the way back.
    env.recorder
        .inject("AddUserPoolClientSecret", &[Fault::ResetAfter]);
    let secret_inputs = check_secret(
        &env,
        "s",
        &[
            ("userPoolId", Value::string(&env.pool)),
            ("clientId", Value::string(&client_id)),
            ("clientSecret", secret("broughtValue_0123456789abcd")),
        ],
    )
    .await;
    let err = create_secret(&env, &secret_inputs)
        .await
        .err()
        .unwrap_or_else(|| panic!("a secret whose value cannot be proven was adopted"));
    let after = secret_ids(&env, &client_id).await;
    let made: Vec<&String> = after.iter().filter(|s| !before.contains(s)).collect();
    assert_eq!(made.len(), 1, "{after:?}");
    assert!(
        err.message().contains(made[0].as_str())
            && err.message().contains("none was adopted or deleted"),
        "{err}"
    );
}
