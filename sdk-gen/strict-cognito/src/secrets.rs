//! App client secrets as the AWS API Reference describes them, in front of fakecloud, whose own
//! are shallow (it ignores a ClientSecret given to CreateUserPoolClient, lists no secret made at
//! creation, gives two adds in one second the same id, sets no limit, and keeps deleted
//! secrets). Here a client holds up to two secrets, each with its own id; the one made at
//! creation (generated, or the caller's) is the first; a secret added with
//! AddUserPoolClientSecret works at /oauth2/token beside the others; a deleted one no longer
//! does; DescribeUserPoolClient reports the first current secret.
//!
//! What real Cognito answers in the cases the reference leaves open is not known here: a third
//! secret is refused with LimitExceededException, and deleting the last one with
//! InvalidParameterException.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fakecloud_cognito::SharedCognitoState;
use parking_lot::Mutex;
use serde_json::{json, Value};

#[derive(Clone, Debug)]
struct Secret {
    id: String,
    value: String,
    created: f64,
}

/// The secrets of each client, by client id; a client appears once a secret call or a create
/// with a secret concerns it.
#[derive(Clone, Default)]
pub struct Secrets {
    by_client: Arc<Mutex<HashMap<String, Vec<Secret>>>>,
}

const MOST: usize = 2;
fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or_default()
}

fn new_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    format!("{:08x}-{:04x}", (now() as u64) & 0xffff_ffff, n)
}

fn error(status: StatusCode, code: &str, message: String) -> Response {
    let body = json!({ "__type": code, "message": message }).to_string();
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    resp
}

fn ok(body: Value) -> Response {
    let mut resp = (StatusCode::OK, body.to_string()).into_response();
    resp.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    resp
}

impl Secrets {
    /// The client's current secrets, seeded from fakecloud's client on first use.
    fn current(&self, state: &SharedCognitoState, client_id: &str) -> Option<Vec<Secret>> {
        let mut all = self.by_client.lock();
        if let Some(secrets) = all.get(client_id) {
            return Some(secrets.clone());
        }
        let original = state
            .read()
            .iter()
            .find_map(|(_, account)| account.user_pool_clients.get(client_id).cloned())?
            .client_secret;
        let secrets: Vec<Secret> = original
            .into_iter()
            .map(|value| Secret {
                id: new_id(),
                value,
                created: now(),
            })
            .collect();
        all.insert(client_id.to_string(), secrets.clone());
        Some(secrets)
    }

    /// Whether `supplied` is one of the client's current secrets; `None` when the client has
    /// none of its secrets tracked here (fakecloud decides alone).
    pub fn accepts(
        &self,
        state: &SharedCognitoState,
        client_id: &str,
        supplied: &str,
    ) -> Option<bool> {
        let secrets = self.current(state, client_id)?;
        if secrets.is_empty() {
            return None;
        }
        Some(secrets.iter().any(|s| s.value == supplied))
    }

    /// fakecloud's own record of the client's secret, which its token endpoint compares with.
    pub fn fakecloud_secret(state: &SharedCognitoState, client_id: &str) -> Option<String> {
        state
            .read()
            .iter()
            .find_map(|(_, account)| account.user_pool_clients.get(client_id).cloned())?
            .client_secret
    }
}

