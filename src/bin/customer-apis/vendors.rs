//! Each vendor's settings (flags and environment variables), its client, and `--unified` on
//! its get-customer. A vendor whose module is generated whole has its settings from its spec.

use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Args as ClapArgs};
use customer_apis::operation::{SpecSettings, SpecVendor};
use customer_apis::{pdm, Customer, Error, ResponseMeta};
use serde_json::Value;

use crate::output::Failure;
use crate::Common;

/// PDM's settings; its operations are added from `pdm::OPERATIONS`.
#[derive(Debug, ClapArgs)]
pub(crate) struct PdmArgs {
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

/// A missing setting: names the flag and the variable.
fn missing(what: &str, flag: &str, var: &str) -> Failure {
    Failure::Config(format!("missing {what}: pass {flag} or set {var}"))
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
pub(crate) fn pdm_client(
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

/// `<VENDOR>_<WHAT>`: a generated vendor's environment variable (`FOXTROT_API_KEY`).
fn env_var(vendor: &SpecVendor, what: &str) -> String {
    let key = vendor.vendor.key().to_uppercase().replace('-', "_");
    format!("{key}_{}", what.to_uppercase())
}

/// The subcommand of a vendor whose module is generated whole from its spec: its settings are
/// `--base-url` (`<VENDOR>_BASE_URL`) and its credential, named after the builder's setter
/// (`--api-key`, `<VENDOR>_API_KEY`); its operations are added like every vendor's.
pub(crate) fn spec_vendor_command(vendor: &SpecVendor) -> clap::Command {
    let var = |what: &str| env_var(vendor, what);
    let mut base_url = Arg::new("base_url")
        .long("base-url")
        .global(true)
        .env(var("base_url"))
        .value_name("URL")
        .help("The API's base URL; it may carry a path prefix");
    if let Some(default) = vendor.default_base_url {
        base_url = base_url.default_value(default);
    }
    let credential = Arg::new(vendor.setter)
        .long(vendor.setter.replace('_', "-"))
        .global(true)
        .env(var(vendor.setter))
        .hide_env_values(true)
        .value_name(vendor.setter.to_uppercase())
        .help(vendor.credential);
    let settings = vendor.settings.iter().map(|&(setting, help)| {
        Arg::new(setting)
            .long(setting.replace('_', "-"))
            .global(true)
            .env(var(setting))
            .value_name(setting.to_uppercase())
            .help(help)
    });
    clap::Command::new(vendor.vendor.key())
        .about(vendor.title)
        .arg(base_url)
        .arg(credential)
        .args(settings)
}

/// `api_key` → `API key`, for messages.
fn words(setter: &str) -> String {
    let word = |w: &str| match w {
        "api" | "id" | "url" => w.to_uppercase(),
        _ => w.to_owned(),
    };
    setter.split('_').map(word).collect::<Vec<_>>().join(" ")
}

/// The settings of a generated vendor's client, from its subcommand's matches.
pub(crate) fn spec_settings(
    vendor: &SpecVendor,
    matches: &ArgMatches,
    common: Common,
) -> Result<SpecSettings, Failure> {
    let var = |what: &str| env_var(vendor, what);
    let credential = matches.get_one::<String>(vendor.setter).ok_or_else(|| {
        let flag = format!("--{}", vendor.setter.replace('_', "-"));
        missing(
            &format!("{} {}", vendor.vendor.name(), words(vendor.setter)),
            &flag,
            &var(vendor.setter),
        )
    })?;
    let base_url = matches.get_one::<String>("base_url").cloned();
    if base_url.is_none() {
        return Err(missing(
            &format!("{} base URL", vendor.vendor.name()),
            "--base-url",
            &var("base_url"),
        ));
    }
    let values = vendor.settings.iter().filter_map(|&(setting, _)| {
        let value = matches.get_one::<String>(setting)?;
        Some((setting, value.clone()))
    });
    Ok(SpecSettings {
        values: values.collect(),
        base_url,
        credential: credential.clone().into(),
        timeout: common.timeout,
    })
}

/// The subcommand that takes `--unified`: every vendor's get-customer.
const GET_CUSTOMER: &str = "get-customer";
/// The flag's id and long name.
const UNIFIED: &str = "unified";

/// Adds `--unified` to a vendor's get-customer subcommand (the others are left as they are).
pub(crate) fn with_unified(vendor: clap::Command) -> clap::Command {
    vendor.mut_subcommands(|sub| {
        if sub.get_name() != GET_CUSTOMER {
            return sub;
        }
        sub.arg(
            Arg::new(UNIFIED)
                .long(UNIFIED)
                .action(ArgAction::SetTrue)
                .help(
                    "Print the customer as customer_apis::Customer, the same shape for every \
                     vendor, instead of the vendor's",
                ),
        )
    })
}

/// Whether `--unified` was given on `<vendor> get-customer`.
pub(crate) fn unified(matches: &ArgMatches, vendor: &str) -> bool {
    // By name: a vendor may have no get-customer (clap panics on a subcommand it does not know).
    let chosen = matches
        .subcommand_matches(vendor)
        .and_then(ArgMatches::subcommand);
    chosen.is_some_and(|(name, m)| name == GET_CUSTOMER && m.get_flag(UNIFIED))
}

/// The customer the generic call gave as JSON, read back into the vendor's type and mapped.
pub(crate) fn as_customer(
    vendor: &str,
    value: Value,
    meta: &ResponseMeta,
) -> Result<Value, Failure> {
    // The call decoded and re-encoded this very type, so this only fails on a bug; the
    // reason names the type, never the data.
    let customer = Customer::from_json(vendor, value)
        .ok_or_else(|| Failure::Config(format!("{vendor} has no customer mapping for --unified")))?
        .map_err(|_| Error::Decode {
            expected: "the vendor's customer",
            reason: "the answer did not read back into its own type".to_owned(),
            excerpt: String::new(),
            meta: Box::new(meta.clone()),
            source: None,
        })?;
    serde_json::to_value(customer)
        .map_err(|e| Failure::Io(format!("could not write the result: {e}")))
}

/// An error of the vendor's builder that names its credential's setter (`bearer_token`),
/// naming the tool's flag and variable instead (`--token` / `CRO_TOKEN`).
pub(crate) fn as_flag(error: Error, vendor: &SpecVendor) -> Error {
    match error {
        Error::InvalidInput { field, rule } if field == vendor.builder_setter => {
            let flag = vendor.setter.replace('_', "-");
            let field = format!("--{flag} / {}", env_var(vendor, vendor.setter));
            Error::InvalidInput {
                field: field.into(),
                rule,
            }
        }
        other => other,
    }
}
