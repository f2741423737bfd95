#!/usr/bin/env bash
# cppcheck.sh SOURCE_DIR - cppcheck over the library and CLI sources:
# warnings, portability and performance, zero findings. Each suppression
# is explained in tests/cppcheck.supp. Fails, never skips, when cppcheck
# is missing.
set -eu
SRC=$1
command -v cppcheck >/dev/null || { echo "cppcheck.sh: cppcheck is not installed" >&2; exit 1; }
cppcheck --quiet --enable=warning,portability,performance --std=c11 \
  --library=posix --inline-suppr --error-exitcode=1 \
  --suppressions-list="$SRC/tests/cppcheck.supp" \
  -I"$SRC/include" -I"$SRC/assess" -D__GNUC__ \
  --include="$SRC/tests/cppcheck.h" \
  "$SRC/assess"
echo "cppcheck: clean"
