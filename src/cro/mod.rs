//! CRO Software (roll-off dispatch): customers, contacts and customer locations.
//!
//! ```no_run
//! use customer_apis::cro::{ApiVersion, Client};
//!
//! # async fn demo() -> Result<(), customer_apis::Error> {
//! let client = Client::builder()
//!     .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
//!     .tenant_id(42)
//!     .api_version(ApiVersion::V2023_04_19)
//!     .build()?;
//! let customer = client.get_customer(1).await?;
//! println!("{} has {} locations", customer.name, customer.locations.len());
//! # Ok(()) }
//! ```
//!
//! # API versions
//! CRO chooses the response shape by `x-api-version`. When a request does not send it, the
//! server applies the version that the OAuth client id last used — so an SDK that does not pin
//! one changes shape under its users whenever anything else using the same client id picks
//! another. This client always sends one: [`ApiVersion::default()`] is the newest documented
//! version, 2023/04/19, because new integrations should start on the current shape; moving the
//! default is a breaking change of this crate. CRO documents `x-api-version` on every answer, so
//! every answer's is compared with the pin before its body is read: another version, several or
//! an unreadable one is [`Error::VersionMismatch`] whatever the status; none at all is a mismatch
//! on a success only. An error status without the header may come from a gateway or proxy that
//! CRO did not write (a 503 page, a 404 for a path CRO does not serve), so its status decides:
//! a 503 is retried, a 404 is not found.
//!
//! # Tokens
//! A bearer token must match the documented pattern and length, and also be header-safe:
//! visible ASCII without spaces (the documented pattern's unescaped `.` would let
//! `Bearer Bearer x.y`, spaces or raw UTF-8 through).

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use secrecy::ExposeSecret;

use crate::auth::{RefreshingTokenBuilder, StaticToken, TokenProvider};
use crate::error::{ApiError, Error, ResponseMeta, Vendor};
use crate::response::Response;
use crate::transport::{CallState, Prepared, RawRequest, ServedVersion, VendorCall};

crate::client::vendor_client! {
    /// A CRO client: credentials, tenant and API version are set once and sent on every request.
    ///
    /// Cheap to clone (one `Arc`); clones share one connection pool. `Send + Sync`.
    spec: "cro",
    policy: Cro,
}

#[cfg(feature = "sandbox")]
pub(crate) use generated::check_seed;
/// Every operation of `specs/cro.yaml` with its method, as data (see [`crate::operation`]).
pub use generated::OPERATIONS;

/// The models of `specs/cro.yaml`, generated at build time. Each implements
/// [`Validate`](crate::Validate) with its documented rules.
pub use generated::types;

/// The request headers `specs/cro.yaml` documents, with their rules.
pub use generated::spec::REQUEST_HEADERS;

/// The default base URL: the vendor's public API, from the spec's `servers`.
pub use generated::spec::DEFAULT_BASE_URL;

/// A documented CRO API version, sent as `x-api-version`: generated from the spec's list
/// (`specs/cro.yaml`, schema `ApiVersion`), ordered oldest first.
pub use generated::spec::ApiVersion;

/// A string that is not one of the documented versions.
pub use generated::spec::UnknownApiVersion;

enum Auth {
    /// Validated once at build; sent as is.
    Static(HeaderValue),
    Provider(Arc<dyn TokenProvider>),
}

