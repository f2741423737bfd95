/*
 * import.c - a filled questionnaire back into a bid declaration
 * (include/assess/questionnaire.h).
 *
 * The workbook is read with the XLSX reader (shared and inline strings, as
 * Excel, LibreOffice and openpyxl save it). The hidden Lists sheet says
 * which framework version the questionnaire was made for and where each
 * sheet is; a questionnaire for another version is refused. Every cell is
 * checked and every problem reported with its sheet and cell, all in one
 * run; the result is then read by the bid reader and validated against the
 * framework, exactly as `assess score` would.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "assess/engine.h"
#include "assess/questionnaire.h"
#include "assess/report.h"
#include "assess/xlsx.h"
#include "questionnaire/layout.h"
#include "session_internal.h"
#include "util/util.h"

typedef struct importer {
    const assess_xlsx *x;
    const char *file;
    assess_diags *d;
    int errors;
    long lists;                 /* the Lists sheet */
    const assess_groups *groups;
    const assess_labels *lb[2]; /* en, nl: yes/no/none in either language */
} importer;

static void bad(importer *im, const char *sheet, unsigned row, unsigned col,
                const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* "Sheet!C7: message" */
static void bad(importer *im, const char *sheet, unsigned row, unsigned col,
                const char *fmt, ...)
{
    char cell[16], where[160];
    assess_xlsx_cell_name(cell, row, col);
    snprintf(where, sizeof where, "%s!%s", sheet, cell);
    va_list ap;
    va_start(ap, fmt);
    char *msg = assess_vprintf(fmt, ap);
    va_end(ap);
    assess_diags_add(im->d, ASSESS_ERR_INVALID, im->file, where, "%s",
                     msg ? msg : "out of memory");
    free(msg);
    im->errors++;
}

/* The cell's text, trimmed; a number as written ("12.5"); NULL if empty. */
static char *text(const importer *im, long sheet, unsigned row, unsigned col)
{
    const assess_xlsx_cell *c = assess_xlsx_get(im->x, (size_t)sheet, row, col);
    if (!c)
        return NULL;
    char buf[64];
    const char *t = NULL;
    if (c->type == ASSESS_CELL_STRING)
        t = c->text;
    else if (c->type == ASSESS_CELL_NUMBER) {
        snprintf(buf, sizeof buf, "%.15g", c->number);
        t = buf;
    } else if (c->type == ASSESS_CELL_BOOL)
        t = c->number != 0 ? "true" : "false";
    if (!t)
        return NULL;
    while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
        t++;
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\n' ||
                 t[n - 1] == '\r'))
        n--;
    if (!n)
        return NULL;
    char *out = malloc(n + 1);
    if (out) {
        memcpy(out, t, n);
        out[n] = '\0';
    }
    return out;
}

static int is_word(const importer *im, const char *v, assess_label_id id)
{
    for (int k = 0; k < 2; k++)
        if (im->lb[k] && strcmp(v, im->lb[k]->text[id]) == 0)
            return 1;
    return 0;
}

static int in_list(const char *const *list, const char *v)
{
    for (size_t i = 0; list && list[i]; i++)
        if (!strcmp(list[i], v))
            return 1;
    return 0;
}

/* A number cell (or a text holding one) within [min, max]; 1 if read. */
static int number(importer *im, long sheet, const char *name, unsigned row,
                  unsigned col, double min, double max, const char *what,
                  double *out)
{
    const assess_xlsx_cell *c = assess_xlsx_get(im->x, (size_t)sheet, row, col);
    char *t = text(im, sheet, row, col);
    if (!t)
        return 0;
    char *end;
    errno = 0;
    double v = c && c->type == ASSESS_CELL_NUMBER ? c->number : strtod(t, &end);
    int ok = (c && c->type == ASSESS_CELL_NUMBER) || (!errno && *end == '\0');
    if (!ok || !isfinite(v))
        bad(im, name, row, col, "'%s' is not a number", t);
    else if (v < min || v > max)
        bad(im, name, row, col, "%s is not %s from %g to %g", t, what, min, max);
    else
        *out = v;
    free(t);
    return ok && isfinite(v) && v >= min && v <= max;
}

