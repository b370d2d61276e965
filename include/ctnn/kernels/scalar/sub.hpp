// ctnn/kernels/scalar/sub.hpp — reference SUB, int8.
//
// The specification: TFLite's int8 reference_ops::Sub / BroadcastQuantSubSlow,
// ADD's arithmetic (kernels/scalar/add.hpp) with the scaled inputs subtracted:
//   y = clamp((x_1' - x_2') * output multiplier + output zero point, act range)
#pragma once

#include <cstdint>

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/add.hpp"
#include "ctnn/kernels/scalar/bits/elementwise.hpp"
#include "ctnn/ops/sub.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, sub_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        scalar_bits::for_each_broadcast<L>(static_cast<const std::int8_t*>(inputs[0]),
                                           static_cast<const std::int8_t*>(inputs[1]),
                                           static_cast<std::int8_t*>(output), scalar_bits::add_sub_element<L, -1>);
    }
};

}  // namespace ctnn
