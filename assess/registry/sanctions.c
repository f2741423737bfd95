/*
 * sanctions.c - the EU consolidated financial sanctions list, as name keys.
 *
 * The Commission's XML (root `export`, one `sanctionEntity` per subject)
 * is read once, safely (util/xml.c), into a sorted table of name keys
 * (assess_name_key) with the subject's reference and programme; the
 * document is then freed. Elements are matched by local name, so copies
 * with and without the namespace both read. Every `nameAlias` counts:
 * `wholeName`, else first, middle and last name; `strong="false"` marks a
 * weak alias (an acronym, a former name) that deserves review, not a
 * verdict.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "assess/registry.h"
#include "util/util.h"
#include "util/xml.h"

/* The full list is 20-30 MB; allow ten times that. */
#define MAX_SANCTIONS_BYTES (256u << 20)

typedef struct subject {
    char *reference;
    char *programme;
} subject;

typedef struct name_key {
    char *key;
    char *alias;
    size_t subject;
    int strong;
} name_key;

struct assess_sanctions {
    char *file;
    char sha256[65];
    char *generated;
    subject *subjects;
    size_t n_subjects, cap_subjects;
    name_key *names;
    size_t n_names, cap_names;
};

void assess_sanctions_free(assess_sanctions *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_subjects; i++) {
        free(s->subjects[i].reference);
        free(s->subjects[i].programme);
    }
    free(s->subjects);
    for (size_t i = 0; i < s->n_names; i++) {
        free(s->names[i].key);
        free(s->names[i].alias);
    }
    free(s->names);
    free(s->file);
    free(s->generated);
    free(s);
}

static int is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *s = v ? assess_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static int add_name(assess_sanctions *s, const char *alias, size_t subj,
                    int strong)
{
    char *key = assess_name_key(alias);
    if (!key)
        return 0;
    if (!key[0]) {
        free(key);
        return 1; /* nothing to match on (punctuation only) */
    }
    if (!assess_grow((void **)&s->names, &s->cap_names, s->n_names + 1,
                     sizeof *s->names)) {
        free(key);
        return 0;
    }
    name_key *k = &s->names[s->n_names++];
    k->key = key;
    k->alias = assess_strdup(alias);
    k->subject = subj;
    k->strong = strong;
    return k->alias != NULL;
}

static int cmp_name(const void *a, const void *b)
{
    const name_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->strong != y->strong)
        return y->strong - x->strong; /* strong aliases first */
    return (x->subject > y->subject) - (x->subject < y->subject);
}

/* One sanctionEntity. */
static int read_subject(assess_sanctions *s, xmlNodePtr e)
{
    if (!assess_grow((void **)&s->subjects, &s->cap_subjects, s->n_subjects + 1,
                     sizeof *s->subjects))
        return 0;
    subject *sj = &s->subjects[s->n_subjects];
    memset(sj, 0, sizeof *sj);
    sj->reference = prop(e, "euReferenceNumber");
    if (!sj->reference)
        sj->reference = prop(e, "logicalId");
    if (!sj->reference)
        sj->reference = assess_strdup("(no reference)");
    size_t idx = s->n_subjects++;
    for (xmlNodePtr c = e->children; c; c = c->next) {
        if (is(c, "regulation") && !sj->programme) {
            sj->programme = prop(c, "programme");
        } else if (is(c, "nameAlias")) {
            char *whole = prop(c, "wholeName");
            char *strong = prop(c, "strong");
            int ok = 1;
            if (!whole || !whole[0]) {
                free(whole);
                char *f = prop(c, "firstName"), *m = prop(c, "middleName"),
                     *l = prop(c, "lastName");
                whole = assess_printf("%s %s %s", f ? f : "", m ? m : "",
                                      l ? l : "");
                free(f);
                free(m);
                free(l);
            }
            if (whole)
                ok = add_name(s, whole, idx, !strong || strcmp(strong, "false"));
            free(whole);
            free(strong);
            if (!ok)
                return 0;
        }
    }
    return 1;
}

assess_status assess_sanctions_parse(assess_sanctions **out, const char *name,
                                     const char *data, size_t size,
                                     assess_diags *d)
{
    *out = NULL;
    xmlDocPtr doc = assess_xml_parse(name, data, size, d);
    if (!doc)
        return ASSESS_ERR_SYNTAX;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assess_sanctions *s = calloc(1, sizeof *s);
    assess_status st = ASSESS_OK;
    if (!s) {
        st = assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
    } else if (!root || !is(root, "export")) {
        st = assess_diags_add(d, ASSESS_ERR_INVALID, name, NULL,
                              "not an EU financial sanctions list: the root "
                              "element is '%s', expected 'export'",
                              root ? (const char *)root->name : "(none)");
    } else {
        s->file = assess_strdup(assess_basename(name));
        s->generated = prop(root, "generationDate");
        assess_sha256_hex(s->sha256, data, size);
        for (xmlNodePtr e = root->children; e && st == ASSESS_OK; e = e->next)
            if (is(e, "sanctionEntity") && !read_subject(s, e))
                st = assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL,
                                      "out of memory");
        if (st == ASSESS_OK && s->n_subjects == 0)
            st = assess_diags_add(d, ASSESS_ERR_INVALID, name, NULL,
                                  "the list holds no sanctionEntity: nothing to "
                                  "screen against");
        if (s->n_names)
            qsort(s->names, s->n_names, sizeof *s->names, cmp_name);
    }
    xmlFreeDoc(doc);
    if (st != ASSESS_OK) {
        assess_sanctions_free(s);
        return st;
    }
    *out = s;
    return ASSESS_OK;
}

assess_status assess_sanctions_load(assess_sanctions **out, const char *path,
                                    assess_diags *d)
{
    char *data;
    size_t size;
    *out = NULL;
    assess_status st = assess_read_file(&data, &size, path, MAX_SANCTIONS_BYTES,
                                        d);
    if (st != ASSESS_OK)
        return st;
    st = assess_sanctions_parse(out, path, data, size, d);
    free(data);
    return st;
}

size_t assess_sanctions_subjects(const assess_sanctions *s)
{
    return s->n_subjects;
}
size_t assess_sanctions_names(const assess_sanctions *s) { return s->n_names; }
const char *assess_sanctions_generated(const assess_sanctions *s)
{
    return s->generated;
}
const char *assess_sanctions_file(const assess_sanctions *s) { return s->file; }
const char *assess_sanctions_sha256(const assess_sanctions *s)
{
    return s->sha256;
}

size_t assess_sanctions_match(const assess_sanctions *s, const char *name,
                              assess_sanction_hit *hits, size_t max)
{
    char *key = assess_name_key(name);
    size_t n = 0;
    if (!key || !key[0]) {
        free(key);
        return 0;
    }
    size_t lo = 0, hi = s->n_names;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(s->names[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < s->n_names && n < max &&
                        strcmp(s->names[i].key, key) == 0;
         i++) {
        const name_key *k = &s->names[i];
        hits[n].reference = s->subjects[k->subject].reference;
        hits[n].programme = s->subjects[k->subject].programme;
        hits[n].listed_name = k->alias;
        hits[n].strong = k->strong;
        n++;
    }
    free(key);
    return n;
}
