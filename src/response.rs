//! [`Response`]: a decoded answer with its metadata.

use std::ops::Deref;

use http::HeaderMap;

use crate::error::ResponseMeta;

/// A decoded answer and what the exchange told about it (request id, served API version,
/// attempts). Derefs to the value.
///
/// ```
/// # #[cfg(feature = "cro")]
/// # async fn demo(client: customer_apis::cro::Client) -> Result<(), customer_apis::Error> {
/// let customer = client.get_customer(1).await?;
/// println!("{} (request {:?})", customer.name, customer.meta().request_id);
/// let customer = customer.into_inner();
/// # let _ = customer; Ok(()) }
/// ```
/// Two responses are equal when their values, metadata and kept headers are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response<T> {
    value: T,
    meta: ResponseMeta,
    /// Boxed: a response is moved through every layer of the call, a box is cheaper to move.
    headers: Option<Box<HeaderMap>>,
}

impl<T> Response<T> {
    /// A response as a call would return it, for testing code that takes one; `meta` is
    /// often `ResponseMeta::default()` with the fields the test needs set. Its
    /// [`headers`](Response::headers) are empty.
    ///
    /// ```
    /// use customer_apis::{Response, ResponseMeta, StatusCode};
    ///
    /// let mut meta = ResponseMeta::default();
    /// meta.status = Some(StatusCode::OK);
    /// let answer = Response::from_parts("a value", meta.clone());
    /// assert_eq!(answer, Response::from_parts("a value", meta));
    /// assert_eq!(*answer, "a value");
    /// assert_eq!(answer.meta().status, Some(StatusCode::OK));
    /// ```
    #[cfg(feature = "test-util")]
    #[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
    pub fn from_parts(value: T, meta: ResponseMeta) -> Self {
        Response::new(value, meta)
    }

    pub(crate) fn new(value: T, meta: ResponseMeta) -> Self {
        Response {
            value,
            meta,
            headers: None,
        }
    }

    pub(crate) fn with_headers(mut self, headers: Option<Box<HeaderMap>>) -> Self {
        self.headers = headers;
        self
    }

    pub(crate) fn take_headers(&mut self) -> Option<Box<HeaderMap>> {
        self.headers.take()
    }

    /// Request id, served API version, status and attempts.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The headers of the answer (of the attempt that succeeded), as the server sent them
    /// but for credentials:
    ///
    /// - a value that holds a credential the attempt was sent with (the token, API key or
    ///   session token, in any form [`Error`](crate::Error)'s server texts are redacted in:
    ///   as sent or after `Bearer `, behind percent escapes of either case, HTML character
    ///   references or JSON escapes; or a JSON string under a credential-like key) has it
    ///   replaced by `[REDACTED]` and is marked sensitive;
    /// - the values of `set-cookie`, `cookie`, `authorization` and `proxy-authorization` are
    ///   kept but marked sensitive: they may be credentials of their own.
    ///
    /// A sensitive value prints as `Sensitive` in `Debug` output (this `Response`'s
    /// included); [`HeaderValue::is_sensitive`](http::HeaderValue::is_sensitive) tells
    /// them apart. The headers are those of the HTTP response, moved into this `Response`
    /// rather than copied.
    ///
    /// ```
    /// # #[cfg(feature = "cro")]
    /// # async fn demo(client: customer_apis::cro::Client) -> Result<(), customer_apis::Error> {
    /// let customer = client.get_customer(1).await?;
    /// let limit = customer.headers().get("x-ratelimit-remaining");
    /// # let _ = limit; Ok(()) }
    /// ```
    pub fn headers(&self) -> &HeaderMap {
        static NONE: std::sync::OnceLock<HeaderMap> = std::sync::OnceLock::new();
        match &self.headers {
            Some(headers) => headers,
            None => NONE.get_or_init(HeaderMap::new),
        }
    }

    pub(crate) fn meta_mut(&mut self) -> &mut ResponseMeta {
        &mut self.meta
    }

    /// The value, without the metadata.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The value and the metadata.
    pub fn into_parts(self) -> (T, ResponseMeta) {
        (self.value, self.meta)
    }
}

/// Serializes as its value alone: the metadata and headers describe the exchange, not the
/// record (read them with [`Response::meta`] and [`Response::headers`]).
impl<T: serde::Serialize> serde::Serialize for Response<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}
