/*
 * xlsx.c - the evaluation report as an XLSX workbook (libxlsxwriter).
 *
 * A reporter: it reads the session's results and never evaluates. The
 * layout is described in include/assess/report.h and README "The XLSX
 * report"; report/verify.c reads it back by the same constants (layout.h).
 *
 * Rules kept here:
 *   - text from bids goes through put_str() only: worksheet_write_string(),
 *     never a formula, and cut at Excel's 32,767 characters with a visible
 *     marker;
 *   - every number a formula computes is written with its computed value,
 *     so a reader sees it before any recalculation and a recalculation
 *     gives the same number;
 *   - libxlsxwriter 1.1.4 has no autofit: put_*() keep the widest entry of
 *     each column and fit_columns() sets the widths;
 *   - the created date is pinned to the generation time, so the same
 *     inputs and timestamp give the same bytes.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "assess/report.h"
#include "report/labels.h"
#include "report/layout.h"
#include "report/workbook.h"
#include "session_internal.h"
#include "util/util.h"

#define MAX_COLS 64
#define EXCEL_MAX_TEXT 32767

typedef struct sheet {
    lxw_worksheet *ws;
    unsigned width[MAX_COLS]; /* widest entry, in characters */
    unsigned cap[MAX_COLS];   /* 0: the default cap */
} sheet;

typedef struct report {
    const assess_session *s;
    const char *target; /* the file the user named */
    const assess_labels *lb;
    lxw_workbook *wb;
    lxw_format *bold, *title, *header, *wrap, *num, *seal, *red, *amber, *green;
    char (*names)[LAYOUT_SHEET_NAME_BYTES]; /* bid sheet names, per bid */
    char (*used)[LAYOUT_SHEET_NAME_BYTES];  /* every sheet name given out */
    size_t n_used;
    size_t *order; /* bids in summary order */
    lxw_row_t *summary_row;
    lxw_error err;
    int nomem;
    int failed; /* a sheet could not be added (diagnosed) */
} report;

#define L(id) (r->lb->text[LBL_##id])

/* ---- cells ------------------------------------------------------------- */

static unsigned utf8_chars(const char *s)
{
    unsigned n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void note(report *r, lxw_error e)
{
    if (e != LXW_NO_ERROR && r->err == LXW_NO_ERROR)
        r->err = e;
}

static void widen(sheet *sh, lxw_col_t col, unsigned w)
{
    if (col < MAX_COLS && w > sh->width[col])
        sh->width[col] = w;
}

/* Text, always as text. Longer than Excel's cell limit: cut at a UTF-8
   boundary and end with the label "... [truncated]". */
static void put_str(report *r, sheet *sh, lxw_row_t row, lxw_col_t col,
                    const char *text, lxw_format *fmt)
{
    if (!text)
        return;
    size_t n = strlen(text);
    char *cut = NULL;
    if (n > EXCEL_MAX_TEXT) {
        const char *mark = L(TRUNCATED);
        size_t keep = EXCEL_MAX_TEXT - strlen(mark);
        while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
            keep--;
        cut = malloc(keep + strlen(mark) + 1);
        if (!cut) {
            r->nomem = 1;
            return;
        }
        memcpy(cut, text, keep);
        strcpy(cut + keep, mark);
        text = cut;
    }
    note(r, worksheet_write_string(sh->ws, row, col, text, fmt));
    const char *nl = strchr(text, '\n');
    widen(sh, col, nl ? (unsigned)(nl - text) : utf8_chars(text));
    free(cut);
}

/* put_str() of a formatted text: never cut in a fixed buffer, so text from
   bids (names, ids) stays whole UTF-8. */
static void put_fmt(report *r, sheet *sh, lxw_row_t row, lxw_col_t col,
                    lxw_format *fmt, const char *f, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void put_fmt(report *r, sheet *sh, lxw_row_t row, lxw_col_t col,
                    lxw_format *fmt, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *text = assess_vprintf(f, ap);
    va_end(ap);
    if (!text)
        r->nomem = 1;
    put_str(r, sh, row, col, text, fmt);
    free(text);
}

static void put_num(report *r, sheet *sh, lxw_row_t row, lxw_col_t col,
                    double v, lxw_format *fmt)
{
    char buf[32];
    note(r, worksheet_write_number(sh->ws, row, col, v, fmt));
    widen(sh, col, (unsigned)snprintf(buf, sizeof buf, "%.2f", v));
}

/* A SEAL level (0..4) shown as "SEAL-n"; -1 leaves the cell empty. */
static void put_seal(report *r, sheet *sh, lxw_row_t row, lxw_col_t col,
                     int seal)
{
    if (seal >= 0) {
        note(r, worksheet_write_number(sh->ws, row, col, seal, r->seal));
        widen(sh, col, 6);
    }
}

static void put_formula(report *r, sheet *sh, lxw_row_t row, lxw_col_t col,
                        const char *formula, double value, lxw_format *fmt)
{
    note(r, worksheet_write_formula_num(sh->ws, row, col, formula, fmt, value));
    widen(sh, col, 8);
}

/* A formula whose value may be empty (a SEAL over no answered criterion). */
static void put_seal_formula(report *r, sheet *sh, lxw_row_t row,
                             lxw_col_t col, const char *formula, int seal)
{
    if (seal >= 0)
        note(r, worksheet_write_formula_num(sh->ws, row, col, formula, r->seal,
                                            seal));
    else
        note(r, worksheet_write_formula_str(sh->ws, row, col, formula, r->seal,
                                            ""));
    widen(sh, col, 6);
}

static void header_row(report *r, sheet *sh, lxw_row_t row,
                       const assess_label_id *cols, size_t n)
{
    for (size_t c = 0; c < n; c++)
        put_str(r, sh, row, (lxw_col_t)c, r->lb->text[cols[c]], r->header);
}

static void fit_columns(report *r, sheet *sh)
{
    for (lxw_col_t c = 0; c < MAX_COLS; c++) {
        if (!sh->width[c])
            continue;
        unsigned cap = sh->cap[c] ? sh->cap[c] : 50;
        unsigned w = sh->width[c] + 2 < cap ? sh->width[c] + 2 : cap;
        note(r, worksheet_set_column(sh->ws, c, c, w < 6 ? 6 : w,
                                     sh->width[c] + 2 > cap ? r->wrap : NULL));
    }
}

/* ---- sheet names --------------------------------------------------------- */

static int name_taken(const report *r, const char *name)
{
    for (size_t i = 0; i < r->n_used; i++) {
        const char *a = r->used[i], *b = name;
        while (*a && *b && (*a == *b || ((unsigned char)*a < 0x80 &&
                                         (unsigned char)*b < 0x80 &&
                                         ((*a | 0x20) == (*b | 0x20)) &&
                                         ((*a | 0x20) >= 'a') &&
                                         ((*a | 0x20) <= 'z'))))
            a++, b++;
        if (!*a && !*b)
            return 1;
    }
    return 0;
}

/* UTF-16 units of the first `n` bytes of UTF-8 text (Excel counts those). */
static size_t utf16_units(const char *s, size_t n)
{
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        u += (c & 0xC0) != 0x80;
        u += c >= 0xF0; /* beyond the BMP: a surrogate pair */
    }
    return u;
}

/* Fit `want` to Excel's rules for sheet names: no []:*?/\, no apostrophe
   at either end, at most 31 UTF-16 units, not "History", unique without
   regard to (ASCII) case. A clash gets " (2)", " (3)", ... */
static const char *give_name(report *r, const char *want)
{
    char base[LAYOUT_SHEET_NAME_BYTES];
    size_t n = 0;
    for (const char *p = want; *p && n + 4 < sizeof base;) {
        unsigned char ch = (unsigned char)*p;
        size_t len = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
        if (utf16_units(base, n) + (len == 4 ? 2 : 1) > 31)
            break;
        if (len == 1 && (strchr("[]:*?/\\", ch) || ch < 0x20))
            base[n++] = '_', p++;
        else {
            for (size_t k = 0; k < len && *p; k++)
                base[n++] = *p++;
        }
    }
    base[n] = '\0';
    while (n && base[n - 1] == '\'')
        base[--n] = '\0';
    char *start = base;
    while (*start == '\'')
        start++;
    if (!*start || !strcasecmp(start, "History"))
        start = "Sheet";
    char *out = r->used[r->n_used];
    snprintf(out, LAYOUT_SHEET_NAME_BYTES, "%s", start);
    for (unsigned k = 2; name_taken(r, out); k++) {
        char suffix[16];
        int sl = snprintf(suffix, sizeof suffix, " (%u)", k);
        size_t keep = strlen(start);
        while (keep && utf16_units(start, keep) + (size_t)sl > 31) {
            do /* cut whole characters */
                keep--;
            while (keep && ((unsigned char)start[keep] & 0xC0) == 0x80);
        }
        snprintf(out, LAYOUT_SHEET_NAME_BYTES, "%.*s%s", (int)keep, start,
                 suffix);
    }
    r->n_used++;
    return out;
}

/* 'Sheet name'!$C$5 for formulas and chart ranges. */
static void sheet_ref(char *buf, size_t size, const char *sheet_name)
{
    size_t n = 0;
    buf[n++] = '\'';
    for (const char *p = sheet_name; *p && n + 3 < size; p++) {
        if (*p == '\'')
            buf[n++] = '\'';
        buf[n++] = *p;
    }
    buf[n++] = '\'';
    buf[n] = '\0';
}

/* ---- values ------------------------------------------------------------ */

static const char *gate_label(const report *r, assess_gate_status g)
{
    switch (g) {
    case ASSESS_GATE_PASS: return L(GATE_PASSED);
    case ASSESS_GATE_FAIL: return L(GATE_FAILED);
    case ASSESS_GATE_UNKNOWN: return L(GATE_UNKNOWN);
    default: return L(GATE_ERROR);
    }
}

static const char *outcome_label(const report *r, assess_outcome o)
{
    static const assess_label_id ids[] = {LBL_OUTCOME_PASS, LBL_OUTCOME_PARTIAL,
                                          LBL_OUTCOME_FAIL, LBL_OUTCOME_UNKNOWN,
                                          LBL_OUTCOME_NA, LBL_OUTCOME_ERROR};
    return r->lb->text[ids[o <= ASSESS_OUTCOME_ERROR ? o : ASSESS_OUTCOME_ERROR]];
}

static const char *source_label(const report *r, assess_rung_source s)
{
    static const assess_label_id ids[] = {LBL_SOURCE_NONE, LBL_SOURCE_DECLARED,
                                          LBL_SOURCE_DERIVED, LBL_SOURCE_CAPPED,
                                          LBL_SOURCE_POLICY};
    return r->lb->text[ids[s <= ASSESS_RUNG_POLICY ? s : 0]];
}

static const char *confidence_label(const report *r, assess_confidence c)
{
    static const assess_label_id ids[] = {LBL_CONF_NONE, LBL_CONF_LOW,
                                          LBL_CONF_MEDIUM, LBL_CONF_HIGH};
    return r->lb->text[ids[c <= ASSESS_CONF_HIGH ? c : 0]];
}

static const char *severity_label(const report *r, assess_severity s)
{
    static const assess_label_id ids[] = {LBL_SEV_INFO, LBL_SEV_LOW,
                                          LBL_SEV_MEDIUM, LBL_SEV_HIGH,
                                          LBL_SEV_BLOCKER};
    return r->lb->text[ids[s <= ASSESS_SEV_BLOCKER ? s : 0]];
}

static const char *text_of(const report *r, const assess_text *t)
{
    const char *nl = t->nl && *t->nl ? t->nl : t->en;
    return strcmp(r->lb->lang, "nl") == 0 ? nl : t->en;
}

static const char *policy_label(const report *r, assess_unknown_policy p)
{
    return p == ASSESS_UNKNOWN_STRICT         ? L(POLICY_STRICT)
           : p == ASSESS_UNKNOWN_CONSERVATIVE ? L(POLICY_CONSERVATIVE)
                                              : L(POLICY_GAP);
}

static const char *kind_label(const report *r, const char *kind)
{
    static const struct {
        const char *kind;
        assess_label_id id;
    } kinds[] = {{"tender", LBL_KIND_TENDER},     {"framework", LBL_KIND_FRAMEWORK},
                 {"class", LBL_KIND_CLASS},       {"registry", LBL_KIND_REGISTRY},
                 {"sanctions", LBL_KIND_SANCTIONS}, {"bid", LBL_KIND_BID},
                 {"labels", LBL_KIND_LABELS}, {"extension", LBL_KIND_EXTENSION},
                 {"portfolio", LBL_KIND_PORTFOLIO}, {"scores", LBL_KIND_SCORES}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kinds[i].kind, kind))
            return r->lb->text[kinds[i].id];
    return kind;
}

