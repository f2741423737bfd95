/*
 * facts.c - the generic JSON to XML mapping (see include/assess/facts.h for
 * the rules). One function builds the tree; two encode and decode element
 * names; one writes numbers the way XPath 1.0 can read them.
 */
#include "assess/facts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "util/util.h"

int assess_facts_format_number(char *buf, size_t size, double v)
{
    if (!isfinite(v) || size < 2)
        return -1;
    if (v == 0) { /* also -0 */
        buf[0] = '0';
        buf[1] = '\0';
        return 1;
    }
    /* shortest %.*e that reads back to the same double */
    char e[40];
    int prec;
    for (prec = 0; prec < 17; prec++) {
        snprintf(e, sizeof e, "%.*e", prec, v);
        if (strtod(e, NULL) == v)
            break;
    }
    /* e = [-]D[.DDD]e[+-]XX : expand into a plain decimal */
    const char *p = e;
    int neg = *p == '-';
    if (neg)
        p++;
    char digits[24];
    size_t nd = 0;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[nd++] = *p;
    int exp10 = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    /* value = 0.digits x 10^(exp10+1) */
    int point = exp10 + 1; /* digits before the decimal point */
    size_t need = (size_t)neg + nd + 3 +
                  (size_t)(point > 0 ? point : -point);
    if (need >= size)
        return -1;
    char *o = buf;
    if (neg)
        *o++ = '-';
    if (point <= 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -point; i++)
            *o++ = '0';
        memcpy(o, digits, nd);
        o += nd;
    } else {
        for (int i = 0; i < point; i++)
            *o++ = (size_t)i < nd ? digits[i] : '0';
        if ((size_t)point < nd) {
            *o++ = '.';
            memcpy(o, digits + point, nd - (size_t)point);
            o += nd - (size_t)point;
        }
    }
    *o = '\0';
    return (int)(o - buf);
}

/* May code point `c` stand in an XML name (NameStartChar if `start`)? Only
   the ASCII subset and the letters of XML 1.0 5th edition above U+00BF. */
