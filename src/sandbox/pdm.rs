//! PDM (Pro Delivery Manager): HTTP 200 with PDM's own status code in the body.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::{
    SpecFallback, SpecMatch, PDM_BLOCKED_COMPANY, PDM_INVALID_API_KEY, PDM_SAMPLE_SESSION_TOKEN,
};

/// How long an issued session token lives.
const SESSION_LIFETIME: Duration = Duration::from_secs(3600);

struct Pdm {
    /// The sample customer and the seeded ones, found by id or external reference.
    customers: Vec<Value>,
    /// Issued tokens: company and expiry (`None`: the docs' sample token, never expires).
    sessions: HashMap<String, (i64, Option<chrono::DateTime<chrono::Utc>>)>,
    /// Where issued tokens are also remembered, for the request log.
    issued: super::Issued,
}

type Shared = Arc<Mutex<Pdm>>;

pub(super) fn routes(seed: Arc<super::Seed>, issued: super::Issued) -> (Router, SpecFallback) {
    let spec = Arc::new(super::spec("pdm"));
    let sample = super::example(&spec, "/GetCustomer", "post");
    let mut sessions = HashMap::new();
    sessions.insert(PDM_SAMPLE_SESSION_TOKEN.to_owned(), (9001, None));
    let state: Shared = Arc::new(Mutex::new(Pdm {
        customers: std::iter::once(sample["customer"].clone())
            .chain(
                seed.records("pdm", "GetCustomer")
                    .iter()
                    .map(|r| r.body.clone()),
            )
            .collect(),
        sessions,
        issued,
    }));
    let fallback = super::spec_fallback(state.clone(), spec, spec_operation);
    let other = super::as_handler(&fallback);
    let router = Router::new()
        .route(
            "/GetSessionToken",
            post(get_session_token).fallback(other.clone()),
        )
        .route("/GetCustomer", post(get_customer).fallback(other))
        .with_state(state);
    (router, fallback)
}

/// Any PDM method of the spec without a handler of its own: company and session checked as
/// for GetCustomer, then its example with status 101. Any method but POST is 405.
async fn spec_operation(state: Shared, spec: Arc<Value>, request: Request) -> Response {
    let (method, path, _, body) = super::request_parts(request).await;
    match super::match_operation(&spec, &method, &path) {
        SpecMatch::Operation { example, .. } => {
            let body = match json_body(&body) {
                Ok(body) => body,
                Err(answer) => return answer.into_response(),
            };
            let pdm = state.lock().unwrap_or_else(|p| p.into_inner());
            match authorised(&pdm, &body) {
                Ok(()) => Json(example).into_response(),
                Err(answer) => answer.into_response(),
            }
        }
        SpecMatch::OtherMethods(_) => not_allowed(&method),
        SpecMatch::Unknown => {
            (StatusCode::NOT_FOUND, status(500, "No such PDM method")).into_response()
        }
    }
}

/// The company id and session token of a request body: a session PDM issued to that company,
/// not expired.
fn authorised(pdm: &Pdm, body: &Value) -> Result<(), Json<Value>> {
    let company = company(body)?;
    let token = match text(body, "session_token")? {
        Field::Missing => return Err(status(301, "Required data missing: session_token")),
        Field::Present(t) => t,
    };
    match pdm.sessions.get(token) {
        Some((owner, expires))
            if *owner == company && expires.is_none_or(|at| at > chrono::Utc::now()) =>
        {
            Ok(())
        }
        Some((owner, _)) if *owner != company => Err(status(201, "Invalid / inactive company ID")),
        _ => Err(status(202, "Invalid / inactive API key")),
    }
}

/// Any method but POST: 405 (PDM's methods are all POST with a JSON body).
fn not_allowed(method: &str) -> Response {
    let mut response = (
        StatusCode::METHOD_NOT_ALLOWED,
        status(
            500,
            &format!("Method {method} not allowed: PDM methods are POST"),
        ),
    )
        .into_response();
    response
        .headers_mut()
        .insert("allow", HeaderValue::from_static("POST"));
    response
}

fn status(code: i64, details: &str) -> Json<Value> {
    Json(json!({"status": {"code": code, "details": details}}))
}

/// A field as the type PDM documents, or the status to answer.
enum Field<T> {
    Missing,
    Present(T),
}

fn int(body: &Value, name: &str) -> Result<Field<i64>, Json<Value>> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(Field::Missing),
        Some(v) => v
            .as_i64()
            .map(Field::Present)
            .ok_or_else(|| status(303, &format!("Incorrect data type: {name}"))),
    }
}

