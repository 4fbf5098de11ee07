//! The bench's peer: progenitor's own client for each spec in `../../specs` (the library's
//! specs, as committed), as a user of progenitor gets it without customer-apis. None of the
//! library's phases run: default settings (positional calls, no hooks, no type conversions),
//! header parameters kept as per-call arguments, progenitor's output as it is.
//!
//! One relaxation, the one such a user must make for the vendors' own samples to decode:
//! `minLength`, `maxLength` and `pattern` come off every schema a response body reaches (CRO's
//! sample sends `"sales_rep": ""` against `minLength: 1`, and progenitor checks string
//! constraints while decoding). Request-only schemas and parameters keep theirs. Once its
//! pattern is off, a timestamp of the specs' own format `iso8601-date-time` is a `String`
//! (progenitor knows no such format); `format: date-time` would be chrono's `DateTime<Utc>`,
//! which refuses the vendors' offset-less timestamps, but no spec uses it. Dates stay chrono's
//! `NaiveDate` and enumerations stay enums: the samples decode with them.
//!
//! Each `specs/<vendor>.yaml` gives `<vendor>.rs`, formatted with prettyplease and written only
//! to `OUT_DIR`. Nothing here uses the network, a clock or a hash map's iteration order, so the
//! output is deterministic.

use std::collections::BTreeSet;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

type Result<T> = std::result::Result<T, String>;

// Listing the specs and running progenitor, as the library's build script does.
#[path = "../../build/specs.rs"]
mod specs;
use specs::fail;

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let specs = specs::list(&manifest_dir.join("../../specs"));
    for spec in specs {
        let name = spec.file_name().unwrap_or_default();
        let shown = Path::new("specs").join(name);
        let vendor = spec.file_stem().unwrap_or_default().to_string_lossy();
        let code = fs::read_to_string(&spec)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|text| generate(&text))
            .unwrap_or_else(|reason| fail(&shown, &format!("the bench's peer: {reason}")));
        if let Err(e) = fs::write(out_dir.join(format!("{vendor}.rs")), code) {
            fail(&shown, &format!("cannot write the bench's peer: {e}"));
        }
    }
}

/// The keywords a response's strings lose.
const RELAXED: [&str; 3] = ["minLength", "maxLength", "pattern"];

/// One spec's text in, progenitor's client for it out (formatted source).
fn generate(text: &str) -> Result<String> {
    let mut doc: Value = serde_yaml::from_str(text).map_err(|e| format!("not valid YAML: {e}"))?;
    relax_responses(&mut doc)?;
    let api = serde_json::from_value(doc)
        .map_err(|e| format!("not a valid OpenAPI 3.0 document: {e}"))?;
    let tokens = run(&api)?;
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// Runs progenitor with its default settings.
fn run(api: &openapiv3::OpenAPI) -> Result<proc_macro2::TokenStream> {
    specs::run_progenitor(&progenitor::GenerationSettings::default(), api)
}

/// Takes the string constraints off the response bodies' schemas and off every component
/// schema they reach through `$ref`.
fn relax_responses(doc: &mut Value) -> Result<()> {
    // The bodies' schemas: inline ones are relaxed where they are, and their `$ref`s followed.
    let mut names = Vec::new();
    let mut operations = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            for method in item.as_object().into_iter().flat_map(|m| m.keys()) {
                operations.push(format!(
                    "/paths/{}/{method}/responses",
                    path.replace('~', "~0").replace('/', "~1")
                ));
            }
        }
    }
    operations.push("/components/responses".to_owned());
    for at in operations {
        let Some(responses) = doc.pointer_mut(&at).and_then(Value::as_object_mut) else {
            continue;
        };
        // A `$ref`'d response is one of components.responses, relaxed on its own.
        for response in responses.values_mut() {
            // Response headers are left alone: progenitor generates nothing for them.
            let contents = response.get_mut("content").and_then(Value::as_object_mut);
            for media in contents.into_iter().flat_map(|c| c.values_mut()) {
                if let Some(schema) = media.get_mut("schema") {
                    relax(schema);
                    schema_refs(schema, &mut names);
                }
            }
        }
    }
    // Every component schema reached from there, once each.
    let mut reached = BTreeSet::new();
    while let Some(name) = names.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        let at = format!(
            "/components/schemas/{}",
            name.replace('~', "~0").replace('/', "~1")
        );
        let schema = doc
            .pointer_mut(&at)
            .ok_or_else(|| format!("dangling $ref: #{at}"))?;
        relax(schema);
        schema_refs(schema, &mut names);
    }
    Ok(())
}

/// Removes the relaxed keywords from a schema and its subschemas (not through `$ref`).
fn relax(schema: &mut Value) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    for keyword in RELAXED {
        map.remove(keyword);
    }
    for (key, value) in map.iter_mut() {
        match key.as_str() {
            "properties" => value
                .as_object_mut()
                .into_iter()
                .flat_map(|p| p.values_mut())
                .for_each(relax),
            "allOf" | "anyOf" | "oneOf" => value
                .as_array_mut()
                .into_iter()
                .flat_map(|s| s.iter_mut())
                .for_each(relax),
            "items" | "additionalProperties" | "not" => relax(value),
            _ => {}
        }
    }
}

/// The component schemas a schema names through `$ref` (its examples left out).
fn schema_refs(node: &Value, names: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            {
                names.push(name.replace("~1", "/").replace("~0", "~"));
            }
            for (key, value) in map {
                if key != "example" && key != "examples" {
                    schema_refs(value, names);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| schema_refs(v, names)),
        _ => {}
    }
}
