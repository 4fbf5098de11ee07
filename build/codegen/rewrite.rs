//! Phase 1: the spec as JSON, checked, read into the model ([`super::model`]) and rewritten for
//! progenitor. What is taken out of the schemas (constraints, renamed properties, replaced
//! schemas) is returned beside the parsed document, for the emit phase.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::model::{self, Spec};
use super::pattern;
use super::settings::TIMESTAMP_FORMATS;
use super::Result;

/// The spec ready for progenitor, its model, and what was taken out of its schemas.
pub struct Rewritten {
    pub api: openapiv3::OpenAPI,
    pub spec: Spec,
    pub renames: Vec<Rename>,
    /// Every object schema with the checks of its fields, in name order.
    pub models: Vec<Model>,
    /// `(schema, Rust type path)` for every `x-rust-type-path`.
    pub replacements: Vec<(String, String)>,
    /// `x-cli-alias` of request properties: (schema, property) → another flag name.
    pub property_aliases: BTreeMap<(String, String), String>,
    /// Every string schema marked `x-rust-enum`, in name order.
    pub enums: Vec<StringEnum>,
    /// Every string schema marked `x-open-enum`, in name order.
    pub open_enums: Vec<OpenEnum>,
}

/// A string schema open to values it does not document (`x-open-enum: <what a value is>`, its
/// documented values in `x-known-values`), generated as a Rust enum with a variant per known
/// value and `Other(String)` for the rest, which decodes any string (Foxtrot's waypoint
/// status).
pub struct OpenEnum {
    pub name: String,
    pub what: String,
    pub description: Option<String>,
    pub values: Vec<String>,
}

/// A string schema with `enum` and `x-rust-enum: <what a value is>`, generated as a Rust enum
/// (CRO's API versions): one list of values, in the spec.
pub struct StringEnum {
    pub name: String,
    /// What a value is, for messages (`CRO API version`).
    pub what: String,
    pub description: Option<String>,
    pub values: Vec<String>,
    /// `x-enum-descriptions`: a note per value.
    pub notes: BTreeMap<String, String>,
    /// The schema's `default`.
    pub default: Option<String>,
}

/// Checks the document and applies every rewrite, in this order: inline objects hoisted, one
/// error type per operation, the model read, header parameters out, the enums, aliases and
/// renames taken, constraints and replacements.
pub fn rewrite(mut doc: Value) -> Result<Rewritten> {
    check_refs(&doc, &doc, "")?;
    hoist_inline_objects(&mut doc)?;
    one_error_type(&mut doc)?;
    let spec = super::model::read(&doc)?;
    drop_header_parameters(&mut doc)?;
    let schemas = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .ok_or("no components.schemas")?;
    let enums = string_enums(schemas)?;
    let open_enums = open_enums(schemas)?;
    let property_aliases = property_aliases(schemas)?;
    let renames = apply_renames(schemas)?;
    let models = take_constraints(schemas)?;
    let replacements = take_replacements(schemas);
    let api = serde_json::from_value(doc)
        .map_err(|e| format!("not a valid OpenAPI 3.0 document: {e}"))?;
    Ok(Rewritten {
        api,
        spec,
        renames,
        models,
        replacements,
        property_aliases,
        enums,
        open_enums,
    })
}

