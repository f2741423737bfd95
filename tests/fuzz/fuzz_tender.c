/* fuzz_tender.c - libFuzzer target: the tender profile reader. */
#include <stdint.h>
#include <stdlib.h>

#include "assess/bid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    assess_diags d;
    assess_tender *t = NULL;
    assess_diags_init(&d);
    assess_status st = assess_tender_parse(&t, "fuzz", (const char *)data, size, &d);
    if ((st == ASSESS_OK) != (t != NULL) || (st != ASSESS_OK && d.count == 0))
        abort();
    assess_tender_free(t);
    assess_diags_release(&d);
    return 0;
}
