//! `customer_apis::Customer` from each vendor's customer: the spec's example (read out of the
//! spec) and the sandbox's linked customer, every field of the view compared as JSON (so every
//! count and every absent field is checked too), and the mapping's documented derivations.

use customer_apis::{Customer, Vendor};
use serde_json::{json, Value};

use crate::support;

/// A vendor's record decoded from JSON, as its client would.
fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("the record decodes")
}

/// The view as JSON, the shape the CLI prints.
fn as_json(customer: &Customer) -> Value {
    serde_json::to_value(customer).expect("a Customer serializes")
}

// ---------------------------------------------------------------------------------------------
// CRO

#[cfg(feature = "cro")]
fn cro_example() -> Value {
    support::example("cro", "/customers/{customer_id}", "get")
}

#[cfg(feature = "cro")]
fn cro(value: Value) -> Customer {
    Customer::from(&decode::<customer_apis::cro::types::CustomerModel>(value))
}

#[cfg(feature = "cro")]
#[test]
fn cro_spec_example_maps_every_field() {
    let customer = cro(cro_example());
    assert_eq!(customer.vendor, Vendor::Cro);
    assert_eq!(
        as_json(&customer),
        json!({
            "vendor": "cro",
            "id": "1",
            "name": "George Jones!!!?",
            "active": true,
            "addresses": [{
                "lines": ["520 E Washington St"],
                "locality": "Sequim",
                "region": "WA",
                "postcode": "98382",
                "country": null,
                "geo": {"latitude": 48.080076, "longitude": -123.0952858},
            }],
            "contacts": [{
                "name": "George",
                "emails": ["shaneduty@gmail.com"],
                "phones": ["360-555-1212"],
            }],
            "external_refs": [],
        })
    );
}

#[cfg(feature = "cro")]
#[test]
fn cro_active_is_true_while_one_location_is_active_and_none_without_locations() {
    let mut body = cro_example();
    let locations = body["locations"].as_array_mut().expect("locations");
    assert_eq!(locations.len(), 4);
    for location in locations.iter_mut().skip(1) {
        location["is_active"] = json!(false);
    }
    assert_eq!(cro(body.clone()).active, Some(true));
    body["locations"][0]["is_active"] = json!(false);
    assert_eq!(cro(body.clone()).active, Some(false));
    body["locations"] = json!([]);
    assert_eq!(cro(body).active, None);
}

#[cfg(feature = "cro")]
#[test]
fn cro_inactive_addresses_are_left_out_and_half_a_point_is_no_point() {
    let mut body = cro_example();
    let mut second = body["addresses"][0].clone();
    second["id"] = json!(2);
    second["line_1"] = json!("1 Second St");
    second["line_2"] = json!("");
    second["line_3"] = json!("Unit 4");
    second["longitude"] = json!(null);
    let mut deleted = body["addresses"][0].clone();
    deleted["id"] = json!(3);
    deleted["is_active"] = json!(false);
    body["addresses"] = json!([body["addresses"][0].clone(), deleted, second]);
    let customer = cro(body);
    assert_eq!(customer.addresses.len(), 2);
    assert_eq!(customer.addresses[0].lines, ["520 E Washington St"]);
    assert!(customer.addresses[0].geo.is_some());
    assert_eq!(customer.addresses[1].lines, ["1 Second St", "Unit 4"]);
    assert_eq!(customer.addresses[1].geo, None);
}

#[cfg(feature = "cro")]
#[test]
fn cro_email_lists_are_split_and_unset_phone_and_email_are_empty() {
    let mut body = cro_example();
    let mut quiet = body["contacts"][0].clone();
    quiet["id"] = json!(2);
    quiet["email"] = json!(null);
    quiet["number"] = json!(null);
    body["contacts"][0]["email"] = json!("a@example.com,\n b@example.com ,\tc@example.com");
    body["contacts"] = json!([body["contacts"][0].clone(), quiet]);
    let customer = cro(body);
    assert_eq!(customer.contacts.len(), 2);
    assert_eq!(
        customer.contacts[0].emails,
        ["a@example.com", "b@example.com", "c@example.com"]
    );
    assert_eq!(customer.contacts[1].name.as_deref(), Some("George"));
    assert!(customer.contacts[1].emails.is_empty());
    assert!(customer.contacts[1].phones.is_empty());
}

