//! Provider configuration (stack config `cognito:<key>`): its table, CheckConfig's rules, and
//! the AWS SDK configuration built at Configure. Unset keys fall back to the standard AWS
//! chain (environment, shared profiles, SSO, instance roles) through aws-config.

use std::fmt;

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_cognitoidentityprovider::config::{Credentials, Region};

use crate::cognito::account::Account;
pub use crate::cognito::assume_role::AssumeRole;
use crate::cognito::assume_role::AssumedRole;
pub use crate::cognito::regions::REGION_PATTERN;
use crate::cognito::regions::{Regions, Wording};
use crate::error::Error;
use crate::resource::CheckFailure;
use crate::resource::table::{Property, Rule, Shape};
use crate::resource::validate;
use crate::value::{PropertyMap, Value};

pub const MAX_RETRIES_DEFAULT: u32 = 8;
/// An AWS region's name, such as `us-east-1` or `us-gov-west-1`.
/// Cognito is reported to allow about 5 app-client changes per second in one pool.
pub const POOL_CHANGES_PER_SECOND_DEFAULT: u32 = 5;

pub static CONFIG: &[Property] = &[
    Property::new("region", "AWS_REGION", Shape::String)
        .rules(&[Rule::Pattern(REGION_PATTERN)])
        .doc("The AWS region for credentials and for user pool ids that name no region, such as `us-east-1`. Calls for a user pool always go to the region its id names (`eu-west-1_AbCdEf123` is in eu-west-1). Defaults to the `AWS_REGION` environment variable or the profile's region."),
    Property::new("profile", "AWS_PROFILE", Shape::String)
        .doc("The named profile in the shared AWS config and credentials files to use. Defaults to `AWS_PROFILE`."),
    Property::new("endpoint", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", Shape::String)
        .rules(&[Rule::Pattern(r"https?://[^\s/?#]+(/[^\s]*)?")])
        .doc("A custom Cognito endpoint URL, such as a VPC endpoint or a local emulator (`http://127.0.0.1:5000`)."),
    Property::new("accessKey", "AWS_ACCESS_KEY_ID", Shape::String)
        .doc("The AWS access key id. Set together with `secretKey`; otherwise the standard AWS credential chain is used."),
    Property::new("secretKey", "AWS_SECRET_ACCESS_KEY", Shape::String)
        .secret()
        .doc("The AWS secret access key, set together with `accessKey`."),
    Property::new("token", "AWS_SESSION_TOKEN", Shape::String)
        .secret()
        .doc("The AWS session token of temporary credentials given with `accessKey` and `secretKey`."),
    Property::new("assumeRole", "", Shape::Object(ASSUME_ROLE))
        .doc("A role to assume with STS before calling Cognito, on top of whatever base credentials apply (the keys above, a profile, or the standard chain): for managing clients in another account. The temporary credentials are refreshed before they expire."),
    Property::new("strictPoolReferences", "", Shape::Boolean)
        .doc("When true, a client that refers to a scope, identity provider or attribute its user pool does not have fails at preview; by default that is a warning, since the same program may create it. For teams whose pools are managed elsewhere."),
    Property::new("maxRetries", "", Shape::Integer)
        .rules(&[Rule::Range { min: 0, max: 100 }])
        .doc("How many times a throttled or failed Cognito call is retried, with exponential backoff and jitter. Defaults to 8."),
    Property::new("poolChangesPerSecond", "", Shape::Integer)
        .rules(&[Rule::Range { min: 0, max: 1000 }])
        .doc("At most this many client creates, updates and deletes per second in one user pool, so that large stacks do not trip Cognito's rate limits; 0 turns pacing off. Defaults to 5."),
];

/// IAM's own limits for AssumeRole (STS API Reference): a role ARN with a 12-digit account id,
/// session names and external ids of the allowed characters, 15 minutes to 12 hours.
pub static ASSUME_ROLE: &[Property] = &[
    Property::new("roleArn", "RoleArn", Shape::String)
        .required()
        .rules(&[
            Rule::Length { min: 20, max: 2048 },
            Rule::Pattern(r"arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}"),
        ])
        .doc("The ARN of the role to assume, such as `arn:aws:iam::123456789012:role/pulumi-cognito`."),
    Property::new("sessionName", "RoleSessionName", Shape::String)
        .rules(&[Rule::Pattern(r"[\w+=,.@-]{2,64}")])
        .doc("The session name CloudTrail records for the calls. Defaults to one the AWS SDK picks."),
    Property::new("externalId", "ExternalId", Shape::String)
        .secret()
        .rules(&[Rule::Pattern(r"[\w+=,.@:/-]{2,1224}")])
        .doc("The external id the role's trust policy asks for, if any."),
    Property::new("durationSeconds", "DurationSeconds", Shape::Integer)
        .rules(&[Rule::Range { min: 900, max: 43200 }])
        .doc("How long each set of temporary credentials lasts, in seconds (15 minutes to 12 hours, and at most the role's maximum session duration). Defaults to one hour."),
];

/// Who reads the settings: the provider, from its configuration (`cognito:endpoint`), or the
/// `import-pool` command, from its flags (`--endpoint`). Messages name a setting the way its
/// reader takes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Reader {
    #[default]
    Provider,
    ImportPool,
}

