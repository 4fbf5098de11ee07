//! Credentials: token providers and the shared, single-flight cache behind every credential
//! that expires (CRO's OAuth access tokens, PDM's session tokens).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::error::Error;

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
}

/// A bearer token you obtained elsewhere; it is sent as is and never refreshed.
#[derive(Clone)]
pub struct StaticToken(SecretString);

impl StaticToken {
    /// The token, with or without a leading `Bearer ` (any case).
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(SecretString::from(strip_bearer(token.into())))
    }

    #[cfg(feature = "cro")]
    pub(crate) fn secret(&self) -> &SecretString {
        &self.0
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

fn strip_bearer(token: String) -> String {
    match token.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("bearer ") => token[7..].to_owned(),
        _ => token,
    }
}

/// An OAuth 2.0 access token kept fresh with a refresh token (RFC 6749 §6).
///
/// The token is fetched on first use, refreshed shortly before it expires and once after the
/// server answers 401. Concurrent calls share one refresh. The token endpoint is sent
/// `grant_type=refresh_token`, the refresh token and the client id (and secret, if set) as a
/// form, and must answer `{"access_token": ..., "expires_in": <seconds>}`; a new
/// `refresh_token` in the answer replaces the old one.
///
/// ```
/// use customer_apis::RefreshingToken;
///
/// let provider = RefreshingToken::new("https://auth.example.com/oauth/token", "my-client-id", "my-refresh-token")
///     .client_secret("my-client-secret");
/// assert!(!format!("{provider:?}").contains("my-refresh-token"));
/// ```
#[derive(Clone)]
pub struct RefreshingToken {
    inner: Arc<RefreshingInner>,
}

struct RefreshingInner {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    client_secret: Option<SecretString>,
    refresh_token: std::sync::Mutex<SecretString>,
    refresh_early: Duration,
    allow_http: bool,
    cache: SharedCredential<SecretString>,
}

impl fmt::Debug for RefreshingToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingToken")
            .field("token_url", &self.inner.token_url)
            .field("client_id", &self.inner.client_id)
            .field(
                "client_secret",
                &self.inner.client_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("refresh_token", &"[REDACTED]")
            .finish()
    }
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<String>,
}

impl RefreshingToken {
    /// A provider that exchanges `refresh_token` at `token_url` for `client_id`.
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Self {
        RefreshingToken {
            inner: Arc::new(RefreshingInner {
                // No redirects: the refresh token would follow them to wherever they point.
                http: reqwest::Client::builder()
                    .timeout(Duration::from_secs(30))
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .unwrap_or_default(),
                token_url: token_url.into(),
                client_id: client_id.into(),
                client_secret: None,
                refresh_token: std::sync::Mutex::new(SecretString::from(refresh_token.into())),
                refresh_early: Duration::from_secs(60),
                allow_http: false,
                cache: SharedCredential::default(),
            }),
        }
    }

    fn with_inner(mut self, f: impl FnOnce(&mut RefreshingInner)) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            f(inner);
        }
        self
    }

    /// The client secret, for confidential clients.
    pub fn client_secret(self, secret: impl Into<String>) -> Self {
        let secret = SecretString::from(secret.into());
        self.with_inner(|i| i.client_secret = Some(secret))
    }

    /// How long before expiry the token is refreshed (default 60 s).
    pub fn refresh_early(self, margin: Duration) -> Self {
        self.with_inner(|i| i.refresh_early = margin)
    }

    /// Allows a plain `http://` token URL to a host other than loopback (off by default: the
    /// refresh token would travel unencrypted).
    pub fn allow_insecure_http(self, allow: bool) -> Self {
        self.with_inner(|i| i.allow_http = allow)
    }

    /// How many refreshes have been made; for tests and diagnostics.
    pub fn refreshes(&self) -> u64 {
        self.inner.cache.fetches()
    }

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
        let failed = |what: String, retryable: bool| Error::Credentials {
            message: what,
            retryable,
        };
        let protected =
            reqwest::Url::parse(&inner.token_url).map(|u| crate::config::is_protected(&u));
        match protected {
            Err(_) => return Err(failed("token_url is not an absolute URL".to_owned(), false)),
            Ok(false) if !inner.allow_http => {
                return Err(failed(
                    format!("token_url {}", crate::config::PLAINTEXT_RULE),
                    false,
                ))
            }
            Ok(_) => {}
        }
        let response = inner
            .http
            .post(&inner.token_url)
            .form(&form)
            .send()
            .await
            .map_err(|e| {
                failed(
                    format!("token endpoint unreachable: {}", without_url(&e)),
                    true,
                )
            })?;
        let status = response.status();
        if !status.is_success() {
            return Err(failed(
                format!("token endpoint answered HTTP {}", status.as_u16()),
                crate::error::is_retryable_status(status),
            ));
        }
        let body = response.bytes().await.map_err(|e| {
            failed(
                format!("token endpoint body unreadable: {}", without_url(&e)),
                true,
            )
        })?;
        let answer: TokenAnswer = serde_json::from_slice(&body).map_err(|e| {
            failed(
                format!("token endpoint answer is not an OAuth token response: {e}"),
                false,
            )
        })?;
        if let Some(new_refresh) = answer.refresh_token {
            *inner
                .refresh_token
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = SecretString::from(new_refresh);
        }
        Ok((
            SecretString::from(answer.access_token),
            answer.expires_in.map(Duration::from_secs),
        ))
    }
}