static int yesno(importer *im, const char *name, unsigned row, unsigned col,
                 const char *v, int *out)
{
    if (is_word(im, v, LBL_VALUE_YES) || !strcmp(v, "true"))
        *out = 1;
    else if (is_word(im, v, LBL_VALUE_NO) || !strcmp(v, "false"))
        *out = 0;
    else {
        bad(im, name, row, col, "'%s' is not yes or no", v);
        return 0;
    }
    return 1;
}

static int country(importer *im, const char *name, unsigned row, unsigned col,
                   const char *v)
{
    if (!assess_groups_country_exists(im->groups, v)) {
        bad(im, name, row, col, "'%s' is not an ISO 3166-1 country code", v);
        return 0;
    }
    return 1;
}

/* Split `v` at `sep` into a JSON array of trimmed strings; each checked
   against `list` (NULL: any) or as a country code. */
static cJSON *split(importer *im, const char *name, unsigned row, unsigned col,
                    const char *v, char sep, const char *const *list,
                    int countries)
{
    cJSON *arr = cJSON_CreateArray();
    if ((countries || list) && is_word(im, v, LBL_VALUE_NONE))
        return arr; /* declared: there are none */
    const char *p = v;
    while (arr && *p) {
        const char *e = strchr(p, sep);
        size_t n = e ? (size_t)(e - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n) {
            char *item = malloc(n + 1);
            if (!item)
                break;
            memcpy(item, p, n);
            item[n] = '\0';
            if (countries)
                country(im, name, row, col, item);
            else if (list && !in_list(list, item))
                bad(im, name, row, col, "'%s' is not one of the listed values",
                    item);
            cJSON_AddItemToArray(arr, cJSON_CreateString(item));
            free(item);
        }
        p += e ? (size_t)(e - p) + 1 : strlen(p);
    }
    return arr;
}

static const char *meta(const importer *im, const char *key)
{
    for (unsigned r = 0; r < 64; r++) {
        const assess_xlsx_cell *k = assess_xlsx_get(im->x, (size_t)im->lists, r, 0);
        const assess_xlsx_cell *v = assess_xlsx_get(im->x, (size_t)im->lists, r, 1);
        if (k && v && k->type == ASSESS_CELL_STRING && v->type == ASSESS_CELL_STRING &&
            !strcmp(k->text, key))
            return v->text;
    }
    return NULL;
}

/* The sheet named in the metadata under `key`; -1 and an error if absent. */
static long sheet_of(importer *im, const char *key)
{
    const char *name = meta(im, key);
    long sh = name ? assess_xlsx_sheet_find(im->x, name) : -1;
    if (sh < 0)
        assess_diags_add(im->d, ASSESS_ERR_INVALID, im->file, NULL,
                         "the sheet for '%s' (%s) is missing", key,
                         name ? name : "not named in the Lists sheet");
    if (sh < 0)
        im->errors++;
    return sh;
}

static void add_text(cJSON *obj, const char *key, char *v)
{
    if (v)
        cJSON_AddStringToObject(obj, key, v);
    free(v);
}

/* ---- the sheets -------------------------------------------------------- */

