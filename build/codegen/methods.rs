//! Phase 3, the ergonomic client: one method per spec operation on the vendor's `Client`
//! (`impl super::Client`, the module that includes the generated code), built from the
//! operation (`x-` extensions included) and from the signature progenitor generated for it.
//!
//! A generated method checks its input (path parameters are one non-dot segment; bodies and
//! parameter sets against their documented rules), then hands one closure that sends the
//! request and one that reads the answer to the vendor's transport
//! (`inner.transport.call(&inner.policy, ..)`), which applies the vendor's credentials, headers,
//! version check, retries and errors. What the vendor module provides, by name:
//! - `Client { inner: Arc<crate::client::Core<Policy, generated::Client>> }`, whose policy
//!   implements `crate::transport::VendorCall`;
//! - with `x-client-fields`: the attempt's session (`VendorCall::Session`) has one field per
//!   client field, cloned into each request body;
//! - with `x-answer-status`: `super::answer_status(&status, meta)`, which turns a success
//!   answer's status into the vendor's error.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;

use super::rewrite::{Model, Operation, Rewritten};
use super::Result;

/// The items to add: the `impl super::Client` block with the `Validate` impls of the parameter
/// structs, and those structs (for the `types` module), of operations whose body holds client
/// fields.
pub fn client_methods(
    file: &syn::File,
    spec: &Rewritten,
) -> Result<(Vec<syn::Item>, Vec<syn::Item>)> {
    let types = types_module(file)?;
    let generated = generated_methods(file);
    let mut methods = Vec::new();
    let mut params_structs = Vec::new();
    let mut impls = Vec::new();
    let (mut arms, mut rows, mut seed_arms) = (Vec::new(), Vec::new(), Vec::new());
    let exchanges: Vec<&Operation> = spec
        .operations
        .iter()
        .filter(|op| op.credential_exchange)
        .collect();
    if exchanges.len() > 1 {
        return Err("at most one operation may have x-credential-exchange".into());
    }
    for op in exchanges {
        // The vendor's credential policy sends it through the call path, which names its
        // spans after it.
        let (id, method, path) = (&op.id, op.method.to_uppercase(), &op.path);
        let idempotent = idempotent(op);
        impls.push(syn::parse_quote! {
            /// The operation that issues the credential (`x-credential-exchange`), as the call
            /// path knows it.
            pub(crate) const CREDENTIAL_EXCHANGE: crate::transport::Op = crate::transport::Op {
                name: #id,
                idempotent: #idempotent,
                method: #method,
                template: ::std::option::Option::Some(#path),
            };
        });
    }
    for op in spec.operations.iter().filter(|op| !op.credential_exchange) {
        let at = format!("operation {}", op.id);
        let generated_name = snake_case(&op.id);
        let sig = generated
            .get(generated_name.as_str())
            .ok_or_else(|| format!("{at}: progenitor generated no method `{generated_name}`"))?;
        let made = method(op, sig, &types, spec).map_err(|e| format!("{at}: {e}"))?;
        methods.push(made.item);
        arms.push(made.arm);
        rows.push(made.row);
        seed_arms.push(made.seed_arm);
        if let Some((params, validate)) = made.params {
            params_structs.push(params);
            impls.extend(validate);
        }
    }
    let blocking = methods
        .iter()
        .map(blocking_method)
        .collect::<Result<Vec<_>>>()?;
    impls.push(syn::parse_quote! {
        /// One method per operation of the spec, blocking the calling thread (feature
        /// `blocking`).
        #[cfg(feature = "blocking")]
        impl super::blocking::Client {
            #(#blocking)*
        }
    });
    impls.insert(
        0,
        syn::parse_quote! {
            /// One method per operation of the spec.
            impl super::Client {
                /// A builder with the defaults.
                pub fn builder() -> super::ClientBuilder {
                    ::std::default::Default::default()
                }

                #(#methods)*
            }
        },
    );
    impls.push(syn::parse_quote! {
        /// Any operation by its method name, with its arguments as text: what the command-line
        /// tool runs, so that a spec's new operation is a command with no code of its own.
        #[cfg(feature = "cli")]
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
    });
    impls.push(syn::parse_quote! {
        /// Whether a sandbox seed record's body decodes as what the operation returns (its
        /// `x-result`): `None` for an operation without a method.
        #[cfg(feature = "sandbox")]
        pub(crate) fn check_seed(
            operation: &str,
            body: &::serde_json::Value,
        ) -> ::std::option::Option<::std::result::Result<(), ::std::string::String>> {
            match operation {
                #(#seed_arms)*
                _ => ::std::option::Option::None,
            }
        }
    });
    impls.push(syn::parse_quote! {
        /// Every operation of the spec with a generated method, in path order.
        pub const OPERATIONS: &[crate::operation::Operation] = &[#(#rows),*];
    });
    Ok((impls, params_structs))
}

/// The structs of the generated `types` module, by name.
fn types_module(file: &syn::File) -> Result<BTreeMap<String, syn::ItemStruct>> {
    let items = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "types" => m.content.as_ref().map(|(_, i)| i),
            _ => None,
        })
        .ok_or("generated code has no types module")?;
    Ok(items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some((s.ident.to_string(), s.clone())),
            _ => None,
        })
        .collect())
}

