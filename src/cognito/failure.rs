//! A failed Cognito call, classified by what it means for the caller: a rule broken, a refusal
//! worth retrying, a request that may or may not have been acted on, or one that never left
//! (no connection, no credentials). Messages are one readable sentence, never a debug dump.

use std::any::Any;
use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::dns::ResolveDnsError;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use super::assume_role::AssumeRoleFailed;

/// The class of a Cognito failure: what decides whether a retry can help, and how the provider
/// reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    NotFound,
    InvalidInput,
    Throttled,
    Conflict,
    AccessDenied,
    LimitExceeded,
    /// Cognito or the network failed; the request may not have been processed.
    Unavailable,
    /// The endpoint could not be reached at all (connection refused, no such host, no
    /// connection in time): the request never left, so repeating it is safe.
    Unreachable,
    /// Something at the endpoint answered, but not as Cognito does (a proxy's error page, a web
    /// server on the wrong port). Whether the request went on to Cognito is not known, so for a
    /// change it is as open as `Unavailable`.
    NotCognito,
    /// No AWS credentials could be found.
    NoCredentials,
    /// The credentials were found, but the role they were to assume (`assumeRole`) was not
    /// granted; its message names the role and STS's reason.
    RoleNotAssumed,
    TimedOut,
}

/// A failed call, classified; the caller adds what it was doing and to which client.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: FailureKind,
    pub code: Option<String>,
    pub message: String,
}

impl Failure {
    pub fn is_not_found(&self) -> bool {
        self.kind == FailureKind::NotFound
    }
}

impl<E, R> From<SdkError<E, R>> for Failure
where
    E: ProvideErrorMetadata + StdError + 'static,
    R: std::fmt::Debug + 'static,
{
    fn from(err: SdkError<E, R>) -> Self {
        let code = err.code().map(str::to_string);
        if code.is_none() {
            if let Some(assume) = find::<AssumeRoleFailed>(&err) {
                return Failure {
                    kind: FailureKind::RoleNotAssumed,
                    code,
                    message: assume.to_string(),
                };
            }
            if let Some(credentials) = find::<CredentialsError>(&err) {
                return Failure {
                    kind: FailureKind::NoCredentials,
                    code,
                    message: no_credentials(credentials),
                };
            }
            if let Some(cause) = never_sent(&err) {
                return Failure {
                    kind: FailureKind::Unreachable,
                    code,
                    message: cause,
                };
            }
            // Cognito names every error it returns (`__type`); an answer without a name, or one
            // the SDK could not read at all, came from something else.
            if let Some(answer) = err
                .raw_response()
                .and_then(|raw| (raw as &dyn Any).downcast_ref::<HttpResponse>())
            {
                return Failure {
                    kind: FailureKind::NotCognito,
                    code,
                    message: not_cognito(answer),
                };
            }
        }
        let kind = match (&err, code.as_deref()) {
            (_, Some("ResourceNotFoundException")) => FailureKind::NotFound,
            (
                _,
                Some(
                    "InvalidParameterException"
                    | "InvalidOAuthFlowException"
                    | "ScopeDoesNotExistException"
                    | "ValidationException",
                ),
            ) => FailureKind::InvalidInput,
            (_, Some("TooManyRequestsException" | "ThrottlingException")) => FailureKind::Throttled,
            (_, Some("ConcurrentModificationException")) => FailureKind::Conflict,
            (
                _,
                Some(
                    "NotAuthorizedException"
                    | "AccessDeniedException"
                    | "UnrecognizedClientException"
                    | "InvalidSignatureException"
                    | "ExpiredTokenException"
                    | "FeatureUnavailableInTierException",
                ),
            ) => FailureKind::AccessDenied,
            (_, Some("LimitExceededException")) => FailureKind::LimitExceeded,
            (SdkError::TimeoutError(_), _) => FailureKind::TimedOut,
            _ => FailureKind::Unavailable,
        };
        let message = match (err.message(), &code) {
            (Some(m), Some(c)) if !m.is_empty() => format!("{m} ({c})"),
            (_, Some(c)) => c.clone(),
            // A failure with no answer from Cognito: what each link of the chain says.
            _ => one_line(&chain(&err)),
        };
        Failure {
            kind,
            code,
            message,
        }
    }
}

/// The first error of type `T` in `err`'s chain of sources.
fn find<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut next = Some(err);
    while let Some(e) = next {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        next = e.source();
    }
    None
}

