//! The shared call path of every vendor client: per-attempt headers, retries, timeouts,
//! response metadata, the body size cap and the mapping of progenitor's errors into [`Error`].
//!
//! The generated clients send through [`exec`]: the build script gives each of progenitor's
//! calls a [`CallState`] argument and points its send at [`exec`]. What one attempt passes
//! between the layer and [`exec`] travels in that state, which the method that starts the call
//! owns: it stays out of the shared, cloneable client, and no task-local is entered on every
//! poll.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use progenitor_client::{Error as GenError, ResponseValue};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use secrecy::SecretString;
use tracing::Instrument;

use crate::departure::{Departure, DepartureRule, Documented};
use crate::error::{
    is_retryable_status, parse_retry_after, ApiError, Error, ErrorKind, ResponseMeta, Vendor,
};
use crate::redact::Redactor;
use crate::response::Response;
use crate::retry::RetryPolicy;
use crate::validation::{Declared, Validate};

/// Default cap on a response body: the vendors' documented answers are a few KiB.
pub(crate) const DEFAULT_BODY_LIMIT: usize = 4 * 1024 * 1024;

#[derive(Default)]
struct Seen {
    status: Option<reqwest::StatusCode>,
    request_id: Option<uuid::Uuid>,
    api_version: ServedVersion,
    retry_after: Option<Duration>,
    too_large: bool,
    /// The body of a non-2xx answer, read by [`exec`] (at most the size cap).
    error_body: Option<Bytes>,
    /// The headers of a 2xx answer, taken out of it by [`exec`] (not copied) for the
    /// [`Response`].
    headers: Option<Box<HeaderMap>>,
    /// What a 2xx body breaks of the spec, found by [`response_value`]; its paths are server
    /// text, not yet redacted.
    departures: Vec<(String, DepartureRule)>,
}

/// What a response said about the API version it applied (`x-api-version`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum ServedVersion {
    /// No such header.
    #[default]
    Absent,
    /// One readable value (visible ASCII), trimmed.
    One(String),
    /// One value that is not visible ASCII.
    Unreadable,
    /// The header more than once.
    Repeated(usize),
}

impl ServedVersion {
    fn read(headers: &HeaderMap) -> Self {
        let mut values = headers.get_all(&X_API_VERSION).iter();
        let Some(first) = values.next() else {
            return ServedVersion::Absent;
        };
        let more = values.count();
        if more > 0 {
            return ServedVersion::Repeated(more + 1);
        }
        match first.to_str() {
            Ok(v) if v.bytes().all(|b| (b' '..=b'~').contains(&b)) => {
                ServedVersion::One(v.trim().to_owned())
            }
            _ => ServedVersion::Unreadable,
        }
    }

    /// The value, if there is exactly one readable value.
    pub(crate) fn value(&self) -> Option<&str> {
        match self {
            ServedVersion::One(v) => Some(v),
            _ => None,
        }
    }

    /// What a mismatch error says the server answered.
    #[cfg_attr(not(spec_vendors), allow(dead_code))]
    pub(crate) fn describe(&self) -> String {
        match self {
            ServedVersion::Absent => "no x-api-version header".to_owned(),
            ServedVersion::One(v) => v.clone(),
            ServedVersion::Unreadable => "an unreadable x-api-version".to_owned(),
            ServedVersion::Repeated(n) => format!("{n} x-api-version headers"),
        }
    }
}

/// One call's state, shared by the layer and [`exec`]. The generated method that starts the
/// call owns it and hands it to both. A call made while obtaining another call's credential
/// (PDM's GetSessionToken) runs on that call's state: it is one attempt of it, counted in its
/// requests, with no retries of its own; it uses the attempt state before the outer attempt
/// does (attempts never overlap).
#[derive(Default)]
pub(crate) struct CallState {
    /// Requests sent so far.
    requests: AtomicU32,
    /// Set when a call starts on this state; a call started on a state in use is a
    /// credential request within it.
    started: AtomicBool,
    /// Whether the current attempt's answer is checked against the spec (read without the
    /// lock by [`response_value`]).
    check_spec: AtomicBool,
    /// Never held across an await: uncontended, so a lock is two atomic operations.
    attempt: Mutex<AttemptState>,
}

/// The current attempt's state.
#[derive(Default)]
struct AttemptState {
    /// The current attempt's headers (credentials, tenant, version).
    headers: Option<Arc<HeaderMap>>,
    /// The current attempt's query credential.
    query: Option<Arc<(&'static str, SecretString)>>,
    body_limit: usize,
    attempt_timeout: Option<Duration>,
    user_agent: Option<HeaderValue>,
    /// What [`exec`] saw of the current attempt's response.
    seen: Seen,
}

impl CallState {
    /// The state of a credential request made outside any call (a token provider's, which
    /// has no call's state to run on): one attempt, in a `customer_apis.credential_request`
    /// span of its own.
    pub(crate) fn credential_request() -> CallState {
        CallState {
            started: AtomicBool::new(true),
            ..CallState::default()
        }
    }

