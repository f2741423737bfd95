/* fuzz_part.c - libFuzzer target: the reader of batch partial states
   (assess merge, assess/batch/merge.c). The input is written to a private
   file and merged as the only part of a one-shard run; any input must be
   merged or refused with a diagnostic, never crash. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>

#include "assess/batch.h"

#ifndef ASSESS_FUZZ_RULES_DIR
#define ASSESS_FUZZ_RULES_DIR "rules"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static assess_session *s;
    static char path[64];
    if (!s) {
        int fd;
        snprintf(path, sizeof path, "/tmp/fuzz-part-%ld.jsonl", (long)getpid());
        if (assess_session_new(&s, ASSESS_FUZZ_RULES_DIR, NULL) != ASSESS_OK ||
            (fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
            abort();
        close(fd);
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    assess_diags d;
    assess_diags_init(&d);
    /* JSON lines only: the registry for the aggregates is not loaded per
       input (the aggregates take rows the reader has checked) */
    assess_batch_options o = {.jsonl = "/dev/null"};
    assess_batch_stats st;
    const char *parts[] = {path};
    assess_status r = assess_session_merge(s, parts, 1, &o, &st, &d);
    if (r != ASSESS_OK && d.count == 0)
        abort();
    assess_diags_release(&d);
    return 0;
}
