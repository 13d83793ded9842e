//! The parts of a `pulumi stack export` (deployment version 3) that a migration reads: each
//! resource's URN, type, id, outputs, parent, provider and what depends on what.

use serde_json::{Map, Value as Json};

use super::error::MigrateError;

/// The signature key Pulumi marks secret values with in a state file.
const SECRET_SIG: &str = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE: &str = "1b47061264138c4ac30d75fd1eb44270";

/// One resource of the export.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub urn: String,
    pub kind: String,
    pub id: String,
    pub outputs: Map<String, Json>,
    pub parent: Option<String>,
    pub provider: Option<String>,
    /// URNs this resource depends on: `dependencies` and every `propertyDependencies` list.
    pub depends_on: Vec<String>,
    /// `protect`: `pulumi state delete` needs `--force` for it.
    pub protected: bool,
}

impl Resource {
    /// The logical name: the URN's last `::` part.
    pub fn name(&self) -> &str {
        self.urn.rsplit("::").next().unwrap_or(&self.urn)
    }
}

/// Reads an export; refuses anything that is not one, saying what is wrong.
pub fn parse(text: &str) -> Result<Vec<Resource>, MigrateError> {
    let doc: Json = serde_json::from_str(text)
        .map_err(|e| MigrateError::Export(format!("it is not JSON ({e})")))?;
    let version = doc.get("version").and_then(Json::as_u64);
    if version != Some(3) {
        return Err(MigrateError::Export(match version {
            Some(v) => format!(
                "its deployment version is {v}; this command reads version 3 (what `pulumi stack export` writes)"
            ),
            None => {
                "it has no deployment `version`: is it the output of `pulumi stack export`?".into()
            }
        }));
    }
    let resources = doc
        .get("deployment")
        .and_then(|d| d.get("resources"))
        .map(|r| r.as_array().ok_or("`deployment.resources` is not a list"))
        .transpose()
        .map_err(|e| MigrateError::Export(e.into()))?;
    let Some(resources) = resources else {
        // A stack with no resources exports no list.
        return Ok(vec![]);
    };
    resources
        .iter()
        .enumerate()
        .map(|(i, r)| resource(i, r))
        .collect()
}

fn resource(index: usize, r: &Json) -> Result<Resource, MigrateError> {
    let text = |key: &str| r.get(key).and_then(Json::as_str).map(str::to_string);
    let urn = text("urn").ok_or_else(|| {
        MigrateError::Export(format!(
            "resource {index} of `deployment.resources` has no `urn`"
        ))
    })?;
    let kind = text("type")
        .ok_or_else(|| MigrateError::Export(format!("resource {urn} has no `type`")))?;
    let mut depends_on: Vec<String> = strings(r.get("dependencies"));
    if let Some(Json::Object(by_property)) = r.get("propertyDependencies") {
        for urns in by_property.values() {
            depends_on.extend(strings(Some(urns)));
        }
    }
    depends_on.sort();
    depends_on.dedup();
    Ok(Resource {
        id: text("id").unwrap_or_default(),
        outputs: r
            .get("outputs")
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default(),
        parent: text("parent"),
        provider: text("provider"),
        depends_on,
        protected: r.get("protect").and_then(Json::as_bool).unwrap_or(false),
        kind,
        urn,
    })
}

fn strings(v: Option<&Json>) -> Vec<String> {
    v.and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Json::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// A state value with Pulumi's secret wrapping taken off: the plain value when the export
/// shows it (`--show-secrets`), `None` for an encrypted one, which a migration never needs.
pub fn reveal(v: &Json) -> Option<Json> {
    match v {
        Json::Object(o) if o.get(SECRET_SIG).and_then(Json::as_str) == Some(SECRET_SIG_VALUE) => {
            let plain = o.get("plaintext")?.as_str()?;
            serde_json::from_str(plain).ok()
        }
        other => Some(other.clone()),
    }
}

/// Whether a state value is a secret.
pub fn is_secret(v: &Json) -> bool {
    matches!(v, Json::Object(o) if o.get(SECRET_SIG).and_then(Json::as_str) == Some(SECRET_SIG_VALUE))
}
