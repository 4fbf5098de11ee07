//! Timing helper (work in progress).
fn main() {}
