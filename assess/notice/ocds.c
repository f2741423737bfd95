/*
 * ocds.c - the OCDS reader: Open Contracting Data Standard 1.1 JSON (core
 * plus the extensions of the eForms profile: lots, award criteria
 * breakdown, bids statistics, beneficial owners, techniques) into
 * assess_notice, one notice per release.
 *
 * Containers. A release package (`releases` array): every release is a
 * notice at `$.releases[i]`. A record package (`records` array): per record
 * its `compiledRelease` (`$.records[i].compiledRelease`), else each embedded
 * release (`$.records[i].releases[j]`); a linked release (`url` without an
 * `id`) cannot be read and is an error of that record. A bare release (an
 * object with `ocid`, `id` and `tag`): one notice, `where` as given. Any
 * other JSON value: ASSESS_ERR_INVALID. When the dispatcher passes `where`
 * ("line 3" for JSON lines) it prefixes every path: "line 3 $.releases[0]".
 *
 * Bad data. Every member may be missing, null or of any type. A member of
 * the wrong type gets an ASSESS_ERR_INVALID diagnostic with its JSON path
 * and is skipped; the rest of the release is still read and delivered. A
 * release without `id` or `ocid` (its identity) is not delivered. The
 * other releases of a package are read whatever happens to one of them;
 * the status is the first error.
 *
 * Mapping (release = the release object, tender = release.tender):
 *
 * | notice field        | OCDS source                                         |
 * |---------------------|-----------------------------------------------------|
 * | format_version      | package `version`; NULL for a bare release          |
 * | id                  | release `id` (string or integer)                    |
 * | publication_number  | NULL: the eForms profile discards OPP-010 (the OJ S |
 * |                     | number), no OCDS field holds it                     |
 * | procedure_id        | `ocid`                                              |
 * | notice_type         | `tag[]` joined with "+" (empty tags left out)       |
 * | form_type           | the latest stage among the tags: planning,          |
 * |                     | planningUpdate -> planning; tender,                 |
 * |                     | tenderAmendment, tenderUpdate,                      |
 * |                     | tenderCancellation -> competition; award,           |
 * |                     | awardUpdate, awardCancellation, contract,           |
 * |                     | contractUpdate -> result; contractAmendment ->      |
 * |                     | cont-modif; implementation, implementationUpdate,   |
 * |                     | contractTermination -> completion. `compiled`, no   |
 * |                     | tag or no known tag: awards[] non-empty -> result,  |
 * |                     | else a tender -> competition, else planning         |
 * | publication_date    | `date` (YYYY-MM-DD)                                 |
 * | language            | `language`, lower case                              |
 * | changes             | `amendsReleaseID` of the amendment (tender, awards, |
 * |                     | contracts) whose `releaseID` is this release's id   |
 * | buyers              | `buyer` {id -> parties[], else its name}, then      |
 * |                     | every party with role "buyer", each party once      |
 * | party name          | `name`, else `identifier.legalName`                 |
 * | party country       | `address.country` (eForms profile, alpha-2), else   |
 * |                     | `address.countryName` (core, English name)          |
 * | title, description  | tender.title, tender.description                    |
 * | nature              | tender.mainProcurementCategory: goods -> supplies,  |
 * |                     | works, services (also consultingServices)           |
 * | cpv_main            | the first classification with scheme "CPV" (any     |
 * |                     | case) of tender.items[], else of planning.items[],  |
 * |                     | else of awards[].items[], else of                   |
 * |                     | contracts[].items[]; the first source holding any   |
 * |                     | CPV code counts. No CPV classification but CPV      |
 * |                     | additionalClassifications: the first of those       |
 * | cpv_additional      | every other CPV code of that source's items         |
 * |                     | (classification and additionalClassifications)      |
 * | CPV code            | "-d" check digit removed; "45233130.0" (spreadsheet |
 * |                     | residue in the OCDS samples) read as 45233130; an   |
 * |                     | integer of at most 8 digits zero-padded             |
 * | procedure_type      | tender.procurementMethod: open -> open, selective   |
 * |                     | -> restricted, limited, direct -> neg-wo-call       |
 * | direct_award        | tender.procurementMethodRationaleClassifications[]  |
 * |                     | with scheme eu-direct-award-justification: `id`     |
 * | direct_award_text   | tender.procurementMethodRationale when the method   |
 * |                     | is limited or direct                                |
 * | estimated           | tender.value {amount, currency}; amount a number,   |
 * |                     | or a decimal text read leniently (nt_amount);       |
 * |                     | currency upper-cased. Same for every value below    |
 * | lots                | tender.lots[]; none: one lot with id NULL when the  |
 * |                     | release has a tender or awards, holding the         |
 * |                     | tender-level values                                 |
 * | lot id/title/desc.  | lots[].id, .title, .description                     |
 * | lot cpv             | tender.items[] with `relatedLot` = the lot id, as   |
 * |                     | above; none: the notice's                           |
 * | lot estimated       | lots[].value; the one lot of a release without      |
 * |                     | tender.lots: tender.value                           |
 * | lot criteria        | lots[].awardCriteria.criteria[] {type (price, cost, |
 * |                     | quality), name, description, the first numbers[]    |
 * |                     | entry with `weight`: number -> weight, weight code  |
 * |                     | -> eForms number-weight code (percentageExact ->    |
 * |                     | per-exa ...)}; none: tender.awardCriteria when it   |
 * |                     | is such an object                                   |
 * | lot criteria_basis  | from the criteria; without criteria from the core   |
 * |                     | code tender.awardCriteria: priceOnly, lowestCost    |
 * |                     | (1.0: the lowest price wins) -> price; costOnly ->  |
 * |                     | cost; qualityOnly -> quality; ratedCriteria,        |
 * |                     | bestProposal, bestValueToGovernment (price and      |
 * |                     | other factors) -> mixed; singleBidOnly and others   |
 * |                     | -> NULL                                             |
 * | tenders_received    | bids.statistics[] with measure "bids" (else         |
 * |                     | "validBids") and relatedLot/relatedLots naming the  |
 * |                     | lot; the one lot of a release without tender.lots:  |
 * |                     | tender.numberOfTenderers, else such a statistic     |
 * |                     | without a lot; a single lot of tender.lots also     |
 * |                     | takes tender.numberOfTenderers                      |
 * | duration_months     | contractPeriod.durationInDays, else the days from   |
 * |                     | startDate to endDate, the end day included          |
 * |                     | (months of 365.25/12 days); the lot's, else         |
 * |                     | tender.contractPeriod                               |
 * | renewal             | lots[].hasRenewal; else renewal.maximumRenewals >0  |
 * | max_renewals        | lots[].renewal.maximumRenewals                      |
 * | framework_agreement | lots[].techniques.hasFrameworkAgreement, else       |
 * |                     | tender.techniques.hasFrameworkAgreement             |
 * | lot result, awards  | awards[] to the lots in `relatedLots` (a lot id     |
 * |                     | that tender.lots lacks gets a lot of its own); no   |
 * |                     | relatedLots: the only lot, else a lot with id NULL. |
 * |                     | Without tender.lots every award goes to the one     |
 * |                     | lot. status "unsuccessful" -> result no-winner      |
 * |                     | unless another award won; "cancelled" -> ignored;   |
 * |                     | any other status (or none) -> awarded with an       |
 * |                     | award {id, winners, value, date}                    |
 * | winners             | awards[].suppliers[] -> parties[] by id (name,      |
 * |                     | country as above), else the reference's name        |
 * | ubo                 | party beneficialOwners[].nationalities[], or the    |
 * |                     | older singular `nationality`, as alpha-2            |
 * | award value         | awards[].value                                      |
 * | award date          | awards[].date, else the dateSigned of the first     |
 * |                     | contract whose awardID is the award's id            |
 * | text                | tender title, description, procurementMethodDetails |
 * |                     | procurementMethodRationale, awardCriteriaDetails,   |
 * |                     | eligibilityCriteria, items' descriptions;           |
 * |                     | planning.rationale; lots' title, description,       |
 * |                     | renewal and criteria texts; awards' and contracts'  |
 * |                     | title and description                               |
 *
 * Identifiers (release, lot, party, award ids, relatedLot(s), awardID) may
 * be strings or integers, as OCDS 1.1 allows; empty strings count as absent.
 *
 * Lookups of parties by id use a sorted index (the first party of an id
 * wins); lots are found by id with a linear search, which is ample for
 * the few lots real notices hold (at most ASSESS_MAX_NOTICE_LOTS).
 */
