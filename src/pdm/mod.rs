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

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use crate::auth::SharedCredential;
use crate::contract::StatusObject;
use crate::error::{ApiError, Error, ResponseMeta, Vendor};
use crate::response::Response;
use crate::secret::secret_text;
use crate::transport::{CallState, Prepared, Transport, VendorCall};

/// PDM's documented status codes, generated from `specs/pdm.yaml` (`x-error-code-type`, the
/// meanings from `Status`'s `x-status-codes`).
pub use generated::spec::PdmStatus;

crate::client::vendor_client! {
    /// A PDM client. Cheap to clone; clones share the connection pool and the session token.
    spec: "pdm",
    policy: Pdm,
}

#[cfg(feature = "sandbox")]
pub(crate) use generated::spec::REQUEST_HEADERS;
/// Every operation of `specs/pdm.yaml` with its method, as data (see [`crate::operation`]).
pub use generated::OPERATIONS;
#[cfg(feature = "sandbox")]
pub(crate) use generated::{check_request, check_seed};

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
}

/// GetCustomer's parameters from a lookup: `client.get_customer(&CustomerLookup::id(1408))`.
impl From<&CustomerLookup> for types::GetCustomerParams {
    fn from(lookup: &CustomerLookup) -> Self {
        let (customer_id, external_customer_ref) = match lookup {
            CustomerLookup::Id(id) => (Some(*id), None),
            CustomerLookup::ExternalRef(r) => (None, Some(r.clone())),
            CustomerLookup::Both {
                customer_id,
                external_customer_ref,
            } => (Some(*customer_id), Some(external_customer_ref.clone())),
        };
        types::GetCustomerParams {
            customer_id,
            external_customer_ref,
        }
    }
}

impl From<CustomerLookup> for types::GetCustomerParams {
    fn from(lookup: CustomerLookup) -> Self {
        (&lookup).into()
    }
}

/// What every PDM request body carries besides its own fields (the spec's `x-client-fields`):
/// one attempt's credentials.
pub(crate) struct BodyCredentials {
    company_id: i64,
    session_token: SessionToken,
}

#[derive(Clone)]
enum Credentials {
    ApiKey(ApiKey),
    Session(SessionToken),
}

impl Credentials {
    /// Which credential it is, for `Debug`.
    fn said(&self) -> &'static str {
        match self {
            Credentials::ApiKey(_) => "API key [REDACTED]",
            Credentials::Session(_) => "session token [REDACTED]",
        }
    }
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
#[derive(Default, Clone)]
pub struct ClientBuilder {
    company_id: Option<i64>,
    credentials: Option<Credentials>,
    common: crate::config::Common,
    /// `None`: 60 s.
    refresh_early: Option<Duration>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("pdm::ClientBuilder")
            .field("company_id", &self.company_id)
            .field(
                "credentials",
                &self.credentials.as_ref().map(Credentials::said),
            )
            .field("common", &self.common)
            .finish()
    }
}

crate::client::vendor_setters! {
    /// Your company id in PDM (required).
    fn company_id(mut self, company_id: i64) {
        self.company_id = Some(company_id);
    }

    /// The API key: the client obtains session tokens with GetSessionToken, caches them,
    /// refreshes them before they expire and once when PDM answers 202.
    fn api_key(mut self, key: impl Into<String>) {
        self.credentials = Some(Credentials::ApiKey(ApiKey::new(key)));
    }

    /// A session token obtained elsewhere; used as is, never refreshed.
    fn session_token(mut self, token: impl Into<String>) {
        self.credentials = Some(Credentials::Session(SessionToken::new(token)));
    }

    /// How long before its expiry a session token is renewed (default 60 s; at most a year).
    /// A session that lives less than the margin is renewed by every call.
    fn refresh_early(mut self, margin: Duration) {
        self.refresh_early = Some(margin);
    }
}

impl ClientBuilder {
    crate::config::common_builder_methods!();

