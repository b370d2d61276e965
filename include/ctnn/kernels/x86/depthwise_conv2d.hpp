// ctnn/kernels/x86/depthwise_conv2d.hpp — DEPTHWISE_CONV_2D with AVX2 and with SSE4.1.
//
// Same arithmetic as kernels/scalar/depthwise_conv2d.hpp (the specification), bit for bit,
// through the shared channel-run driver (kernels/bits/channel_run_depthwise.hpp): depth
// multiplier 1, per output pixel the channels in runs of 16, then 8, then 4 (AVX2) or of 8, then
// 4 (SSE4.1), then one at a time. For every tap inside the image a run widens its inputs to
// int16 with the offset added ([-255, 255]) and multiplies them with the widened filter in int16
// (|product| <= 255 * 128, exact), then widens the products to int32 and accumulates them. The
// requantization is the double rounding on 8 (AVX2) or 4 (SSE4.1) lanes (bits/requant.hpp),
// exact. A layer with one input channel (any depth multiplier) runs as the CONV_2D it computes,
// with this ISA's CONV_2D kernel (x86/conv2d.hpp). Other depth multipliers above 1 and fewer
// than 4 channels run the scalar kernel.
//
// kernel<isa::avx2, depthwise_conv2d_tag> is visible only when compiled with AVX2,
// kernel<isa::sse41, depthwise_conv2d_tag> with SSE4.1.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/depthwise_conv2d.hpp"
#include "ctnn/ops/depthwise_conv2d.hpp"

#if defined(__SSE4_1__)

#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "ctnn/kernels/bits/channel_run_depthwise.hpp"
#include "ctnn/kernels/x86/bits/requant.hpp"
#include "ctnn/kernels/x86/conv2d.hpp"

namespace ctnn {

namespace x86 {

/// int8 -> int16 of 8 values (4 with Four: a 32-bit load).
template <bool Four>
[[gnu::always_inline]] inline __m128i load_widen16(const std::int8_t* p) noexcept {
    if constexpr (Four) {
        std::int32_t v;
        std::memcpy(&v, p, sizeof v);
        return _mm_cvtepi8_epi16(_mm_cvtsi32_si128(v));
    } else {
        return _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
    }
}

/// The int16 products (x + offset) * f of 8 (or 4) channels.
template <bool Four>
[[gnu::always_inline]] inline __m128i products16(const std::int8_t* in, const std::int8_t* f,
                                                 std::int16_t offset) noexcept {
    return _mm_mullo_epi16(_mm_add_epi16(load_widen16<Four>(in), _mm_set1_epi16(offset)), load_widen16<Four>(f));
}

/// Saturating int32 -> int8 of 8 lanes (already clamped to the activation range) to out[0..7].
[[gnu::always_inline]] inline void store8_bytes(__m128i a, __m128i b, std::int8_t* out) noexcept {
    const __m128i w16 = _mm_packs_epi32(a, b);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out), _mm_packs_epi16(w16, w16));
}

/// SSE4.1 channel runs (8 and 4 channels), double rounding on 4 lanes.
template <int W>
struct sse41_run;

template <>
struct sse41_run<8> {
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
    template <class L>
    using table = requant_table<L, L::out_c, shift_multipliers>;
    template <class L>
    static constexpr bool vector_ok = table<L>::vector_ok;

    [[gnu::always_inline]] void mac(const std::int8_t* in, const std::int8_t* f, std::int16_t offset) noexcept {
        const __m128i p = products16<false>(in, f, offset);
        lo = _mm_add_epi32(lo, _mm_cvtepi16_epi32(p));
        hi = _mm_add_epi32(hi, _mm_cvtepi16_epi32(_mm_srli_si128(p, 8)));
    }
    template <class L>
    [[gnu::always_inline]] void store(int c0, std::int8_t* out_px) const noexcept {
        const auto rq = [](__m128i a, int c) {
            return requant4<table<L>>(a, load4<table<L>>(c), L::output::q.zero_point, L::range.min, L::range.max);
        };
        store8_bytes(rq(lo, c0), rq(hi, c0 + 4), out_px + c0);
    }
    [[gnu::always_inline]] void spill(std::int32_t* acc) const noexcept {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(acc), lo);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(acc + 4), hi);
    }
};

