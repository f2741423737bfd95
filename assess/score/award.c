/*
 * award.c - price and quality, knock-outs, rounding and tie-breaks (award.h).
 *
 * Formulas (procurement-methods.md §1.3, proposed pipeline step 6), with
 * PS on 0..1 before it is shown as 0..100:
 *   absolute  PS = clamp((P_hi - P) / (P_hi - P_lo), 0, 1)
 *   lowest    PS = P_min / P
 *   linear    PS = (P_max - P) / (P_max - P_min)      (1 when all equal)
 *   log       PS = 1 - ln(P / P_min) / ln(A)          (may go below 0)
 * P_min and P_max are taken over the lot's eligible bids only: a bid that
 * is knocked out leaves every reference set.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "score/award.h"
#include "util/util.h"

/* ---- evaluator scores ---------------------------------------------------- */

typedef struct score_row {
    char *bid, *criterion, *evaluator, *reason;
    double score; /* normalised 0..100 */
} score_row;

typedef struct override_row {
    char *bid, *criterion, *reason, *evaluator, *date;
    double value;
} override_row;

struct award_scores {
    char *file;
    char sha256[65];
    score_row *rows;
    size_t n;
    override_row *over;
    size_t n_over;
    award_override *view; /* the public view of over[] */
};

void assess_award_scores_free(award_scores *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->rows[i].bid);
        free(s->rows[i].criterion);
        free(s->rows[i].evaluator);
        free(s->rows[i].reason);
    }
    free(s->rows);
    for (size_t i = 0; i < s->n_over; i++) {
        free(s->over[i].bid);
        free(s->over[i].criterion);
        free(s->over[i].reason);
        free(s->over[i].evaluator);
        free(s->over[i].date);
    }
    free(s->over);
    free(s->view);
    free(s->file);
    free(s);
}

