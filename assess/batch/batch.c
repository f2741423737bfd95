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
 *   writer (one thread)  takes the results strictly by number and hands
 *       them to the sink (sink.c: JSON lines, workbook, aggregates, the
 *       partial state of a shard, failure and progress lines), the same
 *       sink `assess merge` feeds from the shards' partial states.
 *
 * Memory is bounded: at most WINDOW inputs are between producer and
 * writer, whatever the speed of each stage.
 */
#define _POSIX_C_SOURCE 200809L
#include "assess/batch.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <libxml/parser.h>

#include "assess/notice.h"
#include "notice/notice_internal.h"
#include "report/jsonw.h"
#include "util/util.h"
#include "batch/checks.h"
#include "batch/sink.h"
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

/* ---- work items ---------------------------------------------------------- */

typedef struct item {
    size_t seq;
    assess_seq pos;     /* file index among all inputs, member index */
    const char *path;   /* borrowed from the input list */
    char *member;       /* archive member, or NULL */
    char *data;         /* member bytes, or NULL: read `path` */
    size_t size;
    unsigned long long weight; /* input bytes this item stands for */
    char *early;        /* a failure the producer found */
    /* results */
    char *jsonl;        /* rows and error record, one per line */
    size_t jsonl_len;
    char *error;
    size_t notices, rows;
    int nomem;
} item;

static void item_free(item *it)
{
    if (!it)
        return;
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
    int jobs;
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
    unsigned long lost; /* inputs not queued for want of memory (producer) */
    assess_sink *sink;
    unsigned long long file_index; /* of the input being produced */
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

static const char *result_word(int r)
{
    return r < 0 ? NULL : r ? "awarded" : "no-winner";
}

/* One row of a notice as a JSON line: lot `l` (NULL for a notice without
   lots) with the checks that fired for it. */
static void add_row(item *it, FILE *jl, const assess_notice *n,
                    const assess_notice_lot *l, const assess_checkset *cs,
                    const unsigned char *fired, size_t n_fired)
{
    const assess_amount *est = l && l->estimated.value >= 0 ? &l->estimated
                                                           : &n->estimated;
    /* the JSON line of the row */
    jsonw w;
    jsonw_init(&w, jl);
    w.compact = 1;
    w.neutralise = 1; /* README "Security": text from notices */
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
    jsonw_kstring(&w, "cpv_main", l && l->cpv_main ? l->cpv_main : n->cpv_main);
    jsonw_kstring(&w, "procedure_type", n->procedure_type);
    jsonw_kstring(&w, "lot", l ? l->id : NULL);
    jsonw_kstring(&w, "lot_title", l ? l->title : NULL);
    jsonw_kstring(&w, "result", l ? result_word(l->result) : NULL);
    jsonw_kstring(&w, "criteria_basis", l ? l->criteria_basis : NULL);
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
    it->rows++;
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
        w.neutralise = 1;
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
        pthread_cond_signal(&b->space);
        pthread_mutex_unlock(&b->mu);

        size_t held = it->size;
        if (r && k)
            process(it, r, k, b->checks);
        else
            it->error = assess_strdup("out of memory");

        pthread_mutex_lock(&b->mu);
        if (held) { /* a member's bytes, now released */
            b->inflight -= held;
            pthread_cond_signal(&b->space);
        }
        b->ready[it->seq % WINDOW] = it;
        pthread_cond_signal(&b->done);
        pthread_mutex_unlock(&b->mu);
    }
    assess_checker_free(k);
    assess_notice_reader_free(r);
    return NULL;
}

/* ---- writer --------------------------------------------------------------- */

