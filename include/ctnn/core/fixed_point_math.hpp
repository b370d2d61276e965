// ctnn/core/fixed_point_math.hpp — the transcendental math of TFLite's int8
// nonlinear ops, constexpr and bit-exact.
//
// TFLite's runtimes do not all compute these functions the same way, and the
// bytes differ now and then (measured against ai-edge-litert 1.4.0 and the
// tflite-micro Python package):
//
// |          | interpreter: BUILTIN_REF | builtin kernels (*) | TFLite Micro |
// | LOGISTIC | float table              | float table         | fixed point  |
// | TANH     | float table              | float table         | fixed point  |
// | SOFTMAX  | fixed point              | float table         | fixed point  |
//
// (*) resolver BUILTIN_WITHOUT_DEFAULT_DELEGATES. The default BUILTIN
// resolver also applies XNNPACK, whose int8 LOGISTIC is its own (a byte off
// now and then); ctnn does not reproduce XNNPACK.
//
// - "float table": the function is evaluated in float for each of the 256
//   int8 inputs at Prepare time (LUTPopulate; PopulateSoftmaxLookupTable +
//   optimized_ops::Softmax). ctnn builds the same tables at compile time with
//   the helpers in `ctnn::fixed_point::real`.
// - "fixed point": gemmlowp's fixedpoint.h Q-format algorithms
//   (reference_integer_ops::Logistic / ::Tanh, reference_ops::Softmax).
//   `ctnn::fixed<IntegerBits>` and the functions below are those algorithms,
//   step for step.
//
// `ctnn::numerics` says which runtime an op reproduces. The default is the
// interpreter's reference kernels, the oracle of ctnn's conformance tests.
// Differences are rare: in random sweeps of input scales, one int8 input in
// a few hundred scales (TANH) or one row in a few hundred (SOFTMAX); for
// LOGISTIC none was found between the table and the fixed point.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <limits>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/core/quant.hpp"

namespace ctnn {

/// Whose bytes a nonlinear op (LOGISTIC, TANH, SOFTMAX) reproduces.
enum class numerics : std::uint8_t {
    tflite,            ///< the TFLite interpreter's reference kernels (BUILTIN_REF): the default
    tflite_optimized,  ///< the interpreter's builtin kernels without XNNPACK; differs for SOFTMAX
    tflite_micro,      ///< TFLite Micro's reference kernels; differs for LOGISTIC and TANH
};

namespace fixed_point {

// --- int32 primitives with the exact semantics of gemmlowp's scalar versions.

/// a + b with two's complement wrap-around. gemmlowp's Add is a plain int32
/// add; wrapping gives the same bits as the hardware without undefined
/// behaviour (e.g. a softmax sum over more than 4096 classes).
constexpr std::int32_t wrapping_add(std::int32_t a, std::int32_t b) noexcept {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) + static_cast<std::uint32_t>(b));
}
constexpr std::int32_t wrapping_sub(std::int32_t a, std::int32_t b) noexcept {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) - static_cast<std::uint32_t>(b));
}
constexpr std::int32_t wrapping_neg(std::int32_t a) noexcept {
    return static_cast<std::int32_t>(0u - static_cast<std::uint32_t>(a));
}

/// All bits set if `a` is non-zero (gemmlowp's MaskIfNonZero).
constexpr std::int32_t mask_if_non_zero(std::int32_t a) noexcept { return a != 0 ? ~std::int32_t{0} : 0; }
constexpr std::int32_t mask_if_zero(std::int32_t a) noexcept { return mask_if_non_zero(a == 0 ? 1 : 0); }
constexpr std::int32_t mask_if_greater_than(std::int32_t a, std::int32_t b) noexcept {
    return mask_if_non_zero(a > b ? 1 : 0);
}
constexpr std::int32_t mask_if_less_than(std::int32_t a, std::int32_t b) noexcept {
    return mask_if_non_zero(a < b ? 1 : 0);
}

