/*
 * reader.c - the XLSX reader (include/assess/xlsx.h).
 *
 * Three steps. First the zip: libarchive reads every member into memory,
 * counting the bytes as they are decompressed (the sizes in the zip headers
 * are not trusted); member names are normalised ('\' to '/', "." dropped)
 * and names that are absolute or climb with ".." are left out of the
 * lookup table, which is sorted and compared without case as OPC part
 * names are. Then the package: _rels/.rels names the workbook part (else
 * xl/workbook.xml) and the custom properties; the workbook's own .rels
 * names its sheets and shared strings. These small parts are parsed by
 * assess_xml_parse (no DTD, no entities) into a DOM. Last the shared
 * strings and the sheets, which grow with the data: they are streamed
 * through SAX callbacks set up the same way (any DOCTYPE stops the parse),
 * so memory follows the cells kept rather than the markup. Elements are
 * matched by local name within the SpreadsheetML namespaces (transitional
 * and strict). The first problem stops the reading with one diagnostic
 * "file: member:line: what".
 *
 * Strings of the result live in an arena owned by the workbook; a shared
 * string is stored once and every cell that uses it points to it.
 */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "assess/xlsx.h"
#include "util/util.h"
#include "util/xml.h"

/* ---- namespaces ------------------------------------------------------------ */

static const char *const ns_main[] = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main", NULL};
static const char *const ns_rel_attr[] = { /* the r: of r:id */
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships", NULL};
static const char *const ns_package_rels[] = {
    "http://schemas.openxmlformats.org/package/2006/relationships", NULL};
static const char *const ns_custom[] = {
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "http://purl.oclc.org/ooxml/officeDocument/customProperties", NULL};

/* ---- the workbook --------------------------------------------------------- */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, size;
    char data[];
} arena_block;

typedef struct xlsx_sheet {
    const char *name;
    int hidden;
    assess_xlsx_cell *cells;
    size_t n_cells, cap_cells;
} xlsx_sheet;

typedef struct property {
    const char *name, *value;
} property;

struct assess_xlsx {
    xlsx_sheet *sheets;
    size_t n_sheets, cap_sheets;
    property *props;
    size_t n_props, cap_props;
    arena_block *arena;
};

