/*
 * util.c - diagnostics, strings, buffers, bounded file reading, digests and
 * atomic output. Everything here is small and has no knowledge of bids or
 * frameworks.
 */
#define _POSIX_C_SOURCE 200809L
#include "util/util.h"
#include "assess/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

static const char *const status_text[] = {
#define ASSESS_X_TEXT(name, num, text) [num] = text,
    ASSESS_STATUS_LIST(ASSESS_X_TEXT)
#undef ASSESS_X_TEXT
};

const char *assess_strerror(assess_status status)
{
    size_t n = sizeof status_text / sizeof status_text[0];
    if ((size_t)status < n && status_text[status])
        return status_text[status];
    return "unknown status";
}

const char *assess_version(void) { return ASSESS_VERSION; }

/* ---- strings ----------------------------------------------------------- */

static _Thread_local unsigned long nomem_count;

unsigned long assess_nomem_count(void) { return nomem_count; }
void assess_nomem_note(void) { nomem_count++; }

char *assess_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    else
        nomem_count++;
    return p;
}

char *assess_vprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *p = malloc((size_t)n + 1);
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    else
        nomem_count++;
    return p;
}

char *assess_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = assess_vprintf(fmt, ap);
    va_end(ap);
    return p;
}

const char *assess_basename(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path;
}

int assess_grow(void **items, size_t *capacity, size_t need, size_t size)
{
    if (need <= *capacity)
        return 1;
    size_t cap = *capacity ? *capacity : 8;
    while (cap < need)
        cap *= 2;
    if (cap > SIZE_MAX / size)
        return 0;
    void *p = realloc(*items, cap * size);
    if (!p) {
        nomem_count++;
        return 0;
    }
    *items = p;
    *capacity = cap;
    return 1;
}

void assess_buf_add(assess_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = 1;
            nomem_count++;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void assess_buf_puts(assess_buf *b, const char *s) { assess_buf_add(b, s, strlen(s)); }

void assess_buf_printf(assess_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        assess_buf_add(b, small, (size_t)n);
        return;
    }
    va_start(ap, fmt);
    char *p = assess_vprintf(fmt, ap);
    va_end(ap);
    if (!p) {
        b->failed = 1;
        return;
    }
    assess_buf_add(b, p, (size_t)n);
    free(p);
}

char *assess_buf_take(assess_buf *b)
{
    if (b->failed) {
        assess_buf_release(b);
        return NULL;
    }
    char *p = b->data ? b->data : assess_strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void assess_buf_release(assess_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void assess_text_release(assess_text *t)
{
    free(t->en);
    free(t->nl);
    t->en = t->nl = NULL;
}

int assess_is_date(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
    if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && dd == 29 && !leap);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
   days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned dd)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

int assess_timestamp_parse(const char *text, long long *out)
{
    if (!text || !*text)
        return -1;
    char *end;
    if (strspn(text, "0123456789") == strlen(text)) {
        errno = 0;
        long long v = strtoll(text, &end, 10);
        if (errno || v > 253402300799LL) /* 9999-12-31T23:59:59Z */
            return -1;
        *out = v;
        return 0;
    }
    char date[11];
    size_t n = strlen(text);
    if (n != 10 && n != 20)
        return -1;
    memcpy(date, text, 10);
    date[10] = '\0';
    if (!assess_is_date(date))
        return -1;
    int h = 0, mi = 0, sec = 0;
    if (n == 20) {
        if (text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
            text[19] != 'Z')
            return -1;
        for (int i = 11; i < 19; i++)
            if (i != 13 && i != 16 && (text[i] < '0' || text[i] > '9'))
                return -1;
        h = atoi(text + 11), mi = atoi(text + 14), sec = atoi(text + 17);
        if (h > 23 || mi > 59 || sec > 59)
            return -1;
    }
    long long days = days_from_civil(atoi(date), (unsigned)atoi(date + 5),
                                     (unsigned)atoi(date + 8));
    if (days < 0)
        return -1;
    *out = days * 86400 + h * 3600 + mi * 60 + sec;
    return 0;
}

/* ---- diagnostics ------------------------------------------------------- */

void assess_diags_init(assess_diags *d) { memset(d, 0, sizeof *d); }

void assess_diags_release(assess_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].path);
        free(d->items[i].message);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

