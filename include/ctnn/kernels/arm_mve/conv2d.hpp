// ctnn/kernels/arm_mve/conv2d.hpp — CONV_2D with Helium (MVE).
//
// Same arithmetic as kernels/scalar/conv2d.hpp (the specification), bit for bit. Any kernel
// size, stride, dilation and padding with one group: two output pixels at a time, their
// patches gathered into a 16-byte-interleaved int8 stack buffer (padded taps hold the input
// zero point), then 2 x 4 tiles of VMLADAVA dot products over the filter rows, the input
// offset folded into the bias at compile time (bits/patch_gemm.hpp, shared by every layer of
// a requantization kind). The gather is the layer's own code, chosen from its shapes:
//   - 1x1, stride 1, no padding: the two pixels' channels are copied;
//   - in_c % 16 == 0 (or one tap): each tap's channels start on a 16-byte chunk of the patch
//     and are copied (or set to the zero point) chunk by chunk, whole kernel rows at once for
//     pixels whose taps are all inside the image;
//   - otherwise, when every 16-value chunk of the patch lies within 256 input bytes (ResNet's
//     3x3x3 first layer, DS-CNN's 10x4x1): one gather load per chunk (VLDRB with a
//     compile-time vector of byte offsets); border pixels load under a predicate built from
//     the lanes' kernel rows and columns and put the zero point in the other lanes (VPSEL);
//   - otherwise: the patch is first assembled contiguously (kernel rows copied whole when
//     they lie inside the image), then interleaved chunk by chunk.
// Grouped convolutions, fewer than 4 output channels and patches deeper than 2,048 values
// (4 KiB of buffer) run the Arm DSP kernel (kernels/arm_dsp/conv2d.hpp), which itself falls
// back to the scalar one.
//
// Visible only when the target has MVE (integer); elsewhere kernel<isa::arm_mve, conv2d_tag>
// falls back to arm_dsp (kernels/isa.hpp).
#pragma once

#include "ctnn/kernels/arm_dsp/conv2d.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"
#include "ctnn/ops/conv2d.hpp"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

#include <arm_mve.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "ctnn/kernels/arm_mve/bits/patch_gemm.hpp"
#include "ctnn/kernels/arm_mve/bits/requant.hpp"

namespace ctnn {
namespace arm_mve {

/// n bytes (a compile-time count) from src to dst; whole chunks unpredicated, the rest under a
/// VCTP predicate (4 bytes: one word, fewer: bytes).
template <int N>
[[gnu::always_inline]] inline void copy_bytes(std::int8_t* dst, const std::int8_t* src) noexcept {
    int i = 0;
    for (; i + 16 <= N; i += 16) vstrbq_s8(dst + i, vldrbq_s8(src + i));
    constexpr int rest = N % 16;
    if constexpr (rest == 4) {
        std::uint32_t v;
        std::memcpy(&v, src + i, 4);
        std::memcpy(dst + i, &v, 4);
    } else if constexpr (rest > 0 && rest < 4) {
        for (int k = 0; k < rest; ++k) dst[i + k] = src[i + k];
    } else if constexpr (rest > 0) {
        const mve_pred16_t p = vctp8q(static_cast<std::uint32_t>(rest));
        vstrbq_p_s8(dst + i, vldrbq_z_s8(src + i, p), p);
    }
}

/// n bytes (a compile-time count) of dst set to v.
template <int N>
[[gnu::always_inline]] inline void fill_bytes(std::int8_t* dst, int8x16_t v) noexcept {
    int i = 0;
    for (; i + 16 <= N; i += 16) vstrbq_s8(dst + i, v);
    constexpr int rest = N % 16;
    if constexpr (rest > 0) vstrbq_p_s8(dst + i, v, vctp8q(static_cast<std::uint32_t>(rest)));
}

/// CONV_2D layer L (one group) as Helium patch tiles: the layer's descriptor and gather.
template <class L>
struct patch_conv {
    static constexpr int in_c = L::in_c;
    static constexpr int taps = L::kernel_h * L::kernel_w;
    static constexpr int depth = taps * in_c;
    static constexpr int chunks = (depth + 15) / 16;
    /// Stack bytes of the two interleaved patches.
    static constexpr int buffer_bytes = chunks * 32;
    static constexpr int row = L::kernel_w * in_c;  // contiguous bytes of one kernel row
    static constexpr bool pointwise = taps == 1 && L::stride_h == 1 && L::stride_w == 1 && L::pad_top == 0 &&
                                      L::pad_left == 0 && L::out_h == L::in_h && L::out_w == L::in_w;
    /// Every tap's channels start on a chunk boundary of the patch.
    static constexpr bool aligned = in_c % 16 == 0 || taps == 1;
    static constexpr std::int8_t zero_point = static_cast<std::int8_t>(L::input::q.zero_point);

