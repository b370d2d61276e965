// kernels/scalar/sub.hpp: hand-computed SUB cases run through ctnn::network,
// plus golden bytes from the TFLite interpreter.
#include "ctnn/kernels/scalar/sub.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::activation;
using ctnn::elementwise_params;
using ctnn::from;
using ctnn::quant;
using ctnn::shape;

template <class Model, class A, class B>
std::vector<int> run2(const A& a, const B& b) {
    static ctnn::network<Model, ctnn::isa::scalar> net;
    for (std::size_t i = 0; i < a.size(); ++i) net.template input<0>()[i] = static_cast<std::int8_t>(a[i]);
    for (std::size_t i = 0; i < b.size(); ++i) net.template input<1>()[i] = static_cast<std::int8_t>(b[i]);
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    return out;
}

}  // namespace

TEST_CASE("sub: power-of-two scales give the exactly rounded real difference", "[kernels][sub]") {
    // y = round_half_away((a - b) / 2) - 1
    using model = ctnn::graph<ctnn::input<shape<6>, quant{0.5f, 0}>, ctnn::input<shape<6>, quant{0.5f, 0}>,
                              ctnn::sub<from<0, 1>, elementwise_params{}, quant{1.0f, -1}>>;
    CHECK(run2<model>(std::array{0, 5, 3, 0, 127, -128}, std::array{0, 2, 6, 1, -128, 127}) ==
          std::vector<int>{-1, 1, -3, -2, 127, -128});
}

TEST_CASE("sub: scalar operand and fused relu", "[kernels][sub]") {
    using model = ctnn::graph<ctnn::input<shape<1, 2, 3>, quant{1.0f, 0}>, ctnn::input<shape<1, 1, 1>, quant{1.0f, 0}>,
                              ctnn::sub<from<0, 1>, elementwise_params{.act = activation::relu}, quant{1.0f, 0}>>;
    CHECK(run2<model>(std::array{0, 5, 10, 15, 20, 25}, std::array{12}) == std::vector<int>{0, 0, 0, 3, 8, 13});
}

TEST_CASE("sub: input 0 broadcast over rows", "[kernels][sub]") {
    using model = ctnn::graph<ctnn::input<shape<1, 3>, quant{1.0f, 0}>, ctnn::input<shape<2, 3>, quant{1.0f, 0}>,
                              ctnn::sub<from<0, 1>, elementwise_params{}, quant{1.0f, 0}>>;
    CHECK(run2<model>(std::array{10, 20, 30}, std::array{1, 2, 3, 4, 5, 6}) == std::vector<int>{9, 18, 27, 6, 15, 24});
}

TEST_CASE("sub: golden bytes from the TFLite interpreter", "[kernels][sub]") {
    // Provenance: fixture sub_same_1x4x4x8, these 16 bytes tiled, ai-edge-litert 1.4 BUILTIN_REF.
    using model = ctnn::graph<ctnn::input<shape<16>, quant{0x1.00fb92p-7f, -1}>,
                              ctnn::input<shape<16>, quant{0x1.00ef0ap-7f, -1}>,
                              ctnn::sub<from<0, 1>, elementwise_params{}, quant{0x1.fd3cd8p-7f, -1}>>;
    const std::array a{123, -38, 109, 23, 56, -68, 23, 77, 98, 94, 119, -96, 71, -9, 47, -58};
    const std::array b{-65, 43, -11, 3, 112, 81, 86, 12, 123, 123, -94, -76, -50, 13, 82, -5};
    const std::vector<int> expected{94, -42, 60, 9, -29, -76, -33, 32, -14, -16, 106, -11, 60, -12, -19, -28};
    CHECK(run2<model>(a, b) == expected);
}
