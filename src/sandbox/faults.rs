//! Faults on demand: per operation (and optionally per path parameter value), for the next N
//! calls or always, the sandbox answers an error status in the vendor's error format, waits,
//! names another API version, cuts or replaces the body, breaks the connection off, or answers a
//! PDM status code. Set from Rust ([`Sandbox::fault`](super::Sandbox::fault)) or, for the
//! standalone sandbox, with `POST /__sandbox/faults` (the [`Fault`] as JSON).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// What goes wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FaultKind {
    /// This HTTP status, with the vendor's error body (CRO's `field`/`detail`/`explanation`,
    /// Foxtrot's error envelope with the status as its code, PDM's status 500 in the body).
    Status {
        /// The HTTP status.
        status: u16,
    },
    /// The answer comes this many milliseconds late (to test timeouts).
    Delay {
        /// How long to wait before answering.
        millis: u64,
    },
    /// The answer names this `x-api-version` (CRO's version check).
    ApiVersion {
        /// The version the answer says it applied.
        version: String,
    },
    /// The answer's body is cut in half (a JSON document that ends too early).
    Truncated,
    /// The answer's body is an HTML page, not JSON.
    NotJson,
    /// The connection breaks off after the status line, before the body.
    Reset,
    /// PDM answers HTTP 200 with this status code in the body (201, 202, 205, 401, 500...).
    PdmStatus {
        /// PDM's status code.
        code: i64,
    },
    /// The answer departs from the vendor's spec, to test how an app handles a departure
    /// ([`ResponseMeta::departures`](crate::ResponseMeta::departures)): the operation's answer
    /// with `value` at the JSON pointer `pointer` of its body (a new key is a field the spec
    /// does not declare; a replaced value may break a documented rule), with `status` in
    /// place of its own (one the operation does not document), and with `headers` set (a
    /// value) or taken out (`null`: a documented header missing; `content-type: text/plain`;
    /// an `x-api-version` the spec does not list). A pointer whose parent is not in the answer
    /// changes nothing.
    ///
    /// ```json
    /// {"operation": "getCustomer", "kind": "departure", "pointer": "/loyalty_tier", "value": "gold"}
    /// ```
    Departure {
        /// Where in the body (`/locations/0/sales_rep`, `/data/customer/vip`); none: the body
        /// as it is.
        #[serde(default)]
        pointer: Option<String>,
        /// The value put there.
        #[serde(default)]
        value: serde_json::Value,
        /// The status to answer with instead of the operation's own.
        #[serde(default)]
        status: Option<u16>,
        /// Headers of the answer set to a value, or taken out (`None`).
        #[serde(default)]
        headers: BTreeMap<String, Option<String>>,
    },
}

/// A fault for one operation: which (its `operationId`, and optionally path parameter values),
/// what goes wrong, and for how many calls.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use customer_apis::sandbox::{Fault, FaultKind, Sandbox};
///
/// let sandbox = Sandbox::start().await?;
/// sandbox.fault(Fault::new("getCustomer", FaultKind::Status { status: 503 }).times(1));
/// let cro = sandbox.cro_client().build()?;
/// let customer = cro.get_customer(1).await?; // the 503 is retried
/// assert_eq!(customer.meta().attempts, 2);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fault {
    /// The `operationId` of the spec (`getCustomer`, `GetCustomer`, `getConfidentLocation`).
    /// CRO and Foxtrot both have a `getCustomer`: the fault applies to both unless `params`
    /// tells them apart.
    pub operation: String,
    /// Path parameter values the request must have (`customer_id: "1"`), or request header
    /// values (`x-tenant-id: "7"`: a fault for one CRO tenant); empty: any.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// How many calls it applies to; `None`: every call until cleared. `Some(0)` applies to no
    /// call: [`Sandbox::fault`](super::Sandbox::fault) does not set it, and
    /// `POST /__sandbox/faults` refuses `"times": 0` with 400 (most likely a mistaken "always":
    /// omit `times` for that).
    #[serde(default)]
    pub times: Option<u32>,
    /// What goes wrong.
    #[serde(flatten)]
    pub kind: FaultKind,
}

