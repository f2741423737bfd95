/*
 * main.c - the `assess` command line. It uses only the public API of
 * libassess (include/assess/); one table lists the commands.
 *
 * Exit codes (README "Exit codes"): 0 ok; 1 an error, also when some inputs
 * failed and the others were done; 2 the assessment found what --fail-on
 * asked about, or verify found differences; 64 usage.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "assess/assess.h"
#include "assess/batch.h"
#include "assess/notice.h"
#include "assess/questionnaire.h"
#include "assess/registry.h"
#include "assess/report.h"

#define EXIT_USAGE 64

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;
} command;

static int cmd_score(int argc, char **argv);
static int cmd_explain(int argc, char **argv);
static int cmd_lint(int argc, char **argv);
static int cmd_registry(int argc, char **argv);
static int cmd_verify(int argc, char **argv);
static int cmd_questionnaire(int argc, char **argv);
static int cmd_import(int argc, char **argv);
static int cmd_letter(int argc, char **argv);
static int cmd_notice(int argc, char **argv);
static int cmd_batch(int argc, char **argv);
static int cmd_merge(int argc, char **argv);

static const command commands[] = {
    {"score", cmd_score,
     "score bid declarations against the tender's framework",
     "usage: assess score --tender T.json [-o REPORT.xlsx] [--json OUT.json]\n"
     "                    [--lang en|nl] [--timestamp TIME] [--sanctions FILE]\n"
     "                    [--rules DIR] BID.json|DIR ...\n"
     "\n"
     "Scores every bid against the framework named in the tender profile,\n"
     "writes the XLSX report (README \"The XLSX report\") to REPORT.xlsx and\n"
     "the results JSON (README \"Results JSON\") to OUT.json; without -o the\n"
     "JSON goes to standard output when --json is missing. A DIR stands for its\n"
     "*.json files that have a top-level \"answers\", sorted by name; the\n"
     "tender file itself is skipped. A bid that cannot be read is listed\n"
     "under failed_inputs and the others are still scored (exit status 1).\n"
     "\n"
     "  --tender FILE   tender profile (required)\n"
     "  -o FILE         the XLSX report; written under a temporary name and\n"
     "                  renamed, so a failure leaves any old file untouched\n"
     "  --json FILE     results JSON; '-' for standard output\n"
     "  --lang en|nl    language of the report (default en)\n"
     "  --fail-on gate|SEVERITY  exit 2 when a bid fails a gate, or a flag of\n"
     "                  that severity (info, low, medium, high, blocker) or\n"
     "                  worse is found (after writing every output)\n"
     "  --timestamp TIME  generation time in the report: seconds since 1970,\n"
     "                  YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; default\n"
     "                  $SOURCE_DATE_EPOCH, else now. The same inputs and\n"
     "                  time give a byte-identical report\n"
     "  --sanctions FILE  screen every ownership chain against the EU\n"
     "                  consolidated financial sanctions list (the\n"
     "                  Commission's XML); without it the SANCTIONS gate is\n"
     "                  'unknown' and the results say 'not screened'\n"
     "  --rules DIR     rules directory (default: $ASSESS_RULES, the\n"
     "                  installed rules, or the source tree's rules/)\n"},
    {"explain", cmd_explain,
     "show the engine's trace of a criterion for one bid",
     "usage: assess explain --tender T.json BID.json [--criterion ID | --all] "
     "[--format text|json] [--sanctions FILE] [--rules DIR]\n"
     "\n"
     "Prints the declared answer, every fact read, every condition with its\n"
     "value, caps and derivations, and the resulting rung, points, SEAL and\n"
     "outcome.\n"},
    {"lint", cmd_lint, "check a framework, tender profile or bid file",
     "usage: assess lint [--rules DIR] FILE ...\n"
     "\n"
     "Reports every problem with its JSON path: ids, ladders, weights, XPath\n"
     "expressions (syntax, unknown functions, bare boolean tests) for a\n"
     "framework; shape, classes and framework for a tender profile; shape and\n"
     "criteria for a bid. Exit status 0 when every file is clean.\n"},
    {"registry", cmd_registry,
     "show a company's ownership chain and laws; check the registry",
     "usage: assess registry show NAME|ID [--date YYYY-MM-DD] [--rules DIR]\n"
     "       assess registry lint [--rules DIR]\n"
     "\n"
     "show   prints the entity (by id, legal name or alias) with its control\n"
     "       chain on the date (default: the newest state of every link), the\n"
     "       countries and risk classes on it, every law that reaches it with\n"
     "       what the law compels, licensed technology, other dated links\n"
     "       (announced, prohibited, ended), and the source of each fact.\n"
     "lint   checks rules/registry: ids, references, cycles, country codes,\n"
     "       dates, and that every fact has a source URL and date.\n"},
    {"verify", cmd_verify,
     "check a report for tampering and recompute it",
     "usage: assess verify REPORT.xlsx [--tender T.json BID.json|DIR ...]\n"
     "                     [--sanctions FILE] [--rules DIR]\n"
     "\n"
     "Reads the report back and compares the SHA-256 and version of every\n"
     "rule, data and labels file in its Audit sheet with this installation's.\n"
     "With the tender and bids of the score run, it also compares their\n"
     "digests, scores them afresh with the report's language and time, and\n"
     "compares every cell of every sheet (numbers within 5e-5). Each\n"
     "difference is printed with its sheet and cell.\n"
     "Exit status: 0 no difference, 2 differences found, 1 the report could\n"
     "not be read or the inputs not scored.\n"},
    {"questionnaire", cmd_questionnaire,
     "write the vendor questionnaire for a tender",
     "usage: assess questionnaire --tender T.json -o QUESTIONNAIRE.xlsx\n"
     "                            [--lang en|nl] [--rules DIR]\n"
     "\n"
     "Writes the workbook vendors fill in: instructions, the bid, one answer\n"
     "sheet per objective of the tender's framework with a dropdown of its\n"
     "answers, entities, technology licences and service facts, with\n"
     "validated cells; everything but the answer cells is protected.\n"},
    {"import", cmd_import,
     "read a filled questionnaire into a bid declaration",
     "usage: assess import FILLED.xlsx [-o BID.json] [--rules DIR]\n"
     "\n"
     "Reads a questionnaire filled in Excel or LibreOffice, maps every answer\n"
     "to its rung, checks every cell and writes the bid declaration JSON (to\n"
     "standard output without -o). Every problem is reported with its sheet\n"
     "and cell, all in one run (exit status 1). A questionnaire made for\n"
     "another version of the framework is refused.\n"},
    {"letter", cmd_letter,
     "write the award letter one bidder may see",
     "usage: assess letter --tender T.json --bidder ID -o LETTER.xlsx\n"
     "                     [--lang en|nl] [--timestamp TIME] [--sanctions FILE]\n"
     "                     [--rules DIR] BID.json|DIR ...\n"
     "\n"
     "Scores every bid as score does and writes, for the bidder ID (a bid id or\n"
     "the tenderer's entity id), its own scores per award criterion with the\n"
     "evaluators' reasons, the intended winner's scores and advantages, its\n"
     "rank, the decision date and the end of the standstill period: nothing\n"
     "about the other bidders. The tender needs an award section.\n"},
    {"notice", cmd_notice,
     "print the facts of published notices (eForms, TED XML, OCDS)",
     "usage: assess notice FILE ... [--rules DIR]\n"
     "\n"
     "Reads each file (eForms or TED XML, an OCDS package, release or JSON\n"
     "lines; the format is told by content) and prints a JSON array of the\n"
     "notices' facts in the vocabulary of templates/notice.schema.json:\n"
     "identity, buyer, CPV codes, procedure, lots with award criteria,\n"
     "durations and winners resolved to supplier groups with the registry.\n"
     "A file that cannot be read is reported and the others are printed\n"
     "(exit status 1).\n"},
    {"batch", cmd_batch,
     "read whole archives of notices into rows (XLSX, JSON lines)",
     "usage: assess batch PATH ... [-o ARCHIVE.xlsx] [--jsonl ROWS.jsonl]\n"
     "                    [--aggregates AGG.json] [--jobs N] [--lang en|nl]\n"
     "                    [--sheet-rows N] [--shard K/N --part PART.jsonl]\n"
     "                    [--checks FILE] [--rules DIR]\n"
     "\n"
     "PATH is a notice file, a directory (read recursively, sorted by name) or\n"
     "a package (.tar.gz, .tgz, .zip, .tar, .gz, .bz2, .xz; told by content),\n"
     "read in place without unpacking to disk. Each notice gives one row per\n"
     "lot (one row when it has no lots): source and member, identity, buyer,\n"
     "CPV, lot, winners with country and supplier group, values.\n"
     "-o writes a workbook (summary, notices, errors; a new sheet every\n"
     "--sheet-rows rows, default Excel's limit), --jsonl the rows as JSON lines\n"
     "(- for standard output) with an error record per failed input. --jobs\n"
     "reads in parallel (default: the number of processors); the order of the\n"
     "rows never depends on it. Every input is processed or listed as failed:\n"
     "a line on standard error, an error record, a row in the errors sheet.\n"
     "The archive checks of rules/checks/archive.json (or --checks) mark each\n"
     "row; the workbook and --aggregates hold the indicators per buyer, buyer\n"
     "country and CPV group. --shard K/N reads only the files whose path\n"
     "hashes to slice K of N and --part writes the partial state that\n"
     "'assess merge' combines.\n"
     "Exit status: 0 every input read, 1 some failed (all others done).\n"},
    {"merge", cmd_merge,
     "combine the partial states of batch shards into one run's outputs",
     "usage: assess merge PART ... [-o ARCHIVE.xlsx] [--jsonl ROWS.jsonl]\n"
     "                    [--aggregates AGG.json] [--lang en|nl]\n"
     "                    [--sheet-rows N] [--rules DIR]\n"
     "\n"
     "PART is the --part file of each of the N shards of one 'assess batch\n"
     "--shard K/N' run. The outputs are those of one run over all paths: the\n"
     "same rows in the same order, the same counts and aggregates. Every\n"
     "shard must be given once. Exit status: 0 every input was processed,\n"
     "1 some failed (or a part is missing or broken).\n"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage_all(FILE *out)
{
    fprintf(out, "usage: assess [--help] [--version] COMMAND [ARGS]\n\n"
                 "Scores cloud and AI bids against sovereignty frameworks.\n\n"
                 "commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'assess COMMAND --help' describes a command.\n");
}

/* Print "assess CMD: <msg> '<arg>'" and the usage; exit status 64. */
static int usage_error(const command *c, const char *msg, const char *arg)
{
    fprintf(stderr, "assess %s: %s", c->name, msg);
    if (arg)
        fprintf(stderr, " '%s'", arg);
    fprintf(stderr, "\n%s", c->usage);
    return EXIT_USAGE;
}

