// Deterministic pseudo-random constants and inputs for the hand-written firmware models: the
// same bytes on the host (which computes the expected outputs) and on the target.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace fw_models {

/// N int8 values over the full range [-128, 127] from a 32-bit LCG seeded with `seed`.
template <std::size_t N>
constexpr std::array<std::int8_t, N> pattern(std::uint32_t seed) {
    std::array<std::int8_t, N> a{};
    std::uint32_t x = seed * 2654435761u + 1u;
    for (auto& v : a) {
        x = x * 1664525u + 1013904223u;
        v = static_cast<std::int8_t>(static_cast<std::int32_t>(x >> 24) - 128);
    }
    return a;
}

/// N int32 biases in [-range, range).
template <std::size_t N>
constexpr std::array<std::int32_t, N> bias_pattern(std::uint32_t seed, std::int32_t range) {
    std::array<std::int32_t, N> b{};
    std::uint32_t x = seed * 2246822519u + 7u;
    for (auto& v : b) {
        x = x * 1664525u + 1013904223u;
        v = static_cast<std::int32_t>(x % static_cast<std::uint32_t>(2 * range)) - range;
    }
    return b;
}

/// N per-channel scales in [lo, lo + 3 * lo).
template <std::size_t N>
constexpr std::array<float, N> scale_pattern(std::uint32_t seed, float lo) {
    std::array<float, N> s{};
    std::uint32_t x = seed * 3266489917u + 3u;
    for (auto& v : s) {
        x = x * 1664525u + 1013904223u;
        v = lo + lo * 3.0f * static_cast<float>(x >> 8) / 16777216.0f;
    }
    return s;
}

/// Input `index` of a test: bytes over the full int8 range (the same on host and target).
inline void fill_input(std::int8_t* data, std::size_t n, std::uint32_t index) {
    std::uint32_t x = index * 0x9E3779B9u + 0x1234567u;
    for (std::size_t i = 0; i < n; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = static_cast<std::int8_t>(static_cast<std::int32_t>(x & 0xFFu) - 128);
    }
}

}  // namespace fw_models