    fn lock(&self) -> MutexGuard<'_, AttemptState> {
        // Nothing panics while it is held; a poisoned lock still holds consistent state.
        self.attempt
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Sends one request built by a generated client, adding the per-attempt headers and
/// recording what the layer needs from the response. The body of a non-2xx answer is read
/// here, within the size cap, so that the layer can quote it whatever the generated code does
/// with it.
pub(crate) async fn exec(
    client: &reqwest::Client,
    mut request: reqwest::Request,
    cx: &CallState,
) -> reqwest::Result<reqwest::Response> {
    // progenitor's own `api-version: <info.version>` header is taken out of the generated
    // calls by the build script; the vendors' version header (where there is one) is the layer's.
    let limit = {
        let a = cx.lock();
        if let Some(query) = a.query.as_deref() {
            let (name, value) = query;
            let value = secrecy::ExposeSecret::expose_secret(value);
            request.url_mut().query_pairs_mut().append_pair(name, value);
        }
        if let Some(headers) = a.headers.as_deref() {
            for (name, value) in headers.iter() {
                request.headers_mut().insert(name, value.clone());
            }
        }
        if let Some(timeout) = a.attempt_timeout {
            request.timeout_mut().get_or_insert(timeout);
        }
        if let Some(agent) = &a.user_agent {
            request
                .headers_mut()
                .insert(reqwest::header::USER_AGENT, agent.clone());
        }
        a.body_limit
    };
    let mut response = client.execute(request).await?;
    let status = response.status();
    let too_large = response.content_length().is_some_and(|n| n > limit as u64);
    {
        let headers = response.headers();
        let text = |name: &HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        let mut a = cx.lock();
        let seen = &mut a.seen;
        seen.status = Some(status);
        seen.request_id = text(&X_REQUEST_ID).and_then(|v| uuid::Uuid::parse_str(v.trim()).ok());
        seen.api_version = ServedVersion::read(headers);
        seen.retry_after = text(&reqwest::header::RETRY_AFTER).and_then(parse_retry_after);
        seen.too_large = too_large && status.is_success();
        // Moved, not copied: nothing reads a success's headers after this but the Response.
        if status.is_success() {
            seen.headers = Some(Box::new(std::mem::take(response.headers_mut())));
        }
    }
    if !status.is_success() {
        return read_error_body(response, limit, cx).await;
    }
    // A declared length within the cap needs no guard: hyper reads no byte past it.
    if response.content_length().is_some_and(|n| n <= limit as u64) {
        return Ok(response);
    }
    Ok(limit_body(response, limit, too_large))
}

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const X_API_VERSION: HeaderName = HeaderName::from_static("x-api-version");

/// Reads an error answer's body, at most `limit` bytes of it (an error is still the error its
/// status says when its body is too large: the rest is not read), and records it.
async fn read_error_body(
    response: reqwest::Response,
    limit: usize,
    cx: &CallState,
) -> reqwest::Result<reqwest::Response> {
    use http_body_util::BodyExt;
    let response: http::Response<reqwest::Body> = response.into();
    let (parts, mut body) = response.into_parts();
    let mut kept = Vec::new();
    while let Some(frame) = body.frame().await {
        // A body that breaks off (reset, timeout) still leaves the status's error, with
        // what arrived: the status is what says whether to retry.
        let Ok(frame) = frame else { break };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        let room = limit - kept.len();
        if data.len() > room {
            kept.extend_from_slice(&data[..room]);
            break;
        }
        kept.extend_from_slice(&data);
    }
    let kept = Bytes::from(kept);
    cx.lock().seen.error_body = Some(kept.clone());
    Ok(http::Response::from_parts(parts, reqwest::Body::from(kept)).into())
}

/// Replaces the body with one that stops with an error past `limit` bytes.
fn limit_body(response: reqwest::Response, limit: usize, too_large: bool) -> reqwest::Response {
    let response: http::Response<reqwest::Body> = response.into();
    let (parts, body) = response.into_parts();
    if too_large {
        return http::Response::from_parts(parts, reqwest::Body::from(Bytes::new())).into();
    }
    let mut read = 0usize;
    let stream = http_body_util::BodyDataStream::new(body).map(move |chunk| {
        let chunk = chunk?;
        read += chunk.len();
        if read > limit {
            return Err(Box::<dyn std::error::Error + Send + Sync>::from(OverLimit));
        }
        Ok(chunk)
    });
    http::Response::from_parts(parts, reqwest::Body::wrap_stream(stream)).into()
}

/// The error a capped body stops with; recognisable wherever the body is read.
#[derive(Debug)]
struct OverLimit;

impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("response body over the size limit")
    }
}

impl std::error::Error for OverLimit {}

/// Whether `e` or one of its causes is [`OverLimit`].
fn over_limit(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(e);
    while let Some(e) = cause {
        if e.is::<OverLimit>() {
            return true;
        }
        cause = e.source();
    }
    false
}

/// What one attempt sends with.
pub(crate) struct Prepared<S> {
    /// Headers added to the request (shared: a static credential's never change). Values
    /// marked sensitive are credentials, redacted from whatever the server answers.
    pub(crate) headers: Arc<HeaderMap>,
    /// Passed to the request closure.
    pub(crate) session: S,
    /// Which credential generation the attempt uses.
    pub(crate) generation: u64,
    /// A credential sent as a query parameter (an `apiKey` scheme `in: query`): its name and
    /// value, added to the URL of each attempt. Also a secret the redactor masks (the policy's
    /// `secrets`); errors drop the query of the URL they quote.
    pub(crate) query: Option<Arc<(&'static str, SecretString)>>,
    /// The [`Sieve`](crate::redact::Sieve) of the attempt's secrets, when the policy made it
    /// once (a static credential's); otherwise each attempt makes its own.
    pub(crate) sieve: Option<Arc<crate::redact::Sieve>>,
}

impl<S> Prepared<S> {
    /// An attempt that sends no headers of the layer's: its credential, if any, is in `session`
    /// (a body), or of the credential `generation`.
    pub(crate) fn headerless(session: S, generation: u64) -> Self {
        static NONE: std::sync::LazyLock<Arc<HeaderMap>> = std::sync::LazyLock::new(Arc::default);
        Prepared {
            headers: NONE.clone(),
            session,
            generation,
            query: None,
            sieve: None,
        }
    }
}

/// How a vendor's layer takes part in a call.
pub(crate) trait VendorCall: Sync {
    /// Who this is.
    fn vendor(&self) -> Vendor;

    /// What an attempt needs besides headers (PDM's session token goes into the body).
    type Session: Send + Sync;

    /// Headers and session for the next attempt (credentials are obtained or refreshed here;
    /// a request that obtains one runs on `cx`, the call's state).
    fn prepare(
        &self,
        cx: &CallState,
    ) -> impl Future<Output = Result<Prepared<Self::Session>, Error>> + Send;

    /// Called once when an attempt sent with the credential of `generation` was rejected
    /// (HTTP 401, PDM code 202); `true` when a fresh credential makes repeating it worthwhile.
    fn credential_rejected(&self, _generation: u64) -> impl Future<Output = bool> + Send {
        async { false }
    }

    /// Fills in the vendor's fields from an error answer's body, if it is in the vendor's
    /// error format.
    fn error_fields(&self, body: &[u8], error: &mut ApiError);

    /// Whether a 2xx body that did not decode as the success type is the vendor's error
    /// format (an error envelope); fills in the fields if so.
    fn error_in_success_body(&self, _body: &[u8], _error: &mut ApiError) -> bool {
        false
    }

    /// Checks the version a response says it applied (CRO compares it with the pin).
    fn check_version(&self, _served: &ServedVersion, _meta: &ResponseMeta) -> Result<(), Error> {
        Ok(())
    }

    /// The credentials of an attempt that are not in its sensitive headers (PDM's session
    /// token and API key travel in the body): borrowed where they can be, so that no copy of
    /// a secret is made for every call.
    fn secrets<'a>(&'a self, _session: &'a Self::Session, _out: &mut Vec<Cow<'a, str>>) {}
}

/// What the call path knows of an operation: its name and HTTP method and path template (for
/// spans), and whether repeating it is safe. The generated methods fill it in from the spec.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Op {
    /// The spec's `operationId`, or `request` for the escape hatch.
    pub(crate) name: &'static str,
    /// GET, HEAD, PUT, DELETE and documented reads may be retried on any retryable failure
    /// and after an attempt's timeout;
    /// other requests only when the server cannot have acted on them (connection failures,
    /// 429, PDM's 205, a refused credential).
    pub(crate) idempotent: bool,
    /// The HTTP method, upper case (`_OTHER` for one OpenTelemetry does not know).
    pub(crate) method: &'static str,
    /// The spec's path template (`/customers/{customer_id}`); `None` for the escape hatch,
    /// whose path is the caller's.
    pub(crate) template: Option<&'static str>,
    /// The spec's documented answers, against which answers are checked; `None` for what no
    /// spec describes (the escape hatch, an OAuth grant).
    pub(crate) answers: Option<&'static [Documented]>,
}

