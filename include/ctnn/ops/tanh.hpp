// ctnn/ops/tanh.hpp — TANH, int8 -> int8, element-wise.
//
//   ctnn::tanh<ctnn::from<2>, ctnn::quant{1.0f / 128, 0}>
//
// numerics::tflite (default) and tflite_optimized — the TFLite interpreter's
// reference and builtin kernels alike: a 256-entry int8 table of the float
// tanh, built at compile time (activations.cc, LUTPopulate), 256 bytes of
// flash; the kernel is one lookup per element. Any output quantization works.
// numerics::tflite_micro — TFLite Micro's reference_integer_ops::Tanh: the
// input rescaled to Q4.27, gemmlowp's fixed-point tanh, the output in Q0.7
// with no zero point (so the output quantization must be {1/128, 0}).
// Element-wise: runs in place.
#pragma once

#include <array>
#include <type_traits>

#include "ctnn/core/fixed_point_math.hpp"
#include "ctnn/ops/bits/lookup_unary.hpp"
#include "ctnn/ops/op.hpp"

namespace ctnn {

struct tanh_tag {};

template <class From, quant OutQ, numerics Match = numerics::tflite>
struct tanh {
    using sources = From;
    static_assert(From::count == 1, "tanh reads exactly one tensor");

    template <class In>
    struct bind : bits::lookup_unary_layer<In, OutQ, Match, fixed_point::real::tanhf> {
        static_assert(std::is_same_v<typename In::value_type, std::int8_t>,
                      "tanh: only int8 input is supported (int8 -> int8)");
        static_assert(Match != numerics::tflite_micro || (OutQ == quant{1.0f / 128.0f, 0}),
                      "tanh: TFLite Micro numerics need the output quantization {1/128, 0}");

        using op_tag = tanh_tag;
        static constexpr std::string_view name = "TANH";
    };
};

}  // namespace ctnn
