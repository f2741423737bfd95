/*
 * registry.c - load and check rules/registry: countries, laws, entities.
 *
 * The loader is the linter: it reads every entry with the strict JSON
 * reader, checks ids, references, dates, country codes and that every
 * fact names its source, then looks for cycles among completed ownership
 * links. The XML view (countries and laws) that the sov: functions return
 * nodes from is built here once; so is the sorted index of name keys.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "assess/facts.h"
#include "assess/registry.h"
#include "registry/registry_internal.h"
#include "util/util.h"

const char *assess_link_state_name(assess_link_state s)
{
    static const char *const names[] = {"completed", "announced", "prohibited",
                                        "lapsed"};
    return (unsigned)s <= ASSESS_LINK_LAPSED ? names[s] : "completed";
}

static void source_release(assess_source *s)
{
    free(s->url);
    free(s->date);
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void assess_registry_free(assess_registry *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_entities; i++) {
        assess_reg_entity *e = &r->entities[i];
        free(e->id);
        free(e->name);
        free(e->kind);
        free(e->status);
        free(e->notes);
        free_strv(e->aliases, e->n_aliases);
        free_strv(e->brands, e->n_brands);
        source_release(&e->src);
        for (size_t k = 0; k < e->n_links; k++) {
            free(e->links[k].type);
            free(e->links[k].notes);
            source_release(&e->links[k].src);
        }
        free(e->links);
        for (size_t k = 0; k < e->n_tech; k++) {
            free(e->tech[k].what);
            source_release(&e->tech[k].src);
        }
        free(e->tech);
        for (size_t k = 0; k < e->n_designations; k++)
            free(e->designations[k].scheme);
        free(e->designations);
    }
    free(r->entities);
    for (size_t i = 0; i < r->n_laws; i++) {
        assess_reg_law *l = &r->laws[i];
        free(l->id);
        free(l->short_name);
        assess_text_release(&l->name);
        free(l->compels);
        free(l->reaches);
        free(l->reaches_via);
        source_release(&l->src);
    }
    free(r->laws);
    for (size_t i = 0; i < r->n_keys; i++)
        free(r->keys[i].key);
    free(r->keys);
    for (size_t i = 0; i < r->n_countries; i++) {
        free(r->countries[i].en);
        free(r->countries[i].nl);
    }
    free(r->countries);
    free(r->alpha3);
    free(r->law_nodes);
    for (size_t i = 0; i < r->n_files; i++) {
        free(r->files[i].path);
    }
    free(r->files);
    if (r->doc)
        xmlFreeDoc(r->doc);
    assess_groups_free(r->groups);
    free(r);
}

/* ---- reading ----------------------------------------------------------- */

/* The newest source_date anywhere under `j` into as_of[11]: the "as of"
   date of a registry file, shown in reports and compared by verify. */
static void newest_source_date(const cJSON *j, char as_of[11])
{
    for (const cJSON *c = j ? j->child : NULL; c; c = c->next) {
        if (c->string && strcmp(c->string, "source_date") == 0 &&
            cJSON_IsString(c) && strlen(c->valuestring) <= 10 &&
            strcmp(c->valuestring, as_of) > 0)
            strcpy(as_of, c->valuestring);
        newest_source_date(c, as_of);
    }
}

static int read_file_json(assess_registry *r, const char *dir, const char *name,
                          int required, cJSON **out, char **path_out,
                          assess_diags *d)
{
    *out = NULL;
    char *path = assess_printf("%s/%s", dir, name);
    if (!path)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory"),
               0;
    FILE *probe = fopen(path, "rb");
    if (!probe && !required) {
        free(path);
        return 1;
    }
    if (probe)
        fclose(probe);
    char *data;
    size_t size;
    if (assess_read_file(&data, &size, path, ASSESS_MAX_FILE_BYTES, d) !=
        ASSESS_OK) {
        free(path);
        return 0;
    }
    *out = assess_json_parse(path, data, size, d);
    if (*out && !assess_grow((void **)&r->files, &r->cap_files, r->n_files + 1,
                             sizeof *r->files)) {
        r->errors += assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL,
                                      "out of memory");
    } else if (*out) {
        reg_file *f = &r->files[r->n_files++];
        if (!(f->path = assess_strdup(path)))
            r->errors += assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL,
                                          "out of memory");
        assess_sha256_hex(f->sha256, data, size);
        f->as_of[0] = '\0';
        newest_source_date(*out, f->as_of);
    }
    free(data);
    if (!*out) {
        free(path);
        return 0;
    }
    *path_out = path;
    return 1;
}

static int is_partial_date(const char *s)
{
    char buf[16];
    size_t n = s ? strlen(s) : 0;
    if (n == 10)
        return assess_is_date(s);
    if (n != 4 && n != 7)
        return 0;
    snprintf(buf, sizeof buf, "%s%s", s, n == 4 ? "-01-01" : "-01");
    return assess_is_date(buf);
}

