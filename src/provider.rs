//! The provider as the engine sees it, in domain terms: its configuration, and the resource
//! operations routed by type token. The protocol layer (`plugin`) decodes each request and
//! calls in here.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use crate::client_secret;
use crate::config::{self, Config};
use crate::discovery::list;
use crate::discovery::lookup::{self, Lookup};
use crate::error::Error;
use crate::resource::{
    self, CheckRequest, CheckResponse, CreateRequest, CreateResponse, DeleteRequest, Deleted,
    DiffKind, DiffRequest, DiffResponse, Progress, ReadRequest, ReadResponse, UpdateRequest,
    UpdateResponse,
};
use crate::user_pool_client::{self as upc, Cognito, properties::TOKEN};
use crate::value::PropertyMap;

pub struct Provider {
    /// Set by Configure; attach mode may configure one process more than once.
    cognito: RwLock<Option<Cognito>>,
    /// Set by Cancel: operations not yet started are refused; those under way finish.
    cancelled: AtomicBool,
    /// `strictPoolReferences`: a reference the pool lacks fails Check instead of warning.
    strict_pool_references: AtomicBool,
    progress: Arc<dyn Progress>,
}

impl Default for Provider {
    fn default() -> Self {
        Provider::new(resource::silent())
    }
}

impl Provider {
    /// `progress` is where slow operations report how they are going (the engine's log).
    pub fn new(progress: Arc<dyn Progress>) -> Self {
        Provider {
            cognito: RwLock::default(),
            cancelled: AtomicBool::default(),
            strict_pool_references: AtomicBool::default(),
            progress,
        }
    }

    pub fn check_config(&self, news: &PropertyMap) -> CheckResponse {
        let (inputs, failures) = config::check(news);
        CheckResponse {
            inputs,
            failures,
            warnings: vec![],
        }
    }

    /// A changed configuration never replaces the provider: that would replace every client
    /// it manages, and no key makes existing clients unmanageable.
    pub fn diff_config(&self, old: &PropertyMap, new: &PropertyMap) -> DiffResponse {
        let (old, _) = config::check(old);
        let (new, _) = config::check(new);
        let mut res = DiffResponse::default();
        for prop in config::CONFIG {
            let (o, n) = (old.get(prop.name), new.get(prop.name));
            if prop.same(o, n) {
                continue;
            }
            let kind = match (o, n) {
                (None, Some(_)) => DiffKind::Add,
                (Some(_), None) => DiffKind::Delete,
                _ => DiffKind::Update,
            };
            res.diffs.push(prop.name.to_string());
            res.detailed.insert(prop.name.to_string(), kind);
        }
        res
    }

    pub async fn configure(&self, args: &PropertyMap) -> Result<(), Error> {
        let config = Config::from_map(args)?;
        tracing::debug!(?config, "configuring");
        let cognito = Cognito::new(
            config.clients().await?,
            config.pool_changes_per_second,
            config.max_retries,
            self.progress.clone(),
        );
        self.strict_pool_references
            .store(config.strict_pool_references, Ordering::SeqCst);
        *self.cognito.write().map_err(|_| poisoned())? = Some(cognito);
        // One process may serve several engine runs (PULUMI_DEBUG_PROVIDERS): a Cancel of an
        // earlier run must not refuse the operations of this one.
        self.cancelled.store(false, Ordering::SeqCst);
        Ok(())
    }

