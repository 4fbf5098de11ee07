//! Fault injection: a local server that misbehaves on purpose, byte by byte over raw TCP, and
//! the three clients facing it. Every fault ends in success after retries or in the right typed
//! error, within its time bound, with exactly the expected number of requests on the wire
//! (nothing that is not retryable is repeated), and nothing panics.
//!
//! The faults run concurrently; `cargo test --test it -- faults::fault_injection --nocapture`
//! prints how many were tried.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::support;
use customer_apis::pdm::CustomerLookup;
use customer_apis::{
    cro, foxtrot, pdm, Error, FoxtrotCode, PdmStatus, ResponseMeta, RetryPolicy, VendorCode,
};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

// ---------------------------------------------------------------------------------------------
// The misbehaving server.

/// What the server does with one request.
#[derive(Clone, Debug)]
enum Act {
    /// Writes these bytes, then closes.
    Send(Vec<u8>),
    /// Writes each part after its delay, then closes.
    Drip(Vec<(Duration, Vec<u8>)>),
    /// Writes these bytes, waits for them to arrive, then resets the connection (RST).
    SendThenReset(Vec<u8>),
    /// Holds the connection without answering.
    Hang(Duration),
    /// Writes the head of a chunked answer, then chunks until the client goes away.
    Endless(Vec<u8>),
}

/// One script and the requests it has received.
struct Entry {
    script: Vec<Act>,
    requests: usize,
}

/// A raw TCP server playing many scripts at once. Each request names its script by the id it
/// carries (see [`fault_id`]); the n-th request of a script gets `script[n]`, the last act
/// repeating. A request that names none plays script 0.
struct Router {
    addr: SocketAddr,
    entries: Arc<Mutex<HashMap<usize, Entry>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Router {
    async fn start() -> Router {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let entries: Arc<Mutex<HashMap<usize, Entry>>> = Arc::default();
        let shared = entries.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let entries = shared.clone();
                tokio::spawn(async move {
                    let mut stream = stream;
                    let Some(request) = read_request(&mut stream).await else {
                        return;
                    };
                    let act = {
                        let mut entries = entries.lock().unwrap();
                        let Some(entry) = entries.get_mut(&fault_id(&request)) else {
                            return;
                        };
                        entry.requests += 1;
                        entry.script[(entry.requests - 1).min(entry.script.len() - 1)].clone()
                    };
                    play(stream, echo_version(&request, act)).await;
                });
            }
        });
        Router {
            addr,
            entries,
            task,
        }
    }

    /// A server playing one script for every request.
    async fn single(script: Vec<Act>) -> Router {
        let router = Router::start().await;
        router.add(0, script);
        router
    }

    fn add(&self, id: usize, script: Vec<Act>) {
        assert!(!script.is_empty());
        let previous = self.entries.lock().unwrap().insert(
            id,
            Entry {
                script,
                requests: 0,
            },
        );
        assert!(previous.is_none(), "script {id} added twice");
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self, id: usize) -> usize {
        self.entries
            .lock()
            .unwrap()
            .get(&id)
            .map_or(0, |e| e.requests)
    }
}

impl Drop for Router {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The script a request names: CRO's customer id (`/customers/{id}/contacts/1`), Foxtrot's
/// customer id (`/dcs/dc/customers/f{id}`), PDM's company id when it is not 9001 (clients
/// with an API key) or else its customer id; 0 when there is none.
fn fault_id(request: &[u8]) -> usize {
    let text = String::from_utf8_lossy(request);
    let path = text.split_whitespace().nth(1).unwrap_or("");
    let segments: Vec<&str> = path.split('/').collect();
    if let ["", "customers", id, ..] = segments[..] {
        if let Ok(id) = id.parse() {
            return id;
        }
    }
    if let ["", "dcs", _, "customers", id, ..] = segments[..] {
        if let Some(id) = id.strip_prefix('f').and_then(|id| id.parse().ok()) {
            return id;
        }
    }
    let body = text.find("\r\n\r\n").map_or("", |at| &text[at + 4..]);
    if let Ok(body) = serde_json::from_str::<Value>(body) {
        if let Some(company) = body["company_id"].as_u64().filter(|c| *c != 9001) {
            return company as usize;
        }
        if let Some(customer) = body["customer_id"].as_u64() {
            return customer as usize;
        }
    }
    0
}

/// CRO documents `x-api-version` on every answer and the client checks it on every status, so
/// the server echoes a request's pin into an answer head that sets none (the version check's
/// own faults set theirs).
fn echo_version(request: &[u8], act: Act) -> Act {
    let text = String::from_utf8_lossy(request);
    let head = text.split("\r\n\r\n").next().unwrap_or("");
    let Some(pin) = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("x-api-version")
            .then(|| value.trim().to_owned())
    }) else {
        return act;
    };
    let add = |bytes: Vec<u8>| -> Vec<u8> {
        let head_end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(bytes.len());
        let has = String::from_utf8_lossy(&bytes[..head_end])
            .to_ascii_lowercase()
            .contains("\r\nx-api-version:");
        match bytes.windows(2).position(|w| w == b"\r\n") {
            Some(line_end) if bytes.starts_with(b"HTTP/") && !has => {
                let mut out = bytes[..line_end + 2].to_vec();
                out.extend_from_slice(format!("x-api-version: {pin}\r\n").as_bytes());
                out.extend_from_slice(&bytes[line_end + 2..]);
                out
            }
            _ => bytes,
        }
    };
    match act {
        Act::Send(bytes) => Act::Send(add(bytes)),
        Act::SendThenReset(bytes) => Act::SendThenReset(add(bytes)),
        Act::Endless(bytes) => Act::Endless(add(bytes)),
        Act::Drip(mut parts) => {
            if let Some(first) = parts.first_mut() {
                first.1 = add(std::mem::take(&mut first.1));
            }
            Act::Drip(parts)
        }
        hang => hang,
    }
}

/// Reads one request (head and Content-Length body); `None` when the client went away.
async fn read_request(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() > 1 << 20 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(buf)
}

