//! The generation routine of build.rs: one spec's text in, Rust source and the spec as JSON
//! out. Pure (no I/O), so tests can run it on an edited spec.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Map, Value};

type Result<T> = std::result::Result<T, String>;

/// Turns one spec's text into formatted Rust source, and the spec as JSON (the sandbox's seed).
pub fn generate(text: &str) -> Result<(String, String)> {
    let mut doc: Value = serde_yaml::from_str(text).map_err(|e| format!("not valid YAML: {e}"))?;
    let spec_json = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
    check_refs(&doc, &doc, "")?;
    let headers = take_header_parameters(&mut doc)?;
    let schemas = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .ok_or("no components.schemas")?;
    let renames = apply_renames(schemas)?;
    let models = take_constraints(schemas)?;
    let replacements = take_replacements(schemas);

    let api: openapiv3::OpenAPI = serde_json::from_value(doc)
        .map_err(|e| format!("not a valid OpenAPI 3.0 document: {e}"))?;

    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Positional)
        .with_tag(progenitor::TagStyle::Merged)
        .with_hooks(progenitor::HooksMode::Expected);
    for format in TIMESTAMP_FORMATS {
        settings.with_conversion(
            schemars::schema::SchemaObject {
                instance_type: Some(schemars::schema::InstanceType::String.into()),
                format: Some(format.to_owned()),
                ..Default::default()
            },
            "crate::Timestamp",
            [progenitor::TypeImpl::Display, progenitor::TypeImpl::FromStr].into_iter(),
        );
    }
    for (schema, path) in &replacements {
        settings.with_replacement(
            schema,
            path,
            [progenitor::TypeImpl::Display, progenitor::TypeImpl::FromStr].into_iter(),
        );
    }
    let mut generator = progenitor::Generator::new(&settings);
    // typify panics on some malformed schemas; report that as the spec's error, not a crash.
    let tokens = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        generator.generate_tokens(&api)
    }))
    .map_err(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("no message");
        format!("progenitor cannot generate a client (it panicked: {message})")
    })?
    .map_err(|e| format!("progenitor cannot generate a client: {e}"))?;
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    add_renamed_decoders(&mut file, &renames)?;
    syn::visit_mut::VisitMut::visit_file_mut(&mut Lean, &mut file);

    let mut code = prettyplease::unparse(&file);
    code.push_str(&hooks_impl());
    code.push_str(&validate_impls(&models, &replacements)?);
    code.push_str(&header_table(&headers));
    Ok((code, spec_json))
}

/// String formats generated as `crate::Timestamp`: RFC 3339's `date-time`, and
/// `iso8601-date-time`, an ISO 8601 date-time whose offset is optional (CRO's "ISO 8601
/// compatible" timestamps, sent without one). Standard validators ignore the second name and
/// check the pattern written beside it.
const TIMESTAMP_FORMATS: [&str; 2] = ["date-time", "iso8601-date-time"];

