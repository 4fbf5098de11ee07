//! A server that echoes what it was sent: every credential the client sent or received is
//! masked in whatever server text an error keeps (vendor fields, excerpts of any content type,
//! decode errors, the served version) and in every log line, whichever form the echo takes
//! (plain, `Bearer `, JSON-escaped, percent-encoded, HTML-escaped), including on retries.
//!
//! A TRACE-level subscriber with the `log` bridge captures everything logged; every error's
//! `Display` and `Debug` is captured too; then both are searched for every secret and a
//! fragment of each. `-- --nocapture` prints each leak.

use crate::support;
use crate::support::secrets::{assert_shown, json_unicode_escaped, leaks, logs, Shown};
use customer_apis::pdm::{self, CustomerLookup};
use customer_apis::{cro, RefreshingToken};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CRO_TOKEN: &str = "eyJhbGciOi.eyJzdWIiOi.Z7XKQ2sig";
const REFRESH: &str = "refresh+R8TW4/tok=";
const CLIENT_SECRET: &str = "client-secret-P5MN2";
const ACCESS: &str = "access.J6VB9.sig";
const PDM_KEY: &str = "pdm-key-Q3LD7&<x>";
const SESSION: &str = "9001|sess-W2HC6|0001";
const FOX_KEY: &str = "fox-key-T4GF1";

/// Every secret, and a fragment of each that nothing else contains.
const SECRETS: [&str; 14] = [
    CRO_TOKEN,
    REFRESH,
    CLIENT_SECRET,
    ACCESS,
    PDM_KEY,
    SESSION,
    FOX_KEY,
    "Z7XKQ2",
    "R8TW4",
    "P5MN2",
    "J6VB9",
    "Q3LD7",
    "W2HC6",
    "T4GF1",
];

/// An HTML error page listing the request's headers and body, as some gateways do.
fn echo_page(request: &Request) -> String {
    // Credentials first, so that they fall within the quoted start of the page.
    let mut listed: Vec<_> = request.headers.iter().collect();
    listed.sort_by_key(|(n, _)| n.as_str() != "authorization");
    let headers: String = listed
        .into_iter()
        .map(|(n, v)| {
            format!(
                "<tr><td>{n}</td><td>{}</td></tr>",
                v.to_str().unwrap_or("?")
            )
        })
        .collect();
    format!(
        "<html><body><h1>Bad gateway</h1><table>{headers}</table><pre>{}</pre></body></html>",
        String::from_utf8_lossy(&request.body)
    )
}