/* source_url, source_date (partial dates allowed), verified; source_key,
   source_date_basis and the like are allowed by the callers' key lists. */
static void read_source(assess_jreader *jr, const cJSON *obj, assess_source *s)
{
    if (assess_jr_string(jr, obj, "source_url", 1, &s->url) && s->url &&
        strncmp(s->url, "https://", 8) != 0 && strncmp(s->url, "http://", 7) != 0)
        assess_jr_error(jr, "source_url", "'%s' is not an http(s) URL", s->url);
    if (assess_jr_string(jr, obj, "source_date", 1, &s->date) && s->date &&
        !is_partial_date(s->date))
        assess_jr_error(jr, "source_date",
                        "'%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                        s->date);
    s->verified = 1;
    assess_jr_bool(jr, obj, "verified", 1, &s->verified);
}

/* A nullable full date into buf ("" for null). */
static void read_date(assess_jreader *jr, const cJSON *obj, const char *key,
                      char buf[11])
{
    buf[0] = '\0';
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v || cJSON_IsNull(v))
        return;
    if (!cJSON_IsString(v) || !assess_is_date(v->valuestring)) {
        assess_jr_error(jr, key, "expected a date YYYY-MM-DD or null");
        return;
    }
    memcpy(buf, v->valuestring, 11);
}

static int read_strv(assess_jreader *jr, const cJSON *obj, const char *key,
                     char ***out, size_t *n)
{
    const cJSON *a = assess_jr_get(jr, obj, key, cJSON_Array, 0);
    size_t cnt = a ? (size_t)cJSON_GetArraySize(a) : 0;
    *out = calloc(cnt ? cnt : 1, sizeof **out);
    *n = 0;
    if (!*out)
        return 0;
    size_t i = 0;
    for (const cJSON *c = a ? a->child : NULL; c; c = c->next, i++) {
        if (!cJSON_IsString(c) || !c->valuestring[0]) {
            size_t o = assess_jpath_key(&jr->path, key);
            assess_jpath_index(&jr->path, i);
            assess_jr_error(jr, NULL, "expected a non-empty string");
            assess_jpath_pop(&jr->path, o);
            continue;
        }
        (*out)[(*n)++] = assess_strdup(c->valuestring);
    }
    return 1;
}

static int valid_id(const char *s)
{
    if (!s || !*s)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return 0;
    return s[0] != '-';
}

static void read_country_code(assess_registry *r, assess_jreader *jr,
                              const cJSON *obj, const char *key, char out[3])
{
    char *c = NULL;
    out[0] = '\0';
    if (assess_jr_string(jr, obj, key, 1, &c) && c) {
        if (!assess_groups_country_exists(r->groups, c))
            assess_jr_error(jr, key, "'%s' is not an ISO 3166-1 country of the "
                                     "registry", c);
        else
            memcpy(out, c, 3);
    }
    free(c);
}

static const char *const kind_names[] = {"contracting", "holding",
                                         "ultimate-parent", "joint-venture",
                                         "non-profit", "person", "fund",
                                         "state", NULL};
static const char *const status_names[] = {"listed", "private", "state-owned",
                                           "part-state", "pe-owned",
                                           "non-profit", "unknown", NULL};
static const char *const provides_names[] = {
    "iaas", "paas", "saas", "ai-model", "ai-api", "cdn", "colocation",
    "hosting", "integrator", "security", "telecom", NULL};
static const char *const type_names[] = {"equity", "voting", "contractual",
                                         "syndicate", "foundation", "court",
                                         NULL};
static const char *const state_names[] = {"completed", "announced",
                                          "prohibited", "lapsed", NULL};
static const char *const precision_names[] = {"day", "month", "year", NULL};
static const char *const basis_names[] = {"source", "notes", NULL};

#define SOURCE_KEYS "source_url", "source_key", "source_date", \
                    "source_date_basis", "verified"

/* Parent ids are resolved after every entity is read. */
typedef struct pending_ref {
    size_t entity;
    int is_tech;
    size_t k;
    char *id;
    char path[512 + 16];
} pending_ref;

/* Record the entity id under `key` for resolution once all are read. */
static void add_ref(assess_jreader *jr, const cJSON *obj, const char *key,
                    size_t entity, int is_tech, size_t k, pending_ref **refs,
                    size_t *nrefs, size_t *caprefs)
{
    char *id = NULL;
    if (!assess_jr_string(jr, obj, key, 1, &id) || !id ||
        !assess_grow((void **)refs, caprefs, *nrefs + 1, sizeof **refs)) {
        free(id);
        return;
    }
    pending_ref *p = &(*refs)[(*nrefs)++];
    p->entity = entity;
    p->is_tech = is_tech;
    p->k = k;
    p->id = id;
    snprintf(p->path, sizeof p->path, "%s.%s", jr->path.buf, key);
}