static void read_bid(importer *im, cJSON *root)
{
    long sh = sheet_of(im, "bid");
    if (sh < 0)
        return;
    const char *name = assess_xlsx_sheet_name(im->x, (size_t)sh);
    static const struct {
        unsigned row;
        const char *key, *what;
    } req[] = {{Q_BID_ID, "id", "a bid id"},
               {Q_BID_TENDERER, "tenderer", "the tenderer's entity id"},
               {Q_BID_LOT, "lot", "the lot"}};
    for (size_t i = 0; i < 3; i++) {
        char *v = text(im, sh, req[i].row, 1);
        if (!v)
            bad(im, name, req[i].row, 1, "%s is required", req[i].what);
        add_text(root, req[i].key, v);
    }
    double amount = 0;
    int has_amount = number(im, sh, name, Q_BID_AMOUNT, 1, 0, 1e15,
                            "an amount", &amount);
    char *cur = text(im, sh, Q_BID_CURRENCY, 1);
    if (cur && (strlen(cur) != 3 || strspn(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
        bad(im, name, Q_BID_CURRENCY, 1, "'%s' is not an ISO 4217 currency code",
            cur);
    else if (has_amount && !cur)
        bad(im, name, Q_BID_CURRENCY, 1, "a price needs its currency");
    char *amount_text = text(im, sh, Q_BID_AMOUNT, 1);
    if (cur && !amount_text)
        bad(im, name, Q_BID_AMOUNT, 1, "a currency is given but no price");
    free(amount_text);
    if (has_amount && cur) {
        cJSON *price = cJSON_AddObjectToObject(root, "price");
        cJSON_AddNumberToObject(price, "amount", amount);
        cJSON_AddStringToObject(price, "currency", cur);
    }
    free(cur);
    add_text(root, "notes", text(im, sh, Q_BID_NOTES, 1));
}

/* "[2] 3. Exclusively EU law", or the rung alone ("2", "[2]"): the rung;
   -1 if neither. */
static int rung_of(const assess_criterion *c, const char *v)
{
    for (int k = 0; k < c->n_rungs; k++) {
        char *label = assess_printf("[%d] %s", k, c->rungs[k].label);
        int same = label && !strcmp(label, v);
        free(label);
        if (same)
            return k;
    }
    char *end;
    const char *p = v[0] == '[' ? v + 1 : v;
    long k = strtol(p, &end, 10);
    if (end != p && (*end == '\0' || (v[0] == '[' && !strcmp(end, "]"))) &&
        k >= 0 && k < c->n_rungs)
        return (int)k;
    return -1;
}

static void read_answers(importer *im, const assess_framework *fw, cJSON *root)
{
    cJSON *answers = cJSON_AddObjectToObject(root, "answers");
    for (size_t o = 0; o < fw->n_objectives; o++) {
        char key[64];
        snprintf(key, sizeof key, "objective %s", fw->objectives[o].id);
        long sh = sheet_of(im, key);
        if (sh < 0)
            continue;
        const char *name = assess_xlsx_sheet_name(im->x, (size_t)sh);
        const assess_objective *ob = &fw->objectives[o];
        for (size_t k = 0; k < ob->n_criteria; k++) {
            const assess_criterion *c = &fw->criteria[ob->first_criterion + k];
            unsigned r = (unsigned)k + 1;
            char *id = text(im, sh, r, Q_ANS_ID);
            if (!id || strcmp(id, c->id) != 0) {
                bad(im, name, r, Q_ANS_ID, "expected criterion %s here, found '%s'",
                    c->id, id ? id : "");
                free(id);
                continue;
            }
            free(id);
            char *ans = text(im, sh, r, Q_ANS_ANSWER);
            char *ev = text(im, sh, r, Q_ANS_EVIDENCE);
            char *conf = text(im, sh, r, Q_ANS_CONFIDENCE);
            char *rem = text(im, sh, r, Q_ANS_REMARKS);
            if (!ans) {
                if (ev || conf || rem)
                    bad(im, name, r, Q_ANS_ANSWER,
                        "evidence, confidence or remarks given for %s but no "
                        "answer chosen",
                        c->id);
            } else {
                int rung = rung_of(c, ans);
                if (rung < 0)
                    bad(im, name, r, Q_ANS_ANSWER, "'%s' is not one of the answers",
                        ans);
                if (conf && !in_list(q_lists[QL_CONFIDENCE], conf))
                    bad(im, name, r, Q_ANS_CONFIDENCE,
                        "'%s' is not high, medium, low or none", conf);
                cJSON *a = cJSON_AddObjectToObject(answers, c->id);
                cJSON_AddNumberToObject(a, "rung", rung < 0 ? 0 : rung);
                add_text(a, "evidence", ev);
                add_text(a, "confidence", conf);
                add_text(a, "remarks", rem);
                ev = conf = rem = NULL;
            }
            free(ans);
            free(ev);
            free(conf);
            free(rem);
        }
    }
}

/* One entity row; NULL for an empty row. */
static cJSON *read_entity(importer *im, long sh, const char *name, unsigned r)
{
    int any = 0;
    for (unsigned c = 0; c < Q_ENT_COLS && !any; c++) {
        char *t = text(im, sh, r, c);
        any = t != NULL;
        free(t);
    }
    if (!any)
        return NULL;
    cJSON *e = cJSON_CreateObject();
    static const struct {
        unsigned col;
        const char *key;
        int required;
        int list; /* QL_* or -1 */
    } cols[] = {{Q_ENT_ID, "id", 1, -1},        {Q_ENT_NAME, "name", 1, -1},
                {Q_ENT_COUNTRY, "country", 1, -1}, {Q_ENT_ROLE, "role", 1, QL_ROLES},
                {Q_ENT_KIND, "kind", 0, QL_KINDS}, {Q_ENT_PARENT, "parent", 0, -1},
                {Q_ENT_REGISTRY, "registry_id", 0, -1},
                {Q_ENT_ACCESS, "access", 0, QL_ACCESS}};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        char *v = text(im, sh, r, cols[i].col);
        if (!v && cols[i].required)
            bad(im, name, r, cols[i].col, "an entity needs its %s", cols[i].key);
        else if (v && cols[i].col == Q_ENT_COUNTRY)
            country(im, name, r, cols[i].col, v);
        else if (v && cols[i].list >= 0 && !in_list(q_lists[cols[i].list], v))
            bad(im, name, r, cols[i].col, "'%s' is not one of the listed values", v);
        add_text(e, cols[i].key, v);
    }
    double pct;
    if (number(im, sh, name, r, Q_ENT_CONTROL, 0, 100, "a percentage", &pct))
        cJSON_AddNumberToObject(e, "control_percent", pct);
    if (number(im, sh, name, r, Q_ENT_SHARE, 0, 100, "a percentage", &pct))
        cJSON_AddNumberToObject(e, "share_of_value_percent", pct);
    char *v = text(im, sh, r, Q_ENT_DECISIVE);
    int yn;
    if (v && yesno(im, name, r, Q_ENT_DECISIVE, v, &yn))
        cJSON_AddBoolToObject(e, "decisive_influence", yn);
    free(v);
    if ((v = text(im, sh, r, Q_ENT_LAYERS)) != NULL)
        cJSON_AddItemToObject(e, "layers", split(im, name, r, Q_ENT_LAYERS, v,
                                                 Q_CODES_SEP, q_lists[QL_LAYERS], 0));
    free(v);
    return e;
}

/* The last row of a sheet with a value in it. */
static unsigned last_row(const importer *im, long sh)
{
    unsigned max_row = 0;
    for (size_t k = 0; k < assess_xlsx_cell_count(im->x, (size_t)sh); k++) {
        const assess_xlsx_cell *c = assess_xlsx_cell_at(im->x, (size_t)sh, k);
        if (c->row > max_row && c->type != ASSESS_CELL_BLANK &&
            !(c->type == ASSESS_CELL_STRING && !*c->text))
            max_row = c->row;
    }
    return max_row;
}

/* Entity ids unique, every parent an entity, the tenderer an entity: named
   by cell here rather than by JSON path by the bid reader later. */
static void check_refs(importer *im, cJSON *root, long sh, const char *name,
                       unsigned max_row)
{
    for (unsigned r = 1; r <= max_row && r <= ASSESS_MAX_ENTITIES; r++) {
        char *id = text(im, sh, r, Q_ENT_ID), *parent = text(im, sh, r, Q_ENT_PARENT);
        int parent_found = !parent;
        for (unsigned k = 1; k <= max_row && k <= ASSESS_MAX_ENTITIES; k++) {
            char *other = text(im, sh, k, Q_ENT_ID);
            if (id && other && k < r && !strcmp(id, other))
                bad(im, name, r, Q_ENT_ID, "entity id '%s' is also used in row %u",
                    id, k + 1);
            if (parent && other && !strcmp(parent, other))
                parent_found = 1;
            free(other);
        }
        if (!parent_found)
            bad(im, name, r, Q_ENT_PARENT, "'%s' is not an entity id of this sheet",
                parent);
        free(id);
        free(parent);
    }
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "tenderer");
    const cJSON *e;
    int found = !cJSON_IsString(t);
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "entities"))
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
        found |= cJSON_IsString(id) && cJSON_IsString(t) &&
                 !strcmp(id->valuestring, t->valuestring);
    }
    const char *bid_sheet = meta(im, "bid");
    if (!found)
        bad(im, bid_sheet ? bid_sheet : "?", Q_BID_TENDERER, 1,
            "'%s' is not an entity id of the sheet %s", t->valuestring, name);
}

