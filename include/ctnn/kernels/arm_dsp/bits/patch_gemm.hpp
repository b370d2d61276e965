// ctnn/kernels/arm_dsp/bits/patch_gemm.hpp — convolution as small GEMM tiles over patches.
//
// For a group of P output pixels, the receptive field of each ("patch": kernel_h * kernel_w *
// in_c values, in the filter's OHWI order) is expanded once into a small stack buffer of int16
// with the input offset added (SXTAB16) and padded taps set to zero — the real-valued zero of
// TFLite's padding. Then every pair of output channels runs a P x 2 tile of SMLAD dot products
// over the patches. The buffer interleaves the pixels by groups of four depth values
// ([g0: p0 p1 p2][g1: p0 p1 p2]...), so one pointer walks all P patches with LDRD.
//
// The 3 x 2 tile is the hot loop of MobileNet-style models. GCC spills it at -Os, so it is
// written in inline asm, four groups (16 depth values, 96 MACs) per iteration:
//   4 x (2 LDR weights, 4 SXTB16, 3 LDRD patches, 12 SMLAD) + 3 loop instructions = 87
// i.e. 0.91 instructions per MAC, 14 registers (6 accumulators, 4 widened weights, 2 patch
// words, 2 pointers) with the loop bound read from the stack. The C++ tile handles the rest.
//
// Its epilogue (requant_store3x2) is asm too: the six outputs requantized with the fast form of
// bits/requant.hpp and stored, 40 instructions. The patches are doubled while widened when the
// layer's requantization plan is fast (it then takes 2 * acc). Stack: 3 * round_up(depth, 4)
// int16 (1,536 bytes for depth 256); deeper patches (over 4 KiB for 3 pixels) run 1-pixel tiles.
//
// A 1x1 convolution with stride 1 is a plain GEMM over pixels: its patches are consecutive
// input pixels, expanded word by word.
#pragma once

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/kernels/arm_dsp/bits/requant.hpp"
#include "ctnn/kernels/arm_dsp/bits/simd.hpp"

