//! The JSON path of the value at the place a JSON text failed to decode.
//!
//! serde_json says where decoding stopped (a line and a column); this module reads the text up
//! to there and says which value that is (`addresses[0].latitude`). It reads the text once and
//! knows no type, so that the decoders are compiled once, not a second time for a
//! path-tracking deserializer.

/// The longest key quoted in a path, in characters: a hostile answer's key could be megabytes.
const MAX_KEY_CHARS: usize = 64;

/// Where a container stands while the text is read.
enum Frame {
    /// An object, with the span of its current key (the quoted text) once one is read.
    Object { key: Option<(usize, usize)> },
    /// An array, with its current index, and whether that element has begun.
    Array { index: usize, begun: bool },
}

/// The path of the value serde_json was reading when `error` stopped it, in `text`
/// (`locations[0].created_on`; empty at the top level). A missing field's error comes after the
/// object that lacks it, so its path is that object's.
///
/// Keys are server text: each is masked by `redactor` (see [`crate::redact`]) before it is cut
/// to [`MAX_KEY_CHARS`], so that a secret sent as a key leaves no part of itself in the path.
pub(crate) fn of_error(
    text: &[u8],
    error: &serde_json::Error,
    redactor: &crate::redact::Redactor,
) -> String {
    at(text, offset(text, error.line(), error.column()), redactor)
}

/// The path of the `null` whose decoder stopped serde_json with `error` (see
/// `departure::not_null`). serde_json says where it stood then, which is past the closing
/// brackets of the containers the `null` ends: the path is read at the end of the `null`.
/// Every key on the way is one the type declares (it was decoded), so none is masked.
pub(crate) fn of_null(text: &[u8], error: &serde_json::Error) -> String {
    let mut end = offset(text, error.line(), error.column());
    while end > 0 && matches!(text[end - 1], b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    at(text, end, &crate::redact::Redactor::default())
}

/// The byte offset of serde_json's `line` (from 1) and `column` (bytes from the line's start).
fn offset(text: &[u8], line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    start.saturating_add(column).min(text.len())
}

/// The path of the value being read once the first `end` bytes of `text` are read.
fn at(text: &[u8], end: usize, redactor: &crate::redact::Redactor) -> String {
    let text = &text[..end.min(text.len())];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Array { index, begun }) => {
                        *index += 1;
                        *begun = false;
                    }
                    Some(Frame::Object { key }) => *key = None,
                    None => {}
                }
                i += 1;
                continue;
            }
            b':' => {
                i += 1;
                continue;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
                continue;
            }
            _ => {}
        }
        // A value begins (or a key).
        let is_key = matches!(stack.last(), Some(Frame::Object { key: None })) && b == b'"';
        if let Some(Frame::Array { begun, .. }) = stack.last_mut() {
            *begun = true;
        }
        match b {
            b'{' => {
                stack.push(Frame::Object { key: None });
                i += 1;
            }
            b'[' => {
                stack.push(Frame::Array {
                    index: 0,
                    begun: false,
                });
                i += 1;
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    // An escape takes the next byte with it (`\"` does not end the string).
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(text.len());
                if is_key {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        *key = Some((start, i));
                    }
                }
            }
            // A number or a literal: nothing in it changes the path.
            _ => i += 1,
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object {
                key: Some((start, end)),
            } => {
                if !path.is_empty() {
                    path.push('.');
                }
                push_key(&mut path, &text[*start..*end], redactor);
            }
            Frame::Array { index, begun: true } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            _ => {}
        }
    }
    path
}

