//! PDM (Pro Delivery Manager), v2 accounts API: session tokens and customers.
//!
//! PDM has no shared base URL: every PDM customer has its own endpoint, given by PDM. Calls
//! are `POST {base}/<Method>` with a JSON body; the company id and the session token travel in
//! the body, and PDM answers HTTP 200 with its own status code in the body. Every code other
//! than 101 (OK) becomes [`Error::Api`] with a [`PdmStatus`].
//!
//! ```no_run
//! use customer_apis::pdm::{Client, CustomerLookup};
//!
//! # async fn demo() -> Result<(), customer_apis::Error> {
//! let client = Client::builder()
//!     .base_url("https://pdm.example.com/api/v2")
//!     .company_id(9001)
//!     .api_key("my-api-key")
//!     .build()?;
//! let customer = client.get_customer(&CustomerLookup::id(1408)).await?;
//! println!("{} {:?}", customer.customer_ref, customer.last_name);
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::auth::{secret_text, SharedCredential};
use crate::error::{ApiError, Error, PdmStatus, ResponseMeta, Vendor, VendorCode};
use crate::response::Response;
use crate::transport::{Op, Prepared, Transport, VendorCall};
use crate::validation::Validate;

#[allow(
    dead_code,
    unused_imports,
    unused_comparisons,
    missing_docs,
    clippy::all,
    rustdoc::all
)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/pdm.rs"));
}

/// The models of `specs/pdm.yaml`, generated at build time. Each implements
/// [`Validate`](crate::Validate) with its documented rules.
pub use generated::types;

secret_text! {
    /// A PDM API key. `Debug` and `Display` are redacted.
    ApiKey
}

secret_text! {
    /// A PDM session token, issued by GetSessionToken. `Debug` and `Display` are redacted.
    SessionToken
}

/// PDM's status code for success.
const OK: i32 = 101;

/// Which customer to look up: by PDM's id, by the external reference, or both (PDM tries the
/// id first and uses the first match).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerLookup {
    /// PDM's internal customer id.
    Id(i64),
    /// The reference the third-party system knows the customer by (at most 50 characters).
    ExternalRef(String),
    /// Both; PDM tries `customer_id` first.
    Both {
        /// PDM's internal customer id.
        customer_id: i64,
        /// The external reference.
        external_customer_ref: String,
    },
}

impl CustomerLookup {
    /// By PDM's customer id.
    pub fn id(customer_id: i64) -> Self {
        CustomerLookup::Id(customer_id)
    }

    /// By external reference.
    pub fn external_ref(reference: impl Into<String>) -> Self {
        CustomerLookup::ExternalRef(reference.into())
    }

    /// From optional parts, as a CLI or form gives them; neither is an error naming the rule.
    pub fn from_parts(
        customer_id: Option<i64>,
        external_customer_ref: Option<String>,
    ) -> Result<Self, Error> {
        match (customer_id, external_customer_ref) {
            (Some(id), Some(r)) => Ok(CustomerLookup::Both {
                customer_id: id,
                external_customer_ref: r,
            }),
            (Some(id), None) => Ok(CustomerLookup::Id(id)),
            (None, Some(r)) => Ok(CustomerLookup::ExternalRef(r)),
            (None, None) => Err(Error::invalid(
                "customer_id / external_customer_ref",
                "one of them is required",
            )),
        }
    }

    fn parts(&self) -> (Option<i64>, Option<&str>) {
        match self {
            CustomerLookup::Id(id) => (Some(*id), None),
            CustomerLookup::ExternalRef(r) => (None, Some(r)),
            CustomerLookup::Both {
                customer_id,
                external_customer_ref,
            } => (Some(*customer_id), Some(external_customer_ref)),
        }
    }
}

enum Credentials {
    ApiKey(ApiKey),
    Session(SessionToken),
}

