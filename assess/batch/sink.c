/*
 * sink.c - the outputs of a batch (sink.h): JSON lines, the workbook in
 * libxlsxwriter's constant-memory mode, the aggregates, the partial state
 * of a shard, failure and progress lines. Every file is written under a
 * temporary name beside its target and renamed when complete.
 */
#define _POSIX_C_SOURCE 200809L
#include "batch/sink.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <xlsxwriter.h>

#include "assess/report.h"
#include "batch/aggregate.h"
#include "report/jsonw.h"
#include "report/labels.h"
#include "report/workbook.h"
#include "util/util.h"

/* ---- the notice sheets ---------------------------------------------------- */

enum {
    C_SOURCE, C_MEMBER, C_FORMAT, C_NOTICE, C_PUBLICATION, C_TYPE, C_FORM,
    C_DATE, C_BUYER, C_BUYER_COUNTRY, C_CPV, C_PROCEDURE, C_LOT, C_LOT_TITLE,
    C_RESULT, C_WINNERS, C_WINNER_COUNTRIES, C_GROUPS, C_GROUP_COUNTRIES,
    C_VALUE, C_CURRENCY, C_ESTIMATED, C_ESTIMATED_CURRENCY, C_TENDERS,
    C_CHECKS, N_COLS
};

static const assess_label_id col_label[N_COLS] = {
    LBL_B_COL_SOURCE, LBL_B_COL_MEMBER, LBL_B_COL_FORMAT, LBL_B_COL_NOTICE,
    LBL_B_COL_PUBLICATION, LBL_B_COL_TYPE, LBL_B_COL_FORM, LBL_B_COL_DATE,
    LBL_B_COL_BUYER, LBL_B_COL_BUYER_COUNTRY, LBL_B_COL_CPV,
    LBL_B_COL_PROCEDURE, LBL_B_COL_LOT, LBL_B_COL_LOT_TITLE, LBL_B_COL_RESULT,
    LBL_B_COL_WINNERS, LBL_B_COL_WINNER_COUNTRIES, LBL_B_COL_GROUPS,
    LBL_B_COL_GROUP_COUNTRIES, LBL_B_COL_VALUE, LBL_B_COL_CURRENCY,
    LBL_B_COL_ESTIMATED, LBL_B_COL_ESTIMATED_CURRENCY, LBL_B_COL_TENDERS,
    LBL_B_COL_CHECKS,
};

static const double col_width[N_COLS] = {
    28, 28, 8, 20, 16, 14, 12, 12, 36, 8, 10, 12, 10, 36,
    10, 40, 12, 24, 12, 14, 8, 14, 8, 10, 40,
};

struct assess_sink {
    const assess_batch_options *o;
    const char *const *paths;
    size_t n_paths;
    assess_labels lb;
    assess_agg *agg;
    /* outputs */
    assess_output jsonl, part, aggregates;
    int has_jsonl, has_part, has_aggregates;
    lxw_workbook *wb;
    lxw_worksheet *ws, *summary;
    lxw_format *bold, *wrap;
    char *wb_tmp;
    long ws_rows, sheet_rows;
    FILE *errors;              /* source, member, reason; NUL-separated */
    size_t n_errors;
    int write_failed;
    lxw_error lxw_err;
    /* counts */
    assess_batch_stats st;
    unsigned long long total_bytes, bytes_done;
    struct timespec start, last_progress;
};

const assess_batch_stats *assess_sink_stats(const assess_sink *k)
{
    return &k->st;
}

static double elapsed(const struct timespec *from)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - from->tv_sec) +
           (double)(now.tv_nsec - from->tv_nsec) / 1e9;
}

