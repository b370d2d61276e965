// ctnn/kernels/arm_dsp/bits/patch_gemm.hpp — convolution as small GEMM tiles over patches.
//
// For a group of P output pixels, the receptive field of each ("patch": kernel_h * kernel_w *
// in_c values, in the filter's OHWI order) is expanded once into a small stack buffer of int16
// with the input offset added (SXTAB16) and padded taps set to zero — the real-valued zero of
// TFLite's padding. Then every pair of output channels runs a P x 2 tile of SMLAD dot products
// over the patches. The buffer interleaves the pixels by groups of four depth values
// ([g0: p0 p1 p2][g1: p0 p1 p2]...), so one pointer walks all P patches with LDRD.
//
// Code size: the tiles and the 1x1 GEMM driver are shared by every layer with the same
// requantization kind (bits/requant.hpp) — one copy per model, not one per layer. A layer
// hands them a small constant descriptor (gemm_operands) in flash: its weights, its channel
// records, its depth and channel count. The compile-time shapes still choose the variant and
// lay out the weights; only the loop bounds are read at run time, which costs a few
// instructions per tile, not per MAC.
//
// The weights are laid out at compile time for the tiles: rows padded with zeros to a whole
// number of 4-byte groups, and the two rows of an output-channel pair interleaved group by
// group, so one LDRD reads both rows' four weights; an odd last channel is a plain row.
//
// The 3 x 2 tile is the hot loop of MobileNet-style models. GCC spills it at -Os, so it is
// written in inline asm, four groups (16 depth values, 96 MACs) per iteration:
//   4 x (1 LDRD weights, 4 SXTB16, 3 LDRD patches, 12 SMLAD) + 3 loop instructions = 83
// i.e. 0.86 instructions per MAC, 14 registers (6 accumulators, 4 widened weights, 2 loaded
// words, 2 pointers). When the layer's requantization has the asm form (bits/requant.hpp),
// the loop over output-channel pairs, the six outputs' requantization (36 instructions) and
// the stores are in the same asm statement (gemm3x2_pairs_asm), its loop state on the stack.
// The patches are doubled while widened when the layer's requantization plan is fast (it then
// takes 2 * acc). Stack: 3 * round_up(depth, 4) int16 (1,536 bytes for depth
// 256); deeper patches (over 4 KiB for 3 pixels) run 1-pixel tiles.
//
// A 1x1 convolution with stride 1 is a plain GEMM over pixels: its patches are consecutive
// input pixels, expanded word by word (pointwise_gemm, also shared).
#pragma once

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include <array>
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

/// One group of 4 depth values of the 3 x 2 tile, from interleaved weight pairs (%[wp]) and
/// three interleaved patches (%[in]); both pointers advance. The widened weights are in %[m],
/// %[n] (row 0) and %[r], %[t] (row 1): the epilogue reuses those registers for the
/// requantization constants (CTNN_ARM_DSP_REQUANT_STORE). Sets no flags.
#define CTNN_ARM_DSP_TILE3X2_STEP                  \
    "ldrd   %[wa], %[wb], [%[wp]], #8\n\t"         \
    "sxtb16 %[m], %[wa]\n\t"                     \
    "sxtb16 %[n], %[wa], ror #8\n\t"             \
    "sxtb16 %[r], %[wb]\n\t"                     \
    "sxtb16 %[t], %[wb], ror #8\n\t"             \
    "ldrd   %[wa], %[wb], [%[in]], #24\n\t"        \
    "smlad  %[a00], %[wa], %[m], %[a00]\n\t"     \
    "smlad  %[a01], %[wa], %[r], %[a01]\n\t"     \
    "smlad  %[a00], %[wb], %[n], %[a00]\n\t"     \
    "smlad  %[a01], %[wb], %[t], %[a01]\n\t"     \
    "ldrd   %[wa], %[wb], [%[in], #-16]\n\t"       \
    "smlad  %[a10], %[wa], %[m], %[a10]\n\t"     \
    "smlad  %[a11], %[wa], %[r], %[a11]\n\t"     \
    "smlad  %[a10], %[wb], %[n], %[a10]\n\t"     \
    "smlad  %[a11], %[wb], %[t], %[a11]\n\t"     \
    "ldrd   %[wa], %[wb], [%[in], #-8]\n\t"        \
    "smlad  %[a20], %[wa], %[m], %[a20]\n\t"     \
    "smlad  %[a21], %[wa], %[r], %[a21]\n\t"     \
    "smlad  %[a20], %[wb], %[n], %[a20]\n\t"     \
    "smlad  %[a21], %[wb], %[t], %[a21]\n\t"

