// ctnn/ops/max_pool2d.hpp — MAX_POOL_2D.
//
// Input:  int8 [N, H, W, C]. Output: int8 [N, OH, OW, C], OH/OW from SAME/
// VALID padding and stride (ops/padding.hpp). Each output is the largest of
// the window's taps that lie inside the image.
//
// Like TFLite, the kernel does not requantize: the output quantization should
// equal the input's (the converter always makes them equal). `OutQ` sets the
// fused activation's clamp range.
#pragma once

#include "ctnn/ops/op.hpp"
#include "ctnn/ops/padding.hpp"

namespace ctnn {

struct max_pool2d_tag {};

template <class From, pool2d_params P, quant OutQ>
struct max_pool2d {
    using sources = From;
    static_assert(From::count == 1, "max_pool2d reads exactly one tensor");

    template <class In>
    struct bind : bits::pool2d_geometry<typename In::shape_type, P> {
        using geometry = bits::pool2d_geometry<typename In::shape_type, P>;
        using op_tag = max_pool2d_tag;
        using input = In;
        using output = tensor<typename geometry::output_shape, OutQ>;
        static constexpr std::string_view name = "MAX_POOL_2D";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr activation_range range = quantized_activation_range(P.act, OutQ);

        static constexpr std::uint64_t macs = 0;  // comparisons only
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
