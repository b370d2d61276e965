// ctnn/kernels/arm_dsp/fully_connected.hpp — FULLY_CONNECTED with the Arm DSP extension.
//
// Same arithmetic as kernels/scalar/fully_connected.hpp (the specification), bit for bit,
// including its single-rounding requantization. The input offset is folded into the bias at
// compile time (acc = bias + offset * sum_d w[u, d] + sum_d w[u, d] * x[d], exact in int32
// modular arithmetic), so both operands are widened with SXTB16 straight from memory and no
// buffer is needed: 4 units per pass, per 4 depth values 5 loads, 10 SXTB16 and 8 SMLADs
// (inline asm, 8 depth values per iteration: 1.5 instructions per MAC).
//
// Visible only when the target has the DSP extension (__ARM_FEATURE_DSP) and is little-endian.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"
#include "ctnn/ops/fully_connected.hpp"

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/arm_dsp/bits/simd.hpp"

namespace ctnn {
namespace arm_dsp {

template <class L>
struct fully_connected_gemv {
    static constexpr int depth = L::depth;
    static constexpr std::int32_t input_offset = -L::input::q.zero_point;

    /// bias[u] + input_offset * sum_d w[u, d], wrapping like int32 arithmetic.
    static constexpr auto folded_bias = [] {
        std::array<std::int32_t, static_cast<std::size_t>(L::units)> f{};
        for (int u = 0; u < L::units; ++u) {
            std::uint32_t s = 0;
            for (int d = 0; d < depth; ++d)
                s += static_cast<std::uint32_t>(static_cast<std::int32_t>(std::data(L::weights)[u * depth + d]));
            std::uint32_t b = static_cast<std::uint32_t>(input_offset) * s;
            if constexpr (L::has_bias) b += static_cast<std::uint32_t>(static_cast<std::int32_t>(std::data(L::bias)[u]));
            f[static_cast<std::size_t>(u)] = static_cast<std::int32_t>(b);
        }
        return f;
    }();

    template <int C>
    [[gnu::always_inline]] static void units(const std::int8_t* x, std::int8_t* y, int u0) noexcept {
        const std::int8_t* w = std::data(L::weights) + u0 * depth;
        std::int32_t acc[static_cast<std::size_t>(C)];
#pragma GCC unroll 4
        for (int c = 0; c < C; ++c) acc[c] = folded_bias[static_cast<std::size_t>(u0 + c)];
        const std::int8_t* xp = x;
        const std::int8_t* wp = w;
        if constexpr (C == 4 && depth / 8 > 0 && 3 * depth <= 4095) {
            // Two groups of 4 depth values (32 MACs) per iteration: 2 x 23 + 2 instructions.
            const std::int8_t* end = x + depth / 8 * 8;
            std::int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
            std::int32_t xw, xe, ww, t;
#define CTNN_ARM_DSP_FC_UNIT(a, off)                 \
    "ldr    %[ww], [%[wp], %[" off "]]\n\t"         \
    "sxtb16 %[t], %[ww]\n\t"                        \
    "smlad  %[" a "], %[xe], %[t], %[" a "]\n\t"    \
    "sxtb16 %[ww], %[ww], ror #8\n\t"               \
    "smlad  %[" a "], %[xw], %[ww], %[" a "]\n\t"
#define CTNN_ARM_DSP_FC_STEP                          \
    "ldr    %[xw], [%[xp]], #4\n\t"                 \
    "sxtb16 %[xe], %[xw]\n\t"                       \
    "sxtb16 %[xw], %[xw], ror #8\n\t"               \
    "ldr    %[ww], [%[wp]], #4\n\t"                 \
    "sxtb16 %[t], %[ww]\n\t"                        \
    "smlad  %[a0], %[xe], %[t], %[a0]\n\t"          \
    "sxtb16 %[ww], %[ww], ror #8\n\t"               \
    "smlad  %[a0], %[xw], %[ww], %[a0]\n\t"         \
    CTNN_ARM_DSP_FC_UNIT("a1", "o1") CTNN_ARM_DSP_FC_UNIT("a2", "o2") CTNN_ARM_DSP_FC_UNIT("a3", "o3")
            __asm__("1:\n\t" CTNN_ARM_DSP_FC_STEP CTNN_ARM_DSP_FC_STEP
                    "cmp    %[xp], %[end]\n\t"
                    "bne    1b\n\t"
                    : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [xp] "+r"(xp), [wp] "+r"(wp),
                      [xw] "=&r"(xw), [xe] "=&r"(xe), [ww] "=&r"(ww), [t] "=&r"(t)
                    : [end] "r"(end), [o1] "i"(depth - 4), [o2] "i"(2 * depth - 4), [o3] "i"(3 * depth - 4)
                    : "cc", "memory");
#undef CTNN_ARM_DSP_FC_STEP
#undef CTNN_ARM_DSP_FC_UNIT
            acc[0] = a0;
            acc[1] = a1;
            acc[2] = a2;
            acc[3] = a3;
        }
        constexpr int done = C == 4 && depth / 8 > 0 && 3 * depth <= 4095 ? depth / 8 * 2 : 0;
        for (int g = done; g < depth / 4; ++g, xp += 4, wp += 4) {
            const std::int32_t xw = load32(xp);
            const std::int32_t xe = sxtb16(xw);
            const std::int32_t xo = sxtb16_ror8(xw);
#pragma GCC unroll 4
            for (int c = 0; c < C; ++c) {
                const std::int32_t ww = load32(wp + c * depth);
                acc[c] = smlad(xe, sxtb16(ww), acc[c]);
                acc[c] = smlad(xo, sxtb16_ror8(ww), acc[c]);
            }
        }
        for (int d = depth / 4 * 4; d < depth; ++d)
#pragma GCC unroll 4
            for (int c = 0; c < C; ++c)
                acc[c] += static_cast<std::int32_t>(w[c * depth + d]) * static_cast<std::int32_t>(x[d]);
#pragma GCC unroll 4
        for (int c = 0; c < C; ++c) {
            const auto u = static_cast<std::size_t>(u0 + c);
            const requant r = L::requant[L::per_channel ? u : 0];
            const std::int32_t v =
                fixed_point::multiply_by_quantized_multiplier_single_round(acc[c], r) + L::output::q.zero_point;
            y[u] = static_cast<std::int8_t>(fixed_point::clamp(v, L::range.min, L::range.max));
        }
    }

    static void run(const std::int8_t* x, std::int8_t* y) noexcept {
        for (int b = 0; b < L::batches; ++b, x += depth, y += L::units) {
            int u = 0;
            for (; u + 4 <= L::units; u += 4) units<4>(x, y, u);
            if constexpr (L::units % 4 >= 2) {
                units<2>(x, y, u);
                u += 2;
            }
            if constexpr (L::units % 2 != 0) units<1>(x, y, u);
        }
    }
};

}  // namespace arm_dsp

template <>
struct kernel<isa::arm_dsp, fully_connected_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        arm_dsp::fully_connected_gemv<L>::run(static_cast<const std::int8_t*>(inputs[0]),
                                             static_cast<std::int8_t*>(output));
    }
};

}  // namespace ctnn

#endif
