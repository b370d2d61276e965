// ctnn/ops/hard_swish.hpp — HARD_SWISH, int8: x * relu6(x + 3) / 6.
//
// TFLite's int8 algorithm (activations.cc HardSwishPrepare, reference
// HardSwish) works in 16-bit fixed point with two multipliers, each
// quantized to 32 bits then rounded to 16 (DownScaleInt32ToInt16Multiplier),
// all scales in float:
//   hires_input_scale = s_in / 128   (the input is shifted left 7 bits)
//   output multiplier  = hires_input_scale / s_out        (exponent must be <= 0)
//   reluish multiplier = hires_input_scale / (3 / 32768)  (maps x = 3 to 32768)
// Shape is unchanged.
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct hard_swish_tag {};

namespace bits {
/// A 16-bit fixed-point multiplier and its power-of-two exponent.
struct requant16 {
    std::int16_t multiplier = 0;
    int exponent = 0;
};

/// TFLite's QuantizeMultiplier then DownScaleInt32ToInt16Multiplier.
constexpr requant16 quantize_multiplier_int16(float real) noexcept {
    const requant r = fixed_point::quantize_multiplier(static_cast<double>(real));
    constexpr std::int32_t rounding_offset = 1 << 15;
    if (r.multiplier >= std::numeric_limits<std::int32_t>::max() - rounding_offset)
        return {std::numeric_limits<std::int16_t>::max(), r.shift};
    return {static_cast<std::int16_t>((r.multiplier + rounding_offset) >> 16), r.shift};
}
}  // namespace bits

template <class From, quant OutQ>
struct hard_swish {
    using sources = From;
    static_assert(From::count == 1, "ctnn::hard_swish reads exactly one tensor");

    template <class In>
    struct bind {
        static_assert(std::is_same_v<typename In::value_type, std::int8_t>, "ctnn::hard_swish reads an int8 tensor");

        using op_tag = hard_swish_tag;
        using input = In;
        using output = tensor<typename In::shape_type, OutQ>;
        static constexpr std::string_view name = "HARD_SWISH";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr float hires_input_scale = (1.0f / 128.0f) * In::q.scale();
        static constexpr float reluish_scale = 3.0f / 32768.0f;
        static constexpr bits::requant16 output_multiplier =
            bits::quantize_multiplier_int16(hires_input_scale / OutQ.scale());
        static constexpr bits::requant16 reluish_multiplier =
            bits::quantize_multiplier_int16(hires_input_scale / reluish_scale);
        static_assert(output_multiplier.exponent <= 0,
                      "ctnn: HARD_SWISH needs s_in / (128 * s_out) < 1 (TFLite checks the same)");

        static constexpr std::uint64_t macs = In::elements;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = true;  // element i is written after it is read
    };
};

}  // namespace ctnn
