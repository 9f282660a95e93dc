// cli/serve/page_files.h: the page's built-in files (page_assets.h) as the server sends them:
// each compressible file also gzipped once, at start-up, so that a browser gets a compressed
// file without the server compressing it again on every request.
//
// Why not leave compression to cpp-httplib: Debian's build of it (0.11.4) compresses every text
// response on every request, with brotli at its slowest quality when the client accepts "br"
// (hundreds of milliseconds for the page's script), and has no setting to change that. The server
// therefore hides Accept-Encoding from the library (api_server.cc) and compresses the page here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsq::serve {

struct PageFile {
  std::string path;          // URL path, as in page_assets().
  std::string content_type;  // As in page_assets().
  std::string_view body;     // The file's bytes (from page_assets(), which live for the program).
  std::string gzipped;       // The body gzipped; empty when compressing would not shrink it.
};

class PageFiles {
 public:
  // Reads page_assets() and gzips each text, script, JSON or SVG file. Throws std::runtime_error
  // if zlib fails (out of memory).
  PageFiles();

  // The file served at `path` ("/" is "/index.html"), or nullptr.
  const PageFile* find(std::string_view path) const;

 private:
  std::vector<PageFile> files_;
};

// Whether an Accept-Encoding header value accepts gzip ("gzip", "gzip;q=0.8", "*"; not "gzip;q=0").
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace newsq::serve
