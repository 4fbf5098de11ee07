//! Your own records in the sandbox, in the vendors' own model shapes, keyed by vendor and
//! operation (its `operationId`) with the path parameters that address them:
//!
//! ```yaml
//! cro:
//!   getCustomer:
//!     - params: {customer_id: 7}
//!       body: { ...a CustomerModel... }
//! pdm:
//!   GetCustomer:
//!     - body: { ...the customer object... }   # found by its customer_id or external_customer_ref
//! foxtrot:
//!   getCustomer:
//!     - params: {dc_id: "Foxtrot-DC", customer_id: "cust-7"}
//!       body: { ...the customer object, without the envelope... }
//! ```
//!
//! A record's `body` is what the client's method returns (the spec's `x-result` of the answer:
//! Foxtrot's customer without the envelope, PDM's customer without the status); the sandbox
//! wraps it as the vendor answers. It may give only the fields a test cares about: the rest are
//! the operation's example's (objects are merged key by key; a list or a value given replaces
//! the example's, and `null` clears it), ids included, so give the ones your test looks the
//! record up by. A record whose `params` name a documented request header (CRO's
//! `x-tenant-id: 7`) is served only to requests that send that value: a tenant's own records,
//! beside (and before) those every tenant sees. Every record is checked on load: the vendor and operation exist, the params
//! are the operation's, and the body (over the example) decodes as the operation's model
//! (types and required fields; documented lengths and patterns are not enforced, as the
//! vendors' own data breaks them). A bad record is a [`SeedError`] naming it.

use std::collections::BTreeMap;

use serde_json::{json, Value};

/// Records to serve, checked against the specs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seed {
    /// (vendor, operationId) → records, in file order.
    records: BTreeMap<(String, String), Vec<SeedRecord>>,
}

/// One record: the parameters that address it and the body served.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SeedRecord {
    /// Path (or lookup) parameters as text (`7`, `Foxtrot-DC`).
    pub(crate) params: BTreeMap<String, String>,
    pub(crate) body: Value,
}

/// A seed that does not hold: which record, on which line of the file, and the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("seed {record}{}: {reason}", line.map(|l| format!(" (line {l})")).unwrap_or_default())]
pub struct SeedError {
    /// Where (`cro.getCustomer[0]`, or the file).
    pub record: String,
    /// The line of the file the record starts on (from 1), for a seed read from text.
    pub line: Option<usize>,
    /// What is wrong.
    pub reason: String,
}

fn operations(vendor: &str) -> Option<&'static [crate::operation::Operation]> {
    crate::vendors::named(vendor).map(|v| v.operations)
}

fn check_body(vendor: &str, operation: &str, body: &Value) -> Option<Result<(), String>> {
    crate::vendors::named(vendor).and_then(|v| (v.check_seed)(operation, body))
}

/// A record's body over the operation's 200 example (its `x-result` part): what the record
/// leaves out is the example's, so that a record gives only the fields a test cares about.
fn over_example(vendor: &str, op: &crate::operation::Operation, body: Value) -> Value {
    let spec = super::spec_ref(vendor);
    let example = super::example(spec, op.path, &op.method.to_ascii_lowercase());
    let keys = op.result.split('.').filter(|k| !k.is_empty());
    let base = keys.fold(&example, |at, key| &at[key]);
    merged(base.clone(), body)
}

/// `over` merged into `base`, object by object; anything else `over` gives (a list, a value,
/// `null`) replaces what `base` has.
fn merged(base: Value, over: Value) -> Value {
    match (base, over) {
        (Value::Object(mut base), Value::Object(over)) => {
            for (key, value) in over {
                let under = base.remove(&key).unwrap_or(Value::Null);
                base.insert(key, merged(under, value));
            }
            Value::Object(base)
        }
        (_, over) => over,
    }
}

