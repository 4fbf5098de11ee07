//! What a hostile or broken server and a careless caller found, each pinned by a test that
//! failed before its fix: path parameters that climb out of their segment, the loopback
//! guard, CRO's token rule, token expiries that overflow the clock, Foxtrot's envelope status,
//! PDM's nested retries and the whole-call deadline, the CRO version pin on every status,
//! decode errors that name the field, unbounded vendor text, and misleading errors.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::{self, example, fast};
use customer_apis::cro;
use customer_apis::pdm::{self, CustomerLookup};
use customer_apis::{foxtrot, Error, FoxtrotCode, RefreshingToken, RetryPolicy, VendorCode};
use proptest::prelude::*;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl";
const PIN: &str = "2023/04/19";

fn cro_client(server: &MockServer) -> cro::Client {
    support::cro_on(&server.uri(), TOKEN)
        .retry_policy(fast(3))
        .build()
        .unwrap()
}

fn foxtrot_client(base: &str) -> foxtrot::Client {
    support::foxtrot_on(base, "fox-key")
        .retry_policy(fast(3))
        .build()
        .unwrap()
}

// 1. Path parameters stay one segment each.

/// The path segments of a request after `prefix`, percent-decoded.
fn segments_after(request: &Request, prefix: &str) -> Vec<String> {
    let path = request.url.path();
    assert!(path.starts_with(prefix), "{path} escaped {prefix}");
    path[prefix.len()..]
        .trim_start_matches('/')
        .split('/')
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .unwrap()
                .into_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_backslash_in_a_foxtrot_id_stays_inside_its_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"status": "error", "data": {"code": 404, "message": "no such customer"}}),
        ))
        .mount(&server)
        .await;
    let client = foxtrot_client(&format!("{}/api/v1", server.uri()));
    for id in [r"..\..\..\..\admin\users", r"c\..\..\x", r"\", r"a\b"] {
        let err = client.get_customer("DC", id).await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{id}");
    }
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 4);
    for (request, id) in
        received
            .iter()
            .zip([r"..\..\..\..\admin\users", r"c\..\..\x", r"\", r"a\b"])
    {
        assert_eq!(
            segments_after(request, "/api/v1"),
            ["dcs", "DC", "customers", id]
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// For any id, the request's path starts with the base URL's prefix and has exactly the
    /// documented segments, each id decoding back to itself; `.`, `..`, empty ids and control
    /// characters are refused before sending.
    #[test]
    fn any_foxtrot_id_is_exactly_one_segment_under_the_prefix(
        dc in "[a-zA-Z0-9./\\\\%?#;:@&=+$, é€\u{7f}\t-]{0,12}",
        customer in "[a-zA-Z0-9./\\\\%?#;:@&=+$, é€\u{0}-]{0,12}",
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(200).set_body_json(
                    example("foxtrot", "/dcs/{dc_id}/customers/{customer_id}/waypoints", "get"),
                ))
                .mount(&server)
                .await;
            let client = foxtrot_client(&format!("{}/gw/fox", server.uri()));
            let refused = |id: &str| {
                id.is_empty() || id == "." || id == ".." || id.chars().any(char::is_control)
            };
            let result = client.get_waypoints(&dc, &customer).await;
            let received = server.received_requests().await.unwrap();
            if refused(&dc) || refused(&customer) {
                prop_assert!(matches!(result, Err(Error::InvalidInput { .. })), "{result:?}");
                prop_assert_eq!(received.len(), 0);
            } else {
                prop_assert!(result.is_ok(), "{:?}", result);
                prop_assert_eq!(received.len(), 1);
                prop_assert_eq!(
                    segments_after(&received[0], "/gw/fox"),
                    vec!["dcs".to_owned(), dc.clone(), "customers".to_owned(), customer.clone(), "waypoints".to_owned()]
                );
            }
            Ok(())
        })?;
    }
}

// 3. The plaintext guard: only loopback IP literals and `localhost` itself.

