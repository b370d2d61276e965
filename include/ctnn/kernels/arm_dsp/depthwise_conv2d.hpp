// ctnn/kernels/arm_dsp/depthwise_conv2d.hpp — DEPTHWISE_CONV_2D with the Arm DSP extension.
//
// Same arithmetic as kernels/scalar/depthwise_conv2d.hpp (the specification), bit for bit.
// Variants, chosen at compile time from the layer's shapes:
//   - depth multiplier 1, channels a multiple of 4 (MobileNet's 3x3 layers): four channels per
//     word; per tap one input word widened with the offset added (SXTAB16), one double word of
//     weights widened to int16 at compile time (LDRD) and four 16x16 MACs (SMLABB/SMLATT), 8
//     instructions. Interior pixels run all taps unrolled in asm, without bounds checks, and an
//     asm requantization; border pixels skip the padded taps in C++;
//   - one input channel (depth multiplier = output channels, e.g. the first layer of
//     person_detect and micro_speech): four input bytes of a kernel row per word, two taps per
//     SMLAD against weights packed into int16 pairs at compile time; with a horizontal
//     dilation, patch GEMM tiles (bits/patch_gemm.hpp) over the filter transposed to OHWI;
//   - anything else: the scalar kernel.
//
// Visible only when the target has the DSP extension (__ARM_FEATURE_DSP) and is little-endian.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/depthwise_conv2d.hpp"
#include "ctnn/ops/depthwise_conv2d.hpp"

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>

#include "ctnn/kernels/arm_dsp/bits/patch_gemm.hpp"
#include "ctnn/kernels/arm_dsp/bits/requant.hpp"
#include "ctnn/kernels/arm_dsp/bits/simd.hpp"

namespace ctnn {
namespace arm_dsp {

/// A depthwise layer's operands for the shared 4-channel kernel: a constant descriptor in flash.
struct depthwise_operands {
    const std::int32_t* widened;      // weights, [group][tap][(c0, c2), (c1, c3)] int16 pairs
    const channel_record* channels;   // bias and requantization per channel
    std::int32_t batches, in_h, in_w, out_h, out_w;
    std::int32_t stride_h, stride_w, pad_top, pad_left;
    std::int32_t offset2;             // the input offset, in both int16 halves
};

/// Depth multiplier 1, channels % 4 == 0: four channels per 32-bit word. Per tap one input
/// word, two SXTAB16, one weight double word and four SMLABB/SMLATT. The code depends on the
/// channel count, the kernel window and the requantization kind K only — the image size,
/// strides and padding are read from the layer's operands — so the layers of a model that
/// share those share one copy.
template <int C, int KH, int KW, int DH, int DW, class K>
struct depthwise_c4 {
    static constexpr int taps = KH * KW;

    /// The asm interior path: fast requantization to the full int8 range, offsets that fit
    /// LDR (12 bits) and LDRD (8 bits, words).
    static constexpr bool asm_interior = K::asm_epilogue && (KW - 1) * DW * C + 3 <= 4095 && 8 * taps <= 1020;

    /// One tap of 4 channels: 8 instructions.
    template <int OffX, int OffW>
    [[gnu::always_inline]] static void tap_asm(std::int32_t& a0, std::int32_t& a1, std::int32_t& a2, std::int32_t& a3,
                                               const std::int8_t* px, const std::int32_t* pw,
                                               std::int32_t offset2) noexcept {
        std::int32_t xw, xe, we, wo;
        __asm__("ldr    %[xw], [%[px], %[ox]]\n\t"
                "ldrd   %[we], %[wo], [%[pw], %[ow]]\n\t"
                "sxtab16 %[xe], %[off], %[xw]\n\t"
                "sxtab16 %[xw], %[off], %[xw], ror #8\n\t"
                "smlabb %[a0], %[xe], %[we], %[a0]\n\t"
                "smlatt %[a2], %[xe], %[we], %[a2]\n\t"
                "smlabb %[a1], %[xw], %[wo], %[a1]\n\t"
                "smlatt %[a3], %[xw], %[wo], %[a3]\n\t"
                : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [xw] "=&r"(xw), [xe] "=&r"(xe),
                  [we] "=&r"(we), [wo] "=&r"(wo)
                : [px] "r"(px), [pw] "r"(pw), [off] "r"(offset2), [ox] "i"(OffX), [ow] "i"(OffW));
    }

