//! No credential appears in any `Debug`, `Display` or log line over full PDM and Foxtrot flows
//! (`cro_secrets` covers CRO): success, every error kind, retries, and PDM's session
//! renewal after 202. A TRACE-level subscriber, installed process-wide with the `log` bridge
//! (checked: reqwest's `log` lines are in the capture), captures everything the SDK and its
//! HTTP stack log; every value and error shown along the way is captured too; then the capture
//! is searched for every secret and a fragment of each.
//!
//! `cargo test --test it -- secrets::secrets_all_vendors --nocapture` prints what was captured
//! and how many leaks were found.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::support;
use crate::support::secrets::{assert_shown, leaks, logs, Shown, LOG_BRIDGE_MARKER};
use customer_apis::foxtrot;
use customer_apis::pdm::{self, CustomerLookup};
use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, header, method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const PDM_KEY: &str = "pdm-key-Q7ZX3-a81f";
const SESSION_ONE: &str = "9001|sess-K2PW8-one|0001";
const SESSION_TWO: &str = "9001|sess-K2PW8-two|0002";
const FIXED_SESSION: &str = "9001|fixed-M4RT6|0003";
const ECHOED_SESSION: &str = "9001|sess-V9QJ1-bad-expiry|0004";
const FOX_KEY: &str = "fox-key-H3NB5-77c0";

/// Every secret, and a fragment of each that nothing else contains.
const SECRETS: [&str; 12] = [
    PDM_KEY,
    SESSION_ONE,
    SESSION_TWO,
    FIXED_SESSION,
    ECHOED_SESSION,
    FOX_KEY,
    "Q7ZX3",
    "K2PW8",
    "M4RT6",
    "V9QJ1",
    "H3NB5",
    // Not a bare hex fragment: the shared capture holds other tests' random request ids.
    "X3-a81f",
];

fn pdm_customer() -> Value {
    support::example("pdm", "/GetCustomer", "post")
}

fn pdm_status(code: i64) -> Value {
    json!({"status": {"code": code, "details": format!("details of {code}")}})
}

