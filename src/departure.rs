//! Where a server's answer departs from the vendor's spec. The SDK decodes leniently (an
//! undeclared field is skipped, a broken length or pattern is kept), so an app keeps working
//! when a vendor changes its API without notice; this check says what changed, so that the
//! people who keep the specs know when to edit one. A departure names the operation, the place
//! and the rule, never the value: the value may be personal data or a secret.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use crate::validation::{FieldPath, Rule, Validate};

/// Departures kept per answer: a server can send any number of undeclared fields, and the
/// first ones say what there is to say.
pub(crate) const MAX_PER_ANSWER: usize = 32;

/// A way an answer departs from the vendor's spec, found while reading it; see
/// [`ResponseMeta::departures`](crate::ResponseMeta::departures).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Departure {
    /// The operation's `operationId` in the spec (`getCustomer`).
    pub operation: Cow<'static, str>,
    /// Where: in the body, as `locations[1].sales_rep` (empty: the body as a whole); `status`
    /// for the answer's status; `header.<name>` for a header (`header.x-request-id`,
    /// `header.content-type`). The sandbox's verdict on a request adds `query.<name>`.
    pub path: String,
    /// The rule the answer breaks.
    pub rule: DepartureRule,
}

/// What a [`Departure`] breaks.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DepartureRule {
    /// A field the spec does not declare (the SDK skipped it). Answers are checked for it with
    /// the feature `undeclared-fields` (on by default).
    Undeclared,
    /// A documented rule the value breaks (the SDK kept the value).
    Broken(Rule),
    /// A status the operation does not document (at `status`).
    UndocumentedStatus(u16),
    /// A content type other than the documented ones, which are listed (at
    /// `header.content-type`).
    ContentType(&'static [&'static str]),
    /// A documented header that is absent (an answer's), or a required field, parameter or
    /// header that is absent (a request's, in the sandbox's verdict).
    Required,
    /// A `null` in a field the spec does not mark `nullable` (the SDK reads it as absent).
    NotNull,
    /// A documented rule, in words (a header that must be an integer).
    Unmet(String),
    /// A body that is not the documented shape at all (it does not decode as its schema).
    Malformed,
}

/// Departures found, each with its path: server text, not yet redacted.
pub(crate) type Found = Vec<(String, DepartureRule)>;

impl fmt::Display for DepartureRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DepartureRule::Undeclared => f.write_str("is not declared by the spec"),
            DepartureRule::Broken(rule) => write!(f, "{rule}"),
            DepartureRule::UndocumentedStatus(status) => {
                write!(f, "{status} is not documented")
            }
            DepartureRule::ContentType(types) => write!(f, "is not {}", types.join(" or ")),
            DepartureRule::Required => f.write_str("is required"),
            DepartureRule::NotNull => f.write_str("must not be null"),
            DepartureRule::Unmet(rule) => f.write_str(rule),
            DepartureRule::Malformed => f.write_str("is not the documented shape"),
        }
    }
}

/// As JSON (the sandbox's request log): `{"operation", "path", "rule"}`, the rule in words.
impl serde::Serialize for Departure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Departure", 3)?;
        out.serialize_field("operation", &self.operation)?;
        out.serialize_field("path", &self.path)?;
        out.serialize_field("rule", &self.rule.to_string())?;
        out.end()
    }
}

impl fmt::Display for Departure {
    /// `getCustomer: locations[1].sales_rep must not be empty`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path.as_str() {
            "" => write!(f, "{}: {}", self.operation, self.rule),
            path => write!(f, "{}: {path} {}", self.operation, self.rule),
        }
    }
}

/// An answer the spec documents for an operation (generated from its `responses`).
#[derive(Debug)]
pub(crate) struct Documented {
    /// `200`, `4xx` or `default`.
    pub(crate) status: &'static str,
    /// Lower case, each with its schema's `enum` (empty: any value).
    pub(crate) headers: &'static [(&'static str, &'static [&'static str])],
    pub(crate) content_types: &'static [&'static str],
}