/// Bitwise select (NEON's VBSL): bits of `then_val` where `mask` is set,
/// of `else_val` elsewhere (gemmlowp's SelectUsingMask).
constexpr std::int32_t select_using_mask(std::int32_t mask, std::int32_t then_val, std::int32_t else_val) noexcept {
    return (mask & then_val) ^ (~mask & else_val);
}

/// (a + b) / 2 rounded to nearest, ties away from zero (NEON's VRHADD).
constexpr std::int32_t rounding_half_sum(std::int32_t a, std::int32_t b) noexcept {
    const std::int64_t sum = static_cast<std::int64_t>(a) + static_cast<std::int64_t>(b);
    const std::int64_t sign = sum >= 0 ? 1 : -1;
    return static_cast<std::int32_t>((sum + sign) / 2);
}

/// x * 2^Exponent: a saturating left shift for Exponent > 0, a rounding
/// right shift (RoundingDivideByPOT) for Exponent < 0.
template <int Exponent>
constexpr std::int32_t saturating_rounding_multiply_by_pot(std::int32_t x) noexcept {
    static_assert(Exponent > -32 && Exponent < 32, "saturating_rounding_multiply_by_pot: |exponent| must be < 32");
    if constexpr (Exponent == 0) {
        return x;
    } else if constexpr (Exponent > 0) {
        constexpr std::int32_t threshold = static_cast<std::int32_t>((std::int64_t{1} << (31 - Exponent)) - 1);
        if (x > threshold) return std::numeric_limits<std::int32_t>::max();
        if (x < -threshold) return std::numeric_limits<std::int32_t>::min();
        return shift_left_wrapping(x, Exponent);
    } else {
        return rounding_divide_by_pot(x, -Exponent);
    }
}

/// Leading zero bits of a 32-bit value (32 for zero), TFLite's CountLeadingZeros.
constexpr int count_leading_zeros(std::uint32_t x) noexcept { return std::countl_zero(x); }

}  // namespace fixed_point

/// A Q-format number in an int32: `IntegerBits` integer bits, one sign bit,
/// 31 - IntegerBits fractional bits; it stands for raw * 2^(IntegerBits - 31)
/// and covers [-2^IntegerBits, 2^IntegerBits). gemmlowp's FixedPoint<int32_t,
/// IntegerBits>: multiplication adds the integer bits of its operands.
template <int IntegerBits>
struct fixed {
    static_assert(IntegerBits >= 0 && IntegerBits < 32, "ctnn::fixed: integer bits must be in [0, 31]");
    static constexpr int integer_bits = IntegerBits;
    static constexpr int fractional_bits = 31 - IntegerBits;

    std::int32_t raw = 0;

    static constexpr fixed from_raw(std::int32_t r) noexcept { return fixed{r}; }
    static constexpr fixed zero() noexcept { return fixed{0}; }
    /// 1.0; with no integer bits the largest value below it.
    static constexpr fixed one() noexcept {
        if constexpr (IntegerBits == 0) {
            return fixed{std::numeric_limits<std::int32_t>::max()};
        } else {
            return fixed{std::int32_t{1} << fractional_bits};
        }
    }
    /// 2^Exponent, which must be exactly representable.
    template <int Exponent>
    static constexpr fixed constant_pot() noexcept {
        constexpr int offset = fractional_bits + Exponent;
        static_assert(offset >= 0 && offset < 31, "ctnn::fixed: constant not exactly representable in this format");
        return fixed{std::int32_t{1} << offset};
    }

    friend constexpr fixed operator+(fixed a, fixed b) noexcept { return fixed{fixed_point::wrapping_add(a.raw, b.raw)}; }
    friend constexpr fixed operator-(fixed a, fixed b) noexcept { return fixed{fixed_point::wrapping_sub(a.raw, b.raw)}; }
    friend constexpr fixed operator-(fixed a) noexcept { return fixed{fixed_point::wrapping_neg(a.raw)}; }
    friend constexpr fixed operator&(fixed a, fixed b) noexcept { return fixed{a.raw & b.raw}; }
    friend constexpr bool operator==(fixed, fixed) = default;
};