static void progress(assess_sink *k, int final)
{
    FILE *fp = k->o->progress;
    if (!fp || (!final && elapsed(&k->last_progress) < 0.5))
        return;
    clock_gettime(CLOCK_MONOTONIC, &k->last_progress);
    double t = elapsed(&k->start);
    double rate = t > 0 ? (double)k->st.notices / t : 0;
    char eta[32] = "-";
    if (final)
        snprintf(eta, sizeof eta, "done");
    else if (k->bytes_done > 0 && k->total_bytes > k->bytes_done) {
        double left = t * (double)(k->total_bytes - k->bytes_done) /
                      (double)k->bytes_done;
        snprintf(eta, sizeof eta, "%.0f:%02.0f", floor(left / 60),
                 fmod(left, 60));
    }
    fprintf(fp, "\r\033[Kassess batch: %zu inputs, %zu failed, %zu notices, "
                "%.0f notices/s, %.1f MB/s, ETA %s",
            k->st.found, k->st.failed, k->st.notices, rate,
            t > 0 ? (double)k->bytes_done / t / 1e6 : 0.0, eta);
    if (final)
        fputc('\n', fp);
    fflush(fp);
}

static void new_sheet(assess_sink *k)
{
    char name[32];
    size_t n = k->st.sheets + 1;
    if (n == 1)
        snprintf(name, sizeof name, "%.31s", k->lb.text[LBL_B_SHEET_NOTICES]);
    else
        snprintf(name, sizeof name, "%.24s (%zu)",
                 k->lb.text[LBL_B_SHEET_NOTICES], n);
    k->ws = workbook_add_worksheet(k->wb, name);
    if (!k->ws) {
        k->write_failed = 1;
        return;
    }
    k->st.sheets++;
    for (int c = 0; c < N_COLS; c++) {
        worksheet_set_column(k->ws, (lxw_col_t)c, (lxw_col_t)c, col_width[c],
                             NULL);
        worksheet_write_string(k->ws, 0, (lxw_col_t)c,
                               k->lb.text[col_label[c]], k->bold);
    }
    worksheet_freeze_panes(k->ws, 1, 0);
    k->ws_rows = 0;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A text cell; text stays text (a name starting with '=' is a name), so
   the apostrophe the JSON lines put before formula-like text goes. */
static void put_text(assess_sink *k, lxw_row_t r, int c, const char *s)
{
    if (!s || !*s)
        return;
    if (s[0] == '\'' && jsonw_formula_like(s + 1))
        s++;
    lxw_error e = worksheet_write_string(k->ws, r, (lxw_col_t)c, s, NULL);
    if (e != LXW_NO_ERROR && e != LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        k->lxw_err = e;
}

static void put_number(assess_sink *k, lxw_row_t r, int c, double v)
{
    lxw_error e = worksheet_write_number(k->ws, r, (lxw_col_t)c, v, NULL);
    if (e != LXW_NO_ERROR)
        k->lxw_err = e;
}

static void put_json_number(assess_sink *k, lxw_row_t r, int c, const cJSON *v)
{
    if (cJSON_IsNumber(v))
        put_number(k, r, c, v->valuedouble);
}

/* Values joined by "; ", each once. */
typedef struct joiner {
    assess_buf b;
    size_t n;
} joiner;

static void join_add(joiner *j, const char *s)
{
    if (!s || !*s)
        return;
    if (s[0] == '\'' && jsonw_formula_like(s + 1))
        s++; /* the JSON lines' guard; the cell holds text anyway */
    if (j->b.data) {
        size_t n = strlen(s);
        for (const char *p = j->b.data; (p = strstr(p, s)) != NULL; p++)
            if ((p == j->b.data || (p >= j->b.data + 2 && p[-1] == ' ' &&
                                    p[-2] == ';')) &&
                (p[n] == '\0' || p[n] == ';'))
                return;
    }
    assess_buf_printf(&j->b, "%s%s", j->n++ ? "; " : "", s);
}

static void put_joined(assess_sink *k, lxw_row_t r, int c, joiner *j)
{
    if (j->n && j->b.data)
        put_text(k, r, c, j->b.data);
    assess_buf_release(&j->b);
}

static void write_row(assess_sink *k, const cJSON *row)
{
    if (!k->ws || k->ws_rows >= k->sheet_rows)
        new_sheet(k);
    if (!k->ws)
        return;
    lxw_row_t r = (lxw_row_t)++k->ws_rows;
    joiner buyers = {0}, bcountries = {0}, winners = {0}, wcountries = {0},
           groups = {0}, gcountries = {0}, checks = {0};
    const cJSON *x;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(row, "buyers")) {
        join_add(&buyers, str(x, "name"));
        join_add(&bcountries, str(x, "country"));
    }
    /* the lot's contract value: summed within one currency only */
    double value = 0;
    const char *currency = NULL;
    int valued = 0, mixed = 0;
    const cJSON *aw;
    cJSON_ArrayForEach(aw, cJSON_GetObjectItemCaseSensitive(row, "awards")) {
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(aw, "winners")) {
            join_add(&winners, str(x, "name"));
            join_add(&wcountries, str(x, "country"));
            join_add(&groups, str(x, "group"));
            join_add(&gcountries, str(x, "group_country"));
        }
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(aw, "value");
        const cJSON *amount = cJSON_GetObjectItemCaseSensitive(v, "amount");
        const char *cur = str(v, "currency") ? str(v, "currency") : "";
        if (!cJSON_IsNumber(amount))
            continue;
        if (!valued) {
            value = amount->valuedouble;
            currency = cur;
            valued = 1;
        } else if (strcmp(currency, cur) == 0) {
            value += amount->valuedouble;
        } else {
            mixed = 1;
        }
    }
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(row, "checks"))
        join_add(&checks, cJSON_IsString(x) ? x->valuestring : NULL);
    put_text(k, r, C_SOURCE, str(row, "source"));
    put_text(k, r, C_MEMBER, str(row, "member"));
    put_text(k, r, C_FORMAT, str(row, "format"));
    put_text(k, r, C_NOTICE, str(row, "notice_id"));
    put_text(k, r, C_PUBLICATION, str(row, "publication_number"));
    put_text(k, r, C_TYPE, str(row, "notice_type"));
    put_text(k, r, C_FORM, str(row, "form_type"));
    put_text(k, r, C_DATE, str(row, "publication_date")
                               ? str(row, "publication_date")
                               : str(row, "dispatch_date"));
    put_joined(k, r, C_BUYER, &buyers);
    put_joined(k, r, C_BUYER_COUNTRY, &bcountries);
    put_text(k, r, C_CPV, str(row, "cpv_main"));
    put_text(k, r, C_PROCEDURE, str(row, "procedure_type"));
    put_text(k, r, C_LOT, str(row, "lot"));
    put_text(k, r, C_LOT_TITLE, str(row, "lot_title"));
    put_text(k, r, C_RESULT, str(row, "result"));
    put_joined(k, r, C_WINNERS, &winners);
    put_joined(k, r, C_WINNER_COUNTRIES, &wcountries);
    put_joined(k, r, C_GROUPS, &groups);
    put_joined(k, r, C_GROUP_COUNTRIES, &gcountries);
    if (valued && !mixed) {
        put_number(k, r, C_VALUE, value);
        put_text(k, r, C_CURRENCY, currency);
    } else if (mixed) {
        put_text(k, r, C_CURRENCY, "*");
    }
    const cJSON *est = cJSON_GetObjectItemCaseSensitive(row, "estimated_value");
    put_json_number(k, r, C_ESTIMATED, cJSON_GetObjectItemCaseSensitive(est, "amount"));
    put_text(k, r, C_ESTIMATED_CURRENCY, str(est, "currency"));
    put_json_number(k, r, C_TENDERS,
                    cJSON_GetObjectItemCaseSensitive(row, "tenders_received"));
    put_joined(k, r, C_CHECKS, &checks);
}

