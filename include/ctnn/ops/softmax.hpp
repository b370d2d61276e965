// ctnn/ops/softmax.hpp — SOFTMAX, int8 -> int8 or int8 -> int16, over the last axis.
//
//   ctnn::softmax<ctnn::from<3>, ctnn::softmax_params{.beta = 1.0f}, ctnn::quant{1.0f / 256, -128}>
//   ctnn::softmax<ctnn::from<3>, ctnn::softmax_params{}, ctnn::quant{1.0f / 65536, -32768}, std::int16_t>
//
// Two algorithms (see core/fixed_point_math.hpp):
// - fixed point, for numerics::tflite (the default: the interpreter's
//   BUILTIN_REF kernel) and numerics::tflite_micro, which agree:
//   reference_ops::Softmax — the input difference to the row max, rescaled by
//   beta * input_scale to Q5.26, gemmlowp's fixed-point exp, a Q12.19 sum and
//   a fixed-point reciprocal. No flash beyond two integers.
// - float table, for numerics::tflite_optimized (the interpreter's builtin,
//   non-reference kernel): a 256-entry table exp(-input_scale * beta * d)
//   built at compile time (1 KiB of flash), a float sum per row, one float
//   reciprocal.
// Output quantization, as TFLite Micro's SoftmaxPrepare requires it:
// - int8 (OutT = std::int8_t, the default): {1/256, -128}; the fixed-point
//   algorithm writes Q0.8 - 128 whatever the scale says.
// - int16 (OutT = std::int16_t, the int8 -> int16 kernel of both runtimes):
//   zero point -32768 and a scale within 0.1% of 1/65536 (1/65535 passes);
//   the fixed-point algorithm writes Q0.16 - 32768, the float table rounds
//   p / scale - 32768.
// int8 -> int8 reads a whole row (max, then the sum) before writing any of it,
// and then writes each element only after reading it: it may run in place.
// int8 -> int16 writes two bytes per element read: never in place.
#pragma once

#include <array>
#include <cstdint>
#include <type_traits>

#include "ctnn/core/fixed_point_math.hpp"
#include "ctnn/ops/op.hpp"

namespace ctnn {

struct softmax_tag {};

struct softmax_params {
    f32 beta = 1.0f;
    numerics match = numerics::tflite;  ///< whose bytes to reproduce
    friend constexpr bool operator==(const softmax_params&, const softmax_params&) = default;
};

namespace bits {
/// SoftmaxPrepare's fixed-point parameters for int8 (kScaledDiffIntegerBits = 5).
struct softmax_fixed_params {
    requant input_beta;     // input difference -> Q5.26, beta included
    std::int32_t diff_min;  // differences below this contribute exp = 0
};
constexpr softmax_fixed_params make_softmax_fixed_params(float beta, float input_scale) noexcept {
    constexpr int scaled_diff_integer_bits = 5;
    const requant r = fixed_point::preprocess_softmax_scaling(static_cast<double>(beta),
                                                              static_cast<double>(input_scale), scaled_diff_integer_bits);
    return {r, -fixed_point::calculate_input_radius(scaled_diff_integer_bits, r.shift)};
}
}  // namespace bits

template <class From, softmax_params P, quant OutQ, class OutT = std::int8_t>
struct softmax {
    using sources = From;
    static_assert(From::count == 1, "softmax reads exactly one tensor");

    template <class In>
    struct bind {
        static_assert(std::is_same_v<typename In::value_type, std::int8_t>,
                      "softmax: only int8 input is supported (int8 -> int8 or int8 -> int16)");
        static_assert(std::is_same_v<OutT, std::int8_t> || std::is_same_v<OutT, std::int16_t>,
                      "softmax: the output type must be int8_t or int16_t");
        static_assert(P.beta.value() > 0.0f, "softmax: beta must be positive");
        // SoftmaxPrepare: zero point -128, scale 1/256 (within 0.1%); the
        // fixed-point algorithm writes Q0.8 - 128 whatever the scale says.
        static_assert(!std::is_same_v<OutT, std::int8_t> ||
                          (OutQ.zero_point == -128 && OutQ.scale() > 0.999f / 256.0f && OutQ.scale() < 1.001f / 256.0f),
                      "softmax: the int8 output quantization must be {1/256, -128} (TFLite's int8 spec)");
        // TFLite Micro's SoftmaxPrepare for int8 -> int16: zero point -32768,
        // scale 1/65536 within 0.1%; Q0.16 - 32768 is written.
        static_assert(!std::is_same_v<OutT, std::int16_t> ||
                          (OutQ.zero_point == -32768 && OutQ.scale() > 0.999f / 65536.0f &&
                           OutQ.scale() < 1.001f / 65536.0f),
                      "softmax: the int16 output quantization must be {1/65536, -32768} (TFLite's int8 -> int16 spec)");

        using op_tag = softmax_tag;
        using input = In;
        using output = tensor<typename In::shape_type, OutQ, OutT>;
        static constexpr std::string_view name = "SOFTMAX";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr softmax_params params = P;
        static constexpr numerics match = P.match;
        static constexpr int depth = In::shape_type::dim(-1);  // the softmax axis
        static constexpr int rows = static_cast<int>(In::elements / static_cast<std::size_t>(depth));

        /// The float-table algorithm (numerics::tflite_optimized) or fixed point.
        static constexpr bool uses_table = P.match == numerics::tflite_optimized;
        /// Float table: exp_table[max - x] (empty for fixed point).
        static constexpr auto exp_table = [] {
            if constexpr (uses_table) {
                return fixed_point::real::softmax_exp_table(In::q.scale(), P.beta.value());
            } else {
                return std::array<float, 0>{};
            }
        }();
        /// Fixed point: input multiplier and diff_min.
        static constexpr bits::softmax_fixed_params fixed_params =
            bits::make_softmax_fixed_params(P.beta.value(), In::q.scale());

        static constexpr std::uint64_t macs = 0;
        static constexpr std::size_t weight_bytes =
            uses_table ? sizeof(exp_table) : sizeof(bits::softmax_fixed_params);
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = sizeof(OutT) == 1;
    };
};

}  // namespace ctnn
