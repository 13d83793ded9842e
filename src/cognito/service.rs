//! The Cognito API calls for one app client. The only I/O of the resource: everything here
//! returns either the client as Cognito describes it or a classified failure; a client that
//! does not exist is `None`, not an error.

use std::collections::HashMap;
use std::future::Future;
use std::ops::ControlFlow;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;

use super::account;
use super::clock::{self, Calibration};
pub use super::failure::Failure;
use super::failure::FailureKind;
use super::id::ClientRef;
use super::pacing::Pacer;
use super::pool_reads::PoolReads;
use super::progress::Progress;
use super::regions::Regions;
use super::settings::{ClientSettings, apply_settings};

/// Attempts of a call whose endpoint cannot be reached, at most (and at most `maxRetries` + 1):
/// a wrong endpoint or a network outage shows within seconds, with each attempt reported.
const REACH_ATTEMPTS: u32 = 3;

/// A Cognito client for app-client calls.
#[derive(Clone)]
pub struct Cognito {
    regions: Regions,
    pacer: Arc<Pacer>,
    max_retries: u32,
    progress: Arc<dyn Progress>,
    /// What has been read of each pool, for checking a client's references into it.
    pool_reads: Arc<PoolReads>,
    /// The clocks' difference per endpoint, from its last successful create (see `clock`);
    /// none for an endpoint that does not date its clients.
    calibrations: Arc<Mutex<HashMap<String, Calibration>>>,
}

impl std::fmt::Debug for Cognito {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cognito")
            .field("regions", &self.regions)
            .field("max_retries", &self.max_retries)
            .finish_non_exhaustive()
    }
}

impl Cognito {
    /// `changes_per_second` paces creates, updates and deletes in each pool (0: unpaced);
    /// `max_retries` bounds the provider's own retries; `progress` hears about each attempt to
    /// reach an endpoint that does not answer.
    pub fn new(
        regions: Regions,
        changes_per_second: u32,
        max_retries: u32,
        progress: Arc<dyn Progress>,
    ) -> Self {
        Cognito {
            regions,
            pacer: Arc::new(Pacer::new(changes_per_second)),
            max_retries,
            progress,
            pool_reads: Arc::default(),
            calibrations: Arc::default(),
        }
    }

    pub(crate) fn pool_reads(&self) -> &PoolReads {
        &self.pool_reads
    }

    /// The SDK client for calls about this pool (signed for its region).
    pub(crate) fn client_for(&self, user_pool_id: &str) -> Result<Client, Failure> {
        self.regions.client(user_pool_id)
    }

