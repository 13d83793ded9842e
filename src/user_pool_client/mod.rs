//! The `cognito:index:UserPoolClient` resource: Check and Diff are pure functions of the
//! property table; Create, Read, Update and Delete turn checked inputs into Cognito calls and
//! Cognito's answers into state. Nothing here knows about gRPC.

mod check;
mod diff;
pub mod errors;
mod ignored;
pub mod pool_refs;
pub mod properties;
mod redirect;
mod rotation;
mod rules;
pub mod settings;
pub mod state;
pub mod tokens;

use std::future::Future;
use std::time::Duration;

pub use crate::cognito::Cognito;
pub use check::check;
pub use diff::diff;

use crate::cognito::Failure;
use crate::cognito::id::ClientRef;
use crate::cognito::recovery::{self, Before, Found};
use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;
use errors::failed;
use properties::{
    CLIENT_ID, CLIENT_NAME, CLIENT_SECRET, CLIENT_SECRET_IDS, GENERATE_SECRET, NAME, PROPERTIES,
    USER_POOL_ARN, USER_POOL_ID,
};
use settings::ClientSettings;

use crate::error::{Action, Error, FailureKind};
use crate::resource::table::Update;
use crate::resource::{
    CheckRequest, CheckResponse, CreateRequest, CreateResponse, DeleteRequest, Deleted,
    DiffRequest, ReadRequest, ReadResponse, UpdateRequest, UpdateResponse,
};
use crate::value::{PropertyMap, Value};

