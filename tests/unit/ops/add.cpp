// ops/add.hpp, ops/bits/elementwise.hpp: output shapes under broadcasting,
// in-place-ability, MACs, and the requantization data TFLite's Prepare() makes.
#include "ctnn/ops/add.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <type_traits>

#include "ctnn/graph/graph.hpp"
#include "ctnn/ops/input.hpp"

namespace {

using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;

constexpr quant qa{0.5f, 1};
constexpr quant qb{0.25f, -3};
constexpr quant qo{1.0f, 2};

template <class A, class B>
using add_layer = ctnn::add<from<0, 1>, ctnn::elementwise_params{}, qo>::bind<A, B>;

}  // namespace

TEST_CASE("add: same shapes give that shape, flat and in place", "[ops][add]") {
    using L = add_layer<tensor<shape<1, 4, 4, 8>, qa>, tensor<shape<1, 4, 4, 8>, qb>>;
    STATIC_REQUIRE(std::is_same_v<L::output::shape_type, shape<1, 4, 4, 8>>);
    STATIC_REQUIRE(L::output::q == qo);
    STATIC_REQUIRE(!L::broadcasting);
    STATIC_REQUIRE(L::in_place);
    STATIC_REQUIRE(L::macs == 128);
    STATIC_REQUIRE(L::kind == ctnn::node_kind::compute);
    STATIC_REQUIRE(L::name == "ADD");
    STATIC_REQUIRE(ctnn::Layer<L>);
}

TEST_CASE("add: broadcasting follows TFLite (right-aligned, size-1 stretches)", "[ops][add]") {
    // Per-channel operand: input 0 keeps its shape, so the add may run in place.
    using channel = add_layer<tensor<shape<1, 4, 4, 8>, qa>, tensor<shape<8>, qb>>;
    STATIC_REQUIRE(std::is_same_v<channel::output::shape_type, shape<1, 4, 4, 8>>);
    STATIC_REQUIRE(channel::broadcasting);
    STATIC_REQUIRE(channel::in_place);
    STATIC_REQUIRE(channel::b_strides == std::array<std::size_t, 4>{0, 0, 0, 1});

    // Scalar operand.
    using scalar = add_layer<tensor<shape<1, 3, 5>, qa>, tensor<shape<1, 1, 1>, qb>>;
    STATIC_REQUIRE(std::is_same_v<scalar::output::shape_type, shape<1, 3, 5>>);
    STATIC_REQUIRE(scalar::b_strides == std::array<std::size_t, 3>{0, 0, 0});

    // Input 0 is the broadcast one: the output is larger, so not in place.
    using first = add_layer<tensor<shape<1, 1, 1, 8>, qa>, tensor<shape<1, 4, 4, 8>, qb>>;
    STATIC_REQUIRE(std::is_same_v<first::output::shape_type, shape<1, 4, 4, 8>>);
    STATIC_REQUIRE(!first::in_place);
    STATIC_REQUIRE(first::macs == 128);

    // Both sides stretch.
    using both = add_layer<tensor<shape<1, 4, 1, 8>, qa>, tensor<shape<1, 1, 5, 1>, qb>>;
    STATIC_REQUIRE(std::is_same_v<both::output::shape_type, shape<1, 4, 5, 8>>);
    STATIC_REQUIRE(both::a_strides == std::array<std::size_t, 4>{0, 8, 0, 1});
    STATIC_REQUIRE(both::b_strides == std::array<std::size_t, 4>{0, 0, 1, 0});
    STATIC_REQUIRE(!both::in_place);

    // Different ranks, same element count: no broadcasting needed, flat loop.
    using ranks = add_layer<tensor<shape<4>, qa>, tensor<shape<1, 4>, qb>>;
    STATIC_REQUIRE(std::is_same_v<ranks::output::shape_type, shape<1, 4>>);
    STATIC_REQUIRE(!ranks::broadcasting);
    STATIC_REQUIRE(ranks::in_place);
}

TEST_CASE("add: broadcast compatibility is checked per dimension", "[ops][add]") {
    using ok = ctnn::bits::broadcast<shape<2, 1, 3>, shape<4, 1>>;
    STATIC_REQUIRE(ok::compatible);
    STATIC_REQUIRE(std::is_same_v<ok::type, shape<2, 4, 3>>);
    using bad = ctnn::bits::broadcast<shape<2, 3>, shape<4>>;
    STATIC_REQUIRE(!bad::compatible);
    STATIC_REQUIRE(bad::mismatch == 1);
}

TEST_CASE("add: multipliers are TFLite's (left shift 20, twice the larger scale)", "[ops][add]") {
    using L = add_layer<tensor<shape<4>, qa>, tensor<shape<4>, qb>>;
    // twice_max = 1.0: input multipliers 0.5 and 0.25, output 1 / 2^20.
    STATIC_REQUIRE(L::left_shift == 20);
    STATIC_REQUIRE(L::requant.real_input1 == 0.5);
    STATIC_REQUIRE(L::requant.real_input2 == 0.25);
    STATIC_REQUIRE(L::requant.real_output == 1.0 / 1048576.0);
    STATIC_REQUIRE(L::requant.input1.multiplier == (1 << 30));
    STATIC_REQUIRE(L::requant.input1.shift == 0);
    STATIC_REQUIRE(L::requant.input2.multiplier == (1 << 30));
    STATIC_REQUIRE(L::requant.input2.shift == -1);
    STATIC_REQUIRE(L::requant.output.multiplier == (1 << 30));
    STATIC_REQUIRE(L::requant.output.shift == -19);
    STATIC_REQUIRE(L::input1_offset == -1);
    STATIC_REQUIRE(L::input2_offset == 3);
    STATIC_REQUIRE(L::output_offset == 2);
    STATIC_REQUIRE(L::range.min == -128);
    STATIC_REQUIRE(L::range.max == 127);
}

TEST_CASE("add: the fused activation sets the output range", "[ops][add]") {
    using relu6 = ctnn::add<from<0, 1>, ctnn::elementwise_params{.act = ctnn::activation::relu6},
                            quant{0.25f, -10}>::bind<tensor<shape<4>, qa>, tensor<shape<4>, qb>>;
    STATIC_REQUIRE(relu6::range.min == -10);
    STATIC_REQUIRE(relu6::range.max == 14);
}

TEST_CASE("add: a graph binds it to two earlier nodes", "[ops][add]") {
    using model = ctnn::graph<ctnn::input<shape<1, 2, 2, 3>, qa>, ctnn::input<shape<3>, qb>,
                              ctnn::add<from<0, 1>, ctnn::elementwise_params{}, qo>>;
    STATIC_REQUIRE(std::is_same_v<model::tensor<2>::shape_type, shape<1, 2, 2, 3>>);
    STATIC_REQUIRE(model::macs == 12);
}
