/*
 * session.c - the library's facade: one run over one tender.
 *
 *   load tender -> framework, class defaults, country registry, engine
 *   add bid     -> read -> validate -> engine -> score (per bid)
 *   finish      -> rank per lot
 *   write       -> results JSON
 *
 * A bid that fails to read or validate is kept as a failed input with its
 * first error, so nothing is skipped silently.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "assess/engine.h"
#include "assess/facts.h"
#include "assess/registry.h"
#include "report/jsonw.h"
#include "session_internal.h"
#include "util/util.h"
#include "util/xml.h"

#ifndef ASSESS_INSTALL_RULES_DIR
#define ASSESS_INSTALL_RULES_DIR "/usr/local/share/assess/rules"
#endif
#ifndef ASSESS_SOURCE_RULES_DIR
#define ASSESS_SOURCE_RULES_DIR "rules"
#endif

/* FNV-1a; the set only needs a spread, not secrecy. */
static size_t hash_str(const char *k)
{
    size_t h = 1469598103934665603ull;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211ull;
    return h;
}

/* Index of the bid that already uses `id`; -2 if none; -1 on no memory.
   Grows the set so that id_insert() always finds a free slot. */
static long id_seen(assess_session *s, const char *id)
{
    if ((s->n_bids + 1) * 2 > s->ids_cap) {
        size_t cap = s->ids_cap ? s->ids_cap * 2 : 64;
        char **t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < s->n_bids; i++) {
            size_t h = hash_str(s->bids[i]->id) & (cap - 1);
            while (t[h])
                h = (h + 1) & (cap - 1);
            t[h] = s->bids[i]->id;
        }
        free(s->ids);
        s->ids = t;
        s->ids_cap = cap;
    }
    size_t h = hash_str(id) & (s->ids_cap - 1);
    while (s->ids[h]) {
        if (strcmp(s->ids[h], id) == 0)
            for (size_t i = 0; i < s->n_bids; i++)
                if (s->bids[i]->id == s->ids[h])
                    return (long)i;
        h = (h + 1) & (s->ids_cap - 1);
    }
    return -2; /* not seen; id_insert() adds it when the bid is kept */
}

static void id_insert(assess_session *s, char *id)
{
    size_t h = hash_str(id) & (s->ids_cap - 1);
    while (s->ids[h])
        h = (h + 1) & (s->ids_cap - 1);
    s->ids[h] = id;
}

static int is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

assess_status assess_session_new(assess_session **out, const char *rules_dir,
                                 assess_diags *d)
{
    *out = NULL;
    assess_xml_thread_init();
    const char *dir = rules_dir;
    if (!dir)
        dir = getenv("ASSESS_RULES");
    if (!dir || !*dir)
        dir = is_dir(ASSESS_INSTALL_RULES_DIR) ? ASSESS_INSTALL_RULES_DIR
                                               : ASSESS_SOURCE_RULES_DIR;
    if (!is_dir(dir))
        return assess_diags_add(d, ASSESS_ERR_IO, dir, NULL,
                                "rules directory not found (use --rules DIR or "
                                "set ASSESS_RULES)");
    assess_session *s = calloc(1, sizeof *s);
    if (!s || !(s->rules_dir = assess_strdup(dir))) {
        free(s);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    }
    *out = s;
    return ASSESS_OK;
}

/* Free the extension state (not the per-bid results). */
static void free_extensions(assess_session *s)
{
    for (size_t k = 0; k < s->n_ext; k++) {
        assess_engine_free(s->ext[k].engine);
        assess_framework_free(s->ext[k].fw);
        free(s->ext[k].profile);
        free(s->ext[k].weights_src);
        free(s->ext[k].gate_src);
    }
    free(s->ext);
    s->ext = NULL;
    s->n_ext = 0;
}

void assess_session_free(assess_session *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_bids; i++) {
        assess_result_release(s->results[i]);
        free(s->results[i]);
        assess_bid_free(s->bids[i]);
    }
    for (size_t i = 0; i < s->n_bids * s->n_ext; i++) {
        assess_result_release(s->ext_results[i]);
        free(s->ext_results[i]);
    }
    free(s->ext_results);
    free_extensions(s);
    for (size_t l = 0; s->tender && s->class_ext && s->n_class_ext &&
                       l < s->tender->n_lots;
         l++)
        assess_ext_settings_free(s->class_ext[l], s->n_class_ext[l]);
    free(s->class_ext);
    free(s->n_class_ext);
    free(s->results);
    free(s->bids);
    free(s->ids);
    for (size_t i = 0; i < s->n_failed; i++) {
        free(s->failed[i].file);
        free(s->failed[i].error);
    }
    free(s->failed);
    for (size_t i = 0; i < s->n_used; i++) {
        free(s->used[i].kind);
        free(s->used[i].file);
        free(s->used[i].version);
    }
    free(s->used);
    assess_engine_free(s->engine);
    assess_sanctions_free(s->sanctions);
    assess_portfolio_free(s->portfolio);
    assess_award_scores_free(s->scores);
    free(s->award);
    free(s->award_crit);
    free(s->award_diag);
    assess_registry_free(s->reg);
    assess_framework_free(s->fw);
    assess_tender_free(s->tender);
    free(s->rules_dir);
    free(s);
}

const char *assess_session_rules_dir(const assess_session *s)
{
    return s->rules_dir;
}

static void use_file(assess_session *s, const char *kind, const char *path,
                     const char *sha, const char *version)
{
    for (size_t i = 0; i < s->n_used; i++) /* two lots of one class */
        if (s->used[i].kind && s->used[i].file &&
            !strcmp(s->used[i].kind, kind) && !strcmp(s->used[i].sha256, sha) &&
            !strcmp(s->used[i].file, assess_basename(path)))
            return;
    if (!assess_grow((void **)&s->used, &s->cap_used, s->n_used + 1,
                     sizeof *s->used)) {
        s->incomplete = 1;
        return;
    }
    used_file *u = &s->used[s->n_used];
    u->kind = assess_strdup(kind);
    u->file = assess_strdup(assess_basename(path));
    memcpy(u->sha256, sha, 65);
    u->version = version ? assess_strdup(version) : NULL;
    if (!u->kind || !u->file || (version && !u->version)) {
        free(u->kind); /* the outputs refuse an incomplete audit trail */
        free(u->file);
        free(u->version);
        s->incomplete = 1;
        return;
    }
    s->n_used++;
}

/* Read a class default file: min_seal per objective. */
static assess_status load_class(assess_session *s, const char *class_id,
                                int min_seal[ASSESS_MAX_OBJECTIVES],
                                assess_ext_setting **ext, size_t *n_ext,
                                assess_diags *d)
{
    char *path = assess_printf("%s/classes/%s.json", s->rules_dir, class_id);
    if (!path)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    char sha[65];
    cJSON *root = NULL;
    assess_status st = assess_json_load(&root, path, sha, d);
    if (root) {
        use_file(s, "class", path, sha, class_id);
        assess_jreader r = ASSESS_JREADER(path, d);
        assess_jpath_init(&r.path);
        static const char *const allowed[] = {"format", "id", "name",
                                              "framework", "min_seal",
                                              "basis", "notes", "extensions",
                                              NULL};
        assess_jr_only(&r, root, allowed);
        assess_read_ext_settings(&r, root, ext, n_ext);
        char *fw = NULL;
        assess_jr_string(&r, root, "framework", 1, &fw);
        if (fw && strcmp(fw, s->fw->id) != 0)
            assess_jr_error(&r, "framework",
                            "class defaults are for framework '%s', the tender "
                            "uses '%s'",
                            fw, s->fw->id);
        free(fw);
        const cJSON *ms = assess_jr_get(&r, root, "min_seal", cJSON_Object, 1);
        if (ms) {
            size_t old = assess_jpath_key(&r.path, "min_seal");
            for (const cJSON *e = ms->child; e; e = e->next)
                if (assess_framework_objective(s->fw, e->string) < 0)
                    assess_jr_error(&r, e->string, "no such objective in %s",
                                    s->fw->id);
            for (size_t o = 0; o < s->fw->n_objectives; o++) {
                long v = 0;
                if (assess_jr_int(&r, ms, s->fw->objectives[o].id, 1, 0, 4, &v))
                    min_seal[o] = (int)v;
            }
            assess_jpath_pop(&r.path, old);
        }
        if (assess_jr_errors(&r))
            st = ASSESS_ERR_INVALID;
        cJSON_Delete(root);
    }
    free(path);
    return st;
}

/* Resolve each lot's minimum SEAL: class default, then the tender's own. */
static assess_status resolve_lots(assess_session *s, assess_diags *d)
{
    assess_status st = ASSESS_OK;
    s->class_ext = calloc(s->tender->n_lots, sizeof *s->class_ext);
    s->n_class_ext = calloc(s->tender->n_lots, sizeof *s->n_class_ext);
    if (!s->class_ext || !s->n_class_ext)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    for (size_t i = 0; i < s->tender->n_lots; i++) {
        assess_lot *lot = &s->tender->lots[i];
        for (size_t o = 0; o < ASSESS_MAX_OBJECTIVES; o++) {
            lot->min_seal[o] = -1;
            lot->min_seal_src[o] = ASSESS_GATE_SRC_NONE;
        }
        if (lot->class_id) {
            int ms[ASSESS_MAX_OBJECTIVES];
            assess_status cs = load_class(s, lot->class_id, ms, &s->class_ext[i],
                                          &s->n_class_ext[i], d);
            if (cs != ASSESS_OK) {
                st = cs;
                continue;
            }
            for (size_t o = 0; o < s->fw->n_objectives; o++) {
                lot->min_seal[o] = ms[o];
                lot->min_seal_src[o] = ASSESS_GATE_SRC_CLASS;
            }
        }
        for (size_t k = 0; k < lot->n_min_seal; k++) {
            long o = assess_framework_objective(s->fw, lot->min_seal_keys[k]);
            if (o < 0) {
                char path[128];
                snprintf(path, sizeof path, "$.lots[%zu].min_seal['%s']", i,
                         lot->min_seal_keys[k]);
                st = assess_diags_add(d, ASSESS_ERR_INVALID, s->tender->file,
                                      path, "no objective '%s' in framework %s",
                                      lot->min_seal_keys[k], s->fw->id);
                continue;
            }
            lot->min_seal[o] = lot->min_seal_values[k];
            lot->min_seal_src[o] = ASSESS_GATE_SRC_TENDER;
        }
    }
    return st;
}

