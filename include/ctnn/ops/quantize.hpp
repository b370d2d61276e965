// ctnn/ops/quantize.hpp — QUANTIZE: float32 -> integer, or integer requantize.
//
// From a float32 tensor (a float-input model's first op): TFLite's
// AffineQuantize, q = clamp(round(x / scale) + zero_point) with the division
// and rounding in float (kernels/scalar/quantize.hpp).
// From an integer tensor (int8, uint8, int16): TFLite's Requantize,
// q = clamp(MultiplyByQuantizedMultiplier(x - zp_in, s_in / s_out) + zp_out),
// the multiplier computed in double as quantize.cc's Prepare() does.
// OutT: int8_t (default), uint8_t, int16_t or int32_t. Shape is unchanged.
//
// An int32 output is TFLite's one wider-than-int16 requantization: from
// int16 (the interpreter and TFLite Micro; a model's int32 output after an
// int16 SOFTMAX) or from int8 (TFLite Micro only), never from float. The
// clamp is then the identity, and TFLite computes x << shift and the + zp_out
// in int32 without a check; ctnn refuses, at compile time, an int32 output
// whose scales and zero points could overflow there for some input.
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct quantize_tag {};

template <class From, quant OutQ, class OutT = std::int8_t>
struct quantize {
    using sources = From;
    static_assert(From::count == 1, "ctnn::quantize reads exactly one tensor");
    static_assert(std::is_same_v<OutT, std::int8_t> || std::is_same_v<OutT, std::uint8_t> ||
                      std::is_same_v<OutT, std::int16_t> || std::is_same_v<OutT, std::int32_t>,
                  "ctnn::quantize: output type must be int8_t, uint8_t, int16_t or int32_t");

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

        static constexpr bool to_int32 = std::is_same_v<OutT, std::int32_t>;
        static_assert(!to_int32 || std::is_same_v<in_type, std::int16_t> || std::is_same_v<in_type, std::int8_t>,
                      "ctnn::quantize: an int32 output is requantized from int16 or int8 only (TFLite's Requantize)");
        /// int32 output: the largest |x - zp_in| shifted left by the multiplier's
        /// shift, and the result plus zp_out, stay within int32 (exact in int64).
        static constexpr bool int32_fits = [] {
            if constexpr (!to_int32) {
                return true;
            } else {
                constexpr std::int64_t zp = In::q.zero_point;
                constexpr std::int64_t lo = std::numeric_limits<in_type>::min() - zp;
                constexpr std::int64_t hi = std::numeric_limits<in_type>::max() - zp;
                constexpr std::int64_t span = hi > -lo ? hi : -lo;
                constexpr std::int64_t int32_max = std::numeric_limits<std::int32_t>::max();
                const int left = multiplier.shift > 0 ? multiplier.shift : 0;
                const int right = multiplier.shift < 0 ? -multiplier.shift : 0;
                if (left > 31 || (span << left) > int32_max) return false;
                // |MultiplyByQuantizedMultiplier(x)| <= |x| * 2^shift, rounded: at most one more.
                const std::int64_t scaled = right == 0 ? (span << left) : (span >> right) + 1;
                const std::int64_t out_zp = OutQ.zero_point;
                return scaled + (out_zp < 0 ? -out_zp : out_zp) <= int32_max;
            }
        }();
        static_assert(int32_fits,
                      "ctnn::quantize: this int32 requantization (s_in / s_out and the zero points) can overflow "
                      "int32 for some inputs; TFLite would compute it with undefined behaviour");

        static constexpr std::uint64_t macs = In::elements;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        /// Integer to integer of the same width: element i is written after it is read.
        static constexpr bool in_place = !from_float && sizeof(in_type) == sizeof(OutT);
    };
};

}  // namespace ctnn
