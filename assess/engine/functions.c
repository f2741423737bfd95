/*
 * functions.c - the domain functions rules call in the sov: namespace.
 * One table drives registration (jq's builtin habit). Each function checks
 * its arity and argument types; an error sets an XPath error and a message
 * the engine puts in the criterion's trace (outcome "error").
 *
 *   sov:in-group(group, country)  boolean: the alpha-2 code is in the
 *                                 registry group (EU, EEA, GPA, RISK-C, ...)
 *   sov:outside(group, nodes)     node-set: the nodes whose value is a
 *                                 country not in the group (empty values,
 *                                 i.e. declared "none", are skipped)
 *   sov:risk-class(country)       string: the country's risk class A, B, C,
 *                                 D or X; '' for an unknown code
 *   sov:entity(id)                node-set: the declared entity with that id
 *   sov:chain(ids [, percent])    node-set: the <link> elements of each
 *                                 entity's resolved ownership chain (itself,
 *                                 then its controlling parents up to the
 *                                 ultimate parent; declared and registry
 *                                 merged on the assessment date). `ids` is a
 *                                 string or a node-set of ids. With
 *                                 `percent`, a step counts only where the
 *                                 parent owns more than that share (Russia
 *                                 5k: 50). A cycle is an error.
 *   sov:laws(links)               node-set: the registry <laws> in force
 *                                 that reach any entity on the links: the
 *                                 laws of each link's country. Filter on
 *                                 reaches_via = 'control' for the laws that
 *                                 reach down a chain to a subsidiary
 *   sov:law(id)                   node-set: the registry law with that id
 *   sov:sanctioned(nodes [, 'strong'])
 *                                 node-set: the nodes (links) one of whose
 *                                 names (<name>, <alias>, or the node's own
 *                                 text) is on the sanctions list; with
 *                                 'strong', weak aliases do not count. An
 *                                 error without a list (rules that screen
 *                                 are gates with requires: sanctions-list)
 *   sov:sanctions-detail(nodes)   string: the list entries those nodes match
 */
#include <string.h>

#include <libxml/xpathInternals.h>

#include "engine/engine_internal.h"
#include "registry/registry_internal.h"
#include "util/util.h"

/* Record "<what> '<arg>'" and raise an XPath error. */
static void set_error(xmlXPathParserContextPtr ctxt, const char *what,
                      const char *arg)
{
    assess_engine *e = ctxt->context->userData;
    snprintf(e->fn_error, sizeof e->fn_error, "%s '%s'", what, arg);
    xmlXPathErr(ctxt, XPATH_EXPR_ERROR);
}

static void fn_in_group(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(2);
    assess_engine *e = ctxt->context->userData;
    xmlChar *country = xmlXPathPopString(ctxt);
    xmlChar *group = xmlXPathPopString(ctxt);
    int r = -1;
    if (e->groups && group && country)
        r = assess_groups_has(e->groups, (const char *)group,
                              (const char *)country);
    if (r < 0)
        set_error(ctxt, "sov:in-group: unknown country group",
                  group ? (const char *)group : "");
    else
        valuePush(ctxt, xmlXPathNewBoolean(r));
    xmlFree(country);
    xmlFree(group);
}

static void fn_outside(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(2);
    assess_engine *e = ctxt->context->userData;
    xmlNodeSetPtr in = xmlXPathPopNodeSet(ctxt);
    if (ctxt->error)
        return;
    xmlChar *group = xmlXPathPopString(ctxt);
    xmlNodeSetPtr out = xmlXPathNodeSetCreate(NULL);
    int ok = out != NULL;
    for (int i = 0; ok && in && i < in->nodeNr; i++) {
        xmlChar *v = xmlNodeGetContent(in->nodeTab[i]);
        if (v && v[0]) {
            int r = e->groups ? assess_groups_has(e->groups, (const char *)group,
                                                  (const char *)v)
                              : -1;
            if (r < 0) {
                set_error(ctxt, "sov:outside: unknown country group",
                          (const char *)group);
                ok = 0;
            } else if (r == 0) {
                xmlXPathNodeSetAdd(out, in->nodeTab[i]);
            }
        }
        xmlFree(v);
    }
    xmlXPathFreeNodeSet(in);
    xmlFree(group);
    if (ok)
        valuePush(ctxt, xmlXPathWrapNodeSet(out));
    else
        xmlXPathFreeNodeSet(out);
}

