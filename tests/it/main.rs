//! The integration tests, as one test binary grouped by capability (one link instead of one
//! per file). Run them all with `cargo test --test it`, a group or a file with a filter
//! (`cargo test --test it -- faults::`), one test with `--exact` and its full path.
//!
//! A module that needs a vendor, the sandbox or the CLI is compiled only with those features,
//! so each vendor alone still builds and tests (`cargo test --no-default-features --features
//! cro,rustls`). The tests share one process: [`support::secrets::logs`] is its only global
//! subscriber, and no test changes the environment.

mod build_rules;
#[cfg(all(feature = "cli", feature = "sandbox"))]
mod cli;
mod clients;
#[cfg(any(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod customer;
mod decoding;
mod faults;
#[cfg(feature = "sandbox")]
mod sandbox;
mod secrets;
mod support;
