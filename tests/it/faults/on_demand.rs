//! The sandbox's faults on demand: each kind drives a client into the matching typed error,
//! for as many calls as set, and the request log shows what was sent, without credentials.

use std::time::Duration;

use customer_apis::pdm::CustomerLookup;
use customer_apis::sandbox::{Fault, FaultKind, Sandbox};
use customer_apis::{Error, ErrorKind, FoxtrotCode, PdmStatus, RetryPolicy, VendorCode};
use serde_json::json;

fn no_retry() -> RetryPolicy {
    RetryPolicy::disabled()
}

#[tokio::test]
async fn each_fault_kind_ends_in_its_typed_error_for_as_many_calls_as_set() {
    let sandbox = Sandbox::start().await.unwrap();
    let cro = sandbox
        .cro_client()
        .retry_policy(no_retry())
        .build()
        .unwrap();

    // A status with CRO's error body, once, for customer 1 only.
    sandbox.fault(
        Fault::new("getCustomer", FaultKind::Status { status: 503 })
            .with_param("customer_id", "1")
            .times(1),
    );
    let err = cro.get_customer(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable, "{err}");
    assert_eq!(
        err.api().and_then(|a| a.detail.as_deref()),
        Some("Service Unavailable")
    );
    cro.get_customer(1).await.expect("used up after one call");

    // Another API version than the pin.
    sandbox.fault(
        Fault::new(
            "getContact",
            FaultKind::ApiVersion {
                version: "2019/02/08".into(),
            },
        )
        .times(1),
    );
    let err = cro.get_contact(1, 1).await.unwrap_err();
    assert!(
        matches!(err, Error::VersionMismatch { ref served, .. } if served == "2019/02/08"),
        "{err:?}"
    );

    // A body cut in half, and a body that is not JSON.
    sandbox.fault(Fault::new("getCustomer", FaultKind::Truncated).times(1));
    let err = cro.get_customer(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    sandbox.fault(Fault::new("getCustomer", FaultKind::NotJson).times(1));
    let err = cro.get_customer(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");

    // A delay past the client's timeout.
    sandbox.fault(Fault::new("deactivateCustomer", FaultKind::Delay { millis: 500 }).times(1));
    let slow = sandbox
        .cro_client()
        .retry_policy(no_retry())
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let err = slow.deactivate_location(1, 20).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");

    // The connection breaks off.
    let fox = sandbox
        .foxtrot_client()
        .retry_policy(no_retry())
        .build()
        .unwrap();
    sandbox.fault(Fault::new("getWaypoints", FaultKind::Reset).times(1));
    let err = fox
        .get_waypoints("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");

    // Foxtrot's error envelope with the status as its code.
    sandbox.fault(Fault::new("getConfidentLocation", FaultKind::Status { status: 404 }).times(1));
    let err = fox
        .get_confident_location("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert_eq!(
        err.api().and_then(|a| a.code.clone()),
        Some(VendorCode::from(FoxtrotCode::Other(404)))
    );

    // PDM status codes for any lookup: 205 (throttled), then 401 (not found), once each.
    let pdm = sandbox
        .pdm_client()
        .retry_policy(no_retry())
        .build()
        .unwrap();
    sandbox.fault(Fault::new("GetCustomer", FaultKind::PdmStatus { code: 205 }).times(1));
    sandbox.fault(Fault::new("GetCustomer", FaultKind::PdmStatus { code: 401 }).times(1));
    let err = pdm
        .get_customer(&CustomerLookup::id(1408))
        .await
        .unwrap_err();
    assert_eq!(
        err.api().and_then(|a| a.code.clone()),
        Some(VendorCode::from(PdmStatus::RateLimitExceeded))
    );
    assert_eq!(err.kind(), ErrorKind::Throttled);
    let err = pdm
        .get_customer(&CustomerLookup::id(1408))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    pdm.get_customer(&CustomerLookup::id(1408))
        .await
        .expect("both used up");

    // "Always" lasts until cleared.
    sandbox.fault(
        Fault::new("getCustomer", FaultKind::Status { status: 500 })
            .with_param("dc_id", "Foxtrot-DC"),
    );
    for _ in 0..3 {
        let err = fox
            .get_customer("Foxtrot-DC", "johns-burger-shack")
            .await
            .unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    }
    // The CRO getCustomer has no dc_id: untouched.
    cro.get_customer(1).await.unwrap();
    sandbox.clear_faults();
    fox.get_customer("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap();

    // What the apps sent, without a credential in it.
    let log = serde_json::to_string(&sandbox.requests()).unwrap();
    assert!(!log.contains(customer_apis::sandbox::CRO_SAMPLE_TOKEN));
    assert!(!log.contains("sandbox-api-key"));
    assert!(!log.contains(customer_apis::sandbox::PDM_SAMPLE_SESSION_TOKEN));
}

#[tokio::test]
async fn the_standalone_sandbox_takes_faults_over_http() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/__sandbox/faults", sandbox.base_url());
    let fault =
        json!({"operation": "getConfidentLocation", "kind": "status", "status": 502, "times": 1});
    let added = http.post(&url).json(&fault).send().await.unwrap();
    assert_eq!(added.status().as_u16(), 201);
    let listed: serde_json::Value = http.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(
        listed,
        json!([{"operation": "getConfidentLocation", "params": {}, "times": 1, "kind": "status", "status": 502}])
    );

    let fox = sandbox
        .foxtrot_client()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = fox
        .get_confident_location("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    fox.get_confident_location("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap();

    // A malformed fault is refused; DELETE clears them.
    let bad = http
        .post(&url)
        .json(&json!({"operation": "x", "kind": "meltdown"}))
        .send()
        .await
        .unwrap();
    assert!(bad.status().is_client_error());
    http.post(&url).json(&fault).send().await.unwrap();
    assert_eq!(
        http.delete(&url).send().await.unwrap().status().as_u16(),
        204
    );
    fox.get_confident_location("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap();
}
