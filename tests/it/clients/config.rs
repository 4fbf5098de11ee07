//! One `Config` value for the settings every vendor shares: `.config(..)` sets them all, a
//! setter after it changes one, and the same value configures each vendor.

use std::time::Duration;

use customer_apis::{Config, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn shared() -> Config {
    let mut config = Config::default();
    config.retry = RetryPolicy::disabled();
    config.max_response_bytes = 64;
    config.user_agent = "shared-config/1.0".to_owned();
    config
}

/// Answers `status` to any GET, with CRO's pinned version and a body past the 64-byte cap.
async fn server(status: u16) -> MockServer {
    let server = MockServer::start().await;
    let body = json!({"status": "success", "data": {"padding": "x".repeat(200)}});
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("x-api-version", "2023/04/19")
                .set_body_json(body),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn one_config_value_sets_every_shared_setting_of_each_vendor() {
    assert_eq!(Config::default().max_response_bytes, 4 * 1024 * 1024);
    assert_eq!(Config::default().retry, RetryPolicy::default());

    // Retries disabled: one request for a 503. The user agent is the config's.
    let unavailable = server(503).await;
    let fox = customer_apis::foxtrot::Client::builder()
        .base_url(unavailable.uri())
        .api_key("key")
        .config(shared())
        .build()
        .unwrap();
    let err = fox.get_customer("dc", "c").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{err}");
    let sent = unavailable.received_requests().await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].headers["user-agent"], "shared-config/1.0");

    // The size cap is the config's: the 200 body is past 64 bytes.
    let large = server(200).await;
    let cro = customer_apis::cro::Client::builder()
        .base_url(large.uri())
        .bearer_token("a.b.c")
        .tenant_id(1)
        .config(shared())
        .build()
        .unwrap();
    let err = cro.get_customer(1).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::ResponseTooLarge { limit: 64, .. } | Error::VersionMismatch { .. }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_setter_after_config_changes_only_its_field() {
    let large = server(200).await;
    let fox = customer_apis::foxtrot::Client::builder()
        .base_url(large.uri())
        .api_key("key")
        .config(shared())
        .max_response_bytes(1024)
        .build()
        .unwrap();
    // 1024 bytes is enough for the body: it decodes (as a customer it lacks fields).
    let err = fox.get_customer("dc", "c").await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    // Retries still disabled by the config.
    assert_eq!(large.received_requests().await.unwrap().len(), 1);

    // A zero timeout in the config is refused at build, naming the setting.
    let mut config = shared();
    config.timeout = Duration::ZERO;
    let err = customer_apis::foxtrot::Client::builder()
        .api_key("key")
        .config(config)
        .build()
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "timeout"),
        "{err}"
    );
}

/// Every setting that is a wait: past one year it is refused at `build()`, naming the setting
/// (a longer wait is a mistake, and a deadline that far is past what the clock holds); a year
/// itself is accepted.
#[test]
fn a_wait_past_a_year_is_refused_at_build_naming_the_setting() {
    use customer_apis::{cro, RefreshingToken};
    const YEAR: Duration = Duration::from_secs(365 * 24 * 60 * 60);
    let over = YEAR + Duration::from_nanos(1);
    let cro = || cro::Client::builder().bearer_token("a.b.c").tenant_id(1);
    let token = || RefreshingToken::builder("https://auth.example.com/token", "c", "r");
    type Build = Box<dyn Fn(Duration) -> Result<(), Error>>;
    let settings: [(&str, Build); 8] = [
        (
            "connect_timeout",
            Box::new(move |d| cro().connect_timeout(d).build().map(drop)),
        ),
        (
            "timeout",
            Box::new(move |d| cro().timeout(d).build().map(drop)),
        ),
        (
            "operation_timeout",
            Box::new(move |d| cro().operation_timeout(d).build().map(drop)),
        ),
        (
            "retry_policy.initial_delay",
            Box::new(move |d| {
                let policy = RetryPolicy::default().initial_delay(d).max_delay(d);
                cro().retry_policy(policy).build().map(drop)
            }),
        ),
        (
            "retry_policy.max_delay",
            Box::new(move |d| {
                let policy = RetryPolicy::default().max_delay(d);
                cro().retry_policy(policy).build().map(drop)
            }),
        ),
        (
            "retry_policy.max_retry_after",
            Box::new(move |d| {
                let policy = RetryPolicy::default().max_retry_after(d);
                cro().retry_policy(policy).build().map(drop)
            }),
        ),
        (
            "timeout",
            Box::new(move |d| token().timeout(d).build().map(drop)),
        ),
        (
            "connect_timeout",
            Box::new(move |d| token().connect_timeout(d).build().map(drop)),
        ),
    ];
    for (setting, build) in &settings {
        build(YEAR).unwrap_or_else(|e| panic!("{setting}: a year is allowed: {e}"));
        for wait in [over, Duration::from_secs(u64::MAX), Duration::MAX] {
            match build(wait) {
                Err(Error::InvalidInput { field, rule }) => {
                    assert_eq!(field, *setting);
                    assert_eq!(rule, "must be at most one year (365 days)");
                }
                other => panic!("{setting} = {wait:?}: {other:?}"),
            }
        }
    }
}
