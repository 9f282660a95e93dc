// tests/serve/serve_test_main.cc: Catch2's main for the API tests of `newsq serve`.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
