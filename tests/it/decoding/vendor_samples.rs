//! The vendors' own cURL and Python samples, verbatim from their docs, run against the
//! sandbox once their placeholders are filled in (and the port moved from 8003 to the test's
//! sandbox). Needs `curl`, and a Python with `requests` (`VENDOR_SAMPLES_PYTHON`, or `python3`);
//! where one is missing it says so and skips, except under CI (`CI` set), where that fails:
//! .ci/run installs both.

use std::process::Command;

use crate::support;
use customer_apis::sandbox::{Sandbox, CRO_SAMPLE_TOKEN};
use serde_json::Value;

const CURL_GET_CUSTOMER: &str = r#"curl --request GET --include \
--header "Authorization: Bearer {your-auth-token}" \
--header "Content-Type: application/json" \
--header "x-tenant-id: {your-tenant-id}" \
127.0.0.1:8003/customers/{customer_id}"#;

const CURL_GET_CONTACT: &str = r#"curl --request GET --include \
--header "Authorization: Bearer {your-auth-token}" \
--header "Content-Type: application/json" \
--header "x-tenant-id: {your-tenant-id}" \
127.0.0.1:8003/customers/{customer_id}/contacts/{customer_contact_id}"#;

const CURL_DEACTIVATE: &str = r#"curl --request DELETE --include \
--header "Authorization: Bearer {your-auth-token}" \
--header "Content-Type: application/json" \
--header "x-tenant-id: {your-tenant-id}" \
--data '{}' \
127.0.0.1:8003/customers/{customer_id}/locations/{customer_location_id}"#;

const PYTHON_GET_CUSTOMER: &str = r#"import requests, json
response = requests.get(
'http://localhost:8003/customers/{customer_id}',
headers={
'Authorization': 'Bearer {your-auth-token}',
'Content-Type': 'application/json',
'x-tenant-id': '{your-tenant-id}'
},
parameters={
}
)
results = json.loads(response.text)
print(results)"#;

const PYTHON_DEACTIVATE: &str = r#"import requests, json
body = '''
{}
'''
response = requests.post(
'http://localhost:8003/customers/{customer_id}/locations/{customer_location_id}',
headers={
'Authorization': 'Bearer {your-auth-token}',
'Content-Type': 'application/json',
'x-tenant-id': '{your-tenant-id}'
},
params={
},
data=body
)
results = json.loads(response.text)
print(results)"#;

fn fill(sample: &str, port: u16) -> String {
    sample
        .replace("{your-auth-token}", CRO_SAMPLE_TOKEN)
        .replace("{your-tenant-id}", "1")
        .replace("{customer_id}", "1")
        .replace("{customer_contact_id}", "1")
        .replace("{customer_location_id}", "1")
        .replace(":8003", &format!(":{port}"))
}

/// The Python that runs the samples.
fn python() -> String {
    std::env::var("VENDOR_SAMPLES_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Whether `program args` runs; when it does not, skips with a note, or under CI fails.
fn available(program: &str, args: &[&str]) -> bool {
    let runs = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        assert!(
            std::env::var_os("CI").is_none(),
            "`{program} {}` does not run: CI must install it (.ci/run does)",
            args.join(" ")
        );
        eprintln!("`{program} {}` does not run: skipped", args.join(" "));
    }
    runs
}

/// Runs a cURL sample with `sh`, returns the status line and the JSON body.
fn run_curl(sample: &str, port: u16) -> (String, Value) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(fill(sample, port))
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "curl failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .expect("--include prints headers, a blank line, the body");
    (
        head.lines().next().unwrap().to_owned(),
        serde_json::from_str(body).expect("a JSON body"),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn the_docs_curl_samples_get_the_docs_responses() {
    if !available("curl", &["--version"]) {
        return;
    }
    let sandbox = Sandbox::start().await.unwrap();
    let port = sandbox.addr().port();
    let (status, body) = tokio::task::spawn_blocking(move || run_curl(CURL_GET_CUSTOMER, port))
        .await
        .unwrap();
    assert!(status.contains(" 200"), "{status}");
    assert_eq!(
        body,
        support::example("cro", "/customers/{customer_id}", "get")
    );
    let (status, body) = tokio::task::spawn_blocking(move || run_curl(CURL_GET_CONTACT, port))
        .await
        .unwrap();
    assert!(status.contains(" 200"), "{status}");
    assert_eq!(
        body,
        support::example(
            "cro",
            "/customers/{customer_id}/contacts/{customer_contact_id}",
            "get"
        )
    );
    let (status, body) = tokio::task::spawn_blocking(move || run_curl(CURL_DEACTIVATE, port))
        .await
        .unwrap();
    assert!(status.contains(" 200"), "{status}");
    assert_eq!(
        body,
        support::example(
            "cro",
            "/customers/{customer_id}/locations/{customer_location_id}",
            "delete"
        )
    );
}

fn run_python(source: String) -> (bool, String) {
    let out = Command::new(python())
        .arg("-c")
        .arg(source)
        .output()
        .expect("python runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_docs_python_samples_run_and_their_two_defects_are_reported() {
    if !available(&python(), &["-c", "import requests"]) {
        return;
    }
    let sandbox = Sandbox::start().await.unwrap();
    let port = sandbox.addr().port();

    // Defect 1: the GET samples pass `parameters=`, which requests does not accept.
    let verbatim = fill(PYTHON_GET_CUSTOMER, port);
    let (ok, out) = tokio::task::spawn_blocking(move || run_python(verbatim))
        .await
        .unwrap();
    assert!(
        !ok && out.contains("unexpected keyword argument 'parameters'"),
        "{out}"
    );
    // With that one keyword corrected, the sample prints the customer.
    let fixed = fill(PYTHON_GET_CUSTOMER, port).replace("parameters={", "params={");
    let (ok, out) = tokio::task::spawn_blocking(move || run_python(fixed))
        .await
        .unwrap();
    assert!(ok && out.contains("'name': 'George Jones!!!?'"), "{out}");

    // Defect 2: the Deactivate sample sends POST; the sandbox answers in CRO's error format
    // and says so, and the location stays active.
    let verbatim = fill(PYTHON_DEACTIVATE, port);
    let (ok, out) = tokio::task::spawn_blocking(move || run_python(verbatim))
        .await
        .unwrap();
    assert!(
        ok && out.contains("not allowed") && out.contains("sends POST"),
        "{out}"
    );
    let cro = sandbox.cro_client().build().unwrap();
    let customer = cro.get_customer(1).await.unwrap();
    assert!(customer.locations.iter().all(|l| l.is_active));
}
