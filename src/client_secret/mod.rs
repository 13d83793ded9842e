//! The `cognito:index:UserPoolClientSecret` resource: one secret of an app client, so that a
//! secret can be rotated (a replacement adds the new secret before it deletes the old one)
//! without replacing the client, and so that a program can bring its own secret.
//!
//! The id is `<userPoolId>/<clientId>/<secretId>`, which `pulumi import` takes.

pub mod properties;

use std::fmt;

use properties::{
    CLIENT_ID, CLIENT_SECRET, CREATE_DATE, MODEL_OPERATION, PROPERTIES, SECRET_ID, TRIGGERS,
    USER_POOL_ARN, USER_POOL_ID,
};

use crate::cognito::Cognito;
use crate::cognito::Failure;
use crate::cognito::id::ClientRef;
use crate::cognito::model;
use crate::cognito::secrets::{MOST_SECRETS, Secret};
use crate::error::{Action, Error, FailureKind};
use crate::resource::validate::{self, Findings};
use crate::resource::{
    CheckRequest, CheckResponse, CreateRequest, CreateResponse, DeleteRequest, Deleted,
    DiffRequest, DiffResponse, ReadRequest, ReadResponse,
};
use crate::value::{PropertyMap, Value};

/// `<userPoolId>/<clientId>/<secretId>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretRef {
    pub client: ClientRef,
    pub secret_id: String,
}

impl fmt::Display for SecretRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.client, self.secret_id)
    }
}

impl std::str::FromStr for SecretRef {
    type Err = Error;

    fn from_str(id: &str) -> Result<Self, Error> {
        let bad = || {
            Error::InvalidRequest(format!(
                "invalid user pool client secret id {id:?}: expected <userPoolId>/<clientId>/<secretId>"
            ))
        };
        let (client, secret_id) = id.rsplit_once('/').ok_or_else(bad)?;
        let client: ClientRef = client.parse().map_err(|_| bad())?;
        if secret_id.is_empty() {
            return Err(bad());
        }
        Ok(SecretRef {
            client,
            secret_id: secret_id.to_string(),
        })
    }
}

pub fn check(req: &CheckRequest) -> CheckResponse {
    let mut found = Findings::default();
    let inputs = validate::object(
        PROPERTIES,
        model::input(MODEL_OPERATION),
        &req.news,
        "",
        &mut found,
    );
    CheckResponse {
        inputs,
        failures: found.failures,
        warnings: found.warnings,
    }
}

/// Every change replaces the secret (the table says so). A secret the program brings is
/// compared with the secret's value in the state when the old inputs do not have it (an
/// imported secret whose value Cognito does not show is taken as it is).
pub fn diff(req: &DiffRequest) -> DiffResponse {
    let mut olds = req.old_inputs.clone();
    let mut news = req.news.clone();
    if !olds.contains_key(CLIENT_SECRET) && news.contains_key(CLIENT_SECRET) {
        match req.old_outputs.get(CLIENT_SECRET) {
            Some(value) => {
                olds.insert(CLIENT_SECRET.into(), value.clone());
            }
            None => {
                news.remove(CLIENT_SECRET);
            }
        }
    }
    crate::resource::diff::table(
        PROPERTIES,
        &olds,
        &news,
        &crate::value::path::read_all(&req.ignore_changes),
        |_| false,
        |_| true,
    )
}

/// The secret named by the resource id, with where the state recorded its pool.
fn secret_ref(id: &str, outputs: Option<&PropertyMap>) -> Result<SecretRef, Error> {
    let mut id: SecretRef = id.parse()?;
    // No outputs: an import, which the state does not hold yet.
    if let Some(o) = outputs {
        id.client = id
            .client
            .recorded_in(o.get(USER_POOL_ARN).and_then(Value::as_str));
    }
    Ok(id)
}

fn client_of(inputs: &PropertyMap) -> Result<ClientRef, Error> {
    let text = |k: &str| {
        inputs
            .get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| Error::InvalidRequest(format!("`{k}` is missing or not a string")))
    };
    Ok(ClientRef::new(text(USER_POOL_ID)?, text(CLIENT_ID)?))
}

