//! `customer-apis sandbox`: the sandbox on 127.0.0.1 until Ctrl-C.

use std::net::SocketAddr;

use clap::Args as ClapArgs;
use customer_apis::sandbox;

use crate::output::Failure;

/// The sandbox's settings.
#[derive(Debug, ClapArgs)]
pub(crate) struct SandboxArgs {
    /// The port to listen on, on 127.0.0.1.
    #[arg(long, default_value_t = sandbox::DEFAULT_PORT, value_name = "N")]
    port: u16,

    /// Your records, YAML or JSON, keyed by vendor and operation (see the sandbox docs); each
    /// is checked against the spec, and a bad one stops the sandbox before it starts.
    #[arg(long, value_name = "FILE")]
    seed: Option<std::path::PathBuf>,
}

/// Runs the sandbox on 127.0.0.1 until Ctrl-C.
pub(crate) async fn run_sandbox(args: SandboxArgs) -> Result<(), Failure> {
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
