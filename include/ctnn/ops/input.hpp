// ctnn/ops/input.hpp — a model input: the user writes it before invoke().
#pragma once

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct input_tag {};

template <Shape S, quant Q, class T = std::int8_t>
struct input {
    using sources = from<>;
    template <class... Inputs>
    struct bind {
        static_assert(sizeof...(Inputs) == 0);
        using op_tag = input_tag;
        using output = tensor<S, Q, T>;
        static constexpr std::string_view name = "INPUT";
        static constexpr node_kind kind = node_kind::input;
        static constexpr std::uint64_t macs = 0;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
