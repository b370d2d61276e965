// ctnn/kernels/x86/conv2d.hpp — CONV_2D with AVX2 and with SSE4.1.
//
// Same arithmetic as kernels/scalar/conv2d.hpp (the specification), bit for bit. The shared
// driver (kernels/bits/patch_conv2d.hpp) gathers two output pixels' patches into int16 stack
// buffers with the input offset added (padded taps zero); the two-pixel tile below takes
// PMADDWD dot products of both with 4 output channels' filter rows at a time, widened to int16
// and zero-padded to a multiple of 16 at compile time, each weight vector loaded once for both
// pixels (bits/patch_dot.hpp: 32-byte vectors with AVX2, 16-byte with SSE4.1), then requantizes
// the 4 channels x 2 pixels with the vector double rounding (bits/requant.hpp), exact, or the
// scalar one where the table cannot prove it.
// Grouped convolutions and patches over 8 KiB of int16 (depth > 4096) run the scalar kernel.
//
// kernel<isa::avx2, conv2d_tag> is visible only when compiled with AVX2 (__AVX2__),
// kernel<isa::sse41, conv2d_tag> with SSE4.1 (__SSE4_1__); elsewhere they fall back
// (avx2 -> sse41 -> scalar, kernels/isa.hpp).
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"
#include "ctnn/ops/conv2d.hpp"

#if defined(__SSE4_1__)

#include <cstdint>
#include <iterator>

#include "ctnn/kernels/bits/epilogue.hpp"
#include "ctnn/kernels/bits/patch_conv2d.hpp"
#include "ctnn/kernels/x86/bits/patch_dot.hpp"

namespace ctnn {

namespace x86 {

/// The CONV_2D tile of the patch driver: two pixels x all output channels, 4 at a time.
template <class V>
struct two_pixel_tile {
    using operand = std::int16_t;
    static constexpr bool raw = false;
    static constexpr int pixels = 2;

    template <int C>
    [[gnu::always_inline]] static void load_tap(std::int16_t* dst, const std::int8_t* src, std::int32_t offset) noexcept {
        V::template widen_offset<C>(dst, src, offset);
    }

    template <class L>
    static constexpr int Kp = round_up16(L::kernel_h * L::kernel_w * L::filter_in_c);

    template <class L>
    static const std::int16_t* weights() noexcept {
        return std::data(padded_rows16<L::out_c, L::kernel_h * L::kernel_w * L::filter_in_c, Kp<L>, L::filter>);
    }

    template <class L, int P>
    [[gnu::always_inline]] static void compute(const std::int16_t* const* patches, const std::int16_t* w,
                                               std::int8_t* y) noexcept {
        int o = 0;
        for (; o + 4 <= L::out_c; o += 4) channels<L, P, 4>(patches, w, o, y);
        if constexpr (L::out_c % 4 != 0) channels<L, P, L::out_c % 4>(patches, w, o, y);
    }

private:
    /// Channels o .. o + N - 1 of the P (1 or 2) pixels.
    template <class L, int P, int N>
    [[gnu::always_inline]] static void channels(const std::int16_t* const* patches, const std::int16_t* w, int o,
                                                std::int8_t* y) noexcept {
        using table = typename V::template table<L, L::out_c>;
        alignas(32) std::int32_t acc[8];
        V::template dot_rows2<Kp<L>, N>(patches[0], patches[P - 1], w + o * Kp<L>, acc);
        if constexpr (table::vector_ok) {
            V::template requant_pairs<table>(acc, o, L::output::q.zero_point, L::range.min, L::range.max);
            for (int p = 0; p < P; ++p)
                for (int c = 0; c < N; ++c) y[p * L::out_c + o + c] = static_cast<std::int8_t>(acc[4 * p + c]);
        } else {
            for (int p = 0; p < P; ++p)
                for (int c = 0; c < N; ++c) y[p * L::out_c + o + c] = bits::requantize<L>(acc[4 * p + c], o + c);
        }
    }
};

}  // namespace x86

template <>
struct kernel<isa::sse41, conv2d_tag> : bits::patch_conv2d<x86::two_pixel_tile<x86::sse41_ops>> {};

#if defined(__AVX2__)
template <>
struct kernel<isa::avx2, conv2d_tag> : bits::patch_conv2d<x86::two_pixel_tile<x86::avx2_ops>> {};
#endif

}  // namespace ctnn

#endif  // __SSE4_1__
