//! The embedded sandbox: it answers the vendors' documented samples with the documented
//! responses, behaves as the docs say, and serves every operation of the three clients.

use crate::support;
use customer_apis::cro::ApiVersion;
use customer_apis::pdm::CustomerLookup;
use customer_apis::sandbox::{self, Sandbox};
use customer_apis::{FoxtrotCode, PdmStatus, VendorCode};
use serde_json::{json, Value};

const TOKEN: &str = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";

async fn raw(request: reqwest::RequestBuilder) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = request.send().await.expect("the sandbox answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json::<Value>().await.unwrap_or(Value::Null);
    (status, headers, body)
}

fn cro(
    http: &reqwest::Client,
    sandbox: &Sandbox,
    method: reqwest::Method,
    path: &str,
) -> reqwest::RequestBuilder {
    http.request(method, format!("{}{path}", sandbox.base_url()))
        .header("Authorization", TOKEN)
        .header("Content-Type", "application/json")
        .header("x-tenant-id", "1")
}

#[tokio::test]
async fn cro_answers_the_docs_sample_requests_with_the_docs_responses() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let (status, headers, body) =
        raw(cro(&http, &sandbox, reqwest::Method::GET, "/customers/1")).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        support::example("cro", "/customers/{customer_id}", "get")
    );
    assert_eq!(
        headers["x-api-version"], "2019/02/08",
        "no version sent: the docs' samples' version"
    );
    uuid::Uuid::parse_str(headers["x-request-id"].to_str().unwrap())
        .expect("x-request-id is a UUID");

    let (status, _, body) = raw(cro(
        &http,
        &sandbox,
        reqwest::Method::GET,
        "/customers/1/contacts/1",
    ))
    .await;
    assert_eq!(
        (status, body),
        (
            200,
            support::example(
                "cro",
                "/customers/{customer_id}/contacts/{customer_contact_id}",
                "get"
            )
        )
    );

    let (status, _, body) = raw(cro(
        &http,
        &sandbox,
        reqwest::Method::DELETE,
        "/customers/1/locations/1",
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        support::example(
            "cro",
            "/customers/{customer_id}/locations/{customer_location_id}",
            "delete"
        )
    );
}

#[tokio::test]
async fn cro_deactivate_really_deactivates_and_answers_in_the_requested_versions_shape() {
    let sandbox = Sandbox::start().await.unwrap();
    let old = sandbox
        .cro_client()
        .api_version(ApiVersion::V2019_02_08)
        .build()
        .unwrap();
    let new = sandbox
        .cro_client()
        .api_version(ApiVersion::V2023_04_19)
        .build()
        .unwrap();
    assert!(old
        .get_customer(1)
        .await
        .unwrap()
        .locations
        .iter()
        .all(|l| l.is_active));
    let location = new
        .deactivate_location(1, 20)
        .await
        .expect("2023/04/19 shape decodes");
    assert_eq!(
        (location.id, location.location_id, location.is_active),
        (1, 20, false)
    );
    assert_eq!(location.meta().api_version.as_deref(), Some("2023/04/19"));
    let after = old.get_customer(1).await.unwrap();
    let states: Vec<(i64, bool)> = after
        .locations
        .iter()
        .map(|l| (l.location_id, l.is_active))
        .collect();
    assert_eq!(states, [(1, true), (2, true), (20, false), (21, true)]);
    assert_eq!(
        old.deactivate_location(1, 20).await.expect("idempotent").id,
        1
    );

    let http = reqwest::Client::new();
    let (_, _, body) = raw(cro(
        &http,
        &sandbox,
        reqwest::Method::DELETE,
        "/customers/1/locations/21",
    )
    .header("x-api-version", "2021/04/07"))
    .await;
    assert_eq!(body["id"], json!(1));
    assert!(
        body.get("customer_id").is_none(),
        "renamed from 2021/04/07 on"
    );
    // No version header: the version this token last used (CRO's documented behaviour).
    let (_, headers, _) = raw(cro(&http, &sandbox, reqwest::Method::GET, "/customers/1")).await;
    assert_eq!(headers["x-api-version"], "2021/04/07");
}

#[tokio::test]
async fn cro_checks_token_tenant_version_and_triggers_each_documented_error() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", sandbox.base_url());
    let cases: Vec<(&str, reqwest::RequestBuilder, u16)> = vec![
        (
            "no token",
            http.get(url("/customers/1")).header("x-tenant-id", "1"),
            401,
        ),
        (
            "token breaking the pattern",
            http.get(url("/customers/1"))
                .header("Authorization", "Bearer a{{b")
                .header("x-tenant-id", "1"),
            401,
        ),
        (
            "no tenant",
            http.get(url("/customers/1")).header("Authorization", TOKEN),
            400,
        ),
        (
            "tenant not an integer",
            http.get(url("/customers/1"))
                .header("Authorization", TOKEN)
                .header("x-tenant-id", "acme"),
            400,
        ),
        (
            "unknown version",
            cro(&http, &sandbox, reqwest::Method::GET, "/customers/1")
                .header("x-api-version", "2020/01/01"),
            400,
        ),
        (
            "tenant not assigned",
            http.get(url("/customers/1"))
                .header("Authorization", TOKEN)
                .header("x-tenant-id", "403"),
            403,
        ),
        (
            "unknown customer",
            cro(&http, &sandbox, reqwest::Method::GET, "/customers/2"),
            404,
        ),
        (
            "unknown contact",
            cro(
                &http,
                &sandbox,
                reqwest::Method::GET,
                "/customers/1/contacts/9",
            ),
            404,
        ),
        (
            "unknown location",
            cro(
                &http,
                &sandbox,
                reqwest::Method::DELETE,
                "/customers/1/locations/9",
            ),
            404,
        ),
        (
            "not acceptable",
            cro(&http, &sandbox, reqwest::Method::GET, "/customers/1")
                .header("Accept", "text/html"),
            406,
        ),
        (
            "conflict",
            cro(&http, &sandbox, reqwest::Method::GET, "/customers/409"),
            409,
        ),
        (
            "rate limited",
            cro(&http, &sandbox, reqwest::Method::GET, "/customers/429"),
            429,
        ),
        (
            "server error",
            cro(&http, &sandbox, reqwest::Method::GET, "/customers/500"),
            500,
        ),
    ];
    for (case, request, expected) in cases {
        let (status, headers, body) = raw(request).await;
        assert_eq!(status, expected, "{case}");
        assert!(
            body.get("detail").is_some()
                && body.get("field").is_some()
                && body.get("explanation").is_some(),
            "{case}: {body}"
        );
        assert!(
            headers.contains_key("x-request-id") && headers.contains_key("x-api-version"),
            "{case}"
        );
    }
}

