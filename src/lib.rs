//! `pulumi-resource-cognito`: a Pulumi native provider for Amazon Cognito user pool app
//! clients.
//!
//! Layers, lowest first; each module uses only its own layer and those beneath it, and no two
//! modules use each other (tests/layers.rs checks both):
//!
//! - `value`: the neutral property values (Pulumi's model without its wire types).
//! - `cognito`: the Cognito service: SDK clients per region, credentials and assume-role,
//!   retries and failure classes, pacing, the calls, and the recovery primitives. It knows
//!   nothing of Pulumi or of any one resource.
//! - `resource` (requests, answers, property tables, validation, diffs) and `error`: the
//!   machinery every resource is written in.
//! - The resources and features: `user_pool_client`, `client_secret`, and `discovery` (the
//!   functions and `import-pool`'s adoption).
//! - `config`, `provider`, `schema`, `import_pool`, `migrate`: the provider as a whole, and
//!   its subcommands.
//! - `plugin`: Pulumi's gRPC protocol, the only place that knows tonic and prost.

pub mod client_secret;
pub mod cognito;
pub mod config;
pub mod discovery;
pub mod error;
pub mod import_pool;
pub mod migrate;
pub mod plugin;
pub mod provider;
pub mod resource;
pub mod schema;
pub mod user_pool_client;
pub mod value;

/// The provider's version: Cargo.toml's, or the release's `PULUMI_COGNITO_VERSION` (build.rs).
pub const VERSION: &str = env!("PROVIDER_VERSION");
