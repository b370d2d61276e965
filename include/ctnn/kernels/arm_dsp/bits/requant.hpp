// ctnn/kernels/arm_dsp/bits/requant.hpp — TFLite's double-rounding requantization in five
// instructions, with a compile-time proof that it is exact for the layer.
//
// The specification (core/fixed_point.hpp, CONV_2D and DEPTHWISE_CONV_2D):
//   out = clamp(RoundingDivideByPOT(SRDHM(acc << left, m), right) + zero_point, lo, hi)
// Two identities turn it into SMMULR and three ALU instructions:
//   SRDHM(a, m) = floor((a*m + 2^30) / 2^31)            (the nudge 1 - 2^30 of negative products
//                                                         and the truncating division agree)
//               = floor((2a*m + 2^31) / 2^32) = smmulr(a << 1, m)       when 2a fits in int32
//   RoundingDivideByPOT(v, e) + zp = (v + 2^(e-1) + (zp << e) - (v < 0)) >> e    for e >= 1
// With the clamp (SSAT) that is SMMULR, ADD, SUB, ASR, SSAT. The kernels hand in 2 * acc for
// free (weights widened at compile time or patches widened at run time are doubled, the bias
// too), which removes the shift. The plan bounds |acc| at compile time (|bias| + 255 * 128 *
// taps) and uses the fast form only if nothing can overflow for any channel and every right
// shift is >= 1; otherwise it calls the scalar arithmetic (and the kernels do not double), so
// the result is always the scalar kernel's, bit for bit. tests/kernels covers both forms.
#pragma once

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/core/quant.hpp"
#include "ctnn/kernels/arm_dsp/bits/simd.hpp"

namespace ctnn::arm_dsp {

/// One channel's constants for the fast form.
struct fast_requant {
    std::int32_t multiplier = 0;
    std::int32_t nudge = 0;      // 2^(right-1) + (zero_point << right)
    std::int32_t left1 = 1;      // left shift + 1 (the doubling of SRDHM)
    std::int32_t right = 1;      // >= 1
};

/// Everything output channel c needs after its dot product, in one 16-byte record: its bias
/// (times the plan's scale) and its requantization. Fast plans: the fast form's constants.
/// Exact plans: the multiplier, the signed shift in `right` and the output zero point in
/// `nudge`. The records are per layer (in flash); the code that reads them is shared by every
/// layer of the same requant_kind.
struct channel_record {
    std::int32_t bias = 0;
    std::int32_t multiplier = 0;
    std::int32_t nudge = 0;
    std::int32_t right = 0;
};

/// What shared kernel code must know at compile time about a layer's requantization: its form,
/// the uniform left shift of the fast form, and the activation range. The layers of a model
/// usually share one kind, so they share one copy of each kernel.
template <bool Fast, int Left, int Min, int Max>
struct requant_kind {
    static constexpr bool fast = Fast;
    static constexpr int left = Left;
    static constexpr std::int32_t scale = Fast ? 2 : 1;
    /// The asm epilogues: fast, no left shift, the full int8 range (SSAT is the clamp).
    static constexpr bool asm_epilogue = Fast && Left == 0 && Min == -128 && Max == 127;

    [[gnu::always_inline]] static std::int32_t clamp(std::int32_t v) noexcept {
        v = ssat8(v);
        if constexpr (Min > -128) v = v < Min ? Min : v;
        if constexpr (Max < 127) v = v > Max ? Max : v;
        return v;
    }

    /// The fast form: acc2 = 2 * acc, with a channel's constants.
    [[gnu::always_inline]] static std::int32_t apply(std::int32_t acc2, std::int32_t multiplier, std::int32_t nudge,
                                                     std::int32_t right) noexcept {
        if constexpr (Left > 0) acc2 = static_cast<std::int32_t>(static_cast<std::uint32_t>(acc2) << Left);
        const std::int32_t v = smmulr(acc2, multiplier);
        const std::int32_t u = v + nudge - static_cast<std::int32_t>(static_cast<std::uint32_t>(v) >> 31);
        return clamp(u >> right);
    }

    /// A channel's output for its scaled accumulator (bias included), either form.
    [[gnu::always_inline]] static std::int32_t apply(std::int32_t acc_scaled, const channel_record& ch) noexcept {
        if constexpr (Fast) {
            return apply(acc_scaled, ch.multiplier, ch.nudge, ch.right);
        } else {
            const requant r{ch.multiplier, ch.right};
            return clamp(fixed_point::multiply_by_quantized_multiplier(acc_scaled, r) + ch.nudge);
        }
    }
};

/// Requantization of a conv-like layer L (double rounding) whose accumulators are bounded by
/// AccBound in absolute value. `apply(acc, c)` returns the clamped int8 value of channel c.
template <class L, std::int64_t AccBound>
struct requant_plan {
    static constexpr std::size_t count = std::size(L::requant);
    static constexpr std::int32_t zero_point = L::output::q.zero_point;

    static constexpr bool fits(const requant& r) noexcept {
        const std::int64_t left = r.shift > 0 ? r.shift : 0;
        const std::int64_t right = r.shift > 0 ? 0 : -r.shift;
        constexpr std::int64_t limit = std::int64_t{1} << 31;
        if (right < 1 || right > 30 || left > 29) return false;
        if ((AccBound << (left + 1)) >= limit) return false;
        const std::int64_t zp_shifted = static_cast<std::int64_t>(zero_point) * (std::int64_t{1} << right);
        const std::int64_t nudge = (std::int64_t{1} << (right - 1)) + zp_shifted;
        const std::int64_t v_bound = (AccBound << left) + 1;
        const std::int64_t abs_nudge = nudge < 0 ? -nudge : nudge;
        return v_bound + abs_nudge + 1 < limit;
    }

