//! What a spec says, read once into types: every operation (method, path, parameters and their
//! places, body, the extensions it carries), the document's extensions and the notes
//! schemas carry for the docs. The other phases read this model, never the operations' JSON.
//! Every extension is listed, with where it sits and what it does, in one table: the README's
//! *For maintainers* section.

use serde_json::{Map, Value};

use super::rewrite::{is_rust_field, resolve, string_rules, Rule};
use super::Result;

/// The spec's operations and document-level extensions.
pub struct Spec {
    /// In path, then method order.
    pub operations: Vec<Operation>,
    /// `x-client-fields`: request body properties the client fills in from its credentials.
    pub client_fields: Vec<String>,
    /// `x-answer-status`: the property of every answer the vendor's policy reads.
    pub answer_status: Option<String>,
    /// `x-answer-status` in its object form: the status object's schema and fields, and the
    /// codes that mean success.
    pub status_object: Option<StatusObject>,
    /// Doc lines for schemas (`x-status-codes`, `x-known-values`), by schema name.
    pub schema_notes: Vec<(String, Vec<String>)>,
    /// `x-error-code-type`: the vendor's own error codes as a Rust type.
    pub error_codes: Option<ErrorCodeType>,
    /// The first of `servers` whose URL is `https`: the vendor's public API, the client's
    /// default base URL (a spec whose servers are all plain `http`, a sandbox, has none).
    pub default_base_url: Option<String>,
    /// What the layer's one spec policy reads, unless `x-policy: hand-written`.
    pub policy: Option<Policy>,
}

/// What a vendor without a hand-written policy is: its credential (the one scheme of
/// `components.securitySchemes` that `security` names), its envelope and its error body.
pub struct Policy {
    pub credential: Credential,
    /// The builder's setter: `x-setter` on the scheme, else `bearer_token` or `api_key`.
    pub setter: String,
    /// The command-line tool's name for it: `x-cli-name` on the scheme, else the setter.
    pub cli_name: String,
    /// The scheme's `description`, for the setter's docs.
    pub description: String,
    pub envelope: Option<Envelope>,
    /// `x-error-body`: the property paths of an error's `code`, `message`, `field` and
    /// `explanation` (each may be absent).
    pub error_code: Vec<String>,
    pub error_message: Vec<String>,
    pub error_field: Vec<String>,
    pub error_explanation: Vec<String>,
    /// The documented request headers other than the credential's, each a builder setting.
    /// In name order.
    pub settings: Vec<Setting>,
}

/// A documented request header set once on the builder and sent on every request.
pub struct Setting {
    /// In lower case.
    pub header: String,
    /// `x-setter` on the parameter, else the header's name without `x-`, in snake case
    /// (`X-Tenant` → `tenant`).
    pub setter: String,
    /// The `x-rust-enum` schema the parameter's schema refers to: the setter takes that type.
    pub typed: Option<String>,
    /// The schema's `default`, sent when the builder is given none.
    pub default: Option<String>,
    /// The parameter's (or its schema's) `example`, for the builder's doc example.
    pub example: Option<String>,
    /// `x-pin`: every answer's same header must say the value sent.
    pub pin: bool,
    /// An integer with no bounds: any `i64` keeps its rules.
    pub integer: bool,
    pub description: String,
}

pub enum Credential {
    /// `http`/`bearer`.
    Bearer,
    /// `apiKey` `in: header`, its name in lower case.
    Header(String),
    /// `apiKey` `in: query`.
    Query(String),
}

/// An answer's status object (`x-answer-status: {property, schema, code, detail, ok}`): its
/// schema, its integer code's and its text's properties, and the codes that mean success.
pub struct StatusObject {
    pub schema: String,
    pub code: String,
    pub detail: String,
    pub ok: Vec<i64>,
}

/// `x-envelope`: the property whose value says how the answer went, the values that mean
/// success, pending and error, and the property holding the payload.
pub struct Envelope {
    pub status: String,
    pub data: String,
    pub success: Vec<String>,
    pub pending: Vec<String>,
    pub error: Vec<String>,
}