/// Every local `$ref` must point at something.
fn check_refs(doc: &Value, node: &Value, at: &str) -> Result<()> {
    match node {
        Value::Object(map) => {
            if let Some(target) = map.get("$ref").and_then(Value::as_str) {
                let pointer = target
                    .strip_prefix('#')
                    .ok_or_else(|| format!("{at}: external $ref not supported: {target}"))?;
                if doc.pointer(pointer).is_none() {
                    return Err(format!("{at}: dangling $ref: {target}"));
                }
            }
            for (key, value) in map {
                check_refs(doc, value, &format!("{at}/{key}"))?;
            }
            Ok(())
        }
        Value::Array(items) => {
            for (i, value) in items.iter().enumerate() {
                check_refs(doc, value, &format!("{at}/{i}"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A documented request header, kept for the layer once the parameter is gone from the spec.
struct HeaderRule {
    name: String,
    required: bool,
    kind: String,
    rules: Vec<String>,
}

fn resolve<'a>(doc: &'a Value, item: &'a Value) -> Result<&'a Value> {
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

fn take_header_parameters(doc: &mut Value) -> Result<Vec<HeaderRule>> {
    let snapshot = doc.clone();
    let mut found: BTreeMap<String, HeaderRule> = BTreeMap::new();
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return Err("no paths".into());
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else {
                continue;
            };
            let mut kept = Vec::with_capacity(params.len());
            for p in params.drain(..) {
                let resolved =
                    resolve(&snapshot, &p).map_err(|e| format!("{method} {path}: {e}"))?;
                if resolved.get("in").and_then(Value::as_str) != Some("header") {
                    kept.push(p);
                    continue;
                }
                let name = resolved["name"]
                    .as_str()
                    .ok_or("header parameter without a name")?
                    .to_ascii_lowercase();
                let schema = resolve(&snapshot, &resolved["schema"])?;
                let rules = string_rules(schema, &format!("header {name}"))?;
                found.entry(name.clone()).or_insert(HeaderRule {
                    name,
                    required: resolved
                        .get("required")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                    kind: schema
                        .get("type")
                        .and_then(Value::as_str)
                        .unwrap_or("string")
                        .to_owned(),
                    rules,
                });
            }
            *params = kept;
        }
    }
    Ok(found.into_values().collect())
}

/// The rules of one string or array schema, as `crate::validation::Rule` expressions.
fn string_rules(schema: &Value, what: &str) -> Result<Vec<String>> {
    let mut rules = Vec::new();
    let int = |k: &str| schema.get(k).and_then(Value::as_u64);
    if let Some(n) = int("minLength").filter(|n| *n > 0) {
        rules.push(format!("crate::validation::Rule::MinLength({n})"));
    }
    if let Some(n) = int("maxLength") {
        rules.push(format!("crate::validation::Rule::MaxLength({n})"));
    }
    if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
        regress::Regex::new(p)
            .map_err(|e| format!("{what}: pattern {p:?} does not compile: {e}"))?;
        rules.push(format!("crate::validation::Rule::Pattern({p:?})"));
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let values: Vec<String> = values
            .iter()
            .filter_map(Value::as_str)
            .map(|v| format!("{v:?}"))
            .collect();
        rules.push(format!(
            "crate::validation::Rule::OneOf(&[{}])",
            values.join(", ")
        ));
    }
    if let Some(n) = int("minItems").filter(|n| *n > 0) {
        rules.push(format!("crate::validation::Rule::MinItems({n})"));
    }
    if let Some(n) = int("maxItems") {
        rules.push(format!("crate::validation::Rule::MaxItems({n})"));
    }
    Ok(rules)
}

/// One field of a model as the `Validate` impl sees it.
enum FieldCheck {
    /// A string or array with rules.
    Rules(Vec<String>),
    /// A nested model (or an array of them).
    Nested,
}

struct Model {
    name: String,
    fields: Vec<(String, FieldCheck)>,
}

const CONSTRAINT_KEYWORDS: [&str; 6] = [
    "minLength",
    "maxLength",
    "pattern",
    "enum",
    "minItems",
    "maxItems",
];

/// Strips string and array constraints from every object schema and records them.
fn take_constraints(schemas: &mut Map<String, Value>) -> Result<Vec<Model>> {
    let names: Vec<String> = schemas.keys().cloned().collect();
    let object_names: Vec<String> = names
        .iter()
        .filter(|n| schemas[n.as_str()].get("properties").is_some())
        .cloned()
        .collect();
    let mut models = Vec::new();
    for name in &object_names {
        let mut fields = Vec::new();
        let props = schemas[name.as_str()]["properties"]
            .as_object_mut()
            .ok_or_else(|| format!("schema {name}: properties is not a map"))?;
        for (prop, schema) in props.iter_mut() {
            if !is_rust_field(prop) {
                return Err(format!(
                    "schema {name}: property {prop:?} is not a plain snake_case name"
                ));
            }
            if schema.get("type").and_then(Value::as_str) == Some("object") {
                return Err(format!(
                    "schema {name}: property {prop} is an inline object; make it a component schema"
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
            let nested = |v: &Value| {
                v.get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    .is_some_and(|target| object_names.iter().any(|n| n == target))
            };
            if !rules.is_empty() {
                fields.push((prop.clone(), FieldCheck::Rules(rules)));
            }
            if nested(schema) || schema.get("items").is_some_and(nested) {
                fields.push((prop.clone(), FieldCheck::Nested));
            }
        }
        models.push(Model {
            name: name.clone(),
            fields,
        });
    }
    Ok(models)
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

/// `(schema, field, old name)` for every `x-renamed-from`.
fn apply_renames(schemas: &mut Map<String, Value>) -> Result<Vec<(String, String, String)>> {
    let mut renames = Vec::new();
    for (name, schema) in schemas.iter_mut() {
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let pairs: Vec<(String, String)> = props
            .iter()
            .filter_map(|(p, s)| Some((p.clone(), s.get("x-renamed-from")?.as_str()?.to_owned())))
            .collect();
        for (new, old) in pairs {
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
            renames.push((name.clone(), new, old));
        }
    }
    Ok(renames)
}

/// A schema with a renamed property decodes through a private twin that reads both names:
/// a body carrying both (a rename in transition) is accepted when they agree and refused, naming
/// both, when they differ. serde's `alias` would refuse every body carrying both as a duplicate.
fn add_renamed_decoders(file: &mut syn::File, renames: &[(String, String, String)]) -> Result<()> {
    let mut by_schema: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (schema, new, old) in renames {
        by_schema.entry(schema).or_default().push((new, old));
    }
    let types = file
        .items
        .iter_mut()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "types" => m.content.as_mut().map(|(_, items)| items),
            _ => None,
        })
        .ok_or("generated code has no types module")?;
    for (schema, pairs) in by_schema {
        let model = types
            .iter_mut()
            .find_map(|item| match item {
                syn::Item::Struct(s) if s.ident == schema => Some(s),
                _ => None,
            })
            .ok_or_else(|| format!("schema {schema}: generated struct not found"))?;
        let (decoder, wire) = renamed_decoder(model, &pairs)
            .map_err(|e| format!("schema {schema}: {e} (x-renamed-from)"))?;
        types.push(syn::Item::Struct(wire));
        types.push(syn::Item::Impl(decoder));
    }
    Ok(())
}

/// Takes `Deserialize` off `model` and returns its hand-built impl and the twin it reads.
fn renamed_decoder(
    model: &mut syn::ItemStruct,
    pairs: &[(&str, &str)],
) -> Result<(syn::ItemImpl, syn::ItemStruct)> {
    let is_serde = |a: &syn::Attribute| a.path().is_ident("serde");
    let mut wire = model.clone();
    wire.ident = quote::format_ident!("{}Wire", model.ident);
    wire.vis = syn::Visibility::Inherited;
    wire.attrs = model
        .attrs
        .iter()
        .filter(|a| is_serde(a))
        .cloned()
        .collect();
    wire.attrs
        .insert(0, syn::parse_quote!(#[derive(::serde::Deserialize)]));
    wire.attrs.insert(
        0,
        syn::parse_quote!(#[doc = " What the body carries, before renamed fields are merged."]),
    );
    let mut derives_deserialize = false;
    for attr in &mut model.attrs {
        if !attr.path().is_ident("derive") {
            continue;
        }
        let list: syn::punctuated::Punctuated<syn::Path, syn::Token![,]> = attr
            .parse_args_with(syn::punctuated::Punctuated::parse_terminated)
            .map_err(|e| e.to_string())?;
        let kept: Vec<&syn::Path> = list
            .iter()
            .filter(|p| p.segments.last().is_none_or(|s| s.ident != "Deserialize"))
            .collect();
        derives_deserialize |= kept.len() < list.len();
        *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
    }
    if !derives_deserialize {
        return Err("the generated struct does not derive Deserialize".into());
    }
    let syn::Fields::Named(fields) = &mut wire.fields else {
        return Err("the generated struct has no named fields".into());
    };
    let mut plain = Vec::new();
    let mut merges = Vec::new();
    let mut olds = Vec::new();
    for field in fields.named.iter_mut() {
        field.attrs.retain(|a| !a.path().is_ident("doc"));
        let ident = field.ident.clone().ok_or("a field without a name")?;
        let Some((_, old)) = pairs.iter().find(|(new, _)| ident == new) else {
            plain.push(ident);
            continue;
        };
        if !field.attrs.is_empty() {
            return Err(format!("field {ident} carries serde attributes"));
        }
        let ty = field.ty.clone();
        field.ty = syn::parse_quote!(::std::option::Option<#ty>);
        field.attrs.push(syn::parse_quote!(#[serde(default)]));
        let old_ident = quote::format_ident!("{}", old);
        olds.push(syn::Field {
            attrs: vec![syn::parse_quote!(#[serde(default)])],
            ident: Some(old_ident.clone()),
            ..field.clone()
        });
        let (new_name, old_name) = (ident.to_string(), (*old).to_owned());
        let differ = format!(
            "`{new_name}` ({{:?}}) and its former name `{old_name}` ({{:?}}) differ: a body \
             carrying both must carry the same value in both"
        );
        let missing = format!("missing field `{new_name}` (or its former name `{old_name}`)");
        merges.push(quote::quote! {
            let #ident = match (wire.#ident, wire.#old_ident) {
                (::std::option::Option::Some(new), ::std::option::Option::Some(old)) if new != old => {
                    return ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom(
                        format_args!(#differ, new, old),
                    ));
                }
                (::std::option::Option::Some(value), _) | (::std::option::Option::None, ::std::option::Option::Some(value)) => value,
                (::std::option::Option::None, ::std::option::Option::None) => {
                    return ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom(#missing));
                }
            };
        });
        for (new, _) in pairs.iter().filter(|(new, _)| ident == new) {
            let doc = format!(
                " Decodes from `{new}` and from its former name `{old}`: one field, whichever \
                 API version answered; a body carrying both must carry the same value in both."
            );
            if let Some(target) = model_field(model, new) {
                target.attrs.push(syn::parse_quote!(#[doc = ""]));
                target.attrs.push(syn::parse_quote!(#[doc = #doc]));
            }
        }
    }
    if merges.len() != pairs.len() {
        return Err("a renamed field is missing from the generated struct".into());
    }
    fields.named.extend(olds);
    let (name, wire_name) = (&model.ident, &wire.ident);
    let renamed = pairs.iter().map(|(new, _)| quote::format_ident!("{}", new));
    let decoder = syn::parse_quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let wire = <#wire_name as ::serde::Deserialize>::deserialize(deserializer)?;
                #(#merges)*
                ::std::result::Result::Ok(Self {
                    #(#plain: wire.#plain,)*
                    #(#renamed,)*
                })
            }
        }
    };
    Ok((decoder, wire))
}

fn model_field<'a>(model: &'a mut syn::ItemStruct, name: &str) -> Option<&'a mut syn::Field> {
    model
        .fields
        .iter_mut()
        .find(|f| f.ident.as_ref().is_some_and(|i| i == name))
}

fn is_rust_field(name: &str) -> bool {
    const KEYWORDS: [&str; 12] = [
        "as", "async", "crate", "enum", "fn", "impl", "match", "mod", "ref", "self", "type", "use",
    ];
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&name)
}

fn hooks_impl() -> String {
    "\n/// Every generated call goes through the shared transport (headers, metadata, limits).\n\
     impl progenitor_client::ClientHooks<()> for Client {\n\
     \x20   async fn exec(\n\
     \x20       &self,\n\
     \x20       request: reqwest::Request,\n\
     \x20       _info: &progenitor_client::OperationInfo,\n\
     \x20   ) -> reqwest::Result<reqwest::Response> {\n\
     \x20       crate::transport::exec(&self.client, request).await\n\
     \x20   }\n\
     }\n"
    .to_owned()
}

fn validate_impls(models: &[Model], replacements: &[(String, String)]) -> Result<String> {
    let mut out = String::new();
    for model in models {
        if replacements.iter().any(|(n, _)| n == &model.name) {
            continue;
        }
        let body = model
            .fields
            .iter()
            .map(|(field, check)| match check {
                FieldCheck::Rules(rules) => format!(
                    "        crate::validation::check(&self.{field}, &path.field({field:?}), &[{}], out);\n",
                    rules.join(", ")
                ),
                FieldCheck::Nested => format!(
                    "        crate::validation::Validate::validate_at(&self.{field}, &path.field({field:?}), out);\n"
                ),
            })
            .collect::<String>();
        let (path, out_arg) = if body.is_empty() {
            ("_path", "_out")
        } else {
            ("path", "out")
        };
        write!(
            out,
            "\nimpl crate::validation::Validate for types::{name} {{\n\
             \x20   fn validate_at(&self, {path}: &crate::validation::FieldPath<'_>, {out_arg}: &mut Vec<crate::validation::Violation>) {{\n\
             {body}\
             \x20   }}\n\
             }}\n",
            name = model.name,
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn header_table(headers: &[HeaderRule]) -> String {
    let mut out = String::from(
        "\n/// What the spec documents that is not a generated type.\npub mod spec {\n\
         \x20   /// The documented request headers, which the layer sets once per client.\n\
         \x20   pub const REQUEST_HEADERS: &[crate::validation::HeaderRule] = &[\n",
    );
    for h in headers {
        let _ = writeln!(
            out,
            "        crate::validation::HeaderRule {{ name: {:?}, required: {}, integer: {}, rules: &[{}] }},",
            h.name,
            h.required,
            h.kind == "integer",
            h.rules.join(", ")
        );
    }
    out.push_str("    ];\n}\n");
    out
}

/// Takes out of every generated call what the layer does not use: the `api-version` header
/// map (the vendors' version header is the layer's), and the
/// copy of the response headers `ResponseValue::from_response` makes (the layer records what
/// it needs in `exec`); and points `NaiveDate` fields at the layer's direct date decoder.
struct Lean;

impl syn::visit_mut::VisitMut for Lean {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        block.stmts.retain(|stmt| {
            let text = quote::quote!(#stmt).to_string();
            // The builder chain that uses the map stays (its `.headers(..)` goes below).
            !text.contains("header_map") || text.contains(". headers (header_map)")
        });
        syn::visit_mut::visit_block_mut(self, block);
    }

    /// progenitor's path encoder leaves `\\` as is, which URL parsing reads as `/` for http(s):
    /// a path parameter could climb out of its segment. The generated calls (inside `format!`,
    /// where no expression can be rewritten) get the layer's encoder through their import:
    /// `use progenitor_client::{encode_path, ..}` becomes
    /// `use {progenitor_client::{..}, crate::transport::encode_path}`.
    fn visit_item_use_mut(&mut self, item: &mut syn::ItemUse) {
        if let syn::UseTree::Path(path) = &mut item.tree {
            if path.ident == "progenitor_client" {
                if let syn::UseTree::Group(group) = &mut *path.tree {
                    let before = group.items.len();
                    group.items = std::mem::take(&mut group.items)
                        .into_iter()
                        .filter(|t| !matches!(t, syn::UseTree::Name(n) if n.ident == "encode_path"))
                        .collect();
                    if group.items.len() != before {
                        let rest = item.tree.clone();
                        item.tree = syn::parse_quote!({ #rest, crate::transport::encode_path });
                    }
                }
            }
        }
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        // chrono's `NaiveDate` decoder runs its general format parser; the layer's reads the
        // vendors' `YYYY-MM-DD` directly and hands anything else to chrono.
        let ty = &field.ty;
        let ty = quote::quote!(#ty).to_string().replace(' ', "");
        if ty == "::chrono::naive::NaiveDate" {
            field.attrs.push(syn::parse_quote!(
                #[serde(deserialize_with = "crate::timestamp::date_serde::required")]
            ));
        } else if let Some(decoder) = match ty.as_str() {
            // `""` in an optional date or date-time is an unset field (PDM's docs), not a broken
            // date: these decoders read it as `None`.
            "::std::option::Option<::chrono::naive::NaiveDate>" => {
                Some("crate::timestamp::date_serde::optional")
            }
            "::std::option::Option<crate::Timestamp>" => {
                Some("crate::timestamp::timestamp_serde::optional")
            }
            _ => None,
        } {
            // A required nullable field already goes through `Option::deserialize` (present,
            // maybe null); it keeps being required. Any other optional field may be absent.
            let before = field.attrs.len();
            field.attrs.retain(|a| {
                let text = quote::quote!(#a).to_string().replace(' ', "");
                text != "#[serde(deserialize_with=\"::std::option::Option::deserialize\")]"
            });
            if field.attrs.len() < before {
                field
                    .attrs
                    .push(syn::parse_quote!(#[serde(deserialize_with = #decoder)]));
            } else {
                field
                    .attrs
                    .push(syn::parse_quote!(#[serde(default, deserialize_with = #decoder)]));
            }
        }
        syn::visit_mut::visit_field_mut(self, field);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::MethodCall(call) = expr {
            let only_header_map = call.args.len() == 1
                && matches!(&call.args[0], syn::Expr::Path(p) if p.path.is_ident("header_map"));
            if call.method == "headers" && only_header_map {
                *expr = (*call.receiver).clone();
                return self.visit_expr_mut(expr);
            }
        }
        if let syn::Expr::Path(p) = expr {
            let segments: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            if segments == ["ResponseValue", "from_response"] {
                *expr = syn::parse_quote!(crate::transport::response_value);
                return;
            }
            // progenitor's encoder leaves `\` as is, which URL parsing reads as `/` for
            // http(s): a path parameter could climb out of its segment.
            if segments == ["encode_path"] {
                *expr = syn::parse_quote!(crate::transport::encode_path);
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }
}
