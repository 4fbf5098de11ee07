//! [`Timestamp`]: an ISO 8601 date-time that keeps exactly what the server sent.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

/// An ISO 8601 date-time as the vendor sent it, with or without an offset.
///
/// CRO documents its timestamps as "ISO 8601 compatible" and sends them without an offset
/// (`2018-06-13T19:50:20.447000`). Such a naive timestamp is **not** assumed to be UTC or any
/// other zone: the vendor does not say which zone it means. [`Timestamp::offset`] is `None` for
/// it, [`Timestamp::to_utc`] refuses to guess, and [`Timestamp::assume_offset`] makes the choice
/// explicit at the call site. Values with `Z` or `±hh:mm` keep their offset.
///
/// The original text is kept: [`Timestamp::as_str`], `Display` and `Serialize` give back the
/// exact string that was received, so re-encoding a response loses nothing (precision, `Z` vs
/// `+00:00`).
///
/// # Equality and order
/// Comparison is by time, not by text, and needs no guess about a zone:
/// - two timestamps **with offsets** compare as instants: `…19:50:20Z`, `…19:50:20+00:00` and
///   `…21:50:20.000+02:00` are equal;
/// - two **naive** timestamps compare by their wall-clock time: `…20.447000` equals `…20.447`;
/// - a naive and an offset timestamp are **never equal**; for ordering only, the naive one is
///   placed as if it were UTC, and before an offset one at that same instant. To compare them
///   under a zone you know, compare [`Timestamp::assume_offset`]'s values.
///
/// `Hash` agrees with this equality. Compare [`Timestamp::as_str`] to compare the texts.
///
/// ```
/// use customer_apis::Timestamp;
/// use customer_apis::chrono::FixedOffset; // re-exported: no chrono dependency of your own
///
/// let naive: Timestamp = "2018-06-13T19:50:20.447000".parse().unwrap();
/// assert_eq!(naive.offset(), None);
/// assert_eq!(naive.to_utc(), None);
/// assert_eq!(naive.as_str(), "2018-06-13T19:50:20.447000");
/// let pacific = FixedOffset::west_opt(7 * 3600).unwrap();
/// assert_eq!(naive.assume_offset(pacific).to_rfc3339(), "2018-06-13T19:50:20.447-07:00");
///
/// let zoned: Timestamp = "2018-06-13T19:50:20Z".parse().unwrap();
/// assert_eq!(zoned.to_utc().unwrap().to_rfc3339(), "2018-06-13T19:50:20+00:00");
/// assert_eq!(zoned, "2018-06-13T21:50:20+02:00".parse().unwrap());
/// assert!(zoned < "2018-06-13T19:50:21Z".parse().unwrap());
/// assert_ne!(zoned, "2018-06-13T19:50:20".parse().unwrap()); // naive: never equal to a zoned one
/// ```
#[derive(Clone)]
pub struct Timestamp {
    raw: Box<str>,
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
}

