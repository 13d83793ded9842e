//! Compiles the project's own Pulumi protocol files with protox (pure Rust, so no system
//! `protoc`) and generates the tonic server (ResourceProvider) and client (Engine) code.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    version()?;
    let files = [
        "proto/pulumi/provider.proto",
        "proto/pulumi/engine.proto",
        "proto/google/rpc/status.proto",
    ];
    for file in &files {
        println!("cargo:rerun-if-changed={file}");
    }
    println!("cargo:rerun-if-changed=proto/pulumi/plugin.proto");
    let descriptors = protox::compile(files, ["proto"])?;
    // Kept for tests/wire_compat.rs, which compares it with the engine's own descriptors.
    let out_dir = std::env::var("OUT_DIR")?;
    std::fs::write(
        format!("{out_dir}/pulumirpc.fds.bin"),
        prost::Message::encode_to_vec(&descriptors),
    )?;
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .compile_fds(descriptors)?;
    Ok(())
}

/// The provider's version: Cargo.toml's, unless a release sets PULUMI_COGNITO_VERSION
/// (`VERSION=0.2.0 make dist`). The binary's `--version`, GetPluginInfo and the schema all read
/// `PROVIDER_VERSION`, so they cannot disagree.
fn version() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed=PULUMI_COGNITO_VERSION");
    let version = match std::env::var("PULUMI_COGNITO_VERSION") {
        Ok(v) if !v.is_empty() => {
            let plain = v.strip_prefix('v').unwrap_or(&v);
            let semver = plain.split(['-', '+']).next().unwrap_or_default();
            let parts: Vec<&str> = semver.split('.').collect();
            if parts.len() != 3
                || parts
                    .iter()
                    .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
            {
                return Err(format!(
                    "PULUMI_COGNITO_VERSION={v:?} is not a semantic version such as 0.2.0"
                )
                .into());
            }
            plain.to_string()
        }
        _ => std::env::var("CARGO_PKG_VERSION")?,
    };
    println!("cargo:rustc-env=PROVIDER_VERSION={version}");
    Ok(())
}