static void read_entities(importer *im, cJSON *root)
{
    long sh = sheet_of(im, "entities");
    long lsh = sheet_of(im, "licences");
    cJSON *ents = cJSON_AddArrayToObject(root, "entities");
    if (sh < 0)
        return;
    const char *name = assess_xlsx_sheet_name(im->x, (size_t)sh);
    unsigned max_row = last_row(im, sh);
    if (max_row > ASSESS_MAX_ENTITIES)
        bad(im, name, max_row, 0, "more than %d entities", ASSESS_MAX_ENTITIES);
    for (unsigned r = 1; r <= max_row && r <= ASSESS_MAX_ENTITIES; r++) {
        cJSON *e = read_entity(im, sh, name, r);
        if (e)
            cJSON_AddItemToArray(ents, e);
    }
    if (cJSON_GetArraySize(ents) == 0)
        bad(im, name, 1, 0, "at least the tenderer must be listed");
    check_refs(im, root, sh, name, max_row);
    if (lsh < 0)
        return;
    const char *lname = assess_xlsx_sheet_name(im->x, (size_t)lsh);
    unsigned max_lic = last_row(im, lsh);
    if (max_lic > ASSESS_MAX_ENTITIES)
        bad(im, lname, max_lic, 0, "more than %d licences", ASSESS_MAX_ENTITIES);
    for (unsigned r = 1; r <= max_lic && r <= ASSESS_MAX_ENTITIES; r++) {
        char *eid = text(im, lsh, r, Q_LIC_ENTITY);
        char *lor = text(im, lsh, r, Q_LIC_LICENSOR);
        char *cc = text(im, lsh, r, Q_LIC_COUNTRY);
        char *what = text(im, lsh, r, Q_LIC_WHAT);
        if (eid || lor || cc || what) {
            cJSON *owner = NULL, *e;
            cJSON_ArrayForEach(e, ents)
            {
                const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
                if (eid && cJSON_IsString(id) && !strcmp(id->valuestring, eid))
                    owner = e;
            }
            if (!owner)
                bad(im, lname, r, Q_LIC_ENTITY, "'%s' is not an entity id of the "
                                                "sheet %s",
                    eid ? eid : "", name);
            if (!lor)
                bad(im, lname, r, Q_LIC_LICENSOR, "a licence needs its licensor");
            if (!cc)
                bad(im, lname, r, Q_LIC_COUNTRY, "a licence needs the licensor's "
                                                 "country");
            else
                country(im, lname, r, Q_LIC_COUNTRY, cc);
            if (owner) {
                cJSON *arr = cJSON_GetObjectItemCaseSensitive(owner,
                                                              "licensed_technology");
                if (!arr)
                    arr = cJSON_AddArrayToObject(owner, "licensed_technology");
                cJSON *t = cJSON_CreateObject();
                add_text(t, "licensor", lor);
                add_text(t, "country", cc);
                add_text(t, "what", what);
                cJSON_AddItemToArray(arr, t);
                lor = cc = what = NULL;
            }
        }
        free(eid);
        free(lor);
        free(cc);
        free(what);
    }
}

