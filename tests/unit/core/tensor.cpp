// ctnn/core/shape.hpp and ctnn/core/tensor.hpp: static shapes, tensor types
// and typed views over raw bytes.
#include "ctnn/core/tensor.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <type_traits>

using ctnn::shape;

static_assert(ctnn::Shape<shape<1, 2, 3>> && !ctnn::Shape<int>);
static_assert(shape<7>::elements == 7 && shape<>::elements == 1 && shape<>::rank == 0, "rank 0: one element");
static_assert(shape<2, 3, 4>::dim(-1) == 4 && shape<2, 3, 4>::dim(1) == 3);

using t8 = ctnn::tensor<shape<1, 4, 4, 3>, ctnn::quant{0.5f, 1}>;
using tf = ctnn::tensor<shape<10>, ctnn::no_quant, float>;
static_assert(ctnn::Tensor<t8> && t8::bytes == 48 && tf::bytes == 40);
static_assert(std::is_same_v<ctnn::tensor_view<t8, false>::element_type, const std::int8_t>);

TEST_CASE("a tensor view reads, writes and converts", "[tensor]") {
    std::array<std::int8_t, 48> bytes{};
    const ctnn::tensor_view<t8> view(bytes.data());
    STATIC_REQUIRE(decltype(view)::size() == 48);
    std::array<float, 48> real{};
    for (std::size_t i = 0; i < real.size(); ++i) real[i] = static_cast<float>(i) * 0.5f - 10.0f;
    view.quantize_from(real);
    CHECK(bytes[0] == -19);  // -10 / 0.5 + 1
    CHECK(view.real(47) == 13.5f);
    CHECK(view.argmax() == 47);
    std::array<float, 48> back{};
    view.dequantize_to(back);
    CHECK(back == real);  // every value is representable at scale 0.5
    view[3] = 100;
    CHECK(*(view.begin() + 3) == 100);
    CHECK(view.span().size() == 48);
}

TEST_CASE("argmax returns the first of equal maxima", "[tensor]") {
    std::array<std::int8_t, 10> v{1, 5, 5, -3, 5, 0, 0, 0, 0, 0};
    const ctnn::tensor_view<ctnn::tensor<shape<10>, ctnn::quant{1.0f, 0}>, false> view(v.data());
    CHECK(view.argmax() == 1);
}
