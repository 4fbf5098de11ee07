//! The one error type shared by every vendor client, and the metadata every answer carries.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use uuid::Uuid;

use crate::redact::{one_line, Redactor};

/// What every answer, success or error, tells about the exchange.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseMeta {
    /// HTTP status of the last attempt, when a response arrived.
    pub status: Option<StatusCode>,
    /// The server's `x-request-id`, when it sent a valid UUID (quote it to the vendor's support).
    pub request_id: Option<Uuid>,
    /// The API version the server says it applied (`x-api-version`), when it sent one.
    pub api_version: Option<String>,
    /// How long the server asked to wait before trying again (`Retry-After`), if it did.
    pub retry_after: Option<Duration>,
    /// How many attempts the call took (1 when the first succeeded). A repeat with a renewed
    /// credential (CRO 401, PDM 202) is an attempt too.
    pub attempts: u32,
    /// How many HTTP requests the call sent in all, credential requests included (PDM's
    /// GetSessionToken); 0 when it failed before sending any.
    pub requests: u32,
    /// How the answer departs from the vendor's spec (see [`departures`](Self::departures)).
    pub departures: Vec<crate::departure::Departure>,
}

impl ResponseMeta {
    /// How the answer departs from the vendor's spec: each undeclared field, each documented
    /// rule a value breaks (the SDK keeps such values), an undocumented status, a documented
    /// header that is missing, another content type. Each names the operation, the place and
    /// the rule, never the value. Empty when the answer is as documented, or when the check is
    /// off ([`Config::check_spec`](crate::Config::check_spec)).
    pub fn departures(&self) -> &[crate::departure::Departure] {
        &self.departures
    }
}