/* ---- award ---------------------------------------------------------------- */

/* The evaluator scores file, and every award criterion known: the
   Sovereignty Score, an extension of the tender, or scored by evaluators. */
static assess_status load_award(assess_session *s, const char *tender_path,
                                assess_diags *d)
{
    const assess_award *a = &s->tender->award;
    if (!a->present)
        return ASSESS_OK;
    if (a->scores) {
        const char *slash = strrchr(tender_path, '/');
        char *pp = slash ? assess_printf("%.*s/%s", (int)(slash - tender_path),
                                         tender_path, a->scores)
                         : assess_strdup(a->scores);
        assess_status st = pp ? assess_award_scores_load(&s->scores, pp, d)
                              : ASSESS_ERR_NOMEM;
        free(pp);
        if (st != ASSESS_OK)
            return assess_diags_add(d, st, tender_path, "$.award.scores",
                                    "cannot use the scores '%s'", a->scores);
        use_file(s, "scores", assess_award_scores_file(s->scores),
                 assess_award_scores_sha256(s->scores), NULL);
    }
    for (size_t k = 0; k < a->n_preference; k++)
        if (a->preference[k].mode == ASSESS_PREF_UNION_ADDED_VALUE) {
            size_t c = 0;
            while (c < a->n_criteria && strcmp(a->criteria[c].id, "union-added-value"))
                c++;
            if (c == a->n_criteria)
                return assess_diags_add(d, ASSESS_ERR_INVALID, tender_path,
                                        "$.award.weights",
                                        "the union-added-value preference needs a "
                                        "'union-added-value' criterion");
            if (a->criteria[c].weight > a->preference[k].value * 100.0 + 1e-9)
                return assess_diags_add(d, ASSESS_ERR_INVALID, tender_path,
                                        "$.award.weights['union-added-value']",
                                        "weight %d %% is above the cap of %.2f %%",
                                        a->criteria[c].weight,
                                        a->preference[k].value * 100.0);
        }
    for (size_t k = 0; k < a->n_criteria; k++) {
        const char *id = a->criteria[k].id;
        int known = !strcmp(id, "sovereignty");
        for (size_t x = 0; x < s->n_ext && !known; x++)
            known = !strcmp(s->ext[x].fw->id, id);
        if (!known && !assess_award_scores_has(s->scores, id))
            return assess_diags_add(d, ASSESS_ERR_INVALID, tender_path,
                                    "$.award.weights",
                                    "'%s' is not 'sovereignty', an extension of the "
                                    "tender, or a criterion of the scores file",
                                    id);
    }
    return ASSESS_OK;
}

/* The country code at the end of a chain label "Name (CC)", or "". */
static void label_country(const char *label, char cc[3])
{
    size_t n = label ? strlen(label) : 0;
    cc[0] = '\0';
    if (n >= 4 && label[n - 1] == ')' && label[n - 4] == '(') {
        cc[0] = label[n - 3];
        cc[1] = label[n - 2];
        cc[2] = '\0';
    }
}

/* The bidder's category for the European preference: 0 EU/EEA, 1 covered
   by the GPA, 2 not covered, from the tenderer's country and its ultimate
   controller's (the resolved chain): the weaker of the two counts. */
static int bidder_category(const assess_session *s, const assess_result *r)
{
    const assess_groups *g = assess_registry_groups(s->reg);
    if (!r->n_chain)
        return 2; /* nothing known: not covered, never preferred by default */
    int worst = 0;
    for (size_t k = 0; k < 2; k++) {
        char cc[3];
        label_country(r->chain[k ? r->n_chain - 1 : 0], cc);
        int cat = assess_groups_has(g, "EEA", cc) == 1   ? 0
                  : assess_groups_has(g, "GPA", cc) == 1 ? 1
                                                         : 2;
        if (cat > worst)
            worst = cat;
    }
    return worst;
}

/* Knock-outs, scores, totals and ranks (after the sovereignty ranking). */
static void rank_award(assess_session *s)
{
    const assess_award *a = &s->tender->award;
    free(s->award);
    free(s->award_crit);
    free(s->award_diag);
    s->award_diag = NULL;
    s->award = calloc(s->n_bids ? s->n_bids : 1, sizeof *s->award);
    s->award_crit = calloc((s->n_bids ? s->n_bids : 1) * (a->n_criteria ? a->n_criteria : 1),
                           sizeof *s->award_crit);
    if (!s->award || !s->award_crit)
        return;
    for (size_t i = 0; i < s->n_bids; i++) {
        const assess_result *r = s->results[i];
        award_bid *b = &s->award[i];
        double *crit = &s->award_crit[i * a->n_criteria];
        b->id = r->bid->id;
        b->lot = r->lot ? (long)(r->lot - s->tender->lots) : -1;
        b->has_price = r->bid->has_price;
        b->price = r->bid->price_amount;
        b->wrong_currency = b->has_price && a->currency[0] &&
                            strcmp(r->bid->price_currency, a->currency) != 0;
        b->gate_failed = r->gate_status == ASSESS_GATE_FAIL;
        b->category = bidder_category(s, r);
        for (size_t k = 0; k < a->n_criteria; k++) {
            const char *id = a->criteria[k].id;
            crit[k] = NAN;
            if (!strcmp(id, "sovereignty")) {
                crit[k] = fmin(100, fmax(0, assess_result_score_percent(r, s->fw)));
                continue;
            }
            for (size_t x = 0; x < s->n_ext; x++)
                if (!strcmp(s->ext[x].fw->id, id))
                    crit[k] = assess_result_score_percent(
                        s->ext_results[i * s->n_ext + x], s->ext[x].fw);
            if (isnan(crit[k]))
                crit[k] = assess_award_scores_value(s->scores, r->bid->id, id,
                                                    a->consensus);
            const award_override *ov = assess_award_override(s->scores, r->bid->id, id);
            if (ov) /* after a clarification: recorded, never silent */
                crit[k] = ov->value;
        }
        b->crit = crit;
    }
    assess_award_rank(a, s->award, s->n_bids);
    s->award_diag = calloc(s->tender->n_lots ? s->tender->n_lots : 1,
                           sizeof *s->award_diag);
    if (s->award_diag)
        assess_award_diagnose(a, s->award, s->n_bids, s->award_diag,
                              s->tender->n_lots);
}

/* ---- extensions ---------------------------------------------------------- */

static const assess_ext_setting *find_setting(const assess_ext_setting *v,
                                              size_t n, const char *ext)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].extension && !strcmp(v[i].extension, ext))
            return &v[i];
    return NULL;
}

/* Register a lot's weights as a profile of the extension framework. */
static long add_profile(assess_framework *fw, const assess_lot *lot,
                        const assess_ext_setting *set, const char *file,
                        const char *where, assess_diags *d)
{
    assess_weight_profile *p = realloc(fw->profiles,
                                       (fw->n_profiles + 1) * sizeof *p);
    if (!p)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory"),
               -1;
    fw->profiles = p;
    assess_weight_profile *wp = &fw->profiles[fw->n_profiles];
    memset(wp, 0, sizeof *wp);
    int ok = 1;
    for (size_t k = 0; k < set->n_weights; k++) {
        long o = assess_framework_objective(fw, set->groups[k]);
        if (o < 0) {
            assess_diags_add(d, ASSESS_ERR_INVALID, file, where,
                             "no group '%s' in extension %s", set->groups[k], fw->id);
            ok = 0;
        } else {
            wp->weights[o] = set->weights[k];
        }
    }
    if (!ok)
        return -1;
    wp->id = assess_printf("lot %s", lot->id);
    wp->label = assess_printf("weights of lot %s", lot->id);
    return (long)fw->n_profiles++;
}

/* Load the tender's extension frameworks; per lot resolve weights and gates:
   the tender's own setting, else the class default, else the framework's
   default weights and no gate. */
