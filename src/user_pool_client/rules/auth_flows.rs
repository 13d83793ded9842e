//! The explicit auth flows: legacy and `ALLOW_` names do not mix; refresh-token rotation
//! replaces `ALLOW_REFRESH_TOKEN_AUTH`.

use super::inputs::*;

pub(super) const LEGACY_FLOWS: [&str; 3] = [
    "ADMIN_NO_SRP_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY",
    "USER_PASSWORD_AUTH",
];

/// CreateUserPoolClient's ExplicitAuthFlows (API Reference): the legacy values cannot be
/// assigned "at the same time as values that begin with ALLOW_".
pub(super) fn legacy_and_allow_flows_do_not_mix(i: &Inputs) -> Option<CheckFailure> {
    let flows = i.strings("explicitAuthFlows")?;
    let legacy: Vec<_> = flows.iter().filter(|f| LEGACY_FLOWS.contains(f)).collect();
    let allow: Vec<_> = flows.iter().filter(|f| f.starts_with("ALLOW_")).collect();
    if legacy.is_empty() || allow.is_empty() {
        return None;
    }
    fail(
        "explicitAuthFlows",
        format!(
            "`explicitAuthFlows` cannot mix the legacy flows ({}) with ALLOW_ flows ({}); use the ALLOW_ form of each, such as ALLOW_USER_PASSWORD_AUTH",
            join(&legacy),
            join(&allow)
        ),
    )
}

pub(super) fn join(items: &[&&str]) -> String {
    items.iter().map(|s| **s).collect::<Vec<_>>().join(", ")
}

/// RefreshTokenRotationType (API Reference): with rotation, refresh goes through
/// GetTokensFromRefreshToken, and the client may not allow `ALLOW_REFRESH_TOKEN_AUTH`; when
/// `explicitAuthFlows` is left out, Cognito's default flows include it (CreateUserPoolClient's
/// ExplicitAuthFlows). An explicit `[]` is sent as written and names none.
pub(super) fn rotation_excludes_refresh_token_auth(i: &Inputs) -> Option<CheckFailure> {
    let Got::Known(feature) = i.nested("refreshTokenRotation", "feature") else {
        return None;
    };
    if feature.as_str() != Some("ENABLED") {
        return None;
    }
    let reason = match i.list("explicitAuthFlows")? {
        None => {
            "`explicitAuthFlows` must be set when refresh token rotation is enabled: Cognito's default flows include ALLOW_REFRESH_TOKEN_AUTH, which rotation replaces"
        }
        Some(flows) if flows.contains(&"ALLOW_REFRESH_TOKEN_AUTH") => {
            "`explicitAuthFlows` may not include ALLOW_REFRESH_TOKEN_AUTH when `refreshTokenRotation.feature` is ENABLED"
        }
        Some(_) => return None,
    };
    fail("explicitAuthFlows", reason.into())
}
