//! Golden files of the generated code: build.rs's routine run on each committed spec, compared
//! with `tests/golden/<vendor>.rs`. A progenitor upgrade, a generator change or a spec edit
//! shows up here as a diff to review; refresh the files with
//!
//! ```text
//! EXPECTORATE=overwrite cargo test --test it build_rules::golden
//! ```
//!
//! and commit them with the change that moved them. The golden files are text, never compiled
//! by this crate (the generated code is compiled where the vendor's module includes it;
//! `<vendor>.module.rs` is the whole module of a vendor without a hand-written policy).
//! The generator needs no vendor feature, so every spec is checked whatever features are on.

use super::codegen;

fn check(vendor: &str) {
    let dir = env!("CARGO_MANIFEST_DIR");
    let spec = std::fs::read_to_string(format!("{dir}/specs/{vendor}.yaml"))
        .unwrap_or_else(|e| panic!("specs/{vendor}.yaml: {e}"));
    let (code, _) = codegen::generate(&spec).unwrap_or_else(|e| panic!("specs/{vendor}.yaml: {e}"));
    expectorate::assert_contents(format!("{dir}/tests/golden/{vendor}.rs"), &code);
    // A vendor whose spec describes its policy: its whole module.
    let json =
        serde_json::to_string(&serde_yaml::from_str::<serde_json::Value>(&spec).unwrap()).unwrap();
    let constant = format!("{}{}", vendor[..1].to_uppercase(), &vendor[1..]);
    let spec: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names = codegen::module::Names {
        key: vendor,
        module: vendor,
        constant: &constant,
        name: spec["info"]["x-vendor-name"].as_str().unwrap(),
    };
    let module = codegen::module::vendor_module(&names, &json).unwrap();
    let golden = format!("{dir}/tests/golden/{vendor}.module.rs");
    match module {
        Some(module) => expectorate::assert_contents(golden, &module),
        None => assert!(!std::path::Path::new(&golden).exists(), "{golden}"),
    }
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
    let golden = stems("tests/golden", "rs");
    let (modules, clients): (Vec<String>, Vec<String>) =
        golden.into_iter().partition(|n| n.ends_with(".module"));
    assert_eq!(clients, stems("specs", "yaml"));
    // The vendors without a hand-written policy: their whole module.
    assert_eq!(modules, ["cro.module", "foxtrot.module"]);
}
