// ctnn/kernels/scalar/hard_swish.hpp — reference HARD_SWISH, int8.
//
// The specification: TFLite's reference_ops::HardSwish for int8, in 16-bit
// fixed point (see ops/hard_swish.hpp for the multipliers). Per element:
//   x      = (q - zp_in) << 7                        (|x| <= 255 * 128)
//   x_out  = x * output multiplier (rounding doubling high mul, 16 bit)
//   r      = x rescaled so that real 3 -> 32768, saturating;  r in [-1, 1)
//   r      = (r + 32768) / 2                         r in [0, 1): relu6(x + 3) / 6
//   y      = (r * x_out, doubling high mul truncating) >> output exponent, rounding
//   y      = clamp(y + zp_out, -128, 127)
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/hard_swish.hpp"

namespace ctnn {

namespace scalar_bits {
/// gemmlowp's SaturatingRoundingDoublingHighMul on int16 (VQRDMULH.S16).
constexpr std::int16_t saturating_rounding_doubling_high_mul16(std::int16_t a, std::int16_t b) noexcept {
    if (a == b && a == std::numeric_limits<std::int16_t>::min()) return std::numeric_limits<std::int16_t>::max();
    const std::int32_t ab = static_cast<std::int32_t>(a) * static_cast<std::int32_t>(b);
    const std::int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
    return static_cast<std::int16_t>((ab + nudge) / (1 << 15));
}

/// TFLite's SaturatingDoublingHighMul on int16 (VQDMULH.S16): truncates.
constexpr std::int16_t saturating_doubling_high_mul16(std::int16_t a, std::int16_t b) noexcept {
    if (a == b && a == std::numeric_limits<std::int16_t>::min()) return std::numeric_limits<std::int16_t>::max();
    const std::int32_t ab = static_cast<std::int32_t>(a) * static_cast<std::int32_t>(b);
    return static_cast<std::int16_t>(ab / (1 << 15));
}

/// TFLite's SaturatingLeftShift on int16: value * 2^amount, saturated.
constexpr std::int16_t saturating_left_shift16(std::int16_t value, int amount) noexcept {
    const std::int64_t shifted = static_cast<std::int64_t>(value) * (std::int64_t{1} << amount);
    if (shifted > std::numeric_limits<std::int16_t>::max()) return std::numeric_limits<std::int16_t>::max();
    if (shifted < std::numeric_limits<std::int16_t>::min()) return std::numeric_limits<std::int16_t>::min();
    return static_cast<std::int16_t>(shifted);
}

/// gemmlowp's RoundingDivideByPOT on int16 (exponent in [0, 15]): the int32
/// arithmetic gives the same result for every int16 value.
constexpr std::int16_t rounding_divide_by_pot16(std::int16_t x, int exponent) noexcept {
    return static_cast<std::int16_t>(fixed_point::rounding_divide_by_pot(x, exponent));
}

template <class L>
constexpr std::int8_t hard_swish_element(std::int8_t q) noexcept {
    constexpr int reluish_exponent = L::reluish_multiplier.exponent;
    constexpr int output_exponent = L::output_multiplier.exponent;
    const auto input_value = static_cast<std::int16_t>(q - L::input::q.zero_point);
    const auto hires = static_cast<std::int16_t>(input_value * (1 << 7));
    const std::int16_t preshift_output =
        saturating_rounding_doubling_high_mul16(hires, L::output_multiplier.multiplier);

    // relu6(x + 3) / 6 as a 16-bit fraction: rescale x to [-3, 3] -> [-1, 1)
    // (saturating), then to [0, 1).
    std::int16_t reluish = hires;
    if constexpr (reluish_exponent > 0) reluish = saturating_left_shift16(reluish, reluish_exponent - 1);
    reluish = saturating_rounding_doubling_high_mul16(reluish, L::reluish_multiplier.multiplier);
    if constexpr (reluish_exponent > 0) reluish = saturating_left_shift16(reluish, 1);
    if constexpr (reluish_exponent < 0) reluish = rounding_divide_by_pot16(reluish, -reluish_exponent);
    reluish = static_cast<std::int16_t>((reluish + (1 << 15)) >> 1);

    const std::int16_t preshift_value = saturating_doubling_high_mul16(reluish, preshift_output);
    std::int16_t y = rounding_divide_by_pot16(preshift_value, -output_exponent);
    // TFLite adds the zero point in int16 (wrapping, like this cast), then clamps.
    y = static_cast<std::int16_t>(y + L::output::q.zero_point);
    return static_cast<std::int8_t>(fixed_point::clamp(y, -128, 127));
}
}  // namespace scalar_bits

template <>
struct kernel<isa::scalar, hard_swish_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        for (std::size_t i = 0; i < L::output::elements; ++i) y[i] = scalar_bits::hard_swish_element<L>(x[i]);
    }
};

}  // namespace ctnn
