/*
 * xml.c - libxml2 set-up shared by every stage: silence the library's own
 * printing in the calling thread (the library never prints; errors are read
 * back with xmlGetLastError), and parse untrusted XML safely.
 */
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