impl fmt::Display for ResponseMeta {
    /// `request id <uuid>, API version <v>, <n> attempt(s)`; parts that are unknown are left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some(id) = &self.request_id {
            write!(f, "request id {id}")?;
            sep = ", ";
        }
        if let Some(v) = &self.api_version {
            write!(f, "{sep}API version {v}")?;
            sep = ", ";
        }
        write!(
            f,
            "{sep}{} attempt{}",
            self.attempts,
            if self.attempts == 1 { "" } else { "s" }
        )?;
        if self.requests != self.attempts {
            write!(
                f,
                ", {} request{}",
                self.requests,
                if self.requests == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

/// Which vendor answered. Each enabled vendor's spec gives its constant (`Vendor::Cro` for
/// `specs/cro.yaml`, generated with the vendor list), which matches in patterns like an enum's
/// variant; this module names no vendor.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Vendor {
    key: &'static str,
    name: &'static str,
}

impl Vendor {
    /// A vendor with its key and the name its docs use (the build writes one per spec).
    pub(crate) const fn new(key: &'static str, name: &'static str) -> Vendor {
        Vendor { key, name }
    }

    /// The vendor's key (`cro`): its spec's file name, its cargo feature and its command-line
    /// subcommand.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The vendor's name as its docs write it (`CRO`), its spec's `info.x-vendor-name`.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

impl fmt::Debug for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Vendor").field(&self.key).finish()
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// An error the vendor's API answered, with everything it said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// Who answered.
    pub vendor: Vendor,
    /// HTTP status of the answer.
    pub status: StatusCode,
    /// The vendor's own error code, where it has one (PDM status codes, Foxtrot error codes).
    pub code: Option<VendorCode>,
    /// The field the vendor says is at fault (CRO `field`).
    pub field: Option<String>,
    /// What the vendor says went wrong (CRO `detail`, PDM `details`, Foxtrot `message`).
    pub detail: Option<String>,
    /// The vendor's explanation or remedy (CRO `explanation`).
    pub explanation: Option<String>,
    /// The start of the body, when it was not the vendor's error format (an HTML page, say).
    pub body_excerpt: Option<String>,
    /// Request id, API version and attempts.
    pub meta: ResponseMeta,
}

impl ApiError {
    /// An error as `vendor` would answer it with HTTP `status`, with nothing else said; set
    /// the public fields a test needs. For testing code that maps errors, without a server.
    ///
    /// ```
    /// use customer_apis::{ApiError, Error, ErrorKind, StatusCode, Vendor};
    ///
    /// let mut answer = ApiError::new(Vendor::Cro, StatusCode::NOT_FOUND);
    /// answer.detail = Some("Customer not found".to_owned());
    /// let error = Error::from(answer);
    /// assert!(error.is_not_found());
    /// assert_eq!(error.kind(), ErrorKind::NotFound);
    /// ```
    #[cfg(feature = "test-util")]
    #[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
    pub fn new(vendor: Vendor, status: StatusCode) -> Self {
        let meta = ResponseMeta {
            status: Some(status),
            ..ResponseMeta::default()
        };
        ApiError::bare(vendor, status, meta)
    }

    /// An answer with only its vendor, status and metadata: what the transport starts from
    /// before the vendor's error body fills in the rest.
    pub(crate) fn bare(vendor: Vendor, status: StatusCode, meta: ResponseMeta) -> Self {
        ApiError {
            vendor,
            status,
            code: None,
            field: None,
            detail: None,
            explanation: None,
            body_excerpt: None,
            meta,
        }
    }

    /// What kind of error the vendor answered: its own code first (PDM answers HTTP 200 with
    /// its code in the body), then the HTTP status.
    pub fn kind(&self) -> ErrorKind {
        if let Some(kind) = self.code.as_ref().and_then(VendorCode::kind) {
            return kind;
        }
        match self.status.as_u16() {
            404 => ErrorKind::NotFound,
            401 => ErrorKind::CredentialRejected,
            403 => ErrorKind::AccessDenied,
            429 => ErrorKind::Throttled,
            502..=504 => ErrorKind::Unavailable,
            _ => ErrorKind::Api,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} answered HTTP {}", self.vendor, self.status.as_u16())?;
        if let Some(code) = &self.code {
            write!(f, " with code {code}")?;
        }
        // An empty field the vendor sent says nothing: it is left out, not shown as `()`.
        fn given(s: &Option<String>) -> Option<&str> {
            s.as_deref().filter(|s| !s.trim().is_empty())
        }
        if let Some(detail) = given(&self.detail) {
            write!(f, ": {}", one_line(detail))?;
        }
        if let Some(field) = given(&self.field) {
            write!(f, " (field {})", one_line(field))?;
        }
        if let Some(explanation) = given(&self.explanation) {
            write!(f, " — {}", one_line(explanation))?;
        }
        if let Some(excerpt) = given(&self.body_excerpt) {
            write!(f, "; body starts {excerpt:?}")?;
        }
        write!(f, " [{}]", self.meta)
    }
}

/// A vendor's own error code, of the type generated from its spec's `x-error-code-type`
/// (`pdm::PdmStatus`, `foxtrot::FoxtrotCode`): one value for every vendor, which says its number, its meaning
/// and, where the code says one, the [`ErrorKind`] — as smithy-rs's `ProvideErrorKind` lets
/// each error say whether it retries. Read the vendor's own type back with
/// [`get`](VendorCode::get); compare with a code of that type made with
/// [`VendorCode::from`].
///
/// ```
/// # #[cfg(feature = "pdm")] {
/// use customer_apis::{pdm::PdmStatus, ErrorKind, VendorCode};
///
/// let code = VendorCode::from(PdmStatus::from_code(401));
/// assert_eq!(code.get::<PdmStatus>(), Some(&PdmStatus::NoMatchingCustomer));
/// assert_eq!(code.kind(), Some(ErrorKind::NotFound));
/// assert_eq!(code.to_string(), "401 (No matching customer found)");
/// assert_eq!(code, VendorCode::from(PdmStatus::NoMatchingCustomer));
/// # }
/// ```
#[derive(Clone)]
pub struct VendorCode(std::sync::Arc<dyn ErrorCode>);

/// What a vendor's error code type says of itself; implemented by each vendor's code type (the
/// build generates it from the spec), so that [`VendorCode`] and [`ApiError::kind`] name no
/// vendor.
pub trait ErrorCode: std::any::Any + fmt::Debug + Send + Sync {
    /// The number the vendor sent.
    fn code(&self) -> i64;
    /// The vendor's documented meaning.
    fn meaning(&self) -> &'static str;
    /// The kind of failure the code says, where it says more than the HTTP status.
    fn kind(&self) -> Option<ErrorKind> {
        None
    }
}

impl<T: ErrorCode> From<T> for VendorCode {
    fn from(code: T) -> Self {
        VendorCode(std::sync::Arc::new(code))
    }
}

impl VendorCode {
    /// The number the vendor sent.
    pub fn number(&self) -> i64 {
        self.0.code()
    }

    /// The vendor's documented meaning.
    pub fn meaning(&self) -> &'static str {
        self.0.meaning()
    }

    /// The kind of failure the code says, where it says one.
    pub fn kind(&self) -> Option<ErrorKind> {
        self.0.kind()
    }

    /// The code as the vendor's own type `T`, if it is one.
    pub fn get<T: ErrorCode>(&self) -> Option<&T> {
        let any: &dyn std::any::Any = &*self.0;
        any.downcast_ref()
    }

    /// Which vendor's code type it is.
    fn type_id(&self) -> std::any::TypeId {
        let any: &dyn std::any::Any = &*self.0;
        any.type_id()
    }
}

