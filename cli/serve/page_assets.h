// cli/serve/page_assets.h: the browser page's files, built into the binary.
#pragma once
#include <span>
#include <string_view>
namespace newsq::serve {
struct PageAsset {
  std::string_view path;          // URL path: "/" is "/index.html"; e.g. "/app.js".
  std::string_view content_type;  // e.g. "text/html; charset=utf-8".
  std::string_view body;          // The file's bytes.
};
// Every file of the page; empty paths never occur. Built by cmake/EmbedPage.cmake.
std::span<const PageAsset> page_assets();
}  // namespace newsq::serve
