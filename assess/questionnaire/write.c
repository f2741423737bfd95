/*
 * write.c - the vendor questionnaire (include/assess/questionnaire.h).
 *
 * Sheets: instructions; the bid; one answer sheet per objective; entities;
 * technology licences; service facts; and a hidden "Lists" sheet holding
 * the dropdown lists (referenced by range: Excel limits a list typed into a
 * validation to 255 characters, and answer texts hold commas) and the
 * metadata the importer needs: format, framework id, version and SHA-256,
 * language and the name of every sheet by its role. Every sheet is
 * protected; only the cells a vendor fills are unlocked.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "assess/questionnaire.h"
#include "assess/report.h"
#include "questionnaire/layout.h"
#include "report/workbook.h"
#include "session_internal.h"
#include "util/util.h"

typedef struct qwriter {
    const assess_session *s;
    const char *target; /* the file the user named */
    const assess_labels *lb;
    lxw_workbook *wb;
    lxw_worksheet *lists;
    char lists_ref[64];  /* 'Lists' quoted for formulas */
    lxw_format *title, *header, *locked_wrap, *input, *input_num;
    lxw_error err;
    unsigned list_len[QL_COUNT];
} qwriter;

#define L(id) (q->lb->text[LBL_##id])

static void note(qwriter *q, lxw_error e)
{
    if (e != LXW_NO_ERROR && q->err == LXW_NO_ERROR)
        q->err = e;
}

static void put(qwriter *q, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                const char *text, lxw_format *f)
{
    if (text)
        note(q, worksheet_write_string(ws, r, c, text, f));
}

/* The answer label with its rung: "[2] 3. Exclusively EU law". */
static char *rung_label(const assess_criterion *c, int k)
{
    return assess_printf("[%d] %s", k, c->rungs[k].label);
}

/* Write one list into its column of the Lists sheet; its length is kept for
   the validation range. */
static void put_list(qwriter *q, int col, const char *const *values, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(q, q->lists, (lxw_row_t)i, (lxw_col_t)(Q_LIST_COL0 + col), values[i],
            NULL);
    if (col < QL_COUNT)
        q->list_len[col] = (unsigned)n;
}

/* A dropdown over list column `col` (n entries) for a range of cells.
   `strict`: only listed values; else other values pass with a note (layers:
   several, separated by commas). */
static void dropdown(qwriter *q, lxw_worksheet *ws, lxw_row_t r0, lxw_col_t c,
                     lxw_row_t r1, int col, unsigned n, int strict)
{
    char colname[8], formula[128];
    lxw_col_to_name(colname, (lxw_col_t)(Q_LIST_COL0 + col), 0);
    snprintf(formula, sizeof formula, "=%s!$%s$1:$%s$%u", q->lists_ref, colname,
             colname, n ? n : 1);
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
                              .value_formula = formula};
    if (!strict)
        dv.error_type = LXW_VALIDATION_ERROR_TYPE_INFORMATION;
    note(q, worksheet_data_validation_range(ws, r0, c, r1, c, &dv));
}

static void percent(qwriter *q, lxw_worksheet *ws, lxw_row_t r0, lxw_col_t c,
                    lxw_row_t r1, double max)
{
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_DECIMAL,
                              .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
                              .minimum_number = 0,
                              .maximum_number = max};
    note(q, worksheet_data_validation_range(ws, r0, c, r1, c, &dv));
}

static void protect(qwriter *q, lxw_worksheet *ws)
{
    lxw_protection p = {.format_columns = 1, .format_rows = 1};
    worksheet_protect(ws, NULL, &p);
}

static void headers(qwriter *q, lxw_worksheet *ws, const assess_label_id *ids,
                    size_t n, const double *widths)
{
    for (size_t c = 0; c < n; c++) {
        put(q, ws, 0, (lxw_col_t)c, q->lb->text[ids[c]], q->header);
        note(q, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c],
                                     NULL));
    }
    worksheet_freeze_panes(ws, 1, 0);
}

static void write_meta(qwriter *q, const char *const *keys,
                       const char *const *values, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        put(q, q->lists, (lxw_row_t)i, 0, keys[i], NULL);
        put(q, q->lists, (lxw_row_t)i, 1, values[i], NULL);
    }
}

