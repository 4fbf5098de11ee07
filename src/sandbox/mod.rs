//! An in-process HTTP server that plays CRO, PDM and Foxtrot, for quickstarts and for your
//! own tests — no credentials, no network.
//!
//! One server answers all three vendors at its root (their paths do not collide): CRO at
//! `/customers/...`, PDM at `/GetSessionToken` and `/GetCustomer`, Foxtrot at `/dcs/...`. Its
//! data comes from the examples in `specs/`, so a spec change changes the sandbox. It behaves as
//! the vendors' docs say: CRO checks the bearer token against the documented pattern, the tenant
//! and the version, answers in the shape of the requested version and really deactivates; PDM
//! issues expiring session tokens and answers its status codes in the body; Foxtrot wraps
//! answers in its envelope. Any well-formed credential is accepted.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use customer_apis::sandbox::Sandbox;
//!
//! let sandbox = Sandbox::start().await?; // an ephemeral port; stopped when dropped
//! let cro = sandbox.cro_client().build()?;
//! let customer = cro.get_customer(1).await?;
//! assert_eq!(customer.name, "George Jones!!!?");
//! # Ok(()) }
//! ```
//!
//! # What triggers each documented error
//!
//! | Vendor | Request | Answer |
//! |---|---|---|
//! | CRO | `Authorization` missing or not matching the documented pattern | 401 |
//! | CRO | `x-tenant-id` missing or not an integer; unknown `x-api-version` | 400 |
//! | CRO | tenant [`CRO_FORBIDDEN_TENANT`] (403) | 403 (not assigned to that tenant) |
//! | CRO | a customer, contact or location other than the seeded ones | 404 |
//! | CRO | `Accept` that excludes `application/json` | 406 |
//! | CRO | customer [`CRO_CONFLICT_CUSTOMER`] (409) | 409 |
//! | CRO | customer [`CRO_RATE_LIMITED_CUSTOMER`] (429) | 429 with `Retry-After: 1` (not documented by CRO; for retry tests) |
//! | CRO | customer [`CRO_FAILING_CUSTOMER`] (500) | 500 |
//! | PDM | missing field (no key, no company, lookup with neither id nor reference) | status 301 |
//! | PDM | company id 0 or negative | status 201 |
//! | PDM | API key [`PDM_INVALID_API_KEY`], or an unknown or expired session token | status 202 |
//! | PDM | company [`PDM_BLOCKED_COMPANY`] (204) | status 204 (IP address not approved) |
//! | PDM | customer id 205 | status 205 (rate limit) |
//! | PDM | external reference over 50 characters | status 302 |
//! | PDM | a field of the wrong JSON type | status 303 |
//! | PDM | a customer other than 1408 / `EXTREF164736` | status 401 |
//! | PDM | customer id 500 | status 500 |
//! | Foxtrot | no bearer API key | 401 |
//! | Foxtrot | a DC other than `Foxtrot-DC` | 403 |
//! | Foxtrot | a customer other than `johns-burger-shack` and [`FOXTROT_NOT_CONFIDENT_CUSTOMER`] | 404 |
//! | Foxtrot | confident location of [`FOXTROT_NOT_CONFIDENT_CUSTOMER`] | 400, code 7001 |
//!
//! Seeded data: CRO customer 1 with contact 1 and locations 1, 2, 20 and 21 (the docs'
//! sample); PDM company 9001's sample session token
//! `9001|85d1c76d-5088-4cbe-a681-f3a86594dac9|0001` (never expires) and customer 1408 /
//! `EXTREF164736`; Foxtrot DC `Foxtrot-DC` with customer `johns-burger-shack`. And one customer
//! linked across the three vendors ([`Seed::linked_customer`]): CRO `7`, PDM `2001` / `CRO-7`,
//! Foxtrot `cro-7` in `Foxtrot-DC`, the same person (Ada Lovelace) at the same address.
//!
//! # A test bench for your app
//!
//! - **Every operation of the specs** is answered: an operation without a handler of its own
//!   gets the vendor's checks (CRO token, tenant and version; Foxtrot key and DC; PDM session),
//!   then a seeded record or the spec's 200 example. Another method on a documented path is 405.
//! - **Your records**: [`Seed`], [`Sandbox::start_with_seed`], `customer-apis sandbox --seed FILE`.
//! - **Faults on demand**: [`Sandbox::fault`] with a [`Fault`], for N calls or always. A fault
//!   for zero calls applies to no call: [`Fault::times`]`(0)` is accepted and never applies
//!   (not set, not listed), and `POST /__sandbox/faults` refuses `"times": 0` with
//!   `400 Bad Request` naming `times` (to apply a fault to every call, leave `times` out).
//! - **What was sent**: [`Sandbox::requests`], credentials redacted when recorded: every value
//!   under a credential-like name in headers, the query, form and JSON bodies, `name=value`
//!   and `name: value` pairs in text, and the credentials the sandbox issued or samples, wherever
//!   they appear (see [`RecordedRequest`]).
//! - **OAuth**: a token endpoint for CRO's refresh-token grant, [`Sandbox::oauth_token_url`],
//!   [`Sandbox::set_oauth`].
//!
//! A path no vendor documents answers `404` with the text `no vendor documents this path` and
//! an `x-api-version` header, as CRO documents on every answer: the request's `x-api-version`
//! if it is one of CRO's documented versions, else the version CRO applies to a request that
//! names none (`2019/02/08`, the docs' samples').
//!
//! # Loopback hosts only
//!
//! The sandbox answers only requests addressed to loopback: a `Host` (and, if the request
//! target is absolute, its host) of `localhost`, an IPv4 literal in 127.0.0.0/8 or `[::1]`,
//! any case, any port. Any other host gets `403 Forbidden` with a short text, on every path
//! (vendor routes and the control API alike) and before the request is recorded, so that a
//! web page cannot reach the sandbox, or read its request log, by DNS rebinding (its own name
//! made to resolve to 127.0.0.1). `x.localhost` and `localhost.` are other names. HTTP/1.1
//! requires a `Host`: a request without one, or with several, gets `400 Bad Request`; an
//! HTTP/1.0 request may omit it and is answered (a browser always sends one). To answer
//! another name (a container's or VM's host name, a LAN address),
//! [`SandboxBuilder::allow_host`] or `customer-apis sandbox --allow-host NAME` (repeatable).
//!
//! The standalone sandbox has a control API under the reserved prefix `/__sandbox/` (no vendor
//! path starts with it):
//!
//! | Request | Effect |
//! |---|---|
//! | `GET /__sandbox/requests` | the requests received, as [`RecordedRequest`]s in JSON |
//! | `DELETE /__sandbox/requests` | forgets them |
//! | `POST /__sandbox/faults` | adds a [`Fault`] (JSON: `{"operation", "params", "times", "kind", ...}`; `"times": 0` is refused, 400) |
//! | `GET /__sandbox/faults` / `DELETE /__sandbox/faults` | lists / clears them |
//! | `PUT /__sandbox/oauth` | sets the token endpoint's [`OAuthSettings`] |
//! | `POST /__sandbox/reset` | back to how it started but for the seed: vendors' state, requests, faults, OAuth (as [`Sandbox::reset`]) |
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use customer_apis::sandbox::{Fault, FaultKind, Sandbox};
//! use customer_apis::{ErrorKind, RetryPolicy};
//!
//! let sandbox = Sandbox::start().await?;
//! let cro = sandbox.cro_client().retry_policy(RetryPolicy::disabled()).build()?;
//! sandbox.fault(Fault::new("getCustomer", FaultKind::ApiVersion { version: "2019/02/08".into() }).times(1));
//! let err = cro.get_customer(7).await.unwrap_err(); // the answer names another version
//! assert_eq!(err.kind(), ErrorKind::VersionMismatch);
//! assert_eq!(cro.get_customer(7).await?.name, "Ada Lovelace");
//! assert_eq!(sandbox.requests().len(), 2);
//! # Ok(()) }
//! ```

