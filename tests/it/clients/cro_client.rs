//! The CRO client against a local HTTP server: what it sends, what it decodes, how it fails.

use std::time::Duration;

use crate::support;
use crate::support::TOKEN;
use customer_apis::cro::{ApiVersion, Client};
use customer_apis::{Error, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const REQUEST_ID: &str = "474cdb8c-461a-4a2f-be39-d01d258eeb86";

fn answer(body: Value, version: ApiVersion) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("x-request-id", REQUEST_ID)
        .insert_header("x-api-version", version.as_str())
        .set_body_json(body)
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
}

fn client(base: &str) -> Client {
    support::cro_on(base, TOKEN)
        .tenant_id(42)
        .api_version(ApiVersion::V2019_02_08)
        .retry_policy(fast_retries())
        .build()
        .expect("valid settings")
}

#[tokio::test]
async fn get_customer_sends_method_path_and_headers_and_decodes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/customers/1"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("x-tenant-id", "42"))
        .and(header("x-api-version", "2019/02/08"))
        .respond_with(answer(
            support::example("cro", "/customers/{customer_id}", "get"),
            ApiVersion::V2019_02_08,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let customer = client(&server.uri())
        .get_customer(1)
        .await
        .expect("decodes");
    assert_eq!(customer.name, "George Jones!!!?");
    assert_eq!(customer.locations.len(), 4);
    assert_eq!(customer.meta().request_id.unwrap().to_string(), REQUEST_ID);
    assert_eq!(customer.meta().api_version.as_deref(), Some("2019/02/08"));
    assert_eq!(customer.meta().attempts, 1);
    let received = &server.received_requests().await.unwrap()[0];
    assert!(
        received.headers.get("api-version").is_none(),
        "progenitor's own api-version header is dropped"
    );
}

#[tokio::test]
async fn get_contact_and_deactivate_location_use_their_paths_and_methods() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/customers/1/contacts/7"))
        .and(header_exists("authorization"))
        .respond_with(answer(
            support::example(
                "cro",
                "/customers/{customer_id}/contacts/{customer_contact_id}",
                "get",
            ),
            ApiVersion::V2019_02_08,
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/customers/1/locations/2"))
        .and(header("x-tenant-id", "42"))
        .respond_with(answer(
            support::example(
                "cro",
                "/customers/{customer_id}/locations/{customer_location_id}",
                "delete",
            ),
            ApiVersion::V2019_02_08,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server.uri());
    let contact = c.get_contact(1, 7).await.expect("contact");
    assert_eq!(contact.email.as_deref(), Some("shaneduty@gmail.com"));
    let location = c.deactivate_location(1, 2).await.expect("location");
    assert!(!location.is_active);
    assert_eq!(location.id, 1);
}

#[tokio::test]
async fn each_pinned_version_decodes_deactivate_in_its_own_shape() {
    let server = MockServer::start().await;
    let old_shape = support::example(
        "cro",
        "/customers/{customer_id}/locations/{customer_location_id}",
        "delete",
    );
    for version in ApiVersion::ALL {
        server.reset().await;
        let mut body = old_shape.clone();
        if version >= ApiVersion::V2021_04_07 {
            let id = body.as_object_mut().unwrap().remove("customer_id").unwrap();
            body["id"] = id;
        }
        Mock::given(method("DELETE"))
            .and(header("x-api-version", version.as_str()))
            .respond_with(answer(body, version))
            .expect(1)
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token(TOKEN)
            .tenant_id(1)
            .api_version(version)
            .build()
            .unwrap();
        let location = c
            .deactivate_location(1, 1)
            .await
            .unwrap_or_else(|e| panic!("{version}: {e}"));
        assert_eq!(location.id, 1, "{version}");
        assert_eq!(
            location.meta().api_version.as_deref(),
            Some(version.as_str())
        );
    }
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_works() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/cro/customers/1/contacts/1"))
        .respond_with(answer(
            support::example(
                "cro",
                "/customers/{customer_id}/contacts/{customer_contact_id}",
                "get",
            ),
            ApiVersion::V2019_02_08,
        ))
        .expect(1)
        .mount(&server)
        .await;
    client(&format!("{}/cro/", server.uri()))
        .get_contact(1, 1)
        .await
        .expect("prefixed base URL");
}

#[tokio::test]
async fn a_404_with_the_vendor_error_body_carries_status_detail_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-request-id", REQUEST_ID)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_json(json!({"field": "customer_id", "detail": "Not found.", "explanation": "No such customer."})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server.uri()).get_customer(99).await.unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.detail.as_deref(), Some("Not found."));
    assert_eq!(api.field.as_deref(), Some("customer_id"));
    assert_eq!(api.explanation.as_deref(), Some("No such customer."));
    assert_eq!(err.request_id().unwrap().to_string(), REQUEST_ID);
    assert_eq!(
        err.meta().unwrap().api_version.as_deref(),
        Some("2019/02/08")
    );
    assert!(!err.is_retryable());
    let line = err.to_string();
    assert!(
        line.contains("HTTP 404") && line.contains("Not found.") && line.contains(REQUEST_ID),
        "{line}"
    );
    assert!(!line.contains('\n'));
}

#[tokio::test]
async fn an_undeclared_status_with_html_keeps_status_and_an_excerpt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(418)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_string("<html><body>teapot</body></html>"),
        )
        .mount(&server)
        .await;
    let err = client(&server.uri()).get_customer(1).await.unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.status.as_u16(), 418);
    assert!(api.body_excerpt.as_deref().unwrap().contains("teapot"));
}

