//! What a migration writes for the user to review: the import file, the state removals, and
//! the report. Nothing here calls Pulumi or Cognito.

use std::fmt::Write;

use serde_json::{Map, Value as Json, json};

use super::export::{Resource, is_secret};
use super::shapes::Client;
use crate::cognito::id::ClientRef;
use crate::discovery::adopt;
use crate::user_pool_client::properties::TOKEN;

/// One client to move, with where it sits in the stack.
#[derive(Debug, Clone)]
pub struct Move {
    pub old: Resource,
    pub client: Client,
    /// The logical name the new resource gets.
    pub name: String,
    /// Resources of the stack that depend on the old one (or are its children).
    pub dependents: Vec<String>,
}

/// How to name the new resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// The old resources' logical names, so the generated code keeps its names.
    Logical,
    /// From the client names, as `import-pool` names them (`--pool`).
    ClientNames,
}

/// The moves, named.
pub fn moves(all: &[Resource], found: Vec<(Resource, Client)>, naming: Naming) -> Vec<Move> {
    let mut taken: Vec<String> = Vec::new();
    found
        .into_iter()
        .map(|(old, client)| {
            let base = match naming {
                Naming::Logical => old.name().to_string(),
                Naming::ClientNames => {
                    let client_name = client
                        .settings
                        .iter()
                        .find(|s| s.name == "clientName")
                        .and_then(|s| s.value.as_ref()?.as_str().map(str::to_string))
                        .unwrap_or_default();
                    adopt::resource_name(&client_name)
                }
            };
            let name = adopt::unique(base, &mut taken);
            let dependents = all
                .iter()
                .filter(|r| {
                    r.urn != old.urn
                        && (r.depends_on.contains(&old.urn)
                            || r.parent.as_deref() == Some(old.urn.as_str()))
                })
                .map(|r| r.urn.clone())
                .collect();
            Move {
                old,
                client,
                name,
                dependents,
            }
        })
        .collect()
}

/// A parent worth keeping: any but the stack itself.
fn kept_parent(m: &Move) -> Option<&str> {
    m.old
        .parent
        .as_deref()
        .filter(|p| !p.contains("::pulumi:pulumi:Stack::"))
}

/// An explicit provider (not the engine's default one), which cannot carry over: it is an AWS
/// provider, and the new resources need a Cognito one.
fn explicit_provider(m: &Move) -> Option<&str> {
    m.old
        .provider
        .as_deref()
        // `<provider URN>::<id>`: the name is the URN's last part, the second from the end here.
        .filter(|p| {
            !p.rsplit("::")
                .nth(1)
                .unwrap_or_default()
                .starts_with("default")
        })
}

/// The `pulumi import --file` document.
pub fn import_file(moves: &[Move]) -> Json {
    let mut names = Map::new();
    let resources: Vec<Json> = moves
        .iter()
        .map(|m| {
            let id = ClientRef::new(m.client.user_pool_id.clone(), m.client.client_id.clone());
            let mut entry = json!({ "type": TOKEN, "name": m.name, "id": id.to_string() });
            if let Some(parent) = kept_parent(m) {
                let key = format!("parent of {}", m.name);
                names.insert(key.clone(), Json::String(parent.to_string()));
                entry["parent"] = Json::String(key);
            }
            entry
        })
        .collect();
    let mut doc = json!({ "resources": resources });
    if !names.is_empty() {
        doc["nameTable"] = Json::Object(names);
    }
    doc
}

/// Quotes a word for a POSIX shell.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The old providers that only the moved clients use: with them gone, nothing in the stack
/// needs pulumi-aws (or aws-native) any more, and a provider left in the state would make
/// every later preview load a plugin the program no longer uses.
pub fn unused_providers(all: &[Resource], moves: &[Move]) -> Vec<String> {
    let moved: Vec<&str> = moves.iter().map(|m| m.old.urn.as_str()).collect();
    let mut providers: Vec<String> = Vec::new();
    for m in moves {
        let Some(reference) = m.old.provider.as_deref() else {
            continue;
        };
        // A provider reference is `<provider URN>::<provider id>`.
        let Some((urn, _)) = reference.rsplit_once("::") else {
            continue;
        };
        let used_elsewhere = all.iter().any(|r| {
            !moved.contains(&r.urn.as_str())
                && (r.provider.as_deref() == Some(reference)
                    || r.depends_on.iter().any(|d| d == urn)
                    || r.parent.as_deref() == Some(urn))
        });
        if !used_elsewhere && !providers.iter().any(|p| p == urn) {
            providers.push(urn.to_string());
        }
    }
    providers
}