    /// Where patch value d comes from, relative to the top-left tap's channel 0 of the pixel.
    static constexpr int input_offset_of(int d) noexcept {
        const int t = d / in_c;
        return ((t / L::kernel_w) * L::dilation_h * L::in_w + (t % L::kernel_w) * L::dilation_w) * in_c + d % in_c;
    }
    /// Per chunk of the patch, for one gather load (VLDRB.U8 with a vector of byte offsets):
    /// its first value's input offset, the lanes' offsets from it, and the lanes' kernel row
    /// and column (for the predicate of border pixels). Lanes past the depth repeat lane 0.
    struct chunk_map {
        std::array<std::int32_t, static_cast<std::size_t>(chunks)> base{};
        alignas(16) std::array<std::uint8_t, static_cast<std::size_t>(chunks * 16)> offset{};
        alignas(16) std::array<std::uint8_t, static_cast<std::size_t>(chunks * 16)> row{};
        alignas(16) std::array<std::uint8_t, static_cast<std::size_t>(chunks * 16)> col{};
        bool fits = true;  // every chunk spans at most 256 input bytes
    };
    static constexpr chunk_map gather_map = [] {
        chunk_map m{};
        for (int j = 0; j < chunks; ++j) {
            m.base[static_cast<std::size_t>(j)] = input_offset_of(16 * j);
            for (int i = 0; i < 16; ++i) {
                const int d = 16 * j + i < depth ? 16 * j + i : 16 * j;
                const int rel = input_offset_of(d) - input_offset_of(16 * j);
                const int t = d / in_c;
                if (rel > 255 || L::kernel_h > 255 || L::kernel_w > 255) m.fits = false;
                const auto lane = static_cast<std::size_t>(16 * j + i);
                m.offset[lane] = static_cast<std::uint8_t>(rel & 255);
                m.row[lane] = static_cast<std::uint8_t>((t / L::kernel_w) & 255);
                m.col[lane] = static_cast<std::uint8_t>((t % L::kernel_w) & 255);
            }
        }
        return m;
    }();
    /// Channels that do not start chunks, every chunk within 256 input bytes: gather loads.
    static constexpr bool gathered = !aligned && gather_map.fits;
    using kind = double_rounding_of<L>;

    static constexpr auto records = make_quad_records<static_cast<std::size_t>(L::out_c), L>(
        [](std::size_t c) {
            std::int64_t s = 0;
            for (std::size_t i = 0; i < static_cast<std::size_t>(depth); ++i)
                s += std::data(L::filter)[c * static_cast<std::size_t>(depth) + i];
            return s;
        },
        [](std::size_t c) -> std::int64_t {
            if constexpr (L::has_bias) return static_cast<std::int64_t>(std::data(L::bias)[c]);
            else return 0;
        });
    /// Depth <= 16: one chunk, the short path with the rows copied and padded (bits/patch_gemm.hpp).
    static constexpr bool short_path = depth <= 16;
    alignas(16) static constexpr auto padded_rows = [] {
        if constexpr (short_path)
            return short_rows<L::out_c, depth>(std::data(L::filter));
        else
            return 0;
    }();
    static constexpr gemm_operands operands{[] {
                                                if constexpr (short_path) return padded_rows.data();
                                                else return std::data(L::filter);
                                            }(),
                                            records.data(), depth, L::out_c, chunk_loop(depth), output_params_of<L>};

