/*
 * score.c - from criterion levels to objective points, SEAL levels, the
 * Sovereignty Score and the gates of a lot; and the sovereignty ranking.
 *
 * Arithmetic of the CSF 2026 calculator (README of the catalogue, §3):
 *   objective points  = sum of the counted rungs' points (exact hundredths)
 *   objective score   = points / 1000 (nominal; never clamped, so a maximal
 *                       answer set gives 100.0756 % under calc-2026)
 *   Sovereignty Score = sum over objectives of weight% x points / 1000
 *   SEAL (objective)  = lowest SEAL among its answered criteria
 *   SEAL (overall)    = lowest over all answered criteria (calculator F2)
 * Criteria whose every rung is SEAL-4 ("inert") never bind the SEAL.
 * Unanswered criteria follow the tender's unknown_policy: gap (0 points,
 * out of the SEAL, an evidence gap), conservative (the worst rung, SEAL
 * included) or strict (as conservative, and the gate fails).
 */
#include <stdlib.h>
#include <string.h>

#include "assess/engine.h"
#include "util/util.h"

static int inert(const assess_criterion *c)
{
    return c->rungs[0].seal == 4;
}

static int push_failure(assess_result *r, size_t *cap, const char *gate,
                        assess_gate_source src, int required, int actual,
                        char *en, char *nl)
{
    if (!en || !nl ||
        !assess_grow((void **)&r->failures, cap, r->n_failures + 1,
                     sizeof *r->failures)) {
        free(en);
        free(nl);
        return 0;
    }
    assess_gate_failure *f = &r->failures[r->n_failures++];
    memset(f, 0, sizeof *f);
    f->gate = assess_strdup(gate);
    f->source = src;
    f->required = required;
    f->actual = actual;
    f->reason.en = en;
    f->reason.nl = nl;
    return f->gate != NULL;
}

static int push_gap(assess_result *r, size_t *cap, const char *crit, char *en,
                    char *nl)
{
    if (!en || !nl ||
        !assess_grow((void **)&r->gaps, cap, r->n_gaps + 1, sizeof *r->gaps)) {
        free(en);
        free(nl);
        return 0;
    }
    assess_gap *g = &r->gaps[r->n_gaps++];
    g->criterion = assess_strdup(crit);
    g->reason.en = en;
    g->reason.nl = nl;
    return g->criterion != NULL;
}