/// The `pulumi state delete` commands, dependents' advice first, newest resources first, and
/// last the providers nothing else uses.
pub fn state_removals(moves: &[Move], providers: &[String]) -> String {
    let mut out = String::from(
        "#!/bin/sh\n# Written by `pulumi-resource-cognito migrate`. Run it in the program's directory after\n# `pulumi import --file import.json` succeeded (docs/migrating.md, step 5). Each command removes\n# an old resource from the stack's state only: the client stays in Cognito, now managed by\n# the imported resource.\nset -e\n",
    );
    for m in moves.iter().rev() {
        out.push('\n');
        if !m.dependents.is_empty() {
            let _ = writeln!(
                out,
                "# {} is used by {}:\n# point them at the new `{}` and run `pulumi up` first (step 4), or this command refuses.",
                m.old.name(),
                m.dependents.join(", "),
                m.name
            );
        }
        let force = if m.old.protected {
            let _ = writeln!(
                out,
                "# Protected (`protect: true`): --force lets the state delete it; the client stays."
            );
            " --force"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "pulumi state delete --yes{force} {}",
            quoted(&m.old.urn)
        );
    }
    for urn in providers {
        let _ = writeln!(
            out,
            "\n# The provider of the old resources; nothing else in the stack uses it.\npulumi state delete --yes {}",
            quoted(urn)
        );
    }
    out
}

fn shown(v: Option<&Json>) -> String {
    match v {
        None => "[secret]".into(),
        Some(Json::String(s)) => format!("`{s}`"),
        Some(other) if is_secret(other) => "[secret]".into(),
        Some(other) => format!("`{other}`"),
    }
}

/// The report: per client, the old and the new property values side by side, and what cannot
/// carry over.
pub fn report(moves: &[Move]) -> String {
    let mut out = format!(
        "# Moving {} app client(s) to pulumi-cognito\n\nNothing has changed yet. Review this, then follow docs/migrating.md: import\n(`import.json`), re-point what depends on the old resources, remove them from the state\n(`state-delete.sh`), and check that `pulumi preview` shows no change.\n",
        moves.len()
    );
    for m in moves {
        let id = ClientRef::new(m.client.user_pool_id.clone(), m.client.client_id.clone());
        let _ = write!(
            out,
            "\n## `{}` ({}) becomes `{}` ({TOKEN})\n\nClient {id}. Old resource: `{}`.\n\n| property here | value here | {} property | value there |\n| --- | --- | --- | --- |\n",
            m.old.name(),
            m.client.source.provider_name(),
            m.name,
            m.old.urn,
            m.client.source.provider_name()
        );
        for s in &m.client.settings {
            let _ = writeln!(
                out,
                "| `{}` | {} | `{}` | {} |",
                s.name,
                shown(s.value.as_ref()),
                s.old_name,
                shown(Some(&s.old_value))
            );
        }
        let mut lost = Vec::new();
        if m.client.has_secret && !m.dependents.is_empty() {
            lost.push(format!(
                "The old resource's outputs (its `clientSecret` among them) are read by {}: point them at `{}`'s outputs, whose `clientSecret` is the same secret.",
                m.dependents.join(", "),
                m.name
            ));
        } else if !m.dependents.is_empty() {
            lost.push(format!(
                "{} depend(s) on the old resource: point them at `{}`.",
                m.dependents.join(", "),
                m.name
            ));
        }
        if let Some(provider) = explicit_provider(m) {
            lost.push(format!(
                "The old resource used the explicit provider `{provider}`, an AWS provider the new resource cannot use: give it a `pulumi:providers:cognito` with the same region and credentials (`--provider` of `pulumi import`, or edit `import.json`)."
            ));
        }
        for name in &m.client.unmapped {
            lost.push(format!(
                "`{name}` has no counterpart here and is not carried over."
            ));
        }
        if m.old.protected {
            lost.push(
                "The old resource is protected; the new one is not until you protect it.".into(),
            );
        }
        if !lost.is_empty() {
            out.push_str("\nWhat does not carry over:\n\n");
            for l in lost {
                let _ = writeln!(out, "- {l}");
            }
        }
    }
    out
}