/// What an answer's status, headers and content type break of the operation's documented
/// answers, in that order.
pub(crate) fn check_answer(
    documented: &'static [Documented],
    status: u16,
    headers: Option<&http::HeaderMap>,
    out: &mut Found,
) {
    // The exact status first, then its range (`4xx`), then `default`, as OpenAPI reads them.
    let exact = |d: &&Documented| d.status.parse() == Ok(status);
    let range = |d: &&Documented| match d.status.as_bytes() {
        [c, b'x', b'x'] => u16::from(c.wrapping_sub(b'0')) == status / 100,
        _ => false,
    };
    let found = (documented.iter().find(exact))
        .or_else(|| documented.iter().find(range))
        .or_else(|| documented.iter().find(|d| d.status == "default"));
    let Some(answer) = found else {
        out.push((
            "status".to_owned(),
            DepartureRule::UndocumentedStatus(status),
        ));
        return;
    };
    let Some(headers) = headers else {
        return;
    };
    for &(name, values) in answer.headers {
        // A scan of the answer's few headers costs less than parsing `name` for a lookup.
        let value = headers
            .iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, v)| v);
        let broken = match value.map(|v| v.to_str().map(str::trim)) {
            None => DepartureRule::Required,
            Some(Ok(v)) if values.is_empty() || values.contains(&v) => continue,
            Some(_) => DepartureRule::Broken(Rule::OneOf(values)),
        };
        out.push((format!("header.{name}"), broken));
    }
    if answer.content_types.is_empty() {
        return;
    }
    let sent = headers.get(http::header::CONTENT_TYPE);
    let sent = sent.and_then(|v| v.to_str().ok()).unwrap_or_default();
    let media = sent.split(';').next().unwrap_or_default().trim();
    if !answer
        .content_types
        .iter()
        .any(|t| t.eq_ignore_ascii_case(media))
    {
        let rule = DepartureRule::ContentType(answer.content_types);
        out.push(("header.content-type".to_owned(), rule));
    }
}

/// Decodes a JSON body as `T`, and when `check` is set, finds what it breaks of the spec: the
/// fields `T` does not declare (feature `undeclared-fields`), then the documented rules its
/// values break.
pub(crate) fn decode<T: serde::de::DeserializeOwned + Validate>(
    body: &[u8],
    check: bool,
    out: &mut Found,
) -> Result<T, serde_json::Error> {
    if !check {
        return serde_json::from_slice(body);
    }
    NULLS.set(0);
    #[cfg(feature = "undeclared-fields")]
    let value: T = {
        let mut de = serde_json::Deserializer::from_slice(body);
        let value = serde_ignored::deserialize(&mut de, |path| {
            if out.len() < MAX_PER_ANSWER {
                out.push((path_text(&path), DepartureRule::Undeclared));
            }
        })?;
        de.end()?;
        value
    };
    #[cfg(not(feature = "undeclared-fields"))]
    let value: T = serde_json::from_slice(body)?;
    nulls::<T>(body, out);
    let mut broken = Vec::new();
    value.validate_at(&FieldPath::ROOT, &mut broken);
    let room = MAX_PER_ANSWER.saturating_sub(out.len());
    out.extend((broken.into_iter().take(room)).map(|v| (v.field, DepartureRule::Broken(v.rule))));
    Ok(value)
}

/// What a request body breaks of its documented schema `T` (the sandbox's verdict): its
/// undeclared fields and broken rules; when it does not decode, the required field it lacks,
/// or the body as a whole. A decoder's message is not kept: it may quote a value.
#[cfg(feature = "sandbox")]
pub(crate) fn body_departures<T: serde::de::DeserializeOwned + Validate>(body: &[u8]) -> Found {
    let mut out = Vec::new();
    match decode::<T>(body, true, &mut out) {
        Ok(_) => out,
        Err(e) => {
            let message = e.to_string();
            let missing = message.strip_prefix("missing field `");
            match missing.and_then(|m| m.split_once('`')) {
                Some((field, _)) => vec![(field.to_owned(), DepartureRule::Required)],
                None => vec![(String::new(), DepartureRule::Malformed)],
            }
        }
    }
}

thread_local! {
    /// The `null`s read in optional fields the spec does not mark `nullable` by this thread's
    /// decoding since [`decode`] began; and, while their places are sought, the one at which
    /// to stop.
    static NULLS: Cell<u32> = const { Cell::new(0) };
    static STOP_AT: Cell<Option<u32>> = const { Cell::new(None) };
}

/// The decoder of an optional field the spec does not mark `nullable` (the generated models
/// name it): a `null` reads as absent, as the lenient decoding has it, and is counted.
#[allow(dead_code)] // A build whose specs mark every optional field `nullable` (CRO alone).
pub(crate) fn not_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    let value = <Option<T> as serde::Deserialize>::deserialize(deserializer)?;
    if value.is_none() {
        let seen = NULLS.get();
        NULLS.set(seen.wrapping_add(1));
        if STOP_AT.get() == Some(seen) {
            // Stopped here so that serde_json says where (see `nulls`).
            return Err(serde::de::Error::custom("a null the spec does not allow"));
        }
    }
    Ok(value)
}

/// The most bytes decoded again to place `null`s, per answer: a hostile answer full of them
/// must not make each one a decode of the whole body.
const MAX_NULL_SEARCH_BYTES: usize = 1 << 20;

