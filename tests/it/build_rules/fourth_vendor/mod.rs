//! A fourth vendor is a spec and a feature line: a copy of the crate gains
//! `specs/acme-freight.yaml` (`acme.yaml` beside this file: bearer auth, two GETs, a 404 with
//! an inline error body) and `acme-freight = []` in `[features]`, nothing else, and `cargo
//! build` alone gives `acme_freight::Client` (whose builder's setter is named from the scheme,
//! the vendor named `Acme Freight` after its key), its CLI subcommand and the sandbox's answers
//! with the credential check.

use std::path::{Path, PathBuf};
use std::process::Command;

use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[cfg(feature = "cli")]
use crate::build_rules::scratch::SandboxProcess;
use crate::build_rules::scratch::{self, Copy};

const SPEC: &str = include_str!("acme.yaml");

/// Calls both operations and a missing depot on the server whose URL is its argument, and
/// builds a client without the credential.
const USES_ACME: &str = r#"
use customer_apis::acme_freight::Client;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::args().nth(1).expect("the server's URL");
    let missing = Client::builder().base_url(&base).build().unwrap_err();
    println!("without a token: {missing}");
    let client = Client::builder()
        .base_url(base)
        .bearer_token("acme-token-5")
        .build()
        .unwrap();
    let depot = client.get_depot(12).await.expect("get_depot answers");
    println!("depot {} {}", depot.id, depot.name);
    let list = client.list_depots(Some(2)).await.expect("list_depots answers");
    println!("{} depots", list.len());
    let closed = client.close_depot(12).await.expect("close_depot answers 204");
    println!("closed: {}", closed.meta().status.map_or(0, |s| s.as_u16()));
    let error = client.get_depot(99).await.unwrap_err();
    println!("99: not found {}, status {:?}", error.is_not_found(), error.status().map(|s| s.as_u16()));
}
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spec_and_a_feature_line_make_a_vendor_of_the_client_cli_and_sandbox() {
    let mut copy = Copy::new("fourth-vendor");
    copy.example("uses_acme", USES_ACME);
    std::fs::write(copy.dir.join("specs/acme-freight.yaml"), SPEC).unwrap();
    copy.edit_manifest(|m| m.replacen("[features]\n", "[features]\nacme-freight = []\n", 1));

    // What the maintainer added, and nothing else: one spec, one manifest line.
    let source = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (dir, added) in [
        ("src", vec![]),
        ("build", vec![]),
        ("specs", vec!["acme-freight.yaml"]),
    ] {
        let added: Vec<PathBuf> = added.into_iter().map(PathBuf::from).collect();
        assert_eq!(
            scratch::changed_files(&source.join(dir), &copy.dir.join(dir)),
            added,
            "{dir}"
        );
    }
    let manifest = std::fs::read_to_string(copy.dir.join("Cargo.toml")).unwrap();
    let features = manifest.split("[features]\n").nth(1).unwrap();
    assert!(
        features.starts_with("acme-freight = []\n"),
        "the feature line"
    );

    let built = copy.build(&["acme-freight"]).await;
    assert!(built.out_dir().join("acme-freight.rs").exists());

    // The client: the token on the wire, both answers decoded, a 404 that is not found.
    let server = MockServer::start().await;
    let depot = serde_json::json!({"id": 12, "name": "North"});
    Mock::given(method("GET"))
        .and(path("/depots/12"))
        .and(header("authorization", "Bearer acme-token-5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&depot))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/depots"))
        .and(query_param("limit", "2"))
        .and(header("authorization", "Bearer acme-token-5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([depot, depot])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/depots/12"))
        .and(header("authorization", "Bearer acme-token-5"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/depots/99"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            serde_json::json!({"error": {"code": "not_found", "message": "No such depot."}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let mut command = Command::new(built.executable("uses_acme"));
    command.arg(server.uri());
    let run = scratch::run(command).await;
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&run.stdout)
            .lines()
            .collect::<Vec<_>>(),
        [
            "without a token: invalid bearer_token: is required (or a token_provider, or a refreshing_token) (nothing was sent)",
            "depot 12 North",
            "2 depots",
            "closed: 204",
            "99: not found true, status Some(404)",
        ]
    );
    server.verify().await;

    #[cfg(feature = "cli")]
    cli_and_sandbox(&built, &depot).await;

    // The same vendor with an API key in the query: the builder's setter is `api_key`, the key
    // goes on every request's query, and what a server echoes of it is masked.
    // And a required request header, which becomes a builder setting (`.tenant(..)`).
    let spec = SPEC
        .replace(
            "    bearer:\n      type: http\n      scheme: bearer\n",
            "    bearer:\n      type: apiKey\n      in: query\n      name: api_key\n",
        )
        .replacen(
            "        - $ref: \"#/components/parameters/DepotId\"\n      responses:\n        \"200\":",
            "        - $ref: \"#/components/parameters/DepotId\"\n        - name: X-Tenant\n          in: header\n          required: true\n          description: The tenant.\n          schema:\n            type: integer\n      responses:\n        \"200\":",
            1,
        );
    assert_eq!(spec.matches("api_key").count(), 1);
    assert_eq!(spec.matches("X-Tenant").count(), 1);
    std::fs::write(copy.dir.join("specs/acme-freight.yaml"), spec).unwrap();
    std::fs::write(copy.dir.join("examples/uses_acme.rs"), USES_ACME_QUERY).unwrap();
    let built = copy.build(&["acme-freight"]).await;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/depots/12"))
        .and(query_param("api_key", "acme/key+7"))
        .and(header("x-tenant", "7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&depot))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/depots/99"))
        .respond_with(ResponseTemplate::new(500).set_body_string("bad key: acme%2Fkey%2B7"))
        .mount(&server)
        .await;
    let mut command = Command::new(built.executable("uses_acme"));
    command.arg(server.uri());
    let run = scratch::run(command).await;
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let printed = String::from_utf8_lossy(&run.stdout);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "without the tenant: invalid tenant: is required (nothing was sent)",
            "a tenant that is no integer: invalid tenant: must be an integer (nothing was sent)",
            "depot 12 North",
        ],
        "{printed}"
    );
    let error = lines.get(3).copied().unwrap_or_default();
    assert!(
        error.contains("[REDACTED]")
            && !error.contains("acme%2Fkey")
            && !error.contains("acme/key"),
        "{error}"
    );
    server.verify().await;
}

