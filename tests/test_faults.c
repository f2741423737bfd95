/*
 * test_faults.c - fault injection on the project's own allocations: the
 * N-th call of malloc, calloc, realloc or strdup made by libassess fails,
 * for every N a scenario reaches (or evenly spread N when there are too
 * many), over the readers, scoring and report writing. Each run must end
 * with a clean error (a status and a diagnostic) or success with the very
 * output of the run without a fault (a failure absorbed on the way must
 * not change a score or drop a flag), never a crash; under the sanitizer
 * build LeakSanitizer checks after every run that nothing the project
 * allocated was left behind.
 *
 * The hook is the linker's --wrap (tests/CMakeLists.txt): calls from
 * libassess's objects go through __wrap_malloc etc.; libxml2, cJSON and
 * libxlsxwriter allocate through their own shared objects and are not
 * failed (their own allocation-failure paths have known faults, see
 * README "Security").
 *
 * usage: test_faults SOURCE_DIR TMP_DIR [SCENARIO]
 */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <execinfo.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "assess/batch.h"
#include "assess/notice.h"
#include "assess/questionnaire.h"
#include "assess/registry.h"
#include "assess/report.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HAVE_LSAN 1
#endif
#ifdef HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#endif

/* ---- the hook ------------------------------------------------------------- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static atomic_long calls;
static long fail_at = -1; /* the call that fails; -1: none */
static void *failed_stack[8]; /* where the failed call was made */
static int failed_depth;

/* a breakpoint for FAULT_AT */
__attribute__((noinline)) static void fault_here(void) { __asm__ volatile(""); }

static int fail_now(void)
{
    long c = atomic_fetch_add(&calls, 1) + 1;
    if (fail_at >= 0 && c == fail_at) {
        fault_here();
        return 1;
    }
    return 0;
}

#define FAIL_HERE() (fail_now() && (failed_depth = backtrace(failed_stack, 8)) >= 0)
void *__wrap_malloc(size_t n) { return FAIL_HERE() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size)
{
    return FAIL_HERE() ? NULL : __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t n)
{
    return FAIL_HERE() ? NULL : __real_realloc(p, n);
}
char *__wrap_strdup(const char *s) { return FAIL_HERE() ? NULL : __real_strdup(s); }

/* The failed call's stack as binary offsets, for
   addr2line -f -i -e BINARY OFFSET... */
static void print_caller(void)
{
    Dl_info info;
    printf("  the failed call:");
    for (int i = 1; i < failed_depth; i++)
        if (dladdr(failed_stack[i], &info) && info.dli_fname)
            printf(" 0x%lx",
                   (unsigned long)((char *)failed_stack[i] - (char *)info.dli_fbase) - 1);
    printf("\n");
}

/* ---- scenarios --------------------------------------------------------------- */

static const char *src, *tmp;
static char path_a[4096], path_b[4096], path_c[4096], path_d[4096];

/* 0 ok, 1 a clean error (status and a diagnostic), -1 an error without a
   word: the defect this test is for */
static int verdict(assess_status st, const assess_diags *d)
{
    if (st == ASSESS_OK)
        return 0;
    return d->count || d->dropped ? 1 : -1;
}

/* A session on the example tender with one of its bids. */
static assess_status example_session(assess_session **s, const char *bid_file,
                                     assess_diags *d)
{
    char rules[4096], tender[4096], bid[4096];
    snprintf(rules, sizeof rules, "%s/rules", src);
    snprintf(tender, sizeof tender, "%s/templates/examples/cloud/tender.json", src);
    snprintf(bid, sizeof bid, "%s/templates/examples/cloud/%s", src, bid_file);
    assess_status st = assess_session_new(s, rules, d);
    if (st == ASSESS_OK)
        st = assess_session_load_tender(*s, tender, d);
    if (st == ASSESS_OK)
        st = assess_session_add_bid_file(*s, bid, d);
    return st;
}

static int sc_score(assess_diags *d)
{
    assess_session *s = NULL;
    assess_status st = example_session(&s, "bid-zhenlan.json", d);
    if (st == ASSESS_OK) {
        assess_session_finish(s);
        st = assess_session_write_json_file(s, path_d, d);
    }
    assess_session_free(s);
    return verdict(st, d);
}

