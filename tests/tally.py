"""tally.py - the pass/fail count the Python tests share.

    from tally import check, summary
    check(ok, "what was expected")
    sys.exit(summary("name"))
"""
checks = failures = 0


def check(ok, what):
    """Count one check; print what failed."""
    global checks, failures
    checks += 1
    if not ok:
        failures += 1
        print("FAIL:", what)
    return ok


def summary(name):
    """Print the count; the exit status: 1 when any check failed."""
    print(f"{name}: {checks} checks, {failures} failed")
    return 1 if failures else 0
