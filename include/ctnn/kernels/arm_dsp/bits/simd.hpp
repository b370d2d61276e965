// ctnn/kernels/arm_dsp/bits/simd.hpp — Arm DSP-extension building blocks (Cortex-M4/M7/M33).
//
// Thin wrappers over <arm_acle.h> and, where GCC 12's arm_acle.h has no intrinsic or does not
// fold the byte rotation into the instruction, one-instruction inline asm:
//
//   sxtb16(x)            (x.b0, x.b2) sign-extended to two int16 lanes
//   sxtb16_ror8(x)       (x.b1, x.b3)                  — `sxtb16 rd, rm, ror #8`
//   sxtab16(o, x)        (o.lo + x.b0, o.hi + x.b2)    — the input offset added for free
//   sxtab16_ror8(o, x)   (o.lo + x.b1, o.hi + x.b3)
//   smlad(a, b, acc)     acc + a.lo*b.lo + a.hi*b.hi
//   smmulr(a, b)         (a*b + 2^31) >> 32            — no ACLE intrinsic
//
// An int8x4 word x = [x0 x1 x2 x3] therefore expands into the two int16x2 words (x0, x2) and
// (x1, x3): the "unordered" order. Both operands of a dot product are expanded the same way, so
// the pairs line up without any shuffle (CMSIS-NN's read_and_pad_reordered).
//
// Only visible when the target has the DSP extension (__ARM_FEATURE_DSP) and is little-endian.
#pragma once

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include <arm_acle.h>

#include <cstdint>
#include <cstring>

namespace ctnn::arm_dsp {

/// Whether the inline-asm tiles that take all 14 allocatable registers may be used. Without
/// optimization GCC keeps r7 as the frame pointer, leaving 13, so unoptimized (debug) builds
/// run the C++ form of those kernels: the same bytes, more instructions.
#if defined(__OPTIMIZE__)
inline constexpr bool fourteen_register_asm = true;
#else
inline constexpr bool fourteen_register_asm = false;
#endif

/// A 32-bit load from any address (LDR; unaligned accesses are allowed on Armv7-M/Armv8-M Main).
[[gnu::always_inline]] inline std::int32_t load32(const void* p) noexcept {
    std::int32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

[[gnu::always_inline]] inline void store32(void* p, std::int32_t v) noexcept { std::memcpy(p, &v, sizeof v); }

[[gnu::always_inline]] inline std::int32_t sxtb16(std::int32_t x) noexcept { return __sxtb16(x); }

[[gnu::always_inline]] inline std::int32_t sxtb16_ror8(std::int32_t x) noexcept {
    std::int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
    return r;
}

[[gnu::always_inline]] inline std::int32_t sxtab16(std::int32_t offset, std::int32_t x) noexcept {
    return __sxtab16(offset, x);
}

[[gnu::always_inline]] inline std::int32_t sxtab16_ror8(std::int32_t offset, std::int32_t x) noexcept {
    std::int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(offset), "r"(x));
    return r;
}

[[gnu::always_inline]] inline std::int32_t smlad(std::int32_t a, std::int32_t b, std::int32_t acc) noexcept {
    return __smlad(a, b, acc);
}

/// Lane-wise a + b of two int16 pairs (SADD16; callers keep |a + b| < 2^15).
[[gnu::always_inline]] inline std::int32_t sadd16(std::int32_t a, std::int32_t b) noexcept { return __sadd16(a, b); }

/// acc + a.lo * b.lo (SMLABB) and acc + a.hi * b.hi (SMLATT).
[[gnu::always_inline]] inline std::int32_t smlabb(std::int32_t a, std::int32_t b, std::int32_t acc) noexcept {
    return __smlabb(a, b, acc);
}
[[gnu::always_inline]] inline std::int32_t smlatt(std::int32_t a, std::int32_t b, std::int32_t acc) noexcept {
    return __smlatt(a, b, acc);
}

/// The high word of a*b, rounded: (a*b + 2^31) >> 32 (SMMULR).
[[gnu::always_inline]] inline std::int32_t smmulr(std::int32_t a, std::int32_t b) noexcept {
    std::int32_t r;
    __asm__("smmulr %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

/// Saturate to a signed 8-bit value (SSAT #8).
[[gnu::always_inline]] inline std::int32_t ssat8(std::int32_t x) noexcept { return static_cast<std::int32_t>(__builtin_arm_ssat(x, 8)); }

/// Two copies of a 16-bit value, for sxtab16's offset operand.
constexpr std::int32_t dup16(std::int32_t v) noexcept {
    const auto u = static_cast<std::uint32_t>(v) & 0xFFFFu;
    return static_cast<std::int32_t>(u | (u << 16));
}

}  // namespace ctnn::arm_dsp

#endif
