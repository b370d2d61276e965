// ctnn/kernels/x86/bits/patch_dot.hpp — the x86 micro-kernels of CONV_2D and FULLY_CONNECTED,
// for AVX2 (32-byte vectors) and SSE4.1 (16-byte vectors), behind one interface (`avx2_ops`,
// `sse41_ops`) so that the tiles and drivers are written once.
//
// A patch (or FULLY_CONNECTED row) is an int16 buffer holding the inputs with the input offset
// already added (values in [-255, 255]; taps in the padding are zeros, which is the scalar
// kernel's "skip"). 4 output channels share each chunk of it: filter rows, zero-padded at
// compile time to a multiple of 16 values, are multiplied with PMADDWD (pairs of products fit
// int32 exactly) and the lanes summed at the end. Integer sums are exact in any order, so the
// accumulators equal the scalar kernel's.
//
// Each ops struct provides:
//   using table<L, Channels>        the requantization table with the ISA's shift encoding
//   widen_offset<N>(dst, src, off)  dst[i] = src[i] + off, int8 -> int16
//   dot_rows<Kp, C>(p, w8, out)     C (1..4) dot products of p with int8 rows (stride Kp)
//   dot_rows2<Kp, C>(p0, p1, w16, out)  the same for two patches against int16 rows, each weight
//                                   vector loaded once: out[c] for p0, out[4 + c] for p1
//   requant_pairs<Table>(acc, o, zero_point, lo, hi)  acc[0..7] (4 channels o.. of two pixels)
//                                   requantized in place
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/kernels/bits/padded_rows.hpp"
#include "ctnn/kernels/x86/bits/requant.hpp"

#if defined(__SSE4_1__)
#include <immintrin.h>
#endif

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

#if defined(__SSE4_1__)

struct sse41_ops {
    template <class L, int Channels>
    using table = requant_table<L, Channels, shift_multipliers>;

    template <int N>
    [[gnu::always_inline]] static void widen_offset(std::int16_t* dst, const std::int8_t* src,
                                                    std::int32_t offset) noexcept {
        const __m128i off = _mm_set1_epi16(static_cast<std::int16_t>(offset));
        int i = 0;
        for (; i + 8 <= N; i += 8) {
            const __m128i v = _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(src + i)));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), _mm_add_epi16(v, off));
        }
        for (; i < N; ++i) dst[i] = static_cast<std::int16_t>(src[i] + offset);
    }

    /// The 4 int32 lanes of each of a, b, c, d summed: {sum a, sum b, sum c, sum d}.
    [[gnu::always_inline]] static __m128i hsum4(__m128i a, __m128i b, __m128i c, __m128i d) noexcept {
        return _mm_hadd_epi32(_mm_hadd_epi32(a, b), _mm_hadd_epi32(c, d));
    }

    template <int Kp, int C>
    [[gnu::always_inline]] static void dot_rows(const std::int16_t* p, const std::int8_t* w, std::int32_t* out) noexcept {
        __m128i a[4];
        for (int c = 0; c < 4; ++c) a[c] = _mm_setzero_si128();
        for (int k = 0; k < Kp; k += 8) {
            const __m128i pv = _mm_load_si128(reinterpret_cast<const __m128i*>(p + k));
#pragma GCC unroll 4
            for (int c = 0; c < C; ++c) {
                const __m128i wv = _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(w + c * Kp + k)));
                a[c] = _mm_add_epi32(a[c], _mm_madd_epi16(pv, wv));
            }
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), hsum4(a[0], a[1], a[2], a[3]));
    }

    template <int Kp, int C>
    [[gnu::always_inline]] static void dot_rows2(const std::int16_t* p0, const std::int16_t* p1, const std::int16_t* w,
                                                 std::int32_t* out) noexcept {
        __m128i a[2][4];
        for (int c = 0; c < 4; ++c) a[0][c] = a[1][c] = _mm_setzero_si128();
        for (int k = 0; k < Kp; k += 8) {
            const __m128i v0 = _mm_load_si128(reinterpret_cast<const __m128i*>(p0 + k));
            const __m128i v1 = _mm_load_si128(reinterpret_cast<const __m128i*>(p1 + k));
#pragma GCC unroll 4
            for (int c = 0; c < C; ++c) {
                const __m128i wv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + c * Kp + k));
                a[0][c] = _mm_add_epi32(a[0][c], _mm_madd_epi16(v0, wv));
                a[1][c] = _mm_add_epi32(a[1][c], _mm_madd_epi16(v1, wv));
            }
        }
        _mm_store_si128(reinterpret_cast<__m128i*>(out), hsum4(a[0][0], a[0][1], a[0][2], a[0][3]));
        _mm_store_si128(reinterpret_cast<__m128i*>(out + 4), hsum4(a[1][0], a[1][1], a[1][2], a[1][3]));
    }

    template <class Table>
    [[gnu::always_inline]] static void requant_pairs(std::int32_t* acc, int o, std::int32_t zero_point, std::int32_t lo,
                                                     std::int32_t hi) noexcept {
        const lanes4 p = load4<Table>(o);
        for (int i = 0; i < 8; i += 4) {
            __m128i* a = reinterpret_cast<__m128i*>(acc + i);
            _mm_store_si128(a, requant4<Table>(_mm_load_si128(a), p, zero_point, lo, hi));
        }
    }
};

