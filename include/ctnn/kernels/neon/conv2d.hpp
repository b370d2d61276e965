// ctnn/kernels/neon/conv2d.hpp — CONV_2D with AArch64 NEON.
//
// Same arithmetic as kernels/scalar/conv2d.hpp (the specification), bit for bit, through the
// patch driver shared with x86 (kernels/bits/patch_conv2d.hpp) and one of two tiles
// (bits/patch_dot.hpp):
//   - with the dot product (__ARM_FEATURE_DOTPROD): two output pixels' raw int8 patches (a 1x1
//     convolution of depth % 16 == 0 reads them in place) against the filter in the SDOT layout,
//     4 output channels per pass, each weight vector loaded once for both pixels; the input
//     offset is folded into the bias at compile time;
//   - otherwise (SMLAL): one pixel's int16 patch, input offset added, against 4 filter rows at
//     a time, zero-padded at compile time to a multiple of 16.
// The requantization is the double rounding on 4 lanes (bits/requant.hpp), exact, or the scalar
// one where the table cannot prove it.
// Grouped convolutions and patches over 4096 values run the scalar kernel.
//
// Visible only when compiled with AArch64 NEON (__aarch64__ and __ARM_NEON); elsewhere
// kernel<isa::neon, conv2d_tag> falls back to scalar (kernels/isa.hpp).
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"
#include "ctnn/ops/conv2d.hpp"

#if defined(__aarch64__) && defined(__ARM_NEON)

#include <arm_neon.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "ctnn/kernels/bits/epilogue.hpp"
#include "ctnn/kernels/bits/patch_conv2d.hpp"
#include "ctnn/kernels/neon/bits/patch_dot.hpp"
#include "ctnn/kernels/neon/bits/requant.hpp"

namespace ctnn {

namespace neon {

template <class L>
inline constexpr int conv_patch = L::kernel_h * L::kernel_w * L::filter_in_c;

/// Requantizes the 4 channels o .. o + 3 of P (1 or 2) pixels (acc[p]) and stores the first N.
template <class L, class Bias, int P, int N>
[[gnu::always_inline]] inline void store_channels(const int32x4_t* acc, int o, std::int8_t* y) noexcept {
    using table = requant_table<L, L::out_c, Bias>;
    if constexpr (table::vector_ok) {
        const auto rq = [o](int32x4_t a) {
            return vqmovn_s32(requant4<table>(a, o, L::output::q.zero_point, L::range.min, L::range.max));
        };
        const int16x4_t r0 = rq(acc[0]);
        int16x4_t r1 = r0;
        if constexpr (P == 2) r1 = rq(acc[1]);
        const int8x8_t bytes = vqmovn_s16(vcombine_s16(r0, r1));
        if constexpr (N == 4) {
            const std::int32_t lo = vget_lane_s32(vreinterpret_s32_s8(bytes), 0);
            std::memcpy(y + o, &lo, sizeof lo);
            if constexpr (P == 2) {
                const std::int32_t hi = vget_lane_s32(vreinterpret_s32_s8(bytes), 1);
                std::memcpy(y + L::out_c + o, &hi, sizeof hi);
            }
        } else {
            std::int8_t b[8];
            vst1_s8(b, bytes);
            for (int p = 0; p < P; ++p)
                for (int c = 0; c < N; ++c) y[p * L::out_c + o + c] = b[4 * p + c];
        }
    } else {
        for (int p = 0; p < P; ++p) {
            std::int32_t a[4];
            vst1q_s32(a, acc[p]);
            for (int c = 0; c < N; ++c) y[p * L::out_c + o + c] = bits::requantize<L, Bias>(a[c], o + c);
        }
    }
}

/// The CONV_2D tile without the dot product: one pixel's int16 patch x 4 channels (SMLAL).
struct smlal_tile {
    using operand = std::int16_t;
    static constexpr bool raw = false;
    static constexpr int pixels = 1;

    template <int C>
    [[gnu::always_inline]] static void load_tap(std::int16_t* dst, const std::int8_t* src, std::int32_t offset) noexcept {
        widen_offset<C>(dst, src, offset);
    }
    template <class L>
    static const std::int8_t* weights() noexcept {
        return std::data(padded_rows<L::out_c, conv_patch<L>, round_up16(conv_patch<L>), L::filter>);
    }
    template <class L, int P>
    [[gnu::always_inline]] static void compute(const std::int16_t* const* patches, const std::int8_t* w,
                                               std::int8_t* y) noexcept {
        int o = 0;
        for (; o + 4 <= L::out_c; o += 4) channels<L, 4>(patches[0], w, o, y);
        if constexpr (L::out_c % 4 != 0) channels<L, L::out_c % 4>(patches[0], w, o, y);
    }

private:
    template <class L, int N>
    [[gnu::always_inline]] static void channels(const std::int16_t* patch, const std::int8_t* w, int o,
                                                std::int8_t* y) noexcept {
        constexpr int Kp = round_up16(conv_patch<L>);
        alignas(16) std::int32_t a[4];
        dot_rows<Kp, N>(patch, w + o * Kp, a);
        const int32x4_t acc = vld1q_s32(a);
        store_channels<L, bits::layer_bias<L>, 1, N>(&acc, o, y);
    }
};

#if defined(__ARM_FEATURE_DOTPROD)

/// The CONV_2D tile with the dot product: two pixels' raw int8 patches x 4 channels (SDOT).
struct sdot_tile {
    using operand = std::int8_t;
    static constexpr bool raw = true;
    static constexpr int pixels = 2;

    template <int C>
    [[gnu::always_inline]] static void load_tap(std::int8_t* dst, const std::int8_t* src, std::int32_t) noexcept {
        copy_bytes<C>(dst, src);
    }
    template <class L>
    static const std::int8_t* weights() noexcept {
        return std::data(sdot_rows<L::out_c, conv_patch<L>, round_up16(conv_patch<L>), L::filter>);
    }
    template <class L, int P>
    [[gnu::always_inline]] static void compute(const std::int8_t* const* patches, const std::int8_t* w,
                                               std::int8_t* y) noexcept {
        int o = 0;
        for (; o + 4 <= L::out_c; o += 4) channels<L, P, 4>(patches, w, o, y);
        if constexpr (L::out_c % 4 != 0) channels<L, P, L::out_c % 4>(patches, w, o, y);
    }

private:
    template <class L>
    using bias = bits::folded_bias<L, L::out_c, conv_patch<L>, L::filter>;

    template <class L, int P, int N>
    [[gnu::always_inline]] static void channels(const std::int8_t* const* patches, const std::int8_t* w, int o,
                                                std::int8_t* y) noexcept {
        constexpr int Kp = round_up16(conv_patch<L>);
        int32x4_t acc[static_cast<std::size_t>(P)];
        sdot_group<Kp, P>(patches, w + o * Kp, acc);
        store_channels<L, bias<L>, P, N>(acc, o, y);
    }
};

using conv_tile = sdot_tile;
#else
using conv_tile = smlal_tile;
#endif

}  // namespace neon

template <>
struct kernel<isa::neon, conv2d_tag> : bits::patch_conv2d<neon::conv_tile> {};

}  // namespace ctnn

#endif
