//! A Cognito user pools emulator on 127.0.0.1 for pulumi-cognito's tests.
//!
//!     strict-cognito [--port N] [--account ID]
//!
//! Serves the Cognito API (awsJson 1.1, any credentials) through fakecloud's dispatcher, and
//! the OAuth 2.0 endpoints of a pool's domain: `POST /oauth2/token`, and `GET /oauth2/authorize`
//! where the hosted sign-in page is replaced by `username` and `password` query parameters
//! (fakecloud's scripted login), so a test can sign a user in through the authorization code
//! flow. Prints `http://127.0.0.1:PORT` on stdout once it listens (port 0, the default, lets the
//! kernel choose), then serves until SIGTERM or SIGINT. `GET /_health` answers 200 for
//! readiness probes. State lives in memory only. App client secrets (rotation, bring your own)
//! are modelled here, in front of fakecloud (see secrets.rs), and so is STS's GetCallerIdentity
//! (sts.rs), answering with the emulator's one account (`--account`, 123456789012 unless set).
//! Client dates carry milliseconds, as Cognito's do (dates.rs), and `GET /_calls` counts the
//! calls answered per operation (calls.rs).
//! A client that publishes analytics by a Pinpoint ARN gets Cognito's service-linked role, as
//! Cognito gives it (analytics.rs).

use std::collections::BTreeMap;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use base64::Engine;
use fakecloud_cognito::{
    CognitoService, OAuth2AuthorizeError, OAuth2AuthorizeOutcome, OAuth2AuthorizeRequest,
    SharedCognitoState,
};
use fakecloud_core::dispatch::DispatchConfig;
use fakecloud_core::multi_account::MultiAccountState;
use fakecloud_core::registry::ServiceRegistry;

const ACCOUNT: &str = "123456789012";

/// The Cognito API operation a request calls (`X-Amz-Target`), empty for anything else.
pub fn operation(request: &axum::extract::Request) -> String {
    request
        .headers()
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .and_then(|t| t.strip_prefix("AWSCognitoIdentityProviderService."))
        .unwrap_or_default()
        .to_string()
}
const REGION: &str = "us-east-1";

mod analytics;
mod calls;
mod dates;
mod secrets;
mod sts;

#[derive(Clone)]
struct App {
    state: SharedCognitoState,
    secrets: secrets::Secrets,
}

