/*
 * groups.c - country groups and risk classes from the registry
 * (rules/registry/countries.json), as the sov: functions need them: one
 * bit mask per alpha-2 code, so a membership test is two array look-ups.
 * Risk classes are offered as groups too: RISK-A, RISK-B, ...
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assess/engine.h"
#include "util/util.h"

#define MAX_GROUPS 63
#define EXISTS_BIT (UINT64_C(1) << 63)

struct assess_groups {
    char *names[MAX_GROUPS];
    size_t n;
    uint64_t mask[26 * 26];
};

static int slot(const char *c)
{
    if (!c || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' || c[2])
        return -1;
    return (c[0] - 'A') * 26 + (c[1] - 'A');
}

static int group_index(assess_groups *g, const char *name, int add)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->names[i], name) == 0)
            return (int)i;
    if (!add || g->n >= MAX_GROUPS)
        return -1;
    g->names[g->n] = assess_strdup(name);
    return g->names[g->n] ? (int)g->n++ : -1;
}

void assess_groups_free(assess_groups *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++)
        free(g->names[i]);
    free(g);
}

assess_status assess_groups_load(assess_groups **out, const char *path,
                                 assess_diags *d)
{
    char *data;
    size_t size;
    *out = NULL;
    assess_status st = assess_read_file(&data, &size, path,
                                        ASSESS_MAX_FILE_BYTES, d);
    if (st != ASSESS_OK)
        return st;
    cJSON *root = assess_json_parse(path, data, size, d);
    free(data);
    if (!root)
        return ASSESS_ERR_SYNTAX;
    assess_groups *g = calloc(1, sizeof *g);
    assess_jreader r = ASSESS_JREADER(path, d);
    assess_jpath_init(&r.path);
    if (!g) {
        cJSON_Delete(root);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL, "out of memory");
    }
    const cJSON *countries = assess_jr_get(&r, root, "countries", cJSON_Array, 1);
    size_t i = 0;
    size_t old = assess_jpath_key(&r.path, "countries");
    for (const cJSON *c = countries ? countries->child : NULL; c;
         c = c->next, i++) {
        size_t o2 = assess_jpath_index(&r.path, i);
        char *a2 = NULL, *risk = NULL;
        int s = -1;
        if (assess_jr_string(&r, c, "alpha2", 1, &a2) && (s = slot(a2)) < 0)
            assess_jr_error(&r, "alpha2", "'%s' is not an alpha-2 code", a2);
        if (s >= 0) {
            g->mask[s] |= EXISTS_BIT;
            const cJSON *gl = assess_jr_get(&r, c, "groups", cJSON_Array, 0);
            for (const cJSON *e = gl ? gl->child : NULL; e; e = e->next) {
                int k = cJSON_IsString(e) ? group_index(g, e->valuestring, 1) : -1;
                if (k < 0)
                    assess_jr_error(&r, "groups", "bad or too many groups");
                else
                    g->mask[s] |= UINT64_C(1) << k;
            }
            if (assess_jr_string(&r, c, "risk_class", 0, &risk) && risk) {
                char name[32];
                snprintf(name, sizeof name, "RISK-%s", risk);
                int k = group_index(g, name, 1);
                if (k >= 0)
                    g->mask[s] |= UINT64_C(1) << k;
            }
        }
        free(a2);
        free(risk);
        assess_jpath_pop(&r.path, o2);
    }
    assess_jpath_pop(&r.path, old);
    cJSON_Delete(root);
    if (assess_jr_errors(&r)) {
        assess_groups_free(g);
        return ASSESS_ERR_INVALID;
    }
    *out = g;
    return ASSESS_OK;
}

int assess_groups_has(const assess_groups *g, const char *group,
                      const char *country)
{
    int k = group_index((assess_groups *)g, group, 0);
    if (k < 0)
        return -1;
    int s = slot(country);
    return s >= 0 && (g->mask[s] >> k) & 1;
}

int assess_groups_country_exists(const assess_groups *g, const char *country)
{
    int s = slot(country);
    return s >= 0 && (g->mask[s] & EXISTS_BIT) != 0;
}
