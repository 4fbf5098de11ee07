//! Golden files of the generated code: build.rs's routine run on each committed spec, compared
//! with `tests/golden/<vendor>.rs`. A progenitor upgrade, a generator change or a spec edit
//! shows up here as a diff to review; refresh the files with
//!
//! ```text
//! EXPECTORATE=overwrite cargo test --test it build_rules::golden
//! ```
//!
//! and commit them with the change that moved them. The golden files are text, never compiled
//! by this crate (the generated code is compiled where `src/<vendor>/mod.rs` includes it).
//! The generator needs no vendor feature, so every spec is checked whatever features are on.

use super::codegen;

fn check(vendor: &str) {
    let dir = env!("CARGO_MANIFEST_DIR");
    let spec = std::fs::read_to_string(format!("{dir}/specs/{vendor}.yaml"))
        .unwrap_or_else(|e| panic!("specs/{vendor}.yaml: {e}"));
    let (code, _) = codegen::generate(&spec).unwrap_or_else(|e| panic!("specs/{vendor}.yaml: {e}"));
    expectorate::assert_contents(format!("{dir}/tests/golden/{vendor}.rs"), &code);
}

#[test]
fn cro() {
    check("cro");
}

#[test]
fn pdm() {
    check("pdm");
}

#[test]
fn foxtrot() {
    check("foxtrot");
}

/// Every spec has a golden file and every golden file a spec: a new vendor cannot go unchecked
/// and a removed one leaves nothing stale behind.
#[test]
fn one_golden_file_per_spec() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let stems = |sub: &str, ext: &str| {
        let mut names: Vec<String> = std::fs::read_dir(format!("{dir}/{sub}"))
            .unwrap()
            .filter_map(|e| {
                let path = e.unwrap().path();
                (path.extension()? == ext).then(|| path.file_stem()?.to_str().map(str::to_owned))?
            })
            .collect();
        names.sort();
        names
    };
    assert_eq!(stems("specs", "yaml"), ["cro", "foxtrot", "pdm"]);
    assert_eq!(stems("tests/golden", "rs"), stems("specs", "yaml"));
}
