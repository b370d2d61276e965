// ctnn/kernels/arm_mve/bits/add_sub.hpp — ADD and SUB without broadcasting, 4 lanes with Helium.
//
// The arithmetic of kernels/arm_dsp/bits/add_sub.hpp (and its plan: which layers qualify, the
// per-layer descriptor), on int32x4 vectors: VRMULH is SMMULR per lane, so each rescaling is
// VRMULH, VADD, VSUB (minus the sign bit), VSHL by -e. Four elements per pass, the last pass
// tail-predicated (VCTP); the clamp is VMAX/VMIN to the activation range (within int8).
#pragma once

#include "ctnn/kernels/arm_dsp/bits/add_sub.hpp"
#include "ctnn/kernels/isa.hpp"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

#include <arm_mve.h>

#include <cstdint>

namespace ctnn::arm_mve {

/// SRDHM then RoundingDivideByPOT (zero point folded into `nudge`) on 4 lanes, for 2x = x2.
[[gnu::always_inline]] inline int32x4_t rescale4(int32x4_t x2, int32x4_t m, std::int32_t nudge,
                                                 std::int32_t e) noexcept {
    const int32x4_t t = vrmulhq_s32(x2, m);
    const int32x4_t negative = vreinterpretq_s32_u32(vshrq_n_u32(vreinterpretq_u32_s32(t), 31));
    return vshlq_r_s32(vsubq_s32(vaddq_n_s32(t, nudge), negative), -e);
}

/// y[i] = clamp(rescale(rescale(a[i]) +/- rescale(b[i]))) for i < count, 4 at a time. y may be
/// a (each group of 4 is stored after it is loaded).
template <int Sign, int Min, int Max>
[[gnu::noinline]] void add_sub_lanes(const arm_dsp::add_sub_operands& operands, const std::int8_t* a,
                                     const std::int8_t* b, std::int8_t* y) noexcept {
    const arm_dsp::add_sub_operands op = operands;  // a local copy: the int8 stores cannot alias it
    const int32x4_t m1 = vdupq_n_s32(op.m1);
    const int32x4_t m2 = vdupq_n_s32(op.m2);
    const int32x4_t mo = vdupq_n_s32(op.mo);
    const int32x4_t lo = vdupq_n_s32(Min);
    const int32x4_t hi = vdupq_n_s32(Max);
    for (std::int32_t i = 0; i < op.count; i += 4) {
        const mve_pred16_t p = vctp32q(static_cast<std::uint32_t>(op.count - i));
        const int32x4_t qa = vldrbq_z_s32(a + i, p);
        const int32x4_t qb = vldrbq_z_s32(b + i, p);
        const int32x4_t sa = rescale4(vaddq_n_s32(vshlq_r_s32(qa, op.k1), op.offset1), m1, op.n1, op.e1);
        const int32x4_t sb = rescale4(vaddq_n_s32(vshlq_r_s32(qb, op.k2), op.offset2), m2, op.n2, op.e2);
        const int32x4_t raw = Sign > 0 ? vaddq_s32(sa, sb) : vsubq_s32(sa, sb);
        const int32x4_t v = rescale4(vaddq_s32(raw, raw), mo, op.no, op.eo);
        vstrbq_p_s32(y + i, vminq_s32(vmaxq_s32(v, lo), hi), p);
    }
}

/// The arm_mve kernel of ADD (Sign +1, Tag add_tag) or SUB (-1, sub_tag); layers the plan
/// declines run the arm_dsp kernel (which itself falls back to scalar).
template <class Tag, int Sign>
struct add_sub_kernel {
    template <class L>
    static constexpr bool specialized = arm_dsp::add_sub_plan<L>::fast;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            add_sub_lanes<Sign, L::range.min, L::range.max>(
                arm_dsp::add_sub_plan<L>::operands, static_cast<const std::int8_t*>(inputs[0]),
                static_cast<const std::int8_t*>(inputs[1]), static_cast<std::int8_t*>(output));
        } else {
            kernel<isa::arm_dsp, Tag>::template run<L>(inputs, output, scratch);
        }
    }
};

}  // namespace ctnn::arm_mve

#endif
