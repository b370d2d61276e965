// ctnn/kernels/neon/bits/patch_dot.hpp — the AArch64 NEON micro-kernels of CONV_2D and
// FULLY_CONNECTED.
//
// One output pixel (or one FULLY_CONNECTED row) at a time: its patch is gathered into an int16
// stack buffer with the input offset already added (values in [-255, 255]; taps in the
// padding are zeros, the scalar kernel's "skip"), then 4 output channels share each 16-value
// chunk of it: filter rows, zero-padded at compile time to a multiple of 16, are widened with
// SXTL and multiplied-accumulated with SMLAL/SMLAL2 into int32 lanes (exact; integer sums are
// exact in any order, so the accumulators equal the scalar kernel's). Requantization is the
// scalar function, per output.
#pragma once

#if defined(__aarch64__) && defined(__ARM_NEON)

#include <arm_neon.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/kernels/bits/padded_rows.hpp"

namespace ctnn::neon {

// Rows padded to a multiple of 16 values: the shared compile-time layout.
using bits::padded_rows;
using bits::round_up16;

/// dst[i] = src[i] + offset for i < N (int8 -> int16).
template <int N>
[[gnu::always_inline]] inline void widen_offset(std::int16_t* dst, const std::int8_t* src, std::int32_t offset) noexcept {
    const int16x8_t off = vdupq_n_s16(static_cast<std::int16_t>(offset));
    int i = 0;
    for (; i + 16 <= N; i += 16) {
        const int8x16_t v = vld1q_s8(src + i);
        vst1q_s16(dst + i, vaddq_s16(vmovl_s8(vget_low_s8(v)), off));
        vst1q_s16(dst + i + 8, vaddq_s16(vmovl_high_s8(v), off));
    }
    for (; i < N; ++i) dst[i] = static_cast<std::int16_t>(src[i] + offset);
}

[[gnu::always_inline]] inline int32x4_t mac16(int32x4_t acc, int16x8_t p_lo, int16x8_t p_hi, const std::int8_t* w) noexcept {
    const int8x16_t wv = vld1q_s8(w);
    const int16x8_t w_lo = vmovl_s8(vget_low_s8(wv));
    const int16x8_t w_hi = vmovl_high_s8(wv);
    acc = vmlal_s16(acc, vget_low_s16(p_lo), vget_low_s16(w_lo));
    acc = vmlal_high_s16(acc, p_lo, w_lo);
    acc = vmlal_s16(acc, vget_low_s16(p_hi), vget_low_s16(w_hi));
    return vmlal_high_s16(acc, p_hi, w_hi);
}

/// Dot products of the Kp-value patch `p` with `C` (1..4) padded filter rows from `w` (stride Kp).
template <int Kp, int C>
[[gnu::always_inline]] inline void dot_rows(const std::int16_t* p, const std::int8_t* w, std::int32_t* out) noexcept {
    int32x4_t a0 = vdupq_n_s32(0), a1 = a0, a2 = a0, a3 = a0;
    for (int k = 0; k < Kp; k += 16) {
        const int16x8_t p_lo = vld1q_s16(p + k);
        const int16x8_t p_hi = vld1q_s16(p + k + 8);
        a0 = mac16(a0, p_lo, p_hi, w + k);
        if constexpr (C > 1) a1 = mac16(a1, p_lo, p_hi, w + Kp + k);
        if constexpr (C > 2) a2 = mac16(a2, p_lo, p_hi, w + 2 * Kp + k);
        if constexpr (C > 3) a3 = mac16(a3, p_lo, p_hi, w + 3 * Kp + k);
    }
    out[0] = vaddvq_s32(a0);
    if constexpr (C > 1) out[1] = vaddvq_s32(a1);
    if constexpr (C > 2) out[2] = vaddvq_s32(a2);
    if constexpr (C > 3) out[3] = vaddvq_s32(a3);
}

}  // namespace ctnn::neon

#endif
