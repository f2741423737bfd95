/*
 * notice.c - the notice reader's front: format detection by content, the
 * arena and normalisers the three readers share (notice_internal.h),
 * supplier-group resolution through the registry, and the JSON form of a
 * notice (templates/notice.schema.json).
 */
#define _POSIX_C_SOURCE 200809L
#include "notice/notice_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/jsonw.h"
#include "util/xml.h"

const char *assess_notice_format_name(assess_notice_format f)
{
    switch (f) {
    case ASSESS_NOTICE_EFORMS:
        return "eforms";
    case ASSESS_NOTICE_TED:
        return "ted";
    case ASSESS_NOTICE_OCDS:
        return "ocds";
    }
    return "unknown";
}

/* ---- arena ------------------------------------------------------------- */

void nt_init(nt_build *b, const assess_registry *registry,
             assess_notice_format format)
{
    memset(b, 0, sizeof *b);
    b->registry = registry;
    b->n.format = format;
    b->n.estimated.value = -1;
}

void nt_release(nt_build *b)
{
    for (nt_chunk *c = b->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    assess_buf_release(&b->text);
    memset(b, 0, sizeof *b);
}

void *nt_alloc(nt_build *b, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) *
           sizeof(max_align_t);
    if (b->oom || size == 0)
        return NULL;
    nt_chunk *c = b->chunks;
    if (!c || c->size - c->used < size) {
        size_t want = size > 32768 ? size : 32768;
        c = malloc(sizeof *c + want);
        if (!c) {
            b->oom = 1;
            return NULL;
        }
        c->size = want;
        c->used = 0;
        c->next = b->chunks;
        b->chunks = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *nt_strn(nt_build *b, const char *s, size_t n)
{
    if (!s)
        return NULL;
    while (n && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return NULL;
    char *p = nt_alloc(b, n + 1);
    if (p)
        memcpy(p, s, n);
    return p;
}

const char *nt_str(nt_build *b, const char *s)
{
    return s ? nt_strn(b, s, strlen(s)) : NULL;
}

void *nt_push(nt_build *b, void *items, size_t *count, size_t size)
{
    void **arr = items;
    size_t n = *count;
    /* capacity is implied: the next power of two >= n, at least 4 */
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        size_t cap = n ? n * 2 : 4;
        if (cap > ((size_t)-1) / size)
            return b->oom = 1, NULL;
        void *grown = nt_alloc(b, cap * size);
        if (!grown)
            return NULL;
        if (n)
            memcpy(grown, *arr, n * size);
        *arr = grown;
    }
    (*count)++;
    return (char *)*arr + n * size;
}

void nt_push_str(nt_build *b, const char ***items, size_t *count,
                 const char *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < *count; i++)
        if (strcmp((*items)[i], s) == 0)
            return; /* a set: each code once */
    const char **slot = nt_push(b, items, count, sizeof *slot);
    if (slot)
        *slot = s;
}

assess_notice_lot *nt_lot(nt_build *b)
{
    assess_notice_lot *l =
        nt_push(b, &b->n.lots, &b->n.n_lots, sizeof *b->n.lots);
    if (!l)
        return NULL;
    l->estimated.value = -1;
    l->tenders_received = -1;
    l->duration_months = -1;
    l->renewal = -1;
    l->max_renewals = -1;
    l->framework_agreement = -1;
    l->result = -1;
    return l;
}

assess_notice_award *nt_award(nt_build *b, assess_notice_lot *l)
{
    assess_notice_award *a = nt_push(b, &l->awards, &l->n_awards,
                                     sizeof *l->awards);
    if (a)
        a->value.value = -1;
    return a;
}

assess_notice_party *nt_party(nt_build *b, assess_notice_party **items,
                              size_t *count)
{
    return nt_push(b, items, count, sizeof **items);
}

assess_notice_criterion *nt_criterion(nt_build *b, assess_notice_lot *l)
{
    assess_notice_criterion *c = nt_push(b, &l->criteria, &l->n_criteria,
                                         sizeof *l->criteria);
    if (c)
        c->weight = -1;
    return c;
}

/* ---- normalisers --------------------------------------------------------- */

void nt_text(nt_build *b, const char *s)
{
    if (!s || b->text.len >= ASSESS_MAX_NOTICE_TEXT)
        return;
    if (b->text.len)
        assess_buf_add(&b->text, " ", 1);
    assess_text_fold(&b->text, s, ASSESS_MAX_NOTICE_TEXT);
    if (b->text.failed)
        b->oom = 1;
}

int nt_country(nt_build *b, char out[3], const char *code)
{
    const char *a2 = b->registry && code
                         ? assess_registry_country_code(b->registry, code)
                         : NULL;
    if (!a2 && b->registry && code && strlen(code) > 3) {
        /* an English country name (OCDS core's address.countryName) */
        char c[3] = "AA";
        for (int i = 0; i < 26 * 26 && !a2; i++) {
            c[0] = (char)('A' + i / 26);
            c[1] = (char)('A' + i % 26);
            const char *en = assess_registry_country_name(b->registry, c, "en");
            if (en && strcasecmp(en, code) == 0)
                a2 = assess_registry_country_code(b->registry, c);
        }
    }
    if (!a2) {
        out[0] = '\0';
        return 0;
    }
    memcpy(out, a2, 3);
    return 1;
}

const char *nt_cpv(nt_build *b, const char *code)
{
    if (!code)
        return NULL;
    while (is_space((unsigned char)*code))
        code++;
    for (int i = 0; i < 8; i++)
        if (!isdigit((unsigned char)code[i]))
            return NULL;
    const char *rest = code + 8;
    if (rest[0] == '-' && isdigit((unsigned char)rest[1]))
        rest += 2;
    while (is_space((unsigned char)*rest))
        rest++;
    if (*rest)
        return NULL;
    return nt_strn(b, code, 8);
}

const char *nt_date(nt_build *b, const char *s)
{
    char d[11];
    if (!s)
        return NULL;
    while (is_space((unsigned char)*s))
        s++;
    size_t digits = strspn(s, "0123456789");
    if (digits == 8) {
        snprintf(d, sizeof d, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    } else if (digits == 4 && strlen(s) >= 10 && s[4] == '-' && s[7] == '-') {
        memcpy(d, s, 10);
        d[10] = '\0';
    } else {
        return NULL;
    }
    return assess_is_date(d) ? nt_str(b, d) : NULL;
}

double nt_months(double value, const char *unit)
{
    if (value < 0 || !unit || !isfinite(value))
        return -1;
    char u = (char)toupper((unsigned char)unit[0]);
    switch (u) {
    case 'D':
        return value * 12.0 / 365.25;
    case 'W':
        return value * 7.0 * 12.0 / 365.25;
    case 'M':
        return value;
    case 'Y':
    case 'A': /* ANN, the UN/CEFACT code for a year */
        return value * 12.0;
    }
    return -1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
   days_from_civil). */
static long days_of(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

double nt_months_between(const char *start, const char *end)
{
    int y1, m1, d1, y2, m2, d2;
    if (!start || !end || sscanf(start, "%4d-%2d-%2d", &y1, &m1, &d1) != 3 ||
        sscanf(end, "%4d-%2d-%2d", &y2, &m2, &d2) != 3)
        return -1;
    long days = days_of(y2, m2, d2) - days_of(y1, m1, d1) + 1;
    return days < 1 ? -1 : nt_months((double)days, "DAY");
}

double nt_number(const char *s)
{
    char buf[64];
    size_t n = 0;
    int seen_digit = 0, point = 0;
    if (!s)
        return -1;
    for (const char *p = s; *p && n + 1 < sizeof buf; p++) {
        if (isdigit((unsigned char)*p)) {
            buf[n++] = *p;
            seen_digit = 1;
        } else if ((*p == '.' || *p == ',') && seen_digit) {
            /* a decimal separator only when 1 or 2 digits follow and no
               other separator does: "1.234.567" and "1,234" are groups */
            size_t k = strspn(p + 1, "0123456789");
            if (k >= 1 && k <= 2 && !point && p[1 + k] != '.' &&
                p[1 + k] != ',') {
                buf[n++] = '.';
                point = 1;
            }
        } else if (*p == ' ' || *p == '\'' || (unsigned char)*p == 0xC2 ||
                   (unsigned char)*p == 0xA0) {
            continue; /* group separators, also U+00A0 */
        } else if (seen_digit) {
            break;
        } else if (*p == '-') {
            return -1;
        }
    }
    buf[n] = '\0';
    if (!seen_digit)
        return -1;
    double v = strtod(buf, NULL);
    return isfinite(v) ? v : -1;
}

void nt_amount(nt_build *b, assess_amount *a, const char *value,
               const char *currency)
{
    /* a plain decimal as XML and JSON write it, else free text */
    char *end = NULL;
    double v = value ? strtod(value, &end) : -1;
    while (end && is_space((unsigned char)*end))
        end++;
    if (value && end != value && !*end) {
        if (!isfinite(v) || v < 0)
            return; /* 1e999, NaN, -3: not an amount */
    } else {
        v = nt_number(value);
    }
    if (v < 0 || v > ASSESS_MAX_AMOUNT)
        return; /* not a plausible amount: sums of them would overflow */
    a->value = v;
    a->currency[0] = '\0';
    if (currency && strlen(currency) == 3) {
        for (int i = 0; i < 3; i++)
            a->currency[i] = (char)toupper((unsigned char)currency[i]);
        a->currency[3] = '\0';
    }
    (void)b;
}

void nt_criteria_basis(assess_notice_lot *l)
{
    int price = 0, cost = 0, quality = 0;
    for (size_t i = 0; i < l->n_criteria; i++) {
        const char *t = l->criteria[i].type;
        if (!t)
            continue;
        price += strcmp(t, "price") == 0;
        cost += strcmp(t, "cost") == 0;
        quality += strcmp(t, "quality") == 0;
    }
    if (quality && (price || cost))
        l->criteria_basis = "mixed";
    else if (quality)
        l->criteria_basis = "quality";
    else if (cost)
        l->criteria_basis = price ? "mixed" : "cost";
    else if (price)
        l->criteria_basis = "price";
}

/* ---- supplier groups ------------------------------------------------------ */

static void resolve_group(nt_build *b, assess_notice_party *p,
                          const char *date)
{
    const assess_registry *r = b->registry;
    if (!r || !p->name)
        return;
    long e = assess_registry_match(r, p->name, p->country[0] ? p->country
                                                          : NULL);
    if (e < 0)
        return;
    p->matched = assess_registry_entity_at(r, (size_t)e)->id;
    /* up the control links in force on the date; a cycle in the registry
       is refused by its loader, the bound is for safety */
    for (int depth = 0; depth < 64; depth++) {
        long k = assess_registry_control_link(r, (size_t)e, date);
        if (k < 0)
            break;
        e = (long)assess_registry_entity_at(r, (size_t)e)->links[k].parent;
    }
    const assess_reg_entity *top = assess_registry_entity_at(r, (size_t)e);
    p->group = top->id;
    p->group_name = top->name;
    memcpy(p->group_country, top->headquarters[0] ? top->headquarters
                                                  : top->country,
           3);
}

int nt_emit(nt_build *b, const char *name, const char *where,
            assess_notice_fn fn, void *ctx, assess_diags *d)
{
    assess_notice *n = &b->n;
    const char *date = n->publication_date ? n->publication_date
                     : n->dispatch_date    ? n->dispatch_date
                                           : "9999-12-31";
    for (size_t i = 0; i < n->n_lots; i++)
        for (size_t j = 0; j < n->lots[i].n_awards; j++) {
            assess_notice_award *a = &n->lots[i].awards[j];
            for (size_t k = 0; k < a->n_winners; k++)
                resolve_group(b, &a->winners[k], date);
        }
    n->text = b->text.len ? nt_strn(b, b->text.data, b->text.len) : "";
    if (b->oom) {
        assess_diags_add(d, ASSESS_ERR_NOMEM, name, where, "out of memory");
        return -1;
    }
    return fn(ctx, n, where) ? 1 : 0;
}

/* ---- DOM helpers -------------------------------------------------------- */

int nx_is(const xmlNode *node, const char *local)
{
    return node && node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, local) == 0;
}

xmlNodePtr nx_next(const xmlNode *node, const char *local)
{
    for (xmlNodePtr c = node ? node->next : NULL; c; c = c->next)
        if (nx_is(c, local))
            return c;
    return NULL;
}

xmlNodePtr nx_child(const xmlNode *parent, const char *local)
{
    for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
        if (nx_is(c, local))
            return c;
    return NULL;
}

xmlNodePtr nx_path(const xmlNode *node, const char *path)
{
    char part[64];
    const xmlNode *cur = node;
    while (cur && *path) {
        size_t n = strcspn(path, "/");
        if (n >= sizeof part)
            return NULL;
        memcpy(part, path, n);
        part[n] = '\0';
        cur = nx_child(cur, part);
        path += n + (path[n] == '/');
    }
    return (xmlNodePtr)cur;
}

const char *nx_text(nt_build *b, const xmlNode *node)
{
    if (!node)
        return NULL;
    /* the common case: one text child, no copy of the whole subtree */
    const xmlNode *c = node->children;
    if (c && !c->next && (c->type == XML_TEXT_NODE ||
                          c->type == XML_CDATA_SECTION_NODE))
        return nt_str(b, (const char *)c->content);
    xmlChar *s = xmlNodeGetContent(node);
    if (!s) {
        if (node->children)
            b->oom = 1;
        return NULL;
    }
    const char *r = nt_str(b, (const char *)s);
    xmlFree(s);
    return r;
}

const char *nx_ptext(nt_build *b, const xmlNode *node, const char *path)
{
    return nx_text(b, nx_path(node, path));
}

const char *nx_attr(nt_build *b, const xmlNode *node, const char *name)
{
    if (!node)
        return NULL;
    for (xmlAttrPtr a = node->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children)
            return nt_str(b, (const char *)a->children->content);
    return NULL;
}

/* ---- the reader ----------------------------------------------------------- */

struct assess_notice_reader {
    const assess_registry *registry;
};

assess_status assess_notice_reader_new(assess_notice_reader **out,
                                       const assess_registry *registry,
                                       assess_diags *d)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL,
                                "out of memory");
    (*out)->registry = registry;
    return ASSESS_OK;
}

