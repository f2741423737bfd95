#!/usr/bin/env bash
# cli_test.sh - the command line as a user meets it: help, version, usage
# errors (exit 64), bad bids (named with file and JSON path; the other bids
# still scored; exit 1), lint, atomic output, and the shipped example.
# usage: cli_test.sh ASSESS SOURCE_DIR
set -u
A=$1
S=$2
export ASSESS_RULES=$S/rules
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
mkdir -p "$T/badrules/registry" && cp "$S/tests/data/registry/bad-cycle/"*.json "$T/badrules/registry/"
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
expect_rc() { # expected-rc description command...
  local want=$1 what=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; local rc=$?
  [ "$rc" = "$want" ] && ok || bad "$what: exit $rc, expected $want"
}
expect_err() { # fragment description: last stderr must contain fragment
  grep -qF -- "$1" "$T/err" && ok || { bad "$2: stderr lacks '$1'"; cat "$T/err" >&2; }
}

expect_rc 0 "--version" "$A" --version
grep -q "^assess [0-9]" "$T/out" && ok || bad "--version output"
expect_rc 0 "--help" "$A" --help
grep -q "score" "$T/out" && ok || bad "--help lists commands"
expect_rc 0 "score --help" "$A" score --help
grep -q -- "--tender" "$T/out" && ok || bad "score --help shows --tender"
expect_rc 64 "no command" "$A"
expect_rc 64 "unknown command" "$A" frobnicate
expect_rc 64 "unknown option" "$A" score --tender x --bogus y
expect_rc 64 "missing --tender" "$A" score "$S/tests/data/bad/ok.json"

# bad bids: each named with file and place; ok.json still scored; exit 1
D=$S/tests/data/bad
expect_rc 1 "bad bids" "$A" score --tender "$S/tests/data/score/gap.json" --json "$T/r.json" \
  "$D/malformed.json" "$D/unknown-criterion.json" "$D/rung-range.json" \
  "$D/missing-field.json" "$D/wrong-type.json" "$D/duplicate-key.json" \
  "$D/bad-country.json" "$D/bad-enum.json" "$D/ok.json"
# cJSON stops at the second '}' of line 3 (the trailing comma's object ends
# at the first): line 3, column 37, byte 85 counted from 0
expect_err "malformed.json:3:37: malformed JSON (byte 85)" "syntax error with line, column, offset"
expect_err "unknown-criterion.json: \$.answers['SOV-9.9']: unknown criterion id 'SOV-9.9'" "unknown criterion"
expect_err "rung-range.json: \$.answers['SOV-2.1'].rung: rung 3 out of range 0..2" "rung range"
expect_err "missing-field.json: \$.tenderer: missing required field" "missing field"
expect_err "wrong-type.json: \$.answers['SOV-1.1'].rung: expected a number, found a string" "wrong type"
expect_err "duplicate-key.json: \$.entities[0].country: duplicate key 'country'" "duplicate key"
expect_err "bad-country.json: \$.entities.country: 'XX' is not an ISO 3166-1 country code" "country"
expect_err "bad-enum.json: \$.service.key_management: 'vendor' is not one of" "enumeration"
python3 - "$T/r.json" <<'PY' && ok || bad "results list 1 bid and 8 failed inputs"
import json, sys
r = json.load(open(sys.argv[1]))
assert [b["id"] for b in r["bids"]] == ["b-ok"], r["bids"]
assert len(r["failed_inputs"]) == 8, r["failed_inputs"]
assert all(f["error"] for f in r["failed_inputs"])
PY

# atomic output: a failed write (file size limit 0, so every write fails
# with EFBIG; works as root too) leaves the previous file untouched
echo previous > "$T/keep.json"
( trap '' XFSZ; ulimit -f 0; "$A" score --tender "$S/tests/data/score/gap.json" \
    --json "$T/keep.json" "$D/ok.json" 2>&1 >/dev/null ) | cat > "$T/err"
[ "${PIPESTATUS[0]}" = 1 ] && ok || bad "failed write: exit status"
expect_err "cannot write" "failed write reported"
[ "$(cat "$T/keep.json")" = previous ] && ok || bad "previous output destroyed"
ls "$T" | grep -q "tmp-" && bad "temporary file left behind" || ok
expect_rc 0 "output to a pipe target" "$A" score --tender "$S/tests/data/score/gap.json" --json /dev/null "$D/ok.json"

