#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: uv, the Python workspace, and Debian packages
# for the local stack and browser tests. Idempotent and quick when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v uv >/dev/null 2>&1; then
  echo "… installing uv"
  python3 -m pip install --quiet "uv>=0.9,<1"
fi

apt_packages=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_packages+=(postgresql)
command -v mvn >/dev/null 2>&1 || apt_packages+=(maven)
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
command -v unzip >/dev/null 2>&1 || apt_packages+=(unzip)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)
# Container images and the testcontainers tests (tests/integration/containers): podman with its network stack,
# and debootstrap for the base root filesystem (no registry is reachable).
command -v podman >/dev/null 2>&1 || apt_packages+=(podman netavark aardvark-dns runc)
command -v iptables >/dev/null 2>&1 || apt_packages+=(iptables)
command -v debootstrap >/dev/null 2>&1 || apt_packages+=(debootstrap)
# The period report's PDF (WeasyPrint): Pango for text layout, and the font its plots are measured in.
ldconfig -p | grep -q "libpangoft2-1.0.so.0" || apt_packages+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
fc-list 2>/dev/null | grep -q "DejaVuSans.ttf" || apt_packages+=(fonts-dejavu-core fontconfig)
if [ ${#apt_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${apt_packages[*]}. Install them (as root): apt-get install ${apt_packages[*]}" >&2
    exit 1
  fi
  echo "… installing Debian packages: ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

echo "… syncing the Python workspace into .venv"
if [ -f uv.lock ]; then
  uv sync --all-packages --locked --quiet
else
  uv sync --all-packages --quiet
fi

echo "… vendoring GraphiQL for the gateway (npm ci, served locally, never from a CDN)"
./gateway/web/vendor.sh

echo "… installing the Werkplaats assets (npm ci, served locally, never from a CDN)"
./gateway/workbench-web/vendor.sh

echo "… helm and kubeconform for the chart checks (go install, cached in /var/tmp/vertelpunt/tools)"
./scripts/helm_check.sh install

# The federation's second PII check uses deduce, which builds its lookup structures (about two minutes) on first
# use and caches them inside the installed package. Build them here, once per install, so that neither the
# federation service's start nor a test run pays for it (with the cache, loading takes seconds).
if ! ls .venv/lib/python3*/site-packages/deduce/data/lookup/cache/lookup_structs.pickle >/dev/null 2>&1; then
  echo "… building deduce's lookup structures for the federation's second PII check (about two minutes)"
  .venv/bin/python -m vertelpunt.federation warm-up
fi