#endif  // __SSE4_1__

#if defined(__AVX2__)

struct avx2_ops {
    template <class L, int Channels>
    using table = requant_table<L, Channels, shift_counts>;

    template <int N>
    [[gnu::always_inline]] static void widen_offset(std::int16_t* dst, const std::int8_t* src,
                                                    std::int32_t offset) noexcept {
        const __m256i off = _mm256_set1_epi16(static_cast<std::int16_t>(offset));
        int i = 0;
        for (; i + 16 <= N; i += 16) {
            const __m256i v = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i)));
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_add_epi16(v, off));
        }
        for (; i < N; ++i) dst[i] = static_cast<std::int16_t>(src[i] + offset);
    }

    /// The 8 int32 lanes of each of a, b, c, d summed: {sum a, sum b, sum c, sum d}.
    [[gnu::always_inline]] static __m128i hsum4(__m256i a, __m256i b, __m256i c, __m256i d) noexcept {
        const __m256i ab = _mm256_hadd_epi32(a, b);      // a01 a23 b01 b23 | a45 a67 b45 b67
        const __m256i cd = _mm256_hadd_epi32(c, d);
        const __m256i abcd = _mm256_hadd_epi32(ab, cd);  // a0-3 b0-3 c0-3 d0-3 | a4-7 ...
        return _mm_add_epi32(_mm256_castsi256_si128(abcd), _mm256_extracti128_si256(abcd, 1));
    }

    template <int Kp, int C>
    [[gnu::always_inline]] static void dot_rows(const std::int16_t* p, const std::int8_t* w, std::int32_t* out) noexcept {
        __m256i a[4];
        for (int c = 0; c < 4; ++c) a[c] = _mm256_setzero_si256();
        for (int k = 0; k < Kp; k += 16) {
            const __m256i pv = _mm256_load_si256(reinterpret_cast<const __m256i*>(p + k));
#pragma GCC unroll 4
            for (int c = 0; c < C; ++c) {
                const __m256i wv = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + c * Kp + k)));
                a[c] = _mm256_add_epi32(a[c], _mm256_madd_epi16(pv, wv));
            }
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), hsum4(a[0], a[1], a[2], a[3]));
    }

    template <int Kp, int C>
    [[gnu::always_inline]] static void dot_rows2(const std::int16_t* p0, const std::int16_t* p1, const std::int16_t* w,
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

    template <class Table>
    [[gnu::always_inline]] static void requant_pairs(std::int32_t* acc, int o, std::int32_t zero_point, std::int32_t lo,
                                                     std::int32_t hi) noexcept {
        __m256i* a = reinterpret_cast<__m256i*>(acc);
        _mm256_store_si256(a, requant8<Table>(_mm256_load_si256(a), quads8<Table>(o), zero_point, lo, hi));
    }
};

#endif  // __AVX2__

}  // namespace ctnn::x86