/// The vendor's error codes as a type (`x-error-code-type`), their meanings as the vendor
/// documents them (`x-error-codes` of the operations, `x-status-codes` of a schema).
pub struct ErrorCodeType {
    /// The type's name (`FoxtrotCode`).
    pub name: String,
    pub description: String,
    /// In code order.
    pub codes: Vec<ErrorCode>,
}

pub struct ErrorCode {
    pub code: i64,
    /// The variant's name.
    pub variant: String,
    /// The vendor's words.
    pub meaning: String,
    /// The `ErrorKind` it says (`NotFound`), where it says more than the HTTP status.
    pub kind: Option<String>,
}

/// The kinds a code may say (`x-error-code-type`'s `kinds`), as `crate::ErrorKind` names them.
const CODE_KINDS: [(&str, &str); 4] = [
    ("not_found", "NotFound"),
    ("credential_rejected", "CredentialRejected"),
    ("access_denied", "AccessDenied"),
    ("throttled", "Throttled"),
];

pub struct Operation {
    pub id: String,
    /// Lower case (`get`, `post`).
    pub method: String,
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Path-item then operation parameters, once per name and place.
    pub params: Vec<Param>,
    /// The schema of its JSON request body.
    pub body: Option<String>,
    /// `x-method-name`, else the snake case of the `operationId`.
    pub method_name: Option<String>,
    /// `x-idempotent`, else what its HTTP method says.
    pub idempotent: bool,
    /// `x-result`: the property path of the success answer the method returns.
    pub result: Vec<String>,
    /// `x-result-schema`: what each form of a `oneOf` answer is reduced to.
    pub result_schema: Option<String>,
    /// `x-credential-exchange`: the vendor's policy calls it; it gets no method.
    pub credential_exchange: bool,
    /// `x-cli-aliases`: earlier names of its command-line subcommand.
    pub cli_aliases: Vec<String>,
    /// `x-roles`: the vendor's roles allowed to call it.
    pub roles: Vec<String>,
    /// `x-breaking-changes`: `(version, change)`; `None` when the vendor says nothing.
    pub breaking_changes: Option<Vec<(String, String)>>,
    /// `x-error-codes`: the vendor's error codes it may answer, with their meanings.
    pub error_codes: Vec<(String, String)>,
    /// Its documented answers, for the check of what a server sends against the spec.
    pub answers: Vec<Documented>,
}

/// A documented answer: its status key (`200`, `4xx`, `default`), the response headers it
/// documents (lower case, `Content-Type` left out: it is the content's), each with its schema's
/// `enum` (empty: any value), and its content types.
pub struct Documented {
    pub status: String,
    pub headers: Vec<(String, Vec<String>)>,
    pub content_types: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Path,
    Query,
    Header,
}

pub struct Param {
    pub name: String,
    pub place: Place,
    pub required: bool,
    pub description: String,
    /// Its schema's `type` is `integer`.
    pub integer: bool,
    /// Its schema's documented rules (the layer checks a header's).
    pub rules: Vec<Rule>,
}

