//! Phase 3: progenitor's output edited as a `syn` tree and completed with the items built by
//! `quote!` ([`super::methods`], [`super::items`]), then formatted. Every match on progenitor's
//! output is structural (paths, patterns, attribute arguments), never on token text.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use syn::visit_mut::VisitMut;

use super::rewrite::{Rename, Rewritten};
use super::Result;
use super::{items, methods};

/// progenitor's tokens in, the formatted source out.
pub fn emit(tokens: TokenStream, spec: &Rewritten) -> Result<String> {
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    add_renamed_decoders(&mut file, &spec.renames)?;
    let not_null = spec.models.iter().flat_map(|m| {
        let fields = m.not_null.iter();
        fields.map(|f| (m.name.clone(), f.clone()))
    });
    let mut lean = Lean {
        not_null: not_null.collect(),
        current: String::new(),
    };
    lean.visit_file_mut(&mut file);
    let generated = methods::generated_methods(&file);
    let (impls, params) = methods::client_methods(types_items(&mut file)?, &generated, spec)?;
    send_with_call_state(&mut file)?;
    // What the vendor's hand-written credential policy returns (PDM's GetSessionToken answer)
    // is met by apps too.
    let sigs = spec.spec.operations.iter().filter_map(|op| {
        op.credential_exchange
            .then(|| generated.get(&methods::snake_case(&op.id)))?
    });
    let exchanged: Vec<syn::Type> = sigs.map(methods::success_type).collect::<Result<_>>()?;
    let types = types_items(&mut file)?;
    types.extend(params);
    add_schema_notes(types, spec);
    super::compare::derive_comparisons(types);
    hide_unreachable(types, &impls, &exchanged);
    let one_of = items::one_of_validate_impls(types);
    let declared = items::declared_fns(&spec.models, &spec.replacements, &spec.renames);
    super::strict::add_declared_impls(types, &declared)?;
    let validate = items::validate_impls(&spec.models, &spec.replacements);
    let spec_module = items::spec_module(&spec.spec, &spec.enums, &spec.open_enums);
    file.items.extend(impls);
    // progenitor's hooks, which its client requires; no generated call uses them (see
    // `send_with_call_state`).
    file.items.push(syn::parse_quote! {
        /// progenitor's defaults: the generated calls send through the shared transport.
        impl progenitor_client::ClientHooks<()> for Client {}
    });
    file.items.extend(validate);
    file.items.extend(one_of);
    file.items.push(spec_module);
    Ok(prettyplease::unparse(&file))
}

/// The schemas' notes (`x-status-codes`, `x-known-values`) at the end of the docs of their
/// generated type or, for a schema replaced by a hand-written type, of every field of that type.
fn add_schema_notes(types: &mut [syn::Item], spec: &Rewritten) {
    for (schema, lines) in &spec.spec.schema_notes {
        let replaced = spec.replacements.iter().find(|(n, _)| n == schema);
        for item in types.iter_mut() {
            let syn::Item::Struct(s) = item else { continue };
            match replaced {
                None if s.ident == schema => add_doc(&mut s.attrs, lines),
                Some((_, path)) => {
                    let path: Vec<&str> = path.split("::").collect();
                    for f in s.fields.iter_mut() {
                        if is_path(option_of(&f.ty).unwrap_or(&f.ty), false, &path) {
                            add_doc(&mut f.attrs, lines);
                        }
                    }
                }
                None => {}
            }
        }
    }
}

