// ctnn/ops/mul.hpp — MUL, int8, with broadcasting and a fused activation.
//
// Inputs: two int8 tensors whose shapes broadcast (ops/bits/elementwise.hpp);
// output: int8 of the broadcast shape. The arithmetic is TFLite's
// reference_integer_ops::Mul (kernels/scalar/mul.hpp) with the one multiplier
// mul.cc's Prepare() computes, in float: s1 * s2 / s_out.
#pragma once

#include "ctnn/ops/bits/elementwise.hpp"
#include "ctnn/ops/op.hpp"

namespace ctnn {

struct mul_tag {};

/// MUL: output = act(input0 * input1), requantized to OutQ.
template <class From, elementwise_params P, quant OutQ>
struct mul {
    using sources = From;
    static_assert(From::count == 2, "ctnn::mul reads exactly two tensors: ctnn::from<a, b>");

    template <class A, class B>
    struct bind : bits::binary_elementwise_shape<A, B> {
        static_assert(bits::all_int8<A, B>, "ctnn: MUL reads int8 tensors (float models are not supported)");

        using op_tag = mul_tag;
        using input1 = A;
        using input2 = B;
        using output = tensor<typename bits::binary_elementwise_shape<A, B>::output_shape, OutQ>;
        static constexpr std::string_view name = "MUL";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr elementwise_params params = P;
        static constexpr std::int32_t input1_offset = -A::q.zero_point;
        static constexpr std::int32_t input2_offset = -B::q.zero_point;
        static constexpr std::int32_t output_offset = OutQ.zero_point;
        static constexpr requant output_requant = bits::make_mul_requant(A::q, B::q, OutQ);
        static constexpr activation_range range = quantized_activation_range(P.act, OutQ);

        static constexpr std::uint64_t macs = bits::binary_elementwise_shape<A, B>::elements;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
    };
};

}  // namespace ctnn
