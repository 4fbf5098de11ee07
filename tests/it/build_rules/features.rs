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
