//! Typed Rust clients for the customer endpoints of three logistics vendors:
//! **CRO Software** (roll-off dispatch), **PDM** (Pro Delivery Manager) and **Foxtrot**
//! (route optimisation).
//!
//! # Quickstart
//!
//! ```sh
//! cargo run --example quickstart --features sandbox   # every operation, against the embedded sandbox
//! cargo test --all-features                           # the tests
//! ```
//!
//! Each vendor's client is built once — credentials, tenant, version, timeouts, retries — and
//! then called with the vendor's own identifiers. These examples run against the in-process
//! [`sandbox`] (feature `sandbox`); point `base_url` at the vendor to go live.
//!
//! ```
//! # #[cfg(feature = "sandbox")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = customer_apis::sandbox::Sandbox::start().await?;
//! # let base_url = sandbox.base_url();
//! use customer_apis::cro::{self, ApiVersion};
//! use customer_apis::{foxtrot, pdm};
//!
//! // CRO Software: OAuth bearer token, tenant and a pinned API version.
//! let cro = cro::Client::builder()
//!     .base_url(&base_url)
//!     .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
//!     .tenant_id(42)
//!     .api_version(ApiVersion::V2023_04_19)
//!     .build()?;
//! let customer = cro.get_customer(1).await?;
//! assert_eq!(customer.name, "George Jones!!!?");
//! println!("request id {:?}", customer.meta().request_id);
//!
//! // PDM: company id and API key; session tokens are obtained and renewed for you.
//! let pdm = pdm::Client::builder().base_url(&base_url).company_id(9001).api_key("my-api-key").build()?;
//! let customer = pdm.get_customer(&pdm::CustomerLookup::external_ref("EXTREF164736")).await?;
//! assert_eq!(customer.customer_ref, "C001408");
//!
//! // Foxtrot: API key; you get the envelope's `data`.
//! let foxtrot = foxtrot::Client::builder().base_url(&base_url).api_key("my-api-key").build()?;
//! let waypoints = foxtrot.get_waypoints("Foxtrot-DC", "johns-burger-shack").await?;
//! assert_eq!(waypoints.waypoints.len(), 1);
//! # Ok(()) }
//! # #[cfg(not(feature = "sandbox"))]
//! # fn main() {}
//! ```
//!
//! # Errors
//! Every call returns [`Error`], one type for all vendors: [`Error::InvalidInput`] (nothing
//! was sent), [`Error::Api`] (the vendor's status, code and detail, with the request id),
//! [`Error::Timeout`], [`Error::Transport`], [`Error::Decode`], [`Error::VersionMismatch`],
//! [`Error::ResponseTooLarge`], [`Error::Pending`] and [`Error::Credentials`];
//! [`Error::is_retryable`] says whether trying again can help. Whatever text a server sent is
//! kept capped at 200 bytes, with every credential the client sent or received masked, even
//! when the server echoes it back.
//!
//! ```
//! # #[cfg(feature = "sandbox")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = customer_apis::sandbox::Sandbox::start().await?;
//! use customer_apis::Error;
//!
//! let cro = sandbox.cro_client().build()?;
//! match cro.get_customer(404_404).await {
//!     Err(Error::Api(e)) if e.status.as_u16() == 404 => println!("not found: {:?} [{}]", e.detail, e.meta),
//!     other => panic!("{other:?}"),
//! }
//! # Ok(()) }
//! # #[cfg(not(feature = "sandbox"))]
//! # fn main() {}
//! ```
//!
//! # Runtime
//! The clients are `async` and run on [tokio](https://tokio.rs) 1: call them from inside a
//! tokio runtime (`#[tokio::main]`, or one you build). Another executor, or a bare
//! `futures::executor::block_on`, fails with "there is no reactor running". The clients are
//! `Send + Sync` and cheap to clone (one connection pool per builder): build one per vendor
//! and share it.
//!
//! A synchronous program builds a runtime once and blocks on each call (your `Cargo.toml`:
//! `tokio = { version = "1", features = ["rt"] }`):
//!
//! ```
//! # #[cfg(feature = "sandbox")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
//! # let sandbox = runtime.block_on(customer_apis::sandbox::Sandbox::start())?;
//! # let base_url = sandbox.base_url();
//! let cro = customer_apis::cro::Client::builder()
//!     .base_url(&base_url)
//!     .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
//!     .tenant_id(42)
//!     .build()?;
//! let customer = runtime.block_on(cro.get_customer(1))?;
//! assert_eq!(customer.name, "George Jones!!!?");
//! # Ok(()) }
//! # #[cfg(not(feature = "sandbox"))]
//! # fn main() {}
//! ```
//!
//! Or, with the `blocking` feature, each vendor's `blocking::Client` has every method of the
//! async one, blocking the calling thread; it runs a runtime of its own on one worker thread,
//! as `reqwest::blocking` does:
//!
//! ```
//! # #[cfg(all(feature = "sandbox", feature = "blocking"))]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let server = tokio::runtime::Runtime::new()?;
//! # let sandbox = server.block_on(customer_apis::sandbox::Sandbox::start())?;
//! # let base_url = sandbox.base_url();
//! use customer_apis::cro;
//!
//! let cro = cro::blocking::Client::builder()
//!     .base_url(&base_url)
//!     .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
//!     .tenant_id(42)
//!     .build()?;
//! let customer = cro.get_customer(1)?;
//! assert_eq!(customer.name, "George Jones!!!?");
//! # Ok(()) }
//! # #[cfg(not(all(feature = "sandbox", feature = "blocking")))]
//! # fn main() {}
//! ```
//!
//! # One customer across vendors
//! [`Customer`] is the same view of a customer whichever vendor holds it — name, addresses
//! with an optional point, contacts, active flag, the vendor and its id, external references —
//! built with `Customer::from(&record)` from each vendor's get-customer answer. The
//! [`customer`] module maps each vendor's fields one by one, with what is derived and what is
//! lost; `examples/cross_vendor_customer.rs` joins the sandbox's linked customer across the
//! three vendors.
//! # Tracing
//! Every call is traced with [`tracing`] at DEBUG level: a span for the call, one per attempt
//! and one per credential request made within an attempt, under the targets
//! `customer_apis::transport` and `customer_apis::auth` (turn them on with the filter
//! `customer_apis=debug`). Fields use OpenTelemetry's HTTP-client attribute names where one
//! exists, and `otel.*` fields that the `tracing-opentelemetry` layer reads as the span's name,
//! kind and status, so an OpenTelemetry exporter shows them without mapping; the fields that
//! are the SDK's own are prefixed `customer_apis.`, as OpenTelemetry asks of attributes
//! outside its conventions. No field holds a credential, a header, a body or a URL: the server
//! is its host and port, the path its spec template.
//!
//! | Span | Level | What it covers |
//! |---|---|---|
//! | `customer_apis.call` | DEBUG | one method call, every attempt and wait included |
//! | `customer_apis.attempt` | DEBUG | one attempt, inside the call: obtaining the credential if needed, then one request (an OpenTelemetry client span) |
//! | `customer_apis.credential_request` | DEBUG | a credential fetched within an attempt: PDM's GetSessionToken, or [`RefreshingToken`]'s token request; both go through the one call path, in the same span shape |
//!
//! | Field | On | What it holds |
//! |---|---|---|
//! | `otel.name` | all three | the call: the spec's `operationId` (`getCustomer`; `request` for the escape hatch); a request: `{method} {url.template}` (`GET /customers/{customer_id}`), or the method alone without a template |
//! | `otel.kind` | attempt, credential request | `client` (the call is an internal span) |
//! | `otel.status_code` | all three | `ERROR` when it failed; absent otherwise |
//! | `customer_apis.vendor` | call | `CRO`, `PDM` or `Foxtrot` |
//! | `customer_apis.operation` | call, credential request | the spec's `operationId` (`getCustomer`, `GetSessionToken`); `request` for the escape hatch; `oauth_refresh_token_grant` for [`RefreshingToken`]'s token request |
//! | `http.request.method` | attempt, credential request | the HTTP method (`GET`); `_OTHER` for an escape-hatch method OpenTelemetry does not know |
//! | `url.template` | attempt, PDM's credential request | the spec's path template (`/customers/{customer_id}`); absent for the escape hatch and the OAuth token endpoint, whose paths are yours |
//! | `server.address` | attempt, credential request | the host of the base URL (of the token URL for OAuth); an IPv6 address without brackets |
//! | `server.port` | attempt, credential request | its port, or the scheme's default |
//! | `http.request.resend_count` | attempt | the attempt's number minus one: absent on the first attempt, 1 on the second (a repeat after a refused credential counts) |
//! | `http.response.status_code` | all three | the answer's HTTP status (the call: its last attempt's); absent when none arrived |
//! | `customer_apis.request_id` | all three | the answer's `x-request-id` (see [`ResponseMeta::request_id`]); absent when there is none |
//! | `error.type` | all three | on failure, the [`ErrorKind`] in snake case: `invalid_input`, `not_found`, `credential_rejected`, `access_denied`, `throttled`, `unavailable`, `api`, `pending`, `timeout`, `transport`, `decode`, `version_mismatch`, `response_too_large`, `credentials` (PDM answers its errors with HTTP 200, so the status alone would not say) |
//! | `customer_apis.attempts` | call | attempts made ([`ResponseMeta::attempts`]) |
//! | `customer_apis.requests` | call | HTTP requests sent, PDM's GetSessionToken included, the OAuth token requests not ([`ResponseMeta::requests`]) |
//!
//! | Event | Level | In span | Fields |
//! |---|---|---|---|
//! | `call succeeded` | DEBUG | call | — |
//! | `call failed` | DEBUG | call | `error.message`: the error's `Display` (credentials masked, no query string) |
//! | `retrying` | DEBUG | the failed attempt | `error.message`; `customer_apis.retry_wait_ms`, the wait before the next attempt in milliseconds |
//! | `not retrying: the wait ends past the call's deadline` | DEBUG | the failed attempt | `error.message`; `customer_apis.retry_wait_ms` |
//! | `credentials rejected; repeating the call with fresh ones` | DEBUG | the failed attempt | `error.message` |
//! | `credential refreshed` | DEBUG | attempt | `customer_apis.credential_generation`: which refresh, from 1 |
//! | `refresh token rotated` | DEBUG | credential request | — (never the token) |
//! | `the on_refresh_token_rotated hook panicked: ...` | WARN | credential request | — (see [`RefreshingTokenBuilder::on_refresh_token_rotated`]) |
//! | `the answer departs from the vendor's spec` (target `customer_apis::spec`) | WARN | attempt | `vendor`, `operation`, `path`, `rule` (see [Departures from the spec](#departures-from-the-spec)); once per client and departure |
//!
//! With `tracing-subscriber`, for example (an OpenTelemetry pipeline adds the
//! `tracing-opentelemetry` layer instead of, or beside, `fmt`):
//!
//! ```no_run
//! tracing_subscriber::fmt()
//!     .with_env_filter("customer_apis=debug")
//!     .init();
//! ```
//!
//! ```text
//! DEBUG customer_apis.call{otel.name="getCustomer" customer_apis.vendor=CRO customer_apis.operation="getCustomer"}:customer_apis.attempt{otel.name="GET /customers/{customer_id}" otel.kind="client" http.request.method="GET" url.template="/customers/{customer_id}" server.address="api.crosoftware.net" server.port=443 http.response.status_code=503 error.type="unavailable" otel.status_code="ERROR"}: customer_apis::transport: retrying error.message=CRO answered HTTP 503 [...] customer_apis.retry_wait_ms=212
//! ```
//!
//! # Decoding what vendors really send
//! Responses decode strictly on types and leniently on documented lengths, patterns and
//! enumerations, because the vendors' own data breaks them; [`Validate::validate`] lists what
//! breaks a rule. Requests are checked strictly before anything is sent. Timestamps keep what
//! the server sent, with or without an offset: see [`Timestamp`].
//!
//! # Departures from the spec
//! What the lenient decoding tolerates is said: each answer is checked against its operation's
//! documented answers while it is read, and [`ResponseMeta::departures`] lists, as
//! [`Departure`]s naming the operation, the path and the [`DepartureRule`] (never the value):
//! - a field the spec does not declare (the SDK skips it; feature `undeclared-fields`, on by
//!   default);
//! - a documented rule a value breaks (length, pattern, enumeration, number of items, one of
//!   several fields required), which the SDK keeps;
//! - a `null` in an optional field the spec does not mark `nullable`, which the SDK reads as
//!   absent;
//! - a status the operation does not document (at `status`; the answer is then an [`Error`],
//!   whose [`meta`](Error::meta) has it);
//! - a documented response header that is missing, or whose value is not one of its schema's
//!   `enum` (CRO's served `x-api-version`), and a content type other than the documented ones
//!   (at `header.<name>`; a success's headers only).
//!
//! A field's name is the server's text: it crosses the redaction boundary like any other and
//! is cut at 256 characters; an answer keeps at most 32 departures. Each distinct one is also
//! a `warn` event of target `customer_apis::spec`, once per client (its clones and
//! `with_tenant` clients share the record, at most 256), so that a busy app logs a vendor's
//! change once, not per call; a departure is never an error status of a span. A required
//! field that is missing, or a value of another type, is not tolerated: it is an
//! [`Error::Decode`], not a departure. The forms of an answer with several (`oneOf`) are
//! checked for rules and `null`s, not for undeclared fields.
//!
//! [`Config::check_spec`] (`.check_spec(false)` on a builder) turns the check off; off, it
//! costs nothing measurable. On, it costs client work per call: the rules run, and the answer
//! is decoded by a strict twin of its models that refuses an undeclared field (only an answer
//! it refuses is read again and searched): about 3 % more instructions for CRO's customer,
//! whose sample breaks a rule, and under 2 % for PDM's and Foxtrot's, which BENCHMARKS.md
//! measures.
//!
//! ```
//! # #[cfg(all(feature = "cro", feature = "sandbox"))]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = customer_apis::sandbox::Sandbox::start().await?;
//! let cro = sandbox.cro_client().build()?;
//! let customer = cro.get_customer(1).await?;
//! // CRO's own sample sends an empty `sales_rep` against "at least 1 character".
//! let departures = customer.meta().departures();
//! assert_eq!(departures.len(), 1);
//! assert_eq!(
//!     departures[0].to_string(),
//!     "getCustomer: locations[1].sales_rep must not be empty"
//! );
//! # Ok(()) }
//! # #[cfg(not(all(feature = "cro", feature = "sandbox")))]
//! # fn main() {}
//! ```
//!
//! # Features
//! - `cro`, `pdm`, `foxtrot` (default): one module per vendor; a disabled vendor's spec is not
//!   generated or compiled.
//! - `rustls` (default) or `native-tls`: the TLS backend.
//! - `sandbox`: [`sandbox::Sandbox`], an in-process server playing all three vendors (axum).
//! - `cli`: the `customer-apis` command-line tool (clap).
//! - `blocking`: a `blocking::Client` in each vendor module, for programs without an async
//!   runtime.
//! - `undeclared-fields` (default): [`Config::check_spec`] also finds fields that answers have
//!   and the spec does not declare. Without it the check still finds broken rules, `null`s,
//!   statuses and headers, and an app's release binary is smaller (each model's strict decoder
//!   is not compiled); per call, the strict decode costs what the lenient one does.
//!   `sandbox` turns it on.
//! - `test-util`: constructors for your unit tests ([`ApiError::new`],
//!   [`Response::from_parts`]); not for production code.
//!
//! # Versioning
//! The crate follows semantic versioning (as Cargo reads it: before 1.0, a minor release may
//! break). Because the clients are generated from `specs/`, a spec edit is a crate change like
//! any other:
//! - **minor**: adding an operation (a new method), a new error variant or kind (the error
//!   and code enums are `#[non_exhaustive]`), or a new value of an enum the SDK decodes
//!   leniently;
//! - **major**: adding a field to a model, as well as removing or renaming a field or an
//!   operation, making an optional field required, changing a field's type, or moving the
//!   default pinned CRO API version.
//!
//! Models are plain structs with public fields, deliberately not `#[non_exhaustive]` and
//! without builders: an app builds them with struct literals in its tests and destructures
//! them exhaustively, which is worth more for three small vendor APIs than adding fields
//! without a major release. Code that only reads models is not affected by an added field
//! (an absent optional field decodes as `None`).
//!
//! Loosening a documented constraint is a patch; tightening one is a minor release (it only
//! affects [`Validate`] and request checks).
//!
//! # Testing your code
//! Models, [`Response`] and [`Error`]'s parts compare with `==` (models derive `PartialEq`,
//! and `Eq` + `Hash` where no field is a float); [`Response`] serializes as its value. With
//! the `test-util` feature, [`ApiError::new`] and [`Response::from_parts`] build what a call
//! would return, so code that maps errors or takes answers is tested without a server; for
//! a whole flow, the [`sandbox`] plays the three vendors in-process.
//!
//! # Secrets
//! Tokens, refresh tokens, session tokens and API keys print as `[REDACTED]` in `Debug` and
//! `Display`, never appear in an [`Error`] or a log line, and serialize as `"[REDACTED]"`
//! (PDM's [`pdm::ApiKey`] and [`pdm::SessionToken`] travel in models; a rotated
//! [`RefreshToken`] is handed to your hook): the clients send them through
//! [`ExposeSecrets`], the one serialization that writes them.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]
// A build without a vendor has nothing to call: the call path it keeps is not dead code to
// warn about (`cargo check --no-default-features`, feature-powerset checks).
#![cfg_attr(
    not(any(feature = "cro", feature = "pdm", feature = "foxtrot")),
    allow(dead_code, unused_imports, unused_macros)
)]

