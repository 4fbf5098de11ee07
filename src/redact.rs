//! Text that came from a server, made safe to keep in an [`Error`](crate::Error), a
//! [`ResponseMeta`](crate::ResponseMeta), a success's headers or a log line: the one redaction
//! boundary.
//!
//! A server may echo what it was sent (PDM names the offending fields of a request in
//! `details`; a gateway's HTML error page may list the request headers), so every such text —
//! vendor error fields, body excerpts, decode errors and their JSON paths, the served version,
//! header values — goes through [`Redactor`] before it is kept, on success and on error alike:
//! every credential this client sent or received is replaced by `[REDACTED]`. The text is
//! decoded before it is searched, so a secret is found in any form a server may have wrapped
//! it in: percent-encoded (either case of hex, `+` for a space), HTML character references
//! (decimal or hex, any number of leading zeros, and the named references of ASCII characters),
//! JSON escapes (`\uXXXX`, surrogate pairs, `\/`), any of these over another up to four levels
//! deep (`%2541`, `&#92;u0041`), or as sent. Other transformations of a secret (base64, a
//! change of case, a part of it) are not searched for. So is every JSON string whose
//! decoded value contains one or sits under a credential-like key (`"session_\u0074oken"`
//! included). Then the text is made one line and capped — masked first, then cut, so that no
//! part of a secret is left at the cut.

use std::borrow::Cow;

/// The most bytes of one server-supplied text kept in an error (a longer one is cut, `…`).
pub(crate) const MAX_SERVER_TEXT: usize = 200;

/// What a secret is replaced with.
pub(crate) const MASK: &str = "[REDACTED]";

/// Parts of a JSON key that name a credential.
const SECRET_KEY_PARTS: [&str; 6] = [
    "token",
    "key",
    "secret",
    "password",
    "authorization",
    "credential",
];

/// Whether a JSON key, form field or header name names a credential (`session_token`, `key`,
/// `x-api-key`, `client_secret`...).
pub(crate) fn is_credential_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_KEY_PARTS.iter().any(|part| name.contains(part)) || name == "cookie"
}

/// The most raw bytes one character of a secret takes in any fixed-width form the redactor
/// decodes (`%F0%9F%98%80`, `\uD83D\uDE00`: 12). Longer forms (character references padded
/// with zeros) are caught at a cut by [`Redactor::text`]'s prefix rule instead.
const MAX_FORM_BYTES_PER_CHAR: usize = 12;

/// The credentials of one exchange.
#[derive(Default)]
pub(crate) struct Redactor {
    /// The secrets as sent, each as its characters (the start of one at a cut is matched
    /// against them).
    plain: Vec<Vec<char>>,
    /// Every secret, and each with `+` for its spaces (a form-encoded space), found in one
    /// pass over a text however many secrets there are (a sandbox remembers a thousand).
    finder: Option<aho_corasick::AhoCorasick>,
}