static int name_char(unsigned c, int start)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
        return 1;
    if (!start && ((c >= '0' && c <= '9') || c == '-' || c == '.'))
        return 1;
    if (c == ':')
        return 0; /* namespaces: never in a local name */
    return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) ||
           (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
           (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
           (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
           (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
           (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF) ||
           (!start && (c == 0xB7 || (c >= 0x300 && c <= 0x36F) ||
                       (c >= 0x203F && c <= 0x2040)));
}

static unsigned decode_utf8(const unsigned char **s)
{
    const unsigned char *p = *s;
    unsigned c = *p++;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (extra)
        c &= 0x3F >> extra;
    while (extra-- > 0 && (*p & 0xC0) == 0x80)
        c = (c << 6) | (*p++ & 0x3F);
    *s = p;
    return c;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') ||
           (c >= 'a' && c <= 'f');
}

/* Length of the _xHHHH_ or _xHHHHHH_ escape starting at s, or 0. */
static size_t escape_at(const char *s)
{
    if (s[0] != '_' || s[1] != 'x')
        return 0;
    size_t n = 0;
    while (n < 6 && is_hex(s[2 + n]))
        n++;
    if (n >= 4 && s[6] == '_')
        return 7;
    if (n == 6 && s[8] == '_')
        return 9;
    return 0;
}

char *assess_facts_encode_name(const char *key)
{
    if (!key || !*key)
        return NULL;
    assess_buf b = {0};
    const unsigned char *p = (const unsigned char *)key;
    int first = 1;
    while (*p) {
        if (*p == '_' && escape_at((const char *)p)) {
            assess_buf_puts(&b, "_x005F_");
            p++;
        } else {
            const unsigned char *start = p;
            unsigned c = decode_utf8(&p);
            if (name_char(c, first))
                assess_buf_add(&b, (const char *)start, (size_t)(p - start));
            else if (c <= 0xFFFF)
                assess_buf_printf(&b, "_x%04X_", c);
            else
                assess_buf_printf(&b, "_x%06X_", c);
        }
        first = 0;
    }
    return assess_buf_take(&b);
}

char *assess_facts_decode_name(const char *name)
{
    if (!name || !*name)
        return NULL;
    assess_buf b = {0};
    for (const char *p = name; *p;) {
        size_t n = escape_at(p);
        if (!n) {
            assess_buf_add(&b, p, 1);
            p++;
            continue;
        }
        unsigned c = (unsigned)strtoul(p + 2, NULL, 16);
        char u[5];
        size_t k;
        if (c < 0x80) {
            u[0] = (char)c;
            k = 1;
        } else if (c < 0x800) {
            u[0] = (char)(0xC0 | (c >> 6));
            u[1] = (char)(0x80 | (c & 0x3F));
            k = 2;
        } else if (c < 0x10000) {
            u[0] = (char)(0xE0 | (c >> 12));
            u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            u[2] = (char)(0x80 | (c & 0x3F));
            k = 3;
        } else {
            u[0] = (char)(0xF0 | (c >> 18));
            u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
            u[3] = (char)(0x80 | (c & 0x3F));
            k = 4;
        }
        assess_buf_add(&b, u, k);
        p += n;
    }
    return assess_buf_take(&b);
}

static int add_value(xmlNodePtr parent, const char *name, const cJSON *v,
                     assess_jpath *path, const char *file, assess_diags *d);

static int add_member(xmlNodePtr parent, const char *name, const cJSON *v,
                      assess_jpath *path, const char *file, assess_diags *d)
{
    if (cJSON_IsArray(v)) {
        if (!v->child) {
            xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
            return n && xmlNewProp(n, BAD_CAST "empty", BAD_CAST "array");
        }
        size_t i = 0;
        for (const cJSON *c = v->child; c; c = c->next, i++) {
            size_t old = assess_jpath_index(path, i);
            int ok = cJSON_IsArray(c)
                         ? add_member(xmlNewChild(parent, NULL, BAD_CAST name,
                                                  NULL),
                                      "item", c, path, file, d)
                         : add_value(parent, name, c, path, file, d);
            assess_jpath_pop(path, old);
            if (!ok)
                return 0;
        }
        return 1;
    }
    return add_value(parent, name, v, path, file, d);
}

static int add_value(xmlNodePtr parent, const char *name, const cJSON *v,
                     assess_jpath *path, const char *file, assess_diags *d)
{
    if (!parent)
        return 0;
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    if (!n)
        return 0;
    if (cJSON_IsObject(v)) {
        for (const cJSON *c = v->child; c; c = c->next) {
            size_t old = assess_jpath_key(path, c->string);
            char *el = assess_facts_encode_name(c->string);
            if (!el) {
                if (!c->string[0])
                    assess_diags_add(d, ASSESS_ERR_INVALID, file, path->buf,
                                     "empty key");
                assess_jpath_pop(path, old);
                return 0;
            }
            int ok = add_member(n, el, c, path, file, d);
            free(el);
            assess_jpath_pop(path, old);
            if (!ok)
                return 0;
        }
    } else if (cJSON_IsString(v)) {
        xmlNodePtr t = xmlNewText(BAD_CAST v->valuestring);
        if (!t || !xmlAddChild(n, t))
            return 0;
    } else if (cJSON_IsNumber(v)) {
        char num[400];
        if (assess_facts_format_number(num, sizeof num, v->valuedouble) < 0) {
            assess_diags_add(d, ASSESS_ERR_INVALID, file, path->buf,
                             "number out of range");
            return 0;
        }
        xmlNodeAddContent(n, BAD_CAST num);
    } else if (cJSON_IsBool(v)) {
        xmlNodeAddContent(n, BAD_CAST(cJSON_IsTrue(v) ? "true" : "false"));
    } else if (cJSON_IsNull(v)) {
        return xmlNewProp(n, BAD_CAST "null", BAD_CAST "true") != NULL;
    }
    return 1;
}

assess_status assess_facts_from_json(assess_xml_doc **out, const cJSON *root,
                                     const char *root_name, const char *file,
                                     assess_diags *d)
{
    *out = NULL;
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr top = doc ? xmlNewDocNode(doc, NULL, BAD_CAST root_name, NULL)
                         : NULL;
    if (!top) {
        xmlFreeDoc(doc);
        return assess_diags_add(d, ASSESS_ERR_NOMEM, file, NULL, "out of memory");
    }
    xmlDocSetRootElement(doc, top);
    assess_jpath path;
    assess_jpath_init(&path);
    size_t before = d ? d->count : 0;
    int ok = 1;
    if (cJSON_IsObject(root)) {
        for (const cJSON *c = root->child; c && ok; c = c->next) {
            size_t old = assess_jpath_key(&path, c->string);
            char *el = assess_facts_encode_name(c->string);
            if (!el) {
                if (!c->string[0])
                    assess_diags_add(d, ASSESS_ERR_INVALID, file, path.buf,
                                     "empty key");
                ok = 0;
            } else {
                ok = add_member(top, el, c, &path, file, d);
            }
            free(el);
            assess_jpath_pop(&path, old);
        }
    } else {
        ok = add_member(top, "value", root, &path, file, d);
    }
    if (!ok) {
        xmlFreeDoc(doc);
        if (d && d->count > before)
            return ASSESS_ERR_INVALID;
        return assess_diags_add(d, ASSESS_ERR_NOMEM, file, NULL, "out of memory");
    }
    *out = doc;
    return ASSESS_OK;
}
