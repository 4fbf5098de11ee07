//! Phase 3, the ergonomic client (ARCHITECTURE.md, step 5): each operation of the model is
//! planned once as a [`Call`], from which small emitters build one output each: the async
//! method, its blocking twin, its `OPERATIONS` row, its `check_seed` and `call_operation` arms,
//! and `<Operation>Params` with its `Validate` impl. What the methods name of the layer is in
//! `crate::contract`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;

use super::emit::{doc_text, generic_args, is_path, option_of};
use super::model::{Operation, Place};
use super::rewrite::{Model, Rewritten};
use super::Result;

/// The generated `types` module: its structs, and its enums of one payload per variant (a
/// `oneOf` answer: typify's untagged enum), by name.
#[derive(Default)]
struct Types {
    structs: BTreeMap<String, syn::ItemStruct>,
    one_of: BTreeMap<String, Vec<(syn::Ident, syn::Type)>>,
}

/// One operation as every output built from it needs it.
struct Call<'a> {
    op: &'a Operation,
    /// The method's name.
    name: syn::Ident,
    /// progenitor's method.
    generated: syn::Ident,
    args: Vec<Arg>,
    /// What the method answers, and the closure that gets it from the decoded answer.
    value: syn::Type,
    accept: TokenStream,
}

struct Arg {
    ident: syn::Ident,
    kind: Kind,
}

enum Kind {
    /// A string path parameter, taken as `&str` and checked into this type (one segment).
    Segment(syn::Type),
    /// A request body, checked with `Validate`.
    Body(syn::Ident),
    /// A request body holding client fields (`x-client-fields`): the caller gives the rest as
    /// the struct `name`.
    Params {
        body: syn::ItemStruct,
        name: syn::Ident,
    },
    /// Anything else, as progenitor takes it.
    Plain(syn::Type),
}

impl Call<'_> {
    fn params(&self) -> Option<(&syn::ItemStruct, &syn::Ident)> {
        self.args.iter().find_map(|a| match &a.kind {
            Kind::Params { body, name } => Some((body, name)),
            _ => None,
        })
    }
}

/// The items to add: the `impl super::Client` blocks and tables, and the parameter structs
/// (for the `types` module) of operations whose body holds client fields.
pub fn client_methods(
    types: &[syn::Item],
    generated: &BTreeMap<String, syn::Signature>,
    spec: &Rewritten,
) -> Result<(Vec<syn::Item>, Vec<syn::Item>)> {
    let types = types_module(types);
    let (mut calls, ops) = (Vec::new(), &spec.spec.operations);
    for op in ops.iter().filter(|op| !op.credential_exchange) {
        let at = format!("operation {}", op.id);
        let sig = generated
            .get(&snake_case(&op.id))
            .ok_or_else(|| format!("{at}: progenitor generated no method"))?;
        calls.push(plan(op, sig, &types, spec).map_err(|e| format!("{at}: {e}"))?);
    }
    let methods: Vec<syn::ImplItemFn> = calls.iter().map(|c| async_method(c, spec)).collect();
    let blocking: Vec<_> = methods.iter().map(blocking_method).collect::<Result<_>>()?;
    let mut impls = vec![syn::parse_quote! {
        /// One method per operation of the spec.
        impl super::Client {
            #(#methods)*
        }
    }];
    impls.extend(credential_exchange(spec)?);
    impls.extend(body_escape_hatch(spec));
    let mut params = Vec::new();
    for (op, (body, name)) in calls.iter().filter_map(|c| Some((c.op, c.params()?))) {
        params.push(params_struct(op, body, name, spec));
        impls.extend(params_validate(body, name, spec));
    }
    impls.extend(tables(&calls, &blocking, spec));
    Ok((impls, params))
}

