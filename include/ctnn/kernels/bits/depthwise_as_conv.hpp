// ctnn/kernels/bits/depthwise_as_conv.hpp — a DEPTHWISE_CONV_2D layer with one input channel
// seen as the CONV_2D layer it computes, for the SIMD paths (x86, NEON). With in_c == 1 output
// channel o = m reads input channel 0 with filter[0, ky, kx, o]: the scalar depthwise sum is
// exactly the scalar CONV_2D sum over a one-channel patch (taps in the padding skipped in both),
// with the same bias, per-channel requantization and clamp. The filter is transposed at compile
// time from [1, KH, KW, M] to CONV_2D's [M, KH, KW, 1]; everything else is the layer's own.
// (MobileNet's first layer is such a depthwise, 1 -> 8 channels.)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

namespace ctnn::bits {

template <class L>
struct depthwise_as_conv : L {
    static_assert(L::in_c == 1, "depthwise_as_conv: one input channel only");
    static constexpr int filter_in_c = 1;
    static constexpr int groups = 1;
    static constexpr int out_c_per_group = L::out_c;
    static constexpr std::array<std::int8_t, static_cast<std::size_t>(L::kernel_h * L::kernel_w * L::out_c)> filter = [] {
        std::array<std::int8_t, static_cast<std::size_t>(L::kernel_h * L::kernel_w * L::out_c)> f{};
        constexpr int taps = L::kernel_h * L::kernel_w;
        for (int o = 0; o < L::out_c; ++o)
            for (int t = 0; t < taps; ++t) f[static_cast<std::size_t>(o * taps + t)] = std::data(L::filter)[t * L::out_c + o];
        return f;
    }();
};

}  // namespace ctnn::bits
