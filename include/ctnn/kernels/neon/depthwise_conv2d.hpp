// ctnn/kernels/neon/depthwise_conv2d.hpp — DEPTHWISE_CONV_2D with AArch64 NEON.
//
// Same arithmetic as kernels/scalar/depthwise_conv2d.hpp (the specification), bit for bit.
// Depth multiplier 1: per output pixel, channels in runs of 8 (then one at a time): for every
// tap inside the image the inputs are widened to int16 with the offset added ([-255, 255]) and
// multiply-accumulated with the widened filter into int32 lanes (SMLAL/SMLAL2). Taps in the
// padding are skipped, as in the scalar kernel. The requantization is the double rounding on
// 4 lanes (bits/requant.hpp), exact. Depth multipliers above 1 and fewer than 8 channels run
// the scalar kernel.
//
// Visible only when compiled for AArch64 with NEON (__aarch64__ and __ARM_NEON).
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/depthwise_conv2d.hpp"
#include "ctnn/ops/depthwise_conv2d.hpp"

#if defined(__aarch64__) && defined(__ARM_NEON)

#include <arm_neon.h>

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/neon/bits/requant.hpp"

namespace ctnn {

template <>
struct kernel<isa::neon, depthwise_conv2d_tag> {
    template <class L>
    static constexpr bool specialized = L::depth_multiplier == 1 && L::in_c >= 8;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            constexpr int C = L::in_c;
            constexpr std::int32_t input_offset = -L::input::q.zero_point;
            constexpr std::int32_t output_offset = L::output::q.zero_point;
            using table = neon::requant_table<L, L::out_c>;
            const auto* x = static_cast<const std::int8_t*>(inputs[0]);
            auto* y = static_cast<std::int8_t*>(output);
            const std::int8_t* filter = std::data(L::filter);
            const int16x8_t off = vdupq_n_s16(static_cast<std::int16_t>(input_offset));
            for (int b = 0; b < L::batches; ++b) {
                for (int oy = 0; oy < L::out_h; ++oy) {
                    const int iy0 = oy * L::stride_h - L::pad_top;
                    for (int ox = 0; ox < L::out_w; ++ox) {
                        const int ix0 = ox * L::stride_w - L::pad_left;
                        std::int8_t* out_px = y + ((b * L::out_h + oy) * L::out_w + ox) * C;
                        int c = 0;
                        for (; c + 8 <= C; c += 8) {
                            int32x4_t lo = vdupq_n_s32(0), hi = lo;
                            for (int ky = 0; ky < L::kernel_h; ++ky) {
                                const int iy = iy0 + ky * L::dilation_h;
                                if (iy < 0 || iy >= L::in_h) continue;
                                for (int kx = 0; kx < L::kernel_w; ++kx) {
                                    const int ix = ix0 + kx * L::dilation_w;
                                    if (ix < 0 || ix >= L::in_w) continue;
                                    const std::int8_t* in = x + ((b * L::in_h + iy) * L::in_w + ix) * C + c;
                                    const std::int8_t* f = filter + (ky * L::kernel_w + kx) * C + c;
                                    const int16x8_t xv = vaddq_s16(vmovl_s8(vld1_s8(in)), off);
                                    const int16x8_t fv = vmovl_s8(vld1_s8(f));
                                    lo = vmlal_s16(lo, vget_low_s16(xv), vget_low_s16(fv));
                                    hi = vmlal_high_s16(hi, xv, fv);
                                }
                            }
                            if constexpr (table::vector_ok) {
                                const int32x4_t r0 = neon::requant4<table>(lo, c, output_offset, L::range.min, L::range.max);
                                const int32x4_t r1 =
                                    neon::requant4<table>(hi, c + 4, output_offset, L::range.min, L::range.max);
                                vst1_s8(out_px + c, vqmovn_s16(vcombine_s16(vqmovn_s32(r0), vqmovn_s32(r1))));
                            } else {
                                std::int32_t acc[8];
                                vst1q_s32(acc, lo);
                                vst1q_s32(acc + 4, hi);
                                for (int i = 0; i < 8; ++i) finish<L>(acc[i], c + i, out_px, output_offset);
                            }
                        }
                        for (; c < C; ++c) {
                            std::int32_t a = 0;
                            for (int ky = 0; ky < L::kernel_h; ++ky) {
                                const int iy = iy0 + ky * L::dilation_h;
                                if (iy < 0 || iy >= L::in_h) continue;
                                for (int kx = 0; kx < L::kernel_w; ++kx) {
                                    const int ix = ix0 + kx * L::dilation_w;
                                    if (ix < 0 || ix >= L::in_w) continue;
                                    a += static_cast<std::int32_t>(filter[(ky * L::kernel_w + kx) * C + c]) *
                                         (static_cast<std::int32_t>(x[((b * L::in_h + iy) * L::in_w + ix) * C + c]) +
                                          input_offset);
                                }
                            }
                            finish<L>(a, c, out_px, output_offset);
                        }
                    }
                }
            }
        } else {
            kernel<isa::scalar, depthwise_conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }

private:
    template <class L>
    [[gnu::always_inline]] static void finish(std::int32_t a, int o, std::int8_t* out_px,
                                              std::int32_t output_offset) noexcept {
        if constexpr (L::has_bias) a += std::data(L::bias)[o];
        const requant r = L::requant[L::per_channel ? static_cast<std::size_t>(o) : 0];
        a = fixed_point::multiply_by_quantized_multiplier(a, r) + output_offset;
        out_px[o] = static_cast<std::int8_t>(fixed_point::clamp(a, L::range.min, L::range.max));
    }
};

}  // namespace ctnn

#endif
