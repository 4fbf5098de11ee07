//! `RefreshingToken`: its settings checked at build, the hook that receives rotated refresh
//! tokens (against the sandbox's token endpoint, which rotates them and refuses retired ones),
//! and the connection settings and reqwest client its token requests take.

use std::time::{Duration, Instant};

use customer_apis::cro::Client;
use customer_apis::{Config, Error, RefreshingToken, RefreshingTokenBuilder};

const URL: &str = "https://auth.example.com/oauth/token";

fn builder(url: &str) -> RefreshingTokenBuilder {
    RefreshingToken::builder(url, "client-1", "refresh-X8KD2")
}

/// The default settings with `change` applied (`Config` is non-exhaustive: no literal).
fn config(change: impl FnOnce(&mut Config)) -> Config {
    let mut config = Config::default();
    change(&mut config);
    config
}

fn refused(result: Result<RefreshingToken, Error>) -> (String, String) {
    match result {
        Err(Error::InvalidInput { field, rule }) => (field.into_owned(), rule.into_owned()),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn bad_settings_fail_at_build_naming_the_setting_and_the_rule() {
    let example = "such as https://auth.example.com/oauth/token";
    let absolute = format!("must be an absolute URL with a scheme and a host, {example}");
    let cases: Vec<(&str, Result<RefreshingToken, Error>, &str, String)> = vec![
        (
            "not a URL",
            builder("not a url").build(),
            "token_url",
            format!("{absolute} (relative URL without a base)"),
        ),
        (
            "a path alone",
            builder("/oauth/token").build(),
            "token_url",
            format!("{absolute} (relative URL without a base)"),
        ),
        (
            "no host",
            builder("https://").build(),
            "token_url",
            format!("{absolute} (empty host)"),
        ),
        (
            "port out of range",
            builder("https://auth.example.com:99999/oauth/token").build(),
            "token_url",
            format!("{absolute} (invalid port number)"),
        ),
        (
            "not http",
            builder("ftp://auth.example.com/oauth/token").build(),
            "token_url",
            format!("must use https (or http), {example}"),
        ),
        (
            "plain http to another host",
            builder("http://auth.example.com/oauth/token").build(),
            "token_url",
            "uses plain http to a host other than loopback, so credentials would travel \
             unencrypted: use https, or allow_insecure_http(true) on the builder"
                .to_owned(),
        ),
        (
            "a query",
            builder("https://auth.example.com/oauth/token?tenant=1").build(),
            "token_url",
            format!("must not carry a query or fragment: the endpoint's address alone, {example}"),
        ),
        (
            "a fragment",
            builder("https://auth.example.com/oauth/token#top").build(),
            "token_url",
            format!("must not carry a query or fragment: the endpoint's address alone, {example}"),
        ),
        (
            "a password",
            builder("https://me:pw@auth.example.com/oauth/token").build(),
            "token_url",
            "must not carry a user name or password: give the client secret with client_secret"
                .to_owned(),
        ),
        (
            "a line break",
            builder("https://auth.example.com/oauth/token\n").build(),
            "token_url",
            format!(
                "must not contain control characters (a line break read with it, say): give \
                 the URL alone, {example}"
            ),
        ),
        (
            "empty client id",
            RefreshingToken::builder(URL, " ", "refresh-X8KD2").build(),
            "client_id",
            "must not be empty: give the client id the authorization server issued".to_owned(),
        ),
        (
            "client id with a line break",
            RefreshingToken::builder(URL, "client-1\r\n", "refresh-X8KD2").build(),
            "client_id",
            "must not contain control characters (a line break read with it, say): give the \
             client id the authorization server issued alone"
                .to_owned(),
        ),
        (
            "empty refresh token",
            RefreshingToken::builder(URL, "client-1", "").build(),
            "refresh_token",
            "must not be empty: give the refresh token the authorization server issued".to_owned(),
        ),
        (
            "refresh token with a line break",
            RefreshingToken::builder(URL, "client-1", "refresh-X8KD2\n").build(),
            "refresh_token",
            "must not contain control characters (a line break read with it, say): give the \
             refresh token the authorization server issued alone"
                .to_owned(),
        ),
        (
            "empty client secret",
            builder(URL).client_secret("").build(),
            "client_secret",
            "must not be empty: give the client secret the authorization server issued, or \
             none for a public client"
                .to_owned(),
        ),
        (
            "zero timeout",
            builder(URL).timeout(Duration::ZERO).build(),
            "timeout",
            "must be greater than zero".to_owned(),
        ),
        (
            "zero connect timeout in a Config",
            builder(URL)
                .config(config(|c| c.connect_timeout = Duration::ZERO))
                .build(),
            "connect_timeout",
            "must be greater than zero".to_owned(),
        ),
        (
            "user agent with a line break",
            builder(URL).user_agent("app\n1.0").build(),
            "user_agent",
            "must be a valid header value (visible ASCII, no control characters)".to_owned(),
        ),
    ];
    assert_eq!(cases.len(), 18);
    for (case, result, field, rule) in cases {
        let (got_field, got_rule) = refused(result);
        assert_eq!(
            (got_field.as_str(), got_rule.as_str()),
            (field, rule.as_str()),
            "{case}"
        );
        assert!(!got_rule.contains("X8KD2"), "{case}: {got_rule}");
    }
}

#[test]
fn good_settings_build_and_the_token_url_is_kept_as_given() {
    let shown = |p: RefreshingToken| format!("{p:?}");
    for url in [
        "https://auth.example.com/oauth/token/",
        "  https://auth.example.com/oauth/token  ",
        "http://127.0.0.1:8080/oauth/token",
        "http://localhost/oauth/token",
        "http://[::1]:8080/oauth/token",
    ] {
        let provider = builder(url)
            .build()
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(shown(provider).contains(url.trim()), "{url}");
    }
    // Plain http elsewhere: allowed on the builder, or by a Config.
    let remote = "http://auth.internal/oauth/token";
    builder(remote).allow_insecure_http(true).build().unwrap();
    builder(remote)
        .config(config(|c| c.allow_insecure_http = true))
        .build()
        .unwrap();
}

#[test]
fn a_cro_builder_checks_the_token_settings_and_lends_its_plaintext_guard() {
    let cro = || Client::builder().tenant_id(1);
    let e = cro()
        .refreshing_token(builder("ftp://auth.example.com/oauth/token"))
        .build()
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "token_url"),
        "{e:?}"
    );
    let remote = "http://auth.internal/oauth/token";
    let e = cro().refreshing_token(builder(remote)).build().unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, rule } if field == "token_url" && rule.contains("plain http")),
        "{e:?}"
    );
    // The client's setting applies where the token builder has none; the token builder's wins.
    cro()
        .allow_insecure_http(true)
        .refreshing_token(builder(remote))
        .build()
        .expect("the client allows plain http");
    let e = cro()
        .allow_insecure_http(true)
        .refreshing_token(builder(remote).allow_insecure_http(false))
        .build()
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "token_url"),
        "{e:?}"
    );
}

