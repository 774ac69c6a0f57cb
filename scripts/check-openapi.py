#!/usr/bin/env python3
"""Checks docs/openapi.yaml and the real responses the integration tests recorded against it.

Usage: check-openapi.py OPENAPI.yaml [RESPONSES_DIR]

1. The document must be a valid OpenAPI 3.1 document (openapi-spec-validator).
2. Every recorded response (JSON lines: method, path, status, contentType, body) must match an
   operation of the document, have a documented status, and, where the document gives a JSON
   schema for that status and media type, validate against it (JSON Schema 2020-12, formats
   checked). Responses for paths the document does not describe yet are counted and listed.
"""
import glob
import json
import os
import re
import sys

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def pointer(*parts):
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def main():
    spec_path = sys.argv[1]
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    validate(spec)
    print(f"openapi: {spec_path} is a valid OpenAPI {spec['openapi']} document")

    responses_dir = sys.argv[2] if len(sys.argv) > 2 else None
    if not responses_dir or not os.path.isdir(responses_dir):
        print("openapi: no recorded responses to check")
        return 0

    registry = Registry().with_resource("urn:inkwell:openapi", Resource.from_contents(spec, default_specification=DRAFT202012))
    templates = []
    for template, item in spec["paths"].items():
        regex = "^" + re.sub(r"\{[^/]+\}", "[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")) + "$"
        templates.append((template, re.compile(regex), item))

    def resolve(obj):
        while isinstance(obj, dict) and "$ref" in obj:
            node = spec
            for part in obj["$ref"].lstrip("#/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            obj = node
        return obj

    checked = failures = undocumented = 0
    unlisted: set[str] = set()
    for file in sorted(glob.glob(os.path.join(responses_dir, "*.jsonl"))):
        with open(file) as f:
            for line in f:
                r = json.loads(line)
                method, path, status = r["method"].lower(), r["path"], str(r["status"])
                match = next(((t, item) for t, rx, item in templates if rx.match(path)), None)
                if match is None or method not in match[1]:
                    undocumented += 1
                    unlisted.add(f"{method.upper()} {match[0] if match else path} -> {status}")
                    continue
                template, item = match
                operation = item[method]
                responses = operation.get("responses", {})
                if status not in responses:
                    failures += 1
                    print(f"openapi: FAIL {method.upper()} {path} -> {status}: status not documented for {template}")
                    continue
                checked += 1
                response = resolve(responses[status])
                media = (r.get("contentType") or "").split(";")[0].strip()
                content = response.get("content", {})
                if not content:
                    continue
                if media not in content:
                    failures += 1
                    print(f"openapi: FAIL {method.upper()} {path} -> {status}: content type {media!r} not documented ({', '.join(content)})")
                    continue
                schema_node = content[media].get("schema")
                if schema_node is None or media == "text/plain":
                    continue
                # Point at the schema inside the document, so its $refs resolve.
                if "$ref" in responses[status]:
                    ref = responses[status]["$ref"]
                    location = ref + "/" + "/".join(["content", media.replace("/", "~1"), "schema"])
                else:
                    location = pointer("paths", template, method, "responses", status, "content", media, "schema")
                validator = Draft202012Validator({"$ref": "urn:inkwell:openapi" + location}, registry=registry, format_checker=FormatChecker())
                errors = sorted(validator.iter_errors(r["body"]), key=lambda e: list(e.path))
                if errors:
                    failures += 1
                    print(f"openapi: FAIL {method.upper()} {path} -> {status}: {errors[0].message} at {list(errors[0].path)}")
    print(f"openapi: {checked} recorded responses checked, {failures} failed, {undocumented} for paths not yet documented")
    for entry in sorted(unlisted)[:20]:
        print(f"openapi:   not documented: {entry}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
