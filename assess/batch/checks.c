/*
 * checks.c - archive checks over notice facts (checks.h): the check file
 * reader, the fact document of a notice, and the sov: functions the
 * conditions call.
 */
#define _POSIX_C_SOURCE 200809L
#include "batch/checks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "assess/engine.h"
#include "assess/facts.h"
#include "util/util.h"
#include "util/xml.h"

#define SOV_NS "urn:assess:sov"

typedef struct check_set {
    char *id;
    int cpv;            /* 1: CPV prefixes, 0: keywords */
    char **values;      /* folded keywords, or CPV prefixes */
    unsigned char *prefix; /* keyword i was "word*": a word start */
    size_t n;
} check_set;

typedef struct param {
    char *name;
    double value;
} param;

struct assess_checkset {
    char *file, *version;
    char sha256[65];
    const assess_registry *reg;
    param *params;
    size_t n_params;
    check_set *sets;
    size_t n_sets;
    assess_check *checks;
    size_t n_checks;
};

/* ---- loading -------------------------------------------------------------- */

static void free_set(check_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->values[i]);
    free(s->values);
    free(s->prefix);
    free(s->id);
}

void assess_checkset_free(assess_checkset *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_params; i++)
        free(c->params[i].name);
    free(c->params);
    for (size_t i = 0; i < c->n_sets; i++)
        free_set(&c->sets[i]);
    free(c->sets);
    for (size_t i = 0; i < c->n_checks; i++) {
        assess_check *k = &c->checks[i];
        free(k->id);
        free(k->family);
        free(k->severity);
        assess_text_release(&k->explain);
        free(k->basis);
        free(k->basis_url);
        free(k->when);
    }
    free(c->checks);
    free(c->file);
    free(c->version);
    free(c);
}

size_t assess_checkset_count(const assess_checkset *c) { return c->n_checks; }
const assess_check *assess_checkset_at(const assess_checkset *c, size_t i)
{
    return i < c->n_checks ? &c->checks[i] : NULL;
}
const char *assess_checkset_file(const assess_checkset *c) { return c->file; }
const char *assess_checkset_version(const assess_checkset *c)
{
    return c->version;
}
const char *assess_checkset_sha256(const assess_checkset *c)
{
    return c->sha256;
}

static char *fold(const char *s)
{
    assess_buf b = {0};
    assess_text_fold(&b, s, ASSESS_MAX_STRING_BYTES);
    char *r = assess_buf_take(&b);
    if (r) { /* no space at either end */
        size_t n = strlen(r);
        while (n && r[n - 1] == ' ')
            r[--n] = '\0';
        if (r[0] == ' ')
            memmove(r, r + 1, n);
    }
    return r;
}

static const char *const severities[] = {"info", "low", "medium", "high",
                                         "blocker", NULL};
static const char *const top_keys[] = {"format", "id", "version", "title",
                                       "parameters", "sets", "checks", NULL};
static const char *const check_keys[] = {"id", "family", "severity", "when",
                                         "explain", "basis", NULL};

static void read_sets(assess_checkset *c, assess_jreader *jr, const cJSON *sets)
{
    size_t old = assess_jpath_key(&jr->path, "sets");
    size_t n = (size_t)cJSON_GetArraySize(sets);
    c->sets = calloc(n ? n : 1, sizeof *c->sets);
    if (!c->sets) {
        assess_jr_error(jr, NULL, "out of memory");
        assess_jpath_pop(&jr->path, old);
        return;
    }
    for (const cJSON *s = sets->child; s; s = s->next) {
        check_set *cs = &c->sets[c->n_sets++];
        size_t o2 = assess_jpath_key(&jr->path, s->string);
        cs->id = assess_strdup(s->string);
        static const char *const kinds[] = {"keywords", "cpv-prefix", NULL};
        static const char *const set_keys[] = {"kind", "source", "values", NULL};
        int kind = 0;
        char *source = NULL;
        assess_jr_only(jr, s, set_keys);
        assess_jr_enum(jr, s, "kind", 1, kinds, &kind);
        assess_jr_string(jr, s, "source", 1, &source);
        free(source);
        cs->cpv = kind == 1;
        const cJSON *v = assess_jr_get(jr, s, "values", cJSON_Array, 1);
        size_t k = 0;
        size_t nv = (size_t)cJSON_GetArraySize(v) + 1;
        cs->values = calloc(nv, sizeof *cs->values);
        cs->prefix = calloc(nv, 1);
        for (const cJSON *x = v ? v->child : NULL; x && cs->values && cs->prefix;
             x = x->next, k++) {
            if (!cJSON_IsString(x) || !x->valuestring[0]) {
                size_t o3 = assess_jpath_index(&jr->path, k);
                assess_jr_error(jr, NULL, "a set value must be a non-empty string");
                assess_jpath_pop(&jr->path, o3);
                continue;
            }
            char *f = cs->cpv ? assess_strdup(x->valuestring) : fold(x->valuestring);
            size_t len = f ? strlen(f) : 0;
            if (len > 1 && f[len - 1] == '*') {
                f[len - 1] = '\0';
                cs->prefix[cs->n] = 1;
            }
            if (f && f[0])
                cs->values[cs->n++] = f;
            else
                free(f);
        }
        assess_jpath_pop(&jr->path, o2);
    }
    assess_jpath_pop(&jr->path, old);
}

