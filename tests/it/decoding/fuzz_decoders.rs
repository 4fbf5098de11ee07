//! Fuzzed decoders (proptest; cargo-fuzz needs a nightly toolchain). Every response decoder of
//! the three vendors, PDM's status mapping, Foxtrot's envelope and `WaypointsAnswer`, and the
//! `Timestamp` parser are fed
//! - arbitrary bytes,
//! - structure-aware inputs: the specs' own examples with fields removed, renamed, added,
//!   retyped, repeated or set to hostile values, then sometimes cut or corrupted byte-wise,
//! - arbitrary JSON built from the specs' field names.
//!
//! Properties: nothing panics; what decodes validates (`Validate::validate`), shows (`Debug`),
//! re-encodes, and decodes again to the same JSON with the same violations; the envelope and
//! status mappings agree with their definitions; a session token never shows in `Debug`.
//!
//! The default run is short (256 cases per target, or `PROPTEST_CASES`). The long run, a
//! million cases per target:
//!
//! ```sh
//! PROPTEST_CASES=1000000 cargo test --release --all-features --test it -- decoding::fuzz_decoders --nocapture
//! ```
//!
//! Each target prints its figures (cases, what decoded, time).

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use crate::support;
use customer_apis::foxtrot::types::WaypointsAnswer;
use customer_apis::{cro, foxtrot, pdm, FoxtrotCode, PdmStatus, Timestamp, Validate, VendorCode};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Cases per target: `PROPTEST_CASES`, or 256.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

// ---------------------------------------------------------------------------------------------
// A small deterministic generator driven by a proptest-chosen seed.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const STRINGS: &[&str] = &[
    "",
    " ",
    "null",
    "0",
    "-1",
    "true",
    "PENDING",
    "COMPLETED",
    "success",
    "pending",
    "error",
    "Male",
    "Female",
    "C001408",
    "1408",
    "2018-06-13T19:50:20.447000",
    "2018-06-13T19:50:20Z",
    "2018-06-13T19:50:20.5+02:00",
    "2018-06-13 19:50:20",
    "2018-13-13T19:50:20",
    "2024-02-30T00:00:00",
    "2024-02-29T23:59:60",
    "+262142-12-31T23:59:59",
    "-262143-01-01T00:00:00",
    "9999-12-31T23:59:59-23:59",
    "0000-01-01T00:00:00+23:59",
    "2017-12-12",
    "2017-02-29",
    "0000-00-00",
    "+99999-01-01",
    "2024-01-01 00:00:00",
    "\u{0}",
    "\r\n",
    "\u{feff}",
    "é",
    "𝄞",
    "\u{202e}rtl",
    "a@b",
    "a@b, c@d",
    " a@b ,\n c@d ",
    "@",
    "a@@b",
    "9001|85d1c76d-5088-4cbe-a681-f3a86594dac9|0001",
];

fn numbers() -> &'static [Value] {
    static NUMBERS: OnceLock<Vec<Value>> = OnceLock::new();
    NUMBERS.get_or_init(|| {
        vec![
            json!(0),
            json!(-0.0),
            json!(1),
            json!(-1),
            json!(101),
            json!(202),
            json!(205),
            json!(401),
            json!(7001),
            json!(i64::from(i32::MAX) + 1),
            json!(i64::from(i32::MIN) - 1),
            json!(i64::MAX),
            json!(i64::MIN),
            json!(u64::MAX),
            json!(1.5),
            json!(1e308),
            json!(-1e308),
            json!(5e-324),
            json!(9_007_199_254_740_993u64),
            json!(123456),
        ]
    })
}

/// Every property name the three specs declare, and the envelope's.
fn known_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        fn walk(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(map) => {
                    if let Some(Value::Object(props)) = map.get("properties") {
                        out.extend(props.keys().cloned());
                    }
                    map.values().for_each(|v| walk(v, out));
                }
                Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut keys = vec!["status".into(), "data".into(), "customer_id".into()];
        for vendor in support::vendors() {
            walk(&support::spec(&vendor)["components"], &mut keys);
        }
        keys.sort();
        keys.dedup();
        keys
    })
}

