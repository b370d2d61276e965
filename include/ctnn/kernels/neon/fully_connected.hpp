// ctnn/kernels/neon/fully_connected.hpp — FULLY_CONNECTED with AArch64 NEON.
//
// The row-dot driver shared with the other SIMD paths (kernels/bits/row_dot_fully_connected.hpp:
// same arithmetic as the scalar kernel, bit for bit) over this ISA's micro-kernels
// (bits/patch_dot.hpp: SMLAL dot products of int16 rows).
//
// Visible only when compiled with AArch64 NEON.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"
#include "ctnn/ops/fully_connected.hpp"

#if defined(__aarch64__) && defined(__ARM_NEON)

#include <cstdint>

#include "ctnn/kernels/bits/row_dot_fully_connected.hpp"
#include "ctnn/kernels/neon/bits/patch_dot.hpp"

namespace ctnn {

namespace neon {
/// This ISA's micro-kernels, as the row-dot driver calls them.
struct row_dot_micro {
    template <int N>
    [[gnu::always_inline]] static void widen_offset(std::int16_t* dst, const std::int8_t* src,
                                                    std::int32_t offset) noexcept {
        neon::widen_offset<N>(dst, src, offset);
    }
    template <int Kp, int C>
    [[gnu::always_inline]] static void dot_rows(const std::int16_t* p, const std::int8_t* w,
                                                std::int32_t* out) noexcept {
        neon::dot_rows<Kp, C>(p, w, out);
    }
};
}  // namespace neon

template <>
struct kernel<isa::neon, fully_connected_tag> : bits::row_dot_fully_connected<neon::row_dot_micro> {};

}  // namespace ctnn

#endif
