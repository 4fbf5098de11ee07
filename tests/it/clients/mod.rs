//! Each vendor's client against a local server: what an app writes around the calls, what it sends, decodes and refuses, its
//! credentials, the plaintext guard, the spans it opens, the hardening found by hostile servers, the escape hatch
//! (`Client::request`) and a caller's own reqwest client, the causes errors keep, and the
//! response headers a `Response` exposes.

#[cfg(all(
    feature = "cro",
    feature = "pdm",
    feature = "foxtrot",
    feature = "sandbox"
))]
mod app_ergonomics;
#[cfg(all(feature = "blocking", feature = "sandbox"))]
mod blocking;
#[cfg(all(feature = "cro", feature = "foxtrot"))]
mod config;
#[cfg(feature = "cro")]
mod cro_auth;
#[cfg(feature = "cro")]
mod cro_client;
#[cfg(feature = "cro")]
mod cro_version_rule;
#[cfg(all(feature = "cro", feature = "foxtrot", feature = "undeclared-fields"))]
mod departures;
#[cfg(all(feature = "cro", feature = "foxtrot"))]
mod error_sources;
#[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod escape_hatch;
#[cfg(feature = "foxtrot")]
mod foxtrot_client;
#[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod hardening;
#[cfg(feature = "pdm")]
mod pdm_client;
#[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod plaintext_guard;
#[cfg(feature = "cro")]
mod refreshing_token;
#[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod response_headers;
#[cfg(feature = "cro")]
mod spans;
