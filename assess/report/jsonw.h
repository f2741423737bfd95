/*
 * jsonw.h - a small streaming JSON writer (internal): two-space indentation,
 * deterministic output, numbers as the shortest plain decimal that reads
 * back exactly. Used for results JSON; errors are sticky in `failed`.
 */
#ifndef ASSESS_JSONW_H
#define ASSESS_JSONW_H

#include <stdio.h>

#define JSONW_MAX_DEPTH 32

typedef struct jsonw {
    FILE *fp;
    int depth;
    int count[JSONW_MAX_DEPTH]; /* members written at each depth */
    int after_key;
    int failed;
    int compact; /* one line, no indentation (JSON lines) */
    int neutralise; /* string values starting with = + - @ tab or CR get
                       a leading apostrophe, so that a spreadsheet opening
                       the lines as CSV does not run them (OWASP) */
} jsonw;

void jsonw_init(jsonw *w, FILE *fp);
void jsonw_object(jsonw *w);
void jsonw_array(jsonw *w);
void jsonw_end(jsonw *w, char close);
void jsonw_key(jsonw *w, const char *key);
void jsonw_string(jsonw *w, const char *s); /* NULL writes null */
/** 1 if a spreadsheet would take `s` for a formula (= + - @ tab CR). */
int jsonw_formula_like(const char *s);
void jsonw_number(jsonw *w, double v);
void jsonw_int(jsonw *w, long long v);
void jsonw_bool(jsonw *w, int v);
void jsonw_null(jsonw *w);
/* key + value shorthands */
void jsonw_kstring(jsonw *w, const char *k, const char *s);
void jsonw_knumber(jsonw *w, const char *k, double v);
void jsonw_kint(jsonw *w, const char *k, long long v);
void jsonw_kbool(jsonw *w, const char *k, int v);
/* an integer, or null when v < 0 */
void jsonw_kint_or_null(jsonw *w, const char *k, long long v);

#endif
