//! The policy of a vendor whose spec says all there is to say (no `x-policy: hand-written`):
//! one credential of the spec's security scheme, sent as a fixed header or query parameter; the answer envelope
//! (`x-envelope`); the error body's code and message (`x-error-body`). build.rs writes such a
//! vendor's whole module (`OUT_DIR/vendor_modules.rs`: its `Client`, builder, escape hatch and
//! re-exports) over this one policy, so the vendor has no hand-written Rust.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::error::{ApiError, Error, ResponseMeta, Vendor, VendorCode};
use crate::response::Response;
use crate::transport::{CallState, Prepared, RawRequest, VendorCall};

/// What the spec says of the vendor's credential, envelope and errors (generated as the
/// vendor's `spec::POLICY`).
#[derive(Debug)]
pub(crate) struct Described {
    /// Where the credential goes (`components.securitySchemes`).
    pub(crate) credential: Credential,
    /// The builder's setter for it, which messages name (`api_key`).
    pub(crate) setter: &'static str,
    /// `x-envelope`, if answers come in one.
    pub(crate) envelope: Option<Envelope>,
    /// `x-error-body.code`: the property path of an error's code.
    pub(crate) error_code: &'static [&'static str],
    /// `x-error-body.message`: the property path of an error's message.
    pub(crate) error_message: &'static [&'static str],
    /// The vendor's code type (`x-error-code-type`) for a number, if it has one.
    pub(crate) code: Option<fn(i64) -> VendorCode>,
    /// The documented request headers set from the builder: `(header, setter)`.
    pub(crate) settings: &'static [(&'static str, &'static str)],
    /// The spec's rules for its request headers (`spec::REQUEST_HEADERS`).
    pub(crate) headers: &'static [crate::validation::HeaderRule],
}

impl Described {
    /// What the envelope's status says of a 2xx answer whose payload decoded: a success value
    /// is the answer; a pending one is [`Error::Pending`]; an error one is the vendor error it
    /// says (its payload had the success shape, so there is no code); any other value is not
    /// an answer to use.
    pub(crate) fn answer_status(
        &self,
        vendor: Vendor,
        status: &str,
        meta: &ResponseMeta,
    ) -> Result<(), Error> {
        let Some(envelope) = &self.envelope else {
            return Ok(());
        };
        if envelope.success.contains(&status) {
            Ok(())
        } else if envelope.pending.contains(&status) {
            Err(Error::Pending {
                vendor,
                meta: Box::new(meta.clone()),
            })
        } else if envelope.error.contains(&status) {
            let mut error = ApiError::bare(vendor, meta_status(meta), meta.clone());
            error.detail = Some(format!("the envelope's {} is `{status}`", envelope.status));
            Err(Error::Api(Box::new(error)))
        } else {
            let known = [envelope.success, envelope.pending, envelope.error].concat();
            Err(Error::Decode {
                expected: "the vendor's envelope",
                reason: format!(
                    "unknown envelope {} {status:?} (documented: {})",
                    envelope.status,
                    known.join(", ")
                ),
                excerpt: String::new(),
                meta: Box::new(meta.clone()),
                source: None,
            })
        }
    }
}

/// How the credential is sent.
#[derive(Debug)]
pub(crate) enum Credential {
    /// `http`/`bearer`: `Authorization: Bearer <credential>`.
    Bearer,
    /// `apiKey` in a header: `<name>: <credential>`.
    #[allow(dead_code)] // No enabled spec's scheme may be one.
    Header(&'static str),
    /// `apiKey` in the query: `?<name>=<credential>` on every request.
    #[allow(dead_code)]
    Query(&'static str),
}

/// An answer envelope: the property whose value says success, pending or error, and the one
/// holding the payload.
#[derive(Debug)]
pub(crate) struct Envelope {
    pub(crate) status: &'static str,
    pub(crate) data: &'static str,
    pub(crate) success: &'static [&'static str],
    pub(crate) pending: &'static [&'static str],
    pub(crate) error: &'static [&'static str],
}

