/*
 * walk.h - the members of a package (tar, zip, compressed or not), read in
 * place with libarchive (internal; used by batch.c and the fuzz target of
 * the archive walker).
 */
#ifndef ASSESS_BATCH_WALK_H
#define ASSESS_BATCH_WALK_H

#include <stddef.h>

struct archive;

/**
 * Called once per member in archive order, and once more when the archive
 * breaks (name NULL). `data` (malloc'd, NUL-terminated, handed over) holds
 * the member's `size` bytes, or is NULL with `error` saying why the member
 * cannot be read (a link, over the size limit, damaged). `weight` is the
 * compressed bytes consumed since the previous call. Return nonzero to
 * stop.
 */
typedef int (*assess_member_fn)(void *ctx, const char *name, char *data,
                                size_t size, unsigned long long weight,
                                const char *error);

/** 1 if the file at `path` is a package: gzip, zip, bzip2, xz, zstd or
 *  tar, told by its first bytes. */
int assess_is_archive(const char *path);

/** A libarchive reader for tar, zip and raw data under any filter. */
struct archive *assess_archive_new(void);

/** Every member of the opened archive `a` to fn. */
void assess_archive_walk(struct archive *a, assess_member_fn fn, void *ctx);

#endif
