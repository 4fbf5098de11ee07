//! What an app writes around the calls: `.optional()` for a record that may not exist,
//! `Customer::from(&response)` on a get-customer answer as it comes, and its own reqwest
//! client with a user agent of its choice.

use customer_apis::pdm::CustomerLookup;
use customer_apis::sandbox::{Fault, FaultKind, Sandbox};
use customer_apis::{Customer, ErrorKind, ResultExt, RetryPolicy, Vendor};

#[tokio::test]
async fn optional_is_none_for_each_vendors_not_found_and_keeps_every_other_error() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let cro = sandbox.cro_client().build().unwrap();
    let pdm = sandbox
        .pdm_client()
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let foxtrot = sandbox.foxtrot_client().build().unwrap();

    // CRO: HTTP 404 for an id the sandbox does not hold; a customer it holds is `Some`.
    assert!(cro
        .get_customer(404_404)
        .await
        .optional()
        .unwrap()
        .is_none());
    let found = cro.get_customer(1).await.optional().unwrap();
    assert_eq!(found.map(|c| c.id), Some(1));

    // PDM says "not found" with its code 401 in an HTTP 200.
    sandbox.fault(Fault::new("GetCustomer", FaultKind::PdmStatus { code: 401 }).times(1));
    let lookup = CustomerLookup::id(1408);
    assert!(pdm
        .get_customer(&lookup)
        .await
        .optional()
        .unwrap()
        .is_none());
    // Any other vendor error stays an error: PDM's 205 (throttled).
    sandbox.fault(Fault::new("GetCustomer", FaultKind::PdmStatus { code: 205 }).times(1));
    let error = pdm.get_customer(&lookup).await.optional().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Throttled, "{error}");
    // And input refused before sending.
    let too_long = CustomerLookup::external_ref("R".repeat(51));
    let error = pdm.get_customer(&too_long).await.optional().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");

    // Foxtrot: a 404 in its error envelope.
    sandbox.fault(Fault::new("getCustomer", FaultKind::Status { status: 404 }).times(1));
    let answer = foxtrot
        .get_customer("Foxtrot-DC", "johns-burger-shack")
        .await;
    assert!(answer.optional().unwrap().is_none());
    let error = foxtrot
        .get_customer("", "johns-burger-shack")
        .await
        .optional()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
}

#[tokio::test]
async fn a_customer_is_made_from_each_vendors_answer_as_it_comes() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let cro = sandbox.cro_client().build().unwrap();
    let pdm = sandbox.pdm_client().build().unwrap();
    let foxtrot = sandbox.foxtrot_client().build().unwrap();

    let answer = cro.get_customer(7).await.unwrap();
    assert_eq!(Customer::from(&answer), Customer::from(&*answer));
    assert_eq!(Customer::from(&answer).id, "7");

    let answer = pdm
        .get_customer(&CustomerLookup::external_ref("CRO-7"))
        .await
        .unwrap();
    assert_eq!(Customer::from(&answer), Customer::from(&*answer));
    assert_eq!(Customer::from(&answer).external_refs, ["CRO-7"]);

    let answer = foxtrot
        .get_customer("Foxtrot-DC", "johns-burger-shack")
        .await
        .unwrap();
    assert_eq!(Customer::from(&answer), Customer::from(&*answer));
    assert_eq!(Customer::from(&answer).vendor, Vendor::Foxtrot);
}

#[tokio::test]
async fn a_user_agent_set_beside_a_callers_http_client_is_sent_and_the_default_is_not() {
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let own = reqwest::Client::builder()
        .user_agent("app-client/2.0")
        .build()
        .unwrap();
    let client = |agent: Option<&str>| {
        let builder = crate::support::foxtrot_on(&server.uri(), "key").http_client(own.clone());
        match agent {
            Some(agent) => builder.user_agent(agent),
            None => builder,
        }
        .build()
        .unwrap()
    };
    for (agent, sent) in [(None, "app-client/2.0"), (Some("my-app/1.0"), "my-app/1.0")] {
        let answer = client(agent)
            .get_customer("dc", "c")
            .await
            .optional()
            .unwrap();
        assert!(answer.is_none());
        let received = server.received_requests().await.unwrap();
        let last = received.last().unwrap();
        assert_eq!(
            last.headers.get_all("user-agent").iter().count(),
            1,
            "{agent:?}"
        );
        assert_eq!(last.headers["user-agent"], sent, "{agent:?}");
    }
    // A user agent that is not a header value is refused before anything is sent.
    let before = server.received_requests().await.unwrap().len();
    let builder = crate::support::foxtrot_on(&server.uri(), "key").http_client(own.clone());
    let error = builder.user_agent("tab\there").build().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    assert!(error.to_string().contains("user_agent"), "{error}");
    assert_eq!(server.received_requests().await.unwrap().len(), before);
}