/* Join strings with `sep` into a malloc'd string (NULL on no memory). */
static char *join(char *const *items, size_t n, const char *sep)
{
    assess_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i)
            assess_buf_puts(&b, sep);
        assess_buf_puts(&b, items[i]);
    }
    return assess_buf_take(&b);
}

static double score_of(const report *r, const assess_result *res)
{
    return assess_result_score_percent(res, r->s->fw);
}

/* ---- summary order ------------------------------------------------------- */

typedef struct order_key {
    long lot;        /* index of the lot in the tender */
    long rank;       /* 0: not ranked */
    long long weighted;
    const char *id;
    size_t bid;
} order_key;

static long lot_index(const assess_session *s, const assess_lot *lot)
{
    for (size_t i = 0; lot && i < s->tender->n_lots; i++)
        if (&s->tender->lots[i] == lot)
            return (long)i;
    return -1;
}

/* Lot, then ranked bids by rank, then the rest by score, then bid id. */
static int cmp_order(const void *pa, const void *pb)
{
    const order_key *a = pa, *b = pb;
    if (a->lot != b->lot)
        return a->lot < b->lot ? -1 : 1;
    if ((a->rank > 0) != (b->rank > 0))
        return a->rank > 0 ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->weighted != b->weighted)
        return a->weighted > b->weighted ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* r->order: the bids in summary order */
static int sort_bids(report *r)
{
    const assess_session *s = r->s;
    order_key *k = calloc(s->n_bids ? s->n_bids : 1, sizeof *k);
    if (!k)
        return 0;
    for (size_t i = 0; i < s->n_bids; i++) {
        const assess_result *res = s->results[i];
        k[i] = (order_key){lot_index(s, res->lot), res->rank, res->weighted,
                           res->bid->id, i};
    }
    qsort(k, s->n_bids, sizeof *k, cmp_order);
    for (size_t i = 0; i < s->n_bids; i++)
        r->order[i] = k[i].bid;
    free(k);
    return 1;
}

/* ---- the sheets ---------------------------------------------------------- */

/* The flags of bid i: its own (x == 0), then each extension's. */
static const assess_result *result_of(const assess_session *s, size_t i, size_t x)
{
    return x ? s->ext_results[i * s->n_ext + x - 1] : s->results[i];
}

/* Flag families used anywhere in the run (every framework), sorted, unique. */
static size_t families(const assess_session *s, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_bids; i++)
        for (size_t x = 0; x <= s->n_ext; x++) {
            const assess_result *res = result_of(s, i, x);
            for (size_t k = 0; k < res->n_flags; k++) {
                const char *f = res->flags[k].family;
                size_t j = 0;
                while (j < n && strcmp(out[j], f) < 0)
                    j++;
                if ((j < n && !strcmp(out[j], f)) || n == max)
                    continue;
                memmove(out + j + 1, out + j, (n - j) * sizeof *out);
                out[j] = f;
                n++;
            }
        }
    return n;
}

