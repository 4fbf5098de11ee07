//! Checks shared by every client builder.

use std::time::Duration;

use crate::error::Error;

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

/// `https`, or `http` to a loopback address (`localhost`, 127.0.0.0/8, `::1`).
pub(crate) fn is_protected(url: &reqwest::Url) -> bool {
    if url.scheme() == "https" {
        return true;
    }
    match url.host() {
        Some(url::Host::Domain(d)) => {
            d.eq_ignore_ascii_case("localhost") || d.to_ascii_lowercase().ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}