/// The policy: the spec's description and the credential's header (or query parameter),
/// built once.
pub(crate) struct SpecPolicy {
    vendor: Vendor,
    described: &'static Described,
    headers: Arc<HeaderMap>,
    query: Option<Arc<(&'static str, SecretString)>>,
}

impl fmt::Debug for SpecPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(self.vendor.name())
            .field(self.described.setter, &"[REDACTED]")
            .finish()
    }
}

impl SpecPolicy {
    /// Checks the credential and the settings the builder was given (each header setting by
    /// the spec's rules for its header: required, an integer, its string rules; an error names
    /// the setter) and builds their headers.
    pub(crate) fn new(
        vendor: Vendor,
        described: &'static Described,
        credential: Option<SecretString>,
        settings: &std::collections::BTreeMap<&'static str, String>,
    ) -> Result<SpecPolicy, Error> {
        let mut fixed = HeaderMap::new();
        for &(header, setter) in described.settings {
            let rule = described.headers.iter().find(|r| r.name == header);
            let Some(value) = settings.get(setter) else {
                if rule.is_some_and(|r| r.required) {
                    return Err(Error::invalid(setter, "is required"));
                }
                continue;
            };
            // An integer is sent as its canonical form (`+7` and `07` are 7).
            let integer = rule.is_some_and(|r| r.integer);
            let value = match value.trim().parse::<i64>() {
                Ok(n) if integer => n.to_string(),
                _ => value.clone(),
            };
            if let Some(broken) = rule.and_then(|r| r.first_violation(&value)) {
                return Err(Error::invalid(setter, broken));
            }
            let value = HeaderValue::from_str(&value)
                .map_err(|_| Error::invalid(setter, "must be a valid header value"))?;
            fixed.insert(HeaderName::from_static(header), value);
        }
        let mut policy = Self::with_credential(vendor, described, credential)?;
        if !fixed.is_empty() {
            let headers = Arc::make_mut(&mut policy.headers);
            headers.extend(fixed);
        }
        Ok(policy)
    }

