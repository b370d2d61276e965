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

TEST_CASE("quantize: int16 to int32 widens, never in place, and checks int32 overflow", "[ops][quantize]") {
    // keyword_scrambled_8bit's output: s_in / s_out = 32767 / 65535, just under 0.5.
    using L = ctnn::quantize<from<0>, quant{0x1.0002p-15f, 0}, std::int32_t>::bind<
        tensor<shape<1, 2>, quant{0x1.0001p-16f, -32768}, std::int16_t>>;
    STATIC_REQUIRE(std::is_same_v<L::output, tensor<shape<1, 2>, quant{0x1.0002p-15f, 0}, std::int32_t>>);
    STATIC_REQUIRE(L::output::bytes == 8);
    STATIC_REQUIRE(L::to_int32 && L::int32_fits);
    STATIC_REQUIRE(!L::in_place);
    STATIC_REQUIRE(L::multiplier.shift == -1);  // 0.49999 = 0.99998 * 2^-1
    STATIC_REQUIRE(L::multiplier.multiplier == 2147450881);

    // int8 -> int32 (TFLite Micro): 256 / 0.001 * 0.25 stays far inside int32.
    using from8 = ctnn::quantize<from<0>, quant{0.001f, -1000}, std::int32_t>::bind<tensor<shape<4>, quant{0.25f, 3}>>;
    STATIC_REQUIRE(from8::int32_fits && !from8::in_place);

    // The bound: |x - zp| up to 65535, shifted left by the multiplier's shift; 2^15 (shift 16) overflows.
    using edge = ctnn::quantize<from<0>, quant{1.0f, 0}, std::int32_t>::bind<tensor<shape<4>, quant{16384.0f, 0}, std::int16_t>>;
    STATIC_REQUIRE(edge::multiplier.shift == 15);
    STATIC_REQUIRE(edge::int32_fits);  // 32768 << 15 = 2^30
}
