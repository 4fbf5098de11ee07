//! Departures from the spec (`ResponseMeta::departures`): what an answer breaks of its vendor's
//! spec, each named by its operation, path and rule and never by its value, and logged at
//! `warn` (target `customer_apis::spec`) once per client.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::support;
use crate::support::secrets::logs;
use crate::support::TOKEN;
use customer_apis::validation::Rule;
use customer_apis::{DepartureRule, Error};
use serde_json::{json, Value};
use tracing::Instrument;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const PIN: &str = "2023/04/19";
const REQUEST_ID: &str = "7195076b-d8cd-46ad-9096-a5e8c8ec36a3";
/// A value the server sends in fields the spec does not declare: no departure may show it.
const VALUE: &str = "gold-VALUE-7Q2X";

fn cro_customer() -> Value {
    support::spec("cro")
        .pointer(
            "/paths/~1customers~1{customer_id}/get/responses/200/content/application~1json/example",
        )
        .cloned()
        .expect("CRO's getCustomer example")
}

use support::{departure_rows as owned, departures_said as said};

/// A CRO answer of 200 with `body` and the pinned version (and a request id unless `bare`).
async fn cro_answers(body: Value, bare: bool) -> MockServer {
    let server = MockServer::start().await;
    let mut answer = ResponseTemplate::new(200)
        .insert_header("x-api-version", PIN)
        .set_body_json(body);
    if !bare {
        answer = answer.insert_header("x-request-id", REQUEST_ID);
    }
    Mock::given(method("GET"))
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn each_undeclared_field_broken_rule_and_missing_header_is_reported_without_its_value() {
    let mut body = cro_customer();
    body["loyalty_tier"] = json!(VALUE);
    body["locations"][0]["nickname"] = json!({ "text": VALUE });
    let server = cro_answers(body, true).await;
    let client = support::cro_on(&server.uri(), TOKEN).build().unwrap();
    let customer = client.get_customer(1).await.unwrap();
    let departures = customer.meta().departures();
    assert_eq!(
        said(departures),
        owned(&[
            ("getCustomer", "header.x-request-id", "is required"),
            (
                "getCustomer",
                "locations[0].nickname",
                "is not declared by the spec"
            ),
            ("getCustomer", "loyalty_tier", "is not declared by the spec"),
            ("getCustomer", "locations[1].sales_rep", "must not be empty"),
        ])
    );
    assert_eq!(departures[0].rule, DepartureRule::Required);
    assert_eq!(departures[1].rule, DepartureRule::Undeclared);
    assert_eq!(
        departures[3].rule,
        DepartureRule::Broken(Rule::MinLength(1))
    );
    // The answer is still the documented one, the tolerated value kept.
    assert_eq!(customer.locations[1].sales_rep.as_deref(), Some(""));
    let shown = format!("{:?} {}", customer.meta(), departures[1]);
    assert!(!shown.contains(VALUE), "{shown}");
}

#[tokio::test]
async fn with_the_check_off_no_departure_is_reported() {
    let mut body = cro_customer();
    body["loyalty_tier"] = json!(VALUE);
    let server = cro_answers(body, true).await;
    let client = support::cro_on(&server.uri(), TOKEN)
        .check_spec(false)
        .build()
        .unwrap();
    let customer = client.get_customer(1).await.unwrap();
    assert_eq!(customer.meta().departures(), &[]);
    assert_eq!(customer.name, "George Jones!!!?");
}

#[tokio::test]
async fn an_undocumented_status_and_another_content_type_are_reported() {
    // Foxtrot's getCustomer documents 200, 401, 403 and 404.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({ "detail": VALUE })))
        .mount(&server)
        .await;
    let client = support::foxtrot_on(&server.uri(), "fox-key")
        .build()
        .unwrap();
    let error = client.get_customer("dc", "c").await.unwrap_err();
    let Error::Api(api) = &error else {
        panic!("an API error, not {error:?}");
    };
    assert_eq!(api.status.as_u16(), 409);
    assert_eq!(
        said(error.meta().unwrap().departures()),
        owned(&[("getCustomer", "status", "409 is not documented")])
    );

    // CRO documents application/json; the body is JSON all the same, so it decodes.
    let server = MockServer::start().await;
    let text = serde_json::to_vec(&cro_customer()).unwrap();
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", PIN)
                .insert_header("x-request-id", REQUEST_ID)
                .set_body_raw(text, "text/plain; charset=utf-8"),
        )
        .mount(&server)
        .await;
    let client = support::cro_on(&server.uri(), TOKEN).build().unwrap();
    let customer = client.get_customer(1).await.unwrap();
    assert_eq!(
        said(customer.meta().departures()),
        owned(&[
            (
                "getCustomer",
                "header.content-type",
                "is not application/json"
            ),
            ("getCustomer", "locations[1].sales_rep", "must not be empty"),
        ])
    );
}