/// acc[p][c] += patches of 3 pixels (interleaved) . an interleaved weight pair, over `groups`
/// groups: a loop of four groups, then two and one. The asm reads the patch buffer
/// (hence the "memory" clobber: the gather's stores come first; a memory operand for it would
/// need a 15th register) and the weights (constants in flash).
[[gnu::always_inline]] inline void tile3x2_asm(const std::int16_t* in, const std::int8_t* wp, int groups,
                                               std::int32_t (&acc)[3][2]) noexcept {
    std::int32_t a00 = acc[0][0], a01 = acc[0][1], a10 = acc[1][0], a11 = acc[1][1], a20 = acc[2][0],
                 a21 = acc[2][1];
    std::int32_t m, n, r, t, wa, wb;
#define CTNN_ARM_DSP_TILE3X2_OPERANDS                                                                   \
    [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), [a20] "+r"(a20), [a21] "+r"(a21), \
        [in] "+r"(in), [wp] "+r"(wp), [m] "=&r"(m), [n] "=&r"(n), [r] "=&r"(r), [t] "=&r"(t), [wa] "=&r"(wa), \
        [wb] "=&r"(wb)
    if (groups >= 4) {
        // Four groups (96 MACs) per iteration: 80 + 3 loop instructions.
        const std::int16_t* end = in + (groups >> 2) * 4 * 12;
        __asm__("1:\n\t" CTNN_ARM_DSP_TILE3X2_STEP CTNN_ARM_DSP_TILE3X2_STEP CTNN_ARM_DSP_TILE3X2_STEP
                    CTNN_ARM_DSP_TILE3X2_STEP
                "ldr    %[wa], %[end]\n\t"
                "cmp    %[in], %[wa]\n\t"
                "bne    1b\n\t"
                : CTNN_ARM_DSP_TILE3X2_OPERANDS
                : [end] "m"(end)
                : "cc", "memory");
    }
    if ((groups & 2) != 0) {
        __asm__(CTNN_ARM_DSP_TILE3X2_STEP CTNN_ARM_DSP_TILE3X2_STEP : CTNN_ARM_DSP_TILE3X2_OPERANDS : : "memory");
    }
    if ((groups & 1) != 0) {
        __asm__(CTNN_ARM_DSP_TILE3X2_STEP : CTNN_ARM_DSP_TILE3X2_OPERANDS : : "memory");
    }
#undef CTNN_ARM_DSP_TILE3X2_OPERANDS
    acc[0][0] = a00;
    acc[0][1] = a01;
    acc[1][0] = a10;
    acc[1][1] = a11;
    acc[2][0] = a20;
    acc[2][1] = a21;
}

