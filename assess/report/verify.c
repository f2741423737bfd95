/*
 * verify.c - check an XLSX report against this installation and, given the
 * score run's inputs, against a fresh computation (`assess verify`).
 *
 *   1. read the report (xlsx reader) and its Audit sheet: settings and the
 *      digest of every input, rule, data and labels file;
 *   2. rule, data and labels files: digest and version against the files
 *      this installation has;
 *   3. the custom document properties against the Audit sheet;
 *   4. with a tender and bids in the session: their digests, then the whole
 *      report made afresh (same language and generation time) and compared
 *      cell by cell; numbers within VERIFY_TOLERANCE.
 *
 * Every difference is one line on `out`: "Sheet!C7: what differs".
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess/report.h"
#include "assess/xlsx.h"
#include "report/layout.h"
#include "report/workbook.h"
#include "session_internal.h"
#include "util/util.h"

#define VERIFY_TOLERANCE 5e-5
#define VERIFY_MAX_LINES 25 /* differences printed per sheet */

typedef struct audit_row {
    char *kind, *file, *sha, *version;
    unsigned row; /* 0-based row in the Audit sheet */
    int matched;
} audit_row;

typedef struct audit {
    long sheet;
    const char *name;
    const char *tool, *lang, *generated, *tender, *sanctions;
    audit_row *rows;
    size_t n, cap;
} audit;

typedef struct verifier {
    FILE *out;
    size_t diffs;
    const char *report;
} verifier;

static void differ(verifier *v, const char *sheet, unsigned row, unsigned col,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void differ(verifier *v, const char *sheet, unsigned row, unsigned col,
                   const char *fmt, ...)
{
    char cell[16];
    va_list ap;
    v->diffs++;
    if (sheet && col != (unsigned)-1) {
        assess_xlsx_cell_name(cell, row, col);
        fprintf(v->out, "%s!%s: ", sheet, cell);
    } else if (sheet) {
        fprintf(v->out, "%s: ", sheet);
    } else {
        fprintf(v->out, "%s: ", v->report);
    }
    va_start(ap, fmt);
    vfprintf(v->out, fmt, ap);
    va_end(ap);
    fputc('\n', v->out);
}

static const char *text_at(const assess_xlsx *x, long sheet, unsigned row,
                           unsigned col)
{
    const assess_xlsx_cell *c = assess_xlsx_get(x, (size_t)sheet, row, col);
    return c && c->type == ASSESS_CELL_STRING ? c->text : NULL;
}

/* The Audit sheet is the one whose settings start with the tool row. */
static assess_status read_audit(const assess_xlsx *x, const char *report,
                                audit *a, assess_diags *d)
{
    memset(a, 0, sizeof *a);
    a->sheet = -1;
    for (size_t i = assess_xlsx_sheet_count(x); i-- > 0;) {
        const char *code = text_at(x, (long)i, LAYOUT_AUDIT_SETTINGS_ROW, 0);
        const char *tool = text_at(x, (long)i, LAYOUT_AUDIT_SETTINGS_ROW, 2);
        if (code && tool && !strcmp(code, LAYOUT_SET_TOOL) &&
            !strncmp(tool, "assess ", 7)) {
            a->sheet = (long)i;
            break;
        }
    }
    if (a->sheet < 0)
        return assess_diags_add(d, ASSESS_ERR_INVALID, report, NULL,
                                "no Audit sheet (not a report of assess, or "
                                "its Audit sheet was changed)");
    a->name = assess_xlsx_sheet_name(x, (size_t)a->sheet);
    size_t n = assess_xlsx_cell_count(x, (size_t)a->sheet);
    /* the inputs table starts below its header, the row whose column D is
       the SHA-256 heading; settings come before it */
    unsigned header = (unsigned)-1;
    for (size_t k = 0; k < n && header == (unsigned)-1; k++) {
        const assess_xlsx_cell *c = assess_xlsx_cell_at(x, (size_t)a->sheet, k);
        if (c->col == 3 && c->type == ASSESS_CELL_STRING &&
            !strcmp(c->text, "SHA-256"))
            header = c->row;
    }
    for (size_t k = 0; k < n; k++) {
        const assess_xlsx_cell *c = assess_xlsx_cell_at(x, (size_t)a->sheet, k);
        if (c->col != 0 || c->type != ASSESS_CELL_STRING ||
            c->row < LAYOUT_AUDIT_SETTINGS_ROW)
            continue;
        const char *value = text_at(x, a->sheet, c->row, 2);
        const char *sha = text_at(x, a->sheet, c->row, 3);
        if (c->row > header) {
            if (!value)
                continue;
            if (!assess_grow((void **)&a->rows, &a->cap, a->n + 1, sizeof *a->rows))
                return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                                        "out of memory");
            audit_row *r = &a->rows[a->n++];
            r->kind = (char *)c->text;
            r->file = (char *)value;
            r->sha = (char *)(sha ? sha : "");
            r->version = (char *)text_at(x, a->sheet, c->row, 4);
            r->row = c->row;
            r->matched = 0;
        } else if (!strcmp(c->text, LAYOUT_SET_TOOL))
            a->tool = value;
        else if (!strcmp(c->text, LAYOUT_SET_LANG))
            a->lang = value;
        else if (!strcmp(c->text, LAYOUT_SET_TIME))
            a->generated = value;
        else if (!strcmp(c->text, LAYOUT_SET_TENDER))
            a->tender = value;
        else if (!strcmp(c->text, LAYOUT_SET_SANCTIONS))
            a->sanctions = value;
    }
    if (!a->lang || !a->generated || !a->tender)
        return assess_diags_add(d, ASSESS_ERR_INVALID, report, a->name,
                                "the Audit sheet lacks its language, generation "
                                "time or tender file");
    return ASSESS_OK;
}

