#!/usr/bin/env bash
# Builds the example site (this repository's content/) into output/ with a release build.
# Installs the fonts that PNG charts need if they are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! dpkg-query -W -f='${db:Status-Status}' fonts-noto-cjk 2>/dev/null | grep -q installed; then
    echo "installing fonts-noto-cjk (Chinese and Vietnamese text in PNG charts)"
    SUDO=()
    [[ "$(id -u)" == 0 ]] || SUDO=(sudo -n)
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get update -qq </dev/null
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq fonts-noto-cjk </dev/null >/dev/null
fi

cargo run --release --quiet -- build "$@"
