// ctnn/kernels/arm_mve/conv2d.hpp — CONV_2D with Helium (MVE).
//
// Same arithmetic as kernels/scalar/conv2d.hpp (the specification), bit for bit. Variants:
//   - 1x1, stride 1, no padding, one group, out_c % 4 == 0: a GEMM over pixels; tiles of
//     2 pixels x 4 output channels, 16 depth values per VMLADAVA (the depth tail predicated),
//     the weights read in place (an interleaved copy would double the flash of a firmware that
//     also links the scalar kernels, as the model tests do),
//     the input offset folded into the bias at compile time, the 4 accumulators requantized
//     together (bits/requant.hpp) and stored with one narrowing VSTRB;
//   - everything else: the Arm DSP kernel (kernels/arm_dsp/conv2d.hpp), which itself falls back
//     to the scalar one.
//
// Visible only when the target has MVE (integer); elsewhere kernel<isa::arm_mve, conv2d_tag>
// falls back to arm_dsp (kernels/isa.hpp).
#pragma once

#include "ctnn/kernels/arm_dsp/conv2d.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"
#include "ctnn/ops/conv2d.hpp"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

#include <arm_mve.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <type_traits>

#include "ctnn/kernels/arm_mve/bits/requant.hpp"

namespace ctnn {

template <>
struct kernel<isa::arm_mve, conv2d_tag> {
    /// Whether the Helium GEMM runs layer L (otherwise the arm_dsp kernel does).
    template <class L>
    static constexpr bool specialized = L::groups == 1 && L::kernel_h == 1 && L::kernel_w == 1 &&
                                        L::stride_h == 1 && L::stride_w == 1 && L::pad_top == 0 &&
                                        L::pad_left == 0 && L::out_h == L::in_h && L::out_w == L::in_w &&
                                        L::out_c % 4 == 0 && L::filter_in_c == L::in_c;

    template <class L>
    static constexpr auto records = arm_mve::make_quad_records<static_cast<std::size_t>(L::out_c), L>(
        [](std::size_t c) {
            std::int64_t s = 0;
            for (std::size_t i = 0; i < static_cast<std::size_t>(L::in_c); ++i)
                s += std::data(L::filter)[c * static_cast<std::size_t>(L::in_c) + i];
            return s;
        },
        [](std::size_t c) -> std::int64_t {
            if constexpr (L::has_bias) return static_cast<std::int64_t>(std::data(L::bias)[c]);
            else return 0;
        });

    /// Adds the 4 channels' products of one 16-deep chunk of a pixel to a0..a3 (sets them: First).
    template <bool First>
    [[gnu::always_inline]] static void mac4(std::int32_t& a0, std::int32_t& a1, std::int32_t& a2, std::int32_t& a3,
                                            int8x16_t xv, int8x16_t w0, int8x16_t w1, int8x16_t w2,
                                            int8x16_t w3) noexcept {
        if constexpr (First) {
            a0 = vmladavq_s8(xv, w0);
            a1 = vmladavq_s8(xv, w1);
            a2 = vmladavq_s8(xv, w2);
            a3 = vmladavq_s8(xv, w3);
        } else {
            a0 = vmladavaq_s8(a0, xv, w0);
            a1 = vmladavaq_s8(a1, xv, w1);
            a2 = vmladavaq_s8(a2, xv, w2);
            a3 = vmladavaq_s8(a3, xv, w3);
        }
    }

    /// Requantizes a pixel's 4 accumulators (bias added) and stores them.
    template <class L>
    [[gnu::always_inline]] static void store4(std::int32_t a0, std::int32_t a1, std::int32_t a2, std::int32_t a3,
                                              int32x4_t bias, const arm_mve::quad_record& r, std::int8_t* yp) noexcept {
        int32x4_t acc = vdupq_n_s32(a0);
        acc = vsetq_lane_s32(a1, acc, 1);
        acc = vsetq_lane_s32(a2, acc, 2);
        acc = vsetq_lane_s32(a3, acc, 3);
        acc = vaddq_s32(acc, bias);
        acc = arm_mve::requantize4<L::output::q.zero_point, L::range.min, L::range.max,
                                           arm_mve::has_left_shift<L>()>(acc, r);
        vstrbq_s32(yp, acc);
    }