static void read_entity(assess_registry *r, assess_jreader *jr, const cJSON *o,
                        assess_reg_entity *e, pending_ref **refs, size_t *nrefs,
                        size_t *caprefs)
{
    static const char *const allowed[] = {
        "id", "name", "aliases", "brands", "country", "headquarters", "kind",
        "status",
        "provides", "notes", "links", "minority_holders", "technology",
        "certifications", SOURCE_KEYS, NULL};
    assess_jr_only(jr, o, allowed);
    if (assess_jr_string(jr, o, "id", 1, &e->id) && e->id && !valid_id(e->id))
        assess_jr_error(jr, "id", "'%s' is not a kebab-case id", e->id);
    assess_jr_string(jr, o, "name", 1, &e->name);
    read_strv(jr, o, "aliases", &e->aliases, &e->n_aliases);
    read_strv(jr, o, "brands", &e->brands, &e->n_brands);
    read_country_code(r, jr, o, "country", e->country);
    if (cJSON_GetObjectItemCaseSensitive(o, "headquarters"))
        read_country_code(r, jr, o, "headquarters", e->headquarters);
    if (!strcmp(e->headquarters, e->country))
        e->headquarters[0] = '\0';
    int k = 0;
    if (assess_jr_enum(jr, o, "kind", 1, kind_names, &k))
        e->kind = assess_strdup(kind_names[k]);
    if (assess_jr_enum(jr, o, "status", 0, status_names, &k) &&
        cJSON_GetObjectItemCaseSensitive(o, "status"))
        e->status = assess_strdup(status_names[k]);
    const cJSON *pv = assess_jr_get(jr, o, "provides", cJSON_Array, 0);
    for (const cJSON *c = pv ? pv->child : NULL; c; c = c->next) {
        int j = 0;
        while (cJSON_IsString(c) && provides_names[j] &&
               strcmp(provides_names[j], c->valuestring))
            j++;
        if (!cJSON_IsString(c) || !provides_names[j])
            assess_jr_error(jr, "provides", "'%s' is not a known service kind",
                            cJSON_IsString(c) ? c->valuestring : "?");
    }
    assess_jr_string(jr, o, "notes", 0, &e->notes);
    assess_jr_enum(jr, o, "source_date_basis", 1, basis_names, &k);
    read_source(jr, o, &e->src);

    const cJSON *links = assess_jr_get(jr, o, "links", cJSON_Array, 0);
    size_t nl = links ? (size_t)cJSON_GetArraySize(links) : 0;
    e->links = calloc(nl ? nl : 1, sizeof *e->links);
    size_t old = assess_jpath_key(&jr->path, "links");
    for (const cJSON *l = links ? links->child : NULL; l && e->links;
         l = l->next) {
        static const char *const lallowed[] = {
            "parent", "control_percent", "decisive_influence", "type",
            "state", "announced", "from", "to", "ended", "date_precision",
            "notes", SOURCE_KEYS, NULL};
        size_t i = e->n_links++;
        assess_reg_link *lk = &e->links[i];
        size_t o2 = assess_jpath_index(&jr->path, i);
        assess_jr_only(jr, l, lallowed);
        add_ref(jr, l, "parent", (size_t)(e - r->entities), 0, i, refs, nrefs,
                caprefs);
        lk->control_percent = -1;
        const cJSON *cp = cJSON_GetObjectItemCaseSensitive(l, "control_percent");
        if (cp && !cJSON_IsNull(cp))
            assess_jr_number(jr, l, "control_percent", 0, 0, 100,
                             &lk->control_percent);
        else if (!cp)
            assess_jr_error(jr, "control_percent",
                            "missing required field (a number or null)");
        assess_jr_bool(jr, l, "decisive_influence", 1, &lk->decisive);
        if (assess_jr_enum(jr, l, "type", 1, type_names, &k))
            lk->type = assess_strdup(type_names[k]);
        if (assess_jr_enum(jr, l, "state", 1, state_names, &k))
            lk->state = (assess_link_state)k;
        read_date(jr, l, "announced", lk->announced);
        read_date(jr, l, "from", lk->from);
        read_date(jr, l, "to", lk->to);
        read_date(jr, l, "ended", lk->ended);
        assess_jr_enum(jr, l, "date_precision", 0, precision_names, &k);
        assess_jr_string(jr, l, "notes", 0, &lk->notes);
        assess_jr_enum(jr, l, "source_date_basis", 1, basis_names, &k);
        read_source(jr, l, &lk->src);
        if (lk->from[0] && lk->to[0] && strcmp(lk->to, lk->from) < 0)
            assess_jr_error(jr, "to", "ends (%s) before it starts (%s)", lk->to,
                            lk->from);
        if ((lk->state == ASSESS_LINK_PROHIBITED ||
             lk->state == ASSESS_LINK_LAPSED) && !lk->ended[0])
            assess_jr_error(jr, "ended", "a %s link needs the date it ended",
                            assess_link_state_name(lk->state));
        if (lk->state == ASSESS_LINK_ANNOUNCED && !lk->announced[0])
            assess_jr_error(jr, "announced",
                            "an announced link needs its announcement date");
        if (lk->state != ASSESS_LINK_COMPLETED && lk->from[0])
            assess_jr_error(jr, "from",
                            "only a completed link takes effect ('from')");
        assess_jpath_pop(&jr->path, o2);
    }
    assess_jpath_pop(&jr->path, old);

    const cJSON *mh = assess_jr_get(jr, o, "minority_holders", cJSON_Array, 0);
    old = assess_jpath_key(&jr->path, "minority_holders");
    size_t i = 0;
    for (const cJSON *h = mh ? mh->child : NULL; h; h = h->next, i++) {
        static const char *const hallowed[] = {"holder", "percent", "notes",
                                               SOURCE_KEYS, NULL};
        size_t o2 = assess_jpath_index(&jr->path, i);
        assess_source src = {0};
        char *holder = NULL;
        assess_jr_only(jr, h, hallowed);
        assess_jr_string(jr, h, "holder", 1, &holder);
        const cJSON *pc = cJSON_GetObjectItemCaseSensitive(h, "percent");
        double pct;
        if (pc && !cJSON_IsNull(pc) &&
            assess_jr_number(jr, h, "percent", 0, 0, 100, &pct) && pct >= 50)
            assess_jr_error(jr, "percent",
                            "a holding of 50 %% or more is control: make it a "
                            "link");
        assess_jr_enum(jr, h, "source_date_basis", 1, basis_names, &k);
        read_source(jr, h, &src);
        source_release(&src);
        free(holder);
        assess_jpath_pop(&jr->path, o2);
    }
    assess_jpath_pop(&jr->path, old);

    const cJSON *tech = assess_jr_get(jr, o, "technology", cJSON_Array, 0);
    size_t nt = tech ? (size_t)cJSON_GetArraySize(tech) : 0;
    e->tech = calloc(nt ? nt : 1, sizeof *e->tech);
    old = assess_jpath_key(&jr->path, "technology");
    for (const cJSON *t = tech ? tech->child : NULL; t && e->tech; t = t->next) {
        static const char *const tallowed[] = {"licensor", "what", "notes",
                                               SOURCE_KEYS, NULL};
        size_t j = e->n_tech++;
        size_t o2 = assess_jpath_index(&jr->path, j);
        assess_jr_only(jr, t, tallowed);
        add_ref(jr, t, "licensor", (size_t)(e - r->entities), 1, j, refs, nrefs,
                caprefs);
        assess_jr_string(jr, t, "what", 1, &e->tech[j].what);
        assess_jr_enum(jr, t, "source_date_basis", 1, basis_names, &k);
        read_source(jr, t, &e->tech[j].src);
        assess_jpath_pop(&jr->path, o2);
    }
    assess_jpath_pop(&jr->path, old);

    const cJSON *certs = assess_jr_get(jr, o, "certifications", cJSON_Array, 0);
    old = assess_jpath_key(&jr->path, "certifications");
    i = 0;
    for (const cJSON *c = certs ? certs->child : NULL; c; c = c->next, i++) {
        static const char *const callowed[] = {"scheme", "scope", "granted",
                                               "expires", "state", "notes",
                                               SOURCE_KEYS, NULL};
        static const char *const cstates[] = {"granted", "milestone", "applied",
                                              NULL};
        size_t o2 = assess_jpath_index(&jr->path, i);
        char *s = NULL, *scope = NULL;
        assess_source src = {0};
        assess_jr_only(jr, c, callowed);
        assess_jr_string(jr, c, "scheme", 1, &s);
        assess_jr_string(jr, c, "scope", 0, &scope);
        free(scope);
        char granted[11], expires[11];
        read_date(jr, c, "granted", granted);
        read_date(jr, c, "expires", expires);
        int state = -1;
        assess_jr_enum(jr, c, "state", 1, cstates, &state);
        assess_jr_enum(jr, c, "source_date_basis", 1, basis_names, &k);
        read_source(jr, c, &src);
        source_release(&src);
        const cJSON *scheme = cJSON_GetObjectItemCaseSensitive(c, "scheme");
        if (state == 0 && cJSON_IsString(scheme)) { /* granted: a designation */
            assess_reg_designation *v = realloc(e->designations,
                                                (e->n_designations + 1) * sizeof *v);
            if (v) {
                e->designations = v;
                assess_reg_designation *dz = &v[e->n_designations];
                memset(dz, 0, sizeof *dz);
                memcpy(dz->granted, granted, sizeof granted);
                memcpy(dz->expires, expires, sizeof expires);
                if ((dz->scheme = assess_strdup(scheme->valuestring)))
                    e->n_designations++;
            }
        }
        free(s);
        e->n_certifications++;
        assess_jpath_pop(&jr->path, o2);
    }
    assess_jpath_pop(&jr->path, old);
}

