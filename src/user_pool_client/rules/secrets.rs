//! What needs a client secret, and how a client gets one.

use super::inputs::*;

/// Whether the client will have a secret: generated, or brought with `clientSecret`.
pub(super) fn has_secret(i: &Inputs) -> Option<bool> {
    Some(i.bool(GENERATE_SECRET, false)? || !matches!(i.get(CLIENT_SECRET), Got::Unset))
}

/// CreateUserPoolClient (API Reference): "You cannot specify both GenerateSecret as true and
/// provide a ClientSecret value." A secret not known yet waits for its value (Create, which
/// sees it, refuses both too).
pub(super) fn generated_or_brought_not_both(i: &Inputs) -> Option<CheckFailure> {
    if !i.bool(GENERATE_SECRET, false)? || !matches!(i.get(CLIENT_SECRET), Got::Known(_)) {
        return None;
    }
    fail(
        CLIENT_SECRET,
        "`clientSecret` and `generateSecret: true` cannot be used together: Cognito either generates a secret or takes yours. Leave out `generateSecret` to bring your own (24 to 64 characters: ASCII letters, digits, `_` and `+`)".into(),
    )
}

/// The client credentials grant authenticates the client by its secret (the developer guide's
/// machine-to-machine authorization; Cognito refuses the flow for a client without one).
pub(super) fn client_credentials_needs_a_secret(i: &Inputs) -> Option<CheckFailure> {
    let flows = i.strings("allowedOAuthFlows")?;
    if !flows.contains(&"client_credentials") || has_secret(i)? {
        return None;
    }
    fail(
        "allowedOAuthFlows",
        "`allowedOAuthFlows` client_credentials needs a client secret: set `generateSecret: true` or bring your own with `clientSecret`"
            .into(),
    )
}

/// CreateUserPoolClient's EnablePropagateAdditionalUserContextData (API Reference): it can be
/// activated only "in an app client that has a client secret".
pub(super) fn context_data_needs_a_secret(i: &Inputs) -> Option<CheckFailure> {
    let name = "enablePropagateAdditionalUserContextData";
    if !i.bool(name, false)? || has_secret(i)? {
        return None;
    }
    fail(
        name,
        format!("`{name}` may be true only for a client with a secret: set `generateSecret: true`"),
    )
}