/// The place of each `null` the decode of `body` just counted (rare: a vendor's departure),
/// found by decoding it again and stopping there, as serde_json's line and column say; past
/// [`MAX_NULL_SEARCH_BYTES`] (or the answer's room), the rest are one departure of the body.
fn nulls<T: serde::de::DeserializeOwned>(body: &[u8], out: &mut Found) {
    let seen = NULLS.get() as usize;
    let budget = MAX_NULL_SEARCH_BYTES / body.len().max(1);
    let searches = seen
        .min(MAX_PER_ANSWER.saturating_sub(out.len()))
        .min(budget);
    for k in 0..searches {
        STOP_AT.set(Some(k as u32));
        NULLS.set(0);
        if let Err(e) = serde_json::from_slice::<T>(body) {
            out.push((crate::json_path::of_null(body, &e), DepartureRule::NotNull));
        }
    }
    STOP_AT.set(None);
    if searches < seen && out.len() < MAX_PER_ANSWER {
        out.push((String::new(), DepartureRule::NotNull));
    }
}

/// serde_ignored's path as the validation's: `locations[1].sales_rep`.
#[cfg(feature = "undeclared-fields")]
fn path_text(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", path_text(parent)),
        Path::Map { parent, key } => match path_text(parent) {
            parent if parent.is_empty() => key.clone(),
            parent => format!("{parent}.{key}"),
        },
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => path_text(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANSWERS: &[Documented] = &[
        Documented {
            status: "200",
            headers: &[("x-request-id", &[]), ("x-api-version", &["v1", "v2"])],
            content_types: &["application/json"],
        },
        Documented {
            status: "4xx",
            headers: &[],
            content_types: &[],
        },
    ];

    fn checked(documented: &'static [Documented], status: u16, headers: &[(&str, &str)]) -> Found {
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            let name = http::HeaderName::from_bytes(name.as_bytes()).unwrap();
            map.insert(name, http::HeaderValue::from_str(value).unwrap());
        }
        let mut out = Vec::new();
        check_answer(documented, status, Some(&map), &mut out);
        out
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        #[serde(default, deserialize_with = "not_null")]
        title: Option<String>,
        padding: String,
    }

    impl Validate for Item {
        fn validate_at(&self, _: &FieldPath<'_>, _: &mut Vec<crate::validation::Violation>) {}
    }

    #[test]
    fn nulls_are_placed_within_a_budget_of_bytes_and_the_rest_said_once() {
        let body = |n: usize, pad: usize| {
            let item = serde_json::json!({"title": null, "padding": "p".repeat(pad)});
            serde_json::to_vec(&vec![item; n]).unwrap()
        };
        // A small body: every null is placed, up to the answer's 32.
        let mut out = Vec::new();
        decode::<Vec<Item>>(&body(3, 1), true, &mut out).unwrap();
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["[0].title", "[1].title", "[2].title"]);
        let mut out = Vec::new();
        decode::<Vec<Item>>(&body(40, 1), true, &mut out).unwrap();
        assert_eq!(out.len(), MAX_PER_ANSWER);
        assert_eq!(out[31], ("[31].title".to_owned(), DepartureRule::NotNull));
        // 40 nulls in about 400 KiB: two decodes fit the budget, the rest is the body's.
        let big = body(40, 10_000);
        let mut out = Vec::new();
        decode::<Vec<Item>>(&big, true, &mut out).unwrap();
        assert_eq!(MAX_NULL_SEARCH_BYTES / big.len(), 2);
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["[0].title", "[1].title", ""]);
        // With the check off, nothing.
        let mut out = Vec::new();
        decode::<Vec<Item>>(&big, false, &mut out).unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn an_answer_is_read_against_its_exact_status_then_its_range_then_default() {
        let json = ("content-type", "application/json; charset=utf-8");
        let ok = [json, ("x-request-id", "1"), ("x-api-version", "v2")];
        assert_eq!(checked(ANSWERS, 200, &ok), []);
        assert_eq!(
            checked(
                ANSWERS,
                200,
                &[("content-type", "text/html"), ("x-api-version", "v9")]
            ),
            [
                ("header.x-request-id".to_owned(), DepartureRule::Required),
                (
                    "header.x-api-version".to_owned(),
                    DepartureRule::Broken(Rule::OneOf(&["v1", "v2"]))
                ),
                (
                    "header.content-type".to_owned(),
                    DepartureRule::ContentType(&["application/json"])
                ),
            ]
        );
        // 404 is in 4xx, which documents nothing more; 503 is in no documented answer.
        assert_eq!(checked(ANSWERS, 404, &[]), []);
        assert_eq!(
            checked(ANSWERS, 503, &[]),
            [("status".to_owned(), DepartureRule::UndocumentedStatus(503))]
        );
        const DEFAULT: &[Documented] = &[Documented {
            status: "default",
            headers: &[],
            content_types: &[],
        }];
        assert_eq!(checked(DEFAULT, 503, &[]), []);
    }
}
