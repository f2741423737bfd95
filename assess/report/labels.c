/*
 * labels.c - load templates/labels.<lang>.json (see labels.h).
 */
#include <stdlib.h>
#include <string.h>

#include "report/labels.h"
#include "util/util.h"

static const char *const keys[LBL_COUNT] = {
#define ASSESS_X_LABEL(name, key) key,
    ASSESS_LABEL_LIST(ASSESS_X_LABEL)
#undef ASSESS_X_LABEL
};

const char *assess_label_key(assess_label_id id)
{
    return id < LBL_COUNT ? keys[id] : NULL;
}

void assess_labels_release(assess_labels *l)
{
    for (size_t i = 0; i < LBL_COUNT; i++)
        free(l->text[i]);
    free(l->file);
    memset(l, 0, sizeof *l);
}

static long key_index(const char *k)
{
    for (size_t i = 0; i < LBL_COUNT; i++)
        if (strcmp(keys[i], k) == 0)
            return (long)i;
    return -1;
}

assess_status assess_labels_load(assess_labels *l, const char *templates_dir,
                                 const char *lang, assess_diags *d)
{
    memset(l, 0, sizeof *l);
    if (!lang || (strcmp(lang, "en") && strcmp(lang, "nl")))
        return assess_diags_add(d, ASSESS_ERR_USAGE, NULL, NULL,
                                "language '%s' is not 'en' or 'nl'",
                                lang ? lang : "");
    char *path = assess_printf("%s/labels.%s.json", templates_dir, lang);
    if (!path)
        return assess_diags_add(d, ASSESS_ERR_NOMEM, NULL, NULL, "out of memory");
    cJSON *root = NULL;
    assess_status st = assess_json_load(&root, path, l->sha256, d);
    if (root) {
        memcpy(l->lang, lang, 3);
        assess_jreader r = ASSESS_JREADER(path, d);
        l->file = assess_strdup(assess_basename(path));
        assess_jpath_init(&r.path);
        static const char *const allowed[] = {"format", "lang", "labels", NULL};
        if (!cJSON_IsObject(root))
            assess_jr_error(&r, NULL, "expected a labels object");
        assess_jr_only(&r, root, allowed);
        char *fmt = NULL, *lg = NULL;
        if (assess_jr_string(&r, root, "format", 1, &fmt) && fmt &&
            strcmp(fmt, "assess-labels/1"))
            assess_jr_error(&r, "format", "'%s' is not assess-labels/1", fmt);
        if (assess_jr_string(&r, root, "lang", 1, &lg) && lg && strcmp(lg, lang))
            assess_jr_error(&r, "lang", "'%s' in a file for '%s'", lg, lang);
        free(fmt);
        free(lg);
        const cJSON *lb = assess_jr_get(&r, root, "labels", cJSON_Object, 1);
        if (lb) {
            size_t old = assess_jpath_key(&r.path, "labels");
            for (const cJSON *e = lb->child; e; e = e->next) {
                long k = key_index(e->string);
                if (k < 0)
                    assess_jr_error(&r, e->string, "unknown label key");
                else if (!cJSON_IsString(e) || !*e->valuestring)
                    assess_jr_error(&r, e->string, "not a non-empty string");
                else if (!(l->text[k] = assess_strdup(e->valuestring)))
                    assess_jr_error(&r, e->string, "out of memory");
            }
            for (size_t i = 0; i < LBL_COUNT; i++)
                if (!l->text[i] && !cJSON_GetObjectItemCaseSensitive(lb, keys[i]))
                    assess_jr_error(&r, keys[i], "missing label");
            assess_jpath_pop(&r.path, old);
        }
        if (assess_jr_errors(&r))
            st = ASSESS_ERR_INVALID;
        cJSON_Delete(root);
    }
    free(path);
    if (st != ASSESS_OK)
        assess_labels_release(l);
    return st;
}