#[tokio::test]
async fn an_attempt_that_times_out_is_repeated_for_an_idempotent_operation() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let cro = sandbox
        .cro_client()
        .timeout(std::time::Duration::from_millis(200))
        .retry_policy(RetryPolicy::default().initial_delay(std::time::Duration::from_millis(5)))
        .build()
        .unwrap();
    // The first answer comes after the attempt's timeout; the second at once.
    sandbox.fault(Fault::new("getCustomer", FaultKind::Delay { millis: 2_000 }).times(1));
    let customer = cro
        .get_customer(1)
        .await
        .expect("the second attempt answers");
    assert_eq!(customer.meta().attempts, 2);
    assert_eq!(customer.id, 1);
}

#[tokio::test]
async fn a_client_per_tenant_shares_the_credential_and_every_other_setting() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let provider = crate::support::sandbox_grant(&sandbox).build().unwrap();
    // Builders are `Clone`: one configured builder, finished twice.
    let builder = sandbox.cro_client().token_provider(provider.clone());
    let first = builder.clone().build().unwrap();
    let _second = builder.build().unwrap();

    let tenants: Vec<_> = [7, 8, 9]
        .into_iter()
        .map(|tenant| first.with_tenant(tenant))
        .collect();
    sandbox.clear_requests();
    for (client, tenant) in tenants.iter().zip(["7", "8", "9"]) {
        assert_eq!(client.get_customer(1).await.unwrap().id, 1);
        let sent = sandbox.requests().pop().expect("one request recorded");
        assert_eq!(sent.header("x-tenant-id"), Some(tenant));
        // Every other setting is the first client's.
        assert_eq!(
            sent.header("x-api-version"),
            Some(first.api_version().as_str())
        );
    }
    // The first client still sends its own tenant.
    first.get_customer(1).await.unwrap();
    let sent = sandbox.requests().pop().unwrap();
    assert_eq!(
        sent.header("x-tenant-id"),
        Some("1"),
        "the sandbox builder's tenant"
    );
    // One token for the four clients: the credential and its cache are shared.
    assert_eq!(provider.refreshes(), 1);

    // A tenant is an integer (the spec's int64): any i64 is one, so no error is possible; the
    // version is typed.
    let older = first
        .with_api_version(customer_apis::cro::ApiVersion::V2019_02_08)
        .unwrap();
    assert_eq!(
        older.api_version(),
        customer_apis::cro::ApiVersion::V2019_02_08
    );
    assert_eq!(
        older
            .get_customer(1)
            .await
            .unwrap()
            .meta()
            .api_version
            .as_deref(),
        Some("2019/02/08")
    );
}

/// A static credential's client, a `with_tenant` client of it and a client on the caller's
/// reqwest client each send every fixed header exactly once, with the client's own values.
#[tokio::test]
async fn each_fixed_header_is_sent_once_with_the_clients_own_value_however_it_is_sent() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let own = sandbox.cro_client().build().unwrap();
    let tenant = own.with_tenant(7);
    let callers = sandbox
        .cro_client()
        .tenant_id(8)
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();
    sandbox.clear_requests();
    for (client, expected) in [(&own, "1"), (&tenant, "7"), (&callers, "8")] {
        assert_eq!(client.get_customer(1).await.unwrap().id, 1);
        let sent = sandbox.requests().pop().expect("one request recorded");
        let values = |name: &str| -> Vec<&str> {
            let named = sent.headers.iter().filter(|(n, _)| n == name);
            named.map(|(_, v)| v.as_str()).collect()
        };
        assert_eq!(values("x-tenant-id"), [expected]);
        assert_eq!(values("x-api-version"), [own.api_version().as_str()]);
        // One Authorization header (the sandbox answered, so it held the token; its log
        // masks the value whole).
        assert_eq!(values("authorization"), ["[REDACTED]"], "tenant {expected}");
    }
}
