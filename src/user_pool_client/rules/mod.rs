//! Cognito's rules that involve more than one property, or a property's meaning rather than
//! its form: each a small named function, run by Check after the table's own rules.
//!
//! A rule that involves a value not known yet (a preview) is skipped, never failed: it will be
//! checked again when the value is known.

use super::properties::{self, CLIENT_SECRET, GENERATE_SECRET};
use super::tokens::unit_seconds;
use crate::model;
use crate::resource::CheckFailure;
use crate::validate::{Findings, quote};
use crate::value::{PropertyMap, Value};

mod advice;
mod analytics;
mod auth_flows;
mod lifetimes;
mod oauth;
mod secrets;
#[cfg(test)]
mod tests;

use advice::*;
use analytics::*;
use auth_flows::*;
use lifetimes::*;
pub use oauth::redirect_url;
use oauth::*;
use secrets::*;

/// One property's state as a rule sees it.
enum Got<'a> {
    Unset,
    Unknown,
    Known(&'a Value),
}

struct Inputs<'a>(&'a PropertyMap);

impl<'a> Inputs<'a> {
    fn get(&self, name: &str) -> Got<'a> {
        match self.0.get(name) {
            None => Got::Unset,
            Some(v) if v.is_null() => Got::Unset,
            Some(v) if v.contains_unknown() => Got::Unknown,
            Some(v) => Got::Known(v.reveal().0),
        }
    }

    /// A list's items, `Some(empty)` when unset; `None` when (partly) unknown.
    fn strings(&self, name: &str) -> Option<Vec<&'a str>> {
        Some(self.list(name)?.unwrap_or_default())
    }

    /// A list's items, `Some(None)` when unset (an explicit `[]` is a list, and is sent as
    /// one); `None` when (partly) unknown.
    fn list(&self, name: &str) -> Option<Option<Vec<&'a str>>> {
        match self.get(name) {
            Got::Unset => Some(None),
            Got::Unknown => None,
            Got::Known(v) => Some(Some(
                v.as_array()?.iter().filter_map(Value::as_str).collect(),
            )),
        }
    }

    fn bool(&self, name: &str, default: bool) -> Option<bool> {
        match self.get(name) {
            Got::Unset => Some(default),
            Got::Unknown => None,
            Got::Known(v) => v.as_bool(),
        }
    }

    fn str(&self, name: &str) -> Option<Option<&'a str>> {
        match self.get(name) {
            Got::Unset => Some(None),
            Got::Unknown => None,
            Got::Known(v) => Some(v.as_str()),
        }
    }

    /// A nested object's field (an unset object has unset fields).
    fn nested(&self, object: &str, field: &str) -> Got<'a> {
        match self.get(object) {
            Got::Unset => Got::Unset,
            Got::Unknown => Got::Unknown,
            Got::Known(v) => match v.as_object().and_then(|o| o.get(field)) {
                None => Got::Unset,
                Some(f) if f.is_null() => Got::Unset,
                Some(f) if f.contains_unknown() => Got::Unknown,
                Some(f) => Got::Known(f.reveal().0),
            },
        }
    }
}

type Rule = fn(&Inputs) -> Option<CheckFailure>;

/// Every cross-property rule, in the order failures are reported.
const RULES: &[Rule] = &[
    default_redirect_is_a_callback,
    legacy_and_allow_flows_do_not_mix,
    client_credentials_stands_alone,
    generated_or_brought_not_both,
    client_credentials_needs_a_secret,
    code_and_implicit_need_callbacks,
    oauth_settings_need_the_oauth_flag,
    the_oauth_flag_needs_flows_and_scopes,
    client_credentials_takes_resource_server_scopes,
    cognito_is_written_in_capitals,
    context_data_needs_a_secret,
    analytics_is_arn_or_id_role_and_external_id,
    rotation_excludes_refresh_token_auth,
    access_token_validity_in_range,
    id_token_validity_in_range,
    refresh_token_validity_in_range,
];

/// Advice: settings Cognito accepts but that are likely mistakes or discouraged, each a warning
/// at preview that names the property and the better choice.
const ADVICE: &[fn(&Inputs) -> Option<String>] = &[
    identity_provider_names_are_case_sensitive,
    implicit_grant_is_discouraged,
    password_auth_without_a_secret,
    legacy_user_existence_errors,
    refresh_tokens_for_years,
];

pub fn check(inputs: &PropertyMap, found: &mut Findings) {
    let inputs = Inputs(inputs);
    found
        .failures
        .extend(RULES.iter().filter_map(|rule| rule(&inputs)));
    found
        .warnings
        .extend(ADVICE.iter().filter_map(|advice| advice(&inputs)));
}

fn fail(property: &str, reason: String) -> Option<CheckFailure> {
    Some(CheckFailure::new(property, reason))
}