#[test]
fn a_rotated_refresh_token_never_shows_in_debug_or_display() {
    let token = customer_apis::RefreshToken::new("rotated-Z5MW1");
    assert_eq!(format!("{token:?}"), "RefreshToken([REDACTED])");
    assert_eq!(format!("{token}"), "[REDACTED]");
    assert_eq!(token.expose(), "rotated-Z5MW1");
    let shown = format!(
        "{:?}",
        builder(URL)
            .on_refresh_token_rotated(|_| {})
            .client_secret("secret-Z5MW2")
    );
    assert!(
        !shown.contains("X8KD2") && !shown.contains("Z5MW2"),
        "{shown}"
    );
    assert!(shown.contains("on_refresh_token_rotated: true"), "{shown}");
}

#[tokio::test]
async fn the_token_timeout_applies_to_a_callers_reqwest_client() {
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let auth = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&auth)
        .await;
    let provider = RefreshingToken::builder(format!("{}/token", auth.uri()), "c", "r")
        .http_client(reqwest::Client::new())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = customer_apis::TokenProvider::token(&provider)
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3), "{e:?}");
    assert!(
        matches!(&e, Error::Credentials { retryable: true, message } if message == "token endpoint unreachable: timed out"),
        "{e:?}"
    );
}

/// A token endpoint that rotates `refresh-0` into `refresh-1` (answered after `delay`) and
/// then accepts only `refresh-1`, which it keeps; every other grant is refused with 400.
async fn rotating_endpoint(delay: Duration) -> wiremock::MockServer {
    use wiremock::matchers::{body_string_contains, method};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let auth = MockServer::start().await;
    let answer = |refresh: &str| serde_json::json!({"access_token": "a.b.c", "token_type": "Bearer", "expires_in": 3600, "refresh_token": refresh});
    Mock::given(method("POST"))
        .and(body_string_contains("refresh_token=refresh-0"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(answer("refresh-1"))
                .set_delay(delay),
        )
        .up_to_n_times(1)
        .mount(&auth)
        .await;
    Mock::given(method("POST"))
        .and(body_string_contains("refresh_token=refresh-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer("refresh-1")))
        .mount(&auth)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(serde_json::json!({"error": "invalid_grant"})),
        )
        .mount(&auth)
        .await;
    auth
}

#[tokio::test]
async fn a_caller_that_gives_up_on_a_refresh_does_not_lose_the_rotated_refresh_token() {
    use std::sync::{Arc, Mutex};
    let auth = rotating_endpoint(Duration::from_millis(800)).await;
    let rotated = Arc::new(Mutex::new(Vec::new()));
    let sink = rotated.clone();
    let provider = RefreshingToken::builder(format!("{}/token", auth.uri()), "c", "refresh-0")
        .refresh_early(Duration::ZERO)
        .on_refresh_token_rotated(move |t| sink.lock().unwrap().push(t.expose().to_owned()))
        .build()
        .unwrap();
    // The caller gives up while the endpoint is still answering (it has rotated already).
    let gave_up = tokio::time::timeout(
        Duration::from_millis(100),
        customer_apis::TokenProvider::token(&provider),
    )
    .await;
    assert!(
        gave_up.is_err(),
        "the endpoint answered before the caller gave up"
    );
    // The refresh went on without it: the rotated token is kept and handed to the hook.
    let deadline = Instant::now() + Duration::from_secs(10);
    while rotated.lock().unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(*rotated.lock().unwrap(), ["refresh-1"]);
    // The access token it obtained is cached; a refusal makes the next refresh send refresh-1.
    let token = customer_apis::TokenProvider::token(&provider)
        .await
        .unwrap();
    assert!(customer_apis::TokenProvider::rejected(&provider, token.generation).await);
    customer_apis::TokenProvider::token(&provider)
        .await
        .unwrap();
    assert_eq!(provider.refreshes(), 2);
    let grants = auth.received_requests().await.unwrap();
    assert_eq!(grants.len(), 2, "one grant per refresh, none refused");
}

#[tokio::test]
async fn callers_waiting_on_a_failing_refresh_share_its_failure() {
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let auth = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_delay(Duration::from_millis(300)))
        .mount(&auth)
        .await;
    let provider = RefreshingToken::builder(format!("{}/token", auth.uri()), "c", "refresh-Q7")
        .build()
        .unwrap();
    let calls = (0..20).map(|_| customer_apis::TokenProvider::token(&provider));
    let results = futures_util::future::join_all(calls).await;
    for result in &results {
        assert!(
            matches!(result, Err(Error::Credentials { message, .. }) if message == "token endpoint answered HTTP 500"),
            "{result:?}"
        );
    }
    assert_eq!(
        auth.received_requests().await.unwrap().len(),
        1,
        "one request for 20 callers"
    );
    // A caller that comes after the failure tries again.
    let _ = customer_apis::TokenProvider::token(&provider).await;
    assert_eq!(auth.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_access_token_that_cannot_be_sent_is_refused_not_cached() {
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let auth = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"access_token": "has space.x.y", "expires_in": 3600}),
        ))
        .mount(&auth)
        .await;
    let provider = RefreshingToken::builder(format!("{}/token", auth.uri()), "c", "refresh-Q7")
        .build()
        .unwrap();
    for _ in 0..2 {
        let e = customer_apis::TokenProvider::token(&provider)
            .await
            .unwrap_err();
        assert!(
            matches!(&e, Error::Credentials { message, .. } if message == "token endpoint answered an access_token that is not visible ASCII without spaces"),
            "{e:?}"
        );
    }
    assert_eq!(
        auth.received_requests().await.unwrap().len(),
        2,
        "nothing was cached"
    );
}