#[tokio::test]
async fn a_served_version_outside_the_specs_enum_is_a_departure_of_the_mismatch_it_causes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2099/01/01")
                .insert_header("x-request-id", REQUEST_ID)
                .set_body_json(cro_customer()),
        )
        .mount(&server)
        .await;
    let client = support::cro_on(&server.uri(), TOKEN).build().unwrap();
    let error = client.get_customer(1).await.unwrap_err();
    assert!(matches!(error, Error::VersionMismatch { .. }), "{error:?}");
    let departures = error.meta().unwrap().departures();
    let documented = customer_apis::cro::ApiVersion::ALL
        .map(|v| v.as_str())
        .join(", ");
    let rule = format!("must be one of {documented}");
    assert_eq!(
        said(departures),
        owned(&[
            ("getCustomer", "header.x-api-version", &rule),
            ("getCustomer", "locations[1].sales_rep", "must not be empty"),
        ])
    );
    assert!(!format!("{departures:?}").contains("2099"));
}

#[tokio::test]
async fn a_field_name_is_server_text_redacted_and_capped_and_an_answer_keeps_at_most_32() {
    let mut body = cro_customer();
    // A field named after the client's own token, one very long name, and 40 more.
    body[TOKEN] = json!(1);
    body["x".repeat(10_000)] = json!(1);
    for i in 0..40 {
        body[format!("zz_{i:02}")] = json!(VALUE);
    }
    let server = cro_answers(body, false).await;
    let client = support::cro_on(&server.uri(), TOKEN).build().unwrap();
    let customer = client.get_customer(1).await.unwrap();
    let departures = customer.meta().departures();
    assert_eq!(departures.len(), 32);
    let shown = format!("{:?}", customer.meta());
    assert!(!shown.contains(TOKEN) && !shown.contains(VALUE), "{shown}");
    assert!(departures.iter().any(|d| d.path.contains("[REDACTED]")));
    // The long name is cut at 256 characters, and says so.
    let long = departures
        .iter()
        .find(|d| d.path.starts_with("xxx"))
        .unwrap();
    assert_eq!(long.path, format!("{}…", "x".repeat(256)));
}

