// The simplest firmware test: boots, prints over semihosting, returns 0 -> CTest passes.
#include <cstdio>

#include "platform.hpp"

int main() {
    std::printf("test_pass: %s on %s, ok\n", CTNN_FW_CORE, CTNN_FW_BOARD);
    return 0;
}
