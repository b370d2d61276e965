// ops/reshape.hpp: RESHAPE and SQUEEZE are aliases with the right shapes, and
// the planner gives them their input's memory.
#include "ctnn/ops/reshape.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

#include "ctnn/graph/graph.hpp"
#include "ctnn/ops/input.hpp"

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;
constexpr quant q{0.02f, 5};
}  // namespace

TEST_CASE("reshape: alias with the new shape, same quantization and type", "[ops][reshape]") {
    using L = ctnn::reshape<from<0>, shape<1, 128>>::bind<tensor<shape<1, 4, 4, 8>, q>>;
    STATIC_REQUIRE(std::is_same_v<L::output, tensor<shape<1, 128>, q>>);
    STATIC_REQUIRE(L::kind == ctnn::node_kind::alias);
    STATIC_REQUIRE(L::macs == 0);
    STATIC_REQUIRE(L::name == "RESHAPE");
    STATIC_REQUIRE(ctnn::Layer<L>);

    using f = ctnn::reshape<from<0>, shape<6>>::bind<tensor<shape<2, 3>, ctnn::no_quant, float>>;
    STATIC_REQUIRE(std::is_same_v<f::output::value_type, float>);
}

TEST_CASE("squeeze: only size-1 dimensions may go", "[ops][reshape]") {
    using L = ctnn::squeeze<from<0>, shape<1, 10>>::bind<tensor<shape<1, 1, 1, 10>, q>>;
    STATIC_REQUIRE(std::is_same_v<L::output::shape_type, shape<1, 10>>);
    STATIC_REQUIRE(L::kind == ctnn::node_kind::alias);
    STATIC_REQUIRE(L::name == "SQUEEZE");
    STATIC_REQUIRE(ctnn::bits::is_squeeze_of(std::array{1, 3, 1, 2}, std::array{3, 2}));
    STATIC_REQUIRE(ctnn::bits::is_squeeze_of(std::array{1, 3, 1, 2}, std::array{1, 3, 2}));
    STATIC_REQUIRE(!ctnn::bits::is_squeeze_of(std::array{1, 3, 1, 2}, std::array{2, 3}));
    STATIC_REQUIRE(!ctnn::bits::is_squeeze_of(std::array{6}, std::array{2, 3}));
}

TEST_CASE("reshape: the planner stores it in its input's buffer", "[ops][reshape]") {
    using model = ctnn::graph<ctnn::input<shape<1, 2, 2, 4>, q>, ctnn::reshape<from<0>, shape<1, 16>>,
                              ctnn::squeeze<from<1>, shape<16>>>;
    STATIC_REQUIRE(model::memory_plan.storage_of[1] == 0);
    STATIC_REQUIRE(model::memory_plan.storage_of[2] == 0);
    STATIC_REQUIRE(model::offset<2> == model::offset<0>);
    STATIC_REQUIRE(model::arena_bytes == 16);
    STATIC_REQUIRE(model::table[1].aliased);
}
