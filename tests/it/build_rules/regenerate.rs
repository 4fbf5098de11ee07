//! A spec edit reaches the generated client: build.rs's routine (build/codegen/) run on an
//! edited copy of a spec, and the maintainer workflow the README promises end to end: edit a
//! spec in a copy of the crate, `cargo build --offline`, use the new field from code compiled
//! against the built client (about 10 s with the suite's dependencies built). And a broken
//! spec is refused with the reason.

use super::codegen;

fn cro_spec() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/specs/cro.yaml")).unwrap()
}

/// The CRO spec with an optional `mobile` field added to the contact model, as a maintainer
/// would add it.
fn cro_spec_with_mobile(original: &str) -> String {
    let anchor = "        number:\n          description: Phone number";
    assert!(original.contains(anchor));
    let field = "        mobile:\n          description: Mobile number (added by a maintainer).\n          type: string\n          nullable: true\n          maxLength: 20\n";
    original.replacen(anchor, &format!("{field}{anchor}"), 1)
}

#[test]
fn an_added_optional_field_appears_in_the_generated_model_with_its_rule() {
    let original = cro_spec();
    let edited = cro_spec_with_mobile(&original);
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

/// The copy of the crate builds the CRO client, so this needs the `cro` feature.
#[cfg(feature = "cro")]
mod scratch_copy {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use super::cro_spec_with_mobile;

    fn copy_tree(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_tree(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// Uses the new field: compiles only if the built client has it, as `Option<String>`.
    const USES_MOBILE: &str = r#"
    use customer_apis::cro::types::CustomerContactModel;

    fn mobile(contact: &CustomerContactModel) -> Option<&str> {
        contact.mobile.as_deref()
    }

    fn main() {
        let _ = mobile;
    }
    "#;

    #[test]
    fn a_spec_edit_in_a_copy_of_the_crate_reaches_the_client_cargo_build_builds() {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let scratch = tmp.join("regenerate-scratch");
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).unwrap();
        for file in ["Cargo.lock", "build.rs"] {
            std::fs::copy(source.join(file), scratch.join(file)).unwrap();
        }
        for dir in ["build", "specs", "src"] {
            copy_tree(&source.join(dir), &scratch.join(dir));
        }
        // The manifest without the targets whose files are not copied, plus the one example, in a
        // workspace of its own.
        let manifest = std::fs::read_to_string(source.join("Cargo.toml")).unwrap();
        let mut kept = Vec::new();
        let mut skipping = false;
        for line in manifest.lines() {
            if line.starts_with('[') {
                skipping = line == "[[example]]" || line == "[[bench]]";
            }
            if !skipping {
                kept.push(line);
            }
        }
        // Another package name: the same name and version would share the suite's own build-script
        // output (cargo hashes a path package relative to its workspace), and overwrite it.
        let manifest = format!(
            "{}\n[[example]]\nname = \"uses_mobile\"\n\n[workspace]\n",
            kept.join("\n")
        )
        .replacen(
            "name = \"customer-apis\"",
            "name = \"customer-apis-regenerate\"",
            1,
        );
        std::fs::write(scratch.join("Cargo.toml"), manifest).unwrap();
        std::fs::create_dir_all(scratch.join("examples")).unwrap();
        std::fs::write(scratch.join("examples/uses_mobile.rs"), USES_MOBILE).unwrap();
        let spec = scratch.join("specs/cro.yaml");
        let original = std::fs::read_to_string(&spec).unwrap();
        std::fs::write(&spec, cro_spec_with_mobile(&original)).unwrap();

        // The suite's own target directory, profile and features: every dependency is reused
        // (examples and tests build them alike) and only the copy compiles.
        let target: PathBuf = tmp.parent().unwrap().to_owned();
        let features: Vec<&str> = [
            ("cro", cfg!(feature = "cro")),
            ("pdm", cfg!(feature = "pdm")),
            ("foxtrot", cfg!(feature = "foxtrot")),
            ("rustls", cfg!(feature = "rustls")),
            ("native-tls", cfg!(feature = "native-tls")),
            ("sandbox", cfg!(feature = "sandbox")),
            ("cli", cfg!(feature = "cli")),
        ]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
        .collect();
        let mut args = vec![
            "build".to_owned(),
            "--offline".to_owned(),
            "--no-default-features".to_owned(),
            format!("--features={}", features.join(",")),
            "--example=uses_mobile".to_owned(),
            "--message-format=json".to_owned(),
        ];
        if !cfg!(debug_assertions) {
            args.push("--release".to_owned());
        }
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let started = std::time::Instant::now();
        let out = Command::new(cargo)
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", &target)
            .args(&args)
            .output()
            .unwrap();
        eprintln!("cargo build of the copy took {:?}", started.elapsed());
        assert!(
            out.status.success(),
            "cargo build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The copy's build script ran, and its generated client has the field.
        let manifest_path = scratch.join("Cargo.toml");
        let out_dir = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .find(|m| {
                m["reason"] == "build-script-executed"
                    && m["package_id"]
                        .as_str()
                        .is_some_and(|id| id.contains("customer-apis-regenerate"))
            })
            .and_then(|m| m["out_dir"].as_str().map(PathBuf::from))
            .unwrap_or_else(|| panic!("no build script output for {}", manifest_path.display()));
        let generated = std::fs::read_to_string(out_dir.join("cro.rs")).unwrap();
        assert!(generated.contains("pub mobile: ::std::option::Option<::std::string::String>"));
        // The suite's own client, built from the committed spec, has no such field.
        let committed = include_str!(concat!(env!("OUT_DIR"), "/cro.rs"));
        assert!(!committed.contains("pub mobile:"));
    }
}