#[tokio::test]
async fn pdm_issues_expiring_sessions_and_answers_the_docs_sample_request() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let post = |method: &str, body: Value| {
        http.post(format!("{}/{method}", sandbox.base_url()))
            .json(&body)
    };
    let docs_request = json!({
        "company_id": 9001,
        "session_token": "9001|85d1c76d-5088-4cbe-a681-f3a86594dac9|0001",
        "customer_id": 1408,
        "external_customer_ref": ""
    });
    let (status, _, body) = raw(post("GetCustomer", docs_request)).await;
    assert_eq!(
        (status, body),
        (200, support::example("pdm", "/GetCustomer", "post"))
    );

    let (_, _, session) = raw(post(
        "GetSessionToken",
        json!({"company_id": 9001, "key": "any-key"}),
    ))
    .await;
    assert_eq!(session["status"]["code"], json!(101));
    let expires = session["session"]["expires_utc_datetime"].as_str().unwrap();
    let expires = chrono::NaiveDateTime::parse_from_str(expires, "%Y-%m-%d %H:%M:%S")
        .unwrap()
        .and_utc();
    assert!(
        expires > chrono::Utc::now() + chrono::Duration::minutes(50),
        "expires in about an hour"
    );
    let token = session["session"]["session_token"]
        .as_str()
        .unwrap()
        .to_owned();

    let lookup = |extra: Value| {
        let mut body = json!({"company_id": 9001, "session_token": token});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    let cases = [
        (
            post("GetSessionToken", json!({"company_id": 0, "key": "k"})),
            201,
        ),
        (
            post(
                "GetSessionToken",
                json!({"company_id": 9001, "key": sandbox::PDM_INVALID_API_KEY}),
            ),
            202,
        ),
        (
            post("GetSessionToken", json!({"company_id": 204, "key": "k"})),
            204,
        ),
        (post("GetSessionToken", json!({"company_id": 9001})), 301),
        (
            post("GetCustomer", lookup(json!({"customer_id": 205}))),
            205,
        ),
        (post("GetCustomer", lookup(json!({}))), 301),
        (
            post(
                "GetCustomer",
                lookup(json!({"external_customer_ref": "x".repeat(51)})),
            ),
            302,
        ),
        (
            post("GetCustomer", lookup(json!({"customer_id": "1408"}))),
            303,
        ),
        (post("GetCustomer", lookup(json!({"customer_id": 7}))), 401),
        (
            post("GetCustomer", lookup(json!({"customer_id": 500}))),
            500,
        ),
        (
            post(
                "GetCustomer",
                json!({"company_id": 9001, "session_token": "9001|unknown|0001", "customer_id": 1408}),
            ),
            202,
        ),
        (
            post(
                "GetCustomer",
                lookup(json!({"external_customer_ref": "EXTREF164736"})),
            ),
            101,
        ),
    ];
    for (request, code) in cases {
        let (status, _, body) = raw(request).await;
        assert_eq!(status, 200, "PDM answers HTTP 200 for code {code}");
        assert_eq!(body["status"]["code"], json!(code), "{body}");
    }
}

#[tokio::test]
async fn foxtrot_wraps_answers_and_answers_7001_for_a_location_that_is_not_confident() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let get = |p: &str| {
        http.get(format!("{}{p}", sandbox.base_url()))
            .header("Authorization", "Bearer key")
    };
    let base = "/dcs/Foxtrot-DC/customers/johns-burger-shack";
    assert_eq!(
        raw(get(base)).await.2,
        support::example("foxtrot", "/dcs/{dc_id}/customers/{customer_id}", "get")
    );
    assert_eq!(
        raw(get(&format!("{base}/confident-location"))).await.2,
        support::example(
            "foxtrot",
            "/dcs/{dc_id}/customers/{customer_id}/confident-location",
            "get"
        )
    );
    assert_eq!(
        raw(get(&format!("{base}/waypoints"))).await.2,
        support::example(
            "foxtrot",
            "/dcs/{dc_id}/customers/{customer_id}/waypoints",
            "get"
        )
    );
    let (status, _, body) = raw(get(
        "/dcs/Foxtrot-DC/customers/not-confident/confident-location",
    ))
    .await;
    assert_eq!(
        (status, body["status"].clone(), body["data"]["code"].clone()),
        (400, json!("error"), json!(7001))
    );
    assert_eq!(
        raw(http.get(format!("{}{base}", sandbox.base_url())))
            .await
            .0,
        401
    );
    assert_eq!(
        raw(get("/dcs/Other-DC/customers/johns-burger-shack"))
            .await
            .0,
        403
    );
    assert_eq!(raw(get("/dcs/Foxtrot-DC/customers/nobody")).await.0, 404);
}

#[tokio::test]
async fn every_operation_of_the_three_clients_works_against_the_sandbox() {
    let sandbox = Sandbox::start().await.unwrap();
    let cro = sandbox.cro_client().build().unwrap();
    assert_eq!(cro.get_customer(1).await.unwrap().name, "George Jones!!!?");
    assert_eq!(cro.get_contact(1, 1).await.unwrap().name, "George");
    assert!(!cro.deactivate_location(1, 2).await.unwrap().is_active);

    let pdm = sandbox.pdm_client().build().unwrap();
    let session = pdm.get_session_token().await.unwrap();
    assert!(session.session_token.expose().starts_with("9001|"));
    assert_eq!(
        pdm.get_customer(&CustomerLookup::id(1408))
            .await
            .unwrap()
            .customer_ref,
        "C001408"
    );
    let err = pdm
        .get_customer(&CustomerLookup::external_ref("NOPE"))
        .await
        .unwrap_err();
    assert_eq!(
        err.api().unwrap().code,
        Some(VendorCode::from(PdmStatus::NoMatchingCustomer))
    );

    let foxtrot = sandbox.foxtrot_client().build().unwrap();
    assert_eq!(
        foxtrot
            .get_customer("Foxtrot-DC", "johns-burger-shack")
            .await
            .unwrap()
            .name,
        "the customer's name"
    );
    assert_eq!(
        foxtrot
            .get_confident_location("Foxtrot-DC", "johns-burger-shack")
            .await
            .unwrap()
            .latitude,
        1.00456
    );
    assert_eq!(
        foxtrot
            .get_waypoints("Foxtrot-DC", "johns-burger-shack")
            .await
            .unwrap()
            .waypoints
            .len(),
        1
    );
    let err = foxtrot
        .get_confident_location("Foxtrot-DC", sandbox::FOXTROT_NOT_CONFIDENT_CUSTOMER)
        .await
        .unwrap_err();
    assert_eq!(
        err.api().unwrap().code,
        Some(VendorCode::from(FoxtrotCode::LocationNotConfident))
    );
}

