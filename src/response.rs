//! [`Response`]: a decoded answer with its metadata.

use std::ops::Deref;

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
#[derive(Debug, Clone)]
pub struct Response<T> {
    value: T,
    meta: ResponseMeta,
}

impl<T> Response<T> {
    pub(crate) fn new(value: T, meta: ResponseMeta) -> Self {
        Response { value, meta }
    }

    /// Request id, served API version, status and attempts.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
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

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}