/* A copy of s[0..n) with a NUL, in the workbook's arena; NULL on no memory. */
static const char *arena_add(assess_xlsx *x, const char *s, size_t n)
{
    arena_block *b = x->arena;
    if (!b || b->size - b->used < n + 1) {
        size_t size = n + 1 > 65536 ? n + 1 : 65536;
        b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->used = 0;
        b->size = size;
        b->next = x->arena;
        x->arena = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

void assess_xlsx_free(assess_xlsx *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->n_sheets; i++)
        free(x->sheets[i].cells);
    free(x->sheets);
    free(x->props);
    while (x->arena) {
        arena_block *next = x->arena->next;
        free(x->arena);
        x->arena = next;
    }
    free(x);
}

/* ---- the reading context ------------------------------------------------ */

typedef struct member {
    char *name; /* normalised */
    char *data; /* NUL-terminated */
    size_t size;
} member;

typedef struct rel {
    char *id, *type, *target; /* target resolved to a member name */
    int external;
} rel;

typedef struct rels {
    rel *items;
    size_t n, cap;
} rels;

/* A cell of a shared formula (<f t="shared" si="N">): the master holds
   the text, the followers take it shifted by their distance. */
typedef struct shared_ref {
    unsigned long si;
    size_t cell; /* index in the sheet's cells, before sorting */
} shared_ref;

/* Text made for shared-formula followers; a bound, as a short follower
   element can stand for a long formula. */
#define MAX_SHARED_FORMULA_BYTES (64u << 20)

typedef struct reader {
    assess_xlsx *x;
    const char *file;
    assess_diags *d;
    member *members;
    size_t n_members, cap_members;
    size_t total; /* uncompressed bytes read */
    const char **sst;
    size_t n_sst, cap_sst;
    size_t cells; /* all sheets */
    shared_ref *masters, *followers; /* shared formulas of the sheet read */
    size_t n_masters, cap_masters, n_followers, cap_followers;
    size_t shared_bytes; /* formula text made for followers, all sheets */
    size_t parsed;       /* XML bytes parsed: a part may serve many sheets */
} reader;

/* Record the first problem: "file: member:line: message". */
static assess_status fail(reader *r, assess_status st, const char *part,
                          long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static assess_status fail(reader *r, assess_status st, const char *part,
                          long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = assess_vprintf(fmt, ap);
    va_end(ap);
    if (!msg)
        return assess_diags_add(r->d, ASSESS_ERR_NOMEM, r->file, NULL,
                                "out of memory");
    char where[240];
    snprintf(where, sizeof where, "%.200s", part ? part : "");
    /* names and values come from the file: no control characters (a
       newline would forge a diagnostic line) */
    for (char *p = msg; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = '?';
    for (char *p = where; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = '?';
    if (part && line > 0)
        assess_diags_add(r->d, st, r->file, NULL, "%s:%ld: %s", where, line, msg);
    else if (part)
        assess_diags_add(r->d, st, r->file, NULL, "%s: %s", where, msg);
    else
        assess_diags_add(r->d, st, r->file, NULL, "%s", msg);
    free(msg);
    return st;
}

static assess_status nomem(reader *r)
{
    return fail(r, ASSESS_ERR_NOMEM, NULL, 0, "out of memory");
}

static void rels_release(rels *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->items[i].id);
        free(rs->items[i].type);
        free(rs->items[i].target);
    }
    free(rs->items);
    memset(rs, 0, sizeof *rs);
}

static void reader_release(reader *r)
{
    for (size_t i = 0; i < r->n_members; i++) {
        free(r->members[i].name);
        free(r->members[i].data);
    }
    free(r->members);
    free(r->sst);
    free(r->masters);
    free(r->followers);
}

/* ---- small text helpers (locale-independent) ------------------------------ */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int upper(int c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = upper((unsigned char)*a), y = upper((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ---- cell references -------------------------------------------------------- */

int assess_xlsx_parse_ref(const char *ref, unsigned *row, unsigned *col)
{
    if (!ref)
        return -1;
    const char *p = ref;
    unsigned long c = 0, rw = 0;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        if (c <= ASSESS_XLSX_MAX_COLS) /* saturate: no overflow */
            c = c * 26 + (unsigned long)(upper((unsigned char)*p) - 'A' + 1);
        p++;
    }
    if (p == ref || !is_digit(*p))
        return -1;
    while (is_digit(*p)) {
        if (rw <= ASSESS_XLSX_MAX_ROWS)
            rw = rw * 10 + (unsigned long)(*p - '0');
        p++;
    }
    if (*p || rw == 0)
        return -1;
    if (c > ASSESS_XLSX_MAX_COLS || rw > ASSESS_XLSX_MAX_ROWS)
        return 1;
    if (row)
        *row = (unsigned)(rw - 1);
    if (col)
        *col = (unsigned)(c - 1);
    return 0;
}

void assess_xlsx_cell_name(char buf[16], unsigned row, unsigned col)
{
    if (row >= ASSESS_XLSX_MAX_ROWS || col >= ASSESS_XLSX_MAX_COLS) {
        memcpy(buf, "#REF!", 6);
        return;
    }
    char letters[4];
    int n = 0, k = 0;
    for (unsigned c = col + 1; c; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    while (n)
        buf[k++] = letters[--n];
    snprintf(buf + k, (size_t)(16 - k), "%u", row + 1);
}

/* ---- the zip -------------------------------------------------------------- */

/* A member name for lookup: '\' as '/', empty and "." components dropped;
   NULL (never looked up) for an absolute name or one with "..". */
static char *normalise_name(const char *raw, int *unusable)
{
    *unusable = 0;
    size_t n = strlen(raw);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    if (raw[0] == '/' || raw[0] == '\\' ||
        (n >= 2 && raw[1] == ':')) { /* "C:..." */
        *unusable = 1;
        free(out);
        return NULL;
    }
    size_t len = 0;
    const char *p = raw;
    while (*p) {
        size_t k = strcspn(p, "/\\");
        if (k == 2 && p[0] == '.' && p[1] == '.') {
            *unusable = 1;
            free(out);
            return NULL;
        }
        if (k > 0 && !(k == 1 && p[0] == '.')) {
            if (len)
                out[len++] = '/';
            memcpy(out + len, p, k);
            len += k;
        }
        p += k;
        if (*p)
            p++;
    }
    out[len] = '\0';
    if (!len) { /* a directory entry such as "xl/" */
        *unusable = 1;
        free(out);
        return NULL;
    }
    return out;
}

/* Read the current member's data, counting while decompressing. */
static assess_status read_member_data(reader *r, struct archive *a,
                                      const char *name, la_int64_t declared,
                                      char **out, size_t *size)
{
    const size_t limit = ASSESS_XLSX_MAX_MEMBER_BYTES;
    size_t cap = declared > 0 && (size_t)declared < limit ? (size_t)declared + 2
                                                         : 65536;
    size_t len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return nomem(r);
    for (;;) {
        if (cap - len < 2) { /* room for one more byte and the NUL */
            size_t ncap = cap * 2 > limit + 2 ? limit + 2 : cap * 2;
            char *p = realloc(buf, ncap);
            if (!p) {
                free(buf);
                return nomem(r);
            }
            buf = p;
            cap = ncap;
        }
        la_ssize_t n = archive_read_data(a, buf + len, cap - len - 1);
        if (n < 0) {
            const char *why = archive_error_string(a);
            free(buf);
            return fail(r, ASSESS_ERR_SYNTAX, name, 0, "cannot decompress: %s",
                        why ? why : "damaged zip member");
        }
        if (n == 0)
            break;
        len += (size_t)n;
        if (len > limit) {
            free(buf);
            return fail(r, ASSESS_ERR_LIMIT, name, 0,
                        "uncompressed size exceeds the limit of %u MiB per "
                        "member (a zip bomb?)",
                        ASSESS_XLSX_MAX_MEMBER_BYTES >> 20);
        }
        if (r->total + len > ASSESS_XLSX_MAX_TOTAL_BYTES) {
            free(buf);
            return fail(r, ASSESS_ERR_LIMIT, name, 0,
                        "the members exceed the limit of %u MiB uncompressed "
                        "in total (a zip bomb?)",
                        ASSESS_XLSX_MAX_TOTAL_BYTES >> 20);
        }
    }
    buf[len] = '\0';
    r->total += len;
    *out = buf;
    *size = len;
    return ASSESS_OK;
}

static int cmp_member(const void *a, const void *b)
{
    return ascii_casecmp(((const member *)a)->name, ((const member *)b)->name);
}

static assess_status not_a_zip(reader *r, const void *data, size_t size)
{
    static const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0,
                                        0xA1, 0xB1, 0x1A, 0xE1};
    if (size >= sizeof ole && memcmp(data, ole, sizeof ole) == 0)
        return fail(r, ASSESS_ERR_SYNTAX, NULL, 0,
                    "not an XLSX workbook (an OLE compound file: a legacy "
                    ".xls or a password-protected workbook)");
    return fail(r, ASSESS_ERR_SYNTAX, NULL, 0,
                "not an XLSX workbook (not a zip archive)");
}

static assess_status read_zip(reader *r, const void *data, size_t size)
{
    struct archive *a = archive_read_new();
    if (!a)
        return nomem(r);
    assess_status st = ASSESS_OK;
    archive_read_support_format_zip(a);
    if (size == 0 || archive_read_open_memory(a, data, size) != ARCHIVE_OK) {
        archive_read_free(a);
        return not_a_zip(r, data, size);
    }
    struct archive_entry *e;
    size_t count = 0;
    for (;;) {
        int rc = archive_read_next_header(a, &e);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc < ARCHIVE_WARN) {
            const char *why = archive_error_string(a);
            st = fail(r, ASSESS_ERR_SYNTAX, NULL, 0,
                      "damaged zip archive after %zu members: %s", count,
                      why ? why : "truncated, or a damaged header");
            break;
        }
        if (++count > ASSESS_XLSX_MAX_MEMBERS) {
            st = fail(r, ASSESS_ERR_LIMIT, NULL, 0,
                      "more than %d zip members", ASSESS_XLSX_MAX_MEMBERS);
            break;
        }
        const char *raw = archive_entry_pathname_utf8(e);
        if (!raw)
            raw = archive_entry_pathname(e);
        if (!raw) {
            st = fail(r, ASSESS_ERR_SYNTAX, NULL, 0,
                      "zip member %zu has no readable name", count);
            break;
        }
        int unusable;
        char *name = normalise_name(raw, &unusable);
        if (!name && !unusable) {
            st = nomem(r);
            break;
        }
        if (unusable || archive_entry_filetype(e) == AE_IFDIR) {
            free(name);
            continue; /* never looked up; the data is not even decompressed */
        }
        la_int64_t declared =
            archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
        if (declared > (la_int64_t)ASSESS_XLSX_MAX_MEMBER_BYTES) {
            st = fail(r, ASSESS_ERR_LIMIT, name, 0,
                      "declared uncompressed size %lld exceeds the limit of "
                      "%u MiB per member",
                      (long long)declared, ASSESS_XLSX_MAX_MEMBER_BYTES >> 20);
            free(name);
            break;
        }
        if (!assess_grow((void **)&r->members, &r->cap_members,
                         r->n_members + 1, sizeof *r->members)) {
            free(name);
            st = nomem(r);
            break;
        }
        member *m = &r->members[r->n_members];
        m->name = name;
        st = read_member_data(r, a, name, declared, &m->data, &m->size);
        if (st != ASSESS_OK) {
            free(name);
            break;
        }
        r->n_members++;
    }
    archive_read_free(a);
    if (st != ASSESS_OK)
        return st;
    if (r->n_members > 1)
        qsort(r->members, r->n_members, sizeof *r->members, cmp_member);
    for (size_t i = 1; i < r->n_members; i++)
        if (ascii_casecmp(r->members[i - 1].name, r->members[i].name) == 0)
            return fail(r, ASSESS_ERR_INVALID, r->members[i].name, 0,
                        "the zip holds this member twice (part names ignore "
                        "case)");
    return ASSESS_OK;
}

static const member *find_member(const reader *r, const char *name)
{
    member key = {(char *)name, NULL, 0};
    return r->members ? bsearch(&key, r->members, r->n_members,
                                sizeof *r->members, cmp_member)
                      : NULL;
}

/* ---- XML helpers ------------------------------------------------------------ */

static int ns_in(xmlNodePtr n, const char *const *list)
{
    if (!n->ns || !n->ns->href)
        return 0;
    for (size_t i = 0; list[i]; i++)
        if (xmlStrEqual(n->ns->href, BAD_CAST list[i]))
            return 1;
    return 0;
}

/* An element of local name `name` in one of the namespaces `list`. */
static int is_el(xmlNodePtr n, const char *name, const char *const *list)
{
    return n && n->type == XML_ELEMENT_NODE &&
           xmlStrEqual(n->name, BAD_CAST name) && ns_in(n, list);
}

static int is_sml(xmlNodePtr n, const char *name)
{
    return is_el(n, name, ns_main);
}

static xmlNodePtr first_sml(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent->children; c; c = c->next)
        if (is_sml(c, name))
            return c;
    return NULL;
}

/* An unqualified attribute, malloc'd (NULL when absent or no memory;
   *oom tells which). */
static char *attr(xmlNodePtr n, const char *name, int *oom)
{
    xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
    if (!v)
        return NULL;
    char *s = assess_strdup((const char *)v);
    xmlFree(v);
    if (!s)
        *oom = 1;
    return s;
}

/* The r:id attribute (either relationships namespace). */
static char *attr_rid(xmlNodePtr n, int *oom)
{
    for (size_t i = 0; ns_rel_attr[i]; i++) {
        xmlChar *v = xmlGetNsProp(n, BAD_CAST "id", BAD_CAST ns_rel_attr[i]);
        if (v) {
            char *s = assess_strdup((const char *)v);
            xmlFree(v);
            if (!s)
                *oom = 1;
            return s;
        }
    }
    return NULL;
}

static long line_of(xmlNodePtr n)
{
    long line = xmlGetLineNo(n);
    return line > 0 ? line : 0;
}

/* Parse a small member (workbook, relationships, properties) into a DOM;
   errors are rewritten as "member:line: ...". Sheets and shared strings,
   which grow with the data, are streamed instead (below). */
static xmlDocPtr parse_part(reader *r, const member *m, assess_status *st)
{
    if (m->size == 0) {
        *st = fail(r, ASSESS_ERR_SYNTAX, m->name, 0, "empty part (no XML)");
        return NULL;
    }
    if (m->size > ASSESS_XLSX_MAX_PART_BYTES) {
        *st = fail(r, ASSESS_ERR_LIMIT, m->name, 0,
                   "larger than the limit of %u MiB for a workbook, "
                   "relationships or properties part",
                   ASSESS_XLSX_MAX_PART_BYTES >> 20);
        return NULL;
    }
    assess_diags tmp;
    assess_diags_init(&tmp);
    xmlDocPtr doc = assess_xml_parse(m->name, m->data, m->size, &tmp);
    if (!doc) {
        const assess_diag *g = tmp.count ? &tmp.items[0] : NULL;
        const char *msg = g && g->message ? g->message : "not well-formed XML";
        long line = 0;
        int k = 0;
        if (sscanf(msg, "line %ld: %n", &line, &k) == 1 && k > 0)
            msg += k;
        else
            line = 0;
        *st = fail(r, g ? g->status : ASSESS_ERR_SYNTAX, m->name, line, "%s",
                   msg);
    } else if (!xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        doc = NULL;
        *st = fail(r, ASSESS_ERR_SYNTAX, m->name, 0, "no root element");
    }
    assess_diags_release(&tmp);
    return doc;
}

/* The element's text (all descendant text), malloc'd by libxml2: free
   with xmlFree. NULL only on no memory. */
static xmlChar *text_of(xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    return v ? v : xmlStrdup(BAD_CAST "");
}

/* ---- relationships ------------------------------------------------------------ */

/* Decode %XX (URI escapes) of a relationship target; never makes a NUL. */
static void percent_decode(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        int h, l;
        if (p[0] == '%' && (h = hex_value(p[1])) >= 0 &&
            (l = hex_value(p[2])) >= 0 && (h || l)) {
            *o++ = (char)(h * 16 + l);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
}

/* The member name a relationship target of part `source` ("" for the
   package) points to: from the root when it starts with '/', else from the
   source's directory; "." and ".." resolved as RFC 3986 does (a ".." above
   the root is dropped). */
static char *resolve_target(const char *source, const char *target)
{
    const char *slash = strrchr(source, '/');
    size_t dir = target[0] == '/' ? 0 : slash ? (size_t)(slash - source) + 1 : 0;
    size_t n = strlen(target);
    char *path = malloc(dir + n + 1);
    char *out = malloc(dir + n + 1);
    if (!path || !out) {
        free(path);
        free(out);
        return NULL;
    }
    memcpy(path, source, dir);
    memcpy(path + dir, target, n + 1);
    path[dir + strcspn(path + dir, "?#")] = '\0';
    percent_decode(path + dir);
    size_t len = 0;
    for (char *p = path; *p;) {
        size_t k = strcspn(p, "/\\");
        if (k == 2 && p[0] == '.' && p[1] == '.') {
            while (len && out[len - 1] != '/')
                len--;
            if (len)
                len--; /* the '/' before the dropped component */
        } else if (k > 0 && !(k == 1 && p[0] == '.')) {
            if (len)
                out[len++] = '/';
            memcpy(out + len, p, k);
            len += k;
        }
        p += k;
        if (*p)
            p++;
    }
    out[len] = '\0';
    free(path);
    return out;
}

/* The .rels part of `source`: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
static char *rels_name(const char *source)
{
    const char *slash = strrchr(source, '/');
    size_t dir = slash ? (size_t)(slash - source) + 1 : 0;
    return assess_printf("%.*s_rels/%s.rels", (int)dir, source, source + dir);
}

/* Read the relationships of `source`; an absent .rels part is an empty list. */
static assess_status read_rels(reader *r, const char *source, rels *out)
{
    char *name = rels_name(source);
    if (!name)
        return nomem(r);
    const member *m = find_member(r, name);
    free(name);
    if (!m)
        return ASSESS_OK;
    assess_status st = ASSESS_OK;
    xmlDocPtr doc = parse_part(r, m, &st);
    if (!doc)
        return st;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!is_el(root, "Relationships", ns_package_rels)) {
        st = fail(r, ASSESS_ERR_INVALID, m->name, line_of(root),
                  "not a relationships part (root element <%s>)", root->name);
        goto done;
    }
    for (xmlNodePtr c = root->children; c && st == ASSESS_OK; c = c->next) {
        if (!is_el(c, "Relationship", ns_package_rels))
            continue;
        int oom = 0;
        char *id = attr(c, "Id", &oom), *type = attr(c, "Type", &oom),
             *target = attr(c, "Target", &oom), *mode = attr(c, "TargetMode", &oom);
        if (oom) {
            st = nomem(r);
        } else if (!id || !target) {
            st = fail(r, ASSESS_ERR_INVALID, m->name, line_of(c),
                      "a relationship without %s", id ? "Target" : "Id");
        } else if (!assess_grow((void **)&out->items, &out->cap, out->n + 1,
                                sizeof *out->items)) {
            st = nomem(r);
        } else {
            rel *rl = &out->items[out->n];
            rl->external = mode && strcmp(mode, "External") == 0;
            rl->target = rl->external ? assess_strdup(target)
                                      : resolve_target(source, target);
            rl->id = id;
            rl->type = type ? type : assess_strdup("");
            id = type = NULL;
            out->n++;
            if (!rl->target || !rl->type)
                st = nomem(r);
        }
        free(id);
        free(type);
        free(target);
        free(mode);
    }
done:
    xmlFreeDoc(doc);
    return st;
}

/* The first relationship whose type ends with "/<suffix>". */
static const rel *rel_of_type(const rels *rs, const char *suffix)
{
    for (size_t i = 0; i < rs->n; i++) {
        const char *t = strrchr(rs->items[i].type, '/');
        if (t && strcmp(t + 1, suffix) == 0)
            return &rs->items[i];
    }
    return NULL;
}

static const rel *rel_by_id(const rels *rs, const char *id)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->items[i].id, id) == 0)
            return &rs->items[i];
    return NULL;
}

