// ctnn/kernels/arm_mve/bits/patch_gemm.hpp — convolution as Helium GEMM tiles over patches.
//
// Two output pixels at a time, the receptive field of each ("patch": kernel_h * kernel_w *
// in_c int8 values in the filter's OHWI order) is gathered into a small stack buffer, padded
// taps set to the input zero point. The buffer interleaves the two patches by 16-byte chunks
// ([chunk 0: p0 p1][chunk 1: p0 p1]...), so one pointer walks both. Every group of 4 output
// channels then runs a 2 x 4 tile of VMLADAVA dot products (16 depth values each) against the
// filter rows, read in place (an interleaved copy would double the weights' flash in a
// firmware that also links the scalar kernels). The input offset is folded into the bias at
// compile time (bias - zero_point * sum of the channel's weights), so a tap adds w * x and a
// padded tap adds w * zero_point, which cancels its share of the folded offset: the
// specification's skipped tap. The 4 accumulators of a pixel are requantized together
// (bits/requant.hpp) and stored with one narrowing VSTRB.
//
// The loop over groups of 4 channels is one inline asm statement (gemm_pair): VMLADAVA
// accumulates into even registers only, and the tile needs all eight (r0, r2, ..., r12, lr)
// besides the patch pointer, the four weight rows and the loop counter (the six odd
// registers); GCC spills such a tile every chunk at -Os. Per 16 depth values: 2 patch loads,
// 4 weight loads and 8 VMLADAVA (128 MACs), two chunks per loop iteration plus 2 loop
// instructions. The depth tail (depth % 16) loads the weights under a VCTP predicate: the
// inactive lanes are zero, so the patch buffer's slack needs no clearing and no weight row is
// read past its end. Around that, per group: about 50 instructions (rows, biases, the
// requantization of 8 outputs, stores, the loop state kept in stack locals). Layers of depth
// <= 16 (one chunk) take a short path (gemm_pair_short): their rows are copied at compile
// time, padded to 16 bytes (at most 16 bytes per output channel), the patches are loaded once
// and a group costs 39 instructions. Unoptimized builds (GCC then keeps r7 as the frame
// pointer) run the same arithmetic in C++ with intrinsics.
//
// Code size: the tiles are shared by every layer of the same requantization kind (left shifts
// or not, every right shift >= 1 or not) — one copy per model in practice. A layer hands them
// a constant descriptor in flash (gemm_operands): its weights, its channel records, its depth,
// channel count, output zero point and activation range, and the encoded chunk loop. A
// layer's own code is its patch gather (its shapes are compile-time constants) and the loop
// over pixel pairs (kernels/arm_mve/conv2d.hpp).
#pragma once

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

#include <arm_mve.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/kernels/arm_mve/bits/requant.hpp"

