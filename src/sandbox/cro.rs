//! CRO Software, as its endpoint pages describe it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::{
    SpecFallback, SpecMatch, CRO_CONFLICT_CUSTOMER, CRO_FAILING_CUSTOMER, CRO_FORBIDDEN_TENANT,
    CRO_RATE_LIMITED_CUSTOMER,
};
use crate::cro::{ApiVersion, REQUEST_HEADERS};

/// The version applied when a request names none and its client id has not used one: the
/// version of the docs' samples.
pub(super) const FIRST_VERSION: ApiVersion = ApiVersion::V2019_02_08;

struct Cro {
    /// The customers by id and tenant (`None`: every tenant's): the Get Customer sample and
    /// the seeded ones, whose `locations[].is_active` Deactivate changes.
    customers: std::collections::BTreeMap<(i64, Option<String>), Value>,
    /// Records seeded for the other operations.
    seed: Arc<super::Seed>,
    /// The version each token last used (CRO applies it when a request names none).
    last_version: HashMap<String, ApiVersion>,
    /// The token endpoint: a token it issued is refused once expired.
    oauth: super::oauth::SharedOAuth,
}

type Shared = Arc<Mutex<Cro>>;

/// The header a seed record may be scoped by: its tenant's records are its own.
const TENANT: &str = "x-tenant-id";

/// A tenant id as CRO reads it (an integer: `07` is 7); what is not one as it is.
fn canonical(tenant: &str) -> std::borrow::Cow<'_, str> {
    match tenant.trim().parse::<i64>() {
        Ok(n) => n.to_string().into(),
        Err(_) => tenant.into(),
    }
}

/// The tenant a request names.
fn tenant_of(headers: &HeaderMap) -> Option<String> {
    let tenant = headers.get(TENANT)?.to_str().ok()?;
    Some(canonical(tenant).into_owned())
}

impl Cro {
    /// The customer `id` as `tenant` sees it: its own record, else every tenant's.
    fn customer_mut(&mut self, id: i64, tenant: Option<String>) -> Option<&mut Value> {
        let own = (id, tenant);
        let key = if self.customers.contains_key(&own) {
            own
        } else {
            (id, None)
        };
        self.customers.get_mut(&key)
    }
}

pub(super) fn routes(
    oauth: super::oauth::SharedOAuth,
    seed: Arc<super::Seed>,
) -> (Router, SpecFallback) {
    let spec = Arc::new(super::spec("cro"));
    let sample = super::example(&spec, "/customers/{customer_id}", "get");
    let mut customers = std::collections::BTreeMap::new();
    customers.insert((sample["id"].as_i64().unwrap_or(1), None), sample);
    for record in seed.records("cro", "getCustomer") {
        let id = record
            .params
            .get("customer_id")
            .and_then(|id| id.parse().ok())
            .or_else(|| record.body["id"].as_i64());
        if let Some(id) = id {
            let tenant = record.params.get(TENANT).map(|t| canonical(t).into_owned());
            customers.insert((id, tenant), record.body.clone());
        }
    }
    let state: Shared = Arc::new(Mutex::new(Cro {
        customers,
        seed,
        last_version: HashMap::new(),
        oauth,
    }));
    let fallback = super::spec_fallback(state.clone(), spec, spec_operation);
    let other = super::as_handler(&fallback);
    let router = Router::new()
        .route(
            "/customers/{customer_id}",
            get(get_customer).fallback(other.clone()),
        )
        .route(
            "/customers/{customer_id}/contacts/{contact_id}",
            get(get_contact).fallback(other.clone()),
        )
        .route(
            "/customers/{customer_id}/locations/{location_id}",
            delete(deactivate).fallback(other),
        )
        .with_state(state);
    (router, fallback)
}

/// Any operation of the spec without a handler of its own: the documented checks (token,
/// tenant, version, the customer triggers), then its 200 example in the version applied's
/// headers. Another method on a documented path is 405, naming the documented ones.
async fn spec_operation(state: Shared, spec: Arc<Value>, request: Request) -> Response {
    let (method, path, headers, _) = super::request_parts(request).await;
    match super::match_operation(&spec, &method, &path) {
        SpecMatch::Operation {
            params, example, ..
        } => {
            let customer_id = match params.get("customer_id").map(|v| v.parse::<i64>()) {
                None => 0,
                Some(Ok(id)) => id,
                Some(Err(_)) => return bad_ids(),
            };
            match check(&state, &headers, customer_id) {
                Ok(version) => answer(StatusCode::OK, Some(version), example),
                Err(response) => response,
            }
        }
        SpecMatch::OtherMethods(allowed) => not_allowed(&method, &allowed.join(", ")),
        SpecMatch::Unknown => error(
            StatusCode::NOT_FOUND,
            None,
            "path",
            "Not found.",
            "No such endpoint.",
        ),
    }
}

fn error(
    status: StatusCode,
    version: Option<ApiVersion>,
    field: &str,
    detail: &str,
    explanation: &str,
) -> Response {
    let body = json!({"field": field, "detail": detail, "explanation": explanation});
    answer(status, version, body)
}

