//! `pulumi-resource-cognito migrate`: moves a stack's app clients from pulumi-aws or aws-native
//! to this provider with nothing recreated. It reads a `pulumi stack export` and writes, for the
//! user to review before anything changes, the `pulumi import --file` document, the `pulumi
//! state delete` commands and a report (see docs/migrating.md for the whole path). It never
//! calls Pulumi or Cognito.

mod error;
pub mod export;
pub mod plan;
pub mod shapes;

use std::path::{Path, PathBuf};

pub use error::MigrateError;
use plan::{Naming, import_file, moves, report, state_removals, unused_providers};
use shapes::Source;

pub const USAGE: &str =
    "usage: pulumi-resource-cognito migrate [EXPORT] [--out DIR] [--pool USER_POOL_ID] [--force]

Reads EXPORT (the output of `pulumi stack export`; standard input when it is `-` or left out)
and writes into DIR (default: cognito-migration), for you to review before anything changes:
  import.json      for `pulumi import --file`, one UserPoolClient per pulumi-aws or aws-native
                   app client of the stack, with the same logical names
  state-delete.sh  the `pulumi state delete` commands that then drop the old resources from the
                   state (the clients stay in Cognito)
  report.md        per client, the old and the new property values, and what does not carry
                   over
--pool moves only the clients of that user pool and names them from their client names, as
`import-pool` does. --force overwrites files DIR already has. See docs/migrating.md.";

#[derive(Debug, Default, PartialEq)]
pub struct Request {
    /// The export file; `None` for standard input.
    pub export: Option<String>,
    pub out: PathBuf,
    pub pool: Option<String>,
    pub force: bool,
}

/// The subcommand's arguments (after `migrate`); `Err("")` asks for the usage.
pub fn parse(args: &[String]) -> Result<Request, String> {
    let mut req = Request {
        out: PathBuf::from("cognito-migration"),
        ..Request::default()
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--out" => req.out = PathBuf::from(value("--out")?),
            "--pool" => req.pool = Some(value("--pool")?),
            "--force" => req.force = true,
            "-" if req.export.is_none() => {}
            flag if flag.starts_with('-') => return Err(format!("unknown flag {flag}")),
            file if req.export.is_none() => req.export = Some(file.to_string()),
            extra => return Err(format!("one export at a time: {extra:?} is a second")),
        }
    }
    Ok(req)
}

/// The three files, and how many clients they move.
#[derive(Debug)]
pub struct Planned {
    pub import: String,
    pub removals: String,
    pub report: String,
    pub clients: usize,
}

/// Plans the migration of an export's text.
pub fn plan(text: &str, pool: Option<&str>) -> Result<Planned, MigrateError> {
    let all = export::parse(text)?;
    let mut found = Vec::new();
    for r in &all {
        let Some(source) = Source::of(&r.kind) else {
            continue;
        };
        let client = shapes::client(source, r)
            .map_err(|why| MigrateError::Client(format!("{} cannot be moved: {why}", r.urn)))?;
        if pool.is_some_and(|p| p != client.user_pool_id) {
            continue;
        }
        found.push((r.clone(), client));
    }
    if found.is_empty() {
        return Err(MigrateError::Nothing(match pool {
            Some(p) => format!(
                "the export has no pulumi-aws or aws-native app client of user pool {p}"
            ),
            None => "the export has no pulumi-aws (`aws:cognito/userPoolClient:UserPoolClient`) or aws-native (`aws-native:cognito:UserPoolClient`) app client".into(),
        }));
    }
    let naming = match pool {
        Some(_) => Naming::ClientNames,
        None => Naming::Logical,
    };
    let moves = moves(&all, found, naming);
    let mut import = serde_json::to_string_pretty(&import_file(&moves))
        .map_err(|e| MigrateError::Output(format!("the import document: {e}")))?;
    import.push('\n');
    Ok(Planned {
        import,
        removals: state_removals(&moves, &unused_providers(&all, &moves)),
        report: report(&moves),
        clients: moves.len(),
    })
}

