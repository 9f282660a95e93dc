// cli/serve/page_assets_missing.cc: the page's files when the page was not built (no web/dist/
// at configure time): one page saying so and how to build it. The API works all the same.
#include "cli/serve/page_assets.h"

namespace newsq::serve {
namespace {

constexpr std::string_view kMissingPage = R"(<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>newsq: the page was not built</title></head>
<body>
<h1>newsq serve: the search page was not built</h1>
<p>This newsq was built without its browser page. The HTTP API works: try
<a href="/api/search?q=test">/api/search?q=test</a> (see docs/api.md).</p>
<p>To build the page, run <code>.ci/install-deps</code> (it needs Node.js and npm to bundle the page
from web/), then configure and build newsq again with CMake.</p>
</body>
</html>
)";

constexpr PageAsset kAssets[] = {{"/index.html", "text/html; charset=utf-8", kMissingPage}};

}  // namespace

std::span<const PageAsset> page_assets() { return kAssets; }

}  // namespace newsq::serve
