/*
 * assess.h - public entry point of libassess.
 *
 * libassess scores bids for cloud and AI services against sovereignty
 * reference frameworks kept as data (the European Commission's Cloud
 * Sovereignty Framework first). This header holds what every module shares:
 * status codes, diagnostics, limits and the session facade that drives one
 * run. The CLI `assess` uses nothing but this API.
 *
 * Conventions (see README "Library"):
 *   - names are assess_<module>_<verb>; out-parameters come first;
 *   - every function that can fail returns an assess_status and appends a
 *     diagnostic to an optional `assess_diags` list; the library never
 *     prints and never exits;
 *   - objects are created with _new/_load and released with _free; whoever
 *     receives an object from a _new/_load function owns it.
 *
 * Example:
 *
 *     assess_diags d;
 *     assess_session *s = NULL;
 *     assess_diags_init(&d);
 *     if (assess_session_new(&s, NULL, &d) == ASSESS_OK &&
 *         assess_session_load_tender(s, "tender.json", &d) == ASSESS_OK) {
 *         assess_session_add_bid_file(s, "bid-a.json", &d);
 *         assess_session_finish(s);
 *         assess_session_write_json(s, stdout, &d);
 *     }
 *     assess_diags_print(&d, stderr);
 *     assess_session_free(s);
 *     assess_diags_release(&d);
 */
#ifndef ASSESS_ASSESS_H
#define ASSESS_ASSESS_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ASSESS_VERSION "0.1.0"

/*
 * Status codes. The numbers never change; each has a sentence in
 * assess_strerror(). New codes are appended.
 */
#define ASSESS_STATUS_LIST(X)                                                  \
    X(ASSESS_OK, 0, "no error")                                                \
    X(ASSESS_ERR_NOMEM, 1, "out of memory")                                    \
    X(ASSESS_ERR_IO, 2, "cannot read or write a file")                         \
    X(ASSESS_ERR_SYNTAX, 3, "malformed input")                                 \
    X(ASSESS_ERR_INVALID, 4, "input violates its format")                      \
    X(ASSESS_ERR_LIMIT, 5, "input exceeds a limit")                            \
    X(ASSESS_ERR_RULE, 6, "rule or framework error")                           \
    X(ASSESS_ERR_USAGE, 7, "invalid use of the API")

typedef enum {
#define ASSESS_X_ENUM(name, num, text) name = num,
    ASSESS_STATUS_LIST(ASSESS_X_ENUM)
#undef ASSESS_X_ENUM
} assess_status;

/** @brief The sentence for a status code; never NULL. */
const char *assess_strerror(assess_status status);

/** @brief The library version, ASSESS_VERSION. */
const char *assess_version(void);

/**
 * @brief Remove the temporary files of outputs still being written.
 *
 * Every output is written under a temporary name and renamed when
 * complete. A program that is interrupted calls this from its signal
 * handler (it is async-signal-safe: it only calls unlink()) so that nothing
 * is left beside the targets; the targets themselves are never touched.
 * The library installs no signal handler of its own; the CLI does, for
 * SIGINT, SIGTERM, SIGHUP and SIGPIPE.
 */
void assess_remove_temporary_files(void);

/*
 * Limits. Every input is bounded; exceeding a bound is ASSESS_ERR_LIMIT with
 * a message naming the limit. Documented in README "Limits".
 */
#define ASSESS_MAX_FILE_BYTES (16u * 1024u * 1024u) /* one JSON input */
#define ASSESS_MAX_JSON_DEPTH 64                    /* nesting of JSON */
#define ASSESS_MAX_STRING_BYTES (64u * 1024u)       /* one JSON string */
#define ASSESS_MAX_BIDS 10000                       /* bids in one run */
#define ASSESS_MAX_ENTITIES 1000                    /* entities in a bid */
#define ASSESS_MAX_RUNGS 16                         /* rungs of a criterion */
#define ASSESS_MAX_DIAGS 1000                       /* diagnostics kept */
#define ASSESS_MAX_EXTENSIONS 8                     /* extensions of a tender */

/*
 * Diagnostics: a list of problems, each naming the file and the place (line
 * and column or byte offset for syntax errors, a JSON path such as
 * `$.answers['SOV-2.2'].rung` for format errors).
 */
typedef struct assess_diag {
    assess_status status;
    char *file;    /* input file name, or NULL */
    long line;     /* 1-based, 0 when unknown */
    long column;   /* 1-based, 0 when unknown */
    long offset;   /* byte offset, -1 when unknown */
    char *path;    /* JSON path or XPath, or NULL */
    char *message; /* lowercase, no full stop */
} assess_diag;

typedef struct assess_diags {
    assess_diag *items;
    size_t count;
    size_t capacity;
    size_t dropped; /* diagnostics beyond ASSESS_MAX_DIAGS, counted only */
} assess_diags;

/** @brief Initialise an empty list. */
void assess_diags_init(assess_diags *d);

/** @brief Free every diagnostic; the list is empty and reusable after. */
void assess_diags_release(assess_diags *d);

/**
 * @brief Append a diagnostic. `d` may be NULL (then nothing happens).
 * @param file   file name or NULL; copied
 * @param path   JSON path or NULL; copied
 * @param fmt    printf format of the message
 * @return `status`, so that callers can `return assess_diags_add(...)`
 *         (ASSESS_ERR_NOMEM if the diagnostic itself could not be stored).
 */