static void fn_risk_class(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    assess_engine *e = ctxt->context->userData;
    xmlChar *c = xmlXPathPopString(ctxt);
    char rc[2] = {e->reg && c ? assess_registry_risk_class(e->reg, (char *)c)
                              : 0,
                  0};
    valuePush(ctxt, xmlXPathNewString(BAD_CAST rc));
    xmlFree(c);
}

/* sov:before('2027-01-12'): true when the tender's assessment date is
   before the given date (dates compare as YYYY-MM-DD text). Rules that
   change on a date in law (the Data Act's end of switching charges) use it;
   a date that is not YYYY-MM-DD is an error, not false. */
static void fn_before(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    assess_engine *e = ctxt->context->userData;
    xmlChar *d = xmlXPathPopString(ctxt);
    if (!d || !assess_is_date((const char *)d)) {
        set_error(ctxt, "sov:before: not a date YYYY-MM-DD:", d ? (char *)d : "");
        xmlFree(d);
        return;
    }
    const char *today = e->date ? e->date : "9999-12-31";
    valuePush(ctxt, xmlXPathNewBoolean(strcmp(today, (const char *)d) < 0));
    xmlFree(d);
}

/* The text of the child element `name` of `n`, or NULL (xmlFree it). */
static xmlChar *child_text(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name))
            return xmlNodeGetContent(c);
    return NULL;
}

/* sov:portfolio-share(links): the buyer's share in percent held after this
   award by the bidder's group, from the portfolio the tender names. The
   group is the first link, from the top (the ultimate parent) down, whose
   registry id, name or alias the portfolio lists; a chain none of whose
   links it lists starts from 0. -1 without a portfolio, so that
   `sov:portfolio-share(...) >= 0` says whether it is known. */
static void fn_portfolio_share(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    assess_engine *e = ctxt->context->userData;
    xmlNodeSetPtr set = xmlXPathPopNodeSet(ctxt);
    if (xmlXPathCheckError(ctxt)) {
        xmlXPathFreeNodeSet(set);
        return;
    }
    long group = -1;
    for (int i = set ? set->nodeNr - 1 : -1; e->portfolio && i >= 0 && group < 0; i--) {
        xmlNodePtr link = set->nodeTab[i];
        xmlChar *id = child_text(link, "registry_id"), *name = child_text(link, "name");
        group = assess_portfolio_find(e->portfolio, (const char *)id, (const char *)name);
        xmlFree(id);
        xmlFree(name);
        for (xmlNodePtr c = link->children; c && group < 0; c = c->next)
            if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "alias")) {
                xmlChar *alias = xmlNodeGetContent(c);
                group = assess_portfolio_find(e->portfolio, NULL, (const char *)alias);
                xmlFree(alias);
            }
    }
    xmlXPathFreeNodeSet(set);
    valuePush(ctxt, xmlXPathNewFloat(assess_portfolio_share_of(e->portfolio, group)));
}

/* The <entities> element of the fact document whose <id> is `id`. */
static xmlNodePtr find_entity(xmlDocPtr doc, const xmlChar *id)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "entities"))
            continue;
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "id")) {
                xmlChar *v = xmlNodeGetContent(c);
                int eq = xmlStrEqual(v, id);
                xmlFree(v);
                if (eq)
                    return n;
            }
        }
    }
    return NULL;
}

static void fn_entity(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    xmlChar *id = xmlXPathPopString(ctxt);
    xmlNodePtr n = id ? find_entity(ctxt->context->doc, id) : NULL;
    valuePush(ctxt, xmlXPathNewNodeSet(n));
    xmlFree(id);
}

