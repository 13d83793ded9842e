//! An HTTP proxy between the provider and moto that records every Cognito request and can
//! inject faults per operation: throttling, conflicts, quota errors, server errors and lost
//! connections, before or after moto has processed the request, and delays.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;

/// One Cognito request as the provider sent it.
#[derive(Debug, Clone)]
pub struct Call {
    /// The API operation, e.g. `UpdateUserPoolClient`.
    pub operation: String,
    pub body: serde_json::Value,
    /// The region the request was signed for (from its SigV4 credential scope).
    pub region: String,
    /// The access key id that signed it.
    pub access_key: String,
}

/// What the proxy does to a request instead of (or besides) passing it on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// 400 TooManyRequestsException; moto never sees the request.
    Throttle,
    /// 400 ConcurrentModificationException; moto never sees it.
    Conflict,
    /// 400 LimitExceededException (a hard quota); moto never sees it.
    Quota,
    /// 400 AccessDeniedException (a missing IAM permission); moto never sees it.
    Denied,
    /// 400 with this error code (a refusal such as ScopeDoesNotExistException); moto never
    /// sees it.
    Refuse(&'static str),
    /// 500 InternalErrorException before moto sees the request.
    ServerError,
    /// moto processes the request, then the answer is replaced by a 500.
    ServerErrorAfter,
    /// The connection is dropped before moto sees the request.
    Reset,
    /// moto processes the request, then the connection is dropped without an answer.
    ResetAfter,
    /// moto processes the request; the answer comes this late.
    DelayAfter(Duration),
    /// The request reaches moto only this late (held on the way, as by a slow network), and
    /// its answer follows: a provider that gave up meanwhile finds the client only later.
    CommitLate(Duration),
    /// Someone else's create lands instead of the provider's: moto gets the request with
    /// another `ClientSecret` (the same name and settings), and the provider's connection drops
    /// without an answer.
    OtherSecretInstead,
}

/// The `ClientSecret` of the create that `Fault::OtherSecretInstead` lets through.
pub const OTHER_SECRET: &str = "someoneElses_0123456789abcdef";

#[derive(Default)]
struct Plan {
    /// Per operation, faults to apply to its next requests, in order.
    queued: HashMap<String, Vec<Fault>>,
    /// Per operation, a fault applied to every `every`-th request (a deterministic rate).
    periodic: HashMap<String, Vec<(u32, Fault)>>,
    counts: HashMap<String, u32>,
    /// Cognito's per-pool rate limit, simulated: at most this many changes per second.
    change_limit: Option<usize>,
    recent_changes: Vec<Instant>,
    rejected_by_limit: u32,
}

impl Plan {
    fn pick(&mut self, operation: &str) -> Option<Fault> {
        let n = self.counts.entry(operation.to_string()).or_default();
        *n += 1;
        let n = *n;
        if let Some(queue) = self.queued.get_mut(operation).filter(|q| !q.is_empty()) {
            return Some(queue.remove(0));
        }
        if let Some(limit) = self.change_limit.filter(|_| is_change(operation)) {
            let now = Instant::now();
            self.recent_changes
                .retain(|t| now.duration_since(*t) < Duration::from_secs(1));
            if self.recent_changes.len() >= limit {
                self.rejected_by_limit += 1;
                return Some(Fault::Conflict);
            }
            self.recent_changes.push(now);
        }
        self.periodic
            .get(operation)?
            .iter()
            .find(|(every, _)| n.is_multiple_of(*every))
            .map(|(_, f)| *f)
    }
}

fn is_change(operation: &str) -> bool {
    matches!(
        operation,
        "CreateUserPoolClient" | "UpdateUserPoolClient" | "DeleteUserPoolClient"
    )
}

#[derive(Clone)]
pub struct Recorder {
    pub url: String,
    calls: Arc<Mutex<Vec<Call>>>,
    plan: Arc<Mutex<Plan>>,
}

impl Recorder {
    pub async fn start(upstream: &str) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr: SocketAddr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let recorder = Recorder {
            url: format!("http://{addr}"),
            calls: Arc::default(),
            plan: Arc::default(),
        };
        let shared = Shared {
            upstream: upstream.to_string(),
            client: HttpClient::builder(TokioExecutor::new()).build_http::<Full<Bytes>>(),
            recorder: recorder.clone(),
        };
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let shared = shared.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| shared.clone().handle(req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        recorder
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().map(|c| c.clone()).unwrap_or_default()
    }

