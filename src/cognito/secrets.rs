//! A client's secrets: Cognito lets a confidential client hold two at once, so one can replace
//! another without downtime. Listing, adding (generated, or brought by the caller) and deleting.

use aws_sdk_cognitoidentityprovider::config::Config;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_smithy_types::date_time::Format;

use super::failure::Failure;
use super::failure::FailureKind;
use super::id::ClientRef;
use super::pacing::backoff;
use super::service::Cognito;

/// The most secrets Cognito lets one app client hold.
pub const MOST_SECRETS: usize = 2;

/// One secret of a client.
#[derive(Debug, Clone, PartialEq)]
pub struct Secret {
    pub id: String,
    /// The value, when Cognito reports it (a secret it generated, just added).
    pub value: Option<String>,
    /// When it was made (ISO 8601).
    pub created: Option<String>,
}

impl From<&aws_sdk_cognitoidentityprovider::types::ClientSecretDescriptorType> for Secret {
    fn from(d: &aws_sdk_cognitoidentityprovider::types::ClientSecretDescriptorType) -> Self {
        Secret {
            id: d.client_secret_id().unwrap_or_default().to_string(),
            value: d.client_secret_value().map(str::to_string),
            created: d
                .client_secret_create_date()
                .and_then(|t| t.fmt(Format::DateTime).ok()),
        }
    }
}

impl Cognito {
    /// The client's secrets; `None` when the client (or its pool) does not exist.
    pub async fn secrets(&self, client: &ClientRef) -> Result<Option<Vec<Secret>>, Failure> {
        let listed = self
            .reach(&client.user_pool_id, |sdk| async move {
                let mut secrets = Vec::new();
                let mut next: Option<String> = None;
                loop {
                    let page = sdk
                        .list_user_pool_client_secrets()
                        .user_pool_id(&client.user_pool_id)
                        .client_id(&client.client_id)
                        .set_next_token(next.take())
                        .send()
                        .await
                        .map_err(Failure::from)?;
                    secrets.extend(page.client_secrets().iter().map(Secret::from));
                    match page.next_token() {
                        Some(token) if !token.is_empty() => next = Some(token.to_string()),
                        _ => return Ok(secrets),
                    }
                }
            })
            .await;
        match listed {
            Ok(secrets) => Ok(Some(secrets)),
            Err(f) if f.is_not_found() => {
                self.confirm_gone(client, f).await?;
                Ok(None)
            }
            Err(f) => Err(f),
        }
    }

    /// The id of the client's one secret, for a client just made or just given to the provider
    /// (import): with a single secret, that is the client's own. One call, not retried: when
    /// the answer is not plain (two secrets, no permission, an emulator without secret calls),
    /// nothing is recorded, and a rotation later deletes nothing it cannot prove is its own.
    pub async fn only_secret(&self, client: &ClientRef) -> Option<String> {
        let sdk = self.client_for(&client.user_pool_id).ok()?;
        let listed = sdk
            .list_user_pool_client_secrets()
            .user_pool_id(&client.user_pool_id)
            .client_id(&client.client_id)
            .customize()
            .config_override(Config::builder().retry_config(RetryConfig::disabled()))
            .send()
            .await;
        match listed {
            Ok(page) => match page.client_secrets() {
                [only] => only.client_secret_id().map(str::to_string),
                _ => None,
            },
            Err(e) => {
                tracing::debug!(
                    "cannot list the secrets of {client}: {}",
                    Failure::from(e).message
                );
                None
            }
        }
    }

