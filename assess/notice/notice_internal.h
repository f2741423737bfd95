/*
 * notice_internal.h - what the three notice readers (eforms.c, ted.c,
 * ocds.c) share: a notice under construction whose strings and arrays live
 * in one arena, the normalisers every format needs (countries, CPV codes,
 * dates, durations, amounts, folded text), and small DOM helpers that
 * match elements by local name (namespaces differ between TED versions).
 *
 * A reader fills an nt_build and hands it to nt_emit(), which resolves the
 * winners to supplier groups, finishes the folded text and calls the
 * user's callback. Allocation failures are sticky in b->oom; nt_emit()
 * then reports ASSESS_ERR_NOMEM instead of delivering a partial notice.
 */
#ifndef ASSESS_NOTICE_INTERNAL_H
#define ASSESS_NOTICE_INTERNAL_H

#include <libxml/tree.h>
#include <cjson/cJSON.h>

#include "assess/notice.h"
#include "util/util.h"

/* ---- arena ------------------------------------------------------------- */

typedef struct nt_chunk {
    struct nt_chunk *next;
    size_t used, size;
    max_align_t data[]; /* size bytes */
} nt_chunk;

/* ---- the notice under construction --------------------------------------- */

typedef struct nt_build {
    assess_notice n;
    nt_chunk *chunks;
    assess_buf text;                 /* folded text so far */
    const assess_registry *registry; /* countries and supplier groups */
    int oom;
} nt_build;

/** Start an empty notice of `format`. */
void nt_init(nt_build *b, const assess_registry *registry,
             assess_notice_format format);
/** Free everything the notice holds; `b` can be initialised again. */
void nt_release(nt_build *b);

/** Zeroed arena memory; NULL (and b->oom) on no memory. */
void *nt_alloc(nt_build *b, size_t size);
/** Arena copy of s[0..n) with surrounding white space removed; NULL when
 *  s is NULL or only white space. */
const char *nt_strn(nt_build *b, const char *s, size_t n);
const char *nt_str(nt_build *b, const char *s);
/** Append a zeroed element of `size` to the array *items of *count
 *  elements (capacity: the next power of two); NULL on no memory. */
void *nt_push(nt_build *b, void *items, size_t *count, size_t size);
/** Append a string to a string array (skips NULL). */
void nt_push_str(nt_build *b, const char ***items, size_t *count,
                 const char *s);

/** A lot with every number "not given" (-1). */
assess_notice_lot *nt_lot(nt_build *b);
/** An award of lot `l` with its value not given. */
assess_notice_award *nt_award(nt_build *b, assess_notice_lot *l);
assess_notice_party *nt_party(nt_build *b, assess_notice_party **items,
                              size_t *count);
assess_notice_criterion *nt_criterion(nt_build *b, assess_notice_lot *l);

/* ---- normalisers -------------------------------------------------------- */

/** Add a text to the notice's folded text (NULL is ignored). */
void nt_text(nt_build *b, const char *s);
/** ISO 3166-1 alpha-2 of an alpha-2 or alpha-3 code (any case; TED's "UK"
 *  and the EU's "EL" included) or an English country name as the
 *  registry spells it, into out; 0 and "" when unknown. */
int nt_country(nt_build *b, char out[3], const char *code);
/** CPV code: 8 digits, a check digit "-d" removed; NULL otherwise. */
const char *nt_cpv(nt_build *b, const char *code);
/** Date: YYYY-MM-DD with any time or zone after it, or YYYYMMDD; NULL
 *  when not a calendar date. */
const char *nt_date(nt_build *b, const char *s);
/** A duration in months from a value and a unit (DAY, WEEK, MONTH, YEAR,
 *  any case, also d/w/m/y); -1 when the unit is unknown or value < 0.
 *  Days are 365.25/12 per month. */
double nt_months(double value, const char *unit);
/** Months from a start to an end date (YYYY-MM-DD, as nt_date gives),
 *  both days counted, at 365.25 / 12 days a month: 2024-01-01 to
 *  2024-12-31 is 366 days, 12.02 months. -1 if a date is missing or the
 *  end comes before the start. */
double nt_months_between(const char *start, const char *end);
/** Parse a decimal number (also "1 234,50" and "30 %"); -1 if none. */
double nt_number(const char *s);
/** Set an amount from text value and currency code. */
void nt_amount(nt_build *b, assess_amount *a, const char *value,
               const char *currency);
/** Set the lot's criteria_basis from its criteria. */
void nt_criteria_basis(assess_notice_lot *l);

/**
 * Finish the notice (supplier groups of every winner, the folded text) and
 * pass it to fn. Returns 1 when fn asked to stop, 0 otherwise; on no
 * memory a diagnostic naming `name` and -1.
 */
int nt_emit(nt_build *b, const char *name, const char *where,
            assess_notice_fn fn, void *ctx, assess_diags *d);

/** Write `key`: {"amount", "currency"}, or null when not given (the JSON
 *  form of notices and of batch rows). */
struct jsonw;
void nt_json_amount(struct jsonw *w, const char *key, const assess_amount *a);

/* ---- DOM helpers ---------------------------------------------------------- */

/** Local name equality of an element node. */
int nx_is(const xmlNode *node, const char *local);
/** First element child named `local`, or NULL. */
xmlNodePtr nx_child(const xmlNode *parent, const char *local);
/** Next element sibling after `node` named `local`, or NULL. */
xmlNodePtr nx_next(const xmlNode *node, const char *local);
/** Follow a path of local names separated by '/': "A/B/C". */
xmlNodePtr nx_path(const xmlNode *node, const char *path);
/** Text content of a node, trimmed, in the arena; NULL if empty. */
const char *nx_text(nt_build *b, const xmlNode *node);
/** Text of nx_path(node, path). */
const char *nx_ptext(nt_build *b, const xmlNode *node, const char *path);
/** Attribute value in the arena; NULL if absent or empty. */
const char *nx_attr(nt_build *b, const xmlNode *node, const char *name);

/* ---- the readers ---------------------------------------------------------- */

/* Each reads one parsed document (or JSON value) and emits its notices;
   the return value follows assess_notice_read(). */
assess_status nt_read_eforms(const assess_registry *reg, const char *name,
                             xmlDocPtr doc, assess_notice_fn fn, void *ctx,
                             assess_diags *d);
assess_status nt_read_ted(const assess_registry *reg, const char *name,
                          xmlDocPtr doc, assess_notice_fn fn, void *ctx,
                          assess_diags *d);
/** One OCDS JSON value: a release package, record package or release;
 *  `where` prefixes the JSON paths of its notices ("line 3" for JSON
 *  lines), may be NULL. */
assess_status nt_read_ocds(const assess_registry *reg, const char *name,
                           const char *where, const cJSON *root,
                           assess_notice_fn fn, void *ctx, assess_diags *d);

#endif