impl Redactor {
    /// A redactor for these secrets (empty ones are ignored). A `Bearer ` prefix is dropped, so
    /// a header value and the bare token are both found.
    pub(crate) fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut plain: Vec<Vec<char>> = Vec::new();
        for secret in secrets {
            let secret: Vec<char> = strip_scheme(secret).chars().collect();
            if !secret.is_empty() && !plain.contains(&secret) {
                plain.push(secret);
            }
        }
        let mut patterns: Vec<String> = Vec::new();
        for secret in &plain {
            let text: String = secret.iter().collect();
            if text.contains(' ') {
                patterns.push(text.replace(' ', "+"));
            }
            patterns.push(text);
        }
        // Building fails only past the automaton's size limits, far beyond any set of
        // credentials; then nothing would be found, so `mask_decoded` keeps nothing instead.
        let finder = (!patterns.is_empty())
            .then(|| aho_corasick::AhoCorasick::new(&patterns).ok())
            .flatten();
        Redactor { plain, finder }
    }

    /// How many leading bytes of a text are read: every secret that starts within the kept
    /// bytes ends within them, in any fixed-width form (a 4 MB `detail` is not scanned whole).
    fn window(&self) -> usize {
        let longest = self.plain.iter().map(Vec::len).max().unwrap_or(0);
        MAX_SERVER_TEXT + longest * MAX_FORM_BYTES_PER_CHAR + 16
    }

    /// A server text (a vendor field, a decode error, a header), redacted, on one line and
    /// capped at [`MAX_SERVER_TEXT`] bytes.
    pub(crate) fn text(&self, text: &str) -> String {
        self.text_capped(text, MAX_SERVER_TEXT)
    }

    /// A server text redacted, on one line and capped at `max` bytes: masked, then cut.
    pub(crate) fn text_capped(&self, text: &str, max: usize) -> String {
        let mut end = text.len().min(self.window().max(max));
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let cut = end < text.len();
        let mut out = cap(&self.redact_window(&text[..end], cut), max);
        if cut && !out.ends_with('…') {
            out.push('…');
        }
        out
    }

    /// The start of a body, redacted before it is cut (so a secret cut in half is not left
    /// behind), on one line and capped.
    pub(crate) fn excerpt(&self, body: &[u8]) -> String {
        let window = self.window();
        let cut = body.len() > window;
        let text = String::from_utf8_lossy(&body[..body.len().min(window)]);
        let mut out = cap(&self.redact_window(&text, cut), MAX_SERVER_TEXT);
        if cut && !out.ends_with('…') {
            out.push('…');
        }
        out
    }

    /// `text` with every secret masked (not capped).
    pub(crate) fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        self.redact_window(text, false)
    }

    /// `text` with every secret masked; when `cut` (more followed it), a tail that is the
    /// start of a secret is masked too: the rest of it was not read.
    fn redact_window<'t>(&self, text: &'t str, cut: bool) -> Cow<'t, str> {
        let masked = self.mask_json_strings(text);
        match self.mask_decoded(&masked, cut) {
            Cow::Owned(out) => Cow::Owned(out),
            Cow::Borrowed(_) => masked,
        }
    }

    /// Masks, in a value decoded from a server's JSON (what the command-line tool prints),
    /// every string holding a secret in any form, every string under a credential-like key,
    /// and every key holding a secret. Whether anything was masked.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub(crate) fn mask_value(&self, value: &mut serde_json::Value) -> bool {
        use serde_json::Value;
        match value {
            Value::String(s) => match self.mask_decoded(s, false) {
                Cow::Owned(masked) => {
                    *s = masked;
                    true
                }
                Cow::Borrowed(_) => false,
            },
            // Every item is visited (no short circuit): not `any`.
            Value::Array(items) => {
                let mut any = false;
                for item in items {
                    any |= self.mask_value(item);
                }
                any
            }
            Value::Object(map) => {
                let mut any = false;
                let keys: Vec<String> = map.keys().cloned().collect();
                for key in keys {
                    let Some(mut v) = map.remove(&key) else {
                        continue;
                    };
                    if is_credential_name(&key) && v.is_string() {
                        any |= v.as_str() != Some(MASK);
                        v = Value::String(MASK.to_owned());
                    } else {
                        any |= self.mask_value(&mut v);
                    }
                    let key = match self.mask_decoded(&key, false) {
                        Cow::Owned(masked) => {
                            any = true;
                            masked
                        }
                        Cow::Borrowed(_) => key,
                    };
                    map.insert(key, v);
                }
                any
            }
            _ => false,
        }
    }

    /// Masks every raw span of `text` that decodes to a secret, or (when `cut`) to the start
    /// of one at the very end of the text.
    fn mask_decoded<'t>(&self, text: &'t str, cut: bool) -> Cow<'t, str> {
        if self.plain.is_empty() || text.is_empty() {
            return Cow::Borrowed(text);
        }
        let Some(finder) = &self.finder else {
            // No automaton for these secrets (never for a real set): nothing is kept, rather
            // than something unmasked.
            return Cow::Owned(MASK.to_owned());
        };
        // As sent (a secret may itself hold what reads as an escape, `%41` say)...
        let mut spans: Vec<(usize, usize)> = finder
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        // ...and decoded, when the text holds anything that decodes.
        let escaped = text
            .bytes()
            .any(|b| matches!(b, b'%' | b'&' | b'\\' | b'+'));
        let units = if escaped || cut {
            decode(text)
        } else {
            Vec::new()
        };
        if escaped {
            // The decoded text, and for each of its bytes the unit it came from.
            let mut decoded = String::with_capacity(text.len());
            let mut unit_of = Vec::with_capacity(text.len());
            for (i, unit) in units.iter().enumerate() {
                decoded.push(unit.ch);
                unit_of.resize(decoded.len(), i);
            }
            spans.extend(finder.find_overlapping_iter(&decoded).map(|m| {
                let (first, last) = (unit_of[m.start()], unit_of[m.end() - 1]);
                (units[first].start, units[last].end)
            }));
            // A text encoded twice or more (`%2541`, a JSON escape inside an HTML reference):
            // each further level decoded too, its spans mapped back to the raw text.
            let raw = unit_of.iter().map(|&u| (units[u].start, units[u].end));
            nested(finder, decoded, raw.collect(), &mut spans);
        }
        // Where an escape cut short at the end begins: what it stood for is unknown.
        let broken = if cut {
            unfinished_escape(text).unwrap_or(text.len())
        } else {
            text.len()
        };
        if cut {
            // The longest tail that is a proper start of a secret (before an escape that the
            // cut left unfinished, which goes with it).
            let whole = &units[..units.partition_point(|u| u.end <= broken)];
            for secret in &self.plain {
                let n = secret.len();
                let longest = (1..n.min(whole.len() + 1)).rev().find(|&k| {
                    whole[whole.len() - k..]
                        .iter()
                        .zip(secret)
                        .all(|(u, &c)| u.matches(c))
                });
                if let Some(k) = longest {
                    spans.push((whole[whole.len() - k].start, text.len()));
                }
            }
        }
        if broken < text.len() {
            spans.push((broken, text.len()));
        }
        if spans.is_empty() {
            return Cow::Borrowed(text);
        }
        spans.sort_unstable();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for (start, end) in spans {
            if end <= copied {
                continue;
            }
            if start >= copied {
                out.push_str(&text[copied..start]);
                out.push_str(MASK);
            }
            copied = end;
        }
        out.push_str(&text[copied..]);
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
            let holds_secret = matches!(self.mask_decoded(&decoded, false), Cow::Owned(_));
            if holds_secret || (value_of_secret_key && !is_key) {
                out.push_str(&text[copied..=i]);
                out.push_str(MASK);
                copied = end.min(bytes.len());
            }
            value_of_secret_key = is_key && is_credential_name(&decoded);
            i = end + 1;
        }
        if copied == 0 {
            return Cow::Borrowed(text);
        }
        out.push_str(&text[copied.min(text.len())..]);
        Cow::Owned(out)
    }
}

