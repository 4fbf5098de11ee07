//! Foxtrot: answers in its `{"status", "data"}` envelope.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::{SpecFallback, SpecMatch, FOXTROT_NOT_CONFIDENT_CUSTOMER};

const DC: &str = "Foxtrot-DC";

struct Foxtrot {
    /// The Get Customer sample's envelope, whose `data.customer` each answer replaces.
    customer: Value,
    /// Customers by (DC, id): the sample and the seeded ones.
    customers: std::collections::BTreeMap<(String, String), Value>,
    /// DCs that exist: the sample's and the seeded ones.
    dcs: std::collections::BTreeSet<String>,
    seed: Arc<super::Seed>,
    confident_location: Value,
    waypoints: Value,
}

type Shared = Arc<Foxtrot>;

pub(super) fn routes(seed: Arc<super::Seed>) -> (Router, SpecFallback) {
    let spec = Arc::new(super::spec("foxtrot"));
    let sample = super::example(&spec, "/dcs/{dc_id}/customers/{customer_id}", "get");
    let mut customers = std::collections::BTreeMap::new();
    let sample_customer = sample["data"]["customer"].clone();
    // The docs' customer is the one of the confident-location sample (the Get Customer
    // sample's id is a placeholder).
    let located = super::example(
        &spec,
        "/dcs/{dc_id}/customers/{customer_id}/confident-location",
        "get",
    );
    let sample_key = located["data"]["customer_id"]
        .as_str()
        .unwrap_or("johns-burger-shack")
        .to_owned();
    customers.insert((DC.to_owned(), sample_key), sample_customer);
    let mut dcs = std::collections::BTreeSet::from([DC.to_owned()]);
    for record in seed.records("foxtrot", "getCustomer") {
        let dc = record
            .params
            .get("dc_id")
            .cloned()
            .unwrap_or_else(|| DC.to_owned());
        let id = record
            .params
            .get("customer_id")
            .cloned()
            .or_else(|| record.body["id"].as_str().map(str::to_owned));
        if let Some(id) = id {
            dcs.insert(dc.clone());
            customers.insert((dc, id), record.body.clone());
        }
    }
    for op in ["getConfidentLocation", "getWaypoints"] {
        dcs.extend(
            seed.records("foxtrot", op)
                .iter()
                .filter_map(|r| r.params.get("dc_id").cloned()),
        );
    }
    let state = Arc::new(Foxtrot {
        customer: sample,
        customers,
        dcs,
        seed,
        confident_location: super::example(
            &spec,
            "/dcs/{dc_id}/customers/{customer_id}/confident-location",
            "get",
        ),
        waypoints: super::example(
            &spec,
            "/dcs/{dc_id}/customers/{customer_id}/waypoints",
            "get",
        ),
    });
    let fallback = super::spec_fallback(state.clone(), spec, spec_operation);
    let other = super::as_handler(&fallback);
    let router = Router::new()
        .route(
            "/dcs/{dc_id}/customers/{customer_id}",
            get(get_customer).fallback(other.clone()),
        )
        .route(
            "/dcs/{dc_id}/customers/{customer_id}/confident-location",
            get(confident_location).fallback(other.clone()),
        )
        .route(
            "/dcs/{dc_id}/customers/{customer_id}/waypoints",
            get(waypoints).fallback(other),
        )
        .with_state(state);
    (router, fallback)
}

/// Any operation of the spec without a handler of its own: the API key and DC checks, then
/// its 200 example (already in the envelope). Another method on a documented path is 405.
async fn spec_operation(state: Shared, spec: Arc<Value>, request: Request) -> Response {
    let (method, path, headers, _) = super::request_parts(request).await;
    match super::match_operation(&spec, &method, &path) {
        SpecMatch::Operation {
            params,
            example,
            template,
        } => {
            let dc_id = params.get("dc_id").map_or(DC, String::as_str);
            if let Err(response) = check(&state, &headers, dc_id) {
                return response;
            }
            let body = super::seeded_answer(
                &state.seed,
                "foxtrot",
                &spec,
                &template,
                &method,
                &params,
                example,
            );
            (StatusCode::OK, Json(body)).into_response()
        }
        SpecMatch::OtherMethods(allowed) => not_allowed(&method, &allowed.join(", ")),
        SpecMatch::Unknown => error(StatusCode::NOT_FOUND, 404, "No such endpoint."),
    }
}