/// Builds a [`Client`]; every setting is checked by [`ClientBuilder::build`].
///
/// Every option, with its default where it has one:
///
/// ```
/// use std::time::Duration;
/// use customer_apis::cro::{ApiVersion, Client};
/// use customer_apis::RetryPolicy;
///
/// let client = Client::builder()
///     .base_url("https://api.crosoftware.net")             // default; a path prefix is allowed
///     .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")    // or .refreshing_token(RefreshingToken::builder(..))
///     .tenant_id(42)                                        // required, an integer
///     .api_version(ApiVersion::V2023_04_19)                 // default
///     .connect_timeout(Duration::from_secs(10))             // default
///     .timeout(Duration::from_secs(30))                     // default, per attempt
///     .retry_policy(RetryPolicy::default())                 // 3 attempts; RetryPolicy::disabled()
///     .user_agent("my-app/1.0")                             // default customer-apis/<version>
///     .max_response_bytes(4 * 1024 * 1024)                  // default
///     .allow_insecure_http(false)                           // default; loopback is always allowed
///     .build()?;
/// # Ok::<(), customer_apis::Error>(())
/// ```
#[derive(Default)]
pub struct ClientBuilder {
    auth: Option<AuthChoice>,
    tenant_id: Option<String>,
    api_version: ApiVersion,
    common: crate::config::Common,
}

enum AuthChoice {
    Static(StaticToken),
    Provider(Arc<dyn TokenProvider>),
    Refreshing(Box<RefreshingTokenBuilder>),
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field(
                "credentials",
                &self.auth.as_ref().map(|a| match a {
                    AuthChoice::Static(_) => "static token [REDACTED]",
                    AuthChoice::Provider(_) => "token provider",
                    AuthChoice::Refreshing(_) => "refreshing token [REDACTED]",
                }),
            )
            .field("tenant_id", &self.tenant_id)
            .field("api_version", &self.api_version)
            .field("common", &self.common)
            .finish()
    }
}

impl ClientBuilder {
    /// A bearer access token obtained elsewhere, with or without the `Bearer ` scheme. It must
    /// match the documented pattern and be at most 256 characters with the scheme.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.auth = Some(AuthChoice::Static(StaticToken::new(token)));
        self
    }

    /// A provider that supplies (and refreshes) tokens, such as
    /// [`RefreshingToken`](crate::RefreshingToken).
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.auth = Some(AuthChoice::Provider(Arc::new(provider)));
        self
    }

    /// An OAuth refresh token flow ([`RefreshingToken`](crate::RefreshingToken)) whose token
    /// requests use this client's settings — connect timeout, timeout, user agent and plaintext
    /// guard — for whatever the token builder does not set itself, and the reqwest client given
    /// to [`http_client`](Self::http_client) unless the token builder says how to connect (its
    /// own client, connect timeout or user agent). Its settings are checked by
    /// [`build`](Self::build).
    pub fn refreshing_token(mut self, token: RefreshingTokenBuilder) -> Self {
        self.auth = Some(AuthChoice::Refreshing(Box::new(token)));
        self
    }

    /// The tenant (`x-tenant-id`), an integer.
    pub fn tenant_id(mut self, tenant: impl fmt::Display) -> Self {
        self.tenant_id = Some(tenant.to_string());
        self
    }

    /// The API version to pin (default [`ApiVersion::V2023_04_19`]).
    pub fn api_version(mut self, version: ApiVersion) -> Self {
        self.api_version = version;
        self
    }

    crate::config::common_builder_methods!();

    /// Checks every setting and builds the client. Errors name the setting and the rule.
    pub fn build(self) -> Result<Client, Error> {
        let auth = match self.auth {
            None => {
                return Err(Error::invalid(
                    "bearer_token",
                    "is required (or a token_provider, or a refreshing_token)",
                ))
            }
            Some(AuthChoice::Static(token)) => {
                Auth::Static(authorization_value(token.secret().expose_secret())?)
            }
            Some(AuthChoice::Provider(p)) => Auth::Provider(p),
            Some(AuthChoice::Refreshing(b)) => {
                Auth::Provider(Arc::new(b.with_common(&self.common).build()?))
            }
        };
        let tenant = self
            .tenant_id
            .ok_or_else(|| Error::invalid("tenant_id", "is required"))?;
        // The spec's type is an integer: `+1` and `01` are the tenant 1, sent as `1`. What
        // does not read as one is left to the header's rules, which refuse it.
        let tenant = tenant.parse::<i64>().map_or(tenant, |n| n.to_string());
        let mut fixed = HeaderMap::new();
        fixed.insert(
            HeaderName::from_static("x-tenant-id"),
            header_value("x-tenant-id", "tenant_id", &tenant)?,
        );
        fixed.insert(
            HeaderName::from_static("x-api-version"),
            header_value("x-api-version", "api_version", self.api_version.as_str())?,
        );
        fixed.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        // A static token's header is part of the fixed set: an attempt shares it, no copy.
        if let Auth::Static(value) = &auth {
            fixed.insert(reqwest::header::AUTHORIZATION, value.clone());
        }
        let policy = Cro {
            auth,
            fixed: Arc::new(fixed),
            tenant,
            api_version: self.api_version,
        };
        let base_url = self.common.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
        Client::from_policy(&self.common, base_url, |_, _, _| Ok(policy))
    }
}

