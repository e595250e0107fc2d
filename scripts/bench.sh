#!/usr/bin/env bash
# Informative benchmark, never part of the test suite: bantin against Hugo on a generated site.
#
#   scripts/bench.sh [N...]        N bulletins per site (default 1000), e.g. `1000 10000`
#   ROUNDS=5                       rounds per N; each round runs every variant once, interleaved
#   SETTLE=30                      seconds to wait after deleting a round's outputs (see below)
#   KEEP=DIR                       work in DIR and keep the sites, output and warm cache
#                                  (a folder on tmpfs, e.g. /dev/shm/bench, leaves the disk out)
#   COLD_ROUNDS=$ROUNDS            cold-PNG builds per N, the first build included (at least 1;
#                                  each rasterizes every chart and can take many minutes)
#   DELETE_EACH=1                  delete each build's output as soon as it is measured (at
#                                  N=10000 one bantin output is about 5 GB)
#   FLOOR_UP_TO=N                  time the copy floor only up to N bulletins (its `cp -r` also
#                                  copies the PNGs that bantin hard-links from its cache)
#
# For each N, examples/gen_site writes a bantin site (63 regions, 16 years of data, N bulletins
# in vi, en, zh, nb) and a Hugo site with the same narratives (numbers as text, no charts).
# Variants: bantin with a cold PNG cache, with a warm one, with --no-png; `hugo`; and the copy
# floor, `cp -r` of bantin's own output. Every build writes into a fresh folder. Wall time comes
# from `date +%s%N`, peak memory from `/usr/bin/time -v`. Absolute times drift on shared
# machines: compare within one run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-5}"
COLD_ROUNDS="${COLD_ROUNDS:-$ROUNDS}"
SETTLE="${SETTLE:-30}"
DELETE_EACH="${DELETE_EACH:-0}"
FLOOR_UP_TO="${FLOOR_UP_TO:-}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000)

install() {
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}
command -v hugo >/dev/null || install hugo
[ -x /usr/bin/time ] || install time
# The fonts PNG charts are drawn with (scripts/setup.sh installs the same).
for font in fonts-noto-cjk fonts-noto-core fonts-dejavu-core; do
    dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q "ok installed" || install --no-install-recommends "$font"
done

cd "$ROOT"
cargo build --release --quiet --bin bantin --example gen_site
BIN="$ROOT/target/release/bantin"
GEN="$ROOT/target/release/examples/gen_site"
# KEEP=DIR works in DIR and leaves the sites, bantin's output and its warm PNG cache there
# (for profiling the same builds); otherwise everything goes into a temporary folder.
if [ -n "${KEEP:-}" ]; then
    WORK="$KEEP"
    mkdir -p "$WORK"
else
    WORK="$(mktemp -d)"
    trap 'rm -rf "$WORK"' EXIT
fi

# measure NAME COMMAND...: runs COMMAND once, appends "milliseconds peak-KiB" to $RESULTS/NAME.
# A failing command stops the script with its output: an error must not pass for a fast build.
# With DELETE_EACH=1, `measure_in DIR NAME COMMAND...` deletes DIR once it is measured.
measure_in() {
    local dir="$1"
    shift
    measure "$@"
    [ "$DELETE_EACH" = 1 ] && rm -rf "$dir"
    return 0
}

measure() {
    local name="$1" start end
    shift
    start=$(date +%s%N)
    if ! /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/log.txt" 2>&1; then
        echo "failed: $*" >&2
        cat "$WORK/log.txt" >&2
        exit 1
    fi
    end=$(date +%s%N)
    echo "$(((end - start) / 1000000)) $(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt")" \
        >>"$RESULTS/$name"
}

