// ctnn/kernels/arm_mve/fully_connected.hpp — FULLY_CONNECTED with Helium (MVE).
//
// Same arithmetic as kernels/scalar/fully_connected.hpp (the specification), bit for bit,
// including its single-rounding requantization (bits/requant.hpp, single_rounding). The input
// offset is folded into the bias at compile time (bias + offset * sum_d w[u, d], wrapping like
// int32 arithmetic), so each unit is a plain dot product of the int8 input row with its int8
// weight row, read in place. Four units per pass: a tail-predicated low-overhead loop
// (DLSTP/LETP) over 16 depth values per iteration — one input load, four weight loads, four
// VMLADAVA (64 MACs in 10 instructions); the last iteration's inactive lanes are neither loaded
// nor accumulated. The four accumulators (the folded biases to start with) are then moved into
// one vector, requantized together and stored with one narrowing VSTRB. A unit count that is
// not a multiple of 4 ends with one more pass over the last four units (overlapping the
// previous pass; the overlapping outputs are stored twice, equal).
//
// Code size: the unit loop (gemv) is shared by every layer of the same requantization form
// (every shift negative, or every shift >= 0): one copy per model in practice. A layer hands
// it a constant descriptor in flash (fc_operands). Layers with fewer than 4 units, or whose
// channels mix both signs of shift, run the Arm DSP kernel.
//
// Visible only when the target has MVE (integer); elsewhere kernel<isa::arm_mve,
// fully_connected_tag> falls back to arm_dsp (kernels/isa.hpp).
#pragma once

#include "ctnn/kernels/arm_dsp/fully_connected.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"
#include "ctnn/ops/fully_connected.hpp"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

#include <arm_mve.h>

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/kernels/arm_mve/bits/requant.hpp"

