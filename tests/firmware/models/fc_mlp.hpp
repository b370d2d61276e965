// fc_mlp: two FULLY_CONNECTED layers, batch 2, fused RELU6, per-tensor then per-channel
// weights, with and without bias (the model of tests/unit/runtime/network.cpp).
#pragma once

#include <ctnn/ctnn.hpp>

#include "pattern.hpp"

namespace fc_mlp {
namespace data {
alignas(16) inline constexpr auto w1 = fw_models::pattern<32 * 20>(1);
alignas(16) inline constexpr auto b1 = fw_models::bias_pattern<32>(1, 600);
alignas(16) inline constexpr std::array<float, 1> s1 = {0.02f};
alignas(16) inline constexpr auto w2 = fw_models::pattern<12 * 32>(2);
alignas(16) inline constexpr auto s2 = fw_models::scale_pattern<12>(2, 0.005f);
}  // namespace data

using model = ctnn::graph<
    ctnn::input<ctnn::shape<2, 20>, ctnn::quant{0.05f, 3}>,
    ctnn::fully_connected<ctnn::from<0>,
                          ctnn::fully_connected_params{.units = 32, .depth = 20, .act = ctnn::activation::relu6},
                          ctnn::quant{0.25f, -100}, data::w1, data::b1, data::s1>,
    ctnn::fully_connected<ctnn::from<1>, ctnn::fully_connected_params{.units = 12, .depth = 32},
                          ctnn::quant{0.5f, 7}, data::w2, ctnn::none, data::s2>>;
}  // namespace fc_mlp