impl Fault {
    /// `kind` on every call of `operation` (its `operationId`) until cleared.
    pub fn new(operation: impl Into<String>, kind: FaultKind) -> Self {
        Fault {
            operation: operation.into(),
            params: BTreeMap::new(),
            times: None,
            kind,
        }
    }

    /// What `POST /__sandbox/faults` refuses besides `"times": 0`, naming the field and the
    /// rule: an operation no enabled spec has (it would never apply), and a status that is
    /// not a final answer's (from 200 to 599: a 1xx is no answer, and would be sent as one).
    fn check(&self) -> Result<(), String> {
        let known = crate::vendors::VENDORS.iter().any(|v| {
            let paths = super::spec_ref(v.vendor.key())["paths"].as_object();
            paths.into_iter().flat_map(|p| p.values()).any(|item| {
                let ops = item.as_object().into_iter().flat_map(|o| o.values());
                ops.filter_map(|op| op["operationId"].as_str())
                    .any(|id| id == self.operation)
            })
        });
        if !known {
            return Err(format!(
                "operation: {:?} is not an operationId of the sandbox's specs",
                self.operation
            ));
        }
        let status = match &self.kind {
            FaultKind::Status { status } => Some(*status),
            FaultKind::Departure { status, .. } => *status,
            _ => None,
        };
        match status {
            Some(status) if !(200..=599).contains(&status) => Err(format!(
                "status: {status} must be from 200 to 599 (a final answer's status)"
            )),
            _ => Ok(()),
        }
    }

    /// Only for the next `n` matching calls. `times(0)` makes a fault that applies to no call
    /// (not an error, and not "always": for that, do not call `times`).
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Only for requests whose path parameter (or request header) `name` is `value`.
    pub fn with_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.insert(name.into(), value.into());
        self
    }
}

/// The faults in force.
pub(crate) type Faults = Arc<Mutex<Vec<Fault>>>;

/// Which vendor a request is for, its operation and path parameters, from the specs.
fn operation_of(
    method: &str,
    path: &str,
) -> Option<(&'static str, String, BTreeMap<String, String>)> {
    for vendor in crate::vendors::VENDORS.iter().map(|v| v.vendor.key()) {
        let spec = super::spec_ref(vendor);
        if let super::SpecMatch::Operation {
            params, template, ..
        } = super::match_operation(spec, method, path)
        {
            let id = spec["paths"][template.as_str()][method.to_ascii_lowercase()]["operationId"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            return Some((vendor, id, params));
        }
    }
    None
}

/// The fault that applies to this request, if any (one call of it is used up).
fn take(
    faults: &Faults,
    method: &str,
    path: &str,
    headers: &axum::http::HeaderMap,
) -> Option<(&'static str, FaultKind)> {
    let (vendor, id, params) = operation_of(method, path)?;
    // A path parameter, else a request header of that name (`x-tenant-id`).
    let value = |name: &str| match params.get(name) {
        Some(value) => Some(value.as_str()),
        None => headers.get(name)?.to_str().ok().map(str::trim),
    };
    let mut faults = faults.lock().unwrap_or_else(|p| p.into_inner());
    let index = faults.iter().position(|f| {
        f.times != Some(0)
            && f.operation == id
            && f.params.iter().all(|(k, v)| value(k) == Some(v.as_str()))
    })?;
    let kind = faults[index].kind.clone();
    if let Some(n) = &mut faults[index].times {
        *n = n.saturating_sub(1);
        if *n == 0 {
            faults.remove(index);
        }
    }
    Some((vendor, kind))
}

/// Applies the fault set for this request, if any, around `next`.
pub(crate) async fn apply(
    faults: Faults,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let Some((vendor, kind)) = take(&faults, &method, &path, request.headers()) else {
        return next.run(request).await;
    };
    let pinned = request.headers().get("x-api-version").cloned();
    match kind {
        FaultKind::Status { status } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            super::fault_answer(vendor, status, pinned.as_ref())
        }
        FaultKind::PdmStatus { code } => {
            axum::Json(json!({"status": {"code": code, "details": "A fault set on the sandbox."}}))
                .into_response()
        }
        FaultKind::Delay { millis } => {
            tokio::time::sleep(Duration::from_millis(millis)).await;
            next.run(request).await
        }
        FaultKind::ApiVersion { version } => {
            let mut response = next.run(request).await;
            if let Ok(value) = HeaderValue::from_str(&version) {
                response.headers_mut().insert("x-api-version", value);
            }
            response
        }
        FaultKind::Truncated | FaultKind::NotJson => {
            let response = next.run(request).await;
            let (mut parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, 1 << 22)
                .await
                .unwrap_or_default();
            let body = if kind == FaultKind::Truncated {
                bytes.slice(..bytes.len() / 2)
            } else {
                parts
                    .headers
                    .insert("content-type", HeaderValue::from_static("text/html"));
                bytes::Bytes::from_static(
                    b"<html><body>502 Bad Gateway (a fault set on the sandbox)</body></html>",
                )
            };
            parts.headers.remove("content-length");
            Response::from_parts(parts, axum::body::Body::from(body))
        }
        FaultKind::Departure {
            pointer,
            value,
            status,
            headers,
        } => {
            let response = next.run(request).await;
            let (mut parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, 1 << 22)
                .await
                .unwrap_or_default();
            let mut body: serde_json::Value =
                serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
            if let Some(pointer) = pointer {
                set_at(&mut body, &pointer, value);
            }
            if let Some(status) = status.and_then(|s| StatusCode::from_u16(s).ok()) {
                parts.status = status;
            }
            for (name, value) in headers {
                let Ok(name) = axum::http::HeaderName::try_from(name) else {
                    continue;
                };
                match value.map(HeaderValue::try_from) {
                    Some(Ok(value)) => {
                        parts.headers.insert(name, value);
                    }
                    Some(Err(_)) => {}
                    None => {
                        parts.headers.remove(name);
                    }
                }
            }
            parts.headers.remove("content-length");
            let bytes = serde_json::to_vec(&body).unwrap_or_default();
            Response::from_parts(parts, axum::body::Body::from(bytes))
        }
        FaultKind::Reset => {
            let broken = futures_util::stream::once(async {
                Err::<bytes::Bytes, std::io::Error>(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "a fault set on the sandbox",
                ))
            });
            let mut response = Response::new(axum::body::Body::from_stream(broken));
            response
                .headers_mut()
                .insert("content-type", HeaderValue::from_static("application/json"));
            response
        }
    }
}

