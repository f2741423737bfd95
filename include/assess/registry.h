/*
 * registry.h - who really controls a provider: countries, laws and
 * companies with dated ownership links (rules/registry/), chain
 * resolution on an assessment date, and sanctions screening.
 *
 *   countries.json  ISO 3166-1 countries, groups (EU, EEA, GPA, ...) and a
 *                   risk class A (EU/EEA), B, C, D, X (not assessed)
 *   laws.json       third-country laws: what each compels, whom it reaches
 *                   ("presence", "control", "nationality"), source
 *   entities.json   cloud and AI providers, their parents, and ownership as
 *                   dated links (announced | completed | prohibited |
 *                   lapsed, from and to dates), licensed technology kept
 *                   apart from ownership
 *
 * Every fact carries source_url, source_date and verified. The loader is
 * also the linter (`assess registry lint`): it reports every problem with
 * its file and JSON path.
 *
 * A registry is read-only once loaded and may be shared by threads; the
 * XML view the engine queries is built at load time.
 */
#ifndef ASSESS_REGISTRY_H
#define ASSESS_REGISTRY_H

#include "assess/engine.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    ASSESS_LINK_COMPLETED = 0,
    ASSESS_LINK_ANNOUNCED,
    ASSESS_LINK_PROHIBITED,
    ASSESS_LINK_LAPSED
} assess_link_state;

/** @brief "completed", "announced", "prohibited", "lapsed". */
const char *assess_link_state_name(assess_link_state s);

/** Where a fact came from. */
typedef struct assess_source {
    char *url;
    char *date;     /* YYYY, YYYY-MM or YYYY-MM-DD: the source's own date */
    int verified;   /* 0: the research notes mark it VERIFY */
} assess_source;

/** An ownership or control link from an entity up to its parent. */
typedef struct assess_reg_link {
    size_t parent;           /* entity index */
    double control_percent;  /* -1: not given */
    int decisive;            /* control by contract, syndicate, foundation */
    assess_link_state state;
    char announced[11], from[11], to[11], ended[11]; /* "" when null */
    char *type;
    char *notes;
    assess_source src;
} assess_reg_link;

typedef struct assess_reg_tech {
    size_t licensor;         /* entity index */
    char *what;
    assess_source src;
} assess_reg_tech;

/** A granted certification or designation ("DORA CTPP"), with its dates. */
typedef struct assess_reg_designation {
    char *scheme;
    char granted[11]; /* "" when unknown */
    char expires[11]; /* "" when none */
} assess_reg_designation;

typedef struct assess_reg_entity {
    char *id;
    char *name;
    char country[3];         /* of incorporation */
    char headquarters[3];    /* seat where it differs, else "" */
    char *kind;
    char *status;
    char **aliases;
    size_t n_aliases;
    char **brands;
    size_t n_brands;
    char *notes;
    assess_source src;
    assess_reg_link *links;
    size_t n_links;
    assess_reg_tech *tech;
    size_t n_tech;
    size_t n_certifications;
    assess_reg_designation *designations; /* certifications with state
                                             granted, e.g. "DORA CTPP" */
    size_t n_designations;
} assess_reg_entity;

typedef struct assess_reg_law {
    char *id;
    char country[3];
    char *short_name;
    assess_text name;
    char *compels;
    char *reaches;
    char *reaches_via;       /* presence | control | nationality */
    int gag;
    int in_force;
    assess_source src;
} assess_reg_law;

typedef struct assess_registry assess_registry;

/**
 * @brief Load countries.json, laws.json and entities.json from `dir`
 * (rules/registry). countries.json is required; a missing laws.json or
 * entities.json is an empty table. Every problem found (unknown keys,
 * ids, references, cycles, dates, country codes, a fact without a source)
 * is appended to `d`; on error *out is NULL. The caller owns *out.
 */
assess_status assess_registry_load(assess_registry **out, const char *dir,
                                   assess_diags *d);
void assess_registry_free(assess_registry *r);

/** @brief The country groups (borrowed). */
const assess_groups *assess_registry_groups(const assess_registry *r);
/** @brief Risk class letter of a country ('A'..'D', 'X'), or 0 if unknown. */
char assess_registry_risk_class(const assess_registry *r, const char *country);
/** @brief English ("en") or Dutch ("nl") name of a country, or NULL. */
const char *assess_registry_country_name(const assess_registry *r,
                                         const char *country, const char *lang);

/** @brief The alpha-2 code (borrowed) of a country given by its alpha-2 or
 *  alpha-3 code in any case, with the EU's "EL" and TED's "UK" accepted
 *  for GR and GB; NULL when the registry has no such country. */
const char *assess_registry_country_code(const assess_registry *r,
                                         const char *code);

size_t assess_registry_entity_count(const assess_registry *r);
const assess_reg_entity *assess_registry_entity_at(const assess_registry *r,
                                                   size_t i);
/** @brief Index of the entity with this id, or -1. */
long assess_registry_entity(const assess_registry *r, const char *id);
/**
 * @brief Index of the entity whose name or an alias has the same name key
 * (assess_name_key) and, when `country` is given, the same country; -1 if
 * none. Brands never match an entity.
 */
long assess_registry_match(const assess_registry *r, const char *name,
                           const char *country);

size_t assess_registry_law_count(const assess_registry *r);
const assess_reg_law *assess_registry_law_at(const assess_registry *r,
                                             size_t i);

