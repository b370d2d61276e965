// Deliberately overflows the main stack. On Armv8-M (Cortex-M55) startup sets MSPLIM to the
// stack's limit, so the overflow raises a UsageFault (STKOF) and the fault handler exits with
// status 99 instead of silently overwriting .bss. Run through expect_exit.cmake (cortex-m55 only).
#include <cstdint>
#include <cstdio>

namespace {
volatile std::uint32_t sink;

__attribute__((noipa)) std::uint32_t deeper(std::uint32_t n) {
    volatile std::uint32_t frame[64];
    frame[n % 64] = n;
    sink = frame[(n * 7) % 64];
    return n == 0 ? 0 : deeper(n - 1) + frame[n % 64];
}
}  // namespace

int main() {
    std::puts("test_stack_overflow: recursing past the stack limit");
    const std::uint32_t r = deeper(1u << 20);  // 1M frames of > 256 bytes: far beyond 16 KiB
    std::printf("test_stack_overflow: survived (%lu)?\n", static_cast<unsigned long>(r));
    return 0;
}