# lint: the shipped framework is clean; a broken one reports every problem
expect_rc 0 "lint csf-2026" "$A" lint "$S/rules/frameworks/csf-2026.json"
expect_rc 0 "lint example tender" "$A" lint "$S/templates/examples/cloud/tender.json"
python3 - "$S/rules/frameworks/csf-2026.json" "$T/broken.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
c = f["objectives"][0]["criteria"]
c[0]["rungs"][2]["points"] = 10          # points must increase
c[1]["rungs"][1]["seal"] = 3             # SEAL must not decrease (rung 2 is 4... then 4)
c[2]["rungs"][0]["seal"] = 3             # rung 0 SEAL 3 > rung 1 SEAL 2
f["weight_profiles"]["calc-2026"]["weights"]["SOV-8"] = 6
c[0]["rules"][0]["when"] = "count(("      # does not compile
f["objectives"][1]["criteria"][0]["rules"][0]["when"] = "sov:entity(/bid/tenderer)/country"  # bare path
f["objectives"][2]["criteria"][0]["rules"][0]["rung"] = "sov:nosuch()"  # unknown function
c[3]["id"] = "SOV-1.1"                   # duplicate id
json.dump(f, open(sys.argv[2], "w"))
PY
expect_rc 1 "lint broken framework" "$A" lint "$T/broken.json"
expect_err "\$.objectives[0].criteria[0].rungs[2].points: points must increase" "lint points"
expect_err "\$.objectives[0].criteria[2].rungs[1].seal: SEAL must not decrease" "lint seal"
expect_err "\$.weight_profiles['calc-2026'].weights: weights sum to 101, not 100" "lint weights"
expect_err "\$.objectives[0].criteria[0].rules[0].when: XPath does not compile" "lint xpath"
expect_err "\$.objectives[0].criteria[3].id: duplicate criterion id 'SOV-1.1'" "lint duplicate id"
# the dry evaluation runs only on a framework whose shape is clean
python3 - "$S/rules/frameworks/csf-2026.json" "$T/rules.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
f["objectives"][1]["criteria"][0]["rules"][0]["when"] = "sov:entity(/bid/tenderer)/country"
f["objectives"][2]["criteria"][0]["rules"][0]["rung"] = "sov:nosuch()"
json.dump(f, open(sys.argv[2], "w"))
PY
expect_rc 1 "lint rule semantics" "$A" lint "$T/rules.json"
expect_err "SOV-2.1 rule SOV-2.1/tenderer-outside-eea 'when': a bare path is not a test" "lint bare path"
expect_err "SOV-3.1 rule SOV-3.1/key-management 'rung': XPath cannot be evaluated" "lint unknown function"

# a directory that cannot be opened, and one without bids: exit 1, said why
expect_rc 1 "missing directory" "$A" score --tender "$S/tests/data/score/gap.json" --json /dev/null "$T/nosuchdir/"
expect_err "cannot" "missing directory reported"
mkdir "$T/nobids" && echo '{"not":"a bid"}' > "$T/nobids/other.json"
expect_rc 1 "directory without bids" "$A" score --tender "$S/tests/data/score/gap.json" --json /dev/null "$T/nobids"
expect_err "no bid declarations found" "no bids reported"

# the shipped example: every bid scored, exit 0, deterministic
expect_rc 0 "score the example" "$A" score --tender "$S/templates/examples/cloud/tender.json" --json "$T/a.json" "$S/templates/examples/cloud"
"$A" score --tender "$S/templates/examples/cloud/tender.json" "$S/templates/examples/cloud" > "$T/b.json" 2>/dev/null
cmp -s "$T/a.json" "$T/b.json" && ok || bad "two runs differ"
cmp -s "$T/a.json" "$S/tests/golden/cloud.json" && ok || { bad "example results differ from tests/golden/cloud.json"; diff "$S/tests/golden/cloud.json" "$T/a.json" | head -20 >&2; }
expect_rc 0 "explain" "$A" explain --tender "$S/templates/examples/cloud/tender.json" "$S/templates/examples/cloud/bid-altocumo.json" --criterion SOV-3.4
grep -q "count(sov:outside('EEA', service/data_locations | service/backup_locations)) > 0 => true" "$T/out" && ok || bad "explain shows the condition and its value"
grep -q "result    rung 2" "$T/out" && ok || bad "explain shows the result"
expect_rc 0 "explain json" "$A" explain --tender "$S/templates/examples/cloud/tender.json" "$S/templates/examples/cloud/bid-altocumo.json" --all --format json
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = {x["id"]: x for x in d["criteria"]}
assert d["bid"] == "bid-altocumo" and len(c) == 48, "all 48 criteria"
s = c["SOV-3.4"]
assert s["rung"] == 2 and s["outcome"] == "partial", s
assert any(t["step"] == "condition" and t["value"] == "true" for t in s["trace"]), s
' "$T/out" && ok || bad "explain --all --format json: every criterion with its trace"
expect_rc 64 "explain both" "$A" explain --tender "$S/templates/examples/cloud/tender.json" "$S/templates/examples/cloud/bid-altocumo.json" --all --criterion SOV-2.2
expect_rc 64 "verify without a report" "$A" verify
expect_rc 2 "--fail-on gate: the example has failing bids" "$A" score --tender "$S/templates/examples/cloud/tender.json" --fail-on gate --json "$T/f.json" "$S/templates/examples/cloud"
expect_err "--fail-on gate" "--fail-on says why it exits 2"
test -s "$T/f.json" && ok || bad "--fail-on still writes the results"
expect_rc 0 "--fail-on gate: an EU bid passes" "$A" score --tender "$S/templates/examples/cloud/tender.json" --fail-on gate "$S/templates/examples/cloud/bid-kwelder.json"
expect_rc 2 "--fail-on high" "$A" score --tender "$S/templates/examples/cloud/tender.json" --fail-on high "$S/templates/examples/cloud/bid-altocumo.json"
expect_rc 64 "--fail-on nonsense" "$A" score --tender "$S/templates/examples/cloud/tender.json" --fail-on often "$S/templates/examples/cloud/bid-kwelder.json"
expect_rc 64 "questionnaire without -o" "$A" questionnaire --tender "$S/templates/examples/cloud/tender.json"
expect_rc 64 "questionnaire --lang de" "$A" questionnaire --tender "$S/templates/examples/cloud/tender.json" --lang de -o "$T/q.xlsx"
expect_rc 64 "import without a file" "$A" import
expect_rc 1 "import a JSON file" "$A" import "$S/templates/examples/cloud/tender.json"
expect_err "not an XLSX workbook" "import names what is wrong"
expect_rc 64 "verify: bids without --tender" "$A" verify "$T/r.xlsx" "$S/templates/examples/cloud/bid-altocumo.json"
expect_rc 64 "verify: --sanctions without --tender" "$A" verify "$T/r.xlsx" --sanctions x.xml
expect_rc 1 "report into a missing directory" "$A" score --tender "$S/templates/examples/cloud/tender.json" -o "$T/no/such/dir/r.xlsx" "$S/templates/examples/cloud/bid-altocumo.json"
expect_err "no/such/dir/r.xlsx" "report into a missing directory names it"
expect_rc 1 "verify a missing report" "$A" verify "$T/none.xlsx"
expect_err "none.xlsx" "verify names the missing report"

