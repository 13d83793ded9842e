//! A stand-in for the engine's Engine service, which keeps the log messages the plugin sends.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use pulumi_resource_cognito::plugin::proto::pulumirpc as rpc;
use tonic::{Request, Response, Status};

#[derive(Clone, Default)]
pub struct FakeEngine {
    pub logs: Arc<Mutex<Vec<rpc::LogRequest>>>,
}

#[tonic::async_trait]
impl rpc::engine_server::Engine for FakeEngine {
    async fn log(&self, request: Request<rpc::LogRequest>) -> Result<Response<()>, Status> {
        if let Ok(mut logs) = self.logs.lock() {
            logs.push(request.into_inner());
        }
        Ok(Response::new(()))
    }
}

impl FakeEngine {
    /// The messages received so far.
    pub fn messages(&self) -> Vec<String> {
        self.logs
            .lock()
            .map(|l| l.iter().map(|r| r.message.clone()).collect())
            .unwrap_or_default()
    }

    /// Waits up to five seconds for a message that satisfies `wanted`.
    pub async fn wait_for(
        &self,
        wanted: impl Fn(&rpc::LogRequest) -> bool,
    ) -> Option<rpc::LogRequest> {
        for _ in 0..100 {
            let found = self
                .logs
                .lock()
                .ok()
                .and_then(|l| l.iter().find(|r| wanted(r)).cloned());
            if found.is_some() {
                return found;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }
}

/// An engine stand-in listening on loopback, and its address for the plugin's argument.
pub async fn fake_engine() -> (FakeEngine, String) {
    let engine = FakeEngine::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("{e}"))
        .to_string();
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(rpc::engine_server::EngineServer::new(engine.clone()))
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener)),
    );
    (engine, address)
}
