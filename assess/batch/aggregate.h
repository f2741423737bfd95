/*
 * aggregate.h - indicators over the rows of a batch, per buyer, per buyer
 * country and per CPV group (internal; batch.c feeds it every row in
 * input order, in one run and in `assess merge` alike, so both give the
 * same numbers to the last bit).
 *
 * Only rows of award notices count (form type "result", not a change and
 * not a modification: one award per contract); in OCDS an award id counts
 * once per input file. Per scope and currency: awards and their value by
 * the home region of the winning supplier group (EU/EEA, US, CN, other,
 * unknown; a consortium counts under its first-named member), the number
 * of supplier groups, HHI (0-10,000) and CR4 (%) on the groups' value
 * shares; values are never summed across currencies (awards without a
 * value count under currency ""). Per scope: result lots with a known
 * number of tenders and those with a single tender; cloud or AI lots with
 * published award criteria and those whose criteria value sovereignty.
 * An unresolved winner is its own group (by its name key and country).
 * Memory grows with buyers, countries, CPV groups and supplier groups,
 * never with the number of notices.
 */
#ifndef ASSESS_BATCH_AGGREGATE_H
#define ASSESS_BATCH_AGGREGATE_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "assess/registry.h"

typedef struct assess_agg assess_agg;

assess_agg *assess_agg_new(const assess_registry *reg);
void assess_agg_free(assess_agg *a);
/** A new input begins (award ids are counted once per input). */
void assess_agg_input(assess_agg *a);
/** One row (a JSON lines row object of batch-row.schema.json). 0 on no
 *  memory. */
int assess_agg_row(assess_agg *a, const cJSON *row);

/** The three scopes, for writing. */
typedef enum { AGG_BUYER, AGG_COUNTRY, AGG_CPV, AGG_SCOPES } assess_agg_scope;

enum { AGG_EEA, AGG_US, AGG_CN, AGG_OTHER, AGG_UNKNOWN, AGG_REGIONS };

typedef struct assess_agg_line {
    const char *key;        /* buyer name, country or CPV group */
    const char *country;    /* the buyer's country (buyer scope) */
    const char *currency;   /* "" for awards without a value */
    double awards[AGG_REGIONS];
    double value[AGG_REGIONS];
    size_t groups;
    double hhi, cr4;        /* -1 when there is no value */
    int first;              /* the first line of its scope key: the
                               fields below are filled */
    size_t lots_known, single_bid;
    size_t cloud_with_criteria, cloud_sovereignty;
} assess_agg_line;

/** Call fn for every line of a scope, sorted by key, then currency. */
void assess_agg_each(const assess_agg *a, assess_agg_scope scope,
                     void (*fn)(void *ctx, const assess_agg_line *l),
                     void *ctx);
/** The aggregates as JSON (deterministic); -1 on a write error. */
int assess_agg_write_json(const assess_agg *a, FILE *fp);
/** The region's short name ("EU/EEA", "US", "CN", "other", "unknown"). */
const char *assess_agg_region(int r);

#endif
