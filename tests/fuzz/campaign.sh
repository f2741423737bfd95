#!/bin/sh
# campaign.sh - run libFuzzer targets one after another and keep their stats.
#
#   tests/fuzz/campaign.sh SECONDS TARGET [TARGET ...]
#
# Each target runs for SECONDS on a working corpus in $FUZZ_WORK (default
# /tmp/assess-fuzz/TARGET), seeded from tests/fuzz/corpus/TARGET, so the
# committed corpus is not touched. The -print_final_stats output, the
# command, the commit and the corpus size before and after go to
# tests/fuzz/stats/TARGET-DATE[-N].txt. A crash, leak or timeout stops the
# campaign with libFuzzer's exit status; its input stays in the working
# corpus directory as crash-*, leak-* or timeout-*.
#
# Build first: cmake --preset fuzz && cmake --build build-fuzz -j2
set -eu
[ $# -ge 2 ] || { echo "usage: $0 SECONDS TARGET..." >&2; exit 2; }
secs=$1; shift
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${FUZZ_WORK:-/tmp/assess-fuzz}
day=$(date -u +%Y-%m-%d)
commit=$(git -C "$root" rev-parse --short HEAD)
dirty=$(git -C "$root" status --porcelain -- assess include | head -1)

for t in "$@"; do
    bin=$root/build-fuzz/tests/fuzz_$t
    [ -x "$bin" ] || { echo "$0: $bin not built" >&2; exit 2; }
    corpus=$work/$t
    mkdir -p "$corpus"
    cp -n "$root"/tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
    extra=""
    case $t in
    xlsx|questionnaire) extra="-dict=$root/tests/fuzz/xlsx.dict -max_len=200000" ;;
    esac
    out=$root/tests/fuzz/stats/fuzz_$t-$day.txt
    n=2
    while [ -e "$out" ]; do out=$root/tests/fuzz/stats/fuzz_$t-$day-$n.txt; n=$((n + 1)); done
    before=$(ls "$corpus" | wc -l)
    {
        echo "# fuzz_$t, $day, commit $commit${dirty:+ (uncommitted changes in assess/ or include/)}, clang 14 + ASan/UBSan"
        echo "# command: ASSESS_RULES=rules build-fuzz/tests/fuzz_$t -max_total_time=$secs -rss_limit_mb=2048 -print_final_stats=1 $extra CORPUS"
        echo "# binary built $(date -u -r "$bin" +%Y-%m-%dT%H:%M:%SZ): rebuild after a change, or the commit above is not what ran"
        echo "# corpus before: $before inputs (tests/fuzz/corpus/$t plus earlier runs in $work/$t)"
    } > "$out"
    rc=0
    ASSESS_RULES=$root/rules "$bin" -max_total_time="$secs" -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$corpus/" $extra "$corpus" \
        > "$out.log" 2>&1 || rc=$?
    grep -E '^(stat::|Done |==[0-9]+==|SUMMARY|INFO: Seed|#[0-9]+ *DONE)' "$out.log" >> "$out" || true
    echo "# corpus after: $(ls "$corpus" | wc -l) inputs, $(du -sk "$corpus" | cut -f1) KiB (not committed); exit $rc" >> "$out"
    if [ $rc -ne 0 ]; then
        tail -60 "$out.log" >> "$out"
        echo "$0: fuzz_$t failed, see $out" >&2
        exit $rc
    fi
    rm -f "$out.log"
done