#[tokio::test]
async fn a_declared_error_status_with_html_keeps_its_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_string("<html>Internal Server Error</html>"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server.uri()).get_customer(1).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert!(err
        .api()
        .unwrap()
        .body_excerpt
        .as_deref()
        .unwrap()
        .contains("Internal Server Error"));
    assert!(!err.is_retryable(), "500 is not retried");
}

#[tokio::test]
async fn a_success_that_does_not_decode_is_a_decode_error_with_an_excerpt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2019/02/08")
                .insert_header("x-request-id", REQUEST_ID)
                .set_body_string("{\"id\": \"one\"}"),
        )
        .mount(&server)
        .await;
    match client(&server.uri()).get_customer(1).await.unwrap_err() {
        Error::Decode {
            expected,
            excerpt,
            meta,
            ..
        } => {
            assert_eq!(expected, "CustomerModel");
            assert!(excerpt.contains("\"one\""));
            assert_eq!(meta.request_id.unwrap().to_string(), REQUEST_ID);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_served_version_other_than_the_pin_is_an_error_naming_both() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer(
            support::example("cro", "/customers/{customer_id}", "get"),
            ApiVersion::V2023_04_19,
        ))
        .mount(&server)
        .await;
    let err = client(&server.uri()).get_customer(1).await.unwrap_err();
    match &err {
        Error::VersionMismatch {
            pinned,
            served,
            meta,
        } => {
            assert_eq!(pinned, "2019/02/08");
            assert_eq!(served, "2023/04/19");
            assert_eq!(meta.request_id.unwrap().to_string(), REQUEST_ID);
        }
        other => panic!("expected a version mismatch, got {other:?}"),
    }
    assert!(err
        .to_string()
        .contains("pinned 2019/02/08, server answered 2023/04/19"));
}

#[tokio::test]
async fn retryable_statuses_are_retried_and_others_are_not() {
    for status in [429u16, 502, 503, 504] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(status).insert_header("x-api-version", "2019/02/08"),
            )
            .up_to_n_times(2)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(answer(
                support::example(
                    "cro",
                    "/customers/{customer_id}/contacts/{customer_contact_id}",
                    "get",
                ),
                ApiVersion::V2019_02_08,
            ))
            .mount(&server)
            .await;
        let contact = client(&server.uri())
            .get_contact(1, 1)
            .await
            .unwrap_or_else(|e| panic!("{status}: {e}"));
        assert_eq!(contact.meta().attempts, 3, "{status}");
        assert_eq!(server.received_requests().await.unwrap().len(), 3);
    }
    for status in [400u16, 401, 403, 404, 406, 409, 500] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(status).insert_header("x-api-version", "2019/02/08"),
            )
            .mount(&server)
            .await;
        let err = client(&server.uri()).get_contact(1, 1).await.unwrap_err();
        assert_eq!(err.status().unwrap().as_u16(), status);
        assert_eq!(err.meta().unwrap().attempts, 1, "{status} is not retried");
        assert_eq!(
            server.received_requests().await.unwrap().len(),
            1,
            "{status}"
        );
    }
}