/// The same code of the same vendor.
impl PartialEq for VendorCode {
    fn eq(&self, other: &Self) -> bool {
        self.type_id() == other.type_id() && self.number() == other.number()
    }
}

impl Eq for VendorCode {}

impl std::hash::Hash for VendorCode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.type_id().hash(state);
        self.number().hash(state);
    }
}

impl fmt::Debug for VendorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for VendorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.number(), self.meaning())
    }
}

/// What kind of failure an [`Error`] is, the same for every vendor: what callers (and the CLI's
/// exit codes) branch on, in the spirit of smithy-rs's `ProvideErrorKind`.
///
/// ```
/// use customer_apis::{Error, ErrorKind};
///
/// fn user_message(e: &Error) -> &'static str {
///     match e.kind() {
///         ErrorKind::NotFound => "no such customer",
///         ErrorKind::CredentialRejected | ErrorKind::AccessDenied => "check the credentials",
///         ErrorKind::Throttled | ErrorKind::Unavailable => "busy, try later",
///         ErrorKind::InvalidInput => "fix the request",
///         _ => "failed",
///     }
/// }
/// # let _ = user_message;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input breaks a documented rule; nothing was sent ([`Error::InvalidInput`]).
    InvalidInput,
    /// The record does not exist: CRO and Foxtrot HTTP 404, PDM code 401.
    NotFound,
    /// The credential was refused: HTTP 401 (CRO, Foxtrot), PDM code 202.
    CredentialRejected,
    /// The credential is valid but not for this: HTTP 403, PDM codes 201 (company) and 204 (IP).
    AccessDenied,
    /// Too many requests: HTTP 429, PDM code 205. Retried.
    Throttled,
    /// The service is unavailable for now: HTTP 502, 503, 504. Retried.
    Unavailable,
    /// Any other error the vendor answered ([`Error::Api`]).
    Api,
    /// The result is not ready yet ([`Error::Pending`]).
    Pending,
    /// An attempt or the whole call ran out of time ([`Error::Timeout`]).
    Timeout,
    /// The connection failed or broke ([`Error::Transport`]).
    Transport,
    /// The answer could not be used ([`Error::Decode`]).
    Decode,
    /// The server did not confirm the pinned version ([`Error::VersionMismatch`]).
    VersionMismatch,
    /// The answer was over the size cap ([`Error::ResponseTooLarge`]).
    ResponseTooLarge,
    /// Credentials could not be obtained ([`Error::Credentials`]).
    Credentials,
}

