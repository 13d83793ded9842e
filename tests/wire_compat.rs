//! Checks that our hand-written proto files (proto/) say the same thing on the wire as the
//! Pulumi engine of the pinned version: a wrong field number or type would not fail to compile,
//! it would silently drop or garble data between the engine and the provider.
//!
//! The reference is the FileDescriptorSet dumped from the `pulumi` wheel by
//! sdk-gen/install-pulumi-wheel.sh, passed in COGNITO_TEST_PULUMI_FDS. Only what we declare is
//! checked: leaving out fields or RPCs is deliberate (proto3 skips unknown fields, and the router
//! answers UNIMPLEMENTED for missing RPCs).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's panic is its failure report

use prost::Message;
use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{
    DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto,
    FileDescriptorSet, ServiceDescriptorProto,
};
use std::collections::BTreeMap;

/// Written by build.rs from the same protox compilation that generates our code.
const OURS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pulumirpc.fds.bin"));

fn ours() -> FileDescriptorSet {
    FileDescriptorSet::decode(OURS).expect("decode our descriptor set")
}

/// Every message, enum and service of a set by full name (".pkg.Outer.Inner"), the form that
/// field type_names and method input/output types use. Ordered, so reports are stable.
#[derive(Default)]
struct Index<'a> {
    messages: BTreeMap<String, &'a DescriptorProto>,
    enums: BTreeMap<String, &'a EnumDescriptorProto>,
    services: BTreeMap<String, &'a ServiceDescriptorProto>,
}

impl<'a> Index<'a> {
    fn new(set: &'a FileDescriptorSet) -> Self {
        let mut index = Index::default();
        for file in &set.file {
            let scope = match file.package() {
                "" => String::new(),
                p => format!(".{p}"),
            };
            index.add_messages(&scope, &file.message_type);
            for e in &file.enum_type {
                index.enums.insert(format!("{scope}.{}", e.name()), e);
            }
            for s in &file.service {
                index.services.insert(format!("{scope}.{}", s.name()), s);
            }
        }
        index
    }

    fn add_messages(&mut self, scope: &str, messages: &'a [DescriptorProto]) {
        for m in messages {
            let full = format!("{scope}.{}", m.name());
            for e in &m.enum_type {
                self.enums.insert(format!("{full}.{}", e.name()), e);
            }
            self.add_messages(&full, &m.nested_type);
            self.messages.insert(full, m);
        }
    }

    /// The synthetic `XEntry` message a `map<K, V>` field refers to, if the field is a map.
    fn map_entry(&self, f: &FieldDescriptorProto) -> Option<&'a DescriptorProto> {
        if f.r#type() != Type::Message || f.label() != Label::Repeated {
            return None;
        }
        let m = self.messages.get(f.type_name())?;
        m.options
            .as_ref()
            .is_some_and(|o| o.map_entry())
            .then_some(*m)
    }
}

/// What was compared, so a run that compared nothing cannot pass unnoticed.
#[derive(Debug, Default)]
struct Checked {
    messages: usize,
    enums: usize,
    methods: usize,
}

