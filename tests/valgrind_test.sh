#!/usr/bin/env bash
# valgrind_test.sh ASSESS SOURCE_DIR - memcheck over the example runs: every
# command of the CLI on the shipped examples and test notices, with zero
# errors and zero definite or indirect leaks. The one known leak of
# libxlsxwriter 1.1.4 (the formula string of each list validation, written
# by the questionnaire) is suppressed by tests/valgrind.supp, named there.
# Fails, never skips, when valgrind is missing.
set -u
ASSESS=$1
SRC=$2
command -v valgrind >/dev/null || { echo "valgrind_test: valgrind is not installed" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/assess-valgrind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
V=(valgrind -q --error-exitcode=99 --leak-check=full
   --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
   --suppressions="$SRC/tests/valgrind.supp")
EX=$SRC/templates/examples/cloud
N=$SRC/tests/data/notices
failed=0
run() { # label command...
  local label=$1; shift
  "${V[@]}" "$ASSESS" "$@" --rules "$SRC/rules" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -eq 99 ] || grep -q "^==[0-9]*==" "$tmp/err"; then
    echo "FAIL: $label: valgrind found errors or leaks:"; grep "^==" "$tmp/err" | head -40
    failed=$((failed + 1))
  else
    echo "ok: $label (exit $rc)"
  fi
}
run score score --tender "$EX/tender.json" --timestamp 2026-11-22 -o "$tmp/r.xlsx" --json "$tmp/r.json" "$EX"
run verify verify "$tmp/r.xlsx" --tender "$EX/tender.json" "$EX"
run explain explain --tender "$EX/tender.json" "$EX/bid-zhenlan.json" --all
run questionnaire questionnaire --tender "$EX/tender.json" -o "$tmp/q.xlsx"
run import import "$tmp/q.xlsx" -o "$tmp/bid.json"   # unfilled: every error
# the example tender with an award section (weighted points, absolute price)
python3 - "$EX/tender.json" "$tmp/award.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["award"] = {"method": "weighted", "price_scoring": "absolute",
              "price_bounds": {"min": 1000000, "max": 6000000},
              "weights": {"price": 40, "sovereignty": 60}}
json.dump(t, open(sys.argv[2], "w"))
PY
run award score --tender "$tmp/award.json" --timestamp 2026-11-22 -o "$tmp/a.xlsx" "$EX"
run letter letter --tender "$tmp/award.json" --bidder bid-kwelder --timestamp 2026-11-22 -o "$tmp/l.xlsx" "$EX"
run registry registry show microsoft-ireland --date 2026-01-01
run notice notice "$N/eforms/can_24_maximal.xml" "$N/ted/003543-2021_R209.xml" "$N/ocds/sample-data_ocds-213czf-000-00001.json"
run batch batch "$N/eforms" "$N/ted" "$N/ocds" -o "$tmp/b.xlsx" --jsonl "$tmp/b.jsonl" --aggregates "$tmp/b.json" --jobs 2
run shard batch "$N/eforms" --shard 1/2 --part "$tmp/p1.jsonl"
run shard2 batch "$N/eforms" --shard 2/2 --part "$tmp/p2.jsonl"
run merge merge "$tmp/p1.jsonl" "$tmp/p2.jsonl" -o "$tmp/m.xlsx" --jsonl "$tmp/m.jsonl" --aggregates "$tmp/m.json"
run bad-bid score --tender "$EX/tender.json" "$SRC/tests/data/bad"
echo "valgrind_test: $failed failed"
[ $failed -eq 0 ]