static void write_item(batch *b, item *it)
{
    assess_sink_input(b->sink, it->pos, it->path, it->member, it->notices,
                      it->error != NULL, it->weight);
    for (size_t at = 0; at < it->jsonl_len;) {
        const char *line = it->jsonl + at;
        const char *nl = memchr(line, '\n', it->jsonl_len - at);
        size_t len = nl ? (size_t)(nl - line) : it->jsonl_len - at;
        assess_sink_line(b->sink, line, len);
        at += len + 1;
    }
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
        pthread_cond_signal(&b->space);
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

static item *new_item(batch *b, const char *path, const char *member,
                      unsigned long long weight, const char *early)
{
    item *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    it->pos.file = b->file_index;
    it->path = path;
    it->member = member ? assess_strdup(member) : NULL;
    it->early = early ? assess_strdup(early) : NULL;
    it->weight = weight;
    (void)b;
    if ((member && !it->member) || (early && !it->early)) {
        item_free(it);
        return NULL;
    }
    return it;
}

typedef struct archive_ctx {
    batch *b;
    const input_file *f;
    unsigned long long members;
} archive_ctx;

static int submit_member(void *ctx, const char *name, char *data, size_t size,
                         unsigned long long weight, const char *error)
{
    archive_ctx *c = ctx;
    item *it = new_item(c->b, c->f->path, name, weight, error);
    if (it)
        it->pos.member = ++c->members;
    if (!it) {
        c->b->lost++;
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
        if ((it = new_item(b, f->path, NULL, f->size, msg)))
            submit(b, it);
        else
            b->lost++;
        if (a)
            archive_read_free(a);
        return;
    }
    archive_ctx c = {b, f, 0};
    assess_archive_walk(a, submit_member, &c);
    archive_read_free(a);
}

/* The shard of an input: FNV-1a of its path as found, so that every
   machine slices the same paths the same way. */
static int in_shard(const assess_batch_options *o, const char *path)
{
    if (o->shard_n <= 1)
        return 1;
    unsigned long long h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return (int)(h % (unsigned long long)o->shard_n) + 1 == o->shard_k;
}

static void produce(batch *b)
{
    for (size_t i = 0; i < b->inputs.n; i++) {
        const input_file *f = &b->inputs.items[i];
        item *it;
        b->file_index = i;
        if (!in_shard(b->o, f->path))
            continue;
        if (f->error) {
            if ((it = new_item(b, f->path, NULL, 0, f->error)))
                submit(b, it);
            else
                b->lost++;
        } else if (assess_is_archive(f->path)) {
            read_archive(b, f);
        } else if ((it = new_item(b, f->path, NULL, f->size, NULL))) {
            submit(b, it);
        } else {
            b->lost++;
        }
    }
    pthread_mutex_lock(&b->mu);
    b->producer_done = 1;
    pthread_cond_broadcast(&b->work);
    pthread_cond_broadcast(&b->done);
    pthread_mutex_unlock(&b->mu);
}

/* ---- entry ------------------------------------------------------------------ */

assess_status assess_session_batch(assess_session *s,
                                   const char *const *paths, size_t n_paths,
                                   const assess_batch_options *o,
                                   assess_batch_stats *stats,
                                   assess_diags *d)
{
    memset(stats, 0, sizeof *stats);
    if (!o || o->jobs < 0 || o->jobs > ASSESS_MAX_JOBS || o->sheet_rows < 0 ||
        o->sheet_rows >= ASSESS_XLSX_MAX_ROWS ||
        (o->lang && strcmp(o->lang, "en") && strcmp(o->lang, "nl")) ||
        o->shard_n < 0 || o->shard_k < 0 || o->shard_k > o->shard_n ||
        (o->shard_n > 0 && o->shard_k < 1))
        return assess_diags_add(d, ASSESS_ERR_USAGE, NULL, NULL,
                                "invalid batch options (jobs 1..%d, sheet "
                                "rows below %ld, language en or nl, shard "
                                "K/N with 1 <= K <= N)",
                                ASSESS_MAX_JOBS, ASSESS_XLSX_MAX_ROWS);
    batch *b = calloc(1, sizeof *b);
    if (!b)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    b->o = o;
    b->jobs = o->jobs ? o->jobs : 1;

    assess_registry *reg = NULL;
    char *rdir = assess_printf("%s/registry", assess_session_rules_dir(s));
    assess_status st = rdir ? assess_registry_load(&reg, rdir, d)
                            : assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                                               "out of memory");
    free(rdir);
    b->reg = reg;
    if (st == ASSESS_OK) {
        char *cpath = o->checks ? assess_strdup(o->checks)
                                : assess_printf("%s/checks/archive.json",
                                                assess_session_rules_dir(s));
        st = cpath ? assess_checkset_load(&b->checks, cpath, reg, d)
                   : assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                                      "out of memory");
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
        if (in_shard(o, b->inputs.items[i].path))
            b->total_bytes += b->inputs.items[i].size;
    if (st == ASSESS_OK)
        st = assess_sink_open(&b->sink, s, reg, o, paths, n_paths,
                              b->total_bytes, d);

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
    }
    if (st == ASSESS_OK && b->lost) /* never an input skipped in silence */
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                              "out of memory: %lu inputs could not be queued; "
                              "no output was kept", b->lost);
    if (b->sink) {
        if (st == ASSESS_OK)
            st = assess_sink_close(b->sink, stats, d);
        else
            assess_sink_abort(b->sink);
    }
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
