//! `pulumi-resource-cognito`: a Pulumi native provider for the Amazon Cognito user pool app
//! client.
//!
//! Two layers meet in `provider`: `plugin` speaks Pulumi's gRPC protocol (and nothing of
//! AWS), `user_pool_client` is the resource (and nothing of gRPC). Both share the neutral
//! `value` model and the property `table`s that drive validation, diffs and the schema.

pub mod assume_role;
pub mod client_secret;
pub mod config;
pub mod diff;
pub mod error;
pub mod import_pool;
pub mod model;
pub mod plugin;
pub mod provider;
pub mod resource;
pub mod retry;
pub mod schema;
pub mod table;
pub mod user_pool_client;
pub mod validate;
pub mod value;

/// The provider's version: Cargo.toml's, or the release's `PULUMI_COGNITO_VERSION` (build.rs).
pub const VERSION: &str = env!("PROVIDER_VERSION");