/// Everything that can go wrong in a call, for every vendor.
///
/// Messages are one line and never contain a credential: tokens, refresh tokens, session
/// tokens and API keys are held in [`secrecy`] types and no variant carries one. The same
/// holds for the causes [`Timeout`](Error::Timeout), [`Transport`](Error::Transport) and
/// [`Decode`](Error::Decode) keep as their [`source()`](std::error::Error::source): a cause
/// whose message could quote what a server sent is kept only as redacted text.
///
/// ```
/// use customer_apis::Error;
///
/// fn report(e: &Error) -> String {
///     match e {
///         Error::InvalidInput { field, rule } => format!("fix {field}: {rule}"),
///         Error::Api(api) if api.status.as_u16() == 404 => "no such record".to_owned(),
///         e if e.is_retryable() => format!("try again later ({e})"),
///         e => format!("{e} (request id {:?})", e.request_id()),
///     }
/// }
///
/// # #[cfg(feature = "cro")] {
/// let e = customer_apis::cro::Client::builder().tenant_id("acme").bearer_token("a.b.c").build().unwrap_err();
/// assert_eq!(report(&e), "fix tenant_id: must be an integer");
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input breaks a documented rule; nothing was sent.
    #[error("invalid {field}: {rule} (nothing was sent)")]
    InvalidInput {
        /// The field, header or parameter at fault.
        field: Cow<'static, str>,
        /// The rule it breaks.
        rule: Cow<'static, str>,
    },
    /// The vendor answered with an error.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// An attempt did not complete within its timeout.
    #[error("timed out: {message} [{meta}]")]
    Timeout {
        /// What timed out.
        message: String,
        /// Whether it was the connection that timed out (nothing reached the server).
        connect: bool,
        /// Attempts made.
        meta: Box<ResponseMeta>,
        /// The underlying error, returned by [`source()`](std::error::Error::source): the
        /// [`reqwest::Error`] of an attempt's timeout, `tokio`'s `Elapsed` for the call's
        /// deadline. Neither quotes anything a server sent (a reqwest error names at most the
        /// request's URL, which carries no credential).
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The connection failed (refused, reset, TLS, DNS) or the body could not be read.
    #[error("transport error: {message} [{meta}]")]
    Transport {
        /// What failed, with its causes.
        message: String,
        /// Whether the failure happened before the request reached the server (connect),
        /// so that retrying cannot repeat a side effect.
        connect: bool,
        /// Attempts made.
        meta: Box<ResponseMeta>,
        /// The underlying error, returned by [`source()`](std::error::Error::source): the
        /// [`reqwest::Error`] (downcast to read its kind), which quotes nothing a server sent
        /// (it names at most the request's URL, which carries no credential). `message`
        /// already quotes its causes, so a reporter that walks the chain repeats them.
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A success answer did not decode into the documented type.
    #[error("could not decode {expected}: {reason}{}{} [{meta}]",
        if excerpt.is_empty() { "" } else { "; body starts " },
        if excerpt.is_empty() { String::new() } else { format!("{excerpt:?}") })]
    Decode {
        /// The type that was expected.
        expected: &'static str,
        /// Why decoding failed, with the JSON path of the field at fault where there is one
        /// (`customers.dob: premature end of input`).
        reason: String,
        /// The start of the body (empty when the body decoded but was not usable).
        excerpt: String,
        /// Request id, API version and attempts.
        meta: Box<ResponseMeta>,
        /// The underlying error, returned by [`source()`](std::error::Error::source). For a
        /// body that is not JSON (a syntax error, an early end) it is the
        /// [`serde_json::Error`] itself, whose message is a fixed text and a position. A
        /// message that can quote the body (`invalid type: string "…"`, `unknown variant
        /// …`) is never kept as it came: the source is then a private error whose message is
        /// that text redacted like `reason`. `None` when the body decoded but was not usable.
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The server did not confirm the API version the client pinned: its `x-api-version` was
    /// another version, missing, repeated or not readable. Checked on every answer, whatever the
    /// status, before anything of it is used: this error wins over any other the answer gives.
    #[error("API version mismatch: pinned {pinned}, server answered {served} [{meta}]")]
    VersionMismatch {
        /// The version the client sent.
        pinned: String,
        /// The version the server says it applied, or what was wrong with its header (`no
        /// x-api-version header`, `2 x-api-version headers`, `an unreadable x-api-version`).
        served: String,
        /// Request id and attempts.
        meta: Box<ResponseMeta>,
    },
    /// The response body exceeded the client's size cap; the rest was not read.
    #[error("response body exceeds the {limit}-byte limit [{meta}]")]
    ResponseTooLarge {
        /// The configured cap in bytes.
        limit: usize,
        /// Request id and attempts.
        meta: Box<ResponseMeta>,
    },
    /// The vendor accepted the request but the answer is not ready (Foxtrot's envelope status
    /// `pending`). Not retried automatically: ask again later.
    #[error("{vendor} answered that the result is pending; ask again later [{meta}]")]
    Pending {
        /// Who answered.
        vendor: Vendor,
        /// Request id and attempts.
        meta: Box<ResponseMeta>,
    },
    /// Credentials could not be obtained or refreshed.
    #[error("credentials: {message}")]
    Credentials {
        /// What failed (never the credential itself).
        message: String,
        /// Whether trying again later may help.
        retryable: bool,
    },
}