static assess_status load_extensions(assess_session *s, assess_diags *d)
{
    const assess_tender *t = s->tender;
    /* a lot's settings must name an extension the tender scores */
    for (size_t l = 0; l < t->n_lots; l++)
        for (size_t k = 0; k < t->lots[l].n_ext; k++) {
            const char *id = t->lots[l].ext[k].extension;
            size_t j = 0;
            while (j < t->n_extensions && strcmp(t->extensions[j], id))
                j++;
            if (j == t->n_extensions) {
                char where[128];
                snprintf(where, sizeof where, "$.lots[%zu].extensions['%s']", l, id);
                return assess_diags_add(d, ASSESS_ERR_INVALID, t->file, where,
                                        "'%s' is not one of the tender's extensions",
                                        id);
            }
        }
    if (!t->n_extensions)
        return ASSESS_OK;
    if (t->n_extensions > ASSESS_MAX_EXTENSIONS)
        return assess_diags_add(d, ASSESS_ERR_LIMIT, t->file, "$.extensions",
                                "more than %d extensions", ASSESS_MAX_EXTENSIONS);
    s->ext = calloc(t->n_extensions, sizeof *s->ext);
    if (!s->ext)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    for (size_t k = 0; k < t->n_extensions; k++) {
        ext_state *x = &s->ext[s->n_ext];
        char jp[64];
        snprintf(jp, sizeof jp, "$.extensions[%zu]", k);
        char *path = assess_printf("%s/frameworks/%s.json", s->rules_dir,
                                   t->extensions[k]);
        assess_status st = path ? assess_framework_load(&x->fw, path, d)
                                : ASSESS_ERR_NOMEM;
        free(path);
        if (st != ASSESS_OK)
            return assess_diags_add(d, st, t->file, jp, "cannot use extension '%s'",
                                    t->extensions[k]);
        s->n_ext++;
        for (size_t j = 0; j + 1 < s->n_ext; j++)
            if (!strcmp(s->ext[j].fw->id, x->fw->id))
                return assess_diags_add(d, ASSESS_ERR_INVALID, t->file, jp,
                                        "extension '%s' is named twice", x->fw->id);
        if (!strcmp(x->fw->id, s->fw->id))
            return assess_diags_add(d, ASSESS_ERR_INVALID, t->file, jp,
                                    "the main framework cannot be its own extension");
        use_file(s, "extension", x->fw->file, x->fw->sha256, x->fw->version);
        size_t nl = t->n_lots, ng = x->fw->n_gates;
        x->profile = calloc(nl, sizeof *x->profile);
        x->weights_src = calloc(nl, sizeof *x->weights_src);
        x->gate_src = calloc(nl * (ng ? ng : 1), sizeof *x->gate_src);
        if (!x->profile || !x->weights_src || !x->gate_src)
            return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
        for (size_t l = 0; l < nl; l++) {
            const assess_lot *lot = &t->lots[l];
            const assess_ext_setting *own =
                find_setting(lot->ext, lot->n_ext, x->fw->id);
            const assess_ext_setting *cls =
                find_setting(s->class_ext[l], s->n_class_ext[l], x->fw->id);
            char where[128];
            snprintf(where, sizeof where, "$.lots[%zu].extensions['%s']", l, x->fw->id);
            x->profile[l] = x->fw->default_profile;
            x->weights_src[l] = ASSESS_GATE_SRC_FRAMEWORK;
            const assess_ext_setting *w =
                own && own->n_weights ? own : cls && cls->n_weights ? cls : NULL;
            if (w) {
                long p = add_profile(x->fw, lot, w, w == own ? t->file : lot->class_id,
                                     where, d);
                if (p < 0)
                    return ASSESS_ERR_INVALID;
                x->profile[l] = (size_t)p;
                x->weights_src[l] = w == own ? ASSESS_GATE_SRC_TENDER
                                             : ASSESS_GATE_SRC_CLASS;
            }
            const assess_ext_setting *g =
                own && own->has_gates ? own : cls && cls->has_gates ? cls : NULL;
            for (size_t i = 0; g && i < g->n_gates; i++) {
                size_t gi = 0;
                while (gi < ng && strcmp(x->fw->gates[gi].id, g->gates[i]))
                    gi++;
                if (gi == ng)
                    return assess_diags_add(d, ASSESS_ERR_INVALID,
                                            g == own ? t->file : lot->class_id, where,
                                            "no gate '%s' in extension %s",
                                            g->gates[i], x->fw->id);
                x->gate_src[l * ng + gi] = g == own ? ASSESS_GATE_SRC_TENDER
                                                    : ASSESS_GATE_SRC_CLASS;
            }
        }
        if ((st = assess_engine_new(&x->engine, x->fw, s->reg, d)) != ASSESS_OK)
            return st;
        assess_engine_set_trace(x->engine, s->trace);
        assess_engine_set_sanctions(x->engine, s->sanctions);
        assess_engine_set_chain_flags(x->engine, 0);
        assess_engine_set_portfolio(x->engine, s->portfolio);
    }
    return ASSESS_OK;
}

/* Keep only the gate checks (and their flags) that apply to the lot. */
static void drop_unapplied_gates(const ext_state *x, size_t lot, assess_result *r)
{
    size_t ng = x->fw->n_gates, kept = 0;
    for (size_t g = 0; g < r->n_checks; g++) {
        int on = g < ng && x->gate_src[lot * ng + g] != ASSESS_GATE_SRC_NONE;
        if (!on) {
            for (size_t f = 0; f < r->n_flags;) {
                if (r->flags[f].criterion && !strcmp(r->flags[f].criterion,
                                                     r->checks[g].id)) {
                    assess_flag_release(&r->flags[f]);
                    memmove(&r->flags[f], &r->flags[f + 1],
                            (r->n_flags - f - 1) * sizeof *r->flags);
                    r->n_flags--;
                } else {
                    f++;
                }
            }
            for (size_t k = 0; k < r->n_gaps;) {
                if (!strcmp(r->gaps[k].criterion, r->checks[g].id)) {
                    free(r->gaps[k].criterion);
                    assess_text_release(&r->gaps[k].reason);
                    memmove(&r->gaps[k], &r->gaps[k + 1],
                            (r->n_gaps - k - 1) * sizeof *r->gaps);
                    r->n_gaps--;
                } else {
                    k++;
                }
            }
            free(r->checks[g].id);
            assess_text_release(&r->checks[g].reason);
            continue;
        }
        r->checks[kept++] = r->checks[g];
    }
    r->n_checks = kept;
}

/* 1 when some criterion of the group applies to the bid. */
static int group_applies(const assess_framework *fw, size_t o, const assess_result *r)
{
    const assess_objective *ob = &fw->objectives[o];
    for (size_t c = ob->first_criterion; c < ob->first_criterion + ob->n_criteria; c++)
        if (r->crit[c].outcome != ASSESS_OUTCOME_NOT_APPLICABLE)
            return 1;
    return 0;
}

/* Criteria that do not apply leave an extension's score: a group's points
   are scaled to the criteria that apply (a concentration criterion without
   a buyer portfolio), and a group none of whose criteria applies (AI models
   for a plain cloud service) gives its weight to the others, so a bid is not
   marked down for what it need not do. Unknown criteria still count 0. */
static void renormalise(const assess_framework *fw, size_t profile, assess_result *r)
{
    long long weighted = 0;
    long applicable = 0;
    for (size_t o = 0; o < fw->n_objectives; o++) {
        const assess_objective *ob = &fw->objectives[o];
        long long full = 0, top = 0;
        for (size_t c = ob->first_criterion; c < ob->first_criterion + ob->n_criteria;
             c++) {
            const assess_criterion *cr = &fw->criteria[c];
            long t = cr->rungs[cr->n_rungs - 1].points_centi;
            full += t;
            if (r->crit[c].outcome != ASSESS_OUTCOME_NOT_APPLICABLE)
                top += t;
        }
        if (top == 0)
            continue;
        assess_objective_result *orr = &r->objectives[o];
        if (top < full)
            orr->points_centi = (long)llround((double)orr->points_centi *
                                              (double)full / (double)top);
        weighted += (long long)fw->profiles[profile].weights[o] * orr->points_centi;
        applicable += fw->profiles[profile].weights[o];
    }
    r->weighted = applicable > 0 ? (long long)llround((double)weighted * 100.0 /
                                                      (double)applicable)
                                 : 0;
}

/* The extension's gate failures join the bid's own, named "<extension>:
   <gate>", so that a bid knocked out by an extension says why wherever its
   gate is shown. Criterion lists stay with the extension's results. */
static int copy_failures(const ext_state *x, long lot, const assess_result *r,
                         assess_result *main)
{
    for (size_t i = 0; i < r->n_failures; i++) {
        const assess_gate_failure *f = &r->failures[i];
        assess_gate_failure *v = realloc(main->failures,
                                         (main->n_failures + 1) * sizeof *v);
        if (!v)
            return 0;
        main->failures = v;
        assess_gate_failure *g = &v[main->n_failures];
        memset(g, 0, sizeof *g);
        size_t gi = 0;
        while (gi < x->fw->n_gates && strcmp(x->fw->gates[gi].id, f->gate))
            gi++;
        g->gate = assess_printf("%s:%s", x->fw->id, f->gate);
        g->source = gi < x->fw->n_gates && lot >= 0
                        ? x->gate_src[(size_t)lot * x->fw->n_gates + gi]
                        : ASSESS_GATE_SRC_FRAMEWORK;
        g->required = f->required;
        g->actual = f->actual;
        g->reason.en = assess_printf("%s: %s", x->fw->id, f->reason.en ? f->reason.en : "");
        g->reason.nl = assess_printf("%s: %s", x->fw->id, f->reason.nl ? f->reason.nl : "");
        main->n_failures++;
        if (!g->gate || !g->reason.en || !g->reason.nl)
            return 0;
    }
    return 1;
}

/* Evaluate and score every extension for one bid (facts still present);
   the bid's gate status becomes the worst of all frameworks' gates. */
static assess_status evaluate_extensions(assess_session *s, assess_bid *bid,
                                         assess_result *main, assess_result **out,
                                         assess_diags *d)
{
    long lot = main->lot ? (long)(main->lot - s->tender->lots) : -1;
    for (size_t k = 0; k < s->n_ext; k++) {
        const ext_state *x = &s->ext[k];
        assess_result *r = calloc(1, sizeof *r);
        if (!r)
            return assess_diags_add(d, ASSESS_ERR_NOMEM, bid->file, NULL,
                                    "out of memory");
        out[k] = r;
        assess_status st = assess_engine_evaluate(x->engine, bid, s->tender, r, d);
        if (st != ASSESS_OK)
            return st;
        if (lot >= 0)
            drop_unapplied_gates(x, (size_t)lot, r);
        /* the main framework's minimum SEALs are not this framework's: score
           without the lot, then give it back */
        const assess_lot *keep = r->lot;
        r->lot = NULL;
        st = assess_score_result(r, x->fw, s->tender,
                                 lot >= 0 ? x->profile[lot] : x->fw->default_profile);
        r->lot = keep;
        if (st != ASSESS_OK) /* the scorer reports nothing itself */
            return assess_diags_add(d, st, NULL, NULL, "%s while scoring %s",
                                    assess_strerror(st), x->fw->id);
        renormalise(x->fw, lot >= 0 ? x->profile[lot] : x->fw->default_profile, r);
        if (!copy_failures(x, lot, r, main))
            return assess_diags_add(d, ASSESS_ERR_NOMEM, bid->file, NULL,
                                    "out of memory");
        static const int worse[] = {[ASSESS_GATE_PASS] = 0, [ASSESS_GATE_UNKNOWN] = 1,
                                    [ASSESS_GATE_ERROR] = 2, [ASSESS_GATE_FAIL] = 3};
        if (worse[r->gate_status] > worse[main->gate_status]) {
            main->gate_status = r->gate_status;
            main->gate_passed = 0;
        }
    }
    return ASSESS_OK;
}

