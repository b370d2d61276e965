// kernels/scalar/relu.hpp: standalone RELU / RELU6 / RELU_N1_TO_1.
#include "ctnn/kernels/scalar/relu.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::activation;
using ctnn::from;
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

constexpr std::array<int, 6> x{-128, -3, 0, 1, 5, 127};

}  // namespace

TEST_CASE("relu: same scale, clamps at the zero point", "[kernels][relu]") {
    using model =
        ctnn::graph<ctnn::input<shape<6>, quant{0.5f, 0}>, ctnn::relu<from<0>, activation::relu, quant{0.5f, 0}>>;
    CHECK(run<model>(x) == std::vector<int>{0, 0, 0, 1, 5, 127});
}

TEST_CASE("relu6: requantized to the output scale, then clamped to [0, 6]", "[kernels][relu]") {
    // 0.5 -> 0.25: y = 2 * (q - 1) - 128, within [zp, zp + 24] = [-128, -104].
    using model =
        ctnn::graph<ctnn::input<shape<6>, quant{0.5f, 1}>, ctnn::relu<from<0>, activation::relu6, quant{0.25f, -128}>>;
    CHECK(run<model>(x) == std::vector<int>{-128, -128, -128, -128, -120, -104});
}

TEST_CASE("relu_n1_to_1: clamps to [-1, 1] on the output", "[kernels][relu]") {
    using model = ctnn::graph<ctnn::input<shape<6>, quant{0.5f, 0}>,
                              ctnn::relu<from<0>, activation::relu_n1_to_1, quant{0.5f, 0}>>;
    CHECK(run<model>(x) == std::vector<int>{-2, -2, 0, 1, 2, 2});
}

TEST_CASE("relu: golden bytes from the TFLite interpreter", "[kernels][relu]") {
    // Provenance: fixtures relu_1x4x4x8, relu6_1x4x4x8, relu_n1_to_1_1x64 fed these 16 bytes tiled,
    // ai-edge-litert 1.4 BUILTIN_REF.
    using relu = ctnn::graph<ctnn::input<shape<16>, quant{0x1.41381cp-6f, -26}>,
                             ctnn::relu<from<0>, activation::relu, quant{0x1.8180f8p-7f, -128}>>;
    CHECK(run<relu>(std::array{37, 61, 124, -78, 108, -113, -92, 25, 94, 101, 61, -122, -22, 78, 7, -80}) ==
          std::vector<int>{-23, 17, 122, -128, 95, -128, -128, -43, 72, 84, 17, -128, -121, 45, -73, -128});
    using relu6 = ctnn::graph<ctnn::input<shape<16>, quant{0x1.a195bep-5f, -50}>,
                              ctnn::relu<from<0>, activation::relu6, quant{0x1.818182p-6f, -128}>>;
    CHECK(run<relu6>(std::array{46, -105, 50, -124, -36, -53, 112, 58, 39, -2, -55, 90, 114, -73, -66, -48}) ==
          std::vector<int>{80, -128, 89, -128, -98, -128, 127, 106, 65, -24, -128, 127, 127, -128, -128, -124});
    using n1 = ctnn::graph<ctnn::input<shape<16>, quant{0x1.410deep-6f, 25}>,
                           ctnn::relu<from<0>, activation::relu_n1_to_1, quant{0x1.010102p-7f, -1}>>;
    CHECK(run<n1>(std::array{-6, -62, -25, 122, -34, 112, 0, -41, 111, -17, 70, -48, 127, 63, 96, -118}) ==
          std::vector<int>{-78, -128, -126, 126, -128, 126, -63, -128, 126, -106, 111, -128, 126, 94, 126, -128});
}
