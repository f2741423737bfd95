/*
 * test_registry.c - name keys, the shipped registry's dated links, the
 * registry linter on hostile data, and the sanctions list reader.
 *
 * usage: test_registry RULES_DIR TESTS_DATA_DIR
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "assess/registry.h"
#include "check.h"

static void key(const char *name, const char *want)
{
    char *k = assess_name_key(name);
    CHECK(k && strcmp(k, want) == 0, "key of '%s': expected '%s', got '%s'",
          name, want, k ? k : "(null)");
    free(k);
}

static int diags_mention(const assess_diags *d, const char *text)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].message && strstr(d->items[i].message, text))
            return 1;
    return 0;
}

static void names(void)
{
    /* words sorted; case, accents, punctuation and legal forms removed */
    key("Nordgrad Vychislitelnye Sistemy OOO", "nordgrad sistemy vychislitelnye");
    key("ООО «Нордград Вычислительные Системы»",
        "nordgrad sistemy vychislitelnye"); /* ICAO 9303: ы y, ч ch */
    key("Société Éléctronique Méridionale Belpribor SA",
        "belpribor electronique meridionale societe");
    key("BELPRIBOR ELECTRONICS, J.S.C.", "belpribor electronics");
    key("Amazon Web Services EMEA S.à r.l.", "amazon emea services web");
    key("Schwarz Digits Cloud GmbH & Co. KG", "cloud digits schwarz");
    key("Sparkoo Technologies Ireland Co., Ltd.", "ireland sparkoo technologies");
    key("Testpersoon, Arash", "arash testpersoon");
    key("AB Volvo", "volvo");
    key("Sp. z o.o.", "oo sp z"); /* a form alone is kept: nothing else left */
    key("深度求索", "深度求索");         /* no table entry: kept as it is */
    key("Straße", "strasse");
    key("O'Neil Ltd", "oneil");
    key("", "");
}

static void dated_links(const char *rules)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/registry", rules);
    assess_diags d;
    assess_diags_init(&d);
    assess_registry *r = NULL;
    CHECK(assess_registry_load(&r, dir, &d) == ASSESS_OK, "shipped registry: %s",
          d.count ? d.items[0].message : "");
    if (!r) {
        assess_diags_release(&d);
        return;
    }
    CHECK(assess_registry_entity_count(r) >= 40, "at least 40 entities");
    long solv = assess_registry_entity(r, "solvinity");
    long kyn = assess_registry_entity(r, "kyndryl");
    long vit = assess_registry_entity(r, "vitruvian");
    CHECK(solv >= 0 && kyn >= 0 && vit >= 0, "solvinity, kyndryl, vitruvian");
    if (solv >= 0) {
        const assess_reg_entity *e = assess_registry_entity_at(r, (size_t)solv);
        /* the Kyndryl deal was announced in Nov 2025 and prohibited on
           2026-05-25 (providers.md §7): pending in between, never control */
        for (size_t k = 0; k < e->n_links; k++) {
            if (e->links[k].parent != (size_t)kyn)
                continue;
            CHECK(e->links[k].state == ASSESS_LINK_PROHIBITED, "prohibited");
            CHECK(assess_registry_link_pending(r, (size_t)solv, k, "2026-01-10"),
                  "pending on 2026-01-10");
            CHECK(!assess_registry_link_pending(r, (size_t)solv, k, "2026-05-25"),
                  "settled on the day of the prohibition");
            CHECK(!assess_registry_link_pending(r, (size_t)solv, k, "2025-10-01"),
                  "not yet announced on 2025-10-01");
        }
        for (const char *date = "2025-10-01"; date;
             date = strcmp(date, "2025-10-01") == 0 ? "2026-01-10"
                    : strcmp(date, "2026-01-10") == 0 ? "2026-11-16"
                                                      : NULL) {
            long lk = assess_registry_control_link(r, (size_t)solv, date);
            CHECK(lk >= 0 && e->links[lk].parent == (size_t)vit,
                  "on %s Solvinity is controlled by Vitruvian, never Kyndryl",
                  date);
        }
    }
    /* Silo AI -> AMD completed on 2024-08-09: not before, from that day */
    long silo = assess_registry_entity(r, "silo-ai");
    if (silo >= 0) {
        CHECK(assess_registry_control_link(r, (size_t)silo, "2024-08-08") < 0,
              "Silo AI not yet AMD's on 2024-08-08");
        CHECK(assess_registry_control_link(r, (size_t)silo, "2024-08-09") >= 0,
              "Silo AI AMD's from 2024-08-09");
    }
    CHECK(assess_registry_match(r, "AWS EMEA S.a r.l.", "LU") ==
              assess_registry_entity(r, "aws-emea"),
          "alias matches with the legal form spelt differently");
    CHECK(assess_registry_match(r, "AWS EMEA SARL", "DE") < 0,
          "a name match needs the same country");
    CHECK(assess_registry_match(r, "AWS", NULL) < 0, "a brand never matches");
    CHECK(assess_registry_risk_class(r, "US") == 'C', "US class C");
    CHECK(assess_registry_risk_class(r, "CN") == 'D', "CN class D");
    CHECK(assess_registry_risk_class(r, "NL") == 'A', "NL class A");
    assess_registry_free(r);
    assess_diags_release(&d);
}

