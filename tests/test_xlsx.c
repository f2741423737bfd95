/*
 * test_xlsx.c - the XLSX reader: cell references; a workbook written here
 * by libxlsxwriter and read back cell by cell; the committed fixtures
 * (tests/data/xlsx/, see PROVENANCE.md there) made part by part with
 * Python's zipfile and saved by openpyxl; and hostile or broken inputs,
 * each expecting its own message. Small zips for the error cases are
 * built here with libarchive.
 *
 * usage: test_xlsx TESTS_DATA_DIR
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <xlsxwriter.h>

#include "assess/xlsx.h"
#include "check.h"

static const char *data_dir;

static int diags_mention(const assess_diags *d, const char *text)
{
    for (size_t i = 0; i < d->count; i++) {
        char line[1024];
        assess_diag_format(&d->items[i], line, sizeof line);
        if (strstr(line, text))
            return 1;
    }
    return 0;
}

static const char *first_diag(const assess_diags *d)
{
    static char line[1024];
    line[0] = '\0';
    if (d->count)
        assess_diag_format(&d->items[0], line, sizeof line);
    return line;
}

/* The cell at an A1 reference of sheet `s`, or NULL. */
static const assess_xlsx_cell *at(const assess_xlsx *x, size_t s, const char *ref)
{
    unsigned row, col;
    if (assess_xlsx_parse_ref(ref, &row, &col) != 0)
        return NULL;
    return assess_xlsx_get(x, s, row, col);
}

static void cell_num(const assess_xlsx *x, size_t s, const char *ref,
                     double want, const char *formula)
{
    const assess_xlsx_cell *c = at(x, s, ref);
    CHECK(c && c->type == ASSESS_CELL_NUMBER, "%s: a number", ref);
    if (!c)
        return;
    CHECK_NUM(c->number, want, 1e-12 * (fabs(want) + 1), ref);
    CHECK(c->text != NULL, "%s: the number as written", ref);
    if (formula)
        CHECK_STR(c->formula, formula, ref);
    else
        CHECK(c->formula == NULL, "%s: no formula, got '%s'", ref, c->formula);
}

static void cell_str(const assess_xlsx *x, size_t s, const char *ref,
                     const char *want, const char *formula)
{
    const assess_xlsx_cell *c = at(x, s, ref);
    CHECK(c && c->type == ASSESS_CELL_STRING, "%s: a string", ref);
    if (!c)
        return;
    CHECK_STR(c->text, want, ref);
    if (formula)
        CHECK_STR(c->formula, formula, ref);
    else
        CHECK(c->formula == NULL, "%s: no formula, got '%s'", ref, c->formula);
}

static void cell_bool(const assess_xlsx *x, size_t s, const char *ref, int want)
{
    const assess_xlsx_cell *c = at(x, s, ref);
    CHECK(c && c->type == ASSESS_CELL_BOOL && c->number == want && !c->text,
          "%s: boolean %d", ref, want);
}

static assess_xlsx *open_fixture(const char *name, assess_diags *d)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/xlsx/%s", data_dir, name);
    assess_xlsx *x = NULL;
    assess_status st = assess_xlsx_open(&x, path, d);
    CHECK(st == ASSESS_OK && x, "%s: %s", name, first_diag(d));
    return x;
}

/* A fixture that must fail with `status` and a message holding `text`. */
static void fixture_error(const char *name, assess_status status,
                          const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/xlsx/%s", data_dir, name);
    assess_diags d;
    assess_diags_init(&d);
    assess_xlsx *x = (assess_xlsx *)&d; /* must be reset to NULL */
    assess_status st = assess_xlsx_open(&x, path, &d);
    CHECK(st == status && x == NULL, "%s: status %d, expected %d", name, st,
          status);
    CHECK(diags_mention(&d, text), "%s: expected '%s', got '%s'", name, text,
          first_diag(&d));
    CHECK(diags_mention(&d, name), "%s: the message names the file", name);
    assess_diags_release(&d);
}

/* ---- zips built here ----------------------------------------------------- */

typedef struct part {
    const char *name;
    const char *data;
} part;

/* A stored zip of the parts (NULL-terminated); the caller frees it. */
static unsigned char *make_zip(const part *parts, size_t *size)
{
    size_t cap = 1 << 20;
    for (const part *p = parts; p->name; p++)
        cap += strlen(p->data) + 256;
    unsigned char *buf = malloc(cap);
    struct archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    archive_write_set_format_option(a, "zip", "compression", "store");
    archive_write_open_memory(a, buf, cap, size);
    for (const part *p = parts; p->name; p++) {
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, p->name);
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, (la_int64_t)strlen(p->data));
        archive_write_header(a, e);
        archive_write_data(a, p->data, strlen(p->data));
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return buf;
}

#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define ROOT_RELS                                                              \
    "<Relationships xmlns=\"" PKG_NS "\"><Relationship Id=\"rId1\" "         \
    "Type=\"" REL_NS "/officeDocument\" Target=\"xl/workbook.xml\"/>"        \
    "</Relationships>"
#define ONE_SHEET_WB                                                           \
    "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\"><sheets>"        \
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define ONE_SHEET_RELS                                                         \
    "<Relationships xmlns=\"" PKG_NS "\"><Relationship Id=\"rId1\" "         \
    "Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"       \
    "</Relationships>"
#define SHEET(rows)                                                            \
    "<?xml version=\"1.0\"?>\n<worksheet xmlns=\"" MAIN_NS "\"><sheetData>"  \
    rows "</sheetData></worksheet>"

