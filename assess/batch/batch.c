/*
 * batch.c - `assess batch`: every notice under files, directories and
 * packages, read in parallel, written in input order (batch.h).
 *
 * Three stages joined by one mutex:
 *
 *   producer (the calling thread)  walks the inputs in a fixed order
 *       (arguments as given, directories sorted by name, members in
 *       archive order) and numbers each file or member it finds. Plain
 *       files go out as a path (the worker reads them); archive members
 *       are decompressed here, since an archive is one stream.
 *   workers (--jobs threads)  each with its own notice reader and libxml2
 *       state, turn an input into rows, JSON lines and, when it fails, a
 *       reason.
 *   writer (one thread)  takes the results strictly by number and writes
 *       the JSON lines and the workbook (libxlsxwriter's constant-memory
 *       mode, a new sheet before Excel's row limit), the progress line and
 *       the failure lines.
 *
 * Memory is bounded: at most WINDOW inputs are between producer and
 * writer, whatever the speed of each stage.
 */
#define _POSIX_C_SOURCE 200809L
#include "assess/batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <xlsxwriter.h>

#include "assess/notice.h"
#include "notice/notice_internal.h"
#include "assess/report.h"
#include "report/jsonw.h"
#include "report/labels.h"
#include "util/util.h"
#include "batch/checks.h"
#include "batch/walk.h"

/* ---- the inputs ---------------------------------------------------------- */

typedef struct input_file {
    char *path;
    unsigned long long size;
    char *error;        /* found but cannot be read (a loop, a link) */
} input_file;

typedef struct input_list {
    input_file *items;
    size_t n, cap;
    int nomem;
} input_list;

static void add_input(input_list *l, const char *path,
                      unsigned long long size, const char *error)
{
    if (l->nomem ||
        !assess_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items)) {
        l->nomem = 1;
        return;
    }
    input_file *f = &l->items[l->n];
    f->path = assess_strdup(path);
    f->size = size;
    f->error = error ? assess_strdup(error) : NULL;
    if (!f->path || (error && !f->error)) {
        free(f->path);
        free(f->error);
        l->nomem = 1;
        return;
    }
    l->n++;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(input_list *l, const char *path, int depth, int top);

static void walk_dir(input_list *l, const char *path, int depth)
{
    DIR *dp = opendir(path);
    if (!dp) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot open the directory: %s",
                 strerror(errno));
        add_input(l, path, 0, msg);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (!assess_grow((void **)&names, &cap, n + 1, sizeof *names) ||
            !(names[n] = assess_strdup(de->d_name))) {
            l->nomem = 1;
            break;
        }
        n++;
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        char *child = assess_printf("%s%s%s", path,
                                    path[strlen(path) - 1] == '/' ? "" : "/",
                                    names[i]);
        if (child)
            walk(l, child, depth + 1, 0);
        else
            l->nomem = 1;
        free(child);
        free(names[i]);
    }
    free(names);
}

/* Arguments are followed through symbolic links; inside a directory a link
   to a directory is not followed (no loops) and is listed as failed. */
static void walk(input_list *l, const char *path, int depth, int top)
{
    struct stat st;
    if ((top ? stat(path, &st) : lstat(path, &st)) != 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot read: %s", strerror(errno));
        add_input(l, path, 0, msg);
        return;
    }
    if (S_ISLNK(st.st_mode)) {
        struct stat target;
        if (stat(path, &target) == 0 && S_ISREG(target.st_mode))
            add_input(l, path, (unsigned long long)target.st_size, NULL);
        else
            add_input(l, path, 0, "a symbolic link to something other than "
                                  "a file is not followed");
    } else if (S_ISDIR(st.st_mode)) {
        if (depth >= ASSESS_MAX_DIR_DEPTH)
            add_input(l, path, 0, "directories nested deeper than 64 levels "
                                  "are not read");
        else
            walk_dir(l, path, depth);
    } else if (S_ISREG(st.st_mode)) {
        add_input(l, path, (unsigned long long)st.st_size, NULL);
    } else {
        add_input(l, path, 0, "not a regular file");
    }
}

/* ---- rows ---------------------------------------------------------------- */

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

/* numeric columns: written as numbers, blank when not given */
static int is_number_col(int c)
{
    return c == C_VALUE || c == C_ESTIMATED || c == C_TENDERS;
}

typedef struct row {
    char *cell[N_COLS];
    double num[N_COLS]; /* numeric columns; < 0: blank */
} row;

/* ---- work items ---------------------------------------------------------- */

typedef struct item {
    size_t seq;
    const char *path;   /* borrowed from the input list */
    char *member;       /* archive member, or NULL */
    char *data;         /* member bytes, or NULL: read `path` */
    size_t size;
    unsigned long long weight; /* input bytes this item stands for */
    char *early;        /* a failure the producer found */
    /* results */
    char *jsonl;
    size_t jsonl_len;
    row *rows;
    size_t n_rows, cap_rows;
    char *error;
    size_t notices;
    int nomem;
} item;

static void item_free(item *it)
{
    if (!it)
        return;
    for (size_t i = 0; i < it->n_rows; i++)
        for (int c = 0; c < N_COLS; c++)
            free(it->rows[i].cell[c]);
    free(it->rows);
    free(it->member);
    free(it->data);
    free(it->early);
    free(it->jsonl);
    free(it->error);
    free(it);
}

#define WINDOW 256 /* inputs between producer and writer */
/* bytes of unpacked archive members waiting for a worker: with the window
   alone, 256 members near the 64 MiB limit would hold 16 GiB */
