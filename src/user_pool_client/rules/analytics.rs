//! Pinpoint analytics: an application ARN, or an application id with a role and external id.

use super::inputs::*;

/// AnalyticsConfigurationType (API Reference): a Pinpoint project by its ARN, for which Cognito
/// uses its service-linked role, or by its id with a role (and the role's external id). The
/// ARN form takes no role or external id (Terraform's validators, from the same service, say
/// so too: `application_arn` conflicts with `role_arn` and `external_id`). What Cognito reports
/// back for the ARN form is adopted as that form (`state::as_written`).
pub(super) fn analytics_is_arn_or_id_role_and_external_id(i: &Inputs) -> Option<CheckFailure> {
    let object = "analyticsConfiguration";
    if !matches!(i.get(object), Got::Known(_)) {
        return None;
    }
    let mut set = Vec::new();
    for field in ["applicationArn", "applicationId", "roleArn", "externalId"] {
        match i.nested(object, field) {
            Got::Unknown => return None,
            Got::Known(_) => set.push(field),
            Got::Unset => {}
        }
    }
    // The external id is optional: the role's trust policy may not ask for one.
    let ok = set == ["applicationArn"]
        || set == ["applicationId", "roleArn"]
        || set == ["applicationId", "roleArn", "externalId"];
    if ok {
        return None;
    }
    let reason = if set.contains(&"applicationArn") {
        format!(
            "`{object}.applicationArn` must be given alone, without {}",
            set[1..].join(", ")
        )
    } else {
        let missing: Vec<_> = ["applicationId", "roleArn"]
            .into_iter()
            .filter(|f| !set.contains(f))
            .collect();
        format!(
            "`{object}` needs either `applicationArn` alone, or `applicationId` and `roleArn` (with `externalId` if the role asks for one); missing {}",
            missing.join(", ")
        )
    };
    fail(object, reason)
}