assess_status assess_diags_add(assess_diags *d, assess_status status,
                               const char *file, const char *path,
                               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/**
 * @brief Append a syntax diagnostic with line, column and byte offset.
 */
assess_status assess_diags_add_at(assess_diags *d, assess_status status,
                                  const char *file, long line, long column,
                                  long offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/**
 * @brief Print every diagnostic as one line: `file:line:col: path: message`.
 * @param prefix  printed before each line (e.g. "error: "), may be NULL
 */
void assess_diags_print(const assess_diags *d, FILE *out, const char *prefix);

/** @brief Format one diagnostic into `buf` as assess_diags_print does. */
void assess_diag_format(const assess_diag *dg, char *buf, size_t size);

/**
 * @brief Write `size` bytes to `path` by the project's output rule: "-" is
 * standard output; a regular file is written under a temporary name beside
 * it and renamed (a failure leaves the old file untouched); a pipe or
 * device is written directly.
 */
assess_status assess_write_output(const char *path, const char *data,
                                  size_t size, assess_diags *d);

/* ------------------------------------------------------------------------ */
/* Session facade                                                           */
/* ------------------------------------------------------------------------ */

typedef struct assess_session assess_session;

/**
 * @brief Create a session reading rules and data from `rules_dir`.
 * @param rules_dir  the `rules/` directory; NULL picks, in order,
 *        $ASSESS_RULES, `<prefix>/share/assess/rules` next to the installed
 *        library, then the source tree the library was built from.
 * @return ASSESS_OK, ASSESS_ERR_NOMEM or ASSESS_ERR_IO (no rules directory).
 * The caller owns *out and frees it with assess_session_free().
 */
assess_status assess_session_new(assess_session **out, const char *rules_dir,
                                 assess_diags *d);

/** @brief Free a session and everything it owns; NULL is allowed. */
void assess_session_free(assess_session *s);

/** @brief The rules directory the session reads. Owned by the session. */
const char *assess_session_rules_dir(const assess_session *s);

/**
 * @brief Load the tender profile, its framework and its class defaults.
 * Errors name the file and the JSON path. Must be called once, before bids.
 */
assess_status assess_session_load_tender(assess_session *s, const char *path,
                                         assess_diags *d);

/**
 * @brief Screen every ownership chain against the EU consolidated
 * financial sanctions list in `path` (the Commission's XML). Without a
 * list, gates that screen are "unknown" and the results say "not
 * screened". Call before adding bids.
 */
assess_status assess_session_load_sanctions(assess_session *s,
                                            const char *path, assess_diags *d);

/**
 * @brief Read, validate and score one bid declaration.
 *
 * A bid that cannot be read or validated is recorded as failed (its file and
 * first error appear in the results' `failed_inputs`) and its diagnostics are
 * appended to `d`; the session stays usable for the other bids.
 * @return ASSESS_OK when the bid was scored, else the error status.
 */
assess_status assess_session_add_bid_file(assess_session *s, const char *path,
                                          assess_diags *d);

/**
 * @brief As assess_session_add_bid_file() for a file found in a directory:
 * a JSON value without a top-level "answers" member is not a bid and is
 * skipped (*skipped set to 1, ASSESS_OK). A file that cannot be read or
 * parsed is a failed bid, never skipped. The file is parsed once.
 */
assess_status assess_session_scan_bid_file(assess_session *s, const char *path,
                                           int *skipped, assess_diags *d);

/**
 * @brief Record engine traces for assess_session_explain() (default off:
 * a run of many bids keeps only results). Call before or after loading the
 * tender, before adding bids.
 */
void assess_session_set_trace(assess_session *s, int on);

/** @brief As assess_session_add_bid_file() for a bid held in memory. */
assess_status assess_session_add_bid_buffer(assess_session *s,
                                            const char *name, const char *data,
                                            size_t size, assess_diags *d);

/**
 * @brief Rank the scored bids per lot (gate-passing bids by score, ties share
 * a rank). Call after the last bid; calling again is harmless.
 */
void assess_session_finish(assess_session *s);

/** @brief Number of bids scored and of inputs that failed. */
size_t assess_session_bid_count(const assess_session *s);
size_t assess_session_failed_count(const assess_session *s);

/**
 * @brief For scripts (`score --fail-on`): 1 when what `condition` names was
 * found: "gate" (a bid failed a gate) or a severity name ("high": a flag of
 * that severity or worse, in any framework); 0 when not; -1 when the
 * condition is neither.
 */
int assess_session_fail_on(const assess_session *s, const char *condition);

/**
 * @brief Write the results JSON (README "Results JSON") to `out`.
 * @return ASSESS_OK, ASSESS_ERR_NOMEM or ASSESS_ERR_IO.
 */
assess_status assess_session_write_json(assess_session *s, FILE *out,
                                        assess_diags *d);

/**
 * @brief Write the results JSON to a path: "-" is standard output; a regular
 * file is written under a temporary name and renamed, so a failure never
 * leaves a half file or destroys the previous one; a pipe or device is
 * written directly.
 */
assess_status assess_session_write_json_file(assess_session *s,
                                             const char *path, assess_diags *d);

/**
 * @brief Write the trace of one criterion (or all when `criterion` is NULL)
 * for the bid with id `bid_id`, as text (json == 0) or JSON.
 * @return ASSESS_ERR_INVALID when the bid or criterion is unknown.
 */
assess_status assess_session_explain(assess_session *s, FILE *out,
                                     const char *bid_id, const char *criterion,
                                     int json, assess_diags *d);

/**
 * @brief Check one rules or input file and report every problem.
 * The kind is detected from the content: a framework (`"format":
 * "assess-framework/1"`), a class default, a tender profile or a bid.
 * @return ASSESS_OK when the file is clean.
 */
assess_status assess_lint_file(const char *path, const char *rules_dir,
                               assess_diags *d);

#ifdef __cplusplus
}
#endif

#endif
