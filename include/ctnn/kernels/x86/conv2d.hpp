// ctnn/kernels/x86/conv2d.hpp — CONV_2D with AVX2.
//
// Same arithmetic as kernels/scalar/conv2d.hpp (the specification), bit for bit: two output
// pixels at a time, their patches gathered into int16 stack buffers with the input offset added
// (padded taps zero), take VPMADDWD dot products with 4 output channels' filter rows, widened
// to int16 and zero-padded to a multiple of 16 at compile time (bits/patch_dot.hpp), each
// weight vector loaded once for both pixels; the requantization is the scalar double rounding,
// per output.
// Grouped convolutions and patches over 8 KiB of int16 (depth > 4096) run the scalar kernel.
//
// Visible only when compiled with AVX2 (__AVX2__); elsewhere kernel<isa::avx2, conv2d_tag>
// falls back (avx2 -> sse41 -> scalar, kernels/isa.hpp).
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"
#include "ctnn/ops/conv2d.hpp"

#if defined(__AVX2__)

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/x86/bits/patch_dot.hpp"
#include "ctnn/kernels/x86/bits/requant.hpp"

namespace ctnn {

template <>
struct kernel<isa::avx2, conv2d_tag> {
    template <class L>
    static constexpr int patch = L::kernel_h * L::kernel_w * L::filter_in_c;

    /// Whether the AVX2 code runs layer L (otherwise the scalar kernel does).
    template <class L>
    static constexpr bool specialized = L::groups == 1 && patch<L> <= 4096;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            constexpr int K = patch<L>;
            constexpr int Kp = x86::round_up16(K);
            const std::int16_t* w = std::data(x86::padded_rows16<L::out_c, K, Kp, L::filter>);
            const auto* x = static_cast<const std::int8_t*>(inputs[0]);
            auto* y = static_cast<std::int8_t*>(output);
            alignas(32) std::int16_t buf0[static_cast<std::size_t>(Kp)];
            alignas(32) std::int16_t buf1[static_cast<std::size_t>(Kp)];
            for (int k = K; k < Kp; ++k) buf0[k] = buf1[k] = 0;
            constexpr int pixels = L::batches * L::out_h * L::out_w;
            int px = 0;
            for (; px + 2 <= pixels; px += 2) {
                gather<L>(x, px, buf0);
                gather<L>(x, px + 1, buf1);
                std::int8_t* out0 = y + px * L::out_c;
                tile<L, true>(buf0, buf1, w, out0, out0 + L::out_c);
            }
            if constexpr (pixels % 2 != 0) {
                gather<L>(x, px, buf0);
                std::int8_t* out0 = y + px * L::out_c;
                tile<L, false>(buf0, buf0, w, out0, out0);
            }
        } else {
            kernel<isa::scalar, conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }

private:
    /// The patch of output pixel `px` (flattened batch, row, column), input offset added,
    /// padded taps zero.
    template <class L>
    [[gnu::always_inline]] static void gather(const std::int8_t* x, int px, std::int16_t* dst) noexcept {
        constexpr int C = L::in_c;
        constexpr std::int32_t input_offset = -L::input::q.zero_point;
        const int ox = px % L::out_w;
        const int oy = (px / L::out_w) % L::out_h;
        const int b = px / (L::out_w * L::out_h);
        const int iy0 = oy * L::stride_h - L::pad_top;
        const int ix0 = ox * L::stride_w - L::pad_left;
        for (int ky = 0; ky < L::kernel_h; ++ky) {
            const int iy = iy0 + ky * L::dilation_h;
            for (int kx = 0; kx < L::kernel_w; ++kx, dst += C) {
                const int ix = ix0 + kx * L::dilation_w;
                if (iy < 0 || iy >= L::in_h || ix < 0 || ix >= L::in_w) {
                    for (int i = 0; i < C; ++i) dst[i] = 0;
                } else {
                    x86::widen_offset<C>(dst, x + ((b * L::in_h + iy) * L::in_w + ix) * C, input_offset);
                }
            }
        }
    }

    /// All output channels of two pixels (or one, Two false: p1 == p0, out1 unused).
    template <class L, bool Two>
    [[gnu::always_inline]] static void tile(const std::int16_t* p0, const std::int16_t* p1, const std::int16_t* w,
                                            std::int8_t* out0, std::int8_t* out1) noexcept {
        constexpr int Kp = x86::round_up16(patch<L>);
        using table = x86::requant_table<L, L::out_c>;
        alignas(32) std::int32_t acc[8];
        const __m256i zp = _mm256_set1_epi32(L::output::q.zero_point);
        const __m256i lo = _mm256_set1_epi32(L::range.min);
        const __m256i hi = _mm256_set1_epi32(L::range.max);
        const auto quad = [](const std::int32_t* a, int o) {
            return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a + o)));
        };
        const auto step = [&]<int N>(int o) {
            x86::dot_rows2<Kp, N>(p0, p1, w + o * Kp, acc);
            if constexpr (table::vector_ok) {
                const __m256i r = x86::requant8(_mm256_load_si256(reinterpret_cast<const __m256i*>(acc)),
                                                quad(table::t.bias.data(), o), quad(table::t.multiplier.data(), o),
                                                quad(table::t.left.data(), o), quad(table::t.right.data(), o), zp, lo, hi);
                _mm256_store_si256(reinterpret_cast<__m256i*>(acc), r);
                for (int c = 0; c < N; ++c) out0[o + c] = static_cast<std::int8_t>(acc[c]);
                if constexpr (Two)
                    for (int c = 0; c < N; ++c) out1[o + c] = static_cast<std::int8_t>(acc[4 + c]);
            } else {
                finish<L, N>(acc, o, out0, L::output::q.zero_point);
                if constexpr (Two) finish<L, N>(acc + 4, o, out1, L::output::q.zero_point);
            }
        };
        int o = 0;
        for (; o + 4 <= L::out_c; o += 4) step.template operator()<4>(o);
        if constexpr (L::out_c % 4 != 0) step.template operator()<L::out_c % 4>(o);
    }

    template <class L, int N>
    [[gnu::always_inline]] static void finish(const std::int32_t* acc, int o, std::int8_t* out_px,
                                              std::int32_t output_offset) noexcept {
        for (int c = 0; c < N; ++c) {
            const int oc = o + c;
            std::int32_t a = acc[c];
            if constexpr (L::has_bias) a += std::data(L::bias)[oc];
            const requant r = L::requant[L::per_channel ? static_cast<std::size_t>(oc) : 0];
            a = fixed_point::multiply_by_quantized_multiplier(a, r) + output_offset;
            out_px[oc] = static_cast<std::int8_t>(fixed_point::clamp(a, L::range.min, L::range.max));
        }
    }
};

}  // namespace ctnn

#endif
