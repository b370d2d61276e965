// ctnn/kernels/scalar/mul.hpp — reference MUL, int8.
//
// The specification: TFLite's reference_integer_ops::MulElementwise. Per element:
//   p = (q_1 - zero_point_1) * (q_2 - zero_point_2)    (|p| <= 255 * 255)
//   y = clamp(p * output multiplier (rounding) + output zero point, act range)
#pragma once

#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/bits/elementwise.hpp"
#include "ctnn/ops/mul.hpp"

namespace ctnn {

namespace scalar_bits {
template <class L>
constexpr std::int8_t mul_element(std::int8_t a, std::int8_t b) noexcept {
    const std::int32_t product = (L::input1_offset + a) * (L::input2_offset + b);
    const std::int32_t y = fixed_point::multiply_by_quantized_multiplier(product, L::output_requant) + L::output_offset;
    return static_cast<std::int8_t>(fixed_point::clamp(y, L::range.min, L::range.max));
}
}  // namespace scalar_bits

template <>
struct kernel<isa::scalar, mul_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        scalar_bits::for_each_broadcast<L>(static_cast<const std::int8_t*>(inputs[0]),
                                           static_cast<const std::int8_t*>(inputs[1]),
                                           static_cast<std::int8_t*>(output), scalar_bits::mul_element<L>);
    }
};

}  // namespace ctnn
