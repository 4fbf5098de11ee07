//! The client core every vendor shares. A vendor's `Client` is one `Arc<Core<Policy,
//! Generated>>`: the vendor module's policy says what is special about the vendor (its
//! credentials, fixed headers, error body, answer status and version rule, as
//! [`VendorCall`](crate::transport::VendorCall)), the client progenitor generated from its spec
//! sends, and the [`Transport`] runs the one call path. The methods generated from the spec
//! (build/codegen/methods.rs) call `inner.transport.call(&inner.policy, ..)` with
//! `inner.generated` (all they name of the layer is listed in the contract module); nothing
//! here is written per vendor.

use std::fmt;
use std::sync::Arc;

use crate::error::Error;
use crate::transport::Transport;

/// One vendor client's parts, shared by its clones.
pub(crate) struct Core<P, G> {
    /// What is special about the vendor.
    pub(crate) policy: P,
    /// The client progenitor generated from the vendor's spec.
    pub(crate) generated: G,
    pub(crate) transport: Transport,
    /// Normalised, without a trailing slash.
    pub(crate) base_url: String,
}

impl<P: fmt::Debug, G> Core<P, G> {
    /// Checks the shared settings and `base_url`, and puts the parts together: `policy` gets
    /// the checked URL, the reqwest client and the transport (PDM's session source sends with
    /// them), `generated` makes the generated client.
    pub(crate) fn build(
        common: &crate::config::Common,
        base_url: &str,
        policy: impl FnOnce(&str, &reqwest::Client, &Transport) -> Result<P, Error>,
        generated: impl FnOnce(&str, reqwest::Client) -> G,
    ) -> Result<Arc<Self>, Error> {
        let (base_url, http, transport) = common.build(base_url)?;
        let policy = policy(&base_url, &http, &transport)?;
        Ok(Arc::new(Core {
            policy,
            generated: generated(&base_url, http),
            transport,
            base_url,
        }))
    }

    /// The vendor client's `Debug`: base URL, policy (credentials redacted) and retries.
    pub(crate) fn fmt_as(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(name)
            .field("base_url", &self.base_url)
            .field("policy", &self.policy)
            .field("retry", &self.transport.retry)
            .finish()
    }
}

/// A module holding what build.rs wrote to `OUT_DIR/<file>.rs`. The generator's output is not
/// held to the crate's lints.
macro_rules! generated_module {
    ($(#[$attr:meta])* $vis:vis mod $name:ident = $file:expr) => {
        $(#[$attr])*
        #[allow(
            dead_code,
            unused_imports,
            unused_variables,
            unused_comparisons,
            missing_docs,
            clippy::all,
            rustdoc::all
        )]
        $vis mod $name {
            include!(concat!(env!("OUT_DIR"), "/", $file, ".rs"));
        }
    };
}
pub(crate) use generated_module;

