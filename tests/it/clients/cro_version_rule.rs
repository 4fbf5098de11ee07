//! CRO's version rule for answers CRO may not have written: another, repeated or unreadable
//! `x-api-version` is a mismatch on every status; a missing one is a mismatch on a 2xx only,
//! and on an error status the status decides (a gateway's 503 is retried, a 404 is not found).

use std::time::Duration;

use customer_apis::{cro, Error, ErrorKind, RetryPolicy};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const PIN: &str = "2023/04/19";

async fn answering(template: ResponseTemplate) -> (MockServer, cro::Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(template)
        .mount(&server)
        .await;
    let client = crate::support::cro_on(&server.uri(), "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(3)
                .initial_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    (server, client)
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn a_gateways_503_without_the_header_is_retried_as_documented() {
    let (server, client) =
        answering(ResponseTemplate::new(503).set_body_string("<html>Service Unavailable</html>"))
            .await;
    let e = client.get_customer(1).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unavailable, "{e}");
    assert!(e.is_retryable());
    assert_eq!(e.meta().unwrap().attempts, 3);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn a_404_without_the_header_is_not_found_for_the_escape_hatch_too() {
    let (server, client) = answering(ResponseTemplate::new(404).set_body_string("Not Found")).await;
    let e = client.get_customer(1).await.unwrap_err();
    assert!(e.is_not_found(), "{e}");
    let e = client
        .request::<serde_json::Value>(reqwest::Method::GET, "/no/such/endpoint", None)
        .await
        .unwrap_err();
    assert!(e.is_not_found(), "{e}");
    assert_eq!(requests(&server).await, 2, "a 404 is not retried");
}

#[tokio::test]
async fn a_missing_header_on_a_success_is_still_a_mismatch() {
    let (_server, client) = answering(ResponseTemplate::new(200).set_body_string("{}")).await;
    let e = client.get_customer(1).await.unwrap_err();
    let Error::VersionMismatch { pinned, served, .. } = &e else {
        panic!("{e:?}");
    };
    assert_eq!(
        (pinned.as_str(), served.as_str()),
        (PIN, "no x-api-version header")
    );
}

#[tokio::test]
async fn another_repeated_or_unreadable_version_is_a_mismatch_on_every_status() {
    let cases: [(u16, ResponseTemplate, &str); 4] = [
        (
            404,
            ResponseTemplate::new(404).insert_header("x-api-version", "2019/02/08"),
            "2019/02/08",
        ),
        (
            503,
            ResponseTemplate::new(503)
                .append_header("x-api-version", PIN)
                .append_header("x-api-version", PIN),
            "2 x-api-version headers",
        ),
        (
            500,
            ResponseTemplate::new(500).insert_header(
                "x-api-version",
                reqwest::header::HeaderValue::from_bytes(b"2023/04/19\xe9").unwrap(),
            ),
            "an unreadable x-api-version",
        ),
        (
            200,
            ResponseTemplate::new(200).insert_header("x-api-version", "2019/02/08"),
            "2019/02/08",
        ),
    ];
    for (status, template, said) in cases {
        let (server, client) = answering(template).await;
        let e = client.get_customer(1).await.unwrap_err();
        let Error::VersionMismatch { served, .. } = &e else {
            panic!("{status}: {e:?}");
        };
        assert_eq!(served, said, "{status}");
        assert_eq!(
            requests(&server).await,
            1,
            "{status}: a mismatch is not retried"
        );
    }
}
