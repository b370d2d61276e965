// ctnn/kernels/scalar/leaky_relu.hpp — reference LEAKY_RELU, int8.
//
// The specification: TFLite's reference_ops::QuantizeLeakyRelu, see
// ops/leaky_relu.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/leaky_relu.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, leaky_relu_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        constexpr std::int32_t in_zp = L::input::q.zero_point;
        constexpr std::int32_t out_zp = L::output::q.zero_point;
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        for (std::size_t i = 0; i < L::output::elements; ++i) {
            const std::int32_t centered = x[i] - in_zp;
            const requant r = centered >= 0 ? L::identity : L::alpha;
            const std::int32_t v = out_zp + fixed_point::multiply_by_quantized_multiplier(centered, r);
            y[i] = static_cast<std::int8_t>(fixed_point::clamp(v, -128, 127));
        }
    }
};

}  // namespace ctnn
