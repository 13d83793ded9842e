//! Compiles the project's own Pulumi protocol files with protox (pure Rust, so no system
//! `protoc`) and generates the tonic server (ResourceProvider) and client (Engine) code.
fn main() -> Result<(), Box<dyn std::error::Error>> {
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
