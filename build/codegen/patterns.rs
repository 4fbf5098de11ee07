//! The specs' patterns compiled at build time into dense DFAs (regex-automata), written to
//! `OUT_DIR` with a table the layer's validation searches (`OUT_DIR/patterns.rs`): nothing is
//! compiled at run time, and a search is a walk of a table, not a simulation of an NFA.

use std::collections::BTreeSet;
use std::path::Path;

use regex_automata::dfa::dense;
use serde_json::Value;

use super::{pattern, Result};

/// Compiles every `pattern` of the specs (as JSON) for a target of the given endianness;
/// the table's Rust source, its DFAs written beside it.
pub fn compile(specs: &[String], out_dir: &Path, big_endian: bool) -> Result<String> {
    let mut sources = BTreeSet::new();
    for spec in specs {
        let doc: Value = serde_json::from_str(spec).map_err(|e| e.to_string())?;
        collect(&doc, &mut sources);
    }
    let mut table = String::from(
        "/// The specs' patterns as dense DFAs, by ECMAScript source (see build/codegen/patterns.rs).\n\
         pub(crate) static COMPILED: &[(&str, &Aligned<[u8]>)] = &[\n",
    );
    for (i, source) in sources.iter().enumerate() {
        let translated = pattern::to_regex_lite(source)?;
        let config = dense::Config::new().minimize(true);
        let dfa = dense::Builder::new()
            .configure(config)
            .build(&translated)
            .map_err(|e| format!("pattern {source:?}: no DFA: {e}"))?;
        let (bytes, pad) = match big_endian {
            true => dfa.to_bytes_big_endian(),
            false => dfa.to_bytes_little_endian(),
        };
        let file = format!("pattern_{i}.dfa");
        std::fs::write(out_dir.join(&file), &bytes[pad..]).map_err(|e| e.to_string())?;
        table.push_str(&format!(
            "    ({source:?}, &Aligned {{ _align: [], bytes: *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\")) }}),\n"
        ));
    }
    table.push_str("];\n");
    Ok(table)
}

/// Every string under a `pattern` key.
fn collect(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("pattern", Value::String(p)) => {
                        out.insert(p.clone());
                    }
                    _ => collect(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, out)),
        _ => {}
    }
}
