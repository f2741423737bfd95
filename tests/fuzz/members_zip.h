/* members_zip.h - the fuzz targets' text form of a zip (test code, not
   installed): an input starting with "#members\n" is a list of members,
   each a line "@@ NAME" followed by its bytes up to the next "\n@@ ";
   members_zip() stores them into a zip, so that mutations reach the XML
   parts instead of dying on the zip's CRCs. */
#ifndef ASSESS_FUZZ_MEMBERS_ZIP_H
#define ASSESS_FUZZ_MEMBERS_ZIP_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

static const char members_magic[] = "#members\n";

/* Find "\n@@ " in [p, end); end when absent. */
static const char *next_member(const char *p, const char *end)
{
    for (; p + 4 <= end; p++)
        if (memcmp(p, "\n@@ ", 4) == 0)
            return p;
    return end;
}

/* Store the members of the text form into a zip; NULL when it cannot. */
static unsigned char *members_zip(const char *text, size_t size, size_t *out)
{
    const char *end = text + size;
    size_t cap = size * 2 + 65536;
    unsigned char *buf = malloc(cap);
    struct archive *a = archive_write_new();
    if (!buf || !a ||
        archive_write_set_format_zip(a) != ARCHIVE_OK ||
        archive_write_set_format_option(a, "zip", "compression", "store") !=
            ARCHIVE_OK ||
        archive_write_open_memory(a, buf, cap, out) != ARCHIVE_OK) {
        archive_write_free(a);
        free(buf);
        return NULL;
    }
    const char *p = text + sizeof members_magic - 1;
    if (end - p >= 3 && memcmp(p, "@@ ", 3) == 0)
        p--; /* the first "@@ " follows the magic's newline */
    else
        p = next_member(p, end);
    int ok = 1;
    while (ok && p < end) {
        const char *name = p + 4, *nl = memchr(name, '\n', (size_t)(end - name));
        if (!nl)
            break;
        const char *body = nl + 1, *stop = next_member(body, end);
        size_t namelen = (size_t)(nl - name);
        char *n = malloc(namelen + 1);
        struct archive_entry *e = archive_entry_new();
        if (!n || !e) {
            ok = 0;
        } else {
            memcpy(n, name, namelen);
            n[namelen] = '\0';
            archive_entry_set_pathname(e, n);
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_perm(e, 0644);
            archive_entry_set_size(e, (la_int64_t)(stop - body));
            ok = archive_write_header(a, e) >= ARCHIVE_WARN &&
                 archive_write_data(a, body, (size_t)(stop - body)) ==
                     (la_ssize_t)(stop - body);
        }
        archive_entry_free(e);
        free(n);
        p = stop;
    }
    if (archive_write_close(a) != ARCHIVE_OK)
        ok = 0;
    archive_write_free(a);
    if (!ok) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* A fuzz input as a zip: the input itself, or the zip made of its text
   form (*zip set, the caller frees it). 0 when the text form cannot be
   stored. */
static int fuzz_zip(const uint8_t *data, size_t size, const void **bytes,
                    size_t *n, unsigned char **zip)
{
    const size_t m = sizeof members_magic - 1;
    *zip = NULL;
    *bytes = data;
    *n = size;
    if (size >= m && memcmp(data, members_magic, m) == 0) {
        if (!(*zip = members_zip((const char *)data, size, n)))
            return 0;
        *bytes = *zip;
    }
    return 1;
}

#endif
