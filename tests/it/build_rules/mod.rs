//! What the build does with the specs: which vendors are generated, what a spec edit produces,
//! and the specs' own rules.

// build.rs's generation routine, run by these tests on committed and edited specs.
#[allow(dead_code)]
#[path = "../../../build/codegen/mod.rs"]
mod codegen;

mod features;
mod golden;
mod peer;
mod regenerate;
mod spec_conformance;