#define INFLIGHT_BYTES (256u * 1024u * 1024u)

typedef struct batch {
    /* settings */
    const assess_batch_options *o;
    const assess_registry *reg;
    assess_checkset *checks;
    assess_labels lb;
    int jobs;
    long sheet_rows;
    input_list inputs;
    unsigned long long total_bytes;
    /* the pipe */
    pthread_mutex_t mu;
    pthread_cond_t work, space, done;
    item *queue[WINDOW];       /* waiting for a worker, FIFO */
    size_t q_head, q_len;
    item *ready[WINDOW];       /* finished, by seq % WINDOW */
    size_t next_seq;           /* numbers handed out */
    size_t written;            /* items written */
    size_t inflight;           /* bytes of members not yet parsed */
    int producer_done;
    /* writer state */
    FILE *jsonl;
    assess_output jsonl_out;
    lxw_workbook *wb;
    lxw_worksheet *ws, *summary;
    lxw_format *bold, *wrap;
    char *wb_tmp;
    long ws_rows;
    FILE *errors;              /* failures, for the errors sheet at the end */
    size_t n_errors;
    int write_failed;
    lxw_error lxw_err;
    assess_batch_stats st;
    unsigned long long bytes_done;
    struct timespec start, last_progress;
} batch;

/* ---- worker ----------------------------------------------------------------- */

/* The diagnostics in one line; the input's own name is left out, since
   every failure line and record names it already. */
static char *join_diags(const assess_diags *d, const char *name)
{
    assess_buf b = {0};
    char line[2048];
    for (size_t i = 0; i < d->count; i++) {
        assess_diag one = d->items[i];
        if (one.file && strcmp(one.file, name) == 0)
            one.file = NULL;
        assess_diag_format(&one, line, sizeof line);
        assess_buf_printf(&b, "%s%s", i ? "; " : "", line);
    }
    if (d->dropped)
        assess_buf_printf(&b, "; %zu more", d->dropped);
    return assess_buf_take(&b);
}

static char *dup_or_null(const char *s) { return s ? assess_strdup(s) : NULL; }

typedef struct joiner {
    assess_buf b;
    size_t n;
} joiner;

