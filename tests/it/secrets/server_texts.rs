//! The one redaction boundary, second round: every text a server sent passes it before it is
//! kept, on success as on error (the served version of a 200), masked before it is cut (a
//! served version or a JSON key longer than what is kept), and whatever escape the secret
//! hides behind (percent escapes in either case, HTML character references in hex, padded
//! or named).
//!
//! Each test asserts the exact text kept, so that a secret's absence is not a cut that
//! happened to fall before it.

use crate::support;
use customer_apis::{cro, foxtrot, pdm, Error};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Longer than the 64 characters a served version keeps, and than a JSON key in a path.
const LONG_TOKEN: &str =
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNvbmQtcm91bmQtaGFyZGVuaW5nIn0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw";
const PIN: &str = "2023/04/19";
const FOX_KEY: &str = "fox|key'T4GF1";
const SESSION: &str = "9001|sess-W2HC6|0001";

/// Every fragment of 8 characters of `secret`: none may be left in a kept text.
fn fragments(secret: &str) -> Vec<&str> {
    (0..=secret.len().saturating_sub(8))
        .map(|i| &secret[i..i + 8])
        .collect()
}

fn assert_no_fragment(secret: &str, text: &str) {
    for fragment in fragments(secret) {
        assert!(
            !text.contains(fragment),
            "{fragment:?} of the secret in {text}"
        );
    }
}

fn foxtrot_client(server: &MockServer) -> foxtrot::Client {
    support::foxtrot_on(&server.uri(), FOX_KEY).build().unwrap()
}

async fn foxtrot_answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

/// Foxtrot's customer, answered with the header `name` set to `value`, as the client reads it.
async fn foxtrot_success_with(name: &str, value: &str) -> customer_apis::Response<impl Sized> {
    let server = foxtrot_answering(
        ResponseTemplate::new(200)
            .insert_header(name, value)
            .set_body_json(foxtrot_customer()),
    )
    .await;
    foxtrot_client(&server)
        .get_customer("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap()
}

fn foxtrot_customer() -> serde_json::Value {
    support::example("foxtrot", "/dcs/{dc_id}/customers/{customer_id}", "get")
}

#[tokio::test]
async fn a_successful_answers_served_version_is_redacted() {
    // Foxtrot: the API key as the served version of a 200.
    let answer = foxtrot_success_with("x-api-version", FOX_KEY).await;
    assert_eq!(answer.meta().api_version.as_deref(), Some("[REDACTED]"));
    assert_no_fragment(FOX_KEY, &format!("{:?} {}", answer.meta(), answer.meta()));

    // PDM: the session token the call obtained, as the served version of GetCustomer's 200.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(support::pdm_session_answer(SESSION)),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", format!("v1 ({SESSION})"))
                .set_body_json(pdm_customer_found()),
        )
        .mount(&server)
        .await;
    let client = support::pdm_on(&server.uri(), "pdm-key-Q3LD7")
        .build()
        .unwrap();
    let answer = client
        .get_customer(pdm::CustomerLookup::id(1408))
        .await
        .unwrap();
    assert_eq!(
        answer.meta().api_version.as_deref(),
        Some("v1 ([REDACTED])")
    );
}

/// PDM's own GetCustomer sample (code 101).
fn pdm_customer_found() -> serde_json::Value {
    support::example("pdm", "/GetCustomer", "post")
}

fn cro_client(server: &MockServer) -> cro::Client {
    support::cro_on(&server.uri(), LONG_TOKEN).build().unwrap()
}

#[tokio::test]
async fn a_served_version_longer_than_kept_is_masked_before_it_is_cut() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("x-api-version", LONG_TOKEN))
        .mount(&server)
        .await;
    let e = cro_client(&server).get_customer(1).await.unwrap_err();
    let Error::VersionMismatch { served, meta, .. } = &e else {
        panic!("expected a version mismatch: {e:?}");
    };
    assert_eq!(served, "[REDACTED]");
    assert_eq!(meta.api_version.as_deref(), Some("[REDACTED]"));
    assert_no_fragment(LONG_TOKEN, &format!("{e} {e:?}"));
}

