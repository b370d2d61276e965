// ops/sub.hpp: SUB shares ADD's shapes and requantization.
#include "ctnn/ops/sub.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;
}  // namespace

TEST_CASE("sub: broadcast shape, in place on input 0, ADD's multipliers", "[ops][sub]") {
    using L = ctnn::sub<from<0, 1>, ctnn::elementwise_params{.act = ctnn::activation::relu}, quant{0.5f, -128}>::bind<
        tensor<shape<1, 6, 5>, quant{0.5f, 0}>, tensor<shape<1, 1, 1>, quant{0.125f, 4}>>;
    STATIC_REQUIRE(std::is_same_v<L::output::shape_type, shape<1, 6, 5>>);
    STATIC_REQUIRE(L::in_place);
    STATIC_REQUIRE(L::broadcasting);
    STATIC_REQUIRE(L::name == "SUB");
    STATIC_REQUIRE(std::is_same_v<L::op_tag, ctnn::sub_tag>);
    STATIC_REQUIRE(L::macs == 30);
    STATIC_REQUIRE(L::requant.real_input1 == 0.5);
    STATIC_REQUIRE(L::requant.real_input2 == 0.125);
    STATIC_REQUIRE(L::range.min == -128);  // relu: zero point
    STATIC_REQUIRE(ctnn::Layer<L>);

    using first =
        ctnn::sub<from<0, 1>, ctnn::elementwise_params{}, quant{0.5f, 0}>::bind<tensor<shape<1, 7>, quant{0.5f, 0}>,
                                                                                tensor<shape<3, 7>, quant{0.5f, 0}>>;
    STATIC_REQUIRE(std::is_same_v<first::output::shape_type, shape<3, 7>>);
    STATIC_REQUIRE(!first::in_place);
}
