// core/fixed_point_math.hpp: gemmlowp's Q-format math and TFLite's Prepare
// helpers (compile-time checks of known values), then runtime properties:
// each fixed-point function against the real function it approximates, the
// primitives against 64-bit references, and the compile-time float math
// against the host's libm (the functions the TFLite interpreter calls).
#include "ctnn/core/fixed_point_math.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <type_traits>

namespace {

namespace fp = ctnn::fixed_point;
using ctnn::fixed;

constexpr std::int32_t int32_max = std::numeric_limits<std::int32_t>::max();
constexpr std::int32_t int32_min = std::numeric_limits<std::int32_t>::min();

constexpr std::int64_t round_q(double v, int fractional_bits) {
    double scaled = v;
    for (int i = 0; i < fractional_bits; ++i) scaled *= 2.0;
    return fp::round_half_away(scaled);
}
constexpr double abs_of(double v) { return v < 0 ? -v : v; }

// --- the Q-format type -------------------------------------------------------
static_assert(fixed<0>::fractional_bits == 31 && fixed<5>::fractional_bits == 26);
static_assert(fixed<0>::one().raw == int32_max, "Q0.31 has no 1.0: one() is the largest value");
static_assert(fixed<5>::one().raw == 1 << 26);
static_assert(fixed<5>::constant_pot<-2>().raw == 1 << 24);
static_assert(fixed<0>::constant_pot<-3>().raw == 1 << 28);
static_assert(std::is_same_v<decltype(fixed<2>{} * fixed<3>{}), fixed<5>>, "integer bits add up in a product");
static_assert((fixed<0>::from_raw(1 << 30) * fixed<0>::from_raw(1 << 30)).raw == 1 << 29, "0.5 * 0.5 = 0.25");
static_assert((fixed<0>::from_raw(int32_min) * fixed<0>::from_raw(int32_min)).raw == int32_max, "-1 * -1 saturates");
static_assert((fixed<3>::from_raw(int32_max) + fixed<3>::from_raw(1)).raw == int32_min, "addition wraps like int32");
static_assert((-fixed<1>::from_raw(5)).raw == -5);
static_assert(fp::rescale<0>(fixed<5>::from_raw(1 << 20)).raw == 1 << 25);
static_assert(fp::rescale<0>(fixed<5>::from_raw(1 << 27)).raw == int32_max, "rescale saturates");
static_assert(fp::rescale<0>(fixed<5>::from_raw(-(1 << 27))).raw == int32_min);
static_assert(fp::rescale<12>(fixed<0>::from_raw(int32_max)).raw == 1 << 19, "rescale rounds");
static_assert(std::is_same_v<decltype(fp::exact_mul_by_pot<1>(fixed<4>{})), fixed<5>>);

// --- primitives ----------------------------------------------------------------
static_assert(fp::mask_if_non_zero(7) == -1 && fp::mask_if_non_zero(0) == 0);
static_assert(fp::mask_if_zero(0) == -1 && fp::mask_if_zero(3) == 0);
static_assert(fp::mask_if_greater_than(2, 1) == -1 && fp::mask_if_greater_than(1, 1) == 0);
static_assert(fp::mask_if_less_than(-1, 0) == -1 && fp::mask_if_less_than(0, 0) == 0);
static_assert(fp::select_using_mask(-1, 11, 22) == 11 && fp::select_using_mask(0, 11, 22) == 22);
static_assert(fp::select_using_mask(0x0000FFFF, 0x12345678, 0x7EDCBA98) == 0x7EDC5678, "bitwise, like VBSL");
static_assert(fp::rounding_half_sum(3, 4) == 4 && fp::rounding_half_sum(-3, -4) == -4, "ties away from zero");
static_assert(fp::rounding_half_sum(1, -2) == -1 && fp::rounding_half_sum(int32_max, int32_max) == int32_max);
static_assert(fp::saturating_rounding_multiply_by_pot<2>((1 << 29) - 1) == int32_max - 3);
static_assert(fp::saturating_rounding_multiply_by_pot<2>(1 << 29) == int32_max);
static_assert(fp::saturating_rounding_multiply_by_pot<2>(-(1 << 29)) == int32_min);
static_assert(fp::saturating_rounding_multiply_by_pot<-1>(3) == 2 && fp::saturating_rounding_multiply_by_pot<-1>(-3) == -2);
static_assert(fp::saturating_rounding_multiply_by_pot<0>(-12345) == -12345);
static_assert(fp::count_leading_zeros(0u) == 32 && fp::count_leading_zeros(1u) == 31);
static_assert(fp::count_leading_zeros(0x80000000u) == 0 && fp::count_leading_zeros(0x00012345u) == 15);

// --- gemmlowp's constants are round(value * 2^fractional_bits) --------------------
static_assert(fp::q31::exp_minus_one_eighth == round_q(fp::real::exp(-0.125), 31));
static_assert(fp::q31::one_third == round_q(1.0 / 3.0, 31));
static_assert(fp::q31::exp_minus_pot[0] == round_q(fp::real::exp(-0.25), 31));
static_assert(fp::q31::exp_minus_pot[1] == round_q(fp::real::exp(-0.5), 31));
static_assert(fp::q31::exp_minus_pot[2] == round_q(fp::real::exp(-1.0), 31));
static_assert(fp::q31::exp_minus_pot[3] == round_q(fp::real::exp(-2.0), 31));
static_assert(fp::q31::exp_minus_pot[4] == round_q(fp::real::exp(-4.0), 31));
static_assert(fp::q31::exp_minus_pot[5] == round_q(fp::real::exp(-8.0), 31));
static_assert(fp::q31::exp_minus_pot[6] == round_q(fp::real::exp(-16.0), 31));
static_assert(1515870810 == round_q(48.0 / 17.0, 29) && -1010580540 == round_q(-32.0 / 17.0, 29));

// --- the transcendental functions at known points -----------------------------------
static_assert(fp::exp_on_negative_values(fixed<5>::zero()) == fixed<0>::one(), "exp(0) is one()");
static_assert(fp::exp_on_negative_values(fixed<12>::from_raw(-(33 << 19))).raw == 0, "below -32 is 0");
// gemmlowp's exp is a 4th-order Taylor polynomial on [-1/4, 0): its error
// is up to (1/8)^5 / 120 = 2.5e-7, i.e. ~550 in Q0.31 raw units.
static_assert(abs_of(fp::exp_on_negative_values(fixed<5>::from_raw(-(1 << 26))).raw - 790015084) <= 560,
              "exp(-1) in Q0.31");
static_assert(abs_of(fp::exp_on_negative_values(fixed<5>::from_raw(-(3 << 25))).raw -
                     round_q(fp::real::exp(-1.5), 31)) <= 560,
              "exp(-1.5) in Q0.31");
static_assert(fp::exp_on_interval_between_negative_one_quarter_and_0_excl(fixed<0>::from_raw(-(1 << 28))).raw ==
                  fp::q31::exp_minus_one_eighth,
              "exp(-1/8) is the expansion point itself");
static_assert(fp::logistic(fixed<4>::zero()).raw == 1 << 30, "logistic(0) = 1/2 exactly");
static_assert(fp::tanh(fixed<4>::zero()).raw == 0);
static_assert(fp::logistic(fixed<4>::from_raw(int32_max)).raw > int32_max - 2048, "logistic(16) ~ 1");
static_assert(fp::logistic(fixed<4>::from_raw(int32_min + 1)).raw < 2048, "logistic(-16) ~ 0");
static_assert(fp::tanh(fixed<4>::from_raw(-(1 << 27))).raw == -fp::tanh(fixed<4>::from_raw(1 << 27)).raw, "odd");
static_assert(abs_of(fp::one_over_one_plus_x_for_x_in_0_1(fixed<0>::from_raw(1 << 30)).raw - 1431655765) <= 4,
              "1 / 1.5");

// --- TFLite's Prepare helpers ------------------------------------------------------
// GetReciprocal of 1.5 in Q12.19: no bits over unit, scale 2/3.
static_assert(fp::get_reciprocal(3 << 18, 12).num_bits_over_unit == 0);
static_assert(abs_of(fp::get_reciprocal(3 << 18, 12).scale - 1431655765) <= 4);
// ... of 6.0: two bits over unit (6 = 1.5 * 2^2).
static_assert(fp::get_reciprocal(3 << 20, 12).num_bits_over_unit == 2);
static_assert(fp::get_reciprocal(3 << 20, 12).scale == fp::get_reciprocal(3 << 18, 12).scale);
// CalculateInputRadius: floor((2^bits - 1) * 2^(31 - bits) / 2^shift).
static_assert(fp::calculate_input_radius(5, 23) == 248);
static_assert(fp::calculate_input_radius(4, 24, 31) == 120);
static_assert(fp::calculate_input_radius(5, 31) == 0);
// PreprocessSoftmaxScaling(beta 1, scale 1/16, 5 bits): 2^-4 * 2^26 = 2^22.
static_assert(fp::preprocess_softmax_scaling(1.0, 1.0 / 16, 5).multiplier == 1 << 30);
static_assert(fp::preprocess_softmax_scaling(1.0, 1.0 / 16, 5).shift == 23);
static_assert(fp::preprocess_softmax_scaling(3.0, 1.0 / 16, 5).multiplier == 3 << 29);
static_assert(fp::preprocess_softmax_scaling(3.0, 1.0 / 16, 5).shift == 24);
// Capped at 2^31 - 1, with TFLite's shift of 31 kept.
static_assert(fp::preprocess_softmax_scaling(1000.0, 1.0, 5).shift == 31);
// TFLite Micro's Q4.27 logistic/tanh input scaling for scale 1/16: 2^23.
static_assert(fp::q4_input_scaling(1.0f / 16).multiplier == 1 << 30);
static_assert(fp::q4_input_scaling(1.0f / 16).left_shift == 24);
static_assert(fp::q4_input_scaling(1.0f / 16).range_radius == 120);

// --- compile-time float math: correctly rounded values -------------------------------
static_assert(fp::real::expf(0.0f) == 1.0f);
static_assert(fp::real::expf(-1.0f) == 0x1.78b564p-2f);
static_assert(fp::real::expf(-0.5f) == 0x1.368b3p-1f);
static_assert(fp::real::expf(-10.0f) == 0x1.7cd79cp-15f);
static_assert(fp::real::expf(-100.0f) == 0x1.bp-145f, "a subnormal result");
static_assert(fp::real::expf(-200.0f) == 0.0f);
static_assert(fp::real::expf(0.25f) == 0x1.48b5e4p+0f);
static_assert(fp::real::tanhf(0.0f) == 0.0f);
static_assert(fp::real::tanhf(0.5f) == 0x1.d9353ep-2f);
static_assert(fp::real::tanhf(3.0f) == 0x1.fd77d2p-1f);
static_assert(fp::real::tanhf(-2.0f) == -0x1.ed9506p-1f);
static_assert(fp::real::tanhf(0x1p-10f) == 0x1.fffff6p-11f);
static_assert(fp::real::tanhf(0.125f) == 0x1.fd5992p-4f);
static_assert(fp::real::tanhf(30.0f) == 1.0f);
static_assert(fp::real::logisticf(0.0f) == 0.5f);

// TFLite's table: logistic over {1/16, 0} into {1/256, -128}.
constexpr auto logistic_table =
    fp::real::quantized_table(ctnn::quant{1.0f / 16, 0}, ctnn::quant{1.0f / 256, -128}, fp::real::logisticf);
static_assert(logistic_table[128] == 0, "logistic(0) = 0.5 -> 128 - 128");
static_assert(logistic_table[0] == -128 + 0, "logistic(-8) * 256 = 0.09 -> 0");
static_assert(logistic_table[255] == 127, "logistic(7.9) * 256 = 255.9 -> 256, clamped");
constexpr auto softmax_table = fp::real::softmax_exp_table(0.25f, 2.0f);
static_assert(softmax_table[0] == 1.0f && softmax_table[2] == fp::real::expf(-1.0f));

double to_real(std::int32_t raw, int integer_bits) { return std::ldexp(static_cast<double>(raw), integer_bits - 31); }

int ulp_distance(float a, float b) {
    std::int32_t ia = 0;
    std::int32_t ib = 0;
    std::memcpy(&ia, &a, sizeof a);
    std::memcpy(&ib, &b, sizeof b);
    if ((ia < 0) != (ib < 0)) return a == b ? 0 : std::numeric_limits<int>::max();
    const std::int64_t d = static_cast<std::int64_t>(ia) - static_cast<std::int64_t>(ib);
    return static_cast<int>(d < 0 ? -d : d);
}

}  // namespace

