//! Answers into the generated types: every spec example, the variations real data shows, fuzzed
//! bytes, and the vendors' own samples run against the sandbox.

#[cfg(feature = "cro")]
mod comparable;
#[cfg(feature = "cro")]
mod cro_decode;
#[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod fuzz_decoders;
#[cfg(feature = "pdm")]
mod pdm_decode;
#[cfg(feature = "sandbox")]
mod vendor_samples;
