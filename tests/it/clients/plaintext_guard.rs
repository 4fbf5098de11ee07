//! Credentials are never sent over plain http to a host other than loopback unless the user
//! allows it on the builder.

use crate::support;
use customer_apis::{cro, foxtrot, pdm, Error, RefreshingToken};

fn rule(result: Result<(), Error>) -> Option<String> {
    match result {
        Ok(()) => None,
        Err(Error::InvalidInput { field, rule }) => {
            assert_eq!(field, "base_url");
            Some(rule.into_owned())
        }
        Err(other) => panic!("unexpected {other:?}"),
    }
}

fn all_builders(url: &str, allow: bool) -> Vec<Option<String>> {
    vec![
        rule(
            cro::Client::builder()
                .base_url(url)
                .bearer_token(support::TOKEN)
                .tenant_id(1)
                .allow_insecure_http(allow)
                .build()
                .map(drop),
        ),
        rule(
            pdm::Client::builder()
                .base_url(url)
                .company_id(1)
                .api_key("k")
                .allow_insecure_http(allow)
                .build()
                .map(drop),
        ),
        rule(
            foxtrot::Client::builder()
                .base_url(url)
                .api_key("k")
                .allow_insecure_http(allow)
                .build()
                .map(drop),
        ),
    ]
}

#[test]
fn plain_http_to_another_host_is_refused_unless_allowed() {
    for url in [
        "http://api.crosoftware.net",
        "http://10.0.0.8:8003/cro",
        "http://[2001:db8::1]/",
        "http://localhost.example.com",
    ] {
        for refused in all_builders(url, false) {
            let rule = refused.unwrap_or_else(|| panic!("{url} was accepted"));
            assert!(
                rule.contains("plain http") && rule.contains("allow_insecure_http"),
                "{rule}"
            );
        }
        assert!(
            all_builders(url, true).iter().all(Option::is_none),
            "{url} allowed explicitly"
        );
    }
    for url in [
        "https://api.crosoftware.net",
        "http://127.0.0.1:8003",
        "http://127.8.9.10/x",
        "http://localhost:8003/cro",
        "http://[::1]:8003",
    ] {
        assert!(
            all_builders(url, false).iter().all(Option::is_none),
            "{url} must be accepted"
        );
    }
}

#[test]
fn a_plain_http_token_url_to_another_host_is_refused_when_built() {
    let refused = RefreshingToken::builder(
        "http://auth.example.com/oauth/token",
        "client",
        "refresh-SECRET",
    )
    .build()
    .unwrap_err();
    match &refused {
        Error::InvalidInput { field, rule } => {
            assert_eq!(field, "token_url");
            assert!(rule.contains("plain http"), "{rule}");
        }
        other => panic!("expected invalid input, got {other:?}"),
    }
    assert!(!format!("{refused} {refused:?}").contains("SECRET"));
    // The same through a CRO builder: refused by build(), before any call.
    let through_client = cro::Client::builder()
        .base_url("http://127.0.0.1:9")
        .refreshing_token(RefreshingToken::builder(
            "http://auth.example.com/oauth/token",
            "client",
            "refresh-SECRET",
        ))
        .tenant_id(1)
        .build()
        .unwrap_err();
    assert!(
        matches!(&through_client, Error::InvalidInput { field, .. } if field == "token_url"),
        "{through_client:?}"
    );
    // Loopback is allowed, and so is another host when asked for.
    for (url, allow) in [
        ("http://127.0.0.1:9/token", false),
        ("http://localhost:9/token", false),
        ("http://auth.example.com/token", true),
    ] {
        RefreshingToken::builder(url, "client", "refresh")
            .allow_insecure_http(allow)
            .build()
            .unwrap_or_else(|e| panic!("{url}: {e}"));
    }
}
