/*
 * chain.c - resolve a bid's ownership chains against the registry on the
 * assessment date (see chain.h for the rules).
 */
#include <stdlib.h>
#include <string.h>

#include "assess/facts.h"
#include "registry/chain.h"
#include "registry/registry_internal.h"
#include "util/util.h"

const char *chain_conflict_code(chain_conflict_kind k)
{
    static const char *const codes[] = {"CHAIN-OTHER-PARENT",
                                        "CHAIN-OTHER-COUNTRY",
                                        "CHAIN-MISSING-PARENT",
                                        "CHAIN-UNMENTIONED-CHANGE"};
    return (unsigned)k < CHAIN_CONFLICT_KINDS ? codes[k] : "CHAIN-CONFLICT";
}

void assess_chains_release(assess_chains *c)
{
    if (!c)
        return;
    if (c->doc)
        xmlFreeDoc(c->doc);
    free(c->of);
    for (size_t i = 0; i < c->n_conflicts; i++) {
        free(c->conflicts[i].en);
        free(c->conflicts[i].nl);
        free(c->conflicts[i].path[0]);
        free(c->conflicts[i].path[1]);
    }
    free(c->conflicts);
    memset(c, 0, sizeof *c);
}

xmlNodePtr assess_chains_of(const assess_chains *c, const assess_bid *bid,
                            const char *id)
{
    for (size_t i = 0; id && i < c->n && i < bid->n_entities; i++)
        if (strcmp(bid->entities[i].id, id) == 0)
            return c->of[i];
    return NULL;
}

typedef struct resolver {
    const assess_bid *bid;
    const assess_registry *reg;
    const char *date;
    assess_chains *out;
    long *reg_of;        /* declared entity -> registry index or -1 */
    long *decl_of;       /* registry entity -> first declared entity or -1 */
    unsigned *seen_decl, *seen_reg, gen;
    unsigned char *raised; /* per declared entity: conflict kinds raised */
    unsigned char *raised_reg; /* per registry entity: unmentioned change */
    int nomem;
} resolver;

static const char *source_name(long decl, long reg)
{
    return decl >= 0 && reg >= 0 ? "both" : decl >= 0 ? "declared" : "registry";
}

static void add_text(resolver *rs, xmlNodePtr parent, const char *name,
                     const char *value)
{
    if (value && !xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST value))
        rs->nomem = 1;
}

static void add_number(resolver *rs, xmlNodePtr parent, const char *name,
                       double v)
{
    char num[64];
    if (assess_facts_format_number(num, sizeof num, v) >= 0)
        add_text(rs, parent, name, num);
}

static char *label(resolver *rs, long decl, long reg)
{
    if (decl >= 0) {
        const assess_entity *e = &rs->bid->entities[decl];
        const char *c = reg >= 0 ? rs->reg->entities[reg].country : e->country;
        return assess_printf("%s (%s)", e->name, c);
    }
    const assess_reg_entity *e = &rs->reg->entities[reg];
    return assess_printf("%s (%s)", e->name, e->country);
}

