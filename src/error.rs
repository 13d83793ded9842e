//! The provider's errors. Each says what failed and why in one sentence a user can act on;
//! `plugin::status` is the one place that turns them into gRPC statuses.

use std::fmt;

/// What the provider was doing when Cognito failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Creating,
    Reading,
    Updating,
    Deleting,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Creating => "creating",
            Action::Reading => "reading",
            Action::Updating => "updating",
            Action::Deleting => "deleting",
        })
    }
}

pub use crate::cognito::FailureKind;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The engine sent something the provider cannot act on.
    #[error("{0}")]
    InvalidRequest(String),
    /// A resource call arrived before Configure.
    #[error("the cognito provider has not been configured yet")]
    NotConfigured,
    /// Provider configuration that cannot be used.
    #[error("invalid provider configuration: {0}")]
    Config(String),
    /// A Cognito call failed.
    #[error("{action} Cognito user pool client {client} failed: {cause}")]
    Cognito {
        action: Action,
        /// How to name the client: its id, or its name and pool before it has an id.
        client: String,
        cause: String,
        kind: FailureKind,
    },
    /// A call about a whole user pool failed (such as listing its clients).
    #[error("{what} user pool {pool} failed: {cause}")]
    Pool {
        /// What was being done: "listing the app clients of".
        what: &'static str,
        pool: String,
        cause: String,
        kind: FailureKind,
    },
    /// The engine cancelled the deployment before this operation started.
    #[error("the deployment was cancelled; {0} was not started")]
    Cancelled(&'static str),
    /// An operation failed part way, after it had changed Cognito: a create that made the
    /// client, or an update that changed it (and perhaps added its new secret) before a later
    /// step failed. The engine must record the resource as it now is (id and outputs), or a
    /// client would be orphaned, or a rotation started again from the start.
    #[error("{reason}")]
    Partial {
        id: String,
        outputs: crate::value::PropertyMap,
        reason: String,
    },
    /// A state the provider should never reach.
    #[error("{0} (this is a bug in pulumi-resource-cognito; please report it)")]
    Internal(String),
}

impl From<crate::cognito::id::BadId> for Error {
    fn from(bad: crate::cognito::id::BadId) -> Self {
        Error::InvalidRequest(bad.0)
    }
}
