/*
 * questionnaire.h - the vendor questionnaire round trip.
 *
 * assess_session_write_questionnaire() writes the workbook a buyer sends
 * with the tender documents ("vragenlijst"): instructions, a bid sheet, one
 * answer sheet per objective with a dropdown of the framework's answers
 * (each label carries its rung, "[2] 3. Exclusively EU law", because some
 * ladders repeat a label), entities, technology licences and service facts
 * with validated cells, and a hidden sheet with the dropdown lists and the
 * framework's id, version and SHA-256. Everything but the answer cells is
 * protected.
 *
 * assess_questionnaire_import() reads a filled workbook back (as Excel,
 * LibreOffice or openpyxl save it), maps every answer to its rung, checks
 * every cell, and returns a bid declaration that `assess score` accepts.
 * Every problem is a diagnostic naming the sheet and the cell
 * ("Antwoorden SOV-2!C7: 'maybe' is not one of the answers"), all of them
 * in one run. A questionnaire made for another framework version is
 * refused, naming both versions.
 *
 * Example:
 *
 *     assess_session_load_tender(s, "tender.json", &d);
 *     assess_session_write_questionnaire(s, "vragenlijst.xlsx", "nl", &d);
 *     ...
 *     char *json = NULL;
 *     if (assess_questionnaire_import(&json, "filled.xlsx", NULL, &d) == ASSESS_OK)
 *         fputs(json, stdout);
 *     free(json);
 */
#ifndef ASSESS_QUESTIONNAIRE_H
#define ASSESS_QUESTIONNAIRE_H

#include "assess/assess.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Rows for entities and technology licences in a questionnaire. */
#define ASSESS_QUESTIONNAIRE_ENTITY_ROWS 100
#define ASSESS_QUESTIONNAIRE_LICENCE_ROWS 50

/**
 * @brief Write the questionnaire for the session's tender (its framework
 * and lots) to `path` ("-" for standard output), in `lang` ("en" when NULL,
 * or "nl"). Written under a temporary name and renamed.
 * @return ASSESS_OK; ASSESS_ERR_USAGE without a tender; ASSESS_ERR_IO,
 *   ASSESS_ERR_NOMEM, or ASSESS_ERR_INVALID for an incomplete labels file.
 */
assess_status assess_session_write_questionnaire(assess_session *s,
                                                 const char *path,
                                                 const char *lang,
                                                 assess_diags *d);

/**
 * @brief Read a filled questionnaire into a bid declaration (JSON text).
 * @param json       receives the malloc'd JSON on success (caller frees)
 * @param rules_dir  as for assess_session_new() (NULL: the default)
 * @return ASSESS_OK; ASSESS_ERR_INVALID with a diagnostic per bad cell;
 *   ASSESS_ERR_IO / ASSESS_ERR_SYNTAX when the file is not a workbook or
 *   not a questionnaire of assess.
 */
assess_status assess_questionnaire_import(char **json, const char *path,
                                          const char *rules_dir,
                                          assess_diags *d);

/** @brief As assess_questionnaire_import() from memory; `name` names it. */
assess_status assess_questionnaire_parse(char **json, const char *name,
                                         const void *data, size_t size,
                                         const char *rules_dir,
                                         assess_diags *d);

#ifdef __cplusplus
}
#endif

#endif
