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
    t->file = assess_strdup(name);
    assess_sha256_hex(t->sha256, data, size);
    assess_jreader r = {.file = name, .d = d};
    assess_jpath_init(&r.path);
    if (!cJSON_IsObject(root)) {
        assess_jr_error(&r, NULL, "expected a tender profile object");
        goto done;
    }
    static const char *const allowed[] = {
        "title", "buyer", "assessment_date", "framework", "weight_profile",
        "unknown_policy", "caps", "lots", "notes", "extensions", "portfolio", NULL};
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
    if (r.errors) {
        assess_tender_free(t);
        return ASSESS_ERR_INVALID;
    }
    *out = t;
    return ASSESS_OK;
}