/* ---- records ---------------------------------------------------------------- */

void assess_sink_input(assess_sink *k, assess_seq seq, const char *source,
                       const char *member, size_t notices, int failed,
                       unsigned long long weight)
{
    k->st.found++;
    k->st.notices += notices;
    if (failed)
        k->st.failed++;
    else
        k->st.processed++;
    k->bytes_done += weight;
    if (k->agg)
        assess_agg_input(k->agg);
    if (k->has_part) {
        jsonw w;
        jsonw_init(&w, k->part.fp);
        w.compact = 1;
        jsonw_object(&w);
        jsonw_key(&w, "input");
        jsonw_object(&w);
        jsonw_key(&w, "seq");
        jsonw_array(&w);
        jsonw_int(&w, (long long)seq.file);
        jsonw_int(&w, (long long)seq.member);
        jsonw_end(&w, ']');
        jsonw_kstring(&w, "source", source);
        jsonw_kstring(&w, "member", member);
        jsonw_kint(&w, "notices", (long long)notices);
        jsonw_kbool(&w, "failed", failed);
        jsonw_kint(&w, "weight", (long long)weight);
        jsonw_end(&w, '}');
        jsonw_end(&w, '}');
        k->write_failed |= w.failed;
    }
    progress(k, 0);
}

void assess_sink_line(assess_sink *k, const char *line, size_t len)
{
    if (k->has_jsonl && (fwrite(line, 1, len, k->jsonl.fp) != len ||
                         fputc('\n', k->jsonl.fp) == EOF))
        k->write_failed = 1;
    if (k->has_part && (fwrite(line, 1, len, k->part.fp) != len ||
                        fputc('\n', k->part.fp) == EOF))
        k->write_failed = 1;
    if (!k->wb && !k->agg && !k->o->log)
        return;
    cJSON *rec = cJSON_ParseWithLength(line, len);
    if (!rec) {
        k->write_failed = 1; /* our own line: no memory */
        return;
    }
    const char *error = str(rec, "error");
    if (error) {
        const char *src = str(rec, "source") ? str(rec, "source") : "";
        const char *mem = str(rec, "member");
        if (src[0] == '\'' && jsonw_formula_like(src + 1))
            src++;
        if (mem && mem[0] == '\'' && jsonw_formula_like(mem + 1))
            mem++;
        if (error[0] == '\'' && jsonw_formula_like(error + 1))
            error++;
        if (k->o->log) {
            if (k->o->progress)
                fputs("\r\033[K", k->o->progress);
            fprintf(k->o->log, "assess batch: %s%s%s: %s\n", src,
                    mem ? ": " : "", mem ? mem : "", error);
        }
        if (k->errors) {
            fprintf(k->errors, "%s%c%s%c%s%c", src, 0, mem ? mem : "", 0,
                    error, 0);
            k->n_errors++;
        }
    } else {
        k->st.rows++;
        if (k->wb)
            write_row(k, rec);
        if (k->agg && !assess_agg_row(k->agg, rec))
            k->write_failed = 1;
    }
    cJSON_Delete(rec);
}

