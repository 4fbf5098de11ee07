//! The whole module of a vendor whose spec says all there is to say (no `x-policy:
//! hand-written`): its `Client` over the layer's one spec policy, its builder with the setter
//! the security scheme names, the escape hatch and the re-exports. build.rs writes every such
//! module to `OUT_DIR/vendor_modules.rs`, which `src/lib.rs` includes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::model::{self, Credential, Setting};
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
/// written by hand. Each part comes from its own emitter below.
pub fn vendor_module(names: &Names<'_>, spec_json: &str) -> Result<Option<String>> {
    let doc: serde_json::Value = serde_json::from_str(spec_json).map_err(|e| e.to_string())?;
    let spec = model::read(&doc)?;
    let Some(policy) = &spec.policy else {
        return Ok(None);
    };
    let (key, module) = (names.key, format_ident!("{}", names.module));
    let settings = settings(&policy.settings, names.module);
    let base = BaseUrl::of(&spec, &doc);
    let docs = Docs::of(names, &doc, policy, &base, &settings.doc_lines);
    let builder = builder(names, policy, &base, &docs, &settings.setters);
    let client = client_impl(&settings.getters);
    let blocking = blocking(policy, &settings);
    let cli = cli_const(names, &doc, &spec, policy, &docs, &settings);
    let module_doc = &docs.module;
    let tokens: TokenStream = quote! {
        #[doc = #module_doc]
        #[cfg_attr(docsrs, doc(cfg(feature = #key)))]
        pub mod #module {
            #builder
            #client
            #blocking
            #cli
        }
    };
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("vendor module: {e}"))?;
    Ok(Some(prettyplease::unparse(&file)))
}

/// The base URL: the spec's public server, or a setting the app must give.
struct BaseUrl {
    /// The expression `build()` falls back on.
    fallback: TokenStream,
    /// What the builder's docs say of it.
    doc: String,
    /// The doc examples' `.base_url(..)` line, where one is needed.
    example: String,
}

impl BaseUrl {
    fn of(spec: &model::Spec, doc: &serde_json::Value) -> BaseUrl {
        let example_url = doc["servers"][0]["url"]
            .as_str()
            .unwrap_or("https://api.example.com");
        match &spec.default_base_url {
            Some(_) => BaseUrl {
                fallback: quote!(::std::result::Result::Ok::<&str, crate::Error>(
                    DEFAULT_BASE_URL
                )),
                doc: "defaults to the spec's public server (`DEFAULT_BASE_URL`)".to_owned(),
                example: String::new(),
            },
            None => BaseUrl {
                fallback: quote!(::std::result::Result::Err::<&str, crate::Error>(
                    crate::Error::invalid(
                        "base_url",
                        "is required: the spec names no public https server"
                    )
                )),
                doc: "required: the spec names no public https server".to_owned(),
                example: format!("\n    .base_url({example_url:?})"),
            },
        }
    }
}

/// The module's doc texts.
struct Docs {
    module: String,
    client: String,
    builder: String,
    setter: String,
    /// The credential in the CLI's words.
    credential: String,
}