/// Product of two Q-format numbers (SaturatingRoundingDoublingHighMul of the
/// raw values); the integer bits add up.
template <int A, int B>
constexpr fixed<A + B> operator*(fixed<A> a, fixed<B> b) noexcept {
    return fixed<A + B>{fixed_point::saturating_rounding_doubling_high_mul(a.raw, b.raw)};
}

namespace fixed_point {

template <int IntegerBits>
constexpr fixed<IntegerBits> select_using_mask(std::int32_t mask, fixed<IntegerBits> then_val,
                                               fixed<IntegerBits> else_val) noexcept {
    return fixed<IntegerBits>{select_using_mask(mask, then_val.raw, else_val.raw)};
}

/// Same value in another format: the raw value is shifted, saturating when
/// integer bits are dropped, rounding when fractional bits are.
template <int DstBits, int SrcBits>
constexpr fixed<DstBits> rescale(fixed<SrcBits> x) noexcept {
    return fixed<DstBits>{saturating_rounding_multiply_by_pot<SrcBits - DstBits>(x.raw)};
}

/// x * 2^Exponent exactly, by changing the format and keeping the raw value.
template <int Exponent, int IntegerBits>
constexpr fixed<IntegerBits + Exponent> exact_mul_by_pot(fixed<IntegerBits> x) noexcept {
    return fixed<IntegerBits + Exponent>{x.raw};
}

/// x * 2^Exponent within the same format: saturating or rounding.
template <int Exponent, int IntegerBits>
constexpr fixed<IntegerBits> saturating_rounding_multiply_by_pot(fixed<IntegerBits> x) noexcept {
    return fixed<IntegerBits>{saturating_rounding_multiply_by_pot<Exponent>(x.raw)};
}

/// Q0.31 raw values of exp(-1/8), 1/3 and exp(-2^k) for k = -2 .. 4: the
/// constants of gemmlowp's exp (round(value * 2^31)). The tests check them
/// against `real::exp`.
namespace q31 {
inline constexpr std::int32_t exp_minus_one_eighth = 1895147668;
inline constexpr std::int32_t one_third = 715827883;
inline constexpr std::int32_t exp_minus_pot[7] = {
    1672461947,  // exp(-1/4)
    1302514674,  // exp(-1/2)
    790015084,   // exp(-1)
    290630308,   // exp(-2)
    39332535,    // exp(-4)
    720401,      // exp(-8)
    242,         // exp(-16)
};
}  // namespace q31

/// exp(a) for a in [-1/4, 0): a fourth-order Taylor expansion around -1/8.
constexpr fixed<0> exp_on_interval_between_negative_one_quarter_and_0_excl(fixed<0> a) noexcept {
    using F = fixed<0>;
    const F constant_term = F::from_raw(q31::exp_minus_one_eighth);
    const F constant_1_over_3 = F::from_raw(q31::one_third);
    const F x = a + F::constant_pot<-3>();  // x = a + 1/8, the distance from the expansion point
    const F x2 = x * x;
    const F x3 = x2 * x;
    const F x4 = x2 * x2;
    const F x4_over_4 = saturating_rounding_multiply_by_pot<-2>(x4);
    const F x4_over_24_plus_x3_over_6_plus_x2_over_2 =
        saturating_rounding_multiply_by_pot<-1>(((x4_over_4 + x3) * constant_1_over_3) + x2);
    // 32-bit raw values: gemmlowp's AddSaturatingIf16Bit is a plain add here.
    return constant_term + constant_term * (x + x4_over_24_plus_x3_over_6_plus_x2_over_2);
}

/// exp(a) for a <= 0, as a Q0.31 number (1.0 becomes the largest Q0.31 value).
/// a = -(quarter-multiples) + (a mod 1/4 - 1/4): the remainder goes through
/// the polynomial, each set bit of the quarter-multiples multiplies by a
/// constant exp(-2^k) — a barrel shifter.
template <int IntegerBits>
constexpr fixed<0> exp_on_negative_values(fixed<IntegerBits> a) noexcept {
    static_assert(IntegerBits <= 29, "exp_on_negative_values: the input needs at least 2 fractional bits");
    using InputF = fixed<IntegerBits>;
    using ResultF = fixed<0>;
    constexpr int frac_bits = InputF::fractional_bits;
    const InputF one_quarter = InputF::template constant_pot<-2>();
    const InputF mask = one_quarter - InputF::from_raw(1);
    const InputF a_mod_quarter_minus_one_quarter = (a & mask) - one_quarter;
    ResultF result = exp_on_interval_between_negative_one_quarter_and_0_excl(rescale<0>(a_mod_quarter_minus_one_quarter));
    const std::int32_t remainder = (a_mod_quarter_minus_one_quarter - a).raw;

    // Bit (frac_bits + k) of the remainder stands for 2^k; formats with fewer
    // integer bits cannot hold it (gemmlowp: `if (kIntegerBits > Exponent)`).
    for (int k = -2; k <= 4; ++k) {
        if (IntegerBits > k) {
            const int shift = frac_bits + k;
            const ResultF multiplier = ResultF::from_raw(q31::exp_minus_pot[k + 2]);
            result = select_using_mask(mask_if_non_zero(remainder & static_cast<std::int32_t>(std::uint32_t{1} << shift)),
                                       result * multiplier, result);
        }
    }

    // Below -32 everything is 0 (only formats wide enough to hold -32 need it).
    if constexpr (IntegerBits > 5) {
        constexpr int clamp_bits = 36 - IntegerBits;
        const InputF clamp = InputF::from_raw(-(std::int32_t{1} << clamp_bits));
        result = select_using_mask(mask_if_less_than(a.raw, clamp.raw), ResultF::zero(), result);
    }
    return select_using_mask(mask_if_zero(a.raw), ResultF::one(), result);
}

/// 1 / (1 + a) for a in [0, 1): three Newton-Raphson steps on the half
/// denominator, starting from 48/17 - 32/17 * d (constants in Q2.29).
constexpr fixed<0> one_over_one_plus_x_for_x_in_0_1(fixed<0> a) noexcept {
    using F0 = fixed<0>;
    using F2 = fixed<2>;
    const F0 half_denominator = F0::from_raw(rounding_half_sum(a.raw, F0::one().raw));
    const F2 constant_48_over_17 = F2::from_raw(1515870810);
    const F2 constant_neg_32_over_17 = F2::from_raw(-1010580540);
    F2 x = constant_48_over_17 + half_denominator * constant_neg_32_over_17;
    for (int i = 0; i < 3; ++i) {
        const F2 half_denominator_times_x = half_denominator * x;
        const F2 one_minus_half_denominator_times_x = F2::one() - half_denominator_times_x;
        x = x + rescale<2>(x * one_minus_half_denominator_times_x);
    }
    return rescale<0>(exact_mul_by_pot<-1>(x));
}

/// (1 - a) / (1 + a) for a in [0, 1), the same Newton-Raphson division.
constexpr fixed<0> one_minus_x_over_one_plus_x_for_x_in_0_1(fixed<0> a) noexcept {
    using F0 = fixed<0>;
    using F2 = fixed<2>;
    const F0 half_denominator = F0::from_raw(rounding_half_sum(a.raw, F0::one().raw));
    const F2 constant_48_over_17 = F2::from_raw(1515870810);
    const F2 constant_neg_32_over_17 = F2::from_raw(-1010580540);
    F2 x = constant_48_over_17 + half_denominator * constant_neg_32_over_17;
    for (int i = 0; i < 3; ++i) {
        const F2 half_denominator_times_x = half_denominator * x;
        const F2 one_minus_half_denominator_times_x = F2::one() - half_denominator_times_x;
        x = x + rescale<2>(x * one_minus_half_denominator_times_x);
    }
    return rescale<0>(x - F2::one());
}

/// -tanh(a) for a < 0: (1 - exp(2a)) / (1 + exp(2a)).
template <int IntegerBits>
constexpr fixed<0> neg_tanh_on_negative_values(fixed<IntegerBits> a) noexcept {
    return one_minus_x_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(exact_mul_by_pot<1>(a)));
}

