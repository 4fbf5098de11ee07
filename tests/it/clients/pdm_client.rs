//! The PDM client against a local server: sessions, lookups, every status code.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support;
use customer_apis::pdm::{Client, CustomerLookup};
use customer_apis::{Error, PdmStatus, RetryPolicy, VendorCode};
use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "pdm-api-key-SECRET-42";

fn customer_sample() -> Value {
    support::example("pdm", "/GetCustomer", "post")
}

fn status(code: i64, details: &str) -> Value {
    json!({"status": {"code": code, "details": details}})
}

/// A GetSessionToken endpoint that hands out `token-<n>`, valid for `valid_for`.
async fn sessions(server: &MockServer, valid_for: chrono::Duration) -> Arc<Mutex<u32>> {
    let count = Arc::new(Mutex::new(0u32));
    let seen = count.clone();
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .and(body_partial_json(json!({"company_id": 9001, "key": API_KEY})))
        .respond_with(move |_: &Request| {
            let mut n = seen.lock().unwrap();
            *n += 1;
            let expires = (chrono::Utc::now() + valid_for).format("%Y-%m-%d %H:%M:%S").to_string();
            ResponseTemplate::new(200).set_delay(Duration::from_millis(30)).set_body_json(json!({
                "status": {"code": 101, "details": "OK"},
                "session": {"session_token": format!("token-{n}"), "expires_local_datetime": expires, "expires_utc_datetime": expires}
            }))
        })
        .mount(server)
        .await;
    count
}

fn client(server: &MockServer) -> Client {
    support::pdm_on(&server.uri(), API_KEY)
        .retry_policy(
            RetryPolicy::default()
                .initial_delay(Duration::from_millis(5))
                .max_delay(Duration::from_millis(20)),
        )
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_docs_sample_decodes_and_the_session_is_fetched_once_and_put_in_every_body() {
    let server = MockServer::start().await;
    let fetched = sessions(&server, chrono::Duration::hours(1)).await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .and(body_partial_json(
            json!({"company_id": 9001, "session_token": "token-1", "customer_id": 1408}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_sample()))
        .expect(8)
        .mount(&server)
        .await;
    let c = client(&server);
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move { c.get_customer(&CustomerLookup::id(1408)).await })
        })
        .collect();
    for call in calls {
        let customer = call.await.unwrap().expect("decodes");
        assert_eq!(customer.customer_ref, "C001408");
        assert_eq!(customer.gender.as_deref(), Some("Male"));
    }
    assert_eq!(
        *fetched.lock().unwrap(),
        1,
        "concurrent calls share one GetSessionToken"
    );
}

#[tokio::test]
async fn an_expiring_session_is_renewed_and_a_202_renews_once() {
    let server = MockServer::start().await;
    // Valid for 30 s, renewed 60 s early: every call renews.
    let fetched = sessions(&server, chrono::Duration::seconds(30)).await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_sample()))
        .mount(&server)
        .await;
    let c = client(&server);
    c.get_customer(&CustomerLookup::id(1)).await.unwrap();
    c.get_customer(&CustomerLookup::id(1)).await.unwrap();
    assert_eq!(*fetched.lock().unwrap(), 2);

    let server = MockServer::start().await;
    let fetched = sessions(&server, chrono::Duration::hours(1)).await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .and(body_partial_json(json!({"session_token": "token-1"})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(status(202, "Invalid / inactive API key")),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .and(body_partial_json(json!({"session_token": "token-2"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_sample()))
        .mount(&server)
        .await;
    client(&server)
        .get_customer(&CustomerLookup::external_ref("EXTREF164736"))
        .await
        .expect("renewed after 202");
    assert_eq!(*fetched.lock().unwrap(), 2);
}

#[tokio::test]
async fn every_status_code_other_than_101_is_a_typed_error_with_its_details() {
    let cases = [
        (201, PdmStatus::InvalidCompanyId),
        (202, PdmStatus::InvalidApiKey),
        (204, PdmStatus::IpAddressNotApproved),
        (205, PdmStatus::RateLimitExceeded),
        (301, PdmStatus::RequiredDataMissing),
        (302, PdmStatus::DataExceededParameters),
        (303, PdmStatus::IncorrectDataType),
        (401, PdmStatus::NoMatchingCustomer),
        (500, PdmStatus::GeneralServiceError),
        (999, PdmStatus::Other(999)),
    ];
    for (code, expected) in cases {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/GetCustomer"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(status(code, &format!("details of {code}"))),
            )
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .company_id(9001)
            .session_token("9001|abc|0001")
            .retry_policy(RetryPolicy::disabled())
            .build()
            .unwrap();
        let err = c.get_customer(&CustomerLookup::id(1)).await.unwrap_err();
        let api = err.api().unwrap_or_else(|| panic!("{code}: {err:?}"));
        assert_eq!(api.code, Some(VendorCode::from(expected)), "{code}");
        assert_eq!(
            api.detail.as_deref(),
            Some(format!("details of {code}").as_str())
        );
        assert_eq!(err.is_retryable(), code == 205, "{code}");
        assert!(err.to_string().contains(&format!("code {code}")), "{err}");
    }
}

#[tokio::test]
async fn rate_limit_205_is_retried_with_backoff() {
    let server = MockServer::start().await;
    sessions(&server, chrono::Duration::hours(1)).await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(ResponseTemplate::new(200).set_body_json(status(205, "Rate limit exceeded")))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_sample()))
        .mount(&server)
        .await;
    let customer = client(&server)
        .get_customer(&CustomerLookup::id(1408))
        .await
        .expect("succeeds on the third attempt");
    assert_eq!(customer.meta().attempts, 3);
}

#[tokio::test]
async fn bad_lookups_and_settings_fail_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let c = client(&server);
    let field_of = |e: Error| match e {
        Error::InvalidInput { field, rule } => format!("{field}: {rule}"),
        other => panic!("expected invalid input, got {other:?}"),
    };
    assert_eq!(
        field_of(
            c.get_customer(&CustomerLookup::external_ref("x".repeat(51)))
                .await
                .unwrap_err()
        ),
        "external_customer_ref: must be at most 50 characters long"
    );
    assert!(field_of(
        c.get_customer(&CustomerLookup::external_ref(""))
            .await
            .unwrap_err()
    )
    .starts_with("external_customer_ref"));
    assert!(
        field_of(CustomerLookup::from_parts(None, None).unwrap_err())
            .contains("one of them is required")
    );
    assert_eq!(
        CustomerLookup::from_parts(Some(1), Some("R".into())).unwrap(),
        CustomerLookup::Both {
            customer_id: 1,
            external_customer_ref: "R".into()
        }
    );
    assert!(field_of(
        Client::builder()
            .company_id(1)
            .api_key("k")
            .build()
            .unwrap_err()
    )
    .starts_with("base_url"));
    assert!(field_of(
        Client::builder()
            .base_url(server.uri())
            .api_key("k")
            .build()
            .unwrap_err()
    )
    .starts_with("company_id"));
    assert!(field_of(
        Client::builder()
            .base_url(server.uri())
            .company_id(1)
            .build()
            .unwrap_err()
    )
    .starts_with("api_key"));
    assert!(field_of(
        Client::builder()
            .base_url(server.uri())
            .company_id(1)
            .api_key(" ")
            .build()
            .unwrap_err()
    )
    .starts_with("api_key"));
    assert!(server.received_requests().await.unwrap().is_empty());
    let shown = format!("{c:?}");
    assert!(!shown.contains(API_KEY), "{shown}");
}