/// Inline object schemas (with `properties`: an answer's, a shared answer's, a request body's, a
/// property's or an array's items) become component schemas named after where they sit, as
/// typify would name them (`GetWidget404Answer`, `NotFound`, `GetWidgetBody`,
/// `<Schema><Property>`, then `Item` for an array's), so that every object decodes leniently and has its `Validate` rules alike.
fn hoist_inline_objects(doc: &mut Value) -> Result<()> {
    let is_inline = |s: &Value| s.get("properties").is_some() && s.get("$ref").is_none();
    let mut hoisted: Vec<(String, Value)> = Vec::new();
    let take = |slot: Option<&mut Value>, name: String, hoisted: &mut Vec<(String, Value)>| {
        if let Some(slot) = slot.filter(|s| is_inline(s)) {
            // The same body written twice (a 401's and a 404's) is one type.
            let same = hoisted
                .iter()
                .find(|(_, s)| *s == *slot)
                .map(|(n, _)| n.clone());
            let name = same.clone().unwrap_or(name);
            let target = json!({"$ref": format!("#/components/schemas/{name}")});
            let mut schema = std::mem::replace(slot, target.clone());
            if same.is_some() {
                return;
            }
            // A null is the place's, not the type's (typify would make the type an Option).
            if schema.get("nullable") == Some(&Value::Bool(true)) {
                let object = schema.as_object_mut().into_iter();
                let said = object.flat_map(|o| [o.remove("nullable"), o.remove("description")]);
                *slot = json!({"nullable": true, "allOf": [target]});
                if let Some(description) = said.flatten().find(Value::is_string) {
                    slot["description"] = description;
                }
            }
            hoisted.push((name, schema));
        }
    };
    for op in operations(doc).filter(|op| op.get("operationId").is_some()) {
        let id = camel(op["operationId"].as_str().unwrap_or_default());
        let body = op.pointer_mut(&format!("/requestBody{JSON}"));
        take(body, format!("{id}Body"), &mut hoisted);
        let answers = op.get_mut("responses").and_then(Value::as_object_mut);
        for (status, answer) in answers.into_iter().flatten() {
            let name = format!("{id}{}Answer", camel(status));
            take(answer.pointer_mut(JSON), name, &mut hoisted);
        }
    }
    let responses = doc
        .pointer_mut("/components/responses")
        .and_then(Value::as_object_mut);
    for (name, answer) in responses.into_iter().flatten() {
        take(answer.pointer_mut(JSON), camel(name), &mut hoisted);
    }
    let schemas = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .ok_or("no components.schemas")?;
    let mut queue: Vec<String> = schemas.keys().cloned().collect();
    loop {
        for (name, schema) in hoisted.drain(..) {
            if schemas.insert(name.clone(), schema).is_some() {
                return Err(format!("an inline object would be named {name}, which is a schema already: make it a component schema"));
            }
            queue.push(name);
        }
        let Some(name) = queue.pop() else { break };
        let properties = schemas[&name]
            .get_mut("properties")
            .and_then(Value::as_object_mut);
        for (prop, schema) in properties.into_iter().flatten() {
            let named = format!("{name}{}", camel(prop));
            let items = schema.get_mut("items");
            take(items, format!("{named}Item"), &mut hoisted);
            take(Some(schema), named, &mut hoisted);
        }
    }
    Ok(())
}

/// progenitor takes one error body type per operation; the layer reads error bodies itself
/// (the vendor's fields, by its policy). An operation whose error answers have different
/// bodies keeps their statuses and descriptions, without the bodies, for progenitor.
fn one_error_type(doc: &mut Value) -> Result<()> {
    let snapshot = doc.clone();
    for op in operations(doc) {
        let Some(answers) = op.get_mut("responses").and_then(Value::as_object_mut) else {
            continue;
        };
        let mut bodies: Vec<Value> = Vec::new();
        for (status, answer) in answers.iter() {
            if !status.starts_with('2') {
                let body = resolve(&snapshot, answer)?.pointer(JSON);
                if let Some(body) = body.filter(|b| !bodies.contains(*b)) {
                    bodies.push(body.clone());
                }
            }
        }
        if bodies.len() > 1 {
            for (status, answer) in answers.iter_mut().filter(|(s, _)| !s.starts_with('2')) {
                let said = resolve(&snapshot, answer)?["description"].clone();
                let said = said
                    .as_str()
                    .map_or_else(|| format!("HTTP {status}"), str::to_owned);
                *answer = json!({ "description": said });
            }
        }
    }
    Ok(())
}

/// Where a request body or an answer has its JSON schema.
const JSON: &str = "/content/application~1json/schema";

/// Every member of every path item: its operations (and its other fields).
fn operations(doc: &mut Value) -> impl Iterator<Item = &mut Value> {
    let paths = doc.get_mut("paths").and_then(Value::as_object_mut);
    let items = paths.into_iter().flat_map(|p| p.values_mut());
    items
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
}

