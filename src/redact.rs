//! Text that came from a server, made safe to keep in an [`Error`](crate::Error) or a log line.
//!
//! A server may echo what it was sent (PDM names the offending fields of a request in
//! `details`; a gateway's HTML error page may list the request headers), so every such text —
//! vendor error fields, body excerpts, decode errors, the served version — goes through
//! [`Redactor::text`] or [`Redactor::excerpt`] before it is stored: every credential this client
//! sent or received is replaced by `[REDACTED]`, in plain, JSON-escaped, form- and
//! percent-encoded and HTML-escaped forms, and so is every JSON string whose decoded value
//! contains one or sits under a credential-like key (`"session_\u0074oken"` included). Then
//! the text is made one line and capped at [`MAX_SERVER_TEXT`] bytes.

use std::borrow::Cow;

/// The most bytes of one server-supplied text kept in an error (a longer one is cut, `…`).
pub(crate) const MAX_SERVER_TEXT: usize = 200;

/// What a secret is replaced with.
const MASK: &str = "[REDACTED]";

/// Parts of a JSON key that name a credential.
const SECRET_KEY_PARTS: [&str; 6] = [
    "token",
    "key",
    "secret",
    "password",
    "authorization",
    "credential",
];

/// The credentials of one exchange, and the forms they may come back in.
#[derive(Default)]
pub(crate) struct Redactor {
    /// The secrets as sent (matched against decoded JSON strings).
    plain: Vec<String>,
    /// Every form searched for in raw text, longest first.
    forms: Vec<String>,
}

impl Redactor {
    /// A redactor for these secrets (empty ones are ignored). A `Bearer ` prefix is dropped, so
    /// a header value and the bare token are both found.
    pub(crate) fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut plain: Vec<String> = Vec::new();
        for secret in secrets {
            let secret = strip_scheme(secret);
            if !secret.is_empty() && !plain.iter().any(|s| s == secret) {
                plain.push(secret.to_owned());
            }
        }
        let mut forms: Vec<String> = Vec::new();
        for secret in &plain {
            let json = serde_json::to_string(secret).unwrap_or_default();
            let json = json[1..json.len() - 1].to_owned();
            let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            let percent =
                percent_encoding::utf8_percent_encode(secret, percent_encoding::NON_ALPHANUMERIC)
                    .to_string();
            let html = secret
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;");
            for form in [secret.clone(), json, form, percent, html] {
                if !form.is_empty() && !forms.contains(&form) {
                    forms.push(form);
                }
            }
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        Redactor { plain, forms }
    }

    /// The longest raw form of a secret, in bytes.
    fn longest(&self) -> usize {
        self.forms.first().map_or(0, String::len)
    }

    /// A server text (a vendor field, a decode error, a header), redacted, on one line and
    /// capped.
    pub(crate) fn text(&self, text: &str) -> String {
        // Only the start is kept: a window long enough that every secret starting within the
        // kept bytes ends within it (a 4 MB `detail` is not scanned whole).
        let window = MAX_SERVER_TEXT + 6 * self.longest() + 16;
        let mut end = text.len().min(window);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut out = cap(&self.redact(&text[..end]), MAX_SERVER_TEXT);
        if end < text.len() && !out.ends_with('…') {
            out.push('…');
        }
        out
    }

    /// The start of a body, redacted before it is cut (so a secret cut in half is not left
    /// behind), on one line and capped.
    pub(crate) fn excerpt(&self, body: &[u8]) -> String {
        // Every secret that starts within the kept bytes ends within the window.
        let window = MAX_SERVER_TEXT + 6 * self.longest() + 16;
        let cut = &body[..body.len().min(window)];
        let text = String::from_utf8_lossy(cut);
        let mut out = cap(&self.redact(&text), MAX_SERVER_TEXT);
        if body.len() > window && !out.ends_with('…') {
            out.push('…');
        }
        out
    }

    /// `text` with every secret masked (not capped).
    pub(crate) fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let masked = self.mask_json_strings(text);
        if self.forms.is_empty() || !self.forms.iter().any(|f| masked.contains(f.as_str())) {
            return masked;
        }
        let mut out = masked.into_owned();
        for form in &self.forms {
            if out.contains(form.as_str()) {
                out = out.replace(form.as_str(), MASK);
            }
        }
        Cow::Owned(out)
    }

    /// Masks the contents of every JSON string that decodes to something holding a secret,
    /// and of every string value under a credential-like key. Works on cut or invalid JSON:
    /// a string cut short is masked to the end when it qualifies.
    fn mask_json_strings<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let bytes = text.as_bytes();
        let mut out = String::new();
        let mut copied = 0;
        let mut i = 0;
        let mut value_of_secret_key = false;
        while i < bytes.len() {
            if bytes[i] != b'"' {
                if !bytes[i].is_ascii_whitespace() && bytes[i] != b':' {
                    value_of_secret_key = false;
                }
                i += 1;
                continue;
            }
            let end = string_end(bytes, i + 1);
            let decoded = decode_json_string(&text[i + 1..end.min(bytes.len())]);
            let is_key = {
                let after = skip_space(bytes, end + 1);
                after < bytes.len() && bytes[after] == b':'
            };
            let holds_secret = self.plain.iter().any(|s| decoded.contains(s.as_str()));
            if holds_secret || (value_of_secret_key && !is_key) {
                out.push_str(&text[copied..=i]);
                out.push_str(MASK);
                copied = end.min(bytes.len());
            }
            value_of_secret_key = is_key && {
                let name = decoded.to_ascii_lowercase();
                SECRET_KEY_PARTS.iter().any(|part| name.contains(part))
            };
            i = end + 1;
        }
        if copied == 0 {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[copied.min(text.len())..]);
        Cow::Owned(out)
    }
}

