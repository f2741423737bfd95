/*
 * engine.h - evaluate a framework's criteria for one bid, and score them.
 *
 * Stages (each reads only the previous stage's output):
 *
 *   engine   criterion levels: the declared rung, capped or derived by fact
 *            rules (XPath 1.0 over the bid's fact document), an outcome, a
 *            trace of every fact and condition, flags and evidence gaps;
 *   score    objective points and SEAL (weakest link), the Sovereignty
 *            Score under a weight profile, and the gates of the bid's lot;
 *   rank     gate-passing bids of a lot ranked by score.
 *
 * An engine holds compiled XPath expressions. libxml2 2.9 writes into a
 * compiled expression while evaluating it, so an engine serves one thread;
 * create one per thread over the same (read-only) framework.
 */
#ifndef ASSESS_ENGINE_H
#define ASSESS_ENGINE_H

#include "assess/bid.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Rule outcomes, apart from errors of the program (OpenSCAP's habit). */
typedef enum {
    ASSESS_OUTCOME_PASS = 0,       /* the best rung */
    ASSESS_OUTCOME_PARTIAL,        /* a rung between the worst and the best */
    ASSESS_OUTCOME_FAIL,           /* the worst rung */
    ASSESS_OUTCOME_UNKNOWN,        /* no answer and nothing derived */
    ASSESS_OUTCOME_NOT_APPLICABLE, /* an `applies` rule said no */
    ASSESS_OUTCOME_ERROR           /* a rule could not be evaluated */
} assess_outcome;

/** @brief "pass", "partial", "fail", "unknown", "not-applicable", "error". */
const char *assess_outcome_name(assess_outcome o);

typedef enum {
    ASSESS_RUNG_NONE = 0, /* no rung */
    ASSESS_RUNG_DECLARED, /* the bid's answer */
    ASSESS_RUNG_DERIVED,  /* computed from facts */
    ASSESS_RUNG_CAPPED,   /* the declared rung lowered by a cap */
    ASSESS_RUNG_POLICY    /* unanswered, counted as worst by the policy */
} assess_rung_source;

/** @brief "none", "declared", "derived", "capped", "policy". */
const char *assess_rung_source_name(assess_rung_source s);

/** One step of a criterion's trace, for `assess explain`. */
typedef struct assess_trace_step {
    char *kind;  /* answer | need | condition | cap | derive | applies | flag */
    char *rule;  /* rule id or NULL */
    char *expr;  /* XPath or NULL */
    char *value; /* the value it gave, as text */
} assess_trace_step;

typedef struct assess_flag {
    char *family;
    char *code;
    assess_severity severity;
    char *criterion; /* criterion id, gate id, or NULL for the bid's chain */
    assess_text message;
    char **path;     /* entity names from the tenderer upward */
    size_t n_path;
    char **laws;     /* registry law ids, sorted, unique */
    size_t n_laws;
    char *basis;
} assess_flag;

typedef enum {
    ASSESS_GATE_PASS = 0,
    ASSESS_GATE_FAIL,
    ASSESS_GATE_UNKNOWN, /* a fact or the sanctions list is missing */
    ASSESS_GATE_ERROR    /* the gate's rule could not be evaluated */
} assess_gate_status;

/** @brief "passed", "failed", "unknown", "error". */
const char *assess_gate_status_name(assess_gate_status s);

/** The outcome of one framework gate (sanctions, Russia 5k, ...). */
typedef struct assess_gate_check {
    char *id;
    assess_gate_status status;
    assess_text reason;  /* why it failed or is unknown; the gate's purpose
                            when it passed */
} assess_gate_check;

typedef struct assess_gap {
    char *criterion;
    assess_text reason;
} assess_gap;

typedef struct assess_crit_result {
    int declared;  /* declared rung, -1 when unanswered */
    int rung;      /* rung that counts, -1 when none */
    assess_rung_source source;
    assess_outcome outcome;
    long points_centi;
    int seal;      /* SEAL of the counted rung, -1 when it takes no part */
    const char *evidence; /* borrowed from the bid */
    assess_confidence confidence;
    assess_trace_step *trace;
    size_t n_trace;
} assess_crit_result;

typedef struct assess_objective_result {
    long points_centi;
    int seal;        /* -1: no answered criterion (JSON null) */
    size_t *binding; /* criterion indices at the objective's minimum */
    size_t n_binding;
} assess_objective_result;

typedef struct assess_gate_failure {
    char *gate;      /* "min-seal:SOV-2", "unanswered", "rule-error" */
    assess_gate_source source;
    int required;    /* -1 when not a level */
    int actual;      /* -1 when null */
    assess_text reason;
    size_t *criteria;
    size_t n_criteria;
} assess_gate_failure;