impl Operation {
    /// Its path or query parameter that progenitor names `label` (the snake case of its name).
    pub fn param(&self, label: &str) -> Option<&Param> {
        let snake = super::methods::snake_case;
        self.params
            .iter()
            .find(|p| p.place != Place::Header && snake(&p.name) == label)
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The methods whose repetition is safe, unless `x-idempotent` says otherwise.
const SAFE_METHODS: [&str; 6] = ["get", "put", "delete", "head", "options", "trace"];

/// The extensions an operation may carry.
const OPERATION_EXTENSIONS: [&str; 9] = [
    "x-method-name",
    "x-idempotent",
    "x-result",
    "x-result-schema",
    "x-credential-exchange",
    "x-cli-aliases",
    "x-roles",
    "x-breaking-changes",
    "x-error-codes",
];

/// Reads the spec (header parameters still in it).
pub fn read(doc: &Value) -> Result<Spec> {
    let paths = doc.get("paths").and_then(Value::as_object);
    let mut operations = Vec::new();
    for (path, item) in paths.ok_or("no paths")? {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                let at = format!("{} {path}", method.to_uppercase());
                operations.push(
                    operation(doc, item, op, method, path).map_err(|e| format!("{at}: {e}"))?,
                );
            }
        }
    }
    let policy = match ext(doc, "x-policy", "not `hand-written`", text)?.as_deref() {
        Some("hand-written") => None,
        Some(other) => return Err(format!("x-policy: {other:?} is not `hand-written`")),
        None => Some(policy(doc)?),
    };
    let envelope_status = policy
        .as_ref()
        .and_then(|p| Some(p.envelope.as_ref()?.status.clone()));
    let (answer_status, status_object) = match doc.get("x-answer-status") {
        Some(Value::Object(o)) => {
            let (property, object) = status_object(o)?;
            (Some(property), Some(object))
        }
        Some(_) => return Err("x-answer-status: not {property, schema, code, detail, ok}".into()),
        None => (None, None),
    };
    if status_object.is_some() && doc.get("x-error-code-type").is_none() {
        return Err("x-answer-status: a status object's codes need x-error-code-type".into());
    }
    if answer_status.is_some() && policy.is_some() {
        return Err("x-answer-status: a generated policy reads x-envelope's status".into());
    }
    let answer_status = answer_status.or(envelope_status);
    Ok(Spec {
        policy,
        client_fields: ext(
            doc,
            "x-client-fields",
            "not a list of property names",
            names,
        )?
        .unwrap_or_default(),
        answer_status,
        status_object,
        schema_notes: schema_notes(doc)?,
        error_codes: error_code_type(doc, &operations)?,
        default_base_url: doc["servers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|server| server["url"].as_str())
            .find(|url| url.starts_with("https://"))
            .map(|url| url.trim_end_matches('/').to_owned()),
        operations,
    })
}

/// The one scheme a spec's credential follows: the one its `security` names, else the one all
/// its operations' `security` name, else its only scheme.
fn scheme_named(doc: &Value) -> Option<String> {
    let one = |security: &Value| -> Option<String> {
        match security.as_array()?.as_slice() {
            [one] => one
                .as_object()
                .filter(|o| o.len() == 1)?
                .keys()
                .next()
                .cloned(),
            _ => None,
        }
    };
    if doc.get("security").is_some() {
        return one(&doc["security"]);
    }
    let items = path_items(doc).filter_map(Value::as_object);
    let operations = items.flat_map(|i| i.values());
    let mut named: Vec<Option<String>> = operations
        .filter(|op| op.get("operationId").is_some())
        .map(|op| op.get("security").and_then(one))
        .collect();
    named.sort();
    named.dedup();
    match named.as_slice() {
        [Some(name)] => Some(name.clone()),
        _ => {
            let schemes = doc["components"]["securitySchemes"].as_object();
            schemes.filter(|s| s.len() == 1)?.keys().next().cloned()
        }
    }
}

/// The path items of the spec.
fn path_items(doc: &Value) -> impl Iterator<Item = &Value> {
    doc["paths"].as_object().into_iter().flat_map(Map::values)
}

/// The policy a spec without `x-policy: hand-written` describes.
fn policy(doc: &Value) -> Result<Policy> {
    let named = scheme_named(doc);
    let at = |e: &str| format!("security: {e}");
    let named = named.ok_or_else(|| {
        at("a generated policy sends one credential: name one scheme (or set x-policy: hand-written)")
    })?;
    let scheme = doc
        .pointer(&format!("/components/securitySchemes/{named}"))
        .ok_or_else(|| at(&format!("{named} is not in components.securitySchemes")))?;
    let field = |k: &str| scheme[k].as_str().unwrap_or_default();
    let (credential, setter) = match (field("type"), field("scheme"), field("in")) {
        ("http", bearer, _) if bearer.eq_ignore_ascii_case("bearer") => {
            (Credential::Bearer, "bearer_token")
        }
        ("apiKey", _, "header") => {
            let header = field("name").to_ascii_lowercase();
            let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
            if header.is_empty() || !header.bytes().all(token) {
                return Err(at(&format!("{named}: `name` is not a header name")));
            }
            (Credential::Header(header), "api_key")
        }
        ("apiKey", _, "query") => {
            let name = field("name");
            let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
            if name.is_empty() || !name.bytes().all(unreserved) {
                return Err(at(&format!("{named}: `name` is not a plain query parameter name")));
            }
            (Credential::Query(name.to_owned()), "api_key")
        }
        _ => {
            return Err(at(&format!(
                "{named}: a generated policy sends `http` `bearer` or `apiKey` `in: header` or `in: query`"
            )))
        }
    };
    let paths = |v: &Value| -> Option<Vec<String>> {
        v.as_str()?
            .split('.')
            .map(|p| is_rust_field(p).then(|| p.to_owned()))
            .collect()
    };
    // Without `x-error-body`, an error is told by its status alone.
    let body = doc.get("x-error-body");
    let error_path = |key: &str| -> Result<Vec<String>> {
        let Some(node) = body.and_then(|b| b.get(key)) else {
            return Ok(Vec::new());
        };
        paths(node)
            .ok_or_else(|| format!("x-error-body: `{key}` is not a property path (`data.code`)"))
    };
    let own = match &credential {
        Credential::Bearer => "authorization".to_owned(),
        Credential::Header(name) => name.clone(),
        Credential::Query(_) => String::new(),
    };
    let named = |key| ext(scheme, key, "not a snake_case name", name);
    let setter = named("x-setter")?.unwrap_or_else(|| setter.to_owned());
    Ok(Policy {
        settings: settings(doc, &own)?,
        credential,
        cli_name: named("x-cli-name")?.unwrap_or_else(|| setter.clone()),
        setter,
        description: field("description").trim().to_owned(),
        envelope: doc.get("x-envelope").map(envelope).transpose()?,
        error_code: error_path("code")?,
        error_message: error_path("message")?,
        error_field: error_path("field")?,
        error_explanation: error_path("explanation")?,
    })
}

/// The documented request headers but `own` (the credential's), as builder settings.
fn settings(doc: &Value, own: &str) -> Result<Vec<Setting>> {
    let mut found = std::collections::BTreeMap::new();
    for item in path_items(doc) {
        let operations = item.as_object().into_iter().flat_map(|i| i.values());
        let lists =
            std::iter::once(&item["parameters"]).chain(operations.map(|o| &o["parameters"]));
        for param in lists.filter_map(Value::as_array).flatten() {
            let param = resolve(doc, param)?;
            if param["in"] != "header" {
                continue;
            }
            let header = param["name"]
                .as_str()
                .unwrap_or_default()
                .to_ascii_lowercase();
            if header == own || found.contains_key(&header) {
                continue;
            }
            let plain = header
                .strip_prefix("x-")
                .unwrap_or(&header)
                .replace('-', "_");
            let setter = match ext(param, "x-setter", "not a snake_case name", name)? {
                Some(setter) => setter,
                None if is_rust_field(&plain) => plain,
                None => {
                    return Err(format!(
                        "header {header}: give it an x-setter (a snake_case name)"
                    ))
                }
            };
            let pin = ext(param, "x-pin", "not true or false", Value::as_bool)?.unwrap_or(false);
            // The layer reads the served version from `x-api-version` (`ResponseMeta`).
            if pin && header != "x-api-version" {
                return Err(format!(
                    "header {header}: x-pin is read from x-api-version only"
                ));
            }
            let schema = resolve(doc, &param["schema"])?;
            let typed = param["schema"]["$ref"]
                .as_str()
                .filter(|_| schema.get("x-rust-enum").is_some())
                .and_then(|r| r.rsplit('/').next())
                .map(str::to_owned);
            let plain = |v: &Value| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            };
            let example = plain(&param["example"]).or_else(|| plain(&schema["example"]));
            found.insert(
                header.clone(),
                Setting {
                    header,
                    setter,
                    default: plain(&schema["default"]),
                    example,
                    typed,
                    pin,
                    integer: schema["type"] == "integer"
                        && ["minimum", "maximum", "multipleOf", "enum"]
                            .iter()
                            .all(|k| schema.get(k).is_none()),
                    description: text(&param["description"]).unwrap_or_default(),
                },
            );
        }
    }
    Ok(found.into_values().collect())
}

