#!/usr/bin/env python3
"""gen_notices.py DIR MB [SEED] [--only NAME] [--count N] [--tar FILE]

Write at least MB megabytes of notices into DIR (one file each), made from
the eForms and TED notices of tests/data/notices with their identifiers
varied so that no two are the same: the notice id, the procedure id and the
publication number of eForms notices, DOC_ID and NO_DOC_OJS of TED notices.
Every file stays a well-formed notice of its kind. --only NAME uses one
seed notice; --count N writes exactly N notices (MB is then ignored);
--tar FILE writes them into one .tar.gz instead of DIR (for a fixed set of
buyers and suppliers with a growing number of notices)."""
import argparse
import io
import os
import random
import re
import sys
import tarfile

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "data", "notices")
ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("mb", type=float)
ap.add_argument("seed", type=int, nargs="?", default=1)
ap.add_argument("--only")
ap.add_argument("--count", type=int)
ap.add_argument("--tar")
args = ap.parse_args()
out, mb = args.dir, args.mb
rng = random.Random(args.seed)
seeds = []
for sub in ("eforms", "ted"):
    d = os.path.join(data, sub)
    for name in sorted(os.listdir(d)):
        if name.endswith(".xml") and not name.startswith("INVALID_") and \
                (not args.only or name == args.only):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                seeds.append((sub, name, f.read()))
tar = tarfile.open(args.tar, "w:gz", compresslevel=1) if args.tar else None
if not tar:
    os.makedirs(out, exist_ok=True)
total, n = 0, 0
target = mb * 1e6
uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
while (n < args.count) if args.count else (total < target):
    kind, name, text = seeds[n % len(seeds)]
    serial = n + 1
    if kind == "eforms":
        text = uuid.sub(lambda m: "%08x-%04x-4%03x-8%03x-%012x" % (
            rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
            rng.getrandbits(12), rng.getrandbits(48)), text)
        text = re.sub(r"(<efbc:NoticePublicationID[^>]*>)[^<]*",
                      lambda m: m.group(1) + "%08d-2026" % serial, text)
        text = re.sub(r"(<cac:ProcurementProject>\s*<cbc:ID[^>]*>)[^<]*",
                                 lambda m: m.group(1) + "BENCH-%d" % serial, text, count=1)
    else:
        text = re.sub(r'DOC_ID="[^"]*"', 'DOC_ID="%06d-2026"' % (serial % 1000000), text, count=1)
        text = re.sub(r"<NO_DOC_OJS>[^<]*", "<NO_DOC_OJS>2026/S %03d-%06d" % (serial % 250, serial), text, count=1)
    data = text.encode("utf-8")
    member = "%07d-%s" % (serial, name)
    if tar:
        info = tarfile.TarInfo(member)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    else:
        with open(os.path.join(out, member), "wb") as f:
            f.write(data)
    total += len(data)
    n += 1
if tar:
    tar.close()
print("%d notices, %.1f MB in %s" % (n, total / 1e6, args.tar or out))
