//! No CRO credential appears in any `Debug`, `Display` or log line, over every CRO flow: the
//! three operations, every error kind (timeout, size cap, 429, 503, HTML, undecodable answers,
//! version mismatch, connection refused), token refresh after a 401 with a rotated refresh
//! token, every way the token endpoint fails, and settings refused. A TRACE-level subscriber
//! installed process-wide with the `log` bridge (checked: reqwest's `log` lines are in it)
//! captures everything the SDK and its HTTP stack log; every value and error shown is captured
//! too; then both are searched for every secret and a fragment of each.
//!
//! The echo tests below give a server that echoes the bearer token back (in CRO's `field`,
//! `detail` or `explanation`, in an HTML error page, in a 200 that does not decode, JSON-escaped)
//! and search for the token in every form. Each test uses secrets of its own, since the log
//! capture is shared by the whole binary.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::support;
use crate::support::secrets::{
    assert_shown, json_unicode_escaped, leaks, logs, Shown, LOG_BRIDGE_MARKER,
};
use customer_apis::cro::{ApiVersion, Client};
use customer_apis::{AccessToken, RefreshingToken, StaticToken};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const STATIC_TOKEN: &str = "eyJzdGF0aWMtU0VDUkVU.cGF5bG9hZC1TRUNSRVQ.c2lnLVNFQ1JFVA";
const ACCESS_ONE: &str = "YWNjZXNzLW9uZQ-Q4WR1.c2lnbmVk-Q4WR1";
const ACCESS_TWO: &str = "YWNjZXNzLXR3bw-J8ZD2.c2lnbmVk-J8ZD2";
const INITIAL_REFRESH: &str = "initial-refresh-N5TC3";
const ROTATED_REFRESH: &str = "rotated-refresh-L2XV4";
const CLIENT_SECRET: &str = "client-secret-F6HM5";
/// Issued by a token endpoint whose answer does not decode (its `expires_in` is text).
const UNDECODED_ACCESS: &str = "YWNjZXNz-B7YG8.bWFsZm9ybWVk";
/// Issued by a token endpoint, and breaking the documented token pattern.
const UNUSABLE_ACCESS: &str = "abc{{def-W3KS6";

/// Every secret of the main flow, and a fragment of each that nothing else contains.
const SECRETS: [&str; 15] = [
    STATIC_TOKEN,
    ACCESS_ONE,
    ACCESS_TWO,
    INITIAL_REFRESH,
    ROTATED_REFRESH,
    CLIENT_SECRET,
    UNDECODED_ACCESS,
    UNUSABLE_ACCESS,
    "U0VDUkVU",
    "Q4WR1",
    "J8ZD2",
    "N5TC3",
    "L2XV4",
    "F6HM5",
    "B7YG8",
];

fn error_model(detail: &str) -> Value {
    json!({"field": "customer_id", "detail": detail, "explanation": "see the documentation"})
}