fn random_string(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => (*rng.pick(STRINGS)).to_owned(),
        1 => "x".repeat(*rng.pick(&[50, 51, 64, 65, 128, 129, 257, 2049, 3000])),
        _ => {
            let len = rng.below(24);
            (0..len)
                .map(|_| match rng.below(6) {
                    0 => char::from_u32(rng.below(0x20) as u32).unwrap(),
                    1 => char::from_u32(0x80 + rng.below(0x2000) as u32).unwrap_or('?'),
                    2 => *rng.pick(&['"', '\\', '/', ',', '@', ':', '-', 'T', 'Z', '+', '.']),
                    _ => (b'a' + rng.below(26) as u8) as char,
                })
                .collect()
        }
    }
}

fn random_leaf(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => json!(rng.next() as i64),
        3 => serde_json::Number::from_f64(f64::from_bits(rng.next()))
            .map_or(Value::Null, Value::Number),
        4 | 5 => rng.pick(numbers()).clone(),
        _ => Value::String(random_string(rng)),
    }
}

fn random_key(rng: &mut Rng) -> String {
    if rng.one_in(4) {
        random_string(rng)
    } else {
        rng.pick(known_keys()).clone()
    }
}

fn random_json(rng: &mut Rng, depth: usize) -> Value {
    if depth == 0 || rng.one_in(2) {
        return random_leaf(rng);
    }
    let len = rng.below(5);
    if rng.one_in(2) {
        Value::Array((0..len).map(|_| random_json(rng, depth - 1)).collect())
    } else {
        Value::Object(
            (0..len)
                .map(|_| (random_key(rng), random_json(rng, depth - 1)))
                .collect(),
        )
    }
}

#[derive(Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

fn paths(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(at.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                at.push(Seg::Key(k.clone()));
                paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(Seg::Index(i));
                paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn node<'a>(v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => &mut v[k.as_str()],
        Seg::Index(i) => &mut v[*i],
    })
}

