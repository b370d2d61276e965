// ops/dequantize.hpp: output type and shape.
#include "ctnn/ops/dequantize.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;
}  // namespace

TEST_CASE("dequantize: int8 to float of the same shape", "[ops][dequantize]") {
    using L = ctnn::dequantize<from<0>>::bind<tensor<shape<1, 3>, quant{0.5f, 3}>>;
    STATIC_REQUIRE(std::is_same_v<L::output, tensor<shape<1, 3>, ctnn::no_quant, float>>);
    STATIC_REQUIRE(!L::in_place);
    STATIC_REQUIRE(L::name == "DEQUANTIZE");
    STATIC_REQUIRE(ctnn::Layer<L>);
}
