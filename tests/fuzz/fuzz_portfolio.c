/* fuzz_portfolio.c - libFuzzer target: the buyer portfolio reader and the
   share it computes. Any input must give a portfolio or a diagnostic, and a
   share between 0 and 100. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "assess/registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    assess_diags d;
    assess_portfolio *p = NULL;
    assess_diags_init(&d);
    assess_status st = assess_portfolio_parse(&p, "fuzz.json", (const char *)data,
                                              size, &d);
    if ((st == ASSESS_OK) != (p != NULL) || (st != ASSESS_OK && d.count == 0))
        abort();
    if (p) {
        double s = assess_portfolio_share(p, "altocumo-holdings", "Altocumo Holdings, Inc.");
        if (!(s >= 0 && s <= 100.0 + 1e-9) && !isnan(s))
            abort();
    }
    assess_portfolio_free(p);
    assess_diags_release(&d);
    return 0;
}
