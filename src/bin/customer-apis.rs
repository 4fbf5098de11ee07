//! `customer-apis`: call one operation of CRO, PDM or Foxtrot from the command line, or run
//! the sandbox that plays all three.
//!
//! ```text
//! customer-apis [--timeout SECS] [--verbose] <vendor> <operation> ...
//! customer-apis cro get-customer <CUSTOMER_ID>
//! customer-apis pdm get-customer [--customer-id N] [--external-customer-ref REF]
//! customer-apis foxtrot get-confident-location <DC_ID> <CUSTOMER_ID>
//! customer-apis sandbox [--port N] [--seed FILE]
//! ```
//!
//! Every operation of each spec is a subcommand, built from the library's generated
//! `OPERATIONS` table: its name is the kebab case of the client's method, path parameters are
//! positional in path order and every other parameter is a `--flag`; `x-cli-aliases` and
//! `x-cli-alias` in a spec keep earlier names. There is no code here per operation.
//!
//! Configuration comes from flags or the environment (`CRO_BASE_URL`, `CRO_TOKEN`,
//! `CRO_TENANT_ID`, `CRO_API_VERSION`, `PDM_BASE_URL`, `PDM_COMPANY_ID`, `PDM_API_KEY`,
//! `PDM_SESSION_TOKEN`, `FOXTROT_BASE_URL`, `FOXTROT_API_KEY`); a flag wins over its variable.
//!
//! The answer is printed as JSON on stdout. A failure is one line on stderr, `error: ...`, and
//! the exit code says what kind it was:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 2 | invalid input or configuration, or a usage error: nothing was sent |
//! | 3 | the API answered an error, or an answer that could not be used |
//! | 4 | transport failure, timeout or credentials that could not be obtained |

use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{ArgMatches, Args as ClapArgs, CommandFactory, FromArgMatches, Parser, Subcommand};
use customer_apis::operation::{Args, Operation, ParamIn};
use customer_apis::{cro, foxtrot, pdm, sandbox, Error, Response, ResponseMeta};
use serde::Serialize;

/// Exit code: invalid input or configuration; nothing was sent.
const EXIT_INVALID: u8 = 2;
/// Exit code: the API answered with an error (or an answer that could not be used).
const EXIT_API: u8 = 3;
/// Exit code: transport failure, timeout, or credentials that could not be obtained.
const EXIT_TRANSPORT: u8 = 4;

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

    /// The vendor to call, or `sandbox`.
    #[command(subcommand)]
    vendor: VendorCommand,
}

/// The first-level subcommands.
#[derive(Debug, Subcommand)]
enum VendorCommand {
    /// CRO Software (roll-off dispatch).
    Cro(CroArgs),
    /// PDM (Pro Delivery Manager).
    Pdm(PdmArgs),
    /// Foxtrot (route optimisation).
    Foxtrot(FoxtrotArgs),
    /// Run the sandbox: a local server playing CRO, PDM and Foxtrot, until Ctrl-C.
    Sandbox(SandboxArgs),
}

/// CRO's settings; its operations are added from `cro::OPERATIONS`.
#[derive(Debug, ClapArgs)]
struct CroArgs {
    /// CRO's base URL; it may carry a path prefix.
    #[arg(long, global = true, env = "CRO_BASE_URL", value_name = "URL",
          default_value = cro::DEFAULT_BASE_URL)]
    base_url: String,

    /// The bearer access token, with or without the `Bearer ` scheme.
    #[arg(
        long,
        global = true,
        env = "CRO_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    token: Option<String>,

    /// The tenant (`x-tenant-id`), an integer.
    #[arg(long, global = true, env = "CRO_TENANT_ID", value_name = "ID")]
    tenant_id: Option<String>,

    /// The API version to pin (one of the six documented, such as 2023/04/19); without it, the
    /// library's default pin.
    #[arg(long, global = true, env = "CRO_API_VERSION", value_name = "VERSION")]
    api_version: Option<String>,
}

/// PDM's settings; its operations are added from `pdm::OPERATIONS`.
#[derive(Debug, ClapArgs)]
struct PdmArgs {
    /// Your PDM endpoint (required: PDM has no shared default); it may carry a path prefix.
    #[arg(long, global = true, env = "PDM_BASE_URL", value_name = "URL")]
    base_url: Option<String>,

