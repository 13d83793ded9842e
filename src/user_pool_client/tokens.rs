//! Token lifetimes: three validities, each a number in a unit from `tokenValidityUnits`.
//!
//! "60 minutes" and "1 hour" are the same lifetime, and an unset validity is Cognito's default
//! in whatever unit. Diff and Read compare lifetimes, not the raw numbers, so a program and
//! Cognito's answer that mean the same tokens never show as a change.

use crate::value::{PropertyMap, Value};

pub const UNITS: &str = "tokenValidityUnits";

/// One token's validity property, its unit field and Cognito's defaults.
pub struct Token {
    pub validity: &'static str,
    pub unit_field: &'static str,
    pub default_unit: &'static str,
    /// Cognito's lifetime when the validity is unset (or, for refresh tokens, 0).
    pub default_seconds: i64,
}

pub const TOKENS: [Token; 3] = [
    Token {
        validity: "accessTokenValidity",
        unit_field: "accessToken",
        default_unit: "hours",
        default_seconds: 3_600,
    },
    Token {
        validity: "idTokenValidity",
        unit_field: "idToken",
        default_unit: "hours",
        default_seconds: 3_600,
    },
    Token {
        validity: "refreshTokenValidity",
        unit_field: "refreshToken",
        default_unit: "days",
        default_seconds: 30 * 86_400,
    },
];

/// Seconds in one unit of `tokenValidityUnits`.
pub fn unit_seconds(unit: &str) -> Option<i64> {
    match unit {
        "seconds" => Some(1),
        "minutes" => Some(60),
        "hours" => Some(3_600),
        "days" => Some(86_400),
        _ => None,
    }
}

impl Token {
    /// The unit the map gives this token, or the default; `None` when unknown or invalid.
    pub fn unit<'a>(&'a self, map: &'a PropertyMap) -> Option<&'a str> {
        let units = map.get(UNITS);
        if units.is_some_and(Value::is_unknown) {
            return None;
        }
        match units
            .and_then(Value::as_object)
            .and_then(|o| o.get(self.unit_field))
        {
            None => Some(self.default_unit),
            Some(v) if v.is_null() => Some(self.default_unit),
            Some(v) => v.as_str(),
        }
    }

    /// The lifetime in seconds the map asks for; `None` when it cannot be known.
    pub fn seconds(&self, map: &PropertyMap) -> Option<i64> {
        let unit = unit_seconds(self.unit(map)?)?;
        match map.get(self.validity).map(Value::revealed) {
            None | Some(Value::Null) => Some(self.default_seconds),
            Some(Value::Number(n)) if n == 0.0 && self.validity == "refreshTokenValidity" => {
                Some(self.default_seconds)
            }
            Some(Value::Number(n)) if n.fract() == 0.0 => Some((n as i64).saturating_mul(unit)),
            _ => None,
        }
    }

    /// Cognito's default lifetime expressed in `unit`, when it is a whole number of them.
    pub fn default_in(&self, unit: &str) -> Option<i32> {
        let per = unit_seconds(unit)?;
        (self.default_seconds % per == 0).then(|| (self.default_seconds / per) as i32)
    }

    /// Whether two maps ask for the same lifetime of this token (both known). Durations are
    /// compared, never bare numbers: 30 hours is not the 30-day default.
    pub fn same_in(&self, a: &PropertyMap, b: &PropertyMap) -> bool {
        matches!((self.seconds(a), self.seconds(b)), (Some(x), Some(y)) if x == y)
    }

    /// The diff path of this token's unit: `tokenValidityUnits.accessToken`.
    pub fn unit_path(&self) -> String {
        format!("{UNITS}.{}", self.unit_field)
    }

    /// This token's unit as the map writes it (absent when the map leaves it to the default).
    pub fn written_unit<'a>(&self, map: &'a PropertyMap) -> Option<&'a Value> {
        map.get(UNITS)?
            .as_object()?
            .get(self.unit_field)
            .filter(|v| !v.is_null())
    }
}