typedef struct assess_result {
    const assess_bid *bid;     /* borrowed */
    const assess_lot *lot;     /* borrowed */
    assess_crit_result *crit;  /* one per framework criterion */
    size_t n_crit;
    assess_objective_result objectives[ASSESS_MAX_OBJECTIVES];
    long long weighted;        /* sum of weight% x centi-points, exact */
    int seal;                  /* -1: nothing answered */
    int gate_passed;           /* gate_status == ASSESS_GATE_PASS */
    assess_gate_failure *failures;
    size_t n_failures;
    assess_gap *gaps;
    size_t n_gaps;
    assess_flag *flags;
    size_t n_flags;
    assess_gate_check *checks; /* one per framework gate */
    size_t n_checks;
    assess_gate_status gate_status; /* failed > error > unknown > passed */
    char **chain;              /* the tenderer's resolved chain, labels */
    size_t n_chain;
    long rank;                 /* sovereignty rank in the lot, 0: none */
} assess_result;

/** @brief Free what a flag owns. */
void assess_flag_release(assess_flag *f);

/** @brief Free what a result owns (not the bid or lot); NULL allowed. */
void assess_result_release(assess_result *r);

/**
 * @brief Sovereignty Score in percent: weighted / (nominal x 100) x 100.
 * With the CSF (nominal 1000) a maximal answer set gives 100.0756.
 */
double assess_result_score_percent(const assess_result *r,
                                   const assess_framework *fw);

/* ------------------------------------------------------------------------ */

typedef struct assess_engine assess_engine;

/** Country groups and risk classes used by sov: functions (registry). */
typedef struct assess_groups assess_groups;

/**
 * @brief Load the country groups of rules/registry/countries.json.
 * The caller owns *out (assess_groups_free()).
 */
assess_status assess_groups_load(assess_groups **out, const char *path,
                                 assess_diags *d);
void assess_groups_free(assess_groups *g);
/** @brief 1 if `country` (alpha-2) is in `group`, 0 if not, -1 if the group
 *  is unknown. */
int assess_groups_has(const assess_groups *g, const char *group,
                      const char *country);
/** @brief 1 if the alpha-2 code names a country of the registry. */
int assess_groups_country_exists(const assess_groups *g, const char *country);

typedef struct assess_registry assess_registry;   /* registry.h */
typedef struct assess_sanctions assess_sanctions; /* registry.h */
typedef struct assess_portfolio assess_portfolio; /* registry.h */

/**
 * @brief Compile every rule expression of `fw` for one thread.
 * `reg` may be NULL (sov:in-group then raises an XPath error, chains are
 * the declared ones). Both are borrowed and must outlive the engine.
 */
assess_status assess_engine_new(assess_engine **out, const assess_framework *fw,
                                const assess_registry *reg, assess_diags *d);
void assess_engine_free(assess_engine *e);

/** @brief Screen chains against this list (borrowed; NULL: not screened,
 *  and gates that require a list are unknown). */
void assess_engine_set_sanctions(assess_engine *e, const assess_sanctions *s);

/**
 * @brief Check every rule by a dry evaluation on an empty fact document:
 * unknown functions or groups, a bare path used as a test (true whenever
 * the element exists, also for "false"), a derived rung that is not a
 * number, a flag path that is not a node-set. For `assess lint`.
 */
assess_status assess_engine_check(assess_engine *e, assess_diags *d);

/** @brief The buyer's portfolio for sov:portfolio-share() (borrowed; NULL:
 *  none, and the function gives -1). */
void assess_engine_set_portfolio(assess_engine *e, const assess_portfolio *p);

/** @brief Raise the EVIDENCE flags of chain conflicts (default on). An
 *  extension framework scored beside the main one turns them off, so that
 *  each conflict is reported once. */
void assess_engine_set_chain_flags(assess_engine *e, int on);

/** @brief Record traces (default on); off saves memory in bulk runs. */
void assess_engine_set_trace(assess_engine *e, int on);

/**
 * @brief Evaluate every criterion of the framework for `bid` into `res`
 * (criterion levels, outcomes, traces, flags, evidence gaps). The bid must
 * have passed assess_bid_validate(). `res` is overwritten.
 */
assess_status assess_engine_evaluate(assess_engine *e, const assess_bid *bid,
                                     const assess_tender *tender,
                                     assess_result *res, assess_diags *d);

/**
 * @brief Score an evaluated result: points, SEAL per objective and overall
 * with binding criteria, the Sovereignty Score under `profile`, the
 * unknown-answer policy and the gates of the bid's lot.
 */
assess_status assess_score_result(assess_result *res, const assess_framework *fw,
                                  const assess_tender *tender, size_t profile);

/**
 * @brief Rank results per lot: bids whose gates did not fail (passed, or
 * unknown: not screened) by `weighted`, highest first; equal scores share a
 * rank (1, 1, 3); failing bids get rank 0.
 */
void assess_rank_results(assess_result **res, size_t n);

#ifdef __cplusplus
}
#endif

#endif