void assess_notice_reader_free(assess_notice_reader *r) { free(r); }

static const char *const ubl_roots[] = {
    "ContractNotice", "ContractAwardNotice", "PriorInformationNotice",
    "BusinessRegistrationInformationNotice", NULL};

static assess_status read_xml(assess_notice_reader *r, const char *name,
                              const char *data, size_t size,
                              assess_notice_fn fn, void *ctx,
                              assess_diags *d)
{
    xmlDocPtr doc = assess_xml_parse(name, data, size, d);
    if (!doc)
        return ASSESS_ERR_SYNTAX;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assess_status st = ASSESS_ERR_INVALID;
    int ubl = 0;
    for (int i = 0; root && ubl_roots[i]; i++)
        ubl |= nx_is(root, ubl_roots[i]);
    if (nx_is(root, "TED_EXPORT"))
        st = nt_read_ted(r->registry, name, doc, fn, ctx, d);
    else if (ubl && root->ns && root->ns->href &&
             (strncmp((const char *)root->ns->href,
                      "urn:oasis:names:specification:ubl:schema:xsd:", 45) ==
                  0 ||
              strstr((const char *)root->ns->href, "eforms") != NULL))
        st = nt_read_eforms(r->registry, name, doc, fn, ctx, d);
    else
        assess_diags_add(d, ASSESS_ERR_INVALID, name, NULL,
                         "not a notice: root element <%s> is neither eForms "
                         "(UBL) nor TED_EXPORT",
                         root ? (const char *)root->name : "");
    xmlFreeDoc(doc);
    return st;
}

