// ctnn/ops/constant.hpp — a constant tensor in flash, read by other nodes.
//
// Element-wise ops may read a constant operand (MUL by a constant scale, ADD
// of a constant vector). The constant is a node of its own: its output is
// the flash array itself, so it takes no arena bytes and no step.
#pragma once

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct constant_tag {};

/// `Data`: a constexpr array of `S::elements` values of type T (int8 unless
/// stated), quantized with `Q`.
template <Shape S, quant Q, const auto& Data, class T = std::int8_t>
struct constant {
    using sources = from<>;
    static_assert(bits::extent_of(Data) == S::elements, "constant: data size must equal the shape's element count");

    template <class... Inputs>
    struct bind {
        static_assert(sizeof...(Inputs) == 0);
        using op_tag = constant_tag;
        using output = tensor<S, Q, T>;
        static constexpr std::string_view name = "CONSTANT";
        static constexpr node_kind kind = node_kind::constant;
        static constexpr const auto& data = Data;
        static constexpr std::uint64_t macs = 0;
        static constexpr std::size_t weight_bytes = bits::bytes_of(Data);
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
