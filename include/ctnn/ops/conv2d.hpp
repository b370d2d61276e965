// ctnn/ops/conv2d.hpp — CONV_2D.
//
// Input:  int8 [N, H, W, C_in], asymmetric (scale, zero point).
// Filter: int8 [C_out, KH, KW, C_in / groups] (TFLite's OHWI), symmetric
//         (zero point 0), one scale (per-tensor) or C_out scales (per-channel).
// Bias:   int32 [C_out] with scale in_scale * filter_scale[c], or ctnn::none.
// Output: int8 [N, OH, OW, C_out]; OH/OW from SAME/VALID padding, stride and
//         dilation as TFLite computes them (ops/padding.hpp).
//
// `in_channels` is the filter's inner dimension. It equals the input's channel
// count, except for grouped convolutions (Keras Conv2D(groups=g)), where the
// input has g * in_channels channels and output channel o reads group
// o / (C_out / g).
#pragma once

#include "ctnn/ops/bits/weighted.hpp"
#include "ctnn/ops/op.hpp"
#include "ctnn/ops/padding.hpp"

namespace ctnn {

struct conv2d_tag {};

struct conv2d_params {
    int out_channels = 0;
    int kernel_h = 1;
    int kernel_w = 1;
    int in_channels = 0;
    int stride_h = 1;
    int stride_w = 1;
    int dilation_h = 1;
    int dilation_w = 1;
    padding pad = padding::valid;
    activation act = activation::none;
};

template <class From, conv2d_params P, quant OutQ, const auto& Filter, const auto& Bias, const auto& FilterScales>
struct conv2d {
    using sources = From;
    static_assert(From::count == 1, "conv2d reads exactly one tensor");

    template <class In>
    struct bind : bits::weighted_layer<Filter, Bias, FilterScales, In::q, OutQ, P.act> {
        static_assert(In::shape_type::rank == 4, "conv2d: the input must be a rank-4 [N, H, W, C] tensor");
        static_assert(P.out_channels > 0 && P.kernel_h > 0 && P.kernel_w > 0 && P.in_channels > 0,
                      "conv2d: out_channels, kernel_h, kernel_w and in_channels must be positive");
        static_assert(P.stride_h > 0 && P.stride_w > 0, "conv2d: strides must be positive");
        static_assert(P.dilation_h > 0 && P.dilation_w > 0, "conv2d: dilations must be positive");

        static constexpr conv2d_params params = P;
        using input = In;

        static constexpr int batches = nhwc<typename In::shape_type>::batches;
        static constexpr int in_h = nhwc<typename In::shape_type>::height;
        static constexpr int in_w = nhwc<typename In::shape_type>::width;
        static constexpr int in_c = nhwc<typename In::shape_type>::channels;
        static constexpr int kernel_h = P.kernel_h;
        static constexpr int kernel_w = P.kernel_w;
        static constexpr int filter_in_c = P.in_channels;  // filter's inner dimension
        static constexpr int out_c = P.out_channels;
        static constexpr int stride_h = P.stride_h;
        static constexpr int stride_w = P.stride_w;
        static constexpr int dilation_h = P.dilation_h;
        static constexpr int dilation_w = P.dilation_w;

        // Guarded divisions: a bad parameter reports only the assertion above.
        static_assert(in_c % (P.in_channels > 0 ? P.in_channels : 1) == 0,
                      "conv2d: the input's channel count must be a multiple of the filter's in_channels");
        static constexpr int groups = P.in_channels > 0 && in_c >= P.in_channels ? in_c / P.in_channels : 1;
        static_assert(P.out_channels % groups == 0,
                      "conv2d: out_channels must be a multiple of the number of groups (input channels / in_channels)");
        static constexpr int out_c_per_group = P.out_channels / groups;

        static constexpr window2d window = make_window2d(P.pad, in_h, in_w, P.kernel_h, P.kernel_w, P.stride_h,
                                                         P.stride_w, P.dilation_h, P.dilation_w);
        static_assert(window.out_h > 0 && window.out_w > 0,
                      "conv2d: with VALID padding the (dilated) kernel must fit inside the input");
        static constexpr int out_h = window.out_h;
        static constexpr int out_w = window.out_w;
        static constexpr int pad_top = window.pad_h.before;
        static constexpr int pad_left = window.pad_w.before;

        static_assert(bits::extent_of(Filter) == static_cast<std::size_t>(P.out_channels) *
                                                     static_cast<std::size_t>(P.kernel_h) *
                                                     static_cast<std::size_t>(P.kernel_w) *
                                                     static_cast<std::size_t>(P.in_channels),
                      "conv2d: filter array size must be out_channels * kernel_h * kernel_w * in_channels");
        static_assert(bits::extent_of(Bias) == 0 || bits::extent_of(Bias) == static_cast<std::size_t>(P.out_channels),
                      "conv2d: bias array size must be out_channels (or ctnn::none)");
        static_assert(bits::extent_of(FilterScales) == 1 ||
                          bits::extent_of(FilterScales) == static_cast<std::size_t>(P.out_channels),
                      "conv2d: filter scales must be one (per-tensor) or out_channels (per-channel)");

        using op_tag = conv2d_tag;
        using output = tensor<shape<batches, out_h, out_w, P.out_channels>, OutQ>;
        static constexpr std::string_view name = "CONV_2D";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr const auto& filter = Filter;

        /// Every tap of every output, padded taps included (the usual count).
        static constexpr std::uint64_t macs = static_cast<std::uint64_t>(output::elements) *
                                              static_cast<std::uint64_t>(P.kernel_h) *
                                              static_cast<std::uint64_t>(P.kernel_w) *
                                              static_cast<std::uint64_t>(P.in_channels);
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
