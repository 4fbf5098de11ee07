/**CRO Software customers API (`specs/cro.yaml`; feature `cro`).

The customer endpoints of the CRO Software dispatch API (roll-off dispatch), written by
hand from CRO's endpoint pages: Get Customer, Get Contact and Deactivate Customer.

Authentication is OAuth 2.0 (authorization code and refresh token); every request carries
`Authorization: Bearer <access token>` and the tenant in `x-tenant-id`. The API version is
chosen with `x-api-version`; when it is absent the server applies the version the client
id last used, so a client should always send it.

The SDK pins one on every request: by default the newest documented version, 2023/04/19,
because new integrations should start on the current shape (moving the default is a breaking
change of the SDK). CRO documents `x-api-version` on every answer, so every answer's is
compared with the pin before its body is used: another version, several or an unreadable
one is a version mismatch whatever the status; none at all is a mismatch on a success only.
An error status without the header may come from a gateway or proxy that CRO did not write
(a 503 page, a 404 for a path CRO does not serve), so its status decides: a 503 is retried,
a 404 is not found.

A bearer token must match the documented pattern and length, and also be header-safe:
visible ASCII without spaces (the documented pattern's unescaped `.` would let
`Bearer Bearer x.y`, spaces or raw UTF-8 through).

Contradictions found in the vendor's pages, kept here as found:
- the Get Customer sample sends `"sales_rep": ""` although the field is documented as
  "at least 1 character";
- timestamps are documented as "ISO 8601 compatible" but the samples send them without an
  offset (`2018-06-13T19:50:20.447000`), which ISO 8601 allows and `format: date-time`
  (RFC 3339) does not. The spec encodes what the docs say: `format: iso8601-date-time` (a
  name of this spec's own, which standard validators ignore, and which the SDK's build maps
  to its timestamp type) with a pattern for an ISO 8601 date-time whose offset (`Z` or
  `±hh:mm`) is optional. The pattern also bounds every field (month 01–12, day 01–31,
  hour 00–23, minute and second 00–59, offset within ±23:59): with digits alone it
  accepted impossible values such as `1954-13-65T59:77:85`, which a mock generating from
  the spec (Stoplight Prism's dynamic mode) sent and the SDK rightly refuses. A day its
  month lacks (30 February, 31 April) still matches: the pattern does not check the
  calendar;
- the endpoint pages show a trailing slash in the sample request line
  (`GET /customers/{customer_id}/`) but not in the cURL samples; the paths here follow the
  cURL samples;
- the Python sample for Deactivate Customer calls `requests.post`, although the operation
  is a `DELETE`.


This module is generated whole from the spec: every operation is a method of [`Client`](crate::cro::Client), the credential is sent as `Authorization: Bearer <credential>`.

```no_run
# fn demo() -> Result<(), customer_apis::Error> {
let client = customer_apis::cro::Client::builder()
    .bearer_token("eyJhbGciOiJub25lIn0.eyJzdWIiOiJzYW5kYm94In0.c2FuZGJveA")
    .tenant_id(42)
    .build()?;
# let _ = client; Ok(()) }
```*/
#[cfg_attr(docsrs, doc(cfg(feature = "cro")))]
pub mod cro {
    crate::client::vendor_client! {
        #[doc =
        "A client of CRO. Cheap to clone; clones share one connection pool. `Send + Sync`."]
        spec : "cro", policy : crate ::spec_policy::SpecPolicy,
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

let client = customer_apis::cro::Client::builder()
    .bearer_token("eyJhbGciOiJub25lIn0.eyJzdWIiOiJzYW5kYm94In0.c2FuZGJveA") // required
    .api_version(customer_apis::cro::ApiVersion::V2023_04_19) // default
    .tenant_id(42)                                 // required
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
            f.debug_struct(concat!("cro", "::ClientBuilder"))
                .field(stringify!(bearer_token), &self.credential)
                .field("settings", &self.settings)
                .field("common", &self.common)
                .finish()
        }
    }
    impl ClientBuilder {
        /**The OAuth 2.0 access token, sent as `Authorization: Bearer <access token>` (the
`authorization` header's rules apply). (required; `bearer_token`).*/
        pub fn bearer_token(
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
        /**`x-api-version`: API version to apply (the docs call it "Request identifier", a copy-paste slip on the
vendor's page). When absent, the server applies the version the client id last used.
At least 1 and no more than 64 characters; must be a valid API version string.*/
        pub fn api_version(mut self, value: ApiVersion) -> Self {
            self.settings.insert("api_version", value.as_str().to_owned());
            self
        }
        /**`x-tenant-id`: Tenant identifier. Contact CRO Software for more info if you don't already have this
id. See list tenant ids for info on listing the tenants you have access to.*/
        pub fn tenant_id(mut self, value: impl ::std::fmt::Display) -> Self {
            self.settings.insert("tenant_id", value.to_string());
            self
        }
        crate::config::common_builder_methods!();
        /// Checks every setting and builds the client.
        pub fn build(self) -> ::std::result::Result<Client, crate::Error> {
            let policy = crate::spec_policy::SpecPolicy::new(
                crate::Vendor::Cro,
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
        ///A client that sends this `x-api-version` instead (checked like the builder's `api_version`); it shares this client's connection pool, credential (and its token cache) and every other setting, so that one client per value costs a few small allocations, not a connection pool.
        pub fn with_api_version(
            &self,
            value: ApiVersion,
        ) -> ::std::result::Result<Client, crate::Error> {
            let policy = self
                .inner
                .policy
                .with_setting("api_version", &value.to_string())?;
            ::std::result::Result::Ok(self.with_policy(policy))
        }
        ///The `x-api-version` this client sends.
        pub fn api_version(&self) -> ApiVersion {
            let sent = self
                .inner
                .policy
                .setting("api_version")
                .and_then(|v| v.parse().ok());
            sent.unwrap_or(ApiVersion::V2023_04_19)
        }
        ///A client that sends this `x-tenant-id` instead (checked like the builder's `tenant_id`); it shares this client's connection pool, credential (and its token cache) and every other setting, so that one client per value costs a few small allocations, not a connection pool.
        pub fn with_tenant(&self, value: i64) -> Client {
            self.with_policy(self.inner.policy.with_integer("tenant_id", value))
        }
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
        ///[`ClientBuilder::bearer_token`](ClientBuilder::bearer_token).
        pub fn bearer_token(
            self,
            value: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                inner: self.inner.bearer_token(value),
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
        ///[`ClientBuilder::api_version`](ClientBuilder::api_version).
        pub fn api_version(self, value: ApiVersion) -> Self {
            Self {
                inner: self.inner.api_version(value),
            }
        }
        ///[`ClientBuilder::tenant_id`](ClientBuilder::tenant_id).
        pub fn tenant_id(self, value: impl ::std::fmt::Display) -> Self {
            Self {
                inner: self.inner.tenant_id(value),
            }
        }
    }
    #[cfg(feature = "blocking")]
    impl blocking::Client {
        ///[`with_api_version`](Client::with_api_version), on this client's runtime.
        pub fn with_api_version(
            &self,
            value: ApiVersion,
        ) -> ::std::result::Result<blocking::Client, crate::Error> {
            ::std::result::Result::Ok(
                self.with_async(self.as_async().with_api_version(value)?),
            )
        }
        ///The `x-api-version` this client sends.
        pub fn api_version(&self) -> ApiVersion {
            self.as_async().api_version()
        }
        ///[`with_tenant`](Client::with_tenant), on this client's runtime.
        pub fn with_tenant(&self, value: i64) -> blocking::Client {
            self.with_async(self.as_async().with_tenant(value))
        }
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
        vendor: crate::Vendor::Cro,
        title: "CRO Software customers API",
        setter: "token",
        builder_setter: stringify!(bearer_token),
        credential: "The OAuth 2.0 access token, sent as `Authorization: Bearer <access token>` (the `authorization` header's rules apply).",
        default_base_url: ::std::option::Option::Some(DEFAULT_BASE_URL),
        operations: OPERATIONS,
        settings: &[
            (
                "api_version",
                "`x-api-version`: API version to apply (the docs call it \"Request identifier\", a copy-paste slip on the vendor's page).",
            ),
            ("tenant_id", "`x-tenant-id`: Tenant identifier."),
        ],
        call: |settings, name, args| ::std::boxed::Box::pin(async move {
            let credential = ::secrecy::ExposeSecret::expose_secret(
                &settings.credential,
            );
            let mut builder = Client::builder().bearer_token(credential);
            for (setting, value) in &settings.values {
                builder = match *setting {
                    "api_version" => {
                        builder
                            .api_version(
                                value
                                    .trim()
                                    .parse()
                                    .map_err(|e| crate::Error::invalid(
                                        "api_version",
                                        ::std::format!("{e}"),
                                    ))?,
                            )
                    }
                    "tenant_id" => builder.tenant_id(value),
                    _ => builder,
                };
            }
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
