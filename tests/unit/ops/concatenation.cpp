// ops/concatenation.hpp: output shape, block sizes, copy vs requantize.
#include "ctnn/ops/concatenation.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::tensor;
constexpr quant q{0.05f, -3};
}  // namespace

TEST_CASE("concatenation: channel axis", "[ops][concatenation]") {
    using L = ctnn::concatenation<from<0, 1>, ctnn::concatenation_params{.axis = 3},
                                  q>::bind<tensor<shape<1, 4, 4, 3>, q>, tensor<shape<1, 4, 4, 5>, q>>;
    STATIC_REQUIRE(std::is_same_v<L::output::shape_type, shape<1, 4, 4, 8>>);
    STATIC_REQUIRE(L::outer == 16);
    STATIC_REQUIRE(L::inner == 1);
    STATIC_REQUIRE(L::block == std::array<std::size_t, 2>{3, 5});
    STATIC_REQUIRE(L::copy == std::array<bool, 2>{true, true});
    STATIC_REQUIRE(L::requantized_count == 0);
    STATIC_REQUIRE(L::weight_bytes == 0);
    STATIC_REQUIRE(!L::in_place);
    STATIC_REQUIRE(L::name == "CONCATENATION");
    STATIC_REQUIRE(ctnn::Layer<L>);
}

TEST_CASE("concatenation: three inputs on axis 1", "[ops][concatenation]") {
    using L = ctnn::concatenation<from<0, 1, 2>, ctnn::concatenation_params{.axis = 1}, q>::bind<
        tensor<shape<1, 2, 3, 4>, q>, tensor<shape<1, 3, 3, 4>, q>, tensor<shape<1, 1, 3, 4>, q>>;
    STATIC_REQUIRE(std::is_same_v<L::output::shape_type, shape<1, 6, 3, 4>>);
    STATIC_REQUIRE(L::outer == 1);
    STATIC_REQUIRE(L::inner == 12);
    STATIC_REQUIRE(L::block == std::array<std::size_t, 3>{24, 36, 12});
}

TEST_CASE("concatenation: an input quantized differently gets a table", "[ops][concatenation]") {
    using L = ctnn::concatenation<from<0, 1>, ctnn::concatenation_params{.axis = 0}, quant{1.0f, 0}>::bind<
        tensor<shape<2, 5>, quant{1.0f, 0}>, tensor<shape<3, 5>, quant{0.5f, 2}>>;
    STATIC_REQUIRE(std::is_same_v<L::output::shape_type, shape<5, 5>>);
    STATIC_REQUIRE(L::copy == std::array<bool, 2>{true, false});
    STATIC_REQUIRE(L::requantized_count == 1);
    STATIC_REQUIRE(L::table_of[1] == 0);
    STATIC_REQUIRE(L::weight_bytes == 256);
    // q_out = round(0.5 * q - 1): q = 3 -> 0.5 -> 1 (half away from zero), q = -1 -> -1.5 -> -2.
    STATIC_REQUIRE(L::tables[0][3 + 128] == 1);
    STATIC_REQUIRE(L::tables[0][-1 + 128] == -2);
    STATIC_REQUIRE(L::tables[0][127 + 128] == 63);
}