/* Parse parts; return the workbook or NULL, with the diagnostics in d. */
static assess_xlsx *parse_parts(const part *parts, assess_diags *d,
                                assess_status *st)
{
    size_t size = 0;
    unsigned char *zip = make_zip(parts, &size);
    assess_xlsx *x = NULL;
    *st = assess_xlsx_parse(&x, "mem.xlsx", zip, size, d);
    free(zip);
    return x;
}

/* A workbook with one sheet of the given XML, expected to fail. */
static void sheet_error(const char *sheet_xml, assess_status status,
                        const char *text)
{
    part parts[] = {{"_rels/.rels", ROOT_RELS},
                    {"xl/workbook.xml", ONE_SHEET_WB},
                    {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
                    {"xl/worksheets/sheet1.xml", sheet_xml},
                    {NULL, NULL}};
    assess_diags d;
    assess_diags_init(&d);
    assess_status st;
    assess_xlsx *x = parse_parts(parts, &d, &st);
    CHECK(st == status && !x, "'%s': status %d, expected %d", text, st, status);
    CHECK(diags_mention(&d, text), "expected '%s', got '%s'", text,
          first_diag(&d));
    assess_xlsx_free(x);
    assess_diags_release(&d);
}

static void parts_error(const part *parts, assess_status status, const char *text)
{
    assess_diags d;
    assess_diags_init(&d);
    assess_status st;
    assess_xlsx *x = parse_parts(parts, &d, &st);
    CHECK(st == status && !x, "'%s': status %d, expected %d", text, st, status);
    CHECK(diags_mention(&d, text), "expected '%s', got '%s'", text,
          first_diag(&d));
    assess_xlsx_free(x);
    assess_diags_release(&d);
}

/* ---- the tests -------------------------------------------------------------- */

static void refs(void)
{
    unsigned row = 99, col = 99;
    CHECK(assess_xlsx_parse_ref("AB12", &row, &col) == 0 && row == 11 &&
              col == 27,
          "AB12 is row 11, col 27, got %u %u", row, col);
    CHECK(assess_xlsx_parse_ref("A1", &row, &col) == 0 && row == 0 && col == 0,
          "A1 is 0,0");
    CHECK(assess_xlsx_parse_ref("xfd1048576", &row, &col) == 0 &&
              row == 1048575 && col == 16383,
          "xfd1048576 is the last cell");
    CHECK(assess_xlsx_parse_ref("XFE1", &row, &col) == 1, "XFE1 is beyond");
    CHECK(assess_xlsx_parse_ref("A1048577", &row, &col) == 1, "row 1048577 is beyond");
    CHECK(assess_xlsx_parse_ref("AAAAAAAAAAAAAAAAAAAAAAAA99999999999999999999",
                                &row, &col) == 1,
          "huge reference is beyond, no overflow");
    const char *bad[] = {"", "A", "12", "A0", "$A$1", "A1:B2", "A-1", "1A", "A 1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(assess_xlsx_parse_ref(bad[i], &row, &col) == -1,
              "'%s' is not a reference", bad[i]);
    CHECK(assess_xlsx_parse_ref(NULL, &row, &col) == -1, "NULL");

    char buf[16];
    assess_xlsx_cell_name(buf, 0, 2);
    CHECK_STR(buf, "C1", "0,2");
    assess_xlsx_cell_name(buf, 11, 27);
    CHECK_STR(buf, "AB12", "11,27");
    assess_xlsx_cell_name(buf, 0, 25);
    CHECK_STR(buf, "Z1", "0,25");
    assess_xlsx_cell_name(buf, 0, 26);
    CHECK_STR(buf, "AA1", "0,26");
    assess_xlsx_cell_name(buf, 0, 701);
    CHECK_STR(buf, "ZZ1", "0,701");
    assess_xlsx_cell_name(buf, 0, 702);
    CHECK_STR(buf, "AAA1", "0,702");
    assess_xlsx_cell_name(buf, 1048575, 16383);
    CHECK_STR(buf, "XFD1048576", "the last cell");
    assess_xlsx_cell_name(buf, 0, 16384);
    CHECK_STR(buf, "#REF!", "beyond XFD");
    assess_xlsx_cell_name(buf, 4294967295u, 4294967295u);
    CHECK_STR(buf, "#REF!", "far beyond");
}

/* Written by libxlsxwriter here, read back cell by cell. */
static void libxlsxwriter(void)
{
    char path[] = "/tmp/test_xlsx-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    if (fd < 0)
        return;
    close(fd);

    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Summary");
    lxw_worksheet *raw = workbook_add_worksheet(wb, "Données brutes 2026");
    lxw_format *fmt = workbook_add_format(wb);
    format_set_bold(fmt);
    worksheet_write_string(ws, 0, 0, "Criterion", NULL);
    worksheet_write_string(ws, 0, 1, "Score", NULL);
    worksheet_write_string(ws, 1, 0, "SOV-1", NULL);
    worksheet_write_number(ws, 1, 1, 42.5, NULL);
    worksheet_write_formula_num(ws, 1, 2, "=B2*2", NULL, 85);
    worksheet_write_boolean(ws, 1, 3, 1, NULL);
    worksheet_write_string(ws, 2, 0, "Ünïcode ✓ — test", NULL);
    worksheet_write_number(ws, 2, 1, -0.001, NULL);
    worksheet_write_formula_str(ws, 2, 2, "=A2&\"x\"", NULL, "SOV-1x");
    worksheet_write_boolean(ws, 3, 1, 0, NULL);
    worksheet_write_blank(ws, 4, 0, fmt);
    worksheet_write_string(ws, 4, 1, "tab\tand\x07" "bell", NULL);
    lxw_datetime day = {2026, 11, 22, 0, 0, 0};
    worksheet_write_datetime(ws, 5, 0, &day, NULL);
    worksheet_write_string(raw, 0, 0, "hidden text", NULL);
    worksheet_write_number(raw, 1, 1, 1e300, NULL);
    worksheet_hide(raw);
    workbook_set_custom_property_string(wb, "Checked by", "Eve");
    workbook_set_custom_property_number(wb, "Score", 12.5);
    workbook_set_custom_property_integer(wb, "Count", 7);
    workbook_set_custom_property_boolean(wb, "Final", 1);
    lxw_datetime when = {2026, 11, 22, 10, 30, 0};
    workbook_set_custom_property_datetime(wb, "Date", &when);
    CHECK(workbook_close(wb) == LXW_NO_ERROR, "libxlsxwriter wrote %s", path);

    assess_diags d;
    assess_diags_init(&d);
    assess_xlsx *x = NULL;
    CHECK(assess_xlsx_open(&x, path, &d) == ASSESS_OK, "read back: %s",
          first_diag(&d));
    unlink(path);
    if (!x) {
        assess_diags_release(&d);
        return;
    }
    CHECK(assess_xlsx_sheet_count(x) == 2, "two sheets");
    CHECK_STR(assess_xlsx_sheet_name(x, 0), "Summary", "sheet 0");
    CHECK_STR(assess_xlsx_sheet_name(x, 1), "Données brutes 2026", "sheet 1");
    CHECK(assess_xlsx_sheet_hidden(x, 0) == 0, "Summary visible");
    CHECK(assess_xlsx_sheet_hidden(x, 1) == 1, "Données hidden");
    CHECK(assess_xlsx_sheet_find(x, "Données brutes 2026") == 1, "find");
    CHECK(assess_xlsx_sheet_find(x, "données brutes 2026") == -1, "exact name");
    CHECK(assess_xlsx_sheet_find(x, "Nope") == -1, "absent sheet");

    CHECK(assess_xlsx_cell_count(x, 0) == 13, "13 cells on Summary, got %zu",
          assess_xlsx_cell_count(x, 0));
    cell_str(x, 0, "A1", "Criterion", NULL);
    cell_str(x, 0, "B1", "Score", NULL);
    cell_str(x, 0, "A2", "SOV-1", NULL);
    cell_num(x, 0, "B2", 42.5, NULL);
    cell_num(x, 0, "C2", 85, "B2*2"); /* formula_num: the cached value */
    cell_bool(x, 0, "D2", 1);
    cell_str(x, 0, "A3", "Ünïcode ✓ — test", NULL);
    cell_num(x, 0, "B3", -0.001, NULL);
    cell_str(x, 0, "C3", "SOV-1x", "A2&\"x\""); /* t="str" */
    cell_bool(x, 0, "B4", 0);
    const assess_xlsx_cell *c = at(x, 0, "A5");
    CHECK(c && c->type == ASSESS_CELL_BLANK && !c->text && !c->formula,
          "A5: a styled blank cell");
    /* libxlsxwriter writes BEL as _x0007_; tab stays a tab */
    cell_str(x, 0, "B5", "tab\tand\x07" "bell", NULL);
    cell_num(x, 0, "A6", 46348, NULL); /* 2026-11-22 as a serial */
    CHECK(at(x, 0, "C1") == NULL, "C1 absent");
    CHECK(assess_xlsx_get(x, 0, 1000, 1000) == NULL, "far cell absent");
    CHECK(assess_xlsx_get(x, 2, 0, 0) == NULL, "no sheet 2");

    CHECK(assess_xlsx_cell_count(x, 1) == 2, "2 cells on the hidden sheet");
    cell_str(x, 1, "A1", "hidden text", NULL);
    cell_num(x, 1, "B2", 1e300, NULL);
    c = at(x, 1, "B2");
    CHECK(c && c->text && strcmp(c->text, "1E+300") == 0,
          "B2 as written: 1E+300, got '%s'", c && c->text ? c->text : "");

    /* sorted by row then column */
    const assess_xlsx_cell *prev = NULL;
    for (size_t k = 0; k < assess_xlsx_cell_count(x, 0); k++) {
        c = assess_xlsx_cell_at(x, 0, k);
        CHECK(!prev || prev->row < c->row ||
                  (prev->row == c->row && prev->col < c->col),
              "cell %zu in order", k);
        prev = c;
    }
    CHECK(assess_xlsx_cell_at(x, 0, 13) == NULL, "cell_at out of range");

    CHECK_STR(assess_xlsx_custom_property(x, "Checked by"), "Eve", "vt:lpwstr");
    CHECK_STR(assess_xlsx_custom_property(x, "Score"), "12.5", "vt:r8");
    CHECK_STR(assess_xlsx_custom_property(x, "Count"), "7", "vt:i4");
    CHECK_STR(assess_xlsx_custom_property(x, "Final"), "true", "vt:bool");
    CHECK_STR(assess_xlsx_custom_property(x, "Date"), "2026-11-22T10:30:00Z",
              "vt:filetime");
    CHECK(assess_xlsx_custom_property(x, "checked by") == NULL, "exact name");
    CHECK(assess_xlsx_custom_property_count(x) == 5, "5 properties");
    CHECK_STR(assess_xlsx_custom_property_name(x, 4), "Date", "file order");
    assess_xlsx_free(x);
    assess_diags_release(&d);

    /* constant_memory mode writes inline strings */
    fd = mkstemp(path);
    close(fd);
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    wb = workbook_new_opt(path, &opt);
    ws = workbook_add_worksheet(wb, NULL);
    worksheet_write_string(ws, 0, 0, "inline", NULL);
    worksheet_write_number(ws, 0, 1, 3, NULL);
    worksheet_write_string(ws, 1, 0, "second row", NULL);
    CHECK(workbook_close(wb) == LXW_NO_ERROR, "constant_memory workbook");
    x = NULL;
    CHECK(assess_xlsx_open(&x, path, &d) == ASSESS_OK, "read back: %s",
          first_diag(&d));
    unlink(path);
    CHECK_STR(assess_xlsx_sheet_name(x, 0), "Sheet1", "default name");
    cell_str(x, 0, "A1", "inline", NULL);
    cell_num(x, 0, "B1", 3, NULL);
    cell_str(x, 0, "A2", "second row", NULL);
    assess_xlsx_free(x);
    assess_diags_release(&d);
}

/* features.xlsx: made by make_fixtures.py, see the sheet XML there. */
static void features(void)
{
    assess_diags d;
    assess_diags_init(&d);
    assess_xlsx *x = open_fixture("features.xlsx", &d);
    if (!x) {
        assess_diags_release(&d);
        return;
    }
    CHECK(assess_xlsx_sheet_count(x) == 2, "two sheets");
    CHECK_STR(assess_xlsx_sheet_name(x, 1), "R&D ✓ données", "&amp; decoded");
    CHECK(assess_xlsx_sheet_hidden(x, 1) == 2, "veryHidden");
    CHECK(assess_xlsx_cell_count(x, 0) == 24, "24 cells, got %zu",
          assess_xlsx_cell_count(x, 0));
    cell_str(x, 0, "A1", "Question", NULL); /* inline */
    cell_str(x, 0, "B1", "Answer", NULL);   /* no r: next column */
    cell_str(x, 0, "C1", "Plain", NULL);    /* shared 0 */
    cell_str(x, 0, "A2", "Rich inline", NULL); /* row without r: row 2 */
    cell_num(x, 0, "B2", 2.5, NULL);
    cell_str(x, 0, "C2", "Bold and italic", NULL); /* runs; rPh left out */
    cell_num(x, 0, "A3", -0.0015, NULL); /* written last, sorted in */
    cell_num(x, 0, "XFD3", 7, NULL);
    cell_str(x, 0, "B5", "Carriage\rreturn", NULL); /* _x000D_ */
    const assess_xlsx_cell *c = at(x, 0, "C5");
    CHECK(c && c->type == ASSESS_CELL_ERROR && c->text &&
              strcmp(c->text, "#DIV/0!") == 0,
          "C5: #DIV/0!");
    cell_bool(x, 0, "D5", 0);
    cell_str(x, 0, "A6", "2026-11-22", NULL); /* t="d" kept as text; row 6 */
    cell_str(x, 0, "B6", "ab", "\"a\"&\"b\""); /* t="str" */
    cell_str(x, 0, "C6", "line1\r\nline2", NULL);
    c = at(x, 0, "D6");
    CHECK(c && c->type == ASSESS_CELL_BLANK && !c->text && !c->formula,
          "D6: styled blank");
    /* a shared formula: the text is on A7 only; A8 and B7 move its
       relative references as Excel does ($ fixed, "A1" a string, LOG10 a
       function, Other! a sheet, A:A and 1:1 whole columns and rows) */
    cell_num(x, 0, "A7", 5,
             "B2*2+SUM($B$2:B2)+Other!C1+'My Sheet'!$D4+COUNT(A:A)+SUM(1:1)+"
             "LEN(\"A1\")+LOG10(B2)+XFD1");
    cell_num(x, 0, "A8", 0,
             "B3*2+SUM($B$2:B3)+Other!C2+'My Sheet'!$D5+COUNT(A:A)+SUM(2:2)+"
             "LEN(\"A1\")+LOG10(B3)+XFD2");
    cell_num(x, 0, "B7", 1,
             "C2*2+SUM($B$2:C2)+Other!D1+'My Sheet'!$D4+COUNT(B:B)+SUM(1:1)+"
             "LEN(\"A1\")+LOG10(C2)+#REF!"); /* XFD1 moved right */
    cell_num(x, 0, "B8", 2, ""); /* si="3": no master in the sheet */
    cell_str(x, 0, "C9", " padded ", NULL);
    cell_str(x, 0, "D9", "_x000D_ stays", NULL); /* _x005F_ is '_' */
    cell_str(x, 0, "E9", "smile \xF0\x9F\x98\x80", NULL); /* surrogate pair */
    cell_bool(x, 0, "F9", 1);
    cell_str(x, 0, "A1048576", "", NULL); /* t="str" with an empty <v> */
    c = at(x, 0, "A3");
    CHECK(c && c->text && strcmp(c->text, "-1.5E-3") == 0, "A3 as written");
    cell_num(x, 1, "A1", 1, NULL);
    CHECK(assess_xlsx_custom_property_count(x) == 0, "no custom properties");
    assess_xlsx_free(x);
    assess_diags_release(&d);
}

/* strict.xlsx: strict namespaces, unusual part names and targets. */
static void strict(void)
{
    assess_diags d;
    assess_diags_init(&d);
    assess_xlsx *x = open_fixture("strict.xlsx", &d);
    if (!x) {
        assess_diags_release(&d);
        return;
    }
    CHECK(assess_xlsx_sheet_count(x) == 2, "two sheets");
    CHECK(assess_xlsx_sheet_hidden(x, 0) == 1, "First hidden");
    cell_str(x, 0, "B2", "strict", NULL); /* target "/book/sheets/one.xml" */
    cell_num(x, 0, "C2", 1000, NULL);    /* "1e3" */
    /* "./sheets/../sheets/two%20b.xml" from book/ */
    CHECK(assess_xlsx_cell_count(x, 1) == 1, "one cell on Second");
    cell_str(x, 1, "A1", "spaced part", NULL);
    /* members "../book/sheets/one.xml" and "/book/sheets/two b.xml" (666)
       were never looked up */
    const assess_xlsx_cell *c = at(x, 1, "A1");
    CHECK(c && c->type == ASSESS_CELL_STRING, "not the 666 of the absolute member");
    assess_xlsx_free(x);
    assess_diags_release(&d);
}

/* openpyxl.xlsx: saved by openpyxl 3.0.9 (make_fixtures.py). */
static void openpyxl(void)
{
    assess_diags d;
    assess_diags_init(&d);
    assess_xlsx *x = open_fixture("openpyxl.xlsx", &d);
    if (!x) {
        assess_diags_release(&d);
        return;
    }
    CHECK(assess_xlsx_sheet_count(x) == 2, "two sheets");
    CHECK_STR(assess_xlsx_sheet_name(x, 0), "Scores", "sheet 0");
    CHECK_STR(assess_xlsx_sheet_name(x, 1), "Secret", "sheet 1");
    CHECK(assess_xlsx_sheet_hidden(x, 1) == 2, "veryHidden");
    CHECK(assess_xlsx_cell_count(x, 0) == 7, "7 cells, got %zu",
          assess_xlsx_cell_count(x, 0));
    cell_str(x, 0, "A1", "Bid", NULL); /* openpyxl writes inline strings */
    cell_num(x, 0, "B1", 3, NULL);
    cell_num(x, 0, "B2", 4.25, NULL);
    const assess_xlsx_cell *c = at(x, 0, "B3");
    /* "=SUM(B1:B2)" saved without a value: <f>SUM(B1:B2)</f><v></v> */
    CHECK(c && c->type == ASSESS_CELL_BLANK && !c->text, "B3: no cached value");
    CHECK(c && c->formula && strcmp(c->formula, "SUM(B1:B2)") == 0,
          "B3: formula SUM(B1:B2)");
    cell_bool(x, 0, "C1", 1);
    cell_num(x, 0, "C2", 46348, NULL); /* datetime(2026, 11, 22) */
    cell_str(x, 0, "D4", "Ünïcode ✓", NULL);
    cell_num(x, 1, "A1", 1, NULL);
    assess_xlsx_free(x);
    assess_diags_release(&d);
}

static void fixture_errors(void)
{
    fixture_error("not-a-zip.xlsx", ASSESS_ERR_SYNTAX,
                  "not-a-zip.xlsx: not an XLSX workbook (not a zip archive)");
    fixture_error("no-workbook.xlsx", ASSESS_ERR_INVALID,
                  "not an XLSX workbook: no workbook part");
    fixture_error("doctype.xlsx", ASSESS_ERR_SYNTAX,
                  "doctype.xlsx: xl/worksheets/sheet1.xml:2: a DOCTYPE is not "
                  "accepted");
    fixture_error("sst-index.xlsx", ASSESS_ERR_INVALID,
                  "xl/worksheets/sheet1.xml:2: cell B1: shared string index 2 "
                  "out of range (2 shared strings)");
    fixture_error("bad-ref.xlsx", ASSESS_ERR_INVALID,
                  "cell reference 'XFE1' is beyond XFD1048576");
    /* 65 MiB of zeros, ~66 KiB compressed, headers declaring 1,000 bytes:
       stopped by the count while decompressing */
    fixture_error("bomb.xlsx", ASSESS_ERR_LIMIT,
                  "xl/worksheets/sheet1.xml: uncompressed size exceeds the "
                  "limit of 64 MiB per member");
    fixture_error("declared-size.xlsx", ASSESS_ERR_LIMIT,
                  "declared uncompressed size 104857600 exceeds the limit");
    fixture_error("missing.xlsx", ASSESS_ERR_IO, "cannot open");
}

static void built_errors(void)
{
    sheet_error(SHEET("<row r=\"0\"><c><v>1</v></c></row>"), ASSESS_ERR_INVALID,
                "mem.xlsx: xl/worksheets/sheet1.xml:2: row number '0' is not "
                "within 1 to 1048576");
    sheet_error(SHEET("<row r=\"1048577\"/>"), ASSESS_ERR_INVALID,
                "row number '1048577' is not within");
    sheet_error(SHEET("<row r=\"1048576\"/><row/>"), ASSESS_ERR_INVALID,
                "a row without a number beyond row 1048576");
    sheet_error(SHEET("<row><c r=\"A1048577\"/></row>"), ASSESS_ERR_INVALID,
                "cell reference 'A1048577' is beyond XFD1048576");
    sheet_error(SHEET("<row><c r=\"1A\"/></row>"), ASSESS_ERR_INVALID,
                "cell reference '1A' is not valid");
    sheet_error(SHEET("<row><c r=\"B1\"/></row><row r=\"1\"><c r=\"B1\"/></row>"),
                ASSESS_ERR_INVALID, "cell B1 appears twice");
    sheet_error(SHEET("<row><c r=\"A1\" t=\"b\"><v>2</v></c></row>"),
                ASSESS_ERR_INVALID, "cell A1: '2' is not a boolean");
    sheet_error(SHEET("<row><c r=\"A1\"><v>1,5</v></c></row>"),
                ASSESS_ERR_INVALID, "cell A1: '1,5' is not a number");
    sheet_error(SHEET("<row><c r=\"A1\"><v>1e999</v></c></row>"),
                ASSESS_ERR_INVALID, "cell A1: '1e999' is not a number");
    sheet_error(SHEET("<row><c r=\"A1\" t=\"s\"><v>-1</v></c></row>"),
                ASSESS_ERR_INVALID, "shared string index '-1' is not a number");
    sheet_error(SHEET("<row><c r=\"A1\" t=\"s\"><v>18446744073709551616</v>"
                      "</c></row>"),
                ASSESS_ERR_INVALID, "index 18446744073709551616 out of range");
    sheet_error(SHEET("<row><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
                ASSESS_ERR_INVALID, "index 0 out of range (0 shared strings)");
    sheet_error(SHEET("<row><c r=\"C3\" t=\"x\"><v>0</v></c></row>"),
                ASSESS_ERR_INVALID, "cell C3: unknown cell type t=\"x\"");
    sheet_error(SHEET("<row><c><v>1</v></row>"), ASSESS_ERR_SYNTAX,
                "mem.xlsx: xl/worksheets/sheet1.xml:2: ");
    sheet_error("", ASSESS_ERR_SYNTAX, "xl/worksheets/sheet1.xml: empty part");
    sheet_error("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]><worksheet "
                "xmlns=\"" MAIN_NS "\"><sheetData><row><c t=\"inlineStr\"><is>"
                "<t>&lol2;</t></is></c></row></sheetData></worksheet>",
                ASSESS_ERR_SYNTAX, "a DOCTYPE is not accepted");
    sheet_error("<worksheet xmlns=\"urn:other\"/>", ASSESS_ERR_INVALID,
                "not a SpreadsheetML sheet (root element <worksheet>)");

    /* 16,385 cells without r in one row: the last is beyond XFD */
    {
        const char *head = "<?xml version=\"1.0\"?>\n<worksheet xmlns=\"" MAIN_NS
                           "\"><sheetData><row>";
        const char *foot = "</row></sheetData></worksheet>";
        size_t n = 16385, len = strlen(head);
        char *xml = malloc(len + n * 4 + strlen(foot) + 1);
        memcpy(xml, head, len);
        for (size_t i = 0; i < n; i++, len += 4)
            memcpy(xml + len, "<c/>", 4);
        strcpy(xml + len, foot);
        sheet_error(xml, ASSESS_ERR_INVALID,
                    "row 1: a cell without a reference beyond column XFD");
        free(xml);
    }

    /* the package */
    part no_rel[] = {{"_rels/.rels", ROOT_RELS},
                     {"xl/workbook.xml",
                      "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS
                      "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId9\"/>"
                      "</sheets></workbook>"},
                     {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
                     {NULL, NULL}};
    parts_error(no_rel, ASSESS_ERR_INVALID,
                "mem.xlsx: xl/workbook.xml:1: sheet 'S': relationship 'rId9' is "
                "not in xl/_rels/workbook.xml.rels");
    part no_part[] = {{"_rels/.rels", ROOT_RELS},
                      {"xl/workbook.xml", ONE_SHEET_WB},
                      {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
                      {NULL, NULL}};
    parts_error(no_part, ASSESS_ERR_INVALID,
                "xl/worksheets/sheet1.xml: the part of sheet 'S' is not in the "
                "archive");
    part dup_name[] = {{"_rels/.rels", ROOT_RELS},
                       {"xl/workbook.xml",
                        "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS
                        "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
                        "<sheet name=\"S\" sheetId=\"2\" r:id=\"rId1\"/>"
                        "</sheets></workbook>"},
                       {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
                       {NULL, NULL}};
    parts_error(dup_name, ASSESS_ERR_INVALID, "sheet name 'S' appears twice");
    part external[] = {{"_rels/.rels", ROOT_RELS},
                       {"xl/workbook.xml", ONE_SHEET_WB},
                       {"xl/_rels/workbook.xml.rels",
                        "<Relationships xmlns=\"" PKG_NS "\"><Relationship "
                        "Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\""
                        "file:///etc/passwd\" TargetMode=\"External\"/>"
                        "</Relationships>"},
                       {NULL, NULL}};
    parts_error(external, ASSESS_ERR_INVALID,
                "sheet 'S': relationship 'rId1' points outside the file");
    part wrong_ns[] = {{"xl/workbook.xml",
                        "<workbook xmlns=\"urn:not-excel\"><sheets/></workbook>"},
                       {NULL, NULL}};
    parts_error(wrong_ns, ASSESS_ERR_INVALID,
                "xl/workbook.xml:1: not a SpreadsheetML workbook (root element "
                "<workbook> in namespace urn:not-excel)");
    part no_sheets[] = {{"xl/workbook.xml",
                         "<workbook xmlns=\"" MAIN_NS "\"><sheets/></workbook>"},
                        {NULL, NULL}};
    parts_error(no_sheets, ASSESS_ERR_INVALID, "the workbook has no sheets");
    part missing_wb[] = {{"_rels/.rels",
                          "<Relationships xmlns=\"" PKG_NS "\"><Relationship "
                          "Id=\"r\" Type=\"" REL_NS "/officeDocument\" "
                          "Target=\"xl/book.xml\"/></Relationships>"},
                         {"xl/workbook.xml", ONE_SHEET_WB},
                         {NULL, NULL}};
    parts_error(missing_wb, ASSESS_ERR_INVALID,
                "_rels/.rels: not an XLSX workbook: the workbook part "
                "'xl/book.xml' is not in the archive");
    part xlsb[] = {{"_rels/.rels",
                    "<Relationships xmlns=\"" PKG_NS "\"><Relationship Id=\"r\" "
                    "Type=\"" REL_NS "/officeDocument\" "
                    "Target=\"xl/workbook.bin\"/></Relationships>"},
                   {"xl/workbook.bin", "\x83\x01\x00"},
                   {NULL, NULL}};
    parts_error(xlsb, ASSESS_ERR_INVALID,
                "xl/workbook.bin: a binary workbook (.xlsb) is not supported");
    part climbing[] = {{"../xl/workbook.xml", ONE_SHEET_WB},
                       {"/xl/workbook.xml", ONE_SHEET_WB},
                       {NULL, NULL}};
    parts_error(climbing, ASSESS_ERR_INVALID, "no workbook part");
    part twice[] = {{"xl/workbook.xml", ONE_SHEET_WB},
                    {"XL/WORKBOOK.XML", ONE_SHEET_WB},
                    {NULL, NULL}};
    parts_error(twice, ASSESS_ERR_INVALID, "holds this member twice");
    part bad_rels[] = {{"_rels/.rels", "<Relationships xmlns=\"" PKG_NS "\">"},
                       {NULL, NULL}};
    parts_error(bad_rels, ASSESS_ERR_SYNTAX, "mem.xlsx: _rels/.rels:1: ");
    part rel_no_target[] = {{"_rels/.rels",
                             "<Relationships xmlns=\"" PKG_NS "\">\n"
                             "<Relationship Id=\"r\" Type=\"t\"/></Relationships>"},
                            {NULL, NULL}};
    parts_error(rel_no_target, ASSESS_ERR_INVALID,
                "_rels/.rels:2: a relationship without Target");
    part dup_prop[] = {{"xl/workbook.xml", ONE_SHEET_WB},
                       {"docProps/custom.xml",
                        "<Properties xmlns=\"http://schemas.openxmlformats.org/"
                        "officeDocument/2006/custom-properties\" xmlns:vt=\"http:"
                        "//schemas.openxmlformats.org/officeDocument/2006/"
                        "docPropsVTypes\"><property name=\"a\"><vt:i4>1</vt:i4>"
                        "</property><property name=\"a\"><vt:i4>2</vt:i4>"
                        "</property></Properties>"},
                       {NULL, NULL}};
    parts_error(dup_prop, ASSESS_ERR_INVALID,
                "docProps/custom.xml:1: custom property 'a' appears twice");
    part many_sheets[] = {{"xl/workbook.xml", NULL}, {NULL, NULL}};
    {
        size_t cap = 100 + 1025 * 64, len = 0;
        char *wb = malloc(cap);
        len += (size_t)snprintf(wb + len, cap - len,
                                "<workbook xmlns=\"" MAIN_NS "\"><sheets>");
        for (int i = 0; i < 1025; i++)
            len += (size_t)snprintf(wb + len, cap - len,
                                    "<sheet name=\"s%d\" sheetId=\"%d\"/>", i, i + 1);
        snprintf(wb + len, cap - len, "</sheets></workbook>");
        many_sheets[0].data = wb;
        parts_error(many_sheets, ASSESS_ERR_LIMIT, "more than 1024 sheets");
        free(wb);
    }

    /* a workbook part beyond the bound of the parts parsed whole */
    {
        size_t pad = ((size_t)ASSESS_XLSX_MAX_PART_BYTES) + 16;
        const char *head = "<workbook xmlns=\"" MAIN_NS "\"><sheets/>";
        char *wb = malloc(strlen(head) + pad + 16);
        strcpy(wb, head);
        memset(wb + strlen(head), ' ', pad);
        strcpy(wb + strlen(head) + pad, "</workbook>");
        part big_wb[] = {{"xl/workbook.xml", wb}, {NULL, NULL}};
        parts_error(big_wb, ASSESS_ERR_LIMIT,
                    "xl/workbook.xml: larger than the limit of 4 MiB for a "
                    "workbook, relationships or properties part");
        free(wb);
    }

    /* not a zip; an OLE file; no data; the API misused */
    assess_diags d;
    assess_diags_init(&d);
    assess_xlsx *x = NULL;
    static const unsigned char ole[16] = {0xD0, 0xCF, 0x11, 0xE0,
                                          0xA1, 0xB1, 0x1A, 0xE1};
    CHECK(assess_xlsx_parse(&x, "old.xls", ole, sizeof ole, &d) ==
              ASSESS_ERR_SYNTAX,
          "an OLE file");
    CHECK(diags_mention(&d, "old.xls: not an XLSX workbook (an OLE compound "
                            "file: a legacy .xls or a password-protected "
                            "workbook)"),
          "OLE message, got '%s'", first_diag(&d));
    assess_diags_release(&d);
    CHECK(assess_xlsx_parse(&x, "empty.xlsx", "", 0, &d) == ASSESS_ERR_SYNTAX &&
              diags_mention(&d, "empty.xlsx: not an XLSX workbook (not a zip "
                                "archive)"),
          "an empty file, got '%s'", first_diag(&d));
    assess_diags_release(&d);
    CHECK(assess_xlsx_parse(NULL, "x", "", 0, &d) == ASSESS_ERR_USAGE,
          "no output pointer");
    CHECK(assess_xlsx_parse(&x, NULL, NULL, 5, &d) == ASSESS_ERR_USAGE && !x,
          "no data");
    CHECK(assess_xlsx_parse(&x, "big.xlsx", "", (size_t)ASSESS_XLSX_MAX_BYTES + 1,
                            &d) == ASSESS_ERR_LIMIT &&
              diags_mention(&d, "big.xlsx: larger than the limit of 64 MiB"),
          "a zip over 64 MiB, got '%s'", first_diag(&d));
    assess_diags_release(&d);
    CHECK(assess_xlsx_sheet_count(NULL) == 0 && !assess_xlsx_sheet_name(NULL, 0) &&
              assess_xlsx_cell_count(NULL, 0) == 0 &&
              !assess_xlsx_custom_property(NULL, "a") &&
              assess_xlsx_sheet_find(NULL, "a") == -1,
          "accessors accept NULL");
    assess_xlsx_free(NULL);
}

/* More than ASSESS_XLSX_MAX_MEMBERS members (empty ones). */
static void too_many_members(void)
{
    size_t n = ASSESS_XLSX_MAX_MEMBERS + 1;
    part *parts = calloc(n + 1, sizeof *parts);
    char (*names)[16] = calloc(n, sizeof *names);
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "m%zu", i);
        parts[i].name = names[i];
        parts[i].data = "";
    }
    parts_error(parts, ASSESS_ERR_LIMIT, "mem.xlsx: more than 10000 zip members");
    free(parts);
    free(names);
}

/* Accepted oddities, built here. */
static void built_ok(void)
{
    part parts[] = {
        {"_rels/.rels", ROOT_RELS},
        {"xl\\workbook.xml", ONE_SHEET_WB}, /* a Windows writer's separator */
        {"./xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
        {"xl/worksheets/sheet1.xml",
         SHEET("<row r=\"5\"><c><v>1</v></c></row>"
               "<row><c t=\"inlineStr\"><is><t> </t></is></c>"
               "<c t=\"inlineStr\"><is><t><![CDATA[a<b]]></t></is></c>"
               "<c t=\"b\"><v>true</v></c><c t=\"inlineStr\"><is/></c>"
               "<c t=\"e\"/><c r=\"Z6\"/><c/></row>")},
        {"xl/", ""}, /* a directory entry */
        {NULL, NULL}};
    assess_diags d;
    assess_diags_init(&d);
    assess_status st;
    assess_xlsx *x = parse_parts(parts, &d, &st);
    CHECK(st == ASSESS_OK && x, "built workbook: %s", first_diag(&d));
    if (x) {
        cell_num(x, 0, "A5", 1, NULL);        /* row r="5" */
        cell_str(x, 0, "A6", " ", NULL);      /* next row; a blank kept */
        cell_str(x, 0, "B6", "a<b", NULL);    /* CDATA */
        cell_bool(x, 0, "C6", 1);             /* "true" */
        cell_str(x, 0, "D6", "", NULL);       /* an empty inline string */
        const assess_xlsx_cell *c = at(x, 0, "E6");
        CHECK(c && c->type == ASSESS_CELL_BLANK, "E6: t=\"e\" without value");
        c = at(x, 0, "AA6"); /* after r="Z6" */
        CHECK(c && c->type == ASSESS_CELL_BLANK, "AA6 follows Z6");
        CHECK(assess_xlsx_cell_count(x, 0) == 8, "8 cells, got %zu",
              assess_xlsx_cell_count(x, 0));
    }
    assess_xlsx_free(x);
    assess_diags_release(&d);
}

/* A shared formula's followers: Excel's reference syntax, moved. */
static void shared_formulas(void)
{
    part parts[] = {
        {"xl/workbook.xml", ONE_SHEET_WB},
        {"xl/_rels/workbook.xml.rels", ONE_SHEET_RELS},
        {"xl/worksheets/sheet1.xml",
         SHEET("<row r=\"2\"><c r=\"B2\"><f t=\"shared\" ref=\"B2:C4\" si=\"7\">"
               "SUM(Sheet1:Sheet3!A1)&amp;\"say \"\"A1\"\"\"&amp;"
               "Table1[[#This Row],[B1]]&amp;'It''s'!B1&amp;#REF!&amp;A$1&amp;"
               "$A1&amp;R2C2&amp;_xlfn.XLOOKUP(A1,B:B,$C:C)&amp;A1048575"
               "</f></c></row>"
               "<row r=\"4\"><c r=\"C4\"><f t=\"shared\" si=\"7\"/></c></row>")},
        {NULL, NULL}};
    assess_diags d;
    assess_diags_init(&d);
    assess_status st;
    assess_xlsx *x = parse_parts(parts, &d, &st);
    CHECK(st == ASSESS_OK && x, "shared formulas: %s", first_diag(&d));
    const assess_xlsx_cell *c = x ? at(x, 0, "C4") : NULL;
    CHECK(c && c->type == ASSESS_CELL_BLANK, "C4: no cached value");
    /* two rows down, one column right; A1048575 leaves the grid */
    CHECK(c && c->formula &&
              strcmp(c->formula,
                     "SUM(Sheet1:Sheet3!B3)&\"say \"\"A1\"\"\"&"
                     "Table1[[#This Row],[B1]]&'It''s'!C3&#REF!&B$1&$A3&R2C2&"
                     "_xlfn.XLOOKUP(B3,C:C,$C:D)&#REF!") == 0,
          "C4 formula, got '%s'", c && c->formula ? c->formula : "(null)");
    assess_xlsx_free(x);
    assess_diags_release(&d);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_xlsx TESTS_DATA_DIR\n");
        return 2;
    }
    data_dir = argv[1];
    refs();
    libxlsxwriter();
    features();
    strict();
    openpyxl();
    fixture_errors();
    built_errors();
    too_many_members();
    built_ok();
    shared_formulas();
    return check_done("test_xlsx");
}
