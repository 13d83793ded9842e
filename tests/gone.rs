//! When "not found" means gone. A client Cognito does not find is gone only once the provider
//! has proof: its pool exists for these credentials (ListUserPoolClients, a permission the
//! provider needs anyway, answers for it), or the pool is absent from the very account and
//! region the state recorded it in. A missing pool may be another account (a wrong
//! `assumeRole` or profile, often with the same minimal policy), and refresh must not then
//! drop the client from the state, nor destroy report it deleted, while it lives on.

mod support;

use pulumi_resource_cognito::plugin::codec::encode_struct;
use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use pulumi_resource_cognito::value::{PropertyMap, Value};
use support::*;

const OTHER_ACCOUNT: &str = "222233334444";

/// A client made through the provider: its id, outputs and inputs (the state).
async fn made(env: &Env) -> (String, PropertyMap, PropertyMap) {
    let inputs = map(&[
        ("userPoolId", Value::string(&env.pool)),
        ("clientName", Value::string("web")),
    ]);
    let (id, outputs) = calls::create(env, "web", &inputs, false).await;
    (id, outputs, inputs)
}

async fn delete_with_state(
    env: &Env,
    id: &str,
    outputs: &PropertyMap,
) -> Result<(), tonic::Status> {
    env.client()
        .delete(rpc::DeleteRequest {
            id: id.into(),
            urn: urn("web"),
            r#type: TOKEN.into(),
            properties: Some(encode_struct(outputs)),
            ..Default::default()
        })
        .await
        .map(|_| ())
}

#[tokio::test]
async fn the_state_records_the_account_and_region_of_the_pool() {
    let Some(env) = Env::start().await else {
        return;
    };
    let (_, outputs, _) = made(&env).await;
    assert_eq!(
        outputs.get("userPoolArn").and_then(Value::as_str),
        Some(
            format!(
                "arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{}",
                env.pool
            )
            .as_str()
        ),
        "{outputs:?}"
    );
}