/// [`Error::Api`] with this answer.
impl From<ApiError> for Error {
    fn from(answer: ApiError) -> Self {
        Error::Api(Box::new(answer))
    }
}

impl Error {
    pub(crate) fn invalid(
        field: impl Into<Cow<'static, str>>,
        rule: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::InvalidInput {
            field: field.into(),
            rule: rule.into(),
        }
    }

    /// Whether the same call may succeed if tried again, whatever it does: connection failures
    /// (refused, connect timeout), HTTP 429, 502, 503 and 504, and PDM's rate-limit code 205.
    /// A timeout or reset after the request was sent is not, since the server may have acted
    /// on it; the clients still repeat an attempt that timed out when the operation is
    /// idempotent (GET, PUT, DELETE and the documented reads), within the call's deadline.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => {
                // A vendor code that says throttling (PDM's 205) is retried like HTTP 429.
                is_retryable_status(e.status)
                    || e.code.as_ref().and_then(VendorCode::kind) == Some(ErrorKind::Throttled)
            }
            Error::Timeout { connect, .. } | Error::Transport { connect, .. } => *connect,
            Error::Credentials { retryable, .. } => *retryable,
            Error::InvalidInput { .. }
            | Error::Decode { .. }
            | Error::VersionMismatch { .. }
            | Error::ResponseTooLarge { .. }
            | Error::Pending { .. } => false,
        }
    }

    /// What kind of failure this is (see [`ErrorKind`]).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::Api(e) => e.kind(),
            Error::Pending { .. } => ErrorKind::Pending,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Transport { .. } => ErrorKind::Transport,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::VersionMismatch { .. } => ErrorKind::VersionMismatch,
            Error::ResponseTooLarge { .. } => ErrorKind::ResponseTooLarge,
            Error::Credentials { .. } => ErrorKind::Credentials,
        }
    }

    /// Whether the record asked for does not exist, whichever vendor says so (CRO and Foxtrot
    /// HTTP 404, PDM code 401 "No matching customer found").
    pub fn is_not_found(&self) -> bool {
        self.kind() == ErrorKind::NotFound
    }

    /// Request id, served API version and attempts, when the call got that far.
    pub fn meta(&self) -> Option<&ResponseMeta> {
        match self {
            Error::Api(e) => Some(&e.meta),
            Error::Timeout { meta, .. }
            | Error::Transport { meta, .. }
            | Error::Decode { meta, .. }
            | Error::VersionMismatch { meta, .. }
            | Error::ResponseTooLarge { meta, .. }
            | Error::Pending { meta, .. } => Some(meta),
            Error::InvalidInput { .. } | Error::Credentials { .. } => None,
        }
    }

    /// The server's request id, when known.
    pub fn request_id(&self) -> Option<Uuid> {
        self.meta().and_then(|m| m.request_id)
    }

    /// The HTTP status of the answer, when one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.meta().and_then(|m| m.status)
    }

    /// The vendor's answer, for [`Error::Api`].
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// An answer that is not what was `expected`, for `reason`; no body excerpt, no cause.
    pub(crate) fn decode(
        expected: &'static str,
        reason: impl Into<String>,
        meta: &ResponseMeta,
    ) -> Self {
        Error::Decode {
            expected,
            reason: reason.into(),
            excerpt: String::new(),
            meta: Box::new(meta.clone()),
            source: None,
        }
    }

    pub(crate) fn meta_mut(&mut self) -> Option<&mut ResponseMeta> {
        match self {
            Error::Api(e) => Some(&mut e.meta),
            Error::Timeout { meta, .. }
            | Error::Transport { meta, .. }
            | Error::Decode { meta, .. }
            | Error::VersionMismatch { meta, .. }
            | Error::ResponseTooLarge { meta, .. }
            | Error::Pending { meta, .. } => Some(meta),
            Error::InvalidInput { .. } | Error::Credentials { .. } => None,
        }
    }

    /// Every text in the error that came from a server, redacted and capped (see
    /// [`Redactor`]). Idempotent.
    pub(crate) fn sanitize(&mut self, redactor: &Redactor) {
        let text = |s: &mut String| *s = redactor.text(s);
        let opt = |s: &mut Option<String>| {
            if let Some(s) = s {
                *s = redactor.text(s);
            }
        };
        if let Some(meta) = self.meta_mut() {
            opt(&mut meta.api_version);
        }
        match self {
            Error::Api(e) => {
                opt(&mut e.field);
                opt(&mut e.detail);
                opt(&mut e.explanation);
                opt(&mut e.body_excerpt);
            }
            Error::Decode {
                reason,
                excerpt,
                source,
                ..
            } => {
                text(reason);
                text(excerpt);
                if let Some(cause) = source.as_mut().and_then(|s| s.downcast_mut::<ServerText>()) {
                    text(&mut cause.0);
                }
            }
            Error::VersionMismatch { served, .. } => text(served),
            // The layer's own messages, with causes: redacted, not cut.
            Error::Timeout { message, .. }
            | Error::Transport { message, .. }
            | Error::Credentials { message, .. } => {
                *message = redactor.redact(message).into_owned();
            }
            Error::InvalidInput { .. } | Error::ResponseTooLarge { .. } | Error::Pending { .. } => {
            }
        }
    }
}