impl Docs {
    fn of(
        names: &Names<'_>,
        doc: &serde_json::Value,
        policy: &model::Policy,
        base: &BaseUrl,
        doc_lines: &str,
    ) -> Docs {
        let (key, name, path) = (names.key, names.name, names.module);
        let setter = &policy.setter;
        let title = doc["info"]["title"].as_str().unwrap_or(name);
        let description = doc["info"]["description"].as_str().unwrap_or_default();
        let sent = match &policy.credential {
            Credential::Bearer => "`Authorization: Bearer <credential>`".to_owned(),
            Credential::Header(header) => format!("the `{header}` header"),
            Credential::Query(name) => format!("the `{name}` query parameter"),
        };
        let example_base = &base.example;
        let credential_example = credential_example(doc, &policy.credential);
        let credential_line = doc_line(&format!(".{setter}({credential_example:?})"), "required");
        let credential_line = credential_line.trim_start();
        let module = format!(
            "{title} (`specs/{key}.yaml`; feature `{key}`).\n\n{description}\n\nThis module is \
             generated whole from the spec: every operation is a method of [`Client`](crate::{path}::Client), the \
             credential is sent as {sent}.\n\n```no_run\n# fn demo() -> Result<(), customer_apis::Error> {{\n\
             let client = customer_apis::{path}::Client::builder(){example_base}\n    \
             .{setter}({credential_example:?}){required}\n    .build()?;\n# let _ = client; Ok(()) }}\n```",
            required = required_lines(&policy.settings),
        );
        let said = Some(&*policy.description).filter(|d| !d.is_empty());
        let said = said.unwrap_or("The credential");
        let credential = match policy.description.split_whitespace().collect::<Vec<_>>() {
            words if words.is_empty() => "The credential".to_owned(),
            words => words.join(" "),
        };
        let builder = format!(
            "Builds a [`Client`]; every setting is checked by [`ClientBuilder::build`]. The base \
             URL {base_doc}; the other settings are [`Config`](crate::Config)'s.\n\n\
             Every option, with its default where it has one:\n\n```\n\
             use std::time::Duration;\nuse customer_apis::RetryPolicy;\n\n\
             let client = customer_apis::{path}::Client::builder(){example_base}\n    \
             {credential_line}{doc_lines}    \
             .connect_timeout(Duration::from_secs(10))      // default\n    \
             .timeout(Duration::from_secs(30))              // default, per attempt\n    \
             .retry_policy(RetryPolicy::default())          // 3 attempts\n    \
             .user_agent(\"my-app/1.0\")\n    \
             .max_response_bytes(4 * 1024 * 1024)           // default\n    \
             .allow_insecure_http(false)                    // default; loopback is always allowed\n    \
             .build()?;\n# let _ = client;\n# Ok::<(), customer_apis::Error>(())\n```",
            base_doc = base.doc,
        );
        Docs {
            module,
            client: format!(
                "A client of {name}. Cheap to clone; clones share one connection pool. `Send + Sync`."
            ),
            builder,
            setter: format!("{said} (required; `{setter}`)."),
            credential,
        }
    }
}

