// ctnn/kernels/x86/bits/requant.hpp — TFLite's double-rounding requantization
// (fixed_point::multiply_by_quantized_multiplier) on 8 int32 lanes with AVX2 and on 4 with
// SSE4.1, bit for bit, from one per-channel table whose shifts each ISA encodes its own way.
//
//   x << left_shift, wrapping like shift_left_wrapping: VPSLLVD (AVX2); PMULLD by 2^left (SSE4.1,
//     which has no per-lane shifts; the low 32 bits of the product are the wrapped shift);
//   saturating_rounding_doubling_high_mul(x, m): (x*m + nudge) / 2^31 truncated equals
//     floor((x*m + 2^30) / 2^31) for either sign of x*m, whose low 32 bits are bits 31..62 of
//     the 64-bit sum (PMULDQ on even and odd lanes, a logical shift suffices); the one
//     saturating case (x == m == INT32_MIN) cannot occur: multipliers are >= 0 (the table's
//     `vector_ok` checks it, else the scalar function runs);
//   rounding_divide_by_pot(h, right): floor(h / 2^right) by VPSRAVD (AVX2) or, on SSE4.1, as
//     bits 30..61 of the 64-bit product h * 2^(30 - right) (PMULDQ, right <= 30), then + 1 where
//     the remainder h & (2^right - 1) exceeds the threshold, as the scalar function does.
// Then + bias before, + output zero point and the activation clamp after.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/bits/epilogue.hpp"

#if defined(__SSE4_1__)
#include <immintrin.h>
#endif

namespace ctnn::x86 {

/// Shifts as per-lane counts (AVX2: VPSLLVD, VPSRAVD).
struct shift_counts {
    static constexpr int max_right = 31;
    static constexpr std::int32_t left(int s) noexcept { return s; }
    static constexpr std::int32_t right(int s) noexcept { return s; }
};

/// Shifts as multipliers (SSE4.1): 2^left (PMULLD) and 2^(30 - right) (PMULDQ, then >> 30).
struct shift_multipliers {
    static constexpr int max_right = 30;
    static constexpr std::int32_t left(int s) noexcept { return static_cast<std::int32_t>(std::uint32_t{1} << s); }
    static constexpr std::int32_t right(int s) noexcept { return std::int32_t{1} << (30 - s); }
};

/// Per output channel (padded with 16 neutral lanes): bias, multiplier, the left and right
/// shifts as `Shifts` encodes them, and the remainder mask 2^right - 1.
template <class L, int Channels, class Shifts>
struct requant_table {
    static constexpr std::size_t n = static_cast<std::size_t>(Channels) + 16;
    struct arrays {
        alignas(32) std::array<std::int32_t, n> bias{}, multiplier{}, left{}, right{}, mask{};
        bool ok = true;           // every channel takes the vector arithmetic exactly
        bool left_shifts = false;  // some channel shifts left
    };
    static constexpr arrays t = [] {
        arrays a{};
        for (std::size_t i = 0; i < n; ++i) {
            a.left[i] = Shifts::left(0);
            a.right[i] = Shifts::right(0);
        }
        for (int o = 0; o < Channels; ++o) {
            const auto i = static_cast<std::size_t>(o);
            a.bias[i] = bits::layer_bias<L>::at(o);
            const requant r = L::requant[L::per_channel ? i : 0];
            const int left = r.shift > 0 ? r.shift : 0;
            const int right = r.shift > 0 ? 0 : -r.shift;
            if (r.multiplier < 0 || right > Shifts::max_right) {
                a.ok = false;
                continue;
            }
            a.multiplier[i] = r.multiplier;
            a.left[i] = Shifts::left(left);
            a.right[i] = Shifts::right(right);
            a.mask[i] = static_cast<std::int32_t>((std::int64_t{1} << right) - 1);
            if (left != 0) a.left_shifts = true;
        }
        return a;
    }();
    static constexpr bool vector_ok = t.ok;
    static constexpr bool left_shifts = t.left_shifts;
};

#if defined(__AVX2__)

/// The table's lanes for 8 outputs.
struct lanes8 {
    __m256i bias, multiplier, left, right, mask;
};

/// Channels c0 .. c0 + 7.
template <class Table>
[[gnu::always_inline]] inline lanes8 load8(int c0) noexcept {
    const auto at = [c0](const auto& a) {
        return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a.data() + c0));
    };
    return {at(Table::t.bias), at(Table::t.multiplier), at(Table::t.left), at(Table::t.right), at(Table::t.mask)};
}

