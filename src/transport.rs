//! The shared call path of every vendor client: per-attempt headers, retries, timeouts,
//! response metadata, the body size cap and the mapping of progenitor's errors into [`Error`].
//!
//! The generated clients send through [`exec`] (build.rs implements progenitor's `ClientHooks`
//! with it). What one attempt needs to pass between the layer and [`exec`] travels in a
//! task-local [`Attempt`]: the generated builders take no extra arguments, and a task-local
//! keeps the per-call state out of the shared, cloneable client.

use std::cell::RefCell;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use backon::Retryable;
use bytes::Bytes;
use futures_util::StreamExt;
use progenitor_client::{Error as GenError, ResponseValue};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument;

use crate::error::{
    excerpt, is_retryable_status, parse_retry_after, ApiError, Error, ResponseMeta, Vendor,
    VendorCode,
};
use crate::response::Response;
use crate::retry::RetryPolicy;

/// Bytes of a body quoted in an error.
const EXCERPT_BYTES: usize = 200;

/// Default cap on a response body: the vendors' documented answers are a few KiB.
pub(crate) const DEFAULT_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// Per-attempt state shared between the layer and [`exec`].
pub(crate) struct Attempt {
    headers: std::sync::Arc<HeaderMap>,
    body_limit: usize,
    seen: RefCell<Seen>,
}

#[derive(Default)]
struct Seen {
    status: Option<reqwest::StatusCode>,
    request_id: Option<uuid::Uuid>,
    api_version: Option<String>,
    retry_after: Option<Duration>,
    too_large: bool,
}

tokio::task_local! {
    static ATTEMPT: Attempt;
}

/// Sends one request built by a generated client, adding the per-attempt headers and
/// recording what the layer needs from the response.
pub(crate) async fn exec(
    client: &reqwest::Client,
    mut request: reqwest::Request,
) -> reqwest::Result<reqwest::Response> {
    // progenitor's own `api-version: <info.version>` header is taken out of the generated
    // calls by the build script; the vendors' version header (where there is one) is the layer's.
    let limit = ATTEMPT
        .try_with(|a| {
            for (name, value) in a.headers.iter() {
                request.headers_mut().insert(name, value.clone());
            }
            a.body_limit
        })
        .unwrap_or(DEFAULT_BODY_LIMIT);
    let response = client.execute(request).await?;
    let too_large = response.content_length().is_some_and(|n| n > limit as u64);
    let _ = ATTEMPT.try_with(|a| {
        let headers = response.headers();
        let text = |name: &HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        let mut seen = a.seen.borrow_mut();
        seen.status = Some(response.status());
        seen.request_id = text(&X_REQUEST_ID).and_then(|v| uuid::Uuid::parse_str(v.trim()).ok());
        seen.api_version = text(&X_API_VERSION).map(|v| v.trim().to_owned());
        seen.retry_after = text(&reqwest::header::RETRY_AFTER).and_then(parse_retry_after);
        seen.too_large = too_large;
    });
    // A declared length within the cap needs no guard: hyper reads no byte past it.
    if response.content_length().is_some_and(|n| n <= limit as u64) {
        return Ok(response);
    }
    Ok(limit_body(response, limit, too_large))
}

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const X_API_VERSION: HeaderName = HeaderName::from_static("x-api-version");

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
            let _ = ATTEMPT.try_with(|a| a.seen.borrow_mut().too_large = true);
            return Err(Box::<dyn std::error::Error + Send + Sync>::from(OverLimit));
        }
        Ok(chunk)
    });
    http::Response::from_parts(parts, reqwest::Body::wrap_stream(stream)).into()
}

/// The error a capped body stops with; recognisable wherever the body is read (the flag in
/// [`Seen`] is only reachable while the attempt's task-local is in scope).
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
    /// Headers added to the request (shared: a static credential's never change).
    pub(crate) headers: std::sync::Arc<HeaderMap>,
    /// Passed to the request closure.
    pub(crate) session: S,
    /// Which credential generation the attempt uses.
    pub(crate) generation: u64,
}