/// The host and port a client sends to, for spans (`server.address`, `server.port`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Server {
    pub(crate) address: String,
    pub(crate) port: Option<u16>,
}

impl Server {
    /// `url`'s host (an IPv6 address without brackets, as OpenTelemetry writes it) and port.
    pub(crate) fn of(url: &reqwest::Url) -> Server {
        let address = match url.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(host) => host.to_string(),
            None => String::new(),
        };
        Server {
            address,
            port: url.port_or_known_default(),
        }
    }
}

impl Op {
    /// The escape hatch's request with `method`: repeated on any retryable failure only if
    /// RFC 9110 says the method is idempotent.
    #[allow(dead_code)] // A build whose vendors have no escape hatch of this shape.
    pub(crate) fn raw(method: &reqwest::Method) -> Op {
        Op {
            name: "request",
            idempotent: method.is_idempotent(),
            method: otel_method(method),
            template: None,
            answers: None,
        }
    }
}

/// OpenTelemetry's `http.request.method`: the method if it is one of RFC 9110's (or PATCH),
/// `_OTHER` otherwise.
#[allow(dead_code)] // With the escape hatch.
fn otel_method(method: &reqwest::Method) -> &'static str {
    const KNOWN: [&str; 9] = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
    ];
    KNOWN
        .into_iter()
        .find(|m| *m == method.as_str())
        .unwrap_or("_OTHER")
}

/// OpenTelemetry's `error.type` for a failed call or attempt: its [`ErrorKind`] in snake case,
/// one short list for every vendor (PDM's errors come with HTTP 200, so the status alone would
/// not say).
///
/// [`ErrorKind`]: crate::ErrorKind
pub(crate) fn error_type(e: &Error) -> &'static str {
    use crate::ErrorKind as K;
    match e.kind() {
        K::InvalidInput => "invalid_input",
        K::NotFound => "not_found",
        K::CredentialRejected => "credential_rejected",
        K::AccessDenied => "access_denied",
        K::Throttled => "throttled",
        K::Unavailable => "unavailable",
        K::Api => "api",
        K::Pending => "pending",
        K::Timeout => "timeout",
        K::Transport => "transport",
        K::Decode => "decode",
        K::VersionMismatch => "version_mismatch",
        K::ResponseTooLarge => "response_too_large",
        K::Credentials => "credentials",
    }
}

/// OpenTelemetry's name for an HTTP client span: `{method} {url.template}`, or the method alone.
fn otel_name(op: &Op) -> String {
    match op.template {
        Some(template) => format!("{} {template}", op.method),
        None => op.method.to_owned(),
    }
}

/// Records how a call, an attempt or a credential request ended on its span.
fn record_outcome<U>(span: &tracing::Span, result: &Result<Response<U>, Error>) {
    // No subscriber wants it: nothing to work out.
    if span.is_disabled() {
        return;
    }
    let (status, request_id) = match result {
        Ok(r) => (r.meta().status, r.meta().request_id),
        Err(e) => (e.status(), e.request_id()),
    };
    if let Some(status) = status {
        span.record("http.response.status_code", status.as_u16());
    }
    if let Some(id) = request_id {
        span.record("customer_apis.request_id", tracing::field::display(id));
    }
    if let Err(e) = result {
        span.record("error.type", error_type(e));
        span.record("otel.status_code", "ERROR");
    }
}

/// A success answer without the property its operation returns (`x-result`).
#[allow(dead_code)]
pub(crate) fn missing_result(path: &'static str, meta: &ResponseMeta) -> Error {
    let reason = format!("the success answer came without `{path}` (absent or null)");
    Error::decode("a success answer", reason, meta)
}

/// The longest path parameter sent. No vendor documents a limit; this SDK refuses longer
/// values before sending, because servers and proxies refuse URLs of a few KiB and the error
/// would quote it.
#[allow(dead_code)]
pub(crate) const MAX_PATH_PARAM_CHARS: usize = 1024;

/// A string path parameter, checked before anything is sent: not empty, at most
/// [`MAX_PATH_PARAM_CHARS`], no control characters, and not `.` or `..` (URL parsing resolves
/// those away, even percent-encoded, so the request would go to another path). Every other
/// value is percent-encoded into exactly one segment ([`PathSegment`]).
#[allow(dead_code)]
pub(crate) fn path_param<T: std::str::FromStr>(
    field: &'static str,
    value: &str,
) -> Result<T, Error> {
    if value.is_empty() {
        return Err(Error::invalid(field, "must be at least 1 character long"));
    }
    // No more bytes than the limit means no more characters: counting is for long values only.
    if value.len() > MAX_PATH_PARAM_CHARS && value.chars().count() > MAX_PATH_PARAM_CHARS {
        return Err(Error::invalid(
            field,
            "must be at most 1024 characters long (an SDK limit)",
        ));
    }
    if value == "." || value == ".." {
        return Err(Error::invalid(field, "must not be `.` or `..`"));
    }
    // ASCII (checked a word at a time) has its controls below space and at DEL.
    let control = match value.is_ascii() {
        true => value.bytes().any(|b| b.is_ascii_control()),
        false => value.chars().any(char::is_control),
    };
    if control {
        return Err(Error::invalid(field, "must not contain control characters"));
    }
    value
        .parse()
        .map_err(|_| Error::invalid(field, "is not a valid value"))
}

/// The reqwest client and call policy one vendor client holds.
#[derive(Clone, Debug)]
pub(crate) struct Transport {
    pub(crate) retry: RetryPolicy,
    pub(crate) body_limit: usize,
    /// The whole call's deadline: credential requests, attempts and the waits between them.
    pub(crate) deadline: Option<Duration>,
    /// Set on each request when the reqwest client is the caller's (ours has it built in).
    pub(crate) attempt_timeout: Option<Duration>,
    /// Set on each request when the reqwest client is the caller's and a `User-Agent` other
    /// than the default was asked for (the caller's client otherwise sends its own).
    pub(crate) user_agent: Option<HeaderValue>,
    /// Whether answers are checked against the spec ([`Config::check_spec`](crate::Config)).
    pub(crate) check_spec: bool,
    /// The departures from the spec already logged, shared by the client's clones. Ordered,
    /// not hashed: a lookup among the few there are is a comparison or two, cheaper than one
    /// SipHash of the path.
    pub(crate) reported: Arc<Mutex<BTreeSet<Departure>>>,
    /// Where the base URL points, for spans.
    pub(crate) server: Server,
}

/// `f` with a [`Sieve`](crate::redact::Sieve) of the secrets [`redactor`] masks: the cheap
/// first test of texts that seldom hold one.
fn with_sieve<V: VendorCall, R>(
    vendor: &V,
    prepared: &Prepared<V::Session>,
    f: impl FnOnce(&crate::redact::Sieve) -> R,
) -> R {
    match &prepared.sieve {
        Some(sieve) => f(sieve),
        None => f(&sieve_of(vendor, &prepared.headers, &prepared.session)),
    }
}

