#ifndef TIDEMARK_CLIBXML2_SHIM_H
#define TIDEMARK_CLIBXML2_SHIM_H

// libxml2 built with ICU exposes ICU types that clash with Foundation's copy of ICU
// (`'U_…' from module '_FoundationICU' is not present`). Nothing here needs ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

// Swift 6 rejects the global function pointer `xmlFree` as not concurrency-safe.
static inline void tidemark_xmlFree(void *pointer) { xmlFree(pointer); }

// A deny-all external entity loader: no DTD, entity or XInclude may reach the file system or network.
static xmlParserInputPtr tidemark_denyEntityLoader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static inline void tidemark_installDenyAllEntityLoader(void) {
    xmlSetExternalEntityLoader(tidemark_denyEntityLoader);
}

// libxml2 prints some problems (encoding errors, "I/O error : encoder error") straight to stderr
// through its generic error function, beside the structured error Tidemark reports itself.
static void tidemark_ignoreGenericError(void *context, const char *message, ...) {
    (void)context; (void)message;
}

/// Silences the generic error output for this thread, and for threads started later.
static inline void tidemark_silenceGenericErrors(void) {
    xmlSetGenericErrorFunc(NULL, tidemark_ignoreGenericError);
    xmlThrDefSetGenericErrorFunc(NULL, tidemark_ignoreGenericError);
}

#endif
