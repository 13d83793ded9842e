//! What a client refers to in its user pool, looked at before applying: custom scopes (of the
//! pool's resource servers), identity providers, and attributes of the pool's schema. A
//! reference the pool does not have is the commonest way an `up` fails after a clean preview.
//!
//! At preview it is a warning (the same program may create the resource server or identity
//! provider in this very `up`), or a failure with `strictPoolReferences`. At apply time, when
//! Cognito refuses the client, the error says which reference is missing and what the pool has.
//!
//! The pool is read only for what the inputs refer to, once per pool per provider process, with
//! read-only calls (`cognito::pool`). The check is advice: a pool that cannot be read is one warning
//! (AccessDenied) or nothing (no connection: the operation itself will say so).

use super::properties::{PROPERTIES, USER_POOL_ID};
use crate::cognito::Cognito;
use crate::resource::CheckFailure;
use crate::value::{PropertyMap, Value};

/// The kinds of thing a client refers to (the table's `refers_to` column), each read with one
/// API operation.
pub use crate::cognito::pool::{PoolPart as Kind, Read, STANDARD_SCOPES};

fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Scopes => "scopes",
        Kind::IdentityProviders => "identity providers",
        Kind::Attributes => "attributes",
    }
}

/// The properties that refer into the pool, from the table.
fn references() -> impl Iterator<Item = (&'static str, Kind)> {
    PROPERTIES
        .iter()
        .filter_map(|p| Some((p.name, p.pool_reference?)))
}

/// One missing reference, by property.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    pub property: &'static str,
    pub items: Vec<String>,
    pub pool: String,
    /// What the pool has of that kind.
    pub has: Vec<String>,
    pub kind_noun: &'static str,
}

impl Missing {
    /// "`allowedOAuthScopes` lists `orders/write`, which user pool X does not have (its scopes:
    /// `openid`, ...)".
    pub fn describe(&self) -> String {
        let items: Vec<String> = self.items.iter().map(|i| format!("`{i}`")).collect();
        format!(
            "`{}` lists {}, which user pool {} does not have (its {}: {})",
            self.property,
            items.join(", "),
            self.pool,
            self.kind_noun,
            listing(&self.has)
        )
    }
}

/// At most this many of what the pool has are named.
const SHOWN: usize = 25;

fn listing(items: &[String]) -> String {
    if items.is_empty() {
        return "none".into();
    }
    let mut shown: Vec<String> = items.iter().take(SHOWN).map(|i| format!("`{i}`")).collect();
    if items.len() > SHOWN {
        shown.push(format!("and {} more", items.len() - SHOWN));
    }
    shown.join(", ")
}

/// The known string items of a list property (unknown items are skipped: judged later).
fn items<'a>(inputs: &'a PropertyMap, property: &str) -> Vec<&'a str> {
    match inputs.get(property).map(|v| v.reveal().0) {
        Some(Value::Array(items)) => items.iter().filter_map(|i| i.reveal().0.as_str()).collect(),
        _ => vec![],
    }
}

/// Items that need the pool to judge (a standard scope or `COGNITO` never does).
fn to_judge<'a>(inputs: &'a PropertyMap, property: &str, kind: Kind) -> Vec<&'a str> {
    items(inputs, property)
        .into_iter()
        .filter(|i| match kind {
            Kind::Scopes => !STANDARD_SCOPES.contains(i),
            Kind::IdentityProviders => *i != "COGNITO",
            Kind::Attributes => true,
        })
        .collect()
}