/// Check, and then, when Cognito is configured, the client's references into its pool
/// (`pool_refs`): warnings, or failures with `strictPoolReferences`.
pub async fn check_with_pool(
    cognito: Option<&Cognito>,
    strict: bool,
    req: &CheckRequest,
) -> CheckResponse {
    let mut res = check(req);
    if let Some(cognito) = cognito {
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
    // Check waits for a secret that is unknown at preview; here it is known, and Cognito would
    // refuse the pair after the namesakes were listed and the call paced.
    if generate_secret && req.inputs.get(CLIENT_SECRET).is_some_and(|v| !v.is_null()) {
        return Err(Error::InvalidRequest(
            "`clientSecret` and `generateSecret: true` cannot be used together: Cognito either generates a secret or takes yours".into(),
        ));
    }
    let target = format!("{:?} in user pool {pool}", settings.client_name);
    let name = settings.client_name.clone();
    // Decided before the first attempt: a client that carries the name already is never taken
    // for the one this create makes.
    let before = cognito.before_create(&pool, &name).await;
    // Cognito that cannot be reached (or no credentials) for the list will not take the create
    // either: say so once rather than trying everything again.
    if let Some(f) = before.listing_failure()
        && matches!(
            f.kind,
            FailureKind::Unreachable
                | FailureKind::NotCognito
                | FailureKind::NoCredentials
                | FailureKind::RoleNotAssumed
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
    let id = ClientRef::new(pool, client_id.to_string());
    let mut outputs = state::outputs(&live, &req.inputs);
    record_provenance(cognito, &id, &mut outputs).await;
    Ok(CreateResponse {
        id: id.to_string(),
        outputs,
        warnings: vec![],
    })
}

/// Records what only the moment of making (or being given) a client proves: which of its
/// secrets is its own (its only one, then), and the account its pool lives in (the one whose
/// credentials just reached it). What cannot be learned stays unrecorded: the provider then
/// does less on its own later (deletes no secret, takes no client for deleted), never more.
async fn record_provenance(cognito: &Cognito, id: &ClientRef, outputs: &mut PropertyMap) {
    let has_secret = outputs.get(CLIENT_SECRET).is_some_and(|v| !v.is_null());
    let own = match has_secret {
        true => cognito.only_secret(id).await.into_iter().collect(),
        false => vec![],
    };
    outputs.insert(CLIENT_SECRET_IDS.into(), Value::strings(&own));
    if let Some(arn) = cognito.pool_arn(&id.user_pool_id).await {
        outputs.insert(USER_POOL_ARN.into(), Value::string(arn));
    }
}

/// The client named by the resource id, with where the state recorded its pool.
fn client_ref(id: &str, outputs: Option<&PropertyMap>) -> Result<ClientRef, Error> {
    let id = id.parse::<ClientRef>()?;
    // No outputs: an import, which the state does not hold yet.
    Ok(match outputs {
        Some(o) => id.recorded_in(o.get(USER_POOL_ARN).and_then(Value::as_str)),
        None => id,
    })
}

/// Whether a client Cognito describes has the settings a create asked for: what tells the
/// client a lost create made from a namesake someone else made meanwhile.
fn is_requested(client: &UserPoolClientType, inputs: &PropertyMap) -> bool {
    // A brought secret is compared too: another stack (or person) making a namesake with the
    // same settings at the same moment would not bring the same secret.
    if let Some(brought) = inputs.get(CLIENT_SECRET).and_then(Value::as_str)
        && client.client_secret() != Some(brought)
    {
        return false;
    }
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
/// orphaning it. The request may still be on its way when the deadline drops it, so a pool
/// that shows nothing at once is looked at again a moment later (`recovery::SETTLE`).
async fn timed_out(
    cognito: &Cognito,
    req: &CreateRequest,
    pool: &str,
    name: &str,
    target: &str,
    before: &Before,
    f: Failure,
) -> Error {
    let requested = |client: &UserPoolClientType| is_requested(client, &req.inputs);
    let f = match cognito
        .find_new_settled(pool, name, before, &requested)
        .await
    {
        Found::Nothing => f,
        Found::Made(client) => {
            let error = failed(Action::Creating, target, pool, f);
            let live = state::flatten(&client);
            let client_id = live
                .get(CLIENT_ID)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let id = ClientRef::new(pool, client_id);
            let mut outputs = state::outputs(&live, &req.inputs);
            record_provenance(cognito, &id, &mut outputs).await;
            return Error::Partial {
                id: id.to_string(),
                outputs,
                reason: error.to_string(),
            };
        }
        Found::Unclear(what) => recovery::unclear(f, &what),
        Found::LookupFailed(lookup) => recovery::unverified(f, &lookup),
    };
    failed(Action::Creating, target, pool, f)
}

/// Reads the live client for refresh (with old inputs) or import (from the id alone).
/// `None` when the client is gone, which needs proof (see `Cognito::confirm_gone`).
pub async fn read(cognito: &Cognito, req: &ReadRequest) -> Result<Option<ReadResponse>, Error> {
    let id = client_ref(&req.id, req.old_outputs.as_ref())?;
    let client = within(req.timeout, cognito.describe(&id))
        .await
        .map_err(|f| failed(Action::Reading, &id.to_string(), &id.user_pool_id, f))?;
    let Some(client) = client else {
        return Ok(None);
    };
    let live = state::flatten(&client);
    let inputs = state::inputs(&live, req.old_inputs.as_ref());
    let mut outputs = state::outputs(&live, &inputs);
    match &req.old_outputs {
        // Refresh: the secrets the state holds stay its own; the pool was just reached with
        // these credentials, which proves its account.
        Some(old) => {
            outputs.insert(
                CLIENT_SECRET_IDS.into(),
                Value::strings(&state::owned_secrets(old)),
            );
            match cognito.pool_arn(&id.user_pool_id).await {
                Some(arn) => outputs.insert(USER_POOL_ARN.into(), Value::string(arn)),
                None => old
                    .get(USER_POOL_ARN)
                    .cloned()
                    .and_then(|arn| outputs.insert(USER_POOL_ARN.into(), arn)),
            };
        }
        // Import: the client is given to the provider as it is.
        None => record_provenance(cognito, &id, &mut outputs).await,
    }
    Ok(Some(ReadResponse {
        id: id.to_string(),
        outputs,
        inputs,
    }))
}

/// What an update will produce, for a preview.
pub fn update_preview(req: &UpdateRequest) -> PropertyMap {
    preview_outputs(&req.news, Some(&req.old_outputs))
}

/// Updates the client in place with the whole desired state, then rotates its own secret when
/// `clientSecret` changed (or finishes a rotation an earlier update left half done). Cognito
/// replaces the whole client, so properties the program asks to ignore are sent as they are
/// live. An update whose settings reached Cognito but whose rotation stopped part way is a
/// partial update: the state records what is now true, and the next `pulumi up` goes on.
pub async fn update(cognito: &Cognito, req: &UpdateRequest) -> Result<UpdateResponse, Error> {
    let id = client_ref(&req.id, Some(&req.old_outputs))?;
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
        ignored::take_ignored(&req.news, &live, &ignored::paths(&req.ignore_changes))
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
    let mut outputs = state::outputs(&state::flatten(&client), &news);
    if let Some(arn) = req.old_outputs.get(USER_POOL_ARN) {
        outputs.insert(USER_POOL_ARN.into(), arn.clone());
    }
    let old_secret = req.old_outputs.get(CLIENT_SECRET);
    let rotate_to = news
        .get(CLIENT_SECRET)
        .and_then(Value::as_str)
        .filter(|new| old_secret.and_then(Value::as_str) != Some(*new));
    let owned = state::owned_secrets(&req.old_outputs);
    let rotated = if rotate_to.is_some() || owned.len() > 1 {
        let deadline = req.timeout.map(|t| tokio::time::Instant::now() + t);
        rotation::rotate(cognito, &id, rotate_to, &owned, deadline).await
    } else {
        Ok(rotation::Done {
            owned: rotation::Owned {
                ids: owned,
                rotated: false,
            },
            warnings: vec![],
        })
    };
    let (owned, stopped) = match rotated {
        Ok(done) => (done.owned, Ok(done.warnings)),
        Err(stop) => (stop.owned, Err(stop.failure)),
    };
    outputs.insert(CLIENT_SECRET_IDS.into(), Value::strings(&owned.ids));
    // Until the new secret is added, the client's secret is the one the state knew; Describe
    // may report another of the client's secrets when the program brings none.
    let keep_old = (!owned.rotated && rotate_to.is_some()) || !news.contains_key(CLIENT_SECRET);
    if let (true, Some(old)) = (keep_old, old_secret) {
        outputs.insert(CLIENT_SECRET.into(), old.clone().secret_if(true));
    }
    match stopped {
        Ok(warnings) => Ok(UpdateResponse { outputs, warnings }),
        Err(f) => {
            let done = if owned.rotated {
                "the client's settings were updated and its new secret added, but the secret it replaces is not deleted yet"
            } else {
                "the client's settings were updated, but its secret was not rotated"
            };
            let error = failed(Action::Updating, &id.to_string(), &id.user_pool_id, f);
            Err(Error::Partial {
                id: id.to_string(),
                outputs,
                reason: format!("{error}; {done}: run `pulumi up` again to finish"),
            })
        }
    }
}

/// Deletes the client. One that is already gone counts as deleted; returns whether it existed.
pub async fn delete(cognito: &Cognito, req: &DeleteRequest) -> Result<Deleted, Error> {
    let id = client_ref(&req.id, Some(&req.old_outputs))?;
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
    let secret_given = |m: &PropertyMap| m.get(CLIENT_SECRET).is_some_and(|v| !v.is_null());
    let has_secret = secret_given(inputs)
        || inputs.get(GENERATE_SECRET).and_then(Value::as_bool) == Some(true)
        || old_outputs.is_some_and(secret_given);
    // The secrets the state holds change when the secret does (or a rotation is unfinished).
    let rotating = old_outputs.is_some_and(|old| {
        let new = inputs.get(CLIENT_SECRET).map(Value::revealed);
        (new.is_some() && new != old.get(CLIENT_SECRET).map(Value::revealed))
            || state::owned_secrets(old).len() > 1
    });
    for prop in PROPERTIES.iter().filter(|p| p.update == Update::OutputOnly) {
        let value = match (prop.name, old_outputs.and_then(|o| o.get(prop.name))) {
            (NAME, _) => inputs.get(CLIENT_NAME).cloned().unwrap_or(Value::Unknown),
            ("lastModifiedDate", _) => Value::Unknown,
            (CLIENT_SECRET_IDS, _) if !has_secret => Value::Array(vec![]),
            (CLIENT_SECRET_IDS, Some(_)) if rotating => Value::Unknown,
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
        // No secret was, is, or will be: the output is known to be empty.
        (None, None) => Some(Value::Null),
    };
    if let Some(secret) = secret {
        let known_absent = secret.is_null();
        out.insert(CLIENT_SECRET.into(), secret.secret_if(!known_absent));
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
        assert_eq!(
            without_secret.get(CLIENT_SECRET),
            Some(&Value::Null),
            "a client that will have no secret: known to be none, not unknown"
        );
    }

    #[test]
    fn previews_know_the_secret_ids_unless_a_rotation_changes_them() {
        let without = preview_outputs(&map(&[(CLIENT_NAME, Value::string("web"))]), None);
        assert_eq!(
            without[CLIENT_SECRET_IDS],
            Value::Array(vec![]),
            "no secret"
        );
        let generated = map(&[(GENERATE_SECRET, Value::Bool(true))]);
        assert_eq!(
            preview_outputs(&generated, None)[CLIENT_SECRET_IDS],
            Value::Unknown
        );
        let old = map(&[
            (CLIENT_SECRET, Value::string("old-secret").secret_if(true)),
            (CLIENT_SECRET_IDS, Value::strings(&["c1--1"])),
        ]);
        let same = map(&[(CLIENT_SECRET, Value::string("old-secret").secret_if(true))]);
        assert_eq!(
            preview_outputs(&same, Some(&old))[CLIENT_SECRET_IDS],
            old[CLIENT_SECRET_IDS]
        );
        let rotated = map(&[(CLIENT_SECRET, Value::string("new-secret").secret_if(true))]);
        assert_eq!(
            preview_outputs(&rotated, Some(&old))[CLIENT_SECRET_IDS],
            Value::Unknown
        );
        let unfinished = map(&[
            (CLIENT_SECRET, Value::string("old-secret").secret_if(true)),
            (CLIENT_SECRET_IDS, Value::strings(&["c1--1", "c1--2"])),
        ]);
        assert_eq!(
            preview_outputs(&same, Some(&unfinished))[CLIENT_SECRET_IDS],
            Value::Unknown,
            "the next update finishes the rotation"
        );
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
