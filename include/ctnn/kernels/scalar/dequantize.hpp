// ctnn/kernels/scalar/dequantize.hpp — reference DEQUANTIZE.
//
// The specification: TFLite's reference Dequantize,
//   x = static_cast<float>(double(scale) * (q - zero_point)).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/dequantize.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, dequantize_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        using in_t = typename L::in_type;
        constexpr double scale = static_cast<double>(L::input::q.scale());
        constexpr std::int32_t zero_point = L::input::q.zero_point;
        const auto* q = static_cast<const in_t*>(inputs[0]);
        auto* x = static_cast<float*>(output);
        for (std::size_t i = 0; i < L::output::elements; ++i)
            x[i] = static_cast<float>(scale * static_cast<double>(static_cast<std::int32_t>(q[i]) - zero_point));
    }
};

}  // namespace ctnn