/* Options shared by the commands; positional arguments stay in argv. */
typedef struct options {
    const char *tender, *json, *rules, *criterion, *format, *sanctions, *date;
    const char *output, *lang, *timestamp, *fail_on, *bidder;
    const char *jsonl, *jobs, *sheet_rows, *shard, *part, *aggregates, *checks;
    int all;
    char **args;
    int n_args;
} options;

static int parse_options(const command *c, int argc, char **argv, options *o,
                         const char *const *allowed)
{
    memset(o, 0, sizeof *o);
    o->args = calloc((size_t)argc + 1, sizeof *o->args);
    if (!o->args)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(c->usage, stdout);
            exit(0);
        }
        if (a[0] != '-' || a[1] == '\0' || !strcmp(a, "--")) {
            if (!strcmp(a, "--")) {
                while (++i < argc)
                    o->args[o->n_args++] = argv[i];
                break;
            }
            o->args[o->n_args++] = argv[i];
            continue;
        }
        int ok = 0;
        for (int k = 0; allowed[k]; k++)
            ok |= !strcmp(allowed[k], a);
        if (!ok)
            return usage_error(c, "unknown option", a);
        if (!strcmp(a, "--all")) {
            o->all = 1;
            continue;
        }
        if (i + 1 >= argc)
            return usage_error(c, "this option needs a value:", a);
        const char *v = argv[++i];
        if (!strcmp(a, "--tender"))
            o->tender = v;
        else if (!strcmp(a, "--json"))
            o->json = v;
        else if (!strcmp(a, "--rules"))
            o->rules = v;
        else if (!strcmp(a, "--criterion"))
            o->criterion = v;
        else if (!strcmp(a, "--format"))
            o->format = v;
        else if (!strcmp(a, "--sanctions"))
            o->sanctions = v;
        else if (!strcmp(a, "--date"))
            o->date = v;
        else if (!strcmp(a, "-o"))
            o->output = v;
        else if (!strcmp(a, "--lang"))
            o->lang = v;
        else if (!strcmp(a, "--timestamp"))
            o->timestamp = v;
        else if (!strcmp(a, "--fail-on"))
            o->fail_on = v;
        else if (!strcmp(a, "--bidder"))
            o->bidder = v;
        else if (!strcmp(a, "--jsonl"))
            o->jsonl = v;
        else if (!strcmp(a, "--jobs"))
            o->jobs = v;
        else if (!strcmp(a, "--sheet-rows"))
            o->sheet_rows = v;
        else if (!strcmp(a, "--shard"))
            o->shard = v;
        else if (!strcmp(a, "--part"))
            o->part = v;
        else if (!strcmp(a, "--aggregates"))
            o->aggregates = v;
        else if (!strcmp(a, "--checks"))
            o->checks = v;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Expand a directory into its *.json bid files, sorted, and add each.
   A directory that cannot be read completely counts as a failed input. */
