// ops/relu.hpp, ops/leaky_relu.hpp, ops/hard_swish.hpp: multipliers and ranges
// as TFLite's activations.cc Prepare() computes them.
#include <catch2/catch_test_macros.hpp>

#include <type_traits>

#include "ctnn/ops/hard_swish.hpp"
#include "ctnn/ops/leaky_relu.hpp"
#include "ctnn/ops/relu.hpp"

namespace {
using ctnn::activation;
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;
using in_t = tensor<shape<1, 8>, quant{0.5f, 0}>;
}  // namespace

TEST_CASE("relu: requantize then clamp to the activation on the output", "[ops][relu]") {
    using relu = ctnn::relu<from<0>, activation::relu, quant{0.5f, -3}>::bind<in_t>;
    STATIC_REQUIRE(relu::name == "RELU");
    STATIC_REQUIRE(relu::in_place);
    STATIC_REQUIRE(relu::range.min == -3);
    STATIC_REQUIRE(relu::range.max == 127);
    STATIC_REQUIRE(relu::multiplier.multiplier == (1 << 30));
    STATIC_REQUIRE(relu::multiplier.shift == 1);
    STATIC_REQUIRE(ctnn::Layer<relu>);

    using relu6 = ctnn::relu<from<0>, activation::relu6, quant{0.25f, 0}>::bind<in_t>;
    STATIC_REQUIRE(relu6::name == "RELU6");
    STATIC_REQUIRE(relu6::range.min == 0);
    STATIC_REQUIRE(relu6::range.max == 24);

    using n1 = ctnn::relu<from<0>, activation::relu_n1_to_1, quant{0.5f, 0}>::bind<in_t>;
    STATIC_REQUIRE(n1::name == "RELU_N1_TO_1");
    STATIC_REQUIRE(n1::range.min == -2);
    STATIC_REQUIRE(n1::range.max == 2);
}

TEST_CASE("leaky_relu: identity and alpha multipliers, negative alpha too", "[ops][leaky_relu]") {
    using L = ctnn::leaky_relu<from<0>, ctnn::leaky_relu_params{.alpha = 0.25f}, quant{0.5f, 0}>::bind<in_t>;
    STATIC_REQUIRE(L::identity.multiplier == (1 << 30));  // 1.0
    STATIC_REQUIRE(L::identity.shift == 1);
    STATIC_REQUIRE(L::alpha.multiplier == (1 << 30));  // 0.25
    STATIC_REQUIRE(L::alpha.shift == -1);
    STATIC_REQUIRE(L::in_place);
    STATIC_REQUIRE(ctnn::Layer<L>);

    using neg = ctnn::leaky_relu<from<0>, ctnn::leaky_relu_params{.alpha = -0.25f}, quant{0.5f, 0}>::bind<in_t>;
    STATIC_REQUIRE(neg::alpha.multiplier == -(1 << 30));
    STATIC_REQUIRE(neg::alpha.shift == -1);
}

TEST_CASE("hard_swish: 16-bit multipliers as TFLite downscales them", "[ops][hard_swish]") {
    using L = ctnn::hard_swish<from<0>, quant{0.5f, 0}>::bind<in_t>;
    // hires input scale 0.5 / 128; output multiplier 1/128 -> 2^14 * 2^-6 in Q15.
    STATIC_REQUIRE(L::output_multiplier.multiplier == 16384);
    STATIC_REQUIRE(L::output_multiplier.exponent == -6);
    // reluish: (0.5 / 128) / (3 / 32768) = 42.67 = 0.6667 * 2^6.
    STATIC_REQUIRE(L::reluish_multiplier.exponent == 6);
    STATIC_REQUIRE(L::reluish_multiplier.multiplier == 21845);
    STATIC_REQUIRE(L::in_place);
    STATIC_REQUIRE(ctnn::Layer<L>);
    STATIC_REQUIRE(ctnn::bits::quantize_multiplier_int16(0.99999994f).multiplier == 32767);
}
