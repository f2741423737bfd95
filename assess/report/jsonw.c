/*
 * jsonw.c - streaming JSON writer, see jsonw.h.
 */
#include "report/jsonw.h"

#include <stdlib.h>
#include <string.h>

#include "assess/facts.h"

void jsonw_init(jsonw *w, FILE *fp)
{
    memset(w, 0, sizeof *w);
    w->fp = fp;
}

static void indent(jsonw *w)
{
    if (w->compact)
        return;
    fputc('\n', w->fp);
    for (int i = 0; i < w->depth; i++)
        fputs("  ", w->fp);
}

/* Separator and indentation before a value or a key. */
static void before(jsonw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth > 0) {
        if (w->count[w->depth]++)
            fputc(',', w->fp);
        indent(w);
    }
}

static void open(jsonw *w, char c)
{
    before(w);
    fputc(c, w->fp);
    if (w->depth + 1 >= JSONW_MAX_DEPTH) {
        w->failed = 1;
        return;
    }
    w->depth++;
    w->count[w->depth] = 0;
}

void jsonw_object(jsonw *w) { open(w, '{'); }
void jsonw_array(jsonw *w) { open(w, '['); }

void jsonw_end(jsonw *w, char close)
{
    int had = w->count[w->depth];
    w->depth--;
    if (had)
        indent(w);
    fputc(close, w->fp);
    if (w->depth == 0)
        fputc('\n', w->fp);
}

static void write_string(jsonw *w, const char *s)
{
    fputc('"', w->fp);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        /* a run of characters that need no escape, in one write */
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            fwrite(run, 1, (size_t)(p - run), w->fp);
        if (!*p)
            break;
        switch (*p) {
        case '"':
            fputs("\\\"", w->fp);
            break;
        case '\\':
            fputs("\\\\", w->fp);
            break;
        case '\n':
            fputs("\\n", w->fp);
            break;
        case '\r':
            fputs("\\r", w->fp);
            break;
        case '\t':
            fputs("\\t", w->fp);
            break;
        default:
            fprintf(w->fp, "\\u%04x", *p);
        }
        p++;
    }
    fputc('"', w->fp);
}

void jsonw_key(jsonw *w, const char *key)
{
    before(w);
    write_string(w, key);
    fputs(w->compact ? ":" : ": ", w->fp);
    w->after_key = 1;
}

/* Would a spreadsheet take this text for a formula? */
int jsonw_formula_like(const char *s)
{
    return s && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                 s[0] == '\t' || s[0] == '\r');
}

void jsonw_string(jsonw *w, const char *s)
{
    before(w);
    if (!s) {
        fputs("null", w->fp);
    } else if (w->neutralise && jsonw_formula_like(s)) {
        char *q = malloc(strlen(s) + 2);
        if (!q) {
            w->failed = 1;
            fputs("null", w->fp);
            return;
        }
        q[0] = '\'';
        strcpy(q + 1, s);
        write_string(w, q);
        free(q);
    } else {
        write_string(w, s);
    }
}

void jsonw_number(jsonw *w, double v)
{
    char buf[400];
    before(w);
    if (assess_facts_format_number(buf, sizeof buf, v) < 0) {
        fputs("null", w->fp);
        w->failed = 1;
        return;
    }
    fputs(buf, w->fp);
}

void jsonw_int(jsonw *w, long long v)
{
    before(w);
    fprintf(w->fp, "%lld", v);
}

void jsonw_bool(jsonw *w, int v)
{
    before(w);
    fputs(v ? "true" : "false", w->fp);
}

void jsonw_null(jsonw *w)
{
    before(w);
    fputs("null", w->fp);
}

void jsonw_kstring(jsonw *w, const char *k, const char *s)
{
    jsonw_key(w, k);
    jsonw_string(w, s);
}

void jsonw_knumber(jsonw *w, const char *k, double v)
{
    jsonw_key(w, k);
    jsonw_number(w, v);
}

void jsonw_kint(jsonw *w, const char *k, long long v)
{
    jsonw_key(w, k);
    jsonw_int(w, v);
}

void jsonw_kbool(jsonw *w, const char *k, int v)
{
    jsonw_key(w, k);
    jsonw_bool(w, v);
}

void jsonw_kint_or_null(jsonw *w, const char *k, long long v)
{
    jsonw_key(w, k);
    if (v < 0)
        jsonw_null(w);
    else
        jsonw_int(w, v);
}
