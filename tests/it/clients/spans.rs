//! The spans the call path opens, as the crate docs' "Tracing" section lists them: names,
//! OpenTelemetry attribute names and values, read from the process-wide capture
//! ([`logs`], which writes a line per closed span with every field it holds by then). Each test
//! runs its calls inside a span of its own, `spans_test{run=<n>}`, to find its lines among
//! those of the tests running alongside.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::support;
use crate::support::secrets::logs;
use tracing::Instrument;

/// Runs `calls` inside `spans_test{run=<a fresh number>}` and returns, in closing order, the span
/// chain of every span closed inside it (`outer{..}:inner{..}`, the closed span last), without
/// the test's own span.
async fn closed_spans<T>(calls: impl Future<Output = T>) -> (T, Vec<String>, Vec<String>) {
    let capture = logs();
    // Unique within the process, which is all the capture holds.
    static RUNS: AtomicU64 = AtomicU64::new(1);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let out = calls
        .instrument(tracing::info_span!("spans_test", run = %run))
        .await;
    let prefix = format!("spans_test{{run={run}}}:");
    let mine: Vec<String> = capture
        .text()
        .lines()
        .filter(|l| l.contains(&prefix))
        .map(str::to_owned)
        .collect();
    let closed = mine
        .iter()
        .filter_map(|line| {
            let chain = &line[line.find(&prefix)? + prefix.len()..];
            let (chain, message) = chain.split_once(": customer_apis::")?;
            let (_, message) = message.split_once(": ")?;
            message
                .starts_with("close time.busy=")
                .then(|| chain.to_owned())
        })
        .collect();
    (out, mine, closed)
}

