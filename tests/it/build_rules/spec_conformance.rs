//! Answers that are valid per the specs decode (both names of a renamed field when they agree,
//! `""` in an optional date), and the specs say what the vendors' docs say in a form that
//! third-party validators and mocks read as meant (ISO 8601 timestamps, an example on every
//! response and on the version header).

use serde_json::Value;

use super::codegen;
#[cfg(any(feature = "cro", feature = "pdm"))]
use crate::support::example as sample;
use crate::support::spec;

#[cfg(feature = "cro")]
mod cro {
    use super::*;
    use customer_apis::cro::types::{
        CustomerModel, DispatchCustomerLocationModel, DispatchCustomerSettingsModel,
    };
    use serde_json::json;

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

    /// Both names used to be merely optional, so a mock generating from the schema sent both,
    /// each with a random value: the schema now says exactly one is sent.
    #[test]
    fn the_schema_says_exactly_one_of_the_two_names() {
        let spec = spec("cro");
        let schema = &spec["components"]["schemas"]["DispatchCustomerLocationModel"];
        assert_eq!(
            schema["oneOf"],
            json!([{"required": ["id"]}, {"required": ["customer_id"]}])
        );
        let required = schema["required"].as_array().unwrap();
        assert!(!required.contains(&json!("id")) && !required.contains(&json!("customer_id")));
        // The vendor's sample (an old version's) sends one name, `customer_id`.
        let one_name = deactivate_answer(None, Some(1));
        assert_eq!(one_name, sample("cro", DEACTIVATE, "delete"));
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
    use serde_json::json;

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
    use crate::support::{self, node};
    use serde_json::{json, Value};

    const CONTACT: &str = "/components/schemas/CustomerContactModel";
    const LOCATION: &str = "/components/schemas/DispatchCustomerLocationModel";

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
        let spec = support::spec_with("cro", |spec| {
            let contact = node(spec, CONTACT);
            let properties = &mut contact["properties"];
            assert!(properties["number"]["description"]
                .as_str()
                .is_some_and(|d| d.starts_with("Phone number")));
            properties["closed_on"] = json!({
                "description": "Added optional date-time.",
                "type": "string",
                "format": "date-time",
                "nullable": true,
            });
            properties["reviewed_on"] = json!({
                "description": "Added required nullable date.",
                "type": "string",
                "format": "date",
                "nullable": true,
            });
            let required = contact["required"].as_array_mut().unwrap();
            assert!(required.contains(&json!("number")));
            required.push(json!("reviewed_on"));
        });
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
    fn iso_8601_timestamps_generate_as_timestamp_without_validate_rules() {
        let (code, _) = codegen::generate(&support::spec_text("cro")).unwrap();
        // Three models and the deactivate model's decoding twin; two models and the twin. Each
        // of those but the renamed model (read through its twin) has a strict decoder's twin
        // too, with the same field.
        let count = |field: &str| {
            code.matches(&format!("pub {field}: crate::Timestamp"))
                .count()
        };
        assert_eq!(count("created_on"), 4 + 3);
        assert_eq!(count("last_updated_on"), 3 + 2);
        assert!(!code.contains("self.created_on"), "no Validate rule");
        assert!(!code.contains("self.last_updated_on"), "no Validate rule");
    }

    /// The `oneOf` saying "exactly one of the two names" is for validators and mocks: the
    /// merged, required field says it for the generated type, which the `oneOf` leaves as it
    /// is. A `oneOf` about anything else is not taken away silently.
    #[test]
    fn the_one_of_of_a_renamed_pair_leaves_the_generated_type_as_it_is() {
        // The pair's `oneOf` replaced by `one_of` (taken away if `None`); the spec's own
        // is there exactly once, on the renamed pair's model.
        let with_one_of = |one_of: Option<Value>| {
            support::spec_with("cro", |spec| {
                let location = node(spec, LOCATION).as_object_mut().unwrap();
                let own = location.remove("oneOf");
                assert_eq!(
                    own,
                    Some(json!([{"required": ["id"]}, {"required": ["customer_id"]}]))
                );
                location.extend(one_of.map(|one_of| ("oneOf".to_owned(), one_of)));
            })
        };
        let spec = support::spec_text("cro");
        assert_eq!(spec.matches("oneOf:").count(), 1);
        let own = json!([{"required": ["id"]}, {"required": ["customer_id"]}]);
        let (with, _) = codegen::generate(&with_one_of(Some(own))).unwrap();
        let (without, _) = codegen::generate(&with_one_of(None)).unwrap();
        assert_eq!(with, without);
        let swapped = json!([{"required": ["customer_id"]}, {"required": ["id"]}]);
        let (swapped, _) = codegen::generate(&with_one_of(Some(swapped))).unwrap();
        assert_eq!(with, swapped);
        let other = json!([{"required": ["id"]}, {"required": ["name"]}]);
        let other = codegen::generate(&with_one_of(Some(other)));
        assert!(!matches!(other, Ok((code, _)) if code == with));
    }

    #[test]
    fn a_renamed_field_that_is_not_a_rust_name_is_refused() {
        let spec = support::spec_with("cro", |spec| {
            let renamed = node(spec, &format!("{LOCATION}/properties/id/x-renamed-from"));
            assert_eq!(*renamed, "customer_id");
            *renamed = json!("Customer-Id");
        });
        let err = codegen::generate(&spec).unwrap_err();
        assert!(err.contains("not a plain snake_case name"), "{err}");
    }
}

/// Every `(pointer, schema)` in a spec whose schema has the given `format`.
fn with_format(node: &Value, at: &str, format: &str, out: &mut Vec<(String, Value)>) {
    match node {
        Value::Object(map) => {
            if map.get("format").and_then(Value::as_str) == Some(format) {
                out.push((at.to_owned(), node.clone()));
            }
            for (k, v) in map {
                with_format(v, &format!("{at}/{k}"), format, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                with_format(v, &format!("{at}/{i}"), format, out);
            }
        }
        _ => {}
    }
}

/// Every string value under `key` anywhere in `node`.
fn strings_at(node: &Value, key: &str, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::String(s) if k == key => out.push(s.clone()),
                    _ => strings_at(v, key, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| strings_at(v, key, out)),
        _ => {}
    }
}

#[test]
fn cro_timestamps_are_iso_8601_with_an_optional_offset_not_rfc_3339() {
    let spec = spec("cro");
    let mut rfc3339 = Vec::new();
    with_format(&spec, "", "date-time", &mut rfc3339);
    assert_eq!(rfc3339, vec![], "format: date-time requires an offset");
    let mut iso = Vec::new();
    with_format(&spec, "", "iso8601-date-time", &mut iso);
    // created_on and last_updated_on of CustomerModel and DispatchCustomerLocationModel, and
    // created_on of DispatchCustomerSettingsModel.
    assert_eq!(iso.len(), 5, "{iso:?}");
    let pattern = iso[0].1["pattern"].as_str().unwrap().to_owned();
    for (at, schema) in &iso {
        assert_eq!(schema["pattern"].as_str(), Some(pattern.as_str()), "{at}");
    }
    let regex = regress::Regex::new(&pattern).unwrap();
    let matches = |s: &str| regex.find(s).is_some();

    // The vendor's samples, as the spec's examples carry them.
    let mut samples = Vec::new();
    for key in ["created_on", "last_updated_on"] {
        strings_at(&spec["paths"], key, &mut samples);
    }
    assert_eq!(samples.len(), 8, "{samples:?}");
    for sample in &samples {
        assert!(matches(sample), "{sample}");
        let parsed: customer_apis::Timestamp = sample.parse().unwrap();
        assert_eq!(parsed.offset(), None, "{sample}");
    }
    for good in [
        "2018-06-13T19:50:20",
        "2018-06-13T19:50:20Z",
        "2018-06-13T19:50:20.447+02:00",
        "2018-06-13T19:50:20-07:00",
    ] {
        assert!(matches(good), "{good}");
        assert!(good.parse::<customer_apis::Timestamp>().is_ok(), "{good}");
    }
    for bad in [
        "",
        "2018-06-13",
        "2018-06-13T19:50",
        "2018-06-13T19:50:20+0200",
        "2018-06-13T19:50:20.",
        "13/06/2018 19:50:20",
        // Fields out of range: a mock generating from the pattern sent such values.
        "1954-13-65T59:77:85",
        "2018-06-13T24:00:00",
        "2018-06-13T19:50:20+24:00",
    ] {
        assert!(!matches(bad), "{bad}");
    }
    let tails = [
        "",
        ".5",
        ".123456789012",
        "Z",
        "+00:00",
        "+23:59",
        "-23:59",
        "+24:00",
        "-07:60",
    ];
    agrees_with_the_calendar(&pattern, 'T', &tails, |text| {
        text.parse::<customer_apis::Timestamp>().is_ok()
    });
}

#[test]
fn pdm_session_times_are_in_range_and_read_by_the_sdk() {
    let spec = spec("pdm");
    let session = &spec["components"]["schemas"]["Session"]["properties"];
    let pattern = session["expires_utc_datetime"]["pattern"].as_str().unwrap();
    assert_eq!(
        session["expires_local_datetime"]["pattern"].as_str(),
        Some(pattern)
    );
    let regex = regress::Regex::new(pattern).unwrap();
    let mut samples = Vec::new();
    for key in ["expires_local_datetime", "expires_utc_datetime"] {
        strings_at(&spec["paths"], key, &mut samples);
    }
    assert_eq!(samples.len(), 2, "{samples:?}");
    for sample in &samples {
        assert!(regex.find(sample).is_some(), "{sample}");
    }
    // The session policy reads the expiry with this format.
    agrees_with_the_calendar(pattern, ' ', &[""], |text| {
        customer_apis::chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").is_ok()
    });
}

/// Date-times built from every field at and past its bounds (`YYYY-MM-DD<sep>HH:MM:SS` and
/// each tail): the pattern matches exactly those whose fields are all in range (month 01–12,
/// day 01–31, hour 00–23, minute and second 00–59, offset within ±23:59), and of those the
/// SDK reads exactly the ones a calendar has (not 30 February): a value the pattern accepts
/// fails only for a day its month lacks. Out of range, the SDK refuses too, but for a second
/// 60 (a leap second, which chrono reads).
fn agrees_with_the_calendar(
    pattern: &str,
    sep: char,
    tails: &[&str],
    reads: impl Fn(&str) -> bool,
) {
    let regex = regress::Regex::new(pattern).unwrap();
    let leap = |y: u32| y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days_in = |y: u32, m: u32| match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let (mut matched, mut calendar_only) = (0, 0);
    for y in [0, 1900, 2000, 2023, 2024, 9999] {
        for m in [0, 1, 2, 4, 9, 12, 13] {
            for d in [0, 1, 28, 29, 30, 31, 32] {
                for (h, min, sec) in [
                    (0, 0, 0),
                    (23, 59, 59),
                    (24, 0, 0),
                    (12, 60, 0),
                    (12, 0, 60),
                ] {
                    for tail in tails {
                        let text =
                            format!("{y:04}-{m:02}-{d:02}{sep}{h:02}:{min:02}:{sec:02}{tail}");
                        let offset_in_range = !tail.ends_with(":60") && !tail.starts_with("+24");
                        let in_range = (1..=12).contains(&m)
                            && (1..=31).contains(&d)
                            && h <= 23
                            && min <= 59
                            && sec <= 59
                            && offset_in_range;
                        let real = in_range && d <= days_in(y, m);
                        assert_eq!(regex.find(&text).is_some(), in_range, "{text}");
                        if in_range {
                            matched += 1;
                            assert_eq!(reads(&text), real, "{text}");
                            calendar_only += usize::from(!real);
                        } else if sec != 60 || !offset_in_range {
                            assert!(!reads(&text), "{text} is read");
                        }
                    }
                }
            }
        }
    }
    assert!(
        matched > 0 && calendar_only > 0,
        "{matched} {calendar_only}"
    );
}

#[test]
fn every_response_with_a_body_has_an_example_of_its_own() {
    for (vendor, expected) in [("cro", 24), ("pdm", 2), ("foxtrot", 12)] {
        let spec = spec(vendor);
        let mut count = 0;
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let mut bodies = Vec::new();
                for (status, response) in op["responses"].as_object().unwrap() {
                    let response = match response["$ref"].as_str() {
                        Some(r) => spec.pointer(&r[1..]).unwrap().clone(),
                        None => response.clone(),
                    };
                    let media = &response["content"]["application/json"];
                    let example = media
                        .get("example")
                        .or_else(|| media["examples"].as_object()?.values().next()?.get("value"))
                        .unwrap_or_else(|| {
                            panic!("{vendor}: {method} {path} {status} has no example")
                        });
                    bodies.push(example.clone());
                    count += 1;
                }
                let distinct: std::collections::HashSet<String> =
                    bodies.iter().map(Value::to_string).collect();
                assert_eq!(distinct.len(), bodies.len(), "{vendor}: {method} {path}");
            }
        }
        assert_eq!(count, expected, "{vendor}: responses");
    }
}