static void read_params(assess_checkset *c, assess_jreader *jr, const cJSON *p)
{
    size_t old = assess_jpath_key(&jr->path, "parameters");
    size_t n = (size_t)cJSON_GetArraySize(p);
    c->params = calloc(n ? n : 1, sizeof *c->params);
    for (const cJSON *x = p ? p->child : NULL; x && c->params; x = x->next) {
        static const char *const keys[] = {"value", "explain", NULL};
        size_t o2 = assess_jpath_key(&jr->path, x->string);
        param *pm = &c->params[c->n_params++];
        pm->name = assess_strdup(x->string);
        assess_text t = {0};
        assess_jr_only(jr, x, keys);
        assess_jr_number(jr, x, "value", 1, -1e9, 1e9, &pm->value);
        assess_jr_text(jr, x, "explain", 1, &t);
        assess_text_release(&t);
        assess_jpath_pop(&jr->path, o2);
    }
    assess_jpath_pop(&jr->path, old);
}

/* Compile every condition once here, so that a typo is a load error. */
static int compiles(const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(NULL);
    if (!ctx)
        return 0;
    xmlXPathRegisterNs(ctx, BAD_CAST "sov", BAD_CAST SOV_NS);
    xmlXPathCompExprPtr e = xmlXPathCtxtCompile(ctx, BAD_CAST expr);
    xmlXPathFreeCompExpr(e);
    xmlXPathFreeContext(ctx);
    return e != NULL;
}

static void read_checks(assess_checkset *c, assess_jreader *jr, const cJSON *a)
{
    size_t old = assess_jpath_key(&jr->path, "checks");
    size_t n = (size_t)cJSON_GetArraySize(a);
    if (n > ASSESS_MAX_CHECKS) {
        assess_jr_error(jr, NULL, "%zu checks is more than the limit of %d", n,
                        ASSESS_MAX_CHECKS);
        n = ASSESS_MAX_CHECKS;
    }
    c->checks = calloc(n ? n : 1, sizeof *c->checks);
    size_t i = 0;
    for (const cJSON *x = a ? a->child : NULL; x && c->checks && i < n;
         x = x->next, i++) {
        size_t o2 = assess_jpath_index(&jr->path, i);
        assess_check *k = &c->checks[c->n_checks++];
        int sev = 0;
        assess_jr_only(jr, x, check_keys);
        assess_jr_string(jr, x, "id", 1, &k->id);
        assess_jr_string(jr, x, "family", 1, &k->family);
        if (assess_jr_enum(jr, x, "severity", 1, severities, &sev))
            k->severity = assess_strdup(severities[sev]);
        assess_jr_string(jr, x, "when", 1, &k->when);
        assess_jr_text(jr, x, "explain", 1, &k->explain);
        const cJSON *basis = assess_jr_get(jr, x, "basis", cJSON_Object, 1);
        if (basis) {
            static const char *const bkeys[] = {"text", "url", NULL};
            size_t o3 = assess_jpath_key(&jr->path, "basis");
            assess_jr_only(jr, basis, bkeys);
            assess_jr_string(jr, basis, "text", 1, &k->basis);
            assess_jr_string(jr, basis, "url", 1, &k->basis_url);
            assess_jpath_pop(&jr->path, o3);
        }
        if (k->when && !compiles(k->when))
            assess_jr_error(jr, "when", "not an XPath 1.0 expression: %s",
                            assess_xml_last_error());
        for (size_t j = 0; k->id && j + 1 < c->n_checks; j++)
            if (c->checks[j].id && strcmp(c->checks[j].id, k->id) == 0)
                assess_jr_error(jr, "id", "duplicate check id '%s'", k->id);
        assess_jpath_pop(&jr->path, o2);
    }
    assess_jpath_pop(&jr->path, old);
}