/// The API: per contact id, one kind of answer; Get Customer and Deactivate Customer too.
async fn api_server() -> MockServer {
    let api = MockServer::start().await;
    let contact = support::example(
        "cro",
        "/customers/{customer_id}/contacts/{customer_contact_id}",
        "get",
    );
    let routes: Vec<(&str, ResponseTemplate)> = vec![
        (
            "/customers/1",
            ResponseTemplate::new(200).set_body_json(support::example(
                "cro",
                "/customers/{customer_id}",
                "get",
            )),
        ),
        (
            "/customers/1/contacts/1",
            ResponseTemplate::new(200).set_body_json(contact.clone()),
        ),
        (
            "/customers/1/contacts/2",
            ResponseTemplate::new(404).set_body_json(json!({"detail": "Not found."})),
        ),
        ("/customers/1/contacts/3", ResponseTemplate::new(503)),
        (
            "/customers/1/contacts/4",
            ResponseTemplate::new(500).set_body_string("<html>boom</html>"),
        ),
        (
            "/customers/1/contacts/5",
            ResponseTemplate::new(200).set_body_string("{\"id\": \"x\"}"),
        ),
        (
            "/customers/1/contacts/6",
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2023/04/19")
                .set_body_json(contact.clone()),
        ),
        (
            "/customers/1/contacts/7",
            ResponseTemplate::new(429).insert_header("retry-after", "0"),
        ),
        (
            "/customers/1/contacts/8",
            ResponseTemplate::new(400).set_body_json(error_model("customer_id is invalid")),
        ),
        (
            "/customers/1/contacts/9",
            ResponseTemplate::new(200)
                .set_body_json(contact.clone())
                .set_delay(Duration::from_secs(2)),
        ),
        (
            "/customers/1/contacts/10",
            ResponseTemplate::new(200).set_body_string(" ".repeat(100 * 1024)),
        ),
        (
            "/customers/1/locations/20",
            ResponseTemplate::new(200).set_body_json(support::example(
                "cro",
                "/customers/{customer_id}/locations/{customer_location_id}",
                "delete",
            )),
        ),
        (
            "/customers/1/locations/404",
            ResponseTemplate::new(404).set_body_json(error_model("no such location")),
        ),
        (
            "/customers/1/locations/409",
            ResponseTemplate::new(409).set_body_json(error_model("already inactive")),
        ),
    ];
    for (route, template) in routes {
        // CRO answers its pin on every status (contacts/6 answers another version on purpose).
        let template = if route == "/customers/1/contacts/6" {
            template
        } else {
            template.insert_header("x-api-version", "2019/02/08")
        };
        Mock::given(path(route))
            .respond_with(
                template.insert_header("x-request-id", "b24c2138-65af-4ed3-8e1d-b85a7dc8171c"),
            )
            .mount(&api)
            .await;
    }
    // The first access token has expired: the refreshing client gets a 401 and refreshes.
    Mock::given(header(
        "authorization",
        format!("Bearer {ACCESS_ONE}").as_str(),
    ))
    .respond_with(
        ResponseTemplate::new(401)
            .insert_header("x-api-version", "2019/02/08")
            .set_body_json(json!({"detail": "expired"})),
    )
    .with_priority(1)
    .mount(&api)
    .await;
    api
}

/// The token endpoint at `/token`: ACCESS_ONE and a rotated refresh token, then ACCESS_TWO;
/// and one failing path per way a token endpoint fails.
async fn auth_server() -> MockServer {
    let auth = MockServer::start().await;
    let issued = Arc::new(AtomicU32::new(0));
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(move |_: &Request| {
            let body = if issued.fetch_add(1, Ordering::SeqCst) == 0 {
                json!({"access_token": ACCESS_ONE, "expires_in": 3600, "refresh_token": ROTATED_REFRESH})
            } else {
                json!({"access_token": ACCESS_TWO, "expires_in": 3600})
            };
            ResponseTemplate::new(200).set_body_json(body)
        })
        .mount(&auth)
        .await;
    let echoed_form = format!(
        "grant_type=refresh_token&refresh_token={INITIAL_REFRESH}&client_id=client&client_secret={CLIENT_SECRET}"
    );
    let failures: Vec<(&str, ResponseTemplate)> = vec![
        (
            "/token-400",
            ResponseTemplate::new(400).set_body_json(json!({
                "error": "invalid_grant",
                "error_description": format!("refresh token {INITIAL_REFRESH} is revoked"),
                "received": echoed_form,
            })),
        ),
        (
            "/token-503",
            ResponseTemplate::new(503).set_body_string(format!("<html>{echoed_form}</html>")),
        ),
        (
            "/token-not-oauth",
            ResponseTemplate::new(200).set_body_json(json!({"echo": echoed_form})),
        ),
        (
            "/token-bad-expiry",
            ResponseTemplate::new(200).set_body_json(json!({
                "access_token": UNDECODED_ACCESS,
                "expires_in": "soon",
                "refresh_token": ROTATED_REFRESH,
            })),
        ),
        (
            "/token-unusable",
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": UNUSABLE_ACCESS, "expires_in": 3600})),
        ),
    ];
    for (route, template) in failures {
        Mock::given(path(route))
            .respond_with(template)
            .mount(&auth)
            .await;
    }
    auth
}