#[test]
fn only_loopback_literals_and_localhost_count_as_loopback() {
    let build = |url: &str| {
        foxtrot::Client::builder()
            .base_url(url)
            .api_key("k")
            .build()
    };
    for url in [
        "http://x.localhost",
        "http://evil.localhost:8080",
        "http://127.0.0.1.example.com",
        "http://localhost.example.com",
        "http://10.0.0.1",
    ] {
        match build(url) {
            Err(Error::InvalidInput { field, rule }) => {
                assert_eq!(field, "base_url", "{url}");
                assert!(rule.contains("plain http"), "{url}: {rule}");
            }
            other => panic!("{url} must be refused, got {other:?}"),
        }
    }
    for url in [
        "http://localhost:9",
        "http://LOCALHOST",
        "http://127.0.0.1:9",
        "http://127.9.9.9",
        "http://[::1]:9",
        "http://0x7f.1",
    ] {
        build(url).unwrap_or_else(|e| panic!("{url} is loopback: {e}"));
    }
}

// 4. A token endpoint cannot panic the caller.

#[tokio::test]
async fn an_expiry_past_the_clock_or_a_huge_refresh_margin_does_not_panic() {
    for (expires_in, early) in [
        (u64::MAX, Duration::from_secs(60)),
        (u64::MAX / 2, Duration::from_secs(60)),
        (3600, Duration::MAX),
        (u64::MAX, Duration::MAX),
    ] {
        let auth = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"access_token": "a.b.c", "expires_in": expires_in, "token_type": "Bearer"}),
            ))
            .mount(&auth)
            .await;
        let api = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("x-api-version", PIN)
                    .set_body_json(example("cro", "/customers/{customer_id}", "get")),
            )
            .mount(&api)
            .await;
        let client = cro::Client::builder()
            .base_url(api.uri())
            .refreshing_token(
                RefreshingToken::builder(format!("{}/token", auth.uri()), "client", "refresh")
                    .refresh_early(early),
            )
            .tenant_id(1)
            .build()
            .unwrap();
        for _ in 0..2 {
            client
                .get_customer(1)
                .await
                .unwrap_or_else(|e| panic!("expires_in {expires_in}, early {early:?}: {e}"));
        }
        let fetches = auth.received_requests().await.unwrap().len();
        // A margin larger than a lifetime renews on every call; an expiry past the clock is
        // none, so the token lasts.
        let want = if early == Duration::MAX && expires_in == 3600 {
            2
        } else {
            1
        };
        assert_eq!(fetches, want, "expires_in {expires_in}, early {early:?}");
    }
}

// 5. CRO's token must be header-safe.

