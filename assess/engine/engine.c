/*
 * engine.c - criterion levels from declared answers and fact rules.
 *
 * For each criterion the declared rung counts; rules then run in a fixed
 * order of kinds, whatever their order in the file:
 *   1. applies  - `when` false makes the criterion not-applicable;
 *   2. derive   - the rung from facts: used when nothing was declared; a
 *                 declared rung better than the derived one is a
 *                 DECLARATION-CONFLICT and the derived rung counts;
 *   3. cap      - `when` true limits the rung to max_rung; a declared rung
 *                 above it is a DECLARATION-CONFLICT and the cap counts
 *                 (with `caps: "advisory"` the declared rung is kept);
 *   4. flag     - `when` true raises the rule's flag.
 * A rule whose `needs` facts are absent does not run; that is an evidence
 * gap, never a pass or fail, and it never cancels a declared answer.
 * A rule that cannot be evaluated makes the outcome "error".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "assess/facts.h"
#include "engine/engine_internal.h"
#include "util/util.h"
#include "util/xml.h"

const char *assess_outcome_name(assess_outcome o)
{
    static const char *const names[] = {"pass",    "partial",        "fail",
                                        "unknown", "not-applicable", "error"};
    return (unsigned)o <= ASSESS_OUTCOME_ERROR ? names[o] : "error";
}

const char *assess_rung_source_name(assess_rung_source s)
{
    static const char *const names[] = {"none", "declared", "derived", "capped",
                                        "policy"};
    return (unsigned)s <= ASSESS_RUNG_POLICY ? names[s] : "none";
}

static xmlXPathCompExprPtr compile(assess_engine *e, const char *expr,
                                   const char *crit, const char *rule,
                                   int *errors, assess_diags *d)
{
    if (!expr)
        return NULL;
    xmlResetLastError();
    xmlXPathCompExprPtr c = xmlXPathCtxtCompile(e->ctx, BAD_CAST expr);
    if (!c) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", assess_xml_last_error());
        msg[strcspn(msg, "\n")] = '\0';
        assess_diags_add(d, ASSESS_ERR_RULE, e->fw->file, expr,
                         "%s rule %s: XPath does not compile: %s", crit, rule,
                         msg);
        (*errors)++;
    }
    return c;
}

static void compiled_release(compiled_rule *cr, const assess_rule *r)
{
    for (size_t n = 0; cr->needs && n < r->n_needs; n++)
        xmlXPathFreeCompExpr(cr->needs[n]);
    free(cr->needs);
    xmlXPathFreeCompExpr(cr->when);
    xmlXPathFreeCompExpr(cr->rung);
    xmlXPathFreeCompExpr(cr->detail);
    xmlXPathFreeCompExpr(cr->path);
    xmlXPathFreeCompExpr(cr->laws);
    xmlXPathFreeCompExpr(cr->unknown_when);
}

void assess_engine_free(assess_engine *e)
{
    if (!e)
        return;
    for (size_t i = 0; e->rules && i < e->fw->n_criteria; i++) {
        const assess_criterion *c = &e->fw->criteria[i];
        for (size_t k = 0; e->rules[i] && k < c->n_rules; k++)
            compiled_release(&e->rules[i][k], &c->rules[k]);
        free(e->rules[i]);
    }
    free(e->rules);
    for (size_t k = 0; e->gates && k < e->fw->n_gates; k++)
        compiled_release(&e->gates[k], &e->fw->gates[k]);
    free(e->gates);
    assess_chains_release(&e->chains);
    if (e->ctx)
        xmlXPathFreeContext(e->ctx);
    free(e);
}

/* Compile one rule's expressions; 0 on no memory. */
static int compile_rule(assess_engine *e, const assess_rule *r, compiled_rule *cr,
                        const char *where, int *errors, assess_diags *d)
{
    cr->needs = calloc(r->n_needs ? r->n_needs : 1, sizeof *cr->needs);
    if (!cr->needs)
        return 0;
    for (size_t n = 0; n < r->n_needs; n++)
        cr->needs[n] = compile(e, r->needs[n], where, r->id, errors, d);
    cr->when = compile(e, r->when, where, r->id, errors, d);
    cr->rung = compile(e, r->rung_expr, where, r->id, errors, d);
    cr->detail = compile(e, r->detail, where, r->id, errors, d);
    cr->path = compile(e, r->path, where, r->id, errors, d);
    cr->laws = compile(e, r->laws, where, r->id, errors, d);
    cr->unknown_when = compile(e, r->unknown_when, where, r->id, errors, d);
    return 1;
}

