#!/usr/bin/env bash
# bench_batch.sh [MB] - reading speed of `assess batch` beside xmllint.
#
# Generates MB megabytes (default 1000) of distinct notices with
# gen_notices.py (the eForms and TED test notices, identifiers varied) and
# measures, in the same run, under /usr/bin/time -v:
#   xmllint --noout FILES...                  (parse only, one core)
#   assess batch --jobs 1 --jsonl /dev/null   (read, facts, rows)
#   assess batch --jobs 2 --jsonl /dev/null
#   assess batch --jobs 2 -o rows.xlsx        (with the workbook)
# and prints wall time, notices/s, MB/s, peak RSS and the ratios. Every file
# must be processed (the run fails otherwise). Expects build/assess or
# $ASSESS; the notices go to $TMPDIR and are removed afterwards.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
MB=${1:-1000}
ASSESS=${ASSESS:-$root/build/assess}
die() { echo "bench_batch.sh: $*" >&2; exit 1; }
[[ -x $ASSESS ]] || die "no executable $ASSESS"
command -v xmllint >/dev/null || die "xmllint missing (apt-get install libxml2-utils)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (apt-get install time)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/assess-bench-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen_notices.py" "$tmp/n" "$MB"
files=$(find "$tmp/n" -type f | wc -l)
bytes=$(du -sb "$tmp/n" | cut -f1)
cat "$tmp"/n/* >/dev/null # into the page cache for every contender
declare -A wall
measure() { # label command...
  local label=$1; shift
  /usr/bin/time -v -o "$tmp/time.txt" "$@" >/dev/null 2>"$tmp/err.txt" ||
    { tail -5 "$tmp/err.txt" >&2; die "$label failed"; }
  local w rss s
  w=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time.txt")
  s=$(echo "$w" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
  wall[$label]=$s
  printf '%-14s %7.2f s  %8.0f notices/s  %6.1f MB/s  peak RSS %6.1f MB\n' \
    "$label" "$s" "$(echo "$files / $s" | bc -l)" \
    "$(echo "$bytes / 1000000 / $s" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}
echo "$files notices, $(echo "$bytes / 1000000" | bc) MB"
cd "$tmp/n"
measure xmllint bash -c 'find . -type f -print0 | sort -z | xargs -0 xmllint --noout --nowarning'
measure batch-j1 "$ASSESS" batch --jobs 1 --jsonl /dev/null --rules "$root/rules" .
grep -q " $files processed, 0 failed" "$tmp/err.txt" || die "not every notice was processed: $(tail -1 "$tmp/err.txt")"
measure batch-j2 "$ASSESS" batch --jobs 2 --jsonl /dev/null --rules "$root/rules" .
measure batch-j2-xlsx "$ASSESS" batch --jobs 2 -o "$tmp/rows.xlsx" --rules "$root/rules" .
printf 'batch -j1 / xmllint throughput: %.2f\n' "$(echo "${wall[xmllint]} / ${wall[batch-j1]}" | bc -l)"
printf 'batch -j2 / -j1 speed-up:       %.2f\n' "$(echo "${wall[batch-j1]} / ${wall[batch-j2]}" | bc -l)"