#[test]
fn a_cro_token_must_be_visible_ascii_without_spaces_or_a_second_scheme() {
    for (token, rule) in [
        ("Bearer Bearer x.y", "space"),
        ("Bearer x.y z", "space"),
        ("x.y\u{20ac}z", "visible ASCII"),
        ("x.yé", "visible ASCII"),
        ("x.y\tz", "control characters"),
    ] {
        match cro::Client::builder()
            .bearer_token(token)
            .tenant_id(1)
            .build()
        {
            Err(Error::InvalidInput { field, rule: got }) => {
                assert_eq!(field, "bearer_token", "{token:?}");
                assert!(got.contains(rule), "{token:?}: {got}");
                assert!(!got.contains('\u{20ac}') && !got.contains('é'));
            }
            other => panic!("{token:?} must be refused, got {other:?}"),
        }
    }
    cro::Client::builder()
        .bearer_token("Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
        .tenant_id(1)
        .build()
        .expect("one scheme, then a token");
}

// 6. Foxtrot's envelope status.

async fn foxtrot_answering(body: Value, status: u16) -> (MockServer, foxtrot::Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    let client = foxtrot_client(&server.uri());
    (server, client)
}

#[tokio::test]
async fn foxtrot_envelope_status_decides_success_pending_or_error() {
    let customer = example("foxtrot", "/dcs/{dc_id}/customers/{customer_id}", "get");
    let data = customer["data"].clone();

    let (_s, client) = foxtrot_answering(json!({"status": "error", "data": data}), 200).await;
    let err = client.get_customer("DC", "c").await.unwrap_err();
    let api = err.api().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(api.status.as_u16(), 200);
    assert!(api.detail.as_deref().unwrap().contains("error"));

    let (_s, client) =
        foxtrot_answering(json!({"status": "error", "data": {"waypoints": []}}), 200).await;
    let err = client.get_waypoints("DC", "c").await.unwrap_err();
    assert!(err.api().is_some(), "an error lost: {err:?}");

    let (_s, client) = foxtrot_answering(
        json!({"status": "error", "data": {"code": 7001, "message": "Customer location not confident."}}),
        200,
    )
    .await;
    for err in [
        client.get_confident_location("DC", "c").await.unwrap_err(),
        client.get_customer("DC", "c").await.unwrap_err(),
        client.get_waypoints("DC", "c").await.unwrap_err(),
    ] {
        let api = err.api().unwrap_or_else(|| panic!("{err:?}"));
        assert_eq!(
            api.code,
            Some(VendorCode::from(FoxtrotCode::LocationNotConfident))
        );
        assert_eq!(
            api.detail.as_deref(),
            Some("Customer location not confident.")
        );
    }

    let (server, client) = foxtrot_answering(json!({"status": "pending", "data": data}), 200).await;
    let err = client.get_customer("DC", "c").await.unwrap_err();
    assert!(
        matches!(&err, Error::Pending { meta, .. } if meta.attempts == 1),
        "{err:?}"
    );
    assert!(!err.is_retryable());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let (_s, client) = foxtrot_answering(json!({"status": "weird", "data": data}), 200).await;
    match client.get_customer("DC", "c").await.unwrap_err() {
        Error::Decode { reason, .. } => assert!(reason.contains("\"weird\""), "{reason}"),
        other => panic!("an unknown status is not success: {other:?}"),
    }

    let (_s, client) = foxtrot_answering(json!({"status": "success", "data": data}), 200).await;
    assert_eq!(
        client.get_customer("DC", "c").await.unwrap().id,
        data["customer"]["id"].as_str().unwrap()
    );
}

// 7. PDM: one call, one retry budget; the whole-call deadline.

fn session_answer() -> Value {
    support::pdm_session_answer("9001|s|0001")
}

fn pdm_client(server: &MockServer, policy: RetryPolicy) -> pdm::ClientBuilder {
    support::pdm_on(&server.uri(), "pdm-key").retry_policy(policy)
}

#[tokio::test]
async fn a_failing_session_request_uses_the_calls_budget_not_its_own() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = pdm_client(&server, fast(3)).build().unwrap();
    let err = client
        .get_customer(&CustomerLookup::id(1))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(err.meta().unwrap().attempts, 3);
    assert_eq!(err.meta().unwrap().requests, 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    // PDM's rate-limit code on GetSessionToken: the same budget.
    server.reset().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": {"code": 205, "details": "slow down"}})),
        )
        .mount(&server)
        .await;
    let err = client
        .get_customer(&CustomerLookup::id(1))
        .await
        .unwrap_err();
    assert_eq!(err.meta().unwrap().attempts, 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_huge_retry_after_is_not_waited_past_the_deadline() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1000000000"))
        .mount(&server)
        .await;
    let client = pdm_client(&server, fast(3))
        .operation_timeout(Duration::from_secs(3))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client
        .get_customer(&CustomerLookup::id(1))
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert_eq!(err.meta().unwrap().attempts, 1);
}

#[tokio::test]
async fn the_operation_timeout_bounds_the_whole_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session_answer()))
        .mount(&server)
        .await;
    // Each attempt is within its own timeout; together they are not.
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(400)))
        .mount(&server)
        .await;
    let client = pdm_client(&server, fast(10))
        .timeout(Duration::from_secs(2))
        .operation_timeout(Duration::from_millis(1000))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client
        .get_customer(&CustomerLookup::id(1))
        .await
        .unwrap_err();
    let took = started.elapsed();
    // The deadline, plus slack for a loaded machine's timers; far below the 10 attempts'
    // 4 s that each attempt's own timeout allows.
    assert!(
        took >= Duration::from_millis(1000) && took < Duration::from_millis(2500),
        "{took:?}"
    );
    match &err {
        Error::Timeout {
            message,
            connect,
            meta,
            ..
        } => {
            assert!(message.contains("deadline"), "{message}");
            assert!(!connect);
            let sent = server.received_requests().await.unwrap().len() as u32;
            assert_eq!(meta.requests, sent);
            // How many attempts fit in the deadline depends on the machine's timing; at least
            // the second started (each takes 400 ms).
            assert!(meta.attempts >= 2, "{meta:?}");
        }
        other => panic!("expected the deadline's timeout, got {other:?}"),
    }
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn a_202_renewal_reports_every_attempt_and_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session_answer()))
        .mount(&server)
        .await;
    let customer = example("pdm", "/GetCustomer", "post");
    assert_eq!(customer["status"]["code"], json!(101), "an OK example");
    let calls = Arc::new(AtomicU32::new(0));
    let seen = calls.clone();
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(move |_: &Request| {
            if seen.fetch_add(1, Ordering::SeqCst) == 0 {
                ResponseTemplate::new(200)
                    .set_body_json(json!({"status": {"code": 202, "details": "expired"}}))
            } else {
                ResponseTemplate::new(200).set_body_json(customer.clone())
            }
        })
        .mount(&server)
        .await;
    let client = pdm_client(&server, fast(3)).build().unwrap();
    let answer = client.get_customer(&CustomerLookup::id(1)).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
    assert_eq!(answer.meta().attempts, 2);
    assert_eq!(answer.meta().requests, 4);
    assert!(answer.meta().to_string().contains("2 attempts, 4 requests"));
}

