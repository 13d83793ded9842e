//! protobuf `Struct` <-> [`Value`]: the engine's encoding of property values.
//!
//! Secrets travel as objects carrying a signature key; unknowns as sentinel strings. Decoding
//! accepts every unknown sentinel the engine may send (typed ones included) and output-value
//! objects; encoding emits the generic unknown and the secret envelope.

use prost_types::value::Kind;
use prost_types::{ListValue, Struct};

use crate::value::{PropertyMap, Value};

/// Key whose presence marks an object as one of Pulumi's special values.
pub const SIGNATURE_KEY: &str = "4dabf18193072939515e22adb298388d";
pub const SECRET_SIG: &str = "1b47061264138c4ac30d75fd1eb44270";
pub const OUTPUT_VALUE_SIG: &str = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/// The generic unknown; the typed sentinels below are accepted on input only.
pub const UNKNOWN: &str = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const TYPED_UNKNOWNS: [&str; 6] = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
];

/// Decodes a (possibly absent) `Struct` into a property map.
pub fn decode_struct(s: Option<&Struct>) -> PropertyMap {
    s.map(|s| {
        s.fields
            .iter()
            .map(|(k, v)| (k.clone(), decode(v)))
            .collect()
    })
    .unwrap_or_default()
}

pub fn decode(v: &prost_types::Value) -> Value {
    match &v.kind {
        None | Some(Kind::NullValue(_)) => Value::Null,
        Some(Kind::BoolValue(b)) => Value::Bool(*b),
        Some(Kind::NumberValue(n)) => Value::Number(*n),
        Some(Kind::StringValue(s)) if s == UNKNOWN || TYPED_UNKNOWNS.contains(&s.as_str()) => {
            Value::Unknown
        }
        Some(Kind::StringValue(s)) => Value::String(s.clone()),
        Some(Kind::ListValue(l)) => Value::Array(l.values.iter().map(decode).collect()),
        Some(Kind::StructValue(s)) => decode_object(s),
    }
}

fn decode_object(s: &Struct) -> Value {
    let signature = match s.fields.get(SIGNATURE_KEY).map(|v| &v.kind) {
        Some(Some(Kind::StringValue(sig))) => sig.as_str(),
        _ => return Value::Object(decode_struct(Some(s))),
    };
    let inner = s.fields.get("value").map(decode);
    match signature {
        SECRET_SIG => Value::Secret(Box::new(inner.unwrap_or(Value::Null))),
        OUTPUT_VALUE_SIG => {
            let secret = matches!(
                s.fields.get("secret").map(|v| &v.kind),
                Some(Some(Kind::BoolValue(true)))
            );
            inner.unwrap_or(Value::Unknown).secret_if(secret)
        }
        // Resource references, assets and archives mean nothing to this provider; keeping
        // them as plain objects lets Check report them as values of the wrong type.
        _ => Value::Object(decode_struct(Some(s))),
    }
}

pub fn encode_struct(map: &PropertyMap) -> Struct {
    Struct {
        fields: map.iter().map(|(k, v)| (k.clone(), encode(v))).collect(),
    }
}

pub fn encode(v: &Value) -> prost_types::Value {
    let kind = match v {
        Value::Null => Kind::NullValue(0),
        Value::Bool(b) => Kind::BoolValue(*b),
        Value::Number(n) => Kind::NumberValue(*n),
        Value::String(s) => Kind::StringValue(s.clone()),
        Value::Array(items) => Kind::ListValue(ListValue {
            values: items.iter().map(encode).collect(),
        }),
        Value::Object(map) => Kind::StructValue(encode_struct(map)),
        Value::Secret(inner) => {
            let mut envelope = PropertyMap::new();
            envelope.insert(SIGNATURE_KEY.into(), Value::string(SECRET_SIG));
            envelope.insert("value".into(), (**inner).clone());
            Kind::StructValue(encode_struct(&envelope))
        }
        Value::Unknown => Kind::StringValue(UNKNOWN.into()),
    };
    prost_types::Value { kind: Some(kind) }
}

/// Converts a JSON document (the schema, AWS-independent data) into a property value.
pub fn from_json(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::Array(a.iter().map(from_json).collect()),
        serde_json::Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(s: &str) -> prost_types::Value {
        prost_types::Value {
            kind: Some(Kind::StringValue(s.into())),
        }
    }

    fn object(fields: &[(&str, prost_types::Value)]) -> prost_types::Value {
        prost_types::Value {
            kind: Some(Kind::StructValue(Struct {
                fields: fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
            })),
        }
    }

    #[test]
    fn secret_envelope_round_trips() {
        let wire = object(&[(SIGNATURE_KEY, string(SECRET_SIG)), ("value", string("s3"))]);
        let v = decode(&wire);
        assert_eq!(v, Value::Secret(Box::new(Value::string("s3"))));
        assert_eq!(encode(&v), wire);
    }

    #[test]
    fn every_unknown_sentinel_decodes_to_unknown_and_encodes_generic() {
        for s in TYPED_UNKNOWNS.iter().chain([&UNKNOWN]) {
            assert_eq!(decode(&string(s)), Value::Unknown, "{s}");
        }
        assert_eq!(encode(&Value::Unknown), string(UNKNOWN));
    }

    #[test]
    fn unknown_inside_a_secret_stays_unknown() {
        let wire = object(&[
            (SIGNATURE_KEY, string(SECRET_SIG)),
            ("value", string(UNKNOWN)),
        ]);
        let v = decode(&wire);
        assert!(v.is_unknown());
        assert!(v.contains_secret());
    }

    #[test]
    fn output_values_unwrap_to_their_value_or_unknown() {
        let known = object(&[
            (SIGNATURE_KEY, string(OUTPUT_VALUE_SIG)),
            ("value", string("v")),
            (
                "secret",
                prost_types::Value {
                    kind: Some(Kind::BoolValue(true)),
                },
            ),
        ]);
        assert_eq!(decode(&known), Value::string("v").secret_if(true));
        let unknown = object(&[(SIGNATURE_KEY, string(OUTPUT_VALUE_SIG))]);
        assert_eq!(decode(&unknown), Value::Unknown);
    }

    #[test]
    fn numbers_lists_and_nested_objects_survive() {
        let mut inner = PropertyMap::new();
        inner.insert("n".into(), Value::Number(30.0));
        let mut map = PropertyMap::new();
        map.insert("o".into(), Value::Object(inner));
        map.insert("l".into(), Value::strings(&["a", "b"]));
        map.insert("z".into(), Value::Null);
        assert_eq!(decode_struct(Some(&encode_struct(&map))), map);
    }

    #[test]
    fn other_special_objects_stay_plain_objects() {
        let reference = object(&[
            (SIGNATURE_KEY, string("5cf8f73096256a8f31e491e813e4eb8e")),
            ("urn", string("urn:pulumi:x")),
        ]);
        assert!(matches!(decode(&reference), Value::Object(_)));
    }
}
