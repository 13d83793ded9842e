//! The property table of `cognito:index:UserPoolClientSecret`: one secret of an app client,
//! added with AddUserPoolClientSecret. Every input replaces the secret: a replacement adds the
//! new secret before it deletes the old one, which is the rotation.

use crate::resource::table::{Property, Shape};

/// The resource's type token.
pub const TOKEN: &str = "cognito:index:UserPoolClientSecret";

/// The operation whose request members the rows are (for their constraints).
pub const MODEL_OPERATION: &str = "AddUserPoolClientSecret";

pub const USER_POOL_ID: &str = "userPoolId";
pub const CLIENT_ID: &str = "clientId";
pub const CLIENT_SECRET: &str = "clientSecret";
pub const TRIGGERS: &str = "triggers";
pub const SECRET_ID: &str = "secretId";
pub const CREATE_DATE: &str = "createDate";
pub const USER_POOL_ARN: &str = "userPoolArn";

pub static PROPERTIES: &[Property] = &[
    Property::new(USER_POOL_ID, "UserPoolId", Shape::String)
        .required()
        .replace()
        .doc("The id of the user pool of the client, such as `us-east-1_AbCdEf123`."),
    Property::new(CLIENT_ID, "ClientId", Shape::String)
        .required()
        .replace()
        .doc("The id of the app client the secret belongs to. The client must be confidential (have a secret already), and may hold two secrets at once."),
    Property::new(CLIENT_SECRET, "ClientSecret", Shape::String)
        .secret()
        .replace()
        .doc("Your own secret value; when omitted, Cognito generates one. As an output, always a secret: the secret's value."),
    // The provider's own: no Cognito field.
    Property::new(TRIGGERS, "", Shape::AnyList)
        .replace()
        .doc("Values whose change rotates the secret: the new secret is added, everything that uses this resource's `clientSecret` moves to it, and the old secret is deleted last."),
    Property::new(SECRET_ID, "ClientSecretId", Shape::String)
        .output()
        .doc("The id Cognito gave the secret."),
    Property::new(CREATE_DATE, "ClientSecretCreateDate", Shape::String)
        .output()
        .doc("When the secret was made (ISO 8601)."),
    // The provider's own record: no Cognito field.
    Property::new(USER_POOL_ARN, "", Shape::String)
        .output()
        .doc("The user pool's ARN, naming the account and region it lives in, recorded when the provider could learn the account of its credentials (sts:GetCallerIdentity). Should the pool be deleted, this record is what lets the provider take the secret for deleted, rather than for one it is looking for in the wrong account."),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::table::Update;

    #[test]
    fn every_input_replaces_and_the_rows_are_the_models_members() {
        let model = crate::cognito::model::model().unwrap_or_else(|e| panic!("{e}"));
        let add = model
            .input(MODEL_OPERATION)
            .unwrap_or_else(|| panic!("no {MODEL_OPERATION}"));
        for row in PROPERTIES.iter().filter(|p| p.is_input()) {
            assert_eq!(row.update, Update::Replace, "{}", row.name);
            assert!(
                row.api.is_empty() || add.members.contains_key(row.api),
                "{}: {} is not a member of {MODEL_OPERATION}",
                row.name,
                row.api
            );
        }
        for member in add.members.keys() {
            assert!(
                PROPERTIES.iter().any(|r| r.is_input() && r.api == member),
                "{member} of {MODEL_OPERATION} is not a property"
            );
        }
    }
}