    /// Your company id in PDM, an integer.
    #[arg(long, global = true, env = "PDM_COMPANY_ID", value_name = "ID")]
    company_id: Option<String>,

    /// The API key; session tokens are obtained and renewed with it.
    #[arg(
        long,
        global = true,
        env = "PDM_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    api_key: Option<String>,

    /// A session token obtained elsewhere, instead of an API key.
    #[arg(
        long,
        global = true,
        env = "PDM_SESSION_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    session_token: Option<String>,
}

/// Foxtrot's settings; its operations are added from `foxtrot::OPERATIONS`.
#[derive(Debug, ClapArgs)]
struct FoxtrotArgs {
    /// Foxtrot's base URL; it may carry a path prefix.
    #[arg(long, global = true, env = "FOXTROT_BASE_URL", value_name = "URL",
          default_value = foxtrot::DEFAULT_BASE_URL)]
    base_url: String,

    /// The API key, sent as a bearer token.
    #[arg(
        long,
        global = true,
        env = "FOXTROT_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    api_key: Option<String>,
}

/// The sandbox's settings.
#[derive(Debug, ClapArgs)]
struct SandboxArgs {
    /// The port to listen on, on 127.0.0.1.
    #[arg(long, default_value_t = sandbox::DEFAULT_PORT, value_name = "N")]
    port: u16,

    /// Your records, YAML or JSON, keyed by vendor and operation (see the sandbox docs); each
    /// is checked against the spec, and a bad one stops the sandbox before it starts.
    #[arg(long, value_name = "FILE")]
    seed: Option<std::path::PathBuf>,
}

