// ctnn/kernels/scalar/add.hpp — reference ADD, int8.
//
// The specification: TFLite's reference_integer_ops::AddFunc. Per element:
//   x_k  = (q_k - zero_point_k) << 20                  (|x_k| <= 255 * 2^20)
//   x_k' = x_k * input_k multiplier (rounding, shift <= 0)
//   y    = (x_1' + x_2') * output multiplier (rounding) + output zero point
//   y    = clamp(y, fused activation range)
#pragma once

#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/bits/elementwise.hpp"
#include "ctnn/ops/add.hpp"

namespace ctnn {

namespace scalar_bits {
/// One ADD (Sign = +1) or SUB (Sign = -1) element, as TFLite computes it.
template <class L, int Sign>
constexpr std::int8_t add_sub_element(std::int8_t a, std::int8_t b) noexcept {
    using fixed_point::multiply_by_quantized_multiplier_smaller_than_one_exp;
    const std::int32_t shifted_a = (L::input1_offset + a) * (std::int32_t{1} << L::left_shift);
    const std::int32_t shifted_b = (L::input2_offset + b) * (std::int32_t{1} << L::left_shift);
    const std::int32_t scaled_a = multiply_by_quantized_multiplier_smaller_than_one_exp(
        shifted_a, L::requant.input1.multiplier, L::requant.input1.shift);
    const std::int32_t scaled_b = multiply_by_quantized_multiplier_smaller_than_one_exp(
        shifted_b, L::requant.input2.multiplier, L::requant.input2.shift);
    const std::int32_t raw = Sign > 0 ? scaled_a + scaled_b : scaled_a - scaled_b;
    const std::int32_t y = multiply_by_quantized_multiplier_smaller_than_one_exp(raw, L::requant.output.multiplier,
                                                                                 L::requant.output.shift) +
                           L::output_offset;
    return static_cast<std::int8_t>(fixed_point::clamp(y, L::range.min, L::range.max));
}
}  // namespace scalar_bits

template <>
struct kernel<isa::scalar, add_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        scalar_bits::for_each_broadcast<L>(static_cast<const std::int8_t*>(inputs[0]),
                                           static_cast<const std::int8_t*>(inputs[1]),
                                           static_cast<std::int8_t*>(output), scalar_bits::add_sub_element<L, +1>);
    }
};

}  // namespace ctnn
