#!/usr/bin/env bash
# Install the third-party checkers used by scripts/validate.sh.
#
# Idempotent and non-interactive: safe to run at the start of every test run
# (CI=true, no stdin, as root on Debian 12). Every step skips quickly when it
# is already done:
#   - apt:  `dpkg-query` tells which packages are missing; `apt-get update`
#           and `apt-get install` only run when something is missing.
#   - pip:  .venv-check/.bantin-stamp holds a hash of the pinned requirements
#           and the python version; pip only runs when it changes.
#   - npm:  tests/e2e/node_modules/.bantin-stamp holds the sha256 of
#           tests/e2e/package-lock.json; `npm ci` only runs when it changes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf 'setup: %s\n' "$*"; }
t0=$SECONDS

# ---------------------------------------------------------------- apt
APT_PKGS=(chromium libxml2-utils librsvg2-bin fonts-noto-cjk fonts-noto-core fonts-dejavu-core)
command -v java >/dev/null 2>&1 || APT_PKGS+=(openjdk-17-jre-headless)
command -v python3 >/dev/null 2>&1 || APT_PKGS+=(python3)
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    APT_PKGS+=(python3-venv)
fi
command -v node >/dev/null 2>&1 || APT_PKGS+=(nodejs npm)

missing=()
for p in "${APT_PKGS[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
    [[ "$status" == "installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    log "apt: installing ${missing[*]}"
    SUDO=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
        SUDO=(sudo -n)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq </dev/null
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${missing[@]}" </dev/null >/dev/null
else
    log "apt: all present"
fi
[[ -x /usr/bin/chromium ]] || { echo "setup: /usr/bin/chromium missing after install" >&2; exit 1; }

# ---------------------------------------------------------------- python venv
PIP_PINS=(
    "fluent.syntax==0.19.0"
    "compare-locales==9.0.5"
    "linkchecker==10.6.0"
    "feedparser==6.0.12"
)
VENV="$ROOT/.venv-check"
want="$( { printf '%s\n' "${PIP_PINS[@]}"; python3 -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"
have="$(cat "$VENV/.bantin-stamp" 2>/dev/null || true)"
if [[ "$want" != "$have" || ! -x "$VENV/bin/linkchecker" ]]; then
    log "pip: installing ${PIP_PINS[*]} into .venv-check"
    # A venv whose interpreter no longer runs (python upgraded/moved) is rebuilt.
    if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
        rm -rf "$VENV"
        python3 -m venv "$VENV"
    fi
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/pip" install -q --no-input "${PIP_PINS[@]}" </dev/null
    printf '%s\n' "$want" >"$VENV/.bantin-stamp"
else
    log "pip: up to date"
fi

# ---------------------------------------------------------------- npm
E2E="$ROOT/tests/e2e"
want="$(sha256sum "$E2E/package-lock.json" "$E2E/package.json" | sha256sum | cut -d' ' -f1)"
have="$(cat "$E2E/node_modules/.bantin-stamp" 2>/dev/null || true)"
if [[ "$want" != "$have" || ! -f "$E2E/node_modules/vnu-jar/build/dist/vnu.jar" ]]; then
    log "npm: npm ci in tests/e2e"
    (cd "$E2E" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error </dev/null)
    printf '%s\n' "$want" >"$E2E/node_modules/.bantin-stamp"
else
    log "npm: up to date"
fi

log "done in $((SECONDS - t0))s"