/// Why the tool stops without a result.
#[derive(Debug)]
enum Failure {
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
    fn exit_code(&self) -> u8 {
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

/// Settings every call shares.
#[derive(Debug, Clone, Copy)]
struct Common {
    /// The whole call's deadline (and each attempt's), when given.
    timeout: Option<Duration>,
    /// Whether to print the response metadata on stderr.
    verbose: bool,
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
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let rust_log = std::env::var("RUST_LOG")
        .ok()
        .filter(|v| !v.trim().is_empty());
    if cli.verbose || rust_log.is_some() {
        init_tracing(rust_log.as_deref().unwrap_or("debug"));
    }
    let common = Common {
        timeout: cli.timeout,
        verbose: cli.verbose,
    };
    match run(cli.vendor, &matches, common).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            match &failure {
                Failure::Config(message) | Failure::Io(message) => eprintln!("error: {message}"),
                Failure::Call(error) => {
                    eprintln!("error: {error}");
                    if common.verbose {
                        if let Some(meta) = error.meta() {
                            eprintln!("{}", describe(meta));
                        }
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
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// The command line: the vendors' settings (derived above) and one subcommand per operation
/// of each spec, built from the operation tables the library generates: a spec's new operation
/// is a subcommand with no code here.
fn command() -> clap::Command {
    Cli::command()
        .mut_subcommand("cro", |c| with_operations(c, cro::OPERATIONS))
        .mut_subcommand("pdm", |c| with_operations(c, pdm::OPERATIONS))
        .mut_subcommand("foxtrot", |c| with_operations(c, foxtrot::OPERATIONS))
}

/// `get_customer_location` → `get-customer-location`.
fn kebab(name: &str) -> String {
    name.replace('_', "-")
}

/// One subcommand per operation: path parameters positional in path order, every other
/// parameter a `--flag` named after it (a whole body is `--body JSON`).
fn with_operations(vendor: clap::Command, operations: &[Operation]) -> clap::Command {
    use clap::{Arg, Command};
    let subcommands = operations.iter().map(|op| {
        let mut command = Command::new(kebab(op.name))
            .about(format!("{}: {} {}", op.summary, op.method, op.path))
            .visible_aliases(op.aliases.iter().copied());
        for param in op.params {
            let mut arg = Arg::new(param.name)
                .value_name(param.name.to_uppercase())
                .required(param.required)
                .allow_hyphen_values(true);
            if !param.description.is_empty() {
                arg = arg.help(param.description);
            }
            if param.location != ParamIn::Path {
                arg = arg.long(kebab(param.name));
                if let Some(alias) = param.alias {
                    arg = arg.visible_alias(kebab(alias));
                }
            }
            command = command.arg(arg);
        }
        command
    });
    vendor.subcommand_required(true).subcommands(subcommands)
}

/// The operation chosen under a vendor's subcommand, and its arguments by parameter name.
fn chosen(
    matches: &ArgMatches,
    vendor: &str,
    operations: &[Operation],
) -> Result<(&'static str, Args), Failure> {
    let (name, args) = matches
        .subcommand_matches(vendor)
        .and_then(ArgMatches::subcommand)
        .ok_or_else(|| Failure::Config(format!("no {vendor} operation given")))?;
    let op = operations
        .iter()
        .find(|op| kebab(op.name) == name)
        .ok_or_else(|| Failure::Config(format!("unknown {vendor} operation {name}")))?;
    let mut values = Args::default();
    for param in op.params {
        if let Some(value) = args.get_one::<String>(param.name) {
            values.insert(param.name, value.clone());
        }
    }
    Ok((op.name, values))
}

/// Runs the chosen subcommand.
async fn run(vendor: VendorCommand, matches: &ArgMatches, common: Common) -> Result<(), Failure> {
    match vendor {
        VendorCommand::Cro(args) => {
            let (operation, values) = chosen(matches, "cro", cro::OPERATIONS)?;
            let client = cro_client(args, common)?;
            emit(client.call_operation(operation, &values).await?, common)
        }
        VendorCommand::Pdm(args) => {
            let pdm_matches = matches
                .subcommand_matches("pdm")
                .expect("clap parsed the pdm subcommand");
            let (operation, values) = chosen(matches, "pdm", pdm::OPERATIONS)?;
            let client = pdm_client(args, pdm_matches, common)?;
            emit(client.call_operation(operation, &values).await?, common)
        }
        VendorCommand::Foxtrot(args) => {
            let (operation, values) = chosen(matches, "foxtrot", foxtrot::OPERATIONS)?;
            let client = foxtrot_client(args, common)?;
            emit(client.call_operation(operation, &values).await?, common)
        }
        VendorCommand::Sandbox(args) => run_sandbox(args).await,
    }
}

/// A missing setting: names the flag and the variable.
fn missing(what: &str, flag: &str, var: &str) -> Failure {
    Failure::Config(format!("missing {what}: pass {flag} or set {var}"))
}

/// Builds the CRO client.
fn cro_client(args: CroArgs, common: Common) -> Result<cro::Client, Failure> {
    let token = args
        .token
        .ok_or_else(|| missing("CRO token", "--token", "CRO_TOKEN"))?;
    let tenant = args
        .tenant_id
        .ok_or_else(|| missing("CRO tenant id", "--tenant-id", "CRO_TENANT_ID"))?;
    let mut builder = cro::Client::builder()
        .base_url(args.base_url)
        .bearer_token(token)
        .tenant_id(tenant);
    if let Some(version) = args.api_version {
        let version: cro::ApiVersion = version.trim().parse().map_err(|e| {
            Failure::Config(format!("invalid --api-version (CRO_API_VERSION): {e}"))
        })?;
        builder = builder.api_version(version);
    }
    if let Some(timeout) = common.timeout {
        builder = builder.timeout(timeout).operation_timeout(timeout);
    }
    Ok(builder.build()?)
}

/// Whether a value came from the command line (as opposed to the environment).
fn from_command_line(matches: &ArgMatches, id: &str) -> bool {
    // Global arguments are propagated up; look at the deepest level that has the value too.
    let here = matches.value_source(id) == Some(ValueSource::CommandLine);
    let below = matches
        .subcommand()
        .is_some_and(|(_, sub)| sub.value_source(id) == Some(ValueSource::CommandLine));
    here || below
}

/// The PDM credential to use: the one given as a flag wins over one from the environment.
enum PdmCredential {
    /// An API key (sessions managed by the client).
    ApiKey(String),
    /// A fixed session token.
    SessionToken(String),
}

/// Picks the PDM credential from the flags and the environment.
fn pdm_credential(args: &mut PdmArgs, matches: &ArgMatches) -> Result<PdmCredential, Failure> {
    match (args.api_key.take(), args.session_token.take()) {
        (Some(key), None) => Ok(PdmCredential::ApiKey(key)),
        (None, Some(token)) => Ok(PdmCredential::SessionToken(token)),
        (None, None) => Err(Failure::Config(
            "missing PDM credentials: pass --api-key or --session-token, or set PDM_API_KEY or \
             PDM_SESSION_TOKEN"
                .to_owned(),
        )),
        (Some(key), Some(token)) => {
            let key_flag = from_command_line(matches, "api_key");
            let token_flag = from_command_line(matches, "session_token");
            match (key_flag, token_flag) {
                (true, false) => Ok(PdmCredential::ApiKey(key)),
                (false, true) => Ok(PdmCredential::SessionToken(token)),
                _ => Err(Failure::Config(
                    "both a PDM API key and a session token are given (--api-key / PDM_API_KEY \
                     and --session-token / PDM_SESSION_TOKEN): give one"
                        .to_owned(),
                )),
            }
        }
    }
}

/// Builds the PDM client.
fn pdm_client(
    mut args: PdmArgs,
    matches: &ArgMatches,
    common: Common,
) -> Result<pdm::Client, Failure> {
    let base_url = args
        .base_url
        .take()
        .ok_or_else(|| missing("PDM base URL", "--base-url", "PDM_BASE_URL"))?;
    let company = args
        .company_id
        .take()
        .ok_or_else(|| missing("PDM company id", "--company-id", "PDM_COMPANY_ID"))?;
    let company: i64 = company.trim().parse().map_err(|_| {
        Failure::Config("invalid --company-id (PDM_COMPANY_ID): must be an integer".to_owned())
    })?;
    let credential = pdm_credential(&mut args, matches)?;
    let mut builder = pdm::Client::builder()
        .base_url(base_url)
        .company_id(company);
    builder = match credential {
        PdmCredential::ApiKey(key) => builder.api_key(key),
        PdmCredential::SessionToken(token) => builder.session_token(token),
    };
    if let Some(timeout) = common.timeout {
        builder = builder.timeout(timeout).operation_timeout(timeout);
    }
    Ok(builder.build()?)
}

/// Builds the Foxtrot client.
fn foxtrot_client(args: FoxtrotArgs, common: Common) -> Result<foxtrot::Client, Failure> {
    let key = args
        .api_key
        .ok_or_else(|| missing("Foxtrot API key", "--api-key", "FOXTROT_API_KEY"))?;
    let mut builder = foxtrot::Client::builder()
        .base_url(args.base_url)
        .api_key(key);
    if let Some(timeout) = common.timeout {
        builder = builder.timeout(timeout).operation_timeout(timeout);
    }
    Ok(builder.build()?)
}

/// Runs the sandbox on 127.0.0.1 until Ctrl-C.
async fn run_sandbox(args: SandboxArgs) -> Result<(), Failure> {
    let addr = SocketAddr::from(([127, 0, 0, 1], args.port));
    let seed = match &args.seed {
        Some(path) => sandbox::Seed::from_file(path)
            .map_err(|e| Failure::Config(format!("invalid --seed: {e}")))?,
        None => sandbox::Seed::default(),
    };
    let sandbox = sandbox::Sandbox::bind_with_seed(addr, seed)
        .await
        .map_err(|e| Failure::Io(format!("could not listen on {addr}: {e}")))?;
    eprintln!(
        "sandbox listening on {} (CRO, PDM and Foxtrot; Ctrl-C to stop)",
        sandbox.base_url()
    );
    sandbox
        .run_until_ctrl_c()
        .await
        .map_err(|e| Failure::Io(format!("sandbox: {e}")))
}

/// Prints the value as JSON on stdout and, when verbose, the metadata on stderr.
fn emit<T: Serialize>(response: Response<T>, common: Common) -> Result<(), Failure> {
    let (value, meta) = response.into_parts();
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
