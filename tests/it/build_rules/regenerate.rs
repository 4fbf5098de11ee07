//! A spec edit reaches the generated client: build.rs's routine (build/codegen/) run on an
//! edited copy of a spec, and the maintainer workflow the README promises end to end: edit a
//! spec in a copy of the crate, `cargo build --offline`, use the new field from code compiled
//! against the built client (about 10 s with the suite's dependencies built). And a broken
//! spec is refused with the reason.

use serde_json::{json, Value};

use super::codegen;
use crate::support::{self, node};

/// An optional `mobile` field added to the CRO spec's contact model, as a maintainer would add it.
fn add_mobile(spec: &mut Value) {
    let properties = node(spec, "/components/schemas/CustomerContactModel/properties");
    assert!(properties["number"]["description"]
        .as_str()
        .is_some_and(|d| d.starts_with("Phone number")));
    properties["mobile"] = json!({
        "description": "Mobile number (added by a maintainer).",
        "type": "string",
        "nullable": true,
        "maxLength": 20,
    });
}

#[test]
fn an_added_optional_field_appears_in_the_generated_model_with_its_rule() {
    let original = support::spec_text("cro");
    let edited = support::spec_with("cro", add_mobile);
    let (before, _) = codegen::generate(&original).expect("the committed spec generates");
    let (after, spec_json) = codegen::generate(&edited).expect("the edited spec generates");
    assert!(!before.contains("pub mobile:"));
    assert!(
        after.contains("pub mobile: ::std::option::Option<::std::string::String>"),
        "field generated"
    );
    assert!(
        after.contains("Mobile number (added by a maintainer)."),
        "description becomes its doc"
    );
    assert!(
        // Whitespace aside: the formatter may break the call over several lines.
        after.split_whitespace().collect::<String>().contains(
            "check(&self.mobile,&path.field(\"mobile\"),&[crate::validation::Rule::MaxLength(20)]"
        ),
        "its documented limit becomes a Validate rule"
    );
    assert!(
        spec_json.contains("\"mobile\""),
        "the sandbox's seed follows the spec"
    );
}

#[test]
fn generated_calls_carry_no_generator_headers_and_copy_no_response_headers() {
    // progenitor sends `api-version: <info.version>` from a per-call header map and copies
    // every response's headers; the build script takes both out (the layer owns the version
    // header and records what it needs). If a progenitor upgrade changes their shape, this fails.
    for vendor in support::vendors() {
        let path = format!("{}/specs/{vendor}.yaml", env!("CARGO_MANIFEST_DIR"));
        let (code, _) = codegen::generate(&std::fs::read_to_string(path).unwrap()).unwrap();
        for leftover in ["header_map", "HeaderMap::with_capacity", "from_response"] {
            assert!(
                !code.contains(leftover),
                "{vendor}: generated code has {leftover}"
            );
        }
        assert!(
            code.contains("crate::contract::response_value(response, cx)"),
            "{vendor}"
        );
    }
}

#[test]
fn an_api_version_added_to_the_spec_is_one_more_variant_of_the_generated_enum() {
    let original = support::spec_text("cro");
    let edited = support::spec_with("cro", |spec| {
        let versions = node(spec, "/components/schemas/ApiVersion/enum");
        let versions = versions.as_array_mut().expect("a list");
        assert_eq!(
            versions[versions.len() - 2..],
            [json!("2021/11/04"), json!("2023/04/19")]
        );
        versions.push(json!("2025/01/01"));
    });
    let flat = |spec: &str| -> String {
        let (code, _) = codegen::generate(spec).unwrap();
        code.split_whitespace().collect()
    };
    let (before, after) = (flat(&original), flat(&edited));
    assert!(before.contains("pubconstALL:[ApiVersion;6]"));
    assert!(after.contains("pubconstALL:[ApiVersion;7]"));
    assert!(after.contains("ApiVersion::V2025_01_01=>\"2025/01/01\","));
    assert!(after.contains(
        "mustbeoneof2019/02/08,2021/04/07,2021/05/07,2021/08/02,2021/11/04,2023/04/19,2025/01/01"
    ));
    // The default stays the spec's `default`.
    assert!(after.contains("#[default]V2023_04_19"));
}