#define _POSIX_C_SOURCE 200809L
#include "notice/notice_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- one run over one JSON value --------------------------------------- */

typedef struct oc_run {
    const assess_registry *reg;
    const char *name;    /* the input, for diagnostics */
    const char *where;   /* prefix of every path, or NULL */
    const char *version; /* package `version`, borrowed from the tree */
    assess_notice_fn fn;
    void *ctx;
    assess_diags *d;
    assess_status first; /* first error */
    int stop;            /* the callback asked to stop, or no memory */
} oc_run;

/* A party of parties[], read once. */
typedef struct oc_party {
    const char *id;
    const char *name;
    char country[3];
    const char **ubo;
    size_t n_ubo;
    int buyer;    /* roles holds "buyer" */
    size_t index; /* position in parties[] */
} oc_party;

/* A CPV code of an item; `source` 0 tender, 1 planning, 2 awards,
   3 contracts; `main` when it is the item's classification. */
typedef struct oc_cpv {
    const char *code;
    const char *lot;
    int source;
    int main;
} oc_cpv;

/* A bids statistic. */
typedef struct oc_stat {
    const char *measure;
    double value;
    const char **lots;
    size_t n_lots;
} oc_stat;

/* A contract: what an award needs from it. */
typedef struct oc_contract {
    const char *award_id;
    const char *date_signed;
    const char *title, *description; /* for the text, after the awards */
} oc_contract;

/* Tender-level values that lots take when they give none. */
typedef struct oc_tender {
    assess_amount value;
    const cJSON *criteria; /* tender.awardCriteria as an object */
    const char *basis;     /* from tender.awardCriteria as a code */
    long tenderers;
    int framework;
    double duration;
    int renewal;
    long max_renewals;
} oc_tender;

/* One release being read. */
typedef struct oc_rel {
    oc_run *run;
    nt_build b;
    const cJSON *rel;
    assess_jpath base; /* the release's path */
    assess_jpath path; /* the current path */
    int again;         /* a part read a second time: no diagnostics and
                          nothing more for the text */
    oc_party *parties;
    size_t n_parties;
    oc_party **byid; /* parties with an id, sorted by id then index */
    size_t n_byid;
    oc_cpv *cpvs;
    size_t n_cpvs;
    oc_stat *stats;
    size_t n_stats;
    oc_contract *contracts;
    size_t n_contracts;
    oc_tender t;
    size_t n_explicit; /* lots from tender.lots */
    int lot_limit;     /* the lot limit was reported */
    int t_criteria;    /* tender.awardCriteria was read (and reported) */
} oc_rel;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 0)))
#endif
static void run_vdiag(oc_run *u, assess_status st, const char *path,
                      const char *fmt, va_list ap)
{
    char *msg = assess_vprintf(fmt, ap);
    char *full = NULL;
    if (u->where && path)
        full = assess_printf("%s %s", u->where, path);
    assess_diags_add(u->d, msg ? st : ASSESS_ERR_NOMEM, u->name,
                     full ? full : path ? path : u->where, "%s",
                     msg ? msg : "out of memory");
    free(full);
    free(msg);
    if (u->first == ASSESS_OK)
        u->first = msg ? st : ASSESS_ERR_NOMEM;
}

