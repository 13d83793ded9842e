//! How the service tells the user about a slow operation while it goes on.

/// Where the provider tells the user how a slow operation is going (the engine's log), such as
/// "cannot reach Cognito (attempt 1 of 3)": never silent for tens of seconds.
pub trait Progress: Send + Sync {
    fn report(&self, message: &str);
}

/// Progress nobody sees (tests, benchmarks, a provider without an engine).
pub struct Silent;

impl Progress for Silent {
    fn report(&self, message: &str) {
        tracing::info!("{message}");
    }
}