// A handler's early answer is a whole `Response`; boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

use std::net::SocketAddr;

use serde_json::Value;

mod cro;
mod faults;
mod foxtrot;
mod generic;
mod hosts;
mod oauth;
mod pdm;
mod seed;
mod verdict;
mod yaml;

pub use seed::{Seed, SeedError};

pub use faults::{Fault, FaultKind};
pub use oauth::{OAuthSettings, CRO_REFRESH_TOKEN, OAUTH_TOKEN_PATH};

/// The port the vendors' own code samples use, and the standalone sandbox's default.
pub const DEFAULT_PORT: u16 = 8003;
/// CRO tenant the caller is "not assigned to": answers 403.
pub const CRO_FORBIDDEN_TENANT: i64 = 403;
/// CRO customer whose every request answers 409.
pub const CRO_CONFLICT_CUSTOMER: i64 = 409;
/// CRO customer whose every request answers 429 with `Retry-After: 1`.
pub const CRO_RATE_LIMITED_CUSTOMER: i64 = 429;
/// CRO customer whose every request answers 500.
pub const CRO_FAILING_CUSTOMER: i64 = 500;
/// PDM API key that GetSessionToken refuses with status 202.
pub const PDM_INVALID_API_KEY: &str = "invalid-api-key";
/// PDM company whose requests answer status 204 (IP address not approved).
pub const PDM_BLOCKED_COMPANY: i64 = 204;
/// The PDM docs' sample session token, valid for company 9001 without expiry.
pub const PDM_SAMPLE_SESSION_TOKEN: &str = "9001|85d1c76d-5088-4cbe-a681-f3a86594dac9|0001";
/// Foxtrot customer that exists but whose location is not confident (code 7001).
pub const FOXTROT_NOT_CONFIDENT_CUSTOMER: &str = "not-confident";
/// A bearer token that matches CRO's documented pattern, for the sandbox.
pub const CRO_SAMPLE_TOKEN: &str = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzYW5kYm94In0.c2FuZGJveA";

/// The spec of the vendor called `vendor` (one of [`crate::vendors::VENDORS`]), parsed once
/// for the process, as build.rs saw it; `null` (which documents nothing) for a name that is no
/// vendor.
pub(crate) fn spec_ref(vendor: &str) -> &'static Value {
    static SPECS: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    static NONE: Value = Value::Null;
    let vendors = crate::vendors::VENDORS;
    let specs = SPECS.get_or_init(|| {
        let parse = |v: &crate::vendors::Vendor| serde_json::from_str(v.spec_json);
        vendors
            .iter()
            .map(|v| parse(v).unwrap_or(Value::Null))
            .collect()
    });
    vendors
        .iter()
        .position(|v| v.vendor.key() == vendor)
        .map_or(&NONE, |i| &specs[i])
}

/// A copy of [`spec_ref`]'s spec, for a vendor's routes to own.
pub(crate) fn spec(vendor: &str) -> Value {
    spec_ref(vendor).clone()
}

/// The 200 example of an operation (the `example`, or the first of `examples` with `code` 101
/// for PDM), as the spec has it.
pub(crate) fn example(spec: &Value, path: &str, method: &str) -> Value {
    let media = &spec["paths"][path][method]["responses"]["200"]["content"]["application/json"];
    if let Some(example) = media.get("example") {
        return example.clone();
    }
    media["examples"]
        .as_object()
        .and_then(|all| {
            all.values()
                .map(|e| &e["value"])
                .find(|v| v["status"]["code"].as_i64().is_none_or(|c| c == 101))
        })
        .cloned()
        .unwrap_or(Value::Null)
}

