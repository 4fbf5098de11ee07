//! The SDK against the code its users would write by hand, side by side in one run
//! (BENCHMARKS.md has the figures, the machine and how to read them).
//!
//! 1. `decode/cro_customer`: the CRO Get Customer sample (from `specs/cro.yaml`) decoded into
//!    the generated `CustomerModel`, into a hand-written plain serde struct of the same fields
//!    (`baseline_plain_struct`), and into `serde_json::Value` for scale; plus a diagnostic, the
//!    plain struct with the SDK's `Timestamp` for its six timestamps.
//! 2. `round_trip/cro_get_customer`: one Get Customer against an in-process HTTP/1.1 server
//!    that answers fixed bytes (the sample, with `x-request-id` and `x-api-version`; keep-alive),
//!    the SDK client against a hand-written reqwest + serde call with the same reqwest settings
//!    (connect timeout 10 s, timeout 30 s, same user agent, redirects off) and the same request
//!    headers, on a
//!    single-threaded runtime (so that the SDK's own cost is not hidden behind thread hand-offs).
//! 3. `throughput/cro_get_customer`: 10,000 calls with at most 64 in flight (64 tasks on a
//!    two-worker runtime), same contenders.
//! 4. Allocations per call, counted by a global allocator (the servers' threads are not
//!    counted): printed before the timings, and written to `target/criterion/allocations.json`.
//!    Then, because a 2-core machine drifts between criterion's groups, each round trip again as
//!    101 interleaved pairs of blocks of 100 SDK and 100 baseline calls (decodes: 2,000 per
//!    block; throughput: 31 pairs of 10,000-call blocks), in `paired.json` as median ratios.
//! 5. `round_trip/pdm_get_customer` (API key; the session fetched once and cached) and
//!    `round_trip/foxtrot_get_customer` (envelope unwrapped), with their allocations.
//! 6. Two more references, in the allocation and paired tables only (rows `… vs fair
//!    baseline` and `… vs progenitor peer`), for the three round trips and the throughput:
//!    - the fair baseline (`Fair`): the hand-written calls with the vendor's fixed headers set
//!      once as the reqwest client's default headers, as a careful user writes them; it is the
//!      reference of the targets;
//!    - the peer (`PeerCro`, `PeerPdm`, `PeerFoxtrot`): progenitor's own generated client
//!      (`benches/peer/`, a package of its own) with its default settings, the header
//!      parameters passed on each call, on a reqwest client with the same settings: what a
//!      user of progenitor gets without this crate's layer. Its spec is relaxed in one way,
//!      without which it cannot decode the vendors' samples: `minLength`, `maxLength` and
//!      `pattern` are off every schema a response reaches (CRO's sample sends
//!      `"sales_rep": ""` against `minLength: 1`, and progenitor checks string constraints
//!      while decoding). Timestamps are then `String`s (progenitor does not know the specs'
//!      `iso8601-date-time`); dates stay chrono's `NaiveDate`, enums stay enums, and request
//!      types and header arguments keep their checks (`benches/peer/build.rs`).
//!
//! Run: `cargo bench --bench sdk_vs_baseline --features sandbox` (about 4
//! minutes), then `scripts/bench-ratios.py` for the ratios. `BENCH_PROFILE=cro_sdk` (or
//! `cro_baseline`, `cro_fair`, `cro_peer`, `pdm_sdk`, ...) runs one contender alone for a
//! profiler (`scripts/bench-instructions.sh` counts its instructions per call with valgrind);
//! `BENCH_DECODE=1` times the decoders alone.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use customer_apis::cro::{self, ApiVersion};
use customer_apis::{foxtrot, pdm};
use customer_apis_bench_peer as peer;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use baseline::{
    PlainCustomer, PlainFoxtrotCustomer, PlainFoxtrotEnvelope, PlainPdmAnswer, PlainPdmCustomer,
    PlainPdmRequest,
};

#[path = "support/baseline.rs"]
mod baseline;

// ---------------------------------------------------------------------------------------------
// Counting allocator
// ---------------------------------------------------------------------------------------------

struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// Set on the fixed-bytes server's thread: its allocations are not the client's.
    static NOT_COUNTED: Cell<bool> = const { Cell::new(false) };
}

