//! `customer-apis sandbox`: the sandbox on 127.0.0.1 until Ctrl-C.

use std::net::SocketAddr;

use clap::Args as ClapArgs;
use customer_apis::sandbox;

use crate::output::Failure;

/// The sandbox's settings.
#[derive(Debug, ClapArgs)]
#[command(after_help = "\
The sandbox answers only requests addressed to loopback (Host localhost, 127.x.y.z or [::1], \
any port), on every path, vendors and /__sandbox/ alike: any other Host gets 403 Forbidden, so \
a web page cannot reach it by DNS rebinding. HTTP/1.1 without a Host gets 400; HTTP/1.0 without \
one is answered. Name each other host it should answer with --allow-host.")]
pub(crate) struct SandboxArgs {
    /// The port to listen on, on 127.0.0.1.
    #[arg(long, default_value_t = sandbox::DEFAULT_PORT, value_name = "N")]
    port: u16,

    /// Your records, YAML or JSON, keyed by vendor and operation (see the sandbox docs); each
    /// is checked against the spec, and a bad one stops the sandbox before it starts.
    #[arg(long, value_name = "FILE")]
    seed: Option<std::path::PathBuf>,

    /// Also answer requests whose Host is NAME (any case, any port), besides loopback; repeat
    /// for more. A host name or IP literal, without scheme or port. Only names you control.
    #[arg(long = "allow-host", value_name = "NAME", value_parser = host_name)]
    allow_host: Vec<String>,
}

/// `NAME` as a host name or IP literal, without scheme or port.
fn host_name(text: &str) -> Result<String, String> {
    url::Host::parse(text.trim())
        .map(|_| text.trim().to_owned())
        .map_err(|e| {
            format!(
                "not a host name or IP literal ({e}); give the name alone, without scheme or port"
            )
        })
}

/// Runs the sandbox on 127.0.0.1 until Ctrl-C.
pub(crate) async fn run_sandbox(args: SandboxArgs) -> Result<(), Failure> {
    let addr = SocketAddr::from(([127, 0, 0, 1], args.port));
    let mut builder = sandbox::Sandbox::builder().addr(addr);
    if let Some(path) = &args.seed {
        let seed = sandbox::Seed::from_file(path)
            .map_err(|e| Failure::Config(format!("invalid --seed: {e}")))?;
        builder = builder.seed(seed);
    }
    for name in args.allow_host {
        builder = builder.allow_host(name);
    }
    let sandbox = builder
        .start()
        .await
        .map_err(|e| Failure::Io(format!("could not listen on {addr}: {e}")))?;
    let names: Vec<&str> = customer_apis::Vendor::all()
        .iter()
        .map(|v| v.name())
        .collect();
    crate::output::report(&format!(
        "sandbox listening on {} ({}; Ctrl-C to stop)",
        sandbox.base_url(),
        names.join(", ")
    ));
    sandbox
        .run_until_ctrl_c()
        .await
        .map_err(|e| Failure::Io(format!("sandbox: {e}")))
}
