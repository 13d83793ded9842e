//! The plugin binary the Pulumi engine starts. See `plugin::serve` for the process contract.

use pulumi_resource_cognito::plugin::{args, serve, server::Server};
use tracing_subscriber::EnvFilter;

fn main() -> std::process::ExitCode {
    let args = args::parse(std::env::args().skip(1));
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
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("warn,pulumi_resource_cognito={level}")));
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .with_ansi(false)
        .init();
}
