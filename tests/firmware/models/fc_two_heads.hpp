// fc_two_heads: a DAG — two FULLY_CONNECTED heads read the same input; both are outputs.
#pragma once

#include <ctnn/ctnn.hpp>

#include "pattern.hpp"

namespace fc_two_heads {
namespace data {
alignas(16) inline constexpr auto wa = fw_models::pattern<32 * 20>(11);
alignas(16) inline constexpr auto ba = fw_models::bias_pattern<32>(11, 500);
alignas(16) inline constexpr std::array<float, 1> sa = {0.02f};
alignas(16) inline constexpr auto wb = fw_models::pattern<5 * 20>(12);
alignas(16) inline constexpr std::array<float, 1> sb = {0.03f};
}  // namespace data

using model = ctnn::basic_graph<
    ctnn::outputs<1, 2>, ctnn::input<ctnn::shape<1, 20>, ctnn::quant{0.05f, 3}>,
    ctnn::fully_connected<ctnn::from<0>, ctnn::fully_connected_params{.units = 32, .depth = 20},
                          ctnn::quant{0.25f, -100}, data::wa, data::ba, data::sa>,
    ctnn::fully_connected<ctnn::from<0>, ctnn::fully_connected_params{.units = 5, .depth = 20},
                          ctnn::quant{0.3f, 1}, data::wb, ctnn::none, data::sb>>;
}  // namespace fc_two_heads
