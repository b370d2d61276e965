// kernels/scalar/mul.hpp: hand-computed MUL cases run through ctnn::network,
// plus golden bytes from the TFLite interpreter.
#include "ctnn/kernels/scalar/mul.hpp"
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

TEST_CASE("mul: multiplier one gives the integer product", "[kernels][mul]") {
    // 0.5 * 0.25 / 0.125 = 1: y = (a - 1) * (b + 2) + 3, saturated.
    using model = ctnn::graph<ctnn::input<shape<5>, quant{0.5f, 1}>, ctnn::input<shape<5>, quant{0.25f, -2}>,
                              ctnn::mul<from<0, 1>, elementwise_params{}, quant{0.125f, 3}>>;
    CHECK(run2<model>(std::array{1, 3, -2, 10, 100}, std::array{5, 3, 4, -12, 100}) ==
          std::vector<int>{3, 13, -15, -87, 127});
}

TEST_CASE("mul: a multiplier of one half rounds ties upward", "[kernels][mul]") {
    // 1 * 1 / 2 = 0.5 = 2^30 * 2^(0 - 31): SaturatingRoundingDoublingHighMul alone does the halving,
    // and it rounds ties toward +infinity: -1.5 -> -1, 1.5 -> 2, -3.5 -> -3.
    using model = ctnn::graph<ctnn::input<shape<4>, quant{1.0f, 0}>, ctnn::input<shape<4>, quant{1.0f, 0}>,
                              ctnn::mul<from<0, 1>, elementwise_params{}, quant{2.0f, 0}>>;
    CHECK(run2<model>(std::array{3, -3, 5, 7}, std::array{1, 1, 3, -1}) == std::vector<int>{2, -1, 8, -3});
}

TEST_CASE("mul: per-channel scale (squeeze-excite) with fused relu6", "[kernels][mul]") {
    using model = ctnn::graph<ctnn::input<shape<1, 2, 2>, quant{1.0f, 0}>, ctnn::input<shape<1, 1, 2>, quant{1.0f, 0}>,
                              ctnn::mul<from<0, 1>, elementwise_params{.act = activation::relu6}, quant{1.0f, 0}>>;
    CHECK(run2<model>(std::array{1, 2, 3, -4}, std::array{2, 3}) == std::vector<int>{2, 6, 6, 0});
}

TEST_CASE("mul: golden bytes from the TFLite interpreter", "[kernels][mul]") {
    // Provenance: fixtures mul_same_1x4x4x8 and mul_scales (second op), these 16 bytes tiled,
    // ai-edge-litert 1.4 BUILTIN_REF.
    using same = ctnn::graph<ctnn::input<shape<16>, quant{0x1.00ef0ap-7f, -1}>,
                             ctnn::input<shape<16>, quant{0x1.00fb92p-7f, -1}>,
                             ctnn::mul<from<0, 1>, elementwise_params{}, quant{0x1.f7a9eep-8f, 1}>>;
    CHECK(run2<same>(std::array{-125, -107, 121, 101, -51, -18, -67, -91, 91, 44, -109, -77, 16, 102, 126, -73},
                     std::array{28, -120, -84, -77, -15, -40, 58, -8, -42, 103, 32, 50, 62, -42, 100, -124}) ==
          std::vector<int>{-28, 102, -80, -61, 7, 6, -30, 6, -29, 38, -28, -30, 10, -33, 104, 72});

    using scales = ctnn::graph<ctnn::input<shape<16>, quant{0x1.6148acp-5f, -58}>,
                               ctnn::input<shape<16>, quant{0x1.818182p-6f, -128}>,
                               ctnn::mul<from<0, 1>, elementwise_params{}, quant{0x1.08d40ep-2f, -58}>>;
    CHECK(run2<scales>(
              std::array{-50, -88, -127, 127, -106, -11, 81, 48, 91, -115, -1, -120, -79, 88, -110, 22},
              std::array{-128, -112, 127, -108, -112, -128, 107, -128, -24, -128, -128, 127, -128, -38, -57, -128}) ==
          std::vector<int>{-58, -60, -127, -43, -61, -58, 70, -58, 3, -58, -58, -120, -58, -6, -72, -58});
}
