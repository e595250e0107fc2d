#!/usr/bin/env bash
# Show that the sitemap and feed gates can fail: they must accept the good sample output of
# tests/fixtures/gates/ and reject each of its bad cases with the expected message.
#
# usage: scripts/test-gates.sh [case...]     (default: every case)
#
# tests/fixtures/gates/
#   site/         a tiny good output (2 languages, 2 bulletins each) published at
#                 https://example.gov.vn/bao-cao/: robots.txt, sitemap.xml, <lang>/atom.xml, pages
#   index/        laid over site/: the same pages listed by a sitemap index of two urlsets
#   bad/<case>/   laid over site/ (over index/ too when `expect` says `over: index`): only the
#                 files that differ, plus
#                   expect   `check: sitemap|feeds`, `message:` a fragment of the output,
#                            optional `args:` for the checker; `#` lines say what is wrong
#                   DELETE   optional: paths to remove from the output, one a line
# Needs xmllint, .venv-check (feedparser) and tests/e2e/node_modules (the sitemaps.org schema):
# scripts/setup.sh installs them.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIX="$ROOT/tests/fixtures/gates"
PY="$ROOT/.venv-check/bin/python"
[[ -x "$PY" ]] || { echo "test-gates: missing $PY: run scripts/setup.sh" >&2; exit 2; }

WORK="$(mktemp -d /tmp/bantin-gates.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

checker() { # sitemap|feeds site args...
    local which="$1" site="$2"; shift 2
    case "$which" in
        sitemap) "$PY" "$ROOT/scripts/check_sitemap.py" "$site" "$@" ;;
        feeds) "$PY" "$ROOT/scripts/check_feeds.py" "$site" "$@" ;;
        *) echo "unknown check: $which"; return 2 ;;
    esac
}

# Lay out a sample output: site/, then each overlay given, then its DELETE list.
layout() { # dest overlay...
    local dest="$1"; shift
    rm -rf "$dest"
    cp -r "$FIX/site" "$dest"
    local o
    for o in "$@"; do
        (cd "$o" && find . -type f ! -name expect ! -name DELETE -exec cp --parents {} "$dest/" \;)
        if [[ -f "$o/DELETE" ]]; then
            while IFS= read -r p; do [[ -n "$p" ]] && rm -rf "${dest:?}/$p"; done <"$o/DELETE"
        fi
    done
}

passed=0 failed=0
ok() { printf 'ok    %s\n' "$1"; passed=$((passed + 1)); }
bad() { printf 'FAIL  %s\n' "$1"; sed 's/^/      | /' "$WORK/out.txt"; failed=$((failed + 1)); }

accepts() { # name check overlay...
    local name="$1" check="$2"; shift 2
    layout "$WORK/site" "$@"
    if checker "$check" "$WORK/site" >"$WORK/out.txt" 2>&1; then
        ok "$name: $check accepts it ($(tail -n1 "$WORK/out.txt"))"
    else
        bad "$name: $check rejects a good output"
    fi
}

rejects() { # case-folder
    local dir="$1" name check message args over rc=0
    name="$(basename "$dir")"
    check="$(sed -n 's/^check: *//p' "$dir/expect")"
    message="$(sed -n 's/^message: *//p' "$dir/expect")"
    args="$(sed -n 's/^args: *//p' "$dir/expect")"
    over="$(sed -n 's/^over: *//p' "$dir/expect")"
    local overlays=()
    [[ -n "$over" ]] && overlays+=("$FIX/$over")
    layout "$WORK/site" "${overlays[@]}" "$dir"
    # shellcheck disable=SC2086 # args holds whole words, e.g. `--max-entries 1`
    checker "$check" "$WORK/site" $args >"$WORK/out.txt" 2>&1 || rc=$?
    if [[ $rc == 1 ]] && grep -qF -- "$message" "$WORK/out.txt"; then
        ok "$name: $check rejects it: $(grep -F -m1 -- "$message" "$WORK/out.txt")"
    elif [[ $rc == 1 ]]; then
        bad "$name: $check rejects it, but without \"$message\""
    else
        bad "$name: $check exits $rc, expected 1 with \"$message\""
    fi
}

if (($#)); then
    for c in "$@"; do rejects "$FIX/bad/$c"; done
else
    accepts site sitemap
    accepts site feeds
    accepts index sitemap "$FIX/index"
    for dir in "$FIX"/bad/*/; do rejects "${dir%/}"; done
fi
echo "gates: $passed passed, $failed failed"
((failed == 0))
