//! The Pulumi package schema, generated from the property tables. `GetSchema` serves it, and
//! `schema/schema.json` is this document, committed (a test keeps the two equal).

use serde_json::{Map, Value as Json, json};

use crate::client_secret::properties as secret;
use crate::cognito::model::{self, ApiShape, Kind};
use crate::config::CONFIG;
use crate::discovery::list;
use crate::discovery::lookup::{ARGUMENTS, FUNCTION, MODEL_OPERATION as LOOKUP_OPERATION};
use crate::resource::table::{Property, Rule, Shape, Update};
use crate::user_pool_client::properties::{MODEL_OPERATION, PROPERTIES, TOKEN};

pub const PACKAGE: &str = "cognito";

/// Where the project lives; its GitHub releases hold the plugin archives.
pub const REPOSITORY: &str = "https://github.com/pulumi-cognito/pulumi-cognito";
pub const PLUGIN_DOWNLOAD_URL: &str = "github://api.github.com/pulumi-cognito/pulumi-cognito";

/// The schema document as pretty-printed JSON, ending in a newline.
pub fn json() -> String {
    let mut text = serde_json::to_string_pretty(&document()).unwrap_or_default();
    text.push('\n');
    text
}

pub fn document() -> Json {
    let config: Map<String, Json> = CONFIG
        .iter()
        .map(|p| (p.name.into(), config_spec(p)))
        .collect();
    let api = model::input(MODEL_OPERATION);
    let lookup_api = model::input(LOOKUP_OPERATION);
    let secret_api = model::input(secret::MODEL_OPERATION);
    let mut types = Map::new();
    collect_types(PROPERTIES, api, &mut types);
    collect_types(CONFIG, None, &mut types);
    types.insert(
        type_token(list::ITEM_TYPE),
        json!({
            "type": "object",
            "description": "An app client of a user pool, as `getUserPoolClients` lists it.",
            "properties": specs(list::ITEM.iter(), None),
            "required": names(list::ITEM.iter()),
        }),
    );
    let discover_api = model::input(list::MODEL_OPERATION);
    let inputs: Vec<&Property> = PROPERTIES.iter().filter(|p| p.is_input()).collect();
    json!({
        "name": PACKAGE,
        "displayName": "Amazon Cognito app clients",
        "version": crate::VERSION,
        "description": "Manages Amazon Cognito user pool app clients with a fast native provider that catches Cognito's rules at preview.",
        "keywords": ["pulumi", "aws", "cognito", "category/cloud", "kind/native"],
        "license": "Apache-2.0",
        "publisher": "pulumi-cognito",
        "homepage": REPOSITORY,
        "repository": REPOSITORY,
        // The engine installs the plugin on first use from the project's release archives
        // (pulumi-resource-cognito-v<version>-<os>-<arch>.tar.gz).
        "pluginDownloadURL": PLUGIN_DOWNLOAD_URL,
        "meta": { "moduleFormat": "(.*)" },
        "config": { "variables": config },
        "provider": {
            "description": "The provider for Amazon Cognito app clients. Unset settings fall back to the standard AWS configuration: environment variables, shared profiles, SSO and instance roles.",
            "inputProperties": config,
        },
        "types": types,
        "resources": {
            TOKEN: {
                "description": RESOURCE_DOCS,
                "inputProperties": specs(inputs.iter().copied(), api),
                "requiredInputs": names(inputs.iter().copied().filter(|p| p.required)),
                "properties": specs(PROPERTIES.iter(), api),
                "required": OUTPUTS_ALWAYS_SET,
            },
            secret::TOKEN: {
                "description": SECRET_DOCS,
                "inputProperties": specs(secret::PROPERTIES.iter().filter(|p| p.is_input()), secret_api),
                "requiredInputs": names(secret::PROPERTIES.iter().filter(|p| p.required)),
                "properties": specs(secret::PROPERTIES.iter(), secret_api),
                "required": SECRET_OUTPUTS_ALWAYS_SET,
            }
        },
        "functions": {
            FUNCTION: {
                "description": "Looks up an existing app client of a Cognito user pool and returns all its settings. The client secret is returned, as a secret, only with `includeSecret: true`.",
                "inputs": {
                    "type": "object",
                    "properties": specs(ARGUMENTS.iter(), lookup_api),
                    "required": names(ARGUMENTS.iter().filter(|p| p.required)),
                },
                "outputs": {
                    "type": "object",
                    // What Cognito describes: not the provider's own records of a resource it
                    // manages (the rows without a Cognito field).
                    "properties": specs(PROPERTIES.iter().filter(|p| !p.api.is_empty()), api),
                    "required": OUTPUTS_ALWAYS_SET,
                },
            },
            list::FUNCTION: {
                "description": "Lists every app client of a Cognito user pool (all pages), by id and name: for programs that act on a whole pool, and for adopting a pool's existing clients (see `pulumi-resource-cognito import-pool`).",
                "inputs": {
                    "type": "object",
                    "properties": specs(list::ARGUMENTS.iter(), discover_api),
                    "required": names(list::ARGUMENTS.iter().filter(|p| p.required)),
                },
                "outputs": {
                    "type": "object",
                    "properties": {
                        "userPoolId": { "type": "string", "description": "The id of the user pool." },
                        list::CLIENTS: {
                            "type": "array",
                            "items": reference(list::ITEM_TYPE),
                            "description": "Every app client of the pool, in the order Cognito lists them.",
                        },
                    },
                    "required": ["userPoolId", list::CLIENTS],
                },
            }
        },
        "language": {
            "nodejs": {
                "packageName": "@pulumi-cognito/cognito",
                "packageDescription": "Manage Amazon Cognito user pool app clients.",
                "dependencies": { "@pulumi/pulumi": PULUMI_NODEJS_RANGE },
                "respectSchemaVersion": true,
            },
            "python": {
                "packageName": "pulumi_cognito",
                "requires": { "pulumi": PULUMI_PYTHON_RANGE },
                "pyproject": { "enabled": true },
                "respectSchemaVersion": true,
            },
            "go": {
                "importBasePath": "github.com/pulumi-cognito/pulumi-cognito/sdk/go/cognito",
                "generateResourceContainerTypes": true,
                "respectSchemaVersion": true,
            },
        },
    })
}

