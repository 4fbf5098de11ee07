//! What the tool prints and how it exits.

use std::io::Write;

use customer_apis::{Error, Response, ResponseMeta};
use serde_json::Value;

use crate::vendors::as_customer;
use crate::Common;

/// Exit code: invalid input or configuration; nothing was sent.
const EXIT_INVALID: u8 = 2;
/// Exit code: the API answered with an error (or an answer that could not be used).
const EXIT_API: u8 = 3;
/// Exit code: transport failure, timeout, or credentials that could not be obtained.
const EXIT_TRANSPORT: u8 = 4;

/// Why the tool stops without a result.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Configuration missing or unusable before any client existed; nothing was sent.
    Config(String),
    /// The library's error.
    Call(Error),
    /// A local I/O failure (writing the result, listening for the sandbox).
    Io(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Call(error)
    }
}

impl Failure {
    /// The process exit code for this failure.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Failure::Config(_) => EXIT_INVALID,
            Failure::Io(_) => EXIT_TRANSPORT,
            Failure::Call(error) => error_exit_code(error),
        }
    }
}

/// The exit code for a library error: 2 nothing was sent, 3 the server answered, 4 otherwise.
fn error_exit_code(error: &Error) -> u8 {
    use customer_apis::ErrorKind as K;
    match error.kind() {
        K::InvalidInput => EXIT_INVALID,
        K::Transport | K::Timeout | K::Credentials => EXIT_TRANSPORT,
        // Every other kind is an answer the server gave (an error, or one that is not usable).
        _ => EXIT_API,
    }
}

/// The value to print: as a `Customer` of `unified`'s vendor, when asked.
pub(crate) fn printed(
    response: Response<Value>,
    unified: Option<&str>,
) -> Result<(Value, ResponseMeta), Failure> {
    let (mut value, meta) = response.into_parts();
    if let Some(vendor) = unified {
        value = as_customer(vendor, value, &meta)?;
    }
    Ok((value, meta))
}

/// Prints the value as JSON on stdout and, when verbose, the metadata on stderr. A reader
/// that went away (`| head -c1`) ends the output quietly: the call's result stands.
pub(crate) fn emit((value, meta): (Value, ResponseMeta), common: Common) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = serde_json::to_writer_pretty(&mut out, &value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        Err(e) => return Err(Failure::Io(format!("could not write the result: {e}"))),
    }
    said(&meta, common);
    Ok(())
}

/// What `--verbose` and `--check-spec` print on stderr of an answer: its metadata, and its
/// departures from the spec (redacted by the library, without values).
pub(crate) fn said(meta: &ResponseMeta, common: Common) {
    if common.verbose {
        report(&describe(meta));
    }
    if common.check_spec {
        for departure in meta.departures() {
            report(&format!("departs from the spec: {departure}"));
        }
    }
}

/// Writes a line on stderr. Nothing is left to tell of a failure to write there (a closed or
/// full stderr): it is ignored, and the exit code still says how the call ended.
pub(crate) fn report(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The verbose line: status, request id, served API version and attempts.
fn describe(meta: &ResponseMeta) -> String {
    let status = meta.status.map_or_else(
        || "no response".to_owned(),
        |s| format!("HTTP {}", s.as_u16()),
    );
    let request_id = meta
        .request_id
        .map_or_else(|| "unknown".to_owned(), |id| id.to_string());
    let version = meta.api_version.as_deref().unwrap_or("not stated");
    format!(
        "{status}, request id {request_id}, API version {version}, {} attempt{}",
        meta.attempts,
        if meta.attempts == 1 { "" } else { "s" }
    )
}
