/*
 * chain.h - ownership chains of a bid's entities on the assessment date,
 * merged from the declaration and the registry (internal).
 *
 * Each declared entity gets one chain: the entity and its controlling
 * parents upward to the ultimate parent. A step follows the registry's
 * completed link in force on the date when the registry knows the entity,
 * else the declared parent when it controls (50 % or more, decisive
 * influence, or no share declared). Where the two disagree the registry
 * counts and the disagreement is a conflict for the evaluator: another
 * parent, another country, a parent the bid leaves out, or an announced
 * change the bid does not mention.
 *
 * The chains are an XML document the sov: functions hand out nodes from:
 *
 *   <chains>
 *     <chain of="declared-id" [cycle="id"]>
 *       <link> id name country depth source registry_id role risk_class
 *              owns_percent decisive_influence alias* designation*
 *              technology* </link> ...
 */
#ifndef ASSESS_CHAIN_H
#define ASSESS_CHAIN_H

#include <libxml/tree.h>

#include "assess/bid.h"
#include "assess/registry.h"

typedef enum {
    CHAIN_OTHER_PARENT = 0,
    CHAIN_OTHER_COUNTRY,
    CHAIN_MISSING_PARENT,
    CHAIN_UNMENTIONED_CHANGE,
    CHAIN_CONFLICT_KINDS
} chain_conflict_kind;

typedef struct chain_conflict {
    chain_conflict_kind kind;
    char *en, *nl;
    char *path[2];  /* entity labels "Name (CC)" */
    size_t n_path;
} chain_conflict;

typedef struct assess_chains {
    xmlDocPtr doc;
    xmlNodePtr *of;          /* chain element per declared entity */
    size_t n;
    chain_conflict *conflicts;
    size_t n_conflicts, cap_conflicts;
} assess_chains;

/** "CHAIN-OTHER-PARENT", ... */
const char *chain_conflict_code(chain_conflict_kind k);

/**
 * Resolve the chains of every declared entity of `bid` on `date`
 * (YYYY-MM-DD). `reg` may be NULL (declared chains only). Returns
 * ASSESS_OK or ASSESS_ERR_NOMEM; a cycle is recorded on the chain, not an
 * error here (the sov:chain() call that meets it fails).
 */
assess_status assess_chains_resolve(assess_chains *out, const assess_bid *bid,
                                    const assess_registry *reg,
                                    const char *date);
void assess_chains_release(assess_chains *c);

/** The chain element of the declared entity `id`, or NULL. */
xmlNodePtr assess_chains_of(const assess_chains *c, const assess_bid *bid,
                            const char *id);

#endif
