//! Credentials from an assumed role (`cognito:assumeRole`): aws-config's STS provider on top
//! of the base credentials, with its failures said in one sentence that names the role.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::sts::AssumeRoleProvider;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{self, ProvideCredentials, future};
use aws_sdk_cognitoidentityprovider::config::Region;
use aws_smithy_types::error::ErrorMetadata;
use aws_types::SdkConfig;

/// The role to assume, from `assumeRole`; the external id (a secret) never prints.
#[derive(Clone, Default, PartialEq)]
pub struct AssumeRole {
    pub role_arn: String,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub duration_seconds: Option<u32>,
}

impl fmt::Debug for AssumeRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRole")
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field(
                "external_id",
                &self.external_id.as_ref().map(|_| "[secret]"),
            )
            .field("duration_seconds", &self.duration_seconds)
            .finish()
    }
}

/// Attempts of one AssumeRole call (throttling and server errors are retried, with backoff).
const STS_ATTEMPTS: u32 = 3;

/// STS is global; its classic endpoint is in us-east-1, for a configuration that names no region.
const STS_REGION_DEFAULT: &str = "us-east-1";

/// Why the role could not be assumed; found in an SDK error's sources to word the failure.
#[derive(Debug)]
pub struct AssumeRoleFailed {
    pub role_arn: String,
    /// How the user set the role (`assumeRole.roleArn`, `--role-arn`).
    pub setting: String,
    pub cause: String,
}

impl fmt::Display for AssumeRoleFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot assume the role {} ({}): {}",
            self.role_arn, self.setting, self.cause
        )
    }
}

impl StdError for AssumeRoleFailed {}

/// Assumes the role with the base credentials of `base` (its STS endpoint too, such as
/// `AWS_ENDPOINT_URL_STS`). The SDK's identity cache around it renews the temporary
/// credentials shortly before they expire, so a long deployment never runs on expired ones.
pub struct AssumedRole {
    role_arn: String,
    setting: String,
    inner: AssumeRoleProvider,
}

/// Only the role: the STS request the inner provider holds carries the external id.
impl fmt::Debug for AssumedRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumedRole")
            .field("role_arn", &self.role_arn)
            .finish_non_exhaustive()
    }
}

impl AssumedRole {
    pub async fn new(role: &AssumeRole, base: &SdkConfig) -> AssumedRole {
        let region = base
            .region()
            .cloned()
            .unwrap_or_else(|| Region::new(STS_REGION_DEFAULT));
        // A few attempts only: STS that does not answer should be said within seconds, not
        // after the minute of backoff that Cognito's `maxRetries` would allow.
        let sts = base
            .to_builder()
            .retry_config(RetryConfig::standard().with_max_attempts(STS_ATTEMPTS))
            .build();
        let mut builder = AssumeRoleProvider::builder(role.role_arn.clone())
            .configure(&sts)
            .region(region);
        if let Some(name) = &role.session_name {
            builder = builder.session_name(name.clone());
        }
        if let Some(id) = &role.external_id {
            builder = builder.external_id(id.clone());
        }
        if let Some(seconds) = role.duration_seconds {
            builder = builder.session_length(Duration::from_secs(u64::from(seconds)));
        }
        AssumedRole {
            role_arn: role.role_arn.clone(),
            setting: "`assumeRole.roleArn`".into(),
            inner: builder.build().await,
        }
    }

    /// Named in failures as the user set it, when that is not `assumeRole.roleArn`.
    pub fn set_by(mut self, setting: String) -> Self {
        self.setting = setting;
        self
    }

    async fn credentials(&self) -> provider::Result {
        self.inner.provide_credentials().await.map_err(|e| {
            CredentialsError::provider_error(AssumeRoleFailed {
                role_arn: self.role_arn.clone(),
                setting: self.setting.clone(),
                cause: cause(&e),
            })
        })
    }
}

impl ProvideCredentials for AssumedRole {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.credentials())
    }
}

/// What STS said ("AccessDenied: User ... is not authorized to perform: sts:AssumeRole"), or
/// why STS could not be asked (no base credentials, no connection), in one line.
fn cause(err: &CredentialsError) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = next {
        if let Some(meta) = e.downcast_ref::<ErrorMetadata>() {
            return match (meta.code(), meta.message()) {
                (Some(code), Some(message)) => format!("{code}: {message}"),
                (Some(code), None) => code.to_string(),
                _ => parts.join(": "),
            };
        }
        let text = e.to_string();
        let text = text.lines().next().unwrap_or_default().trim();
        let generic = [
            "an error occurred while loading credentials",
            "service error",
            "dispatch failure",
            "unhandled error",
        ];
        if !text.is_empty()
            && !generic.iter().any(|g| text.starts_with(g))
            && !parts.iter().any(|p| p.contains(text))
        {
            parts.push(text.to_string());
        }
        next = e.source();
    }
    if parts.is_empty() {
        "STS gave no reason".into()
    } else {
        parts.join(": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_external_id_never_prints() {
        let role = AssumeRole {
            role_arn: "arn:aws:iam::123456789012:role/deployer".into(),
            external_id: Some("tenant-secret-42".into()),
            ..AssumeRole::default()
        };
        let base = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .no_credentials()
            .load()
            .await;
        let provider = AssumedRole::new(&role, &base).await;
        let printed = format!("{provider:?} {role:?}");
        assert!(!printed.contains("tenant-secret-42"), "{printed}");
        assert!(printed.contains("role/deployer"), "{printed}");
    }
}