    /// The taps of kernel row R (at prow) of an interior pixel.
    template <int R, int... X>
    [[gnu::always_inline]] static void row_taps(std::int32_t& a0, std::int32_t& a1, std::int32_t& a2,
                                                std::int32_t& a3, const std::int8_t* prow, const std::int32_t* pw,
                                                std::int32_t offset2, std::integer_sequence<int, X...>) noexcept {
        (tap_asm<X * DW * C, 8 * (R * KW + X)>(a0, a1, a2, a3, prow, pw, offset2), ...);
    }

    template <int... R>
    [[gnu::always_inline]] static void all_rows(std::int32_t& a0, std::int32_t& a1, std::int32_t& a2,
                                                std::int32_t& a3, const std::int8_t* px, int row_step,
                                                const std::int32_t* pw, std::int32_t offset2,
                                                std::integer_sequence<int, R...>) noexcept {
        (row_taps<R>(a0, a1, a2, a3, px + R * row_step, pw, offset2, std::make_integer_sequence<int, KW>{}), ...);
    }

    /// Interior pixel, 4 channels at px (the window's top-left, rows `row_step` bytes apart):
    /// all taps unrolled, then the requantization of bits/patch_gemm.hpp's epilogue (fast
    /// form, full range) and four byte stores.
    [[gnu::always_inline]] static void interior_asm(const std::int8_t* px, int row_step, const std::int32_t* pw,
                                                    const channel_record* ch, std::int8_t* y,
                                                    std::int32_t offset2) noexcept {
        std::int32_t a0 = ch[0].bias, a1 = ch[1].bias, a2 = ch[2].bias, a3 = ch[3].bias;
        all_rows(a0, a1, a2, a3, px, row_step, pw, offset2, std::make_integer_sequence<int, KH>{});
        std::int32_t t, m, n, r;
        __asm__ volatile(CTNN_ARM_DSP_LOAD_CHANNEL("ch", "0") CTNN_ARM_DSP_REQUANT_STORE("a0", "[%[y], #0]")
                             CTNN_ARM_DSP_LOAD_CHANNEL("ch", "16") CTNN_ARM_DSP_REQUANT_STORE("a1", "[%[y], #1]")
                             CTNN_ARM_DSP_LOAD_CHANNEL("ch", "32") CTNN_ARM_DSP_REQUANT_STORE("a2", "[%[y], #2]")
                             CTNN_ARM_DSP_LOAD_CHANNEL("ch", "48") CTNN_ARM_DSP_REQUANT_STORE("a3", "[%[y], #3]")
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [t] "=&r"(t), [m] "=&r"(m),
              [n] "=&r"(n), [r] "=&r"(r)
            : [ch] "r"(ch), [y] "r"(y)
            : "memory");
    }

    /// The four-channel groups of an interior pixel (window top-left at x + (iy0, ix0)).
    [[gnu::always_inline]] static void interior(const depthwise_operands& op, const std::int8_t* x, std::int8_t* y,
                                                int iy0, int ix0) noexcept {
        const std::int32_t* wg = op.widened;
        const channel_record* ch = op.channels;
        const std::int8_t* px = x + (iy0 * op.in_w + ix0) * C;
        if constexpr (asm_interior) {
            const int row_step = DH * op.in_w * C;
            for (int c = 0; c < C; c += 4, wg += 2 * taps, ch += 4)
                interior_asm(px + c, row_step, wg, ch, y + c, op.offset2);
        } else {
            const std::int8_t* window[static_cast<std::size_t>(taps)];
            for (int t = 0; t < taps; ++t) window[t] = px + ((t / KW) * DH * op.in_w + (t % KW) * DW) * C;
            groups(op, window, y);
        }
    }

