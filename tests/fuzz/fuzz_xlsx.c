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

#include "assess/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#include "members_zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *zip;
    const void *bytes;
    size_t zsize;
    if (!fuzz_zip(data, size, &bytes, &zsize, &zip))
        return 0;
    assess_diags d;
    assess_xlsx *x = NULL;
    assess_diags_init(&d);
    assess_status st = assess_xlsx_parse(&x, "fuzz.xlsx", bytes,
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