#[tokio::test]
async fn a_retried_call_is_one_call_span_and_one_client_span_per_attempt_with_otel_fields() {
    use customer_apis::cro::ApiVersion;
    use customer_apis::RetryPolicy;
    use std::time::Duration;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const TOKEN: &str = "c3BhbnMtaGVhZGVy-T9QW.c3BhbnMtcGF5bG9hZA-T9QW.c3BhbnMtc2ln-T9QW";
    const FIRST_ID: &str = "0c4f3b5e-9a51-4d6e-8a0e-4f5b7c9d1e2a";
    const SECOND_ID: &str = "7d1e2a3b-4c5d-4e6f-9a8b-0c1d2e3f4a5b";
    let api = MockServer::start().await;
    let customer = support::example("cro", "/customers/{customer_id}", "get");
    Mock::given(method("GET"))
        .and(path("/customers/7"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("x-api-version", "2019/02/08")
                .insert_header("x-request-id", FIRST_ID),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(path("/customers/7"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2019/02/08")
                .insert_header("x-request-id", SECOND_ID)
                .set_body_json(customer),
        )
        .expect(1)
        .mount(&api)
        .await;
    let client = support::cro_on(&api.uri(), TOKEN)
        .api_version(ApiVersion::V2019_02_08)
        // No jitter: the wait is exactly the initial delay.
        .retry_policy(
            RetryPolicy::default()
                .initial_delay(Duration::from_millis(3))
                .jitter(false),
        )
        .build()
        .unwrap();
    let (result, mine, closed) = closed_spans(client.get_customer(7)).await;
    let customer = result.expect("the second attempt succeeds");
    assert_eq!(customer.meta().attempts, 2);

    let port = api.address().port();
    let call = r#"customer_apis.call{otel.name="getCustomer" customer_apis.vendor=CRO customer_apis.operation="getCustomer"}"#;
    let attempt = format!(
        r#"customer_apis.attempt{{otel.name="GET /customers/{{customer_id}}" otel.kind="client" http.request.method="GET" url.template="/customers/{{customer_id}}" server.address="127.0.0.1" server.port={port}"#
    );
    assert_eq!(
        closed,
        [
            // No resend count on the first request (OpenTelemetry: absent, not 0).
            format!(
                r#"{call}:{attempt} http.response.status_code=503 customer_apis.request_id={FIRST_ID} error.type="unavailable" otel.status_code="ERROR"}}"#
            ),
            format!(
                r#"{call}:{attempt} http.request.resend_count=1 http.response.status_code=200 customer_apis.request_id={SECOND_ID}}}"#
            ),
            format!(
                r#"customer_apis.call{{otel.name="getCustomer" customer_apis.vendor=CRO customer_apis.operation="getCustomer" customer_apis.attempts=2 customer_apis.requests=2 http.response.status_code=200 customer_apis.request_id={SECOND_ID}}}"#
            ),
        ]
    );
    // The events: the retry in the failed attempt's span, the outcome in the call's.
    let events: Vec<&str> = mine
        .iter()
        .filter_map(|l| l.split_once(": customer_apis::transport: ").map(|(_, e)| e))
        .filter(|e| !e.starts_with("close "))
        .collect();
    assert_eq!(
        events,
        [
            format!("retrying error.message=CRO answered HTTP 503 [request id {FIRST_ID}, API version 2019/02/08, 1 attempt] customer_apis.retry_wait_ms=3").as_str(),
            "call succeeded",
        ]
    );
    let leaked: Vec<&String> = mine
        .iter()
        .filter(|l| {
            std::iter::once(TOKEN)
                .chain(TOKEN.split('.'))
                .any(|s| l.contains(s))
        })
        .collect();
    assert!(leaked.is_empty(), "{leaked:#?}");
}

#[cfg(feature = "sandbox")]
#[tokio::test]
async fn a_session_obtained_within_an_attempt_is_a_credential_request_span_inside_it() {
    use customer_apis::pdm::CustomerLookup;
    use customer_apis::sandbox::Sandbox;

    const API_KEY: &str = "spans-api-key-R4XM";
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.pdm_client().api_key(API_KEY).build().unwrap();
    let lookup = CustomerLookup::external_ref("EXTREF164736");
    let (result, mine, closed) = closed_spans(client.get_customer(&lookup)).await;
    result.expect("the sandbox knows the customer");

    let port = sandbox.addr().port();
    let call = r#"customer_apis.call{otel.name="GetCustomer" customer_apis.vendor=PDM customer_apis.operation="GetCustomer"}"#;
    let attempt = format!(
        r#"customer_apis.attempt{{otel.name="POST /GetCustomer" otel.kind="client" http.request.method="POST" url.template="/GetCustomer" server.address="127.0.0.1" server.port={port}"#
    );
    assert_eq!(
        closed,
        [
            format!(
                r#"{call}:{attempt}}}:customer_apis.credential_request{{otel.name="POST /GetSessionToken" otel.kind="client" customer_apis.operation="GetSessionToken" http.request.method="POST" url.template="/GetSessionToken" server.address="127.0.0.1" server.port={port} http.response.status_code=200}}"#
            ),
            format!(r#"{call}:{attempt} http.response.status_code=200}}"#),
            r#"customer_apis.call{otel.name="GetCustomer" customer_apis.vendor=PDM customer_apis.operation="GetCustomer" customer_apis.attempts=1 customer_apis.requests=2 http.response.status_code=200}"#.to_owned(),
        ]
    );
    // The sandbox's session tokens start with the company id.
    let leaked: Vec<&String> = mine
        .iter()
        .filter(|l| l.contains(API_KEY) || l.contains("9001|"))
        .collect();
    assert!(leaked.is_empty(), "{leaked:#?}");
}

#[cfg(feature = "sandbox")]
#[tokio::test]
async fn an_oauth_refresh_within_an_attempt_is_a_credential_request_span_without_url_template() {
    use std::sync::{Arc, Mutex};

    use customer_apis::sandbox::{Sandbox, CRO_REFRESH_TOKEN};
    use customer_apis::{RefreshToken, RefreshingToken};

    let sandbox = Sandbox::start().await.unwrap();
    let rotated = Arc::new(Mutex::new(Vec::new()));
    let seen = rotated.clone();
    let provider =
        RefreshingToken::builder(sandbox.oauth_token_url(), "spans-client", CRO_REFRESH_TOKEN)
            .on_refresh_token_rotated(move |t: &RefreshToken| {
                seen.lock().unwrap().push(t.expose().to_owned())
            });
    let client = customer_apis::cro::Client::builder()
        .base_url(sandbox.base_url())
        .refreshing_token(provider)
        .tenant_id(1)
        .build()
        .unwrap();
    let (result, mine, closed) = closed_spans(client.get_customer(1)).await;
    let customer = result.expect("the sandbox's token is accepted");
    let id = customer.meta().request_id.expect("the sandbox sends one");

    let port = sandbox.addr().port();
    let call = r#"customer_apis.call{otel.name="getCustomer" customer_apis.vendor=CRO customer_apis.operation="getCustomer"}"#;
    let attempt = format!(
        r#"customer_apis.attempt{{otel.name="GET /customers/{{customer_id}}" otel.kind="client" http.request.method="GET" url.template="/customers/{{customer_id}}" server.address="127.0.0.1" server.port={port}"#
    );
    assert_eq!(
        closed,
        [
            format!(
                r#"{call}:{attempt}}}:customer_apis.credential_request{{otel.name="POST" otel.kind="client" customer_apis.operation="oauth_refresh_token_grant" http.request.method="POST" server.address="127.0.0.1" server.port={port} http.response.status_code=200}}"#
            ),
            format!(
                r#"{call}:{attempt} http.response.status_code=200 customer_apis.request_id={id}}}"#
            ),
            format!(
                r#"customer_apis.call{{otel.name="getCustomer" customer_apis.vendor=CRO customer_apis.operation="getCustomer" customer_apis.attempts=1 customer_apis.requests=1 http.response.status_code=200 customer_apis.request_id={id}}}"#
            ),
        ]
    );
    let events: Vec<&str> = mine
        .iter()
        .filter_map(|l| l.split_once("}: customer_apis::").map(|(_, e)| e))
        .filter(|e| !e.contains(": close time.busy="))
        .collect();
    assert_eq!(
        events,
        [
            "auth: refresh token rotated",
            "auth: credential refreshed customer_apis.credential_generation=1",
            // The vendor's sample breaks its own rule: said once, at warn.
            r#"spec: the answer departs from the vendor's spec vendor=CRO operation="getCustomer" path="locations[1].sales_rep" rule=must not be empty"#,
            "transport: call succeeded",
        ]
    );
    let rotated = rotated.lock().unwrap().clone();
    assert_eq!(rotated.len(), 1);
    // The sandbox's access tokens all start with this header.
    let secrets = [CRO_REFRESH_TOKEN, &rotated[0], "eyJhbGciOiJub25lIn0."];
    let leaked: Vec<&String> = mine
        .iter()
        .filter(|l| secrets.iter().any(|s| l.contains(s)))
        .collect();
    assert!(leaked.is_empty(), "{leaked:#?}");
}

#[tokio::test]
async fn an_escape_hatch_request_has_no_url_template_and_its_query_stays_out_of_errors_and_logs() {
    use customer_apis::Error;

    // A port nothing listens on: the connection is refused.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let client = support::cro_on(&format!("http://127.0.0.1:{port}"), crate::support::TOKEN)
        .build()
        .unwrap();
    let call = client.request::<serde_json::Value>(
        reqwest::Method::from_bytes(b"PURGE").unwrap(),
        "/customers/1?note=Q7VX9",
        None,
    );
    let (result, mine, closed) = closed_spans(call).await;
    let e = result.unwrap_err();
    assert!(matches!(e, Error::Transport { connect: true, .. }), "{e:?}");
    let shown = format!("{e} {e:?} {:?}", std::error::Error::source(&e));
    assert!(!shown.contains("Q7VX9"), "{shown}");
    assert!(shown.contains("/customers/1"), "{shown}");
    assert_eq!(
        closed,
        [
            format!(
                r#"customer_apis.call{{otel.name="request" customer_apis.vendor=CRO customer_apis.operation="request"}}:customer_apis.attempt{{otel.name="_OTHER" otel.kind="client" http.request.method="_OTHER" server.address="127.0.0.1" server.port={port} error.type="transport" otel.status_code="ERROR"}}"#
            ),
            r#"customer_apis.call{otel.name="request" customer_apis.vendor=CRO customer_apis.operation="request" customer_apis.attempts=1 customer_apis.requests=1 error.type="transport" otel.status_code="ERROR"}"#.to_owned(),
        ]
    );
    let leaked: Vec<&String> = mine.iter().filter(|l| l.contains("Q7VX9")).collect();
    assert!(leaked.is_empty(), "{leaked:#?}");
}