/// `getCustomer`, `error_body`, `404` → `GetCustomer`, `ErrorBody`, `404`.
pub(super) fn camel(name: &str) -> String {
    name.split(['_', '-', '.'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect()
}

/// The schemas marked `x-open-enum`.
fn open_enums(schemas: &Map<String, Value>) -> Result<Vec<OpenEnum>> {
    let needs = ["x-known-values", "x-known-values, a list of strings"];
    let distinct = "x-known-values must give distinct Rust names other than `Other`";
    let open = |(name, schema): (&String, &Value)| {
        marked(name, schema, "x-open-enum", needs, distinct, Some("Other")).transpose()
    };
    schemas.iter().filter_map(open).collect()
}

/// The schema `name` as an enum if it is marked `key`: what a value is, its values (`list`,
/// distinct Rust names none of which is `reserved`) and its description.
fn marked(
    name: &str,
    schema: &Value,
    key: &str,
    [list, needs]: [&str; 2],
    distinct: &str,
    reserved: Option<&str>,
) -> Result<Option<OpenEnum>> {
    let Some(what) = schema.get(key) else {
        return Ok(None);
    };
    let at = format!("schema {name}");
    let what = what
        .as_str()
        .ok_or_else(|| format!("{at}: {key} must say what a value is"))?;
    let values: Vec<String> = schema
        .get(list)
        .and_then(Value::as_array)
        .and_then(|v| v.iter().map(|v| v.as_str().map(str::to_owned)).collect())
        .ok_or_else(|| format!("{at}: {key} needs {needs}"))?;
    let mut variants: Vec<String> = values.iter().map(|v| variant_name(v)).collect();
    variants.sort();
    variants.dedup();
    if values.is_empty()
        || variants.len() != values.len()
        || variants.iter().any(|v| Some(v.as_str()) == reserved)
    {
        return Err(format!("{at}: {distinct}"));
    }
    Ok(Some(OpenEnum {
        name: name.to_owned(),
        what: what.to_owned(),
        description: schema["description"].as_str().map(str::to_owned),
        values,
    }))
}

/// Every `x-cli-alias` of a property.
fn property_aliases(schemas: &Map<String, Value>) -> Result<BTreeMap<(String, String), String>> {
    let mut found = BTreeMap::new();
    for (name, schema) in schemas {
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            continue;
        };
        for (prop, s) in props {
            if let Some(alias) = s.get("x-cli-alias") {
                let alias = alias.as_str().ok_or_else(|| {
                    format!("schema {name}, property {prop}: x-cli-alias is not a name")
                })?;
                found.insert((name.clone(), prop.clone()), alias.to_owned());
            }
        }
    }
    Ok(found)
}

/// The schemas marked `x-rust-enum`.
fn string_enums(schemas: &Map<String, Value>) -> Result<Vec<StringEnum>> {
    let mut found = Vec::new();
    for (name, schema) in schemas {
        let needs = ["enum", "an enum of strings"];
        let distinct = "x-rust-enum values must give distinct Rust names";
        let Some(e) = marked(name, schema, "x-rust-enum", needs, distinct, None)? else {
            continue;
        };
        let (at, values) = (format!("schema {name}"), e.values);
        let default = schema["default"].as_str().map(str::to_owned);
        if default.as_ref().is_some_and(|d| !values.contains(d)) {
            return Err(format!("{at}: default is not one of the enum's values"));
        }
        let notes = match schema.get("x-enum-descriptions") {
            None => BTreeMap::new(),
            Some(v) => v
                .as_object()
                .and_then(|m| {
                    m.iter()
                        .map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                        .collect::<Option<BTreeMap<_, _>>>()
                })
                .filter(|m| m.keys().all(|k| values.contains(k)))
                .ok_or_else(|| format!("{at}: x-enum-descriptions must map enum values to text"))?,
        };
        found.push(StringEnum {
            name: e.name,
            what: e.what,
            description: e.description,
            values,
            notes,
            default,
        });
    }
    Ok(found)
}

/// A value written in upper or mixed case as a Rust variant name: each word capitalized
/// (`PENDING` → `Pending`, `IN_TRANSIT` → `InTransit`).
pub fn word_variant_name(value: &str) -> String {
    let lowered: String = value.chars().map(|c| c.to_ascii_lowercase()).collect();
    variant_name(&lowered)
}

/// `2019/02/08` → `V2019_02_08`; `pending` → `Pending`.
pub fn variant_name(value: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            if out.chars().next().is_some_and(|f| f.is_ascii_digit()) {
                out.push('_');
            }
            upper = true;
        }
    }
    if out.chars().next().is_none_or(|c| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// Every local `$ref` must point at something.
fn check_refs(doc: &Value, node: &Value, at: &str) -> Result<()> {
    resolve(doc, node).map_err(|e| format!("{at}: {e}"))?;
    match node {
        Value::Object(map) => map
            .iter()
            .try_for_each(|(key, value)| check_refs(doc, value, &format!("{at}/{key}"))),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, value)| check_refs(doc, value, &format!("{at}/{i}"))),
        _ => Ok(()),
    }
}

