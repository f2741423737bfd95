/*
 * tmpfiles.c - the temporary files of outputs being written, kept where a
 * signal handler can remove them (include/assess/assess.h,
 * assess_remove_temporary_files).
 *
 * A handler may run at any moment on any thread, so it cannot take a lock
 * or follow a pointer that another thread may free: the paths are copied
 * into static slots, and a slot's lock-free atomic `full` says whether its
 * path is complete. Writers take a mutex among themselves; the handler
 * only reads complete slots and calls unlink(), which is
 * async-signal-safe.
 */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "util/util.h"

enum { SLOTS = 32 }; /* outputs open at once: a handful per command */

static struct {
    atomic_int full; /* path is complete and names a live file */
    char path[PATH_MAX];
} slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void assess_tmp_track(const char *path)
{
    size_t n = strlen(path);
    if (n >= PATH_MAX)
        return;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < SLOTS; i++)
        if (!atomic_load_explicit(&slots[i].full, memory_order_relaxed)) {
            memcpy(slots[i].path, path, n + 1);
            atomic_store_explicit(&slots[i].full, 1, memory_order_release);
            break;
        }
    pthread_mutex_unlock(&lock);
}

void assess_tmp_untrack(const char *path)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < SLOTS; i++)
        if (atomic_load_explicit(&slots[i].full, memory_order_relaxed) &&
            strcmp(slots[i].path, path) == 0) {
            atomic_store_explicit(&slots[i].full, 0, memory_order_release);
            break;
        }
    pthread_mutex_unlock(&lock);
}

void assess_remove_temporary_files(void)
{
    for (size_t i = 0; i < SLOTS; i++)
        if (atomic_load_explicit(&slots[i].full, memory_order_acquire))
            unlink(slots[i].path);
}