/* ---- the last sheets ------------------------------------------------------------ */

static void write_summary(assess_sink *k)
{
    lxw_worksheet *ws = k->summary;
    lxw_row_t r = 0;
    worksheet_set_column(ws, 0, 0, 44, NULL);
    worksheet_set_column(ws, 1, 1, 60, NULL);
    worksheet_write_string(ws, r++, 0, k->lb.text[LBL_B_TITLE], k->bold);
    worksheet_write_string(ws, r++, 0, k->lb.text[LBL_B_NOTE], k->wrap);
    r++;
    struct {
        assess_label_id label;
        size_t value;
    } counts[] = {
        {LBL_B_FOUND, k->st.found},   {LBL_B_PROCESSED, k->st.processed},
        {LBL_B_FAILED, k->st.failed}, {LBL_B_NOTICES, k->st.notices},
        {LBL_B_ROWS, k->st.rows},
    };
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++, r++) {
        worksheet_write_string(ws, r, 0, k->lb.text[counts[i].label], NULL);
        worksheet_write_number(ws, r, 1, (double)counts[i].value, NULL);
    }
    char tool[64];
    snprintf(tool, sizeof tool, "assess %s", assess_version());
    worksheet_write_string(ws, r, 0, k->lb.text[LBL_B_TOOL], NULL);
    worksheet_write_string(ws, r++, 1, tool, NULL);
    for (size_t i = 0; i < k->n_paths; i++, r++) {
        if (i == 0)
            worksheet_write_string(ws, r, 0, k->lb.text[LBL_B_PATHS], NULL);
        worksheet_write_string(ws, r, 1, k->paths[i], NULL);
    }
}