static void hostile_registries(const char *data)
{
    char dir[4096];
    assess_diags d;
    assess_registry *r = NULL;

    snprintf(dir, sizeof dir, "%s/registry/bad-cycle", data);
    assess_diags_init(&d);
    CHECK(assess_registry_load(&r, dir, &d) == ASSESS_ERR_INVALID && !r,
          "a cycle is refused");
    CHECK(diags_mention(&d, "cycle"), "the message says cycle");
    assess_diags_release(&d);

    snprintf(dir, sizeof dir, "%s/registry/bad-source", data);
    assess_diags_init(&d);
    CHECK(assess_registry_load(&r, dir, &d) == ASSESS_ERR_INVALID && !r,
          "bad facts are refused");
    CHECK(diags_mention(&d, "missing required field"), "missing source_url");
    CHECK(diags_mention(&d, "no entity 'nobody'"), "unknown parent");
    CHECK(diags_mention(&d, "'ZZ' is not an ISO 3166-1"), "bad country");
    CHECK(diags_mention(&d, "'2026-13' is not a date"), "bad date");
    CHECK(diags_mention(&d, "needs the date it ended"), "prohibited without end");
    int pathed = 0;
    for (size_t i = 0; i < d.count; i++)
        pathed |= d.items[i].path && strstr(d.items[i].path, "$.entities[0]");
    CHECK(pathed, "errors carry their JSON path");
    assess_diags_release(&d);
}

static void sanctions(const char *data)
{
    char path[4096];
    assess_diags d;
    assess_sanctions *s = NULL;

    snprintf(path, sizeof path, "%s/sanctions/fsf-sample.xml", data);
    assess_diags_init(&d);
    CHECK(assess_sanctions_load(&s, path, &d) == ASSESS_OK, "fixture loads");
    if (s) {
        CHECK(assess_sanctions_subjects(s) == 3, "3 subjects");
        CHECK(assess_sanctions_names(s) == 6, "6 names (5 aliases + 1 person)");
        assess_sanction_hit h[4];
        size_t n = assess_sanctions_match(s, "ООО «Нордград Вычислительные Системы»",
                                          h, 4);
        CHECK(n == 1 && !strcmp(h[0].reference, "EU.9001.01") && h[0].strong &&
                  !strcmp(h[0].programme, "RUS"),
              "Cyrillic name matches EU.9001.01");
        n = assess_sanctions_match(s, "N.G.V.S.", h, 4);
        CHECK(n == 1 && !h[0].strong, "weak alias matches as weak");
        CHECK(assess_sanctions_match(s, "Nordgrad Cloud B.V.", h, 4) == 0,
              "another company does not match");
        CHECK_STR(assess_sanctions_generated(s), "2026-11-01T03:00:00+01:00",
                  "generation date");
        assess_sanctions_free(s);
    }
    assess_diags_release(&d);

    static const struct {
        const char *file, *text;
    } bad[] = {{"doctype.xml", "DOCTYPE is not accepted"},
               {"not-export.xml", "expected 'export'"},
               {"empty.xml", "no sanctionEntity"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(path, sizeof path, "%s/sanctions/%s", data, bad[i].file);
        assess_diags_init(&d);
        s = NULL;
        CHECK(assess_sanctions_load(&s, path, &d) != ASSESS_OK && !s,
              "%s is refused", bad[i].file);
        CHECK(diags_mention(&d, bad[i].text), "%s: says '%s'", bad[i].file,
              bad[i].text);
        assess_diags_release(&d);
    }
    assess_diags_init(&d);
    CHECK(assess_sanctions_parse(&s, "trunc", "<export><sanction", 17, &d) ==
                  ASSESS_ERR_SYNTAX &&
              d.count && strstr(d.items[0].message, "line"),
          "truncated XML: a syntax error with its line");
    assess_diags_release(&d);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_registry RULES_DIR TESTS_DATA_DIR\n");
        return 64;
    }
    names();
    dated_links(argv[1]);
    hostile_registries(argv[2]);
    sanctions(argv[2]);
    return check_done("test_registry");
}
