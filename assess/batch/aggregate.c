/*
 * aggregate.c - indicators per buyer, buyer country and CPV group over the
 * rows of a batch (aggregate.h).
 */
#include "batch/aggregate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assess/engine.h"
#include "assess/notice.h"
#include "report/jsonw.h"
#include "util/util.h"

/* ---- a string -> index map (open addressing, FNV-1a) ------------------- */

typedef struct hmap {
    char **keys;
    size_t *vals;
    size_t cap, n;
} hmap;

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void hmap_free(hmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static int hmap_grow(hmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    char **keys = calloc(cap, sizeof *keys);
    size_t *vals = calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return 0;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = fnv(m->keys[i]) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return 1;
}

/* The value of `key`, or SIZE_MAX when absent. */
static size_t hmap_find(const hmap *m, const char *key)
{
    if (!m->cap)
        return SIZE_MAX;
    for (size_t j = fnv(key) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (strcmp(m->keys[j], key) == 0)
            return m->vals[j];
    return SIZE_MAX;
}

/* The value of `key`; when absent it is added with value `fresh` and
   *added is set. SIZE_MAX on no memory (nothing added). */
static size_t hmap_get(hmap *m, const char *key, size_t fresh, int *added)
{
    *added = 0;
    if ((m->n + 1) * 4 > m->cap * 3 && !hmap_grow(m))
        return SIZE_MAX;
    size_t j = fnv(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    if (!(m->keys[j] = assess_strdup(key)))
        return SIZE_MAX;
    m->vals[j] = fresh;
    m->n++;
    *added = 1;
    return fresh;
}

/* ---- the state -------------------------------------------------------------- */

typedef struct bucket {      /* one scope key and currency */
    char *currency;
    double awards[AGG_REGIONS], value[AGG_REGIONS];
    hmap groups;             /* group key -> index into gval */
    double *gval;
    size_t n_gval, cap_gval;
} bucket;

typedef struct entry {       /* one scope key */
    char *key, *country;
    bucket *b;
    size_t n_b, cap_b;
    size_t lots_known, single_bid, cloud_with_criteria, cloud_sovereignty;
} entry;

typedef struct scope {
    hmap index;              /* key -> entry */
    entry *e;
    size_t n, cap;
} scope;

struct assess_agg {
    const assess_registry *reg;
    scope s[AGG_SCOPES];
    hmap seen;               /* OCDS award ids of the current input */
    int nomem;
};

const char *assess_agg_region(int r)
{
    static const char *const names[] = {"EU/EEA", "US", "CN", "other",
                                        "unknown"};
    return r >= 0 && r < AGG_REGIONS ? names[r] : "unknown";
}

assess_agg *assess_agg_new(const assess_registry *reg)
{
    assess_agg *a = calloc(1, sizeof *a);
    if (a)
        a->reg = reg;
    return a;
}

void assess_agg_free(assess_agg *a)
{
    if (!a)
        return;
    for (int k = 0; k < AGG_SCOPES; k++) {
        scope *s = &a->s[k];
        for (size_t i = 0; i < s->n; i++) {
            entry *e = &s->e[i];
            for (size_t j = 0; j < e->n_b; j++) {
                free(e->b[j].currency);
                hmap_free(&e->b[j].groups);
                free(e->b[j].gval);
            }
            free(e->b);
            free(e->key);
            free(e->country);
        }
        free(s->e);
        hmap_free(&s->index);
    }
    hmap_free(&a->seen);
    free(a);
}

void assess_agg_input(assess_agg *a) { hmap_free(&a->seen); }

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The entry of a scope key; NULL on no memory, with nothing half added
   (an entry is only indexed once it is complete). */
static entry *entry_of(assess_agg *a, int k, const char *key,
                       const char *country)
{
    scope *s = &a->s[k];
    char *full = assess_printf("%s\t%s", key, country ? country : "");
    if (!full)
        return NULL;
    size_t i = hmap_find(&s->index, full);
    if (i != SIZE_MAX) {
        free(full);
        return &s->e[i];
    }
    entry e = {.key = assess_strdup(key),
               .country = assess_strdup(country ? country : "")};
    int added;
    if (!e.key || !e.country ||
        !assess_grow((void **)&s->e, &s->cap, s->n + 1, sizeof *s->e) ||
        hmap_get(&s->index, full, s->n, &added) == SIZE_MAX) {
        free(e.key);
        free(e.country);
        free(full);
        return NULL;
    }
    free(full);
    s->e[s->n] = e;
    return &s->e[s->n++];
}

static bucket *bucket_of(entry *e, const char *currency)
{
    for (size_t i = 0; i < e->n_b; i++)
        if (strcmp(e->b[i].currency, currency) == 0)
            return &e->b[i];
    char *cur = assess_strdup(currency);
    if (!cur || !assess_grow((void **)&e->b, &e->cap_b, e->n_b + 1, sizeof *e->b)) {
        free(cur);
        return NULL;
    }
    bucket *b = &e->b[e->n_b++];
    memset(b, 0, sizeof *b);
    b->currency = cur;
    return b;
}

static int region_of(const assess_agg *a, const char *country)
{
    if (!country || !country[0])
        return AGG_UNKNOWN;
    if (strcmp(country, "US") == 0)
        return AGG_US;
    if (strcmp(country, "CN") == 0)
        return AGG_CN;
    int eea = a->reg ? assess_groups_has(assess_registry_groups(a->reg), "EEA",
                                         country)
                     : 0;
    return eea > 0 ? AGG_EEA : AGG_OTHER;
}

/* The supplier group of a winner: the registry's, else its own name. */
static char *group_key(const cJSON *w)
{
    const char *g = str(w, "group");
    if (g)
        return assess_strdup(g);
    char *k = assess_name_key(str(w, "name") ? str(w, "name") : "");
    char *r = k ? assess_printf("name:%s/%s", k, str(w, "country") ? str(w, "country") : "")
                : NULL;
    free(k);
    return r;
}

static int add_award(assess_agg *a, entry *e, const cJSON *award)
{
    const cJSON *winners = cJSON_GetObjectItemCaseSensitive(award, "winners");
    const cJSON *lead = cJSON_IsArray(winners) ? winners->child : NULL;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(award, "value");
    const cJSON *amount = cJSON_GetObjectItemCaseSensitive(v, "amount");
    const char *cur = str(v, "currency");
    double value = cJSON_IsNumber(amount) && amount->valuedouble <= ASSESS_MAX_AMOUNT
                       ? amount->valuedouble
                       : -1;
    bucket *b = bucket_of(e, value >= 0 ? (cur ? cur : "?") : "");
    if (!b)
        return 0;
    const char *country = lead ? (str(lead, "group_country") ? str(lead, "group_country")
                                                              : str(lead, "country"))
                               : NULL;
    int r = region_of(a, country);
    b->awards[r] += 1;
    if (value < 0 || !lead)
        return 1;
    b->value[r] += value;
    /* room for a new group first, so that the index never points past
       the values */
    if (!assess_grow((void **)&b->gval, &b->cap_gval, b->n_gval + 1,
                     sizeof *b->gval))
        return 0;
    char *g = group_key(lead);
    int added;
    size_t i = g ? hmap_get(&b->groups, g, b->n_gval, &added) : SIZE_MAX;
    free(g);
    if (i == SIZE_MAX)
        return 0;
    if (added)
        b->gval[b->n_gval++] = 0;
    b->gval[i] += value;
    return 1;
}

int assess_agg_row(assess_agg *a, const cJSON *row)
{
    const char *form = str(row, "form_type");
    if (!form || strcmp(form, "result") != 0 || str(row, "changes"))
        return 1; /* not an award, or a change: counted where first published */
    const cJSON *buyers = cJSON_GetObjectItemCaseSensitive(row, "buyers");
    const cJSON *buyer = cJSON_IsArray(buyers) ? buyers->child : NULL;
    const char *cpv = str(row, "cpv_main");
    char group[9] = "";
    if (cpv && strlen(cpv) >= 3)
        snprintf(group, sizeof group, "%.3s00000", cpv);
    const char *bcountry = buyer ? str(buyer, "country") : NULL;
    entry *es[AGG_SCOPES] = {
        entry_of(a, AGG_BUYER, buyer && str(buyer, "name") ? str(buyer, "name") : "",
                 bcountry),
        entry_of(a, AGG_COUNTRY, bcountry ? bcountry : "", NULL),
        entry_of(a, AGG_CPV, group, NULL),
    };
    for (int k = 0; k < AGG_SCOPES; k++)
        if (!es[k])
            return 0;
    /* the lot: tenders and sovereignty criteria */
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(row, "tenders_received");
    const cJSON *checks = cJSON_GetObjectItemCaseSensitive(row, "checks");
    int cloud = 0, no_sov = 0;
    for (const cJSON *c = checks ? checks->child : NULL; c; c = c->next) {
        cloud |= cJSON_IsString(c) && strcmp(c->valuestring, "CLOUD-AI") == 0;
        no_sov |= cJSON_IsString(c) &&
                  strcmp(c->valuestring, "NO-SOVEREIGNTY-CRITERION") == 0;
    }
    const char *basis = str(row, "criteria_basis");
    int published = basis && strcmp(basis, "documents") != 0;
    for (int k = 0; k < AGG_SCOPES; k++) {
        if (cJSON_IsNumber(t)) {
            es[k]->lots_known++;
            es[k]->single_bid += t->valuedouble == 1;
        }
        if (cloud && published) {
            es[k]->cloud_with_criteria++;
            es[k]->cloud_sovereignty += !no_sov;
        }
    }
    /* the awards, each contract once */
    const cJSON *awards = cJSON_GetObjectItemCaseSensitive(row, "awards");
    int ocds = str(row, "format") && strcmp(str(row, "format"), "ocds") == 0;
    for (const cJSON *aw = awards ? awards->child : NULL; aw; aw = aw->next) {
        if (ocds && str(aw, "id")) {
            char *key = assess_printf("%s\n%s", str(row, "procedure_id")
                                                    ? str(row, "procedure_id") : "",
                                      str(aw, "id"));
            int added = 0;
            size_t r = key ? hmap_get(&a->seen, key, 0, &added) : SIZE_MAX;
            free(key);
            if (r == SIZE_MAX)
                return 0;
            if (!added)
                continue; /* the same award in another release of the file */
        }
        for (int k = 0; k < AGG_SCOPES; k++)
            if (!add_award(a, es[k], aw))
                return 0;
    }
    return 1;
}

/* ---- results ------------------------------------------------------------------ */

static int cmp_desc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? 1 : a > b ? -1 : 0;
}

/* HHI (0-10,000) and CR4 (%) of a bucket's group values. */
static void concentration(const bucket *b, double *hhi, double *cr4)
{
    *hhi = *cr4 = -1;
    double total = 0;
    for (size_t i = 0; i < b->n_gval; i++)
        total += b->gval[i];
    if (total <= 0)
        return;
    double *v = malloc(b->n_gval * sizeof *v);
    if (!v)
        return;
    memcpy(v, b->gval, b->n_gval * sizeof *v);
    if (b->n_gval > 1) /* sums independent of the order groups came in */
        qsort(v, b->n_gval, sizeof *v, cmp_desc);
    double h = 0, c = 0;
    for (size_t i = 0; i < b->n_gval; i++) {
        double s = v[i] / total;
        h += s * s;
        if (i < 4)
            c += s;
    }
    free(v);
    *hhi = h * 10000;
    *cr4 = c * 100;
}

static int cmp_entry(const void *x, const void *y)
{
    const entry *a = *(entry *const *)x;
    const entry *b = *(entry *const *)y;
    int c = strcmp(a->key, b->key);
    return c ? c : strcmp(a->country, b->country);
}

static int cmp_bucket(const void *x, const void *y)
{
    return strcmp(((const bucket *)x)->currency, ((const bucket *)y)->currency);
}

void assess_agg_each(const assess_agg *a, assess_agg_scope k,
                     void (*fn)(void *ctx, const assess_agg_line *l), void *ctx)
{
    const scope *s = &a->s[k];
    entry **order = malloc((s->n ? s->n : 1) * sizeof *order);
    if (!order)
        return;
    for (size_t i = 0; i < s->n; i++)
        order[i] = &s->e[i];
    if (s->n > 1)
        qsort(order, s->n, sizeof *order, cmp_entry);
    for (size_t i = 0; i < s->n; i++) {
        entry *e = order[i];
        if (e->n_b > 1)
            qsort(e->b, e->n_b, sizeof *e->b, cmp_bucket);
        for (size_t j = 0; j < e->n_b || (j == 0 && e->n_b == 0); j++) {
            assess_agg_line l = {.key = e->key, .country = e->country,
                                 .currency = "", .hhi = -1, .cr4 = -1,
                                 .first = j == 0};
            if (j < e->n_b) {
                const bucket *b = &e->b[j];
                l.currency = b->currency;
                memcpy(l.awards, b->awards, sizeof l.awards);
                memcpy(l.value, b->value, sizeof l.value);
                l.groups = b->n_gval;
                concentration(b, &l.hhi, &l.cr4);
            }
            l.lots_known = e->lots_known;
            l.single_bid = e->single_bid;
            l.cloud_with_criteria = e->cloud_with_criteria;
            l.cloud_sovereignty = e->cloud_sovereignty;
            fn(ctx, &l);
        }
    }
    free(order);
}

typedef struct json_ctx {
    jsonw *w;
    int open;
} json_ctx;

static void json_line(void *ctx, const assess_agg_line *l)
{
    json_ctx *c = ctx;
    jsonw *w = c->w;
    if (l->first) {
        if (c->open)
            jsonw_end(w, ']'), jsonw_end(w, '}');
        jsonw_object(w);
        jsonw_kstring(w, "key", l->key);
        if (l->country[0])
            jsonw_kstring(w, "country", l->country);
        jsonw_kint(w, "lots_with_tender_count", (long long)l->lots_known);
        jsonw_kint(w, "single_tender_lots", (long long)l->single_bid);
        jsonw_kint(w, "cloud_ai_lots_with_criteria", (long long)l->cloud_with_criteria);
        jsonw_kint(w, "with_sovereignty_criterion", (long long)l->cloud_sovereignty);
        jsonw_key(w, "currencies");
        jsonw_array(w);
        c->open = 1;
    }
    if (l->awards[0] + l->awards[1] + l->awards[2] + l->awards[3] + l->awards[4] == 0)
        return;
    jsonw_object(w);
    jsonw_kstring(w, "currency", l->currency);
    jsonw_key(w, "regions");
    jsonw_object(w);
    for (int r = 0; r < AGG_REGIONS; r++) {
        jsonw_key(w, assess_agg_region(r));
        jsonw_object(w);
        jsonw_knumber(w, "awards", l->awards[r]);
        jsonw_knumber(w, "value", l->value[r]);
        jsonw_end(w, '}');
    }
    jsonw_end(w, '}');
    jsonw_kint(w, "supplier_groups", (long long)l->groups);
    if (l->hhi >= 0) {
        jsonw_knumber(w, "hhi", l->hhi);
        jsonw_knumber(w, "cr4_percent", l->cr4);
    }
    jsonw_end(w, '}');
}

int assess_agg_write_json(const assess_agg *a, FILE *fp)
{
    static const char *const names[] = {"by_buyer", "by_buyer_country",
                                        "by_cpv_group"};
    jsonw w;
    jsonw_init(&w, fp);
    jsonw_object(&w);
    jsonw_kstring(&w, "format", "assess-aggregates/1");
    for (int k = 0; k < AGG_SCOPES; k++) {
        json_ctx c = {&w, 0};
        jsonw_key(&w, names[k]);
        jsonw_array(&w);
        assess_agg_each(a, (assess_agg_scope)k, json_line, &c);
        if (c.open)
            jsonw_end(&w, ']'), jsonw_end(&w, '}');
        jsonw_end(&w, ']');
    }
    jsonw_end(&w, '}');
    return w.failed || ferror(fp) ? -1 : 0;
}
