// ctnn/kernels/neon/depthwise_conv2d.hpp — DEPTHWISE_CONV_2D with AArch64 NEON.
//
// Same arithmetic as kernels/scalar/depthwise_conv2d.hpp (the specification), bit for bit,
// through the channel-run driver shared with x86 (kernels/bits/channel_run_depthwise.hpp): depth
// multiplier 1, per output pixel the channels in runs of 16, then 8, then 4, then one at a time.
// For every tap inside the image a run widens its inputs to int16 with the offset added
// ([-255, 255]) and multiply-accumulates them with the widened filter into int32 lanes
// (SMLAL/SMLAL2). Taps in the padding are skipped, as in the scalar kernel. The requantization
// is the double rounding on 4 lanes (bits/requant.hpp), exact. A layer with one input channel
// (any depth multiplier) runs as the CONV_2D it computes, with this ISA's CONV_2D kernel
// (neon/conv2d.hpp: SDOT with the dot product). Other depth multipliers above 1 and fewer than
// 4 channels run the scalar kernel.
//
// The channel runs do not use the dot product (SDOT): it sums 4 products into a lane, which
// suits the taps of one channel, not the channels of one tap that are laid out consecutively;
// regrouping every pixel's 9 taps per channel would cost about what SDOT saves.
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
#include <cstring>

#include "ctnn/kernels/bits/channel_run_depthwise.hpp"
#include "ctnn/kernels/neon/bits/requant.hpp"
#include "ctnn/kernels/neon/conv2d.hpp"

namespace ctnn {

namespace neon {

/// Runs of W = 16, 8 or 4 channels: W / 4 int32x4 accumulators.
template <int W>
struct depthwise_run {
    static constexpr std::size_t n = static_cast<std::size_t>(W / 4);
    int32x4_t a[n];

    depthwise_run() noexcept {
        for (std::size_t i = 0; i < n; ++i) a[i] = vdupq_n_s32(0);
    }

    template <class L>
    using table = requant_table<L, L::out_c>;
    template <class L>
    static constexpr bool vector_ok = table<L>::vector_ok;

    [[gnu::always_inline]] void mac(const std::int8_t* in, const std::int8_t* f, std::int16_t offset) noexcept {
        const int16x8_t off = vdupq_n_s16(offset);
        if constexpr (W == 16) {
            const int8x16_t xv = vld1q_s8(in);
            const int8x16_t fv = vld1q_s8(f);
            const int16x8_t x_lo = vaddq_s16(vmovl_s8(vget_low_s8(xv)), off);
            const int16x8_t x_hi = vaddq_s16(vmovl_high_s8(xv), off);
            const int16x8_t f_lo = vmovl_s8(vget_low_s8(fv));
            const int16x8_t f_hi = vmovl_high_s8(fv);
            a[0] = vmlal_s16(a[0], vget_low_s16(x_lo), vget_low_s16(f_lo));
            a[1] = vmlal_high_s16(a[1], x_lo, f_lo);
            a[2] = vmlal_s16(a[2], vget_low_s16(x_hi), vget_low_s16(f_hi));
            a[3] = vmlal_high_s16(a[3], x_hi, f_hi);
        } else if constexpr (W == 8) {
            const int16x8_t xv = vaddq_s16(vmovl_s8(vld1_s8(in)), off);
            const int16x8_t fv = vmovl_s8(vld1_s8(f));
            a[0] = vmlal_s16(a[0], vget_low_s16(xv), vget_low_s16(fv));
            a[1] = vmlal_high_s16(a[1], xv, fv);
        } else {
            static_assert(W == 4);
            std::int32_t x4, f4;
            std::memcpy(&x4, in, sizeof x4);
            std::memcpy(&f4, f, sizeof f4);
            const int16x4_t xv = vadd_s16(vget_low_s16(vmovl_s8(vreinterpret_s8_s32(vdup_n_s32(x4)))), vget_low_s16(off));
            const int16x4_t fv = vget_low_s16(vmovl_s8(vreinterpret_s8_s32(vdup_n_s32(f4))));
            a[0] = vmlal_s16(a[0], xv, fv);
        }
    }

    template <class L>
    [[gnu::always_inline]] void store(int c0, std::int8_t* out_px) const noexcept {
        int16x4_t r[n];
        for (std::size_t i = 0; i < n; ++i)
            r[i] = vqmovn_s32(requant4<table<L>>(a[i], c0 + 4 * static_cast<int>(i), L::output::q.zero_point, L::range.min, L::range.max));
        if constexpr (W == 16) {
            vst1q_s8(out_px + c0, vcombine_s8(vqmovn_s16(vcombine_s16(r[0], r[1])), vqmovn_s16(vcombine_s16(r[2], r[3]))));
        } else if constexpr (W == 8) {
            vst1_s8(out_px + c0, vqmovn_s16(vcombine_s16(r[0], r[1])));
        } else {
            const std::int32_t bytes = vget_lane_s32(vreinterpret_s32_s8(vqmovn_s16(vcombine_s16(r[0], r[0]))), 0);
            std::memcpy(out_px + c0, &bytes, sizeof bytes);
        }
    }

    [[gnu::always_inline]] void spill(std::int32_t* acc) const noexcept {
        for (std::size_t i = 0; i < n; ++i) vst1q_s32(acc + 4 * i, a[i]);
    }
};

}  // namespace neon

template <>
struct kernel<isa::neon, depthwise_conv2d_tag> : bits::channel_run_depthwise<neon::depthwise_run, 16, 4, kernel<isa::neon, conv2d_tag>> {};

}  // namespace ctnn

#endif
