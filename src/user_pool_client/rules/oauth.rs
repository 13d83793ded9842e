//! The OAuth settings: which flows go together, what they need, and the redirect URLs.

use super::*;

pub(super) fn default_redirect_is_a_callback(i: &Inputs) -> Option<CheckFailure> {
    let uri = i.str("defaultRedirectUri")??;
    let callbacks = i.strings("callbackUrls")?;
    if callbacks.contains(&uri) {
        return None;
    }
    // A message never repeats a secret value.
    let secret =
        i.0.get("defaultRedirectUri")
            .is_some_and(Value::contains_secret);
    let shown = if secret {
        "the (secret) URI".to_string()
    } else {
        quote(uri)
    };
    fail(
        "defaultRedirectUri",
        format!(
            "`defaultRedirectUri` must be one of `callbackUrls`, but {shown} is not among them"
        ),
    )
}

pub(super) fn client_credentials_stands_alone(i: &Inputs) -> Option<CheckFailure> {
    let flows = i.strings("allowedOAuthFlows")?;
    if !flows.contains(&"client_credentials") || flows.iter().all(|f| *f == "client_credentials") {
        return None;
    }
    fail(
        "allowedOAuthFlows",
        format!(
            "`allowedOAuthFlows` may not combine client_credentials with other flows, got {}",
            flows.join(", ")
        ),
    )
}

pub(super) fn code_and_implicit_need_callbacks(i: &Inputs) -> Option<CheckFailure> {
    let flows = i.strings("allowedOAuthFlows")?;
    let browser: Vec<&str> = flows
        .into_iter()
        .filter(|f| matches!(*f, "code" | "implicit"))
        .collect();
    if browser.is_empty() || !i.strings("callbackUrls")?.is_empty() {
        return None;
    }
    fail(
        "callbackUrls",
        format!(
            "`callbackUrls` must list at least one URL when `allowedOAuthFlows` has {}",
            browser.join(" and ")
        ),
    )
}

pub(super) fn oauth_settings_need_the_oauth_flag(i: &Inputs) -> Option<CheckFailure> {
    if i.bool("allowedOAuthFlowsUserPoolClient", false)? {
        return None;
    }
    let mut used = Vec::new();
    for name in [
        "allowedOAuthFlows",
        "allowedOAuthScopes",
        "callbackUrls",
        "logoutUrls",
    ] {
        if !i.strings(name)?.is_empty() {
            used.push(name);
        }
    }
    if i.str("defaultRedirectUri")?.is_some() {
        used.push("defaultRedirectUri");
    }
    if used.is_empty() {
        return None;
    }
    fail(
        "allowedOAuthFlowsUserPoolClient",
        format!(
            "`allowedOAuthFlowsUserPoolClient` must be true to use {}",
            used.join(", ")
        ),
    )
}

/// The per-URL rule of `callbackUrls`, `logoutUrls` and `defaultRedirectUri`: absolute, no
/// fragment, and HTTPS unless the host is this machine (app schemes such as `myapp://` are
/// allowed).
pub fn redirect_url(s: &str) -> Option<String> {
    let shown = quote(s);
    let Ok(url) = url::Url::parse(s) else {
        return Some(format!("{shown} is not an absolute URL"));
    };
    if url.fragment().is_some() {
        return Some(format!("{shown} may not have a fragment (#...)"));
    }
    let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if url.scheme() == "http" && !loopback {
        return Some(format!(
            "{shown} must use https (http is allowed only for localhost, 127.0.0.1 and [::1])"
        ));
    }
    None
}