    /// Checks every setting and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.common.base_url.clone().ok_or_else(|| {
            Error::invalid(
                "base_url",
                "is required: every PDM customer has its own endpoint",
            )
        })?;
        let company_id = self
            .company_id
            .ok_or_else(|| Error::invalid("company_id", "is required"))?;
        let credentials = match self.credentials {
            None => {
                return Err(Error::invalid(
                    "api_key",
                    "is required (api_key or session_token)",
                ))
            }
            Some(Credentials::ApiKey(key)) => {
                crate::config::secret("api_key", key.expose())?;
                Credentials::ApiKey(key)
            }
            Some(Credentials::Session(token)) => {
                crate::config::secret("session_token", token.expose())?;
                Credentials::Session(token)
            }
        };
        let refresh_early = self.refresh_early.unwrap_or(Duration::from_secs(60));
        crate::retry::within_bound("refresh_early", refresh_early)?;
        let policy = |base_url: &str, http: &reqwest::Client, transport: &Transport| {
            let session = match credentials {
                Credentials::ApiKey(key) => Session::Managed(Box::new(SessionSource {
                    key,
                    company_id,
                    cache: SharedCredential::default(),
                    refresh_early,
                    generated: generated::Client::new_with_client(base_url, http.clone()),
                    transport: transport.clone(),
                })),
                Credentials::Session(token) => Session::Fixed(token),
            };
            Ok(Pdm {
                company_id,
                session,
            })
        };
        Client::from_policy(&self.common, &base_url, policy)
    }
}

/// What is special about PDM: the company id and a session token in every request body (the
/// spec's `x-client-fields`), the session obtained and renewed with GetSessionToken, and a
/// status code in every answer.
struct Pdm {
    company_id: i64,
    session: Session,
}

impl fmt::Debug for Pdm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pdm")
            .field("company_id", &self.company_id)
            .field(
                "credentials",
                &match self.session {
                    Session::Managed(_) => "API key [REDACTED]",
                    Session::Fixed(_) => "session token [REDACTED]",
                },
            )
            .finish()
    }
}

enum Session {
    /// Obtained with the API key, cached and renewed.
    Managed(Box<SessionSource>),
    /// Given by the caller; used as is, never renewed.
    Fixed(SessionToken),
}

/// PDM's session as a credential provider: GetSessionToken with the API key, behind the same
/// single-flight cache as [`RefreshingToken`](crate::RefreshingToken) (concurrent callers
/// share one request), renewed `refresh_early` before it expires and once after PDM refuses it
/// (code 202). It sends with the client's reqwest client and call policy.
struct SessionSource {
    key: ApiKey,
    company_id: i64,
    cache: SharedCredential<SessionToken>,
    refresh_early: Duration,
    generated: generated::Client,
    transport: Transport,
}

impl Client {
    /// GetSessionToken: a fresh session token for the client's API key. The client calls it
    /// itself when needed; call it to hand a token to another process.
    pub async fn get_session_token(&self) -> Result<Response<types::Session>, Error> {
        match &self.inner.policy.session {
            Session::Managed(source) => source.fetch(&CallState::default()).await,
            Session::Fixed(_) => Err(Error::invalid(
                "api_key",
                "is required to obtain a session token",
            )),
        }
    }
}

#[cfg(feature = "blocking")]
impl blocking::Client {
    /// [`get_session_token`](Client::get_session_token), blocking the calling thread.
    pub fn get_session_token(&self) -> Result<Response<types::Session>, Error> {
        self.block_on(self.as_async().get_session_token())
    }
}

/// PDM's answer status (`x-answer-status`): any code but 101 (OK) is [`Error::Api`] with its
/// [`PdmStatus`].
impl crate::contract::AnswerStatus<types::Status> for Pdm {
    fn answer_status(&self, status: &types::Status, meta: &ResponseMeta) -> Result<(), Error> {
        status.check(Vendor::Pdm, meta)
    }
}

fn missing(what: &'static str, meta: &ResponseMeta) -> Error {
    let reason = format!("status 101 (OK) without `{what}`");
    Error::decode("a PDM answer with status 101", reason, meta)
}

/// PDM's `YYYY-MM-DD HH:MM:SS` in UTC, as time left from now; `None` for a text that is not
/// such a date and time (a day its month lacks included).
fn lifetime(expires_utc: &str) -> Option<Duration> {
    let at = chrono::NaiveDateTime::parse_from_str(expires_utc.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    let left = at.and_utc() - chrono::Utc::now();
    Some(left.to_std().unwrap_or(Duration::ZERO))
}

/// GetSessionToken goes through the same transport, without a session of its own.
struct SessionFetch<'a>(&'a SessionSource);

