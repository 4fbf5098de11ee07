//! PDM's status codes: PDM answers HTTP 200 and says the outcome in the body.

use crate::error::{ErrorCode, ErrorKind};

/// PDM's documented status codes, other than 101 (OK).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PdmStatus {
    /// 201: Invalid / inactive company ID.
    InvalidCompanyId,
    /// 202: Invalid / inactive API key (also a session token that is no longer valid).
    InvalidApiKey,
    /// 204: IP address not approved.
    IpAddressNotApproved,
    /// 205: Rate limit exceeded (retried with backoff).
    RateLimitExceeded,
    /// 301: Required data missing.
    RequiredDataMissing,
    /// 302: Data exceeded parameters (the details list the fields).
    DataExceededParameters,
    /// 303: Incorrect data type (the details list the fields).
    IncorrectDataType,
    /// 401: No matching customer found.
    NoMatchingCustomer,
    /// 500: General service error.
    GeneralServiceError,
    /// A code PDM does not document.
    Other(i64),
}

impl PdmStatus {
    /// The status for a code other than 101.
    pub fn from_code(code: i64) -> Self {
        match code {
            201 => PdmStatus::InvalidCompanyId,
            202 => PdmStatus::InvalidApiKey,
            204 => PdmStatus::IpAddressNotApproved,
            205 => PdmStatus::RateLimitExceeded,
            301 => PdmStatus::RequiredDataMissing,
            302 => PdmStatus::DataExceededParameters,
            303 => PdmStatus::IncorrectDataType,
            401 => PdmStatus::NoMatchingCustomer,
            500 => PdmStatus::GeneralServiceError,
            other => PdmStatus::Other(other),
        }
    }

    /// The number PDM sends.
    pub fn code(self) -> i64 {
        match self {
            PdmStatus::InvalidCompanyId => 201,
            PdmStatus::InvalidApiKey => 202,
            PdmStatus::IpAddressNotApproved => 204,
            PdmStatus::RateLimitExceeded => 205,
            PdmStatus::RequiredDataMissing => 301,
            PdmStatus::DataExceededParameters => 302,
            PdmStatus::IncorrectDataType => 303,
            PdmStatus::NoMatchingCustomer => 401,
            PdmStatus::GeneralServiceError => 500,
            PdmStatus::Other(code) => code,
        }
    }

    /// What kind of failure the code says: 401 is not found, 202 a refused credential, 201
    /// and 204 refused access, 205 throttling; the others say nothing more than the status.
    pub fn kind(self) -> Option<ErrorKind> {
        match self {
            PdmStatus::NoMatchingCustomer => Some(ErrorKind::NotFound),
            PdmStatus::InvalidApiKey => Some(ErrorKind::CredentialRejected),
            PdmStatus::InvalidCompanyId | PdmStatus::IpAddressNotApproved => {
                Some(ErrorKind::AccessDenied)
            }
            PdmStatus::RateLimitExceeded => Some(ErrorKind::Throttled),
            _ => None,
        }
    }

    /// PDM's documented meaning.
    pub fn meaning(self) -> &'static str {
        match self {
            PdmStatus::InvalidCompanyId => "Invalid / inactive company ID",
            PdmStatus::InvalidApiKey => "Invalid / inactive API key",
            PdmStatus::IpAddressNotApproved => "IP address not approved",
            PdmStatus::RateLimitExceeded => "Rate limit exceeded",
            PdmStatus::RequiredDataMissing => "Required data missing",
            PdmStatus::DataExceededParameters => "Data exceeded parameters",
            PdmStatus::IncorrectDataType => "Incorrect data type",
            PdmStatus::NoMatchingCustomer => "No matching customer found",
            PdmStatus::GeneralServiceError => "General service error",
            PdmStatus::Other(_) => "undocumented status code",
        }
    }
}

impl ErrorCode for PdmStatus {
    fn code(&self) -> i64 {
        PdmStatus::code(*self)
    }

    fn meaning(&self) -> &'static str {
        PdmStatus::meaning(*self)
    }

    fn kind(&self) -> Option<ErrorKind> {
        PdmStatus::kind(*self)
    }
}