static void join_add(joiner *j, const char *s)
{
    if (!s || !*s)
        return;
    /* each value once */
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

static char *join_take(joiner *j)
{
    if (!j->n) {
        assess_buf_release(&j->b);
        return NULL;
    }
    return assess_buf_take(&j->b);
}

static const char *result_word(int r)
{
    return r < 0 ? NULL : r ? "awarded" : "no-winner";
}

/* The lot's contract value: the sum of its awards in one currency; blank
   when none is given or the currencies differ (never summed across). */
static void lot_value(const assess_notice_lot *l, double *value,
                      const char **currency, int *mixed)
{
    *value = -1;
    *currency = NULL;
    *mixed = 0;
    for (size_t i = 0; i < l->n_awards; i++) {
        const assess_amount *a = &l->awards[i].value;
        if (a->value < 0)
            continue;
        if (*value < 0) {
            *value = a->value;
            *currency = a->currency;
        } else if (strcmp(*currency, a->currency) == 0) {
            *value += a->value;
        } else {
            *mixed = 1;
        }
    }
    if (*mixed)
        *value = -1;
}

/* One row of a notice: lot `l` (NULL for a notice without lots) with
   the checks that fired for it. */
static void add_row(item *it, FILE *jl, const assess_notice *n,
                    const assess_notice_lot *l, const assess_checkset *cs,
                    const unsigned char *fired, size_t n_fired)
{
    if (!assess_grow((void **)&it->rows, &it->cap_rows, it->n_rows + 1,
                     sizeof *it->rows)) {
        it->nomem = 1;
        return;
    }
    row *r = &it->rows[it->n_rows++];
    memset(r, 0, sizeof *r);
    for (int c = 0; c < N_COLS; c++)
        r->num[c] = -1;
    joiner buyers = {0}, bcountries = {0}, winners = {0}, wcountries = {0},
           groups = {0}, gcountries = {0};
    for (size_t i = 0; i < n->n_buyers; i++) {
        join_add(&buyers, n->buyers[i].name);
        join_add(&bcountries, n->buyers[i].country);
    }
    for (size_t i = 0; l && i < l->n_awards; i++)
        for (size_t k = 0; k < l->awards[i].n_winners; k++) {
            const assess_notice_party *p = &l->awards[i].winners[k];
            join_add(&winners, p->name);
            join_add(&wcountries, p->country);
            join_add(&groups, p->group);
            join_add(&gcountries, p->group_country);
        }
    r->cell[C_SOURCE] = dup_or_null(it->path);
    r->cell[C_MEMBER] = dup_or_null(it->member);
    r->cell[C_FORMAT] = dup_or_null(assess_notice_format_name(n->format));
    r->cell[C_NOTICE] = dup_or_null(n->id);
    r->cell[C_PUBLICATION] = dup_or_null(n->publication_number);
    r->cell[C_TYPE] = dup_or_null(n->notice_type);
    r->cell[C_FORM] = dup_or_null(n->form_type);
    r->cell[C_DATE] = dup_or_null(n->publication_date ? n->publication_date
                                                      : n->dispatch_date);
    r->cell[C_BUYER] = join_take(&buyers);
    r->cell[C_BUYER_COUNTRY] = join_take(&bcountries);
    r->cell[C_CPV] = dup_or_null(l && l->cpv_main ? l->cpv_main : n->cpv_main);
    r->cell[C_PROCEDURE] = dup_or_null(n->procedure_type);
    r->cell[C_LOT] = dup_or_null(l ? l->id : NULL);
    r->cell[C_LOT_TITLE] = dup_or_null(l ? l->title : NULL);
    r->cell[C_RESULT] = dup_or_null(l ? result_word(l->result) : NULL);
    r->cell[C_WINNERS] = join_take(&winners);
    r->cell[C_WINNER_COUNTRIES] = join_take(&wcountries);
    r->cell[C_GROUPS] = join_take(&groups);
    r->cell[C_GROUP_COUNTRIES] = join_take(&gcountries);
    double value = -1;
    const char *currency = NULL;
    int mixed = 0;
    if (l)
        lot_value(l, &value, &currency, &mixed);
    r->num[C_VALUE] = value;
    r->cell[C_CURRENCY] = mixed ? assess_strdup("*") : dup_or_null(currency);
    const assess_amount *est = l && l->estimated.value >= 0 ? &l->estimated
                                                           : &n->estimated;
    r->num[C_ESTIMATED] = est->value;
    r->cell[C_ESTIMATED_CURRENCY] =
        est->value >= 0 && est->currency[0] ? assess_strdup(est->currency)
                                            : NULL;
    r->num[C_TENDERS] = l && l->tenders_received >= 0
                            ? (double)l->tenders_received
                            : -1;
    joiner checks = {0};
    for (size_t i = 0; i < n_fired; i++)
        join_add(&checks, assess_checkset_at(cs, fired[i])->id);
    r->cell[C_CHECKS] = join_take(&checks);

    /* the JSON line of the row */
    jsonw w;
    jsonw_init(&w, jl);
    w.compact = 1;
    jsonw_object(&w);
    jsonw_kstring(&w, "source", it->path);
    jsonw_kstring(&w, "member", it->member);
    jsonw_kstring(&w, "format", assess_notice_format_name(n->format));
    jsonw_kstring(&w, "notice_id", n->id);
    jsonw_kstring(&w, "publication_number", n->publication_number);
    jsonw_kstring(&w, "procedure_id", n->procedure_id);
    jsonw_kstring(&w, "notice_type", n->notice_type);
    jsonw_kstring(&w, "form_type", n->form_type);
    jsonw_kstring(&w, "changes", n->changes);
    jsonw_kstring(&w, "publication_date", n->publication_date);
    jsonw_kstring(&w, "dispatch_date", n->dispatch_date);
    jsonw_key(&w, "buyers");
    jsonw_array(&w);
    for (size_t i = 0; i < n->n_buyers; i++) {
        jsonw_object(&w);
        jsonw_kstring(&w, "name", n->buyers[i].name);
        jsonw_kstring(&w, "country",
                      n->buyers[i].country[0] ? n->buyers[i].country : NULL);
        jsonw_end(&w, '}');
    }
    jsonw_end(&w, ']');
    jsonw_kstring(&w, "cpv_main", r->cell[C_CPV]);
    jsonw_kstring(&w, "procedure_type", n->procedure_type);
    jsonw_kstring(&w, "lot", l ? l->id : NULL);
    jsonw_kstring(&w, "lot_title", l ? l->title : NULL);
    jsonw_kstring(&w, "result", l ? result_word(l->result) : NULL);
    jsonw_key(&w, "awards");
    jsonw_array(&w);
    for (size_t i = 0; l && i < l->n_awards; i++) {
        const assess_notice_award *a = &l->awards[i];
        jsonw_object(&w);
        jsonw_kstring(&w, "id", a->id);
        jsonw_key(&w, "winners");
        jsonw_array(&w);
        for (size_t k = 0; k < a->n_winners; k++) {
            const assess_notice_party *p = &a->winners[k];
            jsonw_object(&w);
            jsonw_kstring(&w, "name", p->name);
            jsonw_kstring(&w, "country", p->country[0] ? p->country : NULL);
            jsonw_kstring(&w, "group", p->group);
            jsonw_kstring(&w, "group_name", p->group_name);
            jsonw_kstring(&w, "group_country",
                          p->group_country[0] ? p->group_country : NULL);
            jsonw_end(&w, '}');
        }
        jsonw_end(&w, ']');
        nt_json_amount(&w, "value", &a->value);
        jsonw_end(&w, '}');
    }
    jsonw_end(&w, ']');
    nt_json_amount(&w, "estimated_value", est);
    jsonw_kint_or_null(&w, "tenders_received", l ? l->tenders_received : -1);
    jsonw_key(&w, "checks");
    jsonw_array(&w);
    for (size_t i = 0; i < n_fired; i++)
        jsonw_string(&w, assess_checkset_at(cs, fired[i])->id);
    jsonw_end(&w, ']');
    jsonw_end(&w, '}');
}

typedef struct notice_ctx {
    item *it;
    FILE *jl;
    assess_checker *checker;
    const assess_checkset *checks;
    const char *check_error;
} notice_ctx;

static int on_notice(void *ctx, const assess_notice *n, const char *where)
{
    notice_ctx *c = ctx;
    unsigned char fired[ASSESS_MAX_CHECKS];
    (void)where;
    c->it->notices++;
    if (!assess_checker_notice(c->checker, n)) {
        c->it->nomem = 1;
        return 1;
    }
    for (size_t i = 0; i == 0 || i < n->n_lots; i++) {
        const char *err = NULL;
        size_t k = assess_checker_lot(c->checker, i, fired, &err);
        if (err)
            c->check_error = err;
        add_row(c->it, c->jl, n, n->n_lots ? &n->lots[i] : NULL, c->checks,
                fired, k);
    }
    return c->it->nomem;
}

static void process(item *it, assess_notice_reader *r, assess_checker *k,
                    const assess_checkset *cs)
{
    assess_diags d;
    assess_diags_init(&d);
    char *buf = NULL;
    size_t len = 0;
    FILE *jl = open_memstream(&buf, &len);
    if (!jl) {
        it->error = assess_strdup("out of memory");
        return;
    }
    if (it->early) {
        it->error = it->early;
        it->early = NULL;
    } else {
        if (!it->data &&
            assess_read_file(&it->data, &it->size, it->path,
                             ASSESS_MAX_NOTICE_BYTES, &d) != ASSESS_OK) {
            /* the reader's message names the path already */
        } else {
            notice_ctx c = {it, jl, k, cs, NULL};
            assess_notice_read(r, it->member ? it->member : it->path,
                               it->data, it->size, on_notice, &c, &d);
            if (c.check_error) /* a rule fault: the input is not done */
                assess_diags_add(&d, ASSESS_ERR_RULE, NULL, NULL, "%s",
                                 c.check_error);
        }
        free(it->data);
        it->data = NULL;
        if (it->nomem)
            assess_diags_add(&d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
        if (d.count)
            it->error = join_diags(&d, it->member ? it->member : it->path);
    }
    if (it->error) { /* the error record of the JSON lines */
        jsonw w;
        jsonw_init(&w, jl);
        w.compact = 1;
        jsonw_object(&w);
        jsonw_kstring(&w, "error", it->error);
        jsonw_kstring(&w, "source", it->path);
        jsonw_kstring(&w, "member", it->member);
        jsonw_end(&w, '}');
    }
    if (fclose(jl) != 0) {
        free(buf);
        buf = NULL;
        len = 0;
        it->nomem = 1;
    }
    it->jsonl = buf;
    it->jsonl_len = len;
    assess_diags_release(&d);
}

static void *worker(void *arg)
{
    batch *b = arg;
    assess_notice_reader *r = NULL;
    assess_checker *k = NULL;
    assess_notice_reader_new(&r, b->reg, NULL);
    assess_checker_new(&k, b->checks, NULL);
    for (;;) {
        pthread_mutex_lock(&b->mu);
        while (b->q_len == 0 && !b->producer_done)
            pthread_cond_wait(&b->work, &b->mu);
        if (b->q_len == 0) {
            pthread_mutex_unlock(&b->mu);
            break;
        }
        item *it = b->queue[b->q_head];
        b->q_head = (b->q_head + 1) % WINDOW;
        b->q_len--;
        pthread_cond_broadcast(&b->space);
        pthread_mutex_unlock(&b->mu);

        size_t held = it->size;
        if (r && k)
            process(it, r, k, b->checks);
        else
            it->error = assess_strdup("out of memory");

        pthread_mutex_lock(&b->mu);
        if (held) { /* a member's bytes, now released */
            b->inflight -= held;
            pthread_cond_broadcast(&b->space);
        }
        b->ready[it->seq % WINDOW] = it;
        pthread_cond_broadcast(&b->done);
        pthread_mutex_unlock(&b->mu);
    }
    assess_checker_free(k);
    assess_notice_reader_free(r);
    return NULL;
}

/* ---- writer --------------------------------------------------------------- */

static double elapsed(const struct timespec *from)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - from->tv_sec) +
           (double)(now.tv_nsec - from->tv_nsec) / 1e9;
}