assess_status assess_session_load_tender(assess_session *s, const char *path,
                                         assess_diags *d)
{
    char *data;
    size_t size;
    if (s->tender)
        return assess_diags_add(d, ASSESS_ERR_USAGE, path, NULL,
                                "a tender profile is already loaded");
    assess_status st = assess_read_file(&data, &size, path,
                                        ASSESS_MAX_FILE_BYTES, d);
    if (st != ASSESS_OK)
        return st;
    st = assess_tender_parse(&s->tender, path, data, size, d);
    free(data);
    if (st != ASSESS_OK)
        return st;
    use_file(s, "tender", path, s->tender->sha256, NULL);

    char *fwpath = assess_printf("%s/frameworks/%s.json", s->rules_dir,
                                 s->tender->framework);
    if (!fwpath)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    if (strchr(s->tender->framework, '/') ||
        (st = assess_framework_load(&s->fw, fwpath, d)) != ASSESS_OK) {
        free(fwpath);
        return assess_diags_add(d, st ? st : ASSESS_ERR_INVALID, path,
                                "$.framework", "cannot use framework '%s'",
                                s->tender->framework);
    }
    free(fwpath);
    use_file(s, "framework", s->fw->file, s->fw->sha256, s->fw->version);
    long p = (long)s->fw->default_profile;
    if (s->tender->weight_profile &&
        (p = assess_framework_profile(s->fw, s->tender->weight_profile)) < 0)
        return assess_diags_add(d, ASSESS_ERR_INVALID, path, "$.weight_profile",
                                "framework %s has no weight profile '%s'",
                                s->fw->id, s->tender->weight_profile);
    s->profile = (size_t)p;
    if ((st = resolve_lots(s, d)) != ASSESS_OK)
        return st;
    if (s->tender->portfolio) {
        const char *slash = strrchr(path, '/');
        char *pp = slash ? assess_printf("%.*s/%s", (int)(slash - path), path,
                                         s->tender->portfolio)
                         : assess_strdup(s->tender->portfolio);
        st = pp ? assess_portfolio_load(&s->portfolio, pp, d) : ASSESS_ERR_NOMEM;
        free(pp);
        if (st != ASSESS_OK)
            return assess_diags_add(d, st, path, "$.portfolio",
                                    "cannot use the portfolio '%s'",
                                    s->tender->portfolio);
        use_file(s, "portfolio", assess_portfolio_file(s->portfolio),
                 assess_portfolio_sha256(s->portfolio),
                 assess_portfolio_as_of(s->portfolio));
    }

    char *rpath = assess_printf("%s/registry", s->rules_dir);
    if (!rpath)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    st = assess_registry_load(&s->reg, rpath, d);
    free(rpath);
    if (st != ASSESS_OK)
        return st;
    for (size_t i = 0; i < assess_registry_file_count(s->reg); i++) {
        const char *file, *sha;
        assess_registry_file(s->reg, i, &file, &sha);
        use_file(s, "registry", file, sha,
                 assess_registry_file_as_of(s->reg, i));
    }
    st = assess_engine_new(&s->engine, s->fw, s->reg, d);
    if (st == ASSESS_OK) {
        assess_engine_set_trace(s->engine, s->trace);
        assess_engine_set_sanctions(s->engine, s->sanctions);
        assess_engine_set_portfolio(s->engine, s->portfolio);
        if ((st = load_extensions(s, d)) == ASSESS_OK)
            st = load_award(s, path, d);
        if (st != ASSESS_OK) {
            /* no half-loaded session: without an engine every bid is refused
               ("load a tender profile before the bids") */
            free_extensions(s);
            assess_engine_free(s->engine);
            s->engine = NULL;
        }
    }
    return st;
}

assess_status assess_session_load_sanctions(assess_session *s, const char *path,
                                            assess_diags *d)
{
    if (s->sanctions)
        return assess_diags_add(d, ASSESS_ERR_USAGE, path, NULL,
                                "a sanctions list is already loaded");
    if (s->n_bids || s->n_failed)
        return assess_diags_add(d, ASSESS_ERR_USAGE, path, NULL,
                                "load the sanctions list before the bids");
    assess_status st = assess_sanctions_load(&s->sanctions, path, d);
    if (st != ASSESS_OK)
        return st;
    use_file(s, "sanctions", path, assess_sanctions_sha256(s->sanctions),
             assess_sanctions_generated(s->sanctions));
    if (s->engine)
        assess_engine_set_sanctions(s->engine, s->sanctions);
    for (size_t k = 0; k < s->n_ext; k++)
        assess_engine_set_sanctions(s->ext[k].engine, s->sanctions);
    return ASSESS_OK;
}

/* JSON path of a node in a fact document: $.entities[1].country */
static void node_path(xmlNodePtr n, assess_jpath *p)
{
    xmlNodePtr chain[ASSESS_MAX_JSON_DEPTH + 2];
    int k = 0;
    for (; n && n->type == XML_ELEMENT_NODE && n->parent &&
           n->parent->type == XML_ELEMENT_NODE && k < ASSESS_MAX_JSON_DEPTH + 2;
         n = n->parent)
        chain[k++] = n;
    assess_jpath_init(p);
    while (k-- > 0) {
        xmlNodePtr c = chain[k];
        char *key = assess_facts_decode_name((const char *)c->name);
        assess_jpath_key(p, key ? key : (const char *)c->name);
        free(key);
        size_t idx = 0, total = 0;
        for (xmlNodePtr s = c->parent->children; s; s = s->next)
            if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, c->name)) {
                if (s == c)
                    idx = total;
                total++;
            }
        if (total > 1)
            assess_jpath_index(p, idx);
    }
}

/* Every country code in the fact document must exist in the registry. */
static int check_countries(const assess_session *s, const assess_bid *bid,
                           xmlNodePtr n, assess_diags *d)
{
    int errors = 0;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        size_t len = strlen(name);
        int is_country = !strcmp(name, "country") || !strcmp(name, "origin_country") ||
                         (len > 10 && !strcmp(name + len - 10, "_locations"));
        if (is_country && !xmlHasProp(n, BAD_CAST "empty")) {
            xmlChar *v = xmlNodeGetContent(n);
            if (v && !assess_groups_country_exists(assess_registry_groups(s->reg),
                                                   (const char *)v)) {
                assess_jpath p;
                node_path(n, &p);
                assess_diags_add(d, ASSESS_ERR_INVALID, bid->file, p.buf,
                                 "'%s' is not an ISO 3166-1 country code",
                                 (const char *)v);
                errors++;
            }
            xmlFree(v);
        } else {
            errors += check_countries(s, bid, n->children, d);
        }
    }
    return errors;
}

/* Every registry_id a bid names must exist in the registry. */
static int check_registry_ids(const assess_session *s, const assess_bid *bid,
                              assess_diags *d)
{
    int errors = 0;
    for (size_t i = 0; i < bid->n_entities; i++) {
        const char *id = bid->entities[i].registry_id;
        if (id && assess_registry_entity(s->reg, id) < 0) {
            char path[64];
            snprintf(path, sizeof path, "$.entities[%zu].registry_id", i);
            assess_diags_add(d, ASSESS_ERR_INVALID, bid->file, path,
                             "no entity '%s' in the registry (assess registry "
                             "show NAME lists the known ones)",
                             id);
            errors++;
        }
    }
    return errors;
}

static void record_failure(assess_session *s, const char *name, size_t first,
                           assess_diags *d)
{
    if (!assess_grow((void **)&s->failed, &s->cap_failed, s->n_failed + 1,
                     sizeof *s->failed))
        return;
    failed_input *f = &s->failed[s->n_failed++];
    f->file = assess_strdup(name);
    char line[1024] = "could not be read";
    if (d && d->count > first)
        assess_diag_format(&d->items[first], line, sizeof line);
    f->error = assess_strdup(line);
}

/* Overrides of the main framework's criteria after a clarification (the
   scores file): the value is the rung that counts; the answer's evidence
   records who, when, why and what was declared. */
static assess_status apply_overrides(assess_session *s, assess_bid *bid,
                                     assess_diags *d)
{
    for (size_t c = 0; s->scores && c < s->fw->n_criteria; c++) {
        const assess_criterion *cr = &s->fw->criteria[c];
        const award_override *ov = assess_award_override(s->scores, bid->id, cr->id);
        if (!ov)
            continue;
        if (ov->value != floor(ov->value) || ov->value >= cr->n_rungs)
            return assess_diags_add(d, ASSESS_ERR_INVALID,
                                    assess_award_scores_file(s->scores), NULL,
                                    "override of %s for %s: %g is not a rung 0..%d",
                                    cr->id, bid->id, ov->value, cr->n_rungs - 1);
        assess_answer *a = NULL;
        for (size_t i = 0; i < bid->n_answers && !a; i++)
            if (!strcmp(bid->answers[i].criterion, cr->id))
                a = &bid->answers[i];
        if (!a) {
            assess_answer *v = realloc(bid->answers, (bid->n_answers + 1) * sizeof *v);
            if (!v)
                return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
            bid->answers = v;
            a = &v[bid->n_answers++];
            memset(a, 0, sizeof *a);
            a->criterion = assess_strdup(cr->id);
            a->rung = -1;
        }
        char *ev = assess_printf("override by %s on %s: %s (declared: %s; evidence: %s)",
                                 ov->evaluator, ov->date, ov->reason,
                                 a->rung >= 0 ? cr->rungs[a->rung].label : "no answer",
                                 a->evidence ? a->evidence : "none");
        if (!ev || !a->criterion)
            return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
        free(a->evidence);
        a->evidence = ev;
        a->rung = (int)ov->value;
    }
    return ASSESS_OK;
}