/// Compares everything `ours` declares in `package` with `reference`; returns one line per
/// mismatch, each naming the message, field, enum value or method.
fn compare(
    ours: &FileDescriptorSet,
    reference: &FileDescriptorSet,
    package: &str,
) -> (Vec<String>, Checked) {
    let (a, b) = (Index::new(ours), Index::new(reference));
    let prefix = format!(".{package}.");
    let mut errs = Vec::new();
    let mut checked = Checked::default();

    for (full, msg) in a.messages.iter().filter(|(n, _)| n.starts_with(&prefix)) {
        // Map entries are checked through the map field that uses them.
        if msg.options.as_ref().is_some_and(|o| o.map_entry()) {
            continue;
        }
        checked.messages += 1;
        let name = &full[1..];
        let Some(other) = b.messages.get(full) else {
            errs.push(format!("message {name}: not in the reference"));
            continue;
        };
        for f in &msg.field {
            compare_field(&a, &b, name, f, other, &mut errs);
        }
    }

    for (full, e) in a.enums.iter().filter(|(n, _)| n.starts_with(&prefix)) {
        checked.enums += 1;
        let name = &full[1..];
        let Some(other) = b.enums.get(full) else {
            errs.push(format!("enum {name}: not in the reference"));
            continue;
        };
        for v in &e.value {
            match other.value.iter().find(|o| o.name() == v.name()) {
                None => errs.push(format!(
                    "enum {name}.{}: no such value in the reference",
                    v.name()
                )),
                Some(o) if o.number() != v.number() => errs.push(format!(
                    "enum {name}.{}: number {} here, {} in the reference",
                    v.name(),
                    v.number(),
                    o.number()
                )),
                Some(_) => {}
            }
        }
    }

    for (full, s) in a.services.iter().filter(|(n, _)| n.starts_with(&prefix)) {
        let name = &full[1..];
        let Some(other) = b.services.get(full) else {
            errs.push(format!("service {name}: not in the reference"));
            continue;
        };
        for m in &s.method {
            checked.methods += 1;
            let at = format!("rpc {name}.{}", m.name());
            let Some(o) = other.method.iter().find(|o| o.name() == m.name()) else {
                errs.push(format!("{at}: not in the reference"));
                continue;
            };
            let pairs = [
                (
                    "input type",
                    m.input_type().to_string(),
                    o.input_type().to_string(),
                ),
                (
                    "output type",
                    m.output_type().to_string(),
                    o.output_type().to_string(),
                ),
                (
                    "client streaming",
                    m.client_streaming().to_string(),
                    o.client_streaming().to_string(),
                ),
                (
                    "server streaming",
                    m.server_streaming().to_string(),
                    o.server_streaming().to_string(),
                ),
            ];
            for (what, ours, theirs) in pairs {
                if ours != theirs {
                    errs.push(format!(
                        "{at}: {what} is {ours} here, {theirs} in the reference"
                    ));
                }
            }
        }
    }
    (errs, checked)
}

fn compare_field(
    a: &Index,
    b: &Index,
    msg: &str,
    f: &FieldDescriptorProto,
    other: &DescriptorProto,
    errs: &mut Vec<String>,
) {
    let at = format!("field {msg}.{} (= {})", f.name(), f.number());
    let Some(o) = other.field.iter().find(|o| o.name() == f.name()) else {
        // Name the field that holds the number instead: usually a rename or a typo.
        let taken = match other.field.iter().find(|o| o.number() == f.number()) {
            Some(o) => format!("; the reference uses {} for `{}`", o.number(), o.name()),
            None => String::new(),
        };
        errs.push(format!("{at}: no such field in the reference{taken}"));
        return;
    };
    let mut differ = |what: &str, ours: String, theirs: String| {
        if ours != theirs {
            errs.push(format!(
                "{at}: {what} is {ours} here, {theirs} in the reference"
            ));
        }
    };
    differ("number", f.number().to_string(), o.number().to_string());
    differ(
        "label",
        format!("{:?}", f.label()),
        format!("{:?}", o.label()),
    );
    differ(
        "proto3 optional",
        f.proto3_optional().to_string(),
        o.proto3_optional().to_string(),
    );
    match (a.map_entry(f), b.map_entry(o)) {
        // Maps: the entry messages have generated names, so compare what they hold.
        (Some(x), Some(y)) => {
            for (i, part) in ["key", "value"].iter().enumerate() {
                let (fx, fy) = (x.field.get(i), y.field.get(i));
                differ(&format!("map {part} type"), type_of(fx), type_of(fy));
            }
        }
        (None, None) => differ("type", type_of(Some(f)), type_of(Some(o))),
        (x, _) => differ("map-ness", x.is_some().to_string(), x.is_none().to_string()),
    }
}

