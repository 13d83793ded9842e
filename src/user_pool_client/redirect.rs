//! What a redirect URL of an app client must be, per URL (the table's rule for
//! `callbackUrls`, `logoutUrls` and `defaultRedirectUri`).

use crate::resource::validate::quote;

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
