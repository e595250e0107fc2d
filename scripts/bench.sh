#!/usr/bin/env bash
# Informative timings of the example build (release, median of 5) with a cold and a warm PNG
# cache, and charts per second. Absolute times drift on shared machines: compare within a run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
cargo build --release --quiet --bin bantin --example bench_charts
BIN="$ROOT/target/release/bantin"
OUT="$(mktemp -d)"
CACHE="$(mktemp -d)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }

# One visible build first: a failing build must not pass for a fast one below.
"$BIN" build --no-png --output "$OUT/site" >/dev/null

cold=(); warm=(); svg_only=()
for _ in 1 2 3 4 5; do
    rm -rf "$CACHE"
    cold+=("$(time_ms "$BIN" build --cache-dir "$CACHE" --output "$OUT/site")")
    warm+=("$(time_ms "$BIN" build --cache-dir "$CACHE" --output "$OUT/site")")
    svg_only+=("$(time_ms "$BIN" build --no-png --output "$OUT/site")")
done
echo "example build, release, median of 5:"
echo "  cold PNG cache: $(printf '%s\n' "${cold[@]}" | median) ms   (runs: ${cold[*]})"
echo "  warm PNG cache: $(printf '%s\n' "${warm[@]}" | median) ms   (runs: ${warm[*]})"
echo "  without PNG:    $(printf '%s\n' "${svg_only[@]}" | median) ms   (runs: ${svg_only[*]})"
"$ROOT/target/release/examples/bench_charts"
rm -rf "$OUT" "$CACHE"