/// The whole 3-pixel GEMM for kinds with the asm epilogue: for each of `pairs` output-channel
/// pairs, the biases, the 3 x 2 tile over `groups` groups (a loop of four, then two, then one)
/// and the requantized stores y[p * stride + c]. One asm statement, so that nothing is spilled
/// and reloaded around the tile: the 14 registers hold the tile, and the loop state is in
/// stack locals handed in as memory operands (addressed from sp, so they need no register and
/// the compiler's stack-usage figures include them).
/// Per pair: 20 instructions per group, 42 for the epilogue, about 25 of bookkeeping.
[[gnu::always_inline]] inline void gemm3x2_pairs_asm(const std::int16_t* patches, const std::int8_t* wp,
                                                     const channel_record* ch, std::int8_t* y, std::int32_t stride,
                                                     std::int32_t pairs, std::int32_t groups) noexcept {
    const std::int16_t* quad_end = patches + (groups >> 2) * 48;  // end of the four-group loop
    std::int32_t rest = groups & 3;
    std::int32_t a00, a01, a10, a11, a20, a21, m, n, r, t, wa, wb;
    const std::int16_t* in;
    __asm__ volatile(
        "2:\n\t"
        "ldr    %[wa], %[ch]\n\t"
        "ldr    %[a00], [%[wa], #0]\n\t"
        "ldr    %[a01], [%[wa], #16]\n\t"
        "mov    %[a10], %[a00]\n\t"
        "mov    %[a20], %[a00]\n\t"
        "mov    %[a11], %[a01]\n\t"
        "mov    %[a21], %[a01]\n\t"
        "ldr    %[in], %[patches]\n\t"
        "ldr    %[wb], %[quad_end]\n\t"
        "cmp    %[in], %[wb]\n\t"
        "beq    4f\n\t"
        "1:\n\t" CTNN_ARM_DSP_TILE3X2_STEP CTNN_ARM_DSP_TILE3X2_STEP CTNN_ARM_DSP_TILE3X2_STEP
            CTNN_ARM_DSP_TILE3X2_STEP
        "ldr    %[wa], %[quad_end]\n\t"
        "cmp    %[in], %[wa]\n\t"
        "bne    1b\n\t"
        "4:\n\t"
        "ldr    %[wa], %[rest]\n\t"
        "lsls   %[wa], %[wa], #31\n\t"  // C = bit 1 (two groups), N = bit 0 (one group)
        "bcc    5f\n\t" CTNN_ARM_DSP_TILE3X2_STEP CTNN_ARM_DSP_TILE3X2_STEP
        "5:\n\t"
        "bpl    6f\n\t" CTNN_ARM_DSP_TILE3X2_STEP
        "6:\n\t"
        "ldr    %[wa], %[ch]\n\t"
        "ldr    %[wb], %[y]\n\t"
        "ldr    %[in], %[stride]\n\t"
        CTNN_ARM_DSP_LOAD_CHANNEL("wa", "0")
        CTNN_ARM_DSP_REQUANT_STORE("a00", "[%[wb]]")
        CTNN_ARM_DSP_REQUANT_STORE("a10", "[%[wb], %[in]]")
        CTNN_ARM_DSP_REQUANT_STORE("a20", "[%[wb], %[in], lsl #1]")
        CTNN_ARM_DSP_LOAD_CHANNEL("wa", "16")
        "add    %[wb], %[wb], #1\n\t"
        CTNN_ARM_DSP_REQUANT_STORE("a01", "[%[wb]]")
        CTNN_ARM_DSP_REQUANT_STORE("a11", "[%[wb], %[in]]")
        CTNN_ARM_DSP_REQUANT_STORE("a21", "[%[wb], %[in], lsl #1]")
        "add    %[wb], %[wb], #1\n\t"
        "str    %[wb], %[y]\n\t"
        "add    %[wa], %[wa], #32\n\t"
        "str    %[wa], %[ch]\n\t"
        "ldr    %[wa], %[pairs]\n\t"
        "subs   %[wa], %[wa], #1\n\t"
        "str    %[wa], %[pairs]\n\t"
        "bne    2b\n\t"
        : [a00] "=&r"(a00), [a01] "=&r"(a01), [a10] "=&r"(a10), [a11] "=&r"(a11), [a20] "=&r"(a20),
          [a21] "=&r"(a21), [in] "=&r"(in), [wp] "+r"(wp), [m] "=&r"(m), [n] "=&r"(n), [r] "=&r"(r), [t] "=&r"(t),
          [wa] "=&r"(wa), [wb] "=&r"(wb), [ch] "+m"(ch), [y] "+m"(y), [pairs] "+m"(pairs)
        : [patches] "m"(patches), [quad_end] "m"(quad_end), [rest] "m"(rest), [stride] "m"(stride)
        : "cc", "memory");
}

#undef CTNN_ARM_DSP_TILE3X2_STEP

/// acc[p][c] += patch_p . row c of an interleaved weight pair, over `groups` groups (C++: the
/// 1- and 2-pixel tiles).
template <int P>
[[gnu::always_inline]] inline void dot_pair(const std::int16_t* in, const std::int8_t* wp, int groups,
                                            std::int32_t (&acc)[static_cast<std::size_t>(P)][2]) noexcept {
    for (int g = 0; g < groups; ++g, in += 4 * P, wp += 8) {
        const std::int32_t wa = load32(wp);
        const std::int32_t wb = load32(wp + 4);
        const std::int32_t w0e = sxtb16(wa), w0o = sxtb16_ror8(wa);
        const std::int32_t w1e = sxtb16(wb), w1o = sxtb16_ror8(wb);
#pragma GCC unroll 4
        for (int p = 0; p < P; ++p) {
            const std::int32_t a = load32(in + p * 4);
            const std::int32_t b = load32(in + p * 4 + 2);
            acc[p][0] = smlad(b, w0o, smlad(a, w0e, acc[p][0]));
            acc[p][1] = smlad(b, w1o, smlad(a, w1e, acc[p][1]));
        }
    }
}

