//! The two providers a stack's app clients can come from, and how their properties map to this
//! provider's. Names are those of the published SDK types (`@pulumi/aws`
//! `cognito.UserPoolClient`, `@pulumi/aws-native` `cognito.UserPoolClient`); both name nested
//! fields as this provider does.

use serde_json::{Map, Value as Json};

use super::export::{Resource, is_secret, reveal};
use crate::user_pool_client::properties::{self, CLIENT_NAME, USER_POOL_ID};

/// Where a client's state came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// pulumi-aws (`aws:cognito/userPoolClient:UserPoolClient`): the id is the client id.
    Aws,
    /// aws-native (`aws-native:cognito:UserPoolClient`): the id is `<pool>|<client>`.
    AwsNative,
}

impl Source {
    pub fn of(kind: &str) -> Option<Source> {
        match kind {
            "aws:cognito/userPoolClient:UserPoolClient" => Some(Source::Aws),
            "aws-native:cognito:UserPoolClient" => Some(Source::AwsNative),
            _ => None,
        }
    }

    pub fn provider_name(self) -> &'static str {
        match self {
            Source::Aws => "pulumi-aws",
            Source::AwsNative => "aws-native",
        }
    }

    /// The property of this source that holds one of ours, by our name.
    pub fn old_name(self, ours: &str) -> &str {
        match (self, ours) {
            (Source::Aws, CLIENT_NAME) => "name",
            (Source::Aws, "allowedOAuthFlows") => "allowedOauthFlows",
            (Source::Aws, "allowedOAuthScopes") => "allowedOauthScopes",
            (Source::Aws, "allowedOAuthFlowsUserPoolClient") => "allowedOauthFlowsUserPoolClient",
            _ => ours,
        }
    }

    /// Properties of the source that have no counterpart among ours and carry nothing a
    /// migration must keep (ids, ARNs, echoes of the name, the secret): not reported as lost.
    fn known_extra(self, old: &str) -> bool {
        matches!(
            (self, old),
            (_, "id" | "urn" | "clientSecret" | "__defaults")
                | (Source::Aws, "region")
                | (Source::AwsNative, "clientId" | "name")
        )
    }
}

/// A client to move: where it is, and its settings in this provider's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub source: Source,
    pub user_pool_id: String,
    pub client_id: String,
    /// Our input properties that the old state holds.
    pub settings: Vec<Setting>,
    /// Old properties that have no counterpart here and carry something: named in the report.
    pub unmapped: Vec<String>,
    /// Whether the old state holds a client secret.
    pub has_secret: bool,
}

/// One property carried over.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// Its name here, and its value in this provider's shape (`None`: a secret).
    pub name: String,
    pub value: Option<Json>,
    /// Its name and value in the old state.
    pub old_name: String,
    pub old_value: Json,
}

/// Reads one old client; `Err` says what is missing.
pub fn client(source: Source, r: &Resource) -> Result<Client, String> {
    let text = |key: &str| {
        r.outputs
            .get(key)
            .and_then(reveal)
            .and_then(|v| v.as_str().map(str::to_string))
            .filter(|s| !s.is_empty())
    };
    let (pool, id) = match source {
        Source::Aws => (
            text(USER_POOL_ID),
            Some(r.id.clone()).filter(|s| !s.is_empty()),
        ),
        Source::AwsNative => {
            let (p, c) = r.id.split_once('|').unzip();
            (
                text(USER_POOL_ID).or(p.map(str::to_string)),
                text("clientId").or(c.map(str::to_string)),
            )
        }
    };
    let user_pool_id = pool.ok_or("its state has no `userPoolId`")?;
    let client_id = id.ok_or("its state has no client id")?;
    let mut settings = Vec::new();
    let mut used = Vec::new();
    for p in properties::inputs() {
        if p.name == "clientSecret" {
            continue;
        }
        let old = source.old_name(p.name);
        let Some(value) = r.outputs.get(old) else {
            continue;
        };
        used.push(old.to_string());
        if value.is_null() {
            continue;
        }
        let old_value = value.clone();
        // A value the state keeps secret stays unshown even when the export reveals it: the
        // import reads the live client, so the plan never needs it.
        let value = match is_secret(value) {
            true => None,
            false => reveal(value).map(unwrap_single),
        };
        // An empty list, object or string is what an unset setting reads back as in pulumi-aws,
        // and so is a lifetime of 0 (no lifetime is 0: Cognito's shortest is 5 minutes).
        let unset_lifetime =
            p.name.ends_with("Validity") && value.as_ref().and_then(Json::as_f64) == Some(0.0);
        if matches!(&value, Some(Json::Array(a)) if a.is_empty())
            || matches!(&value, Some(Json::Object(o)) if o.is_empty())
            || matches!(&value, Some(Json::String(s)) if s.is_empty())
            || unset_lifetime
        {
            continue;
        }
        settings.push(Setting {
            name: p.name.to_string(),
            value: value.map(clean),
            old_name: old.to_string(),
            old_value,
        });
    }
    let unmapped = r
        .outputs
        .iter()
        .filter(|(k, v)| !used.contains(k) && !source.known_extra(k) && !v.is_null())
        .map(|(k, _)| k.clone())
        .collect();
    Ok(Client {
        source,
        user_pool_id,
        client_id,
        settings,
        unmapped,
        has_secret: r
            .outputs
            .get("clientSecret")
            .is_some_and(|v| !v.is_null() && v.as_str() != Some("")),
    })
}

/// pulumi-aws has written its nested blocks (`tokenValidityUnits`, `analyticsConfiguration`,
/// `refreshTokenRotation`) as objects in some releases and as one-element lists in others.
fn unwrap_single(v: Json) -> Json {
    match v {
        Json::Array(mut items) if items.len() == 1 && items[0].is_object() => items.remove(0),
        other => other,
    }
}

/// Drops nulls and empty strings inside a nested object (unset fields, as state writes them).
fn clean(v: Json) -> Json {
    match v {
        Json::Object(o) => Json::Object(
            o.into_iter()
                .filter(|(_, f)| !f.is_null() && f.as_str() != Some(""))
                .collect::<Map<String, Json>>(),
        ),
        other => other,
    }
}
