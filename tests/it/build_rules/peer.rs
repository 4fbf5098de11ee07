//! The bench's peer (`benches/peer/`, the bench's own package): progenitor's own client for
//! each spec, with the header parameters kept as call arguments and the string constraints
//! taken off what responses reach only. Checked on the sources its build script generated, which
//! it exports as text; it generates every spec whatever features are on here.

use customer_apis_bench_peer::source;

fn peer(vendor: &str) -> &'static str {
    match vendor {
        "cro" => source::CRO,
        "pdm" => source::PDM,
        "foxtrot" => source::FOXTROT,
        other => panic!("no peer for {other}"),
    }
}

/// The names of a generated method's arguments.
fn arguments(code: &str, method: &str) -> Vec<String> {
    let file = syn::parse_file(code).unwrap();
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block) => Some(block),
            _ => None,
        })
        .flat_map(|block| &block.items)
        .find_map(|item| match item {
            syn::ImplItem::Fn(f) if f.sig.ident == method => Some(&f.sig),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no method {method}"))
        .inputs
        .iter()
        .filter_map(|arg| match arg {
            syn::FnArg::Typed(t) => match &*t.pat {
                syn::Pat::Ident(name) => Some(name.ident.to_string()),
                _ => None,
            },
            syn::FnArg::Receiver(_) => None,
        })
        .collect()
}

#[test]
fn cro_takes_its_headers_on_every_call() {
    let code = peer("cro");
    assert_eq!(
        arguments(code, "get_customer"),
        [
            "customer_id",
            "authorization",
            "x_api_version",
            "x_tenant_id"
        ]
    );
}

#[test]
fn responses_lose_their_string_constraints_and_requests_keep_them() {
    let cro = peer("cro");
    // `"sales_rep": ""` in CRO's sample decodes; the timestamps are strings.
    assert!(cro.contains("pub sales_rep: ::std::option::Option<::std::string::String>,"));
    assert!(cro.contains("pub created_on: ::std::string::String,"));
    assert!(!cro.contains("SalesRep"));
    // The token argument still checks the documented pattern.
    assert!(cro.contains("pub struct GetCustomerAuthorization(::std::string::String);"));
    assert!(cro.contains("[Bb][Ee][Aa][Rr][Ee][Rr]"));

    let pdm = peer("pdm");
    assert!(pdm.contains("pub customer_ref: ::std::string::String,"));
    // A request-only schema keeps its limits; the session token, in answers too, loses them.
    assert!(pdm.contains("pub struct GetCustomerRequestExternalCustomerRef("));
    assert!(pdm.contains("pub struct SessionToken(pub ::std::string::String);"));
    assert!(pdm.contains("pub created: ::chrono::naive::NaiveDate,"));
}

#[test]
fn every_spec_has_a_peer() {
    for vendor in crate::support::vendors() {
        let vendor = vendor.as_str();
        assert!(
            peer(vendor).contains("pub async fn get_customer<'a>("),
            "{vendor}"
        );
    }
}
