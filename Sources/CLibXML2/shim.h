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
#endif
