/*
 * tender.c - read a tender profile (templates/tender.schema.json): every
 * choice that changes a result. Class defaults and the framework are
 * resolved by the session, not here.
 */
#include "assess/bid.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static const char *const policy_names[] = {"gap", "conservative", "strict",
                                           NULL};
static const char *const caps_names[] = {"enforce", "advisory", NULL};
static const char *const class_names[] = {"own", "share", "access", NULL};

const char *assess_unknown_policy_name(assess_unknown_policy p)
{
    return (unsigned)p <= ASSESS_UNKNOWN_STRICT ? policy_names[p] : "gap";
}

const char *assess_gate_source_name(assess_gate_source s)
{
    switch (s) {
    case ASSESS_GATE_SRC_CLASS:
        return "class default";
    case ASSESS_GATE_SRC_TENDER:
        return "tender";
    case ASSESS_GATE_SRC_FRAMEWORK:
        return "framework";
    default:
        return NULL;
    }
}

void assess_tender_free(assess_tender *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_lots; i++) {
        assess_lot *l = &t->lots[i];
        free(l->id);
        free(l->title);
        free(l->class_id);
        for (size_t k = 0; k < l->n_min_seal; k++)
            free(l->min_seal_keys[k]);
        free(l->min_seal_keys);
        free(l->min_seal_values);
        assess_ext_settings_free(l->ext, l->n_ext);
    }
    free(t->lots);
    for (size_t i = 0; i < t->n_extensions; i++)
        free(t->extensions[i]);
    free(t->extensions);
    free(t->portfolio);
    for (size_t i = 0; i < t->award.n_criteria; i++)
        free(t->award.criteria[i].id);
    free(t->award.criteria);
    for (size_t i = 0; i < t->award.n_tie_breaks; i++)
        free(t->award.tie_breaks[i]);
    free(t->award.tie_breaks);
    free(t->award.scores);
    for (size_t i = 0; i < t->award.n_preference; i++)
        free(t->award.preference[i].legal_basis);
    free(t->award.preference);
    free(t->file);
    free(t->title);
    free(t->buyer);
    free(t->framework);
    free(t->weight_profile);
    free(t);
}

const assess_lot *assess_tender_lot(const assess_tender *t, const char *id)
{
    for (size_t i = 0; id && i < t->n_lots; i++)
        if (t->lots[i].id && strcmp(t->lots[i].id, id) == 0)
            return &t->lots[i];
    return NULL;
}

void assess_ext_settings_free(assess_ext_setting *e, size_t n)
{
    for (size_t i = 0; e && i < n; i++) {
        free(e[i].extension);
        for (size_t k = 0; k < e[i].n_weights; k++)
            free(e[i].groups[k]);
        free(e[i].groups);
        free(e[i].weights);
        for (size_t k = 0; k < e[i].n_gates; k++)
            free(e[i].gates[k]);
        free(e[i].gates);
    }
    free(e);
}

