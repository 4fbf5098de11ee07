//! Checks shared by every client builder.

use std::time::Duration;

use crate::error::Error;
use crate::retry::{within_bound, RetryPolicy};
use crate::transport::Transport;

/// A base URL with an `http` or `https` scheme and a host, without a trailing slash (the
/// generated clients append `/path`), a path prefix allowed. Plain `http` is refused for any
/// host but loopback unless `allow_http` (credentials would cross the network unencrypted).
pub(crate) fn base_url(raw: &str, allow_http: bool) -> Result<String, Error> {
    // The URL parser silently drops tabs and line breaks; refuse them instead.
    if raw.chars().any(char::is_control) {
        return Err(Error::invalid(
            "base_url",
            "must not contain control characters",
        ));
    }
    let url = reqwest::Url::parse(raw.trim())
        .map_err(|e| Error::invalid("base_url", format!("must be an absolute URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::invalid("base_url", "must use http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::invalid("base_url", "must name a host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::invalid(
            "base_url",
            "must not carry a query or fragment",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid("base_url", "must not carry credentials"));
    }
    if !allow_http && !is_protected(&url) {
        return Err(Error::invalid("base_url", PLAINTEXT_RULE));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

pub(crate) fn timeouts(connect: Duration, attempt: Duration) -> Result<(), Error> {
    nonzero("connect_timeout", connect)?;
    nonzero("timeout", attempt)?;
    within_bound("connect_timeout", connect)?;
    within_bound("timeout", attempt)
}

/// The size caps a builder takes. A cap of 0 would fail every call, and only after its request
/// was sent (a change such as `deactivate_location` made, then an error); over 1 GiB is no cap
/// for a body held in memory.
const BODY_LIMITS: std::ops::RangeInclusive<usize> = 1..=1 << 30;

fn nonzero(setting: &'static str, wait: Duration) -> Result<(), Error> {
    if wait.is_zero() {
        return Err(Error::invalid(setting, "must be greater than zero"));
    }
    Ok(())
}

/// An `https` URL needs a TLS backend: a build without the `rustls` or `native-tls` feature
/// refuses it (naming the setting) when the SDK builds the reqwest client, instead of failing
/// every call as a transport error. A caller's own reqwest client brings its own TLS.
pub(crate) fn tls_available(setting: &'static str, url: &str) -> Result<(), Error> {
    const TLS: bool = cfg!(any(feature = "rustls", feature = "native-tls"));
    if !TLS && url.starts_with("https:") {
        return Err(Error::invalid(
            setting,
            "is https, but this build of customer-apis has no TLS: enable its `rustls` (or \
             `native-tls`) feature, or give your own reqwest client with `http_client`",
        ));
    }
    Ok(())
}

/// `http` to a loopback address: an IP literal in 127.0.0.0/8 or `::1`, or the name
/// `localhost` itself. Other names (`x.localhost`, `127.0.0.1.example.com`) go through DNS,
/// which may answer anything, so they do not count.
pub(crate) fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A credential that is sent: not blank, no control characters.
#[allow(dead_code)] // A build whose vendors check their credentials otherwise.
pub(crate) fn secret(field: &'static str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(field, "must not contain control characters"));
    }
    Ok(())
}

/// The rule a plaintext URL to another host breaks.
pub(crate) const PLAINTEXT_RULE: &str =
    "uses plain http to a host other than loopback, so credentials would \
     travel unencrypted: use https, or allow_insecure_http(true) on the builder";

/// `https`, or `http` to a loopback address (see [`is_loopback`]).
pub(crate) fn is_protected(url: &reqwest::Url) -> bool {
    url.scheme() == "https" || is_loopback(url)
}

/// The settings every vendor client shares: timeouts (per attempt and for the whole call),
/// retries, the user agent, the response size cap and the plaintext guard. One value, so that
/// an app can set them once and hand them to each vendor's builder with
/// `.config(config.clone())`; each builder also has a setter per field.
///
/// ```
/// use std::time::Duration;
/// use customer_apis::{Config, RetryPolicy};
///
/// let mut config = Config::default();
/// config.timeout = Duration::from_secs(5);
/// config.operation_timeout = Some(Duration::from_secs(20));
/// config.retry = RetryPolicy::disabled();
/// # #[cfg(feature = "foxtrot")]
/// let foxtrot = customer_apis::foxtrot::Client::builder()
///     .api_key("my-api-key")
///     .config(config.clone())
///     .build()?;
/// # Ok::<(), customer_apis::Error>(())
/// ```
///
/// Every wait — the timeouts, the deadline and the retry policy's delays — is at most one year:
/// `build()` refuses a longer one as [`Error::InvalidInput`] naming the setting (`timeout`,
/// `retry_policy.max_delay`...), since it is surely a mistake and a deadline that far may be
/// past what the clock can hold.
///
/// Fields may be added in a minor release (the struct is `#[non_exhaustive]`): start from
/// [`Config::default`] and set what you need.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Config {
    /// How long to wait for a connection (default [`DEFAULT_CONNECT_TIMEOUT`](crate::DEFAULT_CONNECT_TIMEOUT), 10 s).
    pub connect_timeout: Duration,
    /// How long one attempt may take, connection to last body byte (default
    /// [`DEFAULT_TIMEOUT`](crate::DEFAULT_TIMEOUT), 30 s).
    pub timeout: Duration,
    /// A deadline for a whole call: obtaining credentials, every attempt and the waits between
    /// them (default none).
    pub operation_timeout: Option<Duration>,
    /// How failed attempts are retried (default 3 attempts, backoff with jitter).
    pub retry: RetryPolicy,
    /// The `User-Agent` header (default [`DEFAULT_USER_AGENT`](crate::DEFAULT_USER_AGENT)); visible ASCII.
    pub user_agent: String,
    /// The largest response body read, in bytes (default 4 MiB; from 1 byte to 1 GiB, checked
    /// by the builder's `build`).
    pub max_response_bytes: usize,
    /// Whether a plain `http://` base URL to a host other than loopback is allowed (default
    /// false: credentials would travel unencrypted).
    pub allow_insecure_http: bool,
    /// Whether answers are checked against the vendor's spec (default true): what departs
    /// from it is in [`ResponseMeta::departures`](crate::ResponseMeta::departures) and a
    /// `warn` event of target `customer_apis::spec`, once per client and kind.
    pub check_spec: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            connect_timeout: crate::DEFAULT_CONNECT_TIMEOUT,
            timeout: crate::DEFAULT_TIMEOUT,
            operation_timeout: None,
            retry: RetryPolicy::default(),
            user_agent: crate::DEFAULT_USER_AGENT.to_owned(),
            max_response_bytes: crate::transport::DEFAULT_BODY_LIMIT,
            allow_insecure_http: false,
            check_spec: true,
        }
    }
}