/* Validate, evaluate and score a parsed bid; takes ownership of `bid`. */
static assess_status add_bid(assess_session *s, const char *name,
                             assess_bid *bid, size_t first, assess_diags *d)
{
    assess_result *res = NULL;
    assess_status st = apply_overrides(s, bid, d);
    if (st == ASSESS_OK)
        st = assess_bid_validate(bid, s->fw, s->tender, d);
    if (check_countries(s, bid, xmlDocGetRootElement(bid->facts), d))
        st = ASSESS_ERR_INVALID;
    if (check_registry_ids(s, bid, d))
        st = ASSESS_ERR_INVALID;
    long dup = st == ASSESS_OK ? id_seen(s, bid->id) : -2;
    if (dup == -1)
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
    else if (dup >= 0)
        st = assess_diags_add(d, ASSESS_ERR_INVALID, name, "$.id",
                              "bid id '%s' is also used by %s", bid->id,
                              s->bids[dup]->file);
    if (st != ASSESS_OK)
        goto fail;
    res = calloc(1, sizeof *res);
    if (!res ||
        !assess_grow((void **)&s->bids, &s->cap_bids, s->n_bids + 1,
                     sizeof *s->bids) ||
        !assess_grow((void **)&s->results, &s->cap_results, s->n_bids + 1,
                     sizeof *s->results)) {
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
        goto fail;
    }
    st = assess_engine_evaluate(s->engine, bid, s->tender, res, d);
    if (st == ASSESS_OK &&
        (st = assess_score_result(res, s->fw, s->tender, s->profile)) != ASSESS_OK)
        assess_diags_add(d, st, name, NULL, "%s while scoring",
                         assess_strerror(st));
    if (st != ASSESS_OK)
        goto fail;
    if (s->n_ext) {
        if (!assess_grow((void **)&s->ext_results, &s->cap_ext_results,
                         (s->n_bids + 1) * s->n_ext, sizeof *s->ext_results)) {
            st = assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
            goto fail;
        }
        assess_result **ext = &s->ext_results[s->n_bids * s->n_ext];
        memset(ext, 0, s->n_ext * sizeof *ext);
        if ((st = evaluate_extensions(s, bid, res, ext, d)) != ASSESS_OK) {
            for (size_t k = 0; k < s->n_ext; k++) {
                assess_result_release(ext[k]);
                free(ext[k]);
                ext[k] = NULL;
            }
            goto fail;
        }
    }
    /* the fact document is not needed after evaluation (traces keep what
       explain shows); dropping it keeps a run of 10,000 bids small */
    xmlFreeDoc(bid->facts);
    bid->facts = NULL;
    id_insert(s, bid->id);
    s->bids[s->n_bids] = bid;
    s->results[s->n_bids++] = res;
    s->finished = 0;
    return ASSESS_OK;
fail:
    if (res) {
        assess_result_release(res);
        free(res);
    }
    assess_bid_free(bid);
    record_failure(s, name, first, d);
    return st;
}

/* Read, parse and add one bid; with `skip_non_bids`, a JSON value without a
   top-level "answers" is not a bid and is skipped (*skipped = 1). */
static assess_status add_bid_data(assess_session *s, const char *name,
                                  const char *data, size_t size,
                                  int skip_non_bids, int *skipped,
                                  assess_diags *d)
{
    size_t first = d ? d->count : 0;
    assess_bid *bid = NULL;
    assess_status st;
    if (skipped)
        *skipped = 0;
    if (!s->engine)
        return assess_diags_add(d, ASSESS_ERR_USAGE, name, NULL,
                                "load a tender profile before the bids");
    cJSON *root = assess_json_parse(name, data, size, d);
    if (!root) {
        st = ASSESS_ERR_SYNTAX;
    } else if (skip_non_bids &&
               !cJSON_GetObjectItemCaseSensitive(root, "answers")) {
        cJSON_Delete(root);
        if (skipped)
            *skipped = 1;
        return ASSESS_OK;
    } else if (s->n_bids >= ASSESS_MAX_BIDS) {
        st = assess_diags_add(d, ASSESS_ERR_LIMIT, name, NULL,
                              "more than %d bids in one run", ASSESS_MAX_BIDS);
    } else {
        char sha[65];
        assess_sha256_hex(sha, data, size);
        st = assess_bid_from_json(&bid, name, sha, root, d);
    }
    cJSON_Delete(root);
    if (st != ASSESS_OK) {
        record_failure(s, name, first, d);
        return st;
    }
    return add_bid(s, name, bid, first, d);
}

assess_status assess_session_add_bid_buffer(assess_session *s, const char *name,
                                            const char *data, size_t size,
                                            assess_diags *d)
{
    return add_bid_data(s, name, data, size, 0, NULL, d);
}

static assess_status add_file(assess_session *s, const char *path,
                              int skip_non_bids, int *skipped, assess_diags *d)
{
    char *data;
    size_t size;
    size_t first = d ? d->count : 0;
    if (skipped)
        *skipped = 0;
    assess_status st = assess_read_file(&data, &size, path,
                                        ASSESS_MAX_FILE_BYTES, d);
    if (st != ASSESS_OK) {
        record_failure(s, path, first, d);
        return st;
    }
    st = add_bid_data(s, path, data, size, skip_non_bids, skipped, d);
    free(data);
    return st;
}

assess_status assess_session_add_bid_file(assess_session *s, const char *path,
                                          assess_diags *d)
{
    return add_file(s, path, 0, NULL, d);
}

assess_status assess_session_scan_bid_file(assess_session *s, const char *path,
                                           int *skipped, assess_diags *d)
{
    return add_file(s, path, 1, skipped, d);
}

void assess_session_set_trace(assess_session *s, int on)
{
    s->trace = on;
    if (s->engine)
        assess_engine_set_trace(s->engine, on);
    for (size_t k = 0; k < s->n_ext; k++)
        assess_engine_set_trace(s->ext[k].engine, on);
}

void assess_session_finish(assess_session *s)
{
    unsigned long nomem_at = assess_nomem_count();
    assess_rank_results(s->results, s->n_bids);
    if (s->tender && s->tender->award.present)
        rank_award(s);
    if (assess_nomem_count() != nomem_at)
        s->incomplete = 1;
    s->finished = 1;
}

assess_status assess_session_ready(assess_session *s, assess_diags *d)
{
    if (!s->tender || !s->fw)
        return assess_diags_add(d, ASSESS_ERR_USAGE, NULL, NULL, "no tender loaded");
    if (!s->finished)
        assess_session_finish(s);
    if (s->incomplete)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                                "out of memory: the results would be incomplete "
                                "(an input not recorded or the ranking not made)");
    return ASSESS_OK;
}

int assess_session_fail_on(const assess_session *s, const char *condition)
{
    int gate = !strcmp(condition, "gate");
    int sev = gate ? -1 : assess_severity_parse(condition);
    if (!gate && sev < 0)
        return -1;
    for (size_t i = 0; i < s->n_bids; i++) {
        if (gate && s->results[i]->gate_status == ASSESS_GATE_FAIL)
            return 1;
        for (size_t x = 0; !gate && x <= s->n_ext; x++) {
            const assess_result *r = x ? s->ext_results[i * s->n_ext + x - 1]
                                       : s->results[i];
            for (size_t k = 0; k < r->n_flags; k++)
                if ((int)r->flags[k].severity >= sev)
                    return 1;
        }
    }
    return 0;
}

size_t assess_session_bid_count(const assess_session *s) { return s->n_bids; }
size_t assess_session_failed_count(const assess_session *s)
{
    return s->n_failed;
}

/* ---- results JSON ------------------------------------------------------ */

static void write_text(jsonw *w, const char *key, const assess_text *t)
{
    jsonw_key(w, key);
    jsonw_object(w);
    jsonw_kstring(w, "en", t->en);
    jsonw_kstring(w, "nl", t->nl);
    jsonw_end(w, '}');
}

static void write_ids(jsonw *w, const char *key, const assess_framework *fw,
                      const size_t *idx, size_t n)
{
    jsonw_key(w, key);
    jsonw_array(w);
    for (size_t i = 0; i < n; i++)
        jsonw_string(w, fw->criteria[idx[i]].id);
    jsonw_end(w, ']');
}

/* "evidence_gaps" and "flags" of a result (main framework or extension). */
static void write_gaps_flags(jsonw *w, const assess_result *r)
{
    jsonw_key(w, "evidence_gaps");
    jsonw_array(w);
    for (size_t i = 0; i < r->n_gaps; i++) {
        jsonw_object(w);
        jsonw_kstring(w, "criterion", r->gaps[i].criterion);
        write_text(w, "reason", &r->gaps[i].reason);
        jsonw_end(w, '}');
    }
    jsonw_end(w, ']');
    jsonw_key(w, "flags");
    jsonw_array(w);
    for (size_t i = 0; i < r->n_flags; i++) {
        const assess_flag *f = &r->flags[i];
        jsonw_object(w);
        jsonw_kstring(w, "family", f->family);
        jsonw_kstring(w, "code", f->code);
        jsonw_kstring(w, "severity", assess_severity_name(f->severity));
        jsonw_kstring(w, "criterion", f->criterion);
        write_text(w, "message", &f->message);
        jsonw_key(w, "path");
        jsonw_array(w);
        for (size_t k = 0; k < f->n_path; k++)
            jsonw_string(w, f->path[k]);
        jsonw_end(w, ']');
        jsonw_key(w, "laws");
        jsonw_array(w);
        for (size_t k = 0; k < f->n_laws; k++)
            jsonw_string(w, f->laws[k]);
        jsonw_end(w, ']');
        jsonw_kstring(w, "basis", f->basis);
        jsonw_end(w, '}');
    }
    jsonw_end(w, ']');
}

static const char *ext_source(assess_gate_source src)
{
    return src == ASSESS_GATE_SRC_NONE ? NULL : assess_gate_source_name(src);
}

/* Per bid, each extension beside the main framework: score per group,
   criteria, the gates that apply to the lot (and where they came from),
   evidence gaps and flags. */
