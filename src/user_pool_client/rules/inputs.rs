//! What every rule reads the inputs through, and the names the rules share: each rule file
//! starts with `use super::inputs::*`.

pub(super) use super::super::properties::{self, CLIENT_SECRET, GENERATE_SECRET};
pub(super) use super::super::tokens::unit_seconds;
pub(super) use crate::cognito::model;
pub(super) use crate::resource::CheckFailure;
pub(super) use crate::resource::validate::quote;
pub(super) use crate::value::{PropertyMap, Value};

/// One property's state as a rule sees it.
pub(super) enum Got<'a> {
    Unset,
    Unknown,
    Known(&'a Value),
}

pub(super) struct Inputs<'a>(pub(super) &'a PropertyMap);

impl<'a> Inputs<'a> {
    pub(super) fn get(&self, name: &str) -> Got<'a> {
        match self.0.get(name) {
            None => Got::Unset,
            Some(v) if v.is_null() => Got::Unset,
            Some(v) if v.contains_unknown() => Got::Unknown,
            Some(v) => Got::Known(v.reveal().0),
        }
    }

    /// A list's items, `Some(empty)` when unset; `None` when (partly) unknown.
    pub(super) fn strings(&self, name: &str) -> Option<Vec<&'a str>> {
        Some(self.list(name)?.unwrap_or_default())
    }

    /// A list's items, `Some(None)` when unset (an explicit `[]` is a list, and is sent as
    /// one); `None` when (partly) unknown.
    pub(super) fn list(&self, name: &str) -> Option<Option<Vec<&'a str>>> {
        match self.get(name) {
            Got::Unset => Some(None),
            Got::Unknown => None,
            Got::Known(v) => Some(Some(
                v.as_array()?.iter().filter_map(Value::as_str).collect(),
            )),
        }
    }

    pub(super) fn bool(&self, name: &str, default: bool) -> Option<bool> {
        match self.get(name) {
            Got::Unset => Some(default),
            Got::Unknown => None,
            Got::Known(v) => v.as_bool(),
        }
    }

    pub(super) fn str(&self, name: &str) -> Option<Option<&'a str>> {
        match self.get(name) {
            Got::Unset => Some(None),
            Got::Unknown => None,
            Got::Known(v) => Some(v.as_str()),
        }
    }

    /// A nested object's field (an unset object has unset fields).
    pub(super) fn nested(&self, object: &str, field: &str) -> Got<'a> {
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

pub(super) fn fail(property: &str, reason: String) -> Option<CheckFailure> {
    Some(CheckFailure::new(property, reason))
}
