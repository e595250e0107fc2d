#!/usr/bin/env bash
# Validate a generated bantin site with independent third-party checkers.
#
# usage: scripts/validate.sh [folder]        (default: <repo>/output)
# env:   SCREENSHOT_DIR  where bulletin-<lang>.png go (default: <repo>/target/screenshots)
#        STEP_TIMEOUT    seconds allowed per step (default: 300)
#        AXE_ALL=1       run axe on every .html page, not just the representative sample
#        BASE_URL        the base URL the folder was built with (bantin build --base-url): the
#                        sitemap and the feeds must use it (default: the one robots.txt names).
#                        When it is http://127.0.0.1:PORT/PATH/, linkchecker serves the folder
#                        right there, only under PATH: the site is checked as hosted in a
#                        sub-folder, and its absolute URLs (canonical, hreflang, feeds, sitemap
#                        <loc>s) are checked like its relative links.
#        STEPS           the steps to run, space-separated (default: all of them)
#
# Steps, in order (all run; the exit status is non-zero if any step found anything):
#   vnu          W3C Nu checker on every .html (--errors-only) and every .svg (--also-check-svg)
#   linkchecker  every .html and sitemap.xml as start URLs, served over HTTP on 127.0.0.1,
#                [AnchorCheck] on; every URL of the server's origin counts as internal
#   sitemap      sitemap.xml (or its index and child sitemaps) against the sitemaps.org schema
#                with hreflang alternates; every <loc> and alternate a file of the folder;
#                robots.txt names the sitemap (scripts/check_sitemap.py)
#   feeds        <lang>/atom.xml: Atom fields, RFC 3339 times, entries = the newest bulletins,
#                every page under <lang>/ announces its feed (scripts/check_feeds.py)
#   axe          axe-core WCAG 2.1 A/AA + best-practice in Debian Chromium (tests/e2e/axe.mjs)
#   screenshots  full-page bulletin screenshots + CJK/Vietnamese font check (tests/e2e/screenshots.mjs)
#   layout       every page at 390 px and 1280 px: no sideways scroll, no clipped text, chart
#                text >= 11 CSS px; full-page screenshots in $SCREENSHOT_DIR/layout (tests/e2e/layout.mjs)
#   hostile      no script can run: no <script>, no on* attributes, no javascript: URLs, no dialogs
#                (tests/e2e/hostile.mjs)
# Run scripts/setup.sh first (it is fast when everything is already installed).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/tests/e2e"
VNU="$E2E/node_modules/vnu-jar/build/dist/vnu.jar"
LINKCHECKER="$ROOT/.venv-check/bin/linkchecker"
PY="$ROOT/.venv-check/bin/python"
SHOTS="${SCREENSHOT_DIR:-$ROOT/target/screenshots}"
STEP_TIMEOUT="${STEP_TIMEOUT:-300}"

DIR_ARG="${1:-$ROOT/output}"
if [[ ! -d "$DIR_ARG" ]]; then
    echo "validate: site folder not found: $DIR_ARG" >&2
    exit 2
fi
DIR="$(cd "$DIR_ARG" && pwd -P)"

ALL_STEPS=(vnu linkchecker sitemap feeds axe screenshots layout hostile)
for s in ${STEPS:-}; do
    [[ " ${ALL_STEPS[*]} " == *" $s "* ]] || { echo "validate: unknown step $s (steps: ${ALL_STEPS[*]})" >&2; exit 2; }
done
want() { [[ -z "${STEPS:-}" || " $STEPS " == *" $1 "* ]]; }