fn answer(status: StatusCode, version: Option<ApiVersion>, body: Value) -> Response {
    let mut response = (status, Json(body)).into_response();
    let headers = response.headers_mut();
    if let Ok(id) = HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()) {
        headers.insert("x-request-id", id);
    }
    headers.insert(
        "x-api-version",
        HeaderValue::from_static(version.unwrap_or(FIRST_VERSION).as_str()),
    );
    response
}

/// Checks token, tenant, version and Accept as CRO documents them; answers the version applied.
fn check(state: &Shared, headers: &HeaderMap, customer_id: i64) -> Result<ApiVersion, Response> {
    let text = |name: &str| headers.get(name).map(|v| v.to_str().unwrap_or("\u{fffd}"));
    let rule = |name: &str| REQUEST_HEADERS.iter().find(|h| h.name == name);
    let Some(token) = text("authorization") else {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            None,
            "authorization",
            "Authentication credentials were not provided.",
            "Send Authorization: Bearer <access token>.",
        ));
    };
    if let Some(broken) = rule("authorization").and_then(|r| r.first_violation(token)) {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            None,
            "authorization",
            "Invalid token header.",
            &broken,
        ));
    }
    let bare = token
        .get(7..)
        .filter(|_| token[..7].eq_ignore_ascii_case("bearer "));
    let expired = bare.is_some_and(|t| {
        let cro = state.lock().unwrap_or_else(|p| p.into_inner());
        let oauth = cro.oauth.lock().unwrap_or_else(|p| p.into_inner());
        oauth.expired(t.trim())
    });
    if expired {
        // Answered in the version asked for, as CRO answers a token it no longer accepts.
        let asked = text("x-api-version").and_then(|v| v.parse::<ApiVersion>().ok());
        return Err(error(
            StatusCode::UNAUTHORIZED,
            asked,
            "authorization",
            "Token expired.",
            "Obtain a new access token with the refresh token.",
        ));
    }
    let version = match text("x-api-version") {
        Some(v) => v.parse::<ApiVersion>().map_err(|e| {
            error(
                StatusCode::BAD_REQUEST,
                None,
                "x-api-version",
                "Invalid API version.",
                &e.to_string(),
            )
        })?,
        None => {
            let cro = state.lock().unwrap_or_else(|p| p.into_inner());
            cro.last_version
                .get(token)
                .copied()
                .unwrap_or(FIRST_VERSION)
        }
    };
    let version_seen = Some(version);
    let tenant = text("x-tenant-id").ok_or_else(|| {
        error(
            StatusCode::BAD_REQUEST,
            version_seen,
            "x-tenant-id",
            "This header is required.",
            "Send your tenant id.",
        )
    })?;
    if let Some(broken) = rule("x-tenant-id").and_then(|r| r.first_violation(tenant)) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            version_seen,
            "x-tenant-id",
            "Invalid tenant id.",
            &broken,
        ));
    }
    if tenant.trim().parse::<i64>() == Ok(CRO_FORBIDDEN_TENANT) {
        return Err(error(
            StatusCode::FORBIDDEN,
            version_seen,
            "x-tenant-id",
            "You do not have permission to perform this action.",
            "You are not assigned to this tenant.",
        ));
    }
    if let Some(accept) = text("accept") {
        if !(accept.contains("application/json")
            || accept.contains("*/*")
            || accept.contains("application/*"))
        {
            return Err(error(
                StatusCode::NOT_ACCEPTABLE,
                version_seen,
                "accept",
                "Could not satisfy the request Accept header.",
                "Accept application/json.",
            ));
        }
    }
    match customer_id {
        CRO_CONFLICT_CUSTOMER => {
            return Err(error(
                StatusCode::CONFLICT,
                version_seen,
                "customer_id",
                "Conflict.",
                "The record changed.",
            ))
        }
        CRO_FAILING_CUSTOMER => {
            return Err(error(
                StatusCode::INTERNAL_SERVER_ERROR,
                version_seen,
                "",
                "Internal server error.",
                "",
            ))
        }
        CRO_RATE_LIMITED_CUSTOMER => {
            let mut response = error(
                StatusCode::TOO_MANY_REQUESTS,
                version_seen,
                "",
                "Too many requests.",
                "",
            );
            response
                .headers_mut()
                .insert("retry-after", HeaderValue::from_static("1"));
            return Err(response);
        }
        _ => {}
    }
    let mut cro = state.lock().unwrap_or_else(|p| p.into_inner());
    cro.last_version.insert(token.to_owned(), version);
    Ok(version)
}

fn not_found(version: ApiVersion, field: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        Some(version),
        field,
        "Not found.",
        "No record with that identifier exists in this tenant.",
    )
}

fn same_id(value: &Value, id: i64) -> bool {
    value.as_i64() == Some(id)
}

async fn get_customer(
    State(state): State<Shared>,
    path: Result<Path<i64>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let customer_id = match ids(path) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let version = match check(&state, &headers, customer_id) {
        Ok(v) => v,
        Err(response) => return response,
    };
    let mut cro = state.lock().unwrap_or_else(|p| p.into_inner());
    match cro.customer_mut(customer_id, tenant_of(&headers)) {
        Some(customer) => answer(StatusCode::OK, Some(version), customer.clone()),
        None => not_found(version, "customer_id"),
    }
}

