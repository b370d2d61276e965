// ctnn/ops/logistic.hpp — LOGISTIC (sigmoid), int8 -> int8, element-wise.
//
//   ctnn::logistic<ctnn::from<2>, ctnn::quant{1.0f / 256, -128}>
//
// numerics::tflite (default) and tflite_optimized — the TFLite interpreter's
// reference and builtin kernels alike: a 256-entry int8 table of the float
// sigmoid, built at compile time (activations.cc, LUTPopulate), 256 bytes of
// flash; the kernel is one lookup per element.
// numerics::tflite_micro — TFLite Micro's reference_integer_ops::Logistic:
// the input rescaled to Q4.27, gemmlowp's fixed-point logistic, the output in
// Q0.8 with zero point -128 (so the output quantization must be {1/256, -128}).
// The output scale must be 1/256 in any case: TFLite refuses others.
// Element-wise: runs in place.
#pragma once

#include <array>
#include <type_traits>

#include "ctnn/core/fixed_point_math.hpp"
#include "ctnn/ops/bits/lookup_unary.hpp"
#include "ctnn/ops/op.hpp"

namespace ctnn {

struct logistic_tag {};

template <class From, quant OutQ, numerics Match = numerics::tflite>
struct logistic {
    using sources = From;
    static_assert(From::count == 1, "logistic reads exactly one tensor");

    template <class In>
    struct bind : bits::lookup_unary_layer<In, OutQ, Match, fixed_point::real::logisticf> {
        static_assert(std::is_same_v<typename In::value_type, std::int8_t>,
                      "logistic: only int8 input is supported (int8 -> int8)");
        // The interpreter refuses other output scales too (SigmoidPrepare).
        static_assert(OutQ.scale() == 1.0f / 256.0f, "logistic: the output scale must be 1/256 (TFLite's int8 spec)");
        static_assert(Match != numerics::tflite_micro || OutQ.zero_point == -128,
                      "logistic: TFLite Micro numerics need the output zero point -128");

        using op_tag = logistic_tag;
        static constexpr std::string_view name = "LOGISTIC";
    };
};

}  // namespace ctnn
