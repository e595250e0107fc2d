#!/usr/bin/env bash
# Fuzzes the YAML data loader, the narrative renderer, the link checker's page reader and the
# Fluent message loader for SECONDS each (default 20; the suite's short run), seeded with the
# example site and the test fixtures; fails if any finds a crash. Crashing inputs land in
# fuzz/artifacts/<target>/.
# A long run, outside the suite: `scripts/fuzz.sh 600`.
#
# The targets are ordinary cargo-fuzz targets (`RUSTC_BOOTSTRAP=1 cargo fuzz run narrative`
# works where cargo-fuzz is installed). This script builds them with plain cargo and the same
# coverage flags cargo-fuzz passes, so a fresh machine need not compile cargo-fuzz first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
seconds="${1:-20}"
targets=(data_loader narrative links messages)

# Seeds: the example site's own files. The corpus folders are git-ignored and grow from run
# to run on a developer's machine.
seed() {
    local target="$1"
    shift
    mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
    for file in "$@"; do
        cp "$file" "fuzz/corpus/$target/seed-${file//\//_}"
    done
}
shopt -s nullglob
seed data_loader content/*.yaml content/data/*/*.yaml content/bulletins/*/bulletin.yaml \
    tests/fixtures/*/*/content/*.yaml tests/fixtures/*/*/content/data/*/*.yaml \
    tests/fixtures/*/*/content/bulletins/*/bulletin.yaml
seed narrative content/bulletins/*/*.md tests/fixtures/*/*/content/bulletins/*/*.md
seed links templates/*.html tests/fixtures/gates/site/*/*.html
seed messages locales/*/*.ftl tests/fixtures/bad/*/locales/*/*.ftl

# Coverage instrumentation as cargo-fuzz sets it, without a sanitizer: the fuzzed code is safe
# Rust, and debug assertions catch the overflows a user could trigger.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions"
export RUSTC_BOOTSTRAP=1
# An explicit --target keeps RUSTFLAGS off build scripts and proc macros, as cargo-fuzz does.
triple="$(rustc -vV | sed -n 's/^host: //p')"
cargo build --quiet --manifest-path fuzz/Cargo.toml --profile fuzzing --bins --target "$triple"

failed=()
for target in "${targets[@]}"; do
    printf '\n== fuzz %s for %ss\n' "$target" "$seconds"
    log="fuzz/artifacts/$target/last-run.log"
    if "fuzz/target/$triple/fuzzing/$target" -artifact_prefix="fuzz/artifacts/$target/" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 \
        "fuzz/corpus/$target" >"$log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" || true
    else
        tail -40 "$log"
        failed+=("$target")
    fi
done
if ((${#failed[@]})); then
    echo "fuzz: crashes in ${failed[*]}; inputs in fuzz/artifacts/" >&2
    exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no crash"