impl Reader {
    /// How the user sets the configuration key `key` here.
    pub fn names(self, key: &str) -> String {
        match self {
            Reader::Provider => format!("`cognito:{key}`"),
            Reader::ImportPool => format!("`--{key}`"),
        }
    }

    /// How the user sets the role to assume.
    fn role_setting(self) -> String {
        match self {
            Reader::Provider => "`assumeRole.roleArn`".into(),
            Reader::ImportPool => "`--role-arn`".into(),
        }
    }

    fn wording(self) -> Wording {
        match self {
            Reader::Provider => Wording::default(),
            Reader::ImportPool => Wording {
                region: "pass `--region`".into(),
                credentials: "import-pool reads them the standard way: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary ones), a profile (`--profile` or AWS_PROFILE) in the shared config and credentials files, SSO, or instance or container credentials".into(),
            },
        }
    }
}

/// The provider configuration; secrets are never printed.
#[derive(Clone, Default, PartialEq)]
pub struct Config {
    pub region: Option<String>,
    pub profile: Option<String>,
    pub endpoint: Option<String>,
    pub access_key: Option<String>,
    pub secret_key: Option<String>,
    pub token: Option<String>,
    pub max_retries: u32,
    pub pool_changes_per_second: u32,
    pub assume_role: Option<AssumeRole>,
    pub strict_pool_references: bool,
    pub reader: Reader,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hidden = |v: &Option<String>| v.as_ref().map(|_| "[secret]");
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("profile", &self.profile)
            .field("endpoint", &self.endpoint)
            .field("access_key", &self.access_key)
            .field("secret_key", &hidden(&self.secret_key))
            .field("token", &hidden(&self.token))
            .field("max_retries", &self.max_retries)
            .field("pool_changes_per_second", &self.pool_changes_per_second)
            .field("strict_pool_references", &self.strict_pool_references)
            .field("reader", &self.reader)
            .field(
                "assume_role",
                &self
                    .assume_role
                    .as_ref()
                    .map(|r| (&r.role_arn, &r.session_name)),
            )
            .finish()
    }
}

/// Stack config delivers every value as a string, non-strings JSON-encoded ("5" for 5); turns
/// such strings back into the type the table asks for.
fn decode_strings(news: &PropertyMap) -> PropertyMap {
    news.iter()
        .map(|(k, v)| {
            let shape = CONFIG.iter().find(|p| p.name == k).map(|p| p.shape);
            let (plain, secret) = v.reveal();
            let decoded = match (shape, plain) {
                (Some(Shape::Boolean), Value::String(s)) => match s.trim() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ => plain.clone(),
                },
                (Some(Shape::Integer), Value::String(s)) => match s.trim().parse::<f64>() {
                    Ok(n) => Value::Number(n),
                    Err(_) => plain.clone(),
                },
                // An object arrives as its JSON text (stack config, and explicit providers of
                // the SDKs); what is not JSON stays a string, which Check reports.
                (Some(Shape::Object(_)), Value::String(s)) => {
                    match serde_json::from_str::<serde_json::Value>(s) {
                        Ok(json @ serde_json::Value::Object(_)) => Value::from_json(&json),
                        _ => plain.clone(),
                    }
                }
                _ => plain.clone(),
            };
            (k.clone(), decoded.secret_if(secret))
        })
        .collect()
}