    /// Runs one call about `user_pool_id`, again when the request could not reach the
    /// endpoint at all (it never left, so repeating it is safe), telling the user each time.
    pub(crate) async fn reach<T, F, Fut>(
        &self,
        user_pool_id: &str,
        mut call: F,
    ) -> Result<T, Failure>
    where
        F: FnMut(Client) -> Fut,
        Fut: Future<Output = Result<T, Failure>>,
    {
        let client = self.regions.client(user_pool_id)?;
        let attempts = REACH_ATTEMPTS.min(self.max_retries.saturating_add(1));
        let mut attempt = 1;
        loop {
            match call(client.clone()).await {
                Err(f) if f.kind == FailureKind::Unreachable => {
                    let f = Failure {
                        message: format!(
                            "cannot reach Cognito at {}: {}",
                            self.regions.endpoint(user_pool_id),
                            f.message
                        ),
                        ..f
                    };
                    if attempt >= attempts {
                        return Err(f);
                    }
                    let wait = Duration::from_secs(1 << (attempt - 1));
                    self.progress.report(&format!(
                        "{} (attempt {attempt} of {attempts}); trying again in {} s",
                        f.message,
                        wait.as_secs()
                    ));
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(f) if f.kind == FailureKind::NoCredentials => {
                    return Err(Failure {
                        message: format!("{}. {}", f.message, self.regions.wording().credentials),
                        ..f
                    });
                }
                Err(f) if f.kind == FailureKind::NotCognito => {
                    return Err(Failure {
                        message: format!(
                            "Cognito was expected at {}, but {}",
                            self.regions.endpoint(user_pool_id),
                            f.message
                        ),
                        ..f
                    });
                }
                other => return other,
            }
        }
    }

    pub(crate) fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// Waits for this pool's next slot for a change (see `Pacer`).
    pub(crate) async fn pace(&self, user_pool_id: &str) {
        self.pacer.wait(user_pool_id).await;
    }

    /// The endpoint's recent calibration of the clocks, if it has one.
    pub(crate) fn calibration(&self, user_pool_id: &str) -> Option<Calibration> {
        let endpoint = self.regions.endpoint(user_pool_id);
        let calibrations = self.calibrations.lock().ok()?;
        calibrations
            .get(&endpoint)
            .copied()
            .filter(Calibration::trusted)
    }

    /// Learns from a create that succeeded: whether the endpoint dates its clients, and by
    /// how much the clocks differ.
    pub(super) fn calibrate(&self, user_pool_id: &str, sent_ns: i128, client: &UserPoolClientType) {
        let endpoint = self.regions.endpoint(user_pool_id);
        let Ok(mut calibrations) = self.calibrations.lock() else {
            return;
        };
        match client.creation_date() {
            Some(created) => {
                let measured = Calibration::from_create(sent_ns, clock::now_ns(), created);
                calibrations.insert(endpoint, measured);
            }
            None => {
                calibrations.remove(&endpoint);
            }
        }
    }

    /// The pool's ARN in the account of these credentials, when STS says which that is.
    pub async fn pool_arn(&self, user_pool_id: &str) -> Option<String> {
        let region = self.regions.region_of(user_pool_id)?;
        match self.regions.account().id().await {
            Ok(account) => Some(account::pool_arn(&region, &account, user_pool_id)),
            Err(why) => {
                tracing::debug!("the account of the provider's credentials is unknown: {why}");
                None
            }
        }
    }

    /// The ids of the pool's clients with this name (every page: names are not unique).
    pub async fn find_by_name(
        &self,
        user_pool_id: &str,
        name: &str,
    ) -> Result<Vec<String>, Failure> {
        let mut ids = Vec::new();
        self.each_client(user_pool_id, |c| {
            if c.name == name {
                ids.push(c.id);
            }
            ControlFlow::Continue(())
        })
        .await?;
        Ok(ids)
    }

    /// Every client of the pool (all pages), in Cognito's order.
    pub async fn list(&self, user_pool_id: &str) -> Result<Vec<Listed>, Failure> {
        let mut clients = Vec::new();
        self.each_client(user_pool_id, |c| {
            clients.push(c);
            ControlFlow::Continue(())
        })
        .await?;
        Ok(clients)
    }

    /// Hands the pool's clients to `each` page by page, as Cognito lists them, and reads no
    /// further page once `each` says it has its answer.
    pub async fn each_client(
        &self,
        user_pool_id: &str,
        mut each: impl FnMut(Listed) -> ControlFlow<()>,
    ) -> Result<(), Failure> {
        let mut next: Option<String> = None;
        loop {
            let token = next.take();
            let page = self
                .reach(user_pool_id, |client| {
                    let request = client
                        .list_user_pool_clients()
                        .user_pool_id(user_pool_id)
                        .max_results(60)
                        .set_next_token(token.clone());
                    async move { request.send().await.map_err(Failure::from) }
                })
                .await?;
            for c in page.user_pool_clients() {
                let Some(id) = c.client_id() else { continue };
                let listed = Listed {
                    id: id.to_string(),
                    name: c.client_name().unwrap_or_default().to_string(),
                };
                if each(listed).is_break() {
                    return Ok(());
                }
            }
            match page.next_token() {
                Some(token) if !token.is_empty() => next = Some(token.to_string()),
                _ => return Ok(()),
            }
        }
    }

    pub async fn describe(&self, id: &ClientRef) -> Result<Option<UserPoolClientType>, Failure> {
        let result = self
            .reach(&id.user_pool_id, |client| async move {
                client
                    .describe_user_pool_client()
                    .user_pool_id(&id.user_pool_id)
                    .client_id(&id.client_id)
                    .send()
                    .await
                    .map_err(Failure::from)
            })
            .await;
        match result {
            Ok(out) => Ok(out.user_pool_client),
            Err(f) if f.is_not_found() => {
                self.confirm_gone(id, f).await?;
                Ok(None)
            }
            Err(f) => Err(f),
        }
    }

    /// Cognito said the client (or one of its secrets) does not exist. That is proof that it
    /// is gone only once the provider has seen its pool: a pool that is missing too is as
    /// likely another account (a wrong `assumeRole` or profile, or the dev account's
    /// credentials in prod) as a deleted pool, and taking that for "gone" would drop clients
    /// from the state, or report them deleted, while they live on.
    ///
    /// The pool is looked for with ListUserPoolClients, which the provider needs anyway and
    /// which answers ResourceNotFoundException for a pool these credentials do not have. When
    /// the pool is absent, it is gone only if the state recorded it in the very account and
    /// region the credentials are for (see `pool_gone`). Anything short of that is an error
    /// that says what would decide.
    pub(super) async fn confirm_gone(
        &self,
        id: &ClientRef,
        not_found: Failure,
    ) -> Result<(), Failure> {
        let pool = id.user_pool_id.as_str();
        let listed = self
            .reach(pool, |client| async move {
                client
                    .list_user_pool_clients()
                    .user_pool_id(pool)
                    .max_results(1)
                    .send()
                    .await
                    .map_err(Failure::from)
            })
            .await;
        match listed {
            Ok(_) => Ok(()),
            Err(f) if f.is_not_found() => self.pool_gone(id, not_found).await,
            Err(f) if f.kind == FailureKind::AccessDenied => Err(Failure {
                kind: FailureKind::AccessDenied,
                code: not_found.code,
                message: format!(
                    "Cognito answers that {id} does not exist, but the provider may not list the clients of user pool {pool} ({}), which is how it tells a deleted client from one it is looking for in the wrong account; it is not taken for deleted: allow cognito-idp:ListUserPoolClients",
                    f.message
                ),
            }),
            Err(f) => Err(f),
        }
    }

    /// The pool of a client Cognito does not find is absent too. The state's record of where
    /// the pool lived (`userPoolArn`) and the account of these credentials (STS) decide: the
    /// same account and region mean the pool was deleted, and its clients with it.
    async fn pool_gone(&self, id: &ClientRef, not_found: Failure) -> Result<(), Failure> {
        let pool = id.user_pool_id.as_str();
        let region = self.regions.region_of(pool).unwrap_or_default();
        let recorded = id.pool_arn.as_deref().and_then(account::region_and_account);
        let caller = self.regions.account().id().await;
        let refused = |why: String| {
            Err(Failure {
                kind: FailureKind::InvalidInput,
                code: not_found.code.clone(),
                message: format!(
                    "user pool {pool} does not exist at {} for these credentials, so its client {} is not taken for deleted: {why}",
                    self.regions.endpoint(pool),
                    id.client_id
                ),
            })
        };
        if !id.in_state {
            // An import or a lookup: nothing is in the state to keep or drop, so the only
            // question is where the pool is.
            let account = match &caller {
                Ok(now) => format!(" (account {now}, {region})"),
                Err(_) => String::new(),
            };
            return Err(Failure {
                kind: FailureKind::InvalidInput,
                code: not_found.code,
                message: format!(
                    "there is no user pool {pool} at {} for these credentials{account}: check the pool id, its region and the account of the credentials (`assumeRole`, `profile`, the AWS credentials)",
                    self.regions.endpoint(pool),
                ),
            });
        }
        match (recorded, caller) {
            (Some((was_region, was_account)), Ok(now)) if was_account == now && was_region == region => {
                Ok(())
            }
            (Some((was_region, was_account)), Ok(now)) => refused(format!(
                "the state records the pool in account {was_account} ({was_region}), and the provider's credentials are for account {now} ({region}); check `assumeRole`, `profile` and the AWS credentials"
            )),
            (Some((_, was_account)), Err(why)) => refused(format!(
                "the state records the pool in account {was_account}, but the provider cannot tell which account its credentials are for ({why}); either the pool was deleted (then remove the client from the stack with `pulumi state delete`), or the provider is looking in another account (check `assumeRole`, `profile` and the AWS credentials)"
            )),
            (None, _) => refused(
                "the state does not record which account the pool was in (a client made by an earlier release, or when the account could not be learned), so either the pool was deleted (then remove the client from the stack with `pulumi state delete`), or the provider is looking in another account (check `assumeRole`, `profile` and the AWS credentials)".to_string(),
            ),
        }
    }

    /// Sends every setting: Cognito resets whatever an update leaves out.
    pub async fn update(
        &self,
        id: &ClientRef,
        settings: ClientSettings,
    ) -> Result<UserPoolClientType, Failure> {
        self.pacer.wait(&id.user_pool_id).await;
        let out = self
            .reach(&id.user_pool_id, |client| {
                let request = client
                    .update_user_pool_client()
                    .user_pool_id(&id.user_pool_id)
                    .client_id(&id.client_id);
                let request = apply_settings!(request, settings.clone());
                async move { request.send().await.map_err(Failure::from) }
            })
            .await;
        match out {
            Ok(out) => out
                .user_pool_client
                .ok_or_else(|| missing("UpdateUserPoolClient")),
            // Advice to refresh (which drops the client) only once it is proven gone.
            Err(f) if f.is_not_found() => {
                self.confirm_gone(id, f.clone()).await?;
                Err(f)
            }
            Err(f) => Err(f),
        }
    }

    /// Deletes the client; `false` when it was already gone.
    pub async fn delete(&self, id: &ClientRef) -> Result<bool, Failure> {
        self.pacer.wait(&id.user_pool_id).await;
        let result = self
            .reach(&id.user_pool_id, |client| async move {
                client
                    .delete_user_pool_client()
                    .user_pool_id(&id.user_pool_id)
                    .client_id(&id.client_id)
                    .send()
                    .await
                    .map_err(Failure::from)
            })
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(f) if f.is_not_found() => {
                self.confirm_gone(id, f).await?;
                Ok(false)
            }
            Err(f) => Err(f),
        }
    }
}

/// A client as ListUserPoolClients names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub name: String,
}

pub(super) fn missing(operation: &str) -> Failure {
    Failure {
        kind: FailureKind::Unavailable,
        code: None,
        message: format!("the {operation} response did not describe the client"),
    }
}