/// Writes the plan into `dir`, refusing to overwrite a file unless `force`.
pub fn write(dir: &Path, planned: &Planned, force: bool) -> Result<Vec<PathBuf>, MigrateError> {
    let files = [
        ("import.json", &planned.import),
        ("state-delete.sh", &planned.removals),
        ("report.md", &planned.report),
    ];
    let paths: Vec<PathBuf> = files.iter().map(|(name, _)| dir.join(name)).collect();
    if !force && let Some(existing) = paths.iter().find(|p| p.exists()) {
        return Err(MigrateError::Output(format!(
            "{} exists; move it away, or pass --force to overwrite it",
            existing.display()
        )));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| MigrateError::Output(format!("cannot create {}: {e}", dir.display())))?;
    for ((_, text), path) in files.iter().zip(&paths) {
        std::fs::write(path, text)
            .map_err(|e| MigrateError::Output(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AWS: &str = include_str!("../../tests/migrate/pulumi-aws-export.json");
    const NATIVE: &str = include_str!("../../tests/migrate/aws-native-export.json");

    fn import(p: &Planned) -> serde_json::Value {
        serde_json::from_str(&p.import).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn pulumi_aws_clients_keep_their_names_ids_and_parents() {
        let p = plan(AWS, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.clients, 5);
        let doc = import(&p);
        let names: Vec<&str> = doc["resources"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["name"].as_str())
            .collect();
        assert_eq!(names, ["web", "spa", "machine", "native", "backend"]);
        let resources = &doc["resources"];
        assert_eq!(resources[0]["type"], "cognito:index:UserPoolClient");
        assert_eq!(
            resources[0]["id"],
            "us-east-1_AbCdEf123/1example23456789web"
        );
        // The component parent is kept through the name table; the stack is no parent to keep.
        assert_eq!(resources[3]["parent"], "parent of native");
        assert_eq!(
            doc["nameTable"]["parent of native"],
            "urn:pulumi:dev::app::my:app:Auth::auth"
        );
        assert!(resources[0].get("parent").is_none());
        // No provider reference: the old ones are AWS providers.
        assert!(
            resources
                .as_array()
                .into_iter()
                .flatten()
                .all(|r| r.get("provider").is_none())
        );
    }

    #[test]
    fn nested_blocks_are_read_as_objects_or_one_element_lists() {
        let p = plan(AWS, None).unwrap_or_else(|e| panic!("{e}"));
        // `spa` has list-shaped blocks, `web` an object-shaped one: both read as objects here.
        for expected in [
            "| `tokenValidityUnits` | `{\"accessToken\":\"minutes\",\"idToken\":\"minutes\",\"refreshToken\":\"days\"}` | `tokenValidityUnits` |",
            "| `tokenValidityUnits` | `{\"accessToken\":\"hours\",\"idToken\":\"hours\",\"refreshToken\":\"days\"}` | `tokenValidityUnits` | `[{",
            "| `analyticsConfiguration` | `{\"applicationId\":\"0123456789abcdef0123456789abcdef\",\"externalId\":\"ext\",\"roleArn\":\"arn:aws:iam::123456789012:role/pinpoint\",\"userDataShared\":false}` |",
            "| `allowedOAuthFlows` | `[\"code\"]` | `allowedOauthFlows` |",
            "| `clientName` | `web` | `name` |",
        ] {
            assert!(p.report.contains(expected), "{expected}\n{}", p.report);
        }
        // Unset settings (empty lists and strings, null blocks, lifetimes of 0) are not carried
        // over.
        assert!(!p.report.contains("`defaultRedirectUri`"), "{}", p.report);
        assert!(
            !p.report.contains("| `accessTokenValidity` | `0` |"),
            "{}",
            p.report
        );
    }

    #[test]
    fn dependents_providers_and_protection_are_named_and_never_dropped_from_the_state() {
        let p = plan(AWS, None).unwrap_or_else(|e| panic!("{e}"));
        let backend = "urn:pulumi:dev::app::aws:cognito/userPoolClient:UserPoolClient::backend";
        let secret =
            "urn:pulumi:dev::app::aws:secretsmanager/secretVersion:SecretVersion::backend-secret";
        assert!(
            p.report.contains(&format!("are read by {secret}")),
            "{}",
            p.report
        );
        assert!(
            p.report
                .contains("explicit provider `urn:pulumi:dev::app::pulumi:providers:aws::eu"),
            "{}",
            p.report
        );
        assert!(
            p.removals
                .contains(&format!("pulumi state delete --yes --force '{backend}'")),
            "{}",
            p.removals
        );
        assert!(
            p.removals
                .contains(&format!("# backend is used by {secret}")),
            "{}",
            p.removals
        );
        // The default provider still serves the pool: it stays. The `eu` one served only the
        // backend client: it goes last.
        assert!(!p.removals.contains("default_6_83_0"), "{}", p.removals);
        assert!(
            p.removals.trim_end().ends_with(
                "pulumi state delete --yes 'urn:pulumi:dev::app::pulumi:providers:aws::eu'"
            ),
            "{}",
            p.removals
        );
        // Dependents are re-pointed first, so their own state is never removed with the client.
        assert!(
            !p.removals.contains("--target-dependents"),
            "{}",
            p.removals
        );
        // Newest first: the last resource of the export is removed first.
        let first = p.removals.find("::backend'").unwrap_or(usize::MAX);
        let last = p.removals.find("::web'").unwrap_or(0);
        assert!(first < last, "{}", p.removals);
        // An encrypted secret is not needed and not an error; a shown one is never printed.
        assert!(!p.report.contains("backend-secret-value"), "{}", p.report);
        assert!(!p.import.contains("backend-secret-value"));
    }

    #[test]
    fn a_setting_the_state_keeps_secret_is_never_shown_even_when_the_export_reveals_it() {
        let mut doc: serde_json::Value = serde_json::from_str(AWS).unwrap_or_default();
        let plain = serde_json::json!({
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            "plaintext": "\"https://hidden.example.com/cb\""
        });
        doc["deployment"]["resources"][3]["outputs"]["defaultRedirectUri"] = plain;
        let p = plan(&doc.to_string(), None).unwrap_or_else(|e| panic!("{e}"));
        assert!(!p.report.contains("hidden.example.com"), "{}", p.report);
        assert!(
            p.report
                .contains("| `defaultRedirectUri` | [secret] | `defaultRedirectUri` | [secret] |"),
            "{}",
            p.report
        );
    }

    #[test]
    fn aws_native_ids_and_names_map_and_a_pool_can_be_chosen() {
        let p = plan(NATIVE, None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.clients, 3);
        let doc = import(&p);
        assert_eq!(doc["resources"][0]["name"], "portal");
        assert_eq!(
            doc["resources"][0]["id"],
            "eu-west-1_Zz9Yy8Xx7/2example98765portal"
        );
        assert!(p.report.contains("| `refreshTokenRotation` | `{\"feature\":\"ENABLED\",\"retryGracePeriodSeconds\":10}` |"), "{}", p.report);
        // aws-native's own outputs (`clientId`, `name`) are not reported as lost.
        assert!(!p.report.contains("no counterpart"), "{}", p.report);

        let one = plan(NATIVE, Some("us-east-1_Other1234")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(one.clients, 1);
        // --pool names the new resources from their client names, as import-pool does.
        assert_eq!(import(&one)["resources"][0]["name"], "otherApp");
    }

    #[test]
    fn what_is_not_an_export_is_refused_with_the_reason() {
        let err = |text: &str| {
            plan(text, None)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(err("not json").contains("not JSON"));
        assert!(err(r#"{"version": 2, "deployment": {}}"#).contains("version is 2"));
        assert!(err(r#"{"deployment": {}}"#).contains("no deployment `version`"));
        assert!(err(r#"{"version": 3, "deployment": {"resources": {}}}"#).contains("not a list"));
        assert!(err(r#"{"version": 3, "deployment": {}}"#).contains("has no pulumi-aws"));
        let no_pool = r#"{"version": 3, "deployment": {"resources": [{"urn": "urn:pulumi:s::p::aws:cognito/userPoolClient:UserPoolClient::c", "type": "aws:cognito/userPoolClient:UserPoolClient", "id": "abc", "outputs": {}}]}}"#;
        assert!(
            err(no_pool).contains("::c cannot be moved: its state has no `userPoolId`"),
            "{}",
            err(no_pool)
        );
        assert!(
            plan(AWS, Some("us-east-1_Nope"))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
                .contains("of user pool us-east-1_Nope")
        );
    }

    #[test]
    fn arguments_are_read_and_mistakes_refused() {
        let args = |s: &str| -> Vec<String> { s.split_whitespace().map(String::from).collect() };
        let req =
            parse(&args("export.json --out plan --pool us-east-1_X --force")).unwrap_or_default();
        assert_eq!(req.export.as_deref(), Some("export.json"));
        assert_eq!(req.out, PathBuf::from("plan"));
        assert_eq!(req.pool.as_deref(), Some("us-east-1_X"));
        assert!(req.force);
        assert_eq!(parse(&args("-")).map(|r| r.export), Ok(None));
        assert!(parse(&args("--outt x")).is_err_and(|e| e.contains("--outt")));
        assert!(parse(&args("a.json b.json")).is_err_and(|e| e.contains("second")));
        assert!(parse(&args("--pool")).is_err_and(|e| e.contains("needs a value")));
    }
}