/// How many levels of encoding the redactor undoes (`%2541` is two). A text encoded more
/// often than that is searched as it reads after this many.
const DECODE_LEVELS: usize = 4;

/// The spans of the raw text whose further decodings of `text` (one level decoded already;
/// `raw`: for each of its bytes, the raw span it came from) hold a secret.
fn nested(
    finder: &aho_corasick::AhoCorasick,
    mut text: String,
    mut raw: Vec<(usize, usize)>,
    spans: &mut Vec<(usize, usize)>,
) {
    for _ in 1..DECODE_LEVELS {
        if !text.bytes().any(|b| matches!(b, b'%' | b'&' | b'\\')) {
            return;
        }
        let units = decode(&text);
        if units.iter().all(|u| u.end - u.start == u.ch.len_utf8()) {
            return;
        }
        let mut decoded = String::with_capacity(text.len());
        let mut from = Vec::with_capacity(text.len());
        for unit in &units {
            decoded.push(unit.ch);
            let span = (raw[unit.start].0, raw[unit.end - 1].1);
            from.resize(decoded.len(), span);
        }
        spans.extend(
            finder
                .find_overlapping_iter(&decoded)
                .map(|m| (from[m.start()].0, from[m.end() - 1].1)),
        );
        (text, raw) = (decoded, from);
    }
}

/// One character of a text as decoded, with the raw bytes it came from.
#[derive(Debug, Clone, Copy)]
struct Unit {
    ch: char,
    start: usize,
    end: usize,
}

impl Unit {
    /// Whether this stands for `c` of a secret: the same character, or a form-encoded space.
    fn matches(&self, c: char) -> bool {
        self.ch == c || (c == ' ' && self.ch == '+' && self.end - self.start == 1)
    }
}