#[tokio::test]
async fn the_sandbox_stops_when_dropped() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.addr();
    assert!(tokio::net::TcpStream::connect(addr).await.is_ok());
    drop(sandbox);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still listening after drop"
    );
}

#[tokio::test]
async fn the_sandbox_records_what_each_client_sent_with_every_credential_redacted() {
    let sandbox = Sandbox::start().await.unwrap();
    let cro_token = sandbox::CRO_SAMPLE_TOKEN;
    let (pdm_key, fox_key) = ("pdm-key-kept-secret", "foxtrot-key-kept-secret");
    sandbox
        .cro_client()
        .build()
        .unwrap()
        .get_customer(1)
        .await
        .unwrap();
    let pdm = sandbox.pdm_client().api_key(pdm_key).build().unwrap();
    pdm.get_customer(&CustomerLookup::id(1408)).await.unwrap();
    let session = pdm.get_session_token().await.unwrap().into_inner();
    let fox = sandbox.foxtrot_client().api_key(fox_key).build().unwrap();
    fox.get_customer("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap();

    let sent = sandbox.requests();
    let seen: Vec<(&str, &str)> = sent
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET", "/customers/1"),
            ("POST", "/GetSessionToken"),
            ("POST", "/GetCustomer"),
            ("POST", "/GetSessionToken"),
            ("GET", "/dcs/Foxtrot-DC/customers/johns-burger-shack"),
        ]
    );
    assert_eq!(sent[0].header("x-tenant-id"), Some("1"));
    assert_eq!(sent[0].header("x-api-version"), Some("2023/04/19"));
    assert_eq!(sent[0].header("authorization"), Some("[REDACTED]"));
    assert_eq!(sent[1].body["key"], json!("[REDACTED]"));
    assert_eq!(sent[1].body["company_id"], json!(9001));
    assert_eq!(sent[2].body["session_token"], json!("[REDACTED]"));
    assert_eq!(sent[2].body["customer_id"], json!(1408));
    assert_eq!(sent[4].header("authorization"), Some("[REDACTED]"));

    // The same log over HTTP, for the standalone sandbox; the control API is not logged.
    let http = reqwest::Client::new();
    let url = format!("{}/__sandbox/requests", sandbox.base_url());
    let (status, _, over_http) = raw(http.get(&url)).await;
    assert_eq!(status, 200);
    assert_eq!(over_http, serde_json::to_value(&sent).unwrap());
    let text = over_http.to_string();
    for secret in [cro_token, pdm_key, fox_key, session.session_token.expose()] {
        assert!(!text.contains(secret), "the log shows a credential");
    }
    let (status, _, _) = raw(http.delete(&url)).await;
    assert_eq!(status, 204);
    assert!(sandbox.requests().is_empty());
}

#[tokio::test]
async fn the_oauth_endpoint_issues_rotates_expires_and_refuses_tokens_for_refreshing_token() {
    use customer_apis::sandbox::{OAuthSettings, CRO_REFRESH_TOKEN};
    use customer_apis::ErrorKind;

    let sandbox = Sandbox::start().await.unwrap();
    let provider = crate::support::sandbox_grant(&sandbox).build().unwrap();
    let cro = sandbox
        .cro_client()
        .token_provider(provider.clone())
        .build()
        .unwrap();
    cro.get_customer(1).await.unwrap();
    cro.get_contact(1, 1).await.unwrap();
    assert_eq!(provider.refreshes(), 1, "one token for both calls");

    // The refresh token was rotated: the one the app started with is refused now.
    let http = reqwest::Client::new();
    let grant = |refresh: &str| {
        http.post(sandbox.oauth_token_url()).form(&[
            ("grant_type", "refresh_token"),
            ("client_id", "sandbox-client"),
            ("refresh_token", refresh),
        ])
    };
    let (status, _, body) = raw(grant(CRO_REFRESH_TOKEN)).await;
    assert_eq!(
        (status, body["error"].clone()),
        (400, json!("invalid_grant"))
    );

    // Short-lived tokens without rotation: CRO accepts an issued token, then refuses it expired.
    let sandbox = Sandbox::start().await.unwrap();
    let mut settings = OAuthSettings::default();
    settings.token_lifetime_secs = 1;
    settings.rotate_refresh_tokens = false;
    sandbox.set_oauth(settings);
    let grant = http.post(sandbox.oauth_token_url()).form(&[
        ("grant_type", "refresh_token"),
        ("client_id", "sandbox-client"),
        ("refresh_token", CRO_REFRESH_TOKEN),
    ]);
    let (status, _, answer) = raw(grant).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["expires_in"], json!(1));
    assert!(answer.get("refresh_token").is_none());
    let access = answer["access_token"].as_str().unwrap().to_owned();
    let fixed = sandbox.cro_client().bearer_token(&access).build().unwrap();
    fixed.get_customer(1).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let err = fixed.get_customer(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CredentialRejected, "{err}");

    // Refusal: the provider's error, nothing sent to CRO.
    let mut settings = OAuthSettings::default();
    settings.refuse = true;
    sandbox.set_oauth(settings);
    sandbox.clear_requests();
    let refused = sandbox
        .cro_client()
        .refreshing_token(crate::support::sandbox_grant(&sandbox))
        .build()
        .unwrap();
    let err = refused.get_customer(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Credentials, "{err}");
    assert!(sandbox.requests().iter().all(|r| r.path == "/oauth/token"));
}

