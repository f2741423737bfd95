/*
 * test_facts.c - the JSON-to-XML fact mapping and the strict JSON reader:
 * plain decimals, booleans, empties, escaped names, and the inputs that
 * must be refused (duplicate keys, 1e999, BOM, \u0000, bad UTF-8, depth).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "assess/facts.h"
#include "check.h"
#include "util/util.h"

static void number(double v, const char *want)
{
    char buf[400];
    int n = assess_facts_format_number(buf, sizeof buf, v);
    CHECK(n > 0 && !strcmp(buf, want), "%.17g: expected %s, got %s", v, want,
          n > 0 ? buf : "(error)");
}

static void name(const char *key, const char *want)
{
    char *enc = assess_facts_encode_name(key);
    char *dec = assess_facts_decode_name(enc);
    CHECK(enc && !strcmp(enc, want), "encode '%s': expected %s, got %s", key,
          want, enc ? enc : "(null)");
    CHECK(dec && !strcmp(dec, key), "decode '%s' back: got %s", enc ? enc : "",
          dec ? dec : "(null)");
    free(enc);
    free(dec);
}

/* Map a JSON text and compare the serialised document. */
static void mapping(const char *json, const char *want_xml)
{
    assess_diags d;
    assess_diags_init(&d);
    cJSON *root = assess_json_parse("t.json", json, strlen(json), &d);
    assess_xml_doc *doc = NULL;
    CHECK(root && assess_facts_from_json(&doc, root, "bid", "t.json", &d) ==
                      ASSESS_OK,
          "map %s", json);
    if (doc) {
        xmlChar *out = NULL;
        int len = 0;
        xmlDocDumpMemory(doc, &out, &len);
        const char *body = out ? strstr((char *)out, "?>\n") : NULL;
        body = body ? body + 3 : "";
        CHECK(!strncmp(body, want_xml, strlen(want_xml)) &&
                  body[strlen(want_xml)] == '\n',
              "map %s: expected %s, got %s", json, want_xml, body);
        xmlFree(out);
        xmlFreeDoc(doc);
    }
    cJSON_Delete(root);
    assess_diags_release(&d);
}

/* A JSON text that must be refused with this message fragment and path. */
static void refused(const char *json, size_t len, const char *msg,
                    const char *path)
{
    assess_diags d;
    assess_diags_init(&d);
    cJSON *root = assess_json_parse("t.json", json, len, &d);
    CHECK(root == NULL, "accepted: %s", json);
    CHECK(d.count == 1 && strstr(d.items[0].message, msg),
          "'%s': expected message with '%s', got '%s'", json, msg,
          d.count ? d.items[0].message : "(none)");
    if (path)
        CHECK(d.count == 1 && d.items[0].path && !strcmp(d.items[0].path, path),
              "'%s': expected path %s, got %s", json, path,
              d.count && d.items[0].path ? d.items[0].path : "(none)");
    cJSON_Delete(root);
    assess_diags_release(&d);
}

int main(void)
{
    /* numbers: plain decimals XPath 1.0 can read */
    number(0, "0");
    number(-0.0, "0");
    number(1e-05, "0.00001");
    number(0.1, "0.1");
    number(83.34, "83.34");
    number(100.0756, "100.0756");
    number(-2.5, "-2.5");
    number(1e21, "1000000000000000000000");
    number(123456789012345678.0, "123456789012345680");
    number(1.5e-10, "0.00000000015");

    /* names: valid XML names stay, others are escaped reversibly */
    name("SOV-2.2", "SOV-2.2");
    name("data_locations", "data_locations");
    name("1abc", "_x0031_abc");
    name("a:b", "a_x003A_b");
    name("a b", "a_x0020_b");
    name("-x", "_x002D_x");
    name("_x0041_", "_x005F_x0041_");
    name("caf\xc3\xa9", "caf\xc3\xa9");
    name("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"); /* U+1F600 is a NameChar */
    name("\xf3\xb0\x80\x80", "_x0F0000_");            /* U+F0000 is not */
    CHECK(assess_facts_encode_name("") == NULL, "empty key must be refused");

    /* mapping */
    mapping("{\"a\":1e-05,\"b\":true,\"c\":false}",
            "<bid><a>0.00001</a><b>true</b><c>false</c></bid>");
    mapping("{\"l\":[\"NL\",\"DE\"]}", "<bid><l>NL</l><l>DE</l></bid>");
    mapping("{\"l\":[],\"n\":null}",
            "<bid><l empty=\"array\"/><n null=\"true\"/></bid>");
    mapping("{\"1x\":{\"a b\":\"<&>\"}}",
            "<bid><_x0031_x><a_x0020_b>&lt;&amp;&gt;</a_x0020_b></_x0031_x></bid>");
    mapping("{\"m\":[[1,2]]}", "<bid><m><item>1</item><item>2</item></m></bid>");

    /* refused inputs, with their place */
    const char dup[] = "{\"entities\":[{\"country\":\"NL\",\"country\":\"US\"}]}";
    refused(dup, strlen(dup), "duplicate key 'country'",
            "$.entities[0].country");
    refused("{\"a\":1e999}", 11, "not finite", "$.a");
    refused("{\"a\":-1e999}", 12, "not finite", "$.a");
    refused("\xef\xbb\xbf{}", 5, "byte-order mark", NULL);
    refused("{\"a\":\"NL\\u0000US\"}", 18, "\\u0000", NULL);
    refused("{\"a\":\"\xff\"}", 9, "not valid UTF-8", "$.a");
    refused("{\"a\":\"\xc0\xaf\"}", 10, "not valid UTF-8", "$.a");
    refused("{\"a\":NaN}", 9, "malformed JSON", NULL);
    refused("{\"a\":1} x", 9, "unexpected data", NULL);
    refused("{\"a\":1}\0{}", 10, "unexpected data", NULL);
    refused("", 0, "empty file", NULL);
    {
        char deep[300];
        memset(deep, '[', 100);
        memset(deep + 100, ']', 100);
        refused(deep, 200, "nesting deeper", NULL);
    }
    {
        /* syntax errors carry line, column and byte offset */
        assess_diags d;
        assess_diags_init(&d);
        const char *bad = "{\n  \"a\": 1,\n  \"b\": }\n";
        CHECK(assess_json_parse("t.json", bad, strlen(bad), &d) == NULL,
              "malformed accepted");
        CHECK(d.count == 1 && d.items[0].line == 3 && d.items[0].column == 8 &&
                  d.items[0].offset == 19,
              "expected 3:8 byte 19, got %ld:%ld byte %ld",
              d.count ? d.items[0].line : 0, d.count ? d.items[0].column : 0,
              d.count ? d.items[0].offset : 0);
        assess_diags_release(&d);
    }
    return check_done("test_facts");
}
