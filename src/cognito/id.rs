//! The resource id, `<userPoolId>/<clientId>`: both halves are needed to call Cognito, so
//! Read and import work from the id alone.

use std::fmt;
use std::str::FromStr;

use super::model;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRef {
    pub user_pool_id: String,
    pub client_id: String,
    /// The pool's ARN as the state recorded it (`userPoolArn`), when it did: what tells a
    /// deleted pool from a pool in another account. Not part of the id.
    pub pool_arn: Option<String>,
    /// Whether the stack's state holds this client (a refresh, an update, a delete), as
    /// opposed to an import, a lookup or a secret's create: what advice fits when its pool
    /// is not found.
    pub in_state: bool,
}

impl ClientRef {
    pub fn new(user_pool_id: impl Into<String>, client_id: impl Into<String>) -> Self {
        ClientRef {
            user_pool_id: user_pool_id.into(),
            client_id: client_id.into(),
            pool_arn: None,
            in_state: false,
        }
    }

    /// A client the state holds, with the pool's ARN the state recorded, if any.
    pub fn recorded_in(mut self, pool_arn: Option<&str>) -> Self {
        self.pool_arn = pool_arn.map(str::to_string);
        self.in_state = true;
        self
    }
}

impl fmt::Display for ClientRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.user_pool_id, self.client_id)
    }
}

/// A resource id that is not of the form `<userPoolId>/<clientId>`; says why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadId(pub String);

impl FromStr for ClientRef {
    type Err = BadId;

    /// Emulators answer a malformed id with "not found", which Read would take for a deleted
    /// client; checking the form first turns a typo in an import id into an error instead.
    fn from_str(id: &str) -> Result<Self, BadId> {
        let bad = |why: &str| {
            BadId(format!(
                "invalid user pool client id {id:?}: {why}; expected <userPoolId>/<clientId>, such as us-east-1_AbCdEf123/1example23456789"
            ))
        };
        let (pool, client) = id.split_once('/').ok_or_else(|| bad("there is no '/'"))?;
        if !model::valid("UserPoolIdType", pool) {
            return Err(bad("the user pool id is not of the form <region>_<id>"));
        }
        if !model::valid("ClientIdType", client) {
            return Err(bad("the client id must be letters and digits"));
        }
        Ok(ClientRef {
            user_pool_id: pool.to_string(),
            client_id: client.to_string(),
            pool_arn: None,
            in_state: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        let id: ClientRef = "us-east-1_Ab1/1example23456789"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(id.user_pool_id, "us-east-1_Ab1");
        assert_eq!(id.to_string(), "us-east-1_Ab1/1example23456789");
    }

    #[test]
    fn malformed_ids_are_rejected_with_the_expected_form() {
        for bad in [
            "",
            "us-east-1_Ab1",
            "pool/client",
            "us-east-1_Ab1/",
            "us-east-1_Ab1/a/b",
        ] {
            let err = bad
                .parse::<ClientRef>()
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains("<userPoolId>/<clientId>"), "{bad}: {err}");
        }
    }
}