assess_status assess_engine_new(assess_engine **out, const assess_framework *fw,
                                const assess_registry *reg, assess_diags *d)
{
    *out = NULL;
    assess_xml_thread_init();
    assess_engine *e = calloc(1, sizeof *e);
    if (!e)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    e->fw = fw;
    e->reg = reg;
    e->groups = reg ? assess_registry_groups(reg) : NULL;
    e->trace = 1;
    e->ctx = xmlXPathNewContext(NULL);
    e->rules = calloc(fw->n_criteria ? fw->n_criteria : 1, sizeof *e->rules);
    e->gates = calloc(fw->n_gates ? fw->n_gates : 1, sizeof *e->gates);
    if (!e->ctx || !e->rules || !e->gates ||
        !assess_engine_register_functions(e->ctx)) {
        assess_engine_free(e);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    }
    e->ctx->userData = e;
    int errors = 0, ok = 1;
    for (size_t i = 0; ok && i < fw->n_criteria; i++) {
        const assess_criterion *c = &fw->criteria[i];
        if (!c->n_rules)
            continue;
        e->rules[i] = calloc(c->n_rules, sizeof **e->rules);
        ok = e->rules[i] != NULL;
        for (size_t k = 0; ok && k < c->n_rules; k++)
            ok = compile_rule(e, &c->rules[k], &e->rules[i][k], c->id, &errors,
                              d);
    }
    for (size_t k = 0; ok && k < fw->n_gates; k++)
        ok = compile_rule(e, &fw->gates[k], &e->gates[k], "gate", &errors, d);
    if (!ok) {
        assess_engine_free(e);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    }
    if (errors) {
        assess_engine_free(e);
        return ASSESS_ERR_RULE;
    }
    *out = e;
    return ASSESS_OK;
}

void assess_engine_set_sanctions(assess_engine *e, const assess_sanctions *s)
{
    e->sanctions = s;
}

void assess_engine_set_portfolio(assess_engine *e, const assess_portfolio *p)
{
    e->portfolio = p;
}

void assess_engine_set_trace(assess_engine *e, int on) { e->trace = on; }

void assess_engine_set_chain_flags(assess_engine *e, int on)
{
    e->no_chain_flags = !on;
}

/* ---- results ----------------------------------------------------------- */

void assess_flag_release(assess_flag *f)
{
    free(f->family);
    free(f->code);
    free(f->criterion);
    free(f->basis);
    assess_text_release(&f->message);
    for (size_t i = 0; i < f->n_path; i++)
        free(f->path[i]);
    free(f->path);
    for (size_t i = 0; i < f->n_laws; i++)
        free(f->laws[i]);
    free(f->laws);
}

const char *assess_gate_status_name(assess_gate_status st)
{
    static const char *const names[] = {"passed", "failed", "unknown", "error"};
    return (unsigned)st <= ASSESS_GATE_ERROR ? names[st] : "error";
}

void assess_result_release(assess_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->crit && i < r->n_crit; i++) {
        for (size_t k = 0; k < r->crit[i].n_trace; k++) {
            free(r->crit[i].trace[k].kind);
            free(r->crit[i].trace[k].rule);
            free(r->crit[i].trace[k].expr);
            free(r->crit[i].trace[k].value);
        }
        free(r->crit[i].trace);
    }
    free(r->crit);
    for (size_t i = 0; i < ASSESS_MAX_OBJECTIVES; i++)
        free(r->objectives[i].binding);
    for (size_t i = 0; i < r->n_failures; i++) {
        free(r->failures[i].gate);
        free(r->failures[i].criteria);
        assess_text_release(&r->failures[i].reason);
    }
    free(r->failures);
    for (size_t i = 0; i < r->n_gaps; i++) {
        free(r->gaps[i].criterion);
        assess_text_release(&r->gaps[i].reason);
    }
    free(r->gaps);
    for (size_t i = 0; i < r->n_flags; i++)
        assess_flag_release(&r->flags[i]);
    free(r->flags);
    for (size_t i = 0; i < r->n_checks; i++) {
        free(r->checks[i].id);
        assess_text_release(&r->checks[i].reason);
    }
    free(r->checks);
    for (size_t i = 0; i < r->n_chain; i++)
        free(r->chain[i]);
    free(r->chain);
    memset(r, 0, sizeof *r);
}

double assess_result_score_percent(const assess_result *r,
                                   const assess_framework *fw)
{
    return (double)r->weighted / (100.0 * (double)fw->nominal_points);
}

/* ---- evaluation state -------------------------------------------------- */

typedef struct eval_state {
    assess_engine *e;
    const assess_bid *bid;
    const assess_tender *tender;
    assess_result *res;
    size_t crit;           /* current criterion */
    const char *where;     /* criterion or gate id of flags and gaps */
    size_t flags_cap, gaps_cap;
    int nomem;
} eval_state;

static void trace_add(eval_state *s, const char *kind, const char *rule,
                      const char *expr, const char *value)
{
    if (!s->e->trace || s->crit >= s->res->n_crit)
        return; /* gates keep no trace */
    assess_crit_result *cr = &s->res->crit[s->crit];
    size_t cap = cr->n_trace; /* grow by one: traces are short */
    if (!assess_grow((void **)&cr->trace, &cap, cr->n_trace + 1,
                     sizeof *cr->trace)) {
        s->nomem = 1;
        return;
    }
    assess_trace_step *t = &cr->trace[cr->n_trace++];
    t->kind = assess_strdup(kind);
    t->rule = assess_strdup(rule);
    t->expr = assess_strdup(expr);
    t->value = assess_strdup(value);
}

static void gap_add(eval_state *s, char *en, char *nl)
{
    assess_result *r = s->res;
    if (!en || !nl ||
        !assess_grow((void **)&r->gaps, &s->gaps_cap, r->n_gaps + 1,
                     sizeof *r->gaps)) {
        free(en);
        free(nl);
        s->nomem = 1;
        return;
    }
    assess_gap *g = &r->gaps[r->n_gaps++];
    g->criterion = assess_strdup(s->where);
    g->reason.en = en;
    g->reason.nl = nl;
}