/// The blocking twin of a generated method: the same name, arguments, result and docs, run to
/// its end on the blocking client's runtime.
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

/// progenitor's async methods on its `Client`, by name.
pub(super) fn generated_methods(file: &syn::File) -> BTreeMap<String, syn::Signature> {
    let mut found = BTreeMap::new();
    for item in &file.items {
        let syn::Item::Impl(imp) = item else { continue };
        let is_client = matches!(&*imp.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"));
        if imp.trait_.is_some() || !is_client {
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

fn pascal_case(id: &str) -> String {
    snake_case(id)
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// `'a` → `'_`: the ergonomic method has no lifetime parameters of its own.
struct ElideLifetimes;

impl VisitMut for ElideLifetimes {
    fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
        *l = syn::Lifetime::new("'_", l.span());
    }
}

/// `Name` of the `types` module as `types::Name`, wherever it appears in `ty`.
struct Qualify<'a>(&'a BTreeMap<String, syn::ItemStruct>);

impl VisitMut for Qualify<'_> {
    fn visit_type_path_mut(&mut self, p: &mut syn::TypePath) {
        syn::visit_mut::visit_type_path_mut(self, p);
        if p.qself.is_none() && p.path.leading_colon.is_none() && p.path.segments.len() == 1 {
            let ident = &p.path.segments[0].ident;
            if self.0.contains_key(&ident.to_string()) {
                p.path = syn::parse_quote!(types::#p);
            }
        }
    }
}

/// `types::Name` (or `Name`) → `Name`, if it is a struct of the `types` module.
fn types_struct<'a>(
    ty: &syn::Type,
    types: &'a BTreeMap<String, syn::ItemStruct>,
) -> Option<&'a syn::ItemStruct> {
    let syn::Type::Path(p) = ty else { return None };
    let segments: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let name = match segments.as_slice() {
        [types_mod, name] if types_mod == "types" => name,
        [name] => name,
        _ => return None,
    };
    types.get(name)
}

/// A struct holding one `String` (a constrained string schema: typify's newtype).
fn is_string_newtype(s: &syn::ItemStruct) -> bool {
    match &s.fields {
        syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => {
            let ty = &f.unnamed[0].ty;
            quote!(#ty).to_string().replace(' ', "") == "::std::string::String"
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

/// `T` of `Option<T>` as typify writes it (`::std::option::Option<T>`).
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

/// `T` of `Result<ResponseValue<T>, Error<E>>`.
pub(super) fn success_type(sig: &syn::Signature) -> Result<syn::Type> {
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return Err("the generated method returns nothing".into());
    };
    let first_arg = |ty: &syn::Type, name: &str| -> Option<syn::Type> {
        let syn::Type::Path(p) = ty else { return None };
        let last = p.path.segments.last()?;
        if last.ident != name {
            return None;
        }
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        match args.args.first()? {
            syn::GenericArgument::Type(t) => Some(t.clone()),
            _ => None,
        }
    };
    first_arg(ty, "Result")
        .and_then(|rv| first_arg(&rv, "ResponseValue"))
        .ok_or_else(|| "the generated method does not return Result<ResponseValue<T>, _>".into())
}

/// The first line of a field's doc comment.
fn first_doc_line(f: &syn::Field) -> Option<String> {
    f.attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => s
                .value()
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(str::to_owned),
            _ => None,
        },
        _ => None,
    })
}

fn field<'a>(s: &'a syn::ItemStruct, name: &str) -> Option<&'a syn::Field> {
    s.fields
        .iter()
        .find(|f| f.ident.as_ref().is_some_and(|i| i == name))
}