/// The tokens whose lifetimes two maps agree on.
pub fn same_tokens<'t>(a: &PropertyMap, b: &PropertyMap) -> Vec<&'t Token> {
    TOKENS.iter().filter(|t| t.same_in(a, b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::map_of as map;

    fn units(pairs: &[(&str, &str)]) -> Value {
        Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Value::string(*v)))
                .collect(),
        )
    }

    fn same_lifetimes(a: &PropertyMap, b: &PropertyMap) -> bool {
        TOKENS.iter().all(|t| t.same_in(a, b))
    }

    #[test]
    fn the_same_lifetime_in_other_units_or_by_default_is_the_same() {
        let cases = [
            (
                map(&[]),
                map(&[("accessTokenValidity", Value::Number(1.0))]),
                true,
            ),
            (
                map(&[
                    ("accessTokenValidity", Value::Number(60.0)),
                    (UNITS, units(&[("accessToken", "minutes")])),
                ]),
                map(&[]),
                true,
            ),
            (
                map(&[]),
                map(&[
                    ("refreshTokenValidity", Value::Number(30.0)),
                    (UNITS, units(&[("refreshToken", "days")])),
                ]),
                true,
            ),
            (
                map(&[("refreshTokenValidity", Value::Number(0.0))]),
                map(&[]),
                true,
            ),
            (
                map(&[]),
                map(&[("idTokenValidity", Value::Number(2.0))]),
                false,
            ),
            (
                map(&[]),
                map(&[(UNITS, units(&[("refreshToken", "hours")]))]),
                true,
            ),
            (
                map(&[("refreshTokenValidity", Value::Number(30.0))]),
                map(&[
                    ("refreshTokenValidity", Value::Number(30.0)),
                    (UNITS, units(&[("refreshToken", "hours")])),
                ]),
                false,
            ),
            // 30 hours is not the default of 30 days, nor 1 day the default of 1 hour.
            (
                map(&[
                    ("refreshTokenValidity", Value::Number(30.0)),
                    (UNITS, units(&[("refreshToken", "hours")])),
                ]),
                map(&[(UNITS, units(&[("refreshToken", "hours")]))]),
                false,
            ),
            (
                map(&[]),
                map(&[
                    ("accessTokenValidity", Value::Number(1.0)),
                    (UNITS, units(&[("accessToken", "days")])),
                ]),
                false,
            ),
        ];
        for (i, (a, b, want)) in cases.iter().enumerate() {
            assert_eq!(same_lifetimes(a, b), *want, "case {i}: {a:?} vs {b:?}");
        }
    }

    #[test]
    fn each_token_is_compared_on_its_own() {
        let a = map(&[("accessTokenValidity", Value::Number(2.0))]);
        let b = map(&[
            ("accessTokenValidity", Value::Number(120.0)),
            (UNITS, units(&[("accessToken", "minutes")])),
            ("idTokenValidity", Value::Number(3.0)),
        ]);
        let same: Vec<_> = same_tokens(&a, &b).iter().map(|t| t.validity).collect();
        assert_eq!(same, ["accessTokenValidity", "refreshTokenValidity"]);
    }

    #[test]
    fn unknowns_make_lifetimes_unknown() {
        assert_eq!(
            TOKENS[0].seconds(&map(&[("accessTokenValidity", Value::Unknown)])),
            None
        );
        assert_eq!(
            TOKENS[1].seconds(&map(&[(
                UNITS,
                Value::Object(map(&[("idToken", Value::Unknown)]))
            )])),
            None
        );
    }

    #[test]
    fn defaults_are_expressed_in_whole_units_only() {
        assert_eq!(TOKENS[0].default_in("minutes"), Some(60));
        assert_eq!(TOKENS[0].default_in("days"), None);
        assert_eq!(TOKENS[2].default_in("hours"), Some(720));
    }
}
