#ifndef FEEDWATCH_CLIBXML2_SHIM_H
#define FEEDWATCH_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// libxml2's ICU types clash with Foundation's own ICU module on a clean build
// ("'UErrorCode' has different definitions"); we never use libxml2's ICU API.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

// xmlFree is a global function pointer, which Swift cannot call directly.
static inline void fw_xmlFree(void *pointer) { xmlFree(pointer); }

// libxml2 prints some errors through a global, variadic callback that Swift cannot implement;
// the reader collects errors per document, so the global channel is silenced here.
static inline void fw_ignore_generic_error(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void fw_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, fw_ignore_generic_error);
    xmlThrDefSetGenericErrorFunc(NULL, fw_ignore_generic_error);
}
#endif
