// ctnn/ops/depthwise_conv2d.hpp — DEPTHWISE_CONV_2D.
//
// Input:  int8 [N, H, W, C], asymmetric (scale, zero point).
// Filter: int8 [1, KH, KW, C * M] (TFLite's layout), M = depth multiplier,
//         symmetric, one scale (per-tensor) or C * M scales (per-channel).
// Bias:   int32 [C * M], or ctnn::none.
// Output: int8 [N, OH, OW, C * M]; output channel c * M + m reads input
//         channel c only. OH/OW as TFLite computes them (ops/padding.hpp).
#pragma once

#include "ctnn/ops/bits/weighted.hpp"
#include "ctnn/ops/op.hpp"
#include "ctnn/ops/padding.hpp"

namespace ctnn {

struct depthwise_conv2d_tag {};

struct depthwise_conv2d_params {
    int kernel_h = 1;
    int kernel_w = 1;
    int depth_multiplier = 1;
    int stride_h = 1;
    int stride_w = 1;
    int dilation_h = 1;
    int dilation_w = 1;
    padding pad = padding::valid;
    activation act = activation::none;
};

template <class From, depthwise_conv2d_params P, quant OutQ, const auto& Filter, const auto& Bias,
          const auto& FilterScales>
struct depthwise_conv2d {
    using sources = From;
    static_assert(From::count == 1, "depthwise_conv2d reads exactly one tensor");

    template <class In>
    struct bind : bits::weighted_layer<Filter, Bias, FilterScales, In::q, OutQ, P.act> {
        static_assert(In::shape_type::rank == 4, "depthwise_conv2d: the input must be a rank-4 [N, H, W, C] tensor");
        static_assert(P.kernel_h > 0 && P.kernel_w > 0 && P.depth_multiplier > 0,
                      "depthwise_conv2d: kernel_h, kernel_w and depth_multiplier must be positive");
        static_assert(P.stride_h > 0 && P.stride_w > 0, "depthwise_conv2d: strides must be positive");
        static_assert(P.dilation_h > 0 && P.dilation_w > 0, "depthwise_conv2d: dilations must be positive");

        static constexpr depthwise_conv2d_params params = P;
        using input = In;

        static constexpr int batches = nhwc<typename In::shape_type>::batches;
        static constexpr int in_h = nhwc<typename In::shape_type>::height;
        static constexpr int in_w = nhwc<typename In::shape_type>::width;
        static constexpr int in_c = nhwc<typename In::shape_type>::channels;
        static constexpr int depth_multiplier = P.depth_multiplier;
        static constexpr int out_c = in_c * P.depth_multiplier;
        static constexpr int kernel_h = P.kernel_h;
        static constexpr int kernel_w = P.kernel_w;
        static constexpr int stride_h = P.stride_h;
        static constexpr int stride_w = P.stride_w;
        static constexpr int dilation_h = P.dilation_h;
        static constexpr int dilation_w = P.dilation_w;

        static constexpr window2d window = make_window2d(P.pad, in_h, in_w, P.kernel_h, P.kernel_w, P.stride_h,
                                                         P.stride_w, P.dilation_h, P.dilation_w);
        static_assert(window.out_h > 0 && window.out_w > 0,
                      "depthwise_conv2d: with VALID padding the (dilated) kernel must fit inside the input");
        static constexpr int out_h = window.out_h;
        static constexpr int out_w = window.out_w;
        static constexpr int pad_top = window.pad_h.before;
        static constexpr int pad_left = window.pad_w.before;

        static_assert(bits::extent_of(Filter) == static_cast<std::size_t>(P.kernel_h) *
                                                     static_cast<std::size_t>(P.kernel_w) *
                                                     static_cast<std::size_t>(out_c),
                      "depthwise_conv2d: filter array size must be kernel_h * kernel_w * channels * depth_multiplier");
        static_assert(bits::extent_of(Bias) == 0 || bits::extent_of(Bias) == static_cast<std::size_t>(out_c),
                      "depthwise_conv2d: bias array size must be channels * depth_multiplier (or ctnn::none)");
        static_assert(bits::extent_of(FilterScales) == 1 ||
                          bits::extent_of(FilterScales) == static_cast<std::size_t>(out_c),
                      "depthwise_conv2d: filter scales must be one (per-tensor) or channels * depth_multiplier");

        using op_tag = depthwise_conv2d_tag;
        using output = tensor<shape<batches, out_h, out_w, out_c>, OutQ>;
        static constexpr std::string_view name = "DEPTHWISE_CONV_2D";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr const auto& filter = Filter;

        static constexpr std::uint64_t macs = static_cast<std::uint64_t>(output::elements) *
                                              static_cast<std::uint64_t>(P.kernel_h) *
                                              static_cast<std::uint64_t>(P.kernel_w);
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