/**
 * @brief The link through which `entity` is controlled on `date`
 * (YYYY-MM-DD): a completed link in force that day with 50 % or more,
 * decisive influence, or no percentage given; the highest share wins.
 * Returns the link index or -1.
 */
long assess_registry_control_link(const assess_registry *r, size_t entity,
                                  const char *date);
/** @brief 1 if link `k` of `entity` is announced but not settled on `date`:
 *  not yet completed, prohibited or lapsed that day. */
int assess_registry_link_pending(const assess_registry *r, size_t entity,
                                 size_t k, const char *date);

/**
 * @brief Print an entity's chain on `date` (NULL: today's date is not
 * used; the newest state of every link counts), its countries, the laws
 * reaching it with what they compel, licensed technology, and sources.
 * `name_or_id` is an id, a name or an alias. ASSESS_ERR_INVALID if none;
 * ASSESS_ERR_USAGE if `date` is not a calendar date YYYY-MM-DD.
 */
assess_status assess_registry_show(const assess_registry *r, FILE *out,
                                   const char *name_or_id, const char *date,
                                   assess_diags *d);

/** @brief Files read, for the results' `inputs` (kind, path, sha256). */
size_t assess_registry_file_count(const assess_registry *r);
void assess_registry_file(const assess_registry *r, size_t i,
                          const char **path, const char **sha256);
/** @brief The newest source_date in file i ("as of" date), or NULL. */
const char *assess_registry_file_as_of(const assess_registry *r, size_t i);

/**
 * @brief The matching key of a name: case and diacritics folded, Cyrillic
 * transliterated (ICAO 9303), punctuation removed, legal forms of many
 * countries stripped at either end, words sorted. Malloc'd; NULL on no
 * memory.
 */
char *assess_name_key(const char *name);


/* ---- buyer portfolio ---------------------------------------------------- */

/*
 * The buyer's current dependence per provider group (spend or critical
 * workloads), named in the tender profile ("portfolio"), format
 * "assess-portfolio/1" (templates/portfolio.schema.json). A group is the
 * registry id of an ultimate parent, or a name (matched by name key).
 */
typedef struct assess_portfolio assess_portfolio;

/** @brief Read a portfolio file; every problem with its JSON path. */
assess_status assess_portfolio_load(assess_portfolio **out, const char *path,
                                    assess_diags *d);
/** @brief As assess_portfolio_load() from memory; `name` names it. */
assess_status assess_portfolio_parse(assess_portfolio **out, const char *name,
                                     const char *data, size_t size,
                                     assess_diags *d);
void assess_portfolio_free(assess_portfolio *p);

/**
 * @brief The group's share in percent after this award: (amount of the
 * group + this award) / (total + this award) x 100. The group is found by
 * registry id, else by the name key of `name`; an unknown group starts
 * from 0. Returns -1 when the portfolio is NULL.
 */
double assess_portfolio_share(const assess_portfolio *p, const char *registry_id,
                              const char *name);

/** @brief The index of the group with this registry id, else whose name
 *  key equals `name`'s; -1 when none. */
long assess_portfolio_find(const assess_portfolio *p, const char *registry_id,
                           const char *name);
/** @brief The share after this award of group `group` (-1: a group the
 *  portfolio does not list, which starts from 0); -1 when p is NULL. */
double assess_portfolio_share_of(const assess_portfolio *p, long group);

/** @brief File name, SHA-256 and "as of" date, for the results' inputs. */
const char *assess_portfolio_file(const assess_portfolio *p);
const char *assess_portfolio_sha256(const assess_portfolio *p);
const char *assess_portfolio_as_of(const assess_portfolio *p);

/* ---- sanctions --------------------------------------------------------- */

typedef struct assess_sanctions assess_sanctions;

/**
 * @brief Load the EU consolidated financial sanctions list (the
 * Commission's XML, root `export`, one `sanctionEntity` per subject, names
 * in `nameAlias/@wholeName` or first/middle/last names). Parsed without
 * network, entity expansion or DTD; a DOCTYPE is refused. The caller owns
 * *out.
 */
assess_status assess_sanctions_load(assess_sanctions **out, const char *path,
                                    assess_diags *d);
assess_status assess_sanctions_parse(assess_sanctions **out, const char *name,
                                     const char *data, size_t size,
                                     assess_diags *d);
void assess_sanctions_free(assess_sanctions *s);
/** @brief Number of listed subjects and of name keys. */
size_t assess_sanctions_subjects(const assess_sanctions *s);
size_t assess_sanctions_names(const assess_sanctions *s);
/** @brief The list's generationDate attribute, file name and SHA-256. */
const char *assess_sanctions_generated(const assess_sanctions *s);
const char *assess_sanctions_file(const assess_sanctions *s);
const char *assess_sanctions_sha256(const assess_sanctions *s);

/** A match of one name against the list. */
typedef struct assess_sanction_hit {
    const char *reference;   /* euReferenceNumber (or logicalId) */
    const char *listed_name; /* the alias that matched */
    const char *programme;   /* e.g. RUS */
    int strong;              /* 0: a weak alias */
} assess_sanction_hit;

/** @brief Up to `max` hits for `name`; returns how many were found. */
size_t assess_sanctions_match(const assess_sanctions *s, const char *name,
                              assess_sanction_hit *hits, size_t max);

#ifdef __cplusplus
}
#endif

#endif
