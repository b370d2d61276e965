// kernels/scalar/quantize.hpp: QUANTIZE float -> int8 (AffineQuantize: float
// division, round half away from zero) and int8 -> int8 (Requantize).
#include "ctnn/kernels/scalar/quantize.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
}  // namespace

TEST_CASE("quantize: float to int8 rounds half away from zero and saturates", "[kernels][quantize]") {
    using model = ctnn::graph<ctnn::input<shape<8>, ctnn::no_quant, float>, ctnn::quantize<from<0>, quant{0.5f, 1}>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    const std::array<float, 8> x{1.25f, -1.25f, 0.0f, 0.2f, 1000.0f, -1000.0f, std::numeric_limits<float>::infinity(),
                                 -0.74f};
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = x[i];
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    // 2.5 -> 3, -2.5 -> -3, 0, 0.4 -> 0, saturate, saturate, saturate, -1.48 -> -1; then + 1
    CHECK(out == std::vector<int>{4, -2, 1, 1, 127, -128, 127, 0});
}

TEST_CASE("quantize: golden bytes from the TFLite interpreter", "[kernels][quantize]") {
    // Provenance: fixture floatio_relu (its QUANTIZE), ai-edge-litert 1.4 BUILTIN_REF.
    using model =
        ctnn::graph<ctnn::input<shape<16>, ctnn::no_quant, float>, ctnn::quantize<from<0>, quant{0x1.41089ep-5f, 0}>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    const std::array<float, 16> x{-0x1.d90fcap+0f, -0x1.0c1d04p+0f, 0x1.0816c0p+2f,  -0x1.ebf468p+1f,
                                  -0x1.08dae8p+2f, 0x1.3ae3f0p-1f,  0x1.289246p+2f,  0x1.04a4aep+2f,
                                  0x1.004ffap+1f,  -0x1.15478ep+2f, 0x1.88319ep+1f,  0x1.d57078p+0f,
                                  -0x1.c7c4f0p+1f, -0x1.66f9ecp-2f, -0x1.206efap+2f, 0x1.8266b8p+1f};
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = x[i];
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    CHECK(out == std::vector<int>{-47, -27, 105, -98, -106, 16, 118, 104, 51, -111, 78, 47, -91, -9, -115, 77});
}

TEST_CASE("quantize: int8 requantize, in place", "[kernels][quantize]") {
    // scale 0.5 -> 0.25 (times 2), zero point 0 -> -10.
    using model = ctnn::graph<ctnn::input<shape<5>, quant{0.5f, 0}>,
                              ctnn::quantize<from<0>, quant{0.5f, 0}>,  // identity, writes a temporary
                              ctnn::quantize<from<1>, quant{0.25f, -10}>,
                              ctnn::quantize<from<2>, quant{0.25f, -10}>>;  // identity: the model output
    STATIC_REQUIRE(model::memory_plan.storage_of[2] == 1);                  // ran over its dead input
    static ctnn::network<model, ctnn::isa::scalar> net;
    const std::array<int, 5> x{5, 100, -100, 0, -59};
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = static_cast<std::int8_t>(x[i]);
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    CHECK(out == std::vector<int>{0, 127, -128, -10, -128});
}
