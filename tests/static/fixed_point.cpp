// Compile-only checks of the TFLite fixed-point arithmetic (core/fixed_point.hpp).
// Expected multipliers were computed independently with Python's math.frexp
// and round-half-away-from-zero.
#include "ctnn/core/fixed_point.hpp"

#include <cstdint>
#include <limits>

namespace fp = ctnn::fixed_point;

constexpr bool same(ctnn::requant r, std::int32_t m, std::int32_t s) { return r.multiplier == m && r.shift == s; }

static_assert(same(fp::quantize_multiplier(0.5), 1073741824, 0));
static_assert(same(fp::quantize_multiplier(1.0), 1073741824, 1));
static_assert(same(fp::quantize_multiplier(0.25), 1073741824, -1));
static_assert(same(fp::quantize_multiplier(0.75), 1610612736, 0));
static_assert(same(fp::quantize_multiplier(3.0), 1610612736, 2));
static_assert(same(fp::quantize_multiplier(1.0 / 255.0), 1077952576, -7));
static_assert(same(fp::quantize_multiplier(0.9999999999), 1073741824, 1), "rounds up to 2^31: halve and shift");
static_assert(same(fp::quantize_multiplier(1e-12), 0, 0), "below 2^-32 becomes zero");
static_assert(same(fp::quantize_multiplier(0.0), 0, 0));

// SaturatingRoundingDoublingHighMul
constexpr std::int32_t int32_min = std::numeric_limits<std::int32_t>::min();
constexpr std::int32_t int32_max = std::numeric_limits<std::int32_t>::max();
static_assert(fp::saturating_rounding_doubling_high_mul(int32_min, int32_min) == int32_max, "the one overflow saturates");
static_assert(fp::saturating_rounding_doubling_high_mul(1 << 30, 1 << 30) == 1 << 29);
static_assert(fp::saturating_rounding_doubling_high_mul(int32_max, int32_max) == int32_max - 1);
static_assert(fp::saturating_rounding_doubling_high_mul(-(1 << 30), 1 << 30) == -(1 << 29));
static_assert(fp::saturating_rounding_doubling_high_mul(3, 1 << 30) == 2, "1.5 rounds away from zero");
static_assert(fp::saturating_rounding_doubling_high_mul(-3, 1 << 30) == -1, "-1.5: nudge rounds toward +inf for ties below zero");

// RoundingDivideByPOT: ties away from zero
static_assert(fp::rounding_divide_by_pot(5, 1) == 3);
static_assert(fp::rounding_divide_by_pot(-5, 1) == -3);
static_assert(fp::rounding_divide_by_pot(3, 1) == 2);
static_assert(fp::rounding_divide_by_pot(-3, 1) == -2);
static_assert(fp::rounding_divide_by_pot(7, 2) == 2);
static_assert(fp::rounding_divide_by_pot(-6, 2) == -2);
static_assert(fp::rounding_divide_by_pot(-5, 2) == -1);
static_assert(fp::rounding_divide_by_pot(123, 0) == 123);
static_assert(fp::rounding_divide_by_pot(int32_max, 31) == 1);

// MultiplyByQuantizedMultiplier
static_assert(fp::multiply_by_quantized_multiplier(100, 1073741824, 0) == 50, "x * 0.5");
static_assert(fp::multiply_by_quantized_multiplier(101, 1073741824, 0) == 51, "50.5 rounds away from zero");
static_assert(fp::multiply_by_quantized_multiplier(-101, 1073741824, 0) == -50, "-50.5: SRDHM rounds negative ties toward zero");
static_assert(fp::multiply_by_quantized_multiplier(100, 1073741824, 2) == 200, "x * 2 via left shift");
static_assert(fp::multiply_by_quantized_multiplier(1000, 1077952576, -7) == 4, "1000 / 255 = 3.92");

// Single rounding: one rounding, ties toward +infinity.
static_assert(fp::multiply_by_quantized_multiplier_single_round(101, {1073741824, 0}) == 51);
static_assert(fp::multiply_by_quantized_multiplier_single_round(-101, {1073741824, 0}) == -50);
static_assert(fp::multiply_by_quantized_multiplier_single_round(-24117, {1287902043, -8}) == -56,
              "-56.4984 rounds to -56 once");
static_assert(fp::multiply_by_quantized_multiplier(-24117, 1287902043, -8) == -57,
              "double rounding: -56.4984 first becomes -56.5, then -57");
static_assert(fp::multiply_by_quantized_multiplier_single_round(11123, {1507465315, -8}) == 30,
              "30.49997: double rounding first rounds to 30.5 and then up to 31");
static_assert(fp::multiply_by_quantized_multiplier(11123, 1507465315, -8) == 31, "the double-rounding twin of the above");

// Rounding helpers
static_assert(fp::round_half_away(2.5) == 3 && fp::round_half_away(-2.5) == -3 && fp::round_half_away(2.4999) == 2);
static_assert(fp::round_half_away(2.5f) == 3 && fp::round_half_away(-0.5f) == -1 && fp::round_half_away(0.49f) == 0);
static_assert(fp::round_half_away(1e20f) == int32_max && fp::round_half_away(-1e20f) == int32_min, "saturates");

int main() { return 0; }
