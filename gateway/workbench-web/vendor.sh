#!/usr/bin/env bash
# Installs the Werkplaats' browser assets from the lockfile (pinned versions), checks every licence, bundles
# Vega + Vega-Lite + vega-embed + the CSP-safe expression interpreter into one script, and copies it with the
# NL Design System CSS into the workbench's static folder. Nothing is ever loaded from a CDN; the gateway refuses
# to start when these files are missing. Called by scripts/bootstrap.sh; quick when the lockfile has not changed.
set -euo pipefail
cd "$(dirname "$0")"
target=../src/vertelpunt/gateway/workbench/static/vendor
stamp="$target/.package-lock.sha256"
wanted=$( (cat package-lock.json src/charts-bundle.js vendor.sh) | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -f "$target/vega-bundle.js" ] && [ -d node_modules/axe-core ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: install Node.js 18+ (apt-get install nodejs npm) for the Werkplaats assets" >&2
  exit 1
fi
node check-licences.js
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$target"
node_modules/.bin/esbuild src/charts-bundle.js --bundle --minify --format=iife --target=es2020 \
  --legal-comments=external --log-level=warning --outfile="$target/vega-bundle.js"
cp node_modules/@utrecht/component-library-css/dist/index.css "$target/utrecht-components.css"
cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css "$target/voorbeeld-theme.css"
for package in vega vega-lite vega-embed vega-interpreter @utrecht/component-library-css \
    @nl-design-system-unstable/voorbeeld-design-tokens; do
  cp "node_modules/$package/LICENSE"* "$target/LICENSE.$(basename "$package").txt"
done
echo "$wanted" > "$stamp"
echo "installed the Werkplaats assets (vega $(node -p 'require("./node_modules/vega/package.json").version')) into $target"
