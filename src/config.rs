//! Checks shared by every client builder.

use std::time::Duration;

use crate::error::Error;
use crate::retry::RetryPolicy;
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
    if connect.is_zero() {
        return Err(Error::invalid(
            "connect_timeout",
            "must be greater than zero",
        ));
    }
    if attempt.is_zero() {
        return Err(Error::invalid("timeout", "must be greater than zero"));
    }
    Ok(())
}

/// A credential that is sent: not blank, no control characters.
#[cfg(any(feature = "pdm", feature = "foxtrot"))]
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

/// `https`, or `http` to a loopback address: an IP literal in 127.0.0.0/8 or `::1`, or the
/// name `localhost` itself. Other names (`x.localhost`, `127.0.0.1.example.com`) go through
/// DNS, which may answer anything, so they do not count.
pub(crate) fn is_protected(url: &reqwest::Url) -> bool {
    if url.scheme() == "https" {
        return true;
    }
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The settings every vendor's builder shares: connection, retries, limits and the plaintext
/// guard. Builders hold one and get its setters from [`common_builder_methods!`].
#[derive(Debug, Clone)]
pub(crate) struct Common {
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: String,
    pub(crate) body_limit: usize,
    pub(crate) allow_http: bool,
    pub(crate) operation_timeout: Option<Duration>,
    /// The caller's own reqwest client, if given.
    pub(crate) http: Option<reqwest::Client>,
}

impl Default for Common {
    fn default() -> Self {
        Common {
            connect_timeout: crate::DEFAULT_CONNECT_TIMEOUT,
            timeout: crate::DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            user_agent: crate::DEFAULT_USER_AGENT.to_owned(),
            body_limit: crate::transport::DEFAULT_BODY_LIMIT,
            allow_http: false,
            operation_timeout: None,
            http: None,
        }
    }
}

impl Common {
    /// Checks these settings and `raw_base_url`: the normalised base URL, the reqwest client
    /// (one connection pool per vendor client) and the call policy.
    pub(crate) fn build(
        &self,
        raw_base_url: &str,
    ) -> Result<(String, reqwest::Client, Transport), Error> {
        let url = base_url(raw_base_url, self.allow_http)?;
        timeouts(self.connect_timeout, self.timeout)?;
        if self.operation_timeout.is_some_and(|d| d.is_zero()) {
            return Err(Error::invalid(
                "operation_timeout",
                "must be greater than zero",
            ));
        }
        let http = match &self.http {
            Some(http) => http.clone(),
            None => {
                crate::transport::http_client(self.connect_timeout, self.timeout, &self.user_agent)?
            }
        };
        let transport = Transport {
            retry: self.retry.clone(),
            body_limit: self.body_limit,
            deadline: self.operation_timeout,
            // A client of our own has the attempt timeout built in; a caller's gets it per request.
            attempt_timeout: self.http.as_ref().map(|_| self.timeout),
        };
        Ok((url, http, transport))
    }
}

/// The setters of [`Common`], written once for the three builders (each has a `common` field).
macro_rules! common_builder_methods {
    () => {
        /// How long to wait for a connection (default 10 s).
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.common.connect_timeout = timeout;
            self
        }

        /// How long one attempt may take, connection to last body byte (default 30 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.common.timeout = timeout;
            self
        }

        /// A deadline for a whole call: obtaining credentials, every attempt and the waits
        /// between them (default none: each attempt is bounded by [`timeout`](Self::timeout),
        /// the retries by the policy). Past it the call ends with
        /// [`Error::Timeout`](crate::Error::Timeout), and no retry starts whose wait would end
        /// past it.
        pub fn operation_timeout(mut self, deadline: std::time::Duration) -> Self {
            self.common.operation_timeout = Some(deadline);
            self
        }

        /// Sends with your own [`reqwest::Client`]: proxies, custom root certificates, client
        /// certificates (mTLS), pool tuning. The SDK still sets its headers and applies
        /// [`timeout`](Self::timeout) to each attempt; the connect timeout, user agent, proxy,
        /// TLS and redirect policy are then your client's. Build it with
        /// `.redirect(reqwest::redirect::Policy::none())`: a followed redirect re-sends the
        /// credentials (PDM's are in the body) to wherever it points. The plaintext guard still
        /// applies to the base URL.
        ///
        /// Without one, the SDK builds its own with reqwest's defaults — proxies from the
        /// `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` environment variables, and, with the
        /// `rustls` feature, the platform's certificate verifier (its trust store) — plus the
        /// SDK's timeouts and user agent, and no redirects.
        pub fn http_client(mut self, client: reqwest::Client) -> Self {
            self.common.http = Some(client);
            self
        }

        /// How failed attempts are retried (default [`RetryPolicy::default`](crate::RetryPolicy::default):
        /// 3 attempts, backoff with jitter; [`RetryPolicy::disabled`](crate::RetryPolicy::disabled)
        /// for none).
        pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
            self.common.retry = policy;
            self
        }

        /// The `User-Agent` header (default `customer-apis/<version>`); visible ASCII.
        pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
            self.common.user_agent = agent.into();
            self
        }

        /// The largest response body read, in bytes (default 4 MiB); a larger one is
        /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge).
        pub fn max_response_bytes(mut self, limit: usize) -> Self {
            self.common.body_limit = limit;
            self
        }

        /// Allows a plain `http://` base URL to a host other than loopback. Off by default:
        /// credentials would travel unencrypted. Loopback (`localhost`, `127.0.0.1`, `::1`) is
        /// always allowed, for sandboxes and local proxies.
        pub fn allow_insecure_http(mut self, allow: bool) -> Self {
            self.common.allow_http = allow;
            self
        }
    };
}
pub(crate) use common_builder_methods;