/// tanh(a) for any a, as a Q0.31 number.
template <int IntegerBits>
constexpr fixed<0> tanh(fixed<IntegerBits> a) noexcept {
    using InputF = fixed<IntegerBits>;
    using ResultF = fixed<0>;
    const std::int32_t mask_if_negative = mask_if_less_than(a.raw, 0);
    const std::int32_t mask_if_zero_input = mask_if_zero(a.raw);
    const InputF n = select_using_mask(mask_if_negative, a, -a);  // -|a|
    const ResultF t = neg_tanh_on_negative_values(n);
    return select_using_mask(mask_if_zero_input, ResultF::zero(), select_using_mask(mask_if_negative, -t, t));
}

/// logistic(a) = 1 / (1 + exp(-a)) for a > 0.
template <int IntegerBits>
constexpr fixed<0> logistic_on_positive_values(fixed<IntegerBits> a) noexcept {
    return one_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(-a));
}

/// logistic(a) for any a, as a Q0.31 number; logistic(-a) = 1 - logistic(a).
template <int IntegerBits>
constexpr fixed<0> logistic(fixed<IntegerBits> a) noexcept {
    using InputF = fixed<IntegerBits>;
    using ResultF = fixed<0>;
    const std::int32_t mask_if_positive = mask_if_greater_than(a.raw, 0);
    const std::int32_t mask_if_zero_input = mask_if_zero(a.raw);
    const InputF abs_input = select_using_mask(mask_if_positive, a, -a);
    const ResultF result_if_positive = logistic_on_positive_values(abs_input);
    const ResultF result_if_negative = ResultF::one() - result_if_positive;
    const ResultF one_half = ResultF::from_raw(std::int32_t{1} << 30);
    return select_using_mask(mask_if_zero_input, one_half,
                             select_using_mask(mask_if_positive, result_if_positive, result_if_negative));
}

