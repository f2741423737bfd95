/*
 * portfolio.c - the buyer's portfolio per provider group (registry.h), for
 * the concentration criterion of an extension: how much of the buyer's
 * spend or critical workloads one provider group would hold after this
 * award.
 *
 *   {"format": "assess-portfolio/1", "measure": "critical workloads",
 *    "as_of": "2026-10-01", "this_award": 3,
 *    "groups": [{"group": "altocumo-holdings", "amount": 14}, ...]}
 */
#include <stdlib.h>
#include <string.h>

#include "assess/registry.h"
#include "util/util.h"

#define MAX_GROUPS 10000

typedef struct pgroup {
    char *group;  /* as written */
    char *key;    /* name key */
    double amount;
} pgroup;

struct assess_portfolio {
    char *file;
    char sha256[65];
    char as_of[11];
    double this_award, total;
    pgroup *groups;
    size_t n;
};

void assess_portfolio_free(assess_portfolio *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->groups[i].group);
        free(p->groups[i].key);
    }
    free(p->groups);
    free(p->file);
    free(p);
}

assess_status assess_portfolio_parse(assess_portfolio **out, const char *name,
                                     const char *data, size_t size,
                                     assess_diags *d)
{
    *out = NULL;
    cJSON *root = assess_json_parse(name, data, size, d);
    if (!root)
        return ASSESS_ERR_SYNTAX;
    assess_portfolio *p = calloc(1, sizeof *p);
    assess_jreader r = ASSESS_JREADER(name, d);
    assess_jpath_init(&r.path);
    if (!p) {
        cJSON_Delete(root);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
    }
    static const char *const allowed[] = {"format", "measure", "as_of", "this_award",
                                          "groups", "source", "notes", NULL};
    if (!cJSON_IsObject(root))
        assess_jr_error(&r, NULL, "expected a portfolio object");
    assess_jr_only(&r, root, allowed);
    char *fmt = NULL, *measure = NULL, *as_of = NULL;
    if (assess_jr_string(&r, root, "format", 1, &fmt) && fmt &&
        strcmp(fmt, "assess-portfolio/1"))
        assess_jr_error(&r, "format", "'%s' is not assess-portfolio/1", fmt);
    assess_jr_string(&r, root, "measure", 1, &measure);
    if (assess_jr_string(&r, root, "as_of", 1, &as_of) && as_of) {
        if (!assess_is_date(as_of))
            assess_jr_error(&r, "as_of", "'%s' is not a date YYYY-MM-DD", as_of);
        else
            memcpy(p->as_of, as_of, 11);
    }
    free(fmt);
    free(measure);
    free(as_of);
    assess_jr_number(&r, root, "this_award", 1, 0, 1e15, &p->this_award);
    const cJSON *g = assess_jr_get(&r, root, "groups", cJSON_Array, 1);
    if (g) {
        size_t n = (size_t)cJSON_GetArraySize(g), i = 0;
        if (n > MAX_GROUPS)
            assess_jr_error(&r, "groups", "more than %d groups", MAX_GROUPS);
        p->groups = calloc(n ? n : 1, sizeof *p->groups);
        size_t old = assess_jpath_key(&r.path, "groups");
        for (const cJSON *e = g->child; e && p->groups && i < MAX_GROUPS;
             e = e->next, i++) {
            size_t o2 = assess_jpath_index(&r.path, i);
            static const char *const gallowed[] = {"group", "amount", "notes", NULL};
            pgroup *pg = &p->groups[p->n];
            if (!cJSON_IsObject(e)) {
                assess_jr_error(&r, NULL, "expected a group object");
            } else {
                assess_jr_only(&r, e, gallowed);
                int ok = assess_jr_string(&r, e, "group", 1, &pg->group) && pg->group;
                ok &= assess_jr_number(&r, e, "amount", 1, 0, 1e15, &pg->amount);
                if (ok && (pg->key = assess_name_key(pg->group)) != NULL) {
                    for (size_t k = 0; k < p->n; k++)
                        if (!strcmp(p->groups[k].key, pg->key))
                            assess_jr_error(&r, "group", "group '%s' is listed twice",
                                            pg->group);
                    p->total += pg->amount;
                    p->n++;
                } else {
                    free(pg->group);
                    free(pg->key);
                    memset(pg, 0, sizeof *pg);
                }
            }
            assess_jpath_pop(&r.path, o2);
        }
        assess_jpath_pop(&r.path, old);
    }
    cJSON_Delete(root);
    if (assess_jr_errors(&r)) {
        assess_portfolio_free(p);
        return ASSESS_ERR_INVALID;
    }
    p->file = assess_strdup(assess_basename(name));
    assess_sha256_hex(p->sha256, data, size);
    *out = p;
    return ASSESS_OK;
}

assess_status assess_portfolio_load(assess_portfolio **out, const char *path,
                                    assess_diags *d)
{
    char *data;
    size_t size;
    *out = NULL;
    assess_status st = assess_read_file(&data, &size, path, ASSESS_MAX_FILE_BYTES, d);
    if (st != ASSESS_OK)
        return st;
    st = assess_portfolio_parse(out, path, data, size, d);
    free(data);
    return st;
}

long assess_portfolio_find(const assess_portfolio *p, const char *registry_id,
                           const char *name)
{
    for (size_t i = 0; p && registry_id && i < p->n; i++)
        if (!strcmp(p->groups[i].group, registry_id))
            return (long)i;
    char *key = p && name ? assess_name_key(name) : NULL;
    long hit = -1;
    for (size_t i = 0; key && i < p->n && hit < 0; i++)
        if (!strcmp(p->groups[i].key, key))
            hit = (long)i;
    free(key);
    return hit;
}

double assess_portfolio_share_of(const assess_portfolio *p, long group)
{
    if (!p)
        return -1;
    double mine = group >= 0 && (size_t)group < p->n ? p->groups[group].amount : 0;
    double all = p->total + p->this_award;
    return all > 0 ? (mine + p->this_award) / all * 100.0 : 0;
}

double assess_portfolio_share(const assess_portfolio *p, const char *registry_id,
                              const char *name)
{
    return assess_portfolio_share_of(p, assess_portfolio_find(p, registry_id, name));
}

const char *assess_portfolio_file(const assess_portfolio *p) { return p->file; }
const char *assess_portfolio_sha256(const assess_portfolio *p) { return p->sha256; }
const char *assess_portfolio_as_of(const assess_portfolio *p)
{
    return p->as_of[0] ? p->as_of : NULL;
}