#[cfg(feature = "cro")]
#[test]
fn the_version_header_example_is_the_default_pin() {
    let spec = spec("cro");
    let example = &spec["components"]["headers"]["ApiVersion"]["example"];
    assert_eq!(
        example.as_str(),
        Some(customer_apis::cro::ApiVersion::default().as_str())
    );
    // Every response declares the header through that component.
    let text = serde_json::to_string(&spec["paths"]).unwrap();
    assert_eq!(text.matches("#/components/headers/ApiVersion").count(), 3);
}

/// The default base URL is generated from the spec: its first `https` server (the vendor's
/// public API). PDM's only server is the sandbox's plain `http`: it has no default.
#[cfg(all(feature = "cro", feature = "foxtrot"))]
#[test]
fn the_default_base_url_is_the_specs_first_https_server() {
    let first_https = |vendor: &str| -> Option<String> {
        let spec = crate::support::spec(vendor);
        let servers = spec["servers"].as_array().cloned().unwrap_or_default();
        servers
            .iter()
            .filter_map(|s| s["url"].as_str())
            .find(|u| u.starts_with("https://"))
            .map(str::to_owned)
    };
    assert_eq!(
        customer_apis::cro::DEFAULT_BASE_URL,
        "https://api.crosoftware.net"
    );
    assert_eq!(
        first_https("cro").as_deref(),
        Some(customer_apis::cro::DEFAULT_BASE_URL)
    );
    assert_eq!(
        customer_apis::foxtrot::DEFAULT_BASE_URL,
        "https://apiv1.foxtrotsystems.com"
    );
    assert_eq!(
        first_https("foxtrot").as_deref(),
        Some(customer_apis::foxtrot::DEFAULT_BASE_URL)
    );
    assert_eq!(first_https("pdm"), None);
    let pdm = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/pdm.rs"))
        .unwrap();
    assert!(!pdm.contains("DEFAULT_BASE_URL"));
}
