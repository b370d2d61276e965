// ctnn/kernels/arm_mve/bits/requant.hpp — TFLite's requantizations of 4 output channels at once
// with Helium, bit for bit.
//
// CONV_2D / DEPTHWISE_CONV_2D, double rounding (core/fixed_point.hpp):
//   out = clamp(RoundingDivideByPOT(SRDHM(acc << left, m), right) + zero_point, lo, hi)
// - acc << left: VSHL by a register vector (wraps, like shift_left_wrapping);
// - SRDHM: VQRDMULH is floor((2*a*m + 2^31) / 2^32) saturated, which equals gemmlowp's nudged,
//   truncating form (both are floor((a*m + 2^30) / 2^31)) including the min*min saturation;
// - RoundingDivideByPOT: VRSHL by -right rounds ties toward +inf; gemmlowp rounds them away
//   from zero, so negative values are first decremented (saturating) when right >= 1, as
//   CMSIS-NN's arm_requantize_mve does: the sign bit of (v & -right) is set exactly then.
//   With right = 0 VRSHL is the identity and nothing is decremented. When every channel has
//   right >= 1 the decrement is v + (v >> 31), without the mask: VQRDMULH never returns
//   INT32_MIN for a multiplier below 2^31, so the plain add cannot wrap.
//
// FULLY_CONNECTED, single rounding (multiply_by_quantized_multiplier_single_round):
//   out = clamp(sat32((acc * m + 2^(T-1)) >> T) + zero_point, lo, hi),  T = 31 - shift
// - shift <= -1 (T = 31 + r, r >= 1): VQDMULH gives q = floor(acc * m / 2^31) and VRSHL by -r
//   floor((q + 2^(r-1)) / 2^r); nested floors of integer divisions compose, so this is
//   floor((acc * m + 2^(30+r)) / 2^(31+r)), the specification, which cannot overflow int32;
// - shift >= 0: VQSHL by shift, then VQRDMULH = floor((acc * 2^shift * m + 2^30) / 2^31), the
//   specification when acc << shift fits; when it saturates, |specification| >= m >= 2^30
//   and VQRDMULH of the saturated value is about +-m, of the same sign, so both clamp to the
//   same end of the activation range.
// A layer whose channels mix both signs of shift (multipliers of 0 fit either) keeps its
// parent ISA's kernel.
// Per channel constants live in compile-time tables of int32 vectors (4 channels each).
#pragma once

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

#include <arm_mve.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "ctnn/core/fixed_point.hpp"