/// TFLite's GetReciprocal: for a positive Q(x_integer_digits) number X,
/// 1/X = scale * 2^-num_bits_over_unit with `scale` a Q0.31 number in (1/2, 1]
/// (X is normalised to (1 + a) * 2^num_bits_over_unit, a in [0, 1)).
struct reciprocal {
    std::int32_t scale;
    int num_bits_over_unit;
};
constexpr reciprocal get_reciprocal(std::int32_t x, int x_integer_digits) noexcept {
    const int headroom_plus_one = count_leading_zeros(static_cast<std::uint32_t>(x));
    // x normalised to [1, 2) in Q1.31 terms, minus 1: the argument of 1/(1+a).
    const auto shifted_sum_minus_one =
        static_cast<std::int32_t>((static_cast<std::uint32_t>(x) << headroom_plus_one) - (std::uint32_t{1} << 31));
    const fixed<0> shifted_scale = one_over_one_plus_x_for_x_in_0_1(fixed<0>::from_raw(shifted_sum_minus_one));
    return {shifted_scale.raw, x_integer_digits - headroom_plus_one};
}

/// TFLite's CalculateInputRadius: the largest |input| whose rescaled value
/// (by a multiplier with this left shift) still fits Q(input_integer_bits).
constexpr std::int32_t calculate_input_radius(int input_integer_bits, int input_left_shift,
                                              int total_signed_bits = 31) noexcept {
    // Computed in double like TFLite, then floored; every term is a power of
    // two times a small integer, so the double value is exact.
    double pot_shift = 1.0;  // 2^input_left_shift (TFLite: 1ll << shift; also valid for shift < 0)
    for (int i = 0; i < input_left_shift; ++i) pot_shift *= 2.0;
    for (int i = 0; i > input_left_shift; --i) pot_shift *= 0.5;
    const double max_input_rescaled = 1.0 * static_cast<double>((1 << input_integer_bits) - 1) *
                                      static_cast<double>(std::int64_t{1} << (total_signed_bits - input_integer_bits)) /
                                      pot_shift;
    const auto truncated = static_cast<std::int64_t>(max_input_rescaled);  // positive: floor
    return static_cast<std::int32_t>(truncated);
}