assess_status assess_checkset_load(assess_checkset **out, const char *path,
                                   const assess_registry *reg,
                                   assess_diags *d)
{
    *out = NULL;
    cJSON *root = NULL;
    assess_checkset *c = calloc(1, sizeof *c);
    if (!c)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL, "out of memory");
    assess_status st = assess_json_load(&root, path, c->sha256, d);
    if (st != ASSESS_OK) {
        free(c);
        return st;
    }
    assess_xml_thread_init();
    c->reg = reg;
    assess_jreader jr = ASSESS_JREADER(path, d);
    c->file = assess_strdup(assess_basename(path));
    assess_jpath_init(&jr.path);
    char *format = NULL;
    assess_text title = {0};
    assess_jr_only(&jr, root, top_keys);
    if (assess_jr_string(&jr, root, "format", 1, &format) && format &&
        strcmp(format, "assess-checks/1") != 0)
        assess_jr_error(&jr, "format", "expected 'assess-checks/1'");
    free(format);
    char *id = NULL;
    assess_jr_string(&jr, root, "id", 1, &id);
    free(id);
    assess_jr_string(&jr, root, "version", 1, &c->version);
    assess_jr_text(&jr, root, "title", 1, &title);
    assess_text_release(&title);
    const cJSON *p = assess_jr_get(&jr, root, "parameters", cJSON_Object, 0);
    if (p)
        read_params(c, &jr, p);
    const cJSON *s = assess_jr_get(&jr, root, "sets", cJSON_Object, 1);
    if (s)
        read_sets(c, &jr, s);
    const cJSON *k = assess_jr_get(&jr, root, "checks", cJSON_Array, 1);
    if (k)
        read_checks(c, &jr, k);
    cJSON_Delete(root);
    if (assess_jr_errors(&jr) || !c->file) {
        assess_checkset_free(c);
        return jr.errors ? ASSESS_ERR_RULE : ASSESS_ERR_NOMEM;
    }
    *out = c;
    return ASSESS_OK;
}

/* ---- the fact document ------------------------------------------------------ */

static void add_text(xmlNodePtr parent, const char *name, const char *value)
{
    if (value && *value)
        xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST value);
}

static void add_number(xmlNodePtr parent, const char *name, double v)
{
    char buf[64];
    if (v >= 0 && assess_facts_format_number(buf, sizeof buf, v) > 0)
        xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST buf);
}

static void add_bool(xmlNodePtr parent, const char *name, int v)
{
    if (v >= 0)
        xmlNewTextChild(parent, NULL, BAD_CAST name,
                        BAD_CAST(v ? "true" : "false"));
}

static void add_strings(xmlNodePtr parent, const char *name,
                        const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        add_text(parent, name, v[i]);
}

static void add_amount(xmlNodePtr parent, const char *name,
                       const assess_amount *a)
{
    if (a->value < 0)
        return;
    xmlNodePtr e = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    add_number(e, "amount", a->value);
    add_text(e, "currency", a->currency);
}

static void add_party(xmlNodePtr parent, const char *name,
                      const assess_notice_party *p, int winner)
{
    xmlNodePtr e = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    add_text(e, "name", p->name);
    add_text(e, "country", p->country);
    if (!winner)
        return;
    add_strings(e, "ubo_nationalities", p->ubo, p->n_ubo);
    if (p->group) {
        xmlNodePtr g = xmlNewChild(e, NULL, BAD_CAST "group", NULL);
        add_text(g, "id", p->group);
        add_text(g, "name", p->group_name);
        add_text(g, "country", p->group_country);
    }
}

