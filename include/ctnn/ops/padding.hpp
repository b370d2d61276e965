// ctnn/ops/padding.hpp — SAME/VALID padding and sliding-window geometry.
//
// The arithmetic of TFLite's kernels/padding.h, as constexpr functions:
// output size of a windowed op (ComputeOutSize) and the padding before the
// first element (ComputePaddingWithOffset). TFLite's reference kernels use
// only the padding *before* (top/left); the odd remainder of the total padding
// (`offset`) falls after the last element (bottom/right) and needs no code,
// since out-of-image taps are skipped.
//
// Shared by CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D and MAX_POOL_2D.
#pragma once

#include <cstdint>

#include "ctnn/core/quant.hpp"
#include "ctnn/core/shape.hpp"

namespace ctnn {

/// TFLite's Padding option of windowed ops.
enum class padding : std::uint8_t { same, valid };

/// Extent of a dilated filter: taps `dilation` apart span (filter - 1) * dilation + 1.
constexpr int effective_filter_size(int filter, int dilation) noexcept { return (filter - 1) * dilation + 1; }

/// TFLite's ComputeOutSize: output length of a window sliding over `in`
/// elements. SAME: ceil(in / stride). VALID: windows fully inside the input.
/// Returns 0 for a VALID window larger than the input (no output).
constexpr int window_output_size(padding pad, int in, int filter, int stride, int dilation = 1) noexcept {
    if (stride <= 0) return 0;
    const int effective = effective_filter_size(filter, dilation);
    if (pad == padding::same) return (in + stride - 1) / stride;
    const int out = (in + stride - effective) / stride;
    return out > 0 ? out : 0;
}

/// Padding of one spatial dimension: `before` elements before the first
/// (TFLite's padding_values.height / .width), `offset` (0 or 1) extra after
/// the last (TFLite's height_offset / width_offset).
struct window_padding {
    int before = 0;
    int offset = 0;
    friend constexpr bool operator==(const window_padding&, const window_padding&) = default;
};

/// TFLite's ComputePaddingWithOffset: total = (out - 1) * stride +
/// effective_filter - in, clamped at 0; before = total / 2, offset = total % 2.
constexpr window_padding compute_window_padding(int stride, int dilation, int in, int filter, int out) noexcept {
    int total = (out - 1) * stride + effective_filter_size(filter, dilation) - in;
    total = total > 0 ? total : 0;
    return {total / 2, total % 2};
}

/// Geometry of a 2-D window over an NHWC input of `in_h` x `in_w`: output size
/// and padding before (top, left), exactly as TFLite's ComputePaddingHeightWidth.
struct window2d {
    int out_h = 0;
    int out_w = 0;
    window_padding pad_h{};
    window_padding pad_w{};
};

constexpr window2d make_window2d(padding pad, int in_h, int in_w, int filter_h, int filter_w, int stride_h,
                                 int stride_w, int dilation_h = 1, int dilation_w = 1) noexcept {
    window2d g{};
    g.out_h = window_output_size(pad, in_h, filter_h, stride_h, dilation_h);
    g.out_w = window_output_size(pad, in_w, filter_w, stride_w, dilation_w);
    g.pad_h = compute_window_padding(stride_h, dilation_h, in_h, filter_h, g.out_h);
    g.pad_w = compute_window_padding(stride_w, dilation_w, in_w, filter_w, g.out_w);
    return g;
}

/// Parameters of AVERAGE_POOL_2D and MAX_POOL_2D (TFLite's TfLitePoolParams).
struct pool2d_params {
    int filter_h = 1;
    int filter_w = 1;
    int stride_h = 1;
    int stride_w = 1;
    padding pad = padding::valid;
    activation act = activation::none;
};

namespace bits {
/// What AVERAGE_POOL_2D and MAX_POOL_2D share: the geometry of a pooling
/// window over an NHWC input `S` (no dilation, as TFLite's pooling).
template <Shape S, pool2d_params P>
struct pool2d_geometry {
    static_assert(S::rank == 4, "pool2d: the input must be a rank-4 [N, H, W, C] tensor");
    static_assert(P.filter_h > 0 && P.filter_w > 0, "pool2d: filter_h and filter_w must be positive");
    static_assert(P.stride_h > 0 && P.stride_w > 0, "pool2d: strides must be positive");

    static constexpr pool2d_params params = P;
    static constexpr int batches = nhwc<S>::batches;
    static constexpr int in_h = nhwc<S>::height;
    static constexpr int in_w = nhwc<S>::width;
    static constexpr int channels = nhwc<S>::channels;
    static constexpr int filter_h = P.filter_h;
    static constexpr int filter_w = P.filter_w;
    static constexpr int stride_h = P.stride_h;
    static constexpr int stride_w = P.stride_w;

    static constexpr window2d window =
        make_window2d(P.pad, in_h, in_w, P.filter_h, P.filter_w, P.stride_h, P.stride_w);
    static_assert(window.out_h > 0 && window.out_w > 0, "pool2d: with VALID padding the filter must fit inside the input");
    static constexpr int out_h = window.out_h;
    static constexpr int out_w = window.out_w;
    static constexpr int pad_top = window.pad_h.before;
    static constexpr int pad_left = window.pad_w.before;

    using output_shape = shape<batches, out_h, out_w, channels>;
};
}  // namespace bits

}  // namespace ctnn
