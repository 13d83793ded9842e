//! The Pulumi protocol layer: gRPC service, value codec, status mapping and the process
//! contract. It knows nothing of Cognito; `crate::provider` does the work.

pub mod args;
pub mod codec;
mod engine_log;
mod failures;
pub mod proto;
pub mod serve;
pub mod server;
pub mod status;
