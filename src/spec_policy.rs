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

use crate::auth::{RefreshingTokenBuilder, TokenProvider};
use crate::error::{ApiError, Error, ResponseMeta, Vendor, VendorCode};
use crate::response::Response;
use crate::transport::{CallState, Op, Prepared, ServedVersion, VendorCall};

/// What the spec says of the vendor's credential, settings, envelope and errors (generated as
/// the vendor's `spec::POLICY`).
#[derive(Debug)]
pub(crate) struct Described {
    /// Where the credential goes (`components.securitySchemes`).
    pub(crate) credential: Credential,
    /// The builder's setter for it, which messages name (`api_key`).
    pub(crate) setter: &'static str,
    /// `x-envelope`, if answers come in one.
    pub(crate) envelope: Option<Envelope>,
    /// `x-error-body`: the property paths of an error's code, message, field and explanation.
    pub(crate) error_code: &'static [&'static str],
    pub(crate) error_message: &'static [&'static str],
    pub(crate) error_field: &'static [&'static str],
    pub(crate) error_explanation: &'static [&'static str],
    /// The vendor's code type (`x-error-code-type`) for a number, if it has one.
    pub(crate) code: Option<fn(i64) -> VendorCode>,
    /// The documented request headers set from the builder.
    pub(crate) settings: &'static [Setting],
    /// The spec's rules for its request headers (`spec::REQUEST_HEADERS`).
    pub(crate) headers: &'static [crate::validation::HeaderRule],
}

/// A documented request header, set once on the builder and sent on every request.
#[derive(Debug)]
pub(crate) struct Setting {
    pub(crate) header: &'static str,
    pub(crate) setter: &'static str,
    /// The schema's `default`, sent when the builder is given none.
    pub(crate) default: Option<&'static str>,
    /// `x-pin`: every answer's `x-api-version` must say the value sent.
    pub(crate) pin: bool,
}

/// The credential a builder was given.
#[derive(Clone)]
pub(crate) enum Given {
    /// The credential itself (for a bearer scheme, with or without `Bearer `).
    Static(SecretString),
    /// Bearer tokens from a provider.
    Provider(Arc<dyn TokenProvider>),
    /// An OAuth refresh-token grant, built with the client's settings.
    Refreshing(Box<RefreshingTokenBuilder>),
}

impl fmt::Debug for Given {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Given::Static(_) => "[REDACTED]",
            Given::Provider(_) => "token provider",
            Given::Refreshing(_) => "refreshing token [REDACTED]",
        })
    }
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
            let (what, known) = (envelope.status, known.join(", "));
            let reason = format!("unknown envelope {what} {status:?} (documented: {known})");
            Err(Error::decode("the vendor's envelope", reason, meta))
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

/// The policy: the spec's description, and the headers (or query parameter) of the credential
/// and the settings, built once.
pub(crate) struct SpecPolicy {
    vendor: Vendor,
    described: &'static Described,
    /// The settings' headers and a static credential's: an attempt shares them, no copy.
    headers: Arc<HeaderMap>,
    query: Option<Arc<(&'static str, SecretString)>>,
    /// Bearer tokens from a provider, added to a copy of `headers` per attempt.
    provider: Option<Arc<dyn TokenProvider>>,
    /// Each setting's value as sent, by setter.
    values: Vec<(&'static str, String)>,
    /// The pinned version (`x-pin`) every answer must say, found once.
    pinned: Option<String>,
    /// The redaction sieve of a static credential, made once (a provider's tokens change).
    sieve: Option<Arc<crate::redact::Sieve>>,
}

impl fmt::Debug for SpecPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct(self.vendor.name());
        for (setter, value) in &self.values {
            out.field(setter, value);
        }
        match &self.provider {
            Some(provider) => out.field(self.described.setter, provider),
            None => out.field(self.described.setter, &"[REDACTED]"),
        };
        out.finish()
    }
}