namespace ctnn::arm_dsp {

/// Position of depth index d of pixel p in a buffer of P interleaved patches.
constexpr int interleaved_slot(int d, int p, int P) noexcept {
    constexpr int perm[4] = {0, 2, 1, 3};
    return (d >> 2) * 4 * P + p * 4 + perm[d & 3];
}

/// Expands n bytes (n % 4 == 0) of int8 input into int16 (unordered), adding `offset2` and
/// multiplying by Scale (1 or 2); group g goes to dst + g * group_stride halfwords.
template <int Scale>
[[gnu::always_inline]] inline void expand_run(std::int16_t* dst, const std::int8_t* src, int n, int group_stride,
                                              std::int32_t offset2) noexcept {
    for (int i = 0; i < n; i += 4, src += 4, dst += group_stride) {
        const std::int32_t x = load32(src);
        std::int32_t e = sxtab16(offset2, x);
        std::int32_t o = sxtab16_ror8(offset2, x);
        if constexpr (Scale == 2) {
            e = sadd16(e, e);
            o = sadd16(o, o);
        }
        store32(dst, e);
        store32(dst + 2, o);
    }
}

/// One group of 4 depth values of the 3 x 2 tile; %[in] and %[wp] advance.
#define CTNN_ARM_DSP_TILE3X2_STEP                  \
    "ldr    %[wa], [%[wp]], #4\n\t"                \
    "ldr    %[wb], [%[wp], %[wrow]]\n\t"           \
    "sxtb16 %[w0e], %[wa]\n\t"                     \
    "sxtb16 %[w0o], %[wa], ror #8\n\t"             \
    "sxtb16 %[w1e], %[wb]\n\t"                     \
    "sxtb16 %[w1o], %[wb], ror #8\n\t"             \
    "ldrd   %[wa], %[wb], [%[in]], #24\n\t"        \
    "smlad  %[a00], %[wa], %[w0e], %[a00]\n\t"     \
    "smlad  %[a01], %[wa], %[w1e], %[a01]\n\t"     \
    "smlad  %[a00], %[wb], %[w0o], %[a00]\n\t"     \
    "smlad  %[a01], %[wb], %[w1o], %[a01]\n\t"     \
    "ldrd   %[wa], %[wb], [%[in], #-16]\n\t"       \
    "smlad  %[a10], %[wa], %[w0e], %[a10]\n\t"     \
    "smlad  %[a11], %[wa], %[w1e], %[a11]\n\t"     \
    "smlad  %[a10], %[wb], %[w0o], %[a10]\n\t"     \
    "smlad  %[a11], %[wb], %[w1o], %[a11]\n\t"     \
    "ldrd   %[wa], %[wb], [%[in], #-8]\n\t"        \
    "smlad  %[a20], %[wa], %[w0e], %[a20]\n\t"     \
    "smlad  %[a21], %[wa], %[w1e], %[a21]\n\t"     \
    "smlad  %[a20], %[wb], %[w0o], %[a20]\n\t"     \
    "smlad  %[a21], %[wb], %[w1o], %[a21]\n\t"

/// acc[p][c] += patches of 3 pixels (interleaved) . weight rows w, w + Row, over Groups groups.
/// The asm reads the patch buffer (hence the "memory" clobber: the gather's stores come first;
/// a memory operand for it would need a 15th register) and the weights (constants in flash).
template <int Groups, int Row>
[[gnu::always_inline]] inline void tile3x2_asm(const std::int16_t* in, const std::int8_t* wp,
                                               std::int32_t (&acc)[3][2]) noexcept {
    std::int32_t a00 = acc[0][0], a01 = acc[0][1], a10 = acc[1][0], a11 = acc[1][1], a20 = acc[2][0],
                 a21 = acc[2][1];
    std::int32_t w0e, w0o, w1e, w1o, wa, wb;
#define CTNN_ARM_DSP_TILE3X2_OPERANDS                                                                   \
    [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), [a20] "+r"(a20), [a21] "+r"(a21), \
        [in] "+r"(in), [wp] "+r"(wp), [w0e] "=&r"(w0e), [w0o] "=&r"(w0o), [w1e] "=&r"(w1e), [w1o] "=&r"(w1o), \
        [wa] "=&r"(wa), [wb] "=&r"(wb)
    if constexpr (Groups >= 4) {
        // Four groups (96 MACs) per iteration: 84 + 3 loop instructions.
        const std::int16_t* end = in + (Groups / 4) * 4 * 12;
        __asm__("1:\n\t" CTNN_ARM_DSP_TILE3X2_STEP CTNN_ARM_DSP_TILE3X2_STEP CTNN_ARM_DSP_TILE3X2_STEP
                    CTNN_ARM_DSP_TILE3X2_STEP
                "ldr    %[wa], %[end]\n\t"
                "cmp    %[in], %[wa]\n\t"
                "bne    1b\n\t"
                : CTNN_ARM_DSP_TILE3X2_OPERANDS
                : [end] "m"(end), [wrow] "i"(Row - 4)
                : "cc", "memory");
    }
    if constexpr (Groups % 4 >= 2) {
        __asm__(CTNN_ARM_DSP_TILE3X2_STEP CTNN_ARM_DSP_TILE3X2_STEP
                : CTNN_ARM_DSP_TILE3X2_OPERANDS
                : [wrow] "i"(Row - 4)
                : "memory");
    }
    if constexpr (Groups % 2 != 0) {
        __asm__(CTNN_ARM_DSP_TILE3X2_STEP
                : CTNN_ARM_DSP_TILE3X2_OPERANDS
                : [wrow] "i"(Row - 4)
                : "memory");
    }
#undef CTNN_ARM_DSP_TILE3X2_OPERANDS
    acc[0][0] = a00;
    acc[0][1] = a01;
    acc[1][0] = a10;
    acc[1][1] = a11;
    acc[2][0] = a20;
    acc[2][1] = a21;
}

#undef CTNN_ARM_DSP_TILE3X2_STEP

/// Requantizes one accumulator with the channel constants in %[m], %[n], %[r] (the fast form of
/// bits/requant.hpp for left shift 0 and the full int8 range) and stores it at %[y] + Offset.
#define CTNN_ARM_DSP_REQUANT_STORE(acc, offset)        \
    "smmulr %[t], %[" acc "], %[m]\n\t"                \
    "add    %[" acc "], %[n], %[t]\n\t"                \
    "sub    %[" acc "], %[" acc "], %[t], lsr #31\n\t" \
    "asr    %[" acc "], %[" acc "], %[r]\n\t"          \
    "ssat   %[" acc "], #8, %[" acc "]\n\t"            \
    "strb   %[" acc "], [%[y], %[" offset "]]\n\t"

/// The epilogue of a 3 x 2 tile: six outputs y[p * Stride + c] from acc[p][c], channel records
/// ch[0], ch[1] (bits/requant.hpp). 2 x 2 loads + 6 x 6 instructions, nothing spilled.
template <int Stride>
[[gnu::always_inline]] inline void requant_store3x2(std::int32_t (&acc)[3][2], const channel_record* ch,
                                                    std::int8_t* y) noexcept {
    std::int32_t a00 = acc[0][0], a01 = acc[0][1], a10 = acc[1][0], a11 = acc[1][1], a20 = acc[2][0],
                 a21 = acc[2][1];
    std::int32_t t, m, n, r;
    // volatile: the stores are its only effect.
    __asm__ volatile("ldrd   %[m], %[n], [%[ch], #4]\n\t"
            "ldr    %[r], [%[ch], #12]\n\t"
            CTNN_ARM_DSP_REQUANT_STORE("a00", "o00") CTNN_ARM_DSP_REQUANT_STORE("a10", "o10")
            CTNN_ARM_DSP_REQUANT_STORE("a20", "o20")
            "ldrd   %[m], %[n], [%[ch], #20]\n\t"
            "ldr    %[r], [%[ch], #28]\n\t"
            CTNN_ARM_DSP_REQUANT_STORE("a01", "o01") CTNN_ARM_DSP_REQUANT_STORE("a11", "o11")
            CTNN_ARM_DSP_REQUANT_STORE("a21", "o21")
            : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), [a20] "+r"(a20),
              [a21] "+r"(a21), [t] "=&r"(t), [m] "=&r"(m), [n] "=&r"(n), [r] "=&r"(r)
            : [ch] "r"(ch), [y] "r"(y), [o00] "i"(0), [o01] "i"(1), [o10] "i"(Stride), [o11] "i"(Stride + 1),
              [o20] "i"(2 * Stride), [o21] "i"(2 * Stride + 1)
            : "memory");
}