/// The blocking methods, `call_operation`, `check_seed` and `OPERATIONS`.
fn tables(calls: &[Call], blocking: &[syn::ImplItemFn], spec: &Rewritten) -> Vec<syn::Item> {
    let arms = calls.iter().map(|c| cli_arm(c, spec));
    let seeds = calls.iter().map(seed_arm);
    let requests = spec.spec.operations.iter().filter_map(request_arm);
    let rows = calls.iter().map(|c| operation_row(c, spec));
    let file: syn::File = syn::parse_quote! {
        /// One method per operation of the spec, blocking the calling thread (feature
        /// `blocking`).
        #[cfg(feature = "blocking")]
        impl super::blocking::Client {
            #(#blocking)*
        }

        // Any operation by its method name, with its arguments as text: what the command-line
        // tool runs, so that a spec's new operation is a command with no code of its own.
        #[cfg(feature = "cli")]
        #[doc(hidden)]
        impl super::Client {
            #[doc(hidden)]
            pub async fn call_operation(
                &self,
                name: &str,
                args: &crate::operation::Args,
            ) -> ::std::result::Result<crate::Response<::serde_json::Value>, crate::Error> {
                match name {
                    #(#arms)*
                    _ => ::std::result::Result::Err(crate::Error::invalid("operation", "is not an operation of this client")),
                }
            }
        }

        /// Whether a sandbox seed record's body decodes as what the operation returns (its
        /// `x-result`): `None` for an operation without a method.
        #[cfg(feature = "sandbox")]
        pub(crate) fn check_seed(
            operation: &str,
            body: &::serde_json::Value,
        ) -> ::std::option::Option<::std::result::Result<(), ::std::string::String>> {
            match operation {
                #(#seeds)*
                _ => ::std::option::Option::None,
            }
        }

        /// What a request body breaks of the operation's documented body (the sandbox's
        /// verdict on a request): `None` for an operation without a JSON body schema.
        #[cfg(feature = "sandbox")]
        pub(crate) fn check_request(
            operation: &str,
            body: &[u8],
        ) -> ::std::option::Option<crate::contract::Found> {
            match operation {
                #(#requests)*
                _ => ::std::option::Option::None,
            }
        }

        /// Every operation of the spec with a generated method, in path order.
        pub const OPERATIONS: &[crate::operation::Operation] = &[#(#rows),*];
    };
    file.items
}

/// The structs and `oneOf` enums of the generated `types` module, by name.
fn types_module(items: &[syn::Item]) -> Types {
    let mut types = Types::default();
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                types.structs.insert(s.ident.to_string(), s.clone());
            }
            syn::Item::Enum(e) => {
                let payload = |v: &syn::Variant| match &v.fields {
                    syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                        Some((v.ident.clone(), f.unnamed[0].ty.clone()))
                    }
                    _ => None,
                };
                if let Some(variants) = e.variants.iter().map(payload).collect() {
                    types.one_of.insert(e.ident.to_string(), variants);
                }
            }
            _ => {}
        }
    }
    types
}

/// progenitor's async methods on its `Client`, by name.
pub(super) fn generated_methods(file: &syn::File) -> BTreeMap<String, syn::Signature> {
    let mut found = BTreeMap::new();
    for item in &file.items {
        let syn::Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() || !is_path(&imp.self_ty, false, &["Client"]) {
            continue;
        }
        for item in &imp.items {
            if let syn::ImplItem::Fn(f) = item {
                if f.sig.asyncness.is_some() {
                    found.insert(f.sig.ident.to_string(), f.sig.clone());
                }
            }
        }
    }
    found
}

/// The operation as its outputs need it, from the model and progenitor's signature.
fn plan<'a>(
    op: &'a Operation,
    sig: &syn::Signature,
    types: &Types,
    spec: &Rewritten,
) -> Result<Call<'a>> {
    let mut args = Vec::new();
    for input in &sig.inputs {
        let syn::FnArg::Typed(arg) = input else {
            continue;
        };
        let syn::Pat::Ident(pat) = &*arg.pat else {
            return Err("a generated parameter is not a plain name".into());
        };
        let kind = kind(op, &pat.ident, &arg.ty, types, spec)?;
        args.push(Arg {
            ident: pat.ident.clone(),
            kind,
        });
    }
    let (accept, value) = accept(op, &success_type(sig)?, types, spec)?;
    let name = op.method_name.clone().unwrap_or_else(|| snake_case(&op.id));
    Ok(Call {
        op,
        name: format_ident!("{name}"),
        generated: sig.ident.clone(),
        args,
        value,
        accept,
    })
}

