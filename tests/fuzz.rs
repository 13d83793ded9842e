//! Fuzzing the value codec and Check with arbitrary protobuf Structs: whatever the engine (or
//! anything else) sends, decoding, checking, diffing and encoding must neither panic nor hang,
//! and must keep secrets secret.
//!
//! `make test` runs a bounded number of cases (proptest's default, 256 per property, with a
//! fixed seed corpus first); `make fuzz` runs many more (PROPTEST_CASES).

use std::collections::BTreeMap;

use proptest::prelude::*;
use prost_types::value::Kind;
use prost_types::{ListValue, Struct, Value as Wire};
use pulumi_resource_cognito::plugin::codec::{self, decode, decode_struct, encode, encode_struct};
use pulumi_resource_cognito::resource::{CheckRequest, DiffRequest};
use pulumi_resource_cognito::user_pool_client::{check, diff, properties::PROPERTIES};
use pulumi_resource_cognito::value::Value;

/// Strings that mean something to the codec or the rules, mixed with arbitrary ones.
fn interesting_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(codec::SIGNATURE_KEY.to_string()),
        Just(codec::SECRET_SIG.to_string()),
        Just(codec::OUTPUT_VALUE_SIG.to_string()),
        Just(codec::UNKNOWN.to_string()),
        Just("1c4a061d-8072-4f0a-a4cb-0ff528b18fe7".to_string()),
        Just("value".to_string()),
        Just("secret".to_string()),
        Just("us-east-1_Ab1".to_string()),
        Just("https://a.example.com/cb".to_string()),
        Just("ALLOW_REFRESH_TOKEN_AUTH".to_string()),
        Just("client_credentials".to_string()),
        Just("minutes".to_string()),
        Just("ENABLED".to_string()),
        ".{0,40}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    let names: Vec<String> = PROPERTIES.iter().map(|p| p.name.to_string()).collect();
    prop_oneof![
        proptest::sample::select(names),
        interesting_string(),
        Just("accessToken".to_string()),
        Just("feature".to_string()),
        Just("applicationArn".to_string()),
    ]
}

fn wire_value() -> impl Strategy<Value = Wire> {
    let leaf = prop_oneof![
        Just(Kind::NullValue(0)),
        any::<bool>().prop_map(Kind::BoolValue),
        prop_oneof![
            any::<f64>(),
            -100.0..100_000.0f64,
            Just(f64::NAN),
            Just(1e300)
        ]
        .prop_map(Kind::NumberValue),
        interesting_string().prop_map(Kind::StringValue),
    ]
    .prop_map(|k| Wire { kind: Some(k) });
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(|values| Wire {
                kind: Some(Kind::ListValue(ListValue { values }))
            }),
            proptest::collection::btree_map(key(), inner, 0..8).prop_map(|m| Wire {
                kind: Some(Kind::StructValue(Struct {
                    fields: m.into_iter().collect()
                }))
            }),
        ]
    })
}

fn wire_struct() -> impl Strategy<Value = Struct> {
    proptest::collection::btree_map(key(), wire_value(), 0..12).prop_map(
        |m: BTreeMap<String, Wire>| Struct {
            fields: m.into_iter().collect(),
        },
    )
}

fn check_request(news: &Struct, olds: &Struct) -> CheckRequest {
    CheckRequest {
        urn: "urn:pulumi:fuzz::p::cognito:index:UserPoolClient::c".into(),
        name: "c".into(),
        olds: decode_struct(Some(olds)),
        news: decode_struct(Some(news)),
        random_seed: vec![9; 32],
        autonaming: None,
    }
}

/// Runs everything the provider does with untrusted values; panics are the failures.
fn exercise(news: &Struct, olds: &Struct) {
    let checked = check(&check_request(news, olds));
    for f in &checked.failures {
        assert!(!f.reason.is_empty(), "{f:?}");
    }
    let d = diff(&DiffRequest {
        id: "us-east-1_Ab1/c1".into(),
        urn: String::new(),
        old_outputs: decode_struct(Some(olds)),
        old_inputs: decode_struct(Some(olds)),
        news: checked.inputs.clone(),
        ignore_changes: vec![],
    });
    for path in d.detailed.keys() {
        let top = path.split(['.', '[']).next().unwrap_or_default();
        assert!(
            d.diffs.iter().any(|k| k == top),
            "{path} is not in diffs {:?}",
            d.diffs
        );
    }
    // Checked inputs go back to the engine: they must encode, and an input that came in as a
    // secret must go back as one.
    let news_map = decode_struct(Some(news));
    let round = decode_struct(Some(&encode_struct(&checked.inputs)));
    for (k, v) in &round {
        if matches!(news_map.get(k), Some(Value::Secret(_))) {
            assert!(v.contains_secret(), "{k} lost its secrecy");
        }
    }
}

