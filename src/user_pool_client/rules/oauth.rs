//! The OAuth settings: which flows go together, what they need, and the redirect URLs.

use super::inputs::*;

/// CreateUserPoolClient's DefaultRedirectURI (API Reference): it "must be in the CallbackURLs
/// list".
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

/// CreateUserPoolClient's AllowedOAuthFlows (API Reference): client_credentials is for
/// machine-to-machine clients and cannot be combined with the user flows (Cognito answers
/// InvalidOAuthFlowException).
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

/// The authorization code and implicit grants redirect the user to a callback URL (the
/// developer guide's app client settings; Cognito refuses the client without one).
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

/// CreateUserPoolClient's AllowedOAuthFlowsUserPoolClient (API Reference): it must be true
/// before the OAuth settings (flows, scopes, callback and logout URLs) can be set.
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

/// CreateUserPoolClient refuses a client that may use OAuth without saying how: "AllowedOAuthFlows
/// and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows"
/// (Cognito's InvalidParameterException).
pub(super) fn the_oauth_flag_needs_flows_and_scopes(i: &Inputs) -> Option<CheckFailure> {
    if !i.bool("allowedOAuthFlowsUserPoolClient", false)? {
        return None;
    }
    let mut missing = Vec::new();
    for name in ["allowedOAuthFlows", "allowedOAuthScopes"] {
        if i.strings(name)?.is_empty() {
            missing.push(name);
        }
    }
    if missing.is_empty() {
        return None;
    }
    fail(
        missing[0],
        format!(
            "`allowedOAuthFlowsUserPoolClient` is true, so Cognito needs `allowedOAuthFlows` and `allowedOAuthScopes`; {} {} empty",
            missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(" and "),
            if missing.len() == 1 { "is" } else { "are" }
        ),
    )
}

/// The scopes of users: the client credentials grant has no user, so Cognito takes only the
/// scopes of the pool's resource servers with it (the developer guide's "Scopes, M2M, and
/// resource servers"; Cognito answers that the scope is not supported for the flow).
pub(super) const USER_SCOPES: [&str; 5] = [
    "openid",
    "email",
    "phone",
    "profile",
    "aws.cognito.signin.user.admin",
];

pub(super) fn client_credentials_takes_resource_server_scopes(i: &Inputs) -> Option<CheckFailure> {
    if !i
        .strings("allowedOAuthFlows")?
        .contains(&"client_credentials")
    {
        return None;
    }
    let users: Vec<&str> = i
        .strings("allowedOAuthScopes")?
        .into_iter()
        .filter(|s| USER_SCOPES.contains(s))
        .collect();
    if users.is_empty() {
        return None;
    }
    fail(
        "allowedOAuthScopes",
        format!(
            "`allowedOAuthScopes` has {}, but the client_credentials flow signs in no user: it takes only the scopes of the pool's resource servers (`<identifier>/<scope>`)",
            users.join(", ")
        ),
    )
}

/// `COGNITO` names the user pool itself, in capitals; Cognito takes any other spelling for a
/// provider the pool would have to have (CreateUserPoolClient's SupportedIdentityProviders).
pub(super) fn cognito_is_written_in_capitals(i: &Inputs) -> Option<CheckFailure> {
    let names = i.strings("supportedIdentityProviders")?;
    let given = names
        .into_iter()
        .find(|n| n.eq_ignore_ascii_case("COGNITO") && *n != "COGNITO")?;
    fail(
        "supportedIdentityProviders",
        format!(
            "`supportedIdentityProviders` has {}; the user pool's own directory is written COGNITO",
            quote(given)
        ),
    )
}
