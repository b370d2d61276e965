// kernels/scalar/max_pool2d.hpp: hand-computed MAX_POOL_2D cases.
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/max_pool2d.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::from;
using ctnn::max_pool2d;
using ctnn::padding;
using ctnn::pool2d_params;
using ctnn::quant;
using ctnn::shape;

template <class Model, class Input>
std::vector<int> run(const Input& in) {
    static ctnn::network<Model, ctnn::isa::scalar> net;
    auto x = net.input();
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<std::int8_t>(in[i]);
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    return out;
}

constexpr quant q{0.5f, 0};
using same_model = ctnn::graph<ctnn::input<shape<1, 3, 3, 1>, q>,
                               max_pool2d<from<0>,
                                          pool2d_params{.filter_h = 2, .filter_w = 2, .stride_h = 2, .stride_w = 2,
                                                        .pad = padding::same},
                                          q>>;

constexpr quant q_relu6{0.25f, -128};  // relu6: [-128, -128 + 24]
using relu6_model = ctnn::graph<
    ctnn::input<shape<1, 3, 2, 2>, q_relu6>,
    max_pool2d<from<0>, pool2d_params{.filter_h = 3, .filter_w = 1, .act = ctnn::activation::relu6}, q_relu6>>;

}  // namespace

TEST_CASE("max_pool2d: SAME padding never wins the max", "[kernels][max_pool2d]") {
    const std::array<int, 9> in{-4, -3, -2, -1, 0, 1, 2, 3, 4};
    CHECK(run<same_model>(in) == std::vector<int>{0, 1, 3, 4});
    const std::array<int, 9> negative{-100, -90, -80, -70, -60, -50, -40, -30, -20};
    CHECK(run<same_model>(negative) == std::vector<int>{-60, -50, -30, -20});
}

TEST_CASE("max_pool2d: relu6 clamps to the output range", "[kernels][max_pool2d]") {
    // columns x channels: (0,c0) = {-128, -120, -100}, (0,c1) = {-127, -128, -128},
    // (1,c0) = {0, 1, 2}, (1,c1) = {-110, -105, -104}
    const std::array<int, 12> in{-128, -127, 0, -110, -120, -128, 1, -105, -100, -128, 2, -104};
    CHECK(run<relu6_model>(in) == std::vector<int>{-104, -127, -104, -104});
}