#undef CTNN_ARM_DSP_REQUANT_STORE

/// Dot products of a P x C tile: P interleaved expanded patches with C int8 weight rows (Depth
/// bytes apart). acc[p][c] += sum_d patch_p[d] * w_c[d]. Portable C++ (tails, small tiles).
template <int P, int C, int Depth>
[[gnu::always_inline]] inline void dot_tile(const std::int16_t* patch, const std::int8_t* w,
                                            std::int32_t (&acc)[static_cast<std::size_t>(P)][static_cast<std::size_t>(C)]) noexcept {
    constexpr int groups = Depth / 4;
    constexpr int tail = Depth % 4;
    const std::int16_t* in = patch;
    const std::int8_t* wp = w;
    if constexpr (P == 3 && C == 2 && groups > 0 && Depth <= 4096) {
        tile3x2_asm<groups, Depth>(in, wp, acc);
        in += groups * 4 * P;
        wp += groups * 4;
    } else {
        for (int g = 0; g < groups; ++g, in += 4 * P, wp += 4) {
            std::int32_t we[static_cast<std::size_t>(C)];
            std::int32_t wo[static_cast<std::size_t>(C)];
#pragma GCC unroll 4
            for (int c = 0; c < C; ++c) {
                const std::int32_t x = load32(wp + c * Depth);
                we[c] = sxtb16(x);
                wo[c] = sxtb16_ror8(x);
            }
#pragma GCC unroll 4
            for (int p = 0; p < P; ++p) {
                const std::int32_t a = load32(in + p * 4);
                const std::int32_t b = load32(in + p * 4 + 2);
#pragma GCC unroll 4
                for (int c = 0; c < C; ++c) {
                    acc[p][c] = smlad(a, we[c], acc[p][c]);
                    acc[p][c] = smlad(b, wo[c], acc[p][c]);
                }
            }
        }
    }
    if constexpr (tail != 0) {
        // The last 1-3 weights of each row, read byte by byte (never past the array); the
        // patch slots past the depth are zero.
        std::int32_t we[static_cast<std::size_t>(C)];
        std::int32_t wo[static_cast<std::size_t>(C)];
#pragma GCC unroll 4
        for (int c = 0; c < C; ++c) {
            std::uint32_t x = 0;
            for (int k = 0; k < tail; ++k)
                x |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(wp[c * Depth + k])) << (8 * k);
            we[c] = sxtb16(static_cast<std::int32_t>(x));
            wo[c] = sxtb16_ror8(static_cast<std::int32_t>(x));
        }
#pragma GCC unroll 4
        for (int p = 0; p < P; ++p) {
            const std::int32_t a = load32(in + p * 4);
            const std::int32_t b = load32(in + p * 4 + 2);
#pragma GCC unroll 4
            for (int c = 0; c < C; ++c) {
                acc[p][c] = smlad(a, we[c], acc[p][c]);
                acc[p][c] = smlad(b, wo[c], acc[p][c]);
            }
        }
    }
}

