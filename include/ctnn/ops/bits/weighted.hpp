// ctnn/ops/bits/weighted.hpp — the constants every op with int8 weights
// derives the same way (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED): bias,
// per-channel or per-tensor requantization, activation clamp, flash bytes.
#pragma once

#include <cstddef>

#include "ctnn/ops/op.hpp"

namespace ctnn::bits {

template <const auto& Weights, const auto& Bias, const auto& WeightScales, quant InQ, quant OutQ, activation Act>
struct weighted_layer {
    static constexpr const auto& bias = Bias;
    static constexpr bool has_bias = extent_of(Bias) != 0;
    static constexpr bool per_channel = extent_of(WeightScales) > 1;
    /// One entry (per-tensor) or one per output channel; constexpr, so in flash.
    static constexpr auto requant = make_requant<extent_of(WeightScales)>(InQ.scale(), WeightScales, OutQ.scale());
    static constexpr activation_range range = quantized_activation_range(Act, OutQ);
    /// Weights, bias and requantization data: all of it stays in flash.
    static constexpr std::size_t weight_bytes = bytes_of(Weights) + bytes_of(Bias) + sizeof(requant);
};

}  // namespace ctnn::bits