template <>
struct sse41_run<4> {
    __m128i a = _mm_setzero_si128();
    template <class L>
    using table = requant_table<L, L::out_c, shift_multipliers>;
    template <class L>
    static constexpr bool vector_ok = table<L>::vector_ok;

    [[gnu::always_inline]] void mac(const std::int8_t* in, const std::int8_t* f, std::int16_t offset) noexcept {
        a = _mm_add_epi32(a, _mm_cvtepi16_epi32(products16<true>(in, f, offset)));
    }
    template <class L>
    [[gnu::always_inline]] void store(int c0, std::int8_t* out_px) const noexcept {
        const __m128i r = requant4<table<L>>(a, load4<table<L>>(c0), L::output::q.zero_point, L::range.min, L::range.max);
        const __m128i w16 = _mm_packs_epi32(r, r);
        const std::int32_t bytes = _mm_cvtsi128_si32(_mm_packs_epi16(w16, w16));
        std::memcpy(out_px + c0, &bytes, sizeof bytes);
    }
    [[gnu::always_inline]] void spill(std::int32_t* acc) const noexcept {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(acc), a);
    }
};

#if defined(__AVX2__)

/// AVX2 channel runs (16 and 8 channels; 4 as SSE4.1), double rounding on 8 lanes.
template <int W>
struct avx2_run : sse41_run<W> {};

template <class L>
using avx2_table = requant_table<L, L::out_c, shift_counts>;

/// Requantizes 8 lanes of channels c0 .. c0 + 7 and stores them as bytes.
template <class L>
[[gnu::always_inline]] inline void requant8_store(__m256i a, int c0, std::int8_t* out_px) noexcept {
    using table = avx2_table<L>;
    const __m256i r = requant8<table>(a, load8<table>(c0), L::output::q.zero_point, L::range.min, L::range.max);
    store8_bytes(_mm256_castsi256_si128(r), _mm256_extracti128_si256(r, 1), out_px + c0);
}

template <>
struct avx2_run<16> {
    __m256i lo = _mm256_setzero_si256(), hi = _mm256_setzero_si256();
    template <class L>
    static constexpr bool vector_ok = avx2_table<L>::vector_ok;

    [[gnu::always_inline]] void mac(const std::int8_t* in, const std::int8_t* f, std::int16_t offset) noexcept {
        const __m256i xv = _mm256_add_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in))),
                                            _mm256_set1_epi16(offset));
        const __m256i fv = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(f)));
        const __m256i p = _mm256_mullo_epi16(xv, fv);
        lo = _mm256_add_epi32(lo, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(p)));
        hi = _mm256_add_epi32(hi, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(p, 1)));
    }
    template <class L>
    [[gnu::always_inline]] void store(int c0, std::int8_t* out_px) const noexcept {
        requant8_store<L>(lo, c0, out_px);
        requant8_store<L>(hi, c0 + 8, out_px);
    }
    [[gnu::always_inline]] void spill(std::int32_t* acc) const noexcept {
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc), lo);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + 8), hi);
    }
};

template <>
struct avx2_run<8> {
    __m256i a = _mm256_setzero_si256();
    template <class L>
    static constexpr bool vector_ok = avx2_table<L>::vector_ok;

    [[gnu::always_inline]] void mac(const std::int8_t* in, const std::int8_t* f, std::int16_t offset) noexcept {
        a = _mm256_add_epi32(a, _mm256_cvtepi16_epi32(products16<false>(in, f, offset)));
    }
    template <class L>
    [[gnu::always_inline]] void store(int c0, std::int8_t* out_px) const noexcept {
        requant8_store<L>(a, c0, out_px);
    }
    [[gnu::always_inline]] void spill(std::int32_t* acc) const noexcept {
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc), a);
    }
};

#endif  // __AVX2__

}  // namespace x86

template <>
struct kernel<isa::sse41, depthwise_conv2d_tag> : bits::channel_run_depthwise<x86::sse41_run, 8, 4, kernel<isa::sse41, conv2d_tag>> {};

#if defined(__AVX2__)
template <>
struct kernel<isa::avx2, depthwise_conv2d_tag> : bits::channel_run_depthwise<x86::avx2_run, 16, 4, kernel<isa::avx2, conv2d_tag>> {};
#endif

}  // namespace ctnn

#endif  // __SSE4_1__
