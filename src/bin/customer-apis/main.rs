//! `customer-apis`: call one operation of CRO, PDM or Foxtrot from the command line, or run
//! the sandbox that plays all three.
//!
//! ```text
//! customer-apis [--timeout SECS] [--verbose] [--check-spec] <vendor> <operation> ...
//! customer-apis cro get-customer <CUSTOMER_ID> [--unified]
//! customer-apis pdm get-customer [--customer-id N] [--external-customer-ref REF]
//! customer-apis foxtrot get-confident-location <DC_ID> <CUSTOMER_ID>
//! customer-apis sandbox [--port N] [--seed FILE] [--allow-host NAME]...
//! ```
//!
//! Every operation of each spec is a subcommand, built from the library's generated
//! `OPERATIONS` table: its name is the kebab case of the client's method, path parameters are
//! positional in path order and every other parameter is a `--flag`; `x-cli-aliases` and
//! `x-cli-alias` in a spec keep earlier names. There is no code here per operation.
//!
//! `--unified` on each vendor's `get-customer` prints the customer as
//! `customer_apis::Customer`, the same shape for every vendor, instead of the vendor's.
//!
//! Configuration comes from flags or the environment (`CRO_BASE_URL`, `CRO_TOKEN`,
//! `CRO_TENANT_ID`, `CRO_API_VERSION`, `PDM_BASE_URL`, `PDM_COMPANY_ID`, `PDM_API_KEY`,
//! `PDM_SESSION_TOKEN`, `FOXTROT_BASE_URL`, `FOXTROT_API_KEY`); a flag wins over its variable.
//!
//! The answer is printed as JSON on stdout, with every credential the client holds (as sent,
//! or percent-, HTML- or JSON-escaped, up to four levels deep) and every string under a credential-like key (`*token*`, `*key*`,
//! `*secret*`...) replaced by `[REDACTED]`, even where the server echoed one into a field:
//! output is pasted into tickets. A failure is one line on stderr, `error: ...`, and the exit
//! code says what kind it was (a closed stdout or stderr changes neither: a reader that went
//! away ends the output quietly):
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 2 | invalid input or configuration, or a usage error: nothing was sent |
//! | 3 | the API answered an error, or an answer that could not be used |
//! | 4 | transport failure, timeout or credentials that could not be obtained |
//!
//! `--check-spec` prints on stderr, one line each, how the answer departs from the vendor's
//! spec (`departs from the spec: getCustomer: locations[1].sales_rep must not be empty`);
//! what the tool prints on stdout and its exit code do not change.

mod operations;
mod output;
mod sandbox;
mod vendors;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use clap::{ArgMatches, FromArgMatches, Parser, Subcommand};
use customer_apis::pdm;
use customer_apis::SPEC_VENDORS;

use crate::operations::{chosen, command};
use crate::output::{emit, printed, report, said, Failure};
use crate::sandbox::{run_sandbox, SandboxArgs};
use crate::vendors::{pdm_client, spec_settings, unified, PdmArgs};

/// Typed clients for the customer endpoints of CRO Software, PDM and Foxtrot.
///
/// Prints the answer as JSON on stdout. Exit codes: 0 success; 2 invalid input or
/// configuration (nothing was sent); 3 the API answered an error; 4 transport failure or
/// timeout.
#[derive(Debug, Parser)]
#[command(name = "customer-apis", version, about, long_about)]
struct Cli {
    /// Time allowed for the whole call, in seconds: credentials, every attempt and the waits
    /// between retries.
    #[arg(long, global = true, value_name = "SECS", value_parser = parse_seconds)]
    timeout: Option<Duration>,

    /// Print the request id, served API version and attempts on stderr, and debug logs.
    #[arg(long, short, global = true)]
    verbose: bool,

    /// Print on stderr how the answer departs from the vendor's spec (an undeclared field, a
    /// broken documented rule, an undocumented status...), one line each, never a value. The
    /// exit code does not change.
    #[arg(long, global = true)]
    check_spec: bool,