    /// All four-channel groups of one pixel, tap t of channel c read at window[t] + c.
    [[gnu::always_inline]] static void groups(const depthwise_operands& op, const std::int8_t* const* window,
                                              std::int8_t* y) noexcept {
        const std::int32_t offset2 = op.offset2;
        const std::int32_t* wg = op.widened;
        const channel_record* ch = op.channels;
        for (int c = 0; c < C; c += 4, wg += 2 * taps, ch += 4) {
            std::int32_t a0 = ch[0].bias, a1 = ch[1].bias, a2 = ch[2].bias, a3 = ch[3].bias;
#pragma GCC unroll 25
            for (int t = 0; t < taps; ++t) {
                const std::int32_t xw = load32(window[t] + c);
                const std::int32_t we = wg[2 * t];
                const std::int32_t wo = wg[2 * t + 1];
                const std::int32_t xe = sxtab16(offset2, xw);
                const std::int32_t xo = sxtab16_ror8(offset2, xw);
                a0 = smlabb(xe, we, a0);
                a2 = smlatt(xe, we, a2);
                a1 = smlabb(xo, wo, a1);
                a3 = smlatt(xo, wo, a3);
            }
            // Records copied to locals: the int8 stores below may alias them.
            const channel_record c0 = ch[0], c1 = ch[1], c2 = ch[2], c3 = ch[3];
            const std::int32_t o0 = K::apply(a0, c0);
            const std::int32_t o1 = K::apply(a1, c1);
            const std::int32_t o2 = K::apply(a2, c2);
            const std::int32_t o3 = K::apply(a3, c3);
            y[c] = static_cast<std::int8_t>(o0);
            y[c + 1] = static_cast<std::int8_t>(o1);
            y[c + 2] = static_cast<std::int8_t>(o2);
            y[c + 3] = static_cast<std::int8_t>(o3);
        }
    }

    /// y = depthwise(x). Border pixels read their padded taps from `padding`, C bytes of the input
    /// zero point (a real zero once the offset is added), so every pixel runs all taps unchecked.
    [[gnu::noinline]] static void run(const depthwise_operands& operands, const std::int8_t* x, std::int8_t* y) noexcept {
        const depthwise_operands op = operands;  // a local copy: the int8 stores cannot alias it
        alignas(4) std::int8_t padding[static_cast<std::size_t>(C)];
        const auto zero_point = static_cast<std::int8_t>(-static_cast<std::int16_t>(op.offset2 & 0xFFFF));
        for (int c = 0; c < C; ++c) padding[c] = zero_point;
        for (int b = 0; b < op.batches; ++b) {
            const std::int8_t* xb = x + b * op.in_h * op.in_w * C;
            for (int oy = 0; oy < op.out_h; ++oy) {
                const int iy0 = oy * op.stride_h - op.pad_top;
                const bool rows_inside = iy0 >= 0 && iy0 + (KH - 1) * DH < op.in_h;
                for (int ox = 0; ox < op.out_w; ++ox, y += C) {
                    const int ix0 = ox * op.stride_w - op.pad_left;
                    if (rows_inside && ix0 >= 0 && ix0 + (KW - 1) * DW < op.in_w) {
                        interior(op, xb, y, iy0, ix0);
                        continue;
                    }
                    const std::int8_t* window[static_cast<std::size_t>(taps)];
                    for (int t = 0; t < taps; ++t) {
                        const int iy = iy0 + (t / KW) * DH;
                        const int ix = ix0 + (t % KW) * DW;
                        const bool inside = iy >= 0 && iy < op.in_h && ix >= 0 && ix < op.in_w;
                        window[t] = inside ? xb + (iy * op.in_w + ix) * C : padding;
                    }
                    groups(op, window, y);
                }
            }
        }
    }
};

/// Layer L's data for depthwise_c4: the weights widened (and scaled, see bits/requant.hpp) at
/// compile time into the two int16 pairs SXTAB16 makes of an input word, its channel records
/// and its shapes.
template <class L>
struct depthwise_c4_layer {
    static constexpr int C = L::in_c;
    static constexpr int taps = L::kernel_h * L::kernel_w;
    using plan = requant_plan<L, accumulator_bound<L>(taps)>;
    using kernel = depthwise_c4<C, L::kernel_h, L::kernel_w, L::dilation_h, L::dilation_w, typename plan::kind>;