static void write_extensions(jsonw *w, const assess_session *s, size_t bid)
{
    jsonw_key(w, "extensions");
    jsonw_object(w);
    for (size_t k = 0; k < s->n_ext; k++) {
        const ext_state *x = &s->ext[k];
        const assess_framework *fw = x->fw;
        const assess_result *r = s->ext_results[bid * s->n_ext + k];
        long lot = r->lot ? (long)(r->lot - s->tender->lots) : -1;
        size_t prof = lot >= 0 ? x->profile[lot] : fw->default_profile;
        jsonw_key(w, fw->id);
        jsonw_object(w);
        jsonw_knumber(w, "score_percent", assess_result_score_percent(r, fw));
        jsonw_kstring(w, "weights_source",
                      lot >= 0 ? ext_source(x->weights_src[lot]) : "framework");
        long applicable = 0; /* weights of the groups that apply */
        for (size_t o = 0; o < fw->n_objectives; o++)
            if (group_applies(fw, o, r))
                applicable += fw->profiles[prof].weights[o];
        jsonw_key(w, "groups");
        jsonw_object(w);
        for (size_t o = 0; o < fw->n_objectives; o++) {
            int applies = group_applies(fw, o, r);
            jsonw_key(w, fw->objectives[o].id);
            jsonw_object(w);
            jsonw_knumber(w, "points", (double)r->objectives[o].points_centi / 100.0);
            jsonw_knumber(w, "score_percent", (double)r->objectives[o].points_centi /
                                                  (double)fw->nominal_points);
            jsonw_kint(w, "weight_percent", fw->profiles[prof].weights[o]);
            jsonw_kbool(w, "applies", applies);
            /* the weight that counts: groups that do not apply give theirs
               to the others */
            jsonw_knumber(w, "effective_weight_percent",
                          applies && applicable > 0
                              ? fw->profiles[prof].weights[o] * 100.0 / (double)applicable
                              : 0);
            jsonw_end(w, '}');
        }
        jsonw_end(w, '}');
        jsonw_key(w, "criteria");
        jsonw_object(w);
        for (size_t c = 0; c < fw->n_criteria; c++) {
            const assess_crit_result *cr = &r->crit[c];
            jsonw_key(w, fw->criteria[c].id);
            jsonw_object(w);
            jsonw_kint_or_null(w, "rung", cr->rung);
            jsonw_kstring(w, "source", assess_rung_source_name(cr->source));
            jsonw_knumber(w, "points", (double)cr->points_centi / 100.0);
            jsonw_kstring(w, "outcome", assess_outcome_name(cr->outcome));
            jsonw_kstring(w, "evidence", cr->evidence); /* derived: null */
            jsonw_kstring(w, "basis", fw->criteria[c].basis);
            jsonw_end(w, '}');
        }
        jsonw_end(w, '}');
        jsonw_key(w, "gate");
        jsonw_object(w);
        jsonw_kstring(w, "status", assess_gate_status_name(r->gate_status));
        jsonw_key(w, "checks");
        jsonw_array(w);
        for (size_t g = 0; g < r->n_checks; g++) {
            size_t gi = 0;
            while (gi < fw->n_gates && strcmp(fw->gates[gi].id, r->checks[g].id))
                gi++;
            jsonw_object(w);
            jsonw_kstring(w, "gate", r->checks[g].id);
            jsonw_kstring(w, "status", assess_gate_status_name(r->checks[g].status));
            jsonw_kstring(w, "source",
                          lot >= 0 && gi < fw->n_gates
                              ? ext_source(x->gate_src[(size_t)lot * fw->n_gates + gi])
                              : NULL);
            write_text(w, "reason", &r->checks[g].reason);
            jsonw_end(w, '}');
        }
        jsonw_end(w, ']');
        jsonw_end(w, '}');
        write_gaps_flags(w, r);
        jsonw_end(w, '}');
    }
    jsonw_end(w, '}');
}

static void knum(jsonw *w, const char *key, double v)
{
    jsonw_key(w, key);
    if (isfinite(v))
        jsonw_number(w, v);
    else
        jsonw_null(w);
}

/* Per bid: the award's knock-out, criterion scores (with every evaluator's
   score and reason), quality, price score, total and rank. */
static void write_award(jsonw *w, const assess_session *s, size_t bid)
{
    const assess_award *a = &s->tender->award;
    const award_bid *b = &s->award[bid];
    jsonw_key(w, "award");
    jsonw_object(w);
    jsonw_kbool(w, "eligible", b->eligible);
    jsonw_kstring(w, "knock_out", b->knock_out[0] ? b->knock_out : NULL);
    jsonw_key(w, "criteria");
    jsonw_object(w);
    for (size_t k = 0; k < a->n_criteria; k++) {
        jsonw_key(w, a->criteria[k].id);
        jsonw_object(w);
        knum(w, "score", b->crit[k]);
        jsonw_kint(w, "weight_percent", a->criteria[k].weight);
        const award_override *ov = assess_award_override(s->scores, b->id,
                                                         a->criteria[k].id);
        if (ov) {
            jsonw_key(w, "override");
            jsonw_object(w);
            knum(w, "value", ov->value);
            jsonw_kstring(w, "reason", ov->reason);
            jsonw_kstring(w, "evaluator", ov->evaluator);
            jsonw_kstring(w, "date", ov->date);
            jsonw_end(w, '}');
        }
        award_score_row rows[64];
        size_t n = assess_award_scores_rows(s->scores, b->id, a->criteria[k].id, rows, 64);
        if (n) {
            jsonw_key(w, "evaluators");
            jsonw_array(w);
            for (size_t i = 0; i < n; i++) {
                jsonw_object(w);
                jsonw_kstring(w, "evaluator", rows[i].evaluator);
                knum(w, "score", rows[i].score);
                jsonw_kstring(w, "reason", rows[i].reason);
                jsonw_end(w, '}');
            }
            jsonw_end(w, ']');
        }
        jsonw_end(w, '}');
    }
    jsonw_end(w, '}');
    knum(w, "quality", b->quality);
    knum(w, "price_score", b->price_score);
    knum(w, "total", b->total);
    knum(w, "total_rounded", b->total_rounded);
    jsonw_key(w, "rank");
    if (b->rank > 0)
        jsonw_int(w, b->rank);
    else
        jsonw_null(w);
    jsonw_kstring(w, "tie_break", b->tie_break[0] ? b->tie_break : NULL);
    jsonw_kbool(w, "abnormally_low", b->abnormally_low);
    static const char *const cats[] = {"eu-eea", "covered", "not-covered"};
    jsonw_kstring(w, "category", cats[b->category]);
    knum(w, "evaluated_price", b->has_price ? b->evaluated_price : NAN);
    jsonw_kstring(w, "removal_changes_winner_to",
                  b->without_winner >= 0 ? s->award[b->without_winner].id : NULL);
    jsonw_end(w, '}');
}

static void write_bid(jsonw *w, const assess_session *s, size_t bid)
{
    const assess_result *r = s->results[bid];
    const assess_framework *fw = s->fw;
    const assess_bid *b = r->bid;
    const assess_entity *t = assess_bid_entity(b, b->tenderer);
    jsonw_object(w);
    jsonw_kstring(w, "id", b->id);
    jsonw_kstring(w, "file", assess_basename(b->file));
    jsonw_kstring(w, "sha256", b->sha256);
    jsonw_kstring(w, "tenderer", b->tenderer);
    jsonw_kstring(w, "tenderer_name", t ? t->name : NULL);
    jsonw_kstring(w, "tenderer_country", t ? t->country : NULL);
    jsonw_kstring(w, "lot", b->lot);
    jsonw_key(w, "price");
    if (b->has_price) {
        jsonw_object(w);
        jsonw_knumber(w, "amount", b->price_amount);
        jsonw_kstring(w, "currency", b->price_currency);
        jsonw_end(w, '}');
    } else {
        jsonw_null(w);
    }
    jsonw_knumber(w, "score_percent", assess_result_score_percent(r, fw));
    jsonw_kint_or_null(w, "seal", r->seal);
    jsonw_key(w, "binding");
    jsonw_array(w);
    for (size_t o = 0; o < fw->n_objectives; o++)
        if (r->objectives[o].seal == r->seal && r->seal >= 0)
            for (size_t k = 0; k < r->objectives[o].n_binding; k++)
                jsonw_string(w, fw->criteria[r->objectives[o].binding[k]].id);
    jsonw_end(w, ']');
    jsonw_key(w, "objectives");
    jsonw_object(w);
    for (size_t o = 0; o < fw->n_objectives; o++) {
        const assess_objective_result *orr = &r->objectives[o];
        jsonw_key(w, fw->objectives[o].id);
        jsonw_object(w);
        jsonw_knumber(w, "points", (double)orr->points_centi / 100.0);
        jsonw_knumber(w, "score_percent",
                      (double)orr->points_centi / (double)fw->nominal_points);
        jsonw_kint(w, "weight_percent", fw->profiles[s->profile].weights[o]);
        jsonw_kint_or_null(w, "seal", orr->seal);
        write_ids(w, "binding", fw, orr->binding, orr->n_binding);
        jsonw_end(w, '}');
    }
    jsonw_end(w, '}');
    jsonw_key(w, "criteria");
    jsonw_object(w);
    for (size_t i = 0; i < fw->n_criteria; i++) {
        const assess_crit_result *cr = &r->crit[i];
        jsonw_key(w, fw->criteria[i].id);
        jsonw_object(w);
        jsonw_kint_or_null(w, "declared", cr->declared);
        jsonw_kint_or_null(w, "rung", cr->rung);
        jsonw_kstring(w, "source", assess_rung_source_name(cr->source));
        jsonw_knumber(w, "points", (double)cr->points_centi / 100.0);
        jsonw_kint_or_null(w, "seal", cr->seal);
        jsonw_kstring(w, "outcome", assess_outcome_name(cr->outcome));
        jsonw_end(w, '}');
    }
    jsonw_end(w, '}');
    jsonw_key(w, "chain");
    jsonw_array(w);
    for (size_t i = 0; i < r->n_chain; i++)
        jsonw_string(w, r->chain[i]);
    jsonw_end(w, ']');
    jsonw_key(w, "gate");
    jsonw_object(w);
    jsonw_kstring(w, "status", assess_gate_status_name(r->gate_status));
    jsonw_kbool(w, "passed", r->gate_passed);
    jsonw_key(w, "checks");
    jsonw_array(w);
    for (size_t i = 0; i < r->n_checks; i++) {
        jsonw_object(w);
        jsonw_kstring(w, "gate", r->checks[i].id);
        jsonw_kstring(w, "status", assess_gate_status_name(r->checks[i].status));
        write_text(w, "reason", &r->checks[i].reason);
        jsonw_end(w, '}');
    }
    jsonw_end(w, ']');
    jsonw_key(w, "failures");
    jsonw_array(w);
    for (size_t i = 0; i < r->n_failures; i++) {
        const assess_gate_failure *f = &r->failures[i];
        jsonw_object(w);
        jsonw_kstring(w, "gate", f->gate);
        jsonw_kstring(w, "source", assess_gate_source_name(f->source));
        jsonw_kint_or_null(w, "required", f->required);
        jsonw_kint_or_null(w, "actual", f->actual);
        write_text(w, "reason", &f->reason);
        write_ids(w, "criteria", fw, f->criteria, f->n_criteria);
        jsonw_end(w, '}');
    }
    jsonw_end(w, ']');
    jsonw_end(w, '}');
    write_gaps_flags(w, r);
    if (s->n_ext)
        write_extensions(w, s, bid);
    if (s->award)
        write_award(w, s, bid);
    jsonw_key(w, "sovereignty_rank");
    if (r->rank > 0)
        jsonw_int(w, r->rank);
    else
        jsonw_null(w);
    jsonw_end(w, '}');
}

