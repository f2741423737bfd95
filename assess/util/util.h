/*
 * util.h - internal helpers shared by the library's stages: memory and
 * strings, bounded file reading, digests, atomic output, strict JSON.
 * Not installed; the public API lives in include/assess/.
 */
#ifndef ASSESS_UTIL_H
#define ASSESS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "assess/assess.h"
#include "assess/framework.h"

/* ---- memory and strings ------------------------------------------------ */

/*
 * Allocation failures in the helpers below (strdup, printf, grow, buf) are
 * counted per thread, so that a caller that did not check one still
 * fails: a stage compares the count before and after (assess_nomem_count)
 * and a JSON reader does so in assess_jr_errors. An absorbed failure must
 * never change a score or drop a flag.
 */
unsigned long assess_nomem_count(void);
/** Count one failed allocation (for code that allocates directly). */
void assess_nomem_note(void);

/** strdup that accepts NULL (returns NULL). */
char *assess_strdup(const char *s);
/** malloc'd printf; NULL on no memory. */
char *assess_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
char *assess_vprintf(const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 0)))
#endif
    ;
/** Last path component of `path` (a pointer into it). */
const char *assess_basename(const char *path);

/** Grow `*items` (element size `size`) to hold at least `need` elements. */
int assess_grow(void **items, size_t *capacity, size_t need, size_t size);

/** A growable byte buffer, always NUL-terminated when non-empty. */
typedef struct assess_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed; /* set when an allocation failed; later appends are no-ops */
} assess_buf;

