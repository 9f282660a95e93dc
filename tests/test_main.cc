// tests/test_main.cc: Catch2's main for the newsq test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
