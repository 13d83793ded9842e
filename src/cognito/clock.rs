//! Cognito's clock, as seen from the provider's. A create whose answer was lost is told from
//! namesakes that existed before by comparing the clients' `CreationDate` (Cognito's clock) with
//! the moment the request left (the provider's clock). The two clocks are never assumed to
//! agree: each create that succeeds says when Cognito made the client, and that moment lies
//! between the provider's sending the request and its receiving the answer, which bounds the
//! difference between the clocks to one round trip, with no call made only to learn it.
//!
//! No margin is added, in either direction, and none is needed:
//! - A client this create made is never taken for an older one: Cognito made it after the
//!   request left, which on Cognito's clock is no earlier than the lower bound used here. So a
//!   lost create is never believed to have made nothing while its client exists (an orphan,
//!   and a duplicate when the create is tried again).
//! - A namesake made in the round trip before the request left (plus the date's resolution)
//!   cannot be told from this create's client by date. It is a candidate; candidates with
//!   other settings than the requested ones are not this create's and are passed over, and
//!   one with exactly the requested settings is adopted only when it is the only one: another
//!   party making a client of the same name, in the same pool, with the same settings, within
//!   a millisecond or two of this create would be taken for it. Listing the namesakes first
//!   had the same window (between the listing's answer and the create's arrival), so nothing
//!   is lost against it; a margin would only widen the window.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_smithy_types::DateTime;

/// How long a calibration is trusted; a create after that lists namesakes first instead (and
/// calibrates again when it succeeds).
pub const TRUSTED_FOR: Duration = Duration::from_secs(600);

/// How fast two clocks may drift apart, at most, while a calibration ages (100 ppm: far more
/// than an NTP-disciplined clock, and than an undisciplined quartz one over ten minutes).
const DRIFT_PER_SECOND_NS: i128 = 100_000;

/// Nanoseconds since the Unix epoch on the provider's clock.
pub fn now_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// A date Cognito reported, in nanoseconds since the epoch, and how coarse it may be: a date
/// with no fraction of a second is taken for one rounded down to the second.
pub fn cognito_ns(date: &DateTime) -> (i128, i128) {
    let ns = date.secs() as i128 * 1_000_000_000 + date.subsec_nanos() as i128;
    let resolution = match date.subsec_nanos() {
        0 => 1_000_000_000,
        _ => 1_000_000,
    };
    (ns, resolution)
}

/// What one create told about the difference between the clocks (the provider's minus
/// Cognito's), as an interval that certainly holds it.
#[derive(Debug, Clone, Copy)]
pub struct Calibration {
    /// Provider minus Cognito, at least.
    low_ns: i128,
    /// Provider minus Cognito, at most.
    high_ns: i128,
    taken: Instant,
}

impl Calibration {
    /// From a create sent at `sent_ns` and answered at `answered_ns` (provider's clock), which
    /// Cognito says it made at `created` (its clock, rounded down to its resolution).
    pub fn from_create(sent_ns: i128, answered_ns: i128, created: &DateTime) -> Self {
        let (created_ns, resolution) = cognito_ns(created);
        // Cognito made the client at some true moment c in [created, created + resolution),
        // which the provider's clock puts between sending and answering.
        Calibration {
            low_ns: sent_ns - (created_ns + resolution),
            high_ns: answered_ns - created_ns,
            taken: Instant::now(),
        }
    }

    /// Whether it is recent enough to rely on.
    pub fn trusted(&self) -> bool {
        self.taken.elapsed() < TRUSTED_FOR
    }

    /// The interval, widened by the drift the clocks may have had since it was taken.
    fn bounds(&self) -> (i128, i128) {
        let drift = self.taken.elapsed().as_secs_f64().ceil() as i128 * DRIFT_PER_SECOND_NS;
        (self.low_ns - drift, self.high_ns + drift)
    }

    /// Whether a client Cognito made at `created` certainly existed before a request the
    /// provider sent at `sent_ns`; `false` when it may have been made after.
    pub fn existed_before(&self, sent_ns: i128, created: &DateTime) -> bool {
        let (created_ns, resolution) = cognito_ns(created);
        let (_, high) = self.bounds();
        // On Cognito's clock the request left no earlier than `sent - high`; a client made (at
        // the latest, given its date's resolution) before that existed already.
        created_ns + resolution <= sent_ns - high
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: i128 = 1_000_000;

    fn date(ns: i128) -> DateTime {
        DateTime::from_nanos(ns).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Provider's clock 5 s ahead of Cognito's; the reference create took 20 ms there and back.
    fn calibration() -> Calibration {
        let sent = 1_000_000 * 1_000 * MS;
        let created = sent - 5_000 * MS + 10 * MS + 123_456; // milliseconds, as Cognito says
        Calibration::from_create(sent, sent + 20 * MS, &date(created - created % MS))
    }

    #[test]
    fn a_skewed_clock_is_measured_not_assumed() {
        let c = calibration();
        let sent = 2_000_000 * 1_000 * MS;
        // Cognito's clock reads 5 s less: a client made 1 ms after the request left is not
        // taken for an older one, although its date is 5 s before the provider's `sent`.
        assert!(!c.existed_before(sent, &date(sent - 5_000 * MS + MS)));
        // Nor is one made as the request left, on Cognito's clock.
        assert!(!c.existed_before(sent, &date(sent - 5_000 * MS)));
        // A namesake made 100 ms before the request, on Cognito's clock, existed before, though
        // its date is far from the provider's.
        assert!(c.existed_before(sent, &date(sent - 5_100 * MS)));
        // Made within the calibration's round trip before the request: not provably older.
        assert!(!c.existed_before(sent, &date(sent - 5_008 * MS)));
    }

    #[test]
    fn a_date_in_whole_seconds_is_taken_for_a_coarse_one() {
        let sent = 3_000_000 * 1_000 * MS;
        // Same clocks; Cognito reports whole seconds: the made client may be up to 1 s later.
        let c = Calibration::from_create(sent, sent + 2 * MS, &date(sent - sent % (1_000 * MS)));
        let (low, high) = c.bounds();
        assert!(high - low >= 1_000 * MS, "{low} {high}");
        // A namesake dated the second the request left in is not provably older.
        assert!(!c.existed_before(sent + 500 * MS, &date(sent)));
        // One dated two seconds before is.
        assert!(c.existed_before(sent + 500 * MS, &date(sent - 2_000 * MS)));
    }
}
