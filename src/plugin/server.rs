//! `pulumirpc.ResourceProvider` over tonic: each RPC decodes its request into domain terms,
//! calls the provider, and encodes the answer. No resource logic lives here.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use tonic::{Request, Response, Status};

use super::codec::{decode_struct, encode_struct};
use super::engine_log::{EngineLog, EngineProgress};
use super::failures;
use super::proto::pulumirpc as rpc;
use super::status::status;
use crate::discovery::lookup::Lookup;
use crate::provider::Provider;
use crate::resource::{self, Autonaming, AutonamingMode, DiffKind};
use crate::schema;
use crate::value::{PropertyMap, Value};

pub struct Server {
    provider: Provider,
    log: Arc<EngineLog>,
}

impl Server {
    /// `engine` is the engine's address, when the command line gives it.
    pub fn new(engine: Option<&str>) -> Self {
        let log = Arc::new(EngineLog::default());
        if let Some(address) = engine {
            log.set_address(address);
        }
        let provider = Provider::new(Arc::new(EngineProgress(log.clone())));
        Server { provider, log }
    }
}

/// The resource type of a request: its `type` field, or, from older engines, the URN's type
/// segment (`urn:pulumi:stack::project::[parent$]type::name`).
fn token<'a>(ty: &'a str, urn: &'a str) -> &'a str {
    if !ty.is_empty() {
        return ty;
    }
    let mut parts = urn.rsplitn(3, "::");
    let _name = parts.next();
    let qualified = parts.next().unwrap_or_default();
    qualified.rsplit('$').next().unwrap_or_default()
}

fn timeout(seconds: f64) -> Option<Duration> {
    (seconds > 0.0 && seconds.is_finite()).then(|| Duration::from_secs_f64(seconds))
}

fn diff_response(d: resource::DiffResponse) -> rpc::DiffResponse {
    use rpc::property_diff::Kind;
    let changes = if d.has_changes() {
        rpc::diff_response::DiffChanges::DiffSome
    } else {
        rpc::diff_response::DiffChanges::DiffNone
    };
    let detailed_diff = d
        .detailed
        .into_iter()
        .map(|(path, kind)| {
            let kind = match kind {
                DiffKind::Add => Kind::Add,
                DiffKind::AddReplace => Kind::AddReplace,
                DiffKind::Delete => Kind::Delete,
                DiffKind::DeleteReplace => Kind::DeleteReplace,
                DiffKind::Update => Kind::Update,
                DiffKind::UpdateReplace => Kind::UpdateReplace,
            };
            let diff = rpc::PropertyDiff {
                kind: kind as i32,
                input_diff: true,
            };
            (path, diff)
        })
        .collect();
    rpc::DiffResponse {
        replaces: d.replaces,
        stables: vec![],
        delete_before_replace: d.delete_before_replace,
        changes: changes as i32,
        diffs: d.diffs,
        detailed_diff,
        has_detailed_diff: true,
    }
}

fn autonaming(a: Option<rpc::check_request::AutonamingOptions>) -> Option<Autonaming> {
    use rpc::check_request::autonaming_options::Mode;
    let a = a?;
    let mode = match Mode::try_from(a.mode).unwrap_or(Mode::Propose) {
        Mode::Propose => AutonamingMode::Propose,
        Mode::Enforce => AutonamingMode::Enforce,
        Mode::Disable => AutonamingMode::Disable,
    };
    Some(Autonaming {
        proposed_name: a.proposed_name,
        mode,
    })
}

/// The legacy flat config map (`cognito:config:region` -> "us-east-1"), for engines that send
/// no `args`.
fn legacy_config(variables: &HashMap<String, String>) -> PropertyMap {
    variables
        .iter()
        .map(|(k, v)| {
            let key = k.rsplit(':').next().unwrap_or(k);
            (key.to_string(), Value::string(v))
        })
        .collect()
}

#[tonic::async_trait]
impl rpc::resource_provider_server::ResourceProvider for Server {
    async fn handshake(
        &self,
        request: Request<rpc::ProviderHandshakeRequest>,
    ) -> Result<Response<rpc::ProviderHandshakeResponse>, Status> {
        let req = request.into_inner();
        if !req.engine_address.is_empty() {
            self.log.set_address(&req.engine_address);
        }
        Ok(Response::new(rpc::ProviderHandshakeResponse {
            accept_secrets: true,
            accept_resources: false,
            accept_outputs: false,
            supports_autonaming_configuration: true,
        }))
    }

    async fn get_schema(
        &self,
        request: Request<rpc::GetSchemaRequest>,
    ) -> Result<Response<rpc::GetSchemaResponse>, Status> {
        let req = request.into_inner();
        if !req.subpackage_name.is_empty() {
            return Err(Status::not_found(format!(
                "the cognito provider has no sub-package {:?}",
                req.subpackage_name
            )));
        }
        Ok(Response::new(rpc::GetSchemaResponse {
            schema: schema::json(),
        }))
    }

