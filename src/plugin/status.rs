//! The one mapping from provider errors to gRPC statuses.
//!
//! The engine treats UNKNOWN, INTERNAL and DATA_LOSS as "the resource's state is unknown", so
//! those codes are kept for real bugs; a failure Cognito reported cleanly gets a code that
//! says what kind of failure it was.

use tonic::{Code, Status};

use crate::error::{Error, FailureKind};

pub fn status(err: &Error) -> Status {
    let code = match err {
        Error::InvalidRequest(_) | Error::Config(_) => Code::InvalidArgument,
        Error::NotConfigured => Code::FailedPrecondition,
        Error::Cognito { kind, .. } => match kind {
            FailureKind::NotFound => Code::NotFound,
            FailureKind::InvalidInput => Code::InvalidArgument,
            FailureKind::Throttled | FailureKind::LimitExceeded => Code::ResourceExhausted,
            FailureKind::Conflict => Code::Aborted,
            FailureKind::AccessDenied => Code::PermissionDenied,
            FailureKind::Unavailable => Code::Unavailable,
            FailureKind::TimedOut => Code::DeadlineExceeded,
        },
        Error::Internal(_) => Code::Internal,
    };
    Status::new(code, err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Action;

    #[test]
    fn clean_cognito_failures_do_not_claim_unknown_state() {
        for kind in [
            FailureKind::NotFound,
            FailureKind::InvalidInput,
            FailureKind::Throttled,
            FailureKind::Conflict,
            FailureKind::AccessDenied,
            FailureKind::LimitExceeded,
            FailureKind::Unavailable,
            FailureKind::TimedOut,
        ] {
            let err = Error::Cognito {
                action: Action::Creating,
                client: "c".into(),
                cause: "x".into(),
                kind,
            };
            let code = status(&err).code();
            assert!(
                ![Code::Unknown, Code::Internal, Code::DataLoss].contains(&code),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn the_message_is_the_errors_sentence() {
        let s = status(&Error::InvalidRequest("bad id".into()));
        assert_eq!((s.code(), s.message()), (Code::InvalidArgument, "bad id"));
    }
}
