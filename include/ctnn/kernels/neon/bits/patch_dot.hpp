// ctnn/kernels/neon/bits/patch_dot.hpp — the AArch64 NEON micro-kernels of CONV_2D and
// FULLY_CONNECTED, in two forms.
//
// Without the dot product (SMLAL): one output pixel (or FULLY_CONNECTED row) at a time, its patch
// gathered into an int16 stack buffer with the input offset already added (values in
// [-255, 255]; taps in the padding are zeros, the scalar kernel's "skip"); 4 output channels
// share each 16-value chunk of it: filter rows, zero-padded at compile time to a multiple of 16,
// are widened with SXTL and multiplied-accumulated with SMLAL/SMLAL2 into int32 lanes, summed
// across lanes at the end.
//
// With the dot product (__ARM_FEATURE_DOTPROD, SDOT): the patch holds the raw int8 inputs (taps
// in the padding hold the input zero point) and the input offset is folded into the bias at
// compile time (kernels/bits/epilogue.hpp), so that sum x * w over int8 is exact in int32
// (|sum| <= 4096 * 128 * 128 = 2^26). The filter is laid out at compile time for
// SDOT Vd.4S, Vn.16B, Vm.4B[lane]: per group of 4 output channels and 4 consecutive depth values,
// 16 bytes (channel-major, 4 depth values per lane), so that one SDOT by lane i of a 16-value
// patch vector adds 4 depth values x 4 channels; the 4 lanes of the accumulator are then the 4
// channels' sums, with no reduction across lanes.
//
// Integer sums are exact in any order, so the accumulators equal the scalar kernel's (with the
// folded bias, their sum with it does).
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

#if defined(__ARM_FEATURE_DOTPROD)

/// `Rows` rows of `K` int8 values from `Src` in the SDOT layout: rows rounded up to a multiple of
/// 4 and depth to `Kp` (a multiple of 16) with zeros. The group of rows 4g .. 4g + 3 starts at
/// 4g * Kp, where row 4g starts in the plain padded layout, and holds per 4 depth values q the
/// 16 bytes {row 4g: 4q .. 4q+3, row 4g+1: 4q .. 4q+3, row 4g+2: ..., row 4g+3: ...}.
template <int Rows, int K, int Kp, const auto& Src>
inline constexpr auto sdot_rows = [] {
    constexpr int groups = (Rows + 3) / 4;
    std::array<std::int8_t, static_cast<std::size_t>(groups) * 4 * static_cast<std::size_t>(Kp)> a{};
    for (int r = 0; r < Rows; ++r)
        for (int k = 0; k < K; ++k)
            a[static_cast<std::size_t>((r / 4) * 4 * Kp + (k / 4) * 16 + (r % 4) * 4 + k % 4)] = std::data(Src)[r * K + k];
    return a;
}();

/// dst[i] = src[i] for i < N (the raw int8 patch values of one tap).
template <int N>
[[gnu::always_inline]] inline void copy_bytes(std::int8_t* dst, const std::int8_t* src) noexcept {
    int i = 0;
    for (; i + 16 <= N; i += 16) vst1q_s8(dst + i, vld1q_s8(src + i));
    if constexpr (N % 16 >= 8) {
        vst1_s8(dst + i, vld1_s8(src + i));
        i += 8;
    }
    for (; i < N; ++i) dst[i] = src[i];
}

/// The dot products of `P` raw patches (Kp values each) with one group of 4 SDOT-layout rows:
/// acc[p] lane c = sum_k patch_p[k] * row_c[k].
template <int Kp, int P>
[[gnu::always_inline]] inline void sdot_group(const std::int8_t* const* patches, const std::int8_t* w,
                                              int32x4_t* acc) noexcept {
    for (int p = 0; p < P; ++p) acc[p] = vdupq_n_s32(0);
    for (int k = 0; k < Kp; k += 16) {
        const int8x16x4_t wv = vld1q_s8_x4(w + 4 * k);
        for (int p = 0; p < P; ++p) {
            const int8x16_t pv = vld1q_s8(patches[p] + k);
            acc[p] = vdotq_laneq_s32(acc[p], wv.val[0], pv, 0);
            acc[p] = vdotq_laneq_s32(acc[p], wv.val[1], pv, 1);
            acc[p] = vdotq_laneq_s32(acc[p], wv.val[2], pv, 2);
            acc[p] = vdotq_laneq_s32(acc[p], wv.val[3], pv, 3);
        }
    }
}

#endif  // __ARM_FEATURE_DOTPROD

}  // namespace ctnn::neon

#endif