static void write_summary(report *r, sheet *sh)
{
    const assess_session *s = r->s;
    const assess_tender *t = s->tender;
    const assess_framework *fw = s->fw;
    put_str(r, sh, 0, 0, L(REPORT_TITLE), r->title);
    put_str(r, sh, 1, 0, L(INTERNAL_NOTE), NULL);
    sh->width[0] = 0; /* the title and note may run over the columns */
    lxw_row_t row = LAYOUT_SUMMARY_INFO_ROW;
    put_str(r, sh, row, 0, L(TENDER), r->bold);
    put_str(r, sh, row++, 2, t->title, NULL);
    put_str(r, sh, row, 0, L(BUYER), r->bold);
    put_str(r, sh, row++, 2, t->buyer, NULL);
    put_str(r, sh, row, 0, L(ASSESSMENT_DATE), r->bold);
    put_str(r, sh, row++, 2, t->assessment_date, NULL);
    put_str(r, sh, row, 0, L(FRAMEWORK), r->bold);
    put_fmt(r, sh, row++, 2, NULL, "%s %s: %s", fw->id, fw->version, fw->title);
    put_str(r, sh, row, 0, L(WEIGHT_PROFILE), r->bold);
    put_fmt(r, sh, row++, 2, NULL, "%s: %s", fw->profiles[s->profile].id,
            fw->profiles[s->profile].label);
    put_str(r, sh, row, 0, L(UNKNOWN_POLICY), r->bold);
    put_str(r, sh, row++, 2, policy_label(r, t->unknown_policy), NULL);
    put_str(r, sh, row, 0, L(CAPS), r->bold);
    put_str(r, sh, row++, 2, t->caps_advisory ? L(CAPS_ADVISORY) : L(CAPS_ENFORCE),
            NULL);
    put_str(r, sh, row, 0, L(SANCTIONS), r->bold);
    if (s->sanctions) {
        const char *gen = assess_sanctions_generated(s->sanctions);
        put_fmt(r, sh, row++, 2, NULL, "%s %s (%s)", L(SCREENED),
                assess_sanctions_file(s->sanctions), gen ? gen : "?");
    } else {
        put_str(r, sh, row++, 2, L(NOT_SCREENED), r->amber);
    }
    put_str(r, sh, row, 0, L(BIDS_SCORED), r->bold);
    put_num(r, sh, row++, 2, (double)s->n_bids, NULL);
    put_str(r, sh, row, 0, L(INPUTS_FAILED), r->bold);
    put_num(r, sh, row++, 2, (double)s->n_failed, s->n_failed ? r->red : NULL);
    /* the info block's labels span columns A:B; keep the table's widths */
    sh->width[0] = sh->width[2] = 0;

    const char *fam[64];
    size_t n_fam = families(s, fam, 64);
    lxw_row_t hdr = LAYOUT_SUMMARY_HEADER_ROW;
    static const assess_label_id cols[] = {LBL_COL_LOT, LBL_COL_BID,
                                           LBL_COL_TENDERER, LBL_COL_COUNTRY,
                                           LBL_COL_SCORE, LBL_COL_SEAL,
                                           LBL_COL_GATE, LBL_COL_RANK};
    header_row(r, sh, hdr, cols, LAYOUT_SUMMARY_FIXED_COLS);
    lxw_col_t c = LAYOUT_SUMMARY_FIXED_COLS;
    for (size_t o = 0; o < fw->n_objectives; o++)
        put_str(r, sh, hdr, c++, fw->objectives[o].id, r->header);
    lxw_col_t sev_col = c;
    for (int v = ASSESS_SEV_BLOCKER; v >= ASSESS_SEV_INFO; v--) {
        put_fmt(r, sh, hdr, c++, r->header, "%s: %s", L(COL_FLAGS),
                severity_label(r, (assess_severity)v));
    }
    lxw_col_t fam_col = c;
    for (size_t k = 0; k < n_fam; k++) {
        put_fmt(r, sh, hdr, c++, r->header, "%s: %s", L(COL_FLAGS), fam[k]);
    }
    lxw_col_t ext_col = c;
    for (size_t k = 0; k < s->n_ext; k++)
        put_fmt(r, sh, hdr, c++, r->header, "%s (%%)", s->ext[k].fw->id);
    lxw_col_t last_col = c - 1;

    lxw_row_t row0 = hdr + 1;
    for (size_t k = 0; k < s->n_bids; k++) {
        size_t i = r->order[k];
        const assess_result *res = s->results[i];
        const assess_bid *b = res->bid;
        const assess_entity *te = assess_bid_entity(b, b->tenderer);
        lxw_row_t rr = row0 + (lxw_row_t)k;
        r->summary_row[i] = rr;
        char ref[LAYOUT_SHEET_NAME_BYTES * 2 + 8], f[LAYOUT_SHEET_NAME_BYTES * 2 + 64];
        sheet_ref(ref, sizeof ref, r->names[i]);
        put_str(r, sh, rr, 0, res->lot ? res->lot->id : b->lot, NULL);
        put_str(r, sh, rr, 1, b->id, NULL);
        put_str(r, sh, rr, 2, te ? te->name : b->tenderer, NULL);
        put_str(r, sh, rr, 3, te ? te->country : NULL, NULL);
        snprintf(f, sizeof f, "=%s!$%c$%u", ref, 'A' + LAYOUT_BID_OBJ_WEIGHTED,
                 LAYOUT_BID_SCORE_ROW(fw->n_objectives) + 1);
        put_formula(r, sh, rr, 4, f, score_of(r, res), r->num);
        snprintf(f, sizeof f, "=%s!$%c$%u", ref, 'A' + LAYOUT_BID_OBJ_WEIGHTED,
                 LAYOUT_BID_SEAL_ROW(fw->n_objectives) + 1);
        put_seal_formula(r, sh, rr, 5, f, res->seal);
        put_str(r, sh, rr, 6, gate_label(r, res->gate_status), NULL);
        if (res->rank > 0)
            put_num(r, sh, rr, 7, (double)res->rank, NULL);
        else
            put_str(r, sh, rr, 7, L(NOT_RANKED), NULL);
        for (size_t o = 0; o < fw->n_objectives; o++) {
            snprintf(f, sizeof f, "=%s!$%c$%zu", ref, 'A' + LAYOUT_BID_OBJ_SCORE,
                     LAYOUT_BID_OBJ_ROW + o + 1);
            put_formula(r, sh, rr, (lxw_col_t)(LAYOUT_SUMMARY_FIXED_COLS + o), f,
                        (double)res->objectives[o].points_centi /
                            (double)fw->nominal_points,
                        r->num);
        }
        unsigned by_sev[5] = {0};
        for (size_t x = 0; x <= s->n_ext; x++) {
            const assess_result *fr = result_of(s, i, x);
            for (size_t j = 0; j < fr->n_flags; j++)
                if (fr->flags[j].severity <= ASSESS_SEV_BLOCKER)
                    by_sev[fr->flags[j].severity]++;
        }
        for (int v = ASSESS_SEV_BLOCKER; v >= ASSESS_SEV_INFO; v--)
            put_num(r, sh, rr, (lxw_col_t)(sev_col + ASSESS_SEV_BLOCKER - v),
                    by_sev[v], NULL);
        for (size_t fk = 0; fk < n_fam; fk++) {
            unsigned cnt = 0;
            for (size_t x = 0; x <= s->n_ext; x++) {
                const assess_result *fr = result_of(s, i, x);
                for (size_t j = 0; j < fr->n_flags; j++)
                    cnt += !strcmp(fr->flags[j].family, fam[fk]);
            }
            put_num(r, sh, rr, (lxw_col_t)(fam_col + fk), cnt, NULL);
        }
        for (size_t x = 0; x < s->n_ext; x++)
            put_num(r, sh, rr, (lxw_col_t)(ext_col + x),
                    assess_result_score_percent(s->ext_results[i * s->n_ext + x],
                                                s->ext[x].fw),
                    r->num);
    }
    lxw_row_t last_row = s->n_bids ? row0 + (lxw_row_t)s->n_bids - 1 : row0;
    worksheet_freeze_panes(sh->ws, row0, 2);
    note(r, worksheet_autofilter(sh->ws, hdr, 0, last_row, last_col));
    if (s->n_bids) {
        /* SEAL: 0-1 red, 2 amber, 3-4 green; gate: failed or error red,
           unknown amber, passed green */
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL};
        cf.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO;
        cf.value = 1;
        cf.format = r->red;
        note(r, worksheet_conditional_format_range(sh->ws, row0, 5, last_row, 5, &cf));
        cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        cf.value = 2;
        cf.format = r->amber;
        note(r, worksheet_conditional_format_range(sh->ws, row0, 5, last_row, 5, &cf));
        cf.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        cf.value = 3;
        cf.format = r->green;
        note(r, worksheet_conditional_format_range(sh->ws, row0, 5, last_row, 5, &cf));
        static const struct {
            assess_gate_status g;
            int colour;
        } gates[] = {{ASSESS_GATE_FAIL, 0},
                     {ASSESS_GATE_ERROR, 0},
                     {ASSESS_GATE_UNKNOWN, 1},
                     {ASSESS_GATE_PASS, 2}};
        for (size_t k = 0; k < 4; k++) {
            char q[256];
            snprintf(q, sizeof q, "\"%s\"", gate_label(r, gates[k].g));
            lxw_conditional_format g = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                        .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                        .value_string = q};
            g.format = gates[k].colour == 0 ? r->red
                       : gates[k].colour == 1 ? r->amber
                                              : r->green;
            note(r, worksheet_conditional_format_range(sh->ws, row0, 6, last_row,
                                                       6, &g));
        }
    }
    sh->cap[2] = 40;
}

/* Per lot: a bar chart of scores (every bid, the chart grows with them) and
   a radar chart of the objective scores of the five best bids. */
static void write_charts(report *r, sheet *sh, const char *summary_name)
{
    const assess_session *s = r->s;
    const assess_framework *fw = s->fw;
    char ref[LAYOUT_SHEET_NAME_BYTES * 2 + 8];
    sheet_ref(ref, sizeof ref, summary_name);
    lxw_row_t at = 1;
    size_t k = 0;
    while (k < s->n_bids) {
        const assess_result *first = s->results[r->order[k]];
        size_t end = k;
        while (end < s->n_bids &&
               s->results[r->order[end]]->lot == first->lot)
            end++;
        size_t n = end - k;
        lxw_row_t a = r->summary_row[r->order[k]] + 1;
        lxw_row_t b = r->summary_row[r->order[end - 1]] + 1;
        const char *lot = first->lot ? first->lot->id : first->bid->lot;
        char cats[1200], vals[1200];

        lxw_chart *bar = workbook_add_chart(r->wb, LXW_CHART_BAR);
        if (!bar) {
            r->nomem = 1;
            return;
        }
        char *title = assess_printf("%s %s", L(CHART_SCORES), lot ? lot : "");
        if (title)
            chart_title_set_name(bar, title);
        free(title);
        snprintf(cats, sizeof cats, "=%s!$B$%u:$B$%u", ref, a, b);
        snprintf(vals, sizeof vals, "=%s!$E$%u:$E$%u", ref, a, b);
        lxw_chart_series *se = chart_add_series(bar, cats, vals);
        if (!se) {
            r->nomem = 1;
            return;
        }
        /* in a bar chart y is the category axis: rank 1 on top */
        chart_axis_set_reverse(bar->y_axis);
        chart_axis_set_min(bar->x_axis, 0);
        chart_legend_set_position(bar, LXW_CHART_LEGEND_NONE);
        double height = 120.0 + 18.0 * (double)n; /* ~18 px a bid */
        lxw_chart_options opt = {.x_scale = 1.5, .y_scale = height / 288.0};
        note(r, worksheet_insert_chart_opt(sh->ws, at, 1, bar, &opt));

        lxw_chart *radar = workbook_add_chart(r->wb, LXW_CHART_RADAR);
        if (!radar) {
            r->nomem = 1;
            return;
        }
        title = assess_printf("%s %s", L(CHART_RADAR), lot ? lot : "");
        if (title)
            chart_title_set_name(radar, title);
        free(title);
        lxw_col_t c0 = LAYOUT_SUMMARY_FIXED_COLS;
        lxw_col_t c1 = (lxw_col_t)(c0 + fw->n_objectives - 1);
        char col0[4], col1[4];
        lxw_col_to_name(col0, c0, 1);
        lxw_col_to_name(col1, c1, 1);
        snprintf(cats, sizeof cats, "=%s!%s%u:%s%u", ref, col0,
                 (unsigned)(LAYOUT_SUMMARY_HEADER_ROW + 1), col1,
                 (unsigned)(LAYOUT_SUMMARY_HEADER_ROW + 1));
        for (size_t j = k; j < end && j < k + LAYOUT_RADAR_BIDS; j++) {
            lxw_row_t rr = r->summary_row[r->order[j]] + 1;
            snprintf(vals, sizeof vals, "=%s!%s%u:%s%u", ref, col0, rr, col1, rr);
            lxw_chart_series *rs = chart_add_series(radar, cats, vals);
            if (!rs) {
                r->nomem = 1;
                return;
            }
            char name[1200];
            snprintf(name, sizeof name, "=%s!$B$%u", ref, rr);
            chart_series_set_name(rs, name);
        }
        chart_legend_set_position(radar, LXW_CHART_LEGEND_BOTTOM);
        lxw_chart_options ropt = {.x_scale = 1.3, .y_scale = 1.6};
        note(r, worksheet_insert_chart_opt(sh->ws, at, 14, radar, &ropt));
        lxw_row_t rows = (lxw_row_t)(height / 20.0) + 3;
        at += rows > 26 ? rows : 26;
        k = end;
    }
}