# stats FILE: median, min and max of the seconds, median peak MiB.
stats() {
    awk '{ms[NR] = $1; kb[NR] = $2}
        function median(a, n,   i, j, t) {
            for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        END {
            med = median(ms, NR); lo = ms[1]; hi = ms[NR]
            printf "%.3f %.3f %.3f %.0f\n", med / 1000, lo / 1000, hi / 1000, median(kb, NR) / 1024
        }' "$1"
}

count() { find "$1" -name "$2" | wc -l; }

declare -A MEDIAN RSS
for n in "${SIZES[@]}"; do
    RESULTS="$WORK/results-$n"
    mkdir -p "$RESULTS"
    site="$WORK/site-$n"
    hugo_site="$WORK/hugo-$n"
    echo "== N=$n: generating"
    "$GEN" --bulletins "$n" --out "$site" --hugo "$hugo_site"

    # One visible build of each first: it fills the warm PNG cache and is the copy floor's input.
    echo "== N=$n: first builds (visible)"
    first="$WORK/first-$n"
    warm_cache="$WORK/cache-warm-$n"
    # The first build has a cold PNG cache: it counts as the first cold round.
    measure bantin-cold "$BIN" build --root "$site" --output "$first" --cache-dir "$warm_cache"
    cat "$WORK/log.txt"
    echo "bantin, cold PNG cache: $(tail -n 1 "$RESULTS/bantin-cold" | cut -d' ' -f1) ms"
    hugo --quiet -s "$hugo_site" -d "$WORK/hugo-first-$n"
    pages=$(count "$first" '*.html')
    bulletin_pages=$(find "$first" -path '*/bulletins/*' -name index.html | wc -l)
    charts=$(count "$first" '*.svg')
    pngs=$(count "$first" '*.png')
    hugo_pages=$(count "$WORK/hugo-first-$n" '*.html')
    mkdir -p "$WORK/round"
    mv "$WORK/hugo-first-$n" "$WORK/round/"
    [ "$DELETE_EACH" = 1 ] && rm -rf "$WORK/round"

    for round in $(seq 1 "$ROUNDS"); do
        # Outputs stay until the round ends: ext4 allocates inodes slowly next to ones deleted
        # in the last half minute, so deleting between builds would slow the next one down.
        rm -rf "$WORK/round"
        sleep "$SETTLE"
        echo "== N=$n: round $round of $ROUNDS"
        out="$WORK/round"
        if [ "$round" -lt "$COLD_ROUNDS" ]; then
            measure_in "$out/cold" bantin-cold "$BIN" build --root "$site" --output "$out/cold" --cache-dir "$out/cache"
            [ "$DELETE_EACH" = 1 ] && rm -rf "$out/cache"
        fi
        measure_in "$out/warm" bantin-warm "$BIN" build --root "$site" --output "$out/warm" --cache-dir "$warm_cache"
        measure_in "$out/no-png" bantin-no-png "$BIN" build --no-png --root "$site" --output "$out/no-png"
        measure_in "$out/hugo" hugo hugo --quiet -s "$hugo_site" -d "$out/hugo"
        if [ -z "$FLOOR_UP_TO" ] || [ "$n" -le "$FLOOR_UP_TO" ]; then
            measure_in "$out/copy" copy-floor cp -r "$first" "$out/copy"
        fi
    done
    rm -rf "$WORK/round"

    echo
    echo "N=$n bulletins: bantin writes $pages HTML pages ($bulletin_pages bulletin pages), $charts SVG and $pngs PNG charts; Hugo $hugo_pages HTML pages"
    printf '%-22s %9s %17s %9s %9s %9s\n' variant "median s" "min–max s" "peak MB" "pages/s" "charts/s"
    for variant in bantin-cold bantin-warm bantin-no-png hugo copy-floor; do
        [ -s "$RESULTS/$variant" ] || continue
        read -r med lo hi mb < <(stats "$RESULTS/$variant")
        MEDIAN[$variant,$n]=$med
        RSS[$variant,$n]=$mb
        runs=$(wc -l <"$RESULTS/$variant")
        case $variant in
            bantin-*) rate=$(awk -v p="$pages" -v c="$charts" -v t="$med" 'BEGIN {printf "%9.0f %9.0f", p / t, c / t}') ;;
            hugo) rate=$(awk -v p="$hugo_pages" -v t="$med" 'BEGIN {printf "%9.0f %9s", p / t, "-"}') ;;
            *) rate=$(printf '%9s %9s' - -) ;;
        esac
        printf '%-22s %9s %17s %9s %s\n' "$variant ($runs)" "$med" "$lo–$hi" "$mb" "$rate"
    done
    awk -v w="${MEDIAN[bantin-warm,$n]}" -v h="${MEDIAN[hugo,$n]}" -v c="${MEDIAN[copy-floor,$n]:-}" \
        'BEGIN {floor = "-"; if (c > 0) floor = sprintf("%.2f", w / c)
            printf "ratios: bantin-warm / hugo = %.2f, bantin-warm / copy-floor = %s\n\n", w / h, floor}'
    [ -n "${KEEP:-}" ] || rm -rf "$site" "$hugo_site" "$first" "$warm_cache"
done

if [ ${#SIZES[@]} -gt 1 ]; then
    small="${SIZES[0]}"
    echo "scaling against N=$small (time ratio; peak RSS):"
    for n in "${SIZES[@]:1}"; do
        awk -v n="$n" -v s="$small" -v wl="${MEDIAN[bantin-warm,$n]}" -v ws="${MEDIAN[bantin-warm,$small]}" \
            -v hl="${MEDIAN[hugo,$n]}" -v hs="${MEDIAN[hugo,$small]}" \
            'BEGIN {printf "  time(N=%s)/time(N=%s): bantin warm %.2f, hugo %.2f (sizes %.1f×)\n", n, s, wl / ws, hl / hs, n / s}'
    done
    for n in "${SIZES[@]}"; do
        echo "  peak RSS at N=$n: bantin warm ${RSS[bantin-warm,$n]} MB, bantin --no-png ${RSS[bantin-no-png,$n]} MB, hugo ${RSS[hugo,$n]} MB"
    done
fi
