#!/usr/bin/env bash
# Validates docs/openapi.yaml and checks the responses the integration tests recorded against it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
py=python3
if ! "$py" -c 'import openapi_spec_validator, jsonschema, yaml, referencing' 2>/dev/null; then
    echo "==> installing the OpenAPI checker (pip: openapi-spec-validator jsonschema pyyaml)" >&2
    "$py" -m pip install --quiet openapi-spec-validator jsonschema pyyaml >&2
fi
exec "$py" "$root/scripts/check-openapi.py" "$root/docs/openapi.yaml" "${INKWELL_TEST_WORK_DIR:-/nonexistent}/responses"