static void add_lot(xmlNodePtr root, const assess_notice_lot *l)
{
    xmlNodePtr e = xmlNewChild(root, NULL, BAD_CAST "lot", NULL);
    add_text(e, "id", l->id);
    add_text(e, "title", l->title);
    add_text(e, "cpv_main", l->cpv_main);
    add_strings(e, "cpv_additional", l->cpv_additional, l->n_cpv_additional);
    add_amount(e, "estimated_value", &l->estimated);
    add_text(e, "criteria_basis", l->criteria_basis);
    for (size_t i = 0; i < l->n_criteria; i++) {
        const assess_notice_criterion *c = &l->criteria[i];
        xmlNodePtr ac = xmlNewChild(e, NULL, BAD_CAST "award_criteria", NULL);
        add_text(ac, "type", c->type);
        add_text(ac, "name", c->name);
        add_text(ac, "description", c->description);
        add_number(ac, "weight", c->weight);
    }
    add_number(e, "tenders_received", (double)l->tenders_received);
    add_number(e, "duration_months", l->duration_months);
    add_bool(e, "renewal", l->renewal);
    add_number(e, "max_renewals", (double)l->max_renewals);
    add_bool(e, "framework_agreement", l->framework_agreement);
    if (l->result >= 0)
        add_text(e, "result", l->result ? "awarded" : "no-winner");
    for (size_t i = 0; i < l->n_awards; i++) {
        const assess_notice_award *a = &l->awards[i];
        xmlNodePtr aw = xmlNewChild(e, NULL, BAD_CAST "awards", NULL);
        add_text(aw, "id", a->id);
        for (size_t k = 0; k < a->n_winners; k++)
            add_party(aw, "winners", &a->winners[k], 1);
        add_amount(aw, "value", &a->value);
    }
}

/* The notice's facts as elements named like its JSON members. */
static xmlDocPtr notice_doc(const assess_notice *n)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = doc ? xmlNewNode(NULL, BAD_CAST "notice") : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlDocSetRootElement(doc, root);
    add_text(root, "format", assess_notice_format_name(n->format));
    add_text(root, "id", n->id);
    add_text(root, "notice_type", n->notice_type);
    add_text(root, "form_type", n->form_type);
    add_text(root, "publication_date", n->publication_date);
    add_text(root, "changes", n->changes);
    for (size_t i = 0; i < n->n_buyers; i++)
        add_party(root, "buyers", &n->buyers[i], 0);
    add_text(root, "nature", n->nature);
    add_text(root, "cpv_main", n->cpv_main);
    add_strings(root, "cpv_additional", n->cpv_additional, n->n_cpv_additional);
    add_text(root, "procedure_type", n->procedure_type);
    add_strings(root, "direct_award", n->direct_award, n->n_direct_award);
    add_amount(root, "estimated_value", &n->estimated);
    add_text(root, "text", n->text);
    for (size_t i = 0; i < n->n_lots; i++)
        add_lot(root, &n->lots[i]);
    if (n->n_lots == 0)
        xmlNewChild(root, NULL, BAD_CAST "lot", NULL);
    return doc;
}

/* ---- evaluation ------------------------------------------------------------ */

/* A cached answer of sov:mentions on one node of the current notice. */
typedef struct mention {
    const void *node;
    size_t set;
    int hit;
} mention;

struct assess_checker {
    const assess_checkset *c;
    xmlXPathContextPtr ctx;
    xmlXPathCompExprPtr *expr;
    xmlDocPtr doc;
    xmlNodePtr *lots;
    size_t n_lots;
    unsigned char fired[ASSESS_MAX_CHECKS];
    mention cache[64];
    size_t n_cache;
};

static const check_set *find_set(const assess_checkset *c, const char *id,
                                 size_t *index)
{
    for (size_t i = 0; id && i < c->n_sets; i++)
        if (strcmp(c->sets[i].id, id) == 0) {
            *index = i;
            return &c->sets[i];
        }
    return NULL;
}

static int is_word(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80;
}

/* Does folded `text` hold a keyword of `s` as a whole word (or, for
   "word*", as a word start)? */
static int mentions(const check_set *s, const char *text)
{
    for (size_t i = 0; i < s->n; i++) {
        const char *k = s->values[i];
        size_t n = strlen(k);
        for (const char *p = text; (p = strstr(p, k)) != NULL; p++) {
            int left = p == text || !is_word((unsigned char)p[-1]);
            int right = s->prefix[i] || !is_word((unsigned char)p[n]);
            if (left && right)
                return 1;
        }
    }
    return 0;
}

static void fn_error(xmlXPathParserContextPtr ctxt)
{
    xmlXPathErr(ctxt, XPATH_EXPR_ERROR);
}

