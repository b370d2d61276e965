// ctnn/kernels/scalar/relu.hpp — reference RELU / RELU6 / RELU_N1_TO_1, int8.
//
// The specification: TFLite's ReluX (quantized), see ops/relu.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/relu.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, relu_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        constexpr std::int32_t in_zp = L::input::q.zero_point;
        constexpr std::int32_t out_zp = L::output::q.zero_point;
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        for (std::size_t i = 0; i < L::output::elements; ++i) {
            const std::int32_t v = out_zp + fixed_point::multiply_by_quantized_multiplier(x[i] - in_zp, L::multiplier);
            y[i] = static_cast<std::int8_t>(fixed_point::clamp(v, L::range.min, L::range.max));
        }
    }
};

}  // namespace ctnn
