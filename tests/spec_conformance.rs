//! Answers that are valid per the specs decode: both names of a renamed field when they agree,
//! `""` in an optional date, timestamps with and without an offset.

use serde_json::{json, Value};

#[allow(dead_code)]
#[path = "../build/codegen.rs"]
mod codegen;

fn spec(vendor: &str) -> Value {
    let path = format!("{}/specs/{vendor}.yaml", env!("CARGO_MANIFEST_DIR"));
    serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The 200 example of an operation (its `example`, or the `ok` one of its `examples`).
fn sample(vendor: &str, path: &str, method: &str) -> Value {
    let media = spec(vendor)["paths"][path][method]["responses"]["200"]["content"]
        ["application/json"]
        .clone();
    match media.get("example") {
        Some(example) => example.clone(),
        None => media["examples"]["ok"]["value"].clone(),
    }
}

#[cfg(feature = "cro")]
mod cro {
    use super::*;
    use customer_apis::cro::types::{
        CustomerModel, DispatchCustomerLocationModel, DispatchCustomerSettingsModel,
    };

    const DEACTIVATE: &str = "/customers/{customer_id}/locations/{customer_location_id}";

    fn deactivate_answer(id: Option<i64>, customer_id: Option<i64>) -> Value {
        let mut body = sample("cro", DEACTIVATE, "delete");
        let object = body.as_object_mut().unwrap();
        object.remove("customer_id");
        object.remove("id");
        if let Some(id) = id {
            object.insert("id".into(), json!(id));
        }
        if let Some(old) = customer_id {
            object.insert("customer_id".into(), json!(old));
        }
        body
    }

    fn decode(body: &Value) -> Result<DispatchCustomerLocationModel, String> {
        serde_json::from_str(&body.to_string()).map_err(|e| e.to_string())
    }

    #[test]
    fn deactivate_answer_with_both_names_agreeing_decodes() {
        let decoded = decode(&deactivate_answer(Some(1), Some(1))).unwrap();
        assert_eq!(decoded.id, 1);
        assert_eq!(decoded.location_id, 1);
    }

    #[test]
    fn deactivate_answer_with_either_name_alone_decodes() {
        assert_eq!(decode(&deactivate_answer(Some(7), None)).unwrap().id, 7);
        assert_eq!(decode(&deactivate_answer(None, Some(8))).unwrap().id, 8);
    }

    #[test]
    fn deactivate_answer_with_both_names_differing_is_refused_naming_both() {
        let err = decode(&deactivate_answer(Some(1), Some(2))).unwrap_err();
        assert!(
            err.contains("`id` (1) and its former name `customer_id` (2) differ"),
            "{err}"
        );
    }

    #[test]
    fn deactivate_answer_with_neither_name_is_refused_naming_both() {
        let err = decode(&deactivate_answer(None, None)).unwrap_err();
        assert!(
            err.contains("missing field `id` (or its former name `customer_id`)"),
            "{err}"
        );
    }

    #[test]
    fn deactivate_answer_with_id_twice_is_still_refused() {
        let text = deactivate_answer(Some(1), None)
            .to_string()
            .replacen('{', "{\"id\":1,", 1);
        let err = serde_json::from_str::<DispatchCustomerLocationModel>(&text).unwrap_err();
        assert!(err.to_string().contains("duplicate field `id`"), "{err}");
    }

    #[test]
    fn the_rule_for_both_names_is_stated_in_the_spec() {
        let spec = spec("cro");
        let schema = &spec["components"]["schemas"]["DispatchCustomerLocationModel"];
        let text = schema["description"].as_str().unwrap();
        assert!(text.contains("both"), "{text}");
        assert!(text.contains("same value"), "{text}");
        assert_eq!(
            schema["properties"]["id"]["x-renamed-from"],
            json!("customer_id")
        );
    }

    #[test]
    fn empty_renewal_date_decodes_as_absent() {
        let mut body = sample("cro", DEACTIVATE, "delete");
        body["renewal_date"] = json!("");
        assert_eq!(decode(&body).unwrap().renewal_date, None);

        let mut location = sample("cro", "/customers/{customer_id}", "get")["locations"][0].clone();
        location["renewal_date"] = json!("");
        let decoded: DispatchCustomerSettingsModel =
            serde_json::from_str(&location.to_string()).unwrap();
        assert_eq!(decoded.renewal_date, None);
    }

    #[test]
    fn a_renewal_date_that_is_not_a_date_is_still_refused() {
        for bad in [" ", "2020-13-01", "0"] {
            let mut body = sample("cro", DEACTIVATE, "delete");
            body["renewal_date"] = json!(bad);
            assert!(decode(&body).is_err(), "{bad:?} was accepted");
        }
        let mut body = sample("cro", DEACTIVATE, "delete");
        body["renewal_date"] = json!("2024-02-29");
        assert_eq!(
            decode(&body).unwrap().renewal_date.unwrap().to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn an_empty_required_timestamp_is_still_refused() {
        let mut customer = sample("cro", "/customers/{customer_id}", "get");
        customer["created_on"] = json!("");
        assert!(serde_json::from_str::<CustomerModel>(&customer.to_string()).is_err());
    }
}

#[cfg(feature = "pdm")]
mod pdm {
    use super::*;
    use customer_apis::pdm::types::Customer;

    fn customer() -> Value {
        sample("pdm", "/GetCustomer", "post")["customer"].clone()
    }

    #[test]
    fn empty_dob_decodes_as_absent() {
        let mut body = customer();
        body["dob"] = json!("");
        let decoded: Customer = serde_json::from_str(&body.to_string()).unwrap();
        assert_eq!(decoded.dob, None);
        assert_eq!(decoded.customer_id, 1408);
    }

    #[test]
    fn an_empty_required_date_is_still_refused() {
        let mut body = customer();
        body["created"] = json!("");
        assert!(serde_json::from_str::<Customer>(&body.to_string()).is_err());
    }
}

/// The build script's routine on edited specs: what it attaches to fields no committed spec has.
mod codegen_rules {
    use super::codegen;

    fn cro_spec() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/specs/cro.yaml")).unwrap()
    }

    /// The generated field `name` with its attributes, as text without whitespace.
    fn field(code: &str, name: &str) -> String {
        let end = code
            .find(&format!("pub {name}:"))
            .unwrap_or_else(|| panic!("no field {name}"));
        let start = code[..end].rfind("///").unwrap();
        let stop = end + code[end..].find(',').unwrap();
        code[start..stop].split_whitespace().collect()
    }

    #[test]
    fn optional_and_required_nullable_dates_read_empty_strings_as_none() {
        let anchor = "        number:\n          description: Phone number";
        let added = "        closed_on:\n          description: Added optional date-time.\n          type: string\n          format: date-time\n          nullable: true\n        reviewed_on:\n          description: Added required nullable date.\n          type: string\n          format: date\n          nullable: true\n";
        let spec = cro_spec()
            .replacen(anchor, &format!("{added}{anchor}"), 1)
            .replacen(
                "        - number\n",
                "        - number\n        - reviewed_on\n",
                1,
            );
        let (code, _) = codegen::generate(&spec).expect("the edited spec generates");
        let closed = field(&code, "closed_on");
        assert!(
            closed.contains(
                "#[serde(default,deserialize_with=\"crate::timestamp::timestamp_serde::optional\")]"
            ),
            "{closed}"
        );
        assert!(closed.ends_with("pubclosed_on:::std::option::Option<crate::Timestamp>"));
        // Required: no `default`, and progenitor's own `Option::deserialize` is replaced.
        let reviewed = field(&code, "reviewed_on");
        assert!(
            reviewed
                .contains("#[serde(deserialize_with=\"crate::timestamp::date_serde::optional\")]"),
            "{reviewed}"
        );
        assert!(!reviewed.contains("default"), "{reviewed}");
        assert!(!reviewed.contains("Option::deserialize"), "{reviewed}");
    }

    #[test]
    fn a_renamed_field_that_is_not_a_rust_name_is_refused() {
        let spec = cro_spec().replacen(
            "x-renamed-from: customer_id",
            "x-renamed-from: Customer-Id",
            1,
        );
        let err = codegen::generate(&spec).unwrap_err();
        assert!(err.contains("not a plain snake_case name"), "{err}");
    }
}