/// An inline object (a property's, an array's items, an answer's) is taken as people write
/// them: a type named after where it sits, with its documented rules.
#[test]
fn an_inline_object_becomes_a_type_named_after_where_it_sits_with_its_rules() {
    let edited = support::spec_with("cro", |spec| {
        node(spec, "/components/schemas/CustomerContactModel/properties")["fax"] = json!({
            "type": "object",
            "nullable": true,
            "properties": {
                "number": {"type": "string", "maxLength": 20},
                "lines": {"type": "array", "items": {
                    "type": "object",
                    "properties": {"label": {"type": "string", "minLength": 1}},
                }},
            },
        });
        // progenitor takes one error type per operation: the inline body is the success's.
        let answer =
            "/paths/~1customers~1{customer_id}/get/responses/200/content/application~1json";
        node(spec, answer)["schema"] = json!({
            "type": "object",
            "properties": {"error": {
                "type": "object",
                "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
            }},
        });
    });
    let (code, _) = codegen::generate(&edited).expect("inline objects are taken");
    let flat: String = code.split_whitespace().collect();
    for expected in [
        "pubstructCustomerContactModelFax{",
        "pubfax:::std::option::Option<CustomerContactModelFax>",
        "pubstructCustomerContactModelFaxLinesItem{",
        "pubstructGetCustomer200Answer{",
        "pubstructGetCustomer200AnswerError{",
        "check(&self.number,&path.field(\"number\"),&[crate::validation::Rule::MaxLength(20)]",
        "check(&self.label,&path.field(\"label\"),&[crate::validation::Rule::MinLength(1)]",
    ] {
        assert!(flat.contains(expected), "{expected}");
    }
}

/// Error bodies as people write them: the same inline body under two statuses is one type;
/// different ones under one operation (which progenitor cannot type) leave the bodies to the
/// layer, which reads them itself.
#[test]
fn inline_error_bodies_are_one_type_when_the_same_and_none_when_they_differ() {
    let spec: Value = serde_yaml::from_str(include_str!("fourth_vendor/acme.yaml")).unwrap();
    let inline = |field: &str| {
        json!({
            "description": "An error.",
            "content": {"application/json": {"schema": {
                "type": "object",
                "properties": {field: {"type": "string"}},
            }}},
        })
    };
    let mut same = spec.clone();
    let answers = node(&mut same, "/paths/~1depots/get/responses");
    answers["401"] = inline("reason");
    answers["403"] = inline("reason");
    let (code, _) = codegen::generate(&support::yaml(&same)).expect("one body, twice");
    assert!(code.contains("pub struct ListDepots401Answer"));
    assert!(
        !code.contains("ListDepots403Answer"),
        "the same body is one type"
    );
    assert!(code.contains("Error<types::ListDepots401Answer>"));

    let mut different = spec;
    let answers = node(&mut different, "/paths/~1depots/get/responses");
    answers["401"] = inline("reason");
    answers["403"] = inline("cause");
    let (code, _) = codegen::generate(&support::yaml(&different)).expect("two bodies");
    let flat: String = code.split_whitespace().collect();
    assert!(flat.contains("pubasyncfnlist_depots<'a>(&'aself,cx:&crate::contract::CallState,limit:Option<i64>,)->Result<ResponseValue<::std::vec::Vec<types::Depot>>,Error<()>>"), "no error type");
}

/// The credential's scheme as people name it: in the document's `security`, in each
/// operation's, or only in `components.securitySchemes`.
#[test]
fn the_credentials_scheme_is_found_wherever_the_spec_names_it() {
    let spec: Value = serde_yaml::from_str(include_str!("fourth_vendor/acme.yaml")).unwrap();
    let bearer = "credential:crate::spec_policy::Credential::Bearer,setter:\"bearer_token\"";
    let mut per_operation = spec.clone();
    let security = per_operation
        .as_object_mut()
        .unwrap()
        .remove("security")
        .unwrap();
    for path in ["/paths/~1depots/get", "/paths/~1depots~1{depot_id}/get"] {
        node(&mut per_operation, path)["security"] = security.clone();
    }
    let mut only_declared = spec;
    only_declared.as_object_mut().unwrap().remove("security");
    for (how, spec) in [
        ("per operation", per_operation),
        ("only declared", only_declared),
    ] {
        let (code, _) =
            codegen::generate(&support::yaml(&spec)).unwrap_or_else(|e| panic!("{how}: {e}"));
        let flat: String = code.split_whitespace().collect();
        assert!(flat.contains(bearer), "{how}");
    }
}

