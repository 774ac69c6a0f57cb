#!/usr/bin/env python3
"""Checks the event documents: docs/events/asyncapi.yaml and docs/events/schemas/*.json.

- every JSON Schema is a valid draft 2020-12 schema whose `type` const names its file;
- the AsyncAPI 3.0 document's channel messages resolve, each message's payload points at an
  existing schema of the same type, and every schema file is described by exactly one message.
(The events the services really publish are validated against the same schemas by the
integration tests.)
"""
import json
import os
import sys

import yaml
from jsonschema import Draft202012Validator


def main():
    root = sys.argv[1]
    events_dir = os.path.join(root, "docs", "events")
    schemas_dir = os.path.join(events_dir, "schemas")
    problems = []
    schemas = {}
    for name in sorted(os.listdir(schemas_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(schemas_dir, name)) as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
        event_type = schema.get("properties", {}).get("type", {}).get("const")
        if event_type + ".json" != name:
            problems.append(f"{name}: its type const is {event_type!r}")
        schemas[name] = schema

    with open(os.path.join(events_dir, "asyncapi.yaml")) as f:
        doc = yaml.safe_load(f)
    if doc.get("asyncapi") != "3.0.0":
        problems.append("asyncapi.yaml: not an AsyncAPI 3.0.0 document")
    messages = doc.get("components", {}).get("messages", {})
    described = {}
    for key, message in messages.items():
        ref = message.get("payload", {}).get("schema", {}).get("$ref", "")
        file = os.path.basename(ref)
        if file not in schemas:
            problems.append(f"message {key}: payload {ref!r} is not a schema file")
            continue
        if message.get("name") != file[:-5]:
            problems.append(f"message {key}: name {message.get('name')!r} differs from its schema {file}")
        described[file] = described.get(file, 0) + 1
    for name in schemas:
        if described.get(name) != 1:
            problems.append(f"{name}: described by {described.get(name, 0)} messages of asyncapi.yaml")
    for channel_key, channel in doc.get("channels", {}).items():
        for message_key, message in (channel.get("messages") or {}).items():
            target = message.get("$ref", "").removeprefix("#/components/messages/")
            if target not in messages:
                problems.append(f"channel {channel_key}: message {message_key} -> {message.get('$ref')!r} does not resolve")
    for operation_key, operation in doc.get("operations", {}).items():
        target = operation.get("channel", {}).get("$ref", "").removeprefix("#/channels/")
        if target not in doc.get("channels", {}):
            problems.append(f"operation {operation_key}: channel does not resolve")

    for problem in problems:
        print(f"events: FAIL {problem}")
    print(f"events: {len(schemas)} schemas, {len(messages)} AsyncAPI messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
