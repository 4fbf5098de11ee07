"""Validates every example in every spec against its own schema, with a third-party validator
(openapi-schema-validator's OAS 3.0 validator: `nullable`, and the OAS 3.0 formats).

Examples checked: schema-level `example` (component schemas and every schema nested in one),
parameter and header `example`/`examples`, and media-type `example`/`examples` of request
bodies and responses, wherever they are defined (components or inline). A second, blind scan
counts every `example`/`examples` entry in the document, and the two counts must agree, so an
example the walk does not reach fails the run instead of going unchecked.

A departure listed in scripts/spec-allowlist.json (with `examples` in its `seen_by`) is
reported and tolerated; anything else fails, and so does a listed departure that no longer
occurs.

usage: validate-examples.py specs/*.yaml
"""
import json
import os
import sys

import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry
from referencing.jsonschema import DRAFT4

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
ALLOWLIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "spec-allowlist.json")


def escape(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens):
    return "".join("/" + escape(t) for t in tokens)


class Walk:
    """Collects (where, location, schema pointer, value) for every example of one spec."""

    def __init__(self, spec):
        self.spec = spec
        self.found = []

    def resolve(self, node, at):
        """A `$ref` object's target and its pointer; anything else as it is."""
        while isinstance(node, dict) and "$ref" in node:
            at = node["$ref"][1:]
            node = self.spec
            for token in at.split("/")[1:]:
                node = node[token.replace("~1", "/").replace("~0", "~")]
        return node, at

    def add(self, where, location, schema_at, value):
        self.found.append((where, location, schema_at, value))

    def schema(self, node, at, where):
        """A schema and every schema nested in it."""
        if not isinstance(node, dict) or "$ref" in node:
            return
        if "example" in node:
            self.add(where, at + "/example", at, node["example"])
        for key in ("properties",):
            for name, sub in node.get(key, {}).items():
                self.schema(sub, f"{at}/{key}/{escape(name)}", where)
        for key in ("allOf", "anyOf", "oneOf"):
            for i, sub in enumerate(node.get(key, [])):
                self.schema(sub, f"{at}/{key}/{i}", where)
        for key in ("items", "not", "additionalProperties"):
            if isinstance(node.get(key), dict):
                self.schema(node[key], f"{at}/{key}", where)

    def examples_of(self, node, at, schema_at, where):
        """`example` and `examples` of a parameter, header or media type."""
        if "example" in node:
            self.add(where, at + "/example", schema_at, node["example"])
        for name, example in node.get("examples", {}).items():
            example, example_at = self.resolve(example, f"{at}/examples/{escape(name)}")
            if "value" in example:
                self.add(f"{where} ({name})", example_at + "/value", schema_at, example["value"])

    def parameter(self, node, at, where):
        if "$ref" in node:
            return
        self.schema(node.get("schema"), at + "/schema", where)
        self.examples_of(node, at, at + "/schema", f"{where} parameter {node.get('name')}")

    def header(self, node, at, where):
        if "$ref" in node:
            return
        self.schema(node.get("schema"), at + "/schema", where)
        self.examples_of(node, at, at + "/schema", f"{where} header")

    def content(self, node, at, where):
        for media_type, media in node.get("content", {}).items():
            media_at = f"{at}/content/{escape(media_type)}"
            self.schema(media.get("schema"), media_at + "/schema", where)
            self.examples_of(media, media_at, media_at + "/schema", where)

    def response(self, node, at, where):
        if "$ref" in node:
            return
        for name, header in node.get("headers", {}).items():
            self.header(header, f"{at}/headers/{escape(name)}", f"{where} {name}")
        self.content(node, at, where)

    def run(self):
        components = self.spec.get("components", {})
        for name, schema in components.get("schemas", {}).items():
            self.schema(schema, pointer("components", "schemas", name), f"schema {name}")
        for name, node in components.get("parameters", {}).items():
            self.parameter(node, pointer("components", "parameters", name), f"parameter {name}")
        for name, node in components.get("headers", {}).items():
            self.header(node, pointer("components", "headers", name), f"header {name}")
        for name, node in components.get("responses", {}).items():
            self.response(node, pointer("components", "responses", name), f"response {name}")
        for name, node in components.get("requestBodies", {}).items():
            self.content(node, pointer("components", "requestBodies", name), f"body {name}")
        for path, item in self.spec.get("paths", {}).items():
            item_at = pointer("paths", path)
            for i, node in enumerate(item.get("parameters", [])):
                self.parameter(node, f"{item_at}/parameters/{i}", path)
            for method in METHODS:
                if method not in item:
                    continue
                op, op_at = item[method], f"{item_at}/{method}"
                where = f"{method.upper()} {path}"
                for i, node in enumerate(op.get("parameters", [])):
                    self.parameter(node, f"{op_at}/parameters/{i}", where)
                if "requestBody" in op and "$ref" not in op["requestBody"]:
                    self.content(op["requestBody"], op_at + "/requestBody", f"{where} request")
                for status, response in op.get("responses", {}).items():
                    self.response(response, f"{op_at}/responses/{escape(status)}", f"{where} {status}")
        return self.found