void assess_buf_add(assess_buf *b, const char *s, size_t n);
void assess_buf_puts(assess_buf *b, const char *s);
void assess_buf_printf(assess_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/** Hand over the contents (malloc'd; "" if empty); NULL if an append failed. */
char *assess_buf_take(assess_buf *b);
void assess_buf_release(assess_buf *b);

/* ---- files ------------------------------------------------------------- */

/**
 * Read a whole file, at most `limit` bytes (ASSESS_ERR_LIMIT beyond).
 * *data is malloc'd and NUL-terminated; the caller frees it.
 */
assess_status assess_read_file(char **data, size_t *size, const char *path,
                               size_t limit, assess_diags *d);

/** Lowercase hex SHA-256 of a buffer into out[65]. */
void assess_sha256_hex(char out[65], const void *data, size_t size);

/**
 * An output stream following the project rule: "-" is stdout; a regular
 * file (or a new one) is written to a temporary file in the same directory
 * and renamed over the target on commit; anything else (a pipe, /dev/null)
 * is written directly.
 */
/** Record `path` as a temporary file to remove when the process is
 *  interrupted (assess_remove_temporary_files). When the list is full or
 *  the path too long, the file is only removed normally. */
void assess_tmp_track(const char *path);
/** Forget `path` (before it is renamed or unlinked). */
void assess_tmp_untrack(const char *path);

typedef struct assess_output {
    FILE *fp;
    char *target;
    char *tmp;    /* NULL when writing directly */
    int is_stdout;
} assess_output;

assess_status assess_output_open(assess_output *o, const char *path,
                                 assess_diags *d);
/** Flush, fsync and rename; on any failure the target is left untouched. */
assess_status assess_output_commit(assess_output *o, assess_diags *d);
/** The two halves of a commit, for several outputs that are kept all or
 *  none: close every one (flush, fsync: where a full disk shows), then
 *  publish (rename) every one. A failure aborts the output. A standard
 *  output is done after close; publish is then a no-op. */
assess_status assess_output_close(assess_output *o, assess_diags *d);
assess_status assess_output_publish(assess_output *o, assess_diags *d);
/** Drop the temporary file (after an error); safe after commit. */
void assess_output_abort(assess_output *o);

/* ---- JSON -------------------------------------------------------------- */

/**
 * Parse JSON strictly: syntax errors with line, column and byte offset;
 * rejected (with their JSON path): duplicate keys, non-finite numbers,
 * invalid UTF-8 in strings and keys, nesting deeper than
 * ASSESS_MAX_JSON_DEPTH, strings longer than ASSESS_MAX_STRING_BYTES.
 * A UTF-8 byte-order mark is rejected too (RFC 8259 §8.1).
 * Returns NULL on error. The caller frees the result with cJSON_Delete.
 */
cJSON *assess_json_parse(const char *name, const char *data, size_t size,
                         assess_diags *d);

/**
 * Read a JSON file (at most ASSESS_MAX_FILE_BYTES) and parse it as
 * assess_json_parse() does; the SHA-256 of its bytes goes to sha256 (may be
 * NULL). The caller frees *out with cJSON_Delete.
 */
assess_status assess_json_load(cJSON **out, const char *path, char sha256[65],
                               assess_diags *d);

/** "a string", "a number", "an object" ... for messages. */
const char *assess_json_type_name(const cJSON *v);

/** A JSON path under construction: `$.entities[2].country`. */
typedef struct assess_jpath {
    char buf[512];
    size_t len;
} assess_jpath;

void assess_jpath_init(assess_jpath *p);
/** Append a key (`.key` or `['key']`); returns the old length for pop. */
size_t assess_jpath_key(assess_jpath *p, const char *key);
size_t assess_jpath_index(assess_jpath *p, size_t i);
void assess_jpath_pop(assess_jpath *p, size_t len);

/*
 * Typed member access for readers. Each records a diagnostic with the JSON
 * path (file `file`) and returns 0 on a wrong type; a missing optional
 * member returns 1 and leaves *out untouched; a missing required member
 * records "missing required field".
 */
typedef struct assess_jreader {
    const char *file;
    assess_diags *d;
    assess_jpath path;
    int errors;
    unsigned long nomem_at; /* assess_nomem_count() when reading began */
} assess_jreader;

#define ASSESS_JREADER(file_, d_) \
    {.file = (file_), .d = (d_), .nomem_at = assess_nomem_count()}

/** The reader's error count, with one "out of memory" error added when an
 *  allocation failed since it began. */
int assess_jr_errors(assess_jreader *r);

const cJSON *assess_jr_get(assess_jreader *r, const cJSON *obj,
                           const char *key, int type_mask, int required);
int assess_jr_string(assess_jreader *r, const cJSON *obj, const char *key,
                     int required, char **out);
int assess_jr_number(assess_jreader *r, const cJSON *obj, const char *key,
                     int required, double min, double max, double *out);
int assess_jr_int(assess_jreader *r, const cJSON *obj, const char *key,
                  int required, long min, long max, long *out);
int assess_jr_bool(assess_jreader *r, const cJSON *obj, const char *key,
                   int required, int *out);
/** Index of the string value in `names` (NULL-terminated), or -1 + error. */
int assess_jr_enum(assess_jreader *r, const cJSON *obj, const char *key,
                   int required, const char *const *names, int *out);
/** Record an error at the current path plus `key` (may be NULL). */
void assess_jr_error(assess_jreader *r, const char *key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/** Report members of `obj` not in `allowed` (NULL-terminated). */
void assess_jr_only(assess_jreader *r, const cJSON *obj,
                    const char *const *allowed);
/** Read {"en": ..., "nl": ...}; both required when `required`. */
int assess_jr_text(assess_jreader *r, const cJSON *obj, const char *key,
                   int required, assess_text *out);

/* Forward: the bid reader from an already parsed JSON value (bid.c), so a
   file is parsed once when a directory is scanned for bids. */
struct assess_bid;
assess_status assess_bid_from_json(struct assess_bid **out, const char *name,
                                   const char sha256[65], const cJSON *root,
                                   assess_diags *d);

/* Extension settings {"<id>": {"weights": {...}, "gates": [...]}} of a lot
   or a class file (read/tender.c); *out receives a malloc'd array. */
struct assess_ext_setting;
void assess_read_ext_settings(assess_jreader *r, const cJSON *obj,
                              struct assess_ext_setting **out, size_t *n);
void assess_ext_settings_free(struct assess_ext_setting *e, size_t n);

/**
 * Append `s` folded for keyword rules to `out`: lower case, diacritics
 * removed and Cyrillic transliterated as in assess_name_key(), Greek
 * lower-cased, every run of white space and control characters one space;
 * punctuation is kept. Adds nothing beyond `max` bytes in `out`.
 * (registry/names.c, beside the fold table it shares with the name key.)
 */
void assess_text_fold(assess_buf *out, const char *s, size_t max);

/** Both strings of a text; free them. */
void assess_text_release(assess_text *t);

/** 1 if s is a valid ISO-style date YYYY-MM-DD (calendar-checked). */
int assess_is_date(const char *s);

#endif