/// Checks a value against the spec's rules for header `name`; an error names the builder
/// `setting` it came from (one name per setting in every message).
fn header_value(
    name: &'static str,
    setting: &'static str,
    value: &str,
) -> Result<HeaderValue, Error> {
    if let Some(rule) = REQUEST_HEADERS.iter().find(|h| h.name == name) {
        if let Some(broken) = rule.first_violation(value) {
            return Err(Error::invalid(setting, broken));
        }
    }
    HeaderValue::from_str(value)
        .map_err(|_| Error::invalid(setting, "must be a valid header value"))
}

/// `Bearer <token>` checked against the documented `authorization` rules, marked sensitive.
///
/// The documented pattern leaves its `.` unescaped, so it lets through what is not a token
/// (`Bearer Bearer x.y`, a space, raw UTF-8 bytes in a header). The spec keeps the pattern
/// as documented; the client also requires a header-safe token: visible ASCII, no spaces (so
/// no second scheme).
fn authorization_value(token: &str) -> Result<HeaderValue, Error> {
    // The message names the kind of character, never the character: it is part of a secret.
    if token.chars().any(char::is_control) {
        return Err(Error::invalid(
            "bearer_token",
            "must not contain control characters",
        ));
    }
    if token.contains(' ') {
        return Err(Error::invalid(
            "bearer_token",
            "must not contain a space (one `Bearer ` scheme, then the token)",
        ));
    }
    if !token.chars().all(|c| c.is_ascii_graphic()) {
        return Err(Error::invalid(
            "bearer_token",
            "must be visible ASCII (no non-ASCII characters)",
        ));
    }
    let value = format!("Bearer {token}");
    let mut header = header_value("authorization", "bearer_token", &value)?;
    header.set_sensitive(true);
    Ok(header)
}

/// What is special about CRO: a bearer token (static or from a provider), a tenant and a
/// pinned API version on every request, and a version check on every answer.
struct Cro {
    auth: Auth,
    /// Tenant, version, `Accept` and a static token's `Authorization`: built once.
    fixed: Arc<HeaderMap>,
    tenant: String,
    api_version: ApiVersion,
}

impl fmt::Debug for Cro {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cro")
            .field("tenant_id", &self.tenant)
            .field("api_version", &self.api_version)
            .field(
                "credentials",
                &match &self.auth {
                    Auth::Static(_) => "static token [REDACTED]".to_owned(),
                    Auth::Provider(p) => format!("{p:?}"),
                },
            )
            .finish()
    }
}

impl Client {
    /// The pinned API version.
    pub fn api_version(&self) -> ApiVersion {
        self.inner.policy.api_version
    }

