// ctnn/kernels/arm_mve/depthwise_conv2d.hpp — DEPTHWISE_CONV_2D with Helium (MVE).
//
// Same arithmetic as kernels/scalar/depthwise_conv2d.hpp (the specification), bit for bit.
// Variants:
//   - one input channel (MobileNet's first layer, micro_speech's 10x8): the CONV_2D it computes
//     (bits/depthwise_as_conv.hpp: the filter transposed at compile time), run by the Helium
//     patch tiles of arm_mve/conv2d.hpp;
//   - any kernel size, stride, dilation and padding, with out_c % 4 == 0 and either depth
//     multiplier 1 (4 channels per int32x4 vector, input widened by VLDRB.S32) or a depth
//     multiplier that is a multiple of 4 and at most 3x3 taps (the 4 output channels share one
//     input channel: VMLA by a scalar). The input offset is folded into the bias at compile time (offset * the sum of
// all taps' weights), so a tap adds w * x; a tap in the padding then adds w * zero_point,
// which cancels its share of the folded offset (w * (zero_point - zero_point) = 0, the
// specification's skipped tap). Weights are reordered at compile time so that each group of
// 4 channels reads its taps consecutively. Interior pixels (every tap inside the image) run
// an unrolled pass without bounds checks, two adjacent ones at a time with multiplier 1 (each
// weight vector loaded once); border pixels check each tap. Other layers: the arm_dsp kernel.
//
// Visible only when the target has MVE (integer); elsewhere kernel<isa::arm_mve,
// depthwise_conv2d_tag> falls back to arm_dsp (kernels/isa.hpp).
#pragma once

#include "ctnn/kernels/arm_dsp/depthwise_conv2d.hpp"
#include "ctnn/kernels/arm_mve/conv2d.hpp"
#include "ctnn/kernels/bits/depthwise_as_conv.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/depthwise_conv2d.hpp"
#include "ctnn/ops/depthwise_conv2d.hpp"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

#include <arm_mve.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/kernels/arm_mve/bits/requant.hpp"

namespace ctnn {

template <>
struct kernel<isa::arm_mve, depthwise_conv2d_tag> {
    /// Whether layer L (one input channel) runs as the CONV_2D it computes.
    template <class L>
    static constexpr bool as_conv = [] {
        if constexpr (L::in_c == 1) return kernel<isa::arm_mve, conv2d_tag>::specialized<bits::depthwise_as_conv<L>>;
        else return false;
    }();

    /// Whether the Helium kernel runs layer L (otherwise the arm_dsp kernel does).
    template <class L>
    static constexpr bool specialized =
        as_conv<L> ||
        (L::out_c % 4 == 0 &&
         (L::depth_multiplier == 1 || (L::depth_multiplier % 4 == 0 && L::kernel_h * L::kernel_w <= 9)));

    template <class L>
    static constexpr std::size_t taps = static_cast<std::size_t>(L::kernel_h * L::kernel_w);

    template <class L>
    static constexpr auto records = arm_mve::make_quad_records<static_cast<std::size_t>(L::out_c), L>(
        [](std::size_t c) {
            std::int64_t s = 0;
            for (std::size_t t = 0; t < taps<L>; ++t) s += std::data(L::filter)[t * static_cast<std::size_t>(L::out_c) + c];
            return s;
        },
        [](std::size_t c) -> std::int64_t {
            if constexpr (L::has_bias) return static_cast<std::int64_t>(std::data(L::bias)[c]);
            else return 0;
        });

    /// Weights as [out_c / 4][tap][4].
    template <class L>
    static constexpr auto weights = [] {
        constexpr std::size_t oc = static_cast<std::size_t>(L::out_c);
        std::array<std::int8_t, oc * taps<L>> w{};
        for (std::size_t q = 0; q < oc / 4; ++q)
            for (std::size_t t = 0; t < taps<L>; ++t)
                for (std::size_t l = 0; l < 4; ++l) w[(q * taps<L> + t) * 4 + l] = std::data(L::filter)[t * oc + q * 4 + l];
        return w;
    }();

