// cli/serve/page_files.cc: gzipping the page's files once (page_files.h).
#include "cli/serve/page_files.h"

#include <zlib.h>

#include <stdexcept>

#include "cli/serve/page_assets.h"

namespace newsq::serve {
namespace {

bool compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/javascript") ||
         content_type.starts_with("application/json") || content_type.starts_with("image/svg+xml");
}

// A gzip member (RFC 1952) of `data` at the best compression: done once per file, so the time
// is paid at start-up, never per request. No file name or time in the header: the same bytes in,
// the same bytes out.
std::string gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib could not start compressing the page's files");
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib could not compress the page's files");
  return out;
}

}  // namespace

PageFiles::PageFiles() {
  for (const PageAsset& asset : page_assets()) {
    PageFile file{std::string(asset.path), std::string(asset.content_type), asset.body, {}};
    if (compressible(asset.content_type)) {
      std::string packed = gzip(asset.body);
      if (packed.size() < asset.body.size()) file.gzipped = std::move(packed);
    }
    files_.push_back(std::move(file));
  }
}

const PageFile* PageFiles::find(std::string_view path) const {
  if (path == "/") path = "/index.html";
  for (const PageFile& file : files_)
    if (file.path == path) return &file;
  return nullptr;
}

bool accepts_gzip(std::string_view header) {
  // Comma-separated codings, each with an optional ";q=VALUE"; q=0 refuses it.
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const std::size_t semicolon = item.find(';');
    std::string_view coding = item.substr(0, semicolon);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (coding != "gzip" && coding != "*") continue;
    if (semicolon == std::string_view::npos) return true;
    std::string_view params = item.substr(semicolon + 1);
    const std::size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view value = params.substr(q + 2);
    // q=0, q=0.0, q=0.000 refuse; any other value accepts.
    bool zero = !value.empty() && value.front() == '0';
    for (std::size_t i = 1; zero && i < value.size() && value[i] != ' ' && value[i] != ';'; ++i)
      zero = value[i] == '.' || value[i] == '0';
    if (!zero) return true;
  }
  return false;
}

}  // namespace newsq::serve
