// ctnn/kernels/neon/fully_connected.hpp — FULLY_CONNECTED with AArch64 NEON.
//
// The row-dot driver shared with the other SIMD paths (kernels/bits/row_dot_fully_connected.hpp:
// same arithmetic as the scalar kernel, bit for bit, single-rounding requantization) over this
// ISA's micro-kernels (bits/patch_dot.hpp): with the dot product (__ARM_FEATURE_DOTPROD), SDOT
// of the raw int8 row (read in place when the depth is a multiple of 16) against the weights in
// the SDOT layout, the input offset folded into the bias at compile time; otherwise SMLAL dot
// products of the int16 row, input offset added.
//
// Visible only when compiled with AArch64 NEON.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"
#include "ctnn/ops/fully_connected.hpp"

#if defined(__aarch64__) && defined(__ARM_NEON)

#include <arm_neon.h>

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

#if defined(__ARM_FEATURE_DOTPROD)

/// The micro-kernels with the dot product (SDOT on raw int8 rows).
struct sdot_row_dot {
    using operand = std::int8_t;
    static constexpr bool raw = true;
    template <int N>
    [[gnu::always_inline]] static void load_row(std::int8_t* dst, const std::int8_t* src, std::int32_t) noexcept {
        copy_bytes<N>(dst, src);
    }
    template <int Rows, int K, int Kp, const auto& W>
    static const std::int8_t* weights() noexcept {
        return std::data(sdot_rows<Rows, K, Kp, W>);
    }
    template <int Kp, int C>
    [[gnu::always_inline]] static void dot_rows(const std::int8_t* p, const std::int8_t* w, std::int32_t* out) noexcept {
        int32x4_t acc;
        sdot_group<Kp, 1>(&p, w, &acc);
        vst1q_s32(out, acc);
    }
};

using row_dot_micro = sdot_row_dot;
#else
using row_dot_micro = smlal_row_dot;
#endif

}  // namespace neon

template <>
struct kernel<isa::neon, fully_connected_tag> : bits::row_dot_fully_connected<neon::row_dot_micro> {};

}  // namespace ctnn

#endif
