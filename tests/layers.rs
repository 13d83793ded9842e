//! The layering of `src/`, checked from the code's own paths rather than drawn: each top-level
//! module belongs to a layer, and a module may use only modules of its own layer or of layers
//! beneath it; no two modules (files) use each other, directly or round a loop; and the
//! protocol's types (tonic, prost) appear only in the protocol layer.
//!
//! The check reads the source text: every `crate::`, `super::` and `self::` path, and paths that
//! start with a child module the file declares. A `mod` declaration is structure, not use. A
//! file's inline unit tests (`#[cfg(test)] mod tests { .. }`, by this crate's convention at the
//! end) are not read. Set `LAYERS_SHOW=1` to print the graph it found.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Lowest first. The crate root (lib.rs, main.rs) is above them all.
const LAYERS: &[(&str, &[&str])] = &[
    ("values", &["value"]),
    ("Cognito service", &["cognito"]),
    ("resource machinery", &["resource", "error"]),
    (
        "resources",
        &["user_pool_client", "client_secret", "discovery"],
    ),
    (
        "provider",
        &["config", "provider", "schema", "import_pool", "migrate"],
    ),
    ("protocol", &["plugin"]),
];

/// Where the protocol's crates may be named.
const PROTOCOL: &str = "plugin";

type Module = Vec<String>;

fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text without comments and string literals, which may mention paths in prose.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            // A char literal such as '"'.
            i += 3;
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    out
}

fn ident_at(s: &str) -> Option<&str> {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    (end > 0).then(|| &s[..end])
}

/// Every path a file's code starts with one of the roots it can name modules by: the segments
/// after the root, with `{a, b::c}` groups expanded one level.
fn paths(code: &str, root: &str) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    let needle = format!("{root}::");
    let mut from = 0;
    while let Some(at) = code[from..].find(&needle) {
        let start = from + at;
        from = start + needle.len();
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut rest = &code[from..];
        let mut segs = Vec::new();
        loop {
            if rest.starts_with('*') {
                // A glob uses the module it names.
                found.push((root.to_string(), segs.clone()));
                segs.clear();
                break;
            }
            if rest.starts_with('{') {
                // A group: each member is a path of its own.
                let close = rest.find('}').unwrap_or(rest.len());
                for member in rest[1..close].split(',') {
                    let mut m = Vec::new();
                    for seg in member.trim().split("::") {
                        match ident_at(seg.trim()) {
                            Some(id) => m.push(id.to_string()),
                            None => break,
                        }
                    }
                    let mut full = segs.clone();
                    full.extend(m);
                    found.push((root.to_string(), full));
                }
                segs.clear();
                break;
            }
            match ident_at(rest) {
                Some(id) => {
                    segs.push(id.to_string());
                    rest = &rest[id.len()..];
                    if let Some(r) = rest.strip_prefix("::") {
                        rest = r;
                    } else {
                        break;
                    }
                }
                None => break,
            }
        }
        if !segs.is_empty() {
            found.push((root.to_string(), segs));
        }
    }
    found
}

/// The children a file declares (`mod x;`, `pub mod x;`, `pub(crate) mod x;`).
fn children(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l
                .strip_prefix("pub(crate) ")
                .or_else(|| l.strip_prefix("pub "))
                .unwrap_or(l);
            let name = l.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.trim().to_string())
        })
        .collect()
}

/// The longest known module a path names.
fn resolve(known: &BTreeSet<Module>, path: Vec<String>) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| known.contains(m))
}

/// Each module's uses of other modules.
fn graph(src: &Path) -> (BTreeMap<Module, BTreeSet<Module>>, BTreeMap<Module, String>) {
    let mut list = Vec::new();
    files(src, &mut list);
    list.sort();
    let texts: BTreeMap<Module, String> = list
        .iter()
        .filter(|f| !f.ends_with("main.rs"))
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f:?}: {e}"));
            // Unit tests close a file, in an inline module whose `super` is the file itself.
            let text = text
                .split("#[cfg(test)]\nmod tests {")
                .next()
                .unwrap_or_default();
            (module_of(src, f), code_only(text))
        })
        .collect();
    let known: BTreeSet<Module> = texts.keys().cloned().collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, code) in &texts {
        let mut uses = BTreeSet::new();
        let mut add = |base: Module, segs: Vec<String>| {
            let mut full = base;
            full.extend(segs);
            if let Some(m) = resolve(&known, full) {
                uses.insert(m);
            }
        };
        for (_, segs) in paths(code, "crate") {
            add(vec![], segs);
        }
        for (_, segs) in paths(code, "self") {
            add(module.clone(), segs);
        }
        for (_, mut segs) in paths(code, "super") {
            let mut base = module.clone();
            base.pop();
            while segs.first().is_some_and(|s| s == "super") {
                segs.remove(0);
                base.pop();
            }
            add(base, segs);
        }
        for child in children(code) {
            for (_, segs) in paths(code, &child) {
                let mut full = vec![child.clone()];
                full.extend(segs);
                add(module.clone(), full);
            }
        }
        uses.remove(module);
        edges.insert(module.clone(), uses);
    }
    (edges, texts)
}

