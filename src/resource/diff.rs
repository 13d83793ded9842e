//! Diffs of a property table: which inputs changed, as the engine displays them, and whether
//! the change replaces the resource (the table's update behaviour decides).

use crate::resource::table::{Property, Shape, Update};
use crate::resource::{DiffKind, DiffResponse};
use crate::value::path::{PropertyPath, covered};
use crate::value::{PropertyMap, Value};

/// The changes between old and new inputs, property by property, leaving out what the
/// program's `ignoreChanges` paths cover. `skip` leaves a property out (its change is judged
/// elsewhere); `keep` can drop a path of the detailed diff.
pub fn table(
    props: &[Property],
    olds: &PropertyMap,
    news: &PropertyMap,
    ignored: &[PropertyPath],
    skip: impl Fn(&Property) -> bool,
    keep: impl Fn(&str) -> bool,
) -> DiffResponse {
    let mut res = DiffResponse::default();
    for prop in props.iter().filter(|p| p.is_input()) {
        if covered(ignored, prop.name) || skip(prop) {
            continue;
        }
        let mut changes = Vec::new();
        changed(
            prop,
            olds.get(prop.name),
            news.get(prop.name),
            prop.name,
            &mut changes,
        );
        changes.retain(|(path, _)| keep(path) && !covered(ignored, path));
        if changes.is_empty() {
            continue;
        }
        let replaces = prop.update == Update::Replace;
        res.diffs.push(prop.name.to_string());
        if replaces {
            res.replaces.push(prop.name.to_string());
        }
        for (path, kind) in changes {
            res.detailed
                .insert(path, if replaces { kind.replacing() } else { kind });
        }
    }
    res
}

/// Appends the changed paths of one property: the fields of an object one by one, also when
/// the whole object is added or removed, so the preview (and `replaceOnChanges`) sees the
/// changed leaf, `tokenValidityUnits.accessToken`, rather than the whole object.
fn changed(
    prop: &Property,
    old: Option<&Value>,
    new: Option<&Value>,
    path: &str,
    out: &mut Vec<(String, DiffKind)>,
) {
    if prop.same(old, new) {
        return;
    }
    let object = |v: Option<&Value>| match v.map(Value::reveal) {
        None | Some((Value::Null, _)) => Some(None),
        Some((Value::Object(map), _)) => Some(Some(map.clone())),
        _ => None,
    };
    if let (Shape::Object(fields), Some(o), Some(n)) = (prop.shape, object(old), object(new)) {
        let before = out.len();
        for field in fields.iter() {
            let nested = format!("{path}.{}", field.name);
            let (o, n) = (o.as_ref(), n.as_ref());
            changed(
                field,
                o.and_then(|m| m.get(field.name)),
                n.and_then(|m| m.get(field.name)),
                &nested,
                out,
            );
        }
        // Values no field explains (such as one side unknown as a whole) still count.
        if out.len() > before {
            return;
        }
    }
    if let (Shape::StringSet, Some(o), Some(n)) = (prop.shape, known_items(old), known_items(new))
        && !o.is_empty()
        && !n.is_empty()
    {
        set_changes(&o, &n, path, out);
        return;
    }
    // Added or deleted as the user wrote it: `generateSecret: false` replacing `true` is an
    // update even though false is also what "unset" means.
    let set = |v: Option<&Value>| v.is_some_and(|v| !v.is_null());
    let kind = match (set(old), set(new)) {
        (false, true) => DiffKind::Add,
        (true, false) => DiffKind::Delete,
        _ => DiffKind::Update,
    };
    out.push((path.to_string(), kind));
}

/// A list's items as plain strings, when every one is known.
fn known_items(v: Option<&Value>) -> Option<Vec<String>> {
    v?.revealed()
        .as_array()?
        .iter()
        .map(|item| item.as_str().map(str::to_string))
        .collect()
}

/// A set's change as what left and what came: each removed value at its index in the old list,
/// each added value at its index in the new one, so the preview shows `- "email"` and
/// `+ "profile"` rather than positions that changed.
fn set_changes(old: &[String], new: &[String], path: &str, out: &mut Vec<(String, DiffKind)>) {
    for (i, item) in old.iter().enumerate() {
        if !new.contains(item) {
            out.push((format!("{path}[{i}]"), DiffKind::Delete));
        }
    }
    for (i, item) in new.iter().enumerate() {
        if !old.contains(item) {
            out.push((format!("{path}[{i}]"), DiffKind::Add));
        }
    }
}
