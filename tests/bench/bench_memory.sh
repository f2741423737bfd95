#!/usr/bin/env bash
# bench_memory.sh [SMALL] [LARGE] - peak memory of `assess batch` does not
# grow with the number of notices for a fixed set of buyers and supplier
# groups: SMALL (default 1,000) and LARGE (default 100,000) copies of one
# award notice (can_24_minimal.xml: one buyer, one winner, identifiers
# varied) in one .tar.gz each, read with the workbook, the JSON lines and
# the aggregates on, under /usr/bin/time -v.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
SMALL=${1:-1000}
LARGE=${2:-100000}
ASSESS=${ASSESS:-$root/build/assess}
[[ -x $ASSESS ]] || { echo "no executable $ASSESS" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/assess-bench-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for n in "$SMALL" "$LARGE"; do
  python3 "$here/gen_notices.py" "$tmp/unused" 0 1 --only can_24_minimal.xml \
    --count "$n" --tar "$tmp/n$n.tar.gz" >/dev/null
  /usr/bin/time -v -o "$tmp/time.txt" "$ASSESS" batch "$tmp/n$n.tar.gz" \
    --jobs 2 -o "$tmp/out.xlsx" --jsonl "$tmp/out.jsonl" \
    --aggregates "$tmp/agg.json" --rules "$root/rules" 2>"$tmp/err.txt"
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time.txt")
  printf '%7d notices: peak RSS %6.1f MB, wall %s, %s\n' "$n" \
    "$(echo "$rss / 1024" | bc -l)" "$wall" "$(tail -1 "$tmp/err.txt")"
done