#if defined(__GNUC__)
__attribute__((format(printf, 8, 0)))
#endif
static assess_status diags_push(assess_diags *d, assess_status status,
                                const char *file, long line, long column,
                                long offset, const char *path,
                                const char *fmt, va_list ap)
{
    if (!d)
        return status;
    if (d->count >= ASSESS_MAX_DIAGS) {
        d->dropped++;
        return status;
    }
    if (!assess_grow((void **)&d->items, &d->capacity, d->count + 1,
                     sizeof *d->items))
        return ASSESS_ERR_NOMEM;
    assess_diag *g = &d->items[d->count];
    memset(g, 0, sizeof *g);
    g->status = status;
    g->line = line;
    g->column = column;
    g->offset = offset;
    g->file = assess_strdup(file);
    g->path = assess_strdup(path);
    g->message = assess_vprintf(fmt, ap);
    if ((file && !g->file) || (path && !g->path) || !g->message) {
        free(g->file);
        free(g->path);
        free(g->message);
        return ASSESS_ERR_NOMEM;
    }
    d->count++;
    return status;
}

assess_status assess_diags_add(assess_diags *d, assess_status status,
                               const char *file, const char *path,
                               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    assess_status st = diags_push(d, status, file, 0, 0, -1, path, fmt, ap);
    va_end(ap);
    return st;
}

assess_status assess_diags_add_at(assess_diags *d, assess_status status,
                                  const char *file, long line, long column,
                                  long offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    assess_status st =
        diags_push(d, status, file, line, column, offset, NULL, fmt, ap);
    va_end(ap);
    return st;
}

void assess_diag_format(const assess_diag *g, char *buf, size_t size)
{
    int n = 0;
    buf[0] = '\0';
#define APPEND(...)                                                            \
    do {                                                                       \
        if ((size_t)n < size) {                                                \
            int k = snprintf(buf + n, size - (size_t)n, __VA_ARGS__);          \
            if (k > 0)                                                         \
                n += k;                                                        \
        }                                                                      \
    } while (0)
    if (g->file)
        APPEND("%s:", g->file);
    if (g->line > 0)
        APPEND("%ld:%ld:", g->line, g->column);
    if (g->file || g->line > 0)
        APPEND(" ");
    if (g->path)
        APPEND("%s: ", g->path);
    APPEND("%s", g->message ? g->message : "");
    if (g->offset >= 0)
        APPEND(" (byte %ld)", g->offset);
#undef APPEND
}

void assess_diags_print(const assess_diags *d, FILE *out, const char *prefix)
{
    char line[2048];
    for (size_t i = 0; i < d->count; i++) {
        assess_diag_format(&d->items[i], line, sizeof line);
        fprintf(out, "%s%s\n", prefix ? prefix : "", line);
    }
    if (d->dropped)
        fprintf(out, "%s%zu more diagnostics not shown\n", prefix ? prefix : "",
                d->dropped);
}

/* ---- files ------------------------------------------------------------- */

assess_status assess_read_file(char **data, size_t *size, const char *path,
                               size_t limit, assess_diags *d)
{
    *data = NULL;
    *size = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return assess_diags_add(d, ASSESS_ERR_IO, path, NULL,
                                "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        close(fd);
        return assess_diags_add(d, ASSESS_ERR_IO, path, NULL,
                                "not a readable file");
    }
    size_t cap = S_ISREG(st.st_mode) && (size_t)st.st_size < limit
                     ? (size_t)st.st_size + 1
                     : 65536;
    char *buf = malloc(cap);
    size_t len = 0;
    if (!buf) {
        close(fd);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL, "out of memory");
    }
    for (;;) {
        if (len + 1 >= cap) {
            if (cap > limit) {
                free(buf);
                close(fd);
                return assess_diags_add(d, ASSESS_ERR_LIMIT, path, NULL,
                                        "file larger than the limit of %zu bytes",
                                        limit);
            }
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                close(fd);
                return assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL,
                                        "out of memory");
            }
            buf = p;
            cap *= 2;
        }
        ssize_t k = read(fd, buf + len, cap - len - 1);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return assess_diags_add(d, ASSESS_ERR_IO, path, NULL,
                                    "cannot read: %s", strerror(e));
        }
        if (k == 0)
            break;
        len += (size_t)k;
        if (len > limit) {
            free(buf);
            close(fd);
            return assess_diags_add(d, ASSESS_ERR_LIMIT, path, NULL,
                                    "file larger than the limit of %zu bytes",
                                    limit);
        }
    }
    close(fd);
    buf[len] = '\0';
    *data = buf;
    *size = len;
    return ASSESS_OK;
}