def blind_count(node, at=""):
    """Every `example` value and `examples` entry in the document, not looking inside them."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{at}/{escape(key)}"
            if key == "example":
                found.add(here)
            elif key == "examples" and isinstance(value, dict):
                for name, entry in value.items():
                    found.add(f"{here}/{escape(name)}")
            else:
                found |= blind_count(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found |= blind_count(value, f"{at}/{i}")
    return found


def main(paths):
    with open(ALLOWLIST) as f:
        allowlist = [e for e in json.load(f)["entries"] if "examples" in e["seen_by"]]
    seen = set()
    unexpected = []
    total = allowed = 0
    for path in paths:
        vendor = os.path.splitext(os.path.basename(path))[0]
        with open(path) as f:
            spec = yaml.safe_load(f)
        registry = Registry().with_resource("spec", DRAFT4.create_resource(spec))
        found = Walk(spec).run()
        reached = {
            loc.rsplit("/value", 1)[0] if loc.endswith("/value") else loc
            for _, loc, _, _ in found
        }
        blind = blind_count(spec)
        if reached != blind:
            sys.exit(
                f"{path}: the walk and the blind scan disagree; "
                f"unreached: {sorted(blind - reached)}, unexpected: {sorted(reached - blind)}"
            )
        for where, location, schema_at, value in found:
            total += 1
            validator = OAS30Validator(
                {"$ref": f"spec#{schema_at}"},
                registry=registry,
                format_checker=oas30_format_checker,
            )
            for error in sorted(validator.iter_errors(value), key=lambda e: list(e.path)):
                field = pointer(*error.absolute_path)
                rule = error.validator
                match = [
                    i
                    for i, e in enumerate(allowlist)
                    if (e["spec"], e["where"], e["field"], e["rule"]) == (vendor, where, field, rule)
                ]
                if match:
                    allowed += 1
                    seen.update(match)
                    print(f"allowed   {vendor} {where} {field or '/'}: {rule}: {error.message}")
                else:
                    unexpected.append(f"{vendor} {where} {field or '/'} ({location}): {rule}: {error.message}")
        print(f"{path}: {len(found)} examples")
    stale = [e for i, e in enumerate(allowlist) if i not in seen]
    for line in unexpected:
        print(f"VIOLATION {line}")
    for e in stale:
        print(f"STALE     allowlist entry not met: {e['spec']} {e['where']} {e['field']} {e['rule']}")
    print(
        f"examples validated: {total}; violations: {allowed + len(unexpected)} "
        f"({allowed} allowlisted, {len(unexpected)} not); stale allowlist entries: {len(stale)}"
    )
    if unexpected or stale:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