/// The SDKs need at least the Pulumi version the project is pinned to (sdk-gen/versions.env).
const PULUMI_NODEJS_RANGE: &str = "^3.259.0";
const PULUMI_PYTHON_RANGE: &str = ">=3.259.0,<4.0.0";

/// Outputs every client has once it exists.
const OUTPUTS_ALWAYS_SET: [&str; 4] = ["userPoolId", "clientName", "clientId", "name"];

/// The resource's long-form documentation, with an example in each language.
const RESOURCE_DOCS: &str = include_str!("user_pool_client/docs.md");
const SECRET_DOCS: &str = include_str!("client_secret/docs.md");

/// Outputs every secret has once it exists.
const SECRET_OUTPUTS_ALWAYS_SET: [&str; 4] = ["userPoolId", "clientId", "clientSecret", "secretId"];

fn names<'a>(props: impl Iterator<Item = &'a Property>) -> Vec<&'static str> {
    props.map(|p| p.name).collect()
}

fn specs<'a>(
    props: impl Iterator<Item = &'a Property>,
    api: Option<&ApiShape>,
) -> Map<String, Json> {
    props
        .map(|p| (p.name.to_string(), spec(p, member(p, api))))
        .collect()
}

/// The API model's member for an input row (outputs are Cognito's to set, not constrained).
fn member(p: &Property, api: Option<&ApiShape>) -> Option<&'static ApiShape> {
    api.filter(|_| p.is_input())
        .and_then(|a| model::member_of(a, p.api))
}

/// The schema token of a type defined in this package: `TokenValidityUnits` ->
/// `cognito:index:TokenValidityUnits`.
fn type_token(name: &str) -> String {
    let mut chars = name.chars();
    let first = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or_default();
    format!("{PACKAGE}:index:{first}{}", chars.as_str())
}

fn reference(name: &str) -> Json {
    json!({ "$ref": format!("#/types/{}", type_token(name)) })
}

