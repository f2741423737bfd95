/*
 * bid.c - read a bid declaration (templates/bid.schema.json) and build its
 * fact document; validate it against a framework and a tender.
 *
 * The reader reports every shape problem with its JSON path and keeps
 * going, so a bidder sees all problems of a file at once. It knows nothing
 * of frameworks: criterion ids and rungs are checked by assess_bid_validate().
 */
#include "assess/bid.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "assess/facts.h"
#include "util/util.h"
#include "util/xml.h"

#include "read/enums.h"


static int is_alpha2(const char *s)
{
    return s && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
           s[2] == '\0';
}

static void read_country(assess_jreader *r, const cJSON *obj, const char *key,
                         int required, char out[3])
{
    char *s = NULL;
    if (assess_jr_string(r, obj, key, required, &s) && s) {
        if (is_alpha2(s))
            memcpy(out, s, 3);
        else
            assess_jr_error(r, key,
                            "'%s' is not an ISO 3166-1 alpha-2 code (two "
                            "upper-case letters)",
                            s);
    }
    free(s);
}

/* An optional array whose items satisfy `check` (enum list or countries). */
static void read_array(assess_jreader *r, const cJSON *obj, const char *key,
                       const char *const *enum_names, int countries)
{
    const cJSON *a = assess_jr_get(r, obj, key, cJSON_Array, 0);
    if (!a)
        return;
    size_t old = assess_jpath_key(&r->path, key), i = 0;
    for (const cJSON *c = a->child; c; c = c->next, i++) {
        size_t o2 = assess_jpath_index(&r->path, i);
        if (!cJSON_IsString(c)) {
            assess_jr_error(r, NULL, "expected a string");
        } else if (countries && !is_alpha2(c->valuestring)) {
            assess_jr_error(r, NULL,
                            "'%s' is not an ISO 3166-1 alpha-2 code (two "
                            "upper-case letters)",
                            c->valuestring);
        } else if (enum_names) {
            int k = 0;
            while (enum_names[k] && strcmp(enum_names[k], c->valuestring))
                k++;
            if (!enum_names[k])
                assess_jr_error(r, NULL, "'%s' is not a known value",
                                c->valuestring);
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

static void read_entity(assess_jreader *r, const cJSON *obj, assess_entity *e)
{
    static const char *const allowed[] = {
        "id",   "name",   "country",  "role",   "kind", "parent",
        "control_percent", "decisive_influence", "registry_id",
        "licensed_technology", "layers", "access", "share_of_value_percent",
        "notes", NULL};
    assess_jr_only(r, obj, allowed);
    assess_jr_string(r, obj, "id", 1, &e->id);
    assess_jr_string(r, obj, "name", 1, &e->name);
    read_country(r, obj, "country", 1, e->country);
    int role = 0, dummy = 0;
    if (assess_jr_enum(r, obj, "role", 1, assess_enum_role, &role))
        e->role = (assess_role)role;
    if (assess_jr_enum(r, obj, "kind", 0, assess_enum_kind, &dummy) &&
        cJSON_GetObjectItemCaseSensitive(obj, "kind"))
        e->is_person = dummy == 1;
    assess_jr_string(r, obj, "parent", 0, &e->parent);
    e->control_percent = -1;
    assess_jr_number(r, obj, "control_percent", 0, 0, 100, &e->control_percent);
    assess_jr_bool(r, obj, "decisive_influence", 0, &e->decisive);
    assess_jr_string(r, obj, "registry_id", 0, &e->registry_id);
    int supply = e->role == ASSESS_ROLE_SUBCONTRACTOR ||
                 e->role == ASSESS_ROLE_SUPPLIER;
    static const char *const supply_only[] = {"layers", "access",
                                              "share_of_value_percent", NULL};
    for (int i = 0; supply_only[i]; i++)
        if (!supply && cJSON_GetObjectItemCaseSensitive(obj, supply_only[i]))
            assess_jr_error(r, supply_only[i],
                            "only a subcontractor or supplier has this field");
    read_array(r, obj, "layers", assess_enum_layer, 0);
    assess_jr_enum(r, obj, "access", 0, assess_enum_access, &dummy);
    e->share_percent = -1;
    assess_jr_number(r, obj, "share_of_value_percent", 0, 0, 100,
                     &e->share_percent);
    if (e->parent && e->id && strcmp(e->parent, e->id) == 0)
        assess_jr_error(r, "parent", "an entity cannot be its own parent");
    const cJSON *lt = assess_jr_get(r, obj, "licensed_technology", cJSON_Array, 0);
    size_t n = lt ? (size_t)cJSON_GetArraySize(lt) : 0, i = 0;
    if (n && !(e->licences = calloc(n, sizeof *e->licences))) {
        assess_jr_error(r, "licensed_technology", "out of memory");
        return;
    }
    size_t old = assess_jpath_key(&r->path, "licensed_technology");
    for (const cJSON *t = lt ? lt->child : NULL; t; t = t->next, i++) {
        static const char *const tallowed[] = {"licensor", "country", "what",
                                               NULL};
        size_t o2 = assess_jpath_index(&r->path, i);
        char *what = NULL;
        if (!cJSON_IsObject(t)) {
            assess_jr_error(r, NULL, "expected an object");
        } else {
            assess_licence *l = &e->licences[e->n_licences++];
            assess_jr_only(r, t, tallowed);
            assess_jr_string(r, t, "licensor", 1, &l->licensor);
            read_country(r, t, "country", 1, l->country);
            assess_jr_string(r, t, "what", 0, &what);
        }
        free(what);
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

static void read_service(assess_jreader *r, const cJSON *svc)
{
    static const char *const allowed[] = {
        "name", "description", "data_locations", "backup_locations",
        "support_locations", "admin_locations", "key_management",
        "certifications", "exit", "ai_model", "controlled_items", "control",
        "openness", NULL};
    size_t old = assess_jpath_key(&r->path, "service");
    int k = 0;
    char *s = NULL;
    assess_jr_only(r, svc, allowed);
    assess_jr_string(r, svc, "name", 0, &s);
    assess_jr_string(r, svc, "description", 0, &s);
    read_array(r, svc, "data_locations", NULL, 1);
    read_array(r, svc, "backup_locations", NULL, 1);
    read_array(r, svc, "support_locations", NULL, 1);
    read_array(r, svc, "admin_locations", NULL, 1);
    assess_jr_enum(r, svc, "key_management", 0, assess_enum_key, &k);
    read_array(r, svc, "certifications", NULL, 0);
    read_array(r, svc, "controlled_items", NULL, 0);
    const cJSON *ex = assess_jr_get(r, svc, "exit", cJSON_Object, 0);
    if (ex) {
        static const char *const eallowed[] = {
            "plan", "plan_tested", "formats", "egress_charges",
            "switching_charges", "notice_months", "transition_days",
            "retrieval_days", "functional_equivalence", "licence_portability",
            "unique_services_percent", "identity_standards", "swipo",
            "export", NULL};
        size_t o2 = assess_jpath_key(&r->path, "exit");
        double x;
        assess_jr_only(r, ex, eallowed);
        assess_jr_bool(r, ex, "plan", 0, &k);
        assess_jr_bool(r, ex, "plan_tested", 0, &k);
        read_array(r, ex, "formats", NULL, 0);
        assess_jr_enum(r, ex, "egress_charges", 0, assess_enum_charge, &k);
        assess_jr_enum(r, ex, "switching_charges", 0, assess_enum_charge, &k);
        assess_jr_number(r, ex, "notice_months", 0, 0, 1200, &x);
        assess_jr_number(r, ex, "transition_days", 0, 0, 36500, &x);
        assess_jr_number(r, ex, "retrieval_days", 0, 0, 36500, &x);
        assess_jr_enum(r, ex, "functional_equivalence", 0, assess_enum_equivalence, &k);
        assess_jr_enum(r, ex, "licence_portability", 0, assess_enum_portability, &k);
        assess_jr_number(r, ex, "unique_services_percent", 0, 0, 100, &x);
        read_array(r, ex, "identity_standards", assess_enum_identity, 0);
        assess_jr_enum(r, ex, "swipo", 0, assess_enum_swipo, &k);
        assess_jr_enum(r, ex, "export", 0, assess_enum_export, &k);
        assess_jpath_pop(&r->path, o2);
    }
    const cJSON *ct = assess_jr_get(r, svc, "control", cJSON_Object, 0);
    if (ct) {
        static const char *const callowed[] = {
            "fallback_tested", "disconnect_tested", "kill_switches", "escrow",
            "knowledge_transfer", NULL};
        size_t o2 = assess_jpath_key(&r->path, "control");
        assess_jr_only(r, ct, callowed);
        assess_jr_bool(r, ct, "fallback_tested", 0, &k);
        assess_jr_bool(r, ct, "disconnect_tested", 0, &k);
        read_array(r, ct, "kill_switches", assess_enum_killswitch, 0);
        assess_jr_enum(r, ct, "escrow", 0, assess_enum_escrow, &k);
        assess_jr_bool(r, ct, "knowledge_transfer", 0, &k);
        assess_jpath_pop(&r->path, o2);
    }
    const cJSON *op = assess_jr_get(r, svc, "openness", cJSON_Object, 0);
    if (op) {
        static const char *const oallowed[] = {"open_standards", "open_source",
                                               "governance", NULL};
        size_t o2 = assess_jpath_key(&r->path, "openness");
        assess_jr_only(r, op, oallowed);
        assess_jr_enum(r, op, "open_standards", 0, assess_enum_standards, &k);
        assess_jr_enum(r, op, "open_source", 0, assess_enum_oss, &k);
        assess_jr_enum(r, op, "governance", 0, assess_enum_governance, &k);
        assess_jpath_pop(&r->path, o2);
    }
    const cJSON *ai = assess_jr_get(r, svc, "ai_model", cJSON_Object, 0);
    if (ai) {
        static const char *const aallowed[] = {
            "name", "weights", "licence", "origin_country", "self_hostable",
            "training_data_summary", "fine_tune_ownership", "export_control",
            "licence_class", "training_data", "self_hosting", "inference_api",
            "no_training_on_customer_data", "dutch_quality", "suspended", NULL};
        size_t o2 = assess_jpath_key(&r->path, "ai_model");
        char c[3];
        assess_jr_only(r, ai, aallowed);
        assess_jr_string(r, ai, "name", 0, &s);
        assess_jr_enum(r, ai, "weights", 0, assess_enum_weights, &k);
        assess_jr_string(r, ai, "licence", 0, &s);
        read_country(r, ai, "origin_country", 0, c);
        assess_jr_bool(r, ai, "self_hostable", 0, &k);
        assess_jr_bool(r, ai, "training_data_summary", 0, &k);
        assess_jr_enum(r, ai, "fine_tune_ownership", 0, assess_enum_ownership, &k);
        assess_jr_string(r, ai, "export_control", 0, &s);
        assess_jr_enum(r, ai, "licence_class", 0, assess_enum_licence_class, &k);
        assess_jr_enum(r, ai, "training_data", 0, assess_enum_training_data, &k);
        assess_jr_enum(r, ai, "self_hosting", 0, assess_enum_self_hosting, &k);
        assess_jr_enum(r, ai, "inference_api", 0, assess_enum_inference_api, &k);
        assess_jr_bool(r, ai, "no_training_on_customer_data", 0, &k);
        assess_jr_enum(r, ai, "dutch_quality", 0, assess_enum_dutch, &k);
        assess_jr_bool(r, ai, "suspended", 0, &k);
        assess_jpath_pop(&r->path, o2);
    }
    free(s);
    assess_jpath_pop(&r->path, old);
}

static void read_answers(assess_jreader *r, const cJSON *ans, assess_bid *bid)
{
    size_t n = (size_t)cJSON_GetArraySize(ans);
    bid->answers = calloc(n ? n : 1, sizeof *bid->answers);
    if (!bid->answers) {
        assess_jr_error(r, "answers", "out of memory");
        return;
    }
    size_t old = assess_jpath_key(&r->path, "answers");
    static const char *const allowed[] = {"rung", "evidence", "confidence",
                                          "remarks", NULL};
    for (const cJSON *a = ans->child; a; a = a->next) {
        size_t o2 = assess_jpath_key(&r->path, a->string);
        assess_answer *an = &bid->answers[bid->n_answers];
        if (!cJSON_IsObject(a)) {
            assess_jr_error(r, NULL, "expected an object with 'rung'");
            assess_jpath_pop(&r->path, o2);
            continue;
        }
        assess_jr_only(r, a, allowed);
        long rung = -1;
        int conf = 0;
        int ok = assess_jr_int(r, a, "rung", 1, 0, 1000, &rung);
        assess_jr_string(r, a, "evidence", 0, &an->evidence);
        if (assess_jr_enum(r, a, "confidence", 0, assess_enum_conf, &conf))
            an->confidence = (assess_confidence)conf;
        an->criterion = assess_strdup(a->string);
        an->rung = (int)rung;
        if (!an->criterion)
            assess_jr_error(r, NULL, "out of memory");
        if (ok && an->criterion)
            bid->n_answers++;
        else {
            free(an->evidence);
            free(an->criterion);
            memset(an, 0, sizeof *an);
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

void assess_bid_free(assess_bid *bid)
{
    if (!bid)
        return;
    for (size_t i = 0; i < bid->n_entities; i++) {
        free(bid->entities[i].id);
        free(bid->entities[i].name);
        free(bid->entities[i].parent);
        free(bid->entities[i].registry_id);
        for (size_t k = 0; k < bid->entities[i].n_licences; k++)
            free(bid->entities[i].licences[k].licensor);
        free(bid->entities[i].licences);
    }
    free(bid->entities);
    for (size_t i = 0; i < bid->n_answers; i++) {
        free(bid->answers[i].criterion);
        free(bid->answers[i].evidence);
    }
    free(bid->answers);
    if (bid->facts)
        xmlFreeDoc(bid->facts);
    free(bid->file);
    free(bid->id);
    free(bid->tenderer);
    free(bid->lot);
    free(bid);
}

const assess_entity *assess_bid_entity(const assess_bid *bid, const char *id)
{
    for (size_t i = 0; id && i < bid->n_entities; i++)
        if (bid->entities[i].id && strcmp(bid->entities[i].id, id) == 0)
            return &bid->entities[i];
    return NULL;
}

assess_status assess_bid_parse(assess_bid **out, const char *name,
                               const char *data, size_t size, assess_diags *d)
{
    *out = NULL;
    cJSON *root = assess_json_parse(name, data, size, d);
    if (!root)
        return ASSESS_ERR_SYNTAX;
    char sha[65];
    assess_sha256_hex(sha, data, size);
    assess_status st = assess_bid_from_json(out, name, sha, root, d);
    cJSON_Delete(root);
    return st;
}

assess_status assess_bid_from_json(assess_bid **out, const char *name,
                                   const char sha256[65], const cJSON *root,
                                   assess_diags *d)
{
    *out = NULL;
    assess_xml_thread_init();
    assess_bid *bid = calloc(1, sizeof *bid);
    if (!bid)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
    assess_jreader r = ASSESS_JREADER(name, d);
    bid->file = assess_strdup(name);
    memcpy(bid->sha256, sha256, 65);
    assess_jpath_init(&r.path);
    if (!cJSON_IsObject(root)) {
        assess_jr_error(&r, NULL, "expected a bid declaration object");
        goto done;
    }
    static const char *const allowed[] = {"id",      "tenderer", "lot",
                                          "price",   "entities", "service",
                                          "answers", "notes",    NULL};
    assess_jr_only(&r, root, allowed);
    assess_jr_string(&r, root, "id", 1, &bid->id);
    assess_jr_string(&r, root, "tenderer", 1, &bid->tenderer);
    assess_jr_string(&r, root, "lot", 1, &bid->lot);
    char *notes = NULL;
    assess_jr_string(&r, root, "notes", 0, &notes);
    free(notes);

    const cJSON *price = assess_jr_get(&r, root, "price", cJSON_Object, 0);
    if (price) {
        static const char *const pallowed[] = {"amount", "currency", NULL};
        size_t old = assess_jpath_key(&r.path, "price");
        char *cur = NULL;
        assess_jr_only(&r, price, pallowed);
        int ok = assess_jr_number(&r, price, "amount", 1, 0, 1e15,
                                  &bid->price_amount);
        if (assess_jr_string(&r, price, "currency", 1, &cur) && cur) {
            if (strlen(cur) == 3 && cur[0] >= 'A' && cur[0] <= 'Z' &&
                cur[1] >= 'A' && cur[1] <= 'Z' && cur[2] >= 'A' && cur[2] <= 'Z')
                memcpy(bid->price_currency, cur, 4);
            else
                assess_jr_error(&r, "currency",
                                "'%s' is not an ISO 4217 code (three "
                                "upper-case letters)",
                                cur);
            bid->has_price = ok;
        }
        free(cur);
        assess_jpath_pop(&r.path, old);
    }

    const cJSON *ents = assess_jr_get(&r, root, "entities", cJSON_Array, 1);
    if (ents) {
        size_t n = (size_t)cJSON_GetArraySize(ents), i = 0;
        if (n > ASSESS_MAX_ENTITIES) {
            assess_diags_add(d, ASSESS_ERR_LIMIT, name, "$.entities",
                             "%zu entities exceed the limit of %d", n,
                             ASSESS_MAX_ENTITIES);
            r.errors++;
            goto done;
        }
        bid->entities = calloc(n ? n : 1, sizeof *bid->entities);
        if (!bid->entities) {
            assess_jr_error(&r, "entities", "out of memory");
            goto done;
        }
        size_t old = assess_jpath_key(&r.path, "entities");
        for (const cJSON *e = ents->child; e; e = e->next, i++) {
            size_t o2 = assess_jpath_index(&r.path, i);
            assess_entity *en = &bid->entities[bid->n_entities++];
            if (cJSON_IsObject(e))
                read_entity(&r, e, en);
            else
                assess_jr_error(&r, NULL, "expected an entity object");
            for (size_t k = 0; en->id && k + 1 < bid->n_entities; k++)
                if (bid->entities[k].id && !strcmp(bid->entities[k].id, en->id))
                    assess_jr_error(&r, "id", "duplicate entity id '%s'", en->id);
            assess_jpath_pop(&r.path, o2);
        }
        for (i = 0; i < bid->n_entities; i++) {
            const assess_entity *en = &bid->entities[i];
            if (en->parent && !assess_bid_entity(bid, en->parent)) {
                size_t o2 = assess_jpath_index(&r.path, i);
                assess_jr_error(&r, "parent", "no entity with id '%s'",
                                en->parent);
                assess_jpath_pop(&r.path, o2);
            }
        }
        assess_jpath_pop(&r.path, old);
        if (bid->tenderer) {
            const assess_entity *t = assess_bid_entity(bid, bid->tenderer);
            if (!t)
                assess_jr_error(&r, "tenderer",
                                "no entity with id '%s' in $.entities",
                                bid->tenderer);
            else if (t->role != ASSESS_ROLE_TENDERER)
                assess_jr_error(&r, "tenderer",
                                "entity '%s' must have role 'tenderer'",
                                bid->tenderer);
        }
    }

    const cJSON *svc = assess_jr_get(&r, root, "service", cJSON_Object, 0);
    if (svc)
        read_service(&r, svc);
    const cJSON *ans = assess_jr_get(&r, root, "answers", cJSON_Object, 1);
    if (ans)
        read_answers(&r, ans, bid);
    if (!assess_jr_errors(&r) &&
        assess_facts_from_json(&bid->facts, root, "bid", name, d) != ASSESS_OK)
        r.errors++;
done:
    if (assess_jr_errors(&r)) {
        assess_bid_free(bid);
        return ASSESS_ERR_INVALID;
    }
    *out = bid;
    return ASSESS_OK;
}

assess_status assess_bid_validate(const assess_bid *bid,
                                  const assess_framework *fw,
                                  const assess_tender *tender, assess_diags *d)
{
    int errors = 0;
    assess_jpath p;
    for (size_t i = 0; i < bid->n_answers; i++) {
        const assess_answer *a = &bid->answers[i];
        assess_jpath_init(&p);
        assess_jpath_key(&p, "answers");
        assess_jpath_key(&p, a->criterion);
        long c = assess_framework_criterion(fw, a->criterion);
        if (c < 0) {
            assess_diags_add(d, ASSESS_ERR_INVALID, bid->file, p.buf,
                             "unknown criterion id '%s' in framework %s",
                             a->criterion, fw->id);
            errors++;
            continue;
        }
        int n = fw->criteria[c].n_rungs;
        if (a->rung >= n) {
            assess_jpath_key(&p, "rung");
            assess_diags_add(d, ASSESS_ERR_INVALID, bid->file, p.buf,
                             "rung %d out of range 0..%d for %s", a->rung,
                             n - 1, a->criterion);
            errors++;
        }
    }
    if (tender && bid->lot && !assess_tender_lot(tender, bid->lot)) {
        assess_diags_add(d, ASSESS_ERR_INVALID, bid->file, "$.lot",
                         "the tender has no lot '%s'", bid->lot);
        errors++;
    }
    return errors ? ASSESS_ERR_INVALID : ASSESS_OK;
}