void assess_read_ext_settings(assess_jreader *r, const cJSON *obj,
                              assess_ext_setting **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    const cJSON *ex = assess_jr_get(r, obj, "extensions", cJSON_Object, 0);
    if (!ex)
        return;
    size_t cap = (size_t)cJSON_GetArraySize(ex);
    *out = calloc(cap ? cap : 1, sizeof **out);
    if (!*out) {
        assess_jr_error(r, "extensions", "out of memory");
        return;
    }
    size_t old = assess_jpath_key(&r->path, "extensions");
    for (const cJSON *e = ex->child; e; e = e->next) {
        assess_ext_setting *x = &(*out)[(*n)++];
        x->extension = assess_strdup(e->string);
        size_t o2 = assess_jpath_key(&r->path, e->string);
        static const char *const allowed[] = {"weights", "gates", "basis", NULL};
        if (!cJSON_IsObject(e)) {
            assess_jr_error(r, NULL, "expected an object with weights and gates");
            assess_jpath_pop(&r->path, o2);
            continue;
        }
        assess_jr_only(r, e, allowed);
        const cJSON *w = assess_jr_get(r, e, "weights", cJSON_Object, 0);
        if (w) {
            size_t nw = (size_t)cJSON_GetArraySize(w);
            x->groups = calloc(nw ? nw : 1, sizeof *x->groups);
            x->weights = calloc(nw ? nw : 1, sizeof *x->weights);
            size_t o3 = assess_jpath_key(&r->path, "weights");
            long sum = 0;
            for (const cJSON *g = w->child; g && x->groups && x->weights; g = g->next) {
                long v = 0;
                if (assess_jr_int(r, w, g->string, 1, 0, 100, &v)) {
                    x->groups[x->n_weights] = assess_strdup(g->string);
                    x->weights[x->n_weights++] = (int)v;
                    sum += v;
                }
            }
            if (sum != 100)
                assess_jr_error(r, NULL, "weights sum to %ld, not 100", sum);
            assess_jpath_pop(&r->path, o3);
        }
        const cJSON *g = assess_jr_get(r, e, "gates", cJSON_Array, 0);
        if (g) {
            size_t ng = (size_t)cJSON_GetArraySize(g), i = 0;
            x->has_gates = 1;
            x->gates = calloc(ng ? ng : 1, sizeof *x->gates);
            size_t o3 = assess_jpath_key(&r->path, "gates");
            for (const cJSON *c = g->child; c && x->gates; c = c->next, i++) {
                size_t o4 = assess_jpath_index(&r->path, i);
                if (!cJSON_IsString(c))
                    assess_jr_error(r, NULL, "expected a gate id");
                else
                    x->gates[x->n_gates++] = assess_strdup(c->valuestring);
                assess_jpath_pop(&r->path, o4);
            }
            assess_jpath_pop(&r->path, o3);
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

/* European preference: a list of modes, each with its legal basis and
   announced in the tender documents (Kolin: not otherwise). */
static void read_preference(assess_jreader *r, const cJSON *aw, assess_award *a)
{
    const cJSON *pl = assess_jr_get(r, aw, "preference", cJSON_Array, 0);
    if (!pl)
        return;
    static const char *const modes[] = {"price-factor", "score-adjustment",
                                        "union-added-value", "tie-band",
                                        "exclude-not-covered", NULL};
    static const double defaults[] = {0.10, 5, 15.0 / 120.0, 0.03, 0};
    size_t n = (size_t)cJSON_GetArraySize(pl), i = 0;
    a->preference = calloc(n ? n : 1, sizeof *a->preference);
    size_t old = assess_jpath_key(&r->path, "preference");
    for (const cJSON *e = pl->child; e && a->preference; e = e->next, i++) {
        size_t o2 = assess_jpath_index(&r->path, i);
        static const char *const allowed[] = {"mode", "value", "legal_basis",
                                              "announced", "against", NULL};
        static const char *const againsts[] = {"non-eu", "not-covered", NULL};
        assess_preference *p = &a->preference[a->n_preference];
        int mode = -1, announced = 0;
        assess_jr_only(r, e, allowed);
        if (assess_jr_enum(r, e, "mode", 1, modes, &mode) && mode >= 0) {
            p->mode = (assess_pref_mode)mode;
            p->value = defaults[mode];
            /* fractions, except the points of a score adjustment */
            assess_jr_number(r, e, "value", 0, 0,
                             mode == ASSESS_PREF_SCORE_ADJUSTMENT ? 100 : 1, &p->value);
            int ag = 1;
            if (assess_jr_enum(r, e, "against", 0, againsts, &ag))
                p->against = ag ? 2 : 1;
            else
                p->against = 2;
            if (!cJSON_GetObjectItemCaseSensitive(e, "against"))
                p->against = 2;
            if (mode == ASSESS_PREF_SCORE_ADJUSTMENT && a->method != ASSESS_AWARD_WEIGHTED)
                assess_jr_error(r, "mode", "a score adjustment needs the weighted method");
            if (!assess_jr_string(r, e, "legal_basis", 1, &p->legal_basis) ||
                !p->legal_basis || !*p->legal_basis)
                assess_jr_error(r, "legal_basis", "a preference needs its legal basis");
            if (!assess_jr_bool(r, e, "announced", 1, &announced) || !announced)
                assess_jr_error(r, "announced", "a preference may be applied only when "
                                                "the tender documents announced it");
            a->n_preference++;
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

/* The "award" object: method, price scoring, weights, knock-outs, rounding
   and tie-breaks (README "The award"). */
static void read_award(assess_jreader *r, const cJSON *obj, assess_award *a)
{
    const cJSON *aw = assess_jr_get(r, obj, "award", cJSON_Object, 0);
    if (!aw)
        return;
    static const char *const methods[] = {"weighted", "value-for-money", "monetised",
                                          NULL};
    static const char *const scorings[] = {"absolute", "lowest", "linear", "log",
                                           NULL};
    static const char *const allowed[] = {
        "method", "price_scoring", "price_bounds", "log_base", "weights",
        "values", "price_ceiling", "min_quality", "rounding", "tie_breaks",
        "draw_seed", "scores", "aggregation", "currency", "abnormally_low",
        "preference", "standstill_days", "notes", NULL};
    size_t old = assess_jpath_key(&r->path, "award");
    a->present = 1;
    a->decimals = 2;
    a->abnormally_low = 0.8;
    a->log_base = 2;
    a->compare_rounded = 1;
    assess_jr_only(r, aw, allowed);
    int v = 0;
    if (assess_jr_enum(r, aw, "method", 0, methods, &v))
        a->method = (assess_award_method)v;
    v = 0;
    if (assess_jr_enum(r, aw, "price_scoring", 0, scorings, &v))
        a->price_scoring = (assess_price_scoring)v;
    const cJSON *b = assess_jr_get(r, aw, "price_bounds", cJSON_Object, 0);
    if (b) {
        size_t o2 = assess_jpath_key(&r->path, "price_bounds");
        assess_jr_number(r, b, "min", 1, 0, 1e15, &a->bound_min);
        assess_jr_number(r, b, "max", 1, 0, 1e15, &a->bound_max);
        if (a->bound_max <= a->bound_min)
            assess_jr_error(r, NULL, "max must be above min");
        assess_jpath_pop(&r->path, o2);
    } else if (a->method == ASSESS_AWARD_WEIGHTED &&
               a->price_scoring == ASSESS_PRICE_ABSOLUTE) {
        assess_jr_error(r, "price_bounds", "absolute price scoring needs the "
                                           "published bounds {min, max}");
    }
    if (assess_jr_number(r, aw, "log_base", 0, 1.000001, 1000, &a->log_base) == 0)
        a->log_base = 2;
    const cJSON *w = assess_jr_get(r, aw, "weights", cJSON_Object, 1);
    if (w) {
        size_t n = (size_t)cJSON_GetArraySize(w);
        a->criteria = calloc(n ? n : 1, sizeof *a->criteria);
        size_t o2 = assess_jpath_key(&r->path, "weights");
        long sum = 0;
        for (const cJSON *e = w->child; e && a->criteria; e = e->next) {
            long x = 0;
            if (!assess_jr_int(r, w, e->string, 1, 0, 100, &x))
                continue;
            sum += x;
            if (!strcmp(e->string, "price")) {
                a->price_weight = (int)x;
                continue;
            }
            assess_award_criterion *c = &a->criteria[a->n_criteria++];
            c->id = assess_strdup(e->string);
            c->weight = (int)x;
        }
        if (a->method != ASSESS_AWARD_MONETISED && sum != 100)
            assess_jr_error(r, NULL, "weights sum to %ld, not 100", sum);
        if (!a->n_criteria)
            assess_jr_error(r, NULL, "no quality criterion besides the price");
        assess_jpath_pop(&r->path, o2);
    }
    const cJSON *vals = assess_jr_get(r, aw, "values", cJSON_Object, 0);
    if (vals) {
        size_t o2 = assess_jpath_key(&r->path, "values");
        for (const cJSON *e = vals->child; e; e = e->next) {
            size_t k = 0;
            while (k < a->n_criteria && strcmp(a->criteria[k].id, e->string))
                k++;
            if (k == a->n_criteria)
                assess_jr_error(r, e->string, "not a quality criterion of weights");
            else
                assess_jr_number(r, vals, e->string, 1, 0, 1e15, &a->criteria[k].value);
        }
        assess_jpath_pop(&r->path, o2);
    } else if (a->method == ASSESS_AWARD_MONETISED) {
        assess_jr_error(r, "values", "monetised quality needs the money value of "
                                     "each criterion");
    }
    a->has_ceiling = cJSON_GetObjectItemCaseSensitive(aw, "price_ceiling") != NULL;
    assess_jr_number(r, aw, "price_ceiling", 0, 0, 1e15, &a->price_ceiling);
    a->has_min_quality = cJSON_GetObjectItemCaseSensitive(aw, "min_quality") != NULL;
    assess_jr_number(r, aw, "min_quality", 0, 0, 100, &a->min_quality);
    const cJSON *rd = assess_jr_get(r, aw, "rounding", cJSON_Object, 0);
    if (rd) {
        static const char *const modes[] = {"half-up", "half-even", NULL};
        static const char *const compares[] = {"unrounded", "rounded", NULL};
        static const char *const rallowed[] = {"decimals", "mode", "compare", "stage",
                                               NULL};
        static const char *const stages[] = {"total", "criterion", NULL};
        size_t o2 = assess_jpath_key(&r->path, "rounding");
        long d = 2;
        assess_jr_only(r, rd, rallowed);
        if (assess_jr_int(r, rd, "decimals", 0, 0, 6, &d))
            a->decimals = (int)d;
        v = 0;
        if (assess_jr_enum(r, rd, "mode", 0, modes, &v))
            a->half_even = v;
        v = 1;
        if (assess_jr_enum(r, rd, "compare", 0, compares, &v))
            a->compare_rounded = v;
        v = 0;
        if (assess_jr_enum(r, rd, "stage", 0, stages, &v))
            a->round_criteria = v;
        assess_jpath_pop(&r->path, o2);
    }
    const cJSON *tb = assess_jr_get(r, aw, "tie_breaks", cJSON_Array, 0);
    if (tb) {
        static const char *const rules[] = {"quality", "heaviest", "price",
                                            "preference", "draw", NULL};
        size_t n = (size_t)cJSON_GetArraySize(tb), i = 0;
        a->tie_breaks = calloc(n ? n : 1, sizeof *a->tie_breaks);
        size_t o2 = assess_jpath_key(&r->path, "tie_breaks");
        for (const cJSON *e = tb->child; e && a->tie_breaks; e = e->next, i++) {
            size_t o3 = assess_jpath_index(&r->path, i);
            int k = 0;
            while (rules[k] && !(cJSON_IsString(e) && !strcmp(rules[k], e->valuestring)))
                k++;
            if (!rules[k])
                assess_jr_error(r, NULL, "not one of quality, heaviest, price, "
                                         "preference, draw");
            else
                a->tie_breaks[a->n_tie_breaks++] = assess_strdup(rules[k]);
            assess_jpath_pop(&r->path, o3);
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jr_number(r, aw, "abnormally_low", 0, 0, 1, &a->abnormally_low);
    long sd = 20;
    if (assess_jr_int(r, aw, "standstill_days", 0, 0, 365, &sd))
        a->standstill_days = (int)sd;
    if (!cJSON_GetObjectItemCaseSensitive(aw, "standstill_days"))
        a->standstill_days = 20;
    read_preference(r, aw, a);
    double seed = 0;
    if (assess_jr_number(r, aw, "draw_seed", 0, 0, 4294967295.0, &seed))
        a->draw_seed = (unsigned long)seed;
    if (assess_jr_string(r, aw, "scores", 0, &a->scores) && a->scores &&
        (a->scores[0] == '/' || strstr(a->scores, "..")))
        assess_jr_error(r, "scores", "must be a file in the tender's folder");
    static const char *const aggs[] = {"mean", "consensus", NULL};
    v = 0;
    if (assess_jr_enum(r, aw, "aggregation", 0, aggs, &v))
        a->consensus = v;
    char *cur = NULL;
    if (assess_jr_string(r, aw, "currency", 0, &cur) && cur) {
        if (strlen(cur) != 3)
            assess_jr_error(r, "currency", "'%s' is not an ISO 4217 code", cur);
        else
            memcpy(a->currency, cur, 4);
    }
    free(cur);
    assess_jpath_pop(&r->path, old);
}

static void read_lot(assess_jreader *r, const cJSON *obj, assess_lot *lot)
{
    assess_read_ext_settings(r, obj, &lot->ext, &lot->n_ext);
    static const char *const allowed[] = {"id", "title", "class", "min_seal",
                                          "extensions",
                                          "notes", NULL};
    assess_jr_only(r, obj, allowed);
    assess_jr_string(r, obj, "id", 1, &lot->id);
    assess_jr_string(r, obj, "title", 0, &lot->title);
    int cls = -1;
    if (assess_jr_enum(r, obj, "class", 0, class_names, &cls) && cls >= 0)
        lot->class_id = assess_strdup(class_names[cls]);
    for (int i = 0; i < ASSESS_MAX_OBJECTIVES; i++)
        lot->min_seal[i] = -1;
    const cJSON *ms = assess_jr_get(r, obj, "min_seal", cJSON_Object, 0);
    if (ms) {
        size_t n = (size_t)cJSON_GetArraySize(ms);
        lot->min_seal_keys = calloc(n ? n : 1, sizeof *lot->min_seal_keys);
        lot->min_seal_values = calloc(n ? n : 1, sizeof *lot->min_seal_values);
        if (!lot->min_seal_keys || !lot->min_seal_values) {
            assess_jr_error(r, "min_seal", "out of memory");
            return;
        }
        size_t old = assess_jpath_key(&r->path, "min_seal");
        for (const cJSON *e = ms->child; e; e = e->next) {
            long v = 0;
            if (assess_jr_int(r, ms, e->string, 1, 0, 4, &v)) {
                lot->min_seal_keys[lot->n_min_seal] = assess_strdup(e->string);
                lot->min_seal_values[lot->n_min_seal++] = (int)v;
            }
        }
        assess_jpath_pop(&r->path, old);
    }
    if (cls < 0 && !ms)
        assess_jr_error(r, NULL, "a lot needs 'class' or 'min_seal'");
}

assess_status assess_tender_parse(assess_tender **out, const char *name,
                                  const char *data, size_t size,
                                  assess_diags *d)
{
    *out = NULL;
    cJSON *root = assess_json_parse(name, data, size, d);
    if (!root)
        return ASSESS_ERR_SYNTAX;
    assess_tender *t = calloc(1, sizeof *t);
    if (!t) {
        cJSON_Delete(root);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
    }
    assess_jreader r = ASSESS_JREADER(name, d);
    t->file = assess_strdup(name);
    assess_sha256_hex(t->sha256, data, size);
    assess_jpath_init(&r.path);
    if (!cJSON_IsObject(root)) {
        assess_jr_error(&r, NULL, "expected a tender profile object");
        goto done;
    }
    static const char *const allowed[] = {
        "title", "buyer", "assessment_date", "framework", "weight_profile",
        "unknown_policy", "caps", "lots", "notes", "extensions", "portfolio",
        "award", NULL};
    assess_jr_only(&r, root, allowed);
    assess_jr_string(&r, root, "title", 1, &t->title);
    assess_jr_string(&r, root, "buyer", 1, &t->buyer);
    char *date = NULL;
    if (assess_jr_string(&r, root, "assessment_date", 1, &date) && date) {
        if (assess_is_date(date))
            memcpy(t->assessment_date, date, 11);
        else
            assess_jr_error(&r, "assessment_date",
                            "'%s' is not a date YYYY-MM-DD", date);
    }
    free(date);
    t->framework = assess_strdup("csf-2026");
    assess_jr_string(&r, root, "framework", 0, &t->framework);
    assess_jr_string(&r, root, "weight_profile", 0, &t->weight_profile);
    int v = 0;
    if (assess_jr_enum(&r, root, "unknown_policy", 0, policy_names, &v))
        t->unknown_policy = (assess_unknown_policy)v;
    v = 0;
    if (assess_jr_enum(&r, root, "caps", 0, caps_names, &v))
        t->caps_advisory = v == 1;
    char *notes = NULL;
    assess_jr_string(&r, root, "notes", 0, &notes);
    if (assess_jr_string(&r, root, "portfolio", 0, &t->portfolio) && t->portfolio &&
        (t->portfolio[0] == '/' || strstr(t->portfolio, "..")))
        assess_jr_error(&r, "portfolio", "'%s' must be a file in the tender's folder "
                                         "(no absolute path, no '..')", t->portfolio);
    read_award(&r, root, &t->award);
    const cJSON *exts = assess_jr_get(&r, root, "extensions", cJSON_Array, 0);
    if (exts) {
        size_t n = (size_t)cJSON_GetArraySize(exts), i = 0;
        t->extensions = calloc(n ? n : 1, sizeof *t->extensions);
        size_t old = assess_jpath_key(&r.path, "extensions");
        for (const cJSON *e = exts->child; e && t->extensions; e = e->next, i++) {
            size_t o2 = assess_jpath_index(&r.path, i);
            if (!cJSON_IsString(e) || !*e->valuestring || strchr(e->valuestring, '/'))
                assess_jr_error(&r, NULL, "expected the id of a framework in rules/frameworks");
            else
                t->extensions[t->n_extensions++] = assess_strdup(e->valuestring);
            assess_jpath_pop(&r.path, o2);
        }
        assess_jpath_pop(&r.path, old);
    }
    free(notes);
    const cJSON *lots = assess_jr_get(&r, root, "lots", cJSON_Array, 1);
    if (lots) {
        size_t n = (size_t)cJSON_GetArraySize(lots), i = 0;
        if (n == 0)
            assess_jr_error(&r, "lots", "at least one lot is needed");
        t->lots = calloc(n ? n : 1, sizeof *t->lots);
        if (!t->lots) {
            assess_jr_error(&r, "lots", "out of memory");
            goto done;
        }
        size_t old = assess_jpath_key(&r.path, "lots");
        for (const cJSON *l = lots->child; l; l = l->next, i++) {
            size_t o2 = assess_jpath_index(&r.path, i);
            assess_lot *lot = &t->lots[t->n_lots++];
            if (cJSON_IsObject(l))
                read_lot(&r, l, lot);
            else
                assess_jr_error(&r, NULL, "expected a lot object");
            for (size_t k = 0; lot->id && k + 1 < t->n_lots; k++)
                if (t->lots[k].id && !strcmp(t->lots[k].id, lot->id))
                    assess_jr_error(&r, "id", "duplicate lot id '%s'", lot->id);
            assess_jpath_pop(&r.path, o2);
        }
        assess_jpath_pop(&r.path, old);
    }
done:
    cJSON_Delete(root);
    if (assess_jr_errors(&r)) {
        assess_tender_free(t);
        return ASSESS_ERR_INVALID;
    }
    *out = t;
    return ASSESS_OK;
}
