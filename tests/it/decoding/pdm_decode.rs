//! Every example in specs/pdm.yaml decodes into the generated types (read out of the spec).

use crate::support::{self, decode};
use customer_apis::pdm::types::{GetCustomerRequest, GetSessionTokenRequest};
use serde_json::json;

#[test]
fn every_spec_example_decodes() {
    let examples = support::examples(&support::spec("pdm"));
    assert_eq!(examples.len(), 7);
    for (at, schema, example) in &examples {
        decode(schema, example).unwrap_or_else(|e| panic!("{at}: {schema}: {e}"));
    }
}

#[test]
fn documented_rules_are_checked_after_lenient_decoding() {
    let customer = json!({
        "customer_id": 1, "customer_ref": "1408", "created": "2017-12-12", "last_modified": "2017-12-14",
        "title": "Right Honourable", "gender": "Unknown", "active": true, "unknown_new_field": 1
    });
    let violations = decode("Customer", &customer).expect("decodes despite the broken rules");
    assert!(
        violations
            .iter()
            .any(|v| v.starts_with("customer_ref: must be `C` and six digits")),
        "{violations:?}"
    );
    assert!(
        violations.contains(&"title: must be at most 12 characters long".to_owned()),
        "{violations:?}"
    );
    assert!(
        violations.contains(&"gender: must be one of Male, Female".to_owned()),
        "{violations:?}"
    );
}

#[test]
fn session_tokens_and_api_keys_are_redacted_in_debug_and_json_but_sent_through_expose_secrets() {
    let request: GetCustomerRequest = serde_json::from_value(json!({
        "company_id": 9001, "session_token": "9001|85d1c76d-5088-4cbe-a681-f3a86594dac9|0001", "customer_id": 1408
    }))
    .unwrap();
    assert!(!format!("{request:?}").contains("85d1c76d"));
    assert!(!serde_json::to_string(&request)
        .unwrap()
        .contains("85d1c76d"));
    assert!(
        serde_json::to_string(&customer_apis::ExposeSecrets(&request))
            .unwrap()
            .contains("85d1c76d")
    );
    let key: GetSessionTokenRequest =
        serde_json::from_value(json!({"company_id": 9001, "key": "k-SECRET"})).unwrap();
    assert!(!format!("{key:?}").contains("k-SECRET"));
}
