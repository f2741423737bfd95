/*
 * notice.h - published tender notices read into one fact vocabulary.
 *
 * Three formats, told apart by content (never by file name):
 *   eForms   UBL 2.3 notices of every kind (prior information, contract,
 *            award, VEAT, modification, change, design contest, ...)
 *   TED      the older TED_EXPORT XML, R2.0.8 and R2.0.9, forms F01-F25
 *            and the defence forms, with CODED_DATA_SECTION as fallback
 *   OCDS     JSON release packages, record packages (compiled release,
 *            else each embedded release), a bare release, and JSON lines
 *            of releases
 *
 * Whatever the format, a notice becomes an assess_notice: the same fields,
 * the same codes, normalised for rules (dates YYYY-MM-DD, countries ISO
 * 3166-1 alpha-2, CPV codes of 8 digits without check digit, durations in
 * months, text case-folded). templates/notice.schema.json documents the
 * JSON form written by assess_notice_write_json(); README "Notice facts"
 * gives the source field of every member per format.
 *
 * XML is parsed without network, entity expansion or DTD loading; a
 * DOCTYPE with an internal subset is refused. JSON is parsed strictly
 * (duplicate keys, non-finite numbers and invalid UTF-8 are errors).
 *
 * A reader is cheap and belongs to one thread; the registry it borrows is
 * read-only and may be shared by many readers.
 *
 * Example:
 *
 *     static int print(void *ctx, const assess_notice *n) {
 *         assess_notice_write_json(n, ctx, 0);
 *         return 0;
 *     }
 *     ...
 *     assess_notice_reader *r = NULL;
 *     if (assess_notice_reader_new(&r, registry, &d) == ASSESS_OK)
 *         assess_notice_read(r, "notice.xml", data, size, print, stdout, &d);
 *     assess_notice_reader_free(r);
 */
#ifndef ASSESS_NOTICE_H
#define ASSESS_NOTICE_H

#include <stdio.h>

#include "assess/assess.h"
#include "assess/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits of one notice input (README "Limits"). */
#define ASSESS_MAX_NOTICE_BYTES (64u * 1024u * 1024u) /* one file or member */
#define ASSESS_MAX_NOTICE_LOTS 10000                   /* lots in a notice */
#define ASSESS_MAX_NOTICE_TEXT (256u * 1024u)          /* folded text */
#define ASSESS_MAX_AMOUNT 1e15 /* a larger amount is taken as not given */

typedef enum {
    ASSESS_NOTICE_EFORMS = 1,
    ASSESS_NOTICE_TED,
    ASSESS_NOTICE_OCDS
} assess_notice_format;

/** @brief "eforms", "ted" or "ocds". */
const char *assess_notice_format_name(assess_notice_format f);

/** An amount of money; `value` < 0 when not given. */
typedef struct assess_amount {
    double value;
    char currency[4]; /* ISO 4217, "" when not given */
} assess_amount;

/** A buyer or a winner. */
typedef struct assess_notice_party {
    const char *name;          /* as published */
    char country[3];           /* alpha-2, "" when not given or unknown */
    const char **ubo;          /* beneficial owners' nationalities, alpha-2 */
    size_t n_ubo;
    /* the supplier group (winners only): the registry entity the name
       matched, followed to its ultimate parent on the publication date;
       NULL when the registry does not know the winner */
    const char *group;         /* registry id of the ultimate parent */
    const char *group_name;
    char group_country[3];     /* its headquarters, else incorporation */
    const char *matched;       /* registry id of the entity that matched */
} assess_notice_party;

/** A contract awarded in a lot: who won it and for how much. */
typedef struct assess_notice_award {
    const char *id;            /* contract id (eForms CON-, TED contract
                                  number, OCDS award id), NULL if none */
    assess_notice_party *winners;
    size_t n_winners;
    assess_amount value;
    const char *date;          /* conclusion date, NULL when not given */
} assess_notice_award;

/** An award criterion. */
typedef struct assess_notice_criterion {
    const char *type;          /* "price", "cost" or "quality" */
    const char *name;
    const char *description;
    double weight;             /* < 0 when not given */
    const char *weight_kind;   /* eForms number-weight code ("per-exa",
                                  "poi-exa", "ord-imp", ...), or NULL */
} assess_notice_criterion;

typedef struct assess_notice_lot {
    const char *id;            /* LOT-0001, TED lot number, OCDS lot id;
                                  NULL: a notice without lots */
    const char *title;
    const char *description;
    const char *cpv_main;      /* the lot's own, else the notice's */
    const char **cpv_additional;
    size_t n_cpv_additional;
    assess_amount estimated;
    const char *criteria_basis; /* "price", "cost", "quality", "mixed",
                                   "documents" (only in the documents) or
                                   NULL when not given */
    assess_notice_criterion *criteria;
    size_t n_criteria;
    long tenders_received;     /* -1 when not given */
    double duration_months;    /* -1 when not given */
    int renewal;               /* -1 not given, 0 no, 1 yes */
    long max_renewals;         /* -1 when not given */
    int framework_agreement;   /* -1 not given, 0 no, 1 yes */
    int result;                /* -1 no result in this notice, 0 no winner
                                  (closed, unsuccessful), 1 awarded */
    assess_notice_award *awards;
    size_t n_awards;
} assess_notice_lot;

