//! Helpers shared by the integration tests.

use std::path::PathBuf;

use serde_json::Value;

// For the secret-leak suites: `cro_secrets` (CRO), `secrets_all_vendors` (PDM and Foxtrot).
#[cfg(any(feature = "cro", all(feature = "pdm", feature = "foxtrot")))]
pub mod secrets;

/// Every vendor with a spec in `specs/`, by key (the file's stem), in name order.
pub fn vendors() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut keys: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "yaml").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    keys.sort();
    keys
}

/// A spec from `specs/`, as its YAML text.
pub fn spec_text(vendor: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(format!("{vendor}.yaml"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A spec from `specs/`, as JSON.
pub fn spec(vendor: &str) -> Value {
    serde_yaml::from_str(&spec_text(vendor)).unwrap_or_else(|e| panic!("specs/{vendor}.yaml: {e}"))
}

/// A spec (as [`spec`] reads it, maybe edited) as YAML text again, for the code generator.
pub fn yaml(spec: &Value) -> String {
    serde_yaml::to_string(spec).expect("a spec serializes as YAML")
}

/// A spec from `specs/` with `edit` made to it (as [`spec`] reads it), as YAML text again.
pub fn spec_with(vendor: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut spec = spec(vendor);
    edit(&mut spec);
    yaml(&spec)
}

/// The node of `spec` at the JSON pointer `at`, to edit in place (`~1` stands for a `/` in a
/// key, as in `/paths/~1customers~1{customer_id}`). Panics when there is none.
pub fn node<'a>(spec: &'a mut Value, at: &str) -> &'a mut Value {
    spec.pointer_mut(at)
        .unwrap_or_else(|| panic!("nothing at {at} in the spec"))
}

/// The 200 example of an operation (`spec(vendor)`'s `paths.<path>.<method>`): its `example`,
/// or the `ok` one of its `examples` (PDM's, which answers 200 whatever the outcome).
pub fn example(vendor: &str, path: &str, method: &str) -> Value {
    let spec = spec(vendor);
    let media = &spec["paths"][path][method]["responses"]["200"]["content"]["application/json"];
    let found = match (media.get("example"), media.get("examples")) {
        (Some(example), None) => example,
        (None, Some(named)) => &named["ok"]["value"],
        _ => &Value::Null,
    };
    assert!(
        !found.is_null(),
        "{vendor} {method} {path}: no 200 `example` and no `ok` one, or both"
    );
    found.clone()
}

/// PDM's GetSessionToken answer (code 101) issuing `token`, valid for an hour.
#[cfg(all(feature = "pdm", feature = "foxtrot"))]
pub fn pdm_session_answer(token: &str) -> Value {
    let expires = (chrono::Utc::now() + chrono::Duration::hours(1))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    serde_json::json!({
        "status": {"code": 101, "details": "OK"},
        "session": {"session_token": token, "expires_local_datetime": expires,
                    "expires_utc_datetime": expires}
    })
}

/// `(operation, path, rule in words)` of each departure, in order, to compare with
/// [`departure_rows`].
#[cfg(any(
    all(feature = "cro", feature = "foxtrot", feature = "undeclared-fields"),
    feature = "sandbox"
))]
pub fn departures_said(departures: &[customer_apis::Departure]) -> Vec<(String, String, String)> {
    let each = |d: &customer_apis::Departure| {
        (d.operation.to_string(), d.path.clone(), d.rule.to_string())
    };
    departures.iter().map(each).collect()
}

/// Expected departures, as [`departures_said`] gives them.
#[cfg(any(
    all(feature = "cro", feature = "foxtrot", feature = "undeclared-fields"),
    feature = "sandbox"
))]
pub fn departure_rows(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    let each = |(o, p, r): &(&str, &str, &str)| (o.to_string(), p.to_string(), r.to_string());
    rows.iter().map(each).collect()
}

/// Up to `attempts` attempts, without waiting long between them (1 to 5 ms).
#[cfg(any(feature = "cro", all(feature = "pdm", feature = "foxtrot")))]
pub fn fast(attempts: u32) -> customer_apis::RetryPolicy {
    customer_apis::RetryPolicy::default()
        .max_attempts(attempts)
        .initial_delay(std::time::Duration::from_millis(1))
        .max_delay(std::time::Duration::from_millis(5))
}

