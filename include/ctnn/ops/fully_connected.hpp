// ctnn/ops/fully_connected.hpp — FULLY_CONNECTED.
//
// Weights: int8 [Units, Depth] row-major (TFLite's layout), symmetric
// (zero point 0), per-tensor (one scale) or per-channel (Units scales).
// Bias: int32 [Units] or ctnn::none. Input is flattened to [Batches, Depth]
// with Depth = weights' inner dimension; output is [Batches, Units] or, with
// keep_num_dims, the input shape with its last dimension replaced by Units.
//
// Requantization, per `match` (the runtimes round differently; measured on
// the fc_* fixtures, about one output in a hundred differs):
// - numerics::tflite (default) and tflite_optimized: the interpreter's single
//   rounding, (acc * m + 2^(s-1)) >> s. op_tag fully_connected_tag: the
//   specialized kernels (arm_dsp, avx2, neon) compute this one.
// - numerics::tflite_micro: TFLite Micro's MultiplyByQuantizedMultiplier,
//   the double rounding of CONV_2D. op_tag
//   fully_connected_double_rounding_tag, which only the scalar kernel
//   implements: every ISA runs it through the fallback to scalar.
#pragma once

#include <type_traits>

#include "ctnn/core/fixed_point_math.hpp"
#include "ctnn/ops/bits/weighted.hpp"
#include "ctnn/ops/op.hpp"

namespace ctnn {

/// FULLY_CONNECTED with the interpreter's single rounding.
struct fully_connected_tag {};
/// FULLY_CONNECTED with TFLite Micro's double rounding (scalar kernel only).
struct fully_connected_double_rounding_tag {};

struct fully_connected_params {
    int units = 0;
    int depth = 0;
    activation act = activation::none;
    bool keep_num_dims = false;
    numerics match = numerics::tflite;  ///< whose rounding to reproduce
};

namespace bits {
template <class In, int Units, int Depth, bool KeepNumDims>
struct fully_connected_shape;
template <int... D, quant Q, class T, int Units, int Depth>
struct fully_connected_shape<tensor<shape<D...>, Q, T>, Units, Depth, false> {
    using type = shape<static_cast<int>(shape<D...>::elements / static_cast<std::size_t>(Depth)), Units>;
};
template <int... D, quant Q, class T, int Units, int Depth>
struct fully_connected_shape<tensor<shape<D...>, Q, T>, Units, Depth, true> {
    static constexpr std::array<int, sizeof...(D)> dims = [] {
        std::array<int, sizeof...(D)> d{D...};
        d[sizeof...(D) - 1] = Units;
        return d;
    }();
    using type = shape_from_array<dims>;
};
}  // namespace bits

template <class From, fully_connected_params P, quant OutQ, const auto& Weights, const auto& Bias,
          const auto& WeightScales>
struct fully_connected {
    using sources = From;
    static_assert(From::count == 1, "fully_connected reads exactly one tensor");

    template <class In>
    struct bind : bits::weighted_layer<Weights, Bias, WeightScales, In::q, OutQ, P.act> {
        static constexpr fully_connected_params params = P;
        static constexpr int units = P.units;
        static constexpr int depth = P.depth;
        static constexpr int batches = static_cast<int>(In::elements / static_cast<std::size_t>(P.depth));

        static_assert(In::elements % static_cast<std::size_t>(P.depth) == 0,
                      "fully_connected: input element count must be a multiple of the weights' depth");
        static_assert(bits::extent_of(Weights) == static_cast<std::size_t>(P.units) * static_cast<std::size_t>(P.depth),
                      "fully_connected: weight array size must be units * depth");
        static_assert(bits::extent_of(Bias) == 0 || bits::extent_of(Bias) == static_cast<std::size_t>(P.units),
                      "fully_connected: bias array size must be units (or ctnn::none)");
        static_assert(bits::extent_of(WeightScales) == 1 || bits::extent_of(WeightScales) == static_cast<std::size_t>(P.units),
                      "fully_connected: weight scales must be one (per-tensor) or units (per-channel)");

        /// TFLite Micro's double rounding (MultiplyByQuantizedMultiplier) instead of the single one.
        static constexpr bool double_rounding = P.match == numerics::tflite_micro;
        using op_tag = std::conditional_t<double_rounding, fully_connected_double_rounding_tag, fully_connected_tag>;
        using input = In;
        using output = tensor<typename bits::fully_connected_shape<In, P.units, P.depth, P.keep_num_dims>::type, OutQ>;
        static constexpr std::string_view name = "FULLY_CONNECTED";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr const auto& weights = Weights;

        static constexpr std::uint64_t macs =
            static_cast<std::uint64_t>(batches) * static_cast<std::uint64_t>(P.units) * static_cast<std::uint64_t>(P.depth);
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
