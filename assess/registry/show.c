/*
 * show.c - `assess registry show`: an entity's chain on a date, the
 * countries and laws on it, licensed technology, other dated links, and the
 * source of every fact.
 */
#include <stdlib.h>
#include <string.h>

#include "assess/registry.h"
#include "registry/registry_internal.h"
#include "util/util.h"

static void print_source(FILE *out, const assess_source *s)
{
    fprintf(out, "source: %s (%s)%s", s->url ? s->url : "?",
            s->date ? s->date : "undated",
            s->verified ? "" : ", NOT VERIFIED");
}

static void print_link(FILE *out, const assess_registry *r,
                       const assess_reg_link *l)
{
    const assess_reg_entity *p = &r->entities[l->parent];
    fprintf(out, "%s (%s)", p->name, p->country);
    if (l->control_percent >= 0)
        fprintf(out, ", %g %%", l->control_percent);
    else
        fputs(", share not given", out);
    if (l->decisive)
        fputs(", decisive influence", out);
    fprintf(out, ", %s %s", l->type ? l->type : "", assess_link_state_name(l->state));
    if (l->announced[0])
        fprintf(out, ", announced %s", l->announced);
    if (l->from[0])
        fprintf(out, ", from %s", l->from);
    if (l->to[0])
        fprintf(out, ", until %s", l->to);
    if (l->ended[0])
        fprintf(out, ", ended %s", l->ended);
}