/// What a create will produce; with the client known and the provider configured, it also
/// looks whether the client has room for another secret.
pub async fn create_preview(cognito: Option<&Cognito>, req: &CreateRequest) -> CreateResponse {
    let mut outputs = req.inputs.clone();
    let secret = req
        .inputs
        .get(CLIENT_SECRET)
        .cloned()
        .unwrap_or(Value::Unknown);
    outputs.insert(CLIENT_SECRET.into(), secret.secret_if(true));
    outputs.insert(SECRET_ID.into(), Value::Unknown);
    outputs.insert(CREATE_DATE.into(), Value::Unknown);
    let mut warnings = vec![];
    if let (Some(cognito), Ok(client)) = (cognito, client_of(&req.inputs)) {
        // Only a warning: the program may delete a secret of the client in this very update.
        match cognito.secrets(&client).await {
            Ok(Some(secrets)) if secrets.len() >= MOST_SECRETS => warnings.push(format!(
                "client {client} already has {} secrets ({}), the most Cognito allows, so adding this one will fail unless one of them is deleted first; for a rotation, keep one secret per client besides the one being replaced (retire the client's first secret with `pulumi import` of it as a UserPoolClientSecret, then remove it from the program)",
                secrets.len(),
                secrets.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
            )),
            Ok(_) => {}
            Err(f) => tracing::debug!("cannot look at the client's secrets at preview: {}", f.message),
        }
    }
    CreateResponse {
        id: String::new(),
        outputs,
        warnings,
    }
}

/// Adds the secret.
pub async fn create(cognito: &Cognito, req: &CreateRequest) -> Result<CreateResponse, Error> {
    let client = client_of(&req.inputs)?;
    let brought = req.inputs.get(CLIENT_SECRET).and_then(Value::as_str);
    let secret = cognito
        .add_secret(&client, brought)
        .await
        .map_err(|f| failed(Action::Creating, &format!("for client {client}"), f))?;
    let mut outputs = outputs(&req.inputs, &secret, None);
    if let Some(arn) = cognito.pool_arn(&client.user_pool_id).await {
        outputs.insert(USER_POOL_ARN.into(), Value::string(arn));
    }
    let id = SecretRef {
        client,
        secret_id: secret.id.clone(),
    };
    Ok(CreateResponse {
        id: id.to_string(),
        outputs,
        warnings: vec![],
    })
}

/// The outputs: the inputs, the secret's id and date, and its value (always a secret): what
/// Cognito reported, or what the program brought, or what the state already knows.
fn outputs(inputs: &PropertyMap, secret: &Secret, old: Option<&PropertyMap>) -> PropertyMap {
    let mut out = inputs.clone();
    out.insert(SECRET_ID.into(), Value::string(&secret.id));
    if let Some(created) = &secret.created {
        out.insert(CREATE_DATE.into(), Value::string(created));
    }
    let value = secret
        .value
        .as_deref()
        .map(Value::string)
        .or_else(|| inputs.get(CLIENT_SECRET).cloned())
        .or_else(|| old.and_then(|o| o.get(CLIENT_SECRET)).cloned())
        // The state's null (an imported secret's unknown value) stays a plain null.
        .filter(|v| !v.is_null());
    if let Some(value) = value {
        out.insert(CLIENT_SECRET.into(), value.secret_if(true));
    }
    // Every declared output, null where there is none (see `state::with_every_output`).
    for prop in PROPERTIES {
        out.entry(prop.name.to_string()).or_insert(Value::Null);
    }
    out
}

/// Reads the secret from the client's list; `None` when it, its client or its pool is gone.
pub async fn read(cognito: &Cognito, req: &ReadRequest) -> Result<Option<ReadResponse>, Error> {
    let id = secret_ref(&req.id, req.old_outputs.as_ref())?;
    let secrets = cognito
        .secrets(&id.client)
        .await
        .map_err(|f| failed(Action::Reading, &id.to_string(), f))?;
    let Some(secret) = secrets
        .unwrap_or_default()
        .into_iter()
        .find(|s| s.id == id.secret_id)
    else {
        return Ok(None);
    };
    // Cognito shows no value in the list: the value stays what the state knows. An import
    // knows none, and takes the secret as it is (see `diff`).
    let mut inputs = PropertyMap::new();
    inputs.insert(USER_POOL_ID.into(), Value::string(&id.client.user_pool_id));
    inputs.insert(CLIENT_ID.into(), Value::string(&id.client.client_id));
    for kept in [CLIENT_SECRET, TRIGGERS] {
        if let Some(v) = req.old_inputs.as_ref().and_then(|o| o.get(kept)) {
            inputs.insert(kept.into(), v.clone());
        }
    }
    let mut outputs = outputs(&inputs, &secret, req.old_outputs.as_ref());
    // The secret was just reached with these credentials, which proves its pool's account.
    let arn = match cognito.pool_arn(&id.client.user_pool_id).await {
        Some(arn) => Some(Value::string(arn)),
        None => req
            .old_outputs
            .as_ref()
            .and_then(|o| o.get(USER_POOL_ARN))
            .cloned(),
    };
    if let Some(arn) = arn {
        outputs.insert(USER_POOL_ARN.into(), arn);
    }
    Ok(Some(ReadResponse {
        id: id.to_string(),
        outputs,
        inputs,
    }))
}

