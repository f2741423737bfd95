/*
 * xlsx.h - read the cells of an XLSX workbook (Office Open XML spreadsheet).
 *
 * The reader takes a workbook as Excel, LibreOffice, openpyxl and
 * libxlsxwriter write it (transitional or strict SpreadsheetML) and keeps,
 * per sheet, every cell with its value and formula: numbers, strings
 * (shared, inline, rich text flattened, formula results), booleans, error
 * values and blank cells. It also keeps the custom document properties
 * (docProps/custom.xml). Styles, dates as numbers, merged cells, comments
 * and charts are not interpreted. A workbook is read whole into memory,
 * checked against the limits below and then read-only: it may be shared by
 * threads.
 *
 * The input is untrusted: the zip is read in memory only (nothing is ever
 * written to disk), every size is checked while decompressing rather than
 * taken from the zip headers, XML is parsed without DTDs or entities, and
 * every problem is a diagnostic naming the file, the zip member and, when
 * known, the line and the cell, e.g.
 * `report.xlsx: xl/worksheets/sheet3.xml:12: cell B7: shared string index
 * 40 out of range (12 shared strings)`.
 *
 * Example: print the cells of the sheet "Summary".
 *
 *     assess_diags d;
 *     assess_xlsx *x = NULL;
 *     assess_diags_init(&d);
 *     if (assess_xlsx_open(&x, "report.xlsx", &d) == ASSESS_OK) {
 *         long s = assess_xlsx_sheet_find(x, "Summary");
 *         for (size_t k = 0; s >= 0 && k < assess_xlsx_cell_count(x, (size_t)s); k++) {
 *             const assess_xlsx_cell *c = assess_xlsx_cell_at(x, (size_t)s, k);
 *             char ref[16];
 *             assess_xlsx_cell_name(ref, c->row, c->col);
 *             if (c->type == ASSESS_CELL_NUMBER)
 *                 printf("%s = %g\n", ref, c->number);
 *             else if (c->text)
 *                 printf("%s = %s\n", ref, c->text);
 *         }
 *     }
 *     assess_diags_print(&d, stderr, "error: ");
 *     assess_xlsx_free(x);
 *     assess_diags_release(&d);
 */
#ifndef ASSESS_XLSX_H
#define ASSESS_XLSX_H

#include "assess/assess.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Limits. Exceeding one is ASSESS_ERR_LIMIT with a message naming it.
 * Member sizes are counted while decompressing (zip bombs declare small
 * sizes); the rows and columns are Excel's own grid, A1 to XFD1048576.
 * Sheets and shared strings are streamed, so memory follows the cells kept
 * (about 40 bytes each plus their text); the small parts are parsed whole,
 * hence their own bound. The XML parsed counts against the total too (many
 * sheets may name one part), and the formulas made for the cells of shared
 * formulas are bounded at 64 MiB of text.
 */
#define ASSESS_XLSX_MAX_BYTES (ASSESS_MAX_FILE_BYTES * 4u) /* the zip: 64 MiB */
#define ASSESS_XLSX_MAX_MEMBER_BYTES (64u << 20) /* one member, uncompressed */
#define ASSESS_XLSX_MAX_TOTAL_BYTES (256u << 20) /* all members, uncompressed */
#define ASSESS_XLSX_MAX_PART_BYTES (4u << 20)    /* the workbook part, a .rels
                                                    or docProps/custom.xml */
#define ASSESS_XLSX_MAX_MEMBERS 10000            /* zip members */
#define ASSESS_XLSX_MAX_SHEETS 1024              /* sheets in a workbook */
#define ASSESS_XLSX_MAX_CELLS 4000000u           /* cells, all sheets */
#define ASSESS_XLSX_MAX_ROWS 1048576u            /* rows 1 to 1048576 */
#define ASSESS_XLSX_MAX_COLS 16384u              /* columns A to XFD */

typedef struct assess_xlsx assess_xlsx;

/** The type of a cell's value (for a formula: of its cached result). */
typedef enum {
    ASSESS_CELL_NUMBER, /* t="n" or no t; dates are numbers too (serials) */
    ASSESS_CELL_STRING, /* t="s", "inlineStr", "str" and "d" (ISO text) */
    ASSESS_CELL_BOOL,   /* t="b" */
    ASSESS_CELL_ERROR,  /* t="e", e.g. "#DIV/0!" */
    ASSESS_CELL_BLANK   /* no value: a formula without a cached value, or a
                           styled empty cell */
} assess_cell_type;