static void write_bid(report *r, sheet *sh, size_t i)
{
    const assess_session *s = r->s;
    const assess_framework *fw = s->fw;
    const assess_result *res = s->results[i];
    const assess_bid *b = res->bid;
    const assess_entity *te = assess_bid_entity(b, b->tenderer);
    put_fmt(r, sh, 0, 0, r->title, "%s %s: %s", L(COL_BID), b->id,
            te ? te->name : b->tenderer);
    sh->width[0] = 0;
    lxw_row_t row = 1;
    put_str(r, sh, row, 0, L(BID_FILE), r->bold);
    put_str(r, sh, row++, 2, assess_basename(b->file), NULL);
    put_str(r, sh, row, 0, L(COL_LOT), r->bold);
    put_str(r, sh, row++, 2, res->lot ? res->lot->id : b->lot, NULL);
    put_str(r, sh, row, 0, L(COL_TENDERER), r->bold);
    put_fmt(r, sh, row++, 2, NULL, "%s (%s)", te ? te->name : b->tenderer,
            te ? te->country : "?");
    put_str(r, sh, row, 0, L(BID_PRICE), r->bold);
    if (b->has_price) {
        put_num(r, sh, row, 2, b->price_amount, r->num);
        put_str(r, sh, row, 3, b->price_currency, NULL);
    }
    row++;
    put_str(r, sh, row, 0, L(BID_CHAIN), r->bold);
    char *chain = join(res->chain, res->n_chain, " > ");
    put_str(r, sh, row++, 2, chain, NULL);
    free(chain);
    put_str(r, sh, row, 0, L(COL_GATE), r->bold);
    put_str(r, sh, row++, 2, gate_label(r, res->gate_status),
            res->gate_status == ASSESS_GATE_PASS   ? r->green
            : res->gate_status == ASSESS_GATE_FAIL ? r->red
                                                   : r->amber);
    put_str(r, sh, row, 0, L(BID_GATE_CHECKS), r->bold);
    assess_buf cb = {0};
    for (size_t k = 0; k < res->n_checks; k++)
        assess_buf_printf(&cb, "%s%s: %s (%s)", k ? "; " : "", res->checks[k].id,
                          gate_label(r, res->checks[k].status),
                          text_of(r, &res->checks[k].reason));
    for (size_t k = 0; k < res->n_failures; k++)
        assess_buf_printf(&cb, "%s%s: %s", cb.len ? "; " : "",
                          res->failures[k].gate, text_of(r, &res->failures[k].reason));
    char *checks = assess_buf_take(&cb);
    put_str(r, sh, row++, 2, checks, NULL);
    free(checks);
    put_str(r, sh, row, 0, L(COL_RANK), r->bold);
    if (res->rank > 0)
        put_num(r, sh, row++, 2, (double)res->rank, NULL);
    else
        put_str(r, sh, row++, 2, L(NOT_RANKED), NULL);
    sh->width[0] = sh->width[2] = 0; /* the info block runs over columns */

    /* objectives: live formulas over the criterion rows below */
    static const assess_label_id ocols[] = {LBL_COL_OBJECTIVE, LBL_COL_TITLE,
                                            LBL_COL_WEIGHT, LBL_COL_POINTS,
                                            LBL_COL_OBJ_SCORE, LBL_COL_SEAL,
                                            LBL_COL_WEIGHTED};
    header_row(r, sh, LAYOUT_BID_OBJ_HEADER_ROW, ocols, 7);
    size_t n_obj = fw->n_objectives;
    lxw_row_t crit0 = LAYOUT_BID_CRIT_ROW(n_obj);
    const assess_weight_profile *wp = &fw->profiles[s->profile];
    char f[256];
    for (size_t o = 0; o < n_obj; o++) {
        const assess_objective *ob = &fw->objectives[o];
        const assess_objective_result *orr = &res->objectives[o];
        lxw_row_t rr = (lxw_row_t)(LAYOUT_BID_OBJ_ROW + o);
        unsigned a = crit0 + (unsigned)ob->first_criterion + 1;
        unsigned z = a + (unsigned)ob->n_criteria - 1;
        double points = (double)orr->points_centi / 100.0;
        put_str(r, sh, rr, 0, ob->id, NULL);
        put_str(r, sh, rr, 1, ob->title, NULL);
        put_num(r, sh, rr, 2, wp->weights[o], NULL);
        snprintf(f, sizeof f, "=SUM(%c%u:%c%u)", 'A' + LAYOUT_BID_COL_POINTS, a,
                 'A' + LAYOUT_BID_COL_POINTS, z);
        put_formula(r, sh, rr, 3, f, points, r->num);
        snprintf(f, sizeof f, "=D%u/%ld*100", rr + 1, fw->nominal_points);
        put_formula(r, sh, rr, LAYOUT_BID_OBJ_SCORE, f,
                    (double)orr->points_centi / (double)fw->nominal_points, r->num);
        snprintf(f, sizeof f, "=IF(COUNT(%c%u:%c%u)=0,\"\",MIN(%c%u:%c%u))",
                 'A' + LAYOUT_BID_COL_SEAL, a, 'A' + LAYOUT_BID_COL_SEAL, z,
                 'A' + LAYOUT_BID_COL_SEAL, a, 'A' + LAYOUT_BID_COL_SEAL, z);
        put_seal_formula(r, sh, rr, 5, f, orr->seal);
        snprintf(f, sizeof f, "=C%u*D%u/%ld", rr + 1, rr + 1,
                 fw->nominal_points);
        put_formula(r, sh, rr, LAYOUT_BID_OBJ_WEIGHTED, f,
                    (double)wp->weights[o] * (double)orr->points_centi /
                        (100.0 * (double)fw->nominal_points),
                    r->num);
    }
    unsigned o1 = LAYOUT_BID_OBJ_ROW + 1, oz = LAYOUT_BID_OBJ_ROW + (unsigned)n_obj;
    lxw_row_t sr = LAYOUT_BID_SCORE_ROW(n_obj);
    put_str(r, sh, sr, 0, L(SOVEREIGNTY_SCORE), r->bold);
    snprintf(f, sizeof f, "=SUM(G%u:G%u)", o1, oz);
    put_formula(r, sh, sr, LAYOUT_BID_OBJ_WEIGHTED, f, score_of(r, res), r->num);
    put_str(r, sh, sr + 1, 0, L(OVERALL_SEAL), r->bold);
    snprintf(f, sizeof f, "=IF(COUNT(F%u:F%u)=0,\"\",MIN(F%u:F%u))", o1, oz, o1, oz);
    put_seal_formula(r, sh, sr + 1, LAYOUT_BID_OBJ_WEIGHTED, f, res->seal);

    /* criteria */
    static const assess_label_id ccols[] = {
        LBL_COL_OBJECTIVE, LBL_COL_CRITERION, LBL_COL_QUESTION, LBL_COL_ANSWER,
        LBL_COL_RUNG,      LBL_COL_SOURCE,    LBL_COL_POINTS,   LBL_COL_SEAL,
        LBL_COL_OUTCOME,   LBL_COL_EVIDENCE,  LBL_COL_CONFIDENCE,
        LBL_COL_BINDING,   LBL_COL_FLAGS};
    header_row(r, sh, crit0 - 1, ccols, sizeof ccols / sizeof ccols[0]);
    for (size_t c = 0; c < fw->n_criteria; c++) {
        const assess_criterion *cr = &fw->criteria[c];
        const assess_crit_result *cres = &res->crit[c];
        const assess_objective_result *orr = &res->objectives[cr->objective];
        lxw_row_t rr = crit0 + (lxw_row_t)c;
        put_str(r, sh, rr, 0, fw->objectives[cr->objective].id, NULL);
        put_str(r, sh, rr, 1, cr->id, NULL);
        put_str(r, sh, rr, 2, cr->question, NULL);
        if (cres->declared >= 0 && cres->rung >= 0 && cres->declared != cres->rung)
            put_fmt(r, sh, rr, 3, NULL, "%s -> %s", cr->rungs[cres->declared].label,
                    cr->rungs[cres->rung].label);
        else if (cres->declared >= 0)
            put_str(r, sh, rr, 3, cr->rungs[cres->declared].label, NULL);
        else if (cres->rung >= 0)
            put_str(r, sh, rr, 3, cr->rungs[cres->rung].label, NULL);
        else
            put_str(r, sh, rr, 3, L(UNANSWERED), NULL);
        if (cres->rung >= 0)
            put_num(r, sh, rr, 4, cres->rung, NULL);
        put_str(r, sh, rr, 5, source_label(r, cres->source), NULL);
        put_num(r, sh, rr, LAYOUT_BID_COL_POINTS,
                (double)cres->points_centi / 100.0, r->num);
        put_seal(r, sh, rr, LAYOUT_BID_COL_SEAL, cres->seal);
        put_str(r, sh, rr, 8, outcome_label(r, cres->outcome),
                cres->outcome == ASSESS_OUTCOME_ERROR ? r->red : NULL);
        put_str(r, sh, rr, 9, cres->evidence, NULL);
        if (cres->declared >= 0)
            put_str(r, sh, rr, 10, confidence_label(r, cres->confidence), NULL);
        for (size_t k = 0; k < orr->n_binding; k++)
            if (orr->binding[k] == c)
                put_str(r, sh, rr, 11, L(BINDING_MARK), r->bold);
        assess_buf fb = {0};
        for (size_t k = 0; k < res->n_flags; k++)
            if (res->flags[k].criterion && !strcmp(res->flags[k].criterion, cr->id))
                assess_buf_printf(&fb, "%s%s", fb.len ? ", " : "",
                                  res->flags[k].code);
        char *flags = assess_buf_take(&fb);
        put_str(r, sh, rr, 12, flags, NULL);
        free(flags);
    }
    sh->cap[2] = 60;
    sh->cap[3] = 50;
    sh->cap[9] = 40;
}

