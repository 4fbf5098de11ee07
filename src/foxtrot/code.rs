//! Foxtrot's error codes (`data.code` of its error envelope).

/// Foxtrot's documented error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FoxtrotCode {
    /// 7001: Customer location not confident.
    LocationNotConfident,
    /// A code Foxtrot does not document.
    Other(i64),
}

impl FoxtrotCode {
    /// The code for a number.
    pub fn from_code(code: i64) -> Self {
        match code {
            7001 => FoxtrotCode::LocationNotConfident,
            other => FoxtrotCode::Other(other),
        }
    }

    /// The number Foxtrot sends.
    pub fn code(self) -> i64 {
        match self {
            FoxtrotCode::LocationNotConfident => 7001,
            FoxtrotCode::Other(code) => code,
        }
    }

    /// Foxtrot's documented meaning.
    pub fn meaning(self) -> &'static str {
        match self {
            FoxtrotCode::LocationNotConfident => "Customer location not confident",
            FoxtrotCode::Other(_) => "undocumented error code",
        }
    }
}

/// Foxtrot's codes say nothing more than the HTTP status (7001 comes with a 400).
impl crate::error::ErrorCode for FoxtrotCode {
    fn code(&self) -> i64 {
        FoxtrotCode::code(*self)
    }

    fn meaning(&self) -> &'static str {
        FoxtrotCode::meaning(*self)
    }
}
