//! The plugin's process contract: listen on 127.0.0.1 only, print the port as the first and
//! only line on stdout, serve until SIGINT or SIGTERM, then finish in-flight calls briefly and
//! exit well within the engine's 5 seconds.

use std::io::Write;
use std::time::Duration;

use tokio::net::TcpListener;
use tonic::transport::server::TcpIncoming;

use super::proto::pulumirpc::resource_provider_server::ResourceProviderServer;
use super::server::Server;

/// Requests are small (a client's properties); a generous bound still stops a runaway message.
const MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;
/// How long in-flight calls may run on after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(3);

/// Binds 127.0.0.1 on a free port and prints the port: the engine reads this line to learn
/// where to connect. Done first, before the async runtime or logging exist, because the
/// engine waits for it on every `pulumi` command; connections queue in the listen backlog
/// until `serve` accepts them.
pub fn listen() -> std::io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{port}")?;
    stdout.flush()?;
    Ok(listener)
}

/// Serves the provider on `listener` until SIGINT or SIGTERM. (The engine signals only when it
/// shuts the plugin down, after it has talked to it, so handlers are in place by then.)
pub async fn serve(listener: std::net::TcpListener, server: Server) -> std::io::Result<()> {
    let shutdown = shutdown_signal()?;
    // Without TCP_NODELAY, small gRPC frames wait for delayed ACKs: tens of ms per call.
    let incoming = TcpIncoming::from(TcpListener::from_std(listener)?).with_nodelay(Some(true));

    let service = ResourceProviderServer::new(server)
        .max_decoding_message_size(MAX_MESSAGE_BYTES)
        .max_encoding_message_size(MAX_MESSAGE_BYTES);
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming_shutdown(incoming, async {
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

/// SIGTERM or SIGINT: the engine's request to stop (it cancels first, then signals).
#[cfg(unix)]
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

/// Windows has no SIGTERM (the engine ends a plugin there by terminating the process); Ctrl+C
/// and Ctrl+Break, as a console sends them, stop the server gracefully.
#[cfg(windows)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::windows::{ctrl_break, ctrl_c};
    let mut c = ctrl_c()?;
    let mut brk = ctrl_break()?;
    Ok(async move {
        tokio::select! {
            _ = c.recv() => {}
            _ = brk.recv() => {}
        }
    })
}
