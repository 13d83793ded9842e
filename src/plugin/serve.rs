//! The plugin's process contract: listen on 127.0.0.1 only, print the port as the first and
//! only line on stdout, serve until SIGINT or SIGTERM, then finish in-flight calls briefly and
//! exit well within the engine's 5 seconds.

use std::io::Write;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;

use super::proto::pulumirpc::resource_provider_server::ResourceProviderServer;
use super::server::Server;

/// Requests are small (a client's properties); a generous bound still stops a runaway message.
const MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;
/// How long in-flight calls may run on after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(3);

pub async fn serve(server: Server) -> std::io::Result<()> {
    // Handlers first: the engine may signal as soon as it has read the port.
    let shutdown = shutdown_signal()?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    // The handshake: the engine reads this line to learn where to connect.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{port}")?;
    stdout.flush()?;
    drop(stdout);

    let service = ResourceProviderServer::new(server)
        .max_decoding_message_size(MAX_MESSAGE_BYTES)
        .max_encoding_message_size(MAX_MESSAGE_BYTES);
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming_shutdown(TcpListenerStream::new(listener), async {
                let _ = stop_rx.await;
            }),
    );
    shutdown.await;
    tracing::debug!("shutting down");
    let _ = stop_tx.send(());
    match tokio::time::timeout(DRAIN, serving).await {
        Ok(Ok(Err(e))) => tracing::warn!("gRPC server stopped with an error: {e}"),
        Err(_) => tracing::warn!("in-flight calls did not finish within {DRAIN:?}; exiting"),
        _ => {}
    }
    Ok(())
}

fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
    })
}