/// How a request matches a spec's operations.
pub(crate) enum SpecMatch {
    /// An operation: its path template, its path parameters by name and its 200 example.
    Operation {
        template: String,
        params: std::collections::BTreeMap<String, String>,
        example: Value,
    },
    /// A documented path, but not with this method: the methods it has (upper case).
    OtherMethods(Vec<String>),
    /// No documented path.
    Unknown,
}

/// Finds the operation of `spec` that `method` on `path` calls (a template's `{name}` matches
/// one non-empty segment).
pub(crate) fn match_operation(spec: &Value, method: &str, path: &str) -> SpecMatch {
    let Some(paths) = spec["paths"].as_object() else {
        return SpecMatch::Unknown;
    };
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    for (template, item) in paths {
        let parts: Vec<&str> = template.split('/').collect();
        if parts.len() != segments.len() {
            continue;
        }
        let mut params = std::collections::BTreeMap::new();
        let fits = parts.iter().zip(&segments).all(|(part, segment)| {
            match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(name) if !segment.is_empty() => {
                    let value = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
                    params.insert(name.to_owned(), value.into_owned());
                    true
                }
                Some(_) => false,
                None => part == segment,
            }
        });
        if !fits {
            continue;
        }
        let lower = method.to_ascii_lowercase();
        if item.get(&lower).is_some() {
            return SpecMatch::Operation {
                template: template.clone(),
                params,
                example: example(spec, template, &lower),
            };
        }
        let methods = ["get", "put", "post", "delete", "patch", "head", "options"];
        let allowed = methods
            .iter()
            .filter(|m| item.get(**m).is_some())
            .map(|m| m.to_ascii_uppercase())
            .collect();
        return SpecMatch::OtherMethods(allowed);
    }
    SpecMatch::Unknown
}

/// One request the sandbox received, as an app's test would assert on it, with every
/// credential `[REDACTED]` (masked once, when it is recorded):
///
/// - the values of `authorization`, `cookie` and any header, query parameter, form field or JSON
///   field (at any depth) whose name names a credential (`*token*`, `*key*`, `*secret*`,
///   `*password*`, `*authorization*`, `*credential*`: `session_token`, `x-api-key`,
///   `client_secret`...), keeping the shape (`grant_type=refresh_token&refresh_token=[REDACTED]`);
/// - in other header values, JSON strings and text bodies, every `name=value` or `name: value`
///   whose name names a credential;
/// - anywhere, the credentials the sandbox issued (its OAuth endpoint's access and refresh
///   tokens and PDM's session tokens, the last [`MAX_REMEMBERED_CREDENTIALS`]) and its samples
///   ([`CRO_SAMPLE_TOKEN`], [`CRO_REFRESH_TOKEN`], [`PDM_SAMPLE_SESSION_TOKEN`], the client
///   builders' `sandbox-api-key`), plain or encoded.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The HTTP method.
    pub method: String,
    /// The path and query, as sent but for credentials.
    pub path: String,
    /// Header names (lower case) and values, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body: JSON as sent, a form (`application/x-www-form-urlencoded`) or other text as a
    /// string, `null` when empty.
    pub body: Value,
    /// The vendor whose spec documents the method and path (its key, `cro`), if one does.
    pub vendor: Option<String>,
    /// That operation's `operationId` (`getCustomer`), if a spec documents the method and
    /// path; `None` for the OAuth token endpoint and undocumented paths.
    pub operation: Option<String>,
    /// The spec's verdict on the request: what it breaks of the operation's documented
    /// headers (`header.x-tenant-id`), query parameters (`query.limit`) and body
    /// (`body.external_customer_ref`), each with the rule and never the value. Empty when the
    /// request is as documented (the SDK's always are) or no spec documents it.
    pub departures: Vec<crate::Departure>,
    /// The body's size as received, which the log's byte budget counts.
    #[serde(skip)]
    body_bytes: usize,
}

impl RecordedRequest {
    /// The value of header `name` (any case), if it was sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The most requests kept (the oldest go first).
pub const MAX_RECORDED_REQUESTS: usize = 10_000;

/// The largest body the log keeps as sent; a larger one is recorded as its size alone (it is
/// still served, up to the 1 MiB the sandbox reads).
pub const MAX_RECORDED_BODY: usize = 64 * 1024;

/// The most body bytes the log keeps in all: past them it drops its oldest requests, so that
/// what an app sends cannot make the log grow without end.
pub const MAX_RECORDED_BODY_BYTES: usize = 16 * 1024 * 1024;

/// The most credentials issued by the sandbox that the log remembers to mask wherever they
/// appear (the oldest are forgotten first; fields named like a credential are masked anyway).
pub const MAX_REMEMBERED_CREDENTIALS: usize = 1_000;

/// The API key the sandbox's client builders send.
const SANDBOX_API_KEY: &str = "sandbox-api-key";

/// The requests received, oldest first.
type RequestLog = std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<RecordedRequest>>>;

/// A credential's value as the log shows it.
const REDACTED: &str = "[REDACTED]";

/// The credentials the sandbox issued, for the log to mask wherever they appear.
#[derive(Clone, Default)]
pub(crate) struct Issued(std::sync::Arc<std::sync::Mutex<IssuedInner>>);

#[derive(Default)]
struct IssuedInner {
    /// The last [`MAX_REMEMBERED_CREDENTIALS`] issued, oldest first.
    secrets: std::collections::VecDeque<String>,
    /// A redactor for them and the samples, built when first needed after a change.
    redactor: Option<std::sync::Arc<crate::redact::Redactor>>,
}

impl Issued {
    /// Remembers a credential the sandbox just issued.
    pub(crate) fn add(&self, secret: &str) {
        let mut inner = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if inner.secrets.len() == MAX_REMEMBERED_CREDENTIALS {
            inner.secrets.pop_front();
        }
        inner.secrets.push_back(secret.to_owned());
        inner.redactor = None;
    }

