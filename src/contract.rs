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

// A build whose specs have no status object names neither.
#[allow(unused_imports)]
pub(crate) use crate::error::StatusObject;
#[allow(unused_imports)]
pub(crate) use crate::transport::post_method;

use crate::error::{Error, ResponseMeta};

/// What a vendor's policy says of the answer property its spec names (`x-answer-status`, or
/// `x-envelope`'s `status`) of type `S`: `Ok` when the answer is a success to use. The
/// generated methods call it on every decoded answer that has the property.
#[allow(dead_code)] // A build whose specs name no answer status.
pub(crate) trait AnswerStatus<S: ?Sized> {
    fn answer_status(&self, status: &S, meta: &ResponseMeta) -> Result<(), Error>;
}
