// ctnn/kernels/scalar/bits/elementwise.hpp — the loop every binary
// element-wise kernel shares: TFLite broadcasting, resolved at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace ctnn::scalar_bits {

/// y[i] = f(a[ia], b[ib]) for every output element i, in order, where ia and
/// ib index the inputs under broadcasting (L::a_strides / L::b_strides are 0
/// along a broadcast dimension). Without broadcasting, ia == ib == i.
///
/// Output element i is written only after a[ia] and b[ib] have been read, so
/// the output may alias input 0 whenever input 0 is not broadcast (L::in_place).
template <class L, class F>
void for_each_broadcast(const std::int8_t* a, const std::int8_t* b, std::int8_t* y, F f) noexcept {
    constexpr std::size_t n = L::elements;
    if constexpr (!L::broadcasting) {
        for (std::size_t i = 0; i < n; ++i) y[i] = f(a[i], b[i]);
    } else {
        // An odometer over the output coordinates, last dimension fastest.
        constexpr std::size_t rank = L::rank;
        std::array<int, rank> index{};
        std::size_t ia = 0;
        std::size_t ib = 0;
        for (std::size_t i = 0; i < n; ++i) {
            y[i] = f(a[ia], b[ib]);
            for (std::size_t d = rank; d-- > 0;) {
                ia += L::a_strides[d];
                ib += L::b_strides[d];
                if (++index[d] < L::out_dims[d]) break;
                // This dimension wraps: rewind it and carry into the next.
                index[d] = 0;
                ia -= L::a_strides[d] * static_cast<std::size_t>(L::out_dims[d]);
                ib -= L::b_strides[d] * static_cast<std::size_t>(L::out_dims[d]);
            }
        }
    }
}

}  // namespace ctnn::scalar_bits
