//! Which hosts the sandbox answers. A web page can reach a server on loopback by DNS
//! rebinding: its own name, resolved again, now points at 127.0.0.1, and the browser sends
//! `Host: <its name>`. So the sandbox answers only requests addressed to a loopback name or
//! literal (`localhost`, `127.x.y.z`, `[::1]`, any case, any port) or to a name it was told to
//! allow, on every path (vendors and control API); any other gets `403 Forbidden` with a short
//! text, before it is recorded or served. A request must name its host once: HTTP/1.1 without a
//! `Host`, or with several, is `400 Bad Request` (RFC 9112 §3.2); HTTP/1.0, which may omit it,
//! is answered without one (a browser always sends one). An absolute request target
//! (`GET http://name/...`) must name an allowed host too.

use std::sync::Arc;

use axum::http::{header, StatusCode, Version};
use axum::response::{IntoResponse, Response};

/// The host names allowed besides loopback, as [`url::Host`] writes them (lower case, IP
/// literals canonical).
#[derive(Debug, Clone, Default)]
pub(crate) struct AllowedHosts(Arc<[String]>);

impl AllowedHosts {
    /// Checks and normalises the names given; a name that is no host name is an
    /// `InvalidInput` error naming it.
    pub(crate) fn new(names: &[String]) -> std::io::Result<AllowedHosts> {
        let hosts = names
            .iter()
            .map(|name| {
                url::Host::parse(name.trim())
                    .map(|host| host.to_string())
                    .map_err(|e| {
                        std::io::Error::new(
                            std::io::ErrorKind::InvalidInput,
                            format!(
                                "allow_host({name:?}): not a host name or IP literal ({e}); \
                                 give the name alone, without scheme or port"
                            ),
                        )
                    })
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(AllowedHosts(hosts.into()))
    }

    /// Whether `authority` (`name`, `name:port`, `[v6]:port`) names loopback or an allowed
    /// host.
    fn allows(&self, authority: &str) -> bool {
        let Some(name) = host_of(authority) else {
            return false;
        };
        let Ok(host) = url::Host::parse(name) else {
            return false;
        };
        let loopback = match &host {
            url::Host::Domain(name) => name == "localhost",
            url::Host::Ipv4(ip) => ip.is_loopback(),
            url::Host::Ipv6(ip) => ip.is_loopback(),
        };
        loopback || self.0.iter().any(|allowed| *allowed == host.to_string())
    }
}

/// The host of an authority: without user info or port (a port must be digits), brackets kept
/// around an IPv6 literal.
fn host_of(authority: &str) -> Option<&str> {
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']')? + 1;
        let rest = &authority[end..];
        if !rest.is_empty() && !rest.starts_with(':') {
            return None;
        }
        (&authority[..end], rest.strip_prefix(':').unwrap_or(""))
    } else {
        authority.split_once(':').unwrap_or((authority, ""))
    };
    port.bytes().all(|b| b.is_ascii_digit()).then_some(host)
}

/// The answer to a request addressed to a host the sandbox does not answer.
fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        "this host is not allowed: the sandbox answers loopback hosts only (localhost, \
         127.x.y.z, [::1]); allow another with --allow-host NAME (SandboxBuilder::allow_host)\n",
    )
        .into_response()
}

/// Answers the request only if it is addressed to an allowed host (see the module docs).
pub(crate) async fn check(
    allowed: AllowedHosts,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let host = hosts.next();
    if hosts.next().is_some() {
        return (StatusCode::BAD_REQUEST, "one Host header, please\n").into_response();
    }
    let target = request.uri().authority().map(|a| a.as_str());
    if host.is_none() && target.is_none() {
        return if matches!(request.version(), Version::HTTP_09 | Version::HTTP_10) {
            next.run(request).await
        } else {
            (
                StatusCode::BAD_REQUEST,
                "an HTTP/1.1 request needs a Host\n",
            )
                .into_response()
        };
    }
    let host_allowed = host.is_none_or(|h| h.to_str().is_ok_and(|h| allowed.allows(h.trim())));
    if !host_allowed || !target.is_none_or(|t| allowed.allows(t)) {
        return forbidden();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_strips_user_info_and_port_and_refuses_a_bad_port() {
        assert_eq!(host_of("localhost:8003"), Some("localhost"));
        assert_eq!(host_of("u:p@localhost:8003"), Some("localhost"));
        assert_eq!(host_of("[::1]:8003"), Some("[::1]"));
        assert_eq!(host_of("[::1]"), Some("[::1]"));
        assert_eq!(host_of("localhost:"), Some("localhost"));
        assert_eq!(host_of("[::1]x"), None);
        assert_eq!(host_of("localhost:80x"), None);
        assert_eq!(host_of("[::1"), None);
    }

    #[test]
    fn only_loopback_and_allowed_names_are_allowed() {
        let allowed =
            AllowedHosts::new(&["DevBox.Internal".to_owned(), "10.0.0.7".to_owned()]).unwrap();
        for yes in [
            "localhost",
            "LOCALHOST:1",
            "127.0.0.1",
            "127.255.0.9:8003",
            "[::1]:8003",
            "[0:0:0:0:0:0:0:1]",
            "devbox.internal",
            "DEVBOX.INTERNAL:9",
            "10.0.0.7:8003",
        ] {
            assert!(allowed.allows(yes), "{yes}");
        }
        for no in [
            "",
            "evil.example",
            "x.localhost",
            "localhost.",
            "127.0.0.1.evil.example",
            "[::2]",
            "[::ffff:127.0.0.1]",
            "10.0.0.8",
            "devbox.internal.evil.example",
            "localhost:80x",
        ] {
            assert!(!allowed.allows(no), "{no}");
        }
        assert!(AllowedHosts::new(&["a:80".to_owned()]).is_err());
        assert!(AllowedHosts::new(&["http://a/".to_owned()]).is_err());
        assert!(AllowedHosts::new(&[String::new()]).is_err());
    }
}
