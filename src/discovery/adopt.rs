//! Adopting a whole pool: the `pulumi import --file` document for every client of a user pool,
//! with a resource name for each derived from its client name, valid as a variable in every
//! language the code generator writes, and unique.

use serde_json::{Value as Json, json};

use crate::cognito::Listed;
use crate::cognito::id::ClientRef;
use crate::user_pool_client::properties::TOKEN;

/// Words the generated programs cannot use as variable names (TypeScript, Python, Go, C#'s
/// common ones): a client named `default` becomes `defaultClient`.
const RESERVED: &[&str] = &[
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "case",
    "catch",
    "chan",
    "class",
    "const",
    "continue",
    "def",
    "default",
    "defer",
    "del",
    "delete",
    "do",
    "elif",
    "else",
    "enum",
    "except",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "func",
    "function",
    "global",
    "go",
    "goto",
    "if",
    "import",
    "in",
    "interface",
    "is",
    "lambda",
    "let",
    "map",
    "new",
    "nonlocal",
    "not",
    "null",
    "or",
    "package",
    "pass",
    "raise",
    "range",
    "return",
    "select",
    "static",
    "struct",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// `Mobile App (iOS)` -> `mobileAppIOS`, `m2m_backend` -> `m2mBackend`, `42` -> `client42`:
/// ASCII letters and digits in lower camel case, starting with a letter.
pub fn resource_name(client_name: &str) -> String {
    let mut out = String::new();
    for word in client_name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            if out.is_empty() {
                out.push(first.to_ascii_lowercase());
            } else {
                out.push(first.to_ascii_uppercase());
            }
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "client");
    }
    if RESERVED.contains(&out.as_str()) {
        out.push_str("Client");
    }
    out
}

/// `base`, or `base2`, `base3`, ... when that is taken; the name returned is taken from now on.
pub fn unique(base: String, taken: &mut Vec<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The import document for the pool's clients, ordered by client name (then id) so that the
/// same pool always gives the same file; namesakes get `2`, `3`, ... after their name.
pub fn import_file(user_pool_id: &str, clients: &[Listed]) -> Json {
    let mut sorted: Vec<&Listed> = clients.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let mut taken: Vec<String> = Vec::new();
    let resources: Vec<Json> = sorted
        .into_iter()
        .map(|c| {
            let name = unique(resource_name(&c.name), &mut taken);
            let id = ClientRef::new(user_pool_id.to_string(), c.id.clone());
            json!({ "type": TOKEN, "name": name, "id": id.to_string() })
        })
        .collect();
    json!({ "resources": resources })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(id: &str, name: &str) -> Listed {
        Listed {
            id: id.into(),
            name: name.into(),
        }
    }

    #[test]
    fn names_are_identifiers_in_every_language() {
        assert_eq!(resource_name("Mobile App (iOS)"), "mobileAppIOS");
        assert_eq!(resource_name("m2m_backend"), "m2mBackend");
        assert_eq!(resource_name("web-app"), "webApp");
        assert_eq!(resource_name("42"), "client42");
        assert_eq!(resource_name("1st client"), "client1stClient");
        assert_eq!(resource_name("+-+"), "client");
        assert_eq!(resource_name("Café ²"), "caf");
        assert_eq!(resource_name("default"), "defaultClient");
        assert_eq!(resource_name("Class"), "classClient");
    }

    #[test]
    fn namesakes_and_clashing_names_become_unique() {
        let file = import_file(
            "us-east-1_Pool1",
            &[
                listed("c3", "web app"),
                listed("c1", "web-app"),
                listed("c2", "web-app"),
                listed("c4", "webApp2"),
            ],
        );
        let names: Vec<(&str, &str)> = file["resources"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                (
                    r["name"].as_str().unwrap_or_default(),
                    r["id"].as_str().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("webApp", "us-east-1_Pool1/c3"),
                ("webApp2", "us-east-1_Pool1/c1"),
                ("webApp3", "us-east-1_Pool1/c2"),
                ("webApp22", "us-east-1_Pool1/c4"),
            ]
        );
        assert_eq!(file["resources"][0]["type"], TOKEN);
    }
}
