//! The `customer-apis` binary, run as a process: against the sandbox for the vendors'
//! documented behaviour, and against a local mock where a test needs a specific misbehaviour or
//! must see that nothing was sent.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support;
use customer_apis::sandbox::Sandbox;
use customer_apis::{cro, pdm, Customer};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const BIN: &str = env!("CARGO_BIN_EXE_customer-apis");

/// Every variable the tool reads, removed so that the host's environment cannot leak in.
const VENDOR_VARS: [&str; 11] = [
    "CRO_BASE_URL",
    "CRO_TOKEN",
    "CRO_TENANT_ID",
    "CRO_API_VERSION",
    "PDM_BASE_URL",
    "PDM_COMPANY_ID",
    "PDM_API_KEY",
    "PDM_SESSION_TOKEN",
    "FOXTROT_BASE_URL",
    "FOXTROT_API_KEY",
    "RUST_LOG",
];

/// A token matching CRO's documented pattern.
const CRO_TOKEN: &str = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";

/// A marker put in every credential of the redaction test; it must never be printed.
const MARK: &str = "S3CR3TMARK";

/// What one run of the binary produced.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Asserts success and returns stdout as JSON.
    fn json(&self) -> Value {
        assert_eq!(self.code, Some(0), "expected success: {self:#?}");
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:#?}"))
    }

    /// Asserts the exit code, an empty stdout and exactly one `error: ` line on stderr.
    fn error_line(&self, code: i32) -> &str {
        assert_eq!(self.code, Some(code), "exit code: {self:#?}");
        assert!(self.stdout.is_empty(), "stdout on failure: {self:#?}");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "stderr must be one line: {self:#?}");
        assert!(lines[0].starts_with("error: "), "{self:#?}");
        lines[0]
    }

    /// Asserts that `needle` appears on neither stream.
    fn never_shows(&self, needle: &str) {
        assert!(
            !self.stdout.contains(needle) && !self.stderr.contains(needle),
            "{needle:?} was printed: {self:#?}"
        );
    }
}

/// The binary with the vendor variables removed and `env` set.
fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(BIN);
    for var in VENDOR_VARS {
        cmd.env_remove(var);
    }
    cmd.args(args).envs(env.iter().copied());
    cmd
}

