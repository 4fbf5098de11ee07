//! Generates one typed client per vendor spec in `specs/` with progenitor.
//!
//! Every `specs/<vendor>.yaml` whose cargo feature `<vendor>` is enabled goes through the same
//! routine, `codegen::generate`:
//!
//! 1. request headers (`in: header` parameters) are removed from the operations, because the
//!    hand-written layer injects credentials, tenant and version once per client; their
//!    documented rules are kept as the `spec::REQUEST_HEADERS` table, which the layer enforces;
//! 2. string and array constraints (`minLength`, `maxLength`, `pattern`, `enum`, `minItems`,
//!    `maxItems`) are taken off the component schemas, so responses decode leniently, and
//!    re-emitted as `Validate` impls, so the rules stay checkable (and requests are checked
//!    strictly before they are sent);
//! 3. a property carrying `x-renamed-from: <old>` absorbs the old property: one field that
//!    decodes from either name (a vendor's breaking rename);
//! 4. progenitor generates the client; `format: date-time` and `format: iso8601-date-time` (an
//!    ISO 8601 date-time whose offset is optional) map to `crate::Timestamp`, and a component
//!    schema with `x-rust-type-path` maps to that hand-written type.
//!
//! The output is formatted with prettyplease and written only to `OUT_DIR`, beside the spec
//! as JSON (`<vendor>.spec.json`), from which the sandbox takes its examples. Nothing here uses
//! the network, a clock or a hash map's iteration order, so the output is deterministic.
//!
//! With the internal feature `bench-peer` (the bench's, not part of the API), each enabled
//! spec also gives `peer_<vendor>.rs`: progenitor's own client with its default settings
//! (`codegen::peer`), which the bench runs against the SDK. Without the feature nothing of it
//! runs.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

// The generation routine itself lives in build/codegen/ (one file per phase) so that tests
// can run it on an edited spec and compare its output with golden files (tests/it/build_rules/golden.rs).
#[path = "build/codegen/mod.rs"]
mod codegen;

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let specs_dir = manifest_dir.join("specs");
    println!("cargo:rerun-if-changed=specs");

    let mut specs: Vec<PathBuf> = match fs::read_dir(&specs_dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect(),
        Err(e) => fail(
            Path::new("specs"),
            &format!("cannot read the directory: {e}"),
        ),
    };
    specs.sort();
    let peer = env::var_os("CARGO_FEATURE_BENCH_PEER").is_some();

    for spec in specs {
        println!("cargo:rerun-if-changed={}", spec.display());
        let vendor = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let feature = format!("CARGO_FEATURE_{}", vendor.to_uppercase().replace('-', "_"));
        if env::var_os(&feature).is_none() {
            continue;
        }
        let shown = Path::new("specs").join(spec.file_name().unwrap_or_default());
        let text = fs::read_to_string(&spec)
            .unwrap_or_else(|e| fail(&shown, &format!("cannot read: {e}")));
        match codegen::generate(&text) {
            Ok((code, spec_json)) => {
                let written =
                    fs::write(out_dir.join(format!("{vendor}.rs")), code).and_then(|()| {
                        fs::write(out_dir.join(format!("{vendor}.spec.json")), spec_json)
                    });
                if let Err(e) = written {
                    fail(&shown, &format!("cannot write generated code: {e}"));
                }
            }
            Err(reason) => fail(&shown, &reason),
        }
        if peer {
            let code = codegen::peer::generate(&text)
                .unwrap_or_else(|reason| fail(&shown, &format!("the bench's peer: {reason}")));
            if let Err(e) = fs::write(out_dir.join(format!("peer_{vendor}.rs")), code) {
                fail(&shown, &format!("cannot write the bench's peer: {e}"));
            }
        }
    }
}

fn fail(spec: &Path, reason: &str) -> ! {
    eprintln!("error: {}: {reason}", spec.display());
    std::process::exit(1);
}