// 8. The CRO version pin, checked first. A missing header on an error status is no longer a
// mismatch (an answer CRO may not have written: its status decides); see
// `clients::cro_version_rule`.

#[tokio::test]
async fn a_missing_version_on_a_success_or_a_repeated_unreadable_or_other_one_is_a_mismatch() {
    let customer = example("cro", "/customers/{customer_id}", "get");
    let another_shape = json!({"id": 1, "full_name": "x"});
    let cases: Vec<(&str, ResponseTemplate, &str)> = vec![
        (
            "200 without the header",
            ResponseTemplate::new(200).set_body_json(&customer),
            "no x-api-version header",
        ),
        (
            "200 with a non-ASCII value",
            ResponseTemplate::new(200)
                .insert_header(
                    "x-api-version",
                    http::HeaderValue::from_bytes("2023/04/19\u{20ac}".as_bytes()).unwrap(),
                )
                .set_body_json(&customer),
            "unreadable",
        ),
        (
            "200 with two headers",
            ResponseTemplate::new(200)
                .append_header("x-api-version", PIN)
                .append_header("x-api-version", "2019/02/08")
                .set_body_json(&customer),
            "2 x-api-version headers",
        ),
        (
            "a body of another version's shape",
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_json(&another_shape),
            "2019/02/08",
        ),
    ];
    for (case, template, served) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(template)
            .mount(&server)
            .await;
        match cro_client(&server).get_customer(1).await.unwrap_err() {
            Error::VersionMismatch {
                pinned,
                served: got,
                meta,
            } => {
                assert_eq!(pinned, PIN, "{case}");
                assert!(got.contains(served), "{case}: {got}");
                assert_eq!(meta.attempts, 1, "{case}");
            }
            other => panic!("{case}: expected a version mismatch, got {other:?}"),
        }
    }
}

// 10. Decode errors name the field.

