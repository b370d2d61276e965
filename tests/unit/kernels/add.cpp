// kernels/scalar/add.hpp: hand-computed ADD cases run through ctnn::network,
// plus golden bytes from the TFLite interpreter.
#include "ctnn/kernels/scalar/add.hpp"
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

TEST_CASE("add: power-of-two scales give the exactly rounded real sum", "[kernels][add]") {
    // 0.5 * (a - 1) + 0.5 * b, on an output of scale 1 and zero point 2:
    // y = round_half_away((a - 1 + b) / 2) + 2.
    using model = ctnn::graph<ctnn::input<shape<1, 6>, quant{0.5f, 1}>, ctnn::input<shape<1, 6>, quant{0.5f, 0}>,
                              ctnn::add<from<0, 1>, elementwise_params{}, quant{1.0f, 2}>>;
    const std::array<int, 6> a{1, 2, 4, -2, 127, -128};
    const std::array<int, 6> b{0, 0, 0, 0, 127, -128};
    // (0)/2=0, (1)/2=0.5->1, (3)/2=1.5->2, (-3)/2=-1.5->-2, 253/2=126.5->127, -257/2=-128.5->-129
    CHECK(run2<model>(a, b) == std::vector<int>{2, 3, 4, 0, 127, -127});  // 129 saturates
}

TEST_CASE("add: fused relu6 clamps on the output scale", "[kernels][add]") {
    using model = ctnn::graph<ctnn::input<shape<4>, quant{0.5f, 0}>, ctnn::input<shape<4>, quant{0.5f, 0}>,
                              ctnn::add<from<0, 1>, elementwise_params{.act = activation::relu6}, quant{0.5f, 0}>>;
    // Output 0.5 scale: relu6 range [0, 12].
    CHECK(run2<model>(std::array{-5, 3, 10, 0}, std::array{1, 4, 10, 0}) == std::vector<int>{0, 7, 12, 0});
}

TEST_CASE("add: broadcasting a per-channel operand", "[kernels][add]") {
    using model = ctnn::graph<ctnn::input<shape<1, 2, 2, 3>, quant{1.0f, 0}>, ctnn::input<shape<3>, quant{1.0f, 0}>,
                              ctnn::add<from<0, 1>, elementwise_params{}, quant{1.0f, 0}>>;
    const std::array<int, 12> a{0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32};
    const std::array<int, 3> b{100, -50, 7};
    CHECK(run2<model>(a, b) == std::vector<int>{100, -49, 9, 110, -39, 19, 120, -29, 29, 127, -19, 39});
}

TEST_CASE("add: both operands broadcast", "[kernels][add]") {
    // [2, 1] + [1, 3] -> [2, 3]: y[i][j] = a[i] + b[j].
    using model = ctnn::graph<ctnn::input<shape<2, 1>, quant{1.0f, 0}>, ctnn::input<shape<1, 3>, quant{1.0f, 0}>,
                              ctnn::add<from<0, 1>, elementwise_params{}, quant{1.0f, 0}>>;
    CHECK(run2<model>(std::array{10, 20}, std::array{1, 2, 3}) == std::vector<int>{11, 12, 13, 21, 22, 23});
}

TEST_CASE("add: a residual add runs in place over its dead input", "[kernels][add]") {
    // node 2 = relu(input) in place is not allowed (input is pinned); node 3 = add(2, 1) writes over node 2.
    using model =
        ctnn::graph<ctnn::input<shape<8>, quant{1.0f, 0}>, ctnn::add<from<0, 0>, elementwise_params{}, quant{1.0f, 0}>,
                    ctnn::add<from<1, 1>, elementwise_params{}, quant{1.0f, 0}>,
                    ctnn::add<from<2, 0>, elementwise_params{}, quant{1.0f, 0}>>;
    STATIC_REQUIRE(model::memory_plan.storage_of[2] == 1);
    static ctnn::network<model, ctnn::isa::scalar> net;
    for (std::size_t i = 0; i < 8; ++i) net.input()[i] = static_cast<std::int8_t>(i);
    net.invoke();
    for (std::size_t i = 0; i < 8; ++i) CHECK(net.output()[i] == static_cast<std::int8_t>(5 * i));
}

TEST_CASE("add: golden bytes from the TFLite interpreter", "[kernels][add]") {
    // Provenance: fixture add_same_1x4x4x8 (scripts/ctnn_tools/fixtures/elementwise.py) fed these 16 bytes
    // tiled; first 16 outputs of ai-edge-litert 1.4, BUILTIN_REF. Scales as the converter chose them.
    using model = ctnn::graph<ctnn::input<shape<16>, quant{0x1.00ef0ap-7f, -1}>,
                              ctnn::input<shape<16>, quant{0x1.00fb92p-7f, -1}>,
                              ctnn::add<from<0, 1>, elementwise_params{}, quant{0x1.f9afccp-7f, 0}>>;
    const std::array a{-94, -96, 76, -1, 23, 25, 54, -121, -4, -91, -26, 109, 12, -110, 10, -95};
    const std::array b{65, 114, 122, 31, 94, -34, -91, 2, -15, 41, 126, -58, 91, -93, -39, 73};
    const std::vector<int> expected{-14, 10, 102, 16, 60, -4, -18, -59, -9, -24, 52, 27, 53, -102, -14, -10};
    CHECK(run2<model>(a, b) == expected);
}
