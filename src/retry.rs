//! [`RetryPolicy`]: how often and how patiently a client tries again.

use std::time::Duration;

use backon::ExponentialBuilder;

/// Exponential backoff with jitter, applied to retryable failures only (see
/// [`Error::is_retryable`](crate::Error::is_retryable)): connection failures, HTTP 429, 502, 503,
/// 504 and PDM's rate-limit code, and for an idempotent operation an attempt that timed out. A `Retry-After` the server sends replaces the computed delay,
/// capped at [`RetryPolicy::max_retry_after`].
///
/// The default makes 3 attempts in all, waiting about 200 ms and then 400 ms (with jitter).
/// A client's `build()` refuses a delay or `Retry-After` cap past one year, naming it
/// (`retry_policy.max_delay`).
///
/// ```
/// use std::time::Duration;
/// use customer_apis::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .initial_delay(Duration::from_millis(500))
///     .max_delay(Duration::from_secs(10));
/// assert_eq!(patient.attempts(), 5);
/// assert_eq!(RetryPolicy::disabled().attempts(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) initial_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) jitter: bool,
    pub(crate) max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            jitter: true,
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts in all, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The delay before the first retry; each later one doubles it.
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// The longest computed delay between attempts.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Whether delays are randomised (on by default, so that many clients do not retry in step).
    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    /// The longest `Retry-After` honoured; a longer one is cut to this.
    pub fn max_retry_after(mut self, cap: Duration) -> Self {
        self.max_retry_after = cap;
        self
    }

    /// Attempts in all.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Refuses a delay past [`MAX_WAIT`], naming it.
    pub(crate) fn check(&self) -> Result<(), crate::Error> {
        within_bound("retry_policy.initial_delay", self.initial_delay)?;
        within_bound("retry_policy.max_delay", self.max_delay)?;
        within_bound("retry_policy.max_retry_after", self.max_retry_after)
    }

    pub(crate) fn backoff(&self) -> ExponentialBuilder {
        let builder = ExponentialBuilder::default()
            .with_min_delay(self.initial_delay)
            .with_max_delay(self.max_delay)
            .with_factor(2.0)
            .with_max_times(self.max_attempts.saturating_sub(1) as usize);
        if self.jitter {
            // backon's default jitter seed is the same in every process, so clients restarted
            // together would retry in step; seed it from the process's random hash keys.
            use std::hash::{BuildHasher, Hasher};
            let seed = std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish();
            builder.with_jitter().with_jitter_seed(seed)
        } else {
            builder
        }
    }
}

/// The longest wait a setting may ask for: one year. Longer is surely a mistake (seconds read
/// as milliseconds, `u64::MAX`), and a time that far ahead may be past what the clock can hold.
pub(crate) const MAX_WAIT: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// Refuses a wait longer than [`MAX_WAIT`], naming the setting.
pub(crate) fn within_bound(setting: &'static str, wait: Duration) -> Result<(), crate::Error> {
    if wait > MAX_WAIT {
        return Err(crate::Error::invalid(
            setting,
            "must be at most one year (365 days)",
        ));
    }
    Ok(())
}