static void add_dir(assess_session *s, const char *dir, const char *tender,
                    assess_diags *d, int *failed)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "assess: error: %s: cannot open directory\n", dir);
        (*failed)++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int complete = 1;
    struct dirent *de;
    while (complete && (de = readdir(dp)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **p = realloc(names, ncap * sizeof *names);
            if (!p) {
                complete = 0;
                break;
            }
            names = p;
            cap = ncap;
        }
        size_t plen = strlen(dir) + len + 2;
        if (!(names[n] = malloc(plen))) {
            complete = 0;
            break;
        }
        snprintf(names[n], plen, "%s/%s", dir, de->d_name);
        n++;
    }
    closedir(dp);
    if (!complete) {
        fprintf(stderr, "assess: error: %s: out of memory listing the "
                        "directory; no file of it was scored\n", dir);
        (*failed)++;
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        int skipped = 0;
        if (complete && !same_file(names[i], tender) &&
            assess_session_scan_bid_file(s, names[i], &skipped, d) != ASSESS_OK)
            (*failed)++;
        free(names[i]);
    }
    free(names);
}

static int load(const command *c, const options *o, assess_session **s,
                assess_diags *d)
{
    if (!o->tender)
        return usage_error(c, "--tender is required", NULL);
    if (assess_session_new(s, o->rules, d) != ASSESS_OK ||
        assess_session_load_tender(*s, o->tender, d) != ASSESS_OK ||
        (o->sanctions &&
         assess_session_load_sanctions(*s, o->sanctions, d) != ASSESS_OK)) {
        assess_diags_print(d, stderr, "assess: error: ");
        return 1;
    }
    return 0;
}

