//! The Cognito API calls for one app client. The only I/O of the resource: everything here
//! returns either the client as Cognito describes it or a classified failure; a client that
//! does not exist is `None`, not an error.

use std::sync::Arc;

use aws_sdk_cognitoidentityprovider::config::Config;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;
use aws_smithy_types::error::display::DisplayErrorContext;

use super::id::ClientRef;
use super::pacing::{Pacer, backoff};
use super::recovery::{self, Found, Namesakes};
use super::regions::Regions;
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
    regions: Regions,
    pacer: Arc<Pacer>,
    max_retries: u32,
}

impl Cognito {
    /// `changes_per_second` paces creates, updates and deletes in each pool (0: unpaced);
    /// `max_retries` bounds the provider's own retries of a create.
    pub fn new(regions: Regions, changes_per_second: u32, max_retries: u32) -> Self {
        Cognito {
            regions,
            pacer: Arc::new(Pacer::new(changes_per_second)),
            max_retries,
        }
    }

    /// Creates a client. Cognito has no idempotency token, so a create is never blindly
    /// repeated: a failure that says the request was refused (throttling, a conflict) is
    /// retried, but one that leaves it open whether the client was made (a server error, a
    /// lost connection) is first checked against the pool (see `recovery`), so that neither a
    /// duplicate nor an orphan is left behind, and no namesake is taken for the new client.
    pub async fn create(
        &self,
        user_pool_id: &str,
        generate_secret: bool,
        settings: ClientSettings,
        before: &Namesakes,
        requested: &(dyn Fn(&UserPoolClientType) -> bool + Sync),
    ) -> Result<UserPoolClientType, Failure> {
        let name = settings.client_name.clone();
        let mut attempt = 0;
        loop {
            self.pacer.wait(user_pool_id).await;
            let request = self
                .regions
                .client(user_pool_id)?
                .create_user_pool_client()
                .user_pool_id(user_pool_id)
                .generate_secret(generate_secret);
            let result = apply_settings!(request, settings.clone())
                .customize()
                .config_override(Config::builder().retry_config(RetryConfig::disabled()))
                .send()
                .await;
            let failure = match result {
                Ok(out) => {
                    return out
                        .user_pool_client
                        .ok_or_else(|| missing("CreateUserPoolClient"));
                }
                Err(e) => Failure::from(e),
            };
            match failure.kind {
                FailureKind::Throttled | FailureKind::Conflict => {}
                FailureKind::Unavailable | FailureKind::TimedOut => {
                    match self.find_new(user_pool_id, &name, before, requested).await {
                        Found::Nothing => {}
                        Found::Made(client) => return Ok(*client),
                        Found::Unclear(what) => return Err(recovery::unclear(failure, &what)),
                        Found::LookupFailed(lookup) => {
                            return Err(recovery::unverified(failure, &lookup));
                        }
                    }
                }
                _ => return Err(failure),
            }
            if attempt >= self.max_retries {
                return Err(failure);
            }
            tokio::time::sleep(backoff(attempt)).await;
            attempt += 1;
        }
    }

    /// The ids of the pool's clients with this name.
    pub async fn find_by_name(
        &self,
        user_pool_id: &str,
        name: &str,
    ) -> Result<Vec<String>, Failure> {
        let mut pages = self
            .regions
            .client(user_pool_id)?
            .list_user_pool_clients()
            .user_pool_id(user_pool_id)
            .max_results(60)
            .into_paginator()
            .send();
        let mut ids = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(Failure::from)?;
            ids.extend(
                page.user_pool_clients()
                    .iter()
                    .filter(|c| c.client_name() == Some(name))
                    .filter_map(|c| c.client_id().map(str::to_string)),
            );
        }
        Ok(ids)
    }

    pub async fn describe(&self, id: &ClientRef) -> Result<Option<UserPoolClientType>, Failure> {
        let result = self
            .regions
            .client(&id.user_pool_id)?
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
        self.pacer.wait(&id.user_pool_id).await;
        let request = self
            .regions
            .client(&id.user_pool_id)?
            .update_user_pool_client()
            .user_pool_id(&id.user_pool_id)
            .client_id(&id.client_id);
        let out = apply_settings!(request, settings).send().await?;
        out.user_pool_client
            .ok_or_else(|| missing("UpdateUserPoolClient"))
    }

    /// Deletes the client; `false` when it was already gone.
    pub async fn delete(&self, id: &ClientRef) -> Result<bool, Failure> {
        self.pacer.wait(&id.user_pool_id).await;
        let result = self
            .regions
            .client(&id.user_pool_id)?
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
