/*
 * sink.h - where the results of a batch go (internal): the JSON lines, the
 * workbook (rows in constant-memory mode, errors, aggregates, summary),
 * the aggregates JSON, the partial state of a shard, the failure lines and
 * the progress line. One run feeds it from its writer thread, `assess
 * merge` from the partial states of the shards; both feed it the same
 * records in the same order, so both give the same files.
 *
 * A record is an input (a file or archive member: how many notices it
 * gave, whether it failed) followed by its lines: JSON lines rows and,
 * for a failed input, its error record.
 */
#ifndef ASSESS_BATCH_SINK_H
#define ASSESS_BATCH_SINK_H

#include "assess/batch.h"
#include "assess/registry.h"

typedef struct assess_sink assess_sink;

/** The position of an input in the whole run: the index of its file among
 *  all files found under the paths, and of the member in its archive. */
typedef struct assess_seq {
    unsigned long long file, member;
} assess_seq;

/**
 * Open every output `o` asks for. `paths` are the paths of the whole run
 * (written into a partial state and the summary); `shard` K/N (0/0 for a
 * run that is not sharded); `total_bytes` for the progress line.
 */
assess_status assess_sink_open(assess_sink **out, struct assess_session *s,
                               const assess_registry *reg,
                               const assess_batch_options *o,
                               const char *const *paths, size_t n_paths,
                               unsigned long long total_bytes,
                               assess_diags *d);
/** An input begins. */
void assess_sink_input(assess_sink *k, assess_seq seq, const char *source,
                       const char *member, size_t notices, int failed,
                       unsigned long long weight);
/** One JSON lines record of the current input (no newline). */
void assess_sink_line(assess_sink *k, const char *line, size_t len);
/** Finish: write the last sheets and rename every output into place;
 *  stats as counted. On error nothing is left behind. Frees k. */
assess_status assess_sink_close(assess_sink *k, assess_batch_stats *stats,
                                assess_diags *d);
/** Drop every output (after an error). Frees k. */
void assess_sink_abort(assess_sink *k);

/** The stats so far (for the CLI's line and the progress line). */
const assess_batch_stats *assess_sink_stats(const assess_sink *k);

#endif
