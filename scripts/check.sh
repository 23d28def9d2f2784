#!/usr/bin/env bash
# Static checks: ruff (lint), mypy (strict on libs/), the licence of every installed dependency, and the Helm chart.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "… ruff"
.venv/bin/ruff check libs services gateway tests
echo "… mypy"
.venv/bin/mypy libs/kit/src libs/anonymisation/src
echo "… dependency licences"
.venv/bin/python scripts/check_licences.py
./scripts/helm_check.sh
echo "… API rules (Spectral, Dutch API Design Rules) on the intake's OpenAPI document"
./scripts/api-lint/lint.sh
