//! Cognito's rules that involve more than one property, or a property's meaning rather than
//! its form: each a small named function, run by Check after the table's own rules.
//!
//! A rule that involves a value not known yet (a preview) is skipped, never failed: it will be
//! checked again when the value is known.

use crate::resource::CheckFailure;
use crate::resource::validate::Findings;
use crate::value::PropertyMap;

mod advice;
mod analytics;
mod auth_flows;
mod inputs;
mod lifetimes;
mod oauth;
mod secrets;
#[cfg(test)]
mod tests;

use advice::*;
use analytics::*;
use auth_flows::*;
use inputs::Inputs;
use lifetimes::*;
use oauth::*;
use secrets::*;

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
