/*
 * checks.h - archive checks: the red flags of the files in rules/checks/
 * evaluated over the facts of each notice and lot (internal; used by
 * batch.c).
 *
 * A check file ("assess-checks/1") holds parameters, named sets (CPV
 * prefixes or keywords, folded as notice texts are) and checks, each with
 * an id, a family, a severity, an explanation in English and Dutch, a
 * legal or audit basis and a condition `when`: an XPath 1.0 expression
 * evaluated with the lot as context node in the notice's fact document
 * (the JSON form of include/assess/notice.h as elements; a null or an
 * empty array is left out). A notice without lots is one empty <lot/>.
 * Checks run in file order; sov:fired(id) sees the earlier ones.
 *
 *   sov:in-group(group, country)  the registry's country groups (EEA ...)
 *   sov:cpv-in(set, nodes)        a node's value starts with a prefix of set
 *   sov:mentions(set, nodes|str)  a keyword of set occurs in the folded
 *                                 text as a whole word ("word*": as a word
 *                                 start)
 *   sov:fired(id)                 an earlier check fired for this lot
 *   sov:param(name)               a number of "parameters"
 *   sov:num(nodes, default)       the first node as a number, else default
 */
#ifndef ASSESS_BATCH_CHECKS_H
#define ASSESS_BATCH_CHECKS_H

#include "assess/framework.h"
#include "assess/notice.h"

#define ASSESS_MAX_CHECKS 64

typedef struct assess_check {
    char *id;
    char *family;
    char *severity;
    assess_text explain;
    char *basis, *basis_url;
    char *when;
} assess_check;

typedef struct assess_checkset assess_checkset;

/** Load and compile-check a check file (every problem with its JSON path
 *  or XPath); the registry gives the country groups (borrowed). */
assess_status assess_checkset_load(assess_checkset **out, const char *path,
                                   const assess_registry *reg,
                                   assess_diags *d);
void assess_checkset_free(assess_checkset *c);
size_t assess_checkset_count(const assess_checkset *c);
const assess_check *assess_checkset_at(const assess_checkset *c, size_t i);
/** The file's name, version and SHA-256 (for the summary). */
const char *assess_checkset_file(const assess_checkset *c);
const char *assess_checkset_version(const assess_checkset *c);
const char *assess_checkset_sha256(const assess_checkset *c);

/** One thread's evaluator: its own XPath context and compiled
 *  expressions (libxml2 2.9 writes into them while evaluating). */
typedef struct assess_checker assess_checker;
assess_status assess_checker_new(assess_checker **out,
                                 const assess_checkset *c, assess_diags *d);
void assess_checker_free(assess_checker *k);

/** Start a notice: build its fact document. 0 on no memory. */
int assess_checker_notice(assess_checker *k, const assess_notice *n);
/** The checks that fire for lot `i` of the notice (for a notice without
 *  lots, i = 0): their indices in fired[], the count returned (at most
 *  ASSESS_MAX_CHECKS); a condition that cannot be evaluated counts as not
 *  fired and is reported in *error (static text, NULL when none). */
size_t assess_checker_lot(assess_checker *k, size_t i, unsigned char *fired,
                          const char **error);

#endif