namespace ctnn::arm_mve {

/// Four output channels' constants, each field a 4-lane vector in memory.
struct alignas(16) quad_record {
    std::int32_t bias[4];        // bias + input_offset * sum(weights) (folded offset)
    std::int32_t multiplier[4];
    std::int32_t left[4];        // >= 0
    std::int32_t neg_right[4];   // <= 0
};

/// A layer's output zero point and activation range, for shared code that reads them at run time.
struct output_params {
    std::int32_t zero_point;
    std::int32_t lo;
    std::int32_t hi;
};

template <class L>
inline constexpr output_params output_params_of{L::output::q.zero_point, L::range.min, L::range.max};

/// Requantizes four accumulators with the record's constants, adds the zero point and clamps.
/// LeftShifts: whether any channel of the layer has a left shift (otherwise VSHL is left out).
template <std::int32_t ZeroPoint, std::int32_t Lo, std::int32_t Hi, bool LeftShifts = true>
[[gnu::always_inline]] inline int32x4_t requantize4(int32x4_t acc, const quad_record& r) noexcept {
    if constexpr (LeftShifts) acc = vshlq_s32(acc, vldrwq_s32(r.left));
    acc = vqrdmulhq_s32(acc, vldrwq_s32(r.multiplier));
    const int32x4_t nr = vldrwq_s32(r.neg_right);
    const int32x4_t fixup = vshrq_n_s32(vandq_s32(acc, nr), 31);
    acc = vqaddq_s32(acc, fixup);
    acc = vrshlq_s32(acc, nr);
    acc = vaddq_n_s32(acc, ZeroPoint);
    acc = vmaxq_s32(acc, vdupq_n_s32(Lo));
    acc = vminq_s32(acc, vdupq_n_s32(Hi));
    return acc;
}

/// Whether any of L's channels has a left shift (a positive requant shift).
template <class L>
constexpr bool has_left_shift() noexcept {
    for (const requant& r : L::requant)
        if (r.shift > 0) return true;
    return false;
}

/// Whether every one of L's channels has a right shift >= 1 (a negative requant shift).
template <class L>
constexpr bool all_right_shifts() noexcept {
    for (const requant& r : L::requant)
        if (r.shift >= 0) return false;
    return true;
}

/// The double rounding with the output constants read at run time (shared code): a kind per
/// (any left shift, every right shift >= 1), see the top of this file.
template <bool LeftShifts, bool AllRight>
struct double_rounding {
    static constexpr bool left_shifts = LeftShifts;
    static constexpr bool all_right = AllRight;
    [[gnu::always_inline]] static int32x4_t apply(int32x4_t acc, const quad_record& r, const output_params& o) noexcept {
        if constexpr (LeftShifts) acc = vshlq_s32(acc, vldrwq_s32(r.left));
        acc = vqrdmulhq_s32(acc, vldrwq_s32(r.multiplier));
        const int32x4_t nr = vldrwq_s32(r.neg_right);
        if constexpr (AllRight)
            acc = vaddq_s32(acc, vshrq_n_s32(acc, 31));
        else
            acc = vqaddq_s32(acc, vshrq_n_s32(vandq_s32(acc, nr), 31));
        acc = vrshlq_s32(acc, nr);
        acc = vaddq_n_s32(acc, o.zero_point);
        acc = vmaxq_s32(acc, vdupq_n_s32(o.lo));
        return vminq_s32(acc, vdupq_n_s32(o.hi));
    }
};

/// The double-rounding kind of layer L.
template <class L>
using double_rounding_of = double_rounding<has_left_shift<L>(), all_right_shifts<L>()>;

/// FULLY_CONNECTED's single rounding (see the top of this file): RightShifts, every channel's
/// shift <= -1 (neg_right holds it); otherwise every shift >= 0 (left holds it).
template <bool RightShifts>
struct single_rounding {
    static constexpr bool right_shifts = RightShifts;
    [[gnu::always_inline]] static int32x4_t apply(int32x4_t acc, const quad_record& r, const output_params& o) noexcept {
        if constexpr (RightShifts) {
            acc = vqdmulhq_s32(acc, vldrwq_s32(r.multiplier));
            acc = vrshlq_s32(acc, vldrwq_s32(r.neg_right));
        } else {
            acc = vqshlq_s32(acc, vldrwq_s32(r.left));
            acc = vqrdmulhq_s32(acc, vldrwq_s32(r.multiplier));
        }
        acc = vaddq_n_s32(acc, o.zero_point);
        acc = vmaxq_s32(acc, vdupq_n_s32(o.lo));
        return vminq_s32(acc, vdupq_n_s32(o.hi));
    }
};

/// Which single-rounding form covers every channel of L: 1 right shifts, 0 left shifts (or
/// none), -1 neither (the channels' shifts have both signs). A multiplier of 0 fits both.
template <class L>
constexpr int single_rounding_form() noexcept {
    bool right = false, left = false;
    for (const requant& r : L::requant) {
        if (r.multiplier == 0) continue;
        (r.shift < 0 ? right : left) = true;
    }
    return right && left ? -1 : right ? 1 : 0;
}

/// Records of a conv-like layer L with Channels output channels, in quads: channels 4q..4q+3,
/// then, when Channels % 4 != 0 (and Channels >= 4), one more for the last 4 channels
/// (overlapping the previous quad). `sum_w(c)` is the sum of channel c's weights (for the
/// folded input offset), `bias(c)` its bias. The folded bias wraps like int32 arithmetic, as
/// the accumulators do.
template <std::size_t Channels, class L, class SumW, class Bias>
constexpr std::array<quad_record, (Channels + 3) / 4> make_quad_records(SumW sum_w, Bias bias) noexcept {
    std::array<quad_record, (Channels + 3) / 4> t{};
    constexpr std::int32_t input_offset = -L::input::q.zero_point;
    for (std::size_t q = 0; q < t.size(); ++q)
        for (std::size_t l = 0; l < 4; ++l) {
            const std::size_t c = 4 * q + 4 <= Channels ? 4 * q + l : Channels - 4 + l;
            const requant r = L::requant[std::size(L::requant) > 1 ? c : 0];
            quad_record& e = t[q];
            e.bias[l] = static_cast<std::int32_t>(static_cast<std::int64_t>(bias(c)) +
                                                  static_cast<std::int64_t>(input_offset) * sum_w(c));
            e.multiplier[l] = r.multiplier;
            e.left[l] = r.shift > 0 ? r.shift : 0;
            e.neg_right[l] = r.shift > 0 ? 0 : r.shift;
        }
    return t;
}

}  // namespace ctnn::arm_mve

#endif
