// ctnn/kernels/x86/depthwise_conv2d.hpp — DEPTHWISE_CONV_2D with AVX2.
//
// Same arithmetic as kernels/scalar/depthwise_conv2d.hpp (the specification), bit for bit.
// Depth multiplier 1: per output pixel, channels in runs of 16 (then 8, then one at a time):
// for every tap inside the image the inputs are widened to int16 with the offset added
// ([-255, 255]) and multiplied with the widened filter in int16 (|product| <= 255 * 128, exact),
// then widened to int32 and accumulated. Taps in the padding are skipped, as in the scalar
// kernel. The requantization is the double rounding on 8 lanes (bits/requant.hpp), exact.
// Depth multipliers above 1 run the scalar kernel.
//
// Visible only when compiled with AVX2 (__AVX2__).
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/depthwise_conv2d.hpp"
#include "ctnn/ops/depthwise_conv2d.hpp"

#if defined(__AVX2__)

#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/x86/bits/requant.hpp"

namespace ctnn {

template <>
struct kernel<isa::avx2, depthwise_conv2d_tag> {
    template <class L>
    static constexpr bool specialized = L::depth_multiplier == 1 && L::in_c >= 8;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            constexpr int C = L::in_c;
            constexpr std::int32_t input_offset = -L::input::q.zero_point;
            constexpr std::int32_t output_offset = L::output::q.zero_point;
            const auto* x = static_cast<const std::int8_t*>(inputs[0]);
            auto* y = static_cast<std::int8_t*>(output);
            const std::int8_t* filter = std::data(L::filter);
            const __m256i off = _mm256_set1_epi16(static_cast<std::int16_t>(input_offset));
            alignas(32) std::int32_t acc[16];
            for (int b = 0; b < L::batches; ++b) {
                for (int oy = 0; oy < L::out_h; ++oy) {
                    const int iy0 = oy * L::stride_h - L::pad_top;
                    for (int ox = 0; ox < L::out_w; ++ox) {
                        const int ix0 = ox * L::stride_w - L::pad_left;
                        std::int8_t* out_px = y + ((b * L::out_h + oy) * L::out_w + ox) * C;
                        int c = 0;
                        for (; c + 16 <= C; c += 16) {
                            __m256i lo = _mm256_setzero_si256(), hi = lo;
                            for (int ky = 0; ky < L::kernel_h; ++ky) {
                                const int iy = iy0 + ky * L::dilation_h;
                                if (iy < 0 || iy >= L::in_h) continue;
                                for (int kx = 0; kx < L::kernel_w; ++kx) {
                                    const int ix = ix0 + kx * L::dilation_w;
                                    if (ix < 0 || ix >= L::in_w) continue;
                                    const std::int8_t* in = x + ((b * L::in_h + iy) * L::in_w + ix) * C + c;
                                    const std::int8_t* f = filter + (ky * L::kernel_w + kx) * C + c;
                                    const __m256i xv = _mm256_add_epi16(
                                        _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in))), off);
                                    const __m256i fv =
                                        _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(f)));
                                    const __m256i p = _mm256_mullo_epi16(xv, fv);
                                    lo = _mm256_add_epi32(lo, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(p)));
                                    hi = _mm256_add_epi32(hi, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(p, 1)));
                                }
                            }
                            store8<L>(lo, c, out_px, acc);
                            store8<L>(hi, c + 8, out_px, acc);
                        }
                        if constexpr (C % 16 >= 8) {
                            __m256i a = _mm256_setzero_si256();
                            const __m128i off128 = _mm_set1_epi16(static_cast<std::int16_t>(input_offset));
                            for (int ky = 0; ky < L::kernel_h; ++ky) {
                                const int iy = iy0 + ky * L::dilation_h;
                                if (iy < 0 || iy >= L::in_h) continue;
                                for (int kx = 0; kx < L::kernel_w; ++kx) {
                                    const int ix = ix0 + kx * L::dilation_w;
                                    if (ix < 0 || ix >= L::in_w) continue;
                                    const std::int8_t* in = x + ((b * L::in_h + iy) * L::in_w + ix) * C + c;
                                    const std::int8_t* f = filter + (ky * L::kernel_w + kx) * C + c;
                                    const __m128i xv = _mm_add_epi16(
                                        _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(in))), off128);
                                    const __m128i fv = _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(f)));
                                    a = _mm256_add_epi32(a, _mm256_cvtepi16_epi32(_mm_mullo_epi16(xv, fv)));
                                }
                            }
                            store8<L>(a, c, out_px, acc);
                            c += 8;
                        }
                        for (; c < C; ++c) {
                            std::int32_t a = 0;
                            for (int ky = 0; ky < L::kernel_h; ++ky) {
                                const int iy = iy0 + ky * L::dilation_h;
                                if (iy < 0 || iy >= L::in_h) continue;
                                for (int kx = 0; kx < L::kernel_w; ++kx) {
                                    const int ix = ix0 + kx * L::dilation_w;
                                    if (ix < 0 || ix >= L::in_w) continue;
                                    a += static_cast<std::int32_t>(filter[(ky * L::kernel_w + kx) * C + c]) *
                                         (static_cast<std::int32_t>(x[((b * L::in_h + iy) * L::in_w + ix) * C + c]) +
                                          input_offset);
                                }
                            }
                            acc[0] = a;
                            finish<L, 1>(acc, c, out_px, output_offset);
                        }
                    }
                }
            }
        } else {
            kernel<isa::scalar, depthwise_conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }

private:
    /// Requantizes and stores the 8 accumulators of channels c0..c0+7 (vector when exact).
    template <class L>
    [[gnu::always_inline]] static void store8(__m256i a, int c0, std::int8_t* out_px, std::int32_t* tmp) noexcept {
        using table = x86::requant_table<L, L::out_c>;
        if constexpr (table::vector_ok) {
            const auto at = [c0](const std::int32_t* p) {
                return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + c0));
            };
            a = x86::requant8(a, at(table::t.bias.data()), at(table::t.multiplier.data()), at(table::t.left.data()),
                              at(table::t.right.data()), _mm256_set1_epi32(L::output::q.zero_point),
                              _mm256_set1_epi32(L::range.min), _mm256_set1_epi32(L::range.max));
            const __m128i w16 = _mm_packs_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
            _mm_storel_epi64(reinterpret_cast<__m128i*>(out_px + c0), _mm_packs_epi16(w16, w16));
        } else {
            _mm256_store_si256(reinterpret_cast<__m256i*>(tmp), a);
            finish<L, 8>(tmp, c0, out_px, L::output::q.zero_point);
        }
    }

    template <class L, int N>
    [[gnu::always_inline]] static void finish(const std::int32_t* acc, int c0, std::int8_t* out_px,
                                              std::int32_t output_offset) noexcept {
        for (int i = 0; i < N; ++i) {
            const int o = c0 + i;
            std::int32_t a = acc[i];
            if constexpr (L::has_bias) a += std::data(L::bias)[o];
            const requant r = L::requant[L::per_channel ? static_cast<std::size_t>(o) : 0];
            a = fixed_point::multiply_by_quantized_multiplier(a, r) + output_offset;
            out_px[o] = static_cast<std::int8_t>(fixed_point::clamp(a, L::range.min, L::range.max));
        }
    }
};

}  // namespace ctnn

#endif