static void progress(batch *b, int final)
{
    FILE *fp = b->o->progress;
    if (!fp || (!final && elapsed(&b->last_progress) < 0.5))
        return;
    clock_gettime(CLOCK_MONOTONIC, &b->last_progress);
    double t = elapsed(&b->start);
    double rate = t > 0 ? (double)b->st.notices / t : 0;
    char eta[32] = "-";
    if (b->bytes_done > 0 && b->total_bytes > b->bytes_done && !final) {
        double left = t * (double)(b->total_bytes - b->bytes_done) /
                      (double)b->bytes_done;
        snprintf(eta, sizeof eta, "%.0f:%02.0f", floor(left / 60),
                 fmod(left, 60));
    } else if (final) {
        snprintf(eta, sizeof eta, "done");
    }
    fprintf(fp, "\r\033[Kassess batch: %zu inputs, %zu failed, %zu notices, "
                "%.0f notices/s, %.1f MB/s, ETA %s",
            b->st.found, b->st.failed, b->st.notices, rate,
            t > 0 ? (double)b->bytes_done / t / 1e6 : 0.0, eta);
    if (final)
        fputc('\n', fp);
    fflush(fp);
}

static void new_sheet(batch *b)
{
    char name[32];
    size_t k = b->st.sheets + 1;
    if (k == 1)
        snprintf(name, sizeof name, "%.31s", b->lb.text[LBL_B_SHEET_NOTICES]);
    else
        snprintf(name, sizeof name, "%.24s (%zu)",
                 b->lb.text[LBL_B_SHEET_NOTICES], k);
    b->ws = workbook_add_worksheet(b->wb, name);
    if (!b->ws) {
        b->write_failed = 1;
        return;
    }
    b->st.sheets++;
    for (int c = 0; c < N_COLS; c++) {
        worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c, col_width[c],
                             NULL);
        worksheet_write_string(b->ws, 0, (lxw_col_t)c,
                               b->lb.text[col_label[c]], b->bold);
    }
    worksheet_freeze_panes(b->ws, 1, 0);
    b->ws_rows = 0;
}