/// What an [`Error`] keeps as its source.
pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

// The source is never mutated through a shared reference, and the variants' other fields are
// plain data: a panic cannot leave an `Error` half-updated. As `anyhow::Error` does, `Error`
// stays unwind-safe although `dyn Error` does not say so (it was before it kept sources).
impl std::panic::UnwindSafe for Error {}
impl std::panic::RefUnwindSafe for Error {}

/// What a call's result says beside success and failure, as diesel's and rusqlite's
/// `OptionalExtension` do: `use customer_apis::ResultExt` and
/// `client.get_customer(id).await.optional()?` is `None` when the record does not exist.
///
/// ```
/// # #[cfg(feature = "sandbox")]
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sandbox = customer_apis::sandbox::Sandbox::start().await?;
/// use customer_apis::ResultExt;
///
/// let cro = sandbox.cro_client().build()?;
/// assert!(cro.get_customer(404_404).await.optional()?.is_none());
/// assert_eq!(cro.get_customer(1).await.optional()?.map(|c| c.id), Some(1));
/// # Ok(()) }
/// # #[cfg(not(feature = "sandbox"))]
/// # fn main() {}
/// ```
pub trait ResultExt<T> {
    /// `Ok(None)` when the error says the record asked for does not exist
    /// ([`Error::is_not_found`], whichever vendor says so), `Ok(Some(..))` on success, and any
    /// other error as it is.
    fn optional(self) -> Result<Option<T>, Error>;
}