/// A CRO client builder on `base_url` with `token` and tenant 1, without retries.
#[cfg(feature = "cro")]
pub fn cro_on(base_url: &str, token: &str) -> customer_apis::cro::ClientBuilder {
    customer_apis::cro::Client::builder()
        .base_url(base_url)
        .bearer_token(token)
        .tenant_id(1)
        .retry_policy(customer_apis::RetryPolicy::disabled())
}

/// A Foxtrot client builder on `base_url` with `key`, without retries.
#[cfg(all(feature = "foxtrot", any(feature = "cro", feature = "pdm")))]
pub fn foxtrot_on(base_url: &str, key: &str) -> customer_apis::foxtrot::ClientBuilder {
    customer_apis::foxtrot::Client::builder()
        .base_url(base_url)
        .api_key(key)
        .retry_policy(customer_apis::RetryPolicy::disabled())
}

/// A PDM client builder on `base_url` for company 9001 with the API key `key`, without
/// retries.
#[cfg(feature = "pdm")]
pub fn pdm_on(base_url: &str, key: &str) -> customer_apis::pdm::ClientBuilder {
    customer_apis::pdm::Client::builder()
        .base_url(base_url)
        .company_id(9001)
        .api_key(key)
        .retry_policy(customer_apis::RetryPolicy::disabled())
}

/// Decodes `value` as the spec's schema `schema` from its JSON text, as a client would, and
/// checks its documented rules: the rules it breaks, or why it does not decode. The three
/// specs' schema names differ, so one table serves them all.
#[cfg(any(feature = "cro", feature = "pdm", feature = "foxtrot"))]
pub fn decode(schema: &str, value: &Value) -> Result<Vec<String>, String> {
    use customer_apis::Validate;
    use serde::de::DeserializeOwned;
    fn checked<T: DeserializeOwned + Validate>(v: &Value) -> Result<Vec<String>, String> {
        let decoded: T = serde_json::from_str(&v.to_string()).map_err(|e| e.to_string())?;
        Ok(decoded.validate().iter().map(ToString::to_string).collect())
    }
    #[cfg(feature = "cro")]
    use customer_apis::cro::types as cro;
    #[cfg(feature = "foxtrot")]
    use customer_apis::foxtrot::types as foxtrot;
    #[cfg(feature = "pdm")]
    use customer_apis::pdm::types as pdm;
    match schema {
        #[cfg(feature = "cro")]
        "CustomerModel" => checked::<cro::CustomerModel>(value),
        #[cfg(feature = "cro")]
        "CustomerContactModel" => checked::<cro::CustomerContactModel>(value),
        #[cfg(feature = "cro")]
        "DispatchCustomerLocationModel" => checked::<cro::DispatchCustomerLocationModel>(value),
        #[cfg(feature = "cro")]
        "ErrorModel" => checked::<cro::ErrorModel>(value),
        #[cfg(feature = "pdm")]
        "GetCustomerRequest" => checked::<pdm::GetCustomerRequest>(value),
        #[cfg(feature = "pdm")]
        "GetCustomerResponse" => checked::<pdm::GetCustomerResponse>(value),
        #[cfg(feature = "pdm")]
        "GetSessionTokenRequest" => checked::<pdm::GetSessionTokenRequest>(value),
        #[cfg(feature = "pdm")]
        "GetSessionTokenResponse" => checked::<pdm::GetSessionTokenResponse>(value),
        #[cfg(feature = "pdm")]
        "Customer" => checked::<pdm::Customer>(value),
        #[cfg(feature = "pdm")]
        "Status" => checked::<pdm::Status>(value),
        #[cfg(feature = "foxtrot")]
        "CustomerEnvelope" => checked::<foxtrot::CustomerEnvelope>(value),
        #[cfg(feature = "foxtrot")]
        "ConfidentLocationEnvelope" => checked::<foxtrot::ConfidentLocationEnvelope>(value),
        #[cfg(feature = "foxtrot")]
        "WaypointList" => checked::<foxtrot::WaypointList>(value),
        #[cfg(feature = "foxtrot")]
        "WaypointListEnvelope" => checked::<foxtrot::WaypointListEnvelope>(value),
        #[cfg(feature = "foxtrot")]
        "WaypointsAnswer" => checked::<foxtrot::WaypointsAnswer>(value),
        #[cfg(feature = "foxtrot")]
        "ErrorEnvelope" => checked::<foxtrot::ErrorEnvelope>(value),
        other => panic!("no decoder for schema {other}: add it to this table"),
    }
}