static void write_errors(assess_sink *k)
{
    lxw_worksheet *ws = workbook_add_worksheet(k->wb, k->lb.text[LBL_B_SHEET_ERRORS]);
    if (!ws) {
        k->write_failed = 1;
        return;
    }
    static const assess_label_id head[] = {LBL_B_COL_SOURCE, LBL_B_COL_MEMBER,
                                           LBL_B_COL_REASON};
    static const double width[] = {40, 40, 100};
    for (int c = 0; c < 3; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)c, k->lb.text[head[c]], k->bold);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!k->errors)
        return;
    rewind(k->errors);
    char *field = NULL;
    size_t cap = 0;
    lxw_row_t r = 1;
    for (size_t i = 0; i < k->n_errors && r < ASSESS_XLSX_MAX_ROWS; i++, r++)
        for (int c = 0; c < 3; c++) {
            ssize_t n = getdelim(&field, &cap, '\0', k->errors);
            if (n <= 0) {
                k->write_failed = 1;
                free(field);
                return;
            }
            if (n > 1)
                worksheet_write_string(ws, r, (lxw_col_t)c, field, NULL);
        }
    free(field);
}

typedef struct agg_sheet {
    assess_sink *k;
    lxw_worksheet *ws;
    lxw_row_t r;
    int with_country;
} agg_sheet;

static void agg_row(void *ctx, const assess_agg_line *l)
{
    agg_sheet *a = ctx;
    lxw_worksheet *ws = a->ws;
    if (a->r + 1 >= ASSESS_XLSX_MAX_ROWS)
        return;
    lxw_row_t r = ++a->r;
    lxw_col_t c = 0;
    if (l->key[0])
        worksheet_write_string(ws, r, c, l->key, NULL);
    c++;
    if (a->with_country) {
        if (l->country[0])
            worksheet_write_string(ws, r, c, l->country, NULL);
        c++;
    }
    if (l->currency[0])
        worksheet_write_string(ws, r, c, l->currency, NULL);
    c++;
    double total_a = 0, total_v = 0;
    for (int g = 0; g < AGG_REGIONS; g++) {
        total_a += l->awards[g];
        total_v += l->value[g];
    }
    worksheet_write_number(ws, r, c++, total_a, NULL);
    worksheet_write_number(ws, r, c++, total_v, NULL);
    for (int g = 0; g < AGG_REGIONS; g++) {
        worksheet_write_number(ws, r, c++, l->awards[g], NULL);
        worksheet_write_number(ws, r, c++, l->value[g], NULL);
    }
    worksheet_write_number(ws, r, c++, (double)l->groups, NULL);
    if (l->hhi >= 0) {
        worksheet_write_number(ws, r, c, l->hhi, NULL);
        worksheet_write_number(ws, r, c + 1, l->cr4, NULL);
    }
    c += 2;
    if (l->first) {
        worksheet_write_number(ws, r, c, (double)l->lots_known, NULL);
        worksheet_write_number(ws, r, c + 1, (double)l->single_bid, NULL);
        if (l->lots_known)
            worksheet_write_number(ws, r, c + 2,
                                   100.0 * (double)l->single_bid /
                                       (double)l->lots_known,
                                   NULL);
        worksheet_write_number(ws, r, c + 3, (double)l->cloud_with_criteria, NULL);
        worksheet_write_number(ws, r, c + 4, (double)l->cloud_sovereignty, NULL);
        if (l->cloud_with_criteria)
            worksheet_write_number(ws, r, c + 5,
                                   100.0 * (double)l->cloud_sovereignty /
                                       (double)l->cloud_with_criteria,
                                   NULL);
    }
}