#[tokio::test]
async fn the_default_seed_links_one_customer_across_the_three_vendors() {
    let sandbox = Sandbox::start().await.unwrap();
    let cro = sandbox
        .cro_client()
        .build()
        .unwrap()
        .get_customer(7)
        .await
        .unwrap();
    let pdm_client = sandbox.pdm_client().build().unwrap();
    let by_id = pdm_client
        .get_customer(&CustomerLookup::id(2001))
        .await
        .unwrap();
    let by_ref = pdm_client
        .get_customer(&CustomerLookup::external_ref("CRO-7"))
        .await
        .unwrap();
    let fox = sandbox
        .foxtrot_client()
        .build()
        .unwrap()
        .get_customer("Foxtrot-DC", "cro-7")
        .await
        .unwrap();

    assert_eq!(cro.name, "Ada Lovelace");
    assert_eq!(by_id.external_customer_ref.as_deref(), Some("CRO-7"));
    assert_eq!(by_ref.customer_id, 2001);
    assert_eq!(
        (by_id.first_name.as_deref(), by_id.last_name.as_deref()),
        (Some("Ada"), Some("Lovelace"))
    );
    assert_eq!(fox.name, "Ada Lovelace");
    // The same address in the three vendors' own shapes.
    let street = "12 Harbour Road";
    assert!(cro
        .addresses
        .iter()
        .all(|a| a.line_1.as_deref() == Some(street)));
    let pdm_address = serde_json::to_value(&by_id.address).unwrap();
    assert_eq!(pdm_address["line_1"], json!(street));
    assert!(fox
        .imported_address
        .as_deref()
        .is_some_and(|a| a.starts_with(street)));
}

#[test]
fn a_bad_seed_is_refused_naming_the_record_its_line_and_the_rule() {
    use customer_apis::sandbox::Seed;
    let cases = [
        ("acme: {}", "acme", Some(1), "is not a vendor"),
        (
            "cro: {getCustomers: []}",
            "cro.getCustomers",
            Some(1),
            "is not an operation",
        ),
        (
            "cro: {getCustomer: [{params: {customer: 7}, body: {}}]}",
            "cro.getCustomer[0]",
            Some(1),
            "`params.customer` is not a parameter of getCustomer (customer_id)",
        ),
        (
            "foxtrot: {getCustomer: [{params: {customer_id: x}, body: {id: x, name: [1]}}]}",
            "foxtrot.getCustomer[0]",
            Some(1),
            "body: name: invalid type",
        ),
        // Block style: the line the bad record starts on, not the list's.
        (
            "# my seed\npdm:\n  GetCustomer:\n    - body: {customer_id: 5}\n\n    - params: {}\n",
            "pdm.GetCustomer[1]",
            Some(6),
            "has no `body`",
        ),
        ("[1, 2", "file", None, "not YAML or JSON"),
    ];
    assert_eq!(cases.len(), 6);
    for (text, record, line, rule) in cases {
        let err = Seed::from_text(text).unwrap_err();
        assert_eq!((err.record.as_str(), err.line), (record, line), "{text}");
        assert!(err.reason.contains(rule), "{text}: {err}");
        let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
        assert!(
            err.to_string().starts_with(&format!("seed {record}{at}: ")),
            "{err}"
        );
    }
}

/// The log as the control API serves it, checked equal to [`Sandbox::requests`].
async fn log_over_http(sandbox: &Sandbox) -> Value {
    let url = format!("{}/__sandbox/requests", sandbox.base_url());
    let (status, _, log) = raw(reqwest::Client::new().get(url)).await;
    assert_eq!(status, 200);
    assert_eq!(log, serde_json::to_value(sandbox.requests()).unwrap());
    log
}

#[tokio::test]
async fn the_request_log_masks_credentials_in_forms_queries_headers_and_text_bodies() {
    use customer_apis::sandbox::{CRO_REFRESH_TOKEN, CRO_SAMPLE_TOKEN};
    use customer_apis::RefreshingToken;

    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let secret = "client-secret-kept-secret";

    // 0: a grant by hand, form-encoded: the refresh token and client secret in the body.
    let grant = http.post(sandbox.oauth_token_url()).form(&[
        ("grant_type", "refresh_token"),
        ("client_id", "my-client"),
        ("client_secret", secret),
        ("refresh_token", CRO_REFRESH_TOKEN),
    ]);
    let (status, _, answer) = raw(grant).await;
    assert_eq!(status, 200, "{answer}");
    let issued = answer["access_token"].as_str().unwrap().to_owned();
    let rotated = answer["refresh_token"].as_str().unwrap().to_owned();

    // 1, 2: the SDK's own grant with the rotated refresh token, then the call it was for.
    let provider = RefreshingToken::builder(sandbox.oauth_token_url(), "my-client", &rotated)
        .client_secret(secret);
    let client = sandbox
        .cro_client()
        .refreshing_token(provider)
        .build()
        .unwrap();
    client.get_customer(1).await.unwrap();

    // 3: credentials in the query string, and in headers not named like one.
    let query = format!("/customers/1?api_key=query-key-secret&access_token={issued}&page=2");
    let (status, _, _) = raw(cro(&http, &sandbox, reqwest::Method::GET, &query)
        .header("x-debug", "session_token=header-pair-secret; lang=en")
        .header("x-trace", issued.as_str()))
    .await;
    assert_eq!(status, 200);

    // 4, 5: text bodies, one shaped like a form, one echoing an issued and the sample token.
    let notes = format!("{}/notes", sandbox.base_url());
    let text = |body: String| {
        http.post(&notes)
            .header("content-type", "text/plain")
            .body(body)
    };
    raw(text("note=hello&password=hunter2-secret".to_owned())).await;
    raw(text(format!("echo: {issued} and {CRO_SAMPLE_TOKEN}"))).await;

    // 6, 7: a PDM session the sandbox issued, then JSON fields not named like a credential
    // holding issued tokens or a form.
    let session = sandbox
        .pdm_client()
        .build()
        .unwrap()
        .get_session_token()
        .await
        .unwrap()
        .into_inner();
    let session = session.session_token.expose().to_owned();
    let json_body = json!({
        "note": issued,
        "pdm": session,
        "nested": [{"query": "x=1&api_key=json-pair-secret"}],
        "kept": "nothing secret here",
    });
    raw(http.post(&notes).json(&json_body)).await;

    let sent = sandbox.requests();
    let paths: Vec<&str> = sent.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/oauth/token",
            "/oauth/token",
            "/customers/1",
            "/customers/1?api_key=[REDACTED]&access_token=[REDACTED]&page=2",
            "/notes",
            "/notes",
            "/GetSessionToken",
            "/notes",
        ]
    );
    assert_eq!(
        sent[0].body,
        json!("grant_type=refresh_token&client_id=my-client&client_secret=[REDACTED]&refresh_token=[REDACTED]")
    );
    assert_eq!(
        sent[1].body,
        json!("grant_type=refresh_token&refresh_token=[REDACTED]&client_id=my-client&client_secret=[REDACTED]")
    );
    assert_eq!(sent[2].header("authorization"), Some("[REDACTED]"));
    assert_eq!(
        sent[3].header("x-debug"),
        Some("session_token=[REDACTED]; lang=en")
    );
    assert_eq!(sent[3].header("x-trace"), Some("[REDACTED]"));
    assert_eq!(sent[4].body, json!("note=hello&password=[REDACTED]"));
    assert_eq!(sent[5].body, json!("echo: [REDACTED] and [REDACTED]"));
    assert_eq!(
        sent[7].body,
        json!({
            "note": "[REDACTED]",
            "pdm": "[REDACTED]",
            "nested": [{"query": "x=1&api_key=[REDACTED]"}],
            "kept": "nothing secret here",
        })
    );

    // The control API serves the same log; no credential anywhere in it.
    let text = log_over_http(&sandbox).await.to_string();
    let secrets = [
        secret,
        CRO_REFRESH_TOKEN,
        CRO_SAMPLE_TOKEN,
        &rotated,
        &issued,
        &session,
        "query-key-secret",
        "header-pair-secret",
        "hunter2-secret",
        "json-pair-secret",
    ];
    assert_eq!(secrets.len(), 10);
    for secret in secrets {
        assert!(!text.contains(secret), "the log shows {secret:?}: {text}");
    }
}