static void write_flags(report *r, sheet *sh)
{
    const assess_session *s = r->s;
    static const assess_label_id cols[] = {
        LBL_COL_BID,      LBL_COL_LOT,     LBL_COL_FAMILY, LBL_COL_SEVERITY,
        LBL_COL_CODE,     LBL_COL_CRITERION, LBL_COL_MESSAGE, LBL_COL_PATH,
        LBL_COL_LAWS,     LBL_COL_BASIS};
    header_row(r, sh, 0, cols, sizeof cols / sizeof cols[0]);
    lxw_row_t row = 1;
    for (size_t k = 0; k < s->n_bids * (1 + s->n_ext); k++) {
        /* each bid's own flags, then those of each extension */
        size_t b = r->order[k / (1 + s->n_ext)], x = k % (1 + s->n_ext);
        const assess_result *res = x ? s->ext_results[b * s->n_ext + x - 1]
                                     : s->results[b];
        for (size_t j = 0; j < res->n_flags; j++, row++) {
            const assess_flag *fl = &res->flags[j];
            put_str(r, sh, row, 0, res->bid->id, NULL);
            put_str(r, sh, row, 1, res->lot ? res->lot->id : res->bid->lot, NULL);
            put_str(r, sh, row, 2, fl->family, NULL);
            put_str(r, sh, row, 3, severity_label(r, fl->severity),
                    fl->severity >= ASSESS_SEV_HIGH ? r->red
                    : fl->severity == ASSESS_SEV_MEDIUM ? r->amber
                                                        : NULL);
            put_str(r, sh, row, 4, fl->code, NULL);
            put_str(r, sh, row, 5, fl->criterion ? fl->criterion : L(CHAIN_ONLY),
                    NULL);
            put_str(r, sh, row, 6, text_of(r, &fl->message), NULL);
            char *path = join(fl->path, fl->n_path, " > ");
            char *laws = join(fl->laws, fl->n_laws, ", ");
            put_str(r, sh, row, 7, path, NULL);
            put_str(r, sh, row, 8, laws, NULL);
            free(path);
            free(laws);
            put_str(r, sh, row, 9, fl->basis, NULL);
        }
    }
    worksheet_freeze_panes(sh->ws, 1, 1);
    note(r, worksheet_autofilter(sh->ws, 0, 0, row > 1 ? row - 1 : 1, 9));
    sh->cap[6] = 80;
    sh->cap[7] = 50;
    sh->cap[9] = 60;
}

static void write_gaps(report *r, sheet *sh)
{
    const assess_session *s = r->s;
    static const assess_label_id cols[] = {LBL_COL_BID, LBL_COL_LOT,
                                           LBL_COL_CRITERION, LBL_COL_MISSING};
    header_row(r, sh, 0, cols, 4);
    lxw_row_t row = 1;
    if (!s->sanctions) {
        put_str(r, sh, row, 0, L(GAPS_ALL_BIDS), NULL);
        put_str(r, sh, row, 2, "SANCTIONS", NULL);
        put_str(r, sh, row++, 3, L(GAPS_NOT_SCREENED), r->amber);
    }
    for (size_t k = 0; k < s->n_failed; k++, row++) {
        put_str(r, sh, row, 0, assess_basename(s->failed[k].file), NULL);
        char *msg = assess_printf("%s: %s", L(GAPS_FAILED_INPUT),
                                  s->failed[k].error);
        put_str(r, sh, row, 3, msg, r->red);
        free(msg);
    }
    for (size_t k = 0; k < s->n_bids; k++) {
        const assess_result *res = s->results[r->order[k]];
        const char *lot = res->lot ? res->lot->id : res->bid->lot;
        for (size_t j = 0; j < res->n_checks; j++) {
            const assess_gate_check *gc = &res->checks[j];
            if (gc->status != ASSESS_GATE_UNKNOWN && gc->status != ASSESS_GATE_ERROR)
                continue;
            int listed = 0; /* the engine's own evidence gap for it */
            for (size_t g = 0; g < res->n_gaps; g++)
                listed |= !strcmp(res->gaps[g].criterion, gc->id);
            if (listed)
                continue;
            put_str(r, sh, row, 0, res->bid->id, NULL);
            put_str(r, sh, row, 1, lot, NULL);
            put_str(r, sh, row, 2, gc->id, NULL);
            char *msg = assess_printf("%s: %s", L(GAPS_GATE_UNKNOWN),
                                      text_of(r, &gc->reason));
            put_str(r, sh, row++, 3, msg, NULL);
            free(msg);
        }
        for (size_t x = 0; x <= s->n_ext; x++) {
            const assess_result *g = x ? s->ext_results[r->order[k] * s->n_ext + x - 1]
                                       : res;
            for (size_t j = 0; j < g->n_gaps; j++, row++) {
                put_str(r, sh, row, 0, res->bid->id, NULL);
                put_str(r, sh, row, 1, lot, NULL);
                put_str(r, sh, row, 2, g->gaps[j].criterion, NULL);
                put_str(r, sh, row, 3, text_of(r, &g->gaps[j].reason), NULL);
            }
        }
    }
    if (row == 1)
        put_str(r, sh, row++, 3, L(GAPS_NONE), r->green);
    worksheet_freeze_panes(sh->ws, 1, 1);
    note(r, worksheet_autofilter(sh->ws, 0, 0, row - 1, 3));
    sh->cap[3] = 100;
}

static void write_framework(report *r, sheet *sh)
{
    const assess_session *s = r->s;
    static const assess_label_id cols[] = {
        LBL_COL_OBJECTIVE, LBL_COL_CRITERION, LBL_COL_TITLE, LBL_COL_QUESTION,
        LBL_COL_RUNG,      LBL_COL_ANSWER,    LBL_COL_POINTS, LBL_COL_SEAL};
    header_row(r, sh, 0, cols, 8);
    lxw_row_t row = 1;
    for (size_t x = 0; x <= s->n_ext; x++) { /* the framework, then extensions */
        const assess_framework *fw = x ? s->ext[x - 1].fw : s->fw;
        for (size_t c = 0; c < fw->n_criteria; c++) {
            const assess_criterion *cr = &fw->criteria[c];
            for (int k = 0; k < cr->n_rungs; k++, row++) {
                put_str(r, sh, row, 0, fw->objectives[cr->objective].id, NULL);
                put_str(r, sh, row, 1, cr->id, NULL);
                put_str(r, sh, row, 2, cr->title, NULL);
                put_str(r, sh, row, 3, cr->question, NULL);
                put_num(r, sh, row, 4, k, NULL);
                put_str(r, sh, row, 5, cr->rungs[k].label, NULL);
                put_num(r, sh, row, 6, (double)cr->rungs[k].points_centi / 100.0,
                        r->num);
                put_seal(r, sh, row, 7, cr->rungs[k].seal);
            }
        }
    }
    worksheet_freeze_panes(sh->ws, 1, 2);
    note(r, worksheet_autofilter(sh->ws, 0, 0, row - 1, 7));
    sh->cap[2] = 40;
    sh->cap[3] = 60;
    sh->cap[5] = 60;
}

/* One sheet per extension: per bid the score, group scores and gate; then
   every criterion of every bid. */
static void write_extension(report *r, sheet *sh, size_t x)
{
    const assess_session *s = r->s;
    const assess_framework *fw = s->ext[x].fw;
    put_fmt(r, sh, 0, 0, r->title, "%s %s: %s", fw->id, fw->version, fw->title);
    put_str(r, sh, 1, 0, L(EXT_NOTE), NULL);
    sh->width[0] = 0;
    /* per lot: where the weights and each gate came from */
    const ext_state *xs = &s->ext[x];
    lxw_row_t row = 2;
    for (size_t l = 0; l < s->tender->n_lots; l++, row++) {
        assess_buf b = {0};
        assess_buf_printf(&b, "%s %s: %s %s", L(COL_LOT), s->tender->lots[l].id,
                          L(COL_WEIGHT), assess_gate_source_name(xs->weights_src[l]));
        for (size_t g = 0; g < fw->n_gates; g++) {
            assess_gate_source src = xs->gate_src[l * fw->n_gates + g];
            if (src != ASSESS_GATE_SRC_NONE)
                assess_buf_printf(&b, "; %s %s (%s)", L(COL_GATE), fw->gates[g].id,
                                  assess_gate_source_name(src));
        }
        char *line = assess_buf_take(&b);
        put_str(r, sh, row, 0, line, NULL);
        free(line);
    }
    sh->width[0] = 0;
    row++;
    put_str(r, sh, row, 0, L(COL_BID), r->header);
    put_str(r, sh, row, 1, L(COL_LOT), r->header);
    put_str(r, sh, row, 2, L(COL_EXTENSION_SCORE), r->header);
    put_str(r, sh, row, 3, L(COL_GATE), r->header);
    for (size_t o = 0; o < fw->n_objectives; o++)
        put_fmt(r, sh, row, (lxw_col_t)(4 + o), r->header, "%s (%%)",
                fw->objectives[o].id);
    row++;
    for (size_t k = 0; k < s->n_bids; k++, row++) {
        size_t b = r->order[k];
        const assess_result *res = s->ext_results[b * s->n_ext + x];
        put_str(r, sh, row, 0, res->bid->id, NULL);
        put_str(r, sh, row, 1, res->lot ? res->lot->id : res->bid->lot, NULL);
        put_num(r, sh, row, 2, assess_result_score_percent(res, fw), r->num);
        put_str(r, sh, row, 3, gate_label(r, res->gate_status),
                res->gate_status == ASSESS_GATE_FAIL ? r->red : NULL);
        for (size_t o = 0; o < fw->n_objectives; o++)
            put_num(r, sh, row, (lxw_col_t)(4 + o),
                    (double)res->objectives[o].points_centi /
                        (double)fw->nominal_points,
                    r->num);
    }
    row++;
    static const assess_label_id cols[] = {
        LBL_COL_BID, LBL_COL_LOT, LBL_COL_GROUP, LBL_COL_CRITERION, LBL_COL_TITLE,
        LBL_COL_RUNG, LBL_COL_ANSWER, LBL_COL_POINTS, LBL_COL_OUTCOME, LBL_COL_BASIS};
    header_row(r, sh, row++, cols, sizeof cols / sizeof cols[0]);
    for (size_t k = 0; k < s->n_bids; k++) {
        size_t b = r->order[k];
        const assess_result *res = s->ext_results[b * s->n_ext + x];
        for (size_t c = 0; c < fw->n_criteria; c++, row++) {
            const assess_criterion *cr = &fw->criteria[c];
            const assess_crit_result *cres = &res->crit[c];
            put_str(r, sh, row, 0, res->bid->id, NULL);
            put_str(r, sh, row, 1, res->lot ? res->lot->id : res->bid->lot, NULL);
            put_str(r, sh, row, 2, fw->objectives[cr->objective].id, NULL);
            put_str(r, sh, row, 3, cr->id, NULL);
            put_str(r, sh, row, 4, cr->title, NULL);
            if (cres->rung >= 0) {
                put_num(r, sh, row, 5, cres->rung, NULL);
                put_str(r, sh, row, 6, cr->rungs[cres->rung].label, NULL);
            }
            put_num(r, sh, row, 7, (double)cres->points_centi / 100.0, r->num);
            put_str(r, sh, row, 8, outcome_label(r, cres->outcome),
                    cres->outcome == ASSESS_OUTCOME_UNKNOWN ? r->amber : NULL);
            put_str(r, sh, row, 9, cr->basis, NULL);
        }
    }
    sh->cap[4] = 40;
    sh->cap[6] = 50;
    sh->cap[9] = 60;
}