/* Add the links of one entity's chain; 0 after an error. */
static int add_chain(xmlXPathParserContextPtr ctxt, xmlNodeSetPtr out,
                     const xmlChar *id, double threshold)
{
    assess_engine *e = ctxt->context->userData;
    if (!e->bid || !id)
        return 1;
    xmlNodePtr chain = assess_chains_of(&e->chains, e->bid, (const char *)id);
    if (!chain)
        return 1;
    xmlChar *cycle = xmlGetProp(chain, BAD_CAST "cycle");
    if (cycle) {
        set_error(ctxt, "sov:chain: the ownership chain has a cycle at",
                  (const char *)cycle);
        xmlFree(cycle);
        return 0;
    }
    for (xmlNodePtr l = chain->children; l; l = l->next) {
        if (l->type != XML_ELEMENT_NODE)
            continue;
        if (threshold >= 0 && l != chain->children) {
            xmlChar *owns = child_text(l, "owns_percent");
            int stop = owns && xmlXPathCastStringToNumber(owns) <= threshold;
            xmlFree(owns);
            if (stop)
                break;
        }
        xmlXPathNodeSetAdd(out, l);
    }
    return 1;
}

static void fn_chain(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 1 && nargs != 2) {
        xmlXPathErr(ctxt, XPATH_INVALID_ARITY);
        return;
    }
    double threshold = nargs == 2 ? xmlXPathPopNumber(ctxt) : -1;
    if (ctxt->error)
        return;
    xmlNodeSetPtr out = xmlXPathNodeSetCreate(NULL);
    int ok = out != NULL;
    xmlXPathObjectPtr arg = valuePop(ctxt);
    if (arg && arg->type == XPATH_NODESET) {
        for (int i = 0; ok && arg->nodesetval && i < arg->nodesetval->nodeNr;
             i++) {
            xmlChar *id = xmlNodeGetContent(arg->nodesetval->nodeTab[i]);
            ok = add_chain(ctxt, out, id, threshold);
            xmlFree(id);
        }
    } else if (arg) {
        xmlChar *id = xmlXPathCastToString(arg);
        ok = add_chain(ctxt, out, id, threshold);
        xmlFree(id);
    }
    xmlXPathFreeObject(arg);
    if (ok)
        valuePush(ctxt, xmlXPathWrapNodeSet(out));
    else
        xmlXPathFreeNodeSet(out);
}

static void fn_laws(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    assess_engine *e = ctxt->context->userData;
    xmlNodeSetPtr in = xmlXPathPopNodeSet(ctxt);
    if (ctxt->error)
        return;
    xmlNodeSetPtr out = xmlXPathNodeSetCreate(NULL);
    for (int i = 0; out && e->reg && in && i < in->nodeNr; i++) {
        for (xmlNodePtr c = in->nodeTab[i]->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE ||
                !xmlStrEqual(c->name, BAD_CAST "country"))
                continue; /* a seat abroad gives a second country */
            xmlChar *country = xmlNodeGetContent(c);
            size_t idx[64];
            size_t n = country ? reg_laws_reaching(e->reg, (const char *)country,
                                                   0, idx, 64)
                               : 0;
            for (size_t k = 0; k < n; k++)
                if (e->reg->law_nodes && e->reg->law_nodes[idx[k]])
                    xmlXPathNodeSetAdd(out, e->reg->law_nodes[idx[k]]);
            xmlFree(country);
        }
    }
    xmlXPathFreeNodeSet(in);
    valuePush(ctxt, xmlXPathWrapNodeSet(out));
}

static void fn_law(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    assess_engine *e = ctxt->context->userData;
    xmlChar *id = xmlXPathPopString(ctxt);
    xmlNodePtr n = NULL;
    for (size_t i = 0; e->reg && id && i < e->reg->n_laws && !n; i++)
        if (xmlStrEqual(BAD_CAST e->reg->laws[i].id, id) && e->reg->law_nodes)
            n = e->reg->law_nodes[i];
    if (e->reg && !n) {
        set_error(ctxt, "sov:law: no law in the registry with id",
                  id ? (const char *)id : "");
        xmlFree(id);
        return;
    }
    valuePush(ctxt, xmlXPathNewNodeSet(n));
    xmlFree(id);
}