#[test]
fn generation_is_deterministic() {
    let spec = support::spec_text("cro");
    assert_eq!(
        codegen::generate(&spec).unwrap(),
        codegen::generate(&spec).unwrap()
    );
}

#[test]
fn a_broken_spec_is_refused_with_the_reason() {
    let spec = support::spec_text("cro");
    const CUSTOMER: &str =
        "/paths/~1customers~1{customer_id}/get/responses/200/content/application~1json/schema/$ref";
    const TOKEN_PATTERN: &str = "/components/parameters/Authorization/schema/pattern";
    const CONTACT: &str = "/components/schemas/CustomerContactModel/properties";
    const RENAMED: &str = "/components/schemas/DispatchCustomerLocationModel/properties/id";
    /// `pattern` with `prefix` put in front of its leading `^[Bb]`.
    fn token_pattern(prefix: &'static str) -> impl FnOnce(&mut Value) {
        move |spec| {
            let pattern = node(spec, TOKEN_PATTERN);
            let rest = pattern
                .as_str()
                .unwrap()
                .strip_prefix("^[Bb]")
                .unwrap()
                .to_owned();
            *pattern = json!(format!("^{prefix}[Bb]{rest}"));
        }
    }
    let cases = [
        (
            spec.replacen("openapi: 3.0.3", "openapi: [", 1),
            "not valid YAML",
        ),
        (
            support::spec_with("cro", |spec| {
                let target = node(spec, CUSTOMER);
                assert_eq!(*target, "#/components/schemas/CustomerModel");
                *target = json!("#/components/schemas/Nope");
            }),
            "Nope",
        ),
        (
            support::spec_with("cro", token_pattern("(")),
            "does not compile",
        ),
        (
            // Valid ECMAScript that the SDK's matcher cannot run: refused, not checked otherwise.
            support::spec_with("cro", token_pattern("(?=B)")),
            "cannot be run by the SDK: `(?=` (lookaround or a named group) is not supported",
        ),
        (
            // Messages say what a valid value looks like: a pattern must say it in words.
            support::spec_with("cro", |spec| {
                let email = node(spec, &format!("{CONTACT}/email"));
                let said = email["x-pattern-description"].take();
                assert!(said.as_str().unwrap().starts_with("one or more email"));
                let email = email.as_object_mut().unwrap();
                email.remove("x-pattern-description");
                email.insert("x-note".into(), said);
            }),
            "needs an x-pattern-description",
        ),
        (
            // An inline object is named after where it sits: not after a schema that exists.
            support::spec_with("cro", |spec| {
                let fax = json!({"type": "object", "properties": {"number": {"type": "string"}}});
                node(spec, CONTACT)["fax"] = fax.clone();
                node(spec, "/components/schemas")["CustomerContactModelFax"] = fax;
            }),
            "an inline object would be named CustomerContactModelFax, which is a schema already",
        ),
        (
            support::spec_with("cro", |spec| {
                let renamed = node(spec, &format!("{RENAMED}/x-renamed-from"));
                assert_eq!(*renamed, "customer_id");
                *renamed = json!("no_such_field");
            }),
            "not a property",
        ),
        (
            // PDM's status object: which codes mean success is the spec's to say.
            support::spec_with("pdm", |spec| {
                let ok = node(spec, "/x-answer-status/ok");
                assert_eq!(*ok, json!([101]));
                *ok = json!([]);
            }),
            "x-answer-status: `ok` is not a list of codes",
        ),
        (
            support::spec_with("pdm", |spec| {
                node(spec, "/x-answer-status")["code"] = json!("no such field");
            }),
            "x-answer-status: `code` is not a property name",
        ),
        (
            support::spec_with("pdm", |spec| {
                *node(spec, "/x-answer-status") = json!("status");
            }),
            "x-answer-status: not {property, schema, code, detail, ok}",
        ),
    ];
    for (broken, reason) in cases {
        let Err(err) = codegen::generate(&broken) else {
            panic!("a spec with {reason:?} was accepted")
        };
        assert!(err.contains(reason), "expected {reason:?} in {err:?}");
    }
}