static int cmp_entity(const void *a, const void *b)
{
    return strcmp(((const assess_reg_entity *)a)->id,
                  ((const assess_reg_entity *)b)->id);
}

static int cmp_key(const void *a, const void *b)
{
    const reg_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->entity > y->entity) - (x->entity < y->entity);
}

long assess_registry_entity(const assess_registry *r, const char *id)
{
    size_t lo = 0, hi = r->n_entities;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(id, r->entities[mid].id);
        if (!c)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

/* Depth-first search over completed links for a cycle; colour 1 = on the
   current path, 2 = done. */
static int find_cycle(const assess_registry *r, size_t i, unsigned char *colour)
{
    if (colour[i] == 1)
        return 1;
    if (colour[i] == 2)
        return 0;
    colour[i] = 1;
    const assess_reg_entity *e = &r->entities[i];
    for (size_t k = 0; k < e->n_links; k++)
        if (e->links[k].state == ASSESS_LINK_COMPLETED &&
            e->links[k].parent != (size_t)-1 &&
            find_cycle(r, e->links[k].parent, colour))
            return 1;
    colour[i] = 2;
    return 0;
}

static int add_key(assess_registry *r, const char *name, size_t entity,
                   size_t *cap)
{
    char *key = assess_name_key(name);
    if (!key || !assess_grow((void **)&r->keys, cap, r->n_keys + 1,
                             sizeof *r->keys)) {
        free(key);
        return 0;
    }
    r->keys[r->n_keys].key = key;
    r->keys[r->n_keys++].entity = entity;
    return 1;
}

static void load_entities(assess_registry *r, const char *path,
                          const cJSON *root, assess_diags *d)
{
    assess_jreader jr = ASSESS_JREADER(path, d);
    assess_jpath_init(&jr.path);
    static const char *const allowed[] = {"format", "note", "entities", NULL};
    assess_jr_only(&jr, root, allowed);
    char *fmt = NULL;
    if (assess_jr_string(&jr, root, "format", 1, &fmt) && fmt &&
        strcmp(fmt, "assess-registry-entities/1") != 0)
        assess_jr_error(&jr, "format", "expected 'assess-registry-entities/1'");
    free(fmt);
    const cJSON *list = assess_jr_get(&jr, root, "entities", cJSON_Array, 1);
    size_t n = list ? (size_t)cJSON_GetArraySize(list) : 0;
    r->entities = calloc(n ? n : 1, sizeof *r->entities);
    pending_ref *refs = NULL;
    size_t nrefs = 0, caprefs = 0, i = 0;
    if (!r->entities) {
        r->errors += assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL,
                                      "out of memory") != ASSESS_OK;
        return;
    }
    size_t old = assess_jpath_key(&jr.path, "entities");
    for (const cJSON *o = list ? list->child : NULL; o; o = o->next, i++) {
        size_t o2 = assess_jpath_index(&jr.path, i);
        if (!cJSON_IsObject(o))
            assess_jr_error(&jr, NULL, "expected an object");
        else
            read_entity(r, &jr, o, &r->entities[r->n_entities++], &refs, &nrefs,
                        &caprefs);
        assess_jpath_pop(&jr.path, o2);
    }
    assess_jpath_pop(&jr.path, old);
    /* sort by id (links still refer by id) and look for duplicates */
    for (size_t k = 0; k < r->n_entities; k++)
        if (!r->entities[k].id)
            r->entities[k].id = assess_strdup("");
    /* ids by file position: references were recorded by position */
    char **ids = calloc(r->n_entities ? r->n_entities : 1, sizeof *ids);
    for (size_t k = 0; ids && k < r->n_entities; k++)
        ids[k] = r->entities[k].id;
    if (r->n_entities)
        qsort(r->entities, r->n_entities, sizeof *r->entities, cmp_entity);
    for (size_t k = 1; k < r->n_entities; k++)
        if (r->entities[k].id[0] &&
            strcmp(r->entities[k].id, r->entities[k - 1].id) == 0)
            r->errors += assess_diags_add(d, ASSESS_ERR_INVALID, path,
                                          "$.entities", "duplicate entity id '%s'",
                                          r->entities[k].id) != ASSESS_OK;
    /* references: refs[].entity is a file position; map to the sorted index */
    for (size_t k = 0; k < nrefs; k++) {
        pending_ref *p = &refs[k];
        long owner = ids ? assess_registry_entity(r, ids[p->entity]) : -1;
        long target = assess_registry_entity(r, p->id);
        if (target < 0)
            r->errors += assess_diags_add(d, ASSESS_ERR_INVALID, path, p->path,
                                          "no entity '%s' in the registry",
                                          p->id) != ASSESS_OK;
        if (owner >= 0) {
            assess_reg_entity *e = &r->entities[owner];
            size_t t = target < 0 ? (size_t)-1 : (size_t)target;
            if (p->is_tech && p->k < e->n_tech)
                e->tech[p->k].licensor = t;
            else if (!p->is_tech && p->k < e->n_links) {
                e->links[p->k].parent = t;
                if (target == owner)
                    r->errors += assess_diags_add(d, ASSESS_ERR_INVALID, path,
                                                  p->path,
                                                  "'%s' cannot be its own parent",
                                                  p->id) != ASSESS_OK;
            }
        }
        free(p->id);
    }
    free(refs);
    free(ids);
    r->errors += assess_jr_errors(&jr);
    unsigned char *colour = calloc(r->n_entities ? r->n_entities : 1, 1);
    for (size_t k = 0; colour && k < r->n_entities; k++) {
        if (colour[k] == 0 && find_cycle(r, k, colour)) {
            r->errors += assess_diags_add(d, ASSESS_ERR_INVALID, path,
                                          "$.entities",
                                          "completed ownership links form a "
                                          "cycle through '%s'",
                                          r->entities[k].id) != ASSESS_OK;
            break;
        }
    }
    free(colour);
    /* name keys: names and aliases, never brands */
    size_t cap = 0;
    for (size_t k = 0; k < r->n_entities; k++) {
        const assess_reg_entity *e = &r->entities[k];
        if (e->name)
            add_key(r, e->name, k, &cap);
        for (size_t a = 0; a < e->n_aliases; a++)
            add_key(r, e->aliases[a], k, &cap);
    }
    if (r->n_keys)
        qsort(r->keys, r->n_keys, sizeof *r->keys, cmp_key);
}