/* One JSON value per line; blank lines are allowed. */
static assess_status read_json_lines(assess_notice_reader *r,
                                     const char *name, const char *data,
                                     size_t size, assess_notice_fn fn,
                                     void *ctx, assess_diags *d)
{
    assess_status first = ASSESS_OK;
    size_t line = 0;
    for (size_t pos = 0; pos < size;) {
        const char *nl = memchr(data + pos, '\n', size - pos);
        size_t end = nl ? (size_t)(nl - data) : size;
        line++;
        size_t a = pos, z = end;
        while (a < z && is_space((unsigned char)data[a]))
            a++;
        if (a < z) {
            char where[32];
            snprintf(where, sizeof where, "line %zu", line);
            char *label = assess_printf("%s:%zu", name, line);
            cJSON *v = assess_json_parse(label ? label : name, data + a,
                                         z - a, d);
            free(label);
            assess_status st = v ? nt_read_ocds(r->registry, name, where, v,
                                                fn, ctx, d)
                                 : ASSESS_ERR_SYNTAX;
            cJSON_Delete(v);
            if (st != ASSESS_OK && first == ASSESS_OK)
                first = st;
        }
        pos = end + 1;
    }
    return first;
}

/* Is there anything but white space after the first JSON value? Counts
   the value's brackets outside strings. */