/// Builds a [`Client`]; every setting is checked by [`ClientBuilder::build`].
///
/// Every option, with its default where it has one:
///
/// ```
/// use std::time::Duration;
/// use customer_apis::pdm::Client;
/// use customer_apis::RetryPolicy;
///
/// let client = Client::builder()
///     .base_url("https://pdm.example.com/api/v2")    // required: PDM has no shared endpoint
///     .company_id(9001)                              // required
///     .api_key("my-api-key")                         // or .session_token("9001|...|0001")
///     .refresh_early(Duration::from_secs(60))        // default: renew a session 60 s before expiry
///     .connect_timeout(Duration::from_secs(10))      // default
///     .timeout(Duration::from_secs(30))              // default, per attempt
///     .retry_policy(RetryPolicy::default())          // 3 attempts, also on PDM's 205
///     .user_agent("my-app/1.0")
///     .max_response_bytes(4 * 1024 * 1024)           // default
///     .allow_insecure_http(false)                    // default; loopback is always allowed
///     .build()?;
/// # Ok::<(), customer_apis::Error>(())
/// ```
pub struct ClientBuilder {
    base_url: Option<String>,
    company_id: Option<i64>,
    credentials: Option<Credentials>,
    common: crate::config::Common,
    refresh_early: Duration,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("pdm::ClientBuilder")
            .field("base_url", &self.base_url)
            .field("company_id", &self.company_id)
            .field(
                "credentials",
                &self.credentials.as_ref().map(|c| match c {
                    Credentials::ApiKey(_) => "API key [REDACTED]",
                    Credentials::Session(_) => "session token [REDACTED]",
                }),
            )
            .field("common", &self.common)
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: None,
            company_id: None,
            credentials: None,
            common: crate::config::Common::default(),
            refresh_early: Duration::from_secs(60),
        }
    }
}

impl ClientBuilder {
    /// Your PDM endpoint (required: PDM has no shared default). It may carry a path prefix.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Your company id in PDM (required).
    pub fn company_id(mut self, company_id: i64) -> Self {
        self.company_id = Some(company_id);
        self
    }

    /// The API key: the client obtains session tokens with GetSessionToken, caches them,
    /// refreshes them before they expire and once when PDM answers 202.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::ApiKey(ApiKey::new(key)));
        self
    }

    /// A session token obtained elsewhere; used as is, never refreshed.
    pub fn session_token(mut self, token: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Session(SessionToken::new(token)));
        self
    }

    crate::config::common_builder_methods!();

    /// How long before its expiry a session token is renewed (default 60 s).
    pub fn refresh_early(mut self, margin: Duration) -> Self {
        self.refresh_early = margin;
        self
    }

    /// Checks every setting and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.base_url.ok_or_else(|| {
            Error::invalid(
                "base_url",
                "is required: every PDM customer has its own endpoint",
            )
        })?;
        let (base_url, http, transport) = self.common.build(&base_url)?;
        let company_id = self
            .company_id
            .ok_or_else(|| Error::invalid("company_id", "is required"))?;
        let session = match self.credentials {
            None => {
                return Err(Error::invalid(
                    "api_key",
                    "is required (api_key or session_token)",
                ))
            }
            Some(Credentials::ApiKey(key)) => {
                crate::config::secret("api_key", key.expose())?;
                Session::Managed {
                    key,
                    cache: SharedCredential::default(),
                }
            }
            Some(Credentials::Session(token)) => {
                crate::config::secret("session_token", token.expose())?;
                Session::Fixed(token)
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                generated: generated::Client::new_with_client(&base_url, http),
                transport,
                company_id,
                session,
                refresh_early: self.refresh_early,
                no_headers: Arc::new(HeaderMap::new()),
                base_url,
            }),
        })
    }
}

enum Session {
    Managed {
        key: ApiKey,
        cache: SharedCredential<SessionToken>,
    },
    Fixed(SessionToken),
}

/// A PDM client. Cheap to clone; clones share the connection pool and the session token.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    generated: generated::Client,
    transport: Transport,
    company_id: i64,
    session: Session,
    refresh_early: Duration,
    base_url: String,
    /// PDM sends nothing in headers; shared so that an attempt costs no allocation.
    no_headers: Arc<HeaderMap>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("pdm::Client")
            .field("base_url", &self.inner.base_url)
            .field("company_id", &self.inner.company_id)
            .field(
                "credentials",
                &match self.inner.session {
                    Session::Managed { .. } => "API key [REDACTED]",
                    Session::Fixed(_) => "session token [REDACTED]",
                },
            )
            .finish()
    }
}