/* Replace {name} placeholders from a small table. */
static char *fill(const char *tmpl, const char *const *keys,
                  const char *const *vals)
{
    assess_buf b = {0};
    for (const char *p = tmpl; *p;) {
        int done = 0;
        if (*p == '{') {
            for (int i = 0; keys[i]; i++) {
                size_t n = strlen(keys[i]);
                if (!strncmp(p + 1, keys[i], n) && p[1 + n] == '}') {
                    assess_buf_puts(&b, vals[i] ? vals[i] : "");
                    p += n + 2;
                    done = 1;
                    break;
                }
            }
        }
        if (!done)
            assess_buf_add(&b, p++, 1);
    }
    return assess_buf_take(&b);
}

static char *entity_label(xmlNodePtr ent)
{
    xmlChar *name = NULL, *country = NULL;
    for (xmlNodePtr c = ent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(c->name, BAD_CAST "name") && !name)
            name = xmlNodeGetContent(c);
        else if (xmlStrEqual(c->name, BAD_CAST "country") && !country)
            country = xmlNodeGetContent(c);
    }
    char *s = assess_printf("%s (%s)", name ? (char *)name : "?",
                            country ? (char *)country : "?");
    xmlFree(name);
    xmlFree(country);
    return s;
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids of registry law nodes, sorted and unique; 0, or -1 when out of
   memory (a law left out would hide a reason). */
static int flag_laws(assess_flag *f, xmlNodeSetPtr laws)
{
    size_t n = laws ? (size_t)laws->nodeNr : 0;
    if (!n)
        return 0;
    if (!(f->laws = calloc(n, sizeof *f->laws)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr l = laws->nodeTab[i];
        for (xmlNodePtr c = l->type == XML_ELEMENT_NODE ? l->children : NULL; c;
             c = c->next)
            if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "id")) {
                xmlChar *v = xmlNodeGetContent(c);
                char *id = v ? assess_strdup((const char *)v) : NULL;
                xmlFree(v);
                if (!id)
                    return -1;
                f->laws[f->n_laws++] = id;
                break;
            }
    }
    if (f->n_laws)
        qsort(f->laws, f->n_laws, sizeof *f->laws, cmp_strp);
    size_t k = 0;
    for (size_t i = 0; i < f->n_laws; i++) {
        if (k && f->laws[i] && f->laws[k - 1] &&
            strcmp(f->laws[i], f->laws[k - 1]) == 0)
            free(f->laws[i]);
        else
            f->laws[k++] = f->laws[i];
    }
    f->n_laws = k;
    return 0;
}

static void flag_add(eval_state *s, const char *family, const char *code,
                     assess_severity sev, char *en, char *nl, const char *basis,
                     xmlNodeSetPtr path, xmlNodeSetPtr laws)
{
    assess_result *r = s->res;
    if (!en || !nl ||
        !assess_grow((void **)&r->flags, &s->flags_cap, r->n_flags + 1,
                     sizeof *r->flags)) {
        free(en);
        free(nl);
        s->nomem = 1;
        return;
    }
    assess_flag *f = &r->flags[r->n_flags++];
    memset(f, 0, sizeof *f);
    f->family = assess_strdup(family);
    f->code = assess_strdup(code);
    f->severity = sev;
    f->criterion = assess_strdup(s->where);
    f->message.en = en;
    f->message.nl = nl;
    f->basis = assess_strdup(basis);
    int lost = !f->family || !f->code || (s->where && !f->criterion) ||
               (basis && !f->basis) || flag_laws(f, laws) != 0;
    size_t n = path ? (size_t)path->nodeNr : 0;
    if (n) {
        lost |= !(f->path = calloc(n, sizeof *f->path));
        for (size_t i = 0; f->path && i < n; i++)
            if (path->nodeTab[i]->type == XML_ELEMENT_NODE)
                lost |= !(f->path[f->n_path++] = entity_label(path->nodeTab[i]));
    } else {
        /* default path: the tenderer */
        const assess_entity *t = assess_bid_entity(s->bid, s->bid->tenderer);
        if (t) {
            lost |= !(f->path = calloc(1, sizeof *f->path));
            if (f->path)
                lost |= !(f->path[f->n_path++] =
                              assess_printf("%s (%s)", t->name, t->country));
        }
    }
    if (lost) /* a flag without its code, law or path would mislead */
        s->nomem = 1;
}

/* Evaluate a compiled expression on the bid's fact document. NULL on an
   evaluation error, with the message in `err`. */
static xmlXPathObjectPtr eval(eval_state *s, xmlXPathCompExprPtr comp,
                              char *err, size_t errsize)
{
    assess_engine *e = s->e;
    e->fn_error[0] = '\0';
    xmlResetLastError();
    e->ctx->doc = s->bid->facts;
    e->ctx->node = xmlDocGetRootElement(s->bid->facts);
    xmlXPathObjectPtr v = xmlXPathCompiledEval(comp, e->ctx);
    if (!v) {
        const char *m = e->fn_error[0] ? e->fn_error : assess_xml_last_error();
        snprintf(err, errsize, "%s", m);
        err[strcspn(err, "\n")] = '\0';
    }
    return v;
}

/* Text of an XPath value for traces and {detail}: node-sets as their
   values joined by ", ". */
