//! Advice: settings Cognito accepts but that are likely mistakes or that the AWS documentation
//! discourages. Each is a warning at preview (never a failure) naming the property and the safer
//! choice.

use super::inputs::*;
use super::lifetimes::{DAY, duration};
use super::secrets::has_secret;

/// The identity providers Cognito itself offers, as their names must be written.
pub(super) const BUILT_IN_PROVIDERS: [&str; 5] = [
    "COGNITO",
    "Facebook",
    "Google",
    "SignInWithApple",
    "LoginWithAmazon",
];

pub(super) fn identity_provider_names_are_case_sensitive(i: &Inputs) -> Option<String> {
    let names = i.strings("supportedIdentityProviders")?;
    // COGNITO misspelt is a failure (`cognito_is_written_in_capitals`); a pool may have a
    // provider of its own named like a social one.
    let (given, meant) = names.iter().find_map(|n| {
        BUILT_IN_PROVIDERS
            .iter()
            .filter(|b| **b != "COGNITO")
            .find(|b| b.eq_ignore_ascii_case(n) && *b != n)
            .map(|b| (*n, *b))
    })?;
    Some(format!(
        "`supportedIdentityProviders` lists {given:?}, but the built-in provider is `{meant}`: names are case-sensitive, so Cognito takes {given:?} for a provider of the pool that may not exist"
    ))
}

pub(super) fn implicit_grant_is_discouraged(i: &Inputs) -> Option<String> {
    let flows = i.strings("allowedOAuthFlows")?;
    flows.contains(&"implicit").then(|| {
        "`allowedOAuthFlows` includes `implicit`: the implicit grant returns tokens in the browser's address bar, where they can leak, and the AWS documentation recommends the authorization code grant (`code`, with PKCE) instead".to_string()
    })
}

pub(super) fn password_auth_without_a_secret(i: &Inputs) -> Option<String> {
    let flows = i.strings("explicitAuthFlows")?;
    let flow = flows
        .iter()
        .find(|f| matches!(**f, "ALLOW_USER_PASSWORD_AUTH" | "USER_PASSWORD_AUTH"))?;
    if has_secret(i)? {
        return None;
    }
    Some(format!(
        "`explicitAuthFlows` includes `{flow}` on a client without a secret: anyone who knows the public client id can send users' passwords to Cognito, where `ALLOW_USER_SRP_AUTH` signs users in without the password ever leaving the device"
    ))
}

pub(super) fn legacy_user_existence_errors(i: &Inputs) -> Option<String> {
    let Got::Known(v) = i.get("preventUserExistenceErrors") else {
        return None;
    };
    (v.as_str()? == "LEGACY").then(|| {
        "`preventUserExistenceErrors` is `LEGACY`: sign-in and password-reset errors tell callers whether a user exists, where `ENABLED` answers the same for both, as the AWS documentation recommends".to_string()
    })
}

/// More than a year: the documentation's examples stay within days to months.
const LONG_REFRESH: i64 = 365 * DAY;

pub(super) fn refresh_tokens_for_years(i: &Inputs) -> Option<String> {
    let (seconds, shown) = duration(i, "refreshTokenValidity", "refreshToken", "days")?;
    (seconds > LONG_REFRESH).then(|| {
        format!(
            "`refreshTokenValidity` keeps refresh tokens valid for {shown}, more than a year: a leaked refresh token works that long, where a lifetime of days to months (the default is 30 days), with `refreshTokenRotation`, limits the damage"
        )
    })
}
