/*
 * engine_internal.h - the engine object, shared by engine.c and the sov:
 * functions (internal).
 */
#ifndef ASSESS_ENGINE_INTERNAL_H
#define ASSESS_ENGINE_INTERNAL_H

#include <libxml/xpath.h>

#include "assess/engine.h"
#include "assess/registry.h"
#include "registry/chain.h"

typedef struct compiled_rule {
    xmlXPathCompExprPtr *needs;
    xmlXPathCompExprPtr when, rung, detail, path, laws, unknown_when;
} compiled_rule;

struct assess_engine {
    const assess_framework *fw;
    const assess_registry *reg;
    const assess_groups *groups;
    const assess_sanctions *sanctions;
    const assess_portfolio *portfolio;
    xmlXPathContextPtr ctx;
    compiled_rule **rules; /* [criterion][rule] */
    compiled_rule *gates;  /* [gate] */
    int trace;             /* record traces */
    int no_chain_flags;    /* an extension: the main framework reports them */
    /* the bid being evaluated */
    const assess_bid *bid;
    const char *date;      /* the tender's assessment date, YYYY-MM-DD */
    assess_chains chains;
    char fn_error[256];    /* message of the last sov: function error */
};

/** Register the sov: namespace and functions on `ctx`; 0 on failure. */
int assess_engine_register_functions(xmlXPathContextPtr ctx);

#endif