impl Client {
    /// A builder with the defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// GetCustomer: one customer, by id, external reference or both.
    ///
    /// Checked before sending: the external reference is at most 50 characters and not empty.
    /// A read, so retried on retryable failures (and on PDM's 205).
    pub async fn get_customer(
        &self,
        lookup: &CustomerLookup,
    ) -> Result<Response<types::Customer>, Error> {
        let inner = &*self.inner;
        let (customer_id, external_ref) = lookup.parts();
        if external_ref.is_some_and(|r| r.trim().is_empty()) {
            return Err(Error::invalid("external_customer_ref", "must not be empty"));
        }
        let body = |session: &SessionToken| types::GetCustomerRequest {
            company_id: inner.company_id,
            session_token: session.clone(),
            customer_id,
            external_customer_ref: external_ref.map(str::to_owned),
        };
        let placeholder = SessionToken::new("-");
        if let Some(broken) = body(&placeholder).validate().into_iter().next() {
            return Err(Error::invalid(broken.field, broken.rule.to_string()));
        }
        inner
            .transport
            .call(
                inner,
                "GetCustomer",
                |session| {
                    let body = body(session);
                    async move { inner.generated.get_customer(&body).await }
                },
                |answer: types::GetCustomerResponse, meta| {
                    check_status(&answer.status, meta)?;
                    answer.customer.ok_or_else(|| missing("customer", meta))
                },
            )
            .await
    }

    /// Any PDM method, for one `specs/pdm.yaml` does not cover yet: `POST {base}/<pdm_method>`
    /// with `body` plus the client's `company_id` and `session_token`, through this client's
    /// core (sessions obtained and renewed, retries, timeouts, the size cap, [`Error`]). The
    /// answer's `status` is checked like the documented methods' (any code but 101 is
    /// [`Error::Api`]); the rest of the answer decodes as `T`. `idempotent`: whether repeating
    /// the method is safe (reads are); if not, it is repeated only when PDM cannot have acted
    /// on it.
    ///
    /// ```no_run
    /// # async fn demo(client: customer_apis::pdm::Client) -> Result<(), customer_apis::Error> {
    /// let mut body = serde_json::Map::new();
    /// body.insert("customer_id".into(), 1408.into());
    /// let orders = client.request::<serde_json::Value>("GetOrders", body, true).await?;
    /// # let _ = orders; Ok(()) }
    /// ```
    pub async fn request<T: serde::de::DeserializeOwned + Send>(
        &self,
        pdm_method: &str,
        body: serde_json::Map<String, serde_json::Value>,
        idempotent: bool,
    ) -> Result<Response<T>, Error> {
        #[derive(serde::Deserialize)]
        struct Answer<T> {
            status: types::Status,
            #[serde(flatten)]
            rest: T,
        }
        if pdm_method.is_empty()
            || !pdm_method
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(Error::invalid(
                "pdm_method",
                "must be a PDM method name (ASCII letters, digits and `_`)",
            ));
        }
        let inner = &*self.inner;
        let url = crate::transport::raw_url(&inner.base_url, &format!("/{pdm_method}"))?;
        let op = Op {
            name: "request",
            idempotent,
        };
        let http = progenitor_client::ClientInfo::client(&inner.generated);
        let send = |session: &SessionToken| {
            let mut body = body.clone();
            body.insert("company_id".into(), inner.company_id.into());
            body.insert("session_token".into(), session.expose().into());
            let request = http.post(url.clone()).json(&body);
            crate::transport::send_raw::<Answer<T>, ()>(http, request)
        };
        let accept = |answer: Answer<T>, meta: &ResponseMeta| {
            check_status(&answer.status, meta)?;
            Ok(answer.rest)
        };
        inner.transport.call(inner, op, send, accept).await
    }

    /// GetSessionToken: a fresh session token for the client's API key. The client calls it
    /// itself when needed; call it to hand a token to another process.
    pub async fn get_session_token(&self) -> Result<Response<types::Session>, Error> {
        match &self.inner.session {
            Session::Managed { key, .. } => self.inner.fetch_session(key).await,
            Session::Fixed(_) => Err(Error::invalid(
                "api_key",
                "is required to obtain a session token",
            )),
        }
    }
}

fn check_status(status: &types::Status, meta: &ResponseMeta) -> Result<(), Error> {
    if status.code == OK {
        return Ok(());
    }
    Err(Error::Api(Box::new(ApiError {
        vendor: Vendor::Pdm,
        status: meta.status.unwrap_or(reqwest::StatusCode::OK),
        code: Some(VendorCode::Pdm(PdmStatus::from_code(status.code.into()))),
        field: None,
        detail: Some(status.details.clone()),
        explanation: None,
        body_excerpt: None,
        meta: meta.clone(),
    })))
}