#[inline]
fn count(size: usize) {
    if COUNTING.load(Ordering::Relaxed) && !NOT_COUNTED.try_with(Cell::get).unwrap_or(true) {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(size as u64, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded to `System` unchanged; counting touches only atomics and a
// const-initialised thread-local without a destructor, so it never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (calls to alloc, alloc_zeroed and realloc) and bytes requested, per operation.
#[derive(Clone, Copy, Debug)]
struct PerOp {
    allocs: f64,
    bytes: f64,
}

fn counted<R>(ops: u64, run: impl FnOnce() -> R) -> PerOp {
    ALLOCS.store(0, Ordering::SeqCst);
    BYTES.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    black_box(run());
    COUNTING.store(false, Ordering::SeqCst);
    PerOp {
        allocs: ALLOCS.load(Ordering::SeqCst) as f64 / ops as f64,
        bytes: BYTES.load(Ordering::SeqCst) as f64 / ops as f64,
    }
}

// ---------------------------------------------------------------------------------------------
// Samples, from the specs
// ---------------------------------------------------------------------------------------------

fn spec(vendor: &str) -> Value {
    let path = format!("{}/specs/{vendor}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn pointer<'a>(doc: &'a Value, at: &str) -> &'a Value {
    doc.pointer(at)
        .unwrap_or_else(|| panic!("no {at} in the spec"))
}

struct Samples {
    cro_customer: Vec<u8>,
    pdm_session: Vec<u8>,
    pdm_customer: Vec<u8>,
    foxtrot_customer: Vec<u8>,
}

impl Samples {
    fn load() -> Samples {
        let cro = spec("cro");
        let pdm = spec("pdm");
        let foxtrot = spec("foxtrot");
        let json = "content/application~1json";
        // Pretty-printed, as the vendor sends it (the docs' sample is indented).
        let cro_customer = serde_json::to_vec_pretty(pointer(
            &cro,
            &format!("/paths/~1customers~1{{customer_id}}/get/responses/200/{json}/example"),
        ))
        .unwrap();
        let mut session = pointer(
            &pdm,
            &format!("/paths/~1GetSessionToken/post/responses/200/{json}/examples/ok/value"),
        )
        .clone();
        // The sample's expiry is in the past; a cached session must stay valid for the run.
        session["session"]["expires_utc_datetime"] = "2099-01-01 00:00:00".into();
        session["session"]["expires_local_datetime"] = "2099-01-01 00:00:00".into();
        let pdm_customer = serde_json::to_vec_pretty(pointer(
            &pdm,
            &format!("/paths/~1GetCustomer/post/responses/200/{json}/examples/ok/value"),
        ))
        .unwrap();
        let foxtrot_customer = serde_json::to_vec_pretty(pointer(
            &foxtrot,
            &format!(
                "/paths/~1dcs~1{{dc_id}}~1customers~1{{customer_id}}/get/responses/200/{json}/example"
            ),
        ))
        .unwrap();
        Samples {
            cro_customer,
            pdm_session: serde_json::to_vec_pretty(&session).unwrap(),
            pdm_customer,
            foxtrot_customer,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A server that answers fixed bytes
// ---------------------------------------------------------------------------------------------

const REQUEST_ID: &str = "474cdb8c-461a-4a2f-be39-d01d258eeb86";

fn http_response(body: &[u8], extra_headers: &str) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{extra_headers}\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// Starts a keep-alive HTTP/1.1 server on its own thread (a current-thread runtime, not counted
/// by the allocator). Each request is answered with the bytes of the first route whose prefix
/// its target starts with.
fn fixed_server(routes: Vec<(&'static str, Vec<u8>)>) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let routes: Arc<Vec<(&'static str, Vec<u8>)>> = Arc::new(routes);
    std::thread::Builder::new()
        .name("fixed-server".into())
        .spawn(move || {
            NOT_COUNTED.with(|c| c.set(true));
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                loop {
                    let Ok((socket, _)) = listener.accept().await else {
                        continue;
                    };
                    tokio::spawn(serve(socket, routes.clone()));
                }
            });
        })
        .unwrap();
    addr
}

const NOT_FOUND: &[u8] = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n";

async fn serve(mut socket: tokio::net::TcpStream, routes: Arc<Vec<(&'static str, Vec<u8>)>>) {
    let _ = socket.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            match socket.read_buf(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        };
        let head = std::str::from_utf8(&buf[..head_end]).unwrap_or("");
        let body_len = head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        let target = head.split(' ').nth(1).unwrap_or("");
        let answer = routes
            .iter()
            .find(|(prefix, _)| target.starts_with(prefix))
            .map_or(NOT_FOUND, |(_, bytes)| bytes.as_slice());
        while buf.len() < head_end + body_len {
            match socket.read_buf(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
        buf.drain(..head_end + body_len);
        if socket.write_all(answer).await.is_err() {
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-written baselines: plain serde structs and plain reqwest calls
// ---------------------------------------------------------------------------------------------

// The plain serde structs (`PlainCustomer`, `PlainPdmAnswer`, `PlainFoxtrotEnvelope`, ...) are in
// benches/support/baseline.rs, shared with examples/get_customer_loop.rs.

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const TOKEN: &str = "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl";
const PDM_SESSION: &str = "9001|85d1c76d-5088-4cbe-a681-f3a86594dac9|0001";

/// What a user writes by hand: one reqwest client with the SDK's settings (timeouts, user
/// agent, no redirects), the documented headers written out on each call, `error_for_status`
/// and `json()` into a plain struct.
#[derive(Clone)]
struct Hand {
    http: reqwest::Client,
    base: Arc<str>,
}

/// A reqwest client builder with the SDK's settings, shared by every contender that is not
/// the SDK.
fn http_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .connect_timeout(customer_apis::DEFAULT_CONNECT_TIMEOUT)
        .timeout(customer_apis::DEFAULT_TIMEOUT)
        .user_agent(customer_apis::DEFAULT_USER_AGENT)
        // As the SDK's client: a 3xx is an answer, not something to follow.
        .redirect(reqwest::redirect::Policy::none())
}

impl Hand {
    fn new(base: &str) -> Hand {
        Hand {
            http: http_builder().build().unwrap(),
            base: base.into(),
        }
    }

    async fn cro_get_customer(&self, customer_id: i64) -> Result<PlainCustomer, BoxError> {
        let customer = self
            .http
            .get(format!("{}/customers/{customer_id}", self.base))
            .bearer_auth(TOKEN)
            .header("x-tenant-id", "1")
            .header("x-api-version", "2019/02/08")
            .header(ACCEPT, "application/json")
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(customer)
    }

    async fn pdm_get_customer(&self, customer_id: i64) -> Result<PlainPdmCustomer, BoxError> {
        let answer: PlainPdmAnswer = self
            .http
            .post(format!("{}/GetCustomer", self.base))
            .json(&PlainPdmRequest {
                company_id: 9001,
                session_token: PDM_SESSION,
                customer_id,
            })
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        if answer.status.code != 101 {
            return Err(format!("PDM {}: {}", answer.status.code, answer.status.details).into());
        }
        answer.customer.ok_or_else(|| "no customer".into())
    }

    async fn foxtrot_get_customer(
        &self,
        dc_id: &str,
        customer_id: &str,
    ) -> Result<PlainFoxtrotCustomer, BoxError> {
        let envelope: PlainFoxtrotEnvelope = self
            .http
            .get(format!("{}/dcs/{dc_id}/customers/{customer_id}", self.base))
            .header(AUTHORIZATION, format!("Bearer {TOKEN}"))
            .header(ACCEPT, "application/json")
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(envelope.data.customer)
    }
}

/// The fair baseline: what a careful user writes by hand. One reqwest client per vendor with
/// the SDK's settings and the vendor's fixed headers set once, as the client's default headers
/// (the credential marked sensitive); then `error_for_status` and `json()` into the same plain
/// structs as `Hand`.
#[derive(Clone)]
struct Fair(Hand);

impl Fair {
    fn new(base: &str, headers: HeaderMap) -> Fair {
        Fair(Hand {
            http: http_builder().default_headers(headers).build().unwrap(),
            base: base.into(),
        })
    }

    /// `Authorization: Bearer …`, `x-tenant-id`, `x-api-version` and `Accept`.
    fn cro(base: &str) -> Fair {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, bearer(TOKEN));
        headers.insert("x-tenant-id", HeaderValue::from_static("1"));
        headers.insert("x-api-version", HeaderValue::from_static("2019/02/08"));
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        Fair::new(base, headers)
    }

    /// No fixed headers: the session token travels in the JSON body.
    fn pdm(base: &str) -> Fair {
        Fair::new(base, HeaderMap::new())
    }

    /// The API key as `Authorization`, and `Accept`.
    fn foxtrot(base: &str) -> Fair {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, bearer(TOKEN));
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        Fair::new(base, headers)
    }

    async fn cro_get_customer(&self, customer_id: i64) -> Result<PlainCustomer, BoxError> {
        let Fair(hand) = self;
        let customer = hand
            .http
            .get(format!("{}/customers/{customer_id}", hand.base))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(customer)
    }

    /// The same call as `Hand`'s, which writes no header either.
    async fn pdm_get_customer(&self, customer_id: i64) -> Result<PlainPdmCustomer, BoxError> {
        self.0.pdm_get_customer(customer_id).await
    }

    async fn foxtrot_get_customer(
        &self,
        dc_id: &str,
        customer_id: &str,
    ) -> Result<PlainFoxtrotCustomer, BoxError> {
        let Fair(hand) = self;
        let envelope: PlainFoxtrotEnvelope = hand
            .http
            .get(format!("{}/dcs/{dc_id}/customers/{customer_id}", hand.base))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(envelope.data.customer)
    }
}

/// `Bearer <token>`, marked sensitive (as the SDK marks its own).
fn bearer(token: &str) -> HeaderValue {
    let mut value = HeaderValue::try_from(format!("Bearer {token}")).unwrap();
    value.set_sensitive(true);
    value
}

// ---------------------------------------------------------------------------------------------
// The peer: progenitor's own clients
// ---------------------------------------------------------------------------------------------

// `peer` (the package `benches/peer/`) is progenitor's client for each spec with its
// default settings: positional calls, no hooks, the header parameters as per-call arguments.
// Each is built with `new_with_client` on a reqwest client with the SDK's settings, and held in
// an `Arc` so that the throughput tasks share it as they share the other clients (progenitor's
// `Client` clones its base URL).

/// progenitor's CRO client, and the token parsed once into the type its `authorization`
/// argument takes (parsing checks the documented pattern). The token, tenant and version are
/// passed on each call, as progenitor makes you.
struct PeerCro {
    client: peer::cro::Client,
    authorization: peer::cro::types::GetCustomerAuthorization,
}

impl PeerCro {
    fn new(base: &str) -> Arc<PeerCro> {
        Arc::new(PeerCro {
            client: peer::cro::Client::new_with_client(base, http_builder().build().unwrap()),
            authorization: format!("Bearer {TOKEN}").parse().unwrap(),
        })
    }

    async fn get_customer(
        &self,
        customer_id: i64,
    ) -> Result<peer::cro::types::CustomerModel, BoxError> {
        let answer = self
            .client
            .get_customer(
                customer_id,
                &self.authorization,
                Some(peer::cro::types::ApiVersion::X20190208),
                1,
            )
            .await?;
        Ok(answer.into_inner())
    }
}

/// progenitor's PDM client and the session token, fetched once with its own
/// `get_session_token`. The request body is built on each call (its type owns the token).
struct PeerPdm {
    client: peer::pdm::Client,
    session: peer::pdm::types::SessionToken,
}

impl PeerPdm {
    async fn new(base: &str) -> Arc<PeerPdm> {
        let client = peer::pdm::Client::new_with_client(base, http_builder().build().unwrap());
        let answer = client
            .get_session_token(&peer::pdm::types::GetSessionTokenRequest {
                company_id: 9001,
                key: "bench-api-key".parse().unwrap(),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(answer.status.code, 101);
        let session = answer.session.unwrap().session_token;
        Arc::new(PeerPdm { client, session })
    }

    async fn get_customer(&self, customer_id: i64) -> Result<peer::pdm::types::Customer, BoxError> {
        let answer = self
            .client
            .get_customer(&peer::pdm::types::GetCustomerRequest {
                company_id: 9001,
                customer_id: Some(customer_id),
                external_customer_ref: None,
                session_token: self.session.clone(),
            })
            .await?
            .into_inner();
        if answer.status.code != 101 {
            return Err(format!("PDM {}: {}", answer.status.code, answer.status.details).into());
        }
        answer.customer.ok_or_else(|| "no customer".into())
    }
}

/// progenitor's Foxtrot client. The spec declares the API key as a security scheme, not a
/// header parameter, and progenitor generates nothing for it: the key goes into the reqwest
/// client's default headers (sensitive), the way progenitor leaves auth to its users.
/// progenitor's calls set `Accept` themselves. The path ids are parsed once into the types its
/// arguments take.
struct PeerFoxtrot {
    client: peer::foxtrot::Client,
    dc_id: peer::foxtrot::types::DcId,
    customer_id: peer::foxtrot::types::CustomerId,
}

impl PeerFoxtrot {
    fn new(base: &str) -> Arc<PeerFoxtrot> {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, bearer(TOKEN));
        let http = http_builder().default_headers(headers).build().unwrap();
        Arc::new(PeerFoxtrot {
            client: peer::foxtrot::Client::new_with_client(base, http),
            dc_id: "Foxtrot-DC".parse().unwrap(),
            customer_id: "johns-burger-shack".parse().unwrap(),
        })
    }

    async fn get_customer(&self) -> Result<peer::foxtrot::types::Customer, BoxError> {
        let envelope = self
            .client
            .get_customer(&self.dc_id, &self.customer_id)
            .await?
            .into_inner();
        Ok(envelope.data.customer)
    }
}

// ---------------------------------------------------------------------------------------------
// The contenders
// ---------------------------------------------------------------------------------------------

/// The fixed-bytes servers, one per vendor, shared by every runtime's contenders.
struct Servers {
    cro: String,
    pdm: String,
    foxtrot: String,
}

impl Servers {
    fn start(samples: &Samples) -> Servers {
        let base = |addr: SocketAddr| format!("http://{addr}");
        Servers {
            cro: base(fixed_server(vec![(
                "/customers/",
                http_response(
                    &samples.cro_customer,
                    &format!("x-request-id: {REQUEST_ID}\r\nx-api-version: 2019/02/08\r\n"),
                ),
            )])),
            pdm: base(fixed_server(vec![
                ("/GetSessionToken", http_response(&samples.pdm_session, "")),
                ("/GetCustomer", http_response(&samples.pdm_customer, "")),
            ])),
            foxtrot: base(fixed_server(vec![(
                "/dcs/",
                http_response(&samples.foxtrot_customer, ""),
            )])),
        }
    }
}

/// The SDK's three clients, the hand-written ones (`Hand`, and the fair baseline) and
/// progenitor's (the peer), all used from one runtime (a reqwest client's connections belong to
/// the runtime that opened them).
struct Contenders {
    cro: cro::Client,
    pdm: pdm::Client,
    foxtrot: foxtrot::Client,
    /// The same clients with the check against the spec off.
    unchecked: (cro::Client, pdm::Client, foxtrot::Client),
    hand_cro: Hand,
    hand_pdm: Hand,
    hand_foxtrot: Hand,
    fair_cro: Fair,
    fair_pdm: Fair,
    fair_foxtrot: Fair,
    peer_cro: Arc<PeerCro>,
    peer_pdm: Arc<PeerPdm>,
    peer_foxtrot: Arc<PeerFoxtrot>,
}

/// A single-threaded runtime (`current`: the round trips and allocation counts, where the
/// SDK's own cost is not hidden behind thread hand-offs) or a two-worker one (throughput).
fn runtime(current: bool) -> tokio::runtime::Runtime {
    let mut builder = if current {
        tokio::runtime::Builder::new_current_thread()
    } else {
        let mut b = tokio::runtime::Builder::new_multi_thread();
        b.worker_threads(2);
        b
    };
    builder.enable_all().build().unwrap()
}

impl Contenders {
    fn new(servers: &Servers, rt: &tokio::runtime::Runtime) -> Contenders {
        let cro = cro::Client::builder()
            .base_url(&servers.cro)
            .bearer_token(TOKEN)
            .tenant_id(1)
            .api_version(ApiVersion::V2019_02_08);
        let pdm = pdm::Client::builder()
            .base_url(&servers.pdm)
            .company_id(9001)
            .api_key("bench-api-key");
        let foxtrot = foxtrot::Client::builder()
            .base_url(&servers.foxtrot)
            .api_key(TOKEN);
        let contenders = Contenders {
            unchecked: (
                cro.clone().check_spec(false).build().unwrap(),
                pdm.clone().check_spec(false).build().unwrap(),
                foxtrot.clone().check_spec(false).build().unwrap(),
            ),
            cro: cro.build().unwrap(),
            pdm: pdm.build().unwrap(),
            foxtrot: foxtrot.build().unwrap(),
            hand_cro: Hand::new(&servers.cro),
            hand_pdm: Hand::new(&servers.pdm),
            hand_foxtrot: Hand::new(&servers.foxtrot),
            fair_cro: Fair::cro(&servers.cro),
            fair_pdm: Fair::pdm(&servers.pdm),
            fair_foxtrot: Fair::foxtrot(&servers.foxtrot),
            peer_cro: PeerCro::new(&servers.cro),
            // Its session is fetched through the peer itself.
            peer_pdm: rt.block_on(PeerPdm::new(&servers.pdm)),
            peer_foxtrot: PeerFoxtrot::new(&servers.foxtrot),
        };
        // Connections open and the PDM session cached before anything is measured; and a
        // check that every contender decodes the same answers.
        rt.block_on(async {
            let sdk = contenders.cro.get_customer(1).await.unwrap();
            let hand = contenders.hand_cro.cro_get_customer(1).await.unwrap();
            assert_eq!(sdk.name, hand.name);
            assert_eq!(sdk.locations.len(), hand.locations.len());
            assert_eq!(
                sdk.meta().request_id.map(|u| u.to_string()).as_deref(),
                Some(REQUEST_ID)
            );
            let fair = contenders.fair_cro.cro_get_customer(1).await.unwrap();
            assert_eq!(sdk.name, fair.name);
            assert_eq!(sdk.locations.len(), fair.locations.len());
            let peer = contenders.peer_cro.get_customer(1).await.unwrap();
            assert_eq!(sdk.name, peer.name);
            assert_eq!(
                (sdk.addresses.len(), sdk.contacts.len(), sdk.locations.len()),
                (
                    peer.addresses.len(),
                    peer.contacts.len(),
                    peer.locations.len()
                )
            );
            // The location whose `"sales_rep": ""` a plain progenitor client cannot decode.
            assert!(peer
                .locations
                .iter()
                .any(|l| l.sales_rep.as_deref() == Some("")));
            let sdk = contenders
                .pdm
                .get_customer(&pdm::CustomerLookup::id(1408))
                .await
                .unwrap();
            let hand = contenders.hand_pdm.pdm_get_customer(1408).await.unwrap();
            assert_eq!(sdk.customer_ref, hand.customer_ref);
            let fair = contenders.fair_pdm.pdm_get_customer(1408).await.unwrap();
            assert_eq!(sdk.customer_ref, fair.customer_ref);
            assert_eq!(*contenders.peer_pdm.session, PDM_SESSION);
            let peer = contenders.peer_pdm.get_customer(1408).await.unwrap();
            assert_eq!(sdk.customer_ref, peer.customer_ref);
            assert_eq!(sdk.customer_id, peer.customer_id);
            let sdk = contenders
                .foxtrot
                .get_customer("Foxtrot-DC", "johns-burger-shack")
                .await
                .unwrap();
            let hand = contenders
                .hand_foxtrot
                .foxtrot_get_customer("Foxtrot-DC", "johns-burger-shack")
                .await
                .unwrap();
            assert_eq!(sdk.name, hand.name);
            let fair = contenders
                .fair_foxtrot
                .foxtrot_get_customer("Foxtrot-DC", "johns-burger-shack")
                .await
                .unwrap();
            assert_eq!(sdk.name, fair.name);
            let peer = contenders.peer_foxtrot.get_customer().await.unwrap();
            assert_eq!((&sdk.id, &sdk.name), (&peer.id, &peer.name));
            // The check finds CRO's sample's empty `sales_rep`, which the unchecked client
            // does not look for (and PDM's session is cached for both).
            let cro = contenders.cro.get_customer(1).await.unwrap();
            assert_eq!(cro.meta().departures().len(), 1);
            contenders.unchecked_cro().await;
            contenders.unchecked_pdm().await;
            contenders.unchecked_foxtrot().await;
        });
        contenders
    }

    /// One SDK call of `vendor`'s get_customer.
    async fn sdk(&self, vendor: Api) {
        match vendor {
            Api::Cro => self.sdk_cro().await,
            Api::Pdm => self.sdk_pdm().await,
            Api::Foxtrot => self.sdk_foxtrot().await,
        }
    }
    /// One call of `vendor`'s get_customer by the reference `by` (not the SDK).
    async fn reference(&self, vendor: Api, by: Many) {
        match (vendor, by) {
            (_, Many::Sdk) => self.sdk(vendor).await,
            (Api::Cro, Many::Hand) => self.hand_cro().await,
            (Api::Pdm, Many::Hand) => self.hand_pdm().await,
            (Api::Foxtrot, Many::Hand) => self.hand_foxtrot().await,
            (Api::Cro, Many::Fair) => self.fair_cro().await,
            (Api::Pdm, Many::Fair) => self.fair_pdm().await,
            (Api::Foxtrot, Many::Fair) => self.fair_foxtrot().await,
            (Api::Cro, Many::Peer) => self.peer_cro().await,
            (Api::Pdm, Many::Peer) => self.peer_pdm().await,
            (Api::Foxtrot, Many::Peer) => self.peer_foxtrot().await,
            (Api::Cro, Many::Unchecked) => self.unchecked_cro().await,
            (Api::Pdm, Many::Unchecked) => self.unchecked_pdm().await,
            (Api::Foxtrot, Many::Unchecked) => self.unchecked_foxtrot().await,
        }
    }
    async fn sdk_cro(&self) {
        black_box(self.cro.get_customer(1).await.unwrap());
    }
    async fn hand_cro(&self) {
        black_box(self.hand_cro.cro_get_customer(1).await.unwrap());
    }
    async fn sdk_pdm(&self) {
        let lookup = pdm::CustomerLookup::id(1408);
        black_box(self.pdm.get_customer(&lookup).await.unwrap());
    }
    async fn hand_pdm(&self) {
        black_box(self.hand_pdm.pdm_get_customer(1408).await.unwrap());
    }
    async fn sdk_foxtrot(&self) {
        black_box(
            self.foxtrot
                .get_customer("Foxtrot-DC", "johns-burger-shack")
                .await
                .unwrap(),
        );
    }
    async fn hand_foxtrot(&self) {
        black_box(
            self.hand_foxtrot
                .foxtrot_get_customer("Foxtrot-DC", "johns-burger-shack")
                .await
                .unwrap(),
        );
    }
    async fn fair_cro(&self) {
        black_box(self.fair_cro.cro_get_customer(1).await.unwrap());
    }
    async fn fair_pdm(&self) {
        black_box(self.fair_pdm.pdm_get_customer(1408).await.unwrap());
    }
    async fn fair_foxtrot(&self) {
        black_box(
            self.fair_foxtrot
                .foxtrot_get_customer("Foxtrot-DC", "johns-burger-shack")
                .await
                .unwrap(),
        );
    }
    async fn unchecked_cro(&self) {
        let customer = self.unchecked.0.get_customer(1).await.unwrap();
        assert!(customer.meta().departures().is_empty());
        black_box(customer);
    }
    async fn unchecked_pdm(&self) {
        let lookup = pdm::CustomerLookup::id(1408);
        black_box(self.unchecked.1.get_customer(&lookup).await.unwrap());
    }
    async fn unchecked_foxtrot(&self) {
        let customer = self
            .unchecked
            .2
            .get_customer("Foxtrot-DC", "johns-burger-shack");
        black_box(customer.await.unwrap());
    }
    async fn peer_cro(&self) {
        black_box(self.peer_cro.get_customer(1).await.unwrap());
    }
    async fn peer_pdm(&self) {
        black_box(self.peer_pdm.get_customer(1408).await.unwrap());
    }
    async fn peer_foxtrot(&self) {
        black_box(self.peer_foxtrot.get_customer().await.unwrap());
    }
}

/// Which vendor's get_customer a paired row calls.
#[derive(Clone, Copy)]
enum Api {
    Cro,
    Pdm,
    Foxtrot,
}

/// The CRO throughput contenders: `CALLS` calls, `IN_FLIGHT` at a time.
#[derive(Clone, Copy)]
enum Many {
    Sdk,
    /// The SDK with the check against the spec off.
    Unchecked,
    Hand,
    Fair,
    Peer,
}

impl Many {
    async fn run(self, c: &Contenders) {
        match self {
            Many::Sdk => {
                many(&c.cro, |client: cro::Client| async move {
                    black_box(client.get_customer(1).await.unwrap());
                })
                .await
            }
            Many::Unchecked => {
                many(&c.unchecked.0, |client: cro::Client| async move {
                    black_box(client.get_customer(1).await.unwrap());
                })
                .await
            }
            Many::Hand => {
                many(&c.hand_cro, |hand: Hand| async move {
                    black_box(hand.cro_get_customer(1).await.unwrap());
                })
                .await
            }
            Many::Fair => {
                many(&c.fair_cro, |fair: Fair| async move {
                    black_box(fair.cro_get_customer(1).await.unwrap());
                })
                .await
            }
            Many::Peer => {
                many(&c.peer_cro, |peer: Arc<PeerCro>| async move {
                    black_box(peer.get_customer(1).await.unwrap());
                })
                .await
            }
        }
    }
}

/// Calls in the throughput group, and how many are in flight at once.
const CALLS: usize = 10_000;
const IN_FLIGHT: usize = 64;

/// `CALLS` calls made by `IN_FLIGHT` tasks that each take the next call until none is left.
async fn many<C, F, Fut>(client: &C, call: F)
where
    C: Clone + Send + Sync + 'static,
    F: Fn(C) -> Fut + Copy + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..IN_FLIGHT)
        .map(|_| {
            let client = client.clone();
            let next = next.clone();
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < CALLS {
                    call(client.clone()).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
}

// ---------------------------------------------------------------------------------------------
// Allocations per call, and paired (interleaved) latency ratios
// ---------------------------------------------------------------------------------------------

/// Where the bench leaves its own results, beside criterion's.
fn results_dir() -> std::path::PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("criterion")
}

fn save(name: &str, value: &Value) {
    let dir = results_dir();
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join(name), serde_json::to_vec_pretty(value).unwrap());
    }
}

fn allocations(samples: &Samples, c: &Contenders, rt: &tokio::runtime::Runtime) {
    const DECODES: u64 = 10_000;
    const CALLS_COUNTED: u64 = 2_000;
    let body = samples.cro_customer.as_slice();
    let decode = |f: &dyn Fn()| {
        f();
        counted(DECODES, || (0..DECODES).for_each(|_| f()))
    };
    let plain = decode(&|| {
        black_box(serde_json::from_slice::<PlainCustomer>(black_box(body)).unwrap());
    });
    let rows: Vec<(&str, PerOp, PerOp)> = vec![
        (
            "decode CRO customer: generated vs plain struct",
            decode(&|| {
                black_box(
                    serde_json::from_slice::<cro::types::CustomerModel>(black_box(body)).unwrap(),
                );
            }),
            plain,
        ),
        (
            "decode CRO customer: serde_json::Value vs plain struct",
            decode(&|| {
                black_box(serde_json::from_slice::<Value>(black_box(body)).unwrap());
            }),
            plain,
        ),
        (
            "CRO get_customer",
            calls(rt, CALLS_COUNTED, || c.sdk_cro()),
            calls(rt, CALLS_COUNTED, || c.hand_cro()),
        ),
        (
            "PDM get_customer (session cached)",
            calls(rt, CALLS_COUNTED, || c.sdk_pdm()),
            calls(rt, CALLS_COUNTED, || c.hand_pdm()),
        ),
        (
            "Foxtrot get_customer (envelope unwrapped)",
            calls(rt, CALLS_COUNTED, || c.sdk_foxtrot()),
            calls(rt, CALLS_COUNTED, || c.hand_foxtrot()),
        ),
        (
            "decode CRO customer: generated vs progenitor peer",
            decode(&|| {
                black_box(
                    serde_json::from_slice::<cro::types::CustomerModel>(black_box(body)).unwrap(),
                );
            }),
            decode(&|| {
                black_box(
                    serde_json::from_slice::<peer::cro::types::CustomerModel>(black_box(body))
                        .unwrap(),
                );
            }),
        ),
    ];
    let mut rows: Vec<(String, PerOp, PerOp)> = rows
        .into_iter()
        .map(|(name, sdk, base)| (name.to_owned(), sdk, base))
        .collect();
    for (label, by) in [
        ("fair baseline", Many::Fair),
        ("progenitor peer", Many::Peer),
    ] {
        for (vendor, name) in [
            (Api::Cro, "CRO"),
            (Api::Pdm, "PDM"),
            (Api::Foxtrot, "Foxtrot"),
        ] {
            rows.push((
                format!("{name} get_customer vs {label}"),
                calls(rt, CALLS_COUNTED, || c.sdk(vendor)),
                calls(rt, CALLS_COUNTED, || c.reference(vendor, by)),
            ));
        }
    }
    println!("\nallocations per operation (client side: alloc + realloc calls; bytes requested)");
    println!(
        "{:<56} {:>8} {:>9} {:>7} {:>9} {:>10}",
        "operation", "SDK", "baseline", "ratio", "SDK B", "baseline B"
    );
    let mut json = Vec::new();
    for (name, sdk, base) in &rows {
        println!(
            "{name:<56} {:>8.1} {:>9.1} {:>6.2}× {:>9.0} {:>10.0}",
            sdk.allocs,
            base.allocs,
            sdk.allocs / base.allocs,
            sdk.bytes,
            base.bytes
        );
        json.push(serde_json::json!({
            "operation": name,
            "sdk_allocs": sdk.allocs,
            "baseline_allocs": base.allocs,
            "ratio": sdk.allocs / base.allocs,
            "sdk_bytes": sdk.bytes,
            "baseline_bytes": base.bytes,
            "baseline": reference(name),
        }));
    }
    save("allocations.json", &Value::Array(json));
}

/// Allocations per call over `n` sequential calls, after 100 warm-up calls.
fn calls<'a, Fut>(rt: &tokio::runtime::Runtime, n: u64, call: impl Fn() -> Fut + 'a) -> PerOp
where
    Fut: Future<Output = ()> + 'a,
{
    rt.block_on(async {
        for _ in 0..100 {
            call().await;
        }
    });
    counted(n, || {
        rt.block_on(async {
            for _ in 0..n {
                call().await;
            }
        })
    })
}

/// SDK time over baseline time, measured in `rounds` pairs of blocks, the order alternating
/// from one pair to the next, so that the machine's drift between blocks hits both alike.
/// `block(true)` times one block of the SDK, `block(false)` one of the baseline. Returns the
/// median of the pairs' ratios and the mean block time of each.
fn paired(rounds: usize, mut block: impl FnMut(bool) -> Duration) -> (f64, Duration, Duration) {
    block(true);
    block(false);
    let mut ratios = Vec::with_capacity(rounds);
    let (mut sdk_total, mut base_total) = (Duration::ZERO, Duration::ZERO);
    for round in 0..rounds {
        let (sdk, base) = if round % 2 == 0 {
            let sdk = block(true);
            (sdk, block(false))
        } else {
            let base = block(false);
            (block(true), base)
        };
        ratios.push(sdk.as_secs_f64() / base.as_secs_f64());
        sdk_total += sdk;
        base_total += base;
    }
    ratios.sort_by(f64::total_cmp);
    (
        ratios[rounds / 2],
        sdk_total / rounds as u32,
        base_total / rounds as u32,
    )
}

/// Which contender a row's baseline column is: `hand` (`Hand`, or the plain struct for
/// decodes), `fair` or `peer`.
fn reference(row: &str) -> &'static str {
    if row.ends_with("vs fair baseline") {
        "fair"
    } else if row.ends_with("vs progenitor peer") {
        "peer"
    } else if row.ends_with("vs check off") {
        "unchecked"
    } else {
        "hand"
    }
}

/// Rounds of the paired measurements, and calls (or decodes) per block.
const PAIRED_ROUNDS: usize = 101;
const CALLS_PER_BLOCK: u32 = 100;
const DECODES_PER_BLOCK: u32 = 2_000;
const THROUGHPUT_ROUNDS: usize = 31;

/// Times `n` sequential calls.
fn sequential<Fut: Future<Output = ()>>(
    rt: &tokio::runtime::Runtime,
    n: u32,
    call: impl Fn() -> Fut,
) -> Duration {
    rt.block_on(async {
        let started = std::time::Instant::now();
        for _ in 0..n {
            call().await;
        }
        started.elapsed()
    })
}

fn paired_ratios(
    samples: &Samples,
    current: (&Contenders, &tokio::runtime::Runtime),
    multi: (&Contenders, &tokio::runtime::Runtime),
) {
    let (c, rt) = current;
    let (m, mrt) = multi;
    let body = samples.cro_customer.as_slice();
    let per_call = |sdk_fn: &dyn Fn() -> Duration, base_fn: &dyn Fn() -> Duration| {
        let (ratio, sdk, base) =
            paired(PAIRED_ROUNDS, |sdk| if sdk { sdk_fn() } else { base_fn() });
        (ratio, sdk / CALLS_PER_BLOCK, base / CALLS_PER_BLOCK)
    };
    // One block of decodes.
    let decodes = |f: &dyn Fn()| {
        let started = std::time::Instant::now();
        for _ in 0..DECODES_PER_BLOCK {
            f();
        }
        started.elapsed()
    };
    // The SDK's throughput against `reference`'s, on the two-worker runtime.
    let throughput_pair = |reference: Many| {
        let (ratio, sdk, base) = paired(THROUGHPUT_ROUNDS, |sdk| {
            mrt.block_on(async {
                let started = std::time::Instant::now();
                if sdk { Many::Sdk } else { reference }.run(m).await;
                started.elapsed()
            })
        });
        (ratio, sdk / CALLS as u32, base / CALLS as u32)
    };
    let rows = [
        ("decode CRO customer (generated vs plain struct)", {
            let time = |f: &dyn Fn()| {
                let started = std::time::Instant::now();
                for _ in 0..DECODES_PER_BLOCK {
                    f();
                }
                started.elapsed()
            };
            let (ratio, sdk, base) = paired(PAIRED_ROUNDS, |sdk| {
                if sdk {
                    time(&|| {
                        black_box(
                            serde_json::from_slice::<cro::types::CustomerModel>(black_box(body))
                                .unwrap(),
                        );
                    })
                } else {
                    time(&|| {
                        black_box(
                            serde_json::from_slice::<PlainCustomer>(black_box(body)).unwrap(),
                        );
                    })
                }
            });
            (ratio, sdk / DECODES_PER_BLOCK, base / DECODES_PER_BLOCK)
        }),
        (
            "CRO get_customer",
            per_call(&|| sequential(rt, CALLS_PER_BLOCK, || c.sdk_cro()), &|| {
                sequential(rt, CALLS_PER_BLOCK, || c.hand_cro())
            }),
        ),
        (
            "CRO get_customer (two-worker runtime)",
            per_call(
                &|| sequential(mrt, CALLS_PER_BLOCK, || m.sdk_cro()),
                &|| sequential(mrt, CALLS_PER_BLOCK, || m.hand_cro()),
            ),
        ),
        (
            "PDM get_customer (session cached)",
            per_call(&|| sequential(rt, CALLS_PER_BLOCK, || c.sdk_pdm()), &|| {
                sequential(rt, CALLS_PER_BLOCK, || c.hand_pdm())
            }),
        ),
        (
            "Foxtrot get_customer (envelope unwrapped)",
            per_call(
                &|| sequential(rt, CALLS_PER_BLOCK, || c.sdk_foxtrot()),
                &|| sequential(rt, CALLS_PER_BLOCK, || c.hand_foxtrot()),
            ),
        ),
        (
            "CRO throughput: 10,000 calls, 64 in flight",
            throughput_pair(Many::Hand),
        ),
        // What progenitor's own model costs to decode, for the peer rows below.
        ("decode CRO customer vs progenitor peer", {
            let (ratio, sdk, base) = paired(PAIRED_ROUNDS, |sdk| {
                if sdk {
                    decodes(&|| {
                        black_box(
                            serde_json::from_slice::<cro::types::CustomerModel>(black_box(body))
                                .unwrap(),
                        );
                    })
                } else {
                    decodes(&|| {
                        black_box(
                            serde_json::from_slice::<peer::cro::types::CustomerModel>(black_box(
                                body,
                            ))
                            .unwrap(),
                        );
                    })
                }
            });
            (ratio, sdk / DECODES_PER_BLOCK, base / DECODES_PER_BLOCK)
        }),
    ];
    let mut rows: Vec<(String, _)> = rows
        .into_iter()
        .map(|(name, row)| (name.to_owned(), row))
        .collect();
    // The fair baseline (the fixed headers set once, as default headers), then the peer
    // (progenitor's own client): the same rows against each.
    for (label, by) in [
        ("fair baseline", Many::Fair),
        ("progenitor peer", Many::Peer),
    ] {
        for (vendor, name) in [
            (Api::Cro, "CRO"),
            (Api::Pdm, "PDM"),
            (Api::Foxtrot, "Foxtrot"),
        ] {
            let row = per_call(
                &|| sequential(rt, CALLS_PER_BLOCK, || c.sdk(vendor)),
                &|| sequential(rt, CALLS_PER_BLOCK, || c.reference(vendor, by)),
            );
            rows.push((format!("{name} get_customer vs {label}"), row));
        }
        rows.push((
            format!("CRO throughput, 64 in flight vs {label}"),
            throughput_pair(by),
        ));
    }
    // What the check against the spec costs: the SDK against itself with the check off.
    type Block<'a> = &'a dyn Fn() -> Duration;
    let unchecked: [(&str, Block, Block); 3] = [
        (
            "CRO",
            &|| sequential(rt, CALLS_PER_BLOCK, || c.sdk_cro()),
            &|| sequential(rt, CALLS_PER_BLOCK, || c.unchecked_cro()),
        ),
        (
            "PDM",
            &|| sequential(rt, CALLS_PER_BLOCK, || c.sdk_pdm()),
            &|| sequential(rt, CALLS_PER_BLOCK, || c.unchecked_pdm()),
        ),
        (
            "Foxtrot",
            &|| sequential(rt, CALLS_PER_BLOCK, || c.sdk_foxtrot()),
            &|| sequential(rt, CALLS_PER_BLOCK, || c.unchecked_foxtrot()),
        ),
    ];
    for (name, on, off) in unchecked {
        rows.push((
            format!("{name} get_customer vs check off"),
            per_call(on, off),
        ));
    }
    println!(
        "\npaired: SDK and baseline in alternating blocks ({PAIRED_ROUNDS} pairs of \
         {CALLS_PER_BLOCK} calls or {DECODES_PER_BLOCK} decodes; {THROUGHPUT_ROUNDS} pairs of \
         {CALLS} calls for throughput); median of the pairs' time ratios"
    );
    println!(
        "{:<52} {:>12} {:>12} {:>14}",
        "operation", "SDK each", "baseline", "SDK/baseline"
    );
    let mut json = Vec::new();
    for (name, (ratio, sdk, base)) in rows {
        println!(
            "{name:<52} {:>9.2} µs {:>9.2} µs {:>13.3}×",
            sdk.as_secs_f64() * 1e6,
            base.as_secs_f64() * 1e6,
            ratio
        );
        json.push(serde_json::json!({
            "operation": name,
            "sdk_us": sdk.as_secs_f64() * 1e6,
            "baseline_us": base.as_secs_f64() * 1e6,
            "time_ratio": ratio,
            "baseline": reference(&name),
        }));
    }
    println!(
        "(rows `… vs fair baseline`, `… vs progenitor peer` and `… vs check off`: that contender \
         is the baseline column)"
    );
    println!();
    save("paired.json", &Value::Array(json));
}

// ---------------------------------------------------------------------------------------------
// Timings (criterion)
// ---------------------------------------------------------------------------------------------

fn decode(c: &mut Criterion, samples: &Samples) {
    let body = samples.cro_customer.as_slice();
    let mut group = c.benchmark_group("decode/cro_customer");
    group
        .throughput(Throughput::Bytes(body.len() as u64))
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("sdk_generated", |b| {
        b.iter(|| serde_json::from_slice::<cro::types::CustomerModel>(black_box(body)).unwrap())
    });
    group.bench_function("baseline_plain_struct", |b| {
        b.iter(|| serde_json::from_slice::<PlainCustomer>(black_box(body)).unwrap())
    });
    group.bench_function("value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(body)).unwrap())
    });
    group.bench_function("diagnostic_plain_struct_sdk_timestamps", |b| {
        b.iter(|| {
            serde_json::from_slice::<PlainCustomer<customer_apis::Timestamp>>(black_box(body))
                .unwrap()
        })
    });
    group.finish();
}

type Bench<'a> = &'a dyn Fn(&mut criterion::Bencher<'_>);

fn round_trips(c: &mut Criterion, contenders: &Contenders, rt: &tokio::runtime::Runtime) {
    let vendors: [(&str, Bench<'_>, Bench<'_>); 3] = [
        (
            "cro_get_customer",
            &|b| b.to_async(rt).iter(|| contenders.sdk_cro()),
            &|b| b.to_async(rt).iter(|| contenders.hand_cro()),
        ),
        (
            "pdm_get_customer",
            &|b| b.to_async(rt).iter(|| contenders.sdk_pdm()),
            &|b| b.to_async(rt).iter(|| contenders.hand_pdm()),
        ),
        (
            "foxtrot_get_customer",
            &|b| b.to_async(rt).iter(|| contenders.sdk_foxtrot()),
            &|b| b.to_async(rt).iter(|| contenders.hand_foxtrot()),
        ),
    ];
    for (name, sdk, hand) in vendors {
        let mut group = c.benchmark_group(format!("round_trip/{name}"));
        group
            .sample_size(60)
            .warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(6));
        group.bench_function("sdk", |b| sdk(b));
        group.bench_function("baseline", |b| hand(b));
        group.finish();
    }
}

fn throughput(c: &mut Criterion, contenders: &Contenders, rt: &tokio::runtime::Runtime) {
    let mut group = c.benchmark_group("throughput/cro_get_customer");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(12))
        .throughput(Throughput::Elements(CALLS as u64));
    let id = format!("{CALLS}_calls_{IN_FLIGHT}_in_flight");
    group.bench_with_input(
        BenchmarkId::new("sdk", &id),
        &contenders.cro,
        |b, client| {
            b.to_async(rt).iter(|| {
                many(client, |client: cro::Client| async move {
                    black_box(client.get_customer(1).await.unwrap());
                })
            })
        },
    );
    group.bench_with_input(
        BenchmarkId::new("baseline", &id),
        &contenders.hand_cro,
        |b, hand| {
            b.to_async(rt).iter(|| {
                many(hand, |hand: Hand| async move {
                    black_box(hand.cro_get_customer(1).await.unwrap());
                })
            })
        },
    );
    group.finish();
}

/// `BENCH_PROFILE=<contender> [BENCH_PROFILE_CALLS=n] [BENCH_RT=multi]`: only `n` sequential
/// calls of one contender (`<vendor>_sdk`, `<vendor>_baseline`, `<vendor>_fair`,
/// `<vendor>_peer`, `<vendor>_unchecked` (the SDK with the check against the spec off), for
/// `cro`, `pdm` and `foxtrot`), or `n` calls `IN_FLIGHT` at a time on the
/// two-worker runtime (`cro_sdk_many`, `cro_baseline_many`, `cro_fair_many`,
/// `cro_peer_many`), for `perf record` or `valgrind`; no criterion run.
fn profile(which: &str, contenders: &Contenders, rt: &tokio::runtime::Runtime) {
    let n: u64 = std::env::var("BENCH_PROFILE_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let started = std::time::Instant::now();
    if let Some(contender) = which.strip_suffix("_many") {
        // Throughput: `n` calls in batches of CALLS, IN_FLIGHT at a time.
        rt.block_on(async {
            let contender = match contender {
                "cro_sdk" => Many::Sdk,
                "cro_unchecked" => Many::Unchecked,
                "cro_baseline" => Many::Hand,
                "cro_fair" => Many::Fair,
                "cro_peer" => Many::Peer,
                other => panic!("BENCH_PROFILE: unknown contender {other}_many"),
            };
            for _ in 0..n.div_ceil(CALLS as u64) {
                contender.run(contenders).await;
            }
        });
    }
    rt.block_on(async {
        if which.ends_with("_many") {
            return;
        }
        for _ in 0..n {
            match which {
                "cro_sdk" => contenders.sdk_cro().await,
                "cro_baseline" => contenders.hand_cro().await,
                "pdm_sdk" => contenders.sdk_pdm().await,
                "pdm_baseline" => contenders.hand_pdm().await,
                "foxtrot_sdk" => contenders.sdk_foxtrot().await,
                "foxtrot_baseline" => contenders.hand_foxtrot().await,
                "cro_fair" => contenders.fair_cro().await,
                "pdm_fair" => contenders.fair_pdm().await,
                "foxtrot_fair" => contenders.fair_foxtrot().await,
                "cro_peer" => contenders.peer_cro().await,
                "pdm_peer" => contenders.peer_pdm().await,
                "foxtrot_peer" => contenders.peer_foxtrot().await,
                "cro_unchecked" => contenders.unchecked_cro().await,
                "pdm_unchecked" => contenders.unchecked_pdm().await,
                "foxtrot_unchecked" => contenders.unchecked_foxtrot().await,
                other => panic!("BENCH_PROFILE: unknown contender {other}"),
            }
        }
    });
    let took = started.elapsed();
    let lookup = pdm::CustomerLookup::id(1408);
    println!(
        "future sizes (bytes): CRO SDK {} / baseline {}; PDM SDK {} / baseline {}; \
         Foxtrot SDK {} / baseline {}",
        std::mem::size_of_val(&contenders.cro.get_customer(1)),
        std::mem::size_of_val(&contenders.hand_cro.cro_get_customer(1)),
        std::mem::size_of_val(&contenders.pdm.get_customer(&lookup)),
        std::mem::size_of_val(&contenders.hand_pdm.pdm_get_customer(1408)),
        std::mem::size_of_val(&contenders.foxtrot.get_customer("a", "b")),
        std::mem::size_of_val(&contenders.hand_foxtrot.foxtrot_get_customer("a", "b")),
    );
    println!(
        "future sizes (bytes): fair CRO {} / PDM {} / Foxtrot {}; peer CRO {} / PDM {} / \
         Foxtrot {}",
        std::mem::size_of_val(&contenders.fair_cro.cro_get_customer(1)),
        std::mem::size_of_val(&contenders.fair_pdm.pdm_get_customer(1408)),
        std::mem::size_of_val(&contenders.fair_foxtrot.foxtrot_get_customer("a", "b")),
        std::mem::size_of_val(&contenders.peer_cro.get_customer(1)),
        std::mem::size_of_val(&contenders.peer_pdm.get_customer(1408)),
        std::mem::size_of_val(&contenders.peer_foxtrot.get_customer()),
    );
    println!(
        "{which}: {n} calls in {:.3} s, {:.2} µs per call",
        took.as_secs_f64(),
        took.as_secs_f64() * 1e6 / n as f64
    );
}

/// `BENCH_DECODE=1`: the decode contenders alone, interleaved, timed with a plain loop.
fn decode_loop(samples: &Samples) {
    let body = samples.cro_customer.as_slice();
    let n = 200_000;
    let time = |f: &dyn Fn()| {
        let started = std::time::Instant::now();
        for _ in 0..n {
            f();
        }
        started.elapsed().as_nanos() as f64 / n as f64
    };
    for round in 0..3 {
        let sdk = time(&|| {
            black_box(
                serde_json::from_slice::<cro::types::CustomerModel>(black_box(body)).unwrap(),
            );
        });
        let plain = time(&|| {
            black_box(serde_json::from_slice::<PlainCustomer>(black_box(body)).unwrap());
        });
        let diag = time(&|| {
            black_box(
                serde_json::from_slice::<PlainCustomer<customer_apis::Timestamp>>(black_box(body))
                    .unwrap(),
            );
        });
        println!(
            "round {round}: sdk {sdk:.0} ns, plain {plain:.0} ns, plain+Timestamp {diag:.0} ns"
        );
    }
}

fn main() {
    let samples = Samples::load();
    if std::env::var_os("BENCH_DECODE").is_some() {
        decode_loop(&samples);
        return;
    }
    let servers = Servers::start(&samples);
    let current_rt = runtime(true);
    let current = Contenders::new(&servers, &current_rt);
    if let Ok(which) = std::env::var("BENCH_PROFILE") {
        if which.ends_with("_many") || std::env::var("BENCH_RT").is_ok_and(|v| v == "multi") {
            let multi_rt = runtime(false);
            profile(&which, &Contenders::new(&servers, &multi_rt), &multi_rt);
        } else {
            profile(&which, &current, &current_rt);
        }
        return;
    }
    let multi_rt = runtime(false);
    let multi = Contenders::new(&servers, &multi_rt);
    println!(
        "bodies: CRO customer {} bytes, PDM customer {} bytes, Foxtrot customer {} bytes",
        samples.cro_customer.len(),
        samples.pdm_customer.len(),
        samples.foxtrot_customer.len()
    );

    let mut c = Criterion::default().configure_from_args();
    // `cargo test --benches` (criterion's test mode) runs each benchmark once: no tables.
    let testing = std::env::args().any(|a| a == "--test");
    if !testing {
        allocations(&samples, &current, &current_rt);
        paired_ratios(&samples, (&current, &current_rt), (&multi, &multi_rt));
    }
    decode(&mut c, &samples);
    round_trips(&mut c, &current, &current_rt);
    throughput(&mut c, &multi, &multi_rt);
    c.final_summary();
}
