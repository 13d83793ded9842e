//! Which failed Cognito calls are worth another try.
//!
//! The SDK's standard strategy (exponential backoff with jitter) already retries throttling
//! and server errors. Cognito needs two corrections: ConcurrentModificationException (another
//! change to the same pool is in flight) passes if tried again, while LimitExceededException is
//! a hard quota such as "too many clients in this pool", which no retry fixes, although the
//! SDK counts the code as throttling.

use aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata;
use aws_sdk_cognitoidentityprovider::operation::{
    add_user_pool_client_secret::AddUserPoolClientSecretError,
    create_user_pool_client::CreateUserPoolClientError,
    delete_user_pool_client::DeleteUserPoolClientError,
    delete_user_pool_client_secret::DeleteUserPoolClientSecretError,
    describe_user_pool_client::DescribeUserPoolClientError,
    list_user_pool_client_secrets::ListUserPoolClientSecretsError,
    update_user_pool_client::UpdateUserPoolClientError,
};
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};
use aws_smithy_types::retry::ErrorKind;

#[derive(Debug, Default)]
pub struct CognitoRetries;

/// What to do about a Cognito error code; `None` leaves the decision to the SDK.
pub fn decide(code: &str) -> Option<RetryAction> {
    match code {
        "ConcurrentModificationException" => {
            Some(RetryAction::retryable_error(ErrorKind::TransientError))
        }
        "LimitExceededException" => Some(RetryAction::RetryForbidden),
        _ => None,
    }
}

fn error_code(ctx: &InterceptorContext) -> Option<String> {
    let err = ctx.output_or_error()?.err()?.as_operation_error()?;
    let code = |e: &dyn ProvideErrorMetadata| e.code().map(str::to_string);
    if let Some(e) = err.downcast_ref::<CreateUserPoolClientError>() {
        return code(e);
    }
    if let Some(e) = err.downcast_ref::<UpdateUserPoolClientError>() {
        return code(e);
    }
    if let Some(e) = err.downcast_ref::<DescribeUserPoolClientError>() {
        return code(e);
    }
    if let Some(e) = err.downcast_ref::<DeleteUserPoolClientError>() {
        return code(e);
    }
    // A third secret is refused with LimitExceededException: no retry makes room.
    if let Some(e) = err.downcast_ref::<AddUserPoolClientSecretError>() {
        return code(e);
    }
    if let Some(e) = err.downcast_ref::<DeleteUserPoolClientSecretError>() {
        return code(e);
    }
    err.downcast_ref::<ListUserPoolClientSecretsError>()
        .and_then(|e| code(e))
}

/// A request that never reached the endpoint (refused, unresolvable, no connection in time)
/// is not retried here: the provider retries it a few times itself, telling the user, instead
/// of waiting silently through the SDK's long backoff.
fn never_sent(ctx: &InterceptorContext) -> bool {
    let Some(connector) = ctx
        .output_or_error()
        .and_then(|r| r.err())
        .and_then(|e| e.as_connector_error())
    else {
        return false;
    };
    super::failure::never_sent(connector).is_some()
}

impl ClassifyRetry for CognitoRetries {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        if never_sent(ctx) {
            return RetryAction::RetryForbidden;
        }
        error_code(ctx)
            .and_then(|c| decide(&c))
            .unwrap_or(RetryAction::NoActionIndicated)
    }

    fn name(&self) -> &'static str {
        "Cognito error codes"
    }

    /// After the SDK's own classifiers, so these decisions win.
    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_are_retried_and_quotas_are_not() {
        assert_eq!(
            decide("ConcurrentModificationException"),
            Some(RetryAction::retryable_error(ErrorKind::TransientError))
        );
        assert_eq!(
            decide("LimitExceededException"),
            Some(RetryAction::RetryForbidden)
        );
        assert_eq!(
            decide("InvalidParameterException"),
            None,
            "left to the SDK: not retried"
        );
        assert_eq!(
            decide("TooManyRequestsException"),
            None,
            "left to the SDK: throttling, retried"
        );
    }
}