/// The copy of the crate builds the CRO client, so this needs the `cro` feature.
#[cfg(feature = "cro")]
mod scratch_copy {
    use std::path::Path;
    use std::process::Command;

    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use serde_json::{json, Value};

    use super::add_mobile;
    #[cfg(feature = "cli")]
    use crate::build_rules::scratch::SandboxProcess;
    use crate::build_rules::scratch::{self, Copy};
    use crate::support::{self, node};

    /// Uses the new field (compiles only if the built client has it, as `Option<String>`) and
    /// calls the new operation against the server whose URL is its argument.
    const USES_EDITS: &str = r#"
    use customer_apis::cro::types::CustomerContactModel;
    use customer_apis::cro::Client;

    fn mobile(contact: &CustomerContactModel) -> Option<&str> {
        contact.mobile.as_deref()
    }

    #[tokio::main(flavor = "current_thread")]
    async fn main() {
        let _ = mobile;
        let base = std::env::args().nth(1).expect("the server's URL");
        let client = Client::builder()
            .base_url(base)
            .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
            .tenant_id(42)
            .build()
            .unwrap();
        let location = client.get_customer_location(1, 20).await.expect("the new operation answers");
        println!("location {} of customer {}, active {}", location.location_id, location.id, location.is_active);
    }
    "#;

    /// `GET /customers/{customer_id}/locations/{customer_location_id}`, as a maintainer adds it
    /// beside Deactivate Customer (same path), with an example.
    fn add_get_customer_location(spec: &mut Value, example: &Value) {
        let item = node(
            spec,
            "/paths/~1customers~1{customer_id}~1locations~1{customer_location_id}",
        );
        assert!(item.get("delete").is_some() && item.get("get").is_none());
        let parameters = [
            "CustomerId",
            "CustomerLocationId",
            "Authorization",
            "ApiVersion",
            "TenantId",
        ]
        .map(|name| json!({"$ref": format!("#/components/parameters/{name}")}));
        item["get"] = json!({
            "operationId": "getCustomerLocation",
            "summary": "Get Customer Location",
            "description": "Get a customer location by id (added by a maintainer).",
            "tags": ["customers"],
            "parameters": parameters,
            "responses": {"200": {
                "description": "The customer location.",
                "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/DispatchCustomerLocationModel"},
                    "example": example,
                }},
            }},
        });
    }

    /// The deactivate example of the committed spec, as an active location 20 of customer 1.
    fn location_example() -> Value {
        let mut example = support::example(
            "cro",
            "/customers/{customer_id}/locations/{customer_location_id}",
            "delete",
        );
        example["is_active"] = true.into();
        example["location_id"] = 20.into();
        example
    }

    /// A copy of the crate whose spec gains a field and an operation builds with `cargo build`
    /// alone (no `.rs` file of the crate touched): the new method sends the request with token,
    /// tenant and version pin; with the CLI, the copy's `customer-apis sandbox` answers it and
    /// `customer-apis cro get-customer-location 1 20` prints it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_field_and_an_operation_added_to_a_copy_of_the_spec_reach_the_client_cli_and_sandbox()
    {
        let mut copy = Copy::new("regenerate");
        copy.example("uses_edits", USES_EDITS);
        let spec = copy.dir.join("specs/cro.yaml");
        let mut edited: Value =
            serde_yaml::from_str(&std::fs::read_to_string(&spec).unwrap()).unwrap();
        let example = location_example();
        add_mobile(&mut edited);
        add_get_customer_location(&mut edited, &example);
        std::fs::write(&spec, support::yaml(&edited)).unwrap();
        // Only the spec differs from the crate's sources.
        let source = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["src", "build", "specs"] {
            let changed = scratch::changed_files(&source.join(dir), &copy.dir.join(dir));
            let expected: &[&str] = if dir == "specs" { &["cro.yaml"] } else { &[] };
            assert_eq!(
                changed,
                expected
                    .iter()
                    .map(Into::into)
                    .collect::<Vec<std::path::PathBuf>>(),
                "{dir}"
            );
        }
        let built = copy.build(&[]).await;

        // The copy's build script ran, and its generated client has the field.
        let generated = std::fs::read_to_string(built.out_dir().join("cro.rs")).unwrap();
        assert!(generated.contains("pub mobile: ::std::option::Option<::std::string::String>"));
        // The suite's own client, built from the committed spec, has no such field.
        let committed = include_str!(concat!(env!("OUT_DIR"), "/cro.rs"));
        assert!(!committed.contains("pub mobile:"));
        assert!(generated.contains("pub async fn get_customer_location("));
        assert!(!committed.contains("get_customer_location"));

        // The new method against a server that answers only with the client's credentials,
        // tenant and pinned version on the wire.
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/customers/1/locations/20"))
            .and(header(
                "authorization",
                "Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
            ))
            .and(header("x-tenant-id", "42"))
            .and(header("x-api-version", "2023/04/19"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("x-api-version", "2023/04/19")
                    .set_body_json(&example),
            )
            .expect(1)
            .mount(&server)
            .await;
        let mut command = Command::new(built.executable("uses_edits"));
        command.arg(server.uri());
        let run = scratch::run(command).await;
        assert!(
            run.status.success(),
            "the new method failed:\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&run.stdout).trim(),
            "location 20 of customer 1, active true"
        );
        server.verify().await;

        // The CLI and sandbox halves: the copy's `customer-apis sandbox` answers the new
        // operation from its example, and `customer-apis cro get-customer-location 1 20` calls it.
        #[cfg(feature = "cli")]
        {
            let cli = built.cli();
            let sandbox = SandboxProcess::start(&cli);
            let mut command = Command::new(&cli);
            command
                .args(["cro", "get-customer-location", "1", "20"])
                .env("CRO_BASE_URL", &sandbox.base_url)
                .env("CRO_TOKEN", customer_apis::sandbox::CRO_SAMPLE_TOKEN)
                .env("CRO_TENANT_ID", "1");
            let run = scratch::run(command).await;
            drop(sandbox);
            assert!(
                run.status.success(),
                "customer-apis cro get-customer-location failed:\n{}",
                String::from_utf8_lossy(&run.stderr)
            );
            let location: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
            assert_eq!(location["location_id"], 20, "{location}");
            assert_eq!(location["is_active"], true, "{location}");
            assert_eq!(location["id"], 1, "{location}");
        }
    }
}

