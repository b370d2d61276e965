// ctnn/kernels/neon/fully_connected.hpp — FULLY_CONNECTED with AArch64 NEON.
//
// The row-dot driver shared with the other SIMD paths (kernels/bits/row_dot_fully_connected.hpp:
// same arithmetic as the scalar kernel, bit for bit, single-rounding requantization) over this
// ISA's micro-kernels (bits/patch_dot.hpp): SMLAL dot products of the int16 row, input offset
// added.
//
// Visible only when compiled with AArch64 NEON.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"
#include "ctnn/ops/fully_connected.hpp"

#if defined(__aarch64__) && defined(__ARM_NEON)

#include <cstdint>
#include <iterator>

#include "ctnn/kernels/bits/row_dot_fully_connected.hpp"
#include "ctnn/kernels/neon/bits/patch_dot.hpp"

namespace ctnn {

namespace neon {

/// The micro-kernels without the dot product (SMLAL on int16 rows), as the row-dot driver calls them.
struct smlal_row_dot {
    using operand = std::int16_t;
    static constexpr bool raw = false;
    template <int N>
    [[gnu::always_inline]] static void load_row(std::int16_t* dst, const std::int8_t* src, std::int32_t offset) noexcept {
        widen_offset<N>(dst, src, offset);
    }
    template <int Rows, int K, int Kp, const auto& W>
    static const std::int8_t* weights() noexcept {
        return std::data(padded_rows<Rows, K, Kp, W>);
    }
    template <int Kp, int C>
    [[gnu::always_inline]] static void dot_rows(const std::int16_t* p, const std::int8_t* w, std::int32_t* out) noexcept {
        neon::dot_rows<Kp, C>(p, w, out);
    }
};

using row_dot_micro = smlal_row_dot;

}  // namespace neon

template <>
struct kernel<isa::neon, fully_connected_tag> : bits::row_dot_fully_connected<neon::row_dot_micro> {};

}  // namespace ctnn

#endif