/// `text` decoded one level: percent escapes (UTF-8, either case), HTML character references
/// (numeric, and [`NAMED_REFERENCES`]), JSON escapes. What is not an escape stands for itself.
fn decode(text: &str) -> Vec<Unit> {
    let bytes = text.as_bytes();
    let mut units = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = match bytes[i] {
            b'%' => percent(bytes, i),
            b'&' => reference(text, i),
            b'\\' => json_escape(text, i),
            _ => None,
        };
        let (ch, len) = decoded.unwrap_or_else(|| {
            let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
            (ch, ch.len_utf8())
        });
        units.push(Unit {
            ch,
            start: i,
            end: i + len,
        });
        i += len;
    }
    units
}

/// Where an escape that the end of `text` cut short begins (`&#x00`, `&amp`, `%6`, `\\u00`),
/// if the text ends in one.
fn unfinished_escape(text: &str) -> Option<usize> {
    let at = text.rfind(['&', '%', '\\'])?;
    let rest = text.as_bytes().get(at + 1..)?;
    let unfinished = match text.as_bytes()[at] {
        // A reference before its `;`: `&#`, `&#x`, digits or a name.
        b'&' => {
            let body = rest.strip_prefix(b"#").unwrap_or(rest);
            let body = body
                .strip_prefix(b"x")
                .or(body.strip_prefix(b"X"))
                .unwrap_or(body);
            body.iter().all(u8::is_ascii_alphanumeric)
        }
        b'%' => rest.len() < 2 && rest.iter().all(u8::is_ascii_hexdigit),
        _ => match rest.split_first() {
            None => true,
            Some((b'u', digits)) => digits.len() < 4 && digits.iter().all(u8::is_ascii_hexdigit),
            Some(_) => false,
        },
    };
    unfinished.then_some(at)
}

/// The value of a hex digit.
fn hex(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// One percent-encoded character at `i` (several escapes for a UTF-8 sequence), with its
/// length in the text.
fn percent(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let byte_at = |at: usize| -> Option<u8> {
        if bytes.get(at) != Some(&b'%') {
            return None;
        }
        Some((hex(*bytes.get(at + 1)?)? * 16 + hex(*bytes.get(at + 2)?)?) as u8)
    };
    let lead = byte_at(i)?;
    let len = match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    let mut seq = [lead, 0, 0, 0];
    for (k, slot) in seq.iter_mut().enumerate().take(len).skip(1) {
        *slot = byte_at(i + 3 * k)?;
    }
    let ch = std::str::from_utf8(&seq[..len]).ok()?.chars().next()?;
    Some((ch, 3 * len))
}

/// The named HTML character references of the visible ASCII characters (and a space), as
/// HTML5 names them: what an escaped credential can hold.
#[rustfmt::skip]
const NAMED_REFERENCES: [(&str, char); 42] = [
    ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''), ("nbsp", ' '),
    ("excl", '!'), ("num", '#'), ("dollar", '$'), ("percnt", '%'), ("lpar", '('), ("rpar", ')'),
    ("ast", '*'), ("midast", '*'), ("plus", '+'), ("comma", ','), ("period", '.'), ("sol", '/'),
    ("colon", ':'), ("semi", ';'), ("equals", '='), ("quest", '?'), ("commat", '@'), ("lsqb", '['),
    ("lbrack", '['), ("bsol", '\\'), ("rsqb", ']'), ("rbrack", ']'), ("Hat", '^'), ("lowbar", '_'),
    ("UnderBar", '_'), ("grave", '`'), ("DiacriticalGrave", '`'), ("lcub", '{'), ("lbrace", '{'),
    ("verbar", '|'), ("vert", '|'), ("VerticalLine", '|'), ("rcub", '}'), ("rbrace", '}'),
    ("tilde", '~'), ("DiacriticalTilde", '~'),
];

/// An HTML character reference at `i` (`&#39;`, `&#x0027;`, `&amp;`), with its length. A
/// numeric one may omit its `;`, as browsers read it.
fn reference(text: &str, i: usize) -> Option<(char, usize)> {
    let rest = &text.as_bytes()[i + 1..];
    if rest.first() == Some(&b'#') {
        let (radix, skip) = match rest.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = rest[skip..]
            .iter()
            .take_while(|b| (**b as char).is_digit(radix))
            .count();
        if digits == 0 {
            return None;
        }
        let mut value: u32 = 0;
        for &b in &rest[skip..skip + digits] {
            // Saturates past the last code point: any larger value is no character.
            value = value
                .saturating_mul(radix)
                .saturating_add((b as char).to_digit(radix)?);
        }
        let ch = char::from_u32(value)?;
        let semicolon = usize::from(rest.get(skip + digits) == Some(&b';'));
        return Some((ch, 1 + skip + digits + semicolon));
    }
    let name_len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if rest.get(name_len) != Some(&b';') {
        return None;
    }
    let name = &text[i + 1..i + 1 + name_len];
    NAMED_REFERENCES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, ch)| (ch, name_len + 2))
}

