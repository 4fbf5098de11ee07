//! Models compare by value (`PartialEq`, and `Eq` + `Hash` where no field is a float), and a
//! `Response` serializes as the value it holds, so that an app's own tests can assert on what
//! a call returned.

use std::collections::HashSet;

use customer_apis::cro::types::{CustomerContactModel, CustomerModel};
use serde_json::Value;

use crate::support;

/// The spec's example of a CRO customer.
fn cro_customer_example() -> Value {
    let spec = support::spec("cro");
    let found: Vec<Value> = support::examples(&spec)
        .into_iter()
        .filter(|(at, schema, _)| schema == "CustomerModel" && at.starts_with("get "))
        .map(|(_, _, value)| value)
        .collect();
    assert_eq!(found.len(), 1, "one CustomerModel example under a GET");
    found.into_iter().next().unwrap_or_default()
}

#[test]
fn a_model_decoded_twice_is_equal_and_differs_when_a_field_does() {
    let first: CustomerModel = serde_json::from_value(cro_customer_example()).unwrap();
    let second: CustomerModel = serde_json::from_value(cro_customer_example()).unwrap();
    assert_eq!(first, second);

    let mut renamed = second.clone();
    renamed.name.push('.');
    assert_ne!(first, renamed);

    // A change deep down (an address of the list) counts too.
    let mut moved = second;
    let address = moved
        .addresses
        .first_mut()
        .expect("the example has an address");
    address.is_active = !address.is_active;
    assert_ne!(first, moved);
}

#[test]
fn contacts_are_eq_and_hash_so_a_set_deduplicates_them() {
    let customer: CustomerModel = serde_json::from_value(cro_customer_example()).unwrap();
    let contacts = customer.contacts.len();
    assert!(contacts > 0, "the example has contacts");
    let mut twice: Vec<CustomerContactModel> = customer.contacts.clone();
    twice.extend(customer.contacts.iter().cloned());
    let set: HashSet<CustomerContactModel> = twice.into_iter().collect();
    assert_eq!(set.len(), contacts);
}

#[cfg(feature = "test-util")]
#[test]
fn a_response_serializes_as_its_value_alone() {
    use customer_apis::{Response, ResponseMeta, StatusCode};

    let value: CustomerModel = serde_json::from_value(cro_customer_example()).unwrap();
    let mut meta = ResponseMeta::default();
    meta.status = Some(StatusCode::OK);
    meta.attempts = 2;
    let response = Response::from_parts(value.clone(), meta.clone());
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        serde_json::to_value(&value).unwrap()
    );
    assert_eq!(*response, value);
    assert_eq!(response.meta(), &meta);
    assert!(response.headers().is_empty());
}
