/*
 * registry_internal.h - the registry object, shared by the registry
 * loader, chain resolution, sanctions and the engine's sov: functions.
 */
#ifndef ASSESS_REGISTRY_INTERNAL_H
#define ASSESS_REGISTRY_INTERNAL_H

#include <libxml/tree.h>

#include "assess/registry.h"

typedef struct reg_key {
    char *key;     /* assess_name_key() of a name or alias */
    size_t entity;
} reg_key;

typedef struct reg_country {
    char *en, *nl; /* NULL: no such country */
    char code[3];  /* alpha-2 */
    char risk;
} reg_country;

typedef struct reg_file {
    char *path;
    char sha256[65];
    char as_of[11]; /* newest source_date in the file, "" when none */
} reg_file;

struct assess_registry {
    assess_groups *groups;
    reg_country *countries;      /* 26 x 26, by reg_slot() */
    char (*alpha3)[3];           /* 26 x 26 x 26 alpha-3 -> alpha-2 */
    size_t n_countries;
    assess_reg_law *laws;
    size_t n_laws;
    assess_reg_entity *entities; /* sorted by id */
    size_t n_entities;
    reg_key *keys;               /* sorted by key */
    size_t n_keys;
    xmlDocPtr doc;               /* <registry><countries/>..<laws/>..</registry> */
    xmlNodePtr *law_nodes;       /* law i's element in doc */
    reg_file *files;
    size_t n_files, cap_files;
    int errors;
};

/** Slot of an alpha-2 code in the 26 x 26 table, or -1. */
int reg_slot(const char *c);

/** Indices of the laws in force of `country` that reach an entity there
 *  (all) or, with `via_control`, an entity it controls. */
size_t reg_laws_reaching(const assess_registry *r, const char *country,
                         int via_control, size_t *out, size_t max);

#endif
