//! The specs' `pattern`s are ECMAScript regular expressions (as OpenAPI and JSON Schema say);
//! this module writes one in the syntax of `regex-lite`, which runs it in the SDK.
//!
//! `regex-lite` is small (no Unicode tables), and where its syntax means something else the
//! translation spells the ECMAScript meaning out: `\s` is ECMAScript's white space and line
//! terminators, `.` is any character but a line terminator, and every other literal is
//! written as a code point (`\x{2D}`), so that no character is read as syntax it is not in
//! ECMAScript. What the translation does not know (lookaround, back-references, `\p{..}`, flags)
//! is refused with the reason: the build script runs it on every spec pattern, so a spec that
//! needs more fails to build rather than being checked differently.
//!
//! Used by the build script too (the same file), so it needs nothing from the crate.

use std::fmt::Write as _;

/// ECMAScript's `\s`: WhiteSpace and LineTerminator, as inclusive code point ranges.
const SPACE: [(u32, u32); 10] = [
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
/// `\d`.
const DIGIT: [(u32, u32); 1] = [(0x30, 0x39)];
/// `\w`.
const WORD: [(u32, u32); 4] = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
/// What `.` does not match: the line terminators.
const LINE_TERMINATORS: [(u32, u32); 3] = [(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)];

/// `ecma`, an ECMAScript pattern without flags, in `regex-lite`'s syntax with the same meaning;
/// or why it cannot be written so.
pub(crate) fn to_regex_lite(ecma: &str) -> Result<String, String> {
    let chars: Vec<char> = ecma.chars().collect();
    let mut out = String::with_capacity(ecma.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '^' | '$' | '|' | '*' | '+' | '?' | ')' => out.push(c),
            '(' => {
                let rest: String = chars[i..].iter().take(3).collect();
                if rest.starts_with("?:") {
                    out.push_str("(?:");
                    i += 2;
                } else if rest.starts_with('?') {
                    return Err(format!(
                        "`(?{}` (lookaround or a named group) is not supported",
                        rest.chars().nth(1).unwrap_or(' ')
                    ));
                } else {
                    out.push('(');
                }
            }
            '{' => {
                // A quantifier `{n}`, `{n,}`, `{n,m}` (optionally lazy, by the `?` after it).
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or("a `{` that is not a quantifier is not supported")?;
                let body: String = chars[i..i + end].iter().collect();
                let valid = !body.is_empty()
                    && body.split(',').count() <= 2
                    && body.split(',').next().is_some_and(|n| !n.is_empty())
                    && body.chars().all(|c| c.is_ascii_digit() || c == ',');
                if !valid {
                    return Err(format!("`{{{body}}}` is not a quantifier"));
                }
                let _ = write!(out, "{{{body}}}");
                i += end + 1;
            }
            '}' | ']' => return Err(format!("an unescaped `{c}` is not supported")),
            '.' => negated_class(&mut out, &LINE_TERMINATORS),
            '[' => i = class(&chars, i, &mut out)?,
            '\\' => {
                let (atom, next) = escape(&chars, i, false)?;
                i = next;
                match atom {
                    Atom::Char(c) => literal(&mut out, c),
                    Atom::Set(set, false) => class_of(&mut out, set),
                    Atom::Set(set, true) => negated_class(&mut out, set),
                    Atom::Boundary(b) => out.push_str(b),
                }
            }
            c => literal(&mut out, c),
        }
    }
    Ok(out)
}

