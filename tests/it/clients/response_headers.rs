//! `Response::headers()`: the headers of the answer, readable for every vendor, with any value
//! that holds one of the call's credentials redacted and marked sensitive (and credential
//! headers such as `set-cookie` marked sensitive), so that no `Debug` of a `Response` prints one.

use crate::support;
use crate::support::TOKEN;
use customer_apis::pdm::{self, CustomerLookup};
use customer_apis::{cro, foxtrot, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PIN: &str = "2023/04/19";
const FOX_KEY: &str = "fox-key-H5ZP8-secret";
const SESSION: &str = "9001|sess-Q9TM4|0001";

/// The spec's example of a 200 answer.
fn sample(vendor: &str, pointer: &str) -> Value {
    support::spec(vendor)
        .pointer(pointer)
        .cloned()
        .unwrap_or_else(|| panic!("{vendor}: no {pointer}"))
}

fn cro_customer() -> Value {
    sample(
        "cro",
        "/paths/~1customers~1{customer_id}/get/responses/200/content/application~1json/example",
    )
}

fn foxtrot_customer() -> Value {
    sample(
        "foxtrot",
        "/paths/~1dcs~1{dc_id}~1customers~1{customer_id}/get/responses/200/content/application~1json/example",
    )
}

fn cro_client(server: &MockServer) -> cro::Client {
    support::cro_on(&server.uri(), TOKEN).build().unwrap()
}

fn foxtrot_client(server: &MockServer) -> foxtrot::Client {
    support::foxtrot_on(&server.uri(), FOX_KEY).build().unwrap()
}

#[tokio::test]
async fn a_custom_header_is_readable_from_a_cro_answer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .insert_header("x-ratelimit-remaining", "42")
                .set_body_json(cro_customer()),
        )
        .mount(&server)
        .await;
    let customer = cro_client(&server).get_customer(1).await.unwrap();
    let remaining = customer.headers().get("x-ratelimit-remaining").unwrap();
    assert_eq!(remaining, "42");
    assert!(!remaining.is_sensitive());
    assert_eq!(customer.headers()["x-api-version"], PIN);
    // The headers the layer reads are still read.
    assert_eq!(customer.meta().api_version.as_deref(), Some(PIN));
}

#[tokio::test]
async fn a_custom_header_is_readable_from_a_foxtrot_answer_and_its_escape_hatch() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-ratelimit-remaining", "7")
                .set_body_json(foxtrot_customer()),
        )
        .mount(&server)
        .await;
    let client = foxtrot_client(&server);
    let customer = client.get_customer("DC", "c").await.unwrap();
    assert_eq!(customer.headers()["x-ratelimit-remaining"], "7");
    let raw = client
        .request::<Value>(reqwest::Method::GET, "/dcs/DC/customers/c", None)
        .await
        .unwrap();
    assert_eq!(raw.headers()["x-ratelimit-remaining"], "7");
}

#[tokio::test]
async fn a_header_echoing_the_token_is_redacted_and_never_printed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .insert_header("x-echo-authorization", format!("Bearer {TOKEN}").as_str())
                .insert_header("set-cookie", "session=abc123; HttpOnly")
                .insert_header("x-trace", "t-1")
                .set_body_json(cro_customer()),
        )
        .mount(&server)
        .await;
    let customer = cro_client(&server).get_customer(1).await.unwrap();
    let echo = &customer.headers()["x-echo-authorization"];
    assert!(echo.is_sensitive());
    assert_eq!(echo, "Bearer [REDACTED]");
    // A cookie is the server's own credential: kept, but not printed.
    let cookie = &customer.headers()["set-cookie"];
    assert!(cookie.is_sensitive());
    assert_eq!(cookie, "session=abc123; HttpOnly");
    assert!(!customer.headers()["x-trace"].is_sensitive());

    let shown = format!("{customer:?}");
    for secret in [
        TOKEN,
        "eyJzdWIiOiJ0ZXN0In0",
        "c2VjcmV0LXNpZ25hdHVyZQ",
        "abc123",
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("\"x-trace\": \"t-1\""), "{shown}");
}

#[tokio::test]
async fn an_encoded_echo_of_a_key_or_session_in_a_header_is_redacted() {
    // Foxtrot's key, percent-encoded in a link.
    let server = MockServer::start().await;
    let encoded: String = url::form_urlencoded::byte_serialize(FOX_KEY.as_bytes()).collect();
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "link",
                    format!("</next?key={encoded}>; rel=\"next\"").as_str(),
                )
                .set_body_json(foxtrot_customer()),
        )
        .mount(&server)
        .await;
    let customer = foxtrot_client(&server)
        .get_customer("DC", "c")
        .await
        .unwrap();
    let link = &customer.headers()["link"];
    assert!(link.is_sensitive());
    assert_eq!(link, "</next?key=[REDACTED]>; rel=\"next\"");
    assert!(!format!("{customer:?}").contains("H5ZP8"));

    // PDM's session token travels in the body, not a header: it is found all the same.
    let server = MockServer::start().await;
    let customer = sample(
        "pdm",
        "/paths/~1GetCustomer/post/responses/200/content/application~1json/examples",
    );
    let customer = customer
        .as_object()
        .unwrap()
        .values()
        .map(|e| e["value"].clone())
        .find(|v| v["status"]["code"] == json!(101))
        .unwrap();
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-session", SESSION)
                .set_body_json(customer),
        )
        .mount(&server)
        .await;
    let client = pdm::Client::builder()
        .base_url(server.uri())
        .company_id(9001)
        .session_token(SESSION)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let found = client.get_customer(&CustomerLookup::id(1)).await.unwrap();
    let echo = &found.headers()["x-session"];
    assert!(echo.is_sensitive());
    assert_eq!(echo, "[REDACTED]");
    assert!(!format!("{found:?}").contains("Q9TM4"));
}