impl SpecPolicy {
    /// Checks the credential and the settings the builder was given (each header setting by
    /// the spec's rules for its header: required, an integer, its string rules; an error names
    /// the setter) and builds their headers.
    pub(crate) fn new(
        vendor: Vendor,
        described: &'static Described,
        given: Option<Given>,
        settings: &std::collections::BTreeMap<&'static str, String>,
        common: &crate::config::Common,
    ) -> Result<SpecPolicy, Error> {
        let field = described.setter;
        let bearer = matches!(described.credential, Credential::Bearer);
        let mut policy = match given {
            None if bearer => Err(Error::invalid(
                field,
                "is required (or a token_provider, or a refreshing_token)",
            )),
            None => Err(Error::invalid(field, "is required")),
            Some(Given::Static(secret)) => {
                Self::with_credential(vendor, described, secret.expose_secret())
            }
            Some(Given::Provider(provider)) => Ok(Self::bare(vendor, described, Some(provider))),
            Some(Given::Refreshing(grant)) => {
                let provider = Arc::new(grant.with_common(common).build()?);
                Ok(Self::bare(vendor, described, Some(provider)))
            }
        }?;
        let headers = Arc::make_mut(&mut policy.headers);
        for setting in described.settings {
            let given = settings.get(setting.setter).map(String::as_str);
            let Some(value) = given.or(setting.default) else {
                if described.rule(setting.header).is_some_and(|r| r.required) {
                    return Err(Error::invalid(setting.setter, "is required"));
                }
                continue;
            };
            let value = described.header_value(setting.header, setting.setter, value)?;
            headers.insert(HeaderName::from_static(setting.header), value.1);
            policy.values.push((setting.setter, value.0));
        }
        policy.pinned = policy.pin();
        if policy.provider.is_none() {
            let sieve = crate::transport::sieve_of(&policy, &policy.headers, &());
            policy.sieve = Some(Arc::new(sieve));
        }
        Ok(policy)
    }

    /// The value of the pinned setting, if the spec pins one.
    fn pin(&self) -> Option<String> {
        let pin = self.described.settings.iter().find(|s| s.pin)?;
        self.setting(pin.setter).map(str::to_owned)
    }

    fn bare(
        vendor: Vendor,
        described: &'static Described,
        provider: Option<Arc<dyn TokenProvider>>,
    ) -> SpecPolicy {
        let (headers, query, values, pinned, sieve) = Default::default();
        SpecPolicy {
            vendor,
            described,
            headers,
            query,
            provider,
            values,
            pinned,
            sieve,
        }
    }

    /// The credential's header (or query parameter), checked.
    fn with_credential(
        vendor: Vendor,
        described: &'static Described,
        credential: &str,
    ) -> Result<SpecPolicy, Error> {
        let field = described.setter;
        let mut policy = Self::bare(vendor, described, None);
        let (name, value) = match described.credential {
            Credential::Bearer => (
                reqwest::header::AUTHORIZATION,
                described.bearer(credential)?,
            ),
            Credential::Header(name) => {
                plain_credential(
                    field,
                    credential,
                    "must be visible ASCII (it is sent in a header)",
                )?;
                let value = HeaderValue::from_str(credential);
                let mut value =
                    value.map_err(|_| Error::invalid(field, "must be visible ASCII"))?;
                value.set_sensitive(true);
                (HeaderName::from_static(name), value)
            }
            Credential::Query(name) => {
                plain_credential(field, credential, "must be visible ASCII")?;
                let secret = SecretString::from(credential.to_owned());
                policy.query = Some(Arc::new((name, secret)));
                return Ok(policy);
            }
        };
        let mut headers = HeaderMap::new();
        headers.insert(name, value);
        policy.headers = Arc::new(headers);
        Ok(policy)
    }

    /// This policy with the setting `setter` set to `value`, checked like the builder's; the
    /// credential (and a provider's token cache) is shared.
    #[allow(dead_code)] // A build whose generated vendors have no settings (Foxtrot alone).
    pub(crate) fn with_setting(&self, setter: &str, value: &str) -> Result<SpecPolicy, Error> {
        let Some(setting) = self.described.settings.iter().find(|s| s.setter == setter) else {
            return Err(Error::invalid(
                "setting",
                "is not one of the vendor's settings",
            ));
        };
        let (value, header) = self
            .described
            .header_value(setting.header, setting.setter, value)?;
        Ok(self.replaced(setting, value, header))
    }

    /// This policy with the integer setting `setter` set to `value`: any `i64` keeps the
    /// rules of a setting the generator gives this method (an integer without bounds).
    #[allow(dead_code)] // A build whose generated vendors have no integer setting.
    pub(crate) fn with_integer(&self, setter: &str, value: i64) -> SpecPolicy {
        match self.described.settings.iter().find(|s| s.setter == setter) {
            Some(setting) => self.replaced(setting, value.to_string(), HeaderValue::from(value)),
            None => self.replaced_none(),
        }
    }