TEST_CASE("fixed point exp: close to exp on the whole Q5.26 and Q12.19 range", "[fixed_point_math]") {
    std::mt19937 rng(1);
    double worst = 0;
    for (int i = 0; i < 200000; ++i) {
        const auto raw = -static_cast<std::int32_t>(rng() & 0x7FFFFFFF);
        const double got5 = to_real(fp::exp_on_negative_values(fixed<5>::from_raw(raw)).raw, 0);
        const double err5 = std::abs(got5 - std::exp(to_real(raw, 5)));
        const double got12 = to_real(fp::exp_on_negative_values(fixed<12>::from_raw(raw)).raw, 0);
        const double x12 = to_real(raw, 12);
        const double err12 = std::abs(got12 - (x12 < -32 ? 0.0 : std::exp(x12)));
        worst = std::max({worst, err5, err12});
    }
    INFO("largest absolute error " << worst);
    CHECK(worst < 2.6e-7);  // the Taylor remainder (1/8)^5 / 120
}

TEST_CASE("fixed point logistic and tanh: close to the real functions over Q4.27", "[fixed_point_math]") {
    double worst_logistic = 0;
    double worst_tanh = 0;
    for (std::int64_t raw = int32_min; raw <= int32_max; raw += 9973) {
        const auto r = static_cast<std::int32_t>(raw);
        const double x = to_real(r, 4);
        const double l = to_real(fp::logistic(fixed<4>::from_raw(r)).raw, 0);
        const double t = to_real(fp::tanh(fixed<4>::from_raw(r)).raw, 0);
        worst_logistic = std::max(worst_logistic, std::abs(l - 1.0 / (1.0 + std::exp(-x))));
        worst_tanh = std::max(worst_tanh, std::abs(t - std::tanh(x)));
    }
    INFO("logistic " << worst_logistic << ", tanh " << worst_tanh);
    CHECK(worst_logistic < 3e-7);
    CHECK(worst_tanh < 6e-7);
}

