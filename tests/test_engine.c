/*
 * test_engine.c - data-driven engine tests: tests/data/engine/cases.json
 * run through the real XPath rules of the test framework in
 * tests/data/engine/rules/frameworks/test-engine.json.
 * usage: test_engine DATA_DIR
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "assess/assess.h"
#include "check.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, f) == (size_t)n)
        p[n] = '\0';
    fclose(f);
    return p;
}

/* Build the bid declaration of a case. */
static char *make_bid(const cJSON *c)
{
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "id", "b1");
    cJSON_AddStringToObject(b, "tenderer", "t");
    cJSON_AddStringToObject(b, "lot", "1");
    const cJSON *ents = cJSON_GetObjectItem(c, "entities");
    if (ents) {
        cJSON_AddItemToObject(b, "entities", cJSON_Duplicate(ents, 1));
    } else {
        cJSON *e = cJSON_AddArrayToObject(b, "entities");
        cJSON *t = cJSON_CreateObject();
        cJSON_AddStringToObject(t, "id", "t");
        cJSON_AddStringToObject(t, "name", "T BV");
        cJSON_AddStringToObject(t, "country", "NL");
        cJSON_AddStringToObject(t, "role", "tenderer");
        cJSON_AddItemToArray(e, t);
    }
    const cJSON *svc = cJSON_GetObjectItem(c, "service");
    if (svc)
        cJSON_AddItemToObject(b, "service", cJSON_Duplicate(svc, 1));
    cJSON *ans = cJSON_AddObjectToObject(b, "answers");
    const cJSON *a;
    cJSON_ArrayForEach(a, cJSON_GetObjectItem(c, "answers"))
    {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "rung", a->valuedouble);
        cJSON_AddItemToObject(ans, a->string, o);
    }
    char *s = cJSON_PrintUnformatted(b);
    cJSON_Delete(b);
    return s;
}

static int contains(const cJSON *arr, const char *key, const char *value)
{
    const cJSON *e;
    int n = 0;
    cJSON_ArrayForEach(e, arr)
    {
        const cJSON *v = key ? cJSON_GetObjectItem(e, key) : e;
        n += cJSON_IsString(v) && strcmp(v->valuestring, value) == 0;
    }
    return n;
}

/* Compare two string lists as multisets. */
static void check_multiset(const char *name, const char *what,
                           const cJSON *expected, const cJSON *actual,
                           const char *key)
{
    CHECK(cJSON_GetArraySize(expected) == cJSON_GetArraySize(actual),
          "%s: %d %s expected, %d found", name, cJSON_GetArraySize(expected),
          what, cJSON_GetArraySize(actual));
    const cJSON *e;
    cJSON_ArrayForEach(e, expected)
    {
        CHECK(contains(actual, key, e->valuestring) ==
                  contains(expected, NULL, e->valuestring),
              "%s: %s '%s' expected %d times", name, what, e->valuestring,
              contains(expected, NULL, e->valuestring));
    }
}