/* The award: weights above the criteria columns, one row per bid with
   live formulas for the price score, quality and total (written with their
   values), then the diagnostics per lot. */
static void write_award(report *r, sheet *sh)
{
    const assess_session *s = r->s;
    const assess_award *a = &s->tender->award;
    static const char *const methods[] = {"weighted", "value-for-money", "monetised"};
    static const char *const scorings[] = {"absolute", "lowest", "linear", "log"};
    put_str(r, sh, 0, 0, L(AWARD_TITLE), r->title);
    put_fmt(r, sh, 1, 0, NULL, "%s: %s, %s", L(AWARD_METHOD), methods[a->method],
            scorings[a->price_scoring]);
    assess_buf tb = {0};
    assess_buf_printf(&tb, "%s: %d, %s, %s", L(AWARD_ROUNDING), a->decimals,
                      a->half_even ? "half-even" : "half-up",
                      a->compare_rounded ? "rounded" : "unrounded");
    for (size_t i = 0; i < a->n_tie_breaks; i++)
        assess_buf_printf(&tb, "%s%s", i ? ", " : "; ", a->tie_breaks[i]);
    char *t = assess_buf_take(&tb);
    put_str(r, sh, 2, 0, t, NULL);
    free(t);
    sh->width[0] = 0;
    /* columns: A lot, B bid, C price, D knocked out, E price score, then one
       per criterion, then quality, total, rounded, rank, tie-break, low,
       changes winner, overrides */
    size_t nc = a->n_criteria;
    lxw_col_t c0 = 5, cq = (lxw_col_t)(c0 + nc), ct = cq + 1, cr = ct + 1;
    lxw_row_t wrow = 4, hrow = 5, row0 = 6;
    put_str(r, sh, wrow, 3, L(AWARD_WEIGHTS), r->bold);
    put_num(r, sh, wrow, 4, a->price_weight, NULL);
    for (size_t k = 0; k < nc; k++)
        put_num(r, sh, wrow, (lxw_col_t)(c0 + k),
                a->method == ASSESS_AWARD_MONETISED ? a->criteria[k].value
                                                    : a->criteria[k].weight,
                NULL);
    static const assess_label_id cols[] = {LBL_COL_LOT, LBL_COL_BID, LBL_COL_PRICE,
                                           LBL_COL_KNOCK_OUT, LBL_COL_PRICE_SCORE};
    header_row(r, sh, hrow, cols, 5);
    for (size_t k = 0; k < nc; k++)
        put_str(r, sh, hrow, (lxw_col_t)(c0 + k), a->criteria[k].id, r->header);
    static const assess_label_id tail[] = {
        LBL_COL_QUALITY, LBL_COL_TOTAL, LBL_COL_TOTAL_ROUNDED, LBL_COL_AWARD_RANK,
        LBL_COL_TIE_BREAK, LBL_COL_ABNORMALLY_LOW, LBL_COL_CHANGES_WINNER,
        LBL_COL_OVERRIDE};
    for (size_t k = 0; k < 8; k++)
        put_str(r, sh, hrow, (lxw_col_t)(cq + k), r->lb->text[tail[k]], r->header);
    char first[8], last[8], f[512];
    lxw_col_to_name(first, c0, 0);
    lxw_col_to_name(last, (lxw_col_t)(cq - 1), 0);
    for (size_t k = 0; k < s->n_bids; k++) {
        size_t i = r->order[k];
        const award_bid *b = &s->award[i];
        const assess_result *res = s->results[i];
        lxw_row_t rr = row0 + (lxw_row_t)k;
        unsigned x = rr + 1;
        put_str(r, sh, rr, 0, res->lot ? res->lot->id : res->bid->lot, NULL);
        put_str(r, sh, rr, 1, b->id, NULL);
        if (b->has_price)
            put_num(r, sh, rr, 2, b->price, r->num);
        put_str(r, sh, rr, 3, b->knock_out[0] ? b->knock_out : NULL, r->red);
        for (size_t c = 0; c < nc; c++) /* as they count (stage: rounded) */
            if (!isnan(b->crit[c]))
                put_num(r, sh, rr, (lxw_col_t)(c0 + c),
                        a->round_criteria
                            ? assess_award_round(b->crit[c], a->decimals, a->half_even)
                            : b->crit[c],
                        r->num);
        snprintf(f, sizeof f, "=SUMPRODUCT($%s$%u:$%s$%u,%s%u:%s%u)/SUM($%s$%u:$%s$%u)",
                 first, wrow + 1, last, wrow + 1, first, x, last, x, first, wrow + 1,
                 last, wrow + 1);
        if (a->method != ASSESS_AWARD_MONETISED)
            put_formula(r, sh, rr, cq, f, b->quality, r->num);
        if (b->eligible) {
            /* the price score and the total as formulas over this row */
            /* the evaluated price: the contract price, times the price factor
               of a preference for non-preferred bidders */
            char pe[64];
            if (b->evaluated_price != b->price && b->price > 0)
                snprintf(pe, sizeof pe, "(C%u*%.17g)", x, b->evaluated_price / b->price);
            else
                snprintf(pe, sizeof pe, "C%u", x);
            if (a->method == ASSESS_AWARD_WEIGHTED) {
                double pmin = INFINITY, pmax = -INFINITY;
                for (size_t j = 0; j < s->n_bids; j++)
                    if (s->award[j].eligible && s->award[j].lot == b->lot) {
                        pmin = fmin(pmin, s->award[j].evaluated_price);
                        pmax = fmax(pmax, s->award[j].evaluated_price);
                    }
                char ps[256];
                switch (a->price_scoring) {
                case ASSESS_PRICE_ABSOLUTE:
                    snprintf(ps, sizeof ps, "MAX(0,MIN(1,(%.17g-%s)/(%.17g)))*100",
                             a->bound_max, pe, a->bound_max - a->bound_min);
                    break;
                case ASSESS_PRICE_LOWEST:
                    snprintf(ps, sizeof ps, "%.17g/%s*100", pmin, pe);
                    break;
                case ASSESS_PRICE_LINEAR:
                    if (pmax > pmin)
                        snprintf(ps, sizeof ps, "(%.17g-%s)/(%.17g)*100", pmax, pe,
                                 pmax - pmin);
                    else
                        snprintf(ps, sizeof ps, "100");
                    break;
                case ASSESS_PRICE_LOG:
                    snprintf(ps, sizeof ps, "(1-LN(%s/%.17g)/LN(%.17g))*100", pe, pmin,
                             a->log_base);
                    break;
                }
                if (a->round_criteria && !a->half_even)
                    snprintf(f, sizeof f, "=ROUND(%s,%d)", ps, a->decimals);
                else if (a->round_criteria) /* no half-even function: the value */
                    snprintf(f, sizeof f, "=%.17g", b->price_score);
                else
                    snprintf(f, sizeof f, "=%s", ps);
                put_formula(r, sh, rr, 4, f, b->price_score, r->num);
                /* plus the points of a score-adjustment preference */
                double adj = 0;
                for (size_t pi = 0; pi < a->n_preference; pi++)
                    if (a->preference[pi].mode == ASSESS_PREF_SCORE_ADJUSTMENT &&
                        b->category < a->preference[pi].against)
                        adj = a->preference[pi].value;
                snprintf(f, sizeof f,
                         "=($E$%u*E%u+SUMPRODUCT($%s$%u:$%s$%u,%s%u:%s%u))/100+%.17g",
                         wrow + 1, x, first, wrow + 1, last, wrow + 1, first, x, last, x,
                         adj);
            } else if (a->method == ASSESS_AWARD_VFM) {
                char qc[8];
                lxw_col_to_name(qc, cq, 0);
                snprintf(f, sizeof f, "=%s%u/%s", qc, x, pe);
            } else {
                snprintf(f, sizeof f, "=%s-SUMPRODUCT($%s$%u:$%s$%u,%s%u:%s%u)/100", pe,
                         first, wrow + 1, last, wrow + 1, first, x, last, x);
            }
            put_formula(r, sh, rr, ct, f, b->total, r->num);
            char tc[8];
            lxw_col_to_name(tc, ct, 0);
            if (a->half_even) /* no spreadsheet function rounds half to even */
                put_num(r, sh, rr, cr, b->total_rounded, r->num);
            else {
                snprintf(f, sizeof f, "=ROUND(%s%u,%d)", tc, x, a->decimals);
                put_formula(r, sh, rr, cr, f, b->total_rounded, r->num);
            }
        }
        if (b->rank > 0)
            put_num(r, sh, rr, cr + 1, (double)b->rank, NULL);
        put_str(r, sh, rr, cr + 2, b->tie_break[0] ? b->tie_break : NULL, NULL);
        put_str(r, sh, rr, cr + 3, b->abnormally_low ? L(VALUE_YES) : NULL, r->amber);
        put_str(r, sh, rr, cr + 4,
                b->without_winner >= 0 ? s->award[b->without_winner].id : NULL, r->amber);
        assess_buf ob = {0};
        for (size_t c = 0; c < nc; c++) {
            const award_override *ov = assess_award_override(s->scores, b->id,
                                                             a->criteria[c].id);
            if (ov)
                assess_buf_printf(&ob, "%s%s = %g (%s, %s: %s)", ob.len ? "; " : "",
                                  ov->criterion, ov->value, ov->evaluator, ov->date,
                                  ov->reason);
        }
        char *ovs = assess_buf_take(&ob);
        put_str(r, sh, rr, cr + 5, ovs, NULL);
        free(ovs);
    }
    sh->width[0] = sh->width[0] > 12 ? 12 : sh->width[0];
    sh->cap[3] = 40;
    sh->cap[cr + 5] = 60;
    worksheet_freeze_panes(sh->ws, row0, 2);
}