/// CheckConfig: reports bad values by key and returns the config with secrets marked.
pub fn check(news: &PropertyMap) -> (PropertyMap, Vec<CheckFailure>) {
    let mut failures = Vec::new();
    let mut decoded = decode_strings(news);
    // The engine keeps the plugin version among provider inputs and expects it back.
    let version = decoded.remove("version");
    let mut found = validate::Findings::default();
    let mut checked = validate::object(CONFIG, None, &decoded, "", &mut found);
    failures.append(&mut found.failures);
    mark_secrets(CONFIG, &mut checked);
    let has = |k: &str| checked.contains_key(k);
    if has("accessKey") != has("secretKey") {
        let missing = if has("accessKey") {
            "secretKey"
        } else {
            "accessKey"
        };
        failures.push(CheckFailure::new(
            missing,
            "`accessKey` and `secretKey` must be set together (or neither, to use the standard AWS credential chain)",
        ));
    }
    if has("token") && !has("accessKey") {
        failures.push(CheckFailure::new(
            "token",
            "`token` needs `accessKey` and `secretKey`",
        ));
    }
    if let Some(v) = version {
        checked.insert("version".into(), v);
    }
    (checked, failures)
}

/// Secret rows come back secret, at any depth (`assumeRole.externalId`).
fn mark_secrets(props: &[Property], map: &mut PropertyMap) {
    for prop in props {
        let Some(value) = map.remove(prop.name) else {
            continue;
        };
        let value = match (prop.shape, value) {
            (_, v) if prop.secret => v.secret_if(true),
            (Shape::Object(fields), Value::Object(mut inner)) => {
                mark_secrets(fields, &mut inner);
                Value::Object(inner)
            }
            (_, v) => v,
        };
        map.insert(prop.name.to_string(), value);
    }
}

impl Config {
    /// Reads the config Configure receives (secrets revealed; unknown keys ignored, since
    /// CheckConfig has reported them already).
    pub fn from_map(args: &PropertyMap) -> Result<Config, Error> {
        let (checked, failures) = check(args);
        if let Some(f) = failures.first() {
            return Err(Error::Config(f.reason.clone()));
        }
        let text = |k: &str| checked.get(k).and_then(Value::as_str).map(str::to_string);
        let assume_role = checked
            .get("assumeRole")
            .map(Value::revealed)
            .and_then(|v| v.as_object().cloned())
            .map(|role| {
                let text = |k: &str| role.get(k).and_then(Value::as_str).map(str::to_string);
                AssumeRole {
                    role_arn: text("roleArn").unwrap_or_default(),
                    session_name: text("sessionName"),
                    external_id: text("externalId"),
                    duration_seconds: role
                        .get("durationSeconds")
                        .and_then(Value::as_f64)
                        .map(|n| n as u32),
                }
            });
        let number = |k: &str, default: u32| {
            checked
                .get(k)
                .and_then(Value::as_f64)
                .map_or(default, |n| n as u32)
        };
        Ok(Config {
            region: text("region"),
            profile: text("profile"),
            endpoint: text("endpoint"),
            access_key: text("accessKey"),
            secret_key: text("secretKey"),
            token: text("token"),
            max_retries: number("maxRetries", MAX_RETRIES_DEFAULT),
            pool_changes_per_second: number(
                "poolChangesPerSecond",
                POOL_CHANGES_PER_SECOND_DEFAULT,
            ),
            assume_role,
            strict_pool_references: checked
                .get("strictPoolReferences")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            reader: Reader::Provider,
        })
    }

