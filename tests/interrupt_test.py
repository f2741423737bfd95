#!/usr/bin/env python3
"""interrupt_test.py - a batch run stopped by SIGINT, SIGTERM, SIGHUP or a
closed pipe leaves no temporary file beside its outputs, keeps the earlier
outputs untouched, and dies of the signal (as a shell expects).

usage: interrupt_test.py ASSESS SOURCE_DIR

The input is one eForms notice hard-linked 20,000 times, so a run with
--jobs 1 lasts several seconds. The test waits until the run's temporary
files exist beside the targets (so it proves they were there), then sends
the signal. For SIGPIPE the JSON lines go to a pipe the test closes.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile

from tally import check, summary
import time

ASSESS, SRC = sys.argv[1], sys.argv[2]
RULES = os.path.join(SRC, "rules")
NOTICE = os.path.join(SRC, "tests", "data", "notices", "eforms", "can_24_maximal.xml")
COPIES = 20000
EARLIER = b"the earlier file\n"


def temporaries(out):
    return sorted(n for n in os.listdir(out) if ".tmp" in n)


def wait_for(cond, seconds=60):
    end = time.time() + seconds
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.02)
    return False


def interrupted(name, sig, notices, out, tmpdir):
    xlsx, jsonl = os.path.join(out, "b.xlsx"), os.path.join(out, "b.jsonl")
    for f in (xlsx, jsonl):
        with open(f, "wb") as fp:
            fp.write(EARLIER)
    args = [ASSESS, "batch", notices, "--jobs", "1", "-o", xlsx, "--rules", RULES]
    piped = sig == signal.SIGPIPE
    args += ["--jsonl", "-"] if piped else ["--jsonl", jsonl]
    env = dict(os.environ, TMPDIR=tmpdir)
    p = subprocess.Popen(args, stdout=subprocess.PIPE if piped else subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    want = 1 if piped else 2
    started = wait_for(lambda: len(temporaries(out)) == want or p.poll() is not None)
    check(started and p.poll() is None,
          f"{name}: the run is under way with {want} temporary files: {temporaries(out)}")
    if piped:
        p.stdout.read(4096)  # the run is writing rows
        p.stdout.close()     # its next write gets SIGPIPE
    else:
        p.send_signal(sig)
    try:
        _, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        _, err = p.communicate()
    err = err.decode("utf-8", "replace")
    check(p.returncode == -sig, f"{name}: died of the signal: {p.returncode} {err[-300:]}")
    check(temporaries(out) == [], f"{name}: no temporary file left: {temporaries(out)}")
    check(os.listdir(tmpdir) == [], f"{name}: TMPDIR is clean: {os.listdir(tmpdir)}")
    for f in (xlsx, jsonl):
        with open(f, "rb") as fp:
            check(fp.read() == EARLIER, f"{name}: {os.path.basename(f)} is untouched")
    check("Sanitizer" not in err, f"{name}: no sanitizer report")


def main():
    notices, out, tmpdir = tempfile.mkdtemp(), tempfile.mkdtemp(), tempfile.mkdtemp()
    try:
        for i in range(COPIES):
            os.link(NOTICE, os.path.join(notices, f"n{i:05}.xml"))
        for name, sig in (("SIGINT", signal.SIGINT), ("SIGTERM", signal.SIGTERM),
                          ("SIGHUP", signal.SIGHUP), ("SIGPIPE", signal.SIGPIPE)):
            interrupted(name, sig, notices, out, tmpdir)
        # an ignored SIGINT (a shell's background job) stays ignored: the
        # run finishes and writes its outputs
        small = os.path.join(notices, "n00000.xml")
        xlsx = os.path.join(out, "ignored.xlsx")
        p = subprocess.Popen([ASSESS, "batch", small, "-o", xlsx, "--rules", RULES],
                             stderr=subprocess.PIPE,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
        check(p.returncode == 0 and os.path.getsize(xlsx) > 1000,
              f"ignored SIGINT: the run completes: {p.returncode} {err[-200:]!r}")
    finally:
        for d in (notices, out, tmpdir):
            shutil.rmtree(d)
    return summary("interrupt")


sys.exit(main())
