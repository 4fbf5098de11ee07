//! Support for the secret-leak suites (`secrets::cro_secrets`, `secrets::secrets_all_vendors`,
//! `secrets::echoed_secrets`): a process-wide TRACE capture of everything logged, the `Debug`/`Display` of every value and
//! error a flow shows, and the search of both for secrets.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use customer_apis::Error;
use tracing_subscriber::util::SubscriberInitExt;

/// A line reqwest writes through the `log` crate (not `tracing`) for every new connection:
/// finding it in the capture proves that `log` records are bridged into it.
pub const LOG_BRIDGE_MARKER: &str = "starting new connection";

#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Capture {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// The process-wide TRACE capture: tracing events, a line per span closed with every field it
/// holds by then (what an OpenTelemetry exporter receives), and `log` records (reqwest's)
/// through the `LogTracer` bridge that `try_init` installs (tracing-subscriber's default
/// `tracing-log` feature). The integration tests are one binary and this is its only global
/// subscriber (no other test may install one): every test shares the capture, so each searches
/// for secrets of its own.
pub fn logs() -> &'static Capture {
    static LOGS: OnceLock<Capture> = OnceLock::new();
    LOGS.get_or_init(|| {
        let capture = Capture::default();
        let sink = capture.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || sink.clone())
            .with_ansi(false)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .finish()
            .try_init()
            .expect("the only global subscriber of this test binary");
        capture
    })
}

/// What a test showed: every `Debug` and `Display` it produced.
#[derive(Default)]
pub struct Shown(pub Vec<String>);

impl Shown {
    pub fn result<T: std::fmt::Debug>(&mut self, what: &str, result: &Result<T, Error>) {
        match result {
            Ok(value) => self.0.push(format!("{what}: {value:?}")),
            Err(e) => self.error(what, e),
        }
    }

    pub fn error(&mut self, what: &str, e: &Error) {
        self.0.push(format!("{what}: {e}"));
        self.0.push(format!("{what}: {e:?}"));
        if let Some(meta) = e.meta() {
            self.0.push(format!("{what}: {meta} {meta:?}"));
        }
        if let Some(api) = e.api() {
            self.0.push(format!("{what}: {api} {api:?}"));
        }
        let mut source = std::error::Error::source(e);
        while let Some(cause) = source {
            self.0.push(format!("{what}: caused by {cause} {cause:?}"));
            source = cause.source();
        }
    }

    pub fn push(&mut self, text: String) {
        self.0.push(text);
    }

    /// Everything shown and logged, for checking that the flows really ran.
    pub fn all(&self, logs: &str) -> String {
        format!("{}\n{logs}", self.0.join("\n"))
    }
}

/// Counts every occurrence of a secret in `shown` and the logs, printing where.
pub fn leaks(secrets: &[&str], shown: &Shown, logs: &str) -> usize {
    let mut found = 0;
    for secret in secrets {
        for line in shown.0.iter().map(String::as_str).chain(logs.lines()) {
            if line.contains(secret) {
                found += 1;
                eprintln!("LEAK of {secret:?}: {line}");
            }
        }
    }
    found
}

/// Asserts that each text occurs in `all`: the flows that show it really ran.
pub fn assert_shown(all: &str, expected: &[&str]) {
    let missing: Vec<&&str> = expected.iter().filter(|e| !all.contains(**e)).collect();
    assert!(missing.is_empty(), "the flows did not show {missing:?}");
}

/// `text` as a JSON string body (without the quotes) would carry it with every character
/// `\u`-escaped: a server that echoes a secret may send it in this form.
#[cfg(feature = "cro")]
pub fn json_unicode_escaped(text: &str) -> String {
    text.chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect()
}
