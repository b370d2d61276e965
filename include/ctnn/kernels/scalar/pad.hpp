// ctnn/kernels/scalar/pad.hpp — reference PAD / PADV2, int8.
//
// The specification: TFLite's reference_ops::Pad. Every output element whose
// coordinates, less the padding before, fall inside the input is that input
// byte; every other is the pad value. Shapes are walked as rank 4.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/pad.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, pad_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        // Is output coordinate o of dimension d inside the copied input?
        const auto inside = [](int o, std::size_t d) {
            return o >= L::before4[d] && o < L::before4[d] + L::in_dims4[d];
        };
        const auto in_index = [](int o0, int o1, int o2, int o3) {
            constexpr auto& in = L::in_dims4;
            constexpr auto& before = L::before4;
            return ((((o0 - before[0]) * in[1] + (o1 - before[1])) * in[2] + (o2 - before[2])) * in[3]) +
                   (o3 - before[3]);
        };

        for (int o0 = 0; o0 < L::out_dims4[0]; ++o0)
            for (int o1 = 0; o1 < L::out_dims4[1]; ++o1)
                for (int o2 = 0; o2 < L::out_dims4[2]; ++o2)
                    for (int o3 = 0; o3 < L::out_dims4[3]; ++o3) {
                        const bool copy = inside(o0, 0) && inside(o1, 1) && inside(o2, 2) && inside(o3, 3);
                        *y++ = copy ? x[in_index(o0, o1, o2, o3)] : L::value;
                    }
    }
};

}  // namespace ctnn
