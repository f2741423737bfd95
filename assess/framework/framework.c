/*
 * framework.c - load and check a framework (format "assess-framework/1").
 *
 * The loader is also the linter: it keeps going after a problem and reports
 * every one with its JSON path. It checks
 *   - ids: unique objectives and criteria, each criterion in one objective;
 *   - ladders: 2..ASSESS_MAX_RUNGS rungs, points >= 0 with at most two
 *     decimals and strictly increasing, SEAL 0..4 and never decreasing
 *     (the invariants of the CSF calculator catalogue);
 *   - weight profiles: one weight per objective, integers summing to 100;
 *   - rules: kind-specific fields, caps within the ladder, every XPath
 *     expression compiles, flags with a known family and severity.
 * Functions and result types of the expressions are checked by the engine
 * (assess lint runs a dry evaluation).
 */
#include "assess/framework.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "util/util.h"
#include "util/xml.h"

static const char *const severity_names[] = {"info", "low", "medium", "high",
                                             "blocker", NULL};

const char *assess_severity_name(assess_severity s)
{
    return (unsigned)s <= ASSESS_SEV_BLOCKER ? severity_names[s] : NULL;
}

int assess_severity_parse(const char *name)
{
    for (int i = 0; severity_names[i]; i++)
        if (strcmp(name, severity_names[i]) == 0)
            return i;
    return -1;
}

/* The flag families of the project (README "Flags"). */
static const char *const families[] = {
    "EXTRATERRITORIAL", "SANCTIONS",     "EXPORT-CONTROL", "LOCK-IN",
    "CONTROL-LOSS",     "CONCENTRATION", "OPENNESS",       "EU-PREFERENCE",
    "EVIDENCE",         "TECHNOLOGY-LICENCE", NULL};

static void flag_def_release(assess_flag_def *f)
{
    free(f->family);
    free(f->code);
    free(f->basis);
    assess_text_release(&f->message);
}

static void rule_release(assess_rule *r)
{
    free(r->id);
    for (size_t i = 0; i < r->n_needs; i++)
        free(r->needs[i]);
    free(r->needs);
    free(r->when);
    free(r->rung_expr);
    free(r->detail);
    free(r->path);
    free(r->laws);
    free(r->unknown_when);
    free(r->basis);
    assess_text_release(&r->reason);
    flag_def_release(&r->flag);
}

void assess_framework_free(assess_framework *fw)
{
    if (!fw)
        return;
    for (size_t i = 0; i < fw->n_criteria; i++) {
        assess_criterion *c = &fw->criteria[i];
        free(c->id);
        free(c->title);
        free(c->question);
        free(c->basis);
        for (int k = 0; k < c->n_rungs; k++)
            free(c->rungs[k].label);
        free(c->rungs);
        for (size_t k = 0; k < c->n_rules; k++)
            rule_release(&c->rules[k]);
        free(c->rules);
    }
    free(fw->criteria);
    for (size_t i = 0; i < fw->n_gates; i++)
        rule_release(&fw->gates[i]);
    free(fw->gates);
    free(fw->controllers);
    for (size_t i = 0; i < fw->n_objectives; i++) {
        free(fw->objectives[i].id);
        free(fw->objectives[i].title);
    }
    for (size_t i = 0; i < fw->n_profiles; i++) {
        free(fw->profiles[i].id);
        free(fw->profiles[i].label);
    }
    free(fw->profiles);
    for (int i = 0; i < 5; i++)
        assess_text_release(&fw->seal_names[i]);
    free(fw->id);
    free(fw->version);
    free(fw->title);
    free(fw->attribution);
    free(fw->file);
    free(fw);
}

long assess_framework_criterion(const assess_framework *fw, const char *id)
{
    for (size_t i = 0; id && i < fw->n_criteria; i++)
        if (fw->criteria[i].id && strcmp(fw->criteria[i].id, id) == 0)
            return (long)i; /* an id may be missing while a file is refused */
    return -1;
}

long assess_framework_objective(const assess_framework *fw, const char *id)
{
    for (size_t i = 0; id && i < fw->n_objectives; i++)
        if (fw->objectives[i].id && strcmp(fw->objectives[i].id, id) == 0)
            return (long)i;
    return -1;
}

