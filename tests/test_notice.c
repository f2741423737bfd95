/*
 * test_notice.c - the normalisers every notice reader shares
 * (assess/notice/notice.c): numbers in free text, dates, CPV codes,
 * durations, countries, folded text, the arena's arrays. Each expected
 * value is worked out by hand beside its case.
 *
 * usage: test_notice RULES_DIR
 */
#include <stdlib.h>

#include "check.h"
#include "notice/notice_internal.h"

static void numbers(void)
{
    static const struct {
        const char *in;
        double want;
    } t[] = {
        {"30", 30},           {"30 %", 30},          {"30%", 30},
        {"30 points", 30},    {"12.5", 12.5},        {"12,5", 12.5},
        {"1 234,50", 1234.5}, {"1.234.567", 1234567}, /* dots as groups */
        {"1,234", 1234},      /* three digits after a comma: a group */
        {"1234.567", 1234567}, /* free text: the same rule */
        {"Prix: 40", 40},     {"", -1},              {"n/a", -1},
        {"-5", -1},           /* no negative weights or amounts */
        {"1e999", 1},         /* free text: the number ends at the letter */
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        CHECK_NUM(nt_number(t[i].in), t[i].want, 1e-9, t[i].in);
    CHECK(nt_number(NULL) == -1, "NULL");
}

static void amounts(void)
{
    nt_build b;
    nt_init(&b, NULL, ASSESS_NOTICE_EFORMS);
    assess_amount a = {-1, ""};
    nt_amount(&b, &a, "95414.567", "eur"); /* XML decimal: 3 decimals kept */
    CHECK_NUM(a.value, 95414.567, 1e-9, "plain decimal");
    CHECK_STR(a.currency, "EUR", "currency upper-cased");
    assess_amount c = {-1, ""};
    nt_amount(&b, &c, "1e999", "EUR"); /* not finite: not an amount */
    CHECK(c.value == -1, "1e999 refused, got %g", c.value);
    nt_amount(&b, &c, "-3", "EUR");
    CHECK(c.value == -1, "negative refused, got %g", c.value);
    nt_amount(&b, &c, "2e15", "EUR"); /* beyond ASSESS_MAX_AMOUNT */
    CHECK(c.value == -1, "2e15 refused, got %g", c.value);
    nt_amount(&b, &c, "NaN", "EUR");
    CHECK(c.value == -1, "NaN refused, got %g", c.value);
    nt_release(&b);
}

static void dates_cpv_months(void)
{
    nt_build b;
    nt_init(&b, NULL, ASSESS_NOTICE_TED);
    CHECK_STR(nt_date(&b, "20200529"), "2020-05-29", "TED YYYYMMDD");
    CHECK_STR(nt_date(&b, "2024-03-12+01:00"), "2024-03-12", "eForms date with zone");
    CHECK_STR(nt_date(&b, "2019-10-23T10:00:00Z"), "2019-10-23", "OCDS date-time");
    CHECK(nt_date(&b, "2023-02-29") == NULL, "not a calendar date");
    CHECK(nt_date(&b, "29/05/2020") == NULL, "another order");
    CHECK_STR(nt_cpv(&b, "45233162-2"), "45233162", "check digit removed");
    CHECK_STR(nt_cpv(&b, " 72000000 "), "72000000", "spaces");
    CHECK(nt_cpv(&b, "7200000") == NULL, "7 digits");
    CHECK(nt_cpv(&b, "72000000-") == NULL, "dangling dash");
    /* 36 months; 145 days = 145 * 12 / 365.25 = 4.7638...; 2 years */
    CHECK_NUM(nt_months(36, "MONTH"), 36, 1e-12, "months");
    CHECK_NUM(nt_months(145, "DAY"), 145 * 12 / 365.25, 1e-12, "days");
    CHECK_NUM(nt_months(2, "YEAR"), 24, 1e-12, "years");
    CHECK_NUM(nt_months(2, "ANN"), 24, 1e-12, "UN/CEFACT ANN");
    CHECK_NUM(nt_months(3, "WEEK"), 3 * 7 * 12 / 365.25, 1e-12, "weeks");
    CHECK(nt_months(3, "FORTNIGHT") == -1, "unknown unit");
    CHECK(nt_months(-1, "DAY") == -1, "negative");
    /* both days counted: 2024 is a leap year, 366 days = 12.0246 months;
       one day; the end before the start */
    CHECK_NUM(nt_months_between("2024-01-01", "2024-12-31"), 366 * 12 / 365.25,
              1e-12, "a leap year");
    CHECK_NUM(nt_months_between("2023-03-01", "2023-03-01"), 12 / 365.25,
              1e-12, "one day");
    CHECK_NUM(nt_months_between("1999-12-31", "2000-03-01"), 62 * 12 / 365.25,
              1e-12, "across 29 February 2000 (31 + 29 + 1 + 1 days)");
    CHECK(nt_months_between("2024-02-02", "2024-02-01") == -1, "end first");
    CHECK(nt_months_between(NULL, "2024-02-01") == -1, "no start");
    nt_release(&b);
}

static void countries_and_text(const assess_registry *reg)
{
    nt_build b;
    nt_init(&b, reg, ASSESS_NOTICE_EFORMS);
    char c[3];
    static const char *const in[][2] = {
        {"FRA", "FR"}, {"fra", "FR"}, {"UK", "GB"}, {"EL", "GR"}, {"GBR", "GB"},
        {"NL", "NL"},  {"Netherlands", "NL"}, {"germany", "DE"},
    };
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        CHECK(nt_country(&b, c, in[i][0]) == 1, "%s known", in[i][0]);
        CHECK_STR(c, in[i][1], in[i][0]);
    }
    CHECK(nt_country(&b, c, "XXX") == 0 && c[0] == '\0', "XXX unknown");
    CHECK(nt_country(&b, c, NULL) == 0, "NULL");
    nt_text(&b, "Künstliche  Intelligenz,\tÉQUIVALENT");
    nt_text(&b, "Искусственный интеллект ΚΑΙ Σ");
    nt_text(&b, NULL);
    CHECK_STR(b.text.data,
              "kunstliche intelligenz, equivalent iskusstvennyi intellekt και σ",
              "folded text");
    /* a set of strings keeps each once */
    const char **v = NULL;
    size_t n = 0;
    for (int i = 0; i < 100; i++)
        nt_push_str(&b, &v, &n, i % 2 ? "a" : nt_str(&b, "b"));
    CHECK(n == 2, "set of two, got %zu", n);
    /* arrays grow past several powers of two and keep their elements */
    assess_notice_lot *l = NULL;
    for (int i = 0; i < 1000; i++) {
        l = nt_lot(&b);
        CHECK(l != NULL, "lot %d", i);
        l->tenders_received = i;
    }
    int ok = b.n.n_lots == 1000;
    for (size_t i = 0; ok && i < b.n.n_lots; i++)
        ok = b.n.lots[i].tenders_received == (long)i &&
             b.n.lots[i].max_renewals == -1;
    CHECK(ok, "1000 lots kept in order with their defaults");
    CHECK(nt_str(&b, "  \n ") == NULL, "white space only is NULL");
    CHECK_STR(nt_strn(&b, " ab c ", 6), "ab c", "trimmed");
    nt_release(&b);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_notice RULES_DIR\n");
        return 64;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/registry", argv[1]);
    assess_registry *reg = NULL;
    if (assess_registry_load(&reg, dir, NULL) != ASSESS_OK) {
        fprintf(stderr, "cannot load %s\n", dir);
        return 1;
    }
    numbers();
    amounts();
    dates_cpv_months();
    countries_and_text(reg);
    assess_registry_free(reg);
    return check_done("test_notice");
}