static char *value_text(xmlXPathObjectPtr v)
{
    if (!v)
        return assess_strdup("");
    if (v->type == XPATH_NODESET) {
        assess_buf b = {0};
        int n = v->nodesetval ? v->nodesetval->nodeNr : 0, shown = 0;
        for (int i = 0; i < n; i++) {
            xmlChar *t = xmlNodeGetContent(v->nodesetval->nodeTab[i]);
            int dup = 0; /* "US, US" says no more than "US" */
            for (int k = 0; k < i && !dup; k++) {
                xmlChar *u = xmlNodeGetContent(v->nodesetval->nodeTab[k]);
                dup = xmlStrEqual(t, u);
                xmlFree(u);
            }
            if (!dup)
                assess_buf_printf(&b, "%s%s", shown++ ? ", " : "",
                                  t ? (char *)t : "");
            xmlFree(t);
        }
        if (!n)
            assess_buf_puts(&b, "(empty)");
        return assess_buf_take(&b);
    }
    if (v->type == XPATH_BOOLEAN)
        return assess_strdup(v->boolval ? "true" : "false");
    if (v->type == XPATH_NUMBER) {
        char num[400];
        if (assess_facts_format_number(num, sizeof num, v->floatval) < 0)
            snprintf(num, sizeof num, "NaN");
        return assess_strdup(num);
    }
    xmlChar *t = xmlXPathCastToString(v);
    char *s = assess_strdup(t ? (char *)t : "");
    xmlFree(t);
    return s;
}

static const char *rung_label(const assess_criterion *c, int rung)
{
    return rung >= 0 && rung < c->n_rungs ? c->rungs[rung].label : "";
}

/* The conflict between a declared rung and the rung the facts allow. */
static void conflict(eval_state *s, const assess_rule *rule, int declared,
                     int allowed, int kept)
{
    const assess_criterion *c = &s->e->fw->criteria[s->crit];
    char dec[16], cap[16];
    snprintf(dec, sizeof dec, "%d", declared);
    snprintf(cap, sizeof cap, "%d", allowed);
    const char *keys[] = {"criterion", "declared", "declared_label", "cap",
                          "cap_label", "rule", NULL};
    const char *vals[] = {c->id, dec, rung_label(c, declared), cap,
                          rung_label(c, allowed), rule->id, NULL};
    const char *en = kept
        ? "{criterion}: the declared rung {declared} ('{declared_label}') is "
          "better than the facts allow, at most rung {cap} ('{cap_label}') by "
          "rule {rule}; caps are advisory in this tender, so the declared "
          "rung counts"
        : "{criterion}: the declared rung {declared} ('{declared_label}') is "
          "better than the facts allow; rung {cap} ('{cap_label}') counts by "
          "rule {rule}";
    const char *nl = kept
        ? "{criterion}: het opgegeven niveau {declared} ('{declared_label}') "
          "is beter dan de feiten toelaten, hoogstens niveau {cap} "
          "('{cap_label}') volgens regel {rule}; begrenzingen zijn in deze "
          "aanbesteding adviserend, dus het opgegeven niveau telt"
        : "{criterion}: het opgegeven niveau {declared} ('{declared_label}') "
          "is beter dan de feiten toelaten; niveau {cap} ('{cap_label}') telt "
          "volgens regel {rule}";
    char *fen = fill(en, keys, vals), *fnl = fill(nl, keys, vals);
    if (rule->reason.en && fen && fnl) {
        char *a = assess_printf("%s: %s", fen, rule->reason.en);
        char *b = assess_printf("%s: %s", fnl, rule->reason.nl);
        free(fen);
        free(fnl);
        fen = a;
        fnl = b;
    }
    flag_add(s, "EVIDENCE", "DECLARATION-CONFLICT", ASSESS_SEV_MEDIUM, fen, fnl,
             rule->flag.basis ? rule->flag.basis
             : rule->basis    ? rule->basis
                              : "framework rule",
             NULL, NULL);
}

/* Raise the rule's own flag with {detail} filled in. */
static void rule_flag(eval_state *s, const assess_rule *rule,
                      const compiled_rule *cr, char *err, size_t errsize,
                      int *failed)
{
    if (!rule->has_flag)
        return;
    char *detail = NULL;
    xmlXPathObjectPtr pv = NULL;
    if (cr->detail) {
        xmlXPathObjectPtr dv = eval(s, cr->detail, err, errsize);
        if (!dv) {
            *failed = 1;
            return;
        }
        detail = value_text(dv);
        xmlXPathFreeObject(dv);
    }
    if (cr->path) {
        pv = eval(s, cr->path, err, errsize);
        if (!pv || pv->type != XPATH_NODESET) {
            if (pv)
                snprintf(err, errsize, "rule %s: 'path' must give a node-set",
                         rule->id);
            xmlXPathFreeObject(pv);
            free(detail);
            *failed = 1;
            return;
        }
    }
    xmlXPathObjectPtr lv = NULL;
    if (cr->laws) {
        lv = eval(s, cr->laws, err, errsize);
        if (!lv || lv->type != XPATH_NODESET) {
            if (lv)
                snprintf(err, errsize, "rule %s: 'laws' must give a node-set",
                         rule->id);
            xmlXPathFreeObject(lv);
            xmlXPathFreeObject(pv);
            free(detail);
            *failed = 1;
            return;
        }
    }
    /* {laws}: the short names of the laws, in order */
    assess_buf lb = {0};
    for (int i = 0; lv && lv->nodesetval && i < lv->nodesetval->nodeNr; i++) {
        xmlNodePtr l = lv->nodesetval->nodeTab[i];
        for (xmlNodePtr c = l->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "short")) {
                xmlChar *v = xmlNodeGetContent(c);
                assess_buf_printf(&lb, "%s%s", lb.len ? ", " : "",
                                  v ? (char *)v : "");
                xmlFree(v);
            }
    }
    char *laws = assess_buf_take(&lb);
    const char *keys[] = {"criterion", "detail", "laws", NULL};
    const char *vals[] = {s->where, detail, laws, NULL};
    flag_add(s, rule->flag.family, rule->flag.code, rule->flag.severity,
             fill(rule->flag.message.en, keys, vals),
             fill(rule->flag.message.nl, keys, vals), rule->flag.basis,
             pv ? pv->nodesetval : NULL, lv ? lv->nodesetval : NULL);
    trace_add(s, "flag", rule->id, NULL, rule->flag.code);
    free(laws);
    xmlXPathFreeObject(lv);
    xmlXPathFreeObject(pv);
    free(detail);
}