static void write_aggregates(assess_sink *k)
{
    static const assess_label_id sheet[AGG_SCOPES] = {
        LBL_B_SHEET_BY_BUYER, LBL_B_SHEET_BY_COUNTRY, LBL_B_SHEET_BY_CPV};
    static const assess_label_id key[AGG_SCOPES] = {
        LBL_B_COL_BUYER, LBL_B_COL_BUYER_COUNTRY, LBL_B_COL_CPV_GROUP};
    for (int s = 0; s < AGG_SCOPES; s++) {
        lxw_worksheet *ws = workbook_add_worksheet(k->wb, k->lb.text[sheet[s]]);
        if (!ws) {
            k->write_failed = 1;
            return;
        }
        agg_sheet a = {k, ws, 0, s == AGG_BUYER};
        lxw_col_t c = 0;
        worksheet_write_string(ws, 0, c++, k->lb.text[key[s]], k->bold);
        if (a.with_country)
            worksheet_write_string(ws, 0, c++, k->lb.text[LBL_B_COL_BUYER_COUNTRY], k->bold);
        worksheet_write_string(ws, 0, c++, k->lb.text[LBL_B_COL_CURRENCY], k->bold);
        worksheet_write_string(ws, 0, c++, k->lb.text[LBL_B_COL_AWARDS], k->bold);
        worksheet_write_string(ws, 0, c++, k->lb.text[LBL_B_COL_VALUE], k->bold);
        for (int g = 0; g < AGG_REGIONS; g++) {
            char h[128];
            snprintf(h, sizeof h, "%s: %s", assess_agg_region(g),
                     k->lb.text[LBL_B_COL_AWARDS]);
            worksheet_write_string(ws, 0, c++, h, k->bold);
            snprintf(h, sizeof h, "%s: %s", assess_agg_region(g),
                     k->lb.text[LBL_B_COL_VALUE]);
            worksheet_write_string(ws, 0, c++, h, k->bold);
        }
        static const assess_label_id tail[] = {
            LBL_B_COL_GROUP_COUNT, LBL_B_COL_HHI, LBL_B_COL_CR4,
            LBL_B_COL_LOTS_KNOWN, LBL_B_COL_SINGLE, LBL_B_COL_SINGLE_RATE,
            LBL_B_COL_CLOUD_LOTS, LBL_B_COL_CLOUD_SOV, LBL_B_COL_CLOUD_SOV_RATE};
        for (size_t i = 0; i < sizeof tail / sizeof *tail; i++)
            worksheet_write_string(ws, 0, c++, k->lb.text[tail[i]], k->bold);
        worksheet_set_column(ws, 0, 0, 36, NULL);
        worksheet_set_column(ws, 1, c, 13, NULL);
        worksheet_freeze_panes(ws, 1, 1);
        assess_agg_each(k->agg, (assess_agg_scope)s, agg_row, &a);
    }
}

/* ---- opening and closing ---------------------------------------------------------- */

static void free_sink(assess_sink *k)
{
    if (k->errors)
        fclose(k->errors);
    assess_labels_release(&k->lb);
    assess_agg_free(k->agg);
    if (k->wb_tmp)
        assess_tmp_untrack(k->wb_tmp); /* renamed or unlinked by now */
    free(k->wb_tmp);
    free(k);
}

void assess_sink_abort(assess_sink *k)
{
    if (!k)
        return;
    if (k->wb)
        workbook_close(k->wb);
    if (k->wb_tmp)
        unlink(k->wb_tmp);
    if (k->has_jsonl)
        assess_output_abort(&k->jsonl);
    if (k->has_part)
        assess_output_abort(&k->part);
    if (k->has_aggregates)
        assess_output_abort(&k->aggregates);
    free_sink(k);
}

