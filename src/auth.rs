//! Credentials: token providers and the shared, single-flight cache behind every credential
//! that expires (CRO's OAuth access tokens, PDM's session tokens).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use std::borrow::Cow;

use crate::config::Config;
use crate::error::Error;
use crate::secret::secret_text;
use crate::transport::{CallState, Op, Prepared, Transport, VendorCall};

/// A boxed future, as [`TokenProvider`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An access token and the generation it belongs to (the generation goes up at every refresh,
/// so a provider can tell a stale rejection from a fresh one).
#[derive(Clone)]
pub struct AccessToken {
    /// The token, without the `Bearer ` scheme.
    pub secret: SecretString,
    /// Which refresh produced it.
    pub generation: u64,
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"[REDACTED]")
            .field("generation", &self.generation)
            .finish()
    }
}

/// Where a client gets the bearer token it sends.
///
/// Two implementations come with the crate: [`StaticToken`] and [`RefreshingToken`]. Implement
/// it to plug in your own token store.
pub trait TokenProvider: Send + Sync + fmt::Debug {
    /// The token for the next request.
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>>;

    /// The server answered 401 to a request sent with the token of `generation`. Returns
    /// `true` when a newer token is (or will be, on the next [`TokenProvider::token`]) available.
    fn rejected(&self, generation: u64) -> BoxFuture<'_, bool>;

    /// Secrets besides the token that this provider holds (a refresh token, a client secret):
    /// the client masks them, with the token, in whatever text a server answers. None by
    /// default.
    fn redactions(&self) -> Vec<SecretString> {
        Vec::new()
    }
}

/// A bearer token you obtained elsewhere; it is sent as is and never refreshed.
#[derive(Clone)]
pub struct StaticToken(SecretString);

impl StaticToken {
    /// The token, with or without a leading `Bearer ` (any case).
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(SecretString::from(strip_bearer(&token.into()).to_owned()))
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken([REDACTED])")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async move {
            Ok(AccessToken {
                secret: self.0.clone(),
                generation: 0,
            })
        })
    }

    fn rejected(&self, _generation: u64) -> BoxFuture<'_, bool> {
        Box::pin(async { false })
    }
}

/// The token without a leading `Bearer ` (any case).
pub(crate) fn strip_bearer(token: &str) -> &str {
    match token.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("bearer ") => &token[7..],
        _ => token,
    }
}

/// An OAuth 2.0 access token kept fresh with a refresh token (RFC 6749 §6).
///
/// The token is fetched on first use, refreshed shortly before it expires and once after the
/// server answers 401. Concurrent calls share one refresh. The token endpoint is sent
/// `grant_type=refresh_token`, the refresh token and the client id (and secret, if set) as a
/// form, and must answer `{"access_token": ..., "expires_in": <seconds>}`; a new
/// `refresh_token` in the answer replaces the old one, and is handed to the hook set with
/// [`RefreshingTokenBuilder::on_refresh_token_rotated`] so that it can be stored. An
/// `expires_in` too large to add to the clock counts as no expiry.
///
/// Built with [`RefreshingToken::builder`], which checks every setting; give the builder to a
/// bearer-scheme client builder's `refreshing_token` (CRO's) to have it use the client's
/// settings and reqwest client.
///
/// ```
/// use customer_apis::RefreshingToken;
///
/// let provider = RefreshingToken::builder("https://auth.example.com/oauth/token", "my-client-id", "my-refresh-token")
///     .client_secret("my-client-secret")
///     .build()?;
/// assert!(!format!("{provider:?}").contains("my-refresh-token"));
/// # Ok::<(), customer_apis::Error>(())
/// ```
#[derive(Clone)]
pub struct RefreshingToken {
    inner: Arc<RefreshingInner>,
}

/// What is called with each rotated refresh token.
type RotationHook = Arc<dyn Fn(&RefreshToken) + Send + Sync>;

struct RefreshingInner {
    http: reqwest::Client,
    /// The one call path, for one attempt per token request: the token answer's size cap and
    /// the attempt timeout (set on each request: the caller's reqwest client has none of ours).
    transport: Transport,
    token_url: reqwest::Url,
    client_id: String,
    client_secret: Option<SecretString>,
    refresh_token: std::sync::Mutex<SecretString>,
    refresh_early: Duration,
    on_rotation: Option<RotationHook>,
    cache: SharedCredential<SecretString>,
}

impl fmt::Debug for RefreshingToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingToken")
            .field("token_url", &self.inner.token_url.as_str())
            .field("client_id", &self.inner.client_id)
            .field(
                "client_secret",
                &self.inner.client_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("refresh_token", &"[REDACTED]")
            .field(
                "on_refresh_token_rotated",
                &self.inner.on_rotation.is_some(),
            )
            .finish()
    }
}

