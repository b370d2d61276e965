// ctnn/ops/dequantize.hpp — DEQUANTIZE: integer -> float32.
//
// TFLite's reference Dequantize: x = float(double(scale) * (q - zero_point))
// (kernels/scalar/dequantize.hpp). Input int8_t, uint8_t or int16_t; output
// float32 of the same shape (a float-output model's last op).
#pragma once

#include <cstdint>
#include <type_traits>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct dequantize_tag {};

template <class From>
struct dequantize {
    using sources = From;
    static_assert(From::count == 1, "ctnn::dequantize reads exactly one tensor");

    template <class In>
    struct bind {
        using in_type = typename In::value_type;
        static_assert(std::is_same_v<in_type, std::int8_t> || std::is_same_v<in_type, std::uint8_t> ||
                          std::is_same_v<in_type, std::int16_t>,
                      "ctnn::dequantize: input must be int8_t, uint8_t or int16_t");

        using op_tag = dequantize_tag;
        using input = In;
        using output = tensor<typename In::shape_type, no_quant, float>;
        static constexpr std::string_view name = "DEQUANTIZE";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr std::uint64_t macs = In::elements;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;  // the output is wider than the input
    };
};

}  // namespace ctnn
