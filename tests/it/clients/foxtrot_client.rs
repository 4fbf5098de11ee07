//! The Foxtrot client against a local server, and every spec example decoding.

use crate::support;
use customer_apis::foxtrot::types::{WaypointList, WaypointsAnswer};
use customer_apis::foxtrot::{Client, WaypointStatus};
use customer_apis::{Error, FoxtrotCode, RetryPolicy, Validate, VendorCode};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "foxtrot-key-SECRET-9";

#[test]
fn every_spec_example_decodes() {
    let examples = support::examples(&support::spec("foxtrot"));
    assert_eq!(examples.len(), 13);
    for (at, schema, example) in &examples {
        support::decode(schema, example).unwrap_or_else(|e| panic!("{at}: {schema}: {e}"));
    }
}

/// The list, whichever form the answer came in (the client's method does the same).
fn into_list(answer: WaypointsAnswer) -> WaypointList {
    match answer {
        WaypointsAnswer::Variant0(enveloped) => enveloped.data,
        WaypointsAnswer::Variant1(bare) => bare,
    }
}

#[test]
fn waypoints_decode_bare_and_enveloped_and_keep_unknown_statuses() {
    let bare = support::example(
        "foxtrot",
        "/dcs/{dc_id}/customers/{customer_id}/waypoints",
        "get",
    );
    let list = into_list(serde_json::from_value(bare.clone()).unwrap());
    assert_eq!(list.waypoints[0].status, WaypointStatus::Pending);
    let mut enveloped = json!({"status": "success", "data": bare});
    enveloped["data"]["waypoints"][0]["status"] = json!("COMPLETED");
    let list = into_list(serde_json::from_value(enveloped).unwrap());
    assert_eq!(
        list.waypoints[0].status,
        WaypointStatus::Other("COMPLETED".into())
    );
    assert_eq!(
        serde_json::to_value(&list.waypoints[0].status).unwrap(),
        json!("COMPLETED")
    );

    let mut eleven = bare.clone();
    let one = eleven["waypoints"][0].clone();
    eleven["waypoints"] = Value::Array(vec![one; 11]);
    let list: WaypointList =
        serde_json::from_value(eleven).expect("more than documented still decodes");
    assert_eq!(
        list.validate()[0].to_string(),
        "waypoints: must have at most 10 items"
    );
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key(KEY)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_three_operations_send_the_key_and_return_the_data_payload() {
    let server = MockServer::start().await;
    let auth = format!("Bearer {KEY}");
    Mock::given(method("GET"))
        .and(path("/dcs/Foxtrot-DC/customers/johns-burger-shack"))
        .and(header("authorization", auth.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(support::example(
            "foxtrot",
            "/dcs/{dc_id}/customers/{customer_id}",
            "get",
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(
            "/dcs/Foxtrot-DC/customers/johns-burger-shack/confident-location",
        ))
        .and(header("authorization", auth.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(support::example(
            "foxtrot",
            "/dcs/{dc_id}/customers/{customer_id}/confident-location",
            "get",
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(
            "/dcs/Foxtrot-DC/customers/johns-burger-shack/waypoints",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(support::example(
            "foxtrot",
            "/dcs/{dc_id}/customers/{customer_id}/waypoints",
            "get",
        )))
        .mount(&server)
        .await;
    let c = client(&server);
    let customer = c
        .get_customer("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap();
    assert_eq!(customer.name, "the customer's name");
    let location = c
        .get_confident_location("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap();
    assert_eq!(location.customer_id, "johns-burger-shack");
    let waypoints = c
        .get_waypoints("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap();
    assert_eq!(waypoints.waypoints.len(), 1);
}

#[tokio::test]
async fn code_7001_and_statuses_401_403_404_are_distinguishable() {
    let server = MockServer::start().await;
    let error = |code: i64, message: &str| json!({"status": "error", "data": {"code": code, "message": message}});
    Mock::given(path("/dcs/dc/customers/unsure/confident-location"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(error(7001, "Customer location not confident")),
        )
        .mount(&server)
        .await;
    for (id, status) in [("badkey", 401u16), ("nodc", 403), ("nobody", 404)] {
        Mock::given(path(format!("/dcs/dc/customers/{id}")))
            .respond_with(ResponseTemplate::new(status).set_body_json(error(status.into(), "nope")))
            .mount(&server)
            .await;
    }
    let c = client(&server);
    let err = c.get_confident_location("dc", "unsure").await.unwrap_err();
    assert_eq!(
        err.api().unwrap().code,
        Some(VendorCode::from(FoxtrotCode::LocationNotConfident))
    );
    assert_eq!(err.status().unwrap().as_u16(), 400);
    assert!(err.to_string().contains("7001"));
    for (id, status) in [("badkey", 401u16), ("nodc", 403), ("nobody", 404)] {
        let err = c.get_customer("dc", id).await.unwrap_err();
        assert_eq!(err.status().unwrap().as_u16(), status);
        assert_eq!(err.api().unwrap().detail.as_deref(), Some("nope"));
    }
}

#[tokio::test]
async fn empty_ids_and_keys_fail_before_sending_and_the_key_is_redacted() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let c = client(&server);
    for (dc, customer, field) in [("", "x", "dc_id"), ("dc", "", "customer_id")] {
        match c.get_customer(dc, customer).await.unwrap_err() {
            Error::InvalidInput { field: f, .. } => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
    }
    for key in ["", "  ", "a\r\nb"] {
        assert!(
            matches!(
                Client::builder().api_key(key).build(),
                Err(Error::InvalidInput { .. })
            ),
            "{key:?}"
        );
    }
    assert!(matches!(
        Client::builder().build(),
        Err(Error::InvalidInput { .. })
    ));
    assert!(!format!("{c:?}").contains(KEY));
    assert!(server.received_requests().await.unwrap().is_empty());
}
