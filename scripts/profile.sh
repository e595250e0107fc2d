#!/usr/bin/env bash
# Where a build's CPU time goes, by pipeline stage (informative, never part of the suite).
#
#   scripts/profile.sh SITE [BUILD-ARGS...]    e.g. scripts/profile.sh /dev/shm/bench/site-1000
#
#   CACHE=DIR                                  PNG cache to use (default: a new, cold one)
#
# Builds bantin in release mode with frame pointers and line tables (into target/profile, apart
# from the real release build), records `perf` samples of one `bantin build` of SITE into a
# temporary folder, and prints the share of samples per stage (scripts/profile_stages.py).
# With CACHE pointing at the cache of an earlier build, the profile is of a warm PNG cache.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="${1:?usage: scripts/profile.sh SITE [BUILD-ARGS...]}"
shift
command -v perf >/dev/null || {
    echo "perf is needed: apt-get install linux-perf" >&2
    exit 1
}
cd "$ROOT"
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=line-tables-only RUSTFLAGS="-C force-frame-pointers=yes" \
    cargo build --release --quiet --bin bantin --target-dir target/profile
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
perf record -q -F 1000 --call-graph fp -o "$WORK/perf.data" \
    target/profile/release/bantin build --quiet --root "$SITE" --output "$WORK/out" \
    --cache-dir "${CACHE:-$WORK/cache}" "$@" >/dev/null
perf script -i "$WORK/perf.data" -F ip,sym 2>/dev/null >"$WORK/stacks.txt"
python3 scripts/profile_stages.py "$WORK/stacks.txt"