static void read_service(importer *im, cJSON *root)
{
    long sh = sheet_of(im, "service");
    if (sh < 0)
        return;
    const char *name = assess_xlsx_sheet_name(im->x, (size_t)sh);
    cJSON *svc = cJSON_CreateObject();
    for (size_t i = 0; i < q_n_fields; i++) {
        const qfield *f = &q_fields[i];
        unsigned r = (unsigned)i + 1;
        cJSON *obj = svc;
        if (f->object) {
            obj = cJSON_GetObjectItemCaseSensitive(svc, f->object);
            if (!obj)
                obj = cJSON_AddObjectToObject(svc, f->object);
        }
        double num;
        int yn;
        if (f->type == QF_NUMBER) {
            if (number(im, sh, name, r, 1, 0, f->max, "a number", &num))
                cJSON_AddNumberToObject(obj, f->key, num);
            continue;
        }
        char *v = text(im, sh, r, 1);
        if (!v)
            continue;
        switch (f->type) {
        case QF_TEXTS:
            cJSON_AddItemToObject(obj, f->key,
                                  split(im, name, r, 1, v, Q_TEXTS_SEP, NULL, 0));
            break;
        case QF_COUNTRIES:
            cJSON_AddItemToObject(obj, f->key,
                                  split(im, name, r, 1, v, Q_CODES_SEP, NULL, 1));
            break;
        case QF_CODES:
            cJSON_AddItemToObject(obj, f->key,
                                  split(im, name, r, 1, v, Q_CODES_SEP,
                                        q_lists[f->list], 0));
            break;
        case QF_YESNO:
            if (yesno(im, name, r, 1, v, &yn))
                cJSON_AddBoolToObject(obj, f->key, yn);
            break;
        case QF_ENUM:
            if (!in_list(q_lists[f->list], v))
                bad(im, name, r, 1, "'%s' is not one of the listed values", v);
            cJSON_AddStringToObject(obj, f->key, v);
            break;
        case QF_COUNTRY:
            country(im, name, r, 1, v);
            cJSON_AddStringToObject(obj, f->key, v);
            break;
        default:
            cJSON_AddStringToObject(obj, f->key, v);
        }
        free(v);
    }
    static const char *const subs[] = {"exit", "control", "openness", "ai_model"};
    for (size_t k = 0; k < 4; k++) {
        cJSON *o = cJSON_GetObjectItemCaseSensitive(svc, subs[k]);
        if (o && !o->child)
            cJSON_DeleteItemFromObjectCaseSensitive(svc, subs[k]);
    }
    if (svc->child)
        cJSON_AddItemToObject(root, "service", svc);
    else
        cJSON_Delete(svc);
}