/* The installation's copy of a rule, data or labels file: its path. */
static char *installed_path(const assess_session *s, const char *kind,
                            const char *file)
{
    if (strchr(file, '/') || !strcmp(file, "..") || !strcmp(file, "."))
        return NULL;
    if (!strcmp(kind, "framework") || !strcmp(kind, "extension"))
        return assess_printf("%s/frameworks/%s", s->rules_dir, file);
    if (!strcmp(kind, "class"))
        return assess_printf("%s/classes/%s", s->rules_dir, file);
    if (!strcmp(kind, "registry"))
        return assess_printf("%s/registry/%s", s->rules_dir, file);
    if (!strcmp(kind, "labels")) {
        char *t = assess_session_templates_dir(s);
        char *p = t ? assess_printf("%s/%s", t, file) : NULL;
        free(t);
        return p;
    }
    return NULL;
}

/* Version of an installed file as the writer records it. */
static char *installed_version(const assess_registry *reg, const char *kind,
                               const char *path, const char *data, size_t size)
{
    if (!strcmp(kind, "registry") && reg) {
        for (size_t i = 0; i < assess_registry_file_count(reg); i++) {
            const char *p, *sha;
            assess_registry_file(reg, i, &p, &sha);
            if (!strcmp(assess_basename(p), assess_basename(path))) {
                const char *v = assess_registry_file_as_of(reg, i);
                return v ? assess_strdup(v) : NULL;
            }
        }
        return NULL;
    }
    if (strcmp(kind, "framework") != 0 && strcmp(kind, "extension") != 0)
        return NULL;
    cJSON *root = cJSON_ParseWithLength(data, size);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "version");
    char *out = cJSON_IsString(v) ? assess_strdup(v->valuestring) : NULL;
    cJSON_Delete(root);
    return out;
}

static void check_installation(verifier *v, const assess_session *s,
                               const audit *a, assess_diags *d)
{
    assess_registry *own = NULL;
    const assess_registry *reg = s->reg;
    if (!reg) {
        char *rp = assess_printf("%s/registry", s->rules_dir);
        assess_diags quiet;
        assess_diags_init(&quiet);
        if (rp)
            assess_registry_load(&own, rp, &quiet);
        assess_diags_release(&quiet);
        free(rp);
        reg = own;
    }
    for (size_t i = 0; i < a->n; i++) {
        const audit_row *r = &a->rows[i];
        char *path = installed_path(s, r->kind, r->file);
        if (!path)
            continue; /* an input: checked against the given files */
        char *data = NULL;
        size_t size = 0;
        assess_diags quiet;
        assess_diags_init(&quiet);
        if (assess_read_file(&data, &size, path, ASSESS_MAX_FILE_BYTES, &quiet) !=
            ASSESS_OK) {
            differ(v, a->name, r->row, 3,
                   "%s %s: made with sha256 %.12s, this installation has no "
                   "such file (%s)",
                   r->kind, r->file, r->sha, path);
        } else {
            char sha[65];
            assess_sha256_hex(sha, data, size);
            if (strcmp(sha, r->sha) != 0) {
                char *ver = installed_version(reg, r->kind, path, data, size);
                differ(v, a->name, r->row, 3,
                       "%s %s: made with %s%s (sha256 %.12s), this installation "
                       "has %s%s (sha256 %.12s)",
                       r->kind, r->file, r->version ? r->version : "",
                       r->version ? "" : "another version", r->sha,
                       ver ? ver : "", ver ? "" : "another version", sha);
                free(ver);
            }
        }
        assess_diags_release(&quiet);
        free(data);
        free(path);
    }
    assess_registry_free(own);
    (void)d;
}

