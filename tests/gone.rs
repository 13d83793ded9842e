//! When "not found" means gone. A client Cognito does not find is gone only if its pool exists
//! for these credentials: a missing pool may be another account (a wrong `assumeRole` or
//! profile), and refresh must not then drop the client from the state, nor destroy report it
//! deleted, while it lives on.

mod support;

use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::Value;
use support::*;

async fn made(env: &Env) -> String {
    let inputs = map(&[
        ("userPoolId", Value::string(&env.pool)),
        ("clientName", Value::string("web")),
    ]);
    calls::create(env, "web", &inputs, false).await.0
}

#[tokio::test]
async fn a_client_deleted_out_of_band_in_an_existing_pool_is_gone() {
    let Some(env) = Env::start().await else {
        return;
    };
    let id = made(&env).await;
    let client_id = id.split('/').nth(1).unwrap_or_default();
    env.cognito
        .delete_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(client_id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let read = calls::read(&env, &id, None).await;
    assert!(
        read.id.is_empty(),
        "a deleted client was read as {:?}",
        read.id
    );
    calls::delete(&env, &id)
        .await
        .unwrap_or_else(|e| panic!("deleting a gone client: {e}"));
}

#[tokio::test]
async fn a_client_looked_for_in_another_account_is_not_taken_for_gone() {
    let Some(env) = Env::start().await else {
        return;
    };
    let id = made(&env).await;
    // The same provider, but its credentials reach another account: another emulator, where
    // the pool does not exist.
    let Some(other) = Env::start().await else {
        return;
    };
    let err = calls::try_read(other.client(), &id, None)
        .await
        .err()
        .unwrap_or_else(|| panic!("the read in another account succeeded"));
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{err}");
    let message = err.message();
    assert!(
        message.contains(&format!("user pool {} does not exist", env.pool))
            && message.contains("pulumi state delete")
            && message.contains("assumeRole"),
        "{message}"
    );
    let err = calls::delete(&other, &id)
        .await
        .err()
        .unwrap_or_else(|| panic!("the delete in another account reported success"));
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{err}");
    // The client lives on where it was made, and is still found there.
    let read = calls::read(&env, &id, None).await;
    assert_eq!(read.id, id);
}

#[tokio::test]
async fn without_permission_to_look_at_the_pool_cognitos_answer_stands() {
    let Some(env) = Env::start().await else {
        return;
    };
    let id = made(&env).await;
    let client_id = id.split('/').nth(1).unwrap_or_default();
    env.cognito
        .delete_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(client_id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    env.recorder.inject("DescribeUserPool", &[Fault::Denied]);
    let read = calls::read(&env, &id, None).await;
    assert!(read.id.is_empty(), "{:?}", read.id);
    assert_eq!(env.recorder.calls_to("DescribeUserPool").len(), 1);
}

#[tokio::test]
async fn a_secret_looked_for_in_another_account_is_not_taken_for_gone() {
    let Some(env) = Env::start().await else {
        return;
    };
    if !env.emulator.is_strict() {
        eprintln!("skipped on moto: it has no client secret operations");
        return;
    }
    let inputs = map(&[
        ("userPoolId", Value::string(&env.pool)),
        ("clientName", Value::string("web")),
        ("generateSecret", Value::Bool(true)),
    ]);
    let client = calls::create(&env, "web", &inputs, false).await.0;
    let client_id = client.split('/').nth(1).unwrap_or_default().to_string();
    let secret = env
        .cognito
        .list_user_pool_client_secrets()
        .user_pool_id(&env.pool)
        .client_id(&client_id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .client_secrets()
        .iter()
        .find_map(|s| s.client_secret_id().map(str::to_string))
        .unwrap_or_else(|| panic!("the client has no secret"));
    let id = format!("{client}/{secret}");
    let Some(other) = Env::start().await else {
        return;
    };
    let secret_type = "cognito:index:UserPoolClientSecret";
    let err = other
        .client()
        .read(rpc::ReadRequest {
            id: id.clone(),
            urn: urn("secret"),
            r#type: secret_type.into(),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("the secret's read in another account succeeded"));
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{err}");
    assert!(err.message().contains("does not exist"), "{err}");
    let err = other
        .client()
        .delete(rpc::DeleteRequest {
            id: id.clone(),
            urn: urn("secret"),
            r#type: secret_type.into(),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("the secret's delete in another account reported success"));
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{err}");
}