/* Are all facts a rule needs present? Records the first missing one. */
static int needs_met(eval_state *s, const assess_rule *rule,
                     const compiled_rule *cr, char *err, size_t errsize,
                     int *failed)
{
    for (size_t n = 0; n < rule->n_needs; n++) {
        xmlXPathObjectPtr v = eval(s, cr->needs[n], err, errsize);
        if (!v) {
            *failed = 1;
            return 0;
        }
        int present = xmlXPathCastToBoolean(v);
        char *vt = present && s->e->trace ? value_text(v) : NULL;
        xmlXPathFreeObject(v);
        trace_add(s, "need", rule->id, rule->needs[n],
                  present ? (vt ? vt : "present") : "missing");
        free(vt);
        if (!present) {
            gap_add(s,
                    assess_printf("%s: rule %s could not run: the fact %s is "
                                  "not declared",
                                  s->where, rule->id, rule->needs[n]),
                    assess_printf("%s: regel %s kon niet worden toegepast: "
                                  "het gegeven %s is niet opgegeven",
                                  s->where, rule->id, rule->needs[n]));
            return 0;
        }
    }
    return 1;
}

static void evaluate_criterion(eval_state *s)
{
    const assess_criterion *c = &s->e->fw->criteria[s->crit];
    assess_crit_result *cr = &s->res->crit[s->crit];
    const compiled_rule *rules = s->e->rules[s->crit];
    char err[300] = "";
    char buf[64];
    int failed = 0, applicable = 1;

    cr->declared = -1;
    cr->rung = -1;
    cr->seal = -1;
    for (size_t i = 0; i < s->bid->n_answers; i++) {
        const assess_answer *a = &s->bid->answers[i];
        if (strcmp(a->criterion, c->id) == 0) {
            cr->declared = a->rung;
            cr->evidence = a->evidence;
            cr->confidence = a->confidence;
            break;
        }
    }
    if (cr->declared >= 0) {
        cr->rung = cr->declared;
        cr->source = ASSESS_RUNG_DECLARED;
        snprintf(buf, sizeof buf, "%d", cr->declared);
        trace_add(s, "answer", NULL, c->rungs[cr->declared].label, buf);
    } else {
        trace_add(s, "answer", NULL, NULL, "no answer");
    }

    static const assess_rule_kind order[] = {ASSESS_RULE_APPLIES,
                                             ASSESS_RULE_DERIVE,
                                             ASSESS_RULE_CAP, ASSESS_RULE_FLAG};
    for (size_t o = 0; o < 4 && !failed && applicable; o++) {
        for (size_t k = 0; k < c->n_rules && !failed && applicable; k++) {
            const assess_rule *rule = &c->rules[k];
            const compiled_rule *cpl = &rules[k];
            if (rule->kind != order[o])
                continue;
            if (!needs_met(s, rule, cpl, err, sizeof err, &failed))
                continue;
            xmlXPathObjectPtr v = eval(s, rule->kind == ASSESS_RULE_DERIVE
                                              ? cpl->rung
                                              : cpl->when,
                                       err, sizeof err);
            if (!v) {
                failed = 1;
                break;
            }
            char *vt = value_text(v);
            const char *expr =
                rule->kind == ASSESS_RULE_DERIVE ? rule->rung_expr : rule->when;
            if (rule->kind == ASSESS_RULE_DERIVE) {
                double x = xmlXPathCastToNumber(v);
                trace_add(s, "derive", rule->id, expr, vt);
                if (isnan(x) || x != floor(x) || x < 0 || x >= c->n_rungs) {
                    snprintf(err, sizeof err,
                             "rule %s derived '%s', not a rung 0..%d", rule->id,
                             vt ? vt : "", c->n_rungs - 1);
                    failed = 1;
                } else if (cr->declared < 0) {
                    cr->rung = (int)x;
                    cr->source = ASSESS_RUNG_DERIVED;
                } else if ((int)x < cr->rung) {
                    conflict(s, rule, cr->declared, (int)x,
                             s->tender && s->tender->caps_advisory);
                    if (!(s->tender && s->tender->caps_advisory)) {
                        cr->rung = (int)x;
                        cr->source = ASSESS_RUNG_CAPPED;
                    }
                }
            } else {
                int b = xmlXPathCastToBoolean(v);
                trace_add(s, rule->kind == ASSESS_RULE_APPLIES ? "applies"
                                                               : "condition",
                          rule->id, expr, b ? "true" : "false");
                if (rule->kind == ASSESS_RULE_APPLIES) {
                    applicable = b;
                } else if (b) {
                    if (rule->kind == ASSESS_RULE_CAP && cr->rung > rule->max_rung) {
                        int advisory = s->tender && s->tender->caps_advisory;
                        conflict(s, rule, cr->rung, rule->max_rung, advisory);
                        snprintf(buf, sizeof buf, "at most %d", rule->max_rung);
                        trace_add(s, "cap", rule->id, NULL, buf);
                        if (!advisory) {
                            cr->rung = rule->max_rung;
                            cr->source = ASSESS_RUNG_CAPPED;
                        }
                    }
                    rule_flag(s, rule, cpl, err, sizeof err, &failed);
                }
            }
            free(vt);
            xmlXPathFreeObject(v);
        }
    }
    if (failed) {
        cr->outcome = ASSESS_OUTCOME_ERROR;
        cr->rung = -1;
        cr->source = ASSESS_RUNG_NONE;
        trace_add(s, "error", NULL, NULL, err);
        gap_add(s,
                assess_printf("%s: a rule could not be evaluated: %s", c->id,
                              err),
                assess_printf("%s: een regel kon niet worden geëvalueerd: %s",
                              c->id, err));
    } else if (!applicable) {
        cr->outcome = ASSESS_OUTCOME_NOT_APPLICABLE;
        cr->rung = -1;
        cr->source = ASSESS_RUNG_NONE;
    } else if (cr->rung < 0) {
        cr->outcome = ASSESS_OUTCOME_UNKNOWN;
    } else if (cr->rung == c->n_rungs - 1) {
        cr->outcome = ASSESS_OUTCOME_PASS;
    } else if (cr->rung == 0) {
        cr->outcome = ASSESS_OUTCOME_FAIL;
    } else {
        cr->outcome = ASSESS_OUTCOME_PARTIAL;
    }
}

