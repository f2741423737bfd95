/* fuzz_xlsx.c - libFuzzer target: the XLSX reader (zip, relationships,
   SpreadsheetML) and every accessor on what it read. Any input must give a
   workbook or a diagnostic.

   An input is a zip as it is, unless it starts with "#members\n": then it
   is a list of members, each a line "@@ NAME" followed by its bytes up to
   the next "\n@@ " (tests/data/xlsx/make_fixtures.py writes such seeds),
   which this target stores into a zip first. Mutations then reach the XML
   parts instead of dying on the zip's CRCs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "assess/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char members_magic[] = "#members\n";

/* Find "\n@@ " in [p, end); end when absent. */
static const char *next_member(const char *p, const char *end)
{
    for (; p + 4 <= end; p++)
        if (memcmp(p, "\n@@ ", 4) == 0)
            return p;
    return end;
}

/* Store the members of the text form into a zip; NULL when it cannot. */
static unsigned char *members_zip(const char *text, size_t size, size_t *out)
{
    const char *end = text + size;
    size_t cap = size * 2 + 65536;
    unsigned char *buf = malloc(cap);
    struct archive *a = archive_write_new();
    if (!buf || !a ||
        archive_write_set_format_zip(a) != ARCHIVE_OK ||
        archive_write_set_format_option(a, "zip", "compression", "store") !=
            ARCHIVE_OK ||
        archive_write_open_memory(a, buf, cap, out) != ARCHIVE_OK) {
        archive_write_free(a);
        free(buf);
        return NULL;
    }
    const char *p = text + sizeof members_magic - 1;
    if (end - p >= 3 && memcmp(p, "@@ ", 3) == 0)
        p--; /* the first "@@ " follows the magic's newline */
    else
        p = next_member(p, end);
    int ok = 1;
    while (ok && p < end) {
        const char *name = p + 4, *nl = memchr(name, '\n', (size_t)(end - name));
        if (!nl)
            break;
        const char *body = nl + 1, *stop = next_member(body, end);
        size_t namelen = (size_t)(nl - name);
        char *n = malloc(namelen + 1);
        struct archive_entry *e = archive_entry_new();
        if (!n || !e) {
            ok = 0;
        } else {
            memcpy(n, name, namelen);
            n[namelen] = '\0';
            archive_entry_set_pathname(e, n);
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_perm(e, 0644);
            archive_entry_set_size(e, (la_int64_t)(stop - body));
            ok = archive_write_header(a, e) >= ARCHIVE_WARN &&
                 archive_write_data(a, body, (size_t)(stop - body)) ==
                     (la_ssize_t)(stop - body);
        }
        archive_entry_free(e);
        free(n);
        p = stop;
    }
    if (archive_write_close(a) != ARCHIVE_OK)
        ok = 0;
    archive_write_free(a);
    if (!ok) {
        free(buf);
        return NULL;
    }
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *zip = NULL;
    size_t zsize = size;
    const size_t m = sizeof members_magic - 1;
    if (size >= m && memcmp(data, members_magic, m) == 0) {
        zip = members_zip((const char *)data, size, &zsize);
        if (!zip)
            return 0;
    }
    assess_diags d;
    assess_xlsx *x = NULL;
    assess_diags_init(&d);
    assess_status st = assess_xlsx_parse(&x, "fuzz.xlsx", zip ? zip : data,
                                         zsize, &d);
    if ((st == ASSESS_OK) != (x != NULL) || (st != ASSESS_OK && d.count == 0))
        abort();
    for (size_t s = 0; s < assess_xlsx_sheet_count(x); s++) {
        const char *name = assess_xlsx_sheet_name(x, s);
        if (!name || assess_xlsx_sheet_find(x, name) != (long)s)
            abort();
        const assess_xlsx_cell *prev = NULL;
        for (size_t k = 0; k < assess_xlsx_cell_count(x, s); k++) {
            const assess_xlsx_cell *c = assess_xlsx_cell_at(x, s, k);
            char ref[16];
            unsigned row, col;
            assess_xlsx_cell_name(ref, c->row, c->col);
            if (assess_xlsx_parse_ref(ref, &row, &col) != 0 || row != c->row ||
                col != c->col || assess_xlsx_get(x, s, c->row, c->col) != c)
                abort();
            if (prev && (prev->row > c->row ||
                         (prev->row == c->row && prev->col >= c->col)))
                abort(); /* sorted, no duplicates */
            if ((c->type == ASSESS_CELL_STRING || c->type == ASSESS_CELL_NUMBER ||
                 c->type == ASSESS_CELL_ERROR) && !c->text)
                abort();
            if (c->text)
                (void)strlen(c->text);
            if (c->formula)
                (void)strlen(c->formula);
            prev = c;
        }
    }
    for (size_t k = 0; k < assess_xlsx_custom_property_count(x); k++)
        if (assess_xlsx_custom_property(x, assess_xlsx_custom_property_name(x, k)) !=
            assess_xlsx_custom_property_value(x, k))
            abort();
    assess_xlsx_free(x);
    assess_diags_release(&d);
    free(zip);
    return 0;
}