static assess_status open_workbook(assess_sink *k, assess_session *s,
                                   assess_diags *d)
{
    const assess_batch_options *o = k->o;
    if (!o->xlsx)
        return ASSESS_OK;
    char *tdir = assess_session_templates_dir(s);
    assess_status st = tdir ? assess_labels_load(&k->lb, tdir,
                                                 o->lang ? o->lang : "en", d)
                            : assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                                               "out of memory");
    free(tdir);
    if (st != ASSESS_OK)
        return st;
    /* beside the target, renamed when complete */
    k->wb_tmp = assess_printf("%s.tmp.XXXXXX", o->xlsx);
    int fd = k->wb_tmp ? mkstemp(k->wb_tmp) : -1;
    if (fd < 0) {
        free(k->wb_tmp);
        k->wb_tmp = NULL;
        return assess_diags_add(d, ASSESS_ERR_IO, o->xlsx, NULL,
                                "cannot create a file beside it: %s",
                                strerror(errno));
    }
    assess_tmp_track(k->wb_tmp); /* removed if the run is interrupted */
    mode_t mask = umask(0); /* no threads yet */
    umask(mask);
    int chmod_failed = fchmod(fd, 0666 & ~mask) != 0;
    close(fd);
    if (chmod_failed)
        return assess_diags_add(d, ASSESS_ERR_IO, o->xlsx, NULL,
                                "cannot set the file mode: %s", strerror(errno));
    lxw_workbook_options wo = {.constant_memory = LXW_TRUE};
    const char *tmp = getenv("TMPDIR");
    wo.tmpdir = tmp && *tmp ? (char *)tmp : NULL;
    k->wb = workbook_new_opt(k->wb_tmp, &wo);
    k->errors = tmpfile();
    if (!k->wb || !k->errors)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, o->xlsx, NULL,
                                "cannot start the workbook");
    /* the summary first; constant-memory mode keeps each sheet's rows in
       order, and its rows are all written at the end */
    k->summary = workbook_add_worksheet(k->wb, k->lb.text[LBL_SHEET_SUMMARY]);
    k->bold = workbook_add_format(k->wb);
    format_set_bold(k->bold);
    k->wrap = workbook_add_format(k->wb);
    format_set_text_wrap(k->wrap);
    return k->summary ? ASSESS_OK
                      : assess_diags_add(d, ASSESS_ERR_NOMEM, o->xlsx, NULL,
                                         "cannot start the workbook");
}

static void write_part_header(assess_sink *k)
{
    jsonw w;
    jsonw_init(&w, k->part.fp);
    w.compact = 1;
    jsonw_object(&w);
    jsonw_kstring(&w, "format", "assess-batch-part/1");
    jsonw_key(&w, "shard");
    jsonw_array(&w);
    jsonw_int(&w, k->o->shard_n ? k->o->shard_k : 1);
    jsonw_int(&w, k->o->shard_n ? k->o->shard_n : 1);
    jsonw_end(&w, ']');
    jsonw_key(&w, "paths");
    jsonw_array(&w);
    for (size_t i = 0; i < k->n_paths; i++)
        jsonw_string(&w, k->paths[i]);
    jsonw_end(&w, ']');
    jsonw_kstring(&w, "tool", assess_version());
    jsonw_end(&w, '}');
    k->write_failed |= w.failed;
}

assess_status assess_sink_open(assess_sink **out, assess_session *s,
                               const assess_registry *reg,
                               const assess_batch_options *o,
                               const char *const *paths, size_t n_paths,
                               unsigned long long total_bytes,
                               assess_diags *d)
{
    assess_sink *k = calloc(1, sizeof *k);
    *out = NULL;
    if (!k)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    k->o = o;
    k->paths = paths;
    k->n_paths = n_paths;
    k->total_bytes = total_bytes;
    k->sheet_rows = o->sheet_rows ? o->sheet_rows : ASSESS_XLSX_MAX_ROWS - 1;
    clock_gettime(CLOCK_MONOTONIC, &k->start);
    k->last_progress = k->start;
    assess_status st = ASSESS_OK;
    if (o->xlsx || o->aggregates)
        k->agg = assess_agg_new(reg);
    if ((o->xlsx || o->aggregates) && !k->agg)
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    if (st == ASSESS_OK && o->jsonl &&
        (st = assess_output_open(&k->jsonl, o->jsonl, d)) == ASSESS_OK)
        k->has_jsonl = 1;
    if (st == ASSESS_OK && o->part &&
        (st = assess_output_open(&k->part, o->part, d)) == ASSESS_OK)
        k->has_part = 1;
    if (st == ASSESS_OK && o->aggregates &&
        (st = assess_output_open(&k->aggregates, o->aggregates, d)) == ASSESS_OK)
        k->has_aggregates = 1;
    if (st == ASSESS_OK)
        st = open_workbook(k, s, d);
    if (st != ASSESS_OK) {
        assess_sink_abort(k);
        return st;
    }
    if (k->has_part)
        write_part_header(k);
    *out = k;
    return ASSESS_OK;
}

