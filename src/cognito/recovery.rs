//! Finding the client a create made when its answer was lost.
//!
//! Cognito has no idempotency token, so after a create fails in a way that leaves open whether
//! the client was made (a server error, a dropped connection, a timeout), the only evidence is
//! the pool's list of clients. Namesakes are common: the old client of a create-before-delete
//! replacement with a fixed `clientName`, a client made by hand, another stack's. Only a client
//! made after the request left, and whose settings are the ones requested, is taken for this
//! create's. Anything less certain is reported with the candidates' ids, never adopted:
//! adopting a client that existed before would let the engine delete it as "the old client" of
//! a replacement.
//!
//! What existed before is learned in one of two ways, decided before the first attempt:
//!
//! - **By date** (Cognito): the namesakes' `CreationDate`, placed against the moment the request
//!   left with the clocks' difference measured by the endpoint's last successful create (see
//!   `clock`). The happy path makes one call, CreationDate itself, whatever the pool's size;
//!   the pool is listed only after a failure that leaves the outcome open.
//! - **By note** (services that do not date their clients, such as moto; and the first create
//!   on an endpoint, which learns whether it does and calibrates the clocks): the ids carrying
//!   the name are listed before the first attempt, and a client not among them is new.

use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::time::Duration;

use aws_sdk_cognitoidentityprovider::types::UserPoolClientType;

use super::clock::{self, Calibration};
use super::failure::Failure;
use super::failure::FailureKind;
use super::id::ClientRef;
use super::service::Cognito;

/// How long after a lost answer the pool is looked at again before "nothing was made" is
/// believed.
pub const SETTLE: Duration = Duration::from_secs(2);

/// What a create's recovery compares the pool with, decided before its first attempt.
#[derive(Debug)]
pub struct Before {
    evidence: Evidence,
    /// When the first attempt left (the provider's clock), once one has.
    sent_ns: OnceLock<i128>,
}

#[derive(Debug)]
pub enum Evidence {
    /// The endpoint dates its clients and the clocks were calibrated recently.
    Dated(Calibration),
    /// The ids of the pool's clients with the name, listed now; the listing's failure.
    Noted(Result<BTreeSet<String>, Failure>),
}

impl Before {
    pub fn new(evidence: Evidence) -> Self {
        Before {
            evidence,
            sent_ns: OnceLock::new(),
        }
    }

    /// Why the namesakes could not be listed before the create, if they had to be.
    pub fn listing_failure(&self) -> Option<&Failure> {
        match &self.evidence {
            Evidence::Noted(Err(f)) => Some(f),
            _ => None,
        }
    }

