//! Servers that misbehave on purpose and callers that pass bad input: every fault and every bad
//! input ends in the right typed error, within its bound, with the expected requests on the wire.

#[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod bad_input;
#[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod fault_injection;
#[cfg(feature = "sandbox")]
mod on_demand;