static int several_json_values(const char *data, size_t size)
{
    int depth = 0, in_str = 0;
    size_t i = 0;
    for (; i < size; i++) {
        char c = data[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                break;
        }
    }
    for (i++; i < size; i++)
        if (!is_space((unsigned char)data[i]))
            return 1;
    return 0;
}

assess_status assess_notice_read(assess_notice_reader *r, const char *name,
                                 const char *data, size_t size,
                                 assess_notice_fn fn, void *ctx,
                                 assess_diags *d)
{
    if (size > ASSESS_MAX_NOTICE_BYTES)
        return assess_diags_add(d, ASSESS_ERR_LIMIT, name, NULL,
                                "%zu bytes is more than the limit of %u for "
                                "one notice input",
                                size, ASSESS_MAX_NOTICE_BYTES);
    size_t i = 0;
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a UTF-8 byte-order mark before XML is allowed */
    while (i < size && is_space((unsigned char)data[i]))
        i++;
    if (i == size)
        return assess_diags_add(d, ASSESS_ERR_INVALID, name, NULL,
                                "empty input: no notice");
    if (data[i] == '<')
        return read_xml(r, name, data, size, fn, ctx, d);
    if (data[i] == '{' || data[i] == '[') {
        if (i > 0 && data[0] == '\xEF')
            return assess_diags_add(d, ASSESS_ERR_SYNTAX, name, NULL,
                                    "a byte-order mark before JSON is not "
                                    "allowed (RFC 8259 8.1)");
        if (several_json_values(data + i, size - i))
            return read_json_lines(r, name, data, size, fn, ctx, d);
        cJSON *v = assess_json_parse(name, data, size, d);
        if (!v)
            return ASSESS_ERR_SYNTAX;
        assess_status st = nt_read_ocds(r->registry, name, NULL, v, fn, ctx, d);
        cJSON_Delete(v);
        return st;
    }
    return assess_diags_add(d, ASSESS_ERR_INVALID, name, NULL,
                            "not a notice: neither XML nor JSON (first byte "
                            "0x%02x at offset %zu)",
                            (unsigned char)data[i], i);
}