/* ---- the whole --------------------------------------------------------- */

static assess_status check_version(importer *im, const assess_framework **fw,
                                   assess_framework **own, const char *rules_dir)
{
    const char *id = meta(im, "framework"), *ver = meta(im, "version"),
               *sha = meta(im, "sha256");
    if (!id || !ver || !sha || strchr(id, '/'))
        return assess_diags_add(im->d, ASSESS_ERR_INVALID, im->file, NULL,
                                "the Lists sheet does not name the framework, "
                                "its version and digest");
    char *path = assess_printf("%s/frameworks/%s.json", rules_dir, id);
    assess_status st = path ? assess_framework_load(own, path, im->d)
                            : assess_diags_add(im->d, ASSESS_ERR_NOMEM, im->file,
                                               NULL, "out of memory");
    free(path);
    if (st != ASSESS_OK)
        return assess_diags_add(im->d, st, im->file, NULL,
                                "the questionnaire is for framework '%s', which "
                                "this installation cannot load",
                                id);
    *fw = *own;
    if (strcmp((*own)->sha256, sha) != 0)
        return assess_diags_add(im->d, ASSESS_ERR_INVALID, im->file, NULL,
                                "the questionnaire was made for framework %s "
                                "version %s (sha256 %.12s); this installation has "
                                "version %s (sha256 %.12s): send a new "
                                "questionnaire (assess questionnaire)",
                                id, ver, sha, (*own)->version, (*own)->sha256);
    return ASSESS_OK;
}

