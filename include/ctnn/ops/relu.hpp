// ctnn/ops/relu.hpp — standalone RELU, RELU6 and RELU_N1_TO_1, int8.
//
// TFLite (activations.cc, QuantizedReluX) requantizes from the input scale
// to the output scale, then clamps to the activation's range on the output:
//   y = clamp(zp_out + MultiplyByQuantizedMultiplier(q - zp_in, s_in / s_out), range)
// with the multiplier s_in / s_out divided in float (both are floats), and
// range = [max(-128, zp_out + round(lo / s_out)), min(127, zp_out + round(hi / s_out))]
// for (lo, hi) = (0, inf), (0, 6) or (-1, 1). Shape is unchanged.
#pragma once

#include <cstdint>
#include <type_traits>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct relu_tag {};

template <class From, activation Act, quant OutQ>
struct relu {
    using sources = From;
    static_assert(From::count == 1, "ctnn::relu reads exactly one tensor");
    static_assert(Act != activation::none,
                  "ctnn::relu: the activation must be relu, relu6 or relu_n1_to_1 (none is not an op)");

    template <class In>
    struct bind {
        static_assert(std::is_same_v<typename In::value_type, std::int8_t>, "ctnn::relu reads an int8 tensor");

        using op_tag = relu_tag;
        using input = In;
        using output = tensor<typename In::shape_type, OutQ>;
        static constexpr std::string_view name =
            Act == activation::relu ? "RELU" : (Act == activation::relu6 ? "RELU6" : "RELU_N1_TO_1");
        static constexpr node_kind kind = node_kind::compute;

        static constexpr activation act = Act;
        static constexpr requant multiplier =
            fixed_point::quantize_multiplier(static_cast<double>(In::q.scale() / OutQ.scale()));
        static constexpr activation_range range = quantized_activation_range(Act, OutQ);

        static constexpr std::uint64_t macs = In::elements;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = true;  // element i is written after it is read
    };
};

}  // namespace ctnn
