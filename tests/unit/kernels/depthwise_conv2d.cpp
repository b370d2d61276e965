// kernels/scalar/depthwise_conv2d.hpp: hand-computed DEPTHWISE_CONV_2D cases
// run through ctnn::network (scales chosen so requantization is exact).
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/depthwise_conv2d.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::depthwise_conv2d;
using ctnn::depthwise_conv2d_params;
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

// Depth multiplier 2 over a 2x2x2 input, 2x2 VALID kernel: output channel
// c * 2 + m reads input channel c. Filter [1, 2, 2, 4], flat (ky, kx, o):
//   o0 = {1, 1, 1, 1}, o1 = {1, 0, 0, -1}, o2 = {2, 0, 0, 0}, o3 = {0, 1, 1, 0}.
inline constexpr std::array<std::int8_t, 16> filter_m2{1, 1, 2, 0,   // (0, 0)
                                                       1, 0, 0, 1,   // (0, 1)
                                                       1, 0, 0, 1,   // (1, 0)
                                                       1, -1, 0, 0};  // (1, 1)
inline constexpr std::array<std::int32_t, 4> bias_m2{0, 100, 0, 0};
using multiplier_model =
    ctnn::graph<ctnn::input<shape<1, 2, 2, 2>, quant{1.0f, 3}>,
                depthwise_conv2d<from<0>, depthwise_conv2d_params{.kernel_h = 2, .kernel_w = 2, .depth_multiplier = 2},
                                 quant{1.0f, -1}, filter_m2, bias_m2, scale_one>>;

// SAME, stride 2, 3x3 ones over 1..9: padding 1 before; output scale 2.
inline constexpr std::array<std::int8_t, 9> ones_3x3{1, 1, 1, 1, 1, 1, 1, 1, 1};
using strided_model =
    ctnn::graph<ctnn::input<shape<1, 3, 3, 1>, quant{1.0f, 0}>,
                depthwise_conv2d<from<0>, depthwise_conv2d_params{.kernel_h = 3, .kernel_w = 3, .stride_h = 2,
                                                                  .stride_w = 2, .pad = padding::same},
                                 quant{2.0f, 0}, ones_3x3, ctnn::none, scale_one>>;

// Per-channel scales {1, 0.5, 2}, 1x1, relu6 (range [0, 6] at scale 1),
// dilation 2 on a 1x1 kernel changes nothing.
inline constexpr std::array<std::int8_t, 3> filter_pc{1, 1, 1};
inline constexpr std::array<float, 3> scales_pc{1.0f, 0.5f, 2.0f};
using per_channel_model =
    ctnn::graph<ctnn::input<shape<1, 1, 2, 3>, quant{1.0f, 0}>,
                depthwise_conv2d<from<0>, depthwise_conv2d_params{.dilation_h = 2, .dilation_w = 2,
                                                                  .act = ctnn::activation::relu6},
                                 quant{1.0f, 0}, filter_pc, ctnn::none, scales_pc>>;

}  // namespace

TEST_CASE("depthwise_conv2d: depth multiplier 2 with bias and zero points", "[kernels][depthwise_conv2d]") {
    // channel 0 = {1, 2, 3, 4}, channel 1 = {-1, -2, -3, -4} (real), zero point 3
    const std::array<int, 8> in{4, 2, 5, 1, 6, 0, 7, -1};
    // o0 = 10, o1 = 1 - 4 + 100 = 97, o2 = -2, o3 = -5; output zero point -1
    CHECK(run<multiplier_model>(in) == std::vector<int>{9, 96, -3, -6});
}

TEST_CASE("depthwise_conv2d: SAME stride 2 pads one before", "[kernels][depthwise_conv2d]") {
    const std::array<int, 9> in{1, 2, 3, 4, 5, 6, 7, 8, 9};
    CHECK(run<strided_model>(in) == std::vector<int>{6, 8, 12, 14});  // 12 16 24 28, halved
}

TEST_CASE("depthwise_conv2d: per-channel scales and relu6", "[kernels][depthwise_conv2d]") {
    const std::array<int, 6> in{5, 9, 2, -4, 3, 4};
    // x1, x0.5, x2, clamped to [0, 6]: 5 5 4 / 0 2 6
    CHECK(run<per_channel_model>(in) == std::vector<int>{5, 5, 4, 0, 2, 6});
}