    /// A redactor for every credential remembered and the sandbox's samples.
    fn redactor(&self) -> std::sync::Arc<crate::redact::Redactor> {
        let mut inner = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(redactor) = &inner.redactor {
            return redactor.clone();
        }
        let samples = [
            CRO_SAMPLE_TOKEN,
            CRO_REFRESH_TOKEN,
            PDM_SAMPLE_SESSION_TOKEN,
            SANDBOX_API_KEY,
        ];
        let redactor = std::sync::Arc::new(crate::redact::Redactor::new(
            samples
                .into_iter()
                .chain(inner.secrets.iter().map(String::as_str)),
        ));
        inner.redactor = Some(redactor.clone());
        redactor
    }
}

impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Issued([REDACTED])")
    }
}

/// The log's entry for a request: the one place the log is redacted (see [`RecordedRequest`]).
fn recorded(
    parts: &axum::http::request::Parts,
    body: &[u8],
    known: &crate::redact::Redactor,
) -> RecordedRequest {
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let shown = if crate::redact::is_credential_name(name.as_str()) {
                REDACTED.to_owned()
            } else {
                masked_text(&String::from_utf8_lossy(value.as_bytes()), known)
            };
            (name.as_str().to_owned(), shown)
        })
        .collect();
    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
    let path = match target.split_once('?') {
        Some((path, query)) => format!("{path}?{}", masked_form(query)),
        None => target,
    };
    let path = known.redact(&path).into_owned();
    let raw = body;
    let body = if body.is_empty() {
        Value::Null
    } else if body.len() > MAX_RECORDED_BODY {
        Value::String(format!(
            "[a body of {} bytes, not kept: the log keeps bodies of at most {MAX_RECORDED_BODY}]",
            body.len()
        ))
    } else if is_form(&parts.headers) {
        Value::String(
            known
                .redact(&masked_form(&String::from_utf8_lossy(body)))
                .into_owned(),
        )
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(mut json) => {
                redact_json(&mut json, known);
                json
            }
            Err(_) => Value::String(masked_text(&String::from_utf8_lossy(body), known)),
        }
    };
    let method = parts.method.as_str();
    let found = operation_of(method, parts.uri.path());
    let departures = found
        .as_ref()
        .map_or_else(Vec::new, |(vendor, template, id)| {
            let at = (
                id.as_str(),
                template.as_str(),
                &*method.to_ascii_lowercase(),
            );
            verdict::verdict(vendor, at, parts, raw, known)
        });
    let (vendor, operation) = found
        .map(|(vendor, _, id)| (vendor.vendor.key().to_owned(), id))
        .unzip();
    RecordedRequest {
        method: parts.method.as_str().to_owned(),
        path,
        headers,
        body,
        vendor,
        operation,
        departures,
        body_bytes: raw.len().min(MAX_RECORDED_BODY),
    }
}

/// The vendor, path template and `operationId` of the operation `method` on `path` calls, if
/// a spec documents it.
fn operation_of(
    method: &str,
    path: &str,
) -> Option<(&'static crate::vendors::Vendor, String, String)> {
    crate::vendors::VENDORS.iter().find_map(|v| {
        let spec = spec_ref(v.vendor.key());
        let SpecMatch::Operation { template, .. } = match_operation(spec, method, path) else {
            return None;
        };
        let id = spec["paths"][&template][method.to_ascii_lowercase()]["operationId"].as_str()?;
        Some((v, template, id.to_owned()))
    })
}