/// The scalar type, or the full name of the message or enum.
fn type_of(f: Option<&FieldDescriptorProto>) -> String {
    match f {
        None => "missing".into(),
        Some(f) if matches!(f.r#type(), Type::Message | Type::Enum) => {
            format!("{:?} {}", f.r#type(), f.type_name())
        }
        Some(f) => format!("{:?}", f.r#type()),
    }
}

fn report(errs: &[String], against: &str) -> String {
    format!(
        "{} wire mismatch(es) between proto/ and {against}:\n  - {}",
        errs.len(),
        errs.join("\n  - ")
    )
}

#[test]
fn pulumirpc_matches_pinned_pulumi() {
    let path = match std::env::var("COGNITO_TEST_PULUMI_FDS") {
        Ok(p) if !p.is_empty() => p,
        _ if std::env::var("COGNITO_TEST_REQUIRE").as_deref() == Ok("1") => panic!(
            "COGNITO_TEST_PULUMI_FDS is not set but COGNITO_TEST_REQUIRE=1: run `make test`, or \
             set it to the path printed by sdk-gen/install-pulumi-wheel.sh"
        ),
        _ => {
            eprintln!(
                "skipped: wire_compat needs COGNITO_TEST_PULUMI_FDS (the path printed by \
                 sdk-gen/install-pulumi-wheel.sh); `make test` sets it"
            );
            return;
        }
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let reference =
        FileDescriptorSet::decode(&*bytes).unwrap_or_else(|e| panic!("decode {path}: {e}"));
    let ours = ours();

    let (errs, checked) = compare(&ours, &reference, "pulumirpc");
    assert!(errs.is_empty(), "{}", report(&errs, &path));
    // Guards against comparing an empty or wrong set and passing vacuously.
    let services = Index::new(&ours).services.into_keys().collect::<Vec<_>>();
    for s in [".pulumirpc.ResourceProvider", ".pulumirpc.Engine"] {
        assert!(
            services.iter().any(|n| n == s),
            "{s} missing from our descriptors"
        );
    }
    assert!(
        checked.messages > 20 && checked.enums > 0 && checked.methods > 10,
        "{checked:?}"
    );
    eprintln!("wire_compat: {checked:?} match {path}");
}

/// google.rpc.Status is not in the wheel; its layout is fixed by gRPC, so spell it out here.
#[test]
fn google_rpc_status_has_the_grpc_layout() {
    let field = |name: &str, number, ty, label, type_name: Option<&str>| FieldDescriptorProto {
        name: Some(name.into()),
        number: Some(number),
        r#type: Some(ty as i32),
        label: Some(label as i32),
        type_name: type_name.map(Into::into),
        ..Default::default()
    };
    let status = DescriptorProto {
        name: Some("Status".into()),
        field: vec![
            field("code", 1, Type::Int32, Label::Optional, None),
            field("message", 2, Type::String, Label::Optional, None),
            field(
                "details",
                3,
                Type::Message,
                Label::Repeated,
                Some(".google.protobuf.Any"),
            ),
        ],
        ..Default::default()
    };
    let reference = FileDescriptorSet {
        file: vec![FileDescriptorProto {
            package: Some("google.rpc".into()),
            message_type: vec![status],
            ..Default::default()
        }],
    };
    let ours = ours();
    let (errs, checked) = compare(&ours, &reference, "google.rpc");
    assert!(
        errs.is_empty(),
        "{}",
        report(&errs, "gRPC's google.rpc.Status")
    );
    assert_eq!(checked.messages, 1);
    let index = Index::new(&ours);
    assert_eq!(
        index.messages[".google.rpc.Status"].field.len(),
        3,
        "extra Status fields"
    );
}

/// The comparator must notice a difference, or the tests above could pass whatever proto/ says.
#[test]
fn comparator_reports_mismatches() {
    let reference = ours();
    let (errs, _) = compare(&reference, &reference, "pulumirpc");
    assert!(errs.is_empty(), "a set differs from itself: {errs:?}");

    let mut mutated = reference.clone();
    let provider = mutated
        .file
        .iter_mut()
        .find(|f| f.name() == "pulumi/provider.proto")
        .expect("provider.proto");
    let check = provider
        .message_type
        .iter_mut()
        .find(|m| m.name() == "CheckRequest")
        .unwrap();
    check
        .field
        .iter_mut()
        .find(|f| f.name() == "urn")
        .unwrap()
        .number = Some(99);
    let diff = provider
        .message_type
        .iter_mut()
        .find(|m| m.name() == "DiffResponse")
        .unwrap();
    diff.enum_type[0].value[1].number = Some(7); // DiffChanges.DIFF_NONE
    provider.service[0].method[0].server_streaming = Some(true);

    let (errs, _) = compare(&mutated, &reference, "pulumirpc");
    let joined = errs.join("\n");
    assert_eq!(errs.len(), 3, "{joined}");
    assert!(
        joined.contains("field pulumirpc.CheckRequest.urn (= 99): number is 99"),
        "{joined}"
    );
    assert!(
        joined.contains("enum pulumirpc.DiffResponse.DiffChanges.DIFF_NONE"),
        "{joined}"
    );
    assert!(
        joined.contains("rpc pulumirpc.ResourceProvider.Handshake: server streaming"),
        "{joined}"
    );
}
