// ops/relu.hpp: standalone RELU / RELU6 / RELU_N1_TO_1 multipliers and ranges as
// TFLite's activations.cc ReluPrepare / QuantizedReluX compute them.
#include "ctnn/ops/relu.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

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
