//! Typed Rust clients for the customer endpoints of three logistics vendors:
//! **CRO Software** (roll-off dispatch), **PDM** (Pro Delivery Manager) and **Foxtrot**
//! (route optimisation).
//!
//! Each vendor's endpoints are described by a hand-written OpenAPI 3.0 spec in `specs/`;
//! `build.rs` generates the models and the request code from it with progenitor. The
//! hand-written layer here adds what a spec cannot: credentials and tenant set once per
//! client, API-version pinning, response metadata, one error type, retries, timeouts and
//! redaction of secrets.
//!
//! ```no_run
//! # #[cfg(feature = "cro")]
//! # async fn demo() -> Result<(), customer_apis::Error> {
//! use customer_apis::cro;
//!
//! let client = cro::Client::builder()
//!     .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
//!     .tenant_id(42)
//!     .build()?;
//! let customer = client.get_customer(1).await?;
//! println!("{} (request id {:?})", customer.name, customer.meta().request_id);
//! # Ok(()) }
//! ```
//!
//! # Decoding what vendors really send
//! Responses decode strictly on types and leniently on documented lengths, patterns and
//! enumerations, because the vendors' own data breaks them; [`Validate::validate`] lists what
//! breaks a rule. Requests are checked strictly before anything is sent. Timestamps keep what
//! the server sent, with or without an offset: see [`Timestamp`].
//!
//! # Features
//! - `cro`, `pdm`, `foxtrot`: one module per vendor; a disabled vendor's spec is not generated.
//! - `rustls` (default) or `native-tls`: the TLS backend.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

mod auth;
mod config;
mod error;
mod response;
mod retry;
mod timestamp;
mod transport;
pub mod validation;

#[cfg(feature = "cro")]
#[cfg_attr(docsrs, doc(cfg(feature = "cro")))]
pub mod cro;

#[cfg(feature = "pdm")]
#[cfg_attr(docsrs, doc(cfg(feature = "pdm")))]
pub mod pdm;

#[cfg(feature = "foxtrot")]
#[cfg_attr(docsrs, doc(cfg(feature = "foxtrot")))]
pub mod foxtrot;

#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub mod sandbox;

pub use auth::{AccessToken, BoxFuture, RefreshingToken, StaticToken, TokenProvider};
pub use error::{ApiError, Error, FoxtrotCode, PdmStatus, ResponseMeta, Vendor, VendorCode};
pub use response::Response;
pub use retry::RetryPolicy;
pub use timestamp::{Timestamp, TimestampError};
pub use validation::{Validate, Violation};

use std::time::Duration;

/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for one attempt, from connecting to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default `User-Agent`.
pub const DEFAULT_USER_AGENT: &str = concat!("customer-apis/", env!("CARGO_PKG_VERSION"));