/// The messages of an error and its sources, joined, with repeats left out.
fn chain(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(text.as_str())) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}

/// A message on one line: the user sees it as one sentence among the engine's output.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why a request never reached the endpoint, when that is what happened: the connection was
/// refused, the host name did not resolve, or no connection came up in time.
pub fn never_sent(err: &(dyn StdError + 'static)) -> Option<String> {
    if find::<ResolveDnsError>(err).is_some() {
        return Some("its host name does not resolve".into());
    }
    let connect = find::<hyper_util::client::legacy::Error>(err).filter(|e| e.is_connect())?;
    let cause = match find::<std::io::Error>(connect) {
        Some(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "the connection was refused".to_string(),
            std::io::ErrorKind::TimedOut => "no connection came up in time".to_string(),
            _ => io.to_string(),
        },
        None => {
            let text = chain(connect);
            if text.to_lowercase().contains("dns") {
                "its host name does not resolve".to_string()
            } else if text.to_lowercase().contains("timeout") || text.contains("timed out") {
                "no connection came up in time".to_string()
            } else {
                text
            }
        }
    };
    Some(cause)
}

/// How much of a foreign answer's body a message quotes: enough to recognise a proxy's or a web
/// server's page, short enough to stay one line.
const BODY_QUOTED: usize = 120;

/// An HTTP answer that is not Cognito's, described for the user: its status, its content type,
/// and the start of its body when that is text.
fn not_cognito(answer: &HttpResponse) -> String {
    let status = answer.status().as_u16();
    let mut described = format!("the answer was not Cognito's: HTTP {status}");
    if let Some(kind) = answer.headers().get("content-type") {
        described.push_str(&format!(", {}", one_line(kind)));
    }
    let body = answer.body().bytes().unwrap_or_default();
    match std::str::from_utf8(body).map(one_line) {
        Ok(text) if text.is_empty() => described.push_str(", empty body"),
        // JSON without Cognito's error type is never quoted: a server that echoes requests
        // would hand back the request, and with it a client secret the provider sent.
        Ok(text) if text.starts_with('{') || text.starts_with('[') => {
            described.push_str(", a JSON body without a Cognito error type")
        }
        Ok(text) => {
            let quoted: String = text.chars().take(BODY_QUOTED).collect();
            let more = if quoted.len() < text.len() { "..." } else { "" };
            described.push_str(&format!(", body {quoted:?}{more}"));
        }
        Err(_) => described.push_str(&format!(", {} bytes that are not text", body.len())),
    }
    described
}

const NO_CREDENTIALS: &str = "no AWS credentials were found";

fn no_credentials(err: &CredentialsError) -> String {
    // The SDK's chain error lists each source it tried on a line of its own ("  Environment:
    // ..."): named in one line, that is what the user needs.
    let text = chain(err);
    let tried: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|line| line.trim().split_once(':').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && !name.contains(' '))
        .collect();
    let cause = if tried.is_empty() {
        text.lines().next().unwrap_or_default().to_string()
    } else {
        format!("tried {}", tried.join(", "))
    };
    // Where they can be set depends on who reads the settings: `Cognito::reach` adds it.
    format!("{NO_CREDENTIALS} ({cause})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_runtime_api::http::StatusCode;
    use aws_smithy_types::body::SdkBody;

    fn answer(status: u16, body: &str) -> HttpResponse {
        let status = StatusCode::try_from(status).unwrap_or_else(|e| panic!("{e}"));
        HttpResponse::new(status, SdkBody::from(body.to_string()))
    }

    #[test]
    fn a_foreign_page_is_quoted_briefly_and_an_echoed_request_never() {
        let page = format!(
            "<html><title>502 Bad Gateway</title>{}</html>",
            "x".repeat(500)
        );
        let said = not_cognito(&answer(502, &page));
        assert!(
            said.contains("HTTP 502") && said.contains("<html><title>502 Bad Gateway"),
            "{said}"
        );
        assert!(said.len() < 250 && said.ends_with("..."), "{said}");
        let echoed = r#"{"UserPoolId":"us-east-1_Ab1","ClientSecret":"s3cr3t-value"}"#;
        let said = not_cognito(&answer(200, echoed));
        assert!(!said.contains("s3cr3t-value"), "{said}");
        assert!(
            said.contains("JSON body without a Cognito error type"),
            "{said}"
        );
        assert!(not_cognito(&answer(404, "")).ends_with("empty body"));
    }
}
