// ops/mul.hpp: MUL shapes, in-place-ability and TFLite's float multiplier.
#include "ctnn/ops/mul.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;
}  // namespace

TEST_CASE("mul: broadcast shape and in place on input 0", "[ops][mul]") {
    using se = ctnn::mul<from<0, 1>, ctnn::elementwise_params{}, quant{0.1f, 0}>::bind<
        tensor<shape<1, 4, 4, 8>, quant{0.05f, 1}>, tensor<shape<1, 1, 1, 8>, quant{0.02f, -128}>>;
    STATIC_REQUIRE(std::is_same_v<se::output::shape_type, shape<1, 4, 4, 8>>);
    STATIC_REQUIRE(se::in_place);
    STATIC_REQUIRE(se::broadcasting);
    STATIC_REQUIRE(se::macs == 128);
    STATIC_REQUIRE(se::name == "MUL");
    STATIC_REQUIRE(se::input1_offset == -1);
    STATIC_REQUIRE(se::input2_offset == 128);
    STATIC_REQUIRE(ctnn::Layer<se>);

    using both = ctnn::mul<from<0, 1>, ctnn::elementwise_params{}, quant{0.1f, 0}>::bind<
        tensor<shape<1, 4, 1, 8>, quant{0.05f, 1}>, tensor<shape<1, 1, 5, 1>, quant{0.02f, 0}>>;
    STATIC_REQUIRE(std::is_same_v<both::output::shape_type, shape<1, 4, 5, 8>>);
    STATIC_REQUIRE(!both::in_place);
}

TEST_CASE("mul: the multiplier is s1 * s2 / s_out evaluated in float", "[ops][mul]") {
    constexpr quant a{0.5f, 0};
    constexpr quant b{0.25f, 0};
    using exact = ctnn::mul<from<0, 1>, ctnn::elementwise_params{}, quant{0.125f, 0}>::bind<tensor<shape<2>, a>,
                                                                                            tensor<shape<2>, b>>;
    STATIC_REQUIRE(exact::output_requant.multiplier == (1 << 30));  // 1.0 = 2^30 * 2^(1 - 31)
    STATIC_REQUIRE(exact::output_requant.shift == 1);

    // A case where float and double evaluation differ in the last bits.
    constexpr quant c{0.007842489518225193f, -1};
    constexpr quant d{0.00784099567681551f, -1};
    constexpr quant o{0.0039215688593685627f, -128};
    constexpr float real_f = c.scale() * d.scale() / o.scale();
    constexpr ctnn::requant from_float = ctnn::fixed_point::quantize_multiplier(static_cast<double>(real_f));
    constexpr ctnn::requant from_double = ctnn::fixed_point::quantize_multiplier(
        static_cast<double>(c.scale()) * static_cast<double>(d.scale()) / static_cast<double>(o.scale()));
    STATIC_REQUIRE(ctnn::bits::make_mul_requant(c, d, o).multiplier == from_float.multiplier);
    STATIC_REQUIRE(ctnn::bits::make_mul_requant(c, d, o).shift == from_float.shift);
    STATIC_REQUIRE(from_float.multiplier != from_double.multiplier);
}
