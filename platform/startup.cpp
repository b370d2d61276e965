// platform/startup.cpp — Cortex-M reset and exception handling for ctnn's firmware.
//
// Works on mps2-an386 (M4F), mps2-an500 (M7) and mps3-an547 (M55) under QEMU, and on real
// parts with the same memory map. Reset_Handler: copy .data, zero .bss and .ctnn_arena, enable
// the FPU (and MVE: the same CP10/CP11 bits), set the v8-M stack limit, paint the stack, start
// SysTick, run the C++ constructors, exit(main()). newlib's crt0 is not used (-nostartfiles):
// rdimon's crt0 doesn't copy .data under QEMU.
//
// Faults (and any unexpected exception or interrupt) print the exception, PC, LR and the fault status registers over semihosting and exit
// with status 99, so a crashing test fails at once instead of hanging until its timeout.
#include <cstdint>
#include <cstdlib>

#include "semihosting.hpp"

extern "C" {
extern std::uint32_t _sidata, _sdata, _edata, _sbss, _ebss;
extern std::uint32_t __ctnn_arena_start, __ctnn_arena_end, __stack_limit, __stack_top;
extern void (*__preinit_array_start[])();
extern void (*__preinit_array_end[])();
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
// C++ may not call main(); reach the symbol under another name.
int ctnn_application_main() __asm__("main");
void initialise_monitor_handles() __attribute__((weak));  // librdimon (rdimon.specs)
void* __dso_handle __attribute__((weak)) = nullptr;        // normally from crtbegin.o

[[noreturn]] void Reset_Handler();
void Fault_Handler();
void SysTick_Handler();
[[noreturn]] void ctnn_fault_report(const std::uint32_t* frame, std::uint32_t exc_return);
}

namespace fw::detail {
void systick_start() noexcept;             // platform.cpp
void paint(std::uint32_t* from, std::uint32_t* to) noexcept;
}  // namespace fw::detail

namespace {

using handler = void (*)();

struct vector_table {
    const void* initial_sp;
    handler vectors[15 + 16];
};

volatile std::uint32_t& reg(std::uintptr_t address) noexcept {
    return *reinterpret_cast<volatile std::uint32_t*>(address);
}

// --- fault report: no newlib, no heap, only semihosting -----------------------
char* put(char* out, const char* s) noexcept {
    while (*s != '\0') *out++ = *s++;
    return out;
}
char* put_hex(char* out, std::uint32_t v) noexcept {
    *out++ = '0';
    *out++ = 'x';
    for (int shift = 28; shift >= 0; shift -= 4) {
        const auto nibble = static_cast<std::uint32_t>((v >> shift) & 0xFu);
        *out++ = static_cast<char>(nibble < 10 ? '0' + static_cast<int>(nibble) : 'a' + static_cast<int>(nibble) - 10);
    }
    return out;
}
const char* exception_name(std::uint32_t number) noexcept {
    switch (number) {
        case 2: return "NMI";
        case 3: return "HardFault";
        case 4: return "MemManage";
        case 5: return "BusFault";
        case 6: return "UsageFault";
        case 7: return "SecureFault";
        case 11: return "SVCall";
        case 12: return "DebugMonitor";
        case 14: return "PendSV";
        default: return number >= 16 ? "IRQ" : "reserved";
    }
}

}  // namespace

