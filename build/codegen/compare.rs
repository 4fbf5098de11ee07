//! Part of phase 3: comparison derives on the generated models. Every model gets `PartialEq`
//! (so apps can compare what they fetched); `Eq` and `Hash` go on those whose fields all have
//! them, found by a fixpoint over the types module (a model holding an `f64` geo point, or one
//! that holds such a model, stays `PartialEq` only). A field type the pass does not know gets
//! no derive it cannot prove, so the output always compiles.

use std::collections::BTreeMap;

/// What a type is known to implement.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Traits {
    partial_eq: bool,
    eq: bool,
    hash: bool,
}

const NONE: Traits = Traits {
    partial_eq: false,
    eq: false,
    hash: false,
};
const ALL: Traits = Traits {
    partial_eq: true,
    eq: true,
    hash: true,
};

/// Types outside the generated module, by last path segment, and what they implement. The
/// hand-written types the specs name (`x-rust-type-path`) are listed with what `src/` gives them.
fn known(ident: &str) -> Option<Traits> {
    Some(match ident {
        "String" | "str" | "bool" | "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64"
        | "NaiveDate" | "Uuid" | "Timestamp" | "ApiVersion" | "WaypointStatus" => ALL,
        "f32" | "f64" | "WaypointsAnswer" => Traits {
            partial_eq: true,
            eq: false,
            hash: false,
        },
        // Secrets compare, but are not hashed.
        "ApiKey" | "SessionToken" | "Value" | "Map" => Traits {
            partial_eq: true,
            eq: true,
            hash: false,
        },
        _ => return None,
    })
}

/// The last segment of `ty` and the types in its angle brackets.
fn parts(ty: &syn::Type) -> Option<(String, Vec<&syn::Type>)> {
    let syn::Type::Path(p) = ty else {
        return None;
    };
    let last = p.path.segments.last()?;
    let args = match &last.arguments {
        syn::PathArguments::None => Vec::new(),
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        syn::PathArguments::Parenthesized(_) => return None,
    };
    Some((last.ident.to_string(), args))
}

/// What `ty` implements, given what the generated models are known to implement so far.
fn traits_of(ty: &syn::Type, models: &BTreeMap<String, Traits>) -> Traits {
    let Some((ident, args)) = parts(ty) else {
        return NONE;
    };
    let own = match ident.as_str() {
        "Option" | "Vec" | "Box" => ALL,
        // The maps typify writes are ordered by key only when they are BTreeMaps.
        "BTreeMap" => ALL,
        "HashMap" => Traits {
            partial_eq: true,
            eq: true,
            hash: false,
        },
        _ => match models.get(&ident).copied().or_else(|| known(&ident)) {
            Some(t) => t,
            None => return NONE,
        },
    };
    args.iter().fold(own, |acc, arg| {
        let t = traits_of(arg, models);
        Traits {
            partial_eq: acc.partial_eq && t.partial_eq,
            eq: acc.eq && t.eq,
            hash: acc.hash && t.hash,
        }
    })
}

/// The field types of a struct or the payload types of an enum.
fn field_types(item: &syn::Item) -> Option<Vec<&syn::Type>> {
    match item {
        syn::Item::Struct(s) => Some(s.fields.iter().map(|f| &f.ty).collect()),
        syn::Item::Enum(e) => Some(
            e.variants
                .iter()
                .flat_map(|v| v.fields.iter().map(|f| &f.ty))
                .collect(),
        ),
        _ => None,
    }
}

fn name_and_attrs(item: &mut syn::Item) -> Option<(String, &mut Vec<syn::Attribute>)> {
    match item {
        syn::Item::Struct(s) => Some((s.ident.to_string(), &mut s.attrs)),
        syn::Item::Enum(e) => Some((e.ident.to_string(), &mut e.attrs)),
        _ => None,
    }
}

/// The derives already on an item.
fn derived(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        if let Ok(paths) = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) {
            out.extend(
                paths
                    .iter()
                    .filter_map(|p| p.segments.last().map(|s| s.ident.to_string())),
            );
        }
    }
    out
}

/// Adds `PartialEq`, `Eq` and `Hash` to the generated models that can have them.
pub fn derive_comparisons(items: &mut [syn::Item]) {
    // Start from "everything holds" and remove what a field disproves, until nothing changes.
    let mut models: BTreeMap<String, Traits> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            _ => None,
        })
        .map(|name| (name, ALL))
        .collect();
    loop {
        let mut changed = false;
        for item in items.iter() {
            let (Some(fields), Some(name)) = (
                field_types(item),
                match item {
                    syn::Item::Struct(s) => Some(s.ident.to_string()),
                    syn::Item::Enum(e) => Some(e.ident.to_string()),
                    _ => None,
                },
            ) else {
                continue;
            };
            let t = fields.iter().fold(ALL, |acc, ty| {
                let f = traits_of(ty, &models);
                Traits {
                    partial_eq: acc.partial_eq && f.partial_eq,
                    eq: acc.eq && f.eq && f.partial_eq,
                    hash: acc.hash && f.hash,
                }
            });
            if models.get(&name) != Some(&t) {
                models.insert(name, t);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for item in items.iter_mut() {
        let Some((name, attrs)) = name_and_attrs(item) else {
            continue;
        };
        let Some(t) = models.get(&name).copied() else {
            continue;
        };
        let have = derived(attrs);
        let mut add: Vec<syn::Ident> = Vec::new();
        for (wanted, holds) in [
            ("PartialEq", t.partial_eq),
            ("Eq", t.partial_eq && t.eq),
            ("Hash", t.partial_eq && t.eq && t.hash),
        ] {
            if holds && !have.iter().any(|h| h == wanted) {
                add.push(syn::Ident::new(wanted, proc_macro2::Span::call_site()));
            }
        }
        if add.is_empty() {
            continue;
        }
        // Into the item's first derive list when it has one, for a readable output.
        let first = attrs.iter_mut().find(|a| a.path().is_ident("derive"));
        let list = first.as_ref().and_then(|a| {
            a.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .ok()
        });
        match (first, list) {
            (Some(attr), Some(list)) => {
                let list = list.iter();
                *attr = syn::parse_quote!(#[derive(#(#list,)* #(#add),*)]);
            }
            _ => attrs.push(syn::parse_quote!(#[derive(#(#add),*)])),
        }
    }
}
