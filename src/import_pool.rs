//! `pulumi-resource-cognito import-pool`: writes the `pulumi import --file` document for every
//! app client of a user pool, so that a pool of hand-made clients comes under management in
//! one step (`pulumi import --file clients.json`, which also generates the program's code).
//!
//! AWS settings come from the usual places (environment, profiles, SSO) or the flags, as the
//! provider's configuration would give them; `--role-arn` assumes a role first, as
//! `assumeRole` does, to adopt a pool in another account.

use std::sync::Arc;

use crate::cognito::Cognito;
use crate::config::{AssumeRole, Config, MAX_RETRIES_DEFAULT, Reader};
use crate::discovery::{adopt, list};
use crate::error::Error;
use crate::resource::Progress;
use crate::value::{PropertyMap, Value};

pub const USAGE: &str = "usage: pulumi-resource-cognito import-pool <userPoolId> [--out FILE [--force]] [--region REGION] [--profile PROFILE] [--role-arn ARN] [--endpoint URL]

Writes a `pulumi import --file` document for every app client of the user pool, named after
the clients, to standard output or to FILE (which must not exist, unless --force). AWS
credentials are read the standard way: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a
profile (--profile or AWS_PROFILE), SSO, or instance or container credentials. Then, in the
program's directory:

    pulumi import --file FILE --generate-code --out <program file>";

#[derive(Debug, Default, PartialEq)]
pub struct Request {
    pub user_pool_id: String,
    pub out: Option<String>,
    /// Whether an existing `out` may be overwritten.
    pub force: bool,
    pub config: Config,
}

/// The subcommand's arguments (after `import-pool`); an unknown flag is an error here, unlike
/// the engine's command line: a typo must not silently read another account's pool.
pub fn parse(args: &[String]) -> Result<Request, String> {
    let mut req = Request {
        config: Config {
            max_retries: MAX_RETRIES_DEFAULT,
            reader: Reader::ImportPool,
            ..Config::default()
        },
        ..Request::default()
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if arg.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag {
            "--out" | "-o" => req.out = Some(value()?),
            "--force" | "-f" => req.force = true,
            "--region" => req.config.region = Some(value()?),
            "--profile" => req.config.profile = Some(value()?),
            "--endpoint" => req.config.endpoint = Some(value()?),
            "--role-arn" => {
                req.config.assume_role = Some(AssumeRole {
                    role_arn: value()?,
                    session_name: Some("pulumi-cognito-import-pool".into()),
                    ..AssumeRole::default()
                })
            }
            "--help" | "-h" => return Err(String::new()),
            f if f.starts_with('-') => return Err(format!("unknown flag {f}")),
            pool if req.user_pool_id.is_empty() => req.user_pool_id = pool.to_string(),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    if req.user_pool_id.is_empty() {
        return Err("the user pool id is missing".into());
    }
    if req.force && req.out.is_none() {
        return Err("--force only applies with --out FILE".into());
    }
    if let Some(role) = &req.config.assume_role {
        let arn = Value::string(role.role_arn.as_str());
        let (_, failures) = crate::config::check(&PropertyMap::from([(
            "assumeRole".to_string(),
            Value::Object(PropertyMap::from([("roleArn".to_string(), arn)])),
        )]));
        if let Some(f) = failures.first() {
            return Err(format!("--role-arn: {}", f.reason));
        }
    }
    if !crate::cognito::model::valid("UserPoolIdType", &req.user_pool_id) {
        return Err(format!(
            "{:?} is not a user pool id (such as us-east-1_AbCdEf123)",
            req.user_pool_id
        ));
    }
    Ok(req)
}

/// Refuses to overwrite an existing `--out` file without `--force`: checked before anything is
/// listed, so a mistaken path costs nothing (an earlier document may hold edited names).
pub fn may_write(req: &Request) -> Result<(), String> {
    match &req.out {
        Some(path) if !req.force && std::path::Path::new(path).exists() => Err(format!(
            "{path} already exists; pass --force to overwrite it, or choose another --out"
        )),
        _ => Ok(()),
    }
}

/// Slow or retried calls are said on stderr, as the provider says them to the engine.
struct Stderr;

impl Progress for Stderr {
    fn report(&self, message: &str) {
        eprintln!("import-pool: {message}");
    }
}

/// Lists the pool's clients and returns the import document (pretty JSON) and how many
/// clients it names.
pub async fn run(req: &Request) -> Result<(String, usize), Error> {
    let cognito = Cognito::new(
        req.config.clients().await?,
        0,
        req.config.max_retries,
        Arc::new(Stderr),
    );
    let pool = &req.user_pool_id;
    let clients = list::clients_of(&cognito, pool).await?;
    let doc = adopt::import_file(pool, &clients);
    let mut text = serde_json::to_string_pretty(&doc)
        .map_err(|e| Error::Internal(format!("the import document: {e}")))?;
    text.push('\n');
    Ok((text, clients.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn flags_are_read_and_mistakes_refused() {
        let req =
            parse(&args("us-east-1_Abc123 --out f.json --region=eu-west-1")).unwrap_or_default();
        assert_eq!(req.user_pool_id, "us-east-1_Abc123");
        assert_eq!(req.out.as_deref(), Some("f.json"));
        assert_eq!(req.config.region.as_deref(), Some("eu-west-1"));
        assert_eq!(
            parse(&args("us-east-1_Abc123 --regoin x")),
            Err("unknown flag --regoin".into())
        );
        assert!(parse(&args("--out f.json")).is_err());
        assert!(parse(&args("not-a-pool")).is_err_and(|e| e.contains("not a user pool id")));
        assert!(parse(&args("us-east-1_Abc123 --out")).is_err_and(|e| e.contains("needs a value")));
        assert!(parse(&args("us-east-1_Abc123 --force")).is_err_and(|e| e.contains("--out")));
        assert!(
            parse(&args("us-east-1_Abc123 --out f.json --force")).is_ok_and(|r| r.force),
            "--force is read"
        );
        let role = parse(&args(
            "us-east-1_Abc123 --role-arn arn:aws:iam::123456789012:role/reader",
        ))
        .unwrap_or_default();
        assert_eq!(
            role.config.assume_role.map(|r| r.role_arn).as_deref(),
            Some("arn:aws:iam::123456789012:role/reader")
        );
        assert!(
            parse(&args("us-east-1_Abc123 --role-arn reader"))
                .is_err_and(|e| e.starts_with("--role-arn: ") && e.contains("roleArn"))
        );
    }

    #[test]
    fn an_existing_out_file_is_kept_unless_forced() {
        let dir = std::env::temp_dir().join(format!("import-pool-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let file = dir.join("clients.json");
        let path = file.to_string_lossy().to_string();
        let req = |force: bool| Request {
            user_pool_id: "us-east-1_Abc123".into(),
            out: Some(path.clone()),
            force,
            config: Config::default(),
        };
        assert_eq!(may_write(&req(false)), Ok(()), "a new file may be written");
        std::fs::write(&file, "edited").unwrap_or_else(|e| panic!("{e}"));
        assert!(
            may_write(&req(false))
                .is_err_and(|e| e.contains("already exists") && e.contains("--force"))
        );
        assert_eq!(may_write(&req(true)), Ok(()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn messages_name_the_flags_import_pool_reads_not_the_providers_keys() {
        let req = parse(&args("us-east-1_Abc123")).unwrap_or_default();
        let reader = req.config.reader;
        assert_eq!(reader.names("endpoint"), "`--endpoint`");
        assert_eq!(reader.names("profile"), "`--profile`");
        assert_eq!(Reader::Provider.names("endpoint"), "`cognito:endpoint`");
    }
}