    static constexpr auto widened = [] {
        std::array<std::int32_t, static_cast<std::size_t>(C / 4 * taps * 2)> w{};
        const auto f = [](int t, int c) -> std::uint32_t {
            return static_cast<std::uint32_t>(std::data(L::filter)[t * C + c] * plan::scale) & 0xFFFFu;
        };
        std::size_t i = 0;
        for (int g = 0; g < C / 4; ++g)
            for (int t = 0; t < taps; ++t) {
                w[i++] = static_cast<std::int32_t>(f(t, 4 * g) | (f(t, 4 * g + 2) << 16));
                w[i++] = static_cast<std::int32_t>(f(t, 4 * g + 1) | (f(t, 4 * g + 3) << 16));
            }
        return w;
    }();

    static constexpr depthwise_operands operands{widened.data(), channel_records<L, plan>.data(),
                                                 L::batches,     L::in_h,
                                                 L::in_w,        L::out_h,
                                                 L::out_w,       L::stride_h,
                                                 L::stride_w,    L::pad_top,
                                                 L::pad_left,    dup16(-L::input::q.zero_point)};

    static void run(const std::int8_t* x, std::int8_t* y) noexcept { kernel::run(operands, x, y); }
};

/// One input channel, depth multiplier M = output channels (dilation_w 1): per kernel row, four
/// consecutive input bytes are one word, widened with the offset into the tap pairs (0, 2) and
/// (1, 3) (SXTAB16); the weights are packed at compile time into matching int16 pairs per
/// output channel, so each SMLAD does two taps. Four output channels per pass.
template <class L>
struct depthwise_one_channel {
    static constexpr int M = L::out_c;
    static constexpr int J = (L::kernel_w + 3) / 4;  // words per kernel row
    static constexpr std::int32_t zero_point = L::input::q.zero_point;
    static constexpr std::int32_t offset2 = dup16(-zero_point);
    using plan = requant_plan<L, accumulator_bound<L>(L::kernel_h * L::kernel_w)>;

    /// [ky][j][m][even taps, odd taps], each an int16 pair (taps past kernel_w are 0).
    static constexpr auto packed = [] {
        std::array<std::int32_t, static_cast<std::size_t>(L::kernel_h * J * M * 2)> p{};
        const auto w = [](int ky, int kx, int m) -> std::uint32_t {
            if (kx >= L::kernel_w) return 0;
            const int v = std::data(L::filter)[(ky * L::kernel_w + kx) * M + m] * plan::scale;
            return static_cast<std::uint32_t>(v) & 0xFFFFu;
        };
        std::size_t i = 0;
        for (int ky = 0; ky < L::kernel_h; ++ky)
            for (int j = 0; j < J; ++j)
                for (int m = 0; m < M; ++m) {
                    p[i++] = static_cast<std::int32_t>(w(ky, 4 * j, m) | (w(ky, 4 * j + 2, m) << 16));
                    p[i++] = static_cast<std::int32_t>(w(ky, 4 * j + 1, m) | (w(ky, 4 * j + 3, m) << 16));
                }
        return p;
    }();

