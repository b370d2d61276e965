// ctnn/kernels/scalar/bits/lookup_unary.hpp — the element loop shared by the
// int8 -> int8 activations with two numerics (LOGISTIC, TANH): one table
// lookup per element (the interpreter's numerics, `L::uses_table`), or a
// fixed-point function of the element (TFLite Micro's).
#pragma once

#include <cstddef>
#include <cstdint>

namespace ctnn::bits {

/// Element-wise: y_i is written after x_i is read, so in place is safe.
template <class L, class FixedPointValue>
void lookup_unary(const void* const* inputs, void* output, FixedPointValue fixed_point_value) noexcept {
    const auto* x = static_cast<const std::int8_t*>(inputs[0]);
    auto* y = static_cast<std::int8_t*>(output);
    for (std::size_t i = 0; i < L::input::elements; ++i) {
        if constexpr (L::uses_table) {
            y[i] = L::table[static_cast<std::size_t>(x[i] + 128)];
        } else {
            y[i] = fixed_point_value(x[i]);
        }
    }
}

}  // namespace ctnn::bits