long assess_framework_profile(const assess_framework *fw, const char *id)
{
    for (size_t i = 0; id && i < fw->n_profiles; i++)
        if (fw->profiles[i].id && strcmp(fw->profiles[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* Compile to check the syntax; the engine compiles again per thread. */
static void check_xpath(assess_jreader *r, const char *key, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(NULL);
    if (!ctx) {
        assess_jr_error(r, key, "out of memory");
        return;
    }
    xmlXPathRegisterNs(ctx, BAD_CAST "sov", BAD_CAST ASSESS_SOV_NS);
    xmlResetLastError();
    xmlXPathCompExprPtr comp = xmlXPathCtxtCompile(ctx, BAD_CAST expr);
    if (!comp) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", assess_xml_last_error());
        msg[strcspn(msg, "\n")] = '\0';
        assess_jr_error(r, key, "XPath does not compile: %s: '%s'", msg, expr);
    }
    xmlXPathFreeCompExpr(comp);
    xmlXPathFreeContext(ctx);
}

static int read_xpath(assess_jreader *r, const cJSON *obj, const char *key,
                      int required, char **out)
{
    if (!assess_jr_string(r, obj, key, required, out))
        return 0;
    if (*out)
        check_xpath(r, key, *out);
    return 1;
}

static void read_flag(assess_jreader *r, const cJSON *obj, assess_rule *rule)
{
    static const char *const allowed[] = {"family", "code",    "severity",
                                          "message", "basis",  NULL};
    size_t old = assess_jpath_key(&r->path, "flag");
    assess_flag_def *f = &rule->flag;
    int sev = 0;
    assess_jr_only(r, obj, allowed);
    if (assess_jr_enum(r, obj, "family", 1, families, &sev))
        f->family = assess_strdup(families[sev]);
    assess_jr_string(r, obj, "code", 1, &f->code);
    if (assess_jr_enum(r, obj, "severity", 1, severity_names, &sev))
        f->severity = (assess_severity)sev;
    assess_jr_text(r, obj, "message", 1, &f->message);
    assess_jr_string(r, obj, "basis", 1, &f->basis);
    rule->has_flag = 1;
    assess_jpath_pop(&r->path, old);
}

static const char *const rule_kinds[] = {"cap", "derive", "applies", "flag",
                                         "gate", NULL};

static void read_rule(assess_jreader *r, const cJSON *obj, assess_rule *rule,
                      int n_rungs)
{
    static const char *const allowed[] = {
        "id",   "kind", "needs", "when", "rung", "max_rung", "detail",
        "path", "laws", "flag",  "note", "unknown_when", "requires",
        "reason", NULL};
    assess_jr_only(r, obj, allowed);
    assess_jr_string(r, obj, "id", 1, &rule->id);
    int kind = 0;
    if (assess_jr_enum(r, obj, "kind", 1, rule_kinds, &kind))
        rule->kind = (assess_rule_kind)kind;
    int gate = kind == ASSESS_RULE_GATE;
    if ((gate != (n_rungs < 0)) && cJSON_GetObjectItemCaseSensitive(obj, "kind"))
        assess_jr_error(r, "kind", gate ? "a gate belongs in 'gates'"
                                        : "'gates' holds rules of kind gate");
    read_xpath(r, obj, "unknown_when", 0, &rule->unknown_when);
    const cJSON *req = assess_jr_get(r, obj, "requires", cJSON_String, 0);
    if (req && strcmp(req->valuestring, "sanctions-list") != 0)
        assess_jr_error(r, "requires", "the only requirement is "
                                       "'sanctions-list'");
    rule->requires_sanctions = req != NULL;
    assess_jr_text(r, obj, "reason", gate, &rule->reason);
    if (!gate && (rule->unknown_when || req))
        assess_jr_error(r, rule->unknown_when ? "unknown_when" : "requires",
                        "only a gate has this field");
    read_xpath(r, obj, "laws", 0, &rule->laws);
    const cJSON *needs = assess_jr_get(r, obj, "needs", cJSON_Array, 0);
    if (needs) {
        size_t n = (size_t)cJSON_GetArraySize(needs), i = 0;
        rule->needs = calloc(n ? n : 1, sizeof *rule->needs);
        size_t old = assess_jpath_key(&r->path, "needs");
        if (!rule->needs)
            assess_jr_error(r, NULL, "out of memory");
        for (const cJSON *c = needs->child; c && rule->needs; c = c->next, i++) {
            size_t o2 = assess_jpath_index(&r->path, i);
            if (!cJSON_IsString(c) || !c->valuestring[0]) {
                assess_jr_error(r, NULL, "expected an XPath string");
            } else if (!(rule->needs[rule->n_needs] = assess_strdup(c->valuestring))) {
                assess_jr_error(r, NULL, "out of memory");
            } else {
                check_xpath(r, NULL, c->valuestring);
                rule->n_needs++;
            }
            assess_jpath_pop(&r->path, o2);
        }
        assess_jpath_pop(&r->path, old);
    }
    int wants_when = kind != ASSESS_RULE_DERIVE;
    read_xpath(r, obj, "when", wants_when, &rule->when);
    if (!wants_when && rule->when)
        assess_jr_error(r, "when", "a derive rule has no 'when'");
    read_xpath(r, obj, "rung", kind == ASSESS_RULE_DERIVE, &rule->rung_expr);
    if (kind != ASSESS_RULE_DERIVE && rule->rung_expr)
        assess_jr_error(r, "rung", "only a derive rule has 'rung'");
    read_xpath(r, obj, "detail", 0, &rule->detail);
    read_xpath(r, obj, "path", 0, &rule->path);
    long cap = -1;
    assess_jr_int(r, obj, "max_rung", kind == ASSESS_RULE_CAP, 0,
                  n_rungs > 0 ? n_rungs - 1 : 0, &cap);
    if (kind != ASSESS_RULE_CAP && cJSON_GetObjectItemCaseSensitive(obj, "max_rung"))
        assess_jr_error(r, "max_rung", "only a cap rule has 'max_rung'");
    rule->max_rung = (int)cap;
    const cJSON *flag = assess_jr_get(r, obj, "flag", cJSON_Object,
                                      kind == ASSESS_RULE_FLAG || gate);
    if (flag)
        read_flag(r, flag, rule);
}

static void read_rungs(assess_jreader *r, const cJSON *arr, assess_criterion *c)
{
    int n = cJSON_GetArraySize(arr);
    if (n < 2 || n > ASSESS_MAX_RUNGS) {
        assess_jr_error(r, "rungs", "a ladder needs 2 to %d rungs, found %d",
                        ASSESS_MAX_RUNGS, n);
        return;
    }
    c->rungs = calloc((size_t)n, sizeof *c->rungs);
    if (!c->rungs) {
        assess_jr_error(r, "rungs", "out of memory");
        return;
    }
    c->n_rungs = n;
    size_t old = assess_jpath_key(&r->path, "rungs");
    static const char *const allowed[] = {"label", "points", "seal", "note",
                                          NULL};
    int i = 0;
    for (const cJSON *g = arr->child; g; g = g->next, i++) {
        size_t o2 = assess_jpath_index(&r->path, (size_t)i);
        assess_rung *rg = &c->rungs[i];
        if (!cJSON_IsObject(g)) {
            assess_jr_error(r, NULL, "expected an object");
            assess_jpath_pop(&r->path, o2);
            continue;
        }
        assess_jr_only(r, g, allowed);
        assess_jr_string(r, g, "label", 1, &rg->label);
        double pts = 0;
        long seal = 0;
        if (assess_jr_number(r, g, "points", 1, 0, 1e9, &pts)) {
            double centi = pts * 100.0;
            if (fabs(centi - floor(centi + 0.5)) > 1e-6)
                assess_jr_error(r, "points",
                                "%g has more than two decimals", pts);
            rg->points_centi = (long)floor(centi + 0.5);
        }
        if (assess_jr_int(r, g, "seal", 1, 0, 4, &seal))
            rg->seal = (int)seal;
        if (i > 0 && rg->points_centi <= c->rungs[i - 1].points_centi)
            assess_jr_error(r, "points",
                            "points must increase along the ladder "
                            "(%ld.%02ld after %ld.%02ld)",
                            rg->points_centi / 100, rg->points_centi % 100,
                            c->rungs[i - 1].points_centi / 100,
                            c->rungs[i - 1].points_centi % 100);
        if (i > 0 && rg->seal < c->rungs[i - 1].seal)
            assess_jr_error(r, "seal",
                            "SEAL must not decrease along the ladder (%d after "
                            "%d)",
                            rg->seal, c->rungs[i - 1].seal);
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

static void read_criterion(assess_jreader *r, const cJSON *obj,
                           assess_framework *fw, size_t objective)
{
    static const char *const allowed[] = {"id",    "title", "question",
                                          "rungs", "rules", "notes",
                                          "basis", NULL};
    assess_criterion *c = &fw->criteria[fw->n_criteria++];
    memset(c, 0, sizeof *c);
    c->objective = objective;
    assess_jr_only(r, obj, allowed);
    assess_jr_string(r, obj, "id", 1, &c->id);
    assess_jr_string(r, obj, "title", 1, &c->title);
    assess_jr_string(r, obj, "question", 1, &c->question);
    assess_jr_string(r, obj, "basis", 0, &c->basis);
    if (c->id) {
        for (size_t i = 0; i + 1 < fw->n_criteria; i++)
            if (fw->criteria[i].id && strcmp(fw->criteria[i].id, c->id) == 0)
                assess_jr_error(r, "id", "duplicate criterion id '%s'", c->id);
    }
    const cJSON *rungs = assess_jr_get(r, obj, "rungs", cJSON_Array, 1);
    if (rungs)
        read_rungs(r, rungs, c);
    const cJSON *rules = assess_jr_get(r, obj, "rules", cJSON_Array, 0);
    if (rules) {
        size_t n = (size_t)cJSON_GetArraySize(rules);
        c->rules = calloc(n ? n : 1, sizeof *c->rules);
        if (!c->rules) {
            assess_jr_error(r, "rules", "out of memory");
            return;
        }
        size_t old = assess_jpath_key(&r->path, "rules");
        for (const cJSON *g = rules->child; g; g = g->next) {
            size_t o2 = assess_jpath_index(&r->path, c->n_rules);
            if (cJSON_IsObject(g)) {
                read_rule(r, g, &c->rules[c->n_rules], c->n_rungs);
                for (size_t k = 0; k < c->n_rules; k++)
                    if (c->rules[k].id && c->rules[c->n_rules].id &&
                        !strcmp(c->rules[k].id, c->rules[c->n_rules].id))
                        assess_jr_error(r, "id", "duplicate rule id '%s'",
                                        c->rules[k].id);
            } else {
                assess_jr_error(r, NULL, "expected an object");
            }
            c->n_rules++;
            assess_jpath_pop(&r->path, o2);
        }
        assess_jpath_pop(&r->path, old);
    }
}

static void read_profiles(assess_jreader *r, const cJSON *obj,
                          assess_framework *fw)
{
    size_t n = (size_t)cJSON_GetArraySize(obj);
    if (n == 0) {
        assess_jr_error(r, "weight_profiles", "at least one profile is needed");
        return;
    }
    fw->profiles = calloc(n, sizeof *fw->profiles);
    if (!fw->profiles) {
        assess_jr_error(r, "weight_profiles", "out of memory");
        return;
    }
    size_t old = assess_jpath_key(&r->path, "weight_profiles");
    static const char *const allowed[] = {"label", "weights", "evidence",
                                          NULL};
    for (const cJSON *p = obj->child; p; p = p->next) {
        assess_weight_profile *wp = &fw->profiles[fw->n_profiles++];
        wp->id = assess_strdup(p->string);
        size_t o2 = assess_jpath_key(&r->path, p->string);
        if (!cJSON_IsObject(p)) {
            assess_jr_error(r, NULL, "expected an object");
            assess_jpath_pop(&r->path, o2);
            continue;
        }
        assess_jr_only(r, p, allowed);
        assess_jr_string(r, p, "label", 1, &wp->label);
        const cJSON *w = assess_jr_get(r, p, "weights", cJSON_Object, 1);
        if (w) {
            size_t o3 = assess_jpath_key(&r->path, "weights");
            long sum = 0;
            for (const cJSON *e = w->child; e; e = e->next)
                if (assess_framework_objective(fw, e->string) < 0)
                    assess_jr_error(r, e->string, "no such objective");
            for (size_t i = 0; i < fw->n_objectives; i++) {
                long v = 0;
                if (assess_jr_int(r, w, fw->objectives[i].id, 1, 0, 100, &v)) {
                    wp->weights[i] = (int)v;
                    sum += v;
                }
            }
            if (sum != 100)
                assess_jr_error(r, NULL, "weights sum to %ld, not 100", sum);
            assess_jpath_pop(&r->path, o3);
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

/* Append one generated cap rule to criterion `crit`. */
static void add_cap(assess_jreader *r, assess_framework *fw, const char *crit,
                    long rung, const char *id, const char *when,
                    const char *basis, const assess_text *reason)
{
    long i = assess_framework_criterion(fw, crit);
    if (i < 0) {
        assess_jr_error(r, crit, "no criterion '%s' in this framework", crit);
        return;
    }
    assess_criterion *c = &fw->criteria[i];
    if (rung < 0 || rung >= c->n_rungs) {
        assess_jr_error(r, crit, "rung %ld is outside %s's ladder 0..%d", rung,
                        crit, c->n_rungs - 1);
        return;
    }
    assess_rule *rules = realloc(c->rules, (c->n_rules + 1) * sizeof *rules);
    if (!rules) {
        assess_jr_error(r, crit, "out of memory");
        return;
    }
    c->rules = rules;
    assess_rule *rule = &rules[c->n_rules++];
    memset(rule, 0, sizeof *rule);
    rule->id = assess_strdup(id);
    rule->kind = ASSESS_RULE_CAP;
    rule->when = assess_strdup(when);
    rule->max_rung = (int)rung;
    rule->basis = assess_strdup(basis);
    rule->reason.en = assess_strdup(reason->en);
    rule->reason.nl = assess_strdup(reason->nl);
    if (!rule->id || !rule->when || !rule->basis || !rule->reason.en ||
        !rule->reason.nl)
        assess_jr_error(r, crit, "out of memory");
    check_xpath(r, crit, when);
}

/* One row of the cap table: {"caps": {criterion: rung}, "basis", "reason"}. */
static void read_cap_row(assess_jreader *r, const cJSON *row,
                         assess_framework *fw, const char *id,
                         const char *when)
{
    static const char *const allowed[] = {"caps", "basis", "reason", "note",
                                          NULL};
    assess_text reason = {0};
    char *basis = NULL;
    assess_jr_only(r, row, allowed);
    assess_jr_string(r, row, "basis", 1, &basis);
    assess_jr_text(r, row, "reason", 1, &reason);
    const cJSON *caps = assess_jr_get(r, row, "caps", cJSON_Object, 1);
    size_t old = assess_jpath_key(&r->path, "caps");
    for (const cJSON *c = caps ? caps->child : NULL; c; c = c->next) {
        if (!cJSON_IsNumber(c) || c->valuedouble != floor(c->valuedouble))
            assess_jr_error(r, c->string, "expected a rung (an integer)");
        else if (basis && reason.en && reason.nl)
            add_cap(r, fw, c->string, (long)c->valuedouble, id, when, basis,
                    &reason);
    }
    assess_jpath_pop(&r->path, old);
    free(basis);
    assess_text_release(&reason);
}

/*
 * The control cap table: the risk class of a controlling country (or a
 * licensed non-EU technology under EU control) -> the highest rung of some
 * criteria. Each row becomes a cap rule over the controlling links:
 *   by_risk_class.K        count((C)[risk_class = 'K']) > 0
 *   technology_licence     count((C)[risk_class != 'A']) = 0 and
 *                          count(sov:outside('EEA', (C)/technology/country)) > 0
 * where C is the table's `controllers` expression.
 */
static void read_control_caps(assess_jreader *r, const cJSON *obj,
                              assess_framework *fw)
{
    static const char *const allowed[] = {"controllers", "by_risk_class",
                                          "technology_licence", "note", NULL};
    size_t old = assess_jpath_key(&r->path, "control_caps");
    assess_jr_only(r, obj, allowed);
    if (!read_xpath(r, obj, "controllers", 1, &fw->controllers) ||
        !fw->controllers) {
        assess_jpath_pop(&r->path, old);
        return;
    }
    const char *ctl = fw->controllers;
    const cJSON *by = assess_jr_get(r, obj, "by_risk_class", cJSON_Object, 1);
    size_t o2 = assess_jpath_key(&r->path, "by_risk_class");
    for (const cJSON *row = by ? by->child : NULL; row; row = row->next) {
        size_t o3 = assess_jpath_key(&r->path, row->string);
        if (strlen(row->string) != 1 || !strchr("ABCDX", row->string[0]))
            assess_jr_error(r, NULL, "a risk class is A, B, C, D or X");
        else if (!cJSON_IsObject(row))
            assess_jr_error(r, NULL, "expected an object");
        else {
            char *id = assess_printf("control-caps/risk-class-%s", row->string);
            char *when = assess_printf("count((%s)[risk_class = '%s']) > 0", ctl,
                                       row->string);
            if (id && when)
                read_cap_row(r, row, fw, id, when);
            free(id);
            free(when);
        }
        assess_jpath_pop(&r->path, o3);
    }
    assess_jpath_pop(&r->path, o2);
    const cJSON *tl = assess_jr_get(r, obj, "technology_licence", cJSON_Object, 0);
    if (tl) {
        o2 = assess_jpath_key(&r->path, "technology_licence");
        char *when = assess_printf(
            "count((%s)[risk_class != 'A']) = 0 and "
            "count(sov:outside('EEA', (%s)/technology/country)) > 0",
            ctl, ctl);
        if (when)
            read_cap_row(r, tl, fw, "control-caps/technology-licence", when);
        free(when);
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

assess_status assess_framework_parse(assess_framework **out, const char *name,
                                     const char *data, size_t size,
                                     assess_diags *d)
{
    *out = NULL;
    assess_xml_thread_init();
    cJSON *root = assess_json_parse(name, data, size, d);
    if (!root)
        return ASSESS_ERR_SYNTAX;
    assess_framework *fw = calloc(1, sizeof *fw);
    if (!fw) {
        cJSON_Delete(root);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
    }
    fw->file = assess_strdup(assess_basename(name));
    assess_sha256_hex(fw->sha256, data, size);
    assess_jreader r = ASSESS_JREADER(name, d);
    assess_jpath_init(&r.path);

    static const char *const allowed[] = {
        "format",     "id",         "version",         "title",
        "attribution", "source",    "nominal_points",  "seal_levels",
        "weight_profiles", "default_weight_profile", "objectives",
        "gates",      "control_caps", "notes",      NULL};
    if (!cJSON_IsObject(root)) {
        assess_jr_error(&r, NULL, "expected an object");
        goto done;
    }
    assess_jr_only(&r, root, allowed);
    char *format = NULL;
    if (assess_jr_string(&r, root, "format", 1, &format) && format &&
        strcmp(format, "assess-framework/1") != 0)
        assess_jr_error(&r, "format", "expected 'assess-framework/1', found '%s'",
                        format);
    free(format);
    assess_jr_string(&r, root, "id", 1, &fw->id);
    assess_jr_string(&r, root, "version", 1, &fw->version);
    assess_jr_string(&r, root, "title", 1, &fw->title);
    assess_jr_string(&r, root, "attribution", 1, &fw->attribution);
    assess_jr_int(&r, root, "nominal_points", 1, 1, 1000000, &fw->nominal_points);

    const cJSON *seals = assess_jr_get(&r, root, "seal_levels", cJSON_Array, 1);
    if (seals) {
        size_t old = assess_jpath_key(&r.path, "seal_levels");
        if (cJSON_GetArraySize(seals) != 5)
            assess_jr_error(&r, NULL, "expected the 5 SEAL levels 0..4");
        size_t i = 0;
        for (const cJSON *s = seals->child; s && i < 5; s = s->next, i++) {
            size_t o2 = assess_jpath_index(&r.path, i);
            long level = -1;
            static const char *const sallowed[] = {"level", "name", "note", NULL};
            if (cJSON_IsObject(s)) {
                assess_jr_only(&r, s, sallowed);
                if (assess_jr_int(&r, s, "level", 1, 0, 4, &level) &&
                    level != (long)i)
                    assess_jr_error(&r, "level", "expected level %zu", i);
                assess_jr_text(&r, s, "name", 1, &fw->seal_names[i]);
            } else {
                assess_jr_error(&r, NULL, "expected an object");
            }
            assess_jpath_pop(&r.path, o2);
        }
        assess_jpath_pop(&r.path, old);
    }

    const cJSON *objs = assess_jr_get(&r, root, "objectives", cJSON_Array, 1);
    if (objs) {
        size_t n_obj = (size_t)cJSON_GetArraySize(objs), n_crit = 0;
        if (n_obj == 0 || n_obj > ASSESS_MAX_OBJECTIVES)
            assess_jr_error(&r, "objectives", "expected 1 to %d objectives",
                            ASSESS_MAX_OBJECTIVES);
        for (const cJSON *o = objs->child; o; o = o->next)
            n_crit += (size_t)cJSON_GetArraySize(
                cJSON_GetObjectItemCaseSensitive(o, "criteria"));
        fw->criteria = calloc(n_crit ? n_crit : 1, sizeof *fw->criteria);
        if (!fw->criteria) {
            assess_jr_error(&r, "objectives", "out of memory");
            goto done;
        }
        size_t old = assess_jpath_key(&r.path, "objectives");
        size_t i = 0;
        static const char *const oallowed[] = {"id", "title", "description",
                                               "criteria", NULL};
        for (const cJSON *o = objs->child;
             o && fw->n_objectives < ASSESS_MAX_OBJECTIVES; o = o->next, i++) {
            size_t o2 = assess_jpath_index(&r.path, i);
            if (!cJSON_IsObject(o)) {
                assess_jr_error(&r, NULL, "expected an object");
                assess_jpath_pop(&r.path, o2);
                continue;
            }
            assess_objective *ob = &fw->objectives[fw->n_objectives];
            assess_jr_only(&r, o, oallowed);
            assess_jr_string(&r, o, "id", 1, &ob->id);
            assess_jr_string(&r, o, "title", 1, &ob->title);
            if (ob->id)
                for (size_t k = 0; k < fw->n_objectives; k++)
                    if (!strcmp(fw->objectives[k].id, ob->id))
                        assess_jr_error(&r, "id", "duplicate objective id '%s'",
                                        ob->id);
            if (!ob->id)
                ob->id = assess_strdup("?");
            ob->first_criterion = fw->n_criteria;
            const cJSON *crits = assess_jr_get(&r, o, "criteria", cJSON_Array, 1);
            if (crits) {
                size_t o3 = assess_jpath_key(&r.path, "criteria");
                size_t k = 0;
                if (!crits->child)
                    assess_jr_error(&r, NULL, "an objective needs criteria");
                for (const cJSON *c = crits->child; c; c = c->next, k++) {
                    size_t o4 = assess_jpath_index(&r.path, k);
                    if (cJSON_IsObject(c))
                        read_criterion(&r, c, fw, fw->n_objectives);
                    else
                        assess_jr_error(&r, NULL, "expected an object");
                    assess_jpath_pop(&r.path, o4);
                }
                assess_jpath_pop(&r.path, o3);
            }
            ob->n_criteria = fw->n_criteria - ob->first_criterion;
            fw->n_objectives++;
            assess_jpath_pop(&r.path, o2);
        }
        assess_jpath_pop(&r.path, old);
    }

    const cJSON *profiles =
        assess_jr_get(&r, root, "weight_profiles", cJSON_Object, 1);
    if (profiles && fw->n_objectives)
        read_profiles(&r, profiles, fw);
    char *def = NULL;
    if (assess_jr_string(&r, root, "default_weight_profile", 1, &def) && def) {
        long p = assess_framework_profile(fw, def);
        if (p < 0 && fw->n_profiles)
            assess_jr_error(&r, "default_weight_profile",
                            "no weight profile '%s'", def);
        fw->default_profile = p < 0 ? 0 : (size_t)p;
    }
    free(def);

    const cJSON *gates = assess_jr_get(&r, root, "gates", cJSON_Array, 0);
    if (gates) {
        size_t n = (size_t)cJSON_GetArraySize(gates), i = 0;
        size_t old = assess_jpath_key(&r.path, "gates");
        fw->gates = calloc(n ? n : 1, sizeof *fw->gates);
        if (!fw->gates)
            assess_jr_error(&r, NULL, "out of memory");
        for (const cJSON *g = gates->child; g && fw->gates; g = g->next, i++) {
            size_t o2 = assess_jpath_index(&r.path, i);
            if (cJSON_IsObject(g))
                read_rule(&r, g, &fw->gates[fw->n_gates++], -1);
            else
                assess_jr_error(&r, NULL, "expected an object");
            assess_jpath_pop(&r.path, o2);
        }
        assess_jpath_pop(&r.path, old);
    }
    const cJSON *caps = assess_jr_get(&r, root, "control_caps", cJSON_Object, 0);
    if (caps)
        read_control_caps(&r, caps, fw);

done:
    cJSON_Delete(root);
    if (assess_jr_errors(&r)) {
        assess_framework_free(fw);
        return ASSESS_ERR_INVALID;
    }
    *out = fw;
    return ASSESS_OK;
}

assess_status assess_framework_load(assess_framework **out, const char *path,
                                    assess_diags *d)
{
    char *data;
    size_t size;
    *out = NULL;
    assess_status st = assess_read_file(&data, &size, path,
                                        ASSESS_MAX_FILE_BYTES, d);
    if (st != ASSESS_OK)
        return st;
    st = assess_framework_parse(out, path, data, size, d);
    free(data);
    return st;
}
