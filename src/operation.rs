//! The operations of each vendor's spec, as data (`<vendor>::OPERATIONS`, generated with the
//! methods): what a tool needs to offer every
//! operation without code of its own per operation. The command-line tool builds its
//! subcommands from them.

#[cfg(feature = "cli")]
use crate::{error::Error, response::Response};

/// One operation of a vendor's spec that has a method on the vendor's client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Operation {
    /// The spec's `operationId` (`getCustomer`).
    pub id: &'static str,
    /// The client's method (`get_customer`); the command-line subcommand is its kebab case.
    pub name: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template (`/customers/{customer_id}`).
    pub path: &'static str,
    /// The spec's summary.
    pub summary: &'static str,
    /// Whether repeating it is safe (it is retried on any retryable failure).
    pub idempotent: bool,
    /// Other names of its command-line subcommand (`x-cli-aliases`: names it had before).
    pub aliases: &'static [&'static str],
    /// Its parameters, path parameters first in path order.
    pub params: &'static [Param],
    /// The property path of the answer the method returns (`data.customer`; `x-result`),
    /// empty for the whole answer.
    pub result: &'static str,
}

/// One parameter of an [`Operation`] as its method takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Param {
    /// The spec's name (`customer_id`, a body property, or `body` for a whole body).
    pub name: &'static str,
    /// Where it goes.
    pub location: ParamIn,
    /// Whether the operation needs it.
    pub required: bool,
    /// The first line of the spec's description, if any.
    pub description: &'static str,
    /// Another command-line flag name for it (`x-cli-alias`), if any.
    pub alias: Option<&'static str>,
}

/// Where a [`Param`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParamIn {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// The request body (a property of it, or all of it).
    Body,
}

/// Named arguments as text, for a call by operation name (feature `cli`): each value is read
/// as its parameter's type, as a plain string first and then as JSON (`1408`, `true`,
/// `{"a": 1}`).
#[cfg(feature = "cli")]
#[derive(Debug, Clone, Default)]
pub struct Args {
    values: std::collections::BTreeMap<String, String>,
}

#[cfg(feature = "cli")]
impl Args {
    /// Sets the argument `name` (the [`Param::name`]).
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.values.insert(name.into(), value.into());
    }

    pub(crate) fn required<T: serde::de::DeserializeOwned>(
        &self,
        name: &'static str,
    ) -> Result<T, Error> {
        self.optional(name)?
            .ok_or_else(|| Error::invalid(name, "is required"))
    }

    pub(crate) fn optional<T: serde::de::DeserializeOwned>(
        &self,
        name: &'static str,
    ) -> Result<Option<T>, Error> {
        let Some(text) = self.values.get(name) else {
            return Ok(None);
        };
        if let Ok(value) = serde_json::from_value(serde_json::Value::String(text.clone())) {
            return Ok(Some(value));
        }
        serde_json::from_str(text).map(Some).map_err(|e| {
            let kind = std::any::type_name::<T>()
                .rsplit("::")
                .next()
                .unwrap_or("value");
            let rule = match kind {
                "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => {
                    format!("must be a whole number ({kind})")
                }
                "f32" | "f64" => "must be a number".to_owned(),
                "bool" => "must be `true` or `false`".to_owned(),
                // A structured value is read as JSON: the parser's words say where it broke.
                _ => format!("is not a valid {kind} ({e})"),
            };
            Error::invalid(name, rule)
        })
    }
}

/// A vendor whose module is generated whole from its spec, as the command-line tool offers it
/// (feature `cli`): its settings are a base URL, the one credential of its security scheme
/// (named after the builder's setter, or the scheme's `x-cli-name`) and one per documented
/// request header. `call` builds the client, runs the operation by name and masks, in the
/// answer, every credential the client holds.
#[cfg(feature = "cli")]
#[doc(hidden)]
pub struct SpecVendor {
    pub vendor: crate::Vendor,
    /// The spec's `info.title`.
    pub title: &'static str,
    /// The credential's name in the tool: the builder's setter (`api_key`) or `x-cli-name`.
    pub setter: &'static str,
    /// The builder's setter of the credential (`bearer_token`), which its errors name.
    pub builder_setter: &'static str,
    /// What the credential is (the security scheme's description).
    pub credential: &'static str,
    pub default_base_url: Option<&'static str>,
    pub operations: &'static [Operation],
    /// Its builder's other settings (one per documented request header), each with what the
    /// spec says of it: `("tenant", "...")`.
    pub settings: &'static [(&'static str, &'static str)],
    pub call: SpecCall,
}

/// A [`SpecVendor`]'s call: its settings, the operation's method name and its arguments.
#[cfg(feature = "cli")]
#[doc(hidden)]
pub type SpecCall = for<'a> fn(
    &'a SpecSettings,
    &'a str,
    &'a Args,
) -> crate::BoxFuture<'a, Result<Response<serde_json::Value>, Error>>;

#[cfg(feature = "cli")]
impl std::fmt::Debug for SpecVendor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpecVendor")
            .field("vendor", &self.vendor)
            .field("setter", &self.setter)
            .finish_non_exhaustive()
    }
}

/// The settings of a [`SpecVendor`]'s client (feature `cli`).
#[cfg(feature = "cli")]
#[doc(hidden)]
pub struct SpecSettings {
    /// The spec's public server when `None`.
    pub base_url: Option<String>,
    pub credential: secrecy::SecretString,
    /// Each attempt's and the whole call's.
    pub timeout: Option<std::time::Duration>,
    /// The other settings given, by setter (`tenant`).
    pub values: Vec<(&'static str, String)>,
}

/// A typed answer as JSON, for a call by operation name.
#[cfg(feature = "cli")]
pub(crate) fn to_json<T: serde::Serialize>(
    response: Response<T>,
) -> Result<Response<serde_json::Value>, Error> {
    let (value, meta) = response.into_parts();
    let value = serde_json::to_value(value)
        .map_err(|e| Error::decode("a value that serializes as JSON", e.to_string(), &meta))?;
    Ok(Response::new(value, meta))
}

/// Whether `body` decodes as `T`; why not, with the JSON path of the value at fault.
#[cfg(feature = "sandbox")]
pub(crate) fn decodes<T: serde::de::DeserializeOwned>(
    body: &serde_json::Value,
) -> Result<(), String> {
    // As text, so that the error has a place to find the path at.
    let text = serde_json::to_vec(body).map_err(|e| e.to_string())?;
    match serde_json::from_slice::<T>(&text) {
        Ok(_) => Ok(()),
        Err(e) => {
            match crate::json_path::of_error(&text, &e, &crate::redact::Redactor::default()) {
                path if path.is_empty() => Err(e.to_string()),
                path => Err(format!("{path}: {e}")),
            }
        }
    }
}
