/* fuzz_registry.c - libFuzzer target: the registry loader on an arbitrary
   entities.json beside a small countries.json, then `registry show` of the
   first entity. The loader reads files, so the input is written to a
   temporary directory made once per process. Any input must give a
   registry or a diagnostic. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char countries[] =
    "{\"countries\": [{\"alpha2\": \"NL\", \"groups\": [\"EU\", \"EEA\"], "
    "\"risk_class\": \"A\", \"name\": {\"en\": \"Netherlands\", \"nl\": "
    "\"Nederland\"}}, {\"alpha2\": \"US\", \"groups\": [\"GPA\"], "
    "\"risk_class\": \"C\", \"name\": {\"en\": \"United States\", \"nl\": "
    "\"Verenigde Staten\"}}]}";

static char dir[64];

static void cleanup(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/countries.json", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/entities.json", dir);
    remove(path);
    remove(dir);
}

static int write_file(const char *name, const void *data, size_t size)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    int ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fuzz-registry-XXXXXX");
        if (!mkdtemp(dir) || !write_file("countries.json", countries,
                                         sizeof countries - 1))
            abort();
        atexit(cleanup);
    }
    if (!write_file("entities.json", data, size))
        abort();
    assess_diags d;
    assess_registry *r = NULL;
    assess_diags_init(&d);
    assess_status st = assess_registry_load(&r, dir, &d);
    if ((st == ASSESS_OK) != (r != NULL) || (st != ASSESS_OK && d.count == 0))
        abort();
    if (r && assess_registry_entity_count(r)) {
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            assess_registry_show(r, null, assess_registry_entity_at(r, 0)->id,
                                 "2026-11-16", &d);
            fclose(null);
        }
    }
    assess_registry_free(r);
    assess_diags_release(&d);
    return 0;
}