    /// Any request, for an endpoint `specs/cro.yaml` does not cover yet, through this client's
    /// core: token, tenant and version pin, the version check, retries (any retryable failure
    /// for GET, HEAD, PUT and DELETE; for other methods only when the server cannot have acted
    /// on the request), timeouts, the size cap and [`Error`]. `path` is appended to the base URL
    /// (`/customers/1/locations/20`, a query allowed) and must stay under it; `body`, if any, is
    /// sent as JSON. The answer decodes as `T` (`serde_json::Value` to take it as it comes).
    ///
    /// ```no_run
    /// # async fn demo(client: customer_apis::cro::Client) -> Result<(), customer_apis::Error> {
    /// let location: serde_json::Value = client
    ///     .request::<serde_json::Value>(reqwest::Method::GET, "/customers/1/locations/20", None)
    ///     .await?
    ///     .into_inner();
    /// # let _ = location; Ok(()) }
    /// ```
    pub async fn request<T: serde::de::DeserializeOwned + Send>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<Response<T>, Error> {
        let inner = &*self.inner;
        let raw = RawRequest::new(&inner.generated, &inner.base_url, method, path, body)?;
        let cx = &CallState::default();
        let send = |_: &()| raw.send::<T, types::ErrorModel>(cx);
        // CRO answers the documented model itself: nothing to unwrap.
        let accept = |value: T, _: &ResponseMeta| Ok(value);
        inner
            .transport
            .call(cx, &inner.policy, raw.op(), send, accept)
            .await
    }
}

impl VendorCall for Cro {
    fn vendor(&self) -> Vendor {
        Vendor::Cro
    }

    type Session = ();

    async fn prepare(&self, _cx: &CallState) -> Result<Prepared<()>, Error> {
        let (headers, generation) = match &self.auth {
            // Built once, with the authorization header, when the client was built.
            Auth::Static(_) => (self.fixed.clone(), 0),
            Auth::Provider(provider) => {
                let mut headers = (*self.fixed).clone();
                let token = provider.token().await?;
                let value = authorization_value(token.secret.expose_secret()).map_err(|e| {
                    Error::Credentials {
                        message: format!("the token provider's token is not usable: {e}"),
                        retryable: false,
                    }
                })?;
                headers.insert(reqwest::header::AUTHORIZATION, value);
                (Arc::new(headers), token.generation)
            }
        };
        Ok(Prepared {
            headers,
            session: (),
            generation,
            query: None,
        })
    }

    async fn credential_rejected(&self, generation: u64) -> bool {
        match &self.auth {
            Auth::Static(_) => false,
            Auth::Provider(provider) => provider.rejected(generation).await,
        }
    }

    /// A provider's other secrets (a refresh token, a client secret) are masked too.
    fn secrets<'a>(&'a self, _session: &'a (), out: &mut Vec<Cow<'a, str>>) {
        if let Auth::Provider(provider) = &self.auth {
            out.extend(
                provider
                    .redactions()
                    .iter()
                    .map(|s| Cow::Owned(s.expose_secret().to_owned())),
            );
        }
    }

    fn error_fields(&self, body: &[u8], error: &mut ApiError) {
        if let Ok(body) = serde_json::from_slice::<types::ErrorModel>(body) {
            error.field = body.field;
            error.detail = body.detail;
            error.explanation = body.explanation;
        }
    }

    /// CRO documents `x-api-version` on every answer, and the pin is always sent: another
    /// version, several or an unreadable one is a mismatch whatever the status; a missing one
    /// is a mismatch on a 2xx only. An error without the header may come from a gateway or a
    /// proxy CRO did not write (a 503 page, a 404 for a path CRO does not serve): its status
    /// says what it is (a 503 is retried, a 404 is not found).
    fn check_version(&self, served: &ServedVersion, meta: &ResponseMeta) -> Result<(), Error> {
        let success = meta.status.is_some_and(|s| s.is_success());
        match served {
            ServedVersion::One(v) if v == self.api_version.as_str() => return Ok(()),
            ServedVersion::Absent if !success => return Ok(()),
            _ => {}
        }
        Err(Error::VersionMismatch {
            pinned: self.api_version.as_str().to_owned(),
            served: served.describe(),
            meta: Box::new(meta.clone()),
        })
    }
}