fn missing(what: &'static str, meta: &ResponseMeta) -> Error {
    Error::Decode {
        expected: "a PDM answer with status 101",
        reason: format!("status 101 (OK) without `{what}`"),
        excerpt: String::new(),
        meta: Box::new(meta.clone()),
        source: None,
    }
}

/// PDM's `YYYY-MM-DD HH:MM:SS` in UTC, as time left from now.
fn lifetime(expires_utc: &str) -> Option<Duration> {
    let at = chrono::NaiveDateTime::parse_from_str(expires_utc.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    let left = at.and_utc() - chrono::Utc::now();
    Some(left.to_std().unwrap_or(Duration::ZERO))
}

/// GetSessionToken goes through the same transport, without a session of its own.
struct SessionFetch<'a>(&'a Inner);

impl VendorCall for SessionFetch<'_> {
    type ErrorBody = ();
    type Session = ();
    const VENDOR: Vendor = Vendor::Pdm;

    async fn prepare(&self) -> Result<Prepared<()>, Error> {
        Ok(Prepared {
            headers: self.0.no_headers.clone(),
            session: (),
            generation: 0,
        })
    }

    fn error_fields(&self, body: &[u8], error: &mut ApiError) {
        self.0.error_fields(body, error);
    }

    fn secrets(&self, _session: &(), out: &mut Vec<String>) {
        self.0.secrets_into(out);
    }
}

impl Inner {
    /// The client's own credentials, redacted from whatever PDM answers.
    fn secrets_into(&self, out: &mut Vec<String>) {
        match &self.session {
            Session::Managed { key, .. } => out.push(key.expose().to_owned()),
            Session::Fixed(token) => out.push(token.expose().to_owned()),
        }
    }

    async fn fetch_session(&self, key: &ApiKey) -> Result<Response<types::Session>, Error> {
        let body = types::GetSessionTokenRequest {
            company_id: self.company_id,
            key: key.clone(),
        };
        self.transport
            .call(
                &SessionFetch(self),
                "GetSessionToken",
                |_| self.generated.get_session_token(&body),
                |answer: types::GetSessionTokenResponse, meta| {
                    check_status(&answer.status, meta)?;
                    let session = answer.session.ok_or_else(|| missing("session", meta))?;
                    // Sent on as is, an empty token would only earn a 202 on the next call.
                    if session.session_token.expose().trim().is_empty() {
                        return Err(Error::Decode {
                            expected: "a PDM session",
                            reason: "session.session_token is empty (the spec requires at least 1 character)".to_owned(),
                            excerpt: String::new(),
                            meta: Box::new(meta.clone()),
                            source: None,
                        });
                    }
                    Ok(session)
                },
            )
            .await
    }
}

impl VendorCall for Inner {
    type ErrorBody = ();
    type Session = SessionToken;
    const VENDOR: Vendor = Vendor::Pdm;

    async fn prepare(&self) -> Result<Prepared<SessionToken>, Error> {
        match &self.session {
            Session::Fixed(token) => Ok(Prepared {
                headers: self.no_headers.clone(),
                session: token.clone(),
                generation: 0,
            }),
            Session::Managed { key, cache } => {
                let (session, generation) = cache
                    .get(self.refresh_early, || async {
                        let session = self.fetch_session(key).await?.into_inner();
                        let lifetime = lifetime(&session.expires_utc_datetime);
                        Ok((session.session_token, lifetime))
                    })
                    .await?;
                Ok(Prepared {
                    headers: self.no_headers.clone(),
                    session,
                    generation,
                })
            }
        }
    }

    async fn credential_rejected(&self, generation: u64) -> bool {
        match &self.session {
            Session::Fixed(_) => false,
            Session::Managed { cache, .. } => {
                cache.invalidate(generation).await;
                true
            }
        }
    }

    fn secrets(&self, session: &SessionToken, out: &mut Vec<String>) {
        out.push(session.expose().to_owned());
        self.secrets_into(out);
    }

    fn error_fields(&self, body: &[u8], error: &mut ApiError) {
        #[derive(serde::Deserialize)]
        struct Answer {
            status: types::Status,
        }
        if let Ok(answer) = serde_json::from_slice::<Answer>(body) {
            error.code = Some(VendorCode::Pdm(PdmStatus::from_code(
                answer.status.code.into(),
            )));
            error.detail = Some(answer.status.details);
        }
    }
}