/// The sieve of the secrets [`redactor`] masks for an attempt with these headers and session:
/// the sensitive headers' values and the vendor's other secrets.
pub(crate) fn sieve_of<V: VendorCall>(
    vendor: &V,
    headers: &HeaderMap,
    session: &V::Session,
) -> crate::redact::Sieve {
    let mut secrets = Vec::new();
    vendor.secrets(session, &mut secrets);
    let sent = headers.iter().filter(|(_, v)| v.is_sensitive());
    let sent = sent.filter_map(|(_, v)| v.to_str().ok());
    crate::redact::Sieve::new(sent.chain(secrets.iter().map(|s| &**s)))
}

/// Masks in `value` the credentials `vendor` holds now (those the next attempt would send:
/// after a call, the ones it used, read from the cache) and every string under a
/// credential-like key. A credential that cannot be had without a request (an expired
/// session) is not asked for: then only the keys rule applies.
#[cfg(feature = "cli")]
pub(crate) async fn mask_held_credentials<V: VendorCall>(
    vendor: &V,
    value: &mut serde_json::Value,
) -> bool {
    let cx = CallState::default();
    // The cache answers at once; a renewal would be a request of its own: not for this.
    let held = tokio::time::timeout(Duration::from_millis(100), vendor.prepare(&cx)).await;
    match held {
        Ok(Ok(prepared)) if cx.requests.load(Ordering::Relaxed) == 0 => {
            redactor(vendor, &prepared).mask_value(value)
        }
        _ => Redactor::default().mask_value(value),
    }
}

/// The redactor for whatever a server answered to an attempt sent with `prepared`.
fn redactor<V: VendorCall>(vendor: &V, prepared: &Prepared<V::Session>) -> Redactor {
    let mut secrets = Vec::new();
    vendor.secrets(&prepared.session, &mut secrets);
    let headers = prepared.headers.iter().filter(|(_, v)| v.is_sensitive());
    let headers = headers.filter_map(|(_, v)| v.to_str().ok());
    Redactor::new(headers.chain(secrets.iter().map(|s| &**s)))
}

impl Transport {
    /// Runs `send` (one generated call) with retries; `accept` turns a decoded success into
    /// the caller's value or an error (a status in the body, an envelope).
    ///
    /// One call has one budget: at most the policy's attempts, where an attempt is obtaining
    /// the credential if needed and sending the operation once; a repeat after a refused
    /// credential is an attempt too. The whole call is bounded by the deadline, if set.
    ///
    /// `cx` is the call's state, fresh for each call; `send` passes it to the generated call.
    /// A call started on a state already in use is a credential request of that call.
    pub(crate) async fn call<V, T, U, E, Fut>(
        &self,
        cx: &CallState,
        vendor: &V,
        op: Op,
        send: impl Fn(&V::Session) -> Fut + Send + Sync,
        accept: impl Fn(T, &ResponseMeta) -> Result<U, Error> + Send + Sync,
    ) -> Result<Response<U>, Error>
    where
        V: VendorCall,
        E: Send,
        T: serde::de::DeserializeOwned + Send,
        U: Send,
        Fut: Future<Output = Result<ResponseValue<T>, GenError<E>>> + Send,
    {
        if cx.started.swap(true, Ordering::Relaxed) {
            // Part of another call's attempt (its credential): one request, its budget.
            let span = tracing::debug_span!(
                "customer_apis.credential_request",
                otel.name = otel_name(&op),
                otel.kind = "client",
                customer_apis.operation = op.name,
                http.request.method = op.method,
                url.template = op.template,
                server.address = self.server.address.as_str(),
                server.port = self.server.port,
                http.response.status_code = tracing::field::Empty,
                customer_apis.request_id = tracing::field::Empty,
                error.type = tracing::field::Empty,
                otel.status_code = tracing::field::Empty,
            );
            let result = (self.attempt(cx, vendor, &send, &accept, &op))
                .instrument(span.clone())
                .await
                .0;
            record_outcome(&span, &result);
            return result;
        }
        let span = tracing::debug_span!(
            "customer_apis.call",
            otel.name = op.name,
            customer_apis.vendor = %vendor.vendor(),
            customer_apis.operation = op.name,
            customer_apis.attempts = tracing::field::Empty,
            customer_apis.requests = tracing::field::Empty,
            http.response.status_code = tracing::field::Empty,
            customer_apis.request_id = tracing::field::Empty,
            error.type = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
        );
        let attempts = AtomicU32::new(0);
        {
            let mut a = cx.lock();
            a.body_limit = self.body_limit;
            a.attempt_timeout = self.attempt_timeout;
            a.user_agent.clone_from(&self.user_agent);
        }
        // A deadline past what the clock can hold is none (settings refuse more than a year).
        let deadline = self
            .deadline
            .and_then(|d| Some((d, tokio::time::Instant::now().checked_add(d)?)));
        // The attempts' future is made where it is awaited: bound to a local first, it would be
        // held twice in this future (the local and the awaited copy), and moved.
        let run = || {
            self.attempts(
                cx,
                vendor,
                &send,
                &accept,
                (&attempts, op),
                deadline.map(|d| d.1),
            )
        };
        let result = async {
            match deadline {
                None => run().await,
                Some((limit, _)) => match tokio::time::timeout(limit, run()).await {
                    Ok(result) => result,
                    Err(elapsed) => Err(Error::Timeout {
                        message: format!(
                            "the call did not complete within its deadline of {}",
                            seconds(limit)
                        ),
                        connect: false,
                        meta: Box::default(),
                        source: Some(Box::new(elapsed)),
                    }),
                },
            }
        }
        .instrument(span.clone())
        .await;
        // Read after the deadline too: the requests sent before it fired are still counted.
        let sent = cx.requests.load(Ordering::Relaxed);
        let n = attempts.load(Ordering::Relaxed);
        let result = result
            .map(|mut r| {
                r.meta_mut().attempts = n;
                r.meta_mut().requests = sent;
                r
            })
            .map_err(|mut e| {
                if let Some(meta) = e.meta_mut() {
                    meta.attempts = n;
                    meta.requests = sent;
                }
                e
            });
        span.record("customer_apis.attempts", n);
        span.record("customer_apis.requests", sent);
        record_outcome(&span, &result);
        match &result {
            Ok(_) => tracing::debug!(parent: &span, "call succeeded"),
            Err(e) => tracing::debug!(parent: &span, error.message = %e, "call failed"),
        }
        result
    }

