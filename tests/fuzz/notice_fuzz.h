/* notice_fuzz.h - what the notice fuzz targets share: the registry of the
   source tree, loaded once (winners are resolved to supplier groups, so
   the fuzzer reaches that code too), and one notice read with the
   invariants every input must keep. */
#ifndef ASSESS_NOTICE_FUZZ_H
#define ASSESS_NOTICE_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/notice.h"

#ifndef ASSESS_FUZZ_RULES_DIR
#define ASSESS_FUZZ_RULES_DIR "rules"
#endif

static assess_notice_reader *fuzz_reader(void)
{
    static assess_registry *reg;
    static assess_notice_reader *r;
    if (!r) {
        if (assess_registry_load(&reg, ASSESS_FUZZ_RULES_DIR "/registry", NULL) !=
                ASSESS_OK ||
            assess_notice_reader_new(&r, reg, NULL) != ASSESS_OK)
            abort();
    }
    return r;
}

/* Every notice must write as JSON; an input either gives notices or says
   why not. */
static int fuzz_notice_cb(void *ctx, const assess_notice *n, const char *where)
{
    (void)where;
    FILE *sink = ctx;
    if (assess_notice_write_json(n, sink, 1) != 0)
        abort();
    return 0;
}

static void fuzz_notice_read(const char *name, const char *data, size_t size)
{
    assess_diags d;
    assess_diags_init(&d);
    FILE *sink = fopen("/dev/null", "w");
    if (!sink)
        abort();
    assess_status st = assess_notice_read(fuzz_reader(), name, data, size,
                                          fuzz_notice_cb, sink, &d);
    if (st != ASSESS_OK && d.count == 0 && d.dropped == 0)
        abort();
    fclose(sink);
    assess_diags_release(&d);
}

#endif
