// A fixture for tests/structure/include_rules.py, never compiled: the CLI reaching into the
// library's internals must be reported.
#include "newsq/searcher.h"
#include "engine/index/schema.h"
