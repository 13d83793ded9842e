//! Pinpoint analytics by ARN, as Cognito stores it: a client that publishes to a project by its
//! ARN (`ApplicationArn`, no role) gets Cognito's service-linked role as its `RoleArn`, which
//! DescribeUserPoolClient then reports (fakecloud echoes only what it was sent). What import
//! reads back from such a client must still be a configuration Check accepts.

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

pub async fn layer(
    axum::extract::State(account): axum::extract::State<String>,
    request: Request,
    next: Next,
) -> Response {
    let op = crate::operation(&request);
    if !matches!(op.as_str(), "CreateUserPoolClient" | "UpdateUserPoolClient") {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, 1 << 20).await {
        Ok(b) => b,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let mut input: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let analytics = &mut input["AnalyticsConfiguration"];
    let bytes = if analytics["ApplicationArn"].is_string() && analytics["RoleArn"].is_null() {
        analytics["RoleArn"] = json!(format!(
            "arn:aws:iam::{account}:role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp"
        ));
        let body = input.to_string();
        parts.headers.remove("content-length");
        axum::body::Bytes::from(body)
    } else {
        bytes
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