extern "C" {

__attribute__((section(".isr_vector"), used)) const vector_table ctnn_vector_table = {
    &__stack_top,
    {
        Reset_Handler,    // 1 reset
        Fault_Handler,    // 2 NMI
        Fault_Handler,    // 3 HardFault
        Fault_Handler,    // 4 MemManage
        Fault_Handler,    // 5 BusFault
        Fault_Handler,    // 6 UsageFault (and v8-M stack-limit overflow)
        Fault_Handler,    // 7 SecureFault (v8-M)
        nullptr, nullptr, nullptr,
        Fault_Handler,    // 11 SVCall
        Fault_Handler,    // 12 DebugMonitor
        nullptr,
        Fault_Handler,    // 14 PendSV
        SysTick_Handler,  // 15 SysTick
        // 16..31: the first external interrupts (unused)
        Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
        Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
        Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
        Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
    },
};

// Passes the stacked exception frame (MSP or PSP, from EXC_RETURN bit 2) to the report.
// On v8-M the stack limit is dropped first: after a stack overflow (STKOF) the handler itself
// has no stack left, and a second overflow inside it would lock the core up.
__attribute__((naked)) void Fault_Handler() {
    __asm__ volatile(
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
        "movs r2, #0     \n"
        "msr msplim, r2  \n"
#endif
        "tst lr, #4      \n"
        "ite eq          \n"
        "mrseq r0, msp   \n"
        "mrsne r0, psp   \n"
        "mov r1, lr      \n"
        "b ctnn_fault_report\n");
}

[[noreturn]] void ctnn_fault_report(const std::uint32_t* frame, std::uint32_t exc_return) {
    std::uint32_t ipsr = 0;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    const std::uint32_t number = ipsr & 0x1FFu;
    char line[256];
    char* p = put(line, "*** FAULT: ");
    p = put(p, exception_name(number));
    p = put(p, " (exception ");
    p = put_hex(p, number);
    p = put(p, ") pc=");
    p = put_hex(p, frame[6]);
    p = put(p, " lr=");
    p = put_hex(p, frame[5]);
    p = put(p, " exc_return=");
    p = put_hex(p, exc_return);
    p = put(p, "\n    cfsr=");
    p = put_hex(p, reg(0xE000ED28));  // configurable fault status (MMFSR|BFSR|UFSR)
    p = put(p, " hfsr=");
    p = put_hex(p, reg(0xE000ED2C));
    p = put(p, " mmfar=");
    p = put_hex(p, reg(0xE000ED34));
    p = put(p, " bfar=");
    p = put_hex(p, reg(0xE000ED38));
    p = put(p, "\n    (addr2line -e <firmware>.elf <pc>; cfsr bit 20 = stack overflow on v8-M)\n");
    *p = '\0';
    fw::semihosting::write0(line);
    fw::semihosting::exit(99);  // never hang a test run
}

[[noreturn]] void Reset_Handler() {
    // .data from its load address in flash; .bss and the arenas to zero.
    const std::uint32_t* src = &_sidata;
    for (std::uint32_t* dst = &_sdata; dst < &_edata;) *dst++ = *src++;
    for (std::uint32_t* dst = &_sbss; dst < &_ebss; ++dst) *dst = 0;
    for (std::uint32_t* dst = &__ctnn_arena_start; dst < &__ctnn_arena_end; ++dst) *dst = 0;

#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
    // CPACR: full access to CP10/CP11, which covers the FPU and, on Armv8.1-M, MVE (Helium).
    reg(0xE000ED88) |= (0xFu << 20);
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
    // v8-M: overflowing the main stack raises a UsageFault (STKOF) instead of corrupting .bss.
    __asm__ volatile("msr msplim, %0" : : "r"(&__stack_limit));
#endif
    // Usage, bus and memory-management faults as their own exceptions (SHCSR).
    reg(0xE000ED24) |= (7u << 16);

    // Paint the stack below the current frame (stack_used_bytes() reads the high-water mark).
    std::uint32_t* sp = nullptr;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    fw::detail::paint(&__stack_limit, sp - 16);

    fw::detail::systick_start();

    if (initialise_monitor_handles) initialise_monitor_handles();
    for (auto* f = __preinit_array_start; f < __preinit_array_end; ++f) (*f)();
    for (auto* f = __init_array_start; f < __init_array_end; ++f) (*f)();

    std::exit(ctnn_application_main());  // newlib: atexit handlers, then semihosting exit with main's status
}

}  // extern "C"