#[tokio::test]
async fn retries_stop_after_the_configured_attempts_and_can_be_switched_off() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-api-version", "2019/02/08"))
        .mount(&server)
        .await;
    let err = client(&server.uri()).get_customer(1).await.unwrap_err();
    assert_eq!(err.meta().unwrap().attempts, 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-api-version", "2019/02/08"))
        .mount(&server)
        .await;
    let once = support::cro_on(&server.uri(), TOKEN)
        .api_version(ApiVersion::V2019_02_08)
        .build()
        .unwrap();
    let err = once.get_customer(1).await.unwrap_err();
    assert!(err.is_retryable());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_and_capped() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-api-version", "2019/02/08")
                .insert_header("retry-after", "1"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(answer(
            support::example(
                "cro",
                "/customers/{customer_id}/contacts/{customer_contact_id}",
                "get",
            ),
            ApiVersion::V2019_02_08,
        ))
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    client(&server.uri())
        .get_contact(1, 1)
        .await
        .expect("succeeds after waiting");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(950),
        "Retry-After: 1 was not honoured ({waited:?})"
    );

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("x-api-version", "2019/02/08")
                .insert_header("retry-after", "3600"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(answer(
            support::example(
                "cro",
                "/customers/{customer_id}/contacts/{customer_contact_id}",
                "get",
            ),
            ApiVersion::V2019_02_08,
        ))
        .mount(&server)
        .await;
    let capped = support::cro_on(&server.uri(), TOKEN)
        .api_version(ApiVersion::V2019_02_08)
        .retry_policy(fast_retries().max_retry_after(Duration::from_millis(100)))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    capped
        .get_contact(1, 1)
        .await
        .expect("succeeds after the capped wait");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "an hour-long Retry-After was not capped"
    );
}

#[tokio::test]
async fn the_per_attempt_timeout_fires_and_an_idempotent_call_repeats_it_within_its_deadline() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer(json!({}), ApiVersion::V2019_02_08).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let c = Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .tenant_id(1)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = c.get_customer(1).await.unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(err, Error::Timeout { connect: false, .. }),
        "{err:?}"
    );
    assert_eq!(err.meta().map(|m| m.attempts), Some(3), "{err:?}");
    assert!(
        took >= Duration::from_millis(750) && took < Duration::from_secs(5),
        "{took:?}"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "an idempotent GET whose attempt timed out is repeated"
    );

    // Within the call's deadline: 500 ms leaves room for one attempt and part of another.
    let bounded = Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .tenant_id(1)
        .timeout(Duration::from_millis(300))
        .operation_timeout(Duration::from_millis(500))
        .retry_policy(RetryPolicy::default().initial_delay(Duration::from_millis(10)))
        .build()
        .unwrap();
    let before = server.received_requests().await.unwrap().len();
    let started = std::time::Instant::now();
    let err = bounded.get_customer(1).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    let sent = server.received_requests().await.unwrap().len() - before;
    assert_eq!(sent, 2, "one attempt, then one cut short by the deadline");

    // A request that is not idempotent (the escape hatch's POST) is not repeated: the server
    // may have acted on it.
    Mock::given(method("POST"))
        .respond_with(answer(json!({}), ApiVersion::V2019_02_08).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let before = server.received_requests().await.unwrap().len();
    let err = c
        .request::<serde_json::Value>(reqwest::Method::POST, "/customers", Some(&json!({})))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Timeout { connect: false, .. }),
        "{err:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len() - before, 1);
}

#[tokio::test]
async fn connection_refused_is_a_retried_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let err = client(&format!("http://{addr}"))
        .get_customer(1)
        .await
        .unwrap_err();
    match &err {
        Error::Transport {
            connect: true,
            meta,
            ..
        } => assert_eq!(meta.attempts, 3),
        other => panic!("expected a connect error, got {other:?}"),
    }
    assert!(err.is_retryable());
}
