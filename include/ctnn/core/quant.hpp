// ctnn/core/quant.hpp — quantization parameters and fused activations.
//
// A quantized value q stands for the real value scale * (q - zero_point).
// `quant` is a structural type so it can be a template argument: the float
// scale is held as its IEEE-754 bits (float template arguments are not
// portable to every C++20 compiler) and read back with std::bit_cast.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>

#include "ctnn/core/fixed_point.hpp"

namespace ctnn {

struct quant {
    std::uint32_t scale_bits = 0;
    std::int32_t zero_point = 0;

    constexpr quant() = default;
    constexpr quant(float scale, std::int32_t zp) noexcept
        : scale_bits(std::bit_cast<std::uint32_t>(scale)), zero_point(zp) {}

    [[nodiscard]] constexpr float scale() const noexcept { return std::bit_cast<float>(scale_bits); }
    friend constexpr bool operator==(const quant&, const quant&) = default;
};

/// A float usable as a template argument (held as IEEE-754 bits): op
/// parameters such as softmax's beta or leaky relu's alpha.
struct f32 {
    std::uint32_t bits = 0;
    constexpr f32() = default;
    constexpr f32(float v) noexcept : bits(std::bit_cast<std::uint32_t>(v)) {}  // NOLINT: implicit on purpose
    [[nodiscard]] constexpr float value() const noexcept { return std::bit_cast<float>(bits); }
    friend constexpr bool operator==(const f32&, const f32&) = default;
};

/// A float tensor has no quantization; this is its placeholder.
inline constexpr quant no_quant{1.0f, 0};

/// Fused activation functions, as in TFLite's builtin options.
enum class activation : std::uint8_t { none, relu, relu_n1_to_1, relu6 };

struct activation_range {
    std::int32_t min;
    std::int32_t max;
};

/// TFLite's CalculateActivationRangeQuantized for an output of type T.
template <class T = std::int8_t>
constexpr activation_range quantized_activation_range(activation act, quant out) noexcept {
    constexpr std::int32_t qmin = std::numeric_limits<T>::min();
    constexpr std::int32_t qmax = std::numeric_limits<T>::max();
    const auto quantize = [out](float f) {
        return out.zero_point + fixed_point::round_half_away(f / out.scale());
    };
    const auto max_of = [](std::int32_t lhs, std::int32_t rhs) { return lhs > rhs ? lhs : rhs; };
    const auto min_of = [](std::int32_t lhs, std::int32_t rhs) { return lhs < rhs ? lhs : rhs; };
    switch (act) {
        case activation::relu: return {max_of(qmin, quantize(0.0f)), qmax};
        case activation::relu6: return {max_of(qmin, quantize(0.0f)), min_of(qmax, quantize(6.0f))};
        case activation::relu_n1_to_1: return {max_of(qmin, quantize(-1.0f)), min_of(qmax, quantize(1.0f))};
        case activation::none: break;
    }
    return {qmin, qmax};
}

/// Float <-> int8 helpers for user I/O (the QUANTIZE/DEQUANTIZE arithmetic).
template <class T = std::int8_t>
constexpr T quantize_value(float real, quant q) noexcept {
    const std::int32_t v = fixed_point::round_half_away(real / q.scale()) + q.zero_point;
    return static_cast<T>(fixed_point::clamp(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
}

template <class T>
constexpr float dequantize_value(T v, quant q) noexcept {
    return static_cast<float>(static_cast<double>(q.scale()) *
                              static_cast<double>(static_cast<std::int32_t>(v) - q.zero_point));
}

}  // namespace ctnn
