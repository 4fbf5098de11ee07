"""Writes a copy of a spec whose *response* models are read the way the SDK reads them.

The vendors' own samples break some of their documented rules (CRO sends "sales_rep": ""
against "at least 1 character", and timestamps without an offset against ISO 8601
date-time). The SDK therefore decodes responses strictly on types and leniently on lengths,
patterns, enumerations and item counts (build.rs does the same to the generated models). This
script applies exactly that to the component schemas reachable from responses, so that
schemathesis checks the sandbox against the contract the SDK implements. Request-side schemas
(parameters, request bodies) keep every documented rule.

usage: response_lenient_spec.py <in.yaml> <out.json>
"""
import json
import sys

import yaml

LENIENT = ("minLength", "maxLength", "pattern", "enum", "minItems", "maxItems")


def refs(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[1]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def main(source, target):
    with open(source) as f:
        spec = yaml.safe_load(f)
    schemas = spec.get("components", {}).get("schemas", {})
    responses = []
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict):
                responses.append(operation.get("responses", {}))
    responses.append(spec.get("components", {}).get("responses", {}))
    seen, todo = set(), list(refs(responses))
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        todo.extend(refs(schemas[name]))
    requests = set()
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict):
                requests.update(refs(operation.get("requestBody", {})))
                requests.update(refs(operation.get("parameters", [])))

    def relax(node):
        if isinstance(node, dict):
            for key in LENIENT:
                node.pop(key, None)
            if node.get("format") == "date-time":
                node.pop("format")
            for value in node.values():
                relax(value)
        elif isinstance(node, list):
            for value in node:
                relax(value)

    for name in sorted(seen - requests):
        relax(schemas[name])
    with open(target, "w") as f:
        json.dump(spec, f)


if __name__ == "__main__":
    main(*sys.argv[1:])