/// Whether repeating the operation is safe: `x-idempotent`, or what its HTTP method says.
fn idempotent(op: &Operation) -> bool {
    op.idempotent.unwrap_or(matches!(
        op.method.as_str(),
        "get" | "put" | "delete" | "head" | "options" | "trace"
    ))
}

/// The doc comment lines of the method.
fn docs(op: &Operation, idempotent: bool, client_fields: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    let summary = op.summary.as_deref().unwrap_or(&op.id);
    lines.push(format!(
        "{summary}: `{} {}`.",
        op.method.to_uppercase(),
        op.path
    ));
    if let Some(description) = &op.description {
        lines.push(String::new());
        lines.extend(description.trim_end().lines().map(str::to_owned));
    }
    lines.push(String::new());
    if !client_fields.is_empty() {
        let names: Vec<String> = client_fields.iter().map(|f| format!("`{f}`")).collect();
        lines.push(format!(
            "The client fills in {} from its credentials.",
            names.join(" and ")
        ));
    }
    lines.push(if idempotent {
        "Idempotent: retried on any retryable failure.".to_owned()
    } else {
        "Not idempotent: repeated only when the server cannot have acted on the request.".to_owned()
    });
    lines.into_iter().map(|l| format!(" {l}")).collect()
}

/// A parameter struct (for the `types` module) and its `Validate` impl.
type ParamsItems = (syn::Item, Vec<syn::Item>);

/// What one operation adds.
struct Method {
    item: syn::ImplItemFn,
    params: Option<ParamsItems>,
    /// Its arm of `call_operation`.
    arm: TokenStream,
    /// Its row of `spec::OPERATIONS`.
    row: TokenStream,
    /// Its arm of `check_seed`.
    seed_arm: TokenStream,
}

