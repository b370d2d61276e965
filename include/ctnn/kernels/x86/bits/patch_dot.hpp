// ctnn/kernels/x86/bits/patch_dot.hpp — the AVX2 micro-kernels of CONV_2D and FULLY_CONNECTED.
//
// One output pixel (or one FULLY_CONNECTED row) at a time: its patch (kernel_h x kernel_w x
// in_c inputs) is gathered into a 32-byte aligned int16 stack buffer with the input offset
// already added (values in [-255, 255]; taps in the padding are zeros, which is the scalar
// kernel's "skip"), then 4 output channels share each 16-value chunk of it: the filter rows,
// zero-padded at compile time to a multiple of 16, are widened with VPMOVSXBW and multiplied
// with VPMADDWD (pairs of products fit int32 exactly). Integer sums are exact in any order, so
// the accumulators equal the scalar kernel's; requantization is the scalar function, per output.
#pragma once

#if defined(__AVX2__)

#include <immintrin.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/kernels/bits/padded_rows.hpp"

namespace ctnn::x86 {

// Rows padded to a multiple of 16 values: the shared compile-time layout.
using bits::padded_rows;
using bits::round_up16;

/// The same rows widened to int16 (the weights of the two-pixel tiles).
template <int Rows, int K, int Kp, const auto& Src>
inline constexpr auto padded_rows16 = [] {
    std::array<std::int16_t, static_cast<std::size_t>(Rows) * static_cast<std::size_t>(Kp)> a{};
    for (int r = 0; r < Rows; ++r)
        for (int i = 0; i < K; ++i)
            a[static_cast<std::size_t>(r * Kp + i)] = std::data(Src)[r * K + i];
    return a;
}();

/// dst[i] = src[i] + offset for i < n (int8 -> int16).
template <int N>
[[gnu::always_inline]] inline void widen_offset(std::int16_t* dst, const std::int8_t* src, std::int32_t offset) noexcept {
    const __m256i off = _mm256_set1_epi16(static_cast<std::int16_t>(offset));
    int i = 0;
    for (; i + 16 <= N; i += 16) {
        const __m256i v = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i)));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_add_epi16(v, off));
    }
    for (; i < N; ++i) dst[i] = static_cast<std::int16_t>(src[i] + offset);
}

/// The 8 int32 lanes of each of a, b, c, d summed: {sum a, sum b, sum c, sum d}.
[[gnu::always_inline]] inline __m128i hsum4(__m256i a, __m256i b, __m256i c, __m256i d) noexcept {
    const __m256i ab = _mm256_hadd_epi32(a, b);   // a01 a23 b01 b23 | a45 a67 b45 b67
    const __m256i cd = _mm256_hadd_epi32(c, d);
    const __m256i abcd = _mm256_hadd_epi32(ab, cd);  // a0-3 b0-3 c0-3 d0-3 | a4-7 ...
    return _mm_add_epi32(_mm256_castsi256_si128(abcd), _mm256_extracti128_si256(abcd, 1));
}

[[gnu::always_inline]] inline std::int32_t hsum1(__m256i a) noexcept {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return _mm_cvtsi128_si32(s);
}

/// Dot products of the Kp-value patch `p` with `C` (1..4) padded filter rows from `w` (stride Kp).
template <int Kp, int C>
[[gnu::always_inline]] inline void dot_rows(const std::int16_t* p, const std::int8_t* w, std::int32_t* out) noexcept {
    __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
    for (int k = 0; k < Kp; k += 16) {
        const __m256i pv = _mm256_load_si256(reinterpret_cast<const __m256i*>(p + k));
        a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(pv, _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + k)))));
        if constexpr (C > 1)
            a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(pv, _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + Kp + k)))));
        if constexpr (C > 2)
            a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(pv, _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + 2 * Kp + k)))));
        if constexpr (C > 3)
            a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(pv, _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + 3 * Kp + k)))));
    }
    if constexpr (C == 4) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), hsum4(a0, a1, a2, a3));
    } else {
        out[0] = hsum1(a0);
        if constexpr (C > 1) out[1] = hsum1(a1);
        if constexpr (C > 2) out[2] = hsum1(a2);
    }
}

/// Two patches `p0`, `p1` (Kp values each) with `C` (1..4) int16 filter rows from `w` (stride
/// Kp): out[c] for p0, out[4 + c] for p1 (32-byte aligned; lanes >= C are zero). Each weight
/// vector is loaded once for both pixels.
template <int Kp, int C>
[[gnu::always_inline]] inline void dot_rows2(const std::int16_t* p0, const std::int16_t* p1, const std::int16_t* w,
                                             std::int32_t* out) noexcept {
    __m256i a[2][4];
    for (int c = 0; c < 4; ++c) a[0][c] = a[1][c] = _mm256_setzero_si256();
    for (int k = 0; k < Kp; k += 16) {
        const __m256i v0 = _mm256_load_si256(reinterpret_cast<const __m256i*>(p0 + k));
        const __m256i v1 = _mm256_load_si256(reinterpret_cast<const __m256i*>(p1 + k));
#pragma GCC unroll 4
        for (int c = 0; c < C; ++c) {
            const __m256i wv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + c * Kp + k));
            a[0][c] = _mm256_add_epi32(a[0][c], _mm256_madd_epi16(v0, wv));
            a[1][c] = _mm256_add_epi32(a[1][c], _mm256_madd_epi16(v1, wv));
        }
    }
    _mm256_store_si256(reinterpret_cast<__m256i*>(out),
                       _mm256_set_m128i(hsum4(a[1][0], a[1][1], a[1][2], a[1][3]), hsum4(a[0][0], a[0][1], a[0][2], a[0][3])));
}

}  // namespace ctnn::x86

#endif
