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
 *   sov:entity(id)                node-set: the declared entity with that id
 *   sov:chain(id)                 node-set: the entity and its declared
 *                                 controlling parents upward (a parent
 *                                 link counts unless control_percent is
 *                                 declared below 50 without
 *                                 decisive_influence); a cycle is an error
 */
#include <string.h>

#include <libxml/xpathInternals.h>

#include "engine/engine_internal.h"

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

static xmlChar *child_text(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name))
            return xmlNodeGetContent(c);
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

static void fn_chain(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    xmlChar *id = xmlXPathPopString(ctxt);
    xmlNodeSetPtr out = xmlXPathNodeSetCreate(NULL);
    xmlNodePtr n = id ? find_entity(ctxt->context->doc, id) : NULL;
    int ok = out != NULL;
    while (ok && n) {
        if (xmlXPathNodeSetContains(out, n)) {
            xmlChar *eid = child_text(n, "id");
            set_error(ctxt, "sov:chain: the ownership chain has a cycle at",
                      eid ? (const char *)eid : "?");
            xmlFree(eid);
            ok = 0;
            break;
        }
        xmlXPathNodeSetAdd(out, n);
        /* the parent controls this entity unless a declared share below
           50 % without decisive influence says otherwise */
        xmlChar *share = child_text(n, "control_percent");
        xmlChar *decisive = child_text(n, "decisive_influence");
        int controls = !share || xmlXPathCastStringToNumber(share) >= 50 ||
                       xmlStrEqual(decisive, BAD_CAST "true");
        xmlFree(share);
        xmlFree(decisive);
        xmlChar *parent = controls ? child_text(n, "parent") : NULL;
        n = parent && parent[0] ? find_entity(ctxt->context->doc, parent) : NULL;
        xmlFree(parent);
    }
    xmlFree(id);
    /* xmlXPathNodeSetContains over a growing set is quadratic; chains are
       bounded by ASSESS_MAX_ENTITIES. */
    if (ok)
        valuePush(ctxt, xmlXPathWrapNodeSet(out));
    else
        xmlXPathFreeNodeSet(out);
}

static const struct {
    const char *name;
    xmlXPathFunction fn;
} functions[] = {
    {"in-group", fn_in_group},
    {"outside", fn_outside},
    {"entity", fn_entity},
    {"chain", fn_chain},
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