/// The query-key variant: the tenant setting's checks, one depot (tenant `+7` sent as `7`),
/// then a server error that echoes the key.
const USES_ACME_QUERY: &str = r#"
use customer_apis::acme_freight::Client;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::args().nth(1).expect("the server's URL");
    let builder = || Client::builder().base_url(&base).api_key("acme/key+7");
    println!("without the tenant: {}", builder().build().unwrap_err());
    println!("a tenant that is no integer: {}", builder().tenant("north").build().unwrap_err());
    let client = builder()
        .tenant("+7")
        .retry_policy(customer_apis::RetryPolicy::disabled())
        .build()
        .unwrap();
    let depot = client.get_depot(12).await.expect("get_depot answers");
    println!("depot {} {}", depot.id, depot.name);
    println!("{}", client.get_depot(99).await.unwrap_err());
}
"#;

/// The CLI against the copy's sandbox, which checks the scheme's credential and knows the
/// spec's example ids.
#[cfg(feature = "cli")]
async fn cli_and_sandbox(built: &scratch::Built, depot: &serde_json::Value) {
    {
        let cli = built.cli();
        let sandbox = SandboxProcess::start(&cli);
        let acme = |args: &[&str], token: Option<&str>| {
            let mut command = Command::new(&cli);
            command
                .arg("acme-freight")
                .args(args)
                .env("ACME_FREIGHT_BASE_URL", &sandbox.base_url);
            command.env_remove("ACME_FREIGHT_BEARER_TOKEN");
            if let Some(token) = token {
                command.env("ACME_FREIGHT_BEARER_TOKEN", token);
            }
            command
        };
        let run = scratch::run(acme(&["get-depot", "12"], Some("acme-token-5"))).await;
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let printed: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        assert_eq!(printed, *depot);
        let run = scratch::run(acme(&["list-depots", "--limit", "1"], Some("acme-token-5"))).await;
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let printed: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        assert_eq!(printed, serde_json::json!([depot]));
        let run = scratch::run(acme(&["close-depot", "12"], Some("acme-token-5"))).await;
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "null");
        let run = scratch::run(acme(&["get-depot", "99"], Some("acme-token-5"))).await;
        assert_eq!(
            run.status.code(),
            Some(3),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(String::from_utf8_lossy(&run.stderr).contains("HTTP 404"));
        let run = scratch::run(acme(&["get-depot", "12"], None)).await;
        assert_eq!(run.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&run.stderr).trim(),
            "error: missing Acme Freight bearer token: pass --bearer-token or set ACME_FREIGHT_BEARER_TOKEN"
        );
        // The sandbox itself: no credential is 401, an id it does not know is the spec's 404.
        let http = reqwest::Client::new();
        let get = |path: &str, token: Option<&str>| {
            let mut request = http.get(format!("{}{path}", sandbox.base_url));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            request.send()
        };
        assert_eq!(get("/depots/12", None).await.unwrap().status(), 401);
        assert_eq!(get("/depots/12", Some(" ")).await.unwrap().status(), 401);
        let missing = get("/depots/99", Some("t")).await.unwrap();
        assert_eq!(missing.status(), 404);
        assert_eq!(
            missing.json::<serde_json::Value>().await.unwrap(),
            serde_json::json!({"error": {"code": "not_found", "message": "No such depot."}})
        );
    }
}