/// Builds a [`RefreshingToken`]; [`RefreshingTokenBuilder::build`] checks every setting.
///
/// The connection settings (timeouts, user agent, plaintext guard) and the reqwest client are
/// the defaults unless set here, with [`config`](Self::config), a setter per field or
/// [`http_client`](Self::http_client). A builder given to a client builder's
/// `refreshing_token` (CRO's) takes that client's settings for whatever is not set here, so one
/// [`Config`] serves both, and its reqwest client (if it was given one) unless a setting here
/// says how to connect: a reqwest client, a connect timeout or a user agent.
#[derive(Clone)]
pub struct RefreshingTokenBuilder {
    token_url: String,
    client_id: String,
    refresh_token: SecretString,
    client_secret: Option<SecretString>,
    refresh_early: Duration,
    // `None`: the CRO client's when given to its builder, else the default.
    allow_http: Option<bool>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    on_rotation: Option<RotationHook>,
}

impl fmt::Debug for RefreshingTokenBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingTokenBuilder")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("refresh_token", &"[REDACTED]")
            .field("refresh_early", &self.refresh_early)
            .field("allow_insecure_http", &self.allow_http)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("http_client", &self.http.is_some())
            .field("on_refresh_token_rotated", &self.on_rotation.is_some())
            .finish()
    }
}

#[derive(Deserialize)]
struct TokenAnswerJson {
    access_token: String,
    /// A number of seconds; endpoints send it as an integer, a float or a numeric string.
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
}

/// The largest token endpoint answer read (an OAuth token answer is a few hundred bytes).
const MAX_TOKEN_ANSWER: usize = 64 * 1024;

/// A token endpoint's answer, checked.
pub(crate) struct TokenAnswer {
    pub(crate) access_token: SecretString,
    /// `None`: no expiry given.
    pub(crate) lifetime: Option<Duration>,
    pub(crate) refresh_token: Option<SecretString>,
}

/// Checks a token endpoint's decoded answer. The error says what is wrong, never quoting the
/// answer (it holds secrets, and a hostile server may put them anywhere).
fn check_token_answer(answer: TokenAnswerJson) -> Result<TokenAnswer, String> {
    if answer.access_token.trim().is_empty() {
        return Err("token endpoint answered an empty access_token".to_owned());
    }
    // A token that cannot be sent in a header would fail every call until it expired: refused
    // here, not cached.
    if !answer.access_token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(
            "token endpoint answered an access_token that is not visible ASCII without spaces"
                .to_owned(),
        );
    }
    // RFC 6749, 7.1: a client does not use a token whose type it does not understand.
    if let Some(kind) = &answer.token_type {
        if !kind.trim().eq_ignore_ascii_case("bearer") {
            return Err("token endpoint answered a token_type other than Bearer".to_owned());
        }
    }
    let lifetime = match &answer.expires_in {
        None | Some(serde_json::Value::Null) => None,
        Some(seconds) => Some(expires_in(seconds).ok_or_else(|| {
            "token endpoint answered an expires_in that is not a number of seconds".to_owned()
        })?),
    };
    Ok(TokenAnswer {
        access_token: SecretString::from(answer.access_token),
        lifetime,
        refresh_token: answer
            .refresh_token
            .filter(|t| !t.trim().is_empty())
            .map(SecretString::from),
    })
}

/// `expires_in` as a lifetime: a whole or fractional number of seconds, or one as text
/// (`"3600"`); a negative one is an expired token; one past what a `Duration` holds is none.
fn expires_in(value: &serde_json::Value) -> Option<Duration> {
    let seconds = match value {
        serde_json::Value::Number(n) if n.is_u64() => return n.as_u64().map(Duration::from_secs),
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => match s.trim().parse::<u64>() {
            Ok(whole) => return Some(Duration::from_secs(whole)),
            Err(_) => s.trim().parse::<f64>().ok()?,
        },
        _ => return None,
    };
    if seconds.is_nan() {
        return None;
    }
    Some(Duration::try_from_secs_f64(seconds.max(0.0)).unwrap_or(Duration::MAX))
}