/* Name the output that failed and why: a flush retries what is still
   buffered, so errno tells a full disk from a closed pipe. A failure on
   none of them was our own memory. */
static assess_status write_failure(assess_output **outs, size_t n, assess_diags *d)
{
    for (size_t i = 0; i < n; i++) {
        if (!outs[i])
            continue;
        errno = 0;
        if (fflush(outs[i]->fp) != 0 || ferror(outs[i]->fp)) {
            const char *name = outs[i]->target ? outs[i]->target : "standard output";
            return assess_diags_add(d, ASSESS_ERR_IO, name, NULL,
                                    "cannot write: %s; no output was kept",
                                    errno ? strerror(errno) : "write error");
        }
    }
    return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                            "out of memory writing the outputs; none was kept");
}

assess_status assess_sink_close(assess_sink *k, assess_batch_stats *stats,
                                assess_diags *d)
{
    progress(k, 1);
    k->st.seconds = elapsed(&k->start);
    k->st.bytes = k->total_bytes;
    *stats = k->st;
    if (k->has_aggregates &&
        assess_agg_write_json(k->agg, k->aggregates.fp) != 0)
        k->write_failed = 1;
    if (k->wb) {
        if (!k->ws)
            new_sheet(k); /* the header row even when nothing was read */
        write_aggregates(k);
        write_errors(k);
        write_summary(k);
    }
    /* every output or none */
    assess_output *outs[] = {k->has_jsonl ? &k->jsonl : NULL,
                             k->has_part ? &k->part : NULL,
                             k->has_aggregates ? &k->aggregates : NULL};
    assess_status st = k->write_failed ? write_failure(outs, 3, d) : ASSESS_OK;
    if (k->wb) {
        if (st == ASSESS_OK)
            st = assess_workbook_close(k->wb, k->lxw_err, k->o->xlsx, "workbook", d);
        else
            workbook_close(k->wb);
        k->wb = NULL;
    }
    if (st == ASSESS_OK && k->wb_tmp) { /* on disk, as the others below */
        int fd = open(k->wb_tmp, O_RDONLY);
        if (fd < 0 || fsync(fd) != 0)
            st = assess_diags_add(d, ASSESS_ERR_IO, k->o->xlsx, NULL,
                                  "cannot write the workbook: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    /* all written and on disk before any is renamed: a full disk never
       leaves one output new and another old */
    for (size_t i = 0; i < 3; i++) {
        if (!outs[i])
            continue;
        if (st == ASSESS_OK)
            st = assess_output_close(outs[i], d);
        else
            assess_output_abort(outs[i]);
    }
    for (size_t i = 0; i < 3; i++) {
        if (!outs[i])
            continue;
        if (st == ASSESS_OK)
            st = assess_output_publish(outs[i], d);
        else
            assess_output_abort(outs[i]);
    }
    if (k->wb_tmp) {
        if (st == ASSESS_OK && rename(k->wb_tmp, k->o->xlsx) != 0)
            st = assess_diags_add(d, ASSESS_ERR_IO, k->o->xlsx, NULL,
                                  "cannot rename the finished workbook: %s",
                                  strerror(errno));
        if (st != ASSESS_OK)
            unlink(k->wb_tmp);
    }
    k->has_jsonl = k->has_part = k->has_aggregates = 0;
    free_sink(k);
    return st;
}
