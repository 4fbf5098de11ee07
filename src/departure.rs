//! Where a server's answer departs from the vendor's spec. The SDK decodes leniently (an
//! undeclared field is skipped, a broken length or pattern is kept), so an app keeps working
//! when a vendor changes its API without notice; this check says what changed, so that the
//! people who keep the specs know when to edit one. A departure names the operation, the place
//! and the rule, never the value: the value may be personal data or a secret.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use crate::validation::{Declared, FieldPath, Rule, Validate};

/// Departures kept per answer: a server can send any number of undeclared fields, and the
/// first ones say what there is to say.
pub(crate) const MAX_PER_ANSWER: usize = 32;

/// A way an answer departs from the vendor's spec, found while reading it; see
/// [`ResponseMeta::departures`](crate::ResponseMeta::departures).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    // The exact status first, then its range (`4xx`: the build writes
    // ranges in lower case), then `default`, as OpenAPI reads them; compared as text, so that
    // no documented status is parsed per answer.
    let digits = status_digits(status);
    let exact = |d: &&Documented| d.status.as_bytes() == digits;
    let range = |d: &&Documented| match d.status.as_bytes() {
        [c, b'x', b'x'] => *c == digits[0],
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
        // A documented value is visible ASCII: equal bytes are that text, without reading the
        // value as text first.
        let broken = match value {
            None => DepartureRule::Required,
            // A header value's bytes are visible ASCII, tabs and obs-text: it is text when it
            // is ASCII (checked a word at a time).
            Some(v) if values.is_empty() && v.as_bytes().is_ascii() => continue,
            Some(v)
                if values
                    .iter()
                    .any(|d| d.as_bytes() == v.as_bytes().trim_ascii()) =>
            {
                continue
            }
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

/// A status's three digits as text (`404`: `b"404"`); an HTTP status has three.
fn status_digits(status: u16) -> [u8; 3] {
    let digit = |n: u16| b'0' + (n % 10) as u8;
    [digit(status / 100), digit(status / 10), digit(status)]
}

/// Decodes a JSON body as `T`, and when `check` is set, finds what it breaks of the spec: the
/// fields `T` does not declare (feature `undeclared-fields`), then the documented rules its
/// values break.
pub(crate) fn decode<T: Validate + Declared>(
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
        match T::strict(&mut de).and_then(|value| de.end().map(|()| value)) {
            Ok(value) => value,
            // A field the spec does not declare (or a body that does not decode at all): read
            // leniently, then searched for its undeclared fields.
            Err(_) => {
                NULLS.set(0);
                let value = serde_json::from_slice(body)?;
                undeclared::search(body, T::declared(), out);
                value
            }
        }
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
pub(crate) fn body_departures<T: serde::de::DeserializeOwned + Validate + Declared>(
    body: &[u8],
) -> Found {
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

/// The strict decoder of a field that holds a model (the generated strict decoders name it):
/// its [`Declared::strict`].
#[allow(dead_code)] // A build whose models hold no model.
pub(crate) fn strict_field<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Declared,
{
    T::strict(deserializer)
}

/// [`not_null`] for a field that holds a model, decoded strictly.
#[allow(dead_code)] // A build whose specs mark every optional model field `nullable`.
pub(crate) fn strict_not_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Declared,
{
    let value = not_null::<D, crate::validation::Strictly<T>>(deserializer)?;
    Ok(value.map(|v| v.0))
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

/// The search for undeclared fields: a second read of a body the strict decoder refused (a
/// vendor's drift, rare), which borrows its keys and copies only a departure's path. An answer
/// the strict decoder reads is never searched.
#[cfg(feature = "undeclared-fields")]
mod undeclared {
    use std::borrow::Cow;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

    use super::{DepartureRule, Found, MAX_PER_ANSWER};
    use crate::validation::Shape;

    /// The fields of `body` that `shape` does not declare, in the order they come, up to the
    /// answer's room.
    pub(super) fn search(body: &[u8], shape: Shape, out: &mut Found) {
        let mut de = serde_json::Deserializer::from_slice(body);
        let walk = Walk {
            shape,
            at: &At::Root,
            out,
        };
        // An error is the search stopped: the answer's room is full (the body has decoded).
        let _ = walk.deserialize(&mut de);
    }

    /// Where a value sits, as a chain on the stack: text only for a departure.
    enum At<'a> {
        Root,
        Key(&'a At<'a>, &'a str),
        Index(&'a At<'a>, usize),
    }

    impl At<'_> {
        /// As the validation writes it: `locations[1].sales_rep`.
        fn text(&self) -> String {
            match self {
                At::Root => String::new(),
                At::Key(parent, key) => match parent.text() {
                    parent if parent.is_empty() => (*key).to_owned(),
                    parent => format!("{parent}.{key}"),
                },
                At::Index(parent, index) => format!("{}[{index}]", parent.text()),
            }
        }
    }

    struct Walk<'a, 'o> {
        shape: Shape,
        at: &'a At<'a>,
        out: &'o mut Found,
    }

    impl<'de> DeserializeSeed<'de> for Walk<'_, '_> {
        type Value = ();

        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            match self.shape {
                Shape::Any => d.deserialize_ignored_any(IgnoredAny).map(drop),
                _ => d.deserialize_any(self),
            }
        }
    }

    impl<'de> Visitor<'de> for Walk<'_, '_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let Walk { shape, at, out } = self;
            let Shape::Object(fields) = shape else {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                return Ok(());
            };
            while let Some(Key(key)) = map.next_key()? {
                let here = At::Key(at, &key);
                match fields.iter().find(|(name, _)| *name == key) {
                    Some((_, shape)) => map.next_value_seed(Walk {
                        shape: shape(),
                        at: &here,
                        out: &mut *out,
                    })?,
                    None if out.len() < MAX_PER_ANSWER => {
                        out.push((here.text(), DepartureRule::Undeclared));
                        map.next_value::<IgnoredAny>()?;
                    }
                    None => return Err(de::Error::custom("the answer's room is full")),
                }
            }
            Ok(())
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let Walk { shape, at, out } = self;
            let Shape::Items(item) = shape else {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                return Ok(());
            };
            for index in 0.. {
                let walk = Walk {
                    shape: item(),
                    at: &At::Index(at, index),
                    out: &mut *out,
                };
                if seq.next_element_seed(walk)?.is_none() {
                    break;
                }
            }
            Ok(())
        }
    }

    /// A key, borrowed from the body unless it has escapes.
    struct Key<'de>(Cow<'de, str>);

    impl<'de> de::Deserialize<'de> for Key<'de> {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Text;
            impl<'de> Visitor<'de> for Text {
                type Value = Key<'de>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a key")
                }
                fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Borrowed(v)))
                }
                fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Owned(v.to_owned())))
                }
            }
            d.deserialize_str(Text)
        }
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

    impl Declared for Item {}

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

    /// The example answer at `pointer` in a spec.
    #[cfg(feature = "undeclared-fields")]
    fn example(spec: &str, pointer: &str) -> serde_json::Value {
        let spec: serde_json::Value = serde_json::from_str(spec).unwrap();
        spec.pointer(pointer).unwrap().clone()
    }

    /// Every object of `sample` (its JSON pointer and its path), in document order.
    #[cfg(feature = "undeclared-fields")]
    fn objects(value: &serde_json::Value, at: (String, String), out: &mut Vec<(String, String)>) {
        let (pointer, path) = at;
        match value {
            serde_json::Value::Object(map) => {
                out.push((pointer.clone(), path.clone()));
                for (key, v) in map {
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    objects(v, (format!("{pointer}/{key}"), path), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    objects(v, (format!("{pointer}/{i}"), format!("{path}[{i}]")), out);
                }
            }
            _ => {}
        }
    }

    /// For `sample` as it is and with a field its spec does not declare added to each of its
    /// objects in turn: the strict decoder refuses exactly the edited bodies, and the check
    /// reports exactly the added field, at its path. The number of objects edited.
    #[cfg(feature = "undeclared-fields")]
    fn each_added_field_is_refused_and_found<T: Validate + Declared>(
        sample: &serde_json::Value,
    ) -> usize {
        let undeclared = |body: &[u8]| {
            let mut out = Vec::new();
            decode::<T>(body, true, &mut out).unwrap();
            let found = out
                .into_iter()
                .filter(|(_, r)| *r == DepartureRule::Undeclared);
            found.map(|(path, _)| path).collect::<Vec<_>>()
        };
        let strict = |body: &[u8]| T::strict(&mut serde_json::Deserializer::from_slice(body));
        let clean = serde_json::to_vec(sample).unwrap();
        assert!(strict(&clean).is_ok());
        assert_eq!(undeclared(&clean), Vec::<String>::new());
        let mut found = Vec::new();
        objects(sample, (String::new(), String::new()), &mut found);
        for (pointer, path) in &found {
            let mut edited = sample.clone();
            let object = edited
                .pointer_mut(pointer)
                .unwrap()
                .as_object_mut()
                .unwrap();
            object.insert("zz_undeclared".into(), serde_json::json!({"a": 1}));
            let body = serde_json::to_vec(&edited).unwrap();
            assert!(strict(&body).is_err(), "{path}");
            let expected = match path.as_str() {
                "" => "zz_undeclared".to_owned(),
                path => format!("{path}.zz_undeclared"),
            };
            assert_eq!(undeclared(&body), [expected]);
        }
        found.len()
    }

    #[cfg(all(feature = "undeclared-fields", feature = "cro"))]
    #[test]
    fn an_undeclared_field_in_any_object_of_a_cro_answer_is_refused_strictly_and_found() {
        let spec = include_str!(concat!(env!("OUT_DIR"), "/cro.spec.json"));
        let customer = example(
            spec,
            "/paths/~1customers~1{customer_id}/get/responses/200/content/application~1json/example",
        );
        // The customer, its address, its contact and four locations.
        let edited =
            each_added_field_is_refused_and_found::<crate::cro::types::CustomerModel>(&customer);
        assert_eq!(edited, 7);
        // A renamed model, read through its twin.
        let location = example(
            spec,
            "/paths/~1customers~1{customer_id}~1locations~1{customer_location_id}/delete/responses/200/content/application~1json/example",
        );
        let edited = each_added_field_is_refused_and_found::<
            crate::cro::types::DispatchCustomerLocationModel,
        >(&location);
        // The location, its address and its contact.
        assert_eq!(edited, 3);
    }

    #[cfg(all(feature = "undeclared-fields", feature = "pdm"))]
    #[test]
    fn an_undeclared_field_in_any_object_of_a_pdm_answer_is_refused_strictly_and_found() {
        let sample = example(
            include_str!(concat!(env!("OUT_DIR"), "/pdm.spec.json")),
            "/paths/~1GetCustomer/post/responses/200/content/application~1json/examples/ok/value",
        );
        let edited = each_added_field_is_refused_and_found::<crate::pdm::types::GetCustomerResponse>(
            &sample,
        );
        // The answer, its status, the customer and its address.
        assert_eq!(edited, 4);
    }

    #[cfg(all(feature = "undeclared-fields", feature = "foxtrot"))]
    #[test]
    fn an_undeclared_field_in_any_object_of_a_foxtrot_answer_is_refused_strictly_and_found() {
        let sample = example(
            include_str!(concat!(env!("OUT_DIR"), "/foxtrot.spec.json")),
            "/paths/~1dcs~1{dc_id}~1customers~1{customer_id}/get/responses/200/content/application~1json/example",
        );
        let edited = each_added_field_is_refused_and_found::<crate::foxtrot::types::CustomerEnvelope>(
            &sample,
        );
        // The envelope, its data, the customer and its two locations.
        assert_eq!(edited, 5);
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

    /// An exact status wins over its range, statuses are told apart by each digit, a
    /// documented value is matched without its surrounding spaces, and a value that is not
    /// visible ASCII breaks even a header that takes any value.
    #[test]
    fn an_exact_status_wins_and_header_values_are_matched_trimmed() {
        const EXACT: &[Documented] = &[
            Documented {
                status: "404",
                headers: &[("x-api-version", &["v1"]), ("x-request-id", &[])],
                content_types: &[],
            },
            Documented {
                status: "4xx",
                headers: &[],
                content_types: &[],
            },
        ];
        let required = |name: &str| (format!("header.{name}"), DepartureRule::Required);
        let ok = [("x-api-version", " v1 "), ("x-request-id", "7")];
        assert_eq!(checked(EXACT, 404, &ok), []);
        assert_eq!(
            checked(EXACT, 404, &[]),
            [required("x-api-version"), required("x-request-id")]
        );
        for status in [400, 405, 414, 440, 499] {
            assert_eq!(checked(EXACT, status, &[]), [], "{status}");
        }
        for status in [104, 204, 304, 504, 999] {
            let undocumented = (
                "status".to_owned(),
                DepartureRule::UndocumentedStatus(status),
            );
            assert_eq!(checked(EXACT, status, &[]), [undocumented], "{status}");
        }
        let mut map = http::HeaderMap::new();
        map.insert("x-api-version", http::HeaderValue::from_static("v1"));
        let opaque = http::HeaderValue::from_bytes(b"caf\xe9").unwrap();
        map.insert("x-request-id", opaque);
        let mut out = Vec::new();
        check_answer(EXACT, 404, Some(&map), &mut out);
        let broken = DepartureRule::Broken(Rule::OneOf(&[]));
        assert_eq!(out, [("header.x-request-id".to_owned(), broken)]);
    }
}