/// `x-envelope`.
fn envelope(node: &Value) -> Result<Envelope> {
    let at = |e: &str| format!("x-envelope: {e}");
    let one = |k: &str| name(&node[k]).ok_or_else(|| at(&format!("`{k}` is not a property name")));
    let values = |k: &str| strings(&node[k]).ok_or_else(|| at(&format!("`{k}` is not a list")));
    Ok(Envelope {
        status: one("status")?,
        data: one("data")?,
        success: values("success")?,
        pending: values("pending")?,
        error: values("error")?,
    })
}

/// The extension `key` of `node`, read by `read` (`None` when absent), or an error saying it
/// is `not`.
/// `x-answer-status`'s object form: the property, and the status object it holds.
fn status_object(o: &Map<String, Value>) -> Result<(String, StatusObject)> {
    let field = |key: &str| {
        o.get(key)
            .and_then(name)
            .ok_or_else(|| format!("x-answer-status: `{key}` is not a property name"))
    };
    let schema = o.get("schema").and_then(Value::as_str);
    let ok = o
        .get("ok")
        .and_then(Value::as_array)
        .and_then(|codes| codes.iter().map(Value::as_i64).collect::<Option<Vec<_>>>());
    Ok((
        field("property")?,
        StatusObject {
            schema: schema
                .ok_or("x-answer-status: `schema` is not a schema name")?
                .to_owned(),
            code: field("code")?,
            detail: field("detail")?,
            ok: ok
                .filter(|ok| !ok.is_empty())
                .ok_or("x-answer-status: `ok` is not a list of codes")?,
        },
    ))
}

