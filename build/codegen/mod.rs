//! The generation routine of build.rs: one spec's text in, Rust source and the spec as JSON
//! out. Pure (no I/O, no clock, no hash-map order), so tests run it on edited specs and compare
//! its output with golden files (`tests/it/build_rules/golden.rs`). Its phases, in order:
//! [`rewrite`] (the spec checked, read into the [`model`] and rewritten for progenitor),
//! [`settings`] (progenitor's run) and [`emit`] (progenitor's output edited as a `syn` tree,
//! completed by [`methods`], [`items`] and [`compare`], formatted). ARCHITECTURE.md says what
//! each step does; the README's *For maintainers* lists the spec extensions.

mod compare;
mod emit;
mod items;
mod methods;
mod model;
pub mod module;
// The SDK's own translation of ECMAScript patterns, so that the build checks what runs.
#[path = "../../src/pattern.rs"]
mod pattern;
pub mod patterns;
mod rewrite;
mod settings;
mod strict;
// What the library's and the bench's build scripts share (listing specs, running progenitor).
#[path = "../specs.rs"]
#[allow(dead_code)] // The tests that include the generator list no specs.
pub mod specs;

type Result<T> = std::result::Result<T, String>;

/// Turns one spec's text into formatted Rust source, and the spec as JSON (the sandbox's seed).
pub fn generate(text: &str) -> Result<(String, String)> {
    let doc: serde_json::Value =
        serde_yaml::from_str(text).map_err(|e| format!("not valid YAML: {e}"))?;
    let spec_json = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
    let rewritten = rewrite::rewrite(doc)?;
    let tokens = settings::run(&rewritten.api, &rewritten.replacements)?;
    let code = emit::emit(tokens, &rewritten)?;
    Ok((code, spec_json))
}
