// kernels/scalar/hard_swish.hpp: HARD_SWISH int8, TFLite's 16-bit fixed point.
#include "ctnn/kernels/scalar/hard_swish.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace {

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

}  // namespace

TEST_CASE("hard_swish: shape of the curve on power-of-two scales", "[kernels][hard_swish]") {
    // Input and output scale 1/16: x = q / 16. hard_swish(x) = x * relu6(x + 3) / 6.
    using model = ctnn::graph<ctnn::input<shape<7>, quant{0.0625f, 0}>, ctnn::hard_swish<from<0>, quant{0.0625f, 0}>>;
    // x = -4 (below -3: 0), -3 (0), -1.5 (-0.375), 0 (0), 1.5 (1.125), 3 (3), 4 (above 3: identity, 4)
    const std::vector<int> y = run<model>(std::array{-64, -48, -24, 0, 24, 48, 64});
    const std::vector<int> ideal{0, 0, -6, 0, 18, 48, 64};
    REQUIRE(y.size() == ideal.size());
    for (std::size_t i = 0; i < y.size(); ++i) CHECK(std::abs(y[i] - ideal[i]) <= 1);  // fixed-point error
}

TEST_CASE("hard_swish: golden bytes from the TFLite interpreter", "[kernels][hard_swish]") {
    // Provenance: fixtures hard_swish_1x4x4x8, hard_swish_wide (reluish left shift) and
    // hard_swish_narrow (reluish right shift) fed these 16 bytes tiled, ai-edge-litert 1.4 BUILTIN_REF.
    using mid = ctnn::graph<ctnn::input<shape<16>, quant{0x1.41381cp-5f, -1}>,
                            ctnn::hard_swish<from<0>, quant{0x1.5958d0p-6f, -110}>>;
    CHECK(run<mid>(std::array{-86, 66, 10, -119, -110, -36, 35, -87, 11, 127, -92, -92, 119, -66, 95, -37}) ==
          std::vector<int>{-110, 7, -98, -110, -110, -128, -61, -110, -97, 127, -110, -110, 113, -119, 69, -128});
    using wide = ctnn::graph<ctnn::input<shape<16>, quant{0x1.91516ap-2f, -26}>,
                             ctnn::hard_swish<from<0>, quant{0x1.e48b92p-3f, -126}>>;
    CHECK(run<wide>(std::array{65, -113, 33, 94, -42, 34, -73, -88, -128, -1, 5, -108, -70, 28, -35, -69}) ==
          std::vector<int>{25, -126, -28, 73, -126, -27, -126, -126, -126, -85, -75, -126, -126, -37, -126, -126});
    using narrow = ctnn::graph<ctnn::input<shape<16>, quant{0x1.00d7f2p-8f, 0}>,
                               ctnn::hard_swish<from<0>, quant{0x1.00d298p-9f, -22}>>;
    CHECK(run<narrow>(std::array{-127, -119, 35, -99, 88, 14, -64, 35, -87, -45, -1, 36, -93, -38, -105, -95}) ==
          std::vector<int>{-128, -123, 15, -108, 76, -8, -81, 15, -99, -64, -23, 16, -104, -58, -113, -105});
}
