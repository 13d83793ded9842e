//! What has been read of each user pool in this provider process (see `pool`), kept with the
//! `Cognito` handle so that every client of a program shares one read per pool and part.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

/// A part of a user pool that a client's settings can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PoolPart {
    /// Scopes: the standard ones, or `<identifier>/<scope>` of the pool's resource servers.
    Scopes,
    /// `COGNITO`, or the name of an identity provider configured in the pool.
    IdentityProviders,
    /// Attributes of the pool's schema (standard and `custom:`).
    Attributes,
}

/// What reading one kind of thing of a pool gave.
#[derive(Debug, Clone)]
pub enum Read {
    /// Everything of that kind the pool has (standard scopes and `COGNITO` included).
    Has(Vec<String>),
    /// Not allowed: the permission that would allow it.
    Denied(&'static str),
    /// Any other failure (no connection, no such pool): no advice.
    Unknown,
}

#[derive(Default)]
pub(super) struct Entry {
    pub(super) read: OnceCell<Read>,
    /// Whether the user has been told that this could not be read.
    pub(super) told: AtomicBool,
}

/// What has been read of each pool in this provider process.
#[derive(Default)]
pub struct PoolReads {
    entries: Mutex<HashMap<(String, PoolPart), Arc<Entry>>>,
}

impl std::fmt::Debug for PoolReads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PoolReads")
    }
}

impl PoolReads {
    pub(super) fn entry(&self, pool: &str, part: PoolPart) -> Arc<Entry> {
        match self.entries.lock() {
            Ok(mut e) => e.entry((pool.to_string(), part)).or_default().clone(),
            // A poisoned cache only costs reading again.
            Err(_) => Arc::default(),
        }
    }
}