assess_status assess_notice_read_file(assess_notice_reader *r,
                                      const char *path, assess_notice_fn fn,
                                      void *ctx, assess_diags *d)
{
    char *data = NULL;
    size_t size = 0;
    assess_status st = assess_read_file(&data, &size, path,
                                        ASSESS_MAX_NOTICE_BYTES, d);
    if (st == ASSESS_OK)
        st = assess_notice_read(r, assess_basename(path), data, size, fn, ctx,
                                d);
    free(data);
    return st;
}

/* ---- JSON form ------------------------------------------------------------ */

void nt_json_amount(jsonw *w, const char *key, const assess_amount *a)
{
    jsonw_key(w, key);
    if (a->value < 0) {
        jsonw_null(w);
        return;
    }
    jsonw_object(w);
    jsonw_knumber(w, "amount", a->value);
    jsonw_kstring(w, "currency", a->currency[0] ? a->currency : NULL);
    jsonw_end(w, '}');
}

static void w_strings(jsonw *w, const char *key, const char *const *s,
                      size_t n)
{
    jsonw_key(w, key);
    jsonw_array(w);
    for (size_t i = 0; i < n; i++)
        jsonw_string(w, s[i]);
    jsonw_end(w, ']');
}

static void w_tri(jsonw *w, const char *key, int v)
{
    jsonw_key(w, key);
    if (v < 0)
        jsonw_null(w);
    else
        jsonw_bool(w, v);
}

static void w_party(jsonw *w, const assess_notice_party *p, int winner)
{
    jsonw_object(w);
    jsonw_kstring(w, "name", p->name);
    jsonw_kstring(w, "country", p->country[0] ? p->country : NULL);
    if (winner) {
        w_strings(w, "ubo_nationalities", p->ubo, p->n_ubo);
        jsonw_key(w, "group");
        if (p->group) {
            jsonw_object(w);
            jsonw_kstring(w, "id", p->group);
            jsonw_kstring(w, "name", p->group_name);
            jsonw_kstring(w, "country",
                          p->group_country[0] ? p->group_country : NULL);
            jsonw_kstring(w, "matched", p->matched);
            jsonw_end(w, '}');
        } else {
            jsonw_null(w);
        }
    }
    jsonw_end(w, '}');
}