/// Whether an error says the credential was refused.
fn credential_refused(e: &Error) -> bool {
    match e {
        Error::Api(api) => {
            api.status == reqwest::StatusCode::UNAUTHORIZED
                || api.code == Some(VendorCode::Pdm(crate::error::PdmStatus::InvalidApiKey))
        }
        _ => false,
    }
}

/// How a vendor's layer takes part in a call.
pub(crate) trait VendorCall: Sync {
    /// The body progenitor decodes for a documented error status.
    type ErrorBody;

    /// Who this is.
    const VENDOR: Vendor;

    /// What an attempt needs besides headers (PDM's session token goes into the body).
    type Session: Send + Sync;

    /// Headers and session for the next attempt (credentials are obtained or refreshed here).
    fn prepare(&self) -> impl Future<Output = Result<Prepared<Self::Session>, Error>> + Send;

    /// Called once when an attempt sent with the credential of `generation` was rejected
    /// (HTTP 401, PDM code 202); `true` when a fresh credential makes repeating it worthwhile.
    fn credential_rejected(&self, _generation: u64) -> impl Future<Output = bool> + Send {
        async { false }
    }

    /// The vendor's fields of a documented error body.
    fn error_fields(&self, body: Self::ErrorBody, error: &mut ApiError);

    /// Tries the vendor's error format on an undocumented status's body.
    fn error_fields_from_bytes(&self, body: &[u8], error: &mut ApiError);

    /// Checks a response's metadata (CRO compares the served API version with the pin).
    fn check_meta(&self, _meta: &ResponseMeta) -> Result<(), Error> {
        Ok(())
    }
}

/// The reqwest client and call policy one vendor client holds.
#[derive(Clone, Debug)]
pub(crate) struct Transport {
    pub(crate) retry: RetryPolicy,
    pub(crate) body_limit: usize,
}