fn provider(token_url: String) -> customer_apis::RefreshingTokenBuilder {
    RefreshingToken::builder(token_url, "client", INITIAL_REFRESH).client_secret(CLIENT_SECRET)
}

fn client(api: &MockServer) -> customer_apis::cro::ClientBuilder {
    Client::builder()
        .base_url(api.uri())
        .tenant_id(1)
        .api_version(ApiVersion::V2019_02_08)
        .retry_policy(support::fast(3))
        .timeout(Duration::from_millis(400))
        .max_response_bytes(64 * 1024)
}

/// Every operation and every answer of [`api_server`].
async fn every_call(name: &str, client: &Client, shown: &mut Shown) {
    shown.result(&format!("{name} customer"), &client.get_customer(1).await);
    for id in 1..=10 {
        shown.result(
            &format!("{name} contact {id}"),
            &client.get_contact(1, id).await,
        );
    }
    for location in [20, 404, 409] {
        shown.result(
            &format!("{name} deactivate {location}"),
            &client.deactivate_location(1, location).await,
        );
    }
}

#[tokio::test]
async fn no_cro_credential_in_debug_display_or_logs_over_every_flow() {
    let logs = logs();
    let mut shown = Shown::default();
    let api = api_server().await;
    let auth = auth_server().await;

    // 1. A static token, and a refreshing one (refreshed after the 401, refresh token rotated).
    let static_builder = client(&api).bearer_token(STATIC_TOKEN);
    shown.push(format!("{static_builder:?}"));
    let static_client = static_builder.build().unwrap();
    shown.push(format!("{static_client:?}"));
    every_call("static", &static_client, &mut shown).await;
    let refreshing = provider(format!("{}/token", auth.uri())).build().unwrap();
    shown.push(format!("{refreshing:?}"));
    let refreshing_builder = client(&api).token_provider(refreshing.clone());
    shown.push(format!("{refreshing_builder:?}"));
    let refreshing_client = refreshing_builder.build().unwrap();
    shown.push(format!("{refreshing_client:?}"));
    every_call("refreshing", &refreshing_client, &mut shown).await;
    assert_eq!(refreshing.refreshes(), 2, "refreshed once after the 401");
    // The secrets really went over the wire: the second refresh sent the rotated token.
    let forms: Vec<String> = auth
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    assert!(forms[0].contains(INITIAL_REFRESH) && forms[0].contains(CLIENT_SECRET));
    assert!(forms[1].contains(ROTATED_REFRESH), "{forms:?}");
    let sent: Vec<String> = api
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter_map(|r| {
            r.headers
                .get("authorization")?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
        .collect();
    for token in [STATIC_TOKEN, ACCESS_ONE, ACCESS_TWO] {
        assert!(
            sent.contains(&format!("Bearer {token}")),
            "{token} was sent"
        );
    }

    // 2. Every way the token endpoint fails, several echoing the refresh token and secret.
    for route in [
        "/token-400",
        "/token-503",
        "/token-not-oauth",
        "/token-bad-expiry",
        "/token-unusable",
    ] {
        let client = client(&api)
            .refreshing_token(provider(format!("{}{route}", auth.uri())))
            .build()
            .unwrap();
        shown.result(route, &client.get_customer(1).await);
    }
    let closed = client(&api)
        .refreshing_token(provider("http://127.0.0.1:9/token".to_owned()))
        .build()
        .unwrap();
    shown.result("token endpoint refused", &closed.get_customer(1).await);
    // Refused when built now, before anything is sent.
    let plaintext = client(&api)
        .refreshing_token(provider("http://auth.example.com/token".to_owned()))
        .build();
    shown.result("plain-http token endpoint", &plaintext.map(drop));

    // 3. Connection refused; settings refused; the secret types themselves.
    let closed = support::cro_on("http://127.0.0.1:9", STATIC_TOKEN)
        .retry_policy(support::fast(3))
        .build()
        .unwrap();
    shown.result("connection refused", &closed.get_customer(1).await);
    for bad in [
        format!("{STATIC_TOKEN}{{{{"),
        format!("{STATIC_TOKEN}\r\nx-injected: 1"),
        format!("Bearer {STATIC_TOKEN}\0"),
    ] {
        let builder = Client::builder().bearer_token(bad).tenant_id(1);
        shown.push(format!("{builder:?}"));
        shown.result("bad token", &builder.build().map(drop));
    }
    let token = StaticToken::new(STATIC_TOKEN);
    let access = AccessToken {
        secret: ACCESS_TWO.to_owned().into(),
        generation: 2,
    };
    shown.push(format!("{token:?} {access:?}"));

    let logs = logs.text();
    let found = leaks(&SECRETS, &shown, &logs);
    eprintln!(
        "CRO: {} values and errors shown, {} log lines captured, {found} leaks found",
        shown.0.len(),
        logs.lines().count()
    );
    assert_eq!(found, 0, "credentials leaked into Debug/Display/logs");
    assert_shown(
        &shown.all(&logs),
        &[
            LOG_BRIDGE_MARKER,
            "customer_apis.call",
            "credential refreshed",
            "credentials rejected",
            "retrying",
            "George Jones",
            "HTTP 400",
            "HTTP 404",
            "HTTP 409",
            "HTTP 429",
            "HTTP 500",
            "HTTP 503",
            "could not decode",
            "API version mismatch",
            "timed out",
            "exceeds",
            "transport error",
            "token endpoint answered HTTP 400",
            "token endpoint answered HTTP 503",
            "not an OAuth token response",
            "token endpoint unreachable",
            "not usable",
            "plain http",
            "invalid token",
            "[REDACTED]",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// A server that echoes the bearer token back.

/// A token of the documented pattern, unique to one test through `tag`, with a `/` so that its
/// JSON-escaped form (`\/`) differs from it.
fn echo_token(tag: &str) -> String {
    format!("ZWNobw-{tag}.cGF5bG9hZA-{tag}.c2ln/{tag}+sig=")
}

/// Every form in which a server may echo `token`: as is, `/` escaped as JSON allows, every
/// character `\u`-escaped; and `tag`, which nothing else contains, as is and `\u`-escaped (an
/// excerpt may cut a token short).
fn echoed_forms(token: &str, tag: &str) -> Vec<String> {
    vec![
        token.to_owned(),
        token.replace('/', "\\/"),
        json_unicode_escaped(token),
        tag.to_owned(),
        json_unicode_escaped(tag),
    ]
}

/// A client whose server answers every request with `status` and the body `body(token)` makes
/// one call of each operation; the token must appear in no form in what is shown or logged, and
/// what is shown must contain each of `expected` (the flow ran as meant).
async fn echoed_back(
    tag: &str,
    refreshing: bool,
    status: u16,
    content_type: &str,
    body: impl Fn(&str) -> String,
    expected: &[&str],
) {
    let logs = logs();
    let token = echo_token(tag);
    let (api, auth) = (MockServer::start().await, MockServer::start().await);
    Mock::given(path_regex("^/customers/"))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("content-type", content_type)
                .insert_header("x-api-version", "2023/04/19")
                .set_body_string(body(&token)),
        )
        .mount(&api)
        .await;
    Mock::given(path("/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": token, "expires_in": 3600})),
        )
        .mount(&auth)
        .await;
    let builder = Client::builder()
        .base_url(api.uri())
        .tenant_id(1)
        .retry_policy(support::fast(3));
    let client = if refreshing {
        builder.refreshing_token(RefreshingToken::builder(
            format!("{}/token", auth.uri()),
            "client",
            "refresh",
        ))
    } else {
        builder.bearer_token(&token)
    }
    .build()
    .unwrap();
    let mut shown = Shown::default();
    shown.result("get_customer", &client.get_customer(1).await);
    shown.result("get_contact", &client.get_contact(1, 1).await);
    shown.result("deactivate", &client.deactivate_location(1, 20).await);
    // The token really went out, and came back.
    let received = api.received_requests().await.unwrap();
    assert!(!received.is_empty());
    for request in &received {
        let sent = request.headers.get("authorization").unwrap();
        assert_eq!(sent.to_str().unwrap(), format!("Bearer {token}"));
    }
    let logs = logs.text();
    let forms = echoed_forms(&token, tag);
    let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
    let found = leaks(&forms, &shown, &logs);
    assert_shown(&shown.all(""), expected);
    assert_eq!(found, 0, "the echoed token leaked into Debug/Display/logs");
}

#[tokio::test]
async fn a_token_echoed_in_detail_is_not_shown() {
    echoed_back(
        "Dt7Kq",
        false,
        400,
        "application/json",
        |t| json!({"detail": format!("Bearer {t} is not valid for tenant 1")}).to_string(),
        &["HTTP 400"],
    )
    .await;
}

#[tokio::test]
async fn a_token_echoed_in_field_is_not_shown() {
    echoed_back(
        "Fl3Vx",
        false,
        400,
        "application/json",
        |t| {
            json!({"field": format!("Authorization: Bearer {t}"), "detail": "bad header"})
                .to_string()
        },
        &["HTTP 400", "bad header"],
    )
    .await;
}

#[tokio::test]
async fn a_token_echoed_in_explanation_is_not_shown() {
    echoed_back(
        "Ex9Pw",
        false,
        401,
        "application/json",
        |t| {
            json!({"detail": "unauthorized", "explanation": format!("we received {t}; send a fresh one")})
                .to_string()
        },
        &["HTTP 401", "unauthorized"],
    )
    .await;
}

#[tokio::test]
async fn a_refreshed_access_token_echoed_in_detail_is_not_shown() {
    echoed_back(
        "Rf5Gz",
        true,
        400,
        "application/json",
        |t| json!({"detail": format!("token {t} lacks a scope")}).to_string(),
        &["HTTP 400"],
    )
    .await;
}

/// An error page listing the request's headers (the token within the excerpt's first bytes).
fn headers_page(status: &str, token: &str) -> String {
    format!(
        "<html><body><h1>{status}</h1><pre>Authorization: Bearer {token}\nx-tenant-id: 1\n\
         Accept: application/json</pre></body></html>"
    )
}

#[tokio::test]
async fn a_token_echoed_in_an_html_400_page_is_not_shown() {
    echoed_back(
        "Hf4Ld",
        false,
        400,
        "text/html",
        |t| headers_page("400 Bad Request", t),
        &["HTTP 400", "body starts"],
    )
    .await;
}

#[tokio::test]
async fn a_token_echoed_in_an_html_502_page_is_not_shown_or_logged_on_retries() {
    echoed_back(
        "Gw2Nm",
        false,
        502,
        "text/html",
        |t| headers_page("502 Bad Gateway", t),
        &["HTTP 502", "body starts", "3 attempts"],
    )
    .await;
}

#[tokio::test]
async fn a_token_echoed_in_a_200_that_does_not_decode_is_not_shown() {
    echoed_back(
        "Dc6Yr",
        false,
        200,
        "application/json",
        |t| {
            json!({"id": "not a number", "request": format!("GET / Authorization: Bearer {t}")})
                .to_string()
        },
        &["could not decode"],
    )
    .await;
}

#[tokio::test]
async fn a_json_escaped_token_in_detail_is_not_shown() {
    echoed_back(
        "Je8Ub",
        false,
        400,
        "application/json",
        |t| {
            format!(
                r#"{{"field": "{}", "detail": "token {} rejected"}}"#,
                t.replace('/', "\\/"),
                json_unicode_escaped(t)
            )
        },
        &["HTTP 400", "rejected"],
    )
    .await;
}

#[tokio::test]
async fn a_json_escaped_token_in_a_200_that_does_not_decode_is_not_shown() {
    echoed_back(
        "Js1Hc",
        false,
        200,
        "application/json",
        |t| {
            // Both within the excerpt's first 200 bytes.
            format!(
                r#"{{"id": "x", "raw": "{}", "echo": "{}"}}"#,
                t.replace('/', "\\/"),
                json_unicode_escaped(t)
            )
        },
        &["could not decode"],
    )
    .await;
}
