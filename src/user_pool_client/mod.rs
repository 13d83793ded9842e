//! The `cognito:index:UserPoolClient` resource: Check and Diff are pure functions of the
//! property table; Create, Read, Update and Delete turn checked inputs into Cognito calls and
//! Cognito's answers into state. Nothing here knows about gRPC.

pub mod adopt;
mod check;
pub mod cognito;
mod diff;
pub mod discover;
pub mod failure;
pub mod id;
mod ignored;
pub mod lookup;
mod pacing;
pub mod pool_refs;
pub mod properties;
pub mod recovery;
pub mod regions;
mod rules;
pub mod secrets;
pub mod settings;
pub mod state;
pub mod tokens;

use std::future::Future;
use std::time::Duration;

pub use check::check;
pub use cognito::Cognito;
pub use diff::diff;

use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;
use cognito::Failure;
use id::ClientRef;
use properties::{
    CLIENT_ID, CLIENT_NAME, CLIENT_SECRET, GENERATE_SECRET, NAME, PROPERTIES, USER_POOL_ID,
};
use recovery::{Found, Namesakes};
use settings::ClientSettings;

use crate::error::{Action, Error, FailureKind};
use crate::resource::{
    CheckRequest, CheckResponse, CreateRequest, CreateResponse, DeleteRequest, Deleted,
    DiffRequest, ReadRequest, ReadResponse, UpdateRequest,
};
use crate::table::Update;
use crate::value::{PropertyMap, Value};

/// Check, and then, when Cognito is configured, the client's references into its pool
/// (`pool_refs`): warnings, or failures with `strictPoolReferences`.
pub async fn check_with_pool(cognito: Option<&Cognito>, req: &CheckRequest) -> CheckResponse {
    let mut res = check(req);
    if let Some(cognito) = cognito {
        let strict = cognito.strict_pool_references();
        let (mut failures, mut warnings) = pool_refs::review(cognito, &res.inputs, strict).await;
        res.failures.append(&mut failures);
        res.warnings.append(&mut warnings);
    }
    res
}

/// What a create will produce, for a preview: needs neither configuration nor Cognito.
pub fn create_preview(req: &CreateRequest) -> CreateResponse {
    CreateResponse {
        id: String::new(),
        outputs: preview_outputs(&req.inputs, None),
        warnings: vec![],
    }
}

/// Creates the client.
pub async fn create(cognito: &Cognito, req: &CreateRequest) -> Result<CreateResponse, Error> {
    let settings = ClientSettings::from_inputs(&req.inputs)?;
    let pool = required_string(&req.inputs, USER_POOL_ID)?;
    let generate_secret = req
        .inputs
        .get(GENERATE_SECRET)
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let target = format!("{:?} in user pool {pool}", settings.client_name);
    let name = settings.client_name.clone();
    // Noted before the first attempt: a client that carries the name already is never taken
    // for the one this create makes.
    let before = cognito.namesakes(&pool, &name).await;
    // Cognito that cannot be reached (or no credentials) for the list will not take the create
    // either: say so once rather than trying everything again.
    if let Err(f) = &before.0
        && matches!(
            f.kind,
            FailureKind::Unreachable | FailureKind::NoCredentials
        )
    {
        return Err(failed(Action::Creating, &target, &pool, f.clone()));
    }
    let requested = |client: &UserPoolClientType| is_requested(client, &req.inputs);
    let brought = req.inputs.get(CLIENT_SECRET).and_then(Value::as_str);
    let created = within(
        req.timeout,
        cognito.create(
            &pool,
            generate_secret,
            brought,
            settings,
            &before,
            &requested,
        ),
    )
    .await;
    let client = match created {
        Ok(client) => client,
        Err(f) if f.kind == FailureKind::TimedOut => {
            return Err(timed_out(cognito, req, &pool, &name, &target, &before, f).await);
        }
        Err(f) => {
            let f = explained(cognito, &req.inputs, f).await;
            return Err(failed(Action::Creating, &target, &pool, f));
        }
    };
    let live = state::flatten(&client);
    let client_id = live.get(CLIENT_ID).and_then(Value::as_str).ok_or_else(|| {
        Error::Internal("Cognito created a client but reported no client id".into())
    })?;
    let id = ClientRef {
        user_pool_id: pool,
        client_id: client_id.to_string(),
    };
    Ok(CreateResponse {
        id: id.to_string(),
        outputs: state::outputs(&live, &req.inputs),
        warnings: vec![],
    })
}