static void w_lot(jsonw *w, const assess_notice_lot *l)
{
    jsonw_object(w);
    jsonw_kstring(w, "id", l->id);
    jsonw_kstring(w, "title", l->title);
    jsonw_kstring(w, "description", l->description);
    jsonw_kstring(w, "cpv_main", l->cpv_main);
    w_strings(w, "cpv_additional", l->cpv_additional, l->n_cpv_additional);
    nt_json_amount(w, "estimated_value", &l->estimated);
    jsonw_kstring(w, "criteria_basis", l->criteria_basis);
    jsonw_key(w, "award_criteria");
    jsonw_array(w);
    for (size_t i = 0; i < l->n_criteria; i++) {
        const assess_notice_criterion *c = &l->criteria[i];
        jsonw_object(w);
        jsonw_kstring(w, "type", c->type);
        jsonw_kstring(w, "name", c->name);
        jsonw_kstring(w, "description", c->description);
        jsonw_key(w, "weight");
        if (c->weight < 0)
            jsonw_null(w);
        else
            jsonw_number(w, c->weight);
        jsonw_kstring(w, "weight_kind", c->weight_kind);
        jsonw_end(w, '}');
    }
    jsonw_end(w, ']');
    jsonw_kint_or_null(w, "tenders_received", l->tenders_received);
    jsonw_key(w, "duration_months");
    if (l->duration_months < 0)
        jsonw_null(w);
    else
        jsonw_number(w, round(l->duration_months * 100) / 100);
    w_tri(w, "renewal", l->renewal);
    jsonw_kint_or_null(w, "max_renewals", l->max_renewals);
    w_tri(w, "framework_agreement", l->framework_agreement);
    jsonw_key(w, "result");
    jsonw_string(w, l->result < 0 ? NULL : l->result ? "awarded"
                                                     : "no-winner");
    jsonw_key(w, "awards");
    jsonw_array(w);
    for (size_t i = 0; i < l->n_awards; i++) {
        const assess_notice_award *a = &l->awards[i];
        jsonw_object(w);
        jsonw_kstring(w, "id", a->id);
        jsonw_key(w, "winners");
        jsonw_array(w);
        for (size_t k = 0; k < a->n_winners; k++)
            w_party(w, &a->winners[k], 1);
        jsonw_end(w, ']');
        nt_json_amount(w, "value", &a->value);
        jsonw_kstring(w, "date", a->date);
        jsonw_end(w, '}');
    }
    jsonw_end(w, ']');
    jsonw_end(w, '}');
}

int assess_notice_write_json(const assess_notice *n, FILE *fp, int compact)
{
    jsonw w;
    jsonw_init(&w, fp);
    w.compact = compact;
    jsonw_object(&w);
    jsonw_kstring(&w, "format", assess_notice_format_name(n->format));
    jsonw_kstring(&w, "format_version", n->format_version);
    jsonw_kstring(&w, "id", n->id);
    jsonw_kstring(&w, "publication_number", n->publication_number);
    jsonw_kstring(&w, "procedure_id", n->procedure_id);
    jsonw_kstring(&w, "notice_type", n->notice_type);
    jsonw_kstring(&w, "form_type", n->form_type);
    jsonw_kstring(&w, "subtype", n->subtype);
    jsonw_kstring(&w, "publication_date", n->publication_date);
    jsonw_kstring(&w, "dispatch_date", n->dispatch_date);
    jsonw_kstring(&w, "language", n->language);
    jsonw_kstring(&w, "changes", n->changes);
    jsonw_key(&w, "buyers");
    jsonw_array(&w);
    for (size_t i = 0; i < n->n_buyers; i++)
        w_party(&w, &n->buyers[i], 0);
    jsonw_end(&w, ']');
    jsonw_kstring(&w, "title", n->title);
    jsonw_kstring(&w, "description", n->description);
    jsonw_kstring(&w, "nature", n->nature);
    jsonw_kstring(&w, "cpv_main", n->cpv_main);
    w_strings(&w, "cpv_additional", n->cpv_additional, n->n_cpv_additional);
    jsonw_kstring(&w, "procedure_type", n->procedure_type);
    w_strings(&w, "direct_award", n->direct_award, n->n_direct_award);
    jsonw_kstring(&w, "direct_award_text", n->direct_award_text);
    nt_json_amount(&w, "estimated_value", &n->estimated);
    jsonw_key(&w, "lots");
    jsonw_array(&w);
    for (size_t i = 0; i < n->n_lots; i++)
        w_lot(&w, &n->lots[i]);
    jsonw_end(&w, ']');
    jsonw_kstring(&w, "text", n->text);
    jsonw_end(&w, '}');
    return w.failed || ferror(fp) ? -1 : 0;
}