/* Per lot: the winner, rank stability, weight sensitivity, and whether the
   preference or the union-added-value criterion decided the winner. */
static void write_diagnostics(report *r, sheet *sh)
{
    const assess_session *s = r->s;
    put_str(r, sh, 0, 0, L(SHEET_DIAGNOSTICS), r->title);
    put_str(r, sh, 1, 0, L(DIAG_NOTE), NULL);
    sh->width[0] = 0;
    static const assess_label_id cols[] = {LBL_COL_LOT, LBL_LETTER_WINNER,
                                           LBL_AWARD_STABLE, LBL_AWARD_SENSITIVITY,
                                           LBL_DIAG_PREFERENCE, LBL_DIAG_UAV};
    header_row(r, sh, 3, cols, 6);
    lxw_row_t row = 4;
    for (size_t l = 0; s->award_diag && l < s->tender->n_lots; l++, row++) {
        const award_lot_diag *dg = &s->award_diag[l];
        put_str(r, sh, row, 0, s->tender->lots[l].id, NULL);
        put_str(r, sh, row, 1, dg->winner >= 0 ? s->award[dg->winner].id : "-", NULL);
        put_str(r, sh, row, 2, dg->stable ? L(VALUE_YES) : L(VALUE_NO),
                dg->stable ? r->green : r->amber);
        if (dg->sensitivity)
            put_fmt(r, sh, row, 3, NULL, "%d (%s)", dg->sensitivity, dg->sensitive_to);
        put_str(r, sh, row, 4, dg->without_preference >= 0
                                   ? s->award[dg->without_preference].id : "-",
                dg->without_preference != dg->winner ? r->amber : NULL);
        put_str(r, sh, row, 5, dg->without_uav >= 0 ? s->award[dg->without_uav].id : "-",
                dg->without_uav != dg->winner ? r->amber : NULL);
    }
    /* per bid: abnormally low prices and removals that change the winner */
    row++;
    static const assess_label_id bcols[] = {LBL_COL_BID, LBL_COL_LOT,
                                            LBL_COL_ABNORMALLY_LOW,
                                            LBL_COL_CHANGES_WINNER};
    header_row(r, sh, row++, bcols, 4);
    for (size_t k = 0; k < s->n_bids; k++) {
        const award_bid *b = &s->award[r->order[k]];
        if (!b->abnormally_low && b->without_winner < 0)
            continue;
        put_str(r, sh, row, 0, b->id, NULL);
        put_str(r, sh, row, 1, b->lot >= 0 ? s->tender->lots[b->lot].id : "-", NULL);
        put_str(r, sh, row, 2, b->abnormally_low ? L(VALUE_YES) : NULL, r->amber);
        put_str(r, sh, row++, 3,
                b->without_winner >= 0 ? s->award[b->without_winner].id : NULL, r->amber);
    }
}

static void audit_input(report *r, sheet *sh, lxw_row_t row, const char *kind,
                        const char *file, const char *sha, const char *version)
{
    put_str(r, sh, row, 0, kind, NULL);
    put_str(r, sh, row, 1, kind_label(r, kind), NULL);
    put_str(r, sh, row, 2, file, NULL);
    put_str(r, sh, row, 3, sha, NULL);
    put_str(r, sh, row, 4, version, NULL);
    if (sha && *sha) {
        char name[600];
        /* named by kind and Audit row: unique and short, whatever the
           file names (Excel limits a property name to 255 characters) */
        snprintf(name, sizeof name, LAYOUT_PROPERTY, kind, row + 1);
        note(r, workbook_set_custom_property_string(r->wb, name, sha));
    }
}

static void write_audit(report *r, sheet *sh, const char *when)
{
    const assess_session *s = r->s;
    const assess_tender *t = s->tender;
    put_str(r, sh, 0, 0, L(SHEET_AUDIT), r->title);
    static const assess_label_id cols[] = {LBL_COL_CODE, LBL_COL_SETTING,
                                           LBL_COL_VALUE};
    header_row(r, sh, LAYOUT_AUDIT_SETTINGS_ROW - 1, cols, 3);
    char tool[64];
    snprintf(tool, sizeof tool, "assess %s", ASSESS_VERSION);
    assess_buf lb = {0};
    for (size_t i = 0; i < t->n_lots; i++)
        assess_buf_printf(&lb, "%s%s: %s", i ? "; " : "", t->lots[i].id,
                          t->lots[i].class_id ? t->lots[i].class_id : "-");
    char *lots = assess_buf_take(&lb);
    const struct {
        const char *code;
        assess_label_id label;
        const char *value;
    } settings[] = {
        {LAYOUT_SET_TOOL, LBL_AUDIT_TOOL, tool},
        {LAYOUT_SET_LANG, LBL_AUDIT_LANGUAGE, r->lb->lang},
        {LAYOUT_SET_TIME, LBL_AUDIT_TIMESTAMP, when},
        {LAYOUT_SET_TENDER, LBL_AUDIT_TENDER_FILE, assess_basename(t->file)},
        {"framework", LBL_FRAMEWORK, s->fw->id},
        {"weight_profile", LBL_WEIGHT_PROFILE, s->fw->profiles[s->profile].id},
        {"unknown_policy", LBL_UNKNOWN_POLICY,
         assess_unknown_policy_name(t->unknown_policy)},
        {"caps", LBL_CAPS, t->caps_advisory ? "advisory" : "enforce"},
        {"assessment_date", LBL_ASSESSMENT_DATE, t->assessment_date},
        {LAYOUT_SET_SANCTIONS, LBL_AUDIT_SANCTIONS_FILE,
         s->sanctions ? assess_sanctions_file(s->sanctions) : "-"},
        {"lots", LBL_AUDIT_LOTS, lots ? lots : ""},
    };
    lxw_row_t row = LAYOUT_AUDIT_SETTINGS_ROW;
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++, row++) {
        put_str(r, sh, row, 0, settings[i].code, NULL);
        put_str(r, sh, row, 1, r->lb->text[settings[i].label], NULL);
        put_str(r, sh, row, 2, settings[i].value, NULL);
    }
    free(lots);
    sh->width[2] = 0; /* long values run over the digest columns */
    row++;
    put_str(r, sh, row++, 0, L(AUDIT_INPUTS), r->bold);
    static const assess_label_id icols[] = {LBL_COL_CODE, LBL_COL_KIND,
                                            LBL_COL_FILE, LBL_COL_SHA256,
                                            LBL_COL_VERSION};
    header_row(r, sh, row++, icols, 5);
    for (size_t i = 0; i < s->n_used; i++, row++)
        audit_input(r, sh, row, s->used[i].kind, s->used[i].file,
                    s->used[i].sha256, s->used[i].version);
    audit_input(r, sh, row++, "labels", r->lb->file, r->lb->sha256, r->lb->lang);
    for (size_t i = 0; i < s->n_bids; i++, row++)
        audit_input(r, sh, row, "bid", assess_basename(s->bids[i]->file),
                    s->bids[i]->sha256, s->bids[i]->id);
    for (size_t i = 0; i < s->n_failed; i++, row++)
        audit_input(r, sh, row, "bid", assess_basename(s->failed[i].file), "",
                    "-");
    row++;
    put_str(r, sh, row, 0, L(AUDIT_VERIFY), NULL);
    sh->width[0] = sh->width[0] > 12 ? 16 : sh->width[0];
    note(r, workbook_set_custom_property_string(r->wb, "assess.tool", tool));
    note(r, workbook_set_custom_property_string(r->wb, "assess.generated", when));
}

/* ---- the workbook -------------------------------------------------------- */

