//! Why a migration cannot be planned or written.

/// Why a migration cannot be planned.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("the export cannot be read: {0}")]
    Export(String),
    #[error("{0}")]
    Client(String),
    #[error("{0}")]
    Nothing(String),
    #[error("{0}")]
    Output(String),
}