assess_status assess_award_scores_parse(award_scores **out, const char *name,
                                        const char *data, size_t size,
                                        assess_diags *d)
{
    *out = NULL;
    cJSON *root = assess_json_parse(name, data, size, d);
    if (!root)
        return ASSESS_ERR_SYNTAX;
    award_scores *s = calloc(1, sizeof *s);
    assess_jreader r = ASSESS_JREADER(name, d);
    assess_jpath_init(&r.path);
    if (!s) {
        cJSON_Delete(root);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
    }
    if (!cJSON_IsObject(root))
        assess_jr_error(&r, NULL, "expected a scores object");
    static const char *const allowed[] = {"format", "scale", "scores", "overrides",
                                          "notes", NULL};
    assess_jr_only(&r, root, allowed);
    char *fmt = NULL;
    if (assess_jr_string(&r, root, "format", 1, &fmt) && fmt &&
        strcmp(fmt, "assess-scores/1"))
        assess_jr_error(&r, "format", "'%s' is not assess-scores/1", fmt);
    free(fmt);
    double lo = 0, hi = 100;
    const cJSON *scale = assess_jr_get(&r, root, "scale", cJSON_Object, 0);
    if (scale) {
        size_t o = assess_jpath_key(&r.path, "scale");
        assess_jr_number(&r, scale, "min", 1, -1e6, 1e6, &lo);
        assess_jr_number(&r, scale, "max", 1, -1e6, 1e6, &hi);
        if (hi <= lo)
            assess_jr_error(&r, NULL, "max must be above min");
        assess_jpath_pop(&r.path, o);
    }
    const cJSON *rows = assess_jr_get(&r, root, "scores", cJSON_Array, 1);
    size_t n = rows ? (size_t)cJSON_GetArraySize(rows) : 0, i = 0;
    if (n > 100000)
        assess_jr_error(&r, "scores", "more than 100000 scores");
    s->rows = calloc(n ? n : 1, sizeof *s->rows);
    size_t old = assess_jpath_key(&r.path, "scores");
    for (const cJSON *e = rows ? rows->child : NULL; e && s->rows && i < 100000;
         e = e->next, i++) {
        size_t o2 = assess_jpath_index(&r.path, i);
        static const char *const rallowed[] = {"bid", "criterion", "evaluator",
                                               "score", "reason", "date", NULL};
        score_row *row = &s->rows[s->n];
        double x = 0;
        if (!cJSON_IsObject(e)) {
            assess_jr_error(&r, NULL, "expected a score object");
        } else {
            assess_jr_only(&r, e, rallowed);
            int ok = assess_jr_string(&r, e, "bid", 1, &row->bid) && row->bid;
            ok &= assess_jr_string(&r, e, "criterion", 1, &row->criterion) &&
                  row->criterion;
            ok &= assess_jr_string(&r, e, "evaluator", 1, &row->evaluator) &&
                  row->evaluator;
            ok &= assess_jr_number(&r, e, "score", 1, lo, hi, &x);
            ok &= assess_jr_string(&r, e, "reason", 1, &row->reason) && row->reason;
            if (ok && row->reason && !*row->reason)
                assess_jr_error(&r, "reason", "a score needs its written reason");
            for (size_t k = 0; ok && k < s->n; k++)
                if (!strcmp(s->rows[k].bid, row->bid) &&
                    !strcmp(s->rows[k].criterion, row->criterion) &&
                    !strcmp(s->rows[k].evaluator, row->evaluator))
                    assess_jr_error(&r, NULL, "%s scored %s on %s twice", row->evaluator,
                                    row->bid, row->criterion);
            row->score = (x - lo) * (100.0 / (hi - lo)); /* exact on 0..100 */
            if (ok)
                s->n++;
            else {
                free(row->bid);
                free(row->criterion);
                free(row->evaluator);
                free(row->reason);
                memset(row, 0, sizeof *row);
            }
        }
        assess_jpath_pop(&r.path, o2);
    }
    assess_jpath_pop(&r.path, old);
    /* overrides after a clarification: who, why and when are required */
    const cJSON *ov = assess_jr_get(&r, root, "overrides", cJSON_Array, 0);
    size_t no = ov ? (size_t)cJSON_GetArraySize(ov) : 0;
    s->over = calloc(no ? no : 1, sizeof *s->over);
    s->view = calloc(no ? no : 1, sizeof *s->view);
    old = assess_jpath_key(&r.path, "overrides");
    i = 0;
    for (const cJSON *e = ov ? ov->child : NULL; e && s->over && s->view && i < 10000;
         e = e->next, i++) {
        size_t o2 = assess_jpath_index(&r.path, i);
        static const char *const oallowed[] = {"bid", "criterion", "value", "reason",
                                               "evaluator", "date", NULL};
        override_row *o = &s->over[s->n_over];
        if (!cJSON_IsObject(e)) {
            assess_jr_error(&r, NULL, "expected an override object");
        } else {
            assess_jr_only(&r, e, oallowed);
            int ok = assess_jr_string(&r, e, "bid", 1, &o->bid) && o->bid;
            ok &= assess_jr_string(&r, e, "criterion", 1, &o->criterion) && o->criterion;
            ok &= assess_jr_number(&r, e, "value", 1, 0, 100, &o->value);
            ok &= assess_jr_string(&r, e, "reason", 1, &o->reason) && o->reason &&
                  *o->reason;
            ok &= assess_jr_string(&r, e, "evaluator", 1, &o->evaluator) && o->evaluator;
            ok &= assess_jr_string(&r, e, "date", 1, &o->date) && o->date;
            if (ok && !assess_is_date(o->date)) {
                assess_jr_error(&r, "date", "'%s' is not a date YYYY-MM-DD", o->date);
                ok = 0;
            }
            for (size_t k = 0; ok && k < s->n_over; k++)
                if (!strcmp(s->over[k].bid, o->bid) &&
                    !strcmp(s->over[k].criterion, o->criterion))
                    assess_jr_error(&r, NULL, "%s on %s is overridden twice", o->bid,
                                    o->criterion);
            if (ok) {
                s->view[s->n_over] = (award_override){o->bid, o->criterion, o->reason,
                                                      o->evaluator, o->date, o->value};
                s->n_over++;
            } else {
                free(o->bid);
                free(o->criterion);
                free(o->reason);
                free(o->evaluator);
                free(o->date);
                memset(o, 0, sizeof *o);
            }
        }
        assess_jpath_pop(&r.path, o2);
    }
    assess_jpath_pop(&r.path, old);
    cJSON_Delete(root);
    if (assess_jr_errors(&r)) {
        assess_award_scores_free(s);
        return ASSESS_ERR_INVALID;
    }
    s->file = assess_strdup(assess_basename(name));
    assess_sha256_hex(s->sha256, data, size);
    *out = s;
    return ASSESS_OK;
}

