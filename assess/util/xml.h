/*
 * xml.h - libxml2 helpers shared by the stages (internal).
 */
#ifndef ASSESS_UTIL_XML_H
#define ASSESS_UTIL_XML_H

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/** Route libxml2's error output of this thread to nowhere. Call once in
 *  every thread that uses libxml2. */
void assess_xml_thread_init(void);

/** The message of libxml2's last error in this thread (never NULL). The
 *  text ends with a newline as libxml2 writes it. */
const char *assess_xml_last_error(void);

/**
 * Parse untrusted XML: no network, no entity substitution, no DTD loading,
 * and a DOCTYPE with an internal subset is refused (entity bombs). Errors
 * name `name` and the line. NULL on error.
 */
struct assess_diags;
xmlDocPtr assess_xml_parse(const char *name, const char *data, size_t size,
                           struct assess_diags *d);

#endif
