// ops/depthwise_conv2d.hpp: output shapes, depth multiplier, MACs and bytes.
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/depthwise_conv2d.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>

namespace {

using ctnn::depthwise_conv2d;
using ctnn::depthwise_conv2d_params;
using ctnn::from;
using ctnn::padding;
using ctnn::quant;
using ctnn::shape;

constexpr quant in_q{0.1f, 2};
constexpr quant out_q{0.2f, -1};
using in_25x5x7 = ctnn::tensor<shape<1, 25, 5, 7>, in_q>;

inline constexpr std::array<std::int8_t, 3 * 3 * 7> filter_m1{};
inline constexpr std::array<std::int8_t, 3 * 3 * 14> filter_m2{};
inline constexpr std::array<std::int32_t, 14> bias_14{};
inline constexpr std::array<float, 7> scales_7{0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f};
inline constexpr std::array<float, 1> scale_1{0.05f};

using dw_same = depthwise_conv2d<from<0>, depthwise_conv2d_params{.kernel_h = 3, .kernel_w = 3, .pad = padding::same,
                                                                  .act = ctnn::activation::relu6},
                                 out_q, filter_m1, ctnn::none, scales_7>::bind<in_25x5x7>;
static_assert(ctnn::Layer<dw_same>);
static_assert(std::is_same_v<dw_same::output::shape_type, shape<1, 25, 5, 7>>);
static_assert(dw_same::pad_top == 1 && dw_same::pad_left == 1);
static_assert(dw_same::macs == 25ull * 5 * 7 * 9);
static_assert(dw_same::per_channel && !dw_same::has_bias && dw_same::requant.size() == 7);
static_assert(dw_same::weight_bytes == 63 + 7 * sizeof(ctnn::requant));
static_assert(dw_same::range.min == -1 && dw_same::range.max == 29);  // relu6: zp .. zp + round(6 / 0.2)

using dw_m2 = depthwise_conv2d<from<0>,
                               depthwise_conv2d_params{.kernel_h = 3, .kernel_w = 3, .depth_multiplier = 2,
                                                       .stride_h = 2, .stride_w = 2, .pad = padding::valid},
                               out_q, filter_m2, bias_14, scale_1>::bind<in_25x5x7>;
static_assert(std::is_same_v<dw_m2::output::shape_type, shape<1, 12, 2, 14>>);
static_assert(dw_m2::out_c == 14 && dw_m2::depth_multiplier == 2);
static_assert(!dw_m2::per_channel && dw_m2::has_bias && dw_m2::requant.size() == 1);
static_assert(dw_m2::macs == 12ull * 2 * 14 * 9);

using dw_dilated = depthwise_conv2d<from<0>,
                                    depthwise_conv2d_params{.kernel_h = 3, .kernel_w = 3, .dilation_h = 2,
                                                            .dilation_w = 2, .pad = padding::valid},
                                    out_q, filter_m1, ctnn::none, scale_1>::bind<in_25x5x7>;
static_assert(std::is_same_v<dw_dilated::output::shape_type, shape<1, 21, 1, 7>>);

using model = ctnn::graph<ctnn::input<shape<1, 25, 5, 7>, in_q>,
                          depthwise_conv2d<from<0>, depthwise_conv2d_params{.kernel_h = 3, .kernel_w = 3,
                                                                            .depth_multiplier = 2,
                                                                            .stride_h = 2, .stride_w = 2},
                                           out_q, filter_m2, bias_14, scale_1>>;

}  // namespace

TEST_CASE("depthwise_conv2d: the layer table reports DEPTHWISE_CONV_2D", "[ops][depthwise_conv2d]") {
    CHECK(model::table[1].op == "DEPTHWISE_CONV_2D");
    CHECK(model::table[1].macs == dw_m2::macs);
    CHECK(model::table[1].output_bytes == 12u * 2u * 14u);
}