static void load_laws(assess_registry *r, const char *path, const cJSON *root,
                      assess_diags *d)
{
    assess_jreader jr = ASSESS_JREADER(path, d);
    assess_jpath_init(&jr.path);
    const cJSON *list = assess_jr_get(&jr, root, "laws", cJSON_Array, 1);
    size_t n = list ? (size_t)cJSON_GetArraySize(list) : 0, i = 0;
    r->laws = calloc(n ? n : 1, sizeof *r->laws);
    if (!r->laws)
        assess_nomem_note(); /* reported by assess_jr_errors */
    size_t old = assess_jpath_key(&jr.path, "laws");
    static const char *const via_names[] = {"presence", "control",
                                            "nationality", NULL};
    for (const cJSON *o = list ? list->child : NULL; o && r->laws;
         o = o->next, i++) {
        static const char *const allowed[] = {
            "id", "country", "short", "name", "compels", "reaches",
            "reaches_via", "gag", "in_force", "status", "citation", "eccns",
            "see_also", "notes", "source_date_precision", SOURCE_KEYS, NULL};
        size_t o2 = assess_jpath_index(&jr.path, i);
        assess_reg_law *l = &r->laws[r->n_laws++];
        int k = 0;
        assess_jr_only(&jr, o, allowed);
        if (assess_jr_string(&jr, o, "id", 1, &l->id) && l->id &&
            !valid_id(l->id))
            assess_jr_error(&jr, "id", "'%s' is not a kebab-case id", l->id);
        for (size_t j = 0; l->id && j + 1 < r->n_laws; j++)
            if (r->laws[j].id && strcmp(r->laws[j].id, l->id) == 0)
                assess_jr_error(&jr, "id", "duplicate law id '%s'", l->id);
        read_country_code(r, &jr, o, "country", l->country);
        assess_jr_string(&jr, o, "short", 1, &l->short_name);
        assess_jr_text(&jr, o, "name", 1, &l->name);
        assess_jr_string(&jr, o, "compels", 1, &l->compels);
        assess_jr_string(&jr, o, "reaches", 1, &l->reaches);
        if (assess_jr_enum(&jr, o, "reaches_via", 1, via_names, &k))
            l->reaches_via = assess_strdup(via_names[k]);
        assess_jr_bool(&jr, o, "gag", 1, &l->gag);
        assess_jr_bool(&jr, o, "in_force", 1, &l->in_force);
        read_source(&jr, o, &l->src);
        assess_jpath_pop(&jr.path, o2);
    }
    assess_jpath_pop(&jr.path, old);
    r->errors += assess_jr_errors(&jr);
}

