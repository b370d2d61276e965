// ctnn/ops/add.hpp — ADD, int8, with broadcasting and a fused activation.
//
// Inputs: two int8 tensors whose shapes broadcast (ops/bits/elementwise.hpp);
// output: int8 of the broadcast shape. The arithmetic is TFLite's
// reference_integer_ops::Add (kernels/scalar/add.hpp); the multipliers are
// those add.cc's Prepare() computes, here at compile time:
//   twice_max = 2 * max(s1, s2)
//   input k multiplier = s_k / twice_max           (< 1, left shift 20 first)
//   output multiplier  = twice_max / (2^20 * s_out) (must be < 1, as TFLite checks)
#pragma once

#include "ctnn/ops/bits/elementwise.hpp"
#include "ctnn/ops/op.hpp"

namespace ctnn {

struct add_tag {};

namespace bits {
/// The layer of ADD or SUB: both share TFLite's left-shift-20 requantization.
template <class Tag, std::string_view const& Name, elementwise_params P, quant OutQ, class A, class B>
struct add_sub_layer : binary_elementwise_shape<A, B> {
    static_assert(all_int8<A, B>, "ctnn: ADD/SUB read int8 tensors (float models are not supported)");

    using op_tag = Tag;
    using input1 = A;
    using input2 = B;
    using output = tensor<typename binary_elementwise_shape<A, B>::output_shape, OutQ>;
    static constexpr std::string_view name = Name;
    static constexpr node_kind kind = node_kind::compute;

    static constexpr elementwise_params params = P;
    static constexpr int left_shift = add_sub_requant::left_shift;
    static constexpr std::int32_t input1_offset = -A::q.zero_point;
    static constexpr std::int32_t input2_offset = -B::q.zero_point;
    static constexpr std::int32_t output_offset = OutQ.zero_point;
    static constexpr add_sub_requant requant = make_add_sub_requant(A::q, B::q, OutQ);
    static constexpr activation_range range = quantized_activation_range(P.act, OutQ);

    static_assert(requant.real_output < 1.0,
                  "ctnn: ADD/SUB output scale too small for the input scales: TFLite requires "
                  "2 * max(input scales) / (2^20 * output scale) < 1");
    static_assert(A::q.zero_point >= -128 && A::q.zero_point <= 127 && B::q.zero_point >= -128 &&
                      B::q.zero_point <= 127 && OutQ.zero_point >= -128 && OutQ.zero_point <= 127,
                  "ctnn: ADD/SUB zero points must lie in the int8 range");

    static constexpr std::uint64_t macs = binary_elementwise_shape<A, B>::elements;
    static constexpr std::size_t weight_bytes = 0;
    static constexpr std::size_t scratch_bytes = 0;
};

inline constexpr std::string_view add_name = "ADD";
}  // namespace bits

/// ADD: output = act(input0 + input1), requantized to OutQ.
template <class From, elementwise_params P, quant OutQ>
struct add {
    using sources = From;
    static_assert(From::count == 2, "ctnn::add reads exactly two tensors: ctnn::from<a, b>");

    template <class A, class B>
    struct bind : bits::add_sub_layer<add_tag, bits::add_name, P, OutQ, A, B> {};
};

}  // namespace ctnn
