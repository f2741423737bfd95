/*
 * names.c - the matching key of a company or person name.
 *
 * Two spellings of one name give one key: case and diacritics folded
 * (Société -> societe), Cyrillic transliterated (ICAO Doc 9303: Вычислительные
 * -> vychislitelnye), dots and apostrophes dropped (S.A. -> sa), other
 * punctuation a space, legal forms of many countries removed at either end
 * (B.V., GmbH & Co. KG, S.à r.l., Sp. z o.o., Co., Ltd., ООО, АО, ...), and
 * the remaining words sorted, so "Testpersoon, Arash" meets "Arash
 * Testpersoon". The key serves registry aliases and sanctions screening;
 * equal keys are a match for an evaluator to review, not a proof.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "assess/registry.h"
#include "util/util.h"

#include "registry/fold_table.h"

/* Legal forms, written as their words joined without spaces after folding
   ("GmbH & Co. KG" -> gmbhcokg). Sources: the EU business register forms
   (ISO 20275 Entity Legal Forms code list, GLEIF) for the countries named in
   the research notes, and Russian, Ukrainian and Belarusian forms as they
   appear in the EU consolidated sanctions list. */
static const char *const trailing_forms[] = {
    /* NL, BE, LU */ "bv", "nv", "vof", "cv", "bvba", "cvba", "vzw", "asbl",
    "sprl", "scrl", "srl", "sa", "sca", "secs", "scs", "sarl", "sarls",
    /* DE, AT, CH */ "gmbh", "ag", "kg", "ohg", "gbr", "ug", "eg", "ev",
    "gmbhcokg", "agcokg", "ugcokg", "kgaa", "sagl", "gmbhco",
    /* FR */ "sas", "sasu", "eurl", "snc", "sc", "scop", "sem",
    /* IT, ES, PT */ "spa", "srls", "sapa", "scarl", "sl", "slu", "sll", "lda",
    "sgps", "sacv", "sadecv", "sabdecv", "ltda",
    /* Nordics, Baltics */ "ab", "abpubl", "publ", "oy", "oyj", "as", "asa",
    "aps", "is", "ks", "hf", "ehf", "sf", "uab", "ab", "sia", "ou", "as",
    /* Central and Eastern Europe */ "sro", "spolsro", "spzoo", "spzo",
    "spk", "spj", "kft", "zrt", "nyrt", "bt", "doo", "dd", "ad", "ead",
    "ood", "eood", "sa", "srl",
    /* English-speaking */ "plc", "ltd", "limited", "llp", "lp", "llc",
    "inc", "incorporated", "corp", "corporation", "co", "company", "coltd",
    "colimited", "coinc", "pteltd", "ptyltd", "pvtltd", "privatelimited",
    "publiclimitedcompany", "dac", "clg", "uc", "ulc",
    /* Russian, Ukrainian, Belarusian (transliterated) */ "ooo", "ao", "pao",
    "zao", "oao", "nao", "tov", "pat", "prat", "at", "ip", "odo", "zat",
    "jsc", "ojsc", "cjsc", "pjsc",
    /* Asia */ "kk", "gk", "kabushikikaisha", "bhd", "sdnbhd", "pt", "tbk",
    "ptetbk", NULL};

/* Forms that come first in the name ("ООО «Нордград»", "AB Volvo"). */
static const char *const leading_forms[] = {
    "ooo", "ao", "pao", "zao", "oao", "nao", "tov", "pat", "prat", "odo",
    "zat", "jsc", "ojsc", "cjsc", "pjsc", "llc", "ab", "pt", "uab", "sia",
    NULL};

static int is_form(const char *const *forms, const char *s)
{
    for (int i = 0; forms[i]; i++)
        if (strcmp(forms[i], s) == 0)
            return 1;
    return 0;
}

static int cmp_fold(const void *k, const void *e)
{
    unsigned cp = *(const unsigned *)k;
    unsigned ec = ((const struct fold_entry *)e)->cp;
    return cp < ec ? -1 : cp > ec;
}

/* Decode one UTF-8 sequence at s; its length in *len; 0xFFFD if invalid. */
static unsigned utf8_next(const unsigned char *s, size_t *len)
{
    unsigned c = s[0];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
             : (c >> 3) == 30 ? 4 : 0;
    if (!n) {
        *len = 1;
        return 0xFFFD;
    }
    unsigned cp = n == 1 ? c : c & (0x3F >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = i;
            return 0xFFFD;
        }
        cp = cp << 6 | (s[i] & 0x3F);
    }
    *len = n;
    return cp;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Concatenation of words[i..i+k) into buf; 0 if it does not fit. */
