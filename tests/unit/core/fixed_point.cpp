// Runtime properties of the fixed-point requantization (exact values are in
// tests/static/fixed_point.cpp).
#include "ctnn/core/fixed_point.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cmath>
#include <cstdint>
#include <random>

namespace fp = ctnn::fixed_point;

TEST_CASE("quantize_multiplier represents the real multiplier", "[fixed_point]") {
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> exponent(-30.0, 10.0);
    for (int i = 0; i < 10000; ++i) {
        const double real = std::exp2(exponent(rng));
        const auto r = fp::quantize_multiplier(real);
        REQUIRE(r.multiplier >= (1 << 30));
        const double back = static_cast<double>(r.multiplier) * std::exp2(r.shift - 31);
        REQUIRE(std::abs(back - real) <= real * 1e-9);
        int expected_shift = 0;
        std::frexp(real, &expected_shift);
        REQUIRE((r.shift == expected_shift || r.shift == expected_shift + 1));
    }
}

TEST_CASE("multiply_by_quantized_multiplier is within one of the real product", "[fixed_point]") {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> exponent(-20.0, 4.0);
    std::uniform_int_distribution<std::int32_t> value(-(1 << 24), 1 << 24);
    for (int i = 0; i < 100000; ++i) {
        const double real = std::exp2(exponent(rng));
        const auto r = fp::quantize_multiplier(real);
        const std::int32_t x = value(rng);
        const double exact = static_cast<double>(x) * static_cast<double>(r.multiplier) * std::exp2(r.shift - 31);
        const std::int32_t got = fp::multiply_by_quantized_multiplier(x, r);
        REQUIRE(std::abs(static_cast<double>(got) - exact) <= 1.0);
    }
}

TEST_CASE("rounding_divide_by_pot rounds half away from zero", "[fixed_point]") {
    for (std::int32_t x = -5000; x <= 5000; ++x)
        for (int e = 0; e < 8; ++e) {
            const double q = static_cast<double>(x) / std::exp2(e);
            const auto expected = static_cast<std::int32_t>(q < 0 ? -std::floor(-q + 0.5) : std::floor(q + 0.5));
            REQUIRE(fp::rounding_divide_by_pot(x, e) == expected);
        }
}
