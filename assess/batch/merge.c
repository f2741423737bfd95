/*
 * merge.c - `assess merge`: the partial states of the shards of one batch
 * into the outputs one run over everything gives (batch.h).
 *
 * Each part ("assess-batch-part/1", JSON lines) starts with a header (the
 * shard K/N, the paths of the run, the tool version), then per input an
 * input record {"input": {"seq": [file, member], ...}} followed by the
 * input's rows and error record, in input order. The parts are merged by
 * `seq` as they are read (a k-way merge: memory holds one line per part),
 * and fed to the same sink a run feeds, so rows, counts and aggregates
 * come out exactly as from one run.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "assess/batch.h"
#include "batch/sink.h"
#include "util/util.h"

typedef struct part {
    const char *path;
    FILE *fp;
    char *line;          /* the pending input record, or NULL at the end */
    size_t cap;
    long lineno;
    assess_seq seq;
    char *source, *member;
    size_t notices;
    int failed;
    unsigned long long weight;
    int k, n;
    char *paths;         /* the header's paths, as JSON text */
} part;

/* Read the next line (without its newline) into p->line; 0 at the end. */
static int next_line(part *p, size_t *len)
{
    ssize_t n = getline(&p->line, &p->cap, p->fp);
    if (n <= 0)
        return 0;
    p->lineno++;
    if (p->line[n - 1] == '\n')
        p->line[--n] = '\0';
    *len = (size_t)n;
    return 1;
}

static int bad(assess_diags *d, part *p, const char *what)
{
    assess_diags_add(d, ASSESS_ERR_INVALID, p->path, NULL, "line %ld: %s",
                     p->lineno, what);
    return 0;
}

/* Parse the input record in p->line into the part's pending input. */
static int parse_input(part *p, assess_diags *d)
{
    cJSON *rec = cJSON_Parse(p->line);
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(rec, "input");
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(in, "seq");
    const cJSON *f = cJSON_GetArrayItem(seq, 0), *m = cJSON_GetArrayItem(seq, 1);
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(in, "source");
    const cJSON *mem = cJSON_GetObjectItemCaseSensitive(in, "member");
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(in, "notices");
    const cJSON *fl = cJSON_GetObjectItemCaseSensitive(in, "failed");
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(in, "weight");
    /* whole numbers a double holds exactly (the fuzzer sent 1.3e67) */
    const double max = 9007199254740992.0; /* 2^53 */
    int ok = cJSON_IsNumber(f) && cJSON_IsNumber(m) && f->valuedouble >= 0 &&
             f->valuedouble <= max && m->valuedouble >= 0 &&
             m->valuedouble <= max && cJSON_IsString(src) &&
             cJSON_IsNumber(n) && n->valuedouble >= 0 && n->valuedouble <= max &&
             cJSON_IsBool(fl) && cJSON_IsNumber(w) && w->valuedouble >= 0 &&
             w->valuedouble <= max;
    free(p->source);
    free(p->member);
    p->source = p->member = NULL;
    if (ok) {
        p->seq.file = (unsigned long long)f->valuedouble;
        p->seq.member = (unsigned long long)m->valuedouble;
        p->source = assess_strdup(src->valuestring);
        p->member = cJSON_IsString(mem) ? assess_strdup(mem->valuestring) : NULL;
        p->notices = (size_t)n->valuedouble;
        p->failed = cJSON_IsTrue(fl);
        p->weight = (unsigned long long)w->valuedouble;
        ok = p->source && (!cJSON_IsString(mem) || p->member);
    }
    cJSON_Delete(rec);
    return ok ? 1 : bad(d, p, "expected an input record {\"input\": {\"seq\": ...}}");
}

static int is_input(const char *line)
{
    return strncmp(line, "{\"input\":", 9) == 0;
}

static int open_part(part *p, assess_diags *d)
{
    size_t len;
    p->fp = fopen(p->path, "r");
    if (!p->fp) {
        assess_diags_add(d, ASSESS_ERR_IO, p->path, NULL, "cannot open: %s",
                         strerror(errno));
        return 0;
    }
    if (!next_line(p, &len))
        return bad(d, p, "empty: not a partial state of assess batch --part");
    cJSON *h = cJSON_Parse(p->line);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(h, "format");
    const cJSON *shard = cJSON_GetObjectItemCaseSensitive(h, "shard");
    const cJSON *paths = cJSON_GetObjectItemCaseSensitive(h, "paths");
    const cJSON *k = cJSON_GetArrayItem(shard, 0), *n = cJSON_GetArrayItem(shard, 1);
    int ok = cJSON_IsString(fmt) && strcmp(fmt->valuestring, "assess-batch-part/1") == 0 &&
             cJSON_IsNumber(k) && cJSON_IsNumber(n) && cJSON_IsArray(paths) &&
             n->valuedouble >= 1 && n->valuedouble <= 1e6 && k->valuedouble >= 1 &&
             k->valuedouble <= n->valuedouble;
    if (ok) {
        p->k = (int)k->valuedouble;
        p->n = (int)n->valuedouble;
        p->paths = cJSON_PrintUnformatted(paths);
    }
    cJSON_Delete(h);
    if (!ok || !p->paths)
        return bad(d, p, "not the header of a partial state (format "
                         "assess-batch-part/1)");
    /* the first input, if any */
    if (!next_line(p, &len)) {
        free(p->line);
        p->line = NULL;
        return 1;
    }
    return is_input(p->line) ? parse_input(p, d)
                             : bad(d, p, "expected an input record");
}