    pub fn calls_to(&self, operation: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.operation == operation)
            .collect()
    }

    pub fn clear(&self) {
        if let Ok(mut c) = self.calls.lock() {
            c.clear();
        }
    }

    /// Forgets the faults queued and not yet used, and the periodic ones.
    pub fn clear_faults(&self) {
        if let Ok(mut plan) = self.plan.lock() {
            plan.queued.clear();
            plan.periodic.clear();
        }
    }

    /// The next requests of `operation` get these faults, one each.
    pub fn inject(&self, operation: &str, faults: &[Fault]) {
        if let Ok(mut plan) = self.plan.lock() {
            plan.queued
                .entry(operation.into())
                .or_default()
                .extend_from_slice(faults);
        }
    }

    /// Every `every`-th request of `operation` gets `fault` (the first matching rule wins).
    pub fn inject_every(&self, operation: &str, every: u32, fault: Fault) {
        if let Ok(mut plan) = self.plan.lock() {
            plan.periodic
                .entry(operation.into())
                .or_default()
                .push((every, fault));
        }
    }

    /// Simulates Cognito's per-pool rate limit: changes beyond `per_second` are refused with
    /// ConcurrentModificationException.
    pub fn limit_changes(&self, per_second: usize) {
        if let Ok(mut plan) = self.plan.lock() {
            plan.change_limit = Some(per_second);
        }
    }

    /// How many changes the simulated rate limit refused.
    pub fn rejected_by_limit(&self) -> u32 {
        self.plan
            .lock()
            .map(|p| p.rejected_by_limit)
            .unwrap_or_default()
    }
}

type Proxied = HttpClient<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

#[derive(Clone)]
struct Shared {
    upstream: String,
    client: Proxied,
    recorder: Recorder,
}

fn cognito_error(status: u16, code: &str) -> hyper::Response<Full<Bytes>> {
    let body =
        serde_json::json!({ "__type": code, "message": format!("injected {code}") }).to_string();
    hyper::Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amzn-errortype", code)
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_default()
}

impl Shared {
    async fn handle(
        self,
        req: hyper::Request<Incoming>,
    ) -> Result<hyper::Response<Full<Bytes>>, String> {
        let (parts, body) = req.into_parts();
        let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
        let operation = parts
            .headers
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok())
            .and_then(|t| t.rsplit('.').next())
            .unwrap_or_default()
            .to_string();
        let json = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
        // Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...
        let scope: Vec<String> = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|a| a.split("Credential=").nth(1))
            .and_then(|c| c.split(',').next())
            .map(|c| c.split('/').map(str::to_string).collect())
            .unwrap_or_default();
        if let Ok(mut c) = self.recorder.calls.lock() {
            c.push(Call {
                operation: operation.clone(),
                body: json,
                region: scope.get(2).cloned().unwrap_or_default(),
                access_key: scope.first().cloned().unwrap_or_default(),
            });
        }
        let fault = self
            .recorder
            .plan
            .lock()
            .ok()
            .and_then(|mut p| p.pick(&operation));
        match fault {
            Some(Fault::Throttle) => return Ok(cognito_error(400, "TooManyRequestsException")),
            Some(Fault::Conflict) => {
                return Ok(cognito_error(400, "ConcurrentModificationException"));
            }
            Some(Fault::Quota) => return Ok(cognito_error(400, "LimitExceededException")),
            Some(Fault::Denied) => return Ok(cognito_error(400, "AccessDeniedException")),
            Some(Fault::Refuse(code)) => return Ok(cognito_error(400, code)),
            Some(Fault::ServerError) => return Ok(cognito_error(500, "InternalErrorException")),
            // An error from the service makes hyper drop the connection without an answer.
            Some(Fault::Reset) => return Err("injected reset".into()),
            _ => {}
        }
        let body = match fault {
            Some(Fault::OtherSecretInstead) => {
                let mut json: serde_json::Value =
                    serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
                json["ClientSecret"] = serde_json::Value::from(OTHER_SECRET);
                Bytes::from(json.to_string())
            }
            _ => body,
        };
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let mut out = hyper::Request::builder()
            .method(parts.method)
            .uri(format!("{}{path}", self.upstream));
        // The body's length is hyper's to set: a fault may have changed the body.
        for (k, v) in parts.headers.iter().filter(|(k, _)| *k != "content-length") {
            out = out.header(k, v);
        }
        let out = out.body(Full::new(body)).map_err(|e| e.to_string())?;
        // A task of its own, so that the request reaches moto even when the provider has hung
        // up meanwhile (a server goes on with a request whose client gave up).
        let client = self.client.clone();
        let delay = match fault {
            Some(Fault::CommitLate(d)) => d,
            _ => Duration::ZERO,
        };
        let forwarded = tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let resp = client.request(out).await.map_err(|e| e.to_string())?;
            let (parts, body) = resp.into_parts();
            let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
            Ok::<_, String>((parts, body))
        });
        let (parts, body) = forwarded.await.map_err(|e| e.to_string())??;
        match fault {
            Some(Fault::ServerErrorAfter) => Ok(cognito_error(500, "InternalErrorException")),
            Some(Fault::ResetAfter | Fault::OtherSecretInstead) => {
                Err("injected reset after processing".into())
            }
            Some(Fault::DelayAfter(d)) => {
                tokio::time::sleep(d).await;
                Ok(hyper::Response::from_parts(parts, Full::new(body)))
            }
            _ => Ok(hyper::Response::from_parts(parts, Full::new(body))),
        }
    }
}