/// Deletes the secret. The last secret of a client is kept, on purpose: a confidential client
/// cannot work without one, and it goes with the client (which a destroy deletes next).
pub async fn delete(cognito: &Cognito, req: &DeleteRequest) -> Result<Deleted, Error> {
    let id = secret_ref(&req.id, Some(&req.old_outputs))?;
    let secrets = cognito
        .secrets(&id.client)
        .await
        .map_err(|f| failed(Action::Deleting, &id.to_string(), f))?;
    let Some(secrets) = secrets else {
        return Ok(Deleted::AlreadyGone); // the client is gone, and its secrets with it
    };
    if !secrets.iter().any(|s| s.id == id.secret_id) {
        return Ok(Deleted::AlreadyGone);
    }
    if secrets.len() == 1 {
        return Ok(Deleted::Kept(format!(
            "secret {id} stays with its client, {}: Cognito does not delete a client's last secret, which goes when the client is deleted (if this run deletes the client too, nothing is left behind; the option `deletedWith` on the secret resource skips this step)",
            id.client
        )));
    }
    let existed = cognito
        .delete_secret(&id.client, &id.secret_id)
        .await
        .map_err(|f| failed(Action::Deleting, &id.to_string(), f))?;
    Ok(if existed {
        Deleted::Yes
    } else {
        Deleted::AlreadyGone
    })
}

fn failed(action: Action, secret: &str, f: Failure) -> Error {
    let cause = match f.kind {
        FailureKind::NotFound => {
            "the client or its user pool does not exist (run `pulumi refresh` if it was deleted)"
                .to_string()
        }
        _ => f.message,
    };
    Error::Cognito {
        action,
        client: format!("secret {secret}"),
        cause,
        kind: f.kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::map_of as map;

    #[test]
    fn ids_name_the_pool_client_and_secret() {
        let id: SecretRef = "us-east-1_Ab1/client1/secret-9"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(id.client.client_id, "client1");
        assert_eq!(id.secret_id, "secret-9");
        assert_eq!(id.to_string(), "us-east-1_Ab1/client1/secret-9");
        for bad in [
            "",
            "us-east-1_Ab1/client1",
            "us-east-1_Ab1/client1/",
            "pool/c/s",
        ] {
            let err = bad.parse::<SecretRef>().err().map(|e| e.to_string());
            assert!(
                err.as_deref()
                    .is_some_and(|e| e.contains("<userPoolId>/<clientId>/<secretId>")),
                "{bad}: {err:?}"
            );
        }
    }

    fn diff_of(
        old: &[(&str, Value)],
        new: &[(&str, Value)],
        outputs: &[(&str, Value)],
    ) -> DiffResponse {
        diff(&DiffRequest {
            id: String::new(),
            urn: String::new(),
            old_outputs: map(outputs),
            old_inputs: map(old),
            news: map(new),
            ignore_changes: vec![],
        })
    }

    #[test]
    fn a_trigger_or_a_new_value_replaces_the_secret_and_nothing_else_changes() {
        let base = [
            (USER_POOL_ID, Value::string("us-east-1_Ab1")),
            (CLIENT_ID, Value::string("c1")),
            (TRIGGERS, Value::Array(vec![Value::Number(1.0)])),
        ];
        assert!(!diff_of(&base, &base, &[]).has_changes());
        let mut rotated = base.to_vec();
        rotated[2] = (TRIGGERS, Value::Array(vec![Value::Number(2.0)]));
        let d = diff_of(&base, &rotated, &[]);
        assert_eq!(d.replaces, [TRIGGERS], "{d:?}");
        assert!(!d.delete_before_replace, "the new secret comes first");
    }

    #[test]
    fn an_imported_secret_whose_value_is_unknown_is_taken_as_it_is() {
        let imported = [
            (USER_POOL_ID, Value::string("us-east-1_Ab1")),
            (CLIENT_ID, Value::string("c1")),
        ];
        let mut program = imported.to_vec();
        program.push((
            CLIENT_SECRET,
            Value::string("mine-0123456789abcdefghij").secret_if(true),
        ));
        assert!(!diff_of(&imported, &program, &[]).has_changes());
        let known = [(
            CLIENT_SECRET,
            Value::string("another-0123456789abcdefg").secret_if(true),
        )];
        assert_eq!(
            diff_of(&imported, &program, &known).replaces,
            [CLIENT_SECRET]
        );
    }

    #[test]
    fn check_applies_the_models_rules_for_a_secret_value() {
        let news = map(&[
            (USER_POOL_ID, Value::string("us-east-1_Ab1")),
            (CLIENT_ID, Value::string("c1")),
            (CLIENT_SECRET, Value::string("short").secret_if(true)),
        ]);
        let res = check(&CheckRequest {
            news,
            ..CheckRequest::default()
        });
        assert_eq!(res.failures.len(), 1, "{:?}", res.failures);
        assert_eq!(res.failures[0].property, CLIENT_SECRET);
        assert!(
            !res.failures[0].reason.contains("short"),
            "never repeats a secret"
        );
    }
}