/// The references of `inputs` that the pool does not have, and warnings about what could not
/// be read (once per pool and kind). Nothing when the pool id is not known yet.
pub async fn missing(cognito: &Cognito, inputs: &PropertyMap) -> (Vec<Missing>, Vec<String>) {
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    let Some(pool) = inputs
        .get(USER_POOL_ID)
        .and_then(|v| v.reveal().0.as_str())
        .map(str::to_string)
    else {
        return (found, unreadable);
    };
    for (property, kind) in references() {
        let wanted = to_judge(inputs, property, kind);
        if wanted.is_empty() {
            continue;
        }
        match cognito.pool_part(&pool, kind).await {
            Read::Has(has) => {
                let absent: Vec<String> = wanted
                    .iter()
                    .filter(|w| !has.iter().any(|h| h == *w))
                    .map(|w| w.to_string())
                    .collect();
                if !absent.is_empty() {
                    found.push(Missing {
                        property,
                        items: absent,
                        pool: pool.clone(),
                        has,
                        kind_noun: noun(kind),
                    });
                }
            }
            Read::Denied(permission) => {
                if cognito.first_to_tell(&pool, kind) {
                    unreadable.push(format!(
                        "cannot check the {} this program uses against user pool {pool}: the credentials lack `{permission}` (AccessDenied); the preview goes on without this check, which that permission would enable",
                        noun(kind)
                    ));
                }
            }
            Read::Unknown => {}
        }
    }
    (found, unreadable)
}

/// Check's part: warnings, or failures with `strict`.
pub async fn review(
    cognito: &Cognito,
    inputs: &PropertyMap,
    strict: bool,
) -> (Vec<CheckFailure>, Vec<String>) {
    let (found, mut warnings) = missing(cognito, inputs).await;
    let mut failures = Vec::new();
    for m in found {
        if strict {
            failures.push(CheckFailure::new(
                m.property,
                format!(
                    "{}; `strictPoolReferences` is on, so a reference the pool does not have fails at preview",
                    m.describe()
                ),
            ));
        } else {
            warnings.push(format!(
                "{}. That is fine if this program creates it; otherwise `pulumi up` will fail",
                m.describe()
            ));
        }
    }
    (failures, warnings)
}

/// Apply time: Cognito refused the client as invalid; what of the pool is missing, if that is
/// why, in one sentence.
pub async fn explain(cognito: &Cognito, inputs: &PropertyMap) -> Option<String> {
    let (found, _) = missing(cognito, inputs).await;
    let parts: Vec<String> = found.iter().map(Missing::describe).collect();
    (!parts.is_empty()).then(|| parts.join("; and "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(pairs: &[(&str, &[&str])]) -> PropertyMap {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::strings(v)))
            .collect()
    }

    #[test]
    fn only_what_needs_the_pool_is_judged() {
        let inputs = list(&[
            ("allowedOAuthScopes", &["openid", "profile", "orders/read"]),
            ("supportedIdentityProviders", &["COGNITO", "Google"]),
        ]);
        assert_eq!(
            to_judge(&inputs, "allowedOAuthScopes", Kind::Scopes),
            ["orders/read"]
        );
        // Google too must be configured in the pool before a client may name it.
        assert_eq!(
            to_judge(
                &inputs,
                "supportedIdentityProviders",
                Kind::IdentityProviders
            ),
            ["Google"]
        );
        let mut unknown = inputs.clone();
        unknown.insert(
            "allowedOAuthScopes".into(),
            Value::Array(vec![Value::Unknown, Value::string("orders/read")]),
        );
        assert_eq!(
            to_judge(&unknown, "allowedOAuthScopes", Kind::Scopes),
            ["orders/read"]
        );
    }

    #[test]
    fn a_long_list_of_what_the_pool_has_is_cut_short() {
        let has: Vec<String> = (0..30).map(|n| format!("custom:a{n}")).collect();
        let m = Missing {
            property: "readAttributes",
            items: vec!["custom:plan".into()],
            pool: "us-east-1_Pool1".into(),
            has,
            kind_noun: "attributes",
        };
        let text = m.describe();
        assert!(text.starts_with("`readAttributes` lists `custom:plan`, which user pool us-east-1_Pool1 does not have (its attributes: `custom:a0`"), "{text}");
        assert!(text.ends_with("`custom:a24`, and 5 more)"), "{text}");
        assert_eq!(listing(&[]), "none");
    }
}
