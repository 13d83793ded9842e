//! The function `cognito:index:getUserPoolClient`: every property of an existing client,
//! looked up by its pool and client id; its secret only when asked for, and then as a secret.

use crate::cognito::Cognito;
use crate::cognito::id::ClientRef;
use crate::error::{Action, Error};
use crate::resource::CheckFailure;
use crate::resource::table::{Property, Shape};
use crate::resource::validate;
use crate::user_pool_client::properties::{CLIENT_ID, CLIENT_SECRET, USER_POOL_ID};
use crate::user_pool_client::state;
use crate::value::PropertyMap;

/// The function's token.
pub const FUNCTION: &str = "cognito:index:getUserPoolClient";

/// The API operation whose request members the arguments are (for their constraints).
pub const MODEL_OPERATION: &str = "DescribeUserPoolClient";

/// The user pool argument of the functions (each with its own description).
pub const POOL_ARGUMENT: Property =
    Property::new(USER_POOL_ID, "UserPoolId", Shape::String).required();

/// The function's arguments.
pub static ARGUMENTS: &[Property] = &[
    POOL_ARGUMENT.doc("The id of the user pool the client belongs to."),
    Property::new(CLIENT_ID, "ClientId", Shape::String)
        .required()
        .doc("The id of the app client."),
    Property::new(INCLUDE_SECRET, "", Shape::Boolean).doc(
        "Whether to return the client secret too (as a secret). False unless set: a result that holds a secret is secret as a whole in YAML and in the SDKs' Output forms, so ask for it only where you use it, and every other setting stays plain.",
    ),
];

/// The argument that asks for the client secret.
pub const INCLUDE_SECRET: &str = "includeSecret";

/// The answer: the client's properties, or the argument rules that failed.
pub enum Lookup {
    Found(PropertyMap),
    Invalid(Vec<CheckFailure>),
}

/// A function's arguments, checked against its table and the request members of its API
/// operation; the failures when a rule is broken.
pub fn checked(
    table: &[Property],
    operation: &str,
    args: &PropertyMap,
) -> Result<PropertyMap, Vec<CheckFailure>> {
    let mut found = validate::Findings::default();
    let api = crate::cognito::model::input(operation);
    let args = validate::object(table, api, args, "", &mut found);
    if found.failures.is_empty() {
        Ok(args)
    } else {
        Err(found.failures)
    }
}

pub async fn get(cognito: &Cognito, args: &PropertyMap) -> Result<Lookup, Error> {
    let args = match checked(ARGUMENTS, MODEL_OPERATION, args) {
        Ok(args) => args,
        Err(failures) => return Ok(Lookup::Invalid(failures)),
    };
    let text = |k: &str| {
        args.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let id = ClientRef::new(text(USER_POOL_ID), text(CLIENT_ID));
    let client = cognito.describe(&id).await.map_err(|f| {
        crate::user_pool_client::errors::failed(
            Action::Reading,
            &id.to_string(),
            &id.user_pool_id,
            f,
        )
    })?;
    let Some(client) = client else {
        return Err(Error::Cognito {
            action: Action::Reading,
            client: id.to_string(),
            cause: format!("no such client in user pool {}", id.user_pool_id),
            kind: crate::error::FailureKind::NotFound,
        });
    };
    let mut found = state::flatten(&client);
    let wanted = args.get(INCLUDE_SECRET).and_then(|v| v.as_bool()) == Some(true);
    if let Some(secret) = found.remove(CLIENT_SECRET)
        && wanted
    {
        found.insert(CLIENT_SECRET.into(), secret.secret_if(true));
    }
    Ok(Lookup::Found(found))
}