fn expiry(from_now: chrono::Duration) -> String {
    (chrono::Utc::now() + from_now)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// GetSessionToken for PDM_KEY: SESSION_ONE, then SESSION_TWO for every later call.
async fn sessions(server: &MockServer) {
    let issued = Arc::new(AtomicU32::new(0));
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .and(body_partial_json(
            json!({"company_id": 9001, "key": PDM_KEY}),
        ))
        .respond_with(move |_: &Request| {
            let token = if issued.fetch_add(1, Ordering::SeqCst) == 0 {
                SESSION_ONE
            } else {
                SESSION_TWO
            };
            ResponseTemplate::new(200).set_body_json(support::pdm_session_answer(token))
        })
        .mount(server)
        .await;
}

fn pdm_client(server: &MockServer) -> pdm::Client {
    support::pdm_on(&server.uri(), PDM_KEY)
        .retry_policy(support::fast(3))
        .timeout(Duration::from_millis(400))
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap()
}

#[tokio::test]
async fn pdm_no_api_key_or_session_token_in_debug_display_or_trace_logs() {
    let logs = logs();
    let mut shown = Shown::default();

    // 1. Success, and session renewal after 202: the first session is refused once.
    let server = MockServer::start().await;
    sessions(&server).await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .and(body_partial_json(json!({"session_token": SESSION_ONE})))
        .respond_with(ResponseTemplate::new(200).set_body_json(pdm_status(202)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(ResponseTemplate::new(200).set_body_json(pdm_customer()))
        .mount(&server)
        .await;
    let client = pdm_client(&server);
    shown.push(format!("{client:?}"));
    shown.result(
        "renewed after 202",
        &client.get_customer(&CustomerLookup::id(1408)).await,
    );
    shown.result(
        "by reference",
        &client
            .get_customer(&CustomerLookup::external_ref("EXTREF164736"))
            .await,
    );
    shown.result("get_session_token", &client.get_session_token().await);
    let received = server.received_requests().await.unwrap();
    let bodies: Vec<String> = received
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    // The secrets really went over the wire, in the bodies only.
    assert!(bodies.iter().any(|b| b.contains(PDM_KEY)), "{bodies:?}");
    assert!(bodies.iter().any(|b| b.contains(SESSION_ONE)));
    assert!(bodies.iter().any(|b| b.contains(SESSION_TWO)));

    // 2. Every status code, every HTTP failure, by customer id.
    let server = MockServer::start().await;
    sessions(&server).await;
    let customer = pdm_customer();
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(move |request: &Request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
            let id = body["customer_id"].as_i64().unwrap_or(0);
            match id {
                600 => ResponseTemplate::new(500).set_body_string("<html>Internal error</html>"),
                601 => ResponseTemplate::new(503),
                602 => ResponseTemplate::new(200).set_body_string("<html>not JSON</html>"),
                603 => ResponseTemplate::new(200)
                    .set_body_json(json!({"status": {"code": 101, "details": "OK"}})),
                604 => ResponseTemplate::new(200)
                    .set_body_json(customer.clone())
                    .set_delay(Duration::from_secs(2)),
                605 => ResponseTemplate::new(200).set_body_string(" ".repeat(100 * 1024)),
                606 => ResponseTemplate::new(429).insert_header("retry-after", "0"),
                607 => ResponseTemplate::new(400).set_body_json(json!({"echo": body})),
                code => ResponseTemplate::new(200).set_body_json(pdm_status(code)),
            }
        })
        .mount(&server)
        .await;
    let client = pdm_client(&server);
    for id in [
        201, 202, 204, 205, 301, 302, 303, 401, 500, 999, 600, 601, 602, 603, 604, 605, 606, 607,
    ] {
        shown.result(
            &format!("customer {id}"),
            &client.get_customer(&CustomerLookup::id(id)).await,
        );
    }

    // 3. GetSessionToken failures: a malformed answer that carries the new session token,
    // the key refused, the key echoed back in an error page, a 503 that stays.
    let server = MockServer::start().await;
    let expires = expiry(chrono::Duration::hours(1));
    Mock::given(path("/GetSessionToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": {"code": 101, "details": "OK"},
            "session": {"session_token": ECHOED_SESSION, "expires_local_datetime": 20240101, "expires_utc_datetime": expires}
        })))
        .mount(&server)
        .await;
    shown.result(
        "session answer that does not decode",
        &pdm_client(&server)
            .get_customer(&CustomerLookup::id(1))
            .await,
    );
    for (name, template) in [
        (
            "key refused",
            ResponseTemplate::new(200).set_body_json(pdm_status(202)),
        ),
        (
            "key echoed in a 400",
            ResponseTemplate::new(400).set_body_json(
                json!({"error": "bad request", "request": {"company_id": 9001, "key": PDM_KEY}}),
            ),
        ),
        ("503 every time", ResponseTemplate::new(503)),
        (
            "101 without a session",
            ResponseTemplate::new(200).set_body_json(pdm_status(101)),
        ),
    ] {
        let server = MockServer::start().await;
        Mock::given(path("/GetSessionToken"))
            .respond_with(template)
            .mount(&server)
            .await;
        shown.result(
            name,
            &pdm_client(&server)
                .get_customer(&CustomerLookup::id(1))
                .await,
        );
    }

    // 4. A fixed session token: refused (202, not renewed), and a connection refused.
    let server = MockServer::start().await;
    Mock::given(path("/GetCustomer"))
        .and(body_partial_json(json!({"session_token": FIXED_SESSION})))
        .respond_with(ResponseTemplate::new(200).set_body_json(pdm_status(202)))
        .expect(1)
        .mount(&server)
        .await;
    let fixed = pdm::Client::builder()
        .base_url(server.uri())
        .company_id(9001)
        .session_token(FIXED_SESSION)
        .retry_policy(support::fast(3))
        .build()
        .unwrap();
    shown.push(format!("{fixed:?}"));
    shown.result(
        "fixed session refused",
        &fixed.get_customer(&CustomerLookup::id(1)).await,
    );
    shown.result(
        "fixed session cannot renew",
        &fixed.get_session_token().await,
    );
    let closed = support::pdm_on("http://127.0.0.1:9", PDM_KEY)
        .retry_policy(support::fast(3))
        .build()
        .unwrap();
    shown.result(
        "connection refused",
        &closed.get_customer(&CustomerLookup::id(1)).await,
    );

    // 5. Settings refused, builders, and the secret types themselves.
    for (name, builder) in [
        (
            "key with CR LF",
            pdm::Client::builder().api_key(format!("{PDM_KEY}\r\nx")),
        ),
        (
            "session with NUL",
            pdm::Client::builder().session_token(format!("{FIXED_SESSION}\0")),
        ),
    ] {
        let builder = builder.base_url("https://pdm.example.com").company_id(9001);
        shown.push(format!("{builder:?}"));
        shown.result(name, &builder.build().map(drop));
    }
    shown.push(format!(
        "{:?}",
        pdm::Client::builder()
            .api_key(PDM_KEY)
            .session_token(FIXED_SESSION)
    ));
    let key = pdm::ApiKey::new(PDM_KEY);
    let session = pdm::SessionToken::new(SESSION_ONE);
    shown.push(format!("{key} {key:?} {session} {session:?}"));
    let request: pdm::types::GetCustomerRequest = serde_json::from_value(
        json!({"company_id": 9001, "session_token": SESSION_ONE, "customer_id": 1}),
    )
    .unwrap();
    let key_request: pdm::types::GetSessionTokenRequest =
        serde_json::from_value(json!({"company_id": 9001, "key": PDM_KEY})).unwrap();
    let answer: pdm::types::GetSessionTokenResponse = serde_json::from_value(json!({
        "status": {"code": 101, "details": "OK"},
        "session": {"session_token": SESSION_TWO, "expires_local_datetime": "x", "expires_utc_datetime": "y"}
    }))
    .unwrap();
    shown.push(format!("{request:?} {key_request:?} {answer:?}"));

    let logs = logs.text();
    let found = leaks(&SECRETS, &shown, &logs);
    eprintln!(
        "PDM: {} values and errors shown, {} log lines captured, {found} leaks found",
        shown.0.len(),
        logs.lines().count()
    );
    assert_eq!(found, 0, "credentials leaked into Debug/Display/logs");
    assert_shown(
        &shown.all(&logs),
        &[
            LOG_BRIDGE_MARKER,
            "customer_apis.call",
            "GetSessionToken",
            "credential refreshed",
            "credentials rejected",
            "retrying",
            "code 202",
            "code 205",
            "code 401",
            "code 999",
            "HTTP 500",
            "HTTP 503",
            "HTTP 429",
            "HTTP 400",
            "could not decode",
            "timed out",
            "exceeds",
            "transport error",
            "invalid api_key",
            "invalid session_token",
            "[REDACTED]",
        ],
    );
}