    /// Builds the Cognito SDK clients (one per region, on first use). Nothing is called yet:
    /// credentials are resolved lazily at the first request.
    pub async fn clients(&self) -> Result<Regions, Error> {
        self.check_profile().await?;
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .retry_config(RetryConfig::standard().with_max_attempts(self.max_retries + 1));
        if let Some(region) = &self.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(profile) = &self.profile {
            loader = loader.profile_name(profile);
        }
        if let (Some(key), Some(secret)) = (&self.access_key, &self.secret_key) {
            let creds = Credentials::new(key, secret, self.token.clone(), None, "pulumi-config");
            loader = loader.credentials_provider(creds);
        }
        let sdk = loader.load().await;
        // No region is needed up front: each pool's id names its own.
        let fallback = sdk.region().map(|r| r.to_string());
        let mut base = aws_sdk_cognitoidentityprovider::config::Builder::from(&sdk)
            .retry_classifier(crate::cognito::retry::CognitoRetries);
        // Only Cognito's calls go to `endpoint`: STS (for `assumeRole` and the account) keeps
        // its own (`AWS_ENDPOINT_URL_STS`, or AWS's).
        if let Some(endpoint) = &self.endpoint {
            base = base.endpoint_url(endpoint);
        }
        // GetCallerIdentity is global: any region answers for the account.
        let mut sts = aws_sdk_sts::config::Builder::from(&sdk)
            .retry_config(RetryConfig::standard().with_max_attempts(2));
        if sdk.region().is_none() {
            sts = sts.region(Region::new("us-east-1"));
        }
        if let Some(role) = &self.assume_role {
            // One provider (and one cache partition in the shared identity cache) for both, so
            // the account is the assumed role's and the role is assumed once, not per client.
            let role = SharedCredentialsProvider::new(
                AssumedRole::new(role, &sdk)
                    .await
                    .set_by(self.reader.role_setting()),
            );
            base.set_credentials_provider(Some(role.clone()));
            sts.set_credentials_provider(Some(role));
        }
        let account = Account::new(aws_sdk_sts::Client::from_conf(sts.build()));
        Ok(
            Regions::new(base, fallback, self.endpoint_and_source(), account)
                .worded(self.reader.wording()),
        )
    }

    /// A named profile must exist: the AWS SDK would otherwise go on with other credentials
    /// (perhaps another account's from the environment) without a word.
    async fn check_profile(&self) -> Result<(), Error> {
        let (name, source) = match (&self.profile, std::env::var("AWS_PROFILE")) {
            (Some(p), _) => (p.clone(), self.reader.names("profile")),
            (None, Ok(p)) if !p.is_empty() => (p, "AWS_PROFILE".to_string()),
            _ => return Ok(()),
        };
        let files = [
            ("AWS_CONFIG_FILE", "~/.aws/config"),
            ("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"),
        ]
        .map(|(var, default)| std::env::var(var).unwrap_or_else(|_| default.to_string()))
        .join(" and ");
        let loaded = aws_config::profile::load(
            &aws_types::os_shim_internal::Fs::real(),
            &aws_types::os_shim_internal::Env::real(),
            &aws_runtime::env_config::file::EnvConfigFiles::default(),
            Some(name.clone().into()),
        )
        .await;
        match loaded {
            Ok(set) if set.get_profile(&name).is_some() => Ok(()),
            Ok(set) => {
                let mut known: Vec<&str> = set.profiles().collect();
                known.sort_unstable();
                let known = if known.is_empty() {
                    "they have none".to_string()
                } else {
                    format!("they have {}", known.join(", "))
                };
                Err(Error::Config(format!(
                    "the AWS profile {name:?} (from {source}) is not in {files}; {known}"
                )))
            }
            Err(e) => Err(Error::Config(format!(
                "the AWS profile {name:?} (from {source}) cannot be read from {files}: {e}"
            ))),
        }
    }