static int alpha3_slot(const char *c)
{
    if (!c || strlen(c) != 3)
        return -1;
    int s = 0;
    for (int i = 0; i < 3; i++) {
        if (c[i] < 'A' || c[i] > 'Z')
            return -1;
        s = s * 26 + (c[i] - 'A');
    }
    return s;
}

static void load_countries(assess_registry *r, const char *path,
                           const cJSON *root, assess_diags *d)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "countries");
    r->countries = calloc(26 * 26, sizeof *r->countries);
    if (!r->countries) {
        r->errors += assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL,
                                      "out of memory") != ASSESS_OK;
        return;
    }
    r->n_countries = 26 * 26;
    r->alpha3 = calloc(26 * 26 * 26, sizeof *r->alpha3);
    if (!r->alpha3) /* alpha-3 codes would go unrecognised */
        r->errors += assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL,
                                      "out of memory") != ASSESS_OK;
    for (const cJSON *c = list ? list->child : NULL; c; c = c->next) {
        const cJSON *a2 = cJSON_GetObjectItemCaseSensitive(c, "alpha2");
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
        const cJSON *risk = cJSON_GetObjectItemCaseSensitive(c, "risk_class");
        const cJSON *a3 = cJSON_GetObjectItemCaseSensitive(c, "alpha3");
        int s = reg_slot(cJSON_IsString(a2) ? a2->valuestring : NULL);
        if (s < 0)
            continue; /* assess_groups_load() reported it */
        int s3 = alpha3_slot(cJSON_IsString(a3) ? a3->valuestring : NULL);
        if (s3 >= 0 && r->alpha3)
            memcpy(r->alpha3[s3], a2->valuestring, 3);
        reg_country *rc = &r->countries[s];
        memcpy(rc->code, a2->valuestring, 3);
        const cJSON *en = cJSON_GetObjectItemCaseSensitive(name, "en");
        const cJSON *nl = cJSON_GetObjectItemCaseSensitive(name, "nl");
        rc->en = assess_strdup(cJSON_IsString(en) ? en->valuestring : NULL);
        rc->nl = assess_strdup(cJSON_IsString(nl) ? nl->valuestring : NULL);
        rc->risk = cJSON_IsString(risk) && strlen(risk->valuestring) == 1
                       ? risk->valuestring[0]
                       : 'X';
    }
}

