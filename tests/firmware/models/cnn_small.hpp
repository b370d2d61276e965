// cnn_small: a DS-CNN-like image classifier, 16x16x1 -> 10 classes:
//   CONV_2D 3x3/2 SAME RELU6 (8) -> DEPTHWISE_CONV_2D 3x3 SAME RELU (x8) -> CONV_2D 1x1 RELU (16)
//   -> MAX_POOL_2D 2x2/2 -> AVERAGE_POOL_2D 4x4 -> RESHAPE [1, 16] -> FULLY_CONNECTED 10 -> SOFTMAX
// Per-channel filter scales, pseudo-random weights.
#pragma once

#include <ctnn/ctnn.hpp>
#include <ctnn/kernels/scalar/average_pool2d.hpp>
#include <ctnn/kernels/scalar/conv2d.hpp>
#include <ctnn/kernels/scalar/depthwise_conv2d.hpp>
#include <ctnn/kernels/scalar/max_pool2d.hpp>
#include <ctnn/kernels/scalar/softmax.hpp>
#include <ctnn/ops/reshape.hpp>

#include "pattern.hpp"

namespace cnn_small {
namespace data {
alignas(16) inline constexpr auto conv1_filter = fw_models::pattern<8 * 3 * 3 * 1>(21);
alignas(16) inline constexpr auto conv1_bias = fw_models::bias_pattern<8>(21, 300);
alignas(16) inline constexpr auto conv1_scales = fw_models::scale_pattern<8>(21, 0.004f);
alignas(16) inline constexpr auto dw_filter = fw_models::pattern<1 * 3 * 3 * 8>(22);
alignas(16) inline constexpr auto dw_bias = fw_models::bias_pattern<8>(22, 300);
alignas(16) inline constexpr auto dw_scales = fw_models::scale_pattern<8>(22, 0.006f);
alignas(16) inline constexpr auto pw_filter = fw_models::pattern<16 * 1 * 1 * 8>(23);
alignas(16) inline constexpr auto pw_bias = fw_models::bias_pattern<16>(23, 400);
alignas(16) inline constexpr auto pw_scales = fw_models::scale_pattern<16>(23, 0.004f);
alignas(16) inline constexpr auto fc_weights = fw_models::pattern<10 * 16>(24);
alignas(16) inline constexpr auto fc_bias = fw_models::bias_pattern<10>(24, 200);
alignas(16) inline constexpr std::array<float, 1> fc_scales = {0.0015f};
}  // namespace data

using model = ctnn::graph<
    ctnn::input<ctnn::shape<1, 16, 16, 1>, ctnn::quant{0.03f, -5}>,
    ctnn::conv2d<ctnn::from<0>,
                 ctnn::conv2d_params{.out_channels = 8, .kernel_h = 3, .kernel_w = 3, .in_channels = 1, .stride_h = 2,
                                     .stride_w = 2, .pad = ctnn::padding::same, .act = ctnn::activation::relu6},
                 ctnn::quant{0.0235f, -128}, data::conv1_filter, data::conv1_bias, data::conv1_scales>,
    ctnn::depthwise_conv2d<ctnn::from<1>,
                           ctnn::depthwise_conv2d_params{.kernel_h = 3, .kernel_w = 3, .depth_multiplier = 1,
                                                         .pad = ctnn::padding::same, .act = ctnn::activation::relu},
                           ctnn::quant{0.03f, -128}, data::dw_filter, data::dw_bias, data::dw_scales>,
    ctnn::conv2d<ctnn::from<2>,
                 ctnn::conv2d_params{.out_channels = 16, .kernel_h = 1, .kernel_w = 1, .in_channels = 8,
                                     .act = ctnn::activation::relu},
                 ctnn::quant{0.04f, -128}, data::pw_filter, data::pw_bias, data::pw_scales>,
    ctnn::max_pool2d<ctnn::from<3>, ctnn::pool2d_params{.filter_h = 2, .filter_w = 2, .stride_h = 2, .stride_w = 2},
                     ctnn::quant{0.04f, -128}>,
    ctnn::average_pool2d<ctnn::from<4>, ctnn::pool2d_params{.filter_h = 4, .filter_w = 4, .stride_h = 4, .stride_w = 4},
                         ctnn::quant{0.04f, -128}>,
    ctnn::reshape<ctnn::from<5>, ctnn::shape<1, 16>>,
    ctnn::fully_connected<ctnn::from<6>, ctnn::fully_connected_params{.units = 10, .depth = 16},
                          ctnn::quant{0.06f, 2}, data::fc_weights, data::fc_bias, data::fc_scales>,
    ctnn::softmax<ctnn::from<7>, ctnn::softmax_params{}, ctnn::quant{1.0f / 256.0f, -128}>>;
}  // namespace cnn_small