/// A vendor module's shape, written once: its `generated` module (`specs/<spec>.yaml` as build.rs
/// generated it; the generator's output is not held to the crate's lints, and the vendor module
/// re-exports what it exposes with docs) and its `Client`, one `Arc` of the [`Core`] with the
/// vendor's policy, whose `Debug` redacts what the policy redacts.
macro_rules! vendor_client {
    ($(#[$doc:meta])* spec: $spec:literal, policy: $policy:ty $(,)?) => {
        crate::client::generated_module!(mod generated = $spec);

        $(#[$doc])*
        #[derive(Clone)]
        pub struct Client {
            inner: std::sync::Arc<crate::client::Core<$policy, generated::Client>>,
        }

        impl std::fmt::Debug for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.inner.fmt_as(concat!($spec, "::Client"), f)
            }
        }

        impl Client {
            /// A builder with the defaults.
            pub fn builder() -> ClientBuilder {
                ::std::default::Default::default()
            }
        }

        #[doc = concat!("The ", $spec, " client with methods that block the calling thread (feature `blocking`).")]
        #[cfg(feature = "blocking")]
        #[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
        pub mod blocking {
            /// [`Client`](super::Client) whose methods block the calling thread until the call
            /// ends: the same methods, arguments, results and errors, for a program without an
            /// async runtime. It runs its own runtime on one worker thread, shared by its
            /// clones, which drives the connections while the caller waits (as
            /// `reqwest::blocking` does). Called where a tokio runtime is current (an async
            /// task, and also `spawn_blocking`, `block_in_place` or a runtime's `enter()`
            /// guard, which tokio does not tell apart), a method returns
            /// [`Error::InvalidInput`](crate::Error::InvalidInput) rather than risk blocking
            /// that runtime's thread: there, use the async client (in `spawn_blocking`,
            /// `Handle::current().block_on(client.as_async().<method>(..))`).
            #[derive(Clone)]
            pub struct Client {
                client: super::Client,
                runtime: crate::blocking::Runtime,
            }

            /// Builds a blocking [`Client`]: every setter of the async
            /// [`ClientBuilder`](super::ClientBuilder), with the same checks, and
            /// [`build`](Self::build) gives the client whose methods block.
            #[derive(Debug, Clone, Default)]
            pub struct ClientBuilder {
                /// The vendor module forwards its own setters to it.
                pub(super) inner: super::ClientBuilder,
            }

            impl ClientBuilder {
                crate::config::common_builder_methods!(inner.common);

                /// Checks every setting like the async builder's `build` and builds the client.
                pub fn build(self) -> Result<Client, crate::Error> {
                    Client::new(self.inner.build()?)
                }
            }

            impl From<super::ClientBuilder> for ClientBuilder {
                fn from(inner: super::ClientBuilder) -> Self {
                    ClientBuilder { inner }
                }
            }

            impl Client {
                /// A builder with the defaults.
                pub fn builder() -> ClientBuilder {
                    ClientBuilder::default()
                }

                /// Wraps an async client (built as usual, with its builder) with a runtime of
                /// its own. Fails only if the runtime's thread cannot be started. Give it a
                /// client no other runtime has used: the connections a client keeps belong to
                /// the runtime that opened them, and one whose runtime no longer runs stalls the
                /// call that picks it (until its timeout).
                pub fn new(client: super::Client) -> Result<Client, crate::Error> {
                    Ok(Client {
                        client,
                        runtime: crate::blocking::Runtime::new()?,
                    })
                }

                /// Another async client on this one's runtime.
                #[allow(dead_code)] // A vendor whose settings cannot be changed per client.
                pub(crate) fn with_async(&self, client: super::Client) -> Client {
                    Client { client, runtime: self.runtime.clone() }
                }

                /// The async client, for what has no blocking method (run it with
                /// [`block_on`](Self::block_on)).
                pub fn as_async(&self) -> &super::Client {
                    &self.client
                }

                /// Runs any of the async client's calls to its end, blocking the calling thread.
                pub fn block_on<T>(
                    &self,
                    call: impl std::future::Future<Output = Result<T, crate::Error>>,
                ) -> Result<T, crate::Error> {
                    self.runtime.block_on(call)
                }
            }

            impl std::fmt::Debug for Client {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_tuple(concat!($spec, "::blocking::Client"))
                        .field(&self.client)
                        .finish()
                }
            }
        }

        impl ClientBuilder {
            /// Checks every setting like [`build`](Self::build) and builds the client whose
            /// methods block the calling thread ([`blocking::Client`], feature `blocking`).
            #[cfg(feature = "blocking")]
            #[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
            pub fn build_blocking(self) -> Result<blocking::Client, crate::Error> {
                blocking::Client::new(self.build()?)
            }
        }

        // What the crate itself uses: no public item, so not in the docs.
        #[doc(hidden)]
        impl Client {
            /// Masks, in an answer of this client taken as JSON, every credential the client
            /// holds (in any form the redactor decodes) and every string under a
            /// credential-like key; whether anything was masked. What the command-line tool
            /// prints goes through it: its output is pasted into tickets.
            #[cfg(feature = "cli")]
            #[doc(hidden)]
            pub async fn mask_credentials(&self, value: &mut serde_json::Value) -> bool {
                crate::transport::mask_held_credentials(&self.inner.policy, value).await
            }

            /// This client with another policy: the same reqwest client (one connection pool),
            /// transport settings and base URL.
            #[allow(dead_code)] // A vendor whose settings cannot be changed per client.
            fn with_policy(&self, policy: $policy) -> Client {
                let http = progenitor_client::ClientInfo::client(&self.inner.generated).clone();
                let base_url = self.inner.base_url.clone();
                let inner = crate::client::Core {
                    policy,
                    generated: generated::Client::new_with_client(&base_url, http),
                    transport: self.inner.transport.clone(),
                    base_url,
                };
                Client { inner: std::sync::Arc::new(inner) }
            }

            /// The client on `base_url` with the policy `policy` makes (see [`Core::build`]).
            fn from_policy(
                common: &crate::config::Common,
                base_url: &str,
                policy: impl FnOnce(&str, &reqwest::Client, &crate::transport::Transport) -> Result<$policy, crate::Error>,
            ) -> Result<Client, crate::Error> {
                let inner = crate::client::Core::build(common, base_url, policy, generated::Client::new_with_client)?;
                Ok(Client { inner })
            }
        }
    };
}
pub(crate) use vendor_client;

/// A hand-written vendor module's own builder setters, each written once: the async builder's
/// (`fn name(mut self, arg: Type) { body }`, which returns `self`) and its blocking twin, which
/// forwards to it.
#[allow(unused_macros)] // Only a hand-written vendor module uses it.
macro_rules! vendor_setters {
    ($($(#[$doc:meta])* fn $name:ident(mut $this:tt, $arg:ident: $ty:ty) $body:block)*) => {
        impl ClientBuilder {
            $(
                $(#[$doc])*
                pub fn $name(mut $this, $arg: $ty) -> Self {
                    $body
                    $this
                }
            )*
        }

        #[cfg(feature = "blocking")]
        impl blocking::ClientBuilder {
            $(
                #[doc = concat!("[`ClientBuilder::", stringify!($name), "`].")]
                pub fn $name(self, $arg: $ty) -> Self {
                    let inner = self.inner.$name($arg);
                    Self { inner }
                }
            )*
        }
    };
}
#[allow(unused_imports)]
pub(crate) use vendor_setters;