static assess_status build(qwriter *q, const char *file, assess_diags *d)
{
    unsigned long nomem_at = assess_nomem_count();
    const assess_session *s = q->s;
    const assess_framework *fw = s->fw;
    lxw_workbook_options wo = {0};
    q->wb = workbook_new_opt(file, &wo);
    if (!q->wb)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, file, NULL,
                                "cannot start the workbook");
    /* created on the tender's assessment date: the same tender gives the
       same bytes */
    long long when = 0;
    assess_timestamp_parse(s->tender->assessment_date, &when);
    lxw_doc_properties props = {.title = L(Q_TITLE),
                                .company = s->tender->buyer,
                                .comments = s->tender->title,
                                .created = when > 0 ? (time_t)when : 1};
    note(q, workbook_set_properties(q->wb, &props));
    lxw_format **all[] = {&q->title, &q->header, &q->locked_wrap, &q->input,
                          &q->input_num};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!(*all[i] = workbook_add_format(q->wb))) {
            workbook_close(q->wb);
            return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                                    "out of memory");
        }
    format_set_bold(q->title);
    format_set_font_size(q->title, 14);
    format_set_bold(q->header);
    format_set_bg_color(q->header, 0xD9E1F2);
    format_set_text_wrap(q->header);
    format_set_text_wrap(q->locked_wrap);
    format_set_align(q->locked_wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(q->locked_wrap, 0xF2F2F2);
    format_set_unlocked(q->input);
    format_set_text_wrap(q->input);
    format_set_align(q->input, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(q->input, LXW_BORDER_THIN);
    format_set_border_color(q->input, 0xBFBFBF);
    format_set_unlocked(q->input_num);
    format_set_border(q->input_num, LXW_BORDER_THIN);
    format_set_border_color(q->input_num, 0xBFBFBF);

    char name[64];
    /* sheet names come from the labels and the framework's objective ids:
       check them so a bad one is named, not taken for no memory */
    const char *fixed[] = {L(SHEET_Q_INSTRUCTIONS), L(SHEET_Q_BID),
                           L(SHEET_Q_ENTITIES), L(SHEET_Q_LICENCES),
                           L(SHEET_Q_SERVICE), L(SHEET_Q_LISTS)};
    char ans_names[ASSESS_MAX_OBJECTIVES][64];
    for (size_t o = 0; o < fw->n_objectives; o++)
        snprintf(ans_names[o], sizeof ans_names[o], "%s %s", L(SHEET_Q_ANSWERS),
                 fw->objectives[o].id);
    for (size_t k = 0; k < 6 + fw->n_objectives; k++) {
        const char *nm = k < 6 ? fixed[k] : ans_names[k - 6];
        lxw_error e = workbook_validate_sheet_name(q->wb, nm);
        if (e != LXW_NO_ERROR) {
            workbook_close(q->wb);
            return assess_diags_add(d, ASSESS_ERR_INVALID, NULL, NULL,
                                    "cannot name a sheet '%s': %s", nm,
                                    lxw_strerror(e));
        }
    }
    lxw_worksheet *intro = workbook_add_worksheet(q->wb, L(SHEET_Q_INSTRUCTIONS));
    lxw_worksheet *bid = workbook_add_worksheet(q->wb, L(SHEET_Q_BID));
    lxw_worksheet *ans[ASSESS_MAX_OBJECTIVES] = {0};
    for (size_t o = 0; o < fw->n_objectives; o++)
        ans[o] = workbook_add_worksheet(q->wb, ans_names[o]);
    lxw_worksheet *ent = workbook_add_worksheet(q->wb, L(SHEET_Q_ENTITIES));
    lxw_worksheet *lic = workbook_add_worksheet(q->wb, L(SHEET_Q_LICENCES));
    lxw_worksheet *svc = workbook_add_worksheet(q->wb, L(SHEET_Q_SERVICE));
    q->lists = workbook_add_worksheet(q->wb, L(SHEET_Q_LISTS));
    if (!intro || !bid || !ent || !lic || !svc || !q->lists)
        q->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    for (size_t o = 0; o < fw->n_objectives; o++)
        if (!ans[o])
            q->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (q->err != LXW_NO_ERROR) {
        workbook_close(q->wb);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    }
    size_t n = 0; /* 'Lists', an apostrophe doubled */
    q->lists_ref[n++] = '\'';
    for (const char *p = L(SHEET_Q_LISTS); *p && n + 3 < sizeof q->lists_ref; p++) {
        if (*p == '\'')
            q->lists_ref[n++] = '\'';
        q->lists_ref[n++] = *p;
    }
    q->lists_ref[n++] = '\'';
    q->lists_ref[n] = '\0';

    /* the lists and the metadata */
    char codes[26 * 26][3];
    const char *countries[26 * 26];
    size_t n_countries = 0;
    const assess_groups *g = assess_registry_groups(s->reg);
    for (char a = 'A'; a <= 'Z'; a++)
        for (char b = 'A'; b <= 'Z'; b++) {
            char *cc = codes[n_countries];
            cc[0] = a, cc[1] = b, cc[2] = '\0';
            if (assess_groups_country_exists(g, cc)) {
                countries[n_countries] = cc;
                n_countries++;
            }
        }
    put_list(q, QL_COUNTRIES, countries, n_countries);
    for (int l = 0; l < QL_COUNT; l++)
        if (q_lists[l]) {
            size_t len = 0;
            while (q_lists[l][len])
                len++;
            put_list(q, l, q_lists[l], len);
        }
    const char *yesno[] = {L(VALUE_YES), L(VALUE_NO)};
    put_list(q, QL_YESNO, yesno, 2);
    const char **lots = calloc(s->tender->n_lots + 1, sizeof *lots);
    for (size_t i = 0; lots && i < s->tender->n_lots; i++)
        lots[i] = s->tender->lots[i].id;
    if (lots)
        put_list(q, QL_LOTS, lots, s->tender->n_lots);
    else
        assess_nomem_note();
    free(lots);
    for (size_t c = 0; c < fw->n_criteria; c++) {
        const assess_criterion *cr = &fw->criteria[c];
        for (int k = 0; k < cr->n_rungs; k++) {
            char *label = rung_label(cr, k);
            put(q, q->lists, (lxw_row_t)k, (lxw_col_t)(Q_LIST_COL0 + QL_COUNT + c),
                label, NULL);
            free(label);
        }
    }
    const char *mkeys[8 + ASSESS_MAX_OBJECTIVES] = {"format", "framework", "version",
                                                    "sha256", "lang", "bid",
                                                    "entities", "licences"};
    const char *mvals[8 + ASSESS_MAX_OBJECTIVES] = {
        Q_FORMAT, fw->id, fw->version, fw->sha256, q->lb->lang,
        L(SHEET_Q_BID), L(SHEET_Q_ENTITIES), L(SHEET_Q_LICENCES)};
    write_meta(q, mkeys, mvals, 8);
    put(q, q->lists, 8, 0, "service", NULL);
    put(q, q->lists, 8, 1, L(SHEET_Q_SERVICE), NULL);
    for (size_t o = 0; o < fw->n_objectives; o++) {
        snprintf(name, sizeof name, "objective %s", fw->objectives[o].id);
        put(q, q->lists, (lxw_row_t)(9 + o), 0, name, NULL);
        put(q, q->lists, (lxw_row_t)(9 + o), 1, ans_names[o], NULL);
    }
    protect(q, q->lists);
    worksheet_hide(q->lists);

    /* instructions */
    note(q, worksheet_set_column(intro, 0, 0, 110, NULL));
    put(q, intro, 0, 0, L(Q_TITLE), q->title);
    char *line = assess_printf("%s: %s (%s)", L(TENDER), s->tender->title,
                               s->tender->buyer ? s->tender->buyer : "");
    put(q, intro, 1, 0, line, NULL);
    free(line);
    line = assess_printf("%s: %s %s (SHA-256 %.16s)", L(FRAMEWORK), fw->id,
                         fw->version, fw->sha256);
    put(q, intro, 2, 0, line, NULL);
    free(line);
    static const assess_label_id intro_lines[] = {LBL_Q_INTRO_1, LBL_Q_INTRO_2,
                                                  LBL_Q_INTRO_3, LBL_Q_INTRO_4,
                                                  LBL_Q_INTRO_5, LBL_Q_INTRO_6};
    for (size_t i = 0; i < 6; i++)
        put(q, intro, (lxw_row_t)(4 + i), 0, q->lb->text[intro_lines[i]],
            q->locked_wrap);
    protect(q, intro);
    worksheet_activate(intro);

    /* bid */
    static const assess_label_id bcols[] = {LBL_Q_FIELD, LBL_COL_VALUE};
    static const double bw[] = {48, 60};
    headers(q, bid, bcols, 2, bw);
    static const assess_label_id brows[] = {LBL_Q_BID_ID, LBL_Q_TENDERER,
                                            LBL_COL_LOT, LBL_Q_PRICE_AMOUNT,
                                            LBL_Q_PRICE_CURRENCY, LBL_Q_NOTES};
    for (lxw_row_t r = Q_BID_ID; r < Q_BID_ROWS; r++) {
        put(q, bid, r, 0, q->lb->text[brows[r - 1]], NULL);
        note(q, worksheet_write_blank(bid, r, 1,
                                      r == Q_BID_AMOUNT ? q->input_num : q->input));
    }
    dropdown(q, bid, Q_BID_LOT, 1, Q_BID_LOT, QL_LOTS, q->list_len[QL_LOTS], 1);
    percent(q, bid, Q_BID_AMOUNT, 1, Q_BID_AMOUNT, 1e15);
    lxw_data_validation cur = {.validate = LXW_VALIDATION_TYPE_LENGTH,
                               .criteria = LXW_VALIDATION_CRITERIA_EQUAL_TO,
                               .value_number = 3};
    note(q, worksheet_data_validation_cell(bid, Q_BID_CURRENCY, 1, &cur));
    protect(q, bid);

    /* answers */
    static const assess_label_id acols[] = {LBL_COL_CRITERION, LBL_COL_QUESTION,
                                            LBL_COL_ANSWER, LBL_COL_EVIDENCE,
                                            LBL_COL_CONFIDENCE, LBL_COL_REMARKS};
    static const double aw[] = {10, 60, 50, 50, 14, 30};
    for (size_t o = 0; o < fw->n_objectives; o++) {
        const assess_objective *ob = &fw->objectives[o];
        headers(q, ans[o], acols, Q_ANS_COLS, aw);
        for (size_t k = 0; k < ob->n_criteria; k++) {
            size_t c = ob->first_criterion + k;
            const assess_criterion *cr = &fw->criteria[c];
            lxw_row_t r = (lxw_row_t)(k + 1);
            put(q, ans[o], r, Q_ANS_ID, cr->id, q->locked_wrap);
            put(q, ans[o], r, Q_ANS_QUESTION, cr->question, q->locked_wrap);
            for (lxw_col_t col = Q_ANS_ANSWER; col < Q_ANS_COLS; col++)
                note(q, worksheet_write_blank(ans[o], r, col, q->input));
            dropdown(q, ans[o], r, Q_ANS_ANSWER, r, QL_COUNT + (int)c,
                     (unsigned)cr->n_rungs, 1);
            dropdown(q, ans[o], r, Q_ANS_CONFIDENCE, r, QL_CONFIDENCE,
                     q->list_len[QL_CONFIDENCE], 1);
        }
        protect(q, ans[o]);
    }

    /* entities and licences */
    static const assess_label_id ecols[] = {
        LBL_COL_ID,     LBL_COL_NAME,     LBL_COL_COUNTRY,  LBL_COL_ROLE,
        LBL_COL_KIND,   LBL_COL_PARENT,   LBL_COL_CONTROL,  LBL_COL_DECISIVE,
        LBL_COL_REGISTRY_ID, LBL_COL_LAYERS, LBL_COL_ACCESS, LBL_COL_SHARE};
    static const double ew[] = {14, 36, 9, 14, 11, 16, 12, 12, 22, 28, 12, 14};
    headers(q, ent, ecols, Q_ENT_COLS, ew);
    lxw_row_t last = ASSESS_QUESTIONNAIRE_ENTITY_ROWS;
    for (lxw_row_t r = 1; r <= last; r++)
        for (lxw_col_t c = 0; c < Q_ENT_COLS; c++)
            note(q, worksheet_write_blank(ent, r, c,
                                          c == Q_ENT_CONTROL || c == Q_ENT_SHARE
                                              ? q->input_num
                                              : q->input));
    dropdown(q, ent, 1, Q_ENT_COUNTRY, last, QL_COUNTRIES, q->list_len[QL_COUNTRIES], 1);
    dropdown(q, ent, 1, Q_ENT_ROLE, last, QL_ROLES, q->list_len[QL_ROLES], 1);
    dropdown(q, ent, 1, Q_ENT_KIND, last, QL_KINDS, q->list_len[QL_KINDS], 1);
    dropdown(q, ent, 1, Q_ENT_DECISIVE, last, QL_YESNO, 2, 1);
    dropdown(q, ent, 1, Q_ENT_LAYERS, last, QL_LAYERS, q->list_len[QL_LAYERS], 0);
    dropdown(q, ent, 1, Q_ENT_ACCESS, last, QL_ACCESS, q->list_len[QL_ACCESS], 1);
    percent(q, ent, 1, Q_ENT_CONTROL, last, 100);
    percent(q, ent, 1, Q_ENT_SHARE, last, 100);
    protect(q, ent);
    static const assess_label_id lcols[] = {LBL_COL_ENTITY, LBL_COL_LICENSOR,
                                            LBL_COL_COUNTRY, LBL_COL_WHAT};
    static const double lw[] = {14, 36, 9, 50};
    headers(q, lic, lcols, Q_LIC_COLS, lw);
    last = ASSESS_QUESTIONNAIRE_LICENCE_ROWS;
    for (lxw_row_t r = 1; r <= last; r++)
        for (lxw_col_t c = 0; c < Q_LIC_COLS; c++)
            note(q, worksheet_write_blank(lic, r, c, q->input));
    dropdown(q, lic, 1, Q_LIC_COUNTRY, last, QL_COUNTRIES, q->list_len[QL_COUNTRIES], 1);
    protect(q, lic);

    /* service facts */
    headers(q, svc, bcols, 2, bw);
    for (size_t i = 0; i < q_n_fields; i++) {
        const qfield *f = &q_fields[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        put(q, svc, r, 0, q->lb->text[f->label], NULL);
        note(q, worksheet_write_blank(svc, r, 1,
                                      f->type == QF_NUMBER ? q->input_num : q->input));
        if (f->type == QF_ENUM)
            dropdown(q, svc, r, 1, r, f->list, q->list_len[f->list], 1);
        else if (f->type == QF_CODES) /* several, by commas: not only one */
            dropdown(q, svc, r, 1, r, f->list, q->list_len[f->list], 0);
        else if (f->type == QF_YESNO)
            dropdown(q, svc, r, 1, r, QL_YESNO, 2, 1);
        else if (f->type == QF_COUNTRY)
            dropdown(q, svc, r, 1, r, QL_COUNTRIES, q->list_len[QL_COUNTRIES], 1);
        else if (f->type == QF_NUMBER)
            percent(q, svc, r, 1, r, f->max);
    }
    protect(q, svc);

    if (q->err == LXW_NO_ERROR && assess_nomem_count() != nomem_at)
        q->err = LXW_ERROR_MEMORY_MALLOC_FAILED; /* a label or list left out */
    assess_status st = assess_workbook_close(q->wb, q->err, q->target,
                                             "questionnaire", d);
    q->wb = NULL;
    return st;
}

assess_status assess_session_write_questionnaire(assess_session *s,
                                                 const char *path,
                                                 const char *lang,
                                                 assess_diags *d)
{
    if (!s->tender || !s->fw || !s->reg)
        return assess_diags_add(d, ASSESS_ERR_USAGE, NULL, NULL, "no tender loaded");
    assess_labels lb;
    char *tdir = assess_session_templates_dir(s);
    if (!tdir)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    assess_status st = assess_labels_load(&lb, tdir, lang ? lang : "en", d);
    free(tdir);
    if (st != ASSESS_OK)
        return st;
    qwriter q = {.s = s, .target = path, .lb = &lb};
    char *tmp = assess_workbook_tmp(d);
    if (!tmp)
        st = ASSESS_ERR_IO;
    else if ((st = build(&q, tmp, d)) == ASSESS_OK)
        st = assess_workbook_commit(tmp, path, d);
    assess_workbook_tmp_drop(tmp);
    assess_labels_release(&lb);
    return st;
}
