/*
 * bid.h - bid declarations and tender profiles, as read from JSON.
 *
 * Readers check the shape of an input (required fields, types, enumerations,
 * references inside the file) and report each problem with its JSON path.
 * They never look at a framework: whether a criterion id exists or a rung is
 * in range is checked by assess_bid_validate(), the stage between reading
 * and the engine. Formats: templates/bid.schema.json and
 * templates/tender.schema.json.
 */
#ifndef ASSESS_BID_H
#define ASSESS_BID_H

#include "assess/framework.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _xmlDoc assess_xml_doc; /* libxml2's xmlDoc */

typedef enum {
    ASSESS_ROLE_TENDERER,
    ASSESS_ROLE_MEMBER,
    ASSESS_ROLE_PARENT,
    ASSESS_ROLE_SUBCONTRACTOR,
    ASSESS_ROLE_SUPPLIER
} assess_role;

/** Technology an entity runs under licence (e.g. a hyperscaler's stack). */
typedef struct assess_licence {
    char *licensor;   /* name */
    char country[3];  /* the licensor's country */
} assess_licence;

typedef struct assess_entity {
    char *id;
    char *name;
    char country[3];  /* ISO 3166-1 alpha-2; for a person the nationality */
    assess_role role;
    int is_person;    /* kind "person" */
    char *parent;     /* entity id or NULL */
    double control_percent; /* -1 when not declared */
    int decisive;     /* decisive_influence declared true */
    char *registry_id; /* NULL, or an id of rules/registry/entities.json */
    double share_percent; /* share_of_value_percent, -1 when not declared */
    assess_licence *licences;
    size_t n_licences;
} assess_entity;

typedef enum {
    ASSESS_CONF_NONE = 0,
    ASSESS_CONF_LOW,
    ASSESS_CONF_MEDIUM,
    ASSESS_CONF_HIGH
} assess_confidence;

typedef struct assess_answer {
    char *criterion;  /* as written in the bid */
    int rung;
    char *evidence;   /* may be NULL */
    assess_confidence confidence;
} assess_answer;

typedef struct assess_bid {
    char *file;       /* input name */
    char sha256[65];
    char *id;
    char *tenderer;   /* entity id */
    char *lot;
    int has_price;
    double price_amount;
    char price_currency[4];
    assess_entity *entities;
    size_t n_entities;
    assess_answer *answers;
    size_t n_answers;
    assess_xml_doc *facts; /* the fact document (facts.h), owned */
} assess_bid;

/**
 * @brief Read a bid declaration and build its fact document.
 * Every shape problem is appended to `d`; on error *out is NULL.
 */
assess_status assess_bid_parse(assess_bid **out, const char *name,
                               const char *data, size_t size, assess_diags *d);

void assess_bid_free(assess_bid *bid);

/** @brief The entity with this id, or NULL. */
const assess_entity *assess_bid_entity(const assess_bid *bid, const char *id);

/* ------------------------------------------------------------------------ */

typedef enum {
    ASSESS_UNKNOWN_GAP = 0,      /* 0 points, out of the SEAL, a gap */
    ASSESS_UNKNOWN_CONSERVATIVE, /* counted as the worst rung */
    ASSESS_UNKNOWN_STRICT        /* worst rung, and the gate fails */
} assess_unknown_policy;

typedef enum {
    ASSESS_GATE_SRC_NONE = 0,
    ASSESS_GATE_SRC_CLASS,     /* class default in rules/classes */
    ASSESS_GATE_SRC_TENDER,    /* the tender profile's min_seal */
    ASSESS_GATE_SRC_FRAMEWORK  /* the framework itself */
} assess_gate_source;

/** Weights and gates of one extension framework for a lot: from the lot's
 *  class (rules/classes) or from the tender profile, which overrides each
 *  of the two as a whole. */
typedef struct assess_ext_setting {
    char *extension;  /* framework id, e.g. "nl-autonomy" */
    char **groups;    /* weights per group (percent, sum 100) */
    int *weights;
    size_t n_weights; /* 0: not set here */
    char **gates;     /* gate ids of the extension that apply */
    size_t n_gates;
    int has_gates;    /* 1 when "gates" was given (possibly empty) */
} assess_ext_setting;

typedef struct assess_lot {
    char *id;
    char *title;
    char *class_id;  /* "own" | "share" | "access" or NULL */
    /* minimum SEAL per objective as written (-1: none); resolved against the
       framework and the class defaults by assess_tender_resolve() */
    char **min_seal_keys;
    int *min_seal_values;
    size_t n_min_seal;
    int min_seal[ASSESS_MAX_OBJECTIVES];
    assess_gate_source min_seal_src[ASSESS_MAX_OBJECTIVES];
    assess_ext_setting *ext; /* the tender's own extension settings */
    size_t n_ext;
} assess_lot;

/* ---- award (price and quality) ------------------------------------------ */

