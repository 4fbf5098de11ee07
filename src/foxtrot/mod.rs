//! Foxtrot (route optimisation): customers, confident locations and waypoints.
//!
//! Foxtrot wraps answers in an envelope, `{"status": ..., "data": ...}`; the client returns
//! the `data` payload. Errors arrive as `{"status": "error", "data": {"code", "message"}}`:
//! code 7001 (customer location not confident) is
//! [`FoxtrotCode::LocationNotConfident`], and 401, 403
//! and 404 are told apart by [`Error::status`].
//!
//! ```no_run
//! use customer_apis::foxtrot::Client;
//!
//! # async fn demo() -> Result<(), customer_apis::Error> {
//! let client = Client::builder().api_key("my-api-key").build()?;
//! let customer = client.get_customer("Foxtrot-DC", "johns-burger-shack").await?;
//! println!("{} at {:?}", customer.name, customer.imported_location);
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{ApiError, Error, ResponseMeta, Vendor, VendorCode};
use crate::response::Response;
use crate::transport::{CallState, Prepared, RawRequest, VendorCall};

/// Foxtrot's documented error codes, generated from `specs/foxtrot.yaml`
/// (`x-error-code-type`, the meanings from the operations' `x-error-codes`).
pub use generated::spec::FoxtrotCode;

crate::client::vendor_client! {
    /// A Foxtrot client. Cheap to clone; clones share one connection pool. `Send + Sync`.
    spec: "foxtrot",
    policy: Foxtrot,
}

#[cfg(feature = "sandbox")]
pub(crate) use generated::check_seed;
/// Every operation of `specs/foxtrot.yaml` with its method, as data (see [`crate::operation`]).
pub use generated::OPERATIONS;

/// The models of `specs/foxtrot.yaml`, generated at build time. Each implements
/// [`Validate`](crate::Validate) with its documented rules.
pub use generated::types;

/// The default base URL: the vendor's public API, from the spec's `servers`.
pub use generated::spec::DEFAULT_BASE_URL;

/// A waypoint's status, generated from `specs/foxtrot.yaml` (`x-open-enum`): Foxtrot documents
/// only `PENDING`; any other value is kept as sent.
pub use generated::spec::WaypointStatus;

/// What Get Waypoints answers: the bare list the docs show, or the same list in the envelope.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum WaypointsAnswer {
    /// `{"status": ..., "data": {"waypoints": [...]}}`.
    Enveloped(types::WaypointListEnvelope),
    /// `{"waypoints": [...]}`, as the docs show.
    Bare(types::WaypointList),
}

impl WaypointsAnswer {
    /// The list, whichever form it came in.
    pub fn into_list(self) -> types::WaypointList {
        match self {
            WaypointsAnswer::Enveloped(e) => e.data,
            WaypointsAnswer::Bare(l) => l,
        }
    }
}

/// The enveloped form's `status` is read like every other answer's.
impl crate::transport::Answer for WaypointsAnswer {
    type Value = types::WaypointList;
    fn accept(self, meta: &ResponseMeta) -> Result<types::WaypointList, Error> {
        if let WaypointsAnswer::Enveloped(e) = &self {
            answer_status(&e.status, meta)?;
        }
        Ok(self.into_list())
    }
}

/// Builds a [`Client`]; every setting is checked by [`ClientBuilder::build`].
///
/// Every option, with its default where it has one:
///
/// ```
/// use std::time::Duration;
/// use customer_apis::foxtrot::Client;
/// use customer_apis::RetryPolicy;
///
/// let client = Client::builder()
///     .base_url("https://apiv1.foxtrotsystems.com")  // default
///     .api_key("my-api-key")                         // required, sent as a bearer token
///     .connect_timeout(Duration::from_secs(10))      // default
///     .timeout(Duration::from_secs(30))              // default, per attempt
///     .retry_policy(RetryPolicy::default())          // 3 attempts
///     .user_agent("my-app/1.0")
///     .max_response_bytes(4 * 1024 * 1024)           // default
///     .allow_insecure_http(false)                    // default; loopback is always allowed
///     .build()?;
/// # Ok::<(), customer_apis::Error>(())
/// ```
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<SecretString>,
    common: crate::config::Common,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("foxtrot::ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .field("common", &self.common)
            .finish()
    }
}

impl ClientBuilder {
    /// The API key, sent as `Authorization: Bearer <key>` (required).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(SecretString::from(key.into()));
        self
    }

    crate::config::common_builder_methods!();

    /// Checks every setting and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let key = self
            .api_key
            .ok_or_else(|| Error::invalid("api_key", "is required"))?;
        let key = key.expose_secret();
        crate::config::secret("api_key", key)?;
        if !key.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Error::invalid(
                "api_key",
                "must be visible ASCII (it is sent in the Authorization header)",
            ));
        }
        let mut authorization = HeaderValue::from_str(&format!("Bearer {key}")).map_err(|_| {
            Error::invalid(
                "api_key",
                "must be visible ASCII without control characters",
            )
        })?;
        authorization.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(reqwest::header::AUTHORIZATION, authorization);
        let policy = Foxtrot {
            headers: Arc::new(headers),
        };
        let base_url = self.common.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
        Client::from_policy(&self.common, base_url, |_, _, _| Ok(policy))
    }
}

