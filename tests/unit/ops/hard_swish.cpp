// ops/hard_swish.hpp: the 16-bit multipliers of HardSwishPrepare.
#include "ctnn/ops/hard_swish.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;
using in_t = tensor<shape<1, 8>, quant{0.5f, 0}>;
}  // namespace

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