static void check_properties(verifier *v, const assess_xlsx *x, const audit *a)
{
    const char *gen = assess_xlsx_custom_property(x, "assess.generated");
    if (!gen) {
        differ(v, NULL, 0, 0,
               "the custom document properties are missing (the workbook was "
               "saved by a program that drops them, or they were removed)");
        return;
    }
    if (strcmp(gen, a->generated) != 0)
        differ(v, a->name, 0, (unsigned)-1,
               "generation time %s, the document property says %s", a->generated,
               gen);
    for (size_t i = 0; i < a->n; i++) {
        const audit_row *r = &a->rows[i];
        if (!*r->sha)
            continue;
        char name[600];
        snprintf(name, sizeof name, LAYOUT_PROPERTY, r->kind, r->row + 1);
        const char *p = assess_xlsx_custom_property(x, name);
        if (!p || strcmp(p, r->sha) != 0)
            differ(v, a->name, r->row, 3,
                   "%s %s: sha256 %.12s, the document property says %.12s",
                   r->kind, r->file, r->sha, p ? p : "nothing");
    }
}

/* Inputs given now against the Audit rows: tender, sanctions list, bids. */
static void check_inputs(verifier *v, const assess_session *s, audit *a)
{
    for (size_t i = 0; i < s->n_used; i++) {
        const used_file *u = &s->used[i];
        if (strcmp(u->kind, "tender") && strcmp(u->kind, "sanctions") &&
            strcmp(u->kind, "portfolio") && strcmp(u->kind, "scores"))
            continue;
        audit_row *hit = NULL;
        for (size_t k = 0; k < a->n && !hit; k++)
            if (!strcmp(a->rows[k].kind, u->kind))
                hit = &a->rows[k];
        if (!hit) {
            differ(v, a->name, 0, (unsigned)-1,
                   "%s %s was given, the report was made without one", u->kind,
                   u->file);
            continue;
        }
        hit->matched = 1;
        if (strcmp(hit->sha, u->sha256) != 0 || strcmp(hit->file, u->file) != 0)
            differ(v, a->name, hit->row, 3,
                   "%s: the report was made from %s (sha256 %.12s), the given "
                   "file is %s (sha256 %.12s)",
                   u->kind, hit->file, hit->sha, u->file, u->sha256);
    }
    for (size_t i = 0; i < s->n_bids; i++) {
        const assess_bid *b = s->bids[i];
        const char *file = assess_basename(b->file);
        audit_row *hit = NULL;
        for (size_t k = 0; k < a->n && !hit; k++)
            if (!strcmp(a->rows[k].kind, "bid") && !a->rows[k].matched &&
                !strcmp(a->rows[k].file, file))
                hit = &a->rows[k];
        if (!hit) {
            differ(v, a->name, 0, (unsigned)-1,
                   "bid %s (%s) was given, the report was made without it", file,
                   b->id);
            continue;
        }
        hit->matched = 1;
        if (strcmp(hit->sha, b->sha256) != 0)
            differ(v, a->name, hit->row, 3,
                   "bid %s: the report was made from sha256 %.12s, the given "
                   "file has %.12s",
                   file, hit->sha, b->sha256);
    }
    for (size_t i = 0; i < s->n_failed; i++) {
        const char *file = assess_basename(s->failed[i].file);
        for (size_t k = 0; k < a->n; k++)
            if (!strcmp(a->rows[k].kind, "bid") && !a->rows[k].matched &&
                !strcmp(a->rows[k].file, file)) {
                a->rows[k].matched = 1;
                break;
            }
    }
    for (size_t k = 0; k < a->n; k++) {
        const audit_row *r = &a->rows[k];
        if (!r->matched && (!strcmp(r->kind, "bid") || !strcmp(r->kind, "tender") ||
                            !strcmp(r->kind, "sanctions") ||
                            !strcmp(r->kind, "portfolio") ||
                            !strcmp(r->kind, "scores")))
            differ(v, a->name, r->row, 2, "%s %s is in the report but was not given",
                   r->kind, r->file);
    }
}

