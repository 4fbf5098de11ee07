//! No credential in any `Debug`, `Display` or log line, over every flow of the three vendors,
//! and none in the server text an error keeps when a server echoes it. The log capture is
//! `support::secrets::logs`, shared by the whole binary.

#[cfg(feature = "cro")]
mod cro_secrets;
#[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod echoed_secrets;
#[cfg(all(feature = "pdm", feature = "foxtrot"))]
mod secrets_all_vendors;
#[cfg(feature = "pdm")]
mod serialized;
#[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
mod server_texts;
