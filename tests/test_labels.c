/* test_labels.c - every label the report uses exists in Dutch and English,
   and a labels file with a key missing, an unknown key or the wrong language
   is refused with the key's JSON path.
   usage: test_labels TEMPLATES_DIR DATA_DIR */
#include <string.h>

#include "check.h"
#include "report/labels.h"

static int has_diag(const assess_diags *d, const char *path, const char *msg)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].path && strcmp(d->items[i].path, path) == 0 &&
            strstr(d->items[i].message, msg))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    static const char *const langs[] = {"en", "nl"};
    for (size_t k = 0; k < 2; k++) {
        assess_labels l;
        assess_diags d;
        assess_diags_init(&d);
        assess_status st = assess_labels_load(&l, argv[1], langs[k], &d);
        assess_diags_print(&d, stderr, "labels: ");
        CHECK(st == ASSESS_OK, "st == ASSESS_OK");
        for (size_t i = 0; st == ASSESS_OK && i < LBL_COUNT; i++)
            CHECK(l.text[i] && *l.text[i], "l.text[i] && *l.text[i]");
        if (st == ASSESS_OK) /* the two languages really differ */
            CHECK(strcmp(l.text[LBL_SHEET_SUMMARY],
                         k ? "Samenvatting" : "Summary") == 0, "Summary in the file's language");
        assess_labels_release(&l);
        assess_diags_release(&d);
    }
    /* tests/data/labels/labels.en.json: "sheet.flags" missing, "col.bogus"
       unknown; labels.nl.json says "lang": "en" */
    assess_labels l;
    assess_diags d;
    assess_diags_init(&d);
    CHECK(assess_labels_load(&l, argv[2], "en", &d) == ASSESS_ERR_INVALID, "assess_labels_load(&l, argv[2], \"en\", &d) == ASSESS_ERR_IN");
    CHECK(has_diag(&d, "$.labels['sheet.flags']", "missing label"), "diagnostic");
    CHECK(has_diag(&d, "$.labels['col.bogus']", "unknown label key"), "diagnostic");
    assess_diags_release(&d);
    assess_diags_init(&d);
    CHECK(assess_labels_load(&l, argv[2], "nl", &d) == ASSESS_ERR_INVALID, "assess_labels_load(&l, argv[2], \"nl\", &d) == ASSESS_ERR_IN");
    CHECK(has_diag(&d, "$.lang", "'en' in a file for 'nl'"), "diagnostic");
    assess_diags_release(&d);
    assess_diags_init(&d);
    CHECK(assess_labels_load(&l, argv[2], "de", &d) == ASSESS_ERR_USAGE, "assess_labels_load(&l, argv[2], \"de\", &d) == ASSESS_ERR_US");
    assess_diags_release(&d);
    return check_done("test_labels");
}
