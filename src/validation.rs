//! The documented constraints of the vendors' models, checkable after decoding.
//!
//! Vendors send data that breaks their own documented limits (CRO's sample has
//! `"sales_rep": ""` against "at least 1 character"). Responses therefore decode leniently on
//! lengths, patterns and enumerations, and every generated model implements [`Validate`], which
//! lists what breaks a documented rule. Requests are checked strictly with the same rules
//! before anything is sent.
//!
//! ```
//! # #[cfg(feature = "cro")] {
//! use customer_apis::cro::types::CustomerModel;
//! use customer_apis::Validate;
//!
//! let customer: CustomerModel = serde_json::from_str(r#"{
//!     "addresses": [], "contacts": [], "id": 1, "name": "", "parent_id": null,
//!     "created_on": "2018-06-13T19:50:20.447000", "last_updated_on": "2020-04-22T17:23:17Z",
//!     "locations": []
//! }"#).unwrap();
//! let violations = customer.validate();
//! assert_eq!(violations.len(), 1);
//! assert_eq!(violations[0].to_string(), "name: must not be empty");
//! # }
//! ```

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

/// A documented rule on a string or an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    /// At least this many characters (Unicode scalar values, as JSON Schema counts).
    MinLength(u64),
    /// At most this many characters.
    MaxLength(u64),
    /// Matches an ECMAScript regular expression (the spec's `pattern`).
    Pattern {
        /// The regular expression.
        regex: &'static str,
        /// What a valid value looks like, in words (the spec's `x-pattern-description`):
        /// messages say this rather than the expression.
        looks_like: &'static str,
    },
    /// One of these values.
    OneOf(&'static [&'static str]),
    /// At least this many items.
    MinItems(u64),
    /// At most this many items.
    MaxItems(u64),
    /// At least one of these fields is present and not empty (the spec's
    /// `x-required-one-of`).
    OneRequired(&'static [&'static str]),
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::MinLength(1) => f.write_str("must not be empty"),
            Rule::MinLength(n) => write!(f, "must be at least {n} characters long"),
            Rule::MaxLength(n) => write!(f, "must be at most {n} characters long"),
            Rule::Pattern { looks_like, .. } => write!(f, "must be {looks_like}"),
            Rule::OneOf(values) => write!(f, "must be one of {}", values.join(", ")),
            Rule::MinItems(n) => write!(f, "must have at least {n} items"),
            Rule::MaxItems(n) => write!(f, "must have at most {n} items"),
            Rule::OneRequired(fields) => {
                write!(
                    f,
                    "one of them is required, not empty ({})",
                    fields.join(", ")
                )
            }
        }
    }
}

impl Rule {
    /// Whether `value` satisfies the rule. Array rules hold for any string.
    pub fn allows(&self, value: &str) -> bool {
        match *self {
            Rule::MinLength(n) => at_least_chars(value, n),
            Rule::MaxLength(n) => !at_least_chars(value, n.saturating_add(1)),
            Rule::Pattern { regex, .. } => pattern_matches(regex, value),
            Rule::OneOf(values) => values.contains(&value),
            Rule::MinItems(_) | Rule::MaxItems(_) | Rule::OneRequired(_) => true,
        }
    }

    fn allows_len(&self, len: usize) -> bool {
        match *self {
            Rule::MinItems(n) => len as u64 >= n,
            Rule::MaxItems(n) => len as u64 <= n,
            _ => true,
        }
    }
}

/// Whether `value` has at least `n` characters. A character is one to four bytes of UTF-8, so
/// the length in bytes decides most cases; the characters are counted only when it does not.
fn at_least_chars(value: &str, n: u64) -> bool {
    let bytes = value.len() as u64;
    if bytes < n {
        false
    } else if bytes >= n.saturating_mul(4) {
        true
    } else {
        value.chars().count() as u64 >= n
    }
}

/// Bytes aligned for a DFA's `u32` table (regex-automata's `from_bytes` asks it).
#[repr(C)]
pub(crate) struct Aligned<B: ?Sized> {
    pub(crate) _align: [u32; 0],
    pub(crate) bytes: B,
}

include!(concat!(env!("OUT_DIR"), "/patterns.rs"));

type Dfa = regex_automata::dfa::dense::DFA<&'static [u32]>;