    /// The attempts of one call, with the waits between them.
    async fn attempts<V, T, U, E, Fut>(
        &self,
        cx: &CallState,
        vendor: &V,
        send: &(impl Fn(&V::Session) -> Fut + Sync),
        accept: &(impl Fn(T, &ResponseMeta) -> Result<U, Error> + Sync),
        (attempts, op): (&AtomicU32, Op),
        deadline: Option<tokio::time::Instant>,
    ) -> Result<Response<U>, Error>
    where
        V: VendorCall,
        T: serde::de::DeserializeOwned,
        Fut: Future<Output = Result<ResponseValue<T>, GenError<E>>>,
    {
        use backon::BackoffBuilder;
        // Built at the first repeat: most calls succeed at once, and a jittered backoff seeds
        // itself from a fresh random state.
        let mut backoff = None;
        let mut renewed = false;
        loop {
            let n = attempts.fetch_add(1, Ordering::Relaxed) + 1;
            let span = tracing::debug_span!(
                "customer_apis.attempt",
                otel.name = otel_name(&op),
                otel.kind = "client",
                http.request.method = op.method,
                url.template = op.template,
                server.address = self.server.address.as_str(),
                server.port = self.server.port,
                // OpenTelemetry's: absent on the first request, 1 on the first repeat.
                http.request.resend_count = (n > 1).then(|| n - 1),
                http.response.status_code = tracing::field::Empty,
                customer_apis.request_id = tracing::field::Empty,
                error.type = tracing::field::Empty,
                otel.status_code = tracing::field::Empty,
            );
            // Not boxed: the attempt's state machine is kilobytes, and a box of it is one large
            // allocation per call, which costs more than the moves it saves (about 600
            // instructions per call, BENCHMARKS.md).
            // In a block of its own, so that the answer is not kept across the waits below.
            let (e, generation) = {
                let (result, generation) = self
                    .attempt(cx, vendor, send, accept, &op)
                    .instrument(span.clone())
                    .await;
                record_outcome(&span, &result);
                match result {
                    Ok(r) => return Ok(r),
                    Err(e) => (e, generation),
                }
            };
            if n >= self.retry.max_attempts {
                return Err(e);
            }
            // Only a credential a request was sent with can be renewed, once per call: one
            // refused while it was being obtained (GetSessionToken refusing the API key) is final.
            if let (false, Some(generation)) = (renewed, generation) {
                // HTTP 401, or a vendor code that says so (PDM's 202).
                let refused = e.kind() == ErrorKind::CredentialRejected;
                if refused && vendor.credential_rejected(generation).await {
                    renewed = true;
                    tracing::debug!(
                        parent: &span,
                        error.message = %e,
                        "credentials rejected; repeating the call with fresh ones"
                    );
                    continue;
                }
            }
            // A request that is not idempotent is repeated only when the server cannot have
            // acted on it: not after a 502, 503 or 504. One that is idempotent is repeated
            // after an attempt's timeout too (aws-sdk's standard mode does so), and after a
            // connection that broke off before the whole answer came (Go's net/http repeats
            // an idempotent request there too); not after an answer that was not HTTP.
            let repeat = match op.idempotent {
                true => e.is_retryable() || e.kind() == ErrorKind::Timeout || broke_off(&e),
                false => e.is_retryable() && e.kind() != ErrorKind::Unavailable,
            };
            if !repeat {
                return Err(e);
            }
            let backoff = backoff.get_or_insert_with(|| self.retry.backoff().build());
            let Some(computed) = backoff.next() else {
                return Err(e);
            };
            // Only a status that is retried anyway has its Retry-After honoured.
            let asked = e
                .api()
                .filter(|a| is_retryable_status(a.status))
                .and_then(|a| a.meta.retry_after);
            let wait = asked.map_or(computed, |w| w.min(self.retry.max_retry_after));
            let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            let ends = tokio::time::Instant::now().checked_add(wait);
            if deadline.is_some_and(|d| ends.is_none_or(|end| end >= d)) {
                tracing::debug!(
                    parent: &span,
                    error.message = %e,
                    customer_apis.retry_wait_ms = wait_ms,
                    "not retrying: the wait ends past the call's deadline"
                );
                return Err(e);
            }
            tracing::debug!(
                parent: &span,
                error.message = %e,
                customer_apis.retry_wait_ms = wait_ms,
                "retrying"
            );
            tokio::time::sleep(wait).await;
        }
    }

    /// One attempt: the credential, one request, and the vendor's reading of the answer.
    /// Whatever the server said is redacted before it leaves.
    async fn attempt<V, T, U, E, Fut>(
        &self,
        cx: &CallState,
        vendor: &V,
        send: &(impl Fn(&V::Session) -> Fut + Sync),
        accept: &(impl Fn(T, &ResponseMeta) -> Result<U, Error> + Sync),
        op: &Op,
    ) -> (Result<Response<U>, Error>, Option<u64>)
    where
        V: VendorCall,
        T: serde::de::DeserializeOwned,
        Fut: Future<Output = Result<ResponseValue<T>, GenError<E>>>,
    {
        let prepared = match vendor.prepare(cx).await {
            Ok(prepared) => prepared,
            Err(e) => return (Err(e), None),
        };
        let result = self.attempt_with(cx, vendor, send, &prepared, op).await;
        let result = result.and_then(|mut r| {
            let headers = r.take_headers();
            let (value, meta) = r.into_parts();
            match accept(value, &meta) {
                Ok(value) => Ok(Response::new(value, meta).with_headers(headers)),
                Err(mut e) => {
                    if let Some(m) = e.meta_mut() {
                        *m = meta;
                    }
                    Err(e)
                }
            }
        });
        let result = result.map_err(|mut e| {
            e.sanitize(&redactor(vendor, &prepared));
            e
        });
        (result, Some(prepared.generation))
    }

    async fn attempt_with<V, T, E, Fut>(
        &self,
        cx: &CallState,
        vendor: &V,
        send: &(impl Fn(&V::Session) -> Fut + Sync),
        prepared: &Prepared<V::Session>,
        op: &Op,
    ) -> Result<Response<T>, Error>
    where
        V: VendorCall,
        T: serde::de::DeserializeOwned,
        Fut: Future<Output = Result<ResponseValue<T>, GenError<E>>>,
    {
        cx.requests.fetch_add(1, Ordering::Relaxed);
        let check = self.check_spec && op.answers.is_some();
        cx.check_spec.store(check, Ordering::Relaxed);
        {
            let mut a = cx.lock();
            a.headers = Some(prepared.headers.clone());
            a.query = prepared.query.clone();
            a.body_limit = self.body_limit;
            // A credential request on another call's state keeps that call's attempt timeout.
            a.attempt_timeout = a.attempt_timeout.or(self.attempt_timeout);
            if a.user_agent.is_none() {
                a.user_agent.clone_from(&self.user_agent);
            }
            a.seen = Seen::default();
        }
        let outcome = send(&prepared.session).await;
        // What follows is the same for every operation of a vendor: written once per vendor,
        // not compiled again for each operation's types.
        let (meta, headers, seen) = self.answered(cx, vendor, prepared, op, outcome.is_ok())?;
        match outcome {
            Ok(value) => Ok(Response::new(value.into_inner(), meta).with_headers(headers)),
            Err(e) => {
                let expected = short_type_name::<T>();
                let e = e.into_untyped();
                Err(self.failed(vendor, prepared, seen, meta, e, expected).await)
            }
        }
    }