static void run_diag(oc_run *u, assess_status st, const char *path,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void run_diag(oc_run *u, assess_status st, const char *path,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    run_vdiag(u, st, path, fmt, ap);
    va_end(ap);
}

/* A diagnostic at the current path plus `key` (may be NULL). */
static void oc_bad(oc_rel *r, const char *key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void oc_bad(oc_rel *r, const char *key, const char *fmt, ...)
{
    if (r->again)
        return;
    size_t old = key ? assess_jpath_key(&r->path, key) : r->path.len;
    va_list ap;
    va_start(ap, fmt);
    run_vdiag(r->run, ASSESS_ERR_INVALID, r->path.buf, fmt, ap);
    va_end(ap);
    assess_jpath_pop(&r->path, old);
}

#define T_OBJ cJSON_Object
#define T_ARR cJSON_Array
#define T_STR cJSON_String
#define T_NUM cJSON_Number
#define T_BOOL (cJSON_True | cJSON_False)

static const char *want_name(int mask)
{
    switch (mask) {
    case T_OBJ:
        return "an object";
    case T_ARR:
        return "an array";
    case T_STR:
        return "a string";
    case T_NUM:
        return "a number";
    case T_BOOL:
        return "a boolean";
    case T_STR | T_NUM:
        return "a string or a number";
    case T_STR | T_OBJ:
        return "a string or an object";
    }
    return "another type";
}

/* Member `key` of `obj` when of a type in `mask`; NULL when missing or
   null, and with a diagnostic when of another type. */
static const cJSON *oc_get(oc_rel *r, const cJSON *obj, const char *key,
                           int mask)
{
    const cJSON *v =
        cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
    if (!v || cJSON_IsNull(v))
        return NULL;
    if ((v->type & 0xFF) & mask)
        return v;
    oc_bad(r, key, "expected %s, found %s; ignored", want_name(mask),
           assess_json_type_name(v));
    return NULL;
}

/* An identifier: a string, or an integer as OCDS 1.1 allows. */
static const char *id_text(nt_build *b, const cJSON *v)
{
    if (cJSON_IsString(v))
        return nt_str(b, v->valuestring);
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
        char buf[40];
        double x = v->valuedouble;
        if (x == floor(x) && fabs(x) < 1e15)
            snprintf(buf, sizeof buf, "%.0f", x);
        else
            snprintf(buf, sizeof buf, "%.17g", x);
        return nt_str(b, buf);
    }
    return NULL;
}

static const char *oc_str(oc_rel *r, const cJSON *obj, const char *key)
{
    const cJSON *v = oc_get(r, obj, key, T_STR);
    return v ? nt_str(&r->b, v->valuestring) : NULL;
}

static const char *oc_id(oc_rel *r, const cJSON *obj, const char *key)
{
    return id_text(&r->b, oc_get(r, obj, key, T_STR | T_NUM));
}

/* -1 missing, 0 false, 1 true */
static int oc_bool(oc_rel *r, const cJSON *obj, const char *key)
{
    const cJSON *v = oc_get(r, obj, key, T_BOOL);
    return v ? cJSON_IsTrue(v) : -1;
}

/* A non-negative whole count, -1 when missing or not one. */
static long oc_count(oc_rel *r, const cJSON *obj, const char *key)
{
    const cJSON *v = oc_get(r, obj, key, T_NUM);
    if (!v)
        return -1;
    double x = v->valuedouble;
    if (x < 0 || x != floor(x) || x > 1e15) {
        oc_bad(r, key, "expected a whole number of at least 0, found %g; "
                       "ignored",
               x);
        return -1;
    }
    return (long)x;
}

/* An element of an array that must be an object; a diagnostic otherwise.
   r->path is the array's. */
static int oc_elem_obj(oc_rel *r, const cJSON *v, size_t i, const char *what)
{
    if (cJSON_IsObject(v))
        return 1;
    size_t old = assess_jpath_index(&r->path, i);
    oc_bad(r, NULL, "%s is %s, not an object; skipped", what, assess_json_type_name(v));
    assess_jpath_pop(&r->path, old);
    return 0;
}

/* An {amount, currency} object: the amount a number (or a decimal text). */
static void oc_amount(oc_rel *r, const cJSON *obj, const char *key,
                      assess_amount *a)
{
    const cJSON *v = oc_get(r, obj, key, T_OBJ);
    if (!v)
        return;
    size_t old = assess_jpath_key(&r->path, key);
    const cJSON *amount = oc_get(r, v, "amount", T_NUM | T_STR);
    const char *currency = oc_str(r, v, "currency");
    if (cJSON_IsNumber(amount)) {
        if (amount->valuedouble >= 0) {
            a->value = amount->valuedouble;
            a->currency[0] = '\0';
            if (currency && strlen(currency) == 3) {
                for (int i = 0; i < 3; i++)
                    a->currency[i] = (char)toupper((unsigned char)currency[i]);
                a->currency[3] = '\0';
            }
        }
    } else if (amount) {
        nt_amount(&r->b, a, amount->valuestring, currency);
    }
    assess_jpath_pop(&r->path, old);
}

/* ---- dates and periods ------------------------------------------------- */

/* Months of a period object `key` of obj; -1 when not given. */
static double oc_duration(oc_rel *r, const cJSON *obj, const char *key)
{
    const cJSON *p = oc_get(r, obj, key, T_OBJ);
    if (!p)
        return -1;
    size_t old = assess_jpath_key(&r->path, key);
    double months = -1;
    const cJSON *days = oc_get(r, p, "durationInDays", T_NUM);
    const char *start = nt_date(&r->b, oc_str(r, p, "startDate"));
    const char *end = nt_date(&r->b, oc_str(r, p, "endDate"));
    if (days && days->valuedouble >= 0)
        months = nt_months(days->valuedouble, "DAY");
    else
        months = nt_months_between(start, end);
    assess_jpath_pop(&r->path, old);
    return months;
}

/* ---- parties ----------------------------------------------------------- */

static void read_party(oc_rel *r, const cJSON *item, oc_party *p)
{
    p->id = oc_id(r, item, "id");
    p->name = oc_str(r, item, "name");
    const cJSON *ident = oc_get(r, item, "identifier", T_OBJ);
    if (ident && !p->name) {
        size_t old = assess_jpath_key(&r->path, "identifier");
        p->name = oc_str(r, ident, "legalName");
        assess_jpath_pop(&r->path, old);
    }
    const cJSON *addr = oc_get(r, item, "address", T_OBJ);
    if (addr) {
        size_t old = assess_jpath_key(&r->path, "address");
        const char *code = oc_str(r, addr, "country");
        const char *cname = oc_str(r, addr, "countryName");
        if (!nt_country(&r->b, p->country, code))
            nt_country(&r->b, p->country, cname);
        assess_jpath_pop(&r->path, old);
    }
    const cJSON *roles = oc_get(r, item, "roles", T_ARR);
    if (roles) {
        size_t old = assess_jpath_key(&r->path, "roles");
        size_t i = 0;
        for (const cJSON *v = roles->child; v; v = v->next, i++) {
            if (cJSON_IsString(v)) {
                p->buyer |= strcmp(v->valuestring, "buyer") == 0;
            } else {
                size_t o2 = assess_jpath_index(&r->path, i);
                oc_bad(r, NULL, "role is %s, not a string; ignored",
                       assess_json_type_name(v));
                assess_jpath_pop(&r->path, o2);
            }
        }
        assess_jpath_pop(&r->path, old);
    }
    const cJSON *owners = oc_get(r, item, "beneficialOwners", T_ARR);
    if (owners) {
        size_t old = assess_jpath_key(&r->path, "beneficialOwners");
        size_t i = 0;
        for (const cJSON *o = owners->child; o; o = o->next, i++) {
            if (!oc_elem_obj(r, o, i, "beneficial owner"))
                continue;
            size_t o2 = assess_jpath_index(&r->path, i);
            char c[3];
            const cJSON *nats = oc_get(r, o, "nationalities", T_ARR);
            if (nats) {
                size_t o3 = assess_jpath_key(&r->path, "nationalities");
                size_t k = 0;
                for (const cJSON *n = nats->child; n; n = n->next, k++) {
                    if (!cJSON_IsString(n)) {
                        size_t o4 = assess_jpath_index(&r->path, k);
                        oc_bad(r, NULL, "nationality is %s, not a string; "
                                        "ignored",
                               assess_json_type_name(n));
                        assess_jpath_pop(&r->path, o4);
                    } else if (nt_country(&r->b, c, n->valuestring)) {
                        nt_push_str(&r->b, &p->ubo, &p->n_ubo,
                                    nt_str(&r->b, c));
                    }
                }
                assess_jpath_pop(&r->path, o3);
            }
            const char *one = oc_str(r, o, "nationality");
            if (one && nt_country(&r->b, c, one))
                nt_push_str(&r->b, &p->ubo, &p->n_ubo, nt_str(&r->b, c));
            assess_jpath_pop(&r->path, o2);
        }
        assess_jpath_pop(&r->path, old);
    }
}

static int party_cmp(const void *a, const void *b)
{
    const oc_party *x = *(const oc_party *const *)a;
    const oc_party *y = *(const oc_party *const *)b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void read_parties(oc_rel *r)
{
    const cJSON *arr = oc_get(r, r->rel, "parties", T_ARR);
    if (!arr)
        return;
    size_t n = (size_t)cJSON_GetArraySize(arr);
    if (!n)
        return;
    r->parties = nt_alloc(&r->b, n * sizeof *r->parties);
    r->byid = nt_alloc(&r->b, n * sizeof *r->byid);
    if (!r->parties || !r->byid)
        return;
    size_t old = assess_jpath_key(&r->path, "parties");
    size_t i = 0;
    for (const cJSON *v = arr->child; v; v = v->next, i++) {
        if (!oc_elem_obj(r, v, i, "party"))
            continue;
        oc_party *p = &r->parties[r->n_parties++];
        p->index = i;
        size_t o2 = assess_jpath_index(&r->path, i);
        read_party(r, v, p);
        assess_jpath_pop(&r->path, o2);
        if (p->id)
            r->byid[r->n_byid++] = p;
    }
    assess_jpath_pop(&r->path, old);
    qsort(r->byid, r->n_byid, sizeof *r->byid, party_cmp);
}

/* The first party of that id, or NULL. */
static const oc_party *find_party(const oc_rel *r, const char *id)
{
    if (!id)
        return NULL;
    size_t lo = 0, hi = r->n_byid;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(r->byid[mid]->id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n_byid && strcmp(r->byid[lo]->id, id) == 0 ? r->byid[lo]
                                                               : NULL;
}

static void copy_party(assess_notice_party *to, const oc_party *from)
{
    to->name = from->name;
    memcpy(to->country, from->country, 3);
    to->ubo = from->ubo;
    to->n_ubo = from->n_ubo;
}

static void read_buyers(oc_rel *r)
{
    assess_notice *n = &r->b.n;
    const cJSON *ref = oc_get(r, r->rel, "buyer", T_OBJ);
    const char *ref_id = NULL;
    const oc_party *ref_party = NULL;
    if (ref) {
        size_t old = assess_jpath_key(&r->path, "buyer");
        ref_id = oc_id(r, ref, "id");
        const char *ref_name = oc_str(r, ref, "name");
        assess_jpath_pop(&r->path, old);
        ref_party = find_party(r, ref_id);
        if (ref_party || ref_name) {
            assess_notice_party *p = nt_party(&r->b, &n->buyers, &n->n_buyers);
            if (p && ref_party)
                copy_party(p, ref_party);
            if (p && !p->name)
                p->name = ref_name;
        }
    }
    /* every party with role buyer, each once (by id) */
    for (size_t i = 0; i < r->n_parties; i++) {
        const oc_party *q = &r->parties[i];
        if (!q->buyer || q == ref_party)
            continue;
        int seen = q->id && ref_id && strcmp(q->id, ref_id) == 0;
        for (size_t k = 0; k < i && !seen && q->id; k++)
            seen = r->parties[k].buyer && r->parties[k].id &&
                   strcmp(r->parties[k].id, q->id) == 0;
        if (seen)
            continue;
        assess_notice_party *p = nt_party(&r->b, &n->buyers, &n->n_buyers);
        if (p)
            copy_party(p, q);
    }
}

/* ---- CPV codes --------------------------------------------------------- */

static const char *cpv_code(nt_build *b, const cJSON *v)
{
    if (cJSON_IsNumber(v)) {
        double x = v->valuedouble;
        char buf[16];
        if (x < 0 || x >= 1e8 || x != floor(x))
            return NULL;
        snprintf(buf, sizeof buf, "%08.0f", x);
        return nt_cpv(b, buf);
    }
    if (!cJSON_IsString(v))
        return NULL;
    const char *s = v->valuestring;
    const char *code = nt_cpv(b, s);
    if (code)
        return code;
    /* "45233130.0": a code that went through a spreadsheet as a number */
    while (*s == ' ')
        s++;
    size_t digits = strspn(s, "0123456789");
    if (digits == 8 && s[8] == '.' && s[9] == '0' &&
        s[9 + strspn(s + 9, "0")] == '\0') {
        char buf[9];
        memcpy(buf, s, 8);
        buf[8] = '\0';
        return nt_cpv(b, buf);
    }
    return NULL;
}

static void add_cpv(oc_rel *r, const cJSON *cls, const char *lot, int source,
                    int main)
{
    const char *scheme = oc_str(r, cls, "scheme");
    const cJSON *id = oc_get(r, cls, "id", T_STR | T_NUM);
    if (!scheme || strcasecmp(scheme, "CPV") != 0)
        return;
    const char *code = cpv_code(&r->b, id);
    if (!code)
        return;
    oc_cpv *c = nt_push(&r->b, &r->cpvs, &r->n_cpvs, sizeof *r->cpvs);
    if (c) {
        c->code = code;
        c->lot = lot;
        c->source = source;
        c->main = main;
    }
}

/* The items array `key` of obj: their CPV codes into r->cpvs; the tender's
   item descriptions into the text. */
static void collect_items(oc_rel *r, const cJSON *obj, const char *key,
                          int source)
{
    const cJSON *items = oc_get(r, obj, key, T_ARR);
    if (!items)
        return;
    size_t old = assess_jpath_key(&r->path, key);
    size_t i = 0;
    for (const cJSON *it = items->child; it; it = it->next, i++) {
        if (!oc_elem_obj(r, it, i, "item"))
            continue;
        size_t o2 = assess_jpath_index(&r->path, i);
        const char *lot = oc_id(r, it, "relatedLot");
        const char *desc = oc_str(r, it, "description");
        if (source == 0)
            nt_text(&r->b, desc);
        const cJSON *cls = oc_get(r, it, "classification", T_OBJ);
        if (cls) {
            size_t o3 = assess_jpath_key(&r->path, "classification");
            add_cpv(r, cls, lot, source, 1);
            assess_jpath_pop(&r->path, o3);
        }
        const cJSON *more = oc_get(r, it, "additionalClassifications", T_ARR);
        if (more) {
            size_t o3 = assess_jpath_key(&r->path, "additionalClassifications");
            size_t k = 0;
            for (const cJSON *c = more->child; c; c = c->next, k++) {
                if (!oc_elem_obj(r, c, k, "classification"))
                    continue;
                size_t o4 = assess_jpath_index(&r->path, k);
                add_cpv(r, c, lot, source, 0);
                assess_jpath_pop(&r->path, o4);
            }
            assess_jpath_pop(&r->path, o3);
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

static int cpv_match(const oc_cpv *c, int source, const char *lot)
{
    return c->source == source &&
           (!lot || (c->lot && strcmp(c->lot, lot) == 0));
}

/* Main and additional codes of `source` (of lot `lot` when not NULL);
   0 when there is none. */
static int cpv_set(oc_rel *r, int source, const char *lot, const char **main,
                   const char ***add, size_t *n_add)
{
    const char *m = NULL;
    for (size_t i = 0; i < r->n_cpvs && !m; i++)
        if (r->cpvs[i].main && cpv_match(&r->cpvs[i], source, lot))
            m = r->cpvs[i].code;
    for (size_t i = 0; i < r->n_cpvs && !m; i++)
        if (cpv_match(&r->cpvs[i], source, lot))
            m = r->cpvs[i].code;
    if (!m)
        return 0;
    *main = m;
    for (size_t i = 0; i < r->n_cpvs; i++)
        if (cpv_match(&r->cpvs[i], source, lot) &&
            strcmp(r->cpvs[i].code, m) != 0)
            nt_push_str(&r->b, add, n_add, r->cpvs[i].code);
    return 1;
}

/* The items of every element of the array `key` of the release. */
static void collect_nested_items(oc_rel *r, const char *key, int source)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(r->rel, key);
    if (!cJSON_IsArray(arr))
        return; /* its type is reported where it is read */
    size_t old = assess_jpath_key(&r->path, key);
    size_t i = 0;
    for (const cJSON *v = arr->child; v; v = v->next, i++) {
        if (!cJSON_IsObject(v))
            continue;
        size_t o2 = assess_jpath_index(&r->path, i);
        collect_items(r, v, "items", source);
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

/* ---- award criteria ---------------------------------------------------- */

static const char *const weight_codes[][2] = {
    {"decimalExact", "dec-exa"},
    {"decimalRangeMiddle", "dec-mid"},
    {"order", "ord-imp"},
    {"percentageExact", "per-exa"},
    {"percentageRangeMiddle", "per-mid"},
    {"pointsExact", "poi-exa"},
    {"pointsRangeMiddle", "poi-mid"},
};

/* awardCriteria object `ac` (r->path at it) into lot li's criteria. */
static void read_criteria(oc_rel *r, size_t li, const cJSON *ac)
{
    const char *about = oc_str(r, ac, "description");
    if (!r->again)
        nt_text(&r->b, about);
    const cJSON *list = oc_get(r, ac, "criteria", T_ARR);
    if (!list)
        return;
    size_t old = assess_jpath_key(&r->path, "criteria");
    size_t i = 0;
    for (const cJSON *c = list->child; c; c = c->next, i++) {
        if (!oc_elem_obj(r, c, i, "award criterion"))
            continue;
        size_t o2 = assess_jpath_index(&r->path, i);
        assess_notice_criterion *k = nt_criterion(&r->b, &r->b.n.lots[li]);
        const char *type = oc_str(r, c, "type");
        const char *name = oc_str(r, c, "name");
        const char *desc = oc_str(r, c, "description");
        if (!r->again) {
            nt_text(&r->b, name);
            nt_text(&r->b, desc);
        }
        const cJSON *nums = oc_get(r, c, "numbers", T_ARR);
        if (k) {
            if (type && (strcmp(type, "price") == 0 ||
                         strcmp(type, "cost") == 0 ||
                         strcmp(type, "quality") == 0))
                k->type = type;
            k->name = name;
            k->description = desc;
        }
        if (nums) {
            size_t o3 = assess_jpath_key(&r->path, "numbers");
            size_t j = 0;
            for (const cJSON *num = nums->child; num; num = num->next, j++) {
                if (!oc_elem_obj(r, num, j, "criterion number"))
                    continue;
                size_t o4 = assess_jpath_index(&r->path, j);
                const char *w = oc_str(r, num, "weight");
                const cJSON *x = oc_get(r, num, "number", T_NUM);
                assess_jpath_pop(&r->path, o4);
                if (!w || !k)
                    continue;
                if (x && x->valuedouble >= 0)
                    k->weight = x->valuedouble;
                for (size_t q = 0;
                     q < sizeof weight_codes / sizeof *weight_codes; q++)
                    if (strcmp(w, weight_codes[q][0]) == 0)
                        k->weight_kind = weight_codes[q][1];
                break; /* the first weighted number */
            }
            assess_jpath_pop(&r->path, o3);
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
    nt_criteria_basis(&r->b.n.lots[li]);
}

static const char *core_basis(const char *code)
{
    static const char *const map[][2] = {
        {"priceOnly", "price"},        {"lowestCost", "price"},
        {"costOnly", "cost"},          {"qualityOnly", "quality"},
        {"ratedCriteria", "mixed"},    {"bestProposal", "mixed"},
        {"bestValueToGovernment", "mixed"},
    };
    for (size_t i = 0; code && i < sizeof map / sizeof *map; i++)
        if (strcmp(code, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

/* ---- lots -------------------------------------------------------------- */

static long stat_tenders(const oc_rel *r, const char *lot)
{
    static const char *const measures[] = {"bids", "validBids"};
    for (int m = 0; m < 2; m++)
        for (size_t i = 0; i < r->n_stats; i++) {
            const oc_stat *s = &r->stats[i];
            if (!s->measure || strcmp(s->measure, measures[m]) != 0 ||
                s->value < 0)
                continue;
            int hit = !lot && s->n_lots == 0;
            for (size_t k = 0; lot && k < s->n_lots && !hit; k++)
                hit = strcmp(s->lots[k], lot) == 0;
            if (hit)
                return (long)s->value;
        }
    return -1;
}

/* A new lot; its index, or (size_t)-1 beyond the limit or on no memory. */
static size_t new_lot(oc_rel *r, const char *id)
{
    if (r->b.n.n_lots >= ASSESS_MAX_NOTICE_LOTS) {
        if (!r->lot_limit) {
            r->lot_limit = 1;
            run_diag(r->run, ASSESS_ERR_LIMIT, r->base.buf,
                     "more than %d lots in one release; the rest are "
                     "ignored",
                     ASSESS_MAX_NOTICE_LOTS);
        }
        return (size_t)-1;
    }
    assess_notice_lot *l = nt_lot(&r->b);
    if (!l)
        return (size_t)-1;
    l->id = id;
    assess_notice *n = &r->b.n;
    if (!id || !cpv_set(r, 0, id, &l->cpv_main, &l->cpv_additional,
                        &l->n_cpv_additional)) {
        l->cpv_main = n->cpv_main;
        for (size_t i = 0; i < n->n_cpv_additional; i++)
            nt_push_str(&r->b, &l->cpv_additional, &l->n_cpv_additional,
                        n->cpv_additional[i]);
    }
    l->tenders_received = stat_tenders(r, id);
    return r->b.n.n_lots - 1;
}

/* Tender-level criteria into lot li when it has none of its own. */
static void lot_default_criteria(oc_rel *r, size_t li)
{
    assess_notice_lot *l = &r->b.n.lots[li];
    if (l->n_criteria)
        return;
    if (r->t.criteria) {
        assess_jpath saved = r->path;
        int again = r->again;
        r->path = r->base;
        assess_jpath_key(&r->path, "tender");
        assess_jpath_key(&r->path, "awardCriteria");
        r->again = again || r->t_criteria; /* reported once */
        r->t_criteria = 1;
        read_criteria(r, li, r->t.criteria);
        r->again = again;
        r->path = saved;
        l = &r->b.n.lots[li];
    }
    if (!l->n_criteria)
        l->criteria_basis = r->t.basis;
}

static void read_lot(oc_rel *r, const cJSON *lot)
{
    const char *id = oc_id(r, lot, "id");
    size_t li = new_lot(r, id);
    if (li == (size_t)-1)
        return;
    const char *title = oc_str(r, lot, "title");
    const char *desc = oc_str(r, lot, "description");
    nt_text(&r->b, title);
    nt_text(&r->b, desc);
    assess_notice_lot *l = &r->b.n.lots[li];
    l->title = title;
    l->description = desc;
    oc_amount(r, lot, "value", &l->estimated);
    l->duration_months = oc_duration(r, lot, "contractPeriod");
    if (l->duration_months < 0)
        l->duration_months = r->t.duration;
    l->renewal = oc_bool(r, lot, "hasRenewal");
    const cJSON *ren = oc_get(r, lot, "renewal", T_OBJ);
    if (ren) {
        size_t old = assess_jpath_key(&r->path, "renewal");
        l->max_renewals = oc_count(r, ren, "maximumRenewals");
        nt_text(&r->b, oc_str(r, ren, "description"));
        assess_jpath_pop(&r->path, old);
        if (l->renewal < 0 && l->max_renewals > 0)
            l->renewal = 1;
    }
    const cJSON *tech = oc_get(r, lot, "techniques", T_OBJ);
    if (tech) {
        size_t old = assess_jpath_key(&r->path, "techniques");
        l->framework_agreement = oc_bool(r, tech, "hasFrameworkAgreement");
        assess_jpath_pop(&r->path, old);
    }
    if (l->framework_agreement < 0)
        l->framework_agreement = r->t.framework;
    const cJSON *ac = oc_get(r, lot, "awardCriteria", T_OBJ);
    if (ac) {
        size_t old = assess_jpath_key(&r->path, "awardCriteria");
        read_criteria(r, li, ac);
        assess_jpath_pop(&r->path, old);
    }
    lot_default_criteria(r, li);
}

/* ---- tender ------------------------------------------------------------ */

static const char *nature_of(const char *cat)
{
    if (!cat)
        return NULL;
    if (strcmp(cat, "goods") == 0)
        return "supplies";
    if (strcmp(cat, "works") == 0)
        return "works";
    if (strcmp(cat, "services") == 0 || strcmp(cat, "consultingServices") == 0)
        return "services";
    return NULL;
}

static const char *procedure_of(const char *method)
{
    if (!method)
        return NULL;
    if (strcmp(method, "open") == 0)
        return "open";
    if (strcmp(method, "selective") == 0)
        return "restricted";
    if (strcmp(method, "limited") == 0 || strcmp(method, "direct") == 0)
        return "neg-wo-call";
    return NULL;
}

/* The notice-level fields of the tender and r->t; r->path at the release. */
static void read_tender(oc_rel *r, const cJSON *t)
{
    assess_notice *n = &r->b.n;
    size_t old = assess_jpath_key(&r->path, "tender");
    n->title = oc_str(r, t, "title");
    n->description = oc_str(r, t, "description");
    nt_text(&r->b, n->title);
    nt_text(&r->b, n->description);
    n->nature = nature_of(oc_str(r, t, "mainProcurementCategory"));
    const char *method = oc_str(r, t, "procurementMethod");
    n->procedure_type = procedure_of(method);
    const char *details = oc_str(r, t, "procurementMethodDetails");
    const char *rationale = oc_str(r, t, "procurementMethodRationale");
    nt_text(&r->b, details);
    nt_text(&r->b, rationale);
    if (method &&
        (strcmp(method, "limited") == 0 || strcmp(method, "direct") == 0))
        n->direct_award_text = rationale;
    const cJSON *just =
        oc_get(r, t, "procurementMethodRationaleClassifications", T_ARR);
    if (just) {
        size_t o2 = assess_jpath_key(
            &r->path, "procurementMethodRationaleClassifications");
        size_t i = 0;
        for (const cJSON *c = just->child; c; c = c->next, i++) {
            if (!oc_elem_obj(r, c, i, "classification"))
                continue;
            size_t o3 = assess_jpath_index(&r->path, i);
            const char *scheme = oc_str(r, c, "scheme");
            const char *id = oc_id(r, c, "id");
            if (scheme &&
                strcasecmp(scheme, "eu-direct-award-justification") == 0)
                nt_push_str(&r->b, &n->direct_award, &n->n_direct_award, id);
            assess_jpath_pop(&r->path, o3);
        }
        assess_jpath_pop(&r->path, o2);
    }
    oc_amount(r, t, "value", &n->estimated);
    r->t.value = n->estimated;

    const cJSON *ac = oc_get(r, t, "awardCriteria", T_STR | T_OBJ);
    if (cJSON_IsString(ac))
        r->t.basis = core_basis(ac->valuestring);
    else
        r->t.criteria = ac;
    nt_text(&r->b, oc_str(r, t, "awardCriteriaDetails"));
    nt_text(&r->b, oc_str(r, t, "eligibilityCriteria"));
    r->t.tenderers = oc_count(r, t, "numberOfTenderers");
    const cJSON *tech = oc_get(r, t, "techniques", T_OBJ);
    if (tech) {
        size_t o2 = assess_jpath_key(&r->path, "techniques");
        r->t.framework = oc_bool(r, tech, "hasFrameworkAgreement");
        assess_jpath_pop(&r->path, o2);
    }
    r->t.duration = oc_duration(r, t, "contractPeriod");
    r->t.renewal = oc_bool(r, t, "hasRenewal");
    const cJSON *ren = oc_get(r, t, "renewal", T_OBJ);
    if (ren) {
        size_t o2 = assess_jpath_key(&r->path, "renewal");
        r->t.max_renewals = oc_count(r, ren, "maximumRenewals");
        nt_text(&r->b, oc_str(r, ren, "description"));
        assess_jpath_pop(&r->path, o2);
        if (r->t.renewal < 0 && r->t.max_renewals > 0)
            r->t.renewal = 1;
    }
    collect_items(r, t, "items", 0);
    assess_jpath_pop(&r->path, old);
}

/* tender.lots, or the one lot of a release without them. */
static void read_lots(oc_rel *r, const cJSON *t, int has_awards)
{
    size_t old = assess_jpath_key(&r->path, "tender");
    const cJSON *lots = t ? oc_get(r, t, "lots", T_ARR) : NULL;
    if (lots) {
        assess_jpath_key(&r->path, "lots");
        size_t i = 0;
        for (const cJSON *v = lots->child; v; v = v->next, i++) {
            if (!oc_elem_obj(r, v, i, "lot"))
                continue;
            size_t o2 = assess_jpath_index(&r->path, i);
            read_lot(r, v);
            assess_jpath_pop(&r->path, o2);
        }
        r->n_explicit = r->b.n.n_lots;
        if (r->n_explicit == 1 && r->b.n.lots[0].tenders_received < 0)
            r->b.n.lots[0].tenders_received = r->t.tenderers;
    }
    assess_jpath_pop(&r->path, old);
    if (r->n_explicit || (!t && !has_awards))
        return;
    /* no lots: one lot with the tender-level values */
    size_t li = new_lot(r, NULL);
    if (li == (size_t)-1)
        return;
    assess_notice_lot *l = &r->b.n.lots[li];
    l->estimated = r->t.value;
    if (r->t.tenderers >= 0)
        l->tenders_received = r->t.tenderers;
    l->duration_months = r->t.duration;
    l->renewal = r->t.renewal;
    l->max_renewals = r->t.max_renewals;
    l->framework_agreement = r->t.framework;
    lot_default_criteria(r, li);
}

/* ---- bids, contracts, awards ------------------------------------------- */

/* Element k of a relatedLots array (r->path at its holder) is no id. */
static void bad_lot_id(oc_rel *r, size_t k, const cJSON *e)
{
    size_t old = assess_jpath_key(&r->path, "relatedLots");
    assess_jpath_index(&r->path, k);
    if (cJSON_IsString(e))
        oc_bad(r, NULL, "lot id is empty; ignored");
    else
        oc_bad(r, NULL, "lot id is %s, not a string or a number; ignored",
               assess_json_type_name(e));
    assess_jpath_pop(&r->path, old);
}

static void read_stats(oc_rel *r)
{
    const cJSON *bids = oc_get(r, r->rel, "bids", T_OBJ);
    if (!bids)
        return;
    size_t old = assess_jpath_key(&r->path, "bids");
    const cJSON *arr = oc_get(r, bids, "statistics", T_ARR);
    if (arr) {
        assess_jpath_key(&r->path, "statistics");
        size_t i = 0;
        for (const cJSON *v = arr->child; v; v = v->next, i++) {
            if (!oc_elem_obj(r, v, i, "statistic"))
                continue;
            size_t o2 = assess_jpath_index(&r->path, i);
            oc_stat *s =
                nt_push(&r->b, &r->stats, &r->n_stats, sizeof *r->stats);
            if (!s) {
                assess_jpath_pop(&r->path, o2);
                break;
            }
            s->measure = oc_str(r, v, "measure");
            const cJSON *x = oc_get(r, v, "value", T_NUM);
            s->value = x && x->valuedouble >= 0 &&
                               x->valuedouble == floor(x->valuedouble)
                           ? x->valuedouble
                           : -1;
            nt_push_str(&r->b, &s->lots, &s->n_lots,
                        oc_id(r, v, "relatedLot"));
            const cJSON *many = oc_get(r, v, "relatedLots", T_ARR);
            size_t k = 0;
            for (const cJSON *l = many ? many->child : NULL; l;
                 l = l->next, k++) {
                const char *id = id_text(&r->b, l);
                if (id) {
                    nt_push_str(&r->b, &s->lots, &s->n_lots, id);
                } else {
                    bad_lot_id(r, k, l);
                }
            }
            assess_jpath_pop(&r->path, o2);
        }
    }
    assess_jpath_pop(&r->path, old);
}

static void read_contracts(oc_rel *r)
{
    const cJSON *arr = oc_get(r, r->rel, "contracts", T_ARR);
    if (!arr)
        return;
    size_t old = assess_jpath_key(&r->path, "contracts");
    size_t i = 0;
    for (const cJSON *v = arr->child; v; v = v->next, i++) {
        if (!oc_elem_obj(r, v, i, "contract"))
            continue;
        size_t o2 = assess_jpath_index(&r->path, i);
        oc_contract *c = nt_push(&r->b, &r->contracts, &r->n_contracts,
                                 sizeof *r->contracts);
        if (c) {
            c->award_id = oc_id(r, v, "awardID");
            c->date_signed = nt_date(&r->b, oc_str(r, v, "dateSigned"));
            c->title = oc_str(r, v, "title");
            c->description = oc_str(r, v, "description");
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

static size_t find_lot(const oc_rel *r, const char *id)
{
    const assess_notice *n = &r->b.n;
    for (size_t i = 0; i < n->n_lots; i++)
        if (id ? n->lots[i].id && strcmp(n->lots[i].id, id) == 0
               : !n->lots[i].id)
            return i;
    return (size_t)-1;
}

/* The winners of an award (r->path at it) into an arena array. */
static oc_party *read_suppliers(oc_rel *r, const cJSON *award, size_t *count)
{
    oc_party *out = NULL;
    *count = 0;
    const cJSON *arr = oc_get(r, award, "suppliers", T_ARR);
    if (!arr)
        return NULL;
    size_t old = assess_jpath_key(&r->path, "suppliers");
    size_t i = 0;
    for (const cJSON *v = arr->child; v; v = v->next, i++) {
        if (!oc_elem_obj(r, v, i, "supplier"))
            continue;
        size_t o2 = assess_jpath_index(&r->path, i);
        const char *id = oc_id(r, v, "id");
        const char *name = oc_str(r, v, "name");
        assess_jpath_pop(&r->path, o2);
        const oc_party *p = find_party(r, id);
        if (!p && !name)
            continue;
        oc_party *w = nt_push(&r->b, &out, count, sizeof *out);
        if (!w)
            break;
        if (p)
            *w = *p;
        if (!w->name)
            w->name = name;
    }
    assess_jpath_pop(&r->path, old);
    return out;
}

static void add_to_lot(oc_rel *r, size_t li, const char *status,
                       const char *id, const oc_party *winners, size_t n_win,
                       const assess_amount *value, const char *date)
{
    assess_notice_lot *l = &r->b.n.lots[li];
    if (status && strcmp(status, "cancelled") == 0)
        return;
    if (status && strcmp(status, "unsuccessful") == 0) {
        if (l->result < 1)
            l->result = 0;
        return;
    }
    l->result = 1;
    assess_notice_award *a = nt_award(&r->b, l);
    if (!a)
        return;
    a->id = id;
    a->value = *value;
    a->date = date;
    for (size_t k = 0; k < n_win; k++) {
        assess_notice_party *p = nt_party(&r->b, &a->winners, &a->n_winners);
        if (p)
            copy_party(p, &winners[k]);
    }
}

static void read_awards(oc_rel *r, const cJSON *arr)
{
    size_t old = assess_jpath_key(&r->path, "awards");
    size_t i = 0;
    for (const cJSON *v = arr->child; v; v = v->next, i++) {
        if (!oc_elem_obj(r, v, i, "award"))
            continue;
        size_t o2 = assess_jpath_index(&r->path, i);
        const char *id = oc_id(r, v, "id");
        const char *status = oc_str(r, v, "status");
        nt_text(&r->b, oc_str(r, v, "title"));
        nt_text(&r->b, oc_str(r, v, "description"));
        assess_amount value = {-1, ""};
        oc_amount(r, v, "value", &value);
        const char *date = nt_date(&r->b, oc_str(r, v, "date"));
        for (size_t k = 0; !date && id && k < r->n_contracts; k++)
            if (r->contracts[k].award_id &&
                strcmp(r->contracts[k].award_id, id) == 0)
                date = r->contracts[k].date_signed;
        size_t n_win = 0;
        oc_party *winners = read_suppliers(r, v, &n_win);

        /* the lots it belongs to */
        const char **related = NULL;
        size_t n_related = 0;
        const cJSON *rl = oc_get(r, v, "relatedLots", T_ARR);
        size_t k = 0;
        for (const cJSON *e = rl ? rl->child : NULL; e; e = e->next, k++) {
            const char *lid = id_text(&r->b, e);
            if (lid) {
                nt_push_str(&r->b, &related, &n_related, lid);
            } else {
                bad_lot_id(r, k, e);
            }
        }
        if (!r->n_explicit) {
            if (r->b.n.n_lots)
                add_to_lot(r, 0, status, id, winners, n_win, &value, date);
        } else if (n_related) {
            for (size_t q = 0; q < n_related; q++) {
                size_t li = find_lot(r, related[q]);
                if (li == (size_t)-1)
                    li = new_lot(r, related[q]);
                if (li != (size_t)-1)
                    add_to_lot(r, li, status, id, winners, n_win, &value,
                               date);
            }
        } else {
            size_t li = r->b.n.n_lots == 1 ? 0 : find_lot(r, NULL);
            if (li == (size_t)-1)
                li = new_lot(r, NULL);
            if (li != (size_t)-1)
                add_to_lot(r, li, status, id, winners, n_win, &value, date);
        }
        assess_jpath_pop(&r->path, o2);
    }
    assess_jpath_pop(&r->path, old);
}

/* ---- release-level fields ---------------------------------------------- */

static const struct {
    const char *tag;
    const char *form;
    int rank;
} tag_forms[] = {
    {"planning", "planning", 1},
    {"planningUpdate", "planning", 1},
    {"tender", "competition", 2},
    {"tenderAmendment", "competition", 2},
    {"tenderUpdate", "competition", 2},
    {"tenderCancellation", "competition", 2},
    {"award", "result", 3},
    {"awardUpdate", "result", 3},
    {"awardCancellation", "result", 3},
    {"contract", "result", 3},
    {"contractUpdate", "result", 3},
    {"contractAmendment", "cont-modif", 4},
    {"implementation", "completion", 5},
    {"implementationUpdate", "completion", 5},
    {"contractTermination", "completion", 5},
};

static void read_tags(oc_rel *r)
{
    assess_notice *n = &r->b.n;
    const cJSON *tags = oc_get(r, r->rel, "tag", T_ARR);
    int rank = 0;
    if (tags) {
        assess_buf joined = {0};
        size_t old = assess_jpath_key(&r->path, "tag");
        size_t i = 0;
        for (const cJSON *v = tags->child; v; v = v->next, i++) {
            if (!cJSON_IsString(v)) {
                size_t o2 = assess_jpath_index(&r->path, i);
                oc_bad(r, NULL, "tag is %s, not a string; ignored",
                       assess_json_type_name(v));
                assess_jpath_pop(&r->path, o2);
                continue;
            }
            const char *tag = nt_str(&r->b, v->valuestring);
            if (!tag)
                continue; /* "" is no tag */
            if (joined.len)
                assess_buf_add(&joined, "+", 1);
            assess_buf_puts(&joined, tag);
            for (size_t k = 0; k < sizeof tag_forms / sizeof *tag_forms; k++)
                if (strcmp(tag, tag_forms[k].tag) == 0 &&
                    tag_forms[k].rank > rank) {
                    rank = tag_forms[k].rank;
                    n->form_type = tag_forms[k].form;
                }
        }
        assess_jpath_pop(&r->path, old);
        if (joined.failed)
            r->b.oom = 1;
        else if (joined.len)
            n->notice_type = nt_strn(&r->b, joined.data, joined.len);
        assess_buf_release(&joined);
    }
    if (!n->form_type) {
        const cJSON *aw = cJSON_GetObjectItemCaseSensitive(r->rel, "awards");
        if (cJSON_IsArray(aw) && aw->child)
            n->form_type = "result";
        else if (cJSON_IsObject(
                     cJSON_GetObjectItemCaseSensitive(r->rel, "tender")))
            n->form_type = "competition";
        else
            n->form_type = "planning";
    }
}

/* The release this one amends: amendments[] of the tender, of each award
   and each contract, with releaseID = this release's id. Read leniently:
   nothing else depends on it. */
static const char *amends_in(nt_build *b, const cJSON *holder, const char *id)
{
    const cJSON *am = cJSON_IsObject(holder)
                          ? cJSON_GetObjectItemCaseSensitive(holder,
                                                             "amendments")
                          : NULL;
    if (!cJSON_IsArray(am))
        return NULL;
    for (const cJSON *a = am->child; a; a = a->next) {
        const char *rid = id_text(b, cJSON_IsObject(a)
                                         ? cJSON_GetObjectItemCaseSensitive(
                                               a, "releaseID")
                                         : NULL);
        if (rid && strcmp(rid, id) == 0)
            return id_text(b, cJSON_GetObjectItemCaseSensitive(
                                  a, "amendsReleaseID"));
    }
    return NULL;
}

static const char *find_changes(oc_rel *r)
{
    const char *id = r->b.n.id;
    const char *c = amends_in(
        &r->b, cJSON_GetObjectItemCaseSensitive(r->rel, "tender"), id);
    static const char *const lists[] = {"awards", "contracts"};
    for (int k = 0; k < 2 && !c; k++) {
        const cJSON *arr = cJSON_GetObjectItemCaseSensitive(r->rel, lists[k]);
        for (const cJSON *v = cJSON_IsArray(arr) ? arr->child : NULL; v && !c;
             v = v->next)
            c = amends_in(&r->b, v, id);
    }
    return c;
}

/* ---- one release ------------------------------------------------------- */

/* Read the release at `path` and deliver it; `where` is what the callback
   gets. */
static void read_release(oc_run *u, const cJSON *rel, const assess_jpath *path,
                         const char *where)
{
    if (!cJSON_IsObject(rel)) {
        run_diag(u, ASSESS_ERR_INVALID, path->buf,
                 "release is %s, not an object; skipped", assess_json_type_name(rel));
        return;
    }
    oc_rel *r = calloc(1, sizeof *r);
    if (!r) {
        run_diag(u, ASSESS_ERR_NOMEM, path->buf, "out of memory");
        u->stop = 1;
        return;
    }
    r->run = u;
    r->rel = rel;
    r->base = *path;
    r->path = *path;
    r->t.tenderers = -1;
    r->t.framework = -1;
    r->t.duration = -1;
    r->t.renewal = -1;
    r->t.max_renewals = -1;
    r->t.value.value = -1;
    nt_init(&r->b, u->reg, ASSESS_NOTICE_OCDS);
    assess_notice *n = &r->b.n;

    n->id = oc_id(r, rel, "id");
    n->procedure_id = oc_str(r, rel, "ocid");
    if (!n->id || !n->procedure_id) {
        run_diag(u, ASSESS_ERR_INVALID, path->buf,
                 "release has no %s: it cannot be identified; skipped",
                 n->id ? "ocid" : "id");
        nt_release(&r->b);
        free(r);
        return;
    }
    n->format_version = nt_str(&r->b, u->version);
    read_tags(r);
    n->publication_date = nt_date(&r->b, oc_str(r, rel, "date"));
    const char *lang = oc_str(r, rel, "language");
    if (lang) {
        for (char *l = (char *)lang; *l; l++) /* our arena copy */
            *l = (char)tolower((unsigned char)*l);
        n->language = lang;
    }
    n->changes = find_changes(r);

    read_parties(r);
    read_buyers(r);
    read_contracts(r);
    read_stats(r);

    const cJSON *planning = oc_get(r, rel, "planning", T_OBJ);
    const cJSON *tender = oc_get(r, rel, "tender", T_OBJ);
    const cJSON *awards = oc_get(r, rel, "awards", T_ARR);
    if (tender)
        read_tender(r, tender);
    if (planning) {
        size_t old = assess_jpath_key(&r->path, "planning");
        nt_text(&r->b, oc_str(r, planning, "rationale"));
        collect_items(r, planning, "items", 1);
        assess_jpath_pop(&r->path, old);
    }
    /* the notice's CPV codes: the first source that has any */
    int found = 0;
    for (int source = 0; source < 4 && !found; source++) {
        if (source == 2)
            collect_nested_items(r, "awards", 2);
        if (source == 3)
            collect_nested_items(r, "contracts", 3);
        found = cpv_set(r, source, NULL, &n->cpv_main, &n->cpv_additional,
                        &n->n_cpv_additional);
    }

    read_lots(r, tender, awards && awards->child);
    if (awards)
        read_awards(r, awards);
    for (size_t i = 0; i < r->n_contracts; i++) {
        nt_text(&r->b, r->contracts[i].title);
        nt_text(&r->b, r->contracts[i].description);
    }

    int rc = nt_emit(&r->b, u->name, where, u->fn, u->ctx, u->d);
    if (rc < 0 && u->first == ASSESS_OK)
        u->first = ASSESS_ERR_NOMEM;
    if (rc)
        u->stop = 1;
    nt_release(&r->b);
    free(r);
}

/* The where of a notice inside a container: "<where> <path>" or the path. */
static void deliver(oc_run *u, const cJSON *rel, const assess_jpath *path)
{
    char *where = u->where ? assess_printf("%s %s", u->where, path->buf)
                           : assess_strdup(path->buf);
    if (!where) {
        run_diag(u, ASSESS_ERR_NOMEM, path->buf, "out of memory");
        u->stop = 1;
        return;
    }
    read_release(u, rel, path, where);
    free(where);
}

static void read_record(oc_run *u, const cJSON *rec, assess_jpath *path)
{
    if (!cJSON_IsObject(rec)) {
        run_diag(u, ASSESS_ERR_INVALID, path->buf,
                 "record is %s, not an object; skipped", assess_json_type_name(rec));
        return;
    }
    const cJSON *compiled = cJSON_GetObjectItemCaseSensitive(rec,
                                                             "compiledRelease");
    if (compiled && !cJSON_IsNull(compiled)) {
        size_t old = assess_jpath_key(path, "compiledRelease");
        if (cJSON_IsObject(compiled)) {
            deliver(u, compiled, path);
            assess_jpath_pop(path, old);
            return;
        }
        run_diag(u, ASSESS_ERR_INVALID, path->buf,
                 "compiled release is %s, not an object; reading the "
                 "record's releases instead",
                 assess_json_type_name(compiled));
        assess_jpath_pop(path, old);
    }
    const cJSON *rels = cJSON_GetObjectItemCaseSensitive(rec, "releases");
    if (!cJSON_IsArray(rels)) {
        run_diag(u, ASSESS_ERR_INVALID, path->buf,
                 "record has neither a compiledRelease nor a releases array");
        return;
    }
    size_t old = assess_jpath_key(path, "releases");
    size_t i = 0;
    for (const cJSON *v = rels->child; v && !u->stop; v = v->next, i++) {
        size_t o2 = assess_jpath_index(path, i);
        if (cJSON_IsObject(v) &&
            cJSON_GetObjectItemCaseSensitive(v, "url") &&
            !cJSON_GetObjectItemCaseSensitive(v, "id"))
            run_diag(u, ASSESS_ERR_INVALID, path->buf,
                     "linked release (a url only) cannot be read and the "
                     "record has no compiledRelease; skipped");
        else
            deliver(u, v, path);
        assess_jpath_pop(path, o2);
    }
    assess_jpath_pop(path, old);
}

assess_status nt_read_ocds(const assess_registry *reg, const char *name,
                           const char *where, const cJSON *root,
                           assess_notice_fn fn, void *ctx, assess_diags *d)
{
    oc_run u = {reg, name, where, NULL, fn, ctx, d, ASSESS_OK, 0};
    assess_jpath path;
    assess_jpath_init(&path);
    const cJSON *rels = cJSON_IsObject(root)
                            ? cJSON_GetObjectItemCaseSensitive(root, "releases")
                            : NULL;
    const cJSON *recs = cJSON_IsObject(root)
                            ? cJSON_GetObjectItemCaseSensitive(root, "records")
                            : NULL;
    if (cJSON_IsArray(rels) || cJSON_IsArray(recs)) {
        const cJSON *version =
            cJSON_GetObjectItemCaseSensitive(root, "version");
        if (cJSON_IsString(version))
            u.version = version->valuestring;
        else if (version && !cJSON_IsNull(version))
            run_diag(&u, ASSESS_ERR_INVALID, "$.version",
                     "expected a string, found %s; ignored",
                     assess_json_type_name(version));
        const char *key = cJSON_IsArray(rels) ? "releases" : "records";
        const cJSON *arr = cJSON_IsArray(rels) ? rels : recs;
        size_t old = assess_jpath_key(&path, key);
        size_t i = 0;
        for (const cJSON *v = arr->child; v && !u.stop; v = v->next, i++) {
            size_t o2 = assess_jpath_index(&path, i);
            if (arr == rels)
                deliver(&u, v, &path);
            else
                read_record(&u, v, &path);
            assess_jpath_pop(&path, o2);
        }
        assess_jpath_pop(&path, old);
        return u.first;
    }
    if (cJSON_IsObject(root) &&
        cJSON_GetObjectItemCaseSensitive(root, "ocid") &&
        cJSON_GetObjectItemCaseSensitive(root, "id") &&
        cJSON_GetObjectItemCaseSensitive(root, "tag")) {
        read_release(&u, root, &path, where);
        return u.first;
    }
    return assess_diags_add(d, ASSESS_ERR_INVALID, name, where,
                            "not an OCDS release, release package or record "
                            "package");
}