TEST_CASE("fixed point reciprocal: 1/(1+x) and TFLite's GetReciprocal", "[fixed_point_math]") {
    for (std::int32_t raw = 0; raw < int32_max - 65537; raw += 65537) {
        const double x = to_real(raw, 0);
        const double got = to_real(fp::one_over_one_plus_x_for_x_in_0_1(fixed<0>::from_raw(raw)).raw, 0);
        const double want = 1.0 / (1.0 + x);
        REQUIRE(std::abs(got - want) < 1e-8);
        const double got2 = to_real(fp::one_minus_x_over_one_plus_x_for_x_in_0_1(fixed<0>::from_raw(raw)).raw, 0);
        REQUIRE(std::abs(got2 - (1.0 - x) / (1.0 + x)) < 1e-8);
    }
    std::mt19937 rng(2);
    for (int i = 0; i < 100000; ++i) {
        const auto x = static_cast<std::int32_t>(rng() % 0x7FFFFFFFu) + 1;  // a positive Q12.19 sum
        const auto r = fp::get_reciprocal(x, 12);
        const double got = std::ldexp(to_real(r.scale, 0), -r.num_bits_over_unit);
        const double want = 1.0 / to_real(x, 12);
        REQUIRE(std::abs(got / want - 1.0) < 1e-8);
    }
}

