/* fuzz_questionnaire.c - libFuzzer target: the questionnaire importer over
   any workbook (a zip, or the text form of members_zip.h). Any input must
   give a bid declaration or a diagnostic; a declaration it gives must be
   one the bid reader accepts. Rules come from $ASSESS_RULES or the source
   tree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assess/bid.h"
#include "assess/questionnaire.h"

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
    assess_diags_init(&d);
    char *json = NULL;
    assess_status st = assess_questionnaire_parse(&json, "fuzz.xlsx",
                                                  bytes, zsize,
                                                  NULL, &d);
    if ((st == ASSESS_OK) != (json != NULL) || (st != ASSESS_OK && d.count == 0))
        abort();
    if (json) {
        assess_bid *bid = NULL;
        if (assess_bid_parse(&bid, "fuzz.json", json, strlen(json), &d) !=
            ASSESS_OK)
            abort();
        assess_bid_free(bid);
    }
    free(json);
    free(zip);
    assess_diags_release(&d);
    return 0;
}