/// Whether `vendor`'s spec documents a request header `name` other than the credential's: a
/// record with it in its `params` is served only to requests that send that value (CRO's
/// `x-tenant-id`: a tenant's own records).
fn documented_header(vendor: &str, name: &str) -> bool {
    let spec = super::spec_ref(vendor);
    let shared = spec
        .pointer("/components/parameters")
        .and_then(Value::as_object);
    let items = spec["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values());
    let operations = items.filter_map(Value::as_object).flat_map(|i| i.values());
    let inline = operations
        .filter_map(|op| op["parameters"].as_array())
        .flatten();
    let header = |p: &Value| p["in"] == "header" && p["name"].as_str() == Some(name);
    name != "authorization"
        && shared
            .into_iter()
            .flat_map(|c| c.values())
            .chain(inline)
            .any(header)
}

/// A parameter's value as text: a string as is, anything else as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Seed {
    /// Reads a seed from YAML or JSON text (JSON is YAML) and checks every record.
    pub fn from_text(text: &str) -> Result<Seed, SeedError> {
        let (doc, lines) = super::yaml::read(text).map_err(|e| SeedError {
            record: "file".to_owned(),
            line: None,
            reason: format!("not YAML or JSON: {e}"),
        })?;
        Seed::checked(doc, &lines)
    }

    /// Reads and checks the seed file at `path`.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Seed, SeedError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| SeedError {
            record: path.display().to_string(),
            line: None,
            reason: format!("cannot read: {e}"),
        })?;
        Seed::from_text(&text)
    }

    /// Checks a seed given as a JSON value (the shape of the file).
    pub fn from_value(doc: Value) -> Result<Seed, SeedError> {
        Seed::checked(doc, &BTreeMap::new())
    }

    /// Checks a seed; `lines` says where each record (`cro.getCustomer[0]`) starts in its file.
    fn checked(doc: Value, lines: &BTreeMap<String, usize>) -> Result<Seed, SeedError> {
        let at = |record: String, reason: String| SeedError {
            line: lines.get(&record).copied(),
            record,
            reason,
        };
        let Value::Object(vendors) = doc else {
            return Err(at(
                "file".into(),
                format!(
                    "must map vendors ({}) to operations",
                    crate::vendors::names()
                ),
            ));
        };
        let mut seed = Seed::default();
        for (vendor, ops) in vendors {
            let known = operations(&vendor).ok_or_else(|| {
                at(
                    vendor.clone(),
                    format!("is not a vendor: {}", crate::vendors::names()),
                )
            })?;
            let Value::Object(ops) = ops else {
                return Err(at(
                    vendor,
                    "must map operationIds to lists of records".into(),
                ));
            };
            for (op_id, records) in ops {
                let where_op = format!("{vendor}.{op_id}");
                let op = known.iter().find(|o| o.id == op_id).ok_or_else(|| {
                    let ids: Vec<&str> = known.iter().map(|o| o.id).collect();
                    at(
                        where_op.clone(),
                        format!("is not an operation of the spec ({})", ids.join(", ")),
                    )
                })?;
                let Value::Array(records) = records else {
                    return Err(at(where_op, "must be a list of records".into()));
                };
                for (i, record) in records.into_iter().enumerate() {
                    let here = format!("{where_op}[{i}]");
                    let Value::Object(mut record) = record else {
                        return Err(at(here, "must be a map with `params` and `body`".into()));
                    };
                    let body = record
                        .remove("body")
                        .ok_or_else(|| at(here.clone(), "has no `body`".into()))?;
                    let mut params = BTreeMap::new();
                    if let Some(given) = record.remove("params") {
                        let Value::Object(given) = given else {
                            return Err(at(here, "`params` must be a map".into()));
                        };
                        for (name, value) in given {
                            let header = documented_header(&vendor, &name);
                            if !header && !op.params.iter().any(|p| p.name == name) {
                                let names: Vec<&str> = op.params.iter().map(|p| p.name).collect();
                                return Err(at(
                                    here,
                                    format!(
                                        "`params.{name}` is not a parameter of {op_id} ({})",
                                        names.join(", ")
                                    ),
                                ));
                            }
                            params.insert(name, text(&value));
                        }
                    }
                    if let Some(other) = record.keys().next() {
                        return Err(at(here, format!("`{other}` is not `params` or `body`")));
                    }
                    let body = over_example(&vendor, op, body);
                    if let Some(Err(reason)) = check_body(&vendor, &op_id, &body) {
                        return Err(at(here, format!("body: {reason}")));
                    }
                    seed.records
                        .entry((vendor.clone(), op_id.clone()))
                        .or_default()
                        .push(SeedRecord { params, body });
                }
            }
        }
        Ok(seed)
    }

    /// The default seed: one customer seen by the three vendors — the same person at the same
    /// address — so that a cross-vendor join can be tested: CRO customer 7, PDM customer 2001
    /// (external reference `CRO-7`), Foxtrot customer `cro-7` in DC `Foxtrot-DC`. Built from
    /// the specs' examples, with the name, ids and address changed.
    pub fn linked_customer() -> Seed {
        let name = "Ada Lovelace";
        let (street, city, region, postcode) = ("12 Harbour Road", "Sequim", "WA", "98382");
        let (lat, lon) = (48.0795, -123.1018);
        let cro_spec = super::spec_ref("cro");
        let mut cro = super::example(cro_spec, "/customers/{customer_id}", "get");
        cro["id"] = json!(7);
        cro["name"] = json!(name);
        if let Some(addresses) = cro["addresses"].as_array_mut() {
            for a in addresses {
                a["line_1"] = json!(street);
                a["locality"] = json!(city);
                a["region"] = json!(region);
                a["postcode"] = json!(postcode);
                a["latitude"] = json!(lat);
                a["longitude"] = json!(lon);
            }
        }
        if let Some(locations) = cro["locations"].as_array_mut() {
            for l in locations {
                l["customer_id"] = json!(7);
                l["name"] = json!(name);
            }
        }
        let pdm_spec = super::spec_ref("pdm");
        let mut pdm = super::example(pdm_spec, "/GetCustomer", "post")["customer"].clone();
        pdm["customer_id"] = json!(2001);
        pdm["customer_ref"] = json!("C002001");
        pdm["external_customer_ref"] = json!("CRO-7");
        pdm["first_name"] = json!("Ada");
        pdm["last_name"] = json!("Lovelace");
        if pdm["address"].is_object() {
            pdm["address"]["line_1"] = json!(street);
            pdm["address"]["line_2"] = json!("");
            pdm["address"]["line_3"] = json!("");
            pdm["address"]["city"] = json!(city);
            pdm["address"]["county"] = json!(region);
            pdm["address"]["postal_code"] = json!(postcode);
        }
        let fox_spec = super::spec_ref("foxtrot");
        let mut fox = super::example(fox_spec, "/dcs/{dc_id}/customers/{customer_id}", "get")
            ["data"]["customer"]
            .clone();
        fox["id"] = json!("cro-7");
        fox["name"] = json!(name);
        fox["imported_address"] = json!(format!("{street}, {city}, {region} {postcode}"));
        for key in ["imported_location", "inferred_location"] {
            if fox[key].is_object() {
                fox[key]["latitude"] = json!(lat);
                fox[key]["longitude"] = json!(lon);
            }
        }
        let doc = json!({
            "cro": {"getCustomer": [{"params": {"customer_id": 7}, "body": cro}]},
            "pdm": {"GetCustomer": [{"body": pdm}]},
            "foxtrot": {"getCustomer": [{"params": {"dc_id": "Foxtrot-DC", "customer_id": "cro-7"}, "body": fox}]},
        });
        // Built from the specs' own examples: it holds unless a spec's example is broken,
        // which the test suite would report first.
        Seed::from_value(doc).unwrap_or_default()
    }

    /// This seed's records, then `other`'s.
    pub fn and(mut self, other: Seed) -> Seed {
        for (key, records) in other.records {
            self.records.entry(key).or_default().extend(records);
        }
        self
    }

    /// The records of an operation.
    pub(crate) fn records(&self, vendor: &str, operation: &str) -> &[SeedRecord] {
        self.records
            .get(&(vendor.to_owned(), operation.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    /// The last record of an operation whose params all match `params` (a later record wins).
    pub(crate) fn find(
        &self,
        vendor: &str,
        operation: &str,
        params: &BTreeMap<String, String>,
    ) -> Option<&Value> {
        self.records(vendor, operation)
            .iter()
            .rev()
            .find(|r| r.params.iter().all(|(k, v)| params.get(k) == Some(v)))
            .map(|r| &r.body)
    }
}

/// A seeded body as the vendor answers it: the operation's 200 example with the `x-result`
/// property (`data.customer`, `customer`) replaced by `body`; the body itself without one.
pub(crate) fn wrap(example: &Value, result: &str, body: Value) -> Value {
    if result.is_empty() {
        return body;
    }
    let mut answer = example.clone();
    let mut at = &mut answer;
    for key in result.split('.') {
        if !at.is_object() {
            *at = json!({});
        }
        at = &mut at[key];
    }
    *at = body;
    answer
}
