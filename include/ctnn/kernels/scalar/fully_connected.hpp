// ctnn/kernels/scalar/fully_connected.hpp — reference FULLY_CONNECTED, int8.
//
// The specification: TFLite's reference_integer_ops::FullyConnected
// (per-tensor) and its per-channel variant. Accumulates in int32:
//   acc = bias[u] + sum_d w[u, d] * (x[b, d] - input_zero_point)
//   y   = clamp(requantize(acc, requant[u]) + output_zero_point, act range)
//
// Rounding: the interpreter's int8 FULLY_CONNECTED (per-tensor and
// per-channel) requantizes with a single rounding, (acc * m + 2^(s-1)) >> s,
// not the double rounding of CONV_2D: measured against ai-edge-litert 1.4
// BUILTIN_REF, where double rounding differs on about 1 output in 100 and
// single rounding on none (tests/conformance, fc_* fixtures). TFLite Micro
// (numerics::tflite_micro, L::double_rounding) uses the double rounding,
// MultiplyByQuantizedMultiplier; that variant has its own op tag, so this is
// its only kernel on every ISA.
#pragma once

#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/fully_connected.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, fully_connected_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        constexpr std::int32_t input_offset = -L::input::q.zero_point;
        constexpr std::int32_t output_offset = L::output::q.zero_point;
        for (int b = 0; b < L::batches; ++b) {
            const std::int8_t* row_in = x + b * L::depth;
            for (int u = 0; u < L::units; ++u) {
                const std::int8_t* w = std::data(L::weights) + u * L::depth;
                std::int32_t acc = 0;
                for (int d = 0; d < L::depth; ++d)
                    acc += static_cast<std::int32_t>(w[d]) * (static_cast<std::int32_t>(row_in[d]) + input_offset);
                if constexpr (L::has_bias) acc += std::data(L::bias)[u];
                const requant r = L::requant[L::per_channel ? static_cast<std::size_t>(u) : 0];
                if constexpr (L::double_rounding) {
                    acc = fixed_point::multiply_by_quantized_multiplier(acc, r) + output_offset;
                } else {
                    acc = fixed_point::multiply_by_quantized_multiplier_single_round(acc, r) + output_offset;
                }
                y[b * L::units + u] = static_cast<std::int8_t>(fixed_point::clamp(acc, L::range.min, L::range.max));
            }
        }
    }
};

/// TFLite Micro's rounding: the same loop (L::double_rounding selects it).
template <>
struct kernel<isa::scalar, fully_connected_double_rounding_tag> : kernel<isa::scalar, fully_connected_tag> {};

}  // namespace ctnn