/// A JSON escape at `i` (`\u0065`, a surrogate pair, `\/`), with its length.
fn json_escape(text: &str, i: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let unit = |at: usize| -> Option<u32> {
        if bytes.get(at..at + 2)? != b"\\u" {
            return None;
        }
        let digits = bytes.get(at + 2..at + 6)?;
        digits.iter().try_fold(0u32, |v, &b| Some(v * 16 + hex(b)?))
    };
    match *bytes.get(i + 1)? {
        b'u' => {
            let first = unit(i)?;
            if (0xD800..0xDC00).contains(&first) {
                let low = unit(i + 6).filter(|l| (0xDC00..0xE000).contains(l))?;
                let ch = char::from_u32(0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00))?;
                return Some((ch, 12));
            }
            Some((char::from_u32(first)?, 6))
        }
        b'"' => Some(('"', 2)),
        b'\\' => Some(('\\', 2)),
        b'/' => Some(('/', 2)),
        _ => None,
    }
}

/// A cheap first test of texts that seldom hold a secret (a success's headers and served
/// version), so that the [`Redactor`], which decodes the whole text, runs only on a text it may
/// change: [`Sieve::may_mask`] is `false` only when [`Redactor::redact`] with the same
/// secrets would leave the text as it is.
///
/// It owns what it looks for (a run is at most [`NEEDLE`] bytes), so a policy whose
/// credentials never change makes it once (see `Prepared::sieve`).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Sieve {
    /// A run of ASCII letters and digits of each secret, and its length (0 when it has none).
    runs: [([u8; NEEDLE], u8); 4],
    /// How many `runs` hold one; more secrets than that let every text through.
    len: usize,
    /// The bytes that stop the pass over a text: each run's first byte, `%`, `&`, `\\`, `"`
    /// and `:` (a table, not a set of bits: one load per byte).
    stops: [bool; 256],
}

impl Sieve {
    /// A sieve for these secrets, read as [`Redactor::new`] reads them.
    pub(crate) fn new<'s>(secrets: impl IntoIterator<Item = &'s str>) -> Self {
        let mut sieve = Sieve {
            runs: [([0; NEEDLE], 0); 4],
            len: 0,
            stops: [false; 256],
        };
        for secret in secrets.into_iter().map(strip_scheme) {
            if secret.is_empty() {
                continue;
            }
            if sieve.len == sieve.runs.len() {
                // Too many to keep: the empty run, which every text holds.
                sieve.runs[0].1 = 0;
                break;
            }
            let run = needle(secret).as_bytes();
            let (bytes, len) = &mut sieve.runs[sieve.len];
            bytes[..run.len()].copy_from_slice(run);
            *len = run.len() as u8;
            sieve.len += 1;
        }
        let runs = sieve.runs;
        for &(run, len) in &runs[..sieve.len] {
            if len > 0 {
                sieve.stops[usize::from(run[0])] = true;
            }
        }
        for b in *b"%&\\\":" {
            sieve.stops[usize::from(b)] = true;
        }
        sieve
    }

    /// The runs it looks for.
    fn runs(&self) -> impl Iterator<Item = &[u8]> {
        self.runs[..self.len]
            .iter()
            .map(|(run, len)| &run[..usize::from(*len)])
    }

    /// Whether the redactor may mask something in `text`. A secret as sent, and in every
    /// form the redactor decodes but percent escapes, character references and JSON escapes,
    /// keeps its ASCII letters and digits as they are, in order and together, so such a text
    /// holds each run of them whole; a text with `%`, `&` or `\\` may hold an escaped one. The
    /// JSON strings it decodes may hide a secret behind escapes, and one under a
    /// credential-like key (a colon after a quoted key) is masked whatever it holds: a text
    /// with a quote and a colon is left to the redactor too. One pass over the text, which
    /// stops only at the few bytes that can say so (it runs on every answer's headers).
    pub(crate) fn may_mask(&self, text: &[u8]) -> bool {
        if self.runs().any(<[u8]>::is_empty) {
            return true;
        }
        let (mut quote, mut colon) = (false, false);
        for (at, &b) in text.iter().enumerate() {
            if !self.stops[usize::from(b)] {
                continue;
            }
            match b {
                b'%' | b'&' | b'\\' => return true,
                b'"' => quote = true,
                b':' => colon = true,
                _ => {}
            }
            if self.runs().any(|run| text[at..].starts_with(run)) {
                return true;
            }
        }
        quote && colon
    }
}