/* One framework gate: failed when `when` holds; unknown when a needed
   fact, the sanctions list, or `unknown_when` says so. */
static void evaluate_gate(eval_state *s, size_t g, assess_gate_check *chk)
{
    const assess_rule *rule = &s->e->fw->gates[g];
    const compiled_rule *cr = &s->e->gates[g];
    char err[300] = "";
    int failed = 0, review = 0;
    s->where = rule->id;
    chk->id = assess_strdup(rule->id);
    if (rule->requires_sanctions && !s->e->sanctions) {
        chk->status = ASSESS_GATE_UNKNOWN;
        chk->reason.en = assess_printf(
            "not screened: no sanctions list was given (--sanctions FILE), so "
            "the gate cannot pass (%s)", rule->reason.en);
        chk->reason.nl = assess_printf(
            "niet gescreend: er is geen sanctielijst opgegeven (--sanctions "
            "BESTAND), dus de drempel kan niet slagen (%s)", rule->reason.nl);
        gap_add(s, assess_strdup(chk->reason.en), assess_strdup(chk->reason.nl));
        return;
    }
    if (!needs_met(s, rule, cr, err, sizeof err, &failed)) {
        chk->status = failed ? ASSESS_GATE_ERROR : ASSESS_GATE_UNKNOWN;
    } else {
        xmlXPathObjectPtr v = eval(s, cr->when, err, sizeof err);
        int hit = v ? xmlXPathCastToBoolean(v) : 0;
        xmlXPathFreeObject(v);
        if (!v) {
            chk->status = ASSESS_GATE_ERROR;
        } else if (hit) {
            chk->status = ASSESS_GATE_FAIL;
            rule_flag(s, rule, cr, err, sizeof err, &failed);
            if (failed)
                chk->status = ASSESS_GATE_ERROR;
        } else if (cr->unknown_when) {
            xmlXPathObjectPtr u = eval(s, cr->unknown_when, err, sizeof err);
            if (!u)
                chk->status = ASSESS_GATE_ERROR;
            else if (xmlXPathCastToBoolean(u)) {
                chk->status = ASSESS_GATE_UNKNOWN;
                review = 1;
                rule_flag(s, rule, cr, err, sizeof err, &failed);
                if (failed)
                    chk->status = ASSESS_GATE_ERROR;
            }
            xmlXPathFreeObject(u);
        }
    }
    switch (chk->status) {
    case ASSESS_GATE_FAIL:
        chk->reason.en = assess_printf("failed: %s", rule->reason.en);
        chk->reason.nl = assess_printf("niet gehaald: %s", rule->reason.nl);
        break;
    case ASSESS_GATE_UNKNOWN:
        chk->reason.en = review
            ? assess_printf("unknown: a possible hit needs an evaluator's "
                            "review (see the %s flag) (%s)",
                            rule->flag.code, rule->reason.en)
            : assess_printf("unknown: the facts the gate needs are not "
                            "declared (%s)", rule->reason.en);
        chk->reason.nl = review
            ? assess_printf("onbekend: een mogelijke treffer moet door een "
                            "beoordelaar worden bekeken (zie de vlag %s) (%s)",
                            rule->flag.code, rule->reason.nl)
            : assess_printf("onbekend: de gegevens die de drempel nodig heeft "
                            "zijn niet opgegeven (%s)", rule->reason.nl);
        if (!s->res->n_gaps || strcmp(s->res->gaps[s->res->n_gaps - 1].criterion,
                                      rule->id) != 0)
            gap_add(s, assess_strdup(chk->reason.en),
                    assess_strdup(chk->reason.nl));
        break;
    case ASSESS_GATE_ERROR:
        chk->reason.en = assess_printf("error: the gate could not be evaluated: "
                                       "%s", err);
        chk->reason.nl = assess_printf("fout: de drempel kon niet worden "
                                       "geëvalueerd: %s", err);
        gap_add(s, assess_strdup(chk->reason.en), assess_strdup(chk->reason.nl));
        break;
    default:
        chk->reason.en = assess_printf("passed: %s", rule->reason.en);
        chk->reason.nl = assess_printf("gehaald: %s", rule->reason.nl);
    }
}