/// Convolution of layer L (CONV_2D with one group, or DEPTHWISE_CONV_2D over one input channel)
/// as patch GEMM tiles. InC: channels per tap in the patch (the filter's inner dimension).
/// Weights: OHWI rows of kernel_h * kernel_w * InC bytes, one per output channel.
template <class L, int InC>
struct patch_gemm {
    static constexpr int depth = L::kernel_h * L::kernel_w * InC;
    static constexpr int groups = (depth + 3) / 4;
    static constexpr int row = L::kernel_w * InC;  // contiguous bytes of one kernel row
    /// Pixels per tile: 3, or 1 when three patches would take more than 4 KiB of stack
    /// (depth > 682; CMSIS-NN's im2col buffer for two pixels is about as large).
    static constexpr int tile = groups * 4 * 3 * 2 <= 4096 ? 3 : 1;
    /// Stack bytes of the patch buffer.
    static constexpr int buffer_bytes = groups * 4 * tile * 2;
    static constexpr int pixels = L::out_h * L::out_w;
    static constexpr std::int32_t input_offset = -L::input::q.zero_point;
    static constexpr bool pointwise = L::kernel_h == 1 && L::kernel_w == 1 && L::stride_h == 1 &&
                                      L::stride_w == 1 && L::pad_top == 0 && L::pad_left == 0 &&
                                      L::out_h == L::in_h && L::out_w == L::in_w && InC % 4 == 0;
    static constexpr bool row_runs = L::dilation_w == 1 && row % 4 == 0;
    using plan = requant_plan<L, accumulator_bound<L>(depth)>;

