//! A vendor the sandbox has no file for (one added as a spec): it plays what the spec says.
//! The credential of the spec's security scheme must be sent (`http` `bearer`, or an `apiKey`
//! header or query parameter), else 401; the ids the spec knows are its parameters' examples
//! and the seeded records' params; an operation that documents a 404 answers it, with its
//! example, for any other id; everything else answers its first documented success: the 200
//! example (or the seeded record), another status's example, or no body (a 204).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::{SpecFallback, SpecMatch};

/// The fallback answering every operation of `vendor`'s spec.
pub(super) fn routes(vendor: &'static str, seed: Arc<super::Seed>) -> SpecFallback {
    let spec = Arc::new(super::spec(vendor));
    super::spec_fallback((vendor, seed), spec, serve)
}

async fn serve(
    (vendor, seed): (&'static str, Arc<super::Seed>),
    spec: Arc<Value>,
    request: axum::extract::Request,
) -> Response {
    let query = request.uri().query().unwrap_or_default().to_owned();
    let (method, path, headers, _) = super::request_parts(request).await;
    let (template, params, example) = match super::match_operation(&spec, &method, &path) {
        SpecMatch::Operation {
            template,
            params,
            example,
        } => (template, params, example),
        SpecMatch::OtherMethods(allowed) => {
            let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
            if let Ok(allowed) = allowed.join(", ").parse() {
                response.headers_mut().insert("allow", allowed);
            }
            return response;
        }
        // The router chose this vendor because its spec documents the path.
        SpecMatch::Unknown => return StatusCode::NOT_FOUND.into_response(),
    };
    let operation = &spec["paths"][&template][method.to_ascii_lowercase()];
    if !credential_sent(&spec, &headers, &query) {
        return documented(&spec, operation, "401", StatusCode::UNAUTHORIZED);
    }
    let op_id = operation["operationId"].as_str().unwrap_or_default();
    if seed.find(vendor, op_id, &params).is_none()
        && !known(&spec, operation, &params)
        && operation["responses"].get("404").is_some()
    {
        return documented(&spec, operation, "404", StatusCode::NOT_FOUND);
    }
    // The first success the operation documents: `204` (or any without a body) answers none.
    let answers = operation["responses"].as_object().into_iter().flatten();
    let success = answers
        .filter(|(s, _)| s.starts_with('2'))
        .find_map(|(s, a)| {
            let status = StatusCode::from_bytes(s.as_bytes()).ok()?;
            Some((
                status,
                a.get("content").is_some() || a.get("$ref").is_some(),
            ))
        });
    match success {
        Some((status, false)) => status.into_response(),
        Some((status, true)) if status != StatusCode::OK => {
            documented(&spec, operation, status.as_str(), status)
        }
        _ => {
            let body =
                super::seeded_answer(&seed, vendor, &spec, &template, &method, &params, example);
            (StatusCode::OK, Json(body)).into_response()
        }
    }
}

/// Whether the request carries a non-blank credential where the spec's scheme puts it.
fn credential_sent(spec: &Value, headers: &HeaderMap, query: &str) -> bool {
    // The scheme the build chose (the client's): the document's `security`, else an
    // operation's, else the only one.
    let schemes = &spec["components"]["securitySchemes"];
    let first = |security: &Value| security[0].as_object()?.keys().next().cloned();
    let items = spec["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values());
    let mut operations = items.filter_map(Value::as_object).flat_map(|i| i.values());
    let named = first(&spec["security"])
        .or_else(|| operations.find_map(|op| first(&op["security"])))
        .or_else(|| schemes.as_object()?.keys().next().cloned());
    let Some(scheme) = named.map(|n| &schemes[n]) else {
        return true;
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let field = |k: &str| scheme[k].as_str().unwrap_or_default();
    let value = match (field("type"), field("in")) {
        ("http", _) => header("authorization").and_then(|v| {
            let (kind, rest) = v.split_once(' ')?;
            kind.eq_ignore_ascii_case(field("scheme")).then_some(rest)
        }),
        ("apiKey", "header") => header(field("name")),
        ("apiKey", "query") => url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == field("name"))
            .map(|(_, v)| if v.trim().is_empty() { "" } else { "sent" }),
        _ => Some("not checked"),
    };
    value.is_some_and(|v| !v.trim().is_empty())
}

/// Whether every path parameter is one the spec gives as an example (the ids it knows).
fn known(spec: &Value, operation: &Value, params: &BTreeMap<String, String>) -> bool {
    let declared = operation["parameters"].as_array().into_iter().flatten();
    let resolve = |p: &'_ Value| -> Value {
        match p["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
            Some(pointer) => spec.pointer(pointer).cloned().unwrap_or(Value::Null),
            None => p.clone(),
        }
    };
    declared.map(resolve).all(|p| {
        let Some(sent) = p["name"].as_str().and_then(|n| params.get(n)) else {
            return true;
        };
        let example = p.get("example").or_else(|| p["schema"].get("example"));
        match example {
            Some(Value::String(s)) => s == sent,
            Some(other) => serde_json::from_str::<Value>(sent).is_ok_and(|v| v == *other),
            None => true,
        }
    })
}

/// The operation's documented answer for `status`, with its example (or an empty body).
fn documented(spec: &Value, operation: &Value, status: &str, code: StatusCode) -> Response {
    let mut answer = &operation["responses"][status];
    if let Some(pointer) = answer["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
        answer = spec.pointer(pointer).unwrap_or(&Value::Null);
    }
    let example = &answer["content"]["application/json"]["example"];
    if example.is_null() {
        return code.into_response();
    }
    (code, Json(example.clone())).into_response()
}

/// A fault's answer: the spec's documented answer for the status (the first operation's that
/// has one, with its example), else the status alone.
pub(super) fn fault_answer(vendor: &str, status: StatusCode) -> Response {
    let spec = super::spec_ref(vendor);
    let code = status.as_str();
    let paths = spec["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values());
    let mut operations = paths
        .filter_map(Value::as_object)
        .flat_map(|item| item.values());
    match operations.find(|op| op["responses"].get(code).is_some()) {
        Some(operation) => documented(spec, operation, code, status),
        None => status.into_response(),
    }
}
