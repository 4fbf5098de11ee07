//! Every example in specs/cro.yaml, and the variations real CRO data shows, decodes into the
//! generated types. The examples are read out of the spec, so spec and test cannot drift.

use crate::support::{self, decode};
use customer_apis::cro::types::{
    CustomerContactModel, CustomerModel, DispatchCustomerLocationModel,
};
use customer_apis::Timestamp;
use serde_json::json;

#[test]
fn every_spec_example_decodes() {
    let spec = support::spec("cro");
    let examples = support::examples(&spec);
    // The three operations' 200 samples, an error example on each of their seven documented
    // error statuses, and the error body's schema example.
    assert_eq!(examples.len(), 25);
    for (at, schema, example) in &examples {
        decode(schema, example).unwrap_or_else(|e| panic!("{at}: {schema} does not decode: {e}"));
    }
}

#[test]
fn the_vendors_own_sample_breaks_a_documented_limit_and_still_decodes() {
    let customer = support::example("cro", "/customers/{customer_id}", "get");
    let violations = decode("CustomerModel", &customer).expect("decodes");
    assert_eq!(
        violations,
        vec!["locations[1].sales_rep: must not be empty".to_owned()]
    );
}

#[test]
fn timestamps_decode_naive_utc_and_offset_forms_and_keep_the_text() {
    let mut customer = support::example("cro", "/customers/{customer_id}", "get");
    for (text, offset_secs) in [
        ("2018-06-13T19:50:20.447000", None),
        ("2018-06-13T19:50:20Z", Some(0)),
        ("2018-06-13T19:50:20.5+02:00", Some(7200)),
        ("2018-06-13T19:50:20-07:00", Some(-25200)),
    ] {
        customer["created_on"] = json!(text);
        let decoded: CustomerModel = serde_json::from_value(customer.clone()).expect(text);
        assert_eq!(decoded.created_on.as_str(), text);
        assert_eq!(
            decoded.created_on.offset().map(|o| o.local_minus_utc()),
            offset_secs,
            "{text}"
        );
        assert_eq!(
            serde_json::to_value(&decoded).unwrap()["created_on"],
            json!(text)
        );
    }
    for bad in ["yesterday", "2018-13-13T19:50:20", "", "2018-06-13"] {
        customer["created_on"] = json!(bad);
        let err = serde_json::from_value::<CustomerModel>(customer.clone()).unwrap_err();
        assert!(err.to_string().contains("ISO 8601"), "{bad}: {err}");
        assert!(bad.parse::<Timestamp>().is_err());
    }
}

#[test]
fn nulls_absent_conditional_fields_and_unknown_fields_decode() {
    let mut location = support::example(
        "cro",
        "/customers/{customer_id}/locations/{customer_location_id}",
        "delete",
    );
    let obj = location.as_object_mut().unwrap();
    for conditional in [
        "is_commercial",
        "note",
        "reference_number",
        "sales_rep",
        "sales_rep_id",
        "suspension_id",
    ] {
        obj.remove(conditional);
    }
    obj.insert(
        "a_field_from_a_newer_version".into(),
        json!({"nested": [1, 2, 3]}),
    );
    obj.insert("account_number_1".into(), json!(null));
    let decoded: DispatchCustomerLocationModel = serde_json::from_value(location).expect("decodes");
    assert_eq!(decoded.note, None);
    assert_eq!(decoded.sales_rep, None);
    assert_eq!(decoded.parent_id, None);
}

#[test]
fn values_over_documented_limits_decode_and_are_reported() {
    let mut contact = support::example(
        "cro",
        "/customers/{customer_id}/contacts/{customer_contact_id}",
        "get",
    );
    contact["name"] = json!("x".repeat(129));
    contact["fax"] = json!("12");
    contact["email"] = json!("not an email");
    let violations = decode("CustomerContactModel", &contact).expect("decodes");
    assert_eq!(
        violations,
        vec![
            "email: must be one or more email addresses separated by commas, such as `ops@example.com, billing@example.com`"
                .to_owned(),
            "fax: must be at least 7 characters long".to_owned(),
            "name: must be at most 128 characters long".to_owned(),
        ]
    );
}

#[test]
fn type_errors_are_still_rejected() {
    let mut contact = support::example(
        "cro",
        "/customers/{customer_id}/contacts/{customer_contact_id}",
        "get",
    );
    contact["id"] = json!("one");
    assert!(serde_json::from_value::<CustomerContactModel>(contact).is_err());
    let mut customer = support::example("cro", "/customers/{customer_id}", "get");
    customer.as_object_mut().unwrap().remove("id");
    assert!(serde_json::from_value::<CustomerModel>(customer).is_err());
}

#[test]
fn deactivate_answer_decodes_before_and_after_the_2021_04_07_rename() {
    let old = support::example(
        "cro",
        "/customers/{customer_id}/locations/{customer_location_id}",
        "delete",
    );
    assert_eq!(old["customer_id"], json!(1));
    let decoded: DispatchCustomerLocationModel = serde_json::from_value(old.clone()).unwrap();
    assert_eq!(decoded.id, 1);

    let mut new = old.clone();
    let id = new.as_object_mut().unwrap().remove("customer_id").unwrap();
    new["id"] = id;
    let decoded: DispatchCustomerLocationModel = serde_json::from_value(new).unwrap();
    assert_eq!(decoded.id, 1);

    let mut neither = old;
    neither.as_object_mut().unwrap().remove("customer_id");
    let err = serde_json::from_value::<DispatchCustomerLocationModel>(neither).unwrap_err();
    assert!(err.to_string().contains("missing field `id`"), "{err}");
}
