/*
 * batch.h - read whole archives of published notices: files, directories
 * and packages (.tar.gz, .tgz, .zip, also .tar, .gz, .bz2, .xz; told by
 * content), read in place with libarchive, in parallel, into one row per
 * notice and lot, written to a workbook and to JSON lines.
 *
 * Nothing is lost: every file and archive member found is either processed
 * or listed as failed with its reason, three ways (a line on `log`, an
 * error record in the JSON lines, a row of the errors sheet). A broken
 * input never stops the run. Rows come out in the order of the inputs
 * (directories sorted by name, archive members in archive order), whatever
 * the number of jobs.
 *
 * Example:
 *
 *     assess_batch_options o = {.xlsx = "archive.xlsx", .jobs = 4};
 *     assess_batch_stats st;
 *     const char *paths[] = {"ted-2024-01.tar.gz", "notices/"};
 *     if (assess_session_batch(s, paths, 2, &o, &st, &d) == ASSESS_OK &&
 *         st.failed == 0)
 *         puts("every input read");
 */
#ifndef ASSESS_BATCH_H
#define ASSESS_BATCH_H

#include <stdio.h>

#include "assess/assess.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ASSESS_MAX_JOBS 256
#define ASSESS_MAX_DIR_DEPTH 64         /* directories inside directories */
#define ASSESS_XLSX_MAX_ROWS 1048576L   /* Excel's rows per sheet */

typedef struct assess_batch_options {
    const char *xlsx;    /* workbook to write, or NULL */
    const char *jsonl;   /* JSON lines to write ("-": standard output), or
                            NULL */
    const char *lang;    /* labels of the workbook: "en" (default) or "nl" */
    const char *checks;  /* archive checks file; NULL: the rules'
                            checks/archive.json */
    int jobs;            /* worker threads, 1 ..ASSESS_MAX_JOBS (0: 1) */
    long sheet_rows;     /* data rows per sheet before the next sheet
                            begins; 0: ASSESS_XLSX_MAX_ROWS - 1 */
    const char *aggregates; /* the aggregates as JSON, or NULL */
    const char *part;    /* the partial state for `assess merge`, or NULL */
    int shard_k, shard_n; /* --shard K/N: the inputs whose path hashes to
                            slice K of N; 0/0 for all */
    FILE *log;           /* a line per failed input, or NULL */
    FILE *progress;      /* a progress line, rewritten in place (a
                            terminal), or NULL */
} assess_batch_options;

typedef struct assess_batch_stats {
    size_t found;        /* files and archive members found */
    size_t processed;    /* read completely */
    size_t failed;       /* found - processed: each listed with a reason */
    size_t notices;      /* notices delivered (a package holds several) */
    size_t rows;
    size_t sheets;       /* notice sheets in the workbook */
    unsigned long long bytes; /* bytes of the input files */
    double seconds;
} assess_batch_stats;

/**
 * @brief Read every notice under `paths` and write the rows.
 *
 * The session gives the rules (the registry resolves winners to supplier
 * groups) and the labels. Returns ASSESS_OK when the run completed, even
 * if inputs failed (see stats->failed; the CLI then exits 1); an error
 * status when an output cannot be written (no output file is then left
 * behind, and an earlier one is untouched) or the options are invalid.
 */
struct assess_session;
assess_status assess_session_batch(struct assess_session *s,
                                   const char *const *paths, size_t n_paths,
                                   const assess_batch_options *o,
                                   assess_batch_stats *stats,
                                   assess_diags *d);

/**
 * @brief Merge the partial states (`--part`) of the N shards of one batch
 * into the outputs of `o` (xlsx, jsonl, aggregates): the same rows in the
 * same order, the same counts and aggregates as one run over everything.
 * Every shard 1..N must be given once, all from the same paths; a missing,
 * repeated or foreign part is ASSESS_ERR_INVALID naming it.
 */
assess_status assess_session_merge(struct assess_session *s,
                                   const char *const *parts, size_t n_parts,
                                   const assess_batch_options *o,
                                   assess_batch_stats *stats,
                                   assess_diags *d);

#ifdef __cplusplus
}
#endif
#endif
