// ctnn/kernels/scalar/average_pool2d.hpp — reference AVERAGE_POOL_2D, int8.
//
// The specification: TFLite's reference_integer_ops::AveragePool. For each
// output (b, y, x, c), over the n taps of the window inside the image:
//   sum = sum of input[b, iy, ix, c]          (raw int8 values, int32)
//   avg = (sum + n/2) / n if sum > 0, else (sum - n/2) / n
//         (C++ division truncates: rounds half away from zero)
//   out = clamp(avg, act range)
#pragma once

#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/average_pool2d.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, average_pool2d_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        const auto max_of = [](int a, int b) { return a > b ? a : b; };
        const auto min_of = [](int a, int b) { return a < b ? a : b; };

        for (int b = 0; b < L::batches; ++b) {
            for (int oy = 0; oy < L::out_h; ++oy) {
                const int iy0 = oy * L::stride_h - L::pad_top;
                // The window clipped to the image: taps [ky_begin, ky_end).
                const int ky_begin = max_of(0, -iy0);
                const int ky_end = min_of(L::filter_h, L::in_h - iy0);
                for (int ox = 0; ox < L::out_w; ++ox) {
                    const int ix0 = ox * L::stride_w - L::pad_left;
                    const int kx_begin = max_of(0, -ix0);
                    const int kx_end = min_of(L::filter_w, L::in_w - ix0);
                    // SAME padding never exceeds the window, so count >= 1.
                    const std::int32_t count = (ky_end - ky_begin) * (kx_end - kx_begin);
                    for (int c = 0; c < L::channels; ++c) {
                        std::int32_t sum = 0;
                        for (int ky = ky_begin; ky < ky_end; ++ky)
                            for (int kx = kx_begin; kx < kx_end; ++kx)
                                sum += x[((b * L::in_h + iy0 + ky) * L::in_w + ix0 + kx) * L::channels + c];
                        const std::int32_t avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
                        y[((b * L::out_h + oy) * L::out_w + ox) * L::channels + c] =
                            static_cast<std::int8_t>(fixed_point::clamp(avg, L::range.min, L::range.max));
                    }
                }
            }
        }
    }
};

}  // namespace ctnn
