// ctnn/kernels/x86/bits/requant.hpp — TFLite's double-rounding requantization
// (fixed_point::multiply_by_quantized_multiplier) on 8 int32 lanes with AVX2, bit for bit.
//
//   x << left_shift (VPSLLVD, wrapping like shift_left_wrapping)
//   saturating_rounding_doubling_high_mul(x, m): (x*m + nudge) / 2^31 truncated equals
//     floor((x*m + 2^30) / 2^31) for either sign of x*m, whose low 32 bits are bits 31..62
//     of the 64-bit sum (VPMULDQ on even and odd lanes, a logical shift suffices); the one
//     saturating case (x == m == INT32_MIN) cannot occur: multipliers are >= 0 (the layer's
//     `vector_ok` checks it, else the scalar function runs);
//   rounding_divide_by_pot(x, right_shift) with per-lane shifts (VPSRAVD, mask, threshold).
// Then + bias before, + output zero point and the activation clamp after.
#pragma once

#if defined(__AVX2__)

#include <immintrin.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"

namespace ctnn::x86 {

/// Per output channel (padded with 16 zeros): bias, multiplier, left shift, right shift.
template <class L, int Channels>
struct requant_table {
    static constexpr std::size_t n = static_cast<std::size_t>(Channels) + 16;
    struct arrays {
        alignas(32) std::array<std::int32_t, n> bias{}, multiplier{}, left{}, right{};
        bool ok = true;
    };
    static constexpr arrays t = [] {
        arrays a{};
        for (int o = 0; o < Channels; ++o) {
            const auto i = static_cast<std::size_t>(o);
            if constexpr (L::has_bias) a.bias[i] = std::data(L::bias)[o];
            const requant r = L::requant[L::per_channel ? i : 0];
            a.multiplier[i] = r.multiplier;
            a.left[i] = r.shift > 0 ? r.shift : 0;
            a.right[i] = r.shift > 0 ? 0 : -r.shift;
            if (r.multiplier < 0 || a.right[i] > 31) a.ok = false;
        }
        return a;
    }();
    static constexpr bool vector_ok = t.ok;
};

/// requantize(acc + bias) + zero point, clamped, for 8 lanes with per-lane parameters.
[[gnu::always_inline]] inline __m256i requant8(__m256i acc, __m256i bias, __m256i m, __m256i left, __m256i right,
                                               __m256i zero_point, __m256i lo, __m256i hi) noexcept {
    const __m256i x = _mm256_sllv_epi32(_mm256_add_epi32(acc, bias), left);
    const __m256i nudge = _mm256_set1_epi64x(std::int64_t{1} << 30);
    const __m256i even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(x, m), nudge), 31);
    const __m256i odd = _mm256_slli_epi64(
        _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(m, 32)), nudge), 1);
    const __m256i h = _mm256_blend_epi32(even, odd, 0xAA);
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, right), one);
    const __m256i remainder = _mm256_and_si256(h, mask);
    const __m256i threshold = _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), _mm256_cmpgt_epi32(_mm256_setzero_si256(), h));
    __m256i r = _mm256_sub_epi32(_mm256_srav_epi32(h, right), _mm256_cmpgt_epi32(remainder, threshold));
    r = _mm256_add_epi32(r, zero_point);
    return _mm256_min_epi32(_mm256_max_epi32(r, lo), hi);
}

}  // namespace ctnn::x86

#endif