#[tokio::test]
async fn a_fault_for_zero_calls_is_refused_over_http_and_applies_to_no_call_from_rust() {
    use customer_apis::sandbox::{Fault, FaultKind};
    use customer_apis::RetryPolicy;

    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/__sandbox/faults", sandbox.base_url());
    let cro = sandbox
        .cro_client()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();

    // Over HTTP: 400 naming the field and the rule; nothing is added.
    let zero = json!({"operation": "getCustomer", "kind": "status", "status": 503, "times": 0});
    let refused = http.post(&url).json(&zero).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 400);
    let reason = refused.text().await.unwrap();
    assert!(reason.starts_with("times: "), "{reason}");
    assert!(reason.contains("at least 1"), "{reason}");
    let (status, _, listed) = raw(http.get(&url)).await;
    assert_eq!((status, listed), (200, json!([])));
    assert_eq!(cro.get_customer(1).await.unwrap().meta().attempts, 1);

    // From Rust: a fault for no call, so never listed and never applied.
    sandbox.fault(Fault::new("getCustomer", FaultKind::Status { status: 503 }).times(0));
    let (_, _, listed) = raw(http.get(&url)).await;
    assert_eq!(listed, json!([]));
    for _ in 0..2 {
        assert_eq!(cro.get_customer(1).await.unwrap().meta().attempts, 1);
    }
    // One call still means one.
    sandbox.fault(Fault::new("getCustomer", FaultKind::Status { status: 503 }).times(1));
    let err = cro.get_customer(1).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(cro.get_customer(1).await.unwrap().meta().attempts, 1);
}

#[tokio::test]
async fn the_sandboxs_own_404_names_the_cro_version_asked_for_or_the_default() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/no/vendor/documents/this", sandbox.base_url());
    let cases = [
        (None, "2019/02/08"),
        (Some("2023/04/19"), "2023/04/19"),
        (Some("2019/02/08"), "2019/02/08"),
        (Some("1999/12/31"), "2019/02/08"),
        (Some("not a version"), "2019/02/08"),
    ];
    assert_eq!(cases.len(), 5);
    for (asked, served) in cases {
        let mut request = http.get(&url);
        if let Some(version) = asked {
            request = request.header("x-api-version", version);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), 404, "{asked:?}");
        let versions: Vec<_> = response.headers().get_all("x-api-version").iter().collect();
        assert_eq!(versions, [served], "{asked:?}");
        assert_eq!(
            response.text().await.unwrap(),
            "no vendor documents this path"
        );
    }
}

/// A raw HTTP/1.x request to `addr` with exactly these header lines; the status code answered.
async fn status_of_raw(addr: std::net::SocketAddr, request_line: &str, headers: &[&str]) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut request = format!("{request_line}\r\n");
    for header in headers {
        request.push_str(header);
        request.push_str("\r\n");
    }
    request.push_str("connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    answer
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {answer:?}"))
}

#[tokio::test]
async fn the_sandbox_answers_only_loopback_hosts_unless_one_is_allowed() {
    let sandbox = Sandbox::start().await.unwrap();
    let port = sandbox.addr().port();
    let http = reqwest::Client::new();
    let get = |host: &str, path: &str| {
        cro(&http, &sandbox, reqwest::Method::GET, path).header("host", host)
    };
    let loopback = [
        format!("localhost:{port}"),
        "LocalHost".to_owned(),
        format!("127.0.0.1:{port}"),
        "127.1.2.3".to_owned(),
        format!("[::1]:{port}"),
        "[::1]".to_owned(),
    ];
    for host in &loopback {
        let (status, _, _) = raw(get(host, "/customers/1")).await;
        assert_eq!(status, 200, "{host}");
    }
    let foreign = [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        "x.localhost".to_owned(),
        "localhost.evil.example".to_owned(),
        "127.0.0.1.evil.example".to_owned(),
        "[::2]".to_owned(),
        "".to_owned(),
    ];
    for host in &foreign {
        for path in ["/customers/1", "/__sandbox/requests", "/__sandbox/faults"] {
            let response = get(host, path).send().await.unwrap();
            assert_eq!(response.status().as_u16(), 403, "{host} {path}");
            let text = response.text().await.unwrap();
            assert!(text.contains("--allow-host"), "{text}");
        }
    }
    // A refused request is neither served nor recorded.
    let paths: Vec<String> = sandbox.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, vec!["/customers/1".to_owned(); loopback.len()]);

    // Without a Host: HTTP/1.0 may omit it, HTTP/1.1 must send one (RFC 9112, 400).
    let addr = sandbox.addr();
    assert_eq!(
        status_of_raw(addr, "GET /__sandbox/faults HTTP/1.0", &[]).await,
        200
    );
    assert_eq!(
        status_of_raw(addr, "GET /__sandbox/faults HTTP/1.1", &[]).await,
        400
    );
    let two = ["host: localhost", "host: evil.example"];
    assert_eq!(
        status_of_raw(addr, "GET /__sandbox/faults HTTP/1.1", &two).await,
        400
    );
    // An absolute-form target names the host too.
    let absolute = "GET http://evil.example/__sandbox/faults HTTP/1.1";
    assert_eq!(
        status_of_raw(addr, absolute, &["host: localhost"]).await,
        403
    );

    // A host the sandbox was told to allow, in any case; the others still refused.
    let allowing = Sandbox::builder()
        .allow_host("devbox.internal")
        .start()
        .await
        .unwrap();
    let addr = allowing.addr();
    let line = "GET /__sandbox/faults HTTP/1.1";
    assert_eq!(
        status_of_raw(addr, line, &["host: DevBox.Internal:8003"]).await,
        200
    );
    assert_eq!(status_of_raw(addr, line, &["host: localhost"]).await, 200);
    assert_eq!(
        status_of_raw(addr, line, &["host: evil.example"]).await,
        403
    );
    // A name that is no host name is refused when the sandbox starts.
    let err = Sandbox::builder()
        .allow_host("devbox.internal:8003")
        .start()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("devbox.internal:8003"), "{err}");
}