/// TFLite's PreprocessSoftmaxScaling: the multiplier taking an input
/// difference to Q(input_integer_bits), beta included, capped at 2^31 - 1.
constexpr requant preprocess_softmax_scaling(double beta, double input_scale, int input_integer_bits) noexcept {
    const double uncapped = beta * input_scale * static_cast<double>(std::int64_t{1} << (31 - input_integer_bits));
    const double cap = static_cast<double>(std::int64_t{1} << 31) - 1.0;
    // QuantizeMultiplierGreaterThanOne of TFLite's default (double rounding)
    // build: unlike ctnn::fixed_point::quantize_multiplier it keeps a shift
    // of 31 (beta * input_scale > 2^5); diff_min is then 0, so only the row
    // maximum (difference 0) is ever multiplied.
    const auto [q, shift] = frexp_positive(uncapped < cap ? uncapped : cap);
    std::int64_t q_fixed = round_half_away(q * static_cast<double>(std::int64_t{1} << 31));
    int left_shift = shift;
    if (q_fixed == (std::int64_t{1} << 31)) {
        q_fixed /= 2;
        ++left_shift;
    }
    return {static_cast<std::int32_t>(q_fixed), left_shift};
}

/// TFLite Micro's logistic/tanh input scaling (logistic_common.cc, tanh.cc):
/// frexp of input_scale * 2^(31 - 4), the fraction rounded to Q0.31.
struct input_scaling {
    std::int32_t multiplier;
    int left_shift;
    std::int32_t range_radius;
};
constexpr input_scaling q4_input_scaling(float input_scale) noexcept {
    constexpr int input_integer_bits = 4;
    const double real = static_cast<double>(input_scale) * static_cast<double>(1 << (31 - input_integer_bits));
    const auto [q, exponent] = frexp_positive(real);
    std::int64_t q_fixed = round_half_away(q * static_cast<double>(std::int64_t{1} << 31));
    // TFLite casts 2^31 straight to int32 (q within 2^-32 of 1): the result
    // is platform dependent there; saturating is the faithful reading.
    if (q_fixed > std::numeric_limits<std::int32_t>::max()) q_fixed = std::numeric_limits<std::int32_t>::max();
    return {static_cast<std::int32_t>(q_fixed), exponent, calculate_input_radius(input_integer_bits, exponent, 31)};
}