/// One structural mutation somewhere in `v`.
fn mutate_once(v: &mut Value, rng: &mut Rng) {
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let path = rng.pick(&all).clone();
    // Half the time a change that keeps the node's type, so that more inputs decode and reach
    // validation and the round trip.
    let op = if rng.one_in(2) { 11 } else { rng.below(11) };
    if op == 0 {
        // Remove the node from its parent.
        if let Some((last, parent)) = path.split_last() {
            match (node(v, parent), last) {
                (Value::Object(map), Seg::Key(k)) => {
                    map.remove(k);
                }
                (Value::Array(items), Seg::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
        return;
    }
    let target = node(v, &path);
    match op {
        1 => *target = random_leaf(rng),
        2 => *target = random_json(rng, 3),
        3 => {
            if let Value::Object(map) = target {
                let key = random_key(rng);
                map.insert(key, random_json(rng, 2));
            } else {
                *target = Value::Object(Map::from_iter([(random_key(rng), target.take())]));
            }
        }
        4 => match target {
            Value::Array(items) if !items.is_empty() => {
                let first = items[0].clone();
                let more = 9 + rng.below(12);
                items.extend(std::iter::repeat_n(first, more));
            }
            other => *other = Value::Array(vec![other.take()]),
        },
        5 => {
            // Retype.
            *target = match target.take() {
                Value::Number(n) => Value::String(n.to_string()),
                Value::String(s) => s
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or(Value::Bool(!s.is_empty())),
                Value::Bool(b) => {
                    if rng.one_in(2) {
                        json!(u8::from(b))
                    } else {
                        json!(b.to_string())
                    }
                }
                Value::Null => json!(""),
                Value::Object(map) => Value::Array(map.into_iter().map(|(_, v)| v).collect()),
                Value::Array(items) => Value::Object(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| (i.to_string(), v))
                        .collect(),
                ),
            }
        }
        6 => {
            // Rename a key (customer_id <-> id and the like).
            if let Value::Object(map) = target {
                if let Some(old) = map.keys().nth(rng.below(map.len())).cloned() {
                    let value = map.remove(&old).unwrap_or_default();
                    map.insert(random_key(rng), value);
                }
            }
        }
        7 => *target = Value::String(random_string(rng)),
        8 => *target = rng.pick(numbers()).clone(),
        9 => *target = Value::Null,
        11 => match target {
            Value::String(s) => *s = random_string(rng),
            Value::Number(_) => *target = rng.pick(numbers()).clone(),
            Value::Bool(b) => *b = !*b,
            Value::Array(items) => {
                if rng.one_in(2) {
                    items.truncate(rng.below(items.len() + 1));
                } else if let Some(first) = items.first().cloned() {
                    items.extend(std::iter::repeat_n(first, 1 + rng.below(12)));
                }
            }
            Value::Object(map) => {
                map.insert(random_string(rng), random_json(rng, 2));
            }
            Value::Null => *target = random_leaf(rng),
        },
        _ => {
            // Copy another node here.
            let source = rng.pick(&all).clone();
            let copy = node(v, &source).clone();
            *node(v, &path) = copy;
        }
    }
}

/// A byte-level corruption of a serialized input.
fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut Rng) {
    let at = rng.below(bytes.len() + 1);
    match rng.below(7) {
        0 => bytes.truncate(at),
        1 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
        2 => bytes.insert(at, rng.next() as u8),
        3 => {
            let end = (at + rng.below(16)).min(bytes.len());
            bytes.drain(at..end);
        }
        4 => {
            let end = (at + rng.below(64)).min(bytes.len());
            let slice = bytes[at..end].to_vec();
            bytes.splice(at..at, slice);
        }
        5 => {
            let choices: [&[u8]; 6] = [
                b"\xff".as_slice(),
                b"\xc3",
                b"\xed\xa0\x80",
                b"\\u0000",
                b"\\ud800",
                b"\x00",
            ];
            let invalid = *rng.pick(&choices);
            bytes.splice(at..at, invalid.iter().copied());
        }
        _ => {
            let depth = 1 + rng.below(300);
            bytes.splice(at..at, std::iter::repeat_n(b'[', depth));
        }
    }
}

/// An input for a decoder: (how it was made, the bytes).
fn inputs(seeds: Arc<Vec<Value>>) -> impl Strategy<Value = (u8, Vec<u8>)> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..512).prop_map(|b| (0u8, b)),
        4 => any::<u64>().prop_map(move |seed| {
            let mut rng = Rng(seed);
            let mut v = rng.pick(&seeds).clone();
            let rounds = if rng.one_in(2) { 1 } else { 2 + rng.below(3) };
            for _ in 0..rounds {
                mutate_once(&mut v, &mut rng);
            }
            let mut bytes = serde_json::to_vec(&v).unwrap();
            if rng.one_in(6) {
                mutate_bytes(&mut bytes, &mut rng);
            }
            (1u8, bytes)
        }),
        1 => any::<u64>().prop_map(|seed| {
            let mut rng = Rng(seed);
            (2u8, random_json(&mut rng, 4).to_string().into_bytes())
        }),
    ]
}

/// The spec's examples of `schema` (whole answers, in the vendor's spec).
fn examples(vendor: &str, schema: &str) -> Vec<Value> {
    let found: Vec<Value> = support::examples(&support::spec(vendor))
        .into_iter()
        .filter(|(_, s, _)| s == schema)
        .map(|(_, _, v)| v)
        .collect();
    assert!(
        !found.is_empty(),
        "no example of {schema} in specs/{vendor}.yaml"
    );
    found
}

// ---------------------------------------------------------------------------------------------
// Properties.

#[derive(Default)]
struct Stats {
    cases: AtomicU64,
    made: [AtomicU64; 3],
    decoded: AtomicU64,
    with_violations: AtomicU64,
}

fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.chars().take(400).collect()
}

/// Equal JSON, numbers within a few units in the last place: serde_json without its
/// `float_roundtrip` feature may read back a float it wrote one ULP off.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x != y => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs()),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Decodes `bytes` as `T`; what decodes must validate, show, re-encode and decode again to the
/// same JSON and the same violations. Answers the value, if it decoded.
fn decode<T>(bytes: &[u8], stats: &Stats) -> Result<Option<T>, TestCaseError>
where
    T: DeserializeOwned + Serialize + Validate + Debug,
{
    let value = match serde_json::from_slice::<T>(bytes) {
        Ok(value) => value,
        Err(e) => {
            let message = e.to_string();
            prop_assert!(!message.is_empty());
            return Ok(None);
        }
    };
    stats.decoded.fetch_add(1, Ordering::Relaxed);
    let violations = value.validate();
    if !violations.is_empty() {
        stats.with_violations.fetch_add(1, Ordering::Relaxed);
    }
    for v in &violations {
        prop_assert!(!v.to_string().is_empty());
    }
    let _ = format!("{value:?}");
    let encoded = serde_json::to_vec(&value)
        .map_err(|e| TestCaseError::fail(format!("re-encoding failed: {e}")))?;
    let again: T = serde_json::from_slice(&encoded).map_err(|e| {
        TestCaseError::fail(format!(
            "{} does not decode its own encoding {}: {e}",
            std::any::type_name::<T>(),
            shown(&encoded)
        ))
    })?;
    let (first, second) = (
        serde_json::to_value(&value).unwrap(),
        serde_json::to_value(&again).unwrap(),
    );
    prop_assert!(
        same_json(&first, &second),
        "the round trip changed {} into {}",
        first,
        second
    );
    prop_assert_eq!(again.validate(), violations);
    Ok(Some(value))
}

