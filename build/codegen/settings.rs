//! Phase 2: progenitor's settings, and the run that turns the rewritten spec into tokens.

use proc_macro2::TokenStream;

use super::Result;

/// String formats generated as `crate::Timestamp`: RFC 3339's `date-time`, and
/// `iso8601-date-time`, an ISO 8601 date-time whose offset is optional (CRO's "ISO 8601
/// compatible" timestamps, sent without one). Standard validators ignore the second name and
/// check the pattern written beside it.
pub const TIMESTAMP_FORMATS: [&str; 2] = ["date-time", "iso8601-date-time"];

/// Positional calls, one merged client, `ClientHooks` expected (the emit phase writes the impl),
/// timestamps as `crate::Timestamp`, and every `x-rust-type-path` schema as its type.
fn settings(replacements: &[(String, String)]) -> progenitor::GenerationSettings {
    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Positional)
        .with_tag(progenitor::TagStyle::Merged)
        .with_hooks(progenitor::HooksMode::Expected);
    let impls = || [progenitor::TypeImpl::Display, progenitor::TypeImpl::FromStr].into_iter();
    for format in TIMESTAMP_FORMATS {
        settings.with_conversion(
            schemars::schema::SchemaObject {
                instance_type: Some(schemars::schema::InstanceType::String.into()),
                format: Some(format.to_owned()),
                ..Default::default()
            },
            "crate::Timestamp",
            impls(),
        );
    }
    for (schema, path) in replacements {
        settings.with_replacement(schema, path, impls());
    }
    settings
}

/// Runs progenitor with this crate's settings (see [`super::specs::run_progenitor`]).
pub fn run(api: &openapiv3::OpenAPI, replacements: &[(String, String)]) -> Result<TokenStream> {
    super::specs::run_progenitor(&settings(replacements), api)
}
