//! The generation routine of build.rs: one spec's text in, Rust source and the spec as JSON
//! out. Pure (no I/O, no clock, no hash-map order), so tests run it on edited specs and compare
//! its output with golden files (`tests/it/build_rules/golden.rs`).
//!
//! The spec is read once into a typed model ([`model`]: operations, their parameters, bodies,
//! answers and extensions), which the phases read:
//!
//! 1. [`rewrite`]: the spec as JSON is checked (every local `$ref` resolves), read into the
//!    model, and rewritten for progenitor: header parameters, string and array constraints and
//!    renamed properties are taken out and kept aside, replaced schemas are noted;
//! 2. [`settings`]: progenitor's settings (interface, hooks, type conversions) and the run;
//! 3. [`emit`]: progenitor's output is edited as a `syn` tree (renamed-field decoders, the
//!    `Lean` visitor, each call's `CallState` argument and send, comparison derives in
//!    [`compare`]) and completed with items built by `quote!`: the client's methods and tables
//!    ([`methods`], one emitter per output) and the `Validate` impls, the request header table
//!    and the enums ([`items`]); then formatted with prettyplease.
//!
//! The spec extensions (`x-…`) are listed, with where they sit and what they do, in the
//! README's *For maintainers* section.

mod compare;
mod emit;
mod items;
mod methods;
mod model;
pub mod module;
// The SDK's own translation of ECMAScript patterns, so that the build checks what runs.
#[path = "../../src/pattern.rs"]
mod pattern;
mod rewrite;
mod settings;
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