/// acc[p] += patch_p . one plain weight row of `groups` groups (an odd last output channel).
template <int P>
[[gnu::always_inline]] inline void dot_row(const std::int16_t* in, const std::int8_t* wp, int groups,
                                           std::int32_t (&acc)[static_cast<std::size_t>(P)]) noexcept {
    for (int g = 0; g < groups; ++g, in += 4 * P, wp += 4) {
        const std::int32_t w = load32(wp);
        const std::int32_t we = sxtb16(w), wo = sxtb16_ror8(w);
#pragma GCC unroll 4
        for (int p = 0; p < P; ++p) acc[p] = smlad(load32(in + p * 4 + 2), wo, smlad(load32(in + p * 4), we, acc[p]));
    }
}

/// A layer's operands for the shared tiles: a constant descriptor in flash.
struct gemm_operands {
    const std::int8_t* weights;        // paired_rows: pairs interleaved by group, zero-padded
    const channel_record* channels;    // bias and requantization per output channel
    std::int32_t groups;               // depth / 4, rounded up
    std::int32_t out_c;                // output channels (the stride between output pixels)
};

/// All output channels of P pixels: y[p * out_c + c] from P interleaved expanded patches.
/// One copy per (P, requantization kind), shared by every layer.
template <int P, class K>
[[gnu::noinline]] void gemm_tiles(const std::int16_t* patches, const gemm_operands& g, std::int8_t* y) noexcept {
    const int groups = g.groups;
    const int out_c = g.out_c;
    const std::int8_t* wr = g.weights;
    const channel_record* ch = g.channels;
    if constexpr (P == 3 && K::asm_epilogue && fourteen_register_asm) {
        const int pairs = out_c / 2;
        if (pairs > 0) gemm3x2_pairs_asm(patches, wr, ch, y, out_c, pairs, groups);
        wr += pairs * 8 * groups;
        ch += 2 * pairs;
        y += 2 * pairs;
    } else {
        for (int o = 0; o + 2 <= out_c; o += 2, wr += 8 * groups, ch += 2, y += 2) {
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
            if constexpr (P == 3 && fourteen_register_asm)
                tile3x2_asm(patches, wr, groups, acc);
            else
                dot_pair<P>(patches, wr, groups, acc);
            // The records are copied to locals after the dot product (nothing stays live across
            // the register-hungry tile): the int8 stores below may alias anything, so fields
            // read later would be reloaded after every store.
            const channel_record c0 = ch[0];
            const channel_record c1 = ch[1];
            std::int32_t out[static_cast<std::size_t>(P)][2];
#pragma GCC unroll 4
            for (int p = 0; p < P; ++p) {
                out[p][0] = K::apply(acc[p][0], c0);
                out[p][1] = K::apply(acc[p][1], c1);
            }
#pragma GCC unroll 4
            for (int p = 0; p < P; ++p) {
                y[p * out_c] = static_cast<std::int8_t>(out[p][0]);
                y[p * out_c + 1] = static_cast<std::int8_t>(out[p][1]);
            }
        }
    }
    if ((out_c & 1) != 0) {
        std::int32_t acc[static_cast<std::size_t>(P)];
        const channel_record c0 = ch[0];
#pragma GCC unroll 4
        for (int p = 0; p < P; ++p) acc[p] = c0.bias;
        dot_row<P>(patches, wr, groups, acc);
#pragma GCC unroll 4
        for (int p = 0; p < P; ++p) y[p * out_c] = static_cast<std::int8_t>(K::apply(acc[p], c0));
    }
}

/// A 1x1, stride-1 convolution's operands for the shared GEMM driver.
struct pointwise_operands {
    gemm_operands gemm;
    std::int32_t pixels;   // batches * height * width
    std::int32_t tile;     // pixels per tile: 3, or 1 for deep inputs (the patch buffer's size)
    std::int32_t offset2;  // the input offset, in both int16 halves
};

/// y = a 1x1 stride-1 convolution of x: consecutive input pixels are the patches. `patches`:
/// the caller's stack buffer of tile * depth int16. One copy per requantization kind.
template <class K>
[[gnu::noinline]] void pointwise_gemm(const pointwise_operands& op, const std::int8_t* x, std::int8_t* y,
                                      std::int16_t* patches) noexcept {
    const int depth = op.gemm.groups * 4;
    const int out_c = op.gemm.out_c;
    int p = 0;
    if (op.tile == 3) {
        for (; p + 3 <= op.pixels; p += 3, x += 3 * depth, y += 3 * out_c) {
            expand_run<K::scale>(patches, x, depth, 12, op.offset2);
            expand_run<K::scale>(patches + 4, x + depth, depth, 12, op.offset2);
            expand_run<K::scale>(patches + 8, x + 2 * depth, depth, 12, op.offset2);
            gemm_tiles<3, K>(patches, op.gemm, y);
        }
    }
    for (; p < op.pixels; ++p, x += depth, y += out_c) {
        expand_run<K::scale>(patches, x, depth, 4, op.offset2);
        gemm_tiles<1, K>(patches, op.gemm, y);
    }
}

