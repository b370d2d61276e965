// ctnn/kernels/bits/patch_conv2d.hpp — the CONV_2D driver of the SIMD paths (x86 AVX2 and
// SSE4.1, AArch64 NEON): same arithmetic as kernels/scalar/conv2d.hpp (the specification), bit
// for bit. Output pixels are taken `Tile::pixels` at a time; each one's patch (kernel_h x
// kernel_w x in_c inputs, in the filter's OHWI order) is gathered into a stack buffer of
// `Tile::operand`, then the tile computes every output channel of those pixels against the
// filter rows the tile laid out at compile time, zero-padded to a multiple of 16 values.
// Integer sums are exact in any order, so the accumulators equal the scalar kernel's.
//
// Two kinds of patch:
//   - offset added (Tile::raw false): int16 values x + input_offset, in [-255, 255]; taps in
//     the padding are 0, which is the scalar kernel's "skip";
//   - raw (Tile::raw true): the int8 inputs themselves, the input offset folded into the bias at
//     compile time (bits/epilogue.hpp, folded_bias); taps in the padding hold the input zero
//     point, whose offset-added value is 0. A 1x1 convolution whose depth is a multiple of 16
//     needs no gather: its patch is the input pixel.
// Grouped convolutions and patches over 4096 values run the scalar kernel.
//
// `Tile` provides:
//   using operand = std::int16_t or std::int8_t;  static constexpr bool raw;  static constexpr int pixels;
//   template <int C> static void load_tap(operand* dst, const std::int8_t* src, std::int32_t input_offset);
//   template <class L> static const auto* weights();
//   template <class L, int P> static void compute(const operand* const* patches, const auto* w, std::int8_t* y);
//     (P <= pixels patches; the outputs of patch p go to y + p * out_c)
#pragma once

#include <cstddef>
#include <cstdint>

#include "ctnn/kernels/bits/padded_rows.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"

namespace ctnn::bits {

template <class Tile>
struct patch_conv2d {
    template <class L>
    static constexpr int patch = L::kernel_h * L::kernel_w * L::filter_in_c;

    /// Whether the SIMD code runs layer L (otherwise the scalar kernel does).
    template <class L>
    static constexpr bool specialized = L::groups == 1 && patch<L> <= 4096;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            using T = typename Tile::operand;
            constexpr int K = patch<L>;
            constexpr int Kp = round_up16(K);
            constexpr int P = Tile::pixels;
            const auto* w = Tile::template weights<L>();
            const auto* x = static_cast<const std::int8_t*>(inputs[0]);
            auto* y = static_cast<std::int8_t*>(output);
            alignas(32) T buf[static_cast<std::size_t>(P)][static_cast<std::size_t>(Kp)];
            for (int p = 0; p < P; ++p)
                for (int k = K; k < Kp; ++k) buf[p][k] = 0;
            const T* patches[static_cast<std::size_t>(P)];
            constexpr int pixels = L::batches * L::out_h * L::out_w;
            int px = 0;
            for (; px + P <= pixels; px += P) {
                for (int p = 0; p < P; ++p) patches[p] = gather<L>(x, px + p, buf[p]);
                Tile::template compute<L, P>(patches, w, y + px * L::out_c);
            }
            for (; px < pixels; ++px) {
                patches[0] = gather<L>(x, px, buf[0]);
                Tile::template compute<L, 1>(patches, w, y + px * L::out_c);
            }
        } else {
            kernel<isa::scalar, conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }

private:
    /// A 1x1 convolution reads its raw patch in place (no padding: 1x1 windows never pad).
    template <class L>
    static constexpr bool in_place =
        Tile::raw && L::kernel_h == 1 && L::kernel_w == 1 && L::in_c % 16 == 0 && L::pad_top == 0 && L::pad_left == 0;

    /// The patch of output pixel `px` (flattened batch, row, column), in `dst` or in place.
    template <class L, class T>
    [[gnu::always_inline]] static const T* gather(const std::int8_t* x, int px, T* dst) noexcept {
        constexpr int C = L::in_c;
        constexpr std::int32_t input_offset = -L::input::q.zero_point;
        const int ox = px % L::out_w;
        const int oy = (px / L::out_w) % L::out_h;
        const int b = px / (L::out_w * L::out_h);
        const int iy0 = oy * L::stride_h - L::pad_top;
        const int ix0 = ox * L::stride_w - L::pad_left;
        if constexpr (in_place<L>) {
            return x + ((b * L::in_h + iy0) * L::in_w + ix0) * C;
        } else {
            // What a tap in the padding holds: its offset-added value is 0.
            constexpr T outside = Tile::raw ? static_cast<T>(L::input::q.zero_point) : T{0};
            T* d = dst;
            for (int ky = 0; ky < L::kernel_h; ++ky) {
                const int iy = iy0 + ky * L::dilation_h;
                for (int kx = 0; kx < L::kernel_w; ++kx, d += C) {
                    const int ix = ix0 + kx * L::dilation_w;
                    if (iy < 0 || iy >= L::in_h || ix < 0 || ix >= L::in_w) {
                        for (int i = 0; i < C; ++i) d[i] = outside;
                    } else {
                        Tile::template load_tap<C>(d, x + ((b * L::in_h + iy) * L::in_w + ix) * C, input_offset);
                    }
                }
            }
            return dst;
        }
    }
};

}  // namespace ctnn::bits
