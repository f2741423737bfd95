/* fuzz_checks.c - libFuzzer target: the archive checks loader (the files in
   rules/checks: sets, parameters, XPath conditions) and, when a file
   loads, its checks evaluated over one notice. The input goes through a
   private file, as the loader reads files. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "batch/checks.h"
#include "notice_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char notice[] =
    "{\"ocid\":\"o\",\"id\":\"1\",\"tag\":[\"award\"],\"date\":\"2025-01-01\","
    "\"tender\":{\"description\":\"Microsoft cloud hosting\",\"items\":[{\"id\":"
    "\"1\",\"classification\":{\"scheme\":\"CPV\",\"id\":\"72317000\"}}]},"
    "\"parties\":[{\"id\":\"S\",\"name\":\"Acme\",\"address\":{\"country\":\"US\"}}],"
    "\"awards\":[{\"id\":\"a\",\"suppliers\":[{\"id\":\"S\"}]}]}";

static int eval(void *ctx, const assess_notice *n, const char *where)
{
    assess_checker *k = ctx;
    unsigned char fired[ASSESS_MAX_CHECKS];
    const char *err;
    (void)where;
    if (assess_checker_notice(k, n))
        for (size_t i = 0; i == 0 || i < n->n_lots; i++)
            assess_checker_lot(k, i, fired, &err);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    assess_notice_reader *r = fuzz_reader(); /* loads the registry */
    static assess_registry *reg;
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz-checks-%ld.json", (long)getpid());
        if (assess_registry_load(&reg, ASSESS_FUZZ_RULES_DIR "/registry", NULL) !=
            ASSESS_OK)
            abort();
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    assess_diags d;
    assess_diags_init(&d);
    assess_checkset *c = NULL;
    assess_status st = assess_checkset_load(&c, path, reg, &d);
    if ((st == ASSESS_OK) != (c != NULL) || (st != ASSESS_OK && d.count == 0))
        abort();
    assess_checker *k = NULL;
    if (c && assess_checker_new(&k, c, NULL) == ASSESS_OK) {
        assess_notice_read(r, "notice.json", notice, sizeof notice - 1, eval, k,
                           NULL);
        assess_checker_free(k);
    }
    assess_checkset_free(c);
    assess_diags_release(&d);
    return 0;
}
