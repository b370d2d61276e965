// ctnn/ops/sub.hpp — SUB, int8, with broadcasting and a fused activation.
//
// Same requantization as ADD (ops/add.hpp: left shift 20, per-input
// multipliers s_k / (2 * max(s1, s2))); the scaled inputs are subtracted.
// The arithmetic is TFLite's int8 reference Sub / BroadcastQuantSubSlow
// (kernels/scalar/sub.hpp).
#pragma once

#include "ctnn/ops/add.hpp"

namespace ctnn {

struct sub_tag {};

namespace bits {
inline constexpr std::string_view sub_name = "SUB";
}  // namespace bits

/// SUB: output = act(input0 - input1), requantized to OutQ.
template <class From, elementwise_params P, quant OutQ>
struct sub {
    using sources = From;
    static_assert(From::count == 2, "ctnn::sub reads exactly two tensors: ctnn::from<a, b>");

    template <class A, class B>
    struct bind : bits::add_sub_layer<sub_tag, bits::sub_name, P, OutQ, A, B> {};
};

}  // namespace ctnn
