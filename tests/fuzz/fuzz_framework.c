/* fuzz_framework.c - libFuzzer target: the framework loader, and for a
   framework that loads, compiling its rules into an engine. */
#include <stdint.h>
#include <stdlib.h>

#include "assess/engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    assess_diags d;
    assess_framework *fw = NULL;
    assess_engine *e = NULL;
    assess_diags_init(&d);
    assess_status st = assess_framework_parse(&fw, "fuzz", (const char *)data, size, &d);
    if ((st == ASSESS_OK) != (fw != NULL) || (st != ASSESS_OK && d.count == 0))
        abort();
    if (fw && assess_engine_new(&e, fw, NULL, &d) == ASSESS_OK)
        assess_engine_check(e, &d);
    assess_engine_free(e);
    assess_framework_free(fw);
    assess_diags_release(&d);
    return 0;
}
