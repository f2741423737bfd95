#!/usr/bin/env bash
# bench_score.sh [N] - time `assess score` on N generated bids (default 10000).
#
# Builds nothing: expects build/assess, or the binary named by $ASSESS.
# Generates a tender and N varied bids with gen_bids.py into a temporary
# directory (removed at exit), runs
#   assess score --tender T --json OUT DIR
# once under /usr/bin/time -v (Debian package `time`), checks that every bid
# was scored (bids in OUT == N, failed_inputs empty; exit 1 otherwise), and
# prints bids, wall seconds, bids per second, peak RSS, size of OUT and the
# cost of one criterion evaluation (wall / (N * 48)). With hyperfine on the
# PATH it also times 3 more runs. With BENCH_CALLGRIND=1 it counts
# instructions under valgrind --tool=callgrind on a 200-bid subset.
#
# Environment: ASSESS (binary), BENCH_SEED (generator seed, default 1),
# BENCH_CALLGRIND=1 (callgrind pass), BENCH_RULES (passed as --rules).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
N=${1:-10000}
SEED=${BENCH_SEED:-1}
ASSESS=${ASSESS:-$root/build/assess}
CRITERIA=48 # criteria of csf-2026

die() { echo "bench_score.sh: $*" >&2; exit 1; }

[[ $N =~ ^[0-9]+$ ]] && ((N > 0)) || die "N must be a positive integer"
[[ -x $ASSESS ]] || die "no executable $ASSESS (build it: cmake --build build, or set ASSESS)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (apt-get install time)"
command -v python3 >/dev/null || die "python3 missing"

rules=()
[[ -n ${BENCH_RULES:-} ]] && rules=(--rules "$BENCH_RULES")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/assess-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bids=$tmp/bids
out=$tmp/results.json

echo "generating $N bids (seed $SEED) ..."
gen_start=$(date +%s.%N)
python3 "$here/gen_bids.py" "$bids" "$N" "$SEED"
gen_end=$(date +%s.%N)
input_bytes=$(du -sb "$bids" | cut -f1)

echo "scoring with $ASSESS ($("$ASSESS" --version 2>&1 | head -n 1)) ..."
rc=0
/usr/bin/time -v -o "$tmp/time.txt" \
    "$ASSESS" score "${rules[@]}" --tender "$bids/tender.json" --json "$out" "$bids" \
    2>"$tmp/stderr.txt" || rc=$?

# A run that did not score every bid fails the benchmark.
if ! python3 - "$out" "$N" <<'EOF'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
try:
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
except (OSError, ValueError) as e:
    sys.exit("results JSON unreadable: %s" % e)
nb, failed = len(d.get("bids", [])), d.get("failed_inputs")
if nb != n or failed != []:
    print("bids in results: %d of %d; failed_inputs: %d" %
          (nb, n, len(failed or [])), file=sys.stderr)
    for f in (failed or [])[:10]:
        print("  %s" % json.dumps(f), file=sys.stderr)
    sys.exit(1)
EOF
then
    echo "FAIL: assess exit status $rc; stderr (first lines):" >&2
    head -n 20 "$tmp/stderr.txt" >&2
    exit 1
fi
((rc == 0)) || die "assess exited $rc although every bid was scored"
[[ -s $tmp/stderr.txt ]] && { echo "assess stderr:"; head -n 5 "$tmp/stderr.txt"; }

# /usr/bin/time -v: "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:03.21"
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/time.txt")
user=$(awk -F': ' '/User time/ {print $2}' "$tmp/time.txt")
sys_=$(awk -F': ' '/System time/ {print $2}' "$tmp/time.txt")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
out_bytes=$(stat -c %s "$out")

awk -v n="$N" -v c="$CRITERIA" -v w="$wall" -v u="$user" -v s="$sys_" \
    -v r="$rss_kb" -v o="$out_bytes" -v ib="$input_bytes" \
    -v g="$(echo "$gen_end - $gen_start" | awk '{print $1 - $3}')" 'BEGIN {
    printf "\n== assess score, /usr/bin/time -v ==\n"
    printf "bids                      %d (all scored, failed_inputs empty)\n", n
    printf "input (bids + tender)     %.1f MB\n", ib / 1e6
    printf "wall seconds              %.2f (user %.2f, sys %.2f)\n", w, u, s
    if (w > 0) printf "bids per second           %.0f\n", n / w
    else       printf "bids per second           n/a (wall below 0.01 s)\n"
    printf "peak RSS                  %.1f MB\n", r / 1024
    printf "results JSON              %.1f MB (%.1f kB per bid)\n", o / 1e6, o / 1e3 / n
    printf "per criterion evaluation  %.2f us (wall / (N * %d))\n", w * 1e6 / (n * c), c
    printf "(generator took %.1f s, not counted)\n", g
}'

if command -v hyperfine >/dev/null; then
    echo
    echo "== hyperfine --runs 3 =="
    hyperfine --runs 3 --style basic --export-json "$tmp/hf.json" \
        "$(printf '%q ' "$ASSESS" score "${rules[@]}" --tender "$bids/tender.json" --json "$tmp/hf-out.json" "$bids")"
    python3 - "$tmp/hf.json" "$N" "$CRITERIA" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
n, c = int(sys.argv[2]), int(sys.argv[3])
print("hyperfine mean %.3f s +- %.3f (min %.3f, max %.3f): %.0f bids/s, %.2f us per criterion"
      % (r["mean"], r["stddev"] or 0, r["min"], r["max"], n / r["mean"], r["mean"] * 1e6 / (n * c)))
EOF
else
    echo
    echo "(hyperfine not found; apt-get install hyperfine for repeated runs)"
fi

if [[ ${BENCH_CALLGRIND:-0} == 1 ]]; then
    command -v valgrind >/dev/null || die "BENCH_CALLGRIND=1 but valgrind is missing (apt-get install valgrind)"
    M=$((N < 200 ? N : 200))
    echo
    echo "== valgrind --tool=callgrind, $M bids =="
    # instructions for one bid and for M bids: the difference is the cost
    # of the M-1 extra bids, without start-up (framework, registry, tender)
    for k in 1 "$M"; do
        sub=$tmp/sub$k
        mkdir -p "$sub"
        cp "$bids/tender.json" "$sub/"
        for ((i = 1; i <= k; i++)); do
            cp "$bids/$(printf 'bid-%05d.json' "$i")" "$sub/"
        done
        valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$k" \
            "$ASSESS" score "${rules[@]}" --tender "$sub/tender.json" --json "$tmp/cg-out.$k.json" "$sub" \
            >/dev/null 2>"$tmp/cg-stderr.$k" || die "callgrind run on $k bids failed (see valgrind output)"
    done
    i1=$(awk '/^(summary|totals):/ {print $2; exit}' "$tmp/cg.1")
    iM=$(awk '/^(summary|totals):/ {print $2; exit}' "$tmp/cg.$M")
    awk -v a="$i1" -v b="$iM" -v m="$M" -v c="$CRITERIA" 'BEGIN {
        printf "instructions, 1 bid        %.0f\n", a
        printf "instructions, %d bids     %.0f\n", m, b
        printf "instructions per bid       %.0f (total / %d)\n", b / m, m
        if (m > 1) {
            printf "marginal per bid           %.0f (without start-up)\n", (b - a) / (m - 1)
            printf "marginal per criterion     %.0f\n", (b - a) / (m - 1) / c
        }
    }'
fi