#[tokio::test]
async fn a_secret_sent_back_as_a_json_key_is_masked_in_the_decode_errors_path() {
    let server = MockServer::start().await;
    // The body stops right after the key: the JSON path of the error is that key.
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .set_body_string(format!("{{\"id\": 1, \"{LONG_TOKEN}\": ")),
        )
        .mount(&server)
        .await;
    let e = cro_client(&server).get_customer(1).await.unwrap_err();
    let Error::Decode {
        reason, excerpt, ..
    } = &e
    else {
        panic!("expected a decode error: {e:?}");
    };
    assert!(
        reason.starts_with("[REDACTED]: EOF while parsing a value"),
        "{reason}"
    );
    assert_eq!(excerpt, r#"{"id": 1, "[REDACTED]": "#);
    assert_no_fragment(LONG_TOKEN, &format!("{e} {e:?}"));
}

/// A Foxtrot error envelope whose message is `message`, with HTTP 400.
fn foxtrot_error(message: String) -> ResponseTemplate {
    ResponseTemplate::new(400).set_body_json(json!({
        "status": "error",
        "data": {"code": 7001, "message": message}
    }))
}

#[tokio::test]
async fn percent_escapes_of_either_case_are_masked() {
    // `|` is %7C; `'` is %27.
    for (echo, kept) in [
        ("fox%7ckey%27T4GF1", "key [REDACTED] refused"),
        ("fox%7Ckey%27T4GF1", "key [REDACTED] refused"),
        ("fox%7cKEY%27T4GF1", "key fox%7cKEY%27T4GF1 refused"),
        // Every character escaped, letters included.
        (
            "%66%6f%78%7c%6b%65%79%27%54%34%47%46%31",
            "key [REDACTED] refused",
        ),
    ] {
        let server = foxtrot_answering(foxtrot_error(format!("key {echo} refused"))).await;
        let e = foxtrot_client(&server)
            .get_customer("Foxtrot-DC", "c1")
            .await
            .unwrap_err();
        assert_eq!(e.api().unwrap().detail.as_deref(), Some(kept), "{echo}");
    }
}

#[tokio::test]
async fn html_character_references_in_hex_padded_or_named_are_masked() {
    for echo in [
        "fox|key&#x27;T4GF1",
        "fox|key&#X27;T4GF1",
        "fox|key&#x0000027;T4GF1",
        "fox|key&#0039;T4GF1",
        "fox&#124;key&apos;T4GF1",
        "fox&verbar;key&#39;T4GF1",
    ] {
        let page = format!("<html><body><p>Bearer {echo}</p></body></html>");
        let server = foxtrot_answering(
            ResponseTemplate::new(502)
                .insert_header("content-type", "text/html")
                .set_body_string(page),
        )
        .await;
        let e = foxtrot_client(&server)
            .get_customer("Foxtrot-DC", "c1")
            .await
            .unwrap_err();
        assert_eq!(
            e.api().unwrap().body_excerpt.as_deref(),
            Some("<html><body><p>Bearer [REDACTED]</p></body></html>"),
            "{echo}"
        );
    }
}

#[tokio::test]
async fn a_secret_encoded_twice_is_masked_in_an_error_and_a_successs_headers() {
    // Foxtrot's key percent-encoded twice (`%257C` for `|`), as a proxy re-encoding a URL
    // would; and as a JSON escape inside an HTML reference (`&#92;u007C`).
    let twice: String = FOX_KEY.bytes().map(|b| format!("%25{b:02X}")).collect();
    let html_json: String = FOX_KEY
        .chars()
        .map(|c| format!("&#92;u{:04X}", c as u32))
        .collect();
    let error = json!({"status": "error", "data": {"code": 7001, "message": format!("echo {twice}; {html_json}")}});
    let server = foxtrot_answering(
        ResponseTemplate::new(400)
            .insert_header("x-echo", format!("{twice} {html_json}").as_str())
            .set_body_json(&error),
    )
    .await;
    let e = foxtrot_client(&server)
        .get_customer("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap_err();
    let detail = e.api().unwrap().detail.clone().unwrap();
    assert_eq!(detail, "echo [REDACTED]; [REDACTED]");
    assert_no_fragment(FOX_KEY, &format!("{e} {e:?}"));

    let answer = foxtrot_success_with("x-echo", &format!("{twice} {html_json}")).await;
    let echo = answer.headers().get("x-echo").unwrap().to_str().unwrap();
    assert_eq!(echo, "[REDACTED] [REDACTED]");
}
