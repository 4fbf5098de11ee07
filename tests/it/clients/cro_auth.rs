//! CRO client settings, credentials and redaction.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support;
use crate::support::TOKEN;
use customer_apis::cro::{ApiVersion, Client};
use customer_apis::{Error, RefreshingToken, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn contact() -> Value {
    support::example(
        "cro",
        "/customers/{customer_id}/contacts/{customer_contact_id}",
        "get",
    )
}

fn invalid(result: Result<Client, Error>) -> (String, String) {
    match result {
        Err(Error::InvalidInput { field, rule }) => (field.into_owned(), rule.into_owned()),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn the_builder_rejects_bad_settings_naming_the_field_and_rule_and_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).insert_header("x-api-version", "2019/02/08"))
        .expect(0)
        .mount(&server)
        .await;
    let base = || {
        Client::builder()
            .base_url(server.uri())
            .bearer_token(TOKEN)
            .tenant_id(1)
    };
    let cases: Vec<(&str, Result<Client, Error>, &str, &str)> = vec![
        (
            "no token",
            Client::builder()
                .base_url(server.uri())
                .tenant_id(1)
                .build(),
            "bearer_token",
            "required",
        ),
        // The documented pattern's unescaped dots match any one character, so only characters
        // outside its classes, twice in a row, break it.
        (
            "token breaks the pattern",
            base().bearer_token("abc{{def").build(),
            "bearer_token",
            "header.payload.signature",
        ),
        (
            "token with spaces",
            base().bearer_token("abc  def  ghi").build(),
            "bearer_token",
            "must not contain a space",
        ),
        (
            "empty token",
            base().bearer_token("").build(),
            "bearer_token",
            "header.payload.signature",
        ),
        (
            "token with CR LF",
            base().bearer_token("abc.def\r\nx-evil: 1").build(),
            "bearer_token",
            "control characters",
        ),
        (
            "token over 256",
            base()
                .bearer_token(format!("{}.{}", "a".repeat(200), "b".repeat(60)))
                .build(),
            "bearer_token",
            "at most 256",
        ),
        (
            "no tenant",
            Client::builder()
                .base_url(server.uri())
                .bearer_token(TOKEN)
                .build(),
            "tenant_id",
            "required",
        ),
        (
            "tenant not an integer",
            base().tenant_id("acme").build(),
            "tenant_id",
            "integer",
        ),
        (
            "tenant with LF",
            base().tenant_id("1\n2").build(),
            "tenant_id",
            "control characters",
        ),
        (
            "base URL not a URL",
            base().base_url("not a url").build(),
            "base_url",
            "absolute URL",
        ),
        (
            "base URL ftp",
            base().base_url("ftp://example.com").build(),
            "base_url",
            "http or https",
        ),
        (
            "zero timeout",
            base().timeout(Duration::ZERO).build(),
            "timeout",
            "greater than zero",
        ),
        (
            "zero connect timeout",
            base().connect_timeout(Duration::ZERO).build(),
            "connect_timeout",
            "greater than zero",
        ),
        (
            "user agent with LF",
            base().user_agent("a\nb").build(),
            "user_agent",
            "header value",
        ),
    ];
    for (case, result, field, rule) in cases {
        let (got_field, got_rule) = invalid(result);
        assert_eq!(got_field, field, "{case}");
        assert!(got_rule.contains(rule), "{case}: {got_rule}");
    }
    assert!("2020/01/01"
        .parse::<ApiVersion>()
        .unwrap_err()
        .to_string()
        .contains("must be one of 2019/02/08"));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn the_bearer_scheme_is_read_case_insensitively() {
    for token in [
        TOKEN.to_owned(),
        format!("Bearer {TOKEN}"),
        format!("bearer {TOKEN}"),
        format!("BEARER {TOKEN}"),
    ] {
        Client::builder()
            .bearer_token(token)
            .tenant_id(1)
            .build()
            .expect("accepted");
    }
}

#[test]
fn client_builder_and_providers_never_show_a_secret_in_debug() {
    let builder = Client::builder().bearer_token(TOKEN).tenant_id(7);
    let shown = format!("{builder:?}");
    assert!(
        !shown.contains(TOKEN) && shown.contains("REDACTED"),
        "{shown}"
    );
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert!(
        !shown.contains(TOKEN) && shown.contains("REDACTED"),
        "{shown}"
    );
    let provider =
        RefreshingToken::builder("http://127.0.0.1:1/token", "client-1", "refresh-SECRET-1")
            .client_secret("client-SECRET-2")
            .build()
            .unwrap();
    let shown = format!("{provider:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
    let with_provider = Client::builder()
        .token_provider(provider)
        .tenant_id(1)
        .build()
        .unwrap();
    assert!(!format!("{with_provider:?}").contains("SECRET"));
    fn assert_send_sync_clone<T: Send + Sync + Clone>() {}
    assert_send_sync_clone::<Client>();
}

/// A token endpoint that counts refreshes and hands out `access-<n>.sig` tokens.
async fn token_endpoint(expires_in: u64, delay: Duration) -> (MockServer, Arc<Mutex<u32>>) {
    let server = MockServer::start().await;
    let count = Arc::new(Mutex::new(0u32));
    let seen = count.clone();
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("client_id=client-1"))
        .respond_with(move |_: &Request| {
            let mut n = seen.lock().unwrap();
            *n += 1;
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2019/02/08")
                .set_delay(delay)
                .set_body_json(json!({"access_token": format!("access-{n}.sig"), "expires_in": expires_in, "token_type": "Bearer"}))
        })
        .mount(&server)
        .await;
    (server, count)
}

fn refreshing_client(api: &MockServer, auth: &MockServer) -> (Client, RefreshingToken) {
    let provider = RefreshingToken::builder(
        format!("{}/oauth/token", auth.uri()),
        "client-1",
        "refresh-SECRET",
    )
    .build()
    .unwrap();
    let client = Client::builder()
        .base_url(api.uri())
        .token_provider(provider.clone())
        .tenant_id(1)
        .api_version(ApiVersion::V2019_02_08)
        // Two attempts: a repeat after a refused token is an attempt of the call's budget.
        .retry_policy(RetryPolicy::disabled().max_attempts(2))
        .build()
        .unwrap();
    (client, provider)
}

#[tokio::test]
async fn the_refreshing_provider_fetches_once_for_concurrent_calls() {
    let (auth, refreshes) = token_endpoint(3600, Duration::from_millis(100)).await;
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer access-1.sig"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_json(contact()),
        )
        .expect(16)
        .mount(&api)
        .await;
    let (client, provider) = refreshing_client(&api, &auth);
    let calls = (0..16).map(|i| {
        let c = client.clone();
        tokio::spawn(async move { c.get_contact(1, i).await })
    });
    for call in calls {
        call.await.unwrap().expect("call succeeds");
    }
    assert_eq!(*refreshes.lock().unwrap(), 1);
    assert_eq!(provider.refreshes(), 1);
}

