// kernels/scalar/conv2d.hpp: hand-computed CONV_2D cases run through ctnn::network.
//
// Scales are chosen so the requantization is exact: in_scale * filter_scale /
// out_scale = 1 is the identity, 0.5 halves with ties away from zero.
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::conv2d;
using ctnn::conv2d_params;
using ctnn::from;
using ctnn::padding;
using ctnn::quant;
using ctnn::shape;

inline constexpr std::array<float, 1> scale_one{1.0f};

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

// 3x3 input (real values 1..9, zero point 1), 2x2 filter {1, 2; 3, 4}, bias 10,
// VALID: 37, 47, 67, 77 (+ bias, + output zero point -2).
inline constexpr std::array<std::int8_t, 4> filter_1234{1, 2, 3, 4};
inline constexpr std::array<std::int32_t, 1> bias_10{10};
using valid_model = ctnn::graph<ctnn::input<shape<1, 3, 3, 1>, quant{1.0f, 1}>,
                                conv2d<from<0>, conv2d_params{.out_channels = 1, .kernel_h = 2, .kernel_w = 2,
                                                              .in_channels = 1},
                                       quant{1.0f, -2}, filter_1234, bias_10, scale_one>>;

// SAME, stride 1, 2x2 ones over 1..9: the padding (1 in total) goes after.
inline constexpr std::array<std::int8_t, 4> ones_2x2{1, 1, 1, 1};
using same_model = ctnn::graph<ctnn::input<shape<1, 3, 3, 1>, quant{1.0f, 0}>,
                               conv2d<from<0>, conv2d_params{.out_channels = 1, .kernel_h = 2, .kernel_w = 2,
                                                             .in_channels = 1, .pad = padding::same},
                                      quant{1.0f, 0}, ones_2x2, ctnn::none, scale_one>>;

// SAME, stride 2, 3x3 ones over a 5x5 input 1..25: padding 1 before.
inline constexpr std::array<std::int8_t, 9> ones_3x3{1, 1, 1, 1, 1, 1, 1, 1, 1};
using strided_model = ctnn::graph<ctnn::input<shape<1, 5, 5, 1>, quant{1.0f, 0}>,
                                  conv2d<from<0>, conv2d_params{.out_channels = 1, .kernel_h = 3, .kernel_w = 3,
                                                                .in_channels = 1, .stride_h = 2, .stride_w = 2,
                                                                .pad = padding::same},
                                         quant{2.0f, 0}, ones_3x3, ctnn::none, scale_one>>;

// Dilation 2, VALID: out(y, x) = in(y, x) + in(y, x+2) + in(y+2, x) + in(y+2, x+2).
using dilated_model = ctnn::graph<ctnn::input<shape<1, 5, 5, 1>, quant{1.0f, 0}>,
                                  conv2d<from<0>, conv2d_params{.out_channels = 1, .kernel_h = 2, .kernel_w = 2,
                                                                .in_channels = 1, .dilation_h = 2, .dilation_w = 2},
                                         quant{1.0f, 0}, ones_2x2, ctnn::none, scale_one>>;

// Two input, two output channels, 1x1, per-channel scales {1, 0.5}, relu,
// batch 2. Filter [o][i]: o0 = {1, -1}, o1 = {2, 3}.
inline constexpr std::array<std::int8_t, 4> filter_pc{1, -1, 2, 3};
inline constexpr std::array<float, 2> scales_pc{1.0f, 0.5f};
using per_channel_model =
    ctnn::graph<ctnn::input<shape<2, 1, 2, 2>, quant{1.0f, 0}>,
                conv2d<from<0>, conv2d_params{.out_channels = 2, .kernel_h = 1, .kernel_w = 1, .in_channels = 2,
                                              .act = ctnn::activation::relu},
                       quant{1.0f, 0}, filter_pc, ctnn::none, scales_pc>>;

// Grouped: 4 input channels, filter depth 2 -> 2 groups, 2 outputs (one per
// group). o0 reads channels 0, 1; o1 reads channels 2, 3.
inline constexpr std::array<std::int8_t, 4> filter_grouped{1, 2, 3, 4};
using grouped_model = ctnn::graph<ctnn::input<shape<1, 1, 1, 4>, quant{1.0f, 0}>,
                                  conv2d<from<0>, conv2d_params{.out_channels = 2, .kernel_h = 1, .kernel_w = 1,
                                                                .in_channels = 2},
                                         quant{1.0f, 0}, filter_grouped, ctnn::none, scale_one>>;

}  // namespace

TEST_CASE("conv2d: VALID 2x2 with bias and zero points", "[kernels][conv2d]") {
    const std::array<int, 9> in{2, 3, 4, 5, 6, 7, 8, 9, 10};  // real 1..9
    CHECK(run<valid_model>(in) == std::vector<int>{45, 55, 75, 85});
}

TEST_CASE("conv2d: SAME stride 1 pads after the last row and column", "[kernels][conv2d]") {
    const std::array<int, 9> in{1, 2, 3, 4, 5, 6, 7, 8, 9};
    CHECK(run<same_model>(in) == std::vector<int>{12, 16, 9, 24, 28, 15, 15, 17, 9});
}

TEST_CASE("conv2d: SAME stride 2 pads one before; output scale 2 rounds half away from zero", "[kernels][conv2d]") {
    std::array<int, 25> in{};
    for (int i = 0; i < 25; ++i) in[static_cast<std::size_t>(i)] = i + 1;
    // Window sums (clipped to the image): 16 33 28 / 69 117 87 / 76 123 88,
    // halved with ties away from zero.
    CHECK(run<strided_model>(in) == std::vector<int>{8, 17, 14, 35, 59, 44, 38, 62, 44});
}

TEST_CASE("conv2d: dilation 2", "[kernels][conv2d]") {
    std::array<int, 25> in{};
    for (int i = 0; i < 25; ++i) in[static_cast<std::size_t>(i)] = i + 1;
    CHECK(run<dilated_model>(in) == std::vector<int>{28, 32, 36, 48, 52, 56, 68, 72, 76});
}

TEST_CASE("conv2d: per-channel scales, relu, batch 2", "[kernels][conv2d]") {
    // pixels (c0, c1): b0: (5, 2), (1, 4); b1: (-3, 1), (7, -7)
    const std::array<int, 8> in{5, 2, 1, 4, -3, 1, 7, -7};
    // o0 = c0 - c1 (relu), o1 = (2 c0 + 3 c1) / 2 (relu)
    CHECK(run<per_channel_model>(in) == std::vector<int>{3, 8, 0, 7, 0, 0, 14, 0});
}

TEST_CASE("conv2d: grouped convolution reads its own group's channels", "[kernels][conv2d]") {
    const std::array<int, 4> in{1, 10, 100, -20};
    CHECK(run<grouped_model>(in) == std::vector<int>{21, 127});  // 1 + 20; 300 - 80 saturates
}
