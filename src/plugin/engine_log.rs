//! Messages for the user, sent through the engine's `Log` RPC: a plugin's own stderr is only
//! shown at debug verbosity.

use std::sync::Mutex;
use std::time::Duration;

use tonic::transport::Endpoint;

use super::proto::pulumirpc::{LogRequest, LogSeverity, engine_client::EngineClient};

#[derive(Default)]
pub struct EngineLog {
    address: Mutex<Option<String>>,
}

impl EngineLog {
    /// Remembers the engine's address (from the command line, Handshake or Attach).
    pub fn set_address(&self, address: &str) {
        if let Ok(mut a) = self.address.lock() {
            *a = Some(address.to_string());
        }
    }

    /// Shows a warning about the resource `urn` (or the deployment, when empty). Logging must
    /// never fail or slow down the operation, so the message is sent in the background and
    /// dropped if the engine is gone.
    pub fn warn(&self, urn: &str, message: String) {
        tracing::warn!(urn, "{message}");
        let Some(address) = self.address.lock().ok().and_then(|a| a.clone()) else {
            return;
        };
        let request = LogRequest {
            severity: LogSeverity::Warning as i32,
            message,
            urn: urn.to_string(),
            stream_id: 0,
            ephemeral: false,
        };
        tokio::spawn(async move {
            let send = async {
                let endpoint = Endpoint::from_shared(format!("http://{address}")).ok()?;
                let mut client = EngineClient::connect(endpoint).await.ok()?;
                client.log(request).await.ok()
            };
            if tokio::time::timeout(Duration::from_secs(5), send)
                .await
                .is_err()
            {
                tracing::debug!("the engine did not take a log message within 5s");
            }
        });
    }
}

/// The provider's progress reports, shown by the engine as warnings of the deployment: they say
/// why an operation is slow (an unreachable endpoint, retries), which the user must see.
pub struct EngineProgress(pub std::sync::Arc<EngineLog>);

impl crate::resource::Progress for EngineProgress {
    fn report(&self, message: &str) {
        self.0.warn("", message.to_string());
    }
}
