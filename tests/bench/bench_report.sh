#!/usr/bin/env bash
# bench_report.sh [N] - time the XLSX report of a tender with N bids
# (default 200, each with all 48 criteria answered) and verify it.
#
# Expects build/assess or $ASSESS. Generates the bids with gen_bids.py
# (seed $BENCH_SEED, default 1) into a temporary directory, then measures
# under /usr/bin/time -v:
#   assess score --tender T -o report.xlsx DIR      (the report alone)
#   assess verify report.xlsx --tender T DIR        (read back and recompute)
# and prints wall seconds, peak RSS and the report's size; with hyperfine on
# the PATH also the mean of 5 runs of the first.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
N=${1:-200}
ASSESS=${ASSESS:-$root/build/assess}
die() { echo "bench_report.sh: $*" >&2; exit 1; }
[[ $N =~ ^[0-9]+$ ]] && ((N > 0)) || die "N must be a positive integer"
[[ -x $ASSESS ]] || die "no executable $ASSESS"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (apt-get install time)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/assess-bench-report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen_bids.py" "$tmp/bids" "$N" "${BENCH_SEED:-1}"
T=$tmp/bids/tender.json
measure() { # label command...
  local label=$1; shift
  /usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" ||
    { cat "$tmp/err.txt" "$tmp/out.txt" >&2; die "$label failed"; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
  printf '%-8s %s bids: wall %s, peak RSS %.1f MB\n' "$label" "$N" "$wall" \
    "$(echo "$rss / 1024" | bc -l)"
}
measure report "$ASSESS" score --tender "$T" --timestamp 2026-11-22 \
  -o "$tmp/report.xlsx" "$tmp/bids"
printf 'report   %s bytes, %s sheets\n' "$(stat -c %s "$tmp/report.xlsx")" \
  "$(unzip -l "$tmp/report.xlsx" 2>/dev/null | grep -c 'xl/worksheets/sheet' || true)"
measure verify "$ASSESS" verify "$tmp/report.xlsx" --tender "$T" "$tmp/bids"
if command -v hyperfine >/dev/null; then
  hyperfine -N -w 1 -r 5 "$ASSESS score --tender $T --timestamp 2026-11-22 -o $tmp/h.xlsx $tmp/bids"
fi