/* `name` names the output in an error (NULL: the caller's stream). */
static assess_status write_results(assess_session *s, FILE *out,
                                   const char *name, assess_diags *d)
{
    assess_status ready = assess_session_ready(s, d);
    if (ready != ASSESS_OK)
        return ready;
    const assess_tender *t = s->tender;
    const assess_framework *fw = s->fw;
    jsonw w;
    jsonw_init(&w, out);
    jsonw_object(&w);
    jsonw_kstring(&w, "format", "assess-results/1");
    jsonw_key(&w, "tool");
    jsonw_object(&w);
    jsonw_kstring(&w, "name", "assess");
    jsonw_kstring(&w, "version", ASSESS_VERSION);
    jsonw_end(&w, '}');
    jsonw_key(&w, "tender");
    jsonw_object(&w);
    jsonw_kstring(&w, "title", t->title);
    jsonw_kstring(&w, "buyer", t->buyer);
    jsonw_kstring(&w, "assessment_date", t->assessment_date);
    jsonw_kstring(&w, "file", assess_basename(t->file));
    jsonw_kstring(&w, "sha256", t->sha256);
    jsonw_kstring(&w, "unknown_policy",
                  assess_unknown_policy_name(t->unknown_policy));
    jsonw_kstring(&w, "caps", t->caps_advisory ? "advisory" : "enforce");
    jsonw_key(&w, "lots");
    jsonw_array(&w);
    for (size_t i = 0; i < t->n_lots; i++) {
        const assess_lot *l = &t->lots[i];
        jsonw_object(&w);
        jsonw_kstring(&w, "id", l->id);
        jsonw_kstring(&w, "title", l->title);
        jsonw_kstring(&w, "class", l->class_id);
        jsonw_key(&w, "min_seal");
        jsonw_object(&w);
        for (size_t o = 0; o < fw->n_objectives; o++) {
            if (l->min_seal[o] < 0)
                continue;
            jsonw_key(&w, fw->objectives[o].id);
            jsonw_object(&w);
            jsonw_kint(&w, "required", l->min_seal[o]);
            jsonw_kstring(&w, "source", assess_gate_source_name(l->min_seal_src[o]));
            jsonw_end(&w, '}');
        }
        jsonw_end(&w, '}');
        jsonw_end(&w, '}');
    }
    jsonw_end(&w, ']');
    jsonw_end(&w, '}');
    jsonw_key(&w, "framework");
    jsonw_object(&w);
    jsonw_kstring(&w, "id", fw->id);
    jsonw_kstring(&w, "version", fw->version);
    jsonw_kstring(&w, "weight_profile", fw->profiles[s->profile].id);
    jsonw_kstring(&w, "file", fw->file);
    jsonw_kstring(&w, "sha256", fw->sha256);
    jsonw_end(&w, '}');
    jsonw_key(&w, "extensions");
    jsonw_array(&w);
    for (size_t k = 0; k < s->n_ext; k++) {
        const ext_state *x = &s->ext[k];
        jsonw_object(&w);
        jsonw_kstring(&w, "id", x->fw->id);
        jsonw_kstring(&w, "version", x->fw->version);
        jsonw_kstring(&w, "file", x->fw->file);
        jsonw_kstring(&w, "sha256", x->fw->sha256);
        jsonw_key(&w, "lots");
        jsonw_object(&w);
        for (size_t l = 0; l < t->n_lots; l++) {
            const assess_weight_profile *wp = &x->fw->profiles[x->profile[l]];
            jsonw_key(&w, t->lots[l].id);
            jsonw_object(&w);
            jsonw_kstring(&w, "weights_source", ext_source(x->weights_src[l]));
            jsonw_key(&w, "weights");
            jsonw_object(&w);
            for (size_t o = 0; o < x->fw->n_objectives; o++)
                jsonw_kint(&w, x->fw->objectives[o].id, wp->weights[o]);
            jsonw_end(&w, '}');
            jsonw_key(&w, "gates");
            jsonw_object(&w);
            for (size_t g = 0; g < x->fw->n_gates; g++) {
                assess_gate_source src = x->gate_src[l * x->fw->n_gates + g];
                if (src != ASSESS_GATE_SRC_NONE)
                    jsonw_kstring(&w, x->fw->gates[g].id, ext_source(src));
            }
            jsonw_end(&w, '}');
            jsonw_end(&w, '}');
        }
        jsonw_end(&w, '}');
        jsonw_end(&w, '}');
    }
    jsonw_end(&w, ']');
    if (t->award.present) {
        static const char *const methods[] = {"weighted", "value-for-money",
                                              "monetised"};
        static const char *const scorings[] = {"absolute", "lowest", "linear", "log"};
        const assess_award *a = &t->award;
        jsonw_key(&w, "award");
        jsonw_object(&w);
        jsonw_kstring(&w, "method", methods[a->method]);
        jsonw_kstring(&w, "price_scoring", scorings[a->price_scoring]);
        jsonw_kint(&w, "price_weight_percent", a->price_weight);
        jsonw_key(&w, "rounding");
        jsonw_object(&w);
        jsonw_kint(&w, "decimals", a->decimals);
        jsonw_kstring(&w, "mode", a->half_even ? "half-even" : "half-up");
        jsonw_kstring(&w, "compare", a->compare_rounded ? "rounded" : "unrounded");
        jsonw_kstring(&w, "stage", a->round_criteria ? "criterion" : "total");
        jsonw_end(&w, '}');
        jsonw_key(&w, "tie_breaks");
        jsonw_array(&w);
        for (size_t i = 0; i < a->n_tie_breaks; i++)
            jsonw_string(&w, a->tie_breaks[i]);
        jsonw_end(&w, ']');
        jsonw_kint(&w, "draw_seed", (long long)a->draw_seed);
        static const char *const pmodes[] = {"price-factor", "score-adjustment",
                                             "union-added-value", "tie-band",
                                             "exclude-not-covered"};
        jsonw_key(&w, "preference");
        jsonw_array(&w);
        for (size_t k = 0; k < a->n_preference; k++) {
            jsonw_object(&w);
            jsonw_kstring(&w, "mode", pmodes[a->preference[k].mode]);
            jsonw_knumber(&w, "value", a->preference[k].value);
            jsonw_kstring(&w, "legal_basis", a->preference[k].legal_basis);
            jsonw_end(&w, '}');
        }
        jsonw_end(&w, ']');
        jsonw_key(&w, "diagnostics");
        jsonw_array(&w);
        for (size_t l = 0; s->award_diag && l < t->n_lots; l++) {
            const award_lot_diag *dg = &s->award_diag[l];
            jsonw_object(&w);
            jsonw_kstring(&w, "lot", t->lots[l].id);
            jsonw_kstring(&w, "winner", dg->winner >= 0 ? s->award[dg->winner].id : NULL);
            jsonw_kbool(&w, "stable", dg->stable);
            jsonw_kstring(&w, "winner_without_preference",
                          dg->without_preference >= 0 ? s->award[dg->without_preference].id
                                                      : NULL);
            jsonw_kbool(&w, "preference_decided", dg->without_preference != dg->winner);
            jsonw_kstring(&w, "winner_without_union_added_value",
                          dg->without_uav >= 0 ? s->award[dg->without_uav].id : NULL);
            jsonw_kbool(&w, "union_added_value_decided", dg->without_uav != dg->winner);
            jsonw_key(&w, "weight_sensitivity");
            if (dg->sensitivity) {
                jsonw_object(&w);
                jsonw_kint(&w, "points", dg->sensitivity);
                jsonw_kstring(&w, "weight", dg->sensitive_to);
                jsonw_end(&w, '}');
            } else {
                jsonw_null(&w);
            }
            jsonw_end(&w, '}');
        }
        jsonw_end(&w, ']');
        jsonw_end(&w, '}');
    }
    jsonw_key(&w, "sanctions_screening");
    jsonw_object(&w);
    if (s->sanctions) {
        jsonw_kstring(&w, "status", "screened");
        jsonw_kstring(&w, "file", assess_sanctions_file(s->sanctions));
        jsonw_kstring(&w, "sha256", assess_sanctions_sha256(s->sanctions));
        jsonw_kstring(&w, "generated", assess_sanctions_generated(s->sanctions));
        jsonw_kint(&w, "subjects", (long)assess_sanctions_subjects(s->sanctions));
    } else {
        jsonw_kstring(&w, "status", "not screened");
        jsonw_kstring(&w, "file", NULL);
    }
    jsonw_end(&w, '}');
    jsonw_key(&w, "inputs");
    jsonw_array(&w);
    for (size_t i = 0; i < s->n_used; i++) {
        jsonw_object(&w);
        jsonw_kstring(&w, "kind", s->used[i].kind);
        jsonw_kstring(&w, "file", s->used[i].file);
        jsonw_kstring(&w, "sha256", s->used[i].sha256);
        jsonw_kstring(&w, "version", s->used[i].version);
        jsonw_end(&w, '}');
    }
    jsonw_end(&w, ']');
    jsonw_key(&w, "bids");
    jsonw_array(&w);
    for (size_t i = 0; i < s->n_bids; i++)
        write_bid(&w, s, i);
    jsonw_end(&w, ']');
    jsonw_key(&w, "failed_inputs");
    jsonw_array(&w);
    for (size_t i = 0; i < s->n_failed; i++) {
        jsonw_object(&w);
        jsonw_kstring(&w, "file", s->failed[i].file);
        jsonw_kstring(&w, "error", s->failed[i].error);
        jsonw_end(&w, '}');
    }
    jsonw_end(&w, ']');
    jsonw_end(&w, '}');
    errno = 0;
    if (w.failed || fflush(out) != 0 || ferror(out))
        return assess_diags_add(d, ASSESS_ERR_IO, name, NULL,
                                "cannot write the results: %s",
                                errno ? strerror(errno) : "write error");
    return ASSESS_OK;
}

