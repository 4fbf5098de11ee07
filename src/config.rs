//! Checks shared by every client builder.

use std::time::Duration;

use crate::error::Error;

/// A base URL with an `http` or `https` scheme and a host, without a trailing slash (the
/// generated clients append `/path`), a path prefix allowed.
pub(crate) fn base_url(raw: &str) -> Result<String, Error> {
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
