//! The command line the engine starts the plugin with:
//! `[--logtostderr] [-v=N] [--tracing ADDR] [ENGINE_ADDRESS]`. Unknown flags are ignored, so a
//! newer engine's extra flags never stop the plugin from starting.

#[derive(Debug, Default, PartialEq)]
pub struct Args {
    pub version: bool,
    /// Print the package schema and exit (used by `make schema`).
    pub schema: bool,
    pub verbosity: u32,
    pub tracing: Option<String>,
    /// The engine's gRPC address; absent when a developer starts the plugin to attach to.
    pub engine: Option<String>,
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Args {
    let mut out = Args::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if arg.starts_with('-') => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        match flag.trim_start_matches('-') {
            _ if !flag.starts_with('-') => out.engine = Some(arg),
            "version" => out.version = true,
            "schema" => out.schema = true,
            "v" => {
                let value = inline.or_else(|| args.next());
                out.verbosity = value.and_then(|v| v.parse().ok()).unwrap_or(0);
            }
            "tracing" => out.tracing = inline.or_else(|| args.next()),
            _ => {} // --logtostderr and flags of newer engines
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Args {
        parse(s.split_whitespace().map(String::from))
    }

    #[test]
    fn the_engines_arguments_are_understood() {
        let a = parse_str("--logtostderr -v=9 --tracing 127.0.0.1:9 127.0.0.1:4000");
        assert_eq!(a.verbosity, 9);
        assert_eq!(a.tracing.as_deref(), Some("127.0.0.1:9"));
        assert_eq!(a.engine.as_deref(), Some("127.0.0.1:4000"));
    }

    #[test]
    fn unknown_flags_are_ignored_and_no_address_means_attach_mode() {
        let a = parse_str("--some-new-flag --v 3");
        assert_eq!(
            a,
            Args {
                verbosity: 3,
                ..Args::default()
            }
        );
        assert!(parse_str("--version").version);
    }
}
