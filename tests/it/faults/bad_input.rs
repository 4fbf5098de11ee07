//! The bad-input matrix: every request-side rule of the three clients, table-driven. Each bad
//! input gives `Error::InvalidInput` naming the field and the rule (or, for a token a provider
//! hands over, `Error::Credentials` naming the rule), quickly. Every case that can be aimed at
//! a local server counting TCP connections is: a client is built with the bad input and, if
//! the build is accepted, called against that server; the server's count must not move during
//! the case. The few cases that cannot name the server (a base URL that is not one, or names
//! another host) say so and are counted apart. Positive controls then show that the same
//! server does see what a valid input sends.
//!
//! `cargo test --test it -- faults::bad_input --nocapture` prints how many bad inputs were tried.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support;
use crate::support::TOKEN;
use customer_apis::cro::{self, ApiVersion};
use customer_apis::pdm::{self, CustomerLookup};
use customer_apis::{foxtrot, AccessToken, BoxFuture, Error, TokenProvider};
use secrecy::SecretString;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server that counts every connection and records the request line of every request; it
/// answers 500 to anything.
struct Counter {
    url: String,
    connections: Arc<AtomicUsize>,
    request_lines: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Counter {
    async fn start() -> Counter {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let request_lines = Arc::new(Mutex::new(Vec::new()));
        let (count, lines) = (connections.clone(), request_lines.clone());
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                let lines = lines.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let text = String::from_utf8_lossy(&buf);
                    lines
                        .lock()
                        .unwrap()
                        .push(text.lines().next().unwrap_or("").to_owned());
                    let _ = stream
                        .write_all(
                            b"HTTP/1.1 500 No\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                        )
                        .await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Counter {
            url,
            connections,
            request_lines,
            task,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn request_lines(&self) -> Vec<String> {
        self.request_lines.lock().unwrap().clone()
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// `host:port` of a URL.
fn host(url: &str) -> &str {
    url.strip_prefix("http://").unwrap_or(url)
}

/// What a bad input must give.
#[derive(Debug)]
enum Want {
    /// `Error::InvalidInput` with exactly this field and a rule containing this text.
    Invalid(&'static str, &'static str),
    /// `Error::Credentials` (a token provider's token broke a rule) containing this text.
    Credentials(&'static str),
}

type Run = Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>;

struct Case {
    vendor: &'static str,
    name: String,
    want: Want,
    /// Whether the bad input, were it let through, would be sent to the counting server.
    aimed: bool,
    run: Run,
}

fn case(
    vendor: &'static str,
    name: impl Into<String>,
    want: Want,
    run: impl Future<Output = Result<(), Error>> + Send + 'static,
) -> Case {
    Case {
        vendor,
        name: name.into(),
        want,
        aimed: true,
        run: Box::pin(run),
    }
}

impl Case {
    /// The input cannot name the counting server (a base URL that is no URL, has no host, or
    /// names another host): its "nothing was sent" rests on the error alone.
    fn unaimed(mut self) -> Case {
        self.aimed = false;
        self
    }
}

// Each builder case builds when it runs (so that the time is the case's) and, if the build is
// accepted, makes one call: a rule checked at build time or at call time counts the same, and
// a request that slips through lands on the counting server.

async fn cro_call(builder: cro::ClientBuilder) -> Result<(), Error> {
    builder.build()?.get_customer(1).await.map(drop)
}

async fn pdm_call(builder: pdm::ClientBuilder) -> Result<(), Error> {
    builder
        .build()?
        .get_customer(&CustomerLookup::id(1))
        .await
        .map(drop)
}

async fn foxtrot_call(builder: foxtrot::ClientBuilder) -> Result<(), Error> {
    builder.build()?.get_customer("dc", "c").await.map(drop)
}

/// What [`run`] counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tried {
    cases: usize,
    /// Cases aimed at the counting server.
    aimed: usize,
}

/// Runs every case, one at a time, checking the server's connection count around each.
/// Panics listing every case that did not hold.
async fn run(server: &Counter, cases: Vec<Case>) -> Tried {
    let mut failures = Vec::new();
    let tried = Tried {
        cases: cases.len(),
        aimed: cases.iter().filter(|c| c.aimed).count(),
    };
    for Case {
        vendor,
        name,
        want,
        aimed: _,
        run,
    } in cases
    {
        let before = server.connections();
        let started = Instant::now();
        let result = run.await;
        let took = started.elapsed();
        let label = format!("{vendor}: {name}");
        if took > Duration::from_secs(2) {
            failures.push(format!("{label}: took {took:?}"));
        }
        // A call answers only once the server has accepted its connection, so a request sent
        // by this case is counted by now.
        let reached = server.connections() - before;
        if reached != 0 {
            failures.push(format!(
                "{label}: {reached} connection(s) reached the server: {:?}",
                server.request_lines()
            ));
        }
        let err = match result {
            Ok(()) => {
                failures.push(format!("{label}: accepted"));
                continue;
            }
            Err(e) => e,
        };
        let line = err.to_string();
        let held = match (&want, &err) {
            (Want::Invalid(field, rule), Error::InvalidInput { field: f, rule: r }) => {
                f == field && r.contains(rule) && line.contains(field) && line.contains(&**r)
            }
            (Want::Credentials(text), Error::Credentials { message, .. }) => message.contains(text),
            _ => false,
        };
        if !held || err.is_retryable() || err.meta().is_some() || line.contains('\n') {
            failures.push(format!("{label}: wanted {want:?}, got {err:?} ({line})"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad inputs did not hold:\n{}",
        failures.len(),
        tried.cases,
        failures.join("\n")
    );
    tried
}

/// A token provider that hands over a fixed token.
#[derive(Debug)]
struct Handing(String);

impl TokenProvider for Handing {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(async move {
            Ok(AccessToken {
                secret: SecretString::from(self.0.clone()),
                generation: 1,
            })
        })
    }

    fn rejected(&self, _generation: u64) -> BoxFuture<'_, bool> {
        Box::pin(async { false })
    }
}

const CONTROL: [(&str, &str); 7] = [
    ("CR LF", "\r\nx-injected: 1"),
    ("LF", "\nx"),
    ("CR", "\rx"),
    ("NUL", "\0"),
    ("tab", "\t"),
    ("DEL", "\x7f"),
    ("NEL (U+0085)", "\u{85}"),
];

/// The base-URL rules. `server` is the counting server's `host:port`: a URL that can name it
/// does, so that a URL let through would be sent there; the others cannot.
fn base_url_cases<F>(vendor: &'static str, server: &str, call_with: fn(String) -> F) -> Vec<Case>
where
    F: Future<Output = Result<(), Error>> + Send + 'static,
{
    let aimed = [
        (
            "with a query",
            format!("http://{server}/?a=1"),
            "query or fragment",
        ),
        (
            "with a fragment",
            format!("http://{server}/#x"),
            "query or fragment",
        ),
        (
            "with credentials",
            format!("http://user:pw@{server}"),
            "credentials",
        ),
    ];
    let unaimed = [
        ("not a URL", "not a url".to_owned(), "absolute URL"),
        ("empty", String::new(), "absolute URL"),
        ("no host", "http://".to_owned(), "absolute URL"),
        // Let through, neither would reach the server: reqwest speaks only http(s).
        ("ftp scheme", format!("ftp://{server}/"), "http or https"),
        (
            "file scheme",
            "file:///etc/passwd".to_owned(),
            "http or https",
        ),
        (
            "plain http to another host",
            "http://api.example.com".to_owned(),
            "plain http",
        ),
    ];
    let make = move |(name, url, rule): (&str, String, &'static str)| {
        case(
            vendor,
            format!("base_url {name}"),
            Want::Invalid("base_url", rule),
            call_with(url),
        )
    };
    aimed
        .into_iter()
        .map(make)
        .chain(unaimed.into_iter().map(make).map(Case::unaimed))
        .collect()
}

fn cro_cases(server: &str) -> Vec<Case> {
    let server: &'static str = Box::leak(server.into());
    let base = move || {
        cro::Client::builder()
            .base_url(server)
            .bearer_token(TOKEN)
            .tenant_id(1)
    };
    let token = "bearer_token";
    let mut cases = vec![
        case(
            "CRO",
            "no token",
            Want::Invalid("bearer_token", "is required"),
            cro_call(cro::Client::builder().base_url(server).tenant_id(1)),
        ),
        case(
            "CRO",
            "empty token",
            Want::Invalid(token, "header.payload.signature"),
            cro_call(base().bearer_token("")),
        ),
        case(
            "CRO",
            "the scheme alone",
            Want::Invalid(token, "header.payload.signature"),
            cro_call(base().bearer_token("Bearer ")),
        ),
        case(
            "CRO",
            "a blank token (an empty one, not one with spaces)",
            Want::Invalid(token, "header.payload.signature"),
            cro_call(base().bearer_token("   ")),
        ),
        case(
            "CRO",
            "token breaks the pattern",
            Want::Invalid(token, "header.payload.signature"),
            cro_call(base().bearer_token("abc{{def")),
        ),
        case(
            "CRO",
            "token with spaces",
            Want::Invalid(token, "must not contain a space"),
            cro_call(base().bearer_token("abc  def  ghi")),
        ),
        case(
            "CRO",
            "token with non-ASCII letters",
            Want::Invalid(token, "must be visible ASCII"),
            cro_call(base().bearer_token("abc.dé€f.ghi")),
        ),
        case(
            "CRO",
            "token over 256 characters with its scheme",
            Want::Invalid(token, "at most 256"),
            cro_call(base().bearer_token(format!("a.b.{}", "c".repeat(246)))),
        ),
        case(
            "CRO",
            "a token that makes the pattern backtrack (96 characters)",
            Want::Invalid(token, "header.payload.signature"),
            cro_call(base().bearer_token(format!("{}{{{{", "a".repeat(87)))),
        ),
        case(
            "CRO",
            "no tenant",
            Want::Invalid("tenant_id", "is required"),
            cro_call(cro::Client::builder().base_url(server).bearer_token(TOKEN)),
        ),
        case(
            "CRO",
            "zero connect timeout",
            Want::Invalid("connect_timeout", "greater than zero"),
            cro_call(base().connect_timeout(Duration::ZERO)),
        ),
        case(
            "CRO",
            "zero timeout",
            Want::Invalid("timeout", "greater than zero"),
            cro_call(base().timeout(Duration::ZERO)),
        ),
        // A cap no answer fits would fail each call only after it was sent.
        case(
            "CRO",
            "a size cap of zero",
            Want::Invalid("max_response_bytes", "between 1 byte and 1 GiB"),
            cro_call(base().max_response_bytes(0)),
        ),
        case(
            "CRO",
            "a size cap over 1 GiB",
            Want::Invalid("max_response_bytes", "between 1 byte and 1 GiB"),
            cro_call(base().max_response_bytes((1 << 30) + 1)),
        ),
    ];
    for (name, bad) in CONTROL {
        cases.push(case(
            "CRO",
            format!("token with {name}"),
            Want::Invalid(token, "control characters"),
            cro_call(base().bearer_token(format!("abc.def{bad}"))),
        ));
        cases.push(case(
            "CRO",
            format!("tenant id with {name}"),
            Want::Invalid("tenant_id", "control characters"),
            cro_call(base().tenant_id(format!("1{bad}"))),
        ));
        cases.push(case(
            "CRO",
            format!("user agent with {name}"),
            Want::Invalid("user_agent", "header value"),
            cro_call(base().user_agent(format!("agent{bad}"))),
        ));
        cases.push(case(
            "CRO",
            format!("token provider's token with {name}"),
            Want::Credentials("control characters"),
            async move {
                let client = base()
                    .token_provider(Handing(format!("abc.def{bad}")))
                    .build()?;
                client.get_customer(1).await.map(drop)
            },
        ));
    }
    for tenant in [
        "abc",
        "",
        " 1",
        "1 ",
        "1.5",
        "1e3",
        "0x10",
        "9223372036854775808",
        "١٢",
        "1,000",
    ] {
        cases.push(case(
            "CRO",
            format!("non-integer tenant id {tenant:?}"),
            Want::Invalid("tenant_id", "must be an integer"),
            cro_call(base().tenant_id(tenant)),
        ));
    }
    cases.push(case(
        "CRO",
        "user agent with non-ASCII",
        Want::Invalid("user_agent", "visible ASCII"),
        cro_call(base().user_agent("agént/1.0")),
    ));
    for (name, bad, rule) in [
        ("an empty token", "", "header.payload.signature"),
        (
            "a token that breaks the pattern",
            "abc{{def",
            "header.payload.signature",
        ),
        (
            "a token over 256 characters",
            &*format!("a.b.{}", "c".repeat(246)),
            "at most 256",
        ),
    ] {
        cases.push(case(
            "CRO",
            format!("token provider hands over {name}"),
            Want::Credentials(rule),
            {
                let bad = bad.to_owned();
                async move {
                    let client = base().token_provider(Handing(bad)).build()?;
                    client.get_contact(1, 1).await.map(drop)
                }
            },
        ));
    }
    cases.extend(base_url_cases("CRO", host(server), |url| {
        cro_call(
            cro::Client::builder()
                .base_url(url)
                .bearer_token(TOKEN)
                .tenant_id(1),
        )
    }));
    cases
}

fn pdm_cases(server: &str) -> Vec<Case> {
    let server: &'static str = Box::leak(server.into());
    let builder = move || pdm::Client::builder().base_url(server).company_id(9001);
    let client = builder()
        .session_token("9001|abc|0001")
        .build()
        .expect("a valid client");
    let lookup = |lookup: CustomerLookup| {
        let client = client.clone();
        async move { client.get_customer(&lookup).await.map(drop) }
    };
    let mut cases = vec![
        case(
            "PDM",
            "no base URL",
            Want::Invalid("base_url", "is required"),
            pdm_call(pdm::Client::builder().company_id(1).api_key("k")),
        )
        .unaimed(),
        case(
            "PDM",
            "no company id",
            Want::Invalid("company_id", "is required"),
            pdm_call(pdm::Client::builder().base_url(server).api_key("k")),
        ),
        case(
            "PDM",
            "no API key or session token",
            Want::Invalid("api_key", "is required"),
            pdm_call(builder()),
        ),
        case(
            "PDM",
            "empty API key",
            Want::Invalid("api_key", "must not be empty"),
            pdm_call(builder().api_key("")),
        ),
        case(
            "PDM",
            "blank API key",
            Want::Invalid("api_key", "must not be empty"),
            pdm_call(builder().api_key(" \u{3000} ")),
        ),
        case(
            "PDM",
            "empty session token",
            Want::Invalid("session_token", "must not be empty"),
            pdm_call(builder().session_token("")),
        ),
        case(
            "PDM",
            "zero timeout",
            Want::Invalid("timeout", "greater than zero"),
            pdm_call(builder().api_key("k").timeout(Duration::ZERO)),
        ),
        case(
            "PDM",
            "a session renewed more than a year early",
            Want::Invalid("refresh_early", "at most one year"),
            pdm_call(builder().api_key("k").refresh_early(Duration::MAX)),
        ),
        case(
            "PDM",
            "zero connect timeout",
            Want::Invalid("connect_timeout", "greater than zero"),
            pdm_call(builder().api_key("k").connect_timeout(Duration::ZERO)),
        ),
        case(
            "PDM",
            "lookup with neither id nor reference",
            Want::Invalid(
                "customer_id / external_customer_ref",
                "one of them is required",
            ),
            {
                let client = client.clone();
                async move {
                    let lookup = CustomerLookup::from_parts(None, None)?;
                    client.get_customer(&lookup).await.map(drop)
                }
            },
        ),
        case(
            "PDM",
            "reference of 51 characters",
            Want::Invalid("external_customer_ref", "at most 50 characters"),
            lookup(CustomerLookup::external_ref("x".repeat(51))),
        ),
        case(
            "PDM",
            "reference of 51 non-ASCII characters",
            Want::Invalid("external_customer_ref", "at most 50 characters"),
            lookup(CustomerLookup::external_ref("é".repeat(51))),
        ),
        case(
            "PDM",
            "reference of 10 000 characters",
            Want::Invalid("external_customer_ref", "at most 50 characters"),
            lookup(CustomerLookup::external_ref("x".repeat(10_000))),
        ),
        case(
            "PDM",
            "reference over 50 next to an id",
            Want::Invalid("external_customer_ref", "at most 50 characters"),
            lookup(CustomerLookup::Both {
                customer_id: 1,
                external_customer_ref: "x".repeat(51),
            }),
        ),
        case(
            "PDM",
            "empty reference",
            Want::Invalid("external_customer_ref", "must not be empty"),
            lookup(CustomerLookup::external_ref("")),
        ),
        case(
            "PDM",
            "blank reference",
            // Blank counts as absent for the documented "one of them is required".
            Want::Invalid(
                "customer_id / external_customer_ref",
                "one of them is required, not empty (customer_id, external_customer_ref)",
            ),
            lookup(CustomerLookup::external_ref(" \t\r\n ")),
        ),
        case(
            "PDM",
            "empty reference next to an id",
            Want::Invalid("external_customer_ref", "must not be empty"),
            lookup(CustomerLookup::Both {
                customer_id: 1,
                external_customer_ref: String::new(),
            }),
        ),
        case(
            "PDM",
            "empty reference from parts",
            Want::Invalid("external_customer_ref", "must not be empty"),
            {
                let client = client.clone();
                async move {
                    let lookup = CustomerLookup::from_parts(None, Some(String::new()))?;
                    client.get_customer(&lookup).await.map(drop)
                }
            },
        ),
        case(
            "PDM",
            "GetSessionToken without an API key",
            Want::Invalid("api_key", "is required to obtain a session token"),
            {
                let client = client.clone();
                async move { client.get_session_token().await.map(drop) }
            },
        ),
    ];
    for (name, bad) in CONTROL {
        cases.push(case(
            "PDM",
            format!("API key with {name}"),
            Want::Invalid("api_key", "control characters"),
            pdm_call(builder().api_key(format!("key{bad}key"))),
        ));
        cases.push(case(
            "PDM",
            format!("session token with {name}"),
            Want::Invalid("session_token", "control characters"),
            pdm_call(builder().session_token(format!("9001|a{bad}|1"))),
        ));
        cases.push(case(
            "PDM",
            format!("user agent with {name}"),
            Want::Invalid("user_agent", "header value"),
            pdm_call(builder().api_key("k").user_agent(format!("agent{bad}"))),
        ));
    }
    cases.extend(base_url_cases("PDM", host(server), |url| {
        pdm_call(
            pdm::Client::builder()
                .base_url(url)
                .company_id(9001)
                .session_token("9001|abc|0001"),
        )
    }));
    cases
}

fn foxtrot_cases(server: &str) -> Vec<Case> {
    let server: &'static str = Box::leak(server.into());
    let builder = move || foxtrot::Client::builder().base_url(server);
    let client = builder().api_key("key").build().expect("a valid client");
    let mut cases = vec![
        case(
            "Foxtrot",
            "no API key",
            Want::Invalid("api_key", "is required"),
            foxtrot_call(builder()),
        ),
        case(
            "Foxtrot",
            "empty API key",
            Want::Invalid("api_key", "must not be empty"),
            foxtrot_call(builder().api_key("")),
        ),
        case(
            "Foxtrot",
            "blank API key",
            Want::Invalid("api_key", "must not be empty"),
            foxtrot_call(builder().api_key("   ")),
        ),
        case(
            "Foxtrot",
            "zero timeout",
            Want::Invalid("timeout", "greater than zero"),
            foxtrot_call(builder().api_key("k").timeout(Duration::ZERO)),
        ),
    ];
    for (name, bad) in CONTROL {
        cases.push(case(
            "Foxtrot",
            format!("API key with {name}"),
            Want::Invalid("api_key", "control characters"),
            foxtrot_call(builder().api_key(format!("key{bad}key"))),
        ));
        cases.push(case(
            "Foxtrot",
            format!("user agent with {name}"),
            Want::Invalid("user_agent", "header value"),
            foxtrot_call(builder().api_key("k").user_agent(format!("agent{bad}"))),
        ));
    }
    type Op = fn(foxtrot::Client, String, String) -> Run;
    let operations: [(&str, Op); 3] = [
        ("get_customer", |c, dc, id| {
            Box::pin(async move { c.get_customer(&dc, &id).await.map(drop) })
        }),
        ("get_confident_location", |c, dc, id| {
            Box::pin(async move { c.get_confident_location(&dc, &id).await.map(drop) })
        }),
        ("get_waypoints", |c, dc, id| {
            Box::pin(async move { c.get_waypoints(&dc, &id).await.map(drop) })
        }),
    ];
    for (operation, op) in operations {
        for (dc, id, field) in [
            ("", "c", "dc_id"),
            ("dc", "", "customer_id"),
            ("", "", "dc_id"),
        ] {
            cases.push(case(
                "Foxtrot",
                format!("{operation} with dc {dc:?} and customer {id:?}"),
                Want::Invalid(field, "at least 1 character"),
                op(client.clone(), dc.to_owned(), id.to_owned()),
            ));
        }
    }
    cases.extend(base_url_cases("Foxtrot", host(server), |url| {
        foxtrot_call(foxtrot::Client::builder().base_url(url).api_key("k"))
    }));
    cases
}

#[tokio::test]
async fn every_bad_input_is_refused_naming_field_and_rule_and_nothing_is_sent() {
    let server = Counter::start().await;
    let cro = run(&server, cro_cases(&server.url)).await;
    let pdm = run(&server, pdm_cases(&server.url)).await;
    let foxtrot = run(&server, foxtrot_cases(&server.url)).await;
    // Give anything that slipped out a moment to arrive.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        server.connections(),
        0,
        "a bad input reached the server: {:?}",
        server.request_lines()
    );
    // Exact, so that a case lost from the table (or one added) is noticed here and in
    // SECURITY.md, which quotes these numbers.
    let count = |t: Tried| (t.cases, t.aimed);
    assert_eq!(
        [count(cro), count(pdm), count(foxtrot)],
        [(65, 59), (49, 42), (36, 30)],
        "(cases, aimed at the counting server) for CRO, PDM, Foxtrot"
    );
    let tried = cro.cases + pdm.cases + foxtrot.cases;
    let aimed = cro.aimed + pdm.aimed + foxtrot.aimed;
    assert_eq!((tried, aimed), (150, 131));
    eprintln!(
        "bad inputs tried: {tried} (CRO {}, PDM {}, Foxtrot {}); {aimed} aimed at the counting \
         server, which saw 0 connections",
        cro.cases, pdm.cases, foxtrot.cases
    );

    // Positive controls on the same server: valid inputs at the limits are sent.
    let cro = cro::Client::builder()
        .base_url(&server.url)
        .bearer_token(format!("a.b.{}", "c".repeat(245)))
        .tenant_id("-9223372036854775808")
        .user_agent("agent/1.0 (visible ASCII)")
        .max_response_bytes(1 << 30)
        .retry_policy(customer_apis::RetryPolicy::disabled())
        .build()
        .expect(
            "a 256-character authorization, the smallest tenant id and the largest cap are valid",
        );
    let _ = cro.get_customer(1).await;
    let pdm = pdm::Client::builder()
        .base_url(&server.url)
        .company_id(9001)
        .session_token("9001|abc|0001")
        .retry_policy(customer_apis::RetryPolicy::disabled())
        .build()
        .unwrap();
    for reference in ["x".repeat(50), "é".repeat(50), "line\nbreak".to_owned()] {
        let _ = pdm
            .get_customer(&CustomerLookup::external_ref(reference))
            .await;
    }
    let foxtrot = support::foxtrot_on(&server.url, "key").build().unwrap();
    let _ = foxtrot.get_customer("a/b", "c?d#e%f g").await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(server.connections(), 5, "{:?}", server.request_lines());
    let lines = server.request_lines();
    assert!(
        lines.contains(&"GET /dcs/a%2Fb/customers/c%3Fd%23e%25f%20g HTTP/1.1".to_owned()),
        "reserved characters stay inside their path segment: {lines:?}"
    );
}

#[test]
fn an_unknown_api_version_is_refused_naming_every_documented_one() {
    let mut tried = 0;
    for bad in [
        "",
        "2023/04/20",
        "2023-04-19",
        " 2023/04/19",
        "2023/04/19\r\n",
        "v1",
        "latest",
    ] {
        let err = bad.parse::<ApiVersion>().expect_err(bad);
        let message = err.to_string();
        for version in ApiVersion::ALL {
            assert!(message.contains(version.as_str()), "{message}");
        }
        assert!(!message.contains('\n'), "{message}");
        assert!(ApiVersion::try_from(bad).is_err());
        assert!(serde_json::from_value::<ApiVersion>(serde_json::json!(bad)).is_err());
        tried += 1;
    }
    // A hostile length is cut in the message.
    let err = "9".repeat(100_000).parse::<ApiVersion>().unwrap_err();
    assert!(err.to_string().len() < 400);
    tried += 1;
    eprintln!("unknown API versions tried: {tried}");
}

// ---------------------------------------------------------------------------------------------
// Rules found missing once, one test each. The worst-token bound holds only in an optimised
// build: ignored in debug (seconds there), run in release by .ci/run.

fn invalid_field(result: Result<(), Error>) -> Option<String> {
    match result {
        Err(Error::InvalidInput { field, .. }) => Some(field.into_owned()),
        _ => None,
    }
}

#[tokio::test]
async fn dot_segment_ids_are_refused() {
    let server = Counter::start().await;
    let client = support::foxtrot_on(&format!("{}/prefix", server.url), "key")
        .build()
        .unwrap();
    for (dc, id, field) in [
        (".", "x", "dc_id"),
        ("..", "x", "dc_id"),
        ("dc", ".", "customer_id"),
        ("dc", "..", "customer_id"),
    ] {
        let result = client.get_waypoints(dc, id).await.map(drop);
        assert_eq!(
            invalid_field(result).as_deref(),
            Some(field),
            "{dc:?} {id:?}"
        );
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(server.connections(), 0, "{:?}", server.request_lines());
}

#[tokio::test]
async fn over_long_path_ids_are_refused() {
    let client = foxtrot::Client::builder()
        .base_url("http://127.0.0.1:9")
        .api_key("key")
        .build()
        .unwrap();
    let long = "x".repeat(100_000);
    let result = client.get_customer("dc", &long).await.map(drop);
    assert_eq!(invalid_field(result).as_deref(), Some("customer_id"));
    // The limit counts characters, not bytes: 1,024 two-byte characters pass the check (and
    // reach the closed port), 1,025 do not.
    let client = support::foxtrot_on("http://127.0.0.1:9", "key")
        .build()
        .unwrap();
    for (chars, refused) in [(1024, false), (1025, true)] {
        for unit in ["x", "é"] {
            let id = unit.repeat(chars);
            let result = client.get_customer(&id, "c").await.map(drop);
            let field = invalid_field(result);
            assert_eq!(field.is_some(), refused, "{chars} × {unit:?}: {field:?}");
        }
    }
}

#[test]
fn a_non_ascii_foxtrot_key_is_refused() {
    let result = foxtrot::Client::builder().api_key("clé").build().map(drop);
    assert_eq!(invalid_field(result).as_deref(), Some("api_key"));
}

#[test]
fn control_characters_in_a_base_url_are_refused() {
    for url in ["http://127.0.0.1:9/a\r\n/evil", "http://127.0.0.1:9/\tx"] {
        let result = cro::Client::builder()
            .base_url(url)
            .bearer_token(TOKEN)
            .tenant_id(1)
            .build()
            .map(drop);
        assert_eq!(
            invalid_field(result).as_deref(),
            Some("base_url"),
            "{url:?}"
        );
    }
}

#[test]
#[ignore = "known limit (src/validation.rs): regress backtracks polynomially on the documented \
            token pattern; the worst 256-character value takes ~5 s in a debug build, ~20 ms \
            in release. CI runs it with --release --ignored"]
fn gap_the_worst_token_is_refused_within_50_ms() {
    let started = Instant::now();
    let result = cro::Client::builder()
        .bearer_token(format!("{}{{{{", "a".repeat(247)))
        .tenant_id(1)
        .build()
        .map(drop);
    assert!(invalid_field(result).is_some());
    assert!(
        started.elapsed() < Duration::from_millis(50),
        "{:?}",
        started.elapsed()
    );
}