/* The session (for the rules directory) and the registry in it; NULL
   with the reason in d when either cannot be loaded. */
static assess_registry *open_registry(const options *o, assess_session **s,
                                      assess_diags *d)
{
    assess_registry *reg = NULL;
    char dir[4096];
    if (assess_session_new(s, o->rules, d) != ASSESS_OK)
        return NULL;
    snprintf(dir, sizeof dir, "%s/registry", assess_session_rules_dir(*s));
    assess_registry_load(&reg, dir, d);
    return reg;
}

static int cmd_score(int argc, char **argv)
{
    static const char *const allowed[] = {"--tender", "--json", "--rules",
                                          "--sanctions", "-o", "--lang",
                                          "--timestamp", "--fail-on", NULL};
    const command *c = &commands[0];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    if (o.n_args == 0) {
        free(o.args);
        return usage_error(c, "no bids given", NULL);
    }
    assess_report_options ro = {.lang = o.lang ? o.lang : "en"};
    if (strcmp(ro.lang, "en") && strcmp(ro.lang, "nl")) {
        free(o.args);
        return usage_error(c, "--lang takes en or nl, not", o.lang);
    }
    const char *when = o.timestamp ? o.timestamp : getenv("SOURCE_DATE_EPOCH");
    if (when && *when && assess_timestamp_parse(when, &ro.timestamp) != 0) {
        free(o.args);
        return usage_error(c, o.timestamp ? "--timestamp is not a time:"
                                          : "SOURCE_DATE_EPOCH is not a time:",
                           when);
    }
    if (!when || !*when)
        ro.timestamp = (long long)time(NULL);
    if (o.fail_on && strcmp(o.fail_on, "gate") && strcmp(o.fail_on, "info") &&
        strcmp(o.fail_on, "low") && strcmp(o.fail_on, "medium") &&
        strcmp(o.fail_on, "high") && strcmp(o.fail_on, "blocker")) {
        free(o.args);
        return usage_error(c, "--fail-on takes gate, info, low, medium, high or "
                              "blocker, not",
                           o.fail_on);
    }
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    if ((rc = load(c, &o, &s, &d)) != 0)
        goto out;
    int failed = 0;
    for (int i = 0; i < o.n_args; i++) {
        struct stat st;
        if (stat(o.args[i], &st) == 0 && S_ISDIR(st.st_mode))
            add_dir(s, o.args[i], o.tender, &d, &failed);
        else if (assess_session_add_bid_file(s, o.args[i], &d) != ASSESS_OK)
            failed++;
    }
    assess_diags_print(&d, stderr, "assess: error: ");
    assess_diags_release(&d);
    assess_session_finish(s);
    rc = failed || assess_session_failed_count(s) ? 1 : 0;
    /* outputs are written through the library's atomic writers */
    if ((o.json || !o.output) &&
        assess_session_write_json_file(s, o.json ? o.json : "-", &d) !=
            ASSESS_OK) {
        assess_diags_print(&d, stderr, "assess: error: ");
        rc = 1;
    }
    if (o.output && assess_session_bid_count(s) > 0 &&
        assess_session_write_xlsx(s, o.output, &ro, &d) != ASSESS_OK) {
        assess_diags_print(&d, stderr, "assess: error: ");
        rc = 1;
    }
    if (rc == 0 && o.fail_on && assess_session_fail_on(s, o.fail_on) == 1) {
        fprintf(stderr, "assess: found what --fail-on %s asks about\n", o.fail_on);
        rc = 2;
    }
    if (assess_session_bid_count(s) == 0 && rc == 0) {
        fprintf(stderr, "assess: error: no bid declarations found (a bid is a "
                        "JSON object with a top-level \"answers\")\n");
        rc = 1;
    }
out:
    assess_session_free(s);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

static int cmd_explain(int argc, char **argv)
{
    static const char *const allowed[] = {"--tender", "--criterion", "--all",
                                          "--format", "--rules", "--sanctions",
                                          NULL};
    const command *c = &commands[1];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    if (o.n_args != 1 || (!o.criterion && !o.all) || (o.criterion && o.all) ||
        (o.format && strcmp(o.format, "text") && strcmp(o.format, "json"))) {
        free(o.args);
        return usage_error(c, "give one bid and either --criterion ID or --all",
                           NULL);
    }
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    if ((rc = load(c, &o, &s, &d)) != 0)
        goto out;
    assess_session_set_trace(s, 1);
    if (assess_session_add_bid_file(s, o.args[0], &d) != ASSESS_OK ||
        assess_session_explain(s, stdout, NULL, o.criterion,
                               o.format && !strcmp(o.format, "json"),
                               &d) != ASSESS_OK) {
        assess_diags_print(&d, stderr, "assess: error: ");
        rc = 1;
    }
out:
    assess_session_free(s);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

static int cmd_lint(int argc, char **argv)
{
    static const char *const allowed[] = {"--rules", NULL};
    const command *c = &commands[2];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    if (o.n_args == 0) {
        free(o.args);
        return usage_error(c, "no file given", NULL);
    }
    for (int i = 0; i < o.n_args; i++) {
        assess_diags d;
        assess_diags_init(&d);
        if (assess_lint_file(o.args[i], o.rules, &d) != ASSESS_OK) {
            assess_diags_print(&d, stderr, "");
            rc = 1;
        } else {
            printf("%s: ok\n", o.args[i]);
        }
        assess_diags_release(&d);
    }
    free(o.args);
    return rc;
}

static int cmd_registry(int argc, char **argv)
{
    static const char *const allowed[] = {"--rules", "--date", NULL};
    const command *c = &commands[3];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    int show = o.n_args == 2 && !strcmp(o.args[0], "show");
    int lint = o.n_args == 1 && !strcmp(o.args[0], "lint");
    if (!show && !lint) {
        free(o.args);
        return usage_error(c, "expected 'show NAME|ID' or 'lint'", NULL);
    }
    if (o.date && !show) {
        free(o.args);
        return usage_error(c, "--date goes with show:", o.date);
    }
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    assess_registry *reg = open_registry(&o, &s, &d);
    rc = 1;
    if (reg && show) {
        assess_status st = assess_registry_show(reg, stdout, o.args[1], o.date, &d);
        rc = st == ASSESS_ERR_USAGE ? EXIT_USAGE : st != ASSESS_OK;
    } else if (reg) {
        size_t links = 0, unverified = 0, n = 0;
        for (; n < assess_registry_entity_count(reg); n++) {
            const assess_reg_entity *e = assess_registry_entity_at(reg, n);
            links += e->n_links;
            unverified += !e->src.verified;
            for (size_t k = 0; k < e->n_links; k++)
                unverified += !e->links[k].src.verified;
        }
        printf("%s/registry: ok: %zu laws, %zu entities, %zu ownership links; "
               "%zu entity and link facts not verified\n",
               assess_session_rules_dir(s), assess_registry_law_count(reg), n,
               links, unverified);
        rc = 0;
    }
    assess_diags_print(&d, stderr, lint ? "" : "assess: error: ");
    assess_registry_free(reg);
    assess_session_free(s);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

static int cmd_verify(int argc, char **argv)
{
    static const char *const allowed[] = {"--tender", "--rules", "--sanctions",
                                          NULL};
    const command *c = &commands[4];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    if (o.n_args < 1 || (!o.tender && o.n_args > 1) ||
        (o.tender && o.n_args < 2) || (o.sanctions && !o.tender)) {
        free(o.args);
        return usage_error(c, "give the report, and with --tender the bids", NULL);
    }
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    rc = 1;
    int failed = 0;
    if (o.tender) {
        if (load(c, &o, &s, &d) != 0)
            goto out;
        for (int i = 1; i < o.n_args; i++) {
            struct stat st;
            if (stat(o.args[i], &st) == 0 && S_ISDIR(st.st_mode))
                add_dir(s, o.args[i], o.tender, &d, &failed);
            else
                assess_session_add_bid_file(s, o.args[i], &d);
        }
        assess_diags_print(&d, stderr, "assess: warning: ");
        assess_diags_release(&d);
    } else if (assess_session_new(&s, o.rules, &d) != ASSESS_OK) {
        assess_diags_print(&d, stderr, "assess: error: ");
        goto out;
    }
    size_t diffs = 0;
    if (failed || assess_session_verify_xlsx(s, o.args[0], stdout, &diffs,
                                             &d) != ASSESS_OK) {
        assess_diags_print(&d, stderr, "assess: error: ");
        goto out;
    }
    if (diffs) {
        printf("%s: %zu difference%s\n", o.args[0], diffs, diffs == 1 ? "" : "s");
        rc = 2;
    } else {
        printf("%s: ok: %s\n", o.args[0],
               o.tender ? "digests match and every cell recomputes"
                        : "rule and data digests match (give --tender and the "
                          "bids to recompute)");
        rc = 0;
    }
out:
    assess_session_free(s);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

static int cmd_questionnaire(int argc, char **argv)
{
    static const char *const allowed[] = {"--tender", "-o", "--lang", "--rules",
                                          NULL};
    const command *c = &commands[5];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    if (o.n_args || !o.output || (o.lang && strcmp(o.lang, "en") &&
                                  strcmp(o.lang, "nl"))) {
        free(o.args);
        return usage_error(c, "give --tender, -o and at most --lang en|nl", NULL);
    }
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    if ((rc = load(c, &o, &s, &d)) == 0 &&
        assess_session_write_questionnaire(s, o.output, o.lang, &d) != ASSESS_OK) {
        assess_diags_print(&d, stderr, "assess: error: ");
        rc = 1;
    }
    assess_session_free(s);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

static int cmd_import(int argc, char **argv)
{
    static const char *const allowed[] = {"-o", "--rules", NULL};
    const command *c = &commands[6];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    if (o.n_args != 1) {
        free(o.args);
        return usage_error(c, "give one filled questionnaire", NULL);
    }
    assess_diags d;
    assess_diags_init(&d);
    char *json = NULL;
    rc = 1;
    if (assess_questionnaire_import(&json, o.args[0], o.rules, &d) == ASSESS_OK &&
        assess_write_output(o.output ? o.output : "-", json, strlen(json), &d) ==
            ASSESS_OK)
        rc = 0;
    assess_diags_print(&d, stderr, "assess: error: ");
    free(json);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

static int cmd_letter(int argc, char **argv)
{
    static const char *const allowed[] = {"--tender", "--bidder", "-o", "--lang",
                                          "--timestamp", "--sanctions", "--rules",
                                          NULL};
    const command *c = &commands[7];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    assess_report_options ro = {.lang = o.lang ? o.lang : "en"};
    const char *when = o.timestamp ? o.timestamp : getenv("SOURCE_DATE_EPOCH");
    if (o.n_args == 0 || !o.bidder || !o.output ||
        (strcmp(ro.lang, "en") && strcmp(ro.lang, "nl")) ||
        (when && *when && assess_timestamp_parse(when, &ro.timestamp) != 0)) {
        free(o.args);
        return usage_error(c, "give --tender, --bidder, -o and the bids", NULL);
    }
    if (!when || !*when)
        ro.timestamp = (long long)time(NULL);
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    int failed = 0;
    if ((rc = load(c, &o, &s, &d)) == 0) {
        for (int i = 0; i < o.n_args; i++) {
            struct stat st;
            if (stat(o.args[i], &st) == 0 && S_ISDIR(st.st_mode))
                add_dir(s, o.args[i], o.tender, &d, &failed);
            else if (assess_session_add_bid_file(s, o.args[i], &d) != ASSESS_OK)
                failed++;
        }
        assess_session_finish(s);
        rc = assess_session_write_letter(s, o.bidder, o.output, &ro, &d) != ASSESS_OK;
        if (failed && rc == 0)
            rc = 1;
        assess_diags_print(&d, stderr, "assess: error: ");
    }
    assess_session_free(s);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

/* cmd_notice: print each notice as an element of one JSON array */
typedef struct notice_out {
    size_t count;
} notice_out;

static int print_notice(void *ctx, const assess_notice *n, const char *where)
{
    notice_out *o = ctx;
    (void)where;
    fputs(o->count++ ? "," : "[", stdout);
    assess_notice_write_json(n, stdout, 0);
    return 0;
}

static int cmd_notice(int argc, char **argv)
{
    static const char *const allowed[] = {"--rules", NULL};
    const command *c = &commands[8];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    if (o.n_args == 0) {
        free(o.args);
        return usage_error(c, "give one or more notice files", NULL);
    }
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    assess_notice_reader *r = NULL;
    notice_out out = {0};
    assess_registry *reg = open_registry(&o, &s, &d);
    rc = 1;
    if (reg && assess_notice_reader_new(&r, reg, &d) == ASSESS_OK) {
        rc = 0;
        for (int i = 0; i < o.n_args; i++)
            if (assess_notice_read_file(r, o.args[i], print_notice, &out, &d) !=
                ASSESS_OK)
                rc = 1;
        fputs(out.count ? "]\n" : "[]\n", stdout);
    }
    assess_diags_print(&d, stderr, "assess: error: ");
    assess_notice_reader_free(r);
    assess_registry_free(reg);
    assess_session_free(s);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

/* A whole number in [lo, hi] from an option value; -1 if it is not one. */
static long option_number(const char *v, long lo, long hi)
{
    char *end;
    errno = 0;
    long n = v ? strtol(v, &end, 10) : -1;
    if (!v || !*v || *end || errno || n < lo || n > hi)
        return -1;
    return n;
}

static int cmd_batch(int argc, char **argv)
{
    static const char *const allowed[] = {"-o", "--jsonl", "--jobs", "--lang",
                                          "--sheet-rows", "--rules", "--shard",
                                          "--part", "--aggregates", "--checks",
                                          NULL};
    const command *c = &commands[9];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    assess_batch_options bo = {.xlsx = o.output, .jsonl = o.jsonl,
                               .lang = o.lang, .log = stderr,
                               .part = o.part, .aggregates = o.aggregates,
                               .checks = o.checks};
    int shard_ok = 1;
    if (o.shard) {
        char tail;
        shard_ok = sscanf(o.shard, "%d/%d%c", &bo.shard_k, &bo.shard_n,
                          &tail) == 2 &&
                   bo.shard_n >= 1 && bo.shard_n <= 1000000 &&
                   bo.shard_k >= 1 && bo.shard_k <= bo.shard_n;
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    bo.jobs = (int)(o.jobs ? option_number(o.jobs, 1, ASSESS_MAX_JOBS)
                           : cpus > 0 ? (cpus > ASSESS_MAX_JOBS ? ASSESS_MAX_JOBS
                                                                : cpus)
                                      : 1);
    bo.sheet_rows = o.sheet_rows
                        ? option_number(o.sheet_rows, 1, ASSESS_XLSX_MAX_ROWS - 1)
                        : 0;
    const char *bad = NULL, *arg = NULL;
    if (bo.jobs < 0)
        bad = "--jobs must be 1 to 256:", arg = o.jobs;
    else if (bo.sheet_rows < 0)
        bad = "--sheet-rows must be 1 to 1048575:", arg = o.sheet_rows;
    else if (o.lang && strcmp(o.lang, "en") && strcmp(o.lang, "nl"))
        bad = "--lang must be en or nl:", arg = o.lang;
    else if (!shard_ok)
        bad = "--shard must be K/N with 1 <= K <= N:", arg = o.shard;
    else if (o.shard && !o.part)
        bad = "--shard needs --part (the partial state for assess merge)";
    else if (o.n_args == 0)
        bad = "give one or more paths";
    else if (!o.output && !o.jsonl && !o.part && !o.aggregates)
        bad = "give -o, --jsonl, --aggregates or --part";
    if (bad) {
        free(o.args);
        return usage_error(c, bad, arg);
    }
    if (isatty(fileno(stderr)))
        bo.progress = stderr;
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    assess_batch_stats st;
    rc = 1;
    if (assess_session_new(&s, o.rules, &d) == ASSESS_OK &&
        assess_session_batch(s, (const char *const *)o.args, (size_t)o.n_args,
                             &bo, &st, &d) == ASSESS_OK) {
        fprintf(stderr, "assess batch: %zu inputs found, %zu processed, %zu "
                        "failed; %zu notices, %zu rows in %.2f s\n",
                st.found, st.processed, st.failed, st.notices, st.rows,
                st.seconds);
        rc = st.failed ? 1 : 0;
    }
    assess_diags_print(&d, stderr, "assess: error: ");
    assess_session_free(s);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

static int cmd_merge(int argc, char **argv)
{
    static const char *const allowed[] = {"-o", "--jsonl", "--aggregates",
                                          "--lang", "--sheet-rows", "--rules",
                                          NULL};
    const command *c = &commands[10];
    options o;
    int rc = parse_options(c, argc, argv, &o, allowed);
    if (rc)
        return free(o.args), rc;
    assess_batch_options bo = {.xlsx = o.output, .jsonl = o.jsonl,
                               .aggregates = o.aggregates, .lang = o.lang,
                               .log = stderr};
    bo.sheet_rows = o.sheet_rows
                        ? option_number(o.sheet_rows, 1, ASSESS_XLSX_MAX_ROWS - 1)
                        : 0;
    const char *bad = bo.sheet_rows < 0 ? "--sheet-rows must be 1 to 1048575:"
                    : o.lang && strcmp(o.lang, "en") && strcmp(o.lang, "nl")
                        ? "--lang must be en or nl:"
                    : o.n_args == 0 ? "give the partial state of every shard"
                    : !o.output && !o.jsonl && !o.aggregates
                        ? "give -o, --jsonl or --aggregates"
                        : NULL;
    if (bad) {
        free(o.args);
        return usage_error(c, bad, bo.sheet_rows < 0 ? o.sheet_rows : NULL);
    }
    assess_diags d;
    assess_diags_init(&d);
    assess_session *s = NULL;
    assess_batch_stats st;
    rc = 1;
    if (assess_session_new(&s, o.rules, &d) == ASSESS_OK &&
        assess_session_merge(s, (const char *const *)o.args, (size_t)o.n_args,
                             &bo, &st, &d) == ASSESS_OK) {
        fprintf(stderr, "assess merge: %zu inputs found, %zu processed, %zu "
                        "failed; %zu notices, %zu rows\n",
                st.found, st.processed, st.failed, st.notices, st.rows);
        rc = st.failed ? 1 : 0;
    }
    assess_diags_print(&d, stderr, "assess: error: ");
    assess_session_free(s);
    assess_diags_release(&d);
    free(o.args);
    return rc;
}

/* An interrupted run removes the temporary files of its outputs, then
   dies of the signal as it would have: the targets are untouched. */
static void on_signal(int sig)
{
    assess_remove_temporary_files();
    raise(sig); /* delivered on return, under the default action */
}

static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_RESETHAND};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* a signal the caller ignores (nohup, a shell's background job)
           stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

/* Output that could not be written is an error, even when every line
   went to a buffered standard output that only fails when flushed (a
   full disk, a closed pipe, /dev/full): exit status 1, never 0 or 2. A
   command that failed already has said why. */
static int stdout_checked(int rc)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return rc;
    if (rc == 1 || rc == EXIT_USAGE)
        return rc;
    fprintf(stderr, "assess: error: cannot write to standard output: %s\n",
            errno ? strerror(errno) : "write error");
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage_all(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        usage_all(stdout);
        return stdout_checked(0);
    }
    if (!strcmp(argv[1], "--version")) {
        printf("assess %s\n", assess_version());
        return stdout_checked(0);
    }
    catch_signals();
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(argv[1], commands[i].name))
            return stdout_checked(commands[i].run(argc - 1, argv + 1));
    fprintf(stderr, "assess: unknown command '%s'\n", argv[1]);
    usage_all(stderr);
    return EXIT_USAGE;
}
