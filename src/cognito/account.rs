//! Which AWS account the provider's credentials are for, from STS GetCallerIdentity (which needs
//! no permission), asked once per provider and only when needed: to record the account of a
//! client's user pool when the client is made or imported, and, when that pool is absent, to
//! tell a deleted pool from a pool in another account.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::OnceCell;

/// How long the one GetCallerIdentity call may take: an STS that does not answer must not hold
/// up a deployment, and without the account the provider only records less.
const LOOKUP_LIMIT: Duration = Duration::from_secs(10);

/// The account of the provider's credentials, looked up on first use and kept.
#[derive(Clone)]
pub struct Account {
    sts: Option<aws_sdk_sts::Client>,
    known: Arc<OnceCell<Result<String, String>>>,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("known", &self.known.get())
            .finish_non_exhaustive()
    }
}

impl Account {
    /// Asks STS with the same credentials as the Cognito calls (an assumed role included).
    pub fn new(sts: aws_sdk_sts::Client) -> Self {
        Account {
            sts: Some(sts),
            known: Arc::default(),
        }
    }

    /// An account that cannot be learned (unit tests).
    pub fn unknown() -> Self {
        Account {
            sts: None,
            known: Arc::default(),
        }
    }

    /// The 12-digit account id, or why it cannot be had.
    pub async fn id(&self) -> Result<String, String> {
        self.known
            .get_or_init(|| async {
                let Some(sts) = &self.sts else {
                    return Err("no STS client".to_string());
                };
                let call = sts.get_caller_identity().send();
                match tokio::time::timeout(LOOKUP_LIMIT, call).await {
                    Err(_) => Err(format!(
                        "sts:GetCallerIdentity did not answer within {} s",
                        LOOKUP_LIMIT.as_secs()
                    )),
                    Ok(Err(e)) => Err(format!(
                        "sts:GetCallerIdentity failed: {}",
                        super::failure::Failure::from(e).message
                    )),
                    Ok(Ok(out)) => out
                        .account()
                        .map(str::to_string)
                        .ok_or_else(|| "sts:GetCallerIdentity named no account".to_string()),
                }
            })
            .await
            .clone()
    }
}

/// A user pool's ARN: `arn:<partition>:cognito-idp:<region>:<account>:userpool/<pool id>`.
pub fn pool_arn(region: &str, account: &str, user_pool_id: &str) -> String {
    let partition = if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else if region.starts_with("us-iso") {
        "aws-iso"
    } else {
        "aws"
    };
    format!("arn:{partition}:cognito-idp:{region}:{account}:userpool/{user_pool_id}")
}

/// The region and account a user pool ARN names, when it is one.
pub fn region_and_account(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.splitn(6, ':');
    let (prefix, _partition, service) = (parts.next()?, parts.next()?, parts.next()?);
    let (region, account, resource) = (parts.next()?, parts.next()?, parts.next()?);
    (prefix == "arn" && service == "cognito-idp" && resource.starts_with("userpool/"))
        .then_some((region, account))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_arn_names_its_partition_region_and_account() {
        let arn = pool_arn("eu-west-1", "111122223333", "eu-west-1_Ab1");
        assert_eq!(
            arn,
            "arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_Ab1"
        );
        assert_eq!(
            region_and_account(&arn),
            Some(("eu-west-1", "111122223333"))
        );
        assert!(pool_arn("cn-north-1", "1", "p").starts_with("arn:aws-cn:"));
        assert!(pool_arn("us-gov-west-1", "1", "p").starts_with("arn:aws-us-gov:"));
        assert_eq!(region_and_account("arn:aws:iam::1:role/x"), None);
        assert_eq!(region_and_account("not an arn"), None);
    }

    #[tokio::test]
    async fn without_sts_the_account_is_unknown_and_says_why() {
        assert!(Account::unknown().id().await.is_err());
    }
}
