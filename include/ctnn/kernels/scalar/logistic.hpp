// ctnn/kernels/scalar/logistic.hpp — reference LOGISTIC, int8 -> int8.
//
// numerics::tflite, tflite_optimized: y = table[x + 128], the interpreter's float sigmoid table.
// numerics::tflite_micro: TFLite's reference_integer_ops::Logistic:
//   d = x - in_zp; |d| >= radius saturates to -128 / 127; otherwise
//   y = clamp(RoundingDivideByPOT(logistic(d rescaled to Q4.27) in Q0.31, 23) - 128)
// Element-wise (each y_i written after x_i is read): may run in place.
#pragma once

#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/core/fixed_point_math.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/bits/lookup_unary.hpp"
#include "ctnn/ops/logistic.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, logistic_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        bits::lookup_unary<L>(inputs, output, [](std::int8_t v) { return fixed_point_value<L>(v); });
    }

private:
    template <class L>
    static std::int8_t fixed_point_value(std::int8_t v) noexcept {
        constexpr fixed_point::input_scaling s = L::scaling;
        const std::int32_t d = v - L::input::q.zero_point;
        if (d <= -s.range_radius) return -128;
        if (d >= s.range_radius) return 127;
        const std::int32_t in_q4 = fixed_point::multiply_by_quantized_multiplier(d, s.multiplier, s.left_shift);
        const std::int32_t out_q0 = fixed_point::logistic(fixed<4>::from_raw(in_q4)).raw;
        const std::int32_t out_q23 = fixed_point::rounding_divide_by_pot(out_q0, 31 - 8);  // Q0.31 -> Q0.8
        return static_cast<std::int8_t>(fixed_point::clamp(out_q23 - 128, -128, 127));
    }
};

}  // namespace ctnn