/// Runs `check` on `cases()` inputs built from `seeds`; prints the figures.
fn fuzz(
    target: &str,
    seeds: Vec<Value>,
    check: impl Fn(&[u8], &Stats) -> Result<(), TestCaseError>,
) {
    let stats = Stats::default();
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let started = Instant::now();
    TestRunner::new(config)
        .run(&inputs(Arc::new(seeds)), |(made, bytes)| {
            stats.cases.fetch_add(1, Ordering::Relaxed);
            stats.made[made as usize].fetch_add(1, Ordering::Relaxed);
            check(&bytes, &stats)
        })
        .unwrap_or_else(|e| panic!("{target}: {e}"));
    let [raw, mutated, arbitrary] = stats.made.each_ref().map(|n| n.load(Ordering::Relaxed));
    eprintln!(
        "fuzz {target}: {} cases ({raw} raw bytes, {mutated} mutated examples, {arbitrary} \
         arbitrary JSON); {} decoded, {} of them breaking a documented rule; {:.1?}",
        stats.cases.load(Ordering::Relaxed),
        stats.decoded.load(Ordering::Relaxed),
        stats.with_violations.load(Ordering::Relaxed),
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// CRO.

#[test]
fn fuzz_cro_customer() {
    fuzz(
        "CRO CustomerModel",
        examples("cro", "CustomerModel"),
        |bytes, stats| decode::<cro::types::CustomerModel>(bytes, stats).map(drop),
    );
}

#[test]
fn fuzz_cro_contact() {
    fuzz(
        "CRO CustomerContactModel",
        examples("cro", "CustomerContactModel"),
        |bytes, stats| decode::<cro::types::CustomerContactModel>(bytes, stats).map(drop),
    );
}

#[test]
fn fuzz_cro_deactivated_location() {
    // Both shapes of the 2021/04/07 rename.
    let mut seeds = examples("cro", "DispatchCustomerLocationModel");
    let mut renamed = seeds[0].clone();
    let id = renamed.as_object_mut().unwrap().remove("customer_id");
    renamed["id"] = id.unwrap_or(json!(1));
    seeds.push(renamed);
    fuzz(
        "CRO DispatchCustomerLocationModel",
        seeds,
        |bytes, stats| decode::<cro::types::DispatchCustomerLocationModel>(bytes, stats).map(drop),
    );
}

#[test]
fn fuzz_cro_error_body() {
    fuzz(
        "CRO ErrorModel",
        examples("cro", "ErrorModel"),
        |bytes, stats| decode::<cro::types::ErrorModel>(bytes, stats).map(drop),
    );
}

// ---------------------------------------------------------------------------------------------
// PDM.

fn check_pdm_status(status: &pdm::types::Status) -> Result<(), TestCaseError> {
    let code = i64::from(status.code);
    let mapped = PdmStatus::from_code(code);
    prop_assert_eq!(mapped.code(), code);
    prop_assert_eq!(VendorCode::from(mapped).number(), code);
    Ok(())
}

#[test]
fn fuzz_pdm_get_customer_answer() {
    fuzz(
        "PDM GetCustomerResponse",
        examples("pdm", "GetCustomerResponse"),
        |bytes, stats| {
            if let Some(answer) = decode::<pdm::types::GetCustomerResponse>(bytes, stats)? {
                check_pdm_status(&answer.status)?;
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_pdm_session_answer() {
    fuzz(
        "PDM GetSessionTokenResponse",
        examples("pdm", "GetSessionTokenResponse"),
        |bytes, stats| {
            if let Some(answer) = decode::<pdm::types::GetSessionTokenResponse>(bytes, stats)? {
                check_pdm_status(&answer.status)?;
                if let Some(session) = &answer.session {
                    // The token decodes, and never shows.
                    prop_assert_eq!(
                        format!("{:?}", session.session_token),
                        "SessionToken([REDACTED])"
                    );
                    prop_assert_eq!(session.session_token.to_string(), "[REDACTED]");
                }
            }
            Ok(())
        },
    );
}

/// What the client reads of any PDM answer first (its error path reads only this).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct StatusAnswer {
    status: pdm::types::Status,
}

impl Validate for StatusAnswer {
    fn validate_at(
        &self,
        path: &customer_apis::validation::FieldPath<'_>,
        out: &mut Vec<customer_apis::Violation>,
    ) {
        self.status.validate_at(&path.field("status"), out);
    }
}

#[test]
fn fuzz_pdm_status_body_and_mapping() {
    // The part of any PDM answer the client reads first, and PdmStatus for every code.
    fuzz(
        "PDM status (bare, and in an answer)",
        vec![
            json!({"code": 101, "details": "OK"}),
            json!({"status": {"code": 101, "details": "OK"}}),
            json!({"status": {"code": 205, "details": "Rate limit exceeded"}}),
        ],
        |bytes, stats| {
            if let Some(status) = decode::<pdm::types::Status>(bytes, stats)? {
                check_pdm_status(&status)?;
            }
            if let Some(answer) = decode::<StatusAnswer>(bytes, stats)? {
                check_pdm_status(&answer.status)?;
            }
            Ok(())
        },
    );
    let documented = [201i64, 202, 204, 205, 301, 302, 303, 401, 500];
    let codes = prop_oneof![
        any::<i64>(),
        prop::sample::select(documented.to_vec()),
        (-2i64..2).prop_flat_map(
            move |d| prop::sample::select(documented.to_vec()).prop_map(move |c| c + d)
        ),
        Just(101i64),
        Just(i64::MAX),
        Just(i64::MIN),
    ];
    let mut mapped = 0u64;
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
    .run(&codes, |code| {
        let status = PdmStatus::from_code(code);
        prop_assert_eq!(status.code(), code);
        prop_assert_eq!(
            matches!(status, PdmStatus::Other(_)),
            !documented.contains(&code)
        );
        prop_assert!(!status.meaning().is_empty());
        let shown = VendorCode::from(status).to_string();
        prop_assert!(shown.starts_with(&code.to_string()), "{}", shown);
        prop_assert_eq!(PdmStatus::from_code(status.code()), status);
        let foxtrot = FoxtrotCode::from_code(code);
        prop_assert_eq!(foxtrot.code(), code);
        prop_assert_eq!(matches!(foxtrot, FoxtrotCode::Other(_)), code != 7001);
        Ok(())
    })
    .unwrap();
    mapped += u64::from(cases());
    eprintln!("fuzz PdmStatus / FoxtrotCode mapping: {mapped} codes");
}

// ---------------------------------------------------------------------------------------------
// Foxtrot.

fn check_envelope_status(
    status: &str,
    violations: &[customer_apis::Violation],
) -> Result<(), TestCaseError> {
    let documented = ["success", "pending", "error"].contains(&status);
    prop_assert_eq!(
        documented,
        !violations.iter().any(|v| v.field == "status"),
        "status {:?} and violations {:?}",
        status,
        violations
    );
    Ok(())
}

#[test]
fn fuzz_foxtrot_customer_envelope() {
    fuzz(
        "Foxtrot CustomerEnvelope",
        examples("foxtrot", "CustomerEnvelope"),
        |bytes, stats| {
            if let Some(envelope) = decode::<foxtrot::types::CustomerEnvelope>(bytes, stats)? {
                check_envelope_status(&envelope.status, &envelope.validate())?;
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_foxtrot_confident_location_envelope() {
    fuzz(
        "Foxtrot ConfidentLocationEnvelope",
        examples("foxtrot", "ConfidentLocationEnvelope"),
        |bytes, stats| {
            if let Some(envelope) =
                decode::<foxtrot::types::ConfidentLocationEnvelope>(bytes, stats)?
            {
                check_envelope_status(&envelope.status, &envelope.validate())?;
            }
            Ok(())
        },
    );
}

/// The list, whichever form the answer came in (the client's method does the same).
fn into_list(answer: WaypointsAnswer) -> foxtrot::types::WaypointList {
    match answer {
        WaypointsAnswer::Variant0(enveloped) => enveloped.data,
        WaypointsAnswer::Variant1(bare) => bare,
    }
}

#[test]
fn fuzz_foxtrot_waypoints_answer() {
    // Bare (as documented) and enveloped (as the API may send it).
    let bare = examples("foxtrot", "WaypointsAnswer");
    let mut seeds = bare.clone();
    seeds.extend(bare.iter().map(|b| json!({"status": "success", "data": b})));
    fuzz(
        "Foxtrot WaypointsAnswer (bare and enveloped)",
        seeds,
        |bytes, stats| {
            let answer = decode::<WaypointsAnswer>(bytes, stats)?;
            let enveloped = serde_json::from_slice::<foxtrot::types::WaypointListEnvelope>(bytes);
            let bare = serde_json::from_slice::<foxtrot::types::WaypointList>(bytes);
            // serde buffers an untagged enum's input and checks every string it skips (UTF-8,
            // escapes); the plain forms skip unknown fields unchecked. Only input that is not
            // valid JSON may tell them apart.
            prop_assert!(
                answer.is_some() == (enveloped.is_ok() || bare.is_ok())
                    || (answer.is_none() && serde_json::from_slice::<Value>(bytes).is_err()),
                "the untagged answer disagrees with its two forms on {}",
                shown(bytes)
            );
            if let Some(answer) = answer {
                let expected = match (enveloped, bare) {
                    (Ok(e), _) => {
                        prop_assert!(matches!(answer, WaypointsAnswer::Variant0(_)));
                        e.data
                    }
                    (_, Ok(b)) => {
                        prop_assert!(matches!(answer, WaypointsAnswer::Variant1(_)));
                        b
                    }
                    _ => unreachable!(),
                };
                let list = into_list(answer);
                prop_assert!(same_json(
                    &serde_json::to_value(&list).unwrap(),
                    &serde_json::to_value(&expected).unwrap()
                ));
                prop_assert_eq!(list.validate(), expected.validate());
                for waypoint in &list.waypoints {
                    prop_assert_eq!(
                        serde_json::to_value(&waypoint.status).unwrap(),
                        json!(waypoint.status.as_str())
                    );
                }
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_foxtrot_error_envelope() {
    fuzz(
        "Foxtrot ErrorEnvelope",
        examples("foxtrot", "ErrorEnvelope"),
        |bytes, stats| {
            if let Some(envelope) = decode::<foxtrot::types::ErrorEnvelope>(bytes, stats)? {
                let code = FoxtrotCode::from_code(envelope.data.code);
                prop_assert_eq!(code.code(), envelope.data.code);
                prop_assert_eq!(
                    envelope.status == "error",
                    !envelope.validate().iter().any(|v| v.field == "status")
                );
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Timestamps (CRO's `created_on` and `last_updated_on`).

fn timestamp_text(rng: &mut Rng) -> String {
    if rng.one_in(4) {
        return random_string(rng);
    }
    let year = match rng.below(6) {
        0 => format!("{:+}", rng.next() as i32 % 300_000),
        1 => format!("{}", rng.below(100_000)),
        _ => format!("{:04}", rng.below(10_000)),
    };
    let field = |rng: &mut Rng, max: usize| format!("{:02}", rng.below(max));
    let mut text = format!(
        "{year}-{}-{}{}{}:{}:{}",
        field(rng, 14),
        field(rng, 33),
        rng.pick(&["T", " ", "t", "", "TT"]),
        field(rng, 26),
        field(rng, 61),
        field(rng, 62),
    );
    if rng.one_in(2) {
        text.push('.');
        text.extend(std::iter::repeat_n('7', 1 + rng.below(12)));
    }
    match rng.below(4) {
        0 => text.push('Z'),
        1 => text.push_str(&format!(
            "{}{}:{}",
            rng.pick(&["+", "-"]),
            field(rng, 26),
            field(rng, 61)
        )),
        _ => {}
    }
    if rng.one_in(8) {
        text.truncate(rng.below(text.len() + 1));
    }
    text
}

/// What the timestamp parser accepts, as chrono's own parsers read it: RFC 3339, or the
/// same without an offset (with `T` or a space), after a four-digit year.
fn chrono_reference(text: &str) -> Option<(chrono::NaiveDateTime, Option<chrono::FixedOffset>)> {
    let b = text.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some((dt.naive_local(), Some(*dt.offset())));
    }
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
        .ok()
        .map(|naive| (naive, None))
}

#[test]
fn fuzz_timestamps() {
    let accepted = AtomicU64::new(0);
    let far_years = AtomicU64::new(0);
    let started = Instant::now();
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
    .run(&any::<u64>(), |seed| {
        let text = timestamp_text(&mut Rng(seed));
        // The parser's fast path for offset-less text must agree with chrono's parsers.
        prop_assert_eq!(
            Timestamp::parse(&text)
                .ok()
                .map(|t| (t.naive(), t.offset())),
            chrono_reference(&text),
            "{}",
            text
        );
        let Ok(ts) = Timestamp::parse(&text) else {
            prop_assert!(serde_json::from_value::<Timestamp>(json!(text)).is_err());
            return Ok(());
        };
        accepted.fetch_add(1, Ordering::Relaxed);
        prop_assert_eq!(ts.as_str(), text.as_str());
        prop_assert_eq!(ts.to_string(), text.clone());
        let debug = format!("{ts:?}");
        prop_assert!(debug.starts_with("Timestamp("), "{}", debug);
        let again: Timestamp = serde_json::from_value(serde_json::to_value(&ts).unwrap()).unwrap();
        prop_assert_eq!(&again, &ts);
        use chrono::Datelike;
        if (0..=9999).contains(&ts.naive().year()) {
            prop_assert_eq!(ts.offset().is_some(), ts.to_utc().is_some());
            for seconds in [-86_399, -25_200, 0, 3_600, 86_399] {
                let offset = chrono::FixedOffset::east_opt(seconds).unwrap();
                let instant = ts.assume_offset(offset);
                prop_assert_eq!(instant.naive_local(), ts.naive());
            }
        } else {
            // See gap_a_far_year_timestamp_does_not_panic_in_assume_offset.
            far_years.fetch_add(1, Ordering::Relaxed);
            let _ = ts.to_utc();
        }
        Ok(())
    })
    .unwrap();
    eprintln!(
        "fuzz Timestamp: {} strings, {} accepted ({} with a year outside 0000-9999); {:.1?}",
        cases(),
        accepted.load(Ordering::Relaxed),
        far_years.load(Ordering::Relaxed),
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// Dates (PDM's `created`, `last_modified` and `dob`): the SDK's decoder reads `YYYY-MM-DD`
// itself and must agree with chrono's `NaiveDate` parser on every text.

fn date_text(rng: &mut Rng) -> String {
    if rng.one_in(5) {
        return random_string(rng);
    }
    let year = match rng.below(5) {
        0 => format!("{}", rng.below(100_000)),
        1 => format!("{:+05}", rng.next() as i32 % 20_000),
        _ => format!("{:04}", rng.below(10_000)),
    };
    let field = |rng: &mut Rng| match rng.below(8) {
        0 => format!("{}", rng.below(40)),
        _ => format!("{:02}", rng.below(34)),
    };
    let sep = |rng: &mut Rng| *rng.pick(&["-", "-", "-", "-", " -", "/", ""]);
    let mut text = format!("{year}{}{}{}{}", sep(rng), field(rng), sep(rng), field(rng));
    if rng.one_in(8) {
        text.push_str(rng.pick::<&str>(&[" ", "T00:00:00", "Z", "\n"]));
    }
    if rng.one_in(8) {
        text.insert(0, ' ');
    }
    if rng.one_in(8) {
        text.truncate(rng.below(text.len() + 1));
    }
    text
}

#[test]
fn fuzz_dates() {
    let customer = examples("pdm", "GetCustomerResponse")
        .into_iter()
        .find_map(|answer| answer.get("customer").filter(|c| c.is_object()).cloned())
        .expect("a GetCustomer example with a customer");
    let accepted = AtomicU64::new(0);
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
    .run(&any::<u64>(), |seed| {
        let mut rng = Rng(seed);
        let (created, dob) = (date_text(&mut rng), date_text(&mut rng));
        let mut body = customer.clone();
        body["created"] = json!(created);
        let dob_sent = match rng.below(3) {
            0 => {
                body.as_object_mut().unwrap().remove("dob");
                None
            }
            1 => {
                body["dob"] = Value::Null;
                None
            }
            _ => {
                body["dob"] = json!(dob);
                Some(dob)
            }
        };
        let expected_created = created.parse::<chrono::NaiveDate>().ok();
        // The optional `dob` sent as `""` is PDM's unset field: absent, not a broken date
        // (`timestamp::date_serde::optional`). Anything else must be a date chrono reads.
        let expected_dob = dob_sent.as_deref().map(|d| match d {
            "" => Ok(None),
            d => d.parse::<chrono::NaiveDate>().map(Some),
        });
        let decoded = serde_json::from_value::<pdm::types::Customer>(body);
        let all_valid = expected_created.is_some() && expected_dob.is_none_or(|d| d.is_ok());
        match decoded {
            Ok(c) => {
                prop_assert!(all_valid, "accepted {:?} / {:?}", created, dob_sent);
                prop_assert_eq!(Some(c.created), expected_created);
                prop_assert_eq!(c.dob, expected_dob.and_then(Result::ok).flatten());
                accepted.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => prop_assert!(!all_valid, "refused {:?} / {:?}: {}", created, dob_sent, e),
        }
        Ok(())
    })
    .unwrap();
    eprintln!(
        "fuzz dates: {} customers, {} accepted",
        cases(),
        accepted.load(Ordering::Relaxed)
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs every decoder meets once: deep nesting, huge numbers and strings.

#[test]
fn hostile_inputs_are_errors_not_crashes() {
    let deep_arrays = "[".repeat(100_000);
    let deep_objects = "{\"data\":".repeat(100_000);
    let huge_number = format!("{{\"id\": 1{}}}", "0".repeat(100_000));
    let huge_string = format!("{{\"name\": \"{}\"}}", "x".repeat(4 << 20));
    let inputs: Vec<&[u8]> = vec![
        deep_arrays.as_bytes(),
        deep_objects.as_bytes(),
        huge_number.as_bytes(),
        huge_string.as_bytes(),
        b"",
        b"\xef\xbb\xbf{}",
        b"{\"status\": {\"code\": 1e999, \"details\": \"\"}}",
    ];
    fn all<T: DeserializeOwned>(bytes: &[u8]) -> bool {
        serde_json::from_slice::<T>(bytes).is_err()
    }
    let mut tried = 0;
    for bytes in inputs {
        let refused = [
            all::<cro::types::CustomerModel>(bytes),
            all::<cro::types::CustomerContactModel>(bytes),
            all::<cro::types::DispatchCustomerLocationModel>(bytes),
            all::<pdm::types::GetCustomerResponse>(bytes),
            all::<pdm::types::GetSessionTokenResponse>(bytes),
            all::<pdm::types::Status>(bytes),
            all::<foxtrot::types::CustomerEnvelope>(bytes),
            all::<foxtrot::types::ConfidentLocationEnvelope>(bytes),
            all::<foxtrot::types::ErrorEnvelope>(bytes),
            all::<WaypointsAnswer>(bytes),
        ];
        assert!(refused.iter().all(|r| *r), "{}", shown(bytes));
        tried += refused.len();
    }
    // ErrorModel accepts any object: only the nested and broken ones fail.
    assert!(all::<cro::types::ErrorModel>(deep_objects.as_bytes()));
    eprintln!("hostile inputs: {tried} decodes refused cleanly");
}

#[test]
fn far_year_timestamps_are_refused_so_assume_offset_cannot_overflow() {
    for text in [
        "+262142-12-31T23:59:59",
        "-0001-01-01T00:00:00",
        "10000-01-01T00:00:00Z",
    ] {
        assert!(Timestamp::parse(text).is_err(), "{text}");
    }
    let ts = Timestamp::parse("9999-12-31T23:59:59").unwrap();
    let pacific = chrono::FixedOffset::west_opt(7 * 3600).unwrap();
    assert_eq!(
        ts.assume_offset(pacific).to_rfc3339(),
        "9999-12-31T23:59:59-07:00"
    );
}