    /// Expands the patch of output pixel (oy, ox) of image `x` as pixel p of a P-pixel tile.
    /// Kernel rows of a multiple of 4 bytes are widened straight from the input; otherwise the
    /// patch is first copied as bytes (the input zero point, a real zero, for padded taps and
    /// for the last group's slack) and then widened.
    template <int P>
    static void gather(std::int16_t* buf, const std::int8_t* x, int oy, int ox, int p) noexcept {
        constexpr std::int32_t offset2 = dup16(input_offset);
        const int iy0 = oy * L::stride_h - L::pad_top;
        const int ix0 = ox * L::stride_w - L::pad_left;
        const bool cols_inside = ix0 >= 0 && ix0 + (L::kernel_w - 1) * L::dilation_w < L::in_w;
        if constexpr (row_runs) {
            for (int ky = 0; ky < L::kernel_h; ++ky) {
                const int iy = iy0 + ky * L::dilation_h;
                const bool row_inside = iy >= 0 && iy < L::in_h;
                std::int16_t* d = buf + (ky * row / 4) * 4 * P + 4 * p;
                if (row_inside && cols_inside) {
                    expand_run<plan::scale>(d, x + (iy * L::in_w + ix0) * L::in_c, row, 4 * P, offset2);
                    continue;
                }
                for (int kx = 0; kx < L::kernel_w; ++kx) {
                    const int ix = ix0 + kx * L::dilation_w;
                    const bool inside = row_inside && ix >= 0 && ix < L::in_w;
                    const int base = ky * row + kx * InC;
                    if (inside) {
                        const std::int8_t* s = x + (iy * L::in_w + ix) * L::in_c;
                        for (int i = 0; i < InC; ++i)
                            buf[interleaved_slot(base + i, p, P)] =
                                static_cast<std::int16_t>((s[i] + input_offset) * plan::scale);
                    } else {
                        for (int i = 0; i < InC; ++i) buf[interleaved_slot(base + i, p, P)] = 0;
                    }
                }
            }
        } else {
            constexpr auto zp = static_cast<std::int8_t>(L::input::q.zero_point);
            alignas(4) std::int8_t raw[static_cast<std::size_t>(groups * 4)];
            std::int8_t* r = raw;
            for (int ky = 0; ky < L::kernel_h; ++ky, r += row) {
                const int iy = iy0 + ky * L::dilation_h;
                const bool row_inside = iy >= 0 && iy < L::in_h;
                if (L::dilation_w == 1 && row_inside && cols_inside) {
                    const std::int8_t* s = x + (iy * L::in_w + ix0) * L::in_c;
                    for (int i = 0; i < row; ++i) r[i] = s[i];
                    continue;
                }
                for (int kx = 0; kx < L::kernel_w; ++kx) {
                    const int ix = ix0 + kx * L::dilation_w;
                    const bool inside = row_inside && ix >= 0 && ix < L::in_w;
                    std::int8_t* rk = r + kx * InC;
                    if (inside) {
                        const std::int8_t* s = x + (iy * L::in_w + ix) * L::in_c;
                        for (int i = 0; i < InC; ++i) rk[i] = s[i];
                    } else {
                        for (int i = 0; i < InC; ++i) rk[i] = zp;
                    }
                }
            }
            for (int i = depth; i < groups * 4; ++i) raw[i] = zp;
            expand_run<plan::scale>(buf + 4 * p, raw, groups * 4, 4 * P, offset2);
        }
    }