    /// The patch of output pixel (oy, ox) of image `x` into the slot at `buf` (its 16-byte
    /// chunks 32 bytes apart, interleaved with the other pixel of the pair).
    [[gnu::noinline]] static void gather(std::int8_t* buf, const std::int8_t* x, int oy, int ox) noexcept {
        const int8x16_t zp = vdupq_n_s8(zero_point);
        const int iy0 = oy * L::stride_h - L::pad_top;
        const int ix0 = ox * L::stride_w - L::pad_left;
        if constexpr (aligned) {
            constexpr int per_tap = (in_c + 15) / 16;  // chunks of one tap
            if constexpr (in_c % 16 == 0) {
                // Every tap inside the image: whole chunks, kernel row by kernel row.
                if (iy0 >= 0 && iy0 + (L::kernel_h - 1) * L::dilation_h < L::in_h && ix0 >= 0 &&
                    ix0 + (L::kernel_w - 1) * L::dilation_w < L::in_w) {
                    constexpr int run = L::dilation_w == 1 ? row / 16 : per_tap;  // contiguous chunks
                    constexpr int runs = L::dilation_w == 1 ? 1 : L::kernel_w;
                    const std::int8_t* s = x + (iy0 * L::in_w + ix0) * in_c;
                    std::int8_t* d = buf;
                    for (int ky = 0; ky < L::kernel_h; ++ky, s += L::dilation_h * L::in_w * in_c)
                        for (int k = 0; k < runs; ++k)
                            for (int j = 0; j < run; ++j, d += 32)
                                vstrbq_s8(d, vldrbq_s8(s + k * L::dilation_w * in_c + 16 * j));
                    return;
                }
            }
            for (int ky = 0; ky < L::kernel_h; ++ky) {
                const int iy = iy0 + ky * L::dilation_h;
                const bool row_inside = iy >= 0 && iy < L::in_h;
                for (int kx = 0; kx < L::kernel_w; ++kx) {
                    const int ix = ix0 + kx * L::dilation_w;
                    std::int8_t* d = buf + (ky * L::kernel_w + kx) * per_tap * 32;
                    if (row_inside && ix >= 0 && ix < L::in_w) {
                        const std::int8_t* s = x + (iy * L::in_w + ix) * in_c;
                        for (int j = 0; j < in_c / 16; ++j) vstrbq_s8(d + 32 * j, vldrbq_s8(s + 16 * j));
                        if constexpr (in_c % 16 != 0) {
                            const mve_pred16_t p = vctp8q(static_cast<std::uint32_t>(in_c % 16));
                            vstrbq_s8(d + 32 * (in_c / 16), vldrbq_z_s8(s + 16 * (in_c / 16), p));
                        }
                    } else {
                        for (int j = 0; j < per_tap; ++j) vstrbq_s8(d + 32 * j, zp);
                    }
                }
            }
        } else if constexpr (gathered) {
            // The patch's top-left tap (possibly outside the image: only in-image lanes are read).
            const std::int8_t* origin = reinterpret_cast<const std::int8_t*>(
                reinterpret_cast<std::intptr_t>(x) + (iy0 * L::in_w + ix0) * in_c);
            if (iy0 >= 0 && iy0 + (L::kernel_h - 1) * L::dilation_h < L::in_h && ix0 >= 0 &&
                ix0 + (L::kernel_w - 1) * L::dilation_w < L::in_w) {
                for (int j = 0; j < chunks; ++j)
                    vstrbq_s8(buf + 32 * j, vldrbq_gather_offset_s8(origin + gather_map.base[static_cast<std::size_t>(j)],
                                                                   vldrbq_u8(gather_map.offset.data() + 16 * j)));
                return;
            }
            // Border: the lanes whose kernel row and column are inside, the zero point elsewhere.
            const auto first = [](int i0, int dilation) { return i0 >= 0 ? 0 : (dilation - 1 - i0) / dilation; };
            const auto end = [](int i0, int dilation, int size, int taps) {
                const int n = size - i0 <= 0 ? 0 : (size - i0 + dilation - 1) / dilation;
                return n < taps ? n : taps;
            };
            const auto row_lo = static_cast<std::uint8_t>(first(iy0, L::dilation_h));
            const uint8x16_t row_hi = vdupq_n_u8(static_cast<std::uint8_t>(end(iy0, L::dilation_h, L::in_h, L::kernel_h)));
            const auto col_lo = static_cast<std::uint8_t>(first(ix0, L::dilation_w));
            const uint8x16_t col_hi = vdupq_n_u8(static_cast<std::uint8_t>(end(ix0, L::dilation_w, L::in_w, L::kernel_w)));
            for (int j = 0; j < chunks; ++j) {
                const uint8x16_t r = vldrbq_u8(gather_map.row.data() + 16 * j);
                const uint8x16_t c = vldrbq_u8(gather_map.col.data() + 16 * j);
                mve_pred16_t p = vcmpcsq_n_u8(r, row_lo);
                p = vcmphiq_m_u8(row_hi, r, p);
                p = vcmpcsq_m_n_u8(c, col_lo, p);
                p = vcmphiq_m_u8(col_hi, c, p);
                const int8x16_t v = vldrbq_gather_offset_z_s8(
                    reinterpret_cast<const std::int8_t*>(reinterpret_cast<std::intptr_t>(origin) +
                                                         gather_map.base[static_cast<std::size_t>(j)]),
                    vldrbq_u8(gather_map.offset.data() + 16 * j), p);
                vstrbq_s8(buf + 32 * j, vpselq_s8(v, zp, p));
            }
        } else {
            alignas(16) std::int8_t raw[static_cast<std::size_t>(chunks * 16)];
            const bool cols_inside = ix0 >= 0 && ix0 + (L::kernel_w - 1) * L::dilation_w < L::in_w;
            for (int ky = 0; ky < L::kernel_h; ++ky) {
                const int iy = iy0 + ky * L::dilation_h;
                const bool row_inside = iy >= 0 && iy < L::in_h;
                std::int8_t* r = raw + ky * row;
                if (L::dilation_w == 1 && row_inside && cols_inside) {
                    copy_bytes<row>(r, x + (iy * L::in_w + ix0) * in_c);
                    continue;
                }
                if (!row_inside) {
                    fill_bytes<row>(r, zp);
                    continue;
                }
                for (int kx = 0; kx < L::kernel_w; ++kx) {
                    const int ix = ix0 + kx * L::dilation_w;
                    if (ix >= 0 && ix < L::in_w)
                        copy_bytes<in_c>(r + kx * in_c, x + (iy * L::in_w + ix) * in_c);
                    else
                        fill_bytes<in_c>(r + kx * in_c, zp);
                }
            }
            for (int j = 0; j < chunks; ++j) vstrbq_s8(buf + 32 * j, vldrbq_s8(raw + 16 * j));
        }
    }