    /// What an attempt's answer says before its body is taken: the served version and a
    /// success's headers through the redaction boundary, the departures from the spec, the
    /// metadata, and the version check.
    fn answered<V: VendorCall>(
        &self,
        cx: &CallState,
        vendor: &V,
        prepared: &Prepared<V::Session>,
        op: &Op,
        ok: bool,
    ) -> Result<(ResponseMeta, Option<Box<HeaderMap>>, Seen), Error> {
        let mut seen = std::mem::take(&mut cx.lock().seen);
        // The served version and a success's headers are server text like any other: through
        // the boundary (one sieve for both, sifting out texts that hold no secret), masked,
        // then cut.
        let (served, success_headers) = with_sieve(vendor, prepared, |sieve| {
            let served = match std::mem::take(&mut seen.api_version) {
                ServedVersion::One(v) if sieve.may_mask(v.as_bytes()) => ServedVersion::One(
                    redactor(vendor, prepared).text_capped(&v, MAX_VERSION_CHARS),
                ),
                ServedVersion::One(v) => {
                    ServedVersion::One(crate::redact::cap(&v, MAX_VERSION_CHARS))
                }
                other => other,
            };
            let mut headers = seen.headers.take().filter(|_| ok);
            if let Some(headers) = headers.as_deref_mut() {
                mask_headers(vendor, prepared, sieve, headers);
            }
            (served, headers)
        });
        let departures = match (op.answers, seen.status) {
            (Some(documented), Some(status)) if self.check_spec => {
                let headers = success_headers.as_deref();
                // The answer as a whole first, then its body's.
                let mut found = Vec::new();
                crate::departure::check_answer(documented, status.as_u16(), headers, &mut found);
                found.append(&mut seen.departures);
                let at = (vendor.vendor(), op);
                self.reported(at, found, || redactor(vendor, prepared))
            }
            _ => Vec::new(),
        };
        let meta = ResponseMeta {
            status: seen.status,
            request_id: seen.request_id,
            api_version: served.value().map(str::to_owned),
            retry_after: seen.retry_after,
            attempts: 1,
            requests: 1,
            departures,
        };
        // The version is checked first, whatever the status: an answer of another version
        // would otherwise be misread (a missing field, a different error).
        if seen.status.is_some() {
            vendor.check_version(&served, &meta)?;
        }
        Ok((meta, success_headers, seen))
    }

    /// The error a failed attempt ends with (`expected`: the type its answer was to decode as).
    async fn failed<V: VendorCall>(
        &self,
        vendor: &V,
        prepared: &Prepared<V::Session>,
        mut seen: Seen,
        meta: ResponseMeta,
        outcome: GenError,
        expected: &'static str,
    ) -> Error {
        let too_large = |meta: ResponseMeta| Error::ResponseTooLarge {
            limit: self.body_limit,
            meta: Box::new(meta),
        };
        match (seen.status, outcome) {
            (_, GenError::CommunicationError(e))
            | (_, GenError::ResponseBodyError(e))
            | (_, GenError::InvalidUpgrade(e)) => {
                if seen.too_large || over_limit(&e) {
                    return too_large(meta);
                }
                transport_error(e, meta)
            }
            (_, GenError::InvalidRequest(reason)) => Error::invalid("request", reason),
            (_, GenError::Custom(reason)) => Error::Transport {
                message: reason,
                connect: false,
                meta: Box::new(meta),
                source: None,
            },
            (Some(status), _) if !status.is_success() => {
                let body = seen.error_body.take().unwrap_or_default();
                let mut error = ApiError::bare(vendor.vendor(), status, meta);
                vendor.error_fields(&body, &mut error);
                if !body.is_empty() && error.detail.is_none() && error.field.is_none() {
                    error.body_excerpt = Some(redactor(vendor, prepared).excerpt(&body));
                }
                Error::Api(Box::new(error))
            }
            (status, GenError::InvalidResponsePayload(body, reason)) => {
                if seen.too_large {
                    return too_large(meta);
                }
                let mut error = ApiError::bare(
                    vendor.vendor(),
                    status.unwrap_or(reqwest::StatusCode::OK),
                    meta,
                );
                if vendor.error_in_success_body(&body, &mut error) {
                    return Error::Api(Box::new(error));
                }
                let redactor = redactor(vendor, prepared);
                Error::Decode {
                    expected,
                    reason: redactor.text(&decode_reason(&body, &reason, &redactor)),
                    excerpt: redactor.excerpt(&body),
                    meta: Box::new(error.meta),
                    source: Some(crate::error::json_cause(reason, &redactor)),
                }
            }
            // A 2xx the spec does not declare (or a declared 2xx error, which none is).
            (status, GenError::UnexpectedResponse(response)) => {
                let status = status.unwrap_or_else(|| response.status());
                let body = read_capped(response, self.body_limit).await;
                if seen.too_large || body.is_none() {
                    return too_large(meta);
                }
                let body = body.unwrap_or_default();
                let mut error = ApiError::bare(vendor.vendor(), status, meta);
                vendor.error_fields(&body, &mut error);
                if !body.is_empty() && error.detail.is_none() && error.field.is_none() {
                    error.body_excerpt = Some(redactor(vendor, prepared).excerpt(&body));
                }
                Error::Api(Box::new(error))
            }
            (status, GenError::ErrorResponse(value)) => {
                let status = status.unwrap_or_else(|| value.status());
                Error::Api(Box::new(ApiError::bare(vendor.vendor(), status, meta)))
            }
        }
    }
}

impl Transport {
    /// An answer's departures from the spec, its paths through the redaction boundary (a
    /// field's name is server text) and capped; each is logged the first time this client
    /// (and its clones) sees it.
    fn reported(
        &self,
        (vendor, op): (Vendor, &Op),
        mut found: crate::departure::Found,
        redactor: impl FnOnce() -> Redactor,
    ) -> Vec<Departure> {
        if found.is_empty() {
            return Vec::new();
        }
        // Only an undeclared field's name is server text; a rule's path is the spec's names.
        let undeclared = |rule: &DepartureRule| *rule == DepartureRule::Undeclared;
        let redactor = found
            .iter()
            .any(|(_, rule)| undeclared(rule))
            .then(redactor);
        found.truncate(crate::departure::MAX_PER_ANSWER);
        let departures: Vec<Departure> = (found.into_iter())
            .map(|(path, rule)| Departure {
                operation: Cow::Borrowed(op.name),
                path: match &redactor {
                    Some(redactor) if undeclared(&rule) => {
                        redactor.text_capped(&path, MAX_DEPARTURE_PATH_CHARS)
                    }
                    _ => path,
                },
                rule,
            })
            .collect();
        let mut reported = self.reported.lock().unwrap_or_else(|p| p.into_inner());
        for departure in &departures {
            // Bounded: a server that invents a field name per answer must not grow it forever.
            if reported.len() < MAX_REPORTED && !reported.contains(departure) {
                reported.insert(departure.clone());
                tracing::warn!(
                    target: "customer_apis::spec",
                    vendor = %vendor,
                    operation = departure.operation.as_ref(),
                    path = departure.path.as_str(),
                    rule = %departure.rule,
                    "the answer departs from the vendor's spec"
                );
            }
        }
        departures
    }
}