static void close_part(part *p)
{
    if (p->fp)
        fclose(p->fp);
    free(p->line);
    free(p->paths);
    free(p->source);
    free(p->member);
}

static int seq_less(assess_seq a, assess_seq b)
{
    return a.file < b.file || (a.file == b.file && a.member < b.member);
}

/* Feed the pending input of p and its lines to the sink; leave the next
   input record pending. 0 on a malformed part. */
static int feed(part *p, assess_sink *k, assess_diags *d)
{
    assess_sink_input(k, p->seq, p->source, p->member, p->notices, p->failed,
                      p->weight);
    size_t len;
    while (next_line(p, &len)) {
        if (is_input(p->line))
            return parse_input(p, d);
        assess_sink_line(k, p->line, len);
    }
    if (ferror(p->fp))
        return bad(d, p, "cannot read");
    free(p->line);
    p->line = NULL;
    return 1;
}

assess_status assess_session_merge(struct assess_session *s,
                                   const char *const *paths, size_t n,
                                   const assess_batch_options *o,
                                   assess_batch_stats *stats, assess_diags *d)
{
    memset(stats, 0, sizeof *stats);
    part *p = calloc(n ? n : 1, sizeof *p);
    if (!p)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        p[i].path = paths[i];
        ok &= open_part(&p[i], d);
    }
    /* one run: the same paths and N, every shard once */
    for (size_t i = 1; ok && i < n; i++)
        if (p[i].n != p[0].n || strcmp(p[i].paths, p[0].paths) != 0) {
            assess_diags_add(d, ASSESS_ERR_INVALID, p[i].path, NULL,
                             "not a shard of the same run as %s (other "
                             "paths or number of shards)",
                             p[0].path);
            ok = 0;
        }
    if (ok && n > 0) {
        int N = p[0].n;
        char *seen = calloc((size_t)N + 1, 1);
        for (size_t i = 0; seen && i < n && ok; i++) {
            if (seen[p[i].k]++) {
                assess_diags_add(d, ASSESS_ERR_INVALID, p[i].path, NULL,
                                 "shard %d/%d is given twice", p[i].k, N);
                ok = 0;
            }
        }
        for (int k = 1; seen && ok && k <= N; k++)
            if (!seen[k]) {
                assess_diags_add(d, ASSESS_ERR_INVALID, NULL, NULL,
                                 "shard %d/%d is missing: the merge would "
                                 "not be the whole run",
                                 k, N);
                ok = 0;
            }
        if (!seen)
            ok = 0;
        free(seen);
    }
    assess_status st = ok ? ASSESS_OK : ASSESS_ERR_INVALID;
    assess_sink *k = NULL;
    cJSON *run_paths = ok && n ? cJSON_Parse(p[0].paths) : NULL;
    size_t n_run = (size_t)cJSON_GetArraySize(run_paths);
    const char **run = calloc(n_run + 1, sizeof *run);
    for (size_t i = 0; run && i < n_run; i++)
        run[i] = cJSON_GetArrayItem(run_paths, (int)i)->valuestring;
    if (st == ASSESS_OK && !run)
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    assess_registry *reg = NULL; /* the aggregates' regions need it */
    if (st == ASSESS_OK && (o->xlsx || o->aggregates)) {
        char *rdir = assess_printf("%s/registry", assess_session_rules_dir(s));
        st = rdir ? assess_registry_load(&reg, rdir, d)
                  : assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
        free(rdir);
    }
    if (st == ASSESS_OK)
        st = assess_sink_open(&k, s, reg, o, run, n_run, 0, d);
    while (st == ASSESS_OK) {
        part *next = NULL;
        for (size_t i = 0; i < n; i++)
            if (p[i].line && (!next || seq_less(p[i].seq, next->seq)))
                next = &p[i];
        if (!next)
            break;
        if (!feed(next, k, d))
            st = ASSESS_ERR_INVALID;
    }
    if (k) {
        if (st == ASSESS_OK)
            st = assess_sink_close(k, stats, d);
        else
            assess_sink_abort(k);
    }
    assess_registry_free(reg);
    free(run);
    cJSON_Delete(run_paths);
    for (size_t i = 0; i < n; i++)
        close_part(&p[i]);
    free(p);
    return st;
}