static void show(char *buf, size_t size, const assess_xlsx_cell *c)
{
    if (!c || c->type == ASSESS_CELL_BLANK)
        snprintf(buf, size, "empty");
    else if (c->type == ASSESS_CELL_NUMBER || c->type == ASSESS_CELL_BOOL)
        snprintf(buf, size, "%.10g", c->number);
    else {
        const char *t = c->text ? c->text : "";
        size_t n = strlen(t) > 120 ? 120 : strlen(t);
        while (n && n < strlen(t) && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--; /* never half a character */
        snprintf(buf, size, "'%.*s%s'", (int)n, t, n < strlen(t) ? "..." : "");
    }
}

static int blank(const assess_xlsx_cell *c)
{
    return !c || (!c->formula && (c->type == ASSESS_CELL_BLANK ||
                                  (c->type == ASSESS_CELL_STRING && !*c->text)));
}

/* A formula with sheet names unquoted ('bid-a'!G20 -> bid-a!G20, '' -> '):
   Excel and LibreOffice drop quotes a name does not need when they save, so
   quoting is not a difference. Malloc'd; NULL on no memory. */
static char *unquote(const char *f)
{
    char *out = malloc(strlen(f) + 1), *o = out;
    if (!out)
        return NULL;
    int quoted = 0;
    for (const char *p = f; *p; p++) {
        if (*p == '"' && !quoted) { /* a string literal: copy it whole */
            const char *e = strchr(p + 1, '"');
            size_t n = e ? (size_t)(e - p) + 1 : strlen(p);
            memcpy(o, p, n);
            o += n;
            p += n - 1;
        } else if (*p == '\'' && quoted && p[1] == '\'') {
            *o++ = *p++;
        } else if (*p == '\'') {
            quoted = !quoted;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

static int same_formula(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return 1;
    char *x = unquote(a), *y = unquote(b);
    int same = x && y && !strcmp(x, y);
    free(x);
    free(y);
    return same;
}

/* 1 if the report's cell `got` shows what the fresh cell `want` shows. */
static int same_cell(const assess_xlsx_cell *want, const assess_xlsx_cell *got,
                     const char **why)
{
    if (blank(want) || blank(got)) {
        *why = "value";
        return blank(want) && blank(got);
    }
    if ((want->formula != NULL) != (got->formula != NULL) ||
        (want->formula && !same_formula(want->formula, got->formula))) {
        *why = "formula";
        return 0;
    }
    *why = "value";
    if (got->formula && got->type == ASSESS_CELL_BLANK)
        return 1; /* saved without recalculation: the formula decides */
    int wnum = want->type == ASSESS_CELL_NUMBER, gnum = got->type == ASSESS_CELL_NUMBER;
    if (wnum || gnum)
        return wnum && gnum && fabs(want->number - got->number) <= VERIFY_TOLERANCE;
    const char *a = want->text ? want->text : "", *b = got->text ? got->text : "";
    return want->type == got->type && strcmp(a, b) == 0;
}

static void compare_sheet(verifier *v, const assess_xlsx *fresh, size_t fs,
                          const assess_xlsx *rep, size_t rs)
{
    const char *name = assess_xlsx_sheet_name(fresh, fs);
    size_t nf = assess_xlsx_cell_count(fresh, fs), nr = assess_xlsx_cell_count(rep, rs);
    size_t i = 0, j = 0, shown = 0, before = v->diffs;
    while (i < nf || j < nr) {
        const assess_xlsx_cell *a = i < nf ? assess_xlsx_cell_at(fresh, fs, i) : NULL;
        const assess_xlsx_cell *b = j < nr ? assess_xlsx_cell_at(rep, rs, j) : NULL;
        int order = !a ? 1 : !b ? -1
                    : a->row != b->row ? (a->row < b->row ? -1 : 1)
                    : a->col != b->col ? (a->col < b->col ? -1 : 1)
                                       : 0;
        const assess_xlsx_cell *want = order <= 0 ? a : NULL;
        const assess_xlsx_cell *got = order >= 0 ? b : NULL;
        const assess_xlsx_cell *at = want ? want : got;
        const char *why = "value";
        i += order <= 0;
        j += order >= 0;
        if (same_cell(want, got, &why))
            continue;
        if (shown++ >= VERIFY_MAX_LINES) {
            v->diffs++;
            continue;
        }
        char w[160], g[160];
        if (!strcmp(why, "formula"))
            snprintf(w, sizeof w, "=%s", want && want->formula ? want->formula : "");
        else
            show(w, sizeof w, want);
        if (!strcmp(why, "formula"))
            snprintf(g, sizeof g, "=%s", got && got->formula ? got->formula : "");
        else
            show(g, sizeof g, got);
        differ(v, name, at->row, at->col, "%s: recomputed %s, the report has %s",
               why, w, g);
    }
    if (shown > VERIFY_MAX_LINES)
        fprintf(v->out, "%s: %zu more differences in this sheet\n", name,
                v->diffs - before - VERIFY_MAX_LINES);
}

static assess_status recompute(verifier *v, assess_session *s, const assess_xlsx *rep,
                               const audit *a, assess_diags *d)
{
    assess_report_options o = {.lang = a->lang};
    if (assess_timestamp_parse(a->generated, &o.timestamp) != 0)
        return assess_diags_add(d, ASSESS_ERR_INVALID, v->report, a->name,
                                "generation time '%s' is not a time", a->generated);
    char *tmp = assess_workbook_tmp(d);
    if (!tmp)
        return ASSESS_ERR_IO;
    assess_xlsx *fresh = NULL;
    assess_status st = assess_session_write_xlsx(s, tmp, &o, d);
    if (st == ASSESS_OK)
        st = assess_xlsx_open(&fresh, tmp, d);
    assess_workbook_tmp_drop(tmp);
    if (st != ASSESS_OK)
        return st;
    for (size_t fs = 0; fs < assess_xlsx_sheet_count(fresh); fs++) {
        const char *name = assess_xlsx_sheet_name(fresh, fs);
        long rs = assess_xlsx_sheet_find(rep, name);
        if (rs < 0) {
            differ(v, name, 0, (unsigned)-1,
                   "sheet is missing from the report (renamed or deleted)");
            continue;
        }
        if (rs != a->sheet) /* the Audit sheet: digests are checked above */
            compare_sheet(v, fresh, fs, rep, (size_t)rs);
    }
    for (size_t rs = 0; rs < assess_xlsx_sheet_count(rep); rs++)
        if (assess_xlsx_sheet_find(fresh, assess_xlsx_sheet_name(rep, rs)) < 0)
            differ(v, assess_xlsx_sheet_name(rep, rs), 0, (unsigned)-1,
                   "sheet is not in the recomputed report");
    assess_xlsx_free(fresh);
    return ASSESS_OK;
}

assess_status assess_session_verify_xlsx(assess_session *s, const char *report,
                                         FILE *out, size_t *differences,
                                         assess_diags *d)
{
    *differences = 0;
    assess_xlsx *x = NULL;
    assess_status st = assess_xlsx_open(&x, report, d);
    if (st != ASSESS_OK)
        return st;
    verifier v = {.out = out, .report = report};
    audit a;
    st = read_audit(x, report, &a, d);
    if (st == ASSESS_OK) {
        char tool[64];
        snprintf(tool, sizeof tool, "assess %s", ASSESS_VERSION);
        if (a.tool && strcmp(a.tool, tool) != 0)
            fprintf(out, "%s: note: made with %s, this is %s\n", report, a.tool,
                    tool);
        check_installation(&v, s, &a, d);
        check_properties(&v, x, &a);
        if (s->tender) {
            check_inputs(&v, s, &a);
            st = recompute(&v, s, x, &a, d);
        }
    }
    free(a.rows);
    assess_xlsx_free(x);
    *differences = v.diffs;
    return st;
}
