//! Which region a call about a user pool goes to, and the SDK client for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{Builder, Region};

use super::account::Account;
use super::failure::Failure;
use super::failure::FailureKind;
use super::model::whole_match;

/// What a region name looks like (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`).
pub const REGION_PATTERN: &str = r"[a-z]{2}(-[a-z]+)+-\d+";

/// How messages tell the user to set what a call lacks: in the provider's configuration
/// (the default), or with a command's flags (`import-pool`).
#[derive(Clone, Debug)]
pub struct Wording {
    /// Completes "... names no AWS region and ...; " (such as "set `region` in the provider's
    /// configuration").
    pub region: String,
    /// Follows "no AWS credentials were found (...)": where credentials are read from.
    pub credentials: String,
}

impl Default for Wording {
    fn default() -> Self {
        Wording {
            region: "set `region` in the provider's configuration".into(),
            credentials: "Set `accessKey` and `secretKey`, or `profile`, in the provider's configuration, or provide them the standard way: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE with the shared config and credentials files, SSO, or instance or container credentials".into(),
        }
    }
}

/// Cognito SDK clients, one per region, made on first use from one configuration.
///
/// A user pool lives in the region its id names (`eu-west-1_AbCdEf123`), and Cognito answers
/// "not found" for it anywhere else. Every call for a pool goes to, and is signed for, that
/// region, whatever the configured region says; a custom endpoint still decides where the
/// requests are sent.
#[derive(Clone, Debug)]
pub struct Regions {
    base: Builder,
    /// The configured region, for a pool id that names none.
    fallback: Option<String>,
    /// A custom endpoint and what set it (`cognito:endpoint`, an environment variable).
    endpoint: Option<(String, String)>,
    clients: Arc<Mutex<HashMap<String, Client>>>,
    /// The account the same credentials are for.
    account: Account,
    wording: Wording,
}

impl Regions {
    pub fn new(
        base: Builder,
        fallback: Option<String>,
        endpoint: Option<(String, String)>,
        account: Account,
    ) -> Self {
        Regions {
            base,
            fallback,
            endpoint,
            clients: Arc::default(),
            account,
            wording: Wording::default(),
        }
    }

    /// With messages that name the settings as `wording` does.
    pub fn worded(mut self, wording: Wording) -> Self {
        self.wording = wording;
        self
    }

    pub fn wording(&self) -> &Wording {
        &self.wording
    }

    /// The account of the credentials the clients sign with.
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// The region a pool's calls go to: the one its id names, or the configured one.
    pub fn region_of(&self, user_pool_id: &str) -> Option<String> {
        Regions::of_pool(user_pool_id)
            .map(str::to_string)
            .or_else(|| self.fallback.clone())
    }

    /// Where calls about this pool go, for messages: the custom endpoint and what set it, or
    /// AWS's endpoint for the pool's region.
    pub fn endpoint(&self, user_pool_id: &str) -> String {
        if let Some((url, source)) = &self.endpoint {
            return format!("{url} (set by {source})");
        }
        match Regions::of_pool(user_pool_id).or(self.fallback.as_deref()) {
            Some(region) => format!("https://cognito-idp.{region}.amazonaws.com"),
            None => "its AWS endpoint".into(),
        }
    }

    /// The region of a user pool: the part of its id before `_`, when it has a region's form.
    pub fn of_pool(user_pool_id: &str) -> Option<&str> {
        let (region, _) = user_pool_id.split_once('_')?;
        (whole_match(REGION_PATTERN, region) == Ok(true)).then_some(region)
    }

    /// The client for calls about one user pool.
    pub fn client(&self, user_pool_id: &str) -> Result<Client, Failure> {
        let region = self.region_of(user_pool_id).ok_or_else(|| Failure {
            kind: FailureKind::InvalidInput,
            code: None,
            message: format!(
                "the id of user pool {user_pool_id} names no AWS region and none is configured; {}",
                self.wording.region
            ),
        })?;
        let Ok(mut clients) = self.clients.lock() else {
            // A poisoned cache only costs building the client again.
            return Ok(self.build(&region));
        };
        Ok(clients
            .entry(region.clone())
            .or_insert_with(|| self.build(&region))
            .clone())
    }

    fn build(&self, region: &str) -> Client {
        Client::from_conf(
            self.base
                .clone()
                .region(Region::new(region.to_string()))
                .build(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_id_names_its_region() {
        assert_eq!(Regions::of_pool("eu-west-1_AbC123"), Some("eu-west-1"));
        assert_eq!(Regions::of_pool("us-gov-west-1_x1"), Some("us-gov-west-1"));
        assert_eq!(Regions::of_pool("local_abc"), None);
        assert_eq!(Regions::of_pool("nounderscore"), None);
    }

    #[test]
    fn each_region_gets_a_client_signed_for_it_and_a_pool_without_one_uses_the_fallback() {
        let base = aws_sdk_cognitoidentityprovider::config::Builder::new()
            .behavior_version(aws_sdk_cognitoidentityprovider::config::BehaviorVersion::latest());
        let regions = Regions::new(
            base.clone(),
            Some("us-east-1".into()),
            None,
            Account::unknown(),
        );
        let region = |pool: &str| {
            regions
                .client(pool)
                .ok()
                .and_then(|c| c.config().region().map(|r| r.to_string()))
        };
        assert_eq!(region("eu-west-1_A1").as_deref(), Some("eu-west-1"));
        assert_eq!(region("ap-south-1_B2").as_deref(), Some("ap-south-1"));
        assert_eq!(region("local_C3").as_deref(), Some("us-east-1"));
        let none = Regions::new(base, None, None, Account::unknown());
        let err = none.client("local_C3").err().map(|f| f.message);
        assert!(
            err.as_deref().is_some_and(|m| m.contains("set `region`")),
            "{err:?}"
        );
    }
}