#[cfg(feature = "cli")]
#[tokio::test(flavor = "multi_thread")]
async fn the_standalone_sandbox_allows_the_hosts_named_with_allow_host() {
    use std::process::{Command, Stdio};

    struct KillOnDrop(std::process::Child);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let args = ["sandbox", "--port", &port.to_string()];
    let hosts = [
        "--allow-host",
        "devbox.internal",
        "--allow-host",
        "10.0.0.7",
    ];
    let mut child = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_customer-apis"))
            .args(args)
            .args(hosts)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while tokio::net::TcpStream::connect(addr).await.is_err() {
        if let Some(status) = child.0.try_wait().unwrap() {
            panic!("the sandbox exited early: {status}");
        }
        assert!(std::time::Instant::now() < deadline, "never listened");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let line = "GET /__sandbox/requests HTTP/1.1";
    let cases = [
        ("host: devbox.internal", 200),
        ("host: 10.0.0.7:8003", 200),
        ("host: localhost", 200),
        ("host: evil.example", 403),
        ("host: 10.0.0.8", 403),
    ];
    assert_eq!(cases.len(), 5);
    for (host, status) in cases {
        assert_eq!(status_of_raw(addr, line, &[host]).await, status, "{host}");
    }

    // A value that is no host name stops it before it starts (exit 2).
    let bad = Command::new(env!("CARGO_BIN_EXE_customer-apis"))
        .args([
            "sandbox",
            "--port",
            "0",
            "--allow-host",
            "http://devbox.internal/",
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("--allow-host"), "{stderr}");
}

#[tokio::test]
async fn reset_restores_state_log_faults_and_oauth_and_each_request_names_its_operation() {
    use customer_apis::sandbox::{Fault, FaultKind, OAuthSettings};

    let sandbox = Sandbox::start().await.unwrap();
    let cro = sandbox.cro_client().build().unwrap();
    let pdm = sandbox.pdm_client().build().unwrap();
    let active = |customer: &customer_apis::cro::types::CustomerModel| {
        customer.locations.iter().filter(|l| l.is_active).count()
    };
    assert_eq!(active(&cro.get_customer(1).await.unwrap()), 4);

    // Each recorded request names its vendor and operation; the token endpoint's names none.
    pdm.get_customer(&customer_apis::pdm::CustomerLookup::id(1408))
        .await
        .unwrap();
    let named: Vec<(Option<String>, Option<String>)> = sandbox
        .requests()
        .into_iter()
        .map(|r| (r.vendor, r.operation))
        .collect();
    let some = |v: &str, o: &str| (Some(v.to_owned()), Some(o.to_owned()));
    assert_eq!(
        named,
        [
            some("cro", "getCustomer"),
            some("pdm", "GetSessionToken"),
            some("pdm", "GetCustomer")
        ]
    );

    // State, log, faults and OAuth settings change...
    cro.deactivate_location(1, 20).await.unwrap();
    assert_eq!(active(&cro.get_customer(1).await.unwrap()), 3);
    sandbox.fault(Fault::new("getContact", FaultKind::Status { status: 503 }));
    let mut oauth = OAuthSettings::default();
    oauth.refuse = true;
    sandbox.set_oauth(oauth);
    // ...and reset puts them back, from Rust...
    sandbox.reset();
    assert!(sandbox.requests().is_empty());
    assert_eq!(active(&cro.get_customer(1).await.unwrap()), 4);
    cro.get_contact(1, 1).await.expect("the fault is gone");
    let provider = crate::support::sandbox_grant(&sandbox).build().unwrap();
    let fresh = sandbox
        .cro_client()
        .token_provider(provider)
        .build()
        .unwrap();
    fresh
        .get_customer(1)
        .await
        .expect("the OAuth endpoint issues tokens again");

    // ...and over HTTP.
    cro.deactivate_location(1, 21).await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/__sandbox/reset", sandbox.base_url());
    assert_eq!(http.get(&url).send().await.unwrap().status(), 405);
    assert_eq!(http.post(&url).send().await.unwrap().status(), 204);
    assert_eq!(active(&cro.get_customer(1).await.unwrap()), 4);
    let log = sandbox.requests();
    assert_eq!(log.len(), 1, "only the call after the reset: {log:?}");
}

#[tokio::test]
async fn a_seed_record_gives_only_its_fields_and_a_fault_can_aim_at_one_tenant() {
    use customer_apis::sandbox::{Fault, FaultKind, Seed};

    // A CRO customer (about 45 fields with its lists) given by three; the rest are the example's.
    let seed = Seed::from_text(
        r#"
cro:
  getCustomer:
    - params: {customer_id: 77}
      body: {id: 77, name: "Only Three Fields", parent_id: 5}
foxtrot:
  getCustomer:
    - params: {dc_id: Foxtrot-DC, customer_id: cust-77}
      body: {id: cust-77, name: Grace Hopper}
"#,
    )
    .unwrap();
    let sandbox = Sandbox::start_with_seed(seed).await.unwrap();
    let cro = sandbox.cro_client().build().unwrap();
    let example = cro.get_customer(1).await.unwrap().into_inner();
    let seeded = cro.get_customer(77).await.unwrap().into_inner();
    assert_eq!((seeded.id, seeded.name.as_str()), (77, "Only Three Fields"));
    assert_eq!(seeded.parent_id, Some(5));
    // What the record left out is the example's.
    assert_eq!(seeded.locations, example.locations);
    assert_eq!(seeded.addresses, example.addresses);
    assert_eq!(seeded.contacts, example.contacts);
    let fox = sandbox.foxtrot_client().build().unwrap();
    let grace = fox.get_customer("Foxtrot-DC", "cust-77").await.unwrap();
    assert_eq!(grace.name, "Grace Hopper");

    // A fault for tenant 7 only: tenant 8 is answered.
    sandbox.fault(
        Fault::new("getCustomer", FaultKind::Status { status: 404 }).with_param("x-tenant-id", "7"),
    );
    let tenant_7 = cro.with_tenant(7);
    let tenant_8 = cro.with_tenant(8);
    assert!(tenant_7.get_customer(1).await.unwrap_err().is_not_found());
    assert_eq!(tenant_8.get_customer(1).await.unwrap().id, 1);
    assert!(
        tenant_7.get_customer(77).await.unwrap_err().is_not_found(),
        "every call of tenant 7"
    );
}

#[tokio::test]
async fn a_tenants_seed_records_are_its_own() {
    use customer_apis::sandbox::Seed;

    let seed = Seed::from_text(
        r#"
cro:
  getCustomer:
    - params: {customer_id: 77, x-tenant-id: 7}
      body: {id: 77, name: "Tenant Seven's"}
    - params: {customer_id: 1, x-tenant-id: 9}
      body: {id: 1, name: "Tenant Nine's own customer 1"}
"#,
    )
    .unwrap();
    let sandbox = Sandbox::start_with_seed(seed).await.unwrap();
    let cro = sandbox.cro_client().build().unwrap();
    let (seven, eight, nine) = (cro.with_tenant(7), cro.with_tenant(8), cro.with_tenant(9));
    assert_eq!(seven.get_customer(77).await.unwrap().name, "Tenant Seven's");
    assert!(eight.get_customer(77).await.unwrap_err().is_not_found());
    // A tenant's own record is served before the one every tenant sees.
    let shared = eight.get_customer(1).await.unwrap().into_inner();
    assert_eq!(
        nine.get_customer(1).await.unwrap().name,
        "Tenant Nine's own customer 1"
    );
    assert_eq!(seven.get_customer(1).await.unwrap().into_inner(), shared);
    // Deactivating tenant 9's location changes tenant 9's record only.
    let location = shared.locations[0].location_id;
    nine.deactivate_location(1, location).await.unwrap();
    let active = |c: &customer_apis::cro::types::CustomerModel| {
        c.locations
            .iter()
            .find(|l| l.location_id == location)
            .map(|l| l.is_active)
    };
    assert_eq!(active(&nine.get_customer(1).await.unwrap()), Some(false));
    assert_eq!(active(&eight.get_customer(1).await.unwrap()), Some(true));
    // A header the spec does not document is refused, naming it.
    let err =
        Seed::from_text("cro: {getCustomer: [{params: {x-tenant: 7}, body: {}}]}").unwrap_err();
    assert!(
        err.reason.contains("`params.x-tenant` is not a parameter"),
        "{err}"
    );
}

/// `(operation, path, rule)` of each departure of a recorded request.
fn verdict(request: &sandbox::RecordedRequest) -> Vec<(String, String, String)> {
    support::departures_said(&request.departures)
}

use support::departure_rows as expected;

#[tokio::test]
async fn each_recorded_request_carries_the_specs_verdict_on_it_without_values() {
    let sandbox = Sandbox::start().await.unwrap();
    // What the SDK sends is as documented.
    let client = sandbox.cro_client().build().unwrap();
    client.get_customer(1).await.unwrap();
    let pdm = sandbox.pdm_client().build().unwrap();
    pdm.get_customer(&CustomerLookup::id(1408)).await.unwrap();
    let log = sandbox.requests();
    assert_eq!(log.len(), 3, "{log:#?}");
    assert!(log.iter().all(|r| r.departures.is_empty()), "{log:#?}");

    // A script's requests: CRO without its tenant, a tenant that is no integer, a query
    // parameter no operation declares; PDM with an undeclared field, a reference past its
    // documented 50 characters, then without its company id, then not JSON.
    let http = reqwest::Client::new();
    let base = sandbox.base_url();
    // A parameter named after a credential the sandbox knows is masked like the rest of the log.
    let secret_name = sandbox::CRO_SAMPLE_TOKEN;
    raw(http
        .get(format!("{base}/customers/1?{secret_name}=1&expand=all"))
        .header("Authorization", TOKEN))
    .await;
    let get = http.get(format!("{base}/customers/1"));
    raw(get
        .header("Authorization", TOKEN)
        .header("x-tenant-id", "north"))
    .await;
    let session = "9001|sess|0001";
    let body = json!({
        "company_id": 9001, "session_token": session,
        "external_customer_ref": "R".repeat(51), "nickname": "VALUE-Q7"
    });
    raw(http.post(format!("{base}/GetCustomer")).json(&body)).await;
    let body = json!({"session_token": session, "customer_id": 1408});
    raw(http.post(format!("{base}/GetCustomer")).json(&body)).await;
    raw(http.post(format!("{base}/GetCustomer")).body("not json")).await;

    let log = sandbox.requests();
    let verdicts: Vec<_> = log[3..].iter().map(verdict).collect();
    assert_eq!(
        verdicts,
        [
            expected(&[
                ("getCustomer", "header.x-tenant-id", "is required"),
                (
                    "getCustomer",
                    "query.[REDACTED]",
                    "is not declared by the spec"
                ),
                ("getCustomer", "query.expand", "is not declared by the spec"),
            ]),
            expected(&[("getCustomer", "header.x-tenant-id", "must be an integer")]),
            expected(&[
                (
                    "GetCustomer",
                    "body.nickname",
                    "is not declared by the spec"
                ),
                (
                    "GetCustomer",
                    "body.external_customer_ref",
                    "must be at most 50 characters long"
                ),
            ]),
            expected(&[("GetCustomer", "body.company_id", "is required")]),
            expected(&[("GetCustomer", "body", "is not the documented shape")]),
        ]
    );
    // Over HTTP too, the rule in words; no value anywhere in the verdicts.
    let over_http = log_over_http(&sandbox).await;
    assert_eq!(
        over_http[4]["departures"],
        json!([{"operation": "getCustomer", "path": "header.x-tenant-id", "rule": "must be an integer"}])
    );
    let shown = serde_json::to_string(
        &over_http
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &r["departures"])
            .collect::<Vec<_>>(),
    )
    .unwrap();
    for value in ["VALUE-Q7", "north", sandbox::CRO_SAMPLE_TOKEN, "RRRR"] {
        assert!(!shown.contains(value), "{value} in {shown}");
    }
}

#[tokio::test]
async fn a_departure_fault_gives_an_app_an_undeclared_field_a_broken_rule_or_an_undocumented_status(
) {
    fn said(meta: &customer_apis::ResponseMeta) -> Vec<String> {
        meta.departures().iter().map(ToString::to_string).collect()
    }
    use customer_apis::sandbox::{Fault, FaultKind};
    let sandbox = Sandbox::start().await.unwrap();
    let cro = sandbox.cro_client().build().unwrap();
    let depart = |pointer: &str, value: Value, status: Option<u16>| FaultKind::Departure {
        pointer: Some(pointer.to_owned()),
        value,
        status,
        headers: Default::default(),
    };
    sandbox.fault(Fault::new("getCustomer", depart("/loyalty_tier", json!("gold"), None)).times(1));
    let customer = cro.get_customer(1).await.unwrap();
    assert_eq!(
        said(customer.meta()),
        [
            "getCustomer: loyalty_tier is not declared by the spec",
            "getCustomer: locations[1].sales_rep must not be empty",
        ]
    );
    // A broken rule: the name emptied (at least 1 character).
    sandbox.fault(Fault::new("getCustomer", depart("/name", json!(""), None)).times(1));
    let customer = cro.get_customer(1).await.unwrap();
    assert_eq!(customer.name, "");
    assert_eq!(
        said(customer.meta()),
        [
            "getCustomer: locations[1].sales_rep must not be empty",
            "getCustomer: name must not be empty",
        ]
    );
    // An undocumented status (203): an answer the SDK cannot take as the documented 200, so an
    // error, and the departure on its metadata.
    sandbox.fault(Fault::new("getContact", depart("/fax", Value::Null, Some(203))).times(1));
    let error = cro.get_contact(1, 1).await.unwrap_err();
    assert_eq!(error.api().map(|a| a.status.as_u16()), Some(203));
    assert_eq!(
        said(error.meta().unwrap()),
        ["getContact: status 203 is not documented"]
    );
    // A null where the spec does not allow one (PDM's title): read as absent, and said.
    let pdm = sandbox.pdm_client().build().unwrap();
    let fault = depart("/customer/title", Value::Null, None);
    sandbox.fault(Fault::new("GetCustomer", fault).times(1));
    let customer = pdm.get_customer(&CustomerLookup::id(1408)).await.unwrap();
    assert_eq!(customer.title, None);
    assert_eq!(
        said(customer.meta()),
        ["GetCustomer: customer.title must not be null"]
    );
    // Headers: a documented one taken out, another content type, a version the spec does not
    // list (which the pin refuses too).
    let headers = |pairs: &[(&str, Option<&str>)]| FaultKind::Departure {
        pointer: None,
        value: Value::Null,
        status: None,
        headers: pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.map(str::to_owned)))
            .collect(),
    };
    let fault = headers(&[("x-request-id", None), ("content-type", Some("text/plain"))]);
    sandbox.fault(Fault::new("getContact", fault).times(1));
    let contact = cro.get_contact(1, 1).await.unwrap();
    assert_eq!(
        said(contact.meta()),
        [
            "getContact: header.x-request-id is required",
            "getContact: header.content-type is not application/json",
        ]
    );
    let fault = headers(&[("x-api-version", Some("1999/12/31"))]);
    sandbox.fault(Fault::new("getContact", fault).times(1));
    let error = cro.get_contact(1, 1).await.unwrap_err();
    assert!(matches!(
        error,
        customer_apis::Error::VersionMismatch { .. }
    ));
    let said_version = said(error.meta().unwrap());
    assert_eq!(said_version.len(), 1, "{said_version:?}");
    assert!(
        said_version[0].starts_with("getContact: header.x-api-version must be one of 2019/02/08, ")
    );
    assert!(!said_version[0].contains("1999"));
    // Over HTTP, as JSON.
    let url = format!("{}/__sandbox/faults", sandbox.base_url());
    let fault = json!({"operation": "getCustomer", "kind": "departure", "pointer": "/vip", "value": true, "times": 1});
    let status = reqwest::Client::new()
        .post(url)
        .json(&fault)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 201);
    let customer = cro.get_customer(1).await.unwrap();
    assert_eq!(
        said(customer.meta())[0],
        "getCustomer: vip is not declared by the spec"
    );
}

