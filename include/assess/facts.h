/*
 * facts.h - the generic JSON to XML mapping that turns an input into a fact
 * document for XPath rules.
 *
 * Mapping (README "Fact documents"):
 *   - the document element is named by the caller ("bid");
 *   - an object member becomes an element named by its key;
 *   - an array becomes its element repeated, once per item; an array item
 *     that is itself an array becomes child elements named `item`;
 *   - strings are text; numbers are plain decimals without exponent (XPath
 *     1.0 cannot read `1e-05`), -0 is written 0; booleans are the text
 *     `true` or `false` (rules compare them explicitly);
 *   - an empty array is one element with attribute empty="array" and a
 *     `null` one element with null="true": a declared "none" stays distinct
 *     from a missing fact;
 *   - a key that is not an XML name is escaped reversibly: each character
 *     that may not stand there becomes _xHHHH_ (its code point in hex, 4 or
 *     6 digits), and an underscore that would start such a sequence becomes
 *     _x005F_. Empty keys are rejected.
 * The input must come from assess_json_parse() (no duplicate keys, finite
 * numbers, valid UTF-8).
 */
#ifndef ASSESS_FACTS_H
#define ASSESS_FACTS_H

#include "assess/assess.h"

#ifdef __cplusplus
extern "C" {
#endif

struct cJSON;
typedef struct _xmlDoc assess_xml_doc;

/**
 * @brief Build the fact document of `root` with document element `root_name`.
 * @return ASSESS_OK; ASSESS_ERR_INVALID for an empty key or a character XML
 *         cannot hold (named with its JSON path); ASSESS_ERR_NOMEM.
 * The caller owns *out (xmlFreeDoc).
 */
assess_status assess_facts_from_json(assess_xml_doc **out,
                                     const struct cJSON *root,
                                     const char *root_name, const char *file,
                                     assess_diags *d);

/** @brief Escape a JSON key into an XML name; malloc'd, NULL on no memory
 *  or an empty key. */
char *assess_facts_encode_name(const char *key);

/** @brief Reverse assess_facts_encode_name(); malloc'd, NULL on error. */
char *assess_facts_decode_name(const char *name);

/**
 * @brief Write a finite double as a plain decimal (no exponent), the
 * shortest form that reads back to the same double.
 * @return the length written, or -1 if it does not fit or is not finite.
 */
int assess_facts_format_number(char *buf, size_t size, double v);

#ifdef __cplusplus
}
#endif

#endif