#[tokio::test]
async fn foxtrot_no_api_key_in_debug_display_or_trace_logs() {
    let logs = logs();
    let mut shown = Shown::default();
    let example = |p: &str| support::example("foxtrot", p, "get");
    let error = |code: i64, message: &str| json!({"status": "error", "data": {"code": code, "message": message}});
    let server = MockServer::start().await;
    let bearer = format!("Bearer {FOX_KEY}");
    let mut routes: Vec<(&str, ResponseTemplate)> = vec![
        (
            "/dcs/dc/customers/ok",
            ResponseTemplate::new(200)
                .set_body_json(example("/dcs/{dc_id}/customers/{customer_id}")),
        ),
        (
            "/dcs/dc/customers/ok/confident-location",
            ResponseTemplate::new(200).set_body_json(example(
                "/dcs/{dc_id}/customers/{customer_id}/confident-location",
            )),
        ),
        (
            "/dcs/dc/customers/ok/waypoints",
            ResponseTemplate::new(200)
                .set_body_json(example("/dcs/{dc_id}/customers/{customer_id}/waypoints")),
        ),
        (
            "/dcs/dc/customers/enveloped/waypoints",
            ResponseTemplate::new(200).set_body_json(json!({
                "status": "success",
                "data": example("/dcs/{dc_id}/customers/{customer_id}/waypoints")
            })),
        ),
        (
            "/dcs/dc/customers/unsure/confident-location",
            ResponseTemplate::new(400)
                .set_body_json(error(7001, "Customer location not confident")),
        ),
        (
            "/dcs/dc/customers/badkey",
            ResponseTemplate::new(401).set_body_json(error(401, "API key is invalid")),
        ),
        (
            "/dcs/dc/customers/nodc",
            ResponseTemplate::new(403).set_body_json(error(403, "no permission")),
        ),
        (
            "/dcs/dc/customers/nobody",
            ResponseTemplate::new(404).set_body_json(error(404, "no such customer")),
        ),
        (
            "/dcs/dc/customers/html",
            ResponseTemplate::new(500).set_body_string("<html>Internal Server Error</html>"),
        ),
        ("/dcs/dc/customers/unavailable", ResponseTemplate::new(503)),
        (
            "/dcs/dc/customers/limited",
            ResponseTemplate::new(429).insert_header("retry-after", "0"),
        ),
        (
            "/dcs/dc/customers/garbage",
            ResponseTemplate::new(200).set_body_string("{\"data\": 1}"),
        ),
        (
            "/dcs/dc/customers/huge",
            ResponseTemplate::new(200).set_body_string(" ".repeat(100 * 1024)),
        ),
        (
            "/dcs/dc/customers/slow",
            ResponseTemplate::new(200)
                .set_body_json(example("/dcs/{dc_id}/customers/{customer_id}"))
                .set_delay(Duration::from_secs(2)),
        ),
    ];
    // A gateway that echoes the request headers in its error page.
    routes.push((
        "/dcs/dc/customers/echo",
        ResponseTemplate::new(400).set_body_json(json!({
            "message": "bad request",
            "headers": {"Authorization": bearer.clone(), "Accept": "application/json"}
        })),
    ));
    for (route, template) in routes {
        Mock::given(method("GET"))
            .and(path(route))
            .and(header("authorization", bearer.as_str()))
            .respond_with(template)
            .mount(&server)
            .await;
    }
    Mock::given(path_regex(".*"))
        .respond_with(ResponseTemplate::new(401).set_body_json(error(401, "no key")))
        .with_priority(10)
        .mount(&server)
        .await;
    let builder = support::foxtrot_on(&server.uri(), FOX_KEY)
        .retry_policy(support::fast(3))
        .timeout(Duration::from_millis(400))
        .max_response_bytes(64 * 1024);
    shown.push(format!("{builder:?}"));
    let client = builder.build().unwrap();
    shown.push(format!("{client:?}"));
    shown.result("customer", &client.get_customer("dc", "ok").await);
    shown.result(
        "confident location",
        &client.get_confident_location("dc", "ok").await,
    );
    shown.result("waypoints", &client.get_waypoints("dc", "ok").await);
    shown.result(
        "enveloped waypoints",
        &client.get_waypoints("dc", "enveloped").await,
    );
    shown.result("7001", &client.get_confident_location("dc", "unsure").await);
    for id in [
        "badkey",
        "nodc",
        "nobody",
        "html",
        "unavailable",
        "limited",
        "garbage",
        "huge",
        "slow",
        "echo",
    ] {
        shown.result(id, &client.get_customer("dc", id).await);
    }
    shown.result("empty id", &client.get_customer("dc", "").await);
    let closed = support::foxtrot_on("http://127.0.0.1:9", FOX_KEY)
        .retry_policy(support::fast(3))
        .build()
        .unwrap();
    shown.result("connection refused", &closed.get_customer("dc", "ok").await);
    for bad in [
        format!("{FOX_KEY}\r\nx-injected: 1"),
        format!("{FOX_KEY}\t"),
        format!(" {FOX_KEY}\0"),
    ] {
        let builder = foxtrot::Client::builder().api_key(bad);
        shown.push(format!("{builder:?}"));
        shown.result("bad key", &builder.build().map(drop));
    }
    let received = server.received_requests().await.unwrap();
    assert!(received
        .iter()
        .all(|r| r.headers.get("authorization").map(|v| v.as_bytes()) == Some(bearer.as_bytes())));

    let logs = logs.text();
    let found = leaks(&SECRETS, &shown, &logs);
    eprintln!(
        "Foxtrot: {} values and errors shown, {} log lines captured, {found} leaks found",
        shown.0.len(),
        logs.lines().count()
    );
    assert_eq!(found, 0, "the API key leaked into Debug/Display/logs");
    assert_shown(
        &shown.all(&logs),
        &[
            LOG_BRIDGE_MARKER,
            "customer_apis.call",
            "retrying",
            "code 7001",
            "HTTP 401",
            "HTTP 403",
            "HTTP 404",
            "HTTP 500",
            "HTTP 503",
            "HTTP 429",
            "could not decode",
            "timed out",
            "exceeds",
            "transport error",
            "invalid api_key",
            "invalid customer_id",
            "[REDACTED]",
        ],
    );
}
