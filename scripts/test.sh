#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what it needs, then runs
# formatting and lint gates, the Rust tests, the example build and the third-party checkers.
# This is the README's test command and what CI runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n== %s\n' "$*"; }

step "setup"
scripts/setup.sh

step "the sitemap and feed gates reject bad samples (tests/fixtures/gates)"
scripts/test-gates.sh

step "format and lint"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings

step "unit and integration tests"
# Snapshots must match what is committed; CI never writes new ones.
INSTA_UPDATE=no cargo test --all-targets

step "fuzzing: data loader, narrative renderer, link reader and Fluent loader, briefly"
scripts/fuzz.sh "${FUZZ_SECONDS:-20}"

step "hostile content in a real browser (built by tests/hostile.rs)"
node tests/e2e/hostile.mjs target/hostile-site/output

step "bantin serve in a real browser: live reload and the error overlay"
# cargo test built target/debug/bantin for the integration tests.
serve_site="$(mktemp -d)"
cp -r content locales templates "$serve_site"/
SCREENSHOT_DIR="$ROOT/target/screenshots" node tests/e2e/live-reload.mjs target/debug/bantin "$serve_site"
rm -rf "$serve_site"

step "example site"
site="$(mktemp -d)/output"
cargo run --quiet -- build --output "$site"
# The example content has exactly one known figure warning (see README): check must pass.
cargo run --quiet -- check

step "example site hosted under a sub-path"
# Published in a sub-folder, the site must still hold together: served only under /bao-cao/,
# every page, the sitemap and the feeds are checked, with the absolute URLs built from the
# base URL pointing at the local server, so that linkchecker follows them too.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port/bao-cao/"
sub_site="$(mktemp -d)/output"
"${CARGO_TARGET_DIR:-target}/debug/bantin" build --no-png --base-url "$base" --output "$sub_site"
BASE_URL="$base" STEPS="linkchecker sitemap feeds" scripts/validate.sh "$sub_site"

if [[ -x scripts/check-locales.sh ]]; then
    step "translations (fluent.syntax, compare-locales)"
    scripts/check-locales.sh
fi

step "third-party checkers on the example site"
AXE_ALL=1 SCREENSHOT_DIR="$ROOT/target/screenshots" scripts/validate.sh "$site"