assess_status assess_award_scores_load(award_scores **out, const char *path,
                                       assess_diags *d)
{
    char *data;
    size_t size;
    *out = NULL;
    assess_status st = assess_read_file(&data, &size, path, ASSESS_MAX_FILE_BYTES, d);
    if (st != ASSESS_OK)
        return st;
    st = assess_award_scores_parse(out, path, data, size, d);
    free(data);
    return st;
}

const char *assess_award_scores_file(const award_scores *s) { return s->file; }
const char *assess_award_scores_sha256(const award_scores *s) { return s->sha256; }

double assess_award_scores_value(const award_scores *s, const char *bid,
                                 const char *criterion, int consensus)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; s && i < s->n; i++) {
        const score_row *r = &s->rows[i];
        if (strcmp(r->bid, bid) || strcmp(r->criterion, criterion))
            continue;
        if (consensus && !strcmp(r->evaluator, "consensus"))
            return r->score;
        if (!consensus)
            sum += r->score, n++;
    }
    return n ? sum / (double)n : NAN;
}

const award_override *assess_award_override(const award_scores *s, const char *bid,
                                            const char *criterion)
{
    for (size_t i = 0; s && i < s->n_over; i++)
        if (!strcmp(s->view[i].bid, bid) && !strcmp(s->view[i].criterion, criterion))
            return &s->view[i];
    return NULL;
}

int assess_award_scores_has(const award_scores *s, const char *criterion)
{
    for (size_t i = 0; s && i < s->n; i++)
        if (!strcmp(s->rows[i].criterion, criterion))
            return 1;
    return 0;
}

size_t assess_award_scores_rows(const award_scores *s, const char *bid,
                                const char *criterion, award_score_row *out,
                                size_t max)
{
    size_t n = 0;
    for (size_t i = 0; s && i < s->n && n < max; i++) {
        const score_row *r = &s->rows[i];
        if (!strcmp(r->bid, bid) && !strcmp(r->criterion, criterion))
            out[n++] = (award_score_row){r->evaluator, r->score, r->reason};
    }
    return n;
}

/* ---- rounding ------------------------------------------------------------ */

double assess_award_round(double x, int decimals, int half_even)
{
    if (!isfinite(x))
        return x;
    double scale = pow(10, decimals), v = fabs(x) * scale, fl = floor(v);
    double frac = v - fl, r;
    /* binary floating point: 84.125 is exact, 0.615 is not; a tie is a
       fraction within 1e-9 of one half */
    if (fabs(frac - 0.5) < fmax(1e-9, 8 * DBL_EPSILON * v))
        r = half_even ? (fmod(fl, 2) == 0 ? fl : fl + 1) : fl + 1;
    else
        r = frac < 0.5 ? fl : fl + 1;
    return copysign(r / scale, x);
}

/* ---- ranking ------------------------------------------------------------- */

/* A stable draw: the order of bids by a hash of the seed and the bid id
   (FNV-1a), recorded in the results, so that anyone can redo it. */
static uint64_t draw_key(unsigned long seed, const char *id)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)seed;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211ull;
    return h;
}

static double figure(const assess_award *a, const award_bid *b)
{
    return a->compare_rounded ? b->total_rounded : b->total;
}

/* The criterion with the highest weight (the first of equals). */
static size_t heaviest(const assess_award *a)
{
    size_t k = 0;
    for (size_t i = 1; i < a->n_criteria; i++)
        if (a->criteria[i].weight > a->criteria[k].weight)
            k = i;
    return k;
}

/* <0 when x ranks before y. Decided by: the figure, then the published
   tie-breaks in order; the last resort is the bid id, so the order is total
   (a tie left by the published list is reported, not hidden). */
