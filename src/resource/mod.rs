//! The machinery every resource is written in: the provider's requests and answers in domain
//! terms (what the protocol layer decodes the engine's messages into, and what the resource
//! code answers with; no gRPC types here), the property `table` a resource is described by,
//! `validate` (Check from a table and the API model) and `diff` (Diff from a table).

pub mod diff;
pub mod table;
pub mod validate;

pub use crate::cognito::{Progress, Silent};

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use crate::value::PropertyMap;

pub fn silent() -> Arc<dyn Progress> {
    Arc::new(Silent)
}

/// A rule an input breaks; reported by Check, never raised as an error.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckFailure {
    /// The property path, nested with dots: `tokenValidityUnits.accessToken`.
    pub property: String,
    pub reason: String,
}

impl CheckFailure {
    pub fn new(property: impl Into<String>, reason: impl Into<String>) -> Self {
        CheckFailure {
            property: property.into(),
            reason: reason.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AutonamingMode {
    /// Use the proposed name, adjusting it if needed.
    Propose,
    /// Use the proposed name exactly, or fail.
    Enforce,
    /// Generate nothing: the user must name the resource.
    Disable,
}

/// The stack's autonaming configuration, when the user set one.
#[derive(Debug, Clone, PartialEq)]
pub struct Autonaming {
    pub proposed_name: String,
    pub mode: AutonamingMode,
}

#[derive(Debug, Clone, Default)]
pub struct CheckRequest {
    pub urn: String,
    /// The resource's logical name.
    pub name: String,
    /// The previous checked inputs; empty on create and replace.
    pub olds: PropertyMap,
    /// The program's inputs.
    pub news: PropertyMap,
    pub random_seed: Vec<u8>,
    pub autonaming: Option<Autonaming>,
}

#[derive(Debug, Clone, Default)]
pub struct CheckResponse {
    pub inputs: PropertyMap,
    pub failures: Vec<CheckFailure>,
    /// Advice for the user that does not stop the deployment, shown as engine warnings.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct DiffRequest {
    pub id: String,
    pub urn: String,
    pub old_outputs: PropertyMap,
    pub old_inputs: PropertyMap,
    pub news: PropertyMap,
    pub ignore_changes: Vec<String>,
}

/// The kind of change to one property, as the engine displays it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffKind {
    Add,
    AddReplace,
    Delete,
    DeleteReplace,
    Update,
    UpdateReplace,
}

impl DiffKind {
    pub fn replacing(self) -> DiffKind {
        match self {
            DiffKind::Add | DiffKind::AddReplace => DiffKind::AddReplace,
            DiffKind::Delete | DiffKind::DeleteReplace => DiffKind::DeleteReplace,
            DiffKind::Update | DiffKind::UpdateReplace => DiffKind::UpdateReplace,
        }
    }

    pub fn is_replace(self) -> bool {
        matches!(
            self,
            DiffKind::AddReplace | DiffKind::DeleteReplace | DiffKind::UpdateReplace
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiffResponse {
    /// Top-level properties whose change replaces the resource.
    pub replaces: Vec<String>,
    /// Top-level properties that changed.
    pub diffs: Vec<String>,
    /// Property path -> change; every path's top-level key is in `diffs`.
    pub detailed: BTreeMap<String, DiffKind>,
    pub delete_before_replace: bool,
}

impl DiffResponse {
    pub fn has_changes(&self) -> bool {
        !self.diffs.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct CreateRequest {
    pub urn: String,
    pub inputs: PropertyMap,
    pub preview: bool,
    pub timeout: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateResponse {
    /// Empty only for a preview.
    pub id: String,
    pub outputs: PropertyMap,
    /// Advice for the user (a preview that sees trouble ahead), shown as engine warnings.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ReadRequest {
    pub id: String,
    pub urn: String,
    /// Old outputs; `None` on import.
    pub old_outputs: Option<PropertyMap>,
    /// Old inputs; `None` on import.
    pub old_inputs: Option<PropertyMap>,
    pub timeout: Option<Duration>,
}

/// The live state of an existing resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadResponse {
    pub id: String,
    pub outputs: PropertyMap,
    pub inputs: PropertyMap,
}

#[derive(Debug, Clone)]
pub struct UpdateRequest {
    pub id: String,
    pub urn: String,
    pub old_outputs: PropertyMap,
    pub old_inputs: PropertyMap,
    pub news: PropertyMap,
    /// The program's `ignoreChanges` paths.
    pub ignore_changes: Vec<String>,
    pub preview: bool,
    pub timeout: Option<Duration>,
}

/// What an update made: the new outputs, and advice for the user (shown as engine warnings).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateResponse {
    pub outputs: PropertyMap,
    pub warnings: Vec<String>,
}

/// How a delete ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Deleted {
    Yes,
    /// It was gone already (deleted outside Pulumi).
    AlreadyGone,
    /// Not deleted, on purpose, and why (the last secret of a client that needs one): the
    /// resource leaves the state, and the user is told.
    Kept(String),
}

#[derive(Debug, Clone)]
pub struct DeleteRequest {
    pub id: String,
    pub urn: String,
    pub old_outputs: PropertyMap,
    pub timeout: Option<Duration>,
}
