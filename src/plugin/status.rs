//! The one mapping from provider errors to gRPC statuses.
//!
//! The engine treats UNKNOWN, INTERNAL and DATA_LOSS as "the resource's state is unknown", so
//! those codes are kept for real bugs; a failure Cognito reported cleanly gets a code that
//! says what kind of failure it was.

use tonic::{Code, Status};

use prost::Message;

use super::codec::encode_struct;
use super::proto::google_rpc;
use super::proto::pulumirpc::ErrorResourceInitFailed;
use crate::error::{Error, FailureKind};
use crate::value::PropertyMap;

pub fn status(err: &Error) -> Status {
    let code = match err {
        Error::InvalidRequest(_) | Error::Config(_) => Code::InvalidArgument,
        Error::NotConfigured => Code::FailedPrecondition,
        Error::Cognito { kind, .. } | Error::Pool { kind, .. } => failure_code(*kind),
        Error::Cancelled(_) => Code::Cancelled,
        Error::Partial { .. } => Code::Unavailable,
        Error::Internal(_) => Code::Internal,
    };
    match err {
        Error::Partial {
            id,
            outputs,
            reason,
        } => init_failed(code, err.to_string(), id, outputs, reason),
        _ => Status::new(code, err.to_string()),
    }
}

fn failure_code(kind: FailureKind) -> Code {
    match kind {
        FailureKind::NotFound => Code::NotFound,
        FailureKind::InvalidInput => Code::InvalidArgument,
        FailureKind::Throttled | FailureKind::LimitExceeded => Code::ResourceExhausted,
        FailureKind::Conflict => Code::Aborted,
        FailureKind::AccessDenied => Code::PermissionDenied,
        FailureKind::Unavailable | FailureKind::Unreachable | FailureKind::NotCognito => {
            Code::Unavailable
        }
        FailureKind::NoCredentials | FailureKind::RoleNotAssumed => Code::Unauthenticated,
        FailureKind::TimedOut => Code::DeadlineExceeded,
    }
}

/// A failure after the resource was made or changed: the ErrorResourceInitFailed detail makes
/// the engine record the resource (id and outputs) as it now is, instead of forgetting it (a
/// create) or keeping what is no longer true (an update).
fn init_failed(
    code: Code,
    message: String,
    id: &str,
    outputs: &PropertyMap,
    reason: &str,
) -> Status {
    let detail = ErrorResourceInitFailed {
        id: id.to_string(),
        properties: Some(encode_struct(outputs)),
        reasons: vec![reason.to_string()],
        inputs: None,
        refresh_before_update: false,
    };
    let any = prost_types::Any {
        type_url: "type.googleapis.com/pulumirpc.ErrorResourceInitFailed".into(),
        value: detail.encode_to_vec(),
    };
    let envelope = google_rpc::Status {
        code: code as i32,
        message: message.clone(),
        details: vec![any],
    };
    Status::with_details(code, message, envelope.encode_to_vec().into())
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
            FailureKind::Unreachable,
            FailureKind::NotCognito,
            FailureKind::NoCredentials,
            FailureKind::RoleNotAssumed,
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
    fn a_partial_create_carries_the_id_for_the_engine_to_record() {
        let err = Error::Partial {
            id: "p_1/c1".into(),
            outputs: PropertyMap::new(),
            reason: "boom".into(),
        };
        let s = status(&err);
        let envelope = google_rpc::Status::decode(s.details()).unwrap_or_default();
        assert_eq!(envelope.code, s.code() as i32);
        let any = envelope.details.first().cloned().unwrap_or_default();
        assert!(any.type_url.ends_with("/pulumirpc.ErrorResourceInitFailed"));
        let detail = ErrorResourceInitFailed::decode(any.value.as_slice()).unwrap_or_default();
        assert_eq!(
            (detail.id.as_str(), detail.reasons),
            ("p_1/c1", vec!["boom".to_string()])
        );
    }

    #[test]
    fn the_message_is_the_errors_sentence() {
        let s = status(&Error::InvalidRequest("bad id".into()));
        assert_eq!((s.code(), s.message()), (Code::InvalidArgument, "bad id"));
    }
}