    /// A copy of this policy (for a setting it does not have: nothing to change).
    fn replaced_none(&self) -> SpecPolicy {
        SpecPolicy {
            vendor: self.vendor,
            described: self.described,
            headers: self.headers.clone(),
            query: self.query.clone(),
            provider: self.provider.clone(),
            values: self.values.clone(),
            pinned: self.pinned.clone(),
            // A setting's header is no credential: the sieve stays what it was.
            sieve: self.sieve.clone(),
        }
    }

    /// This policy with `setting` sent as `header` (`value` as text).
    fn replaced(&self, setting: &Setting, value: String, header: HeaderValue) -> SpecPolicy {
        let mut headers = (*self.headers).clone();
        headers.insert(HeaderName::from_static(setting.header), header);
        let mut values = self.values.clone();
        values.retain(|(s, _)| *s != setting.setter);
        values.push((setting.setter, value));
        let mut policy = SpecPolicy {
            headers: Arc::new(headers),
            values,
            ..self.replaced_none()
        };
        policy.pinned = policy.pin();
        policy
    }

    /// The value sent for the setting `setter`, if any.
    pub(crate) fn setting(&self, setter: &str) -> Option<&str> {
        let found = self.values.iter().find(|(s, _)| *s == setter);
        found.map(|(_, value)| value.as_str())
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
        let said = |path| at(path).and_then(Value::as_str).map(str::to_owned);
        error.field = said(self.described.error_field);
        error.explanation = said(self.described.error_explanation);
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
        let url = crate::transport::raw_url(&core.base_url, path)?;
        let http = progenitor_client::ClientInfo::client(&core.generated);
        // Repeated on any retryable failure only when RFC 9110 says the method is idempotent.
        let op = Op::raw(&method);
        let cx = &CallState::default();
        let send = |_: &()| {
            let mut request = http.request(method.clone(), url.clone());
            if let Some(body) = body {
                request = request.json(body);
            }
            crate::transport::send_raw::<Value, Value>(http, request, cx)
        };
        let accept = |answer: Value, meta: &ResponseMeta| {
            let data = match &self.described.envelope {
                None => answer,
                Some(envelope) => self.open_envelope(envelope, answer, meta)?,
            };
            serde_json::from_value(data).map_err(|e| Error::Decode {
                expected: crate::transport::short_type_name::<T>(),
                reason: e.to_string(),
                excerpt: String::new(),
                meta: Box::new(meta.clone()),
                source: Some(crate::error::json_cause(e, &Default::default())),
            })
        };
        core.transport
            .call(cx, &core.policy, op, send, accept)
            .await
    }