typedef enum {
    ASSESS_AWARD_WEIGHTED = 0, /* weighted points: price score and quality */
    ASSESS_AWARD_VFM,          /* value for money: quality / price */
    ASSESS_AWARD_MONETISED     /* F = P - sum V_k g(s_k), lower wins */
} assess_award_method;

typedef enum {
    ASSESS_PRICE_ABSOLUTE = 0, /* linear between fixed bounds (default) */
    ASSESS_PRICE_LOWEST,       /* P_min / P */
    ASSESS_PRICE_LINEAR,       /* (P_max - P) / (P_max - P_min) */
    ASSESS_PRICE_LOG           /* 1 - ln(P / P_min) / ln(A) */
} assess_price_scoring;

/** European preference modes; each needs a legal basis and must have been
 *  announced in the tender documents. */
typedef enum {
    ASSESS_PREF_PRICE_FACTOR = 0, /* non-preferred: evaluated price x (1+f) */
    ASSESS_PREF_SCORE_ADJUSTMENT, /* preferred: total + points */
    ASSESS_PREF_UNION_ADDED_VALUE,/* the "union-added-value" criterion, capped */
    ASSESS_PREF_TIE_BAND,         /* within the band of the best: EU bid first */
    ASSESS_PREF_EXCLUDE_NOT_COVERED /* bidders without an agreement excluded */
} assess_pref_mode;

typedef struct assess_preference {
    assess_pref_mode mode;
    double value;      /* factor, points, cap (fraction) or band (fraction) */
    int against;       /* the category it works against: 2 not covered
                          (default, Kolin), 1 every non-EU/EEA bidder */
    char *legal_basis;
} assess_preference;

/** A quality criterion of the award: "sovereignty" (the Sovereignty
 *  Score), an extension id, or a criterion scored by evaluators. */
typedef struct assess_award_criterion {
    char *id;
    int weight;      /* percent of the total (with the price weight, 100) */
    double value;    /* monetised: the money value of the maximum score */
} assess_award_criterion;

typedef struct assess_award {
    int present;
    assess_award_method method;
    assess_price_scoring price_scoring;
    double bound_min, bound_max; /* absolute price scoring */
    double log_base;             /* log formula: the multiple that scores 0 */
    int price_weight;            /* percent */
    assess_award_criterion *criteria;
    size_t n_criteria;
    int has_ceiling, has_min_quality;
    double price_ceiling, min_quality;
    int decimals;                /* rounding of the total */
    int half_even;               /* 1: half to even, 0: half up */
    int compare_rounded;         /* rank on the rounded total */
    int round_criteria;          /* stage "criterion": each criterion and
                                    the price score rounded before the total */
    char **tie_breaks;           /* quality | heaviest | price | draw */
    size_t n_tie_breaks;
    unsigned long draw_seed;
    char *scores;                /* evaluator scores file, tender's folder */
    int consensus;               /* 1: the evaluator "consensus" decides;
                                    0: the mean of the evaluators */
    char currency[4];            /* the price basis */
    double abnormally_low;       /* a price below this fraction of the lot's
                                    median is flagged (default 0.8) */
    assess_preference *preference; /* off when none */
    size_t n_preference;
    int standstill_days;         /* letters: the standstill period (20) */
} assess_award;

typedef struct assess_tender {
    char *file;
    char sha256[65];
    char *title;
    char *buyer;
    char assessment_date[11];
    char *framework;      /* framework id */
    char *weight_profile; /* NULL: the framework's default */
    assess_unknown_policy unknown_policy;
    int caps_advisory;    /* 1: declared answers are kept, caps only flagged */
    assess_lot *lots;
    size_t n_lots;
    char **extensions;    /* extension frameworks scored beside the main one */
    size_t n_extensions;
    char *portfolio;      /* buyer portfolio file, relative to the tender's
                             folder, or NULL */
    assess_award award;   /* award settings; award.present 0 when none */
} assess_tender;

/** @brief Read a tender profile (shape only). */
assess_status assess_tender_parse(assess_tender **out, const char *name,
                                  const char *data, size_t size,
                                  assess_diags *d);

void assess_tender_free(assess_tender *t);

/** @brief The lot with this id, or NULL. */
const assess_lot *assess_tender_lot(const assess_tender *t, const char *id);

/** @brief "gap", "conservative", "strict". */
const char *assess_unknown_policy_name(assess_unknown_policy p);
/** @brief "class default", "tender", "framework", or NULL. */
const char *assess_gate_source_name(assess_gate_source s);

/**
 * @brief Validate a bid against a framework and a tender: criterion ids,
 * rung ranges and the lot. Every problem is appended to `d`.
 */
assess_status assess_bid_validate(const assess_bid *bid,
                                  const assess_framework *fw,
                                  const assess_tender *tender,
                                  assess_diags *d);

#ifdef __cplusplus
}
#endif

#endif
