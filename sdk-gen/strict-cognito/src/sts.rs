//! STS's GetCallerIdentity, so that the provider can learn which account its credentials are
//! for (it records the account of a client's pool, and compares it when the pool is gone).
//! Every caller is in the emulator's one account (`--account`). Requests are told apart by the
//! service their signature is scoped to (`Credential=<key>/<date>/<region>/sts/aws4_request`);
//! anything else goes on to Cognito.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn layer(
    axum::extract::State(account): axum::extract::State<String>,
    request: Request,
    next: Next,
) -> Response {
    let service = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.split("Credential=").nth(1))
        .and_then(|c| c.split(',').next())
        .and_then(|scope| scope.split('/').nth(3))
        .unwrap_or_default()
        .to_string();
    if service != "sts" {
        return next.run(request).await;
    }
    let body = match axum::body::to_bytes(request.into_body(), 1 << 16).await {
        Ok(b) => b,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let action = form_urlencoded::parse(&body)
        .find(|(k, _)| k == "Action")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    if action != "GetCallerIdentity" {
        return xml(
            StatusCode::BAD_REQUEST,
            format!(
                "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>this emulator serves only GetCallerIdentity, not {action}</Message></Error></ErrorResponse>"
            ),
        );
    }
    xml(
        StatusCode::OK,
        format!(
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><UserId>AIDAEMULATOR</UserId><Account>{account}</Account><Arn>arn:aws:iam::{account}:user/emulator</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>0</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
        ),
    )
}

fn xml(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut()
        .insert("content-type", HeaderValue::from_static("text/xml"));
    resp
}