assess_status assess_score_result(assess_result *res, const assess_framework *fw,
                                  const assess_tender *tender, size_t profile)
{
    assess_unknown_policy policy =
        tender ? tender->unknown_policy : ASSESS_UNKNOWN_GAP;
    size_t gaps_cap = res->n_gaps, fail_cap = res->n_failures;
    int ok = 1;
    size_t unanswered = 0, errors = 0;

    for (size_t i = 0; i < fw->n_criteria; i++) {
        const assess_criterion *c = &fw->criteria[i];
        assess_crit_result *cr = &res->crit[i];
        if (cr->outcome == ASSESS_OUTCOME_UNKNOWN) {
            unanswered++;
            if (policy != ASSESS_UNKNOWN_GAP) {
                cr->rung = 0;
                cr->source = ASSESS_RUNG_POLICY;
            }
            ok &= push_gap(
                res, &gaps_cap, c->id,
                assess_printf("%s: no answer%s", c->id,
                              policy == ASSESS_UNKNOWN_GAP
                                  ? "; 0 points, left out of the SEAL"
                                  : "; counted as the worst rung by the "
                                    "unknown-answer policy"),
                assess_printf("%s: geen antwoord%s", c->id,
                              policy == ASSESS_UNKNOWN_GAP
                                  ? "; 0 punten, niet meegeteld in de SEAL"
                                  : "; geteld als het slechtste niveau volgens "
                                    "het beleid voor onbekende antwoorden"));
        }
        if (cr->outcome == ASSESS_OUTCOME_ERROR)
            errors++;
        if (cr->rung >= 0) {
            cr->points_centi = c->rungs[cr->rung].points_centi;
            cr->seal = c->rungs[cr->rung].seal;
        } else {
            cr->points_centi = 0;
            cr->seal = -1;
        }
    }

    res->weighted = 0;
    res->seal = -1;
    const assess_weight_profile *wp = &fw->profiles[profile];
    for (size_t o = 0; o < fw->n_objectives; o++) {
        const assess_objective *ob = &fw->objectives[o];
        assess_objective_result *orr = &res->objectives[o];
        orr->points_centi = 0;
        orr->seal = -1;
        for (size_t i = ob->first_criterion;
             i < ob->first_criterion + ob->n_criteria; i++) {
            const assess_crit_result *cr = &res->crit[i];
            orr->points_centi += cr->points_centi;
            if (cr->seal >= 0 && (orr->seal < 0 || cr->seal < orr->seal))
                orr->seal = cr->seal;
        }
        free(orr->binding);
        orr->binding = NULL;
        orr->n_binding = 0;
        if (orr->seal >= 0) {
            orr->binding = calloc(ob->n_criteria, sizeof *orr->binding);
            ok &= orr->binding != NULL;
            for (size_t i = ob->first_criterion;
                 orr->binding && i < ob->first_criterion + ob->n_criteria; i++)
                if (res->crit[i].seal == orr->seal && !inert(&fw->criteria[i]))
                    orr->binding[orr->n_binding++] = i;
        }
        res->weighted += (long long)wp->weights[o] * orr->points_centi;
        if (orr->seal >= 0 && (res->seal < 0 || orr->seal < res->seal))
            res->seal = orr->seal;
    }

    /* gates of the lot */
    const assess_lot *lot = res->lot;
    for (size_t o = 0; lot && o < fw->n_objectives; o++) {
        int req = lot->min_seal[o];
        const assess_objective_result *orr = &res->objectives[o];
        if (req <= 0 || (orr->seal >= req))
            continue;
        char gate[64];
        snprintf(gate, sizeof gate, "min-seal:%s", fw->objectives[o].id);
        char *en, *nl;
        if (orr->seal < 0) {
            en = assess_printf("%s: SEAL-%d required, no answered criterion "
                               "shows any level",
                               fw->objectives[o].id, req);
            nl = assess_printf("%s: SEAL-%d vereist, geen beantwoord criterium "
                               "toont enig niveau",
                               fw->objectives[o].id, req);
        } else {
            en = assess_printf("%s: SEAL-%d required, the bid reaches SEAL-%d",
                               fw->objectives[o].id, req, orr->seal);
            nl = assess_printf("%s: SEAL-%d vereist, de inschrijving haalt "
                               "SEAL-%d",
                               fw->objectives[o].id, req, orr->seal);
        }
        ok &= push_failure(res, &fail_cap, gate, lot->min_seal_src[o], req,
                           orr->seal, en, nl);
        assess_gate_failure *f = &res->failures[res->n_failures - 1];
        if (ok && orr->n_binding) {
            f->criteria = malloc(orr->n_binding * sizeof *f->criteria);
            ok &= f->criteria != NULL;
            if (f->criteria) {
                memcpy(f->criteria, orr->binding,
                       orr->n_binding * sizeof *f->criteria);
                f->n_criteria = orr->n_binding;
            }
        }
    }
    if (ok && policy == ASSESS_UNKNOWN_STRICT && unanswered) {
        ok &= push_failure(
            res, &fail_cap, "unanswered", ASSESS_GATE_SRC_TENDER, -1, -1,
            assess_printf("%zu criteria unanswered; the tender's unknown-answer "
                          "policy is strict",
                          unanswered),
            assess_printf("%zu criteria onbeantwoord; het beleid voor onbekende "
                          "antwoorden is strikt",
                          unanswered));
        assess_gate_failure *f = &res->failures[res->n_failures - 1];
        f->criteria = calloc(unanswered, sizeof *f->criteria);
        for (size_t i = 0; f->criteria && i < fw->n_criteria; i++)
            if (res->crit[i].outcome == ASSESS_OUTCOME_UNKNOWN)
                f->criteria[f->n_criteria++] = i;
    }
    if (ok && errors) {
        ok &= push_failure(
            res, &fail_cap, "rule-error", ASSESS_GATE_SRC_FRAMEWORK, -1, -1,
            assess_printf("%zu criteria could not be evaluated; the gate "
                          "cannot pass",
                          errors),
            assess_printf("%zu criteria konden niet worden geëvalueerd; de "
                          "drempel kan niet worden gehaald",
                          errors));
        assess_gate_failure *f = &res->failures[res->n_failures - 1];
        f->criteria = calloc(errors, sizeof *f->criteria);
        for (size_t i = 0; f->criteria && i < fw->n_criteria; i++)
            if (res->crit[i].outcome == ASSESS_OUTCOME_ERROR)
                f->criteria[f->n_criteria++] = i;
    }
    int unknown = 0;
    for (size_t g = 0; ok && g < res->n_checks; g++) {
        const assess_gate_check *chk = &res->checks[g];
        if (chk->status == ASSESS_GATE_UNKNOWN)
            unknown = 1;
        else if (chk->status != ASSESS_GATE_PASS)
            ok &= push_failure(res, &fail_cap, chk->id, ASSESS_GATE_SRC_FRAMEWORK,
                               -1, -1, assess_strdup(chk->reason.en),
                               assess_strdup(chk->reason.nl));
    }
    res->gate_status = res->n_failures ? ASSESS_GATE_FAIL
                       : unknown      ? ASSESS_GATE_UNKNOWN
                                      : ASSESS_GATE_PASS;
    res->gate_passed = res->gate_status == ASSESS_GATE_PASS;
    return ok ? ASSESS_OK : ASSESS_ERR_NOMEM;
}

static int by_lot_then_score(const void *a, const void *b)
{
    const assess_result *x = *(const assess_result *const *)a;
    const assess_result *y = *(const assess_result *const *)b;
    int c = strcmp(x->bid->lot, y->bid->lot);
    if (c)
        return c;
    int xf = x->gate_status == ASSESS_GATE_FAIL;
    int yf = y->gate_status == ASSESS_GATE_FAIL;
    if (xf != yf)
        return xf - yf;
    if (x->weighted != y->weighted)
        return x->weighted > y->weighted ? -1 : 1;
    return strcmp(x->bid->id, y->bid->id);
}

void assess_rank_results(assess_result **res, size_t n)
{
    if (n == 0)
        return; /* res may be NULL: memcpy must not see it */
    assess_result **v = malloc(n * sizeof *v);
    if (!v) { /* no ranks: counted, so that no report is written without */
        for (size_t i = 0; i < n; i++)
            res[i]->rank = 0;
        assess_nomem_note();
        return;
    }
    memcpy(v, res, n * sizeof *v);
    qsort(v, n, sizeof *v, by_lot_then_score);
    long rank = 0, seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(v[i]->bid->lot, v[i - 1]->bid->lot) != 0)
            rank = seen = 0;
        if (v[i]->gate_status == ASSESS_GATE_FAIL) {
            v[i]->rank = 0;
            continue;
        }
        seen++;
        if (seen == 1 || v[i]->weighted != v[i - 1]->weighted)
            rank = seen;
        v[i]->rank = rank;
    }
    free(v);
}