/// Whether the request says its body is `application/x-www-form-urlencoded`.
fn is_form(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| {
            essence
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// A form or query string with the value of every field named like a credential masked, in
/// the same shape (`a=1&refresh_token=[REDACTED]`); then any other `name=value` inside a value.
fn masked_form(form: &str) -> String {
    let fields: Vec<String> = form
        .split('&')
        .map(|field| {
            let Some((name, value)) = field.split_once('=') else {
                return field.to_owned();
            };
            let decoded = url::form_urlencoded::parse(field.as_bytes())
                .next()
                .map(|(n, _)| n.into_owned())
                .unwrap_or_default();
            if !value.is_empty() && crate::redact::is_credential_name(&decoded) {
                format!("{name}={REDACTED}")
            } else {
                field.to_owned()
            }
        })
        .collect();
    masked_pairs(&fields.join("&")).into_owned()
}

/// Text with its credential pairs and the known credentials masked.
fn masked_text(text: &str, known: &crate::redact::Redactor) -> String {
    known.redact(&masked_pairs(text)).into_owned()
}

/// Whether `byte` can be part of a pair's name (`api_key`, `x-api-key`, `a%5Fkey`, `a[key]`).
fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.' | b'%' | b'[' | b']')
}

/// Text with the value of every `name=value` and `name: value` whose name names a credential
/// masked. A value runs to the next `&`, `;`, `,`, space, quote or angle bracket after `=`, to
/// the end of the line after `:`, or to the closing quote when it is quoted.
fn masked_pairs(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let sep = bytes[i];
        if sep != b'=' && sep != b':' {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > copied && is_name_byte(bytes[start - 1]) {
            start -= 1;
        }
        let name = &text[start..i];
        let decoded = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
        if name.is_empty() || !crate::redact::is_credential_name(&decoded) {
            i += 1;
            continue;
        }
        let mut from = i + 1;
        if sep == b':' {
            while from < bytes.len() && matches!(bytes[from], b' ' | b'\t') {
                from += 1;
            }
        }
        let (from, to) = match bytes.get(from) {
            Some(&quote @ (b'"' | b'\'')) => {
                let open = from + 1;
                let close = bytes[open..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(bytes.len(), |p| open + p);
                (open, close)
            }
            _ => {
                let ends: &[u8] = if sep == b'=' {
                    b"&;, \t\r\n\"'<>"
                } else {
                    b"\r\n"
                };
                let len = bytes[from..]
                    .iter()
                    .position(|b| ends.contains(b))
                    .unwrap_or(bytes.len() - from);
                (from, from + len)
            }
        };
        if to > from && &text[from..to] != REDACTED {
            out.push_str(&text[copied..from]);
            out.push_str(REDACTED);
            copied = to;
        }
        i = to.max(i + 1);
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// `value` with every value under a credential-like key masked, at any depth, and every other
/// string as [`masked_text`] has it.
fn redact_json(value: &mut Value, known: &crate::redact::Redactor) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if crate::redact::is_credential_name(key) && !v.is_null() {
                    *v = Value::String(REDACTED.to_owned());
                } else {
                    redact_json(v, known);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact_json(v, known)),
        Value::String(text) => {
            let masked = masked_text(text, known);
            if masked != *text {
                *text = masked;
            }
        }
        _ => {}
    }
}

/// Records every request but the control API's (`/__sandbox/...`), then serves it.
async fn record(
    log: RequestLog,
    issued: Issued,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path();
    if path.starts_with(CONTROL_PREFIX) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return axum::response::IntoResponse::into_response((
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "the sandbox reads bodies of at most 1 MiB",
        ));
    };
    let entry = recorded(&parts, &bytes, &issued.redactor());
    {
        let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
        if log.len() == MAX_RECORDED_REQUESTS {
            log.pop_front();
        }
        log.push_back(entry);
        let mut kept: usize = log.iter().map(|r| r.body_bytes).sum();
        while kept > MAX_RECORDED_BODY_BYTES && log.len() > 1 {
            kept -= log.pop_front().map_or(0, |r| r.body_bytes);
        }
    }
    next.run(axum::extract::Request::from_parts(
        parts,
        axum::body::Body::from(bytes),
    ))
    .await
}

/// The reserved prefix of the sandbox's control API; no vendor path starts with it.
pub const CONTROL_PREFIX: &str = "/__sandbox/";

/// The control API: `GET /__sandbox/requests` (the log as JSON), `DELETE /__sandbox/requests`
/// (empties it).
fn control(log: RequestLog) -> axum::Router {
    let read = log.clone();
    axum::Router::new().route(
        "/__sandbox/requests",
        axum::routing::get(move || {
            let log = read.clone();
            async move {
                let log = log.lock().unwrap_or_else(|p| p.into_inner());
                axum::Json(log.iter().cloned().collect::<Vec<_>>())
            }
        })
        .delete(move || {
            let log = log.clone();
            async move {
                log.lock().unwrap_or_else(|p| p.into_inner()).clear();
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    )
}

/// `PUT /__sandbox/oauth`: the token endpoint's [`OAuthSettings`] as JSON.
fn oauth_control(oauth: oauth::SharedOAuth) -> axum::Router {
    axum::Router::new().route(
        "/__sandbox/oauth",
        axum::routing::put(move |settings: axum::Json<OAuthSettings>| {
            let oauth = oauth.clone();
            async move {
                oauth.lock().unwrap_or_else(|p| p.into_inner()).settings = settings.0;
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    )
}

/// The answer to an operation of `vendor`'s spec: a seeded record whose params match, wrapped
/// as the vendor answers (see [`seed::wrap`]), else the spec's example.
pub(crate) fn seeded_answer(
    seed: &Seed,
    vendor: &str,
    spec: &Value,
    template: &str,
    method: &str,
    params: &std::collections::BTreeMap<String, String>,
    example: Value,
) -> Value {
    let op_id = spec["paths"][template][method.to_ascii_lowercase()]["operationId"]
        .as_str()
        .unwrap_or_default();
    let operations = crate::vendors::named(vendor).map_or(&[][..], |v| v.operations);
    let result = operations
        .iter()
        .find(|o| o.id == op_id)
        .map_or("", |o| o.result);
    match seed.find(vendor, op_id, params) {
        Some(body) => seed::wrap(&example, result, body.clone()),
        None => example,
    }
}

/// A running sandbox. Stopped when dropped.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    log: RequestLog,
    faults: faults::Faults,
    oauth: oauth::SharedOAuth,
    live: std::sync::Arc<Live>,
}

/// The router in service, swapped for a fresh one by [`Sandbox::reset`]: the vendors' state
/// (CRO's deactivations and the versions each token used, PDM's sessions) lives in it.
struct Live {
    router: std::sync::RwLock<axum::Router>,
    build: Box<dyn Fn() -> axum::Router + Send + Sync>,
}

impl Live {
    /// Serves `request` with the router in service, or resets (`POST /__sandbox/reset`).
    async fn serve(
        self: std::sync::Arc<Self>,
        reset: impl FnOnce(),
        request: axum::extract::Request,
    ) -> axum::response::Response {
        use axum::response::IntoResponse;
        if request.uri().path() == RESET_PATH {
            if request.method() != axum::http::Method::POST {
                return axum::http::StatusCode::METHOD_NOT_ALLOWED.into_response();
            }
            reset();
            return axum::http::StatusCode::NO_CONTENT.into_response();
        }
        let mut router = self
            .router
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        type Service = dyn tower_service::Service<
                axum::extract::Request,
                Response = axum::response::Response,
                Error = std::convert::Infallible,
                Future = axum::routing::future::RouteFuture<std::convert::Infallible>,
            > + Send;
        let service: &mut Service = &mut router;
        let ready = std::future::poll_fn(|cx| service.poll_ready(cx));
        match ready.await {
            Ok(()) => match service.call(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            },
            Err(never) => match never {},
        }
    }

    fn rebuild(&self) {
        *self.router.write().unwrap_or_else(|p| p.into_inner()) = (self.build)();
    }
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Live")
    }
}

/// `POST` here resets the standalone sandbox (see [`Sandbox::reset`]).
const RESET_PATH: &str = "/__sandbox/reset";

/// Settings of a [`Sandbox`] before it starts: [`Sandbox::builder`].
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `start` is called"]
pub struct SandboxBuilder {
    addr: SocketAddr,
    seed: Seed,
    allowed_hosts: Vec<String>,
}

impl SandboxBuilder {
    /// The address to listen on (default `127.0.0.1:0`, an ephemeral loopback port).
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Your records, served beside the samples and the default seed (see
    /// [`Sandbox::start_with_seed`]); replaces records given before.
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seed = seed;
        self
    }

    /// Also answer requests whose `Host` (or absolute request target) names `name`, any case,
    /// any port: a host name (`devbox.internal`) or an IP literal (`192.168.1.20`, `[fd00::1]`),
    /// without scheme or port. Call it once per name. Without it the sandbox answers loopback
    /// names only (`localhost`, `127.x.y.z`, `[::1]`) and `403 Forbidden` to any other, so that a
    /// web page cannot reach it by DNS rebinding; allow only names you control. A name that is
    /// no host name makes [`start`](Self::start) fail with
    /// [`InvalidInput`](std::io::ErrorKind::InvalidInput), naming it.
    pub fn allow_host(mut self, name: impl Into<String>) -> Self {
        self.allowed_hosts.push(name.into());
        self
    }

    /// Starts the sandbox.
    pub async fn start(self) -> std::io::Result<Sandbox> {
        let allowed = hosts::AllowedHosts::new(&self.allowed_hosts)?;
        Sandbox::launch(self.addr, self.seed, allowed).await
    }
}

impl Sandbox {
    /// Starts on an ephemeral loopback port, with the specs' samples and the default seed
    /// ([`Seed::linked_customer`]).
    pub async fn start() -> std::io::Result<Sandbox> {
        Sandbox::builder().start().await
    }

    /// Starts on an ephemeral loopback port with your records too (see [`Seed`]): they are
    /// served beside the samples and the default seed, and a later record wins over an earlier
    /// one with the same parameters.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use customer_apis::sandbox::{Sandbox, Seed};
    ///
    /// let seed = Seed::from_text(r#"
    /// foxtrot:
    ///   getCustomer:
    ///     - params: {dc_id: Foxtrot-DC, customer_id: cust-9}
    ///       body: {id: cust-9, name: Grace Hopper, imported_address: "1 Navy Way",
    ///              imported_location: null, inferred_location: null}
    /// "#)?;
    /// let sandbox = Sandbox::start_with_seed(seed).await?;
    /// let fox = sandbox.foxtrot_client().build()?;
    /// assert_eq!(fox.get_customer("Foxtrot-DC", "cust-9").await?.name, "Grace Hopper");
    /// # Ok(()) }
    /// ```
    pub async fn start_with_seed(seed: Seed) -> std::io::Result<Sandbox> {
        Sandbox::builder().seed(seed).start().await
    }

    /// Starts on `addr` (the standalone sandbox uses `127.0.0.1:8003`).
    pub async fn bind(addr: SocketAddr) -> std::io::Result<Sandbox> {
        Sandbox::builder().addr(addr).start().await
    }

    /// Starts on `addr` with your records too (see [`Sandbox::start_with_seed`]).
    pub async fn bind_with_seed(addr: SocketAddr, seed: Seed) -> std::io::Result<Sandbox> {
        Sandbox::builder().addr(addr).seed(seed).start().await
    }

    /// A sandbox with more settings: its address, your records, and the host names it answers
    /// besides loopback (see [`SandboxBuilder::allow_host`]).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use customer_apis::sandbox::Sandbox;
    ///
    /// // Also answers `Host: devbox.internal` (a name that resolves to this machine).
    /// let sandbox = Sandbox::builder().allow_host("devbox.internal").start().await?;
    /// # drop(sandbox);
    /// # Ok(()) }
    /// ```
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            seed: Seed::default(),
            allowed_hosts: Vec::new(),
        }
    }

    async fn launch(
        addr: SocketAddr,
        seed: Seed,
        allowed: hosts::AllowedHosts,
    ) -> std::io::Result<Sandbox> {
        let seed = std::sync::Arc::new(Seed::linked_customer().and(seed));
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
        let log = RequestLog::default();
        let faults = faults::Faults::default();
        let oauth = oauth::SharedOAuth::default();
        let issued = Issued::default();
        let (l, f, o) = (log.clone(), faults.clone(), oauth.clone());
        let build = move || {
            router(
                l.clone(),
                f.clone(),
                o.clone(),
                seed.clone(),
                issued.clone(),
            )
        };
        let live = std::sync::Arc::new(Live {
            router: std::sync::RwLock::new(build()),
            build: Box::new(build),
        });
        let resets = (live.clone(), log.clone(), faults.clone(), oauth.clone());
        let app = axum::Router::new()
            .fallback(move |request: axum::extract::Request| {
                let (live, log, faults, oauth) = resets.clone();
                let reset = move || reset(&live, &log, &faults, &oauth);
                resets.0.clone().serve(reset, request)
            })
            .layer(axum::middleware::from_fn(move |request, next| {
                hosts::check(allowed.clone(), request, next)
            }));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stop.await;
                })
                .await;
        });
        Ok(Sandbox {
            addr,
            shutdown: Some(shutdown),
            task: Some(task),
            log,
            faults,
            oauth,
            live,
        })
    }

    /// Back to how it started, for the next test on the same sandbox: the vendors' state
    /// (CRO's deactivated locations and the versions tokens used, PDM's sessions), the request
    /// log, the faults and the OAuth endpoint's settings and tokens. The seed stays. The
    /// standalone sandbox does the same on `POST /__sandbox/reset`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use customer_apis::sandbox::{Fault, FaultKind, Sandbox};
    ///
    /// let sandbox = Sandbox::start().await?;
    /// let cro = sandbox.cro_client().build()?;
    /// sandbox.fault(Fault::new("getCustomer", FaultKind::Status { status: 503 }));
    /// assert!(cro.get_customer(1).await.is_err());
    /// sandbox.reset();
    /// assert!(sandbox.requests().is_empty());
    /// assert_eq!(cro.get_customer(1).await?.id, 1);
    /// # Ok(()) }
    /// ```
    pub fn reset(&self) {
        reset(&self.live, &self.log, &self.faults, &self.oauth);
    }

    /// Every request received so far (at most [`MAX_RECORDED_REQUESTS`], oldest first), with
    /// credentials redacted: what your app sent, for your test to assert on. The standalone
    /// sandbox serves the same at `GET /__sandbox/requests`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = customer_apis::sandbox::Sandbox::start().await?;
    /// sandbox.cro_client().build()?.get_customer(1).await?;
    /// let sent = sandbox.requests();
    /// assert_eq!(sent.len(), 1);
    /// assert_eq!(sent[0].path, "/customers/1");
    /// assert_eq!(sent[0].header("x-tenant-id"), Some("1"));
    /// assert_eq!(sent[0].header("authorization"), Some("[REDACTED]"));
    /// # Ok(()) }
    /// ```
    pub fn requests(&self) -> Vec<RecordedRequest> {
        let log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        log.iter().cloned().collect()
    }

    /// Sets a fault: until cleared or used up, the matching calls fail as it says (see
    /// [`Fault`]). Faults apply in the order set; the first that matches a request is used.
    /// A fault for no call ([`Fault::times`]`(0)`) is not set.
    pub fn fault(&self, fault: Fault) {
        if fault.times == Some(0) {
            return;
        }
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(fault);
    }

    /// Clears every fault.
    pub fn clear_faults(&self) {
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// The URL of the sandbox's OAuth token endpoint (CRO's refresh-token grant), for
    /// [`RefreshingToken::builder`](crate::RefreshingToken::builder) with
    /// [`CRO_REFRESH_TOKEN`]. The sandbox's CRO accepts the access tokens it issues until they
    /// expire.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use customer_apis::sandbox::{Sandbox, CRO_REFRESH_TOKEN};
    /// use customer_apis::RefreshingToken;
    ///
    /// let sandbox = Sandbox::start().await?;
    /// let cro = customer_apis::cro::Client::builder()
    ///     .base_url(sandbox.base_url())
    ///     .refreshing_token(RefreshingToken::builder(sandbox.oauth_token_url(), "my-client", CRO_REFRESH_TOKEN))
    ///     .tenant_id(1)
    ///     .build()?;
    /// cro.get_customer(1).await?;
    /// # Ok(()) }
    /// ```
    pub fn oauth_token_url(&self) -> String {
        format!("{}{OAUTH_TOKEN_PATH}", self.base_url())
    }

    /// Changes how the token endpoint behaves (short-lived tokens, no rotation, refusal); the
    /// standalone sandbox takes the same as JSON at `PUT /__sandbox/oauth`.
    pub fn set_oauth(&self, settings: OAuthSettings) {
        self.oauth
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .settings = settings;
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`: the base URL of all three vendors.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A CRO client builder for this sandbox: base URL, [`CRO_SAMPLE_TOKEN`], tenant 1.
    pub fn cro_client(&self) -> crate::cro::ClientBuilder {
        crate::cro::Client::builder()
            .base_url(self.base_url())
            .bearer_token(CRO_SAMPLE_TOKEN)
            .tenant_id(1)
    }

    /// A PDM client builder for this sandbox: base URL, company 9001, an API key.
    pub fn pdm_client(&self) -> crate::pdm::ClientBuilder {
        crate::pdm::Client::builder()
            .base_url(self.base_url())
            .company_id(9001)
            .api_key("sandbox-api-key")
    }

    /// A Foxtrot client builder for this sandbox: base URL and an API key.
    pub fn foxtrot_client(&self) -> crate::foxtrot::ClientBuilder {
        crate::foxtrot::Client::builder()
            .base_url(self.base_url())
            .api_key("sandbox-api-key")
    }

    /// Serves until the process receives Ctrl-C.
    pub async fn run_until_ctrl_c(mut self) -> std::io::Result<()> {
        tokio::signal::ctrl_c().await?;
        self.stop();
        Ok(())
    }

    fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop();
    }
}

/// [`Sandbox::reset`]: everything but the seed as it was at the start.
fn reset(live: &Live, log: &RequestLog, faults: &faults::Faults, oauth: &oauth::SharedOAuth) {
    log.lock().unwrap_or_else(|p| p.into_inner()).clear();
    faults.lock().unwrap_or_else(|p| p.into_inner()).clear();
    *oauth.lock().unwrap_or_else(|p| p.into_inner()) = oauth::OAuth::default();
    live.rebuild();
}

/// The three vendors' routes; a request no route takes goes to the vendor whose spec documents
/// its path, which answers any operation from the spec's example after its own checks.
fn router(
    log: RequestLog,
    faults: faults::Faults,
    oauth: oauth::SharedOAuth,
    seed: std::sync::Arc<Seed>,
    issued: Issued,
) -> axum::Router {
    let (cro, cro_fallback) = cro::routes(oauth.clone(), seed.clone());
    let (pdm, pdm_fallback) = pdm::routes(seed.clone(), issued.clone());
    let (foxtrot, foxtrot_fallback) = foxtrot::routes(seed.clone());
    // Each vendor's answer to the operations of its spec, by its name in the vendor list: its
    // own file's, or for a vendor the sandbox has no file for, what its spec says.
    let mut own = vec![
        ("cro", cro_fallback),
        ("pdm", pdm_fallback),
        ("foxtrot", foxtrot_fallback),
    ];
    for vendor in crate::vendors::VENDORS.iter().map(|v| v.vendor.key()) {
        if !own.iter().any(|(name, _)| *name == vendor) {
            own.push((vendor, generic::routes(vendor, seed.clone())));
        }
    }
    let fallbacks: std::sync::Arc<[(&'static str, SpecFallback)]> = own.into();
    let fallback = move |request: axum::extract::Request| {
        let fallbacks = fallbacks.clone();
        async move {
            let path = request.uri().path().to_owned();
            let method = request.method().as_str().to_owned();
            let documents = |name: &&str| {
                !matches!(
                    match_operation(spec_ref(name), &method, &path),
                    SpecMatch::Unknown
                )
            };
            let vendor = crate::vendors::VENDORS
                .iter()
                .map(|v| v.vendor.key())
                .find(documents);
            match fallbacks.iter().find(|(name, _)| Some(*name) == vendor) {
                Some((_, answer)) => answer(request).await,
                None => not_documented(&request),
            }
        }
    };
    cro.merge(pdm)
        .merge(foxtrot)
        .merge(control(log.clone()))
        .merge(faults::control(faults.clone()))
        .merge(oauth::routes(oauth.clone(), issued.clone()))
        .merge(oauth_control(oauth))
        .fallback(fallback)
        .layer(axum::middleware::from_fn(move |request, next| {
            faults::apply(faults.clone(), request, next)
        }))
        .layer(axum::middleware::from_fn(move |request, next| {
            record(log.clone(), issued.clone(), request, next)
        }))
}

/// The sandbox's own 404, for a path no vendor documents. It carries `x-api-version`, as CRO
/// documents on every answer: the one asked for if CRO documents it, else the version CRO
/// applies to a request that names none (the docs' samples').
fn not_documented(request: &axum::extract::Request) -> axum::response::Response {
    let version = request
        .headers()
        .get("x-api-version")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<crate::cro::ApiVersion>().ok())
        .unwrap_or(cro::FIRST_VERSION);
    axum::response::IntoResponse::into_response((
        axum::http::StatusCode::NOT_FOUND,
        [("x-api-version", version.as_str())],
        "no vendor documents this path",
    ))
}

/// The answer of `vendor` with a fault's `status`: its own file's error body, or its spec's.
fn fault_answer(
    vendor: &str,
    status: axum::http::StatusCode,
    version: Option<&axum::http::HeaderValue>,
) -> axum::response::Response {
    match vendor {
        "cro" => cro::fault_answer(status, version),
        "pdm" => pdm::fault_answer(status),
        "foxtrot" => foxtrot::fault_answer(status),
        other => generic::fault_answer(other, status),
    }
}

/// A vendor's answer to any request of its spec that no handler of its own takes.
pub(crate) type SpecFallback = std::sync::Arc<
    dyn Fn(
            axum::extract::Request,
        ) -> futures_util::future::BoxFuture<'static, axum::response::Response>
        + Send
        + Sync,
>;

/// A vendor's [`SpecFallback`]: `serve` with the vendor's state and spec, per request.
pub(crate) fn spec_fallback<S, Fut>(
    state: S,
    spec: std::sync::Arc<Value>,
    serve: fn(S, std::sync::Arc<Value>, axum::extract::Request) -> Fut,
) -> SpecFallback
where
    S: Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = axum::response::Response> + Send + 'static,
{
    std::sync::Arc::new(move |request| Box::pin(serve(state.clone(), spec.clone(), request)))
}

/// `fallback` as a handler, for the vendor's own routes (another method on a documented path).
pub(crate) fn as_handler(
    fallback: &SpecFallback,
) -> impl Fn(
    axum::extract::Request,
) -> futures_util::future::BoxFuture<'static, axum::response::Response>
       + Clone
       + Send
       + Sync
       + 'static {
    let fallback = fallback.clone();
    move |request| fallback(request)
}

/// The parts of a request the spec fallbacks read: method, path, headers and body (at most
/// 1 MiB).
pub(crate) async fn request_parts(
    request: axum::extract::Request,
) -> (String, String, axum::http::HeaderMap, bytes::Bytes) {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    (
        parts.method.as_str().to_owned(),
        parts.uri.path().to_owned(),
        parts.headers,
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::{masked_form, masked_pairs};

    #[test]
    fn pairs_named_like_a_credential_are_masked_in_any_text() {
        let cases = [
            ("a=1&api_key=k1&b=2", "a=1&api_key=[REDACTED]&b=2"),
            (
                "token: Bearer abc def\nnext: 1",
                "token: [REDACTED]\nnext: 1",
            ),
            ("password=\"two words\" x=1", "password=\"[REDACTED]\" x=1"),
            ("x-api-key=k; lang=en", "x-api-key=[REDACTED]; lang=en"),
            ("api%5Fkey=k", "api%5Fkey=[REDACTED]"),
            ("secret=", "secret="),
            ("monkey business=fine", "monkey business=fine"),
            ("name=Ada&note=x", "name=Ada&note=x"),
            ("time: 10:00:00", "time: 10:00:00"),
        ];
        assert_eq!(cases.len(), 9);
        for (text, masked) in cases {
            assert_eq!(masked_pairs(text), masked, "{text}");
        }
    }

    #[test]
    fn a_form_keeps_its_shape_and_loses_its_credentials() {
        assert_eq!(
            masked_form("grant_type=refresh_token&refresh_token=a%3Bb&client_id=c&client_secret=s;t"),
            "grant_type=refresh_token&refresh_token=[REDACTED]&client_id=c&client_secret=[REDACTED]"
        );
        assert_eq!(masked_form("flag&page=2&"), "flag&page=2&");
        assert_eq!(masked_form("access+token=x"), "access+token=[REDACTED]");
    }
}