static int compare(const assess_award *a, const award_bid *x, const award_bid *y,
                   const char **rule)
{
    int lower_wins = a->method == ASSESS_AWARD_MONETISED;
    double fx = figure(a, x), fy = figure(a, y);
    *rule = NULL;
    if (fx != fy)
        return (fx > fy) != lower_wins ? -1 : 1;
    for (size_t t = 0; t < a->n_tie_breaks; t++) {
        const char *tb = a->tie_breaks[t];
        double vx = 0, vy = 0;
        int higher = 1;
        if (!strcmp(tb, "quality"))
            vx = x->quality, vy = y->quality;
        else if (!strcmp(tb, "heaviest")) {
            size_t k = heaviest(a);
            vx = x->crit[k], vy = y->crit[k];
        } else if (!strcmp(tb, "price"))
            vx = x->price, vy = y->price, higher = 0;
        else if (!strcmp(tb, "preference")) /* the EU/EEA bidder, then GPA */
            vx = x->category, vy = y->category, higher = 0;
        else if (!strcmp(tb, "draw")) {
            uint64_t kx = draw_key(a->draw_seed, x->id), ky = draw_key(a->draw_seed, y->id);
            if (kx != ky) {
                *rule = tb;
                return kx < ky ? -1 : 1;
            }
            continue;
        }
        if (vx != vy) {
            *rule = tb;
            return (vx > vy) == higher ? -1 : 1;
        }
    }
    *rule = "unresolved";
    return strcmp(x->id, y->id);
}

/* Lot, then eligible before not, then compare(). */
static int before(const assess_award *a, const award_bid *x, const award_bid *y)
{
    if (x->lot != y->lot)
        return x->lot < y->lot ? -1 : 1;
    if (x->eligible != y->eligible)
        return x->eligible ? -1 : 1;
    const char *rule;
    return compare(a, x, y, &rule);
}

/* Merge sort of indices (qsort has no context argument, and a global one
   would make the library unsafe for threads). */
