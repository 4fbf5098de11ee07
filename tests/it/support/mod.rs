//! Helpers shared by the integration tests.

use std::path::PathBuf;

use serde_json::Value;

// For the secret-leak suites: `cro_secrets` (CRO), `secrets_all_vendors` (PDM and Foxtrot).
#[cfg(any(feature = "cro", all(feature = "pdm", feature = "foxtrot")))]
pub mod secrets;

/// A spec from `specs/`, as JSON.
pub fn spec(vendor: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("specs")
        .join(format!("{vendor}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The 200 example of an operation (`spec(vendor)`'s `paths.<path>.<method>`): its `example`,
/// or the first of its `examples`.
pub fn example(vendor: &str, path: &str, method: &str) -> Value {
    let spec = spec(vendor);
    let media = &spec["paths"][path][method]["responses"]["200"]["content"]["application/json"];
    media.get("example").cloned().unwrap_or_else(|| {
        media["examples"]
            .as_object()
            .and_then(|all| all.values().next())
            .map(|first| first["value"].clone())
            .unwrap_or_else(|| panic!("{vendor} {method} {path}: no 200 example"))
    })
}

/// PDM's GetSessionToken answer (code 101) issuing `token`, valid for an hour.
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
#[cfg(feature = "foxtrot")]
pub fn foxtrot_on(base_url: &str, key: &str) -> customer_apis::foxtrot::ClientBuilder {
    customer_apis::foxtrot::Client::builder()
        .base_url(base_url)
        .api_key(key)
        .retry_policy(customer_apis::RetryPolicy::disabled())
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
