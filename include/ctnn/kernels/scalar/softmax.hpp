// ctnn/kernels/scalar/softmax.hpp — reference SOFTMAX, int8 -> int8 or int16.
//
// The specification, row by row over the last axis ([rows, depth]), for an
// output type T of B bits (8 or 16; TFLite's Softmax<int8_t, T>):
// numerics::tflite_optimized — optimized_ops::Softmax with its float table:
//   m = max(x);  sum = sum_j table[m - x_j]  (float, in order)
//   y_j = clamp(round(table[m - x_j] * (1 / (sum * out_scale))) + out_zp, T)
// numerics::tflite, tflite_micro — reference_ops::Softmax (gemmlowp):
//   d_j = x_j - m; e_j = exp(d_j * beta * in_scale in Q5.26) as Q0.31, 0 if d_j < diff_min
//   s = sum_j e_j in Q12.19;  y_j = clamp(e_j * (1/s) / 2^(bits over unit + 31 - B) + min(T), T)
// Each row is read whole before any of it is written, and each y_j is
// written after x_j is read, so an int8 output may be the input's memory.
#pragma once

#include <cstdint>
#include <limits>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/core/fixed_point_math.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/softmax.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, softmax_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        using out_t = typename L::output::value_type;
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<out_t*>(output);
        for (int r = 0; r < L::rows; ++r) {
            if constexpr (L::uses_table) {
                row_float_table<L>(x + r * L::depth, y + r * L::depth);
            } else {
                row_fixed_point<L>(x + r * L::depth, y + r * L::depth);
            }
        }
    }

private:
    static std::int32_t row_max(const std::int8_t* x, int depth) noexcept {
        std::int32_t m = -128;
        for (int j = 0; j < depth; ++j) m = x[j] > m ? x[j] : m;
        return m;
    }

    template <class L, class T>
    static void row_float_table(const std::int8_t* x, T* y) noexcept {
        constexpr std::int32_t lo = std::numeric_limits<T>::min();
        constexpr std::int32_t hi = std::numeric_limits<T>::max();
        const std::int32_t m = row_max(x, L::depth);
        const auto exp_of = [m](std::int8_t v) { return L::exp_table[static_cast<std::size_t>(m - v)]; };
        float sum = 0.0f;
        for (int j = 0; j < L::depth; ++j) sum += exp_of(x[j]);
        // The same float operations, in the same order, as TFLite.
        const float inv_sum = 1.0f / (sum * L::output::q.scale());
        for (int j = 0; j < L::depth; ++j) {
            const std::int32_t q = fixed_point::round_half_away(exp_of(x[j]) * inv_sum) + L::output::q.zero_point;
            y[j] = static_cast<T>(fixed_point::clamp(q, lo, hi));
        }
    }

    template <class L, class T>
    static void row_fixed_point(const std::int8_t* x, T* y) noexcept {
        constexpr int accumulation_integer_bits = 12;
        constexpr int output_bits = 8 * static_cast<int>(sizeof(T));
        constexpr std::int32_t lo = std::numeric_limits<T>::min();
        constexpr std::int32_t hi = std::numeric_limits<T>::max();
        const std::int32_t m = row_max(x, L::depth);
        // exp(beta * in_scale * (x - max)) as Q0.31; the difference goes to
        // Q5.26 first. Recomputed in the second pass, as TFLite does.
        const auto exp_of = [m](std::int8_t v) {
            const std::int32_t diff = v - m;
            const std::int32_t scaled =
                fixed_point::multiply_by_quantized_multiplier_greater_than_one(
                    diff, L::fixed_params.input_beta.multiplier, L::fixed_params.input_beta.shift);
            return fixed_point::exp_on_negative_values(fixed<5>::from_raw(scaled));
        };

        fixed<accumulation_integer_bits> sum = fixed<accumulation_integer_bits>::zero();
        for (int j = 0; j < L::depth; ++j)
            if (x[j] - m >= L::fixed_params.diff_min) sum = sum + fixed_point::rescale<accumulation_integer_bits>(exp_of(x[j]));

        const fixed_point::reciprocal inv = fixed_point::get_reciprocal(sum.raw, accumulation_integer_bits);
        // 1/sum = scale * 2^-bits_over_unit; the output is Q0.B (T - min(T)).
        const int exponent = inv.num_bits_over_unit + 31 - output_bits;
        for (int j = 0; j < L::depth; ++j) {
            if (x[j] - m >= L::fixed_params.diff_min) {
                const std::int32_t unsat =
                    fixed_point::rounding_divide_by_pot((fixed<0>::from_raw(inv.scale) * exp_of(x[j])).raw, exponent);
                y[j] = static_cast<T>(fixed_point::clamp(unsat + lo, lo, hi));
            } else {
                y[j] = static_cast<T>(lo);
            }
        }
    }
};

}  // namespace ctnn