    /// The window of a border pixel, word by word ([ky][j]), with zero_point (a real zero)
    /// for the taps outside the image.
    static void gather_window(const std::int8_t* x, int iy0, int ix0, std::int32_t* words) noexcept {
        constexpr std::uint32_t zp_byte = static_cast<std::uint32_t>(zero_point) & 0xFFu;
        constexpr std::int32_t zp_word = static_cast<std::int32_t>(zp_byte * 0x01010101u);
        for (int ky = 0; ky < L::kernel_h; ++ky) {
            const int iy = iy0 + ky * L::dilation_h;
            for (int j = 0; j < J; ++j) {
                std::int32_t& out = words[ky * J + j];
                const int ix = ix0 + 4 * j;
                if (iy < 0 || iy >= L::in_h) {
                    out = zp_word;
                } else if (ix >= 0 && ix + 4 <= L::in_w) {
                    out = load32(x + iy * L::in_w + ix);
                } else {
                    std::uint32_t v = 0;
                    for (int k = 0; k < 4; ++k) {
                        const bool inside = ix + k >= 0 && ix + k < L::in_w;
                        const std::uint32_t b = inside ? static_cast<std::uint32_t>(x[iy * L::in_w + ix + k]) & 0xFFu : zp_byte;
                        v |= b << (8 * k);
                    }
                    out = static_cast<std::int32_t>(v);
                }
            }
        }
    }

    /// Whether the asm word step applies: LDRD reaches every pair of a kernel row.
    static constexpr bool asm_rows = 8 * (J - 1) * M + 8 * 3 <= 1020;

    /// One input word of a kernel row against 4 output channels: two SXTAB16, then per channel
    /// one LDRD of its (even, odd) weight pairs and two SMLADs — 14 instructions, 32 tap slots.
    template <int OffW>
    [[gnu::always_inline]] static void row_word_asm(std::int32_t (&acc)[4], std::int32_t xw,
                                                    const std::int32_t* wk) noexcept {
        std::int32_t xe, e, o;
        __asm__("sxtab16 %[xe], %[off], %[xw]\n\t"
                "sxtab16 %[xw], %[off], %[xw], ror #8\n\t"
                "ldrd   %[e], %[o], [%[wk], %[w0]]\n\t"
                "smlad  %[a0], %[xe], %[e], %[a0]\n\t"
                "smlad  %[a0], %[xw], %[o], %[a0]\n\t"
                "ldrd   %[e], %[o], [%[wk], %[w1]]\n\t"
                "smlad  %[a1], %[xe], %[e], %[a1]\n\t"
                "smlad  %[a1], %[xw], %[o], %[a1]\n\t"
                "ldrd   %[e], %[o], [%[wk], %[w2]]\n\t"
                "smlad  %[a2], %[xe], %[e], %[a2]\n\t"
                "smlad  %[a2], %[xw], %[o], %[a2]\n\t"
                "ldrd   %[e], %[o], [%[wk], %[w3]]\n\t"
                "smlad  %[a3], %[xe], %[e], %[a3]\n\t"
                "smlad  %[a3], %[xw], %[o], %[a3]\n\t"
                : [a0] "+r"(acc[0]), [a1] "+r"(acc[1]), [a2] "+r"(acc[2]), [a3] "+r"(acc[3]), [xw] "+r"(xw),
                  [xe] "=&r"(xe), [e] "=&r"(e), [o] "=&r"(o)
                : [wk] "r"(wk), [off] "r"(offset2), [w0] "i"(OffW), [w1] "i"(OffW + 8), [w2] "i"(OffW + 16),
                  [w3] "i"(OffW + 24));
    }

