//! App client dates as Cognito reports them. fakecloud keeps each client's creation and last
//! modification to the nanosecond but answers in whole seconds; Cognito's answers carry
//! milliseconds. The provider's recovery after a lost create compares `CreationDate` with the
//! moment its request left, so a date cut down to the second would make a client the create
//! itself made look older than the request: here the answers carry fakecloud's own dates to
//! the millisecond, as Cognito's do.

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fakecloud_cognito::SharedCognitoState;
use serde_json::{json, Value};

pub async fn layer(
    axum::extract::State(state): axum::extract::State<SharedCognitoState>,
    request: Request,
    next: Next,
) -> Response {
    let op = crate::operation(&request);
    let response = next.run(request).await;
    if !matches!(
        op.as_str(),
        "CreateUserPoolClient" | "DescribeUserPoolClient" | "UpdateUserPoolClient"
    ) || response.status() != StatusCode::OK
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, 1 << 20).await {
        Ok(b) => b,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let Ok(mut answer) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let client = &mut answer["UserPoolClient"];
    let id = client["ClientId"].as_str().unwrap_or_default().to_string();
    let dates = state.read().iter().find_map(|(_, account)| {
        let c = account.user_pool_clients.get(&id)?;
        Some((
            c.creation_date.timestamp_millis(),
            c.last_modified_date.timestamp_millis(),
        ))
    });
    let Some((created, modified)) = dates else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    client["CreationDate"] = json!(created as f64 / 1000.0);
    client["LastModifiedDate"] = json!(modified as f64 / 1000.0);
    parts.headers.remove("content-length");
    Response::from_parts(parts, Body::from(answer.to_string()))
}
