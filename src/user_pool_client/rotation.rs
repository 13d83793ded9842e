//! The client's own secret, rotated in place: a new `clientSecret` is added to the client, then
//! the secrets it replaces are deleted.
//!
//! Only secrets whose ids the state holds (`clientSecretIds`: the ones this resource made or
//! was given) are ever deleted. A client may also hold a secret that a `UserPoolClientSecret`
//! resource manages, or one added in the console; "the other secret" is not proof of which one
//! the new secret replaces, so anything the state does not hold is left alone and named in a
//! warning. A rotation that stops half way (the new secret added, the old one not yet deleted)
//! says exactly that, so that the state records both ids and the next update finishes it.

use std::future::Future;

use tokio::time::Instant;

use crate::cognito::id::ClientRef;
use crate::cognito::{Cognito, Failure};
use crate::error::FailureKind;

/// Where the client's own secrets stand after a rotation, finished or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Owned {
    /// The ids of the secrets this resource holds, oldest first; the last holds `clientSecret`.
    pub ids: Vec<String>,
    /// Whether the new secret was added (the state's `clientSecret` is the new one).
    pub rotated: bool,
}

/// A rotation that finished, with what the user should know.
#[derive(Debug)]
pub struct Done {
    pub owned: Owned,
    pub warnings: Vec<String>,
}

/// A rotation that stopped part way, with what it did do and why it stopped.
#[derive(Debug)]
pub struct Stopped {
    pub owned: Owned,
    pub failure: Failure,
}

/// Adds `new_secret` (when the program changed it) and deletes every secret of `owned` that
/// the client's current secret replaces: all but the newest. With no new secret, this finishes
/// a rotation an earlier update left half done (`owned` holds more than one id). Each call must
/// answer by `deadline` (the engine's timeout); one that does not stops the rotation there.
pub async fn rotate(
    cognito: &Cognito,
    id: &ClientRef,
    new_secret: Option<&str>,
    owned: &[String],
    deadline: Option<Instant>,
) -> Result<Done, Stopped> {
    let mut owned = Owned {
        ids: owned.to_vec(),
        rotated: false,
    };
    let had_own = !owned.ids.is_empty();
    if let Some(value) = new_secret {
        match in_time(deadline, cognito.add_secret(id, Some(value))).await {
            Ok(added) => {
                owned.ids.push(added.id);
                owned.rotated = true;
            }
            Err(failure) => return Err(Stopped { owned, failure }),
        }
    }
    let replaced: Vec<String> = match owned.ids.split_last() {
        Some((_, older)) => older.to_vec(),
        None => vec![],
    };
    for old in &replaced {
        // Gone already (deleted in the console, or by an earlier attempt whose answer was
        // lost) counts the same as deleted now.
        if let Err(failure) = in_time(deadline, cognito.delete_secret(id, old)).await {
            return Err(Stopped { owned, failure });
        }
        owned.ids.retain(|i| i != old);
    }
    let mut warnings = vec![];
    if owned.rotated {
        let others: Vec<String> = match in_time(deadline, cognito.secrets(id)).await {
            Ok(Some(listed)) => listed
                .into_iter()
                .map(|s| s.id)
                .filter(|i| !owned.ids.contains(i))
                .collect(),
            // The rotation is done; what else the client holds is only advice.
            Ok(None) | Err(_) => vec![],
        };
        if !others.is_empty() {
            let why = if had_own {
                "a `UserPoolClientSecret` resource's, or added in the console"
            } else {
                "this resource does not know which secret was the client's own (a client made by an earlier release, or imported while it had two secrets), so the one the new secret replaces is among them"
            };
            warnings.push(format!(
                "client {id}: the new `clientSecret` was added; the client also keeps secret(s) {} that this resource did not make ({why}): they were left alone; delete the one that is no longer used once its users have moved (import it as a `cognito:index:UserPoolClientSecret` and remove it from the program, or delete it in the console)",
                others.join(", ")
            ));
        }
    }
    Ok(Done { owned, warnings })
}

/// A call that must answer by `deadline`, when there is one.
async fn in_time<T>(
    deadline: Option<Instant>,
    call: impl Future<Output = Result<T, Failure>>,
) -> Result<T, Failure> {
    let Some(deadline) = deadline else {
        return call.await;
    };
    tokio::time::timeout_at(deadline, call)
        .await
        .unwrap_or_else(|_| {
            Err(Failure {
                kind: FailureKind::TimedOut,
                code: None,
                message: "no answer within the operation's timeout".into(),
            })
        })
}
