/*
 * session_internal.h - the session's state, shared by the facade
 * (session.c) and the reporters (report/), which read results and never
 * evaluate. Not installed.
 */
#ifndef ASSESS_SESSION_INTERNAL_H
#define ASSESS_SESSION_INTERNAL_H

#include "assess/engine.h"
#include "assess/registry.h"
#include "score/award.h"

typedef struct failed_input {
    char *file;
    char *error;
} failed_input;

typedef struct used_file {
    char *kind;
    char *file;
    char sha256[65];
    char *version; /* framework version, registry "as of" date, list
                      generation date, bid id; NULL when none */
} used_file;

/* An extension framework scored beside the main one (issue 5): its
   engine, and per lot of the tender its weight profile and the gates that
   apply, each with where it came from. */
typedef struct ext_state {
    assess_framework *fw;
    assess_engine *engine;
    size_t *profile;                 /* [lot] index into fw->profiles */
    assess_gate_source *weights_src; /* [lot] */
    assess_gate_source *gate_src;    /* [lot * fw->n_gates + g]; NONE: off */
} ext_state;

struct assess_session {
    char *rules_dir;
    assess_tender *tender;
    assess_framework *fw;
    assess_registry *reg;
    assess_sanctions *sanctions;
    assess_portfolio *portfolio;
    assess_engine *engine;
    size_t profile;
    assess_bid **bids;
    assess_result **results;
    size_t n_bids, cap_bids, cap_results;
    failed_input *failed;
    size_t n_failed, cap_failed;
    used_file *used;
    size_t n_used, cap_used;
    int incomplete; /* out of memory recording a used file or ranking */
    ext_state *ext;        /* the tender's extensions */
    size_t n_ext;
    assess_result **ext_results; /* [bid * n_ext + k] */
    size_t cap_ext_results;
    award_scores *scores;  /* evaluator scores of the award, or NULL */
    award_bid *award;      /* [bid] after finish, when the tender has an award */
    double *award_crit;    /* [bid * n_criteria + k] */
    award_lot_diag *award_diag; /* [lot] */
    assess_ext_setting **class_ext; /* [lot] the class file's settings */
    size_t *n_class_ext;
    char **ids;            /* hash set of bid ids (open addressing) */
    size_t ids_cap;
    int trace;
    int finished;
};

/* Finish the session if not yet; refuse (no tender, or results an
   allocation failure left incomplete) before anything is written. */
assess_status assess_session_ready(assess_session *s, assess_diags *d);

#endif
