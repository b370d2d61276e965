// The test runner's main() for Catch2 v2 (v3 has Catch2::Catch2WithMain).
// Compiled once and linked into every test executable.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