/// Runs the binary to completion off the async runtime (the servers keep serving).
async fn run(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = command(args, env);
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .expect("the binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

async fn sandbox() -> Sandbox {
    Sandbox::start().await.expect("the sandbox starts")
}

/// Environment variables for the binary.
type Env = Vec<(&'static str, String)>;

fn cro_env(base: &str) -> Env {
    vec![
        ("CRO_BASE_URL", base.to_owned()),
        ("CRO_TOKEN", CRO_TOKEN.to_owned()),
        ("CRO_TENANT_ID", "42".to_owned()),
    ]
}

fn pdm_env(base: &str) -> Env {
    vec![
        ("PDM_BASE_URL", base.to_owned()),
        ("PDM_COMPANY_ID", "9001".to_owned()),
        ("PDM_API_KEY", "pdm-api-key".to_owned()),
    ]
}

fn foxtrot_env(base: &str) -> Env {
    vec![
        ("FOXTROT_BASE_URL", base.to_owned()),
        ("FOXTROT_API_KEY", "foxtrot-api-key".to_owned()),
    ]
}

fn borrow<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test(flavor = "multi_thread")]
async fn cro_operations_print_the_typed_answer_as_json() {
    let sb = sandbox().await;
    let env = cro_env(&sb.base_url());
    let env = borrow(&env);

    let customer = run(&["cro", "get-customer", "1"], &env).await.json();
    assert_eq!(customer["id"], json!(1));
    assert_eq!(customer["name"], json!("George Jones!!!?"));

    let contact = run(&["cro", "get-contact", "1", "1"], &env).await.json();
    assert_eq!(contact["id"], json!(1));
    assert_eq!(contact["name"], json!("George"));

    // The 2021/04/07 rename: `customer_id` before it, `id` after; the tool prints `id` for both.
    for version in ["2019/02/08", "2023/04/19"] {
        let location = run(
            &[
                "cro",
                "--api-version",
                version,
                "deactivate-location",
                "1",
                "20",
            ],
            &env,
        )
        .await
        .json();
        assert_eq!(location["id"], json!(1), "{version}: {location}");
        assert_eq!(location["is_active"], json!(false), "{version}: {location}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn cro_flags_win_over_the_environment_in_either_position() {
    let sb = sandbox().await;
    let dead = format!("http://127.0.0.1:{}", closed_port());
    let env = [
        ("CRO_BASE_URL", dead.as_str()),
        ("CRO_TOKEN", "Bearer !!! not a token"),
        ("CRO_TENANT_ID", "not-a-number"),
        ("CRO_API_VERSION", "1999/01/01"),
    ];
    let base = sb.base_url();
    let flags = [
        "--base-url",
        base.as_str(),
        "--token",
        CRO_TOKEN,
        "--tenant-id",
        "42",
        "--api-version",
        "2023/04/19",
    ];
    let before: Vec<&str> = ["cro"]
        .into_iter()
        .chain(flags)
        .chain(["get-customer", "1"])
        .collect();
    let after: Vec<&str> = ["cro", "get-customer", "1"]
        .into_iter()
        .chain(flags)
        .collect();
    for args in [before, after] {
        let customer = run(&args, &env).await.json();
        assert_eq!(customer["name"], json!("George Jones!!!?"), "{args:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn pdm_get_customer_by_id_by_reference_and_by_both() {
    let sb = sandbox().await;
    let env = pdm_env(&sb.base_url());
    let env = borrow(&env);
    for lookup in [
        &["--customer-id", "1408"][..],
        &["--external-ref", "EXTREF164736"],
        &["--customer-id", "1408", "--external-ref", "EXTREF164736"],
    ] {
        let args: Vec<&str> = ["pdm", "get-customer"]
            .into_iter()
            .chain(lookup.iter().copied())
            .collect();
        let customer = run(&args, &env).await.json();
        assert_eq!(customer["customer_ref"], json!("C001408"), "{args:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn pdm_session_token_flag_is_used_as_is_and_wins_over_an_api_key_in_the_environment() {
    let sb = sandbox().await;
    let token = pdm::Client::builder()
        .base_url(sb.base_url())
        .company_id(9001)
        .api_key("pdm-api-key")
        .build()
        .unwrap()
        .get_session_token()
        .await
        .expect("the sandbox issues a session token")
        .into_inner()
        .session_token;
    let token = token.expose().to_owned();
    let env = pdm_env(&sb.base_url());
    let env = borrow(&env);
    let customer = run(
        &[
            "pdm",
            "get-customer",
            "--customer-id",
            "1408",
            "--session-token",
            &token,
        ],
        &env,
    )
    .await
    .json();
    assert_eq!(customer["customer_ref"], json!("C001408"));

    // A session token the server does not know proves the flag, not the key, was used.
    let refused = run(
        &[
            "pdm",
            "--session-token",
            "unknown-session",
            "get-customer",
            "--customer-id",
            "1408",
        ],
        &env,
    )
    .await;
    let line = refused.error_line(3);
    assert!(line.contains("202"), "{line}");
}

#[tokio::test(flavor = "multi_thread")]
async fn foxtrot_operations_print_the_data_payload_as_json() {
    let sb = sandbox().await;
    let env = foxtrot_env(&sb.base_url());
    let env = borrow(&env);
    let ids = ["Foxtrot-DC", "johns-burger-shack"];

    let customer = run(&[&["foxtrot", "get-customer"][..], &ids].concat(), &env)
        .await
        .json();
    assert_eq!(customer["name"], json!("the customer's name"));

    let location = run(
        &[&["foxtrot", "confident-location"][..], &ids].concat(),
        &env,
    )
    .await
    .json();
    assert!(location["latitude"].is_number(), "{location}");
    assert!(location["longitude"].is_number(), "{location}");

    let waypoints = run(&[&["foxtrot", "waypoints"][..], &ids].concat(), &env)
        .await
        .json();
    let list = waypoints["waypoints"]
        .as_array()
        .expect("a list of waypoints");
    assert!(!list.is_empty(), "{waypoints}");
    assert!(list[0]["status"].is_string(), "{waypoints}");
}

#[tokio::test(flavor = "multi_thread")]
async fn unified_get_customer_prints_the_library_customer_for_each_vendor() {
    let sb = sandbox().await;
    let base = sb.base_url();
    let view = |customer: Customer| serde_json::to_value(customer).expect("serializes");
    let cro_client = sb.cro_client().build().unwrap();
    let pdm_client = sb.pdm_client().build().unwrap();
    let fox_client = sb.foxtrot_client().build().unwrap();
    let cases: [(Vec<&str>, Env, Value); 3] = [
        (
            vec!["cro", "get-customer", "7", "--unified"],
            cro_env(&base),
            view(Customer::from(&*cro_client.get_customer(7).await.unwrap())),
        ),
        (
            vec![
                "pdm",
                "get-customer",
                "--unified",
                "--external-ref",
                "CRO-7",
            ],
            pdm_env(&base),
            view(Customer::from(
                &*pdm_client
                    .get_customer(&pdm::CustomerLookup::external_ref("CRO-7"))
                    .await
                    .unwrap(),
            )),
        ),
        (
            vec![
                "foxtrot",
                "get-customer",
                "--unified",
                "Foxtrot-DC",
                "cro-7",
            ],
            foxtrot_env(&base),
            view(Customer::from(
                &*fox_client
                    .get_customer("Foxtrot-DC", "cro-7")
                    .await
                    .unwrap(),
            )),
        ),
    ];
    for ((args, env, expected), (vendor, id)) in
        cases
            .into_iter()
            .zip([("cro", "7"), ("pdm", "2001"), ("foxtrot", "cro-7")])
    {
        let printed = run(&args, &borrow(&env)).await.json();
        assert_eq!(printed, expected, "{args:?}");
        assert_eq!(printed["vendor"], json!(vendor), "{args:?}");
        assert_eq!(printed["id"], json!(id), "{args:?}");
        assert_eq!(printed["name"], json!("Ada Lovelace"), "{args:?}");
    }

    // Only get-customer takes the flag; errors keep their exit codes.
    let env = cro_env(&base);
    let refused = run(
        &["cro", "get-contact", "1", "1", "--unified"],
        &borrow(&env),
    )
    .await;
    assert_eq!(refused.code, Some(2), "{refused:#?}");
    assert!(refused.stdout.is_empty(), "{refused:#?}");
    let missing = run(
        &["cro", "get-customer", "999999", "--unified"],
        &borrow(&env),
    )
    .await;
    assert!(missing.error_line(3).contains("HTTP 404"), "{missing:#?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_input_and_configuration_exit_2_and_send_nothing() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let base = server.uri();
    let cro = cro_env(&base);
    let pdm = pdm_env(&base);
    let foxtrot = foxtrot_env(&base);
    let long_ref = "R".repeat(51);
    let without_pdm_url: Env = pdm
        .iter()
        .filter(|(k, _)| *k != "PDM_BASE_URL")
        .cloned()
        .collect();
    let without_cro_token: Env = cro
        .iter()
        .filter(|(k, _)| *k != "CRO_TOKEN")
        .cloned()
        .collect();
    #[rustfmt::skip]
    let cases: Vec<(&str, Vec<&str>, &Env, &str)> = vec![
        // The tool names its own flag and variable, not the library's setter (`bearer_token`).
        ("malformed token", vec!["cro", "--token", "Bearer !!not a token!!", "get-customer", "1"], &cro, "invalid --token / CRO_TOKEN: must not contain a space"),
        ("blank token", vec!["cro", "--token", "   ", "get-customer", "1"], &cro, "invalid --token / CRO_TOKEN: must be `Bearer `"),
        ("non-integer customer id", vec!["cro", "get-customer", "one"], &cro, "invalid customer_id: must be a whole number (i64)"),
        ("non-integer tenant", vec!["cro", "--tenant-id", "acme", "get-customer", "1"], &cro, "tenant_id"),
        ("unknown API version", vec!["cro", "--api-version", "2020/01/01", "get-customer", "1"], &cro, "API version"),
        ("empty CRO token", vec!["cro", "--token", "", "get-customer", "1"], &cro, "token"),
        ("missing CRO token", vec!["cro", "get-customer", "1"], &without_cro_token, "CRO_TOKEN"),
        ("PDM lookup with neither", vec!["pdm", "get-customer"], &pdm, "one of them is required"),
        ("external ref over 50", vec!["pdm", "get-customer", "--external-ref", &long_ref], &pdm, "external_customer_ref"),
        ("missing PDM base URL", vec!["pdm", "get-customer", "--customer-id", "1408"], &without_pdm_url, "PDM_BASE_URL"),
        ("non-integer company", vec!["pdm", "--company-id", "x1", "get-customer", "--customer-id", "1"], &pdm, "company"),
        ("empty Foxtrot dc id", vec!["foxtrot", "get-customer", "", "johns-burger-shack"], &foxtrot, "dc_id"),
        ("unusable base URL", vec!["foxtrot", "--base-url", "ftp://example.com", "waypoints", "a", "b"], &foxtrot, "base_url"),
    ];
    for (name, args, env, expected) in cases {
        let result = run(&args, &borrow(env)).await;
        let line = result.error_line(2);
        assert!(
            line.contains(expected),
            "{name}: {line:?} lacks {expected:?}"
        );
        let received = server.received_requests().await.expect("recording is on");
        assert!(
            received.is_empty(),
            "{name}: {} request(s) sent",
            received.len()
        );
    }

    // Usage errors are clap's, with the same exit code.
    for args in [
        &["cro", "get-customer", "one"][..],
        &["--timeout", "0", "cro", "get-customer", "1"],
        &["cro", "get-contact", "1"],
        &["nosuchvendor"],
    ] {
        let result = run(args, &borrow(&cro)).await;
        assert_eq!(result.code, Some(2), "{args:?}: {result:#?}");
        assert!(result.stdout.is_empty(), "{args:?}: {result:#?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn api_errors_exit_3_with_status_and_vendor_detail() {
    let sb = sandbox().await;
    let base = sb.base_url();

    let expected = cro::Client::builder()
        .base_url(&base)
        .bearer_token(CRO_TOKEN)
        .tenant_id(42)
        .build()
        .unwrap()
        .get_customer(999_999)
        .await
        .expect_err("customer 999999 does not exist");
    let detail = expected
        .api()
        .and_then(|e| e.detail.clone())
        .expect("CRO sends a detail");
    let result = run(&["cro", "get-customer", "999999"], &borrow(&cro_env(&base))).await;
    let line = result.error_line(3);
    assert!(line.starts_with("error: CRO answered HTTP 404"), "{line}");
    assert!(line.contains(&detail), "{line} lacks {detail:?}");
    assert!(line.contains("request id "), "{line}");

    let result = run(
        &["pdm", "get-customer", "--customer-id", "77"],
        &borrow(&pdm_env(&base)),
    )
    .await;
    let line = result.error_line(3);
    assert!(line.contains("PDM answered"), "{line}");
    assert!(line.contains("401"), "{line}");
    assert!(line.contains("No matching customer found"), "{line}");

    let fox = foxtrot_env(&base);
    let result = run(
        &[
            "foxtrot",
            "confident-location",
            "Foxtrot-DC",
            "not-confident",
        ],
        &borrow(&fox),
    )
    .await;
    let line = result.error_line(3);
    assert!(line.contains("Foxtrot answered HTTP 400"), "{line}");
    assert!(line.contains("7001"), "{line}");

    let result = run(
        &["foxtrot", "get-customer", "Foxtrot-DC", "nobody-here"],
        &borrow(&fox),
    )
    .await;
    assert!(result.error_line(3).contains("HTTP 404"), "{result:#?}");
    let result = run(
        &["foxtrot", "waypoints", "Other-DC", "johns-burger-shack"],
        &borrow(&fox),
    )
    .await;
    assert!(result.error_line(3).contains("HTTP 403"), "{result:#?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn unusable_answers_exit_3() {
    let server = MockServer::start().await;
    let sample = support::example("cro", "/customers/{customer_id}", "get");
    assert!(sample.is_object(), "the spec has a Get Customer example");
    // A valid customer, in another API version than the pinned one.
    Mock::given(wiremock::matchers::path("/customers/1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2019/02/08")
                .set_body_json(sample),
        )
        .mount(&server)
        .await;
    // A success that does not decode.
    Mock::given(wiremock::matchers::path(
        "/dcs/Foxtrot-DC/customers/johns-burger-shack",
    ))
    .respond_with(ResponseTemplate::new(200).set_body_string("<html>maintenance</html>"))
    .mount(&server)
    .await;
    let base = server.uri();

    let result = run(&["cro", "get-customer", "1"], &borrow(&cro_env(&base))).await;
    let line = result.error_line(3);
    assert!(line.contains("API version mismatch"), "{line}");

    let result = run(
        &[
            "foxtrot",
            "get-customer",
            "Foxtrot-DC",
            "johns-burger-shack",
        ],
        &borrow(&foxtrot_env(&base)),
    )
    .await;
    let line = result.error_line(3);
    assert!(line.contains("could not decode"), "{line}");
}

#[tokio::test(flavor = "multi_thread")]
async fn connection_refused_and_timeouts_exit_4() {
    let dead = format!("http://127.0.0.1:{}", closed_port());
    let result = run(&["cro", "get-customer", "1"], &borrow(&cro_env(&dead))).await;
    let line = result.error_line(4);
    assert!(line.contains("transport error"), "{line}");
    let result = run(
        &["foxtrot", "waypoints", "Foxtrot-DC", "johns-burger-shack"],
        &borrow(&foxtrot_env(&dead)),
    )
    .await;
    result.error_line(4);

    let slow = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({}))
                .set_delay(Duration::from_secs(10)),
        )
        .mount(&slow)
        .await;
    let started = Instant::now();
    let result = run(
        &[
            "--timeout",
            "0.3",
            "pdm",
            "get-customer",
            "--customer-id",
            "1408",
        ],
        &borrow(&pdm_env(&slow.uri())),
    )
    .await;
    let line = result.error_line(4);
    assert!(line.contains("timed out"), "{line}");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "--timeout was not applied"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn verbose_prints_request_id_version_and_attempts_on_stderr_only() {
    let sb = sandbox().await;
    let result = run(
        &["--verbose", "cro", "get-customer", "1"],
        &borrow(&cro_env(&sb.base_url())),
    )
    .await;
    let customer = result.json();
    assert_eq!(customer["id"], json!(1));
    let line = result
        .stderr
        .lines()
        .find(|l| l.starts_with("HTTP 200, request id "))
        .unwrap_or_else(|| panic!("no metadata line: {result:#?}"));
    let id = &line["HTTP 200, request id ".len()..][..36];
    assert!(id.parse::<uuid::Uuid>().is_ok(), "{line}");
    assert!(
        line.ends_with("API version 2023/04/19, 1 attempt"),
        "{line}"
    );
    assert!(
        result.stderr.contains("DEBUG"),
        "debug logs are on: {result:#?}"
    );

    // Without --verbose, stderr stays empty on success.
    let quiet = run(
        &["cro", "get-customer", "1"],
        &borrow(&cro_env(&sb.base_url())),
    )
    .await;
    quiet.json();
    assert!(quiet.stderr.is_empty(), "{quiet:#?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn credentials_are_never_printed() {
    let sb = sandbox().await;
    let base = sb.base_url();
    let cro_token = format!("Bearer {MARK}a.{MARK}b.{MARK}c");
    let pdm_key = format!("pdm-{MARK}-key");
    let fox_key = format!("fox-{MARK}-key");
    let env = [
        ("CRO_BASE_URL", base.as_str()),
        ("CRO_TOKEN", cro_token.as_str()),
        ("CRO_TENANT_ID", "42"),
        ("PDM_BASE_URL", base.as_str()),
        ("PDM_COMPANY_ID", "9001"),
        ("PDM_API_KEY", pdm_key.as_str()),
        ("FOXTROT_BASE_URL", base.as_str()),
        ("FOXTROT_API_KEY", fox_key.as_str()),
    ];
    let fixed_session = format!("{MARK}-session");
    let malformed = format!("Bearer {MARK} !!");
    let runs: [(&[&str], i32); 12] = [
        (&["-v", "cro", "get-customer", "1"], 0),
        (&["-v", "cro", "get-customer", "999999"], 3),
        (
            &["-v", "cro", "--token", &malformed, "get-customer", "1"],
            2,
        ),
        (&["-v", "pdm", "get-customer", "--customer-id", "1408"], 0),
        (&["-v", "pdm", "get-customer", "--customer-id", "77"], 3),
        (
            &[
                "-v",
                "pdm",
                "--session-token",
                &fixed_session,
                "get-customer",
                "--customer-id",
                "1",
            ],
            3,
        ),
        (
            &[
                "-v",
                "foxtrot",
                "get-customer",
                "Foxtrot-DC",
                "johns-burger-shack",
            ],
            0,
        ),
        (
            &[
                "-v",
                "foxtrot",
                "confident-location",
                "Foxtrot-DC",
                "not-confident",
            ],
            3,
        ),
        (&["cro", "--help"], 0),
        (&["pdm", "--help"], 0),
        (&["foxtrot", "get-customer", "--help"], 0),
        (&["help", "cro", "get-customer"], 0),
    ];
    for (args, code) in runs {
        let result = run(args, &env).await;
        assert_eq!(result.code, Some(code), "{args:?}: {result:#?}");
        result.never_shows(MARK);
    }
}

/// Kills the child when dropped, so a failing test leaves no server behind.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sandbox_subcommand_serves_until_killed() {
    let port = closed_port();
    let mut cmd = command(&["sandbox", "--port", &port.to_string()], &[]);
    let mut child = KillOnDrop(
        cmd.stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        if let Some(status) = child.0.try_wait().unwrap() {
            panic!("the sandbox exited early: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "the sandbox never listened on {addr}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut banner = String::new();
    BufReader::new(child.0.stderr.take().unwrap())
        .read_line(&mut banner)
        .unwrap();
    assert!(
        banner.starts_with(&format!("sandbox listening on http://127.0.0.1:{port} ")),
        "{banner:?}"
    );

    let base = format!("http://127.0.0.1:{port}");
    let customer = run(&["cro", "get-customer", "1"], &borrow(&cro_env(&base)))
        .await
        .json();
    assert_eq!(customer["name"], json!("George Jones!!!?"));

    child.0.kill().unwrap();
    child.0.wait().unwrap();
    assert!(TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn rust_log_chooses_the_logs_without_verbose() {
    let sb = sandbox().await;
    let mut env = cro_env(&sb.base_url());
    env.push(("RUST_LOG", "customer_apis=debug".to_owned()));
    let result = run(&["cro", "get-customer", "1"], &borrow(&env)).await;
    result.json();
    assert!(
        result.stderr.contains("DEBUG") && result.stderr.contains("call succeeded"),
        "{result:#?}"
    );
    // The metadata line stays --verbose's.
    assert!(
        !result.stderr.contains("HTTP 200, request id"),
        "{result:#?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn timeout_bounds_the_whole_call_with_one_retry_budget() {
    // GetSessionToken answers 503 asking for a wait of 31 years: the call must neither wait
    // past --timeout nor run a retry loop of its own inside GetCustomer's.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1000000000"))
        .mount(&server)
        .await;
    let started = Instant::now();
    let result = run(
        &[
            "--timeout",
            "3",
            "pdm",
            "get-customer",
            "--customer-id",
            "1",
        ],
        &borrow(&pdm_env(&server.uri())),
    )
    .await;
    let line = result.error_line(3);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert!(
        line.contains("HTTP 503") && line.ends_with("[1 attempt]"),
        "{line}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// A seed file with one CRO customer, 77, made from the spec's own Get Customer example.
fn seed_file(dir: &std::path::Path, name: &str, customer_id: Value) -> std::path::PathBuf {
    let mut customer = crate::support::example("cro", "/customers/{customer_id}", "get");
    customer["id"] = customer_id;
    customer["name"] = json!("Seeded Customer");
    let seed = json!({"cro": {"getCustomer": [{"params": {"customer_id": 77}, "body": customer}]}});
    let path = dir.join(name);
    std::fs::write(&path, serde_yaml::to_string(&seed).unwrap()).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn a_seeded_customer_is_served_by_the_standalone_sandbox_and_a_bad_seed_stops_it() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-seed");
    std::fs::create_dir_all(&dir).unwrap();

    // A record whose `id` is not an integer: refused, naming the record and the field.
    let bad = seed_file(&dir, "bad.yaml", json!("seventy-seven"));
    let port = closed_port();
    let refused = run(
        &[
            "sandbox",
            "--port",
            &port.to_string(),
            "--seed",
            bad.to_str().unwrap(),
        ],
        &[],
    )
    .await;
    let line = refused.error_line(2);
    assert!(line.contains("cro.getCustomer[0]"), "{line}");
    assert!(line.contains("body: id:"), "{line}");

    // A good one: fetched through the CLI, deactivated, and the change seen.
    let good = seed_file(&dir, "good.yaml", json!(77));
    let port = closed_port();
    let mut cmd = command(
        &[
            "sandbox",
            "--port",
            &port.to_string(),
            "--seed",
            good.to_str().unwrap(),
        ],
        &[],
    );
    let mut child = KillOnDrop(
        cmd.stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        assert!(
            child.0.try_wait().unwrap().is_none(),
            "the sandbox exited early"
        );
        assert!(Instant::now() < deadline, "the sandbox never listened");
        std::thread::sleep(Duration::from_millis(50));
    }
    let env = cro_env(&format!("http://127.0.0.1:{port}"));
    let customer = run(&["cro", "get-customer", "77"], &borrow(&env))
        .await
        .json();
    assert_eq!(customer["name"], json!("Seeded Customer"));
    let active = |c: &Value| {
        c["locations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["location_id"] == json!(20))
            .map(|l| l["is_active"].clone())
    };
    assert_eq!(active(&customer), Some(json!(true)));
    let location = run(&["cro", "deactivate-location", "77", "20"], &borrow(&env))
        .await
        .json();
    assert_eq!(location["is_active"], json!(false));
    let after = run(&["cro", "get-customer", "77"], &borrow(&env))
        .await
        .json();
    assert_eq!(active(&after), Some(json!(false)));
    // The docs' sample is still there, untouched.
    let sample = run(&["cro", "get-customer", "1"], &borrow(&env))
        .await
        .json();
    assert_eq!(active(&sample), Some(json!(true)));
    child.0.kill().unwrap();
    child.0.wait().unwrap();
}

// Hardening, second round: what the tool prints, how it ends, and what it sends.

#[tokio::test(flavor = "multi_thread")]
async fn a_credential_a_server_echoed_into_a_success_is_masked_on_stdout() {
    let server = MockServer::start().await;
    let bare = CRO_TOKEN.trim_start_matches("Bearer ");
    let mut customer = support::example("cro", "/customers/{customer_id}", "get");
    customer["locations"][0]["note"] = json!(format!("Authorization: {CRO_TOKEN}"));
    customer["name"] = json!(bare.replace('.', "%2e"));
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2023/04/19")
                .set_body_json(customer),
        )
        .mount(&server)
        .await;
    let env = cro_env(&server.uri());
    let out = run(&["cro", "get-customer", "1"], &borrow(&env)).await;
    let printed = out.json();
    assert_eq!(
        printed["locations"][0]["note"],
        "Authorization: Bearer [REDACTED]"
    );
    assert_eq!(printed["name"], "[REDACTED]");
    // The rest of the record is printed as it came.
    assert_eq!(printed["id"], 1);
    out.never_shows("c2lnbmF0dXJl");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_closed_stdout_or_stderr_ends_with_the_calls_exit_code_not_a_panic() {
    let sb = sandbox().await;
    let env = foxtrot_env(&sb.base_url());
    // A reader that went away before the answer: the call succeeded, the tool exits 0 quietly.
    let mut cmd = command(
        &[
            "foxtrot",
            "get-customer",
            "Foxtrot-DC",
            "johns-burger-shack",
        ],
        &borrow(&env),
    );
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let out = tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().expect("the binary runs");
        drop(child.stdout.take());
        child.wait_with_output().expect("the binary ends")
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
    assert_eq!(sb.requests().len(), 1);

    // A stderr that cannot be written: a failed call still exits with its own code.
    for (args, code) in [
        (vec!["foxtrot", "get-customer", "Foxtrot-DC", "nobody"], 3),
        (
            vec!["-v", "foxtrot", "get-customer", "Foxtrot-DC", "nobody"],
            3,
        ),
        (vec!["foxtrot", "get-customer", "", "x"], 2),
    ] {
        let mut cmd = command(&args, &borrow(&env));
        cmd.stderr(
            std::fs::File::options()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        );
        let status = tokio::task::spawn_blocking(move || cmd.status())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_timeout_past_a_year_is_refused_not_a_panic() {
    let sb = sandbox().await;
    let env = foxtrot_env(&sb.base_url());
    for timeout in ["1e19", "31536001"] {
        let out = run(
            &[
                "--timeout",
                timeout,
                "foxtrot",
                "get-customer",
                "Foxtrot-DC",
                "c1",
            ],
            &borrow(&env),
        )
        .await;
        let line = out.error_line(2);
        assert!(line.contains("timeout: must be at most one year"), "{line}");
    }
    assert_eq!(sb.requests().len(), 0, "nothing is sent");
    let out = run(
        &[
            "--timeout",
            "31536000",
            "foxtrot",
            "get-customer",
            "Foxtrot-DC",
            "johns-burger-shack",
        ],
        &borrow(&env),
    )
    .await;
    assert!(out.json()["id"].is_string(), "{out:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tenant_id_is_sent_as_its_canonical_integer() {
    let sb = sandbox().await;
    for tenant in ["+1", "01", "+0001"] {
        sb.clear_requests();
        let mut env = cro_env(&sb.base_url());
        env.retain(|(k, _)| *k != "CRO_TENANT_ID");
        env.push(("CRO_TENANT_ID", tenant.to_owned()));
        let out = run(&["cro", "get-customer", "1"], &borrow(&env)).await;
        assert_eq!(out.json()["id"], 1, "{tenant:?}");
        let sent = sb.requests();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].header("x-tenant-id"), Some("1"), "{tenant:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_loopback_base_url_is_never_sent_through_a_proxy() {
    let sb = sandbox().await;
    // A "proxy" that counts the connections it is offered and answers none.
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    proxy.set_nonblocking(true).unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let mut env = foxtrot_env(&sb.base_url());
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        env.push((var, proxy_url.clone()));
    }
    let mut cmd = command(
        &[
            "--timeout",
            "10",
            "foxtrot",
            "get-customer",
            "Foxtrot-DC",
            "johns-burger-shack",
        ],
        &borrow(&env),
    );
    cmd.env_remove("NO_PROXY").env_remove("no_proxy");
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .unwrap();
    let offered = std::iter::from_fn(|| proxy.accept().ok()).count();
    assert_eq!(offered, 0, "the proxy was offered the request");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(sb.requests().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn check_spec_prints_each_departure_on_stderr_redacted_and_keeps_the_exit_code() {
    // The vendor's own sample, from the sandbox: one departure, the answer printed as ever.
    let sb = sandbox().await;
    let env = cro_env(&sb.base_url());
    let out = run(&["--check-spec", "cro", "get-customer", "1"], &borrow(&env)).await;
    assert_eq!(out.json()["id"], json!(1));
    assert_eq!(
        out.stderr,
        "departs from the spec: getCustomer: locations[1].sales_rep must not be empty\n"
    );

    // A field named after the token, and an undocumented status on an error.
    let server = MockServer::start().await;
    let bare = CRO_TOKEN.trim_start_matches("Bearer ");
    let mut customer = support::example("cro", "/customers/{customer_id}", "get");
    customer[bare] = json!(MARK);
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-api-version", "2023/04/19")
                .insert_header("x-request-id", "7195076b-d8cd-46ad-9096-a5e8c8ec36a3")
                .set_body_json(customer),
        )
        .mount(&server)
        .await;
    let env = cro_env(&server.uri());
    let out = run(&["--check-spec", "cro", "get-customer", "1"], &borrow(&env)).await;
    assert_eq!(out.json()["id"], json!(1));
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "departs from the spec: getCustomer: [REDACTED] is not declared by the spec",
            "departs from the spec: getCustomer: locations[1].sales_rep must not be empty",
        ]
    );
    out.never_shows("c2lnbmF0dXJl");
    out.never_shows(MARK);
    // Without the flag, nothing on stderr.
    let quiet = run(&["cro", "get-customer", "1"], &borrow(&env)).await;
    assert!(quiet.stderr.is_empty(), "{quiet:#?}");

    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(418).set_body_json(json!({"code": 1})))
        .mount(&server)
        .await;
    let env = foxtrot_env(&server.uri());
    let args = ["--check-spec", "foxtrot", "get-customer", "dc", "c"];
    let out = run(&args, &borrow(&env)).await;
    assert_eq!(out.code, Some(3), "{out:#?}");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{out:#?}");
    assert!(lines[0].starts_with("error: "), "{out:#?}");
    assert_eq!(
        lines[1],
        "departs from the spec: getCustomer: status 418 is not documented"
    );
}