static void sort_bids(const assess_award *a, const award_bid *bids, size_t *v,
                      size_t *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_bids(a, bids, v, tmp, h);
    sort_bids(a, bids, v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = before(a, &bids[v[j]], &bids[v[i]]) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

static const assess_preference *pref(const assess_award *a, assess_pref_mode m)
{
    for (size_t i = 0; i < a->n_preference; i++)
        if (a->preference[i].mode == m)
            return &a->preference[i];
    return NULL;
}

static void knock_outs(const assess_award *a, award_bid *b)
{
    b->eligible = 0;
    if (b->gate_failed)
        snprintf(b->knock_out, sizeof b->knock_out, "a gate failed");
    else if (b->wrong_currency)
        snprintf(b->knock_out, sizeof b->knock_out,
                 "priced in another currency than the basis %s", a->currency);
    else if (b->category == 2 && pref(a, ASSESS_PREF_EXCLUDE_NOT_COVERED))
        snprintf(b->knock_out, sizeof b->knock_out,
                 "the bidder's country has no procurement agreement with the EU "
                 "(preference: exclude-not-covered)");
    else if (!b->has_price && a->method != ASSESS_AWARD_WEIGHTED)
        snprintf(b->knock_out, sizeof b->knock_out, "no price");
    else if (!b->has_price && a->price_weight > 0)
        snprintf(b->knock_out, sizeof b->knock_out, "no price");
    else if (b->has_price && b->price <= 0 &&
             (a->method == ASSESS_AWARD_VFM ||
              (a->method == ASSESS_AWARD_WEIGHTED && a->price_scoring != ASSESS_PRICE_ABSOLUTE &&
               a->price_scoring != ASSESS_PRICE_LINEAR)))
        snprintf(b->knock_out, sizeof b->knock_out,
                 "a price of %.2f cannot be scored by this method", b->price);
    else if (a->has_ceiling && b->price > a->price_ceiling)
        snprintf(b->knock_out, sizeof b->knock_out,
                 "price %.2f above the ceiling %.2f", b->price, a->price_ceiling);
    else {
        for (size_t k = 0; k < a->n_criteria; k++)
            if (isnan(b->crit[k])) {
                snprintf(b->knock_out, sizeof b->knock_out, "no score on %s",
                         a->criteria[k].id);
                return;
            }
        if (a->has_min_quality && b->quality < a->min_quality) {
            snprintf(b->knock_out, sizeof b->knock_out,
                     "quality %.2f below the minimum %.2f", b->quality, a->min_quality);
            return;
        }
        b->eligible = 1;
    }
}

void assess_award_rank(const assess_award *a, award_bid *bids, size_t n)
{
    long qw = 0;
    for (size_t k = 0; k < a->n_criteria; k++)
        qw += a->criteria[k].weight;
    for (size_t i = 0; i < n; i++) {
        award_bid *b = &bids[i];
        double q = 0;
        for (size_t k = 0; k < a->n_criteria; k++) {
            double c = isnan(b->crit[k]) ? 0 : b->crit[k];
            if (a->round_criteria) /* the published stage: each score first */
                c = assess_award_round(c, a->decimals, a->half_even);
            q += a->criteria[k].weight * c;
        }
        b->quality = qw ? q / (double)qw : 0;
        b->knock_out[0] = b->tie_break[0] = '\0';
        b->rank = 0;
        knock_outs(a, b);
        b->price_score = b->total = b->total_rounded = NAN;
        const assess_preference *pf = pref(a, ASSESS_PREF_PRICE_FACTOR);
        /* a price factor for non-preferred bidders: only the evaluation
           changes, never the contract price */
        b->evaluated_price = pf && b->category >= pf->against
                                 ? b->price * (1 + pf->value)
                                 : b->price;
    }
    /* reference prices per lot, over the eligible bids only */
    for (size_t i = 0; i < n; i++) {
        award_bid *b = &bids[i];
        if (!b->eligible)
            continue;
        double pmin = INFINITY, pmax = -INFINITY, p = b->evaluated_price;
        for (size_t j = 0; j < n; j++)
            if (bids[j].eligible && bids[j].lot == b->lot) {
                pmin = fmin(pmin, bids[j].evaluated_price);
                pmax = fmax(pmax, bids[j].evaluated_price);
            }
        double ps = NAN;
        switch (a->price_scoring) {
        case ASSESS_PRICE_ABSOLUTE:
            ps = fmin(1, fmax(0, (a->bound_max - p) / (a->bound_max - a->bound_min)));
            break;
        case ASSESS_PRICE_LOWEST:
            ps = p > 0 ? pmin / p : 1;
            break;
        case ASSESS_PRICE_LINEAR:
            ps = pmax > pmin ? (pmax - p) / (pmax - pmin) : 1;
            break;
        case ASSESS_PRICE_LOG:
            ps = pmin > 0 && p > 0 ? 1 - log(p / pmin) / log(a->log_base) : 1;
            break;
        }
        /* stage "criterion": the published rule rounds each score first */
        int rc = a->round_criteria;
#define STAGE(x) (rc ? assess_award_round((x), a->decimals, a->half_even) : (x))
        switch (a->method) {
        case ASSESS_AWARD_WEIGHTED: {
            b->price_score = STAGE(ps * 100.0);
            double t = a->price_weight * b->price_score / 100.0;
            for (size_t k = 0; k < a->n_criteria; k++)
                t += a->criteria[k].weight * STAGE(b->crit[k]) / 100.0;
            b->total = t;
            break;
        }
        case ASSESS_AWARD_VFM:
            b->total = p > 0 ? b->quality / p : 0;
            break;
        case ASSESS_AWARD_MONETISED: {
            double f = p;
            for (size_t k = 0; k < a->n_criteria; k++)
                f -= a->criteria[k].value * STAGE(b->crit[k]) / 100.0;
            b->total = f;
            break;
        }
        }
#undef STAGE
        const assess_preference *sa = pref(a, ASSESS_PREF_SCORE_ADJUSTMENT);
        if (sa && b->category < sa->against) /* preferred: points added */
            b->total += sa->value;
        b->total_rounded = assess_award_round(b->total, a->decimals, a->half_even);
    }
    /* order per lot, then ranks: equal only when the published rules leave a
       tie, which is then named "unresolved" */
    size_t *ord = malloc((n ? n : 1) * sizeof *ord);
    size_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!ord || !tmp) {
        free(ord);
        free(tmp);
        return;
    }
    for (size_t i = 0; i < n; i++)
        ord[i] = i;
    sort_bids(a, bids, ord, tmp, n);
    free(tmp);
    long rank = 0;
    for (size_t k = 0; k < n; k++) {
        award_bid *b = &bids[ord[k]];
        if (!b->eligible)
            continue;
        award_bid *prev = k > 0 ? &bids[ord[k - 1]] : NULL;
        if (!prev || prev->lot != b->lot || !prev->eligible)
            rank = 0;
        rank++;
        b->rank = rank;
        if (prev && prev->lot == b->lot && prev->eligible &&
            figure(a, prev) == figure(a, b)) {
            const char *rule;
            compare(a, prev, b, &rule);
            snprintf(prev->tie_break, sizeof prev->tie_break, "%s", rule ? rule : "");
            snprintf(b->tie_break, sizeof b->tie_break, "%s", rule ? rule : "");
            if (rule && !strcmp(rule, "unresolved"))
                b->rank = prev->rank; /* a true tie: they share the rank */
        }
    }
    free(ord);
    /* tie band: the best preferred bid within the band of a winner the
       preference works against goes first */
    const assess_preference *band = pref(a, ASSESS_PREF_TIE_BAND);
    for (size_t w = 0; band && w < n; w++) {
        award_bid *win = &bids[w];
        if (win->rank != 1 || win->category < band->against)
            continue;
        long best = -1;
        for (size_t j = 0; j < n; j++) {
            const award_bid *e = &bids[j];
            if (e->lot != win->lot || !e->eligible || e->category >= band->against ||
                fabs(figure(a, win) - figure(a, e)) > band->value * fabs(figure(a, win)))
                continue;
            const char *rule;
            if (best < 0 || e->rank < bids[best].rank ||
                (e->rank == bids[best].rank && compare(a, e, &bids[best], &rule) < 0))
                best = (long)j;
        }
        if (best < 0)
            continue;
        long r0 = bids[best].rank;
        for (size_t j = 0; j < n; j++)
            if ((long)j != best && bids[j].lot == win->lot && bids[j].eligible &&
                bids[j].rank <= r0) {
                bids[j].rank++;
                snprintf(bids[j].tie_break, sizeof bids[j].tie_break, "preference band");
            }
        bids[best].rank = 1;
        snprintf(bids[best].tie_break, sizeof bids[best].tie_break, "preference band");
    }
}

/* ---- diagnostics ----------------------------------------------------------- */

static long winner_of(const award_bid *bids, size_t n, long lot)
{
    for (size_t i = 0; i < n; i++)
        if (bids[i].lot == lot && bids[i].eligible && bids[i].rank == 1)
            return (long)i;
    return -1;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* The winner of a lot under other weights (weighted method only): the
   totals are linear in the weights, so no ranking is needed. */
static long winner_with(const assess_award *a, const award_bid *bids, size_t n,
                        long lot, const double *w /* [price, criteria...] */)
{
    long best = -1;
    double bt = 0;
    for (size_t i = 0; i < n; i++) {
        const award_bid *b = &bids[i];
        if (b->lot != lot || !b->eligible)
            continue;
        double t = w[0] * b->price_score / 100.0;
        for (size_t k = 0; k < a->n_criteria; k++)
            t += w[k + 1] * b->crit[k] / 100.0;
        if (best < 0 || t > bt)
            best = (long)i, bt = t;
    }
    return best;
}

void assess_award_diagnose(const assess_award *a, award_bid *bids, size_t n,
                           award_lot_diag *diag, size_t n_lots)
{
    for (size_t i = 0; i < n; i++) {
        bids[i].without_winner = -1;
        bids[i].abnormally_low = 0;
    }
    double *prices = malloc((n ? n : 1) * sizeof *prices);
    award_bid *copy = malloc((n ? n : 1) * sizeof *copy);
    for (size_t l = 0; l < n_lots && prices && copy; l++) {
        award_lot_diag *dg = &diag[l];
        memset(dg, 0, sizeof *dg);
        dg->lot = (long)l;
        dg->winner = winner_of(bids, n, (long)l);
        dg->stable = 1;
        /* abnormally low: below the fraction of the lot's median price */
        size_t np = 0;
        for (size_t i = 0; i < n; i++)
            if (bids[i].lot == (long)l && bids[i].has_price && !bids[i].gate_failed)
                prices[np++] = bids[i].price;
        if (np) {
            qsort(prices, np, sizeof *prices, cmp_double);
            double median = np % 2 ? prices[np / 2]
                                   : (prices[np / 2 - 1] + prices[np / 2]) / 2;
            for (size_t i = 0; i < n; i++)
                if (bids[i].lot == (long)l && bids[i].has_price &&
                    bids[i].price < a->abnormally_low * median)
                    bids[i].abnormally_low = 1;
        }
        dg->without_preference = dg->without_uav = dg->winner;
        if (dg->winner < 0)
            continue;
        /* preference decisiveness: the same bids without any preference */
        if (a->n_preference) {
            assess_award plain = *a;
            plain.n_preference = 0;
            memcpy(copy, bids, n * sizeof *copy);
            assess_award_rank(&plain, copy, n);
            dg->without_preference = winner_of(copy, n, (long)l);
        }
        /* union added value: the same without its weight */
        for (size_t k = 0; k < a->n_criteria; k++)
            if (!strcmp(a->criteria[k].id, "union-added-value")) {
                assess_award_criterion *cs = malloc(a->n_criteria * sizeof *cs);
                if (!cs)
                    break;
                memcpy(cs, a->criteria, a->n_criteria * sizeof *cs);
                cs[k].weight = 0;
                cs[k].value = 0;
                assess_award plain = *a;
                plain.criteria = cs;
                memcpy(copy, bids, n * sizeof *copy);
                assess_award_rank(&plain, copy, n);
                dg->without_uav = winner_of(copy, n, (long)l);
                free(cs);
            }
        /* rank stability: remove each other eligible bid and rank again */
        for (size_t x = 0; x < n; x++) {
            if (bids[x].lot != (long)l || !bids[x].eligible || (long)x == dg->winner)
                continue;
            memcpy(copy, bids, n * sizeof *copy);
            copy[x].gate_failed = 1; /* out of every reference set */
            assess_award_rank(a, copy, n);
            long w = winner_of(copy, n, (long)l);
            if (w != dg->winner) {
                bids[x].without_winner = w;
                dg->stable = 0;
            }
        }
        /* weight sensitivity (weighted points): move one weight by d points,
           scale the others to keep 100 */
        if (a->method != ASSESS_AWARD_WEIGHTED)
            continue;
        size_t nw = a->n_criteria + 1;
        double *w = malloc(nw * sizeof *w), *base = malloc(nw * sizeof *base);
        if (!w || !base) {
            free(w);
            free(base);
            continue;
        }
        base[0] = a->price_weight;
        for (size_t k = 0; k < a->n_criteria; k++)
            base[k + 1] = a->criteria[k].weight;
        /* compared with the same simple weighing at the published weights,
           so that adjustments, bands and tie-breaks do not count as a
           change of weight */
        long baseline = winner_with(a, bids, n, (long)l, base);
        for (int dpts = 1; dpts <= 100 && !dg->sensitivity; dpts++)
            for (size_t j = 0; j < nw && !dg->sensitivity; j++)
                for (int sign = -1; sign <= 1 && !dg->sensitivity; sign += 2) {
                    double nj = base[j] + sign * dpts;
                    if (nj < 0 || nj > 100 || base[j] >= 100)
                        continue;
                    double f = (100 - nj) / (100 - base[j]);
                    for (size_t k = 0; k < nw; k++)
                        w[k] = k == j ? nj : base[k] * f;
                    if (winner_with(a, bids, n, (long)l, w) != baseline) {
                        dg->sensitivity = dpts;
                        snprintf(dg->sensitive_to, sizeof dg->sensitive_to, "%s %s",
                                 j ? a->criteria[j - 1].id : "price",
                                 sign > 0 ? "up" : "down");
                    }
                }
        free(w);
        free(base);
    }
    free(prices);
    free(copy);
}
