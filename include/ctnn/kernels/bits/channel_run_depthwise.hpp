// ctnn/kernels/bits/channel_run_depthwise.hpp — the DEPTHWISE_CONV_2D driver of the SIMD paths
// (x86 AVX2 and SSE4.1, AArch64 NEON): same arithmetic as kernels/scalar/depthwise_conv2d.hpp
// (the specification), bit for bit. Depth multiplier 1: per output pixel, the channels go in
// runs of `Wide`, then at most one run of each narrower width Wide/2, Wide/4, ... down to `Min`,
// then one channel at a time. A run accumulates, for every tap inside the image, the products
// of its channels' inputs (offset added) and filter values in int32 lanes; taps in the padding
// are skipped, as in the scalar kernel. Its requantization is the ISA's vector double rounding
// when the layer's constants allow it exactly (`Run<W>::vector_ok<L>`), else the scalar one.
// A layer with one input channel (any depth multiplier: MobileNet's first layer) runs as the
// CONV_2D it computes (bits/depthwise_as_conv.hpp) with the ISA's CONV_2D kernel `Conv`.
// Other depth multipliers above 1 and fewer than `Min` channels run the scalar kernel.
//
// `Run<W>` (W = Wide, Wide/2, ..., Min) holds the int32 accumulators of W channels, zero when
// constructed, and provides:
//   void mac(const std::int8_t* in, const std::int8_t* f, std::int16_t input_offset);
//     (W inputs and W filter values at consecutive channels)
//   template <class L> static constexpr bool vector_ok;
//   template <class L> void store(int c0, std::int8_t* out_px) const;   (when vector_ok)
//   void spill(std::int32_t* acc) const;                                (W values, otherwise)
// `Conv` is the ISA's CONV_2D kernel (with `specialized<L>` and `run<L>`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/kernels/bits/depthwise_as_conv.hpp"
#include "ctnn/kernels/bits/epilogue.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/depthwise_conv2d.hpp"

namespace ctnn::bits {

template <template <int> class Run, int Wide, int Min, class Conv>
struct channel_run_depthwise {
    template <class L>
    static constexpr bool runs = L::depth_multiplier == 1 && L::in_c >= Min;

    template <class L>
    static constexpr bool one_channel = [] {
        if constexpr (L::in_c == 1 && !runs<L>)
            return Conv::template specialized<depthwise_as_conv<L>>;
        else
            return false;
    }();

    /// Whether the SIMD code runs layer L (otherwise the scalar kernel does).
    template <class L>
    static constexpr bool specialized = runs<L> || one_channel<L>;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (one_channel<L>) {
            Conv::template run<depthwise_as_conv<L>>(inputs, output, scratch);
        } else if constexpr (runs<L>) {
            constexpr int C = L::in_c;
            const auto* x = static_cast<const std::int8_t*>(inputs[0]);
            auto* y = static_cast<std::int8_t*>(output);
            for (int b = 0; b < L::batches; ++b) {
                for (int oy = 0; oy < L::out_h; ++oy) {
                    const int iy0 = oy * L::stride_h - L::pad_top;
                    for (int ox = 0; ox < L::out_w; ++ox) {
                        const int ix0 = ox * L::stride_w - L::pad_left;
                        const std::int8_t* in_px = x + b * L::in_h * L::in_w * C;
                        std::int8_t* out_px = y + ((b * L::out_h + oy) * L::out_w + ox) * C;
                        int c = 0;
                        for (; c + Wide <= C; c += Wide) channels<L, Wide>(in_px, iy0, ix0, c, out_px);
                        tails<L, Wide / 2>(in_px, iy0, ix0, c, out_px);
                        for (; c < C; ++c) channels<L, 1>(in_px, iy0, ix0, c, out_px);
                    }
                }
            }
        } else {
            kernel<isa::scalar, depthwise_conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }

private:
    /// One run of each width W, W/2, ... >= Min that the remaining channels still fill.
    template <class L, int W>
    [[gnu::always_inline]] static void tails(const std::int8_t* in, int iy0, int ix0, int& c,
                                             std::int8_t* out_px) noexcept {
        if constexpr (W >= Min && W >= 1) {
            if constexpr (L::in_c % (2 * W) >= W) {
                channels<L, W>(in, iy0, ix0, c, out_px);
                c += W;
            }
            tails<L, W / 2>(in, iy0, ix0, c, out_px);
        }
    }

    /// Channels c .. c + W - 1 of one output pixel; W == 1: the scalar loop.
    template <class L, int W>
    [[gnu::always_inline]] static void channels(const std::int8_t* in, int iy0, int ix0, int c,
                                                std::int8_t* out_px) noexcept {
        constexpr int C = L::in_c;
        constexpr std::int32_t input_offset = -L::input::q.zero_point;
        const std::int8_t* filter = std::data(L::filter);
        if constexpr (W == 1) {
            std::int32_t a = 0;
            for (int ky = 0; ky < L::kernel_h; ++ky) {
                const int iy = iy0 + ky * L::dilation_h;
                if (iy < 0 || iy >= L::in_h) continue;
                for (int kx = 0; kx < L::kernel_w; ++kx) {
                    const int ix = ix0 + kx * L::dilation_w;
                    if (ix < 0 || ix >= L::in_w) continue;
                    a += static_cast<std::int32_t>(filter[(ky * L::kernel_w + kx) * C + c]) *
                         (static_cast<std::int32_t>(in[(iy * L::in_w + ix) * C + c]) + input_offset);
                }
            }
            out_px[c] = requantize<L>(a, c);
        } else {
            Run<W> acc;
            for (int ky = 0; ky < L::kernel_h; ++ky) {
                const int iy = iy0 + ky * L::dilation_h;
                if (iy < 0 || iy >= L::in_h) continue;
                for (int kx = 0; kx < L::kernel_w; ++kx) {
                    const int ix = ix0 + kx * L::dilation_w;
                    if (ix < 0 || ix >= L::in_w) continue;
                    acc.mac(in + (iy * L::in_w + ix) * C + c, filter + (ky * L::kernel_w + kx) * C + c,
                            static_cast<std::int16_t>(input_offset));
                }
            }
            if constexpr (Run<W>::template vector_ok<L>) {
                acc.template store<L>(c, out_px);
            } else {
                alignas(32) std::int32_t a[static_cast<std::size_t>(W)];
                acc.spill(a);
                for (int i = 0; i < W; ++i) out_px[c + i] = requantize<L>(a[i], c + i);
            }
        }
    }
};

}  // namespace ctnn::bits
