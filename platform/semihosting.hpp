// platform/semihosting.hpp — the few Arm semihosting calls the firmware needs.
//
// Semihosting: the core executes `bkpt 0xab` with an operation in r0 and an argument in r1;
// the debugger (here QEMU, -semihosting-config enable=on,target=native) performs it. printf
// goes through newlib's rdimon, which uses the same mechanism; these are for the places where
// newlib must not run (fault handlers) and for the exit status.
#pragma once

#include <cstdint>

namespace fw::semihosting {

enum class op : std::uint32_t {
    write0 = 0x04,         // print a NUL-terminated string
    exit = 0x18,           // AArch32: r1 = reason only, no status
    exit_extended = 0x20,  // r1 -> {reason, status}; status becomes QEMU's exit code
};
inline constexpr std::uint32_t application_exit = 0x20026;  // ADP_Stopped_ApplicationExit

inline std::uint32_t call(op operation, const void* argument) noexcept {
    register std::uint32_t r0 __asm__("r0") = static_cast<std::uint32_t>(operation);
    register const void* r1 __asm__("r1") = argument;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

inline void write0(const char* text) noexcept { call(op::write0, text); }

[[noreturn]] inline void exit(int status) noexcept {
    const std::uint32_t block[2] = {application_exit, static_cast<std::uint32_t>(status)};
    call(op::exit_extended, block);
    for (;;) {
    }
}

}  // namespace fw::semihosting
