//! Phase 3, the check for undeclared fields: each type that decodes gets its `Declared` impl,
//! with the `declared()` shape read from the spec ([`super::items::declared_fns`]) and, for a
//! struct, a strict decoder: a twin of the struct (`Strict<Name>`) that derives `Deserialize`
//! as serde's `remote` of it, with `deny_unknown_fields`, and whose fields that hold such
//! structs decode strictly too. An answer the strict decoder reads has no undeclared field, so
//! the check costs one decode; only one that fails it is searched. An enum (a `oneOf`) decodes
//! as it does leniently, so that both decodings pick the same form.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::visit::Visit;

use super::Result;

/// Appends to the `types` module a `Declared` impl per type that decodes, and the strict twins
/// of those with fields.
pub(super) fn add_declared_impls(
    types: &mut Vec<syn::Item>,
    declared: &BTreeMap<String, TokenStream>,
) -> Result<()> {
    let found = Found::of(types);
    let mut added = Vec::new();
    for item in types.iter() {
        match item {
            syn::Item::Struct(s) if found.twinned.contains(&s.ident.to_string()) => {
                added.push(twin_struct(s, &found)?);
            }
            _ => {}
        }
    }
    for name in &found.decodable {
        let ident = format_ident!("{name}");
        let strict = if found.twinned.contains(name) {
            let twin = format_ident!("Strict{name}");
            Some(quote!(#twin::deserialize(d)))
        } else if found.merged.contains(name) {
            let twin = format_ident!("Strict{name}Wire");
            Some(quote!(Self::merged(#twin::deserialize(d)?)))
        } else {
            None
        };
        let strict = strict.map(|body| {
            quote! {
                fn strict<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                    #body
                }
            }
        });
        let declared = declared.get(name);
        added.push(syn::parse_quote! {
            impl crate::contract::Declared for #ident {
                #declared
                #strict
            }
        });
    }
    types.extend(added);
    Ok(())
}

/// What the `types` module holds, by name.
struct Found {
    /// Every type that implements `Deserialize` (derived or written), but a renamed model's
    /// wire twin.
    decodable: BTreeSet<String>,
    /// The structs whose `Deserialize` is derived: each gets a strict twin.
    twinned: BTreeSet<String>,
    /// The renamed models, read through their wire twin and `merged`.
    merged: BTreeSet<String>,
}

impl Found {
    fn of(types: &[syn::Item]) -> Found {
        let mut found = Found {
            decodable: BTreeSet::new(),
            twinned: BTreeSet::new(),
            merged: BTreeSet::new(),
        };
        for item in types {
            match item {
                syn::Item::Struct(s) if derives_deserialize(&s.attrs) => {
                    found.decodable.insert(s.ident.to_string());
                    found.twinned.insert(s.ident.to_string());
                }
                // An enum decodes as it does leniently, untwinned: a strict `oneOf` (typify's
                // untagged enum) could pick another form than the lenient decoding picks, and
                // the search does not look into a `oneOf`'s forms either.
                syn::Item::Enum(e) if derives_deserialize(&e.attrs) => {
                    found.decodable.insert(e.ident.to_string());
                }
                syn::Item::Impl(i) if implements_deserialize(i) => {
                    if let syn::Type::Path(p) = &*i.self_ty {
                        if let Some(last) = p.path.segments.last() {
                            found.decodable.insert(last.ident.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
        // A renamed model decodes through `<Name>Wire`, which is never an answer itself.
        let wires: Vec<String> = found.twinned.iter().cloned().collect();
        for wire in wires {
            if let Some(model) = wire.strip_suffix("Wire") {
                if found.decodable.contains(model) && !found.twinned.contains(model) {
                    found.merged.insert(model.to_owned());
                    found.decodable.remove(&wire);
                }
            }
        }
        found
    }

    /// Whether `ty` holds a type with a strict decoder of its own.
    fn holds_model(&self, ty: &syn::Type) -> bool {
        struct Names<'a>(&'a Found, bool);
        impl<'ast> Visit<'ast> for Names<'_> {
            fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
                let name = segment.ident.to_string();
                self.1 |= self.0.twinned.contains(&name) || self.0.merged.contains(&name);
                syn::visit::visit_path_segment(self, segment);
            }
        }
        let mut names = Names(self, false);
        names.visit_type(ty);
        names.1
    }
}

fn derives_deserialize(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        super::compare::derive_list(attr).is_some_and(|list| {
            list.is_ok_and(|list| {
                list.iter()
                    .any(|p| p.segments.last().is_some_and(|s| s.ident == "Deserialize"))
            })
        })
    })
}

fn implements_deserialize(item: &syn::ItemImpl) -> bool {
    let Some((path, _)) = &item.trait_ else {
        return false;
    };
    path.segments
        .last()
        .is_some_and(|s| s.ident == "Deserialize")
}

/// The strict twin of a struct: serde's `remote` of it, refusing unknown fields when it has
/// named ones.
fn twin_struct(model: &syn::ItemStruct, found: &Found) -> Result<syn::Item> {
    let mut twin = model.clone();
    twin.ident = format_ident!("Strict{}", model.ident);
    twin.vis = syn::Visibility::Inherited;
    twin.attrs = twin_attrs(&model.attrs, &model.ident);
    if matches!(model.fields, syn::Fields::Named(_)) {
        twin.attrs
            .push(syn::parse_quote!(#[serde(deny_unknown_fields)]));
    }
    for field in twin.fields.iter_mut() {
        strict_field(field, found).map_err(|e| format!("{}: {e}", model.ident))?;
    }
    Ok(syn::Item::Struct(twin))
}

/// The twin's attributes: `Deserialize` as the remote of `name`, with the type's serde ones.
fn twin_attrs(attrs: &[syn::Attribute], name: &syn::Ident) -> Vec<syn::Attribute> {
    let remote = name.to_string();
    let mut out: Vec<syn::Attribute> = vec![
        syn::parse_quote!(#[derive(::serde::Deserialize)]),
        syn::parse_quote!(#[serde(remote = #remote)]),
    ];
    out.extend(attrs.iter().filter(|a| a.path().is_ident("serde")).cloned());
    out
}

/// A twin's field: its serde attributes, and its decoder made strict when it holds a model.
fn strict_field(field: &mut syn::Field, found: &Found) -> std::result::Result<(), String> {
    field.attrs.retain(|a| a.path().is_ident("serde"));
    if !found.holds_model(&field.ty) {
        return Ok(());
    }
    let mut decoder = None;
    let mut attrs = Vec::new();
    for attr in &field.attrs {
        let metas = attr
            .parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            .map_err(|e| e.to_string())?;
        let mut kept = Vec::new();
        for meta in metas {
            match &meta {
                syn::Meta::NameValue(nv)
                    if nv.path.is_ident("deserialize_with") || nv.path.is_ident("with") =>
                {
                    let syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(path),
                        ..
                    }) = &nv.value
                    else {
                        return Err("a decoder that is not a path in a string".into());
                    };
                    decoder = Some(path.value());
                }
                _ => kept.push(meta),
            }
        }
        if !kept.is_empty() {
            attrs.push(syn::parse_quote!(#[serde(#(#kept),*)]));
        }
    }
    let strict = match decoder.as_deref() {
        None | Some("::std::option::Option::deserialize") => "crate::contract::strict_field",
        Some("crate::contract::not_null") => "crate::contract::strict_not_null",
        Some(other) => return Err(format!("a field decoded by {other} holds a model")),
    };
    attrs.push(syn::parse_quote!(#[serde(deserialize_with = #strict)]));
    field.attrs = attrs;
    Ok(())
}