fn kind(
    op: &Operation,
    ident: &syn::Ident,
    ty: &syn::Type,
    types: &Types,
    spec: &Rewritten,
) -> Result<Kind> {
    let label = ident.to_string();
    let in_path = op.param(&label).is_some_and(|p| p.place == Place::Path);
    if let Some(target) = referent(ty).filter(|_| in_path) {
        // A string path parameter (or typify's newtype of a constrained one).
        if let Some(s) = types_struct(target, types).filter(|s| is_string_newtype(s)) {
            let name = &s.ident;
            return Ok(Kind::Segment(syn::parse_quote!(types::#name)));
        }
        if is_path(target, false, &["str"]) {
            return Ok(Kind::Segment(syn::parse_quote!(::std::string::String)));
        }
    }
    if label == "body" && op.body.is_some() {
        let target = referent(ty).ok_or("the body parameter is not a reference")?;
        let body = types_struct(target, types).ok_or("the body is not a generated struct")?;
        let client_fields = &spec.spec.client_fields;
        if !client_fields.iter().any(|f| field(body, f).is_some()) {
            return Ok(Kind::Body(body.ident.clone()));
        }
        let name = format_ident!("{}Params", super::rewrite::camel(&snake_case(&op.id)));
        return Ok(Kind::Params {
            body: body.clone(),
            name,
        });
    }
    let mut ty = ty.clone();
    ElideLifetimes.visit_type_mut(&mut ty);
    Ok(Kind::Plain(ty))
}

/// The body's fields the caller gives (all but the client's), in the body's order.
fn given_fields<'a>(
    body: &'a syn::ItemStruct,
    spec: &'a Rewritten,
) -> impl Iterator<Item = (&'a syn::Field, &'a syn::Ident)> {
    let client = &spec.spec.client_fields;
    body.fields.iter().filter_map(move |f| {
        let ident = f.ident.as_ref()?;
        (!client.iter().any(|c| ident == c)).then_some((f, ident))
    })
}

/// Emitter: the async method on the vendor's `Client`.
fn async_method(c: &Call, spec: &Rewritten) -> syn::ImplItemFn {
    let (mut inputs, mut checks) = (Vec::new(), Vec::new());
    for Arg { ident, kind } in &c.args {
        let label = ident.to_string();
        let (input, check) = match kind {
            Kind::Segment(owned) => (
                quote!(#ident: &str),
                quote!(let #ident: #owned = crate::contract::path_param(#label, #ident)?;),
            ),
            Kind::Body(body) => (
                quote!(body: &types::#body),
                quote!(crate::validation::check_request(body)?;),
            ),
            Kind::Params { name, .. } => (
                quote!(params: impl ::std::convert::Into<types::#name>),
                quote! {
                    let params: types::#name = params.into();
                    crate::validation::check_request(&params)?;
                },
            ),
            Kind::Plain(ty) => (quote!(#ident: #ty), quote!()),
        };
        inputs.push(input);
        checks.push(check);
    }
    let (name, value_ty, accept, op) = (&c.name, &c.value, &c.accept, op_literal(c.op));
    let (doc, send) = (docs(c.op, c.params().is_some(), spec), send(c, spec));
    syn::parse_quote! {
        #(#[doc = #doc])*
        pub async fn #name(&self, #(#inputs),*) -> ::std::result::Result<crate::Response<#value_ty>, crate::Error> {
            #(#checks)*
            let inner = &*self.inner;
            let op = #op;
            // The call's state, which the layer and the generated call share.
            let cx = &crate::contract::CallState::default();
            inner.transport.call(cx, &inner.policy, op, #send, #accept).await
        }
    }
}

/// The closure that sends one attempt through progenitor's call.
fn send(c: &Call, spec: &Rewritten) -> TokenStream {
    let generated = &c.generated;
    let args: Vec<TokenStream> = c
        .args
        .iter()
        .map(|Arg { ident, kind }| match kind {
            Kind::Segment(_) => quote!(&#ident),
            Kind::Body(_) => quote!(body),
            Kind::Params { .. } => quote!(&body),
            Kind::Plain(_) => quote!(::std::clone::Clone::clone(&#ident)),
        })
        .collect();
    let Some((body, _)) = c.params() else {
        return quote! { |_session| inner.generated.#generated(cx, #(#args),*) };
    };
    // The future owns the body; every other argument is bound first (a copy or a reference),
    // so that the closure can run once per attempt.
    let (mut binds, mut call) = (Vec::new(), Vec::new());
    for (i, (arg, expr)) in c.args.iter().zip(&args).enumerate() {
        let bound = format_ident!("arg{i}");
        if matches!(arg.kind, Kind::Params { .. }) {
            call.push(quote!(&body));
        } else {
            binds.push(quote!(let #bound = #expr;));
            call.push(quote!(#bound));
        }
    }
    let client = spec.spec.client_fields.iter().map(|f| format_ident!("{f}"));
    let given = given_fields(body, spec).map(|(_, ident)| ident);
    let body = &body.ident;
    quote! {
        |session| {
            let body = types::#body {
                #(#client: ::std::clone::Clone::clone(&session.#client),)*
                #(#given: ::std::clone::Clone::clone(&params.#given),)*
            };
            #(#binds)*
            async move { inner.generated.#generated(cx, #(#call),*).await }
        }
    }
}

/// The doc comment lines of the method: summary, description, the vendor's roles and breaking
/// changes (`x-roles`, `x-breaking-changes`), what the client fills in, idempotency.
fn docs(op: &Operation, fills: bool, spec: &Rewritten) -> Vec<String> {
    let summary = op.summary.as_deref().unwrap_or(&op.id);
    let (method, path) = (op.method.to_uppercase(), &op.path);
    let mut lines = vec![format!("{summary}: `{method} {path}`.")];
    if let Some(description) = &op.description {
        lines.push(String::new());
        lines.extend(description.trim_end().lines().map(str::to_owned));
    }
    lines.push(String::new());
    if !op.roles.is_empty() {
        lines.extend([
            format!("Roles allowed: {}.", op.roles.join(", ")),
            String::new(),
        ]);
    }
    match op.breaking_changes.as_deref() {
        Some([]) => lines.extend(["Breaking changes: none.".to_owned(), String::new()]),
        Some(changes) => {
            lines.extend(["Breaking changes:".to_owned(), String::new()]);
            lines.extend(
                changes
                    .iter()
                    .map(|(v, what)| format!("- API version {v}: {what}")),
            );
            lines.push(String::new());
        }
        None => {}
    }
    if !op.error_codes.is_empty() {
        lines.extend(["Error codes it may answer:".to_owned(), String::new()]);
        lines.extend(
            op.error_codes
                .iter()
                .map(|(code, what)| format!("- `{code}`: {what}")),
        );
        lines.push(String::new());
    }
    if fills {
        let names: Vec<String> = spec
            .spec
            .client_fields
            .iter()
            .map(|f| format!("`{f}`"))
            .collect();
        lines.push(format!(
            "The client fills in {} from its credentials.",
            names.join(" and ")
        ));
    }
    lines.push(if op.idempotent {
        "Idempotent: retried on any retryable failure, an attempt that timed out included."
            .to_owned()
    } else {
        "Not idempotent: repeated only when the server cannot have acted on the request.".to_owned()
    });
    lines.into_iter().map(|l| format!(" {l}")).collect()
}

/// Emitter: the blocking twin of a generated method: the same name, arguments, result and
/// docs, run to its end on the blocking client's runtime.
fn blocking_method(method: &syn::ImplItemFn) -> Result<syn::ImplItemFn> {
    let mut sig = method.sig.clone();
    sig.asyncness = None;
    let name = &sig.ident;
    let args = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Typed(t) => Some(match &*t.pat {
                syn::Pat::Ident(p) => Ok(p.ident.clone()),
                _ => Err(format!("method {name}: an argument is not a plain name")),
            }),
            syn::FnArg::Receiver(_) => None,
        })
        .collect::<Result<Vec<_>>>()?;
    let docs = method.attrs.iter().filter(|a| a.path().is_ident("doc"));
    Ok(syn::parse_quote! {
        #(#docs)*
        ///
        /// Blocks the calling thread until the call ends.
        pub #sig {
            self.block_on(self.as_async().#name(#(#args),*))
        }
    })
}

/// Emitter: the operation's arm of `call_operation`, which reads each argument from named text
/// values.
fn cli_arm(c: &Call, spec: &Rewritten) -> TokenStream {
    let (mut reads, mut passes) = (Vec::new(), Vec::new());
    for Arg { ident, kind } in &c.args {
        let label = ident.to_string();
        match kind {
            Kind::Segment(_) => {
                reads.push(quote!(let #ident: ::std::string::String = args.required(#label)?;));
                passes.push(quote!(&#ident));
            }
            Kind::Body(body) => {
                reads.push(quote!(let body: types::#body = args.required("body")?;));
                passes.push(quote!(&body));
            }
            Kind::Params { body, name } => {
                let fields = given_fields(body, spec).map(|(f, ident)| {
                    let (getter, text) = (getter(&f.ty), ident.to_string());
                    quote!(#ident: args.#getter(#text)?)
                });
                reads.push(quote!(let params = types::#name { #(#fields,)* };));
                passes.push(quote!(params));
            }
            Kind::Plain(ty) => {
                // Read as the owned value, passed as the method takes it.
                let owned = |t: &syn::Type| match is_path(t, false, &["str"]) {
                    true => quote!(::std::string::String),
                    false => quote!(#t),
                };
                let (read, pass) = match (option_of(ty), referent(option_of(ty).unwrap_or(ty))) {
                    (Some(_), Some(t)) => {
                        let t = owned(t);
                        (quote!(::std::option::Option<#t>), quote!(#ident.as_deref()))
                    }
                    (Some(t), None) => (quote!(::std::option::Option<#t>), quote!(#ident)),
                    (None, Some(t)) => (owned(t), quote!(&#ident)),
                    (None, None) => (quote!(#ty), quote!(#ident)),
                };
                let getter = getter(ty);
                reads.push(quote!(let #ident: #read = args.#getter(#label)?;));
                passes.push(pass);
            }
        }
    }
    let name = &c.name;
    let text = name.to_string();
    quote! {
        #text => {
            #(#reads)*
            crate::contract::to_json(self.#name(#(#passes),*).await?)
        }
    }
}

/// `optional` for an `Option`, else `required`: how the command line's arguments read a value.
fn getter(ty: &syn::Type) -> syn::Ident {
    match option_of(ty) {
        Some(_) => format_ident!("optional"),
        None => format_ident!("required"),
    }
}

/// Emitter: the operation's arm of `check_seed`.
fn seed_arm(c: &Call) -> TokenStream {
    let (id, value) = (&c.op.id, &c.value);
    quote! {
        #id => ::std::option::Option::Some(crate::contract::decodes::<#value>(body)),
    }
}

/// Emitter: the operation's arm of `check_request`, if its body is a named schema.
fn request_arm(op: &Operation) -> Option<TokenStream> {
    let (id, body) = (&op.id, format_ident!("{}", op.body.as_ref()?));
    Some(quote! {
        #id => ::std::option::Option::Some(crate::contract::body_departures::<types::#body>(body)),
    })
}

/// Emitter: the operation's row of `OPERATIONS`.
fn operation_row(c: &Call, spec: &Rewritten) -> TokenStream {
    let op = c.op;
    let mut rows = Vec::new();
    for Arg { ident, kind } in &c.args {
        let label = ident.to_string();
        match kind {
            Kind::Segment(_) => rows.push(param_row(op, &label, quote!(Path), true, None, None)),
            Kind::Body(_) => rows.push(param_row(op, "body", quote!(Body), true, None, None)),
            Kind::Params { body, .. } => {
                for (f, ident) in given_fields(body, spec) {
                    let text = ident.to_string();
                    let alias = spec
                        .property_aliases
                        .get(&(body.ident.to_string(), text.clone()));
                    let required = option_of(&f.ty).is_none();
                    let doc = first_doc_line(f);
                    rows.push(param_row(op, &text, quote!(Body), required, alias, doc));
                }
            }
            Kind::Plain(ty) => {
                let place = match op.param(&label).is_some_and(|p| p.place == Place::Path) {
                    true => quote!(Path),
                    false => quote!(Query),
                };
                let required = option_of(ty).is_none();
                rows.push(param_row(op, &label, place, required, None, None));
            }
        }
    }
    let (id, name, method) = (&op.id, c.name.to_string(), op.method.to_uppercase());
    let (path, summary) = (&op.path, op.summary.clone().unwrap_or_default());
    let (idempotent, aliases, result) = (op.idempotent, &op.cli_aliases, op.result.join("."));
    quote! {
        crate::operation::Operation {
            id: #id,
            name: #name,
            method: #method,
            path: #path,
            summary: #summary,
            idempotent: #idempotent,
            aliases: &[#(#aliases),*],
            params: &[#(#rows),*],
            result: #result,
        }
    }
}

/// One parameter of an `OPERATIONS` row; its description is `doc`, else the first line of the
/// spec parameter's.
fn param_row(
    op: &Operation,
    name: &str,
    place: TokenStream,
    required: bool,
    alias: Option<&String>,
    doc: Option<String>,
) -> TokenStream {
    let description = doc.unwrap_or_else(|| {
        let p = op
            .params
            .iter()
            .find(|p| p.name == name && p.place != Place::Header);
        let first = p.and_then(|p| p.description.lines().next());
        first.unwrap_or_default().trim().to_owned()
    });
    let alias = super::items::opt(alias);
    quote! {
        crate::operation::Param { name: #name, location: crate::operation::ParamIn::#place, required: #required, description: #description, alias: #alias }
    }
}

/// Emitter: `<Operation>Params`, the request body without the client's fields.
fn params_struct(
    op: &Operation,
    body: &syn::ItemStruct,
    name: &syn::Ident,
    spec: &Rewritten,
) -> syn::Item {
    let mut all_optional = true;
    let fields = given_fields(body, spec).map(|(f, _)| {
        all_optional &= option_of(&f.ty).is_some();
        let mut f = f.clone();
        f.attrs.retain(|a| a.path().is_ident("doc"));
        f.vis = syn::parse_quote!(pub);
        f
    });
    let fields: Vec<syn::Field> = fields.collect();
    let doc = format!(
        " The parameters of {}: its request body (`{}`) without what the client fills in.",
        op.id, body.ident
    );
    let default = all_optional.then(|| quote!(Default,));
    syn::parse_quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, #default PartialEq)]
        pub struct #name {
            #(#fields,)*
        }
    }
}

/// Emitter: the `Validate` impl of `<Operation>Params`: the body's rules for the fields the
/// caller gives.
fn params_validate(body: &syn::ItemStruct, name: &syn::Ident, spec: &Rewritten) -> Vec<syn::Item> {
    let names: Vec<String> = given_fields(body, spec)
        .map(|(_, i)| i.to_string())
        .collect();
    let body_model = spec.models.iter().find(|m| body.ident == m.name);
    let fields = body_model.into_iter().flat_map(|m| &m.fields);
    let one_of = body_model.map(|m| m.one_of_required.clone());
    let model = Model {
        name: name.to_string(),
        fields: fields.filter(|(f, _)| names.contains(f)).cloned().collect(),
        one_of_required: one_of
            .filter(|list| list.iter().all(|f| names.contains(f)))
            .unwrap_or_default(),
        not_null: Vec::new(),
        declared: Vec::new(),
    };
    super::items::validate_impls(&[model], &[])
}

/// `const CREDENTIAL_EXCHANGE`: the operation that issues the credential (at most one), as the
/// call path knows it; the vendor's policy sends it, and the call path names its spans after it.
fn credential_exchange(spec: &Rewritten) -> Result<Option<syn::Item>> {
    let ops = &spec.spec.operations;
    let mut exchanges = ops.iter().filter(|op| op.credential_exchange);
    let Some(op) = exchanges.next() else {
        return Ok(None);
    };
    if exchanges.next().is_some() {
        return Err("at most one operation may have x-credential-exchange".into());
    }
    let op = op_literal(op);
    Ok(Some(syn::parse_quote! {
        /// The operation that issues the credential (`x-credential-exchange`), as the call
        /// path knows it.
        pub(crate) const CREDENTIAL_EXCHANGE: crate::contract::Op = #op;
    }))
}

/// Emitter: the escape hatch of a vendor whose credentials travel in the body
/// (`x-client-fields`) and whose answers carry a status object (`x-answer-status`): `request`,
/// any method as `POST {base}/<method>` with the client fields filled in, and its blocking
/// twin. The method name's parameter is named after the vendor (`pdm_method`).
fn body_escape_hatch(spec: &Rewritten) -> Vec<syn::Item> {
    let (fields, Some(status)) = (&spec.spec.client_fields, &spec.spec.status_object) else {
        return Vec::new();
    };
    if fields.is_empty() {
        return Vec::new();
    }
    let vendor = spec.api.info.extensions.get("x-vendor-name");
    let vendor = vendor.and_then(|v| v.as_str()).unwrap_or("the vendor's");
    let prefix: String = vendor
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let param = format_ident!("{prefix}_method");
    let label = param.to_string();
    let property = spec.spec.answer_status.as_deref().unwrap_or_default();
    let schema = format_ident!("{}", status.schema);
    let names = fields.iter().map(|f| f.as_str());
    let idents = fields.iter().map(|f| format_ident!("{f}"));
    let said: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    let doc = format!(
        " Any {vendor} method, for one the spec does not cover yet: `POST {{base}}/<{label}>` with \
         `body` plus the client's {}, through this client's core (credentials obtained and \
         renewed, retries, timeouts, the size cap, [`Error`](crate::Error)). The answer's \
         `{property}` is checked like the documented methods' (a code other than {} is \
         [`Error::Api`](crate::Error::Api)); the rest of the answer decodes as `T`. \
         `idempotent`: whether repeating the method is safe (reads are); if not, it is repeated \
         only when the vendor cannot have acted on it.",
        said.join(" and "),
        status.ok.iter().map(i64::to_string).collect::<Vec<_>>().join(", "),
    );
    let file: syn::File = syn::parse_quote! {
        impl super::Client {
            #[doc = #doc]
            pub async fn request<T: ::serde::de::DeserializeOwned + ::std::marker::Send>(
                &self,
                #param: &str,
                body: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                idempotent: bool,
            ) -> ::std::result::Result<crate::Response<T>, crate::Error> {
                let inner = &*self.inner;
                let http = ::progenitor_client::ClientInfo::client(&inner.generated);
                let parts = (&inner.transport, &inner.policy, http, inner.base_url.as_str());
                crate::contract::post_method::<_, types::#schema, T, _>(
                    parts,
                    (#label, #param, #property),
                    body,
                    idempotent,
                    // The credentials in clear: this is where they are sent.
                    |session| ::std::result::Result::Ok(::std::vec![
                        #((#names, ::serde_json::to_value(crate::ExposeSecrets(&session.#idents))?),)*
                    ]),
                )
                .await
            }
        }

        #[cfg(feature = "blocking")]
        impl super::blocking::Client {
            /// [`request`](super::Client::request), blocking the calling thread.
            pub fn request<T: ::serde::de::DeserializeOwned + ::std::marker::Send>(
                &self,
                #param: &str,
                body: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                idempotent: bool,
            ) -> ::std::result::Result<crate::Response<T>, crate::Error> {
                self.block_on(self.as_async().request(#param, body, idempotent))
            }
        }
    };
    file.items
}

/// The operation as the call path knows it (`crate::contract::Op`).
fn op_literal(op: &Operation) -> TokenStream {
    let (id, idempotent, method, path) =
        (&op.id, op.idempotent, op.method.to_uppercase(), &op.path);
    let answers = op.answers.iter().map(|a| {
        let (status, types) = (&a.status, &a.content_types);
        let headers = a
            .headers
            .iter()
            .map(|(name, values)| quote!((#name, &[#(#values),*])));
        quote!(crate::contract::Documented {
            status: #status,
            headers: &[#(#headers),*],
            content_types: &[#(#types),*],
        })
    });
    quote! {
        crate::contract::Op {
            name: #id,
            idempotent: #idempotent,
            method: #method,
            template: ::std::option::Option::Some(#path),
            answers: ::std::option::Option::Some(&[#(#answers),*]),
        }
    }
}

/// The closure that turns a decoded success answer into the method's value, and that value's
/// type: the vendor's status check (`x-answer-status`), then the `x-result` path. An answer of
/// several forms (`oneOf`) is reduced form by form to `x-result-schema`: a form that is it as
/// it is, another through its status and `x-result`.
fn accept(
    op: &Operation,
    answer: &syn::Type,
    types: &Types,
    spec: &Rewritten,
) -> Result<(TokenStream, syn::Type)> {
    let one_of = last_ident(answer)
        .and_then(|name| Some((name.clone(), types.one_of.get(&name.to_string())?)));
    let Some((name, forms)) = one_of else {
        let Some(current) = types_struct(answer, types) else {
            // A list or a plain value (`type: array`): the answer is the value as it is.
            if !op.result.is_empty() {
                return Err("x-result: the answer is not a generated object".into());
            }
            let mut value_ty = answer.clone();
            Qualify(types).visit_type_mut(&mut value_ty);
            let accept = quote! {
                |answer: #value_ty, _meta: &crate::ResponseMeta| ::std::result::Result::Ok(answer)
            };
            return Ok((accept, value_ty));
        };
        let (steps, value_ty) = reduce(op, current, types, spec)?;
        let name = &current.ident;
        let meta = format_ident!("{}", if steps.is_empty() { "_meta" } else { "meta" });
        let accept = quote! {
            |answer: types::#name, #meta: &crate::ResponseMeta| {
                #(#steps)*
                ::std::result::Result::Ok(answer)
            }
        };
        return Ok((accept, value_ty));
    };
    let target = op
        .result_schema
        .as_ref()
        .ok_or("its answer has several forms (oneOf): x-result-schema must name what each is")?;
    let target_ty: syn::Type = {
        let ident = format_ident!("{target}");
        syn::parse_quote!(types::#ident)
    };
    let mut arms = Vec::new();
    for (variant, payload) in forms {
        let form = types_struct(payload, types)
            .ok_or_else(|| format!("a form of {name} is not a generated object"))?;
        if form.ident == target {
            arms.push(quote!(types::#name::#variant(answer) => answer,));
            continue;
        }
        let (steps, ty) = reduce(op, form, types, spec)?;
        if last_ident(&ty) != last_ident(&target_ty) {
            return Err(format!(
                "x-result: the form {} of {name} does not reduce to {target}",
                form.ident
            ));
        }
        arms.push(quote!(types::#name::#variant(answer) => { #(#steps)* answer }));
    }
    let accept = quote! {
        |answer: types::#name, meta: &crate::ResponseMeta| {
            let _ = meta;
            ::std::result::Result::Ok(match answer { #(#arms)* })
        }
    };
    Ok((accept, target_ty))
}

/// The last segment's name of a path type.
fn last_ident(ty: &syn::Type) -> Option<&syn::Ident> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| &s.ident),
        _ => None,
    }
}

/// The steps from one decoded answer object to the method's value (the status check, then
/// the `x-result` path), and the value's type.
fn reduce<'a>(
    op: &Operation,
    mut current: &'a syn::ItemStruct,
    types: &'a Types,
    spec: &Rewritten,
) -> Result<(Vec<TokenStream>, syn::Type)> {
    let name = &current.ident;
    let mut steps = Vec::new();
    if let Some(status) = &spec.spec.answer_status {
        if field(current, status).is_some() {
            let status = format_ident!("{status}");
            steps.push(quote!(crate::contract::AnswerStatus::answer_status(&inner.policy, &answer.#status, meta)?;));
        }
    }
    let mut value_ty: syn::Type = syn::parse_quote!(types::#name);
    for (i, segment) in op.result.iter().enumerate() {
        let walked = op.result[..=i].join(".");
        let f = field(current, segment)
            .ok_or_else(|| format!("x-result: {} has no property {segment}", current.ident))?;
        let ident = format_ident!("{segment}");
        value_ty = f.ty.clone();
        if let Some(inner) = option_of(&f.ty) {
            steps.push(quote! {
                let answer = answer.#ident.ok_or_else(|| crate::contract::missing_result(#walked, meta))?;
            });
            value_ty = inner.clone();
        } else {
            steps.push(quote!(let answer = answer.#ident;));
        }
        Qualify(types).visit_type_mut(&mut value_ty);
        if i + 1 < op.result.len() {
            current = types_struct(&value_ty, types)
                .ok_or_else(|| format!("x-result: {walked} is not a generated object"))?;
        }
    }
    Ok((steps, value_ty))
}

/// `T` of `Result<ResponseValue<T>, Error<E>>`.
pub(super) fn success_type(sig: &syn::Signature) -> Result<syn::Type> {
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return Err("the generated method returns nothing".into());
    };
    let first_arg = |ty: &syn::Type, name: &str| match generic_args(ty, name)?.first()? {
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    };
    first_arg(ty, "Result")
        .and_then(|rv| first_arg(&rv, "ResponseValue"))
        .ok_or_else(|| "the generated method does not return Result<ResponseValue<T>, _>".into())
}

/// `getCustomerLocation` → `get_customer_location`, `GetSessionToken` → `get_session_token`.
pub fn snake_case(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '-' || c == ' ' || c == '.' {
            out.push('_');
            continue;
        }
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push('_');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// `'a` → `'_`: the ergonomic method has no lifetime parameters of its own.
struct ElideLifetimes;

impl VisitMut for ElideLifetimes {
    fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
        *l = syn::Lifetime::new("'_", l.span());
    }
}

/// `Name` of the `types` module as `types::Name`, wherever it appears in `ty`.
struct Qualify<'a>(&'a Types);

impl VisitMut for Qualify<'_> {
    fn visit_type_path_mut(&mut self, p: &mut syn::TypePath) {
        syn::visit_mut::visit_type_path_mut(self, p);
        if p.qself.is_none() && p.path.leading_colon.is_none() && p.path.segments.len() == 1 {
            let ident = &p.path.segments[0].ident;
            if self.0.structs.contains_key(&ident.to_string())
                || self.0.one_of.contains_key(&ident.to_string())
            {
                p.path = syn::parse_quote!(types::#p);
            }
        }
    }
}

/// `types::Name` (or `Name`) → `Name`, if it is a struct of the `types` module.
fn types_struct<'a>(ty: &syn::Type, types: &'a Types) -> Option<&'a syn::ItemStruct> {
    let syn::Type::Path(p) = ty else { return None };
    let segments: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    match segments.as_slice() {
        [types_mod, name] if types_mod == "types" => types.structs.get(name),
        [name] => types.structs.get(name),
        _ => None,
    }
}

/// A struct holding one `::std::string::String` (a constrained string schema: typify's newtype).
fn is_string_newtype(s: &syn::ItemStruct) -> bool {
    match &s.fields {
        syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => {
            is_path(&f.unnamed[0].ty, true, &["std", "string", "String"])
        }
        _ => false,
    }
}

/// `&'a T` → `T`.
fn referent(ty: &syn::Type) -> Option<&syn::Type> {
    match ty {
        syn::Type::Reference(r) => Some(&r.elem),
        _ => None,
    }
}

/// The first line of a field's doc comment.
fn first_doc_line(f: &syn::Field) -> Option<String> {
    f.attrs.iter().find_map(|a| {
        let text = doc_text(a)?;
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_owned)
    })
}

fn field<'a>(s: &'a syn::ItemStruct, name: &str) -> Option<&'a syn::Field> {
    s.fields
        .iter()
        .find(|f| f.ident.as_ref().is_some_and(|i| i == name))
}