/// The longest path a departure keeps (a field's name is the server's choice).
const MAX_DEPARTURE_PATH_CHARS: usize = 256;

/// How many distinct departures a client logs; past it, none more (each is still in the
/// answer's metadata).
const MAX_REPORTED: usize = 256;

/// A success's headers made safe to hand to the caller (see [`Response::headers`]): the
/// values of credential headers marked sensitive; a value that holds one of the attempt's
/// credentials (the sieve says which may) redacted and marked sensitive.
fn mask_headers<V: VendorCall>(
    vendor: &V,
    prepared: &Prepared<V::Session>,
    sieve: &crate::redact::Sieve,
    headers: &mut HeaderMap,
) {
    use reqwest::header::{AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION, SET_COOKIE};
    let mut redactor = None;
    for (name, value) in headers.iter_mut() {
        if sieve.may_mask(value.as_bytes()) {
            let redactor = redactor.get_or_insert_with(|| self::redactor(vendor, prepared));
            let text = String::from_utf8_lossy(value.as_bytes());
            if let std::borrow::Cow::Owned(masked) = redactor.redact(&text) {
                // The mask is visible ASCII and the rest was a header value: no fallback is
                // expected, but none would keep the secret.
                *value = HeaderValue::from_str(&masked)
                    .unwrap_or(HeaderValue::from_static("[REDACTED]"));
                value.set_sensitive(true);
                continue;
            }
        }
        if [&SET_COOKIE, &COOKIE, &AUTHORIZATION, &PROXY_AUTHORIZATION].contains(&name) {
            value.set_sensitive(true);
        }
    }
}

/// The longest served version kept (the documented limit is 64 characters).
const MAX_VERSION_CHARS: usize = 64;

/// Why `body` does not decode, with the JSON path of the value at fault (its keys are server
/// text: each is masked by `redactor` before it is cut).
fn decode_reason(body: &[u8], error: &serde_json::Error, redactor: &Redactor) -> String {
    let path = crate::json_path::of_error(body, error, redactor);
    if path.is_empty() {
        error.to_string()
    } else {
        format!("{path}: {error}")
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    format!("{s} second{}", if s == 1.0 { "" } else { "s" })
}

async fn read_capped(response: reqwest::Response, limit: usize) -> Option<Bytes> {
    let mut stream = response.bytes_stream();
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            // The capped body stopped: the answer is too large, not merely cut short.
            Err(e) if over_limit(&e) => return None,
            Err(_) => break,
        };
        if body.len() + chunk.len() > limit {
            return None;
        }
        body.extend_from_slice(&chunk);
    }
    Some(body.into())
}

/// One line naming the failure and its causes (reqwest's own message is terse); the
/// reqwest error is kept as the source.
fn transport_error(mut e: reqwest::Error, meta: ResponseMeta) -> Error {
    // A body the layer rewrapped has reqwest's placeholder URL, which names nothing real.
    if e.url()
        .is_some_and(|u| u.host_str() == Some("no.url.provided.local"))
    {
        e = e.without_url();
    }
    // The message goes into logs and spans: the path names the resource, a query (the escape
    // hatch's) may carry anything.
    if let Some(url) = e.url_mut() {
        url.set_query(None);
        url.set_fragment(None);
    }
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let message = crate::redact::one_line(&message).into_owned();
    let connect = e.is_connect();
    if e.is_timeout() {
        Error::Timeout {
            message,
            connect,
            meta: Box::new(meta),
            source: Some(Box::new(e)),
        }
    } else {
        Error::Transport {
            message,
            connect,
            meta: Box::new(meta),
            source: Some(Box::new(e)),
        }
    }
}

/// Whether a transport error is a connection that broke off before the whole answer came (a
/// reset, a connection closed before or while the answer was read), rather than an answer
/// that came and was not usable HTTP.
fn broke_off(e: &Error) -> bool {
    let Error::Transport {
        source: Some(source),
        ..
    } = e
    else {
        return false;
    };
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(source.as_ref());
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            let kind = io.kind();
            if matches!(
                kind,
                K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof
            ) {
                return true;
            }
        }
        if c.downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_incomplete_message)
        {
            return true;
        }
        cause = c.source();
    }
    false
}

/// A type's name without its path, for messages.
pub(crate) fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

/// The characters of a path parameter that are percent-encoded: progenitor's set (controls,
/// space, `"`, `#`, `<`, `>`, `?`, backtick, `{`, `}`, `/`, `%`) plus `\`, which URL parsing reads as `/` for http(s), so that every parameter
/// is exactly one segment. (`.` and `..` cannot be encoded away: URL parsing resolves them
/// even percent-encoded, so the layer refuses them before sending.) Unused when no enabled
/// spec has a path parameter (PDM's alone).
#[allow(dead_code)] // When no enabled spec has a path parameter.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'\\')
    .add(b'%');

/// How the generated calls write a path parameter into the URL (`customer_id.path_segment()`
/// in their `format!`): percent-encoded as it is displayed, with no string of its own for the
/// value or its encoding. A method, so that a string newtype is reached through its `Deref`.
#[allow(dead_code)]
pub(crate) trait PathSegment {
    /// The value, percent-encoded as it is displayed.
    fn path_segment(&self) -> EncodedSegment<'_, Self>;
}

impl<T: std::fmt::Display + ?Sized> PathSegment for T {
    fn path_segment(&self) -> EncodedSegment<'_, Self> {
        EncodedSegment(self)
    }
}

/// A path parameter's value, percent-encoded as it is displayed.
#[allow(dead_code)]
pub(crate) struct EncodedSegment<'a, T: ?Sized>(&'a T);

impl<T: std::fmt::Display + ?Sized> std::fmt::Display for EncodedSegment<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        /// Encodes what the value writes, piece by piece (a piece is whole characters).
        struct Encode<'a, 'b>(&'a mut std::fmt::Formatter<'b>);
        impl std::fmt::Write for Encode<'_, '_> {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                // RFC 3986's unreserved characters are in no set to encode: such a piece (an
                // id, usually) is written as it is, without the encoder's walk.
                let unreserved =
                    |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
                if s.bytes().all(unreserved) {
                    return self.0.write_str(s);
                }
                percent_encoding::utf8_percent_encode(s, PATH_SEGMENT)
                    .try_for_each(|part| self.0.write_str(part))
            }
        }
        std::fmt::write(&mut Encode(f), format_args!("{}", self.0))
    }
}

