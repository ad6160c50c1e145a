// libxml2 for Swift: https://gnome.pages.gitlab.gnome.org/libxml2/
// Debian's headers pull in the system ICU, which clashes with the ICU inside Foundation.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