static void write_cell(batch *b, lxw_worksheet *ws, lxw_row_t r, int c,
                       const row *x)
{
    lxw_error e = LXW_NO_ERROR;
    if (is_number_col(c)) {
        if (x->num[c] >= 0)
            e = worksheet_write_number(ws, r, (lxw_col_t)c, x->num[c], NULL);
    } else if (x->cell[c]) {
        /* text always as text: a name starting with '=' stays a name */
        e = worksheet_write_string(ws, r, (lxw_col_t)c, x->cell[c], NULL);
    }
    if (e != LXW_NO_ERROR && e != LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        b->lxw_err = e;
}

static void write_item(batch *b, item *it)
{
    b->st.found++;
    b->st.notices += it->notices;
    if (it->error)
        b->st.failed++;
    else
        b->st.processed++;
    b->bytes_done += it->weight;
    if (b->jsonl && it->jsonl_len &&
        fwrite(it->jsonl, 1, it->jsonl_len, b->jsonl) != it->jsonl_len)
        b->write_failed = 1;
    if (it->error) {
        if (b->o->log) {
            if (b->o->progress)
                fputs("\r\033[K", b->o->progress);
            fprintf(b->o->log, "assess batch: %s%s%s: %s\n", it->path,
                    it->member ? ": " : "", it->member ? it->member : "",
                    it->error);
        }
        if (b->errors) {
            /* three fields, NUL-separated, read back at the end */
            fprintf(b->errors, "%s%c%s%c%s%c", it->path, 0,
                    it->member ? it->member : "", 0, it->error, 0);
            b->n_errors++;
        }
    }
    for (size_t i = 0; i < it->n_rows; i++) {
        b->st.rows++;
        if (!b->wb)
            continue;
        if (!b->ws || b->ws_rows >= b->sheet_rows)
            new_sheet(b);
        if (!b->ws)
            continue;
        lxw_row_t r = (lxw_row_t)++b->ws_rows;
        for (int c = 0; c < N_COLS; c++)
            write_cell(b, b->ws, r, c, &it->rows[i]);
    }
    progress(b, 0);
}

static void *writer(void *arg)
{
    batch *b = arg;
    for (;;) {
        pthread_mutex_lock(&b->mu);
        while (!b->ready[b->written % WINDOW] &&
               !(b->producer_done && b->written == b->next_seq))
            pthread_cond_wait(&b->done, &b->mu);
        item *it = b->ready[b->written % WINDOW];
        if (!it) {
            pthread_mutex_unlock(&b->mu);
            break;
        }
        b->ready[b->written % WINDOW] = NULL;
        b->written++;
        pthread_cond_broadcast(&b->space);
        pthread_mutex_unlock(&b->mu);
        write_item(b, it);
        item_free(it);
    }
    return NULL;
}

/* ---- producer ------------------------------------------------------------- */

static void submit(batch *b, item *it)
{
    pthread_mutex_lock(&b->mu);
    size_t bytes = it->data ? it->size : 0;
    while (b->q_len == WINDOW || b->next_seq - b->written >= WINDOW ||
           (b->inflight > 0 && b->inflight + bytes > INFLIGHT_BYTES))
        pthread_cond_wait(&b->space, &b->mu);
    b->inflight += bytes;
    it->seq = b->next_seq++;
    b->queue[(b->q_head + b->q_len) % WINDOW] = it;
    b->q_len++;
    pthread_cond_signal(&b->work);
    pthread_mutex_unlock(&b->mu);
}

static item *new_item(const char *path, const char *member,
                      unsigned long long weight, const char *early)
{
    item *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    it->path = path;
    it->member = member ? assess_strdup(member) : NULL;
    it->early = early ? assess_strdup(early) : NULL;
    it->weight = weight;
    if ((member && !it->member) || (early && !it->early)) {
        item_free(it);
        return NULL;
    }
    return it;
}

/* Is the file a package? Told by its first bytes. */
static int is_archive(const char *path)
{
    unsigned char h[512];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, h, sizeof h);
    close(fd);
    if (n < 4)
        return 0;
    return (h[0] == 0x1F && h[1] == 0x8B) ||                  /* gzip */
           (h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) || /* zip */
           (h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') ||    /* bzip2 */
           (n >= 6 && memcmp(h, "\xFD" "7zXZ\0", 6) == 0) ||  /* xz */
           (h[0] == 0x28 && h[1] == 0xB5 && h[2] == 0x2F && h[3] == 0xFD) ||
           (n >= 262 && memcmp(h + 257, "ustar", 5) == 0);   /* tar */
}

/* Each member of an opened archive, in archive order, to fn: its bytes
   (malloc'd, handed over) or why it cannot be read. */
void assess_archive_walk(struct archive *a, assess_member_fn fn, void *ctx)
{
    unsigned long long used = 0;
    size_t members = 0;
    for (;;) {
        struct archive_entry *e;
        int rc = archive_read_next_header(a, &e);
        if (rc == ARCHIVE_EOF)
            break;
        la_int64_t at = archive_filter_bytes(a, -1);
        unsigned long long pos = at > 0 ? (unsigned long long)at : 0;
        unsigned long long weight = pos > used ? pos - used : 0;
        used = pos > used ? pos : used;
        if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
            /* RETRY (a damaged header), FAILED or FATAL: what follows a
               damaged header cannot be trusted to be a member */
            char msg[512];
            snprintf(msg, sizeof msg, "the archive is broken after %zu "
                     "member%s: %s; the rest of it cannot be read",
                     members, members == 1 ? "" : "s",
                     archive_error_string(a) ? archive_error_string(a)
                                             : "unknown error");
            fn(ctx, NULL, NULL, 0, weight, msg);
            break;
        }
        const char *name = archive_entry_pathname(e);
        char fallback[32];
        if (!name) {
            snprintf(fallback, sizeof fallback, "member %zu", members + 1);
            name = fallback;
        }
        mode_t type = archive_entry_filetype(e);
        if (type == AE_IFDIR)
            continue; /* a folder is not an input */
        members++;
        if (type != AE_IFREG) {
            if (fn(ctx, name, NULL, 0, weight,
                   "not a regular file in the archive (a link or device): "
                   "not read"))
                break;
            continue;
        }
        if (archive_entry_size_is_set(e) &&
            archive_entry_size(e) > (la_int64_t)ASSESS_MAX_NOTICE_BYTES) {
            char msg[128];
            snprintf(msg, sizeof msg, "%lld bytes is more than the limit of "
                     "%u for one notice",
                     (long long)archive_entry_size(e), ASSESS_MAX_NOTICE_BYTES);
            if (fn(ctx, name, NULL, 0, weight, msg))
                break;
            continue; /* the next header skips the data */
        }
        /* the member's bytes, bounded whatever its header says */
        assess_buf data = {0};
        char chunk[65536];
        la_ssize_t n;
        int too_big = 0;
        while ((n = archive_read_data(a, chunk, sizeof chunk)) > 0) {
            if (data.len + (size_t)n > ASSESS_MAX_NOTICE_BYTES) {
                too_big = 1;
                break;
            }
            assess_buf_add(&data, chunk, (size_t)n);
        }
        const char *err = NULL;
        char msg[512];
        if (too_big) {
            snprintf(msg, sizeof msg, "more than the limit of %u bytes for "
                     "one notice when unpacked", ASSESS_MAX_NOTICE_BYTES);
            err = msg;
        } else if (n < 0) {
            snprintf(msg, sizeof msg, "cannot unpack: %s",
                     archive_error_string(a) ? archive_error_string(a)
                                             : "unknown error");
            err = msg;
        } else if (data.failed) {
            err = "out of memory";
        }
        char *bytes = NULL;
        if (!err) {
            bytes = data.data ? data.data : assess_strdup("");
            data.data = NULL;
            if (!bytes)
                err = "out of memory";
        }
        int stop = fn(ctx, name, bytes, err ? 0 : data.len, weight, err);
        assess_buf_release(&data);
        if (stop || (n < 0 && !too_big))
            break; /* the stream is broken: said in the member's reason */
    }
}