    template <int P>
    [[gnu::always_inline]] static void compute_tile(const std::int16_t* patches, const std::int8_t* w,
                                                    std::int8_t* y) noexcept {
        constexpr int pairs = L::out_c / 2;
        const std::int8_t* wr = w;
        const channel_record* ch = channel_records<L, plan>.data();
        std::int8_t* yo = y;
        for (int o = 0; o < pairs * 2; o += 2, wr += 2 * depth, ch += 2, yo += 2) {
            std::int32_t acc[static_cast<std::size_t>(P)][2];
            {
                const std::int32_t b0 = ch[0].bias;
                const std::int32_t b1 = ch[1].bias;
#pragma GCC unroll 4
                for (int p = 0; p < P; ++p) {
                    acc[p][0] = b0;
                    acc[p][1] = b1;
                }
            }
            dot_tile<P, 2, depth>(patches, wr, acc);
            // Read after the dot product (nothing stays live across the register-hungry tile),
            // into locals: the int8 stores below may alias anything, so fields read later
            // would be reloaded after every store.
            constexpr bool asm_epilogue = P == 3 && plan::fast && plan::left == 0 && L::range.min == -128 &&
                                          L::range.max == 127 && 2 * L::out_c + 1 <= 4095;
            if constexpr (asm_epilogue) {
                requant_store3x2<L::out_c>(acc, ch, yo);
                continue;
            }
            std::int32_t out[static_cast<std::size_t>(P)][2];
            if constexpr (plan::fast) {
                const std::int32_t m0 = ch[0].multiplier, n0 = ch[0].nudge, r0 = ch[0].right;
                const std::int32_t m1 = ch[1].multiplier, n1 = ch[1].nudge, r1 = ch[1].right;
#pragma GCC unroll 4
                for (int p = 0; p < P; ++p) {
                    out[p][0] = plan::apply(acc[p][0], m0, n0, r0);
                    out[p][1] = plan::apply(acc[p][1], m1, n1, r1);
                }
            } else {
#pragma GCC unroll 4
                for (int p = 0; p < P; ++p) {
                    out[p][0] = plan::apply(acc[p][0], static_cast<std::size_t>(o));
                    out[p][1] = plan::apply(acc[p][1], static_cast<std::size_t>(o + 1));
                }
            }
#pragma GCC unroll 4
            for (int p = 0; p < P; ++p) {
                yo[p * L::out_c] = static_cast<std::int8_t>(out[p][0]);
                yo[p * L::out_c + 1] = static_cast<std::int8_t>(out[p][1]);
            }
        }
        if constexpr (L::out_c % 2 != 0) {
            constexpr int o = L::out_c - 1;
            std::int32_t acc[static_cast<std::size_t>(P)][1];
            const std::int32_t b0 = channel_records<L, plan>[static_cast<std::size_t>(o)].bias;
            for (int p = 0; p < P; ++p) acc[p][0] = b0;
            dot_tile<P, 1, depth>(patches, w + o * depth, acc);
            for (int p = 0; p < P; ++p)
                y[p * L::out_c + o] = static_cast<std::int8_t>(plan::apply(acc[p][0], static_cast<std::size_t>(o)));
        }
    }

    template <int P>
    [[gnu::always_inline]] static void run_tile(std::int16_t* patches, const std::int8_t* x, const std::int8_t* w,
                                                std::int8_t* y, int& oy, int& ox) noexcept {
        if constexpr (pointwise) {
            constexpr std::int32_t offset2 = dup16(input_offset);
            // Pixel (oy, ox) of a 1x1 stride-1 convolution reads input pixel (oy, ox).
            const std::int8_t* src = x + (oy * L::in_w + ox) * L::in_c;
#pragma GCC unroll 4
            for (int p = 0; p < P; ++p) expand_run<plan::scale>(patches + 4 * p, src + p * InC, InC, 4 * P, offset2);
            ox += P;
            while (ox >= L::out_w) {
                ox -= L::out_w;
                ++oy;
            }
        } else {
            for (int p = 0; p < P; ++p) {
                gather<P>(patches, x, oy, ox, p);
                if (++ox == L::out_w) {
                    ox = 0;
                    ++oy;
                }
            }
        }
        compute_tile<P>(patches, w, y);
    }

    /// y = conv(x) for all batches.
    static void run(const std::int8_t* x, std::int8_t* y, const std::int8_t* w) noexcept {
        // Every slot is written by the gather (the slack of the last group with zeros).
        alignas(8) std::int16_t patches[static_cast<std::size_t>(groups * 4 * tile)];
        constexpr int full = pixels / tile;
        constexpr int rest = pixels % tile;
        for (int b = 0; b < L::batches; ++b) {
            const std::int8_t* xb = x + b * L::in_h * L::in_w * L::in_c;
            std::int8_t* yb = y + b * pixels * L::out_c;
            int oy = 0;
            int ox = 0;
            for (int t = 0; t < full; ++t, yb += tile * L::out_c) run_tile<tile>(patches, xb, w, yb, oy, ox);
            if constexpr (rest != 0) run_tile<rest>(patches, xb, w, yb, oy, ox);
        }
    }
};

}  // namespace ctnn::arm_dsp

#endif
