// kernels/scalar/average_pool2d.hpp: hand-computed AVERAGE_POOL_2D cases.
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/average_pool2d.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::average_pool2d;
using ctnn::from;
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
using valid_model = ctnn::graph<
    ctnn::input<shape<1, 2, 4, 1>, q>,
    average_pool2d<from<0>, pool2d_params{.filter_h = 2, .filter_w = 2, .stride_h = 2, .stride_w = 2}, q>>;

using same_model = ctnn::graph<ctnn::input<shape<1, 3, 3, 1>, q>,
                               average_pool2d<from<0>,
                                              pool2d_params{.filter_h = 2, .filter_w = 2, .stride_h = 2,
                                                            .stride_w = 2, .pad = padding::same},
                                              q>>;

constexpr quant q_relu{1.0f, -3};
using relu_model = ctnn::graph<
    ctnn::input<shape<1, 1, 2, 2>, q_relu>,
    average_pool2d<from<0>, pool2d_params{.filter_h = 1, .filter_w = 2, .act = ctnn::activation::relu}, q_relu>>;

}  // namespace

TEST_CASE("average_pool2d: rounds half away from zero", "[kernels][average_pool2d]") {
    // windows {1, 1, 0, 0} -> 0.5 -> 1 and {-1, -3, 0, 1} -> -0.75 -> -1
    const std::array<int, 8> in{1, 1, -1, -3, 0, 0, 0, 1};
    CHECK(run<valid_model>(in) == std::vector<int>{1, -1});
}

TEST_CASE("average_pool2d: SAME padding is not counted", "[kernels][average_pool2d]") {
    const std::array<int, 9> in{1, 2, 3, 4, 5, 6, 7, 8, 9};
    // 12 / 4 = 3, 9 / 2 = 4.5 -> 5, 15 / 2 = 7.5 -> 8, 9 / 1 = 9
    CHECK(run<same_model>(in) == std::vector<int>{3, 5, 8, 9});
}

TEST_CASE("average_pool2d: channels pool independently; relu clamps at the zero point", "[kernels][average_pool2d]") {
    const std::array<int, 4> in{-10, 7, -20, 9};  // c0 = {-10, -20}, c1 = {7, 9}
    CHECK(run<relu_model>(in) == std::vector<int>{-3, 8});
}