/* Import from an opened workbook (owned: freed here) named `path`. */
static assess_status import(char **json, assess_xlsx *x, const char *path,
                            const char *rules_dir, assess_diags *d)
{
    *json = NULL;
    assess_session *s = NULL;
    assess_framework *fw = NULL;
    const assess_framework *cfw = NULL;
    assess_groups *groups = NULL;
    assess_labels lb[2];
    memset(lb, 0, sizeof lb);
    cJSON *root = NULL;
    char *tdir = NULL, *gpath = NULL;
    assess_status st = assess_session_new(&s, rules_dir, d);
    if (st != ASSESS_OK)
        goto out;
    importer im = {.x = x, .file = path, .d = d, .lists = -1};
    for (size_t i = 0; i < assess_xlsx_sheet_count(x) && im.lists < 0; i++) {
        const assess_xlsx_cell *k = assess_xlsx_get(x, i, 0, 0);
        const assess_xlsx_cell *v = assess_xlsx_get(x, i, 0, 1);
        if (k && v && k->type == ASSESS_CELL_STRING && v->type == ASSESS_CELL_STRING &&
            !strcmp(k->text, "format") && !strcmp(v->text, Q_FORMAT))
            im.lists = (long)i;
    }
    if (im.lists < 0) {
        st = assess_diags_add(d, ASSESS_ERR_INVALID, path, NULL,
                              "not a questionnaire of assess (no Lists sheet with "
                              "format %s)",
                              Q_FORMAT);
        goto out;
    }
    if ((st = check_version(&im, &cfw, &fw, s->rules_dir)) != ASSESS_OK)
        goto out;
    tdir = assess_session_templates_dir(s);
    gpath = assess_printf("%s/registry/countries.json", s->rules_dir);
    if (!tdir || !gpath) {
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
        goto out;
    }
    if ((st = assess_groups_load(&groups, gpath, d)) != ASSESS_OK ||
        (st = assess_labels_load(&lb[0], tdir, "en", d)) != ASSESS_OK ||
        (st = assess_labels_load(&lb[1], tdir, "nl", d)) != ASSESS_OK)
        goto out;
    im.groups = groups;
    im.lb[0] = &lb[0];
    im.lb[1] = &lb[1];
    root = cJSON_CreateObject();
    if (!root) {
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
        goto out;
    }
    read_bid(&im, root);
    read_entities(&im, root);
    read_service(&im, root);
    read_answers(&im, cfw, root);
    if (im.errors) {
        st = ASSESS_ERR_INVALID;
        goto out;
    }
    /* the bid reader and validation, as `assess score` reads the result */
    char *text_out = cJSON_Print(root);
    assess_bid *bid = NULL;
    if (!text_out) {
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
        goto out;
    }
    st = assess_bid_parse(&bid, path, text_out, strlen(text_out), d);
    if (st == ASSESS_OK)
        st = assess_bid_validate(bid, cfw, NULL, d);
    assess_bid_free(bid);
    if (st == ASSESS_OK)
        *json = text_out;
    else
        free(text_out);
out:
    cJSON_Delete(root);
    assess_labels_release(&lb[0]);
    assess_labels_release(&lb[1]);
    assess_groups_free(groups);
    free(gpath);
    free(tdir);
    assess_framework_free(fw);
    assess_xlsx_free(x);
    assess_session_free(s);
    return st;
}

assess_status assess_questionnaire_import(char **json, const char *path,
                                          const char *rules_dir,
                                          assess_diags *d)
{
    assess_xlsx *x = NULL;
    *json = NULL;
    assess_status st = assess_xlsx_open(&x, path, d);
    return st == ASSESS_OK ? import(json, x, path, rules_dir, d) : st;
}

assess_status assess_questionnaire_parse(char **json, const char *name,
                                         const void *data, size_t size,
                                         const char *rules_dir, assess_diags *d)
{
    assess_xlsx *x = NULL;
    *json = NULL;
    assess_status st = assess_xlsx_parse(&x, name, data, size, d);
    return st == ASSESS_OK ? import(json, x, name, rules_dir, d) : st;
}
