/*
 * award.h - the award: price and quality combined by the method the tender
 * published, knock-outs, rounding and tie-breaks (internal; the session
 * feeds it and writes its results).
 *
 * Stages, after the sovereignty scoring (procurement-methods.md, proposed
 * pipeline steps 2-6 and 9):
 *   knock-outs   a failed gate, no price, a price above the ceiling, a
 *                quality below the minimum: the bid leaves every reference
 *                set (lowest price, highest price)
 *   quality      Q = sum w_k s_k / sum w_k over the quality criteria, each
 *                s_k on 0..100
 *   price score  absolute between fixed bounds (default), lowest/price,
 *                linear between lowest and highest, or the log formula
 *   total        weighted: w_P PS + sum w_k s_k (percent weights, 0..100);
 *                value for money: Q / P; monetised: P - sum V_k s_k/100
 *   rank         per lot on the total (rounded as published, or not), then
 *                the published tie-breaks
 */
#ifndef ASSESS_SCORE_AWARD_H
#define ASSESS_SCORE_AWARD_H

#include "assess/bid.h"

/* Evaluator scores: "assess-scores/1", {"scale": {"min", "max"},
   "scores": [{"bid", "criterion", "evaluator", "score", "reason"}]}. */
typedef struct award_scores award_scores;

assess_status assess_award_scores_load(award_scores **out, const char *path,
                                       assess_diags *d);
assess_status assess_award_scores_parse(award_scores **out, const char *name,
                                        const char *data, size_t size,
                                        assess_diags *d);
void assess_award_scores_free(award_scores *s);
const char *assess_award_scores_file(const award_scores *s);
const char *assess_award_scores_sha256(const award_scores *s);

/* The combined score of one bid on one criterion, 0..100 on the file's
   scale: the mean of the evaluators, or the evaluator "consensus". NAN
   when there is none. */
double assess_award_scores_value(const award_scores *s, const char *bid,
                                 const char *criterion, int consensus);

/* An override after a clarification: the award criterion's score of one
   bid replaced by `value` (0..100), with who, why and when. */
typedef struct award_override {
    const char *bid, *criterion, *reason, *evaluator, *date;
    double value;
} award_override;

/* The override of a bid's criterion, or NULL. */
const award_override *assess_award_override(const award_scores *s, const char *bid,
                                            const char *criterion);

/* 1 when some bid is scored on the criterion. */
int assess_award_scores_has(const award_scores *s, const char *criterion);

/* Every evaluator's score and reason for a bid and criterion, in file order;
   returns how many were found (at most max). */
typedef struct award_score_row {
    const char *evaluator;
    double score;   /* normalised 0..100 */
    const char *reason;
} award_score_row;
size_t assess_award_scores_rows(const award_scores *s, const char *bid,
                                const char *criterion, award_score_row *out,
                                size_t max);

/* One bid as the award sees it; the caller fills everything but the
   outputs. */
typedef struct award_bid {
    const char *id;
    long lot;             /* index of the lot, -1 when none */
    int has_price;
    double price;
    int wrong_currency;   /* priced in another currency than the basis */
    int gate_failed;
    int category;         /* 0 EU/EEA, 1 covered by the GPA, 2 not covered */
    const double *crit;   /* per award criterion, 0..100, NAN: not scored */
    /* outputs */
    int eligible;
    char knock_out[256];  /* why not eligible */
    double quality;       /* 0..100 */
    double evaluated_price; /* the price the formulas use (price factor) */
    double price_score;   /* 0..100; NAN for methods without one */
    double total;         /* the method's figure */
    double total_rounded;
    long rank;            /* 1.., 0: not ranked */
    char tie_break[64];   /* the rule that decided against an equal bid */
    /* diagnostics, which never change the result */
    int abnormally_low;   /* price below the lot median x the fraction */
    long without_winner;  /* removing this bid makes that bid the winner
                             (index), -1: the winner stays */
} award_bid;

/* Diagnostics of one lot's award (never change the result). */
typedef struct award_lot_diag {
    long lot;
    long winner;          /* bid index, -1 when none */
    int stable;           /* no removal of a non-winning bid changes it */
    /* weight sensitivity: the smallest change, in percentage points, of one
       weight (the others scaled to keep 100) that changes the winner, and
       which weight; 0 when no change up to 100 points does */
    int sensitivity;
    char sensitive_to[64];
    long without_preference;  /* the winner without any preference step */
    long without_uav;         /* the winner without union added value */
} award_lot_diag;

/* Rank stability (remove each non-winning eligible bid and rank again),
   weight sensitivity and abnormally low prices, per lot. `diag` has room
   for n_lots entries. */
void assess_award_diagnose(const assess_award *a, award_bid *bids, size_t n,
                           award_lot_diag *diag, size_t n_lots);

/* Knock-outs, scores, totals and ranks for every bid (per lot). */
void assess_award_rank(const assess_award *a, award_bid *bids, size_t n);

/* Round as the tender publishes: `decimals`, half up (away from zero) or
   half to even. */
double assess_award_round(double x, int decimals, int half_even);

#endif