namespace ctnn::arm_mve {

/// The loop over a depth's 16-byte chunks, encoded in one register for the tile's asm:
/// bits 0-3 the tail (depth % 16), bit 4 an odd number of whole chunks (the loop of two chunks
/// per iteration is entered at its second half), bit 5 no whole chunk at all, bits 8-31 minus
/// the iteration count (ADDS #256 carries out after the last one, leaving the low bits).
constexpr std::uint32_t chunk_loop(int depth) noexcept {
    const auto n = static_cast<std::uint32_t>(depth / 16);
    const auto tail = static_cast<std::uint32_t>(depth % 16);
    if (n == 0) return 32u | tail;
    const std::uint32_t iterations = (n + 1) / 2;
    return (0u - iterations * 256u) | ((n & 1u) << 4) | tail;
}

/// A layer's operands for the shared tiles: a constant descriptor in flash.
struct gemm_operands {
    const std::int8_t* weights;   // OHWI rows of `depth` bytes, read in place
    const quad_record* records;   // out_c / 4 quads, then the overlapping last quad if out_c % 4
    std::int32_t depth;           // patch length (the weight row stride)
    std::int32_t out_c;           // output channels (>= 4; the stride between output pixels)
    std::uint32_t loop;           // chunk_loop(depth)
    output_params out;            // zero point and activation range
};

/// One 16-byte chunk of the 2 x 4 tile: patches of both pixels from r1 (interleaved, the
/// pointer advances by 32), one chunk of each weight row r3, r5, r7, r9 (each advances by 16),
/// accumulated into r0, r2, r4, r6 (pixel 0) and r8, r10, r12, lr (pixel 1).
#define CTNN_ARM_MVE_TILE_CHUNK                                                                    \
    "vldrb.8     q1, [r1, #16]\n\t"                                                                \
    "vldrb.8     q0, [r1], #32\n\t"                                                                \
    "vldrb.8     q2, [r3], #16\n\t"                                                                \
    "vmladava.s8 r0, q0, q2\n\t"                                                                   \
    "vmladava.s8 r8, q1, q2\n\t"                                                                   \
    "vldrb.8     q3, [r5], #16\n\t"                                                                \
    "vmladava.s8 r2, q0, q3\n\t"                                                                   \
    "vmladava.s8 r10, q1, q3\n\t"                                                                  \
    "vldrb.8     q2, [r7], #16\n\t"                                                                \
    "vmladava.s8 r4, q0, q2\n\t"                                                                   \
    "vmladava.s8 r12, q1, q2\n\t"                                                                  \
    "vldrb.8     q3, [r9], #16\n\t"                                                                \
    "vmladava.s8 r6, q0, q3\n\t"                                                                   \
    "vmladava.s8 lr, q1, q3\n\t"

/// The decrement of a negative value before VRSHL (bits/requant.hpp; -right in q3, temporary
/// q5): without the mask when every right shift is >= 1.
#define CTNN_ARM_MVE_TIES_ALL(v)                                                                   \
    "vshr.s32    q5, " v ", #31\n\t"                                                               \
    "vadd.i32    " v ", " v ", q5\n\t"
#define CTNN_ARM_MVE_TIES_MASKED(v)                                                                \
    "vand        q5, " v ", q3\n\t"                                                                \
    "vshr.s32    q5, q5, #31\n\t"                                                                  \
    "vqadd.s32   " v ", " v ", q5\n\t"
/// The rest of the double rounding of one pixel's 4 channels (multiplier in q2, -right in q3,
/// the zero point in r5, temporary q5): see double_rounding in bits/requant.hpp.
#define CTNN_ARM_MVE_REQUANT(v, ties)                                                              \
    "vqrdmulh.s32 " v ", " v ", q2\n\t"                                                            \
    ties(v)                                                                                        \
    "vrshl.s32   " v ", " v ", q3\n\t"                                                             \
    "vadd.i32    " v ", " v ", r5\n\t"                                                             \
    "vmax.s32    " v ", " v ", %q[lo]\n\t"                                                         \
    "vmin.s32    " v ", " v ", %q[hi]\n\t"

/// The left shifts (loaded into q4 from the record in r1), when some channel has one.
#define CTNN_ARM_MVE_LEFT_SHIFT                                                                    \
    "vldrw.u32   q4, [r1, #32]\n\t"                                                                \
    "vshl.s32    q0, q0, q4\n\t"                                                                   \
    "vshl.s32    q1, q1, q4\n\t"

/// The whole loop over groups of 4 channels (see gemm_pair). Entry: r3 the first group's row 0.
/// Per group: rows 1-3 from row 0 and the depth; the biases into the 8 accumulators; the entry
/// flags from the encoded loop (LSLS #27: C no whole chunk, N an odd number of them); the
/// chunks; the tail; the next group's row 0 = row 3 advanced by the whole chunks + the tail.
#define CTNN_ARM_MVE_GEMM_PAIR_ASM(LEFT, TIES)                                                     \
    __asm__ volatile(                                                                              \
        "ldr         r3, %[w]\n\t"                                                                 \
        "0:\n\t"                                                                                   \
        "ldr         r8, %[depth]\n\t"                                                             \
        "add         r5, r3, r8\n\t"                                                               \
        "add         r7, r5, r8\n\t"                                                               \
        "add         r9, r7, r8\n\t"                                                               \
        "ldr         r6, %[rec]\n\t"                                                               \
        "ldr         r11, %[loop]\n\t"                                                             \
        "ldr         r1, %[patches]\n\t"                                                           \
        "ldrd        r0, r2, [r6]\n\t"                                                             \
        "ldrd        r4, r6, [r6, #8]\n\t"                                                         \
        "lsls        r8, r11, #27\n\t"                                                             \
        "mov         r8, r0\n\t"                                                                   \
        "mov         r10, r2\n\t"                                                                  \
        "mov         r12, r4\n\t"                                                                  \
        "mov         lr, r6\n\t"                                                                   \
        "bcs         4f\n\t"                                                                       \
        "bmi         2f\n\t"                                                                       \
        "1:\n\t" CTNN_ARM_MVE_TILE_CHUNK                                                           \
        "2:\n\t" CTNN_ARM_MVE_TILE_CHUNK                                                           \
        "adds        r11, r11, #256\n\t"                                                           \
        "bcc         1b\n\t"                                                                       \
        "4:\n\t"                                                                                   \
        "ands        r11, r11, #15\n\t"                                                            \
        "beq         3f\n\t"                                                                       \
        "vctp.8      r11\n\t"                                                                      \
        "vldrb.8     q1, [r1, #16]\n\t"                                                            \
        "vldrb.8     q0, [r1]\n\t"                                                                 \
        "vpstttt\n\t"                                                                              \
        "vldrbt.8    q2, [r3]\n\t"                                                                 \
        "vldrbt.8    q3, [r5]\n\t"                                                                 \
        "vldrbt.8    q4, [r7]\n\t"                                                                 \
        "vldrbt.8    q5, [r9]\n\t"                                                                 \
        "vmladava.s8 r0, q0, q2\n\t"                                                               \
        "vmladava.s8 r8, q1, q2\n\t"                                                               \
        "vmladava.s8 r2, q0, q3\n\t"                                                               \
        "vmladava.s8 r10, q1, q3\n\t"                                                              \
        "vmladava.s8 r4, q0, q4\n\t"                                                               \
        "vmladava.s8 r12, q1, q4\n\t"                                                              \
        "vmladava.s8 r6, q0, q5\n\t"                                                               \
        "vmladava.s8 lr, q1, q5\n\t"                                                               \
        "3:\n\t"                                                                                   \
        "add         r3, r9, r11\n\t"                                                              \
        "vmov        q0[2], q0[0], r0, r4\n\t"                                                     \
        "vmov        q0[3], q0[1], r2, r6\n\t"                                                     \
        "vmov        q1[2], q1[0], r8, r12\n\t"                                                    \
        "vmov        q1[3], q1[1], r10, lr\n\t"                                                    \
        "ldr         r1, %[rec]\n\t"                                                               \
        "vldrw.u32   q2, [r1, #16]\n\t"                                                            \
        "vldrw.u32   q3, [r1, #48]\n\t"                                                            \
        LEFT                                                                                       \
        "adds        r1, r1, #64\n\t"                                                              \
        "str         r1, %[rec]\n\t"                                                               \
        "ldr         r5, %[zp]\n\t"                                                                \
        CTNN_ARM_MVE_REQUANT("q0", TIES)                                                           \
        CTNN_ARM_MVE_REQUANT("q1", TIES)                                                           \
        "ldr         r7, %[y]\n\t"                                                                 \
        "ldr         r5, %[yoff]\n\t"                                                              \
        "add         r5, r5, r7\n\t"                                                               \
        "vstrb.32    q1, [r5]\n\t"                                                                 \
        "vstrb.32    q0, [r7], #4\n\t"                                                             \
        "str         r7, %[y]\n\t"                                                                 \
        "ldr         r9, %[wend]\n\t"                                                              \
        "cmp         r3, r9\n\t"                                                                   \
        "bne         0b\n\t"                                                                       \
        "str         r3, %[w]\n\t"                                                                 \
        : [w] "+m"(w0), [rec] "+m"(rec), [y] "+m"(y)                                               \
        : [depth] "m"(depth), [loop] "m"(loop), [patches] "m"(patches), [zp] "m"(zero_point),      \
          [yoff] "m"(yoff), [wend] "m"(wend), [lo] "w"(lo), [hi] "w"(hi)                           \
        : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "lr", "q0", "q1", \
          "q2", "q3", "q4", "q5", "cc", "memory");

/// The C++ form of the tiles (the same bytes): unoptimized builds, where GCC keeps r7 as the
/// frame pointer and the asm's 14 registers are not available.
template <class K>
void gemm_pair_cxx(const std::int8_t* patches, const gemm_operands& op, std::int8_t* y, std::int32_t yoff) noexcept {
    const int depth = op.depth;
    const int groups = (op.out_c + 3) / 4;
    for (int g = 0; g < groups; ++g) {
        const int c0 = 4 * g + 4 <= op.out_c ? 4 * g : op.out_c - 4;
        const std::int8_t* w = op.weights + c0 * depth;
        const quad_record& r = op.records[g];
        alignas(16) std::int32_t a[8];
        for (int k = 0; k < 4; ++k) a[k] = a[k + 4] = r.bias[k];
        for (int d = 0; d < depth; d += 16) {
            const mve_pred16_t p = vctp8q(static_cast<std::uint32_t>(depth - d));
            const int8x16_t xa = vldrbq_s8(patches + 2 * d);
            const int8x16_t xb = vldrbq_s8(patches + 2 * d + 16);
            for (int k = 0; k < 4; ++k) {
                const int8x16_t wv = vldrbq_z_s8(w + k * depth + d, p);
                a[k] = vmladavaq_s8(a[k], xa, wv);
                a[k + 4] = vmladavaq_s8(a[k + 4], xb, wv);
            }
        }
        vstrbq_s32(y + c0 + yoff, K::apply(vldrwq_s32(a + 4), r, op.out));
        vstrbq_s32(y + c0, K::apply(vldrwq_s32(a), r, op.out));
    }
}

/// All output channels of two pixels: y[c] and y[yoff + c] from their two interleaved patches
/// (yoff = 0 when there is only one: the second pixel's values, stored first, are then
/// overwritten). One copy per requantization kind K (double_rounding), shared by every layer.
///
/// Per group of 4 channels, one asm loop: the rows, the biases (the accumulators' initial
/// values), the chunks (two per iteration, entered at the second when their number is odd),
/// the predicated depth tail, the 8 accumulators moved into two vectors (VMOV of two lanes
/// from two registers), their requantization and the two stores. Its state lives in stack
/// locals handed in as memory operands (addressed from sp: the 14 registers hold the tile).
/// A channel count that is not a multiple of 4 ends with one more group, the last 4 channels
/// (overlapping the previous group; the overlapping outputs are stored twice, equal).
template <class K>
[[gnu::noinline]] void gemm_pair(const std::int8_t* patches, const gemm_operands& op, std::int8_t* y,
                                 std::int32_t yoff) noexcept {
#if !defined(__OPTIMIZE__)
    gemm_pair_cxx<K>(patches, op, y, yoff);
#else
    const std::int32_t depth = op.depth;
    const std::uint32_t loop = op.loop;
    const std::int32_t zero_point = op.out.zero_point;
    const int32x4_t lo = vdupq_n_s32(op.out.lo);
    const int32x4_t hi = vdupq_n_s32(op.out.hi);
    const int full = op.out_c / 4;
    const quad_record* rec = op.records;
    const std::int8_t* wend = op.weights + full * 4 * depth;
    const std::int8_t* w0 = op.weights;
    for (;;) {
        if constexpr (K::left_shifts)
            CTNN_ARM_MVE_GEMM_PAIR_ASM(CTNN_ARM_MVE_LEFT_SHIFT, CTNN_ARM_MVE_TIES_MASKED)
        else if constexpr (K::all_right)
            CTNN_ARM_MVE_GEMM_PAIR_ASM("", CTNN_ARM_MVE_TIES_ALL)
        else
            CTNN_ARM_MVE_GEMM_PAIR_ASM("", CTNN_ARM_MVE_TIES_MASKED)
        if (wend == op.weights + op.out_c * depth) return;
        // The last, overlapping group: channels out_c - 4 .. out_c - 1 (its record follows).
        const int back = 4 - op.out_c % 4;
        w0 = w0 - back * depth;
        y -= back;
        wend = op.weights + op.out_c * depth;
    }
#endif
}

/// The ties decrement of the short path (tmp q3, -right in q2).
#define CTNN_ARM_MVE_SHORT_TIES_ALL(v)                                                             \
    "vshr.s32    q3, " v ", #31\n\t"                                                               \
    "vadd.i32    " v ", " v ", q3\n\t"
#define CTNN_ARM_MVE_SHORT_TIES_MASKED(v)                                                          \
    "vand        q3, " v ", q2\n\t"                                                                \
    "vshr.s32    q3, q3, #31\n\t"                                                                  \
    "vqadd.s32   " v ", " v ", q3\n\t"
#define CTNN_ARM_MVE_SHORT_LEFT_SHIFT                                                              \
    "vldrw.u32   q2, [r3, #-32]\n\t"                                                               \
    "vshl.s32    q4, q4, q2\n\t"                                                                   \
    "vshl.s32    q5, q5, q2\n\t"

/// The short path's loop over pixel pairs and groups of 4 channels (see gemm_pairs_short).
#define CTNN_ARM_MVE_SHORT_ASM(LEFT, TIES)                                                         \
    __asm__ volatile(                                                                              \
        "ldr         r9, %[zp]\n\t"                                                                \
        "5:\n\t"                                                                                   \
        "ldr         r1, %[x]\n\t"                                                                 \
        "vldrb.8     q0, [r1]\n\t"                                                                 \
        "vldrb.8     q1, [r1, #16]\n\t"                                                            \
        "adds        r1, r1, #32\n\t"                                                              \
        "str         r1, %[x]\n\t"                                                                 \
        "ldr         r1, %[w]\n\t"                                                                 \
        "ldr         r3, %[rec]\n\t"                                                               \
        "ldr         r11, %[n]\n\t"                                                                \
        "ldr         r5, %[y]\n\t"                                                                 \
        "ldr         r7, %[yoff]\n\t"                                                              \
        "add         r7, r7, r5\n\t"                                                               \
        "0:\n\t"                                                                                   \
        "vldrb.8     q2, [r1], #16\n\t"                                                            \
        "vmladav.s8  r0, q0, q2\n\t"                                                               \
        "vmladav.s8  r8, q1, q2\n\t"                                                               \
        "vldrb.8     q3, [r1], #16\n\t"                                                            \
        "vmladav.s8  r2, q0, q3\n\t"                                                               \
        "vmladav.s8  r10, q1, q3\n\t"                                                              \
        "vldrb.8     q2, [r1], #16\n\t"                                                            \
        "vmladav.s8  r4, q0, q2\n\t"                                                               \
        "vmladav.s8  r12, q1, q2\n\t"                                                              \
        "vldrb.8     q3, [r1], #16\n\t"                                                            \
        "vmladav.s8  r6, q0, q3\n\t"                                                               \
        "vmladav.s8  lr, q1, q3\n\t"                                                               \
        "vmov        q4[2], q4[0], r0, r4\n\t"                                                     \
        "vmov        q4[3], q4[1], r2, r6\n\t"                                                     \
        "vmov        q5[2], q5[0], r8, r12\n\t"                                                    \
        "vmov        q5[3], q5[1], r10, lr\n\t"                                                    \
        "vldrw.u32   q3, [r3, #16]\n\t"                                                            \
        "vldrw.u32   q2, [r3], #64\n\t"                                                            \
        "vadd.i32    q4, q4, q2\n\t"                                                               \
        "vadd.i32    q5, q5, q2\n\t"                                                               \
        LEFT                                                                                       \
        "vldrw.u32   q2, [r3, #-16]\n\t"                                                           \
        "vqrdmulh.s32 q4, q4, q3\n\t"                                                              \
        "vqrdmulh.s32 q5, q5, q3\n\t"                                                              \
        TIES("q4") TIES("q5")                                                                      \
        "vrshl.s32   q4, q4, q2\n\t"                                                               \
        "vrshl.s32   q5, q5, q2\n\t"                                                               \
        "vadd.i32    q4, q4, r9\n\t"                                                               \
        "vadd.i32    q5, q5, r9\n\t"                                                               \
        "vmax.s32    q4, q4, %q[lo]\n\t"                                                           \
        "vmax.s32    q5, q5, %q[lo]\n\t"                                                           \
        "vmin.s32    q4, q4, %q[hi]\n\t"                                                           \
        "vmin.s32    q5, q5, %q[hi]\n\t"                                                           \
        "vstrb.32    q5, [r7], #4\n\t"                                                             \
        "vstrb.32    q4, [r5], #4\n\t"                                                             \
        "subs        r11, r11, #1\n\t"                                                             \
        "bne         0b\n\t"                                                                       \
        "ldr         r5, %[y]\n\t"                                                                 \
        "ldr         r7, %[ystep]\n\t"                                                             \
        "add         r5, r5, r7\n\t"                                                               \
        "str         r5, %[y]\n\t"                                                                 \
        "ldr         r1, %[pairs]\n\t"                                                             \
        "subs        r1, r1, #1\n\t"                                                               \
        "str         r1, %[pairs]\n\t"                                                             \
        "bne         5b\n\t"                                                                       \
        : [x] "+m"(x), [y] "+m"(yp), [pairs] "+m"(left)                                            \
        : [w] "m"(w), [rec] "m"(rec), [n] "m"(groups), [yoff] "m"(yoff), [ystep] "m"(ystep),       \
          [zp] "m"(zero_point), [lo] "w"(lo), [hi] "w"(hi)                                         \
        : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "lr", "q0", "q1", \
          "q2", "q3", "q4", "q5", "cc", "memory");

/// Rows of a shallow layer (depth <= 16) for the short path: each group's 4 rows of 16 bytes,
/// zero-padded (the weights copied at compile time: at most 16 bytes per output channel).
/// Groups as in make_quad_records: channels 4g..4g+3, then the last 4 if OutC % 4 != 0.
template <int OutC, int Depth>
constexpr auto short_rows(const std::int8_t* ohwi) noexcept {
    constexpr int groups = (OutC + 3) / 4;
    std::array<std::int8_t, static_cast<std::size_t>(groups * 64)> r{};
    for (int g = 0; g < groups; ++g)
        for (int k = 0; k < 4; ++k) {
            const int c = 4 * g + 4 <= OutC ? 4 * g + k : OutC - 4 + k;
            for (int d = 0; d < Depth; ++d) r[static_cast<std::size_t>((g * 4 + k) * 16 + d)] = ohwi[c * Depth + d];
        }
    return r;
}

/// gemm_pair for layers of depth <= 16 (one chunk), over `pairs` consecutive pixel pairs:
/// `patches` holds their 32-byte interleaved pairs, pair k's outputs go to y + k * 2 * out_c
/// and, its second pixel, yoff further (yoff = 0 for a lone last pixel: see gemm_pair).
/// `op.weights` are short_rows. Per pair: both patches loaded once, about 20 instructions of
/// bookkeeping; per group of 4 channels: 4 row loads (one pointer), 8 VMLADAV, the two vectors
/// built, the bias added as a vector, the requantization, two stores: 39 instructions for 8
/// outputs. One copy per requantization kind; a layer calls it once per run of pixel pairs.
template <class K>
[[gnu::noinline]] void gemm_pairs_short(const std::int8_t* patches, const gemm_operands& op, std::int8_t* y,
                                        std::int32_t pairs, std::int32_t yoff) noexcept {
#if !defined(__OPTIMIZE__)
    const int groups = (op.out_c + 3) / 4;
    for (int k = 0; k < pairs; ++k, patches += 32, y += 2 * op.out_c) {
        for (int g = 0; g < groups; ++g) {
            const int c0 = 4 * g + 4 <= op.out_c ? 4 * g : op.out_c - 4;
            const quad_record& r = op.records[g];
            alignas(16) std::int32_t a[8];
            for (int j = 0; j < 4; ++j) {
                const int8x16_t wv = vldrbq_s8(op.weights + (g * 4 + j) * 16);
                a[j] = vmladavq_s8(vldrbq_s8(patches), wv);
                a[j + 4] = vmladavq_s8(vldrbq_s8(patches + 16), wv);
            }
            const int32x4_t bias = vldrwq_s32(r.bias);
            vstrbq_s32(y + c0 + yoff, K::apply(vaddq_s32(vldrwq_s32(a + 4), bias), r, op.out));
            vstrbq_s32(y + c0, K::apply(vaddq_s32(vldrwq_s32(a), bias), r, op.out));
        }
    }
#else
    const std::int32_t zero_point = op.out.zero_point;
    const int32x4_t lo = vdupq_n_s32(op.out.lo);
    const int32x4_t hi = vdupq_n_s32(op.out.hi);
    const std::int32_t ystep = 2 * op.out_c;
    const int full = op.out_c / 4;
    const std::int8_t* w = op.weights;
    const quad_record* rec = op.records;
    std::int32_t groups = full;
    std::int8_t* yp = y;
    for (bool last = op.out_c % 4 == 0;; last = true) {
        const std::int8_t* x = patches;
        std::int32_t left = pairs;
        if constexpr (K::left_shifts)
            CTNN_ARM_MVE_SHORT_ASM(CTNN_ARM_MVE_SHORT_LEFT_SHIFT, CTNN_ARM_MVE_SHORT_TIES_MASKED)
        else if constexpr (K::all_right)
            CTNN_ARM_MVE_SHORT_ASM("", CTNN_ARM_MVE_SHORT_TIES_ALL)
        else
            CTNN_ARM_MVE_SHORT_ASM("", CTNN_ARM_MVE_SHORT_TIES_MASKED)
        if (last) return;
        // The last, overlapping group (channels out_c - 4 .. out_c - 1) of every pair: its rows
        // and record follow the others'.
        w += full * 64;
        rec += full;
        groups = 1;
        yp = y + op.out_c - 4;
    }
#endif
}

#undef CTNN_ARM_MVE_SHORT_ASM
#undef CTNN_ARM_MVE_SHORT_LEFT_SHIFT
#undef CTNN_ARM_MVE_SHORT_TIES_MASKED
#undef CTNN_ARM_MVE_SHORT_TIES_ALL
#undef CTNN_ARM_MVE_GEMM_PAIR_ASM
#undef CTNN_ARM_MVE_LEFT_SHIFT
#undef CTNN_ARM_MVE_REQUANT
#undef CTNN_ARM_MVE_TIES_MASKED
#undef CTNN_ARM_MVE_TIES_ALL
#undef CTNN_ARM_MVE_TILE_CHUNK

}  // namespace ctnn::arm_mve

#endif
