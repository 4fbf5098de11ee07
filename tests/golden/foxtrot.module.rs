/**Foxtrot Customers API (`specs/foxtrot.yaml`; feature `foxtrot`).

The Customers API of Foxtrot (route optimisation), written by hand from Foxtrot's
Customers API page: Get Customer, Get Confident Location and Get Waypoints.

Every request carries `Authorization: Bearer <API key>`. Answers come in Foxtrot's
envelope, `{"status": "success" | "pending" | "error", "data": ...}`; an error answers
`{"status": "error", "data": {"code": <int>, "message": <string>}}`. Timestamps are epoch
milliseconds (integers), as elsewhere in Foxtrot's API.

Contradictions and gaps found in the vendor's page, kept here as found:
- the Get Confident Location response sample is not valid JSON (`"customer_id:` lacks its
  closing quote); the example here is the corrected one;
- the Get Waypoints sample is shown without the envelope and ends with `, ...` (an
  ellipsis, not JSON); the example keeps its one waypoint. The real API may wrap the list
  in the envelope (`WaypointListEnvelope`), which the SDK layer also accepts;
- the waypoint `status` is documented only by the sample value `PENDING`;
- `estimated_time_of_arrival` is `123456` in the sample, a placeholder rather than a
  plausible epoch-millisecond time;
- the Get Customer sample's `longitude` values are positive (`122.41942`) next to a
  latitude of San Francisco, whose longitude is negative; kept as sent;
- the "Example request" of Get Confident Location is a JSON object
  (`{"dc_id": "Foxtrot-DC", "customer_id": "johns-burger-shack"}`), although the
  operation is a GET whose inputs are the two path parameters; its values are the
  parameters' examples here;
- the page says "the location object may be null if Foxtrot does not have an imported
  location" without saying which of the two locations; both are nullable here;
- what `data` holds when `status` is `pending` is not documented.


This module is generated whole from the spec: every operation is a method of [`Client`](crate::foxtrot::Client), the credential is sent as `Authorization: Bearer <credential>`.

```no_run
# fn demo() -> Result<(), customer_apis::Error> {
let client = customer_apis::foxtrot::Client::builder()
    .api_key("my-credential")
    .build()?;
# let _ = client; Ok(()) }
```*/
#[cfg_attr(docsrs, doc(cfg(feature = "foxtrot")))]
pub mod foxtrot {
    crate::client::vendor_client! {
        #[doc =
        "A client of Foxtrot. Cheap to clone; clones share one connection pool. `Send + Sync`."]
        spec : "foxtrot", policy : crate ::spec_policy::SpecPolicy,
    }
    pub use generated::spec::*;
    /// Every operation of the spec with its method, as data (see [`crate::operation`]).
    pub use generated::OPERATIONS;
    /// The spec's models, generated at build time. Each implements
    /// [`Validate`](crate::Validate) with its documented rules.
    pub use generated::types;
    #[cfg(feature = "sandbox")]
    pub(crate) use generated::{check_request, check_seed};
    /**Builds a [`Client`]; every setting is checked by [`ClientBuilder::build`]. The base URL defaults to the spec's public server (`DEFAULT_BASE_URL`); the other settings are [`Config`](crate::Config)'s.

Every option, with its default where it has one:

```
use std::time::Duration;
use customer_apis::RetryPolicy;

let client = customer_apis::foxtrot::Client::builder()
    .api_key("my-credential")                      // required
    .connect_timeout(Duration::from_secs(10))      // default
    .timeout(Duration::from_secs(30))              // default, per attempt
    .retry_policy(RetryPolicy::default())          // 3 attempts
    .user_agent("my-app/1.0")
    .max_response_bytes(4 * 1024 * 1024)           // default
    .allow_insecure_http(false)                    // default; loopback is always allowed
    .build()?;
# let _ = client;
# Ok::<(), customer_apis::Error>(())
```*/
    #[derive(Default, Clone)]
    pub struct ClientBuilder {
        credential: ::std::option::Option<crate::spec_policy::Given>,
        settings: ::std::collections::BTreeMap<&'static str, ::std::string::String>,
        common: crate::config::Common,
    }
    impl ::std::fmt::Debug for ClientBuilder {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.debug_struct(concat!("foxtrot", "::ClientBuilder"))
                .field(stringify!(api_key), &self.credential)
                .field("settings", &self.settings)
                .field("common", &self.common)
                .finish()
        }
    }
    impl ClientBuilder {
        ///The API key, sent as `Authorization: Bearer <API key>`. (required; `api_key`).
        pub fn api_key(
            mut self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.credential = ::std::option::Option::Some(
                crate::spec_policy::Given::Static(
                    ::secrecy::SecretString::from(value.into()),
                ),
            );
            self
        }
        /// A provider that supplies (and refreshes) tokens, such as
        /// [`RefreshingToken`](crate::RefreshingToken).
        pub fn token_provider(
            mut self,
            provider: impl crate::TokenProvider + 'static,
        ) -> Self {
            self.credential = ::std::option::Option::Some(
                crate::spec_policy::Given::Provider(::std::sync::Arc::new(provider)),
            );
            self
        }
        /// An OAuth refresh token flow ([`RefreshingToken`](crate::RefreshingToken)) whose
        /// token requests use this client's settings (connect timeout, timeout, user agent,
        /// plaintext guard, and the reqwest client given to `http_client`) for whatever the
        /// token builder does not set itself. Its settings are checked by `build`.
        pub fn refreshing_token(mut self, token: crate::RefreshingTokenBuilder) -> Self {
            self.credential = ::std::option::Option::Some(
                crate::spec_policy::Given::Refreshing(::std::boxed::Box::new(token)),
            );
            self
        }
        crate::config::common_builder_methods!();
        /// Checks every setting and builds the client.
        pub fn build(self) -> ::std::result::Result<Client, crate::Error> {
            let policy = crate::spec_policy::SpecPolicy::new(
                crate::Vendor::Foxtrot,
                &generated::spec::POLICY,
                self.credential,
                &self.settings,
                &self.common,
            )?;
            let base_url = match self.common.base_url.as_deref() {
                ::std::option::Option::Some(url) => url,
                ::std::option::Option::None => {
                    ::std::result::Result::Ok::<&str, crate::Error>(DEFAULT_BASE_URL)?
                }
            };
            Client::from_policy(
                &self.common,
                base_url,
                |_, _, _| ::std::result::Result::Ok(policy),
            )
        }
    }
    impl Client {
        /// Any request, for an endpoint the spec does not cover yet, through this
        /// client's core: the credential, retries (any retryable failure for a method
        /// RFC 9110 calls idempotent: GET, HEAD, PUT, DELETE, OPTIONS, TRACE; for other
        /// methods only when the server cannot have acted on the request), timeouts,
        /// the size cap, the envelope where the spec
        /// has one (its status read, its payload returned as `T`) and
        /// [`Error`](crate::Error). `path` is appended to the base URL (a query
        /// allowed) and must stay under it; `body`, if any, is sent as JSON.
        pub async fn request<T: ::serde::de::DeserializeOwned + ::std::marker::Send>(
            &self,
            method: ::reqwest::Method,
            path: &str,
            body: ::std::option::Option<&::serde_json::Value>,
        ) -> ::std::result::Result<crate::Response<T>, crate::Error> {
            self.inner.policy.request(&self.inner, method, path, body).await
        }
    }
    #[cfg(feature = "blocking")]
    impl blocking::ClientBuilder {
        ///[`ClientBuilder::api_key`](ClientBuilder::api_key).
        pub fn api_key(
            self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                inner: self.inner.api_key(value),
            }
        }
        ///[`ClientBuilder::token_provider`](ClientBuilder::token_provider).
        pub fn token_provider(self, value: impl crate::TokenProvider + 'static) -> Self {
            Self {
                inner: self.inner.token_provider(value),
            }
        }
        ///[`ClientBuilder::refreshing_token`](ClientBuilder::refreshing_token).
        pub fn refreshing_token(self, value: crate::RefreshingTokenBuilder) -> Self {
            Self {
                inner: self.inner.refreshing_token(value),
            }
        }
    }
    #[cfg(feature = "blocking")]
    impl blocking::Client {
        /// [`request`](Client::request), blocking the calling thread.
        pub fn request<T: ::serde::de::DeserializeOwned + ::std::marker::Send>(
            &self,
            method: ::reqwest::Method,
            path: &str,
            body: ::std::option::Option<&::serde_json::Value>,
        ) -> ::std::result::Result<crate::Response<T>, crate::Error> {
            self.block_on(self.as_async().request(method, path, body))
        }
    }
    /// This vendor as the command-line tool offers it.
    #[cfg(feature = "cli")]
    pub(crate) const CLI: crate::operation::SpecVendor = crate::operation::SpecVendor {
        vendor: crate::Vendor::Foxtrot,
        title: "Foxtrot Customers API",
        setter: "api_key",
        builder_setter: stringify!(api_key),
        credential: "The API key, sent as `Authorization: Bearer <API key>`.",
        default_base_url: ::std::option::Option::Some(DEFAULT_BASE_URL),
        operations: OPERATIONS,
        settings: &[],
        call: |settings, name, args| ::std::boxed::Box::pin(async move {
            let credential = ::secrecy::ExposeSecret::expose_secret(
                &settings.credential,
            );
            let mut builder = Client::builder().api_key(credential);
            if let ::std::option::Option::Some(url) = &settings.base_url {
                builder = builder.base_url(url.as_str());
            }
            if let ::std::option::Option::Some(timeout) = settings.timeout {
                builder = builder.timeout(timeout).operation_timeout(timeout);
            }
            let client = builder.build()?;
            let (mut value, meta) = client
                .call_operation(name, args)
                .await?
                .into_parts();
            client.mask_credentials(&mut value).await;
            ::std::result::Result::Ok(crate::Response::new(value, meta))
        }),
    };
}
