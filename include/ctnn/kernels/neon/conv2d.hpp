// ctnn/kernels/neon/conv2d.hpp — CONV_2D with AArch64 NEON.
//
// Same arithmetic as kernels/scalar/conv2d.hpp (the specification), bit for bit: per output
// pixel the patch is gathered into an int16 stack buffer with the input offset added (padded
// taps zero), and 4 output channels at a time take SMLAL dot products with it against the
// filter, zero-padded at compile time to rows of a multiple of 16 (bits/patch_dot.hpp); the
// requantization is the double rounding on 4 lanes (bits/requant.hpp), exact.
// Grouped convolutions and patches over 8 KiB of int16 (depth > 4096) run the scalar kernel.
//
// Visible only when compiled with AArch64 NEON (__aarch64__ and __ARM_NEON); elsewhere kernel<isa::neon, conv2d_tag>
// falls back to scalar (kernels/isa.hpp).
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"
#include "ctnn/ops/conv2d.hpp"

#if defined(__aarch64__) && defined(__ARM_NEON)

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/neon/bits/patch_dot.hpp"
#include "ctnn/kernels/neon/bits/requant.hpp"

namespace ctnn {

template <>
struct kernel<isa::neon, conv2d_tag> {
    template <class L>
    static constexpr int patch = L::kernel_h * L::kernel_w * L::filter_in_c;

    /// Whether the NEON code runs layer L (otherwise the scalar kernel does).
    template <class L>
    static constexpr bool specialized = L::groups == 1 && patch<L> <= 4096;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            constexpr int K = patch<L>;
            constexpr int Kp = neon::round_up16(K);
            constexpr std::int32_t input_offset = -L::input::q.zero_point;
            constexpr std::int32_t output_offset = L::output::q.zero_point;
            constexpr int C = L::in_c;
            const std::int8_t* w = std::data(neon::padded_rows<L::out_c, K, Kp, L::filter>);
            const auto* x = static_cast<const std::int8_t*>(inputs[0]);
            auto* y = static_cast<std::int8_t*>(output);
            alignas(32) std::int16_t buf[static_cast<std::size_t>(Kp)];
            for (int k = K; k < Kp; ++k) buf[k] = 0;
            for (int b = 0; b < L::batches; ++b) {
                for (int oy = 0; oy < L::out_h; ++oy) {
                    const int iy0 = oy * L::stride_h - L::pad_top;
                    for (int ox = 0; ox < L::out_w; ++ox) {
                        const int ix0 = ox * L::stride_w - L::pad_left;
                        std::int16_t* dst = buf;
                        for (int ky = 0; ky < L::kernel_h; ++ky) {
                            const int iy = iy0 + ky * L::dilation_h;
                            for (int kx = 0; kx < L::kernel_w; ++kx, dst += C) {
                                const int ix = ix0 + kx * L::dilation_w;
                                if (iy < 0 || iy >= L::in_h || ix < 0 || ix >= L::in_w) {
                                    for (int i = 0; i < C; ++i) dst[i] = 0;
                                } else {
                                    neon::widen_offset<C>(dst, x + ((b * L::in_h + iy) * L::in_w + ix) * C,
                                                         input_offset);
                                }
                            }
                        }
                        std::int8_t* out_px = y + ((b * L::out_h + oy) * L::out_w + ox) * L::out_c;
                        int o = 0;
                        for (; o + 4 <= L::out_c; o += 4) finish<L, 4>(buf, w, o, out_px, output_offset);
                        if constexpr (L::out_c % 4 == 3) finish<L, 3>(buf, w, o, out_px, output_offset);
                        if constexpr (L::out_c % 4 == 2) finish<L, 2>(buf, w, o, out_px, output_offset);
                        if constexpr (L::out_c % 4 == 1) finish<L, 1>(buf, w, o, out_px, output_offset);
                    }
                }
            }
        } else {
            kernel<isa::scalar, conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }

private:
    template <class L, int N>
    [[gnu::always_inline]] static void finish(const std::int16_t* buf, const std::int8_t* w, int o, std::int8_t* out_px,
                                              std::int32_t output_offset) noexcept {
        constexpr int Kp = neon::round_up16(patch<L>);
        std::int32_t acc[4];
        neon::dot_rows<Kp, N>(buf, w + o * Kp, acc);
        using table = neon::requant_table<L, L::out_c>;
        if constexpr (N == 4 && table::vector_ok) {
            const int32x4_t r = neon::requant4<table>(vld1q_s32(acc), o, output_offset, L::range.min, L::range.max);
            const int16x4_t r16 = vqmovn_s32(r);
            const int8x8_t r8 = vqmovn_s16(vcombine_s16(r16, r16));
            std::int8_t bytes[8];
            vst1_s8(bytes, r8);
            for (int c = 0; c < 4; ++c) out_px[o + c] = bytes[c];
            return;
        }
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