impl<T> ResultExt<T> for Result<T, Error> {
    fn optional(self) -> Result<Option<T>, Error> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A cause whose message came from a server: only its text is kept, and [`Error::sanitize`]
/// redacts it like every other server text.
#[derive(Debug)]
pub(crate) struct ServerText(String);

impl fmt::Display for ServerText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServerText {}

/// The source to keep for a JSON decoding error: the error itself when its message cannot
/// quote the input (a syntax error or an early end: a fixed text and a position), otherwise
/// its message redacted by `redactor` (and again by [`Error::sanitize`]), as a [`ServerText`].
pub(crate) fn json_cause(e: serde_json::Error, redactor: &Redactor) -> BoxError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof => Box::new(e),
        Category::Data | Category::Io => Box::new(ServerText(redactor.text(&e.to_string()))),
    }
}

pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// How long a `Retry-After` header asks to wait: delay-seconds, or an HTTP date in any of the
/// three forms RFC 9110 has a recipient accept (IMF-fixdate, RFC 850, asctime), read by
/// `httpdate`. A date in the past asks for no wait.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// An answer's status object, as a spec describes it (`x-answer-status` in its object form:
/// PDM's `status`, `{code, details}`, in every answer whatever the outcome). The generated code
/// implements it for the object's type; the vendor's policy checks every answer with
/// [`check`](StatusObject::check).
#[allow(dead_code)] // A build whose specs have no status object.
pub(crate) trait StatusObject: serde::de::DeserializeOwned {
    /// The codes that mean success.
    const OK: &'static [i64];
    fn code(&self) -> i64;
    fn detail(&self) -> &str;
    /// The code as the vendor's code type (`x-error-code-type`).
    fn vendor_code(code: i64) -> VendorCode;

    /// `Ok` for a success code; any other is [`Error::Api`] with the vendor's code and the
    /// object's text (with the answer's HTTP status: 200 when the status was read from a 2xx).
    fn check(&self, vendor: Vendor, meta: &ResponseMeta) -> Result<(), Error> {
        if Self::OK.contains(&self.code()) {
            return Ok(());
        }
        let http = meta.status.unwrap_or(reqwest::StatusCode::OK);
        let mut error = ApiError::bare(vendor, http, meta.clone());
        self.said(&mut error);
        Err(Error::Api(Box::new(error)))
    }

    /// The code and text it says, into `error`.
    fn said(&self, error: &mut ApiError) {
        error.code = Some(Self::vendor_code(self.code()));
        error.detail = Some(self.detail().to_owned());
    }

    /// The status object at `property` of an error answer's `body`, if it carries one, into
    /// `error`.
    fn read_into(property: &str, body: &[u8], error: &mut ApiError) {
        let status = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|mut answer| {
                serde_json::from_value::<Self>(answer.get_mut(property)?.take()).ok()
            });
        if let Some(status) = status {
            status.said(error);
        }
    }
}

#[cfg(test)]
mod retry_after_tests {
    use super::parse_retry_after;
    use std::time::Duration;

