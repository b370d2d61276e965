// fc_autoencoder: the shape of MLPerf Tiny's anomaly-detection model (ToyADMOS), a stack of
// FULLY_CONNECTED layers 640 -> 128 x4 -> 8 -> 128 x4 -> 640 with fused RELU: 264,192 MACs.
// Weights are pseudo-random; it is the benchmark-sized FC model of the firmware tests.
#pragma once

#include <ctnn/ctnn.hpp>

#include "pattern.hpp"

namespace fc_autoencoder {
namespace data {
template <int Units, int Depth, std::uint32_t Seed>
struct layer {
    alignas(16) static constexpr auto weights = fw_models::pattern<static_cast<std::size_t>(Units * Depth)>(Seed);
    alignas(16) static constexpr auto bias = fw_models::bias_pattern<static_cast<std::size_t>(Units)>(Seed, 2000);
    alignas(16) static constexpr auto scales = fw_models::scale_pattern<static_cast<std::size_t>(Units)>(Seed, 0.002f);
};
using l0 = layer<128, 640, 100>;
using l1 = layer<128, 128, 101>;
using l2 = layer<128, 128, 102>;
using l3 = layer<128, 128, 103>;
using l4 = layer<8, 128, 104>;
using l5 = layer<128, 8, 105>;
using l6 = layer<128, 128, 106>;
using l7 = layer<128, 128, 107>;
using l8 = layer<128, 128, 108>;
using l9 = layer<640, 128, 109>;
}  // namespace data

template <int From, class L, int Units, int Depth, ctnn::activation Act, ctnn::quant Q>
using fc = ctnn::fully_connected<ctnn::from<From>, ctnn::fully_connected_params{.units = Units, .depth = Depth, .act = Act},
                                 Q, L::weights, L::bias, L::scales>;

inline constexpr auto relu = ctnn::activation::relu;
inline constexpr auto none = ctnn::activation::none;

using model = ctnn::graph<
    ctnn::input<ctnn::shape<1, 640>, ctnn::quant{0.08f, -10}>,
    fc<0, data::l0, 128, 640, relu, ctnn::quant{0.06f, -128}>,
    fc<1, data::l1, 128, 128, relu, ctnn::quant{0.05f, -128}>,
    fc<2, data::l2, 128, 128, relu, ctnn::quant{0.05f, -128}>,
    fc<3, data::l3, 128, 128, relu, ctnn::quant{0.05f, -128}>,
    fc<4, data::l4, 8, 128, relu, ctnn::quant{0.04f, -128}>,
    fc<5, data::l5, 128, 8, relu, ctnn::quant{0.01f, -128}>,
    fc<6, data::l6, 128, 128, relu, ctnn::quant{0.05f, -128}>,
    fc<7, data::l7, 128, 128, relu, ctnn::quant{0.05f, -128}>,
    fc<8, data::l8, 128, 128, relu, ctnn::quant{0.05f, -128}>,
    fc<9, data::l9, 640, 128, none, ctnn::quant{0.1f, 5}>>;
}  // namespace fc_autoencoder