/// The DFA build.rs compiled for a spec's pattern, read once.
fn compiled(source: &str) -> Option<&'static Dfa> {
    static DFAS: OnceLock<Vec<(&'static str, Dfa)>> = OnceLock::new();
    let dfas = DFAS.get_or_init(|| {
        let read = |(s, a): &(&'static str, &'static Aligned<[u8]>)| {
            Some((*s, Dfa::from_bytes(&a.bytes).ok()?.0))
        };
        COMPILED.iter().filter_map(read).collect()
    });
    let found = dfas
        .iter()
        .find(|(s, _)| std::ptr::eq(*s, source) || *s == source);
    found.map(|(_, dfa)| dfa)
}

/// Compiled patterns other than the specs' (a `Rule::Pattern` an app wrote), one per source.
type PatternCache = Vec<(&'static str, Option<Arc<regex_lite::Regex>>)>;

fn pattern_matches(source: &'static str, value: &str) -> bool {
    use regex_automata::dfa::Automaton;
    if let Some(dfa) = compiled(source) {
        // A search errs only on a quit byte or a cache limit, which a dense DFA built with
        // the defaults has none of; the regular expression below answers then.
        if let Ok(found) = dfa.try_search_fwd(&regex_automata::Input::new(value)) {
            return found.is_some();
        }
    }
    static CACHE: OnceLock<Mutex<PatternCache>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let regex = {
        let mut cache = cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match cache
            .iter()
            .find(|(s, _)| std::ptr::eq(*s, source) || *s == source)
        {
            Some((_, regex)) => regex.clone(),
            None => {
                // build.rs translates and compiles every pattern, so `None` here is unreachable
                // in practice; a pattern that cannot compile is reported as broken rather than
                // panicking.
                let regex = crate::pattern::to_regex_lite(source)
                    .ok()
                    .and_then(|p| regex_lite::Regex::new(&p).ok())
                    .map(Arc::new);
                cache.push((source, regex.clone()));
                regex
            }
        }
    };
    // Matched outside the lock: a slow match must not stall other validations.
    regex.is_some_and(|re| re.is_match(value))
}

/// A value that breaks a documented rule: where, and which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where the value is, as `locations[1].sales_rep`.
    pub field: String,
    /// The rule it breaks.
    pub rule: Rule,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.rule)
    }
}

/// A position inside a model, built on the stack and rendered only for a violation.
#[derive(Debug, Clone, Copy)]
pub struct FieldPath<'a> {
    parent: Option<&'a FieldPath<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

impl<'a> FieldPath<'a> {
    /// The top of a model.
    pub const ROOT: FieldPath<'static> = FieldPath {
        parent: None,
        segment: Segment::Root,
    };

    /// The named field below this position.
    pub fn field(&'a self, name: &'a str) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    fn index(&'a self, i: usize) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            segment: Segment::Index(i),
        }
    }
}

