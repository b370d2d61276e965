// ops/quantize.hpp: types, shapes, in-place-ability, the requantization multiplier.
#include "ctnn/ops/quantize.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <type_traits>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;
}  // namespace

TEST_CASE("quantize: float to int8 keeps the shape, not in place", "[ops][quantize]") {
    using L = ctnn::quantize<from<0>, quant{0.5f, 1}>::bind<tensor<shape<1, 8>, ctnn::no_quant, float>>;
    STATIC_REQUIRE(std::is_same_v<L::output, tensor<shape<1, 8>, quant{0.5f, 1}, std::int8_t>>);
    STATIC_REQUIRE(L::from_float);
    STATIC_REQUIRE(!L::in_place);
    STATIC_REQUIRE(L::name == "QUANTIZE");
    STATIC_REQUIRE(ctnn::Layer<L>);
}

TEST_CASE("quantize: int8 requantize runs in place with s_in / s_out", "[ops][quantize]") {
    using L = ctnn::quantize<from<0>, quant{0.25f, -10}>::bind<tensor<shape<4, 4>, quant{0.5f, 0}>>;
    STATIC_REQUIRE(!L::from_float);
    STATIC_REQUIRE(L::in_place);
    STATIC_REQUIRE(L::multiplier.multiplier == (1 << 30));  // 2.0
    STATIC_REQUIRE(L::multiplier.shift == 2);

    using wider = ctnn::quantize<from<0>, quant{0.25f, 0}, std::int16_t>::bind<tensor<shape<4>, quant{0.5f, 0}>>;
    STATIC_REQUIRE(std::is_same_v<wider::output::value_type, std::int16_t>);
    STATIC_REQUIRE(!wider::in_place);
}
