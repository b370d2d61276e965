// tests/kernels/variant_data.hpp — the pseudo-random constants of the kernel variants
// (variants.inc): weights, biases, scales and zero points made at compile time from each
// variant's seed. Shared by the firmware test (kernel_test.cpp) and the host test
// (host_kernel_test.cpp), so both run exactly the same models.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace kt {

constexpr std::uint32_t mix(std::uint32_t x) noexcept {
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

/// N int8 values over the full range, from `seed`.
template <std::size_t N>
constexpr std::array<std::int8_t, N> int8s(std::uint32_t seed) {
    std::array<std::int8_t, N> a{};
    for (std::size_t i = 0; i < N; ++i)
        a[i] = static_cast<std::int8_t>(static_cast<std::int32_t>(mix(seed * 0x9E3779B9u + static_cast<std::uint32_t>(i)) & 0xFFu) - 128);
    return a;
}

/// N biases in [-range, range); range 0: huge biases, |b| in (2^30 - 2^14, 2^30], which no
/// fast requantization can take (the accumulators' bound exceeds 2^30).
template <std::size_t N>
constexpr std::array<std::int32_t, N> biases(std::uint32_t seed, std::int32_t range) {
    std::array<std::int32_t, N> b{};
    for (std::size_t i = 0; i < N; ++i) {
        const std::uint32_t r = mix(seed * 0x85EBCA6Bu + static_cast<std::uint32_t>(i));
        if (range == 0) {
            const std::int32_t magnitude = (std::int32_t{1} << 30) - static_cast<std::int32_t>(r >> 18);
            b[i] = (r & 1u) != 0 ? magnitude : -magnitude;
        } else {
            b[i] = static_cast<std::int32_t>(r % static_cast<std::uint32_t>(2 * range)) - range;
        }
    }
    return b;
}

/// N scales in [lo, 4 lo).
template <std::size_t N>
constexpr std::array<float, N> scales(std::uint32_t seed, float lo) {
    std::array<float, N> s{};
    for (std::size_t i = 0; i < N; ++i)
        s[i] = lo + lo * 3.0f * static_cast<float>(mix(seed * 0xC2B2AE35u + static_cast<std::uint32_t>(i)) >> 8) / 16777216.0f;
    return s;
}

constexpr std::int32_t zero_point(std::uint32_t seed, std::uint32_t salt) noexcept {
    return static_cast<std::int32_t>(mix(seed * 31u + salt) & 0xFFu) - 128;
}

/// Quantization of a variant, by mode (variants.inc).
struct qparams {
    float in_scale, w_scale, out_scale;
    std::int32_t bias_range;
};
constexpr qparams quantization(int mode) noexcept {
    switch (mode) {
        case 1: return {0.03f, 0.004f, 0.05f, 0};
        case 2: return {0.5f, 0.05f, 0.01f, 2000};
        case 3: return {0.03f, 0.004f, 0.4f, 2000};
        case 4: return {0.03f, 0.004f, 6.0f / 255.0f, 2000};
        default: return {0.03f, 0.004f, 0.05f, 2000};
    }
}
/// The output zero point: MobileNet's -128 (RELU6 then spans the whole int8 range) in mode 4.
constexpr std::int32_t output_zero_point(std::uint32_t seed, int mode) noexcept {
    return mode == 4 ? -128 : zero_point(seed, 2);
}
constexpr bool per_channel(std::uint32_t seed) noexcept { return seed % 2 == 0; }
constexpr bool with_bias(std::uint32_t seed) noexcept { return seed % 3 != 2; }

}  // namespace kt
