/* fuzz_sanctions.c - libFuzzer target: the EU sanctions list reader (XML,
   no DTD, no entities) and name matching on what it read. Any input must
   give a list or a diagnostic. */
#include <stdint.h>
#include <stdlib.h>

#include "assess/registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    assess_diags d;
    assess_sanctions *s = NULL;
    assess_diags_init(&d);
    assess_status st = assess_sanctions_parse(&s, "fuzz", (const char *)data,
                                              size, &d);
    if ((st == ASSESS_OK) != (s != NULL) || (st != ASSESS_OK && d.count == 0))
        abort();
    if (s) {
        assess_sanction_hit h[4];
        assess_sanctions_match(s, "Nordgrad Vychislitelnye Sistemy OOO", h, 4);
        assess_sanctions_match(s, "ООО «Нордград»", h, 4);
    }
    assess_sanctions_free(s);
    assess_diags_release(&d);
    return 0;
}