/// What every vendor's builder holds besides its vendor's settings: the [`Config`] and the
/// caller's reqwest client, if any. Builders get their setters from [`common_builder_methods!`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Common {
    /// `None`: the vendor's default, if it has one.
    pub(crate) base_url: Option<String>,
    pub(crate) config: Config,
    /// The caller's own reqwest client, if given.
    pub(crate) http: Option<reqwest::Client>,
}

impl Common {
    /// Checks these settings and `raw_base_url`: the normalised base URL, the reqwest client
    /// (one connection pool per vendor client) and the call policy.
    pub(crate) fn build(
        &self,
        raw_base_url: &str,
    ) -> Result<(String, reqwest::Client, Transport), Error> {
        let config = &self.config;
        let url = base_url(raw_base_url, config.allow_insecure_http)?;
        if self.http.is_none() {
            tls_available("base_url", &url)?;
        }
        timeouts(config.connect_timeout, config.timeout)?;
        if let Some(deadline) = config.operation_timeout {
            nonzero("operation_timeout", deadline)?;
            within_bound("operation_timeout", deadline)?;
        }
        config.retry.check()?;
        if !BODY_LIMITS.contains(&config.max_response_bytes) {
            let rule = "must be between 1 byte and 1 GiB (1073741824 bytes)";
            return Err(Error::invalid("max_response_bytes", rule));
        }
        let parsed = reqwest::Url::parse(&url).ok();
        // A caller's reqwest client sends its own User-Agent, unless another was asked for.
        let user_agent = match &self.http {
            Some(_) if config.user_agent != crate::DEFAULT_USER_AGENT => {
                Some(crate::transport::user_agent_value(&config.user_agent)?)
            }
            _ => None,
        };
        let http = match &self.http {
            Some(http) => http.clone(),
            None => crate::transport::http_client(
                config.connect_timeout,
                config.timeout,
                &config.user_agent,
                parsed.as_ref().is_some_and(is_loopback),
            )?,
        };
        let transport = Transport {
            retry: config.retry.clone(),
            body_limit: config.max_response_bytes,
            deadline: config.operation_timeout,
            // A client of our own has the attempt timeout built in; a caller's gets it per request.
            attempt_timeout: self.http.as_ref().map(|_| config.timeout),
            user_agent,
            check_spec: config.check_spec,
            reported: Default::default(),
            server: parsed
                .as_ref()
                .map(crate::transport::Server::of)
                .unwrap_or_default(),
        };
        Ok((url, http, transport))
    }
}