    /// The engine is shutting down the deployment.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
    }

    fn cognito(&self) -> Result<Cognito, Error> {
        self.cognito
            .read()
            .map_err(|_| poisoned())?
            .clone()
            .ok_or(Error::NotConfigured)
    }

    /// Checks the inputs; for a client, also its references into the pool when the provider is
    /// configured and the pool id is known (advice, or failures with `strictPoolReferences`).
    pub async fn check(&self, token: &str, req: &CheckRequest) -> Result<CheckResponse, Error> {
        Ok(match resource(token)? {
            Kind::Client => {
                let strict = self.strict_pool_references.load(Ordering::SeqCst);
                upc::check_with_pool(self.cognito().ok().as_ref(), strict, req).await
            }
            Kind::Secret => client_secret::check(req),
        })
    }

    pub fn diff(&self, token: &str, req: &DiffRequest) -> Result<DiffResponse, Error> {
        Ok(match resource(token)? {
            Kind::Client => upc::diff(req),
            Kind::Secret => client_secret::diff(req),
        })
    }

    pub async fn create(&self, token: &str, req: &CreateRequest) -> Result<CreateResponse, Error> {
        let kind = resource(token)?;
        if req.preview {
            return Ok(match kind {
                Kind::Client => upc::create_preview(req),
                // Looks at the client's secrets when it can: a preview needs no configuration.
                Kind::Secret => {
                    client_secret::create_preview(self.cognito().ok().as_ref(), req).await
                }
            });
        }
        self.not_cancelled("create")?;
        let cognito = self.cognito()?;
        match kind {
            Kind::Client => upc::create(&cognito, req).await,
            Kind::Secret => client_secret::create(&cognito, req).await,
        }
    }

    pub async fn read(
        &self,
        token: &str,
        req: &ReadRequest,
    ) -> Result<Option<ReadResponse>, Error> {
        let kind = resource(token)?;
        self.not_cancelled("read")?;
        let cognito = self.cognito()?;
        match kind {
            Kind::Client => upc::read(&cognito, req).await,
            Kind::Secret => client_secret::read(&cognito, req).await,
        }
    }

    pub async fn update(&self, token: &str, req: &UpdateRequest) -> Result<UpdateResponse, Error> {
        if resource(token)? == Kind::Secret {
            // Every input of a secret replaces it, so the engine never updates one.
            return Err(Error::InvalidRequest(format!(
                "{} is never updated in place; every change replaces it",
                client_secret::properties::TOKEN
            )));
        }
        if req.preview {
            return Ok(UpdateResponse {
                outputs: upc::update_preview(req),
                warnings: vec![],
            });
        }
        self.not_cancelled("update")?;
        upc::update(&self.cognito()?, req).await
    }

    pub async fn delete(&self, token: &str, req: &DeleteRequest) -> Result<Deleted, Error> {
        let kind = resource(token)?;
        self.not_cancelled("delete")?;
        let cognito = self.cognito()?;
        match kind {
            Kind::Client => upc::delete(&cognito, req).await,
            Kind::Secret => client_secret::delete(&cognito, req).await,
        }
    }

    /// Runs a function (data source) call.
    pub async fn invoke(&self, token: &str, args: &PropertyMap) -> Result<Lookup, Error> {
        match token {
            lookup::FUNCTION => lookup::get(&self.cognito()?, args).await,
            list::FUNCTION => list::get(&self.cognito()?, args).await,
            _ => Err(Error::InvalidRequest(format!(
                "unknown function {token:?}: this provider has {} and {}",
                lookup::FUNCTION,
                list::FUNCTION
            ))),
        }
    }
}

impl Provider {
    fn not_cancelled(&self, what: &'static str) -> Result<(), Error> {
        if self.cancelled.load(Ordering::SeqCst) {
            Err(Error::Cancelled(what))
        } else {
            Ok(())
        }
    }
}

fn poisoned() -> Error {
    Error::Internal("the provider's configuration lock was poisoned".into())
}

/// The resources this provider manages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Client,
    Secret,
}

fn resource(token: &str) -> Result<Kind, Error> {
    match token {
        TOKEN => Ok(Kind::Client),
        client_secret::properties::TOKEN => Ok(Kind::Secret),
        _ => Err(Error::InvalidRequest(format!(
            "unknown resource type {token:?}: this provider manages {TOKEN} and {}",
            client_secret::properties::TOKEN
        ))),
    }
}