namespace ctnn {
namespace arm_mve {

/// A FULLY_CONNECTED layer's operands for the shared unit loop: a constant descriptor in flash.
struct fc_operands {
    const std::int8_t* weights;   // [units][depth], read in place
    const quad_record* records;   // units / 4 quads, then the overlapping last quad if units % 4
    std::int32_t depth;
    std::int32_t units;           // >= 4
    output_params out;
};

/// The rest of the single rounding of q3 (multiplier and shift vectors from the record in
/// r12, the zero point in r1): see single_rounding in bits/requant.hpp.
#define CTNN_ARM_MVE_FC_RIGHT                                                                      \
    "vldrw.u32   q2, [r12, #16]\n\t"                                                               \
    "vqdmulh.s32 q3, q3, q2\n\t"                                                                   \
    "vldrw.u32   q2, [r12, #48]\n\t"                                                               \
    "vrshl.s32   q3, q3, q2\n\t"
#define CTNN_ARM_MVE_FC_LEFT                                                                       \
    "vldrw.u32   q2, [r12, #32]\n\t"                                                               \
    "vqshl.s32   q3, q3, q2\n\t"                                                                   \
    "vldrw.u32   q2, [r12, #16]\n\t"                                                               \
    "vqrdmulh.s32 q3, q3, q2\n\t"

/// The loop over groups of 4 units, from y to yend (see gemv). Per group: the row pointers
/// from the group's row 0 (r10) and the depth (r11), the folded biases into the accumulators
/// (r0, r2, r4, r6), a tail-predicated loop of 16 depth values per iteration (DLSTP/LETP: the
/// last iteration's inactive lanes are neither loaded nor accumulated), the 4 accumulators
/// into one vector, its requantization and one narrowing store (y in r7).
#define CTNN_ARM_MVE_FC_ASM(REQUANT)                                                               \
    __asm__ volatile(                                                                              \
        "ldr         r10, %[w]\n\t"                                                                \
        "ldr         r11, %[depth]\n\t"                                                            \
        "ldr         r12, %[rec]\n\t"                                                              \
        "ldr         r7, %[y]\n\t"                                                                 \
        "0:\n\t"                                                                                   \
        "ldr         r1, %[x]\n\t"                                                                 \
        "ldrd        r0, r2, [r12]\n\t"                                                            \
        "ldrd        r4, r6, [r12, #8]\n\t"                                                        \
        "mov         r3, r10\n\t"                                                                  \
        "add         r5, r3, r11\n\t"                                                              \
        "add         r8, r5, r11\n\t"                                                              \
        "add         r9, r8, r11\n\t"                                                              \
        "add         r10, r9, r11\n\t"                                                             \
        "dlstp.8     lr, r11\n"                                                                    \
        "1:\n\t"                                                                                   \
        "vldrb.8     q0, [r1], #16\n\t"                                                            \
        "vldrb.8     q1, [r3], #16\n\t"                                                            \
        "vmladava.s8 r0, q0, q1\n\t"                                                               \
        "vldrb.8     q2, [r5], #16\n\t"                                                            \
        "vmladava.s8 r2, q0, q2\n\t"                                                               \
        "vldrb.8     q1, [r8], #16\n\t"                                                            \
        "vmladava.s8 r4, q0, q1\n\t"                                                               \
        "vldrb.8     q2, [r9], #16\n\t"                                                            \
        "vmladava.s8 r6, q0, q2\n\t"                                                               \
        "letp        lr, 1b\n\t"                                                                   \
        "vmov        q3[2], q3[0], r0, r4\n\t"                                                     \
        "vmov        q3[3], q3[1], r2, r6\n\t"                                                     \
        REQUANT                                                                                    \
        "adds        r12, r12, #64\n\t"                                                            \
        "ldr         r1, %[zp]\n\t"                                                                \
        "vadd.i32    q3, q3, r1\n\t"                                                               \
        "vmax.s32    q3, q3, %q[lo]\n\t"                                                           \
        "vmin.s32    q3, q3, %q[hi]\n\t"                                                           \
        "vstrb.32    q3, [r7], #4\n\t"                                                             \
        "ldr         r1, %[yend]\n\t"                                                              \
        "cmp         r7, r1\n\t"                                                                   \
        "bne         0b\n\t"                                                                       \
        "str         r12, %[rec]\n\t"                                                              \
        : [rec] "+m"(rec)                                                                          \
        : [w] "m"(w), [depth] "m"(depth), [y] "m"(y), [yend] "m"(yend), [x] "m"(x),                \
          [zp] "m"(zero_point), [lo] "w"(lo), [hi] "w"(hi)                                         \
        : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "lr", "q0", "q1", \
          "q2", "q3", "cc", "memory");

/// y[u] for every unit of one input row x. One copy per requantization form K
/// (single_rounding), shared by every layer.
template <class K>
[[gnu::noinline]] void gemv(const std::int8_t* x, const fc_operands& op, std::int8_t* y) noexcept {
    const std::int32_t depth = op.depth;
    const int units = op.units;
#if !defined(__OPTIMIZE__)
    // The C++ form (unoptimized builds, where GCC keeps r7 as the frame pointer): the same sums.
    for (int g = 0; g < (units + 3) / 4; ++g) {
        const int u = 4 * g + 4 <= units ? 4 * g : units - 4;
        const quad_record& r = op.records[g];
        alignas(16) std::int32_t a[4] = {r.bias[0], r.bias[1], r.bias[2], r.bias[3]};
        for (int d = 0; d < depth; d += 16) {
            const mve_pred16_t p = vctp8q(static_cast<std::uint32_t>(depth - d));
            const int8x16_t xv = vldrbq_z_s8(x + d, p);
            for (int k = 0; k < 4; ++k)
                a[k] = vmladavaq_p_s8(a[k], xv, vldrbq_z_s8(op.weights + (u + k) * depth + d, p), p);
        }
        vstrbq_s32(y + u, K::apply(vldrwq_s32(a), r, op.out));
    }
#else
    const std::int32_t zero_point = op.out.zero_point;
    const int32x4_t lo = vdupq_n_s32(op.out.lo);
    const int32x4_t hi = vdupq_n_s32(op.out.hi);
    const quad_record* rec = op.records;
    const std::int8_t* w = op.weights;
    std::int8_t* yend = y + units / 4 * 4;
    for (bool last = units % 4 == 0;; last = true) {
        if constexpr (K::right_shifts)
            CTNN_ARM_MVE_FC_ASM(CTNN_ARM_MVE_FC_RIGHT)
        else
            CTNN_ARM_MVE_FC_ASM(CTNN_ARM_MVE_FC_LEFT)
        if (last) return;
        // The last 4 units (overlapping the previous group); their record follows.
        w = op.weights + (units - 4) * depth;
        y += units - 4;
        yend = y + 4;
    }
#endif
}

#undef CTNN_ARM_MVE_FC_ASM
#undef CTNN_ARM_MVE_FC_LEFT
#undef CTNN_ARM_MVE_FC_RIGHT

/// FULLY_CONNECTED layer L: its descriptor.
template <class L>
struct fully_connected_gemv {
    using kind = single_rounding<single_rounding_form<L>() == 1>;

    static constexpr auto records = make_quad_records<static_cast<std::size_t>(L::units), L>(
        [](std::size_t u) {
            std::int64_t s = 0;
            for (std::size_t d = 0; d < static_cast<std::size_t>(L::depth); ++d)
                s += std::data(L::weights)[u * static_cast<std::size_t>(L::depth) + d];
            return s;
        },
        [](std::size_t u) -> std::int64_t {
            if constexpr (L::has_bias) return static_cast<std::int64_t>(std::data(L::bias)[u]);
            else return 0;
        });
    static constexpr fc_operands operands{std::data(L::weights), records.data(), L::depth, L::units,
                                          output_params_of<L>};

    static void run(const std::int8_t* x, std::int8_t* y) noexcept {
        for (int b = 0; b < L::batches; ++b, x += L::depth, y += L::units) gemv<kind>(x, operands, y);
    }
};

}  // namespace arm_mve

template <>
struct kernel<isa::arm_mve, fully_connected_tag> {
    /// Whether the Helium kernel runs layer L (otherwise the arm_dsp kernel does).
    template <class L>
    static constexpr bool specialized = L::units >= 4 && arm_mve::single_rounding_form<L>() >= 0;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            arm_mve::fully_connected_gemv<L>::run(static_cast<const std::int8_t*>(inputs[0]),
                                                  static_cast<std::int8_t*>(output));
        } else {
            kernel<isa::arm_dsp, fully_connected_tag>::run<L>(inputs, output, scratch);
        }
    }
};

}  // namespace ctnn

#endif
