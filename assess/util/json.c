/*
 * json.c - strict JSON input on top of cJSON, and typed member access that
 * names the JSON path of every problem.
 *
 * cJSON accepts a few things an adversarial bid could use to hide a fact:
 * duplicate keys (`"country":"NL","country":"US"` - XPath `=` is
 * existential, so both values would satisfy opposite tests), numbers that
 * overflow to infinity (1e999), `\u0000` escapes that silently cut a string,
 * and bytes that are not UTF-8. assess_json_parse() rejects each of them.
 */
#include "util/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void line_col(const char *data, size_t off, long *line, long *col)
{
    long l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        if (data[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)data[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* Length of the valid UTF-8 sequence at s, or 0. Rejects overlongs,
   surrogates, code points above U+10FFFF and XML-forbidden controls. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
    size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
        cp == 0xFFFF)
        return 0;
    return len;
}

static int utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n) {
        size_t k = utf8_char(p, n);
        if (!k)
            return 0;
        p += k;
        n -= k;
    }
    return 1;
}

/* Raw scan for what cJSON would hide: \u0000 escapes. Returns the offset of
   the first one, or -1. */
static long find_nul_escape(const char *data, size_t size)
{
    int in_string = 0;
    for (size_t i = 0; i < size; i++) {
        char c = data[i];
        if (!in_string) {
            if (c == '"')
                in_string = 1;
            continue;
        }
        if (c == '"') {
            in_string = 0;
        } else if (c == '\\' && i + 1 < size) {
            if (data[i + 1] == 'u' && i + 5 < size &&
                memcmp(data + i + 2, "0000", 4) == 0)
                return (long)i;
            i++;
        }
    }
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Check the parsed tree; report the first problem with its path. */
static int check_tree(const cJSON *node, assess_jpath *path, int depth,
                      const char *name, assess_diags *d)
{
    if (depth > ASSESS_MAX_JSON_DEPTH) {
        assess_diags_add(d, ASSESS_ERR_LIMIT, name, path->buf,
                         "nesting deeper than the limit of %d",
                         ASSESS_MAX_JSON_DEPTH);
        return 0;
    }
    if (cJSON_IsNumber(node) && !isfinite(node->valuedouble)) {
        assess_diags_add(d, ASSESS_ERR_INVALID, name, path->buf,
                         "number out of range (not finite)");
        return 0;
    }
    if (cJSON_IsString(node)) {
        if (strlen(node->valuestring) > ASSESS_MAX_STRING_BYTES) {
            assess_diags_add(d, ASSESS_ERR_LIMIT, name, path->buf,
                             "string longer than the limit of %u bytes",
                             (unsigned)ASSESS_MAX_STRING_BYTES);
            return 0;
        }
        if (!utf8_valid(node->valuestring)) {
            assess_diags_add(d, ASSESS_ERR_INVALID, name, path->buf,
                             "string is not valid UTF-8 or holds a control "
                             "character");
            return 0;
        }
    }
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
        return 1;
    size_t n = 0, i = 0;
    for (const cJSON *c = node->child; c; c = c->next)
        n++;
    if (cJSON_IsObject(node) && n > 1) {
        const char **keys = malloc(n * sizeof *keys);
        if (!keys) {
            assess_diags_add(d, ASSESS_ERR_NOMEM, name, path->buf, "out of memory");
            return 0;
        }
        for (const cJSON *c = node->child; c; c = c->next)
            keys[i++] = c->string;
        qsort(keys, n, sizeof *keys, cmp_str);
        for (i = 1; i < n; i++) {
            if (strcmp(keys[i - 1], keys[i]) == 0) {
                size_t old = assess_jpath_key(path, keys[i]);
                assess_diags_add(d, ASSESS_ERR_INVALID, name, path->buf,
                                 "duplicate key '%s'", keys[i]);
                assess_jpath_pop(path, old);
                free(keys);
                return 0;
            }
        }
        free(keys);
    }
    i = 0;
    for (const cJSON *c = node->child; c; c = c->next, i++) {
        size_t old;
        if (cJSON_IsObject(node)) {
            if (!utf8_valid(c->string)) {
                assess_diags_add(d, ASSESS_ERR_INVALID, name, path->buf,
                                 "key is not valid UTF-8 or holds a control "
                                 "character");
                return 0;
            }
            old = assess_jpath_key(path, c->string);
        } else {
            old = assess_jpath_index(path, i);
        }
        int ok = check_tree(c, path, depth + 1, name, d);
        assess_jpath_pop(path, old);
        if (!ok)
            return 0;
    }
    return 1;
}

cJSON *assess_json_parse(const char *name, const char *data, size_t size,
                         assess_diags *d)
{
    long line, col;
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        assess_diags_add_at(d, ASSESS_ERR_SYNTAX, name, 1, 1, 0,
                            "byte-order mark before the JSON text");
        return NULL;
    }
    long nul = find_nul_escape(data, size);
    if (nul >= 0) {
        line_col(data, (size_t)nul, &line, &col);
        assess_diags_add_at(d, ASSESS_ERR_INVALID, name, line, col, nul,
                            "string holds a \\u0000 escape");
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, size, &end, 0);
    if (root) {
        while (end < data + size &&
               (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
            end++;
        if (end != data + size) {
            cJSON_Delete(root);
            root = NULL;
            if (!end)
                end = data + size;
            line_col(data, (size_t)(end - data), &line, &col);
            assess_diags_add_at(d, ASSESS_ERR_SYNTAX, name, line, col,
                                (long)(end - data),
                                "unexpected data after the JSON value");
            return NULL;
        }
    }
    if (!root) {
        size_t off = end && end >= data && end <= data + size
                         ? (size_t)(end - data)
                         : size;
        line_col(data, off, &line, &col);
        /* cJSON stops at its own nesting limit with no reason given: say
           it when the text up to the error is nested beyond ours */
        int depth = 0, max = 0, in_str = 0;
        for (size_t i = 0; i < off; i++) {
            char ch = data[i];
            if (in_str) {
                if (ch == '\\')
                    i++;
                else if (ch == '"')
                    in_str = 0;
            } else if (ch == '"') {
                in_str = 1;
            } else if (ch == '{' || ch == '[') {
                if (++depth > max)
                    max = depth;
            } else if (ch == '}' || ch == ']') {
                depth--;
            }
        }
        if (max > ASSESS_MAX_JSON_DEPTH) {
            assess_diags_add_at(d, ASSESS_ERR_LIMIT, name, line, col, (long)off,
                                "JSON nested deeper than the limit of %d levels",
                                ASSESS_MAX_JSON_DEPTH);
            return NULL;
        }
        assess_diags_add_at(d, ASSESS_ERR_SYNTAX, name, line, col, (long)off,
                            size == 0 ? "empty file, expected a JSON value"
                                      : "malformed JSON");
        return NULL;
    }
    assess_jpath path;
    assess_jpath_init(&path);
    if (!check_tree(root, &path, 0, name, d)) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* ---- JSON paths -------------------------------------------------------- */

void assess_jpath_init(assess_jpath *p)
{
    p->buf[0] = '$';
    p->buf[1] = '\0';
    p->len = 1;
}

static void jpath_append(assess_jpath *p, const char *s)
{
    size_t n = strlen(s);
    if (p->len + n >= sizeof p->buf) {
        n = sizeof p->buf - p->len - 1; /* truncate; paths are for humans */
    }
    memcpy(p->buf + p->len, s, n);
    p->len += n;
    p->buf[p->len] = '\0';
}

size_t assess_jpath_key(assess_jpath *p, const char *key)
{
    size_t old = p->len;
    int plain = key[0] != '\0' && !(key[0] >= '0' && key[0] <= '9');
    for (const char *s = key; *s && plain; s++)
        plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                (*s >= '0' && *s <= '9') || *s == '_';
    if (plain) {
        jpath_append(p, ".");
        jpath_append(p, key);
    } else {
        jpath_append(p, "['");
        jpath_append(p, key);
        jpath_append(p, "']");
    }
    return old;
}

size_t assess_jpath_index(assess_jpath *p, size_t i)
{
    char tmp[32];
    size_t old = p->len;
    snprintf(tmp, sizeof tmp, "[%zu]", i);
    jpath_append(p, tmp);
    return old;
}

void assess_jpath_pop(assess_jpath *p, size_t len)
{
    if (len < sizeof p->buf) {
        p->len = len;
        p->buf[len] = '\0';
    }
}

/* ---- typed access ------------------------------------------------------ */

void assess_jr_error(assess_jreader *r, const char *key, const char *fmt, ...)
{
    size_t old = key ? assess_jpath_key(&r->path, key) : r->path.len;
    va_list ap;
    va_start(ap, fmt);
    char *msg = assess_vprintf(fmt, ap);
    va_end(ap);
    assess_diags_add(r->d, ASSESS_ERR_INVALID, r->file, r->path.buf, "%s",
                     msg ? msg : "out of memory");
    free(msg);
    assess_jpath_pop(&r->path, old);
    r->errors++;
}

int assess_jr_errors(assess_jreader *r)
{
    if (assess_nomem_count() != r->nomem_at) {
        assess_diags_add(r->d, ASSESS_ERR_NOMEM, r->file, NULL, "out of memory");
        r->nomem_at = assess_nomem_count();
        r->errors++;
    }
    return r->errors;
}

const char *assess_json_type_name(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "an invalid value";
}

const cJSON *assess_jr_get(assess_jreader *r, const cJSON *obj,
                           const char *key, int type_mask, int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required)
            assess_jr_error(r, key, "missing required field");
        return NULL;
    }
    if (!(v->type & type_mask)) {
        const char *want = (type_mask & cJSON_String)   ? "a string"
                           : (type_mask & cJSON_Number) ? "a number"
                           : (type_mask & (cJSON_True | cJSON_False))
                               ? "a boolean"
                           : (type_mask & cJSON_Array) ? "an array"
                                                       : "an object";
        assess_jr_error(r, key, "expected %s, found %s", want, assess_json_type_name(v));
        return NULL;
    }
    return v;
}

int assess_jr_string(assess_jreader *r, const cJSON *obj, const char *key,
                     int required, char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && !required)
        return 1;
    v = assess_jr_get(r, obj, key, cJSON_String, required);
    if (!v)
        return 0;
    if (required && v->valuestring[0] == '\0') {
        assess_jr_error(r, key, "must not be empty");
        return 0;
    }
    char *s = assess_strdup(v->valuestring);
    if (!s) {
        assess_jr_error(r, key, "out of memory");
        return 0;
    }
    free(*out);
    *out = s;
    return 1;
}