/// The closed set of values of a member (or of each item of a list member), if any.
fn closed_set(member: Option<&ApiShape>) -> Option<&'static [String]> {
    let m = model::model().ok()?;
    let member = m.shape(&member?.name)?;
    let shape = match member.kind {
        Kind::List => m.item(member)?,
        _ => member,
    };
    (!shape.values.is_empty()).then_some(shape.values.as_slice())
}

/// The closed set of values a rule list allows, if any (tables without a model).
fn enum_of(rules: &[Rule]) -> Option<&'static str> {
    rules.iter().find_map(|r| match r {
        Rule::OneOf { name, .. } => Some(*name),
        _ => None,
    })
}

fn spec(p: &Property, member: Option<&ApiShape>) -> Json {
    let enumerated = p
        .enum_type
        .filter(|_| closed_set(member).is_some())
        .or_else(|| enum_of(p.rules));
    let mut s = match p.shape {
        Shape::String => enumerated.map_or_else(|| json!({ "type": "string" }), reference),
        Shape::Integer => json!({ "type": "integer" }),
        Shape::Boolean => json!({ "type": "boolean" }),
        Shape::StringSet | Shape::StringList => {
            let item = enumerated.map_or_else(|| json!({ "type": "string" }), reference);
            json!({ "type": "array", "items": item })
        }
        Shape::AnyList => json!({ "type": "array", "items": { "$ref": "pulumi.json#/Any" } }),
        Shape::Object(_) => reference(p.name),
    };
    s["description"] = json!(describe(p, member));
    if p.update == Update::Replace {
        s["replaceOnChanges"] = json!(true);
    }
    if p.secret {
        s["secret"] = json!(true);
    }
    s
}

/// The row's description followed by its constraints in words, from the API model and the
/// row's own rules, so the docs state exactly what Check enforces.
fn describe(p: &Property, member: Option<&ApiShape>) -> String {
    let mut text = p.description.to_string();
    let mut rules: Vec<String> = match (p.narrowed, member) {
        (Some(narrowed), _) => vec![narrowed.to_string()],
        (None, Some(member)) => model_text(member, ""),
        (None, None) => vec![],
    };
    rules.extend(p.rules.iter().filter_map(|r| rule_text(r, "")));
    if matches!(p.shape, Shape::StringSet) {
        rules.push("order does not matter, and a repeated value counts once".into());
    }
    if !rules.is_empty() {
        text.push_str(&format!(" Constraints: {}.", rules.join("; ")));
    }
    if p.update == Update::Replace {
        text.push_str(
            " Changing it replaces the client: a new one is created before the old one is deleted.",
        );
    }
    text
}

/// A model shape's constraints in words.
fn model_text(shape: &ApiShape, each: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bounds = |unit: &str| match (shape.min, shape.max) {
        (Some(min), Some(max)) => Some(format!("{min} to {max}{unit}")),
        (Some(min), None) if min > 0 => Some(format!("at least {min}{unit}")),
        (None, Some(max)) => Some(format!("at most {max}{unit}")),
        _ => None,
    };
    match shape.kind {
        Kind::String => {
            if let Some(b) = bounds(" characters") {
                out.push(format!("{each}{b}"));
            }
            if !shape.values.is_empty() {
                let values: Vec<String> = shape.values.iter().map(|v| format!("`{v}`")).collect();
                out.push(format!("{each}one of {}", values.join(", ")));
            } else if let Some(p) = &shape.pattern {
                out.push(format!("{each}matches `{p}`"));
            }
        }
        Kind::Integer => match (shape.min, shape.max) {
            (Some(min), Some(max)) => out.push(format!("{each}between {min} and {max}")),
            (Some(min), None) => out.push(format!("{each}at least {min}")),
            (None, Some(max)) => out.push(format!("{each}at most {max}")),
            (None, None) => {}
        },
        Kind::List => {
            if let Some(max) = shape.max {
                out.push(format!("at most {max} items"));
            }
            if let Some(item) = model::model().ok().and_then(|m| m.item(shape)) {
                out.extend(model_text(item, "each item "));
            }
        }
        _ => {}
    }
    out
}