/// The URL of an escape-hatch request: `path` (with an optional query) appended to the base
/// URL. It must start with `/` and stay under the base URL's path: no `.` or `..` segment (nor
/// percent-encoded ones), no `\`, fragment, whitespace or control character.
pub(crate) fn raw_url(base: &str, path: &str) -> Result<reqwest::Url, Error> {
    let rule = |r: &'static str| Err(Error::invalid("path", r));
    if !path.starts_with('/') {
        return rule("must start with `/` (it is appended to the base URL)");
    }
    if path.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return rule("must not contain whitespace or control characters");
    }
    if path.contains('\\') || path.contains('#') {
        return rule("must not contain `\\` or `#`");
    }
    let (segments, _query) = path.split_once('?').unwrap_or((path, ""));
    let dot = |s: &str| {
        let s = s.to_ascii_lowercase().replace("%2e", ".");
        s == "." || s == ".."
    };
    if segments.split('/').any(dot) {
        return rule("must not contain `.` or `..` segments");
    }
    let url = reqwest::Url::parse(&format!("{base}{path}"))
        .map_err(|e| Error::invalid("path", format!("does not make a URL ({e})")))?;
    let prefix = reqwest::Url::parse(base).map(|b| b.path().trim_end_matches('/').to_owned());
    if !prefix.is_ok_and(|p| url.path().starts_with(&p)) {
        return rule("must stay under the base URL's path");
    }
    Ok(url)
}

/// The escape hatch of a vendor whose calls are `POST {base}/<method>` with its credentials
/// in the body (`x-client-fields`, as PDM's): `body` plus the fields `fields` gives for an
/// attempt's session, through the vendor's call path. The answer's status object (the
/// `S` at `status`, `x-answer-status`) is checked as the generated methods check it; the rest
/// of the answer decodes as `T`. `label`: the method name's parameter, which messages name.
#[allow(dead_code)] // A build whose specs have no `x-client-fields`.
pub(crate) async fn post_method<V, S, T, F>(
    (transport, vendor, http, base_url): (&Transport, &V, &reqwest::Client, &str),
    (label, method, status): (&'static str, &str, &'static str),
    body: serde_json::Map<String, serde_json::Value>,
    idempotent: bool,
    fields: F,
) -> Result<Response<T>, Error>
where
    V: VendorCall,
    S: crate::error::StatusObject,
    T: serde::de::DeserializeOwned + Send,
    F: Fn(&V::Session) -> serde_json::Result<Vec<(&'static str, serde_json::Value)>> + Send + Sync,
{
    type Object = serde_json::Map<String, serde_json::Value>;
    let name = !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !name {
        let rule = format!(
            "must be a {} method name (ASCII letters, digits and `_`)",
            vendor.vendor()
        );
        return Err(Error::invalid(label, rule));
    }
    let url = raw_url(base_url, &format!("/{method}"))?;
    let op = Op {
        name: "request",
        idempotent,
        method: "POST",
        template: None,
        answers: None,
    };
    let cx = &CallState::default();
    let send = |session: &V::Session| {
        let mut body = body.clone();
        let filled = fields(session).map(|fields| {
            body.extend(fields.into_iter().map(|(k, v)| (k.to_owned(), v)));
            http.post(url.clone()).json(&body)
        });
        async move {
            let request = filled.map_err(|e| GenError::InvalidRequest(e.to_string()))?;
            send_raw::<Object, ()>(http, request, cx).await
        }
    };
    let accept = |mut answer: Object, meta: &ResponseMeta| {
        let undecoded = |e: serde_json::Error| Error::Decode {
            expected: short_type_name::<T>(),
            reason: e.to_string(),
            excerpt: String::new(),
            meta: Box::new(meta.clone()),
            source: Some(crate::error::json_cause(e, &Default::default())),
        };
        let said = answer.remove(status).unwrap_or_default();
        serde_json::from_value::<S>(said)
            .map_err(|e| Error::decode("the answer's status", e.to_string(), meta))?
            .check(vendor.vendor(), meta)?;
        serde_json::from_value(serde_json::Value::Object(answer)).map_err(undecoded)
    };
    transport.call(cx, vendor, op, send, accept).await
}

/// Sends a request built by the escape hatch through [`exec`], as a generated call would, and
/// decodes a 2xx body as `T` (an error status goes to the layer's error mapping).
pub(crate) async fn send_raw<T: serde::de::DeserializeOwned, E>(
    client: &reqwest::Client,
    request: reqwest::RequestBuilder,
    cx: &CallState,
) -> Result<ResponseValue<T>, GenError<E>> {
    let request = request
        .build()
        .map_err(|e| GenError::InvalidRequest(e.to_string()))?;
    let response = exec(client, request, cx)
        .await
        .map_err(GenError::CommunicationError)?;
    if response.status().is_success() {
        // No spec describes what the escape hatch sends: its answer is not checked.
        decoded(response, |body| serde_json::from_slice(body)).await
    } else {
        Err(GenError::UnexpectedResponse(response))
    }
}

/// A `User-Agent` setting as a header value.
pub(crate) fn user_agent_value(user_agent: &str) -> Result<HeaderValue, Error> {
    // HeaderValue alone lets a tab, and bytes past ASCII, through; the rule says visible ASCII.
    let rule = "must be a valid header value (visible ASCII, no control characters)";
    if !user_agent.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return Err(Error::invalid("user_agent", rule));
    }
    HeaderValue::from_str(user_agent).map_err(|_| Error::invalid("user_agent", rule))
}

/// Builds the reqwest client every attempt of one vendor client uses. `direct`: never through
/// a proxy (a loopback URL: the plaintext guard lets it through because its bytes stay on the
/// machine, which a proxy from `HTTP_PROXY` would break; Go's net/http does the same).
pub(crate) fn http_client(
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: &str,
    direct: bool,
) -> Result<reqwest::Client, Error> {
    let user_agent = user_agent_value(user_agent)?;
    let builder = if direct {
        reqwest::Client::builder().no_proxy()
    } else {
        reqwest::Client::builder()
    };
    builder
        .connect_timeout(connect_timeout)
        .timeout(timeout)
        .user_agent(user_agent)
        // No vendor documents a redirect, and following one would carry the credentials
        // (PDM's are in the body, which reqwest re-sends on 307/308) to wherever it points,
        // past the plaintext guard: a 3xx is answered as the error it is.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::invalid("http client", e.to_string()))
}

/// `ResponseValue::from_response` without the copy of the headers (the layer has recorded
/// what it needs from them in [`exec`]).
pub(crate) async fn response_value<T: serde::de::DeserializeOwned + Validate + Declared, E>(
    response: reqwest::Response,
    cx: &CallState,
) -> Result<ResponseValue<T>, GenError<E>> {
    let check = response.status().is_success() && cx.check_spec.load(Ordering::Relaxed);
    decoded(response, |body| {
        let mut found = Vec::new();
        let inner = crate::departure::decode(body, check, &mut found)?;
        if !found.is_empty() {
            cx.lock().seen.departures = found;
        }
        Ok(inner)
    })
    .await
}

/// The body of `response`, read whole and decoded by `decode`.
async fn decoded<T, E>(
    response: reqwest::Response,
    decode: impl FnOnce(&[u8]) -> Result<T, serde_json::Error>,
) -> Result<ResponseValue<T>, GenError<E>> {
    let status = response.status();
    let full = response
        .bytes()
        .await
        .map_err(GenError::ResponseBodyError)?;
    match decode(&full) {
        Ok(inner) => Ok(ResponseValue::new(inner, status, HeaderMap::new())),
        Err(e) => Err(GenError::InvalidResponsePayload(full, e)),
    }
}