impl RefreshingToken {
    /// A builder for a provider that exchanges `refresh_token` at `token_url` for `client_id`.
    pub fn builder(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> RefreshingTokenBuilder {
        RefreshingTokenBuilder {
            token_url: token_url.into(),
            client_id: client_id.into(),
            refresh_token: SecretString::from(refresh_token.into()),
            client_secret: None,
            refresh_early: Duration::from_secs(60),
            allow_http: None,
            connect_timeout: None,
            timeout: None,
            user_agent: None,
            http: None,
            on_rotation: None,
        }
    }

    /// How many refreshes have been made; for tests and diagnostics.
    pub fn refreshes(&self) -> u64 {
        self.inner.cache.fetches()
    }

    /// One token request: an attempt of the one call path ([`Transport`]), with its body cap,
    /// redaction, span (`customer_apis.credential_request`) and attempt timeout; not retried
    /// (the call that needs the token has the budget). What failed is told as
    /// [`Error::Credentials`], never quoting what the endpoint answered.
    async fn fetch(inner: &RefreshingInner) -> Result<(SecretString, Option<Duration>), Error> {
        let refresh_token = inner
            .refresh_token
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose_secret()),
            ("client_id", inner.client_id.as_str()),
        ];
        if let Some(secret) = &inner.client_secret {
            form.push(("client_secret", secret.expose_secret()));
        }
        let endpoint = TokenEndpoint {
            inner,
            refresh_token: &refresh_token,
        };
        let cx = &CallState::credential_request();
        let send = |_: &()| {
            let request = inner.http.post(inner.token_url.clone()).form(&form);
            crate::transport::send_raw::<TokenAnswerJson, ()>(&inner.http, request, cx)
        };
        let accept = |answer: TokenAnswerJson, _: &crate::ResponseMeta| {
            check_token_answer(answer).map_err(|why| credentials(why, false))
        };
        let answer = inner
            .transport
            .call(cx, &endpoint, TOKEN_GRANT, send, accept)
            .await
            .map_err(token_error)?
            .into_inner();
        // No await from here on: a rotated token, once read, is both kept and handed to the
        // hook, even if the caller gives up on the call.
        if let Some(new_refresh) = answer.refresh_token {
            let rotated = {
                let mut current = inner
                    .refresh_token
                    .lock()
                    .unwrap_or_else(|p| p.into_inner());
                let rotated = current.expose_secret() != new_refresh.expose_secret();
                *current = new_refresh.clone();
                rotated
            };
            if rotated {
                tracing::debug!("refresh token rotated");
                if let Some(hook) = &inner.on_rotation {
                    let token = RefreshToken(std::sync::Arc::new(new_refresh));
                    let call = std::panic::AssertUnwindSafe(|| hook(&token));
                    // The new token is in use already: a failing hook must not fail the call.
                    if std::panic::catch_unwind(call).is_err() {
                        tracing::warn!(
                            "the on_refresh_token_rotated hook panicked: the rotated refresh \
                             token is in use but may not have been stored"
                        );
                    }
                }
            }
        }
        Ok((answer.access_token, answer.lifetime))
    }
}

/// The refresh-token grant as the call path names it: a POST to the caller's token URL (no
/// spec's path template), not repeated on its own.
const TOKEN_GRANT: Op = Op {
    name: "oauth_refresh_token_grant",
    idempotent: false,
    method: "POST",
    template: None,
    answers: None,
};

/// The token endpoint as the call path sees it: no headers of its own (the credentials are in
/// the form), and the refresh token and client secret masked in whatever it answers.
struct TokenEndpoint<'a> {
    inner: &'a RefreshingInner,
    /// The refresh token this request sends (a rotation may replace the stored one).
    refresh_token: &'a SecretString,
}

impl VendorCall for TokenEndpoint<'_> {
    // No vendor's spec describes the token endpoint: its answers are told as
    // `Error::Credentials`, which names none.
    fn vendor(&self) -> crate::error::Vendor {
        crate::error::Vendor::new("oauth", "OAuth token endpoint")
    }
    type Session = ();

    /// No headers of the layer's: the token request's credentials are in its form.
    async fn prepare(&self, _cx: &CallState) -> Result<Prepared<()>, Error> {
        Ok(Prepared::headerless((), 0))
    }

    /// Its error body is not quoted (an OAuth error body may echo the grant).
    fn error_fields(&self, _body: &[u8], _error: &mut crate::ApiError) {}

    fn secrets<'a>(&'a self, _session: &'a (), out: &mut Vec<Cow<'a, str>>) {
        out.push(Cow::Borrowed(self.refresh_token.expose_secret()));
        if let Some(secret) = &self.inner.client_secret {
            out.push(Cow::Borrowed(secret.expose_secret()));
        }
    }
}

fn credentials(message: String, retryable: bool) -> Error {
    Error::Credentials { message, retryable }
}

/// A copy of a failed refresh for the callers that waited for it: every failure of a refresh
/// is [`Error::Credentials`] (see [`token_error`]).
fn share_failure(e: &Error) -> Error {
    match e {
        Error::Credentials { message, retryable } => credentials(message.clone(), *retryable),
        other => credentials(other.to_string(), other.is_retryable()),
    }
}