static int sc_report(assess_diags *d)
{
    assess_session *s = NULL;
    assess_report_options o = {.lang = "nl", .timestamp = 1763800000};
    assess_status st = example_session(&s, "bid-kwelder.json", d);
    if (st == ASSESS_OK)
        st = assess_session_write_xlsx(s, path_a, &o, d);
    assess_session_free(s);
    return verdict(st, d);
}

static int count_notice(void *ctx, const assess_notice *n, const char *where)
{
    (void)where;
    FILE *out = ctx;
    assess_notice_write_json(n, out, 1);
    return 0;
}

static int sc_notices(assess_diags *d)
{
    static const char *const files[] = {"eforms/can_24_maximal.xml",
                                        "ted/003543-2021_R209.xml",
                                        "ocds/sample-data_ocds-213czf-000-00001.json"};
    char dir[4096], path[4096];
    snprintf(dir, sizeof dir, "%s/rules/registry", src);
    assess_registry *reg = NULL;
    assess_notice_reader *r = NULL;
    assess_status st = assess_registry_load(&reg, dir, d);
    if (st == ASSESS_OK)
        st = assess_notice_reader_new(&r, reg, d);
    FILE *out = fopen(path_d, "w");
    if (!out)
        st = ASSESS_ERR_IO;
    for (size_t i = 0; st == ASSESS_OK && i < 3; i++) {
        snprintf(path, sizeof path, "%s/tests/data/notices/%s", src, files[i]);
        st = assess_notice_read_file(r, path, count_notice, out, d);
    }
    if (out)
        fclose(out);
    assess_notice_reader_free(r);
    assess_registry_free(reg);
    return verdict(st, d);
}

static int sc_batch(assess_diags *d)
{
    char rules[4096], p1[4096], p2[4096];
    snprintf(rules, sizeof rules, "%s/rules", src);
    snprintf(p1, sizeof p1, "%s/tests/data/notices/eforms/can_24_minimal.xml", src);
    snprintf(p2, sizeof p2, "%s/tests/data/notices/ocds/standard-1.1.5_award.json", src);
    const char *paths[] = {p1, p2};
    assess_batch_options o = {.xlsx = path_b, .jsonl = path_c,
                              .aggregates = "/dev/null", .jobs = 1};
    assess_batch_stats st_;
    assess_session *s = NULL;
    assess_status st = assess_session_new(&s, rules, d);
    if (st == ASSESS_OK)
        st = assess_session_batch(s, paths, 2, &o, &st_, d);
    assess_session_free(s);
    /* an input that failed for want of memory is a clean error too */
    if (st == ASSESS_OK && st_.failed)
        return 1;
    return verdict(st, d);
}

static int sc_questionnaire(assess_diags *d)
{
    assess_session *s = NULL;
    char rules[4096], tender[4096];
    char *json = NULL;
    snprintf(rules, sizeof rules, "%s/rules", src);
    snprintf(tender, sizeof tender, "%s/templates/examples/cloud/tender.json", src);
    assess_status st = assess_session_new(&s, rules, d);
    if (st == ASSESS_OK)
        st = assess_session_load_tender(s, tender, d);
    if (st == ASSESS_OK)
        st = assess_session_write_questionnaire(s, path_a, "en", d);
    assess_session_free(s);
    if (st == ASSESS_OK) { /* an empty questionnaire: errors, all named */
        st = assess_questionnaire_import(&json, path_a, rules, d);
        free(json);
        if (st != ASSESS_OK && d->count)
            return 0;
    }
    return verdict(st, d);
}

/* Each scenario's output, compared after every run that succeeds (the
   batch's workbook holds its run time, so its JSON lines stand for it). */
static const struct {
    const char *name;
    int (*run)(assess_diags *d);
    const char *out;
} scenarios[] = {
    {"notices", sc_notices, path_d}, {"score", sc_score, path_d},
    {"report", sc_report, path_a},   {"batch", sc_batch, path_c},
    {"questionnaire", sc_questionnaire, path_a},
};

/* The whole of `path` (malloc'd, *n bytes); NULL when it cannot be read. */
static char *slurp(const char *path, long *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    if (f && fseek(f, 0, SEEK_END) == 0 && (*n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)*n + 1)) &&
        fread(buf, 1, (size_t)*n, f) != (size_t)*n) {
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    return buf;
}