/// One documented constraint, emitted as a `crate::validation::Rule`.
#[derive(Clone)]
pub enum Rule {
    MinLength(u64),
    MaxLength(u64),
    /// An ECMAScript pattern, checked to compile with `regress` and, translated, with
    /// `regex-lite` (as the layer runs it), and
    /// its `x-pattern-description`: what a valid value looks like, for messages.
    Pattern(String, String),
    OneOf(Vec<String>),
    MinItems(u64),
    MaxItems(u64),
}

pub fn resolve<'a>(doc: &'a Value, item: &'a Value) -> Result<&'a Value> {
    match item.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r
                .strip_prefix('#')
                .ok_or_else(|| format!("external $ref not supported: {r}"))?;
            doc.pointer(pointer)
                .ok_or_else(|| format!("dangling $ref: {r}"))
        }
        None => Ok(item),
    }
}

/// Removes every `in: header` parameter from the operations: the layer sets them once per
/// client, by the rules the model keeps (`spec::REQUEST_HEADERS`).
fn drop_header_parameters(doc: &mut Value) -> Result<()> {
    let snapshot = doc.clone();
    for op in operations(doc) {
        if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
            let in_header = |p| Ok(resolve(&snapshot, p)?["in"] == "header");
            let dropped: Vec<bool> = params.iter().map(in_header).collect::<Result<_>>()?;
            let mut dropped = dropped.into_iter();
            params.retain(|_| dropped.next() == Some(false));
        }
    }
    Ok(())
}

/// The rules of one string or array schema.
pub fn string_rules(schema: &Value, what: &str) -> Result<Vec<Rule>> {
    let mut rules = Vec::new();
    let int = |k: &str| schema.get(k).and_then(Value::as_u64);
    if let Some(n) = int("minLength").filter(|n| *n > 0) {
        rules.push(Rule::MinLength(n));
    }
    if let Some(n) = int("maxLength") {
        rules.push(Rule::MaxLength(n));
    }
    if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
        regress::Regex::new(p)
            .map_err(|e| format!("{what}: pattern {p:?} does not compile: {e}"))?;
        // The SDK runs it with regex-lite, translated: both must work.
        let translated = pattern::to_regex_lite(p)
            .map_err(|e| format!("{what}: pattern {p:?} cannot be run by the SDK: {e}"))?;
        regex_lite::Regex::new(&translated).map_err(|e| {
            format!("{what}: pattern {p:?}, translated as {translated:?}, does not compile: {e}")
        })?;
        // Messages say what a valid value looks like, never the regular expression.
        let looks_like = schema
            .get("x-pattern-description")
            .and_then(Value::as_str)
            .filter(|d| !d.trim().is_empty())
            .ok_or_else(|| {
                format!("{what}: pattern {p:?} needs an x-pattern-description (what a valid value looks like, for messages)")
            })?;
        rules.push(Rule::Pattern(p.to_owned(), looks_like.to_owned()));
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let values = values
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        rules.push(Rule::OneOf(values));
    }
    if let Some(n) = int("minItems").filter(|n| *n > 0) {
        rules.push(Rule::MinItems(n));
    }
    if let Some(n) = int("maxItems") {
        rules.push(Rule::MaxItems(n));
    }
    Ok(rules)
}

/// One field of a model as the `Validate` impl sees it.
#[derive(Clone)]
pub enum FieldCheck {
    /// A string or array with rules.
    Rules(Vec<Rule>),
    /// A nested model (or an array of them).
    Nested,
}

pub struct Model {
    pub name: String,
    /// In property order; a field may appear twice (its rules, then its nested model).
    pub fields: Vec<(String, FieldCheck)>,
    /// `x-required-one-of`: at least one of these properties must be present (and not empty).
    pub one_of_required: Vec<String>,
    /// Its optional properties that the spec does not mark `nullable`: a `null` in one decodes
    /// as absent, and is a departure from the spec.
    pub not_null: Vec<String>,
    /// Every property, in order, with what the check for undeclared fields looks into.
    pub declared: Vec<(String, Declared)>,
}