    static constexpr bool fast = [] {
        for (const requant& r : L::requant) {
            if (!fits(r)) return false;
            if (r.shift != L::requant[0].shift && (r.shift > 0 || L::requant[0].shift > 0)) return false;
        }
        return true;
    }();

    static constexpr std::array<fast_requant, count> table = [] {
        std::array<fast_requant, count> t{};
        for (std::size_t c = 0; c < count; ++c) {
            const requant r = L::requant[c];
            const std::int32_t left = r.shift > 0 ? r.shift : 0;
            const std::int32_t right = r.shift > 0 ? 0 : -r.shift;
            if (right < 1 || right > 30) continue;  // not used: `fast` is false
            t[c].multiplier = r.multiplier;
            t[c].left1 = left + 1;
            t[c].right = right;
            t[c].nudge = static_cast<std::int32_t>((std::int64_t{1} << (right - 1)) +
                                                   static_cast<std::int64_t>(zero_point) * (std::int64_t{1} << right));
        }
        return t;
    }();

    /// The accumulators the DSP kernels hand in are `scale` times the specification's: with the
    /// fast form, kernels double them for free (weights or patches scaled by 2 at compile time
    /// or while widening, bias doubled), which saves SRDHM's doubling shift.
    static constexpr std::int32_t scale = fast ? 2 : 1;
    static constexpr int left = fast ? table[0].left1 - 1 : 0;  // uniform when fast
    /// The compile-time part of this plan that shared kernel code is instantiated for.
    using kind = requant_kind<fast, left, L::range.min, L::range.max>;

    /// Clamp to the activation range; SSAT does [-128, 127] in one instruction.
    [[gnu::always_inline]] static std::int32_t clamp(std::int32_t v) noexcept { return kind::clamp(v); }

    /// The fast form: acc2 = 2 * acc, with a channel's constants.
    [[gnu::always_inline]] static std::int32_t apply(std::int32_t acc2, std::int32_t multiplier, std::int32_t nudge,
                                                     std::int32_t right) noexcept {
        return kind::apply(acc2, multiplier, nudge, right);
    }

    /// Channel c's output for a scaled accumulator (bias included, scale * the specification's).
    [[gnu::always_inline]] static std::int32_t apply(std::int32_t acc_scaled, std::size_t c) noexcept {
        if constexpr (fast) {
            const fast_requant& f = table[count > 1 ? c : 0];
            return apply(acc_scaled, f.multiplier, f.nudge, f.right);
        } else {
            const requant r = L::requant[count > 1 ? c : 0];
            return clamp(fixed_point::multiply_by_quantized_multiplier(acc_scaled, r) + zero_point);
        }
    }
};

/// The asm epilogues' requantization, for kinds with asm_epilogue: %[m], %[n], %[r] get the
/// fast-form constants of the channel record at %[<ptr>] + offset (LOAD_CHANNEL), then one
/// accumulator is requantized (SMMULR, ADD, SUB, ASR, SSAT; %[t] is scratch) and stored as a
/// byte at `address` (REQUANT_STORE). Shared by bits/patch_gemm.hpp and depthwise_conv2d.hpp.
#define CTNN_ARM_DSP_LOAD_CHANNEL(ptr, offset)                 \
    "ldrd   %[m], %[n], [%[" ptr "], #4 + " offset "]\n\t" \
    "ldr    %[r], [%[" ptr "], #12 + " offset "]\n\t"
#define CTNN_ARM_DSP_REQUANT_STORE(acc, address)       \
    "smmulr %[t], %[" acc "], %[m]\n\t"                \
    "add    %[" acc "], %[n], %[t]\n\t"                \
    "sub    %[" acc "], %[" acc "], %[t], lsr #31\n\t" \
    "asr    %[" acc "], %[" acc "], %[r]\n\t"          \
    "ssat   %[" acc "], #8, %[" acc "]\n\t"            \
    "strb   %[" acc "], " address "\n\t"

/// Per output channel records of layer L with plan Plan (bias 0 when L has none).
template <class L, class Plan>
inline constexpr auto channel_records = [] {
    constexpr std::size_t n = static_cast<std::size_t>(L::out_c);
    std::array<channel_record, n> t{};
    for (std::size_t c = 0; c < n; ++c) {
        if constexpr (L::has_bias) t[c].bias = static_cast<std::int32_t>(std::data(L::bias)[c]) * Plan::scale;
        if constexpr (Plan::fast) {
            const fast_requant& f = Plan::table[Plan::count > 1 ? c : 0];
            t[c].multiplier = f.multiplier;
            t[c].nudge = f.nudge;
            t[c].right = f.right;
        } else {
            const requant r = L::requant[Plan::count > 1 ? c : 0];
            t[c].multiplier = r.multiplier;
            t[c].right = r.shift;
            t[c].nudge = Plan::zero_point;
        }
    }
    return t;
}();

/// |bias| + 255 * 128 * taps: no accumulator of a layer with `taps` products per output exceeds it.
template <class L>
constexpr std::int64_t accumulator_bound(std::int64_t taps) noexcept {
    std::int64_t max_bias = 0;
    if constexpr (L::has_bias) {
        for (const auto b : L::bias) {
            const std::int64_t a = b < 0 ? -static_cast<std::int64_t>(b) : static_cast<std::int64_t>(b);
            max_bias = a > max_bias ? a : max_bias;
        }
    }
    return max_bias + 255 * 128 * taps;
}

}  // namespace ctnn::arm_dsp

#endif
