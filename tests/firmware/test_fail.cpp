// Deliberately fails (returns 1). Registered WILL_FAIL: the suite passes only if QEMU hands the
// non-zero status back to CTest, i.e. a failing firmware test is really detected.
#include <cstdio>

int main() {
    std::puts("test_fail: returning 1 on purpose (registered WILL_FAIL)");
    return 1;
}