impl FieldPath<'_> {
    /// As text (`locations[1].sales_rep`), in one allocation of the right size.
    fn text(&self) -> String {
        let mut out = String::with_capacity(self.text_len());
        self.push_to(&mut out);
        out
    }

    /// A field right below the root is written without a dot.
    fn at_top(&self) -> bool {
        matches!(self.parent.map(|p| p.segment), Some(Segment::Root) | None)
    }

    fn text_len(&self) -> usize {
        let own = match self.segment {
            Segment::Root => 0,
            Segment::Field(name) => name.len() + usize::from(!self.at_top()),
            Segment::Index(i) => 3 + i.checked_ilog10().unwrap_or(0) as usize,
        };
        own + self.parent.map_or(0, FieldPath::text_len)
    }

    fn push_to(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.push_to(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Field(name) => {
                if !self.at_top() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(i) => {
                let mut digits = [0u8; 20];
                let (mut n, mut at) = (i, digits.len());
                loop {
                    at -= 1;
                    digits[at] = b'0' + (n % 10) as u8;
                    n /= 10;
                    if n == 0 {
                        break;
                    }
                }
                out.push('[');
                out.extend(digits[at..].iter().map(|&d| char::from(d)));
                out.push(']');
            }
        }
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// A generated model whose documented rules can be checked.
pub trait Validate {
    /// Every value that breaks a documented rule, in field order; empty when all hold.
    fn validate(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        self.validate_at(&FieldPath::ROOT, &mut out);
        out
    }

    /// Appends the violations found below `path` to `out`.
    fn validate_at(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>);
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
        if let Some(v) = self {
            v.validate_at(path, out);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
        for (i, v) in self.iter().enumerate() {
            v.validate_at(&path.index(i), out);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
        (**self).validate_at(path, out);
    }
}

/// What a decoded type declares, as the check for undeclared fields reads an answer.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "undeclared-fields"), allow(dead_code))]
pub(crate) enum Shape {
    /// A value whose keys are not searched (a plain value, a map, a `oneOf`).
    Any,
    /// An object: each declared property, with what its value declares.
    Object(&'static [Property]),
    /// A list, with what each item declares.
    Items(fn() -> Shape),
}

/// A declared property: its name, and what its value declares.
pub(crate) type Property = (&'static str, fn() -> Shape);

/// What a decoded type declares (generated for every model from the spec): its properties,
/// and a decoder that refuses any other. The check for undeclared fields decodes an answer
/// with [`strict`](Declared::strict): when that succeeds, the answer has no undeclared field
/// and is read once; only when it fails is the answer decoded leniently and searched by its
/// [`declared`](Declared::declared) shape.
#[cfg_attr(not(feature = "undeclared-fields"), allow(dead_code))]
pub(crate) trait Declared: serde::de::DeserializeOwned {
    /// What the type declares (a function, so that a model may hold itself); by default,
    /// nothing searched.
    fn declared() -> Shape {
        Shape::Any
    }

    /// Decodes as `Deserialize` does, but fails on a field the spec does not declare, at any
    /// depth; by default (a value without fields), as `Deserialize` does.
    fn strict<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::deserialize(d)
    }
}

/// `T` decoded by its strict decoder, where a `Deserialize` is asked for.
#[repr(transparent)]
pub(crate) struct Strictly<T>(pub(crate) T);

impl<'de, T: Declared> serde::Deserialize<'de> for Strictly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::strict(d).map(Strictly)
    }
}

impl<T: Declared> Declared for Option<T> {
    fn declared() -> Shape {
        T::declared()
    }

    fn strict<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = <Option<Strictly<T>> as serde::Deserialize>::deserialize(d)?;
        Ok(value.map(|v| v.0))
    }
}

impl<T: Declared> Declared for Box<T> {
    fn declared() -> Shape {
        T::declared()
    }

    fn strict<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::strict(d).map(Box::new)
    }
}

impl<T: Declared> Declared for Vec<T> {
    fn declared() -> Shape {
        Shape::Items(T::declared)
    }

    fn strict<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = <Vec<Strictly<T>> as serde::Deserialize>::deserialize(d)?;
        // In place: `Strictly<T>` is `T`.
        Ok(items.into_iter().map(|v| v.0).collect())
    }
}

/// A property whose value is not searched.
#[allow(dead_code)] // A build whose models all hold only models (none today).
pub(crate) fn shape_any() -> Shape {
    Shape::Any
}

/// A property that is a list of `T`.
#[allow(dead_code)] // A build whose models hold no list of a model (PDM alone).
pub(crate) fn shape_items<T: Declared>() -> Shape {
    Shape::Items(T::declared)
}

