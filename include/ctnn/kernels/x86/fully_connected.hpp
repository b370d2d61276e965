// ctnn/kernels/x86/fully_connected.hpp — FULLY_CONNECTED with AVX2 and with SSE4.1.
//
// The row-dot driver shared with the other SIMD paths (kernels/bits/row_dot_fully_connected.hpp:
// same arithmetic as the scalar kernel, bit for bit, single-rounding requantization) over this
// ISA's micro-kernels (bits/patch_dot.hpp: PMADDWD dot products of the int16 row, input offset
// added, with 4 rows of int8 weights widened as they are loaded).
//
// kernel<isa::avx2, fully_connected_tag> is visible only when compiled with AVX2,
// kernel<isa::sse41, fully_connected_tag> with SSE4.1.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"
#include "ctnn/ops/fully_connected.hpp"

#if defined(__SSE4_1__)

#include <cstdint>
#include <iterator>

#include "ctnn/kernels/bits/row_dot_fully_connected.hpp"
#include "ctnn/kernels/x86/bits/patch_dot.hpp"

namespace ctnn {

namespace x86 {
/// This ISA's micro-kernels, as the row-dot driver calls them.
template <class V>
struct row_dot_micro {
    using operand = std::int16_t;
    static constexpr bool raw = false;
    template <int N>
    [[gnu::always_inline]] static void load_row(std::int16_t* dst, const std::int8_t* src, std::int32_t offset) noexcept {
        V::template widen_offset<N>(dst, src, offset);
    }
    template <int Rows, int K, int Kp, const auto& W>
    static const std::int8_t* weights() noexcept {
        return std::data(padded_rows<Rows, K, Kp, W>);
    }
    template <int Kp, int C>
    [[gnu::always_inline]] static void dot_rows(const std::int16_t* p, const std::int8_t* w, std::int32_t* out) noexcept {
        V::template dot_rows<Kp, C>(p, w, out);
    }
};
}  // namespace x86

template <>
struct kernel<isa::sse41, fully_connected_tag> : bits::row_dot_fully_connected<x86::row_dot_micro<x86::sse41_ops>> {};

#if defined(__AVX2__)
template <>
struct kernel<isa::avx2, fully_connected_tag> : bits::row_dot_fully_connected<x86::row_dot_micro<x86::avx2_ops>> {};
#endif

}  // namespace ctnn

#endif  // __SSE4_1__