/* The XML view: <registry><countries>..</countries><laws>..</laws>. */
static void build_doc(assess_registry *r, cJSON *countries, cJSON *laws,
                      assess_diags *d)
{
    cJSON *view = cJSON_CreateObject();
    if (!view)
        return;
    const cJSON *cl = cJSON_GetObjectItemCaseSensitive(countries, "countries");
    const cJSON *ll = laws ? cJSON_GetObjectItemCaseSensitive(laws, "laws") : NULL;
    if (cl)
        cJSON_AddItemReferenceToObject(view, "countries", (cJSON *)cl);
    if (ll)
        cJSON_AddItemReferenceToObject(view, "laws", (cJSON *)ll);
    if (assess_facts_from_json(&r->doc, view, "registry", "registry", d) !=
        ASSESS_OK)
        r->errors++;
    cJSON_Delete(view);
    if (!r->doc)
        return;
    /* law elements by position, to hand them out as nodes */
    r->law_nodes = calloc(r->n_laws ? r->n_laws : 1, sizeof *r->law_nodes);
    if (!r->law_nodes)
        r->errors += assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    size_t i = 0;
    xmlNodePtr root = xmlDocGetRootElement(r->doc);
    for (xmlNodePtr n = root ? root->children : NULL; n && r->law_nodes;
         n = n->next)
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "laws") &&
            i < r->n_laws)
            r->law_nodes[i++] = n;
}

assess_status assess_registry_load(assess_registry **out, const char *dir,
                                   assess_diags *d)
{
    *out = NULL;
    unsigned long nomem_at = assess_nomem_count();
    assess_registry *r = calloc(1, sizeof *r);
    if (!r)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    cJSON *countries = NULL, *laws = NULL, *entities = NULL;
    char *cpath = NULL, *lpath = NULL, *epath = NULL;
    int ok = read_file_json(r, dir, "countries.json", 1, &countries, &cpath, d);
    if (ok && assess_groups_load(&r->groups, cpath, d) != ASSESS_OK)
        ok = 0;
    if (ok) {
        load_countries(r, cpath, countries, d);
        if (!read_file_json(r, dir, "laws.json", 0, &laws, &lpath, d))
            r->errors++;
        else if (laws)
            load_laws(r, lpath, laws, d);
        if (!read_file_json(r, dir, "entities.json", 0, &entities, &epath, d))
            r->errors++;
        else if (entities)
            load_entities(r, epath, entities, d);
        if (!r->errors)
            build_doc(r, countries, laws, d);
    }
    cJSON_Delete(countries);
    cJSON_Delete(laws);
    cJSON_Delete(entities);
    free(cpath);
    free(lpath);
    free(epath);
    if (!r->errors && assess_nomem_count() != nomem_at) /* else reported */
        r->errors += assess_diags_add(d, ASSESS_ERR_NOMEM, dir, NULL, "out of memory");
    if (!ok || r->errors) {
        assess_registry_free(r);
        return ASSESS_ERR_INVALID;
    }
    *out = r;
    return ASSESS_OK;
}

/* ---- queries ----------------------------------------------------------- */

