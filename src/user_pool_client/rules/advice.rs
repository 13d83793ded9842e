//! Advice: settings Cognito accepts but that are likely mistakes or that the AWS documentation
//! discourages. Each is a warning at preview (never a failure) naming the property and the safer
//! choice.

use super::*;

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
    let (given, meant) = names.iter().find_map(|n| {
        BUILT_IN_PROVIDERS
            .iter()
            .find(|b| b.eq_ignore_ascii_case(n) && *b != n)
            .map(|b| (*n, *b))
    })?;
    Some(format!(
        "`supportedIdentityProviders` lists {given:?}, but the built-in provider is `{meant}`: names are case-sensitive, so Cognito takes {given:?} for a provider of the pool that may not exist"
    ))
}