#[tokio::test]
async fn a_client_deleted_out_of_band_in_an_existing_pool_is_gone() {
    let Some(env) = Env::start().await else {
        return;
    };
    let (id, outputs, inputs) = made(&env).await;
    let client_id = id.split('/').nth(1).unwrap_or_default();
    env.cognito
        .delete_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(client_id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let read = calls::read(&env, &id, Some((&outputs, &inputs))).await;
    assert!(
        read.id.is_empty(),
        "a deleted client was read as {:?}",
        read.id
    );
    delete_with_state(&env, &id, &outputs)
        .await
        .unwrap_or_else(|e| panic!("deleting a gone client: {e}"));
    // The update's advice to refresh comes only with that proof.
    let err = calls::update_ignoring(&env, &id, &outputs, &inputs, &inputs, &[])
        .await
        .err()
        .unwrap_or_else(|| panic!("updating a deleted client succeeded"));
    assert_eq!(err.code(), tonic::Code::NotFound, "{err}");
    assert!(err.message().contains("pulumi refresh"), "{err}");
}

#[tokio::test]
async fn a_client_looked_for_in_another_account_is_not_taken_for_gone() {
    let Some(env) = Env::start().await else {
        return;
    };
    let (id, outputs, inputs) = made(&env).await;
    // The same provider, but its credentials reach another account, with the same (minimal)
    // permissions: another emulator, of another account, where the pool does not exist.
    let Some(other) = Env::start_in_account(OTHER_ACCOUNT).await else {
        return;
    };
    let err = calls::try_read(other.client(), &id, Some((&outputs, &inputs)))
        .await
        .err()
        .unwrap_or_else(|| panic!("the refresh in another account succeeded"));
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{err}");
    let message = err.message();
    assert!(
        message.contains(&format!("user pool {} does not exist", env.pool))
            && message.contains(&format!("account {ACCOUNT}"))
            && message.contains(&format!("account {OTHER_ACCOUNT}"))
            && message.contains("assumeRole"),
        "{message}"
    );
    let err = delete_with_state(&other, &id, &outputs)
        .await
        .err()
        .unwrap_or_else(|| panic!("the delete in another account reported success"));
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{err}");
    let err = calls::update_ignoring(&other, &id, &outputs, &inputs, &inputs, &[])
        .await
        .err()
        .unwrap_or_else(|| panic!("the update in another account succeeded"));
    assert!(!err.message().contains("pulumi refresh"), "{err}");
    // The client lives on where it was made, and is still found there.
    let read = calls::read(&env, &id, Some((&outputs, &inputs))).await;
    assert_eq!(read.id, id);
}

#[tokio::test]
async fn without_permission_to_list_the_pools_clients_not_found_is_no_proof() {
    let Some(env) = Env::start().await else {
        return;
    };
    let (id, outputs, inputs) = made(&env).await;
    let client_id = id.split('/').nth(1).unwrap_or_default();
    env.cognito
        .delete_user_pool_client()
        .user_pool_id(&env.pool)
        .client_id(client_id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    // A role without ListUserPoolClients (nor DescribeUserPool): nothing decides.
    env.recorder
        .inject_every("ListUserPoolClients", 1, Fault::Denied);
    env.recorder
        .inject_every("DescribeUserPool", 1, Fault::Denied);
    let err = calls::try_read(env.client(), &id, Some((&outputs, &inputs)))
        .await
        .err()
        .unwrap_or_else(|| panic!("refresh dropped a client it could not prove gone"));
    assert_eq!(err.code(), tonic::Code::PermissionDenied, "{err}");
    assert!(
        err.message().contains("cognito-idp:ListUserPoolClients"),
        "{err}"
    );
    let err = delete_with_state(&env, &id, &outputs)
        .await
        .err()
        .unwrap_or_else(|| panic!("destroy reported deleted a client it could not prove gone"));
    assert_eq!(err.code(), tonic::Code::PermissionDenied, "{err}");
}

#[tokio::test]
async fn a_pool_deleted_in_the_recorded_account_takes_its_clients_with_it() {
    let Some(env) = Env::start().await else {
        return;
    };
    let (id, outputs, inputs) = made(&env).await;
    env.cognito
        .delete_user_pool()
        .user_pool_id(&env.pool)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let read = calls::read(&env, &id, Some((&outputs, &inputs))).await;
    assert!(read.id.is_empty(), "a client of a deleted pool was read");
    delete_with_state(&env, &id, &outputs)
        .await
        .unwrap_or_else(|e| panic!("deleting a client of a deleted pool: {e}"));
    // A state from before the pool's account was recorded proves nothing: the error stands.
    let mut unrecorded = outputs.clone();
    unrecorded.remove("userPoolArn");
    let err = calls::try_read(env.client(), &id, Some((&unrecorded, &inputs)))
        .await
        .err()
        .unwrap_or_else(|| panic!("a client without a recorded account was taken for gone"));
    assert!(err.message().contains("pulumi state delete"), "{err}");
    // An import of it (no state): the pool is not there for these credentials, and the advice
    // is about the id, the region and the account, never about a state that holds nothing.
    let err = calls::try_read(env.client(), &id, None)
        .await
        .err()
        .unwrap_or_else(|| panic!("an import of a client of a missing pool succeeded"));
    let m = err.message();
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{m}");
    assert!(
        m.contains(&format!("there is no user pool {}", env.pool))
            && m.contains("check the pool id, its region and the account"),
        "{m}"
    );
    assert!(!m.contains("state delete") && !m.contains("refresh"), "{m}");
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
    let arn = format!(
        "arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{}",
        env.pool
    );
    let state = map(&[("userPoolArn", Value::string(&arn))]);
    let Some(other) = Env::start_in_account(OTHER_ACCOUNT).await else {
        return;
    };
    let secret_type = "cognito:index:UserPoolClientSecret";
    let err = other
        .client()
        .read(rpc::ReadRequest {
            id: id.clone(),
            urn: urn("secret"),
            r#type: secret_type.into(),
            properties: Some(encode_struct(&state)),
            inputs: Some(encode_struct(&map(&[]))),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("the secret's read in another account succeeded"));
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{err}");
    assert!(
        err.message().contains(&format!("account {OTHER_ACCOUNT}")),
        "{err}"
    );
    let err = other
        .client()
        .delete(rpc::DeleteRequest {
            id: id.clone(),
            urn: urn("secret"),
            r#type: secret_type.into(),
            properties: Some(encode_struct(&state)),
            ..Default::default()
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("the secret's delete in another account reported success"));
    assert_eq!(err.code(), tonic::Code::InvalidArgument, "{err}");
}