/// An answer that is a plain value or has no body: its rules, if any, are its field's, and it
/// declares no field.
macro_rules! no_rules {
    ($($t:ty),*) => {$(
        impl Validate for $t {
            fn validate_at(&self, _: &FieldPath<'_>, _: &mut Vec<Violation>) {}
        }
        impl Declared for $t {}
    )*};
}
no_rules!(
    (),
    bool,
    i32,
    i64,
    u32,
    u64,
    f32,
    f64,
    String,
    serde_json::Value
);

/// A field shape the generated checks accept: a string or an array, optional or not.
pub trait Checked {
    /// Applies `rules` to the value, if present.
    fn check(&self, path: &FieldPath<'_>, rules: &[Rule], out: &mut Vec<Violation>);
}

impl Checked for String {
    fn check(&self, path: &FieldPath<'_>, rules: &[Rule], out: &mut Vec<Violation>) {
        for rule in rules {
            if !rule.allows(self) {
                out.push(Violation {
                    field: path.text(),
                    rule: *rule,
                });
            }
        }
    }
}

impl<T> Checked for Vec<T> {
    fn check(&self, path: &FieldPath<'_>, rules: &[Rule], out: &mut Vec<Violation>) {
        for rule in rules {
            if !rule.allows_len(self.len()) {
                out.push(Violation {
                    field: path.text(),
                    rule: *rule,
                });
            }
        }
    }
}

impl<T: Checked> Checked for Option<T> {
    fn check(&self, path: &FieldPath<'_>, rules: &[Rule], out: &mut Vec<Violation>) {
        if let Some(v) = self {
            v.check(path, rules, out);
        }
    }
}

/// Used by the generated `Validate` impls.
#[doc(hidden)]
pub fn check<T: Checked + ?Sized>(
    value: &T,
    path: &FieldPath<'_>,
    rules: &[Rule],
    out: &mut Vec<Violation>,
) {
    value.check(path, rules, out);
}

/// A field's value as `x-required-one-of` counts it: present, and not an empty string.
pub trait Present {
    /// Whether the value counts as given.
    fn is_present(&self) -> bool;
}

impl Present for String {
    fn is_present(&self) -> bool {
        !self.trim().is_empty()
    }
}

impl<T: Present> Present for Option<T> {
    fn is_present(&self) -> bool {
        self.as_ref().is_some_and(Present::is_present)
    }
}

macro_rules! always_present {
    ($($t:ty),*) => {$(
        impl Present for $t {
            fn is_present(&self) -> bool {
                true
            }
        }
    )*};
}
always_present!(i32, i64, u32, u64, f64, bool);

/// Used by the generated `Validate` impls: `fields` are the names of `x-required-one-of`,
/// `present` whether each is given.
#[doc(hidden)]
pub fn check_one_required(
    path: &FieldPath<'_>,
    fields: &'static [&'static str],
    present: &[bool],
    out: &mut Vec<Violation>,
) {
    if !present.iter().any(|p| *p) {
        out.push(Violation {
            field: path.field(&fields.join(" / ")).text(),
            rule: Rule::OneRequired(fields),
        });
    }
}

/// The first violation of `value`'s documented rules as [`Error::InvalidInput`], before a
/// request is sent.
///
/// [`Error::InvalidInput`]: crate::Error::InvalidInput
#[allow(dead_code)] // used by the generated methods of specs with request bodies
pub(crate) fn check_request<T: Validate + ?Sized>(value: &T) -> Result<(), crate::Error> {
    let mut out = Vec::new();
    value.validate_at(&FieldPath::ROOT, &mut out);
    match out.into_iter().next() {
        None => Ok(()),
        Some(broken) => Err(crate::Error::invalid(broken.field, broken.rule.to_string())),
    }
}

/// A request header the spec documents, with its rules.
#[derive(Debug, Clone, Copy)]
pub struct HeaderRule {
    /// Header name, lower case.
    pub name: &'static str,
    /// Whether every request must carry it.
    pub required: bool,
    /// Whether the value is an integer.
    pub integer: bool,
    /// Its string rules.
    pub rules: &'static [Rule],
}

impl HeaderRule {
    /// The first rule `value` breaks, if any. Control characters are never allowed in a
    /// header value; integers must parse.
    pub fn first_violation(&self, value: &str) -> Option<String> {
        if value.chars().any(|c| c.is_control()) {
            return Some("must not contain control characters (such as CR or LF)".to_owned());
        }
        if self.integer && value.parse::<i64>().is_err() {
            return Some("must be an integer".to_owned());
        }
        self.rules
            .iter()
            .find(|r| !r.allows(value))
            .map(ToString::to_string)
    }
}

/// The translation of the specs' patterns (`crate::pattern`), here because that file is also
/// the build script's.
#[cfg(test)]
mod length_tests {
    use super::Rule;

    /// The lengths in bytes that decide without counting agree with counting, at every bound
    /// around each value's length, for one- to four-byte characters.
    #[test]
    fn length_rules_agree_with_counting_characters() {
        let values = [
            "",
            "a",
            "ab",
            "é",
            "aé",
            "€",
            "€€",
            "𝄞",
            "𝄞a",
            "ééééé",
            "abcdefgh",
        ];
        let mut checked = 0;
        for value in values {
            let chars = value.chars().count() as u64;
            for n in 0..=12 {
                assert_eq!(
                    Rule::MinLength(n).allows(value),
                    chars >= n,
                    "{value:?} min {n}"
                );
                assert_eq!(
                    Rule::MaxLength(n).allows(value),
                    chars <= n,
                    "{value:?} max {n}"
                );
                checked += 1;
            }
        }
        assert!(Rule::MaxLength(u64::MAX).allows("abc"));
        assert_eq!(checked, 11 * 13);
    }
}

#[cfg(test)]
mod path_tests {
    use super::FieldPath;

    /// A path's text, at each depth and index width, is what `Display` writes, and its one
    /// allocation is exactly its length (a short estimate would have grown the string).
    #[test]
    fn a_path_is_written_in_one_allocation_of_its_exact_length() {
        let root = FieldPath::ROOT;
        let locations = root.field("locations");
        let mut written = Vec::new();
        for i in [0, 9, 10, 99, 100, 12345, usize::MAX] {
            let item = locations.index(i);
            let field = item.field("sales_rep");
            for (path, expected) in [
                (&item, format!("locations[{i}]")),
                (&field, format!("locations[{i}].sales_rep")),
            ] {
                let text = path.text();
                assert_eq!(text, expected);
                assert_eq!(text.capacity(), text.len(), "{text}");
                assert_eq!(path.to_string(), expected);
                written.push(text);
            }
        }
        assert_eq!(root.text(), "");
        assert_eq!(locations.text(), "locations");
        assert_eq!(written.len(), 14);
    }
}

#[cfg(test)]
mod pattern_tests {
    use crate::pattern::to_regex_lite;

    fn lite(ecma: &str) -> regex_lite::Regex {
        regex_lite::Regex::new(&to_regex_lite(ecma).unwrap()).unwrap()
    }

    /// Each spec pattern's DFA (compiled by build.rs) answers as regex-lite does on the
    /// translation, on values that match and values that do not.
    #[test]
    fn the_compiled_dfas_answer_as_the_translated_patterns_do() {
        let values = [
            "",
            " ",
            "C001408",
            "C1408",
            "c001408",
            "2024-01-31 17:05:00",
            "2024-1-31 17:05",
            "ops@example.com",
            " ops@example.com , billing@example.com ",
            "ops@example.com,",
            "a@b@c",
            "é@ü.de",
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl",
            "bearer a.b",
            "Bearer a",
            "\u{a0}x@y\u{3000}",
            "line\nbreak@x.y",
        ];
        // One DFA per distinct pattern of the enabled specs (Foxtrot's has none).
        #[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
        assert_eq!(super::COMPILED.len(), spec_patterns().len());
        for (source, _) in super::COMPILED {
            let lite = lite(source);
            for value in values {
                let dfa = super::compiled(source).expect("each compiled DFA reads back");
                use regex_automata::dfa::Automaton;
                let found = dfa.try_search_fwd(&regex_automata::Input::new(value));
                assert_eq!(
                    found.unwrap().is_some(),
                    lite.is_match(value),
                    "{source:?} on {value:?}"
                );
            }
        }
    }

    /// Every distinct `pattern` of the three specs.
    #[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
    fn spec_patterns() -> Vec<String> {
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::String(p)) = m.get("pattern") {
                        out.push(p.clone());
                    }
                    m.values().for_each(|v| walk(v, out));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let specs = [
            include_str!(concat!(env!("OUT_DIR"), "/cro.spec.json")),
            include_str!(concat!(env!("OUT_DIR"), "/pdm.spec.json")),
            include_str!(concat!(env!("OUT_DIR"), "/foxtrot.spec.json")),
        ];
        let mut out = Vec::new();
        for spec in specs {
            walk(&serde_json::from_str(spec).unwrap(), &mut out);
        }
        out.sort();
        out.dedup();
        out
    }

    /// Values near the specs' formats, and each of them with one character replaced, inserted
    /// or removed, from an alphabet of the formats' characters, ECMAScript-only white space, line
    /// terminators and characters outside ASCII and the BMP.
    #[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
    fn candidates() -> Vec<String> {
        let seeds = [
            "C001408",
            "2018-06-13T19:50:20.447000",
            "2018-06-13T19:50:20Z",
            "2018-06-13T19:50:20+02:00",
            "2020-04-22 17:23:17",
            "a@b.com, c@d.org",
            " x@y ",
            "Bearer abc.def.ghi",
            "bEARER a-b_c=.d+/",
            "",
        ];
        let alphabet = [
            'a', 'C', '0', '7', 'T', 'Z', ' ', '-', '+', ':', '.', ',', '@', '_', '=', '/', '\t',
            '\n', '\r', '\u{B}', '\u{A0}', '\u{85}', '\u{200B}', '\u{2028}', '\u{3000}',
            '\u{FEFF}', 'é', '٣', '😀',
        ];
        let mut out: Vec<String> = Vec::new();
        for seed in seeds {
            let chars: Vec<char> = seed.chars().collect();
            out.push(seed.to_owned());
            for i in 0..=chars.len() {
                if i < chars.len() {
                    let mut removed = chars.clone();
                    removed.remove(i);
                    out.push(removed.into_iter().collect());
                }
                for &c in &alphabet {
                    let mut inserted = chars.clone();
                    inserted.insert(i, c);
                    out.push(inserted.into_iter().collect());
                    if i < chars.len() {
                        let mut replaced = chars.clone();
                        replaced[i] = c;
                        out.push(replaced.into_iter().collect());
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    #[cfg(all(feature = "cro", feature = "pdm", feature = "foxtrot"))]
    #[test]
    fn every_spec_pattern_accepts_exactly_what_ecmascript_accepts_on_near_values() {
        let patterns = spec_patterns();
        assert_eq!(patterns.len(), 5, "{patterns:#?}");
        let values = candidates();
        let (mut compared, mut matched) = (0, 0);
        for pattern in &patterns {
            let ecma = regress::Regex::new(pattern).unwrap();
            let ours = lite(pattern);
            for value in &values {
                let expected = ecma.find(value).is_some();
                assert_eq!(ours.is_match(value), expected, "{pattern:?} on {value:?}");
                compared += 1;
                matched += usize::from(expected);
            }
        }
        assert_eq!(compared, 5 * 9171);
        // Each side of the rule is exercised: values that match and values that do not.
        assert_eq!((values.len(), matched), (9171, 1923));
    }

    #[test]
    fn ecmascript_meanings_are_spelled_out() {
        // `\s` holds ECMAScript's white space (no-break space, BOM), which regex-lite's does not.
        assert!(lite(r"^\s$").is_match("\u{A0}"));
        assert!(lite(r"^\s$").is_match("\u{FEFF}"));
        assert!(!lite(r"^\s$").is_match("\u{85}"));
        assert!(!lite(r"^[^\s,@]$").is_match("\u{3000}"));
        // `.` stops at every line terminator, not only `\n`.
        assert!(!lite("^.$").is_match("\r"));
        assert!(!lite("^.$").is_match("\u{2028}"));
        assert!(lite("^.$").is_match("😀"));
        // A `-` after a range is a literal; so is one at a class's end.
        let class = lite("^[A-Za-z0-9-_=]+$");
        assert!(class.is_match("a-_=9"));
        assert!(!class.is_match("."));
        assert!(lite("^[a-]$").is_match("-"));
        // Inside a class `\b` is a backspace; escaped punctuation is itself.
        assert!(lite(r"^[\b]$").is_match("\u{8}"));
        assert!(lite(r"^\.\-\/$").is_match(".-/"));
        assert!(!lite(r"^\.$").is_match("x"));
        assert!(lite(r"^\u00e9\x41$").is_match("éA"));
        assert!(lite(r"^(?:ab|c){2,3}?$").is_match("abcab"));
    }

    #[test]
    fn what_the_translation_does_not_know_is_refused_with_the_reason() {
        let cases = [
            (
                "(?=a)",
                "`(?=` (lookaround or a named group) is not supported",
            ),
            (r"(a)\1", r"`\1` is not supported"),
            (r"\p{L}", r"`\p` is not supported"),
            ("[]", "an empty class `[]` is not supported"),
            ("a{", "a `{` that is not a quantifier is not supported"),
            ("a{x}", "`{x}` is not a quantifier"),
            (
                r"[\S]",
                r"a negated class escape (`\D`, `\S`, `\W`) inside a class is not supported",
            ),
            ("[z-a]", "the range `z-a` is out of order"),
            (r"[\d-z]", "a class escape cannot start a range"),
            ("[ab", "a class without its `]`"),
            ("a]", "an unescaped `]` is not supported"),
            (r"\u12", r"`\u12` is not a 4-digit character code"),
            ("a\\", r"a pattern cannot end with `\`"),
        ];
        for (pattern, reason) in cases {
            assert_eq!(to_regex_lite(pattern).unwrap_err(), reason, "{pattern}");
        }
    }
}