/// Whether a client Cognito describes has the settings a create asked for: what tells the
/// client a lost create made from a namesake someone else made meanwhile.
fn is_requested(client: &UserPoolClientType, inputs: &PropertyMap) -> bool {
    let live = state::flatten(client);
    let request = DiffRequest {
        id: String::new(),
        urn: String::new(),
        old_outputs: PropertyMap::new(),
        old_inputs: state::inputs(&live, Some(inputs)),
        news: inputs.clone(),
        ignore_changes: vec![],
    };
    !diff(&request).has_changes()
}

/// A create that outlived the engine's timeout may still have made the client: if the pool
/// now has it, it is reported as created-but-failed, so the engine records it instead of
/// orphaning it.
async fn timed_out(
    cognito: &Cognito,
    req: &CreateRequest,
    pool: &str,
    name: &str,
    target: &str,
    before: &Namesakes,
    f: Failure,
) -> Error {
    let requested = |client: &UserPoolClientType| is_requested(client, &req.inputs);
    let f = match cognito.find_new(pool, name, before, &requested).await {
        Found::Nothing => f,
        Found::Made(client) => {
            let error = failed(Action::Creating, target, pool, f);
            let live = state::flatten(&client);
            let client_id = live
                .get(CLIENT_ID)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            return Error::PartiallyCreated {
                id: ClientRef {
                    user_pool_id: pool.to_string(),
                    client_id,
                }
                .to_string(),
                outputs: state::outputs(&live, &req.inputs),
                reason: error.to_string(),
            };
        }
        Found::Unclear(what) => recovery::unclear(f, &what),
        Found::LookupFailed(lookup) => recovery::unverified(f, &lookup),
    };
    failed(Action::Creating, target, pool, f)
}

/// Reads the live client for refresh (with old inputs) or import (from the id alone).
/// `None` when the client or its pool no longer exists.
pub async fn read(cognito: &Cognito, req: &ReadRequest) -> Result<Option<ReadResponse>, Error> {
    let id: ClientRef = req.id.parse()?;
    let client = within(req.timeout, cognito.describe(&id))
        .await
        .map_err(|f| failed(Action::Reading, &id.to_string(), &id.user_pool_id, f))?;
    let Some(client) = client else {
        return Ok(None);
    };
    let live = state::flatten(&client);
    let inputs = state::inputs(&live, req.old_inputs.as_ref());
    Ok(Some(ReadResponse {
        id: id.to_string(),
        outputs: state::outputs(&live, &inputs),
        inputs,
    }))
}

/// What an update will produce, for a preview.
pub fn update_preview(req: &UpdateRequest) -> PropertyMap {
    preview_outputs(&req.news, Some(&req.old_outputs))
}

/// Updates the client in place with the whole desired state. Cognito replaces the whole
/// client, so properties the program asks to ignore are sent as they are live.
pub async fn update(cognito: &Cognito, req: &UpdateRequest) -> Result<PropertyMap, Error> {
    let id: ClientRef = req.id.parse()?;
    let news = if req.ignore_changes.is_empty() {
        req.news.clone()
    } else {
        let live = within(req.timeout, cognito.describe(&id))
            .await
            .map_err(|f| failed(Action::Updating, &id.to_string(), &id.user_pool_id, f))?
            .ok_or_else(|| {
                failed(
                    Action::Updating,
                    &id.to_string(),
                    &id.user_pool_id,
                    Failure {
                        kind: FailureKind::NotFound,
                        code: None,
                        message: String::new(),
                    },
                )
            })?;
        let live = state::inputs(&state::flatten(&live), Some(&req.old_inputs));
        ignored::keep_live(&req.news, &live, &req.ignore_changes)
    };
    let settings = ClientSettings::from_inputs(&news)?;
    let client = match within(req.timeout, cognito.update(&id, settings)).await {
        Ok(client) => client,
        Err(f) => {
            let f = explained(cognito, &news, f).await;
            return Err(failed(
                Action::Updating,
                &id.to_string(),
                &id.user_pool_id,
                f,
            ));
        }
    };
    let rotate_to = news
        .get(CLIENT_SECRET)
        .and_then(Value::as_str)
        .filter(|new| req.old_outputs.get(CLIENT_SECRET).and_then(Value::as_str) != Some(*new));
    if let Some(secret) = rotate_to {
        within(req.timeout, rotate(cognito, &id, secret))
            .await
            .map_err(|f| failed(Action::Updating, &id.to_string(), &id.user_pool_id, f))?;
    }
    let mut outputs = state::outputs(&state::flatten(&client), &news);
    // Describe may report another of the client's secrets: keep the one the state knows.
    if let (None, Some(secret)) = (news.get(CLIENT_SECRET), req.old_outputs.get(CLIENT_SECRET)) {
        outputs.insert(CLIENT_SECRET.into(), secret.clone().secret_if(true));
    }
    Ok(outputs)
}

