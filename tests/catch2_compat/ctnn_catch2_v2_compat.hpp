// ctnn_catch2_v2_compat.hpp — Catch2 v3 spellings on top of Catch2 v2.
//
// ctnn's tests are written against Catch2 v3 (`#include
// <catch2/catch_test_macros.hpp>`, `Catch::Approx`, ...). Debian 12 ships
// Catch2 2.13 only, so when CMake finds no Catch2 3 the headers in this
// folder stand in for v3's: each includes the single v2 header and this file
// adds the few names v3 renamed or introduced. With Catch2 3 installed this
// folder is not on the include path at all.
#pragma once

#include <catch2/catch.hpp>

#include <string>

namespace Catch {
using Detail::Approx;  // v3: Catch::Approx (v2: ::Approx)

namespace Matchers {
// v3 renamed Contains(string) to ContainsSubstring.
inline StdString::ContainsMatcher ContainsSubstring(const std::string& str,
                                                   CaseSensitive::Choice cs = CaseSensitive::Yes) {
    return Contains(str, cs);
}
}  // namespace Matchers
}  // namespace Catch

#ifndef STATIC_CHECK
#define STATIC_CHECK(...) STATIC_REQUIRE(__VA_ARGS__)
#endif
#ifndef SKIP
// v2 cannot mark a test skipped: say why and leave the test case.
#define SKIP(...)         \
    do {                  \
        WARN(__VA_ARGS__); \
        return;           \
    } while (false)
#endif
