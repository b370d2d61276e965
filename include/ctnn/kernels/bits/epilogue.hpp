// ctnn/kernels/bits/epilogue.hpp — what the SIMD paths (x86, NEON) add to an accumulator after
// the dot products, ISA-neutral: the bias of an output channel, either the layer's or with the
// input offset folded in at compile time, and the scalar requantization of one output, exactly
// as the scalar kernels compute it (their fallback when the vector requantization cannot be
// proven exact).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"

namespace ctnn::bits {

/// The bias of layer L's output channel o (0 when L has none).
template <class L>
struct layer_bias {
    static constexpr std::int32_t at(int o) noexcept {
        if constexpr (L::has_bias)
            return std::data(L::bias)[o];
        else
            return 0;
    }
};

/// The bias of layer L with the input offset folded in, for kernels that multiply the raw int8
/// inputs: sum_k w[o][k] * (x[k] + input_offset) + bias[o] = sum_k w[o][k] * x[k] + at(o) with
/// at(o) = bias[o] + input_offset * sum_k w[o][k]. `W` holds `Rows` rows of `K` weights (the
/// filter in OHWI order, or FULLY_CONNECTED's [units, depth]). Computed modulo 2^32, as the
/// kernels add it: the sum is exact whenever the scalar kernel's int32 accumulator is.
template <class L, int Rows, int K, const auto& W>
struct folded_bias {
    static constexpr std::array<std::int32_t, static_cast<std::size_t>(Rows)> values = [] {
        std::array<std::int32_t, static_cast<std::size_t>(Rows)> a{};
        const auto input_offset = static_cast<std::uint32_t>(-L::input::q.zero_point);
        for (int o = 0; o < Rows; ++o) {
            std::uint32_t sum = static_cast<std::uint32_t>(layer_bias<L>::at(o));
            for (int k = 0; k < K; ++k)
                sum += input_offset * static_cast<std::uint32_t>(static_cast<std::int32_t>(std::data(W)[o * K + k]));
            a[static_cast<std::size_t>(o)] = static_cast<std::int32_t>(sum);
        }
        return a;
    }();
    static constexpr std::int32_t at(int o) noexcept { return values[static_cast<std::size_t>(o)]; }
};

/// acc + bias modulo 2^32 (the vector adds wrap the same way).
[[gnu::always_inline]] inline std::int32_t add_wrapping(std::int32_t acc, std::int32_t bias) noexcept {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(acc) + static_cast<std::uint32_t>(bias));
}

/// Output channel o of layer L from its accumulator (bias `Bias::at(o)` not yet added), as the
/// scalar CONV_2D and DEPTHWISE_CONV_2D compute it: TFLite's double rounding, zero point, clamp.
template <class L, class Bias = layer_bias<L>>
[[gnu::always_inline]] inline std::int8_t requantize(std::int32_t acc, int o) noexcept {
    const requant r = L::requant[L::per_channel ? static_cast<std::size_t>(o) : 0];
    const std::int32_t a = fixed_point::multiply_by_quantized_multiplier(add_wrapping(acc, Bias::at(o)), r) + L::output::q.zero_point;
    return static_cast<std::int8_t>(fixed_point::clamp(a, L::range.min, L::range.max));
}

/// The same with FULLY_CONNECTED's single rounding (kernels/scalar/fully_connected.hpp).
template <class L, class Bias = layer_bias<L>>
[[gnu::always_inline]] inline std::int8_t requantize_single_round(std::int32_t acc, int o) noexcept {
    const requant r = L::requant[L::per_channel ? static_cast<std::size_t>(o) : 0];
    const std::int32_t a =
        fixed_point::multiply_by_quantized_multiplier_single_round(add_wrapping(acc, Bias::at(o)), r) + L::output::q.zero_point;
    return static_cast<std::int8_t>(fixed_point::clamp(a, L::range.min, L::range.max));
}

}  // namespace ctnn::bits
