// ctnn/core/quant.hpp: quantization parameters, f32, activation ranges and the
// float <-> int8 helpers, checked against an independent float model.
#include "ctnn/core/quant.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cmath>
#include <cstdint>
#include <random>

static_assert(ctnn::quant{0.25f, -7}.scale() == 0.25f);
static_assert(ctnn::quant{0.25f, -7} == ctnn::quant{0.25f, -7});
static_assert(!(ctnn::quant{0.25f, -7} == ctnn::quant{0.25f, -6}));
static_assert(ctnn::f32{1.5f}.value() == 1.5f && ctnn::f32{-0.0f}.bits == 0x80000000u);

TEST_CASE("quantize_value rounds half away from zero and saturates", "[quant]") {
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> real(-300.0f, 300.0f);
    std::uniform_real_distribution<float> scale(0.001f, 2.0f);
    std::uniform_int_distribution<int> zp(-128, 127);
    for (int i = 0; i < 100000; ++i) {
        const ctnn::quant q{scale(rng), zp(rng)};
        const float x = real(rng);
        const float ratio = x / q.scale();  // float division, as TFLite's AffineQuantize
        const long rounded = std::lround(ratio) + q.zero_point;
        const long expected = rounded < -128 ? -128 : (rounded > 127 ? 127 : rounded);
        REQUIRE(ctnn::quantize_value(x, q) == expected);
    }
}

TEST_CASE("dequantize_value is scale * (q - zero_point)", "[quant]") {
    const ctnn::quant q{0.1f, 5};
    for (int v = -128; v <= 127; ++v) {
        const auto expected = static_cast<float>(static_cast<double>(0.1f) * (v - 5));
        REQUIRE(ctnn::dequantize_value(static_cast<std::int8_t>(v), q) == expected);
    }
}

TEST_CASE("activation ranges follow CalculateActivationRangeQuantized", "[quant]") {
    for (int zp = -128; zp <= 127; zp += 17) {
        for (float s : {0.001f, 0.02f, 0.0235294f, 0.1f, 1.0f}) {
            const ctnn::quant q{s, zp};
            const auto at = [&](float f) { return zp + static_cast<int>(std::round(f / s)); };
            const auto relu = ctnn::quantized_activation_range(ctnn::activation::relu, q);
            const auto relu6 = ctnn::quantized_activation_range(ctnn::activation::relu6, q);
            const auto relu1 = ctnn::quantized_activation_range(ctnn::activation::relu_n1_to_1, q);
            CHECK(relu.min == std::max(-128, at(0.0f)));
            CHECK(relu.max == 127);
            CHECK(relu6.max == std::min(127, at(6.0f)));
            CHECK(relu1.min == std::max(-128, at(-1.0f)));
            CHECK(relu1.max == std::min(127, at(1.0f)));
        }
    }
}