struct archive *assess_archive_new(void)
{
    struct archive *a = archive_read_new();
    if (a) {
        archive_read_support_filter_all(a);
        archive_read_support_format_tar(a);
        archive_read_support_format_zip(a);
        archive_read_support_format_raw(a); /* a single compressed notice */
    }
    return a;
}

typedef struct archive_ctx {
    batch *b;
    const input_file *f;
} archive_ctx;

static int submit_member(void *ctx, const char *name, char *data, size_t size,
                         unsigned long long weight, const char *error)
{
    archive_ctx *c = ctx;
    item *it = new_item(c->f->path, name, weight, error);
    if (!it) {
        free(data);
        return 1;
    }
    it->data = data;
    it->size = size;
    submit(c->b, it);
    return 0;
}

static void read_archive(batch *b, const input_file *f)
{
    struct archive *a = assess_archive_new();
    item *it;
    if (!a || archive_read_open_filename(a, f->path, 65536) != ARCHIVE_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot open the archive: %s",
                 a && archive_error_string(a) ? archive_error_string(a)
                                              : "out of memory");
        if ((it = new_item(f->path, NULL, f->size, msg)))
            submit(b, it);
        if (a)
            archive_read_free(a);
        return;
    }
    archive_ctx c = {b, f};
    assess_archive_walk(a, submit_member, &c);
    archive_read_free(a);
}

static void produce(batch *b)
{
    for (size_t i = 0; i < b->inputs.n; i++) {
        const input_file *f = &b->inputs.items[i];
        item *it;
        if (f->error) {
            if ((it = new_item(f->path, NULL, 0, f->error)))
                submit(b, it);
        } else if (is_archive(f->path)) {
            read_archive(b, f);
        } else if ((it = new_item(f->path, NULL, f->size, NULL))) {
            submit(b, it);
        }
    }
    pthread_mutex_lock(&b->mu);
    b->producer_done = 1;
    pthread_cond_broadcast(&b->work);
    pthread_cond_broadcast(&b->done);
    pthread_mutex_unlock(&b->mu);
}

/* ---- the workbook's first and last sheets -------------------------------- */

