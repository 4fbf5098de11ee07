//! What both build scripts do alike (the library's, `build.rs`, and the bench's peer,
//! `benches/peer/build.rs`): list the specs, report a spec's failure, run progenitor.

use std::path::{Path, PathBuf};

/// Every `*.yaml` in `dir`, sorted (no hash-map or directory order reaches the output), each
/// announced to cargo as an input.
pub fn list(dir: &Path) -> Vec<PathBuf> {
    // Relative to the package where they are under it: a copy of the crate elsewhere, whose
    // build cargo may take for this one's (same name, same hash), watches its own files.
    let root = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let shown = |p: &Path| {
        let relative = root.as_deref().and_then(|r| p.strip_prefix(r).ok());
        relative.unwrap_or(p).display().to_string()
    };
    println!("cargo:rerun-if-changed={}", shown(dir));
    let mut specs: Vec<PathBuf> = match std::fs::read_dir(dir) {
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
    for spec in &specs {
        println!("cargo:rerun-if-changed={}", shown(spec));
    }
    specs
}

/// Stops the build with `error: specs/<file>: <reason>`.
pub fn fail(spec: &Path, reason: &str) -> ! {
    eprintln!("error: {}: {reason}", spec.display());
    std::process::exit(1);
}

/// Runs progenitor with `settings`. typify panics on some malformed schemas: that is reported
/// as the spec's error, not a crash of the build script.
pub fn run_progenitor(
    settings: &progenitor::GenerationSettings,
    api: &openapiv3::OpenAPI,
) -> Result<proc_macro2::TokenStream, String> {
    let mut generator = progenitor::Generator::new(settings);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        generator.generate_tokens(api)
    }))
    .map_err(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("no message");
        format!("progenitor cannot generate a client (it panicked: {message})")
    })?
    .map_err(|e| format!("progenitor cannot generate a client: {e}"))
}
