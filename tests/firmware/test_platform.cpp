// The platform's measuring tools: SysTick counting under -icount, stack painting, arena section.
#include <cstdint>
#include <cstdio>

#include "platform.hpp"

namespace {

int failures = 0;

void check(bool ok, const char* what) {
    if (!ok) {
        ++failures;
        std::printf("FAILED: %s\n", what);
    }
}

// A loop whose cost scales with n (the asm keeps the compiler from removing it).
__attribute__((noipa)) void spin(std::uint32_t n) {
    for (std::uint32_t i = 0; i < n; ++i) __asm__ volatile("" ::: "memory");
}

__attribute__((noipa)) std::uint32_t use_stack(std::uint32_t n) {
    volatile std::uint8_t buffer[1024];
    for (std::uint32_t i = 0; i < n && i < sizeof buffer; ++i) buffer[i] = static_cast<std::uint8_t>(i);
    return buffer[n / 2];
}

struct big_object {
    std::uint8_t bytes[256];
};
__attribute__((section(".bss.ctnn_arena"))) big_object arena_object;
big_object ordinary_object;

}  // namespace

int main() {
    const std::uint64_t a = fw::ticks();
    const std::uint64_t b = fw::ticks();
    check(b >= a, "ticks() is monotonic");

    const auto m1 = fw::measure([] { spin(1000); });
    const auto m2 = fw::measure([] { spin(2000); });
    std::printf("spin(1000): %s instructions, spin(2000): %s instructions\n", fw::decimal(m1.instructions).text,
                fw::decimal(m2.instructions).text);
    check(m1.instructions > 1000 && m2.instructions > m1.instructions + 1000, "instruction counts scale with work");
    const auto m3 = fw::measure([] { spin(1000); });
    // Deterministic up to the phase of SysTick: one tick is 40 instructions on mps2, 31.25 on mps3.
    constexpr std::uint64_t tick = (1'000'000'000ull + fw::systick_hz - 1) / fw::systick_hz;
    const std::uint64_t diff = m3.instructions > m1.instructions ? m3.instructions - m1.instructions
                                                                 : m1.instructions - m3.instructions;
    check(diff <= tick, "instruction counts are deterministic (to one SysTick period)");

    const auto s = fw::measure([] { (void)use_stack(1000); });
    std::printf("use_stack: %lu bytes of stack (1024-byte buffer), stack size %lu\n",
                static_cast<unsigned long>(s.stack_bytes), static_cast<unsigned long>(fw::stack_size_bytes()));
    check(s.stack_bytes >= 1000 && s.stack_bytes < 1200, "painted stack measures a 1 KiB frame");

    check(fw::in_arena_section(&arena_object), "section(\".bss.ctnn_arena\") lands in .ctnn_arena");
    check(!fw::in_arena_section(&ordinary_object), "ordinary .bss is not in .ctnn_arena");
    check(arena_object.bytes[17] == 0, ".ctnn_arena is zeroed at reset");
    std::printf("heap used by newlib: %lu bytes\n", static_cast<unsigned long>(fw::heap_used_bytes()));

    std::printf("test_platform: %s\n", failures == 0 ? "ok" : "FAILED");
    return failures == 0 ? 0 : 1;
}
