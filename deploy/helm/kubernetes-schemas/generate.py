"""Generate the JSON schemas kubeconform validates the chart against, from the Kubernetes OpenAPI v3 spec.

The spec ships in the k8s.io/kubernetes Go module (api/openapi-spec/v3), which the Go module proxy serves; no other
download is needed:

    go mod download -json k8s.io/kubernetes@v1.34.4      # prints "Dir": the module in the module cache
    python3 deploy/helm/kubernetes-schemas/generate.py <Dir>/api/openapi-spec/v3 deploy/helm/kubernetes-schemas/v1.34.4

Only the kinds the chart renders are written, one standalone file per kind, named as kubeconform looks them up
(`{{ .ResourceKind }}{{ .KindSuffix }}.json`, e.g. deployment-apps-v1.json). "Standalone strict" as in the
kubernetes-json-schema set: every $ref inlined, unknown properties refused, apiVersion and kind pinned; descriptions
are dropped to keep the files small. `--check` compares instead of writing (exit 1 on a difference).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

# (spec file, group/version, kind) of every object the chart renders.
KINDS: tuple[tuple[str, str, str], ...] = (
    ("api__v1_openapi.json", "v1", "ConfigMap"),
    ("api__v1_openapi.json", "v1", "Pod"),
    ("api__v1_openapi.json", "v1", "Service"),
    ("api__v1_openapi.json", "v1", "ServiceAccount"),
    ("apis__apps__v1_openapi.json", "apps/v1", "Deployment"),
    ("apis__networking.k8s.io__v1_openapi.json", "networking.k8s.io/v1", "Ingress"),
    ("apis__networking.k8s.io__v1_openapi.json", "networking.k8s.io/v1", "NetworkPolicy"),
    ("apis__policy__v1_openapi.json", "policy/v1", "PodDisruptionBudget"),
)
# Keys that do not constrain a value (documentation, client hints, server-side merge rules).
DROPPED = {"description", "default", "format", "readOnly", "example"}
REF_PREFIX = "#/components/schemas/"


def file_name(api_version: str, kind: str) -> str:
    """kubeconform's `{{ .ResourceKind }}{{ .KindSuffix }}.json` for a group/version and kind."""
    group, _, version = api_version.rpartition("/")
    suffix = f"-{group.split('.')[0]}-{version}" if group else f"-{version}"
    return f"{kind.lower()}{suffix}.json"


class Inliner:
    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas

    def resolve(self, node: Any, stack: tuple[str, ...] = ()) -> Any:
        if isinstance(node, list):
            return [self.resolve(item, stack) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            name = node["$ref"].removeprefix(REF_PREFIX)
            if name in stack:  # a recursive type (none in the kinds above): accept anything below it
                return {}
            return self.resolve(self.schemas[name], (*stack, name))
        if "allOf" in node and len(node["allOf"]) == 1:  # the spec wraps every $ref as allOf: [{$ref}]
            merged = {**self.resolve(node["allOf"][0], stack),
                      **{k: v for k, v in node.items() if k != "allOf"}}
            return self.resolve(merged, stack)
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in DROPPED or key.startswith("x-kubernetes-"):
                continue
            if key == "properties":
                out[key] = {name: self.resolve(child, stack) for name, child in value.items()}
            else:
                out[key] = self.resolve(value, stack)
        if node.get("x-kubernetes-int-or-string"):
            out = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        if out.pop("nullable", False) and isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        if "properties" in out and "additionalProperties" not in out and not node.get(
                "x-kubernetes-preserve-unknown-fields"):
            out["additionalProperties"] = False  # strict: a misspelt field is an error, not silently dropped
        return out


def generate(spec_dir: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    cache: dict[str, dict[str, Any]] = {}
    for spec_file, api_version, kind in KINDS:
        schemas = cache.setdefault(spec_file, json.loads((spec_dir / spec_file).read_text())["components"]["schemas"])
        group, _, version = api_version.rpartition("/")
        name = next(name for name, schema in schemas.items()
                    if {"group": group, "version": version, "kind": kind}
                    in schema.get("x-kubernetes-group-version-kind", []))
        schema = Inliner(schemas).resolve(schemas[name], (name,))
        schema["properties"]["apiVersion"] = {"type": "string", "enum": [api_version]}
        schema["properties"]["kind"] = {"type": "string", "enum": [kind]}
        schema["required"] = sorted({*schema.get("required", []), "apiVersion", "kind"})
        schema = {"$schema": "http://json-schema.org/draft-07/schema#", "title": f"{api_version} {kind}", **schema}
        files[file_name(api_version, kind)] = json.dumps(schema, indent=1, sort_keys=True) + "\n"
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec_dir", type=Path, help="api/openapi-spec/v3 of the k8s.io/kubernetes module")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--check", action="store_true", help="compare with out_dir instead of writing")
    args = parser.parse_args()
    files = generate(args.spec_dir)
    if args.check:
        stale = [name for name, text in files.items()
                 if not (args.out_dir / name).is_file() or (args.out_dir / name).read_text() != text]
        for name in stale:
            print(f"{args.out_dir / name} differs from the spec in {args.spec_dir}", file=sys.stderr)
        return 1 if stale else 0
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out_dir / name).write_text(text)
    print(f"wrote {len(files)} schemas to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
