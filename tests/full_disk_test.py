#!/usr/bin/env python3
"""full_disk_test.py - an output location that fills up: every writer ends
with exit status 1 and an error naming the output and the cause, leaves
no partial or temporary file, and the previous file stays untouched.

usage: full_disk_test.py ASSESS SOURCE_DIR

A full disk is made with RLIMIT_FSIZE (the process may not grow any file
beyond a few KiB; SIGXFSZ ignored, so write() fails with EFBIG, as a full
disk fails with ENOSPC). Every output here is larger than the limit, so
each run fails while writing, not while opening. Standard output that
cannot be written is /dev/full (ENOSPC on every write). The runs use a
private TMPDIR, which must be empty afterwards: the workbook built there
is removed too.
"""
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

import openpyxl

import questionnaire_test  # make() and fill(): a questionnaire as a vendor fills it
from tally import check, summary

ASSESS, SRC = sys.argv[1], sys.argv[2]
RULES = os.path.join(SRC, "rules")
EX = os.path.join(SRC, "templates", "examples", "cloud")
TENDER = os.path.join(EX, "tender.json")
EFORMS = os.path.join(SRC, "tests", "data", "notices", "eforms")
LIMIT = 4096
EARLIER = b"the earlier file\n"


def run(args, tmpdir, limit=None, stdout=subprocess.PIPE):
    def pre():
        if limit:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    env = dict(os.environ, TMPDIR=tmpdir)
    p = subprocess.run([ASSESS, *args, "--rules", RULES], stdout=stdout,
                       stderr=subprocess.PIPE, preexec_fn=pre, env=env,
                       timeout=120)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def full(name, args, target, work, tmpdir, needle=None, limit=LIMIT):
    """Run `args` writing `target` (which holds EARLIER) on a full disk."""
    with open(target, "wb") as f:
        f.write(EARLIER)
    before = sorted(os.listdir(work))
    rc, err = run(args, tmpdir, limit)
    check(rc == 1, f"{name}: exit 1 expected, got {rc}: {err[-300:]}")
    check(os.path.basename(target) in err, f"{name}: the error names the output: {err[-300:]}")
    check((needle or "File too large") in err, f"{name}: the error says why: {err[-300:]}")
    with open(target, "rb") as f:
        check(f.read() == EARLIER, f"{name}: the earlier file is untouched")
    check(sorted(os.listdir(work)) == before,
          f"{name}: no partial or temporary file beside it: {sorted(os.listdir(work))}")
    check(os.listdir(tmpdir) == [], f"{name}: TMPDIR is clean: {os.listdir(tmpdir)}")
    check("Sanitizer" not in err, f"{name}: no sanitizer report")


def dev_full(name, args, tmpdir):
    """Standard output on a full device: exit 1 and a message, never 0."""
    with open("/dev/full", "wb") as out:
        rc, err = run(args, tmpdir, stdout=out)
    check(rc == 1, f"{name}: exit 1 expected with stdout on /dev/full, got {rc}: {err[-300:]}")
    check("standard output" in err, f"{name}: the error names standard output: {err[-300:]}")
    check("Sanitizer" not in err, f"{name}: no sanitizer report")


