//! Finding the client a create made when its answer was lost.
//!
//! Cognito has no idempotency token, so after a create fails in a way that leaves open whether
//! the client was made (a server error, a dropped connection, a timeout), the only evidence is
//! the pool's list of clients. Namesakes are common: the old client of a create-before-delete
//! replacement with a fixed `clientName`, a client made by hand, another stack's. So the ids
//! carrying the name are noted before the first attempt, and only a client that was not among
//! them, and whose settings are the ones requested, is taken for this create's. Anything less
//! certain is reported with the candidates' ids, never adopted: adopting a client that existed
//! before would let the engine delete it as "the old client" of a replacement.

use std::collections::BTreeSet;
use std::time::Duration;

use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;

use super::cognito::{Cognito, Failure};
use super::id::ClientRef;
use crate::error::FailureKind;

/// How long after a lost answer the pool is looked at again before "nothing was made" is
/// believed.
pub const SETTLE: Duration = Duration::from_secs(2);

/// The ids of the pool's clients with the name, listed before the first attempt; the listing's
/// failure when it could not be done.
#[derive(Debug, Clone)]
pub struct Namesakes(pub Result<BTreeSet<String>, Failure>);

/// What the pool says about a create whose answer was lost.
#[derive(Debug)]
pub enum Found {
    /// No new client of that name: Cognito did not act on the request.
    Nothing,
    /// Exactly one new client, with the requested settings: this create's.
    Made(Box<UserPoolClientType>),
    /// New clients, but not one that is certainly this create's; says which and why.
    Unclear(String),
    /// The pool's clients could not be listed.
    LookupFailed(Failure),
}

impl Cognito {
    /// Notes the clients of the pool that already carry `name`.
    pub async fn namesakes(&self, user_pool_id: &str, name: &str) -> Namesakes {
        Namesakes(
            self.find_by_name(user_pool_id, name)
                .await
                .map(|ids| ids.into_iter().collect()),
        )
    }

    /// Like `find_new`, but a pool that shows nothing new is looked at once more after
    /// `SETTLE`: a request whose answer was lost (or that the deadline dropped while it was on
    /// its way) may be acted on a moment later, and concluding "nothing was made" at once
    /// would leave that client an orphan while the next attempt makes another.
    pub async fn find_new_settled(
        &self,
        user_pool_id: &str,
        name: &str,
        before: &Namesakes,
        requested: &(dyn Fn(&UserPoolClientType) -> bool + Sync),
    ) -> Found {
        match self.find_new(user_pool_id, name, before, requested).await {
            Found::Nothing => {
                tokio::time::sleep(SETTLE).await;
                self.find_new(user_pool_id, name, before, requested).await
            }
            found => found,
        }
    }

    /// Looks for the client a lost create made: new since `before`, and `requested`.
    pub async fn find_new(
        &self,
        user_pool_id: &str,
        name: &str,
        before: &Namesakes,
        requested: &(dyn Fn(&UserPoolClientType) -> bool + Sync),
    ) -> Found {
        let after = match self.find_by_name(user_pool_id, name).await {
            Ok(ids) => ids,
            Err(f) => return Found::LookupFailed(f),
        };
        let before = match &before.0 {
            Ok(before) => before,
            Err(_) if after.is_empty() => return Found::Nothing,
            Err(_) => {
                return Found::Unclear(format!(
                    "the pool has clients named {name:?} ({}), and as its clients could not be listed before the create, it is not clear whether one of them is this create's; none was adopted (import the right one with `pulumi import`, or delete it)",
                    after.join(", ")
                ));
            }
        };
        let new: Vec<&String> = after.iter().filter(|id| !before.contains(*id)).collect();
        let one = match new.as_slice() {
            [] => return Found::Nothing,
            [one] => (*one).clone(),
            many => {
                return Found::Unclear(format!(
                    "{} clients named {name:?} appeared in the pool during the create ({}), so it is not clear which one is this create's; none was adopted",
                    many.len(),
                    join(many)
                ));
            }
        };
        let id = ClientRef::new(user_pool_id.to_string(), one.clone());
        match self.describe(&id).await {
            Ok(Some(client)) if requested(&client) => Found::Made(Box::new(client)),
            Ok(Some(_)) => Found::Unclear(format!(
                "a client named {name:?} ({one}) appeared in the pool during the create, but its settings are not the ones requested, so it was not adopted"
            )),
            // Gone again: whatever made it also removed it; nothing of this create's is left.
            Ok(None) => Found::Nothing,
            Err(f) => Found::LookupFailed(f),
        }
    }
}

fn join(ids: &[&String]) -> String {
    ids.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The original failure, and why the provider could not tell whether Cognito made the client.
pub fn unverified(original: Failure, lookup: &Failure) -> Failure {
    let why = if lookup.kind == FailureKind::AccessDenied {
        "recovery needs permission to call cognito-idp:ListUserPoolClients and DescribeUserPoolClient"
    } else {
        "recovery could not list the pool's clients"
    };
    Failure {
        message: format!(
            "{}; the provider could not check whether Cognito made the client anyway: {why} ({})",
            original.message, lookup.message
        ),
        ..original
    }
}

/// The original failure, with what the pool showed.
pub fn unclear(original: Failure, what: &str) -> Failure {
    Failure {
        message: format!("{}; {what}", original.message),
        ..original
    }
}