/// The name of the component schema a `$ref` points at.
pub fn ref_name(schema: &Value) -> Option<&str> {
    schema
        .get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")
}

/// How many examples [`examples`] finds in each spec (by `info.title`). Exact, so that a spec
/// reshaped in a way this helper no longer reads (examples silently skipped), or an example
/// added or dropped, is noticed by every suite that decodes them. Update with the spec.
const EXAMPLE_COUNTS: [(&str, usize); 3] = [
    ("CRO Software customers API", 25),
    ("PDM (Pro Delivery Manager) accounts API", 7),
    ("Foxtrot Customers API", 13),
];

/// Every example in a spec: (where it is, the schema it is an example of, the value). Panics
/// unless their number is the spec's entry in [`EXAMPLE_COUNTS`].
pub fn examples(spec: &Value) -> Vec<(String, String, Value)> {
    let out = all_examples(spec);
    let title = spec["info"]["title"].as_str().unwrap_or_default();
    let Some(&(_, expected)) = EXAMPLE_COUNTS.iter().find(|(t, _)| *t == title) else {
        panic!("no example count for the spec titled {title:?}: add it to EXAMPLE_COUNTS");
    };
    assert_eq!(
        out.len(),
        expected,
        "{title}: examples found {:?}",
        out.iter().map(|(at, _, _)| at).collect::<Vec<_>>()
    );
    out
}

fn all_examples(spec: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    let resolve = |v: &Value| -> Value {
        match v
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(p) => spec.pointer(p).cloned().unwrap_or(Value::Null),
            None => v.clone(),
        }
    };
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            for (status, response) in op["responses"].as_object().into_iter().flatten() {
                let response = resolve(response);
                for (_, media) in response["content"].as_object().into_iter().flatten() {
                    let Some(schema) = ref_name(&media["schema"]) else {
                        continue;
                    };
                    let at = format!("{method} {path} {status}");
                    if let Some(example) = media.get("example") {
                        out.push((at.clone(), schema.to_owned(), example.clone()));
                    }
                    for (name, ex) in media["examples"].as_object().into_iter().flatten() {
                        out.push((
                            format!("{at} ({name})"),
                            schema.to_owned(),
                            ex["value"].clone(),
                        ));
                    }
                }
            }
            if let Some(body) = op.get("requestBody") {
                for (_, media) in body["content"].as_object().into_iter().flatten() {
                    let Some(schema) = ref_name(&media["schema"]) else {
                        continue;
                    };
                    if let Some(example) = media.get("example") {
                        out.push((
                            format!("{method} {path} request"),
                            schema.to_owned(),
                            example.clone(),
                        ));
                    }
                }
            }
        }
    }
    for (name, schema) in spec["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        if let Some(example) = schema.get("example") {
            if schema.get("properties").is_some() {
                out.push((
                    format!("components.schemas.{name}"),
                    name.clone(),
                    example.clone(),
                ));
            }
        }
    }
    out
}

/// A token that matches CRO's documented pattern.
#[cfg(feature = "cro")]
pub const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2VjcmV0LXNpZ25hdHVyZQ";

/// The OAuth grant of the sandbox's token endpoint for its sample client and refresh token.
#[cfg(feature = "sandbox")]
pub fn sandbox_grant(
    sandbox: &customer_apis::sandbox::Sandbox,
) -> customer_apis::RefreshingTokenBuilder {
    customer_apis::RefreshingToken::builder(
        sandbox.oauth_token_url(),
        "sandbox-client",
        customer_apis::sandbox::CRO_REFRESH_TOKEN,
    )
}