/// Rotates the client's own secret to `secret` without replacing the client: the new secret is
/// added, then the one it replaces deleted. Any other secret (one a UserPoolClientSecret
/// manages) is kept; when the provider cannot tell which is the old one, all are kept and the
/// user is told.
async fn rotate(cognito: &Cognito, id: &ClientRef, secret: &str) -> Result<(), Failure> {
    let added = cognito.add_secret(id, Some(secret)).await?;
    let others: Vec<secrets::Secret> = cognito
        .secrets(id)
        .await?
        .unwrap_or_default()
        .into_iter()
        .filter(|s| s.id != added.id)
        .collect();
    match others.as_slice() {
        [] => {}
        [old] => {
            cognito.delete_secret(id, &old.id).await?;
        }
        many => {
            let ids: Vec<&str> = many.iter().map(|s| s.id.as_str()).collect();
            cognito.progress().report(&format!(
                "client {id}: added the new `clientSecret` but kept its other secrets ({}), as it cannot tell which one the new secret replaces; delete the old one when its users have moved",
                ids.join(", ")
            ));
        }
    }
    Ok(())
}

/// Deletes the client. One that is already gone counts as deleted; returns whether it existed.
pub async fn delete(cognito: &Cognito, req: &DeleteRequest) -> Result<Deleted, Error> {
    let id: ClientRef = req.id.parse()?;
    let existed = within(req.timeout, cognito.delete(&id))
        .await
        .map_err(|f| failed(Action::Deleting, &id.to_string(), &id.user_pool_id, f))?;
    Ok(if existed {
        Deleted::Yes
    } else {
        Deleted::AlreadyGone
    })
}

/// The outputs a preview promises: the inputs, the previous outputs Cognito set (on update),
/// and unknowns for what only Cognito can tell.
fn preview_outputs(inputs: &PropertyMap, old_outputs: Option<&PropertyMap>) -> PropertyMap {
    let mut out = inputs.clone();
    for prop in PROPERTIES.iter().filter(|p| p.update == Update::OutputOnly) {
        let value = match (prop.name, old_outputs.and_then(|o| o.get(prop.name))) {
            (NAME, _) => inputs.get(CLIENT_NAME).cloned().unwrap_or(Value::Unknown),
            ("lastModifiedDate", _) => Value::Unknown,
            (_, Some(old)) => old.clone(),
            (_, None) => Value::Unknown,
        };
        out.insert(prop.name.to_string(), value.secret_if(prop.secret));
    }
    // The secret: the one the program brings, else the one the client has, else one Cognito
    // will generate.
    let secret = match (
        inputs.get(CLIENT_SECRET),
        old_outputs.and_then(|o| o.get(CLIENT_SECRET)),
    ) {
        (Some(brought), _) => Some(brought.clone()),
        (None, Some(old)) => Some(old.clone()),
        (None, None)
            if inputs.get(GENERATE_SECRET).and_then(Value::as_bool) != Some(false)
                && inputs.contains_key(GENERATE_SECRET) =>
        {
            Some(Value::Unknown)
        }
        (None, None) => None,
    };
    if let Some(secret) = secret {
        out.insert(CLIENT_SECRET.into(), secret.secret_if(true));
    }
    out
}

fn required_string(inputs: &PropertyMap, name: &str) -> Result<String, Error> {
    inputs
        .get(name)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| Error::InvalidRequest(format!("`{name}` is missing or not a string")))
}

