//! Times N sequential CRO Get Customer calls made with the SDK: the Rust side of
//! `scripts/bench-python-vs-sdk.sh` (the other side is the CRO docs' own Python sample).
//!
//! ```sh
//! # against a running sandbox (or any CRO endpoint):
//! cargo run --release --example get_customer_loop --features sandbox -- \
//!     --base-url http://localhost:8003 --calls 1000
//! # serve the standalone sandbox from this binary until Ctrl-C:
//! cargo run --release --example get_customer_loop --features sandbox -- --serve 127.0.0.1:8003
//! # no base URL: an in-process sandbox on an ephemeral port
//! cargo run --release --example get_customer_loop --features sandbox
//! ```
//!
//! Options (each also read from the environment): `--base-url` (`CRO_BASE_URL`), `--calls`
//! (`CALLS`, default 1000), `--customer-id` (default 1), `--token` (`CRO_TOKEN`, default the
//! sandbox's sample token), `--tenant-id` (`CRO_TENANT_ID`, default 1). One client is built
//! before the clock starts, as an application would hold one; every call's answer is decoded
//! and checked. It prints the total and the per-call time, and a last line
//! `calls=N total_s=… per_call_us=…` for scripts.
//!
//! `--hand-written` makes the same calls without the SDK, for comparison: one reqwest client
//! with the SDK's settings, the headers written out, `json()` into a plain serde struct.

use std::net::SocketAddr;
use std::time::Instant;

use customer_apis::cro::Client;
use customer_apis::sandbox::{Sandbox, CRO_SAMPLE_TOKEN};

// The hand-written side's plain serde structs, the same as the bench's baseline. Only the CRO
// customer is used here.
#[allow(dead_code)]
#[path = "../benches/support/baseline.rs"]
mod baseline;

use baseline::PlainCustomer;

struct Options {
    base_url: Option<String>,
    serve: Option<SocketAddr>,
    calls: u32,
    customer_id: i64,
    token: String,
    tenant_id: String,
    hand_written: bool,
}

fn usage(problem: &str) -> ! {
    eprintln!("error: {problem}");
    eprintln!(
        "usage: get_customer_loop [--base-url URL] [--calls N] [--customer-id ID] \
         [--token TOKEN] [--tenant-id ID] [--hand-written] | --serve ADDR"
    );
    std::process::exit(2);
}

fn options() -> Options {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut o = Options {
        base_url: env("CRO_BASE_URL"),
        serve: None,
        calls: env("CALLS").map_or(1000, |v| {
            v.parse()
                .unwrap_or_else(|_| usage("CALLS must be a number"))
        }),
        customer_id: 1,
        token: env("CRO_TOKEN").unwrap_or_else(|| CRO_SAMPLE_TOKEN.to_owned()),
        tenant_id: env("CRO_TENANT_ID").unwrap_or_else(|| "1".to_owned()),
        hand_written: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--base-url" => o.base_url = Some(value()),
            "--serve" => {
                o.serve = Some(
                    value()
                        .parse()
                        .unwrap_or_else(|_| usage("--serve takes an address like 127.0.0.1:8003")),
                )
            }
            "--calls" => {
                o.calls = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--calls must be a number"))
            }
            "--customer-id" => {
                o.customer_id = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--customer-id must be an integer"))
            }
            "--token" => o.token = value(),
            "--tenant-id" => o.tenant_id = value(),
            "--hand-written" => o.hand_written = true,
            "-h" | "--help" => usage("help requested"),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    o
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let o = options();
    if let Some(addr) = o.serve {
        // The standalone sandbox: a multi-threaded runtime, as a server would have.
        return tokio::runtime::Runtime::new()?.block_on(async {
            let sandbox = Sandbox::bind(addr).await?;
            eprintln!(
                "sandbox serving CRO, PDM and Foxtrot at {}",
                sandbox.base_url()
            );
            sandbox.run_until_ctrl_c().await?;
            Ok(())
        });
    }
    // Sequential calls from one task: a single-threaded runtime, as a command-line tool or a
    // script would use (the Python sample is single-threaded too).
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(calls(o))
}

async fn calls(o: Options) -> Result<(), Box<dyn std::error::Error>> {
    // Without a base URL, an in-process sandbox (kept alive until the calls are done).
    let (_sandbox, base_url) = match o.base_url.clone() {
        Some(url) => (None, url),
        None => {
            let sandbox = Sandbox::start().await?;
            let url = sandbox.base_url();
            (Some(sandbox), url)
        }
    };

    let (total, locations) = if o.hand_written {
        hand_written(&o, &base_url).await?
    } else {
        let client = Client::builder()
            .base_url(&base_url)
            .bearer_token(&o.token)
            .tenant_id(&o.tenant_id)
            .build()?;
        let started = Instant::now();
        let mut locations = 0usize;
        for _ in 0..o.calls {
            let customer = client.get_customer(o.customer_id).await?;
            locations += customer.locations.len();
        }
        (started.elapsed(), locations)
    };
    let per_call = total / o.calls.max(1);

    println!(
        "{} sequential get_customer({}) calls ({}) to {base_url}: total {:.3} s, {:.1} µs per \
         call ({locations} locations decoded)",
        o.calls,
        o.customer_id,
        if o.hand_written {
            "hand-written reqwest + serde"
        } else {
            "SDK"
        },
        total.as_secs_f64(),
        per_call.as_secs_f64() * 1e6
    );
    println!(
        "calls={} total_s={:.6} per_call_us={:.1}",
        o.calls,
        total.as_secs_f64(),
        per_call.as_secs_f64() * 1e6
    );
    Ok(())
}

/// The same calls without the SDK (for comparison only).
async fn hand_written(
    o: &Options,
    base_url: &str,
) -> Result<(std::time::Duration, usize), Box<dyn std::error::Error>> {
    let http = reqwest::Client::builder()
        .connect_timeout(customer_apis::DEFAULT_CONNECT_TIMEOUT)
        .timeout(customer_apis::DEFAULT_TIMEOUT)
        .user_agent(customer_apis::DEFAULT_USER_AGENT)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let version = customer_apis::cro::ApiVersion::default().as_str();
    let started = Instant::now();
    let mut locations = 0usize;
    for _ in 0..o.calls {
        let customer: PlainCustomer = http
            .get(format!("{base_url}/customers/{}", o.customer_id))
            .bearer_auth(&o.token)
            .header("x-tenant-id", &o.tenant_id)
            .header("x-api-version", version)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        locations += customer.locations.len();
    }
    Ok((started.elapsed(), locations))
}