/// One escape's meaning.
enum Atom {
    Char(char),
    /// A class escape (`\d`, `\s`, `\w`), and whether it is the negated one.
    Set(&'static [(u32, u32)], bool),
    /// `\b` or `\B` outside a class (ASCII word boundaries in both syntaxes).
    Boundary(&'static str),
}

/// The escape whose letter is at `chars[i]` (just after the backslash), inside a class or not;
/// with the index after it.
fn escape(chars: &[char], i: usize, in_class: bool) -> Result<(Atom, usize), String> {
    let c = *chars.get(i).ok_or("a pattern cannot end with `\\`")?;
    let atom = match c {
        'd' => Atom::Set(&DIGIT, false),
        'D' => Atom::Set(&DIGIT, true),
        's' => Atom::Set(&SPACE, false),
        'S' => Atom::Set(&SPACE, true),
        'w' => Atom::Set(&WORD, false),
        'W' => Atom::Set(&WORD, true),
        'b' if in_class => Atom::Char('\u{8}'),
        'b' => Atom::Boundary("\\b"),
        'B' if !in_class => Atom::Boundary("\\B"),
        't' => Atom::Char('\t'),
        'n' => Atom::Char('\n'),
        'v' => Atom::Char('\u{B}'),
        'f' => Atom::Char('\u{C}'),
        'r' => Atom::Char('\r'),
        '0' if !chars.get(i + 1).is_some_and(char::is_ascii_digit) => Atom::Char('\0'),
        'x' | 'u' => {
            let n = if c == 'x' { 2 } else { 4 };
            let hex: String = chars[i + 1..].iter().take(n).collect();
            let code = (hex.len() == n)
                .then(|| u32::from_str_radix(&hex, 16).ok())
                .flatten()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("`\\{c}{hex}` is not a {n}-digit character code"))?;
            return Ok((Atom::Char(code), i + 1 + n));
        }
        // ECMAScript's identity escapes: the character itself.
        c if c.is_ascii_punctuation() || c == ' ' => Atom::Char(c),
        c => return Err(format!("`\\{c}` is not supported")),
    };
    Ok((atom, i + 1))
}

/// The class whose first character after `[` is at `chars[i]`, written to `out` with each
/// member spelled out; the index after its `]`.
fn class(chars: &[char], mut i: usize, out: &mut String) -> Result<usize, String> {
    let negated = chars.get(i) == Some(&'^');
    if negated {
        i += 1;
    }
    if chars.get(i) == Some(&']') {
        return Err("an empty class `[]` is not supported".into());
    }
    let mut members = String::new();
    loop {
        match chars.get(i) {
            None => return Err("a class without its `]`".into()),
            Some(']') => break,
            Some(_) => {}
        }
        let (first, next) = member(chars, i)?;
        i = next;
        let is_range = chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|&c| c != ']');
        match first {
            Member::Char(low) if is_range => {
                let (Member::Char(high), next) = member(chars, i + 1)? else {
                    return Err("a class escape cannot end a range".into());
                };
                if high < low {
                    return Err(format!("the range `{low}-{high}` is out of order"));
                }
                i = next;
                range(&mut members, u32::from(low), u32::from(high));
            }
            Member::Char(c) => range(&mut members, u32::from(c), u32::from(c)),
            Member::Set(_) if is_range => {
                return Err("a class escape cannot start a range".into());
            }
            Member::Set(set) => set.iter().for_each(|&(a, b)| range(&mut members, a, b)),
        }
    }
    out.push('[');
    if negated {
        out.push('^');
    }
    out.push_str(&members);
    out.push(']');
    Ok(i + 1)
}

/// One member of a class: a character, or a class escape (which cannot end a range).
enum Member {
    Char(char),
    Set(&'static [(u32, u32)]),
}

/// The class member at `chars[i]`, with the index after it.
fn member(chars: &[char], i: usize) -> Result<(Member, usize), String> {
    match chars.get(i) {
        None => Err("a class without its `]`".into()),
        Some('\\') => match escape(chars, i + 1, true)? {
            (Atom::Char(c), next) => Ok((Member::Char(c), next)),
            (Atom::Set(set, false), next) => Ok((Member::Set(set), next)),
            (Atom::Set(..), _) => Err(
                "a negated class escape (`\\D`, `\\S`, `\\W`) inside a class is not supported"
                    .into(),
            ),
            (Atom::Boundary(b), _) => Err(format!("`{b}` inside a class is not supported")),
        },
        Some(&c) => Ok((Member::Char(c), i + 1)),
    }
}

fn range(out: &mut String, low: u32, high: u32) {
    let _ = if low == high {
        write!(out, "\\x{{{low:X}}}")
    } else {
        write!(out, "\\x{{{low:X}}}-\\x{{{high:X}}}")
    };
}

fn literal(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || c == ' ' {
        out.push(c);
    } else {
        range(out, u32::from(c), u32::from(c));
    }
}

fn class_of(out: &mut String, set: &[(u32, u32)]) {
    out.push('[');
    set.iter().for_each(|&(a, b)| range(out, a, b));
    out.push(']');
}

fn negated_class(out: &mut String, set: &[(u32, u32)]) {
    out.push_str("[^");
    set.iter().for_each(|&(a, b)| range(out, a, b));
    out.push(']');
}
