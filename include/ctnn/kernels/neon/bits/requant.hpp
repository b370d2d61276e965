// ctnn/kernels/neon/bits/requant.hpp — TFLite's double-rounding requantization
// (fixed_point::multiply_by_quantized_multiplier) on 4 int32 lanes with NEON, bit for bit:
//   x << left_shift (SSHL, wrapping), SQRDMULH (exactly saturating_rounding_doubling_high_mul),
//   rounding_divide_by_pot: SRSHL rounds ties up, so negative lanes are first lowered by one
//   (SQADD of the sign of x & -right: ties then go away from zero; INT32_MIN, a multiple of
//   every power of two, is unaffected by the saturation).
// Then + bias before, + output zero point and the activation clamp after.
#pragma once

#if defined(__aarch64__) && defined(__ARM_NEON)

#include <arm_neon.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/bits/epilogue.hpp"

namespace ctnn::neon {

/// Per output channel (padded with 16 zeros): bias (`Bias::at(o)`: the layer's, or with the
/// input offset folded in for the dot-product kernels), multiplier, left shift, minus right shift.
template <class L, int Channels, class Bias = bits::layer_bias<L>>
struct requant_table {
    static constexpr std::size_t n = static_cast<std::size_t>(Channels) + 16;
    struct arrays {
        std::array<std::int32_t, n> bias{}, multiplier{}, left{}, neg_right{};
        bool ok = true;
        bool left_shifts = false;  // some channel shifts left
    };
    static constexpr arrays t = [] {
        arrays a{};
        for (int o = 0; o < Channels; ++o) {
            const auto i = static_cast<std::size_t>(o);
            a.bias[i] = Bias::at(o);
            const requant r = L::requant[L::per_channel ? i : 0];
            a.multiplier[i] = r.multiplier;
            a.left[i] = r.shift > 0 ? r.shift : 0;
            a.neg_right[i] = r.shift > 0 ? 0 : r.shift;
            if (r.shift < -31 || r.shift > 30) a.ok = false;
            if (r.shift > 0) a.left_shifts = true;
        }
        return a;
    }();
    static constexpr bool vector_ok = t.ok;
    static constexpr bool left_shifts = t.left_shifts;
};

/// requantize(acc + bias) + zero point, clamped, for the 4 lanes of channels o..o+3.
template <class Table>
[[gnu::always_inline]] inline int32x4_t requant4(int32x4_t acc, int o, std::int32_t zero_point, std::int32_t lo,
                                                 std::int32_t hi) noexcept {
    const auto i = static_cast<std::size_t>(o);
    int32x4_t x = vaddq_s32(acc, vld1q_s32(Table::t.bias.data() + i));
    if constexpr (Table::left_shifts) x = vshlq_s32(x, vld1q_s32(Table::t.left.data() + i));
    const int32x4_t h = vqrdmulhq_s32(x, vld1q_s32(Table::t.multiplier.data() + i));
    const int32x4_t neg_right = vld1q_s32(Table::t.neg_right.data() + i);
    const int32x4_t fixup = vshrq_n_s32(vandq_s32(h, neg_right), 31);
    int32x4_t r = vrshlq_s32(vqaddq_s32(h, fixup), neg_right);
    r = vaddq_s32(r, vdupq_n_s32(zero_point));
    return vminq_s32(vmaxq_s32(r, vdupq_n_s32(lo)), vdupq_n_s32(hi));
}

}  // namespace ctnn::neon

#endif