    /// The custom endpoint, if any, and what set it: the configuration, or the environment
    /// variables the AWS SDK reads.
    fn endpoint_and_source(&self) -> Option<(String, String)> {
        if let Some(url) = &self.endpoint {
            return Some((url.clone(), self.reader.names("endpoint")));
        }
        [
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            "AWS_ENDPOINT_URL",
        ]
        .into_iter()
        .find_map(|var| {
            let url = std::env::var(var).ok().filter(|v| !v.is_empty())?;
            Some((url, var.to_string()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::map_of as map;

    #[test]
    fn json_encoded_numbers_are_accepted_and_bad_values_reported_by_key() {
        let (checked, failures) = check(&map(&[
            ("maxRetries", Value::string("5")),
            ("version", Value::string("0.2.0")),
        ]));
        assert!(failures.is_empty(), "{failures:?}");
        assert_eq!(checked["maxRetries"], Value::Number(5.0));
        assert_eq!(checked["version"], Value::string("0.2.0"));
        let (_, failures) = check(&map(&[
            ("maxRetries", Value::string("many")),
            ("endpoint", Value::string("localhost:5000")),
        ]));
        let keys: Vec<_> = failures.iter().map(|f| f.property.as_str()).collect();
        assert_eq!(keys, ["endpoint", "maxRetries"]);
    }

    #[test]
    fn unknown_keys_and_half_credentials_are_reported() {
        let (_, failures) = check(&map(&[
            ("regoin", Value::string("us-east-1")),
            ("accessKey", Value::string("AKIA")),
        ]));
        let keys: Vec<_> = failures.iter().map(|f| f.property.as_str()).collect();
        assert_eq!(keys, ["regoin", "secretKey"]);
        assert!(failures[0].reason.contains("did you mean `region`?"));
    }

    #[test]
    fn secret_keys_come_back_secret_and_never_print() {
        let (checked, _) = check(&map(&[
            ("accessKey", Value::string("AKIA")),
            ("secretKey", Value::string("hunter2")),
        ]));
        assert!(checked["secretKey"].contains_secret());
        let config = Config::from_map(&checked).unwrap_or_default();
        assert_eq!(config.secret_key.as_deref(), Some("hunter2"));
        assert!(!format!("{config:?}").contains("hunter2"));
    }

    #[test]
    fn assume_role_is_read_from_json_text_and_its_rules_are_checked() {
        let role = r#"{"roleArn":"arn:aws:iam::123456789012:role/deploy","sessionName":"ci","externalId":"tenant-7","durationSeconds":3600}"#;
        let (checked, failures) = check(&map(&[("assumeRole", Value::string(role))]));
        assert!(failures.is_empty(), "{failures:?}");
        let object = checked["assumeRole"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        assert!(object["externalId"].contains_secret());
        assert!(!object["roleArn"].contains_secret());
        let config = Config::from_map(&checked).unwrap_or_default();
        assert_eq!(
            config.assume_role,
            Some(AssumeRole {
                role_arn: "arn:aws:iam::123456789012:role/deploy".into(),
                session_name: Some("ci".into()),
                external_id: Some("tenant-7".into()),
                duration_seconds: Some(3600),
            })
        );
        assert!(!format!("{config:?}").contains("tenant-7"));
        assert!(format!("{config:?}").contains("arn:aws:iam::123456789012:role/deploy"));

        let bad =
            r#"{"roleArn":"arn:aws:iam::1234:user/deploy","durationSeconds":60,"sesionName":"x"}"#;
        let (_, failures) = check(&map(&[("assumeRole", Value::string(bad))]));
        let keys: Vec<_> = failures.iter().map(|f| f.property.as_str()).collect();
        assert_eq!(
            keys,
            [
                "assumeRole.durationSeconds",
                "assumeRole.roleArn",
                "assumeRole.sesionName"
            ],
            "{failures:?}"
        );
        assert!(failures[0].reason.contains("900"), "{failures:?}");
        let (_, failures) = check(&map(&[("assumeRole", Value::string("{}"))]));
        assert_eq!(failures[0].property, "assumeRole.roleArn");
        assert!(failures[0].reason.contains("required"));
        let (_, failures) = check(&map(&[(
            "assumeRole",
            Value::string("arn:aws:iam::123456789012:role/x"),
        )]));
        assert_eq!(failures[0].property, "assumeRole");
    }
}
