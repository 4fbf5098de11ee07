//! The one list of vendors: every spec in `specs/` whose cargo feature is enabled, written by
//! build.rs. What goes over the vendors (the sandbox's specs, seeds and faults) iterates it, so
//! a vendor added as a spec is found here with no line of code naming it, and a name that is
//! not on it is no vendor (never another vendor's spec by default).

/// One vendor as its spec describes it.
#[derive(Debug)]
pub(crate) struct Vendor {
    /// Who it is: its key (`cro`, the spec's file stem and feature, the name a seed and the
    /// CLI use) and its name.
    pub(crate) vendor: crate::Vendor,
    /// The spec as build.rs read it, as JSON.
    #[cfg_attr(not(feature = "sandbox"), allow(dead_code))]
    pub(crate) spec_json: &'static str,
    /// Its operations (see [`crate::operation`]).
    #[cfg_attr(not(feature = "sandbox"), allow(dead_code))]
    pub(crate) operations: &'static [crate::operation::Operation],
    /// Whether a sandbox seed record's body decodes as what the operation returns.
    #[cfg(feature = "sandbox")]
    pub(crate) check_seed: fn(&str, &serde_json::Value) -> Option<Result<(), String>>,
    /// What a request body breaks of the operation's documented body, if it has one.
    #[cfg(feature = "sandbox")]
    pub(crate) check_request: fn(&str, &[u8]) -> Option<crate::departure::Found>,
    /// The rules of the request headers the spec documents.
    #[cfg(feature = "sandbox")]
    pub(crate) request_headers: &'static [crate::validation::HeaderRule],
}

include!(concat!(env!("OUT_DIR"), "/vendors.rs"));

/// The vendor called `name`, if it is one.
#[cfg_attr(not(feature = "sandbox"), allow(dead_code))]
pub(crate) fn named(name: &str) -> Option<&'static Vendor> {
    VENDORS.iter().find(|v| v.vendor.key() == name)
}

/// The names of the vendors, for messages (`cro, foxtrot or pdm`).
#[cfg_attr(not(feature = "sandbox"), allow(dead_code))]
pub(crate) fn names() -> String {
    let names: Vec<&str> = VENDORS.iter().map(|v| v.vendor.key()).collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_enabled_specs_by_name_once_each_and_nothing_else() {
        let specs = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/specs")).unwrap();
        let mut files: Vec<String> = specs
            .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_owned))
            .collect();
        files.sort();
        let names: Vec<&str> = VENDORS.iter().map(|v| v.vendor.key()).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
        let all: Vec<&str> = crate::Vendor::all().iter().map(|v| v.key()).collect();
        assert_eq!(all, names);
        for vendor in VENDORS {
            let key = vendor.vendor.key();
            assert!(files.iter().any(|f| f == key), "{key}");
            assert_eq!(named(key).map(|v| v.vendor), Some(vendor.vendor));
            assert!(!vendor.vendor.name().is_empty(), "{key}");
            let spec: serde_json::Value = serde_json::from_str(vendor.spec_json).unwrap();
            assert!(spec["paths"].is_object(), "{key}");
            assert!(!vendor.operations.is_empty(), "{key}");
        }
        // With every vendor's feature, every spec.
        #[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
        assert_eq!(names, files);
        assert!(named("acme").is_none() && named("").is_none());
    }
}