fn text<'a>(body: &'a Value, name: &str) -> Result<Field<&'a str>, Json<Value>> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(Field::Missing),
        Some(Value::String(s)) if s.is_empty() => Ok(Field::Missing),
        Some(Value::String(s)) => Ok(Field::Present(s)),
        Some(_) => Err(status(303, &format!("Incorrect data type: {name}"))),
    }
}

fn company(body: &Value) -> Result<i64, Json<Value>> {
    match int(body, "company_id")? {
        Field::Missing => Err(status(301, "Required data missing: company_id")),
        Field::Present(c) if c <= 0 => Err(status(201, "Invalid / inactive company ID")),
        Field::Present(PDM_BLOCKED_COMPANY) => Err(status(204, "IP address not approved")),
        Field::Present(c) => Ok(c),
    }
}

fn expiry_text(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The body as JSON; anything else is answered, as PDM answers everything, with HTTP 200.
fn json_body(body: &[u8]) -> Result<Value, Json<Value>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) | Err(_) if body.iter().all(u8::is_ascii_whitespace) => {
            Err(status(301, "Required data missing: the body is empty"))
        }
        Ok(_) | Err(_) => Err(status(
            303,
            "Incorrect data type: the body must be a JSON object",
        )),
    }
}

async fn get_session_token(State(state): State<Shared>, body: Bytes) -> Json<Value> {
    let body = match json_body(&body) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let result = (|| {
        let company = company(&body)?;
        let key = match text(&body, "key")? {
            Field::Missing => return Err(status(301, "Required data missing: key")),
            Field::Present(k) => k,
        };
        if key == PDM_INVALID_API_KEY {
            return Err(status(202, "Invalid / inactive API key"));
        }
        Ok(company)
    })();
    let company = match result {
        Ok(c) => c,
        Err(answer) => return answer,
    };
    let token = format!("{company}|{}|0001", uuid::Uuid::new_v4());
    let expires = chrono::Utc::now() + SESSION_LIFETIME;
    let mut pdm = state.lock().unwrap_or_else(|p| p.into_inner());
    pdm.issued.add(&token);
    pdm.sessions.insert(token.clone(), (company, Some(expires)));
    Json(json!({
        "status": {"code": 101, "details": "OK"},
        "session": {
            "session_token": token,
            "expires_local_datetime": expiry_text(expires),
            "expires_utc_datetime": expiry_text(expires),
        }
    }))
}

async fn get_customer(State(state): State<Shared>, body: Bytes) -> Json<Value> {
    let body = match json_body(&body) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let pdm = state.lock().unwrap_or_else(|p| p.into_inner());
    let result = (|| {
        authorised(&pdm, &body)?;
        let id = int(&body, "customer_id")?;
        let reference = text(&body, "external_customer_ref")?;
        if let Field::Present(r) = reference {
            if r.chars().count() > 50 {
                return Err(status(
                    302,
                    "Data exceeded parameters: external_customer_ref",
                ));
            }
        }
        match (&id, &reference) {
            (Field::Missing, Field::Missing) => {
                return Err(status(
                    301,
                    "Required data missing: customer_id or external_customer_ref",
                ))
            }
            (Field::Present(205), _) => return Err(status(205, "Rate limit exceeded")),
            (Field::Present(500), _) => return Err(status(500, "General service error")),
            _ => {}
        }
        // Both given: the id is tried first, then the reference; the first match wins (a
        // later seeded record first).
        let by_id = pdm
            .customers
            .iter()
            .rev()
            .find(|c| matches!(id, Field::Present(i) if c["customer_id"].as_i64() == Some(i)));
        let by_ref = pdm.customers.iter().rev().find(|c| {
            matches!(reference, Field::Present(r) if c["external_customer_ref"].as_str() == Some(r))
        });
        by_id
            .or(by_ref)
            .cloned()
            .ok_or_else(|| status(401, "No matching customer found"))
    })();
    match result {
        Ok(customer) => {
            Json(json!({"status": {"code": 101, "details": "OK"}, "customer": customer}))
        }
        Err(answer) => answer,
    }
}

/// A fault's answer: PDM's status 500 in the body, with the HTTP status set.
pub(super) fn fault_answer(status: StatusCode) -> Response {
    let reason = status.canonical_reason().unwrap_or("Error");
    (
        status,
        Json(json!({"status": {"code": 500, "details": reason}})),
    )
        .into_response()
}
