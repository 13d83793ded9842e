//! The function `cognito:index:getUserPoolClients`: every app client of a user pool, by id and
//! name, for programs that act on a whole pool (and for adopting one, see `adopt`).

use super::lookup::{Lookup, POOL_ARGUMENT, checked};
use crate::cognito::{Cognito, Listed};
use crate::error::Error;
use crate::resource::table::{Property, Shape};
use crate::user_pool_client::properties::{CLIENT_ID, CLIENT_NAME, USER_POOL_ID};
use crate::value::{PropertyMap, Value};

/// The function's token.
pub const FUNCTION: &str = "cognito:index:getUserPoolClients";

/// The API operation whose request members the arguments are (for their constraints).
pub const MODEL_OPERATION: &str = "ListUserPoolClients";

/// The output that lists the clients, and the schema type of each item.
pub const CLIENTS: &str = "clients";
pub const ITEM_TYPE: &str = "UserPoolClientSummary";

pub static ARGUMENTS: &[Property] =
    &[POOL_ARGUMENT.doc("The id of the user pool whose app clients to list.")];

/// One client of the answer.
pub static ITEM: &[Property] = &[
    Property::new(CLIENT_ID, "ClientId", Shape::String)
        .required()
        .doc("The id of the app client."),
    Property::new(CLIENT_NAME, "ClientName", Shape::String)
        .required()
        .doc("The name of the app client."),
];

/// Every client of the pool; a failure names the pool (and "no such user pool" for not-found).
pub async fn clients_of(cognito: &Cognito, pool: &str) -> Result<Vec<Listed>, Error> {
    cognito.list(pool).await.map_err(|f| Error::Pool {
        what: "listing the app clients of",
        pool: pool.to_string(),
        cause: if f.is_not_found() {
            "no such user pool".into()
        } else {
            f.message
        },
        kind: f.kind,
    })
}

pub async fn get(cognito: &Cognito, args: &PropertyMap) -> Result<Lookup, Error> {
    let args = match checked(ARGUMENTS, MODEL_OPERATION, args) {
        Ok(args) => args,
        Err(failures) => return Ok(Lookup::Invalid(failures)),
    };
    let pool = args
        .get(USER_POOL_ID)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let listed = clients_of(cognito, &pool).await?;
    let clients = listed
        .into_iter()
        .map(|c| {
            Value::Object(PropertyMap::from([
                (CLIENT_ID.to_string(), Value::string(c.id)),
                (CLIENT_NAME.to_string(), Value::string(c.name)),
            ]))
        })
        .collect();
    Ok(Lookup::Found(PropertyMap::from([
        (USER_POOL_ID.to_string(), Value::string(pool)),
        (CLIENTS.to_string(), Value::Array(clients)),
    ])))
}