    /// NP pixels (1 or 2) x 4 output channels: the accumulators requantized and stored.
    template <class L, int NP>
    [[gnu::always_inline]] static void tile(const std::int8_t* px, const std::int8_t* wp, const arm_mve::quad_record& r,
                                            std::int8_t* yp) noexcept {
        constexpr int depth = L::in_c;
        constexpr int full = depth / 16;
        constexpr int tail = depth % 16;
        std::int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        const std::int8_t* xp = px;
        const auto chunk = [&]<bool First>(std::integral_constant<bool, First>) {
            const int8x16_t w0 = vldrbq_s8(wp);
            const int8x16_t w1 = vldrbq_s8(wp + depth);
            const int8x16_t w2 = vldrbq_s8(wp + 2 * depth);
            const int8x16_t w3 = vldrbq_s8(wp + 3 * depth);
            mac4<First>(a0, a1, a2, a3, vldrbq_s8(xp), w0, w1, w2, w3);
            if constexpr (NP == 2) mac4<First>(b0, b1, b2, b3, vldrbq_s8(xp + depth), w0, w1, w2, w3);
            xp += 16;
            wp += 16;
        };
        if constexpr (full > 0) chunk(std::true_type{});
        for (int d = 1; d < full; ++d) chunk(std::false_type{});
        if constexpr (tail != 0) {
            const mve_pred16_t pr = vctp8q(tail);
            const int8x16_t w0 = vldrbq_z_s8(wp, pr);
            const int8x16_t w1 = vldrbq_z_s8(wp + depth, pr);
            const int8x16_t w2 = vldrbq_z_s8(wp + 2 * depth, pr);
            const int8x16_t w3 = vldrbq_z_s8(wp + 3 * depth, pr);
            mac4<full == 0>(a0, a1, a2, a3, vldrbq_z_s8(xp, pr), w0, w1, w2, w3);
            if constexpr (NP == 2) mac4<full == 0>(b0, b1, b2, b3, vldrbq_z_s8(xp + depth, pr), w0, w1, w2, w3);
        }
        const int32x4_t bias = vldrwq_s32(r.bias);
        store4<L>(a0, a1, a2, a3, bias, r, yp);
        if constexpr (NP == 2) store4<L>(b0, b1, b2, b3, bias, r, yp + L::out_c);
    }

    template <class L>
    static void gemm(const std::int8_t* x, std::int8_t* y) noexcept {
        constexpr int depth = L::in_c;
        constexpr int pixels = L::batches * L::in_h * L::in_w;
        constexpr int quads = L::out_c / 4;
        constexpr int quad_bytes = 4 * depth;
        const std::int8_t* const wts = std::data(L::filter);
        const arm_mve::quad_record* const rec = records<L>.data();
        int p = 0;
        for (; p + 2 <= pixels; p += 2) {
            const std::int8_t* const px = x + p * depth;
            std::int8_t* const yp = y + p * L::out_c;
            for (int q = 0; q < quads; ++q) tile<L, 2>(px, wts + q * quad_bytes, rec[q], yp + 4 * q);
        }
        if constexpr (pixels % 2 != 0) {
            const std::int8_t* const px = x + p * depth;
            std::int8_t* const yp = y + p * L::out_c;
            for (int q = 0; q < quads; ++q) tile<L, 1>(px, wts + q * quad_bytes, rec[q], yp + 4 * q);
        }
    }

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            gemm<L>(static_cast<const std::int8_t*>(inputs[0]), static_cast<std::int8_t*>(output));
        } else {
            kernel<isa::arm_dsp, conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }
};

}  // namespace ctnn

#endif