    /// Notes that an attempt is about to leave (only the first one counts).
    pub fn sending(&self) {
        let _ = self.sent_ns.set(clock::now_ns());
    }
}

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
    /// Decides how this create's recovery will tell old clients from new: by date when the
    /// endpoint's clocks are calibrated, otherwise by listing the namesakes now.
    pub async fn before_create(&self, user_pool_id: &str, name: &str) -> Before {
        if let Some(calibration) = self.calibration(user_pool_id) {
            return Before::new(Evidence::Dated(calibration));
        }
        Before::new(Evidence::Noted(
            self.find_by_name(user_pool_id, name)
                .await
                .map(|ids| ids.into_iter().collect()),
        ))
    }

    /// Like `find_new`, but a pool that shows nothing new is looked at once more after
    /// `SETTLE`: a request whose answer was lost (or that the deadline dropped while it was on
    /// its way) may be acted on a moment later, and concluding "nothing was made" at once
    /// would leave that client an orphan while the next attempt makes another.
    pub async fn find_new_settled(
        &self,
        user_pool_id: &str,
        name: &str,
        before: &Before,
        requested: &(dyn Fn(&UserPoolClientType) -> bool + Sync),
    ) -> Found {
        match self.find_new(user_pool_id, name, before, requested).await {
            // A request that never left cannot be acted on later either.
            Found::Nothing if before.sent_ns.get().is_none() => Found::Nothing,
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
        before: &Before,
        requested: &(dyn Fn(&UserPoolClientType) -> bool + Sync),
    ) -> Found {
        // Never sent (the deadline fell while the create waited for its pacing slot): nothing
        // can have been made, and the pool need not be read.
        let Some(sent) = before.sent_ns.get() else {
            return Found::Nothing;
        };
        let after = match self.find_by_name(user_pool_id, name).await {
            Ok(ids) => ids,
            Err(f) => return Found::LookupFailed(f),
        };
        let one = match &before.evidence {
            Evidence::Noted(noted) => match noted_new(name, noted, &after) {
                Ok(one) => one,
                Err(found) => return found,
            },
            Evidence::Dated(calibration) => {
                return self
                    .dated_new(user_pool_id, name, *calibration, *sent, after, requested)
                    .await;
            }
        };
        let id = ClientRef::new(user_pool_id.to_string(), one.clone());
        match self.describe(&id).await {
            Ok(Some(client)) => the_one(name, client, requested),
            // Gone again: whatever made it also removed it; nothing of this create's is left.
            Ok(None) => Found::Nothing,
            Err(f) => Found::LookupFailed(f),
        }
    }

    /// The namesakes placed by date against the moment the request left.
    async fn dated_new(
        &self,
        user_pool_id: &str,
        name: &str,
        calibration: Calibration,
        sent: i128,
        after: Vec<String>,
        requested: &(dyn Fn(&UserPoolClientType) -> bool + Sync),
    ) -> Found {
        let (mut made_after, mut undated) = (Vec::new(), Vec::new());
        for id in after {
            let client = match self
                .describe(&ClientRef::new(user_pool_id.to_string(), id.clone()))
                .await
            {
                Ok(Some(client)) => client,
                Ok(None) => continue,
                Err(f) => return Found::LookupFailed(f),
            };
            match client.creation_date() {
                Some(created) if calibration.existed_before(sent, created) => {}
                Some(_) => made_after.push(client),
                None => undated.push(id),
            }
        }
        if !undated.is_empty() {
            let ids: Vec<&String> = undated.iter().collect();
            return Found::Unclear(format!(
                "the pool has client(s) named {name:?} with no creation date ({}), so it is not clear whether one of them is this create's; none was adopted and none made again (import the right one with `pulumi import`, or delete it)",
                join(&ids)
            ));
        }
        // The candidates with the requested settings: this create's client is one of them.
        // A namesake with other settings (a replacement's old client, one made by hand) made
        // in the same moment is not it, so it neither blocks nor is adopted; one with the very
        // same settings cannot be told from it, so two of those adopt nothing.
        let (mut matching, other): (Vec<_>, Vec<_>) =
            made_after.into_iter().partition(|c| requested(c));
        let ids = |clients: &[UserPoolClientType]| -> String {
            clients
                .iter()
                .filter_map(|c| c.client_id())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (matching.len(), other.len()) {
            (0, 0) => Found::Nothing,
            (1, _) => match matching.pop() {
                Some(client) => Found::Made(Box::new(client)),
                None => Found::Nothing,
            },
            (0, _) => Found::Unclear(format!(
                "client(s) named {name:?} ({}) appeared in the pool during the create, but their settings are not the ones requested, so none was adopted",
                ids(&other)
            )),
            (n, _) => Found::Unclear(format!(
                "{n} clients named {name:?} with the requested settings appeared in the pool during the create ({}), so it is not clear which one is this create's; none was adopted",
                ids(&matching)
            )),
        }
    }
}

/// The one new client, if its settings are the ones requested.
fn the_one(
    name: &str,
    client: UserPoolClientType,
    requested: &(dyn Fn(&UserPoolClientType) -> bool + Sync),
) -> Found {
    if requested(&client) {
        return Found::Made(Box::new(client));
    }
    Found::Unclear(format!(
        "a client named {name:?} ({}) appeared in the pool during the create, but its settings are not the ones requested, so it was not adopted",
        client.client_id().unwrap_or_default()
    ))
}

/// The one id not in the note, or what the pool shows instead.
fn noted_new(
    name: &str,
    noted: &Result<BTreeSet<String>, Failure>,
    after: &[String],
) -> Result<String, Found> {
    let before = match noted {
        Ok(before) => before,
        Err(_) if after.is_empty() => return Err(Found::Nothing),
        Err(_) => {
            return Err(Found::Unclear(format!(
                "the pool has clients named {name:?} ({}), and as its clients could not be listed before the create, it is not clear whether one of them is this create's; none was adopted (import the right one with `pulumi import`, or delete it)",
                after.join(", ")
            )));
        }
    };
    let new: Vec<&String> = after.iter().filter(|id| !before.contains(*id)).collect();
    match new.as_slice() {
        [] => Err(Found::Nothing),
        [one] => Ok((*one).clone()),
        many => Err(Found::Unclear(format!(
            "{} clients named {name:?} appeared in the pool during the create ({}), so it is not clear which one is this create's; none was adopted",
            many.len(),
            join(many)
        ))),
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
