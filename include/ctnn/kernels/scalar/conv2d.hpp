// ctnn/kernels/scalar/conv2d.hpp — reference CONV_2D, int8.
//
// The specification: TFLite's reference_integer_ops::ConvPerChannel (TFLite
// runs per-tensor int8 filters through it too, with the one scale broadcast
// to every channel). For each output (b, y, x, o), in int32:
//   acc = sum over taps (ky, kx) inside the image, i in o's group
//           filter[o, ky, kx, i] * (input[b, iy, ix, g*I + i] - input_zero_point)
//         with iy = y*stride_h - pad_top + ky*dilation_h (ix likewise)
//   acc += bias[o]
//   out = clamp(requantize(acc, requant[o]) + output_zero_point, act range)
// Taps in the padding are skipped (zero padding in real terms).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/conv2d.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, conv2d_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        const std::int8_t* filter = std::data(L::filter);
        constexpr std::int32_t input_offset = -L::input::q.zero_point;
        constexpr std::int32_t output_offset = L::output::q.zero_point;

        for (int b = 0; b < L::batches; ++b) {
            for (int oy = 0; oy < L::out_h; ++oy) {
                const int iy0 = oy * L::stride_h - L::pad_top;
                for (int ox = 0; ox < L::out_w; ++ox) {
                    const int ix0 = ox * L::stride_w - L::pad_left;
                    for (int o = 0; o < L::out_c; ++o) {
                        const int in_c0 = (o / L::out_c_per_group) * L::filter_in_c;
                        std::int32_t acc = 0;
                        for (int ky = 0; ky < L::kernel_h; ++ky) {
                            const int iy = iy0 + ky * L::dilation_h;
                            if (iy < 0 || iy >= L::in_h) continue;
                            for (int kx = 0; kx < L::kernel_w; ++kx) {
                                const int ix = ix0 + kx * L::dilation_w;
                                if (ix < 0 || ix >= L::in_w) continue;
                                const std::int8_t* in_px = x + ((b * L::in_h + iy) * L::in_w + ix) * L::in_c + in_c0;
                                const std::int8_t* f =
                                    filter + ((o * L::kernel_h + ky) * L::kernel_w + kx) * L::filter_in_c;
                                for (int i = 0; i < L::filter_in_c; ++i)
                                    acc += static_cast<std::int32_t>(f[i]) *
                                           (static_cast<std::int32_t>(in_px[i]) + input_offset);
                            }
                        }
                        if constexpr (L::has_bias) acc += std::data(L::bias)[o];
                        const requant r = L::requant[L::per_channel ? static_cast<std::size_t>(o) : 0];
                        acc = fixed_point::multiply_by_quantized_multiplier(acc, r) + output_offset;
                        y[((b * L::out_h + oy) * L::out_w + ox) * L::out_c + o] =
                            static_cast<std::int8_t>(fixed_point::clamp(acc, L::range.min, L::range.max));
                    }
                }
            }
        }
    }
};

}  // namespace ctnn
