//! What a user pool has that an app client may refer to: its resource servers' scopes, its
//! identity providers and its schema's attributes. Read once per pool and part in a provider
//! process, with read-only calls, one attempt each, within a time limit: callers use it as
//! advice, never as a reason to fail a change Cognito itself would judge.

use std::sync::atomic::Ordering;
use std::time::Duration;

use super::failure::{Failure, FailureKind};
use super::service::Cognito;

pub use super::pool_reads::{PoolPart, Read};
use PoolPart as Kind;

/// Scopes every pool offers: OpenID Connect's and Cognito's own.
pub const STANDARD_SCOPES: [&str; 5] = [
    "openid",
    "email",
    "phone",
    "profile",
    "aws.cognito.signin.user.admin",
];

/// How long an advisory read may take before the preview goes on without it.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The IAM action that reads a part.
pub fn permission(kind: Kind) -> &'static str {
    match kind {
        Kind::Scopes => "cognito-idp:ListResourceServers",
        Kind::IdentityProviders => "cognito-idp:ListIdentityProviders",
        Kind::Attributes => "cognito-idp:DescribeUserPool",
    }
}

async fn read(cognito: &Cognito, pool: &str, kind: Kind) -> Read {
    let result = tokio::time::timeout(READ_TIMEOUT, cognito.pool_offers(pool, kind)).await;
    match result {
        Ok(Ok(has)) => Read::Has(has),
        Ok(Err(Failure {
            kind: FailureKind::AccessDenied,
            ..
        })) => Read::Denied(permission(kind)),
        Ok(Err(f)) => {
            tracing::debug!(pool, ?kind, message = %f.message, "pool not read");
            Read::Unknown
        }
        Err(_) => {
            tracing::debug!(pool, ?kind, "pool read timed out");
            Read::Unknown
        }
    }
}

impl Cognito {
    /// What the pool has of `part`, read on first use and then remembered.
    pub async fn pool_part(&self, pool: &str, part: PoolPart) -> Read {
        let entry = self.pool_reads().entry(pool, part);
        entry
            .read
            .get_or_init(|| read(self, pool, part))
            .await
            .clone()
    }

    /// True once per pool and part: whether the caller is the first to report that it could
    /// not be read.
    pub fn first_to_tell(&self, pool: &str, part: PoolPart) -> bool {
        !self
            .pool_reads()
            .entry(pool, part)
            .told
            .swap(true, Ordering::SeqCst)
    }

    /// Everything of one kind the pool has; one attempt (this is advice).
    pub async fn pool_offers(&self, pool: &str, kind: Kind) -> Result<Vec<String>, Failure> {
        let client = self.client_for(pool)?;
        match kind {
            Kind::Scopes => {
                let mut pages = client
                    .list_resource_servers()
                    .user_pool_id(pool)
                    .max_results(50)
                    .into_paginator()
                    .send();
                let mut has: Vec<String> = STANDARD_SCOPES.iter().map(|s| s.to_string()).collect();
                while let Some(page) = pages.next().await {
                    let page = page.map_err(Failure::from)?;
                    for server in page.resource_servers() {
                        let id = server.identifier().unwrap_or_default();
                        has.extend(
                            server
                                .scopes()
                                .iter()
                                .map(|s| format!("{id}/{}", s.scope_name())),
                        );
                    }
                }
                Ok(has)
            }
            Kind::IdentityProviders => {
                let mut pages = client
                    .list_identity_providers()
                    .user_pool_id(pool)
                    .max_results(60)
                    .into_paginator()
                    .send();
                let mut has = vec!["COGNITO".to_string()];
                while let Some(page) = pages.next().await {
                    let page = page.map_err(Failure::from)?;
                    has.extend(
                        page.providers()
                            .iter()
                            .filter_map(|p| p.provider_name().map(str::to_string)),
                    );
                }
                Ok(has)
            }
            Kind::Attributes => {
                let out = client
                    .describe_user_pool()
                    .user_pool_id(pool)
                    .send()
                    .await
                    .map_err(Failure::from)?;
                Ok(out
                    .user_pool()
                    .map(|p| {
                        p.schema_attributes()
                            .iter()
                            .filter_map(|a| a.name().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default())
            }
        }
    }
}
