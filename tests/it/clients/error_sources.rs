//! Errors keep their cause as `std::error::Error::source()` — the reqwest error of a failed
//! connection or attempt timeout, tokio's `Elapsed` of a call's deadline, the JSON error of a
//! decode failure — and no cause quotes a credential the server echoed: a walk of the chain
//! (what `{:#}` of anyhow and loggers do) shows no secret.

use std::error::Error as StdError;
use std::time::Duration;

use crate::support;
use crate::support::secrets::{leaks, Shown};
use crate::support::TOKEN;
use customer_apis::{cro, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const PIN: &str = "2023/04/19";
const FOX_KEY: &str = "fox-key-K7RW3-secret";

/// The token, and parts of it that nothing else contains.
const TOKEN_PARTS: [&str; 3] = [TOKEN, "eyJzdWIiOiJ0ZXN0In0", "c2VjcmV0LXNpZ25hdHVyZQ"];

fn cro_client(base: &str) -> cro::Client {
    support::cro_on(base, TOKEN).build().unwrap()
}

/// The error and every cause in its chain.
fn chain(e: &Error) -> Vec<&(dyn StdError + 'static)> {
    let mut out: Vec<&(dyn StdError + 'static)> = Vec::new();
    let mut next: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(cause) = next {
        out.push(cause);
        next = cause.source();
    }
    out
}

/// Every `Display` and `Debug` of the error and its chain, searched for the secrets.
fn assert_no_leak(what: &str, e: &Error, secrets: &[&str]) {
    let mut shown = Shown::default();
    shown.error(what, e);
    assert_eq!(leaks(secrets, &shown, ""), 0, "{what}: {e:?}");
}

#[test]
fn error_keeps_its_auto_traits() {
    fn check<
        T: Send
            + Sync
            + std::fmt::Debug
            + std::panic::UnwindSafe
            + std::panic::RefUnwindSafe
            + 'static,
    >() {
    }
    check::<Error>();
}

#[tokio::test]
async fn connection_refused_keeps_the_reqwest_error_as_source() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let e = cro_client(&format!("http://{addr}"))
        .get_customer(1)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport { connect: true, .. }), "{e:?}");
    let causes = chain(&e);
    let reqwest = causes
        .iter()
        .find_map(|c| c.downcast_ref::<reqwest::Error>())
        .unwrap_or_else(|| panic!("no reqwest::Error in the chain of {e:?}"));
    assert!(reqwest.is_connect(), "{reqwest:?}");
    assert!(
        e.source().unwrap().is::<reqwest::Error>(),
        "the reqwest error is the direct source"
    );
    assert_no_leak("connection refused", &e, &TOKEN_PARTS);
}

#[tokio::test]
async fn a_per_attempt_timeout_keeps_the_reqwest_error_as_source() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .set_body_json(json!({}))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = support::cro_on(&server.uri(), TOKEN)
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let e = client.get_customer(1).await.unwrap_err();
    assert!(matches!(e, Error::Timeout { connect: false, .. }), "{e:?}");
    let source = e.source().expect("a timeout keeps its cause");
    let reqwest = source
        .downcast_ref::<reqwest::Error>()
        .unwrap_or_else(|| panic!("{source:?}"));
    assert!(reqwest.is_timeout(), "{reqwest:?}");
    assert_no_leak("attempt timeout", &e, &TOKEN_PARTS);
}

#[tokio::test]
async fn the_call_deadline_keeps_tokio_elapsed_as_source() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .set_body_json(json!({}))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = cro::Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .tenant_id(1)
        .operation_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let e = client.get_customer(1).await.unwrap_err();
    assert!(matches!(e, Error::Timeout { .. }), "{e:?}");
    let source = e.source().expect("the deadline keeps its cause");
    assert!(source.is::<tokio::time::error::Elapsed>(), "{source:?}");
}

#[tokio::test]
async fn a_decode_error_keeps_a_redacted_cause_when_the_body_echoes_the_token() {
    let server = MockServer::start().await;
    // A string where a number is expected: serde's message quotes the value.
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .set_body_json(json!({"id": TOKEN, "name": "x"})),
        )
        .mount(&server)
        .await;
    let e = cro_client(&server.uri()).get_customer(1).await.unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    let source = e.source().expect("a decode error keeps its cause");
    assert!(
        !source.is::<serde_json::Error>(),
        "serde's own error quotes the body: only its redacted text is kept"
    );
    let text = source.to_string();
    assert!(
        text.contains("invalid type") && text.contains("[REDACTED]"),
        "{text}"
    );
    assert_no_leak("decode echoing the token", &e, &TOKEN_PARTS);
}

#[tokio::test]
async fn a_body_that_is_not_json_keeps_the_serde_json_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .insert_header("content-type", "application/json")
                .set_body_string(format!("{{\"id\": 1, \"name\": \"{TOKEN}")),
        )
        .mount(&server)
        .await;
    let e = cro_client(&server.uri()).get_customer(1).await.unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    let json = e
        .source()
        .and_then(|s| s.downcast_ref::<serde_json::Error>())
        .unwrap_or_else(|| panic!("{e:?}"));
    assert!(json.is_eof(), "{json:?}");
    assert_no_leak("cut body", &e, &TOKEN_PARTS);
}

#[tokio::test]
async fn an_unknown_variant_echoing_the_key_is_redacted_in_the_cause() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    enum Kind {
        Depot,
        Customer,
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"status": "success", "data": FOX_KEY})),
        )
        .mount(&server)
        .await;
    let client = support::foxtrot_on(&server.uri(), FOX_KEY).build().unwrap();
    let e = client
        .request::<Kind>(reqwest::Method::GET, "/dcs/DC/kind", None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    let text = e.source().expect("the JSON error's text").to_string();
    assert!(
        text.contains("unknown variant") && text.contains("[REDACTED]"),
        "{text}"
    );
    assert_no_leak("unknown variant", &e, &[FOX_KEY, "K7RW3"]);
}