    /// The payload of an enveloped answer, once its status says success. An answer without the
    /// envelope's status (not an object, or an object without it) is no envelope: it is the
    /// payload as it came (Foxtrot's waypoints come bare or enveloped, as its spec's `oneOf`
    /// says), for `T` to decode or refuse.
    fn open_envelope(
        &self,
        envelope: &Envelope,
        mut answer: Value,
        meta: &ResponseMeta,
    ) -> Result<Value, Error> {
        if answer.get(envelope.status).is_none() {
            return Ok(answer);
        }
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

/// A key sent as it is: not blank, no control characters, visible ASCII (`rule`).
fn plain_credential(
    field: &'static str,
    credential: &str,
    rule: &'static str,
) -> Result<(), Error> {
    crate::config::secret(field, credential)?;
    if !credential.chars().all(|c| c.is_ascii_graphic()) {
        return Err(Error::invalid(field, rule));
    }
    Ok(())
}

impl Described {
    /// The spec's rules for the request header `name`.
    fn rule(&self, name: &str) -> Option<&crate::validation::HeaderRule> {
        self.headers.iter().find(|r| r.name == name)
    }

    /// `value` for the header `name` by the spec's rules (an integer is sent in its canonical
    /// form: `+7` and `07` are 7); an error names the builder's `setter`.
    fn header_value(
        &self,
        name: &str,
        setter: &'static str,
        value: &str,
    ) -> Result<(String, HeaderValue), Error> {
        let rule = self.rule(name);
        // Untrimmed: a space around a number is not an integer, and the rules say so.
        let value = match value.parse::<i64>() {
            Ok(n) if rule.is_some_and(|r| r.integer) => n.to_string(),
            _ => value.to_owned(),
        };
        if let Some(broken) = rule.and_then(|r| r.first_violation(&value)) {
            return Err(Error::invalid(setter, broken));
        }
        let header = HeaderValue::from_str(&value)
            .map_err(|_| Error::invalid(setter, "must be a valid header value"))?;
        Ok((value, header))
    }

    /// `Bearer <token>` (the token given with or without the scheme), marked sensitive: a
    /// header-safe token (visible ASCII, no space, so no second scheme), by the rules of the
    /// `authorization` header where the spec documents one.
    fn bearer(&self, token: &str) -> Result<HeaderValue, Error> {
        let field = self.setter;
        let token = crate::auth::strip_bearer(token);
        // A blank token is an empty one (not one with spaces in it).
        let token = if token.trim().is_empty() { "" } else { token };
        // Where the spec documents the header, its rules say what an empty token breaks.
        let documented = self.rule("authorization").is_some();
        if !documented {
            crate::config::secret(field, token)?;
        }
        // A message names the kind of character, never the character: it is part of a secret.
        if token.chars().any(char::is_control) {
            return Err(Error::invalid(field, "must not contain control characters"));
        }
        if token.contains(' ') {
            return Err(Error::invalid(
                field,
                "must not contain a space (one `Bearer ` scheme, then the token)",
            ));
        }
        if !token.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Error::invalid(
                field,
                "must be visible ASCII (no non-ASCII characters)",
            ));
        }
        let (_, mut header) =
            self.header_value("authorization", field, &format!("Bearer {token}"))?;
        header.set_sensitive(true);
        Ok(header)
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
        let Some(provider) = &self.provider else {
            return Ok(Prepared {
                headers: self.headers.clone(),
                session: (),
                generation: 0,
                query: self.query.clone(),
                sieve: self.sieve.clone(),
            });
        };
        let token = provider.token().await?;
        let value = self
            .described
            .bearer(token.secret.expose_secret())
            .map_err(|e| Error::Credentials {
                message: format!("the token provider's token is not usable: {e}"),
                retryable: false,
            })?;
        let mut headers = (*self.headers).clone();
        headers.insert(reqwest::header::AUTHORIZATION, value);
        Ok(Prepared {
            headers: Arc::new(headers),
            session: (),
            generation: token.generation,
            query: None,
            sieve: None,
        })
    }

    async fn credential_rejected(&self, generation: u64) -> bool {
        match &self.provider {
            Some(provider) => provider.rejected(generation).await,
            None => false,
        }
    }

    /// A query credential is in no header, and a provider's other secrets (a refresh token, a
    /// client secret) in none either: masked as secrets of their own.
    fn secrets<'a>(&'a self, _session: &'a (), out: &mut Vec<std::borrow::Cow<'a, str>>) {
        if let Some(query) = &self.query {
            out.push(std::borrow::Cow::Borrowed(query.1.expose_secret()));
        }
        if let Some(provider) = &self.provider {
            let secrets = provider.redactions();
            let owned = secrets.iter().map(|s| s.expose_secret().to_owned());
            out.extend(owned.map(std::borrow::Cow::Owned));
        }
    }

    /// A pinned version (`x-pin`) is checked on every answer: another version, several or an
    /// unreadable one is a mismatch whatever the status; a missing one is a mismatch on a 2xx
    /// only. An error without the header may come from a gateway or a proxy the vendor did not
    /// write (a 503 page, a 404 for a path it does not serve): its status says what it is.
    fn check_version(&self, served: &ServedVersion, meta: &ResponseMeta) -> Result<(), Error> {
        let Some(pinned) = &self.pinned else {
            return Ok(());
        };
        let success = meta.status.is_some_and(|s| s.is_success());
        match served {
            ServedVersion::One(v) if v == pinned => return Ok(()),
            ServedVersion::Absent if !success => return Ok(()),
            _ => {}
        }
        Err(Error::VersionMismatch {
            pinned: pinned.to_owned(),
            served: served.describe(),
            meta: Box::new(meta.clone()),
        })
    }

    fn error_fields(&self, body: &[u8], error: &mut ApiError) {
        self.error_in_success_body(body, error);
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