    async fn check_config(
        &self,
        request: Request<rpc::CheckRequest>,
    ) -> Result<Response<rpc::CheckResponse>, Status> {
        let req = request.into_inner();
        let news = decode_struct(req.news.as_ref());
        let res = self.provider.check_config(&news);
        Ok(Response::new(rpc::CheckResponse {
            inputs: Some(encode_struct(&res.inputs)),
            failures: failures::for_engine(res.failures, &news),
        }))
    }

    async fn diff_config(
        &self,
        request: Request<rpc::DiffRequest>,
    ) -> Result<Response<rpc::DiffResponse>, Status> {
        let req = request.into_inner();
        let old = match req.old_inputs.as_ref() {
            Some(s) if !s.fields.is_empty() => decode_struct(Some(s)),
            _ => decode_struct(req.olds.as_ref()),
        };
        let res = self
            .provider
            .diff_config(&old, &decode_struct(req.news.as_ref()));
        Ok(Response::new(diff_response(res)))
    }

    async fn configure(
        &self,
        request: Request<rpc::ConfigureRequest>,
    ) -> Result<Response<rpc::ConfigureResponse>, Status> {
        let req = request.into_inner();
        let args = match req.args.as_ref() {
            Some(args) => decode_struct(Some(args)),
            None => legacy_config(&req.variables),
        };
        self.provider
            .configure(&args)
            .await
            .map_err(|e| status(&e))?;
        Ok(Response::new(rpc::ConfigureResponse {
            accept_secrets: true,
            supports_preview: true,
            accept_resources: false,
            accept_outputs: false,
            supports_autonaming_configuration: true,
        }))
    }

    async fn invoke(
        &self,
        request: Request<rpc::InvokeRequest>,
    ) -> Result<Response<rpc::InvokeResponse>, Status> {
        let req = request.into_inner();
        tracing::debug!(tok = %req.tok, "invoke");
        let args = decode_struct(req.args.as_ref());
        let res = match self
            .provider
            .invoke(&req.tok, &args)
            .await
            .map_err(|e| status(&e))?
        {
            Lookup::Found(outputs) => rpc::InvokeResponse {
                r#return: Some(encode_struct(&outputs)),
                failures: vec![],
            },
            Lookup::Invalid(list) => rpc::InvokeResponse {
                r#return: None,
                failures: failures::for_engine(list, &args),
            },
        };
        Ok(Response::new(res))
    }

