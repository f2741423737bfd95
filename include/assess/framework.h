/*
 * framework.h - a sovereignty reference framework loaded from rules/.
 *
 * A framework (`rules/frameworks/<id>.json`, format "assess-framework/1")
 * holds objectives, criteria with their answer ladders (rungs, worst first,
 * each with points and a SEAL level), weight profiles and the fact rules
 * that may cap or derive a criterion's rung. The loader checks ids, ladders
 * (points strictly increasing, SEAL never decreasing), weights summing to
 * 100 and that every XPath expression compiles; it reports every problem
 * with its JSON path, so `assess lint` can show them all at once.
 *
 * Points are kept as exact hundredths ("centi-points"): the CSF calculator
 * publishes rung values with two decimals, and summing hundredths as
 * integers reproduces its totals (SOV-1 maximum 100003 = 1000.03) exactly.
 */
#ifndef ASSESS_FRAMEWORK_H
#define ASSESS_FRAMEWORK_H

#include "assess/assess.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ASSESS_MAX_OBJECTIVES 16

/** Namespace of the domain functions rules call as sov:name(...). */
#define ASSESS_SOV_NS "urn:x-assess:sov"

/** Dutch and English text; either may be NULL only where documented. */
typedef struct assess_text {
    char *en;
    char *nl;
} assess_text;

typedef enum {
    ASSESS_SEV_INFO = 0,
    ASSESS_SEV_LOW,
    ASSESS_SEV_MEDIUM,
    ASSESS_SEV_HIGH,
    ASSESS_SEV_BLOCKER
} assess_severity;

/** @brief "info", "low", ... ; NULL for an invalid value. */
const char *assess_severity_name(assess_severity s);
/** @brief Parse a severity name; -1 when unknown. */
int assess_severity_parse(const char *name);

/** A flag a rule raises when its condition holds. */
typedef struct assess_flag_def {
    char *family;  /* EXTRATERRITORIAL, LOCK-IN, EVIDENCE, ... */
    char *code;    /* stable code, e.g. DATA-OUTSIDE-EEA */
    assess_severity severity;
    assess_text message; /* may contain {detail}, {declared}, {cap} */
    char *basis;         /* legal or framework basis, with URL */
} assess_flag_def;

typedef enum {
    ASSESS_RULE_CAP,     /* when `when` holds, the rung is at most max_rung */
    ASSESS_RULE_DERIVE,  /* the rung is the value of `rung_expr` */
    ASSESS_RULE_APPLIES, /* when `when` is false the criterion does not apply */
    ASSESS_RULE_FLAG,    /* when `when` holds, raise the flag; nothing else */
    ASSESS_RULE_GATE     /* framework gate: `when` true fails the bid */
} assess_rule_kind;

typedef struct assess_rule {
    char *id;
    assess_rule_kind kind;
    char **needs;    /* XPath of facts that must exist; else derivation blocked */
    size_t n_needs;
    char *when;      /* XPath boolean (cap, applies, flag) */
    char *rung_expr; /* XPath number (derive) */
    char *detail;    /* XPath, values joined into {detail}; may be NULL */
    char *path;      /* XPath node-set of entities named in the flag's path */
    char *laws;      /* XPath node-set of registry laws named in the flag */
    char *unknown_when; /* gate: XPath boolean; true makes the gate unknown */
    int requires_sanctions; /* gate: unknown unless a sanctions list is given */
    int max_rung;    /* cap */
    int has_flag;
    assess_flag_def flag;
    char *basis;     /* cap without a flag: its basis (control caps) */
    assess_text reason; /* why the rule exists, for conflicts and gates */
} assess_rule;

typedef struct assess_rung {
    char *label;     /* the framework's answer text; never NULL */
    long points_centi;
    int seal;        /* 0..4 */
} assess_rung;

typedef struct assess_criterion {
    char *id;        /* "SOV-2.2" */
    char *title;
    char *question;
    char *basis;      /* law or framework clause with URL, or NULL */
    size_t objective; /* index into framework objectives */
    assess_rung *rungs;
    int n_rungs;
    assess_rule *rules;
    size_t n_rules;
} assess_criterion;

typedef struct assess_objective {
    char *id;    /* "SOV-1" */
    char *title;
    size_t first_criterion;
    size_t n_criteria;
} assess_objective;

typedef struct assess_weight_profile {
    char *id;
    char *label;
    int weights[ASSESS_MAX_OBJECTIVES]; /* percent, sum 100 */
} assess_weight_profile;

typedef struct assess_framework {
    char *id;
    char *version;
    char *title;
    char *attribution;
    char *file;          /* file name it was loaded from */
    char sha256[65];     /* digest of the file's bytes, lowercase hex */
    long nominal_points; /* per objective; the CSF divides by 1000 */
    assess_text seal_names[5];
    assess_objective objectives[ASSESS_MAX_OBJECTIVES];
    size_t n_objectives;
    assess_criterion *criteria;
    size_t n_criteria;
    assess_weight_profile *profiles;
    size_t n_profiles;
    size_t default_profile;
    assess_rule *gates;  /* framework gates (sanctions, Russia 5k, ...) */
    size_t n_gates;
    char *controllers;   /* control caps: XPath of the controlling links */
} assess_framework;

/**
 * @brief Load and validate a framework file.
 * On error every problem found is appended to `d` and *out is NULL.
 * The caller owns *out (assess_framework_free()).
 */
assess_status assess_framework_load(assess_framework **out, const char *path,
                                    assess_diags *d);

/** @brief As assess_framework_load() from memory; `name` names the input. */
assess_status assess_framework_parse(assess_framework **out, const char *name,
                                     const char *data, size_t size,
                                     assess_diags *d);

void assess_framework_free(assess_framework *fw);

/** @brief Index of a criterion by id, or -1. */
long assess_framework_criterion(const assess_framework *fw, const char *id);
/** @brief Index of an objective by id, or -1. */
long assess_framework_objective(const assess_framework *fw, const char *id);
/** @brief Index of a weight profile by id, or -1. */
long assess_framework_profile(const assess_framework *fw, const char *id);

#ifdef __cplusplus
}
#endif

#endif