/// The models no client method takes or returns, even through a field, are hidden from the
/// docs (an app never meets them); every other model is shown. Exact per spec, so that a
/// model that becomes reachable (or stops being) is a reviewed change.
#[test]
fn the_models_an_app_never_meets_are_hidden_from_the_docs() {
    let expected: [(&str, &[&str]); 3] = [
        ("cro", &["ErrorModel"]),
        (
            "pdm",
            &[
                "GetCustomerRequest",
                "GetCustomerResponse",
                "GetSessionTokenRequest",
            ],
        ),
        (
            "foxtrot",
            &[
                "ConfidentLocationEnvelope",
                "CustomerData",
                "CustomerEnvelope",
                "CustomerId",
                "DcId",
                "ErrorData",
                "ErrorEnvelope",
                "WaypointListEnvelope",
            ],
        ),
    ];
    for (vendor, hidden) in expected {
        let path = format!("{}/specs/{vendor}.yaml", env!("CARGO_MANIFEST_DIR"));
        let (code, _) = codegen::generate(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut found = Vec::new();
        let mut lines = code.lines().map(str::trim);
        while let Some(line) = lines.next() {
            if line == "#[doc(hidden)]" {
                // The item the attribute is on: the next line that declares one.
                if let Some(name) = lines
                    .by_ref()
                    .find(|l| !l.starts_with("#["))
                    .and_then(|l| l.strip_prefix("pub struct "))
                {
                    found.push(
                        name.split(|c: char| !c.is_alphanumeric() && c != '_')
                            .next()
                            .unwrap_or_default()
                            .to_owned(),
                    );
                }
            }
        }
        found.sort();
        assert_eq!(found, hidden, "{vendor}");
    }
}
