// tests/cluster/cluster_test_main.cc: Catch2's main for the cluster tests (tests/cluster).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