#[cfg(feature = "sandbox")]
mod against_the_sandbox {
    use std::collections::HashSet;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use customer_apis::cro::Client;
    use customer_apis::sandbox::{OAuthSettings, Sandbox, CRO_REFRESH_TOKEN, OAUTH_TOKEN_PATH};
    use customer_apis::{Error, RefreshToken, RefreshingToken, RefreshingTokenBuilder};

    /// Every token request the sandbox received.
    fn token_requests(sandbox: &Sandbox) -> Vec<customer_apis::sandbox::RecordedRequest> {
        sandbox
            .requests()
            .into_iter()
            .filter(|r| r.path == OAUTH_TOKEN_PATH)
            .collect()
    }

    fn cro_with(sandbox: &Sandbox, provider: RefreshingTokenBuilder) -> Client {
        Client::builder()
            .base_url(sandbox.base_url())
            .refreshing_token(provider)
            .tenant_id(1)
            .build()
            .unwrap()
    }

    /// Each token a hook was given, and how its `Debug` and `Display` showed it.
    type Kept = Arc<Mutex<Vec<(String, String)>>>;

    /// A hook that keeps every token it is given.
    fn keeper() -> (Kept, impl Fn(&RefreshToken) + Send + Sync + 'static) {
        let kept = Kept::default();
        let sink = kept.clone();
        let hook = move |t: &RefreshToken| {
            let shown = format!("{t:?} {t}");
            sink.lock().unwrap().push((t.expose().to_owned(), shown));
        };
        (kept, hook)
    }