static void fn_in_group(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(2);
    assess_checker *k = ctxt->context->userData;
    xmlChar *country = xmlXPathPopString(ctxt);
    xmlChar *group = xmlXPathPopString(ctxt);
    int r = group && country && k->c->reg
                ? assess_groups_has(assess_registry_groups(k->c->reg),
                                    (const char *)group, (const char *)country)
                : -1;
    xmlFree(country);
    xmlFree(group);
    if (r < 0)
        fn_error(ctxt);
    else
        valuePush(ctxt, xmlXPathNewBoolean(r));
}

/* The string values of the argument on top of the stack (a node-set or
   anything else as one string), handed to fn until it returns 1. */
static int any_value(xmlXPathParserContextPtr ctxt,
                     int (*fn)(void *, const xmlNode *, const char *),
                     void *arg)
{
    int hit = 0;
    if (ctxt->value && ctxt->value->type == XPATH_NODESET) {
        xmlNodeSetPtr ns = xmlXPathPopNodeSet(ctxt);
        for (int i = 0; ns && i < ns->nodeNr && !hit; i++) {
            xmlChar *v = xmlNodeGetContent(ns->nodeTab[i]);
            hit = v && fn(arg, ns->nodeTab[i], (const char *)v);
            xmlFree(v);
        }
        xmlXPathFreeNodeSet(ns);
    } else {
        xmlChar *v = xmlXPathPopString(ctxt);
        hit = v && fn(arg, NULL, (const char *)v);
        xmlFree(v);
    }
    return hit;
}

static int cpv_prefixed(void *arg, const xmlNode *node, const char *v)
{
    const check_set *s = arg;
    (void)node;
    for (size_t i = 0; i < s->n; i++)
        if (strncmp(v, s->values[i], strlen(s->values[i])) == 0)
            return 1;
    return 0;
}

typedef struct mention_arg {
    assess_checker *k;
    const check_set *s;
    size_t index;
} mention_arg;

static int mention_value(void *arg, const xmlNode *node, const char *v)
{
    mention_arg *m = arg;
    assess_checker *k = m->k;
    for (size_t i = 0; node && i < k->n_cache; i++)
        if (k->cache[i].node == node && k->cache[i].set == m->index)
            return k->cache[i].hit;
    /* the notice's own text is folded already */
    int folded = node && node->parent && node->parent->parent &&
                 node->parent->parent->type == XML_DOCUMENT_NODE &&
                 strcmp((const char *)node->name, "text") == 0;
    char *f = folded ? NULL : fold(v);
    int hit = folded ? mentions(m->s, v) : f && mentions(m->s, f);
    free(f);
    if (node && k->n_cache < sizeof k->cache / sizeof *k->cache)
        k->cache[k->n_cache++] = (mention){node, m->index, hit};
    return hit;
}

static void set_fn(xmlXPathParserContextPtr ctxt, int nargs, int cpv)
{
    CHECK_ARITY(2);
    assess_checker *k = ctxt->context->userData;
    xmlXPathObjectPtr values = valuePop(ctxt);
    xmlChar *id = xmlXPathPopString(ctxt);
    size_t index = 0;
    const check_set *s = find_set(k->c, (const char *)id, &index);
    xmlFree(id);
    valuePush(ctxt, values);
    if (!s || s->cpv != cpv) {
        xmlXPathFreeObject(valuePop(ctxt));
        fn_error(ctxt);
        return;
    }
    mention_arg m = {k, s, index};
    int hit = cpv ? any_value(ctxt, cpv_prefixed, (void *)s)
                  : any_value(ctxt, mention_value, &m);
    valuePush(ctxt, xmlXPathNewBoolean(hit));
}

static void fn_cpv_in(xmlXPathParserContextPtr ctxt, int nargs)
{
    set_fn(ctxt, nargs, 1);
}

static void fn_mentions(xmlXPathParserContextPtr ctxt, int nargs)
{
    set_fn(ctxt, nargs, 0);
}

static void fn_fired(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    assess_checker *k = ctxt->context->userData;
    xmlChar *id = xmlXPathPopString(ctxt);
    int hit = -1;
    for (size_t i = 0; id && i < k->c->n_checks; i++)
        if (strcmp(k->c->checks[i].id, (const char *)id) == 0)
            hit = k->fired[i];
    xmlFree(id);
    if (hit < 0)
        fn_error(ctxt);
    else
        valuePush(ctxt, xmlXPathNewBoolean(hit));
}