/// The port (0: any) and the account, from the command line.
fn args() -> Result<(u16, String), String> {
    let mut args = std::env::args().skip(1);
    let (mut port, mut account) = (0, ACCOUNT.to_string());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let v = args.next().ok_or("--port needs a value")?;
                port = v.parse().map_err(|_| format!("--port {v}: not a port"))?;
            }
            "--account" => {
                let v = args.next().ok_or("--account needs a value")?;
                if v.len() != 12 || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!("--account {v}: not a 12-digit AWS account id"));
                }
                account = v;
            }
            other => {
                return Err(format!(
                    "unknown argument {other:?}; usage: strict-cognito [--port N] [--account ID]"
                ))
            }
        }
    }
    Ok((port, account))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let (port, account) = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("strict-cognito: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("strict-cognito: cannot listen on 127.0.0.1:{port}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("strict-cognito: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let url = format!("http://{addr}");
    let state: SharedCognitoState = Arc::new(parking_lot::RwLock::new(MultiAccountState::new(
        &account, REGION, &url,
    )));
    let mut registry = ServiceRegistry::new();
    registry.register(Arc::new(CognitoService::new(state.clone())));
    let secrets = secrets::Secrets::default();
    let calls = calls::Calls::default();
    let app = Router::new()
        .route("/_health", get(|| async { "ok" }))
        .route("/_calls", get(calls::report).with_state(calls.clone()))
        .route("/oauth2/token", post(token))
        .route("/oauth2/authorize", get(authorize))
        .with_state(App {
            state: state.clone(),
            secrets: secrets.clone(),
        })
        .fallback(fakecloud_core::dispatch::dispatch)
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), secrets),
            secrets::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(state, dates::layer))
        .layer(axum::middleware::from_fn_with_state(
            account.clone(),
            analytics::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            account.clone(),
            sts::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(calls, calls::layer))
        .layer(Extension(Arc::new(registry)))
        .layer(Extension(Arc::new(DispatchConfig::new(REGION, &account))));

    // The URL is the readiness contract with sdk-gen/strict-cognito.sh: printed once bound.
    println!("{url}");
    let _ = std::io::stdout().flush();
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stopped())
    .await;
    match served {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("strict-cognito: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn stopped() {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
}

/// `POST /oauth2/token`: the form body, and client credentials from HTTP Basic when given.
async fn token(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let mut params: BTreeMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    let mut basic = basic_auth(&headers);
    // Any current secret of the client is accepted, and no other (see secrets.rs): one that is
    // is handed to fakecloud as the value it compares with.
    let client_id = basic
        .as_ref()
        .map(|(id, _)| id.clone())
        .or_else(|| params.get("client_id").cloned())
        .unwrap_or_default();
    let supplied = basic
        .as_ref()
        .map(|(_, s)| s.clone())
        .or_else(|| params.get("client_secret").cloned());
    if let Some(supplied) = supplied {
        match app.secrets.accepts(&app.state, &client_id, &supplied) {
            Some(true) => {
                let theirs =
                    secrets::Secrets::fakecloud_secret(&app.state, &client_id).unwrap_or(supplied);
                if let Some((_, s)) = basic.as_mut() {
                    *s = theirs.clone();
                }
                if params.contains_key("client_secret") {
                    params.insert("client_secret".into(), theirs);
                }
            }
            Some(false) => {
                return (
                    StatusCode::UNAUTHORIZED,
                    Json(serde_json::json!({ "error": "invalid_client" })),
                )
                    .into_response();
            }
            None => {}
        }
    }
    let basic_ref = basic
        .as_ref()
        .map(|(id, secret)| (id.as_str(), secret.as_str()));
    match fakecloud_cognito::handle_oauth2_token(&app.state, &params, basic_ref, REGION, None).await
    {
        Ok(answer) => (StatusCode::OK, Json(answer.to_json())).into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
            let body = serde_json::json!({ "error": e.as_oauth_code() });
            (status, Json(body)).into_response()
        }
    }
}

fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get("authorization")?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    // RFC 6749 2.3.1: both parts are form-urlencoded before they are joined.
    let unescape = |s: &str| -> String {
        form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some((unescape(id), unescape(secret)))
}

/// `GET /oauth2/authorize`: a redirect (302) to the callback URL with a code or an OAuth error,
/// 400 for a client or redirect URI that must not be redirected to, and 401 when no user signed
/// in (the real endpoint would show its sign-in page).
async fn authorize(State(app): State<App>, Query(q): Query<BTreeMap<String, String>>) -> Response {
    let text = |k: &str| q.get(k).cloned();
    let req = OAuth2AuthorizeRequest {
        response_type: text("response_type").unwrap_or_default(),
        client_id: text("client_id").unwrap_or_default(),
        redirect_uri: text("redirect_uri").unwrap_or_default(),
        scope: text("scope"),
        state: text("state"),
        code_challenge: text("code_challenge"),
        code_challenge_method: text("code_challenge_method"),
        nonce: text("nonce"),
        username: text("username"),
        password: text("password"),
    };
    match fakecloud_cognito::handle_oauth2_authorize(&app.state, &req, REGION, None).await {
        Ok(OAuth2AuthorizeOutcome::Redirect(location)) => {
            (StatusCode::FOUND, [("location", location)]).into_response()
        }
        Ok(OAuth2AuthorizeOutcome::LoginRequired { .. }) => (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({ "error": "login_required" })),
        )
            .into_response(),
        Err(e) => {
            let code = match e {
                OAuth2AuthorizeError::InvalidClient => "invalid_client",
                OAuth2AuthorizeError::InvalidRedirectUri => "invalid_redirect_uri",
            };
            (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({ "error": code })),
            )
                .into_response()
        }
    }
}
