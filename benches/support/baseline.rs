//! The hand-written baseline's types: plain serde structs with the same fields as the SDK's
//! generated models, as a user would write them without the SDK (strings for timestamps, no
//! validation). The bench (`benches/sdk_vs_baseline.rs`) decodes into them and its hand-written
//! reqwest calls return them; `examples/get_customer_loop.rs --hand-written` uses the CRO
//! customer. Included by both with `#[path]`.

use serde::{Deserialize, Serialize};

/// The CRO customer as a user would write it by hand: the same fields, strings for timestamps.
/// (`PlainCustomer<customer_apis::Timestamp>` is the diagnostic that isolates the SDK's
/// timestamp type from the rest of the generated model.)
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub struct PlainCustomer<Ts = String> {
    pub addresses: Vec<PlainAddress>,
    pub contacts: Vec<PlainContact>,
    pub created_on: Ts,
    pub id: i64,
    pub last_updated_on: Ts,
    pub locations: Vec<PlainLocation<Ts>>,
    pub name: String,
    pub parent_id: Option<i64>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub struct PlainAddress {
    pub country: Option<String>,
    pub id: i64,
    pub is_active: bool,
    pub is_billing: bool,
    pub is_physical: bool,
    pub is_shipping: bool,
    pub latitude: Option<f64>,
    pub line_1: Option<String>,
    pub line_2: Option<String>,
    pub line_3: Option<String>,
    pub line_4: Option<String>,
    pub locality: Option<String>,
    pub longitude: Option<f64>,
    pub postcode: Option<String>,
    pub region: Option<String>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub struct PlainContact {
    pub email: Option<String>,
    pub fax: Option<String>,
    pub id: i64,
    pub name: String,
    pub notify_on_acknowledged_request: bool,
    pub notify_on_completed_request: bool,
    pub notify_on_dispatched_request: bool,
    pub notify_on_failed_request: bool,
    pub notify_on_new_request: bool,
    pub number: Option<String>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub struct PlainLocation<Ts> {
    pub created_on: Ts,
    pub customer_id: i64,
    pub is_active: bool,
    pub is_commercial: Option<bool>,
    pub location_id: i64,
    pub note: Option<String>,
    pub reference_number: Option<String>,
    pub renewal_date: Option<String>,
    pub sales_rep: Option<String>,
    pub sales_rep_id: Option<String>,
    pub suspension_id: Option<i64>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub struct PlainPdmAnswer {
    pub status: PlainPdmStatus,
    pub customer: Option<PlainPdmCustomer>,
}

#[derive(Debug, Deserialize)]
pub struct PlainPdmStatus {
    pub code: i32,
    pub details: String,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub struct PlainPdmCustomer {
    pub customer_id: i64,
    pub customer_ref: String,
    pub external_customer_ref: Option<String>,
    pub created: String,
    pub last_modified: String,
    pub title: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub gender: Option<String>,
    pub dob: Option<String>,
    pub address: Option<PlainPdmAddress>,
    pub email_address: Option<String>,
    pub tel_number_1: Option<String>,
    pub tel_number_2: Option<String>,
    pub active: bool,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub struct PlainPdmAddress {
    pub line_1: Option<String>,
    pub line_2: Option<String>,
    pub line_3: Option<String>,
    pub city: Option<String>,
    pub county: Option<String>,
    pub postal_code: Option<String>,
}

#[derive(Serialize)]
pub struct PlainPdmRequest<'a> {
    pub company_id: i64,
    pub session_token: &'a str,
    pub customer_id: i64,
}

#[derive(Debug, Deserialize)]
pub struct PlainFoxtrotEnvelope {
    pub data: PlainFoxtrotData,
}

#[derive(Debug, Deserialize)]
pub struct PlainFoxtrotData {
    pub customer: PlainFoxtrotCustomer,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub struct PlainFoxtrotCustomer {
    pub id: String,
    pub name: String,
    pub imported_address: Option<String>,
    pub imported_location: Option<PlainLocationPoint>,
    pub inferred_location: Option<PlainLocationPoint>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
pub struct PlainLocationPoint {
    pub latitude: f64,
    pub longitude: f64,
}