/* Hits of one node's names; `strong_only` skips weak aliases. */
static size_t node_hits(const assess_sanctions *s, xmlNodePtr n,
                        int strong_only, assess_buf *detail)
{
    size_t found = 0;
    int has_names = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE ||
            !(xmlStrEqual(c->name, BAD_CAST "name") ||
              xmlStrEqual(c->name, BAD_CAST "alias")))
            continue;
        has_names = 1;
        xmlChar *v = xmlNodeGetContent(c);
        assess_sanction_hit hits[8];
        size_t k = v ? assess_sanctions_match(s, (const char *)v, hits, 8) : 0;
        for (size_t i = 0; i < k; i++) {
            if (strong_only && !hits[i].strong)
                continue;
            found++;
            if (detail)
                assess_buf_printf(detail, "%s'%s' = %s '%s' (%s%s)",
                                  detail->len ? "; " : "", (const char *)v,
                                  hits[i].reference, hits[i].listed_name,
                                  hits[i].programme ? hits[i].programme : "?",
                                  hits[i].strong ? "" : ", weak alias");
        }
        xmlFree(v);
    }
    if (!has_names) {
        xmlChar *v = xmlNodeGetContent(n);
        assess_sanction_hit hits[8];
        size_t k = v ? assess_sanctions_match(s, (const char *)v, hits, 8) : 0;
        for (size_t i = 0; i < k; i++)
            if (!strong_only || hits[i].strong)
                found++;
        xmlFree(v);
    }
    return found;
}

static void fn_sanctioned(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 1 && nargs != 2) {
        xmlXPathErr(ctxt, XPATH_INVALID_ARITY);
        return;
    }
    assess_engine *e = ctxt->context->userData;
    xmlChar *mode = nargs == 2 ? xmlXPathPopString(ctxt) : NULL;
    int strong = mode && xmlStrEqual(mode, BAD_CAST "strong");
    if (mode && !strong) {
        set_error(ctxt, "sov:sanctioned: the second argument is 'strong', not",
                  (const char *)mode);
        xmlFree(mode);
        return;
    }
    xmlFree(mode);
    xmlNodeSetPtr in = xmlXPathPopNodeSet(ctxt);
    if (ctxt->error)
        return;
    if (!e->sanctions) {
        xmlXPathFreeNodeSet(in);
        set_error(ctxt, "sov:sanctioned: no sanctions list was given", "");
        return;
    }
    xmlNodeSetPtr out = xmlXPathNodeSetCreate(NULL);
    for (int i = 0; out && in && i < in->nodeNr; i++)
        if (node_hits(e->sanctions, in->nodeTab[i], strong, NULL))
            xmlXPathNodeSetAdd(out, in->nodeTab[i]);
    xmlXPathFreeNodeSet(in);
    valuePush(ctxt, xmlXPathWrapNodeSet(out));
}

static void fn_sanctions_detail(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    assess_engine *e = ctxt->context->userData;
    xmlNodeSetPtr in = xmlXPathPopNodeSet(ctxt);
    if (ctxt->error)
        return;
    assess_buf b = {0};
    for (int i = 0; e->sanctions && in && i < in->nodeNr; i++)
        node_hits(e->sanctions, in->nodeTab[i], 0, &b);
    xmlXPathFreeNodeSet(in);
    char *t = assess_buf_take(&b);
    valuePush(ctxt, xmlXPathNewString(BAD_CAST(t ? t : "")));
    free(t);
}

static const struct {
    const char *name;
    xmlXPathFunction fn;
} functions[] = {
    {"in-group", fn_in_group},
    {"outside", fn_outside},
    {"risk-class", fn_risk_class},
    {"before", fn_before},
    {"portfolio-share", fn_portfolio_share},
    {"entity", fn_entity},
    {"chain", fn_chain},
    {"laws", fn_laws},
    {"law", fn_law},
    {"sanctioned", fn_sanctioned},
    {"sanctions-detail", fn_sanctions_detail},
};

int assess_engine_register_functions(xmlXPathContextPtr ctx)
{
    if (xmlXPathRegisterNs(ctx, BAD_CAST "sov", BAD_CAST ASSESS_SOV_NS) != 0)
        return 0;
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (xmlXPathRegisterFuncNS(ctx, BAD_CAST functions[i].name,
                                   BAD_CAST ASSESS_SOV_NS, functions[i].fn) != 0)
            return 0;
    return 1;
}