/// Puts `value` at the JSON pointer `pointer` of `body`: a key of an object (added or
/// replaced) or an item of an array (replaced); nothing when its parent is not there.
fn set_at(body: &mut serde_json::Value, pointer: &str, value: serde_json::Value) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let last = last.replace("~1", "/").replace("~0", "~");
    match body.pointer_mut(parent) {
        Some(serde_json::Value::Object(object)) => {
            object.insert(last, value);
        }
        Some(serde_json::Value::Array(items)) => {
            if let Some(item) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                *item = value;
            }
        }
        _ => {}
    }
}

/// Why `POST /__sandbox/faults` refuses `"times": 0`.
const TIMES_ZERO: &str = "times: must be at least 1 (a fault for no call would do nothing); \
                          omit `times` for every call until cleared";

/// `POST /__sandbox/faults` adds one ([`Fault`] as JSON); `DELETE` clears them all;
/// `GET` lists those in force.
pub(crate) fn control(faults: Faults) -> axum::Router {
    let (list, add) = (faults.clone(), faults.clone());
    axum::Router::new().route(
        "/__sandbox/faults",
        axum::routing::get(move || {
            let faults = list.clone();
            async move { axum::Json(faults.lock().unwrap_or_else(|p| p.into_inner()).clone()) }
        })
        .post(move |fault: axum::Json<Fault>| {
            let faults = add.clone();
            async move {
                if fault.times == Some(0) {
                    return (StatusCode::BAD_REQUEST, TIMES_ZERO).into_response();
                }
                if let Err(why) = fault.check() {
                    return (StatusCode::BAD_REQUEST, why).into_response();
                }
                faults
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(fault.0);
                StatusCode::CREATED.into_response()
            }
        })
        .delete(move || {
            let faults = faults.clone();
            async move {
                faults.lock().unwrap_or_else(|p| p.into_inner()).clear();
                StatusCode::NO_CONTENT
            }
        }),
    )
}