/// What a failed token request says, as [`Error::Credentials`]: what failed and whether
/// trying again may help, never what the endpoint answered or the URL (a token URL may carry
/// a query string).
fn token_error(e: Error) -> Error {
    let answered = e.status().is_some();
    let (what, retryable) = match &e {
        Error::Credentials { .. } => return e,
        Error::Api(api) => {
            let status = api.status;
            return credentials(
                format!("token endpoint answered HTTP {}", status.as_u16()),
                crate::error::is_retryable_status(status),
            );
        }
        Error::ResponseTooLarge { .. } => {
            return credentials(
                format!("token endpoint answer exceeds {MAX_TOKEN_ANSWER} bytes"),
                false,
            )
        }
        Error::Decode { source, .. } => {
            let kind = source
                .as_deref()
                .and_then(|s| s.downcast_ref::<serde_json::Error>())
                .map(|e| {
                    let kind = match e.classify() {
                        serde_json::error::Category::Syntax => "syntax",
                        serde_json::error::Category::Eof => "truncated",
                        _ => "data",
                    };
                    format!("{kind} error at line {}, column {}", e.line(), e.column())
                })
                .unwrap_or_else(|| "data error".to_owned());
            return credentials(
                format!("token endpoint answer is not an OAuth token response ({kind})"),
                false,
            );
        }
        Error::Timeout { .. } => ("timed out", true),
        Error::Transport { connect: true, .. } => ("connection failed", true),
        _ => ("request failed", true),
    };
    let stage = if answered {
        "token endpoint body unreadable"
    } else {
        "token endpoint unreachable"
    };
    credentials(format!("{stage}: {what}"), retryable)
}

/// An example of a valid token URL, for the rules a bad one breaks.
const TOKEN_URL_EXAMPLE: &str = "https://auth.example.com/oauth/token";

