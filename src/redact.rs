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

/// Whether a JSON key or header name names a credential (`session_token`, `key`,
/// `x-api-key`, `client_secret`...).
#[cfg_attr(not(feature = "sandbox"), allow(dead_code))]
pub(crate) fn is_credential_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_KEY_PARTS.iter().any(|part| name.contains(part)) || name == "cookie"
}

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

/// A cheap first test of texts that seldom hold a secret (a success's headers), so that the
/// [`Redactor`], whose forms cost thousands of instructions to build, is built only for a text
/// it may change: [`Sieve::may_mask`] is `false` only when [`Redactor::redact`] with the same
/// secrets would leave the text as it is.
pub(crate) struct Sieve<'s> {
    /// A run of ASCII letters and digits of each secret (empty when it has none).
    runs: [&'s str; 4],
    /// How many `runs` hold one; more secrets than that let every text through.
    len: usize,
}

impl<'s> Sieve<'s> {
    /// A sieve for these secrets, read as [`Redactor::new`] reads them.
    pub(crate) fn new(secrets: impl IntoIterator<Item = &'s str>) -> Self {
        let mut sieve = Sieve {
            runs: [""; 4],
            len: 0,
        };
        for secret in secrets.into_iter().map(strip_scheme) {
            if secret.is_empty() {
                continue;
            }
            if sieve.len == sieve.runs.len() {
                // Too many to keep: the empty run, which every text holds.
                sieve.runs[0] = "";
                break;
            }
            sieve.runs[sieve.len] = needle(secret);
            sieve.len += 1;
        }
        sieve
    }

    /// Whether the redactor may mask something in `text`. Every raw form it searches for keeps
    /// a secret's ASCII letters and digits as they are, in order and together, so a form holds
    /// each run of them whole. The JSON strings it decodes may hide a secret behind
    /// escapes (a backslash), and one under a credential-like key (a colon after a quoted key)
    /// is masked whatever it holds: a text with a quote and either is left to the redactor.
    pub(crate) fn may_mask(&self, text: &[u8]) -> bool {
        if self.runs[..self.len]
            .iter()
            .any(|run| holds(text, run.as_bytes()))
        {
            return true;
        }
        text.contains(&b'"') && text.iter().any(|&b| b == b'\\' || b == b':')
    }
}

/// The first run of [`NEEDLE`] ASCII letters and digits in `secret`, or the longest shorter
/// one (empty when it has none). Any part of such a run will do: every form holds it whole.
fn needle(secret: &str) -> &str {
    let bytes = secret.as_bytes();
    let (mut best, mut start) = ((0, 0), 0);
    for (i, b) in bytes.iter().enumerate() {
        if !b.is_ascii_alphanumeric() {
            start = i + 1;
            continue;
        }
        if i + 1 - start > best.1 - best.0 {
            best = (start, i + 1);
            if i + 1 - start == NEEDLE {
                break;
            }
        }
    }
    &secret[best.0..best.1]
}

/// How many letters and digits of a secret the sieve looks for (few texts hold 8 of them).
const NEEDLE: usize = 8;

/// Whether `needle` occurs in `text` (an empty needle does).
fn holds(text: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = text.len().checked_sub(needle.len()) else {
        return false;
    };
    let mut from = 0;
    while let Some(at) = text[from..=last_start].iter().position(|&b| b == first) {
        let at = from + at;
        if text[at + 1..].starts_with(rest) {
            return true;
        }
        from = at + 1;
    }
    false
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

    proptest::proptest! {
        /// Texts made of pieces of secrets, their encoded forms, JSON punctuation and other
        /// text: whatever the redactor would change, the sieve lets through.
        #[test]
        fn the_sieve_lets_through_every_text_the_redactor_changes(
            pieces in proptest::collection::vec(0usize..PIECES.len(), 0..8),
            free in "[a-z0-9 .|%&;]{0,6}",
        ) {
            let secrets = ["Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", "k+y/&<1>", "9001|s3|01"];
            let mut text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            text.push_str(&free);
            let changed = Redactor::new(secrets).redact(&text) != text.as_str();
            proptest::prop_assert!(!changed || Sieve::new(secrets).may_mask(text.as_bytes()));
        }
    }

    const PIECES: [&str; 22] = [
        "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
        "eyJhbGciOi%2EeyJzdWIiOi%2Ec2lnbmF0dXJl",
        "\\u0065yJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
        "c2lnbmF0dXJl",
        "k+y/&<1>",
        "k%2By%2F%26%3C1%3E",
        "k+y\\/&<1>",
        "k+y/&amp;&lt;1&gt;",
        "9001|s3|01",
        "9001%7Cs3%7C01",
        "9001",
        "s3",
        "\"",
        "\\",
        ":",
        " ",
        "token",
        "\"token\"",
        "W/\"33a64df5\"",
        "application/json",
        "474cdb8c-461a-4a2f-be39-d01d258eeb86",
        "Bearer ",
    ];

    #[test]
    fn the_sieve_passes_over_texts_without_a_secret() {
        let sieve = Sieve::new(["Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", "9001|s3|01"]);
        for clean in [
            &b"application/json"[..],
            b"474cdb8c-461a-4a2f-be39-d01d258eeb86",
            b"W/\"33a64df5\"",
            b"Thu, 01 Jan 2026 00:00:00 GMT",
        ] {
            assert!(!sieve.may_mask(clean), "{}", String::from_utf8_lossy(clean));
        }
        for suspect in [&b"x eyJhbGciOi"[..], b"{\"a\": 1}", b"\"\\u0039001"] {
            assert!(
                sieve.may_mask(suspect),
                "{}",
                String::from_utf8_lossy(suspect)
            );
        }
        // A secret without a letter or digit gives the sieve nothing to look for, and so do
        // more secrets than it keeps.
        assert!(Sieve::new(["&&"]).may_mask(b"anything"));
        assert!(Sieve::new(["aaaa", "bbbb", "cccc", "dddd", "eeee"]).may_mask(b"anything"));
        assert!(!Sieve::new(["aaaa", "bbbb", "cccc", "dddd"]).may_mask(b"anything"));
        assert_eq!(needle("ab.cde|f"), "cde");
        assert_eq!(needle("ab.cdefghijklm"), "cdefghij");
        assert_eq!(needle("&&"), "");
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
