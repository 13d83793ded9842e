//! `ClientSettings`: every setting of an app client, as Create and Update both send them.
//!
//! UpdateUserPoolClient resets every field a request leaves out to its default, so an update
//! that sent only what changed would silently undo the rest. Building both requests from one
//! value (see `apply_settings!`) makes that mistake impossible.

use aws_sdk_cognitoidentityprovider::types::{
    AnalyticsConfigurationType, ExplicitAuthFlowsType, OAuthFlowType,
    PreventUserExistenceErrorTypes, RefreshTokenRotationType, TokenValidityUnitsType,
};

#[derive(Debug, Clone, PartialEq)]
pub struct ClientSettings {
    pub client_name: String,
    pub refresh_token_validity: Option<i32>,
    pub access_token_validity: Option<i32>,
    pub id_token_validity: Option<i32>,
    pub token_validity_units: Option<TokenValidityUnitsType>,
    pub read_attributes: Option<Vec<String>>,
    pub write_attributes: Option<Vec<String>>,
    pub explicit_auth_flows: Option<Vec<ExplicitAuthFlowsType>>,
    pub supported_identity_providers: Option<Vec<String>>,
    pub callback_urls: Option<Vec<String>>,
    pub logout_urls: Option<Vec<String>>,
    pub default_redirect_uri: Option<String>,
    pub allowed_oauth_flows: Option<Vec<OAuthFlowType>>,
    pub allowed_oauth_scopes: Option<Vec<String>>,
    pub allowed_oauth_flows_user_pool_client: Option<bool>,
    pub analytics_configuration: Option<AnalyticsConfigurationType>,
    pub prevent_user_existence_errors: Option<PreventUserExistenceErrorTypes>,
    pub enable_token_revocation: Option<bool>,
    pub enable_propagate_additional_user_context_data: Option<bool>,
    pub auth_session_validity: Option<i32>,
    pub refresh_token_rotation: Option<RefreshTokenRotationType>,
}

/// Applies every setting to a Create or Update request builder; the two builders have the
/// same setters, and this is the only place either is given settings.
macro_rules! apply_settings {
    ($builder:expr, $s:expr) => {{
        let s: $crate::cognito::settings::ClientSettings = $s;
        $builder
            .client_name(s.client_name)
            .set_refresh_token_validity(s.refresh_token_validity)
            .set_access_token_validity(s.access_token_validity)
            .set_id_token_validity(s.id_token_validity)
            .set_token_validity_units(s.token_validity_units)
            .set_read_attributes(s.read_attributes)
            .set_write_attributes(s.write_attributes)
            .set_explicit_auth_flows(s.explicit_auth_flows)
            .set_supported_identity_providers(s.supported_identity_providers)
            .set_callback_urls(s.callback_urls)
            .set_logout_urls(s.logout_urls)
            .set_default_redirect_uri(s.default_redirect_uri)
            .set_allowed_o_auth_flows(s.allowed_oauth_flows)
            .set_allowed_o_auth_scopes(s.allowed_oauth_scopes)
            .set_allowed_o_auth_flows_user_pool_client(s.allowed_oauth_flows_user_pool_client)
            .set_analytics_configuration(s.analytics_configuration)
            .set_prevent_user_existence_errors(s.prevent_user_existence_errors)
            .set_enable_token_revocation(s.enable_token_revocation)
            .set_enable_propagate_additional_user_context_data(
                s.enable_propagate_additional_user_context_data,
            )
            .set_auth_session_validity(s.auth_session_validity)
            .set_refresh_token_rotation(s.refresh_token_rotation)
    }};
}
pub(crate) use apply_settings;