#[tokio::test]
async fn the_refreshing_provider_refreshes_before_expiry() {
    // Tokens live 61 s and are refreshed 60 s early: every call after the first second refreshes.
    let (auth, refreshes) = token_endpoint(61, Duration::ZERO).await;
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_json(contact()),
        )
        .mount(&api)
        .await;
    let (client, _) = refreshing_client(&api, &auth);
    client.get_contact(1, 1).await.unwrap();
    client.get_contact(1, 1).await.unwrap();
    assert_eq!(*refreshes.lock().unwrap(), 1, "still fresh");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.get_contact(1, 1).await.unwrap();
    assert_eq!(
        *refreshes.lock().unwrap(),
        2,
        "refreshed within the early margin"
    );
    let sent: Vec<String> = api
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        sent,
        [
            "Bearer access-1.sig",
            "Bearer access-1.sig",
            "Bearer access-2.sig"
        ]
    );
}

#[tokio::test]
async fn a_401_refreshes_once_under_concurrency_and_repeats_the_call() {
    let (auth, refreshes) = token_endpoint(3600, Duration::from_millis(50)).await;
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer access-1.sig"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_json(json!({"detail": "Token expired."})),
        )
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer access-2.sig"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_json(contact()),
        )
        .mount(&api)
        .await;
    let (client, _) = refreshing_client(&api, &auth);
    client
        .get_contact(1, 0)
        .await
        .expect("first call, fetches access-1, gets 401, refreshes once, succeeds");
    assert_eq!(*refreshes.lock().unwrap(), 2);

    // Everyone holding a rejected token at once: one refresh between them.
    api.reset().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer access-2.sig"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("x-api-version", "2019/02/08")
                .set_delay(Duration::from_millis(50)),
        )
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer access-3.sig"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_json(contact()),
        )
        .mount(&api)
        .await;
    let calls: Vec<_> = (0..8)
        .map(|i| {
            let c = client.clone();
            tokio::spawn(async move { c.get_contact(1, i).await })
        })
        .collect();
    for call in calls {
        call.await
            .unwrap()
            .expect("succeeds after one shared refresh");
    }
    assert_eq!(
        *refreshes.lock().unwrap(),
        3,
        "one refresh for eight rejected calls"
    );
}

#[tokio::test]
async fn a_static_token_rejected_with_401_is_an_error_without_retry() {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_json(json!({"detail": "Invalid token."})),
        )
        .expect(1)
        .mount(&api)
        .await;
    let client = Client::builder()
        .base_url(api.uri())
        .bearer_token(TOKEN)
        .tenant_id(1)
        .api_version(ApiVersion::V2019_02_08)
        .build()
        .unwrap();
    let err = client.get_customer(1).await.unwrap_err();
    assert!(matches!(&err, Error::Api(_)), "{err:?}");
    assert_eq!(err.status().unwrap().as_u16(), 401);
    assert!(!err.to_string().contains(TOKEN));
}

#[tokio::test]
async fn a_failing_token_endpoint_is_a_credentials_error_without_secrets() {
    let auth = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_string("invalid_grant"),
        )
        .mount(&auth)
        .await;
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).insert_header("x-api-version", "2019/02/08"))
        .expect(0)
        .mount(&api)
        .await;
    let (client, _) = refreshing_client(&api, &auth);
    let err = client.get_customer(1).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Credentials {
                retryable: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("HTTP 400"));
    assert!(!format!("{err:?}").contains("SECRET"));
}