static void write_summary(batch *b, lxw_worksheet *ws, const char *const *paths,
                          size_t n_paths)
{
    lxw_row_t r = 0;
    worksheet_set_column(ws, 0, 0, 44, NULL);
    worksheet_set_column(ws, 1, 1, 60, NULL);
    worksheet_write_string(ws, r++, 0, b->lb.text[LBL_B_TITLE], b->bold);
    worksheet_write_string(ws, r++, 0, b->lb.text[LBL_B_NOTE], b->wrap);
    r++;
    struct {
        assess_label_id label;
        size_t value;
    } counts[] = {
        {LBL_B_FOUND, b->st.found},         {LBL_B_PROCESSED, b->st.processed},
        {LBL_B_FAILED, b->st.failed},       {LBL_B_NOTICES, b->st.notices},
        {LBL_B_ROWS, b->st.rows},
    };
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++, r++) {
        worksheet_write_string(ws, r, 0, b->lb.text[counts[i].label], NULL);
        worksheet_write_number(ws, r, 1, (double)counts[i].value, NULL);
    }
    worksheet_write_string(ws, r, 0, b->lb.text[LBL_B_TOOL], NULL);
    char tool[64];
    snprintf(tool, sizeof tool, "assess %s", assess_version());
    worksheet_write_string(ws, r++, 1, tool, NULL);
    for (size_t i = 0; i < n_paths; i++, r++) {
        if (i == 0)
            worksheet_write_string(ws, r, 0, b->lb.text[LBL_B_PATHS], NULL);
        worksheet_write_string(ws, r, 1, paths[i], NULL);
    }
}

static void write_errors(batch *b)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, b->lb.text[LBL_B_SHEET_ERRORS]);
    if (!ws) {
        b->write_failed = 1;
        return;
    }
    static const assess_label_id head[] = {LBL_B_COL_SOURCE, LBL_B_COL_MEMBER,
                                           LBL_B_COL_REASON};
    static const double width[] = {40, 40, 100};
    for (int c = 0; c < 3; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)c, b->lb.text[head[c]], b->bold);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!b->errors)
        return;
    rewind(b->errors);
    char *field = NULL;
    size_t cap = 0;
    lxw_row_t r = 1;
    for (size_t i = 0; i < b->n_errors && r < ASSESS_XLSX_MAX_ROWS; i++, r++)
        for (int c = 0; c < 3; c++) {
            ssize_t n = getdelim(&field, &cap, '\0', b->errors);
            if (n <= 0) {
                b->write_failed = 1;
                free(field);
                return;
            }
            if (n > 1)
                worksheet_write_string(ws, r, (lxw_col_t)c, field, NULL);
        }
    free(field);
}

/* ---- entry ------------------------------------------------------------------ */

static assess_status open_outputs(batch *b, assess_session *s, assess_diags *d)
{
    const assess_batch_options *o = b->o;
    if (o->jsonl) {
        if (assess_output_open(&b->jsonl_out, o->jsonl, d) != ASSESS_OK)
            return ASSESS_ERR_IO;
        b->jsonl = b->jsonl_out.fp;
    }
    if (!o->xlsx)
        return ASSESS_OK;
    char *tdir = assess_session_templates_dir(s);
    assess_status st = tdir ? assess_labels_load(&b->lb, tdir,
                                                 o->lang ? o->lang : "en", d)
                            : ASSESS_ERR_NOMEM;
    free(tdir);
    if (st != ASSESS_OK)
        return st;
    /* beside the target, renamed when complete */
    b->wb_tmp = assess_printf("%s.tmp.XXXXXX", o->xlsx);
    int fd = b->wb_tmp ? mkstemp(b->wb_tmp) : -1;
    if (fd < 0)
        return assess_diags_add(d, ASSESS_ERR_IO, o->xlsx, NULL,
                                "cannot create a file beside it: %s",
                                strerror(errno));
    mode_t mask = umask(0); /* no threads yet */
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        close(fd);
        return assess_diags_add(d, ASSESS_ERR_IO, o->xlsx, NULL,
                                "cannot set the file mode: %s", strerror(errno));
    }
    close(fd);
    lxw_workbook_options wo = {.constant_memory = LXW_TRUE};
    const char *tmp = getenv("TMPDIR");
    wo.tmpdir = tmp && *tmp ? (char *)tmp : NULL;
    b->wb = workbook_new_opt(b->wb_tmp, &wo);
    b->errors = tmpfile();
    if (!b->wb || !b->errors)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, o->xlsx, NULL,
                                "cannot start the workbook");
    /* the summary first; constant-memory mode keeps each sheet's rows in
       order, and its rows are all written at the end */
    b->summary = workbook_add_worksheet(b->wb, b->lb.text[LBL_SHEET_SUMMARY]);
    b->bold = workbook_add_format(b->wb);
    format_set_bold(b->bold);
    b->wrap = workbook_add_format(b->wb);
    format_set_text_wrap(b->wrap);
    return ASSESS_OK;
}

static void discard_outputs(batch *b)
{
    if (b->wb) {
        workbook_close(b->wb); /* frees it; the file is removed below */
        b->wb = NULL;
    }
    if (b->wb_tmp) {
        unlink(b->wb_tmp);
        free(b->wb_tmp);
        b->wb_tmp = NULL;
    }
    if (b->jsonl)
        assess_output_abort(&b->jsonl_out);
    b->jsonl = NULL;
}