/// The token URL, checked: an absolute `https` URL (or `http` to loopback, or anywhere with
/// `allow_http`) with a host, and nothing that would travel or be logged with it (a query, a
/// fragment, a user name or password). Kept as given, a trailing slash included.
fn token_url(raw: &str, allow_http: bool) -> Result<reqwest::Url, Error> {
    let invalid = |rule: String| Error::invalid("token_url", rule);
    // The URL parser silently drops tabs and line breaks; refuse them instead.
    if raw.chars().any(char::is_control) {
        return Err(invalid(format!(
            "must not contain control characters (a line break read with it, say): give the \
             URL alone, such as {TOKEN_URL_EXAMPLE}"
        )));
    }
    let url = reqwest::Url::parse(raw.trim()).map_err(|e| {
        invalid(format!(
            "must be an absolute URL with a scheme and a host, such as {TOKEN_URL_EXAMPLE} ({e})"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "must use https (or http), such as {TOKEN_URL_EXAMPLE}"
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(format!(
            "must name a host, such as {TOKEN_URL_EXAMPLE}"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(format!(
            "must not carry a query or fragment: the endpoint's address alone, such as \
             {TOKEN_URL_EXAMPLE}"
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "must not carry a user name or password: give the client secret with client_secret"
                .to_owned(),
        ));
    }
    if !allow_http && !crate::config::is_protected(&url) {
        return Err(invalid(crate::config::PLAINTEXT_RULE.to_owned()));
    }
    Ok(url)
}

/// A value sent in the token request's form: not blank, and no control characters (a line
/// break read from a file with it would only be refused by the endpoint, on first use).
fn form_value(field: &'static str, value: &str, what: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(
            field,
            format!("must not be empty: give {what}"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!(
                "must not contain control characters (a line break read with it, say): give \
                 {what} alone"
            ),
        ));
    }
    Ok(())
}

impl RefreshingTokenBuilder {
    /// The client secret, for confidential clients.
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(SecretString::from(secret.into()));
        self
    }

    /// How long before expiry the token is refreshed (default 60 s). A token that lives less
    /// than the margin is refreshed by every call: lower it for short-lived tokens.
    pub fn refresh_early(mut self, margin: Duration) -> Self {
        self.refresh_early = margin;
        self
    }

    /// Calls `hook` with the new refresh token each time the token endpoint rotates it (answers
    /// a `refresh_token` other than the one sent), so that it can be stored: the old one is
    /// usually refused from then on, and an app that restarts with it cannot refresh.
    ///
    /// The hook is called once per rotation, in order, never concurrently (refreshes are
    /// single-flight): on the task that made the refresh, synchronously, after the new token
    /// has replaced the old one in this provider and before the new access token is handed
    /// out. Calls waiting for the token wait for the hook too, so keep it quick: write a small
    /// file, or send the token on a channel to a task that stores it. Its failure is its own
    /// to report; a panic in it is caught and logged (without the token), and the call goes on
    /// with the new token. The token shows as `[REDACTED]` in `Debug` and `Display`;
    /// [`RefreshToken::expose`] gives it.
    ///
    /// ```
    /// # #[cfg(feature = "sandbox")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = customer_apis::sandbox::Sandbox::start().await?;
    /// # let token_url = sandbox.oauth_token_url();
    /// # let dir = std::env::temp_dir().join(format!("customer-apis-doc-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// use customer_apis::{cro, RefreshToken, RefreshingToken};
    ///
    /// let stored = dir.join("refresh-token");
    /// # std::fs::write(&stored, customer_apis::sandbox::CRO_REFRESH_TOKEN)?;
    /// let refresh_token = std::fs::read_to_string(&stored)?;
    /// let provider = RefreshingToken::builder(token_url, "my-client-id", refresh_token.trim())
    ///     .on_refresh_token_rotated(move |token: &RefreshToken| {
    ///         if let Err(e) = std::fs::write(&stored, token.expose()) {
    ///             eprintln!("could not store the rotated refresh token: {e}");
    ///         }
    ///     });
    /// let client = cro::Client::builder()
    /// #   .base_url(sandbox.base_url())
    ///     .refreshing_token(provider)
    ///     .tenant_id(42)
    ///     .build()?;
    /// client.get_customer(1).await?;
    /// // The sandbox rotates refresh tokens: the file holds the new one.
    /// assert_ne!(std::fs::read_to_string(dir.join("refresh-token"))?, customer_apis::sandbox::CRO_REFRESH_TOKEN);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "sandbox"))]
    /// # fn main() {}
    /// ```
    pub fn on_refresh_token_rotated(
        mut self,
        hook: impl Fn(&RefreshToken) + Send + Sync + 'static,
    ) -> Self {
        self.on_rotation = Some(Arc::new(hook));
        self
    }

    /// The connection settings of a [`Config`] for the token requests: its timeouts, user
    /// agent and plaintext guard ([`Config::allow_insecure_http`] applies to the token URL).
    /// Its retry policy, call deadline and response size cap are a vendor client's and do not
    /// apply here: a token request is not retried on its own (a failed one fails the attempt,
    /// which the client's policy may repeat), and its answer is capped at 64 KiB. The setters
    /// below change one field each.
    pub fn config(mut self, config: Config) -> Self {
        self.connect_timeout = Some(config.connect_timeout);
        self.timeout = Some(config.timeout);
        self.user_agent = Some(config.user_agent);
        self.allow_http = Some(config.allow_insecure_http);
        self
    }

    /// Allows a plain `http://` token URL to a host other than loopback (off by default: the
    /// refresh token would travel unencrypted).
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_http = Some(allow);
        self
    }

    /// How long to wait for a connection to the token endpoint (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one token request may take (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The `User-Agent` sent to the token endpoint (default `customer-apis/<version>`).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// Sends the token requests with your own [`reqwest::Client`] (a proxy, custom root
    /// certificates, a client certificate). [`timeout`](Self::timeout) still applies to each
    /// request; the connect timeout, user agent, proxy and TLS are then your client's. Build
    /// it with `.redirect(reqwest::redirect::Policy::none())`: a followed redirect would carry
    /// the refresh token to wherever it points. The plaintext guard still applies to the token
    /// URL.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Takes the vendor client's settings for whatever is not set here, and its reqwest client
    /// unless a setting here says how to connect (a client, a connect timeout, a user agent).
    #[cfg(spec_vendors)]
    pub(crate) fn with_common(mut self, common: &crate::config::Common) -> Self {
        if self.http.is_none() && self.connect_timeout.is_none() && self.user_agent.is_none() {
            self.http.clone_from(&common.http);
        }
        let config = &common.config;
        self.connect_timeout.get_or_insert(config.connect_timeout);
        self.timeout.get_or_insert(config.timeout);
        self.user_agent
            .get_or_insert_with(|| config.user_agent.clone());
        self.allow_http.get_or_insert(config.allow_insecure_http);
        self
    }

    /// Checks every setting: the token URL (an absolute http or https URL with a host, no
    /// query, fragment or credentials, plain http only to loopback unless allowed), a client
    /// id, a refresh token and a client secret (if set) that are not empty and have no control
    /// characters, the timeouts and the user agent. Errors name the setting and the rule, and
    /// nothing is sent.
    pub fn build(self) -> Result<RefreshingToken, Error> {
        let token_url = token_url(&self.token_url, self.allow_http.unwrap_or(false))?;
        form_value(
            "client_id",
            &self.client_id,
            "the client id the authorization server issued",
        )?;
        form_value(
            "refresh_token",
            self.refresh_token.expose_secret(),
            "the refresh token the authorization server issued",
        )?;
        if let Some(secret) = &self.client_secret {
            form_value(
                "client_secret",
                secret.expose_secret(),
                "the client secret the authorization server issued, or none for a public client",
            )?;
        }
        let connect_timeout = self
            .connect_timeout
            .unwrap_or(crate::DEFAULT_CONNECT_TIMEOUT);
        let timeout = self.timeout.unwrap_or(crate::DEFAULT_TIMEOUT);
        crate::config::timeouts(connect_timeout, timeout)?;
        if self.http.is_none() {
            crate::config::tls_available("token_url", token_url.as_str())?;
        }
        let http = match self.http {
            Some(http) => http,
            None => crate::transport::http_client(
                connect_timeout,
                timeout,
                self.user_agent
                    .as_deref()
                    .unwrap_or(crate::DEFAULT_USER_AGENT),
                crate::config::is_loopback(&token_url),
            )?,
        };
        let transport = Transport {
            retry: crate::RetryPolicy::disabled(),
            body_limit: MAX_TOKEN_ANSWER,
            deadline: None,
            attempt_timeout: Some(timeout),
            user_agent: None,
            // No spec describes the token endpoint.
            check_spec: false,
            reported: Default::default(),
            server: crate::transport::Server::of(&token_url),
        };
        Ok(RefreshingToken {
            inner: Arc::new(RefreshingInner {
                http,
                transport,
                token_url,
                client_id: self.client_id,
                client_secret: self.client_secret,
                refresh_token: std::sync::Mutex::new(self.refresh_token),
                refresh_early: self.refresh_early,
                on_rotation: self.on_rotation,
                cache: SharedCredential::default(),
            }),
        })
    }
}

impl TokenProvider for RefreshingToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async move {
            let inner = self.inner.clone();
            // A refresh runs as a task of its own, awaited here: a caller that gives up (a
            // timeout, a `select!`) does not cancel it, so a rotated refresh token the
            // endpoint has issued is always read, kept and handed to the hook.
            let refresh = async move {
                let inner = &*inner;
                let fetch = || Self::fetch(inner);
                let shared = Some(share_failure as fn(&Error) -> Error);
                inner
                    .cache
                    .get_shared(inner.refresh_early, fetch, shared)
                    .await
            };
            let (secret, generation) = match self.inner.cache.cached(self.inner.refresh_early) {
                Some(cached) => cached,
                // In the caller's span, as if it ran in place.
                None => tokio::spawn(tracing::Instrument::in_current_span(refresh))
                    .await
                    .map_err(|_| {
                        credentials(
                            "the token refresh task ended without an answer".to_owned(),
                            true,
                        )
                    })??,
            };
            Ok(AccessToken { secret, generation })
        })
    }

    fn rejected(&self, generation: u64) -> BoxFuture<'_, bool> {
        Box::pin(async move {
            self.inner.cache.invalidate(generation);
            true
        })
    }

    fn redactions(&self) -> Vec<SecretString> {
        let inner = &*self.inner;
        let refresh = inner
            .refresh_token
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        std::iter::once(refresh)
            .chain(inner.client_secret.clone())
            .collect()
    }
}