async fn get_contact(
    State(state): State<Shared>,
    path: Result<Path<(i64, i64)>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let (customer_id, contact_id) = match ids(path) {
        Ok(ids) => ids,
        Err(response) => return response,
    };
    let version = match check(&state, &headers, customer_id) {
        Ok(v) => v,
        Err(response) => return response,
    };
    let mut cro = state.lock().unwrap_or_else(|p| p.into_inner());
    let tenant = tenant_of(&headers);
    let mut params = std::collections::BTreeMap::from([
        ("customer_id".to_owned(), customer_id.to_string()),
        ("customer_contact_id".to_owned(), contact_id.to_string()),
    ]);
    params.extend(tenant.clone().map(|t| (TENANT.to_owned(), t)));
    if let Some(contact) = cro.seed.find("cro", "getContact", &params) {
        return answer(StatusCode::OK, Some(version), contact.clone());
    }
    let Some(customer) = cro.customer_mut(customer_id, tenant) else {
        return not_found(version, "customer_id");
    };
    let contact = customer["contacts"]
        .as_array()
        .and_then(|all| all.iter().find(|c| same_id(&c["id"], contact_id)))
        .cloned();
    match contact {
        Some(contact) => answer(StatusCode::OK, Some(version), contact),
        None => not_found(version, "customer_contact_id"),
    }
}

/// Any other method: 405 in CRO's error format, naming the documented ones. The docs' Python
/// sample for Deactivate Customer calls `requests.post` on a DELETE endpoint; this answer lets
/// it run and says what is wrong.
fn not_allowed(method: &str, allowed: &str) -> Response {
    let mut response = error(
        StatusCode::METHOD_NOT_ALLOWED,
        None,
        "method",
        &format!("Method \"{method}\" not allowed."),
        &format!(
            "This endpoint is {allowed} (the vendor's Python sample for Deactivate Customer sends POST)."
        ),
    );
    if let Ok(allowed) = HeaderValue::from_str(allowed) {
        response.headers_mut().insert("allow", allowed);
    }
    response
}

/// Path identifiers that are not 64-bit integers: 400 in CRO's format, not axum's plain text.
fn bad_ids() -> Response {
    error(
        StatusCode::BAD_REQUEST,
        None,
        "path",
        "Invalid identifier.",
        "Path identifiers are integers.",
    )
}

fn ids<T>(path: Result<Path<T>, PathRejection>) -> Result<T, Response> {
    path.map(|Path(ids)| ids).map_err(|_| bad_ids())
}

/// Soft delete: marks the location inactive and answers DispatchCustomerLocationModel in the
/// shape of the version applied (`customer_id` before 2021/04/07, `id` from it on).
async fn deactivate(
    State(state): State<Shared>,
    path: Result<Path<(i64, i64)>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let (customer_id, location_id) = match ids(path) {
        Ok(ids) => ids,
        Err(response) => return response,
    };
    let version = match check(&state, &headers, customer_id) {
        Ok(v) => v,
        Err(response) => return response,
    };
    let mut cro = state.lock().unwrap_or_else(|p| p.into_inner());
    let Some(stored) = cro.customer_mut(customer_id, tenant_of(&headers)) else {
        return not_found(version, "customer_id");
    };
    let customer = stored.clone();
    let Some(location) = stored["locations"].as_array_mut().and_then(|all| {
        all.iter_mut()
            .find(|l| same_id(&l["location_id"], location_id))
    }) else {
        return not_found(version, "customer_location_id");
    };
    location["is_active"] = Value::Bool(false);
    let mut body = serde_json::Map::new();
    body.insert("account_number_1".into(), Value::Null);
    body.insert("account_number_2".into(), Value::Null);
    for field in [
        "addresses",
        "contacts",
        "last_updated_on",
        "name",
        "parent_id",
    ] {
        body.insert(field.into(), customer[field].clone());
    }
    if let Some(settings) = location.as_object() {
        for (k, v) in settings {
            body.insert(k.clone(), v.clone());
        }
    }
    if version >= ApiVersion::V2021_04_07 {
        if let Some(id) = body.remove("customer_id") {
            body.insert("id".into(), id);
        }
    }
    answer(StatusCode::OK, Some(version), Value::Object(body))
}

/// A fault's answer: CRO's error body with the status's reason, under the version asked for
/// (or the first, as CRO does).
pub(super) fn fault_answer(status: StatusCode, version: Option<&HeaderValue>) -> Response {
    let reason = status.canonical_reason().unwrap_or("Error");
    let body =
        json!({"field": null, "detail": reason, "explanation": "A fault set on the sandbox."});
    let mut response = (status, Json(body)).into_response();
    let version = version
        .cloned()
        .unwrap_or(HeaderValue::from_static(FIRST_VERSION.as_str()));
    response.headers_mut().insert("x-api-version", version);
    response
}
