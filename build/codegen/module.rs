//! The whole module of a vendor whose spec says all there is to say (no `x-policy:
//! hand-written`): its `Client` over the layer's one spec policy, its builder with the setter
//! the security scheme names, the escape hatch and the re-exports. build.rs writes every such
//! module to `OUT_DIR/vendor_modules.rs`, which `src/lib.rs` includes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::model::{self, Credential};
use super::Result;

/// What a vendor is called, each where it is used.
pub struct Names<'a> {
    /// The spec's file stem, its feature and CLI subcommand (`acme-freight`).
    pub key: &'a str,
    /// Its module (`acme_freight`).
    pub module: &'a str,
    /// Its `Vendor` constant (`AcmeFreight`).
    pub constant: &'a str,
    /// Its name in messages (`Acme Freight`).
    pub name: &'a str,
}

/// The module of the vendor `names` says, from its spec as JSON; `None` when its policy is
/// written by hand.
pub fn vendor_module(names: &Names<'_>, spec_json: &str) -> Result<Option<String>> {
    let (key, name) = (names.key, names.name);
    let doc: serde_json::Value = serde_json::from_str(spec_json).map_err(|e| e.to_string())?;
    let spec = model::read(&doc)?;
    let Some(policy) = &spec.policy else {
        return Ok(None);
    };
    let module = format_ident!("{}", names.module);
    let vendor = format_ident!("{}", names.constant);
    let path = names.module;
    let setter = format_ident!("{}", policy.setter);
    let title = doc["info"]["title"].as_str().unwrap_or(name);
    let description = doc["info"]["description"].as_str().unwrap_or_default();
    let sent = match &policy.credential {
        Credential::Bearer => "`Authorization: Bearer <credential>`".to_owned(),
        Credential::Header(header) => format!("the `{header}` header"),
        Credential::Query(name) => format!("the `{name}` query parameter"),
    };
    let example_url = doc["servers"][0]["url"]
        .as_str()
        .unwrap_or("https://api.example.com");
    let (base_url, base_doc, example_base) = match &spec.default_base_url {
        Some(_) => (
            quote!(::std::result::Result::Ok::<&str, crate::Error>(
                DEFAULT_BASE_URL
            )),
            "defaults to the spec's public server (`DEFAULT_BASE_URL`)".to_owned(),
            String::new(),
        ),
        None => (
            quote!(::std::result::Result::Err::<&str, crate::Error>(
                crate::Error::invalid(
                    "base_url",
                    "is required: the spec names no public https server"
                )
            )),
            "required: the spec names no public https server".to_owned(),
            format!("\n    .base_url({example_url:?})"),
        ),
    };
    let module_doc = format!(
        "{title} (`specs/{key}.yaml`; feature `{key}`).\n\n{description}\n\nThis module is \
         generated whole from the spec: every operation is a method of [`Client`](crate::{path}::Client), the \
         credential is sent as {sent}.\n\n```no_run\n# fn demo() -> Result<(), customer_apis::Error> {{\n\
         let client = customer_apis::{path}::Client::builder(){example_base}\n    \
         .{setter}(\"my-credential\")\n    .build()?;\n# let _ = client; Ok(()) }}\n```"
    );
    let setter_doc = format!(
        "{} (required; `{}`).",
        if policy.description.is_empty() {
            "The credential"
        } else {
            &policy.description
        },
        policy.setter
    );
    let setter_name = &policy.setter;
    let credential_doc = if policy.description.is_empty() {
        "The credential"
    } else {
        &policy.description
    };
    let default_base_url = match &spec.default_base_url {
        Some(_) => quote!(::std::option::Option::Some(DEFAULT_BASE_URL)),
        None => quote!(::std::option::Option::None),
    };
    let client_doc = format!(
        "A client of {name}. Cheap to clone; clones share one connection pool. `Send + Sync`."
    );
    let builder_doc = format!(
        "Builds a [`Client`]; every setting is checked by [`ClientBuilder::build`]. The base \
         URL {base_doc}; the other settings are [`Config`](crate::Config)'s.\n\n\
         Every option, with its default where it has one:\n\n```\n\
         use std::time::Duration;\nuse customer_apis::RetryPolicy;\n\n\
         let client = customer_apis::{path}::Client::builder(){example_base}\n    \
         .{setter}(\"my-credential\")                   // required\n    \
         .connect_timeout(Duration::from_secs(10))      // default\n    \
         .timeout(Duration::from_secs(30))              // default, per attempt\n    \
         .retry_policy(RetryPolicy::default())          // 3 attempts\n    \
         .user_agent(\"my-app/1.0\")\n    \
         .max_response_bytes(4 * 1024 * 1024)           // default\n    \
         .allow_insecure_http(false)                    // default; loopback is always allowed\n    \
         .build()?;\n# let _ = client;\n# Ok::<(), customer_apis::Error>(())\n```"
    );
    // A setter per documented request header (`X-Tenant: 7` from `.tenant(7)`).
    let params = spec.operations.iter().flat_map(|op| &op.params);
    let setting_setters: Vec<TokenStream> = policy
        .settings
        .iter()
        .map(|(header, name)| {
            let ident = format_ident!("{name}");
            let param = params.clone().find(|p| p.name.eq_ignore_ascii_case(header));
            let said = param.map_or("", |p| p.description.as_str());
            let doc = format!("`{header}`: {said}");
            quote! {
                #[doc = #doc]
                pub fn #ident(mut self, value: impl ::std::fmt::Display) -> Self {
                    self.settings.insert(#name, value.to_string());
                    self
                }
            }
        })
        .collect();
    let cli_settings = policy.settings.iter().map(|(_, name)| name);
    let cli_arms = policy.settings.iter().map(|(_, name)| {
        let ident = format_ident!("{name}");
        quote!(#name => builder.#ident(value),)
    });
    let apply_settings = (!policy.settings.is_empty()).then(|| {
        quote! {
            for (setting, value) in &settings.values {
                builder = match *setting {
                    #(#cli_arms)*
                    _ => builder,
                };
            }
        }
    });
    let tokens: TokenStream = quote! {
        #[doc = #module_doc]
        #[cfg_attr(docsrs, doc(cfg(feature = #key)))]
        pub mod #module {
            crate::client::vendor_client! {
                #[doc = #client_doc]
                spec: #key,
                policy: crate::spec_policy::SpecPolicy,
            }

            // What the spec documents besides its models: its error codes, open enums and
            // default base URL, where it has them.
            pub use generated::spec::*;
            /// Every operation of the spec with its method, as data (see [`crate::operation`]).
            pub use generated::OPERATIONS;
            /// The spec's models, generated at build time. Each implements
            /// [`Validate`](crate::Validate) with its documented rules.
            pub use generated::types;
            #[cfg(feature = "sandbox")]
            pub(crate) use generated::check_seed;

            #[doc = #builder_doc]
            #[derive(Default)]
            pub struct ClientBuilder {
                credential: ::std::option::Option<::secrecy::SecretString>,
                settings: ::std::collections::BTreeMap<&'static str, ::std::string::String>,
                common: crate::config::Common,
            }

            impl ::std::fmt::Debug for ClientBuilder {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(concat!(#key, "::ClientBuilder"))
                        .field(stringify!(#setter), &self.credential.as_ref().map(|_| "[REDACTED]"))
                        .field("settings", &self.settings)
                        .field("common", &self.common)
                        .finish()
                }
            }

            impl ClientBuilder {
                #[doc = #setter_doc]
                pub fn #setter(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.credential = ::std::option::Option::Some(::secrecy::SecretString::from(value.into()));
                    self
                }

                #(#setting_setters)*

                crate::config::common_builder_methods!();

                /// Checks every setting and builds the client.
                pub fn build(self) -> ::std::result::Result<Client, crate::Error> {
                    let policy = crate::spec_policy::SpecPolicy::new(
                        crate::Vendor::#vendor,
                        &generated::spec::POLICY,
                        self.credential,
                        &self.settings,
                    )?;
                    let base_url = match self.common.base_url.as_deref() {
                        ::std::option::Option::Some(url) => url,
                        ::std::option::Option::None => #base_url?,
                    };
                    Client::from_policy(&self.common, base_url, |_, _, _| ::std::result::Result::Ok(policy))
                }
            }

            impl Client {
                /// Any request, for an endpoint the spec does not cover yet, through this
                /// client's core: the credential, retries (any retryable failure for GET,
                /// HEAD, PUT and DELETE; for other methods only when the server cannot have
                /// acted on the request), timeouts, the size cap, the envelope where the spec
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


            /// This vendor as the command-line tool offers it.
            #[cfg(feature = "cli")]
            pub(crate) const CLI: crate::operation::SpecVendor = crate::operation::SpecVendor {
                vendor: crate::Vendor::#vendor,
                title: #title,
                setter: #setter_name,
                credential: #credential_doc,
                default_base_url: #default_base_url,
                operations: OPERATIONS,
                settings: &[#(#cli_settings),*],
                call: |settings, name, args| ::std::boxed::Box::pin(async move {
                    let credential = ::secrecy::ExposeSecret::expose_secret(&settings.credential);
                    let mut builder = Client::builder().#setter(credential);
                    #apply_settings
                    if let ::std::option::Option::Some(url) = &settings.base_url {
                        builder = builder.base_url(url.as_str());
                    }
                    if let ::std::option::Option::Some(timeout) = settings.timeout {
                        builder = builder.timeout(timeout).operation_timeout(timeout);
                    }
                    let client = builder.build()?;
                    let (mut value, meta) = client.call_operation(name, args).await?.into_parts();
                    client.mask_credentials(&mut value).await;
                    ::std::result::Result::Ok(crate::Response::new(value, meta))
                }),
            };
        }
    };
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("vendor module: {e}"))?;
    Ok(Some(prettyplease::unparse(&file)))
}