/// The `warn` events of target `customer_apis::spec` that `calls` logged.
async fn spec_events<T>(calls: impl std::future::Future<Output = T>) -> Vec<String> {
    static RUNS: AtomicU64 = AtomicU64::new(1);
    let capture = logs();
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    calls
        .instrument(tracing::info_span!("departures_test", run = %run))
        .await;
    let mine = format!("departures_test{{run={run}}}");
    capture
        .text()
        .lines()
        .filter(|l| l.contains(&mine) && l.contains(" WARN ") && l.contains("customer_apis::spec"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn each_departure_is_logged_once_per_client_and_its_clones() {
    let mut body = cro_customer();
    body["loyalty_tier"] = json!(VALUE);
    let server = cro_answers(body, false).await;
    let uri = server.uri();
    let events = spec_events(async {
        let client = support::cro_on(&uri, TOKEN).build().unwrap();
        for _ in 0..3 {
            client.get_customer(1).await.unwrap();
        }
        client.clone().get_customer(1).await.unwrap();
        // Another client logs them again, once.
        let other = support::cro_on(&uri, TOKEN).build().unwrap();
        other.get_customer(1).await.unwrap();
        other.get_customer(1).await.unwrap();
    })
    .await;
    // Two departures (the undeclared field, the empty sales_rep), once per client.
    assert_eq!(events.len(), 4, "{events:#?}");
    assert_eq!(
        events
            .iter()
            .filter(|e| e.contains("path=\"loyalty_tier\""))
            .count(),
        2
    );
    assert!(events
        .iter()
        .all(|e| e.contains("operation=\"getCustomer\"")));
    assert!(events
        .iter()
        .all(|e| !e.contains(VALUE) && !e.contains(TOKEN)));
}

#[tokio::test]
async fn a_foxtrot_envelope_is_checked_below_its_data_for_undeclared_fields_and_nulls() {
    let server = MockServer::start().await;
    let example = support::spec("foxtrot")
        .pointer("/paths/~1dcs~1{dc_id}~1customers~1{customer_id}/get/responses/200/content/application~1json/example")
        .cloned()
        .unwrap();
    let mut body = example;
    body["data"]["customer"]["vip"] = json!(true);
    // Optional, and not `nullable` in the spec.
    body["data"]["customer"]["imported_address"] = Value::Null;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = support::foxtrot_on(&server.uri(), "fox-key")
        .build()
        .unwrap();
    let customer = client.get_customer("dc", "c").await.unwrap();
    assert_eq!(customer.imported_address, None);
    assert_eq!(
        said(customer.meta().departures()),
        owned(&[
            (
                "getCustomer",
                "data.customer.vip",
                "is not declared by the spec"
            ),
            (
                "getCustomer",
                "data.customer.imported_address",
                "must not be null"
            ),
        ])
    );
}

/// The vendors' own samples, as the sandbox serves them: CRO's empty `sales_rep` breaks its
/// documented minimum length (the one contradiction a rule covers; Foxtrot's positive
/// longitudes break no documented rule), and nothing else departs.
#[cfg(all(feature = "pdm", feature = "sandbox"))]
#[tokio::test]
async fn the_vendors_own_samples_depart_only_where_their_pages_contradict_themselves() {
    use customer_apis::pdm::CustomerLookup;
    let sandbox = customer_apis::sandbox::Sandbox::start().await.unwrap();
    let cro = sandbox.cro_client().build().unwrap();
    let pdm = sandbox.pdm_client().build().unwrap();
    let foxtrot = sandbox.foxtrot_client().build().unwrap();
    let (dc, customer) = ("Foxtrot-DC", "johns-burger-shack");
    let metas = [
        cro.get_customer(1).await.unwrap().meta().clone(),
        cro.get_contact(1, 1).await.unwrap().meta().clone(),
        cro.deactivate_location(1, 20).await.unwrap().meta().clone(),
        pdm.get_session_token().await.unwrap().meta().clone(),
        pdm.get_customer(&CustomerLookup::id(1408))
            .await
            .unwrap()
            .meta()
            .clone(),
        foxtrot
            .get_customer(dc, customer)
            .await
            .unwrap()
            .meta()
            .clone(),
        foxtrot
            .get_confident_location(dc, customer)
            .await
            .unwrap()
            .meta()
            .clone(),
        foxtrot
            .get_waypoints(dc, customer)
            .await
            .unwrap()
            .meta()
            .clone(),
    ];
    let found: Vec<_> = metas.iter().map(|m| said(m.departures())).collect();
    assert_eq!(
        found.concat(),
        owned(&[("getCustomer", "locations[1].sales_rep", "must not be empty")])
    );
    assert_eq!(found[0].len(), 1);
}

#[tokio::test]
async fn a_pdm_session_whose_expiry_cannot_be_read_is_kept_until_refused_and_said() {
    use wiremock::matchers::path;
    let server = MockServer::start().await;
    // A day February lacks: the documented shape, not a date.
    let mut session = support::pdm_session_answer("9001|sess|0001");
    session["session"]["expires_utc_datetime"] = json!("2024-02-30 00:00:00");
    Mock::given(method("POST"))
        .and(path("/GetSessionToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/GetCustomer"))
        .respond_with(ResponseTemplate::new(200).set_body_json(support::example(
            "pdm",
            "/GetCustomer",
            "post",
        )))
        .expect(3)
        .mount(&server)
        .await;
    let uri = server.uri();
    let events = spec_events(async {
        let client = support::pdm_on(&uri, "pdm-key").build().unwrap();
        for _ in 0..3 {
            let lookup = customer_apis::pdm::CustomerLookup::id(1408);
            client.get_customer(&lookup).await.unwrap();
        }
    })
    .await;
    let expiry: Vec<&String> = events
        .iter()
        .filter(|e| e.contains("path=\"session.expires_utc_datetime\""))
        .collect();
    assert_eq!(expiry.len(), 1, "{events:#?}");
    assert!(
        expiry[0].contains("operation=\"GetSessionToken\""),
        "{}",
        expiry[0]
    );
    assert!(
        !expiry[0].contains("2024-02-30"),
        "the value is not logged: {}",
        expiry[0]
    );
    server.verify().await;
}