/// What a property holds, as the check for undeclared fields reads it.
#[derive(Clone)]
pub enum Declared {
    /// A value whose fields are not searched.
    Any,
    /// A model (its generated type's name).
    Model(String),
    /// A list of a model.
    Items(String),
}

const CONSTRAINT_KEYWORDS: [&str; 7] = [
    "minLength",
    "maxLength",
    "pattern",
    "x-pattern-description",
    "enum",
    "minItems",
    "maxItems",
];

/// Strips string and array constraints from every object schema and records them.
fn take_constraints(schemas: &mut Map<String, Value>) -> Result<Vec<Model>> {
    let objects = schemas
        .iter()
        .filter(|(_, s)| s.get("properties").is_some());
    let object_names: Vec<String> = objects.map(|(n, _)| n.clone()).collect();
    let nullable = |s: &Value| {
        let target = s.get("$ref").and_then(Value::as_str);
        let target = target.and_then(|r| r.strip_prefix("#/components/schemas/"));
        let target = target.and_then(|t| schemas.get(t));
        [Some(s), target]
            .into_iter()
            .flatten()
            .any(|s| s["nullable"] == true)
    };
    let mut not_null = Vec::new();
    for name in &object_names {
        let schema = &schemas[name.as_str()];
        let required = model::names(&schema["required"]).unwrap_or_default();
        let props = schema["properties"].as_object().into_iter().flatten();
        let optional = props.filter(|(p, s)| !required.contains(p) && !nullable(s));
        not_null.push(optional.map(|(p, _)| p.clone()).collect::<Vec<_>>());
    }
    let mut models = Vec::new();
    for (name, not_null) in object_names.iter().zip(not_null) {
        let mut fields = Vec::new();
        let mut declared = Vec::new();
        let props = schemas[name.as_str()]["properties"]
            .as_object_mut()
            .ok_or_else(|| format!("schema {name}: properties is not a map"))?;
        for (prop, schema) in props.iter_mut() {
            if !is_rust_field(prop) {
                return Err(format!(
                    "schema {name}: property {prop:?} is not a plain snake_case name"
                ));
            }
            let mut rules = string_rules(schema, &format!("schema {name}, property {prop}"))?;
            let format = schema.get("format").and_then(Value::as_str);
            if format.is_some_and(|f| TIMESTAMP_FORMATS.contains(&f)) {
                // The field is a `crate::Timestamp`, whose parser is the check (the pattern is
                // for validators that do not know the format); it has no `Validate` rules.
                rules.clear();
            }
            if let Some(obj) = schema.as_object_mut() {
                for k in CONSTRAINT_KEYWORDS {
                    obj.remove(k);
                }
            }
            let nested = |v: &Value| -> Option<String> {
                let one = v.pointer("/allOf/0").unwrap_or(v);
                let target = one.get("$ref").and_then(Value::as_str);
                let target = target.and_then(|r| r.strip_prefix("#/components/schemas/"));
                let target = target.filter(|t| object_names.iter().any(|n| n == t));
                target.map(str::to_owned)
            };
            if !rules.is_empty() {
                fields.push((prop.clone(), FieldCheck::Rules(rules)));
            }
            let shape = match (nested(schema), schema.get("items").and_then(nested)) {
                (Some(model), _) => Declared::Model(model),
                (None, Some(model)) => Declared::Items(model),
                (None, None) => Declared::Any,
            };
            if !matches!(shape, Declared::Any) {
                fields.push((prop.clone(), FieldCheck::Nested));
            }
            declared.push((prop.clone(), shape));
        }
        models.push(Model {
            name: name.clone(),
            fields,
            one_of_required: one_of_required(name, &schemas[name.as_str()])?,
            not_null,
            declared,
        });
    }
    Ok(models)
}

/// `x-required-one-of` of the schema `name`: two or more of its properties, or none.
fn one_of_required(name: &str, schema: &Value) -> Result<Vec<String>> {
    let Some(v) = schema.get("x-required-one-of") else {
        return Ok(Vec::new());
    };
    let list = model::names(v).filter(|l| l.len() > 1).ok_or_else(|| {
        format!("schema {name}: x-required-one-of is not a list of two or more property names")
    })?;
    if let Some(missing) = list
        .iter()
        .find(|p| schema["properties"].get(p.as_str()).is_none())
    {
        return Err(format!(
            "schema {name}: x-required-one-of names {missing}, which is not a property"
        ));
    }
    Ok(list)
}

