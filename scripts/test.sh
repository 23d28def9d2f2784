#!/usr/bin/env bash
# The project's test command (README): install, check, start the real stack, run every test, stop the
# stack (also on failure), and exit with the test suite's exit code.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
./scripts/check.sh

.venv/bin/vertelpunt stack up --fresh
trap '.venv/bin/vertelpunt stack down' EXIT
eval "$(.venv/bin/vertelpunt stack env)"

set +e
.venv/bin/pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
fi
exit "$status"
