// ctnn/kernels/x86/fully_connected.hpp — FULLY_CONNECTED with AVX2.
//
// The row-dot driver shared with the other SIMD paths (kernels/bits/row_dot_fully_connected.hpp:
// same arithmetic as the scalar kernel, bit for bit) over this ISA's micro-kernels
// (bits/patch_dot.hpp: VPMADDWD dot products of int16 rows).
//
// Visible only when compiled with AVX2.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"
#include "ctnn/ops/fully_connected.hpp"

#if defined(__AVX2__)

#include <cstdint>

#include "ctnn/kernels/bits/row_dot_fully_connected.hpp"
#include "ctnn/kernels/x86/bits/patch_dot.hpp"

namespace ctnn {

namespace x86 {
/// This ISA's micro-kernels, as the row-dot driver calls them.
struct row_dot_micro {
    template <int N>
    [[gnu::always_inline]] static void widen_offset(std::int16_t* dst, const std::int8_t* src,
                                                    std::int32_t offset) noexcept {
        x86::widen_offset<N>(dst, src, offset);
    }
    template <int Kp, int C>
    [[gnu::always_inline]] static void dot_rows(const std::int16_t* p, const std::int8_t* w,
                                                std::int32_t* out) noexcept {
        x86::dot_rows<Kp, C>(p, w, out);
    }
};
}  // namespace x86

template <>
struct kernel<isa::avx2, fully_connected_tag> : bits::row_dot_fully_connected<x86::row_dot_micro> {};

}  // namespace ctnn

#endif