static int join(char *buf, size_t size, char **words, size_t i, size_t k)
{
    size_t len = 0;
    for (size_t j = i; j < i + k; j++) {
        size_t n = strlen(words[j]);
        if (len + n >= size)
            return 0;
        memcpy(buf + len, words[j], n);
        len += n;
    }
    buf[len] = '\0';
    return 1;
}

char *assess_name_key(const char *name)
{
    assess_buf b = {0};
    const unsigned char *s = (const unsigned char *)(name ? name : "");
    while (*s) {
        size_t len;
        unsigned cp = utf8_next(s, &len);
        if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
                assess_buf_add(&b, (const char *)s, 1);
            else if (cp >= 'A' && cp <= 'Z') {
                char c = (char)(cp - 'A' + 'a');
                assess_buf_add(&b, &c, 1);
            } else if (cp != '.' && cp != '\'')
                assess_buf_add(&b, " ", 1);
        } else {
            const struct fold_entry *f =
                bsearch(&cp, fold_table, sizeof fold_table / sizeof *fold_table,
                        sizeof *fold_table, cmp_fold);
            if (f)
                assess_buf_puts(&b, f->ascii);
            else if (cp == 0xFFFD)
                assess_buf_add(&b, " ", 1);
            else
                assess_buf_add(&b, (const char *)s, len);
        }
        s += len;
    }
    char *text = assess_buf_take(&b);
    if (!text)
        return assess_strdup("");
    /* split into words */
    size_t n = 0, cap = 0;
    char **words = NULL;
    char *save = NULL; /* strtok_r: batch workers fold names at once */
    for (char *p = strtok_r(text, " ", &save); p;
         p = strtok_r(NULL, " ", &save)) {
        if (!assess_grow((void **)&words, &cap, n + 1, sizeof *words)) {
            free(words);
            free(text);
            return NULL;
        }
        words[n++] = p;
    }
    /* strip legal forms at either end, longest first, while a word of the
       name itself remains */
    size_t lo = 0, hi = n;
    char buf[64];
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t k = hi - lo > 4 ? 4 : hi - lo; k >= 1 && !changed; k--) {
            if (hi - lo > k && join(buf, sizeof buf, words, hi - k, k) &&
                is_form(trailing_forms, buf)) {
                hi -= k;
                changed = 1;
            } else if (hi - lo > k && join(buf, sizeof buf, words, lo, k) &&
                       is_form(leading_forms, buf)) {
                lo += k;
                changed = 1;
            }
        }
    }
    if (hi > lo)
        qsort(words + lo, hi - lo, sizeof *words, cmp_str);
    assess_buf out = {0};
    for (size_t i = lo; i < hi; i++)
        assess_buf_printf(&out, "%s%s", i > lo ? " " : "", words[i]);
    free(words);
    free(text);
    char *key = assess_buf_take(&out);
    return key ? key : assess_strdup("");
}

/* Fold into a small local buffer and append it in pieces: this runs over
   every text of every notice of an archive. */
void assess_text_fold(assess_buf *out, const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    char tmp[4096];
    size_t n = 0;
    int space = out->len == 0 || out->data[out->len - 1] == ' ';
    while (*p && out->len + n < max && !out->failed) {
        if (n > sizeof tmp - 16) { /* room for one folded character */
            assess_buf_add(out, tmp, n);
            n = 0;
        }
        unsigned c = *p;
        if (c < 0x80) { /* ASCII: the common case */
            if (c <= 0x20 || c == 0x7F) {
                if (!space)
                    tmp[n++] = ' ';
                space = 1;
            } else {
                tmp[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                space = 0;
            }
            p++;
            continue;
        }
        size_t len;
        unsigned cp = utf8_next(p, &len);
        p += len;
        if (cp == 0xA0 || cp == 0xFFFD) {
            if (!space)
                tmp[n++] = ' ';
            space = 1;
        } else if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) {
            unsigned lc = cp + 0x20; /* Greek capitals */
            tmp[n++] = (char)(0xC0 | lc >> 6);
            tmp[n++] = (char)(0x80 | (lc & 0x3F));
            space = 0;
        } else {
            const struct fold_entry *f =
                bsearch(&cp, fold_table, sizeof fold_table / sizeof *fold_table,
                        sizeof *fold_table, cmp_fold);
            if (f && f->ascii[0] == ' ' && !f->ascii[1]) { /* a separator */
                if (!space)
                    tmp[n++] = ' ';
                space = 1;
            } else if (f) {
                size_t k = strlen(f->ascii);
                memcpy(tmp + n, f->ascii, k);
                n += k;
                space = space && k == 0;
            } else {
                memcpy(tmp + n, p - len, len);
                n += len;
                space = 0;
            }
        }
    }
    if (n) {
        if (out->len + n > max)
            n = max > out->len ? max - out->len : 0;
        assess_buf_add(out, tmp, n);
    }
}
