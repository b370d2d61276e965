// ctnn/kernels/scalar/concatenation.hpp — reference CONCATENATION.
//
// The specification: TFLite's reference Concatenation (a copy per input
// block) and, for an int8 input quantized differently from the output,
// ConcatenationWithScaling's float requantization, which the layer holds as
// a 256-entry table per such input (ops/concatenation.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/concatenation.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, concatenation_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        using T = typename L::value_type;
        auto* y = static_cast<T*>(output);
        for (std::size_t k = 0; k < L::outer; ++k) {
            for (std::size_t i = 0; i < L::count; ++i) {
                const T* x = static_cast<const T*>(inputs[i]) + k * L::block[i];
                if (L::copy[i]) {
                    for (std::size_t j = 0; j < L::block[i]; ++j) y[j] = x[j];
                } else {
                    requantize<L>(x, y, L::block[i], L::table_of[i]);
                }
                y += L::block[i];
            }
        }
    }

private:
    template <class L, class T>
    static void requantize(const T* x, T* y, std::size_t n, std::size_t table) noexcept {
        if constexpr (L::requantized_count > 0) {
            for (std::size_t j = 0; j < n; ++j)
                y[j] = L::tables[table][static_cast<std::size_t>(static_cast<int>(x[j]) + 128)];
        } else {
            (void)x, (void)y, (void)n, (void)table;
        }
    }
};

}  // namespace ctnn
