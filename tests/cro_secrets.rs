//! No credential appears in any Debug, Display or log line over full CRO flows: success, every
//! error kind, retries and token refresh, with a TRACE-level subscriber capturing everything.
#![cfg(feature = "cro")]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use customer_apis::cro::{ApiVersion, Client};
use customer_apis::{RefreshingToken, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const STATIC_TOKEN: &str = "eyJzdGF0aWMtU0VDUkVU.cGF5bG9hZC1TRUNSRVQ.c2lnLVNFQ1JFVA";
const ACCESS_TOKEN: &str = "YWNjZXNzLVRPS0VO.c2lnbmVkLVRPS0VO";
const REFRESH_TOKEN: &str = "refresh-token-3f9a1c";
const CLIENT_SECRET: &str = "client-secret-77b2e0";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_credential_in_debug_display_or_trace_logs() {
    let logs = Capture::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let mut shown = Vec::new();

    let auth = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": ACCESS_TOKEN, "expires_in": 3600, "refresh_token": REFRESH_TOKEN})))
        .mount(&auth)
        .await;
    let api = MockServer::start().await;
    let contact = common::spec("cro")["paths"]
        ["/customers/{customer_id}/contacts/{customer_contact_id}"]["get"]["responses"]["200"]
        ["content"]["application/json"]["example"]
        .clone();
    // Per contact id: 1 succeeds, 2 is 404, 3 is 503 (retried), 4 is HTML 500, 5 does not decode,
    // 6 answers another version; the refreshing client gets one 401 first.
    let routes: Vec<(u16, ResponseTemplate)> = vec![
        (1, ResponseTemplate::new(200).set_body_json(contact.clone())),
        (
            2,
            ResponseTemplate::new(404).set_body_json(json!({"detail": "Not found."})),
        ),
        (3, ResponseTemplate::new(503)),
        (
            4,
            ResponseTemplate::new(500).set_body_string("<html>boom</html>"),
        ),
        (
            5,
            ResponseTemplate::new(200).set_body_string("{\"id\": \"x\"}"),
        ),
        (
            6,
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2023/04/19")
                .set_body_json(contact.clone()),
        ),
    ];
    Mock::given(method("GET"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"detail": "expired"})))
        .up_to_n_times(1)
        .mount(&api)
        .await;
    for (id, template) in routes {
        Mock::given(method("GET"))
            .and(wiremock::matchers::path(format!(
                "/customers/1/contacts/{id}"
            )))
            .respond_with(
                template.insert_header("x-request-id", "b24c2138-65af-4ed3-8e1d-b85a7dc8171c"),
            )
            .mount(&api)
            .await;
    }

    let retry = RetryPolicy::default()
        .initial_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5));
    let static_client = Client::builder()
        .base_url(api.uri())
        .bearer_token(STATIC_TOKEN)
        .tenant_id(1)
        .api_version(ApiVersion::V2019_02_08)
        .retry_policy(retry.clone())
        .build()
        .unwrap();
    let provider = RefreshingToken::builder(
        format!("{}/token", auth.uri()),
        "client",
        "initial-refresh-token-aa11",
    )
    .client_secret(CLIENT_SECRET)
    .build()
    .unwrap();
    shown.push(format!("{provider:?}"));
    let refreshing_client = Client::builder()
        .base_url(api.uri())
        .token_provider(provider)
        .tenant_id(1)
        .api_version(ApiVersion::V2019_02_08)
        .retry_policy(retry)
        .build()
        .unwrap();
    shown.push(format!("{static_client:?}"));
    shown.push(format!("{refreshing_client:?}"));

    for client in [&static_client, &refreshing_client] {
        for id in 1..=6 {
            match client.get_contact(1, id).await {
                Ok(r) => shown.push(format!("{r:?} {:?} {}", r.meta(), r.meta())),
                Err(e) => shown.push(format!("{e} {e:?} {:?}", e.meta())),
            }
        }
    }
    // Connection refused, and an invalid token at build time.
    let closed = Client::builder()
        .base_url("http://127.0.0.1:9")
        .bearer_token(STATIC_TOKEN)
        .tenant_id(1)
        .build()
        .unwrap();
    let err = closed.get_customer(1).await.unwrap_err();
    shown.push(format!("{err} {err:?}"));
    let err = Client::builder()
        .bearer_token(format!("{STATIC_TOKEN}{{{{"))
        .tenant_id(1)
        .build()
        .unwrap_err();
    shown.push(format!("{err} {err:?}"));

    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("customer_apis.call"),
        "the capture saw the call spans:\n{logs}"
    );
    assert!(logs.contains("retrying"), "the capture saw the retries");
    let all = format!("{}\n{logs}", shown.join("\n"));
    let mut leaks = 0;
    for secret in [
        STATIC_TOKEN,
        ACCESS_TOKEN,
        REFRESH_TOKEN,
        CLIENT_SECRET,
        "initial-refresh-token-aa11",
        "U0VDUkVU",
        "VE9LRU4",
    ] {
        if all.contains(secret) {
            leaks += 1;
            eprintln!("leaked: {secret}");
        }
    }
    assert_eq!(leaks, 0, "credentials leaked into Debug/Display/logs");
    // The flows really ran: each error kind was shown.
    for expected in [
        "HTTP 404",
        "HTTP 503",
        "HTTP 500",
        "could not decode",
        "API version mismatch",
        "transport error",
        "invalid token",
    ] {
        assert!(all.contains(expected), "missing {expected}");
    }
}