    template <class L, bool Interior>
    [[gnu::always_inline]] static int32x4_t taps_of(int32x4_t acc, const std::int8_t* x, const std::int8_t* wq, int iy0,
                                                   int ix0, int base, int c) noexcept {
        constexpr std::int32_t zp = L::input::q.zero_point;
#pragma GCC unroll 5
        for (int ky = 0; ky < L::kernel_h; ++ky) {
            const int iy = iy0 + ky * L::dilation_h;
#pragma GCC unroll 5
            for (int kx = 0; kx < L::kernel_w; ++kx) {
                const int ix = ix0 + kx * L::dilation_w;
                const int32x4_t wv = vldrbq_s32(wq);
                wq += 4;
                const bool inside = Interior || (iy >= 0 && iy < L::in_h && ix >= 0 && ix < L::in_w);
                const int idx = (base + iy * L::in_w + ix) * L::in_c + c;
                if constexpr (L::depth_multiplier == 1) {
                    const int32x4_t xv = inside ? vldrbq_s32(x + idx) : vdupq_n_s32(zp);
                    acc = vaddq_s32(acc, vmulq_s32(xv, wv));  // MVE has no vector-by-vector VMLA
                } else {
                    const std::int32_t xs = inside ? static_cast<std::int32_t>(x[idx]) : zp;
                    acc = vmlaq_n_s32(acc, wv, xs);
                }
            }
        }
        return acc;
    }

    /// All output channels of one interior pixel (every tap inside the image): xp points at the
    /// top-left tap's channel 0, yp at the pixel's output.
    template <class L>
    [[gnu::noinline]] static void interior_pixel(const std::int8_t* xp, std::int8_t* yp) noexcept {
        constexpr int quads = L::out_c / 4;
        constexpr int row_step = L::dilation_h * L::in_w * L::in_c;
        constexpr int col_step = L::dilation_w * L::in_c;
        const arm_mve::quad_record* r = records<L>.data();
        const std::int8_t* wq = weights<L>.data();
        for (int q = 0; q < quads; ++q) {
            const std::int8_t* const xc = xp + (4 * q) / L::depth_multiplier;
            int32x4_t acc = vldrwq_s32(r->bias);
#pragma GCC unroll 5
            for (int ky = 0; ky < L::kernel_h; ++ky) {
                const std::int8_t* const row = xc + ky * row_step;
#pragma GCC unroll 5
                for (int kx = 0; kx < L::kernel_w; ++kx) {
                    const int32x4_t wv = vldrbq_s32(wq);
                    wq += 4;
                    if constexpr (L::depth_multiplier == 1) {
                        acc = vaddq_s32(acc, vmulq_s32(vldrbq_s32(row + kx * col_step), wv));
                    } else {
                        acc = vmlaq_n_s32(acc, wv, static_cast<std::int32_t>(row[kx * col_step]));
                    }
                    // Keeps the taps in order: GCC otherwise computes all products first and
                    // spills them (8 Q registers).
                    asm volatile("" : "+w"(acc)::"memory");
                }
            }
            acc = arm_mve::requantize4<L::output::q.zero_point, L::range.min, L::range.max,
                                       arm_mve::has_left_shift<L>()>(acc, *r);
            vstrbq_s32(yp + 4 * q, acc);
            ++r;
        }
    }

