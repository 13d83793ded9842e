//! The resource's life cycle through the real binary over gRPC, against moto on loopback, in
//! the order the engine makes the calls.

mod support;

use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::resource::table::{AwsDefault, Update};
use pulumi_resource_cognito::user_pool_client::properties::PROPERTIES;
use pulumi_resource_cognito::value::{PropertyMap, Value};
use rpc::diff_response::DiffChanges;
use rpc::property_diff::Kind;
use support::calls::*;
use support::*;
use tonic::Code;

fn web_inputs(pool: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("userPoolId", Value::string(pool)),
        ("generateSecret", Value::Bool(true)),
        (
            "explicitAuthFlows",
            Value::strings(&["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
        ),
        ("allowedOAuthFlowsUserPoolClient", Value::Bool(true)),
        ("allowedOAuthFlows", Value::strings(&["code"])),
        ("allowedOAuthScopes", Value::strings(&["openid", "email"])),
        (
            "callbackUrls",
            Value::strings(&["https://app.example.com/callback"]),
        ),
        ("supportedIdentityProviders", Value::strings(&["COGNITO"])),
        ("accessTokenValidity", Value::Number(30.0)),
        (
            "tokenValidityUnits",
            Value::Object(map(&[("accessToken", Value::string("minutes"))])),
        ),
    ]
}

#[tokio::test]
async fn preview_create_refresh_update_and_delete_a_client() {
    let Some(env) = Env::start().await else {
        return;
    };
    let inputs = check(&env, "web", &PropertyMap::new(), &web_inputs(&env.pool)).await;
    let name = inputs["clientName"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(name.starts_with("web-"), "autonamed: {name}");

    // Preview: outputs promised, nothing sent to Cognito.
    let (_, preview) = create(&env, "web", &inputs, true).await;
    assert_eq!(preview["clientId"], Value::Unknown);
    assert!(preview["clientSecret"].contains_secret());
    assert!(
        env.recorder.calls().is_empty(),
        "a preview must not call Cognito: {:?}",
        env.recorder.calls()
    );

    // Create: the id is <pool>/<client>, the secret is wrapped, and Cognito holds the settings.
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    assert_eq!(env.recorder.calls_to("CreateUserPoolClient").len(), 1);
    let client_id = outputs["clientId"].as_str().unwrap_or_default().to_string();
    assert_eq!(id, format!("{}/{client_id}", env.pool));
    assert!(
        matches!(&outputs["clientSecret"], Value::Secret(s) if s.as_str().is_some_and(|s| !s.is_empty()))
    );
    let live = describe(&env, &id)
        .await
        .unwrap_or_else(|| panic!("client not in moto"));
    assert_eq!(live.client_name(), Some(name.as_str()));
    assert_eq!(live.callback_urls(), ["https://app.example.com/callback"]);
    assert_eq!(live.access_token_validity(), Some(30));

    // Refresh: the same state, and the next diff with the same program shows nothing.
    let refreshed = read(&env, &id, Some((&outputs, &inputs))).await;
    assert_eq!(refreshed.id, id);
    let read_inputs = decode(&refreshed.inputs);
    let read_outputs = decode(&refreshed.properties);
    assert!(
        read_outputs["clientSecret"].contains_secret(),
        "the secret stays secret on refresh"
    );
    let again = check(&env, "web", &read_inputs, &web_inputs(&env.pool)).await;
    let d = diff(&env, &id, &read_outputs, &read_inputs, &again).await;
    assert_eq!(d.changes, DiffChanges::DiffNone as i32, "{d:?}");

    // Update in place: a mutable change keeps the id and sends every setting.
    let mut changed = web_inputs(&env.pool);
    changed.push((
        "logoutUrls",
        Value::strings(&["https://app.example.com/bye"]),
    ));
    let news = check(&env, "web", &read_inputs, &changed).await;
    assert_eq!(
        news["clientName"], inputs["clientName"],
        "the generated name is kept"
    );
    let d = diff(&env, &id, &read_outputs, &read_inputs, &news).await;
    assert_eq!(d.changes, DiffChanges::DiffSome as i32);
    assert!(d.replaces.is_empty(), "{d:?}");
    assert_eq!(d.detailed_diff["logoutUrls"].kind, Kind::Add as i32);
    env.recorder.clear();
    let preview = update(&env, &id, &read_outputs, &read_inputs, &news, true).await;
    assert!(
        env.recorder.calls().is_empty(),
        "an update preview must not call Cognito"
    );
    assert_eq!(preview["clientId"], read_outputs["clientId"]);
    let updated = update(&env, &id, &read_outputs, &read_inputs, &news, false).await;
    assert_eq!(updated["clientId"], outputs["clientId"]);
    assert_eq!(
        updated["clientSecret"], outputs["clientSecret"],
        "the secret survives an update, still secret"
    );
    let live = describe(&env, &id)
        .await
        .unwrap_or_else(|| panic!("client gone"));
    assert_eq!(live.logout_urls(), ["https://app.example.com/bye"]);

    // Delete, then delete again: already gone is success.
    delete(&env, &id)
        .await
        .unwrap_or_else(|e| panic!("delete: {e}"));
    assert!(describe(&env, &id).await.is_none());
    delete(&env, &id)
        .await
        .unwrap_or_else(|e| panic!("second delete: {e}"));
}

/// moto keeps fields an update leaves out, where Cognito resets them; so this asserts on what
/// was sent, not on what moto holds.
#[tokio::test]
async fn update_sends_every_setting_in_the_table() {
    let Some(env) = Env::start().await else {
        return;
    };
    let inputs = check(&env, "web", &PropertyMap::new(), &web_inputs(&env.pool)).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    let mut news = inputs.clone();
    news.insert("clientName".into(), Value::string("renamed"));
    env.recorder.clear();
    update(&env, &id, &outputs, &inputs, &news, false).await;
    let calls = env.recorder.calls_to("UpdateUserPoolClient");
    assert_eq!(calls.len(), 1, "{:?}", env.recorder.calls());
    let body = &calls[0].body;
    for prop in PROPERTIES.iter().filter(|p| p.update == Update::InPlace) {
        // Set in the program, or unset with a default Cognito would otherwise be left to pick.
        let sends_default = matches!(
            prop.default,
            AwsDefault::Bool(_) | AwsDefault::Integer(_) | AwsDefault::String(_)
        );
        if news.contains_key(prop.name) || sends_default {
            assert!(
                body.get(prop.api).is_some(),
                "UpdateUserPoolClient lacks {} ({}): {body}",
                prop.api,
                prop.name
            );
        }
    }
    assert_eq!(body["ClientName"], "renamed");
    assert_eq!(
        body["CallbackURLs"],
        serde_json::json!(["https://app.example.com/callback"])
    );
    assert_eq!(
        body["EnableTokenRevocation"], true,
        "a default is sent explicitly"
    );
}

#[tokio::test]
async fn import_by_id_and_out_of_band_deletion() {
    let Some(env) = Env::start().await else {
        return;
    };
    let made = env
        .cognito
        .create_user_pool_client()
        .user_pool_id(&env.pool)
        .client_name("made-by-hand")
        .generate_secret(true)
        .callback_urls("https://a.example.com/cb")
        .allowed_o_auth_flows_user_pool_client(true)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .user_pool_client
        .and_then(|c| c.client_id)
        .unwrap_or_default();
    let id = format!("{}/{made}", env.pool);

    let imported = read(&env, &id, None).await;
    assert_eq!(imported.id, id);
    let inputs = decode(&imported.inputs);
    assert_eq!(
        inputs["generateSecret"],
        Value::Bool(true),
        "restored from the secret"
    );
    assert_eq!(inputs["clientName"], Value::string("made-by-hand"));
    assert!(!inputs.contains_key("clientId") && !inputs.contains_key("clientSecret"));
    assert!(
        !inputs.contains_key("enableTokenRevocation"),
        "defaults are not adopted: {inputs:?}"
    );
    assert!(decode(&imported.properties)["clientSecret"].contains_secret());

    env.cognito
        .delete_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(&made)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let gone = read(&env, &id, Some((&decode(&imported.properties), &inputs))).await;
    assert_eq!(gone.id, "");
    assert!(
        gone.properties.is_none() && gone.inputs.is_none(),
        "{gone:?}"
    );
}

#[tokio::test]
async fn changing_generate_secret_or_the_pool_replaces_the_client() {
    let Some(env) = Env::start().await else {
        return;
    };
    let inputs = check(&env, "web", &PropertyMap::new(), &web_inputs(&env.pool)).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    for (key, value) in [
        ("generateSecret", Value::Bool(false)),
        ("userPoolId", Value::string("us-east-1_other1")),
    ] {
        let mut changed = web_inputs(&env.pool);
        changed.retain(|(k, _)| *k != key);
        changed.push((key, value));
        let news = check(&env, "web", &inputs, &changed).await;
        let d = diff(&env, &id, &outputs, &inputs, &news).await;
        assert_eq!(d.replaces, [key], "{d:?}");
        assert_eq!(d.detailed_diff[key].kind, Kind::UpdateReplace as i32);
        assert!(
            !d.delete_before_replace,
            "the new client is created before the old one is deleted"
        );
    }
}

#[tokio::test]
async fn cognito_errors_name_the_operation_client_and_cause() {
    let Some(env) = Env::start().await else {
        return;
    };
    let inputs = check(
        &env,
        "web",
        &PropertyMap::new(),
        &[("userPoolId", Value::string("us-east-1_missing1"))],
    )
    .await;
    let err = env
        .client()
        .create(rpc::CreateRequest {
            urn: urn("web"),
            r#type: TOKEN.into(),
            properties: Some(pulumi_resource_cognito::plugin::codec::encode_struct(
                &inputs,
            )),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("create in a missing pool succeeded"));
    assert_eq!(err.code(), Code::NotFound);
    assert!(
        err.message()
            .starts_with("creating Cognito user pool client"),
        "{}",
        err.message()
    );
    assert!(
        err.message()
            .contains("user pool us-east-1_missing1 does not exist"),
        "{}",
        err.message()
    );

    let bad = read_err(&env, "not-an-id").await;
    assert_eq!(bad.code(), Code::InvalidArgument);
    assert!(
        bad.message().contains("<userPoolId>/<clientId>"),
        "{}",
        bad.message()
    );
}

async fn read_err(env: &Env, id: &str) -> tonic::Status {
    calls::try_read(env.client(), id, None)
        .await
        .err()
        .unwrap_or_else(|| panic!("read of {id:?} succeeded"))
}

#[tokio::test]
async fn get_user_pool_client_returns_every_setting_and_the_secret_only_when_asked_for() {
    let Some(env) = Env::start().await else {
        return;
    };
    let inputs = check(&env, "web", &PropertyMap::new(), &web_inputs(&env.pool)).await;
    let (_, outputs) = create(&env, "web", &inputs, false).await;
    let client_id = outputs["clientId"].clone();
    let invoke = |args: Vec<(&'static str, Value)>| {
        let mut client = env.client();
        async move {
            client
                .invoke(rpc::InvokeRequest {
                    tok: "cognito:index:getUserPoolClient".into(),
                    args: encode(&args),
                    ..Default::default()
                })
                .await
        }
    };
    let res = invoke(vec![
        ("userPoolId", Value::string(&env.pool)),
        ("clientId", client_id.clone()),
    ])
    .await
    .unwrap_or_else(|e| panic!("invoke: {e}"))
    .into_inner();
    assert!(res.failures.is_empty(), "{:?}", res.failures);
    let found = decode(&res.r#return);
    assert_eq!(found["clientId"], client_id);
    assert!(
        found.get("clientSecret").is_none_or(Value::is_null),
        "the secret only when asked for: {found:?}"
    );
    assert!(
        !found.values().any(Value::contains_secret),
        "without the secret, nothing in the result is secret: {found:?}"
    );
    assert_eq!(
        found["callbackUrls"],
        Value::strings(&["https://app.example.com/callback"])
    );
    let res = invoke(vec![
        ("userPoolId", Value::string(&env.pool)),
        ("clientId", client_id.clone()),
        ("includeSecret", Value::Bool(true)),
    ])
    .await
    .unwrap_or_else(|e| panic!("invoke: {e}"))
    .into_inner();
    let found = decode(&res.r#return);
    assert_eq!(
        found["clientSecret"], outputs["clientSecret"],
        "asked for: the same secret, wrapped as a secret"
    );
    assert!(found["clientSecret"].contains_secret());

    let res = invoke(vec![("userPoolId", Value::string("not a pool"))])
        .await
        .unwrap_or_else(|e| panic!("invoke: {e}"))
        .into_inner();
    let bad: Vec<_> = res.failures.iter().map(|f| f.property.as_str()).collect();
    assert_eq!(
        bad,
        ["userPoolId", "clientId"],
        "bad arguments are failures by name"
    );

    let err = invoke(vec![
        ("userPoolId", Value::string(&env.pool)),
        ("clientId", Value::string("nosuchclient1")),
    ])
    .await
    .err()
    .unwrap_or_else(|| panic!("a missing client was found"));
    assert_eq!(err.code(), Code::NotFound);
    assert!(err.message().contains("nosuchclient1"), "{}", err.message());
}

/// The behaviour that makes whole-client updates necessary, shown on the emulator itself: an
/// `UpdateUserPoolClient` that leaves fields out resets them on the strict emulator (as on real
/// Cognito) and keeps them on moto. If the strict emulator ever merged, the tests below would
/// prove nothing on it, so this fails first.
#[tokio::test]
async fn the_emulator_resets_or_merges_what_an_update_leaves_out() {
    let Some(env) = Env::start().await else {
        return;
    };
    let made = env
        .cognito
        .create_user_pool_client()
        .user_pool_id(&env.pool)
        .client_name("partial")
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(aws_sdk_cognitoidentityprovider::types::OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .callback_urls("https://a.example.com/cb")
        .auth_session_validity(10)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .user_pool_client
        .and_then(|c| c.client_id)
        .unwrap_or_default();
    env.cognito
        .update_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(&made)
        .client_name("partial")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let live = describe(&env, &format!("{}/{made}", env.pool))
        .await
        .unwrap_or_else(|| panic!("client gone"));
    if env.emulator.is_strict() {
        assert!(live.callback_urls().is_empty(), "{live:?}");
        assert!(live.allowed_o_auth_flows().is_empty(), "{live:?}");
        assert_ne!(live.auth_session_validity(), Some(10), "{live:?}");
    } else {
        assert_eq!(
            live.callback_urls(),
            ["https://a.example.com/cb"],
            "moto merges"
        );
    }
}

/// What the program says, compared with what the emulator holds, field by field: the raw API
/// answer, read with the table only for each property's shape (a set's order is no change).
fn assert_live_matches(
    live: &aws_sdk_cognitoidentityprovider::types::UserPoolClientType,
    program: &[(&str, Value)],
    strict: bool,
) {
    use pulumi_resource_cognito::resource::table::Shape;
    use pulumi_resource_cognito::user_pool_client::{properties, state};
    let held = state::flatten(live);
    for (name, want) in program {
        // Emulator gap (strict): fakecloud drops DefaultRedirectURI on create and update.
        if strict && *name == "defaultRedirectUri" {
            continue;
        }
        let prop = properties::find(name).unwrap_or_else(|| panic!("{name} is not in the table"));
        let sorted = |v: &Value| match (prop.shape, v) {
            (Shape::StringSet, Value::Array(items)) => {
                let mut items = items.clone();
                items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                Value::Array(items)
            }
            _ => v.clone(),
        };
        let got = held.get(*name).map(sorted);
        match (prop.shape, want, got) {
            (Shape::Object(_), Value::Object(fields), Some(Value::Object(got))) => {
                for (field, value) in fields {
                    assert_eq!(got.get(field), Some(value), "{name}.{field}: {live:?}");
                }
            }
            (_, want, got) => assert_eq!(got, Some(sorted(want)), "{name}: {live:?}"),
        }
    }
}

/// A change to one setting must leave every other setting as the program has it: on the strict
/// emulator (as on Cognito) anything the update left out would be reset.
#[tokio::test]
async fn an_update_of_one_setting_keeps_every_other_setting() {
    let Some(env) = Env::start().await else {
        return;
    };
    let program = every_input(&env.pool);
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    let live = describe(&env, &id).await.unwrap_or_else(|| panic!("gone"));
    assert_live_matches(&live, &program, env.emulator.is_strict());

    let mut changed = program.clone();
    changed.retain(|(k, _)| *k != "authSessionValidity");
    changed.push(("authSessionValidity", Value::Number(11.0)));
    let news = check(&env, "web", &inputs, &changed).await;
    update(&env, &id, &outputs, &inputs, &news, false).await;
    let live = describe(&env, &id).await.unwrap_or_else(|| panic!("gone"));
    assert_live_matches(&live, &changed, env.emulator.is_strict());
}

/// Removing settings from the program puts Cognito's defaults back, on either emulator.
#[tokio::test]
async fn removing_settings_from_the_program_restores_cognitos_defaults() {
    let Some(env) = Env::start().await else {
        return;
    };
    let program = every_input(&env.pool);
    let inputs = check(&env, "web", &PropertyMap::new(), &program).await;
    let (id, outputs) = create(&env, "web", &inputs, false).await;
    let minimal = [
        ("userPoolId", Value::string(&env.pool)),
        ("clientName", Value::string("every-setting")),
        ("generateSecret", Value::Bool(true)),
    ];
    let news = check(&env, "web", &inputs, &minimal).await;
    update(&env, &id, &outputs, &inputs, &news, false).await;
    let live = describe(&env, &id).await.unwrap_or_else(|| panic!("gone"));
    assert!(live.callback_urls().is_empty(), "{live:?}");
    assert!(live.logout_urls().is_empty(), "{live:?}");
    assert!(live.allowed_o_auth_flows().is_empty(), "{live:?}");
    assert!(live.allowed_o_auth_scopes().is_empty(), "{live:?}");
    assert!(live.supported_identity_providers().is_empty(), "{live:?}");
    assert_eq!(live.allowed_o_auth_flows_user_pool_client(), Some(false));
    assert_eq!(live.auth_session_validity(), Some(3));
    assert_eq!(live.enable_token_revocation(), Some(true));
    assert_eq!(live.refresh_token_validity(), 30);
    assert_eq!(live.access_token_validity().unwrap_or(1), 1);
    assert_eq!(
        live.prevent_user_existence_errors().map(|p| p.as_str()),
        Some("LEGACY")
    );
    // These go back to Cognito's defaults only because the update leaves them out (their
    // defaults are no value the provider could send); moto keeps omitted fields, so only the
    // strict emulator can show it.
    if env.emulator.is_strict() {
        let flows: Vec<_> = live
            .explicit_auth_flows()
            .iter()
            .map(|f| f.as_str())
            .collect();
        assert!(!flows.contains(&"ALLOW_USER_PASSWORD_AUTH"), "{flows:?}");
        assert!(live.analytics_configuration().is_none(), "{live:?}");
        assert!(live.read_attributes().is_empty(), "{live:?}");
        assert!(live.write_attributes().is_empty(), "{live:?}");
        assert!(
            live.default_redirect_uri().is_none_or(str::is_empty),
            "{live:?}"
        );
    }
    let refreshed = read(&env, &id, Some((&outputs, &news))).await;
    let d = diff(
        &env,
        &id,
        &decode(&refreshed.properties),
        &decode(&refreshed.inputs),
        &news,
    )
    .await;
    if env.emulator.is_strict() {
        assert_eq!(d.changes, DiffChanges::DiffNone as i32, "{d:?}");
    }
}
