//! Phase 3, the items built from the spec alone (but for the `oneOf` impls, found in progenitor's
//! output): the `Validate` impls of the models and `oneOf`s, and the `spec` module:
//! `REQUEST_HEADERS`, the spec policy's `POLICY`, the `x-rust-enum` and `x-open-enum` enums, the
//! error code type and `DEFAULT_BASE_URL`.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

use super::model::{Credential, ErrorCode, ErrorCodeType, Place, Policy, Spec, StatusObject};
use super::rewrite::{
    variant_name, word_variant_name, Declared, FieldCheck, Model, OpenEnum, Rename, Rule,
    StringEnum,
};

/// A documented constraint as a `crate::validation::Rule` expression. Numbers are written
/// unsuffixed, as the spec gives them.
impl ToTokens for Rule {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let number = |rule: &str, v: &u64| {
            let (rule, v) = (format_ident!("{rule}"), Literal::u64_unsuffixed(*v));
            quote!(crate::validation::Rule::#rule(#v))
        };
        tokens.extend(match self {
            Rule::MinLength(v) => number("MinLength", v),
            Rule::MaxLength(v) => number("MaxLength", v),
            Rule::Pattern(regex, looks_like) => {
                quote!(crate::validation::Rule::Pattern { regex: #regex, looks_like: #looks_like })
            }
            Rule::OneOf(values) => quote!(crate::validation::Rule::OneOf(&[#(#values),*])),
            Rule::MinItems(v) => number("MinItems", v),
            Rule::MaxItems(v) => number("MaxItems", v),
        });
    }
}

/// `Some(value)` or `None`, as generated code writes an `Option`.
pub(super) fn opt(value: Option<impl ToTokens>) -> TokenStream {
    match value {
        Some(value) => quote!(::std::option::Option::Some(#value)),
        None => quote!(::std::option::Option::None),
    }
}

/// One `Validate` impl per model that is not replaced by a hand-written type.
pub(super) fn validate_impls(
    models: &[Model],
    replacements: &[(String, String)],
) -> Vec<syn::Item> {
    models
        .iter()
        .filter(|model| !replacements.iter().any(|(n, _)| n == &model.name))
        .map(|model| {
            let mut checks: Vec<TokenStream> = model
                .fields
                .iter()
                .map(|(field, check)| {
                    let ident = format_ident!("{}", field);
                    match check {
                        FieldCheck::Rules(rules) => quote! {
                            crate::validation::check(&self.#ident, &path.field(#field), &[#(#rules),*], out);
                        },
                        FieldCheck::Nested => quote! {
                            crate::validation::Validate::validate_at(&self.#ident, &path.field(#field), out);
                        },
                    }
                })
                .collect();
            if !model.one_of_required.is_empty() {
                let names = &model.one_of_required;
                let idents = names.iter().map(|n| format_ident!("{}", n));
                checks.push(quote! {
                    crate::validation::check_one_required(path, &[#(#names),*], &[#(crate::validation::Present::is_present(&self.#idents)),*], out);
                });
            }
            let (path, out) = if checks.is_empty() {
                (format_ident!("_path"), format_ident!("_out"))
            } else {
                (format_ident!("path"), format_ident!("out"))
            };
            let name = format_ident!("{}", model.name);
            syn::parse_quote! {
                impl crate::validation::Validate for types::#name {
                    fn validate_at(&self, #path: &crate::validation::FieldPath<'_>, #out: &mut Vec<crate::validation::Violation>) {
                        #(#checks)*
                    }
                }
            }
        })
        .collect()
}

/// The `declared()` function of each model that is not replaced by a hand-written type, by
/// name: its properties (and the old names of renamed ones), each with what the check for
/// undeclared fields looks into. [`super::strict`] puts them in the models' `Declared` impls.
pub(super) fn declared_fns(
    models: &[Model],
    replacements: &[(String, String)],
    renames: &[Rename],
) -> BTreeMap<String, TokenStream> {
    let generated = |name: &String| !replacements.iter().any(|(n, _)| n == name);
    let shape = |declared: &Declared| match declared {
        Declared::Model(m) if generated(m) => {
            let m = format_ident!("{m}");
            quote!(<#m as crate::contract::Declared>::declared)
        }
        Declared::Items(m) if generated(m) => {
            let m = format_ident!("{m}");
            quote!(crate::contract::shape_items::<#m>)
        }
        _ => quote!(crate::contract::shape_any),
    };
    let models = models.iter().filter(|m| generated(&m.name));
    let fns = models.map(|model| {
        let mut fields: Vec<(&String, TokenStream)> =
            model.declared.iter().map(|(p, d)| (p, shape(d))).collect();
        for rename in renames.iter().filter(|r| r.schema == model.name) {
            let now = model.declared.iter().find(|(p, _)| *p == rename.new);
            let now = now.map_or(quote!(crate::contract::shape_any), |(_, d)| shape(d));
            fields.push((&rename.old, now));
        }
        let (names, shapes): (Vec<_>, Vec<_>) = fields.into_iter().unzip();
        let declared = quote! {
            fn declared() -> crate::contract::Shape {
                const FIELDS: &[crate::contract::Property] = &[#((#names, #shapes)),*];
                crate::contract::Shape::Object(FIELDS)
            }
        };
        (model.name.clone(), declared)
    });
    fns.collect()
}

/// A `Validate` impl per `oneOf` of generated objects (typify's untagged enum): the rules of
/// the form it holds.
pub(super) fn one_of_validate_impls(types: &[syn::Item]) -> Vec<syn::Item> {
    let structs: Vec<String> = types
        .iter()
        .filter_map(|i| match i {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    let object = |ty: &syn::Type| matches!(ty, syn::Type::Path(p) if p.path.segments.len() == 1 && structs.contains(&p.path.segments[0].ident.to_string()));
    let mut impls = Vec::new();
    for item in types {
        let syn::Item::Enum(e) = item else { continue };
        let forms: Option<Vec<&syn::Ident>> = e
            .variants
            .iter()
            .map(|v| match &v.fields {
                syn::Fields::Unnamed(f) if f.unnamed.len() == 1 && object(&f.unnamed[0].ty) => {
                    Some(&v.ident)
                }
                _ => None,
            })
            .collect();
        let Some(forms) = forms.filter(|f| !f.is_empty()) else {
            continue;
        };
        let name = &e.ident;
        impls.push(syn::parse_quote! {
            impl crate::validation::Validate for types::#name {
                fn validate_at(&self, path: &crate::validation::FieldPath<'_>, out: &mut Vec<crate::validation::Violation>) {
                    match self {
                        #(types::#name::#forms(form) => crate::validation::Validate::validate_at(form, path, out),)*
                    }
                }
            }
        });
    }
    impls
}

/// The `spec` module: the documented request headers as `REQUEST_HEADERS` (one per name, the
/// first declaration's rules, in name order), `POLICY`, the enums, the error code type and
/// `DEFAULT_BASE_URL`.
pub(super) fn spec_module(spec: &Spec, enums: &[StringEnum], open: &[OpenEnum]) -> syn::Item {
    let mut headers = std::collections::BTreeMap::new();
    let params = spec.operations.iter().flat_map(|op| &op.params);
    for p in params.filter(|p| p.place == Place::Header) {
        headers.entry(p.name.to_ascii_lowercase()).or_insert(p);
    }
    let rows = headers.iter().map(|(name, h)| {
        let (required, integer, rules) = (h.required, h.integer, &h.rules);
        quote! {
            crate::validation::HeaderRule { name: #name, required: #required, integer: #integer, rules: &[#(#rules),*] }
        }
    });
    let enums = enums.iter().map(string_enum);
    let open = open.iter().map(open_enum);
    let codes = spec.error_codes.as_ref().map(error_code_type);
    let base_url = spec.default_base_url.as_ref().map(|url| {
        quote! {
            /// The default base URL: the vendor's public API, the spec's first `https` server.
            pub const DEFAULT_BASE_URL: &str = #url;
        }
    });
    let policy = spec.policy.as_ref().map(|p| policy(p, spec));
    let status = spec.status_object.as_ref().zip(spec.error_codes.as_ref());
    let status = status.map(|(s, codes)| status_object(s, codes));
    syn::parse_quote! {
        /// What the spec documents that is not a generated type.
        pub mod spec {
            /// The documented request headers, which the layer sets once per client.
            pub const REQUEST_HEADERS: &[crate::validation::HeaderRule] = &[#(#rows),*];
            #policy
            #(#enums)*
            #(#open)*
            #codes
            #base_url
            #status
        }
    }
}

/// `x-answer-status`'s status object as the layer reads it (`crate::contract::StatusObject`):
/// its code, its text, and the codes that mean success.
fn status_object(s: &StatusObject, codes: &ErrorCodeType) -> TokenStream {
    let (schema, code, detail) = (
        format_ident!("{}", s.schema),
        format_ident!("{}", s.code),
        format_ident!("{}", s.detail),
    );
    let ok = s.ok.iter().map(|c| Literal::i64_unsuffixed(*c));
    let name = format_ident!("{}", codes.name);
    quote! {
        impl crate::contract::StatusObject for super::types::#schema {
            const OK: &'static [i64] = &[#(#ok),*];
            fn code(&self) -> i64 {
                self.#code.into()
            }
            fn detail(&self) -> &str {
                &self.#detail
            }
            fn vendor_code(code: i64) -> crate::VendorCode {
                crate::VendorCode::from(#name::from_code(code))
            }
        }
    }
}

/// `POLICY`: what the layer's spec policy reads (a spec without `x-policy: hand-written`).
fn policy(p: &Policy, spec: &Spec) -> TokenStream {
    let credential = match &p.credential {
        Credential::Bearer => quote!(crate::spec_policy::Credential::Bearer),
        Credential::Header(name) => quote!(crate::spec_policy::Credential::Header(#name)),
        Credential::Query(name) => quote!(crate::spec_policy::Credential::Query(#name)),
    };
    let envelope = opt(p.envelope.as_ref().map(|e| {
        let (status, data, success, pending, error) =
            (&e.status, &e.data, &e.success, &e.pending, &e.error);
        quote!(crate::spec_policy::Envelope {
            status: #status, data: #data, success: &[#(#success),*],
            pending: &[#(#pending),*], error: &[#(#error),*],
        })
    }));
    let code = opt(spec.error_codes.as_ref().map(|t| {
        let name = format_ident!("{}", t.name);
        quote!(|code| crate::VendorCode::from(#name::from_code(code)))
    }));
    let (setter, code_path, message_path) = (&p.setter, &p.error_code, &p.error_message);
    let (field_path, explanation_path) = (&p.error_field, &p.error_explanation);
    let settings = p.settings.iter().map(|s| {
        let (header, setter, pin, default) = (&s.header, &s.setter, s.pin, opt(s.default.as_ref()));
        quote!(crate::spec_policy::Setting { header: #header, setter: #setter, default: #default, pin: #pin })
    });
    quote! {
        /// What the layer's spec policy reads: the credential's scheme, the envelope and the
        /// error body.
        pub(crate) const POLICY: crate::spec_policy::Described = crate::spec_policy::Described {
            credential: #credential,
            setter: #setter,
            envelope: #envelope,
            error_code: &[#(#code_path),*],
            error_message: &[#(#message_path),*],
            error_field: &[#(#field_path),*],
            error_explanation: &[#(#explanation_path),*],
            code: #code,
            settings: &[#(#settings),*],
            headers: REQUEST_HEADERS,
        };
    }
}

/// An open string enum (`x-open-enum`): a variant per documented value, `Other` keeping any
/// other as sent; it reads every string, so an answer never fails on a new value.
fn open_enum(e: &OpenEnum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let variants: Vec<syn::Ident> = e
        .values
        .iter()
        .map(|v| format_ident!("{}", word_variant_name(v)))
        .collect();
    let values = &e.values;
    let docs = values.iter().map(|v| format!(" `{v}`."));
    let description = format!(" {}", e.description.as_deref().unwrap_or(&e.what).trim());
    let other = format!(" A {} the vendor does not document, as sent.", e.what);
    quote! {
        #[doc = #description]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        // A value the vendor adds later may get its own variant (a minor release).
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #docs] #variants,)*
            #[doc = #other]
            Other(::std::string::String),
        }

        impl #name {
            /// The value as the vendor writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#variants => #values,)*
                    #name::Other(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Any string: a documented value is its variant, any other is `Other`.
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(match value {
                    #(#values => #name::#variants,)*
                    other => #name::Other(other.to_owned()),
                })
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                let ::std::result::Result::Ok(parsed) = value.parse();
                ::std::result::Result::Ok(parsed)
            }
        }
    }
}

/// The vendor's error codes (`x-error-code-type`) as an enum: a variant per documented code and
/// `Other` for the rest, with the vendor's meanings and the kinds the codes say, and
/// `crate::ErrorCode`, so that a `crate::VendorCode` holds it.
fn error_code_type(t: &ErrorCodeType) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let description = format!(" {}", t.description.trim());
    let variant = |c: &ErrorCode| format_ident!("{}", c.variant);
    let number = |c: &ErrorCode| Literal::i64_unsuffixed(c.code);
    let (variants, numbers): (Vec<_>, Vec<_>) =
        t.codes.iter().map(|c| (variant(c), number(c))).unzip();
    let meanings: Vec<&String> = t.codes.iter().map(|c| &c.meaning).collect();
    let docs = t
        .codes
        .iter()
        .map(|c| format!(" {}: {}.", c.code, c.meaning));
    let kinds = t.codes.iter().filter_map(|c| {
        let (variant, kind) = (variant(c), format_ident!("{}", c.kind.as_ref()?));
        Some(quote!(#name::#variant => ::std::option::Option::Some(crate::ErrorKind::#kind),))
    });
    quote! {
        #[doc = #description]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #docs] #variants,)*
            /// A code the vendor does not document.
            Other(i64),
        }

        impl #name {
            /// The code for a number the vendor sent.
            pub fn from_code(code: i64) -> Self {
                match code {
                    #(#numbers => #name::#variants,)*
                    other => #name::Other(other),
                }
            }

            /// The number the vendor sends.
            pub fn code(self) -> i64 {
                match self {
                    #(#name::#variants => #numbers,)*
                    #name::Other(code) => code,
                }
            }

            /// The vendor's documented meaning.
            pub fn meaning(self) -> &'static str {
                match self {
                    #(#name::#variants => #meanings,)*
                    #name::Other(_) => "undocumented code",
                }
            }

            /// What kind of failure the code says, where it says more than the HTTP status.
            pub fn kind(self) -> ::std::option::Option<crate::ErrorKind> {
                match self {
                    #(#kinds)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl crate::ErrorCode for #name {
            fn code(&self) -> i64 {
                #name::code(*self)
            }

            fn meaning(&self) -> &'static str {
                #name::meaning(*self)
            }

            fn kind(&self) -> ::std::option::Option<crate::ErrorKind> {
                #name::kind(*self)
            }
        }
    }
}

/// A string enum of the spec (`x-rust-enum`) as a Rust enum: its values in the spec's order
/// (which `Ord` follows), `as_str`, `ALL`, `Display`, and [`string_enum_parsing`].
fn string_enum(e: &StringEnum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let variants: Vec<syn::Ident> = e
        .values
        .iter()
        .map(|v| format_ident!("{}", variant_name(v)))
        .collect();
    let values = &e.values;
    let count = Literal::usize_unsuffixed(values.len());
    let is_default = |v: &String| e.default.as_ref() == Some(v);
    let docs = e.values.iter().map(|v| {
        let note = e
            .notes
            .get(v)
            .map(|n| format!(": {}", n.trim()))
            .unwrap_or_default();
        let default = if is_default(v) { " (the default)" } else { "" };
        format!(" `{v}`{note}{default}")
    });
    let defaults = e
        .values
        .iter()
        .map(|v| is_default(v).then(|| quote!(#[default])));
    let derive_default = e.default.as_ref().map(|_| quote!(Default,));
    let description = e
        .description
        .as_deref()
        .unwrap_or("")
        .lines()
        .map(|l| format!(" {l}"));
    let all_doc = " Every documented value, in the spec's order.";
    let parsing = string_enum_parsing(e, &name);
    quote! {
        #(#[doc = #description])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, #derive_default)]
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #docs] #defaults #variants,)*
        }

        impl #name {
            #[doc = #all_doc]
            pub const ALL: [#name; #count] = [#(#name::#variants),*];

            /// The value as the spec writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#name::#variants => #values,)*
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #parsing
    }
}

/// `FromStr` (refusing any other value with the list, as `Unknown<Name>`), `TryFrom<&str>`,
/// and serde as the string.
fn string_enum_parsing(e: &StringEnum, name: &syn::Ident) -> TokenStream {
    let unknown = format_ident!("Unknown{}", e.name);
    let unknown_doc = format!(" A string that is not a documented {}.", e.what);
    let message = format!(
        "unknown {} {{:?}}: must be one of {}",
        e.what,
        e.values.join(", ")
    );
    quote! {
        #[doc = #unknown_doc]
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct #unknown(::std::string::String);

        impl ::std::fmt::Display for #unknown {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, #message, self.0)
            }
        }

        impl ::std::error::Error for #unknown {}

        impl ::std::str::FromStr for #name {
            type Err = #unknown;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                #name::ALL
                    .into_iter()
                    .find(|v| v.as_str() == s)
                    // Quoted in the message: at most 64 characters of it.
                    .ok_or_else(|| #unknown(s.chars().take(64).collect()))
            }
        }

        impl ::std::convert::TryFrom<&str> for #name {
            type Error = #unknown;
            fn try_from(s: &str) -> ::std::result::Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                s.parse().map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}