fn ext<T>(
    node: &Value,
    key: &str,
    not: &str,
    read: impl Fn(&Value) -> Option<T>,
) -> Result<Option<T>> {
    node.get(key)
        .map(|v| read(v).ok_or_else(|| format!("{key}: {not}")))
        .transpose()
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// A plain snake_case name.
fn name(v: &Value) -> Option<String> {
    text(v).filter(|s| is_rust_field(s))
}

fn strings(v: &Value) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|n| n.as_str().map(str::to_owned))
        .collect()
}

/// A list of plain snake_case names.
pub fn names(v: &Value) -> Option<Vec<String>> {
    strings(v).filter(|l| l.iter().all(|n| is_rust_field(n)))
}

fn operation(
    doc: &Value,
    item: &Value,
    node: &Value,
    method: &str,
    path: &str,
) -> Result<Operation> {
    let op = node.as_object().ok_or("not a map")?;
    let unknown = op
        .keys()
        .find(|k| k.starts_with("x-") && !OPERATION_EXTENSIONS.contains(&k.as_str()));
    if let Some(unknown) = unknown {
        return Err(format!(
            "unknown extension {unknown} (the README's For maintainers lists them)"
        ));
    }
    let field = |k: &str| op.get(k).and_then(text);
    let segment = |p: &str| is_rust_field(p).then(|| p.to_owned());
    let path_of = |v: &Value| v.as_str()?.split('.').map(segment).collect();
    let change = |c: &Value| Some((text(c.get("version")?)?, text(c.get("change")?)?));
    let changes = |v: &Value| v.as_array()?.iter().map(change).collect();
    let not_path = "not a property path (`data.customer`)";
    let not_changes = "not a list of {version, change}";
    let flag = |key| ext(node, key, "not true or false", Value::as_bool);
    let list = |key, not| ext(node, key, not, strings).map(Option::unwrap_or_default);
    let idempotent = flag("x-idempotent")?;
    let exchange = flag("x-credential-exchange")?;
    Ok(Operation {
        id: field("operationId").ok_or("no operationId")?,
        method: method.to_owned(),
        path: path.to_owned(),
        summary: field("summary"),
        description: field("description"),
        params: params(doc, item, op)?,
        body: schema_name(op.get("requestBody").map(|b| resolve(doc, b)).transpose()?),
        method_name: ext(node, "x-method-name", "not a snake_case name", name)?,
        idempotent: idempotent.unwrap_or(SAFE_METHODS.contains(&method)),
        result: ext(node, "x-result", not_path, path_of)?.unwrap_or_default(),
        result_schema: ext(node, "x-result-schema", "not a schema name", text)?,
        credential_exchange: exchange.unwrap_or(false),
        cli_aliases: list("x-cli-aliases", "not a list of names")?,
        roles: list("x-roles", "not a list of role names")?,
        breaking_changes: ext(node, "x-breaking-changes", not_changes, changes)?,
        error_codes: ext(node, "x-error-codes", NOT_CODES, code_map)?.unwrap_or_default(),
        answers: answers(doc, node)?,
    })
}