    #[tokio::test]
    async fn concurrent_first_calls_make_one_refresh_and_one_hook_call() {
        let sandbox = Sandbox::start().await.unwrap();
        let (kept, hook) = keeper();
        let provider =
            RefreshingToken::builder(sandbox.oauth_token_url(), "client-1", CRO_REFRESH_TOKEN)
                .on_refresh_token_rotated(hook);
        let client = cro_with(&sandbox, provider);
        let calls: Vec<_> = (0..16)
            .map(|_| {
                let c = client.clone();
                tokio::spawn(async move { c.get_customer(1).await })
            })
            .collect();
        for call in calls {
            call.await.unwrap().expect("succeeds");
        }
        assert_eq!(token_requests(&sandbox).len(), 1);
        assert_eq!(kept.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn every_rotation_reaches_the_hook_once_and_a_restart_with_the_last_token_works() {
        let sandbox = Sandbox::start().await.unwrap();
        let (kept, hook) = keeper();
        // Renewed more than an hour early, the sandbox's hour-long tokens are refreshed on
        // every call: a rotation per call.
        let provider =
            RefreshingToken::builder(sandbox.oauth_token_url(), "client-1", CRO_REFRESH_TOKEN)
                .refresh_early(Duration::from_secs(2 * 3600))
                .on_refresh_token_rotated(hook);
        let client = cro_with(&sandbox, provider);
        for _ in 0..3 {
            client.get_customer(1).await.expect("succeeds");
        }
        let calls: Vec<_> = (0..4)
            .map(|_| {
                let c = client.clone();
                tokio::spawn(async move { c.get_customer(1).await })
            })
            .collect();
        for call in calls {
            call.await.unwrap().expect("succeeds");
        }
        assert_eq!(token_requests(&sandbox).len(), 7);
        let kept = kept.lock().unwrap().clone();
        assert_eq!(kept.len(), 7);
        let distinct: HashSet<&str> = kept.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(distinct.len(), 7, "one hook call per rotation");
        assert!(!distinct.contains(CRO_REFRESH_TOKEN));
        for (_, shown) in &kept {
            assert_eq!(shown, "RefreshToken([REDACTED]) [REDACTED]");
        }

        // A restart with the token the app started with: retired by the first rotation.
        let stale = client_with(&sandbox, CRO_REFRESH_TOKEN);
        let e = stale.get_customer(1).await.unwrap_err();
        assert!(
            matches!(e, Error::Credentials { .. }) && e.to_string().contains("HTTP 400"),
            "{e:?}"
        );
        // A restart with the last token the hook stored works, and rotates it once more.
        let (restarted, hook) = keeper();
        let last = &kept[6].0;
        let provider = RefreshingToken::builder(sandbox.oauth_token_url(), "client-1", last)
            .on_refresh_token_rotated(hook);
        cro_with(&sandbox, provider)
            .get_customer(1)
            .await
            .expect("the stored token is the live one");
        let restarted = restarted.lock().unwrap().clone();
        assert_eq!(restarted.len(), 1);
        assert_ne!(&restarted[0].0, last);
    }

    fn client_with(sandbox: &Sandbox, refresh_token: &str) -> Client {
        cro_with(
            sandbox,
            RefreshingToken::builder(sandbox.oauth_token_url(), "client-1", refresh_token),
        )
    }

    #[tokio::test]
    async fn an_endpoint_that_does_not_rotate_calls_no_hook() {
        let sandbox = Sandbox::start().await.unwrap();
        let mut settings = OAuthSettings::default();
        settings.rotate_refresh_tokens = false;
        sandbox.set_oauth(settings);
        let (kept, hook) = keeper();
        let provider =
            RefreshingToken::builder(sandbox.oauth_token_url(), "client-1", CRO_REFRESH_TOKEN)
                .refresh_early(Duration::from_secs(2 * 3600))
                .on_refresh_token_rotated(hook);
        let client = cro_with(&sandbox, provider);
        client.get_customer(1).await.unwrap();
        client.get_customer(1).await.unwrap();
        assert_eq!(token_requests(&sandbox).len(), 2);
        assert!(kept.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_panicking_hook_fails_no_call_and_the_rotated_token_stays_in_use() {
        let logs = crate::support::secrets::logs();
        let sandbox = Sandbox::start().await.unwrap();
        let calls = Arc::new(AtomicU32::new(0));
        let counted = calls.clone();
        let provider =
            RefreshingToken::builder(sandbox.oauth_token_url(), "client-1", CRO_REFRESH_TOKEN)
                .refresh_early(Duration::from_secs(2 * 3600))
                .on_refresh_token_rotated(move |_| {
                    counted.fetch_add(1, Ordering::SeqCst);
                    panic!("the hook fails on purpose");
                });
        let client = cro_with(&sandbox, provider);
        // The second refresh sends the token the first rotated in: the sandbox refuses any other.
        client.get_customer(1).await.expect("first call");
        client.get_customer(1).await.expect("second call");
        assert_eq!(token_requests(&sandbox).len(), 2);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        // No other test has a hook that panics.
        let warned = logs
            .text()
            .lines()
            .filter(|l| {
                l.contains(" WARN ") && l.contains("the on_refresh_token_rotated hook panicked")
            })
            .count();
        assert_eq!(warned, 2);
    }

    /// The `User-Agent` of each token request the sandbox received.
    fn token_agents(sandbox: &Sandbox) -> Vec<String> {
        token_requests(sandbox)
            .iter()
            .map(|r| r.header("user-agent").unwrap_or_default().to_owned())
            .collect()
    }

    #[tokio::test]
    async fn token_requests_take_the_client_settings_unless_the_token_builder_sets_its_own() {
        let sandbox = Sandbox::start().await.unwrap();
        let mut settings = OAuthSettings::default();
        settings.rotate_refresh_tokens = false;
        sandbox.set_oauth(settings);
        let token =
            || RefreshingToken::builder(sandbox.oauth_token_url(), "client-1", CRO_REFRESH_TOKEN);
        let cro = || Client::builder().base_url(sandbox.base_url()).tenant_id(1);
        let with_header = |value: &'static str| {
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert(
                "x-sent-by",
                reqwest::header::HeaderValue::from_static(value),
            );
            reqwest::Client::builder()
                .user_agent("caller-client/1.0")
                .default_headers(headers)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap()
        };
        let clients = [
            // The client's user agent, by setter and by Config.
            cro().user_agent("cro-app/2.0").refreshing_token(token()),
            cro()
                .config(super::config(|c| {
                    c.user_agent = "cro-config/2.1".to_owned()
                }))
                .refreshing_token(token()),
            // The token builder's own, by setter and by Config.
            cro()
                .user_agent("cro-app/2.0")
                .refreshing_token(token().user_agent("token-app/1.0")),
            cro()
                .user_agent("cro-app/2.0")
                .refreshing_token(token().config(super::config(|c| {
                    c.user_agent = "token-config/1.1".to_owned()
                }))),
            // The client's reqwest client, and the token builder's own (which wins).
            cro()
                .http_client(with_header("client"))
                .refreshing_token(token()),
            cro()
                .http_client(with_header("client"))
                .refreshing_token(token().http_client(with_header("token"))),
            // A token builder that says how to connect builds its own client.
            cro()
                .http_client(with_header("client"))
                .refreshing_token(token().user_agent("token-app/1.2")),
        ];
        for client in clients {
            client.build().unwrap().get_customer(1).await.unwrap();
        }
        assert_eq!(
            token_agents(&sandbox),
            [
                "cro-app/2.0",
                "cro-config/2.1",
                "token-app/1.0",
                "token-config/1.1",
                "caller-client/1.0",
                "caller-client/1.0",
                "token-app/1.2",
            ]
        );
        let sent_by: Vec<Option<String>> = token_requests(&sandbox)
            .iter()
            .map(|r| r.header("x-sent-by").map(str::to_owned))
            .collect();
        assert_eq!(
            sent_by,
            [
                None,
                None,
                None,
                None,
                Some("client".to_owned()),
                Some("token".to_owned()),
                None,
            ]
        );
    }
}
