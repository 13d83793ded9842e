//! Check failures in the form the engine prints well.
//!
//! The engine prints each failure as `property <property> value <inputs[property]> has a
//! problem: <reason>`, looking `property` up as a flat top-level key. A nested or indexed path
//! (`callbackUrls[0]`) would print `value {<nil>}`, and a long list would be echoed whole before
//! the reason. So the engine gets the top-level name, or no name where the value would be long;
//! the reason always names the exact path and quotes the item briefly. One problem is reported
//! once.

use super::codec::encode;
use super::proto::pulumirpc as rpc;
use crate::resource::CheckFailure;
use crate::value::PropertyMap;

/// Values longer than this (as the engine would print them) are not named with the failure.
const SHORT: usize = 120;

pub fn for_engine(list: Vec<CheckFailure>, inputs: &PropertyMap) -> Vec<rpc::CheckFailure> {
    let mut out: Vec<rpc::CheckFailure> = Vec::new();
    for f in list {
        let top = f
            .property
            .split(['.', '['])
            .next()
            .unwrap_or_default()
            .to_string();
        let property = match inputs.get(&top) {
            Some(v) if printed_len(&encode(v)) > SHORT => String::new(),
            _ => top,
        };
        let failure = rpc::CheckFailure {
            property,
            reason: f.reason,
        };
        if !out.contains(&failure) {
            out.push(failure);
        }
    }
    out
}

/// Roughly how long the engine's rendering of a value is.
fn printed_len(v: &prost_types::Value) -> usize {
    use prost_types::value::Kind;
    match &v.kind {
        Some(Kind::StringValue(s)) => s.len() + 2,
        Some(Kind::ListValue(l)) => l.values.iter().map(|v| printed_len(v) + 1).sum::<usize>() + 2,
        Some(Kind::StructValue(s)) => {
            s.fields
                .iter()
                .map(|(k, v)| k.len() + printed_len(v) + 2)
                .sum::<usize>()
                + 2
        }
        _ => 8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    #[test]
    fn the_engine_gets_the_top_level_name_or_none_for_a_long_value() {
        let mut inputs = PropertyMap::new();
        inputs.insert(
            "callbackUrls".into(),
            Value::strings(&["http://a.example.com/cb"]),
        );
        let many: Vec<String> = (0..101)
            .map(|i| format!("https://a.example.com/{i}"))
            .collect();
        inputs.insert("logoutUrls".into(), Value::strings(&many));
        let got = for_engine(
            vec![
                CheckFailure::new("callbackUrls[0]", "`callbackUrls[0]`: must use https"),
                CheckFailure::new("logoutUrls", "`logoutUrls` may have at most 100 items"),
                CheckFailure::new(
                    "tokenValidityUnits.accessToken",
                    "`tokenValidityUnits.accessToken` ...",
                ),
                CheckFailure::new("callbackUrls[0]", "`callbackUrls[0]`: must use https"),
            ],
            &inputs,
        );
        let props: Vec<&str> = got.iter().map(|f| f.property.as_str()).collect();
        assert_eq!(
            props,
            ["callbackUrls", "", "tokenValidityUnits"],
            "the repeat is dropped"
        );
        assert!(
            got[0].reason.contains("callbackUrls[0]"),
            "the reason keeps the path"
        );
    }
}
