//! The plugin binary the Pulumi engine starts. See `plugin::serve` for the process contract.

use pulumi_resource_cognito::plugin::{args, serve, server::Server};
use tracing_subscriber::EnvFilter;

fn main() -> std::process::ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("import-pool") {
        return import_pool(&argv[1..]);
    }
    if argv.first().map(String::as_str) == Some("migrate") {
        return migrate(&argv[1..]);
    }
    let args = args::parse(argv);
    if args.version {
        println!("{}", pulumi_resource_cognito::VERSION);
        return std::process::ExitCode::SUCCESS;
    }
    if args.schema {
        print!("{}", pulumi_resource_cognito::schema::json());
        return std::process::ExitCode::SUCCESS;
    }
    let listener = match serve::listen() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("pulumi-resource-cognito: cannot listen on 127.0.0.1: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    init_logging(args.verbosity);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("pulumi-resource-cognito: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let server = Server::new(args.engine.as_deref());
    match runtime.block_on(serve::serve(listener, server)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pulumi-resource-cognito: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// A subcommand's parsed arguments; or the usage (asked for: success) or the mistake and the
/// usage (status 2), as the exit status.
fn arguments<T>(
    name: &str,
    usage: &str,
    parsed: Result<T, String>,
) -> Result<T, std::process::ExitCode> {
    match parsed {
        Ok(req) => Ok(req),
        Err(e) if e.is_empty() => {
            println!("{usage}");
            Err(std::process::ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{name}: {e}\n\n{usage}");
            Err(std::process::ExitCode::from(2))
        }
    }
}

/// `import-pool`: the import document on stdout or in `--out`, what to do next on stderr.
fn import_pool(argv: &[String]) -> std::process::ExitCode {
    use pulumi_resource_cognito::import_pool::{USAGE, may_write, parse, run};
    let req = match arguments("import-pool", USAGE, parse(argv)) {
        Ok(req) => req,
        Err(code) => return code,
    };
    if let Err(why) = may_write(&req) {
        eprintln!("import-pool: {why}");
        return std::process::ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("import-pool: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let (text, count) = match runtime.block_on(run(&req)) {
        Ok(done) => done,
        Err(e) => {
            eprintln!("import-pool: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match &req.out {
        None => print!("{text}"),
        Some(path) => {
            if let Err(e) = std::fs::write(path, &text) {
                eprintln!("import-pool: cannot write {path}: {e}");
                return std::process::ExitCode::FAILURE;
            }
            eprintln!(
                "import-pool: wrote {count} client(s) of {} to {path}; next, in the program's directory: pulumi import --file {path} --generate-code --out <program file>",
                req.user_pool_id
            );
        }
    }
    std::process::ExitCode::SUCCESS
}

/// `migrate`: plans moving a stack's app clients from pulumi-aws or aws-native; writes the
/// plan's files and says what to do next on stderr.
fn migrate(argv: &[String]) -> std::process::ExitCode {
    use pulumi_resource_cognito::migrate::{USAGE, parse, plan, write};
    use std::io::Read;
    let req = match arguments("migrate", USAGE, parse(argv)) {
        Ok(req) => req,
        Err(code) => return code,
    };
    let text = match &req.export {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}")),
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map(|_| text)
                .map_err(|e| format!("cannot read standard input: {e}"))
        }
    };
    let planned = match text.map(|t| plan(&t, req.pool.as_deref())) {
        Ok(Ok(planned)) => planned,
        Ok(Err(e)) => {
            eprintln!("migrate: {e}");
            return std::process::ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("migrate: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match write(&req.out, &planned, req.force) {
        Ok(paths) => {
            let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            eprintln!(
                "migrate: planned {} client(s): wrote {}. Nothing has changed yet: read the report, then follow docs/migrating.md (first: pulumi import --file {} --generate-code --out <file>)",
                planned.clients,
                shown.join(", "),
                shown.first().map(String::as_str).unwrap_or("import.json")
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("migrate: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr (stdout carries the port). `RUST_LOG` wins; otherwise the engine's
/// `-v=N` raises this crate's level only, so verbose runs never turn on the HTTP stack's
/// wire logs.
fn init_logging(verbosity: u32) {
    let level = match verbosity {
        0 => "warn",
        1..=3 => "info",
        4..=6 => "debug",
        _ => "trace",
    };
    // aws-config's own warnings (each credential source that failed, a refused assume-role as
    // a debug dump) repeat what the provider reports as one sentence: errors only, unless asked.
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new(format!(
            "warn,aws_config=error,pulumi_resource_cognito={level}"
        ))
    });
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .with_ansi(false)
        .init();
}