/// A key as its text decodes (escapes resolved), masked, at most [`MAX_KEY_CHARS`] characters.
fn push_key(path: &mut String, quoted: &[u8], redactor: &crate::redact::Redactor) {
    let key = serde_json::from_slice::<String>(quoted).unwrap_or_else(|_| {
        // Cut off where the error stopped: what was read of it.
        let raw = quoted.strip_prefix(b"\"").unwrap_or(quoted);
        String::from_utf8_lossy(raw.strip_suffix(b"\"").unwrap_or(raw)).into_owned()
    });
    let key = redactor.redact(&key);
    let mut chars = key.chars();
    path.extend(chars.by_ref().take(MAX_KEY_CHARS));
    if chars.next().is_some() {
        path.push('…');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// The path and message this module gives for `text` as `T`, and the ones
    /// serde_path_to_error gives by decoding again with a path-tracking deserializer (the way
    /// the SDK did before): `None` when `text` decodes.
    fn both<T: serde::de::DeserializeOwned>(text: &[u8]) -> Option<(String, String)> {
        let error = serde_json::from_slice::<T>(text).err()?;
        let ours = format!(
            "{} | {error}",
            of_error(text, &error, &crate::redact::Redactor::default())
        );
        let mut de = serde_json::Deserializer::from_slice(text);
        let tracked = match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Err(e) => {
                let path = e.path().to_string();
                let path = if path == "." { String::new() } else { path };
                format!("{path} | {}", e.into_inner())
            }
            Ok(_) => format!(" | {error}"),
        };
        Some((ours, tracked))
    }

    /// Every value of `v` replaced in turn by each of `others`, and every object member removed
    /// in turn: the pointers and the edited documents.
    fn mutations(v: &Value) -> Vec<(String, Value)> {
        fn walk(v: &Value, at: &str, out: &mut Vec<String>) {
            out.push(at.to_owned());
            match v {
                Value::Object(m) => m
                    .iter()
                    .for_each(|(k, v)| walk(v, &format!("{at}/{k}"), out)),
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .for_each(|(i, v)| walk(v, &format!("{at}/{i}"), out)),
                _ => {}
            }
        }
        let mut pointers = Vec::new();
        walk(v, "", &mut pointers);
        let others = [
            json!("x"),
            json!(-1.5),
            json!(true),
            json!(null),
            json!({}),
            json!([1]),
            json!({"k": [null]}),
        ];
        let mut out = Vec::new();
        for pointer in pointers.iter().filter(|p| !p.is_empty()) {
            for other in &others {
                let mut edited = v.clone();
                *edited.pointer_mut(pointer).unwrap() = other.clone();
                out.push((format!("{pointer} = {other}"), edited));
            }
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            let mut edited = v.clone();
            if let Some(Value::Object(m)) = edited.pointer_mut(parent) {
                m.remove(key);
                out.push((format!("{pointer} removed"), edited));
            }
        }
        out
    }

    /// Compares the two on every mutation of `sample`, compact and pretty-printed (the column
    /// of a multi-line text); answers how many texts failed to decode.
    fn same_paths<T: serde::de::DeserializeOwned>(sample: &Value) -> usize {
        let mut failed = 0;
        for (what, doc) in mutations(sample) {
            for text in [
                serde_json::to_vec(&doc).unwrap(),
                serde_json::to_vec_pretty(&doc).unwrap(),
            ] {
                if let Some((ours, tracked)) = both::<T>(&text) {
                    assert_eq!(ours, tracked, "{what}");
                    failed += 1;
                }
            }
        }
        failed
    }

    fn example(spec: &str, pointer: &str) -> Value {
        let spec: Value = serde_json::from_str(spec).unwrap();
        spec.pointer(pointer)
            .unwrap_or_else(|| panic!("{pointer}"))
            .clone()
    }

    #[cfg(feature = "cro")]
    #[test]
    fn the_path_of_every_broken_value_of_the_cro_customer_is_the_one_a_tracking_decoder_gives() {
        let sample = example(
            include_str!(concat!(env!("OUT_DIR"), "/cro.spec.json")),
            "/paths/~1customers~1{customer_id}/get/responses/200/content/application~1json/example",
        );
        let failed = same_paths::<crate::cro::types::CustomerModel>(&sample);
        // 83 values edited 7 ways and 77 members removed, compact and pretty (1,316 texts): the
        // ones the model refuses.
        assert_eq!(failed, 1060, "texts that failed to decode");
    }

    #[cfg(feature = "pdm")]
    #[test]
    fn the_path_of_every_broken_value_of_the_pdm_customer_answer_is_the_one_a_tracking_decoder_gives(
    ) {
        let sample = example(
            include_str!(concat!(env!("OUT_DIR"), "/pdm.spec.json")),
            "/paths/~1GetCustomer/post/responses/200/content/application~1json/examples/ok/value",
        );
        let failed = same_paths::<crate::pdm::types::GetCustomerResponse>(&sample);
        // 25 values edited 7 ways and 25 members removed, compact and pretty (400 texts).
        assert_eq!(failed, 294, "texts that failed to decode");
    }

    #[cfg(feature = "foxtrot")]
    #[test]
    fn the_path_of_every_broken_value_of_the_foxtrot_customer_envelope_is_the_one_a_tracking_decoder_gives(
    ) {
        let sample = example(
            include_str!(concat!(env!("OUT_DIR"), "/foxtrot.spec.json")),
            "/paths/~1dcs~1{dc_id}~1customers~1{customer_id}/get/responses/200/content/application~1json/example",
        );
        let failed = same_paths::<crate::foxtrot::types::CustomerEnvelope>(&sample);
        // 12 values edited 7 ways and 12 members removed, compact and pretty (192 texts).
        assert_eq!(failed, 164, "texts that failed to decode");
    }

    #[test]
    fn paths_name_keys_and_indexes_and_are_empty_at_the_top_level() {
        let cases: [(&str, usize, &str); 8] = [
            (r#"{"a": {"b": [1, 2, {"c": "x"}]}}"#, 27, "a.b[2].c"),
            (r#"{"a": {"b": [1, 2, {"c": "x"}]}}"#, 17, "a.b[1]"),
            (r#"{"a": {"b": [1, 2, {"c": "x"}]}}"#, 31, "a"),
            (r#"{"a": {"b": [1, 2, {"c": "x"}]}}"#, 32, ""),
            (r#"{"a": [], "b": 1}"#, 8, "a"),
            (r#"{"a\"b": 1}"#, 10, "a\"b"),
            (r#"[{"x": 1}, {"y": 2}]"#, 18, "[1].y"),
            ("{\n\"a\":\n[1,\n2]}", 12, "a[1]"),
        ];
        for (text, end, path) in cases {
            assert_eq!(
                at(text.as_bytes(), end, &crate::redact::Redactor::default()),
                path,
                "{text} at {end}"
            );
        }
        // serde_json's line and column, turned back into the offset.
        assert_eq!(offset(b"ab\ncd\nef", 3, 1), 7);
        assert_eq!(offset(b"ab\ncd", 1, 2), 2);
    }

    #[test]
    fn a_null_is_placed_at_its_key_wherever_it_sits_in_its_object() {
        let stopped = |text: &[u8], at: usize| {
            // An error as serde_json gives it, at the column `at` (one line).
            let e = serde_json::from_slice::<Value>(&text[..at]).unwrap_err();
            assert_eq!(
                (e.line(), e.column()),
                (1, at),
                "{}",
                String::from_utf8_lossy(text)
            );
            of_null(text, &e)
        };
        let mid = br#"{"customer":{"title":null,"a":1}}"#;
        assert_eq!(stopped(mid, 25), "customer.title");
        // Last in its object and its list: serde_json stands past the closing brackets.
        let last = br#"{"items":[{"a":1,"title":null} ]}"#;
        assert_eq!(stopped(last, 32), "items[0].title");
    }

    #[test]
    fn a_long_key_is_cut_short_in_the_path() {
        let key = "k".repeat(10_000);
        let text = format!(r#"{{"{key}": "x"}}"#);
        let path = at(
            text.as_bytes(),
            text.len() - 1,
            &crate::redact::Redactor::default(),
        );
        assert_eq!(path, format!("{}…", "k".repeat(MAX_KEY_CHARS)));
    }
}
