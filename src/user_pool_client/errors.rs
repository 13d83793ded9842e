//! A failed Cognito call about one client, as the user reads it.

use crate::cognito::{Failure, FailureKind};
use crate::error::{Action, Error};

/// The error for a failed call: what was being done, to which client, and why, with advice
/// that fits the failure (a client Cognito no longer finds needs a refresh).
pub fn failed(action: Action, client: &str, pool: &str, f: Failure) -> Error {
    let cause = match (f.kind, action) {
        (FailureKind::NotFound, Action::Creating) => format!("user pool {pool} does not exist"),
        (FailureKind::NotFound, _) => format!(
            "the client no longer exists (Cognito does not find it in user pool {pool}, which exists); it was deleted outside Pulumi: run `pulumi refresh` to drop it from the state"
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