/// The operation's documented answers (`responses`, each resolved once).
fn answers(doc: &Value, op: &Value) -> Result<Vec<Documented>> {
    let keys = |v: &Value| v.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>());
    let mut out = Vec::new();
    for (status, answer) in op["responses"].as_object().into_iter().flatten() {
        let answer = resolve(doc, answer)?;
        let mut headers = Vec::new();
        for (name, header) in answer["headers"].as_object().into_iter().flatten() {
            let name = name.to_ascii_lowercase();
            if name == "content-type" {
                continue;
            }
            let schema = resolve(doc, &resolve(doc, header)?["schema"])?;
            headers.push((name, strings(&schema["enum"]).unwrap_or_default()));
        }
        out.push(Documented {
            status: status.to_ascii_lowercase(),
            headers,
            content_types: keys(&answer["content"]).unwrap_or_default(),
        });
    }
    Ok(out)
}

const NOT_CODES: &str = "not a map of codes to meanings";

/// A map of codes to the vendor's words (`"7001": Customer location not confident.`).
fn code_map(v: &Value) -> Option<Vec<(String, String)>> {
    v.as_object()?
        .iter()
        .map(|(code, meaning)| Some((code.clone(), meaning.as_str()?.to_owned())))
        .collect()
}

/// `x-error-code-type`, with the meanings the operations' `x-error-codes` and the schemas'
/// `x-status-codes` give its codes.
fn error_code_type(doc: &Value, operations: &[Operation]) -> Result<Option<ErrorCodeType>> {
    let Some(node) = doc.get("x-error-code-type") else {
        return Ok(None);
    };
    let at = |e: &str| format!("x-error-code-type: {e}");
    let name = text(&node["name"]).ok_or_else(|| at("no `name`"))?;
    let description = text(&node["description"]).ok_or_else(|| at("no `description`"))?;
    let variants = code_map(&node["variants"]).ok_or_else(|| at("no map of `variants`"))?;
    let kinds = match node.get("kinds") {
        Some(kinds) => code_map(kinds).ok_or_else(|| at("`kinds` is not a map"))?,
        None => Vec::new(),
    };
    let mut meanings: Vec<(String, String)> = operations
        .iter()
        .flat_map(|op| op.error_codes.iter().cloned())
        .collect();
    let schemas = doc["components"]["schemas"].as_object();
    for schema in schemas.into_iter().flatten().map(|(_, s)| s) {
        meanings.extend(
            schema
                .get("x-status-codes")
                .and_then(code_map)
                .unwrap_or_default(),
        );
    }
    let mut codes = Vec::new();
    for (code, variant) in variants {
        let meaning = meanings.iter().find(|(c, _)| *c == code).map(|(_, m)| m);
        let meaning = meaning.ok_or_else(|| at(&format!("{code} has no documented meaning")))?;
        let kind = match kinds.iter().find(|(c, _)| *c == code) {
            None => None,
            Some((_, kind)) => Some(
                CODE_KINDS
                    .iter()
                    .find(|(k, _)| k == kind)
                    .map(|(_, rust)| (*rust).to_owned())
                    .ok_or_else(|| at(&format!("{code}: no such kind `{kind}`")))?,
            ),
        };
        codes.push(ErrorCode {
            code: code
                .parse()
                .map_err(|_| at(&format!("{code} is not a number")))?,
            variant,
            meaning: meaning.trim_end_matches('.').to_owned(),
            kind,
        });
    }
    codes.sort_by_key(|c| c.code);
    Ok(Some(ErrorCodeType {
        name,
        description,
        codes,
    }))
}