/// A credential that expires, fetched once for all concurrent callers. A fresh value is read
/// under a short lock that no `.await` holds (the usual case, on every call); a fetch holds an
/// async lock of its own, so callers that arrive meanwhile wait and then read the new value,
/// or, with [`get_shared`](Self::get_shared), share the failure of the fetch they waited for.
pub(crate) struct SharedCredential<T> {
    current: std::sync::Mutex<CacheState<T>>,
    fetching: tokio::sync::Mutex<()>,
    fetches: std::sync::atomic::AtomicU64,
}

struct CacheState<T> {
    /// The value, and when it expires.
    value: Option<(T, Option<Instant>)>,
    generation: u64,
    /// Fetches ended, and the failure of the last one if it failed.
    ended: u64,
    failed: Option<Error>,
}

impl<T> Default for SharedCredential<T> {
    fn default() -> Self {
        SharedCredential {
            current: std::sync::Mutex::new(CacheState {
                value: None,
                generation: 0,
                ended: 0,
                failed: None,
            }),
            fetching: tokio::sync::Mutex::new(()),
            fetches: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl<T: Clone> SharedCredential<T> {
    /// A cached value that is not within `early` of expiry, or a fresh one from `fetch`
    /// (which answers the value and how long it lives).
    #[allow(dead_code)] // Only PDM's session uses it (a build without PDM has none).
    pub(crate) async fn get<F, Fut>(&self, early: Duration, fetch: F) -> Result<(T, u64), Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(T, Option<Duration>), Error>>,
    {
        self.get_shared(early, fetch, None).await
    }

    /// [`get`](Self::get); with `share`, a caller that waited for a fetch that failed gets a
    /// copy of its failure (made by `share`) rather than fetching again: concurrent callers
    /// of a failing endpoint make one request between them, not one each in turn.
    pub(crate) async fn get_shared<F, Fut>(
        &self,
        early: Duration,
        fetch: F,
        share: Option<fn(&Error) -> Error>,
    ) -> Result<(T, u64), Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(T, Option<Duration>), Error>>,
    {
        if let Some(fresh) = self.fresh(early) {
            return Ok(fresh);
        }
        let arrived = self.state().ended;
        let _fetching = self.fetching.lock().await;
        // Another caller may have fetched it while this one waited...
        if let Some(fresh) = self.fresh(early) {
            return Ok(fresh);
        }
        // ...or failed to.
        if let Some(share) = share {
            let state = self.state();
            if let (true, Some(failed)) = (state.ended > arrived, &state.failed) {
                return Err(share(failed));
            }
        }
        self.fetches
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let fetched = fetch().await;
        let mut state = self.state();
        state.ended += 1;
        let (value, lifetime) = match fetched {
            Ok(fetched) => fetched,
            Err(e) => {
                state.failed = share.map(|share| share(&e));
                return Err(e);
            }
        };
        state.failed = None;
        // An expiry past what the clock can hold is no expiry (not a panic).
        let expires = lifetime.and_then(|l| Instant::now().checked_add(l));
        state.generation += 1;
        state.value = Some((value.clone(), expires));
        tracing::debug!(
            customer_apis.credential_generation = state.generation,
            "credential refreshed"
        );
        Ok((value, state.generation))
    }

    /// The cached value and its generation, if it is not within `early` of expiry (a value
    /// that lives less than `early` is renewed by every call: the margin is the caller's).
    fn fresh(&self, early: Duration) -> Option<(T, u64)> {
        let state = self.state();
        let (value, expires) = state.value.as_ref()?;
        // Checked: a huge margin means "always renew", never a panic.
        let fresh = |at: &Instant| Instant::now().checked_add(early).is_some_and(|t| t < *at);
        expires
            .as_ref()
            .is_none_or(fresh)
            .then(|| (value.clone(), state.generation))
    }

    /// The cached value and its generation, if it is not within `early` of expiry.
    pub(crate) fn cached(&self, early: Duration) -> Option<(T, u64)> {
        self.fresh(early)
    }

    /// Forgets the value if it is still the one of `generation` (a later one is kept).
    pub(crate) fn invalidate(&self, generation: u64) {
        let mut state = self.state();
        if state.generation == generation {
            state.value = None;
        }
    }

    /// How many times the value was fetched.
    pub(crate) fn fetches(&self) -> u64 {
        self.fetches.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The state; a panic elsewhere while it was held left it whole (each write is one
    /// assignment), so a poisoned lock is read as it is.
    fn state(&self) -> std::sync::MutexGuard<'_, CacheState<T>> {
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }
}

secret_text! {
    /// An OAuth refresh token, as a [`RefreshingToken`] hands a rotated one to the hook set
    /// with [`RefreshingTokenBuilder::on_refresh_token_rotated`]. `Debug` and `Display` are
    /// redacted; [`expose`](Self::expose) gives the token, to store it.
    RefreshToken
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A token endpoint's answer read as the call path reads it (JSON, then checked), for the
    /// property tests.
    fn parse_token_answer(body: &[u8]) -> Result<TokenAnswer, String> {
        let answer: TokenAnswerJson = serde_json::from_slice(body).map_err(|e| {
            format!(
                "token endpoint answer is not an OAuth token response (error at line {}, column {})",
                e.line(),
                e.column()
            )
        })?;
        check_token_answer(answer)
    }

    /// Cases per target: `PROPTEST_CASES` (as for `tests/it/decoding/fuzz_decoders.rs`'s long run), or 2,000.
    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2_000)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

        /// Any bytes: an answer or an error, never a panic; an error never quotes the body.
        #[test]
        fn any_token_answer_parses_or_fails_without_quoting_it(body in proptest::collection::vec(any::<u8>(), 0..256)) {
            if let Err(why) = parse_token_answer(&body) {
                let text = String::from_utf8_lossy(&body);
                let quoted = text.len() >= 8 && why.contains(text.as_ref());
                prop_assert!(!quoted, "{why}");
            }
        }

        /// Well-formed answers with any expiry and tokens: the expiry is kept (the cache checks
        /// it against the clock), an empty token is refused, a secret is never in the error.
        #[test]
        fn any_expiry_and_token_is_read_or_refused_cleanly(
            expires_in in any::<u64>(),
            token in "[ -~]{0,40}",
            refresh in proptest::option::of("[ -~]{0,40}"),
            extra in "[a-z_]{1,12}",
        ) {
            let body = serde_json::json!({
                "access_token": token, "expires_in": expires_in, "refresh_token": refresh, extra: token,
            });
            match parse_token_answer(body.to_string().as_bytes()) {
                Ok(answer) => {
                    prop_assert_eq!(answer.access_token.expose_secret(), token.as_str());
                    prop_assert_eq!(answer.lifetime, Some(Duration::from_secs(expires_in)));
                    let kept = refresh.as_deref().filter(|r| !r.trim().is_empty());
                    prop_assert_eq!(answer.refresh_token.as_ref().map(|r| r.expose_secret()), kept);
                }
                Err(why) if token.trim().is_empty() => {
                    prop_assert!(why.contains("empty access_token"), "{why}");
                }
                // A token with a space cannot be sent in a header: refused, not cached.
                Err(why) => {
                    prop_assert!(token.contains(' '), "{why}");
                    prop_assert!(why.contains("not visible ASCII without spaces"), "{why}");
                }
            }
        }

        /// `expires_in` as endpoints send it: an integer, a float or a numeric string; a
        /// negative one is an expired token; anything else is refused without quoting it.
        #[test]
        fn expires_in_is_read_in_every_numeric_form(seconds in 0u32..100_000, fraction in 0u32..1000) {
            let whole = Some(Duration::from_secs(u64::from(seconds)));
            for form in [
                serde_json::json!(seconds),
                serde_json::json!(seconds.to_string()),
                serde_json::json!(format!(" {seconds} ")),
            ] {
                prop_assert_eq!(expires_in(&form), whole);
            }
            let float = f64::from(seconds) + f64::from(fraction) / 1000.0;
            let read = expires_in(&serde_json::json!(float)).unwrap();
            prop_assert!((read.as_secs_f64() - float).abs() < 1e-6);
            prop_assert_eq!(expires_in(&serde_json::json!(-f64::from(seconds) - 1.0)), Some(Duration::ZERO));
            prop_assert_eq!(expires_in(&serde_json::json!(format!("{seconds}s"))), None);
            prop_assert_eq!(expires_in(&serde_json::json!([seconds])), None);
        }
    }

    #[test]
    fn a_token_type_other_than_bearer_is_refused() {
        let answer = |kind: &str| TokenAnswerJson {
            access_token: "a.b.c".to_owned(),
            expires_in: None,
            token_type: Some(kind.to_owned()),
            refresh_token: None,
        };
        for bearer in ["Bearer", "bearer", " BEARER "] {
            assert!(check_token_answer(answer(bearer)).is_ok(), "{bearer}");
        }
        let Err(why) = check_token_answer(answer("mac")) else {
            panic!("a mac token was taken as bearer")
        };
        assert_eq!(
            why,
            "token endpoint answered a token_type other than Bearer"
        );
    }

    /// Concurrent callers share one fetch; a refusal forgets only the value it was about, so
    /// the next caller fetches once and a late refusal of the old value keeps the new one.
    #[tokio::test]
    async fn concurrent_callers_share_one_fetch_and_a_refusal_forgets_only_its_value() {
        let cache = std::sync::Arc::new(SharedCredential::<u32>::default());
        let early = Duration::from_secs(60);
        let calls = (0..8).map(|_| {
            let cache = cache.clone();
            tokio::spawn(async move {
                let fetch = || async {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Ok((7, Some(Duration::from_secs(3600))))
                };
                cache.get(early, fetch).await.unwrap()
            })
        });
        let got: Vec<(u32, u64)> = futures_util::future::join_all(calls)
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(got, vec![(7, 1); 8]);
        assert_eq!(cache.fetches(), 1);

        cache.invalidate(1);
        let fetch = |v| move || async move { Ok((v, Some(Duration::from_secs(3600)))) };
        assert_eq!(cache.get(early, fetch(8)).await.unwrap(), (8, 2));
        // The refusal of generation 1 again (a late answer): generation 2 stays.
        cache.invalidate(1);
        assert_eq!(cache.get(early, fetch(9)).await.unwrap(), (8, 2));
        assert_eq!(cache.fetches(), 2);
    }

    #[tokio::test]
    async fn an_expiry_or_margin_past_the_clock_is_no_panic() {
        let cache = SharedCredential::<u32>::default();
        let (v, _) = cache
            .get(Duration::MAX, || async { Ok((1, Some(Duration::MAX))) })
            .await
            .unwrap();
        assert_eq!(v, 1);
        // No expiry the clock can hold: the value is kept, whatever the margin.
        let (v, _) = cache
            .get(Duration::MAX, || async { Ok((2, None)) })
            .await
            .unwrap();
        assert_eq!(v, 1);
        assert_eq!(cache.fetches(), 1);
    }
}
