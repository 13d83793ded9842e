//! Token lifetimes, judged as durations in their units.

use super::inputs::*;

pub(super) const MINUTE: i64 = 60;
pub(super) const HOUR: i64 = 3_600;
pub(super) const DAY: i64 = 86_400;

/// A validity's duration in seconds, `None` when it cannot be judged (unset, unknown, or a
/// bad unit that the table's rules report already).
pub(super) fn duration(
    i: &Inputs,
    validity: &str,
    unit_field: &str,
    default_unit: &str,
) -> Option<(i64, String)> {
    let Got::Known(v) = i.get(validity) else {
        return None;
    };
    let amount = v.as_f64()? as i64;
    let unit = match i.nested("tokenValidityUnits", unit_field) {
        Got::Unset => default_unit.to_string(),
        Got::Unknown => return None,
        Got::Known(u) => u.as_str()?.to_string(),
    };
    Some((
        amount.saturating_mul(unit_seconds(&unit)?),
        format!("{amount} {unit}"),
    ))
}

pub(super) fn in_range(
    i: &Inputs,
    validity: &str,
    unit_field: &str,
    default_unit: &str,
    min: i64,
    max: i64,
    range: &str,
) -> Option<CheckFailure> {
    let (seconds, shown) = duration(i, validity, unit_field, default_unit)?;
    if (min..=max).contains(&seconds) || outside_model_bounds(i, validity) {
        // A number outside the API model's own bounds is reported once, by the table.
        return None;
    }
    fail(
        validity,
        format!(
            "`{validity}` must be between {range} (in the unit of `tokenValidityUnits.{unit_field}`), got {shown}"
        ),
    )
}

/// Whether the number breaks the bounds the API model gives the validity member.
pub(super) fn outside_model_bounds(i: &Inputs, validity: &str) -> bool {
    let Got::Known(v) = i.get(validity) else {
        return false;
    };
    let (Some(n), Some(row)) = (v.as_f64(), properties::find(validity)) else {
        return false;
    };
    let Some(member) = model::input(properties::MODEL_OPERATION)
        .and_then(|create| model::member_of(create, row.api))
    else {
        return false;
    };
    let n = n as i64;
    member.min.is_some_and(|min| n < min) || member.max.is_some_and(|max| n > max)
}

/// CreateUserPoolClient's AccessTokenValidity and IdTokenValidity (API Reference): between 5
/// minutes and 1 day, as a duration in the token's unit. Whether they may exceed the refresh
/// token's lifetime the reference does not say, so nothing is refused for it.
pub(super) fn access_token_validity_in_range(i: &Inputs) -> Option<CheckFailure> {
    in_range(
        i,
        "accessTokenValidity",
        "accessToken",
        "hours",
        5 * MINUTE,
        DAY,
        "5 minutes and 1 day",
    )
}

pub(super) fn id_token_validity_in_range(i: &Inputs) -> Option<CheckFailure> {
    in_range(
        i,
        "idTokenValidity",
        "idToken",
        "hours",
        5 * MINUTE,
        DAY,
        "5 minutes and 1 day",
    )
}

/// CreateUserPoolClient's RefreshTokenValidity (API Reference): between 60 minutes and 10
/// years, as a duration in its unit.
pub(super) fn refresh_token_validity_in_range(i: &Inputs) -> Option<CheckFailure> {
    // 0 asks Cognito for its default (30 days).
    if matches!(i.get("refreshTokenValidity"), Got::Known(v) if v.as_f64() == Some(0.0)) {
        return None;
    }
    in_range(
        i,
        "refreshTokenValidity",
        "refreshToken",
        "days",
        HOUR,
        3_650 * DAY,
        "60 minutes and 10 years",
    )
}