/// Why a string is not an ISO 8601 date-time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO 8601 date-time (expected YYYY-MM-DDTHH:MM:SS[.fraction][Z|±hh:mm])")]
pub struct TimestampError(());

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]` (a four-digit year) with an optional `Z` or `±hh:mm` (a space is
    /// accepted in place of `T`, as ISO 8601 profiles and RFC 3339 allow).
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        // ISO 8601's basic form: a four-digit year (chrono would also take `+262142-...`).
        let bytes = text.as_bytes();
        if bytes.len() < 5 || !bytes[..4].iter().all(u8::is_ascii_digit) || bytes[4] != b'-' {
            return Err(TimestampError(()));
        }
        let (local, offset) = match fast_naive(text) {
            // The vendors' usual form, without an offset: parsed directly.
            Some(local) => (local, None),
            None => match DateTime::parse_from_rfc3339(text) {
                Ok(dt) => (dt.naive_local(), Some(*dt.offset())),
                Err(_) => {
                    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
                        .map_err(|_| TimestampError(()))?;
                    (local, None)
                }
            },
        };
        Ok(Timestamp {
            raw: text.into(),
            local,
            offset,
        })
    }

    /// The exact text the server sent.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The wall-clock date and time as written, without its offset.
    pub fn naive(&self) -> NaiveDateTime {
        self.local
    }

    /// The offset the server sent, or `None` for a naive timestamp.
    pub fn offset(&self) -> Option<FixedOffset> {
        self.offset
    }

    /// The instant in UTC, if the server sent an offset; `None` for a naive timestamp.
    pub fn to_utc(&self) -> Option<DateTime<Utc>> {
        let offset = self.offset?;
        offset
            .from_local_datetime(&self.local)
            .single()
            .map(|dt| dt.with_timezone(&Utc))
    }

    /// The instant, reading a naive timestamp in `assumed` (an offset the server sent wins).
    pub fn assume_offset(&self, assumed: FixedOffset) -> DateTime<FixedOffset> {
        let offset = self.offset.unwrap_or(assumed);
        // A fixed offset has no gaps or folds, so the mapping is always single.
        DateTime::from_naive_utc_and_offset(self.local - offset, offset)
    }
}

impl Timestamp {
    /// What equality, order and hash go by: the UTC date-time of a value with an offset, the
    /// wall-clock one of a naive value, and which of the two it is (naive first).
    fn order_key(&self) -> (NaiveDateTime, bool) {
        match self.offset {
            Some(offset) => (self.local - offset, true),
            None => (self.local, false),
        }
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.order_key() == other.order_key()
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl std::hash::Hash for Timestamp {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.order_key().hash(state);
    }
}

/// The number an all-digit ASCII slice spells.
#[inline(always)]
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        let d = c.wrapping_sub(b'0');
        (d <= 9).then(|| n * 10 + u32::from(d))
    })
}

/// Exactly `YYYY-MM-DD` (callers have checked the dashes' places for their own form).
#[inline(always)]
fn fast_date(b: &[u8]) -> Option<chrono::NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    chrono::NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// Decoding of `format: date` fields (`chrono::NaiveDate`), which the build script attaches
/// with `deserialize_with`: the vendors' `YYYY-MM-DD` is read directly, anything else goes to
/// chrono's own parser, so what is accepted and each error are chrono's.
#[cfg_attr(not(any(feature = "cro", feature = "pdm")), allow(dead_code))]
pub(crate) mod date_serde {
    use std::fmt;

    use chrono::NaiveDate;
    use serde::de::{Deserializer, Error, Visitor};

    struct Date;

    impl Visitor<'_> for Date {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a formatted date string")
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<NaiveDate, E> {
            match super::fast_date(v.as_bytes()) {
                Some(date) => Ok(date),
                None => v.parse().map_err(E::custom),
            }
        }
    }

    /// A `NaiveDate` field.
    // Only PDM's spec has a required date.
    #[cfg_attr(not(feature = "pdm"), allow(dead_code))]
    pub(crate) fn required<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(Date)
    }

    /// An `Option<NaiveDate>` field (absent, `null` or `""` is `None`).
    pub(crate) fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(super::Optional(Date, "a formatted date string or null"))
    }
}

/// Decoding of optional date-time fields (`Option<Timestamp>`), which the build script
/// attaches with `deserialize_with`: absent, `null` or `""` is `None`.
// No committed spec has an optional date-time yet; the build attaches this when one does.
#[allow(dead_code)]
pub(crate) mod timestamp_serde {
    use serde::de::Deserializer;

    use super::{Optional, Timestamp, TimestampVisitor};

    /// An `Option<Timestamp>` field (absent, `null` or `""` is `None`).
    pub(crate) fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        let expecting = "an ISO 8601 date-time string, \"\" or null";
        d.deserialize_option(Optional(TimestampVisitor, expecting))
    }
}

/// An optional field's visitor: absent or `null` is `None`, a string is read by the visitor it
/// wraps; the text is what the field expects.
#[cfg_attr(not(any(feature = "cro", feature = "pdm")), allow(dead_code))]
struct Optional<V>(V, &'static str);

impl<'de, V: serde::de::Visitor<'de>> serde::de::Visitor<'de> for Optional<V> {
    type Value = Option<V::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
    // `""` is how PDM (and CRO, at times) writes an unset field: absent, not a broken value.
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match v {
            "" => Ok(None),
            v => self.0.visit_str(v).map(Some),
        }
    }
}

/// Exactly `YYYY-MM-DD[T ]HH:MM:SS[.f]` with 1 to 9 fraction digits; anything else (offsets,
/// leap seconds, other widths) is left to chrono, which gives the same value for this form.
fn fast_naive(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let date = fast_date(&b[..10])?;
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            // The fraction in nanoseconds: its digits, scaled by a table rather than `pow`.
            #[rustfmt::skip]
            const SCALE: [u32; 10] = [
                1, 10, 100, 1_000, 10_000, 100_000,
                1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
            ];
            digits(fraction)? * SCALE[9 - fraction.len()]
        }
        _ => return None,
    };
    if second > 59 {
        return None;
    }
    let time = chrono::NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    Some(NaiveDateTime::new(date, time))
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({:?})", &*self.raw)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Timestamp::parse(s)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl serde::de::Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an ISO 8601 date-time string")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
        Timestamp::parse(v)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &"an ISO 8601 date-time"))
    }
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[derive(serde::Deserialize)]
    struct Optional {
        #[serde(default, deserialize_with = "super::timestamp_serde::optional")]
        at: Option<Timestamp>,
        #[serde(default, deserialize_with = "super::date_serde::optional")]
        on: Option<chrono::NaiveDate>,
    }

    fn decode(json: &str) -> Result<Optional, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn empty_null_or_absent_optional_dates_are_none() {
        for json in [
            r#"{"at": "", "on": ""}"#,
            r#"{"at": null, "on": null}"#,
            "{}",
        ] {
            let decoded = decode(json).unwrap();
            assert_eq!(decoded.at, None, "{json}");
            assert_eq!(decoded.on, None, "{json}");
        }
    }

    #[test]
    fn optional_dates_with_a_value_decode_it() {
        let decoded =
            decode(r#"{"at": "2018-06-13T19:50:20.447000", "on": "2024-02-29"}"#).unwrap();
        assert_eq!(decoded.at.unwrap().as_str(), "2018-06-13T19:50:20.447000");
        assert_eq!(decoded.on.unwrap().to_string(), "2024-02-29");
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn hash(t: &Timestamp) -> u64 {
        use std::hash::{BuildHasher, RandomState};
        thread_local!(static STATE: RandomState = RandomState::new());
        STATE.with(|s| s.hash_one(t))
    }

    #[test]
    fn timestamps_with_offsets_are_equal_when_they_are_the_same_instant() {
        let utc = at("2018-06-13T19:50:20Z");
        for same in [
            "2018-06-13T19:50:20+00:00",
            "2018-06-13T21:50:20.000+02:00",
            "2018-06-13T12:50:20-07:00",
        ] {
            assert_eq!(utc, at(same), "{same}");
            assert_eq!(hash(&utc), hash(&at(same)), "{same}");
        }
        assert_ne!(utc, at("2018-06-13T19:50:20+01:00"));
        assert!(at("2018-06-13T19:50:20+01:00") < utc);
        assert!(utc < at("2018-06-13T19:50:20.001Z"));
    }

    #[test]
    fn naive_timestamps_compare_by_wall_clock_time_and_never_equal_a_zoned_one() {
        assert_eq!(
            at("2018-06-13T19:50:20.447000"),
            at("2018-06-13T19:50:20.447")
        );
        assert_eq!(
            hash(&at("2018-06-13T19:50:20.447000")),
            hash(&at("2018-06-13T19:50:20.447"))
        );
        assert!(at("2018-06-13T19:50:20.447") < at("2018-06-13T19:50:20.448"));
        let naive = at("2018-06-13T19:50:20");
        let zoned = at("2018-06-13T19:50:20Z");
        assert_ne!(naive, zoned);
        // Ordered as if UTC, before a zoned value at that instant.
        assert!(naive < zoned);
        assert!(at("2018-06-13T19:50:19Z") < naive);
        assert!(naive < at("2018-06-13T19:50:21+00:00"));
        let mut sorted = [
            at("2018-06-13T19:50:21Z"),
            zoned,
            naive,
            at("2018-06-13T20:50:19+01:00"),
        ];
        sorted.sort();
        let texts: Vec<_> = sorted.iter().map(Timestamp::as_str).collect();
        assert_eq!(
            texts,
            [
                "2018-06-13T20:50:19+01:00",
                "2018-06-13T19:50:20",
                "2018-06-13T19:50:20Z",
                "2018-06-13T19:50:21Z"
            ]
        );
    }

    #[test]
    fn broken_optional_dates_are_still_refused() {
        for json in [
            r#"{"at": " "}"#,
            r#"{"at": "2018-06-13"}"#,
            r#"{"at": 5}"#,
            r#"{"on": " "}"#,
            r#"{"on": "2023-02-29"}"#,
            r#"{"on": 5}"#,
        ] {
            assert!(decode(json).is_err(), "{json} was accepted");
        }
    }
}
