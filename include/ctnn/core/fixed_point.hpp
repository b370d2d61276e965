// ctnn/core/fixed_point.hpp — TFLite's integer requantization arithmetic, constexpr.
//
// These functions are the specification every kernel and every SIMD path must
// reproduce bit for bit. They follow the TFLite int8 quantization spec:
//   real_multiplier = quantized_multiplier * 2^(shift - 31)
//   y = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x << left, m), right)
// (the "double rounding" form that TFLite's reference kernels use by default).
#pragma once

#include <cstdint>
#include <limits>

namespace ctnn {

/// A real multiplier as TFLite represents it: `multiplier * 2^(shift - 31)`,
/// multiplier in [2^30, 2^31) (or 0), shift in [-31, 30].
struct requant {
    std::int32_t multiplier = 0;
    std::int32_t shift = 0;
};

namespace fixed_point {

/// round-half-away-from-zero of a double, like std::round (constexpr).
constexpr std::int64_t round_half_away(double x) noexcept {
    const auto truncated = static_cast<std::int64_t>(x);  // rounds toward zero
    const double fraction = x - static_cast<double>(truncated);
    if (fraction >= 0.5) return truncated + 1;
    if (fraction <= -0.5) return truncated - 1;
    return truncated;
}

/// round-half-away-from-zero of a float (std::round(float)), constexpr.
constexpr std::int32_t round_half_away(float x) noexcept {
    // Out-of-range values saturate instead of being undefined behaviour.
    if (x >= 2147483520.0f) return std::numeric_limits<std::int32_t>::max();
    if (x <= -2147483648.0f) return std::numeric_limits<std::int32_t>::min();
    const auto truncated = static_cast<std::int32_t>(x);
    const float fraction = x - static_cast<float>(truncated);
    if (fraction >= 0.5f) return truncated + 1;
    if (fraction <= -0.5f) return truncated - 1;
    return truncated;
}

/// std::frexp for finite positive doubles, constexpr: x = fraction * 2^exponent,
/// fraction in [0.5, 1). Multiplying by two is exact, so this is bit-exact.
struct frexp_result {
    double fraction;
    int exponent;
};
constexpr frexp_result frexp_positive(double x) noexcept {
    int exponent = 0;
    while (x >= 1.0) {
        x /= 2.0;
        ++exponent;
    }
    while (x < 0.5) {
        x *= 2.0;
        --exponent;
    }
    return {x, exponent};
}

/// TFLite's QuantizeMultiplier: the int32 multiplier and shift of a real
/// multiplier (> 0). Multipliers too small to matter become {0, 0}.
constexpr requant quantize_multiplier(double real_multiplier) noexcept {
    if (real_multiplier == 0.0) return {0, 0};
    auto [q, shift] = frexp_positive(real_multiplier);
    std::int64_t q_fixed = round_half_away(q * static_cast<double>(std::int64_t{1} << 31));
    if (q_fixed == (std::int64_t{1} << 31)) {
        q_fixed /= 2;
        ++shift;
    }
    if (shift < -31) {
        shift = 0;
        q_fixed = 0;
    }
    if (shift > 30) {
        shift = 30;
        q_fixed = (std::int64_t{1} << 31) - 1;
    }
    return {static_cast<std::int32_t>(q_fixed), shift};
}

/// gemmlowp's SaturatingRoundingDoublingHighMul ("equivalent to VQRDMULH"):
/// the high 32 bits of 2*a*b, rounded to nearest, saturating the one
/// overflowing case a == b == INT32_MIN.
constexpr std::int32_t saturating_rounding_doubling_high_mul(std::int32_t a, std::int32_t b) noexcept {
    const bool overflow = a == b && a == std::numeric_limits<std::int32_t>::min();
    const std::int64_t ab = static_cast<std::int64_t>(a) * static_cast<std::int64_t>(b);
    const std::int64_t nudge = ab >= 0 ? (std::int64_t{1} << 30) : (1 - (std::int64_t{1} << 30));
    const auto ab_x2_high32 = static_cast<std::int32_t>((ab + nudge) / (std::int64_t{1} << 31));
    return overflow ? std::numeric_limits<std::int32_t>::max() : ab_x2_high32;
}

/// gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties
/// away from zero. exponent in [0, 31].
constexpr std::int32_t rounding_divide_by_pot(std::int32_t x, int exponent) noexcept {
    const std::int32_t mask = static_cast<std::int32_t>((std::int64_t{1} << exponent) - 1);
    const std::int32_t remainder = x & mask;
    const std::int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/// x << shift with two's complement wrap-around (TFLite computes this in
/// int32; wrapping keeps the same bits without undefined behaviour).
constexpr std::int32_t shift_left_wrapping(std::int32_t x, int shift) noexcept {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << shift);
}

/// TFLite's MultiplyByQuantizedMultiplier(x, multiplier, shift).
constexpr std::int32_t multiply_by_quantized_multiplier(std::int32_t x, std::int32_t multiplier,
                                                        int shift) noexcept {
    const int left_shift = shift > 0 ? shift : 0;
    const int right_shift = shift > 0 ? 0 : -shift;
    return rounding_divide_by_pot(
        saturating_rounding_doubling_high_mul(shift_left_wrapping(x, left_shift), multiplier), right_shift);
}

constexpr std::int32_t multiply_by_quantized_multiplier(std::int32_t x, requant r) noexcept {
    return multiply_by_quantized_multiplier(x, r.multiplier, r.shift);
}

/// The single-rounding form: x * multiplier * 2^(shift - 31), rounded once,
/// half toward +infinity, in 64-bit (TFLite's TFLITE_SINGLE_ROUNDING form,
/// and what the interpreter's FULLY_CONNECTED computes for int8 — measured
/// against ai-edge-litert's reference kernels, see kernels/scalar/fully_connected.hpp).
constexpr std::int32_t multiply_by_quantized_multiplier_single_round(std::int32_t x, requant r) noexcept {
    const int total_shift = 31 - r.shift;
    const std::int64_t round = std::int64_t{1} << (total_shift - 1);
    const std::int64_t result = (static_cast<std::int64_t>(x) * r.multiplier + round) >> total_shift;
    if (result > std::numeric_limits<std::int32_t>::max()) return std::numeric_limits<std::int32_t>::max();
    if (result < std::numeric_limits<std::int32_t>::min()) return std::numeric_limits<std::int32_t>::min();
    return static_cast<std::int32_t>(result);
}

/// TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0).
constexpr std::int32_t multiply_by_quantized_multiplier_smaller_than_one_exp(std::int32_t x,
                                                                             std::int32_t multiplier,
                                                                             int left_shift) noexcept {
    return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(x, multiplier), -left_shift);
}

/// TFLite's MultiplyByQuantizedMultiplierGreaterThanOne (left shift >= 0).
constexpr std::int32_t multiply_by_quantized_multiplier_greater_than_one(std::int32_t x,
                                                                         std::int32_t multiplier,
                                                                         int left_shift) noexcept {
    return saturating_rounding_doubling_high_mul(shift_left_wrapping(x, left_shift), multiplier);
}

constexpr std::int32_t clamp(std::int32_t x, std::int32_t lo, std::int32_t hi) noexcept {
    return x < lo ? lo : (x > hi ? hi : x);
}

}  // namespace fixed_point
}  // namespace ctnn
