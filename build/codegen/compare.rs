//! Part of phase 3: comparison derives on the generated models. Every model gets `PartialEq`
//! (so apps can compare what they fetched); `Eq` and `Hash` go on those whose fields all have
//! them, found by a fixpoint over the types module (a model holding an `f64` geo point, or one
//! that holds such a model, stays `PartialEq` only). A field type the pass does not know gets
//! no derive it cannot prove, so the output always compiles.
//!
//! What a type implements is a level, each implying the ones below: 0 nothing, 1 `PartialEq`,
//! 2 `Eq`, 3 `Hash`; a type made of others has the lowest of theirs.

use std::collections::BTreeMap;

const DERIVES: [&str; 3] = ["PartialEq", "Eq", "Hash"];

/// Types outside the generated `types` module, by last path segment. Those the specs name with
/// `x-rust-type-path` are listed with what they implement: the secrets written in `src/`, and
/// the enums items.rs generates in the `spec` module (`ApiVersion`, `WaypointStatus`).
fn known(ident: &str) -> Option<u8> {
    Some(match ident {
        "Option" | "Vec" | "Box" | "BTreeMap" | "String" | "str" | "bool" | "i8" | "i16"
        | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "NaiveDate" | "Uuid" | "Timestamp"
        | "ApiVersion" | "WaypointStatus" => 3,
        // Secrets compare, but are not hashed; nor are the maps typify writes unordered.
        "ApiKey" | "SessionToken" | "Value" | "Map" | "HashMap" => 2,
        "f32" | "f64" => 1,
        _ => return None,
    })
}

/// The level of `ty`, given the generated models' levels so far.
fn level(ty: &syn::Type, models: &BTreeMap<String, u8>) -> u8 {
    let syn::Type::Path(p) = ty else { return 0 };
    let Some(last) = p.path.segments.last() else {
        return 0;
    };
    let ident = last.ident.to_string();
    let own = models.get(&ident).copied().or_else(|| known(&ident));
    match &last.arguments {
        syn::PathArguments::None => own.unwrap_or(0),
        syn::PathArguments::AngleBracketed(a) => {
            a.args.iter().fold(own.unwrap_or(0), |l, arg| match arg {
                syn::GenericArgument::Type(t) => l.min(level(t, models)),
                _ => l,
            })
        }
        syn::PathArguments::Parenthesized(_) => 0,
    }
}

/// The name and field types of a struct, or the payload types of an enum.
fn shape(item: &syn::Item) -> Option<(String, Vec<&syn::Type>)> {
    match item {
        syn::Item::Struct(s) => Some((
            s.ident.to_string(),
            s.fields.iter().map(|f| &f.ty).collect(),
        )),
        syn::Item::Enum(e) => {
            let fields = e
                .variants
                .iter()
                .flat_map(|v| v.fields.iter().map(|f| &f.ty));
            Some((e.ident.to_string(), fields.collect()))
        }
        _ => None,
    }
}

/// The paths of a `#[derive(..)]` list; `None` for another attribute.
pub(super) fn derive_list(attr: &syn::Attribute) -> Option<syn::Result<Vec<syn::Path>>> {
    let parser = syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated;
    let list = || Ok(attr.parse_args_with(parser)?.into_iter().collect());
    attr.path().is_ident("derive").then(list)
}

/// Adds `PartialEq`, `Eq` and `Hash` to the generated models that can have them.
pub fn derive_comparisons(items: &mut [syn::Item]) {
    // Start from "everything holds" and lower what a field disproves, until nothing changes.
    let mut models: BTreeMap<String, u8> = items
        .iter()
        .filter_map(shape)
        .map(|(n, _)| (n, 3))
        .collect();
    loop {
        let mut changed = false;
        for (name, fields) in items.iter().filter_map(shape) {
            let l = fields.iter().fold(3, |l, ty| l.min(level(ty, &models)));
            changed |= models.insert(name, l) != Some(l);
        }
        if !changed {
            break;
        }
    }
    let derives = |a: &syn::Attribute| derive_list(a)?.ok();
    for item in items.iter_mut() {
        let (name, attrs) = match item {
            syn::Item::Struct(s) => (s.ident.to_string(), &mut s.attrs),
            syn::Item::Enum(e) => (e.ident.to_string(), &mut e.attrs),
            _ => continue,
        };
        let have: Vec<syn::Path> = attrs.iter().filter_map(derives).flatten().collect();
        let wanted = &DERIVES[..usize::from(models[&name])];
        let add: Vec<syn::Ident> = wanted
            .iter()
            .filter(|w| {
                !have
                    .iter()
                    .any(|h| h.segments.last().is_some_and(|s| s.ident == w))
            })
            .map(|w| syn::Ident::new(w, proc_macro2::Span::call_site()))
            .collect();
        if add.is_empty() {
            continue;
        }
        // Into the item's first derive list when it has one, for a readable output.
        match attrs.iter_mut().find_map(|a| Some((derives(a)?, a))) {
            Some((list, attr)) => *attr = syn::parse_quote!(#[derive(#(#list,)* #(#add),*)]),
            None => attrs.push(syn::parse_quote!(#[derive(#(#add),*)])),
        }
    }
}