static int formats(report *r)
{
    lxw_format **all[] = {&r->bold, &r->title, &r->header, &r->wrap, &r->num,
                          &r->seal, &r->red, &r->amber, &r->green};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!(*all[i] = workbook_add_format(r->wb)))
            return 0;
    format_set_bold(r->bold);
    format_set_bold(r->title);
    format_set_font_size(r->title, 14);
    format_set_bold(r->header);
    format_set_bg_color(r->header, 0xD9E1F2);
    format_set_bottom(r->header, LXW_BORDER_THIN);
    format_set_text_wrap(r->header);
    format_set_align(r->header, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(r->wrap);
    format_set_align(r->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(r->num, "0.00");
    format_set_num_format(r->seal, "\"SEAL-\"0");
    format_set_bg_color(r->red, 0xF4CCCC);
    format_set_font_color(r->red, 0x9C0006);
    format_set_bg_color(r->amber, 0xFFEB9C);
    format_set_font_color(r->amber, 0x9C5700);
    format_set_bg_color(r->green, 0xC6EFCE);
    format_set_font_color(r->green, 0x006100);
    return 1;
}

static int add_sheet(report *r, sheet *sh, const char *name, assess_diags *d)
{
    memset(sh, 0, sizeof *sh);
    lxw_error e = workbook_validate_sheet_name(r->wb, name);
    if (e == LXW_NO_ERROR && !(sh->ws = workbook_add_worksheet(r->wb, name)))
        e = LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (e != LXW_NO_ERROR) {
        assess_diags_add(d, e == LXW_ERROR_MEMORY_MALLOC_FAILED ? ASSESS_ERR_NOMEM
                                                               : ASSESS_ERR_INVALID,
                         NULL, NULL, "cannot add the sheet '%s': %s", name,
                         lxw_strerror(e));
        r->failed = 1;
    }
    return sh->ws != NULL;
}

/* Write the whole workbook to `file`; 0 on success. */
static assess_status build(report *r, const char *file, long long ts,
                           assess_diags *d)
{
    const assess_session *s = r->s;
    unsigned long nomem_at = assess_nomem_count();
    char when[32];
    time_t tt = (time_t)ts;
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        return assess_diags_add(d, ASSESS_ERR_USAGE, NULL, NULL,
                                "generation time %lld is out of range", ts);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);

    lxw_workbook_options wo = {.constant_memory = 0};
    r->wb = workbook_new_opt(file, &wo);
    if (!r->wb)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, file, NULL,
                                "cannot start the workbook");
    lxw_doc_properties props = {.title = L(REPORT_TITLE),
                                .company = s->tender->buyer,
                                .comments = s->tender->title,
                                /* 0 would make libxlsxwriter take the
                                   clock: the epoch itself becomes 1 s */
                                .created = tt > 0 ? tt : 1};
    note(r, workbook_set_properties(r->wb, &props));
    if (!formats(r))
        r->nomem = 1;

    /* names first: fixed sheets, then one per bid */
    static const assess_label_id fixed[] = {LBL_SHEET_SUMMARY, LBL_SHEET_CHARTS,
                                            LBL_SHEET_FLAGS, LBL_SHEET_GAPS,
                                            LBL_SHEET_FRAMEWORK, LBL_SHEET_AUDIT,
                                            LBL_SHEET_AWARD, LBL_SHEET_DIAGNOSTICS};
    const char *fixed_name[8];
    for (size_t k = 0; k < (s->award ? 8u : 6u); k++)
        fixed_name[k] = give_name(r, r->lb->text[fixed[k]]);
    char ext_names[ASSESS_MAX_EXTENSIONS][LAYOUT_SHEET_NAME_BYTES];
    for (size_t k = 0; k < s->n_ext; k++)
        snprintf(ext_names[k], sizeof ext_names[k], "%s", give_name(r, s->ext[k].fw->id));
    for (size_t i = 0; i < s->n_bids; i++)
        snprintf(r->names[i], LAYOUT_SHEET_NAME_BYTES, "%s",
                 give_name(r, s->bids[i]->id));

    sheet sh;
    sheet *summary = malloc(sizeof *summary);
    if (!summary)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    int ok = add_sheet(r, summary, fixed_name[0], d);
    sheet charts;
    ok = ok && add_sheet(r, &charts, fixed_name[1], d);
    if (ok) {
        write_summary(r, summary);
        fit_columns(r, summary);
        write_charts(r, &charts, fixed_name[0]);
    }
    /* bid sheets in summary order: lot, then rank */
    for (size_t k = 0; ok && k < s->n_bids; k++) {
        size_t i = r->order[k];
        if ((ok = add_sheet(r, &sh, r->names[i], d))) {
            write_bid(r, &sh, i);
            fit_columns(r, &sh);
        }
    }
    for (size_t k = 0; ok && k < s->n_ext; k++)
        if ((ok = add_sheet(r, &sh, ext_names[k], d))) {
            write_extension(r, &sh, k);
            fit_columns(r, &sh);
        }
    if (ok && s->award && (ok = add_sheet(r, &sh, fixed_name[6], d))) {
        write_award(r, &sh);
        fit_columns(r, &sh);
    }
    if (ok && s->award && (ok = add_sheet(r, &sh, fixed_name[7], d))) {
        write_diagnostics(r, &sh);
        fit_columns(r, &sh);
    }
    if (ok && (ok = add_sheet(r, &sh, fixed_name[2], d))) {
        write_flags(r, &sh);
        fit_columns(r, &sh);
    }
    if (ok && (ok = add_sheet(r, &sh, fixed_name[3], d))) {
        write_gaps(r, &sh);
        fit_columns(r, &sh);
    }
    if (ok && (ok = add_sheet(r, &sh, fixed_name[4], d))) {
        write_framework(r, &sh);
        fit_columns(r, &sh);
    }
    if (ok && (ok = add_sheet(r, &sh, fixed_name[5], d))) {
        write_audit(r, &sh, when);
        fit_columns(r, &sh);
    }
    free(summary);
    r->nomem |= assess_nomem_count() != nomem_at; /* text cut short */
    if (!ok || r->failed || r->nomem) {
        workbook_close(r->wb);
        r->wb = NULL;
        return r->nomem ? assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory")
                        : ASSESS_ERR_INVALID; /* add_sheet() said why */
    }
    assess_status st = assess_workbook_close(r->wb, r->err, r->target, "workbook", d);
    r->wb = NULL;
    return st;
}

char *assess_session_templates_dir(const assess_session *s)
{
    const char *env = getenv("ASSESS_TEMPLATES");
    if (env && *env)
        return assess_strdup(env);
    return assess_printf("%s/../templates", s->rules_dir);
}

/* Copy a finished file into an atomic output. */
assess_status assess_workbook_commit(const char *tmp, const char *path,
                                     assess_diags *d)
{
    char *data;
    size_t size;
    assess_status st = assess_read_file(&data, &size, tmp, (size_t)1 << 31, d);
    if (st != ASSESS_OK)
        return st;
    st = assess_write_output(path, data, size, d);
    free(data);
    return st;
}

assess_status assess_workbook_close(lxw_workbook *wb, lxw_error earlier,
                                    const char *target, const char *what,
                                    assess_diags *d)
{
    lxw_error e = workbook_close(wb);
    if (earlier == LXW_NO_ERROR && e == LXW_NO_ERROR)
        return ASSESS_OK;
    return assess_diags_add(d, ASSESS_ERR_IO,
                            strcmp(target, "-") ? target : "standard output", NULL,
                            "cannot write the %s: %s", what,
                            lxw_strerror(earlier != LXW_NO_ERROR ? earlier : e));
}

char *assess_workbook_tmp(assess_diags *d)
{
    const char *tmpdir = getenv("TMPDIR");
    char *tmp = assess_printf("%s/assess-workbook-XXXXXX",
                              tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!tmp) {
        assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
        return NULL;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        assess_diags_add(d, ASSESS_ERR_IO, tmp, NULL,
                         "cannot create a temporary file: %s", strerror(errno));
        free(tmp);
        return NULL;
    }
    close(fd);
    assess_tmp_track(tmp); /* removed if the run is interrupted */
    return tmp;
}

void assess_workbook_tmp_drop(char *tmp)
{
    if (!tmp)
        return;
    unlink(tmp);
    assess_tmp_untrack(tmp);
    free(tmp);
}

assess_status assess_session_write_xlsx(assess_session *s, const char *path,
                                        const assess_report_options *o,
                                        assess_diags *d)
{
    assess_status ready = assess_session_ready(s, d);
    if (ready != ASSESS_OK)
        return ready;
    assess_labels lb;
    char *tdir = assess_session_templates_dir(s);
    if (!tdir)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    assess_status st = assess_labels_load(&lb, tdir, o && o->lang ? o->lang : "en", d);
    free(tdir);
    if (st != ASSESS_OK)
        return st;
    report r = {.s = s, .target = path, .lb = &lb};
    size_t nb = s->n_bids ? s->n_bids : 1;
    r.names = calloc(nb, sizeof *r.names);
    r.used = calloc(nb + 16, sizeof *r.used);
    r.order = calloc(nb, sizeof *r.order);
    r.summary_row = calloc(nb, sizeof *r.summary_row);
    char *tmp = NULL;
    if (!r.names || !r.used || !r.order || !r.summary_row || !sort_bids(&r))
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    else if (!(tmp = assess_workbook_tmp(d)))
        st = ASSESS_ERR_IO;
    else if ((st = build(&r, tmp, o ? o->timestamp : 0, d)) == ASSESS_OK)
        st = assess_workbook_commit(tmp, path, d);
    assess_workbook_tmp_drop(tmp);
    free(r.names);
    free(r.used);
    free(r.order);
    free(r.summary_row);
    assess_labels_release(&lb);
    return st;
}