/// Channels o .. o + 3 in both halves (two pixels' outputs of the same 4 channels).
template <class Table>
[[gnu::always_inline]] inline lanes8 quads8(int o) noexcept {
    const auto at = [o](const auto& a) {
        return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + o)));
    };
    return {at(Table::t.bias), at(Table::t.multiplier), at(Table::t.left), at(Table::t.right), at(Table::t.mask)};
}

/// requantize(acc + bias) + zero point, clamped, for 8 lanes (Table over shift_counts).
template <class Table>
[[gnu::always_inline]] inline __m256i requant8(__m256i acc, const lanes8& p, std::int32_t zero_point, std::int32_t lo,
                                               std::int32_t hi) noexcept {
    __m256i x = _mm256_add_epi32(acc, p.bias);
    if constexpr (Table::left_shifts) x = _mm256_sllv_epi32(x, p.left);
    const __m256i nudge = _mm256_set1_epi64x(std::int64_t{1} << 30);
    const __m256i even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(x, p.multiplier), nudge), 31);
    const __m256i odd = _mm256_slli_epi64(
        _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(p.multiplier, 32)), nudge), 1);
    const __m256i h = _mm256_blend_epi32(even, odd, 0xAA);
    const __m256i remainder = _mm256_and_si256(h, p.mask);
    const __m256i threshold = _mm256_sub_epi32(_mm256_srli_epi32(p.mask, 1), _mm256_cmpgt_epi32(_mm256_setzero_si256(), h));
    __m256i r = _mm256_sub_epi32(_mm256_srav_epi32(h, p.right), _mm256_cmpgt_epi32(remainder, threshold));
    r = _mm256_add_epi32(r, _mm256_set1_epi32(zero_point));
    return _mm256_min_epi32(_mm256_max_epi32(r, _mm256_set1_epi32(lo)), _mm256_set1_epi32(hi));
}

#endif  // __AVX2__

#if defined(__SSE4_1__)

/// The table's lanes for 4 outputs.
struct lanes4 {
    __m128i bias, multiplier, left, right, mask;
};

/// Channels c0 .. c0 + 3.
template <class Table>
[[gnu::always_inline]] inline lanes4 load4(int c0) noexcept {
    const auto at = [c0](const auto& a) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + c0)); };
    return {at(Table::t.bias), at(Table::t.multiplier), at(Table::t.left), at(Table::t.right), at(Table::t.mask)};
}

/// Bits Shift .. Shift + 31 of the 64-bit products a * b of the 4 int32 lanes (PMULDQ on the
/// even lanes, then on the odd ones moved down), plus `add` before the shift.
template <int Shift>
[[gnu::always_inline]] inline __m128i mul_shift4(__m128i a, __m128i b, __m128i add) noexcept {
    const __m128i even = _mm_srli_epi64(_mm_add_epi64(_mm_mul_epi32(a, b), add), Shift);
    const __m128i odd =
        _mm_slli_epi64(_mm_add_epi64(_mm_mul_epi32(_mm_srli_epi64(a, 32), _mm_srli_epi64(b, 32)), add), 32 - Shift);
    return _mm_blend_epi16(even, odd, 0xCC);
}

/// requantize(acc + bias) + zero point, clamped, for 4 lanes (Table over shift_multipliers).
template <class Table>
[[gnu::always_inline]] inline __m128i requant4(__m128i acc, const lanes4& p, std::int32_t zero_point, std::int32_t lo,
                                               std::int32_t hi) noexcept {
    __m128i x = _mm_add_epi32(acc, p.bias);
    if constexpr (Table::left_shifts) x = _mm_mullo_epi32(x, p.left);
    const __m128i h = mul_shift4<31>(x, p.multiplier, _mm_set1_epi64x(std::int64_t{1} << 30));
    const __m128i floor_div = mul_shift4<30>(h, p.right, _mm_setzero_si128());
    const __m128i remainder = _mm_and_si128(h, p.mask);
    const __m128i threshold = _mm_sub_epi32(_mm_srli_epi32(p.mask, 1), _mm_cmpgt_epi32(_mm_setzero_si128(), h));
    __m128i r = _mm_sub_epi32(floor_div, _mm_cmpgt_epi32(remainder, threshold));
    r = _mm_add_epi32(r, _mm_set1_epi32(zero_point));
    return _mm_min_epi32(_mm_max_epi32(r, _mm_set1_epi32(lo)), _mm_set1_epi32(hi));
}

#endif  // __SSE4_1__

}  // namespace ctnn::x86
