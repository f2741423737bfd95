/* fuzz_bid.c - libFuzzer target: the bid declaration reader and the fact
   mapping (assess_bid_parse). Any input must give a bid or a diagnostic. */
#include <stdint.h>
#include <stdlib.h>

#include "assess/bid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    assess_diags d;
    assess_bid *bid = NULL;
    assess_diags_init(&d);
    assess_status st = assess_bid_parse(&bid, "fuzz", (const char *)data, size, &d);
    if ((st == ASSESS_OK) != (bid != NULL) || (st != ASSESS_OK && d.count == 0))
        abort(); /* an error must always be explained */
    assess_bid_free(bid);
    assess_diags_release(&d);
    return 0;
}