/// `lines` as a paragraph after the item's last doc comment (or as its doc comment).
fn add_doc(attrs: &mut Vec<syn::Attribute>, lines: &[String]) {
    match attrs.iter().rposition(|a| doc_text(a).is_some()) {
        Some(i) => {
            let doc = format!(
                "{}\n\n{}\n",
                doc_text(&attrs[i]).unwrap_or_default().trim_end(),
                lines.join("\n")
            );
            attrs[i] = syn::parse_quote!(#[doc = #doc]);
        }
        None => {
            let docs = lines.iter().map(|l| format!(" {l}"));
            attrs.splice(
                0..0,
                docs.map(|d| -> syn::Attribute { syn::parse_quote!(#[doc = #d]) }),
            );
        }
    }
}

/// The text of a `#[doc = ".."]` attribute.
pub(super) fn doc_text(attr: &syn::Attribute) -> Option<String> {
    let syn::Meta::NameValue(nv) = &attr.meta else {
        return None;
    };
    match &nv.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) if nv.path.is_ident("doc") => Some(s.value()),
        _ => None,
    }
}

/// Hides from the docs the models an app never meets: those no client method takes or returns,
/// directly or through a field (envelopes, request bodies the methods build, error bodies the
/// layer reads, the newtypes of path parameters the methods take as `&str`). They stay public
/// for the layer and the generated calls; `#[doc(hidden)]` marks them as no part of the API.
fn hide_unreachable(types: &mut [syn::Item], client: &[syn::Item], also: &[syn::Type]) {
    /// Every `types::X` (or bare `X`) path segment named in a type.
    struct Names<'a>(&'a mut std::collections::BTreeSet<String>);
    impl syn::visit::Visit<'_> for Names<'_> {
        fn visit_path_segment(&mut self, segment: &syn::PathSegment) {
            self.0.insert(segment.ident.to_string());
            syn::visit::visit_path_segment(self, segment);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for item in client {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        for member in &block.items {
            if let syn::ImplItem::Fn(f) = member {
                // `#[doc(hidden)]`
                let hidden = f.attrs.iter().any(|a| {
                    a.path().is_ident("doc")
                        && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "hidden")
                });
                if matches!(f.vis, syn::Visibility::Public(_)) && !hidden {
                    syn::visit::Visit::visit_signature(&mut Names(&mut seen), &f.sig);
                }
            }
        }
    }
    for ty in also {
        syn::visit::Visit::visit_type(&mut Names(&mut seen), ty);
    }
    // Through the fields of what is reached, until nothing new is.
    loop {
        let before = seen.len();
        for item in types.iter() {
            if let syn::Item::Struct(s) = item {
                if seen.contains(&s.ident.to_string()) {
                    for field in &s.fields {
                        syn::visit::Visit::visit_type(&mut Names(&mut seen), &field.ty);
                    }
                }
            }
        }
        if seen.len() == before {
            break;
        }
    }
    for item in types.iter_mut() {
        if let syn::Item::Struct(s) = item {
            if !seen.contains(&s.ident.to_string()) {
                s.attrs.push(syn::parse_quote!(#[doc(hidden)]));
            }
        }
    }
}

/// The items of the generated `types` module.
fn types_items(file: &mut syn::File) -> Result<&mut Vec<syn::Item>> {
    file.items
        .iter_mut()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "types" => {
                // progenitor's "Types used as operation parameters and responses." goes: the
                // vendor module's re-export says what they are, from the spec.
                m.attrs.retain(|a| !a.path().is_ident("doc"));
                m.content.as_mut().map(|(_, items)| items)
            }
            _ => None,
        })
        .ok_or_else(|| "generated code has no types module".to_owned())
}

/// A schema with a renamed property decodes through a private twin that reads both names:
/// a body carrying both (a rename in transition) is accepted when they agree and refused, naming
/// both, when they differ. serde's `alias` would refuse every body carrying both as a duplicate.
fn add_renamed_decoders(file: &mut syn::File, renames: &[Rename]) -> Result<()> {
    let mut by_schema: BTreeMap<&str, Vec<&Rename>> = BTreeMap::new();
    for rename in renames {
        by_schema.entry(&rename.schema).or_default().push(rename);
    }
    let types = types_items(file)?;
    for (schema, renames) in by_schema {
        let model = types
            .iter_mut()
            .find_map(|item| match item {
                syn::Item::Struct(s) if s.ident == schema => Some(s),
                _ => None,
            })
            .ok_or_else(|| format!("schema {schema}: generated struct not found"))?;
        let (decoder, merged, wire) = renamed_decoder(model, &renames)
            .map_err(|e| format!("schema {schema}: {e} (x-renamed-from)"))?;
        types.push(syn::Item::Struct(wire));
        types.push(syn::Item::Impl(decoder));
        types.push(syn::Item::Impl(merged));
    }
    Ok(())
}

/// The twin of `model` that derives `Deserialize` (which `model` loses) and has every field
/// as `model` declares it.
fn wire_twin(model: &mut syn::ItemStruct) -> Result<syn::ItemStruct> {
    let mut wire = model.clone();
    wire.ident = format_ident!("{}Wire", model.ident);
    wire.vis = syn::Visibility::Inherited;
    wire.attrs = model
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .cloned()
        .collect();
    wire.attrs
        .insert(0, syn::parse_quote!(#[derive(::serde::Deserialize)]));
    wire.attrs.insert(
        0,
        syn::parse_quote!(#[doc = " What the body carries, before renamed fields are merged."]),
    );
    let mut derives_deserialize = false;
    for attr in model.attrs.iter_mut() {
        let Some(list) = super::compare::derive_list(attr) else {
            continue;
        };
        let list = list.map_err(|e| e.to_string())?;
        let kept: Vec<&syn::Path> = list
            .iter()
            .filter(|p| p.segments.last().is_none_or(|s| s.ident != "Deserialize"))
            .collect();
        derives_deserialize |= kept.len() < list.len();
        *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
    }
    if !derives_deserialize {
        return Err("the generated struct does not derive Deserialize".into());
    }
    Ok(wire)
}

/// Takes `Deserialize` off `model` and returns its hand-built impl, the merge of the twin it
/// reads, and that twin.
fn renamed_decoder(
    model: &mut syn::ItemStruct,
    renames: &[&Rename],
) -> Result<(syn::ItemImpl, syn::ItemImpl, syn::ItemStruct)> {
    let mut wire = wire_twin(model)?;
    let syn::Fields::Named(fields) = &mut wire.fields else {
        return Err("the generated struct has no named fields".into());
    };
    let (mut plain, mut merges, mut olds) = (Vec::new(), Vec::new(), Vec::new());
    for field in fields.named.iter_mut() {
        field.attrs.retain(|a| !a.path().is_ident("doc"));
        let ident = field.ident.clone().ok_or("a field without a name")?;
        let Some(rename) = renames.iter().find(|r| ident == r.new) else {
            plain.push(ident);
            continue;
        };
        if !field.attrs.is_empty() {
            return Err(format!("field {ident} carries serde attributes"));
        }
        let ty = field.ty.clone();
        field.ty = syn::parse_quote!(::std::option::Option<#ty>);
        field.attrs.push(syn::parse_quote!(#[serde(default)]));
        olds.push(syn::Field {
            attrs: vec![syn::parse_quote!(#[serde(default)])],
            ident: Some(format_ident!("{}", rename.old)),
            ..field.clone()
        });
        merges.push(merge(rename));
        let (new, old) = (&rename.new, &rename.old);
        let since = match &rename.since {
            Some(version) => format!(" (renamed in API version {version})"),
            None => String::new(),
        };
        let doc = format!(
            " Decodes from `{new}` and from its former name `{old}`{since}: one field, whichever \
             API version answered; a body carrying both must carry the same value in both."
        );
        if let Some(target) = model
            .fields
            .iter_mut()
            .find(|f| f.ident.as_ref() == Some(&ident))
        {
            target.attrs.push(syn::parse_quote!(#[doc = ""]));
            target.attrs.push(syn::parse_quote!(#[doc = #doc]));
        }
    }
    if merges.len() != renames.len() {
        return Err("a renamed field is missing from the generated struct".into());
    }
    fields.named.extend(olds);
    let (name, wire_name) = (&model.ident, &wire.ident);
    let renamed = renames.iter().map(|r| format_ident!("{}", r.new));
    let decoder = syn::parse_quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                Self::merged(<#wire_name as ::serde::Deserialize>::deserialize(deserializer)?)
            }
        }
    };
    let merged = syn::parse_quote! {
        impl #name {
            /// The body's fields with each renamed pair merged (the strict decoder reads the
            /// body too).
            fn merged<E: ::serde::de::Error>(wire: #wire_name) -> ::std::result::Result<Self, E> {
                #(#merges)*
                ::std::result::Result::Ok(Self {
                    #(#plain: wire.#plain,)*
                    #(#renamed,)*
                })
            }
        }
    };
    Ok((decoder, merged, wire))
}

/// The statement that merges a renamed pair of the twin into the new field.
fn merge(rename: &Rename) -> TokenStream {
    let (new, old) = (&rename.new, &rename.old);
    let (ident, old_ident) = (format_ident!("{new}"), format_ident!("{old}"));
    // Message texts (string literals of the generated code), not Rust source.
    let differ = format!(
        "`{new}` ({{:?}}) and its former name `{old}` ({{:?}}) differ: a body \
         carrying both must carry the same value in both"
    );
    let missing = format!("missing field `{new}` (or its former name `{old}`)");
    quote! {
        let #ident = match (wire.#ident, wire.#old_ident) {
            (::std::option::Option::Some(new), ::std::option::Option::Some(old)) if new != old => {
                return ::std::result::Result::Err(E::custom(
                    format_args!(#differ, new, old),
                ));
            }
            (::std::option::Option::Some(value), _) | (::std::option::Option::None, ::std::option::Option::Some(value)) => value,
            (::std::option::Option::None, ::std::option::Option::None) => {
                return ::std::result::Result::Err(E::custom(#missing));
            }
        };
    }
}

/// Every call progenitor generated sends through the shared transport with the call's state,
/// which it takes as its first argument (`cx: &crate::contract::CallState`): its
/// `self.exec(request, &info)` becomes `crate::contract::exec(&self.client, request, cx)`,
/// and the no-op `pre` and `post` hooks and the `OperationInfo` they read go. The state is
/// passed, not kept in a task-local, because entering a task-local costs on every poll.
fn send_with_call_state(file: &mut syn::File) -> Result<()> {
    /// `self.<name>(..)`, under any `?` and `.await`.
    fn is_self_call(expr: &syn::Expr, name: &str) -> bool {
        match expr {
            syn::Expr::Try(e) => is_self_call(&e.expr, name),
            syn::Expr::Await(e) => is_self_call(&e.base, name),
            syn::Expr::MethodCall(call) => {
                call.method == name
                    && matches!(&*call.receiver, syn::Expr::Path(p) if p.path.is_ident("self"))
            }
            _ => false,
        }
    }
    let mut rewritten = 0;
    for item in &mut file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let is_client = matches!(&*block.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"));
        if block.trait_.is_some() || !is_client {
            continue;
        }
        for item in &mut block.items {
            let syn::ImplItem::Fn(f) = item else { continue };
            let mut sends = 0;
            f.block.stmts.retain_mut(|stmt| match stmt {
                syn::Stmt::Local(local) => {
                    let Some(init) = &mut local.init else {
                        return true;
                    };
                    let info = matches!(&*init.expr, syn::Expr::Struct(s) if s.path.is_ident("OperationInfo"));
                    if is_self_call(&init.expr, "exec") {
                        sends += 1;
                        *init.expr = syn::parse_quote!(
                            crate::contract::exec(&self.client, request, cx).await
                        );
                    }
                    !info
                }
                syn::Stmt::Expr(expr, _) => {
                    !(is_self_call(expr, "pre") || is_self_call(expr, "post"))
                }
                _ => true,
            });
            match sends {
                0 => continue,
                1 => {}
                _ => return Err(format!("`{}` sends more than once", f.sig.ident)),
            }
            let at = usize::from(f.sig.receiver().is_some());
            f.sig
                .inputs
                .insert(at, syn::parse_quote!(cx: &crate::contract::CallState));
            rewritten += 1;
        }
    }
    if rewritten == 0 {
        return Err("no generated call sends with `self.exec(request, &info)`".into());
    }
    Ok(())
}

/// Takes out of every generated call what the layer does not use: the `api-version` header
/// map (the vendors' version header is the layer's), and the copy of the response headers
/// `ResponseValue::from_response` makes (the layer records what it needs in `exec`); points
/// path encoding at the layer's encoder; points `NaiveDate` fields at the layer's direct
/// date decoder; points the optional fields the spec does not mark `nullable` at the layer's
/// decoder that notes a `null` (a departure from the spec); and sends JSON bodies through
/// `crate::ExposeSecrets`, the only place their secrets serialize in clear.
struct Lean {
    /// `(schema, property)`: optional and not `nullable`.
    not_null: std::collections::BTreeSet<(String, String)>,
    /// The struct whose fields are being visited.
    current: String,
}

impl VisitMut for Lean {
    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        self.current = item.ident.to_string();
        syn::visit_mut::visit_item_struct_mut(self, item);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        // `let mut header_map = ..;` and `header_map.append(..);` go. The builder chain that
        // uses the map stays (its `.headers(header_map)` goes in `visit_expr_mut`).
        block.stmts.retain(|stmt| !builds_header_map(stmt));
        syn::visit_mut::visit_block_mut(self, block);
    }

    /// progenitor's path encoder leaves `\\` as is, which URL parsing reads as `/` for http(s):
    /// a path parameter could climb out of its segment. Its import goes, replaced by the
    /// layer's encoder, `PathSegment` (the calls are rewritten in `visit_macro_mut`):
    /// `use progenitor_client::{encode_path, ..}` becomes
    /// `use {progenitor_client::{..}, crate::contract::PathSegment as _}`.
    fn visit_item_use_mut(&mut self, item: &mut syn::ItemUse) {
        if let syn::UseTree::Path(path) = &mut item.tree {
            if path.ident == "progenitor_client" {
                if let syn::UseTree::Group(group) = &mut *path.tree {
                    let before = group.items.len();
                    group.items = std::mem::take(&mut group.items)
                        .into_iter()
                        .filter(|t| !matches!(t, syn::UseTree::Name(n) if n.ident == "encode_path"))
                        .collect();
                    if group.items.len() != before {
                        let rest = item.tree.clone();
                        item.tree = syn::parse_quote!({ #rest, crate::contract::PathSegment as _ });
                    }
                }
            }
        }
    }

    /// `encode_path(&x.to_string())` in the URL's `format!` becomes `x.path_segment()`: the
    /// layer's encoder writes the value as it encodes it, with no string in between.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if mac.path.is_ident("format") {
            type Args = syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>;
            if let Ok(mut args) = mac.parse_body_with(Args::parse_terminated) {
                let mut changed = false;
                for arg in args.iter_mut() {
                    let syn::Expr::Call(call) = arg else { continue };
                    let is_encoder =
                        matches!(&*call.func, syn::Expr::Path(p) if p.path.is_ident("encode_path"));
                    if !is_encoder || call.args.len() != 1 {
                        continue;
                    }
                    let value = match &call.args[0] {
                        syn::Expr::Reference(r) => match &*r.expr {
                            syn::Expr::MethodCall(m)
                                if m.method == "to_string" && m.args.is_empty() =>
                            {
                                Some(m.receiver.clone())
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    if let Some(value) = value {
                        *arg = syn::parse_quote!(#value.path_segment());
                        changed = true;
                    }
                }
                if changed {
                    mac.tokens = args.to_token_stream();
                }
            }
        }
        syn::visit_mut::visit_macro_mut(self, mac);
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        // chrono's `NaiveDate` decoder runs its general format parser; the layer's reads the
        // vendors' `YYYY-MM-DD` directly and hands anything else to chrono.
        if is_naive_date(&field.ty) {
            field.attrs.push(syn::parse_quote!(
                #[serde(deserialize_with = "crate::timestamp::date_serde::required")]
            ));
        } else if let Some(decoder) = option_of(&field.ty).and_then(|inner| {
            // `""` in an optional date or date-time is an unset field (PDM's docs), not a
            // broken date: these decoders read it as `None`.
            if is_naive_date(inner) {
                Some("crate::timestamp::date_serde::optional")
            } else if is_path(inner, false, &["crate", "Timestamp"]) {
                Some("crate::timestamp::timestamp_serde::optional")
            } else {
                None
            }
        }) {
            // A required nullable field already goes through `Option::deserialize` (present,
            // maybe null); it keeps being required. Any other optional field may be absent.
            let before = field.attrs.len();
            field
                .attrs
                .retain(|a| !is_serde_deserialize_with(a, "::std::option::Option::deserialize"));
            let default = (field.attrs.len() == before).then(|| quote!(default,));
            let attr = syn::parse_quote!(#[serde(#default deserialize_with = #decoder)]);
            field.attrs.push(attr);
        } else if option_of(&field.ty).is_some() {
            let name = field.ident.as_ref().map(ToString::to_string);
            let key = (self.current.clone(), name.unwrap_or_default());
            if self.not_null.contains(&key) {
                // With a decoder of its own, a field that may be absent needs `default`.
                let default = (!has_serde_default(&field.attrs)).then(|| quote!(default,));
                let decoder = "crate::contract::not_null";
                let attr = syn::parse_quote!(#[serde(#default deserialize_with = #decoder)]);
                field.attrs.push(attr);
            }
        }
        syn::visit_mut::visit_field_mut(self, field);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::MethodCall(call) = expr {
            let only_header_map = call.args.len() == 1 && is_header_map(&call.args[0]);
            if call.method == "headers" && only_header_map {
                *expr = (*call.receiver).clone();
                return self.visit_expr_mut(expr);
            }
            // A secret serializes redacted but in the body that sends it.
            if call.method == "json" && call.args.len() == 1 && !is_exposed(&call.args[0]) {
                let body = &call.args[0];
                call.args[0] = syn::parse_quote!(&crate::ExposeSecrets(#body));
            }
        }
        // `ResponseValue::from_response(response)` decodes with the call's state (its check
        // against the spec).
        if let syn::Expr::Call(call) = expr {
            if let syn::Expr::Path(p) = &*call.func {
                let segments = p.path.segments.iter().map(|s| s.ident.to_string());
                if segments.eq(["ResponseValue", "from_response"]) {
                    let args = &call.args;
                    *expr = syn::parse_quote!(crate::contract::response_value(#args, cx));
                    return;
                }
            }
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }
}

/// `&crate::ExposeSecrets(..)`, once the visitor has wrapped a body in it.
fn is_exposed(expr: &syn::Expr) -> bool {
    let syn::Expr::Reference(r) = expr else {
        return false;
    };
    let syn::Expr::Call(call) = &*r.expr else {
        return false;
    };
    matches!(&*call.func, syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "ExposeSecrets"))
}

/// The expression `header_map`.
fn is_header_map(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::Path(p) if p.qself.is_none() && p.path.is_ident("header_map"))
}

/// A statement that builds progenitor's per-call header map: a `let` binding `header_map`, or a
/// method call on it (`header_map.append(..)`).
fn builds_header_map(stmt: &syn::Stmt) -> bool {
    match stmt {
        syn::Stmt::Local(local) => {
            let mut pat = &local.pat;
            if let syn::Pat::Type(typed) = pat {
                pat = &typed.pat;
            }
            matches!(pat, syn::Pat::Ident(p) if p.ident == "header_map")
        }
        syn::Stmt::Expr(syn::Expr::MethodCall(call), _) => is_header_map(&call.receiver),
        _ => false,
    }
}

/// `ty` is the path `idents` (with a leading `::` if `leading`), with no generic arguments.
pub(super) fn is_path(ty: &syn::Type, leading: bool, idents: &[&str]) -> bool {
    let syn::Type::Path(p) = ty else {
        return false;
    };
    p.qself.is_none()
        && p.path.leading_colon.is_some() == leading
        && p.path.segments.len() == idents.len()
        && p.path
            .segments
            .iter()
            .zip(idents)
            .all(|(s, i)| s.ident == i && s.arguments.is_none())
}

/// `::chrono::naive::NaiveDate`, as typify writes `format: date`.
fn is_naive_date(ty: &syn::Type) -> bool {
    is_path(ty, true, &["chrono", "naive", "NaiveDate"])
}

/// `T` of `Option<T>`, as progenitor writes an optional argument, and of
/// `::std::option::Option<T>`, as typify writes an optional or nullable field.
pub(super) fn option_of(ty: &syn::Type) -> Option<&syn::Type> {
    match generic_args(ty, "Option")?.iter().collect::<Vec<_>>()[..] {
        [syn::GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

/// The generic arguments of a path type whose last segment is `name` (`Result<T, E>`).
pub(super) fn generic_args<'a>(
    ty: &'a syn::Type,
    name: &str,
) -> Option<&'a syn::punctuated::Punctuated<syn::GenericArgument, syn::Token![,]>> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last().filter(|s| s.ident == name)?;
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => Some(&args.args),
        _ => None,
    }
}

/// Whether a `#[serde(..)]` attribute says `default`.
fn has_serde_default(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .any(|a| {
            let mut found = false;
            let _ = a.parse_nested_meta(|meta| {
                found |= meta.path.is_ident("default");
                if meta.input.peek(syn::Token![=]) {
                    meta.value()?.parse::<syn::Expr>()?;
                }
                Ok(())
            });
            found
        })
}

/// `#[serde(deserialize_with = "<function>")]` and nothing else in the attribute.
fn is_serde_deserialize_with(attr: &syn::Attribute, function: &str) -> bool {
    if !attr.path().is_ident("serde") {
        return false;
    }
    let Ok(args) = attr.parse_args_with(
        syn::punctuated::Punctuated::<syn::MetaNameValue, syn::Token![,]>::parse_terminated,
    ) else {
        return false;
    };
    match args.iter().collect::<Vec<_>>()[..] {
        [arg] => {
            arg.path.is_ident("deserialize_with")
                && matches!(&arg.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) if s.value() == function)
        }
        _ => false,
    }
}