void assess_sha256_hex(char out[65], const void *data, size_t size)
{
    unsigned char md[32];
    unsigned int n = 0;
    static const char hex[] = "0123456789abcdef";
    if (!EVP_Digest(data, size, md, &n, EVP_sha256(), NULL) || n != 32) {
        memset(out, '0', 64);
        out[64] = '\0';
        return;
    }
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
}

assess_status assess_output_open(assess_output *o, const char *path,
                                 assess_diags *d)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        o->is_stdout = 1;
        return ASSESS_OK;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        o->target = assess_strdup(path);
        o->fp = fopen(path, "w");
        if (!o->fp)
            return assess_diags_add(d, ASSESS_ERR_IO, path, NULL,
                                    "cannot open for writing: %s",
                                    strerror(errno));
        return ASSESS_OK;
    }
    o->target = assess_strdup(path);
    o->tmp = assess_printf("%s.tmp-XXXXXX", path);
    if (!o->target || !o->tmp) {
        assess_output_abort(o);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, path, NULL, "out of memory");
    }
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL;
        assess_output_abort(o);
        return assess_diags_add(d, ASSESS_ERR_IO, path, NULL,
                                "cannot create a temporary file beside it: %s",
                                strerror(e));
    }
    (void)fchmod(fd, 0644);
    assess_tmp_track(o->tmp); /* removed if the run is interrupted */
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        close(fd);
        assess_output_abort(o);
        return assess_diags_add(d, ASSESS_ERR_IO, path, NULL, "cannot open: %s",
                                strerror(errno));
    }
    return ASSESS_OK;
}

/* A failed output: say why, drop the temporary file. */
static assess_status output_failed(assess_output *o, int e, assess_diags *d)
{
    assess_diags_add(d, ASSESS_ERR_IO, o->target, NULL, "cannot write: %s; %s",
                     e ? strerror(e) : "write error",
                     o->tmp ? "the previous file is untouched"
                            : "the output is incomplete");
    assess_output_abort(o);
    return ASSESS_ERR_IO;
}

assess_status assess_output_close(assess_output *o, assess_diags *d)
{
    /* a flush retries what is still buffered, so errno names the cause */
    errno = 0;
    int bad = fflush(o->fp) != 0 || ferror(o->fp);
    int e = errno;
    if (o->is_stdout) {
        memset(o, 0, sizeof *o);
        return bad ? assess_diags_add(d, ASSESS_ERR_IO, NULL, NULL,
                                      "cannot write to standard output: %s",
                                      e ? strerror(e) : "write error")
                   : ASSESS_OK;
    }
    if (o->tmp && !bad && fsync(fileno(o->fp)) != 0) {
        e = errno;
        bad = 1;
    }
    if (fclose(o->fp) != 0 && !bad) {
        e = errno;
        bad = 1;
    }
    o->fp = NULL;
    return bad ? output_failed(o, e, d) : ASSESS_OK;
}

assess_status assess_output_publish(assess_output *o, assess_diags *d)
{
    if (o->tmp && rename(o->tmp, o->target) != 0)
        return output_failed(o, errno, d);
    if (o->tmp)
        assess_tmp_untrack(o->tmp);
    free(o->tmp);
    free(o->target);
    memset(o, 0, sizeof *o);
    return ASSESS_OK;
}

assess_status assess_output_commit(assess_output *o, assess_diags *d)
{
    assess_status st = assess_output_close(o, d);
    return st == ASSESS_OK ? assess_output_publish(o, d) : st;
}

void assess_output_abort(assess_output *o)
{
    if (o->fp && !o->is_stdout)
        fclose(o->fp);
    if (o->tmp) {
        unlink(o->tmp);
        assess_tmp_untrack(o->tmp);
    }
    free(o->tmp);
    free(o->target);
    memset(o, 0, sizeof *o);
}

assess_status assess_write_output(const char *path, const char *data,
                                  size_t size, assess_diags *d)
{
    assess_output o;
    assess_status st = assess_output_open(&o, path, d);
    if (st != ASSESS_OK)
        return st;
    if (size && fwrite(data, 1, size, o.fp) != size) {
        int e = errno, to_stdout = o.is_stdout;
        assess_output_abort(&o);
        return assess_diags_add(d, ASSESS_ERR_IO, to_stdout ? NULL : path, NULL,
                                "cannot write%s: %s",
                                to_stdout ? " to standard output" : "",
                                strerror(e));
    }
    return assess_output_commit(&o, d);
}