    /// Two horizontally adjacent interior pixels (depth multiplier 1): each weight vector loaded
    /// once for both.
    template <class L>
    [[gnu::noinline]] static void interior_pair(const std::int8_t* xp, std::int8_t* yp) noexcept {
        constexpr int quads = L::out_c / 4;
        constexpr int row_step = L::dilation_h * L::in_w * L::in_c;
        constexpr int col_step = L::dilation_w * L::in_c;
        constexpr int next = L::stride_w * L::in_c;
        const arm_mve::quad_record* r = records<L>.data();
        const std::int8_t* wq = weights<L>.data();
        for (int q = 0; q < quads; ++q) {
            const std::int8_t* const xc = xp + 4 * q;
            int32x4_t acc0 = vldrwq_s32(r->bias);
            int32x4_t acc1 = acc0;
#pragma GCC unroll 5
            for (int ky = 0; ky < L::kernel_h; ++ky) {
                const std::int8_t* const row = xc + ky * row_step;
#pragma GCC unroll 5
                for (int kx = 0; kx < L::kernel_w; ++kx) {
                    const int32x4_t wv = vldrbq_s32(wq);
                    wq += 4;
                    acc0 = vaddq_s32(acc0, vmulq_s32(vldrbq_s32(row + kx * col_step), wv));
                    acc1 = vaddq_s32(acc1, vmulq_s32(vldrbq_s32(row + kx * col_step + next), wv));
                    asm volatile("" : "+w"(acc0), "+w"(acc1)::"memory");
                }
            }
            acc0 = arm_mve::requantize4<L::output::q.zero_point, L::range.min, L::range.max,
                                        arm_mve::has_left_shift<L>()>(acc0, *r);
            vstrbq_s32(yp + 4 * q, acc0);
            acc1 = arm_mve::requantize4<L::output::q.zero_point, L::range.min, L::range.max,
                                        arm_mve::has_left_shift<L>()>(acc1, *r);
            vstrbq_s32(yp + L::out_c + 4 * q, acc1);
            ++r;
        }
    }

    template <class L>
    static void dw(const std::int8_t* x, std::int8_t* y) noexcept {
        constexpr int quads = L::out_c / 4;
        constexpr std::int32_t zp = L::output::q.zero_point;
        const arm_mve::quad_record* const rec = records<L>.data();
        const std::int8_t* const wts = weights<L>.data();
        for (int b = 0; b < L::batches; ++b) {
            for (int oy = 0; oy < L::out_h; ++oy) {
                const int iy0 = oy * L::stride_h - L::pad_top;
                const bool rows_inside = iy0 >= 0 && iy0 + (L::kernel_h - 1) * L::dilation_h < L::in_h;
                for (int ox = 0; ox < L::out_w; ++ox) {
                    const int ix0 = ox * L::stride_w - L::pad_left;
                    if constexpr (L::depth_multiplier == 1) {
                        // This pixel and the next both interior: one pass.
                        if (rows_inside && ox + 1 < L::out_w && ix0 >= 0 &&
                            ix0 + L::stride_w + (L::kernel_w - 1) * L::dilation_w < L::in_w) {
                            interior_pair<L>(x + (b * L::in_h * L::in_w + iy0 * L::in_w + ix0) * L::in_c,
                                             y + ((b * L::out_h + oy) * L::out_w + ox) * L::out_c);
                            ++ox;
                            continue;
                        }
                    }
                    const bool interior = rows_inside && ix0 >= 0 && ix0 + (L::kernel_w - 1) * L::dilation_w < L::in_w;
                    std::int8_t* const yp = y + ((b * L::out_h + oy) * L::out_w + ox) * L::out_c;
                    const int base = b * L::in_h * L::in_w;
                    if (interior) {
                        interior_pixel<L>(x + (base + iy0 * L::in_w + ix0) * L::in_c, yp);
                        continue;
                    }
                    for (int q = 0; q < quads; ++q) {
                        const int c = (4 * q) / L::depth_multiplier;
                        const std::int8_t* const wq = wts + static_cast<std::size_t>(q) * taps<L> * 4;
                        int32x4_t acc = vldrwq_s32(rec[q].bias);
                        acc = taps_of<L, false>(acc, x, wq, iy0, ix0, base, c);
                        acc = arm_mve::requantize4<zp, L::range.min, L::range.max,
                                           arm_mve::has_left_shift<L>()>(acc, rec[q]);
                        vstrbq_s32(yp + 4 * q, acc);
                    }
                }
            }
        }
    }

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (as_conv<L>) {
            kernel<isa::arm_mve, conv2d_tag>::run<bits::depthwise_as_conv<L>>(inputs, output, scratch);
        } else if constexpr (specialized<L>) {
            dw<L>(static_cast<const std::int8_t*>(inputs[0]), static_cast<std::int8_t*>(output));
        } else {
            kernel<isa::arm_dsp, depthwise_conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }
};

}  // namespace ctnn

#endif