TEST_CASE("fixed point primitives: against 64-bit references", "[fixed_point_math]") {
    std::mt19937 rng(3);
    for (int i = 0; i < 100000; ++i) {
        const auto a = static_cast<std::int32_t>(rng());
        const auto b = static_cast<std::int32_t>(rng());
        const double half = (static_cast<double>(a) + static_cast<double>(b)) / 2.0;
        REQUIRE(fp::rounding_half_sum(a, b) == static_cast<std::int32_t>(std::round(half)));

        const std::int64_t times4 = static_cast<std::int64_t>(a) * 4;
        const std::int64_t saturated = std::clamp<std::int64_t>(times4, int32_min, int32_max);
        // gemmlowp saturates at |x| > 2^29 - 1, so -2^29 itself goes to INT32_MIN: the same value.
        REQUIRE(fp::saturating_rounding_multiply_by_pot<2>(a) == saturated);
        REQUIRE(fp::saturating_rounding_multiply_by_pot<-3>(a) ==
                static_cast<std::int32_t>(std::round(static_cast<double>(a) / 8.0)));

        const std::int32_t mask = fp::mask_if_less_than(a, b);
        REQUIRE(fp::select_using_mask(mask, a, b) == std::min(a, b));
    }
}

TEST_CASE("compile-time expf/tanhf: the host libm's values, within one or two ULP", "[fixed_point_math]") {
    // The TFLite interpreter builds its tables with the host's expf/tanhf.
    // ctnn's are correctly rounded; glibc 2.36's expf is but for ~0.06% of
    // arguments (1 ULP), its tanhf (fdlibm's) is 1 ULP off for ~4.5% and 2 ULP
    // for ~0.1%. A table byte changes only if the value also lies within those
    // ULPs of a rounding boundary of the output (~1e-6 per entry).
    std::mt19937 rng(4);
    std::uniform_real_distribution<float> exp_args(-110.0f, 10.0f);
    std::uniform_real_distribution<float> tanh_args(-12.0f, 12.0f);
    int exp_off = 0;
    int tanh_off = 0;
    for (int i = 0; i < 100000; ++i) {
        const float x = exp_args(rng);
        const int d = ulp_distance(fp::real::expf(x), std::exp(x));
        REQUIRE(d <= 1);
        exp_off += d;
        const float y = tanh_args(rng);
        const int e = ulp_distance(fp::real::tanhf(y), std::tanh(y));
        REQUIRE(e <= 2);
        tanh_off += e;
    }
    INFO("ULPs apart, summed: expf " << exp_off << ", tanhf " << tanh_off << " over 100000 arguments");
    CHECK(exp_off < 500);
    CHECK(tanh_off < 10000);
}
