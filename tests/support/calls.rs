//! The calls the engine makes, one helper each, in the shape the engine uses them.

use pulumi_resource_cognito::plugin::codec::encode_struct;
use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::{PropertyMap, Value};

use rpc::resource_provider_client::ResourceProviderClient;
use tonic::transport::Channel;

use super::{Env, TOKEN, decode, encode, urn};

pub async fn check(
    env: &Env,
    name: &str,
    olds: &PropertyMap,
    news: &[(&str, Value)],
) -> PropertyMap {
    let res = check_response(env.client(), name, olds, news).await;
    assert!(res.failures.is_empty(), "{:?}", res.failures);
    decode(&res.inputs)
}

/// Check of a client, as the engine sends it; the answer as it comes, failures included.
pub async fn check_response(
    mut client: ResourceProviderClient<Channel>,
    name: &str,
    olds: &PropertyMap,
    news: &[(&str, Value)],
) -> rpc::CheckResponse {
    client
        .check(rpc::CheckRequest {
            urn: urn(name),
            name: name.into(),
            r#type: TOKEN.into(),
            olds: Some(encode_struct(olds)),
            news: encode(news),
            random_seed: vec![1; 32],
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("check: {e}"))
        .into_inner()
}

pub async fn create(
    env: &Env,
    name: &str,
    inputs: &PropertyMap,
    preview: bool,
) -> (String, PropertyMap) {
    let res = env
        .client()
        .create(rpc::CreateRequest {
            urn: urn(name),
            r#type: TOKEN.into(),
            properties: Some(encode_struct(inputs)),
            preview,
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("create: {e}"))
        .into_inner();
    (res.id, decode(&res.properties))
}

/// A create that may fail, with the engine's per-operation timeout (0: none).
pub async fn try_create(
    env: &Env,
    name: &str,
    inputs: &PropertyMap,
    timeout: f64,
) -> Result<(String, PropertyMap), tonic::Status> {
    env.client()
        .create(rpc::CreateRequest {
            urn: urn(name),
            r#type: TOKEN.into(),
            properties: Some(encode_struct(inputs)),
            timeout,
            ..Default::default()
        })
        .await
        .map(|r| {
            let r = r.into_inner();
            (r.id, decode(&r.properties))
        })
}

pub async fn read(
    env: &Env,
    id: &str,
    state: Option<(&PropertyMap, &PropertyMap)>,
) -> rpc::ReadResponse {
    try_read(env.client(), id, state)
        .await
        .unwrap_or_else(|e| panic!("read: {e}"))
}

/// A Read (an import when `state` is `None`) that may fail.
pub async fn try_read(
    mut client: ResourceProviderClient<Channel>,
    id: &str,
    state: Option<(&PropertyMap, &PropertyMap)>,
) -> Result<rpc::ReadResponse, tonic::Status> {
    client
        .read(rpc::ReadRequest {
            id: id.into(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            properties: state.map(|(outputs, _)| encode_struct(outputs)),
            inputs: state.map(|(_, inputs)| encode_struct(inputs)),
            ..Default::default()
        })
        .await
        .map(|r| r.into_inner())
}

/// A refresh (Read with the state's outputs and inputs), then the Diff of the program's inputs
/// against what it read: how `pulumi refresh` and the next preview see the client.
pub struct Refreshed {
    pub read: rpc::ReadResponse,
    /// The inputs the refresh read back.
    pub inputs: PropertyMap,
    pub diff: rpc::DiffResponse,
}

pub async fn refresh_then_diff(
    env: &Env,
    id: &str,
    outputs: &PropertyMap,
    inputs: &PropertyMap,
    news: &PropertyMap,
) -> Refreshed {
    let read = read(env, id, Some((outputs, inputs))).await;
    let read_inputs = decode(&read.inputs);
    let diff = diff(env, id, &decode(&read.properties), &read_inputs, news).await;
    Refreshed {
        read,
        inputs: read_inputs,
        diff,
    }
}

pub async fn diff(
    env: &Env,
    id: &str,
    outputs: &PropertyMap,
    old_inputs: &PropertyMap,
    news: &PropertyMap,
) -> rpc::DiffResponse {
    diff_ignoring(env, id, outputs, old_inputs, news, &[]).await
}

/// A diff with the program's `ignoreChanges` paths.
pub async fn diff_ignoring(
    env: &Env,
    id: &str,
    outputs: &PropertyMap,
    old_inputs: &PropertyMap,
    news: &PropertyMap,
    ignore_changes: &[&str],
) -> rpc::DiffResponse {
    env.client()
        .diff(rpc::DiffRequest {
            id: id.into(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            olds: Some(encode_struct(outputs)),
            old_inputs: Some(encode_struct(old_inputs)),
            news: Some(encode_struct(news)),
            ignore_changes: ignore_changes.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("diff: {e}"))
        .into_inner()
}

pub async fn update(
    env: &Env,
    id: &str,
    outputs: &PropertyMap,
    old_inputs: &PropertyMap,
    news: &PropertyMap,
    preview: bool,
) -> PropertyMap {
    let res = env
        .client()
        .update(rpc::UpdateRequest {
            id: id.into(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            olds: Some(encode_struct(outputs)),
            old_inputs: Some(encode_struct(old_inputs)),
            news: Some(encode_struct(news)),
            preview,
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("update: {e}"))
        .into_inner();
    decode(&res.properties)
}

/// An update with the program's `ignoreChanges` paths.
pub async fn update_ignoring(
    env: &Env,
    id: &str,
    outputs: &PropertyMap,
    old_inputs: &PropertyMap,
    news: &PropertyMap,
    ignore_changes: &[&str],
) -> Result<PropertyMap, tonic::Status> {
    env.client()
        .update(rpc::UpdateRequest {
            id: id.into(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            olds: Some(encode_struct(outputs)),
            old_inputs: Some(encode_struct(old_inputs)),
            news: Some(encode_struct(news)),
            ignore_changes: ignore_changes.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        })
        .await
        .map(|r| decode(&r.into_inner().properties))
}

pub async fn delete(env: &Env, id: &str) -> Result<(), tonic::Status> {
    env.client()
        .delete(rpc::DeleteRequest {
            id: id.into(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            ..Default::default()
        })
        .await
        .map(|_| ())
}

pub async fn describe(
    env: &Env,
    id: &str,
) -> Option<aws_sdk_cognitoidentityprovider::types::UserPoolClientType> {
    let (pool, client) = id.split_once('/').unwrap_or_else(|| panic!("bad id {id}"));
    match env
        .cognito
        .describe_user_pool_client()
        .user_pool_id(pool)
        .client_id(client)
        .send()
        .await
    {
        Ok(out) => out.user_pool_client,
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_resource_not_found_exception()) =>
        {
            None
        }
        Err(e) => panic!("describe: {e:?}"),
    }
}

/// The type token of the secret resource.
pub const SECRET: &str = "cognito:index:UserPoolClientSecret";

pub fn secret_urn(name: &str) -> String {
    format!("urn:pulumi:test::cognito-tests::{SECRET}::{name}")
}

/// Check of a `UserPoolClientSecret`; it must pass.
pub async fn check_secret(env: &Env, name: &str, news: &[(&str, Value)]) -> PropertyMap {
    let res = env
        .client()
        .check(rpc::CheckRequest {
            urn: secret_urn(name),
            name: name.into(),
            r#type: SECRET.into(),
            news: encode(news),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("check: {e}"))
        .into_inner();
    assert!(res.failures.is_empty(), "{:?}", res.failures);
    decode(&res.inputs)
}

pub async fn try_create_secret(
    env: &Env,
    name: &str,
    inputs: &PropertyMap,
) -> Result<(String, PropertyMap), tonic::Status> {
    env.client()
        .create(rpc::CreateRequest {
            urn: secret_urn(name),
            r#type: SECRET.into(),
            properties: Some(encode_struct(inputs)),
            ..Default::default()
        })
        .await
        .map(|r| {
            let r = r.into_inner();
            (r.id, decode(&r.properties))
        })
}

/// Read of a `UserPoolClientSecret` (an import when `state` is `None`).
pub async fn try_read_secret(
    env: &Env,
    id: &str,
    state: Option<(&PropertyMap, &PropertyMap)>,
) -> Result<rpc::ReadResponse, tonic::Status> {
    env.client()
        .read(rpc::ReadRequest {
            id: id.into(),
            urn: secret_urn("s"),
            r#type: SECRET.into(),
            properties: state.map(|(outputs, _)| encode_struct(outputs)),
            inputs: state.map(|(_, inputs)| encode_struct(inputs)),
            ..Default::default()
        })
        .await
        .map(|r| r.into_inner())
}

pub async fn try_delete_secret(
    env: &Env,
    id: &str,
    outputs: &PropertyMap,
) -> Result<(), tonic::Status> {
    env.client()
        .delete(rpc::DeleteRequest {
            id: id.into(),
            urn: secret_urn("s"),
            r#type: SECRET.into(),
            properties: Some(encode_struct(outputs)),
            ..Default::default()
        })
        .await
        .map(|_| ())
}