fn error(status: StatusCode, code: i64, message: &str) -> Response {
    (
        status,
        Json(json!({"status": "error", "data": {"code": code, "message": message}})),
    )
        .into_response()
}

/// The seeded customer id (the docs' sample).
fn sample_id(state: &Foxtrot) -> &str {
    state.confident_location["data"]["customer_id"]
        .as_str()
        .unwrap_or("johns-burger-shack")
}

/// API key and DC, as the docs' statuses describe them.
fn check(state: &Foxtrot, headers: &HeaderMap, dc_id: &str) -> Result<(), Response> {
    let key = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.get(..7)
                .filter(|p| p.eq_ignore_ascii_case("bearer "))
                .map(|_| v[7..].trim())
        });
    if key.is_none_or(str::is_empty) {
        return Err(error(StatusCode::UNAUTHORIZED, 401, "API key is invalid."));
    }
    if !state.dcs.contains(dc_id) {
        return Err(error(
            StatusCode::FORBIDDEN,
            403,
            "DC does not exist or user does not have permission to access it.",
        ));
    }
    Ok(())
}

/// Another method than the documented ones: 405 in Foxtrot's error envelope.
fn not_allowed(method: &str, allowed: &str) -> Response {
    let mut response = error(
        StatusCode::METHOD_NOT_ALLOWED,
        405,
        &format!("Method {method} not allowed."),
    );
    if let Ok(allowed) = HeaderValue::from_str(allowed) {
        response.headers_mut().insert("allow", allowed);
    }
    response
}

fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, 404, "Customer does not exist.")
}

async fn get_customer(
    State(state): State<Shared>,
    Path((dc_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(response) = check(&state, &headers, &dc_id) {
        return response;
    }
    let mut body = state.customer.clone();
    if customer_id == FOXTROT_NOT_CONFIDENT_CUSTOMER {
        let customer = &mut body["data"]["customer"];
        customer["id"] = json!(customer_id);
        customer["imported_location"] = Value::Null;
    } else {
        match state.customers.get(&(dc_id, customer_id)) {
            Some(customer) => body["data"]["customer"] = customer.clone(),
            None => return not_found(),
        }
    }
    Json(body).into_response()
}

/// A record seeded for `operation` at these ids, in the envelope.
fn seeded(
    state: &Foxtrot,
    operation: &str,
    dc_id: &str,
    customer_id: &str,
    example: &Value,
) -> Option<Response> {
    let params = std::collections::BTreeMap::from([
        ("dc_id".to_owned(), dc_id.to_owned()),
        ("customer_id".to_owned(), customer_id.to_owned()),
    ]);
    let body = state.seed.find("foxtrot", operation, &params)?;
    let result = crate::foxtrot::OPERATIONS
        .iter()
        .find(|o| o.id == operation)
        .map_or("", |o| o.result);
    Some(Json(super::seed::wrap(example, result, body.clone())).into_response())
}

async fn confident_location(
    State(state): State<Shared>,
    Path((dc_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(response) = check(&state, &headers, &dc_id) {
        return response;
    }
    if let Some(answer) = seeded(
        &state,
        "getConfidentLocation",
        &dc_id,
        &customer_id,
        &state.confident_location,
    ) {
        return answer;
    }
    if customer_id == FOXTROT_NOT_CONFIDENT_CUSTOMER {
        return error(
            StatusCode::BAD_REQUEST,
            7001,
            "Customer location not confident.",
        );
    }
    if customer_id != sample_id(&state) {
        return not_found();
    }
    Json(state.confident_location.clone()).into_response()
}

/// As documented: the bare list, no envelope; no 404 is documented, so an unknown customer has
/// no waypoints.
async fn waypoints(
    State(state): State<Shared>,
    Path((dc_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(response) = check(&state, &headers, &dc_id) {
        return response;
    }
    // Seeded waypoints are the list (`x-result-schema`), served bare as the docs show.
    if let Some(answer) = seeded(&state, "getWaypoints", &dc_id, &customer_id, &Value::Null) {
        return answer;
    }
    if customer_id != sample_id(&state) {
        return Json(json!({"waypoints": []})).into_response();
    }
    Json(state.waypoints.clone()).into_response()
}

/// A fault's answer: Foxtrot's error envelope with the status as its code.
pub(super) fn fault_answer(status: StatusCode) -> Response {
    error(
        status,
        i64::from(status.as_u16()),
        status.canonical_reason().unwrap_or("Error"),
    )
}