int assess_jr_number(assess_jreader *r, const cJSON *obj, const char *key,
                     int required, double min, double max, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && !required)
        return 1;
    v = assess_jr_get(r, obj, key, cJSON_Number, required);
    if (!v)
        return 0;
    if (v->valuedouble < min || v->valuedouble > max) {
        assess_jr_error(r, key, "%g is out of range %g..%g", v->valuedouble,
                        min, max);
        return 0;
    }
    *out = v->valuedouble;
    return 1;
}

int assess_jr_int(assess_jreader *r, const cJSON *obj, const char *key,
                  int required, long min, long max, long *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && !required)
        return 1;
    v = assess_jr_get(r, obj, key, cJSON_Number, required);
    if (!v)
        return 0;
    double x = v->valuedouble;
    if (x != floor(x)) {
        assess_jr_error(r, key, "expected an integer, found %g", x);
        return 0;
    }
    if (x < (double)min || x > (double)max) {
        assess_jr_error(r, key, "%g is out of range %ld..%ld", x, min, max);
        return 0;
    }
    *out = (long)x;
    return 1;
}

int assess_jr_bool(assess_jreader *r, const cJSON *obj, const char *key,
                   int required, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && !required)
        return 1;
    v = assess_jr_get(r, obj, key, cJSON_True | cJSON_False, required);
    if (!v)
        return 0;
    *out = cJSON_IsTrue(v);
    return 1;
}

