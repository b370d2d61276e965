// platform/platform.hpp — what ctnn's firmware tests and benchmarks get from the platform.
//
// The platform (startup.cpp, platform.cpp, linker/<board>.ld) brings up a Cortex-M core under
// QEMU (mps2-an386, mps2-an500, mps3-an547) or on a real part: vector table, .data/.bss,
// FPU/MVE, a painted main stack, a fault handler that reports and exits with status 99, a
// free-running SysTick, and stdio over semihosting (printf works; main's return value is the
// exit status of QEMU).
//
//   fw::measurement m = fw::measure([&] { net.invoke(); });
//   std::printf("%s instructions, %lu stack bytes\n", fw::decimal(m.instructions).text,
//               static_cast<unsigned long>(m.stack_bytes));
//
// Instruction counts are exact to one SysTick period (40 instructions on mps2, 31.25 on
// mps3) when QEMU runs with -icount shift=0 (as CTest does: cmake/toolchains/arm-none-eabi.cmake),
// because the virtual clock then advances 1 ns per instruction. On real hardware the same
// numbers are SysTick cycles of the processor clock. See docs/measuring.md.
#pragma once

#include <cstdint>

#ifndef CTNN_FW_SYSTICK_HZ
#define CTNN_FW_SYSTICK_HZ 25000000
#endif

extern "C" {
/// Region markers. Never inlined, never merged (distinct bodies): the QEMU plugin in
/// bench/firmware/plugin counts the instructions executed between the return from
/// ctnn_bench_begin() and the entry of ctnn_bench_end(), exactly.
void ctnn_bench_begin(void);
void ctnn_bench_end(void);
}

namespace fw {

/// The SysTick clock QEMU models for the board (the processor clock).
inline constexpr std::uint32_t systick_hz = CTNN_FW_SYSTICK_HZ;

/// SysTick ticks since reset: 64-bit, monotonic (the 24-bit counter's wraps are counted
/// by the SysTick interrupt).
[[nodiscard]] std::uint64_t ticks() noexcept;

/// Instructions executed in `ticks` SysTick ticks under QEMU -icount shift=0 (1 ns each).
[[nodiscard]] constexpr std::uint64_t ticks_to_instructions(std::uint64_t ticks) noexcept {
    return ticks * 1'000'000'000ull / systick_hz;
}

/// Bytes of the main stack and the current depth (distance from its top to SP).
[[nodiscard]] std::uint32_t stack_size_bytes() noexcept;
[[nodiscard]] std::uint32_t stack_depth_bytes() noexcept;
/// Paints the unused part of the stack (below SP) again, so that stack_used_bytes() reports
/// the peak of what runs next. Startup paints it once.
void stack_paint() noexcept;
/// Peak depth of the main stack since the last paint: bytes from the top of the stack to the
/// deepest word that no longer holds the paint pattern.
[[nodiscard]] std::uint32_t stack_used_bytes() noexcept;

/// Bytes newlib's heap has handed out (printf's buffers); ctnn never allocates.
[[nodiscard]] std::uint32_t heap_used_bytes() noexcept;

/// Address range of the .ctnn_arena section (objects placed with
/// __attribute__((section(".bss.ctnn_arena")))).
[[nodiscard]] bool in_arena_section(const void* p) noexcept;

struct measurement {
    std::uint64_t instructions;  ///< exact to one SysTick period under -icount shift=0
    std::uint32_t stack_bytes;   ///< peak stack below the caller's frame while f ran
};

/// Runs f() once between the bench markers and returns its instruction count and stack use.
template <class F>
measurement measure(F&& f) noexcept {
    stack_paint();
    const std::uint32_t depth = stack_depth_bytes();
    ctnn_bench_begin();
    const std::uint64_t t0 = ticks();
    f();
    const std::uint64_t t1 = ticks();
    ctnn_bench_end();
    const std::uint32_t used = stack_used_bytes();
    return {ticks_to_instructions(t1 - t0), used > depth ? used - depth : 0u};
}

/// Decimal text of a 64-bit value (newlib-nano's printf has no %llu):
///   std::printf("%s instructions\n", fw::decimal(m.instructions).text);
struct decimal_text {
    char text[21];
};
[[nodiscard]] decimal_text decimal(std::uint64_t value) noexcept;

/// Ends the program at once with `status` as QEMU's exit code (no atexit handlers).
[[noreturn]] void exit_now(int status) noexcept;

}  // namespace fw