// --- Float math for TFLite's lookup tables, evaluated by the compiler.
//
// The interpreter fills its tables with glibc's expf/tanhf. These functions
// return the correctly rounded float (computed in double, error below 1e-15
// relative, then rounded once); glibc's expf is correctly rounded except
// within ~0.002 ULP of a midpoint, so a table entry could differ by one ULP in
// rare cases, and only changes a byte if it also sits on a rounding boundary
// of the quantized output. The conformance tests hold them to the interpreter.
namespace real {

/// e^x in double, constexpr: x = k ln2 + r with |r| <= ln2/2 (Cody-Waite
/// split of ln2), a Taylor series for e^r, then an exact scaling by 2^k.
constexpr double exp(double x) noexcept {
    if (x > 709.0) return std::numeric_limits<double>::infinity();
    if (x < -745.2) return 0.0;
    constexpr double ln2_hi = 6.93147180369123816490e-01;  // ln2 with its low 32 bits zero: k*ln2_hi is exact
    constexpr double ln2_lo = 1.90821492927058770002e-10;
    constexpr double inv_ln2 = 1.44269504088896338700e+00;
    const double kd = x * inv_ln2;
    const auto k = static_cast<int>(kd < 0 ? kd - 0.5 : kd + 0.5);
    const double r = (x - static_cast<double>(k) * ln2_hi) - static_cast<double>(k) * ln2_lo;
    // Horner form of sum r^n / n!, n <= 22: the truncation error is < 1e-28.
    double sum = 1.0;
    for (int n = 22; n >= 1; --n) sum = 1.0 + sum * r / static_cast<double>(n);
    // Scale by 2^k in steps that stay normal until the last one.
    int e = k;
    while (e > 0) {
        sum *= 2.0;
        --e;
    }
    while (e < 0) {
        sum *= 0.5;
        ++e;
    }
    return sum;
}

/// e^x - 1 in double without cancellation near zero.
constexpr double expm1(double x) noexcept {
    if (x > -0.5 && x < 0.5) {
        // sum_{n>=1} x^n / n!, Horner form; 20 terms leave < 1e-25.
        double sum = 1.0;
        for (int n = 20; n >= 2; --n) sum = 1.0 + sum * x / static_cast<double>(n);
        return x * sum;
    }
    return exp(x) - 1.0;
}

/// expf, correctly rounded (see above).
constexpr float expf(float x) noexcept { return static_cast<float>(exp(static_cast<double>(x))); }

/// tanhf, correctly rounded: expm1(2|x|) / (expm1(2|x|) + 2).
constexpr float tanhf(float x) noexcept {
    const double ax = x < 0.0f ? -static_cast<double>(x) : static_cast<double>(x);
    const double t = ax > 20.0 ? 1.0 : expm1(2.0 * ax) / (expm1(2.0 * ax) + 2.0);
    const auto r = static_cast<float>(t);
    return x < 0.0f ? -r : r;
}

/// The float logistic of TFLite's table: 1 / (1 + expf(-x)), in float.
constexpr float logisticf(float x) noexcept { return 1.0f / (1.0f + expf(-x)); }

/// TFLite's PopulateLookupTable<int8_t>: the int8 result of `fn` for every
/// int8 input, indexed by input + 128. Each step is the same float operation
/// as TFLite's (dequantize, fn, times 1/out_scale, std::round, + zero point).
template <class Fn>
constexpr std::array<std::int8_t, 256> quantized_table(quant in, quant out, Fn fn) noexcept {
    std::array<std::int8_t, 256> table{};
    const float inverse_scale = 1.0f / out.scale();
    for (int v = -128; v <= 127; ++v) {
        const float dequantized = in.scale() * static_cast<float>(v - in.zero_point);
        const float transformed = fn(dequantized);
        const std::int32_t quantized = round_half_away(transformed * inverse_scale) + out.zero_point;
        table[static_cast<std::size_t>(v + 128)] = static_cast<std::int8_t>(clamp(quantized, -128, 127));
    }
    return table;
}

/// TFLite's PopulateSoftmaxLookupTable, indexed by the distance to the row
/// maximum: table[d] = expf(-input_scale * beta * d), d = max - x in [0, 255].
constexpr std::array<float, 256> softmax_exp_table(float input_scale, float beta) noexcept {
    std::array<float, 256> table{};
    const float scale = -input_scale * beta;
    for (int d = 0; d < 256; ++d) table[static_cast<std::size_t>(d)] = expf(scale * static_cast<float>(d));
    return table;
}

}  // namespace real
}  // namespace fixed_point
}  // namespace ctnn