    /// The channels of pointwise pixel p into a 16-byte patch slot (depth <= 16).
    [[gnu::always_inline]] static void copy_pixel(std::int8_t* slot, const std::int8_t* x, int p) noexcept {
        vstrbq_s8(slot, vldrbq_z_s8(x + p * in_c, vctp8q(static_cast<std::uint32_t>(in_c))));
    }

    /// Output pixels in order: batch, row, column.
    struct pixel_walk {
        int b = 0, oy = 0, ox = 0;
        void next() noexcept {
            if (++ox == L::out_w) {
                ox = 0;
                if (++oy == L::out_h) {
                    oy = 0;
                    ++b;
                }
            }
        }
    };

    /// The patch of the walk's pixel into `slot`, then the next pixel.
    [[gnu::always_inline]] static void gather_next(std::int8_t* slot, const std::int8_t* x, pixel_walk& at) noexcept {
        gather(slot, x + at.b * L::in_h * L::in_w * in_c, at.oy, at.ox);
        at.next();
    }

    /// y = conv(x) for all batches.
    static void run(const std::int8_t* x, std::int8_t* y) noexcept {
        constexpr int pixels = L::batches * L::out_h * L::out_w;
        if constexpr (short_path) {
            // Runs of up to 16 pixel pairs: their patches (32 bytes a pair), then one call.
            constexpr int run_pairs = pixels / 2 < 16 ? (pixels / 2 > 0 ? pixels / 2 : 1) : 16;
            alignas(16) std::int8_t patches[static_cast<std::size_t>(run_pairs * 32)];
            pixel_walk at;
            for (int p = 0; p < pixels;) {
                const int n = pixels - p < 2 * run_pairs ? pixels - p : 2 * run_pairs;
                for (int i = 0; i < n; ++i) {
                    if constexpr (pointwise)
                        copy_pixel(patches + 16 * i, x, p + i);
                    else
                        gather_next(patches + 16 * i, x, at);
                }
                if (n >= 2) gemm_pairs_short<kind>(patches, operands, y, n / 2, L::out_c);
                if (n % 2 != 0) gemm_pairs_short<kind>(patches + 32 * (n / 2), operands, y + (n - 1) * L::out_c, 1, 0);
                p += n;
                y += n * L::out_c;
            }
        } else {
            alignas(16) std::int8_t patches[static_cast<std::size_t>(buffer_bytes)];
            if constexpr (pointwise) {
                for (int p = 0; p < pixels; p += 2, x += 2 * in_c, y += 2 * L::out_c) {
                    const bool second = p + 1 < pixels;
                    constexpr int full = in_c / 16;
                    for (int j = 0; j < full; ++j) {
                        vstrbq_s8(patches + 32 * j, vldrbq_s8(x + 16 * j));
                        if (second) vstrbq_s8(patches + 32 * j + 16, vldrbq_s8(x + in_c + 16 * j));
                    }
                    if constexpr (in_c % 16 != 0) {
                        const mve_pred16_t pr = vctp8q(static_cast<std::uint32_t>(in_c % 16));
                        vstrbq_s8(patches + 32 * full, vldrbq_z_s8(x + 16 * full, pr));
                        if (second) vstrbq_s8(patches + 32 * full + 16, vldrbq_z_s8(x + in_c + 16 * full, pr));
                    }
                    gemm_pair<kind>(patches, operands, y, second ? L::out_c : 0);
                }
            } else {
                pixel_walk at;
                for (int p = 0; p < pixels; p += 2, y += 2 * L::out_c) {
                    gather_next(patches, x, at);
                    const bool second = p + 1 < pixels;
                    if (second) gather_next(patches + 16, x, at);
                    gemm_pair<kind>(patches, operands, y, second ? L::out_c : 0);
                }
            }
        }
    }
};

}  // namespace arm_mve

template <>
struct kernel<isa::arm_mve, conv2d_tag> {
    /// Whether the Helium tiles run layer L (otherwise the arm_dsp kernel does).
    template <class L>
    static constexpr bool specialized = L::groups == 1 && L::filter_in_c == L::in_c && L::out_c >= 4 &&
                                        L::kernel_h * L::kernel_w * L::in_c <= 2048;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            arm_mve::patch_conv<L>::run(static_cast<const std::int8_t*>(inputs[0]), static_cast<std::int8_t*>(output));
        } else {
            kernel<isa::arm_dsp, conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }
};

}  // namespace ctnn

#endif