    async fn check(
        &self,
        request: Request<rpc::CheckRequest>,
    ) -> Result<Response<rpc::CheckResponse>, Status> {
        let req = request.into_inner();
        tracing::debug!(urn = %req.urn, "check");
        let ty = token(&req.r#type, &req.urn).to_string();
        let domain = resource::CheckRequest {
            name: req.name,
            olds: decode_struct(req.olds.as_ref()),
            news: decode_struct(req.news.as_ref()),
            random_seed: req.random_seed,
            autonaming: autonaming(req.autonaming),
            urn: req.urn,
        };
        let res = self
            .provider
            .check(&ty, &domain)
            .await
            .map_err(|e| status(&e))?;
        for warning in res.warnings {
            self.log.warn(&domain.urn, warning);
        }
        Ok(Response::new(rpc::CheckResponse {
            inputs: Some(encode_struct(&res.inputs)),
            failures: failures::for_engine(res.failures, &domain.news),
        }))
    }

    async fn diff(
        &self,
        request: Request<rpc::DiffRequest>,
    ) -> Result<Response<rpc::DiffResponse>, Status> {
        let req = request.into_inner();
        tracing::debug!(urn = %req.urn, "diff");
        let ty = token(&req.r#type, &req.urn).to_string();
        let domain = resource::DiffRequest {
            id: req.id,
            old_outputs: decode_struct(req.olds.as_ref()),
            old_inputs: decode_struct(req.old_inputs.as_ref()),
            news: decode_struct(req.news.as_ref()),
            ignore_changes: req.ignore_changes,
            urn: req.urn,
        };
        let res = self.provider.diff(&ty, &domain).map_err(|e| status(&e))?;
        Ok(Response::new(diff_response(res)))
    }

    async fn create(
        &self,
        request: Request<rpc::CreateRequest>,
    ) -> Result<Response<rpc::CreateResponse>, Status> {
        let req = request.into_inner();
        tracing::debug!(urn = %req.urn, preview = req.preview, "create");
        let ty = token(&req.r#type, &req.urn).to_string();
        let domain = resource::CreateRequest {
            inputs: decode_struct(req.properties.as_ref()),
            preview: req.preview,
            timeout: timeout(req.timeout),
            urn: req.urn,
        };
        let res = self
            .provider
            .create(&ty, &domain)
            .await
            .map_err(|e| status(&e))?;
        for warning in res.warnings {
            self.log.warn(&domain.urn, warning);
        }
        Ok(Response::new(rpc::CreateResponse {
            id: res.id,
            properties: Some(encode_struct(&res.outputs)),
            refresh_before_update: false,
        }))
    }

    async fn read(
        &self,
        request: Request<rpc::ReadRequest>,
    ) -> Result<Response<rpc::ReadResponse>, Status> {
        let req = request.into_inner();
        tracing::debug!(urn = %req.urn, "read");
        let ty = token(&req.r#type, &req.urn).to_string();
        let present = |s: Option<&prost_types::Struct>| {
            s.filter(|s| !s.fields.is_empty())
                .map(|s| decode_struct(Some(s)))
        };
        let domain = resource::ReadRequest {
            id: req.id,
            old_outputs: present(req.properties.as_ref()),
            old_inputs: present(req.inputs.as_ref()),
            timeout: timeout(req.timeout),
            urn: req.urn,
        };
        let res = self
            .provider
            .read(&ty, &domain)
            .await
            .map_err(|e| status(&e))?;
        // Gone: an empty id with no properties at all (an empty struct would mean "exists").
        let res = res.map_or_else(rpc::ReadResponse::default, |r| rpc::ReadResponse {
            id: r.id,
            properties: Some(encode_struct(&r.outputs)),
            inputs: Some(encode_struct(&r.inputs)),
            refresh_before_update: false,
        });
        Ok(Response::new(res))
    }

    async fn update(
        &self,
        request: Request<rpc::UpdateRequest>,
    ) -> Result<Response<rpc::UpdateResponse>, Status> {
        let req = request.into_inner();
        tracing::debug!(urn = %req.urn, preview = req.preview, "update");
        let ty = token(&req.r#type, &req.urn).to_string();
        let domain = resource::UpdateRequest {
            id: req.id,
            old_outputs: decode_struct(req.olds.as_ref()),
            old_inputs: decode_struct(req.old_inputs.as_ref()),
            news: decode_struct(req.news.as_ref()),
            ignore_changes: req.ignore_changes,
            preview: req.preview,
            timeout: timeout(req.timeout),
            urn: req.urn,
        };
        let res = self
            .provider
            .update(&ty, &domain)
            .await
            .map_err(|e| status(&e))?;
        for warning in res.warnings {
            self.log.warn(&domain.urn, warning);
        }
        Ok(Response::new(rpc::UpdateResponse {
            properties: Some(encode_struct(&res.outputs)),
            refresh_before_update: false,
        }))
    }

    async fn delete(&self, request: Request<rpc::DeleteRequest>) -> Result<Response<()>, Status> {
        let req = request.into_inner();
        tracing::debug!(urn = %req.urn, "delete");
        let ty = token(&req.r#type, &req.urn).to_string();
        let domain = resource::DeleteRequest {
            id: req.id,
            old_outputs: decode_struct(req.properties.as_ref()),
            timeout: timeout(req.timeout),
            urn: req.urn,
        };
        let deleted = self
            .provider
            .delete(&ty, &domain)
            .await
            .map_err(|e| status(&e))?;
        match deleted {
            resource::Deleted::Yes => {}
            resource::Deleted::AlreadyGone => self.log.warn(
                &domain.urn,
                format!(
                    "{} no longer exists (deleted outside Pulumi?); nothing to delete",
                    domain.id
                ),
            ),
            resource::Deleted::Kept(why) => self.log.warn(&domain.urn, why),
        }
        Ok(Response::new(()))
    }

    async fn cancel(&self, _request: Request<()>) -> Result<Response<()>, Status> {
        self.provider.cancel();
        Ok(Response::new(()))
    }

    async fn get_plugin_info(
        &self,
        _request: Request<()>,
    ) -> Result<Response<rpc::PluginInfo>, Status> {
        Ok(Response::new(rpc::PluginInfo {
            version: crate::VERSION.to_string(),
        }))
    }

    async fn attach(&self, request: Request<rpc::PluginAttach>) -> Result<Response<()>, Status> {
        self.log.set_address(&request.into_inner().address);
        Ok(Response::new(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_request_or_the_urn() {
        assert_eq!(
            token("cognito:index:UserPoolClient", ""),
            "cognito:index:UserPoolClient"
        );
        let urn = "urn:pulumi:dev::proj::my:comp$cognito:index:UserPoolClient::web";
        assert_eq!(token("", urn), "cognito:index:UserPoolClient");
        assert_eq!(token("", "garbage"), "");
    }

    #[test]
    fn zero_or_nonsense_timeouts_mean_none() {
        assert_eq!(timeout(0.0), None);
        assert_eq!(timeout(f64::NAN), None);
        assert_eq!(timeout(1.5), Some(Duration::from_millis(1500)));
    }
}
