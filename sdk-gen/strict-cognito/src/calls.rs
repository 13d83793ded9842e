//! How many calls of each API operation the emulator has answered, for benchmarks that count
//! what the provider asks of Cognito per resource operation: `GET /_calls` answers a JSON object
//! of operation name to count (STS's GetCallerIdentity included, as `sts:GetCallerIdentity`).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::Json;
use parking_lot::Mutex;

#[derive(Clone, Default)]
pub struct Calls(Arc<Mutex<BTreeMap<String, u64>>>);

pub async fn layer(State(calls): State<Calls>, request: Request, next: Next) -> Response {
    let op = request
        .headers()
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .and_then(|t| t.rsplit('.').next())
        .map(str::to_string);
    let op = op.or_else(|| {
        // STS (the query protocol) is told apart as sts.rs does: by its signature's scope.
        request
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("/sts/aws4_request"))
            .then(|| "sts:GetCallerIdentity".to_string())
    });
    if let Some(op) = op {
        *calls.0.lock().entry(op).or_default() += 1;
    }
    next.run(request).await
}

/// `GET /_calls`.
pub async fn report(State(calls): State<Calls>) -> Json<BTreeMap<String, u64>> {
    Json(calls.0.lock().clone())
}
