// A fixture for tests/structure/include_rules.py, never compiled: a reader that includes the
// searcher (a folder after it) must be reported.
#include "query/collect/snippet.h"
