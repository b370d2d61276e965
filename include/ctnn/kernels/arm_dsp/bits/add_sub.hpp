// ctnn/kernels/arm_dsp/bits/add_sub.hpp — ADD and SUB without broadcasting, with SMMULR.
//
// The specification (kernels/scalar/add.hpp): per element, each input is offset, shifted left
// by 20 and rescaled with TFLite's double rounding, the two are added (or subtracted), and the
// sum is rescaled the same way to the output. bits/requant.hpp's two identities make each
// rescaling SMMULR, ADD, SUB, ASR:
//   SRDHM(x, m) = smmulr(2x, m)                 exact when 2x fits in int32
//   RoundingDivideByPOT(v, e) + zp = (v + 2^(e-1) + (zp << e) - (v < 0)) >> e    for e >= 1
// Here 2x always fits: |(q + offset) << 21| <= 255 * 2^21 and |2 * sum| < 2^30. The input with
// the larger scale has the real multiplier 1/2 exactly (multiplier 2^30, right shift 0), whose
// SRDHM is exact: x / 2. It takes the same path with e = 1 and 4x in place of 2x:
// smmulr(4x, 2^30) = x, and (x + 1 - (x < 0)) >> 1 = x / 2 for the even x. A layer takes this
// form when every right shift is >= 1 or is that exact half, and the output nudge cannot
// overflow, which the compiler checks per layer; otherwise the scalar kernel runs.
//
// Code: one copy per (ADD or SUB, activation range), shared by every layer; a layer passes a
// constant descriptor in flash.
#pragma once

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/arm_dsp/bits/simd.hpp"
#include "ctnn/kernels/isa.hpp"

namespace ctnn::arm_dsp {

/// A layer's constants for add_sub_elements, in flash.
struct add_sub_operands {
    std::int32_t count;             // elements
    std::int32_t k1, k2;            // 21, or 22 for an input rescaled by exactly 1/2
    std::int32_t offset1, offset2;  // input offset << k: (q << k) + offset = (q + input offset) << k
    std::int32_t m1, m2, mo;        // multipliers of input 1, input 2, the output
    std::int32_t n1, n2, no;        // nudges: 2^(e-1), and (zero point << e) for the output
    std::int32_t e1, e2, eo;        // right shifts, >= 1
};

/// SRDHM then RoundingDivideByPOT (with the zero point folded into `nudge`), for 2x = x2.
[[gnu::always_inline]] inline std::int32_t rescale(std::int32_t x2, std::int32_t m, std::int32_t nudge,
                                                   std::int32_t e) noexcept {
    const std::int32_t t = smmulr(x2, m);
    return (t + nudge - static_cast<std::int32_t>(static_cast<std::uint32_t>(t) >> 31)) >> e;
}

/// y[i] = clamp(rescale(rescale(a[i]) +/- rescale(b[i]))) for i < count. y may be a (each
/// element is written after it is read).
template <int Sign, int Min, int Max>
[[gnu::noinline]] void add_sub_elements(const add_sub_operands& operands, const std::int8_t* a, const std::int8_t* b,
                                        std::int8_t* y) noexcept {
    const add_sub_operands op = operands;  // a local copy: the int8 stores cannot alias it
    for (std::int32_t i = 0; i < op.count; ++i) {
        const std::int32_t sa = rescale(
            static_cast<std::int32_t>(static_cast<std::uint32_t>(a[i]) << op.k1) + op.offset1, op.m1, op.n1, op.e1);
        const std::int32_t sb = rescale(
            static_cast<std::int32_t>(static_cast<std::uint32_t>(b[i]) << op.k2) + op.offset2, op.m2, op.n2, op.e2);
        const std::int32_t raw = Sign > 0 ? sa + sb : sa - sb;
        std::int32_t v = ssat8(rescale(2 * raw, op.mo, op.no, op.eo));
        if constexpr (Min > -128) v = v < Min ? Min : v;
        if constexpr (Max < 127) v = v > Max ? Max : v;
        y[i] = static_cast<std::int8_t>(v);
    }
}

/// One input's rescaling in the fast form: shift k, multiplier, nudge, right shift.
struct input_rescale {
    bool fast = false;
    std::int32_t k = 21;
    std::int32_t multiplier = 0;
    std::int32_t nudge = 0;
    std::int32_t right = 1;
};

constexpr input_rescale plan_input(requant r) noexcept {
    if (r.shift == 0 && r.multiplier == (std::int32_t{1} << 30)) return {true, 22, r.multiplier, 1, 1};  // exactly 1/2
    if (r.shift <= -1 && r.shift >= -30) return {true, 21, r.multiplier, std::int32_t{1} << (-r.shift - 1), -r.shift};
    return {};
}

/// Whether ADD/SUB layer L runs add_sub_elements, and its operands.
template <class L>
struct add_sub_plan {
    static constexpr input_rescale in1 = plan_input(L::requant.input1);
    static constexpr input_rescale in2 = plan_input(L::requant.input2);
    static constexpr int eo = -L::requant.output.shift;
    static constexpr bool output_shift_ok = eo >= 1 && eo <= 30;
    static constexpr std::int64_t output_nudge =
        output_shift_ok ? (std::int64_t{1} << (eo - 1)) + static_cast<std::int64_t>(L::output_offset) * (std::int64_t{1} << eo)
                        : 0;
    /// |smmulr(2 * raw, m)| < 2^29; the nudged value must stay inside int32.
    static constexpr bool fast = !L::broadcasting && in1.fast && in2.fast && output_shift_ok &&
                                 (std::int64_t{1} << 29) + (output_nudge < 0 ? -output_nudge : output_nudge) + 1 <
                                     (std::int64_t{1} << 31);

    static constexpr add_sub_operands operands{
        static_cast<std::int32_t>(L::elements),
        in1.k,
        in2.k,
        static_cast<std::int32_t>(static_cast<std::uint32_t>(L::input1_offset) << in1.k),
        static_cast<std::int32_t>(static_cast<std::uint32_t>(L::input2_offset) << in2.k),
        in1.multiplier,
        in2.multiplier,
        L::requant.output.multiplier,
        in1.nudge,
        in2.nudge,
        static_cast<std::int32_t>(output_nudge),
        in1.right,
        in2.right,
        fast ? eo : 1};
};

/// The arm_dsp kernel of ADD (Sign +1, Tag add_tag) or SUB (-1, sub_tag).
template <class Tag, int Sign>
struct add_sub_kernel {
    /// Whether layer L runs add_sub_elements (otherwise the scalar kernel does).
    template <class L>
    static constexpr bool specialized = add_sub_plan<L>::fast;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            add_sub_elements<Sign, L::range.min, L::range.max>(
                add_sub_plan<L>::operands, static_cast<const std::int8_t*>(inputs[0]),
                static_cast<const std::int8_t*>(inputs[1]), static_cast<std::int8_t*>(output));
        } else {
            kernel<isa::scalar, Tag>::template run<L>(inputs, output, scratch);
        }
    }
};

}  // namespace ctnn::arm_dsp

#endif