impl VendorCall for SessionFetch<'_> {
    type Session = ();
    fn vendor(&self) -> Vendor {
        Vendor::Pdm
    }

    async fn prepare(&self, _cx: &CallState) -> Result<Prepared<()>, Error> {
        Ok(Prepared::headerless((), 0))
    }

    fn error_fields(&self, body: &[u8], error: &mut ApiError) {
        types::Status::read_into("status", body, error);
    }

    fn secrets<'a>(&'a self, _session: &'a (), out: &mut Vec<Cow<'a, str>>) {
        out.push(Cow::Borrowed(self.0.key.expose()));
    }
}

impl SessionSource {
    /// The cached session, or a fresh one; with its generation.
    /// A fetch runs on `cx`, the state of the call that needs the session.
    async fn token(&self, cx: &CallState) -> Result<(SessionToken, u64), Error> {
        // Boxed: the fetch is a whole call's future, which every attempt would otherwise
        // carry (and move) while the cached session is all it reads.
        self.cache
            .get(self.refresh_early, || {
                Box::pin(async {
                    let session = self.fetch(cx).await?.into_inner();
                    let lifetime = lifetime(&session.expires_utc_datetime);
                    if lifetime.is_none() {
                        // Kept until PDM refuses it (202), which renews it once: said, not
                        // guessed. The value is not logged (server text).
                        tracing::warn!(
                            target: "customer_apis::spec",
                            vendor = %Vendor::Pdm,
                            operation = "GetSessionToken",
                            path = "session.expires_utc_datetime",
                            rule = "must be a date and time as YYYY-MM-DD HH:MM:SS",
                            "the session's expiry cannot be read: the session is kept until PDM refuses it"
                        );
                    }
                    Ok((session.session_token, lifetime))
                })
            })
            .await
    }

    /// GetSessionToken, once, on `cx`: a call of its own on a fresh state, or a credential
    /// request within the call whose state it is.
    async fn fetch(&self, cx: &CallState) -> Result<Response<types::Session>, Error> {
        let body = types::GetSessionTokenRequest {
            company_id: self.company_id,
            key: self.key.clone(),
        };
        self.transport
            .call(
                cx,
                &SessionFetch(self),
                generated::CREDENTIAL_EXCHANGE,
                |_| self.generated.get_session_token(cx, &body),
                |answer: types::GetSessionTokenResponse, meta| {
                    answer.status.check(Vendor::Pdm, meta)?;
                    let session = answer.session.ok_or_else(|| missing("session", meta))?;
                    // Sent on as is, an empty token would only earn a 202 on the next call.
                    if session.session_token.expose().trim().is_empty() {
                        let reason = "session.session_token is empty (the spec requires at least 1 character)";
                        return Err(Error::decode("a PDM session", reason, meta));
                    }
                    Ok(session)
                },
            )
            .await
    }
}

impl VendorCall for Pdm {
    type Session = BodyCredentials;
    fn vendor(&self) -> Vendor {
        Vendor::Pdm
    }

    async fn prepare(&self, cx: &CallState) -> Result<Prepared<BodyCredentials>, Error> {
        let credentials = |session_token| BodyCredentials {
            company_id: self.company_id,
            session_token,
        };
        match &self.session {
            // PDM sends nothing in headers: its credentials are in the body.
            Session::Fixed(token) => Ok(Prepared::headerless(credentials(token.clone()), 0)),
            Session::Managed(source) => {
                let (session, generation) = source.token(cx).await?;
                Ok(Prepared::headerless(credentials(session), generation))
            }
        }
    }

    async fn credential_rejected(&self, generation: u64) -> bool {
        match &self.session {
            Session::Fixed(_) => false,
            Session::Managed(source) => {
                source.cache.invalidate(generation);
                true
            }
        }
    }

    fn secrets<'a>(&'a self, session: &'a BodyCredentials, out: &mut Vec<Cow<'a, str>>) {
        out.push(Cow::Borrowed(session.session_token.expose()));
        // The client's own credential too.
        out.push(Cow::Borrowed(match &self.session {
            Session::Managed(source) => source.key.expose(),
            Session::Fixed(token) => token.expose(),
        }));
    }

    fn error_fields(&self, body: &[u8], error: &mut ApiError) {
        types::Status::read_into("status", body, error);
    }
}