# Where linkchecker serves the folder: a random port at / unless BASE_URL is on this machine.
SERVE_PORT=0 SERVE_PREFIX=/
if [[ "${BASE_URL:-}" =~ ^http://127\.0\.0\.1:([0-9]+)(/.*)?$ ]]; then
    SERVE_PORT="${BASH_REMATCH[1]}"
    SERVE_PREFIX="${BASH_REMATCH[2]:-/}"
    [[ "$SERVE_PREFIX" == */ ]] || SERVE_PREFIX+=/
fi
BASE_ARGS=()
[[ -n "${BASE_URL:-}" ]] && BASE_ARGS+=(--base-url "$BASE_URL")

WORK="$(mktemp -d /tmp/bantin-validate.XXXXXX)"
chmod 755 "$WORK" # linkchecker drops to `nobody` when run as root: it must read its config
SERVER_PID=""
cleanup() {
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

declare -a NAMES=() STATUSES=() SUMMARIES=()
record() { NAMES+=("$1"); STATUSES+=("$2"); SUMMARIES+=("$3"); }
banner() { printf '\n==== %s ====\n' "$1"; }
t_start=$SECONDS

need() {
    if [[ ! -e "$1" ]]; then
        echo "missing $1: run scripts/setup.sh"
        return 1
    fi
}

mapfile -t HTML < <(cd "$DIR" && find . -type f \( -name '*.html' -o -name '*.htm' \) | sed 's|^\./||' | LC_ALL=C sort)
mapfile -t SVG < <(cd "$DIR" && find . -type f -name '*.svg' | sed 's|^\./||' | LC_ALL=C sort)
echo "validate: $DIR (${#HTML[@]} html, ${#SVG[@]} svg)${BASE_URL:+, built for $BASE_URL}"

# ------------------------------------------------------------------ (a) vnu
step_vnu() {
    need "$VNU" || return 1
    local rc=0 rc_svg=0 errors=0 n
    : >"$WORK/vnu.txt"
    if ((${#HTML[@]})); then
        timeout "$STEP_TIMEOUT" java -jar "$VNU" --errors-only --skip-non-html --format gnu "$DIR" \
            >"$WORK/vnu.txt" 2>&1 || rc=$?
    fi
    if ((${#SVG[@]})); then
        (cd "$DIR" && timeout "$STEP_TIMEOUT" java -jar "$VNU" --errors-only --also-check-svg --format gnu "${SVG[@]}") \
            >>"$WORK/vnu.txt" 2>&1 || rc_svg=$?
    fi
    # Make paths relative to the site folder.
    sed -e "s|file:$DIR/||g" -e "s|file:$DIR||g" "$WORK/vnu.txt" | sed -e 's|^"\([^"]*\)"|\1|'
    n="$(grep -cE ': (error|fatal|non-document-error)' "$WORK/vnu.txt" || true)"
    errors=$((n))
    # vnu failing without an error line (crash, bad args) still counts as one error.
    if ((errors == 0)) && ((rc != 0 || rc_svg != 0)); then errors=1; echo "vnu exited with $rc/$rc_svg"; fi
    VNU_SUMMARY="vnu: ${#HTML[@]} html, ${#SVG[@]} svg, $errors errors"
    echo "$VNU_SUMMARY"
    ((errors == 0))
}
if want vnu; then
    banner "vnu (W3C Nu HTML checker)"
    VNU_SUMMARY="vnu: not run"
    step_vnu; st=$?
    record vnu "$st" "$VNU_SUMMARY"
fi

# ------------------------------------------------------------------ (b) linkchecker
# The site is served over HTTP rather than checked as file:// URLs: root-relative
# links (/en/...) and anchors on directory URLs (foo/#bar) only resolve like
# they do on a web server that way.
step_linkchecker() {
    need "$LINKCHECKER" || return 1
    ((${#HTML[@]})) || { LC_SUMMARY="linkchecker: 0 links, 0 errors (no html)"; echo "$LC_SUMMARY"; return 1; }
    local origin="" rc=0 i
    node "$E2E/serve.mjs" "$DIR" --max-seconds="$STEP_TIMEOUT" --port="$SERVE_PORT" --prefix="$SERVE_PREFIX" \
        >"$WORK/origin.txt" 2>"$WORK/serve.err" &
    SERVER_PID=$!
    for i in $(seq 1 100); do
        origin="$(head -n1 "$WORK/origin.txt" 2>/dev/null || true)"
        [[ -n "$origin" ]] && break
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -z "$origin" ]]; then
        echo "could not start the static server:"; cat "$WORK/serve.err"
        LC_SUMMARY="linkchecker: server failed"
        return 1
    fi
    # linkchecker counts as internal only the URLs below each start URL's folder; the whole
    # origin must be, or a link that escapes the sub-folder would go unchecked.
    cat >"$WORK/linkcheckerrc" <<EOF
[checking]
threads=4
maxrequestspersecond=1000
timeout=20

[filtering]
checkextern=0
internlinks=^${origin//./\\.}/

[AnchorCheck]
EOF
    chmod 644 "$WORK/linkcheckerrc"
    local urls=()
    for f in "${HTML[@]}"; do urls+=("$origin$SERVE_PREFIX$f"); done
    # linkchecker reads a sitemap (or a sitemap index) for its <loc>s.
    [[ -f "$DIR/sitemap.xml" ]] && urls+=("$origin${SERVE_PREFIX}sitemap.xml")
    (cd "$WORK" && timeout "$STEP_TIMEOUT" "$LINKCHECKER" --no-status -f "$WORK/linkcheckerrc" "${urls[@]}") \
        >"$WORK/linkchecker.txt" 2>&1 || rc=$?
    kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
    # Show the findings (skip the licence banner and the statistics block).
    sed -n '/^Start checking/,/^Statistics:/p' "$WORK/linkchecker.txt" | sed -e '/^Start checking/d' -e '/^Statistics:/d' \
        -e "s|$origin||g"
    grep -E "^That's it|^Stopped checking" "$WORK/linkchecker.txt"
    local line links errors warnings
    line="$(grep "^That's it" "$WORK/linkchecker.txt" || true)"
    links="$(sed -nE 's/.* ([0-9]+) links? in .*/\1/p' <<<"$line")"
    errors="$(sed -nE 's/.* ([0-9]+) errors? found.*/\1/p' <<<"$line")"
    warnings="$(sed -nE 's/.* ([0-9]+) warnings? found.*/\1/p' <<<"$line")"
    if [[ -z "$line" ]]; then
        tail -n 20 "$WORK/linkchecker.txt"
        LC_SUMMARY="linkchecker: did not finish (exit $rc)"
        return 1
    fi
    LC_SUMMARY="linkchecker: ${links:-?} links, ${errors:-?} errors, ${warnings:-?} warnings"
    echo "$LC_SUMMARY"
    ((rc == 0))
}
if want linkchecker; then
    if [[ "$SERVE_PREFIX" == / ]]; then banner "linkchecker (links and #anchors)"
    else banner "linkchecker (links and #anchors, the site served under $SERVE_PREFIX)"; fi
    LC_SUMMARY="linkchecker: not run"
    step_linkchecker; st=$?
    record linkchecker "$st" "$LC_SUMMARY"
fi

# ------------------------------------------------------------------ (c) sitemap and feeds
run_py() { # name script args...: the summary is the script's last `name: ` line
    local name="$1"; shift
    if ! need "$PY" >"$WORK/$name.txt"; then
        cat "$WORK/$name.txt"; record "$name" 1 "$name: not installed"; return
    fi
    local rc=0 last
    timeout "$STEP_TIMEOUT" "$PY" "$@" 2>&1 | tee "$WORK/$name.txt"
    rc=${PIPESTATUS[0]}
    last="$(grep -E "^$name: " "$WORK/$name.txt" | tail -n1)"
    [[ $rc == 124 ]] && last="$name: timed out after ${STEP_TIMEOUT}s"
    record "$name" "$rc" "${last:-$name: exit $rc}"
}
if want sitemap; then
    banner "sitemap (sitemaps.org schema with hreflang, robots.txt, every <loc> a file)"
    run_py sitemap "$ROOT/scripts/check_sitemap.py" "$DIR" "${BASE_ARGS[@]}"
fi
if want feeds; then
    banner "feeds (Atom fields, RFC 3339 times, entries, discovery links)"
    run_py feeds "$ROOT/scripts/check_feeds.py" "$DIR" "${BASE_ARGS[@]}"
fi

# ------------------------------------------------------------------ (d)-(f) browser checks
run_node() { # name script args...
    local name="$1"; shift
    want "$name" || return 0
    banner "$name"
    if ! need "$E2E/node_modules/playwright-core/package.json" >"$WORK/$name.txt"; then
        cat "$WORK/$name.txt"; record "$name" 1 "$name: not installed"; return
    fi
    local rc=0
    timeout "$STEP_TIMEOUT" node "$@" 2>&1 | tee "$WORK/$name.txt"
    rc=${PIPESTATUS[0]}
    local last
    last="$(grep -E "^$name: " "$WORK/$name.txt" | tail -n1)"
    [[ $rc == 124 ]] && last="$name: timed out after ${STEP_TIMEOUT}s"
    record "$name" "$rc" "${last:-$name: exit $rc}"
}
AXE_FLAGS=()
[[ "${AXE_ALL:-0}" == 1 ]] && AXE_FLAGS+=(--all)
run_node axe "$E2E/axe.mjs" "$DIR" "${AXE_FLAGS[@]}"
run_node screenshots "$E2E/screenshots.mjs" "$DIR" "$SHOTS"
run_node layout "$E2E/layout.mjs" "$DIR" "$SHOTS/layout"
run_node hostile "$E2E/hostile.mjs" "$DIR"

# ------------------------------------------------------------------ summary
banner "summary"
passed=0 failed=0 failed_names=()
for i in "${!NAMES[@]}"; do
    if [[ "${STATUSES[$i]}" == 0 ]]; then
        printf 'PASS  %s\n' "${SUMMARIES[$i]}"; passed=$((passed + 1))
    else
        printf 'FAIL  %s\n' "${SUMMARIES[$i]}"; failed=$((failed + 1)); failed_names+=("${NAMES[$i]}")
    fi
done
echo "validate: $DIR in $((SECONDS - t_start))s${failed_names:+; failed: ${failed_names[*]}}"
echo "validate: $passed passed, $failed failed"
((failed == 0))