assess_status assess_session_write_json(assess_session *s, FILE *out,
                                        assess_diags *d)
{
    return write_results(s, out, NULL, d);
}

/* ---- explain ----------------------------------------------------------- */

/* The trace of one criterion (only >= 0) or all of one framework. */
static void explain_framework(jsonw *w, FILE *out, const assess_framework *fw,
                              const assess_result *r, long only, int json)
{
    if (!json && only < 0)
        fprintf(out, "== %s %s\n\n", fw->id, fw->version);
    for (size_t i = 0; i < fw->n_criteria; i++) {
        if (only >= 0 && (size_t)only != i)
            continue;
        const assess_criterion *c = &fw->criteria[i];
        const assess_crit_result *cr = &r->crit[i];
        if (json) {
            jsonw_object(w);
            jsonw_kstring(w, "id", c->id);
            jsonw_kint_or_null(w, "declared", cr->declared);
            jsonw_kint_or_null(w, "rung", cr->rung);
            jsonw_kstring(w, "label", cr->rung >= 0 ? c->rungs[cr->rung].label
                                                     : NULL);
            jsonw_kstring(w, "source", assess_rung_source_name(cr->source));
            jsonw_knumber(w, "points", (double)cr->points_centi / 100.0);
            jsonw_kint_or_null(w, "seal", cr->seal);
            jsonw_kstring(w, "outcome", assess_outcome_name(cr->outcome));
            jsonw_kstring(w, "evidence", cr->evidence);
            jsonw_key(w, "trace");
            jsonw_array(w);
            for (size_t k = 0; k < cr->n_trace; k++) {
                const assess_trace_step *t = &cr->trace[k];
                jsonw_object(w);
                jsonw_kstring(w, "step", t->kind);
                jsonw_kstring(w, "rule", t->rule);
                jsonw_kstring(w, "expr", t->expr);
                jsonw_kstring(w, "value", t->value);
                jsonw_end(w, '}');
            }
            jsonw_end(w, ']');
            jsonw_end(w, '}');
            continue;
        }
        fprintf(out, "%s %s\n  %s\n", c->id, c->title, c->question);
        for (size_t k = 0; k < cr->n_trace; k++) {
            const assess_trace_step *t = &cr->trace[k];
            fprintf(out, "  %-9s", t->kind);
            if (t->rule)
                fprintf(out, " [%s]", t->rule);
            if (t->expr)
                fprintf(out, " %s", t->expr);
            fprintf(out, " => %s\n", t->value ? t->value : "");
        }
        if (cr->rung >= 0)
            fprintf(out, "  result    rung %d '%s' (%s), %ld.%02ld points, "
                         "SEAL-%d, %s\n",
                    cr->rung, c->rungs[cr->rung].label,
                    assess_rung_source_name(cr->source), cr->points_centi / 100,
                    cr->points_centi % 100, cr->seal,
                    assess_outcome_name(cr->outcome));
        else
            fprintf(out, "  result    no rung, 0 points, no SEAL, %s\n",
                    assess_outcome_name(cr->outcome));
        if (cr->evidence)
            fprintf(out, "  evidence  %s\n", cr->evidence);
        fputc('\n', out);
    }
}

assess_status assess_session_explain(assess_session *s, FILE *out,
                                     const char *bid_id, const char *criterion,
                                     int json, assess_diags *d)
{
    long bid = -1;
    for (size_t i = 0; i < s->n_bids && bid < 0; i++)
        if (!bid_id || strcmp(s->bids[i]->id, bid_id) == 0)
            bid = (long)i;
    if (bid < 0)
        return assess_diags_add(d, ASSESS_ERR_INVALID, NULL, NULL,
                                "no scored bid '%s'", bid_id ? bid_id : "");
    /* the criterion is the main framework's or an extension's */
    int found = !criterion;
    for (size_t x = 0; x <= s->n_ext && !found; x++)
        found = assess_framework_criterion(x ? s->ext[x - 1].fw : s->fw,
                                           criterion) >= 0;
    if (!found)
        return assess_diags_add(d, ASSESS_ERR_INVALID, NULL, NULL,
                                "no criterion '%s' in framework %s or its "
                                "extensions",
                                criterion, s->fw->id);
    jsonw w;
    jsonw_init(&w, out);
    if (json) {
        jsonw_object(&w);
        jsonw_kstring(&w, "bid", s->bids[bid]->id);
        jsonw_key(&w, "criteria");
        jsonw_array(&w);
    }
    for (size_t x = 0; x <= s->n_ext; x++) {
        const assess_framework *fw = x ? s->ext[x - 1].fw : s->fw;
        const assess_result *r = x ? s->ext_results[(size_t)bid * s->n_ext + x - 1]
                                   : s->results[bid];
        long only = criterion ? assess_framework_criterion(fw, criterion) : -1;
        if (criterion && only < 0)
            continue;
        explain_framework(&w, out, fw, r, only, json);
    }
    if (json) {
        jsonw_end(&w, ']');
        jsonw_end(&w, '}');
    }
    errno = 0;
    if (fflush(out) != 0 || ferror(out))
        return assess_diags_add(d, ASSESS_ERR_IO, NULL, NULL,
                                "cannot write the explanation%s: %s",
                                out == stdout ? " to standard output" : "",
                                errno ? strerror(errno) : "write error");
    return ASSESS_OK;
}

/* ---- lint -------------------------------------------------------------- */

assess_status assess_lint_file(const char *path, const char *rules_dir,
                               assess_diags *d)
{
    char *data;
    size_t size;
    assess_status st = assess_read_file(&data, &size, path,
                                        ASSESS_MAX_FILE_BYTES, d);
    if (st != ASSESS_OK)
        return st;
    cJSON *root = assess_json_parse(path, data, size, d);
    if (!root) {
        free(data);
        return ASSESS_ERR_SYNTAX;
    }
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format");
    const char *fmt = cJSON_IsString(format) ? format->valuestring : "";
    int is_framework = strcmp(fmt, "assess-framework/1") == 0;
    int is_bid = cJSON_GetObjectItemCaseSensitive(root, "answers") != NULL;
    int is_tender = cJSON_GetObjectItemCaseSensitive(root, "lots") != NULL;
    int is_portfolio = strcmp(fmt, "assess-portfolio/1") == 0;
    cJSON_Delete(root);

    if (is_portfolio) {
        assess_portfolio *p = NULL;
        st = assess_portfolio_parse(&p, path, data, size, d);
        assess_portfolio_free(p);
    } else if (is_framework) {
        assess_framework *fw = NULL;
        assess_engine *e = NULL;
        st = assess_framework_parse(&fw, path, data, size, d);
        if (st == ASSESS_OK) {
            assess_session *s = NULL;
            assess_registry *reg = NULL;
            if (assess_session_new(&s, rules_dir, NULL) == ASSESS_OK) {
                char *rp = assess_printf("%s/registry", s->rules_dir);
                if (rp)
                    assess_registry_load(&reg, rp, d);
                free(rp);
            }
            st = assess_engine_new(&e, fw, reg, d);
            if (st == ASSESS_OK)
                st = assess_engine_check(e, d);
            assess_engine_free(e);
            assess_registry_free(reg);
            assess_session_free(s);
        }
        assess_framework_free(fw);
    } else if (is_bid || is_tender) {
        assess_session *s = NULL;
        st = assess_session_new(&s, rules_dir, d);
        if (st == ASSESS_OK && is_tender) {
            st = assess_session_load_tender(s, path, d);
        } else if (st == ASSESS_OK) {
            /* a bid alone: shape, then criteria against the default
               framework; its lot cannot be checked without a tender */
            assess_bid *bid = NULL;
            st = assess_bid_parse(&bid, path, data, size, d);
            if (st == ASSESS_OK) {
                char *fp = assess_printf("%s/frameworks/csf-2026.json",
                                         s->rules_dir);
                assess_framework *fw = NULL;
                if (fp && (st = assess_framework_load(&fw, fp, d)) == ASSESS_OK)
                    st = assess_bid_validate(bid, fw, NULL, d);
                assess_framework_free(fw);
                free(fp);
            }
            assess_bid_free(bid);
        }
        assess_session_free(s);
    } else {
        st = assess_diags_add(d, ASSESS_ERR_INVALID, path, "$",
                              "not a framework (format assess-framework/1), "
                              "portfolio (assess-portfolio/1), tender profile "
                              "(lots) or bid (answers)");
    }
    free(data);
    return st;
}

assess_status assess_session_write_json_file(assess_session *s,
                                             const char *path, assess_diags *d)
{
    assess_output o;
    assess_status st = assess_output_open(&o, path, d);
    if (st != ASSESS_OK)
        return st;
    st = write_results(s, o.fp, o.is_stdout ? "standard output" : path, d);
    if (st != ASSESS_OK) {
        assess_output_abort(&o);
        return st;
    }
    return assess_output_commit(&o, d);
}
