#!/usr/bin/env bash
# Informative benchmark, never part of the test suite: `bantin serve` edit-to-reload latency.
#
#   scripts/bench-serve.sh [N]     N bulletins in the generated site (default 1000)
#   EDITS=20                       edits of each kind (data value, narrative, locale, template)
#   ROUNDS=5                       full builds of the same site, the baseline (median)
#   SETTLE=5                       seconds to wait after deleting a round's output
#
# examples/gen_site writes the site (63 regions, 16 years of data, N bulletins in four
# languages). A full `bantin build --no-png` of it is the baseline (serve draws no PNG until
# a page asks for one); then examples/serve_latency starts `bantin serve` on the same site with
# five pages open (each language's home and one bulletin, as an editor's tabs), and times each
# edit from the file's write to the reload event of the open page it changes; for edits that
# touch more pages than render at once, also until every page is current. Absolute times drift
# on shared machines: compare within one run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-1000}"
EDITS="${EDITS:-20}"
ROUNDS="${ROUNDS:-5}"

cd "$ROOT"
cargo build --release --quiet --bin bantin --example gen_site --example serve_latency
BIN="$ROOT/target/release/bantin"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$ROOT/target/release/examples/gen_site" --bulletins "$N" --out "$WORK/site" >/dev/null

times=()
for round in $(seq "$ROUNDS"); do
    start=$(date +%s%N)
    "$BIN" build --root "$WORK/site" --no-png --output "$WORK/out-$round" >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
    rm -rf "$WORK/out-$round"
    # Let the deleted output's writeback finish before the next round, so it does not
    # slow that round down.
    sync
    sleep "${SETTLE:-5}"
done
full_ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "N=$N: full build (--no-png), median of $ROUNDS: ${full_ms} ms (${times[*]})"

"$ROOT/target/release/examples/serve_latency" --bantin "$BIN" --root "$WORK/site" --edits "$EDITS" \
    | tee "$WORK/serve.txt"
template_ms=$(awk '/^template: median/ {print $3}' "$WORK/serve.txt")
whole_ms=$(awk '/^template: every page current/ {print $7}' "$WORK/serve.txt")
awk -v t="$template_ms" -v w="${whole_ms:-0}" -v f="$full_ms" 'BEGIN {
    printf "template edit to the open page'"'"'s reload / full build: %.3f\n", t / f
    if (w > 0) printf "template edit to every page current / full build: %.2f\n", w / f
}'