typedef struct assess_notice {
    assess_notice_format format;
    const char *format_version;  /* "eforms-sdk-1.10", "R2.0.9.S03.E01",
                                    "1.1" ... or NULL */
    const char *id;              /* notice id (eForms BT-701, TED DOC_ID,
                                    OCDS release id) */
    const char *publication_number; /* OJ S number "00123456-2024", TED
                                    "209416-2020"; NULL when unpublished */
    const char *procedure_id;    /* eForms BT-04, TED -, OCDS ocid */
    const char *notice_type;     /* eForms BT-02 code (TED mapped to it);
                                    OCDS: the release tags, "+"-joined */
    const char *form_type;       /* eForms BT-03 code: planning,
                                    competition, dir-awa-pre, result,
                                    cont-modif, completion, bri; "change"
                                    for TED corrigenda */
    const char *subtype;         /* eForms OPP-070, TED form ("F03_2014") */
    const char *publication_date;
    const char *dispatch_date;
    const char *language;        /* ISO 639-1 lower case where known */
    const char *changes;         /* id of the notice this one changes */
    assess_notice_party *buyers;
    size_t n_buyers;
    const char *title;
    const char *description;
    const char *nature;          /* "works", "supplies", "services" */
    const char *cpv_main;
    const char **cpv_additional;
    size_t n_cpv_additional;
    const char *procedure_type;  /* eForms BT-105 code: open, restricted,
                                    neg-w-call, neg-wo-call, comp-dial,
                                    innovation, oth-single, oth-mult, ... */
    const char **direct_award;   /* justification codes of an award
                                    without publication (eForms BT-136
                                    codes: technical, exclusive, urgency,
                                    ...) */
    size_t n_direct_award;
    const char *direct_award_text;
    assess_amount estimated;
    assess_notice_lot *lots;
    size_t n_lots;
    const char *text;            /* every title, description, note and
                                    criterion of the notice, case-folded
                                    (lower case, diacritics removed, white
                                    space collapsed), for keyword rules */
} assess_notice;

/** Called once per notice read; the notice is valid during the call only.
 *  `where` names the place inside the input for formats holding several
 *  notices (`$.releases[3]`; in JSON lines `line 12`, or
 *  `line 12 $.releases[0]` for a package on that line); NULL for an input
 *  that is one notice (an XML notice, a bare release). Return 0 to go on,
 *  anything else to stop reading the input. */
typedef int (*assess_notice_fn)(void *ctx, const assess_notice *n,
                                const char *where);

typedef struct assess_notice_reader assess_notice_reader;

/**
 * @brief A reader that normalises countries and resolves winners to
 * supplier groups with `registry` (borrowed; must outlive the reader).
 * ASSESS_ERR_NOMEM on no memory; the caller frees *out.
 */
assess_status assess_notice_reader_new(assess_notice_reader **out,
                                       const assess_registry *registry,
                                       assess_diags *d);
void assess_notice_reader_free(assess_notice_reader *r);

/**
 * @brief Detect the format of `data` and call `fn` for every notice in it.
 * `name` names the input in diagnostics. Errors: ASSESS_ERR_SYNTAX (not
 * well-formed, a DOCTYPE, not JSON), ASSESS_ERR_INVALID (not a notice of a
 * known format, a notice missing its identity), ASSESS_ERR_LIMIT (a
 * bound), each with a diagnostic naming `name` and the place. A container
 * of several notices (an OCDS package) reports every bad notice and still
 * delivers the good ones; the status is then the first error.
 */
assess_status assess_notice_read(assess_notice_reader *r, const char *name,
                                 const char *data, size_t size,
                                 assess_notice_fn fn, void *ctx,
                                 assess_diags *d);

/** @brief assess_notice_read() on the bytes of the file at `path`
 *  (at most ASSESS_MAX_NOTICE_BYTES); ASSESS_ERR_IO if it cannot be read. */
assess_status assess_notice_read_file(assess_notice_reader *r,
                                      const char *path, assess_notice_fn fn,
                                      void *ctx, assess_diags *d);

/** @brief Write the notice as one JSON object (templates/notice.schema.json);
 *  `compact` writes one line. Returns 0, or -1 on a write error. */
int assess_notice_write_json(const assess_notice *n, FILE *fp, int compact);

#ifdef __cplusplus
}
#endif
#endif
