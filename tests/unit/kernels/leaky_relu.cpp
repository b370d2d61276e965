// kernels/scalar/leaky_relu.hpp: LEAKY_RELU int8.
#include "ctnn/kernels/scalar/leaky_relu.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::from;
using ctnn::leaky_relu_params;
using ctnn::quant;
using ctnn::shape;

template <class Model, class A>
std::vector<int> run(const A& a) {
    static ctnn::network<Model, ctnn::isa::scalar> net;
    for (std::size_t i = 0; i < a.size(); ++i) net.input()[i] = static_cast<std::int8_t>(a[i]);
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    return out;
}

}  // namespace

TEST_CASE("leaky_relu: identity above the zero point, alpha below", "[kernels][leaky_relu]") {
    // Scales 1 -> 1, alpha 0.5: negatives halve, rounding ties upward (-2.5 -> -2, -1.5 -> -1).
    using model = ctnn::graph<ctnn::input<shape<7>, quant{1.0f, 0}>,
                              ctnn::leaky_relu<from<0>, leaky_relu_params{.alpha = 0.5f}, quant{1.0f, 0}>>;
    CHECK(run<model>(std::array{7, 0, -4, -5, -3, -128, 127}) == std::vector<int>{7, 0, -2, -2, -1, -64, 127});
}

TEST_CASE("leaky_relu: negative alpha flips the sign", "[kernels][leaky_relu]") {
    using model = ctnn::graph<ctnn::input<shape<4>, quant{1.0f, 0}>,
                              ctnn::leaky_relu<from<0>, leaky_relu_params{.alpha = -0.25f}, quant{1.0f, 0}>>;
    CHECK(run<model>(std::array{-8, -128, 8, 0}) == std::vector<int>{2, 32, 8, 0});
}

TEST_CASE("leaky_relu: golden bytes from the TFLite interpreter", "[kernels][leaky_relu]") {
    // Provenance: fixtures leaky_relu_0p2 and leaky_relu_0p7 fed these 16 bytes tiled,
    // ai-edge-litert 1.4 BUILTIN_REF.
    using a02 = ctnn::graph<ctnn::input<shape<16>, quant{0x1.817686p-6f, -1}>,
                            ctnn::leaky_relu<from<0>, leaky_relu_params{.alpha = 0.2f}, quant{0x1.ce9682p-7f, -86}>>;
    CHECK(run<a02>(std::array{-101, -111, 8, -25, 122, -66, -85, 88, -51, 61, -54, 11, -108, 41, 106, 49}) ==
          std::vector<int>{-120, -123, -71, -94, 119, -108, -114, 62, -103, 17, -104, -66, -122, -16, 92, -3});
    using a07 = ctnn::graph<ctnn::input<shape<16>, quant{0x1.00d760p-5f, 63}>,
                            ctnn::leaky_relu<from<0>, leaky_relu_params{.alpha = 0.7f}, quant{0x1.8e0f66p-6f, 45}>>;
    CHECK(run<a07>(std::array{97, 71, 17, 109, -6, -90, 14, 32, -83, -92, 41, -15, -5, 73, 47, 101}) ==
          std::vector<int>{89, 55, 3, 104, -17, -93, 1, 17, -87, -95, 25, -25, -16, 58, 31, 94});
}