/// The path item's parameters, then the operation's, once per name and place.
fn params(doc: &Value, item: &Value, op: &Map<String, Value>) -> Result<Vec<Param>> {
    let shared = item.get("parameters").and_then(Value::as_array);
    let own = op.get("parameters").and_then(Value::as_array);
    let mut found: Vec<Param> = Vec::new();
    for p in shared.into_iter().chain(own).flatten() {
        let p = resolve(doc, p)?;
        let name = p["name"].as_str().ok_or("a parameter without a name")?;
        let place = match p["in"].as_str() {
            Some("path") => Place::Path,
            Some("query") => Place::Query,
            Some("header") => Place::Header,
            _ => continue,
        };
        if found.iter().any(|f| f.name == name && f.place == place) {
            continue;
        }
        let schema = resolve(doc, &p["schema"])?;
        found.push(Param {
            name: name.to_owned(),
            place,
            required: p["required"].as_bool().unwrap_or(false),
            description: text(&p["description"]).unwrap_or_default(),
            integer: schema["type"] == "integer",
            rules: string_rules(schema, &format!("parameter {name}"))?,
        });
    }
    Ok(found)
}

/// The component schema a request body or answer sends as JSON.
fn schema_name(node: Option<&Value>) -> Option<String> {
    let schema = node?
        .pointer("/content/application~1json/schema/$ref")?
        .as_str()?;
    Some(schema.strip_prefix("#/components/schemas/")?.to_owned())
}

/// `x-status-codes` (a schema's documented codes) and `x-known-values` (the values a schema
/// open to others is documented with), as doc lines.
fn schema_notes(doc: &Value) -> Result<Vec<(String, Vec<String>)>> {
    let mut found = Vec::new();
    let schemas = doc["components"]["schemas"].as_object();
    for (name, schema) in schemas.into_iter().flatten() {
        let at = |e: String| format!("schema {name}: {e}");
        let mut lines = Vec::new();
        let codes = ext(schema, "x-status-codes", NOT_CODES, code_map).map_err(at)?;
        if let Some(codes) = codes {
            lines.extend(["Documented codes:".to_owned(), String::new()]);
            lines.extend(codes.iter().map(|(k, v)| format!("- `{k}`: {v}")));
        }
        let known = ext(schema, "x-known-values", "not a list of values", strings).map_err(at)?;
        if let Some(known) = known {
            let known: Vec<String> = known.iter().map(|v| format!("`{v}`")).collect();
            lines.push(format!(
                "Documented values: {}; any other is kept as sent.",
                known.join(", ")
            ));
        }
        if !lines.is_empty() {
            found.push((name.clone(), lines));
        }
    }
    Ok(found)
}
