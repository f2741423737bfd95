/*
 * walk.c - the members of a package read in place with libarchive
 * (walk.h): every member is delivered with its bytes or with the reason it
 * cannot be read; nothing is unpacked to disk, and the size a member
 * declares is not trusted (its bytes are counted while unpacking).
 */
#define _POSIX_C_SOURCE 200809L
#include "batch/walk.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "assess/notice.h"
#include "util/util.h"

/* Is the file a package? Told by its first bytes. */
int assess_is_archive(const char *path)
{
    unsigned char h[512];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, h, sizeof h);
    close(fd);
    if (n < 4)
        return 0;
    return (h[0] == 0x1F && h[1] == 0x8B) ||                  /* gzip */
           (h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) || /* zip */
           (h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') ||    /* bzip2 */
           (n >= 6 && memcmp(h, "\xFD" "7zXZ\0", 6) == 0) ||  /* xz */
           (h[0] == 0x28 && h[1] == 0xB5 && h[2] == 0x2F && h[3] == 0xFD) ||
           (n >= 262 && memcmp(h + 257, "ustar", 5) == 0);   /* tar */
}

/* Each member of an opened archive, in archive order, to fn: its bytes
   (malloc'd, handed over) or why it cannot be read. */
void assess_archive_walk(struct archive *a, assess_member_fn fn, void *ctx)
{
    unsigned long long used = 0;
    size_t members = 0;
    for (;;) {
        struct archive_entry *e;
        int rc = archive_read_next_header(a, &e);
        if (rc == ARCHIVE_EOF)
            break;
        la_int64_t at = archive_filter_bytes(a, -1);
        unsigned long long pos = at > 0 ? (unsigned long long)at : 0;
        unsigned long long weight = pos > used ? pos - used : 0;
        used = pos > used ? pos : used;
        if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
            /* RETRY (a damaged header), FAILED or FATAL: what follows a
               damaged header cannot be trusted to be a member */
            char msg[512];
            snprintf(msg, sizeof msg, "the archive is broken after %zu "
                     "member%s: %s; the rest of it cannot be read",
                     members, members == 1 ? "" : "s",
                     archive_error_string(a) ? archive_error_string(a)
                                             : "unknown error");
            fn(ctx, NULL, NULL, 0, weight, msg);
            break;
        }
        const char *name = archive_entry_pathname(e);
        char fallback[32];
        if (!name) {
            snprintf(fallback, sizeof fallback, "member %zu", members + 1);
            name = fallback;
        }
        mode_t type = archive_entry_filetype(e);
        if (type == AE_IFDIR)
            continue; /* a folder is not an input */
        members++;
        if (type != AE_IFREG) {
            if (fn(ctx, name, NULL, 0, weight,
                   "not a regular file in the archive (a link or device): "
                   "not read"))
                break;
            continue;
        }
        if (archive_entry_size_is_set(e) &&
            archive_entry_size(e) > (la_int64_t)ASSESS_MAX_NOTICE_BYTES) {
            char msg[128];
            snprintf(msg, sizeof msg, "%lld bytes is more than the limit of "
                     "%u for one notice",
                     (long long)archive_entry_size(e), ASSESS_MAX_NOTICE_BYTES);
            if (fn(ctx, name, NULL, 0, weight, msg))
                break;
            continue; /* the next header skips the data */
        }
        /* the member's bytes, bounded whatever its header says */
        assess_buf data = {0};
        char chunk[65536];
        la_ssize_t n;
        int too_big = 0;
        while ((n = archive_read_data(a, chunk, sizeof chunk)) > 0) {
            if (data.len + (size_t)n > ASSESS_MAX_NOTICE_BYTES) {
                too_big = 1;
                break;
            }
            assess_buf_add(&data, chunk, (size_t)n);
        }
        const char *err = NULL;
        char msg[512];
        if (too_big) {
            snprintf(msg, sizeof msg, "more than the limit of %u bytes for "
                     "one notice when unpacked", ASSESS_MAX_NOTICE_BYTES);
            err = msg;
        } else if (n < 0) {
            snprintf(msg, sizeof msg, "cannot unpack: %s",
                     archive_error_string(a) ? archive_error_string(a)
                                             : "unknown error");
            err = msg;
        } else if (data.failed) {
            err = "out of memory";
        }
        char *bytes = NULL;
        if (!err) {
            bytes = data.data ? data.data : assess_strdup("");
            data.data = NULL;
            if (!bytes)
                err = "out of memory";
        }
        int stop = fn(ctx, name, bytes, err ? 0 : data.len, weight, err);
        assess_buf_release(&data);
        if (stop || (n < 0 && !too_big))
            break; /* the stream is broken: said in the member's reason */
    }
}

struct archive *assess_archive_new(void)
{
    struct archive *a = archive_read_new();
    if (a) {
        archive_read_support_filter_all(a);
        archive_read_support_format_tar(a);
        archive_read_support_format_zip(a);
        archive_read_support_format_raw(a); /* a single compressed notice */
    }
    return a;
}

