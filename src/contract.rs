//! The contract between the generated code and the layer: every item of the layer that the
//! code build.rs generates (`build/codegen/`) names is here, and only here, so that what the
//! two sides rely on is written down once. Besides these, the generated code is included in a
//! vendor module shaped by [`vendor_client!`](crate::client): its `Client` holds `inner`, one
//! `Arc` of [`Core`](crate::client::Core) (the policy, progenitor's client, the transport),
//! and its `blocking::Client`; with `x-client-fields`, the policy's `Session` has those fields.
//! The public types it uses (models' `Validate`, `Response`, `Error`, `Timestamp`) are the
//! crate's own.

#[cfg(feature = "sandbox")]
pub(crate) use crate::departure::{body_departures, Found};
// CRO's spec marks every optional field `nullable`: a CRO-only build names no `not_null`.
#[allow(unused_imports)]
pub(crate) use crate::departure::{not_null, strict_field, strict_not_null, Documented};
#[cfg(feature = "sandbox")]
pub(crate) use crate::operation::decodes;
#[cfg(feature = "cli")]
pub(crate) use crate::operation::to_json;
// A build whose models hold no list of a model (PDM alone) names no `shape_items`.
#[allow(unused_imports)]
pub(crate) use crate::validation::{shape_any, shape_items, Declared, Property, Shape};
// What a build's specs do not call for (no path parameter, no `x-result`) goes unused.
#[allow(unused_imports)]
pub(crate) use crate::transport::{
    exec, missing_result, path_param, response_value, CallState, Op, PathSegment,
};

use crate::error::{Error, ResponseMeta};

/// What a vendor's policy says of the answer property its spec names (`x-answer-status`, or
/// `x-envelope`'s `status`) of type `S`: `Ok` when the answer is a success to use. The
/// generated methods call it on every decoded answer that has the property.
#[allow(dead_code)] // A build whose specs name no answer status.
pub(crate) trait AnswerStatus<S: ?Sized> {
    fn answer_status(&self, status: &S, meta: &ResponseMeta) -> Result<(), Error>;
}

/// An answer's status object, as a spec describes it (`x-answer-status` in its object form:
/// PDM's `status`, `{code, details}`, in every answer whatever the outcome). The generated code
/// implements it for the object's type; the vendor's policy checks every answer with
/// [`check`](StatusObject::check).
#[allow(dead_code)] // A build whose specs have no status object.
pub(crate) trait StatusObject: serde::de::DeserializeOwned {
    /// The codes that mean success.
    const OK: &'static [i64];
    fn code(&self) -> i64;
    fn detail(&self) -> &str;
    /// The code as the vendor's code type (`x-error-code-type`).
    fn vendor_code(code: i64) -> crate::VendorCode;

    /// `Ok` for a success code; any other is [`Error::Api`] with the vendor's code and the
    /// object's text (with the answer's HTTP status: 200 when the status was read from a 2xx).
    fn check(&self, vendor: crate::Vendor, meta: &ResponseMeta) -> Result<(), Error> {
        if Self::OK.contains(&self.code()) {
            return Ok(());
        }
        let http = meta.status.unwrap_or(reqwest::StatusCode::OK);
        let mut error = crate::ApiError::bare(vendor, http, meta.clone());
        self.said(&mut error);
        Err(Error::Api(Box::new(error)))
    }

    /// The code and text it says, into `error`.
    fn said(&self, error: &mut crate::ApiError) {
        error.code = Some(Self::vendor_code(self.code()));
        error.detail = Some(self.detail().to_owned());
    }

    /// The status object at `property` of an error answer's `body`, if it carries one, into
    /// `error`.
    fn read_into(property: &str, body: &[u8], error: &mut crate::ApiError) {
        let status = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|mut answer| {
                serde_json::from_value::<Self>(answer.get_mut(property)?.take()).ok()
            });
        if let Some(status) = status {
            status.said(error);
        }
    }
}
