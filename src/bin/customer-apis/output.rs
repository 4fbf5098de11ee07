//! What the tool prints and how it exits.

use std::io::Write;

use customer_apis::{Error, Response, ResponseMeta};
use serde_json::Value;

use crate::vendors::Reshape;
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

/// Prints the value (reshaped, when asked) as JSON on stdout and, when verbose, the metadata
/// on stderr.
pub(crate) fn emit(
    response: Response<Value>,
    reshape: Option<Reshape>,
    common: Common,
) -> Result<(), Failure> {
    let (mut value, meta) = response.into_parts();
    if let Some(reshape) = reshape {
        value = reshape(value, &meta)?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    serde_json::to_writer_pretty(&mut out, &value)
        .map_err(|e| Failure::Io(format!("could not write the result: {e}")))?;
    writeln!(out)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Io(format!("could not write the result: {e}")))?;
    if common.verbose {
        eprintln!("{}", describe(&meta));
    }
    Ok(())
}

/// The verbose line: status, request id, served API version and attempts.
pub(crate) fn describe(meta: &ResponseMeta) -> String {
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
