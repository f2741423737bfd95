"""LibreOffice for the tests: open a workbook as a user's spreadsheet would,
and save it again as XLSX (headless, in a private profile).

save_as_xlsx(src, tmp, recalc) -> (path or None, stderr). With recalc, the
profile sets Calc's "recalculate on load" for OOXML files to always
(OOXMLRecalcMode 0), so every formula is computed by LibreOffice itself.
"""

import os
import shutil
import subprocess

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">%s</oor:items>
"""
RECALC = """
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
"""


def binary():
    return shutil.which("soffice") or shutil.which("libreoffice")


def save_as_xlsx(src, tmp, recalc=False):
    profile = os.path.join(tmp, "lo-profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(XCU % (RECALC if recalc else ""))
    out = os.path.join(tmp, "lo-out")
    p = subprocess.run([binary(), "-env:UserInstallation=file://" + profile,
                        "--headless", "--convert-to", "xlsx", "--outdir", out, src],
                       capture_output=True, text=True, timeout=300)
    got = os.path.join(out, os.path.basename(src))
    return (got if os.path.exists(got) else None), p.stdout + p.stderr
