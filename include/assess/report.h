/*
 * report.h - the evaluation report as an XLSX workbook, and its check.
 *
 * assess_session_write_xlsx() writes what a procurement officer files with
 * the award decision (README "The XLSX report"):
 *
 *   Summary      tender, framework, settings; one row per bid per lot with
 *                score, SEAL, gate, rank and flag counts (conditional
 *                formats, frozen header, autofilter)
 *   Charts       per lot a bar chart of scores and a radar chart of the
 *                objective scores of the best five bids
 *   <bid id>     one sheet per bid: every criterion with answer, rung,
 *                points, SEAL, outcome, evidence, confidence, binding marker
 *                and flags; objective subtotals and the Sovereignty Score as
 *                live formulas written with their computed values
 *   Flags        one row per flag: family, severity, message, chain, laws
 *   Evidence gaps  unanswered or unknown criteria, undecided gates, inputs
 *                that could not be read, what was not checked at all
 *   Framework    every criterion and rung as applied
 *   Audit        settings, generation time, tool version and the SHA-256
 *                of every input, rule and data file (also as custom
 *                document properties)
 *
 * Labels come from templates/labels.<lang>.json; text from bids is always
 * written as text, never as a formula. The same session and options give
 * byte-identical files; the file is written under a temporary name and
 * renamed.
 *
 * Example:
 *
 *     assess_report_options o = {.lang = "nl", .timestamp = 1795305600};
 *     if (assess_session_write_xlsx(s, "report.xlsx", &o, &d) != ASSESS_OK)
 *         assess_diags_print(&d, stderr, "error: ");
 */
#ifndef ASSESS_REPORT_H
#define ASSESS_REPORT_H

#include "assess/assess.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct assess_report_options {
    const char *lang;    /* "en" (also when NULL) or "nl" */
    long long timestamp; /* generation time, seconds since 1970 UTC; pinned
                            as the workbook's created date */
} assess_report_options;

/**
 * @brief Write the XLSX report of a finished session to `path` ("-" for
 * standard output). Calls assess_session_finish() when needed.
 * @return ASSESS_OK; ASSESS_ERR_USAGE (no tender, bad language),
 *   ASSESS_ERR_INVALID (labels file incomplete), ASSESS_ERR_IO or
 *   ASSESS_ERR_NOMEM. On error the target is untouched.
 */
assess_status assess_session_write_xlsx(assess_session *s, const char *path,
                                        const assess_report_options *o,
                                        assess_diags *d);

/**
 * @brief Check a report written by assess_session_write_xlsx().
 *
 * Always: every rule, data and labels file named in the Audit sheet is
 * compared with this installation's (digest and version), and the custom
 * document properties with the Audit sheet. When `s` holds a tender and
 * bids (the same inputs as the report's score run), the digests of those
 * inputs are compared too, the report is made afresh with the report's own
 * language and generation time, and every cell of every sheet is compared
 * (numbers within 5e-5; a formula without a cached value by its formula).
 * Each difference is printed to `out` as one line naming the sheet and
 * cell.
 * @param differences  receives the number of differences found
 * @return ASSESS_OK when the check ran (whatever it found); an error when
 *   the report could not be read or the fresh result not computed.
 */
assess_status assess_session_verify_xlsx(assess_session *s, const char *report,
                                         FILE *out, size_t *differences,
                                         assess_diags *d);

/**
 * @brief Write the letter one bidder may see (`assess letter`): its own
 * scores per award criterion with the evaluators' reasons, the intended
 * winner's scores and advantages, its rank, the decision date and the end
 * of the standstill period (award.standstill_days, default 20). Nothing of
 * any other bidder. `bidder` is a bid id or the tenderer's entity id.
 * @return ASSESS_ERR_USAGE without an award section; ASSESS_ERR_INVALID for
 *   an unknown bidder; else as assess_session_write_xlsx().
 */
assess_status assess_session_write_letter(assess_session *s, const char *bidder,
                                          const char *path,
                                          const assess_report_options *o,
                                          assess_diags *d);

/**
 * @brief Parse a generation time: seconds since 1970 (SOURCE_DATE_EPOCH's
 * form), "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (UTC), from 1970 to 9999.
 * @return 0 and *out set, or -1 when the text is none of these.
 */
int assess_timestamp_parse(const char *text, long long *out);

/**
 * @brief The templates directory: $ASSESS_TEMPLATES, else `templates`
 * beside the session's rules directory (installed: share/assess/templates;
 * source tree: templates/). Malloc'd; NULL on no memory.
 */
char *assess_session_templates_dir(const assess_session *s);

#ifdef __cplusplus
}
#endif

#endif