/// What failed, without the URL (a token URL may carry a query string).
fn without_url(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "request failed"
    }
}

impl TokenProvider for RefreshingToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async move {
            let inner = &*self.inner;
            let (secret, generation) = inner
                .cache
                .get(inner.refresh_early, || Self::fetch(inner))
                .await?;
            Ok(AccessToken { secret, generation })
        })
    }

    fn rejected(&self, generation: u64) -> BoxFuture<'_, bool> {
        Box::pin(async move {
            self.inner.cache.invalidate(generation).await;
            true
        })
    }
}

/// A credential that expires, fetched once for all concurrent callers: the lock is held
/// across the fetch, so callers that arrive meanwhile wait and then read the new value.
pub(crate) struct SharedCredential<T> {
    state: tokio::sync::Mutex<CacheState<T>>,
    fetches: std::sync::atomic::AtomicU64,
}

struct CacheState<T> {
    value: Option<(T, Option<Instant>)>,
    generation: u64,
}

impl<T> Default for SharedCredential<T> {
    fn default() -> Self {
        SharedCredential {
            state: tokio::sync::Mutex::new(CacheState {
                value: None,
                generation: 0,
            }),
            fetches: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl<T: Clone> SharedCredential<T> {
    /// A cached value that is not within `early` of expiry, or a fresh one from `fetch`
    /// (which answers the value and how long it lives).
    pub(crate) async fn get<F, Fut>(&self, early: Duration, fetch: F) -> Result<(T, u64), Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(T, Option<Duration>), Error>>,
    {
        let mut state = self.state.lock().await;
        if let Some((value, expires)) = &state.value {
            if expires.is_none_or(|at| Instant::now() + early < at) {
                return Ok((value.clone(), state.generation));
            }
        }
        self.fetches
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (value, lifetime) = fetch().await?;
        state.generation += 1;
        state.value = Some((value.clone(), lifetime.map(|l| Instant::now() + l)));
        tracing::debug!(generation = state.generation, "credential refreshed");
        Ok((value, state.generation))
    }

    /// Forgets the value if it is still the one of `generation` (a later one is kept).
    pub(crate) async fn invalidate(&self, generation: u64) {
        let mut state = self.state.lock().await;
        if state.generation == generation {
            state.value = None;
        }
    }

    /// How many times the value was fetched.
    pub(crate) fn fetches(&self) -> u64 {
        self.fetches.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Declares a secret string type that travels in JSON bodies: serialized as the plain string,
/// shown as `[REDACTED]` by `Debug` and `Display`.
#[allow(unused_macros)]
macro_rules! secret_text {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(secrecy::SecretString);

        impl $name {
            /// Wraps the secret.
            pub fn new(secret: impl Into<String>) -> Self {
                $name(secrecy::SecretString::from(secret.into()))
            }

            /// The secret itself; call only to send it.
            pub fn expose(&self) -> &str {
                secrecy::ExposeSecret::expose_secret(&self.0)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "([REDACTED])"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("[REDACTED]")
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name::new(s))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.expose())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map($name::new)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use secret_text;