fn layer_of(module: &Module) -> Option<usize> {
    let top = module.first()?;
    LAYERS
        .iter()
        .position(|(_, tops)| tops.contains(&top.as_str()))
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// The strongly connected components with more than one module (Tarjan).
fn loops(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Module) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on.insert(v);
        if let Some(next) = s.edges.get(v) {
            for w in next {
                let Some((w, _)) = s.edges.get_key_value(w) else {
                    continue;
                };
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(lw));
                } else if s.on.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(iw));
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn every_module_has_a_layer() {
    let (edges, _) = graph(&src());
    let lost: Vec<String> = edges
        .keys()
        .filter(|m| !m.is_empty() && layer_of(m).is_none())
        .map(name)
        .collect();
    assert!(
        lost.is_empty(),
        "modules in no layer (add them to LAYERS in tests/layers.rs): {lost:?}"
    );
}

#[test]
fn modules_use_only_their_own_layer_and_those_beneath() {
    let (edges, _) = graph(&src());
    if std::env::var_os("LAYERS_SHOW").is_some() {
        for (m, uses) in &edges {
            eprintln!(
                "{} -> {}",
                name(m),
                uses.iter().map(name).collect::<Vec<_>>().join(", ")
            );
        }
    }
    let mut upward = Vec::new();
    for (m, uses) in &edges {
        let Some(mine) = layer_of(m) else { continue };
        for u in uses {
            match layer_of(u) {
                Some(theirs) if theirs > mine => upward.push(format!(
                    "{} ({}) uses {} ({})",
                    name(m),
                    LAYERS[mine].0,
                    name(u),
                    LAYERS[theirs].0
                )),
                // The crate root (lib.rs) is above every layer.
                None if !m.is_empty() && u.is_empty() => {
                    upward.push(format!("{} uses the crate root", name(m)))
                }
                _ => {}
            }
        }
    }
    assert!(upward.is_empty(), "upward uses:\n{}", upward.join("\n"));
}

#[test]
fn no_two_modules_use_each_other() {
    let (edges, _) = graph(&src());
    let found: Vec<String> = loops(&edges)
        .iter()
        .map(|c| c.iter().map(name).collect::<Vec<_>>().join(" <-> "))
        .collect();
    assert!(found.is_empty(), "import loops:\n{}", found.join("\n"));
}

#[test]
fn only_the_protocol_layer_names_tonic_or_prost() {
    let (_, texts) = graph(&src());
    let named: Vec<String> = texts
        .iter()
        .filter(|(m, _)| m.first().map(String::as_str) != Some(PROTOCOL) && !m.is_empty())
        .filter(|(_, code)| {
            code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|w| w == "tonic" || w == "prost" || w == "prost_types")
        })
        .map(|(m, _)| name(m))
        .collect();
    assert!(
        named.is_empty(),
        "tonic or prost outside {PROTOCOL}: {named:?}"
    );
}

/// The checks themselves find what they look for.
#[test]
fn the_checks_find_loops_groups_and_relative_paths() {
    let m = |s: &str| -> Module { s.split("::").map(str::to_string).collect() };
    let mut edges = BTreeMap::new();
    edges.insert(m("a"), BTreeSet::from([m("b")]));
    edges.insert(m("b"), BTreeSet::from([m("c")]));
    edges.insert(m("c"), BTreeSet::from([m("a")]));
    edges.insert(m("d"), BTreeSet::from([m("a")]));
    assert_eq!(loops(&edges), vec![vec![m("a"), m("b"), m("c")]]);

    let code = code_only(
        "use crate::{x::y::Z, w};\n// crate::comment::Only\nlet s = \"crate::in::string\";\nuse super::super::q::R;\nuse self::kid::T;\nuse super::*;",
    );
    let crate_paths: Vec<Vec<String>> = paths(&code, "crate").into_iter().map(|p| p.1).collect();
    assert_eq!(crate_paths, vec![m("x::y::Z"), m("w")]);
    assert_eq!(paths(&code, "super")[0].1, m("super::q::R"));
    // `use super::*` names the parent itself.
    assert_eq!(paths(&code, "super")[1].1, Vec::<String>::new());
    assert_eq!(paths(&code, "self")[0].1, m("kid::T"));
    assert_eq!(children("pub mod kid;\nmod other;\n"), vec!["kid", "other"]);
}
