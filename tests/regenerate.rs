//! A spec edit reaches the generated client: build.rs's routine (build/codegen.rs) run on an
//! edited copy of a spec, as `cargo build` does after `cargo:rerun-if-changed` fires. And a
//! broken spec is refused with the reason.

#[allow(dead_code)]
#[path = "../build/codegen.rs"]
mod codegen;

fn cro_spec() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/specs/cro.yaml")).unwrap()
}

#[test]
fn an_added_optional_field_appears_in_the_generated_model_with_its_rule() {
    let original = cro_spec();
    let anchor = "        number:\n          description: Phone number";
    assert!(original.contains(anchor));
    let field = "        mobile:\n          description: Mobile number (added by a maintainer).\n          type: string\n          nullable: true\n          maxLength: 20\n";
    let edited = original.replacen(anchor, &format!("{field}{anchor}"), 1);
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
        after.contains("check(&self.mobile, &path.field(\"mobile\"), &[crate::validation::Rule::MaxLength(20)]"),
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
    for vendor in ["cro", "pdm", "foxtrot"] {
        let path = format!("{}/specs/{vendor}.yaml", env!("CARGO_MANIFEST_DIR"));
        let (code, _) = codegen::generate(&std::fs::read_to_string(path).unwrap()).unwrap();
        for leftover in ["header_map", "HeaderMap::with_capacity", "from_response"] {
            assert!(
                !code.contains(leftover),
                "{vendor}: generated code has {leftover}"
            );
        }
        assert!(
            code.contains("crate::transport::response_value(response)"),
            "{vendor}"
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let spec = cro_spec();
    assert_eq!(
        codegen::generate(&spec).unwrap(),
        codegen::generate(&spec).unwrap()
    );
}

#[test]
fn a_broken_spec_is_refused_with_the_reason() {
    let spec = cro_spec();
    let cases = [
        (
            spec.replacen("openapi: 3.0.3", "openapi: [", 1),
            "not valid YAML",
        ),
        (
            spec.replacen(
                "$ref: \"#/components/schemas/CustomerModel\"",
                "$ref: \"#/components/schemas/Nope\"",
                1,
            ),
            "Nope",
        ),
        (
            spec.replacen("pattern: \"^[Bb]", "pattern: \"^([Bb]", 1),
            "does not compile",
        ),
        (
            spec.replacen(
                "        fax:\n",
                "        fax:\n          type: object\n        fax_old:\n",
                1,
            ),
            "inline object",
        ),
        (
            spec.replacen(
                "x-renamed-from: customer_id",
                "x-renamed-from: no_such_field",
                1,
            ),
            "not a property",
        ),
    ];
    for (broken, reason) in cases {
        let Err(err) = codegen::generate(&broken) else {
            panic!("a spec with {reason:?} was accepted")
        };
        assert!(err.contains(reason), "expected {reason:?} in {err:?}");
    }
}
