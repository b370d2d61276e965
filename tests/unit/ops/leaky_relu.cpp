// ops/leaky_relu.hpp: identity and alpha multipliers (LeakyReluPrepare).
#include "ctnn/ops/leaky_relu.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;
using in_t = tensor<shape<1, 8>, quant{0.5f, 0}>;
}  // namespace

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