#[tokio::test]
async fn echoed_credentials_are_masked_in_errors_and_logs() {
    let logs = logs();
    let mut texts = Shown::default();
    let mut echoes = 0;

    // CRO, static token: the token in each vendor field, in an HTML page (retried), and in a
    // 200 that fails to decode (serde quotes the value it refused).
    let cro_echoes: Vec<(&str, ResponseTemplate)> = vec![
        (
            "detail quoting the header",
            ResponseTemplate::new(400).set_body_json(json!({
                "detail": format!("Authorization: Bearer {CRO_TOKEN} is malformed"),
                "field": CRO_TOKEN,
                "explanation": format!("token {CRO_TOKEN} rejected"),
            })),
        ),
        (
            "JSON-escaped token",
            ResponseTemplate::new(400).set_body_string(format!(
                "{{\"detail\": \"bad token \\\"{}\\\"\"}}",
                json_unicode_escaped(CRO_TOKEN)
            )),
        ),
        (
            "a JSON-escaped credential key in an undeclared status",
            ResponseTemplate::new(418).set_body_string(format!(
                "{{\"session_\\u0074oken\": \"{SESSION}\", \"auth\": \"{CRO_TOKEN}\"}}"
            )),
        ),
        (
            "200 that fails to decode",
            ResponseTemplate::new(200).set_body_json(json!({"id": CRO_TOKEN})),
        ),
        (
            "a wrongly typed field quoting the token",
            ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": [CRO_TOKEN]})),
        ),
    ];
    for (what, template) in cro_echoes {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(template.insert_header("x-api-version", "2023/04/19"))
            .mount(&server)
            .await;
        let client = support::cro_on(&server.uri(), CRO_TOKEN)
            .retry_policy(support::fast(2))
            .build()
            .unwrap();
        let e = client.get_customer(1).await.unwrap_err();
        texts.error(what, &e);
        echoes += 1;
    }
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(|r: &Request| {
            ResponseTemplate::new(502)
                .insert_header("x-api-version", "2023/04/19")
                .insert_header("content-type", "text/html")
                .set_body_string(echo_page(r))
        })
        .expect(2)
        .mount(&server)
        .await;
    let client = support::cro_on(&server.uri(), CRO_TOKEN)
        .retry_policy(support::fast(2))
        .build()
        .unwrap();
    let e = client.deactivate_location(1, 2).await.unwrap_err();
    assert_eq!(
        e.meta().unwrap().attempts,
        2,
        "the page is shown on each retry"
    );
    assert!(e.to_string().contains("Bearer [REDACTED]"), "{e}");
    texts.error("HTML 502 listing the headers", &e);
    echoes += 1;

    // CRO, refreshing token: the refresh token and client secret echoed (form-encoded too).
    let auth = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": ACCESS, "expires_in": 3600, "refresh_token": REFRESH}),
        ))
        .mount(&auth)
        .await;
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-api-version", "2023/04/19")
                .set_body_json(json!({"detail": format!(
                    "refresh_token={} client_secret={CLIENT_SECRET} token={ACCESS} raw={REFRESH}",
                    url_encoded(REFRESH)
                )})),
        )
        .mount(&api)
        .await;
    let client = cro::Client::builder()
        .base_url(api.uri())
        .refreshing_token(
            RefreshingToken::builder(format!("{}/token", auth.uri()), "client", REFRESH)
                .client_secret(CLIENT_SECRET),
        )
        .tenant_id(1)
        .retry_policy(support::fast(2))
        .build()
        .unwrap();
    let e = client.get_customer(1).await.unwrap_err();
    texts.error("refresh flow echo", &e);
    echoes += 1;

    // PDM: 302/303 `details` echoing the request bodies, and an HTML page.
    let pdm_server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(support::pdm_session_answer(SESSION)),
        )
        .mount(&pdm_server)
        .await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(|r: &Request| {
            ResponseTemplate::new(200).set_body_json(json!({"status": {
                "code": 303,
                "details": format!("incorrect data type in {}", String::from_utf8_lossy(&r.body)),
            }}))
        })
        .mount(&pdm_server)
        .await;
    let pdm_client = support::pdm_on(&pdm_server.uri(), PDM_KEY)
        .retry_policy(support::fast(2))
        .build()
        .unwrap();
    let e = pdm_client
        .get_customer(&CustomerLookup::id(1))
        .await
        .unwrap_err();
    texts.error("PDM 303 echoing GetCustomer", &e);
    echoes += 1;

    let key_echo = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(|r: &Request| {
            ResponseTemplate::new(200).set_body_json(json!({"status": {
                "code": 302,
                "details": format!("data exceeded parameters: {}", String::from_utf8_lossy(&r.body)),
            }}))
        })
        .mount(&key_echo)
        .await;
    let e = support::pdm_on(&key_echo.uri(), PDM_KEY)
        .retry_policy(support::fast(2))
        .build()
        .unwrap()
        .get_customer(&CustomerLookup::id(1))
        .await
        .unwrap_err();
    texts.error("PDM 302 echoing GetSessionToken", &e);
    echoes += 1;

    let page = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(|r: &Request| {
            ResponseTemplate::new(400)
                .insert_header("content-type", "text/html")
                .set_body_string(format!(
                    "<pre>{}</pre>",
                    String::from_utf8_lossy(&r.body)
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('"', "&quot;")
                ))
        })
        .mount(&page)
        .await;
    let e = pdm::Client::builder()
        .base_url(page.uri())
        .company_id(9001)
        .session_token(SESSION)
        .retry_policy(support::fast(2))
        .build()
        .unwrap()
        .get_customer(&CustomerLookup::id(1))
        .await
        .unwrap_err();
    texts.error("PDM HTML 400 echoing the body, HTML-escaped", &e);
    echoes += 1;

    // Foxtrot: the key in the error envelope's message, with HTTP 401 and with 200.
    for status in [401u16, 200] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({
                "status": "error",
                "data": {"code": 4001, "message": format!("key Bearer {FOX_KEY} is not valid")},
            })))
            .mount(&server)
            .await;
        let e = support::foxtrot_on(&server.uri(), FOX_KEY)
            .retry_policy(support::fast(2))
            .build()
            .unwrap()
            .get_customer("DC", "c")
            .await
            .unwrap_err();
        assert!(e.api().is_some(), "{e:?}");
        texts.error(&format!("Foxtrot {status} message"), &e);
        echoes += 1;
    }

    assert_eq!(echoes, 12);
    let captured = logs.text();
    assert_shown(
        &texts.all(&captured),
        &[
            "CRO answered HTTP 400",
            "HTTP 418",
            "could not decode",
            "HTTP 502",
            "2 attempts",
            "PDM answered HTTP 200 with code 303",
            "code 302",
            "PDM answered HTTP 400",
            "Foxtrot answered HTTP 401",
            "Foxtrot answered HTTP 200",
            "retrying",
        ],
    );
    assert_eq!(leaks(&SECRETS, &texts, &captured), 0);
    // The masks are where the secrets stood: each of the twelve errors shows one.
    let masked: std::collections::BTreeSet<&str> = texts
        .0
        .iter()
        .filter(|line| line.contains("[REDACTED]"))
        .filter_map(|line| line.split(": ").next())
        .collect();
    assert_eq!(masked.len(), 12, "{masked:?}");
}

fn url_encoded(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
