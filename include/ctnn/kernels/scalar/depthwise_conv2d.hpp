// ctnn/kernels/scalar/depthwise_conv2d.hpp — reference DEPTHWISE_CONV_2D, int8.
//
// The specification: TFLite's reference_integer_ops::DepthwiseConvPerChannel.
// For each output (b, y, x, o) with o = c * M + m, in int32:
//   acc = sum over taps (ky, kx) inside the image
//           filter[0, ky, kx, o] * (input[b, iy, ix, c] - input_zero_point)
//         with iy = y*stride_h - pad_top + ky*dilation_h (ix likewise)
//   acc += bias[o]
//   out = clamp(requantize(acc, requant[o]) + output_zero_point, act range)
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/depthwise_conv2d.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, depthwise_conv2d_tag> {
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
                    for (int c = 0; c < L::in_c; ++c) {
                        for (int m = 0; m < L::depth_multiplier; ++m) {
                            const int o = c * L::depth_multiplier + m;
                            std::int32_t acc = 0;
                            for (int ky = 0; ky < L::kernel_h; ++ky) {
                                const int iy = iy0 + ky * L::dilation_h;
                                if (iy < 0 || iy >= L::in_h) continue;
                                for (int kx = 0; kx < L::kernel_w; ++kx) {
                                    const int ix = ix0 + kx * L::dilation_w;
                                    if (ix < 0 || ix >= L::in_w) continue;
                                    const std::int32_t in_val = x[((b * L::in_h + iy) * L::in_w + ix) * L::in_c + c];
                                    const std::int32_t f_val = filter[(ky * L::kernel_w + kx) * L::out_c + o];
                                    acc += f_val * (in_val + input_offset);
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
    }
};

}  // namespace ctnn