fn rule_text(rule: &Rule, each: &str) -> Option<String> {
    Some(match rule {
        Rule::Length { min, max } => format!("{each}{min} to {max} characters"),
        Rule::Pattern(p) => format!("{each}matches `{p}`"),
        Rule::Range { min, max } => format!("{each}between {min} and {max}"),
        Rule::MaxItems(n) => format!("at most {n} items"),
        Rule::OneOf { values, .. } => {
            let values: Vec<String> = values().iter().map(|v| format!("`{v}`")).collect();
            format!("{each}one of {}", values.join(", "))
        }
        Rule::EachItem(rules) => {
            let texts: Vec<String> = rules
                .iter()
                .filter_map(|r| rule_text(r, "each item "))
                .collect();
            return Some(texts.join("; ")).filter(|t| !t.is_empty());
        }
        Rule::Check(_) => return None,
    })
}

fn config_spec(p: &Property) -> Json {
    let mut s = spec(p, None);
    if !p.api.is_empty() {
        s["defaultInfo"] = json!({ "environment": [p.api] });
    }
    s
}

/// Object types for object-shaped properties, and enum types for closed value sets.
fn collect_types(props: &[Property], api: Option<&ApiShape>, types: &mut Map<String, Json>) {
    for p in props.iter().filter(|p| p.is_input()) {
        let member = member(p, api);
        if let (Some(name), Some(values)) = (p.enum_type, closed_set(member)) {
            let values: Vec<Json> = values
                .iter()
                .map(|v| json!({ "name": pascal_case(v), "value": v }))
                .collect();
            types.insert(
                type_token(name),
                json!({ "type": "string", "enum": values }),
            );
        }
        if let Shape::Object(fields) = p.shape {
            types.insert(
                type_token(p.name),
                json!({
                    "type": "object",
                    "description": p.description,
                    "properties": specs(fields.iter(), member),
                    "required": names(fields.iter().filter(|f| f.required)),
                }),
            );
            collect_types(fields, member, types);
        }
    }
}

/// `ALLOW_USER_SRP_AUTH` -> `AllowUserSrpAuth`, `client_credentials` -> `ClientCredentials`:
/// the name each SDK gives an enum value.
fn pascal_case(value: &str) -> String {
    value
        .split(['_', '-', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_schema_is_current() {
        let committed = include_str!("../schema/schema.json");
        assert!(
            committed == json(),
            "schema/schema.json is stale: run `make schema` and commit the result"
        );
    }

    #[test]
    fn sdk_dependencies_start_at_the_pinned_pulumi_version() {
        let pinned = include_str!("../sdk-gen/versions.env")
            .lines()
            .find_map(|l| l.strip_prefix("PULUMI_VERSION="))
            .unwrap_or_default();
        assert_eq!(PULUMI_NODEJS_RANGE, format!("^{pinned}"));
        assert!(PULUMI_PYTHON_RANGE.starts_with(&format!(">={pinned},")));
    }

    #[test]
    fn replace_and_secret_flags_follow_the_table() {
        let doc = document();
        let res = &doc["resources"][TOKEN];
        assert_eq!(
            res["inputProperties"]["userPoolId"]["replaceOnChanges"],
            json!(true)
        );
        assert_eq!(
            res["inputProperties"]["generateSecret"]["replaceOnChanges"],
            json!(true)
        );
        assert_eq!(
            res["inputProperties"]["clientName"].get("replaceOnChanges"),
            None
        );
        assert_eq!(res["properties"]["clientSecret"]["secret"], json!(true));
        assert_eq!(
            res["inputProperties"]["clientSecret"]["secret"],
            json!(true)
        );
        assert_eq!(
            doc["config"]["variables"]["secretKey"]["secret"],
            json!(true)
        );
        assert_eq!(
            res["inputProperties"]["tokenValidityUnits"]["$ref"],
            json!("#/types/cognito:index:TokenValidityUnits")
        );
        assert!(
            doc["types"]["cognito:index:RefreshTokenRotation"]["required"] == json!(["feature"])
        );
    }
}