assess_status assess_registry_show(const assess_registry *r, FILE *out,
                                   const char *name_or_id, const char *date,
                                   assess_diags *d)
{
    if (date && !assess_is_date(date))
        return assess_diags_add(d, ASSESS_ERR_USAGE, NULL, NULL,
                                "'%s' is not a date YYYY-MM-DD", date);
    long i = assess_registry_entity(r, name_or_id);
    if (i < 0)
        i = assess_registry_match(r, name_or_id, NULL);
    if (i < 0)
        return assess_diags_add(d, ASSESS_ERR_INVALID, NULL, NULL,
                                "no entity '%s' in the registry (by id, name "
                                "or alias)",
                                name_or_id);
    const char *on = date ? date : "9999-12-31";
    const assess_reg_entity *e = &r->entities[i];
    char rc = assess_registry_risk_class(r, e->country);
    fprintf(out, "%s [%s]\n", e->name, e->id);
    fprintf(out, "  country  %s %s, risk class %c\n", e->country,
            assess_registry_country_name(r, e->country, "en"), rc ? rc : '?');
    if (e->headquarters[0])
        fprintf(out, "  seat     %s %s, risk class %c (the law of the seat "
                     "reaches it too)\n",
                e->headquarters,
                assess_registry_country_name(r, e->headquarters, "en"),
                assess_registry_risk_class(r, e->headquarters));
    fprintf(out, "  kind     %s%s%s\n", e->kind ? e->kind : "?",
            e->status ? ", " : "", e->status ? e->status : "");
    if (e->n_aliases) {
        fputs("  aliases ", out);
        for (size_t k = 0; k < e->n_aliases; k++)
            fprintf(out, "%s%s", k ? "; " : " ", e->aliases[k]);
        fputc('\n', out);
    }
    if (e->n_brands) {
        fputs("  brands  ", out);
        for (size_t k = 0; k < e->n_brands; k++)
            fprintf(out, "%s%s", k ? "; " : " ", e->brands[k]);
        fputs(" (identify the group, never the signing entity)\n", out);
    }
    fputs("  ", out);
    print_source(out, &e->src);
    fputc('\n', out);

    fprintf(out, "\nControl chain on %s:\n", date ? date : "the newest state");
    size_t path[64] = {0}, n = 0, laws[64];
    long cur = i;
    long via[64] = {-1}; /* via[0]: the entity's own link, if any */
    while (cur >= 0 && n < 64) {
        int cycle = 0;
        for (size_t k = 0; k < n; k++)
            cycle |= path[k] == (size_t)cur;
        if (cycle) {
            fprintf(out, "  (cycle: %s appears twice)\n", r->entities[cur].id);
            break;
        }
        path[n] = (size_t)cur;
        long lk = assess_registry_control_link(r, (size_t)cur, on);
        via[n++] = lk;
        cur = lk >= 0 ? (long)r->entities[cur].links[lk].parent : -1;
    }
    for (size_t k = 0; k < n; k++) {
        const assess_reg_entity *c = &r->entities[path[k]];
        char crc = assess_registry_risk_class(r, c->country);
        fprintf(out, "  %*s%s (%s, class %c) [%s]\n", (int)(2 * k), "",
                c->name, c->country, crc ? crc : '?', c->id);
        if (k + 1 < n || via[k] >= 0) {
            const assess_reg_link *l = &c->links[via[k]];
            fprintf(out, "  %*s  controlled by ", (int)(2 * k), "");
            print_link(out, r, l);
            fputs("\n  ", out);
            fprintf(out, "%*s  ", (int)(2 * k), "");
            print_source(out, &l->src);
            fputc('\n', out);
        }
    }

    /* countries on the chain: incorporation and seat of each entity */
    const char *cs[128];
    size_t nc = 0;
    for (size_t k = 0; k < n; k++) {
        const assess_reg_entity *c = &r->entities[path[k]];
        const char *two[2] = {c->country, c->headquarters[0] ? c->headquarters
                                                             : NULL};
        for (int t = 0; t < 2 && two[t]; t++) {
            int dup = 0;
            for (size_t j = 0; j < nc; j++)
                dup |= strcmp(cs[j], two[t]) == 0;
            if (!dup && nc < 128)
                cs[nc++] = two[t];
        }
    }
    fputs("\nCountries on the chain:", out);
    for (size_t j = 0; j < nc; j++) {
        char crc = assess_registry_risk_class(r, cs[j]);
        fprintf(out, " %s (%s, class %c)", cs[j],
                assess_registry_country_name(r, cs[j], "en"), crc ? crc : '?');
    }
    fputc('\n', out);

    fprintf(out, "\nLaws that reach %s through this chain:\n", e->name);
    size_t shown[256], ns = 0;
    for (size_t k = 0; k < n; k++) {
        const assess_reg_entity *c = &r->entities[path[k]];
        const char *two[2] = {c->country, c->headquarters[0] ? c->headquarters
                                                             : NULL};
        for (int t = 0; t < 2 && two[t]; t++) {
            size_t m = reg_laws_reaching(r, two[t], k > 0, laws, 64);
            for (size_t j = 0; j < m; j++) {
                const assess_reg_law *l = &r->laws[laws[j]];
                int dup = 0;
                for (size_t q = 0; q < ns; q++)
                    dup |= shown[q] == laws[j];
                if (dup || ns >= 256)
                    continue;
                shown[ns++] = laws[j];
                fprintf(out, "  %s  %s (%s; reaches via %s%s; through %s)\n",
                        l->id, l->short_name, l->country, l->reaches_via,
                        l->gag ? "; gag orders" : "", c->name);
                fprintf(out, "      compels: %s\n      ", l->compels);
                print_source(out, &l->src);
                fputc('\n', out);
            }
        }
    }
    if (!ns)
        fputs("  none in the registry\n", out);

    if (e->n_tech) {
        fputs("\nLicensed technology (not ownership):\n", out);
        for (size_t k = 0; k < e->n_tech; k++) {
            const assess_reg_entity *lic = &r->entities[e->tech[k].licensor];
            fprintf(out, "  %s from %s (%s)\n    ", e->tech[k].what, lic->name,
                    lic->country);
            print_source(out, &e->tech[k].src);
            fputc('\n', out);
        }
    }
    int header = 0;
    for (size_t k = 0; k < e->n_links; k++) {
        if ((long)k == via[0])
            continue;
        if (!header)
            fprintf(out, "\nOther ownership links (not in force on %s):\n",
                    date ? date : "the newest state");
        header = 1;
        fputs("  ", out);
        print_link(out, r, &e->links[k]);
        if (assess_registry_link_pending(r, (size_t)i, k, on))
            fputs(" (PENDING on this date)", out);
        fputs("\n    ", out);
        print_source(out, &e->links[k].src);
        fputc('\n', out);
    }
    return ferror(out) ? assess_diags_add(d, ASSESS_ERR_IO, NULL, NULL,
                                          "cannot write")
                       : ASSESS_OK;
}