int reg_slot(const char *c)
{
    if (!c || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' || c[2])
        return -1;
    return (c[0] - 'A') * 26 + (c[1] - 'A');
}

const assess_groups *assess_registry_groups(const assess_registry *r)
{
    return r->groups;
}

char assess_registry_risk_class(const assess_registry *r, const char *country)
{
    int s = reg_slot(country);
    return s >= 0 && r->countries && r->countries[s].en ? r->countries[s].risk
                                                        : 0;
}

const char *assess_registry_country_name(const assess_registry *r,
                                         const char *country, const char *lang)
{
    int s = reg_slot(country);
    if (s < 0 || !r->countries)
        return NULL;
    return lang && strcmp(lang, "nl") == 0 ? r->countries[s].nl
                                           : r->countries[s].en;
}

const char *assess_registry_country_code(const assess_registry *r,
                                         const char *code)
{
    char up[4] = "";
    size_t n = code ? strlen(code) : 0;
    if (!r->countries || n < 2 || n > 3)
        return NULL;
    for (size_t i = 0; i < n; i++)
        up[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32
                                                       : code[i]);
    up[n] = '\0';
    if (n == 3) {
        int s3 = alpha3_slot(up);
        return s3 >= 0 && r->alpha3 && r->alpha3[s3][0] ? r->alpha3[s3]
                                                        : NULL;
    }
    /* the EU's and TED's own codes for Greece and the United Kingdom */
    const char *a2 = strcmp(up, "EL") == 0 ? "GR"
                   : strcmp(up, "UK") == 0 ? "GB"
                                           : up;
    int s = reg_slot(a2);
    return s >= 0 && r->countries[s].en ? r->countries[s].code : NULL;
}

size_t assess_registry_entity_count(const assess_registry *r)
{
    return r->n_entities;
}

const assess_reg_entity *assess_registry_entity_at(const assess_registry *r,
                                                   size_t i)
{
    return i < r->n_entities ? &r->entities[i] : NULL;
}

long assess_registry_match(const assess_registry *r, const char *name,
                           const char *country)
{
    char *key = assess_name_key(name);
    long found = -1;
    if (!key || !key[0]) {
        free(key);
        return -1;
    }
    size_t lo = 0, hi = r->n_keys;
    while (lo < hi) { /* first key >= key */
        size_t mid = (lo + hi) / 2;
        if (strcmp(r->keys[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < r->n_keys && strcmp(r->keys[i].key, key) == 0; i++) {
        const assess_reg_entity *e = &r->entities[r->keys[i].entity];
        if (!country || !country[0] || strcmp(e->country, country) == 0) {
            found = (long)r->keys[i].entity;
            break;
        }
    }
    free(key);
    return found;
}

size_t assess_registry_law_count(const assess_registry *r) { return r->n_laws; }

const assess_reg_law *assess_registry_law_at(const assess_registry *r, size_t i)
{
    return i < r->n_laws ? &r->laws[i] : NULL;
}

static int in_force_on(const assess_reg_link *l, const char *date)
{
    return l->state == ASSESS_LINK_COMPLETED &&
           (!l->from[0] || strcmp(l->from, date) <= 0) &&
           (!l->to[0] || strcmp(date, l->to) < 0);
}

long assess_registry_control_link(const assess_registry *r, size_t entity,
                                  const char *date)
{
    if (entity >= r->n_entities)
        return -1;
    const assess_reg_entity *e = &r->entities[entity];
    long best = -1;
    double best_pct = -2;
    for (size_t k = 0; k < e->n_links; k++) {
        const assess_reg_link *l = &e->links[k];
        if (l->parent == (size_t)-1 || !in_force_on(l, date))
            continue;
        double pct = l->control_percent < 0 ? 100 : l->control_percent;
        if (!(pct >= 50 || l->decisive))
            continue;
        if (pct > best_pct) {
            best = (long)k;
            best_pct = pct;
        }
    }
    return best;
}

int assess_registry_link_pending(const assess_registry *r, size_t entity,
                                 size_t k, const char *date)
{
    if (entity >= r->n_entities || k >= r->entities[entity].n_links)
        return 0;
    const assess_reg_link *l = &r->entities[entity].links[k];
    if (!l->announced[0] || strcmp(l->announced, date) > 0)
        return 0;
    switch (l->state) {
    case ASSESS_LINK_COMPLETED:
        return l->from[0] && strcmp(date, l->from) < 0;
    case ASSESS_LINK_ANNOUNCED:
        return !l->ended[0] || strcmp(date, l->ended) < 0;
    default:
        return strcmp(date, l->ended) < 0;
    }
}

size_t assess_registry_file_count(const assess_registry *r) { return r->n_files; }

void assess_registry_file(const assess_registry *r, size_t i, const char **path,
                          const char **sha256)
{
    *path = i < r->n_files ? r->files[i].path : NULL;
    *sha256 = i < r->n_files ? r->files[i].sha256 : NULL;
}

const char *assess_registry_file_as_of(const assess_registry *r, size_t i)
{
    return i < r->n_files && r->files[i].as_of[0] ? r->files[i].as_of : NULL;
}

/* Laws that reach an entity in `country`: every law of its own country
   (depth 0) or, through control, those that reach via control. */
size_t reg_laws_reaching(const assess_registry *r, const char *country,
                         int via_control, size_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_laws && n < max; i++) {
        const assess_reg_law *l = &r->laws[i];
        if (!l->in_force || strcmp(l->country, country) != 0)
            continue;
        if (via_control && strcmp(l->reaches_via, "control") != 0)
            continue;
        out[n++] = i;
    }
    return n;
}
