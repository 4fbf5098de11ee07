//! The escape hatch (`Client::request` on each vendor) and a caller's own reqwest client: any
//! request goes through the same core — credentials, tenant, pin, the vendor's envelope or
//! status, retries by method, typed errors — and a path cannot leave the base URL.

use std::time::Duration;

use crate::support;
use customer_apis::pdm::CustomerLookup;
use customer_apis::{cro, Error, ErrorKind, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl";
const PIN: &str = "2023/04/19";

fn cro_client(server: &MockServer) -> cro::Client {
    cro::Client::builder()
        .base_url(format!("{}/gw", server.uri()))
        .bearer_token(TOKEN)
        .tenant_id(7)
        .retry_policy(support::fast(3))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_cro_request_outside_the_spec_carries_auth_tenant_and_pin_and_checks_the_version() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/gw/customers/1/locations/20"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("x-tenant-id", "7"))
        .and(header("x-api-version", PIN))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .set_body_json(json!({"id": 20, "is_active": true})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let answer: Value = cro_client(&server)
        .request::<Value>(reqwest::Method::GET, "/customers/1/locations/20", None)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer, json!({"id": 20, "is_active": true}));

    // The pin is checked as for the generated operations.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let err = cro_client(&server)
        .request::<Value>(reqwest::Method::GET, "/customers/1/locations/20", None)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::VersionMismatch, "{err:?}");
}

#[tokio::test]
async fn a_path_that_would_leave_the_base_url_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = cro_client(&server);
    let paths = [
        "customers/1",
        "/../admin",
        "/customers/%2e%2e/x",
        "/customers/.",
        "/a\\..\\b",
        "/a#b",
        "/a b",
        "/a\nb",
    ];
    for p in paths {
        match client.request::<Value>(reqwest::Method::GET, p, None).await {
            Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "path", "{p:?}"),
            other => panic!("{p:?} must be refused, got {other:?}"),
        }
    }
    assert_eq!(paths.len(), 8);
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn a_request_that_is_not_idempotent_is_repeated_only_when_the_server_cannot_have_acted() {
    for (verb, status, sent) in [
        (reqwest::Method::POST, 503, 1),
        (reqwest::Method::POST, 429, 3),
        (reqwest::Method::PATCH, 502, 1),
        (reqwest::Method::GET, 503, 3),
        (reqwest::Method::PUT, 504, 3),
    ] {
        let server = MockServer::start().await;
        Mock::given(method(verb.as_str()))
            .respond_with(ResponseTemplate::new(status).insert_header("x-api-version", PIN))
            .mount(&server)
            .await;
        let err = cro_client(&server)
            .request::<Value>(
                verb.clone(),
                "/customers/1/notes",
                Some(&json!({"text": "hi"})),
            )
            .await
            .unwrap_err();
        assert_eq!(
            err.status().map(|s| s.as_u16()),
            Some(status),
            "{verb} {status}"
        );
        let received = server.received_requests().await.unwrap();
        assert_eq!(received.len(), sent, "{verb} {status}");
        if verb != reqwest::Method::GET {
            let body: Value = serde_json::from_slice(&received[0].body).unwrap();
            assert_eq!(body, json!({"text": "hi"}));
        }
    }
}

#[tokio::test]
async fn a_foxtrot_request_reads_the_envelope() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/dcs/DC/routes"))
        .and(header("authorization", "Bearer fox-key"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "success", "data": {"routes": ["r1"]}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/dcs/DC/broken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"status": "error", "data": {"code": 7001, "message": "not confident"}}),
        ))
        .mount(&server)
        .await;
    let client = support::foxtrot_on(&server.uri(), "fox-key")
        .retry_policy(support::fast(3))
        .build()
        .unwrap();
    let data: Value = client
        .request::<Value>(reqwest::Method::GET, "/dcs/DC/routes", None)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(data, json!({"routes": ["r1"]}));
    let err = client
        .request::<Value>(reqwest::Method::GET, "/dcs/DC/broken", None)
        .await
        .unwrap_err();
    assert_eq!(err.api().unwrap().detail.as_deref(), Some("not confident"));
}

#[tokio::test]
async fn a_pdm_request_gets_company_and_session_and_its_status_checked() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(support::pdm_session_answer("9001|s|1")),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/GetOrders"))
        .and(body_partial_json(
            json!({"company_id": 9001, "session_token": "9001|s|1", "customer_id": 1408}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": {"code": 101, "details": "OK"}, "orders": [1, 2]
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/GetInvoices"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": {"code": 303, "details": "customer_id: not a number"}
        })))
        .mount(&server)
        .await;
    let client = support::pdm_on(&server.uri(), "pdm-key")
        .retry_policy(support::fast(3))
        .build()
        .unwrap();
    let mut body = serde_json::Map::new();
    body.insert("customer_id".into(), 1408.into());
    let answer: Value = client
        .request::<Value>("GetOrders", body.clone(), true)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer, json!({"orders": [1, 2]}));
    let err = client
        .request::<Value>("GetInvoices", body, true)
        .await
        .unwrap_err();
    assert_eq!(
        err.api().unwrap().code.as_ref().map(|c| c.number()),
        Some(303)
    );
    match client
        .request::<Value>("../GetCustomer", serde_json::Map::new(), true)
        .await
    {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "pdm_method"),
        other => panic!("{other:?}"),
    }
    // The documented operation still works beside it, on the same session.
    let _ = client.get_customer(&CustomerLookup::id(1)).await;
    let sessions = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/GetSessionToken")
        .count();
    assert_eq!(sessions, 1);
}

#[tokio::test]
async fn a_callers_reqwest_client_is_used_with_the_sdks_headers_and_attempt_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/customers/1"))
        .and(header("x-from-caller", "yes"))
        .and(header("x-tenant-id", "7"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .set_body_json(json!({"slow": true}))
                .set_delay(Duration::from_secs(3)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-caller", "yes".parse().unwrap());
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let client = cro::Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .tenant_id(7)
        .http_client(http)
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client.get_customer(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
