//! Finding and adopting clients that already exist, beside the resources: the functions
//! `cognito:index:getUserPoolClients` (`list`) and `cognito:index:getUserPoolClient`
//! (`lookup`), and the import document `import-pool` writes for a whole pool (`adopt`).

pub mod adopt;
pub mod list;
pub mod lookup;