/* ---- strings ---------------------------------------------------------------- */

static void utf8_put(assess_buf *b, unsigned long u)
{
    char s[4];
    size_t n;
    if (u < 0x80) {
        s[0] = (char)u;
        n = 1;
    } else if (u < 0x800) {
        s[0] = (char)(0xC0 | (u >> 6));
        s[1] = (char)(0x80 | (u & 0x3F));
        n = 2;
    } else if (u < 0x10000) {
        s[0] = (char)(0xE0 | (u >> 12));
        s[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        s[2] = (char)(0x80 | (u & 0x3F));
        n = 3;
    } else {
        s[0] = (char)(0xF0 | (u >> 18));
        s[1] = (char)(0x80 | ((u >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((u >> 6) & 0x3F));
        s[3] = (char)(0x80 | (u & 0x3F));
        n = 4;
    }
    assess_buf_add(b, s, n);
}

/* The UTF-16 code unit of an "_xHHHH_" escape at s, or -1. */
static long x_escape(const char *s, size_t left)
{
    if (left < 7 || s[0] != '_' || (s[1] != 'x' && s[1] != 'X') || s[6] != '_')
        return -1;
    long u = 0;
    for (int i = 2; i < 6; i++) {
        int h = hex_value(s[i]);
        if (h < 0)
            return -1;
        u = u * 16 + h;
    }
    return u;
}

/* Append s[0..n) decoding Excel's ST_Xstring escapes: "_xHHHH_" is the
   UTF-16 code unit HHHH (Excel writes control characters so, and "_x005F_"
   for an underscore that would start an escape). A surrogate pair is two
   escapes; NUL and unpaired surrogates stay as written. */
static void add_unescaped(assess_buf *b, const char *s, size_t n)
{
    size_t i = 0, start = 0;
    while (i < n) {
        long u = s[i] == '_' ? x_escape(s + i, n - i) : -1;
        if (u < 0 || u == 0 || (u >= 0xDC00 && u <= 0xDFFF)) {
            i++;
            continue;
        }
        size_t used = 7;
        unsigned long cp = (unsigned long)u;
        if (u >= 0xD800 && u <= 0xDBFF) {
            long lo = x_escape(s + i + 7, n - i - 7);
            if (lo < 0xDC00 || lo > 0xDFFF) {
                i++;
                continue;
            }
            cp = 0x10000 + (((unsigned long)u - 0xD800) << 10) +
                 ((unsigned long)lo - 0xDC00);
            used = 14;
        }
        assess_buf_add(b, s + start, i - start);
        utf8_put(b, cp);
        i += used;
        start = i;
    }
    assess_buf_add(b, s + start, n - start);
}

/* ---- streaming XML: sheets and shared strings ------------------------------ */

/*
 * Worksheets and the shared strings part grow with the data, so they are
 * read with SAX callbacks rather than a DOM: memory then follows the cells
 * kept, not the markup (a 70 KiB zip can hold 64 MiB of "<c/>"). The
 * parser is set up as assess_xml_parse() does: no network, no entity
 * substitution, and any DOCTYPE stops the parse. A handler that finds a
 * problem records it and stops the parser.
 */
typedef struct sax_state sax_state;
struct sax_state {
    reader *r;
    const char *part;
    xmlParserCtxtPtr ctxt;
    assess_status status; /* the first problem a handler found */
    int refused;          /* a DOCTYPE */
    int depth;            /* of the element being started or ended */
    assess_buf *text;     /* where character data goes now, or NULL */
    void (*start)(sax_state *s, const xmlChar *name, const xmlChar *uri,
                  int nattr, const xmlChar **attrs);
    void (*end)(sax_state *s);
    void *user;
};

static long sax_line(const sax_state *s)
{
    return s->ctxt && s->ctxt->input ? s->ctxt->input->line : 0;
}

/* Record a problem at the current line and stop the parse. */
static void sax_fail(sax_state *s, assess_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void sax_fail(sax_state *s, assess_status st, const char *fmt, ...)
{
    if (s->status != ASSESS_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = assess_vprintf(fmt, ap);
    va_end(ap);
    s->status = msg ? fail(s->r, st, s->part, sax_line(s), "%s", msg)
                    : nomem(s->r);
    free(msg);
    xmlStopParser(s->ctxt);
}

static int sax_ns_main(const xmlChar *uri)
{
    for (size_t i = 0; uri && ns_main[i]; i++)
        if (xmlStrEqual(uri, BAD_CAST ns_main[i]))
            return 1;
    return 0;
}

/* An element of SpreadsheetML named `name`. */
static int sax_is(const xmlChar *name, const xmlChar *uri, const char *want)
{
    return xmlStrEqual(name, BAD_CAST want) && sax_ns_main(uri);
}

/* A copy of the unqualified attribute `name` (SAX2 gives name, prefix,
   URI, value, end for each); NULL when absent or out of memory (*oom). */
static char *sax_attr(int nattr, const xmlChar **attrs, const char *name,
                      int *oom)
{
    for (int i = 0; i < nattr; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (!a[2] && xmlStrEqual(a[0], BAD_CAST name)) {
            size_t n = (size_t)(a[4] - a[3]);
            char *v = malloc(n + 1);
            if (!v) {
                *oom = 1;
                return NULL;
            }
            memcpy(v, a[3], n);
            v[n] = '\0';
            return v;
        }
    }
    return NULL;
}

static void sax_start_cb(void *ctx, const xmlChar *name, const xmlChar *prefix,
                         const xmlChar *uri, int nns, const xmlChar **ns,
                         int nattr, int ndefaulted, const xmlChar **attrs)
{
    (void)prefix;
    (void)nns;
    (void)ns;
    (void)ndefaulted;
    sax_state *s = ((xmlParserCtxtPtr)ctx)->_private;
    s->depth++;
    if (s->status == ASSESS_OK)
        s->start(s, name, uri, nattr, attrs);
}

static void sax_end_cb(void *ctx, const xmlChar *name, const xmlChar *prefix,
                       const xmlChar *uri)
{
    (void)name;
    (void)prefix;
    (void)uri;
    sax_state *s = ((xmlParserCtxtPtr)ctx)->_private;
    if (s->status == ASSESS_OK)
        s->end(s);
    s->depth--;
}

static void sax_text_cb(void *ctx, const xmlChar *ch, int len)
{
    sax_state *s = ((xmlParserCtxtPtr)ctx)->_private;
    if (s->text && s->status == ASSESS_OK && len > 0) {
        assess_buf_add(s->text, (const char *)ch, (size_t)len);
        if (s->text->failed)
            sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
    }
}

static void sax_doctype_cb(void *ctx, const xmlChar *name, const xmlChar *ext,
                           const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    sax_state *s = ((xmlParserCtxtPtr)ctx)->_private;
    s->refused = 1;
    xmlStopParser(s->ctxt);
}

/* Count the XML bytes parsed: 1,024 sheets may all name one 64 MiB part. */
static assess_status count_parsed(reader *r, const member *m)
{
    r->parsed += m->size;
    if (r->parsed > ASSESS_XLSX_MAX_TOTAL_BYTES)
        return fail(r, ASSESS_ERR_LIMIT, m->name, 0,
                    "the XML parsed exceeds %u MiB in total (parts read for "
                    "several sheets?)",
                    ASSESS_XLSX_MAX_TOTAL_BYTES >> 20);
    return ASSESS_OK;
}

/* Stream member `m` through s->start and s->end. */
static assess_status sax_parse(reader *r, const member *m, sax_state *s)
{
    s->r = r;
    s->part = m->name;
    s->status = ASSESS_OK;
    if (m->size == 0)
        return fail(r, ASSESS_ERR_SYNTAX, m->name, 0, "empty part (no XML)");
    if (count_parsed(r, m) != ASSESS_OK)
        return ASSESS_ERR_LIMIT;
    assess_xml_thread_init();
    xmlResetLastError();
    xmlParserCtxtPtr c = xmlCreateMemoryParserCtxt(m->data, (int)m->size);
    if (!c)
        return nomem(r);
    xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR |
                             XML_PARSE_NOWARNING);
    xmlSAXHandlerPtr h = c->sax;
    h->internalSubset = sax_doctype_cb;
    h->startElementNs = sax_start_cb;
    h->endElementNs = sax_end_cb;
    h->characters = sax_text_cb;
    h->cdataBlock = sax_text_cb;
    h->ignorableWhitespace = sax_text_cb;
    h->comment = NULL; /* nothing may build up a tree */
    h->processingInstruction = NULL;
    h->reference = NULL;
    c->_private = s;
    s->ctxt = c;
    xmlParseDocument(c);
    assess_status st = s->status;
    if (s->refused) {
        st = fail(r, ASSESS_ERR_SYNTAX, m->name, sax_line(s),
                  "a DOCTYPE is not accepted (no DTD, no entities)");
    } else if (st == ASSESS_OK && !c->wellFormed) {
        xmlErrorPtr e = xmlGetLastError();
        char msg[256];
        snprintf(msg, sizeof msg, "%s",
                 e && e->message ? e->message : "not well-formed");
        msg[strcspn(msg, "\n")] = '\0';
        st = fail(r, ASSESS_ERR_SYNTAX, m->name,
                  e && e->line ? e->line : sax_line(s), "%s", msg);
    }
    s->ctxt = NULL;
    xmlFreeDoc(c->myDoc);
    c->myDoc = NULL;
    xmlFreeParserCtxt(c);
    return st;
}

/* Shared strings: sst > si > (t | r > t); phonetic runs (rPh) are not
   part of the text. Each <t> is unescaped on its own. */
typedef struct sst_sax {
    int in_si, in_run, in_t;
    assess_buf item, t;
} sst_sax;

static void sst_start(sax_state *s, const xmlChar *name, const xmlChar *uri,
                      int nattr, const xmlChar **attrs)
{
    (void)nattr;
    (void)attrs;
    sst_sax *u = s->user;
    if (s->depth == 1) {
        if (!sax_is(name, uri, "sst"))
            sax_fail(s, ASSESS_ERR_INVALID,
                     "not a SpreadsheetML shared strings part (root element "
                     "<%.40s>)",
                     (const char *)name);
    } else if (s->depth == 2 && sax_is(name, uri, "si")) {
        u->in_si = 1;
        u->item.len = 0;
    } else if (u->in_si && s->depth == 3 && sax_is(name, uri, "r")) {
        u->in_run = 1;
    } else if (u->in_si && sax_is(name, uri, "t") &&
               (s->depth == 3 || (s->depth == 4 && u->in_run))) {
        u->in_t = s->depth;
        u->t.len = 0;
        s->text = &u->t;
    }
}

static void sst_end(sax_state *s)
{
    sst_sax *u = s->user;
    reader *r = s->r;
    if (u->in_t && s->depth == u->in_t) {
        add_unescaped(&u->item, u->t.data ? u->t.data : "", u->t.len);
        u->in_t = 0;
        s->text = NULL;
    } else if (u->in_run && s->depth == 3) {
        u->in_run = 0;
    } else if (u->in_si && s->depth == 2) {
        u->in_si = 0;
        if (u->item.failed) {
            sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
            return;
        }
        if (r->n_sst >= ASSESS_XLSX_MAX_CELLS) {
            sax_fail(s, ASSESS_ERR_LIMIT, "more than %u shared strings",
                     ASSESS_XLSX_MAX_CELLS);
            return;
        }
        if (!assess_grow((void **)&r->sst, &r->cap_sst, r->n_sst + 1,
                         sizeof *r->sst)) {
            sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
            return;
        }
        r->sst[r->n_sst] =
            arena_add(r->x, u->item.data ? u->item.data : "", u->item.len);
        if (!r->sst[r->n_sst])
            sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
        else
            r->n_sst++;
    }
}

static assess_status read_shared_strings(reader *r, const char *part)
{
    const member *m = find_member(r, part);
    if (!m)
        return fail(r, ASSESS_ERR_INVALID, part, 0,
                    "the shared strings part is not in the archive");
    sst_sax u;
    memset(&u, 0, sizeof u);
    sax_state s;
    memset(&s, 0, sizeof s);
    s.start = sst_start;
    s.end = sst_end;
    s.user = &u;
    assess_status st = sax_parse(r, m, &s);
    assess_buf_release(&u.item);
    assess_buf_release(&u.t);
    return st;
}

/* ---- cells -------------------------------------------------------------------- */

/* A number as SpreadsheetML writes it (xsd:double without INF and NaN),
   converted independently of the C locale's decimal point. */
static int parse_number(const char *s, double *out)
{
    const char *p = s;
    int digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    for (; is_digit(*p); p++)
        digits++;
    if (*p == '.')
        for (p++; is_digit(*p); p++)
            digits++;
    if (!digits)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!is_digit(*p))
            return 0;
        while (is_digit(*p))
            p++;
    }
    if (*p)
        return 0;
    const char *dp = localeconv()->decimal_point;
    double v;
    if (!dp || strcmp(dp, ".") == 0) {
        v = strtod(s, NULL);
    } else {
        assess_buf b = {0};
        for (const char *q = s; *q; q++) {
            if (*q == '.')
                assess_buf_puts(&b, dp);
            else
                assess_buf_add(&b, q, 1);
        }
        if (b.failed || !b.data) {
            assess_buf_release(&b);
            return 0;
        }
        v = strtod(b.data, NULL);
        assess_buf_release(&b);
    }
    if (!isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* The parts of one <c> as read: attribute and child texts, NULL when
   absent; `is` is the inline string already unescaped. */
typedef struct cell_parts {
    char *r, *t;            /* attributes of <c> */
    const char *v, *f, *is; /* texts of <v>, <f>, <is> */
    char *f_t, *f_si;       /* attributes of <f> */
    long line;
} cell_parts;

/* Fill `cell` (row and col set) from its parts; *shared is 1 for the
   master of a shared formula, 2 for a follower, 0 otherwise, with its si
   in *si. */
static assess_status make_cell(reader *r, const char *part,
                               const cell_parts *p, assess_xlsx_cell *cell,
                               int *shared, unsigned long *si)
{
    char ref[16];
    assess_xlsx_cell_name(ref, cell->row, cell->col);
    long line = p->line;
    const char *t = p->t, *val = p->v;
    cell->type = ASSESS_CELL_BLANK;
    cell->number = 0;
    cell->text = NULL;
    cell->formula = NULL;
    if (p->f) {
        const char *f = p->f[0] == '=' ? p->f + 1 : p->f;
        cell->formula = arena_add(r->x, f, strlen(f));
        if (!cell->formula)
            return nomem(r);
        if (p->f_t && p->f_si && strcmp(p->f_t, "shared") == 0) {
            const char *q = p->f_si;
            *si = 0;
            while (is_digit(*q) && *si < 100000000ul)
                *si = *si * 10 + (unsigned long)(*q++ - '0');
            if (q > p->f_si && !*q)
                *shared = cell->formula[0] ? 1 : 2;
        }
    }
    int has_value = val && (val[0] || (t && strcmp(t, "str") == 0));
    if (!t || strcmp(t, "n") == 0) {
        if (has_value) {
            if (!parse_number(val, &cell->number))
                return fail(r, ASSESS_ERR_INVALID, part, line,
                            "cell %s: '%.40s' is not a number", ref, val);
            cell->type = ASSESS_CELL_NUMBER;
            cell->text = arena_add(r->x, val, strlen(val));
        }
    } else if (strcmp(t, "s") == 0) {
        if (has_value) {
            const char *q = val;
            unsigned long long k = 0;
            for (; is_digit(*q); q++) /* saturates above the count */
                if (k <= r->n_sst)
                    k = k * 10 + (unsigned long long)(*q - '0');
            if (q == val || *q)
                return fail(r, ASSESS_ERR_INVALID, part, line,
                            "cell %s: shared string index '%.40s' is not a "
                            "number",
                            ref, val);
            if (k >= r->n_sst)
                return fail(r, ASSESS_ERR_INVALID, part, line,
                            "cell %s: shared string index %.40s out of range "
                            "(%zu shared strings)",
                            ref, val, r->n_sst);
            cell->type = ASSESS_CELL_STRING;
            cell->text = r->sst[k];
        }
    } else if (strcmp(t, "inlineStr") == 0) {
        if (p->is) {
            cell->type = ASSESS_CELL_STRING;
            cell->text = arena_add(r->x, p->is, strlen(p->is));
        } else if (has_value) { /* not the schema, but unambiguous */
            cell->type = ASSESS_CELL_STRING;
            cell->text = arena_add(r->x, val, strlen(val));
        }
    } else if (strcmp(t, "str") == 0) {
        if (has_value) {
            assess_buf b = {0};
            add_unescaped(&b, val, strlen(val));
            cell->type = ASSESS_CELL_STRING;
            cell->text = b.failed ? NULL
                                  : arena_add(r->x, b.data ? b.data : "", b.len);
            assess_buf_release(&b);
        }
    } else if (strcmp(t, "b") == 0) {
        if (has_value) {
            if (strcmp(val, "1") == 0 || strcmp(val, "true") == 0)
                cell->number = 1;
            else if (strcmp(val, "0") != 0 && strcmp(val, "false") != 0)
                return fail(r, ASSESS_ERR_INVALID, part, line,
                            "cell %s: '%.40s' is not a boolean (0 or 1)", ref,
                            val);
            cell->type = ASSESS_CELL_BOOL;
        }
    } else if (strcmp(t, "e") == 0 || strcmp(t, "d") == 0) {
        if (has_value) {
            cell->type = t[0] == 'e' ? ASSESS_CELL_ERROR : ASSESS_CELL_STRING;
            cell->text = arena_add(r->x, val, strlen(val));
        }
    } else {
        return fail(r, ASSESS_ERR_INVALID, part, line,
                    "cell %s: unknown cell type t=\"%.40s\"", ref, t);
    }
    if (cell->type != ASSESS_CELL_BLANK && cell->type != ASSESS_CELL_BOOL &&
        !cell->text)
        return nomem(r);
    return ASSESS_OK;
}

static int cmp_cell(const void *a, const void *b)
{
    const assess_xlsx_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

/* An unsigned decimal attribute value within [1, max]; 0 when not. */
static unsigned long parse_index(const char *s, unsigned long max)
{
    unsigned long v = 0;
    const char *p = s;
    while (is_digit(*p)) {
        if (v <= max)
            v = v * 10 + (unsigned long)(*p - '0');
        p++;
    }
    return p == s || *p || v < 1 || v > max ? 0 : v;
}

/* ---- shared formulas -------------------------------------------------------- */

static int is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

static int name_char(char c)
{
    return is_alpha(c) || is_digit(c) || c == '_' || c == '.' || c == '$' ||
           c == '\\' || c == '?' || (unsigned char)c >= 0x80;
}

/* An A1 reference token: "$B$2", "B2", a column "$B" or a row "2". */
typedef struct ref_token {
    unsigned long col, row; /* 1-based; 0 when absent */
    int col_abs, row_abs;
} ref_token;

static int ref_token_parse(const char *s, size_t n, ref_token *t)
{
    size_t i = 0, start;
    int dollar = 0;
    memset(t, 0, sizeof *t);
    if (i < n && s[i] == '$') {
        dollar = 1;
        i++;
    }
    for (start = i; i < n && is_alpha(s[i]); i++) {
        if (i - start >= 3)
            return 0;
        t->col = t->col * 26 + (unsigned long)(upper((unsigned char)s[i]) - 'A' + 1);
    }
    if (i > start) {
        t->col_abs = dollar;
        dollar = 0;
        if (i < n && s[i] == '$') {
            dollar = 1;
            i++;
        }
    }
    for (start = i; i < n && is_digit(s[i]); i++) {
        if (i - start >= 7)
            return 0;
        t->row = t->row * 10 + (unsigned long)(s[i] - '0');
    }
    if (i > start) {
        if (t->row == 0)
            return 0;
        t->row_abs = dollar;
        dollar = 0;
    }
    return i == n && !dollar && (t->col || t->row) &&
           t->col <= ASSESS_XLSX_MAX_COLS && t->row <= ASSESS_XLSX_MAX_ROWS;
}

/* Append the token shifted by (drow, dcol) where relative; "#REF!" when it
   leaves the grid, as Excel shows it. */
static void ref_token_shift(assess_buf *b, const ref_token *t, long drow,
                            long dcol)
{
    long col = (long)t->col + (t->col && !t->col_abs ? dcol : 0);
    long row = (long)t->row + (t->row && !t->row_abs ? drow : 0);
    if ((t->col && (col < 1 || col > (long)ASSESS_XLSX_MAX_COLS)) ||
        (t->row && (row < 1 || row > (long)ASSESS_XLSX_MAX_ROWS))) {
        assess_buf_puts(b, "#REF!");
        return;
    }
    if (t->col) {
        char letters[4];
        int n = 0;
        for (unsigned long c = (unsigned long)col; c; c = (c - 1) / 26)
            letters[n++] = (char)('A' + (c - 1) % 26);
        if (t->col_abs)
            assess_buf_add(b, "$", 1);
        while (n)
            assess_buf_add(b, &letters[--n], 1);
    }
    if (t->row)
        assess_buf_printf(b, "%s%ld", t->row_abs ? "$" : "", row);
}

/* Append `f` with its relative A1 references moved by (drow, dcol), as
   Excel does for the cells of a shared formula. String literals, quoted
   sheet names and [...] are copied; a name followed by '(' is a function
   and one followed by '!' a sheet; a lone column or row counts as a
   reference only beside ':' ("A:A", "1:1"). */
static void translate_formula(assess_buf *b, const char *f, long drow, long dcol)
{
    size_t n = strlen(f), i = 0;
    while (i < n) {
        char c = f[i];
        if (c == '"' || c == '\'') { /* "text" or 'sheet name', doubled quotes */
            size_t j = i + 1;
            while (j < n && !(f[j] == c && (j + 1 >= n || f[j + 1] != c)))
                j += f[j] == c ? 2 : 1;
            j = j < n ? j + 1 : n;
            assess_buf_add(b, f + i, j - i);
            i = j;
        } else if (c == '[') { /* external book or structured reference */
            size_t j = i, depth = 0;
            do {
                depth += f[j] == '[';
                depth -= f[j] == ']';
                j++;
            } while (j < n && depth > 0);
            assess_buf_add(b, f + i, j - i);
            i = j;
        } else if (name_char(c)) {
            size_t j = i;
            while (j < n && name_char(f[j]))
                j++;
            char next = j < n ? f[j] : '\0', prev = i > 0 ? f[i - 1] : '\0';
            ref_token t;
            if (next != '(' && next != '!' && next != '[' &&
                ref_token_parse(f + i, j - i, &t) &&
                ((t.col && t.row) || next == ':' || prev == ':'))
                ref_token_shift(b, &t, drow, dcol);
            else
                assess_buf_add(b, f + i, j - i);
            i = j;
        } else {
            assess_buf_add(b, f + i, 1);
            i++;
        }
    }
}

static int cmp_shared(const void *a, const void *b)
{
    const shared_ref *x = a, *y = b;
    if (x->si != y->si)
        return x->si < y->si ? -1 : 1;
    return (x->cell > y->cell) - (x->cell < y->cell);
}

/* Give each follower of a shared formula its master's text, shifted; a
   follower without a master keeps "". */
static assess_status resolve_shared(reader *r, xlsx_sheet *sh, const char *part)
{
    if (r->n_masters > 1)
        qsort(r->masters, r->n_masters, sizeof *r->masters, cmp_shared);
    for (size_t k = 0; k < r->n_followers; k++) {
        size_t lo = 0, hi = r->n_masters;
        while (lo < hi) { /* the first master with this si */
            size_t mid = lo + (hi - lo) / 2;
            if (r->masters[mid].si < r->followers[k].si)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == r->n_masters || r->masters[lo].si != r->followers[k].si)
            continue;
        const assess_xlsx_cell *m = &sh->cells[r->masters[lo].cell];
        assess_xlsx_cell *c = &sh->cells[r->followers[k].cell];
        assess_buf b = {0};
        translate_formula(&b, m->formula, (long)c->row - (long)m->row,
                          (long)c->col - (long)m->col);
        if (b.failed) {
            assess_buf_release(&b);
            return nomem(r);
        }
        r->shared_bytes += b.len + 1;
        if (r->shared_bytes > MAX_SHARED_FORMULA_BYTES) {
            assess_buf_release(&b);
            return fail(r, ASSESS_ERR_LIMIT, part, 0,
                        "shared formulas expand to more than %u MiB of text",
                        MAX_SHARED_FORMULA_BYTES >> 20);
        }
        c->formula = arena_add(r->x, b.data ? b.data : "", b.len);
        assess_buf_release(&b);
        if (!c->formula)
            return nomem(r);
    }
    r->n_masters = r->n_followers = 0;
    return ASSESS_OK;
}

/* A sheet: root > sheetData > row > c > (v | f | is > (t | r > t)). */
typedef struct sheet_sax {
    xlsx_sheet *sh;
    int in_data, in_row, in_cell, in_is, in_run, in_t;
    int has_v, has_f, has_is;
    unsigned long rownum, next_col;
    cell_parts cp;
    assess_buf v, f, is, t;
} sheet_sax;

static void buf_clear(assess_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static void cell_parts_clear(cell_parts *p)
{
    free(p->r);
    free(p->t);
    free(p->f_t);
    free(p->f_si);
    memset(p, 0, sizeof *p);
}

static void sheet_start(sax_state *s, const xmlChar *name, const xmlChar *uri,
                        int nattr, const xmlChar **attrs)
{
    sheet_sax *u = s->user;
    int oom = 0;
    if (s->depth == 1) {
        if (!sax_is(name, uri, "worksheet") && !sax_is(name, uri, "chartsheet") &&
            !sax_is(name, uri, "dialogsheet") && !sax_is(name, uri, "macrosheet"))
            sax_fail(s, ASSESS_ERR_INVALID,
                     "not a SpreadsheetML sheet (root element <%.40s>)",
                     (const char *)name);
    } else if (s->depth == 2 && sax_is(name, uri, "sheetData")) {
        u->in_data = 1;
    } else if (u->in_data && s->depth == 3 && sax_is(name, uri, "row")) {
        char *rattr = sax_attr(nattr, attrs, "r", &oom);
        u->in_row = 1;
        u->next_col = 0;
        if (oom) {
            sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
        } else if (rattr) {
            u->rownum = parse_index(rattr, ASSESS_XLSX_MAX_ROWS);
            if (!u->rownum)
                sax_fail(s, ASSESS_ERR_INVALID,
                         "row number '%.40s' is not within 1 to %u", rattr,
                         ASSESS_XLSX_MAX_ROWS);
        } else if (++u->rownum > ASSESS_XLSX_MAX_ROWS) {
            sax_fail(s, ASSESS_ERR_INVALID,
                     "a row without a number beyond row %u",
                     ASSESS_XLSX_MAX_ROWS);
        }
        free(rattr);
    } else if (u->in_row && s->depth == 4 && sax_is(name, uri, "c")) {
        u->in_cell = 1;
        u->has_v = u->has_f = u->has_is = 0;
        buf_clear(&u->v);
        buf_clear(&u->f);
        buf_clear(&u->is);
        cell_parts_clear(&u->cp);
        u->cp.line = sax_line(s);
        u->cp.r = sax_attr(nattr, attrs, "r", &oom);
        u->cp.t = sax_attr(nattr, attrs, "t", &oom);
        if (oom)
            sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
    } else if (u->in_cell && s->depth == 5) {
        if (sax_is(name, uri, "v") && !u->has_v) {
            u->has_v = 1;
            s->text = &u->v;
        } else if (sax_is(name, uri, "f") && !u->has_f) {
            u->has_f = 1;
            s->text = &u->f;
            u->cp.f_t = sax_attr(nattr, attrs, "t", &oom);
            u->cp.f_si = sax_attr(nattr, attrs, "si", &oom);
            if (oom)
                sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
        } else if (sax_is(name, uri, "is") && !u->has_is) {
            u->has_is = u->in_is = 1;
        }
    } else if (u->in_is && s->depth == 6 && sax_is(name, uri, "r")) {
        u->in_run = 1;
    } else if (u->in_is && sax_is(name, uri, "t") &&
               (s->depth == 6 || (s->depth == 7 && u->in_run))) {
        u->in_t = s->depth;
        buf_clear(&u->t);
        s->text = &u->t;
    }
}

/* The <c> just ended: place it and make its value. */
static void sheet_cell(sax_state *s, sheet_sax *u)
{
    reader *r = s->r;
    xlsx_sheet *sh = u->sh;
    unsigned rr = (unsigned)(u->rownum - 1), cc = 0;
    if (u->cp.r) {
        int k = assess_xlsx_parse_ref(u->cp.r, &rr, &cc);
        if (k != 0) {
            sax_fail(s, ASSESS_ERR_INVALID,
                     k < 0 ? "cell reference '%.40s' is not valid"
                           : "cell reference '%.40s' is beyond XFD1048576",
                     u->cp.r);
            return;
        }
    } else if (u->next_col >= ASSESS_XLSX_MAX_COLS) {
        sax_fail(s, ASSESS_ERR_INVALID,
                 "row %lu: a cell without a reference beyond column XFD",
                 u->rownum);
        return;
    } else {
        cc = (unsigned)u->next_col;
    }
    u->next_col = (unsigned long)cc + 1;
    if (r->cells >= ASSESS_XLSX_MAX_CELLS) {
        sax_fail(s, ASSESS_ERR_LIMIT, "more than %u cells in the workbook",
                 ASSESS_XLSX_MAX_CELLS);
        return;
    }
    if (!assess_grow((void **)&sh->cells, &sh->cap_cells, sh->n_cells + 1,
                     sizeof *sh->cells)) {
        sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
        return;
    }
    if (u->v.failed || u->f.failed || u->is.failed) {
        sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
        return;
    }
    u->cp.v = u->has_v ? (u->v.data ? u->v.data : "") : NULL;
    u->cp.f = u->has_f ? (u->f.data ? u->f.data : "") : NULL;
    u->cp.is = u->has_is ? (u->is.data ? u->is.data : "") : NULL;
    assess_xlsx_cell *cell = &sh->cells[sh->n_cells];
    cell->row = rr;
    cell->col = cc;
    int shared = 0;
    unsigned long si = 0;
    assess_status st = make_cell(r, s->part, &u->cp, cell, &shared, &si);
    if (st != ASSESS_OK) { /* already reported */
        s->status = st;
        xmlStopParser(s->ctxt);
        return;
    }
    if (shared == 1 || shared == 2) {
        shared_ref **list = shared == 1 ? &r->masters : &r->followers;
        size_t *n = shared == 1 ? &r->n_masters : &r->n_followers;
        size_t *cap = shared == 1 ? &r->cap_masters : &r->cap_followers;
        if (!assess_grow((void **)list, cap, *n + 1, sizeof **list)) {
            sax_fail(s, ASSESS_ERR_NOMEM, "out of memory");
            return;
        }
        (*list)[*n].si = si;
        (*list)[*n].cell = sh->n_cells;
        (*n)++;
    }
    sh->n_cells++;
    r->cells++;
}

static void sheet_end(sax_state *s)
{
    sheet_sax *u = s->user;
    if (u->in_t && s->depth == u->in_t) {
        add_unescaped(&u->is, u->t.data ? u->t.data : "", u->t.len);
        u->in_t = 0;
        s->text = NULL;
    } else if (u->in_run && s->depth == 6) {
        u->in_run = 0;
    } else if (u->in_cell && s->depth == 5) {
        u->in_is = 0;
        s->text = NULL;
    } else if (u->in_cell && s->depth == 4) {
        u->in_cell = 0;
        sheet_cell(s, u);
    } else if (u->in_row && s->depth == 3) {
        u->in_row = 0;
    } else if (u->in_data && s->depth == 2) {
        u->in_data = 0;
    }
}

static assess_status read_sheet(reader *r, xlsx_sheet *sh, const char *part)
{
    const member *m = find_member(r, part);
    if (!m)
        return fail(r, ASSESS_ERR_INVALID, part, 0,
                    "the part of sheet '%.80s' is not in the archive", sh->name);
    sheet_sax u;
    memset(&u, 0, sizeof u);
    u.sh = sh;
    sax_state s;
    memset(&s, 0, sizeof s);
    s.start = sheet_start;
    s.end = sheet_end;
    s.user = &u;
    r->n_masters = r->n_followers = 0;
    assess_status st = sax_parse(r, m, &s);
    cell_parts_clear(&u.cp);
    assess_buf_release(&u.v);
    assess_buf_release(&u.f);
    assess_buf_release(&u.is);
    assess_buf_release(&u.t);
    if (st == ASSESS_OK)
        st = resolve_shared(r, sh, m->name);
    if (st != ASSESS_OK)
        return st;
    int sorted = 1;
    for (size_t i = 1; i < sh->n_cells && sorted; i++)
        sorted = cmp_cell(&sh->cells[i - 1], &sh->cells[i]) < 0;
    if (!sorted)
        qsort(sh->cells, sh->n_cells, sizeof *sh->cells, cmp_cell);
    for (size_t i = 1; i < sh->n_cells; i++) {
        if (cmp_cell(&sh->cells[i - 1], &sh->cells[i]) == 0) {
            char ref[16];
            assess_xlsx_cell_name(ref, sh->cells[i].row, sh->cells[i].col);
            return fail(r, ASSESS_ERR_INVALID, m->name, 0,
                        "cell %s appears twice", ref);
        }
    }
    return ASSESS_OK;
}

/* ---- workbook, properties, package --------------------------------------------- */

typedef struct prop_line {
    const char *name;
    long line;
    size_t k;
} prop_line;

static int cmp_prop_line(const void *a, const void *b)
{
    const prop_line *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->k > y->k) - (x->k < y->k);
}

static assess_status read_custom_properties(reader *r, const char *part)
{
    assess_xlsx *x = r->x;
    prop_line *lines = NULL;
    size_t cap_lines = 0;
    const member *m = find_member(r, part);
    if (!m)
        return fail(r, ASSESS_ERR_INVALID, part, 0,
                    "the custom properties part is not in the archive");
    assess_status st = ASSESS_OK;
    xmlDocPtr doc = parse_part(r, m, &st);
    if (!doc)
        return st;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!is_el(root, "Properties", ns_custom)) {
        st = fail(r, ASSESS_ERR_INVALID, m->name, line_of(root),
                  "not a custom properties part (root element <%s>)",
                  root->name);
    }
    for (xmlNodePtr c = root->children; c && st == ASSESS_OK; c = c->next) {
        if (!is_el(c, "property", ns_custom))
            continue;
        int oom = 0;
        char *name = attr(c, "name", &oom);
        xmlNodePtr value = c->children;
        while (value && value->type != XML_ELEMENT_NODE)
            value = value->next;
        if (oom) {
            st = nomem(r);
        } else if (!name) {
            st = fail(r, ASSESS_ERR_INVALID, m->name, line_of(c),
                      "a custom property without a name");
        } else if (!assess_grow((void **)&x->props, &x->cap_props,
                                x->n_props + 1, sizeof *x->props) ||
                   !assess_grow((void **)&lines, &cap_lines, x->n_props + 1,
                                sizeof *lines)) {
            st = nomem(r);
        } else {
            xmlChar *v = value ? text_of(value) : xmlStrdup(BAD_CAST "");
            property *p = &x->props[x->n_props];
            p->name = arena_add(x, name, strlen(name));
            p->value = v ? arena_add(x, (const char *)v, strlen((const char *)v))
                         : NULL;
            xmlFree(v);
            lines[x->n_props] = (prop_line){p->name, line_of(c), x->n_props};
            if (!p->name || !p->value)
                st = nomem(r);
            else
                x->n_props++;
        }
        free(name);
    }
    xmlFreeDoc(doc);
    /* names are unique: sorted, a repeated name is next to its first */
    if (st == ASSESS_OK && x->n_props > 1) {
        qsort(lines, x->n_props, sizeof *lines, cmp_prop_line);
        for (size_t i = 1; i < x->n_props && st == ASSESS_OK; i++)
            if (strcmp(lines[i - 1].name, lines[i].name) == 0)
                st = fail(r, ASSESS_ERR_INVALID, m->name, lines[i].line,
                          "custom property '%.80s' appears twice",
                          lines[i].name);
    }
    free(lines);
    return st;
}

/* The sheet list of the workbook part; then shared strings, then sheets. */
static assess_status read_workbook(reader *r, const member *wb)
{
    assess_xlsx *x = r->x;
    rels rs = {0};
    char **parts = NULL;
    assess_status st = ASSESS_OK;
    if (ends_with(wb->name, ".bin"))
        return fail(r, ASSESS_ERR_INVALID, wb->name, 0,
                    "a binary workbook (.xlsb) is not supported");
    xmlDocPtr doc = parse_part(r, wb, &st);
    if (!doc)
        return st;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr sheets = is_sml(root, "workbook") ? first_sml(root, "sheets") : NULL;
    if (!is_sml(root, "workbook")) {
        st = fail(r, ASSESS_ERR_INVALID, wb->name, line_of(root),
                  "not a SpreadsheetML workbook (root element <%s>%s%s)",
                  root->name, root->ns ? " in namespace " : "",
                  root->ns && root->ns->href ? (const char *)root->ns->href : "");
        goto done;
    }
    if (!sheets) {
        st = fail(r, ASSESS_ERR_INVALID, wb->name, line_of(root),
                  "the workbook has no <sheets>");
        goto done;
    }
    if ((st = read_rels(r, wb->name, &rs)) != ASSESS_OK)
        goto done;
    size_t n = 0;
    for (xmlNodePtr c = sheets->children; c; c = c->next)
        n += is_sml(c, "sheet");
    if (n == 0) {
        st = fail(r, ASSESS_ERR_INVALID, wb->name, line_of(sheets),
                  "the workbook has no sheets");
        goto done;
    }
    if (n > ASSESS_XLSX_MAX_SHEETS) {
        st = fail(r, ASSESS_ERR_LIMIT, wb->name, 0,
                  "more than %d sheets", ASSESS_XLSX_MAX_SHEETS);
        goto done;
    }
    parts = calloc(n, sizeof *parts);
    x->sheets = calloc(n, sizeof *x->sheets);
    if (!parts || !x->sheets) {
        st = nomem(r);
        goto done;
    }
    x->cap_sheets = n;
    for (xmlNodePtr c = sheets->children; c && st == ASSESS_OK; c = c->next) {
        if (!is_sml(c, "sheet"))
            continue;
        long line = line_of(c);
        int oom = 0;
        char *name = attr(c, "name", &oom), *state = attr(c, "state", &oom),
             *rid = attr_rid(c, &oom);
        const rel *rl = rid ? rel_by_id(&rs, rid) : NULL;
        xlsx_sheet *sh = &x->sheets[x->n_sheets];
        if (oom) {
            st = nomem(r);
        } else if (!name || !name[0]) {
            st = fail(r, ASSESS_ERR_INVALID, wb->name, line,
                      "a sheet without a name");
        } else if (assess_xlsx_sheet_find(x, name) >= 0) {
            st = fail(r, ASSESS_ERR_INVALID, wb->name, line,
                      "sheet name '%.80s' appears twice", name);
        } else if (state && strcmp(state, "visible") != 0 &&
                   strcmp(state, "hidden") != 0 &&
                   strcmp(state, "veryHidden") != 0) {
            st = fail(r, ASSESS_ERR_INVALID, wb->name, line,
                      "sheet '%.80s': unknown state '%.40s'", name, state);
        } else if (!rid) {
            st = fail(r, ASSESS_ERR_INVALID, wb->name, line,
                      "sheet '%.80s' has no r:id", name);
        } else if (!rl) {
            char *rn = rels_name(wb->name);
            st = fail(r, ASSESS_ERR_INVALID, wb->name, line,
                      "sheet '%.80s': relationship '%.40s' is not in %s", name,
                      rid, rn ? rn : "the workbook relationships");
            free(rn);
        } else if (rl->external) {
            st = fail(r, ASSESS_ERR_INVALID, wb->name, line,
                      "sheet '%.80s': relationship '%.40s' points outside the "
                      "file",
                      name, rid);
        } else {
            sh->name = arena_add(x, name, strlen(name));
            sh->hidden = state && strcmp(state, "hidden") == 0       ? 1
                         : state && strcmp(state, "veryHidden") == 0 ? 2
                                                                     : 0;
            parts[x->n_sheets] = assess_strdup(rl->target);
            if (!sh->name || !parts[x->n_sheets])
                st = nomem(r);
            x->n_sheets++;
        }
        free(name);
        free(state);
        free(rid);
    }
    xmlFreeDoc(doc);
    doc = NULL;
    if (st != ASSESS_OK)
        goto done;
    const rel *sst = rel_of_type(&rs, "sharedStrings");
    if (sst && sst->external)
        st = fail(r, ASSESS_ERR_INVALID, wb->name, 0,
                  "the shared strings relationship points outside the file");
    else if (sst)
        st = read_shared_strings(r, sst->target);
    for (size_t i = 0; i < x->n_sheets && st == ASSESS_OK; i++)
        st = read_sheet(r, &x->sheets[i], parts[i]);
done:
    if (parts)
        for (size_t i = 0; i < n; i++)
            free(parts[i]);
    free(parts);
    rels_release(&rs);
    xmlFreeDoc(doc);
    return st;
}

static assess_status read_package(reader *r)
{
    rels root = {0};
    assess_status st = read_rels(r, "", &root);
    if (st != ASSESS_OK) {
        rels_release(&root);
        return st;
    }
    const rel *doc = rel_of_type(&root, "officeDocument");
    const member *wb = NULL;
    if (doc && doc->external) {
        st = fail(r, ASSESS_ERR_INVALID, "_rels/.rels", 0,
                  "the workbook relationship points outside the file");
    } else if (doc) {
        wb = find_member(r, doc->target);
        if (!wb)
            st = fail(r, ASSESS_ERR_INVALID, "_rels/.rels", 0,
                      "not an XLSX workbook: the workbook part '%.200s' is "
                      "not in the archive",
                      doc->target);
    } else {
        wb = find_member(r, "xl/workbook.xml");
        if (!wb)
            st = fail(r, ASSESS_ERR_INVALID, NULL, 0,
                      "not an XLSX workbook: no workbook part (no "
                      "officeDocument relationship in _rels/.rels and no "
                      "xl/workbook.xml)");
    }
    const rel *custom = rel_of_type(&root, "custom-properties");
    if (!custom)
        custom = rel_of_type(&root, "customProperties");
    if (st == ASSESS_OK && custom && !custom->external)
        st = read_custom_properties(r, custom->target);
    else if (st == ASSESS_OK && !custom && find_member(r, "docProps/custom.xml"))
        st = read_custom_properties(r, "docProps/custom.xml");
    if (st == ASSESS_OK)
        st = read_workbook(r, wb);
    rels_release(&root);
    return st;
}

/* ---- public entry points -------------------------------------------------- */

assess_status assess_xlsx_parse(assess_xlsx **out, const char *name,
                                const void *data, size_t size, assess_diags *d)
{
    if (!name)
        name = "(xlsx)";
    if (!out || (!data && size))
        return assess_diags_add(d, ASSESS_ERR_USAGE, name, NULL,
                                "assess_xlsx_parse: no output or no data");
    *out = NULL;
    if (size > ASSESS_XLSX_MAX_BYTES)
        return assess_diags_add(d, ASSESS_ERR_LIMIT, name, NULL,
                                "larger than the limit of %u MiB for a workbook",
                                ASSESS_XLSX_MAX_BYTES >> 20);
    reader r;
    memset(&r, 0, sizeof r);
    r.file = name;
    r.d = d;
    r.x = calloc(1, sizeof *r.x);
    if (!r.x)
        return nomem(&r);
    assess_status st = read_zip(&r, data ? data : "", size);
    if (st == ASSESS_OK)
        st = read_package(&r);
    reader_release(&r);
    if (st != ASSESS_OK) {
        assess_xlsx_free(r.x);
        return st;
    }
    *out = r.x;
    return ASSESS_OK;
}

assess_status assess_xlsx_open(assess_xlsx **out, const char *path,
                               assess_diags *d)
{
    if (out)
        *out = NULL;
    if (!out || !path)
        return assess_diags_add(d, ASSESS_ERR_USAGE, path, NULL,
                                "assess_xlsx_open: no output or no path");
    char *data = NULL;
    size_t size = 0;
    assess_status st = assess_read_file(&data, &size, path,
                                        ASSESS_XLSX_MAX_BYTES, d);
    if (st == ASSESS_OK)
        st = assess_xlsx_parse(out, path, data, size, d);
    free(data);
    return st;
}

size_t assess_xlsx_sheet_count(const assess_xlsx *x)
{
    return x ? x->n_sheets : 0;
}

const char *assess_xlsx_sheet_name(const assess_xlsx *x, size_t sheet)
{
    return x && sheet < x->n_sheets ? x->sheets[sheet].name : NULL;
}

int assess_xlsx_sheet_hidden(const assess_xlsx *x, size_t sheet)
{
    return x && sheet < x->n_sheets ? x->sheets[sheet].hidden : 0;
}

long assess_xlsx_sheet_find(const assess_xlsx *x, const char *name)
{
    for (size_t i = 0; x && name && i < x->n_sheets; i++)
        if (strcmp(x->sheets[i].name, name) == 0)
            return (long)i;
    return -1;
}

size_t assess_xlsx_cell_count(const assess_xlsx *x, size_t sheet)
{
    return x && sheet < x->n_sheets ? x->sheets[sheet].n_cells : 0;
}

const assess_xlsx_cell *assess_xlsx_cell_at(const assess_xlsx *x, size_t sheet,
                                            size_t k)
{
    if (!x || sheet >= x->n_sheets || k >= x->sheets[sheet].n_cells)
        return NULL;
    return &x->sheets[sheet].cells[k];
}

const assess_xlsx_cell *assess_xlsx_get(const assess_xlsx *x, size_t sheet,
                                        unsigned row, unsigned col)
{
    if (!x || sheet >= x->n_sheets)
        return NULL;
    assess_xlsx_cell key;
    memset(&key, 0, sizeof key);
    key.row = row;
    key.col = col;
    const xlsx_sheet *sh = &x->sheets[sheet];
    return sh->cells ? bsearch(&key, sh->cells, sh->n_cells, sizeof *sh->cells,
                               cmp_cell)
                     : NULL;
}

const char *assess_xlsx_custom_property(const assess_xlsx *x, const char *name)
{
    for (size_t i = 0; x && name && i < x->n_props; i++)
        if (strcmp(x->props[i].name, name) == 0)
            return x->props[i].value;
    return NULL;
}

size_t assess_xlsx_custom_property_count(const assess_xlsx *x)
{
    return x ? x->n_props : 0;
}

const char *assess_xlsx_custom_property_name(const assess_xlsx *x, size_t k)
{
    return x && k < x->n_props ? x->props[k].name : NULL;
}

const char *assess_xlsx_custom_property_value(const assess_xlsx *x, size_t k)
{
    return x && k < x->n_props ? x->props[k].value : NULL;
}