/// Component schemas marked `x-rust-type-path: crate::...` are replaced by that type.
fn take_replacements(schemas: &Map<String, Value>) -> Vec<(String, String)> {
    schemas
        .iter()
        .filter_map(|(name, s)| {
            let path = s.get("x-rust-type-path")?.as_str()?;
            Some((name.clone(), path.to_owned()))
        })
        .collect()
}

/// A property carrying `x-renamed-from: <old>`: one field, `new`, that decodes from either
/// name; `x-renamed-in`: the API version that renamed it.
pub struct Rename {
    pub schema: String,
    pub new: String,
    pub old: String,
    pub since: Option<String>,
}

/// Merges every `x-renamed-from` property pair into the new property, which becomes required.
fn apply_renames(schemas: &mut Map<String, Value>) -> Result<Vec<Rename>> {
    let mut renames = Vec::new();
    for (name, schema) in schemas.iter_mut() {
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let pairs: Vec<(String, String, Option<String>)> = props
            .iter()
            .filter_map(|(p, s)| {
                let since = s["x-renamed-in"].as_str().map(str::to_owned);
                let old = s.get("x-renamed-from")?.as_str()?.to_owned();
                Some((p.clone(), old, since))
            })
            .collect();
        if let Some((p, _)) = props.iter().find(|(_, s)| {
            s.get("x-renamed-in")
                .is_some_and(|v| !v.is_string() || s.get("x-renamed-from").is_none())
        }) {
            return Err(format!(
                "schema {name}: {p}: x-renamed-in is the version of an x-renamed-from"
            ));
        }
        for (new, old, since) in pairs {
            if !is_rust_field(&old) {
                return Err(format!(
                    "schema {name}: {new} is renamed from {old:?}, which is not a plain snake_case name"
                ));
            }
            let obj = schema.as_object_mut().ok_or("schema is not a map")?;
            let props = obj["properties"]
                .as_object_mut()
                .ok_or("properties is not a map")?;
            if props.remove(&old).is_none() {
                return Err(format!(
                    "schema {name}: {new} is renamed from {old}, which is not a property"
                ));
            }
            // Exactly one of the two names is sent, whatever the version: the merged field is
            // required, so a body with neither fails to decode instead of reading as absent.
            let required = obj
                .entry("required")
                .or_insert_with(|| Value::Array(Vec::new()));
            let list = required.as_array_mut().ok_or("required is not a list")?;
            list.retain(|v| v.as_str() != Some(old.as_str()));
            if !list.iter().any(|v| v.as_str() == Some(new.as_str())) {
                list.push(Value::String(new.clone()));
            }
            // The schema may say "exactly one of the two names" for validators and mocks
            // (`oneOf: [{required: [new]}, {required: [old]}]`); the merged field says it
            // for the generated type, so that `oneOf` goes (progenitor would make it a type).
            if obj
                .get("oneOf")
                .is_some_and(|one_of| is_one_of_names(one_of, &new, &old))
            {
                obj.remove("oneOf");
            }
            renames.push(Rename {
                schema: name.clone(),
                new,
                old,
                since,
            });
        }
    }
    Ok(renames)
}

/// Whether `one_of` is exactly `[{required: [a]}, {required: [b]}]` for the names `a` and `b`,
/// in either order, and nothing else.
fn is_one_of_names(one_of: &Value, a: &str, b: &str) -> bool {
    let required_only = |branch: &Value| -> Option<String> {
        let map = branch.as_object().filter(|m| m.len() == 1)?;
        match map.get("required")?.as_array()?.as_slice() {
            [name] => name.as_str().map(str::to_owned),
            _ => None,
        }
    };
    let Some(branches) = one_of.as_array() else {
        return false;
    };
    let names: Vec<String> = branches.iter().filter_map(required_only).collect();
    branches.len() == 2 && (names == [a, b] || names == [b, a])
}

pub fn is_rust_field(name: &str) -> bool {
    const KEYWORDS: [&str; 12] = [
        "as", "async", "crate", "enum", "fn", "impl", "match", "mod", "ref", "self", "type", "use",
    ];
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&name)
}
