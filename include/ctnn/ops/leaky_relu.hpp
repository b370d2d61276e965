// ctnn/ops/leaky_relu.hpp — LEAKY_RELU, int8.
//
// TFLite's int8 path (activations.cc LeakyReluPrepare, reference
// QuantizeLeakyRelu): two multipliers, both computed in float then widened,
//   identity = s_in / s_out            for q >= zp_in
//   alpha    = s_in * alpha / s_out    for q <  zp_in (negative if alpha < 0)
//   y = clamp(zp_out + MultiplyByQuantizedMultiplier(q - zp_in, m), -128, 127).
// Shape is unchanged.
#pragma once

#include <cstdint>
#include <type_traits>

#include "ctnn/ops/bits/elementwise.hpp"
#include "ctnn/ops/op.hpp"

namespace ctnn {

struct leaky_relu_tag {};

struct leaky_relu_params {
    f32 alpha{0.2f};
};

template <class From, leaky_relu_params P, quant OutQ>
struct leaky_relu {
    using sources = From;
    static_assert(From::count == 1, "ctnn::leaky_relu reads exactly one tensor");

    template <class In>
    struct bind {
        static_assert(std::is_same_v<typename In::value_type, std::int8_t>, "ctnn::leaky_relu reads an int8 tensor");

        using op_tag = leaky_relu_tag;
        using input = In;
        using output = tensor<typename In::shape_type, OutQ>;
        static constexpr std::string_view name = "LEAKY_RELU";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr leaky_relu_params params = P;
        static constexpr requant identity =
            fixed_point::quantize_multiplier(static_cast<double>(In::q.scale() / OutQ.scale()));
        static constexpr requant alpha =
            bits::quantize_multiplier_signed(static_cast<double>(In::q.scale() * P.alpha.value() / OutQ.scale()));

        static constexpr std::uint64_t macs = In::elements;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = true;  // element i is written after it is read
    };
};

}  // namespace ctnn
