// ctnn/ops/quantize.hpp — QUANTIZE: float32 -> integer, or integer requantize.
//
// From a float32 tensor (a float-input model's first op): TFLite's
// AffineQuantize, q = clamp(round(x / scale) + zero_point) with the division
// and rounding in float (kernels/scalar/quantize.hpp).
// From an integer tensor (int8, uint8, int16): TFLite's Requantize,
// q = clamp(MultiplyByQuantizedMultiplier(x - zp_in, s_in / s_out) + zp_out),
// the multiplier computed in double as quantize.cc's Prepare() does.
// OutT: int8_t (default), uint8_t or int16_t. Shape is unchanged.
#pragma once

#include <cstdint>
#include <type_traits>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct quantize_tag {};

template <class From, quant OutQ, class OutT = std::int8_t>
struct quantize {
    using sources = From;
    static_assert(From::count == 1, "ctnn::quantize reads exactly one tensor");
    static_assert(std::is_same_v<OutT, std::int8_t> || std::is_same_v<OutT, std::uint8_t> ||
                      std::is_same_v<OutT, std::int16_t>,
                  "ctnn::quantize: output type must be int8_t, uint8_t or int16_t");

    template <class In>
    struct bind {
        using in_type = typename In::value_type;
        static constexpr bool from_float = std::is_same_v<in_type, float>;
        static_assert(from_float || std::is_same_v<in_type, std::int8_t> || std::is_same_v<in_type, std::uint8_t> ||
                          std::is_same_v<in_type, std::int16_t>,
                      "ctnn::quantize: input must be float, int8_t, uint8_t or int16_t");

        using op_tag = quantize_tag;
        using input = In;
        using output = tensor<typename In::shape_type, OutQ, OutT>;
        static constexpr std::string_view name = "QUANTIZE";
        static constexpr node_kind kind = node_kind::compute;

        /// Requantization (integer input only): s_in / s_out in double.
        static constexpr requant multiplier =
            from_float ? requant{}
                       : fixed_point::quantize_multiplier(static_cast<double>(In::q.scale()) /
                                                          static_cast<double>(OutQ.scale()));

        static constexpr std::uint64_t macs = In::elements;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        /// Integer to integer of the same width: element i is written after it is read.
        static constexpr bool in_place = !from_float && sizeof(in_type) == sizeof(OutT);
    };
};

}  // namespace ctnn
