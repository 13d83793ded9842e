//! The Cognito API calls for one app client. The only I/O of the resource: everything here
//! returns either the client as Cognito describes it or a classified failure; a client that
//! does not exist is `None`, not an error.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;
use aws_smithy_types::error::display::DisplayErrorContext;

use super::id::ClientRef;
use super::settings::{ClientSettings, apply_settings};
use crate::error::FailureKind;

/// A failed call, classified; the caller adds what it was doing and to which client.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: FailureKind,
    pub code: Option<String>,
    pub message: String,
}

impl Failure {
    pub fn is_not_found(&self) -> bool {
        self.kind == FailureKind::NotFound
    }
}

impl<E, R> From<SdkError<E, R>> for Failure
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    fn from(err: SdkError<E, R>) -> Self {
        let code = err.code().map(str::to_string);
        let kind = match (&err, code.as_deref()) {
            (_, Some("ResourceNotFoundException")) => FailureKind::NotFound,
            (
                _,
                Some(
                    "InvalidParameterException"
                    | "InvalidOAuthFlowException"
                    | "ScopeDoesNotExistException"
                    | "ValidationException",
                ),
            ) => FailureKind::InvalidInput,
            (_, Some("TooManyRequestsException" | "ThrottlingException")) => FailureKind::Throttled,
            (_, Some("ConcurrentModificationException")) => FailureKind::Conflict,
            (
                _,
                Some(
                    "NotAuthorizedException"
                    | "AccessDeniedException"
                    | "UnrecognizedClientException"
                    | "InvalidSignatureException"
                    | "ExpiredTokenException"
                    | "FeatureUnavailableInTierException",
                ),
            ) => FailureKind::AccessDenied,
            (_, Some("LimitExceededException")) => FailureKind::LimitExceeded,
            (SdkError::TimeoutError(_), _) => FailureKind::TimedOut,
            _ => FailureKind::Unavailable,
        };
        let message = match (err.message(), &code) {
            (Some(m), Some(c)) if !m.is_empty() => format!("{m} ({c})"),
            (_, Some(c)) => c.clone(),
            // Connection and credential failures: the error chain says what went wrong.
            _ => DisplayErrorContext(&err).to_string(),
        };
        Failure {
            kind,
            code,
            message,
        }
    }
}

/// A Cognito client for app-client calls.
#[derive(Clone, Debug)]
pub struct Cognito {
    client: Client,
}

impl Cognito {
    pub fn new(client: Client) -> Self {
        Cognito { client }
    }

    pub async fn create(
        &self,
        user_pool_id: &str,
        generate_secret: bool,
        settings: ClientSettings,
    ) -> Result<UserPoolClientType, Failure> {
        let request = self
            .client
            .create_user_pool_client()
            .user_pool_id(user_pool_id)
            .generate_secret(generate_secret);
        let out = apply_settings!(request, settings).send().await?;
        out.user_pool_client
            .ok_or_else(|| missing("CreateUserPoolClient"))
    }

    pub async fn describe(&self, id: &ClientRef) -> Result<Option<UserPoolClientType>, Failure> {
        let result = self
            .client
            .describe_user_pool_client()
            .user_pool_id(&id.user_pool_id)
            .client_id(&id.client_id)
            .send()
            .await;
        match result.map_err(Failure::from) {
            Ok(out) => Ok(out.user_pool_client),
            Err(f) if f.is_not_found() => Ok(None),
            Err(f) => Err(f),
        }
    }

    /// Sends every setting: Cognito resets whatever an update leaves out.
    pub async fn update(
        &self,
        id: &ClientRef,
        settings: ClientSettings,
    ) -> Result<UserPoolClientType, Failure> {
        let request = self
            .client
            .update_user_pool_client()
            .user_pool_id(&id.user_pool_id)
            .client_id(&id.client_id);
        let out = apply_settings!(request, settings).send().await?;
        out.user_pool_client
            .ok_or_else(|| missing("UpdateUserPoolClient"))
    }

    /// Deletes the client; `false` when it was already gone.
    pub async fn delete(&self, id: &ClientRef) -> Result<bool, Failure> {
        let result = self
            .client
            .delete_user_pool_client()
            .user_pool_id(&id.user_pool_id)
            .client_id(&id.client_id)
            .send()
            .await;
        match result.map_err(Failure::from) {
            Ok(_) => Ok(true),
            Err(f) if f.is_not_found() => Ok(false),
            Err(f) => Err(f),
        }
    }
}

fn missing(operation: &str) -> Failure {
    Failure {
        kind: FailureKind::Unavailable,
        code: None,
        message: format!("the {operation} response did not describe the client"),
    }
}