/// The setters of [`Common`], written once for every vendor's builder (each has a `common` field).
macro_rules! common_builder_methods {
    () => {
        crate::config::common_builder_methods!(common);
    };
    ($($common:ident).+) => {
        /// The API's base URL; it may carry a path prefix (`http://gateway.internal/api`).
        /// A vendor whose spec names a public `https` server defaults to it (`DEFAULT_BASE_URL`
        /// in its module); one without (PDM: every customer has its own endpoint) requires it.
        pub fn base_url(mut self, url: impl Into<String>) -> Self {
            self.$($common).+.base_url = Some(url.into());
            self
        }

        /// Every shared setting at once (see [`Config`](crate::Config)); the setters below
        /// change one field each. The reqwest client given to
        /// [`http_client`](Self::http_client), if any, is kept.
        pub fn config(mut self, config: crate::Config) -> Self {
            self.$($common).+.config = config;
            self
        }

        /// How long to wait for a connection (default 10 s; at most one year, as every wait).
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.$($common).+.config.connect_timeout = timeout;
            self
        }

        /// How long one attempt may take, connection to last body byte (default 30 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.$($common).+.config.timeout = timeout;
            self
        }

        /// Sets [`Config::operation_timeout`](crate::Config::operation_timeout): past it the
        /// call ends with [`Error::Timeout`](crate::Error::Timeout), and no retry starts whose
        /// wait would end past it.
        pub fn operation_timeout(mut self, deadline: std::time::Duration) -> Self {
            self.$($common).+.config.operation_timeout = Some(deadline);
            self
        }

        /// Sends with your own [`reqwest::Client`]: proxies, custom root certificates, client
        /// certificates (mTLS), pool tuning. The SDK still sets its headers and applies
        /// [`timeout`](Self::timeout) to each attempt, and a [`user_agent`](Self::user_agent)
        /// other than the default to each request (else your client's own is sent); the
        /// connect timeout, proxy, TLS, pool and redirect policy are then your client's. One
        /// reqwest client given to many vendor clients is one connection pool for all of
        /// them. Build it with
        /// `.redirect(reqwest::redirect::Policy::none())`: a followed redirect re-sends the
        /// credentials (PDM's are in the body) to wherever it points. The plaintext guard still
        /// applies to the base URL.
        ///
        /// Without one, the SDK builds its own with reqwest's defaults — proxies from the
        /// `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` environment variables, and, with the
        /// `rustls` feature, the platform's certificate verifier (its trust store) — plus the
        /// SDK's timeouts and user agent, and no redirects. A loopback base URL is never sent
        /// through a proxy, whatever the environment says (as Go's net/http does): the
        /// plaintext guard lets plain `http` to loopback through because its bytes stay on the
        /// machine, and a proxy would carry them, credentials included, wherever it runs. With
        /// your own client, proxies are your client's choice.
        pub fn http_client(mut self, client: reqwest::Client) -> Self {
            self.$($common).+.http = Some(client);
            self
        }

        /// Sets [`Config::retry`](crate::Config::retry) (default 3 attempts, backoff with jitter;
        /// [`RetryPolicy::disabled`](crate::RetryPolicy::disabled) for none).
        pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
            self.$($common).+.config.retry = policy;
            self
        }

        /// The `User-Agent` header (default `customer-apis/<version>`); visible ASCII. With your
        /// own [`http_client`](Self::http_client), one set here is sent on each request.
        pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
            self.$($common).+.config.user_agent = agent.into();
            self
        }

        /// The largest response body read, in bytes (default 4 MiB; from 1 byte to 1 GiB); a
        /// larger one is [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge).
        pub fn max_response_bytes(mut self, limit: usize) -> Self {
            self.$($common).+.config.max_response_bytes = limit;
            self
        }

        /// Sets [`Config::allow_insecure_http`](crate::Config::allow_insecure_http). Loopback
        /// (`localhost`, `127.0.0.1`, `::1`) is always allowed, and never sent through a proxy.
        pub fn allow_insecure_http(mut self, allow: bool) -> Self {
            self.$($common).+.config.allow_insecure_http = allow;
            self
        }

        /// Sets [`Config::check_spec`](crate::Config::check_spec): `false` turns off the
        /// check of answers against the vendor's spec (it then costs nothing).
        pub fn check_spec(mut self, check: bool) -> Self {
            self.$($common).+.config.check_spec = check;
            self
        }
    };
}
pub(crate) use common_builder_methods;

#[cfg(test)]
mod tests {
    /// Checked in both kinds of build: with a TLS feature (every default build) `https` is
    /// fine; without one (`--no-default-features --features foxtrot`) it is refused naming
    /// the setting. Plain `http` needs no TLS either way.
    #[test]
    fn https_needs_a_tls_feature_when_the_sdk_builds_the_client() {
        let https = super::tls_available("base_url", "https://api.example.com");
        if cfg!(any(feature = "rustls", feature = "native-tls")) {
            assert!(https.is_ok(), "{https:?}");
        } else {
            match https {
                Err(crate::Error::InvalidInput { field, rule }) => {
                    assert_eq!(field, "base_url");
                    assert!(rule.starts_with("is https, but this build"), "{rule}");
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(super::tls_available("base_url", "http://127.0.0.1:8003").is_ok());
    }
}