    /// The credential's header (or query parameter), checked.
    fn with_credential(
        vendor: Vendor,
        described: &'static Described,
        credential: Option<SecretString>,
    ) -> Result<SpecPolicy, Error> {
        let field = described.setter;
        let credential = credential.ok_or_else(|| Error::invalid(field, "is required"))?;
        let credential = credential.expose_secret();
        crate::config::secret(field, credential)?;
        let rule = match described.credential {
            Credential::Query(_) => "must be visible ASCII",
            _ => "must be visible ASCII (it is sent in a header)",
        };
        if !credential.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Error::invalid(field, rule));
        }
        let (name, value) = match described.credential {
            Credential::Bearer => (
                reqwest::header::AUTHORIZATION,
                HeaderValue::from_str(&format!("Bearer {credential}")),
            ),
            Credential::Header(name) => (
                HeaderName::from_static(name),
                HeaderValue::from_str(credential),
            ),
            Credential::Query(name) => {
                return Ok(SpecPolicy {
                    vendor,
                    described,
                    headers: Arc::default(),
                    query: Some(Arc::new((name, SecretString::from(credential.to_owned())))),
                })
            }
        };
        let mut value = value.map_err(|_| Error::invalid(field, rule))?;
        value.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(name, value);
        Ok(SpecPolicy {
            vendor,
            described,
            headers: Arc::new(headers),
            query: None,
        })
    }

    /// Fills in the code and message of an error body at the spec's paths; whether it had a
    /// code there.
    fn read_error(&self, body: &Value, error: &mut ApiError) -> bool {
        let at = |path: &[&str]| match path {
            [] => None,
            path => path.iter().try_fold(body, |v, key| v.get(key)),
        };
        let code = at(self.described.error_code).filter(|c| c.is_i64() || c.is_string());
        let message = at(self.described.error_message).and_then(Value::as_str);
        let number = code.and_then(Value::as_i64);
        match (number, self.described.code) {
            (Some(number), Some(of)) => error.code = Some(of(number)),
            // A code without a type of its own (a string, or no `x-error-code-type`) is said.
            _ => {
                error.detail = code.map(|c| c.as_str().map_or_else(|| c.to_string(), str::to_owned))
            }
        }
        if let Some(message) = message {
            error.detail = Some(match error.detail.take() {
                Some(code) => format!("{code}: {message}"),
                None => message.to_owned(),
            });
        }
        code.is_some()
    }

    /// Any request through the client's core (see the vendor's `Client::request`).
    pub(crate) async fn request<T: serde::de::DeserializeOwned + Send>(
        &self,
        core: &crate::client::Core<SpecPolicy, impl progenitor_client::ClientInfo<()>>,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Response<T>, Error> {
        let raw = RawRequest::new(&core.generated, &core.base_url, method, path, body)?;
        let cx = &CallState::default();
        let send = |_: &()| raw.send::<Value, Value>(cx);
        let accept = |answer: Value, meta: &ResponseMeta| {
            let data = match &self.described.envelope {
                None => answer,
                Some(envelope) => self.open_envelope(envelope, answer, meta)?,
            };
            serde_json::from_value(data).map_err(|e| Error::Decode {
                expected: std::any::type_name::<T>(),
                reason: e.to_string(),
                excerpt: String::new(),
                meta: Box::new(meta.clone()),
                source: Some(crate::error::json_cause(e, &Default::default())),
            })
        };
        core.transport
            .call(cx, &core.policy, raw.op(), send, accept)
            .await
    }

    /// The payload of an enveloped answer, once its status says success.
    fn open_envelope(
        &self,
        envelope: &Envelope,
        mut answer: Value,
        meta: &ResponseMeta,
    ) -> Result<Value, Error> {
        let status = answer.get(envelope.status).and_then(Value::as_str);
        let status = status.unwrap_or_default().to_owned();
        if envelope.error.contains(&status.as_str()) {
            let mut error = ApiError::bare(self.vendor, meta_status(meta), meta.clone());
            if self.read_error(&answer, &mut error) {
                return Err(Error::Api(Box::new(error)));
            }
        }
        self.described.answer_status(self.vendor, &status, meta)?;
        Ok(answer
            .get_mut(envelope.data)
            .map(Value::take)
            .unwrap_or_default())
    }
}

/// The status an answer came with (a 2xx for an error said in a body).
fn meta_status(meta: &ResponseMeta) -> reqwest::StatusCode {
    meta.status.unwrap_or(reqwest::StatusCode::OK)
}

impl crate::contract::AnswerStatus<String> for SpecPolicy {
    fn answer_status(&self, status: &String, meta: &ResponseMeta) -> Result<(), Error> {
        self.described.answer_status(self.vendor, status, meta)
    }
}

impl VendorCall for SpecPolicy {
    type Session = ();

    fn vendor(&self) -> Vendor {
        self.vendor
    }

    async fn prepare(&self, _cx: &CallState) -> Result<Prepared<()>, Error> {
        Ok(Prepared {
            headers: self.headers.clone(),
            session: (),
            generation: 0,
            query: self.query.clone(),
        })
    }

    /// A query credential is in no header: masked as a secret of its own.
    fn secrets<'a>(&'a self, _session: &'a (), out: &mut Vec<std::borrow::Cow<'a, str>>) {
        if let Some(query) = &self.query {
            out.push(std::borrow::Cow::Borrowed(query.1.expose_secret()));
        }
    }

    fn error_fields(&self, body: &[u8], error: &mut ApiError) {
        if let Ok(body) = serde_json::from_slice::<Value>(body) {
            self.read_error(&body, error);
        }
    }

    /// An error body can come with a 2xx too (Foxtrot's `{"status": "error", "data": {"code":
    /// 7001, ...}}`): it is the error it says when it has the error body's code.
    fn error_in_success_body(&self, body: &[u8], error: &mut ApiError) -> bool {
        let Ok(body) = serde_json::from_slice::<Value>(body) else {
            return false;
        };
        self.read_error(&body, error)
    }
}