static void conflict(resolver *rs, chain_conflict_kind kind, long decl,
                     long reg, long other_reg, char *en, char *nl)
{
    assess_chains *c = rs->out;
    if (!en || !nl || !assess_grow((void **)&c->conflicts, &c->cap_conflicts,
                                   c->n_conflicts + 1, sizeof *c->conflicts)) {
        free(en);
        free(nl);
        rs->nomem = 1;
        return;
    }
    chain_conflict *k = &c->conflicts[c->n_conflicts++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->en = en;
    k->nl = nl;
    k->path[k->n_path++] = label(rs, decl, reg);
    if (other_reg >= 0)
        k->path[k->n_path++] = label(rs, -1, other_reg);
}

static void emit(resolver *rs, xmlNodePtr chain, long decl, long reg, int depth,
                 double owns, int decisive)
{
    xmlNodePtr l = xmlNewChild(chain, NULL, BAD_CAST "link", NULL);
    if (!l) {
        rs->nomem = 1;
        return;
    }
    const assess_entity *de = decl >= 0 ? &rs->bid->entities[decl] : NULL;
    const assess_reg_entity *re = reg >= 0 ? &rs->reg->entities[reg] : NULL;
    if (!de && !re) /* every caller names one or both */
        return;
    const char *name = de ? de->name : re ? re->name : NULL;
    add_text(rs, l, "id", de ? de->id : re ? re->id : NULL);
    add_text(rs, l, "name", name);
    const char *country = re ? re->country : de ? de->country : NULL;
    const char *seat = re && re->headquarters[0] ? re->headquarters : NULL;
    add_text(rs, l, "country", country);
    add_text(rs, l, "country", seat); /* the law of the seat reaches it too */
    add_text(rs, l, "headquarters", seat);
    add_number(rs, l, "depth", depth);
    add_text(rs, l, "source", source_name(decl, reg));
    if (re)
        add_text(rs, l, "registry_id", re->id);
    if (de) {
        static const char *const roles[] = {"tenderer", "member", "parent",
                                            "subcontractor", "supplier"};
        add_text(rs, l, "role", roles[de->role]);
        add_text(rs, l, "kind", de->is_person ? "person" : "company");
        if (de->share_percent >= 0)
            add_number(rs, l, "share_of_value_percent", de->share_percent);
    }
    char rc[2] = {rs->reg ? assess_registry_risk_class(rs->reg, country) : 0, 0};
    if (rc[0])
        add_text(rs, l, "risk_class", rc);
    char rs2[2] = {seat ? assess_registry_risk_class(rs->reg, seat) : 0, 0};
    if (rs2[0] && rs2[0] != rc[0])
        add_text(rs, l, "risk_class", rs2);
    if (depth > 0 && owns >= 0)
        add_number(rs, l, "owns_percent", owns);
    if (depth > 0)
        add_text(rs, l, "decisive_influence", decisive ? "true" : "false");
    /* every other name the entity goes by, for sanctions screening */
    if (re) {
        if (strcmp(re->name, name) != 0)
            add_text(rs, l, "alias", re->name);
        for (size_t a = 0; a < re->n_aliases; a++)
            if (strcmp(re->aliases[a], name) != 0)
                add_text(rs, l, "alias", re->aliases[a]);
        for (size_t t = 0; t < re->n_designations; t++) { /* "DORA CTPP" */
            const assess_reg_designation *dz = &re->designations[t];
            if ((!dz->granted[0] || strcmp(dz->granted, rs->date) <= 0) &&
                (!dz->expires[0] || strcmp(rs->date, dz->expires) < 0))
                add_text(rs, l, "designation", dz->scheme);
        }
        for (size_t t = 0; t < re->n_tech; t++) {
            const assess_reg_entity *lic = &rs->reg->entities[re->tech[t].licensor];
            xmlNodePtr tn = xmlNewChild(l, NULL, BAD_CAST "technology", NULL);
            if (!tn) {
                rs->nomem = 1;
                continue;
            }
            add_text(rs, tn, "licensor", lic->name);
            add_text(rs, tn, "country", lic->country);
            add_text(rs, tn, "what", re->tech[t].what);
            add_text(rs, tn, "source", "registry");
        }
    }
    for (size_t t = 0; de && t < de->n_licences; t++) {
        xmlNodePtr tn = xmlNewChild(l, NULL, BAD_CAST "technology", NULL);
        if (!tn) {
            rs->nomem = 1;
            continue;
        }
        add_text(rs, tn, "licensor", de->licences[t].licensor);
        add_text(rs, tn, "country", de->licences[t].country);
        add_text(rs, tn, "source", "declared");
    }
}

static long declared_index(const assess_bid *bid, const char *id)
{
    for (size_t i = 0; id && i < bid->n_entities; i++)
        if (strcmp(bid->entities[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* Flag announced changes of `reg` that the declaration does not show. */
static void pending_changes(resolver *rs, long decl, long reg)
{
    if (reg < 0 || rs->raised_reg[reg])
        return;
    const assess_reg_entity *re = &rs->reg->entities[reg];
    for (size_t k = 0; k < re->n_links; k++) {
        if (!assess_registry_link_pending(rs->reg, (size_t)reg, k, rs->date))
            continue;
        size_t p = re->links[k].parent;
        long dp = decl >= 0 ? declared_index(rs->bid, rs->bid->entities[decl].parent)
                            : -1;
        if (dp >= 0 && rs->reg_of[dp] == (long)p)
            continue; /* the bid names the buyer as its parent */
        rs->raised_reg[reg] = 1;
        const assess_reg_entity *pe = &rs->reg->entities[p];
        conflict(rs, CHAIN_UNMENTIONED_CHANGE, decl, reg, (long)p,
                 assess_printf("the registry records that %s (%s) announced "
                               "the acquisition of %s on %s, not settled on "
                               "the assessment date %s; the bid does not "
                               "mention it (source: %s)",
                               pe->name, pe->country, re->name,
                               re->links[k].announced, rs->date,
                               re->links[k].src.url),
                 assess_printf("volgens het register heeft %s (%s) op %s de "
                               "overname van %s aangekondigd, op de "
                               "beoordelingsdatum %s nog niet afgerond; de "
                               "inschrijving vermeldt dit niet (bron: %s)",
                               pe->name, pe->country, re->links[k].announced,
                               re->name, rs->date, re->links[k].src.url));
        return;
    }
}

static void resolve_one(resolver *rs, size_t start, xmlNodePtr chain)
{
    const assess_bid *bid = rs->bid;
    long decl = (long)start, reg = rs->reg_of[start];
    double owns = -1;
    int decisive = 0;
    rs->gen++;
    for (int depth = 0; !rs->nomem && (decl >= 0 || reg >= 0); depth++) {
        if ((decl >= 0 && rs->seen_decl[decl] == rs->gen) ||
            (reg >= 0 && rs->seen_reg[reg] == rs->gen)) {
            const char *id = decl >= 0 ? bid->entities[decl].id
                                       : rs->reg->entities[reg].id;
            if (!xmlNewProp(chain, BAD_CAST "cycle", BAD_CAST id))
                rs->nomem = 1;
            return;
        }
        if (decl >= 0)
            rs->seen_decl[decl] = rs->gen;
        if (reg >= 0)
            rs->seen_reg[reg] = rs->gen;
        emit(rs, chain, decl, reg, depth, owns, decisive);
        if (rs->reg)
            pending_changes(rs, decl, reg);

        const assess_entity *de = decl >= 0 ? &bid->entities[decl] : NULL;
        long dparent = de ? declared_index(bid, de->parent) : -1;
        int dcontrols = dparent >= 0 &&
                        (de->control_percent < 0 || de->control_percent >= 50 ||
                         de->decisive);
        long lk = reg >= 0 ? assess_registry_control_link(rs->reg, (size_t)reg,
                                                          rs->date)
                           : -1;
        unsigned char *raised = decl >= 0 ? &rs->raised[decl] : NULL;
        if (lk >= 0) {
            const assess_reg_link *l = &rs->reg->entities[reg].links[lk];
            long p = (long)l->parent;
            const assess_reg_entity *pe = &rs->reg->entities[p];
            if (dparent >= 0 && rs->reg_of[dparent] == p) {
                decl = dparent;
            } else {
                if (de && !(*raised & (1u << CHAIN_OTHER_PARENT |
                                       1u << CHAIN_MISSING_PARENT))) {
                    if (dparent >= 0) {
                        *raised |= 1u << CHAIN_OTHER_PARENT;
                        const assess_entity *dp = &bid->entities[dparent];
                        conflict(rs, CHAIN_OTHER_PARENT, decl, reg, p,
                                 assess_printf("the bid declares %s (%s) as the "
                                               "parent of %s; the registry "
                                               "records %s (%s) on %s (source: "
                                               "%s); the registry's chain "
                                               "counts",
                                               dp->name, dp->country, de->name,
                                               pe->name, pe->country, rs->date,
                                               l->src.url),
                                 assess_printf("de inschrijving noemt %s (%s) "
                                               "als moeder van %s; het register "
                                               "vermeldt op %s %s (%s) (bron: "
                                               "%s); de keten uit het register "
                                               "telt",
                                               dp->name, dp->country, de->name,
                                               rs->date, pe->name, pe->country,
                                               l->src.url));
                    } else {
                        *raised |= 1u << CHAIN_MISSING_PARENT;
                        conflict(rs, CHAIN_MISSING_PARENT, decl, reg, p,
                                 assess_printf("the bid declares no controlling "
                                               "parent of %s; the registry "
                                               "records %s (%s) on %s (source: "
                                               "%s)",
                                               de->name, pe->name, pe->country,
                                               rs->date, l->src.url),
                                 assess_printf("de inschrijving noemt geen "
                                               "beheersende moeder van %s; het "
                                               "register vermeldt op %s %s (%s) "
                                               "(bron: %s)",
                                               de->name, rs->date, pe->name,
                                               pe->country, l->src.url));
                    }
                }
                decl = rs->decl_of[p];
            }
            reg = p;
            owns = l->control_percent;
            decisive = l->decisive;
        } else if (dcontrols) {
            owns = de->control_percent;
            decisive = de->decisive;
            decl = dparent;
            reg = rs->reg_of[dparent];
        } else {
            break;
        }
    }
}

assess_status assess_chains_resolve(assess_chains *out, const assess_bid *bid,
                                    const assess_registry *reg,
                                    const char *date)
{
    memset(out, 0, sizeof *out);
    size_t n = bid->n_entities, m = reg ? reg->n_entities : 0;
    resolver rs = {.bid = bid, .reg = m ? reg : NULL, .date = date, .out = out};
    rs.reg_of = calloc(n ? n : 1, sizeof *rs.reg_of);
    rs.decl_of = calloc(m ? m : 1, sizeof *rs.decl_of);
    rs.seen_decl = calloc(n ? n : 1, sizeof *rs.seen_decl);
    rs.seen_reg = calloc(m ? m : 1, sizeof *rs.seen_reg);
    rs.raised = calloc(n ? n : 1, 1);
    rs.raised_reg = calloc(m ? m : 1, 1);
    out->of = calloc(n ? n : 1, sizeof *out->of);
    out->doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = out->doc ? xmlNewDocNode(out->doc, NULL, BAD_CAST "chains",
                                               NULL)
                               : NULL;
    if (!rs.reg_of || !rs.decl_of || !rs.seen_decl || !rs.seen_reg ||
        !rs.raised || !rs.raised_reg || !out->of || !root) {
        rs.nomem = 1;
        goto done;
    }
    xmlDocSetRootElement(out->doc, root);
    for (size_t j = 0; j < m; j++)
        rs.decl_of[j] = -1;
    for (size_t i = 0; i < n; i++) {
        const assess_entity *e = &bid->entities[i];
        long r = -1;
        if (rs.reg && e->registry_id)
            r = assess_registry_entity(reg, e->registry_id);
        else if (rs.reg)
            r = assess_registry_match(reg, e->name, e->country);
        rs.reg_of[i] = r;
        if (r >= 0 && rs.decl_of[r] < 0)
            rs.decl_of[r] = (long)i;
        if (r >= 0 && strcmp(reg->entities[r].country, e->country) != 0) {
            rs.raised[i] |= 1u << CHAIN_OTHER_COUNTRY;
            const assess_reg_entity *re = &reg->entities[r];
            conflict(&rs, CHAIN_OTHER_COUNTRY, (long)i, r, -1,
                     assess_printf("the bid declares %s in %s; the registry "
                                   "records %s in %s (source: %s); the "
                                   "registry's country counts",
                                   e->name, e->country, re->name, re->country,
                                   re->src.url),
                     assess_printf("de inschrijving plaatst %s in %s; het "
                                   "register vermeldt %s in %s (bron: %s); het "
                                   "land uit het register telt",
                                   e->name, e->country, re->name, re->country,
                                   re->src.url));
        }
    }
    for (size_t i = 0; i < n && !rs.nomem; i++) {
        xmlNodePtr chain = xmlNewChild(root, NULL, BAD_CAST "chain", NULL);
        if (!chain || !xmlNewProp(chain, BAD_CAST "of", BAD_CAST bid->entities[i].id)) {
            rs.nomem = 1;
            break;
        }
        out->of[i] = chain;
        out->n = i + 1;
        resolve_one(&rs, i, chain);
    }
done:
    free(rs.reg_of);
    free(rs.decl_of);
    free(rs.seen_decl);
    free(rs.seen_reg);
    free(rs.raised);
    free(rs.raised_reg);
    if (rs.nomem) {
        assess_chains_release(out);
        return ASSESS_ERR_NOMEM;
    }
    return ASSESS_OK;
}