static assess_status close_outputs(batch *b, const char *const *paths,
                                   size_t n_paths, assess_diags *d)
{
    assess_status st = ASSESS_OK;
    if (b->jsonl) {
        if (b->write_failed)
            st = assess_diags_add(d, ASSESS_ERR_IO, b->o->jsonl, NULL,
                                  "cannot write the JSON lines");
        else
            st = assess_output_commit(&b->jsonl_out, d);
        if (st != ASSESS_OK)
            assess_output_abort(&b->jsonl_out);
        b->jsonl = NULL;
    }
    if (!b->wb)
        return st;
    if (!b->ws)
        new_sheet(b); /* the header row even when nothing was read */
    write_errors(b);
    lxw_worksheet *sum = b->summary;
    if (sum)
        write_summary(b, sum, paths, n_paths);
    lxw_error e = workbook_close(b->wb);
    b->wb = NULL;
    if (st == ASSESS_OK && (e != LXW_NO_ERROR || b->lxw_err != LXW_NO_ERROR ||
                            b->write_failed || !sum))
        st = assess_diags_add(d, ASSESS_ERR_IO, b->o->xlsx, NULL,
                              "cannot write the workbook: %s",
                              lxw_strerror(e != LXW_NO_ERROR ? e : b->lxw_err));
    if (st == ASSESS_OK && rename(b->wb_tmp, b->o->xlsx) != 0)
        st = assess_diags_add(d, ASSESS_ERR_IO, b->o->xlsx, NULL,
                              "cannot rename the finished workbook: %s",
                              strerror(errno));
    if (st != ASSESS_OK)
        unlink(b->wb_tmp);
    free(b->wb_tmp);
    b->wb_tmp = NULL;
    return st;
}

assess_status assess_session_batch(assess_session *s,
                                   const char *const *paths, size_t n_paths,
                                   const assess_batch_options *o,
                                   assess_batch_stats *stats,
                                   assess_diags *d)
{
    memset(stats, 0, sizeof *stats);
    if (!o || o->jobs < 0 || o->jobs > ASSESS_MAX_JOBS || o->sheet_rows < 0 ||
        o->sheet_rows >= ASSESS_XLSX_MAX_ROWS ||
        (o->lang && strcmp(o->lang, "en") && strcmp(o->lang, "nl")))
        return assess_diags_add(d, ASSESS_ERR_USAGE, NULL, NULL,
                                "invalid batch options (jobs 1..%d, sheet "
                                "rows below %ld, language en or nl)",
                                ASSESS_MAX_JOBS, ASSESS_XLSX_MAX_ROWS);
    batch *b = calloc(1, sizeof *b);
    if (!b)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    b->o = o;
    b->jobs = o->jobs ? o->jobs : 1;
    b->sheet_rows = o->sheet_rows ? o->sheet_rows : ASSESS_XLSX_MAX_ROWS - 1;
    clock_gettime(CLOCK_MONOTONIC, &b->start);
    b->last_progress = b->start;

    assess_registry *reg = NULL;
    char *rdir = assess_printf("%s/registry", assess_session_rules_dir(s));
    assess_status st = rdir ? assess_registry_load(&reg, rdir, d) : ASSESS_ERR_NOMEM;
    free(rdir);
    b->reg = reg;
    if (st == ASSESS_OK) {
        char *cpath = o->checks ? assess_strdup(o->checks)
                                : assess_printf("%s/checks/archive.json",
                                                assess_session_rules_dir(s));
        st = cpath ? assess_checkset_load(&b->checks, cpath, reg, d)
                   : ASSESS_ERR_NOMEM;
        free(cpath);
    }
    if (st == ASSESS_OK) {
        for (size_t i = 0; i < n_paths; i++)
            walk(&b->inputs, paths[i], 0, 1);
        if (b->inputs.nomem)
            st = assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                                  "out of memory listing the inputs");
    }
    for (size_t i = 0; i < b->inputs.n; i++)
        b->total_bytes += b->inputs.items[i].size;
    if (st == ASSESS_OK)
        st = open_outputs(b, s, d);

    pthread_t workers[ASSESS_MAX_JOBS], wthread;
    int started = 0, writer_started = 0;
    if (st == ASSESS_OK) {
        xmlInitParser();
        pthread_mutex_init(&b->mu, NULL);
        pthread_cond_init(&b->work, NULL);
        pthread_cond_init(&b->space, NULL);
        pthread_cond_init(&b->done, NULL);
        writer_started = pthread_create(&wthread, NULL, writer, b) == 0;
        for (; writer_started && started < b->jobs; started++)
            if (pthread_create(&workers[started], NULL, worker, b) != 0)
                break;
        if (!writer_started || started == 0)
            st = assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                                  "cannot start threads");
        if (st == ASSESS_OK)
            produce(b);
        else {
            pthread_mutex_lock(&b->mu);
            b->producer_done = 1;
            pthread_cond_broadcast(&b->work);
            pthread_cond_broadcast(&b->done);
            pthread_mutex_unlock(&b->mu);
        }
        for (int i = 0; i < started; i++)
            pthread_join(workers[i], NULL);
        if (writer_started)
            pthread_join(wthread, NULL);
        pthread_mutex_destroy(&b->mu);
        pthread_cond_destroy(&b->work);
        pthread_cond_destroy(&b->space);
        pthread_cond_destroy(&b->done);
        progress(b, 1);
    }
    b->st.bytes = b->total_bytes;
    b->st.seconds = elapsed(&b->start);
    if (st == ASSESS_OK)
        st = close_outputs(b, paths, n_paths, d);
    else
        discard_outputs(b);
    *stats = b->st;

    if (b->errors)
        fclose(b->errors);
    assess_labels_release(&b->lb);
    for (size_t i = 0; i < b->inputs.n; i++) {
        free(b->inputs.items[i].path);
        free(b->inputs.items[i].error);
    }
    free(b->inputs.items);
    assess_checkset_free(b->checks);
    assess_registry_free(reg);
    free(b);
    return st;
}
