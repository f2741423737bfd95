/*
 * workbook.h - writing a workbook safely (internal): libxlsxwriter writes to
 * a file name, so a workbook is built in a private temporary file and then
 * copied into the project's atomic output (temporary name beside the
 * target, renamed), so a failure never leaves half a workbook.
 */
#ifndef ASSESS_REPORT_WORKBOOK_H
#define ASSESS_REPORT_WORKBOOK_H

#include <xlsxwriter.h>

#include "assess/assess.h"

/** A new empty file in $TMPDIR (or /tmp); malloc'd name, NULL on error.
 *  The caller drops it with assess_workbook_tmp_drop. */
char *assess_workbook_tmp(assess_diags *d);

/** Unlink and free a name from assess_workbook_tmp (NULL is fine). */
void assess_workbook_tmp_drop(char *tmp);

/** Close `wb`, built for `target` ("-": standard output). A failure while
 *  building (`earlier`) or closing is "TARGET: cannot write the WHAT:
 *  REASON"; libxlsxwriter prints the system's reason itself. */
assess_status assess_workbook_close(lxw_workbook *wb, lxw_error earlier,
                                    const char *target, const char *what,
                                    assess_diags *d);

/** Copy the finished workbook `tmp` to `path` ("-": standard output). */
assess_status assess_workbook_commit(const char *tmp, const char *path,
                                     assess_diags *d);

#endif
