//! A vendor's feature decides whether its spec is generated at all: a user of one vendor does
//! not compile the others' generated code.

#[test]
fn only_the_enabled_vendors_are_generated() {
    let out = std::path::Path::new(env!("OUT_DIR"));
    for (vendor, enabled) in [
        ("cro", cfg!(feature = "cro")),
        ("pdm", cfg!(feature = "pdm")),
        ("foxtrot", cfg!(feature = "foxtrot")),
    ] {
        assert_eq!(
            out.join(format!("{vendor}.rs")).exists(),
            enabled,
            "{vendor}"
        );
    }
}

/// The bench's peer is generated only with its internal feature `bench-peer`: a build without
/// it does not run progenitor a second time.
#[test]
fn the_peer_is_generated_only_for_the_bench() {
    let out = std::path::Path::new(env!("OUT_DIR"));
    for (vendor, enabled) in [
        ("cro", cfg!(feature = "cro")),
        ("pdm", cfg!(feature = "pdm")),
        ("foxtrot", cfg!(feature = "foxtrot")),
    ] {
        assert_eq!(
            out.join(format!("peer_{vendor}.rs")).exists(),
            enabled && cfg!(feature = "bench-peer"),
            "{vendor}"
        );
    }
}