    #[test]
    fn retry_after_reads_seconds_and_the_three_http_date_forms() {
        assert_eq!(parse_retry_after(" 120 "), Some(Duration::from_secs(120)));
        let at = chrono::Utc::now() + chrono::Duration::hours(1);
        // RFC 9110 §5.6.7: IMF-fixdate, then the obsolete RFC 850 and asctime forms.
        for form in [
            "%a, %d %b %Y %H:%M:%S GMT",
            "%A, %d-%b-%y %H:%M:%S GMT",
            "%a %b %e %H:%M:%S %Y",
        ] {
            let text = at.format(form).to_string();
            let wait = parse_retry_after(&text).unwrap_or_else(|| panic!("{text:?} unread"));
            assert!(
                (Duration::from_secs(3590)..=Duration::from_secs(3600)).contains(&wait),
                "{text:?}: {wait:?}"
            );
        }
        // A date past is no wait; what is no date is nothing.
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}

// The kinds are compared across the vendors' codes: with every vendor built.
#[cfg(all(test, feature = "pdm", feature = "foxtrot"))]
mod tests {
    use super::*;

    fn api(vendor: Vendor, status: u16, code: Option<VendorCode>) -> Error {
        Error::Api(Box::new(ApiError {
            vendor,
            status: StatusCode::from_u16(status).unwrap(),
            code,
            field: None,
            detail: None,
            explanation: None,
            body_excerpt: None,
            meta: ResponseMeta::default(),
        }))
    }

    #[test]
    fn kinds_are_the_same_whichever_vendor_says_it() {
        use crate::{foxtrot::FoxtrotCode, pdm::PdmStatus};
        let pdm = |code| Some(VendorCode::from(PdmStatus::from_code(code)));
        let cases = [
            (api(Vendor::Cro, 404, None), ErrorKind::NotFound),
            (api(Vendor::Foxtrot, 404, None), ErrorKind::NotFound),
            (api(Vendor::Pdm, 200, pdm(401)), ErrorKind::NotFound),
            (api(Vendor::Cro, 401, None), ErrorKind::CredentialRejected),
            (
                api(Vendor::Pdm, 200, pdm(202)),
                ErrorKind::CredentialRejected,
            ),
            (api(Vendor::Foxtrot, 403, None), ErrorKind::AccessDenied),
            (api(Vendor::Pdm, 200, pdm(201)), ErrorKind::AccessDenied),
            (api(Vendor::Pdm, 200, pdm(204)), ErrorKind::AccessDenied),
            (api(Vendor::Cro, 429, None), ErrorKind::Throttled),
            (api(Vendor::Pdm, 200, pdm(205)), ErrorKind::Throttled),
            (api(Vendor::Cro, 503, None), ErrorKind::Unavailable),
            (api(Vendor::Foxtrot, 502, None), ErrorKind::Unavailable),
            (api(Vendor::Cro, 500, None), ErrorKind::Api),
            (api(Vendor::Pdm, 200, pdm(303)), ErrorKind::Api),
            (
                api(
                    Vendor::Foxtrot,
                    400,
                    Some(VendorCode::from(FoxtrotCode::LocationNotConfident)),
                ),
                ErrorKind::Api,
            ),
            (Error::invalid("x", "y"), ErrorKind::InvalidInput),
            (
                Error::Pending {
                    vendor: Vendor::Foxtrot,
                    meta: Box::default(),
                },
                ErrorKind::Pending,
            ),
        ];
        assert_eq!(cases.len(), 17);
        for (error, kind) in &cases {
            assert_eq!(error.kind(), *kind, "{error}");
            assert_eq!(
                error.is_not_found(),
                *kind == ErrorKind::NotFound,
                "{error}"
            );
            // Retried exactly when throttled or unavailable, for API answers.
            if matches!(error, Error::Api(_)) {
                let retried = matches!(kind, ErrorKind::Throttled | ErrorKind::Unavailable);
                assert_eq!(error.is_retryable(), retried, "{error}");
            }
        }
    }
}