impl Transport {
    /// Runs `send` (one generated call) with retries; `accept` turns a decoded success into
    /// the caller's value or an error (PDM's status in the body, Foxtrot's envelope).
    pub(crate) async fn call<V, T, U, Fut>(
        &self,
        vendor: &V,
        operation: &'static str,
        send: impl Fn(&V::Session) -> Fut + Send + Sync,
        accept: impl Fn(T, &ResponseMeta) -> Result<U, Error> + Send + Sync,
    ) -> Result<Response<U>, Error>
    where
        V: VendorCall,
        V::ErrorBody: Send,
        T: Send,
        U: Send,
        Fut: Future<Output = Result<ResponseValue<T>, GenError<V::ErrorBody>>> + Send,
    {
        let span = tracing::debug_span!(
            "customer_apis.call",
            vendor = %V::VENDOR,
            operation,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let attempts = AtomicU32::new(0);
        let (send, accept, attempts_ref) = (&send, &accept, &attempts);
        let once = || {
            let n = attempts_ref.fetch_add(1, Ordering::Relaxed) + 1;
            // Boxed: the attempt's state machine is kilobytes, and every layer above
            // (retry, span) would otherwise move it.
            Box::pin(
                async move {
                    let (mut result, generation) = self.attempt(vendor, send, accept).await;
                    // Only a credential a request was sent with can be renewed: one refused while
                    // it was being obtained (GetSessionToken refusing the API key) is final.
                    if let (Err(e), Some(generation)) = (&result, generation) {
                        if credential_refused(e) && vendor.credential_rejected(generation).await {
                            tracing::debug!(
                                "credentials rejected; repeating the attempt with fresh ones"
                            );
                            result = self.attempt(vendor, send, accept).await.0;
                        }
                    }
                    result.map_err(|mut e| {
                        if let Some(meta) = e.meta_mut() {
                            meta.attempts = n;
                        }
                        e
                    })
                }
                .instrument(tracing::debug_span!("attempt", number = n)),
            )
        };
        let cap = self.retry.max_retry_after;
        let result = once
            .retry(self.retry.backoff())
            .sleep(tokio::time::sleep)
            .when(|e: &Error| e.is_retryable())
            .adjust(|e: &Error, next: Option<Duration>| {
                let next = next?;
                // Only a status that is retried anyway has its Retry-After honoured.
                let asked = e
                    .api()
                    .filter(|a| is_retryable_status(a.status))
                    .and_then(|a| a.meta.retry_after);
                Some(match asked {
                    Some(wait) => wait.min(cap),
                    None => next,
                })
            })
            .notify(|e: &Error, wait: Duration| {
                tracing::debug!(error = %e, ?wait, "retrying");
            })
            .instrument(span.clone())
            .await;
        let n = attempts.load(Ordering::Relaxed);
        span.record("attempts", n);
        match &result {
            Ok(r) => {
                span.record("status", r.meta().status.map(|s| s.as_u16()));
                span.record("request_id", tracing::field::debug(r.meta().request_id));
                tracing::debug!(parent: &span, attempts = n, "call succeeded");
            }
            Err(e) => {
                span.record("status", e.status().map(|s| s.as_u16()));
                span.record("request_id", tracing::field::debug(e.request_id()));
                tracing::debug!(parent: &span, attempts = n, error = %e, "call failed");
            }
        }
        result.map(|mut r| {
            r.meta_mut().attempts = n;
            r
        })
    }

    async fn attempt<V, T, U, Fut>(
        &self,
        vendor: &V,
        send: &(impl Fn(&V::Session) -> Fut + Sync),
        accept: &(impl Fn(T, &ResponseMeta) -> Result<U, Error> + Sync),
    ) -> (Result<Response<U>, Error>, Option<u64>)
    where
        V: VendorCall,
        Fut: Future<Output = Result<ResponseValue<T>, GenError<V::ErrorBody>>>,
    {
        match vendor.prepare().await {
            Ok(prepared) => {
                let generation = prepared.generation;
                let result = self.attempt_with(vendor, send, prepared).await;
                let result = result.and_then(|r| {
                    let (value, meta) = r.into_parts();
                    match accept(value, &meta) {
                        Ok(value) => Ok(Response::new(value, meta)),
                        Err(mut e) => {
                            if let Some(m) = e.meta_mut() {
                                *m = meta;
                            }
                            Err(e)
                        }
                    }
                });
                (result, Some(generation))
            }
            Err(e) => (Err(e), None),
        }
    }

    async fn attempt_with<V, T, Fut>(
        &self,
        vendor: &V,
        send: &(impl Fn(&V::Session) -> Fut + Sync),
        prepared: Prepared<V::Session>,
    ) -> Result<Response<T>, Error>
    where
        V: VendorCall,
        Fut: Future<Output = Result<ResponseValue<T>, GenError<V::ErrorBody>>>,
    {
        let attempt = Attempt {
            headers: prepared.headers,
            body_limit: self.body_limit,
            seen: RefCell::new(Seen::default()),
        };
        let (outcome, mut seen) = ATTEMPT
            .scope(attempt, async {
                let outcome = send(&prepared.session).await;
                let seen = ATTEMPT.with(|a| a.seen.take());
                (outcome, seen)
            })
            .await;
        let meta = ResponseMeta {
            status: seen.status,
            request_id: seen.request_id,
            api_version: seen.api_version.take(),
            retry_after: seen.retry_after,
            attempts: 1,
        };
        let too_large = || Error::ResponseTooLarge {
            limit: self.body_limit,
            meta: Box::new(meta.clone()),
        };
        match outcome {
            Ok(value) => {
                vendor.check_meta(&meta)?;
                Ok(Response::new(value.into_inner(), meta))
            }
            Err(GenError::ErrorResponse(value)) => {
                let mut error = api_error::<V>(value.status(), meta);
                vendor.error_fields(value.into_inner(), &mut error);
                vendor.check_meta(&error.meta)?;
                Err(Error::Api(Box::new(error)))
            }
            Err(GenError::UnexpectedResponse(response)) => {
                let status = response.status();
                let body = read_capped(response, self.body_limit).await;
                if seen.too_large || body.is_none() {
                    return Err(too_large());
                }
                let body = body.unwrap_or_default();
                let mut error = api_error::<V>(status, meta);
                vendor.error_fields_from_bytes(&body, &mut error);
                if error.detail.is_none() && !body.is_empty() {
                    error.body_excerpt = Some(excerpt(&body, EXCERPT_BYTES));
                }
                Err(Error::Api(Box::new(error)))
            }
            Err(GenError::InvalidResponsePayload(body, reason)) => {
                if seen.too_large {
                    return Err(too_large());
                }
                match seen.status {
                    Some(status) if !status.is_success() => {
                        let mut error = api_error::<V>(status, meta);
                        vendor.error_fields_from_bytes(&body, &mut error);
                        if error.detail.is_none() {
                            error.body_excerpt = Some(excerpt(&body, EXCERPT_BYTES));
                        }
                        Err(Error::Api(Box::new(error)))
                    }
                    _ => Err(Error::Decode {
                        expected: short_type_name::<T>(),
                        reason: reason.to_string(),
                        excerpt: excerpt(&body, EXCERPT_BYTES),
                        meta: Box::new(meta),
                    }),
                }
            }
            Err(GenError::CommunicationError(e))
            | Err(GenError::ResponseBodyError(e))
            | Err(GenError::InvalidUpgrade(e)) => {
                if seen.too_large {
                    return Err(too_large());
                }
                Err(transport_error(&e, meta))
            }
            Err(GenError::InvalidRequest(reason)) => Err(Error::invalid("request", reason)),
            Err(GenError::Custom(reason)) => Err(Error::Transport {
                message: reason,
                connect: false,
                meta: Box::new(meta),
            }),
        }
    }
}

fn api_error<V: VendorCall>(status: reqwest::StatusCode, meta: ResponseMeta) -> ApiError {
    ApiError {
        vendor: V::VENDOR,
        status,
        code: None,
        field: None,
        detail: None,
        explanation: None,
        body_excerpt: None,
        meta,
    }
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

/// One line naming the failure and its causes (reqwest's own message is terse).
fn transport_error(e: &reqwest::Error, meta: ResponseMeta) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let message = crate::error::one_line(&message).into_owned();
    let connect = e.is_connect();
    if e.is_timeout() {
        Error::Timeout {
            message,
            connect,
            meta: Box::new(meta),
        }
    } else {
        Error::Transport {
            message,
            connect,
            meta: Box::new(meta),
        }
    }
}

fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

/// Builds the reqwest client every attempt of one vendor client uses.
pub(crate) fn http_client(
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: &str,
) -> Result<reqwest::Client, Error> {
    // HeaderValue alone lets a tab, and bytes past ASCII, through; the rule says visible ASCII.
    let rule = "must be a valid header value (visible ASCII, no control characters)";
    if !user_agent.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return Err(Error::invalid("user_agent", rule));
    }
    let user_agent =
        HeaderValue::from_str(user_agent).map_err(|_| Error::invalid("user_agent", rule))?;
    reqwest::Client::builder()
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
pub(crate) async fn response_value<T: serde::de::DeserializeOwned, E>(
    response: reqwest::Response,
) -> Result<ResponseValue<T>, GenError<E>> {
    let status = response.status();
    let full = response
        .bytes()
        .await
        .map_err(GenError::ResponseBodyError)?;
    let inner =
        serde_json::from_slice(&full).map_err(|e| GenError::InvalidResponsePayload(full, e))?;
    Ok(ResponseValue::new(inner, status, HeaderMap::new()))
}
