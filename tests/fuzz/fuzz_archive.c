/* fuzz_archive.c - libFuzzer target: the archive walker of `assess batch`
   (tar, zip, gzip, bzip2, xz, raw) and the notice reader on every member,
   as batch does. Every member must come out as bytes or as a reason. */
#include <stdint.h>

#include <archive.h>

#include "batch/walk.h"
#include "notice_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_member(void *ctx, const char *name, char *bytes, size_t size,
                     unsigned long long weight, const char *error)
{
    (void)ctx;
    (void)weight;
    if (!bytes == !error) /* exactly one of the two */
        abort();
    if (bytes)
        fuzz_notice_read(name ? name : "member", bytes, size);
    free(bytes);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct archive *a = assess_archive_new();
    if (!a)
        return 0;
    if (archive_read_open_memory(a, data, size) == ARCHIVE_OK)
        assess_archive_walk(a, on_member, NULL);
    archive_read_free(a);
    return 0;
}