# registry: show a chain with its laws and sources, lint, usage errors
expect_rc 0 "registry show" "$A" registry show "AWS EMEA S.à r.l." --date 2026-11-16
grep -q "Amazon.com, Inc. (US, class C)" "$T/out" && ok || bad "registry show walks to the US parent"
grep -q "us-cloud-act  CLOUD Act" "$T/out" && ok || bad "registry show names the CLOUD Act"
grep -q "compels: " "$T/out" && ok || bad "registry show says what a law compels"
grep -q "source: https://" "$T/out" && ok || bad "registry show gives sources"
expect_rc 0 "registry show, prohibited deal" "$A" registry show solvinity --date 2026-11-16
grep -q "Vitruvian Partners (GB, class C)" "$T/out" && ok || bad "Solvinity stays with Vitruvian"
grep -q "prohibited, announced 2025-11-01, ended 2026-05-25" "$T/out" && ok || bad "the prohibited deal is listed"
expect_rc 0 "registry lint" "$A" registry lint
grep -q "ok: .* entities" "$T/out" && ok || bad "registry lint summary"
expect_rc 1 "registry lint, hostile" "$A" registry lint --rules "$T/badrules"
expect_rc 1 "registry show, unknown" "$A" registry show "No Such Company B.V."
expect_err "no entity 'No Such Company B.V.' in the registry" "unknown entity named"
expect_rc 64 "registry, bad date" "$A" registry show aws-emea --date 2026-13-45
expect_rc 64 "registry, no such day" "$A" registry show aws-emea --date 2026-02-30
expect_err "'2026-02-30' is not a date YYYY-MM-DD" "bad date named"
expect_rc 64 "registry, no subcommand" "$A" registry

# a bid naming an unknown registry id is refused with its JSON path
sed 's/"tenderer": "kwelder-cloud"/"tenderer": "kwelder-cloud"/; s/"id": "kwelder-cloud", /"id": "kwelder-cloud", "registry_id": "no-such-id", /' \
  "$S/templates/examples/cloud/bid-kwelder.json" > "$T/regid.json"
expect_rc 1 "unknown registry_id" "$A" score --tender "$S/templates/examples/cloud/tender.json" --json /dev/null "$T/regid.json"
expect_err "regid.json: \$.entities[0].registry_id: no entity 'no-such-id' in the registry" "registry_id named with its path"

# sanctions: a list screens; a hostile or missing list is an error, never "screened"
expect_rc 0 "score with a sanctions list" "$A" score --tender "$S/templates/examples/cloud/tender.json" \
  --sanctions "$S/tests/data/sanctions/fsf-sample.xml" --json "$T/s.json" "$S/templates/examples/cloud"
grep -q '"status": "screened"' "$T/s.json" && ok || bad "results say screened"
grep -q '"status": "not screened"' "$T/a.json" && ok || bad "results without a list say not screened"
expect_rc 1 "DOCTYPE in a sanctions list" "$A" score --tender "$S/templates/examples/cloud/tender.json" \
  --sanctions "$S/tests/data/sanctions/doctype.xml" --json "$T/x.json" "$S/templates/examples/cloud"
expect_err "doctype.xml: line 2: a DOCTYPE is not accepted" "DOCTYPE refused with file and line"
[ ! -e "$T/x.json" ] && ok || bad "no results written when the list is refused"
expect_rc 1 "missing sanctions list" "$A" score --tender "$S/templates/examples/cloud/tender.json" \
  --sanctions "$T/nosuch.xml" --json /dev/null "$S/templates/examples/cloud"
expect_err "nosuch.xml" "missing list named"

echo "cli_test: $pass passed, $fail failed"
[ "$fail" = 0 ]