/// The first run of [`NEEDLE`] ASCII letters and digits in `secret`, or the longest shorter
/// one (empty when it has none). Any part of such a run will do: every form holds it whole.
fn needle(secret: &str) -> &str {
    let bytes = secret.as_bytes();
    let (mut best, mut at) = (0..0, 0);
    while at < bytes.len() {
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            at += 1;
            if at - start == NEEDLE {
                return &secret[start..at];
            }
        }
        if at - start > best.len() {
            best = start..at;
        }
        at += 1;
    }
    &secret[best]
}

/// How many letters and digits of a secret the sieve looks for (few texts hold 8 of them).
const NEEDLE: usize = 8;

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
    let line = one_line(text);
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

/// A message on one line: control characters become spaces.
pub(crate) fn one_line(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
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
    fn masks_a_secret_encoded_more_than_once() {
        let r = Redactor::new([TOKEN]);
        // Percent-encoded twice (`%` itself escaped), a JSON escape inside an HTML reference,
        // and a percent escape inside a JSON escape, each whole and within other text.
        let twice: String = TOKEN.bytes().map(|b| format!("%25{b:02X}")).collect();
        let html_json = TOKEN.replacen('e', "&#92;u0065", 1);
        let json_percent = TOKEN.replacen('e', r"\u0025\u0036\u0035", 1);
        for (text, want) in [
            (format!("note: {twice}!"), "note: [REDACTED]!".to_owned()),
            (
                format!("<p>{html_json}</p>"),
                "<p>[REDACTED]</p>".to_owned(),
            ),
            (format!("x {json_percent} y"), "x [REDACTED] y".to_owned()),
        ] {
            assert_eq!(r.redact(&text), want, "{text}");
        }
        // Four levels are undone, a fifth is not (the text is kept as it reads at the fourth).
        let encoded = |times: usize| {
            let mut text = TOKEN.to_owned();
            for _ in 0..times {
                text = text.bytes().map(|b| format!("%{b:02X}")).collect();
            }
            text
        };
        assert_eq!(r.redact(&encoded(DECODE_LEVELS)), MASK);
        let five = encoded(DECODE_LEVELS + 1);
        assert_eq!(r.redact(&five), five);
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

        /// The one-pass sieve answers as its definition reads: some run of a secret occurs in
        /// the text, or `%`, `&` or `\\`, or both a quote and a colon.
        #[test]
        fn the_one_pass_sieve_answers_as_its_definition(
            pieces in proptest::collection::vec(0usize..PIECES.len(), 0..6),
            free in "[a-zA-Z0-9 .|%&;:\"\\\\]{0,12}",
            secrets in proptest::collection::vec("[a-z0-9|&]{0,10}", 0..6),
        ) {
            let mut text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            text.push_str(&free);
            let sieve = Sieve::new(secrets.iter().map(String::as_str));
            let bytes = text.as_bytes();
            let runs: Vec<&str> = sieve.runs().map(|r| std::str::from_utf8(r).unwrap()).collect();
            let defined = runs.iter().any(|run| text.contains(run))
                || bytes.iter().any(|b| b"%&\\".contains(b))
                || (text.contains('"') && text.contains(':'));
            proptest::prop_assert_eq!(sieve.may_mask(bytes), defined);
        }
    }

    const PIECES: [&str; 27] = [
        "9001%7cs3%7c01",
        "%65%79%4a%68%62%47%63%69%4f%69",
        "k+y/&#x26;&#x3C;1&#62;",
        "&#x0000039;001|s3|01",
        "9001&verbar;s3&vert;01",
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
        // What it looks for: the first run of 8 letters and digits, or the first longest.
        for (secret, run) in [
            ("9001|85d1c76d-5088", "85d1c76d"),
            ("bench-api-key", "bench"),
            ("ab|abc|xyz", "abc"),
            ("abcdefghijk", "abcdefgh"),
            ("é-abc", "abc"),
            ("&&", ""),
            ("", ""),
        ] {
            assert_eq!(needle(secret), run, "{secret}");
        }
        assert!(Sieve::new(["aaaa", "bbbb", "cccc", "dddd", "eeee"]).may_mask(b"anything"));
        assert!(!Sieve::new(["aaaa", "bbbb", "cccc", "dddd"]).may_mask(b"anything"));
        assert_eq!(needle("ab.cde|f"), "cde");
        assert_eq!(needle("ab.cdefghijklm"), "cdefghij");
        assert_eq!(needle("&&"), "");
    }

    #[test]
    fn escapes_are_decoded_by_rule_not_listed_by_case() {
        let r = Redactor::new(["9001|s3|01", "k+y/&<1>", "a b"]);
        for (text, want) in [
            // Percent escapes, either case, mixed, or every character.
            ("t=9001%7cs3%7C01;", "t=[REDACTED];"),
            ("t=%39%30%30%31%7c%73%33%7c%30%31", "t=[REDACTED]"),
            // HTML references: decimal, hex (either `x`), padded, named.
            ("9001&#124;s3&#x7c;01", "[REDACTED]"),
            ("9001&#X7C;s3&#x000007c;01", "[REDACTED]"),
            ("9001&verbar;s3&vert;01", "[REDACTED]"),
            ("k+y&sol;&amp;&lt;1&gt;", "[REDACTED]"),
            // JSON escapes outside a JSON string, and a form-encoded space.
            ("9001\\u007cs3\\u007C01", "[REDACTED]"),
            ("q=a+b&r=1", "q=[REDACTED]&r=1"),
            // Not a secret: another case of letters, a different character.
            ("9001%7cS3%7c01", "9001%7cS3%7c01"),
            ("9001%7bs3%7c01", "9001%7bs3%7c01"),
        ] {
            assert_eq!(r.redact(text), want, "{text}");
        }
        // A secret that itself reads as an escape is found as sent too.
        assert_eq!(
            Redactor::new(["ab%41"]).redact("x ab%41 y"),
            "x [REDACTED] y"
        );
    }

    #[test]
    fn a_secret_padded_past_the_window_is_masked_at_the_cut() {
        let r = Redactor::new([TOKEN]);
        // Each character of the token as a reference padded with 40 zeros: the window ends
        // inside it, and the start that was read is masked, not kept.
        let padded: String = TOKEN
            .chars()
            .map(|c| format!("&#x{}{:x};", "0".repeat(40), c as u32))
            .collect();
        let kept = r.text(&format!("x {padded}"));
        assert_eq!(kept, "x [REDACTED]…");
    }

    #[test]
    fn json_values_are_masked_in_strings_keys_and_under_credential_keys() {
        let r = Redactor::new(["9001|s3|01"]);
        let mut value = serde_json::json!({
            "note": "session 9001%7Cs3%7C01 echoed",
            "9001|s3|01": 1,
            "nested": [{"api_key": "other"}, {"n": 2, "s": "clean"}],
        });
        assert!(r.mask_value(&mut value));
        assert_eq!(
            value,
            serde_json::json!({
                "note": "session [REDACTED] echoed",
                "[REDACTED]": 1,
                "nested": [{"api_key": "[REDACTED]"}, {"n": 2, "s": "clean"}],
            })
        );
        assert!(!r.mask_value(&mut serde_json::json!({"a": ["b", 1, null]})));
    }

    #[test]
    fn every_one_of_a_thousand_secrets_is_found_in_plain_and_escaped_forms() {
        let secrets: Vec<String> = (0..1_000).map(|i| format!("9001|s{i:04}x|0001")).collect();
        let r = Redactor::new(secrets.iter().map(String::as_str));
        // Every tenth secret, plain, percent-escaped or HTML-escaped, among clean text.
        let mut text = String::new();
        for (i, secret) in secrets.iter().enumerate().step_by(10) {
            let form = match i % 3 {
                0 => secret.clone(),
                1 => secret.replace('|', "%7c"),
                _ => secret.replace('|', "&#124;"),
            };
            text.push_str(&format!("clean-{i} {form} "));
        }
        let masked = r.redact(&text);
        assert_eq!(masked.matches(MASK).count(), 100);
        assert!(!masked.contains("9001"), "{masked}");
        assert_eq!(masked.matches("clean-").count(), 100);
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