/// What is special about Foxtrot: an API key as a bearer token, and answers in an envelope
/// whose `status` says success, pending or error.
struct Foxtrot {
    /// `Authorization: Bearer <key>`, built once.
    headers: Arc<HeaderMap>,
}

impl fmt::Debug for Foxtrot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Foxtrot")
            .field("api_key", &"[REDACTED]")
            .finish()
    }
}

/// The longest path id sent. Foxtrot documents no limit; this SDK refuses longer ids before
/// sending, because servers and proxies refuse URLs of a few KiB and the error would quote it.
pub const MAX_ID_CHARS: usize = crate::transport::MAX_PATH_PARAM_CHARS;

impl Client {
    /// Any request, for an endpoint `specs/foxtrot.yaml` does not cover yet, through this
    /// client's core: the API key, retries (any retryable failure for GET, HEAD, PUT and
    /// DELETE; for other methods only when the server cannot have acted on the request),
    /// timeouts, the size cap, the envelope (its `status` read, its `data` returned as `T`) and
    /// [`Error`]. `path` is appended to the base URL (a query allowed) and must stay under it;
    /// `body`, if any, is sent as JSON.
    ///
    /// ```no_run
    /// # async fn demo(client: customer_apis::foxtrot::Client) -> Result<(), customer_apis::Error> {
    /// let routes: serde_json::Value = client
    ///     .request::<serde_json::Value>(reqwest::Method::GET, "/dcs/Foxtrot-DC/routes", None)
    ///     .await?
    ///     .into_inner();
    /// # let _ = routes; Ok(()) }
    /// ```
    pub async fn request<T: serde::de::DeserializeOwned + Send>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<Response<T>, Error> {
        /// `data` is read as it comes: an error's `data` is the error body, not a `T`.
        #[derive(serde::Deserialize)]
        struct Envelope {
            status: String,
            data: serde_json::Value,
        }
        let inner = &*self.inner;
        let raw = RawRequest::new(&inner.generated, &inner.base_url, method, path, body)?;
        let cx = &CallState::default();
        let send = |_: &()| raw.send::<Envelope, types::ErrorEnvelope>(cx);
        let accept = |answer: Envelope, meta: &ResponseMeta| {
            if answer.status == "error" {
                if let Ok(body) = serde_json::from_value::<types::ErrorData>(answer.data.clone()) {
                    return Err(Error::Api(Box::new(ApiError {
                        vendor: Vendor::Foxtrot,
                        status: meta.status.unwrap_or(reqwest::StatusCode::OK),
                        code: Some(VendorCode::from(FoxtrotCode::from_code(body.code))),
                        field: None,
                        detail: Some(body.message),
                        explanation: None,
                        body_excerpt: None,
                        meta: meta.clone(),
                    })));
                }
            }
            answer_status(&answer.status, meta)?;
            serde_json::from_value(answer.data).map_err(|e| Error::Decode {
                expected: std::any::type_name::<T>(),
                reason: format!("data: {e}"),
                excerpt: String::new(),
                meta: Box::new(meta.clone()),
                source: Some(crate::error::json_cause(e, &Default::default())),
            })
        };
        inner
            .transport
            .call(cx, &inner.policy, raw.op(), send, accept)
            .await
    }
}

/// What the envelope's `status` says of a 2xx answer whose `data` decoded: `success` is the
/// value; `pending` is [`Error::Pending`]; `error` is the vendor error it says (its `data`
/// had the success shape, so there is no code); anything else is not an answer to use.
pub(crate) fn answer_status(status: &str, meta: &ResponseMeta) -> Result<(), Error> {
    match status {
        "success" => Ok(()),
        "pending" => Err(Error::Pending {
            vendor: Vendor::Foxtrot,
            meta: Box::new(meta.clone()),
        }),
        "error" => Err(Error::Api(Box::new(ApiError {
            vendor: Vendor::Foxtrot,
            status: meta.status.unwrap_or(reqwest::StatusCode::OK),
            code: None,
            field: None,
            detail: Some("the envelope's status is `error`".to_owned()),
            explanation: None,
            body_excerpt: None,
            meta: meta.clone(),
        }))),
        other => Err(Error::Decode {
            expected: "a Foxtrot envelope",
            reason: format!(
                "unknown envelope status {other:?} (documented: success, pending, error)"
            ),
            excerpt: String::new(),
            meta: Box::new(meta.clone()),
            source: None,
        }),
    }
}

impl VendorCall for Foxtrot {
    type Session = ();
    const VENDOR: Vendor = Vendor::Foxtrot;

    async fn prepare(&self, _cx: &CallState) -> Result<Prepared<()>, Error> {
        Ok(Prepared {
            headers: self.headers.clone(),
            session: (),
            generation: 0,
        })
    }

    fn error_fields(&self, body: &[u8], error: &mut ApiError) {
        if let Ok(body) = serde_json::from_slice::<types::ErrorEnvelope>(body) {
            error.code = Some(VendorCode::from(FoxtrotCode::from_code(body.data.code)));
            error.detail = Some(body.data.message);
        }
    }

    /// Foxtrot's error envelope can come with HTTP 200 too (`{"status": "error", "data":
    /// {"code": 7001, ...}}`): it is the error it says, not a body that failed to decode.
    fn error_in_success_body(&self, body: &[u8], error: &mut ApiError) -> bool {
        self.error_fields(body, error);
        error.code.is_some()
    }
}