/// Runs a Cognito call within the engine's per-operation timeout, when it gave one.
async fn within<T>(
    timeout: Option<Duration>,
    call: impl Future<Output = Result<T, Failure>>,
) -> Result<T, Failure> {
    let Some(limit) = timeout else {
        return call.await;
    };
    tokio::time::timeout(limit, call).await.unwrap_or_else(|_| {
        Err(Failure {
            kind: FailureKind::TimedOut,
            code: None,
            message: format!("no answer within the {}s timeout", limit.as_secs_f64()),
        })
    })
}

/// Turns a failed call into the one-sentence error the user sees, naming the client and a
/// cause they can act on.
/// Cognito refused the client as invalid: when the reason is a reference the pool does not
/// have (a scope, an identity provider, an attribute), the message says which, and what the
/// pool has.
async fn explained(cognito: &Cognito, inputs: &PropertyMap, f: Failure) -> Failure {
    if f.kind != FailureKind::InvalidInput {
        return f;
    }
    match pool_refs::explain(cognito, inputs).await {
        Some(why) => Failure {
            message: format!("{}: {why}", f.message),
            ..f
        },
        None => f,
    }
}

fn failed(action: Action, client: &str, pool: &str, f: Failure) -> Error {
    let cause = match (f.kind, action) {
        (FailureKind::NotFound, Action::Creating) => format!("user pool {pool} does not exist"),
        (FailureKind::NotFound, _) => format!(
            "the client or its user pool {pool} no longer exists; run `pulumi refresh` to update the state"
        ),
        _ => f.message,
    };
    Error::Cognito {
        action,
        client: client.to_string(),
        cause,
        kind: f.kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::map_of as map;

    #[test]
    fn create_preview_marks_cognitos_outputs_unknown() {
        let ins = map(&[
            (CLIENT_NAME, Value::string("web")),
            (GENERATE_SECRET, Value::Bool(true)),
        ]);
        let out = preview_outputs(&ins, None);
        assert_eq!(out[CLIENT_ID], Value::Unknown);
        assert_eq!(out[CLIENT_SECRET], Value::Unknown.secret_if(true));
        assert_eq!(out[NAME], Value::string("web"));
        let without_secret = preview_outputs(&map(&[(CLIENT_NAME, Value::string("web"))]), None);
        assert!(!without_secret.contains_key(CLIENT_SECRET));
    }

    #[test]
    fn update_preview_keeps_the_id_and_secret() {
        let old = map(&[
            (CLIENT_ID, Value::string("c1")),
            (CLIENT_SECRET, Value::string("s").secret_if(true)),
        ]);
        let out = preview_outputs(&map(&[(CLIENT_NAME, Value::string("web2"))]), Some(&old));
        assert_eq!(out[CLIENT_ID], Value::string("c1"));
        assert_eq!(out[CLIENT_SECRET], old[CLIENT_SECRET]);
        assert_eq!(out[NAME], Value::string("web2"));
    }

    #[test]
    fn only_a_client_with_the_requested_settings_counts_as_the_one_a_create_made() {
        let inputs = map(&[
            (USER_POOL_ID, Value::string("us-east-1_p1")),
            (CLIENT_NAME, Value::string("web")),
            (GENERATE_SECRET, Value::Bool(true)),
            ("authSessionValidity", Value::Number(7.0)),
        ]);
        let client = |auth: i32, secret: Option<&str>| {
            UserPoolClientType::builder()
                .user_pool_id("us-east-1_p1")
                .client_name("web")
                .client_id("c1")
                .set_client_secret(secret.map(str::to_string))
                .auth_session_validity(auth)
                .build()
        };
        assert!(is_requested(&client(7, Some("s")), &inputs));
        assert!(
            !is_requested(&client(3, Some("s")), &inputs),
            "other settings"
        );
        assert!(!is_requested(&client(7, None), &inputs), "no secret");
    }

    #[test]
    fn a_missing_pool_is_named_in_the_error() {
        let f = Failure {
            kind: FailureKind::NotFound,
            code: None,
            message: "x".into(),
        };
        let e = failed(
            Action::Creating,
            "\"web\" in user pool us-east-1_x",
            "us-east-1_x",
            f,
        );
        assert_eq!(
            e.to_string(),
            "creating Cognito user pool client \"web\" in user pool us-east-1_x failed: user pool us-east-1_x does not exist"
        );
    }
}