static void fn_param(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(1);
    assess_checker *k = ctxt->context->userData;
    xmlChar *name = xmlXPathPopString(ctxt);
    const param *p = NULL;
    for (size_t i = 0; name && i < k->c->n_params; i++)
        if (strcmp(k->c->params[i].name, (const char *)name) == 0)
            p = &k->c->params[i];
    xmlFree(name);
    if (!p)
        fn_error(ctxt);
    else
        valuePush(ctxt, xmlXPathNewFloat(p->value));
}

static void fn_num(xmlXPathParserContextPtr ctxt, int nargs)
{
    CHECK_ARITY(2);
    double dflt = xmlXPathPopNumber(ctxt);
    double v = xmlXPathPopNumber(ctxt);
    valuePush(ctxt, xmlXPathNewFloat(isnan(v) ? dflt : v));
}

static const struct {
    const char *name;
    xmlXPathFunction fn;
} functions[] = {
    {"in-group", fn_in_group}, {"cpv-in", fn_cpv_in},
    {"mentions", fn_mentions}, {"fired", fn_fired},
    {"param", fn_param},       {"num", fn_num},
};

void assess_checker_free(assess_checker *k)
{
    if (!k)
        return;
    for (size_t i = 0; k->expr && i < k->c->n_checks; i++)
        xmlXPathFreeCompExpr(k->expr[i]);
    free(k->expr);
    free(k->lots);
    xmlFreeDoc(k->doc);
    xmlXPathFreeContext(k->ctx);
    free(k);
}

assess_status assess_checker_new(assess_checker **out,
                                 const assess_checkset *c, assess_diags *d)
{
    assess_checker *k = calloc(1, sizeof *k);
    *out = NULL;
    if (!k)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    k->c = c;
    assess_xml_thread_init();
    k->ctx = xmlXPathNewContext(NULL);
    k->expr = calloc(c->n_checks ? c->n_checks : 1, sizeof *k->expr);
    int ok = k->ctx && k->expr &&
             xmlXPathRegisterNs(k->ctx, BAD_CAST "sov", BAD_CAST SOV_NS) == 0;
    for (size_t i = 0; ok && i < sizeof functions / sizeof *functions; i++)
        ok = xmlXPathRegisterFuncNS(k->ctx, BAD_CAST functions[i].name,
                                    BAD_CAST SOV_NS, functions[i].fn) == 0;
    if (ok)
        k->ctx->userData = k;
    for (size_t i = 0; ok && i < c->n_checks; i++)
        ok = (k->expr[i] = xmlXPathCtxtCompile(k->ctx, BAD_CAST c->checks[i].when)) != NULL;
    if (!ok) {
        assess_checker_free(k);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, c->file, NULL,
                                "cannot compile the checks");
    }
    *out = k;
    return ASSESS_OK;
}

int assess_checker_notice(assess_checker *k, const assess_notice *n)
{
    xmlFreeDoc(k->doc);
    free(k->lots);
    k->lots = NULL;
    k->n_lots = 0;
    k->n_cache = 0;
    k->doc = notice_doc(n);
    if (!k->doc)
        return 0;
    size_t cap = n->n_lots ? n->n_lots : 1;
    k->lots = malloc(cap * sizeof *k->lots);
    if (!k->lots)
        return 0;
    for (xmlNodePtr c = xmlDocGetRootElement(k->doc)->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "lot") == 0 &&
            k->n_lots < cap)
            k->lots[k->n_lots++] = c;
    k->ctx->doc = k->doc;
    return 1;
}

size_t assess_checker_lot(assess_checker *k, size_t i, unsigned char *fired,
                          const char **error)
{
    size_t n = 0;
    *error = NULL;
    memset(k->fired, 0, sizeof k->fired);
    if (!k->doc || i >= k->n_lots)
        return 0;
    for (size_t c = 0; c < k->c->n_checks; c++) {
        k->ctx->node = k->lots[i];
        xmlXPathObjectPtr r = xmlXPathCompiledEval(k->expr[c], k->ctx);
        if (!r) {
            *error = "a check condition could not be evaluated";
            continue;
        }
        if (xmlXPathCastToBoolean(r)) {
            k->fired[c] = 1;
            fired[n++] = (unsigned char)c;
        }
        xmlXPathFreeObject(r);
    }
    return n;
}
