#!/usr/bin/env bash
# CI gate for the Fluent messages: every locales/**/*.ftl parses without Junk (ftl_lint.py),
# and compare-locales finds nothing missing or obsolete in vi, zh and nb against en.
# Needs .venv-check with fluent.syntax and compare-locales (scripts/setup.sh creates it);
# VENV=/path/to/venv overrides.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-$ROOT/.venv-check}"
PY="$VENV/bin/python"
[[ -x "$PY" && -x "$VENV/bin/compare-locales" ]] || {
    echo "check-locales: $VENV lacks fluent.syntax or compare-locales; run scripts/setup.sh" >&2
    exit 2
}

status=0
"$PY" scripts/ftl_lint.py "$ROOT" || status=1

# compare-locales exits 1 only on parse errors: the verdict is in its JSON.
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
"$VENV/bin/compare-locales" --json - l10n.toml . >"$json" || true
"$PY" - "$json" <<'PY' || status=1
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
try:
    report = json.loads(text)
except json.JSONDecodeError:
    print("check-locales: compare-locales printed no JSON:\n" + text, file=sys.stderr)
    sys.exit(1)

# One summary per configuration, keyed by locale: {"summary": {"vi": {...}}, "details": {...}}.
summaries = report[0]["summary"] if isinstance(report, list) else report["summary"]
details = report[0].get("details", {}) if isinstance(report, list) else report.get("details", {})
failed = False
for locale in ("vi", "zh", "nb"):
    s = summaries.get(locale)
    if s is None:
        print(f"check-locales: compare-locales reports nothing for {locale}")
        failed = True
        continue
    missing = s.get("missing", 0)
    obsolete = s.get("obsolete", 0)
    errors = s.get("errors", 0)
    print(f"check-locales: {locale}: missing {missing}, obsolete {obsolete}, errors {errors}, warnings {s.get('warnings', 0)}")
    if missing or obsolete or errors:
        failed = True


def walk(node, path=""):
    """Prints the entries compare-locales flags, file by file."""
    if isinstance(node, dict):
        for key, value in node.items():
            walk(value, f"{path}/{key}" if path else key)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict):
                for kind, what in item.items():
                    if kind in ("missingEntity", "obsoleteEntity", "error", "missingFile", "obsoleteFile"):
                        print(f"  {path}: {kind}: {what}")
            else:
                print(f"  {path}: {item}")


if failed:
    walk(details)
sys.exit(1 if failed else 0)
PY

if ((status)); then
    echo "check-locales: FAILED" >&2
else
    echo "check-locales: ok"
fi
exit "$status"