/* Conflicts between the declared chain and the registry, as flags. */
static void chain_flags(eval_state *s)
{
    s->where = NULL;
    for (size_t i = 0; i < s->e->chains.n_conflicts; i++) {
        const chain_conflict *k = &s->e->chains.conflicts[i];
        size_t before = s->res->n_flags;
        flag_add(s, "EVIDENCE", chain_conflict_code(k->kind),
                 k->kind == CHAIN_UNMENTIONED_CHANGE ? ASSESS_SEV_MEDIUM
                                                     : ASSESS_SEV_HIGH,
                 assess_strdup(k->en), assess_strdup(k->nl),
                 "assess registry (rules/registry/entities.json); the "
                 "registry's facts count over the declaration until an "
                 "evaluator decides",
                 NULL, NULL);
        if (s->res->n_flags > before) {
            assess_flag *f = &s->res->flags[s->res->n_flags - 1];
            for (size_t p = 0; p < f->n_path; p++)
                free(f->path[p]);
            free(f->path);
            f->path = calloc(k->n_path ? k->n_path : 1, sizeof *f->path);
            f->n_path = 0;
            if (!f->path)
                s->nomem = 1;
            for (size_t p = 0; f->path && p < k->n_path; p++)
                if (!(f->path[f->n_path++] = assess_strdup(k->path[p])))
                    s->nomem = 1;
        }
    }
}

/* The tenderer's chain as labels "Name (CC)". */
static void tenderer_chain(eval_state *s)
{
    xmlNodePtr c = assess_chains_of(&s->e->chains, s->bid, s->bid->tenderer);
    size_t n = 0;
    for (xmlNodePtr l = c ? c->children : NULL; l; l = l->next)
        n++;
    if (!n)
        return;
    if (!(s->res->chain = calloc(n, sizeof *s->res->chain))) {
        s->nomem = 1;
        return;
    }
    for (xmlNodePtr l = c->children; l; l = l->next) {
        char *label = entity_label(l);
        if (!label) {
            s->nomem = 1;
            return;
        }
        s->res->chain[s->res->n_chain++] = label;
    }
}

assess_status assess_engine_evaluate(assess_engine *e, const assess_bid *bid,
                                     const assess_tender *tender,
                                     assess_result *res, assess_diags *d)
{
    unsigned long nomem_at = assess_nomem_count();
    memset(res, 0, sizeof *res);
    res->bid = bid;
    res->lot = tender ? assess_tender_lot(tender, bid->lot) : NULL;
    /* a count only beside its array: the release walks what is counted */
    res->crit = calloc(e->fw->n_criteria ? e->fw->n_criteria : 1, sizeof *res->crit);
    res->n_crit = res->crit ? e->fw->n_criteria : 0;
    res->checks = calloc(e->fw->n_gates ? e->fw->n_gates : 1, sizeof *res->checks);
    res->n_checks = res->checks ? e->fw->n_gates : 0;
    const char *date = tender && tender->assessment_date[0]
                           ? tender->assessment_date
                           : "9999-12-31";
    if (!res->crit || !res->checks ||
        assess_chains_resolve(&e->chains, bid, e->reg, date) != ASSESS_OK) {
        assess_result_release(res);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, bid->file, NULL,
                                "out of memory");
    }
    e->bid = bid;
    e->date = date;
    eval_state s = {.e = e, .bid = bid, .tender = tender, .res = res};
    if (!e->no_chain_flags)
        chain_flags(&s);
    for (s.crit = 0; s.crit < e->fw->n_criteria; s.crit++) {
        s.where = e->fw->criteria[s.crit].id;
        evaluate_criterion(&s);
    }
    for (size_t g = 0; g < e->fw->n_gates; g++)
        evaluate_gate(&s, g, &res->checks[g]);
    tenderer_chain(&s);
    e->ctx->doc = NULL;
    e->ctx->node = NULL;
    e->bid = NULL;
    assess_chains_release(&e->chains);
    if (s.nomem || assess_nomem_count() != nomem_at) {
        assess_result_release(res);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, bid->file, NULL,
                                "out of memory");
    }
    return ASSESS_OK;
}

/* ---- lint: a dry evaluation -------------------------------------------- */

