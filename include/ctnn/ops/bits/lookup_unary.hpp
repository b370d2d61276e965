// ctnn/ops/bits/lookup_unary.hpp — what LOGISTIC and TANH describe alike: an int8 -> int8
// element-wise activation computed either from a 256-entry table of the float function
// (the interpreter's numerics, built at compile time) or in gemmlowp fixed point with a
// Q4.27 input (TFLite Micro's). The kernel side is kernels/scalar/bits/lookup_unary.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "ctnn/core/fixed_point_math.hpp"
#include "ctnn/ops/op.hpp"

namespace ctnn::bits {

/// `RealFn`: the float function the table samples (fixed_point::real::logisticf, tanhf).
template <class In, quant OutQ, numerics Match, auto RealFn>
struct lookup_unary_layer {
    using input = In;
    using output = tensor<typename In::shape_type, OutQ>;
    static constexpr node_kind kind = node_kind::compute;
    static constexpr numerics match = Match;

    /// The float-table algorithm (both interpreter resolvers) or fixed point (TFLite Micro).
    static constexpr bool uses_table = Match != numerics::tflite_micro;
    /// Float table: table[x + 128] (empty for fixed point).
    static constexpr auto table = [] {
        if constexpr (uses_table) {
            return fixed_point::real::quantized_table(In::q, OutQ, RealFn);
        } else {
            return std::array<std::int8_t, 0>{};
        }
    }();
    /// Fixed point: Q4.27 input multiplier, shift, saturation radius.
    static constexpr fixed_point::input_scaling scaling = fixed_point::q4_input_scaling(In::q.scale());

    static constexpr std::uint64_t macs = 0;
    static constexpr std::size_t weight_bytes = uses_table ? sizeof(table) : sizeof(fixed_point::input_scaling);
    static constexpr std::size_t scratch_bytes = 0;
    /// Element-wise: each output is written after its input is read.
    static constexpr bool in_place = true;
};

}  // namespace ctnn::bits