int assess_jr_enum(assess_jreader *r, const cJSON *obj, const char *key,
                   int required, const char *const *names, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && !required)
        return 1;
    v = assess_jr_get(r, obj, key, cJSON_String, required);
    if (!v)
        return 0;
    for (int i = 0; names[i]; i++) {
        if (strcmp(names[i], v->valuestring) == 0) {
            *out = i;
            return 1;
        }
    }
    assess_buf b = {0};
    for (int i = 0; names[i]; i++)
        assess_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
    assess_jr_error(r, key, "'%s' is not one of: %s", v->valuestring,
                    b.data ? b.data : "");
    assess_buf_release(&b);
    return 0;
}

void assess_jr_only(assess_jreader *r, const cJSON *obj,
                    const char *const *allowed)
{
    if (!cJSON_IsObject(obj)) /* an array's members have no names */
        return;
    for (const cJSON *c = obj->child; c; c = c->next) {
        int ok = 0;
        for (int i = 0; allowed[i] && !ok; i++)
            ok = strcmp(allowed[i], c->string) == 0;
        if (!ok)
            assess_jr_error(r, c->string, "unknown field");
    }
}

int assess_jr_text(assess_jreader *r, const cJSON *obj, const char *key,
                   int required, assess_text *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && !required)
        return 1;
    v = assess_jr_get(r, obj, key, cJSON_Object, required);
    if (!v)
        return 0;
    size_t old = assess_jpath_key(&r->path, key);
    static const char *const allowed[] = {"en", "nl", NULL};
    assess_jr_only(r, v, allowed);
    int ok = assess_jr_string(r, v, "en", 1, &out->en) &&
             assess_jr_string(r, v, "nl", 1, &out->nl);
    assess_jpath_pop(&r->path, old);
    return ok;
}

assess_status assess_json_load(cJSON **out, const char *path, char sha256[65],
                               assess_diags *d)
{
    char *data;
    size_t size;
    *out = NULL;
    assess_status st = assess_read_file(&data, &size, path,
                                        ASSESS_MAX_FILE_BYTES, d);
    if (st != ASSESS_OK)
        return st;
    if (sha256)
        assess_sha256_hex(sha256, data, size);
    *out = assess_json_parse(path, data, size, d);
    free(data);
    return *out ? ASSESS_OK : ASSESS_ERR_SYNTAX;
}