/// Hand-picked inputs that once were, or could be, trouble; always run first.
#[test]
fn seed_corpus() {
    let corpus = include_str!("fuzz_corpus.json");
    let cases: Vec<serde_json::Value> = serde_json::from_str(corpus).unwrap_or_default();
    assert!(cases.len() >= 10, "the committed corpus is missing");
    for case in cases {
        let Value::Object(map) = codec::from_json(&case) else {
            continue;
        };
        let news = encode_struct(&map);
        exercise(&news, &Struct::default());
        exercise(&news, &news);
    }
}

proptest! {
    #[test]
    fn decoding_is_total_and_encoding_round_trips(v in wire_value()) {
        let value = decode(&v);
        // Encoding the decoded value and decoding again changes nothing further.
        // (Compared in Debug form, where NaN equals NaN.)
        let again = decode(&encode(&value));
        prop_assert_eq!(format!("{:?}", again.revealed()), format!("{:?}", value.revealed()));
        prop_assert_eq!(decode(&encode(&value)).contains_secret(), value.contains_secret());
    }

    #[test]
    fn check_and_diff_never_panic(news in wire_struct(), olds in wire_struct()) {
        exercise(&news, &olds);
    }

    /// The oracle of a set's size: a set is sent without its repeats, so Check counts its
    /// different values against the model's limit, never its items.
    #[test]
    fn a_set_is_refused_for_size_exactly_when_its_different_values_are_too_many(
        picks in proptest::collection::vec(0usize..6, 0..14),
        property in prop_oneof![Just(("allowedOAuthFlows", "AllowedOAuthFlows")), Just(("allowedOAuthScopes", "AllowedOAuthScopes"))],
    ) {
        let (name, member) = property;
        let model = pulumi_resource_cognito::cognito::model::model().unwrap_or_else(|e| panic!("{e}"));
        let create = model.input("CreateUserPoolClient").unwrap_or_else(|| panic!("no CreateUserPoolClient"));
        let max = pulumi_resource_cognito::cognito::model::member_of(create, member)
            .and_then(|m| m.max)
            .unwrap_or(i64::MAX);
        // Few candidates, so that repeats are common, and for the scopes, enough that a
        // stretched limit would show: each candidate stands for max/6 + 1 different scopes.
        let values: Vec<String> = if name == "allowedOAuthScopes" {
            let per = (max as usize) / 6 + 1;
            picks.iter().flat_map(|p| (0..per).map(move |i| format!("api/s{p}-{i}"))).collect()
        } else {
            let flows = ["code", "implicit", "client_credentials", "password", "device", "token"];
            picks.iter().map(|p| flows[*p].to_string()).collect()
        };
        let distinct: std::collections::BTreeSet<&String> = values.iter().collect();
        let news = encode_struct(&[(name.to_string(), Value::strings(&values))].into_iter().collect());
        let res = check(&check_request(&news, &Struct::default()));
        let refused = res.failures.iter().any(|f| f.property == name && f.reason.contains("at most"));
        prop_assert_eq!(refused, distinct.len() as i64 > max, "{} values, {} different: {:?}", values.len(), distinct.len(), res.failures);
    }

    #[test]
    fn secret_values_never_appear_in_check_failures(s in "[a-zA-Z0-9]{12,20}") {
        let mut news = BTreeMap::new();
        for prop in PROPERTIES.iter().filter(|p| p.is_input()) {
            news.insert(prop.name.to_string(), Value::Secret(Box::new(Value::string(format!("{s}!#")))));
        }
        let news = encode_struct(&news.into_iter().collect());
        let res = check(&check_request(&news, &Struct::default()));
        for f in res.failures {
            prop_assert!(!f.reason.contains(&s), "{:?} repeats a secret", f);
        }
    }
}
