// ops/conv2d.hpp: output shapes, padding, MACs, bytes and requantization data.
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/conv2d.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>

namespace {

using ctnn::conv2d;
using ctnn::conv2d_params;
using ctnn::from;
using ctnn::padding;
using ctnn::quant;
using ctnn::shape;

constexpr quant in_q{0.5f, -3};
constexpr quant out_q{0.25f, 5};
using input_t = ctnn::tensor<shape<1, 49, 10, 1>, in_q>;

// DS-CNN's first layer: 10x4 kernel, stride 2, SAME.
alignas(16) inline constexpr std::array<std::int8_t, 64 * 10 * 4 * 1> filter_10x4{};
inline constexpr std::array<std::int32_t, 64> bias_64{};
inline constexpr std::array<float, 64> scales_64 = [] {
    std::array<float, 64> s{};
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = 0.01f * static_cast<float>(i + 1);
    return s;
}();
inline constexpr std::array<float, 1> scale_1 = {0.02f};

using dscnn_same = conv2d<from<0>,
                          conv2d_params{.out_channels = 64, .kernel_h = 10, .kernel_w = 4, .in_channels = 1,
                                        .stride_h = 2, .stride_w = 2, .pad = padding::same,
                                        .act = ctnn::activation::relu},
                          out_q, filter_10x4, bias_64, scales_64>::bind<input_t>;
static_assert(ctnn::Layer<dscnn_same>);
static_assert(std::is_same_v<dscnn_same::output::shape_type, shape<1, 25, 5, 64>>);
static_assert(dscnn_same::pad_top == 4 && dscnn_same::pad_left == 1);
static_assert(dscnn_same::macs == 25ull * 5 * 64 * 10 * 4);
static_assert(dscnn_same::per_channel && dscnn_same::has_bias);
static_assert(dscnn_same::requant.size() == 64);
static_assert(dscnn_same::weight_bytes == 64 * 10 * 4 + 64 * 4 + 64 * sizeof(ctnn::requant));
static_assert(dscnn_same::range.min == 5 && dscnn_same::range.max == 127);  // relu: from the zero point up
static_assert(dscnn_same::output::q == out_q);

using dscnn_valid = conv2d<from<0>,
                           conv2d_params{.out_channels = 64, .kernel_h = 10, .kernel_w = 4, .in_channels = 1,
                                         .stride_h = 2, .stride_w = 2, .pad = padding::valid},
                           out_q, filter_10x4, ctnn::none, scale_1>::bind<input_t>;
static_assert(std::is_same_v<dscnn_valid::output::shape_type, shape<1, 20, 4, 64>>);
static_assert(dscnn_valid::pad_top == 0 && dscnn_valid::pad_left == 0);
static_assert(!dscnn_valid::per_channel && !dscnn_valid::has_bias);
static_assert(dscnn_valid::requant.size() == 1);
// requant = TFLite's QuantizeMultiplier(0.5 * 0.02 / 0.25 = 0.04): 0.64 * 2^-4.
static_assert(dscnn_valid::requant[0].multiplier ==
              ctnn::fixed_point::quantize_multiplier(ctnn::effective_scale(0.5f, 0.02f, 0.25f)).multiplier);
static_assert(dscnn_valid::requant[0].shift == -4);

// Dilation 2, 3x3, SAME and VALID, odd channel counts.
using in_7x7x3 = ctnn::tensor<shape<2, 7, 7, 3>, in_q>;
inline constexpr std::array<std::int8_t, 5 * 3 * 3 * 3> filter_5x3x3x3{};
using dilated_same = conv2d<from<0>,
                            conv2d_params{.out_channels = 5, .kernel_h = 3, .kernel_w = 3, .in_channels = 3,
                                          .dilation_h = 2, .dilation_w = 2, .pad = padding::same},
                            out_q, filter_5x3x3x3, ctnn::none, scale_1>::bind<in_7x7x3>;
static_assert(std::is_same_v<dilated_same::output::shape_type, shape<2, 7, 7, 5>>);
static_assert(dilated_same::pad_top == 2 && dilated_same::pad_left == 2);
using dilated_valid = conv2d<from<0>,
                             conv2d_params{.out_channels = 5, .kernel_h = 3, .kernel_w = 3, .in_channels = 3,
                                           .stride_h = 2, .stride_w = 1, .dilation_h = 2, .dilation_w = 2,
                                           .pad = padding::valid},
                             out_q, filter_5x3x3x3, ctnn::none, scale_1>::bind<in_7x7x3>;
static_assert(std::is_same_v<dilated_valid::output::shape_type, shape<2, 2, 3, 5>>);
static_assert(dilated_valid::macs == 2ull * 2 * 3 * 5 * 3 * 3 * 3);
static_assert(dilated_valid::groups == 1);

// Grouped convolution: 6 input channels, filter depth 3 -> 2 groups.
using in_4x4x6 = ctnn::tensor<shape<1, 4, 4, 6>, in_q>;
inline constexpr std::array<std::int8_t, 4 * 1 * 1 * 3> filter_4x1x1x3{};
using grouped = conv2d<from<0>, conv2d_params{.out_channels = 4, .kernel_h = 1, .kernel_w = 1, .in_channels = 3},
                       out_q, filter_4x1x1x3, ctnn::none, scale_1>::bind<in_4x4x6>;
static_assert(grouped::groups == 2 && grouped::out_c_per_group == 2);
static_assert(grouped::macs == 16ull * 4 * 3);

// In a graph: the layer table and arena.
using model = ctnn::graph<ctnn::input<shape<1, 49, 10, 1>, in_q>,
                          conv2d<from<0>,
                                 conv2d_params{.out_channels = 64, .kernel_h = 10, .kernel_w = 4, .in_channels = 1,
                                               .stride_h = 2, .stride_w = 2, .pad = padding::same},
                                 out_q, filter_10x4, bias_64, scales_64>>;
static_assert(model::macs == dscnn_same::macs);
static_assert(model::tensor<1>::bytes == 25 * 5 * 64);

}  // namespace

TEST_CASE("conv2d: the layer table reports CONV_2D with its MACs and bytes", "[ops][conv2d]") {
    const auto& row = model::table[1];
    CHECK(row.op == "CONV_2D");
    CHECK(row.macs == 25ull * 5 * 64 * 10 * 4);
    CHECK(row.output_bytes == 25u * 5u * 64u);
    CHECK(row.weight_bytes == dscnn_same::weight_bytes);
    CHECK(row.scratch_bytes == 0u);
}