async fn play(mut stream: TcpStream, act: Act) {
    match act {
        Act::Send(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
            // Let the client read everything before the socket goes.
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Act::Drip(parts) => {
            for (delay, bytes) in parts {
                tokio::time::sleep(delay).await;
                if stream.write_all(&bytes).await.is_err() {
                    return;
                }
                let _ = stream.flush().await;
            }
            let _ = stream.shutdown().await;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Act::SendThenReset(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        Act::Hang(how_long) => {
            tokio::time::sleep(how_long).await;
        }
        Act::Endless(head) => {
            if stream.write_all(&head).await.is_err() {
                return;
            }
            let chunk = [b"1000\r\n".as_slice(), &[b' '; 4096], b"\r\n"].concat();
            // At most 256 MiB: a client that never stops fails the test by its time bound.
            for _ in 0..(1 << 16) {
                if stream.write_all(&chunk).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// An HTTP/1.1 answer with a Content-Length, closing the connection.
fn http(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} Whatever\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    [out.into_bytes(), body.to_vec()].concat()
}

/// An HTTP/1.1 answer with a chunked body (chunks of at most 64 KiB), closing the connection.
fn chunked(status: u16, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} Whatever\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
    )
    .into_bytes();
    for part in body.chunks(64 * 1024) {
        out.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn json_ok(body: &[u8]) -> Vec<u8> {
    http(200, &[("content-type", "application/json")], body)
}

fn status_only(status: u16) -> Act {
    Act::Send(http(status, &[], b""))
}

/// `body` padded with JSON whitespace to exactly `len` bytes.
fn padded(body: &[u8], len: usize) -> Vec<u8> {
    assert!(body.len() <= len);
    let mut out = body.to_vec();
    out.resize(len, b' ');
    out
}

// ---------------------------------------------------------------------------------------------
// The three clients.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum V {
    Cro,
    /// PDM with a fixed session token: one request per attempt.
    Pdm,
    Foxtrot,
    /// PDM with an API key: GetSessionToken first, then GetCustomer.
    PdmKey,
}

const ALL: &[V] = &[V::Cro, V::Pdm, V::Foxtrot];

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Opts {
    attempts: u32,
    timeout: Duration,
    connect_timeout: Duration,
    limit: Option<usize>,
    retry_after_cap: Duration,
}

impl Default for Opts {
    fn default() -> Self {
        Opts {
            attempts: 3,
            timeout: Duration::from_secs(3),
            connect_timeout: Duration::from_secs(1),
            limit: None,
            retry_after_cap: Duration::from_secs(30),
        }
    }
}

impl Opts {
    fn retry(&self) -> RetryPolicy {
        RetryPolicy::default()
            .max_attempts(self.attempts)
            .initial_delay(Duration::from_millis(5))
            .max_delay(Duration::from_millis(20))
            .max_retry_after(self.retry_after_cap)
    }
}

fn pdm_session_body() -> Vec<u8> {
    support::pdm_session_answer("9001|fresh|0001")
        .to_string()
        .into_bytes()
}

fn pdm_status_body(code: i64) -> Vec<u8> {
    json!({"status": {"code": code, "details": format!("details of {code}")}})
        .to_string()
        .into_bytes()
}

/// A built client (building one takes tens of milliseconds of CPU in a debug build, so the
/// suites build them before any fault's clock starts, and share them between faults).
#[derive(Clone)]
enum Client {
    Cro(cro::Client),
    Pdm(pdm::Client),
    Foxtrot(foxtrot::Client),
}

impl V {
    /// A documented success body for the call this vendor makes (read from the spec once).
    fn ok_body(self) -> Vec<u8> {
        static BODIES: OnceLock<[Vec<u8>; 3]> = OnceLock::new();
        let bodies = BODIES.get_or_init(|| [V::Cro, V::Pdm, V::Foxtrot].map(V::read_ok_body));
        match self {
            V::Cro => bodies[0].clone(),
            V::Pdm | V::PdmKey => bodies[1].clone(),
            V::Foxtrot => bodies[2].clone(),
        }
    }

    fn read_ok_body(self) -> Vec<u8> {
        let value = match self {
            V::Cro => support::example(
                "cro",
                "/customers/{customer_id}/contacts/{customer_contact_id}",
                "get",
            ),
            V::Pdm | V::PdmKey => support::example("pdm", "/GetCustomer", "post"),
            V::Foxtrot => {
                support::example("foxtrot", "/dcs/{dc_id}/customers/{customer_id}", "get")
            }
        };
        value.to_string().into_bytes()
    }

    /// What a success must hand over for a 200 with this body: the vendor's payload (CRO's
    /// body, PDM's `customer` next to code 101, Foxtrot's `data.customer`), decoded straight
    /// from the bytes with the generated models, as JSON. `None` when the body holds none.
    fn expected_value(self, body: &[u8]) -> Option<Value> {
        match self {
            V::Cro => {
                let contact: cro::types::CustomerContactModel =
                    serde_json::from_slice(body).ok()?;
                Some(json(&contact))
            }
            V::Pdm | V::PdmKey => {
                let answer: pdm::types::GetCustomerResponse = serde_json::from_slice(body).ok()?;
                (answer.status.code == 101).then_some(())?;
                Some(json(&answer.customer?))
            }
            V::Foxtrot => {
                let answer: foxtrot::types::CustomerEnvelope = serde_json::from_slice(body).ok()?;
                Some(json(&answer.data.customer))
            }
        }
    }

    /// A client of this vendor; `id` is the company id of a PDM client with an API key.
    fn client(self, base: &str, o: &Opts, id: usize) -> Client {
        macro_rules! tune {
            ($builder:expr) => {{
                let b = $builder
                    .base_url(base)
                    .retry_policy(o.retry())
                    .timeout(o.timeout)
                    .connect_timeout(o.connect_timeout);
                match o.limit {
                    Some(limit) => b.max_response_bytes(limit),
                    None => b,
                }
            }};
        }
        match self {
            V::Cro => Client::Cro(
                tune!(cro::Client::builder())
                    .bearer_token(support::TOKEN)
                    .tenant_id(1)
                    .build()
                    .unwrap(),
            ),
            V::Pdm => Client::Pdm(
                tune!(pdm::Client::builder())
                    .company_id(9001)
                    .session_token("9001|abc|0001")
                    .build()
                    .unwrap(),
            ),
            V::PdmKey => Client::Pdm(
                tune!(pdm::Client::builder())
                    .company_id(id as i64)
                    .api_key("pdm-key")
                    .build()
                    .unwrap(),
            ),
            V::Foxtrot => Client::Foxtrot(
                tune!(foxtrot::Client::builder())
                    .api_key("key")
                    .build()
                    .unwrap(),
            ),
        }
    }
}

/// A model as JSON.
fn json<T: serde::Serialize>(model: &T) -> Value {
    serde_json::to_value(model).expect("a model serializes")
}

/// What a call handed over: the value (as JSON) and its metadata.
type Outcome = Result<(Value, ResponseMeta), Error>;

impl Client {
    /// One call that names script `id`.
    async fn call(&self, id: usize) -> Outcome {
        fn parts<T: serde::Serialize>(r: customer_apis::Response<T>) -> (Value, ResponseMeta) {
            (json(&*r), r.meta().clone())
        }
        let id64 = id as i64;
        Ok(match self {
            Client::Cro(c) => parts(c.get_contact(id64, 1).await?),
            Client::Pdm(c) => parts(c.get_customer(&CustomerLookup::id(id64)).await?),
            Client::Foxtrot(c) => parts(c.get_customer("dc", &format!("f{id}")).await?),
        })
    }
}

/// Clients shared by the faults of one suite, one per vendor and settings (one per fault for
/// PDM with an API key, whose session belongs to the fault).
#[derive(Default)]
struct Clients(HashMap<(V, Opts), Client>);

impl Clients {
    fn get(&mut self, vendor: V, base: &str, opts: &Opts, id: usize) -> Client {
        if vendor == V::PdmKey {
            return vendor.client(base, opts, id);
        }
        self.0
            .entry((vendor, opts.clone()))
            .or_insert_with(|| vendor.client(base, opts, id))
            .clone()
    }
}

// ---------------------------------------------------------------------------------------------
// The table.

#[derive(Clone, Debug)]
enum Expect {
    /// The documented success body's payload, from a 200, after this many attempts.
    Ok {
        attempts: u32,
    },
    Api {
        status: u16,
        attempts: u32,
        retryable: bool,
        excerpt: Option<&'static str>,
    },
    Code {
        code: VendorCode,
        attempts: u32,
    },
    Timeout {
        connect: bool,
    },
    Transport {
        connect: bool,
    },
    Decode {
        excerpt: Option<&'static str>,
    },
    TooLarge {
        limit: usize,
    },
    VersionMismatch,
}

#[derive(Clone)]
struct Fault {
    name: &'static str,
    vendors: &'static [V],
    script: fn(V) -> Vec<Act>,
    opts: Opts,
    expect: Expect,
    /// Requests that reach the server.
    requests: usize,
    /// How long the call may take.
    took: (Duration, Duration),
}

const QUICK: (Duration, Duration) = (Duration::ZERO, Duration::from_secs(5));

fn fault(
    name: &'static str,
    vendors: &'static [V],
    script: fn(V) -> Vec<Act>,
    expect: Expect,
    requests: usize,
) -> Fault {
    Fault {
        name,
        vendors,
        script,
        opts: Opts::default(),
        expect,
        requests,
        took: QUICK,
    }
}

impl Fault {
    fn opts(mut self, f: impl FnOnce(&mut Opts)) -> Self {
        f(&mut self.opts);
        self
    }

    fn took(mut self, min: Duration, max: Duration) -> Self {
        self.took = (min, max);
        self
    }
}

fn check(expect: &Expect, vendor: V, result: &Outcome) -> Result<(), String> {
    let fail = || match result {
        Ok((value, meta)) => Err(format!(
            "expected {expect:?}, got a success ({meta:?}) whose value is {}the one sent",
            if vendor.expected_value(&vendor.ok_body()).as_ref() == Some(value) {
                ""
            } else {
                "not "
            }
        )),
        Err(_) => Err(format!("expected {expect:?}, got {result:?}")),
    };
    match (expect, result) {
        (Expect::Ok { attempts }, Ok((value, meta)))
            if meta.attempts == *attempts
                && meta.status == Some(reqwest::StatusCode::OK)
                && vendor.expected_value(&vendor.ok_body()).as_ref() == Some(value) =>
        {
            Ok(())
        }
        (
            Expect::Api {
                status,
                attempts,
                retryable,
                excerpt,
            },
            Err(e @ Error::Api(api)),
        ) => {
            let excerpt_ok = match excerpt {
                Some(text) => api
                    .body_excerpt
                    .as_deref()
                    .is_some_and(|b| b.contains(text)),
                None => true,
            };
            if api.status.as_u16() == *status
                && api.meta.attempts == *attempts
                && e.is_retryable() == *retryable
                && excerpt_ok
            {
                Ok(())
            } else {
                fail()
            }
        }
        (Expect::Code { code, attempts }, Err(Error::Api(api)))
            if api.code.as_ref() == Some(code) && api.meta.attempts == *attempts =>
        {
            Ok(())
        }
        (Expect::Timeout { connect }, Err(e @ Error::Timeout { connect: c, .. }))
            if c == connect && e.is_retryable() == *connect =>
        {
            Ok(())
        }
        (Expect::Transport { connect }, Err(e @ Error::Transport { connect: c, .. }))
            if c == connect && e.is_retryable() == *connect =>
        {
            Ok(())
        }
        (Expect::Decode { excerpt }, Err(Error::Decode { excerpt: got, .. }))
            if excerpt.is_none_or(|t| got.contains(t)) =>
        {
            Ok(())
        }
        (Expect::TooLarge { limit }, Err(e @ Error::ResponseTooLarge { limit: l, .. }))
            if l == limit && !e.is_retryable() =>
        {
            Ok(())
        }
        (Expect::VersionMismatch, Err(Error::VersionMismatch { .. })) => Ok(()),
        _ => fail(),
    }
}

/// Runs every fault against each of its vendors, concurrently, through one server; answers
/// how many ran.
async fn run_all(group: &str, faults: Vec<Fault>) -> usize {
    let router = Router::start().await;
    let mut clients = Clients::default();
    let mut runs = Vec::new();
    for fault in faults {
        for &vendor in fault.vendors {
            let id = runs.len() + 1;
            router.add(id, (fault.script)(vendor));
            let client = clients.get(vendor, &router.url(), &fault.opts, id);
            runs.push((id, vendor, fault.clone(), client));
        }
    }
    let mut set = JoinSet::new();
    for (id, vendor, fault, client) in runs {
        set.spawn(async move {
            let name = format!("{} / {vendor:?}", fault.name);
            let call = tokio::spawn(async move {
                let started = Instant::now();
                let result = client.call(id).await;
                (result, started.elapsed())
            });
            match call.await {
                Ok((result, took)) => (id, vendor, name, fault, Ok((result, took))),
                Err(e) => (id, vendor, name, fault, Err(format!("PANICKED: {e}"))),
            }
        });
    }
    let mut outcomes = Vec::new();
    while let Some(joined) = set.join_next().await {
        outcomes.push(joined.expect("the runner task itself never panics"));
    }
    // Give a server that is still reading a moment to count a late request.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let tried = outcomes.len();
    let mut failures = Vec::new();
    for (id, vendor, name, fault, outcome) in outcomes {
        let (result, took) = match outcome {
            Ok(done) => done,
            Err(panic) => {
                failures.push(format!("{name}: {panic}"));
                continue;
            }
        };
        let mut problems = Vec::new();
        if let Err(e) = check(&fault.expect, vendor, &result) {
            problems.push(e);
        }
        if let Err(e) = &result {
            // Every error is one line, whatever the server sent.
            let line = e.to_string();
            if line.contains('\n') || line.contains('\r') {
                problems.push(format!("multi-line message {line:?}"));
            }
        }
        let requests = router.requests(id);
        if requests != fault.requests {
            problems.push(format!(
                "{requests} requests reached the server, expected {}",
                fault.requests
            ));
        }
        if took < fault.took.0 || took > fault.took.1 {
            problems.push(format!(
                "took {took:?}, expected between {:?} and {:?}",
                fault.took.0, fault.took.1
            ));
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}", problems.join("; ")));
        }
    }
    eprintln!("{group}: {tried} faults tried, {} failed", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {tried} faults failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    tried
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

// ---------------------------------------------------------------------------------------------
// Status codes, retries and Retry-After.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuses_retries_and_retry_after() {
    let faults = vec![
        fault(
            "500 with an HTML body",
            ALL,
            |_| {
                vec![Act::Send(http(
                    500,
                    &[("content-type", "text/html")],
                    b"<html><body><h1>Internal Server Error</h1></body></html>",
                ))]
            },
            Expect::Api {
                status: 500,
                attempts: 1,
                retryable: false,
                excerpt: Some("Internal Server Error"),
            },
            1,
        ),
        fault(
            "502 then success",
            ALL,
            |v| vec![status_only(502), Act::Send(json_ok(&v.ok_body()))],
            Expect::Ok { attempts: 2 },
            2,
        ),
        fault(
            "503 then success",
            ALL,
            |v| vec![status_only(503), Act::Send(json_ok(&v.ok_body()))],
            Expect::Ok { attempts: 2 },
            2,
        ),
        fault(
            "504 then success",
            ALL,
            |v| vec![status_only(504), Act::Send(json_ok(&v.ok_body()))],
            Expect::Ok { attempts: 2 },
            2,
        ),
        fault(
            "502, 503, 504 then success (4 attempts allowed)",
            ALL,
            |v| {
                vec![
                    status_only(502),
                    status_only(503),
                    status_only(504),
                    Act::Send(json_ok(&v.ok_body())),
                ]
            },
            Expect::Ok { attempts: 4 },
            4,
        )
        .opts(|o| o.attempts = 4),
        fault(
            "503 every time: attempts run out",
            ALL,
            |_| vec![status_only(503)],
            Expect::Api {
                status: 503,
                attempts: 3,
                retryable: true,
                excerpt: None,
            },
            3,
        ),
        fault(
            "429 with Retry-After: 1 is honoured",
            ALL,
            |v| {
                vec![
                    Act::Send(http(429, &[("retry-after", "1")], b"")),
                    Act::Send(json_ok(&v.ok_body())),
                ]
            },
            Expect::Ok { attempts: 2 },
            2,
        )
        .took(ms(950), Duration::from_secs(6)),
        fault(
            "429 with Retry-After: 3600 is capped (at 50 ms)",
            ALL,
            |v| {
                vec![
                    Act::Send(http(429, &[("retry-after", "3600")], b"")),
                    Act::Send(json_ok(&v.ok_body())),
                ]
            },
            Expect::Ok { attempts: 2 },
            2,
        )
        .opts(|o| o.retry_after_cap = ms(50))
        .took(Duration::ZERO, Duration::from_secs(3)),
        fault(
            "503 with an HTTP-date Retry-After an hour ahead is capped (at 50 ms)",
            ALL,
            |v| {
                let when = (chrono::Utc::now() + chrono::Duration::hours(1))
                    .format("%a, %d %b %Y %H:%M:%S GMT")
                    .to_string();
                vec![
                    Act::Send(http(503, &[("retry-after", &when)], b"")),
                    Act::Send(json_ok(&v.ok_body())),
                ]
            },
            Expect::Ok { attempts: 2 },
            2,
        )
        .opts(|o| o.retry_after_cap = ms(50))
        .took(Duration::ZERO, Duration::from_secs(3)),
        fault(
            "500 with Retry-After is still not retried",
            ALL,
            |_| vec![Act::Send(http(500, &[("retry-after", "1")], b""))],
            Expect::Api {
                status: 500,
                attempts: 1,
                retryable: false,
                excerpt: None,
            },
            1,
        )
        .took(Duration::ZERO, ms(900)),
        fault(
            "400 is not retried",
            ALL,
            |_| vec![status_only(400)],
            Expect::Api {
                status: 400,
                attempts: 1,
                retryable: false,
                excerpt: None,
            },
            1,
        ),
        fault(
            "401 with a static credential is not retried",
            ALL,
            |_| vec![status_only(401)],
            Expect::Api {
                status: 401,
                attempts: 1,
                retryable: false,
                excerpt: None,
            },
            1,
        ),
        fault(
            "404 is not retried",
            ALL,
            |_| vec![status_only(404)],
            Expect::Api {
                status: 404,
                attempts: 1,
                retryable: false,
                excerpt: None,
            },
            1,
        ),
        fault(
            "418 with a plain-text body keeps an excerpt",
            ALL,
            |_| vec![Act::Send(http(418, &[], b"I'm a teapot"))],
            Expect::Api {
                status: 418,
                attempts: 1,
                retryable: false,
                excerpt: Some("teapot"),
            },
            1,
        ),
        fault(
            "a redirect is not followed",
            ALL,
            |_| {
                vec![Act::Send(http(
                    307,
                    &[("location", "http://127.0.0.1:9/elsewhere")],
                    b"",
                ))]
            },
            Expect::Api {
                status: 307,
                attempts: 1,
                retryable: false,
                excerpt: None,
            },
            1,
        ),
        fault(
            "PDM 205 (rate limit) then success",
            &[V::Pdm],
            |v| {
                vec![
                    Act::Send(json_ok(&pdm_status_body(205))),
                    Act::Send(json_ok(&v.ok_body())),
                ]
            },
            Expect::Ok { attempts: 2 },
            2,
        ),
        fault(
            "PDM 205 every time: attempts run out",
            &[V::Pdm],
            |_| vec![Act::Send(json_ok(&pdm_status_body(205)))],
            Expect::Code {
                code: VendorCode::from(PdmStatus::RateLimitExceeded),
                attempts: 3,
            },
            3,
        ),
        fault(
            "PDM 500 (general service error) in a 200 is not retried",
            &[V::Pdm],
            |_| vec![Act::Send(json_ok(&pdm_status_body(500)))],
            Expect::Code {
                code: VendorCode::from(PdmStatus::GeneralServiceError),
                attempts: 1,
            },
            1,
        ),
        fault(
            "PDM 202 with a fixed session token is not retried",
            &[V::Pdm],
            |_| vec![Act::Send(json_ok(&pdm_status_body(202)))],
            Expect::Code {
                code: VendorCode::from(PdmStatus::InvalidApiKey),
                attempts: 1,
            },
            1,
        ),
        fault(
            "PDM: GetSessionToken answers HTML: nothing else is sent",
            &[V::PdmKey],
            |_| vec![Act::Send(json_ok(b"<html>maintenance</html>"))],
            Expect::Decode {
                excerpt: Some("maintenance"),
            },
            1,
        ),
        fault(
            "PDM: GetSessionToken refuses the key (202): nothing else is sent",
            &[V::PdmKey],
            |_| vec![Act::Send(json_ok(&pdm_status_body(202)))],
            Expect::Code {
                code: VendorCode::from(PdmStatus::InvalidApiKey),
                attempts: 1,
            },
            1,
        ),
        fault(
            "Foxtrot 7001 in its error envelope is not retried",
            &[V::Foxtrot],
            |_| {
                vec![Act::Send(http(
                    400,
                    &[("content-type", "application/json")],
                    br#"{"status":"error","data":{"code":7001,"message":"Customer location not confident"}}"#,
                ))]
            },
            // get_customer does not document 400: the envelope is read from the bytes.
            Expect::Code {
                code: VendorCode::from(FoxtrotCode::LocationNotConfident),
                attempts: 1,
            },
            1,
        ),
        fault(
            "CRO answering another API version than pinned",
            &[V::Cro],
            |v| {
                vec![Act::Send(http(
                    200,
                    &[("x-api-version", "2019/02/08")],
                    &v.ok_body(),
                ))]
            },
            Expect::VersionMismatch,
            1,
        ),
    ];
    assert_eq!(run_all("statuses", faults).await, 53);
}

// ---------------------------------------------------------------------------------------------
// PDM with an API key: GetSessionToken and the GetCustomer call that needs it share one retry
// budget. An attempt is obtaining a session when none is cached, then sending GetCustomer once;
// GetSessionToken never retries on its own, a repeat after a 202 is an attempt too, and a call
// makes at most `max_attempts` attempts (so at most twice as many requests, which the last
// column counts on the wire).

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pdm_session_and_call_share_one_retry_budget() {
    let faults = vec![
        fault(
            "GetSessionToken 503, then a session, then the customer",
            &[V::PdmKey],
            |v| {
                vec![
                    status_only(503),
                    Act::Send(json_ok(&pdm_session_body())),
                    Act::Send(json_ok(&v.ok_body())),
                ]
            },
            Expect::Ok { attempts: 2 },
            3,
        ),
        fault(
            "GetSessionToken 205 (rate limit), then a session, then the customer",
            &[V::PdmKey],
            |v| {
                vec![
                    Act::Send(json_ok(&pdm_status_body(205))),
                    Act::Send(json_ok(&pdm_session_body())),
                    Act::Send(json_ok(&v.ok_body())),
                ]
            },
            Expect::Ok { attempts: 2 },
            3,
        ),
        fault(
            "GetSessionToken 503 every time: 3 requests in all, not 3 per attempt",
            &[V::PdmKey],
            |_| vec![status_only(503)],
            Expect::Api {
                status: 503,
                attempts: 3,
                retryable: true,
                excerpt: None,
            },
            3,
        ),
        fault(
            "GetSessionToken 503, a session, GetCustomer 503, the customer (4 allowed)",
            &[V::PdmKey],
            |v| {
                vec![
                    status_only(503),
                    Act::Send(json_ok(&pdm_session_body())),
                    status_only(503),
                    Act::Send(json_ok(&v.ok_body())),
                ]
            },
            Expect::Ok { attempts: 3 },
            4,
        )
        .opts(|o| o.attempts = 4),
        fault(
            "202 renews the session once and repeats the call (4 allowed)",
            &[V::PdmKey],
            |v| {
                vec![
                    Act::Send(json_ok(&pdm_session_body())),
                    Act::Send(json_ok(&pdm_status_body(202))),
                    Act::Send(json_ok(&pdm_session_body())),
                    Act::Send(json_ok(&v.ok_body())),
                ]
            },
            Expect::Ok { attempts: 2 },
            4,
        )
        .opts(|o| o.attempts = 4),
        fault(
            "202 again after renewing is an error, not a loop (4 allowed)",
            &[V::PdmKey],
            |_| {
                vec![
                    Act::Send(json_ok(&pdm_session_body())),
                    Act::Send(json_ok(&pdm_status_body(202))),
                    Act::Send(json_ok(&pdm_session_body())),
                    Act::Send(json_ok(&pdm_status_body(202))),
                ]
            },
            Expect::Code {
                code: VendorCode::from(PdmStatus::InvalidApiKey),
                attempts: 2,
            },
            4,
        )
        .opts(|o| o.attempts = 4),
    ];
    assert_eq!(run_all("PDM one retry budget", faults).await, 6);
}

// ---------------------------------------------------------------------------------------------
// Broken bodies, broken framing, broken connections.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_bodies_framing_and_connections() {
    let faults = vec![
        fault(
            "truncated body (Content-Length 4096, 100 bytes, close)",
            ALL,
            |v| {
                let body = v.ok_body();
                let mut bytes = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4096\r\nconnection: close\r\n\r\n"
                    .to_vec();
                bytes.extend_from_slice(&body[..100]);
                vec![Act::Send(bytes)]
            },
            Expect::Transport { connect: false },
            3,
        ),
        fault(
            "Content-Length shorter than the body",
            ALL,
            |v| {
                let body = v.ok_body();
                let mut bytes = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len() / 2
                )
                .into_bytes();
                bytes.extend_from_slice(&body);
                vec![Act::Send(bytes)]
            },
            Expect::Decode { excerpt: None },
            1,
        ),
        fault(
            "Content-Length that is not a number",
            ALL,
            |v| {
                let mut bytes =
                    b"HTTP/1.1 200 OK\r\ncontent-length: lots\r\nconnection: close\r\n\r\n"
                        .to_vec();
                bytes.extend_from_slice(&v.ok_body());
                vec![Act::Send(bytes)]
            },
            Expect::Transport { connect: false },
            1,
        ),
        fault(
            "two Content-Lengths that disagree",
            ALL,
            |v| {
                let body = v.ok_body();
                let mut bytes = format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\ncontent-length: 3\r\nconnection: close\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                bytes.extend_from_slice(&body);
                vec![Act::Send(bytes)]
            },
            Expect::Transport { connect: false },
            1,
        ),
        fault(
            "malformed chunked encoding",
            ALL,
            |_| {
                vec![Act::Send(
                    b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
                        .to_vec(),
                )]
            },
            Expect::Transport { connect: false },
            1,
        ),
        fault(
            "JSON with the wrong content type (text/html) still decodes",
            ALL,
            |v| {
                vec![Act::Send(http(
                    200,
                    &[("content-type", "text/html; charset=iso-8859-1")],
                    &v.ok_body(),
                ))]
            },
            Expect::Ok { attempts: 1 },
            1,
        ),
        fault(
            "JSON without any content type still decodes",
            ALL,
            |v| vec![Act::Send(http(200, &[], &v.ok_body()))],
            Expect::Ok { attempts: 1 },
            1,
        ),
        fault(
            "body delimited by closing the connection (no Content-Length)",
            ALL,
            |v| {
                let mut bytes = b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_vec();
                bytes.extend_from_slice(&v.ok_body());
                vec![Act::Send(bytes)]
            },
            Expect::Ok { attempts: 1 },
            1,
        ),
        fault(
            "an HTML page with 200",
            ALL,
            |_| {
                vec![Act::Send(http(
                    200,
                    &[("content-type", "text/html")],
                    b"<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>",
                ))]
            },
            Expect::Decode {
                excerpt: Some("<!DOCTYPE html>"),
            },
            1,
        ),
        fault(
            "an empty body with 200",
            ALL,
            |_| vec![Act::Send(json_ok(b""))],
            Expect::Decode { excerpt: None },
            1,
        ),
        fault(
            "invalid UTF-8 inside a JSON string (200)",
            ALL,
            |v| {
                let body = String::from_utf8(v.ok_body()).unwrap();
                // Break the first string value after the first colon.
                let at = body.find(": \"").or_else(|| body.find(":\"")).unwrap();
                let quote = at + body[at..].find('"').unwrap() + 1;
                let mut bytes = body.into_bytes();
                bytes.splice(quote..quote, [0xff, 0xfe, 0xc3]);
                vec![Act::Send(json_ok(&bytes))]
            },
            Expect::Decode {
                excerpt: Some("\u{fffd}"),
            },
            1,
        ),
        fault(
            "invalid UTF-8 in a 500 body",
            ALL,
            |_| vec![Act::Send(http(500, &[], b"\xff\xfe broken \xc3"))],
            Expect::Api {
                status: 500,
                attempts: 1,
                retryable: false,
                excerpt: Some("broken"),
            },
            1,
        ),
        fault(
            "invalid UTF-8 in the x-request-id header",
            ALL,
            |v| {
                let mut bytes = b"HTTP/1.1 200 OK\r\nx-request-id: \xff\xfe\r\ncontent-type: application/json\r\nconnection: close\r\n".to_vec();
                let body = v.ok_body();
                bytes.extend_from_slice(
                    format!("content-length: {}\r\n\r\n", body.len()).as_bytes(),
                );
                bytes.extend_from_slice(&body);
                vec![Act::Send(bytes)]
            },
            Expect::Ok { attempts: 1 },
            1,
        ),
        fault(
            "JSON nested 100 000 levels deep",
            ALL,
            |_| vec![Act::Send(json_ok(&b"[".repeat(100_000)))],
            Expect::Decode { excerpt: None },
            1,
        ),
        fault(
            "not HTTP at all",
            ALL,
            |_| vec![Act::Send(b"SSH-2.0-OpenSSH_9.6\r\n".to_vec())],
            Expect::Transport { connect: false },
            1,
        ),
        fault(
            "a 1 MiB header block",
            ALL,
            |_| {
                let mut bytes = b"HTTP/1.1 200 OK\r\nx-filler: ".to_vec();
                bytes.extend(std::iter::repeat_n(b'a', 1 << 20));
                bytes.extend_from_slice(b"\r\ncontent-length: 2\r\n\r\n{}");
                vec![Act::Send(bytes)]
            },
            Expect::Transport { connect: false },
            1,
        ),
        fault(
            "closed after reading the request, no answer",
            ALL,
            |_| vec![Act::Send(Vec::new())],
            Expect::Transport { connect: false },
            3,
        ),
        fault(
            "reset after reading the request, no answer",
            ALL,
            |_| vec![Act::SendThenReset(Vec::new())],
            Expect::Transport { connect: false },
            3,
        ),
        fault(
            "reset mid-body",
            ALL,
            |v| {
                let body = v.ok_body();
                let mut bytes = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                bytes.extend_from_slice(&body[..body.len() / 2]);
                vec![Act::SendThenReset(bytes)]
            },
            Expect::Transport { connect: false },
            3,
        ),
        fault(
            "reset mid-body of a 503: still a 503, retried",
            ALL,
            |_| {
                vec![Act::SendThenReset(
                    b"HTTP/1.1 503 Unavailable\r\ncontent-length: 100\r\n\r\n{\"det".to_vec(),
                )]
            },
            Expect::Api {
                status: 503,
                attempts: 3,
                retryable: true,
                excerpt: None,
            },
            3,
        ),
    ];
    assert_eq!(run_all("bodies and connections", faults).await, 60);
}

// ---------------------------------------------------------------------------------------------
// Timeouts. Every operation here is idempotent: an attempt that times out is repeated (3
// attempts, each within the attempt timeout, so the call stays within the bound).

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_servers_time_out_near_the_bound() {
    let bound = (ms(250), Duration::from_secs(3));
    let faults = vec![
        fault(
            "slow headers: nothing for 5 s",
            ALL,
            |_| vec![Act::Hang(Duration::from_secs(5))],
            Expect::Timeout { connect: false },
            3,
        ),
        fault(
            "slow headers: the status line, then nothing",
            ALL,
            |_| {
                vec![Act::Drip(vec![
                    (Duration::ZERO, b"HTTP/1.1 200 OK\r\n".to_vec()),
                    (Duration::from_secs(5), b"\r\n".to_vec()),
                ])]
            },
            Expect::Timeout { connect: false },
            3,
        ),
        fault(
            "slow body: the head at once, then one byte every 100 ms",
            ALL,
            |v| {
                let body = v.ok_body();
                let mut parts = vec![(
                    Duration::ZERO,
                    format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes(),
                )];
                parts.extend(body.iter().take(60).map(|b| (ms(100), vec![*b])));
                vec![Act::Drip(parts)]
            },
            Expect::Timeout { connect: false },
            3,
        ),
        fault(
            "slow chunked body",
            ALL,
            |_| {
                let mut parts = vec![(
                    Duration::ZERO,
                    b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
                        .to_vec(),
                )];
                parts.extend((0..60).map(|_| (ms(100), b"1\r\n \r\n".to_vec())));
                vec![Act::Drip(parts)]
            },
            Expect::Timeout { connect: false },
            3,
        ),
        fault(
            "slow error body: a 503 whose body never completes, retried (2 attempts)",
            ALL,
            |_| {
                let mut parts = vec![(
                    Duration::ZERO,
                    b"HTTP/1.1 503 Unavailable\r\ncontent-length: 100\r\n\r\n".to_vec(),
                )];
                parts.extend((0..60).map(|_| (ms(100), b" ".to_vec())));
                vec![Act::Drip(parts)]
            },
            Expect::Api {
                status: 503,
                attempts: 2,
                retryable: true,
                excerpt: None,
            },
            2,
        )
        .opts(|o| o.attempts = 2),
    ]
    .into_iter()
    .map(|f| f.opts(|o| o.timeout = ms(300)).took(bound.0, bound.1))
    .collect();
    assert_eq!(run_all("timeouts", faults).await, 15);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_refused_is_retried_and_reported_as_a_connect_failure() {
    let mut tried = 0;
    for vendor in ALL {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let client = vendor.client(&format!("http://{addr}"), &Opts::default(), 1);
        let started = Instant::now();
        let err = client.call(1).await.unwrap_err();
        match &err {
            Error::Transport {
                connect: true,
                meta,
                ..
            } => assert_eq!(meta.attempts, 3, "{vendor:?}"),
            other => panic!("{vendor:?}: expected a connect failure, got {other:?}"),
        }
        assert!(err.is_retryable());
        assert!(started.elapsed() < Duration::from_secs(3), "{vendor:?}");
        tried += 1;
    }
    eprintln!("connection refused: {tried} faults tried");
    assert_eq!(tried, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connect_timeout_is_retried_and_fires_near_its_bound() {
    // A listener whose accept queue is full and never drained: further connection attempts
    // get no answer at all, so they hang until the connect timeout.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    // Fill the queue: the first connection is queued, the next one gets no answer.
    let mut held = Vec::new();
    while let Ok(Ok(stream)) = tokio::time::timeout(ms(50), TcpStream::connect(addr)).await {
        held.push(stream);
    }
    let opts = Opts {
        connect_timeout: ms(200),
        ..Opts::default()
    };
    let mut calls = JoinSet::new();
    for &vendor in ALL {
        let client = vendor.client(&format!("http://{addr}"), &opts, 1);
        calls.spawn(async move {
            let started = Instant::now();
            let result = client.call(1).await;
            (vendor, result, started.elapsed())
        });
    }
    let mut tried = 0;
    while let Some(joined) = calls.join_next().await {
        let (vendor, result, took) = joined.expect("no panic");
        let err = result.unwrap_err();
        match &err {
            Error::Timeout {
                connect: true,
                meta,
                ..
            } => assert_eq!(meta.attempts, 3, "{vendor:?}"),
            other => panic!("{vendor:?}: expected a connect timeout, got {other:?}"),
        }
        assert!(err.is_retryable());
        // Three attempts of 200 ms each, plus small backoff delays.
        assert!(
            took >= ms(550) && took < Duration::from_secs(5),
            "{vendor:?}: {took:?}"
        );
        tried += 1;
    }
    drop(held);
    eprintln!("connect timeout: {tried} faults tried");
    assert_eq!(tried, 3);
}

// ---------------------------------------------------------------------------------------------
// The response size cap.

const LIMIT: usize = 4096;
const DEFAULT_LIMIT: usize = 4 * 1024 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_response_size_cap_holds_for_content_length_and_chunked_bodies() {
    let small = |f: Fault| f.opts(|o| o.limit = Some(LIMIT));
    let faults = vec![
        small(fault(
            "Content-Length over the cap (nothing is read)",
            ALL,
            |v| vec![Act::Send(json_ok(&padded(&v.ok_body(), LIMIT + 1)))],
            Expect::TooLarge { limit: LIMIT },
            1,
        )),
        small(fault(
            "Content-Length exactly at the cap",
            ALL,
            |v| vec![Act::Send(json_ok(&padded(&v.ok_body(), LIMIT)))],
            Expect::Ok { attempts: 1 },
            1,
        )),
        small(fault(
            "Content-Length of 1 TiB, no body",
            ALL,
            |_| {
                vec![Act::Send(
                    b"HTTP/1.1 200 OK\r\ncontent-length: 1099511627776\r\n\r\n".to_vec(),
                )]
            },
            Expect::TooLarge { limit: LIMIT },
            1,
        )),
        small(fault(
            "chunked body over the cap",
            ALL,
            |v| vec![Act::Send(chunked(200, &padded(&v.ok_body(), LIMIT + 1)))],
            Expect::TooLarge { limit: LIMIT },
            1,
        )),
        small(fault(
            "chunked body exactly at the cap",
            ALL,
            |v| vec![Act::Send(chunked(200, &padded(&v.ok_body(), LIMIT)))],
            Expect::Ok { attempts: 1 },
            1,
        )),
        small(fault(
            "endless chunked body",
            ALL,
            |_| {
                vec![Act::Endless(
                    b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec(),
                )]
            },
            Expect::TooLarge { limit: LIMIT },
            1,
        )),
        small(fault(
            "body delimited by close, over the cap",
            ALL,
            |_| {
                let mut bytes = b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_vec();
                bytes.extend(std::iter::repeat_n(b' ', LIMIT * 4));
                vec![Act::Send(bytes)]
            },
            Expect::TooLarge { limit: LIMIT },
            1,
        )),
        small(fault(
            "500 with a Content-Length over the cap: still the 500, with the start of its body",
            ALL,
            |_| vec![Act::Send(http(500, &[], &b"x".repeat(LIMIT * 2)))],
            Expect::Api {
                status: 500,
                attempts: 1,
                retryable: false,
                excerpt: Some("xxxx"),
            },
            1,
        )),
        small(fault(
            "404 with a chunked body over the cap: still the 404",
            ALL,
            |_| vec![Act::Send(chunked(404, &b" ".repeat(LIMIT * 2)))],
            Expect::Api {
                status: 404,
                attempts: 1,
                retryable: false,
                excerpt: None,
            },
            1,
        )),
        small(fault(
            "418 (undocumented) with an endless chunked body: still the 418, read only to the cap",
            ALL,
            |_| {
                vec![Act::Endless(
                    b"HTTP/1.1 418 Teapot\r\ntransfer-encoding: chunked\r\n\r\n".to_vec(),
                )]
            },
            Expect::Api {
                status: 418,
                attempts: 1,
                retryable: false,
                excerpt: None,
            },
            1,
        )),
        small(fault(
            "PDM: GetSessionToken over the cap: nothing else is sent",
            &[V::PdmKey],
            |_| {
                vec![Act::Send(chunked(
                    200,
                    &padded(&pdm_session_body(), LIMIT + 1),
                ))]
            },
            Expect::TooLarge { limit: LIMIT },
            1,
        )),
        fault(
            "default cap (4 MiB): Content-Length one byte over",
            &[V::Cro],
            |v| vec![Act::Send(json_ok(&padded(&v.ok_body(), DEFAULT_LIMIT + 1)))],
            Expect::TooLarge {
                limit: DEFAULT_LIMIT,
            },
            1,
        ),
        fault(
            "default cap (4 MiB): chunked, one byte over",
            &[V::Pdm],
            |v| {
                vec![Act::Send(chunked(
                    200,
                    &padded(&v.ok_body(), DEFAULT_LIMIT + 1),
                ))]
            },
            Expect::TooLarge {
                limit: DEFAULT_LIMIT,
            },
            1,
        ),
        fault(
            "default cap (4 MiB): chunked, exactly at the cap",
            &[V::Foxtrot],
            |v| {
                vec![Act::Send(chunked(
                    200,
                    &padded(&v.ok_body(), DEFAULT_LIMIT),
                ))]
            },
            Expect::Ok { attempts: 1 },
            1,
        ),
        fault(
            "default cap (4 MiB): endless chunked body",
            &[V::Cro, V::Foxtrot],
            |_| {
                vec![Act::Endless(
                    b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec(),
                )]
            },
            Expect::TooLarge {
                limit: DEFAULT_LIMIT,
            },
            1,
        ),
    ];
    assert_eq!(run_all("size cap", faults).await, 36);
}

// ---------------------------------------------------------------------------------------------
// Redirects: credentials must not follow a redirect to another server.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_to_another_server_sends_it_nothing() {
    let elsewhere = Router::single(vec![Act::Send(json_ok(&V::Cro.ok_body()))]).await;
    let location = format!("http://localhost:{}/stolen", elsewhere.addr.port());
    let first = Router::start().await;
    let mut clients = Clients::default();
    let mut runs = Vec::new();
    for vendor in [V::Cro, V::Pdm, V::Foxtrot, V::PdmKey] {
        for status in [301u16, 302, 303, 307, 308] {
            let id = runs.len() + 1;
            let redirect = Act::Send(http(status, &[("location", location.as_str())], b""));
            first.add(id, vec![redirect]);
            let client = clients.get(vendor, &first.url(), &Opts::default(), id);
            runs.push((vendor, status, id, client));
        }
    }
    for (vendor, status, id, client) in &runs {
        let err = client.call(*id).await.expect_err("a redirect is an error");
        assert_eq!(
            err.status().map(|s| s.as_u16()),
            Some(*status),
            "{vendor:?}: {err:?}"
        );
        assert!(!err.is_retryable());
        assert_eq!(first.requests(*id), 1, "{vendor:?} {status}");
    }
    tokio::time::sleep(ms(50)).await;
    assert_eq!(
        elsewhere.requests(0),
        0,
        "a redirect was followed to another server"
    );
    eprintln!("redirects: {} faults tried", runs.len());
    assert_eq!(runs.len(), 20);
}

// ---------------------------------------------------------------------------------------------
// Whatever bytes the server sends: an answer or a typed error, quickly, never a panic.

/// How many requests one call makes for one scripted answer, from the documented policy alone
/// (not from the SDK's `is_retryable()`): a final answer of 429, 502, 503 or 504, or one whose
/// body carries PDM's rate-limit code 205, is tried `attempts` times; anything else once.
/// `complete`: whether the whole body arrives, which a 200 needs to be read at all (an error
/// answer's body is read as far as it arrives, and the server sends all of it before failing).
fn requests_by_policy(vendor: V, status: u16, body: &[u8], complete: bool, attempts: u32) -> usize {
    let pdm_205 = || {
        vendor == V::Pdm
            && serde_json::from_slice::<Value>(body)
                .is_ok_and(|b| b["status"]["code"] == json!(205))
    };
    let retried = match status {
        429 | 502 | 503 | 504 => true,
        // No final answer, or one without a body.
        100..=199 | 204 | 304 => false,
        // A success whose connection broke off before its whole body came: every operation
        // here is idempotent, so it is repeated.
        200..=299 if !complete => true,
        _ => pdm_205(),
    };
    if retried {
        attempts as usize
    } else {
        1
    }
}

#[test]
fn arbitrary_server_bytes_never_panic() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let router = runtime.block_on(Router::start());
    let opts = Opts {
        attempts: 2,
        timeout: Duration::from_secs(2),
        limit: Some(64 * 1024),
        ..Opts::default()
    };
    let clients: Vec<Client> = ALL
        .iter()
        .map(|v| v.client(&router.url(), &opts, 0))
        .collect();
    let statuses = prop_oneof![
        3 => Just(200u16),
        1 => Just(400),
        1 => Just(404),
        1 => Just(429),
        1 => Just(500),
        1 => Just(503),
        1 => 100u16..1000
    ];
    let headers = prop::collection::vec(
        ("[a-zA-Z-]{1,20}", prop::collection::vec(32u8..127, 0..40)),
        0..5,
    );
    // The calling vendor's documented success body, as is or with one byte replaced (so that
    // successes happen and their values are checked), random bytes, or a PDM status body.
    let bodies = |vendor: usize| {
        let ok = ALL[vendor].ok_body();
        prop_oneof![
            2 => (any::<prop::sample::Index>(), prop::option::of(any::<u8>())).prop_map(
                move |(i, b)| {
                    let mut body = ok.clone();
                    if let Some(b) = b {
                        let at = i.index(body.len());
                        body[at] = b;
                    }
                    body
                }
            ),
            1 => prop::collection::vec(any::<u8>(), 0..600),
            // 205 (rate limit) is retried.
            1 => prop::sample::select(vec![101i64, 201, 202, 204, 205, 301, 401, 500, 999])
                .prop_map(pdm_status_body),
        ]
    };
    let strategy = (0usize..3).prop_flat_map(move |vendor| {
        (
            Just(vendor),
            statuses.clone(),
            headers.clone(),
            bodies(vendor),
            0u8..4,
            any::<bool>(),
        )
    });
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let tried = AtomicUsize::new(0);
    let (succeeded, retried) = (AtomicUsize::new(0), AtomicUsize::new(0));
    runner
        .run(
            &strategy,
            |(vendor, status, headers, body, framing, reset)| {
                let id = tried.fetch_add(1, Ordering::Relaxed) + 1;
                let mut bytes =
                    format!("HTTP/1.1 {status} X\r\nconnection: close\r\n").into_bytes();
                for (name, value) in &headers {
                    bytes.extend_from_slice(name.as_bytes());
                    bytes.extend_from_slice(b": ");
                    bytes.extend_from_slice(value);
                    bytes.extend_from_slice(b"\r\n");
                }
                match framing {
                    0 => bytes.extend_from_slice(
                        format!("content-length: {}\r\n\r\n", body.len()).as_bytes(),
                    ),
                    1 => bytes.extend_from_slice(
                        format!("content-length: {}\r\n\r\n", body.len() + 7).as_bytes(),
                    ),
                    2 => bytes.extend_from_slice(b"\r\n"),
                    _ => bytes = chunked(status, &body),
                }
                if framing != 3 {
                    bytes.extend_from_slice(&body);
                }
                router.add(
                    id,
                    vec![if reset {
                        Act::SendThenReset(bytes)
                    } else {
                        Act::Send(bytes)
                    }],
                );
                let client = clients[vendor].clone();
                let (joined, took) = runtime.block_on(async {
                    let started = Instant::now();
                    // The server counts a request before it answers: no need to wait here.
                    let joined = tokio::spawn(async move { client.call(id).await }).await;
                    (joined, started.elapsed())
                });
                let v = ALL[vendor];
                let result = joined
                    .map_err(|e| TestCaseError::fail(format!("{v:?}: the call panicked: {e}")))?;
                prop_assert!(took < Duration::from_secs(10), "took {:?}", took);
                // The client reads the whole body unless the declared length overstates it,
                // or a close-delimited body ends in a reset.
                let complete = framing == 0 || framing == 3 || (framing == 2 && !reset);
                let expected = requests_by_policy(v, status, &body, complete, opts.attempts);
                prop_assert_eq!(router.requests(id), expected, "{:?}: {:?}", v, result);
                if expected > 1 {
                    retried.fetch_add(1, Ordering::Relaxed);
                }
                match &result {
                    Ok((value, meta)) => {
                        // Only the documented success status is a success, sent once, and it
                        // hands over exactly the payload the server sent.
                        prop_assert_eq!(status, 200, "{:?}", result);
                        succeeded.fetch_add(1, Ordering::Relaxed);
                        prop_assert_eq!(meta.status.map(|s| s.as_u16()), Some(200));
                        prop_assert_eq!(meta.attempts, 1);
                        let sent = v.expected_value(&body);
                        prop_assert_eq!(Some(value), sent.as_ref());
                    }
                    Err(e) => {
                        prop_assert!(!e.to_string().contains('\n'), "{}", e);
                        if let Some(meta) = e.meta() {
                            prop_assert_eq!(meta.attempts as usize, expected, "{:?}", e);
                        }
                    }
                }
                Ok(())
            },
        )
        .unwrap();
    let tried = tried.load(Ordering::Relaxed);
    eprintln!(
        "arbitrary server bytes: {tried} faults tried, {} succeeded, {} retried by the policy",
        succeeded.load(Ordering::Relaxed),
        retried.load(Ordering::Relaxed)
    );
    assert_eq!(tried, 48);
}