    /// Output channels m0 .. m0 + C - 1 of one pixel; Fast: read the window from x (inside the
    /// image), else from the gathered words.
    template <int C, bool Fast>
    [[gnu::always_inline]] static void channels(const std::int8_t* x, std::int8_t* y, int iy0, int ix0, int m0,
                                                const std::int32_t* words) noexcept {
        std::int32_t acc[static_cast<std::size_t>(C)];
#pragma GCC unroll 4
        for (int c = 0; c < C; ++c) acc[c] = channel_records<L, plan>[static_cast<std::size_t>(m0 + c)].bias;
        const std::int32_t* wk = packed.data() + m0 * 2;
        for (int ky = 0; ky < L::kernel_h; ++ky, wk += J * M * 2) {
            [&]<int... Js>(std::integer_sequence<int, Js...>) {
                (
                    [&] {
                        constexpr int j = Js;
                        std::int32_t xw;
                        if constexpr (Fast)
                            xw = load32(x + (iy0 + ky * L::dilation_h) * L::in_w + ix0 + 4 * j);
                        else
                            xw = words[ky * J + j];
                        if constexpr (C == 4 && asm_rows) {
                            row_word_asm<8 * j * M>(acc, xw, wk);
                        } else {
                            const std::int32_t xe = sxtab16(offset2, xw);
                            const std::int32_t xo = sxtab16_ror8(offset2, xw);
                            const std::int32_t* wj = wk + j * M * 2;
#pragma GCC unroll 4
                            for (int c = 0; c < C; ++c) {
                                acc[c] = smlad(xe, wj[2 * c], acc[c]);
                                acc[c] = smlad(xo, wj[2 * c + 1], acc[c]);
                            }
                        }
                    }(),
                    ...);
            }(std::make_integer_sequence<int, J>{});
        }
        std::int32_t out[static_cast<std::size_t>(C)];
#pragma GCC unroll 4
        for (int c = 0; c < C; ++c) out[c] = plan::apply(acc[c], static_cast<std::size_t>(m0 + c));
#pragma GCC unroll 4
        for (int c = 0; c < C; ++c) y[m0 + c] = static_cast<std::int8_t>(out[c]);
    }

    template <bool Fast>
    static void pixel(const std::int8_t* x, std::int8_t* y, int iy0, int ix0) noexcept {
        std::int32_t words[static_cast<std::size_t>(Fast ? 1 : L::kernel_h * J)];
        if constexpr (!Fast) gather_window(x, iy0, ix0, words);
        int m = 0;
        for (; m + 4 <= M; m += 4) channels<4, Fast>(x, y, iy0, ix0, m, words);
        if constexpr (M % 4 >= 2) {
            channels<2, Fast>(x, y, iy0, ix0, m, words);
            m += 2;
        }
        if constexpr (M % 2 != 0) channels<1, Fast>(x, y, iy0, ix0, m, words);
    }

    static void run(const std::int8_t* x, std::int8_t* y) noexcept {
        for (int b = 0; b < L::batches; ++b) {
            const std::int8_t* xb = x + b * L::in_h * L::in_w;
            for (int oy = 0; oy < L::out_h; ++oy) {
                const int iy0 = oy * L::stride_h - L::pad_top;
                const bool rows_inside = iy0 >= 0 && iy0 + (L::kernel_h - 1) * L::dilation_h < L::in_h;
                for (int ox = 0; ox < L::out_w; ++ox, y += M) {
                    const int ix0 = ox * L::stride_w - L::pad_left;
                    if (rows_inside && ix0 >= 0 && ix0 + 4 * J <= L::in_w)
                        pixel<true>(xb, y, iy0, ix0);
                    else
                        pixel<false>(xb, y, iy0, ix0);
                }
            }
        }
    }
};

}  // namespace arm_dsp

template <>
struct kernel<isa::arm_dsp, depthwise_conv2d_tag> {
    template <class L>
    static constexpr bool four_channels = L::depth_multiplier == 1 && L::in_c % 4 == 0;
    template <class L>
    static constexpr bool one_channel = L::in_c == 1 && L::dilation_w == 1 && L::kernel_h * L::kernel_w * L::out_c <= 16384;
    template <class L>
    static constexpr bool one_channel_dilated = L::in_c == 1 && L::kernel_h * L::kernel_w * L::out_c <= 16384 &&
                                                arm_dsp::patch_gemm<L, 1, true>::buffer_bytes <= 4096;
    /// Whether the DSP code runs layer L (otherwise the scalar kernel does).
    template <class L>
    static constexpr bool specialized = four_channels<L> || one_channel<L> || one_channel_dilated<L>;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        if constexpr (four_channels<L>) {
            arm_dsp::depthwise_c4_layer<L>::run(x, y);
        } else if constexpr (one_channel<L>) {
            arm_dsp::depthwise_one_channel<L>::run(x, y);
        } else if constexpr (one_channel_dilated<L>) {
            arm_dsp::patch_gemm<L, 1, true>::run(x, y);
        } else {
            kernel<isa::scalar, depthwise_conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }
};

}  // namespace ctnn

#endif
