#!/usr/bin/env bash
# Vendors GraphiQL and React for the gateway: `npm ci` from the lockfile (pinned versions), a licence check of
# every installed package, then the four browser files and their licences into the gateway's static folder.
# Nothing is ever loaded from a CDN. Called by scripts/bootstrap.sh; quick when the lockfile has not changed.
set -euo pipefail
cd "$(dirname "$0")"
target=../src/vertelpunt/gateway/static/graphiql/vendor
stamp="$target/.package-lock.sha256"
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -f "$target/graphiql.min.js" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: install Node.js 18+ (apt-get install nodejs npm) to vendor GraphiQL" >&2
  exit 1
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node licences.js
mkdir -p "$target"
cp node_modules/react/umd/react.production.min.js "$target/"
cp node_modules/react-dom/umd/react-dom.production.min.js "$target/"
cp node_modules/graphiql/graphiql.min.js node_modules/graphiql/graphiql.min.css "$target/"
for package in react react-dom graphiql graphql; do
  cp "node_modules/$package/LICENSE" "$target/LICENSE.$package.txt"
done
echo "$wanted" > "$stamp"
echo "vendored GraphiQL $(node -p 'require("./node_modules/graphiql/package.json").version') into $target"