/* 1 when `path` holds exactly `want` (n bytes) */
static int same_output(const char *path, const char *want, long n)
{
    long m = 0;
    char *got = slurp(path, &m);
    int same = got && m == n && memcmp(got, want, (size_t)n) == 0;
    free(got);
    return same;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_faults SOURCE_DIR TMP_DIR [SCENARIO]\n");
        return 64;
    }
    setvbuf(stdout, NULL, _IOLBF, 0); /* every line out before a crash */
    backtrace(failed_stack, 1);       /* loads libgcc before any fault */
    src = argv[1];
    tmp = argv[2];
    snprintf(path_a, sizeof path_a, "%s/faults-a.xlsx", tmp);
    snprintf(path_b, sizeof path_b, "%s/faults-b.xlsx", tmp);
    snprintf(path_c, sizeof path_c, "%s/faults-c.jsonl", tmp);
    snprintf(path_d, sizeof path_d, "%s/faults-d.json", tmp);
    int bad = 0;
    for (size_t i = 0; i < sizeof scenarios / sizeof *scenarios; i++) {
        if (argc > 3 && strcmp(argv[3], scenarios[i].name) != 0)
            continue;
        assess_diags d;
        /* how many allocations the scenario makes when none fails */
        fail_at = -1;
        atomic_store(&calls, 0);
        assess_diags_init(&d);
        int first = scenarios[i].run(&d);
        assess_diags_release(&d);
        long total = atomic_load(&calls);
        long want_n = 0;
        char *want = first == 0 ? slurp(scenarios[i].out, &want_n) : NULL;
        if (!want) {
            printf("FAIL %s: fails without a fault\n", scenarios[i].name);
            bad++;
            continue;
        }
        /* FAULT_AT=N: that allocation only, with the diagnostics (for
           finding the place with a debugger) */
        const char *one = getenv("FAULT_AT");
        if (one) {
            fail_at = atol(one);
            atomic_store(&calls, 0);
            assess_diags_init(&d);
            int v = scenarios[i].run(&d);
            printf("%s: allocation %ld fails: verdict %d\n", scenarios[i].name,
                   fail_at, v);
            assess_diags_print(&d, stdout, "  ");
            assess_diags_release(&d);
            continue;
        }
        /* at most 600 runs; 150 when each run ends with a leak check,
           which stops the world for a fraction of a second */
#ifdef HAVE_LSAN
        const long max_runs = 150;
#else
        const long max_runs = 600;
#endif
        long step = total > max_runs ? total / max_runs : 1;
        if (getenv("FAULT_STEP")) /* FAULT_STEP=1: every allocation */
            step = atol(getenv("FAULT_STEP")) > 0 ? atol(getenv("FAULT_STEP")) : 1;
        long runs = 0, errors = 0, silent = 0, leaks = 0, differ = 0;
        for (long n = 1; n <= total; n += step) {
            fail_at = n;
            atomic_store(&calls, 0);
            assess_diags_init(&d);
            int v = scenarios[i].run(&d);
            assess_diags_release(&d);
            fail_at = -1;
            runs++;
            if (v == 0 && !same_output(scenarios[i].out, want, want_n)) {
                differ++;
                if (differ <= 3)
                    printf("FAIL %s: allocation %ld failed, and the run succeeded "
                           "with another output\n", scenarios[i].name, n);
                if (differ <= 3 || getenv("FAULT_STEP"))
                    print_caller();
            }
            errors += v == 1;
            if (v < 0) {
                silent++;
                if (silent <= 3)
                    printf("FAIL %s: allocation %ld failed without a diagnostic\n",
                           scenarios[i].name, n);
            }
#ifdef HAVE_LSAN
            if (__lsan_do_recoverable_leak_check()) {
                leaks++;
                if (leaks <= 3)
                    printf("FAIL %s: a leak after failing allocation %ld\n",
                           scenarios[i].name, n);
            }
#endif
        }
        printf("%s: %ld allocations, %ld runs with one failing, %ld clean "
               "errors, %ld the same output, %ld another output, %ld without "
               "a word, %ld leaking\n", scenarios[i].name, total, runs, errors,
               runs - errors - silent - differ, differ, silent, leaks);
        bad += silent > 0 || leaks > 0 || differ > 0;
        free(want);
    }
    return bad ? 1 : 0;
}