// ---------------------------------------------------------------------------------------------
// PDM

#[cfg(feature = "pdm")]
fn pdm_example() -> Value {
    support::example("pdm", "/GetCustomer", "post")["customer"].clone()
}

#[cfg(feature = "pdm")]
fn pdm(value: Value) -> Customer {
    Customer::from(&decode::<customer_apis::pdm::types::Customer>(value))
}

#[cfg(feature = "pdm")]
#[test]
fn pdm_spec_example_maps_every_field() {
    let customer = pdm(pdm_example());
    assert_eq!(customer.vendor, Vendor::Pdm);
    assert_eq!(
        as_json(&customer),
        json!({
            "vendor": "pdm",
            "id": "1408",
            "name": "Joe Bloggs",
            "active": true,
            "addresses": [{
                "lines": ["Test Address Line 1", "Test Address Line 2"],
                "locality": "Test City",
                "region": "Test County",
                "postcode": "TT11 1TT",
                "country": null,
                "geo": null,
            }],
            "contacts": [{
                "name": "Joe Bloggs",
                "emails": ["joe@blogs.com"],
                "phones": [],
            }],
            "external_refs": ["EXTREF164736"],
        })
    );
}

#[cfg(feature = "pdm")]
#[test]
fn pdm_empty_and_blank_fields_give_no_address_contact_or_reference_and_an_empty_name() {
    let mut body = pdm_example();
    for field in [
        "first_name",
        "last_name",
        "email_address",
        "tel_number_1",
        "tel_number_2",
        "external_customer_ref",
    ] {
        body[field] = json!("");
    }
    for line in [
        "line_1",
        "line_2",
        "line_3",
        "city",
        "county",
        "postal_code",
    ] {
        body["address"][line] = json!(" ");
    }
    body["active"] = json!(false);
    let customer = pdm(body);
    assert_eq!(customer.name, "");
    assert_eq!(customer.active, Some(false));
    assert!(customer.addresses.is_empty());
    assert!(customer.contacts.is_empty());
    assert!(customer.external_refs.is_empty());
}

#[cfg(feature = "pdm")]
#[test]
fn pdm_a_phone_alone_makes_the_contact_named_after_the_customer_when_named() {
    let mut body = pdm_example();
    for field in ["first_name", "email_address", "tel_number_1"] {
        body[field] = json!("");
    }
    body["tel_number_2"] = json!("01632 960123");
    body["last_name"] = json!("Bloggs");
    let customer = pdm(body.clone());
    assert_eq!(customer.name, "Bloggs");
    assert_eq!(customer.contacts.len(), 1);
    assert_eq!(customer.contacts[0].name.as_deref(), Some("Bloggs"));
    assert!(customer.contacts[0].emails.is_empty());
    assert_eq!(customer.contacts[0].phones, ["01632 960123"]);
    body["last_name"] = json!("");
    assert_eq!(pdm(body).contacts[0].name, None);
}

// ---------------------------------------------------------------------------------------------
// Foxtrot

#[cfg(feature = "foxtrot")]
fn foxtrot_example() -> Value {
    support::example("foxtrot", "/dcs/{dc_id}/customers/{customer_id}", "get")["data"]["customer"]
        .clone()
}

#[cfg(feature = "foxtrot")]
fn foxtrot(value: Value) -> Customer {
    Customer::from(&decode::<customer_apis::foxtrot::types::Customer>(value))
}

