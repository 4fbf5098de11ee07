//! The blocking clients (feature `blocking`): the generated methods, run from a thread with no
//! runtime, against the sandbox (which runs on a runtime of its own here).

use customer_apis::sandbox::Sandbox;
use customer_apis::{cro, foxtrot, pdm, Error};

/// The sandbox on its own multi-thread runtime, which must outlive it.
fn sandbox() -> (tokio::runtime::Runtime, Sandbox) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = runtime.block_on(Sandbox::start()).unwrap();
    (runtime, sandbox)
}

#[test]
fn a_blocking_client_of_each_vendor_calls_without_a_runtime_of_the_callers() {
    let (_runtime, sandbox) = sandbox();
    let cro = cro::blocking::Client::new(sandbox.cro_client().build().unwrap()).unwrap();
    let customer = cro.get_customer(7).unwrap();
    assert_eq!(customer.id, 7);
    assert_eq!(customer.meta().attempts, 1);

    let pdm = pdm::blocking::Client::new(sandbox.pdm_client().build().unwrap()).unwrap();
    let customer = pdm
        .get_customer(pdm::CustomerLookup::external_ref("CRO-7"))
        .unwrap();
    assert_eq!(customer.customer_id, 2001);
    // What has no generated method runs through block_on.
    let session = pdm.block_on(pdm.as_async().get_session_token()).unwrap();
    assert!(!session.session_token.expose().is_empty());

    let foxtrot =
        foxtrot::blocking::Client::new(sandbox.foxtrot_client().build().unwrap()).unwrap();
    let error = foxtrot
        .get_customer("Foxtrot-DC", "no-such-customer")
        .unwrap_err();
    assert!(error.is_not_found(), "{error}");
}

#[test]
fn clones_used_from_four_threads_at_once_make_exactly_their_calls() {
    let (_runtime, sandbox) = sandbox();
    let client = cro::blocking::Client::new(sandbox.cro_client().build().unwrap()).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || {
                for _ in 0..5 {
                    assert_eq!(client.get_customer(1).unwrap().id, 1);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let calls = sandbox
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path == "/customers/1")
        .count();
    assert_eq!(calls, 20);
}

#[tokio::test]
async fn called_inside_an_async_runtime_it_refuses_and_sends_nothing() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = cro::blocking::Client::new(sandbox.cro_client().build().unwrap()).unwrap();
    match client.get_customer(1) {
        Err(Error::InvalidInput { field, rule }) => {
            assert_eq!(field, "blocking client");
            assert!(rule.contains("inside an async runtime"), "{rule}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(sandbox.requests().len(), 0);
    // Dropped here, inside the runtime: no panic either.
    drop(client);
}

#[test]
fn blocking_clients_have_a_builder_the_escape_hatch_and_every_other_method() {
    let (_runtime, sandbox) = sandbox();
    let base_url = sandbox.base_url();

    // CRO: the blocking client's own builder, every setter of the async one; its pin told.
    let cro = cro::blocking::Client::builder()
        .base_url(&base_url)
        .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
        .tenant_id(42)
        .api_version(cro::ApiVersion::V2019_02_08)
        .build()
        .unwrap();
    assert_eq!(cro.api_version(), cro::ApiVersion::V2019_02_08);
    let customer = cro
        .request::<serde_json::Value>(reqwest::Method::GET, "/customers/7", None)
        .unwrap()
        .into_inner();
    assert_eq!(customer["id"], 7);
    // The builder's checks are the async builder's: nothing is built without the tenant.
    let error = cro::blocking::Client::builder()
        .base_url(&base_url)
        .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("tenant_id"), "{error}");

    // PDM: its escape hatch and its session method.
    let pdm = pdm::blocking::Client::builder()
        .base_url(&base_url)
        .company_id(9001)
        .api_key("my-api-key")
        .build()
        .unwrap();
    let mut body = serde_json::Map::new();
    body.insert("external_customer_ref".into(), "CRO-7".into());
    let customer = pdm
        .request::<serde_json::Value>("GetCustomer", body, true)
        .unwrap()
        .into_inner();
    assert_eq!(customer["customer"]["customer_id"], 2001);
    let session = pdm.get_session_token().unwrap();
    assert!(!session.session_token.expose().is_empty());

    // Foxtrot: its escape hatch returns the envelope's `data`.
    // Or the async builder, finished blocking.
    let foxtrot = foxtrot::Client::builder()
        .base_url(&base_url)
        .api_key("my-api-key")
        .build_blocking()
        .unwrap();
    let customer = foxtrot
        .request::<serde_json::Value>(
            reqwest::Method::GET,
            "/dcs/Foxtrot-DC/customers/johns-burger-shack",
            None,
        )
        .unwrap()
        .into_inner();
    assert!(customer.get("status").is_none(), "{customer}");
    assert_eq!(
        customer["customer"]["name"], "the customer's name",
        "{customer}"
    );
    // Waypoints come bare (no envelope), as Foxtrot documents: taken as they come.
    let waypoints = foxtrot
        .request::<customer_apis::foxtrot::types::WaypointList>(
            reqwest::Method::GET,
            "/dcs/Foxtrot-DC/customers/johns-burger-shack/waypoints",
            None,
        )
        .unwrap();
    assert_eq!(waypoints.waypoints.len(), 1);
}