mod auth;
#[cfg(feature = "blocking")]
mod blocking;
mod client;
mod config;
mod contract;
pub mod customer;
mod departure;
mod error;
mod json_path;
pub mod operation;
mod pattern;
mod redact;
mod response;
mod retry;
mod secret;
#[cfg(spec_vendors)]
mod spec_policy;
mod timestamp;
mod transport;
pub mod validation;
mod vendors;

#[cfg(feature = "pdm")]
#[cfg_attr(docsrs, doc(cfg(feature = "pdm")))]
pub mod pdm;

// Every vendor whose spec describes its policy (no `x-policy: hand-written`), its module
// generated whole by build.rs (CRO's and Foxtrot's).
include!(concat!(env!("OUT_DIR"), "/vendor_modules.rs"));

#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub mod sandbox;

pub use auth::{
    AccessToken, BoxFuture, RefreshToken, RefreshingToken, RefreshingTokenBuilder, StaticToken,
    TokenProvider,
};
pub use config::Config;
pub use customer::Customer;
pub use departure::{Departure, DepartureRule};
pub use error::{
    ApiError, Error, ErrorCode, ErrorKind, ResponseMeta, ResultExt, Vendor, VendorCode,
};
/// Also at [`foxtrot::FoxtrotCode`], where it is defined.
#[cfg(feature = "foxtrot")]
pub use foxtrot::FoxtrotCode;
/// Re-exported: [`Error::status`] and [`ApiError::status`] are `http` status codes.
pub use http::StatusCode;
/// Also at [`pdm::PdmStatus`], where it is defined.
#[cfg(feature = "pdm")]
pub use pdm::PdmStatus;
pub use response::Response;
pub use retry::RetryPolicy;
pub use secret::ExposeSecrets;
pub use timestamp::{Timestamp, TimestampError};
/// Re-exported: request ids ([`ResponseMeta::request_id`]) are UUIDs.
pub use uuid::Uuid;
pub use validation::{Validate, Violation};
/// Every vendor whose module is generated whole, for the command-line tool (feature `cli`).
#[cfg(feature = "cli")]
#[doc(hidden)]
pub use vendors::SPEC_VENDORS;

// The crates whose types appear in the public API, re-exported so that an app uses the same
// versions without naming them in its own Cargo.toml.
pub use chrono;
pub use http;
pub use reqwest;
pub use secrecy;
pub use serde_json;
pub use uuid;

use std::time::Duration;

/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for one attempt, from connecting to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default `User-Agent`.
pub const DEFAULT_USER_AGENT: &str = concat!("customer-apis/", env!("CARGO_PKG_VERSION"));

/// The README's Rust examples, compiled as doc tests (with every vendor and the sandbox).
#[cfg(all(
    doctest,
    feature = "cro",
    feature = "pdm",
    feature = "foxtrot",
    feature = "sandbox"
))]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