#[tokio::test]
async fn the_request_log_keeps_a_bounded_number_of_body_bytes() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/GetCustomer", sandbox.base_url());
    // A body past what the log keeps as sent is recorded as its size.
    let big = "x".repeat(sandbox::MAX_RECORDED_BODY + 1);
    http.post(&url).body(big).send().await.unwrap();
    let log = sandbox.requests();
    assert_eq!(
        log.last().unwrap().body,
        json!(format!(
            "[a body of {} bytes, not kept: the log keeps bodies of at most {}]",
            sandbox::MAX_RECORDED_BODY + 1,
            sandbox::MAX_RECORDED_BODY
        ))
    );
    // Past the byte budget the oldest requests go: each of these counts the largest size.
    let full = sandbox::MAX_RECORDED_BODY_BYTES / sandbox::MAX_RECORDED_BODY;
    for _ in 0..full + 10 {
        let body = "y".repeat(sandbox::MAX_RECORDED_BODY);
        http.post(&url).body(body).send().await.unwrap();
    }
    let log = sandbox.requests();
    assert_eq!(log.len(), full);
    assert!(log
        .iter()
        .all(|r| r.body.as_str().is_some_and(|b| b.starts_with("yyy"))));
}

#[tokio::test]
async fn a_fault_that_could_never_apply_or_no_answer_has_is_refused_over_http() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/__sandbox/faults", sandbox.base_url());
    let cases = [
        (
            json!({"operation": "getCustomr", "kind": "status", "status": 503}),
            "operation: \"getCustomr\" is not an operationId of the sandbox's specs",
        ),
        (
            json!({"operation": "getCustomer", "kind": "status", "status": 101}),
            "status: 101 must be from 200 to 599 (a final answer's status)",
        ),
        (
            json!({"operation": "getCustomer", "kind": "status", "status": 0}),
            "status: 0 must be from 200 to 599 (a final answer's status)",
        ),
        (
            json!({"operation": "GetCustomer", "kind": "departure", "status": 600}),
            "status: 600 must be from 200 to 599 (a final answer's status)",
        ),
    ];
    for (fault, reason) in cases {
        let refused = http.post(&url).json(&fault).send().await.unwrap();
        assert_eq!(refused.status().as_u16(), 400, "{fault}");
        assert_eq!(refused.text().await.unwrap(), reason);
    }
    let (status, _, listed) = raw(http.get(&url)).await;
    assert_eq!((status, listed), (200, json!([])));
    // The limits themselves are faults.
    for status in [200, 599] {
        let fault = json!({"operation": "getCustomer", "kind": "status", "status": status});
        let added = http.post(&url).json(&fault).send().await.unwrap();
        assert_eq!(added.status().as_u16(), 201);
    }
}