/// Emitter: the client type, the re-exports, and the builder with the credential's setter (and,
/// for a bearer scheme, the token providers), the settings' setters and `build`.
fn builder(
    names: &Names<'_>,
    policy: &model::Policy,
    base: &BaseUrl,
    docs: &Docs,
    setters: &[TokenStream],
) -> TokenStream {
    let (key, vendor) = (names.key, format_ident!("{}", names.constant));
    let setter = format_ident!("{}", policy.setter);
    let (client_doc, builder_doc, setter_doc) = (&docs.client, &docs.builder, &docs.setter);
    let base_url = &base.fallback;
    let providers = matches!(policy.credential, Credential::Bearer).then(token_providers);
    quote! {
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
        pub(crate) use generated::{check_request, check_seed};

        #[doc = #builder_doc]
        #[derive(Default, Clone)]
        pub struct ClientBuilder {
            credential: ::std::option::Option<crate::spec_policy::Given>,
            settings: ::std::collections::BTreeMap<&'static str, ::std::string::String>,
            common: crate::config::Common,
        }

        impl ::std::fmt::Debug for ClientBuilder {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(concat!(#key, "::ClientBuilder"))
                    .field(stringify!(#setter), &self.credential)
                    .field("settings", &self.settings)
                    .field("common", &self.common)
                    .finish()
            }
        }

        impl ClientBuilder {
            #[doc = #setter_doc]
            pub fn #setter(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.credential = ::std::option::Option::Some(crate::spec_policy::Given::Static(::secrecy::SecretString::from(value.into())));
                self
            }

            #providers

            #(#setters)*

            crate::config::common_builder_methods!();

            /// Checks every setting and builds the client.
            pub fn build(self) -> ::std::result::Result<Client, crate::Error> {
                let policy = crate::spec_policy::SpecPolicy::new(
                    crate::Vendor::#vendor,
                    &generated::spec::POLICY,
                    self.credential,
                    &self.settings,
                    &self.common,
                )?;
                let base_url = match self.common.base_url.as_deref() {
                    ::std::option::Option::Some(url) => url,
                    ::std::option::Option::None => #base_url?,
                };
                Client::from_policy(&self.common, base_url, |_, _, _| ::std::result::Result::Ok(policy))
            }
        }
    }
}

/// The builder's setters of a bearer scheme's token providers.
fn token_providers() -> TokenStream {
    quote! {
        /// A provider that supplies (and refreshes) tokens, such as
        /// [`RefreshingToken`](crate::RefreshingToken).
        pub fn token_provider(mut self, provider: impl crate::TokenProvider + 'static) -> Self {
            self.credential = ::std::option::Option::Some(crate::spec_policy::Given::Provider(::std::sync::Arc::new(provider)));
            self
        }

        /// An OAuth refresh token flow ([`RefreshingToken`](crate::RefreshingToken)) whose
        /// token requests use this client's settings (connect timeout, timeout, user agent,
        /// plaintext guard, and the reqwest client given to `http_client`) for whatever the
        /// token builder does not set itself. Its settings are checked by `build`.
        pub fn refreshing_token(mut self, token: crate::RefreshingTokenBuilder) -> Self {
            self.credential = ::std::option::Option::Some(crate::spec_policy::Given::Refreshing(::std::boxed::Box::new(token)));
            self
        }
    }
}

/// Emitter: the client's settings' getters and its escape hatch, `request`.
fn client_impl(getters: &[TokenStream]) -> TokenStream {
    quote! {
        impl Client {
            #(#getters)*

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
    }
}

/// Emitter: the blocking twins of the builder's setters and the client's methods.
fn blocking(policy: &model::Policy, settings: &Settings) -> TokenStream {
    let setter = format_ident!("{}", policy.setter);
    let providers = matches!(policy.credential, Credential::Bearer).then(|| {
        let provider = twin_setter(
            &format_ident!("token_provider"),
            quote!(impl crate::TokenProvider + 'static),
        );
        let refreshing = twin_setter(
            &format_ident!("refreshing_token"),
            quote!(crate::RefreshingTokenBuilder),
        );
        quote!(#provider #refreshing)
    });
    let credential = twin_setter(
        &setter,
        quote!(impl ::std::convert::Into<::std::string::String>),
    );
    let (setters, getters) = (&settings.blocking_setters, &settings.blocking_getters);
    quote! {
        #[cfg(feature = "blocking")]
        impl blocking::ClientBuilder {
            #credential
            #providers
            #(#setters)*
        }

        #[cfg(feature = "blocking")]
        impl blocking::Client {
            #(#getters)*

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
    }
}

/// Emitter: the vendor as the command-line tool offers it.
fn cli_const(
    names: &Names<'_>,
    doc: &serde_json::Value,
    spec: &model::Spec,
    policy: &model::Policy,
    docs: &Docs,
    settings: &Settings,
) -> TokenStream {
    let vendor = format_ident!("{}", names.constant);
    let setter = format_ident!("{}", policy.setter);
    let title = doc["info"]["title"].as_str().unwrap_or(names.name);
    let (cli_name, credential_doc) = (&policy.cli_name, &docs.credential);
    let default_base_url = super::items::opt(
        spec.default_base_url
            .as_ref()
            .map(|_| quote!(DEFAULT_BASE_URL)),
    );
    let (cli_arms, cli_names) = (&settings.cli_arms, &settings.cli_names);
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
    quote! {
        /// This vendor as the command-line tool offers it.
        #[cfg(feature = "cli")]
        pub(crate) const CLI: crate::operation::SpecVendor = crate::operation::SpecVendor {
            vendor: crate::Vendor::#vendor,
            title: #title,
            setter: #cli_name,
            builder_setter: stringify!(#setter),
            credential: #credential_doc,
            default_base_url: #default_base_url,
            operations: OPERATIONS,
            settings: &[#(#cli_names),*],
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
}

/// The credential of the doc examples: the example of the documented `authorization` header
/// (without its scheme) where there is one, so that it passes the header's rules.
fn credential_example(doc: &serde_json::Value, credential: &Credential) -> String {
    let documented = || {
        let params = doc.pointer("/components/parameters")?.as_object()?;
        let header = params.values().find(|p| {
            let name = p["name"].as_str().unwrap_or_default();
            p["in"] == "header" && name.eq_ignore_ascii_case("authorization")
        })?;
        let example = header["example"].as_str()?;
        Some(
            example
                .strip_prefix("Bearer ")
                .unwrap_or(example)
                .to_owned(),
        )
    };
    match credential {
        Credential::Bearer => documented(),
        _ => None,
    }
    .unwrap_or_else(|| "my-credential".to_owned())
}

/// The doc example's lines for the required settings without a default.
fn required_lines(settings: &[Setting]) -> String {
    let required = settings.iter().filter(|s| s.default.is_none());
    required
        .map(|s| format!("\n    .{}({})", s.setter, example(s)))
        .collect()
}

/// A setting's value in a doc example: the spec's example, as a number if it is one.
fn example(setting: &Setting) -> String {
    let value = setting.example.as_deref().unwrap_or("1");
    match value.parse::<i64>() {
        Ok(n) => n.to_string(),
        Err(_) => format!("{value:?}"),
    }
}

/// What the builder, the client and the command-line tool say of the settings.
#[derive(Default)]
struct Settings {
    setters: Vec<TokenStream>,
    getters: Vec<TokenStream>,
    /// The blocking client's twins of the getters and of `with_<setting>`.
    blocking_getters: Vec<TokenStream>,
    /// The blocking builder's twins of the setters.
    blocking_setters: Vec<TokenStream>,
    cli_arms: Vec<TokenStream>,
    cli_names: Vec<TokenStream>,
    /// The builder's doc example, a line per setting.
    doc_lines: String,
}

/// A setter per documented request header (`X-Tenant: 7` from `.tenant(7)`); one that takes an
/// `x-rust-enum` takes that type, and the client tells the value it sends.
fn settings(settings: &[Setting], module: &str) -> Settings {
    let mut out = Settings::default();
    for setting in settings {
        let (name, header) = (&setting.setter, &setting.header);
        let ident = format_ident!("{name}");
        let said = setting.description.trim();
        let doc = format!("`{header}`: {said}");
        // One line for the tool's help: the first sentence.
        let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
        let help = match said.split_once(". ") {
            Some((first, _)) => format!("`{header}`: {first}."),
            None => format!("`{header}`: {said}"),
        };
        out.cli_names.push(quote!((#name, #help)));
        with_methods(setting, &mut out);
        let Some(typed) = &setting.typed else {
            out.setters.push(quote! {
                #[doc = #doc]
                pub fn #ident(mut self, value: impl ::std::fmt::Display) -> Self {
                    self.settings.insert(#name, value.to_string());
                    self
                }
            });
            out.blocking_setters
                .push(twin_setter(&ident, quote!(impl ::std::fmt::Display)));
            out.cli_arms.push(quote!(#name => builder.#ident(value),));
            let note = setting.default.as_ref().map_or("required", |_| "default");
            out.doc_lines += &doc_line(&format!(".{name}({})", example(setting)), note);
            continue;
        };
        let ty = format_ident!("{typed}");
        out.blocking_setters.push(twin_setter(&ident, quote!(#ty)));
        out.setters.push(quote! {
            #[doc = #doc]
            pub fn #ident(mut self, value: #ty) -> Self {
                self.settings.insert(#name, value.as_str().to_owned());
                self
            }
        });
        out.cli_arms.push(quote! {
            #name => builder.#ident(value.trim().parse().map_err(|e| crate::Error::invalid(#name, ::std::format!("{e}")))?),
        });
        let getter_doc = format!("The `{header}` this client sends.");
        let twin_doc = format!("The `{header}` this client sends.");
        out.blocking_getters.push(match &setting.default {
            Some(_) => quote! {
                #[doc = #twin_doc]
                pub fn #ident(&self) -> #ty { self.as_async().#ident() }
            },
            None => quote! {
                #[doc = #twin_doc]
                pub fn #ident(&self) -> ::std::option::Option<#ty> { self.as_async().#ident() }
            },
        });
        let getter = match &setting.default {
            Some(default) => {
                let variant = format_ident!("{}", super::rewrite::variant_name(default));
                let value = format!("customer_apis::{module}::{typed}::{variant}");
                out.doc_lines += &doc_line(&format!(".{name}({value})"), "default");
                quote! {
                    #[doc = #getter_doc]
                    pub fn #ident(&self) -> #ty {
                        let sent = self.inner.policy.setting(#name).and_then(|v| v.parse().ok());
                        sent.unwrap_or(#ty::#variant)
                    }
                }
            }
            None => quote! {
                #[doc = #getter_doc]
                pub fn #ident(&self) -> ::std::option::Option<#ty> {
                    self.inner.policy.setting(#name).and_then(|v| v.parse().ok())
                }
            },
        };
        out.getters.push(getter);
    }
    out
}

/// A line of the builder's doc example: the call, then a comment in the column of the others.
fn doc_line(call: &str, note: &str) -> String {
    format!("    {call:<46} // {note}\n")
}

/// `with_<setting>` (a trailing `_id` dropped: `tenant_id` gives `with_tenant`) on the client
/// and its blocking twin: a client that sends another value and shares everything else. An
/// integer without bounds is taken as `i64`, which cannot break its rules: no `Result`.
fn with_methods(setting: &Setting, out: &mut Settings) {
    let (name, header) = (&setting.setter, &setting.header);
    let with = format_ident!("with_{}", name.strip_suffix("_id").unwrap_or(name));
    let with_doc = format!(
        "A client that sends this `{header}` instead (checked like the builder's `{name}`); it \
         shares this client's connection pool, credential (and its token cache) and every other \
         setting, so that one client per value costs a few small allocations, not a connection \
         pool."
    );
    let twin_doc = format!("[`{with}`](Client::{with}), on this client's runtime.");
    if setting.integer && setting.typed.is_none() {
        out.getters.push(quote! {
            #[doc = #with_doc]
            pub fn #with(&self, value: i64) -> Client {
                self.with_policy(self.inner.policy.with_integer(#name, value))
            }
        });
        out.blocking_getters.push(quote! {
            #[doc = #twin_doc]
            pub fn #with(&self, value: i64) -> blocking::Client {
                self.with_async(self.as_async().#with(value))
            }
        });
        return;
    }
    let arg = match &setting.typed {
        Some(typed) => {
            let ty = format_ident!("{typed}");
            quote!(#ty)
        }
        None => quote!(impl ::std::fmt::Display),
    };
    out.getters.push(quote! {
        #[doc = #with_doc]
        pub fn #with(&self, value: #arg) -> ::std::result::Result<Client, crate::Error> {
            let policy = self.inner.policy.with_setting(#name, &value.to_string())?;
            ::std::result::Result::Ok(self.with_policy(policy))
        }
    });
    out.blocking_getters.push(quote! {
        #[doc = #twin_doc]
        pub fn #with(&self, value: #arg) -> ::std::result::Result<blocking::Client, crate::Error> {
            ::std::result::Result::Ok(self.with_async(self.as_async().#with(value)?))
        }
    });
}

/// The blocking builder's twin of the async builder's setter `ident` taking `arg`.
fn twin_setter(ident: &syn::Ident, arg: TokenStream) -> TokenStream {
    let doc = format!("[`ClientBuilder::{ident}`](ClientBuilder::{ident}).");
    quote! {
        #[doc = #doc]
        pub fn #ident(self, value: #arg) -> Self {
            Self { inner: self.inner.#ident(value) }
        }
    }
}
