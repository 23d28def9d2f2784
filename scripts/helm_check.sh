#!/usr/bin/env bash
# The Helm chart's checks: helm lint, helm template for every documented value set, and the rendered manifests
# validated against the Kubernetes API schemas (kubeconform, schemas vendored in deploy/helm/kubernetes-schemas).
#   scripts/helm_check.sh install   install helm and kubeconform only (idempotent; cached)
#   scripts/helm_check.sh           install if needed, then check
# Tools come from the Go module proxy (`go install`), versions in deploy/helm/tools.env, binaries cached in
# $VERTELPUNT_TOOLS (default /var/tmp/vertelpunt/tools/<tool>-<version>/), Go's caches stay in ~/go and ~/.cache.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../deploy/helm/tools.env
source deploy/helm/tools.env
tools="${VERTELPUNT_TOOLS:-/var/tmp/vertelpunt/tools}"
helm="$tools/helm-$HELM_VERSION-k8s$KUBERNETES_VERSION/helm"
kubeconform="$tools/kubeconform-$KUBECONFORM_VERSION/kubeconform"

go_is_recent() {  # the `go` on PATH is at least GO_MINIMUM
  local have
  have="$(go env GOVERSION 2>/dev/null | sed 's/^go//')" || return 1
  [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$GO_MINIMUM" "$have" | sort -V | head -n1)" = "$GO_MINIMUM" ]
}

ensure_go() {  # a recent enough Go on PATH; else the toolchain module from the Go module proxy, cached
  if command -v go >/dev/null 2>&1 && go_is_recent; then return; fi
  local goroot="$tools/$GO_TOOLCHAIN" platform
  platform="$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m | sed 's/x86_64/amd64/; s/aarch64/arm64/')"
  if [ ! -x "$goroot/bin/go" ]; then
    echo "… fetching the Go toolchain $GO_TOOLCHAIN (golang.org/toolchain from the Go module proxy)"
    local zip="$tools/$GO_TOOLCHAIN.zip" unpacked="$tools/$GO_TOOLCHAIN.unpacking"
    mkdir -p "$tools" && rm -rf "$unpacked"
    curl -fsSL -o "$zip" "${GOPROXY_URL:-https://proxy.golang.org}/golang.org/toolchain/@v/v0.0.1-$GO_TOOLCHAIN.$platform.zip"
    python3 -m zipfile -e "$zip" "$unpacked"
    mv "$unpacked/golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.$platform" "$goroot"
    chmod +x "$goroot"/bin/* "$goroot"/pkg/tool/*/*
    rm -rf "$zip" "$unpacked"
  fi
  export PATH="$goroot/bin:$PATH" GOTOOLCHAIN=local
}

go_install() {  # <binary path> <package@version> [extra -ldflags]
  if [ -x "$1" ]; then return; fi
  ensure_go
  echo "… installing $2 (go install through the Go module proxy; a few minutes the first time)"
  local started=$SECONDS
  mkdir -p "$(dirname "$1")"
  GOBIN="$(dirname "$1")" GOFLAGS=-trimpath CGO_ENABLED=0 go install -ldflags "-s -w ${3:-}" "$2"
  echo "  installed $(basename "$1") in $((SECONDS - started)) s"
}

# As helm's own Makefile does: stamp the version, and make the Kubernetes version that `helm template` and
# `helm lint` assume by default the one the manifests are validated against.
kube="${KUBERNETES_VERSION#v}"
go_install "$helm" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" "$(printf -- '-X %s=%s ' \
  helm.sh/helm/v3/internal/version.version "$HELM_VERSION" \
  helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor "${kube%%.*}" \
  helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor "$(echo "$kube" | cut -d. -f2)" \
  helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor "${kube%%.*}" \
  helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor "$(echo "$kube" | cut -d. -f2)")"
go_install "$kubeconform" "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
if [ "${1:-check}" = install ]; then exit 0; fi

chart=deploy/helm/vertelpunt
schemas="deploy/helm/kubernetes-schemas/$KUBERNETES_VERSION"
rendered="$(mktemp -d)"
trap 'rm -rf "$rendered"' EXIT
export HELM_CACHE_HOME="$rendered/cache" HELM_CONFIG_HOME="$rendered/config" HELM_DATA_HOME="$rendered/data"

# Every documented value set: the defaults (nothing enabled) and the two deployment shapes of README.md.
for values in "$chart/values.yaml" "$chart"/values-*.yaml; do
  set_name="$(basename "$values" .yaml)"
  echo "… helm lint and template: $set_name"
  "$helm" lint --strict --quiet "$chart" -f "$values"
  "$helm" template "vertelpunt-$set_name" "$chart" -f "$values" --namespace vertelpunt \
    --kube-version "${KUBERNETES_VERSION#v}" >"$rendered/$set_name.yaml"
done
echo "… kubeconform against Kubernetes $KUBERNETES_VERSION ($schemas)"
"$kubeconform" -strict -summary -schema-location "$schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
  "$rendered"/*.yaml
