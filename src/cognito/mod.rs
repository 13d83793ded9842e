//! The Cognito service: everything the provider knows of Amazon Cognito, and nothing of Pulumi
//! or of any one resource. Resources above it hand it plain values and get Cognito's answers
//! back, or a classified `Failure`; a client that does not exist is `None`, not an error.
//!
//! - `regions`, `account`, `assume_role`: the SDK clients per region, the account the
//!   credentials are for, and role assumption.
//! - `retry`, `failure`, `pacing`, `progress`: which failures are retried, what each kind
//!   means, how changes to one pool are spaced, and how a slow call is reported.
//! - `service` (the `Cognito` handle and the app client calls), `settings` (what Create and
//!   Update send), `secrets`, `pool` and `pool_reads` (what a pool has that a client names),
//!   `id`.
//! - `create`, `recovery` and `clock`: a create, and telling the client a lost create made
//!   from namesakes.
//! - `model`: the Cognito API model's constraints, which validation applies.

pub mod account;
pub mod assume_role;
pub mod clock;
pub mod create;
pub mod failure;
pub mod id;
pub mod model;
pub mod pacing;
pub mod pool;
pub mod pool_reads;
pub mod progress;
pub mod recovery;
pub mod regions;
pub mod retry;
pub mod secrets;
pub mod service;
pub mod settings;

pub use failure::{Failure, FailureKind};
pub use progress::{Progress, Silent};
pub use service::{Cognito, Listed};
