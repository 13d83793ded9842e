//! CreateUserPoolClient, which Cognito offers no idempotency token for: what is done when its
//! answer is lost (see `recovery`).

use aws_sdk_cognitoidentityprovider::config::Config;
use aws_sdk_cognitoidentityprovider::config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;

use super::clock;
use super::failure::{Failure, FailureKind};
use super::pacing::backoff;
use super::recovery::{self, Before, Found};
use super::service::{Cognito, missing};
use super::settings::{ClientSettings, apply_settings};

impl Cognito {
    /// Creates a client. Cognito has no idempotency token, so a create is never blindly
    /// repeated: a failure that says the request was refused (throttling, a conflict) is
    /// retried, but one that leaves it open whether the client was made (a server error, a
    /// lost connection) is first checked against the pool (see `recovery`), so that neither a
    /// duplicate nor an orphan is left behind, and no namesake is taken for the new client.
    pub async fn create(
        &self,
        user_pool_id: &str,
        generate_secret: bool,
        client_secret: Option<&str>,
        settings: ClientSettings,
        before: &Before,
        requested: &(dyn Fn(&UserPoolClientType) -> bool + Sync),
    ) -> Result<UserPoolClientType, Failure> {
        let name = settings.client_name.clone();
        let mut attempt = 0;
        loop {
            self.pace(user_pool_id).await;
            before.sending();
            let sent = clock::now_ns();
            let result = self
                .reach(user_pool_id, |client| {
                    let request = client
                        .create_user_pool_client()
                        .user_pool_id(user_pool_id)
                        .generate_secret(generate_secret)
                        .set_client_secret(client_secret.map(str::to_string));
                    let request = apply_settings!(request, settings.clone())
                        .customize()
                        .config_override(Config::builder().retry_config(RetryConfig::disabled()));
                    async move { request.send().await.map_err(Failure::from) }
                })
                .await;
            let failure = match result {
                Ok(out) => {
                    let client = out
                        .user_pool_client
                        .ok_or_else(|| missing("CreateUserPoolClient"))?;
                    self.calibrate(user_pool_id, sent, &client);
                    return Ok(client);
                }
                Err(f) => f,
            };
            match failure.kind {
                FailureKind::Throttled | FailureKind::Conflict => {}
                FailureKind::Unavailable | FailureKind::NotCognito | FailureKind::TimedOut => {
                    match self
                        .find_new_settled(user_pool_id, &name, before, requested)
                        .await
                    {
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
            if attempt >= self.max_retries() {
                return Err(failure);
            }
            tokio::time::sleep(backoff(attempt)).await;
            attempt += 1;
        }
    }
}
