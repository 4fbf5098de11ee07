//! A seed file read as JSON values with the line each node starts on (yaml-rust2's event
//! parser: serde's YAML readers keep no positions), so that a seed error names the file's line.
//! Plain scalars are typed by YAML 1.2's core schema (`7` an integer, `true` a boolean, `~` and
//! `null` null); quoted and block scalars are strings.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::Yaml;

/// The first document of `text`, and the line (from 1) each node starts on, by its path
/// (`cro`, `cro.getCustomer`, `cro.getCustomer[0]`).
pub(crate) fn read(text: &str) -> Result<(Value, BTreeMap<String, usize>), String> {
    let mut reader = Reader::default();
    Parser::new_from_str(text)
        .load(&mut reader, false)
        .map_err(|e| e.to_string())?;
    if let Some(error) = reader.error {
        return Err(error);
    }
    Ok((reader.done.unwrap_or(Value::Null), reader.lines))
}

/// A container being read: its path, its anchor, its value so far and, for a map, the key
/// read.
struct Open {
    path: String,
    anchor: usize,
    value: Value,
    key: Option<String>,
}

#[derive(Default)]
struct Reader {
    open: Vec<Open>,
    anchors: BTreeMap<usize, Value>,
    lines: BTreeMap<String, usize>,
    done: Option<Value>,
    error: Option<String>,
}

impl Reader {
    /// The path of the node that starts next, if it is a value (not a map's key).
    fn next_path(&self) -> Option<String> {
        let Some(parent) = self.open.last() else {
            return Some(String::new());
        };
        match &parent.value {
            Value::Array(items) => Some(format!("{}[{}]", parent.path, items.len())),
            _ => {
                let key = parent.key.as_ref()?;
                Some(match parent.path.is_empty() {
                    true => key.clone(),
                    false => format!("{}.{key}", parent.path),
                })
            }
        }
    }

    /// Adds a finished node to its parent (or ends the document).
    fn add(&mut self, value: Value, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        let Some(parent) = self.open.last_mut() else {
            self.done.get_or_insert(value);
            return;
        };
        match &mut parent.value {
            Value::Array(items) => items.push(value),
            Value::Object(map) => match parent.key.take() {
                Some(key) => {
                    map.insert(key, value);
                }
                None => match value {
                    Value::String(key) => parent.key = Some(key),
                    other => parent.key = Some(other.to_string()),
                },
            },
            _ => {}
        }
    }
}

/// A scalar as YAML 1.2's core schema types it.
fn scalar(text: String, style: TScalarStyle) -> Result<Value, String> {
    if style != TScalarStyle::Plain {
        return Ok(Value::String(text));
    }
    Ok(match Yaml::from_str(&text) {
        Yaml::Integer(n) => Value::Number(n.into()),
        Yaml::Real(r) => match r.parse::<f64>().ok().and_then(Number::from_f64) {
            Some(n) => Value::Number(n),
            None => return Err(format!("{text} is not a number JSON can hold")),
        },
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Null => Value::Null,
        _ => Value::String(text),
    })
}

impl MarkedEventReceiver for Reader {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() || self.done.is_some() {
            return;
        }
        let path = self.next_path();
        if let Some(path) = &path {
            self.lines.entry(path.clone()).or_insert(mark.line());
        }
        let open = |value, anchor| Open {
            path: path.clone().unwrap_or_default(),
            anchor,
            value,
            key: None,
        };
        match event {
            Event::Scalar(text, style, anchor, _) => match scalar(text, style) {
                Ok(value) => self.add(value, anchor),
                Err(e) => self.error = Some(format!("line {}: {e}", mark.line())),
            },
            Event::Alias(anchor) => {
                let value = self.anchors.get(&anchor).cloned().unwrap_or_default();
                self.add(value, 0);
            }
            Event::SequenceStart(anchor, _) => {
                self.open.push(open(Value::Array(Vec::new()), anchor))
            }
            Event::MappingStart(anchor, _) => {
                self.open.push(open(Value::Object(Map::new()), anchor))
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(done) = self.open.pop() {
                    self.add(done.value, done.anchor);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn values_are_typed_as_yaml_1_2_and_lines_are_the_nodes() {
        let text = "a: 7\nb: '7'\nc: [1.5, true, ~, null, \"x\", yes]\nd: &d {e: 1}\nf: *d\ng:\n  - h\n  - |\n    i\n";
        let (value, lines) = super::read(text).unwrap();
        assert_eq!(
            value,
            json!({"a": 7, "b": "7", "c": [1.5, true, null, null, "x", "yes"],
                   "d": {"e": 1}, "f": {"e": 1}, "g": ["h", "i\n"]})
        );
        assert_eq!(lines["a"], 1);
        assert_eq!(lines["c[1]"], 3);
        assert_eq!(lines["g"], 7);
        assert_eq!(lines["g[0]"], 7);
        // JSON is YAML.
        let (value, _) = super::read(r#"{"x": [1, {"y": null}]}"#).unwrap();
        assert_eq!(value, json!({"x": [1, {"y": null}]}));
        assert!(super::read("[1, 2").is_err());
        assert!(super::read("x: .inf").is_err(), "JSON has no infinity");
    }
}