def main():
    work = tempfile.mkdtemp()      # the outputs
    tmpdir = tempfile.mkdtemp()    # TMPDIR of the runs
    inputs = tempfile.mkdtemp()    # inputs made here
    try:
        w = lambda n: os.path.join(work, n)
        # the tender with an award section, for the letter (as valgrind_test.sh)
        t = json.load(open(TENDER))
        t["award"] = {"method": "weighted", "price_scoring": "absolute",
                      "price_bounds": {"min": 1000000, "max": 6000000},
                      "weights": {"price": 40, "sovereignty": 60}}
        award = os.path.join(inputs, "award.json")
        json.dump(t, open(award, "w"))
        # the shards' parts, written without a limit, for merge
        parts = []
        for k in (1, 2):
            p = os.path.join(inputs, f"p{k}.jsonl")
            rc, err = run(["batch", EFORMS, "--shard", f"{k}/2", "--part", p], tmpdir)
            check(rc == 1 and os.path.getsize(p) > LIMIT, f"shard {k}: part written: {err[-200:]}")
            parts.append(p)
        ts = ["--timestamp", "2026-11-22"]
        # a filled questionnaire, for import
        wb = openpyxl.load_workbook(questionnaire_test.make(inputs))
        questionnaire_test.fill(wb, json.load(open(os.path.join(EX, "bid-kwelder.json"))))
        filled = os.path.join(inputs, "filled.xlsx")
        wb.save(filled)
        rc, err = run(["import", filled, "-o", os.path.join(inputs, "bid.json")], tmpdir)
        check(rc == 0 and os.path.getsize(os.path.join(inputs, "bid.json")) > LIMIT,
              f"import: the filled questionnaire imports: {err[-300:]}")

        full("score -o", ["score", "--tender", TENDER, *ts, "-o", w("r.xlsx"), EX],
             w("r.xlsx"), work, tmpdir, "cannot write the workbook")
        full("score --json", ["score", "--tender", TENDER, "--json", w("r.json"), EX],
             w("r.json"), work, tmpdir)
        full("questionnaire", ["questionnaire", "--tender", TENDER, "-o", w("q.xlsx")],
             w("q.xlsx"), work, tmpdir, "cannot write the questionnaire")
        full("letter", ["letter", "--tender", award, "--bidder", "bid-kwelder", *ts,
                        "-o", w("l.xlsx"), EX], w("l.xlsx"), work, tmpdir,
             "cannot write the letter")
        full("import -o", ["import", filled, "-o", w("bid.json")], w("bid.json"),
             work, tmpdir)
        full("batch -o", ["batch", EFORMS, "-o", w("b.xlsx")], w("b.xlsx"), work,
             tmpdir, "cannot write the workbook")
        full("batch --jsonl", ["batch", EFORMS, "--jsonl", w("b.jsonl")], w("b.jsonl"),
             work, tmpdir)
        full("batch --aggregates", ["batch", EFORMS, "--aggregates", w("a.json")],
             w("a.json"), work, tmpdir)
        full("batch --part", ["batch", EFORMS, "--shard", "1/2", "--part", w("p.jsonl")],
             w("p.jsonl"), work, tmpdir)
        full("merge --jsonl", ["merge", *parts, "--jsonl", w("m.jsonl")], w("m.jsonl"),
             work, tmpdir)
        # two outputs: the failing one is named, and neither is kept
        with open(w("a.json"), "wb") as f:
            f.write(EARLIER)
        full("batch two outputs", ["batch", EFORMS, "--jsonl", w("b.jsonl"),
                                   "--aggregates", w("a.json")], w("b.jsonl"), work, tmpdir)
        with open(w("a.json"), "rb") as f:
            check(f.read() == EARLIER, "batch two outputs: the other output is untouched too")
        # the JSON lines of one notice (774 bytes) fit under 2 KiB, its
        # aggregates (2.6 KB, written at the end) do not: the lines, though
        # complete, are not kept either (all outputs close before any rename)
        one = os.path.join(EFORMS, "can_24_minimal.xml")
        with open(w("b.jsonl"), "wb") as f:
            f.write(EARLIER)
        full("batch last output", ["batch", one, "--jsonl", w("b.jsonl"),
                                   "--aggregates", w("a.json")], w("a.json"), work,
             tmpdir, limit=2048)
        with open(w("b.jsonl"), "rb") as f:
            check(f.read() == EARLIER, "batch last output: the complete lines are not kept")

        dev_full("score --json -", ["score", "--tender", TENDER, "--json", "-", EX], tmpdir)
        dev_full("batch --jsonl -", ["batch", EFORMS, "--jsonl", "-"], tmpdir)
        dev_full("notice", ["notice", os.path.join(EFORMS, "can_24_minimal.xml")], tmpdir)
        dev_full("explain", ["explain", "--tender", TENDER,
                             os.path.join(EX, "bid-zhenlan.json"), "--all"], tmpdir)
        dev_full("registry show", ["registry", "show", "microsoft-ireland"], tmpdir)
        dev_full("lint", ["lint", TENDER], tmpdir)
        dev_full("import", ["import", filled], tmpdir)
    finally:
        shutil.rmtree(work)
        shutil.rmtree(tmpdir)
        shutil.rmtree(inputs)
    return summary("full_disk")


sys.exit(main())
