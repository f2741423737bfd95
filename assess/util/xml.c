/*
 * xml.c - libxml2 set-up shared by every stage: silence the library's own
 * printing in the calling thread (the library never prints; errors are read
 * back with xmlGetLastError), and parse untrusted XML safely.
 */
#include <limits.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "assess/assess.h"
#include "util/xml.h"

static void silent_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

void assess_xml_thread_init(void)
{
    /* both handlers are per thread in a threaded libxml2 */
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
}

const char *assess_xml_last_error(void)
{
    xmlErrorPtr e = xmlGetLastError();
    return e && e->message ? e->message : "unknown XML error";
}

/* SAX hook: a document type declaration stops the parse. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
                           const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    xmlParserCtxtPtr c = ctx;
    c->_private = c; /* marks the refusal */
    xmlStopParser(c);
}

xmlDocPtr assess_xml_parse(const char *name, const char *data, size_t size,
                           assess_diags *d)
{
    if (size > INT_MAX) {
        assess_diags_add(d, ASSESS_ERR_LIMIT, name, NULL, "too large for XML");
        return NULL;
    }
    assess_xml_thread_init();
    xmlResetLastError();
    xmlParserCtxtPtr c = xmlCreateMemoryParserCtxt(data, (int)size);
    if (!c) {
        assess_diags_add(d, ASSESS_ERR_NOMEM, name, NULL, "out of memory");
        return NULL;
    }
    xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR |
                             XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS |
                             XML_PARSE_COMPACT);
    c->sax->internalSubset = refuse_doctype;
    c->_private = NULL;
    xmlParseDocument(c);
    xmlDocPtr doc = c->myDoc;
    int wf = c->wellFormed, refused = c->_private != NULL;
    int line = c->input ? c->input->line : 0;
    xmlErrorPtr e = xmlGetLastError();
    if (refused) {
        assess_diags_add(d, ASSESS_ERR_SYNTAX, name, NULL,
                         "line %d: a DOCTYPE is not accepted (no DTD, no "
                         "entities)",
                         line);
    } else if (!wf || !doc) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", e && e->message ? e->message
                                                        : "not well-formed");
        msg[strcspn(msg, "\n")] = '\0';
        assess_diags_add(d, ASSESS_ERR_SYNTAX, name, NULL, "line %d: %s",
                         e && e->line ? e->line : line, msg);
    }
    xmlFreeParserCtxt(c);
    if (refused || !wf) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}