static void check_one(assess_engine *e, xmlDocPtr doc, const assess_criterion *c,
                      const assess_rule *r, xmlXPathCompExprPtr comp,
                      const char *expr, const char *field, int want,
                      int *errors, assess_diags *d)
{
    if (!comp)
        return;
    e->fn_error[0] = '\0';
    xmlResetLastError();
    e->ctx->doc = doc;
    e->ctx->node = xmlDocGetRootElement(doc);
    xmlXPathObjectPtr v = xmlXPathCompiledEval(comp, e->ctx);
    char where[160];
    snprintf(where, sizeof where, "%s rule %s '%s'", c->id, r->id, field);
    if (!v) {
        xmlErrorPtr err = xmlGetLastError();
        /* errors that depend on facts (a cycle) cannot show on an empty
           document; what shows here is wrong whatever the bid says */
        char msg[256];
        snprintf(msg, sizeof msg, "%s",
                 e->fn_error[0] ? e->fn_error : assess_xml_last_error());
        msg[strcspn(msg, "\n")] = '\0';
        assess_diags_add(d, ASSESS_ERR_RULE, e->fw->file, expr,
                         "%s: XPath cannot be evaluated: %s%s", where, msg,
                         err && err->code == XML_XPATH_UNKNOWN_FUNC_ERROR
                             ? " (unknown function)"
                             : "");
        (*errors)++;
        return;
    }
    if (want == XPATH_BOOLEAN && v->type == XPATH_NODESET) {
        assess_diags_add(d, ASSESS_ERR_RULE, e->fw->file, expr,
                         "%s: a bare path is not a test: it is true whenever "
                         "the element exists, also for 'false'; compare "
                         "explicitly (= 'true') or use count() or boolean()",
                         where);
        (*errors)++;
    } else if (want == XPATH_NUMBER && v->type != XPATH_NUMBER) {
        assess_diags_add(d, ASSESS_ERR_RULE, e->fw->file, expr,
                         "%s: a derived rung must be a number expression "
                         "(use number(...))",
                         where);
        (*errors)++;
    } else if (want == XPATH_NODESET && v->type != XPATH_NODESET) {
        assess_diags_add(d, ASSESS_ERR_RULE, e->fw->file, expr,
                         "%s: must give a node-set", where);
        (*errors)++;
    }
    xmlXPathFreeObject(v);
}

assess_status assess_engine_check(assess_engine *e, assess_diags *d)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = doc ? xmlNewDocNode(doc, NULL, BAD_CAST "bid", NULL) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    }
    xmlDocSetRootElement(doc, root);
    int errors = 0;
    for (size_t i = 0; i < e->fw->n_criteria; i++) {
        const assess_criterion *c = &e->fw->criteria[i];
        for (size_t k = 0; k < c->n_rules; k++) {
            const assess_rule *r = &c->rules[k];
            const compiled_rule *cr = &e->rules[i][k];
            for (size_t n = 0; n < r->n_needs; n++)
                check_one(e, doc, c, r, cr->needs[n], r->needs[n], "needs", -1,
                          &errors, d);
            check_one(e, doc, c, r, cr->when, r->when, "when", XPATH_BOOLEAN,
                      &errors, d);
            check_one(e, doc, c, r, cr->rung, r->rung_expr, "rung", XPATH_NUMBER,
                      &errors, d);
            check_one(e, doc, c, r, cr->detail, r->detail, "detail", -1,
                      &errors, d);
            check_one(e, doc, c, r, cr->path, r->path, "path", XPATH_NODESET,
                      &errors, d);
            check_one(e, doc, c, r, cr->laws, r->laws, "laws", XPATH_NODESET,
                      &errors, d);
        }
    }
    /* gates that screen need a list: check them against a one-name list */
    static const char dummy[] = "<export><sanctionEntity logicalId=\"0\">"
                                "<nameAlias wholeName=\"lint\"/>"
                                "</sanctionEntity></export>";
    const assess_sanctions *saved = e->sanctions;
    assess_sanctions *probe = NULL;
    if (!saved && assess_sanctions_parse(&probe, "lint", dummy,
                                         sizeof dummy - 1, NULL) == ASSESS_OK)
        e->sanctions = probe;
    static const assess_criterion gate_owner = {.id = (char *)"gate"};
    for (size_t k = 0; k < e->fw->n_gates; k++) {
        const assess_rule *r = &e->fw->gates[k];
        const compiled_rule *cr = &e->gates[k];
        check_one(e, doc, &gate_owner, r, cr->when, r->when, "when",
                  XPATH_BOOLEAN, &errors, d);
        check_one(e, doc, &gate_owner, r, cr->detail, r->detail, "detail", -1,
                  &errors, d);
        check_one(e, doc, &gate_owner, r, cr->unknown_when, r->unknown_when,
                  "unknown_when", XPATH_BOOLEAN, &errors, d);
        check_one(e, doc, &gate_owner, r, cr->path, r->path, "path",
                  XPATH_NODESET, &errors, d);
        check_one(e, doc, &gate_owner, r, cr->laws, r->laws, "laws",
                  XPATH_NODESET, &errors, d);
    }
    e->sanctions = saved;
    assess_sanctions_free(probe);
    e->ctx->doc = NULL;
    e->ctx->node = NULL;
    xmlFreeDoc(doc);
    return errors ? ASSESS_ERR_RULE : ASSESS_OK;
}