#[cfg(feature = "foxtrot")]
#[test]
fn foxtrot_spec_example_maps_every_field() {
    let customer = foxtrot(foxtrot_example());
    assert_eq!(customer.vendor, Vendor::Foxtrot);
    // The geo point is the imported location (37.77493, 122.41942), not the inferred one.
    assert_eq!(
        as_json(&customer),
        json!({
            "vendor": "foxtrot",
            "id": "the customer's id",
            "name": "the customer's name",
            "active": null,
            "addresses": [{
                "lines": ["address string"],
                "locality": null,
                "region": null,
                "postcode": null,
                "country": null,
                "geo": {"latitude": 37.77493, "longitude": 122.41942},
            }],
            "contacts": [],
            "external_refs": [],
        })
    );
}

#[cfg(feature = "foxtrot")]
#[test]
fn foxtrot_address_comes_from_the_imported_fields_only() {
    let mut body = foxtrot_example();
    body["imported_location"] = json!(null);
    let customer = foxtrot(body.clone());
    assert_eq!(customer.addresses.len(), 1);
    assert_eq!(customer.addresses[0].lines, ["address string"]);
    assert_eq!(customer.addresses[0].geo, None);

    // The inferred location is still there, and makes no address of its own.
    body.as_object_mut()
        .expect("an object")
        .remove("imported_address");
    assert!(body["inferred_location"].is_object());
    assert!(foxtrot(body).addresses.is_empty());
}

// ---------------------------------------------------------------------------------------------
// The sandbox's linked customer, fetched from the three vendors.

#[cfg(feature = "sandbox")]
#[tokio::test]
async fn sandbox_linked_customer_maps_every_field_in_each_vendor() {
    use customer_apis::pdm::CustomerLookup;
    use customer_apis::sandbox::Sandbox;

    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let cro = sandbox.cro_client().build().expect("a CRO client");
    let pdm = sandbox.pdm_client().build().expect("a PDM client");
    let foxtrot = sandbox.foxtrot_client().build().expect("a Foxtrot client");

    let in_cro = Customer::from(&*cro.get_customer(7).await.expect("CRO customer 7"));
    let in_pdm = Customer::from(
        &*pdm
            .get_customer(&CustomerLookup::external_ref("CRO-7"))
            .await
            .expect("PDM customer CRO-7"),
    );
    let in_foxtrot = Customer::from(
        &*foxtrot
            .get_customer("Foxtrot-DC", "cro-7")
            .await
            .expect("Foxtrot customer cro-7"),
    );

    let point = json!({"latitude": 48.0795, "longitude": -123.1018});
    assert_eq!(
        as_json(&in_cro),
        json!({
            "vendor": "cro",
            "id": "7",
            "name": "Ada Lovelace",
            "active": true,
            "addresses": [{
                "lines": ["12 Harbour Road"],
                "locality": "Sequim",
                "region": "WA",
                "postcode": "98382",
                "country": null,
                "geo": point,
            }],
            "contacts": [{
                "name": "George",
                "emails": ["shaneduty@gmail.com"],
                "phones": ["360-555-1212"],
            }],
            "external_refs": [],
        })
    );
    assert_eq!(
        as_json(&in_pdm),
        json!({
            "vendor": "pdm",
            "id": "2001",
            "name": "Ada Lovelace",
            "active": true,
            "addresses": [{
                "lines": ["12 Harbour Road"],
                "locality": "Sequim",
                "region": "WA",
                "postcode": "98382",
                "country": null,
                "geo": null,
            }],
            "contacts": [{
                "name": "Ada Lovelace",
                "emails": ["joe@blogs.com"],
                "phones": [],
            }],
            "external_refs": ["CRO-7"],
        })
    );
    assert_eq!(
        as_json(&in_foxtrot),
        json!({
            "vendor": "foxtrot",
            "id": "cro-7",
            "name": "Ada Lovelace",
            "active": null,
            "addresses": [{
                "lines": ["12 Harbour Road, Sequim, WA 98382"],
                "locality": null,
                "region": null,
                "postcode": null,
                "country": null,
                "geo": point,
            }],
            "contacts": [],
            "external_refs": [],
        })
    );
}
