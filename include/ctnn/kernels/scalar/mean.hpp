// ctnn/kernels/scalar/mean.hpp — reference MEAN, int8.
//
// The specification: TFLite's reference_ops::QuantizedMeanOrSum (the path the
// TFLite interpreter's reference MEAN takes for int8, any axes). For each
// output element, over the n input elements it averages:
//   sum = sum of input values (raw int8, int32)
//   out = clamp(requantize(sum - n * input_zero_point, mean_requant)
//               + output_zero_point, [-128, 127])
// mean_requant (ops/mean.hpp) holds in_scale / (n * out_scale).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/mean.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, mean_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        constexpr std::int32_t count = static_cast<std::int32_t>(L::reduced_count);
        constexpr std::int32_t input_offset = count * L::input::q.zero_point;
        constexpr std::int32_t output_offset = L::output::q.zero_point;
        constexpr std::size_t kept_rank = L::kept_rank;
        constexpr std::size_t reduced_rank = L::reduced_rank;

        // Output elements enumerate the kept dimensions in row-major order.
        for (std::size_t o = 0; o < L::output::elements; ++o) {
            int base = 0;
            std::size_t rest = o;
            for (std::size_t k = kept_rank; k-- > 0;) {
                const auto d = static_cast<std::size_t>(L::kept_dims[k]);
                base += static_cast<int>(rest % d) * L::kept_strides[k];
                rest /= d;
            }
            // Walk the reduced dimensions like an odometer (last fastest).
            std::array<int, reduced_rank> idx{};
            int offset = 0;
            std::int32_t sum = 0;
            for (std::int32_t r = 0; r < count; ++r) {
                sum += x[base + offset];
                for (std::size_t k = reduced_rank; k-- > 0;) {
                    offset += L::reduced_strides[k];
                    if (++idx[k] < L::reduced_dims[k]) break;
                    offset -= L::reduced_strides[k] * L::reduced_dims[k];
                    idx[k] = 0;
                }
            }
            const std::int32_t v =
                fixed_point::multiply_by_quantized_multiplier(sum - input_offset, L::requant) + output_offset;
            y[o] = static_cast<std::int8_t>(fixed_point::clamp(v, -128, 127));
        }
    }
};

}  // namespace ctnn