#[tokio::test]
async fn a_decode_error_names_the_json_path_of_the_field() {
    let mut customer = example("cro", "/customers/{customer_id}", "get");
    customer["addresses"][0]["latitude"] = json!("north");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .set_body_json(&customer),
        )
        .mount(&server)
        .await;
    match cro_client(&server).get_customer(1).await.unwrap_err() {
        Error::Decode { reason, .. } => {
            assert!(reason.starts_with("addresses[0].latitude: "), "{reason}")
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// 11. Vendor text is capped.

#[tokio::test]
async fn a_huge_detail_or_served_version_is_capped() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-api-version", PIN)
                .set_body_json(
                    json!({"detail": "d".repeat(4_000_000), "field": "f".repeat(10_000)}),
                ),
        )
        .mount(&server)
        .await;
    let err = cro_client(&server).get_customer(1).await.unwrap_err();
    let api = err.api().unwrap();
    assert!(api.detail.as_ref().unwrap().len() <= 203);
    assert!(api.field.as_ref().unwrap().len() <= 203);
    assert!(err.to_string().len() < 1000, "{}", err.to_string().len());

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "9".repeat(5000).as_str())
                .set_body_json(example("cro", "/customers/{customer_id}", "get")),
        )
        .mount(&server)
        .await;
    let err = cro_client(&server).get_customer(1).await.unwrap_err();
    assert!(matches!(err, Error::VersionMismatch { .. }));
    assert!(err.to_string().len() < 600, "{}", err.to_string().len());
    assert!(err.meta().unwrap().api_version.as_ref().unwrap().len() <= 67);
}

// 12. Errors that say what happened.

#[tokio::test]
async fn errors_say_what_happened() {
    // A CRO 404 in another JSON shape keeps its body.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-api-version", PIN)
                .set_body_json(json!({"message": "no customer 7 here"})),
        )
        .mount(&server)
        .await;
    let err = cro_client(&server).get_customer(7).await.unwrap_err();
    assert!(
        err.api()
            .unwrap()
            .body_excerpt
            .as_deref()
            .unwrap()
            .contains("no customer 7 here"),
        "{err:?}"
    );

    // Empty vendor fields are not printed as `(field )`.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-api-version", PIN)
                .set_body_json(json!({"detail": "bad", "field": "", "explanation": " "})),
        )
        .mount(&server)
        .await;
    let line = cro_client(&server)
        .get_customer(7)
        .await
        .unwrap_err()
        .to_string();
    assert!(line.starts_with("CRO answered HTTP 400: bad ["), "{line}");

    // A 503 with a body over the cap is still the retried 503.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("x-api-version", PIN)
                .set_body_string("x".repeat(8192)),
        )
        .mount(&server)
        .await;
    let capped = support::cro_on(&server.uri(), TOKEN)
        .retry_policy(fast(2))
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = capped.get_customer(7).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(err.meta().unwrap().attempts, 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    // PDM 101 without `customer`: the message does not quote an empty body.
    let pdm = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session_answer()))
        .mount(&pdm)
        .await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": {"code": 101, "details": "OK"}})),
        )
        .mount(&pdm)
        .await;
    let line = pdm_client(&pdm, fast(1))
        .build()
        .unwrap()
        .get_customer(&CustomerLookup::id(1))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        line.contains("without `customer`") && !line.contains("body starts"),
        "{line}"
    );

    // An empty session token from GetSessionToken is not sent on.
    pdm.reset().await;
    let mut empty = session_answer();
    empty["session"]["session_token"] = json!("");
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(empty))
        .mount(&pdm)
        .await;
    let err = pdm_client(&pdm, fast(3))
        .build()
        .unwrap()
        .get_customer(&CustomerLookup::id(1))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode { reason, .. } if reason.contains("session_token is empty")),
        "{err:?}"
    );
    let sent = pdm.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url.path(), "/GetSessionToken");
}

#[tokio::test]
async fn a_slow_capped_body_does_not_name_a_placeholder_url() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // A chunked answer (no length, so the layer caps it as it reads) that stalls mid-body.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        let head = format!(
            "HTTP/1.1 200 OK\r\nx-api-version: {PIN}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{{\"\r\n"
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        tokio::time::sleep(Duration::from_secs(5)).await;
    });
    let client = support::cro_on(&format!("http://{addr}"), TOKEN)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client.get_customer(1).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(!err.to_string().contains("no.url.provided"), "{err}");
}