fn strip_scheme(secret: &str) -> &str {
    match secret.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("bearer ") => secret[7..].trim_start(),
        _ => secret,
    }
}

/// The index of the quote closing a JSON string whose contents start at `i` (or the length).
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The value of a JSON string's contents, escapes decoded; what does not decode is kept as is.
fn decode_json_string(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let Ok(unit) = u16::from_str_radix(&hex, 16) else {
                    out.push_str("\\u");
                    out.push_str(&hex);
                    continue;
                };
                let mut units = vec![unit];
                if (0xD800..0xDC00).contains(&unit) && chars.peek() == Some(&'\\') {
                    let rest: String = chars.clone().take(6).collect();
                    if let Some(low) = rest
                        .strip_prefix("\\u")
                        .and_then(|h| u16::from_str_radix(h, 16).ok())
                    {
                        units.push(low);
                        for _ in 0..6 {
                            chars.next();
                        }
                    }
                }
                out.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

/// On one line (control characters become spaces), at most `max` bytes cut on a character
/// boundary, `…` when cut.
pub(crate) fn cap(text: &str, max: usize) -> String {
    let line = crate::error::one_line(text);
    if line.len() <= max {
        return line.into_owned();
    }
    let mut end = max;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = line[..end].to_owned();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl";

    #[test]
    fn masks_every_form_of_a_secret() {
        let r = Redactor::new(["Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", "k+y/&<1>"]);
        for (text, want) in [
            (
                format!("bad header Authorization: Bearer {TOKEN}"),
                "bad header Authorization: Bearer [REDACTED]".to_owned(),
            ),
            (
                "key=k%2By%2F%26%3C1%3E".to_owned(),
                "key=[REDACTED]".to_owned(),
            ),
            (
                "<td>k+y/&amp;&lt;1&gt;</td>".to_owned(),
                "<td>[REDACTED]</td>".to_owned(),
            ),
            (
                r#"{"x":"k+y\/&<1>"}"#.to_owned(),
                r#"{"x":"[REDACTED]"}"#.to_owned(),
            ),
            (
                r#"{"echo":"\u0065yJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"}"#.to_owned(),
                r#"{"echo":"[REDACTED]"}"#.to_owned(),
            ),
            (
                r#"{"session_\u0074oken":"other","id":"x"}"#.to_owned(),
                r#"{"session_\u0074oken":"[REDACTED]","id":"x"}"#.to_owned(),
            ),
            ("nothing secret".to_owned(), "nothing secret".to_owned()),
        ] {
            assert_eq!(r.redact(&text), want, "{text}");
        }
    }

    #[test]
    fn masks_credential_keys_without_knowing_the_secret() {
        let r = Redactor::default();
        for (body, want) in [
            (
                r#"{"session":{"session_token":"9001|s3cr3t|0001","expires_utc_datetime":1}}"#,
                r#"{"session":{"session_token":"[REDACTED]","expires_utc_datetime":1}}"#,
            ),
            (
                r#"{"key" : "k\"ey", "Access_Token":"a", "detail": "token expired"}"#,
                r#"{"key" : "[REDACTED]", "Access_Token":"[REDACTED]", "detail": "token expired"}"#,
            ),
            (
                r#"{"refresh_token": "cut sho"#,
                r#"{"refresh_token": "[REDACTED]"#,
            ),
            (
                r#"{"api_key": 42, "id": "x"}"#,
                r#"{"api_key": 42, "id": "x"}"#,
            ),
            ("<html>token: abc</html>", "<html>token: abc</html>"),
            (r#"{"a":"\"","token":"#, r#"{"a":"\"","token":"#),
        ] {
            assert_eq!(r.excerpt(body.as_bytes()), want);
        }
    }

    #[test]
    fn a_secret_across_the_cut_is_masked_not_halved() {
        let r = Redactor::new([TOKEN]);
        let body = format!("{}{TOKEN}{}", "x".repeat(190), "y".repeat(100));
        let excerpt = r.excerpt(body.as_bytes());
        assert!(!excerpt.contains("eyJhbGciOi"), "{excerpt}");
        assert!(excerpt.starts_with(&format!("{}[REDACTED]", "x".repeat(190))));
        assert!(excerpt.ends_with('…'));
        assert!(excerpt.len() <= MAX_SERVER_TEXT + '…'.len_utf8());
    }

    #[test]
    fn a_huge_text_is_scanned_only_as_far_as_it_is_kept() {
        let r = Redactor::new([TOKEN]);
        let text = format!("{}{TOKEN}{}", "d".repeat(195), "d".repeat(4_000_000));
        let kept = r.text(&text);
        // 195 bytes of text, then the mask cut at the 200-byte cap.
        assert_eq!(kept, format!("{}[REDA…", "d".repeat(195)));
    }

    #[test]
    fn long_text_is_capped_on_one_line() {
        let r = Redactor::default();
        let text = r.text(&format!("a\nb{}", "é".repeat(300)));
        assert!(text.starts_with("a b"));
        assert!(text.len() <= MAX_SERVER_TEXT + '…'.len_utf8());
        assert!(text.ends_with('…'));
    }
}