/** One cell. Strings are owned by the workbook and live as long as it. */
typedef struct assess_xlsx_cell {
    unsigned row, col;     /* 0-based: A1 is 0,0 */
    assess_cell_type type; /* of the value */
    double number;         /* NUMBER: the value; BOOL: 0 or 1; else 0 */
    const char *text;      /* STRING: the text, UTF-8 (`_xHHHH_` escapes
                              decoded); NUMBER: the value as written in the
                              file (e.g. "0.1", "1E-3"); ERROR: the error
                              value ("#DIV/0!"); BOOL, BLANK: NULL */
    const char *formula;   /* the formula without a leading '=', or NULL.
                              A cell of an Excel shared formula (the file
                              holds the text on the first cell only) gets
                              that text with its relative references moved,
                              as Excel shows it; "" when the sheet holds no
                              such first cell */
} assess_xlsx_cell;

/**
 * @brief Read an XLSX workbook from a file.
 * @param out   receives the workbook; the caller owns it and frees it with
 *              assess_xlsx_free(). Set to NULL on error.
 * @param path  the file; diagnostics name it as given
 * @param d     diagnostics, may be NULL
 * @return ASSESS_OK; ASSESS_ERR_IO (cannot read), ASSESS_ERR_LIMIT (a limit
 *         above), ASSESS_ERR_SYNTAX (not a zip, damaged zip, malformed XML),
 *         ASSESS_ERR_INVALID (no workbook part, a bad cell reference, a
 *         shared string index out of range, ...), ASSESS_ERR_NOMEM. The
 *         first problem stops the reading and is the one reported.
 */
assess_status assess_xlsx_open(assess_xlsx **out, const char *path,
                               assess_diags *d);

/**
 * @brief As assess_xlsx_open() for a workbook held in memory.
 * @param name  the name diagnostics use (a file name), may be NULL
 * @param data  the zip bytes; not kept after the call
 * @param size  their number, at most ASSESS_XLSX_MAX_BYTES
 */
assess_status assess_xlsx_parse(assess_xlsx **out, const char *name,
                                const void *data, size_t size,
                                assess_diags *d);

/** @brief Free a workbook and all its strings; NULL is allowed. */
void assess_xlsx_free(assess_xlsx *x);

/** @brief Number of sheets (worksheets and chart sheets), in tab order. */
size_t assess_xlsx_sheet_count(const assess_xlsx *x);

/** @brief The name of sheet `sheet` (0-based, tab order); NULL when out of
 *  range. Owned by the workbook. */
const char *assess_xlsx_sheet_name(const assess_xlsx *x, size_t sheet);

/** @brief 0 for a visible sheet, 1 for state="hidden", 2 for
 *  state="veryHidden" (hidden from Excel's Unhide dialog too); 0 when out
 *  of range. */
int assess_xlsx_sheet_hidden(const assess_xlsx *x, size_t sheet);

/** @brief The index of the sheet named exactly `name` (byte comparison),
 *  or -1. */
long assess_xlsx_sheet_find(const assess_xlsx *x, const char *name);

/** @brief Number of cells of a sheet (a chart sheet has none); 0 when out
 *  of range. */
size_t assess_xlsx_cell_count(const assess_xlsx *x, size_t sheet);

/** @brief The k-th cell of a sheet, cells sorted by row then column; NULL
 *  when out of range. Owned by the workbook. */
const assess_xlsx_cell *assess_xlsx_cell_at(const assess_xlsx *x,
                                            size_t sheet, size_t k);

/** @brief The cell at (row, col), 0-based, by binary search; NULL when the
 *  file has no such cell. */
const assess_xlsx_cell *assess_xlsx_get(const assess_xlsx *x, size_t sheet,
                                        unsigned row, unsigned col);

/**
 * @brief The custom document property `name` (docProps/custom.xml, exact
 * name), as the text the file holds: vt:lpwstr "Eve", vt:r8 "12.5", vt:i4
 * "7", vt:bool "true", vt:filetime "2026-11-22T10:30:00Z". NULL when
 * absent. Owned by the workbook.
 */
const char *assess_xlsx_custom_property(const assess_xlsx *x,
                                        const char *name);

/** @brief Number of custom properties, and the name and value of the k-th
 *  (file order); NULL when out of range. */
size_t assess_xlsx_custom_property_count(const assess_xlsx *x);
const char *assess_xlsx_custom_property_name(const assess_xlsx *x, size_t k);
const char *assess_xlsx_custom_property_value(const assess_xlsx *x, size_t k);

/**
 * @brief Write the A1-style name of a cell: (0, 2) gives "C1", (11, 27)
 * "AB12". A cell outside Excel's grid gives "#REF!".
 */
void assess_xlsx_cell_name(char buf[16], unsigned row, unsigned col);

/**
 * @brief Parse an A1-style reference without '$': "AB12" gives row 11,
 * col 27 (0-based). Letters may be lower case.
 * @return 0 on success; -1 when `ref` is not a reference ("12", "A0",
 *         "A1:B2"); 1 when it lies beyond XFD1048576. *row and *col are set
 *         only on success.
 */
int assess_xlsx_parse_ref(const char *ref, unsigned *row, unsigned *col);

#ifdef __cplusplus
}
#endif

#endif
