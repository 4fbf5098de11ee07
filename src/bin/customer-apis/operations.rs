//! One subcommand per operation of each spec, from the library's generated `OPERATIONS`
//! tables, and the operation chosen with its arguments.

use clap::{ArgMatches, CommandFactory};
use customer_apis::operation::{Args, Operation, ParamIn};
use customer_apis::pdm;
use customer_apis::SPEC_VENDORS;

use crate::output::Failure;
use crate::vendors::{spec_vendor_command, with_unified};
use crate::Cli;

/// The command line: the vendors' settings (derived above for the vendors with a hand-written
/// module, from the spec for the others) and one subcommand per operation of each spec, built
/// from the operation tables the library generates: a spec's new operation, or a new vendor
/// whose module is generated, is a subcommand with no code here.
pub(crate) fn command() -> clap::Command {
    let command =
        Cli::command().mut_subcommand("pdm", |c| with_unified(with_operations(c, pdm::OPERATIONS)));
    let command = SPEC_VENDORS.iter().fold(command, |command, vendor| {
        let sub = with_operations(spec_vendor_command(vendor), vendor.operations);
        command.subcommand(with_unified(sub))
    });
    // The vendors in name order, then `sandbox`.
    let mut names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|n| n != "sandbox")
        .collect();
    names.sort();
    names.push("sandbox".to_owned());
    names
        .iter()
        .enumerate()
        .fold(command, |command, (i, name)| {
            command.mut_subcommand(name, |c| c.display_order(i))
        })
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
pub(crate) fn chosen(
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