fn method(
    op: &Operation,
    sig: &syn::Signature,
    types: &BTreeMap<String, syn::ItemStruct>,
    spec: &Rewritten,
) -> Result<Method> {
    let generated = &sig.ident;
    let name = format_ident!(
        "{}",
        op.method_name.clone().unwrap_or_else(|| snake_case(&op.id))
    );
    let idempotent = idempotent(op);
    let mut inputs: Vec<TokenStream> = Vec::new();
    let mut checks: Vec<TokenStream> = Vec::new();
    let mut args: Vec<TokenStream> = Vec::new();
    let mut body_build: Option<TokenStream> = None;
    let mut extra = None;
    let mut filled: &[String] = &[];
    // For the dynamic call (`call_operation`): how each argument is read from named text
    // values, and what the call passes; and each parameter's row in `OPERATIONS`.
    let mut reads: Vec<TokenStream> = Vec::new();
    let mut passes: Vec<TokenStream> = Vec::new();
    let mut rows: Vec<TokenStream> = Vec::new();
    let param_row = |name: &str,
                     place: TokenStream,
                     required: bool,
                     alias: Option<&String>,
                     doc: Option<String>| {
        let description = doc.unwrap_or_else(|| {
            op.parameters
                .iter()
                .find(|(n, ..)| n == name)
                .map(|(.., d)| d.clone())
                .unwrap_or_default()
        });
        let alias = match alias {
            Some(a) => quote!(::std::option::Option::Some(#a)),
            None => quote!(::std::option::Option::None),
        };
        quote! {
            crate::operation::Param { name: #name, location: crate::operation::ParamIn::#place, required: #required, description: #description, alias: #alias }
        }
    };
    for input in sig.inputs.iter() {
        let syn::FnArg::Typed(arg) = input else {
            continue;
        };
        let syn::Pat::Ident(pat) = &*arg.pat else {
            return Err("a generated parameter is not a plain name".into());
        };
        let ident = &pat.ident;
        let label = ident.to_string();
        let ty = &*arg.ty;
        let path_string = op.path_params.iter().any(|p| snake_case(p) == label);
        if let Some(target) = referent(ty).filter(|_| path_string) {
            // A string path parameter is taken as `&str` and checked to be one segment.
            let string = matches!(target, syn::Type::Path(p) if p.path.is_ident("str"));
            let newtype = types_struct(target, types).filter(|s| is_string_newtype(s));
            if string || newtype.is_some() {
                let owned: syn::Type = match newtype {
                    Some(s) => {
                        let n = &s.ident;
                        syn::parse_quote!(types::#n)
                    }
                    None => syn::parse_quote!(::std::string::String),
                };
                inputs.push(quote!(#ident: &str));
                checks.push(quote! {
                    let #ident: #owned = crate::transport::path_param(#label, #ident)?;
                });
                args.push(quote!(&#ident));
                reads.push(quote!(let #ident: ::std::string::String = args.required(#label)?;));
                passes.push(quote!(&#ident));
                rows.push(param_row(&label, quote!(Path), true, None, None));
                continue;
            }
        }
        if label == "body" {
            let target = referent(ty).ok_or("the body parameter is not a reference")?;
            let body = types_struct(target, types).ok_or("the body is not a generated struct")?;
            let body_name = &body.ident;
            let holds_client_fields = spec.client_fields.iter().any(|f| field(body, f).is_some());
            if !holds_client_fields {
                inputs.push(quote!(body: &types::#body_name));
                checks.push(quote!(crate::validation::check_request(body)?;));
                args.push(quote!(body));
                reads.push(quote!(let body: types::#body_name = args.required("body")?;));
                passes.push(quote!(&body));
                rows.push(param_row("body", quote!(Body), true, None, None));
                continue;
            }
            // The caller gives the body without the client's fields, as `<Operation>Params`.
            filled = &spec.client_fields;
            let params_name = format_ident!("{}Params", pascal_case(&op.id));
            let (params, validate, field_names) = params_struct(op, body, &params_name, spec)?;
            extra = Some((params, validate));
            let client = spec.client_fields.iter().map(|f| format_ident!("{f}"));
            let given = field_names.iter().map(|f| format_ident!("{f}"));
            let mut read_fields = Vec::new();
            for f in &field_names {
                let declared = field(body, f).ok_or("a parameter field is gone")?;
                let optional = option_inner(&declared.ty).is_some();
                let getter = if optional {
                    format_ident!("optional")
                } else {
                    format_ident!("required")
                };
                let ident = format_ident!("{f}");
                read_fields.push(quote!(#ident: args.#getter(#f)?));
                let alias = spec
                    .property_aliases
                    .get(&(body_name.to_string(), f.clone()));
                rows.push(param_row(
                    f,
                    quote!(Body),
                    !optional,
                    alias,
                    first_doc_line(declared),
                ));
            }
            reads.push(quote!(let params = types::#params_name { #(#read_fields,)* };));
            passes.push(quote!(params));
            inputs.push(quote!(params: impl ::std::convert::Into<types::#params_name>));
            checks.push(quote! {
                let params: types::#params_name = params.into();
                crate::validation::check_request(&params)?;
            });
            body_build = Some(quote! {
                let body = types::#body_name {
                    #(#client: ::std::clone::Clone::clone(&session.#client),)*
                    #(#given: ::std::clone::Clone::clone(&params.#given),)*
                };
            });
            args.push(quote!(&body));
            continue;
        }
        let mut ty = ty.clone();
        ElideLifetimes.visit_type_mut(&mut ty);
        inputs.push(quote!(#ident: #ty));
        args.push(quote!(::std::clone::Clone::clone(&#ident)));
        // Read as the owned value, passed as the method takes it.
        let optional = option_inner(&ty).cloned();
        let (owned, pass) = match (&optional, referent(optional.as_ref().unwrap_or(&ty))) {
            (Some(_), Some(inner)) => {
                let owned = if matches!(inner, syn::Type::Path(p) if p.path.is_ident("str")) {
                    quote!(::std::string::String)
                } else {
                    quote!(#inner)
                };
                (
                    quote!(::std::option::Option<#owned>),
                    quote!(#ident.as_deref()),
                )
            }
            (Some(inner), None) => (quote!(::std::option::Option<#inner>), quote!(#ident)),
            (None, Some(inner)) => {
                let owned = if matches!(inner, syn::Type::Path(p) if p.path.is_ident("str")) {
                    quote!(::std::string::String)
                } else {
                    quote!(#inner)
                };
                (owned, quote!(&#ident))
            }
            (None, None) => (quote!(#ty), quote!(#ident)),
        };
        let getter = if optional.is_some() {
            format_ident!("optional")
        } else {
            format_ident!("required")
        };
        reads.push(quote!(let #ident: #owned = args.#getter(#label)?;));
        passes.push(pass);
        let place = if path_string || op.path_params.iter().any(|p| snake_case(p) == label) {
            quote!(Path)
        } else {
            quote!(Query)
        };
        rows.push(param_row(&label, place, optional.is_none(), None, None));
    }

    let (accept, value_ty) = accept(op, &success_type(sig)?, types, spec)?;
    let op_id = &op.id;
    let send = match body_build {
        Some(build) => {
            // The future owns the body; every other argument is bound first (a copy or a
            // reference), so that the closure can run once per attempt.
            let bound: Vec<syn::Ident> = (0..args.len()).map(|i| format_ident!("arg{i}")).collect();
            let binds = args
                .iter()
                .zip(&bound)
                .filter(|(a, _)| a.to_string() != "& body");
            let (exprs, names): (Vec<_>, Vec<_>) = binds.unzip();
            let call = args.iter().zip(&bound).map(|(a, b)| {
                if a.to_string() == "& body" {
                    quote!(&body)
                } else {
                    quote!(#b)
                }
            });
            quote! {
                |session| {
                    #build
                    #(let #names = #exprs;)*
                    async move { inner.generated.#generated(cx, #(#call),*).await }
                }
            }
        }
        None => quote! { |_session| inner.generated.#generated(cx, #(#args),*) },
    };
    let doc = docs(op, idempotent, filled);
    let name_text = name.to_string();
    let arm = quote! {
        #name_text => {
            #(#reads)*
            crate::operation::to_json(self.#name(#(#passes),*).await?)
        }
    };
    let (method_text, path_text) = (op.method.to_uppercase(), &op.path);
    let summary = op.summary.clone().unwrap_or_default();
    let aliases = &op.cli_aliases;
    let result = op.result.join(".");
    let seed_arm = quote! {
        #op_id => ::std::option::Option::Some(crate::operation::decodes::<#value_ty>(body)),
    };
    let row = quote! {
        crate::operation::Operation {
            id: #op_id,
            name: #name_text,
            method: #method_text,
            path: #path_text,
            summary: #summary,
            idempotent: #idempotent,
            aliases: &[#(#aliases),*],
            params: &[#(#rows),*],
            result: #result,
        }
    };
    let item = syn::parse_quote! {
        #(#[doc = #doc])*
        pub async fn #name(&self, #(#inputs),*) -> ::std::result::Result<crate::Response<#value_ty>, crate::Error> {
            #(#checks)*
            let inner = &*self.inner;
            let op = crate::transport::Op {
                name: #op_id,
                idempotent: #idempotent,
                method: #method_text,
                template: ::std::option::Option::Some(#path_text),
            };
            // The call's state, which the layer and the generated call share.
            let cx = &crate::transport::CallState::default();
            inner.transport.call(cx, &inner.policy, op, #send, #accept).await
        }
    };
    Ok(Method {
        item,
        params: extra,
        arm,
        row,
        seed_arm,
    })
}

/// The closure that turns a decoded success answer into the method's value, and that value's
/// type: the vendor's status check (`x-answer-status`), then the `x-result` path.
fn accept(
    op: &Operation,
    answer: &syn::Type,
    types: &BTreeMap<String, syn::ItemStruct>,
    spec: &Rewritten,
) -> Result<(TokenStream, syn::Type)> {
    let Some(mut current) = types_struct(answer, types) else {
        // A hand-written answer type reads itself (crate::transport::Answer).
        let schema = op.result_schema.as_ref().ok_or(
            "its answer is a hand-written type (x-rust-type-path): x-result-schema must name what it returns",
        )?;
        if !types.contains_key(schema) {
            return Err(format!(
                "x-result-schema: {schema} is not a generated schema"
            ));
        }
        let value: syn::Type =
            syn::parse_str(&format!("types::{schema}")).map_err(|e| e.to_string())?;
        return Ok((
            quote! {
                |answer: #answer, meta: &crate::ResponseMeta| <#answer as crate::transport::Answer>::accept(answer, meta)
            },
            value,
        ));
    };
    let name = &current.ident;
    let mut steps = Vec::new();
    if let Some(status) = &spec.answer_status {
        if field(current, status).is_some() {
            let status = format_ident!("{status}");
            steps.push(quote!(super::answer_status(&answer.#status, meta)?;));
        }
    }
    let mut value_ty: syn::Type = syn::parse_quote!(types::#name);
    let mut walked = Vec::new();
    for segment in &op.result {
        walked.push(segment.as_str());
        let f = field(current, segment)
            .ok_or_else(|| format!("x-result: {} has no property {segment}", current.ident))?;
        let ident = format_ident!("{segment}");
        let mut ty = f.ty.clone();
        if let Some(inner) = option_inner(&ty) {
            let path = walked.join(".");
            steps.push(quote! {
                let answer = answer.#ident.ok_or_else(|| crate::transport::missing_result(#path, meta))?;
            });
            ty = inner.clone();
        } else {
            steps.push(quote!(let answer = answer.#ident;));
        }
        Qualify(types).visit_type_mut(&mut ty);
        value_ty = ty;
        if walked.len() < op.result.len() {
            current = types_struct(&value_ty, types).ok_or_else(|| {
                format!("x-result: {} is not a generated object", walked.join("."))
            })?;
        }
    }
    let meta = if steps.is_empty() {
        format_ident!("_meta")
    } else {
        format_ident!("meta")
    };
    Ok((
        quote! {
            |answer: types::#name, #meta: &crate::ResponseMeta| {
                #(#steps)*
                ::std::result::Result::Ok(answer)
            }
        },
        value_ty,
    ))
}

/// `<Operation>Params`: the request body without the client's fields, with the body's
/// documented rules; and the names of its fields.
fn params_struct(
    op: &Operation,
    body: &syn::ItemStruct,
    name: &syn::Ident,
    spec: &Rewritten,
) -> Result<(syn::Item, Vec<syn::Item>, Vec<String>)> {
    let syn::Fields::Named(named) = &body.fields else {
        return Err("the body has no named fields".into());
    };
    let mut fields = Vec::new();
    let mut names = Vec::new();
    let mut all_optional = true;
    for f in &named.named {
        let ident = f.ident.clone().ok_or("a body field without a name")?;
        if spec.client_fields.iter().any(|c| ident == c) {
            continue;
        }
        all_optional &= option_inner(&f.ty).is_some();
        let mut f = f.clone();
        f.attrs.retain(|a| a.path().is_ident("doc"));
        f.vis = syn::parse_quote!(pub);
        names.push(ident.to_string());
        fields.push(f);
    }
    let doc = format!(
        " The parameters of {}: its request body (`{}`) without what the client fills in.",
        op.id, body.ident
    );
    let default = all_optional.then(|| quote!(Default,));
    let item: syn::Item = syn::parse_quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, #default PartialEq)]
        pub struct #name {
            #(#fields,)*
        }
    };
    // The body's rules for the fields the caller gives.
    let body_model = spec.models.iter().find(|m| body.ident == m.name);
    let model = Model {
        name: name.to_string(),
        fields: body_model
            .map(|m| {
                m.fields
                    .iter()
                    .filter(|(f, _)| names.contains(f))
                    .map(|(f, check)| (f.clone(), check.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        one_of_required: body_model
            .map(|m| m.one_of_required.clone())
            .filter(|list| list.iter().all(|f| names.contains(f)))
            .unwrap_or_default(),
    };
    Ok((item, super::emit::validate_impls(&[model], &[]), names))
}