static void run_case(const char *dir, const cJSON *c)
{
    const char *name = cJSON_GetObjectItem(c, "name")->valuestring;
    const cJSON *tj = cJSON_GetObjectItem(c, "tender");
    char rules[1024], tender[1024];
    snprintf(rules, sizeof rules, "%s/rules", dir);
    snprintf(tender, sizeof tender, "%s/%s", dir,
             tj ? tj->valuestring : "tender.json");
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    char *bid = make_bid(c);
    char *out = NULL;
    size_t outlen = 0;
    FILE *mem = open_memstream(&out, &outlen);
    int ok = assess_session_new(&s, rules, &d) == ASSESS_OK &&
             assess_session_load_tender(s, tender, &d) == ASSESS_OK &&
             assess_session_add_bid_buffer(s, name, bid, strlen(bid), &d) ==
                 ASSESS_OK &&
             assess_session_write_json(s, mem, &d) == ASSESS_OK;
    fclose(mem);
    if (!ok)
        assess_diags_print(&d, stderr, "  ");
    CHECK(ok, "%s: the bid was not scored", name);
    cJSON *res = ok ? cJSON_Parse(out) : NULL;
    const cJSON *b = cJSON_GetArrayItem(cJSON_GetObjectItem(res, "bids"), 0);
    if (ok && b) {
        const cJSON *crit = cJSON_GetObjectItem(b, "criteria");
        const cJSON *e;
        cJSON_ArrayForEach(e, cJSON_GetObjectItem(c, "expect"))
        {
            const cJSON *cr = cJSON_GetObjectItem(crit, e->string);
            const cJSON *rung = cJSON_GetObjectItem(cr, "rung");
            const cJSON *want = cJSON_GetArrayItem(e, 1);
            char what[256];
            snprintf(what, sizeof what, "%s %s outcome", name, e->string);
            CHECK_STR(cJSON_GetObjectItem(cr, "outcome")->valuestring,
                      cJSON_GetArrayItem(e, 0)->valuestring, what);
            CHECK(cJSON_IsNull(want) ? cJSON_IsNull(rung)
                                     : rung && rung->valuedouble == want->valuedouble,
                  "%s %s rung", name, e->string);
            snprintf(what, sizeof what, "%s %s source", name, e->string);
            CHECK_STR(cJSON_GetObjectItem(cr, "source")->valuestring,
                      cJSON_GetArrayItem(e, 2)->valuestring, what);
        }
        const cJSON *flags = cJSON_GetObjectItem(c, "flags");
        if (flags)
            check_multiset(name, "flag", flags, cJSON_GetObjectItem(b, "flags"),
                           "code");
        const cJSON *gaps = cJSON_GetObjectItem(c, "gaps");
        if (gaps)
            check_multiset(name, "gap", gaps,
                           cJSON_GetObjectItem(b, "evidence_gaps"), "criterion");
        cJSON_ArrayForEach(e, cJSON_GetObjectItem(c, "gaps_exclude"))
            CHECK(!contains(cJSON_GetObjectItem(b, "evidence_gaps"), "criterion",
                            e->valuestring),
                  "%s: no gap expected for %s", name, e->valuestring);
        cJSON_ArrayForEach(e, cJSON_GetObjectItem(c, "detail"))
        {
            const cJSON *f;
            int found = 0;
            cJSON_ArrayForEach(f, cJSON_GetObjectItem(b, "flags"))
            {
                if (strcmp(cJSON_GetObjectItem(f, "code")->valuestring, e->string))
                    continue;
                const cJSON *m = cJSON_GetObjectItem(f, "message");
                found = !strcmp(cJSON_GetObjectItem(m, "en")->valuestring,
                                e->valuestring);
            }
            CHECK(found, "%s: flag %s message '%s'", name, e->string,
                  e->valuestring);
        }
        const cJSON *gate = cJSON_GetObjectItem(c, "gate");
        if (gate)
            CHECK(cJSON_IsTrue(gate) ==
                      cJSON_IsTrue(cJSON_GetObjectItem(
                          cJSON_GetObjectItem(b, "gate"), "passed")),
                  "%s: gate", name);
    }
    cJSON_Delete(res);
    free(out);
    free(bid);
    assess_session_free(s);
    assess_diags_release(&d);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_engine DATA_DIR\n");
        return 64;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/cases.json", argv[1]);
    char *text = slurp(path);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    CHECK(root != NULL, "cannot read %s", path);
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "cases"))
        run_case(argv[1], c);
    /* every outcome must have been driven by some case */
    static const char *const outcomes[] = {"pass", "partial", "fail", "unknown",
                                           "not-applicable", "error"};
    for (size_t i = 0; i < 6; i++)
        CHECK(text && strstr(text, outcomes[i]), "no case drives '%s'",
              outcomes[i]);
    cJSON_Delete(root);
    free(text);
    return check_done("test_engine");
}