    /// The vendor to call, or `sandbox`.
    #[command(subcommand)]
    vendor: VendorCommand,
}

/// The first-level subcommands.
#[derive(Debug, Subcommand)]
enum VendorCommand {
    /// PDM (Pro Delivery Manager).
    Pdm(PdmArgs),
    /// Run the sandbox: a local server playing CRO, PDM and Foxtrot, until Ctrl-C.
    Sandbox(SandboxArgs),
}

/// Settings every call shares.
#[derive(Debug, Clone, Copy)]
struct Common {
    /// The whole call's deadline (and each attempt's), when given.
    timeout: Option<Duration>,
    /// Whether to print the response metadata on stderr.
    verbose: bool,
    /// Whether to print the answer's departures from the spec on stderr.
    check_spec: bool,
}

/// `SECS` as a positive, finite number of seconds (fractions allowed).
fn parse_seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .trim()
        .parse()
        .map_err(|_| "must be a number of seconds".to_owned())?;
    if !secs.is_finite() || secs <= 0.0 {
        return Err("must be a positive number of seconds".to_owned());
    }
    Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    let matches = command().get_matches();
    let common = Common {
        timeout: matches.get_one::<Duration>("timeout").copied(),
        verbose: matches.get_flag("verbose"),
        check_spec: matches.get_flag("check_spec"),
    };
    let rust_log = std::env::var("RUST_LOG")
        .ok()
        .filter(|v| !v.trim().is_empty());
    if common.verbose || rust_log.is_some() {
        init_tracing(rust_log.as_deref().unwrap_or("debug"));
    }
    match run(&matches, common).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            match &failure {
                Failure::Config(message) | Failure::Io(message) => {
                    report(&format!("error: {message}"))
                }
                Failure::Call(error) => {
                    report(&format!("error: {error}"));
                    if let Some(meta) = error.meta() {
                        said(meta, common);
                    }
                }
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Logs on stderr, filtered by `RUST_LOG` when set, else at debug level for `--verbose` (the
/// library redacts credentials in them).
fn init_tracing(filter: &str) {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(|| QuietStderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// stderr for the logs, its write errors dropped: tracing-subscriber reports a failed write
/// with `eprintln!`, which panics when stderr itself is what failed (`2>/dev/full`).
struct QuietStderr;

impl std::io::Write for QuietStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = std::io::stderr().write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = std::io::stderr().flush();
        Ok(())
    }
}

/// Runs the chosen subcommand: a vendor whose module is generated, from its spec's settings;
/// the others as derived.
async fn run(matches: &ArgMatches, common: Common) -> Result<(), Failure> {
    let chosen_vendor = matches.subcommand().and_then(|(name, sub)| {
        let vendor = SPEC_VENDORS.iter().find(|v| v.vendor.key() == name)?;
        Some((vendor, sub))
    });
    if let Some((vendor, sub)) = chosen_vendor {
        let key = vendor.vendor.key();
        let (operation, values) = chosen(matches, key, vendor.operations)?;
        let settings = spec_settings(vendor, sub, common)?;
        let answer = (vendor.call)(&settings, operation, &values)
            .await
            .map_err(|e| vendors::as_flag(e, vendor))?;
        let unified = unified(matches, key).then_some(key);
        return emit(printed(answer, unified)?, common);
    }
    let cli = match Cli::from_arg_matches(matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match cli.vendor {
        VendorCommand::Pdm(args) => {
            let pdm_matches = matches
                .subcommand_matches("pdm")
                .expect("clap parsed the pdm subcommand");
            let (operation, values) = chosen(matches, "pdm", pdm::OPERATIONS)?;
            let reshape = unified(matches, "pdm").then_some("pdm");
            let client = pdm_client(args, pdm_matches, common)?;
            let mut answer = printed(client.call_operation(operation, &values).await?, reshape)?;
            client.mask_credentials(&mut answer.0).await;
            emit(answer, common)
        }
        VendorCommand::Sandbox(args) => run_sandbox(args).await,
    }
}
