#!/usr/bin/env bash
# Lints the intake's OpenAPI document with Spectral (pinned in package-lock.json) against our ruleset for the
# Dutch API Design Rules (adr-ruleset.yaml). Fails on any error; warnings are printed. Usage: lint.sh [document]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
cd "$here"
stamp=node_modules/.package-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -x node_modules/.bin/spectral ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  command -v npm >/dev/null 2>&1 || { echo "npm is missing: apt-get install nodejs npm" >&2; exit 1; }
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$wanted" > "$stamp"
fi
document="${1:-}"
if [ -z "$document" ]; then
  document="$(mktemp --suffix=.json)"
  trap 'rm -f "$document"' EXIT
  "$root/.venv/bin/python" intake_openapi.py "$document"
fi
./node_modules/.bin/spectral lint --ruleset adr-ruleset.yaml --fail-severity error --format text "$document"
echo; echo "API rules (Dutch API Design Rules): 0 errors"
