//! Pacing of changes per user pool, and backoff between attempts.
//!
//! Cognito allows only a few app-client changes per second in one pool, and the engine runs
//! many resources at once. Spacing the changes to one pool out keeps a large stack from turning
//! into a storm of throttling and ConcurrentModificationException retries.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug)]
pub struct Pacer {
    /// Time between two changes to one pool; zero turns pacing off.
    interval: Duration,
    next: Mutex<HashMap<String, Instant>>,
}

impl Pacer {
    /// `per_second` changes per pool; 0 means unpaced.
    pub fn new(per_second: u32) -> Self {
        let interval = match per_second {
            0 => Duration::ZERO,
            n => Duration::from_secs(1) / n,
        };
        Pacer {
            interval,
            next: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for this pool's next free slot and takes it.
    pub async fn wait(&self, pool: &str) {
        if self.interval.is_zero() {
            return;
        }
        let now = Instant::now();
        let slot = match self.next.lock() {
            Ok(mut next) => {
                let slot = next.get(pool).copied().unwrap_or(now).max(now);
                next.insert(pool.to_string(), slot + self.interval);
                slot
            }
            Err(_) => now, // a poisoned map only loses pacing, never the call
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// Exponential backoff with full jitter: a random wait up to 100 ms * 2^attempt, at most 10 s.
pub fn backoff(attempt: u32) -> Duration {
    let ceiling = Duration::from_millis(100)
        .saturating_mul(1 << attempt.min(10))
        .min(Duration::from_secs(10));
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u32(attempt);
    let fraction = (hasher.finish() % 1000) as u32;
    ceiling * fraction / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn changes_to_one_pool_are_spaced_and_other_pools_are_not_held_up() {
        let pacer = Pacer::new(5);
        let start = Instant::now();
        for _ in 0..3 {
            pacer.wait("pool_a").await;
        }
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(400),
            "third change waits two intervals"
        );
        let before = Instant::now();
        pacer.wait("pool_b").await;
        assert_eq!(before.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn zero_turns_pacing_off() {
        let pacer = Pacer::new(0);
        let start = Instant::now();
        for _ in 0..10 {
            pacer.wait("p").await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for attempt in 0..20 {
            let ceiling =
                Duration::from_millis(100 << attempt.min(10)).min(Duration::from_secs(10));
            assert!(backoff(attempt) <= ceiling);
        }
    }
}
