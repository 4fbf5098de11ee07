//! The spec's verdict on a request the sandbox received: what it breaks of its operation's
//! documented headers, query parameters and body, as [`Departure`]s, so that an app's own code
//! that does not go through the SDK (a script, another service) learns what the vendor's spec
//! forbids. Paths say where: `header.x-tenant-id`, `query.limit`, `body.customer_id`.

use std::borrow::Cow;

use serde_json::Value;

use crate::departure::{Departure, DepartureRule};
use crate::redact::Redactor;

/// What the request breaks of operation `id` of `vendor`'s spec; names it did not declare are
/// the sender's text, masked by `known` like the rest of the log.
pub(super) fn verdict(
    vendor: &'static crate::vendors::Vendor,
    (id, template, method): (&str, &str, &str),
    parts: &axum::http::request::Parts,
    body: &[u8],
    known: &Redactor,
) -> Vec<Departure> {
    let mut found = Vec::new();
    for rule in vendor.request_headers {
        let value = parts.headers.get(rule.name).map(|v| v.to_str());
        let broken = match value {
            None if rule.required => Some(DepartureRule::Required),
            None => None,
            Some(Err(_)) => Some(DepartureRule::Unmet("must be visible ASCII".to_owned())),
            Some(Ok(value)) => rule.first_violation(value).map(DepartureRule::Unmet),
        };
        found.extend(broken.map(|b| (format!("header.{}", rule.name), b)));
    }
    let spec = super::spec_ref(vendor.vendor.key());
    let query = query_params(spec, template, method);
    let sent: Vec<String> = url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
        .map(|(name, _)| name.into_owned())
        .collect();
    for (name, required) in &query {
        if *required && !sent.contains(name) {
            found.push((format!("query.{name}"), DepartureRule::Required));
        }
    }
    for name in sent.iter().filter(|n| !query.iter().any(|(q, _)| q == *n)) {
        let name = known.redact(name);
        found.push((format!("query.{name}"), DepartureRule::Undeclared));
    }
    for (path, rule) in (vendor.check_request)(id, body).unwrap_or_default() {
        let path = match (path.as_str(), &rule) {
            ("", _) => "body".to_owned(),
            (path, DepartureRule::Undeclared) => format!("body.{}", known.redact(path)),
            (path, _) => format!("body.{path}"),
        };
        found.push((path, rule));
    }
    let operation: Cow<'static, str> = Cow::Owned(id.to_owned());
    let each = |(path, rule)| Departure {
        operation: operation.clone(),
        path,
        rule,
    };
    found.into_iter().map(each).collect()
}

/// The query parameters operation `method` on `template` documents (its path item's and its
/// own), with whether each is required.
fn query_params(spec: &Value, template: &str, method: &str) -> Vec<(String, bool)> {
    let item = &spec["paths"][template];
    let params = [&item["parameters"], &item[method]["parameters"]];
    let mut out = Vec::new();
    for list in params {
        for param in list.as_array().into_iter().flatten() {
            let param = match param["$ref"].as_str() {
                Some(at) => spec
                    .pointer(at.trim_start_matches('#'))
                    .unwrap_or(&Value::Null),
                None => param,
            };
            if param["in"] == "query" {
                let name = param["name"].as_str().unwrap_or_default().to_owned();
                out.push((name, param["required"] == true));
            }
        }
    }
    out
}