/// The middleware: the secret operations are answered here; CreateUserPoolClient and
/// DescribeUserPoolClient go to fakecloud and are completed here.
pub async fn layer(
    axum::extract::State((state, secrets)): axum::extract::State<(SharedCognitoState, Secrets)>,
    request: Request,
    next: Next,
) -> Response {
    let op = crate::operation(&request);
    if !matches!(
        op.as_str(),
        "AddUserPoolClientSecret"
            | "ListUserPoolClientSecrets"
            | "DeleteUserPoolClientSecret"
            | "CreateUserPoolClient"
            | "DescribeUserPoolClient"
            | "DeleteUserPoolClient"
    ) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, 1 << 20).await {
        Ok(b) => b,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "SerializationException",
                e.to_string(),
            )
        }
    };
    let input: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let client_id = input["ClientId"].as_str().unwrap_or_default().to_string();
    let forward = |bytes: Bytes| Request::from_parts(parts.clone(), Body::from(bytes));
    match op.as_str() {
        "AddUserPoolClientSecret" | "ListUserPoolClientSecrets" | "DeleteUserPoolClientSecret" => {
            let Some(secrets_now) = secrets.current(&state, &client_id) else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "ResourceNotFoundException",
                    format!("Client {client_id} does not exist."),
                );
            };
            secrets.answer(&op, &client_id, &input, secrets_now)
        }
        "CreateUserPoolClient" => {
            let response = next.run(forward(bytes.clone())).await;
            let brought = input["ClientSecret"].as_str().map(str::to_string);
            match brought {
                Some(value) if response.status() == StatusCode::OK => {
                    created_with(&state, &secrets, response, value).await
                }
                _ => response,
            }
        }
        "DescribeUserPoolClient" => {
            let response = next.run(forward(bytes)).await;
            let first = secrets
                .current(&state, &client_id)
                .and_then(|s| s.first().map(|s| s.value.clone()));
            match first {
                Some(value) if response.status() == StatusCode::OK => {
                    rewrite(response, |v| {
                        v["UserPoolClient"]["ClientSecret"] = json!(value);
                    })
                    .await
                }
                _ => response,
            }
        }
        _ => {
            // DeleteUserPoolClient: its secrets go with it.
            let response = next.run(forward(bytes)).await;
            if response.status() == StatusCode::OK {
                secrets.by_client.lock().remove(&client_id);
            }
            response
        }
    }
}

impl Secrets {
    fn answer(&self, op: &str, client_id: &str, input: &Value, current: Vec<Secret>) -> Response {
        let describe = |s: &Secret, with_value: bool| {
            let mut d = json!({ "ClientSecretId": s.id, "ClientSecretCreateDate": s.created });
            if with_value {
                d["ClientSecretValue"] = json!(s.value);
            }
            d
        };
        match op {
            "ListUserPoolClientSecrets" => ok(json!({
                "ClientSecrets": current.iter().map(|s| describe(s, false)).collect::<Vec<_>>()
            })),
            "AddUserPoolClientSecret" => {
                if current.is_empty() {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "InvalidParameterException",
                        format!("Client {client_id} has no secret: only a confidential client takes another."),
                    );
                }
                if current.len() >= MOST {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "LimitExceededException",
                        format!("Client {client_id} already has {MOST} client secrets."),
                    );
                }
                let brought = input["ClientSecret"].as_str();
                let secret = Secret {
                    id: new_id(),
                    value: brought
                        .map(str::to_string)
                        .unwrap_or_else(|| new_id().repeat(3)),
                    created: now(),
                };
                self.by_client
                    .lock()
                    .entry(client_id.to_string())
                    .or_default()
                    .push(secret.clone());
                // The value comes back only when Cognito generated it.
                ok(json!({ "ClientSecretDescriptor": describe(&secret, brought.is_none()) }))
            }
            _ => {
                let id = input["ClientSecretId"].as_str().unwrap_or_default();
                if !current.iter().any(|s| s.id == id) {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "ResourceNotFoundException",
                        format!("Client secret {id} does not exist."),
                    );
                }
                if current.len() == 1 {
                    return error(
                        StatusCode::BAD_REQUEST,
                        "InvalidParameterException",
                        format!("Client secret {id} is the last secret of client {client_id}."),
                    );
                }
                if let Some(list) = self.by_client.lock().get_mut(client_id) {
                    list.retain(|s| s.id != id);
                }
                ok(json!({}))
            }
        }
    }
}

/// After fakecloud made a client for a CreateUserPoolClient that brought its secret: the client
/// gets that secret (fakecloud ignores it), and the answer says so.
async fn created_with(
    state: &SharedCognitoState,
    secrets: &Secrets,
    response: Response,
    value: String,
) -> Response {
    let mut client_id = String::new();
    let response = rewrite(response, |v| {
        client_id = v["UserPoolClient"]["ClientId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        v["UserPoolClient"]["ClientSecret"] = json!(value);
    })
    .await;
    for (_, account) in state.write().iter_mut() {
        if let Some(client) = account.user_pool_clients.get_mut(&client_id) {
            client.client_secret = Some(value.clone());
        }
    }
    secrets.by_client.lock().insert(
        client_id,
        vec![Secret {
            id: new_id(),
            value,
            created: now(),
        }],
    );
    response
}

async fn rewrite(response: Response, edit: impl FnOnce(&mut Value)) -> Response {
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let mut value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    edit(&mut value);
    let mut parts = parts;
    parts.headers.remove("content-length");
    Response::from_parts(parts, Body::from(value.to_string()))
}
