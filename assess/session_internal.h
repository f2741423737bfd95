/*
 * session_internal.h - the session's state, shared by the facade
 * (session.c) and the reporters (report/), which read results and never
 * evaluate. Not installed.
 */
#ifndef ASSESS_SESSION_INTERNAL_H
#define ASSESS_SESSION_INTERNAL_H

#include "assess/engine.h"
#include "assess/registry.h"

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

struct assess_session {
    char *rules_dir;
    assess_tender *tender;
    assess_framework *fw;
    assess_registry *reg;
    assess_sanctions *sanctions;
    assess_engine *engine;
    size_t profile;
    assess_bid **bids;
    assess_result **results;
    size_t n_bids, cap_bids, cap_results;
    failed_input *failed;
    size_t n_failed, cap_failed;
    used_file *used;
    size_t n_used, cap_used;
    char **ids;            /* hash set of bid ids (open addressing) */
    size_t ids_cap;
    int trace;
    int finished;
};

#endif