/// A depthwise layer over one input channel is a convolution with one input channel: its
/// filter [1, KH, KW, M] transposed to OHWI [M, KH, KW, 1], at compile time.
template <class L>
inline constexpr auto depthwise_filter_ohwi = [] {
    constexpr int taps = L::kernel_h * L::kernel_w;
    std::array<std::int8_t, static_cast<std::size_t>(taps * L::out_c)> f{};
    for (int m = 0; m < L::out_c; ++m)
        for (int t = 0; t < taps; ++t)
            f[static_cast<std::size_t>(m * taps + t)] = std::data(L::filter)[t * L::out_c + m];
    return f;
}();

/// OHWI weight rows of `depth` bytes, laid out for the tiles (see the top of this file).
template <int OutC, int Depth>
constexpr auto paired_rows(const std::int8_t* ohwi) noexcept {
    constexpr int row = (Depth + 3) / 4 * 4;
    std::array<std::int8_t, static_cast<std::size_t>(OutC * row)> w{};
    const auto at = [&](int o, int d) -> std::int8_t { return d < Depth ? ohwi[o * Depth + d] : std::int8_t{0}; };
    for (int o = 0; o + 2 <= OutC; o += 2)
        for (int d = 0; d < row; ++d) {
            const int slot = o * row + (d / 4) * 8 + d % 4;
            w[static_cast<std::size_t>(slot)] = at(o, d);
            w[static_cast<std::size_t>(slot + 4)] = at(o + 1, d);
        }
    if constexpr (OutC % 2 != 0)
        for (int d = 0; d < row; ++d) w[static_cast<std::size_t>((OutC - 1) * row + d)] = at(OutC - 1, d);
    return w;
}

/// Convolution of layer L (CONV_2D with one group, or DEPTHWISE_CONV_2D over one input channel:
/// Depthwise) as patch GEMM tiles. InC: channels per tap in the patch (the filter's inner
/// dimension). The layer's own code is the patch gather (its shapes are compile-time
/// constants); the tiles and the 1x1 driver are shared.
template <class L, int InC, bool Depthwise = false>
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
    using kind = typename plan::kind;

    alignas(8) static constexpr auto weights = [] {
        if constexpr (Depthwise)
            return paired_rows<L::out_c, depth>(depthwise_filter_ohwi<L>.data());
        else
            return paired_rows<L::out_c, depth>(std::data(L::filter));
    }();
    static constexpr gemm_operands operands{weights.data(), channel_records<L, plan>.data(), groups, L::out_c};

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

    /// y = conv(x) for all batches.
    static void run(const std::int8_t* x, std::int8_t* y) noexcept {
        // Every slot is written by the gather (the slack of the last group with zeros).
        alignas(8) std::int16_t patches[static_cast<std::size_t>(groups * 4 * tile)];
        if constexpr (pointwise) {
            static constexpr pointwise_operands op{operands, L::batches * pixels, tile, dup16(input_offset)};
            pointwise_gemm<kind>(op, x, y, patches);
        } else {
            constexpr int full = pixels / tile;
            for (int b = 0; b < L::batches; ++b) {
                const std::int8_t* xb = x + b * L::in_h * L::in_w * L::in_c;
                std::int8_t* yb = y + b * pixels * L::out_c;
                int oy = 0;
                int ox = 0;
                const auto next = [&] {
                    if (++ox == L::out_w) {
                        ox = 0;
                        ++oy;
                    }
                };
                for (int t = 0; t < full; ++t, yb += tile * L::out_c) {
                    for (int p = 0; p < tile; ++p, next()) gather<tile>(patches, xb, oy, ox, p);
                    gemm_tiles<tile, kind>(patches, operands, yb);
                }
                for (int p = full * tile; p < pixels; ++p, next(), yb += L::out_c) {
                    gather<1>(patches, xb, oy, ox, 0);
                    gemm_tiles<1, kind>(patches, operands, yb);
                }
            }
        }
    }
};

}  // namespace ctnn::arm_dsp

#endif