    /// Adds a secret: `value` when the caller brings one, else Cognito generates it. Like a
    /// create, an add is never repeated blindly (a duplicate would take the second slot): when
    /// its answer is lost, the client's secrets are compared with those it had before, and the
    /// add is repeated only if none appeared.
    pub async fn add_secret(
        &self,
        client: &ClientRef,
        value: Option<&str>,
    ) -> Result<Secret, Failure> {
        let before: Vec<String> = self
            .secrets(client)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.id)
            .collect();
        let mut attempt = 0;
        loop {
            self.pace(&client.user_pool_id).await;
            let result = self
                .reach(&client.user_pool_id, |sdk| {
                    let request = sdk
                        .add_user_pool_client_secret()
                        .user_pool_id(&client.user_pool_id)
                        .client_id(&client.client_id)
                        .set_client_secret(value.map(str::to_string))
                        .customize()
                        .config_override(Config::builder().retry_config(RetryConfig::disabled()));
                    async move { request.send().await.map_err(Failure::from) }
                })
                .await;
            let failure = match result {
                Ok(added) => {
                    let mut secret = added
                        .client_secret_descriptor()
                        .map(Secret::from)
                        .ok_or_else(|| Failure {
                            kind: FailureKind::Unavailable,
                            code: None,
                            message:
                                "the AddUserPoolClientSecret response did not describe the secret"
                                    .into(),
                        })?;
                    // Cognito returns the value only of a secret it generated.
                    if secret.value.is_none() {
                        secret.value = value.map(str::to_string);
                    }
                    return Ok(secret);
                }
                Err(f) => at_the_limit(client, f),
            };
            match failure.kind {
                FailureKind::Throttled | FailureKind::Conflict => {}
                FailureKind::Unavailable | FailureKind::NotCognito | FailureKind::TimedOut => {
                    let after = self.secrets(client).await?.unwrap_or_default();
                    let new: Vec<&str> = after
                        .iter()
                        .map(|s| s.id.as_str())
                        .filter(|i| !before.iter().any(|b| b == i))
                        .collect();
                    if !new.is_empty() {
                        // Cognito never shows a secret's value once it is made, so nothing
                        // proves that a secret which appeared is the one this request sent
                        // rather than one somebody else added at the same moment: it is
                        // neither adopted nor deleted.
                        return Err(Failure {
                            message: format!(
                                "{}; the client now has secret(s) {} that it did not have before, but Cognito never shows a secret's value, so the provider cannot tell whether one of them is the secret it sent or one somebody else added at the same moment: none was adopted or deleted. If nobody else adds secrets to client {client}, import it (`pulumi import cognito:index:UserPoolClientSecret <name> {client}/<secret id>`) or delete it in the console, then run the update again",
                                failure.message,
                                new.join(", ")
                            ),
                            ..failure
                        });
                    }
                    // Nothing new: Cognito did not act on the request; it is safe to repeat.
                }
                _ => return Err(failure),
            }
            if attempt >= self.max_retries() {
                return Err(failure);
            }
            tokio::time::sleep(backoff(attempt)).await;
            attempt += 1;
        }
    }

    /// Deletes one secret; `false` when it was already gone.
    pub async fn delete_secret(&self, client: &ClientRef, id: &str) -> Result<bool, Failure> {
        self.pace(&client.user_pool_id).await;
        let deleted = self
            .reach(&client.user_pool_id, |sdk| async move {
                sdk.delete_user_pool_client_secret()
                    .user_pool_id(&client.user_pool_id)
                    .client_id(&client.client_id)
                    .client_secret_id(id)
                    .send()
                    .await
                    .map_err(Failure::from)
            })
            .await;
        match deleted {
            Ok(_) => Ok(true),
            Err(f) if f.is_not_found() => {
                self.confirm_gone(client, f).await?;
                Ok(false)
            }
            Err(f) => Err(f),
        }
    }
}

/// Cognito's refusal of a third secret, in words that say what to do.
fn at_the_limit(client: &ClientRef, f: Failure) -> Failure {
    if f.kind != FailureKind::LimitExceeded {
        return f;
    }
    Failure {
        message: format!(
            "client {client} already has {MOST_SECRETS} secrets, the most Cognito allows; delete one (or let a replaced UserPoolClientSecret finish its replacement) before adding another ({})",
            f.message
        ),
        ..f
    }
}
